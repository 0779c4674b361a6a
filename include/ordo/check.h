/*
 * check.h: the invariant checker behind "ordo check", the tests and the
 * backup verifier.  Recomputes everything from the records and compares
 * with what is materialised; each violation is one sentence to fn.
 *
 * Invariants (each recomputed from the records):
 *  - Journal: every entry has >= 2 postings, none zero, every account
 *    exists, the amounts sum to 0; a posting names a customer exactly
 *    when its account is the receivable or prepayments account; entry
 *    times never decrease with the id; each reversal is recorded in the
 *    reversals table and that table points only at real reversals; the
 *    postings and posting-by-account tables hold exactly the postings.
 *  - Each stored account balance = the sum of its postings.  The trial
 *    balance of stored balances is then 0; it is reported on its own
 *    only if no entry or account violation already explains it.
 *  - Each stored customer balance (TB_CUST_BAL) = the sum of the
 *    postings naming that customer on that account.  With the two rules
 *    above this makes receivable = sum of customers' receivable balances
 *    and prepayments likewise.
 *  - Documents, per customer c (see src/core/payment.c):
 *      posted receivable(c)  = sum(open of c's invoices, credit notes
 *                              included) - sum(unallocated of c's
 *                              payments that are not prepayments)
 *      posted prepayments(c) = -sum(unallocated of c's prepayments)
 *    and per document: 0 <= open <= amount (credit notes: amount <= open
 *    <= 0), 0 <= unallocated <= amount, and what is settled/used equals
 *    the sum of its allocations; a refund's amount equals the credit it
 *    used; each allocation pairs a credit with a debit of one customer.
 *  - Stock, per item and location: on-hand = sum of move quantities,
 *    value = sum of move values (and 0 when nothing is on hand), the
 *    move index agrees with the moves, reserved = sum of line.reserved
 *    over orders that are confirmed, picking, packed or partial (no other
 *    order holds any), on-hand >= reserved >= 0 unless the row is flagged
 *    for a count (stock.h: a marketplace shipped beyond the books); the inventory account =
 *    sum of row values.
 *  - Orders: net = sum of line net + shipping, tax = sum of line tax +
 *    shipping tax, total = net + tax; each (channel, external id) at most
 *    once and TB_ORD_BY_EXT maps exactly those to their orders; the
 *    status, customer and date indexes hold every order.
 *  - Picking (pick.h, pick_check): each claim names a real line that
 *    waits to be picked and an open task of its open wave; the open
 *    waves are listed exactly; the queue and its positions agree, each
 *    queued order waits there, and every line waiting and unclaimed has
 *    its order queued at its location; bins name real items and
 *    locations; short picks name real lines.
 *  - The aggregates of the read model (agg.h, agg_check): each one
 *    recomputed from the journal, the invoices and payments and the
 *    orders, streaming, and compared row by row (co-occurrence counts
 *    by fingerprints).
 *  - Every record of items, customers, orders, moves, stock, journal,
 *    invoices and payments decodes.
 *  - The records against their trail (trail.h, trail_check): the audit
 *    records have no gap; items, customers and SKU aliases are what
 *    their last audit record wrote; every order has a history record
 *    per version.  What it reports was written outside ordo.
 */
#ifndef ORDO_CHECK_H
#define ORDO_CHECK_H

#include <stddef.h>

#include "ordo/db.h"

/*
 * Run in a read (or write) transaction.  Returns the number of
 * violations (0: all good), or -1 when the database could not be read.
 */
long	 check_all(struct db_txn *, void (*)(const char *, void *), void *);

#endif
