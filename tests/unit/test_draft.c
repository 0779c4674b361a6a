/*
 * test_draft.c: editing a draft (a line's quantity, price and discount,
 * removing a line, another customer, ship-to, notes and shipping), each
 * with the version check; "my open drafts" through the creator index;
 * and the field a refusal points at (where.h), for orders, customers and
 * items.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testlib.h"

#include "ordo/check.h"
#include "ordo/customer.h"
#include "ordo/error.h"
#include "ordo/item.h"
#include "ordo/order.h"
#include "ordo/stock.h"
#include "ordo/where.h"
#include "ordo/xmalloc.h"

#define S(x)	((char *)(x))

static char	*why;

static int
fx_fn(struct db_txn *tx, void *arg, char **cause)
{
	static const char *skus[] = { "TEA", "CUP", "POT" };
	static const char *codes[] = { "C1", "C2" };
	struct item	 it;
	struct customer	 c;
	size_t		 i;
	int		 rc;

	(void)arg;
	for (i = 0; i < 3; i++) {
		memset(&it, 0, sizeof it);
		it.sku = S(skus[i]);
		it.barcode = S("");
		it.name = S(skus[i]);
		it.unit = S("pcs");
		it.bin = S("");
		it.price = 1000 * (int64_t)(i + 1);	/* 10.00, 20.00, 30.00 */
		it.tax_rate = 1000;			/* 10% */
		it.active = 1;
		if ((rc = item_add(tx, &it, cause)) != 0)
			return (rc);
		if ((rc = stock_receive(tx, skus[i], "MAIN", 100, 10,
		    "fixture", NULL, cause)) != 0)
			return (rc);
	}
	for (i = 0; i < 2; i++) {
		memset(&c, 0, sizeof c);
		c.code = S(codes[i]);
		c.name = S(codes[i]);
		if ((rc = customer_add(tx, &c, cause)) != 0)
			return (rc);
	}
	return (0);
}

/* One draft to C1: TEA x 1, CUP x 2, POT x 3. */
static int
new_fn(struct db_txn *tx, void *arg, char **cause)
{
	struct order_line l[3];
	struct order	 o;
	int		 rc;

	memset(&o, 0, sizeof o);
	memset(l, 0, sizeof l);
	l[0].sku = S("TEA");
	l[0].qty = 1;
	l[1].sku = S("CUP");
	l[1].qty = 2;
	l[2].sku = S("POT");
	l[2].qty = 3;
	for (rc = 0; rc < 3; rc++) {
		l[rc].unit_price = -1;
		l[rc].tax_rate = -1;
	}
	o.customer = S("C1");
	o.lines = l;
	o.nlines = 3;
	rc = order_new(tx, &o, cause);
	*(uint64_t *)arg = o.id;
	return (rc);
}

static int
setup(void **state)
{
	struct tco	*t;

	setenv("ORDO_NOW", "2026-05-01 10:00:00", 1);
	t = t_open();
	assert_int_equal(t_write(t, fx_fn, NULL), 0);
	*state = t;
	return (0);
}

static int
teardown(void **state)
{
	t_close(*state);
	free(why);
	why = NULL;
	return (0);
}

static void
as_user(struct tco *t, const char *user)
{
	free(t->co->user);
	t->co->user = xstrdup(user);
}

enum { E_LINE, E_REMOVE, E_CUST, E_FIELDS, E_CONFIRM };

struct ed {
	int		 what;
	uint64_t	 id;
	uint32_t	 ver;
	uint16_t	 no;
	int64_t		 qty, price, disc, ship;
	const char	*s1, *s2;
	struct ordo_where where;
};

static int
ed_fn(struct db_txn *tx, void *arg, char **cause)
{
	struct ed	*e = arg;
	int		 rc;

	switch (e->what) {
	case E_LINE:
		rc = order_set_line(tx, e->id, e->ver, e->no, e->qty,
		    e->price, e->disc, cause);
		break;
	case E_REMOVE:
		rc = order_remove_line(tx, e->id, e->ver, e->no, cause);
		break;
	case E_CUST:
		rc = order_set_customer(tx, e->id, e->ver, e->s1, cause);
		break;
	case E_FIELDS:
		rc = order_set_fields(tx, e->id, e->ver, e->s1, e->s2,
		    e->ship, cause);
		break;
	default:
		rc = order_confirm(tx, e->id, e->ver, cause);
		break;
	}
	e->where = ordo_where();
	return (rc);
}

