/*
 * pick.h: picking in the warehouse: bins, the wave queue, waves and their
 * tasks, short picks and packing.  The CLI ("ordo pick") and the picker
 * screens call these functions; every rule is here.
 *
 * Bins.  An item has a bin per location (TB_BINS, SKU NUL LOC -> bin).
 * Where a location has none, the item's own bin (item.h) is its bin at
 * the first configured location, and it has none elsewhere.  A bin is
 * 1..32 printable ASCII bytes.  The walk order of a location's bins: the
 * location's "walk" list in the config (bin codes or prefixes; a bin
 * goes with the first entry it starts with), then the bins not listed;
 * within each, the code as a person reads it: split into runs of digits
 * and of other characters, digits compared as numbers (A-2-1 before
 * A-10-1), so aisle, shelf and level sort as walked.
 *
 * The queue.  An order is waiting at a location while it is confirmed,
 * picking or partial and a line served from there has reserved
 * quantity not yet picked and not claimed by a wave.  The queue
 * (TB_PICK_QUEUE) holds one key per waiting (order, location): LOC NUL,
 * u8 255 - priority, i64 promised day (none: last), u16 rank of the
 * order's channel in the config's pick.channels (unlisted: after them),
 * i64 day created, u64 order; so the next wave is the first keys at
 * the location: most urgent, promised soonest, preferred channel,
 * oldest (by day, then by number: orders are numbered as they come).
 * TB_PICK_QPOS (u64 order, LOC) gives each order's key; TB_PICK_PRIO
 * (u64 order) -> {u8 priority 0..9, i64 promised day} is set by a clerk.
 * Every order event keeps the queue in its own transaction
 * (pick_order_changed, called when an order is saved), so taking a wave
 * reads a few keys whatever the company's size.
 *
 * Waves.  A picker takes a wave at a location: up to pick.wave_orders
 * orders (and pick.wave_lines lines) from the head of the queue, or one
 * order by its number.  In the same transaction every line is claimed
 * (TB_PICK_CLAIMS, u64 order, u16 line -> {u64 wave, i64 qty}): a line
 * has at most one claim, so two pickers never get the same line.  The
 * wave (TB_WAVES, u64 id -> record) keeps its tasks in walk order, the
 * step the picker is at and what was counted, and is written at every
 * scan, so a picker who logs in again anywhere continues where they
 * stopped.  TB_WAVE_OPEN (user NUL u64 id) lists the open waves; a
 * picker has at most one.  A wave idle for pick.claim_minutes is
 * released when anyone takes a wave or its picker comes back:
 * unconfirmed counts are dropped, the claims deleted, the orders queued
 * again.  Picks already confirmed stay picked.
 *
 * Steps of a task: at the location (scan the bin, or key it with its
 * check digits), then the item (its barcode, or the SKU), then the
 * quantity: each scan of the item counts one; confirming takes the
 * counted quantity, or the asked one if only the first scan was made.
 * Fewer than asked is a short pick: an explicit event that picks what
 * was found, releases the reservation of the rest (order_short: the
 * line is backordered by the order rules) and records the shortfall
 * (TB_PICK_SHORTS) for a stocktake.  When every task of an order in the
 * wave is finished and none of its lines waits to be picked, the order
 * is to be packed (order_pack) before the next task.
 *
 * Roles: picker for waves, scans, shorts and packing; clerk to set a
 * priority; manager to release another picker's wave.
 */
#ifndef ORDO_PICK_H
#define ORDO_PICK_H

#include <stddef.h>
#include <stdint.h>

#include "ordo/db.h"

struct order;

#define PICK_BIN_MAX	32
#define PICK_PRIO_MAX	9

#define PICK_TASK_STATES					\
	X(TASK_OPEN,	"open")						\
	X(TASK_DONE,	"picked")					\
	X(TASK_SHORT,	"short")					\
	X(TASK_GONE,	"withdrawn")

