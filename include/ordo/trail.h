/*
 * trail.h: the records against their trail.  Part of "ordo check": it
 * finds what was written to data.mdb without going through ordo (an
 * mdb_load of an edited dump, a program of one's own), by holding the
 * records to the audit table and the order history that ordo writes in
 * the same transaction as every change:
 *  - the audit records are numbered 1, 2, 3, ... with no gap, up to the
 *    audit sequence;
 *  - every item and customer has its audit records, one per version
 *    (added, then each change), and is what its last audit record wrote
 *    (the digest of audit.h; the cost of an item is left out: receipts
 *    move it, and the stock moves are its trail); an audit record of an
 *    item or customer that is not there says it was removed;
 *  - every SKU alias is what its last "alias.set" audit record set, and
 *    every alias so set is there;
 *  - every order has a history record for each of its versions, 1 to
 *    the version it is at, and no history names an order that is not
 *    there.
 * What it cannot see (ordo(1), "ordo check"): a writer who also writes
 * matching audit and history records; moves, journal entries, payments
 * and pick data written consistently with the other tables (the other
 * checks hold them to each other, not to a person); audit or history
 * records removed from the end together with their sequence.
 */
#ifndef ORDO_TRAIL_H
#define ORDO_TRAIL_H

#include "ordo/db.h"

/*
 * Each finding is one sentence to fn.  Returns the number of findings,
 * or -1 when the database could not be read.
 */
long	 trail_check(struct db_txn *, void (*)(const char *, void *), void *);

#endif
