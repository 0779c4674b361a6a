/*
 * core.c: the role check and the company setup shared by every module.
 */
#include <stdio.h>
#include <string.h>

#include "ordo/company.h"
#include "ordo/config.h"
#include "ordo/core.h"
#include "ordo/error.h"
#include "ordo/ledger.h"
#include "ordo/money.h"
#include "ordo/stock.h"
#include "ordo/xmalloc.h"

static const char *role_articles[] = { "a", "a", "a", "a", "a", "an" };

int
core_require(struct db_txn *tx, enum role need, const char *what,
    char **cause)
{
	if (tx->co->role >= need)
		return (0);
	return (cause_set(cause, ORDO_EPERM, "%s is %s %s; %s needs %s %s "
	    "or above", tx->co->user, role_articles[tx->co->role],
	    config_role_name(tx->co->role), what, role_articles[need],
	    config_role_name(need)));
}

int
core_setup(struct db_txn *tx, char **cause)
{
	int	 rc;

	if (tx->co->cfg == NULL)
		return (cause_set(cause, ORDO_ECONFIG, "no configuration"));
	if ((rc = core_currency_keep(tx, cause)) != 0 ||
	    (rc = stock_sync_locations(tx, cause)) != 0)
		return (rc);
	return (ledger_sync_accounts(tx, cause));
}

int
core_digits(const struct db_txn *tx)
{
	return (tx->co->cfg != NULL ? tx->co->cfg->minor_digits : 2);
}

char *
core_money(const struct db_txn *tx, char *buf, size_t len, int64_t v)
{
	return (money_fmt(buf, len, v, core_digits(tx)));
}

#define CORE_CURRENCY_KEY	"currency"

int
core_currency_check(struct db_txn *tx, int *missing, char **cause)
{
	MDB_val		 v;
	char		 want[64], have[64];
	int		 rc;

	*missing = 0;
	if (tx->co->cfg == NULL)
		return (cause_set(cause, ORDO_ECONFIG, "no configuration"));
	snprintf(want, sizeof want, "%s %d", tx->co->cfg->currency,
	    tx->co->cfg->minor_digits);
	rc = db_get(tx, TB_META, CORE_CURRENCY_KEY,
	    strlen(CORE_CURRENCY_KEY), &v);
	if (rc == MDB_NOTFOUND) {
		*missing = 1;
		return (0);
	}
	if (rc != 0)
		return (rc);
	snprintf(have, sizeof have, "%.*s", (int)v.mv_size,
	    (const char *)v.mv_data);
	if (strcmp(have, want) == 0)
		return (0);
	return (cause_set(cause, ORDO_ECONFIG, "%s: currency %s with %d "
	    "minor digits, but this company was made with %s minor digits; "
	    "its amounts would be misread (change the configuration back)",
	    tx->co->cfg->path != NULL ? tx->co->cfg->path : "the configuration",
	    tx->co->cfg->currency, tx->co->cfg->minor_digits, have));
}

int
core_currency_keep(struct db_txn *tx, char **cause)
{
	char	 want[64];
	int	 missing, rc;

	if ((rc = core_currency_check(tx, &missing, cause)) != 0 || !missing)
		return (rc);
	snprintf(want, sizeof want, "%s %d", tx->co->cfg->currency,
	    tx->co->cfg->minor_digits);
	return (db_put(tx, TB_META, CORE_CURRENCY_KEY,
	    strlen(CORE_CURRENCY_KEY), want, strlen(want), 0));
}
