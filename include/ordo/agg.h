/*
 * agg.h: the read model.  Aggregates and indexes kept in the same write
 * transaction as the event that changes them, so that a report reads a
 * few rows whatever the company's size (DESIGN.md, "Read model"), and
 * recomputed from the facts by agg_check (ordo check).
 *
 * Kept by three small hooks: ledger_post calls agg_posting for each
 * posting, invoice and payment records call agg_invoice / agg_payment
 * each time they are written, and every order record written calls
 * agg_order with the order as it was stored before (NULL: a new order)
 * and as it is now; agg_order adds the difference of what the two
 * contribute.
 *
 * Tables (keys sort; a day or a month is a u32 with the sign bit
 * flipped; values: a version byte 1, then little-endian i64s):
 *   TB_AGG_ACCT_DAY    day, account code -> {sum}
 *   TB_AGG_ACCT_MONTH  month, account code -> {sum}
 *       postings by the day of their entry (months count from
 *       1970-01 = 0).
 *   TB_AGG_OPEN        customer NUL, day, u8 kind ('I' invoice or credit
 *                      note, 'P' payment), u64 id -> {owed}
 *       each document with something open: an invoice's open amount
 *       (negative for a credit note), a payment's unallocated amount
 *       negated.  Dated by the document (invoices are due on their
 *       date: ordo has no payment terms).
 *   TB_AGG_OPEN_DAY    customer NUL, day -> {owed > 0 summed, owed < 0
 *                      summed, documents}
 *   TB_AGG_STMT        customer NUL, i64 time, u8 rank (0 invoices and
 *                      credit notes, 1 payments), u64 id -> {kind, order,
 *                      debit, credit}: one statement line per document.
 *   TB_AGG_STMT_DAY    customer NUL, day -> {debit, credit}: for the
 *                      opening balance of a statement.
 *   TB_AGG_BACKORDER   u8 status, i64 day created, u64 order, u16 line ->
 *                      {quantity backordered} (confirmed, picking,
 *                      packed and partial orders: order.h)
 *   TB_AGG_SALES       day, sku NUL, channel -> struct agg_sales
 *   TB_AGG_SALES_CH    day, channel -> struct agg_tot
 *   TB_AGG_CUST_MONTH  month, customer -> struct agg_tot
 *       sales by the day the order was created (a marketplace order by
 *       the marketplace's date), see struct agg_sales for what counts.
 *   TB_AGG_PAIRS       sku NUL -> {orders with it}; sku NUL sku2 ->
 *                      {orders with both}: item co-occurrence over
 *                      orders that are not drafts, counting the items
 *                      ordered and not cancelled; an order with more
 *                      than AGG_PAIR_ITEMS items adds to the first kind
 *                      only.
 */
#ifndef ORDO_AGG_H
#define ORDO_AGG_H

#include <stdint.h>

#include "ordo/db.h"

struct invoice;
struct order;
struct payment;

#define AGG_PAIR_ITEMS	50

/*
 * What a line (or an order) sells, dated by the order's day created:
 *   ordered  quantity ordered and not cancelled, on orders that are not
 *            drafts (cancelled orders count what they shipped)
 *   qty      quantity shipped and not returned
 *   net      its revenue before tax: the line's net invoiced for the
 *            shipped quantity less that credited for the returned one
 *            (the same cumulative rounding as the invoices: order.h)
 *   cost     its cost of goods: cost shipped less cost returned
 */
struct agg_sales {
	int64_t		 ordered;
	int64_t		 qty;
	int64_t		 net;
	int64_t		 cost;
};

/*
 * An order's totals: orders counts an order that has something ordered
 * (as above); shipping is the order's shipping charge (net) once
 * anything was shipped (shipping is not refunded by a return).
 */
struct agg_tot {
	int64_t		 orders;
	int64_t		 ordered;
	int64_t		 qty;
	int64_t		 net;		/* lines only */
	int64_t		 shipping;
	int64_t		 cost;
};

