/*
 * test_batch.c: the import-batch core, checked as a user would: which
 * orders exist and in what state, whose they are, what stock is on hand
 * and reserved, what the receivable shows, and that a refused order or
 * a refused undo leaves the database exactly as it was.
 *
 * The fixture sells from the warehouse (WH, no backorders): TEA-1 (10 on
 * hand, may not be backordered), CUP-2 (5 on hand, may not be
 * backordered) and MUG-3 (2 on hand, may be backordered).  Imported
 * orders come from "shopify" unless a test says otherwise and are served
 * from WH.  Every test ends with check_all finding nothing wrong.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testlib.h"

#include "ordo/audit.h"
#include "ordo/batch.h"
#include "ordo/codec.h"
#include "ordo/check.h"
#include "ordo/company.h"
#include "ordo/config.h"
#include "ordo/customer.h"
#include "ordo/error.h"
#include "ordo/item.h"
#include "ordo/ledger.h"
#include "ordo/order.h"
#include "ordo/stock.h"
#include "ordo/xmalloc.h"

#define S(x)	((char *)(x))
#define NOW	"2026-11-26 10:00:00"
#define SHA1	"9f86d081884c7d659a2feaa0c55ad015" \
		"a3bf4f1b2b0b822cd15d6c15b0f00a08"
#define SHA2	"60303ae22b998861bce3b28f33eec1be" \
		"758a213c86c93c076dbe9f558c11c752"
#define SHIPTO	"Li Wei, +86 138 0013 8000, 1 Harbour Street, Xiamen"

/* One imported line: the SKU as the channel wrote it. */
struct il {
	const char	*sku;
	int64_t		 qty;
	int64_t		 price;
};

/* What a user looks at after an import. */
struct view {
	long		 orders;	/* order_each, any status */
	long		 entries;	/* journal entries */
	long		 batches;
	int64_t		 tea_hand, tea_res;
	int64_t		 cup_hand, cup_res;
	int64_t		 mug_hand, mug_res;
	int64_t		 ar;		/* receivable of v.cust */
	int64_t		 ar_acct;	/* the receivable account */
	int		 has_cust;	/* the channel customer exists */
	const char	*cust;		/* which (NULL: SHOPIFY) */
};

static int
fx_fn(struct db_txn *tx, void *arg, char **cause)
{
	static const struct {
		const char	*sku;
		int64_t		 price;
		int		 tax;
		int		 backorder;
		int64_t		 qty, cost;
	} fx[] = {
		{ "TEA-1", 3300, -1, 0, 10, 1000 },
		{ "CUP-2", 1150, 600, 0, 5, 500 },
		{ "MUG-3", 1000, -1, 1, 2, 400 },
	};
	struct item	 it;
	size_t		 i;
	int		 rc;

	(void)arg;
	for (i = 0; i < sizeof fx / sizeof fx[0]; i++) {
		memset(&it, 0, sizeof it);
		it.sku = S(fx[i].sku);
		it.barcode = S("");
		it.name = S(fx[i].sku);
		it.unit = S("pcs");
		it.bin = S("");
		it.price = fx[i].price;
		it.tax_rate = fx[i].tax;
		it.backorder = fx[i].backorder;
		it.active = 1;
		if ((rc = item_add(tx, &it, cause)) != 0)
			return (rc);
		if ((rc = stock_receive(tx, fx[i].sku, "WH", fx[i].qty,
		    fx[i].cost, "fixture", NULL, cause)) != 0)
			return (rc);
	}
	return (0);
}

static int
setup(void **state)
{
	struct tco	*t;

	setenv("ORDO_USER", "alice", 1);
	setenv("ORDO_NOW", NOW, 1);
	t = t_open();
	assert_int_equal(t_write(t, fx_fn, NULL), 0);
	*state = t;
	return (0);
}

static int
teardown(void **state)
{
	t_close(*state);
	return (0);
}

/* An imported order as the importer hands it over. */
static void
mk(struct order *o, const char *chan, const char *ext, const struct il *l,
    size_t n)
{
	size_t	 i;

	memset(o, 0, sizeof *o);
	o->channel = xstrdup(chan);
	o->ext_id = xstrdup(ext);
	o->ext_number = xstrdup(ext);
	o->customer = xstrdup("");
	o->ship_to = xstrdup(SHIPTO);
	o->notes = xstrdup("");
	o->carrier = xstrdup("");
	o->tracking = xstrdup("");
	o->loc = xstrdup("WH");
	o->shipping = 1000;
	o->nlines = n;
	o->lines = xcalloc(n, sizeof *o->lines);
	for (i = 0; i < n; i++) {
		o->lines[i].sku = xstrdup(l[i].sku);
		o->lines[i].name = xstrdup(l[i].sku);
		o->lines[i].loc = xstrdup("");
		o->lines[i].qty = l[i].qty;
		o->lines[i].unit_price = l[i].price;
		o->lines[i].tax_rate = -1;
	}
}

/* TEA-1 x2 at 30.00 (13%) + shipping 10.00 (13%): 70.00 + 9.10 = 79.10. */
static const struct il tea2[] = { { "TEA-1", 2, 3000 } };
#define TEA2_TOTAL	7910

/* FNV-1a over every key and value of every table. */
static uint64_t
fnv(uint64_t h, const void *p, size_t n)
{
	const uint8_t	*b = p;

	while (n-- > 0)
		h = (h ^ *b++) * UINT64_C(1099511628211);
	return (h);
}

static uint64_t
digest(struct db_txn *tx)
{
	MDB_cursor	*c;
	MDB_val		 k, v;
	uint64_t	 h = UINT64_C(14695981039346656037);
	int		 i, op;

	for (i = 0; i < DB_NTABLES; i++) {
		assert_int_equal(mdb_cursor_open(tx->txn, tx->db->dbi[i], &c),
		    0);
		h = fnv(h, &i, sizeof i);
		for (op = MDB_FIRST; mdb_cursor_get(c, &k, &v, op) == 0;
		    op = MDB_NEXT) {
			h = fnv(h, &k.mv_size, sizeof k.mv_size);
			h = fnv(h, k.mv_data, k.mv_size);
			h = fnv(h, &v.mv_size, sizeof v.mv_size);
			h = fnv(h, v.mv_data, v.mv_size);
		}
		mdb_cursor_close(c);
	}
	return (h);
}

static int
count_order(const struct order *o, void *arg)
{
	(void)o;
	(*(long *)arg)++;
	return (0);
}

static int
count_entry(const struct entry *e, void *arg)
{
	(void)e;
	(*(long *)arg)++;
	return (0);
}

static int
count_batch(const struct batch *b, void *arg)
{
	(void)b;
	(*(long *)arg)++;
	return (0);
}

static int64_t
reserved(struct db_txn *tx, const char *sku, int64_t *hand)
{
	struct stock	 st;
	int64_t		 r;

	memset(&st, 0, sizeof st);
	assert_int_equal(stock_get(tx, sku, "WH", &st), 0);
	*hand = st.on_hand;
	r = st.reserved;
	stock_free(&st);
	return (r);
}