enum pick_task_state {
#define X(id, name) id,
	PICK_TASK_STATES
#undef X
	TASK_NSTATES
};

enum wave_state {
	WAVE_OPEN,
	WAVE_DONE,
	WAVE_RELEASED
};

/* Where the picker is: what the next scan or key is for. */
enum pick_step {
	STEP_LOCATION,		/* go to the bin and scan it */
	STEP_ITEM,		/* scan the item */
	STEP_QTY,		/* scan more or confirm the quantity */
	STEP_PACK,		/* pack the order */
	STEP_DONE		/* the wave is finished */
};

struct pick_task {
	uint64_t	 order;
	uint16_t	 line;
	char		*sku;
	char		*name;
	char		*bin;		/* "" if the item has no bin here */
	char		*barcode;	/* the code expected: barcode or SKU */
	int64_t		 qty;		/* asked */
	int64_t		 counted;	/* scanned, not yet confirmed */
	int64_t		 picked;	/* confirmed */
	int64_t		 shorted;
	enum pick_task_state state;
};

struct pick_wave_order {
	uint64_t	 id;
	int		 state;		/* 0 picking, 1 to pack, 2 packed,
					   3 done without packing */
};

struct pick_wave {
	uint64_t	 id;
	char		*user;
	char		*loc;
	enum wave_state	 state;
	int64_t		 created;
	int64_t		 touched;	/* last scan or key */
	size_t		 cur;		/* the current task */
	int		 located;	/* its location was scanned */
	struct pick_task *tasks;
	size_t		 ntasks;
	struct pick_wave_order *orders;
	size_t		 norders;
};

/* A waiting order as the queue lists it. */
struct pick_queued {
	uint64_t	 order;
	const char	*loc;
	int		 priority;
	int32_t		 promised;	/* day, or -1 */
	const char	*channel;
	int64_t		 created;
	const char	*customer;
	size_t		 lines;		/* lines waiting here */
};

struct pick_short {
	uint64_t	 id;
	uint64_t	 order;
	uint16_t	 line;
	uint64_t	 wave;
	char		*sku;
	char		*loc;
	char		*bin;
	int64_t		 qty;		/* missing */
	char		*user;
	int64_t		 time;
};

const char *pick_task_state_name(enum pick_task_state);

/* Bins. */
/* 1 if s is a valid bin code. */
int	 pick_bin_valid(const char *);
/* Set an item's bin at a location ("" removes it).  Needs a clerk. */
int	 pick_bin_set(struct db_txn *, const char *, const char *,
	    const char *, char **);
/* The bin of an item at a location, allocated ("" if none). */
int	 pick_bin_get(struct db_txn *, const char *, const char *, char **);
/* Compare two bins of a location in walk order (<0, 0, >0). */
int	 pick_bin_cmp(const struct config *, const char *, const char *,
	    const char *);
/*
 * The check digits a keyed bin code needs (pick.check_digits of them;
 * none when 0): written into buf (at least 5 bytes).
 */
void	 pick_check_digits(const struct config *, const char *, char *,
	    size_t);

/* The queue. */
/*
 * Keep the queue and the claims of order o, just saved with status
 * "from" before (-1: a new order).  Called by the order module.
 */
int	 pick_order_changed(struct db_txn *, const struct order *, int);
/* Set an order's priority (0..9, 9 most urgent) and promised day (-1). */
int	 pick_set_priority(struct db_txn *, uint64_t, int, int32_t, char **);
/*
 * Visit the waiting orders at loc (NULL: every location) in queue order,
 * after order "after" (0: from the head); fn as every walk (db.h).
 */
int	 pick_queue_each(struct db_txn *, const char *, uint64_t,
	    int (*)(const struct pick_queued *, void *), void *);
/*
 * Build the queue for the orders of a company made before it existed
 * and take over the items' bins, if the storage migration asked for it
 * (the meta key "pick_build"); else nothing.
 */
