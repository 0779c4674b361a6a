/*
 * core.c: the role check and the company setup shared by every module.
 */
#include <stdio.h>

#include "ordo/config.h"
#include "ordo/core.h"
#include "ordo/error.h"
#include "ordo/ledger.h"
#include "ordo/stock.h"
#include "ordo/util.h"
#include "ordo/xmalloc.h"

static const char *role_articles[] = { "a", "a", "a", "a", "a", "an" };

int
core_require(struct db_txn *tx, enum role need, const char *what,
    char **cause)
{
	if (tx->role >= (int)need)
		return (0);
	return (cause_set(cause, ORDO_EPERM, "%s is %s %s; %s needs %s %s "
	    "or above", tx->user, role_articles[tx->role],
	    config_role_name(tx->role), what, role_articles[need],
	    config_role_name(need)));
}

int
core_setup(struct db_txn *tx, char **cause)
{
	int	 rc;

	if (tx->cfg == NULL)
		return (cause_set(cause, ORDO_ECONFIG, "no configuration"));
	if ((rc = stock_sync_locations(tx, cause)) != 0)
		return (rc);
	return (ledger_sync_accounts(tx, cause));
}

int
core_digits(const struct db_txn *tx)
{
	return (tx->cfg != NULL ? tx->cfg->minor_digits : 2);
}

char *
core_money(const struct db_txn *tx, char *buf, size_t len, int64_t v)
{
	return (money_fmt(buf, len, v, core_digits(tx)));
}
