/*
 * test_stock.c: stock rows, moves and the stock events.  Every event is
 * tried allowed and refused; a refused one must leave on-hand, reserved,
 * value, the moves, the journal, the audit and the item's cost as they
 * were.  Values are checked to the cent, against the ledger too.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testlib.h"

#include "ordo/audit.h"
#include "ordo/company.h"
#include "ordo/config.h"
#include "ordo/date.h"
#include "ordo/error.h"
#include "ordo/item.h"
#include "ordo/ledger.h"
#include "ordo/stock.h"
#include "ordo/xmalloc.h"

enum op_kind {
	OP_RECEIVE, OP_ADJUST, OP_TRANSFER, OP_OPENING, OP_RESERVE,
	OP_RELEASE, OP_APPLY
};

/* One call into the stock module, in its own write transaction. */
struct op {
	enum op_kind	 kind;
	const char	*sku;
	const char	*loc;
	const char	*to;		/* transfer */
	const char	*ref;
	int64_t		 qty;		/* counted, for adjust */
	int64_t		 cost;
	struct move	 m;		/* apply */
	uint64_t	 id;		/* move id from receive/adjust */
	char		*cause;
	int		 rc;
};

/* Everything a stock event may change. */
struct snap {
	struct stock	 row[2][2];	/* [TEA-1, CUP-1][MAIN, WH] */
	size_t		 moves, by_stock, journal, audit;
	int64_t		 cost[2];
	int64_t		 inv, pay, wo, eq;
};

/* The last journal entry, copied. */
struct last_entry {
	int		 n;
	enum entry_kind	 kind;
	uint64_t	 doc;
	size_t		 np;
	char		 acct[4][16];
	int64_t		 amt[4];
	char		 memo[256];
};

static const char *skus[2] = { "TEA-1", "CUP-1" };
static const char *locs[2] = { "MAIN", "WH" };

static int	 post_cogs(struct db_txn *, int64_t, char **);
static int	 do_op(struct db_txn *, void *, char **);
static int	 op(struct tco *, struct op *);
static int	 receive(struct tco *, const char *, const char *, int64_t,
		    int64_t);
static int	 ship(struct tco *, const char *, const char *, int64_t,
		    int64_t *);
static struct snap snap(struct tco *);
static void	 assert_same(const struct snap *, const struct snap *);
static void	 last_entry(struct tco *, struct last_entry *);
static void	 check_rows(struct tco *);
static const char *acct(struct tco *, enum account_role);
static void	 refused(struct tco *, struct op *, int, const char *);

/*
 * Post the cost of goods that left (or came back) by stock_apply, as the
 * order module does with a shipment, so that the inventory account keeps
 * equal to the sum of the rows.
 */
static int
post_cogs(struct db_txn *tx, int64_t amount, char **cause)
{
	struct entry	 e;
	int		 rc;

	if (amount == 0)
		return (0);
	entry_init(&e, ENTRY_SHIPMENT, "test shipment");
	entry_add_role(&e, tx->co->cfg, ACCT_COGS, amount, "");
	entry_add_role(&e, tx->co->cfg, ACCT_INVENTORY, -amount, "");
	rc = ledger_post(tx, &e, cause);
	entry_free(&e);
	return (rc);
}

static int
do_op(struct db_txn *tx, void *arg, char **cause)
{
	struct op	*o = arg;
	int		 rc;

	switch (o->kind) {
	case OP_RECEIVE:
		return (stock_receive(tx, o->sku, o->loc, o->qty, o->cost,
		    o->ref, &o->id, cause));
	case OP_ADJUST:
		return (stock_adjust(tx, o->sku, o->loc, o->qty, o->ref,
		    &o->id, cause));
	case OP_TRANSFER:
		return (stock_transfer(tx, o->sku, o->loc, o->to, o->qty,
		    cause));
	case OP_OPENING:
		return (stock_opening(tx, o->sku, o->loc, o->qty, o->cost,
		    cause));
	case OP_RESERVE:
		return (stock_reserve(tx, o->sku, o->loc, o->qty, cause));
	case OP_RELEASE:
		return (stock_release(tx, o->sku, o->loc, o->qty, cause));
	case OP_APPLY:
		if ((rc = stock_apply(tx, &o->m, cause)) != 0)
			return (rc);
		return (post_cogs(tx, -o->m.value, cause));
	}
	return (ORDO_EINVAL);
}

static int
op(struct tco *t, struct op *o)
{
	struct move	 m = o->m;
	int64_t		 value = o->m.value;

	free(o->cause);
	o->cause = NULL;
	o->id = 0;
	o->rc = db_write(t->db, do_op, o, &o->cause);
	if (o->kind == OP_APPLY && o->rc != 0) {
		/* Keep the input for the next try: m.value may be filled. */
		m.value = value;
		o->m = m;
	}
	return (o->rc);
}

static int
receive(struct tco *t, const char *sku, const char *loc, int64_t qty,
    int64_t cost)
{
	struct op	 o;

	memset(&o, 0, sizeof o);
	o.kind = OP_RECEIVE;
	o.sku = sku;
	o.loc = loc;
	o.qty = qty;
	o.cost = cost;
	o.ref = "PO-1";
	if (op(t, &o) != 0)
		print_message("# receive: %s\n", o.cause);
	free(o.cause);
	return (o.rc);
}

/* A shipment as an order makes it: an outgoing move at average cost. */
static int
ship(struct tco *t, const char *sku, const char *loc, int64_t qty,
    int64_t *value)
{
	struct op	 o;

	memset(&o, 0, sizeof o);
	o.kind = OP_APPLY;
	o.m.sku = (char *)sku;
	o.m.loc = (char *)loc;
	o.m.kind = MOVE_SHIP;
	o.m.qty = -qty;
	o.m.order = 7;
	o.m.ref = (char *)"order 7";
	if (op(t, &o) != 0)
		print_message("# ship: %s\n", o.cause);
	free(o.cause);
	if (value != NULL)
		*value = o.m.value;
	return (o.rc);
}

static const char *
acct(struct tco *t, enum account_role r)
{
	const char	*code;

	assert_non_null(code = config_account(t->cfg, r));
	return (code);
}

struct snap_arg {
	struct tco	*t;
	struct snap	*s;
};

