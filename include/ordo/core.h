/*
 * core.h: what every business module shares: the role check and the
 * company setup.
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

/* Make the company match its config: locations and chart of accounts. */
int	 core_setup(struct db_txn *, char **);
/*
 * The company's currency and its minor digits are fixed when it is made
 * and kept in it: core_setup stores them.  core_currency_check refuses
 * (ORDO_ECONFIG, naming both) a configuration that disagrees, and sets
 * *missing for a company made before they were kept (core_currency_keep
 * then stores the configuration's).
 */
int	 core_currency_check(struct db_txn *, int *, char **);
int	 core_currency_keep(struct db_txn *, char **);

/* Minor digits of the company currency (2 when there is no config). */
int	 core_digits(const struct db_txn *);
/* Format money in the company currency into buf. */
char	*core_money(const struct db_txn *, char *, size_t, int64_t);

#endif
