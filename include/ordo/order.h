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
 *   confirmed|picking|partial -pick-> picking (picked quantities
 *                                      recorded; a partial order is
 *                                      picked again for its next
 *                                      shipment)
 *   picking   -pack->     packed      (something must be picked)
 *   confirmed|picking|packed|partial -ship-> partial or shipped
 *             (draft too, when a marketplace has shipped it already:
 *              order_ship_all)
 *             (stock leaves, invoice and postings written; "partial"
 *              while some quantity is still open: backordered or
 *              reserved and not yet shipped)
 *   shipped   -deliver->  delivered -close-> closed
 *   any state before shipped -cancel-> cancelled (reservations released;
 *             on an order with something shipped (partial, or picked
 *             again after a partial shipment) the unshipped rest is
 *             cancelled and the order becomes shipped)
 *   any order with goods shipped -return-> same status (per line and
 *             quantity, restock or scrap, credit note, reversing entries)
 *   confirm on a confirmed/picking/packed/partial order retries the
 *             backordered rest (status unchanged).
 *
 * Every mutating call takes the version the caller last saw; if the
 * stored order has another, ORDO_ECONFLICT with "changed by USER at TIME".
 * Pass ORDER_ANY_VERSION to skip the check (scripts that just read it).
 * Each change bumps the version, moves the status index entry and writes
 * one history record and one audit record.  A refused call (bad input,
 * wrong state, short stock, conflict, role) writes nothing: every check
 * is made before the first write.  Any other error (storage) leaves the
 * transaction half done and the caller must abort it (db_write does).
 *
 * Roles: picker for pick and pack; clerk for new, add_line, confirm,
 * ship, deliver, close and cancel; manager for return (it writes a credit
 * note: money goes back to the customer).  Close is a clerk's: it only
 * files a delivered order and moves no stock or money.
 *
 * Money rules (RELIABILITY.md 3.2, tax rounded per line):
 *   line amount = qty * unit_price - discount (>= 0).
 *   Prices before tax (LINE_TAX_INCL clear): line net = amount; line
 *   tax = net * rate / 10000 rounded half up (away from zero).
 *   Prices that include tax (LINE_TAX_INCL set: the company's
 *   tax.prices_include, or the order's tax_mode, say so; 含税价): the
 *   amount is gross and is split, never grossed up again:
 *     tax = gross * rate / (10000 + rate) rounded half up, net = gross -
 *     tax
 *   (order_tax_split), so net + tax is the gross to the cent and the
 *   rounding remainder always lands in the tax.
 *   A line's tax given by a marketplace (LINE_TAX_GIVEN: the file's own
 *   tax for the line) is taken as it is: net = amount, or amount - tax
 *   when the price includes it.
 *   Shipping: the same rules with the company's default rate at
 *   creation (ship_tax_rate, kept in the order so a later config change
 *   does not alter it); an importer may give its tax (ORDER_SHIP_TAX_GIVEN:
 *   ship_tax_rate is then stored as -1).  ship_tax is fixed when the
 *   order is made.
 *   order net = sum of line net + shipping (net); order tax = sum of line
 *   tax + ship_tax; total = net + tax.  Always exactly, never recomputed
 *   from the total.
 *   An amount spread over lines (an order-level discount or tax given by
 *   a marketplace: order_allocate) goes to each in proportion to its
 *   weight, rounded down, and the cents left over go one each to the
 *   lines with the largest remainders (the first such line on a tie), so
 *   the parts sum to the amount exactly and no part exceeds its cap.
 * Shipment (one journal entry ENTRY_SHIPMENT, doc = invoice id, and one
 *   invoice for the gross): the shipped part of a line is invoiced by
 *   cumulative rounding, part = round(net * shipped_after / qty) -
 *   round(net * shipped_before / qty), the same for tax; so the last
 *   shipment of a line takes exactly the rest and the invoices of a line
 *   sum to its net and tax to the cent.  Shipping and its tax go on the
 *   first shipment.  Dr receivable (customer) gross, Cr revenue, Cr
 *   shipping income, Cr tax payable; Dr cost of goods, Cr inventory at the
 *   value the stock module moved (average cost).
 * Return (one entry ENTRY_RETURN, doc = credit note id, and a credit note
 *   for -gross): net and tax by the same cumulative rounding over the
 *   returned quantity, so returning all that was shipped credits exactly
 *   what was invoiced.  Goods come back (MOVE_RETURN) at the line's
 *   average shipped cost: (cost_shipped - cost_returned) * q / (shipped -
 *   returned), the last unit taking the rest; Dr inventory, Cr cost of
 *   goods.  Scrap then moves them out again (MOVE_SCRAP at that same
 *   value): Dr inventory write-off, Cr inventory.  Credit note: Dr sales
 *   returns net, Dr tax payable tax, Cr receivable gross.  Shipping is not
 *   refunded by a return.
 * Cancel sets each line's cancelled to its open quantity, so a cancelled
 *   order has nothing open, reserved or backordered.
 *
 * Tables: TB_ORDERS u64 id -> order record v2 (lines included: an order
 * and its lines change together; a line's integers that are zero are left
 * out, after a mask; v1 records, with every integer, are still read); TB_ORDER_HIST u64 id, u32 version ->
 * {time, user, from, to, note} (one per version: version 1 is the
 * creation); TB_ORD_BY_EXT channel NUL extid -> u64 id (8 bytes, big
 * endian; unique; only for orders with an external id);
 * TB_ORD_BY_DATE i64 day created (days since the epoch, in the
 * company's zone: company_day), u64 id
 * (order_date_key); and with that same day and id after a prefix:
 * TB_ORD_BY_STATUS u8 status; TB_ORD_BY_CUST code NUL; TB_ORD_BY_CUST_ST
 * code NUL u8 status; TB_ORD_BY_CHAN channel NUL; TB_ORD_BY_CHAN_ST
 * channel NUL u8 status; TB_ORD_BY_USER_ST creator NUL u8 status (the
 * creator is the user of version 1 in the history).  Index values are
 * empty.  TB_COUNTS "o" tag prefix -> u64 (8 bytes, big endian): the
 * number of orders under each prefix of those indexes (tag a: all, s, c,
 * C, h, H, u as above), kept in the same transaction as every change and
 * checked by ordo check.  Sequence "order" numbers the orders.
 *
 * Lists (order_page) are newest first: by day created, then number, both
 * descending.  Every filter of status, customer, channel and creator is
 * one prefix of one index (a customer and a channel together: the
 * customer's index, the channel checked on each row), and a range of days
 * is a range of keys under it, so a page reads about as many index
 * entries and order records as it shows, whatever the company's size.
 * Schema 5 (db.c and upgrade.c) built these from the orders.
 *
 * The date index is by day, not by second: within a day orders follow
 * their numbers, so new orders join the end of their day's run.  Keyed by
 * the second, a night's import of orders placed over a month was written
 * all over the index, a page copied for nearly every order at each
 * commit (schema 1; db.c migrates it).
 */
#ifndef ORDO_ORDER_H
#define ORDO_ORDER_H

#include <stddef.h>
#include <stdint.h>

#include "ordo/customer.h"
#include "ordo/db.h"

struct buf;

#define ORDER_ANY_VERSION	UINT32_MAX
#define ORDER_MAXLINES		1000

/* Field limits, in bytes of UTF-8: forms use the same numbers. */
#define ORDER_CHANNEL_MAX	32
#define ORDER_EXTID_MAX		200
#define ORDER_EXTNO_MAX		64
#define ORDER_SHIPTO_MAX	1000
#define ORDER_NOTES_MAX		4000
#define ORDER_QTY_MAX		1000000000

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
#define LINE_TAX_GIVEN	0x2	/* tax as given by the marketplace */
#define LINE_TAX_INCL	0x4	/* unit_price and discount include tax */

/* struct order tax_mode: whose rule says if prices include tax. */
#define ORDER_TAX_COMPANY	0	/* the company's tax.prices_include */
#define ORDER_TAX_EXCL		1	/* prices are before tax */
#define ORDER_TAX_INCL		2	/* prices include tax */

/* struct order flags (given to order_new; not stored). */
#define ORDER_SHIP_TAX_GIVEN	0x1	/* ship_tax is the marketplace's */

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
	int64_t		 unit_price;	/* minor units (incl. tax if
					   LINE_TAX_INCL) */
	int64_t		 discount;	/* whole-line discount, minor units */
	int		 tax_rate;	/* basis points */
	int64_t		 net;		/* before tax: see Money rules */
	int64_t		 tax;		/* see Money rules */
	int64_t		 cost_shipped;	/* inventory value shipped so far */
	int64_t		 cost_returned;	/* of that, value returned so far */
	unsigned	 flags;		/* LINE_* */
};

/* Open quantity: ordered, not shipped or cancelled. */
int64_t	 line_open(const struct order_line *);
/* Backordered quantity: open and not reserved. */
int64_t	 line_backordered(const struct order_line *);

struct order {
	uint64_t	 id;		/* the order number */
	char		*channel;	/* "counter", "shopify", ... */
	char		*ext_id;	/* marketplace order id; "" if none */
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
	int64_t		 shipping;	/* shipping charge, minor units, net
					   (given gross where prices include
					   tax: order_new splits it) */
	int		 ship_tax_rate;	/* basis points, set by order_new; -1:
					   ship_tax given by the marketplace */
	int64_t		 ship_tax;	/* tax on shipping */
	int64_t		 net;		/* sum of line net + shipping */
	int64_t		 tax;		/* sum of line tax + ship_tax */
	int64_t		 total;		/* net + tax */
	uint64_t	 batch;		/* import batch, 0 if none */
	int		 tax_mode;	/* ORDER_TAX_*, given to order_new */
	unsigned	 flags;		/* ORDER_*, given to order_new */
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

/*
 * The tax inside a tax-inclusive gross amount at rate (basis points):
 * *tax = gross * rate / (10000 + rate) rounded half away from zero, *net
 * = gross - *tax.  The one place this rule lives (Money rules).
 */
void	 order_tax_split(int64_t, int, int64_t *, int64_t *);
/*
 * Spread amount (>= 0) over n parts in proportion to weight[i] (>= 0),
 * no part above cap[i] (cap NULL: no cap), by the rule in Money rules;
 * out[i] the parts.  0, or ORDO_ERANGE if the caps (or, with every
 * weight 0, n 0) cannot take it all.
 */
int	 order_allocate(int64_t, const int64_t *, const int64_t *, size_t,
	    int64_t *);

const char *order_status_name(enum order_status);
int	 order_status_parse(const char *, enum order_status *);

/*
 * Create a draft order from o (customer, channel ("" or NULL: "counter"),
 * ext_id, ext_number, ship_to, notes, loc, shipping, batch, created (0:
 * now) and lines with sku, qty, loc, discount, flags, and optionally
 * unit_price/name/tax_rate: a unit_price of -1 means the item's price, a
 * tax_rate of -1 the item's rate; an unmapped line needs its own price;
 * a line with LINE_TAX_GIVEN its tax), tax_mode (prices before or
 * including tax; ORDER_TAX_COMPANY: as the company says; it sets or
 * clears each line's LINE_TAX_INCL) and flags (ORDER_SHIP_TAX_GIVEN:
 * ship_tax as given).
 * A line's location is its own, else the order's, else the first one
 * configured.  Lines are validated (known SKU unless LINE_UNMAPPED, qty >
 * 0, price >= 0, discount <= qty * price), totals computed.  Sets o->id,
 * version, status, created, updated, the totals and, in each line, no,
 * unit_price, tax_rate, net and tax; strings in o are not changed (read
 * the stored order with order_get).  Needs a clerk.  Errors: ORDO_EINVAL,
 * ORDO_ENOTFOUND (customer or SKU), ORDO_EPERM, ORDO_ERANGE, ORDO_EEXIST
 * if (channel, ext_id) is already there, with the existing id in o->id
 * and nothing written (an importer may carry on in the same txn).
 */
int	 order_new(struct db_txn *, struct order *, char **);
/*
 * order_new, then order_confirm, as one call for an importer: where the
 * order has lines, none unmapped, and every line can be reserved in full
 * now, it is created and confirmed at once (o->status ST_CONFIRMED,
 * version 2; its history and audit show both events, version 1 created
 * and version 2 confirmed, the record and its indexes written once).
 * Otherwise it is only created, as by order_new (o->status ST_DRAFT), for
 * the caller to confirm.  Errors as order_new; a refusal writes nothing.
 */
int	 order_new_confirm(struct db_txn *, struct order *, char **);
/* Add a line to a draft (same rules); sets l->no, net and tax. */
int	 order_add_line(struct db_txn *, uint64_t, uint32_t,
	    struct order_line *, char **);

/*
 * Edits of a draft.  Each needs a clerk, checks the version like every
 * event (ORDO_ECONFLICT: "changed by USER at TIME"), is refused on any
 * other status (ORDO_ESTATE), recomputes the totals and writes the next
 * version with one history and audit record; one that changes nothing
 * writes nothing and keeps the version.  A refusal of a field names it
 * (where.h: ordo_where()).  ORDER_KEEP leaves a number as it is, NULL a
 * text.
 *
 * order_set_line: line no's quantity (1..ORDER_QTY_MAX), unit price (>=
 *   0) and whole-line discount (>= 0, at most the line amount); a tax the
 *   marketplace gave for the line (LINE_TAX_GIVEN) no longer holds, and
 *   the line's rate gives it.
 * order_remove_line: the lines after it move up one number (a draft has
 *   nothing reserved, picked or shipped, so nothing refers to them).
 * order_set_customer: another existing customer.
 * order_set_fields: ship-to and notes (up to ORDER_SHIPTO_MAX and
 *   ORDER_NOTES_MAX bytes), shipping charge (>= 0, taxed at the rate
 *   the order was made with, by the rule of its lines' prices: before
 *   tax, or including it); refused if the marketplace gave the order's
 *   shipping tax.
 * Errors: ORDO_EINVAL, ORDO_ENOTFOUND (order or customer), ORDO_ERANGE,
 * ORDO_ESTATE, ORDO_ECONFLICT, ORDO_EPERM.
 */
#define ORDER_KEEP	INT64_MIN
int	 order_set_line(struct db_txn *, uint64_t, uint32_t, uint16_t, int64_t,
	    int64_t, int64_t, char **);
int	 order_remove_line(struct db_txn *, uint64_t, uint32_t, uint16_t,
	    char **);
int	 order_set_customer(struct db_txn *, uint64_t, uint32_t,
	    const char *, char **);
int	 order_set_fields(struct db_txn *, uint64_t, uint32_t, const char *,
	    const char *, int64_t, char **);

/*
 * Confirm a draft: reserve every line, or ORDO_ESHORT listing every
 * short line that may not be backordered.  On a confirmed or partial
 * order, reserve what is now available of the backordered rest
 * (ORDO_ESHORT if nothing could be; ORDO_ESTATE if nothing is
 * backordered).  An unmapped line whose SKU has since been given an
 * alias on the order's channel, or been added to the catalogue, is
 * mapped here (alias_resolve); otherwise ORDO_EINVAL.
 */
int	 order_confirm(struct db_txn *, uint64_t, uint32_t, char **);
/*
 * Pick (confirmed, picking or partial orders): lines NULL/n 0 picks
 * everything reserved; otherwise adds each quantity to the line's picked,
 * at most what is reserved.
 */
int	 order_pick(struct db_txn *, uint64_t, uint32_t,
	    const struct line_qty *, size_t, char **);
/*
 * Short pick (confirmed, picking or partial orders): the picker found
 * fewer than reserved on a line.  Releases the reservation of lq->qty of
 * the line's reserved and unpicked quantity, so that much is backordered
 * (and "confirm" reserves it again when there is stock); the status does
 * not change.  The history says "short-picked" and why (note).  Needs a
 * picker.  Errors as order_pick.
 */
int	 order_short(struct db_txn *, uint64_t, uint32_t,
	    const struct line_qty *, const char *, char **);
int	 order_pack(struct db_txn *, uint64_t, uint32_t, char **);
/*
 * Ship: lines NULL ships what is picked (or, if nothing was picked, all
 * that is reserved).  Records carrier and tracking.  Writes the invoice
 * (its id in *invoice if not NULL).
 */
int	 order_ship(struct db_txn *, uint64_t, uint32_t,
	    const struct line_qty *, size_t, const char *, const char *,
	    uint64_t *, char **);
/*
 * What a marketplace has already shipped (the importer): every open
 * quantity of every line leaves now, reserved or not, from a draft too
 * (draft -> shipped); its reservation is released and the rest leaves
 * beyond the books, taking the stock below zero if it must (the row is
 * flagged for a count: stock.h).  Refused (ORDO_EINVAL) while a line's
 * SKU is unmapped.  Invoice and postings as order_ship.
 */
int	 order_ship_all(struct db_txn *, uint64_t, uint32_t, const char *,
	    const char *, uint64_t *, char **);
int	 order_deliver(struct db_txn *, uint64_t, uint32_t, char **);
int	 order_close(struct db_txn *, uint64_t, uint32_t, char **);
int	 order_cancel(struct db_txn *, uint64_t, uint32_t, const char *,
	    char **);
/*
 * Return shipped quantities (each line_qty may restock or scrap; a line
 * may appear twice); writes a credit note (negative invoice) and one
 * journal entry.  The status does not change.
 */
int	 order_return(struct db_txn *, uint64_t, uint32_t,
	    const struct line_qty *, size_t, const char *, char **);

/* Read an order (caller frees with order_free); ORDO_ENOTFOUND. */
int	 order_get(struct db_txn *, uint64_t, struct order *, char **);
/* The order with this (channel, external id); ORDO_ENOTFOUND if none. */
int	 order_find_external(struct db_txn *, const char *, const char *,
	    uint64_t *);
void	 order_free(struct order *);
/* An order's status alone (no decoding of the rest). */
int	 order_status_get(struct db_txn *, uint64_t, enum order_status *);
/* The key of an order created at that time in TB_ORD_BY_DATE. */
void	 order_date_key(const struct db_txn *, struct buf *, int64_t,
	    uint64_t);
/* The order number at the end of any order index key (0 if too short). */
uint64_t order_index_id(const MDB_val *);
/* The size of a key of TB_ORD_BY_STATUS: status, day, number. */
#define ORDER_STATUS_KEY	17
/* Walk the history of an order, oldest first (fn: db.h, Walks). */
int	 order_history(struct db_txn *, uint64_t,
	    int (*)(const struct order_hist *, void *), void *);

/*
 * Visit orders, newest first, optionally only one status (-1: any) or one
 * customer (NULL: any), starting after order id "after" (0: from the
 * newest).  fn as every walk (db.h).
 */
int	 order_each(struct db_txn *, int, const char *, uint64_t,
	    int (*)(const struct order *, void *), void *);
/*
 * Paged lists.  A filter: status (-1: any), customer, channel and creator
 * (NULL or "": any; a creator needs a status: "my drafts"), and a range
 * of days created (days since the epoch, UTC, both included; order_filter_init
 * leaves it open).
 */
struct order_filter {
	int		 status;
	const char	*customer;
	const char	*channel;
	const char	*creator;
	int32_t		 from_day;
	int32_t		 to_day;
};
void	 order_filter_init(struct order_filter *);

/* What one row of an order list shows; read without the lines. */
struct order_row {
	uint64_t	 id;
	int64_t		 created;
	enum order_status status;
	uint32_t	 version;
	uint32_t	 nlines;
	int64_t		 net;
	int64_t		 tax;
	int64_t		 total;
	char		 customer[CUSTOMER_CODE_MAX + 1];
	char		 channel[ORDER_CHANNEL_MAX + 1];
	char		 ext_id[ORDER_EXTID_MAX + 1];
};

/*
 * Directions of order_page over the list (newest first):
 *   ORDER_PAGE_DOWN  the rows after the anchor (older); anchor 0: from
 *                    the top (the newest)
 *   ORDER_PAGE_UP    the rows before the anchor (newer); anchor 0: the
 *                    last rows of the list (the oldest)
 *   ORDER_PAGE_AT    the anchor itself (if it passes the filter) and the
 *                    rows after it: redrawing a screen from its top row
 * The anchor is an order number; it need not pass the filter (an order
 * whose status changed still marks its place).  The rows come in list
 * order in every direction, at most max of them: fewer means the end (or
 * the top) was reached.
 */
#define ORDER_PAGE_DOWN	0
#define ORDER_PAGE_UP	1
#define ORDER_PAGE_AT	2
/*
 * Fill rows[0..*n) (caller's array of max).  Errors: ORDO_EINVAL (a
 * creator without a status, a bad direction, a range of days upside
 * down) with a cause, ORDO_ENOTFOUND (anchor is no order), ORDO_ECORRUPT.
 */
int	 order_page(struct db_txn *, const struct order_filter *, uint64_t,
	    int, struct order_row *, size_t, size_t *, char **);
/*
 * The number of orders that pass a filter, from the counts kept with
 * every change (no scan): status, customer, channel, creator and status,
 * and customer or channel with a status.  A range of days, or a customer
 * and a channel together, are not counted: ORDO_EINVAL.
 */
int	 order_count(struct db_txn *, const struct order_filter *,
	    uint64_t *);
/* One row by number; ORDO_ENOTFOUND. */
int	 order_row_get(struct db_txn *, uint64_t, struct order_row *);

/*
 * For ordo check: order_check_one reports (viol(arg, sentence)) each
 * index entry an order lacks; order_check_counts reports each index
 * whose size is not norders and each count that is not the number of
 * entries under its prefix (and counts of prefixes with no entry).  An
 * error reading is returned.
 */
int	 order_check_one(struct db_txn *, const struct order *,
	    void (*)(void *, const char *), void *);
int	 order_check_counts(struct db_txn *, uint64_t,
	    void (*)(void *, const char *), void *);

/*
 * Visit every line with a backordered quantity, oldest order first
 * (confirmed, then picking, packed, partial orders).
 */
int	 order_backorders(struct db_txn *,
	    int (*)(const struct order *, const struct order_line *, void *),
	    void *);

#endif