int	 pick_upgrade(struct db_txn *, char **);
/* 1 if pick_upgrade has work to do. */
int	 pick_upgrade_needed(struct db_txn *);

/* Waves. */
/*
 * Take a wave at loc (NULL: the first location): the order given, or
 * (0) the next orders of the queue.  Expired waves are released first.
 * Errors: ORDO_EEXIST if this picker already has an open wave (its id in
 * w->id), ORDO_ENOTFOUND if nothing waits (or the order does not wait
 * here), ORDO_EPERM, ORDO_EINVAL.
 */
int	 pick_wave_take(struct db_txn *, const char *, uint64_t,
	    struct pick_wave *, char **);
/*
 * The picker's open wave, touched (written); if it was idle too long it
 * is released and ORDO_ENOTFOUND says so.  ORDO_ENOTFOUND if none.
 */
int	 pick_wave_resume(struct db_txn *, struct pick_wave *, char **);
/* Read a wave (caller frees); ORDO_ENOTFOUND. */
int	 pick_wave_get(struct db_txn *, uint64_t, struct pick_wave *, char **);
/* The open wave of a user, read only; ORDO_ENOTFOUND. */
int	 pick_wave_of(struct db_txn *, const char *, uint64_t *);
void	 pick_wave_free(struct pick_wave *);
/* What the wave waits for now. */
enum pick_step pick_wave_step(const struct pick_wave *);
/* The order to pack at STEP_PACK (0 if none). */
uint64_t pick_wave_pack_order(const struct pick_wave *);
/* Numbers for a status line: tasks finished and all. */
void	 pick_wave_progress(const struct pick_wave *, size_t *, size_t *);

/*
 * The steps, on the caller's open wave w (read by pick_wave_resume or
 * take in this or an earlier transaction; w is re-read and updated).
 * Each writes the wave in the transaction.  A wrong scan is ORDO_EINVAL
 * with a cause that says what was expected, and writes nothing.
 *
 * pick_scan: one code, taken as the step needs: a location at
 *   STEP_LOCATION (keyed: with its check digits), an item at STEP_ITEM
 *   or STEP_QTY (one more counted), the order number at STEP_PACK.
 * pick_confirm: at STEP_QTY, confirm qty (-1: the quantity shown, as
 *   pick_shown_qty); fewer than asked is refused (short-pick instead).
 * pick_short: at STEP_ITEM or STEP_QTY, found (0..asked-1, -1: what was
 *   counted) were there: picks them and shorts the rest.
 * pick_back: one step back (quantity -> item -> location), dropping
 *   what was counted.
 * pick_pack: at STEP_PACK, pack the order.
 * pick_release: give the wave back (a manager may release anyone's:
 *   pick_release_id).
 */
int	 pick_scan(struct db_txn *, struct pick_wave *, const char *, int,
	    char **);
int	 pick_confirm(struct db_txn *, struct pick_wave *, int64_t, char **);
int	 pick_short(struct db_txn *, struct pick_wave *, int64_t, char **);
int	 pick_back(struct db_txn *, struct pick_wave *, char **);
int	 pick_pack(struct db_txn *, struct pick_wave *, char **);
int	 pick_release(struct db_txn *, struct pick_wave *, char **);
int	 pick_release_id(struct db_txn *, uint64_t, char **);
/* The quantity the prompt shows at STEP_QTY. */
int64_t	 pick_shown_qty(const struct pick_wave *);

/* Short picks, oldest first. */
int	 pick_shorts_each(struct db_txn *, uint64_t,
	    int (*)(const struct pick_short *, void *), void *);

/*
 * The checker's part (check.h): claims, queue, waves, bins and shorts;
 * each violation is one sentence to fn.  Returns the number found, or
 * -1 when the tables could not be read.
 */
long	 pick_check(struct db_txn *, void (*)(const char *, void *), void *);

#endif
