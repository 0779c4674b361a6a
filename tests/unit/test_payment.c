/*
 * test_payment.c: invoices, payments, prepayments, allocation and
 * refunds, checked to the fen on the documents and on the books.
 *
 * Invoices are made as order_ship makes them: invoice_create plus the
 * matching entry (Dr receivable for the customer, Cr revenue), credit
 * notes the other way round.  Every test ends with check_all finding
 * nothing wrong.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testlib.h"

#include "ordo/check.h"
#include "ordo/company.h"
#include "ordo/customer.h"
#include "ordo/error.h"
#include "ordo/ledger.h"
#include "ordo/payment.h"
#include "ordo/xmalloc.h"

#define DAY	86400
#define T0	((int64_t)1767225600)	/* 2026-01-01 00:00:00 UTC */

static char	*why;

static int
add_customers(struct db_txn *tx, void *arg, char **cause)
{
	static const char *codes[] = { "C1", "C2", "C3" };
	struct customer	 c;
	size_t		 i;
	int		 rc;

	(void)arg;
	for (i = 0; i < 3; i++) {
		memset(&c, 0, sizeof c);
		c.code = (char *)codes[i];
		c.name = (char *)"Customer";
		if ((rc = customer_add(tx, &c, cause)) != 0)
			return (rc);
	}
	return (0);
}

/* One call, as a closure: what, who, how much, when. */
enum op_what { INV, PAY, PREPAY, ALLOC, ALLOC_ALL, REFUND };

struct op {
	enum op_what	 what;
	const char	*cust;
	int64_t		 amount;
	int64_t		 now;
	enum pay_method	 method;
	const uint64_t	*chosen;
	size_t		 nchosen;
	int		 role;		/* -1: admin as opened */
	/* Out. */
	uint64_t	 id;
	int64_t		 done;
	int		 rc;
};

static int
run_fn(struct db_txn *tx, void *arg, char **cause)
{
	struct op	*o = arg;
	struct company	 as;
	struct entry	 e;
	int		 rc;

	if (o->now != 0)
		tx->now = o->now;
	if (o->role >= 0) {
		as = *tx->co;
		as.role = o->role;
		tx->co = &as;
	}
	o->id = 0;
	o->done = 0;
	switch (o->what) {
	case INV:
		if ((rc = invoice_create(tx, 0, o->cust, o->amount, &o->id,
		    cause)) != 0)
			return (rc);
		entry_init(&e, o->amount > 0 ? ENTRY_SHIPMENT : ENTRY_RETURN,
		    "test invoice");
		e.doc = o->id;
		entry_add_role(&e, tx->co->cfg, ACCT_RECEIVABLE, o->amount,
		    o->cust);
		entry_add_role(&e, tx->co->cfg, o->amount > 0 ? ACCT_REVENUE :
		    ACCT_RETURNS, -o->amount, NULL);
		rc = ledger_post(tx, &e, cause);
		entry_free(&e);
		return (rc);
	case PAY:
	case PREPAY:
		return (pay_record(tx, o->cust, o->amount, o->method,
		    o->what == PREPAY, "ref-1", &o->id, cause));
	case ALLOC:
		return (pay_allocate(tx, o->cust, o->chosen, o->nchosen,
		    &o->done, cause));
	case ALLOC_ALL:
		return (pay_allocate_all(tx, &o->done, cause));
	case REFUND:
		return (pay_refund(tx, o->cust, o->amount, o->method, "",
		    &o->id, cause));
	}
	return (ORDO_EINVAL);
}

/* Run an operation; returns its code, the cause in "why". */
static int
run(struct tco *t, struct op *o)
{
	free(why);
	why = NULL;
	o->rc = db_write(t->db, run_fn, o, &why);
	return (o->rc);
}

static uint64_t
inv(struct tco *t, const char *cust, int64_t amount, int64_t now)
{
	struct op	 o = { .what = INV, .cust = cust, .amount = amount,
			    .now = now, .role = -1 };

	if (run(t, &o) != 0)
		fail_msg("invoice: %s", why);
	return (o.id);
}

static uint64_t
pay(struct tco *t, enum op_what w, const char *cust, int64_t amount,
    enum pay_method m, int64_t now)
{
	struct op	 o = { .what = w, .cust = cust, .amount = amount,
			    .now = now, .method = m, .role = -1 };

	if (run(t, &o) != 0)
		fail_msg("payment: %s", why);
	return (o.id);
}

