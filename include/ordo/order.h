/*
 * order.h: orders and their lifecycle.  Every rule that turns an order
 * into stock moves and journal entries lives here, once; the CLI, the
 * TUI, the picker screens and the importer all call these functions.
 * Each event is one write transaction (the caller's db_write) that
 * writes the order change, the moves, the journal entry and the audit
 * record together, or nothing.
 *
 * Statuses and events:
 *   draft     -confirm->  confirmed   (stock reserved; short lines are
 *                                      refused, or backordered where the
 *                                      item or location allows it)
 *   confirmed -pick->     picking     (picked quantities recorded)
 *   picking   -pack->     packed
 *   confirmed|picking|packed|partial -ship-> partial or shipped
 *             (stock leaves, invoice and postings written; "partial"
 *              while some quantity is still open: backordered or
 *              reserved and not yet shipped)
 *   shipped   -deliver->  delivered -close-> closed
 *   any state before shipped -cancel-> cancelled (reservations released;
 *             on a partial order the unshipped rest is cancelled and the
 *             order becomes shipped)
 *   shipped|partial|delivered|closed -return-> same status (per line and
 *             quantity, restock or scrap, credit note, reversing entries)
 *   confirm on a confirmed/partial order retries the backordered rest.
 *
 * Every mutating call takes the version the caller last saw; if the
 * stored order has another, ORDO_ECONFLICT with "changed by USER at TIME".
 * Pass ORDER_ANY_VERSION to skip the check (scripts that just read it).
 *
 * Tables: TB_ORDERS u64 id -> order record (lines included: an order and
 * its lines change together); TB_ORDER_HIST u64 id, u32 n -> {time, user,
 * from, to, note}; TB_ORD_BY_EXT channel NUL extid -> u64 id (unique);
 * TB_ORD_BY_STATUS u8 status, u64 id; TB_ORD_BY_CUST code NUL u64 id;
 * TB_ORD_BY_DATE i64 created, u64 id.
 */
#ifndef ORDO_ORDER_H
#define ORDO_ORDER_H

#include <stddef.h>
#include <stdint.h>

#include "ordo/db.h"

#define ORDER_ANY_VERSION	UINT32_MAX

#define ORDER_STATUSES						\
	X(ST_DRAFT,	"draft")					\
	X(ST_CONFIRMED,	"confirmed")					\
	X(ST_PICKING,	"picking")					\
	X(ST_PACKED,	"packed")					\
	X(ST_PARTIAL,	"partial")					\
	X(ST_SHIPPED,	"shipped")					\
	X(ST_DELIVERED,	"delivered")					\
	X(ST_CLOSED,	"closed")					\
	X(ST_CANCELLED,	"cancelled")

enum order_status {
#define X(id, name) id,
	ORDER_STATUSES
#undef X
	ST_NSTATUSES
};

#define LINE_UNMAPPED	0x1	/* imported SKU not in the catalogue */

struct order_line {
	uint16_t	 no;		/* 1-based, stable */
	char		*sku;
	char		*name;		/* copied from the item or the import */
	char		*loc;		/* location it is served from */
	int64_t		 qty;		/* ordered */
	int64_t		 reserved;	/* reserved now, not yet shipped */
	int64_t		 picked;	/* picked, not yet shipped */
	int64_t		 shipped;
	int64_t		 returned;
	int64_t		 cancelled;	/* cancelled rest of a partial order */
	int64_t		 unit_price;	/* minor units, before tax */
	int64_t		 discount;	/* whole-line discount, minor units */
	int		 tax_rate;	/* basis points */
	int64_t		 net;		/* qty * unit_price - discount */
	int64_t		 tax;		/* round_half_up(net * rate / 10000) */
	int64_t		 cost_shipped;	/* inventory value shipped so far */
	unsigned	 flags;		/* LINE_* */
};

/* Open quantity: ordered, not shipped or cancelled. */
int64_t	 line_open(const struct order_line *);
/* Backordered quantity: open and not reserved. */
int64_t	 line_backordered(const struct order_line *);

