/*
 * batch.h: import batches and the rules that land a marketplace order in
 * ordo.  An imported order goes through the same order functions as a
 * counter order (order_new, order_confirm, order_ship, order_cancel), so
 * it reserves the same stock and posts to the same books.
 *
 * Rules:
 *  - (channel, external id) is unique: an order already there is updated
 *    through the lifecycle (cancelled on the marketplace -> cancelled
 *    here; shipped there -> shipped here) or left unchanged.
 *  - A new order is created for the channel's customer (code: the
 *    channel name in capitals, made on first use): the marketplace owes
 *    us the money until its payout.  The buyer's name, phone and address
 *    go into the order's ship-to.
 *  - A pending or paid order is confirmed; if stock is short and the item
 *    may not be backordered, the order stays a draft (counted "short")
 *    for a clerk: ordo never sells stock it does not have, and never
 *    drops an order the marketplace has taken.
 *  - An order the marketplace has shipped (or delivered) is shipped here
 *    whatever the stock says (order_ship_all): the goods have left.  Its
 *    reservation goes with it and the rest leaves beyond the books; a
 *    stock row taken below what it holds is flagged for a count (stock.h)
 *    and the result (IMP_BEYOND, IMP_BEYOND_UPD) names it with the
 *    marketplace's order id.  Only a line whose SKU is unknown keeps it a
 *    draft.
 *  - Each order is applied in its own child transaction: a refused order
 *    loses only itself.  Batches commit in chunks; a batch interrupted
 *    by a crash is resumed by running the same file again.
 *  - SKUs are looked up in the alias table (channel, channel SKU) first,
 *    then as our own SKU.
 *
 * Tables: TB_IMPORTS u64 id -> batch record; TB_IMPORT_ORDERS u64 batch,
 * u64 order -> empty (orders the batch created); TB_SKU_ALIAS channel NUL
 * channel-SKU -> our SKU.
 */
#ifndef ORDO_BATCH_H
#define ORDO_BATCH_H

#include <stdint.h>

#include "ordo/alias.h"
#include "ordo/config.h"
#include "ordo/db.h"
#include "ordo/order.h"

/* What the marketplace says of an order. */
enum mkt_status {
	MKT_PENDING,
	MKT_PAID,
	MKT_CANCELLED,
	MKT_SHIPPED,
	MKT_DELIVERED,
	MKT_REFUNDED
};

enum imp_result {
	IMP_NEW,		/* created (and confirmed or cancelled) */
	IMP_SHORT,		/* created, left a draft: stock short */
	IMP_UPDATED,		/* existing order moved on */
	IMP_UNCHANGED,		/* existing order, nothing to do */
	IMP_REJECTED,		/* refused; cause says why */
	IMP_ATTENTION,		/* left as it is for a person: cause says why
				   (shipped here, cancelled or refunded on
				   the marketplace: take the return) */
	IMP_UNKNOWN,		/* created, left a draft: a line's SKU is
				   unknown (flagged for a clerk to map) */
	IMP_BEYOND,		/* created and shipped as the marketplace
				   did, beyond ordo's stock: cause names the
				   rows flagged for a count */
	IMP_BEYOND_UPD,		/* the same for an order already here */
	IMP_NRESULTS
};

struct batch {
	uint64_t	 id;
	char		*file;
	char		*sha256;	/* hex */
	char		*channel;
	char		*profile_sha;	/* hex SHA-256 of the channel profile
					   it was read with ("": not known) */
	char		*user;
	int64_t		 started;
	int64_t		 finished;	/* 0 while running or interrupted */
	int		 undone;
	int64_t		 rows;
	int64_t		 orders_new;
	int64_t		 orders_updated;
	int64_t		 orders_unchanged;
	int64_t		 orders_short;
	int64_t		 lines;
	int64_t		 rejected;	/* rejected rows */
	int64_t		 attention;	/* orders left for a person (also
					   counted unchanged); -1: not known */
	int64_t		 open;		/* orders shipped on the marketplace
					   not all shipped here; -1: not known */
	uint64_t	 run_from;	/* not stored: the first order number
					   this run of it can make */
};

