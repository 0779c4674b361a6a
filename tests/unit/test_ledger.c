/*
 * test_ledger.c: journal entries, balances and reversals.  Amounts are
 * fen (CNY, 2 digits) on the shipped chart: 1001 cash, 1122 receivable,
 * 2203 prepayments, 1405 inventory, 5001 revenue, 5602 administrative
 * expenses, 2221 tax.
 *
 * A refused post is run in a transaction that then commits anyway, so
 * the test sees whether ledger_post itself wrote anything.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testlib.h"

#include "ordo/company.h"
#include "ordo/customer.h"
#include "ordo/error.h"
#include "ordo/ledger.h"
#include "ordo/xmalloc.h"

#define MAXP	6

struct post {
	enum entry_kind	 kind;
	const char	*acct[MAXP];
	int64_t		 amt[MAXP];
	const char	*cust[MAXP];
	int		 manual;	/* through ledger_post_manual */
	int		 role;		/* -1: leave as is */
	int64_t		 now;		/* 0: leave as is */
	/* Out. */
	uint64_t	 id;
	int64_t		 time;
	int		 rc;
	char		*cause;
};

struct rev {
	uint64_t	 id;
	int		 manual;
	int		 role;
	uint64_t	 out;
	int		 rc;
	char		*cause;
};

/* What a user could look at: counts and balances. */
struct state {
	size_t		 journal, postings, index, reversals;
	uint64_t	 seq;
	int64_t		 cash, ar, rev, exp, tax;
	int64_t		 c1_ar, c2_ar;
};

static int
add_customers(struct db_txn *tx, void *arg, char **cause)
{
	static const char *codes[] = { "C1", "C2" };
	struct customer	 c;
	size_t		 i;
	int		 rc;

	(void)arg;
	for (i = 0; i < 2; i++) {
		memset(&c, 0, sizeof c);
		c.code = (char *)codes[i];
		c.name = (char *)"Test customer";
		if ((rc = customer_add(tx, &c, cause)) != 0)
			return (rc);
	}
	return (0);
}

static struct tco *
setup(void)
{
	struct tco	*t = t_open();

	assert_int_equal(t_write(t, add_customers, NULL), 0);
	return (t);
}

static int
do_post(struct db_txn *tx, void *arg, char **cause)
{
	struct post	*p = arg;
	struct company	 as;
	struct entry	 e;
	size_t		 i;

	(void)cause;
	if (p->role >= 0) {
		as = *tx->co;
		as.role = p->role;
		tx->co = &as;
	}
	if (p->now != 0)
		tx->now = p->now;
	entry_init(&e, p->kind, "test entry");
	for (i = 0; i < MAXP && p->acct[i] != NULL; i++) {
		if (p->amt[i] == 0) {
			/* entry_add skips zero: put it in by hand. */
			e.p = xreallocarray(e.p, e.np + 1, sizeof *e.p);
			e.p[e.np].account = xstrdup(p->acct[i]);
			e.p[e.np].amount = 0;
			e.p[e.np].customer = xstrdup("");
			e.np++;
			continue;
		}
		entry_add(&e, p->acct[i], p->amt[i], p->cust[i]);
	}
	free(p->cause);
	p->cause = NULL;
	if (p->manual)
		p->rc = ledger_post_manual(tx, &e, &p->cause);
	else
		p->rc = ledger_post(tx, &e, &p->cause);
	p->id = e.id;
	p->time = e.time;
	entry_free(&e);
	return (0);	/* commit whatever ledger_post left behind */
}

static int
do_reverse(struct db_txn *tx, void *arg, char **cause)
{
	struct rev	*r = arg;
	struct company	 as;

	(void)cause;
	if (r->role >= 0) {
		as = *tx->co;
		as.role = r->role;
		tx->co = &as;
	}
	free(r->cause);
	r->cause = NULL;
	if (r->manual)
		r->rc = ledger_reverse_manual(tx, r->id, NULL, &r->out,
		    &r->cause);
	else
		r->rc = ledger_reverse(tx, r->id, NULL, &r->out, &r->cause);
	return (0);
}

