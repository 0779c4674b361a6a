/*
 * main.c: ordo's entry point.  Global options, the configuration, the
 * company directory, then one command from the table in cli/cli.c (or,
 * with no command, the counter TUI on a terminal and a short summary
 * otherwise).
 *
 * The company directory is, in this order: -d DIR, $ORDO_DB, the
 * database path of the configuration.  The database is opened with
 * DB_CREATE only by "ordo init".
 */
#include <sys/stat.h>

#include <errno.h>
#include <getopt.h>
#include <langinfo.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ordo/config.h"
#include "ordo/db.h"
#include "ordo/error.h"
#include "ordo/trust.h"
#include "ordo/xmalloc.h"

#include "cli/cli.h"

static void	 usage(FILE *);
static int	 load_config(struct cli *, const char *, const char *, int);
static char	*starter_config(const char *, char **);
static int	 write_starter(const char *, const char *);
static int	 hoist_globals(int, char **, int, const char **,
		    const char **);

/*
 * The shipped configuration, as a start for a company of one's own:
 * PREFIX/share/ordo/config/ordo.yaml beside the installed binary, or the
 * source tree's config/ordo.yaml beside build/ordo.
 */
static char *
starter_config(const char *dir, char **cause)
{
	static const char *const rel[] = { "../share/ordo/config/ordo.yaml",
	    "../config/ordo.yaml" };
	char	 exe[PATH_MAX], *p, *path;
	ssize_t	 n;
	size_t	 i;

	(void)dir;
	if ((n = readlink("/proc/self/exe", exe, sizeof exe - 1)) > 0) {
		exe[n] = '\0';
		if ((p = strrchr(exe, '/')) != NULL)
			*p = '\0';
		for (i = 0; i < sizeof rel / sizeof rel[0]; i++) {
			xasprintf(&path, "%s/%s", exe, rel[i]);
			if (access(path, R_OK) == 0)
				return (path);
			free(path);
		}
	}
	cause_set(cause, ENOENT, "no configuration found, and no shipped "
	    "ordo.yaml to start one from; give -c FILE");
	return (NULL);
}

/* Write a commented starting ordo.yaml for the company in dir. */
static int
write_starter(const char *own, const char *dir)
{
	FILE	*in, *out;
	char	*from, *cause = NULL, line[1024];
	int	 rc = 0;

	if ((from = starter_config(dir, &cause)) == NULL) {
		fprintf(stderr, "ordo: %s\n", cause);
		free(cause);
		return (EXIT_USAGE);
	}
	if (mkdir(dir, 02770) == -1 && errno != EEXIST) {
		fprintf(stderr, "ordo: %s: %s\n", dir, strerror(errno));
		free(from);
		return (EXIT_SYSTEM);
	}
	if ((in = fopen(from, "r")) == NULL) {
		fprintf(stderr, "ordo: %s: %s\n", from, strerror(errno));
		free(from);
		return (EXIT_SYSTEM);
	}
	if ((out = fopen(own, "wx")) == NULL) {
		fprintf(stderr, "ordo: %s: %s\n", own, strerror(errno));
		fclose(in);
		free(from);
		return (EXIT_SYSTEM);
	}
	fprintf(out, "# Written by \"ordo init\" from %s as a start:\n"
	    "# edit the company, currency (fixed once the company is made),\n"
	    "# locations, accounts and users below.  See ordo.yaml(5).\n"
	    "# The company is this directory (database.path: .).\n\n", from);
	while (fgets(line, sizeof line, in) != NULL) {
		if (strncmp(line, "  path: ", 8) == 0)
			fputs("  path: .\n", out);
		else
			fputs(line, out);
	}
	if (ferror(in) || fclose(out) != 0) {
		fprintf(stderr, "ordo: %s: %s\n", own, strerror(errno));
		unlink(own);
		rc = EXIT_SYSTEM;
	} else
		fprintf(stderr, "ordo: no configuration found: wrote a "
		    "starting one, %s (edit it)\n", own);
	fclose(in);
	free(from);
	return (rc);
}

