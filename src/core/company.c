/*
 * company.c: opening a company and making it match its configuration
 * (company.h): above the ledger and stock modules, which it sets up.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ordo/company.h"
#include "ordo/core.h"
#include "ordo/date.h"
#include "ordo/error.h"
#include "ordo/ledger.h"
#include "ordo/pick.h"
#include "ordo/stock.h"
#include "ordo/trust.h"
#include "ordo/xmalloc.h"

static int	 currency_check_fn(struct db_txn *, void *, char **);
static int	 currency_keep_fn(struct db_txn *, void *, char **);
static int	 company_upgrade_needed(struct db_txn *, void *, char **);
static int	 company_upgrade(struct db_txn *, void *, char **);
static int64_t	 company_offset(const struct company *, int64_t);

struct company *
company_attach(struct db *db, const struct config *cfg, const char *user,
    enum role role)
{
	struct company	*co;

	co = xcalloc(1, sizeof *co);
	co->db = db;
	co->cfg = cfg;
	co->user = user != NULL ? xstrdup(user) : trust_login();
	co->role = role;
	if (db != NULL)
		db->co = co;
	if (cfg != NULL && cfg->timezone != NULL) {
		setenv("TZ", cfg->timezone, 1);
		tzset();
	}
	return (co);
}

/* Seconds the company's zone is ahead of UTC at time t. */
static int64_t
company_offset(const struct company *co, int64_t t)
{
	struct tm	 tm;
	time_t		 tt = (time_t)t;

	if (co == NULL || co->cfg == NULL || co->cfg->timezone == NULL ||
	    localtime_r(&tt, &tm) == NULL)
		return (0);
	return (tm.tm_gmtoff);
}

int32_t
company_day(const struct company *co, int64_t t)
{
	return (date_from_time(t + company_offset(co, t)));
}

char *
company_time_fmt(const struct company *co, char *buf, size_t len,
    int64_t t)
{
	return (time_fmt(buf, len, t + company_offset(co, t)));
}

void
company_close(struct company *co)
{
	if (co == NULL)
		return;
	if (co->db != NULL)
		db_close(co->db);
	free(co->user);
	free(co);
}

static int
currency_check_fn(struct db_txn *tx, void *arg, char **cause)
{
	return (company_currency_check(tx, arg, cause));
}

static int
currency_keep_fn(struct db_txn *tx, void *arg, char **cause)
{
	(void)arg;
	return (company_currency_keep(tx, cause));
}

static int
company_upgrade_needed(struct db_txn *tx, void *arg, char **cause)
{
	(void)cause;
	*(int *)arg = pick_upgrade_needed(tx);
	return (0);
}

static int
company_upgrade(struct db_txn *tx, void *arg, char **cause)
{
	(void)arg;
	return (pick_upgrade(tx, cause));
}

int
company_open(struct company **cop, const struct config *cfg,
    const char *dir, int flags, char **cause)
{
	struct company	*co;
	struct db	*db;
	enum role	 role;
	char		*user;
	size_t		 mapsize;
	int		 rc, need;

	*cop = NULL;
	/* An upgrade at open runs for the real login, with no role. */
	co = company_attach(NULL, cfg, NULL, ROLE_NONE);
	mapsize = getenv("ORDO_MAPSIZE") != NULL ? 0 : cfg->map_size;
	if ((rc = db_open_for(&db, dir, flags, mapsize, co, cause)) != 0) {
		company_close(co);
		return (rc);
	}
	co->db = db;
	if ((rc = trust_identity(cfg, dir, &user, &role, cause)) != 0) {
		company_close(co);
		return (rc);
	}
	free(co->user);
	co->user = user;
	co->role = role;
	if (role == ROLE_VIEWER && !db->rdonly) {
		db->rdonly = 1;
		db->rdonly_why = "your role is viewer";
	} else
		co->notice = db->rdonly_why;
	/* The currency the company was made with (core.h). */
	if ((rc = db_read(db, currency_check_fn, &need, cause)) == 0 &&
	    need && !db->rdonly)
		rc = db_write(db, currency_keep_fn, NULL, cause);
	/* What an upgrade left for the core: the pick queue (pick.h). */
	need = 0;
	if (rc == 0 && !(flags & DB_RDONLY) && !db->rdonly &&
	    (rc = db_read(db, company_upgrade_needed, &need, cause)) == 0 &&
	    need)
		rc = db_write(db, company_upgrade, NULL, cause);
	if (rc != 0) {
		company_close(co);
		return (rc);
	}
	*cop = co;
	return (0);
}

int
company_setup(struct db_txn *tx, char **cause)
{
	int	 rc;

	if (tx->co->cfg == NULL)
		return (cause_set(cause, ORDO_ECONFIG, "no configuration"));
	if ((rc = company_currency_keep(tx, cause)) != 0 ||
	    (rc = stock_sync_locations(tx, cause)) != 0)
		return (rc);
	return (ledger_sync_accounts(tx, cause));
}

#define COMPANY_CURRENCY_KEY	"currency"

int
company_currency_check(struct db_txn *tx, int *missing, char **cause)
{
	MDB_val		 v;
	char		 want[64], have[64];
	int		 rc;

	*missing = 0;
	if (tx->co->cfg == NULL)
		return (cause_set(cause, ORDO_ECONFIG, "no configuration"));
	snprintf(want, sizeof want, "%s %d", tx->co->cfg->currency,
	    tx->co->cfg->minor_digits);
	rc = db_get(tx, TB_META, COMPANY_CURRENCY_KEY,
	    strlen(COMPANY_CURRENCY_KEY), &v);
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
company_currency_keep(struct db_txn *tx, char **cause)
{
	char	 want[64];
	int	 missing, rc;

	if ((rc = company_currency_check(tx, &missing, cause)) != 0 || !missing)
		return (rc);
	snprintf(want, sizeof want, "%s %d", tx->co->cfg->currency,
	    tx->co->cfg->minor_digits);
	return (db_put(tx, TB_META, COMPANY_CURRENCY_KEY,
	    strlen(COMPANY_CURRENCY_KEY), want, strlen(want), 0));
}