static int
read_state(struct db_txn *tx, void *arg, char **cause)
{
	struct state	*s = arg;

	(void)cause;
	memset(s, 0, sizeof *s);
	s->journal = db_count(tx, TB_JOURNAL);
	s->postings = db_count(tx, TB_POSTINGS);
	s->index = db_count(tx, TB_POST_BY_ACCOUNT);
	s->reversals = db_count(tx, TB_REVERSALS);
	s->seq = db_seq_peek(tx, "journal");
	assert_int_equal(ledger_balance(tx, "1001", &s->cash), 0);
	assert_int_equal(ledger_balance(tx, "1122", &s->ar), 0);
	assert_int_equal(ledger_balance(tx, "5001", &s->rev), 0);
	assert_int_equal(ledger_balance(tx, "5602", &s->exp), 0);
	assert_int_equal(ledger_balance(tx, "2221", &s->tax), 0);
	s->c1_ar = ledger_customer_balance(tx, "C1", ACCT_RECEIVABLE);
	s->c2_ar = ledger_customer_balance(tx, "C2", ACCT_RECEIVABLE);
	return (0);
}

static struct state
state(struct tco *t)
{
	struct state	 s;

	assert_int_equal(t_read(t, read_state, &s), 0);
	return (s);
}

static void
post_init(struct post *p, enum entry_kind kind)
{
	memset(p, 0, sizeof *p);
	p->kind = kind;
	p->role = -1;
}

/* A refused post: code, a word of the message, and nothing written. */
static void
refused(struct tco *t, struct post *p, int code, const char *word)
{
	struct state	 a, b;

	a = state(t);
	assert_int_equal(t_write(t, do_post, p), 0);
	b = state(t);
	if (p->rc != code)
		fail_msg("expected %s, got %s (%s)", ordo_strerror(code),
		    ordo_strerror(p->rc), p->cause != NULL ? p->cause : "");
	assert_non_null(p->cause);
	if (strstr(p->cause, word) == NULL)
		fail_msg("\"%s\" does not say \"%s\"", p->cause, word);
	assert_memory_equal(&a, &b, sizeof a);
	free(p->cause);
	p->cause = NULL;
}

static void
test_balanced(void **state_)
{
	struct tco	*t = setup();
	struct post	 p;
	struct state	 s;

	(void)state_;
	post_init(&p, ENTRY_MANUAL);
	p.acct[0] = "5602"; p.amt[0] = 12345;
	p.acct[1] = "2221"; p.amt[1] = 655;
	p.acct[2] = "1001"; p.amt[2] = -13000;
	assert_int_equal(t_write(t, do_post, &p), 0);
	assert_int_equal(p.rc, 0);
	assert_int_equal(p.id, 1);
	s = state(t);
	assert_int_equal(s.journal, 1);
	assert_int_equal(s.postings, 3);
	assert_int_equal(s.index, 3);
	assert_int_equal(s.exp, 12345);
	assert_int_equal(s.tax, 655);
	assert_int_equal(s.cash, -13000);

	/* The second entry gets the next number. */
	post_init(&p, ENTRY_MANUAL);
	p.acct[0] = "1001"; p.amt[0] = 5000;
	p.acct[1] = "5602"; p.amt[1] = -5000;
	assert_int_equal(t_write(t, do_post, &p), 0);
	assert_int_equal(p.rc, 0);
	assert_int_equal(p.id, 2);
	s = state(t);
	assert_int_equal(s.cash, -8000);
	assert_int_equal(s.exp, 7345);
	t_close(t);
}