/*
 * Start a batch for (file, sha256, channel, profile's sha256), or resume
 * the unfinished one with the same sha256 and channel.  b is filled; b->id set.  A resumed
 * batch counts again from nothing: the file is read again from its start,
 * and the orders the batch made in a run before count as made (new or
 * short), not unchanged.
 */
int	 batch_begin(struct db_txn *, const char *, const char *,
	    const char *, const char *, struct batch *, char **);
/*
 * The latest finished batch (not undone) of this very file (sha256 and
 * channel), read with this very profile (its sha256: a profile changed
 * since, its status rules say, may read the file otherwise), that left
 * nothing over: no rejected row, no order short of
 * stock or with an unknown SKU, none left for a person, none shipped on
 * the marketplace but not (all) here.  Each of its orders is where that
 * file takes it, so the same file again would change nothing; the
 * importer says so instead of reading it.  0 with *b, ORDO_ENOTFOUND, or
 * ORDO_EPERM (importing needs a clerk).
 */
int	 batch_same_file(struct db_txn *, const char *, const char *,
	    const char *, struct batch *, char **);
/*
 * Store b's counters (and finished time if b->finished != 0) with an
 * audit record of them: "import.chunk" while running, then "import.finish".
 */
int	 batch_save(struct db_txn *, const struct batch *, char **);
int	 batch_get(struct db_txn *, uint64_t, struct batch *, char **);
int	 batch_each(struct db_txn *,
	    int (*)(const struct batch *, void *), void *);
void	 batch_free(struct batch *);
/*
 * Undo a batch: cancel every order it created, releasing reservations.
 * Refused (ORDO_ESTATE, naming them) if any has shipped.  Needs manager.
 */
int	 batch_undo(struct db_txn *, uint64_t, char **);

/*
 * Land one imported order.  o carries channel, ext_id, ext_number,
 * ship_to, notes, created, shipping and lines (sku as the channel wrote
 * it, name, qty, unit_price, discount, tax_rate -1 for the default).
 * unknown_flag: 1 import unknown SKUs flagged LINE_UNMAPPED, 0 reject.
 * *res says what happened; o->id is the order's id; for an order the
 * marketplace says shipped or delivered, o->status is the status it was
 * left in here.  The rest of o is given back as it came (SKUs as the channel wrote them, customer as
 * given), so the same o can be applied again when the caller's
 * transaction is re-run from the start.
 */
int	 batch_apply(struct db_txn *, const struct batch *, struct order *,
	    enum mkt_status, const char *, const char *, int,
	    enum imp_result *, char **);

/*
 * The same without a child transaction, for speed: any error (a refusal
 * included) is returned, and the caller must then abort its transaction
 * and apply the orders again with batch_apply.  The importer runs each
 * chunk this way first; a chunk holding a refused order is re-run.
 */
int	 batch_apply_direct(struct db_txn *, const struct batch *,
	    struct order *, enum mkt_status, const char *, const char *, int,
	    enum imp_result *, char **);
/*
 * 1 if an order the marketplace says st of, left in status s here, is
 * not all shipped (short of stock, or partly shipped): the same file
 * again would ship it, so a batch with one is never skipped (its open
 * count, batch_same_file).
 */
int	 batch_order_open(enum mkt_status, enum order_status);
/*
 * Set b's order counts from the results so far, counted by enum
 * imp_result (w[IMP_NRESULTS]), and the open orders.  orders_short counts
 * the drafts short of stock and those with an unknown SKU.
 */
void	 batch_tally(struct batch *, const int64_t *, int64_t);
/* 1 if an error from batch_apply_direct is a refusal of that order. */
int	 batch_refusal(int);

/*
 * An imported order's currency must be the company's (ordo keeps one
 * currency); an empty one is taken as the company's.  0, or ORDO_EINVAL
 * with the reason.
 */
int	 batch_currency_ok(const struct config *, const char *, char **);

/*
 * After alias_set(channel, sku, ...): every draft imported from channel
 * with a line flagged unmapped for that channel SKU is confirmed, which
 * maps the line (order_confirm): *fixed counts those confirmed, *shortn
 * those still drafts (short of stock, or another line still unknown).
 * An order the marketplace has shipped is shipped here by importing its
 * file again.  Needs a clerk.
 */
int	 alias_repair(struct db_txn *, const char *, const char *, size_t *,
	    size_t *, char **);

#endif