static int64_t
alloc(struct tco *t, const char *cust, const uint64_t *ids, size_t n)
{
	struct op	 o = { .what = ALLOC, .cust = cust, .chosen = ids,
			    .nchosen = n, .role = -1 };

	if (run(t, &o) != 0)
		fail_msg("allocate: %s", why);
	return (o.done);
}

/* What the user sees: an invoice's open amount, a payment's credit. */
struct look {
	uint64_t	 id;
	int64_t		 v;
	int64_t		 amount;
	const char	*acct;
	const char	*cust;
	int		 rc;
};

static int
open_fn(struct db_txn *tx, void *arg, char **cause)
{
	struct look	*l = arg;
	struct invoice	 i;

	(void)cause;
	if ((l->rc = invoice_get(tx, l->id, &i)) == 0) {
		l->v = i.open;
		l->amount = i.amount;
	}
	invoice_free(&i);
	return (0);
}

static int64_t
open_of(struct tco *t, uint64_t id)
{
	struct look	 l = { .id = id };

	assert_int_equal(t_read(t, open_fn, &l), 0);
	assert_int_equal(l.rc, 0);
	return (l.v);
}

static int
unalloc_fn(struct db_txn *tx, void *arg, char **cause)
{
	struct look	*l = arg;
	struct payment	 p;

	(void)cause;
	if ((l->rc = payment_get(tx, l->id, &p)) == 0) {
		l->v = p.unallocated;
		l->amount = p.amount;
	}
	payment_free(&p);
	return (0);
}

static int64_t
unalloc_of(struct tco *t, uint64_t id, int64_t *amount)
{
	struct look	 l = { .id = id };

	assert_int_equal(t_read(t, unalloc_fn, &l), 0);
	assert_int_equal(l.rc, 0);
	if (amount != NULL)
		*amount = l.amount;
	return (l.v);
}

static int
bal_fn(struct db_txn *tx, void *arg, char **cause)
{
	struct look	*l = arg;

	(void)cause;
	if (l->cust != NULL)
		l->v = ledger_customer_balance(tx, l->cust,
		    strcmp(l->acct, "AR") == 0 ? ACCT_RECEIVABLE :
		    ACCT_PREPAYMENTS);
	else
		l->rc = ledger_balance(tx, l->acct, &l->v);
	return (0);
}

/* Balance of an account code, or of a customer on "AR"/"PP". */
static int64_t
bal(struct tco *t, const char *acct, const char *cust)
{
	struct look	 l = { .acct = acct, .cust = cust };

	assert_int_equal(t_read(t, bal_fn, &l), 0);
	assert_int_equal(l.rc, 0);
	return (l.v);
}

static void
print_viol(const char *s, void *arg)
{
	(void)arg;
	print_message("# violation: %s\n", s);
}

static int
check_fn(struct db_txn *tx, void *arg, char **cause)
{
	(void)cause;
	*(long *)arg = check_all(tx, print_viol, NULL);
	return (0);
}

static void
clean(struct tco *t)
{
	long	 n = -2;

	assert_int_equal(t_read(t, check_fn, &n), 0);
	assert_int_equal(n, 0);
}

static struct tco *
setup(void)
{
	struct tco	*t = t_open();

	assert_int_equal(t_write(t, add_customers, NULL), 0);
	return (t);
}

static void
test_one_invoice(void **state)
{
	struct tco	*t = setup();
	uint64_t	 i1, p1;

	(void)state;
	i1 = inv(t, "C1", 11300, T0);
	assert_int_equal(bal(t, "AR", "C1"), 11300);
	p1 = pay(t, PAY, "C1", 11300, PAY_CASH, T0 + DAY);
	/* Recorded, not yet allocated: the books already show it. */
	assert_int_equal(bal(t, "AR", "C1"), 0);
	assert_int_equal(bal(t, "1001", NULL), 11300);
	assert_int_equal(open_of(t, i1), 11300);
	assert_int_equal(unalloc_of(t, p1, NULL), 11300);
	clean(t);

	assert_int_equal(alloc(t, "C1", &i1, 1), 11300);
	assert_int_equal(open_of(t, i1), 0);
	assert_int_equal(unalloc_of(t, p1, NULL), 0);
	assert_int_equal(bal(t, "1122", NULL), 0);
	/* Nothing left to do. */
	assert_int_equal(alloc(t, "C1", NULL, 0), 0);
	clean(t);
	t_close(t);
}