static int
view_fn(struct db_txn *tx, void *arg, char **cause)
{
	struct view	*v = arg;
	struct customer	 c;
	const char	*cust = v->cust != NULL ? v->cust : "SHOPIFY";
	int		 rc;

	(void)cause;
	memset(v, 0, sizeof *v);
	v->cust = cust;
	if ((rc = order_each(tx, -1, NULL, 0, count_order, &v->orders)) != 0)
		return (rc);
	if ((rc = ledger_each(tx, 0, count_entry, &v->entries)) != 0)
		return (rc);
	if ((rc = batch_each(tx, count_batch, &v->batches)) != 0)
		return (rc);
	v->tea_res = reserved(tx, "TEA-1", &v->tea_hand);
	v->cup_res = reserved(tx, "CUP-2", &v->cup_hand);
	v->mug_res = reserved(tx, "MUG-3", &v->mug_hand);
	v->ar = ledger_customer_balance(tx, cust, ACCT_RECEIVABLE);
	if ((rc = ledger_balance(tx, config_account(tx->co->cfg,
	    ACCT_RECEIVABLE), &v->ar_acct)) != 0)
		return (rc);
	memset(&c, 0, sizeof c);
	if (customer_get(tx, cust, &c, NULL) == 0) {
		v->has_cust = 1;
		customer_free(&c);
	}
	return (0);
}

static struct view
view(struct tco *t, const char *cust)
{
	struct view	 v;

	memset(&v, 0, sizeof v);
	v.cust = cust;
	assert_int_equal(t_read(t, view_fn, &v), 0);
	return (v);
}

static void
say(const char *msg, void *arg)
{
	(void)arg;
	print_message("# check: %s\n", msg);
}

static int
check_fn(struct db_txn *tx, void *arg, char **cause)
{
	(void)cause;
	*(long *)arg = check_all(tx, say, NULL);
	return (0);
}

static void
checked(struct tco *t)
{
	long	 n = -2;

	assert_int_equal(t_read(t, check_fn, &n), 0);
	assert_int_equal(n, 0);
}

/* An order as stored. */
struct get {
	uint64_t	 id;
	struct order	 o;
};

static int
get_fn(struct db_txn *tx, void *arg, char **cause)
{
	struct get	*g = arg;

	order_free(&g->o);
	return (order_get(tx, g->id, &g->o, cause));
}

static void
get(struct tco *t, uint64_t id, struct order *o)
{
	struct get	 g;

	memset(&g, 0, sizeof g);
	g.id = id;
	assert_int_equal(t_read(t, get_fn, &g), 0);
	*o = g.o;
}

/* Begin (or resume) a batch. */
struct beg {
	const char	*sha, *chan;
	struct batch	 b;
};

static int
beg_fn(struct db_txn *tx, void *arg, char **cause)
{
	struct beg	*g = arg;

	batch_free(&g->b);
	return (batch_begin(tx, "/srv/import/orders.csv", g->sha, g->chan,
	    "prof-sha", &g->b, cause));
}

static void
begin(struct tco *t, const char *sha, const char *chan, struct batch *b)
{
	struct beg	 g;

	memset(&g, 0, sizeof g);
	g.sha = sha;
	g.chan = chan;
	assert_int_equal(t_write(t, beg_fn, &g), 0);
	*b = g.b;
}

/* Apply one order in its own transaction. */
struct app {
	const struct batch *b;
	struct order	 o;
	enum mkt_status	 st;
	const char	*carrier, *tracking;
	int		 unknown_flag;
	enum imp_result	 res;
	char		*why;
	int		 rc;
	uint64_t	 before, after;
};

static int
app_fn(struct db_txn *tx, void *arg, char **cause)
{
	struct app	*a = arg;

	(void)cause;
	free(a->why);
	a->why = NULL;
	a->before = digest(tx);
	a->rc = batch_apply(tx, a->b, &a->o, a->st, a->carrier, a->tracking,
	    a->unknown_flag, &a->res, &a->why);
	a->after = digest(tx);
	return (a->rc);
}

/*
 * Import one order: returns the result; *id the order's id, *why the
 * cause (may be NULL; caller frees).
 */
static enum imp_result
import(struct tco *t, const struct batch *b, const char *chan,
    const char *ext, const struct il *l, size_t n, enum mkt_status st,
    int unknown_flag, uint64_t *id, char **why)
{
	struct app	 a;

	memset(&a, 0, sizeof a);
	a.b = b;
	mk(&a.o, chan, ext, l, n);
	a.st = st;
	a.carrier = "SF Express";
	a.tracking = "SF1234567890";
	a.unknown_flag = unknown_flag;
	a.res = (enum imp_result)-1;
	assert_int_equal(t_write(t, app_fn, &a), 0);
	assert_int_equal(a.rc, 0);
	if (a.res == IMP_REJECTED)
		assert_true(a.before == a.after);
	if (id != NULL)
		*id = a.o.id;
	if (why != NULL)
		*why = a.why;
	else
		free(a.why);
	order_free(&a.o);
	return (a.res);
}

static int
save_fn(struct db_txn *tx, void *arg, char **cause)
{
	return (batch_save(tx, arg, cause));
}

struct bget {
	uint64_t	 id;
	struct batch	 b;
};

static int
bget_fn(struct db_txn *tx, void *arg, char **cause)
{
	struct bget	*g = arg;

	batch_free(&g->b);
	return (batch_get(tx, g->id, &g->b, cause));
}

/* Undo a batch as role; rc and cause kept, digest around the call. */
struct undo {
	uint64_t	 id;
	int		 rc;
	char		*why;
	uint64_t	 before, after;
};

static int
undo_fn(struct db_txn *tx, void *arg, char **cause)
{
	struct undo	*u = arg;

	(void)cause;
	free(u->why);
	u->why = NULL;
	u->before = digest(tx);
	u->rc = batch_undo(tx, u->id, &u->why);
	u->after = digest(tx);
	return (0);
}

static int
undo(struct tco *t, uint64_t id, int role, char **why, int *same)
{
	struct undo	 u;
	int		 old = t->co->role;

	memset(&u, 0, sizeof u);
	u.id = id;
	t->co->role = role;
	assert_int_equal(t_write(t, undo_fn, &u), 0);
	t->co->role = old;
	*same = u.before == u.after;
	if (why != NULL)
		*why = u.why;
	else
		free(u.why);
	return (u.rc);
}

static enum order_status
status_of(struct tco *t, uint64_t id)
{
	struct order	 o;
	enum order_status st;

	get(t, id, &o);
	st = o.status;
	order_free(&o);
	return (st);
}

static void
test_begin_resume(void **state)
{
	struct tco	*t = *state;
	struct batch	 b1, b2, b3, b4, b5;
	struct bget	 g;

	begin(t, SHA1, "shopify", &b1);
	assert_true(b1.id != 0);
	assert_string_equal(b1.sha256, SHA1);
	assert_string_equal(b1.channel, "shopify");
	assert_string_equal(b1.file, "/srv/import/orders.csv");
	assert_string_equal(b1.user, "alice");
	assert_int_equal(b1.finished, 0);
	assert_int_equal(b1.undone, 0);
	assert_int_equal(view(t, NULL).batches, 1);

	/* The same file again while the first is unfinished: resumed. */
	begin(t, SHA1, "shopify", &b2);
	assert_int_equal(b2.id, b1.id);
	assert_int_equal(b2.started, b1.started);
	assert_int_equal(view(t, NULL).batches, 1);

	/* Another file, or the same file for another channel: new. */
	begin(t, SHA2, "shopify", &b3);
	assert_true(b3.id != b1.id);
	begin(t, SHA1, "ebay", &b4);
	assert_true(b4.id != b1.id && b4.id != b3.id);
	assert_int_equal(view(t, NULL).batches, 3);

	/*
	 * Counters saved while running; resumed, the batch counts again
	 * from nothing, for the file is read again from its start.
	 */
	b1.rows = 12;
	b1.orders_new = 3;
	b1.lines = 5;
	b1.rejected = 1;
	assert_int_equal(t_write(t, save_fn, &b1), 0);
	batch_free(&b2);
	begin(t, SHA1, "shopify", &b2);
	assert_int_equal(b2.id, b1.id);
	assert_int_equal(b2.rows, 0);
	assert_int_equal(b2.orders_new, 0);
	assert_int_equal(b2.lines, 0);
	assert_int_equal(b2.rejected, 0);

	/* Finished: the same file again starts a new batch. */
	b1.finished = b1.started + 60;
	assert_int_equal(t_write(t, save_fn, &b1), 0);
	begin(t, SHA1, "shopify", &b5);
	assert_true(b5.id != b1.id && b5.id != b3.id && b5.id != b4.id);
	assert_int_equal(b5.finished, 0);
	assert_int_equal(b5.rows, 0);
	assert_int_equal(view(t, NULL).batches, 4);

	/* The finished one reads back as saved. */
	memset(&g, 0, sizeof g);
	g.id = b1.id;
	assert_int_equal(t_read(t, bget_fn, &g), 0);
	assert_int_equal(g.b.finished, b1.started + 60);
	assert_int_equal(g.b.rows, 12);
	assert_string_equal(g.b.sha256, SHA1);
	batch_free(&g.b);

	batch_free(&b1);
	batch_free(&b2);
	batch_free(&b3);
	batch_free(&b4);
	batch_free(&b5);
	checked(t);
}

