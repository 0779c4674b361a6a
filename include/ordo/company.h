/*
 * company.h: the company a person works in: its configuration, its open
 * database, who is at work and in which role.
 *
 * The storage layer carries a company through every transaction
 * (tx->co) without looking into it; the core reads the configuration,
 * the user and the role from there.  Both front ends open a company with
 * company_open, the one way in.
 */
#ifndef ORDO_COMPANY_H
#define ORDO_COMPANY_H

#include <stddef.h>
#include <stdint.h>

#include "ordo/config.h"
#include "ordo/db.h"

struct company {
	struct db		*db;
	const struct config	*cfg;	/* not owned */
	char			*user;	/* login: audit, creator */
	enum role		 role;	/* the user's role here */
	const char		*notice; /* why it opened read-only, to
					    tell the user; or NULL */
};

/*
 * Open the company of cfg in dir (flags: db.h's DB_*): the database, who
 * is at work (trust_identity), a viewer read-only, the currency the
 * company was made with (company_currency_check; kept when it was made
 * before currencies were), and what an upgrade left for the core (the
 * pick queue).  Errors: db_open's, trust_identity's, company_currency_check's,
 * with a cause.
 */
int	 company_open(struct company **, const struct config *, const char *,
	    int, char **);
/*
 * A company around a database opened otherwise (a new company being
 * made, a backup being verified, tests): user NULL means the real login.
 * db->co is set to it.
 */
struct company *company_attach(struct db *, const struct config *,
	    const char *, enum role);
/* Make the company match its config: locations and chart of accounts. */
int	 company_setup(struct db_txn *, char **);
/*
 * The company's currency and its minor digits are fixed when it is made
 * and kept in it: company_setup stores them.  company_currency_check refuses
 * (ORDO_ECONFIG, naming both) a configuration that disagrees, and sets
 * *missing for a company made before they were kept (company_currency_keep
 * then stores the configuration's).
 */
int	 company_currency_check(struct db_txn *, int *, char **);
int	 company_currency_keep(struct db_txn *, char **);

/* Close the database (if any) and free. */
void	 company_close(struct company *);

/*
 * The day (days since 1970-01-01) a time falls on in the company's
 * zone: "today", the day of an order, of a payment, of a report row.
 * The configuration's timezone (config.h), which company_attach makes
 * the process's (TZ) so that printed times agree; UTC without one or
 * without a company.
 */
int32_t	 company_day(const struct company *, int64_t);
/* A time as "YYYY-MM-DD HH:MM:SS" in the company's zone (TIME_BUFSZ). */
char	*company_time_fmt(const struct company *, char *, size_t, int64_t);

#endif
