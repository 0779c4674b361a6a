/*
 * cmd-init.c: "ordo init [--demo]": create the company (tables,
 * locations and chart of accounts from the config) and, with --demo,
 * load the demo catalogue, customers and opening stock.
 *
 * The demo files are data/demo/{items,customers,stock}.csv under the
 * project directory (the directory holding config/, found from the
 * config file), or under $ORDO_DEMO_DIR.  Every file is read and checked
 * whole before anything is written, so a bad file leaves no half
 * company: errors name file:line: column.  Rows are then written through
 * item_add, customer_add and stock_opening, a few hundred per
 * transaction.
 *
 * init refuses (exit 1) when the directory already holds a company,
 * without touching it.  If creating or loading fails, the files this
 * command created are removed again.
 *
 * The user who creates a company sets it up: init runs as admin whatever
 * the config says of the login (the files are theirs anyway), so opening
 * stock, which needs an admin, can be loaded by whoever runs make run.
 */
#include <sys/stat.h>

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "ordo/company.h"
#include "ordo/config.h"
#include "ordo/core.h"
#include "ordo/csvin.h"
#include "ordo/customer.h"
#include "ordo/db.h"
#include "ordo/error.h"
#include "ordo/item.h"
#include "ordo/stock.h"
#include "ordo/trust.h"
#include "ordo/xmalloc.h"

#include "cli.h"

#define DEMO_CHUNK	250
#define DEMO_MAXROWS	100000

enum demo_kind {
	DEMO_ITEMS,
	DEMO_CUSTOMERS,
	DEMO_STOCK
};

/* One parsed row: the record it came from and what it became. */
struct demo_row {
	size_t		 line;
	struct item	 it;
	struct customer	 c;
	char		*sku;
	char		*loc;
	int64_t		 qty;
	int64_t		 cost;
};

struct demo_file {
	enum demo_kind	 kind;
	const char	*name;
	char		*path;
	struct demo_row	*rows;
	size_t		 n;
	size_t		 at;		/* next row to write */
};

static int	 init_setup(struct db_txn *, void *, char **);
static char	*demo_dir(const struct cli *);
static int	 demo_read(struct cli *, struct demo_file *, char **);
static int	 demo_parse(struct cli *, struct demo_file *, size_t,
		    char **, const int *, struct demo_row *, char **);
static int	 demo_write(struct db_txn *, void *, char **);
static void	 demo_free(struct demo_file *);
static int	 demo_bool(const char *, int *);
static int	 demo_load(struct cli *, size_t *, char **, char **);

static const char *const demo_cols[][12] = {
	{ "sku", "barcode", "name", "unit", "price", "cost", "reorder_point",
	    "reorder_qty", "bin", "tax", "backorder", NULL },
	{ "code", "name", "phone", "email", "address", "notes", NULL },
	{ "sku", "loc", "qty", "unit_cost", NULL }
};
/* Columns that must be there. */
static const char *const demo_need[][4] = {
	{ "sku", "name", "price", NULL },
	{ "code", "name", NULL },
	{ "sku", "loc", "qty", NULL }
};

static int
init_setup(struct db_txn *tx, void *arg, char **cause)
{
	(void)arg;
	return (company_setup(tx, cause));
}

/* $ORDO_DEMO_DIR, else PROJECT/data/demo. */
static char *
demo_dir(const struct cli *cli)
{
	const char	*env;
	char		*real, *dir, *slash, *out;

	if ((env = getenv("ORDO_DEMO_DIR")) != NULL && *env != '\0')
		return (xstrdup(env));
	if ((real = realpath(cli->cfgpath, NULL)) == NULL)
		real = xstrdup(cli->cfgpath);
	if ((slash = strrchr(real, '/')) != NULL)
		*slash = '\0';
	else {
		free(real);
		real = xstrdup(".");
	}
	dir = real;
	slash = strrchr(dir, '/');
	if (strcmp(slash != NULL ? slash + 1 : dir, "config") == 0) {
		if (slash == NULL)
			strcpy(dir, ".");
		else if (slash == dir)
			dir[1] = '\0';
		else
			*slash = '\0';
	}
	xasprintf(&out, "%s/data/demo", dir);
	free(real);
	return (out);
}