/* The status history of an order, as the "to" status of each record. */
struct hist_c {
	uint64_t		 id;
	int			 n;
	enum order_status	 from[4];
	enum order_status	 to[4];
};

static int
hist_row(const struct order_hist *h, void *arg)
{
	struct hist_c	*c = arg;

	if (c->n < 4) {
		c->from[c->n] = h->from;
		c->to[c->n] = h->to;
	}
	c->n++;
	return (0);
}

static int
hist_fn(struct db_txn *tx, void *arg, char **cause)
{
	(void)cause;
	return (order_history(tx, ((struct hist_c *)arg)->id, hist_row, arg));
}

static void
test_new_paid(void **state)
{
	struct tco	*t = *state;
	struct batch	 b, b2;
	struct order	 o;
	struct view	 v0, v;
	uint64_t	 id, id2, id3;

	v0 = view(t, NULL);
	assert_int_equal(v0.has_cust, 0);
	assert_int_equal(v0.orders, 0);
	begin(t, SHA1, "shopify", &b);
	assert_int_equal(import(t, &b, "shopify", "5001", tea2, 1, MKT_PAID,
	    0, &id, NULL), IMP_NEW);
	assert_true(id != 0);

	get(t, id, &o);
	assert_int_equal(o.status, ST_CONFIRMED);
	assert_string_equal(o.customer, "SHOPIFY");
	assert_string_equal(o.channel, "shopify");
	assert_string_equal(o.ext_id, "5001");
	assert_string_equal(o.ship_to, SHIPTO);
	assert_int_equal(o.batch, b.id);
	assert_int_equal(o.nlines, 1);
	assert_string_equal(o.lines[0].sku, "TEA-1");
	assert_int_equal(o.lines[0].reserved, 2);
	assert_int_equal(o.total, TEA2_TOTAL);
	/* Created and confirmed in one step, both kept in its history. */
	assert_int_equal(o.version, 2);
	order_free(&o);
	{
		struct hist_c	 hc;

		memset(&hc, 0, sizeof hc);
		hc.id = id;
		assert_int_equal(t_read(t, hist_fn, &hc), 0);
		assert_int_equal(hc.n, 2);
		assert_int_equal(hc.to[0], ST_DRAFT);
		assert_int_equal(hc.from[1], ST_DRAFT);
		assert_int_equal(hc.to[1], ST_CONFIRMED);
	}

	v = view(t, NULL);
	assert_int_equal(v.has_cust, 1);	/* made on first use */
	assert_int_equal(v.orders, 1);
	assert_int_equal(v.tea_hand, 10);
	assert_int_equal(v.tea_res, 2);
	assert_int_equal(v.entries, v0.entries);	/* nothing shipped */
	assert_int_equal(v.ar, 0);

	/* The same order again, in the same batch: unchanged. */
	assert_int_equal(import(t, &b, "shopify", "5001", tea2, 1, MKT_PAID,
	    0, &id2, NULL), IMP_UNCHANGED);
	assert_int_equal(id2, id);
	/* And from a later file. */
	begin(t, SHA2, "shopify", &b2);
	assert_int_equal(import(t, &b2, "shopify", "5001", tea2, 1, MKT_PAID,
	    0, &id2, NULL), IMP_UNCHANGED);
	assert_int_equal(id2, id);
	v = view(t, NULL);
	assert_int_equal(v.orders, 1);
	assert_int_equal(v.tea_res, 2);
	assert_int_equal(status_of(t, id), ST_CONFIRMED);

	/* A second order of the channel goes to the same customer. */
	assert_int_equal(import(t, &b2, "shopify", "5002", tea2, 1,
	    MKT_PENDING, 0, &id3, NULL), IMP_NEW);
	assert_true(id3 != id);
	get(t, id3, &o);
	assert_string_equal(o.customer, "SHOPIFY");
	assert_int_equal(o.status, ST_CONFIRMED);
	assert_int_equal(o.batch, b2.id);
	order_free(&o);
	v = view(t, NULL);
	assert_int_equal(v.orders, 2);
	assert_int_equal(v.tea_res, 4);

	batch_free(&b);
	batch_free(&b2);
	checked(t);
}

/* The audit records from id "after" on: how many, and of them on orders. */
struct aud_c {
	int		 n, orders, chunks;
	char		 last[160];
};

static int
aud_row(const struct audit *a, void *arg)
{
	struct aud_c	*c = arg;

	c->n++;
	if (strncmp(a->object, "order ", 6) == 0)
		c->orders++;
	if (strcmp(a->action, "import.chunk") == 0)
		c->chunks++;
	snprintf(c->last, sizeof c->last, "%s %s: %s", a->action, a->object,
	    a->detail);
	return (0);
}

static int
aud_fn(struct db_txn *tx, void *arg, char **cause)
{
	(void)cause;
	return (audit_each(tx, 0, aud_row, arg));
}

static struct aud_c
audits(struct tco *t)
{
	struct aud_c	 c;

	memset(&c, 0, sizeof c);
	assert_int_equal(t_read(t, aud_fn, &c), 0);
	return (c);
}

static int
cancel_fn(struct db_txn *tx, void *arg, char **cause)
{
	return (order_cancel(tx, *(uint64_t *)arg, ORDER_ANY_VERSION,
	    "by hand", cause));
}

/*
 * An import's order events are in each order's history, and audited once
 * per chunk by the batch; the same events by a person are audited one by
 * one.
 */
static void
test_audit_by_chunk(void **state)
{
	struct tco	*t = *state;
	struct batch	 b;
	struct aud_c	 a0, a;
	uint64_t	 id, id2;

	begin(t, SHA1, "shopify", &b);
	a0 = audits(t);
	assert_int_equal(import(t, &b, "shopify", "5001", tea2, 1, MKT_PAID,
	    0, &id, NULL), IMP_NEW);
	assert_int_equal(import(t, &b, "shopify", "5002", tea2, 1,
	    MKT_SHIPPED, 0, &id2, NULL), IMP_NEW);
	a = audits(t);
	assert_int_equal(a.orders, a0.orders);
	b.orders_new = 2;
	assert_int_equal(t_write(t, save_fn, &b), 0);
	a = audits(t);
	assert_int_equal(a.chunks, a0.chunks + 1);
	assert_string_equal(a.last, "import.chunk import: batch 1: 2 new, "
	    "0 updated, 0 unchanged, 0 rejected rows so far");
	b.finished = 1;
	assert_int_equal(t_write(t, save_fn, &b), 0);
	a = audits(t);
	assert_string_equal(a.last, "import.finish import: batch 1: 2 new, "
	    "0 updated, 0 unchanged, 0 rejected rows");
	{
		struct hist_c	 hc;

		memset(&hc, 0, sizeof hc);
		hc.id = id2;
		assert_int_equal(t_read(t, hist_fn, &hc), 0);
		assert_int_equal(hc.n, 3);	/* new, confirmed, shipped */
	}
	/* A person's event on an imported order is audited. */
	a0 = audits(t);
	assert_int_equal(t_write(t, cancel_fn, &id), 0);
	a = audits(t);
	assert_int_equal(a.orders, a0.orders + 1);
	assert_int_equal(status_of(t, id), ST_CANCELLED);
	batch_free(&b);
	checked(t);
}

