/*
 * core.c: the role check and the money format every module shares.
 */
#include <stdio.h>
#include <string.h>

#include "ordo/company.h"
#include "ordo/config.h"
#include "ordo/core.h"
#include "ordo/error.h"
#include "ordo/money.h"
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
core_digits(const struct db_txn *tx)
{
	return (tx->co->cfg != NULL ? tx->co->cfg->minor_digits : 2);
}

char *
core_money(const struct db_txn *tx, char *buf, size_t len, int64_t v)
{
	return (money_fmt(buf, len, v, core_digits(tx)));
}
