/*
 * test_item.c: the catalogue: validation, add, update with its version
 * check and index moves, lookups, paging and search.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testlib.h"

#include "ordo/audit.h"
#include "ordo/date.h"
#include "ordo/error.h"
#include "ordo/item.h"
#include "ordo/xmalloc.h"

/* One call into the item module, run in its own transaction. */
struct call {
	struct item	 in;		/* for add and update */
	const char	*key;		/* SKU or barcode */
	int		 barcode;	/* look up by barcode */
	int64_t		 cost;
	struct item	 out;		/* what get found */
	char		*cause;
	int		 rc;
};

/* Counts of every table the catalogue writes. */
struct counts {
	size_t	 items, barcodes, names, audit;
};

static struct item good(const char *, const char *, int64_t);
static int	 do_add(struct db_txn *, void *, char **);
static int	 do_update(struct db_txn *, void *, char **);
static int	 do_get(struct db_txn *, void *, char **);
static int	 do_set_cost(struct db_txn *, void *, char **);
static int	 do_counts(struct db_txn *, void *, char **);
static int	 run(struct tco *, db_fn, struct call *);
static int	 add(struct tco *, const char *, const char *, int64_t,
		    const char *);
static struct counts counts(struct tco *);
static void	 assert_counts(struct counts, struct counts);
static void	 get_ok(struct tco *, const char *, struct item *);

static struct item
good(const char *sku, const char *name, int64_t price)
{
	struct item	 it;

	memset(&it, 0, sizeof it);
	it.sku = (char *)sku;
	it.barcode = (char *)"";
	it.name = (char *)name;
	it.unit = (char *)"pcs";
	it.bin = (char *)"";
	it.price = price;
	it.tax_rate = -1;
	it.active = 1;
	return (it);
}

static int
do_add(struct db_txn *tx, void *arg, char **cause)
{
	return (item_add(tx, &((struct call *)arg)->in, cause));
}

static int
do_update(struct db_txn *tx, void *arg, char **cause)
{
	return (item_update(tx, &((struct call *)arg)->in, cause));
}

static int
do_get(struct db_txn *tx, void *arg, char **cause)
{
	struct call	*c = arg;

	item_free(&c->out);
	if (c->barcode)
		return (item_get_barcode(tx, c->key, &c->out, cause));
	return (item_get(tx, c->key, &c->out, cause));
}

static int
do_set_cost(struct db_txn *tx, void *arg, char **cause)
{
	struct call	*c = arg;

	(void)cause;
	return (item_set_cost(tx, c->key, c->cost));
}

static int
do_counts(struct db_txn *tx, void *arg, char **cause)
{
	struct counts	*n = arg;

	(void)cause;
	n->items = db_count(tx, TB_ITEMS);
	n->barcodes = db_count(tx, TB_ITEM_BY_BARCODE);
	n->names = db_count(tx, TB_ITEM_BY_NAME);
	n->audit = db_count(tx, TB_AUDIT);
	return (0);
}

/* Run fn in a write txn; keep the code and the cause in c. */
static int
run(struct tco *t, db_fn fn, struct call *c)
{
	free(c->cause);
	c->cause = NULL;
	c->rc = db_write(t->db, fn, c, &c->cause);
	return (c->rc);
}

static int
add(struct tco *t, const char *sku, const char *name, int64_t price,
    const char *barcode)
{
	struct call	 c;
	int		 rc;

	memset(&c, 0, sizeof c);
	c.in = good(sku, name, price);
	c.in.barcode = (char *)barcode;
	rc = run(t, do_add, &c);
	if (rc != 0)
		print_message("# add %s: %s\n", sku, c.cause);
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
	assert_int_equal(a.items, b.items);
	assert_int_equal(a.barcodes, b.barcodes);
	assert_int_equal(a.names, b.names);
	assert_int_equal(a.audit, b.audit);
}

