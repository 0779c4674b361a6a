/*
 * stock.c: stock rows, moves, locations and the stock events (receive,
 * stocktake adjustment, transfer, opening stock).  See stock.h.
 *
 * stock_apply() is the only function that changes on-hand or value: it
 * writes the move, its index entry and the row together.  Every check
 * that can refuse an event runs before anything is written, and the
 * caller's db_write aborts the whole transaction on any error, so a
 * refused event leaves no trace.
 *
 * Decisions where the header is silent:
 * - Roles: receive and transfer need a clerk, adjust a manager, opening
 *   stock an admin.  stock_apply, reserve and release check no role:
 *   they are primitives, called by events (orders) that check their own.
 * - Opening stock is refused for a row that already has moves: it is for
 *   the first load, and loading a file twice must not double the stock.
 * - A move must have a quantity (qty != 0), and its value must have the
 *   same sign as its quantity (or be 0).  A move that would leave a row
 *   with no stock but some value, or with a negative value, is refused.
 * - stock_release refuses to release more than is reserved (ORDO_ESTATE)
 *   rather than clamping, so that a caller's bookkeeping error shows.
 * - A stocktake gain is valued at the row's average cost, or at the
 *   item's moving-average cost when the row is empty.  A count that
 *   matches writes no move and no entry, only an audit record.
 * - Receive, adjust and opening set the item's cost to the moving
 *   average: total value / total on hand over all locations, rounded
 *   half away from zero.  A transfer leaves both totals as they were.
 * - An event whose value is 0 (goods at cost 0) posts no journal entry:
 *   an entry needs two non-zero postings.
 * - stock_apply fills in m->id, m->time and (for outgoing moves without
 *   a value) m->value; the user is taken from the transaction and stored
 *   in the move record, m->user is not touched.
 *
 * Records: TB_STOCK v1 {i64 on_hand, i64 reserved, i64 value}; TB_MOVES
 * key u64 id (sequence "move") -> v1 {str sku, str loc, u8 kind, i64 qty,
 * i64 value, u64 order, str ref, str user, i64 time}; TB_LOCATIONS v1
 * {str name, u8 backorder}.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ordo/audit.h"
#include "ordo/codec.h"
#include "ordo/company.h"
#include "ordo/config.h"
#include "ordo/core.h"
#include "ordo/error.h"
#include "ordo/item.h"
#include "ordo/ledger.h"
#include "ordo/money.h"
#include "ordo/outbox.h"
#include "ordo/stock.h"
#include "ordo/text.h"
#include "ordo/xmalloc.h"

#define STOCK_LOC_MAX	32
#define STOCK_REF_MAX	200

static const char *move_kind_names[] = {
#define X(id, name) name,
	MOVE_KINDS
#undef X
};

static int	 stock_loc_valid(const char *);
static void	 stock_key(struct buf *, const char *, const char *);
static int	 stock_read(struct db_txn *, const char *, const char *,
		    struct stock *);
static int	 stock_write(struct db_txn *, const struct stock *);
static int	 stock_decode(const MDB_val *, struct stock *);
static int	 stock_beyond(struct db_txn *, const struct stock *,
		    const struct move *, int64_t *, char **);
static int	 stock_check(struct db_txn *, const char *, const char *,
		    char **);
static int	 stock_qty_check(const char *, int64_t, char **);
static int	 stock_hold(struct db_txn *, const char *, const char *,
		    int64_t, int, char **);
static int	 move_decode(uint64_t, const MDB_val *, struct move *);
static int	 move_read(struct db_txn *, uint64_t, struct move *);
static int	 stock_totals(struct db_txn *, const char *, int64_t *,
		    int64_t *, int64_t *);
static int	 stock_recost(struct db_txn *, const char *);
static int	 stock_muldiv(int64_t, int64_t, int64_t, int64_t *);
static int	 stock_post(struct db_txn *, enum entry_kind,
		    enum account_role, enum account_role, int64_t, uint64_t,
		    const char *, char **);
static int	 stock_has_moves(struct db_txn *, const char *, const char *,
		    int *);
static int	 stock_in(struct db_txn *, enum move_kind, const char *,
		    const char *, int64_t, int64_t, const char *, uint64_t *,
		    char **);

const char *
move_kind_name(enum move_kind k)
{
	if ((unsigned)k >= MOVE_NKINDS)
		return ("?");
	return (move_kind_names[k]);
}

/* A location code that could be a key: 1..32 printable ASCII bytes. */
static int
stock_loc_valid(const char *loc)
{
	const unsigned char	*p;
	size_t			 len;

	if (loc == NULL || (len = strlen(loc)) == 0 || len > STOCK_LOC_MAX)
		return (0);
	for (p = (const unsigned char *)loc; *p != '\0'; p++)
		if (!isascii(*p) || !isgraph(*p))
			return (0);
	return (1);
}

static void
stock_key(struct buf *k, const char *sku, const char *loc)
{
	buf_reset(k);
	key_str(k, sku);
	key_strn(k, loc);
}