static void
test_oldest_first(void **state)
{
	struct tco	*t = setup();
	uint64_t	 i1, i2, i3, p1;

	(void)state;
	/* Made out of id order in time would be odd; ids follow time. */
	i1 = inv(t, "C1", 10000, T0);
	i2 = inv(t, "C1", 20000, T0 + DAY);
	i3 = inv(t, "C1", 30000, T0 + 2 * DAY);
	inv(t, "C2", 5000, T0);
	p1 = pay(t, PAY, "C1", 35000, PAY_BANK, T0 + 3 * DAY);
	assert_int_equal(bal(t, "1002", NULL), 35000);
	assert_int_equal(alloc(t, "C1", NULL, 0), 35000);
	assert_int_equal(open_of(t, i1), 0);
	assert_int_equal(open_of(t, i2), 0);
	assert_int_equal(open_of(t, i3), 25000);
	assert_int_equal(unalloc_of(t, p1, NULL), 0);
	assert_int_equal(bal(t, "AR", "C1"), 25000);
	assert_int_equal(bal(t, "AR", "C2"), 5000);
	assert_int_equal(bal(t, "1122", NULL), 30000);

	/* Two smaller payments: the first ends inside invoice 3. */
	pay(t, PAY, "C1", 10000, PAY_CARD, T0 + 4 * DAY);
	pay(t, PAY, "C1", 20000, PAY_CARD, T0 + 5 * DAY);
	assert_int_equal(alloc(t, "C1", NULL, 0), 25000);
	assert_int_equal(open_of(t, i3), 0);
	assert_int_equal(bal(t, "AR", "C1"), -5000);
	assert_int_equal(bal(t, "1012", NULL), 30000);
	clean(t);
	t_close(t);
}

static void
test_chosen(void **state)
{
	struct tco	*t = setup();
	struct op	 o = { .what = ALLOC, .cust = "C1", .role = -1 };
	uint64_t	 i1, i2, i3, i4, cn, p1, ids[3];

	(void)state;
	i1 = inv(t, "C1", 10000, T0);
	i2 = inv(t, "C1", 20000, T0 + DAY);
	i3 = inv(t, "C1", 30000, T0 + 2 * DAY);
	i4 = inv(t, "C2", 1000, T0);
	p1 = pay(t, PAY, "C1", 25000, PAY_CASH, T0 + 3 * DAY);

	/* Refusals name the invoice and leave everything as it was. */
	ids[0] = i2; ids[1] = i4;
	o.chosen = ids; o.nchosen = 2;
	assert_int_equal(run(t, &o), ORDO_EINVAL);
	assert_non_null(strstr(why, "is for customer C2, not C1"));
	ids[0] = i2; ids[1] = i2;
	assert_int_equal(run(t, &o), ORDO_EINVAL);
	assert_non_null(strstr(why, "named twice"));
	ids[0] = 77;
	o.nchosen = 1;
	assert_int_equal(run(t, &o), ORDO_ENOTFOUND);
	assert_non_null(strstr(why, "no invoice 77"));
	assert_int_equal(open_of(t, i2), 20000);
	assert_int_equal(unalloc_of(t, p1, NULL), 25000);

	/* Invoice 2 first, then invoice 1 with the rest: 1 is partial. */
	ids[0] = i2; ids[1] = i1;
	assert_int_equal(alloc(t, "C1", ids, 2), 25000);
	assert_int_equal(open_of(t, i1), 5000);
	assert_int_equal(open_of(t, i2), 0);
	assert_int_equal(open_of(t, i3), 30000);

	/* A settled invoice and a credit note cannot be chosen. */
	ids[0] = i2;
	o.nchosen = 1;
	assert_int_equal(run(t, &o), ORDO_ESTATE);
	assert_non_null(strstr(why, "already settled"));
	cn = inv(t, "C1", -3000, T0 + 4 * DAY);
	ids[0] = cn;
	assert_int_equal(run(t, &o), ORDO_EINVAL);
	assert_non_null(strstr(why, "credit note"));

	/* The credit note is money the customer can use: on invoice 3. */
	ids[0] = i3;
	assert_int_equal(alloc(t, "C1", ids, 1), 3000);
	assert_int_equal(open_of(t, i3), 27000);
	assert_int_equal(open_of(t, cn), 0);
	assert_int_equal(open_of(t, i1), 5000);
	assert_int_equal(bal(t, "AR", "C1"), 32000);
	clean(t);
	t_close(t);
}