static void
test_refusals(void **state_)
{
	struct tco	*t = setup();
	struct post	 p;

	(void)state_;
	/* Off by one fen: the message gives the imbalance. */
	post_init(&p, ENTRY_MANUAL);
	p.acct[0] = "5602"; p.amt[0] = 10000;
	p.acct[1] = "1001"; p.amt[1] = -9999;
	refused(t, &p, ORDO_EUNBALANCED, "off by 0.01");

	post_init(&p, ENTRY_MANUAL);
	p.acct[0] = "5602"; p.amt[0] = 10000;
	refused(t, &p, ORDO_EUNBALANCED, "at least two postings");

	post_init(&p, ENTRY_MANUAL);
	refused(t, &p, ORDO_EUNBALANCED, "has 0");

	post_init(&p, ENTRY_MANUAL);
	p.acct[0] = "5602"; p.amt[0] = 10000;
	p.acct[1] = "9999"; p.amt[1] = -10000;
	refused(t, &p, ORDO_EINVAL, "posting 2: no account 9999");

	post_init(&p, ENTRY_MANUAL);
	p.acct[0] = "5602"; p.amt[0] = 10000;
	p.acct[1] = "1001"; p.amt[1] = -10000;
	p.acct[2] = "2221"; p.amt[2] = 0;
	refused(t, &p, ORDO_EINVAL, "posting 3: amount is zero");

	/* Customers: only on receivable and prepayments, and must exist. */
	post_init(&p, ENTRY_SHIPMENT);
	p.acct[0] = "1122"; p.amt[0] = 10000;
	p.acct[1] = "5001"; p.amt[1] = -10000;
	refused(t, &p, ORDO_EINVAL, "needs a customer");

	post_init(&p, ENTRY_SHIPMENT);
	p.acct[0] = "1122"; p.amt[0] = 10000; p.cust[0] = "NOBODY";
	p.acct[1] = "5001"; p.amt[1] = -10000;
	refused(t, &p, ORDO_EINVAL, "no customer NOBODY");

	post_init(&p, ENTRY_SHIPMENT);
	p.acct[0] = "1122"; p.amt[0] = 10000; p.cust[0] = "C1";
	p.acct[1] = "5001"; p.amt[1] = -10000; p.cust[1] = "C1";
	refused(t, &p, ORDO_EINVAL, "does not take a customer");

	/* Overflow of the sum. */
	post_init(&p, ENTRY_MANUAL);
	p.acct[0] = "5602"; p.amt[0] = INT64_MAX;
	p.acct[1] = "5602"; p.amt[1] = 1;
	p.acct[2] = "1001"; p.amt[2] = -1;
	refused(t, &p, ORDO_ERANGE, "out of range");

	/* Manual entries: a manager, and not on kept accounts. */
	post_init(&p, ENTRY_MANUAL);
	p.manual = 1;
	p.role = ROLE_CLERK;
	p.acct[0] = "5602"; p.amt[0] = 100;
	p.acct[1] = "1001"; p.amt[1] = -100;
	refused(t, &p, ORDO_EPERM, "needs a manager");

	post_init(&p, ENTRY_MANUAL);
	p.manual = 1;
	p.acct[0] = "1122"; p.amt[0] = 100; p.cust[0] = "C1";
	p.acct[1] = "5001"; p.amt[1] = -100;
	refused(t, &p, ORDO_EINVAL, "receivable account is kept");

	post_init(&p, ENTRY_MANUAL);
	p.manual = 1;
	p.acct[0] = "1405"; p.amt[0] = 100;
	p.acct[1] = "3001"; p.amt[1] = -100;
	refused(t, &p, ORDO_EINVAL, "inventory account is kept");

	post_init(&p, ENTRY_SHIPMENT);
	p.manual = 1;
	p.acct[0] = "5602"; p.amt[0] = 100;
	p.acct[1] = "1001"; p.amt[1] = -100;
	refused(t, &p, ORDO_EINVAL, "kind manual or opening");

	/* And a manager may. */
	post_init(&p, ENTRY_MANUAL);
	p.manual = 1;
	p.role = ROLE_MANAGER;
	p.acct[0] = "5602"; p.amt[0] = 100;
	p.acct[1] = "1001"; p.amt[1] = -100;
	assert_int_equal(t_write(t, do_post, &p), 0);
	assert_int_equal(p.rc, 0);
	assert_int_equal(p.id, 1);
	assert_int_equal(state(t).journal, 1);
	t_close(t);
}

