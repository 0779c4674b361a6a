/*
 * test_order.c: the order lifecycle, checked as a user would: totals and
 * tax to the cent, stock on hand and reserved, every journal entry and
 * invoice, the messages of refusals, and that a refusal writes nothing.
 *
 * Every event goes through run(), which takes a digest of the whole
 * database inside the transaction before and after the call: a refused
 * call must leave it byte for byte the same (so an importer may carry on
 * in the same transaction), whatever the caller then does.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testlib.h"

#include "ordo/alias.h"
#include "ordo/batch.h"
#include "ordo/check.h"
#include "ordo/codec.h"
#include "ordo/company.h"
#include "ordo/config.h"
#include "ordo/customer.h"
#include "ordo/error.h"
#include "ordo/item.h"
#include "ordo/ledger.h"
#include "ordo/order.h"
#include "ordo/payment.h"
#include "ordo/stock.h"
#include "ordo/xmalloc.h"

#define S(x)	((char *)(x))
#define NOW	"2026-11-26 10:00:00"

enum op_kind {
	OP_NEW, OP_ADD, OP_CONFIRM, OP_PICK, OP_PACK, OP_SHIP, OP_DELIVER,
	OP_CLOSE, OP_CANCEL, OP_RETURN
};

/* A line for OP_NEW/OP_ADD. */
struct nl {
	const char	*sku;
	int64_t		 qty;
	int64_t		 price;		/* -1: the item's */
	int		 tax;		/* -1: the item's */
	int64_t		 disc;
	const char	*loc;
	unsigned	 flags;
};

struct op {
	enum op_kind	 what;
	uint64_t	 id;
	uint32_t	 ver;
	const struct line_qty *lq;
	size_t		 n;
	const char	*s1, *s2;	/* carrier/tracking, reason */
	/* OP_NEW, OP_ADD */
	const char	*cust, *chan, *ext, *loc;
	int64_t		 shipping;
	int		 tax_mode;	/* ORDER_TAX_* */
	unsigned	 oflags;	/* ORDER_* */
	int64_t		 ship_tax;	/* with ORDER_SHIP_TAX_GIVEN */
	int64_t		 given;		/* each LINE_TAX_GIVEN line's tax */
	const struct nl	*nl;
	size_t		 nnl;
	struct order	 o;		/* OP_NEW: outputs */
	struct order_line ol;		/* OP_ADD: outputs */
	uint64_t	 inv;
	uint64_t	 before, after;
	int		 keep;		/* keep o.lines (caller frees) */
};

static char	*why;		/* cause of the last run() */

/* The fixture: items, customers and stock. */
struct fitem {
	const char	*sku;
	int64_t		 price;
	int		 tax;
	int		 backorder;
};
static const struct fitem fitems[] = {
	{ "TEA-1", 33, -1, 0 },
	{ "CUP-2", 115, 600, 0 },
	{ "MUG-3", 1000, -1, 1 },
	{ "PEN-4", 25, 600, 0 },
	{ "BOX-5", 500, -1, 0 },
};
struct frecv {
	const char	*sku, *loc;
	int64_t		 qty, cost;
};
static const struct frecv frecvs[] = {
	{ "TEA-1", "WH", 20, 10 },	/* 20 on hand worth 2.00 */
	{ "TEA-1", "MAIN", 10, 10 },
	{ "CUP-2", "WH", 10, 50 },	/* 15 on hand worth 9.00 */
	{ "CUP-2", "WH", 5, 80 },
	{ "MUG-3", "WH", 3, 333 },	/* 3 on hand worth 9.99 */
	{ "BOX-5", "WH", 1, 33 },	/* 3 on hand worth 1.01 */
	{ "BOX-5", "WH", 2, 34 },
};