int
stock_sync_locations(struct db_txn *tx, char **cause)
{
	const struct config_location	*l;
	struct buf			 v;
	MDB_val				 old;
	size_t				 i;
	int				 rc = 0;

	if (tx->co->cfg == NULL)
		return (cause_set(cause, ORDO_ECONFIG, "no configuration"));
	buf_init(&v);
	for (i = 0; i < tx->co->cfg->nlocations; i++) {
		l = &tx->co->cfg->locations[i];
		if (!stock_loc_valid(l->code)) {
			rc = cause_set(cause, ORDO_ECONFIG, "location \"%s\": "
			    "not a valid code (1 to %d characters, no "
			    "spaces)", l->code != NULL ? l->code : "",
			    STOCK_LOC_MAX);
			break;
		}
		buf_reset(&v);
		enc_u8(&v, 1);
		enc_str(&v, l->name != NULL ? l->name : l->code);
		enc_u8(&v, l->backorder != 0);
		rc = db_get(tx, TB_LOCATIONS, l->code, strlen(l->code), &old);
		if (rc == 0 && old.mv_size == v.len &&
		    memcmp(old.mv_data, v.d, v.len) == 0)
			continue;
		if (rc != 0 && rc != MDB_NOTFOUND)
			break;
		if ((rc = db_put(tx, TB_LOCATIONS, l->code, strlen(l->code),
		    v.d, v.len, 0)) != 0)
			break;
	}
	buf_free(&v);
	if (rc != 0 && cause != NULL && *cause == NULL)
		cause_set(cause, rc, "locations: %s", ordo_strerror(rc));
	return (rc);
}

int
stock_location_exists(struct db_txn *tx, const char *loc)
{
	MDB_val	 v;

	if (!stock_loc_valid(loc))
		return (0);
	return (db_get(tx, TB_LOCATIONS, loc, strlen(loc), &v) == 0);
}

int
stock_backorder_allowed(struct db_txn *tx, const char *sku, const char *loc)
{
	struct item	 it;
	struct rd	 r;
	MDB_val		 v;
	int		 allowed = 0;

	if (item_get(tx, sku, &it, NULL) == 0) {
		allowed = it.backorder;
		item_free(&it);
	}
	if (!allowed && stock_loc_valid(loc) &&
	    db_get(tx, TB_LOCATIONS, loc, strlen(loc), &v) == 0) {
		rd_init(&r, v.mv_data, v.mv_size);
		if (dec_u8(&r) == 1) {
			free(dec_str(&r));
			allowed = dec_u8(&r) != 0 && rd_ok(&r);
		}
	}
	return (allowed);
}

/* Read a row into st (sku and loc not set); a missing row is zeros. */
static int
stock_read(struct db_txn *tx, const char *sku, const char *loc,
    struct stock *st)
{
	struct buf	 k;
	MDB_val		 v;
	int		 rc;

	st->on_hand = st->reserved = st->value = 0;
	st->count_due = 0;
	if (sku == NULL || loc == NULL ||
	    strlen(sku) + strlen(loc) + 1 > DB_MAXKEY)
		return (0);
	buf_init(&k);
	stock_key(&k, sku, loc);
	rc = db_getb(tx, TB_STOCK, &k, &v);
	buf_free(&k);
	if (rc == MDB_NOTFOUND)
		return (0);
	if (rc != 0)
		return (rc);
	if (stock_decode(&v, st) != 0 || st->reserved < 0 ||
	    (st->on_hand < 0 && !st->count_due)) {
		st->on_hand = st->reserved = st->value = 0;
		st->count_due = 0;
		return (ORDO_ECORRUPT);
	}
	return (0);
}

/*
 * A row's record: v1 {i64 on_hand, i64 reserved, i64 value}, or v2, the
 * same and u8 flags (1: a count is due), written only for a flagged row.
 */
static int
stock_decode(const MDB_val *v, struct stock *st)
{
	struct rd	 r;
	int		 ver;

	rd_init(&r, v->mv_data, v->mv_size);
	ver = dec_u8(&r);
	if (ver != 1 && ver != 2)
		r.err = 1;
	st->on_hand = dec_i64(&r);
	st->reserved = dec_i64(&r);
	st->value = dec_i64(&r);
	st->count_due = ver == 2 ? (dec_u8(&r) & 1) : 0;
	return (rd_ok(&r) ? 0 : ORDO_ECORRUPT);
}

static int
stock_write(struct db_txn *tx, const struct stock *st)
{
	struct buf	 k, v;
	int		 rc;

	buf_init(&k);
	buf_init(&v);
	stock_key(&k, st->sku, st->loc);
	enc_u8(&v, st->count_due ? 2 : 1);
	enc_i64(&v, st->on_hand);
	enc_i64(&v, st->reserved);
	enc_i64(&v, st->value);
	if (st->count_due)
		enc_u8(&v, 1);
	rc = db_putb(tx, TB_STOCK, &k, &v, 0);
	buf_free(&k);
	buf_free(&v);
	return (rc);
}

int
stock_get(struct db_txn *tx, const char *sku, const char *loc,
    struct stock *st)
{
	st->sku = xstrdup(sku != NULL ? sku : "");
	st->loc = xstrdup(loc != NULL ? loc : "");
	return (stock_read(tx, sku, loc, st));
}

void
stock_free(struct stock *st)
{
	if (st == NULL)
		return;
	free(st->sku);
	free(st->loc);
	st->sku = st->loc = NULL;
}

int64_t
stock_available(const struct stock *st)
{
	return (st->on_hand - st->reserved);
}

