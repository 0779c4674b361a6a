/*
 * company.c: opening a company (company.h).
 */
#include <stdlib.h>

#include "ordo/company.h"
#include "ordo/core.h"
#include "ordo/error.h"
#include "ordo/pick.h"
#include "ordo/trust.h"
#include "ordo/xmalloc.h"

static int	 company_currency_check(struct db_txn *, void *, char **);
static int	 company_currency_keep(struct db_txn *, void *, char **);
static int	 company_upgrade_needed(struct db_txn *, void *, char **);
static int	 company_upgrade(struct db_txn *, void *, char **);

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
	return (co);
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
company_currency_check(struct db_txn *tx, void *arg, char **cause)
{
	return (core_currency_check(tx, arg, cause));
}

static int
company_currency_keep(struct db_txn *tx, void *arg, char **cause)
{
	(void)arg;
	return (core_currency_keep(tx, cause));
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
	mapsize = getenv("ORDO_MAPSIZE") != NULL ? 0 : cfg->map_size;
	if ((rc = db_open(&db, dir, flags, mapsize, cause)) != 0)
		return (rc);
	if ((rc = trust_identity(cfg, dir, &user, &role, cause)) != 0) {
		db_close(db);
		return (rc);
	}
	co = company_attach(db, cfg, user, role);
	free(user);
	if (role == ROLE_VIEWER && !db->rdonly) {
		db->rdonly = 1;
		db->rdonly_why = "your role is viewer";
	} else
		co->notice = db->rdonly_why;
	/* The currency the company was made with (core.h). */
	if ((rc = db_read(db, company_currency_check, &need, cause)) == 0 &&
	    need && !db->rdonly)
		rc = db_write(db, company_currency_keep, NULL, cause);
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
