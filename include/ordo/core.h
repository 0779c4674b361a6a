/*
 * core.h: what every business module shares: the role check and the
 * company's money format.  Setting a company up is company.h's.
 */
#ifndef ORDO_CORE_H
#define ORDO_CORE_H

#include "ordo/config.h"
#include "ordo/db.h"

/*
 * Refuse (ORDO_EPERM, "USER is a picker; confirming an order needs a
 * clerk") unless tx->role >= need.  what is a gerund phrase.
 */
int	 core_require(struct db_txn *, enum role, const char *, char **);

/* Minor digits of the company currency (2 when there is no config). */
int	 core_digits(const struct db_txn *);
/* Format money in the company currency into buf. */
char	*core_money(const struct db_txn *, char *, size_t, int64_t);

#endif