/* The SKU and the location must both exist. */
static int
stock_check(struct db_txn *tx, const char *sku, const char *loc,
    char **cause)
{
	MDB_val	 v;
	size_t	 len;
	int	 rc;

	if (sku == NULL || (len = strlen(sku)) == 0 || len > ITEM_SKU_MAX)
		rc = MDB_NOTFOUND;
	else
		rc = db_get(tx, TB_ITEMS, sku, len, &v);
	if (rc == MDB_NOTFOUND)
		return (cause_set(cause, ORDO_ENOTFOUND, "unknown SKU %.*s",
		    ITEM_SKU_MAX, sku != NULL ? sku : ""));
	if (rc != 0)
		return (cause_set(cause, rc, "SKU %s: %s", sku,
		    ordo_strerror(rc)));
	if (!stock_location_exists(tx, loc))
		return (cause_set(cause, ORDO_ENOTFOUND,
		    "unknown location %.*s", STOCK_LOC_MAX,
		    loc != NULL ? loc : ""));
	return (0);
}

static int
stock_qty_check(const char *what, int64_t qty, char **cause)
{
	if (qty <= 0)
		return (cause_set(cause, ORDO_EINVAL, "%s: must be more than 0 "
		    "(not %lld)", what, (long long)qty));
	return (0);
}

/* *out = a * b / c rounded half away from zero; ORDO_ERANGE if too big. */
static int
stock_muldiv(int64_t a, int64_t b, int64_t c, int64_t *out)
{
	__int128	 n;

	if (c == 0)
		return (ORDO_ERANGE);
	n = (__int128)a * b / c;
	if (n > INT64_MAX - 1 || n < INT64_MIN + 1)
		return (ORDO_ERANGE);
	*out = muldiv_round(a, b, c);
	return (0);
}

/*
 * The value of goods leaving beyond what the row holds: at the row's
 * average cost (value / on hand, on either side of zero), or the item's
 * cost when the row is empty, so the cost of goods sold is whole and the
 * row owes the value of what it owes until it is counted.
 */
static int
stock_beyond(struct db_txn *tx, const struct stock *st, const struct move *m,
    int64_t *value, char **cause)
{
	struct item	 it;
	int64_t		 out;
	int		 rc;

	if (st->on_hand != 0)
		rc = stock_muldiv(st->value, -m->qty, st->on_hand, &out);
	else if ((rc = item_get(tx, m->sku, &it, cause)) == 0) {
		rc = mul_i64(it.cost, -m->qty, &out);
		item_free(&it);
	}
	if (rc != 0)
		return (cause_set(cause, ORDO_ERANGE, "SKU %s at %s: %lld "
		    "leaving is too large to value", m->sku, m->loc,
		    (long long)-m->qty));
	*value = out < 0 ? 0 : -out;
	return (0);
}