/* Read an item that must exist; the caller frees it. */
static void
get_ok(struct tco *t, const char *sku, struct item *it)
{
	struct call	 c;

	memset(&c, 0, sizeof c);
	c.key = sku;
	assert_int_equal(t_read(t, do_get, &c), 0);
	*it = c.out;
}

struct bad {
	const char	*what;		/* the cause must mention it */
	void		(*set)(struct item *);
};

static void set_sku_empty(struct item *it) { it->sku = (char *)""; }
static void set_sku_null(struct item *it) { it->sku = NULL; }
static void set_sku_space(struct item *it) { it->sku = (char *)"TEA 1"; }
static void set_sku_comma(struct item *it) { it->sku = (char *)"TEA,1"; }
static void set_sku_utf8(struct item *it) { it->sku = (char *)"TEA-\xc3\xa9"; }
static void set_sku_long(struct item *it)
{
	static char	 s[66];

	memset(s, 'A', 65);
	it->sku = s;
}
static void set_bc_dash(struct item *it) { it->barcode = (char *)"690-1"; }
static void set_bc_long(struct item *it)
{
	it->barcode = (char *)"1234567890123456789012345678901234567890"
	    "1234567890123456789012345";	/* 65 */
}
static void set_name_empty(struct item *it) { it->name = (char *)""; }
static void set_name_null(struct item *it) { it->name = NULL; }
static void set_name_bad(struct item *it) { it->name = (char *)"Tea \xff"; }
static void set_name_lf(struct item *it) { it->name = (char *)"Tea\nCup"; }
static void set_name_long(struct item *it)
{
	static char	 n[202];

	memset(n, 'n', 201);
	n[201] = '\0';
	it->name = n;
}
static void set_unit_long(struct item *it)
{
	it->unit = (char *)"boxes-of-twelve-x";	/* 17 */
}
static void set_bin_tab(struct item *it) { it->bin = (char *)"A\t3"; }
static void set_price(struct item *it) { it->price = -1; }
static void set_cost(struct item *it) { it->cost = -5; }
static void set_rop(struct item *it) { it->reorder_point = -1; }
static void set_roq(struct item *it) { it->reorder_qty = -1; }
static void set_tax_low(struct item *it) { it->tax_rate = -2; }
static void set_tax_high(struct item *it) { it->tax_rate = 10001; }

static void
test_validate(void **state)
{
	static const struct bad bad[] = {
		{ "SKU", set_sku_empty }, { "SKU", set_sku_null },
		{ "SKU \"TEA 1\": spaces", set_sku_space },
		{ "SKU \"TEA,1\": ',' is not allowed", set_sku_comma },
		{ "SKU", set_sku_utf8 }, { "SKU: too long", set_sku_long },
		{ "barcode", set_bc_dash },
		{ "barcode: too long", set_bc_long },
		{ "name", set_name_empty }, { "name", set_name_null },
		{ "name: not valid UTF-8", set_name_bad },
		{ "name: must be one line", set_name_lf },
		{ "name: too long", set_name_long },
		{ "unit: too long", set_unit_long },
		{ "bin: must be one line", set_bin_tab },
		{ "price", set_price }, { "cost", set_cost },
		{ "reorder point", set_rop }, { "reorder quantity", set_roq },
		{ "tax rate", set_tax_low }, { "tax rate", set_tax_high },
	};
	struct item	 it;
	char		*cause = NULL, n200[201], bc64[65], sku64[65];
	size_t		 i;

	(void)state;
	it = good("TEA-1", "Green tea", 1250);
	assert_int_equal(item_validate(&it, &cause), 0);
	assert_null(cause);
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		it = good("TEA-1", "Green tea", 1250);
		bad[i].set(&it);
		assert_int_equal(item_validate(&it, &cause), ORDO_EINVAL);
		if (strstr(cause, bad[i].what) == NULL)
			fail_msg("case %zu: \"%s\" does not mention \"%s\"", i,
			    cause, bad[i].what);
	}
	free(cause);
	cause = NULL;

	/* The edges that are allowed. */
	it = good("a-Z_0.9/+#", "Green tea", 0);
	memset(n200, 'n', 200);
	n200[200] = '\0';
	it.name = n200;
	memset(bc64, '7', 64);
	bc64[64] = '\0';
	it.barcode = bc64;
	it.tax_rate = 10000;
	it.unit = (char *)"";
	assert_int_equal(item_validate(&it, &cause), 0);
	it.tax_rate = 0;
	memset(sku64, 'A', 64);
	sku64[64] = '\0';
	it.sku = sku64;
	assert_int_equal(item_validate(&it, &cause), 0);
	it.name = (char *)"\xe7\xbb\xbf\xe8\x8c\xb6";	/* green tea */
	assert_int_equal(item_validate(&it, &cause), 0);
	assert_null(cause);
	assert_int_equal(item_sku_valid("X", NULL), 0);
	assert_int_equal(item_sku_valid("X Y", NULL), ORDO_EINVAL);
}