/* batch_same_file: which earlier batch of the same file lets it be skipped. */
struct same_arg {
	const char	*sha, *chan;
	uint64_t	 id;
	const char	*psha;		/* NULL: the one begin() gives */
};

static int
same_fn(struct db_txn *tx, void *arg, char **cause)
{
	struct same_arg	*a = arg;
	struct batch	 b;
	int		 rc;

	(void)cause;
	memset(&b, 0, sizeof b);
	a->id = 0;
	rc = batch_same_file(tx, a->sha, a->chan, a->psha != NULL ? a->psha :
	    "prof-sha", &b, cause);
	if (rc == 0)
		a->id = b.id;
	batch_free(&b);
	return (rc == ORDO_ENOTFOUND ? 0 : rc);
}

static uint64_t
same_as(struct tco *t, const char *sha, const char *chan)
{
	struct same_arg	 a = { sha, chan, 0, NULL };

	assert_int_equal(t_read(t, same_fn, &a), 0);
	return (a.id);
}

/*
 * A batch record as earlier builds wrote it: id 99 version 1 (no
 * attention count); 100 version 2 with it; 101 version 2 with it and the
 * open count (no profile hash).
 */
static int
old_fn(struct db_txn *tx, void *arg, char **cause)
{
	struct buf	 k, v;
	uint64_t	 id = *(uint64_t *)arg;
	int		 rc, i;

	(void)cause;
	buf_init(&k);
	buf_init(&v);
	key_u64(&k, id);
	enc_u8(&v, id == 99 ? 1 : 2);
	enc_str(&v, "/tmp/a.csv");
	enc_str(&v, SHA2);
	enc_str(&v, "shopify");
	enc_str(&v, "alice");
	enc_i64(&v, 1);
	enc_i64(&v, 2);			/* finished */
	enc_u8(&v, 0);
	for (i = 0; i < 7; i++)		/* rows ... rejected */
		enc_i64(&v, i == 1 ? 3 : 0);
	if (id >= 100)
		enc_i64(&v, 0);		/* attention */
	if (id == 101)
		enc_i64(&v, 0);		/* open */
	rc = db_putb(tx, TB_IMPORTS, &k, &v, 0);
	buf_free(&k);
	buf_free(&v);
	return (rc);
}

/* Store b as it is now; then the batch of (sha, chan) to skip, if any. */
static uint64_t
saved_same(struct tco *t, struct batch *b, const char *sha, const char *chan)
{
	assert_int_equal(t_write(t, save_fn, b), 0);
	return (same_as(t, sha, chan));
}

static void
test_same_file(void **state)
{
	struct tco	*t = *state;
	struct batch	 b, c;

	begin(t, SHA1, "shopify", &b);
	/* Unfinished: it is resumed, not skipped. */
	assert_int_equal(same_as(t, SHA1, "shopify"), 0);
	b.finished = 1;
	b.orders_new = 5;
	assert_int_equal(saved_same(t, &b, SHA1, "shopify"), b.id);
	assert_int_equal(same_as(t, SHA1, "jd"), 0);
	assert_int_equal(same_as(t, SHA2, "shopify"), 0);
	/* Anything left over means the file must be read again. */
	b.rejected = 2;
	assert_int_equal(saved_same(t, &b, SHA1, "shopify"), 0);
	b.rejected = 0;
	b.orders_short = 1;
	assert_int_equal(saved_same(t, &b, SHA1, "shopify"), 0);
	b.orders_short = 0;
	b.attention = 1;
	assert_int_equal(saved_same(t, &b, SHA1, "shopify"), 0);
	b.attention = -1;	/* a batch of an older ordo: not known */
	assert_int_equal(saved_same(t, &b, SHA1, "shopify"), 0);
	b.attention = 0;
	b.undone = 1;
	assert_int_equal(saved_same(t, &b, SHA1, "shopify"), 0);
	b.undone = 0;
	b.open = 1;	/* shipped there, not all here: the file ships it */
	assert_int_equal(saved_same(t, &b, SHA1, "shopify"), 0);
	b.open = -1;
	assert_int_equal(saved_same(t, &b, SHA1, "shopify"), 0);
	b.open = 0;
	assert_int_equal(saved_same(t, &b, SHA1, "shopify"), b.id);
	/* Read with another profile (its status rules changed, say). */
	{
		struct same_arg	 a = { SHA1, "shopify", 0, "other-sha" };

		assert_int_equal(t_read(t, same_fn, &a), 0);
		assert_int_equal(a.id, 0);
	}
	/* Asking is importing: a picker may not. */
	{
		struct same_arg	 a = { SHA1, "shopify", 0, NULL };
		char		*why = NULL;

		t->co->role = ROLE_PICKER;
		assert_int_equal(db_read(t->db, same_fn, &a, &why),
		    ORDO_EPERM);
		assert_non_null(strstr(why, "needs a clerk"));
		free(why);
		t->co->role = ROLE_ADMIN;
	}
	/* Older records are read; not knowing all, they are not skipped. */
	{
		uint64_t	 id;
		struct bget	 g;

		for (id = 99; id <= 101; id++) {
			assert_int_equal(t_write(t, old_fn, &id), 0);
			memset(&g, 0, sizeof g);
			g.id = id;
			assert_int_equal(t_read(t, bget_fn, &g), 0);
			assert_int_equal(g.b.orders_new, 3);
			assert_int_equal(g.b.attention, id == 99 ? -1 : 0);
			assert_int_equal(g.b.open, id == 101 ? 0 : -1);
			assert_string_equal(g.b.profile_sha, "");
			assert_string_equal(g.b.user, "alice");
			batch_free(&g.b);
			assert_int_equal(same_as(t, SHA2, "shopify"), 0);
		}
	}
	/* The latest of two. */
	begin(t, SHA1, "shopify", &c);
	assert_true(c.id != b.id);
	c.finished = 2;
	assert_int_equal(t_write(t, save_fn, &c), 0);
	assert_int_equal(same_as(t, SHA1, "shopify"), c.id);
	batch_free(&b);
	batch_free(&c);
}

/*
 * A shipped order's status as it was left (partly shipped: open), and a
 * resumed batch that counts from nothing, its earlier orders as made.
 */