static int
ed(struct tco *t, struct ed *e)
{
	int	 rc;

	free(why);
	why = NULL;
	rc = db_write(t->db, ed_fn, e, &why);
	return (rc);
}

static struct ed
edit(int what, uint64_t id, uint32_t ver)
{
	struct ed	 e;

	memset(&e, 0, sizeof e);
	e.what = what;
	e.id = id;
	e.ver = ver;
	e.qty = e.price = e.disc = e.ship = ORDER_KEEP;
	return (e);
}

struct got {
	uint64_t	 id;
	struct order	 o;
};

static int
get_fn(struct db_txn *tx, void *arg, char **cause)
{
	struct got	*g = arg;

	return (order_get(tx, g->id, &g->o, cause));
}

static void
get(struct tco *t, uint64_t id, struct order *o)
{
	struct got	 g;

	g.id = id;
	assert_int_equal(t_read(t, get_fn, &g), 0);
	*o = g.o;
}

static int
last_note(const struct order_hist *h, void *arg)
{
	free(*(char **)arg);
	*(char **)arg = xstrdup(h->note);
	return (0);
}

struct hn {
	uint64_t	 id;
	char		*note;
};

static int
hn_fn(struct db_txn *tx, void *arg, char **cause)
{
	struct hn	*h = arg;

	(void)cause;
	return (order_history(tx, h->id, last_note, &h->note));
}

static char *
note_of(struct tco *t, uint64_t id)
{
	struct hn	 h = { id, NULL };

	assert_int_equal(t_read(t, hn_fn, &h), 0);
	return (h.note);
}

static void
ck_line(const char *s, void *arg)
{
	print_message("# check: %s\n", s);
	(*(long *)arg)++;
}

static int
ck_fn(struct db_txn *tx, void *arg, char **cause)
{
	(void)cause;
	return (check_all(tx, ck_line, arg) < 0 ? ORDO_EIO : 0);
}

static void
check_clean(struct tco *t)
{
	long	 n = 0;

	assert_int_equal(t_read(t, ck_fn, &n), 0);
	assert_int_equal(n, 0);
}

static void
test_set_line(void **state)
{
	struct tco	*t = *state;
	struct order	 o;
	struct ed	 e;
	uint64_t	 id;
	char		*n;

	assert_int_equal(t_write(t, new_fn, &id), 0);
	get(t, id, &o);
	assert_int_equal(o.version, 1);
	/* 10.00 + 40.00 + 90.00 = 140.00 net, 14.00 tax. */
	assert_int_equal(o.net, 14000);
	order_free(&o);

	/* Line 2: 5 at 18.00 less 4.00: 86.00 net, 8.60 tax. */
	e = edit(E_LINE, id, 1);
	e.no = 2;
	e.qty = 5;
	e.price = 1800;
	e.disc = 400;
	assert_int_equal(ed(t, &e), 0);
	get(t, id, &o);
	assert_int_equal(o.version, 2);
	assert_int_equal(o.lines[1].qty, 5);
	assert_int_equal(o.lines[1].unit_price, 1800);
	assert_int_equal(o.lines[1].discount, 400);
	assert_int_equal(o.lines[1].net, 8600);
	assert_int_equal(o.lines[1].tax, 860);
	assert_int_equal(o.net, 1000 + 8600 + 9000);
	assert_int_equal(o.tax, 100 + 860 + 900);
	assert_int_equal(o.total, o.net + o.tax);
	order_free(&o);
	n = note_of(t, id);
	assert_string_equal(n, "line 2 (CUP): quantity 2 -> 5, price 20.00 "
	    "-> 18.00, discount 0.00 -> 4.00");
	free(n);

	/* The same again changes nothing and writes nothing. */
	e.ver = 2;
	assert_int_equal(ed(t, &e), 0);
	get(t, id, &o);
	assert_int_equal(o.version, 2);
	order_free(&o);

	/* A stale version: who changed it and when. */
	as_user(t, "bob");
	e = edit(E_LINE, id, 1);
	e.no = 1;
	e.qty = 9;
	assert_int_equal(ed(t, &e), ORDO_ECONFLICT);
	assert_non_null(strstr(why, "was changed by"));
	assert_non_null(strstr(why, "version 2, you have 1"));
	assert_null(e.where.field);
	as_user(t, "alice");

	/* Refusals point at their field and line. */
	e = edit(E_LINE, id, 2);
	e.no = 3;
	e.qty = 0;
	assert_int_equal(ed(t, &e), ORDO_EINVAL);
	assert_string_equal(why, "line 3: quantity must be more than 0");
	assert_string_equal(e.where.field, "qty");
	assert_int_equal(e.where.line, 3);
	e = edit(E_LINE, id, 2);
	e.no = 1;
	e.disc = 1001;
	assert_int_equal(ed(t, &e), ORDO_EINVAL);
	assert_non_null(strstr(why, "discount 10.01 is more than the line "
	    "amount 10.00"));
	assert_string_equal(e.where.field, "discount");
	assert_int_equal(e.where.line, 1);
	e = edit(E_LINE, id, 2);
	e.no = 1;
	e.price = -5;
	assert_int_equal(ed(t, &e), ORDO_EINVAL);
	assert_string_equal(e.where.field, "unit_price");
	e = edit(E_LINE, id, 2);
	e.no = 4;
	e.qty = 1;
	assert_int_equal(ed(t, &e), ORDO_EINVAL);
	assert_non_null(strstr(why, "has no such line (it has 3)"));
	get(t, id, &o);
	assert_int_equal(o.version, 2);
	order_free(&o);
	check_clean(t);
}