struct audits {
	int	 n;
	char	 last[3][256];		/* action, object, detail */
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
	struct item	 it;
	struct audits	 a;

	memset(&c, 0, sizeof c);
	c.in = good("TEA-1", "Green tea \xe7\xbb\xbf\xe8\x8c\xb6", 1250);
	c.in.barcode = (char *)"6901234567892";
	c.in.unit = (char *)"";
	c.in.bin = (char *)"A-03-2";
	c.in.cost = 700;
	c.in.reorder_point = 5;
	c.in.reorder_qty = 24;
	c.in.tax_rate = 900;
	c.in.backorder = 7;	/* Stored as 1. */
	c.in.version = 99;	/* Ignored: a new item is version 1. */
	assert_int_equal(run(t, do_add, &c), 0);

	get_ok(t, "TEA-1", &it);
	assert_string_equal(it.sku, "TEA-1");
	assert_string_equal(it.barcode, "6901234567892");
	assert_string_equal(it.name, "Green tea \xe7\xbb\xbf\xe8\x8c\xb6");
	assert_string_equal(it.unit, "pcs");
	assert_string_equal(it.bin, "A-03-2");
	assert_int_equal(it.price, 1250);
	assert_int_equal(it.cost, 700);
	assert_int_equal(it.reorder_point, 5);
	assert_int_equal(it.reorder_qty, 24);
	assert_int_equal(it.tax_rate, 900);
	assert_int_equal(it.backorder, 1);
	assert_int_equal(it.active, 1);
	assert_int_equal(it.version, 1);
	assert_int_equal(it.created, util_now());
	item_free(&it);

	/* By barcode. */
	c.key = "6901234567892";
	c.barcode = 1;
	assert_int_equal(t_read(t, do_get, &c), 0);
	assert_string_equal(c.out.sku, "TEA-1");
	item_free(&c.out);

	/* Unknown SKU and barcode. */
	c.barcode = 0;
	c.key = "TEA-2";
	assert_int_equal(run(t, do_get, &c), ORDO_ENOTFOUND);
	assert_string_equal(c.cause, "unknown SKU TEA-2");
	assert_null(c.out.sku);
	c.barcode = 1;
	c.key = "123";
	assert_int_equal(run(t, do_get, &c), ORDO_ENOTFOUND);
	assert_string_equal(c.cause, "unknown barcode 123");
	c.key = "";
	assert_int_equal(run(t, do_get, &c), ORDO_ENOTFOUND);
	/* A key LMDB could not take is simply not found. */
	c.barcode = 0;
	c.key = xmalloc(1000);
	memset((char *)c.key, 'K', 999);
	((char *)c.key)[999] = '\0';
	assert_int_equal(run(t, do_get, &c), ORDO_ENOTFOUND);
	free((char *)c.key);
	free(c.cause);