static void
test_left_and_resumed(void **state)
{
	struct tco	*t = *state;
	static const struct il mug5[] = { { "MUG-3", 5, 1000 } };
	static const struct il cup9[] = { { "CUP-2", 9, 1150 } };
	struct app	 a;
	struct batch	 b, b2, b3;

	begin(t, SHA1, "shopify", &b);
	memset(&a, 0, sizeof a);
	a.b = &b;
	mk(&a.o, "shopify", "7001", mug5, 1);
	a.st = MKT_SHIPPED;
	a.carrier = "SF Express";
	a.tracking = "SF1";
	a.res = (enum imp_result)-1;
	assert_int_equal(t_write(t, app_fn, &a), 0);
	assert_int_equal(a.rc, 0);
	/*
	 * 2 in stock: all 5 shipped as the marketplace did, 3 beyond the
	 * stock (the row is flagged for a count), the order not left open.
	 */
	assert_int_equal(a.res, IMP_BEYOND);
	assert_int_equal(a.o.status, ST_SHIPPED);
	assert_non_null(strstr(a.why, "shopify order 7001 was shipped there "
	    "beyond ordo's stock"));
	assert_non_null(strstr(a.why, "MUG-3 at WH now -3 on hand"));
	free(a.why);
	order_free(&a.o);
	assert_int_equal(import(t, &b, "shopify", "7002", tea2, 1, MKT_PAID,
	    0, NULL, NULL), IMP_NEW);
	assert_int_equal(import(t, &b, "shopify", "7003", cup9, 1, MKT_PAID,
	    0, NULL, NULL), IMP_SHORT);
	b.orders_new = 3;
	b.orders_short = 1;
	b.lines = 3;
	assert_int_equal(t_write(t, save_fn, &b), 0);

	/* Cut short and run again: the batch counts from nothing... */
	begin(t, SHA1, "shopify", &b2);
	assert_int_equal(b2.id, b.id);
	assert_int_equal(b2.orders_new, 0);
	assert_int_equal(b2.orders_short, 0);
	assert_int_equal(b2.lines, 0);
	/* ...and the orders it made count as made again, not unchanged. */
	assert_int_equal(import(t, &b2, "shopify", "7002", tea2, 1, MKT_PAID,
	    0, NULL, NULL), IMP_NEW);
	assert_int_equal(import(t, &b2, "shopify", "7003", cup9, 1, MKT_PAID,
	    0, NULL, NULL), IMP_SHORT);
	/* Another batch finds them unchanged. */
	begin(t, SHA2, "shopify", &b3);
	assert_true(b3.id != b.id);
	assert_int_equal(import(t, &b3, "shopify", "7002", tea2, 1, MKT_PAID,
	    0, NULL, NULL), IMP_UNCHANGED);
	batch_free(&b);
	batch_free(&b2);
	batch_free(&b3);
	checked(t);
}

/* Ship one of the order's two, then pick the other. */
static int
part_fn(struct db_txn *tx, void *arg, char **cause)
{
	static const struct line_qty one[] = { { 1, 1, 0 } };
	uint64_t	 id = *(uint64_t *)arg;
	int		 rc;

	if ((rc = order_ship(tx, id, ORDER_ANY_VERSION, one, 1, "SF", "SF9",
	    NULL, cause)) != 0)
		return (rc);
	return (order_pick(tx, id, ORDER_ANY_VERSION, one, 1, cause));
}

/* The rules the importer counts by: open orders, and the batch's tally. */
static void
test_open_and_tally(void **state)
{
	/*
	 * new short updated unchanged rejected attention unknown, beyond
	 * (new), beyond (updated)
	 */
	static const int64_t w[IMP_NRESULTS] = { 1, 2, 3, 4, 5, 6, 8, 16, 32 };
	struct batch	 b;

	(void)state;
	assert_true(batch_order_open(MKT_SHIPPED, ST_PARTIAL));
	assert_true(batch_order_open(MKT_SHIPPED, ST_DRAFT));
	assert_true(batch_order_open(MKT_DELIVERED, ST_PICKING));
	assert_false(batch_order_open(MKT_SHIPPED, ST_SHIPPED));
	assert_false(batch_order_open(MKT_DELIVERED, ST_CLOSED));
	assert_false(batch_order_open(MKT_SHIPPED, ST_CANCELLED));
	assert_false(batch_order_open(MKT_PAID, ST_DRAFT));
	assert_false(batch_order_open(MKT_CANCELLED, ST_PARTIAL));
	memset(&b, 0, sizeof b);
	batch_tally(&b, w, 7);
	/*
	 * Short ones and those with an unknown SKU are new drafts too; those
	 * shipped beyond the stock new or updated.
	 */
	assert_int_equal(b.orders_new, 27);
	assert_int_equal(b.orders_short, 10);
	assert_int_equal(b.orders_updated, 35);
	assert_int_equal(b.orders_unchanged, 10);	/* and attention */
	assert_int_equal(b.attention, 6);
	assert_int_equal(b.open, 7);
}

static void
test_cancelled_later(void **state)
{
	struct tco	*t = *state;
	struct batch	 b, b2;
	struct view	 v0, v;
	uint64_t	 id, id2;

	begin(t, SHA1, "shopify", &b);
	assert_int_equal(import(t, &b, "shopify", "5001", tea2, 1, MKT_PAID,
	    0, &id, NULL), IMP_NEW);
	v0 = view(t, NULL);
	assert_int_equal(v0.tea_res, 2);

	begin(t, SHA2, "shopify", &b2);
	assert_int_equal(import(t, &b2, "shopify", "5001", tea2, 1,
	    MKT_CANCELLED, 0, &id2, NULL), IMP_UPDATED);
	assert_int_equal(id2, id);
	assert_int_equal(status_of(t, id), ST_CANCELLED);
	v = view(t, NULL);
	assert_int_equal(v.orders, 1);
	assert_int_equal(v.tea_res, 0);
	assert_int_equal(v.tea_hand, 10);
	assert_int_equal(v.entries, v0.entries);
	assert_int_equal(v.ar, 0);

	/* Cancelled again: nothing to do. */
	assert_int_equal(import(t, &b2, "shopify", "5001", tea2, 1,
	    MKT_CANCELLED, 0, &id2, NULL), IMP_UNCHANGED);
	assert_int_equal(status_of(t, id), ST_CANCELLED);
	/* A cancelled order is not revived by an older "paid" row. */
	assert_int_equal(import(t, &b2, "shopify", "5001", tea2, 1,
	    MKT_PAID, 0, &id2, NULL), IMP_UNCHANGED);
	assert_int_equal(status_of(t, id), ST_CANCELLED);
	assert_int_equal(view(t, NULL).tea_res, 0);

	/*
	 * Part shipped and the rest being picked when the marketplace
	 * cancels: goods have left, so it is for a person, not cancelled.
	 */
	assert_int_equal(import(t, &b2, "shopify", "5002", tea2, 1, MKT_PAID,
	    0, &id, NULL), IMP_NEW);
	assert_int_equal(t_write(t, part_fn, &id), 0);
	assert_int_equal(status_of(t, id), ST_PICKING);
	assert_int_equal(import(t, &b2, "shopify", "5002", tea2, 1,
	    MKT_CANCELLED, 0, &id2, NULL), IMP_ATTENTION);
	assert_int_equal(status_of(t, id), ST_PICKING);

	batch_free(&b);
	batch_free(&b2);
	checked(t);
}