static int
demo_bool(const char *s, int *out)
{
	if (*s == '\0' || strcmp(s, "0") == 0 || strcasecmp(s, "no") == 0 ||
	    strcasecmp(s, "false") == 0)
		*out = 0;
	else if (strcmp(s, "1") == 0 || strcasecmp(s, "yes") == 0 ||
	    strcasecmp(s, "true") == 0)
		*out = 1;
	else
		return (ORDO_EINVAL);
	return (0);
}

/*
 * Turn one record into a row; col[i] is the field index of column i of
 * demo_cols (or -1).  Errors "file:line: column: what".
 */
static int
demo_parse(struct cli *cli, struct demo_file *df, size_t line, char **f,
    const int *col, struct demo_row *r, char **cause)
{
	const char	*const *names = demo_cols[df->kind];
	const char	*v[12];
	char		*why = NULL;
	size_t		 i;
	int		 rc = 0, digits = cli_digits(cli);

	for (i = 0; names[i] != NULL; i++)
		v[i] = col[i] >= 0 ? f[col[i]] : "";
	memset(r, 0, sizeof *r);
	r->line = line;
	switch (df->kind) {
	case DEMO_ITEMS:
		r->it.sku = xstrdup(v[0]);
		r->it.barcode = xstrdup(v[1]);
		r->it.name = xstrdup(v[2]);
		r->it.unit = xstrdup(*v[3] != '\0' ? v[3] : "pcs");
		r->it.bin = xstrdup(v[8]);
		r->it.tax_rate = -1;
		r->it.active = 1;
		if (lineparse_money(names[4], v[4], digits, 0, &r->it.price,
		    &why) != 0 ||
		    (*v[5] != '\0' && lineparse_money(names[5], v[5], digits,
		    0, &r->it.cost, &why) != 0) ||
		    (*v[6] != '\0' && lineparse_qty(names[6], v[6], 0,
		    &r->it.reorder_point, &why) != 0) ||
		    (*v[7] != '\0' && lineparse_qty(names[7], v[7], 0,
		    &r->it.reorder_qty, &why) != 0) ||
		    (*v[9] != '\0' && lineparse_percent(names[9], v[9],
		    &r->it.tax_rate, &why) != 0))
			rc = ORDO_EINVAL;
		else if (demo_bool(v[10], &r->it.backorder) != 0)
			rc = cause_set(&why, ORDO_EINVAL, "%s: not 0/1, yes/no "
			    "or true/false: %s", names[10], v[10]);
		else
			rc = item_validate(&r->it, &why);
		break;
	case DEMO_CUSTOMERS:
		r->c.code = xstrdup(v[0]);
		r->c.name = xstrdup(v[1]);
		r->c.phone = xstrdup(v[2]);
		r->c.email = xstrdup(v[3]);
		r->c.bill_addr = xstrdup(v[4]);
		r->c.ship_addr = xstrdup("");
		r->c.notes = xstrdup(v[5]);
		rc = customer_validate(&r->c, &why);
		break;
	case DEMO_STOCK:
		r->sku = xstrdup(v[0]);
		r->loc = xstrdup(v[1]);
		if (config_location_find(cli->cfg, v[1]) == NULL)
			rc = cause_set(&why, ORDO_EINVAL, "%s: not a location "
			    "of the configuration: %s", names[1], v[1]);
		else if (lineparse_qty(names[2], v[2], LP_NONZERO, &r->qty,
		    &why) != 0 || lineparse_money(names[3], v[3], digits, 0,
		    &r->cost, &why) != 0)
			rc = ORDO_EINVAL;
		break;
	}
	if (rc != 0) {
		rc = cause_set(cause, ORDO_EINVAL, "%s:%zu: %s", df->path,
		    line, why != NULL ? why : "bad row");
		free(why);
		return (rc);
	}
	return (0);
}