static int
do_snap(struct db_txn *tx, void *arg, char **cause)
{
	struct snap_arg	*a = arg;
	struct snap	*s = a->s;
	struct item	 it;
	int		 i, j;

	for (i = 0; i < 2; i++) {
		for (j = 0; j < 2; j++) {
			assert_int_equal(stock_get(tx, skus[i], locs[j],
			    &s->row[i][j]), 0);
			stock_free(&s->row[i][j]);
		}
		assert_int_equal(item_get(tx, skus[i], &it, cause), 0);
		s->cost[i] = it.cost;
		item_free(&it);
	}
	s->moves = db_count(tx, TB_MOVES);
	s->by_stock = db_count(tx, TB_MOVE_BY_STOCK);
	s->journal = db_count(tx, TB_JOURNAL);
	s->audit = db_count(tx, TB_AUDIT);
	assert_int_equal(ledger_balance(tx, acct(a->t, ACCT_INVENTORY),
	    &s->inv), 0);
	assert_int_equal(ledger_balance(tx, acct(a->t, ACCT_PAYABLE),
	    &s->pay), 0);
	assert_int_equal(ledger_balance(tx, acct(a->t, ACCT_WRITEOFF),
	    &s->wo), 0);
	assert_int_equal(ledger_balance(tx, acct(a->t, ACCT_EQUITY),
	    &s->eq), 0);
	return (0);
}

static struct snap
snap(struct tco *t)
{
	struct snap	 s;
	struct snap_arg	 a = { t, &s };

	memset(&s, 0, sizeof s);
	assert_int_equal(t_read(t, do_snap, &a), 0);
	return (s);
}

static void
assert_same(const struct snap *a, const struct snap *b)
{
	int	 i, j;

	for (i = 0; i < 2; i++) {
		for (j = 0; j < 2; j++) {
			assert_int_equal(a->row[i][j].on_hand,
			    b->row[i][j].on_hand);
			assert_int_equal(a->row[i][j].reserved,
			    b->row[i][j].reserved);
			assert_int_equal(a->row[i][j].value,
			    b->row[i][j].value);
		}
		assert_int_equal(a->cost[i], b->cost[i]);
	}
	assert_int_equal(a->moves, b->moves);
	assert_int_equal(a->by_stock, b->by_stock);
	assert_int_equal(a->journal, b->journal);
	assert_int_equal(a->audit, b->audit);
	assert_int_equal(a->inv, b->inv);
	assert_int_equal(a->pay, b->pay);
	assert_int_equal(a->wo, b->wo);
	assert_int_equal(a->eq, b->eq);
}

/* Run o, which must be refused with code and a cause containing what. */
static void
refused(struct tco *t, struct op *o, int code, const char *what)
{
	struct snap	 before, after;

	before = snap(t);
	assert_int_equal(op(t, o), code);
	assert_non_null(o->cause);
	if (what != NULL && strstr(o->cause, what) == NULL)
		fail_msg("cause \"%s\" does not mention \"%s\"", o->cause,
		    what);
	after = snap(t);
	assert_same(&before, &after);
}

static int
entry_cb(const struct entry *e, void *arg)
{
	struct last_entry	*l = arg;
	size_t			 i;

	l->n++;
	l->kind = e->kind;
	l->doc = e->doc;
	l->np = e->np;
	snprintf(l->memo, sizeof l->memo, "%s", e->memo);
	for (i = 0; i < e->np && i < 4; i++) {
		snprintf(l->acct[i], sizeof l->acct[i], "%s", e->p[i].account);
		l->amt[i] = e->p[i].amount;
	}
	return (0);
}

static int
do_last_entry(struct db_txn *tx, void *arg, char **cause)
{
	(void)cause;
	return (ledger_each(tx, 0, entry_cb, arg));
}

static void
last_entry(struct tco *t, struct last_entry *l)
{
	memset(l, 0, sizeof *l);
	assert_int_equal(t_read(t, do_last_entry, l), 0);
}

/* The amount the last entry posts to an account (0 if none). */
static int64_t
posted(const struct last_entry *l, const char *code)
{
	int64_t	 sum = 0;
	size_t	 i;

	for (i = 0; i < l->np && i < 4; i++)
		if (strcmp(l->acct[i], code) == 0)
			sum += l->amt[i];
	return (sum);
}

/* Sums of the moves of one row, checked against the row. */
struct msum {
	int64_t		 qty, value;
	uint64_t	 last_id;
	int		 n, ordered;
};

static int
msum_cb(const struct move *m, void *arg)
{
	struct msum	*s = arg;

	s->qty += m->qty;
	s->value += m->value;
	if (m->id <= s->last_id)
		s->ordered = 0;
	s->last_id = m->id;
	s->n++;
	return (0);
}

struct rows {
	int	 n;
	int	 bad;
	char	 keys[16][40];
	struct db_txn *tx;
	int64_t	 total_value;
};

static int
rows_cb(const struct stock *st, void *arg)
{
	struct rows	*r = arg;
	struct msum	 s;

	if (r->n < 16)
		snprintf(r->keys[r->n], sizeof r->keys[0], "%s@%s", st->sku,
		    st->loc);
	r->n++;
	memset(&s, 0, sizeof s);
	s.ordered = 1;
	assert_int_equal(stock_moves(r->tx, st->sku, st->loc, msum_cb, &s), 0);
	/* On hand is the sum of the moves, and so is the value. */
	if (s.qty != st->on_hand || s.value != st->value || !s.ordered)
		r->bad++;
	if (st->on_hand < 0 || st->reserved < 0 || st->reserved > st->on_hand)
		r->bad++;
	r->total_value += st->value;
	return (0);
}

static int
do_check_rows(struct db_txn *tx, void *arg, char **cause)
{
	struct rows	*r = arg;

	(void)cause;
	r->tx = tx;
	return (stock_each(tx, "", rows_cb, r));
}

/* Every row agrees with its moves; the inventory account with the rows. */
static void
check_rows(struct tco *t)
{
	struct rows	 r;
	struct snap	 s;

	memset(&r, 0, sizeof r);
	assert_int_equal(t_read(t, do_check_rows, &r), 0);
	assert_int_equal(r.bad, 0);
	s = snap(t);
	assert_int_equal(r.total_value, s.inv);
}