static void
test_shipped_later(void **state)
{
	struct tco	*t = *state;
	struct batch	 b, b2;
	struct order	 o;
	struct view	 v0, v;
	uint64_t	 id, id2;

	begin(t, SHA1, "shopify", &b);
	assert_int_equal(import(t, &b, "shopify", "5001", tea2, 1, MKT_PAID,
	    0, &id, NULL), IMP_NEW);
	v0 = view(t, NULL);

	begin(t, SHA2, "shopify", &b2);
	assert_int_equal(import(t, &b2, "shopify", "5001", tea2, 1,
	    MKT_SHIPPED, 0, &id2, NULL), IMP_UPDATED);
	assert_int_equal(id2, id);
	get(t, id, &o);
	assert_int_equal(o.status, ST_SHIPPED);
	assert_int_equal(o.lines[0].shipped, 2);
	assert_int_equal(o.lines[0].reserved, 0);
	assert_string_equal(o.carrier, "SF Express");
	assert_string_equal(o.tracking, "SF1234567890");
	order_free(&o);
	v = view(t, NULL);
	assert_int_equal(v.orders, 1);
	assert_int_equal(v.tea_hand, 8);	/* the stock left */
	assert_int_equal(v.tea_res, 0);
	assert_int_equal(v.entries, v0.entries + 1);	/* the shipment */
	/* The marketplace owes us the order total until its payout. */
	assert_int_equal(v.ar, v0.ar + TEA2_TOTAL);
	assert_int_equal(v.ar_acct, v0.ar_acct + TEA2_TOTAL);

	/* Shipped again (or delivered): nothing more to do. */
	assert_int_equal(import(t, &b2, "shopify", "5001", tea2, 1,
	    MKT_SHIPPED, 0, NULL, NULL), IMP_UNCHANGED);
	/*
	 * Cancelled on the marketplace after it shipped: left alone, and
	 * named for a person to take the return.
	 */
	assert_int_equal(import(t, &b2, "shopify", "5001", tea2, 1,
	    MKT_CANCELLED, 0, NULL, NULL), IMP_ATTENTION);
	assert_int_equal(status_of(t, id), ST_SHIPPED);
	v = view(t, NULL);
	assert_int_equal(v.tea_hand, 8);
	assert_int_equal(v.entries, v0.entries + 1);
	assert_int_equal(v.ar, v0.ar + TEA2_TOTAL);

	batch_free(&b);
	batch_free(&b2);
	checked(t);
}

static void
test_short(void **state)
{
	struct tco	*t = *state;
	/* TEA-1 fits (10 on hand), CUP-2 does not (5 on hand). */
	static const struct il l[] = {
		{ "TEA-1", 2, 3000 },
		{ "CUP-2", 6, 1000 },
	};
	static const struct il mug[] = { { "MUG-3", 3, 1000 } };
	struct batch	 b;
	struct order	 o;
	struct view	 v0, v;
	uint64_t	 id, id2;

	v0 = view(t, NULL);
	begin(t, SHA1, "shopify", &b);
	assert_int_equal(import(t, &b, "shopify", "5001", l, 2, MKT_PAID, 0,
	    &id, NULL), IMP_SHORT);
	get(t, id, &o);
	assert_int_equal(o.status, ST_DRAFT);	/* kept for a clerk */
	assert_string_equal(o.customer, "SHOPIFY");
	assert_int_equal(o.nlines, 2);
	assert_int_equal(o.lines[0].reserved, 0);
	assert_int_equal(o.lines[1].reserved, 0);
	order_free(&o);
	v = view(t, NULL);
	assert_int_equal(v.orders, 1);
	/* No half reservation: TEA-1 would have fitted. */
	assert_int_equal(v.tea_res, 0);
	assert_int_equal(v.cup_res, 0);
	assert_int_equal(v.tea_hand, 10);
	assert_int_equal(v.cup_hand, 5);
	assert_int_equal(v.entries, v0.entries);

	/* Imported again while still short: unchanged, still one order. */
	assert_int_equal(import(t, &b, "shopify", "5001", l, 2, MKT_PAID, 0,
	    &id2, NULL), IMP_UNCHANGED);
	assert_int_equal(id2, id);
	assert_int_equal(view(t, NULL).orders, 1);
	/*
	 * Shipped on the marketplace, still short here: the goods have left,
	 * so it is shipped, CUP-2 one below zero (flagged for a count), with
	 * its invoice entry.
	 */
	assert_int_equal(import(t, &b, "shopify", "5001", l, 2, MKT_SHIPPED,
	    0, &id2, NULL), IMP_BEYOND_UPD);
	assert_int_equal(id2, id);
	assert_int_equal(status_of(t, id), ST_SHIPPED);
	v = view(t, NULL);
	assert_int_equal(v.tea_res, 0);
	assert_int_equal(v.cup_res, 0);
	assert_int_equal(v.tea_hand, 8);
	assert_int_equal(v.cup_hand, -1);
	assert_int_equal(v.entries, v0.entries + 1);

	/* An item that may be backordered is not short. */
	assert_int_equal(import(t, &b, "shopify", "5002", mug, 1, MKT_PAID, 0,
	    &id2, NULL), IMP_NEW);
	assert_int_equal(status_of(t, id2), ST_CONFIRMED);
	assert_int_equal(view(t, NULL).mug_res, 2);

	batch_free(&b);
	checked(t);
}

static int
alias_fn(struct db_txn *tx, void *arg, char **cause)
{
	(void)arg;
	return (alias_set(tx, "shopify", "SHP-TEA-RED", "TEA-1", cause));
}

struct rep {
	size_t		 fixed, shortn;
};

static int
repair_fn(struct db_txn *tx, void *arg, char **cause)
{
	struct rep	*rp = arg;

	return (alias_repair(tx, "shopify", "SHP-TEA-RED", &rp->fixed,
	    &rp->shortn, cause));
}

struct res {
	const char	*chan, *sku;
	int		 rc;
	char		*out;
};

static int
resolve_fn(struct db_txn *tx, void *arg, char **cause)
{
	struct res	*r = arg;

	(void)cause;
	free(r->out);
	r->rc = alias_resolve(tx, r->chan, r->sku, &r->out);
	return (0);
}

