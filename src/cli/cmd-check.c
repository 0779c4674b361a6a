/*
 * cmd-check.c: "ordo check", "ordo backup DIR", "ordo version" and the
 * summary printed by a bare "ordo" off a terminal.
 */
#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ordo/check.h"
#include "ordo/company.h"
#include "ordo/config.h"
#include "ordo/db.h"
#include "ordo/error.h"
#include "ordo/item.h"
#include "ordo/priv.h"
#include "ordo/stock.h"
#include "ordo/xmalloc.h"

#include "cli.h"

struct check_arg {
	long		 violations;
	size_t		 items;
	size_t		 customers;
	size_t		 orders;
	size_t		 entries;
	size_t		 moves;
	size_t		 low;
	size_t		 due;		/* stock rows to count */
	FILE		*out;
};

struct summary_walk {
	struct db_txn		*tx;
	struct check_arg	*ca;
};

static int	 check_fn(struct db_txn *, void *, char **);
static void	 check_print(const char *, void *);
static int	 check_counts(struct db_txn *, void *, char **);
static int	 check_due(const struct stock *, void *);
static int	 summary_low(const struct item *, void *);
static int	 summary_fn(struct db_txn *, void *, char **);
static int	 summary_item(const struct item *, void *);

static void
check_print(const char *what, void *arg)
{
	struct check_arg	*ca = arg;

	fprintf(ca->out, "%s\n", what);
}

/* A row shipped beyond the books (stock.h): not wrong, but to count. */
static int
check_due(const struct stock *st, void *arg)
{
	struct check_arg	*ca = arg;

	ca->due++;
	fprintf(ca->out, "count due: %s at %s: on hand %lld, reserved %lld "
	    "(a marketplace shipped more than the books held); count it: "
	    "ordo stock adjust %s COUNTED --loc %s\n", st->sku, st->loc,
	    (long long)st->on_hand, (long long)st->reserved, st->sku,
	    st->loc);
	return (0);
}

static int
check_counts(struct db_txn *tx, void *arg, char **cause)
{
	struct check_arg	*ca = arg;

	(void)cause;
	ca->items = db_count(tx, TB_ITEMS);
	ca->customers = db_count(tx, TB_CUSTOMERS);
	ca->orders = db_count(tx, TB_ORDERS);
	ca->entries = db_count(tx, TB_JOURNAL);
	ca->moves = db_count(tx, TB_MOVES);
	return (0);
}

static int
check_fn(struct db_txn *tx, void *arg, char **cause)
{
	struct check_arg	*ca = arg;

	ca->violations = check_all(tx, check_print, ca);
	if (ca->violations < 0)
		return (cause_set(cause, ORDO_EIO, "the checker could not "
		    "read the database"));
	if (stock_counts_due(tx, check_due, ca) != 0)
		return (cause_set(cause, ORDO_EIO, "the checker could not "
		    "read the stock"));
	return (check_counts(tx, arg, cause));
}

int
cmd_check(struct cli *cli, int argc, char **argv)
{
	struct check_arg	 ca;
	char			*cause = NULL;
	int			 c, rc;

	while ((c = cli_getopt(cli, argc, argv, NULL, cli_no_opts)) != -1)
		return (EXIT_USAGE);
	if ((rc = cli_nargs(cli, argc - optind, 0, 0)) != 0)
		return (rc);
	memset(&ca, 0, sizeof ca);
	ca.out = stdout;
	if ((rc = db_read(cli->db, check_fn, &ca, &cause)) != 0) {
		rc = cli_fail(cli, rc, cause);
		free(cause);
		return (rc);
	}
	if (ca.violations > 0) {
		fprintf(stderr, "ordo: check: %ld violation%s\n",
		    ca.violations, ca.violations == 1 ? "" : "s");
		return (EXIT_REFUSED);
	}
	printf("ok: %zu items, %zu customers, %zu orders, %zu journal "
	    "entries, %zu stock moves\n", ca.items, ca.customers, ca.orders,
	    ca.entries, ca.moves);
	return (EXIT_OK);
}

