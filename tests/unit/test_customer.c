/*
 * test_customer.c: customers: validation, add, update with its version
 * check and index moves, ensure (imports and walk-ins), paging, search.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testlib.h"

#include "ordo/audit.h"
#include "ordo/customer.h"
#include "ordo/date.h"
#include "ordo/error.h"
#include "ordo/xmalloc.h"

struct call {
	struct customer	 in;
	const char	*key;
	struct customer	 out;
	char		*cause;
	int		 rc;
};

struct counts {
	size_t	 cust, names, phones, audit;
};

static struct customer good(const char *, const char *, const char *);
static int	 do_add(struct db_txn *, void *, char **);
static int	 do_update(struct db_txn *, void *, char **);
static int	 do_ensure(struct db_txn *, void *, char **);
static int	 do_get(struct db_txn *, void *, char **);
static int	 do_counts(struct db_txn *, void *, char **);
static int	 run(struct tco *, db_fn, struct call *);
static int	 add(struct tco *, const char *, const char *, const char *);
static struct counts counts(struct tco *);
static void	 assert_counts(struct counts, struct counts);
static void	 get_ok(struct tco *, const char *, struct customer *);
static char	*search(struct tco *, const char *, int);

static struct customer
good(const char *code, const char *name, const char *phone)
{
	struct customer	 c;

	memset(&c, 0, sizeof c);
	c.code = (char *)code;
	c.name = (char *)name;
	c.phone = (char *)phone;
	c.email = (char *)"";
	return (c);
}

static int
do_add(struct db_txn *tx, void *arg, char **cause)
{
	return (customer_add(tx, &((struct call *)arg)->in, cause));
}

static int
do_update(struct db_txn *tx, void *arg, char **cause)
{
	return (customer_update(tx, &((struct call *)arg)->in, cause));
}

static int
do_ensure(struct db_txn *tx, void *arg, char **cause)
{
	return (customer_ensure(tx, &((struct call *)arg)->in, cause));
}

static int
do_get(struct db_txn *tx, void *arg, char **cause)
{
	struct call	*c = arg;

	customer_free(&c->out);
	return (customer_get(tx, c->key, &c->out, cause));
}

static int
do_counts(struct db_txn *tx, void *arg, char **cause)
{
	struct counts	*n = arg;

	(void)cause;
	n->cust = db_count(tx, TB_CUSTOMERS);
	n->names = db_count(tx, TB_CUST_BY_NAME);
	n->phones = db_count(tx, TB_CUST_BY_PHONE);
	n->audit = db_count(tx, TB_AUDIT);
	return (0);
}

static int
run(struct tco *t, db_fn fn, struct call *c)
{
	free(c->cause);
	c->cause = NULL;
	c->rc = db_write(t->db, fn, c, &c->cause);
	return (c->rc);
}

static int
add(struct tco *t, const char *code, const char *name, const char *phone)
{
	struct call	 c;
	int		 rc;

	memset(&c, 0, sizeof c);
	c.in = good(code, name, phone);
	if ((rc = run(t, do_add, &c)) != 0)
		print_message("# add %s: %s\n", code, c.cause);
	free(c.cause);
	return (rc);
}

static struct counts
counts(struct tco *t)
{
	struct counts	 n;

	assert_int_equal(t_read(t, do_counts, &n), 0);
	return (n);
}

static void
assert_counts(struct counts a, struct counts b)
{
	assert_int_equal(a.cust, b.cust);
	assert_int_equal(a.names, b.names);
	assert_int_equal(a.phones, b.phones);
	assert_int_equal(a.audit, b.audit);
}

static void
get_ok(struct tco *t, const char *code, struct customer *c)
{
	struct call	 k;

	memset(&k, 0, sizeof k);
	k.key = code;
	assert_int_equal(t_read(t, do_get, &k), 0);
	*c = k.out;
}

struct found {
	const char	*q;
	const char	*after;
	int		 each;
	int		 max;
	int		 n;
	char		 code[64][40];
};

static int
found_cb(const struct customer *c, void *arg)
{
	struct found	*f = arg;

	if (f->n < 64)
		snprintf(f->code[f->n], sizeof f->code[0], "%s", c->code);
	f->n++;
	return (f->max != 0 && f->n >= f->max);
}

static int
do_query(struct db_txn *tx, void *arg, char **cause)
{
	struct found	*f = arg;

	(void)cause;
	f->n = 0;
	if (f->each)
		return (customer_each(tx, f->after, found_cb, f));
	return (customer_search(tx, f->q, found_cb, f));
}

/* The codes found, sorted, joined by spaces. */
static char *
search(struct tco *t, const char *q, int max)
{
	struct found	 f;
	char		*out, *tmp, x[40];
	int		 i, j;

	memset(&f, 0, sizeof f);
	f.q = q;
	f.max = max;
	assert_int_equal(t_read(t, do_query, &f), 0);
	for (i = 1; i < f.n; i++)
		for (j = i; j > 0 && strcmp(f.code[j - 1], f.code[j]) > 0;
		    j--) {
			memcpy(x, f.code[j], sizeof x);
			memcpy(f.code[j], f.code[j - 1], sizeof x);
			memcpy(f.code[j - 1], x, sizeof x);
		}
	out = xstrdup("");
	for (i = 0; i < f.n; i++) {
		xasprintf(&tmp, "%s%s%s", out, i ? " " : "", f.code[i]);
		free(out);
		out = tmp;
	}
	return (out);
}