int
stock_apply(struct db_txn *tx, struct move *m, char **cause)
{
	struct stock	 st;
	struct buf	 k, v;
	int64_t		 on_hand, value;
	uint64_t	 id;
	int		 rc;

	if ((rc = stock_check(tx, m->sku, m->loc, cause)) != 0)
		return (rc);
	if ((unsigned)m->kind >= MOVE_NKINDS)
		return (cause_set(cause, ORDO_EINVAL, "move kind %d is unknown",
		    (int)m->kind));
	if (m->qty == 0)
		return (cause_set(cause, ORDO_EINVAL, "SKU %s at %s: a move "
		    "needs a quantity", m->sku, m->loc));
	if ((rc = text_check("reference", m->ref, STOCK_REF_MAX, 0,
	    cause)) != 0)
		return (rc);
	if ((rc = stock_read(tx, m->sku, m->loc, &st)) != 0)
		return (cause_set(cause, rc, "stock of %s at %s: %s", m->sku,
		    m->loc, ordo_strerror(rc)));
	/* (A count of a row below zero pays back what it owes first.) */
	if (((m->qty > 0 && m->value < 0) || (m->qty < 0 && m->value > 0)) &&
	    !(m->kind == MOVE_ADJUST && st.on_hand < 0))
		return (cause_set(cause, ORDO_EINVAL, "SKU %s at %s: a move of "
		    "%lld cannot change the value by %lld", m->sku, m->loc,
		    (long long)m->qty, (long long)m->value));
	/* A stocktake is the count that was due. */
	if (m->kind == MOVE_ADJUST)
		st.count_due = 0;

	if (add_i64(st.on_hand, m->qty, &on_hand) != 0)
		return (cause_set(cause, ORDO_ERANGE, "SKU %s at %s: quantity "
		    "out of range", m->sku, m->loc));
	/*
	 * Goods a marketplace has already sent (m->beyond) leave whatever
	 * the books say: the row may go below what is reserved, or below
	 * zero, and is flagged for a count.  Goods coming in never wait.
	 */
	if (m->beyond && on_hand < st.reserved) {
		st.count_due = 1;
		if (m->value == 0 && (rc = stock_beyond(tx, &st, m, &m->value,
		    cause)) != 0)
			return (rc);
	} else if (m->qty > 0 || on_hand >= st.reserved)
		;
	/* Below zero is below reserved too: reserved is never negative. */
	else if (on_hand < st.reserved && st.reserved == 0)
		return (cause_set(cause, ORDO_ESHORT, "SKU %s at %s: %lld "
		    "available, %lld wanted", m->sku, m->loc,
		    (long long)st.on_hand, (long long)-m->qty));
	else
		return (cause_set(cause, ORDO_ESHORT, "SKU %s at %s: %lld "
		    "available (%lld on hand, %lld reserved), %lld wanted",
		    m->sku, m->loc, (long long)stock_available(&st),
		    (long long)st.on_hand, (long long)st.reserved,
		    (long long)-m->qty));
	/*
	 * Goods leave at the row's average cost; the last unit takes the
	 * rest.
	 */
	if (m->qty < 0 && m->value == 0 && st.on_hand > 0)
		m->value = -muldiv_round(st.value, -m->qty, st.on_hand);
	if (add_i64(st.value, m->value, &value) != 0)
		return (cause_set(cause, ORDO_ERANGE, "SKU %s at %s: value out "
		    "of range", m->sku, m->loc));
	/* Below zero (a count is due) the value may be anything. */
	if ((on_hand >= 0 && value < 0) || (on_hand == 0 && value != 0))
		return (cause_set(cause, ORDO_EINVAL, "SKU %s at %s: a move of "
		    "%lld valued %lld would leave %lld on hand worth %lld",
		    m->sku, m->loc, (long long)m->qty, (long long)m->value,
		    (long long)on_hand, (long long)value));

	if ((rc = db_seq_next(tx, "move", &id)) != 0)
		return (rc);
	m->id = id;
	m->time = tx->now;
	buf_init(&k);
	buf_init(&v);
	key_u64(&k, id);
	enc_u8(&v, 1);
	enc_str(&v, m->sku);
	enc_str(&v, m->loc);
	enc_u8(&v, (uint8_t)m->kind);
	enc_i64(&v, m->qty);
	enc_i64(&v, m->value);
	enc_u64(&v, m->order);
	enc_str(&v, m->ref);
	enc_str(&v, tx->co->user);
	enc_i64(&v, m->time);
	rc = db_putb(tx, TB_MOVES, &k, &v, MDB_NOOVERWRITE);
	if (rc == 0) {
		stock_key(&k, m->sku, m->loc);
		key_u8(&k, 0);
		key_u64(&k, id);
		rc = db_put(tx, TB_MOVE_BY_STOCK, k.d, k.len, "", 0, 0);
	}
	buf_free(&k);
	buf_free(&v);
	if (rc == MDB_KEYEXIST)
		rc = ORDO_ECORRUPT;	/* The sequence went backwards. */
	if (rc != 0)
		return (cause_set(cause, rc, "move of %s at %s: %s", m->sku,
		    m->loc, ordo_strerror(rc)));
	st.sku = m->sku;
	st.loc = m->loc;
	st.on_hand = on_hand;
	st.value = value;
	rc = stock_write(tx, &st);
	/* A count below the books may take it to its reorder point. */
	return (rc != 0 ? rc : outbox_stock(tx, m->sku,
	    m->kind == MOVE_ADJUST ? -m->qty : 0));
}

/* Reserve (qty > 0) or release (qty < 0) at one row. */
static int
stock_hold(struct db_txn *tx, const char *sku, const char *loc, int64_t qty,
    int checked, char **cause)
{
	struct stock	 st;
	int		 rc;

	if (!checked && (rc = stock_check(tx, sku, loc, cause)) != 0)
		return (rc);
	if ((rc = stock_read(tx, sku, loc, &st)) != 0)
		return (cause_set(cause, rc, "stock of %s at %s: %s", sku, loc,
		    ordo_strerror(rc)));
	if (qty > 0 && stock_available(&st) < qty)
		return (cause_set(cause, ORDO_ESHORT, "SKU %s at %s: %lld "
		    "available, %lld wanted", sku, loc,
		    (long long)stock_available(&st), (long long)qty));
	if (qty < 0 && st.reserved < -qty)
		return (cause_set(cause, ORDO_ESTATE, "SKU %s at %s: %lld "
		    "reserved, cannot release %lld", sku, loc,
		    (long long)st.reserved, (long long)-qty));
	st.reserved += qty;
	st.sku = (char *)sku;
	st.loc = (char *)loc;
	rc = stock_write(tx, &st);
	return (rc != 0 ? rc : outbox_stock(tx, sku, qty));
}

int
stock_reserve(struct db_txn *tx, const char *sku, const char *loc,
    int64_t qty, char **cause)
{
	int	 rc;

	if ((rc = stock_qty_check("quantity to reserve", qty, cause)) != 0)
		return (rc);
	return (stock_hold(tx, sku, loc, qty, 0, cause));
}

int
stock_reserve_known(struct db_txn *tx, const char *sku, const char *loc,
    int64_t qty, char **cause)
{
	int	 rc;

	if ((rc = stock_qty_check("quantity to reserve", qty, cause)) != 0)
		return (rc);
	return (stock_hold(tx, sku, loc, qty, 1, cause));
}

int
stock_release(struct db_txn *tx, const char *sku, const char *loc,
    int64_t qty, char **cause)
{
	int	 rc;

	if ((rc = stock_qty_check("quantity to release", qty, cause)) != 0)
		return (rc);
	return (stock_hold(tx, sku, loc, -qty, 0, cause));
}