	/* The add left one audit record. */
	memset(&a, 0, sizeof a);
	assert_int_equal(t_read(t, read_audit, &a), 0);
	assert_int_equal(a.n, 1);
	assert_string_equal(a.last[0], "item.add");
	assert_string_equal(a.last[1], "item TEA-1");
	assert_non_null(strstr(a.last[2], "price 12.50"));
}

static void
test_add_refused(void **state)
{
	struct tco	*t = *state;
	struct call	 c;
	struct counts	 before;

	assert_int_equal(add(t, "TEA-1", "Green tea", 1250, "690123"), 0);
	before = counts(t);

	/* The same SKU again. */
	memset(&c, 0, sizeof c);
	c.in = good("TEA-1", "Other tea", 100);
	assert_int_equal(run(t, do_add, &c), ORDO_EEXIST);
	assert_string_equal(c.cause, "SKU TEA-1 already exists");
	assert_counts(counts(t), before);

	/* Another SKU with the same barcode. */
	c.in = good("TEA-2", "Black tea", 100);
	c.in.barcode = (char *)"690123";
	assert_int_equal(run(t, do_add, &c), ORDO_EEXIST);
	assert_string_equal(c.cause,
	    "barcode 690123 is already used by SKU TEA-1");
	assert_counts(counts(t), before);

	/* Invalid fields. */
	c.in = good("TEA-2", "Black tea", -1);
	assert_int_equal(run(t, do_add, &c), ORDO_EINVAL);
	assert_counts(counts(t), before);

	/* Clerks and pickers may not add items. */
	c.in = good("TEA-2", "Black tea", 100);
	t->co->role = ROLE_CLERK;
	assert_int_equal(run(t, do_add, &c), ORDO_EPERM);
	assert_non_null(strstr(c.cause, "adding an item needs a manager"));
	t->co->role = ROLE_PICKER;
	assert_int_equal(run(t, do_add, &c), ORDO_EPERM);
	assert_counts(counts(t), before);
	t->co->role = ROLE_MANAGER;
	assert_int_equal(run(t, do_add, &c), 0);
	free(c.cause);
	assert_int_equal(counts(t).items, before.items + 1);
}

static void
test_update(void **state)
{
	struct tco	*t = *state;
	struct call	 c;
	struct item	 it, it2;
	struct counts	 before;
	struct audits	 a;

	assert_int_equal(add(t, "TEA-1", "Green tea", 1250, "690123"), 0);
	memset(&c, 0, sizeof c);
	c.key = "TEA-1";
	c.cost = 640;
	assert_int_equal(run(t, do_set_cost, &c), 0);

	get_ok(t, "TEA-1", &it);
	assert_int_equal(it.version, 1);
	assert_int_equal(it.cost, 640);
	/* A second reader sees the same version. */
	get_ok(t, "TEA-1", &it2);

	/* Change the price; cost in the struct is ignored. */
	c.in = it;
	c.in.price = 1350;
	c.in.cost = 1;
	assert_int_equal(run(t, do_update, &c), 0);
	item_free(&it);
	get_ok(t, "TEA-1", &it);
	assert_int_equal(it.price, 1350);
	assert_int_equal(it.cost, 640);
	assert_int_equal(it.version, 2);
	assert_int_equal(it.created, it2.created);

	memset(&a, 0, sizeof a);
	assert_int_equal(t_read(t, read_audit, &a), 0);
	assert_string_equal(a.last[0], "item.update");
	assert_string_equal(a.last[1], "item TEA-1");
	assert_string_equal(a.last[2], "price 12.50 -> 13.50");

	/* The second reader's update is stale: refused, nothing changes. */
	before = counts(t);
	c.in = it2;
	c.in.price = 999;
	c.in.name = (char *)"Renamed";
	assert_int_equal(run(t, do_update, &c), ORDO_ECONFLICT);
	assert_non_null(strstr(c.cause, "changed by someone else"));
	assert_counts(counts(t), before);
	item_free(&it2);
	get_ok(t, "TEA-1", &it2);
	assert_int_equal(it2.price, 1350);
	assert_string_equal(it2.name, "Green tea");
	assert_int_equal(it2.version, 2);
	item_free(&it2);

	/* An update that changes nothing keeps the version. */
	c.in = it;
	assert_int_equal(run(t, do_update, &c), 0);
	assert_counts(counts(t), before);
	get_ok(t, "TEA-1", &it2);
	assert_int_equal(it2.version, 2);
	item_free(&it2);

	/* Unknown SKU, bad field, wrong role. */
	c.in = it;
	c.in.sku = (char *)"NOPE";
	assert_int_equal(run(t, do_update, &c), ORDO_ENOTFOUND);
	assert_string_equal(c.cause, "unknown SKU NOPE");
	c.in = it;
	c.in.tax_rate = 20000;
	assert_int_equal(run(t, do_update, &c), ORDO_EINVAL);
	c.in = it;
	c.in.price = 1;
	t->co->role = ROLE_CLERK;
	assert_int_equal(run(t, do_update, &c), ORDO_EPERM);
	t->co->role = ROLE_ADMIN;
	assert_counts(counts(t), before);
	get_ok(t, "TEA-1", &it2);
	assert_int_equal(it2.price, 1350);
	item_free(&it2);
	item_free(&it);
	free(c.cause);
}