struct order {
	uint64_t	 id;		/* the order number */
	char		*channel;	/* "counter", "shopify", ... */
	char		*ext_id;	/* marketplace order id, "" at counter */
	char		*ext_number;	/* marketplace's own number ("#1001") */
	char		*customer;	/* customer code */
	enum order_status status;
	int64_t		 created;
	int64_t		 updated;
	char		*updated_by;
	uint32_t	 version;
	char		*ship_to;
	char		*notes;
	char		*carrier;
	char		*tracking;
	char		*loc;		/* default location for new lines */
	int64_t		 shipping;	/* shipping charge, minor units, net */
	int64_t		 net;		/* sum of line net + shipping */
	int64_t		 tax;		/* sum of line tax */
	int64_t		 total;		/* net + tax */
	uint64_t	 batch;		/* import batch, 0 if none */
	struct order_line *lines;
	size_t		 nlines;
};

struct order_hist {
	int64_t		 time;
	char		*user;
	enum order_status from;
	enum order_status to;
	char		*note;
};

/* A quantity for one line, for pick, ship and return. */
struct line_qty {
	uint16_t	 no;
	int64_t		 qty;
	int		 scrap;		/* return: 1 scrap, 0 restock */
};

const char *order_status_name(enum order_status);
int	 order_status_parse(const char *, enum order_status *);

/*
 * Create a draft order from o (customer, channel, ext_id, ship_to,
 * notes, loc, shipping and lines with sku, qty, and optionally
 * unit_price/name/tax_rate: a unit_price of -1 means the item's price).
 * Lines are validated (known SKU unless LINE_UNMAPPED, qty > 0, price
 * >= 0), totals computed; o->id and o->version are set.  ORDO_EEXIST if
 * (channel, ext_id) is already there, with the existing id in o->id.
 */
int	 order_new(struct db_txn *, struct order *, char **);
/* Add a line to a draft; sets its number in l->no. */
int	 order_add_line(struct db_txn *, uint64_t, uint32_t,
	    struct order_line *, char **);

int	 order_confirm(struct db_txn *, uint64_t, uint32_t, char **);
/* Pick: lines NULL/n 0 picks everything reserved. */
int	 order_pick(struct db_txn *, uint64_t, uint32_t,
	    const struct line_qty *, size_t, char **);
int	 order_pack(struct db_txn *, uint64_t, uint32_t, char **);
/*
 * Ship: lines NULL ships what is picked (or, if nothing was picked, all
 * that is reserved).  Records carrier and tracking.  Writes the invoice
 * (its id in *invoice if not NULL).
 */
int	 order_ship(struct db_txn *, uint64_t, uint32_t,
	    const struct line_qty *, size_t, const char *, const char *,
	    uint64_t *, char **);
int	 order_deliver(struct db_txn *, uint64_t, uint32_t, char **);
int	 order_close(struct db_txn *, uint64_t, uint32_t, char **);
int	 order_cancel(struct db_txn *, uint64_t, uint32_t, const char *,
	    char **);
/* Return shipped quantities; writes a credit note (negative invoice). */
int	 order_return(struct db_txn *, uint64_t, uint32_t,
	    const struct line_qty *, size_t, const char *, char **);

int	 order_get(struct db_txn *, uint64_t, struct order *, char **);
int	 order_find_external(struct db_txn *, const char *, const char *,
	    uint64_t *);
void	 order_free(struct order *);
int	 order_history(struct db_txn *, uint64_t,
	    int (*)(const struct order_hist *, void *), void *);

/*
 * Visit orders, newest first, optionally only one status (-1: any) or one
 * customer (NULL: any), starting after order id "after" (0: from the
 * newest).  fn returns non-zero to stop.
 */
int	 order_each(struct db_txn *, int, const char *, uint64_t,
	    int (*)(const struct order *, void *), void *);
/* Visit every line with a backordered quantity. */
int	 order_backorders(struct db_txn *,
	    int (*)(const struct order *, const struct order_line *, void *),
	    void *);

#endif
