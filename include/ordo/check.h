/*
 * check.h: the invariant checker behind "ordo check", the tests and the
 * backup verifier.  Recomputes everything from the records and compares
 * with what is materialised; each violation is one sentence to fn.
 *
 * Invariants: every entry balances (>= 2 postings, sum 0, accounts
 * exist); the trial balance is zero; each account balance equals the sum
 * of its postings; on-hand = sum of moves per item and location; reserved
 * = reserved quantity of open orders; available >= 0; inventory account =
 * sum of stock values; receivable account = sum of customer balances =
 * open invoices - unallocated payments; each (channel, external id) at
 * most once; indexes agree with their tables; order totals = sum of
 * lines; every record decodes.
 */
#ifndef ORDO_CHECK_H
#define ORDO_CHECK_H

#include <stddef.h>

#include "ordo/db.h"

/* Returns the number of violations (0: all good), or -1 on error. */
long	 check_all(struct db_txn *, void (*)(const char *, void *), void *);

#endif