static void
test_remove_line(void **state)
{
	struct tco	*t = *state;
	struct order	 o;
	struct ed	 e;
	uint64_t	 id;

	assert_int_equal(t_write(t, new_fn, &id), 0);
	e = edit(E_REMOVE, id, 1);
	e.no = 2;
	assert_int_equal(ed(t, &e), 0);
	get(t, id, &o);
	assert_int_equal(o.version, 2);
	assert_int_equal(o.nlines, 2);
	assert_string_equal(o.lines[0].sku, "TEA");
	assert_int_equal(o.lines[0].no, 1);
	assert_string_equal(o.lines[1].sku, "POT");
	assert_int_equal(o.lines[1].no, 2);
	assert_int_equal(o.net, 1000 + 9000);
	assert_int_equal(o.tax, 100 + 900);
	order_free(&o);
	/* The last lines too: an empty draft. */
	e = edit(E_REMOVE, id, 2);
	e.no = 2;
	assert_int_equal(ed(t, &e), 0);
	e = edit(E_REMOVE, id, 3);
	e.no = 1;
	assert_int_equal(ed(t, &e), 0);
	get(t, id, &o);
	assert_int_equal(o.nlines, 0);
	assert_int_equal(o.total, 0);
	order_free(&o);
	e = edit(E_REMOVE, id, 4);
	e.no = 1;
	assert_int_equal(ed(t, &e), ORDO_EINVAL);
	check_clean(t);
}

/* Count of a filter, through order_count. */
struct cnt {
	const char	*cust;
	const char	*creator;
	int		 status;
	uint64_t	 n;
	struct order_row rows[8];
	size_t		 nrows;
};

static int
cnt_fn(struct db_txn *tx, void *arg, char **cause)
{
	struct cnt	*c = arg;
	struct order_filter f;
	int		 rc;

	order_filter_init(&f);
	f.customer = c->cust;
	f.creator = c->creator;
	f.status = c->status;
	if ((rc = order_count(tx, &f, &c->n)) != 0)
		return (rc);
	return (order_page(tx, &f, 0, ORDER_PAGE_DOWN, c->rows, 8, &c->nrows,
	    cause));
}

static struct cnt
count(struct tco *t, const char *cust, const char *creator, int st)
{
	struct cnt	 c;

	memset(&c, 0, sizeof c);
	c.cust = cust;
	c.creator = creator;
	c.status = st;
	assert_int_equal(t_read(t, cnt_fn, &c), 0);
	assert_int_equal(c.n, c.nrows);
	return (c);
}