#define ASSERT_SEARCH(t, q, want) do {					\
	char *got_ = search((t), (q), 0);				\
	assert_string_equal(got_, (want));				\
	free(got_);							\
} while (0)

static void
test_validate(void **state)
{
	struct customer	 c;
	char		*cause = NULL, big[2100];
	size_t		 i;
	static const struct {
		const char	*field;
		const char	*value;
		const char	*what;
	} bad[] = {
		{ "code", "", "customer code" },
		{ "code", "A B", "customer code \"A B\": spaces" },
		{ "code", "A/B", "customer code \"A/B\": '/'" },
		{ "code", "C\xc3\xa9", "customer code" },
		{ "code", "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456", "too long" },
		{ "name", "", "name" },
		{ "name", "Li\nWei", "name: must be one line" },
		{ "name", "Li \xc0\xaf", "name: not valid UTF-8" },
		{ "phone", "+86 138\n", "phone" },
		{ "phone", "12345678901234567890123456789012345678901",
		    "phone: too long" },
		{ "email", "no-at-sign", "email" },
		{ "email", "@example.com", "email" },
		{ "email", "li@", "email" },
		{ "email", "a@b@c", "email" },
		{ "email", "li wei@example.com", "email" },
		{ "notes", "bad \xff", "notes" },
	};

	(void)state;
	c = good("C1", "Li Wei", "+86 138 0013 8000");
	c.email = (char *)"li.wei@example.com";
	c.bill_addr = (char *)"1 Harbour Street\nShanghai";
	c.ship_addr = (char *)"Dock 4\nShanghai";
	c.notes = (char *)"Prefers mornings.\n\tCall first.";
	assert_int_equal(customer_validate(&c, &cause), 0);
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		c = good("C1", "Li Wei", "");
		if (strcmp(bad[i].field, "code") == 0)
			c.code = (char *)bad[i].value;
		else if (strcmp(bad[i].field, "name") == 0)
			c.name = (char *)bad[i].value;
		else if (strcmp(bad[i].field, "phone") == 0)
			c.phone = (char *)bad[i].value;
		else if (strcmp(bad[i].field, "email") == 0)
			c.email = (char *)bad[i].value;
		else
			c.notes = (char *)bad[i].value;
		assert_int_equal(customer_validate(&c, &cause), ORDO_EINVAL);
		if (strstr(cause, bad[i].what) == NULL)
			fail_msg("case %zu: \"%s\" does not mention \"%s\"", i,
			    cause, bad[i].what);
	}
	/* Lengths at and over the limits. */
	c = good("ABCDEFGHIJKLMNOPQRSTUVWXYZ012345", "x", "");	/* 32 */
	assert_int_equal(customer_validate(&c, &cause), 0);
	memset(big, 'a', sizeof big);
	big[500] = '\0';
	c.ship_addr = big;
	assert_int_equal(customer_validate(&c, &cause), 0);
	big[500] = 'a';
	big[501] = '\0';
	assert_int_equal(customer_validate(&c, &cause), ORDO_EINVAL);
	assert_non_null(strstr(cause, "shipping address: too long"));
	c.ship_addr = NULL;
	big[501] = 'a';
	big[2001] = '\0';
	c.notes = big;
	assert_int_equal(customer_validate(&c, &cause), ORDO_EINVAL);
	assert_non_null(strstr(cause, "notes: too long"));
	big[2000] = '\0';
	assert_int_equal(customer_validate(&c, &cause), 0);
	c.name = NULL;
	assert_int_equal(customer_validate(&c, &cause), ORDO_EINVAL);
	free(cause);
}