/*
 * "ordo init -d DIR", "ordo order list -c my.yaml": -d/--dir and
 * -c/--config after the command mean what they mean before it (no
 * command has a -d or -c of its own).  Takes them out of argv from index
 * "from" on, up to a "--", and returns the new argc, or -1 after a
 * message (given twice, or without its value).  After the command only
 * the separate forms count ("-d DIR", "--dir DIR", "--dir=DIR"), so a
 * value such as "-delta" stays the command's; a command's option value
 * that is exactly "-d" or "-c" must be written --opt=-d.
 */
static int
hoist_globals(int argc, char **argv, int from, const char **dirarg,
    const char **cfgarg)
{
	const char	**slot, *val;
	int		 i, o, take;

	for (i = o = from; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0) {
			while (i < argc)
				argv[o++] = argv[i++];
			break;
		}
		slot = NULL;
		val = NULL;
		take = 0;
		if (strcmp(argv[i], "-d") == 0 ||
		    strcmp(argv[i], "--dir") == 0)
			slot = dirarg, take = 1;
		else if (strcmp(argv[i], "-c") == 0 ||
		    strcmp(argv[i], "--config") == 0)
			slot = cfgarg, take = 1;
		else if (strncmp(argv[i], "--dir=", 6) == 0)
			slot = dirarg, val = argv[i] + 6;
		else if (strncmp(argv[i], "--config=", 9) == 0)
			slot = cfgarg, val = argv[i] + 9;
		if (slot == NULL) {
			argv[o++] = argv[i];
			continue;
		}
		if (take) {
			if (i + 1 >= argc || *argv[i + 1] == '\0') {
				fprintf(stderr, "ordo: %s needs a value\n",
				    argv[i]);
				return (-1);
			}
			val = argv[++i];
		}
		if (*slot != NULL) {
			fprintf(stderr, "ordo: -%c given twice\n",
			    slot == dirarg ? 'd' : 'c');
			return (-1);
		}
		*slot = val;
	}
	argv[o] = NULL;
	return (o);
}

static void
usage(FILE *fp)
{
	cmd_usage_group(fp, NULL);
}

/* Find and load the configuration, and pick the company directory. */
static int
load_config(struct cli *cli, const char *cfgarg, const char *dirarg,
    int init)
{
	const char	*env;
	char		*cause = NULL, *data = NULL, *sys = NULL, *own = NULL;
	int		 rc, restricted;

	/* Setgid: the company's own configuration, and no other. */
	if ((restricted = trust_restricted())) {
		sys = trust_sysconfig();
		if (cfgarg != NULL) {
			fprintf(stderr, "ordo: -c %s: not allowed: this ordo "
			    "is setgid and reads only %s\n", cfgarg, sys);
			free(sys);
			return (EXIT_USAGE);
		}
		cfgarg = sys;
	}
	/* A company with its own ordo.yaml (as "ordo init -d" writes it). */
	if (!restricted && cfgarg == NULL && dirarg != NULL &&
	    ((env = getenv("ORDO_CONFIG")) == NULL || *env == '\0')) {
		xasprintf(&own, "%s/ordo.yaml", dirarg);
		if (access(own, F_OK) == 0)
			cfgarg = own;
		else if (init && config_find(NULL, &data, NULL) == ENOENT) {
			/* Nothing found: a commented start, then init. */
			if ((rc = write_starter(own, dirarg)) != 0) {
				free(own);
				return (rc);
			}
			cfgarg = own;
		} else
			free(data);
	}
	if ((rc = config_find(cfgarg, &cli->cfgpath, &cause)) != 0 ||
	    (restricted && (rc = trust_file(cli->cfgpath, NULL,
	    &cause)) != 0) ||
	    (rc = config_load(cli->cfgpath, &cli->cfg, &cause)) != 0) {
		fprintf(stderr, "ordo: %s\n", cause != NULL ? cause :
		    ordo_strerror(rc));
		free(cause);
		free(sys);
		free(own);
		return (rc == EACCES ? EXIT_REFUSED : EXIT_USAGE);
	}
	free(sys);
	free(own);
	if (dirarg != NULL)
		cli->dir = xstrdup(dirarg);
	else if ((env = getenv("ORDO_DB")) != NULL && *env != '\0')
		cli->dir = xstrdup(env);
	else if (cli->cfg->db_dir != NULL && *cli->cfg->db_dir != '\0')
		cli->dir = xstrdup(cli->cfg->db_dir);
	else {
		fprintf(stderr, "ordo: %s: no database path; give -d DIR or "
		    "set ORDO_DB\n", cli->cfgpath);
		return (EXIT_USAGE);
	}
	/* Setgid: only a directory and a data file that are the company's. */
	if (restricted) {
		xasprintf(&data, "%s/data.mdb", cli->dir);
		if ((rc = trust_file(cli->dir, cli->cfg, &cause)) == 0 &&
		    access(data, F_OK) == 0)
			rc = trust_file(data, cli->cfg, &cause);
		free(data);
		if (rc != 0) {
			fprintf(stderr, "ordo: %s\n", cause);
			free(cause);
			return (EXIT_REFUSED);
		}
	}
	return (0);
}