int
cmd_backup(struct cli *cli, int argc, char **argv)
{
	struct check_arg	 ca;
	struct db		*copy = NULL;
	struct company		*copyco;
	struct stat		 sb;
	char			*cause = NULL, *path, *lock;
	const char		*dir;
	int			 c, rc, had_lock, stream;

	while ((c = cli_getopt(cli, argc, argv, NULL, cli_no_opts)) != -1)
		return (EXIT_USAGE);
	if ((rc = cli_nargs(cli, argc - optind, 1, 1)) != 0)
		return (rc);
	if ((rc = cli_finance(cli, "taking a backup")) != 0)
		return (rc);
	dir = argv[optind];
	if ((rc = db_backup(cli->db, dir, &stream, &cause)) != 0)
		goto fail;
	if (stream) {
		printf("backup %s: written; not a directory, so not "
		    "verified\n", dir);
		return (EXIT_OK);
	}

	/*
	 * Verify: the copy is another file, so this process may open it (it
	 * may not open the same environment twice).  LMDB makes a lock file
	 * to read it; a fresh backup has none, so it is removed again.
	 */
	xasprintf(&lock, "%s/lock.mdb", dir);
	priv_drop();
	had_lock = access(lock, F_OK) == 0;
	rc = db_open(&copy, dir, DB_RDONLY, 0, &cause);
	if (rc == 0) {
		copyco = company_attach(copy, cli->cfg, cli->co->user,
		    cli->co->role);
		memset(&ca, 0, sizeof ca);
		ca.out = stdout;
		rc = db_read(copy, check_fn, &ca, &cause);
		company_close(copyco);
	}
	if (!had_lock)
		unlink(lock);
	priv_restore();
	free(lock);
	if (rc != 0) {
		fprintf(stderr, "ordo: backup: %s: the copy does not verify\n",
		    dir);
		goto fail;
	}
	if (ca.violations > 0) {
		printf("backup %s: %ld violation%s\n", dir, ca.violations,
		    ca.violations == 1 ? "" : "s");
		return (EXIT_REFUSED);
	}
	xasprintf(&path, "%s/data.mdb", dir);
	if (stat(path, &sb) == -1)
		sb.st_size = 0;
	free(path);
	printf("backup %s: ok, %lld bytes\n", dir, (long long)sb.st_size);
	return (EXIT_OK);

fail:
	rc = cli_fail(cli, rc, cause);
	free(cause);
	return (rc);
}

int
cmd_version(struct cli *cli, int argc, char **argv)
{
	int	 c, rc;

	while ((c = cli_getopt(cli, argc, argv, NULL, cli_no_opts)) != -1)
		return (EXIT_USAGE);
	if ((rc = cli_nargs(cli, argc - optind, 0, 0)) != 0)
		return (rc);
	printf("ordo %s\n", ORDO_VERSION);
	return (EXIT_OK);
}

static int
summary_low(const struct item *it, void *arg)
{
	struct check_arg	*ca = arg;

	(void)it;
	ca->low++;
	return (0);
}

static int
summary_item(const struct item *it, void *arg)
{
	struct summary_walk	*sw = arg;
	int64_t			 avail;

	if (it->active && stock_low(sw->tx, it->sku, &avail) == 1)
		summary_low(it, sw->ca);
	return (0);
}

static int
summary_fn(struct db_txn *tx, void *arg, char **cause)
{
	struct check_arg	*ca = arg;
	struct summary_walk	 sw;

	ca->low = 0;
	check_counts(tx, arg, cause);
	sw.tx = tx;
	sw.ca = ca;
	return (item_each(tx, NULL, summary_item, &sw));
}

int
cmd_summary(struct cli *cli)
{
	struct check_arg	 ca;
	char			*cause = NULL;
	int			 rc;

	memset(&ca, 0, sizeof ca);
	if ((rc = db_read(cli->db, summary_fn, &ca, &cause)) != 0) {
		rc = cli_fail(cli, rc, cause);
		free(cause);
		return (rc);
	}
	printf("company: %s\n", cli->cfg->company);
	printf("items: %zu\n", ca.items);
	printf("customers: %zu\n", ca.customers);
	printf("orders: %zu\n", ca.orders);
	printf("low stock: %zu\n", ca.low);
	return (EXIT_OK);
}