struct audits {
	int	 n;
	char	 last[3][256];
};

static int
audit_cb(const struct audit *a, void *arg)
{
	struct audits	*s = arg;

	s->n++;
	snprintf(s->last[0], sizeof s->last[0], "%s", a->action);
	snprintf(s->last[1], sizeof s->last[1], "%s", a->object);
	snprintf(s->last[2], sizeof s->last[2], "%s", a->detail);
	return (0);
}

static int
read_audit(struct db_txn *tx, void *arg, char **cause)
{
	(void)cause;
	return (audit_each(tx, 0, audit_cb, arg));
}

static void
test_add_and_get(void **state)
{
	struct tco	*t = *state;
	struct call	 c;
	struct customer	 got;
	struct counts	 before;
	struct audits	 a;

	memset(&c, 0, sizeof c);
	c.in = good("C1", "Li Wei \xe6\x9d\x8e\xe4\xbc\x9f", "+86 138-0013");
	c.in.email = (char *)"li@example.com";
	c.in.bill_addr = (char *)"1 Harbour St\nShanghai";
	c.in.ship_addr = NULL;
	c.in.notes = (char *)"VIP";
	c.in.version = 42;
	assert_int_equal(run(t, do_add, &c), 0);
	get_ok(t, "C1", &got);
	assert_string_equal(got.code, "C1");
	assert_string_equal(got.name, "Li Wei \xe6\x9d\x8e\xe4\xbc\x9f");
	assert_string_equal(got.phone, "+86 138-0013");
	assert_string_equal(got.email, "li@example.com");
	assert_string_equal(got.bill_addr, "1 Harbour St\nShanghai");
	assert_string_equal(got.ship_addr, "");
	assert_string_equal(got.notes, "VIP");
	assert_int_equal(got.version, 1);
	assert_int_equal(got.created, util_now());
	customer_free(&got);

	memset(&a, 0, sizeof a);
	assert_int_equal(t_read(t, read_audit, &a), 0);
	assert_int_equal(a.n, 1);
	assert_string_equal(a.last[0], "customer.add");
	assert_string_equal(a.last[1], "customer C1");

	before = counts(t);
	assert_int_equal(before.phones, 1);
	/* The same code again, bad input, and a picker: all refused. */
	c.in = good("C1", "Someone else", "");
	assert_int_equal(run(t, do_add, &c), ORDO_EEXIST);
	assert_string_equal(c.cause, "customer C1 already exists");
	c.in = good("C2", "", "");
	assert_int_equal(run(t, do_add, &c), ORDO_EINVAL);
	c.in = good("C2", "Wang Fang", "");
	t->co->role = ROLE_PICKER;
	assert_int_equal(run(t, do_add, &c), ORDO_EPERM);
	assert_non_null(strstr(c.cause, "adding a customer needs a clerk"));
	assert_counts(counts(t), before);
	/* A clerk may; no phone, no phone index entry. */
	t->co->role = ROLE_CLERK;
	assert_int_equal(run(t, do_add, &c), 0);
	assert_int_equal(counts(t).cust, before.cust + 1);
	assert_int_equal(counts(t).phones, before.phones);

	c.key = "C9";
	assert_int_equal(run(t, do_get, &c), ORDO_ENOTFOUND);
	assert_string_equal(c.cause, "unknown customer C9");
	c.key = "";
	assert_int_equal(run(t, do_get, &c), ORDO_ENOTFOUND);
	free(c.cause);
}

