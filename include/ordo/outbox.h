/*
 * outbox.h: the business events, written to the outbox table by the same
 * transaction as the change they report, so that an event exists exactly
 * when its change does (DESIGN.md, Events).  Deliverers read the table
 * after commit: `ordo feed` streams it as JSON lines, `ordo notify` runs
 * a command per event.  Records are never changed or deleted; an event's
 * id is its place in the stream and what a consumer de-duplicates by.
 *
 * Events (kind, object, data):
 *   order.created    order N   order fields (below)
 *   order.confirmed  order N   (a draft confirmed; a backorder retry is not)
 *   order.shipped    order N   with carrier, tracking and the shipment note
 *   order.delivered  order N
 *   order.cancelled  order N
 *   order.returned   order N   with the return note
 *   payment.received payment N customer, amount, method, ref, prepayment
 *   stock.low        item SKU  available fell to or below the reorder point
 *   import.finished  import N  file, channel, counts
 * Order fields: order, channel, ext_id, ext_number, customer, status,
 * version, total (text in the company currency) and total_minor (integer
 * minor units), carrier, tracking, batch, note.  No lines: an event says
 * what happened to the order, a consumer that wants the lines reads the
 * order.  Imported orders have their events too (one per order and
 * event, compact as above, about 300 bytes): a head office database fed
 * from the stream must see every order, and a per-batch summary would
 * send it back to LMDB for them.
 *
 * Table TB_OUTBOX: key u64 sequence "outbox" (big-endian); record v1: i64
 * time, str user, str kind, str object, str data (a JSON object, UTF-8).
 *
 * Delivery by `ordo notify` (TB_NOTIFY, key u64 event id; record v1: u8
 * state, u32 attempts, i64 next try, str last error) and its cursor
 * (TB_META "notify/cursor": every event up to it has been delivered,
 * dead-lettered or is waiting in TB_NOTIFY for a retry).
 */
#ifndef ORDO_OUTBOX_H
#define ORDO_OUTBOX_H

#include <stdint.h>

#include "ordo/db.h"

struct order;
struct buf;

struct outbox_event {
	uint64_t	 id;
	int64_t		 time;
	char		*user;
	char		*kind;		/* "order.shipped" */
	char		*object;	/* "order 12" */
	char		*data;		/* JSON object */
};

/* A JSON object under construction: outbox_json_*() add members. */
struct outbox_json {
	struct buf	*b;
	int		 n;		/* members so far */
};
void	 outbox_json_begin(struct outbox_json *, struct buf *);
void	 outbox_json_str(struct outbox_json *, const char *, const char *);
void	 outbox_json_int(struct outbox_json *, const char *, int64_t);
void	 outbox_json_bool(struct outbox_json *, const char *, int);
/* Money: "name" as text in the company currency, "name_minor" integer. */
void	 outbox_json_money(struct outbox_json *, const struct db_txn *,
	    const char *, int64_t);
/* Closes the object and NUL-terminates the buffer. */
void	 outbox_json_end(struct outbox_json *);
/* Append s as a JSON string (quoted, escaped) to b. */
void	 outbox_json_quote(struct buf *, const char *);

/* Append one event: kind, object and data (a JSON object text). */
int	 outbox_emit(struct db_txn *, const char *, const char *,
	    const char *);
/*
 * The event of an order's history record, if it is one: called by the
 * order store for each version it writes, with the history's from status,
 * the action ("order.ship") and the note.  0 when no event is due.
 */
int	 outbox_order(struct db_txn *, const struct order *, int,
	    const char *, const char *);
/* stock.low for sku if its available quantity just fell (by dec) to or
 * below its reorder point.  Called after the stock row is written. */
int	 outbox_stock(struct db_txn *, const char *, int64_t);

/* payment.received: id, customer, amount, method name, ref, prepayment. */
int	 outbox_payment(struct db_txn *, uint64_t, const char *, int64_t,
	    const char *, const char *, int);
/* import.finished for a batch that just finished. */
struct batch;
int	 outbox_batch(struct db_txn *, const struct batch *);

/* Read one event (ORDO_ENOTFOUND) or visit those after an id, in order;
 * fn as every walk (db.h).  Free with outbox_free. */
int	 outbox_get(struct db_txn *, uint64_t, struct outbox_event *);
int	 outbox_each(struct db_txn *, uint64_t,
	    int (*)(const struct outbox_event *, void *), void *);
void	 outbox_free(struct outbox_event *);
/* The last event id (0: none). */
uint64_t outbox_last(struct db_txn *);
/*
 * The event as one JSON line (no newline), into b (reset first):
 * {"id":N,"time":"...Z","user":"...","kind":"...","object":"...",
 * "data":{...}}.
 */
void	 outbox_line(const struct outbox_event *, struct buf *);

/* Delivery state of `ordo notify`. */
enum notify_state {
	NOTIFY_RETRY = 1,	/* failed; tried again at next */
	NOTIFY_DEAD = 2		/* failed too often: a dead letter */
};
struct notify_rec {
	uint64_t	 event;
	enum notify_state state;
	uint32_t	 attempts;
	int64_t		 next;		/* seconds since the epoch */
	char		*error;		/* the last failure */
};
/* Every event up to this id is done or in TB_NOTIFY. */
uint64_t notify_cursor(struct db_txn *);
int	 notify_set_cursor(struct db_txn *, uint64_t);
/* The record of one event, or ORDO_ENOTFOUND. */
int	 notify_get(struct db_txn *, uint64_t, struct notify_rec *);
int	 notify_put(struct db_txn *, const struct notify_rec *);
/* Forget an event's record (delivered after a retry, or re-queued). */
int	 notify_del(struct db_txn *, uint64_t);
/* Visit the records in event order. */
int	 notify_each(struct db_txn *,
	    int (*)(const struct notify_rec *, void *), void *);
void	 notify_rec_free(struct notify_rec *);

#endif