struct found {
	int	 n;
	int	 max;		/* stop after this many (0: never) */
	char	 sku[64][32];
};

static int
found_cb(const struct item *it, void *arg)
{
	struct found	*f = arg;

	if (f->n < 64)
		snprintf(f->sku[f->n], sizeof f->sku[0], "%s", it->sku);
	f->n++;
	return (f->max != 0 && f->n >= f->max);
}

struct query {
	const char	*q;
	const char	*after;
	int		 each;		/* item_each, not search */
	struct found	 f;
};

static int
do_query(struct db_txn *tx, void *arg, char **cause)
{
	struct query	*q = arg;

	(void)cause;
	q->f.n = 0;
	if (q->each)
		return (item_each(tx, q->after, found_cb, &q->f));
	return (item_search(tx, q->q, found_cb, &q->f));
}

/* Search for q; the SKUs found, sorted, joined by spaces. */
static char *
search(struct tco *t, const char *q, int max)
{
	struct query	 s;
	char		*out, *tmp;
	int		 i, j;

	memset(&s, 0, sizeof s);
	s.q = q;
	s.f.max = max;
	assert_int_equal(t_read(t, do_query, &s), 0);
	for (i = 1; i < s.f.n; i++)
		for (j = i; j > 0 && strcmp(s.f.sku[j - 1], s.f.sku[j]) > 0;
		    j--) {
			char x[32];

			memcpy(x, s.f.sku[j], sizeof x);
			memcpy(s.f.sku[j], s.f.sku[j - 1], sizeof x);
			memcpy(s.f.sku[j - 1], x, sizeof x);
		}
	out = xstrdup("");
	for (i = 0; i < s.f.n; i++) {
		xasprintf(&tmp, "%s%s%s", out, i ? " " : "", s.f.sku[i]);
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
test_update_moves_indexes(void **state)
{
	struct tco	*t = *state;
	struct call	 c;
	struct item	 it;
	struct counts	 before;

	assert_int_equal(add(t, "TEA-1", "Green tea", 1250, "690123"), 0);
	assert_int_equal(add(t, "CUP-1", "Cup", 500, "777"), 0);
	get_ok(t, "TEA-1", &it);
	memset(&c, 0, sizeof c);

	/* New name and barcode: the index entries move. */
	c.in = it;
	c.in.name = (char *)"Jasmine tea";
	c.in.barcode = (char *)"690999";
	assert_int_equal(run(t, do_update, &c), 0);
	ASSERT_SEARCH(t, "green", "");
	ASSERT_SEARCH(t, "jasmine", "TEA-1");
	ASSERT_SEARCH(t, "690123", "");
	ASSERT_SEARCH(t, "690999", "TEA-1");
	c.key = "690123";
	c.barcode = 1;
	assert_int_equal(run(t, do_get, &c), ORDO_ENOTFOUND);
	c.key = "690999";
	assert_int_equal(run(t, do_get, &c), 0);
	assert_string_equal(c.out.sku, "TEA-1");
	item_free(&c.out);
	before = counts(t);
	assert_int_equal(before.names, 2);
	assert_int_equal(before.barcodes, 2);

	/* The old barcode is free for another item. */
	assert_int_equal(add(t, "TEA-9", "Old stock", 100, "690123"), 0);

	/* Taking a barcode that another item uses is refused, whole. */
	item_free(&it);
	get_ok(t, "TEA-1", &it);
	before = counts(t);
	c.in = it;
	c.in.barcode = (char *)"777";
	c.in.name = (char *)"Should not stick";
	assert_int_equal(run(t, do_update, &c), ORDO_EEXIST);
	assert_string_equal(c.cause,
	    "barcode 777 is already used by SKU CUP-1");
	assert_counts(counts(t), before);
	ASSERT_SEARCH(t, "should", "");
	ASSERT_SEARCH(t, "jasmine", "TEA-1");

	/* Removing a barcode removes its index entry. */
	c.in = it;
	c.in.barcode = (char *)"";
	assert_int_equal(run(t, do_update, &c), 0);
	assert_int_equal(counts(t).barcodes, before.barcodes - 1);
	ASSERT_SEARCH(t, "690999", "");

	/* A change of case only keeps the same folded index entry. */
	item_free(&it);
	get_ok(t, "TEA-1", &it);
	c.in = it;
	c.in.name = (char *)"JASMINE TEA";
	assert_int_equal(run(t, do_update, &c), 0);
	assert_int_equal(counts(t).names, before.names);
	ASSERT_SEARCH(t, "Jasmine", "TEA-1");
	item_free(&it);
	get_ok(t, "TEA-1", &it);
	assert_string_equal(it.name, "JASMINE TEA");
	item_free(&it);
	free(c.cause);
}

static void
test_each_paging(void **state)
{
	struct tco	*t = *state;
	struct query	 q;
	char		 sku[16], want[16];
	int		 i, seen = 0, pages = 0;

	/* Added out of order. */
	for (i = 0; i < 25; i++) {
		snprintf(sku, sizeof sku, "S%02d", (i * 7) % 25);
		assert_int_equal(add(t, sku, "Item", 100, ""), 0);
	}
	memset(&q, 0, sizeof q);
	q.each = 1;
	q.f.max = 10;
	for (;;) {
		assert_int_equal(t_read(t, do_query, &q), 0);
		if (q.f.n == 0)
			break;
		pages++;
		for (i = 0; i < q.f.n; i++) {
			snprintf(want, sizeof want, "S%02d", seen + i);
			assert_string_equal(q.f.sku[i], want);
		}
		seen += q.f.n;
		snprintf(sku, sizeof sku, "%s", q.f.sku[q.f.n - 1]);
		q.after = sku;
	}
	assert_int_equal(seen, 25);
	assert_int_equal(pages, 3);

	/* Starting after a SKU that does not exist. */
	q.after = "S105";
	q.f.max = 0;
	assert_int_equal(t_read(t, do_query, &q), 0);
	assert_int_equal(q.f.n, 14);
	assert_string_equal(q.f.sku[0], "S11");
}

static void
test_search(void **state)
{
	struct tco	*t = *state;
	char		*got;

	assert_int_equal(add(t, "TEA-1", "Green tea", 1250, "6901234"), 0);
	assert_int_equal(add(t, "TEA-2", "Tea, black", 1100, ""), 0);
	assert_int_equal(add(t, "CUP-1", "Teapot", 3000, "TEA77"), 0);
	assert_int_equal(add(t, "tea-x", "Lowercase SKU", 10, ""), 0);
	assert_int_equal(add(t, "GIFT", "\xe7\xbb\xbf\xe8\x8c\xb6 gift box",
	    5000, "6909"), 0);

	/* SKU (any case), barcode and name; TEA-2 matches twice, once. */
	ASSERT_SEARCH(t, "tea", "CUP-1 TEA-1 TEA-2 tea-x");
	ASSERT_SEARCH(t, "TEA", "CUP-1 TEA-1 TEA-2 tea-x");
	ASSERT_SEARCH(t, "TEA-", "TEA-1 TEA-2 tea-x");
	ASSERT_SEARCH(t, "green", "TEA-1");
	ASSERT_SEARCH(t, "GREEN T", "TEA-1");
	ASSERT_SEARCH(t, "690", "GIFT TEA-1");
	ASSERT_SEARCH(t, "69012", "TEA-1");
	ASSERT_SEARCH(t, "\xe7\xbb\xbf", "GIFT");
	ASSERT_SEARCH(t, "zzz", "");
	ASSERT_SEARCH(t, "", "CUP-1 GIFT TEA-1 TEA-2 tea-x");

	/* The callback can stop the search. */
	got = search(t, "tea", 2);
	assert_int_equal(strchr(got, ' ') != NULL, 1);
	assert_null(strchr(strchr(got, ' ') + 1, ' '));
	free(got);

	/* A query longer than any key finds nothing and fails nothing. */
	got = xmalloc(700);
	memset(got, 'T', 699);
	got[699] = '\0';
	ASSERT_SEARCH(t, got, "");
	free(got);
}

static int
do_tax(struct db_txn *tx, void *arg, char **cause)
{
	struct item	*it = arg;

	(void)cause;
	return (item_tax_rate(tx, it));
}

static void
test_cost_and_tax(void **state)
{
	struct tco	*t = *state;
	struct call	 c;
	struct item	 it;
	struct counts	 before;

	assert_int_equal(add(t, "TEA-1", "Green tea", 1250, ""), 0);
	memset(&c, 0, sizeof c);
	c.key = "TEA-1";
	c.cost = 1234;
	before = counts(t);
	assert_int_equal(run(t, do_set_cost, &c), 0);
	get_ok(t, "TEA-1", &it);
	assert_int_equal(it.cost, 1234);
	assert_int_equal(it.version, 1);	/* Not an edit. */
	c.cost = -1;
	assert_int_equal(run(t, do_set_cost, &c), ORDO_EINVAL);
	c.key = "NOPE";
	c.cost = 5;
	assert_int_equal(run(t, do_set_cost, &c), ORDO_ENOTFOUND);
	assert_counts(counts(t), before);

	/* -1 is the company rate (13% in the shipped config). */
	it.tax_rate = -1;
	assert_int_equal(t_read(t, do_tax, &it), 1300);
	it.tax_rate = 600;
	assert_int_equal(t_read(t, do_tax, &it), 600);
	it.tax_rate = 0;
	assert_int_equal(t_read(t, do_tax, &it), 0);
	item_free(&it);
	free(c.cause);
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
		cmocka_unit_test_setup_teardown(test_add_refused, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_update, setup, teardown),
		cmocka_unit_test_setup_teardown(test_update_moves_indexes,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_each_paging, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_search, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cost_and_tax, setup,
		    teardown),
	};

	setenv("ORDO_NOW", "2026-03-02 09:30:00", 1);
	setenv("ORDO_USER", "tester", 1);
	return (cmocka_run_group_tests(tests, NULL, NULL));
}