/* Sum on-hand, value and available of a SKU over all locations. */
static int
stock_totals(struct db_txn *tx, const char *sku, int64_t *on_hand,
    int64_t *value, int64_t *avail)
{
	struct db_iter	 it;
	struct buf	 k;
	struct rd	 r;
	int64_t		 oh, res, val, to = 0, tv = 0, ta = 0;
	int		 rc;

	buf_init(&k);
	key_str(&k, sku);
	rc = db_iter_open(tx, TB_STOCK, k.d, k.len, &it);
	buf_free(&k);
	if (rc != 0)
		return (rc);
	while ((rc = db_iter_next(&it)) == 0) {
		rd_init(&r, it.val.mv_data, it.val.mv_size);
		if (dec_u8(&r) != 1)
			r.err = 1;
		oh = dec_i64(&r);
		res = dec_i64(&r);
		val = dec_i64(&r);
		if (!rd_ok(&r)) {
			rc = ORDO_ECORRUPT;
			break;
		}
		if (add_i64(to, oh, &to) != 0 || add_i64(tv, val, &tv) != 0 ||
		    add_i64(ta, oh - res, &ta) != 0) {
			rc = ORDO_ERANGE;
			break;
		}
	}
	db_iter_close(&it);
	if (rc != MDB_NOTFOUND)
		return (rc);
	if (on_hand != NULL)
		*on_hand = to;
	if (value != NULL)
		*value = tv;
	if (avail != NULL)
		*avail = ta;
	return (0);
}

/* Set the item's cost to total value / total on hand, if any on hand. */
static int
stock_recost(struct db_txn *tx, const char *sku)
{
	int64_t	 on_hand, value;
	int	 rc;

	if ((rc = stock_totals(tx, sku, &on_hand, &value, NULL)) != 0)
		return (rc);
	if (on_hand <= 0)
		return (0);
	return (item_set_cost(tx, sku, muldiv_round(value, 1, on_hand)));
}

/* Post Dr "dr" / Cr "cr" for amount (nothing for 0). */
static int
stock_post(struct db_txn *tx, enum entry_kind kind, enum account_role dr,
    enum account_role cr, int64_t amount, uint64_t doc, const char *memo,
    char **cause)
{
	struct entry	 e;
	int		 rc;

	if (amount == 0)
		return (0);
	entry_init(&e, kind, memo);
	e.doc = doc;
	entry_add_role(&e, tx->co->cfg, dr, amount, "");
	entry_add_role(&e, tx->co->cfg, cr, -amount, "");
	rc = ledger_post(tx, &e, cause);
	entry_free(&e);
	return (rc);
}

/* *has = 1 if the row (sku, loc) has at least one move. */
static int
stock_has_moves(struct db_txn *tx, const char *sku, const char *loc,
    int *has)
{
	struct db_iter	 it;
	struct buf	 k;
	int		 rc;

	buf_init(&k);
	stock_key(&k, sku, loc);
	key_u8(&k, 0);
	rc = db_iter_open(tx, TB_MOVE_BY_STOCK, k.d, k.len, &it);
	buf_free(&k);
	if (rc != 0)
		return (rc);
	rc = db_iter_next(&it);
	db_iter_close(&it);
	*has = rc == 0;
	return (rc == MDB_NOTFOUND ? 0 : rc);
}

/* Goods in at a unit cost: receive or opening stock. */
static int
stock_in(struct db_txn *tx, enum move_kind kind, const char *sku,
    const char *loc, int64_t qty, int64_t unit_cost, const char *ref,
    uint64_t *moveid, char **cause)
{
	struct move	 m;
	int64_t		 value;
	char		*memo, *obj, c[MONEY_BUFSZ], v[MONEY_BUFSZ];
	int		 rc, has;

	if ((rc = stock_check(tx, sku, loc, cause)) != 0 ||
	    (rc = stock_qty_check("quantity", qty, cause)) != 0)
		return (rc);
	if (unit_cost < 0)
		return (cause_set(cause, ORDO_EINVAL, "unit cost: must not be "
		    "negative"));
	if (mul_i64(qty, unit_cost, &value) != 0)
		return (cause_set(cause, ORDO_ERANGE, "SKU %s: %lld at unit "
		    "cost %s is too large a value", sku, (long long)qty,
		    core_money(tx, c, sizeof c, unit_cost)));
	if ((rc = text_check("reference", ref, STOCK_REF_MAX, 0,
	    cause)) != 0)
		return (rc);
	if (tx->co->cfg == NULL)
		return (cause_set(cause, ORDO_ECONFIG, "no configuration"));
	if (kind == MOVE_OPENING) {
		if ((rc = stock_has_moves(tx, sku, loc, &has)) != 0)
			return (rc);
		if (has)
			return (cause_set(cause, ORDO_ESTATE, "SKU %s at %s "
			    "already has stock moves; opening stock is for a "
			    "first load only (receive or adjust instead)", sku,
			    loc));
	}

	memset(&m, 0, sizeof m);
	m.sku = (char *)sku;
	m.loc = (char *)loc;
	m.kind = kind;
	m.qty = qty;
	m.value = value;
	m.ref = (char *)(ref != NULL ? ref : "");
	if ((rc = stock_apply(tx, &m, cause)) != 0)
		return (rc);
	if ((rc = stock_recost(tx, sku)) != 0)
		return (cause_set(cause, rc, "SKU %s: cost: %s", sku,
		    ordo_strerror(rc)));

	core_money(tx, c, sizeof c, unit_cost);
	core_money(tx, v, sizeof v, value);
	if (kind == MOVE_OPENING) {
		xasprintf(&memo, "opening stock %lld %s at %s", (long long)qty,
		    sku, loc);
		rc = stock_post(tx, ENTRY_OPENING, ACCT_INVENTORY, ACCT_EQUITY,
		    value, m.id, memo, cause);
	} else {
		xasprintf(&memo, "received %lld %s at %s%s%s", (long long)qty,
		    sku, loc, *m.ref != '\0' ? ", " : "", m.ref);
		rc = stock_post(tx, ENTRY_RECEIPT, ACCT_INVENTORY,
		    ACCT_PAYABLE, value, m.id, memo, cause);
	}
	free(memo);
	if (rc != 0)
		return (rc);
	xasprintf(&obj, "item %s", sku);
	rc = audit_log(tx, kind == MOVE_OPENING ? "stock.opening" :
	    "stock.receive", obj, "%lld at %s, unit cost %s, value %s%s%s; "
	    "move %llu", (long long)qty, loc, c, v, *m.ref != '\0' ?
	    ", ref " : "", m.ref, (unsigned long long)m.id);
	free(obj);
	if (rc == 0 && moveid != NULL)
		*moveid = m.id;
	return (rc);
}