static void
test_unknown_sku(void **state)
{
	struct tco	*t = *state;
	static const struct il l[] = {
		{ "TEA-1", 1, 3000 },
		{ "SHP-TEA-RED", 2, 2800 },
	};
	static const struct il red[] = { { "SHP-TEA-RED", 2, 2800 } };
	struct batch	 b;
	struct order	 o;
	struct view	 v0, v;
	struct res	 r;
	struct rep	 rp;
	uint64_t	 id, id2;
	char		*why = NULL;

	v0 = view(t, NULL);
	begin(t, SHA1, "shopify", &b);

	/* Rejected: the cause names the SKU, nothing is written. */
	assert_int_equal(import(t, &b, "shopify", "5001", l, 2, MKT_PAID, 0,
	    &id, &why), IMP_REJECTED);
	assert_non_null(why);
	assert_non_null(strstr(why, "SHP-TEA-RED"));
	free(why);
	why = NULL;
	v = view(t, NULL);
	assert_int_equal(v.orders, v0.orders);
	assert_int_equal(v.entries, v0.entries);
	assert_int_equal(v.tea_res, 0);
	assert_int_equal(v.has_cust, 0);

	/* Flagged: a draft with the line marked unmapped, counted apart. */
	assert_int_equal(import(t, &b, "shopify", "5001", l, 2, MKT_PAID, 1,
	    &id, NULL), IMP_UNKNOWN);
	get(t, id, &o);
	assert_int_equal(o.status, ST_DRAFT);
	assert_string_equal(o.customer, "SHOPIFY");
	assert_int_equal(o.nlines, 2);
	assert_string_equal(o.lines[0].sku, "TEA-1");
	assert_int_equal(o.lines[0].flags & LINE_UNMAPPED, 0);
	assert_string_equal(o.lines[1].sku, "SHP-TEA-RED");
	assert_int_equal(o.lines[1].flags & LINE_UNMAPPED, LINE_UNMAPPED);
	assert_int_equal(o.lines[1].unit_price, 2800);
	order_free(&o);
	v = view(t, NULL);
	assert_int_equal(v.orders, v0.orders + 1);
	assert_int_equal(v.tea_res, 0);
	assert_int_equal(v.entries, v0.entries);

	/* Mapped: a new import resolves the channel SKU to ours. */
	assert_int_equal(t_write(t, alias_fn, NULL), 0);
	memset(&r, 0, sizeof r);
	r.chan = "shopify";
	r.sku = "SHP-TEA-RED";
	assert_int_equal(t_read(t, resolve_fn, &r), 0);
	assert_int_equal(r.rc, 0);
	assert_string_equal(r.out, "TEA-1");
	/* The alias is the channel's own. */
	r.chan = "ebay";
	assert_int_equal(t_read(t, resolve_fn, &r), 0);
	assert_int_equal(r.rc, ORDO_ENOTFOUND);
	free(r.out);

	assert_int_equal(import(t, &b, "shopify", "5002", red, 1, MKT_PAID, 0,
	    &id2, NULL), IMP_NEW);
	get(t, id2, &o);
	assert_int_equal(o.status, ST_CONFIRMED);
	assert_string_equal(o.lines[0].sku, "TEA-1");
	assert_int_equal(o.lines[0].flags & LINE_UNMAPPED, 0);
	assert_int_equal(o.lines[0].reserved, 2);
	order_free(&o);
	assert_int_equal(view(t, NULL).tea_res, 2);
	assert_int_equal(import(t, &b, "ebay", "E-1", red, 1, MKT_PAID, 0,
	    NULL, NULL), IMP_REJECTED);
	assert_int_equal(view(t, NULL).orders, v0.orders + 2);

	/* --alias also repairs the draft imported before it: confirmed. */
	assert_int_equal(t_write(t, repair_fn, &rp), 0);
	assert_int_equal(rp.fixed, 1);
	assert_int_equal(rp.shortn, 0);
	get(t, id, &o);
	assert_int_equal(o.status, ST_CONFIRMED);
	assert_string_equal(o.lines[1].sku, "TEA-1");
	assert_int_equal(o.lines[1].flags & LINE_UNMAPPED, 0);
	assert_int_equal(o.lines[1].reserved, 2);
	order_free(&o);
	assert_int_equal(view(t, NULL).tea_res, 2 + 3);
	/* Nothing left to repair: done once. */
	assert_int_equal(t_write(t, repair_fn, &rp), 0);
	assert_int_equal(rp.fixed, 0);

	batch_free(&b);
	checked(t);
}

/* Several orders in one transaction, as the importer's chunks do. */
struct many {
	const struct batch *b;
	const char	*chan;
	enum imp_result	 res[3];
	uint64_t	 id[3];
	char		*why[3];
};

static int
many_fn(struct db_txn *tx, void *arg, char **cause)
{
	static const struct il bad[] = {
		{ "TEA-1", 1, 3000 },
		{ "NO-SUCH", 1, 100 },
	};
	static const struct il cup[] = { { "CUP-2", 1, 1000 } };
	struct many	*m = arg;
	struct order	 o;
	int		 i, rc;

	for (i = 0; i < 3; i++) {
		free(m->why[i]);
		m->why[i] = NULL;
		if (i == 0)
			mk(&o, m->chan, "A", tea2, 1);
		else if (i == 1)
			mk(&o, m->chan, "B", bad, 2);
		else
			mk(&o, m->chan, "C", cup, 1);
		rc = batch_apply(tx, m->b, &o, MKT_PAID, NULL, NULL, 0,
		    &m->res[i], &m->why[i]);
		m->id[i] = o.id;
		order_free(&o);
		if (rc != 0) {
			*cause = m->why[i];
			m->why[i] = NULL;
			return (rc);
		}
	}
	return (0);
}

static void
test_reject_middle(void **state)
{
	struct tco	*t = *state;
	struct batch	 b;
	struct order	 o;
	struct many	 m;
	struct view	 v0, v;
	uint64_t	 id;
	int		 i;

	v0 = view(t, "EBAY");
	begin(t, SHA1, "ebay", &b);
	memset(&m, 0, sizeof m);
	m.b = &b;
	m.chan = "ebay";
	assert_int_equal(t_write(t, many_fn, &m), 0);
	assert_int_equal(m.res[0], IMP_NEW);
	assert_int_equal(m.res[1], IMP_REJECTED);
	assert_int_equal(m.res[2], IMP_NEW);
	assert_null(m.why[0]);
	assert_non_null(m.why[1]);
	assert_non_null(strstr(m.why[1], "NO-SUCH"));

	v = view(t, "EBAY");
	assert_int_equal(v.orders, v0.orders + 2);
	assert_int_equal(v.has_cust, 1);
	assert_int_equal(v.tea_res, 2);		/* A, not B's line */
	assert_int_equal(v.cup_res, 1);		/* C */
	get(t, m.id[0], &o);
	assert_string_equal(o.ext_id, "A");
	assert_int_equal(o.status, ST_CONFIRMED);
	order_free(&o);
	get(t, m.id[2], &o);
	assert_string_equal(o.ext_id, "C");
	assert_int_equal(o.status, ST_CONFIRMED);
	order_free(&o);
	for (i = 0; i < 3; i++)
		free(m.why[i]);

	/*
	 * The first order of a new channel refused after its customer was
	 * made: the customer goes with it.
	 */
	{
		static const struct il zero[] = { { "TEA-1", 0, 3000 } };

		assert_int_equal(import(t, &b, "etsy", "Z-1", zero, 1,
		    MKT_PAID, 0, &id, NULL), IMP_REJECTED);
		v = view(t, "ETSY");
		assert_int_equal(v.has_cust, 0);
		assert_int_equal(v.orders, v0.orders + 2);
	}

	batch_free(&b);
	checked(t);
}

/*
 * db_write re-runs a transaction from the start when the map must grow;
 * the importer then hands batch_apply the very same orders again.
 */
struct rerun {
	const struct batch *b;
	struct order	 o;
	int		 calls;
	enum imp_result	 res;
	char		*why;
};

static int
rerun_fn(struct db_txn *tx, void *arg, char **cause)
{
	struct rerun	*r = arg;
	int		 rc;

	(void)cause;
	free(r->why);
	r->why = NULL;
	rc = batch_apply(tx, r->b, &r->o, MKT_PAID, NULL, NULL, 0, &r->res,
	    &r->why);
	if (rc != 0)
		return (rc);
	return (++r->calls == 1 ? MDB_MAP_FULL : 0);
}

/* On shopify, the channel's own SKU "TEA-1" is our CUP-2. */
static int
alias2_fn(struct db_txn *tx, void *arg, char **cause)
{
	(void)arg;
	return (alias_set(tx, "shopify", "TEA-1", "CUP-2", cause));
}

static void
test_rerun(void **state)
{
	struct tco	*t = *state;
	static const struct il red[] = { { "SHP-TEA-RED", 2, 3000 } };
	struct batch	 b;
	struct rerun	 r;
	struct order	 o;

	assert_int_equal(t_write(t, alias_fn, NULL), 0);
	assert_int_equal(t_write(t, alias2_fn, NULL), 0);
	begin(t, SHA1, "shopify", &b);
	memset(&r, 0, sizeof r);
	r.b = &b;
	mk(&r.o, "shopify", "5001", red, 1);
	assert_int_equal(t_write(t, rerun_fn, &r), 0);
	assert_int_equal(r.calls, 2);
	if (r.why != NULL)
		print_message("# %s\n", r.why);
	assert_int_equal(r.res, IMP_NEW);
	get(t, r.o.id, &o);
	assert_string_equal(o.customer, "SHOPIFY");
	assert_string_equal(o.lines[0].sku, "TEA-1");
	assert_int_equal(o.status, ST_CONFIRMED);
	order_free(&o);
	assert_int_equal(view(t, NULL).orders, 1);
	assert_int_equal(view(t, NULL).has_cust, 1);
	assert_int_equal(view(t, NULL).tea_res, 2);
	assert_int_equal(view(t, NULL).cup_res, 0);
	order_free(&r.o);
	free(r.why);
	batch_free(&b);
	checked(t);
}

