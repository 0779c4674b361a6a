/*
 * testlib.c: see testlib.h.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testlib.h"

#include "ordo/company.h"
#include "ordo/core.h"
#include "ordo/xmalloc.h"

const char *
t_path(const char *rel)
{
	static char	 buf[4096];
	const char	*top;

	if ((top = getenv("ORDO_TOP")) == NULL)
		top = ".";
	snprintf(buf, sizeof buf, "%s/%s", top, rel);
	return (buf);
}

static int
t_setup(struct db_txn *tx, void *arg, char **cause)
{
	(void)arg;
	return (company_setup(tx, cause));
}

struct tco *
t_open(void)
{
	struct tco	*t;
	const char	*e;
	char		*cause = NULL;

	t = xcalloc(1, sizeof *t);
	snprintf(t->dir, sizeof t->dir, "/tmp/ordo-unit.XXXXXX");
	assert_non_null(mkdtemp(t->dir));
	if (config_load(t_path("config/ordo.yaml"), &t->cfg, &cause) != 0)
		fail_msg("config: %s", cause);
	/* These tests count on prices before tax: say so, whatever the demo. */
	t->cfg->prices_incl = 0;
	if (db_open(&t->db, t->dir, DB_CREATE, 0, &cause) != 0)
		fail_msg("db_open: %s", cause);
	/* The real login, unless a test names its user (trust.h). */
	e = getenv("ORDO_USER");
	t->co = company_attach(t->db, t->cfg, e != NULL && *e != '\0' ? e :
	    NULL, ROLE_ADMIN);
	if (db_write(t->db, t_setup, NULL, &cause) != 0)
		fail_msg("setup: %s", cause);
	return (t);
}

void
t_close(struct tco *t)
{
	struct dirent	*de;
	DIR		*d;
	char		 path[512];

	company_close(t->co);
	config_free(t->cfg);
	/* Every file the company made (data, lock, turn.lock, ...), then it. */
	if ((d = opendir(t->dir)) != NULL) {
		while ((de = readdir(d)) != NULL) {
			if (de->d_name[0] == '.')
				continue;
			snprintf(path, sizeof path, "%s/%s", t->dir,
			    de->d_name);
			unlink(path);
		}
		closedir(d);
	}
	if (rmdir(t->dir) == -1)
		print_message("# t_close: %s left behind\n", t->dir);
	free(t);
}

int
t_write(struct tco *t, db_fn fn, void *arg)
{
	char	*cause = NULL;
	int	 rc;

	rc = db_write(t->db, fn, arg, &cause);
	if (rc != 0 && cause != NULL)
		print_message("# t_write: %s\n", cause);
	free(cause);
	return (rc);
}

int
t_read(struct tco *t, db_fn fn, void *arg)
{
	char	*cause = NULL;
	int	 rc;

	rc = db_read(t->db, fn, arg, &cause);
	if (rc != 0 && cause != NULL)
		print_message("# t_read: %s\n", cause);
	free(cause);
	return (rc);
}