static void
test_leftover_credit(void **state)
{
	struct tco	*t = setup();
	uint64_t	 i1, i2, p1;

	(void)state;
	i1 = inv(t, "C1", 10000, T0);
	p1 = pay(t, PAY, "C1", 15000, PAY_CASH, T0 + DAY);
	assert_int_equal(alloc(t, "C1", NULL, 0), 10000);
	assert_int_equal(open_of(t, i1), 0);
	assert_int_equal(unalloc_of(t, p1, NULL), 5000);
	assert_int_equal(bal(t, "AR", "C1"), -5000);
	clean(t);

	/* The credit pays the next invoice. */
	i2 = inv(t, "C1", 3000, T0 + 2 * DAY);
	assert_int_equal(alloc(t, "C1", NULL, 0), 3000);
	assert_int_equal(open_of(t, i2), 0);
	assert_int_equal(unalloc_of(t, p1, NULL), 2000);
	assert_int_equal(bal(t, "AR", "C1"), -2000);
	clean(t);
	t_close(t);
}

struct last {
	struct entry	 e;
	int		 rc;
};

static int
last_fn(struct db_txn *tx, void *arg, char **cause)
{
	struct last	*l = arg;

	(void)cause;
	l->rc = ledger_get(tx, db_seq_peek(tx, "journal"), &l->e, NULL);
	return (0);
}

static void
test_prepayment(void **state)
{
	struct tco	*t = setup();
	struct last	 l;
	uint64_t	 pp, i1;

	(void)state;
	pp = pay(t, PREPAY, "C1", 50000, PAY_BANK, T0);
	assert_int_equal(bal(t, "1002", NULL), 50000);
	assert_int_equal(bal(t, "2203", NULL), -50000);
	assert_int_equal(bal(t, "PP", "C1"), -50000);
	assert_int_equal(bal(t, "AR", "C1"), 0);
	/* Nothing to allocate to yet. */
	assert_int_equal(alloc(t, "C1", NULL, 0), 0);
	clean(t);

	i1 = inv(t, "C1", 30000, T0 + 10 * DAY);
	assert_int_equal(bal(t, "AR", "C1"), 30000);
	assert_int_equal(alloc(t, "C1", NULL, 0), 30000);
	assert_int_equal(open_of(t, i1), 0);
	assert_int_equal(unalloc_of(t, pp, NULL), 20000);
	assert_int_equal(bal(t, "AR", "C1"), 0);
	assert_int_equal(bal(t, "PP", "C1"), -20000);
	assert_int_equal(bal(t, "2203", NULL), -20000);
	assert_int_equal(bal(t, "1122", NULL), 0);

	/* The last entry moved 300.00 from prepayments to receivable. */
	memset(&l, 0, sizeof l);
	assert_int_equal(t_read(t, last_fn, &l), 0);
	assert_int_equal(l.rc, 0);
	assert_int_equal(l.e.kind, ENTRY_ALLOCATION);
	assert_int_equal(l.e.doc, pp);
	assert_int_equal(l.e.np, 2);
	assert_string_equal(l.e.p[0].account, "2203");
	assert_int_equal(l.e.p[0].amount, 30000);
	assert_string_equal(l.e.p[0].customer, "C1");
	assert_string_equal(l.e.p[1].account, "1122");
	assert_int_equal(l.e.p[1].amount, -30000);
	assert_string_equal(l.e.p[1].customer, "C1");
	entry_free(&l.e);
	clean(t);
	t_close(t);
}