int
main(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "help",	no_argument,		NULL, 'h' },
		{ "version",	no_argument,		NULL, 'V' },
		{ "dir",	required_argument,	NULL, 'd' },
		{ "config",	required_argument,	NULL, 'c' },
		{ NULL, 0, NULL, 0 }
	};
	struct cli			 cli;
	const struct cmd_entry		*e = NULL;
	const char			*dirarg = NULL, *cfgarg = NULL;
	int				 c, rc, sub;

	/* Installed setgid: a clean environment before anything reads it. */
	trust_start();
	/*
	 * ordo's text is UTF-8 whatever the locale says; widths of CJK
	 * names are counted in a UTF-8 locale even under LANG=C.
	 */
	if (setlocale(LC_CTYPE, "") == NULL ||
	    strcmp(nl_langinfo(CODESET), "UTF-8") != 0)
		setlocale(LC_CTYPE, "C.UTF-8");
	memset(&cli, 0, sizeof cli);
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+:hVd:c:", lo, NULL)) != -1) {
		switch (c) {
		case 'h':
			usage(stdout);
			return (EXIT_OK);
		case 'V':
			printf("ordo %s\n", ORDO_VERSION);
			return (EXIT_OK);
		case 'd':
		case 'c':
			if ((c == 'd' ? dirarg : cfgarg) != NULL) {
				fprintf(stderr, "ordo: -%c given twice\n", c);
				usage(stderr);
				return (EXIT_USAGE);
			}
			if (c == 'd')
				dirarg = optarg;
			else
				cfgarg = optarg;
			break;
		case ':':
			fprintf(stderr, "ordo: %s needs a value\n",
			    argv[optind - 1]);
			usage(stderr);
			return (EXIT_USAGE);
		default:
			if (optopt != 0)
				fprintf(stderr, "ordo: unknown option -%c\n",
				    optopt);
			else
				fprintf(stderr, "ordo: unknown option %s\n",
				    argv[optind - 1]);
			usage(stderr);
			return (EXIT_USAGE);
		}
	}
	argc -= optind;
	argv += optind;

	if (argc > 0) {
		e = cmd_find(argc, argv, &sub);
		if (e != NULL && (argc = hoist_globals(argc, argv,
		    cmd_words(e), &dirarg, &cfgarg)) < 0) {
			fprintf(stderr, "usage: ordo [-d DIR] [-c FILE] "
			    "COMMAND ... (see 'ordo --help')\n");
			return (EXIT_USAGE);
		}
		/* Help, version and unknown commands need no config. */
		if (e == NULL || (e->flags & CMD_NOCONFIG) ||
		    cmd_wants_help(argc - cmd_words(e), argv + cmd_words(e)))
			return (cli_dispatch(&cli, argc, argv));
	}
	if ((rc = load_config(&cli, cfgarg, dirarg, e != NULL &&
	    strcmp(e->group, "init") == 0)) != 0)
		goto out;
	if (argc == 0) {
		if ((rc = cli_open(&cli, 0)) != 0)
			goto out;
		if (isatty(STDIN_FILENO) && isatty(STDOUT_FILENO))
			rc = cmd_tui(&cli, 0, NULL);
		else
			rc = cmd_summary(&cli);
		goto out;
	}
	rc = cli_dispatch(&cli, argc, argv);

out:
	cli_close(&cli);
	config_free(cli.cfg);
	free(cli.cfgpath);
	free(cli.dir);
	return (rc);
}
