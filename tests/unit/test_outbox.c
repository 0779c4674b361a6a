/*
 * test_outbox.c: the outbox (outbox.h).  An event is written exactly when
 * its change commits; each order event carries what a customer message
 * needs; stock.low fires once, when available crosses the reorder point;
 * JSON text is escaped; an old company gets the tables on open.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testlib.h"

#include "ordo/codec.h"
#include "ordo/customer.h"
#include "ordo/error.h"
#include "ordo/item.h"
#include "ordo/order.h"
#include "ordo/outbox.h"
#include "ordo/stock.h"
#include "ordo/xmalloc.h"

#define S(x)	((char *)(x))

/* All events as "kind object|" and the data of the last one. */
struct seen {
	char	 kinds[2048];
	char	 last[1024];
	char	 low[1024];	/* data of the last stock.low */
	size_t	 n;
};

static int
seen_one(const struct outbox_event *e, void *arg)
{
	struct seen	*s = arg;
	size_t		 n = strlen(s->kinds);

	snprintf(s->kinds + n, sizeof s->kinds - n, "%s %s|", e->kind,
	    e->object);
	snprintf(s->last, sizeof s->last, "%s", e->data);
	if (strcmp(e->kind, "stock.low") == 0)
		snprintf(s->low, sizeof s->low, "%s", e->data);
	s->n++;
	return (0);
}

static int
seen_fn(struct db_txn *tx, void *arg, char **cause)
{
	struct seen	*s = arg;

	(void)cause;
	memset(s, 0, sizeof *s);
	return (outbox_each(tx, 0, seen_one, s));
}

struct fx {
	int64_t	 reorder;
	int64_t	 qty;
};

static int
fixture_fn(struct db_txn *tx, void *arg, char **cause)
{
	struct fx	*f = arg;
	struct item	 it;
	struct customer	 c;
	int		 rc;

	memset(&it, 0, sizeof it);
	it.sku = S("TEA-1");
	it.name = S("铁观音 250g");
	it.unit = S("pcs");
	it.barcode = S("");
	it.bin = S("");
	it.price = 9590;
	it.tax_rate = -1;
	it.active = 1;
	it.reorder_point = f->reorder;
	if ((rc = item_add(tx, &it, cause)) != 0)
		return (rc);
	memset(&c, 0, sizeof c);
	c.code = S("LINMEI");
	c.name = S("Lin Mei 林梅");
	if ((rc = customer_add(tx, &c, cause)) != 0)
		return (rc);
	return (stock_receive(tx, "TEA-1", "MAIN", f->qty, 5000, "PO1",
	    NULL, cause));
}

struct neworder {
	int64_t		 qty;
	int		 fail;		/* return an error after the order */
	uint64_t	 id;
};

static int
new_fn(struct db_txn *tx, void *arg, char **cause)
{
	struct neworder	*no = arg;
	struct order	 o;
	struct order_line l;
	int		 rc;

	memset(&o, 0, sizeof o);
	memset(&l, 0, sizeof l);
	l.sku = S("TEA-1");
	l.qty = no->qty;
	l.unit_price = -1;
	l.tax_rate = -1;
	o.customer = S("LINMEI");
	o.lines = &l;
	o.nlines = 1;
	if ((rc = order_new_confirm(tx, &o, cause)) != 0)
		return (rc);
	no->id = o.id;
	return (no->fail ? ORDO_EINVAL : 0);
}

static int
ship_fn(struct db_txn *tx, void *arg, char **cause)
{
	uint64_t	*id = arg;
	int		 rc;

	if ((rc = order_ship(tx, *id, ORDER_ANY_VERSION, NULL, 0, "SF",
	    "SF1234567890", NULL, cause)) != 0)
		return (rc);
	return (order_deliver(tx, *id, ORDER_ANY_VERSION, cause));
}