static int
add_item(struct db_txn *tx, void *arg, char **cause)
{
	struct item	 it;
	int		 rc;

	(void)arg;
	memset(&it, 0, sizeof it);
	it.sku = (char *)"TEA-1";
	it.name = (char *)"Green tea";
	it.price = 1250;
	it.reorder_point = 5;
	it.tax_rate = -1;
	it.active = 1;
	if ((rc = item_add(tx, &it, cause)) != 0)
		return (rc);
	it.sku = (char *)"CUP-1";
	it.name = (char *)"Cup";
	it.reorder_point = 0;
	it.backorder = 0;
	it.cost = 200;		/* A standard cost before any receipt. */
	return (item_add(tx, &it, cause));
}

static int
setup(void **state)
{
	struct tco	*t;

	t = t_open();
	assert_int_equal(t_write(t, add_item, NULL), 0);
	*state = t;
	return (0);
}

static int
teardown(void **state)
{
	t_close(*state);
	return (0);
}

static int
do_locations(struct db_txn *tx, void *arg, char **cause)
{
	char	 big[600];

	(void)arg;
	assert_int_equal(stock_location_exists(tx, "MAIN"), 1);
	assert_int_equal(stock_location_exists(tx, "WH"), 1);
	assert_int_equal(stock_location_exists(tx, "main"), 0);
	assert_int_equal(stock_location_exists(tx, "NOPE"), 0);
	assert_int_equal(stock_location_exists(tx, ""), 0);
	assert_int_equal(stock_location_exists(tx, NULL), 0);
	memset(big, 'M', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	assert_int_equal(stock_location_exists(tx, big), 0);
	/* Syncing again changes nothing. */
	assert_int_equal(stock_sync_locations(tx, cause), 0);
	assert_int_equal(db_count(tx, TB_LOCATIONS), 2);
	/* MAIN allows backorders (config), WH does not. */
	assert_int_equal(stock_backorder_allowed(tx, "CUP-1", "MAIN"), 1);
	assert_int_equal(stock_backorder_allowed(tx, "CUP-1", "WH"), 0);
	return (0);
}

static int
set_backorder(struct db_txn *tx, void *arg, char **cause)
{
	struct item	 it;
	int		 rc;

	(void)arg;
	if ((rc = item_get(tx, "CUP-1", &it, cause)) != 0)
		return (rc);
	it.backorder = 1;
	rc = item_update(tx, &it, cause);
	item_free(&it);
	if (rc == 0)
		assert_int_equal(stock_backorder_allowed(tx, "CUP-1", "WH"), 1);
	return (rc);
}

static void
test_locations(void **state)
{
	struct tco	*t = *state;

	assert_int_equal(t_write(t, do_locations, NULL), 0);
	assert_int_equal(t_write(t, set_backorder, NULL), 0);
	assert_string_equal(move_kind_name(MOVE_RECEIVE), "receive");
	assert_string_equal(move_kind_name(MOVE_TRANSFER_OUT),
	    "transfer-out");
	assert_string_equal(move_kind_name(MOVE_NKINDS), "?");
}

struct mlist {
	int		 n;
	struct {
		uint64_t	 id;
		enum move_kind	 kind;
		int64_t		 qty, value;
		uint64_t	 order;
		char		 ref[64], user[32], loc[8];
		int64_t		 time;
	} m[16];
};

static int
mlist_cb(const struct move *m, void *arg)
{
	struct mlist	*l = arg;

	if (l->n < 16) {
		l->m[l->n].id = m->id;
		l->m[l->n].kind = m->kind;
		l->m[l->n].qty = m->qty;
		l->m[l->n].value = m->value;
		l->m[l->n].order = m->order;
		l->m[l->n].time = m->time;
		snprintf(l->m[l->n].ref, sizeof l->m[0].ref, "%s", m->ref);
		snprintf(l->m[l->n].user, sizeof l->m[0].user, "%s", m->user);
		snprintf(l->m[l->n].loc, sizeof l->m[0].loc, "%s", m->loc);
	}
	l->n++;
	return (0);
}

static int
do_all_moves(struct db_txn *tx, void *arg, char **cause)
{
	(void)cause;
	return (stock_each_move(tx, mlist_cb, arg));
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
do_audit(struct db_txn *tx, void *arg, char **cause)
{
	(void)cause;
	return (audit_each(tx, 0, audit_cb, arg));
}

static void
test_receive(void **state)
{
	struct tco		*t = *state;
	struct op		 o;
	struct snap		 s;
	struct last_entry	 e;
	struct mlist		 ml;
	struct audits		 a;

	memset(&o, 0, sizeof o);
	o.kind = OP_RECEIVE;
	o.sku = "TEA-1";
	o.loc = "MAIN";
	o.qty = 10;
	o.cost = 100;
	o.ref = "PO-1001";
	t->co->role = ROLE_CLERK;
	assert_int_equal(op(t, &o), 0);
	assert_int_equal(o.id, 1);
	o.qty = 5;
	o.cost = 130;
	assert_int_equal(op(t, &o), 0);
	assert_int_equal(o.id, 2);

	/* 10 x 1.00 + 5 x 1.30 = 16.50 for 15: 1.10 each. */
	s = snap(t);
	assert_int_equal(s.row[0][0].on_hand, 15);
	assert_int_equal(s.row[0][0].reserved, 0);
	assert_int_equal(s.row[0][0].value, 1650);
	assert_int_equal(s.cost[0], 110);
	assert_int_equal(s.inv, 1650);
	assert_int_equal(s.pay, -1650);

	/* 4 x 2.00 at the warehouse: 24.50 for 19 is 1.28947: 1.29. */
	o.loc = "WH";
	o.qty = 4;
	o.cost = 200;
	assert_int_equal(op(t, &o), 0);
	s = snap(t);
	assert_int_equal(s.row[0][1].on_hand, 4);
	assert_int_equal(s.row[0][1].value, 800);
	assert_int_equal(s.row[0][0].value, 1650);
	assert_int_equal(s.cost[0], 129);
	assert_int_equal(s.inv, 2450);
	assert_int_equal(s.pay, -2450);
	assert_int_equal(s.journal, 3);

	/* The entry: Dr inventory 8.00, Cr payable 8.00, for the move. */
	last_entry(t, &e);
	assert_int_equal(e.n, 3);
	assert_int_equal(e.kind, ENTRY_RECEIPT);
	assert_int_equal(e.doc, 3);
	assert_int_equal(e.np, 2);
	assert_int_equal(posted(&e, acct(t, ACCT_INVENTORY)), 800);
	assert_int_equal(posted(&e, acct(t, ACCT_PAYABLE)), -800);
	assert_non_null(strstr(e.memo, "PO-1001"));

	/* The moves as written. */
	memset(&ml, 0, sizeof ml);
	assert_int_equal(t_read(t, do_all_moves, &ml), 0);
	assert_int_equal(ml.n, 3);
	assert_int_equal(ml.m[2].id, 3);
	assert_int_equal(ml.m[2].kind, MOVE_RECEIVE);
	assert_int_equal(ml.m[2].qty, 4);
	assert_int_equal(ml.m[2].value, 800);
	assert_string_equal(ml.m[2].ref, "PO-1001");
	assert_string_equal(ml.m[2].user, "tester");
	assert_string_equal(ml.m[2].loc, "WH");
	assert_int_equal(ml.m[2].time, util_now());

	memset(&a, 0, sizeof a);
	assert_int_equal(t_read(t, do_audit, &a), 0);
	assert_string_equal(a.last[0], "stock.receive");
	assert_string_equal(a.last[1], "item TEA-1");
	assert_non_null(strstr(a.last[2], "4 at WH, unit cost 2.00, value "
	    "8.00"));
	check_rows(t);
	free(o.cause);
}

static void
test_receive_rounding(void **state)
{
	struct tco	*t = *state;
	struct snap	 s;

	/* 1 x 0.01 + 1 x 0.02 = 0.03 for 2: 0.015 rounds up to 0.02. */
	assert_int_equal(receive(t, "TEA-1", "MAIN", 1, 1), 0);
	assert_int_equal(receive(t, "TEA-1", "MAIN", 1, 2), 0);
	s = snap(t);
	assert_int_equal(s.row[0][0].value, 3);
	assert_int_equal(s.cost[0], 2);
	/* + 1 x 0.00 = 0.03 for 3: 0.01.  A free receipt posts nothing. */
	assert_int_equal(receive(t, "TEA-1", "MAIN", 1, 0), 0);
	s = snap(t);
	assert_int_equal(s.cost[0], 1);
	assert_int_equal(s.journal, 2);
	assert_int_equal(s.moves, 3);
	/* 3 x 0.33 more: 1.02 for 6 = 0.17 exactly. */
	assert_int_equal(receive(t, "TEA-1", "MAIN", 3, 33), 0);
	s = snap(t);
	assert_int_equal(s.row[0][0].value, 102);
	assert_int_equal(s.cost[0], 17);
	check_rows(t);
}

static void
test_receive_refused(void **state)
{
	struct tco	*t = *state;
	struct op	 o;

	assert_int_equal(receive(t, "TEA-1", "MAIN", 10, 100), 0);
	memset(&o, 0, sizeof o);
	o.kind = OP_RECEIVE;
	o.sku = "NOPE";
	o.loc = "MAIN";
	o.qty = 1;
	o.cost = 100;
	refused(t, &o, ORDO_ENOTFOUND, "unknown SKU NOPE");
	o.sku = NULL;
	refused(t, &o, ORDO_ENOTFOUND, "unknown SKU");
	o.sku = "TEA-1";
	o.loc = "BACK";
	refused(t, &o, ORDO_ENOTFOUND, "unknown location BACK");
	o.loc = "MAIN";
	o.qty = 0;
	refused(t, &o, ORDO_EINVAL, "quantity");
	o.qty = -3;
	refused(t, &o, ORDO_EINVAL, "quantity");
	o.qty = 1;
	o.cost = -1;
	refused(t, &o, ORDO_EINVAL, "unit cost");
	o.qty = INT64_MAX / 2;
	o.cost = 3;
	refused(t, &o, ORDO_ERANGE, "too large");
	/* On hand plus a huge quantity overflows too. */
	o.qty = INT64_MAX - 5;
	o.cost = 0;
	refused(t, &o, ORDO_ERANGE, "out of range");
	o.qty = 1;
	o.cost = 100;
	o.ref = "bad \xff ref";
	refused(t, &o, ORDO_EINVAL, "reference");
	o.ref = NULL;
	t->co->role = ROLE_PICKER;
	refused(t, &o, ORDO_EPERM, "receiving stock needs a clerk");
	t->co->role = ROLE_CLERK;
	assert_int_equal(op(t, &o), 0);
	free(o.cause);
	check_rows(t);
}

/* Goods leave at average cost and the last unit takes what is left. */
static void
test_apply_last_unit(void **state)
{
	struct tco	*t = *state;
	struct snap	 s;
	int64_t		 v1, v2, v3;

	/* 1 x 0.33 + 2 x 0.34 = 1.01 for 3 units. */
	assert_int_equal(receive(t, "TEA-1", "MAIN", 1, 33), 0);
	assert_int_equal(receive(t, "TEA-1", "MAIN", 2, 34), 0);
	assert_int_equal(ship(t, "TEA-1", "MAIN", 1, &v1), 0);
	assert_int_equal(v1, -34);	/* 101 / 3 = 33.67 */
	assert_int_equal(ship(t, "TEA-1", "MAIN", 1, &v2), 0);
	assert_int_equal(v2, -34);	/* 67 / 2 = 33.5, half away */
	assert_int_equal(ship(t, "TEA-1", "MAIN", 1, &v3), 0);
	assert_int_equal(v3, -33);	/* the rest */
	assert_int_equal(v1 + v2 + v3, -101);
	s = snap(t);
	assert_int_equal(s.row[0][0].on_hand, 0);
	assert_int_equal(s.row[0][0].value, 0);

	/* Two units out at once from 7 worth 1.00: 0.2857: 0.29. */
	assert_int_equal(receive(t, "CUP-1", "WH", 7, 0), 0);
	assert_int_equal(receive(t, "CUP-1", "WH", 1, 100), 0);
	assert_int_equal(ship(t, "CUP-1", "WH", 2, &v1), 0);
	assert_int_equal(v1, -25);	/* 100 * 2 / 8 = 25 */
	assert_int_equal(ship(t, "CUP-1", "WH", 6, &v1), 0);
	assert_int_equal(v1, -75);
	s = snap(t);
	assert_int_equal(s.row[1][1].on_hand, 0);
	assert_int_equal(s.row[1][1].value, 0);
	check_rows(t);
}

static void
test_apply_refused(void **state)
{
	struct tco	*t = *state;
	struct op	 o;

	assert_int_equal(receive(t, "TEA-1", "MAIN", 3, 100), 0);
	memset(&o, 0, sizeof o);
	o.kind = OP_APPLY;
	o.m.sku = (char *)"TEA-1";
	o.m.loc = (char *)"MAIN";
	o.m.kind = MOVE_SHIP;
	o.m.qty = -4;
	refused(t, &o, ORDO_ESHORT, "SKU TEA-1 at MAIN: 3 available, 4 wanted");
	o.m.loc = (char *)"WH";
	o.m.qty = -1;
	refused(t, &o, ORDO_ESHORT, "SKU TEA-1 at WH: 0 available, 1 wanted");
	o.m.loc = (char *)"MAIN";
	o.m.qty = 0;
	refused(t, &o, ORDO_EINVAL, "quantity");
	o.m.qty = -1;
	o.m.kind = (enum move_kind)99;
	refused(t, &o, ORDO_EINVAL, "kind");
	o.m.kind = MOVE_RETURN;
	o.m.qty = 1;
	o.m.value = -5;
	refused(t, &o, ORDO_EINVAL, NULL);
	/* Taking all the goods but not all their value is refused. */
	o.m.kind = MOVE_SCRAP;
	o.m.qty = -3;
	o.m.value = -299;
	refused(t, &o, ORDO_EINVAL, "would leave 0 on hand worth 1");
	/* So is taking more value than there is. */
	o.m.qty = -1;
	o.m.value = -301;
	refused(t, &o, ORDO_EINVAL, NULL);
	o.m.value = 0;
	o.m.sku = (char *)"NOPE";
	refused(t, &o, ORDO_ENOTFOUND, "unknown SKU NOPE");
	o.m.sku = (char *)"TEA-1";
	o.m.loc = (char *)"NOPE";
	refused(t, &o, ORDO_ENOTFOUND, "unknown location NOPE");
	/* An explicit value that is right is taken as given. */
	o.m.loc = (char *)"MAIN";
	o.m.qty = -3;
	o.m.value = -300;
	assert_int_equal(op(t, &o), 0);
	assert_int_equal(o.m.id, 2);
	assert_int_equal(o.m.time, util_now());
	free(o.cause);
	check_rows(t);
}

static void
test_reserve_release(void **state)
{
	struct tco	*t = *state;
	struct op	 o;
	struct snap	 s;

	assert_int_equal(receive(t, "TEA-1", "MAIN", 10, 100), 0);
	memset(&o, 0, sizeof o);
	o.kind = OP_RESERVE;
	o.sku = "TEA-1";
	o.loc = "MAIN";
	o.qty = 4;
	assert_int_equal(op(t, &o), 0);
	s = snap(t);
	assert_int_equal(s.row[0][0].reserved, 4);
	assert_int_equal(stock_available(&s.row[0][0]), 6);
	assert_int_equal(s.moves, 1);	/* A reservation is not a move. */

	o.qty = 7;
	refused(t, &o, ORDO_ESHORT, "SKU TEA-1 at MAIN: 6 available, 7 wanted");
	o.qty = 0;
	refused(t, &o, ORDO_EINVAL, "quantity to reserve");
	o.qty = 1;
	o.loc = "WH";
	refused(t, &o, ORDO_ESHORT, "SKU TEA-1 at WH: 0 available, 1 wanted");
	o.loc = "NOPE";
	refused(t, &o, ORDO_ENOTFOUND, "unknown location NOPE");
	o.loc = "MAIN";
	o.sku = "NOPE";
	refused(t, &o, ORDO_ENOTFOUND, "unknown SKU NOPE");
	o.sku = "TEA-1";

	/* Reserved goods cannot leave by another move. */
	memset(&o.m, 0, sizeof o.m);
	o.kind = OP_APPLY;
	o.m.sku = (char *)"TEA-1";
	o.m.loc = (char *)"MAIN";
	o.m.kind = MOVE_SCRAP;
	o.m.qty = -7;
	refused(t, &o, ORDO_ESHORT, "SKU TEA-1 at MAIN: 6 available (10 on "
	    "hand, 4 reserved), 7 wanted");
	assert_int_equal(ship(t, "TEA-1", "MAIN", 6, NULL), 0);

	/* Release: not more than reserved. */
	o.kind = OP_RELEASE;
	o.qty = 5;
	refused(t, &o, ORDO_ESTATE, "SKU TEA-1 at MAIN: 4 reserved, cannot "
	    "release 5");
	o.qty = -1;
	refused(t, &o, ORDO_EINVAL, "quantity to release");
	o.qty = 3;
	assert_int_equal(op(t, &o), 0);
	o.qty = 1;
	assert_int_equal(op(t, &o), 0);
	s = snap(t);
	assert_int_equal(s.row[0][0].reserved, 0);
	assert_int_equal(s.row[0][0].on_hand, 4);
	free(o.cause);
	check_rows(t);
}

static void
test_adjust(void **state)
{
	struct tco		*t = *state;
	struct op		 o;
	struct snap		 s, before;
	struct last_entry	 e;
	struct audits		 a;
	const char		*inv, *wo;

	inv = acct(t, ACCT_INVENTORY);
	wo = acct(t, ACCT_WRITEOFF);
	assert_int_equal(receive(t, "TEA-1", "MAIN", 10, 200), 0);

	/* Counted 7 of 10: a loss of 3 x 2.00. */
	memset(&o, 0, sizeof o);
	o.kind = OP_ADJUST;
	o.sku = "TEA-1";
	o.loc = "MAIN";
	o.qty = 7;
	o.ref = "broken in the stockroom";
	t->co->role = ROLE_MANAGER;
	assert_int_equal(op(t, &o), 0);
	assert_int_equal(o.id, 2);
	s = snap(t);
	assert_int_equal(s.row[0][0].on_hand, 7);
	assert_int_equal(s.row[0][0].value, 1400);
	assert_int_equal(s.inv, 1400);
	assert_int_equal(s.wo, 600);
	last_entry(t, &e);
	assert_int_equal(e.kind, ENTRY_ADJUST);
	assert_int_equal(e.doc, 2);
	assert_int_equal(e.np, 2);
	assert_int_equal(posted(&e, wo), 600);
	assert_int_equal(posted(&e, inv), -600);
	assert_non_null(strstr(e.memo, "broken in the stockroom"));

	/* Counted 9 of 7: a gain of 2 at the average cost, 2.00. */
	o.qty = 9;
	o.ref = "found behind the shelf";
	assert_int_equal(op(t, &o), 0);
	s = snap(t);
	assert_int_equal(s.row[0][0].on_hand, 9);
	assert_int_equal(s.row[0][0].value, 1800);
	assert_int_equal(s.inv, 1800);
	assert_int_equal(s.wo, 200);
	last_entry(t, &e);
	assert_int_equal(posted(&e, inv), 400);
	assert_int_equal(posted(&e, wo), -400);

	/* A count that matches: no move, no entry, one audit record. */
	before = snap(t);
	assert_int_equal(op(t, &o), 0);
	assert_int_equal(o.id, 0);
	s = snap(t);
	assert_int_equal(s.moves, before.moves);
	assert_int_equal(s.journal, before.journal);
	assert_int_equal(s.audit, before.audit + 1);
	memset(&a, 0, sizeof a);
	assert_int_equal(t_read(t, do_audit, &a), 0);
	assert_string_equal(a.last[0], "stock.adjust");
	assert_non_null(strstr(a.last[2], "no change"));

	/* Refused: reserved above the count, negative, role, unknown. */
	o.kind = OP_RESERVE;
	o.qty = 5;
	assert_int_equal(op(t, &o), 0);
	o.kind = OP_ADJUST;
	o.qty = 4;
	refused(t, &o, ORDO_ESHORT, "SKU TEA-1 at MAIN: counted 4, but 5 are "
	    "reserved");
	o.qty = -1;
	refused(t, &o, ORDO_EINVAL, "counted quantity");
	o.qty = 6;
	t->co->role = ROLE_CLERK;
	refused(t, &o, ORDO_EPERM, "adjusting stock needs a manager");
	t->co->role = ROLE_MANAGER;
	o.sku = "NOPE";
	refused(t, &o, ORDO_ENOTFOUND, "unknown SKU NOPE");
	o.sku = "TEA-1";
	o.loc = "NOPE";
	refused(t, &o, ORDO_ENOTFOUND, "unknown location NOPE");
	/* Counting exactly the reserved quantity is allowed. */
	o.loc = "MAIN";
	o.qty = 5;
	assert_int_equal(op(t, &o), 0);
	s = snap(t);
	assert_int_equal(s.row[0][0].on_hand, 5);
	assert_int_equal(s.row[0][0].value, 1000);
	assert_int_equal(s.wo, 1000);
	free(o.cause);
	check_rows(t);
}

static void
test_adjust_uneven(void **state)
{
	struct tco		*t = *state;
	struct op		 o;
	struct snap		 s;
	struct last_entry	 e;

	/* 1 x 3.34 + 2 x 3.33 = 10.00 for 3. */
	assert_int_equal(receive(t, "TEA-1", "MAIN", 1, 334), 0);
	assert_int_equal(receive(t, "TEA-1", "MAIN", 2, 333), 0);
	memset(&o, 0, sizeof o);
	o.kind = OP_ADJUST;
	o.sku = "TEA-1";
	o.loc = "MAIN";
	o.qty = 2;
	assert_int_equal(op(t, &o), 0);
	last_entry(t, &e);
	assert_int_equal(posted(&e, acct(t, ACCT_WRITEOFF)), 333);
	assert_int_equal(posted(&e, acct(t, ACCT_INVENTORY)), -333);
	s = snap(t);
	assert_int_equal(s.row[0][0].value, 667);
	/* Counted 0: the last two take the rest, 6.67. */
	o.qty = 0;
	assert_int_equal(op(t, &o), 0);
	last_entry(t, &e);
	assert_int_equal(posted(&e, acct(t, ACCT_WRITEOFF)), 667);
	s = snap(t);
	assert_int_equal(s.row[0][0].on_hand, 0);
	assert_int_equal(s.row[0][0].value, 0);
	assert_int_equal(s.inv, 0);
	assert_int_equal(s.wo, 1000);

	/* A gain where the row is empty: at the item's cost (2.00). */
	o.sku = "CUP-1";
	o.loc = "WH";
	o.qty = 3;
	assert_int_equal(op(t, &o), 0);
	s = snap(t);
	assert_int_equal(s.row[1][1].on_hand, 3);
	assert_int_equal(s.row[1][1].value, 600);
	assert_int_equal(s.cost[1], 200);
	last_entry(t, &e);
	assert_int_equal(posted(&e, acct(t, ACCT_INVENTORY)), 600);
	assert_int_equal(posted(&e, acct(t, ACCT_WRITEOFF)), -600);
	free(o.cause);
	check_rows(t);
}

static void
test_transfer(void **state)
{
	struct tco	*t = *state;
	struct op	 o;
	struct snap	 s, before;
	struct mlist	 ml;

	assert_int_equal(receive(t, "TEA-1", "MAIN", 10, 100), 0);
	assert_int_equal(receive(t, "TEA-1", "MAIN", 5, 130), 0);
	before = snap(t);

	/* 4 of 15 worth 16.50: 4.40 moves with them. */
	memset(&o, 0, sizeof o);
	o.kind = OP_TRANSFER;
	o.sku = "TEA-1";
	o.loc = "MAIN";
	o.to = "WH";
	o.qty = 4;
	t->co->role = ROLE_CLERK;
	assert_int_equal(op(t, &o), 0);
	s = snap(t);
	assert_int_equal(s.row[0][0].on_hand, 11);
	assert_int_equal(s.row[0][0].value, 1210);
	assert_int_equal(s.row[0][1].on_hand, 4);
	assert_int_equal(s.row[0][1].value, 440);
	assert_int_equal(s.row[0][0].value + s.row[0][1].value, 1650);
	assert_int_equal(s.inv, before.inv);
	assert_int_equal(s.journal, before.journal);
	assert_int_equal(s.cost[0], before.cost[0]);
	assert_int_equal(s.moves, before.moves + 2);
	assert_int_equal(s.audit, before.audit + 1);

	memset(&ml, 0, sizeof ml);
	assert_int_equal(t_read(t, do_all_moves, &ml), 0);
	assert_int_equal(ml.n, 4);
	assert_int_equal(ml.m[2].kind, MOVE_TRANSFER_OUT);
	assert_int_equal(ml.m[2].qty, -4);
	assert_int_equal(ml.m[2].value, -440);
	assert_string_equal(ml.m[2].ref, "to WH");
	assert_int_equal(ml.m[3].kind, MOVE_TRANSFER_IN);
	assert_int_equal(ml.m[3].qty, 4);
	assert_int_equal(ml.m[3].value, 440);
	assert_string_equal(ml.m[3].ref, "from MAIN");

	/* Refused: short, same place, role, unknown, zero. */
	o.qty = 12;
	refused(t, &o, ORDO_ESHORT, "SKU TEA-1 at MAIN: 11 available, 12 "
	    "wanted");
	o.qty = 1;
	o.to = "MAIN";
	refused(t, &o, ORDO_EINVAL, "to itself");
	o.to = "WH";
	t->co->role = ROLE_PICKER;
	refused(t, &o, ORDO_EPERM, "transferring stock needs a clerk");
	t->co->role = ROLE_CLERK;
	o.to = "NOPE";
	refused(t, &o, ORDO_ENOTFOUND, "unknown location NOPE");
	o.to = "WH";
	o.sku = "NOPE";
	refused(t, &o, ORDO_ENOTFOUND, "unknown SKU NOPE");
	o.sku = "TEA-1";
	o.qty = 0;
	refused(t, &o, ORDO_EINVAL, "quantity");
	/* Reserved goods stay where they are. */
	o.kind = OP_RESERVE;
	o.qty = 10;
	assert_int_equal(op(t, &o), 0);
	o.kind = OP_TRANSFER;
	o.qty = 2;
	refused(t, &o, ORDO_ESHORT, "1 available (11 on hand, 10 reserved)");
	o.kind = OP_RELEASE;
	o.qty = 10;
	assert_int_equal(op(t, &o), 0);

	/* All the rest: the whole remaining value goes, to the cent. */
	o.kind = OP_TRANSFER;
	o.qty = 11;
	assert_int_equal(op(t, &o), 0);
	s = snap(t);
	assert_int_equal(s.row[0][0].on_hand, 0);
	assert_int_equal(s.row[0][0].value, 0);
	assert_int_equal(s.row[0][1].on_hand, 15);
	assert_int_equal(s.row[0][1].value, 1650);
	free(o.cause);
	check_rows(t);
}

static void
test_opening(void **state)
{
	struct tco		*t = *state;
	struct op		 o;
	struct snap		 s;
	struct last_entry	 e;

	memset(&o, 0, sizeof o);
	o.kind = OP_OPENING;
	o.sku = "TEA-1";
	o.loc = "MAIN";
	o.qty = 20;
	o.cost = 50;
	t->co->role = ROLE_MANAGER;
	refused(t, &o, ORDO_EPERM, "entering opening stock needs an admin");
	t->co->role = ROLE_ADMIN;
	assert_int_equal(op(t, &o), 0);
	s = snap(t);
	assert_int_equal(s.row[0][0].on_hand, 20);
	assert_int_equal(s.row[0][0].value, 1000);
	assert_int_equal(s.cost[0], 50);
	assert_int_equal(s.inv, 1000);
	assert_int_equal(s.eq, -1000);
	assert_int_equal(s.pay, 0);
	last_entry(t, &e);
	assert_int_equal(e.kind, ENTRY_OPENING);
	assert_int_equal(posted(&e, acct(t, ACCT_INVENTORY)), 1000);
	assert_int_equal(posted(&e, acct(t, ACCT_EQUITY)), -1000);

	/* Loading it twice is refused; another location is fine. */
	refused(t, &o, ORDO_ESTATE, "already has stock moves");
	o.qty = 0;
	o.loc = "WH";
	refused(t, &o, ORDO_EINVAL, "quantity");
	o.qty = 10;
	o.cost = -1;
	refused(t, &o, ORDO_EINVAL, "unit cost");
	o.cost = 80;
	o.sku = "NOPE";
	refused(t, &o, ORDO_ENOTFOUND, "unknown SKU NOPE");
	o.sku = "TEA-1";
	assert_int_equal(op(t, &o), 0);
	s = snap(t);
	/* 10.00 + 8.00 for 30: 0.60. */
	assert_int_equal(s.cost[0], 60);
	assert_int_equal(s.inv, 1800);
	free(o.cause);
	check_rows(t);
}

struct each {
	int	 n;
	int	 max;
	char	 keys[8][40];
};

static int
each_cb(const struct stock *st, void *arg)
{
	struct each	*e = arg;

	if (e->n < 8)
		snprintf(e->keys[e->n], sizeof e->keys[0], "%s@%s=%lld/%lld",
		    st->sku, st->loc, (long long)st->on_hand,
		    (long long)st->value);
	e->n++;
	return (e->max != 0 && e->n >= e->max);
}

struct each_arg {
	const char	*prefix;
	struct each	*e;
};

static int
do_each(struct db_txn *tx, void *arg, char **cause)
{
	struct each_arg	*a = arg;

	(void)cause;
	return (stock_each(tx, a->prefix, each_cb, a->e));
}

static int
do_row_moves(struct db_txn *tx, void *arg, char **cause)
{
	(void)cause;
	return (stock_moves(tx, "TEA-1", "MAIN", mlist_cb, arg));
}

static void
test_each_and_moves(void **state)
{
	struct tco	*t = *state;
	struct each	 e;
	struct each_arg	 a = { "", &e };
	struct mlist	 ml;
	struct op	 o;

	assert_int_equal(receive(t, "TEA-1", "WH", 2, 100), 0);
	assert_int_equal(receive(t, "TEA-1", "MAIN", 3, 100), 0);
	assert_int_equal(receive(t, "CUP-1", "MAIN", 1, 50), 0);
	assert_int_equal(ship(t, "TEA-1", "MAIN", 1, NULL), 0);
	memset(&o, 0, sizeof o);
	o.kind = OP_TRANSFER;
	o.sku = "TEA-1";
	o.loc = "WH";
	o.to = "MAIN";
	o.qty = 1;
	assert_int_equal(op(t, &o), 0);
	free(o.cause);

	/* Rows in SKU, location order. */
	memset(&e, 0, sizeof e);
	assert_int_equal(t_read(t, do_each, &a), 0);
	assert_int_equal(e.n, 3);
	assert_string_equal(e.keys[0], "CUP-1@MAIN=1/50");
	assert_string_equal(e.keys[1], "TEA-1@MAIN=3/300");
	assert_string_equal(e.keys[2], "TEA-1@WH=1/100");
	memset(&e, 0, sizeof e);
	a.prefix = "TEA";
	assert_int_equal(t_read(t, do_each, &a), 0);
	assert_int_equal(e.n, 2);
	memset(&e, 0, sizeof e);
	a.prefix = "";
	e.max = 1;
	assert_int_equal(t_read(t, do_each, &a), 0);
	assert_int_equal(e.n, 1);

	/* The moves of one row, in order. */
	memset(&ml, 0, sizeof ml);
	assert_int_equal(t_read(t, do_row_moves, &ml), 0);
	assert_int_equal(ml.n, 3);
	assert_int_equal(ml.m[0].id, 2);
	assert_int_equal(ml.m[0].kind, MOVE_RECEIVE);
	assert_int_equal(ml.m[1].id, 4);
	assert_int_equal(ml.m[1].kind, MOVE_SHIP);
	assert_int_equal(ml.m[1].order, 7);
	assert_int_equal(ml.m[1].value, -100);
	assert_int_equal(ml.m[2].id, 6);
	assert_int_equal(ml.m[2].kind, MOVE_TRANSFER_IN);
	/* And all of them. */
	memset(&ml, 0, sizeof ml);
	assert_int_equal(t_read(t, do_all_moves, &ml), 0);
	assert_int_equal(ml.n, 6);
	assert_int_equal(ml.m[5].id, 6);
	check_rows(t);
}

struct low {
	const char	*sku;
	int64_t		 avail;
	int		 rc;
};

static int
do_low(struct db_txn *tx, void *arg, char **cause)
{
	struct low	*l = arg;

	(void)cause;
	l->rc = stock_low(tx, l->sku, &l->avail);
	return (0);
}

static void
test_low(void **state)
{
	struct tco	*t = *state;
	struct low	 l = { "TEA-1", -1, -1 };
	struct op	 o;

	/* Reorder point 5: nothing on hand is low. */
	assert_int_equal(t_read(t, do_low, &l), 0);
	assert_int_equal(l.rc, 1);
	assert_int_equal(l.avail, 0);
	assert_int_equal(receive(t, "TEA-1", "MAIN", 10, 100), 0);
	assert_int_equal(t_read(t, do_low, &l), 0);
	assert_int_equal(l.rc, 0);
	assert_int_equal(l.avail, 10);
	/* Reserving 5 leaves 5 available: at the point, so low. */
	memset(&o, 0, sizeof o);
	o.kind = OP_RESERVE;
	o.sku = "TEA-1";
	o.loc = "MAIN";
	o.qty = 5;
	assert_int_equal(op(t, &o), 0);
	free(o.cause);
	assert_int_equal(t_read(t, do_low, &l), 0);
	assert_int_equal(l.rc, 1);
	assert_int_equal(l.avail, 5);
	/* Another location counts too. */
	assert_int_equal(receive(t, "TEA-1", "WH", 1, 100), 0);
	assert_int_equal(t_read(t, do_low, &l), 0);
	assert_int_equal(l.rc, 0);
	assert_int_equal(l.avail, 6);
	l.sku = "NOPE";
	assert_int_equal(t_read(t, do_low, &l), 0);
	assert_int_equal(l.rc, ORDO_ENOTFOUND);
}

static uint64_t rnd_state = 88172645463325252ULL;

static uint64_t
rnd(uint64_t n)
{
	rnd_state ^= rnd_state << 13;
	rnd_state ^= rnd_state >> 7;
	rnd_state ^= rnd_state << 17;
	return (rnd_state % n);
}

/*
 * Random receipts, counts, transfers, reservations and releases; after
 * each, every row equals the sum of its moves, the inventory account
 * equals the sum of the rows, and the books balance.
 */
static void
test_random_invariants(void **state)
{
	struct tco	*t = *state;
	struct op	 o;
	struct snap	 s;
	int		 i, ok = 0;

	memset(&o, 0, sizeof o);
	for (i = 0; i < 300; i++) {
		o.sku = skus[rnd(2)];
		o.loc = locs[rnd(2)];
		o.ref = "";
		switch (rnd(5)) {
		case 0:
			o.kind = OP_RECEIVE;
			o.qty = 1 + rnd(20);
			o.cost = rnd(1000);
			break;
		case 1:
			o.kind = OP_ADJUST;
			o.qty = rnd(15);
			break;
		case 2:
			o.kind = OP_TRANSFER;
			o.to = locs[rnd(2)];
			o.qty = 1 + rnd(10);
			break;
		case 3:
			o.kind = OP_RESERVE;
			o.qty = 1 + rnd(5);
			break;
		default:
			o.kind = OP_RELEASE;
			o.qty = 1 + rnd(5);
			break;
		}
		if (op(t, &o) == 0)
			ok++;
		else
			assert_true(o.rc == ORDO_ESHORT ||
			    o.rc == ORDO_ESTATE || o.rc == ORDO_EINVAL);
		if (i % 25 == 0)
			check_rows(t);
	}
	assert_true(ok > 100);
	check_rows(t);
	s = snap(t);
	assert_int_equal(s.inv + s.pay + s.wo + s.eq, 0);
	free(o.cause);
}

int
main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_locations),
		T(test_receive),
		T(test_receive_rounding),
		T(test_receive_refused),
		T(test_apply_last_unit),
		T(test_apply_refused),
		T(test_reserve_release),
		T(test_adjust),
		T(test_adjust_uneven),
		T(test_transfer),
		T(test_opening),
		T(test_each_and_moves),
		T(test_low),
		T(test_random_invariants),
	};
#undef T

	setenv("ORDO_NOW", "2026-03-02 09:30:00", 1);
	setenv("ORDO_USER", "tester", 1);
	return (cmocka_run_group_tests(tests, NULL, NULL));
}