static int
fx_fn(struct db_txn *tx, void *arg, char **cause)
{
	struct item	 it;
	struct customer	 c;
	size_t		 i;
	int		 rc;

	(void)arg;
	for (i = 0; i < sizeof fitems / sizeof fitems[0]; i++) {
		memset(&it, 0, sizeof it);
		it.sku = S(fitems[i].sku);
		it.barcode = S("");
		it.name = S(fitems[i].sku);
		it.unit = S("pcs");
		it.bin = S("");
		it.price = fitems[i].price;
		it.tax_rate = fitems[i].tax;
		it.backorder = fitems[i].backorder;
		it.active = 1;
		if ((rc = item_add(tx, &it, cause)) != 0)
			return (rc);
	}
	memset(&c, 0, sizeof c);
	c.code = S("C1");
	c.name = S("Alice's Tea Shop");
	if ((rc = customer_add(tx, &c, cause)) != 0)
		return (rc);
	c.code = S("C2");
	c.name = S("Bob");
	if ((rc = customer_add(tx, &c, cause)) != 0)
		return (rc);
	for (i = 0; i < sizeof frecvs / sizeof frecvs[0]; i++) {
		if ((rc = stock_receive(tx, frecvs[i].sku, frecvs[i].loc,
		    frecvs[i].qty, frecvs[i].cost, "fixture", NULL,
		    cause)) != 0)
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
	free(why);
	why = NULL;
	return (0);
}

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
op_call(struct db_txn *tx, struct op *op, char **cause)
{
	struct order_line *l;
	size_t		 i;

	switch (op->what) {
	case OP_NEW:
	case OP_ADD:
		free(op->o.lines);
		memset(&op->o, 0, sizeof op->o);
		op->o.customer = S(op->cust);
		op->o.channel = S(op->chan);
		op->o.ext_id = S(op->ext);
		op->o.loc = S(op->loc);
		op->o.shipping = op->shipping;
		op->o.tax_mode = op->tax_mode;
		op->o.flags = op->oflags;
		op->o.ship_tax = op->ship_tax;
		op->o.nlines = op->nnl;
		op->o.lines = xcalloc(op->nnl + 1, sizeof *op->o.lines);
		for (i = 0; i < op->nnl; i++) {
			l = &op->o.lines[i];
			l->sku = S(op->nl[i].sku);
			l->qty = op->nl[i].qty;
			l->unit_price = op->nl[i].price;
			l->tax_rate = op->nl[i].tax;
			l->discount = op->nl[i].disc;
			l->loc = S(op->nl[i].loc);
			l->flags = op->nl[i].flags;
			l->tax = op->given;
		}
		if (op->what == OP_NEW)
			return (order_new(tx, &op->o, cause));
		op->ol = op->o.lines[0];
		return (order_add_line(tx, op->id, op->ver, &op->ol, cause));
	case OP_CONFIRM:
		return (order_confirm(tx, op->id, op->ver, cause));
	case OP_PICK:
		return (order_pick(tx, op->id, op->ver, op->lq, op->n, cause));
	case OP_PACK:
		return (order_pack(tx, op->id, op->ver, cause));
	case OP_SHIP:
		return (order_ship(tx, op->id, op->ver, op->lq, op->n, op->s1,
		    op->s2, &op->inv, cause));
	case OP_DELIVER:
		return (order_deliver(tx, op->id, op->ver, cause));
	case OP_CLOSE:
		return (order_close(tx, op->id, op->ver, cause));
	case OP_CANCEL:
		return (order_cancel(tx, op->id, op->ver, op->s1, cause));
	case OP_RETURN:
		return (order_return(tx, op->id, op->ver, op->lq, op->n,
		    op->s1, cause));
	}
	return (-1);
}

static int
op_fn(struct db_txn *tx, void *arg, char **cause)
{
	struct op	*op = arg;
	int		 rc;

	op->before = digest(tx);
	rc = op_call(tx, op, cause);
	op->after = digest(tx);
	return (rc);
}

/* Run an event; a refusal must not have written anything. */
static int
run(struct tco *t, struct op *op)
{
	int	 rc;

	free(why);
	why = NULL;
	rc = db_write(t->db, op_fn, op, &why);
	if (!op->keep) {
		free(op->o.lines);
		op->o.lines = NULL;
	}
	if (rc != 0)
		assert_true(op->before == op->after);
	return (rc);
}

static void
ok(struct tco *t, struct op *op)
{
	int	 rc;

	rc = run(t, op);
	if (rc != 0)
		fail_msg("event %d on order %llu: %s", op->what,
		    (unsigned long long)op->id, why != NULL ? why : "?");
}

/* Run an event that must be refused with code and a cause containing s. */
static void
refused(struct tco *t, struct op *op, int code, const char *s)
{
	int	 rc;

	rc = run(t, op);
	if (rc != code)
		fail_msg("event %d on order %llu: want %d got %d (%s)",
		    op->what, (unsigned long long)op->id, code, rc,
		    why != NULL ? why : "");
	if (s != NULL && (why == NULL || strstr(why, s) == NULL))
		fail_msg("cause \"%s\" lacks \"%s\"", why ? why : "", s);
}

static void
ev(struct tco *t, enum op_kind what, uint64_t id)
{
	struct op	 op = { .what = what, .id = id,
			    .ver = ORDER_ANY_VERSION };

	ok(t, &op);
}

static void
ev_refused(struct tco *t, enum op_kind what, uint64_t id, int code,
    const char *s)
{
	static const struct line_qty one = { 1, 1, 0 };
	struct op	 op = { .what = what, .id = id,
			    .ver = ORDER_ANY_VERSION };

	if (what == OP_RETURN) {
		op.lq = &one;
		op.n = 1;
	}
	refused(t, &op, code, s);
}

static uint64_t
mk(struct tco *t, const char *cust, const char *loc, int64_t shipping,
    const struct nl *nl, size_t n)
{
	struct op	 op = { .what = OP_NEW, .cust = cust, .loc = loc,
			    .shipping = shipping, .nl = nl, .nnl = n };

	ok(t, &op);
	assert_int_equal(op.o.version, 1);
	assert_int_equal(op.o.status, ST_DRAFT);
	return (op.o.id);
}

/* Reading helpers. */

struct rd_arg {
	uint64_t	 id;
	struct order	*o;
	const char	*sku, *loc;
	struct stock	*st;
	enum account_role role;
	int64_t		 bal;
	const char	*cust;
};

static int
get_fn(struct db_txn *tx, void *arg, char **cause)
{
	struct rd_arg	*a = arg;

	return (order_get(tx, a->id, a->o, cause));
}

static void
load(struct tco *t, uint64_t id, struct order *o)
{
	struct rd_arg	 a = { .id = id, .o = o };

	assert_int_equal(t_read(t, get_fn, &a), 0);
}

static uint32_t
ver(struct tco *t, uint64_t id)
{
	struct order	 o;
	uint32_t	 v;

	load(t, id, &o);
	v = o.version;
	order_free(&o);
	return (v);
}

static enum order_status
status(struct tco *t, uint64_t id)
{
	struct order	 o;
	enum order_status s;

	load(t, id, &o);
	s = o.status;
	order_free(&o);
	return (s);
}

static int
stock_fn(struct db_txn *tx, void *arg, char **cause)
{
	struct rd_arg	*a = arg;

	(void)cause;
	return (stock_get(tx, a->sku, a->loc, a->st));
}

/* Check a stock row: on hand, reserved and value. */
static void
stk(struct tco *t, const char *sku, const char *loc, int64_t on_hand,
    int64_t reserved, int64_t value)
{
	struct stock	 st;
	struct rd_arg	 a = { .sku = sku, .loc = loc, .st = &st };

	memset(&st, 0, sizeof st);
	assert_int_equal(t_read(t, stock_fn, &a), 0);
	if (st.on_hand != on_hand || st.reserved != reserved ||
	    st.value != value)
		fail_msg("%s at %s: on hand %lld reserved %lld value %lld, "
		    "want %lld %lld %lld", sku, loc, (long long)st.on_hand,
		    (long long)st.reserved, (long long)st.value,
		    (long long)on_hand, (long long)reserved, (long long)value);
	stock_free(&st);
}

static int
bal_fn(struct db_txn *tx, void *arg, char **cause)
{
	struct rd_arg	*a = arg;

	(void)cause;
	if (a->cust != NULL) {
		a->bal = ledger_customer_balance(tx, a->cust, a->role);
		return (0);
	}
	return (ledger_balance(tx, config_account(tx->co->cfg, a->role),
	    &a->bal));
}

/* Balance of the account playing a role (debit positive). */
static int64_t
bal(struct tco *t, enum account_role role)
{
	struct rd_arg	 a = { .role = role };

	assert_int_equal(t_read(t, bal_fn, &a), 0);
	return (a.bal);
}

static int64_t
cust_ar(struct tco *t, const char *cust)
{
	struct rd_arg	 a = { .role = ACCT_RECEIVABLE, .cust = cust };

	assert_int_equal(t_read(t, bal_fn, &a), 0);
	return (a.bal);
}

/* Snapshot of the balances of every account role. */
static void
bals(struct tco *t, int64_t *b)
{
	int	 r;

	for (r = 0; r < ACCT_NROLES; r++)
		b[r] = bal(t, (enum account_role)r);
}

/* Every role's balance moved by exactly d (NULL: all zero but given). */
static void
bals_moved(struct tco *t, const int64_t *before, const int64_t *d)
{
	int64_t	 now[ACCT_NROLES];
	int	 r;

	bals(t, now);
	for (r = 0; r < ACCT_NROLES; r++) {
		if (now[r] - before[r] != d[r])
			fail_msg("account %s moved by %lld, want %lld",
			    config_account_role_name((enum account_role)r),
			    (long long)(now[r] - before[r]), (long long)d[r]);
	}
}

struct inv_arg {
	uint64_t	 order;
	int64_t		 amounts[16];
	uint64_t	 ids[16];
	size_t		 n;
};

static int
inv_each(const struct invoice *inv, void *arg)
{
	struct inv_arg	*a = arg;

	if (inv->order == a->order && a->n < 16) {
		a->ids[a->n] = inv->id;
		a->amounts[a->n++] = inv->amount;
	}
	return (0);
}

static int
inv_fn(struct db_txn *tx, void *arg, char **cause)
{
	(void)cause;
	return (invoice_each(tx, NULL, inv_each, arg));
}

static void
invoices(struct tco *t, uint64_t order, struct inv_arg *a)
{
	memset(a, 0, sizeof *a);
	a->order = order;
	assert_int_equal(t_read(t, inv_fn, a), 0);
}

/* The last journal entry of an order, copied as "account:amount:cust ". */
struct ent_arg {
	uint64_t	 order;
	enum entry_kind	 kind;
	uint64_t	 doc;
	size_t		 count;
	char		 text[512];
};

static int
ent_each(const struct entry *e, void *arg)
{
	struct ent_arg	*a = arg;
	size_t		 i, len;

	if (e->order != a->order)
		return (0);
	a->count++;
	a->kind = e->kind;
	a->doc = e->doc;
	a->text[0] = '\0';
	for (i = 0; i < e->np; i++) {
		len = strlen(a->text);
		snprintf(a->text + len, sizeof a->text - len, "%s%s:%lld%s%s",
		    i > 0 ? " " : "", e->p[i].account,
		    (long long)e->p[i].amount, *e->p[i].customer != '\0' ?
		    ":" : "", e->p[i].customer);
	}
	return (0);
}

static int
ent_fn(struct db_txn *tx, void *arg, char **cause)
{
	(void)cause;
	return (ledger_each(tx, 0, ent_each, arg));
}

static void
last_entry(struct tco *t, uint64_t order, struct ent_arg *a)
{
	memset(a, 0, sizeof *a);
	a->order = order;
	assert_int_equal(t_read(t, ent_fn, a), 0);
}

struct hist_arg {
	uint64_t	 id;
	size_t		 n;
	enum order_status from[32], to[32];
	char		 user[32][16];
	char		 note[32][128];
};

static int
hist_each(const struct order_hist *h, void *arg)
{
	struct hist_arg	*a = arg;

	if (a->n < 32) {
		a->from[a->n] = h->from;
		a->to[a->n] = h->to;
		snprintf(a->user[a->n], sizeof a->user[0], "%s", h->user);
		snprintf(a->note[a->n], sizeof a->note[0], "%s", h->note);
		a->n++;
	}
	return (0);
}

static int
hist_fn(struct db_txn *tx, void *arg, char **cause)
{
	struct hist_arg	*a = arg;

	(void)cause;
	a->n = 0;
	return (order_history(tx, a->id, hist_each, a));
}

static void
history(struct tco *t, uint64_t id, struct hist_arg *h)
{
	memset(h, 0, sizeof *h);
	h->id = id;
	assert_int_equal(t_read(t, hist_fn, h), 0);
}

struct additem_arg {
	const char	*sku;
	int64_t		 price;
};

static int
additem_fn(struct db_txn *tx, void *arg, char **cause)
{
	struct additem_arg *a = arg;
	struct item	 it;

	memset(&it, 0, sizeof it);
	it.sku = S(a->sku);
	it.barcode = S("");
	it.name = S(a->sku);
	it.unit = S("pcs");
	it.bin = S("");
	it.price = a->price;
	it.tax_rate = -1;
	it.active = 1;
	return (item_add(tx, &it, cause));
}

static void
add_item(struct tco *t, const char *sku, int64_t price)
{
	struct additem_arg a = { sku, price };

	assert_int_equal(t_write(t, additem_fn, &a), 0);
}

struct recv_arg {
	const char	*sku, *loc;
	int64_t		 qty, cost;
};

static int
recv_fn(struct db_txn *tx, void *arg, char **cause)
{
	struct recv_arg	*a = arg;

	return (stock_receive(tx, a->sku, a->loc, a->qty, a->cost, "test",
	    NULL, cause));
}

static void
recv(struct tco *t, const char *sku, const char *loc, int64_t qty,
    int64_t cost)
{
	struct recv_arg	 a = { sku, loc, qty, cost };

	assert_int_equal(t_write(t, recv_fn, &a), 0);
}

struct bo_arg {
	uint64_t	 order[8];
	uint16_t	 no[8];
	int64_t		 qty[8];
	size_t		 n;
};

static int
bo_each(const struct order *o, const struct order_line *l, void *arg)
{
	struct bo_arg	*a = arg;

	if (a->n < 8) {
		a->order[a->n] = o->id;
		a->no[a->n] = l->no;
		a->qty[a->n++] = line_backordered(l);
	}
	return (0);
}

static int
bo_fn(struct db_txn *tx, void *arg, char **cause)
{
	(void)cause;
	memset(arg, 0, sizeof (struct bo_arg));
	return (order_backorders(tx, bo_each, arg));
}

static void
backorders(struct tco *t, struct bo_arg *a)
{
	assert_int_equal(t_read(t, bo_fn, a), 0);
}

struct each_arg {
	int		 status;
	const char	*cust;
	uint64_t	 after;
	size_t		 stop;
	uint64_t	 ids[16];
	size_t		 n;
};

static int
each_cb(const struct order *o, void *arg)
{
	struct each_arg	*a = arg;

	if (a->n < 16)
		a->ids[a->n++] = o->id;
	return (a->stop > 0 && a->n >= a->stop);
}

static int
each_fn(struct db_txn *tx, void *arg, char **cause)
{
	struct each_arg	*a = arg;

	(void)cause;
	a->n = 0;
	return (order_each(tx, a->status, a->cust, a->after, each_cb, a));
}

/* The ids order_each visits, as "3 2 1". */
static const char *
each(struct tco *t, int st, const char *cust, uint64_t after, size_t stop)
{
	static char	 out[128];
	struct each_arg	 a = { st, cust, after, stop, { 0 }, 0 };
	size_t		 i, len;

	assert_int_equal(t_read(t, each_fn, &a), 0);
	out[0] = '\0';
	for (i = 0; i < a.n; i++) {
		len = strlen(out);
		snprintf(out + len, sizeof out - len, "%s%llu", i ? " " : "",
		    (unsigned long long)a.ids[i]);
	}
	return (out);
}

static void
say(const char *s, void *arg)
{
	(void)arg;
	print_message("# check: %s\n", s);
}

static int
check_fn(struct db_txn *tx, void *arg, char **cause)
{
	(void)cause;
	*(long *)arg = check_all(tx, say, NULL);
	return (0);
}

/* The invariant checker finds nothing wrong. */
static void
checked(struct tco *t)
{
	long	 n = -2;

	assert_int_equal(t_read(t, check_fn, &n), 0);
	assert_int_equal(n, 0);
}

/* The tests. */

/* Totals are exactly the sums of the lines, rounded per line half up. */
static void
test_totals(void **state)
{
	struct tco	*t = *state;
	static const struct nl l[] = {
		{ "TEA-1", 3, -1, -1, 0, NULL, 0 },	/* 0.99, 13%: .1287 */
		{ "CUP-2", 7, -1, -1, 5, NULL, 0 },	/* 8.05 - .05, 6% */
		{ "PEN-4", 1, -1, -1, 0, NULL, 0 },	/* 0.25, 6%: .015 */
		{ "TEA-1", 1, 50, 0, 0, "MAIN", 0 },	/* own price, 0% */
	};
	struct op	 op = { .what = OP_NEW, .cust = "C1", .loc = "WH",
			    .shipping = 1000, .nl = l, .nnl = 4, .keep = 1 };
	struct order	 o;
	int64_t		 net = 0, tax = 0;
	size_t		 i;

	ok(t, &op);
	assert_int_equal(op.o.lines[0].net, 99);
	assert_int_equal(op.o.lines[0].tax, 13);
	assert_int_equal(op.o.lines[1].net, 800);
	assert_int_equal(op.o.lines[1].tax, 48);
	assert_int_equal(op.o.lines[2].net, 25);
	assert_int_equal(op.o.lines[2].tax, 2);
	assert_int_equal(op.o.lines[3].net, 50);
	assert_int_equal(op.o.lines[3].tax, 0);
	assert_int_equal(op.o.ship_tax, 130);
	assert_int_equal(op.o.net, 1974);
	assert_int_equal(op.o.tax, 193);
	assert_int_equal(op.o.total, 2167);
	free(op.o.lines);

	load(t, op.o.id, &o);
	assert_int_equal(o.status, ST_DRAFT);
	assert_int_equal(o.version, 1);
	assert_string_equal(o.channel, "counter");
	assert_string_equal(o.customer, "C1");
	assert_string_equal(o.updated_by, "alice");
	assert_int_equal(o.nlines, 4);
	assert_string_equal(o.lines[0].loc, "WH");
	assert_string_equal(o.lines[3].loc, "MAIN");
	assert_string_equal(o.lines[1].name, "CUP-2");
	assert_int_equal(o.lines[0].unit_price, 33);
	assert_int_equal(o.lines[0].tax_rate, 1300);
	assert_int_equal(o.lines[1].tax_rate, 600);
	assert_int_equal(o.ship_tax_rate, 1300);
	for (i = 0; i < o.nlines; i++) {
		assert_int_equal(o.lines[i].no, i + 1);
		net += o.lines[i].net;
		tax += o.lines[i].tax;
	}
	assert_int_equal(o.net, net + o.shipping);
	assert_int_equal(o.tax, tax + o.ship_tax);
	assert_int_equal(o.total, o.net + o.tax);
	assert_int_equal(o.total, 2167);
	order_free(&o);
	checked(t);
}

/* Bad input is refused with a message naming the line, writing nothing. */
static void
test_new_refused(void **state)
{
	struct tco	*t = *state;
	static const struct nl good = { "TEA-1", 1, -1, -1, 0, NULL, 0 };
	static const struct nl bad[][2] = {
		{ { "TEA-1", 1, -1, -1, 0, NULL, 0 },
		  { "TEA-1", 0, -1, -1, 0, NULL, 0 } },
		{ { "TEA-1", 1, -1, -1, 0, NULL, 0 },
		  { "NOPE-1", 1, -1, -1, 0, NULL, 0 } },
		{ { "TEA-1", 1, -5, -1, 0, NULL, 0 },
		  { "TEA-1", 1, -1, -1, 0, NULL, 0 } },
		{ { "TEA-1", 2, -1, -1, 67, NULL, 0 },
		  { "TEA-1", 1, -1, -1, 0, NULL, 0 } },
		{ { "TEA-1", 1, -1, -1, 0, NULL, 0 },
		  { "TEA-1", 1, -1, -1, 0, "ATTIC", 0 } },
		{ { "TEA-1", 1, -1, -1, 0, NULL, 0 },
		  { "XX-1", 1, -1, -1, 0, NULL, LINE_UNMAPPED } },
	};
	static const struct { int code; const char *msg; } want[] = {
		{ ORDO_EINVAL, "line 2: quantity must be more than 0" },
		{ ORDO_ENOTFOUND, "line 2: unknown SKU NOPE-1" },
		{ ORDO_EINVAL, "line 1: price must not be negative" },
		{ ORDO_EINVAL, "line 1: discount 0.67 is more than the line "
		    "amount 0.66" },
		{ ORDO_EINVAL, "line 2: unknown location ATTIC" },
		{ ORDO_EINVAL, "line 2: SKU XX-1 is not in the catalogue, so "
		    "the line needs its own price" },
	};
	struct op	 op;
	size_t		 i;

	for (i = 0; i < sizeof want / sizeof want[0]; i++) {
		memset(&op, 0, sizeof op);
		op.what = OP_NEW;
		op.cust = "C1";
		op.nl = bad[i];
		op.nnl = 2;
		refused(t, &op, want[i].code, want[i].msg);
	}
	memset(&op, 0, sizeof op);
	op.what = OP_NEW;
	op.cust = "NOBODY";
	op.nl = &good;
	op.nnl = 1;
	refused(t, &op, ORDO_ENOTFOUND, "unknown customer NOBODY");
	op.cust = "C1";
	op.loc = "ATTIC";
	refused(t, &op, ORDO_EINVAL, "unknown location ATTIC");
	op.loc = NULL;
	op.shipping = -1;
	refused(t, &op, ORDO_EINVAL, "shipping must not be negative");
	op.shipping = 0;
	t->co->role = ROLE_PICKER;
	refused(t, &op, ORDO_EPERM, "entering an order needs a clerk");
	t->co->role = ROLE_ADMIN;
	/* Nothing was numbered: the first order made is number 1. */
	assert_int_equal(mk(t, "C1", NULL, 0, &good, 1), 1);
	checked(t);
}

/* An external order exists once; a repeat is EEXIST with its number. */
static void
test_duplicate_ext(void **state)
{
	struct tco	*t = *state;
	static const struct nl l[] = { { "TEA-1", 2, -1, -1, 0, NULL, 0 } };
	static const struct nl l2[] = { { "CUP-2", 1, -1, -1, 0, NULL, 0 } };
	struct op	 op = { .what = OP_NEW, .cust = "C1", .chan = "shopify",
			    .ext = "SH-1001", .nl = l, .nnl = 1 };
	uint64_t	 first;

	mk(t, "C2", NULL, 0, l, 1);
	ok(t, &op);
	first = op.o.id;
	assert_int_equal(first, 2);
	op.nl = l2;
	op.cust = "C2";
	refused(t, &op, ORDO_EEXIST, "shopify order SH-1001 is already there "
	    "as order 2");
	assert_int_equal(op.o.id, first);
	/* The same external id from another channel is another order. */
	op.chan = "amazon";
	ok(t, &op);
	assert_int_equal(op.o.id, 3);
	assert_int_equal(ver(t, first), 1);
	checked(t);
}

/* Every transition in order, and every refused one at each status. */
static void
test_lifecycle(void **state)
{
	struct tco	*t = *state;
	static const struct nl l[] = {
		{ "TEA-1", 2, -1, -1, 0, NULL, 0 },
		{ "CUP-2", 1, -1, -1, 0, NULL, 0 },
	};
	static const struct { enum order_status st; enum order_status from; }
	    hist[] = {
		{ ST_DRAFT, ST_DRAFT }, { ST_CONFIRMED, ST_DRAFT },
		{ ST_PICKING, ST_CONFIRMED }, { ST_PACKED, ST_PICKING },
		{ ST_SHIPPED, ST_PACKED }, { ST_DELIVERED, ST_SHIPPED },
		{ ST_CLOSED, ST_DELIVERED },
	};
	struct op	 op = { .what = OP_SHIP, .ver = ORDER_ANY_VERSION,
			    .s1 = "SF Express", .s2 = "SF1234567" };
	struct order	 o;
	struct hist_arg	 h;
	uint64_t	 id;
	size_t		 i;

	id = mk(t, "C1", "WH", 0, l, 2);
	ev_refused(t, OP_PICK, id, ORDO_ESTATE, "order 1 is draft; only "
	    "confirmed, picking or partial orders can be picked");
	ev_refused(t, OP_PACK, id, ORDO_ESTATE, "only orders being picked");
	ev_refused(t, OP_SHIP, id, ORDO_ESTATE, "order 1 is draft; only "
	    "confirmed, picking, packed or partial orders can be shipped");
	ev_refused(t, OP_DELIVER, id, ORDO_ESTATE, "only shipped orders");
	ev_refused(t, OP_CLOSE, id, ORDO_ESTATE, "only delivered orders");
	ev_refused(t, OP_RETURN, id, ORDO_ESTATE, "only orders with goods "
	    "shipped can take returns");

	ev(t, OP_CONFIRM, id);
	assert_int_equal(status(t, id), ST_CONFIRMED);
	assert_int_equal(ver(t, id), 2);
	stk(t, "TEA-1", "WH", 20, 2, 200);
	stk(t, "CUP-2", "WH", 15, 1, 900);
	ev_refused(t, OP_CONFIRM, id, ORDO_ESTATE, "order 1 is confirmed and "
	    "nothing is backordered");
	ev_refused(t, OP_PACK, id, ORDO_ESTATE, "order 1 is confirmed; only "
	    "orders being picked can be packed");
	ev_refused(t, OP_DELIVER, id, ORDO_ESTATE, "only shipped");
	ev_refused(t, OP_CLOSE, id, ORDO_ESTATE, "only delivered");
	ev_refused(t, OP_RETURN, id, ORDO_ESTATE, "order 1 is confirmed");

	ev(t, OP_PICK, id);
	load(t, id, &o);
	assert_int_equal(o.status, ST_PICKING);
	assert_int_equal(o.lines[0].picked, 2);
	assert_int_equal(o.lines[1].picked, 1);
	order_free(&o);
	ev_refused(t, OP_PICK, id, ORDO_ESTATE, "nothing left to pick");
	ev_refused(t, OP_DELIVER, id, ORDO_ESTATE, "order 1 is picking");
	ev_refused(t, OP_CLOSE, id, ORDO_ESTATE, "order 1 is picking");

	ev(t, OP_PACK, id);
	assert_int_equal(status(t, id), ST_PACKED);
	ev_refused(t, OP_PICK, id, ORDO_ESTATE, "order 1 is packed");
	ev_refused(t, OP_PACK, id, ORDO_ESTATE, "order 1 is packed");
	ev_refused(t, OP_CONFIRM, id, ORDO_ESTATE, "nothing is backordered");
	ev_refused(t, OP_DELIVER, id, ORDO_ESTATE, "order 1 is packed");

	op.id = id;
	ok(t, &op);
	assert_int_not_equal(op.inv, 0);
	load(t, id, &o);
	assert_int_equal(o.status, ST_SHIPPED);
	assert_int_equal(o.version, 5);
	assert_string_equal(o.carrier, "SF Express");
	assert_string_equal(o.tracking, "SF1234567");
	assert_int_equal(o.lines[0].shipped, 2);
	assert_int_equal(o.lines[0].reserved, 0);
	assert_int_equal(o.lines[0].picked, 0);
	order_free(&o);
	stk(t, "TEA-1", "WH", 18, 0, 180);
	stk(t, "CUP-2", "WH", 14, 0, 840);
	ev_refused(t, OP_CONFIRM, id, ORDO_ESTATE, "order 1 is shipped; only "
	    "draft orders can be confirmed");
	ev_refused(t, OP_PICK, id, ORDO_ESTATE, "order 1 is shipped");
	ev_refused(t, OP_PACK, id, ORDO_ESTATE, "order 1 is shipped");
	ev_refused(t, OP_SHIP, id, ORDO_ESTATE, "order 1 is shipped");
	ev_refused(t, OP_CLOSE, id, ORDO_ESTATE, "order 1 is shipped");
	ev_refused(t, OP_CANCEL, id, ORDO_ESTATE, "order 1 is shipped; only "
	    "orders not yet shipped can be cancelled");

	ev(t, OP_DELIVER, id);
	assert_int_equal(status(t, id), ST_DELIVERED);
	ev_refused(t, OP_DELIVER, id, ORDO_ESTATE, "order 1 is delivered");
	ev_refused(t, OP_CANCEL, id, ORDO_ESTATE, "order 1 is delivered");
	ev_refused(t, OP_SHIP, id, ORDO_ESTATE, "order 1 is delivered");

	ev(t, OP_CLOSE, id);
	assert_int_equal(status(t, id), ST_CLOSED);
	assert_int_equal(ver(t, id), 7);
	ev_refused(t, OP_CLOSE, id, ORDO_ESTATE, "order 1 is closed");
	ev_refused(t, OP_DELIVER, id, ORDO_ESTATE, "order 1 is closed");
	ev_refused(t, OP_CANCEL, id, ORDO_ESTATE, "order 1 is closed");
	ev_refused(t, OP_CONFIRM, id, ORDO_ESTATE, "order 1 is closed");
	ev_refused(t, OP_PICK, id, ORDO_ESTATE, "order 1 is closed");

	/* One history record per version, in order. */
	history(t, id, &h);
	assert_int_equal(h.n, 7);
	for (i = 0; i < h.n; i++) {
		assert_int_equal(h.to[i], hist[i].st);
		assert_int_equal(h.from[i], hist[i].from);
		assert_string_equal(h.user[i], "alice");
	}
	assert_non_null(strstr(h.note[4], "shipped: line 1 x 2, line 2 x 1"));
	checked(t);
}

/* A short draft is refused, listing every short line; nothing reserved. */
static void
test_short_refused(void **state)
{
	struct tco	*t = *state;
	static const struct nl a[] = {
		{ "TEA-1", 5, -1, -1, 0, NULL, 0 },
		{ "PEN-4", 2, -1, -1, 0, NULL, 0 },
		{ "CUP-2", 16, -1, -1, 0, NULL, 0 },
	};
	static const struct nl b[] = {
		{ "TEA-1", 15, -1, -1, 0, NULL, 0 },
		{ "TEA-1", 10, -1, -1, 0, NULL, 0 },
	};
	static const struct nl c[] = { { "TEA-1", 12, -1, -1, 0, NULL, 0 } };
	struct order	 o;
	uint64_t	 id;

	id = mk(t, "C1", "WH", 0, a, 3);
	ev_refused(t, OP_CONFIRM, id, ORDO_ESHORT, NULL);
	assert_string_equal(why, "not enough stock for order 1: line 2: "
	    "PEN-4 at WH: 0 available, 2 wanted; line 3: CUP-2 at WH: 15 "
	    "available, 16 wanted");
	/* Two lines of one SKU share its stock. */
	id = mk(t, "C1", "WH", 0, b, 2);
	ev_refused(t, OP_CONFIRM, id, ORDO_ESHORT, "not enough stock for "
	    "order 2: line 2: TEA-1 at WH: 5 available, 10 wanted");
	assert_null(strstr(why, "line 1"));
	assert_int_equal(ver(t, 1), 1);
	assert_int_equal(status(t, 2), ST_DRAFT);
	stk(t, "TEA-1", "WH", 20, 0, 200);
	stk(t, "CUP-2", "WH", 15, 0, 900);

	/* MAIN allows backorders: 10 reserved, 2 backordered. */
	id = mk(t, "C2", "MAIN", 0, c, 1);
	ev(t, OP_CONFIRM, id);
	load(t, id, &o);
	assert_int_equal(o.status, ST_CONFIRMED);
	assert_int_equal(o.lines[0].reserved, 10);
	assert_int_equal(line_backordered(&o.lines[0]), 2);
	order_free(&o);
	stk(t, "TEA-1", "MAIN", 10, 10, 100);
	checked(t);
}

/*
 * The item allows backorders: reserve what there is, ship it, receive
 * more, confirm again for the rest, ship it; the invoices of the line sum
 * exactly to its net and tax.
 */
static void
test_backorder(void **state)
{
	struct tco	*t = *state;
	static const struct nl l[] = { { "MUG-3", 5, 333, -1, 0, NULL, 0 } };
	int64_t		 b0[ACCT_NROLES];
	int64_t		 d[ACCT_NROLES] = {
		[ACCT_RECEIVABLE] = 2446, [ACCT_REVENUE] = -1665,
		[ACCT_SHIPPING] = -500, [ACCT_TAX] = -281,
		[ACCT_COGS] = 1699, [ACCT_INVENTORY] = 1400 - 1699,
		[ACCT_PAYABLE] = -1400,
	};
	struct op	 op = { .what = OP_NEW, .cust = "C1", .loc = "WH",
			    .shipping = 500, .nl = l, .nnl = 1 };
	struct inv_arg	 inv;
	struct bo_arg	 bo;
	struct hist_arg	 h;
	struct order	 o;
	uint64_t	 id;

	bals(t, b0);
	ok(t, &op);
	id = op.o.id;
	assert_int_equal(op.o.net, 2165);
	assert_int_equal(op.o.tax, 216 + 65);
	assert_int_equal(op.o.total, 2446);

	ev(t, OP_CONFIRM, id);
	load(t, id, &o);
	assert_int_equal(o.status, ST_CONFIRMED);
	assert_int_equal(o.lines[0].reserved, 3);
	assert_int_equal(line_backordered(&o.lines[0]), 2);
	order_free(&o);
	stk(t, "MUG-3", "WH", 3, 3, 999);
	backorders(t, &bo);
	assert_int_equal(bo.n, 1);
	assert_int_equal(bo.order[0], id);
	assert_int_equal(bo.no[0], 1);
	assert_int_equal(bo.qty[0], 2);

	ev(t, OP_SHIP, id);
	assert_int_equal(status(t, id), ST_PARTIAL);
	stk(t, "MUG-3", "WH", 0, 0, 0);
	invoices(t, id, &inv);
	assert_int_equal(inv.n, 1);
	assert_int_equal(inv.amounts[0], 999 + 130 + 500 + 65);

	ev_refused(t, OP_CONFIRM, id, ORDO_ESHORT, "order 1: nothing more "
	    "can be reserved for its backorders yet: line 1: MUG-3 at WH: 0 "
	    "available, 2 wanted");
	recv(t, "MUG-3", "WH", 4, 350);
	ev(t, OP_CONFIRM, id);
	load(t, id, &o);
	assert_int_equal(o.status, ST_PARTIAL);
	assert_int_equal(o.version, 4);
	assert_int_equal(o.lines[0].reserved, 2);
	assert_int_equal(line_backordered(&o.lines[0]), 0);
	order_free(&o);
	history(t, id, &h);
	assert_int_equal(h.n, 4);
	assert_int_equal(h.from[3], ST_PARTIAL);
	assert_int_equal(h.to[3], ST_PARTIAL);
	assert_string_equal(h.note[3], "backorders reserved: 2 reserved");
	stk(t, "MUG-3", "WH", 4, 2, 1400);
	backorders(t, &bo);
	assert_int_equal(bo.n, 0);
	ev_refused(t, OP_CONFIRM, id, ORDO_ESTATE, "order 1 is partial and "
	    "nothing is backordered");

	ev(t, OP_SHIP, id);
	load(t, id, &o);
	assert_int_equal(o.status, ST_SHIPPED);
	assert_int_equal(o.lines[0].shipped, 5);
	assert_int_equal(o.lines[0].cost_shipped, 999 + 700);
	order_free(&o);
	stk(t, "MUG-3", "WH", 2, 0, 700);
	invoices(t, id, &inv);
	assert_int_equal(inv.n, 2);
	/* The line: 1665 net in 999 + 666, 216 tax in 130 + 86. */
	assert_int_equal(inv.amounts[1], 666 + 86);
	assert_int_equal(inv.amounts[0] + inv.amounts[1], 2446);
	assert_int_equal(cust_ar(t, "C1"), 2446);
	bals_moved(t, b0, d);
	checked(t);
}

/* Shipment entries to the cent; ship what is picked; pick again. */
static void
test_ship_postings(void **state)
{
	struct tco	*t = *state;
	static const struct nl l[] = {
		{ "CUP-2", 4, -1, -1, 0, NULL, 0 },	/* 4.60, 6%: .276 */
		{ "TEA-1", 3, -1, -1, 0, NULL, 0 },	/* 0.99, 13%: .1287 */
	};
	static const struct line_qty pick[] = { { 1, 3, 0 }, { 2, 3, 0 } };
	static const struct line_qty four[] = { { 1, 4, 0 } };
	static const struct line_qty two[] = { { 1, 2, 0 } };
	int64_t		 b0[ACCT_NROLES], b1[ACCT_NROLES];
	int64_t		 d1[ACCT_NROLES] = {
		[ACCT_RECEIVABLE] = 817, [ACCT_REVENUE] = -444,
		[ACCT_SHIPPING] = -300, [ACCT_TAX] = -73, [ACCT_COGS] = 210,
		[ACCT_INVENTORY] = -210,
	};
	int64_t		 d2[ACCT_NROLES] = {
		[ACCT_RECEIVABLE] = 122, [ACCT_REVENUE] = -115,
		[ACCT_TAX] = -7, [ACCT_COGS] = 60, [ACCT_INVENTORY] = -60,
	};
	struct op	 op = { .what = OP_PICK, .ver = ORDER_ANY_VERSION };
	struct ent_arg	 e;
	struct inv_arg	 inv;
	struct order	 o;
	uint64_t	 id;

	id = mk(t, "C2", "WH", 300, l, 2);
	load(t, id, &o);
	assert_int_equal(o.lines[0].tax, 28);
	assert_int_equal(o.lines[1].tax, 13);
	assert_int_equal(o.total, 859 + 80);
	order_free(&o);
	ev(t, OP_CONFIRM, id);
	op.id = id;
	op.lq = pick;
	op.n = 2;
	ok(t, &op);
	ev(t, OP_PACK, id);

	op.what = OP_SHIP;
	op.lq = four;
	op.n = 1;
	refused(t, &op, ORDO_EINVAL, "line 1: cannot ship 4 of CUP-2; 3 "
	    "picked and not yet shipped");
	bals(t, b0);
	op.lq = NULL;
	op.n = 0;
	ok(t, &op);
	assert_int_equal(status(t, id), ST_PARTIAL);
	bals_moved(t, b0, d1);
	last_entry(t, id, &e);
	assert_int_equal(e.count, 1);
	assert_int_equal(e.kind, ENTRY_SHIPMENT);
	assert_int_equal(e.doc, op.inv);
	assert_string_equal(e.text, "1122:817:C2 5001:-444 5051:-300 "
	    "2221:-73 5401:210 1405:-210");
	invoices(t, id, &inv);
	assert_int_equal(inv.n, 1);
	assert_int_equal(inv.ids[0], op.inv);
	assert_int_equal(inv.amounts[0], 817);
	assert_int_equal(cust_ar(t, "C2"), 817);
	stk(t, "CUP-2", "WH", 12, 1, 720);
	stk(t, "TEA-1", "WH", 17, 0, 170);

	op.lq = two;
	op.n = 1;
	refused(t, &op, ORDO_EINVAL, "line 1: cannot ship 2 of CUP-2; 1 "
	    "reserved");
	/* A partial order is picked again for its next shipment. */
	ev(t, OP_PICK, id);
	assert_int_equal(status(t, id), ST_PICKING);
	bals(t, b1);
	op.lq = NULL;
	op.n = 0;
	ok(t, &op);
	assert_int_equal(status(t, id), ST_SHIPPED);
	bals_moved(t, b1, d2);
	last_entry(t, id, &e);
	assert_int_equal(e.count, 2);
	assert_string_equal(e.text, "1122:122:C2 5001:-115 2221:-7 5401:60 "
	    "1405:-60");
	invoices(t, id, &inv);
	assert_int_equal(inv.n, 2);
	assert_int_equal(inv.amounts[0] + inv.amounts[1], 939);
	stk(t, "CUP-2", "WH", 11, 0, 660);
	checked(t);
}

/* Returns: restock and scrap, to the cent; all of it gives back all. */
static void
test_return(void **state)
{
	struct tco	*t = *state;
	static const struct nl l[] = { { "BOX-5", 3, -1, -1, 0, NULL, 0 } };
	static const struct nl l2[] = { { "TEA-1", 4, -1, -1, 0, NULL, 0 } };
	static const struct line_qty one[] = { { 1, 1, 0 } };
	static const struct line_qty scrap[] = { { 1, 1, 1 } };
	static const struct line_qty two[] = { { 1, 2, 0 } };
	static const struct line_qty mix[] = { { 1, 1, 0 }, { 1, 2, 1 } };
	int64_t		 b0[ACCT_NROLES];
	int64_t		 d[ACCT_NROLES] = {
		[ACCT_RETURNS] = 1500, [ACCT_TAX] = 195,
		[ACCT_RECEIVABLE] = -1695, [ACCT_INVENTORY] = 101 - 34,
		[ACCT_COGS] = -101, [ACCT_WRITEOFF] = 34,
	};
	struct op	 op = { .what = OP_RETURN, .ver = ORDER_ANY_VERSION,
			    .s1 = "wrong colour" };
	struct ent_arg	 e;
	struct inv_arg	 inv;
	struct order	 o;
	uint64_t	 id;

	id = mk(t, "C1", "WH", 0, l, 1);
	ev(t, OP_CONFIRM, id);
	ev(t, OP_SHIP, id);
	ev(t, OP_DELIVER, id);
	ev(t, OP_CLOSE, id);
	stk(t, "BOX-5", "WH", 0, 0, 0);
	assert_int_equal(cust_ar(t, "C1"), 1695);
	bals(t, b0);

	op.id = id;
	op.lq = one;
	op.n = 1;
	ok(t, &op);
	assert_int_equal(status(t, id), ST_CLOSED);
	stk(t, "BOX-5", "WH", 1, 0, 34);
	last_entry(t, id, &e);
	assert_int_equal(e.kind, ENTRY_RETURN);
	assert_string_equal(e.text, "5001.90:500 2221:65 1122:-565:C1 "
	    "1405:34 5401:-34");
	invoices(t, id, &inv);
	assert_int_equal(inv.n, 2);
	assert_int_equal(inv.amounts[1], -565);
	assert_int_equal(e.doc, inv.ids[1]);

	op.lq = scrap;
	ok(t, &op);
	stk(t, "BOX-5", "WH", 1, 0, 34);
	last_entry(t, id, &e);
	assert_string_equal(e.text, "5001.90:500 2221:65 1122:-565:C1 "
	    "1405:34 5401:-34 5711:34 1405:-34");

	op.lq = two;
	refused(t, &op, ORDO_EINVAL, "line 1: cannot return 2 of BOX-5; 1 "
	    "shipped and not yet returned");
	op.lq = one;
	ok(t, &op);
	stk(t, "BOX-5", "WH", 2, 0, 67);
	load(t, id, &o);
	assert_int_equal(o.lines[0].returned, 3);
	assert_int_equal(o.lines[0].cost_returned, 101);
	assert_int_equal(o.lines[0].cost_shipped, 101);
	assert_int_equal(o.version, 8);
	order_free(&o);
	refused(t, &op, ORDO_EINVAL, "0 shipped and not yet returned");
	invoices(t, id, &inv);
	assert_int_equal(inv.n, 4);
	assert_int_equal(inv.amounts[1] + inv.amounts[2] + inv.amounts[3],
	    -1695);
	assert_int_equal(cust_ar(t, "C1"), 0);
	bals_moved(t, b0, d);

	/* One line twice in one return: one entry, one credit note. */
	id = mk(t, "C1", "WH", 0, l2, 1);
	ev(t, OP_CONFIRM, id);
	ev(t, OP_SHIP, id);
	stk(t, "TEA-1", "WH", 16, 0, 160);
	op.id = id;
	op.lq = mix;
	op.n = 2;
	ok(t, &op);
	stk(t, "TEA-1", "WH", 17, 0, 170);
	last_entry(t, id, &e);
	assert_int_equal(e.count, 2);
	assert_string_equal(e.text, "5001.90:99 2221:13 1122:-112:C1 "
	    "1405:30 5401:-30 5711:20 1405:-20");
	checked(t);
}

/*
 * Records as a database holds them: one of version 1 (every integer of a
 * line written) and one of version 2 (a mask, then the integers that are
 * not zero) read back field for field; a mask with unknown bits is
 * refused as corrupt.
 */
struct rawrec {
	int	 ver;
	unsigned mask;			/* version 2 */
	uint64_t id;
};

static void
raw_line(struct buf *b, int ver, unsigned mask, const int64_t *v)
{
	unsigned	 j;

	enc_u16(b, 1);
	enc_str(b, "TEA-1");
	enc_str(b, "Tea");
	enc_str(b, "WH");
	if (ver == 2)
		enc_u16(b, (uint16_t)mask);
	for (j = 0; j < 13; j++) {
		if (ver == 2 && !(mask & (1U << j)))
			continue;
		if (j == 8)
			enc_u32(b, (uint32_t)v[j]);
		else
			enc_i64(b, v[j]);
	}
	enc_u8(b, 0);
}

static int
raw_fn(struct db_txn *tx, void *arg, char **cause)
{
	/* qty reserved picked shipped returned cancelled price discount
	 * rate net tax cost_shipped cost_returned */
	static const int64_t v1[13] = { 5, 1, 1, 3, 2, 0, 33, 4, 600, 161,
	    10, 30, 20 };
	static const int64_t v2[13] = { 7, 0, 0, 0, 0, 0, 33, 0, 600, 231,
	    14, 0, 0 };
	struct rawrec	*rr = arg;
	struct buf	 k, b;
	int		 rc;

	(void)cause;
	buf_init(&k);
	buf_init(&b);
	key_u64(&k, rr->id);
	enc_u8(&b, (uint8_t)rr->ver);
	enc_str(&b, "shopify");
	enc_str(&b, "X1");
	enc_str(&b, "#1001");
	enc_str(&b, "C1");
	enc_u8(&b, ST_PARTIAL);
	enc_i64(&b, 1000);
	enc_i64(&b, 2000);
	enc_str(&b, "bob");
	enc_u32(&b, 4);
	enc_str(&b, "1 High St");
	enc_str(&b, "leave at door");
	enc_str(&b, "DHL");
	enc_str(&b, "TRK9");
	enc_str(&b, "WH");
	enc_i64(&b, 500);
	enc_u32(&b, 2000);
	enc_i64(&b, 100);
	enc_i64(&b, 161);
	enc_i64(&b, 10);
	enc_i64(&b, 771);
	enc_u64(&b, 3);
	enc_u16(&b, 1);
	raw_line(&b, rr->ver, rr->mask, rr->ver == 1 ? v1 : v2);
	rc = db_putb(tx, TB_ORDERS, &k, &b, 0);
	buf_free(&k);
	buf_free(&b);
	return (rc);
}

static int
raw_get(struct tco *t, struct rawrec *rr, struct order *o)
{
	struct rd_arg	 a = { .id = rr->id, .o = o };

	assert_int_equal(t_write(t, raw_fn, rr), 0);
	memset(o, 0, sizeof *o);
	return (t_read(t, get_fn, &a));
}

static void
test_record_versions(void **state)
{
	struct tco	*t = *state;
	struct rawrec	 rr = { 1, 0, 100 };
	struct order	 o;
	struct order_line *l;

	assert_int_equal(raw_get(t, &rr, &o), 0);
	assert_string_equal(o.channel, "shopify");
	assert_string_equal(o.ext_number, "#1001");
	assert_int_equal(o.status, ST_PARTIAL);
	assert_int_equal(o.version, 4);
	assert_string_equal(o.tracking, "TRK9");
	assert_int_equal(o.total, 771);
	assert_int_equal(o.batch, 3);
	assert_int_equal(o.nlines, 1);
	l = &o.lines[0];
	assert_string_equal(l->sku, "TEA-1");
	assert_int_equal(l->qty, 5);
	assert_int_equal(l->reserved, 1);
	assert_int_equal(l->picked, 1);
	assert_int_equal(l->shipped, 3);
	assert_int_equal(l->returned, 2);
	assert_int_equal(l->cancelled, 0);
	assert_int_equal(l->unit_price, 33);
	assert_int_equal(l->discount, 4);
	assert_int_equal(l->tax_rate, 600);
	assert_int_equal(l->net, 161);
	assert_int_equal(l->tax, 10);
	assert_int_equal(l->cost_shipped, 30);
	assert_int_equal(l->cost_returned, 20);
	order_free(&o);

	/* qty, price, rate, net and tax: bits 0, 6, 8, 9, 10. */
	rr = (struct rawrec){ 2, 0x741, 101 };
	assert_int_equal(raw_get(t, &rr, &o), 0);
	assert_string_equal(o.notes, "leave at door");
	l = &o.lines[0];
	assert_int_equal(l->qty, 7);
	assert_int_equal(l->reserved, 0);
	assert_int_equal(l->shipped, 0);
	assert_int_equal(l->unit_price, 33);
	assert_int_equal(l->discount, 0);
	assert_int_equal(l->tax_rate, 600);
	assert_int_equal(l->net, 231);
	assert_int_equal(l->tax, 14);
	assert_int_equal(l->cost_returned, 0);
	assert_int_equal(l->flags, 0);
	order_free(&o);

	rr = (struct rawrec){ 2, 0x741 | 0x4000, 102 };
	assert_int_equal(raw_get(t, &rr, &o), ORDO_ECORRUPT);
	order_free(&o);
	rr = (struct rawrec){ 3, 0, 103 };
	assert_int_equal(raw_get(t, &rr, &o), ORDO_ECORRUPT);
	order_free(&o);
}

/* Cancel releases reservations; on a partial order it cancels the rest. */
static void
test_cancel(void **state)
{
	struct tco	*t = *state;
	static const struct nl a[] = {
		{ "TEA-1", 4, -1, -1, 0, NULL, 0 },
		{ "CUP-2", 2, -1, -1, 0, NULL, 0 },
	};
	static const struct nl b[] = { { "MUG-3", 5, -1, -1, 0, NULL, 0 } };
	static const struct line_qty two[] = { { 1, 2, 0 } };
	struct op	 op = { .what = OP_CANCEL, .ver = ORDER_ANY_VERSION,
			    .s1 = "customer changed her mind" };
	struct ent_arg	 e;
	struct hist_arg	 h;
	struct bo_arg	 bo;
	struct order	 o;
	uint64_t	 id;

	id = mk(t, "C1", "WH", 0, a, 2);
	ev(t, OP_CONFIRM, id);
	/* Another open order holds some of the same stock. */
	ev(t, OP_CONFIRM, mk(t, "C2", "WH", 0, a, 1));
	stk(t, "TEA-1", "WH", 20, 8, 200);
	stk(t, "CUP-2", "WH", 15, 2, 900);
	checked(t);
	op.id = id;
	ok(t, &op);
	load(t, id, &o);
	assert_int_equal(o.status, ST_CANCELLED);
	assert_int_equal(o.lines[0].reserved, 0);
	assert_int_equal(o.lines[0].cancelled, 4);
	assert_int_equal(line_open(&o.lines[1]), 0);
	order_free(&o);
	stk(t, "TEA-1", "WH", 20, 4, 200);
	stk(t, "CUP-2", "WH", 15, 0, 900);
	last_entry(t, id, &e);
	assert_int_equal(e.count, 0);
	history(t, id, &h);
	assert_string_equal(h.note[2], "cancelled: customer changed her "
	    "mind");
	ev_refused(t, OP_CONFIRM, id, ORDO_ESTATE, "order 1 is cancelled; "
	    "only draft orders can be confirmed");
	refused(t, &(struct op){ .what = OP_PICK, .id = 2, .ver = 2,
	    .lq = &(struct line_qty){ 1, 0, 0 }, .n = 1 }, ORDO_EINVAL,
	    "line 1: quantity must be more than 0");
	ev_refused(t, OP_CANCEL, id, ORDO_ESTATE, "order 1 is cancelled");
	ev_refused(t, OP_SHIP, id, ORDO_ESTATE, "order 1 is cancelled");
	ev_refused(t, OP_PICK, id, ORDO_ESTATE, "order 1 is cancelled");

	/* Partial: 3 reserved, 2 backordered, 2 shipped, then cancel. */
	id = mk(t, "C2", "WH", 0, b, 1);
	ev(t, OP_CONFIRM, id);
	op.what = OP_SHIP;
	op.id = id;
	op.lq = two;
	op.n = 1;
	ok(t, &op);
	assert_int_equal(status(t, id), ST_PARTIAL);
	stk(t, "MUG-3", "WH", 1, 1, 333);
	op.what = OP_CANCEL;
	ok(t, &op);
	load(t, id, &o);
	assert_int_equal(o.status, ST_SHIPPED);
	assert_int_equal(o.lines[0].shipped, 2);
	assert_int_equal(o.lines[0].cancelled, 3);
	assert_int_equal(o.lines[0].reserved, 0);
	order_free(&o);
	stk(t, "MUG-3", "WH", 1, 0, 333);
	backorders(t, &bo);
	assert_int_equal(bo.n, 0);
	ev(t, OP_DELIVER, id);

	/* A draft, and an order being picked. */
	id = mk(t, "C1", "WH", 0, a, 1);
	ev(t, OP_CANCEL, id);
	assert_int_equal(status(t, id), ST_CANCELLED);
	id = mk(t, "C1", "WH", 0, a, 1);
	ev(t, OP_CONFIRM, id);
	ev(t, OP_PICK, id);
	ev(t, OP_CANCEL, id);
	load(t, id, &o);
	assert_int_equal(o.status, ST_CANCELLED);
	assert_int_equal(o.lines[0].picked, 0);
	order_free(&o);
	stk(t, "TEA-1", "WH", 20, 4, 200);
	checked(t);
}

/* An old version is refused, naming who changed the order and when. */
static void
test_conflict(void **state)
{
	struct tco	*t = *state;
	static const struct nl l[] = { { "TEA-1", 1, -1, -1, 0, NULL, 0 } };
	struct op	 op = { .what = OP_CONFIRM, .ver = 1 };

	op.id = mk(t, "C1", "WH", 0, l, 1);
	ok(t, &op);
	op.what = OP_PICK;
	refused(t, &op, ORDO_ECONFLICT, NULL);
	assert_string_equal(why, "order 1 was changed by alice at "
	    "2026-11-26 10:00:00 (version 2, you have 1); reload it");
	op.what = OP_CANCEL;
	refused(t, &op, ORDO_ECONFLICT, "(version 2, you have 1)");
	op.ver = 2;
	op.what = OP_PICK;
	ok(t, &op);
	assert_int_equal(ver(t, op.id), 3);
	op.what = OP_ADD;
	op.nl = l;
	op.nnl = 1;
	refused(t, &op, ORDO_ECONFLICT, "(version 3, you have 2)");
	refused(t, &(struct op){ .what = OP_PICK, .id = 9, .ver = 1 },
	    ORDO_ENOTFOUND, "no order 9");
	checked(t);
}

/* Roles: pickers pick and pack; clerks confirm and ship; managers return. */
static void
test_roles(void **state)
{
	struct tco	*t = *state;
	static const struct nl l[] = { { "TEA-1", 2, -1, -1, 0, NULL, 0 } };
	uint64_t	 id;

	id = mk(t, "C1", "WH", 0, l, 1);
	t->co->role = ROLE_PICKER;
	ev_refused(t, OP_CONFIRM, id, ORDO_EPERM, "alice is a picker; "
	    "confirming an order needs a clerk");
	t->co->role = ROLE_CLERK;
	ev(t, OP_CONFIRM, id);
	t->co->role = ROLE_PICKER;
	ev(t, OP_PICK, id);
	ev(t, OP_PACK, id);
	ev_refused(t, OP_SHIP, id, ORDO_EPERM, "shipping an order needs a "
	    "clerk");
	ev_refused(t, OP_CANCEL, id, ORDO_EPERM, "cancelling an order needs "
	    "a clerk");
	t->co->role = ROLE_CLERK;
	ev(t, OP_SHIP, id);
	ev_refused(t, OP_RETURN, id, ORDO_EPERM, "taking a return needs a "
	    "manager");
	t->co->role = ROLE_MANAGER;
	ok(t, &(struct op){ .what = OP_RETURN, .id = id,
	    .ver = ORDER_ANY_VERSION, .lq = &(struct line_qty){ 1, 1, 0 },
	    .n = 1 });
	t->co->role = ROLE_ADMIN;
	checked(t);
}

static int
alias_fn(struct db_txn *tx, void *arg, char **cause)
{
	(void)arg;
	return (alias_set(tx, "taobao", "tea green 250g", "TEA-1", cause));
}

/* An unmapped line is refused at confirm until its SKU is known. */
static void
test_unmapped(void **state)
{
	struct tco	*t = *state;
	static const struct nl l[] = {
		{ "TEA-1", 1, -1, -1, 0, NULL, 0 },
		{ "ZZ-9", 2, 150, -1, 0, NULL, LINE_UNMAPPED },
	};
	static const struct nl l2[] = {
		{ "tea green 250g", 3, 40, -1, 0, NULL, LINE_UNMAPPED },
	};
	struct op	 op = { .what = OP_NEW, .cust = "C2", .chan = "taobao",
			    .ext = "TB-77", .loc = "WH", .nl = l2, .nnl = 1 };
	struct order	 o;
	uint64_t	 id;

	id = mk(t, "C1", "WH", 0, l, 2);
	load(t, id, &o);
	assert_int_equal(o.lines[1].flags, LINE_UNMAPPED);
	assert_int_equal(o.lines[1].net, 300);
	assert_int_equal(o.lines[1].tax, 39);
	assert_string_equal(o.lines[1].name, "ZZ-9");
	order_free(&o);
	ev_refused(t, OP_CONFIRM, id, ORDO_EINVAL, "line 2: SKU ZZ-9 not in "
	    "the catalogue; map the SKU to an item");
	add_item(t, "ZZ-9", 999);
	recv(t, "ZZ-9", "WH", 5, 100);
	ev(t, OP_CONFIRM, id);
	load(t, id, &o);
	assert_int_equal(o.lines[1].flags, 0);
	assert_int_equal(o.lines[1].unit_price, 150);
	assert_int_equal(o.lines[1].reserved, 2);
	order_free(&o);
	stk(t, "ZZ-9", "WH", 5, 2, 500);

	/* A channel SKU mapped to one of ours by an alias. */
	op.id = 0;
	ok(t, &op);
	ev_refused(t, OP_CONFIRM, op.o.id, ORDO_EINVAL, "line 1: SKU tea "
	    "green 250g not in the catalogue");
	assert_int_equal(t_write(t, alias_fn, NULL), 0);
	ev(t, OP_CONFIRM, op.o.id);
	load(t, op.o.id, &o);
	assert_string_equal(o.lines[0].sku, "TEA-1");
	assert_string_equal(o.lines[0].name, "tea green 250g");
	assert_int_equal(o.lines[0].flags, 0);
	assert_int_equal(o.lines[0].reserved, 3);
	order_free(&o);
	stk(t, "TEA-1", "WH", 20, 4, 200);
	checked(t);
}

/* Lines are added to drafts only; totals follow. */
static void
test_add_line(void **state)
{
	struct tco	*t = *state;
	static const struct nl l[] = { { "TEA-1", 1, -1, -1, 0, NULL, 0 } };
	static const struct nl l2[] = { { "CUP-2", 2, -1, 1300, 0, NULL, 0 } };
	struct op	 op = { .what = OP_ADD, .ver = 1, .nl = l2, .nnl = 1 };
	struct order	 o;

	op.id = mk(t, "C1", "WH", 0, l, 1);
	ok(t, &op);
	assert_int_equal(op.ol.no, 2);
	assert_int_equal(op.ol.net, 230);
	assert_int_equal(op.ol.tax, 30);
	load(t, op.id, &o);
	assert_int_equal(o.version, 2);
	assert_int_equal(o.nlines, 2);
	assert_int_equal(o.net, 263);
	assert_int_equal(o.tax, 34);
	assert_int_equal(o.total, 297);
	order_free(&o);
	ev(t, OP_CONFIRM, op.id);
	op.ver = ORDER_ANY_VERSION;
	refused(t, &op, ORDO_ESTATE, "order 1 is confirmed; only draft "
	    "orders can be changed");
	checked(t);
}

/* Listing: newest first, by status or customer, paged. */
static void
test_each(void **state)
{
	struct tco	*t = *state;
	static const struct nl l[] = { { "TEA-1", 1, -1, -1, 0, NULL, 0 } };

	mk(t, "C1", "WH", 0, l, 1);
	setenv("ORDO_NOW", "2026-11-26 11:00:00", 1);
	mk(t, "C2", "WH", 0, l, 1);
	setenv("ORDO_NOW", "2026-11-26 12:00:00", 1);
	mk(t, "C1", "WH", 0, l, 1);
	setenv("ORDO_NOW", NOW, 1);
	ev(t, OP_CONFIRM, 2);
	assert_string_equal(each(t, -1, NULL, 0, 0), "3 2 1");
	assert_string_equal(each(t, -1, NULL, 3, 0), "2 1");
	assert_string_equal(each(t, -1, NULL, 1, 0), "");
	assert_string_equal(each(t, -1, NULL, 0, 2), "3 2");
	assert_string_equal(each(t, ST_DRAFT, NULL, 0, 0), "3 1");
	assert_string_equal(each(t, ST_DRAFT, NULL, 3, 0), "1");
	assert_string_equal(each(t, ST_CONFIRMED, NULL, 0, 0), "2");
	assert_string_equal(each(t, ST_SHIPPED, NULL, 0, 0), "");
	assert_string_equal(each(t, -1, "C1", 0, 0), "3 1");
	assert_string_equal(each(t, -1, "C1", 3, 0), "1");
	assert_string_equal(each(t, ST_CONFIRMED, "C1", 0, 0), "");
	assert_string_equal(each(t, -1, "C3", 0, 0), "");

	/*
	 * Newest day first; within a day, the order entered last first
	 * (the date index is by day: order.h).
	 */
	setenv("ORDO_NOW", "2026-11-25 18:00:00", 1);
	mk(t, "C2", "WH", 0, l, 1);
	setenv("ORDO_NOW", "2026-11-26 09:00:00", 1);
	mk(t, "C2", "WH", 0, l, 1);
	setenv("ORDO_NOW", NOW, 1);
	assert_string_equal(each(t, -1, NULL, 0, 0), "5 3 2 1 4");
	assert_string_equal(each(t, -1, NULL, 1, 0), "4");
	assert_string_equal(each(t, -1, NULL, 5, 2), "3 2");
	assert_string_equal(each(t, -1, NULL, 4, 0), "");
	checked(t);
}

/* Three shipments of one line: the invoices sum exactly to the line. */
static void
test_partial_invoices(void **state)
{
	struct tco	*t = *state;
	static const struct nl l[] = { { "TEA-1", 3, 34, -1, 2, NULL, 0 } };
	static const struct line_qty one[] = { { 1, 1, 0 } };
	struct op	 op = { .what = OP_SHIP, .ver = ORDER_ANY_VERSION,
			    .lq = one, .n = 1 };
	struct inv_arg	 inv;
	struct order	 o;

	op.id = mk(t, "C1", "WH", 0, l, 1);
	load(t, op.id, &o);
	assert_int_equal(o.lines[0].net, 100);
	assert_int_equal(o.lines[0].tax, 13);
	order_free(&o);
	ev(t, OP_CONFIRM, op.id);
	ok(t, &op);
	ok(t, &op);
	assert_int_equal(status(t, op.id), ST_PARTIAL);
	ok(t, &op);
	assert_int_equal(status(t, op.id), ST_SHIPPED);
	/* Net 0.33, 0.34, 0.33; tax 0.04, 0.05, 0.04. */
	invoices(t, op.id, &inv);
	assert_int_equal(inv.n, 3);
	assert_int_equal(inv.amounts[0], 33 + 4);
	assert_int_equal(inv.amounts[1], 34 + 5);
	assert_int_equal(inv.amounts[2], 33 + 4);
	assert_int_equal(bal(t, ACCT_REVENUE), -100);
	assert_int_equal(bal(t, ACCT_TAX), -13);
	assert_int_equal(cust_ar(t, "C1"), 113);
	checked(t);
}

/*
 * Prices that include tax are split, never grossed up: tax = gross * rate
 * / (1 + rate) rounded half up, net the rest, on lines and shipping; a
 * marketplace's own tax is kept as given; the shipment posts exactly
 * that.
 */
static void
test_tax_included(void **state)
{
	struct tco	*t = *state;
	static const struct nl l[] = {
		{ "TEA-1", 3, -1, -1, 0, NULL, 0 },	/* 99 gross */
	};
	static const struct nl g[] = {
		{ "CUP-2", 1, -1, -1, 0, NULL, LINE_TAX_GIVEN },
	};
	struct op	 op = { .what = OP_NEW, .cust = "C1", .loc = "WH",
			    .shipping = 15, .tax_mode = ORDER_TAX_INCL,
			    .nl = l, .nnl = 1 };
	struct order	 o;
	int64_t		 net, tax, w[3] = { 1, 1, 1 }, out[3];
	int64_t		 w2[2] = { 5, 5 }, cap[2] = { 2, 100 };

	/* The rule itself: Taobao's 128.00 at 13% is 113.27 + 14.73. */
	order_tax_split(12800, 1300, &net, &tax);
	assert_int_equal(tax, 1473);
	assert_int_equal(net, 11327);
	order_tax_split(12800, 0, &net, &tax);
	assert_int_equal(tax, 0);
	assert_int_equal(net, 12800);
	/* Allocation: exact sums, the largest remainder (first on a tie). */
	assert_int_equal(order_allocate(100, w, NULL, 3, out), 0);
	assert_int_equal(out[0], 34);
	assert_int_equal(out[1], 33);
	assert_int_equal(out[2], 33);
	assert_int_equal(order_allocate(10, w2, cap, 2, out), 0);
	assert_int_equal(out[0], 2);
	assert_int_equal(out[1], 8);
	assert_int_equal(order_allocate(300, w2, cap, 2, out), ORDO_ERANGE);

	/* 3 x 0.33 incl. 13%: tax 0.11, net 0.88; shipping 0.15: 0.02. */
	ok(t, &op);
	load(t, op.o.id, &o);
	assert_true(o.lines[0].flags & LINE_TAX_INCL);
	assert_int_equal(o.lines[0].tax, 11);
	assert_int_equal(o.lines[0].net, 88);
	assert_int_equal(o.ship_tax, 2);
	assert_int_equal(o.shipping, 13);
	assert_int_equal(o.total, 99 + 15);
	order_free(&o);
	ev(t, OP_CONFIRM, op.o.id);
	ev(t, OP_SHIP, op.o.id);
	assert_int_equal(cust_ar(t, "C1"), 114);
	assert_int_equal(bal(t, ACCT_TAX), -13);
	assert_int_equal(bal(t, ACCT_REVENUE), -88);
	assert_int_equal(bal(t, ACCT_SHIPPING), -13);

	/* Tax as given (before tax): 1.15 + 0.07, shipping 0.15 + 0.01. */
	memset(&op, 0, sizeof op);
	op.what = OP_NEW;
	op.cust = "C2";
	op.loc = "WH";
	op.shipping = 15;
	op.tax_mode = ORDER_TAX_EXCL;
	op.oflags = ORDER_SHIP_TAX_GIVEN;
	op.ship_tax = 1;
	op.given = 7;
	op.nl = g;
	op.nnl = 1;
	ok(t, &op);
	load(t, op.o.id, &o);
	assert_int_equal(o.lines[0].tax, 7);
	assert_int_equal(o.lines[0].net, 115);
	assert_int_equal(o.ship_tax, 1);
	assert_int_equal(o.ship_tax_rate, -1);
	assert_int_equal(o.total, 115 + 7 + 15 + 1);
	order_free(&o);
	ev(t, OP_CONFIRM, op.o.id);
	ev(t, OP_SHIP, op.o.id);
	assert_int_equal(cust_ar(t, "C2"), 138);
	/* Given and included: the net is what is left. */
	op.cust = "C1";
	op.tax_mode = ORDER_TAX_INCL;
	op.oflags = 0;
	ok(t, &op);
	load(t, op.o.id, &o);
	assert_int_equal(o.lines[0].net, 108);
	assert_int_equal(o.total, 115 + 15);
	order_free(&o);
	checked(t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_totals, setup, teardown),
		cmocka_unit_test_setup_teardown(test_new_refused, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_duplicate_ext, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_lifecycle, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_short_refused, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_backorder, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_ship_postings, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_partial_invoices, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_return, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cancel, setup, teardown),
		cmocka_unit_test_setup_teardown(test_conflict, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_roles, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unmapped, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_add_line, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_each, setup, teardown),
		cmocka_unit_test_setup_teardown(test_record_versions, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_tax_included, setup,
		    teardown),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