static void
test_update(void **state)
{
	struct tco	*t = *state;
	struct call	 c;
	struct customer	 cu, stale, got;
	struct counts	 before;
	struct audits	 a;

	assert_int_equal(add(t, "C1", "Li Wei", "+86 138 0013 8000"), 0);
	assert_int_equal(add(t, "C2", "Wang Fang", "021-5555"), 0);
	get_ok(t, "C1", &cu);
	get_ok(t, "C1", &stale);
	memset(&c, 0, sizeof c);

	/* New name and phone: the index entries move. */
	c.in = cu;
	c.in.name = (char *)"Li Na";
	c.in.phone = (char *)"(010) 6666";
	assert_int_equal(run(t, do_update, &c), 0);
	get_ok(t, "C1", &got);
	assert_string_equal(got.name, "Li Na");
	assert_int_equal(got.version, 2);
	assert_int_equal(got.created, cu.created);
	customer_free(&got);
	ASSERT_SEARCH(t, "li wei", "");
	ASSERT_SEARCH(t, "li na", "C1");
	ASSERT_SEARCH(t, "86 138", "");
	ASSERT_SEARCH(t, "0106", "C1");
	before = counts(t);
	assert_int_equal(before.names, 2);
	assert_int_equal(before.phones, 2);
	memset(&a, 0, sizeof a);
	assert_int_equal(t_read(t, read_audit, &a), 0);
	assert_string_equal(a.last[0], "customer.update");
	assert_string_equal(a.last[2], "changed name, phone");

	/* A stale copy is refused; nothing changes. */
	c.in = stale;
	c.in.notes = (char *)"lost update";
	assert_int_equal(run(t, do_update, &c), ORDO_ECONFLICT);
	assert_non_null(strstr(c.cause, "changed by someone else"));
	assert_counts(counts(t), before);
	get_ok(t, "C1", &got);
	assert_string_equal(got.notes, "");
	assert_string_equal(got.name, "Li Na");
	customer_free(&got);

	/* Removing the phone removes its index entry. */
	get_ok(t, "C1", &got);
	c.in = got;
	c.in.phone = (char *)"";
	assert_int_equal(run(t, do_update, &c), 0);
	assert_int_equal(counts(t).phones, 1);
	ASSERT_SEARCH(t, "0106", "");
	customer_free(&got);

	/* Unknown, invalid, wrong role: refused, unchanged. */
	before = counts(t);
	get_ok(t, "C1", &got);
	c.in = got;
	c.in.code = (char *)"C9";
	assert_int_equal(run(t, do_update, &c), ORDO_ENOTFOUND);
	c.in = got;
	c.in.email = (char *)"broken";
	assert_int_equal(run(t, do_update, &c), ORDO_EINVAL);
	c.in = got;
	c.in.name = (char *)"Picked name";
	t->co->role = ROLE_PICKER;
	assert_int_equal(run(t, do_update, &c), ORDO_EPERM);
	t->co->role = ROLE_ADMIN;
	assert_counts(counts(t), before);
	customer_free(&got);
	customer_free(&cu);
	customer_free(&stale);
	free(c.cause);
}

static void
test_ensure(void **state)
{
	struct tco	*t = *state;
	struct call	 c;
	struct customer	 got;
	struct counts	 before;
	struct audits	 a;

	assert_int_equal(add(t, "SHOPIFY", "Shopify", ""), 0);
	before = counts(t);
	memset(&c, 0, sizeof c);

	/* An existing code: found, not changed, nothing written. */
	c.in = good("SHOPIFY", "Another name", "123");
	t->co->role = ROLE_PICKER;	/* Finding needs no role. */
	assert_int_equal(run(t, do_ensure, &c), 0);
	assert_counts(counts(t), before);
	get_ok(t, "SHOPIFY", &got);
	assert_string_equal(got.name, "Shopify");
	assert_string_equal(got.phone, "");
	customer_free(&got);

	/* A new one needs a clerk to create it. */
	c.in = good("WALKIN", "Walk-in customer", "");
	assert_int_equal(run(t, do_ensure, &c), ORDO_EPERM);
	assert_counts(counts(t), before);
	t->co->role = ROLE_CLERK;
	assert_int_equal(run(t, do_ensure, &c), 0);
	assert_int_equal(counts(t).cust, before.cust + 1);
	get_ok(t, "WALKIN", &got);
	assert_string_equal(got.name, "Walk-in customer");
	assert_int_equal(got.version, 1);
	customer_free(&got);
	memset(&a, 0, sizeof a);
	assert_int_equal(t_read(t, read_audit, &a), 0);
	assert_string_equal(a.last[0], "customer.ensure");
	assert_string_equal(a.last[1], "customer WALKIN");

	/* A second ensure finds it. */
	before = counts(t);
	assert_int_equal(run(t, do_ensure, &c), 0);
	assert_counts(counts(t), before);

	/* Invalid new customers are refused. */
	c.in = good("BAD CODE", "x", "");
	assert_int_equal(run(t, do_ensure, &c), ORDO_EINVAL);
	c.in = good("", "x", "");
	assert_int_equal(run(t, do_ensure, &c), ORDO_EINVAL);
	c.in = good("NEW", "", "");
	assert_int_equal(run(t, do_ensure, &c), ORDO_EINVAL);
	assert_non_null(strstr(c.cause, "name"));
	assert_counts(counts(t), before);
	free(c.cause);
}