static void
test_undo(void **state)
{
	struct tco	*t = *state;
	static const struct il shortl[] = {
		{ "TEA-1", 1, 3000 },
		{ "CUP-2", 9, 1000 },
	};
	static const struct il cup[] = { { "CUP-2", 2, 1000 } };
	struct batch	 b1, b2;
	struct bget	 g;
	struct view	 v0, v;
	uint64_t	 keep, ida, idb, idc;
	char		*why = NULL;
	int		 same;

	/* An order from an earlier batch, which the undo must not touch. */
	begin(t, SHA1, "shopify", &b1);
	assert_int_equal(import(t, &b1, "shopify", "4000", tea2, 1, MKT_PAID,
	    0, &keep, NULL), IMP_NEW);
	v0 = view(t, NULL);

	begin(t, SHA2, "shopify", &b2);
	assert_int_equal(import(t, &b2, "shopify", "5001", tea2, 1, MKT_PAID,
	    0, &ida, NULL), IMP_NEW);
	assert_int_equal(import(t, &b2, "shopify", "5002", shortl, 2,
	    MKT_PAID, 0, &idb, NULL), IMP_SHORT);
	assert_int_equal(import(t, &b2, "shopify", "5003", cup, 1, MKT_PAID,
	    0, &idc, NULL), IMP_NEW);
	/* An update of the earlier batch's order is not the batch's own. */
	assert_int_equal(import(t, &b2, "shopify", "4000", tea2, 1, MKT_PAID,
	    0, NULL, NULL), IMP_UNCHANGED);
	v = view(t, NULL);
	assert_int_equal(v.tea_res, 4);
	assert_int_equal(v.cup_res, 2);

	assert_int_equal(undo(t, b2.id, ROLE_MANAGER, NULL, &same), 0);
	assert_false(same);
	assert_int_equal(status_of(t, ida), ST_CANCELLED);
	assert_int_equal(status_of(t, idb), ST_CANCELLED);
	assert_int_equal(status_of(t, idc), ST_CANCELLED);
	assert_int_equal(status_of(t, keep), ST_CONFIRMED);
	v = view(t, NULL);
	assert_int_equal(v.orders, 4);		/* nothing is deleted */
	assert_int_equal(v.tea_res, v0.tea_res);
	assert_int_equal(v.tea_res, 2);
	assert_int_equal(v.cup_res, 0);
	assert_int_equal(v.tea_hand, 10);
	assert_int_equal(v.cup_hand, 5);
	assert_int_equal(v.entries, v0.entries);
	memset(&g, 0, sizeof g);
	g.id = b2.id;
	assert_int_equal(t_read(t, bget_fn, &g), 0);
	assert_int_equal(g.b.undone, 1);
	batch_free(&g.b);

	/* Twice: refused, nothing written. */
	assert_int_equal(undo(t, b2.id, ROLE_MANAGER, &why, &same),
	    ORDO_ESTATE);
	assert_true(same);
	assert_non_null(why);
	free(why);
	/* An undone batch is not resumed. */
	batch_free(&b2);
	begin(t, SHA2, "shopify", &b2);
	assert_true(b2.id != g.id);

	batch_free(&b1);
	batch_free(&b2);
	checked(t);
}

static void
test_undo_shipped(void **state)
{
	struct tco	*t = *state;
	static const struct il cup[] = { { "CUP-2", 2, 1000 } };
	struct batch	 b;
	struct view	 v0, v;
	uint64_t	 ida, idb;
	char		*why = NULL, want[32];
	int		 same;

	begin(t, SHA1, "shopify", &b);
	assert_int_equal(import(t, &b, "shopify", "5001", tea2, 1, MKT_PAID,
	    0, &ida, NULL), IMP_NEW);
	/* Already shipped on the marketplace when first seen. */
	assert_int_equal(import(t, &b, "shopify", "5002", cup, 1,
	    MKT_SHIPPED, 0, &idb, NULL), IMP_NEW);
	assert_int_equal(status_of(t, idb), ST_SHIPPED);
	v0 = view(t, NULL);
	assert_int_equal(v0.cup_hand, 3);
	assert_int_equal(v0.tea_res, 2);

	assert_int_equal(undo(t, b.id, ROLE_MANAGER, &why, &same),
	    ORDO_ESTATE);
	assert_true(same);
	assert_non_null(why);
	snprintf(want, sizeof want, "(%llu)", (unsigned long long)idb);
	if (strstr(why, want) == NULL)
		fail_msg("cause does not name order %llu: %s",
		    (unsigned long long)idb, why);
	free(why);
	assert_int_equal(status_of(t, ida), ST_CONFIRMED);
	assert_int_equal(status_of(t, idb), ST_SHIPPED);
	v = view(t, NULL);
	assert_int_equal(v.tea_res, 2);
	assert_int_equal(v.cup_hand, 3);
	assert_int_equal(v.entries, v0.entries);
	assert_int_equal(v.ar, v0.ar);

	batch_free(&b);
	checked(t);
}

static void
test_undo_picker(void **state)
{
	struct tco	*t = *state;
	struct batch	 b;
	struct bget	 g;
	uint64_t	 id;
	char		*why = NULL;
	int		 same;

	begin(t, SHA1, "shopify", &b);
	assert_int_equal(import(t, &b, "shopify", "5001", tea2, 1, MKT_PAID,
	    0, &id, NULL), IMP_NEW);
	assert_int_equal(undo(t, b.id, ROLE_PICKER, &why, &same), ORDO_EPERM);
	assert_true(same);
	assert_non_null(why);
	free(why);
	/* A clerk may not either: undo needs a manager. */
	assert_int_equal(undo(t, b.id, ROLE_CLERK, NULL, &same), ORDO_EPERM);
	assert_true(same);
	assert_int_equal(status_of(t, id), ST_CONFIRMED);
	assert_int_equal(view(t, NULL).tea_res, 2);
	memset(&g, 0, sizeof g);
	g.id = b.id;
	assert_int_equal(t_read(t, bget_fn, &g), 0);
	assert_int_equal(g.b.undone, 0);
	batch_free(&g.b);

	batch_free(&b);
	checked(t);
}

/* One currency per company: an export in another is refused. */
static void
test_currency(void **state)
{
	struct tco	*t = *state;
	char		*cause = NULL;

	assert_int_equal(batch_currency_ok(t->cfg, t->cfg->currency, &cause),
	    0);
	assert_int_equal(batch_currency_ok(t->cfg, "", &cause), 0);
	assert_int_equal(batch_currency_ok(t->cfg, NULL, &cause), 0);
	assert_int_equal(batch_currency_ok(t->cfg, "EUR", &cause),
	    ORDO_EINVAL);
	assert_non_null(strstr(cause, "currency EUR is not the company's"));
	free(cause);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_currency, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_begin_resume, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_audit_by_chunk, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_same_file, setup,
		    teardown),
		cmocka_unit_test(test_open_and_tally),
		cmocka_unit_test_setup_teardown(test_left_and_resumed, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_new_paid, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_cancelled_later, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_shipped_later, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_short, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unknown_sku, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_reject_middle, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_rerun, setup, teardown),
		cmocka_unit_test_setup_teardown(test_undo, setup, teardown),
		cmocka_unit_test_setup_teardown(test_undo_shipped, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_undo_picker, setup,
		    teardown),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
