/*
 * test_trail.c: the records held to their trail (trail.h).  Items,
 * customers and aliases changed through ordo (added, updated, the cost
 * moved, an alias set again) leave no finding; a record written with a
 * raw db_put, as mdb_load or a program of one's own would, is reported
 * once, in one sentence that says so.  (t17-tamper does the same with the
 * real mdb_dump and mdb_load.)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testlib.h"

#include "ordo/batch.h"
#include "ordo/codec.h"
#include "ordo/customer.h"
#include "ordo/item.h"
#include "ordo/trail.h"
#include "ordo/xmalloc.h"

#define S(x)	((char *)(x))

struct found {
	long	 n;
	char	*last;
};

static void
collect(const char *s, void *arg)
{
	struct found	*f = arg;

	free(f->last);
	f->last = xstrdup(s);
}

static int
run_check(struct db_txn *tx, void *arg, char **cause)
{
	struct found	*f = arg;

	(void)cause;
	f->n = trail_check(tx, collect, f);
	return (0);
}

/* The findings of a clean read: their count, and the last one. */
static long
findings(struct tco *t, char **last)
{
	struct found	 f;

	memset(&f, 0, sizeof f);
	assert_int_equal(t_read(t, run_check, &f), 0);
	if (last != NULL)
		*last = f.last;
	else
		free(f.last);
	return (f.n);
}

static struct item
item_of(const char *sku, const char *name, int64_t price)
{
	struct item	 it;

	memset(&it, 0, sizeof it);
	it.sku = S(sku);
	it.barcode = S("");
	it.name = S(name);
	it.unit = S("pcs");
	it.bin = S("");
	it.price = price;
	it.tax_rate = -1;
	it.active = 1;
	return (it);
}

/* Everything a clerk and a manager do to the catalogue, through ordo. */
static int
through_ordo(struct db_txn *tx, void *arg, char **cause)
{
	struct item	 it = item_of("CUP", "Cup", 300), got;
	struct customer	 c, cg;
	int		 rc;

	(void)arg;
	if ((rc = item_add(tx, &it, cause)) != 0 ||
	    (rc = item_add(tx, &(struct item){ .sku = S("POT"),
	    .name = S("Pot"), .price = 900, .tax_rate = -1, .active = 1 },
	    cause)) != 0)
		return (rc);
	if ((rc = item_get(tx, "CUP", &got, cause)) != 0)
		return (rc);
	free(got.name);
	got.name = xstrdup("Cup, white");
	got.price = 350;
	rc = item_update(tx, &got, cause);
	if (rc == 0) {
		got.version++;
		got.bin = (free(got.bin), xstrdup("A-1"));
		rc = item_update(tx, &got, cause);
	}
	item_free(&got);
	if (rc != 0 || (rc = item_set_cost(tx, "CUP", 123)) != 0)
		return (rc);
	memset(&c, 0, sizeof c);
	c.code = S("LIN");
	c.name = S("林梅");
	if ((rc = customer_add(tx, &c, cause)) != 0 ||
	    (rc = customer_get(tx, "LIN", &cg, cause)) != 0)
		return (rc);
	cg.phone = (free(cg.phone), xstrdup("138 0000 0001"));
	rc = customer_update(tx, &cg, cause);
	customer_free(&cg);
	if (rc != 0)
		return (rc);
	if ((rc = alias_set(tx, "taobao", "TB 1 -> x", "POT", cause)) != 0)
		return (rc);
	return (alias_set(tx, "taobao", "TB 1 -> x", "CUP", cause));
}

static struct tco *
company(void)
{
	struct tco	*t = t_open();

	assert_int_equal(t_write(t, through_ordo, NULL), 0);
	return (t);
}

static void
test_clean(void **state)
{
	struct tco	*t;
	char		*last = NULL;

	(void)state;
	t = company();
	assert_int_equal(findings(t, &last), 0);
	free(last);
	t_close(t);
}

/* A raw put: the item CUP renamed in place, its version kept. */
static int
edit_item(struct db_txn *tx, void *arg, char **cause)
{
	MDB_val		 v;
	struct buf	 b;
	char		*p;
	int		 rc;

	(void)arg;
	(void)cause;
	if ((rc = db_get(tx, TB_ITEMS, "CUP", 3, &v)) != 0)
		return (rc);
	buf_init(&b);
	buf_add(&b, v.mv_data, v.mv_size);
	p = memmem(b.d, b.len, "white", 5);
	assert_non_null(p);
	memcpy(p, "black", 5);
	rc = db_put(tx, TB_ITEMS, "CUP", 3, b.d, b.len, 0);
	buf_free(&b);
	return (rc);
}

static int
add_alias(struct db_txn *tx, void *arg, char **cause)
{
	struct buf	 k;
	int		 rc;

	(void)arg;
	(void)cause;
	buf_init(&k);
	key_str(&k, "taobao");
	key_strn(&k, "TB-2");
	rc = db_put(tx, TB_SKU_ALIAS, k.d, k.len, "POT", 3, 0);
	buf_free(&k);
	return (rc);
}

static void
test_raw(void **state)
{
	struct tco	*t;
	char		*last = NULL;

	(void)state;
	t = company();
	assert_int_equal(t_write(t, edit_item, NULL), 0);
	assert_int_equal(findings(t, &last), 1);
	assert_non_null(strstr(last, "Item CUP is not what its last audit "
	    "record"));
	free(last);
	t_close(t);

	t = company();
	assert_int_equal(t_write(t, add_alias, NULL), 0);
	assert_int_equal(findings(t, &last), 1);
	assert_string_equal(last, "SKU alias taobao TB-2 -> POT has no audit "
	    "record: it was written outside ordo.");
	free(last);
	t_close(t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_clean),
		cmocka_unit_test(test_raw),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