int
stock_receive(struct db_txn *tx, const char *sku, const char *loc,
    int64_t qty, int64_t unit_cost, const char *ref, uint64_t *moveid,
    char **cause)
{
	int	 rc;

	if (moveid != NULL)
		*moveid = 0;
	if ((rc = core_require(tx, ROLE_CLERK, "receiving stock",
	    cause)) != 0)
		return (rc);
	return (stock_in(tx, MOVE_RECEIVE, sku, loc, qty, unit_cost, ref,
	    moveid, cause));
}

int
stock_opening(struct db_txn *tx, const char *sku, const char *loc,
    int64_t qty, int64_t unit_cost, char **cause)
{
	int	 rc;

	if ((rc = core_require(tx, ROLE_ADMIN, "entering opening stock",
	    cause)) != 0)
		return (rc);
	return (stock_in(tx, MOVE_OPENING, sku, loc, qty, unit_cost, "",
	    NULL, cause));
}

int
stock_adjust(struct db_txn *tx, const char *sku, const char *loc,
    int64_t counted, const char *reason, uint64_t *moveid, char **cause)
{
	struct stock	 st;
	struct item	 it;
	struct move	 m;
	int64_t		 diff;
	char		*memo, *obj, v[MONEY_BUFSZ];
	int		 rc;

	if (moveid != NULL)
		*moveid = 0;
	if ((rc = core_require(tx, ROLE_MANAGER, "adjusting stock",
	    cause)) != 0)
		return (rc);
	if ((rc = stock_check(tx, sku, loc, cause)) != 0)
		return (rc);
	if (counted < 0)
		return (cause_set(cause, ORDO_EINVAL, "counted quantity: must "
		    "not be negative (not %lld)", (long long)counted));
	if ((rc = text_check("reason", reason, STOCK_REF_MAX, 0,
	    cause)) != 0)
		return (rc);
	if (tx->co->cfg == NULL)
		return (cause_set(cause, ORDO_ECONFIG, "no configuration"));
	if ((rc = stock_read(tx, sku, loc, &st)) != 0)
		return (cause_set(cause, rc, "stock of %s at %s: %s", sku, loc,
		    ordo_strerror(rc)));
	if (counted < st.reserved)
		return (cause_set(cause, ORDO_ESHORT, "SKU %s at %s: counted "
		    "%lld, but %lld are reserved for orders; release or ship "
		    "them first", sku, loc, (long long)counted,
		    (long long)st.reserved));
	xasprintf(&obj, "item %s", sku);
	if ((diff = counted - st.on_hand) == 0) {
		st.sku = (char *)sku;
		st.loc = (char *)loc;
		rc = 0;
		if (st.count_due) {
			st.count_due = 0;
			rc = stock_write(tx, &st);
		}
		if (rc == 0)
				rc = audit_log(tx, "stock.adjust", obj, "counted %lld "
			    "at %s, as recorded; no change%s%s",
			    (long long)counted, loc, reason != NULL &&
			    *reason != '\0' ? "; " : "", reason != NULL ?
			    reason : "");
		free(obj);
		return (rc);
	}

	memset(&m, 0, sizeof m);
	m.sku = (char *)sku;
	m.loc = (char *)loc;
	m.kind = MOVE_ADJUST;
	m.qty = diff;
	m.ref = (char *)(reason != NULL ? reason : "");
	if (diff > 0) {
		/*
		 * A gain is valued at the average cost.  A row below zero
		 * (goods shipped beyond the books) first pays back what it
		 * owes, then takes what was counted at the item's cost.
		 */
		if (st.on_hand < 0 && (rc = item_get(tx, sku, &it,
		    cause)) == 0) {
			if ((rc = mul_i64(it.cost, counted, &m.value)) == 0 &&
			    add_i64(m.value, -st.value, &m.value) != 0)
				rc = ORDO_ERANGE;
			item_free(&it);
		} else if (st.on_hand < 0)
			;
		else if (st.on_hand > 0)
			rc = stock_muldiv(st.value, diff, st.on_hand, &m.value);
		else if ((rc = item_get(tx, sku, &it, cause)) == 0) {
			rc = mul_i64(it.cost, diff, &m.value);
			item_free(&it);
		}
		if (rc != 0) {
			free(obj);
			return (cause_set(cause, rc, "SKU %s at %s: the gain "
			    "of %lld is too large to value", sku, loc,
			    (long long)diff));
		}
	}
	if ((rc = stock_apply(tx, &m, cause)) != 0 ||
	    (rc = stock_recost(tx, sku)) != 0) {
		free(obj);
		return (rc);
	}

	xasprintf(&memo, "stocktake %s at %s: counted %lld, recorded %lld%s%s",
	    sku, loc, (long long)counted, (long long)st.on_hand,
	    *m.ref != '\0' ? "; " : "", m.ref);
	if (diff < 0)
		rc = stock_post(tx, ENTRY_ADJUST, ACCT_WRITEOFF, ACCT_INVENTORY,
		    -m.value, m.id, memo, cause);
	else
		rc = stock_post(tx, ENTRY_ADJUST, ACCT_INVENTORY, ACCT_WRITEOFF,
		    m.value, m.id, memo, cause);
	free(memo);
	if (rc == 0)
		rc = audit_log(tx, "stock.adjust", obj, "counted %lld at %s, "
		    "recorded %lld: %+lld, value %s%s%s; move %llu",
		    (long long)counted, loc, (long long)st.on_hand,
		    (long long)diff, core_money(tx, v, sizeof v, m.value),
		    *m.ref != '\0' ? "; " : "", m.ref,
		    (unsigned long long)m.id);
	free(obj);
	if (rc == 0 && moveid != NULL)
		*moveid = m.id;
	return (rc);
}