static int
cancel_fn(struct db_txn *tx, void *arg, char **cause)
{
	uint64_t	*id = arg;

	return (order_cancel(tx, *id, ORDER_ANY_VERSION, "customer asked",
	    cause));
}

/* An event is there when its change committed, and only then. */
static void
test_same_txn(void **state)
{
	struct tco	*t;
	struct fx	 f = { 0, 100 };
	struct neworder	 no = { 2, 1, 0 };
	struct seen	 s;
	uint64_t	 id;

	(void)state;
	t = t_open();
	assert_int_equal(t_write(t, fixture_fn, &f), 0);
	assert_int_equal(db_write(t->db, new_fn, &no, NULL), ORDO_EINVAL);
	assert_int_equal(t_read(t, seen_fn, &s), 0);
	assert_int_equal(s.n, 0);

	no.fail = 0;
	assert_int_equal(t_write(t, new_fn, &no), 0);
	id = no.id;
	assert_int_equal(t_write(t, ship_fn, &id), 0);
	assert_int_equal(t_write(t, new_fn, &no), 0);
	/* A refused change (shipped orders cannot be cancelled): none. */
	assert_int_not_equal(db_write(t->db, cancel_fn, &id, NULL), 0);
	assert_int_equal(t_write(t, cancel_fn, &no.id), 0);
	assert_int_equal(t_read(t, seen_fn, &s), 0);
	assert_string_equal(s.kinds,
	    "order.created order 1|order.confirmed order 1|"
	    "order.shipped order 1|order.delivered order 1|"
	    "order.created order 2|order.confirmed order 2|"
	    "order.cancelled order 2|");
	assert_non_null(strstr(s.last, "\"status\":\"cancelled\""));
	assert_non_null(strstr(s.last, "\"note\":\"cancelled: customer "
	    "asked\""));
	t_close(t);
}

static int
shipped_fn(struct db_txn *tx, void *arg, char **cause)
{
	struct outbox_event	 e;
	struct buf		*b = arg;
	int			 rc;

	(void)cause;
	if ((rc = outbox_get(tx, 3, &e)) != 0)
		return (rc);
	outbox_line(&e, b);
	outbox_free(&e);
	return (0);
}

/* The shipped event carries carrier, tracking and money both ways. */
static void
test_shipped_line(void **state)
{
	struct tco	*t;
	struct fx	 f = { 0, 100 };
	struct neworder	 no = { 2, 0, 0 };
	struct buf	 b;

	(void)state;
	setenv("ORDO_NOW", "2026-11-26 10:00:00", 1);
	setenv("ORDO_USER", "linmei", 1);
	t = t_open();
	assert_int_equal(t_write(t, fixture_fn, &f), 0);
	assert_int_equal(t_write(t, new_fn, &no), 0);
	assert_int_equal(t_write(t, ship_fn, &no.id), 0);
	buf_init(&b);
	assert_int_equal(t_read(t, shipped_fn, &b), 0);
	buf_add(&b, "", 1);
	/* 2 x 95.90 = 191.80, 13% tax 24.93: 216.73. */
	assert_string_equal((char *)b.d, "{\"id\":3,\"time\":"
	    "\"2026-11-26T10:00:00Z\",\"user\":\"linmei\",\"kind\":"
	    "\"order.shipped\",\"object\":\"order 1\",\"data\":{"
	    "\"order\":1,\"channel\":\"counter\",\"ext_id\":\"\","
	    "\"ext_number\":\"\",\"customer\":\"LINMEI\",\"status\":"
	    "\"shipped\",\"version\":3,\"total\":\"216.73\","
	    "\"total_minor\":21673,\"carrier\":\"SF\",\"tracking\":"
	    "\"SF1234567890\",\"batch\":0,\"note\":\"shipped: line 1 x 2; "
	    "invoice 1 for 216.73\"}}");
	buf_free(&b);
	t_close(t);
	unsetenv("ORDO_NOW");
	unsetenv("ORDO_USER");
}