static void
test_set_customer(void **state)
{
	struct tco	*t = *state;
	struct order	 o;
	struct ed	 e;
	struct cnt	 c;
	uint64_t	 id;

	assert_int_equal(t_write(t, new_fn, &id), 0);
	assert_int_equal(count(t, "C1", NULL, ST_DRAFT).n, 1);
	assert_int_equal(count(t, "C2", NULL, -1).n, 0);
	e = edit(E_CUST, id, 1);
	e.s1 = "C2";
	assert_int_equal(ed(t, &e), 0);
	get(t, id, &o);
	assert_string_equal(o.customer, "C2");
	assert_int_equal(o.version, 2);
	order_free(&o);
	/* It moved in the indexes and counts. */
	assert_int_equal(count(t, "C1", NULL, -1).n, 0);
	assert_int_equal(count(t, "C1", NULL, ST_DRAFT).n, 0);
	c = count(t, "C2", NULL, ST_DRAFT);
	assert_int_equal(c.n, 1);
	assert_int_equal(c.rows[0].id, id);
	assert_string_equal(c.rows[0].customer, "C2");
	e = edit(E_CUST, id, 2);
	e.s1 = "NOBODY";
	assert_int_equal(ed(t, &e), ORDO_ENOTFOUND);
	assert_string_equal(why, "unknown customer NOBODY");
	assert_string_equal(e.where.field, "customer");
	check_clean(t);
}

static void
test_set_fields(void **state)
{
	struct tco	*t = *state;
	struct order	 o;
	struct ed	 e;
	uint64_t	 id;
	char		*n, big[ORDER_NOTES_MAX + 2];

	assert_int_equal(t_write(t, new_fn, &id), 0);
	e = edit(E_FIELDS, id, 1);
	e.s1 = "8 Harbour St";
	e.s2 = "ring twice";
	e.ship = 1500;
	assert_int_equal(ed(t, &e), 0);
	get(t, id, &o);
	assert_string_equal(o.ship_to, "8 Harbour St");
	assert_string_equal(o.notes, "ring twice");
	assert_int_equal(o.shipping, 1500);
	/* The company's default rate (config/ordo.yaml: 13%). */
	assert_int_equal(o.ship_tax, 195);
	assert_int_equal(o.net, 14000 + 1500);
	assert_int_equal(o.tax, 1400 + 195);
	assert_int_equal(o.version, 2);
	order_free(&o);
	n = note_of(t, id);
	assert_string_equal(n, "ship-to, notes, shipping 0.00 -> 15.00 "
	    "changed");
	free(n);
	/* Only the notes; NULL and ORDER_KEEP leave the rest. */
	e = edit(E_FIELDS, id, 2);
	e.s2 = "";
	assert_int_equal(ed(t, &e), 0);
	get(t, id, &o);
	assert_string_equal(o.ship_to, "8 Harbour St");
	assert_string_equal(o.notes, "");
	assert_int_equal(o.shipping, 1500);
	assert_int_equal(o.version, 3);
	order_free(&o);
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	e = edit(E_FIELDS, id, 3);
	e.s2 = big;
	assert_int_equal(ed(t, &e), ORDO_EINVAL);
	assert_string_equal(e.where.field, "notes");
	e = edit(E_FIELDS, id, 3);
	e.ship = -1;
	assert_int_equal(ed(t, &e), ORDO_EINVAL);
	assert_string_equal(e.where.field, "shipping");
	/* Not a draft any more: refused. */
	e = edit(E_CONFIRM, id, 3);
	assert_int_equal(ed(t, &e), 0);
	e = edit(E_FIELDS, id, 4);
	e.s1 = "elsewhere";
	assert_int_equal(ed(t, &e), ORDO_ESTATE);
	assert_non_null(strstr(why, "only draft orders can be changed"));
	e = edit(E_LINE, id, 4);
	e.no = 1;
	e.qty = 2;
	assert_int_equal(ed(t, &e), ORDO_ESTATE);
	check_clean(t);
}