struct got {
	uint64_t	 id;
	struct entry	 e;
	int		 rc;
};

static int
do_get(struct db_txn *tx, void *arg, char **cause)
{
	struct got	*g = arg;

	(void)cause;
	g->rc = ledger_get(tx, g->id, &g->e, NULL);
	return (0);
}

static void
test_reverse(void **state_)
{
	struct tco	*t = setup();
	struct post	 p;
	struct rev	 r;
	struct got	 g;
	struct state	 s, s2;

	(void)state_;
	post_init(&p, ENTRY_SHIPMENT);
	p.acct[0] = "1122"; p.amt[0] = 11300; p.cust[0] = "C1";
	p.acct[1] = "5001"; p.amt[1] = -10000;
	p.acct[2] = "2221"; p.amt[2] = -1300;
	assert_int_equal(t_write(t, do_post, &p), 0);
	assert_int_equal(p.rc, 0);
	s = state(t);
	assert_int_equal(s.ar, 11300);
	assert_int_equal(s.c1_ar, 11300);
	assert_int_equal(s.rev, -10000);

	memset(&r, 0, sizeof r);
	r.id = p.id;
	r.role = -1;
	assert_int_equal(t_write(t, do_reverse, &r), 0);
	assert_int_equal(r.rc, 0);
	assert_int_equal(r.out, 2);
	s = state(t);
	assert_int_equal(s.journal, 2);
	assert_int_equal(s.reversals, 1);
	assert_int_equal(s.ar, 0);
	assert_int_equal(s.c1_ar, 0);
	assert_int_equal(s.rev, 0);
	assert_int_equal(s.tax, 0);

	/* The reversal is the exact negation and says what it reverses. */
	memset(&g, 0, sizeof g);
	g.id = 2;
	assert_int_equal(t_read(t, do_get, &g), 0);
	assert_int_equal(g.rc, 0);
	assert_int_equal(g.e.kind, ENTRY_REVERSAL);
	assert_int_equal(g.e.reverses, 1);
	assert_int_equal(g.e.np, 3);
	assert_string_equal(g.e.p[0].account, "1122");
	assert_int_equal(g.e.p[0].amount, -11300);
	assert_string_equal(g.e.p[0].customer, "C1");
	assert_string_equal(g.e.p[1].account, "5001");
	assert_int_equal(g.e.p[1].amount, 10000);
	assert_int_equal(g.e.p[2].amount, 1300);
	assert_string_equal(g.e.memo, "reversal of entry 1");
	entry_free(&g.e);

	/* Twice: refused, nothing written. */
	s = state(t);
	assert_int_equal(t_write(t, do_reverse, &r), 0);
	assert_int_equal(r.rc, ORDO_ESTATE);
	assert_non_null(strstr(r.cause, "already reversed by entry 2"));
	s2 = state(t);
	assert_memory_equal(&s, &s2, sizeof s);

	/* A reversal cannot be reversed. */
	r.id = 2;
	assert_int_equal(t_write(t, do_reverse, &r), 0);
	assert_int_equal(r.rc, ORDO_ESTATE);
	assert_non_null(strstr(r.cause, "itself the reversal of entry 1"));
	s2 = state(t);
	assert_memory_equal(&s, &s2, sizeof s);

	r.id = 99;
	assert_int_equal(t_write(t, do_reverse, &r), 0);
	assert_int_equal(r.rc, ORDO_ENOTFOUND);

	/* A person may not reverse an entry on the receivable. */
	post_init(&p, ENTRY_SHIPMENT);
	p.acct[0] = "1122"; p.amt[0] = 500; p.cust[0] = "C2";
	p.acct[1] = "5001"; p.amt[1] = -500;
	assert_int_equal(t_write(t, do_post, &p), 0);
	assert_int_equal(p.rc, 0);
	r.id = p.id;
	r.manual = 1;
	assert_int_equal(t_write(t, do_reverse, &r), 0);
	assert_int_equal(r.rc, ORDO_ESTATE);
	assert_non_null(strstr(r.cause, "receivable account"));

	/* But a manual expense, by a manager only. */
	post_init(&p, ENTRY_MANUAL);
	p.acct[0] = "5602"; p.amt[0] = 700;
	p.acct[1] = "1001"; p.amt[1] = -700;
	assert_int_equal(t_write(t, do_post, &p), 0);
	r.id = p.id;
	r.role = ROLE_CLERK;
	assert_int_equal(t_write(t, do_reverse, &r), 0);
	assert_int_equal(r.rc, ORDO_EPERM);
	r.role = ROLE_MANAGER;
	assert_int_equal(t_write(t, do_reverse, &r), 0);
	assert_int_equal(r.rc, 0);
	s = state(t);
	assert_int_equal(s.exp, 0);
	assert_int_equal(s.cash, 0);
	assert_int_equal(s.c2_ar, 500);
	free(r.cause);
	t_close(t);
}