static void
test_refund(void **state)
{
	struct tco	*t = setup();
	struct op	 o = { .what = REFUND, .cust = "C1", .role = -1 };
	struct last	 l;
	uint64_t	 p1, pp, r1, r2;
	int64_t		 amt;

	(void)state;
	inv(t, "C1", 10000, T0);
	p1 = pay(t, PAY, "C1", 15000, PAY_CASH, T0 + DAY);
	assert_int_equal(alloc(t, "C1", NULL, 0), 10000);

	/* 50.00 of credit: 60.00 is refused, nothing written. */
	o.amount = 6000;
	o.method = PAY_CASH;
	assert_int_equal(run(t, &o), ORDO_ESTATE);
	assert_non_null(strstr(why, "has 50.00 credit"));
	assert_int_equal(unalloc_of(t, p1, NULL), 5000);
	o.cust = "C2";
	o.amount = 1;
	assert_int_equal(run(t, &o), ORDO_ESTATE);
	assert_non_null(strstr(why, "C2 has 0.00 credit"));

	r1 = pay(t, REFUND, "C1", 5000, PAY_CASH, T0 + 2 * DAY);
	assert_int_equal(unalloc_of(t, r1, &amt), 0);
	assert_int_equal(amt, -5000);
	assert_int_equal(unalloc_of(t, p1, NULL), 0);
	assert_int_equal(bal(t, "AR", "C1"), 0);
	assert_int_equal(bal(t, "1001", NULL), 10000);
	clean(t);

	/* From a prepayment: Dr prepayments. */
	pp = pay(t, PREPAY, "C1", 8000, PAY_BANK, T0 + 3 * DAY);
	r2 = pay(t, REFUND, "C1", 3000, PAY_BANK, T0 + 4 * DAY);
	assert_int_equal(unalloc_of(t, pp, NULL), 5000);
	assert_int_equal(bal(t, "PP", "C1"), -5000);
	assert_int_equal(bal(t, "1002", NULL), 5000);
	memset(&l, 0, sizeof l);
	assert_int_equal(t_read(t, last_fn, &l), 0);
	assert_int_equal(l.e.kind, ENTRY_REFUND);
	assert_int_equal(l.e.doc, r2);
	assert_int_equal(l.e.np, 2);
	assert_string_equal(l.e.p[0].account, "2203");
	assert_int_equal(l.e.p[0].amount, 3000);
	assert_string_equal(l.e.p[1].account, "1002");
	assert_int_equal(l.e.p[1].amount, -3000);
	entry_free(&l.e);
	clean(t);

	/* Roles and bad input. */
	o.cust = "C1";
	o.amount = 100;
	o.role = ROLE_PICKER;
	assert_int_equal(run(t, &o), ORDO_EPERM);
	o.role = -1;
	o.amount = 0;
	assert_int_equal(run(t, &o), ORDO_EINVAL);
	o.what = PAY;
	o.amount = 100;
	o.cust = "NOBODY";
	assert_int_equal(run(t, &o), ORDO_ENOTFOUND);
	o.cust = "C1";
	o.role = ROLE_PICKER;
	assert_int_equal(run(t, &o), ORDO_EPERM);
	o.role = -1;
	o.amount = -5;
	assert_int_equal(run(t, &o), ORDO_EINVAL);
	clean(t);
	t_close(t);
}

static void
test_allocate_all(void **state)
{
	struct tco	*t = setup();
	struct op	 o = { .what = ALLOC_ALL, .role = -1 };
	uint64_t	 a1, a2, b1, c1, pa, pb, pc, cn;

	(void)state;
	a1 = inv(t, "C1", 10000, T0);
	a2 = inv(t, "C1", 10000, T0 + DAY);
	b1 = inv(t, "C2", 7000, T0);
	c1 = inv(t, "C3", 4000, T0);
	cn = inv(t, "C3", -1000, T0 + DAY);
	pa = pay(t, PAY, "C1", 15000, PAY_CASH, T0 + 2 * DAY);
	pb = pay(t, PREPAY, "C2", 9000, PAY_BANK, T0 + 2 * DAY);
	pc = pay(t, PAY, "C3", 500, PAY_CARD, T0 + 2 * DAY);

	assert_int_equal(run(t, &o), 0);
	/* C1 15000 + C2 7000 + C3 1000 (credit note) + 500. */
	assert_int_equal(o.done, 23500);
	assert_int_equal(open_of(t, a1), 0);
	assert_int_equal(open_of(t, a2), 5000);
	assert_int_equal(open_of(t, b1), 0);
	assert_int_equal(open_of(t, c1), 2500);
	assert_int_equal(open_of(t, cn), 0);
	assert_int_equal(unalloc_of(t, pa, NULL), 0);
	assert_int_equal(unalloc_of(t, pb, NULL), 2000);
	assert_int_equal(unalloc_of(t, pc, NULL), 0);
	assert_int_equal(bal(t, "AR", "C2"), 0);
	assert_int_equal(bal(t, "PP", "C2"), -2000);
	assert_int_equal(bal(t, "1122", NULL), 7500);

	/* Again: nothing more to do. */
	assert_int_equal(run(t, &o), 0);
	assert_int_equal(o.done, 0);
	o.role = ROLE_PICKER;
	assert_int_equal(run(t, &o), ORDO_EPERM);
	clean(t);
	t_close(t);
}

static int
teardown_all(void **state)
{
	(void)state;
	free(why);
	why = NULL;
	return (0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_one_invoice),
		cmocka_unit_test(test_oldest_first),
		cmocka_unit_test(test_chosen),
		cmocka_unit_test(test_leftover_credit),
		cmocka_unit_test(test_prepayment),
		cmocka_unit_test(test_refund),
		cmocka_unit_test(test_allocate_all),
	};

	return (cmocka_run_group_tests(tests, NULL, teardown_all));
}