int
stock_transfer(struct db_txn *tx, const char *sku, const char *from,
    const char *to, int64_t qty, char **cause)
{
	struct move	 out, in;
	char		*ref_out, *ref_in, *obj, v[MONEY_BUFSZ];
	int		 rc;

	if ((rc = core_require(tx, ROLE_CLERK, "transferring stock",
	    cause)) != 0)
		return (rc);
	if ((rc = stock_check(tx, sku, from, cause)) != 0 ||
	    (rc = stock_check(tx, sku, to, cause)) != 0 ||
	    (rc = stock_qty_check("quantity", qty, cause)) != 0)
		return (rc);
	if (strcmp(from, to) == 0)
		return (cause_set(cause, ORDO_EINVAL, "SKU %s: cannot transfer "
		    "from %s to itself", sku, from));

	xasprintf(&ref_out, "to %s", to);
	xasprintf(&ref_in, "from %s", from);
	memset(&out, 0, sizeof out);
	out.sku = (char *)sku;
	out.loc = (char *)from;
	out.kind = MOVE_TRANSFER_OUT;
	out.qty = -qty;
	out.ref = ref_out;
	memset(&in, 0, sizeof in);
	in.sku = (char *)sku;
	in.loc = (char *)to;
	in.kind = MOVE_TRANSFER_IN;
	in.qty = qty;
	in.ref = ref_in;
	if ((rc = stock_apply(tx, &out, cause)) == 0) {
		in.value = -out.value;
		rc = stock_apply(tx, &in, cause);
	}
	free(ref_out);
	free(ref_in);
	if (rc != 0)
		return (rc);
	xasprintf(&obj, "item %s", sku);
	rc = audit_log(tx, "stock.transfer", obj, "%lld from %s to %s, value "
	    "%s; moves %llu and %llu", (long long)qty, from, to,
	    core_money(tx, v, sizeof v, in.value), (unsigned long long)out.id,
	    (unsigned long long)in.id);
	free(obj);
	return (rc);
}

/*
 * Visit stock rows whose SKU starts with prefix.  Returns 0 at the end
 * or when fn stops; ORDO_ECORRUPT for a bad row.
 */
int
stock_each(struct db_txn *tx, const char *prefix,
    int (*fn)(const struct stock *, void *), void *arg)
{
	struct db_iter	 it;
	struct stock	 st;
	const char	*k, *nul;
	size_t		 plen;
	int		 rc;

	plen = prefix != NULL ? strlen(prefix) : 0;
	if (plen > DB_MAXKEY)
		return (0);
	if ((rc = db_iter_open(tx, TB_STOCK, prefix, plen, &it)) != 0)
		return (rc);
	while ((rc = db_iter_next(&it)) == 0) {
		k = it.key.mv_data;
		if ((nul = memchr(k, '\0', it.key.mv_size)) == NULL) {
			rc = ORDO_ECORRUPT;
			break;
		}
		if (stock_decode(&it.val, &st) != 0) {
			rc = ORDO_ECORRUPT;
			break;
		}
		st.sku = xstrndup(k, nul - k);
		st.loc = xstrndup(nul + 1, it.key.mv_size - (nul + 1 - k));
		rc = fn(&st, arg);
		stock_free(&st);
		if (rc != 0)
			break;
	}
	db_iter_close(&it);
	return (db_walk_rc(rc));
}