static int64_t sum_ids;

static int
each_fn(const struct entry *e, void *arg)
{
	int	*n = arg;

	sum_ids += (int64_t)e->id;
	return (++*n == 2);	/* stop after two */
}

static int
do_each(struct db_txn *tx, void *arg, char **cause)
{
	(void)cause;
	return (ledger_each(tx, *(uint64_t *)arg, each_fn, &(int){ 0 }));
}

static void
test_balances_and_time(void **state_)
{
	struct tco	*t = setup();
	struct post	 p;
	struct state	 s;
	uint64_t	 after;
	int64_t		 t1;
	int		 i;

	(void)state_;
	/* C1 owes 100.00, C2 25.50; C1 pays 40.00 in cash. */
	post_init(&p, ENTRY_SHIPMENT);
	p.now = 1700000000;
	p.acct[0] = "1122"; p.amt[0] = 10000; p.cust[0] = "C1";
	p.acct[1] = "1122"; p.amt[1] = 2550; p.cust[1] = "C2";
	p.acct[2] = "5001"; p.amt[2] = -12550;
	assert_int_equal(t_write(t, do_post, &p), 0);
	assert_int_equal(p.rc, 0);
	t1 = p.time;
	assert_int_equal(t1, 1700000000);

	/* The clock steps back: the entry keeps the journal in order. */
	post_init(&p, ENTRY_PAYMENT);
	p.now = 1600000000;
	p.acct[0] = "1001"; p.amt[0] = 4000;
	p.acct[1] = "1122"; p.amt[1] = -4000; p.cust[1] = "C1";
	assert_int_equal(t_write(t, do_post, &p), 0);
	assert_int_equal(p.rc, 0);
	assert_int_equal(p.time, t1);

	s = state(t);
	assert_int_equal(s.ar, 8550);
	assert_int_equal(s.c1_ar, 6000);
	assert_int_equal(s.c2_ar, 2550);
	assert_int_equal(s.cash, 4000);
	assert_int_equal(s.rev, -12550);

	for (i = 0; i < 3; i++) {
		post_init(&p, ENTRY_MANUAL);
		p.acct[0] = "5602"; p.amt[0] = 1;
		p.acct[1] = "1001"; p.amt[1] = -1;
		assert_int_equal(t_write(t, do_post, &p), 0);
	}
	/* ledger_each from after 2: entries 3 and 4, then stopped. */
	sum_ids = 0;
	after = 2;
	assert_int_equal(t_read(t, do_each, &after), 0);
	assert_int_equal(sum_ids, 7);
	sum_ids = 0;
	after = 0;
	assert_int_equal(t_read(t, do_each, &after), 0);
	assert_int_equal(sum_ids, 3);
	sum_ids = 0;
	after = 5;
	assert_int_equal(t_read(t, do_each, &after), 0);
	assert_int_equal(sum_ids, 0);
	t_close(t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_balanced),
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_reverse),
		cmocka_unit_test(test_balances_and_time),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