static void
test_search(void **state)
{
	struct tco	*t = *state;
	char		*got;

	assert_int_equal(add(t, "LI-1", "Li Wei", "+86 138 0013 8000"), 0);
	assert_int_equal(add(t, "li-2", "Liang Qing", "138 0000"), 0);
	assert_int_equal(add(t, "WANG", "Wang Li", "(021) 5555-0101"), 0);
	assert_int_equal(add(t, "ZH", "\xe5\xbc\xa0\xe4\xbc\x9f", ""), 0);
	assert_int_equal(add(t, "A1", "Anna", "1 800"), 0);

	/* Codes in any case and names: LI-1 matches both, once. */
	ASSERT_SEARCH(t, "li", "LI-1 li-2");
	ASSERT_SEARCH(t, "LI", "LI-1 li-2");
	ASSERT_SEARCH(t, "wang", "WANG");
	ASSERT_SEARCH(t, "WANG L", "WANG");
	ASSERT_SEARCH(t, "\xe5\xbc\xa0", "ZH");
	/* Phones by their digits, whatever the punctuation. */
	ASSERT_SEARCH(t, "138", "li-2");
	ASSERT_SEARCH(t, "+86 138", "LI-1");
	ASSERT_SEARCH(t, "(021) 555", "WANG");
	ASSERT_SEARCH(t, "1", "A1 li-2");
	/* "A1" is not phone-like: no phone "1..." matches. */
	ASSERT_SEARCH(t, "A1", "A1");
	ASSERT_SEARCH(t, "nobody", "");
	ASSERT_SEARCH(t, "", "A1 LI-1 WANG ZH li-2");
	got = search(t, "", 2);
	assert_string_equal(got, "A1 LI-1");
	free(got);
}

static void
test_each_paging(void **state)
{
	struct tco	*t = *state;
	struct found	 f;
	char		 code[16], want[16];
	int		 i, seen = 0;

	for (i = 0; i < 23; i++) {
		snprintf(code, sizeof code, "C%02d", (i * 5) % 23);
		assert_int_equal(add(t, code, "Someone", ""), 0);
	}
	memset(&f, 0, sizeof f);
	f.each = 1;
	f.max = 10;
	for (;;) {
		assert_int_equal(t_read(t, do_query, &f), 0);
		if (f.n == 0)
			break;
		for (i = 0; i < f.n; i++) {
			snprintf(want, sizeof want, "C%02d", seen + i);
			assert_string_equal(f.code[i], want);
		}
		seen += f.n;
		snprintf(code, sizeof code, "%s", f.code[f.n - 1]);
		f.after = code;
	}
	assert_int_equal(seen, 23);
}

static int
setup(void **state)
{
	*state = t_open();
	return (0);
}

static int
teardown(void **state)
{
	t_close(*state);
	return (0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_validate),
		cmocka_unit_test_setup_teardown(test_add_and_get, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_update, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ensure, setup, teardown),
		cmocka_unit_test_setup_teardown(test_search, setup, teardown),
		cmocka_unit_test_setup_teardown(test_each_paging, setup,
		    teardown),
	};

	setenv("ORDO_NOW", "2026-03-02 09:30:00", 1);
	setenv("ORDO_USER", "tester", 1);
	return (cmocka_run_group_tests(tests, NULL, NULL));
}