/* "My open drafts": by creator and status, counted. */
static void
test_my_drafts(void **state)
{
	struct tco	*t = *state;
	struct ed	 e;
	struct cnt	 c;
	uint64_t	 a1, a2, b1;

	as_user(t, "alice");
	assert_int_equal(t_write(t, new_fn, &a1), 0);
	assert_int_equal(t_write(t, new_fn, &a2), 0);
	as_user(t, "bob");
	assert_int_equal(t_write(t, new_fn, &b1), 0);
	/* Bob confirms one of Alice's: still hers, no longer a draft. */
	e = edit(E_CONFIRM, a1, ORDER_ANY_VERSION);
	assert_int_equal(ed(t, &e), 0);
	c = count(t, NULL, "alice", ST_DRAFT);
	assert_int_equal(c.n, 1);
	assert_int_equal(c.rows[0].id, a2);
	c = count(t, NULL, "alice", ST_CONFIRMED);
	assert_int_equal(c.n, 1);
	assert_int_equal(c.rows[0].id, a1);
	c = count(t, NULL, "bob", ST_DRAFT);
	assert_int_equal(c.n, 1);
	assert_int_equal(c.rows[0].id, b1);
	assert_int_equal(count(t, NULL, "bob", ST_CONFIRMED).n, 0);
	check_clean(t);
}

/* Refusals of a new order, a customer and an item name their field. */
struct nw {
	int		 what;
	struct ordo_where where;
};

static int
nw_fn(struct db_txn *tx, void *arg, char **cause)
{
	struct nw	*w = arg;
	struct order_line l[2];
	struct order	 o;
	struct customer	 c;
	struct item	 it;
	int		 rc;

	memset(&o, 0, sizeof o);
	memset(l, 0, sizeof l);
	memset(&c, 0, sizeof c);
	memset(&it, 0, sizeof it);
	l[0].sku = S("TEA");
	l[0].qty = 1;
	l[1].sku = S("CUP");
	l[1].qty = 1;
	l[0].unit_price = l[1].unit_price = -1;
	l[0].tax_rate = l[1].tax_rate = -1;
	o.customer = S("C1");
	o.lines = l;
	o.nlines = 2;
	c.code = S("C9");
	c.name = S("Nine");
	it.sku = S("NEW");
	it.name = S("New");
	it.tax_rate = -1;
	switch (w->what) {
	case 0:
		l[1].discount = 5000;
		rc = order_new(tx, &o, cause);
		break;
	case 1:
		l[1].sku = S("NOPE");
		rc = order_new(tx, &o, cause);
		break;
	case 2:
		o.customer = S("NOBODY");
		rc = order_new(tx, &o, cause);
		break;
	case 3:
		o.shipping = -1;
		rc = order_new(tx, &o, cause);
		break;
	case 4:
		c.email = S("not an address");
		rc = customer_add(tx, &c, cause);
		break;
	case 5:
		c.phone = S("1\n2");
		rc = customer_add(tx, &c, cause);
		break;
	case 6:
		it.price = -1;
		rc = item_add(tx, &it, cause);
		break;
	default:
		it.unit = S("a unit far too long for it");
		rc = item_add(tx, &it, cause);
		break;
	}
	w->where = ordo_where();
	return (rc);
}

static void
test_where(void **state)
{
	static const struct {
		const char	*field;
		unsigned	 line;
	} want[] = { { "discount", 2 }, { "sku", 2 }, { "customer", 0 },
	    { "shipping", 0 }, { "email", 0 }, { "phone", 0 },
	    { "price", 0 }, { "unit", 0 } };
	struct tco	*t = *state;
	struct nw	 w;
	size_t		 i;

	for (i = 0; i < sizeof want / sizeof want[0]; i++) {
		memset(&w, 0, sizeof w);
		w.what = (int)i;
		free(why);
		why = NULL;
		assert_int_not_equal(db_write(t->db, nw_fn, &w, &why), 0);
		assert_non_null(w.where.field);
		assert_string_equal(w.where.field, want[i].field);
		assert_int_equal(w.where.line, want[i].line);
	}
	/* A success leaves nothing to point at. */
	{
		uint64_t id;

		assert_int_equal(t_write(t, new_fn, &id), 0);
		assert_null(ordo_where().field);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_set_line, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_remove_line, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_set_customer, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_set_fields, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_my_drafts, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_where, setup, teardown),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
