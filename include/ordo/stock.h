/*
 * stock.h: stock per item and location, and the moves that change it.
 *
 * A stock row holds on-hand, reserved and the inventory value of what is
 * on hand (minor units).  available = on_hand - reserved.  On-hand and
 * value change ONLY through stock_apply(), which writes the move and
 * updates the row in the same transaction; a move is never changed or
 * deleted.  Goods leave at the row's average cost: value_out =
 * value * qty / on_hand, rounded half away from zero, so the last unit
 * takes the rest of the value and the inventory account always equals
 * the sum of row values to the cent.
 *
 * Goods a marketplace has already sent leave even when the books say
 * they are not there (a move with beyond set: the order must land as
 * shipped, the goods are gone): the row may then go below what is
 * reserved, or below zero, and is flagged count_due until a stocktake
 * (stock_adjust) counts it.  Beyond the row's stock, goods leave at the
 * row's average cost (value / on hand, either side of zero), or the
 * item's cost when the row is empty; a row below zero holds a value that
 * is paid back when it is counted.  ordo check lists the flagged rows
 * (stock_counts_due) instead of calling them a violation.
 *
 * Tables: TB_STOCK key SKU NUL LOC -> record v1 {i64 on_hand, i64
 * reserved, i64 value}, or v2 {the same, u8 flags: 1 count due} for a
 * flagged row; TB_MOVES key u64 id -> record; TB_MOVE_BY_STOCK
 * key SKU NUL LOC NUL u64 id -> empty.  TB_LOCATIONS key code -> record
 * {str name, u8 backorder}, filled from the config by stock_sync_locations.
 */
#ifndef ORDO_STOCK_H
#define ORDO_STOCK_H

#include <stdint.h>

#include "ordo/db.h"

struct stock {
	char		*sku;
	char		*loc;
	int64_t		 on_hand;
	int64_t		 reserved;
	int64_t		 value;		/* minor units */
	int		 count_due;	/* shipped beyond the books: count it */
};

#define MOVE_KINDS						\
	X(MOVE_OPENING,		"opening")			\
	X(MOVE_RECEIVE,		"receive")			\
	X(MOVE_ADJUST,		"adjust")			\
	X(MOVE_SHIP,		"ship")				\
	X(MOVE_RETURN,		"return")			\
	X(MOVE_SCRAP,		"scrap")			\
	X(MOVE_TRANSFER_OUT,	"transfer-out")			\
	X(MOVE_TRANSFER_IN,	"transfer-in")

enum move_kind {
#define X(id, name) id,
	MOVE_KINDS
#undef X
	MOVE_NKINDS
};

struct move {
	uint64_t	 id;		/* set by stock_apply */
	char		*sku;
	char		*loc;
	enum move_kind	 kind;
	int64_t		 qty;		/* signed: + in, - out */
	int64_t		 value;		/* signed change of row value */
	uint64_t	 order;		/* order id, 0 if none */
	int		 beyond;	/* may leave below reserved or zero
					   (not stored) */
	char		*ref;		/* supplier ref, reason, ... */
	char		*user;
	int64_t		 time;
};

const char *move_kind_name(enum move_kind);

/* Create/refresh TB_LOCATIONS from tx->cfg. */
int	 stock_sync_locations(struct db_txn *, char **);
int	 stock_location_exists(struct db_txn *, const char *);
/* 1 if short sales may be backordered for this item at this location. */
int	 stock_backorder_allowed(struct db_txn *, const char *, const char *);

/* Read a row; a row never written reads as zeros (returns 0). */
int	 stock_get(struct db_txn *, const char *, const char *, struct stock *);
void	 stock_free(struct stock *);
int64_t	 stock_available(const struct stock *);

/*
 * The one primitive that changes on-hand: write move m (id, user, time
 * filled in) and add m->qty and m->value to the row.  Refuses
 * (ORDO_ESHORT) if on-hand would go below reserved, or below zero,
 * unless m->beyond (then the row is flagged count_due).  For
 * outgoing moves with m->value == 0 and qty < 0, the value is computed at
 * average cost and stored back in m->value.
 */
int	 stock_apply(struct db_txn *, struct move *, char **);

/*
 * Reserve qty for an order (reserved += qty).  Re-reads the row inside
 * this transaction; ORDO_ESHORT with a cause "SKU at LOC: 3 available,
 * 5 wanted" if available < qty.
 */
int	 stock_reserve(struct db_txn *, const char *sku, const char *loc,
	    int64_t qty, char **);
/*
 * stock_reserve for a caller that has made sure, in this transaction,
 * that the SKU is in the catalogue and the location exists: it does not
 * look them up again.
 */
int	 stock_reserve_known(struct db_txn *, const char *sku,
	    const char *loc, int64_t qty, char **);
/*
 * Release a reservation (reserved -= qty).  Releasing more than is
 * reserved is refused, ORDO_ESTATE ("SKU X at L: 2 reserved, cannot
 * release 3"), and nothing changes: a caller that releases too much has
 * lost count, and clamping would hide it.
 */
int	 stock_release(struct db_txn *, const char *sku, const char *loc,
	    int64_t qty, char **);

/*
 * Business events (each posts its journal entry and audit record in the
 * same transaction):
 *  receive: goods in at unit_cost; updates the item's moving-average
 *           cost; Dr inventory / Cr payable.  Returns the move id.
 *  adjust:  stocktake: counted quantity -> adjustment move at average
 *           cost; loss Dr inventory write-off / Cr inventory, gain the
 *           reverse.  Refused if counted < reserved.
 *  transfer: from one location to another at average cost (no posting).
 *  opening: opening stock (demo, first load): Dr inventory / Cr equity.
 */
int	 stock_receive(struct db_txn *, const char *sku, const char *loc,
	    int64_t qty, int64_t unit_cost, const char *ref,
	    uint64_t *move_id, char **);
int	 stock_adjust(struct db_txn *, const char *sku, const char *loc,
	    int64_t counted, const char *reason, uint64_t *move_id, char **);
int	 stock_transfer(struct db_txn *, const char *sku, const char *from,
	    const char *to, int64_t qty, char **);
int	 stock_opening(struct db_txn *, const char *sku, const char *loc,
	    int64_t qty, int64_t unit_cost, char **);

/* Visit the rows flagged count_due (SKU, LOC order). */
int	 stock_counts_due(struct db_txn *,
	    int (*)(const struct stock *, void *), void *);
/* Visit stock rows (SKU prefix, "" for all) in SKU, LOC order. */
int	 stock_each(struct db_txn *, const char *,
	    int (*)(const struct stock *, void *), void *);
/* Visit the moves of one row in order. */
int	 stock_moves(struct db_txn *, const char *, const char *,
	    int (*)(const struct move *, void *), void *);
/* Visit every move in id order. */
int	 stock_each_move(struct db_txn *,
	    int (*)(const struct move *, void *), void *);
void	 move_free(struct move *);
/* 1 if available (all locations) <= the item's reorder point. */
int	 stock_low(struct db_txn *, const char *, int64_t *);

#endif