static int
move_decode(uint64_t id, const MDB_val *val, struct move *m)
{
	struct rd	 r;
	uint8_t		 kind;

	memset(m, 0, sizeof *m);
	m->id = id;
	rd_init(&r, val->mv_data, val->mv_size);
	if (dec_u8(&r) != 1)
		r.err = 1;
	m->sku = dec_str(&r);
	m->loc = dec_str(&r);
	kind = dec_u8(&r);
	m->kind = kind;
	m->qty = dec_i64(&r);
	m->value = dec_i64(&r);
	m->order = dec_u64(&r);
	m->ref = dec_str(&r);
	m->user = dec_str(&r);
	m->time = dec_i64(&r);
	if (!rd_ok(&r) || kind >= MOVE_NKINDS) {
		move_free(m);
		return (ORDO_ECORRUPT);
	}
	return (0);
}

static int
move_read(struct db_txn *tx, uint64_t id, struct move *m)
{
	struct buf	 k;
	MDB_val		 v;
	int		 rc;

	memset(m, 0, sizeof *m);
	buf_init(&k);
	key_u64(&k, id);
	rc = db_getb(tx, TB_MOVES, &k, &v);
	buf_free(&k);
	if (rc == MDB_NOTFOUND)
		return (ORDO_ECORRUPT);	/* An index entry, no move. */
	if (rc != 0)
		return (rc);
	return (move_decode(id, &v, m));
}

/* Returns 0 at the end or when fn stops; ORDO_ECORRUPT for a bad move. */
int
stock_moves(struct db_txn *tx, const char *sku, const char *loc,
    int (*fn)(const struct move *, void *), void *arg)
{
	struct db_iter	 it;
	struct buf	 k;
	struct move	 m;
	int		 rc;

	if (sku == NULL || loc == NULL ||
	    strlen(sku) + strlen(loc) + 2 > DB_MAXKEY)
		return (0);
	buf_init(&k);
	stock_key(&k, sku, loc);
	key_u8(&k, 0);
	rc = db_iter_open(tx, TB_MOVE_BY_STOCK, k.d, k.len, &it);
	if (rc != 0) {
		buf_free(&k);
		return (rc);
	}
	while ((rc = db_iter_next(&it)) == 0) {
		if (it.key.mv_size != k.len + 8) {
			rc = ORDO_ECORRUPT;
			break;
		}
		if ((rc = move_read(tx, key_get_u64((const uint8_t *)
		    it.key.mv_data + k.len), &m)) != 0)
			break;
		rc = fn(&m, arg);
		move_free(&m);
		if (rc != 0)
			break;
	}
	db_iter_close(&it);
	buf_free(&k);
	return (db_walk_rc(rc));
}

struct due_walk {
	int	(*fn)(const struct stock *, void *);
	void	 *arg;
};

static int
due_row(const struct stock *st, void *arg)
{
	struct due_walk	*w = arg;

	return (st->count_due ? w->fn(st, w->arg) : 0);
}

/*
 * A walk of every row: rows are a few per item, and a count is due
 * rarely (check and the stock list read them all anyway).
 */
int
stock_counts_due(struct db_txn *tx, int (*fn)(const struct stock *, void *),
    void *arg)
{
	struct due_walk	 w;

	w.fn = fn;
	w.arg = arg;
	return (stock_each(tx, "", due_row, &w));
}

int
stock_each_move(struct db_txn *tx, int (*fn)(const struct move *, void *),
    void *arg)
{
	struct db_iter	 it;
	struct move	 m;
	int		 rc;

	if ((rc = db_iter_open(tx, TB_MOVES, NULL, 0, &it)) != 0)
		return (rc);
	while ((rc = db_iter_next(&it)) == 0) {
		if (it.key.mv_size != 8) {
			rc = ORDO_ECORRUPT;
			break;
		}
		if ((rc = move_decode(key_get_u64(it.key.mv_data), &it.val,
		    &m)) != 0)
			break;
		rc = fn(&m, arg);
		move_free(&m);
		if (rc != 0)
			break;
	}
	db_iter_close(&it);
	return (db_walk_rc(rc));
}

void
move_free(struct move *m)
{
	if (m == NULL)
		return;
	free(m->sku);
	free(m->loc);
	free(m->ref);
	free(m->user);
	m->sku = m->loc = m->ref = m->user = NULL;
}

/*
 * 1 if the SKU's available quantity over all locations is at or below
 * its reorder point, 0 if not, ORDO_ENOTFOUND for an unknown SKU or
 * another error code.  *avail (if not NULL) gets the available quantity.
 */
int
stock_low(struct db_txn *tx, const char *sku, int64_t *avail)
{
	struct item	 it;
	int64_t		 a;
	int		 rc;

	if (avail != NULL)
		*avail = 0;
	if ((rc = item_get(tx, sku, &it, NULL)) != 0)
		return (rc);
	rc = stock_totals(tx, sku, NULL, NULL, &a);
	if (rc == 0) {
		if (avail != NULL)
			*avail = a;
		rc = a <= it.reorder_point;
	}
	item_free(&it);
	return (rc);
}