/* stock.low once, when a reservation takes it to the reorder point. */
static void
test_stock_low(void **state)
{
	struct tco	*t;
	struct fx	 f = { 5, 10 };
	struct neworder	 no = { 4, 0, 0 };
	struct seen	 s;

	(void)state;
	t = t_open();
	assert_int_equal(t_write(t, fixture_fn, &f), 0);
	assert_int_equal(t_write(t, new_fn, &no), 0);	/* 6 left */
	assert_int_equal(t_read(t, seen_fn, &s), 0);
	assert_null(strstr(s.kinds, "stock.low"));
	no.qty = 1;
	assert_int_equal(t_write(t, new_fn, &no), 0);	/* 5: at the point */
	assert_int_equal(t_read(t, seen_fn, &s), 0);
	assert_non_null(strstr(s.kinds, "stock.low item TEA-1|"));
	assert_string_equal(s.low, "{\"sku\":\"TEA-1\",\"name\":"
	    "\"铁观音 250g\",\"available\":5,\"reorder_point\":5,"
	    "\"reorder_qty\":0}");
	assert_int_equal(t_write(t, new_fn, &no), 0);	/* 4: still low */
	assert_int_equal(t_read(t, seen_fn, &s), 0);
	assert_non_null(strstr(s.kinds, "stock.low item TEA-1|"));
	assert_null(strstr(strstr(s.kinds, "stock.low") + 1, "stock.low"));
	t_close(t);
}

static void
test_json_escape(void **state)
{
	struct outbox_json	 j;
	struct buf		 b;

	(void)state;
	buf_init(&b);
	outbox_json_begin(&j, &b);
	outbox_json_str(&j, "name", "Lin \"Mei\" 林梅\\\n\t\x01");
	outbox_json_int(&j, "n", -12);
	outbox_json_bool(&j, "ok", 1);
	outbox_json_end(&j);
	assert_string_equal((char *)b.d, "{\"name\":\"Lin \\\"Mei\\\" 林梅"
	    "\\\\\\n\\t\\u0001\",\"n\":-12,\"ok\":true}");
	buf_free(&b);
}

/* A company of schema 2 gets the outbox when opened to write. */
static int
to_schema2_fn(struct db_txn *tx, void *arg, char **cause)
{
	uint8_t	 v[4] = { 0, 0, 0, 2 };
	int	 rc;

	(void)arg;
	(void)cause;
	if ((rc = mdb_drop(tx->txn, tx->db->dbi[TB_OUTBOX], 1)) != 0 ||
	    (rc = mdb_drop(tx->txn, tx->db->dbi[TB_NOTIFY], 1)) != 0)
		return (rc);
	return (db_put(tx, TB_META, "schema", 6, v, 4, 0));
}

static int
emit_fn(struct db_txn *tx, void *arg, char **cause)
{
	(void)arg;
	(void)cause;
	return (outbox_emit(tx, "test.event", "test 1", "{}"));
}

static void
test_migrate(void **state)
{
	struct tco	*t;
	struct seen	 s;
	char		*cause = NULL;

	(void)state;
	t = t_open();
	assert_int_equal(t_write(t, to_schema2_fn, NULL), 0);
	db_close(t->db);
	assert_int_equal(db_open(&t->db, t->dir, DB_RDONLY, 0, &cause),
	    ORDO_ESCHEMA);
	free(cause);
	cause = NULL;
	assert_int_equal(db_open(&t->db, t->dir, 0, 0, &cause), 0);
	t->co->db = t->db;
	t->db->co = t->co;
	assert_int_equal(t_write(t, emit_fn, NULL), 0);
	assert_int_equal(t_read(t, seen_fn, &s), 0);
	assert_string_equal(s.kinds, "test.event test 1|");
	t_close(t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_same_txn),
		cmocka_unit_test(test_shipped_line),
		cmocka_unit_test(test_stock_low),
		cmocka_unit_test(test_json_escape),
		cmocka_unit_test(test_migrate),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