/* Read and check a whole demo file into df->rows. */
static int
demo_read(struct cli *cli, struct demo_file *df, char **cause)
{
	const char		*const *names = demo_cols[df->kind];
	const char		*const *need = demo_need[df->kind];
	const struct csvin_rec	*rec;
	struct csvin		*in;
	size_t			 i, j, cap = 0;
	int			 col[12], rc, header = 1;

	if (access(df->path, R_OK) != 0) {
		rc = errno;
		return (cause_set(cause, rc, "no demo data: %s: %s (set "
		    "ORDO_DEMO_DIR to the directory holding %s)", df->path,
		    strerror(rc), df->name));
	}
	if ((rc = csvin_open(&in, df->path, NULL, cause)) != 0)
		return (rc);
	while ((rc = csvin_next(in, &rec, cause)) == 1) {
		if (rec->err != NULL) {
			rc = cause_set(cause, ORDO_EINVAL, "%s:%zu: %s",
			    df->path, rec->line, rec->err);
			break;
		}
		if (header) {
			for (i = 0; names[i] != NULL; i++)
				col[i] = -1;
			for (j = 0; j < rec->nfields; j++) {
				for (i = 0; names[i] != NULL; i++)
					if (strcmp(names[i],
					    rec->fields[j]) == 0)
						break;
				if (names[i] == NULL) {
					rc = cause_set(cause, ORDO_EINVAL,
					    "%s:%zu: unknown column %s",
					    df->path, rec->line,
					    rec->fields[j]);
					goto out;
				}
				if (col[i] != -1) {
					rc = cause_set(cause, ORDO_EINVAL,
					    "%s:%zu: column %s twice",
					    df->path, rec->line, names[i]);
					goto out;
				}
				col[i] = (int)j;
			}
			for (i = 0; need[i] != NULL; i++) {
				for (j = 0; names[j] != NULL; j++)
					if (strcmp(names[j], need[i]) == 0)
						break;
				if (col[j] == -1) {
					rc = cause_set(cause, ORDO_EINVAL,
					    "%s:%zu: no %s column", df->path,
					    rec->line, need[i]);
					goto out;
				}
			}
			csvin_set_ncols(in, rec->nfields);
			header = 0;
			continue;
		}
		if (df->n == DEMO_MAXROWS) {
			rc = cause_set(cause, ORDO_EINVAL, "%s:%zu: more than "
			    "%d rows", df->path, rec->line, DEMO_MAXROWS);
			break;
		}
		if (df->n == cap) {
			cap = cap == 0 ? 64 : cap * 2;
			df->rows = xreallocarray(df->rows, cap,
			    sizeof *df->rows);
		}
		rc = demo_parse(cli, df, rec->line, rec->fields, col,
		    &df->rows[df->n], cause);
		df->n++;	/* freed by demo_free even when bad */
		if (rc != 0)
			break;
	}
	if (rc == 0 && header)
		rc = cause_set(cause, ORDO_EINVAL, "%s: empty file", df->path);
	if (rc == 1)
		rc = 0;
out:
	csvin_close(in);
	return (rc);
}

/* Write the next chunk of rows of one file. */
static int
demo_write(struct db_txn *tx, void *arg, char **cause)
{
	struct demo_file	*df = arg;
	struct demo_row		*r;
	char			*why = NULL;
	size_t			 i, end;
	int			 rc = 0;

	end = df->at + DEMO_CHUNK < df->n ? df->at + DEMO_CHUNK : df->n;
	for (i = df->at; i < end && rc == 0; i++) {
		r = &df->rows[i];
		switch (df->kind) {
		case DEMO_ITEMS:
			rc = item_add(tx, &r->it, &why);
			break;
		case DEMO_CUSTOMERS:
			rc = customer_add(tx, &r->c, &why);
			break;
		case DEMO_STOCK:
			rc = stock_opening(tx, r->sku, r->loc, r->qty,
			    r->cost, &why);
			break;
		}
		if (rc != 0)
			rc = cause_set(cause, rc, "%s:%zu: %s", df->path,
			    r->line, why != NULL ? why : ordo_strerror(rc));
		free(why);
		why = NULL;
	}
	return (rc);
}

static void
demo_free(struct demo_file *df)
{
	struct demo_row	*r;
	size_t		 i;

	for (i = 0; i < df->n; i++) {
		r = &df->rows[i];
		free(r->it.sku);
		free(r->it.barcode);
		free(r->it.name);
		free(r->it.unit);
		free(r->it.bin);
		free(r->c.code);
		free(r->c.name);
		free(r->c.phone);
		free(r->c.email);
		free(r->c.bill_addr);
		free(r->c.ship_addr);
		free(r->c.notes);
		free(r->sku);
		free(r->loc);
	}
	free(df->rows);
	free(df->path);
}