/* Months since 1970-01 of a day, and the first day of a month. */
int32_t	 agg_month(int32_t);
int32_t	 agg_month_first(int32_t);

/* Hooks; errors are LMDB's or ORDO_ECORRUPT / ORDO_ERANGE. */
int	 agg_posting(struct db_txn *, const char *, int64_t, int64_t);
int	 agg_invoice(struct db_txn *, const struct invoice *, int);
int	 agg_payment(struct db_txn *, const struct payment *, int);
int	 agg_order(struct db_txn *, const struct order *,
	    const struct order *);

/* Schema 6 (upgrade.c): every aggregate built again from the facts. */
int	 agg_rebuild(struct db_txn *);

/*
 * ordo check: recompute every aggregate from the facts, streaming (the
 * memory used does not grow with the company), and report each
 * difference as a sentence to fn.  The number of violations, or -1 if
 * the database could not be read.
 */
long	 agg_check(struct db_txn *, void (*)(const char *, void *), void *);

/* Readers. */

/*
 * Sum of the postings to each account over days [from, to] (INT32_MIN /
 * INT32_MAX: open): fn(code, sum, arg) for each account with postings
 * in the period, in no particular order.  Reads whole months from the
 * month table and the ends from the day table.
 */
int	 agg_account_period(struct db_txn *, int32_t, int32_t,
	    void (*)(const char *, int64_t, void *), void *);

/*
 * Open documents summed per customer and day, in customer order:
 * fn(customer, day, owed > 0, owed < 0, arg); fn returns non-zero to
 * stop.
 */
int	 agg_open_each(struct db_txn *,
	    int (*)(const char *, int32_t, int64_t, int64_t, void *), void *);

/*
 * A customer's open documents (TB_AGG_OPEN), oldest day first:
 * fn(kind 'I' or 'P', id, arg); an error it returns stops the walk and
 * is returned.
 */
int	 agg_open_docs(struct db_txn *, const char *,
	    int (*)(uint8_t, uint64_t, void *), void *);

/* A customer's statement movements before day (sums of debits, credits). */
int	 agg_stmt_before(struct db_txn *, const char *, int32_t, int64_t *,
	    int64_t *);
/*
 * A customer's statement lines over days [from, to], in statement order:
 * fn(time, kind, doc, order, debit, credit, arg) with kind one of
 * "invoice", "credit note", "payment", "prepayment", "refund"; non-zero
 * to stop.
 */
int	 agg_stmt_each(struct db_txn *, const char *, int32_t, int32_t,
	    int (*)(int64_t, const char *, uint64_t, uint64_t, int64_t,
	    int64_t, void *), void *);

/*
 * Backordered lines in list order (confirmed, picking, packed, partial;
 * oldest first): fn(order id, line no, quantity, arg); non-zero to stop.
 */
int	 agg_backorder_each(struct db_txn *,
	    int (*)(uint64_t, uint16_t, int64_t, void *), void *);

/*
 * Sales rows over days [from, to]: fn(day, sku, channel, sales, arg) in
 * (day, sku, channel) order; non-zero to stop.
 */
int	 agg_sales_each(struct db_txn *, int32_t, int32_t,
	    int (*)(int32_t, const char *, const char *,
	    const struct agg_sales *, void *), void *);
/* Per day and channel over [from, to]: fn(day, channel, tot, arg). */
int	 agg_channel_each(struct db_txn *, int32_t, int32_t,
	    int (*)(int32_t, const char *, const struct agg_tot *, void *),
	    void *);
/* Per month and customer over months [from, to]. */
int	 agg_customer_each(struct db_txn *, int32_t, int32_t,
	    int (*)(int32_t, const char *, const struct agg_tot *, void *),
	    void *);
/*
 * Co-occurrence of sku: *orders = orders with it; fn(other sku, orders
 * with both, arg) for each other item, in sku order.
 */
int	 agg_pairs_of(struct db_txn *, const char *, int64_t *,
	    int (*)(const char *, int64_t, void *), void *);

#endif