static int
demo_load(struct cli *cli, size_t *counts, char **dirp, char **cause)
{
	struct demo_file	 df[3];
	char			*dir;
	size_t			 i;
	int			 rc = 0;

	memset(df, 0, sizeof df);
	df[0].kind = DEMO_ITEMS;
	df[0].name = "items.csv";
	df[1].kind = DEMO_CUSTOMERS;
	df[1].name = "customers.csv";
	df[2].kind = DEMO_STOCK;
	df[2].name = "stock.csv";
	dir = demo_dir(cli);
	for (i = 0; i < 3 && rc == 0; i++) {
		xasprintf(&df[i].path, "%s/%s", dir, df[i].name);
		rc = demo_read(cli, &df[i], cause);
	}
	for (i = 0; i < 3 && rc == 0; i++) {
		for (df[i].at = 0; df[i].at < df[i].n && rc == 0;
		    df[i].at += DEMO_CHUNK)
			rc = db_write(cli->db, demo_write, &df[i], cause);
	}
	for (i = 0; i < 3; i++) {
		counts[i] = df[i].n;
		demo_free(&df[i]);
	}
	*dirp = dir;
	return (rc);
}

int
cmd_init(struct cli *cli, int argc, char **argv)
{
	static const struct option lo[] = {
		{ "demo",	no_argument,	NULL, 'd' },
		CLI_OPT_END
	};
	struct stat	 sb;
	char		*cause = NULL, *data, *lock, *turn, *dir = NULL;
	size_t		 counts[3];
	int		 c, rc, demo = 0, made_dir;

	while ((c = cli_getopt(cli, argc, argv, NULL, lo)) != -1) {
		if (c != 'd')
			return (EXIT_USAGE);
		demo = 1;
	}
	if ((rc = cli_nargs(cli, argc - optind, 0, 0)) != 0)
		return (rc);
	if (cli->db != NULL)
		return (cli_failf(cli, ORDO_EEXIST, "%s: a company is already "
		    "open", cli->dir));
	if (trust_restricted())
		return (cli_failf(cli, ORDO_EPERM, "%s: a company is made by "
		    "root or its owner, not through the setgid ordo (see "
		    "DEPLOYMENT in ordo(1))", cli->dir));

	xasprintf(&data, "%s/data.mdb", cli->dir);
	xasprintf(&lock, "%s/lock.mdb", cli->dir);
	xasprintf(&turn, "%s/turn.lock", cli->dir);
	if (access(data, F_OK) == 0) {
		rc = cli_failf(cli, ORDO_EEXIST, "%s: already holds a "
		    "database (data.mdb); nothing changed", cli->dir);
		goto out;
	}
	made_dir = stat(cli->dir, &sb) == -1 && errno == ENOENT;

	if ((rc = db_open(&cli->db, cli->dir, DB_CREATE,
	    getenv("ORDO_MAPSIZE") != NULL ? 0 : cli->cfg->map_size,
	    &cause)) != 0) {
		rc = cli_fail(cli, rc, cause);
		goto out;
	}
	cli->co = company_attach(cli->db, cli->cfg, NULL, ROLE_ADMIN);
	rc = db_write(cli->db, init_setup, NULL, &cause);
	if (rc == 0 && demo)
		rc = demo_load(cli, counts, &dir, &cause);
	if (rc != 0) {
		rc = cli_fail(cli, rc, cause);
		/* Take back what this command made. */
		cli_close(cli);
		unlink(data);
		unlink(lock);
		unlink(turn);
		if (made_dir)
			rmdir(cli->dir);
		goto out;
	}
	printf("created %s in %s\n", cli->cfg->company, cli->dir);
	if (demo)
		printf("loaded %zu items, %zu customers and %zu stock rows "
		    "from %s\n", counts[0], counts[1], counts[2], dir);
out:
	free(dir);
	free(cause);
	free(data);
	free(lock);
	free(turn);
	return (rc);
}
