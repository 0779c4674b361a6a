/*
 * cli.c: the command table, the dispatcher shared by "ordo COMMAND" and
 * the shell, and the helpers for options, errors and formatting.
 *
 * Each usage string is exactly one SYNOPSIS line of ordo(1); "ordo
 * --help" prints them all in the order of the man page.
 */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ordo/company.h"
#include "ordo/config.h"
#include "ordo/date.h"
#include "ordo/db.h"
#include "ordo/error.h"
#include "ordo/lineparse.h"
#include "ordo/money.h"
#include "ordo/report.h"
#include "ordo/text.h"
#include "ordo/xmalloc.h"

#include "cli.h"

/* The company open, whose zone the dates and times shown are in. */
static const struct company *cli_company;

static void	 cli_vfail(struct cli *, const char *, va_list)
		    __attribute__((format(printf, 2, 0)));
static const char *cli_optname(const struct option *, int, char *, size_t);
static void	 usage_lines(FILE *, const char *, const char *);

#define U_ORDER_EVENT \
	"ordo order confirm|pack|deliver|close N [--expect VERSION]"
#define U_LEDGER \
	"ordo ledger trial-balance|pnl|journal [--from D] [--to D] [--csv]"

const struct option cli_no_opts[] = { CLI_OPT_END };

const struct cmd_entry cmd_table[] = {
	{ "init", NULL, "ordo init [--demo]", CMD_NODB | CMD_NOSHELL,
	    cmd_init },
	{ "version", NULL, "ordo version", CMD_NOCONFIG, cmd_version },
	{ "check", NULL, "ordo check", 0, cmd_check },
	{ "backup", NULL, "ordo backup DIR", 0, cmd_backup },
	{ "shell", NULL, "ordo shell", CMD_NOSHELL, cmd_shell },
	{ "tui", NULL, "ordo tui", CMD_NOSHELL, cmd_tui },
	{ "item", "add", "ordo item add SKU NAME --price P [--barcode B] "
	    "[--unit U] [--bin BIN] [--cost C] [--reorder-point N] "
	    "[--reorder-qty N] [--tax PERCENT] [--backorder]", 0,
	    cmd_item_add },
	{ "item", "list", "ordo item list [--search TEXT] [--csv]", 0,
	    cmd_item_list },
	{ "item", "show", "ordo item show SKU", 0, cmd_item_show },
	{ "customer", "add", "ordo customer add CODE NAME [--phone P] "
	    "[--email E] [--address A] [--ship-address A] [--notes N]", 0,
	    cmd_customer_add },
	{ "customer", "list", "ordo customer list [--search TEXT] [--csv]", 0,
	    cmd_customer_list },
	{ "customer", "show", "ordo customer show CODE", 0,
	    cmd_customer_show },
	{ "stock", "receive", "ordo stock receive SKU QTY --cost C [--loc L] "
	    "[--ref R]", 0, cmd_stock_receive },
	{ "stock", "adjust", "ordo stock adjust SKU COUNTED [--loc L] "
	    "[--reason R]", 0, cmd_stock_adjust },
	{ "stock", "transfer", "ordo stock transfer SKU QTY --from L --to L",
	    0, cmd_stock_transfer },
	{ "stock", "list", "ordo stock list [--low] [--csv] [SKU-PREFIX]", 0,
	    cmd_stock_list },
	{ "stock", "bin", "ordo stock bin SKU BIN [--loc L]", 0,
	    cmd_stock_bin },
	{ "order", "new", "ordo order new CUSTOMER SKU:QTY[@PRICE] ... "
	    "[--loc L] [--notes N] [--ship-to A] [--shipping AMT]", 0,
	    cmd_order_new },
	{ "order", "quick", "ordo order quick [--customer C] [--dry-run] "
	    "[--json] TEXT", 0, cmd_order_quick },
	{ "order", "confirm", U_ORDER_EVENT, 0, cmd_order_event },
	{ "order", "pack", U_ORDER_EVENT, 0, cmd_order_event },
	{ "order", "deliver", U_ORDER_EVENT, 0, cmd_order_event },
	{ "order", "close", U_ORDER_EVENT, 0, cmd_order_event },
	{ "order", "pick", "ordo order pick N [LINE:QTY ...] "
	    "[--expect VERSION]", 0, cmd_order_lines },
	{ "order", "ship", "ordo order ship N [LINE:QTY ...] [--carrier C] "
	    "[--tracking T] [--expect VERSION]", 0, cmd_order_lines },
	{ "order", "cancel", "ordo order cancel N [--reason R] "
	    "[--expect VERSION]", 0, cmd_order_cancel },
	{ "order", "return", "ordo order return N LINE:QTY[:scrap] ... "
	    "[--reason R] [--expect VERSION]", 0, cmd_order_return },
	{ "order", "show", "ordo order show N", 0, cmd_order_show },
	{ "order", "list", "ordo order list [--status S] [--customer C] "
	    "[--limit N] [--csv]", 0, cmd_order_list },
	{ "pick", NULL, "ordo pick [--wave [--order N]] [--loc L]\n"
	    "ordo pick --list [--loc L] [--limit N] [--csv]\n"
	    "ordo pick --scan CODE [--keyed] | --qty N | --confirm | "
	    "--short FOUND\n"
	    "ordo pick --tasks | --back | --pack | --release [WAVE]\n"
	    "ordo pick --shorts [--csv] | --label BIN\n"
	    "ordo pick --priority N ORDER [--promised DATE]", 0, cmd_pick },
	{ "backorders", NULL, "ordo backorders [--csv]", 0, cmd_backorders },
	{ "pay", NULL, "ordo pay CUSTOMER AMOUNT [--method cash|bank|card] "
	    "[--ref R] [--prepayment]", 0, cmd_pay },
	{ "refund", NULL, "ordo refund CUSTOMER AMOUNT "
	    "[--method cash|bank|card] [--ref R]", 0, cmd_refund },
	{ "allocate", NULL, "ordo allocate CUSTOMER [INVOICE ...]\n"
	    "ordo allocate --all", 0, cmd_allocate },
	{ "statement", NULL, "ordo statement CUSTOMER [--from D] [--to D] "
	    "[--csv]", 0, cmd_statement },
	{ "aging", NULL, "ordo aging [--date D] [--csv]", 0, cmd_aging },
	{ "report", "sales", "ordo report sales [--by day|week|month|quarter|"
	    "channel|item|prefix|customer] [--from D] [--to D] [--top N] [--compare] "
	    "[--slow DAYS] [--csv|--json] [--ascii] [--width N]", 0,
	    cmd_report_insight },
	{ "report", "inventory", "ordo report inventory [--by location|item] "
	    "[--reorder] [--to D] [--top N] [--csv|--json] [--ascii] "
	    "[--width N]", 0, cmd_report_insight },
	{ "report", "customers", "ordo report customers [--from D] [--to D] "
	    "[--top N] [--lapsed DAYS] [--rfm] [--csv|--json] [--ascii] "
	    "[--width N]", 0,
	    cmd_report_insight },
	{ "report", "finance", "ordo report finance [--by day|week|month|"
	    "quarter] [--from D] [--to D] [--csv|--json] [--ascii] "
	    "[--width N]", 0, cmd_report_insight },
	{ "suggest", NULL, "ordo suggest CUSTOMER [SKU ...] [--csv]", 0,
	    cmd_suggest },
	{ "reorder", NULL, "ordo reorder [--lead-days N] [--review-days N] "
	    "[--service PCT] [--all] [--to D] [--csv]", 0, cmd_reorder },
	{ "ledger", "trial-balance", U_LEDGER, 0, cmd_ledger },
	{ "ledger", "pnl", U_LEDGER, 0, cmd_ledger },
	{ "ledger", "journal", U_LEDGER, 0, cmd_ledger },
	{ "export", "journal", "ordo export journal [-o FILE]", 0,
	    cmd_export },
	{ "export", "orders", "ordo export orders [-o FILE]", 0,
	    cmd_export_orders },
	{ "export", "lines", "ordo export lines [-o FILE]", 0,
	    cmd_export_orders },
	{ "feed", NULL, "ordo feed [--since ID] [--follow] [--json]", 0,
	    cmd_feed },
	{ "print", NULL, "ordo print receipt|slip|invoice|picklist N | "
	    "statement CUSTOMER [--from D] [--to D] [--width COLS] "
	    "[--escpos] [--output FILE [--pdf] | --printer NAME | "
	    "--device PATH|HOST:PORT]", 0, cmd_print },
	{ "reconcile", NULL, "ordo reconcile CUSTOMER [--from D --to D "
	    "sent|agreed|disputed [--note N]]", 0, cmd_reconcile },
	{ "track", NULL, "ordo track [--profile NAME] FILE", 0, cmd_track },
	{ "notify", NULL, "ordo notify [--follow] | --dead | --retry ID|all | "
	    "--show ID", 0, cmd_notify },
	{ "import", NULL, "ordo import [--channel NAME] [--dry-run] FILE "
	    "[FILE] | --list | --undo BATCH | --alias CHANNEL SKU OUR-SKU", 0,
	    cmd_import },
	/* The importer (cmd-import.c): the lines of ordo-import(1). */
	{ "import", NULL, "ordo [-d dir] import [--channel name] [--dry-run] "
	    "file [file]\nordo import --list\nordo import --undo batch\n"
	    "ordo import --alias channel channel-sku our-sku", 0, cmd_import },
	{ NULL, NULL, NULL, 0, NULL }
};

const struct cmd_entry *
cmd_find(int argc, char **argv, int *sub)
{
	const struct cmd_entry	*e;

	*sub = 0;
	if (argc < 1)
		return (NULL);
	for (e = cmd_table; e->group != NULL; e++) {
		if (strcmp(e->group, argv[0]) != 0)
			continue;
		if (e->name == NULL)
			return (e);
		*sub = 1;
		if (argc >= 2 && strcmp(e->name, argv[1]) == 0)
			return (e);
	}
	return (NULL);
}

int
cmd_words(const struct cmd_entry *e)
{
	return (e->name != NULL ? 2 : 1);
}

/* Print a usage string; lines after the first are indented. */
static void
usage_lines(FILE *fp, const char *prefix, const char *usage)
{
	const char	*p, *nl;

	for (p = usage;; p = nl + 1) {
		nl = strchr(p, '\n');
		fprintf(fp, "%s%.*s\n", p == usage ? prefix : "       ",
		    nl != NULL ? (int)(nl - p) : (int)strlen(p), p);
		if (nl == NULL)
			break;
	}
}

void
cmd_usage(FILE *fp, const struct cmd_entry *e)
{
	usage_lines(fp, "usage: ", e->usage);
}

void
cmd_usage_group(FILE *fp, const char *group)
{
	const struct cmd_entry	*e;
	const char		*last = NULL, *prefix = "usage: ";

	if (group == NULL) {
		fprintf(fp, "%s%s\n", prefix, CLI_USAGE);
		prefix = "       ";
	}
	for (e = cmd_table; e->group != NULL; e++) {
		if (group != NULL && strcmp(e->group, group) != 0)
			continue;
		if (e->usage == last)
			continue;
		last = e->usage;
		usage_lines(fp, prefix, e->usage);
		prefix = "       ";
	}
}

int
cmd_wants_help(int argc, char **argv)
{
	int	 i;

	for (i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			break;
		if (strcmp(argv[i], "--help") == 0)
			return (1);
	}
	return (0);
}

int
cli_dispatch(struct cli *cli, int argc, char **argv)
{
	const struct cmd_entry	*e;
	char			*what;
	int			 sub, rc, words;

	if ((e = cmd_find(argc, argv, &sub)) == NULL) {
		if (!sub) {
			fprintf(stderr, "ordo: unknown command: %s (see 'ordo "
			    "--help')\n", argv[0]);
			return (EXIT_USAGE);
		}
		if (argc >= 2 && strcmp(argv[1], "--help") == 0) {
			cmd_usage_group(stdout, argv[0]);
			return (EXIT_OK);
		}
		if (argc >= 2)
			fprintf(stderr, "ordo: %s: unknown command: %s\n",
			    argv[0], argv[1]);
		else
			fprintf(stderr, "ordo: %s: which one?\n", argv[0]);
		cmd_usage_group(stderr, argv[0]);
		return (EXIT_USAGE);
	}
	words = cmd_words(e);
	if (cmd_wants_help(argc - words, argv + words)) {
		cmd_usage(stdout, e);
		return (EXIT_OK);
	}
	if (cli->in_shell && (e->flags & CMD_NOSHELL)) {
		fprintf(stderr, "ordo: %s: not from inside the shell\n",
		    e->group);
		return (EXIT_USAGE);
	}
	if (!(e->flags & (CMD_NOCONFIG | CMD_NODB)) && cli->db == NULL &&
	    (rc = cli_open(cli, 0)) != 0)
		return (rc);
	if (e->name != NULL)
		xasprintf(&what, "%s %s", e->group, e->name);
	else
		what = xstrdup(e->group);
	cli->what = what;
	cli->entry = e;
	optind = 0;
	rc = e->exec(cli, argc - words + 1, argv + words - 1);
	fflush(stdout);
	if (ferror(stdout) && rc == 0) {
		fprintf(stderr, "ordo: %s: write error on standard output\n",
		    what);
		rc = EXIT_SYSTEM;
	}
	cli->what = NULL;
	cli->entry = NULL;
	free(what);
	return (rc);
}

int
cli_open(struct cli *cli, int flags)
{
	char	*cause = NULL;
	int	 rc;

	if ((rc = company_open(&cli->co, cli->cfg, cli->dir, flags,
	    &cause)) != 0) {
		fprintf(stderr, "ordo: %s\n", cause != NULL ? cause :
		    ordo_strerror(rc));
		free(cause);
		return (cli_exit_code(rc));
	}
	cli->db = cli->co->db;
	cli_company = cli->co;
	if (cli->co->notice != NULL)
		fprintf(stderr, "ordo: notice: %s is read-only here (%s): "
		    "reports, check and backup only\n", cli->dir,
		    cli->co->notice);
	return (0);
}

/* Close the company cli_open opened, if any. */
void
cli_close(struct cli *cli)
{
	if (cli_company == cli->co)
		cli_company = NULL;
	company_close(cli->co);
	cli->co = NULL;
	cli->db = NULL;
}

static int
cli_finance_fn(struct db_txn *tx, void *arg, char **cause)
{
	return (report_finance(tx, arg, cause));
}

int
cli_finance(struct cli *cli, const char *what)
{
	char	*cause = NULL;
	int	 rc;

	if ((rc = db_read(cli->db, cli_finance_fn, (void *)(uintptr_t)what,
	    &cause)) != 0) {
		rc = cli_fail(cli, rc, cause);
		free(cause);
	}
	return (rc);
}

/* The name of an option by its value, for messages. */
static const char *
cli_optname(const struct option *lo, int val, char *buf, size_t len)
{
	for (; lo->name != NULL; lo++) {
		if (lo->flag == NULL && lo->val == val) {
			snprintf(buf, len, "--%s", lo->name);
			return (buf);
		}
	}
	snprintf(buf, len, "-%c", val);
	return (buf);
}

int
cli_getopt(struct cli *cli, int argc, char **argv, const char *shortopts,
    const struct option *lo)
{
	static unsigned char seen[256];
	char	 sopts[64], name[64];
	int	 c, i;

	/* A new parse (cli_dispatch sets optind to 0): nothing seen yet. */
	if (optind == 0)
		memset(seen, 0, sizeof seen);
	snprintf(sopts, sizeof sopts, ":%s", shortopts != NULL ? shortopts :
	    "");
	opterr = 0;
	c = getopt_long(argc, argv, sopts, lo, NULL);
	if (c >= 0 && c < (int)sizeof seen && c != ':' && c != '?') {
		/* "--price 1 --price 2": which one was meant? */
		if (seen[c]) {
			cli_usage_error(cli, "%s given twice",
			    cli_optname(lo, c, name, sizeof name));
			return (-2);
		}
		seen[c] = 1;
	}
	if (c == ':') {
		cli_usage_error(cli, "%s needs a value", optopt != 0 ?
		    cli_optname(lo, optopt, name, sizeof name) :
		    argv[optind - 1]);
		return (-2);
	}
	if (c != '?')
		return (c);
	if (optopt >= '0' && optopt <= '9') {
		for (i = 1; i < argc; i++)
			if (argv[i][0] == '-' && argv[i][1] == optopt)
				break;
		cli_usage_error(cli, "%s: must not be negative", i < argc ?
		    argv[i] : "-");
	} else if (optopt == 'd' || optopt == 'c')
		cli_usage_error(cli, "-%c: the company is chosen when ordo "
		    "starts (ordo -%c %s COMMAND), not inside the shell",
		    optopt, optopt, optopt == 'd' ? "DIR" : "FILE");
	else if (optopt != 0)
		cli_usage_error(cli, "unknown option -%c", optopt);
	else
		cli_usage_error(cli, "unknown option %s", argv[optind - 1]);
	return (-2);
}

int
cli_nargs(struct cli *cli, int n, int min, int max)
{
	if (n < min)
		return (cli_usage_error(cli, "too few arguments"));
	if (max >= 0 && n > max)
		return (cli_usage_error(cli, "too many arguments"));
	return (0);
}

int
cli_list_opts(struct cli *cli, int argc, char **argv, const char **search,
    int *csv)
{
	static const struct option lo[] = {
		{ "search",	required_argument, NULL, 's' },
		{ "csv",	no_argument,	   NULL, 'C' },
		CLI_OPT_END
	};
	int	 c, rc;

	*search = NULL;
	*csv = 0;
	while ((c = cli_getopt(cli, argc, argv, NULL, lo)) != -1) {
		switch (c) {
		case 's':
			*search = optarg;
			if ((rc = cli_text(cli, "--search", optarg, 200)) != 0)
				return (rc);
			break;
		case 'C':
			*csv = 1;
			break;
		default:
			return (EXIT_USAGE);
		}
	}
	return (cli_nargs(cli, argc - optind, 0, 0));
}

int
cli_exit_code(int rc)
{
	switch (rc) {
	case 0:
		return (EXIT_OK);
	case ORDO_ESHORT:
	case ORDO_ESTATE:
	case ORDO_ECONFLICT:
	case ORDO_EPERM:
	case ORDO_EEXIST:
	case ORDO_EUNBALANCED:
	case EEXIST:
	case EROFS:
		return (EXIT_REFUSED);
	case ORDO_EINVAL:
	case ORDO_ENOTFOUND:
	case ORDO_ERANGE:
	case ORDO_ECONFIG:
	case ORDO_EFOREIGN:
	case ORDO_ESCHEMA:
	case ORDO_ECORRUPT:
	case ENOENT:
	case ENOTDIR:
	case EISDIR:
	case ENAMETOOLONG:
		return (EXIT_USAGE);
	default:
		return (EXIT_SYSTEM);
	}
}

int
cli_fail(struct cli *cli, int rc, const char *cause)
{
	fprintf(stderr, "ordo: %s%s%s\n", cli->what != NULL ? cli->what : "",
	    cli->what != NULL ? ": " : "", cause != NULL ? cause :
	    ordo_strerror(rc));
	return (cli_exit_code(rc));
}

static void
cli_vfail(struct cli *cli, const char *fmt, va_list ap)
{
	fprintf(stderr, "ordo: %s%s", cli->what != NULL ? cli->what : "",
	    cli->what != NULL ? ": " : "");
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

int
cli_failf(struct cli *cli, int rc, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	cli_vfail(cli, fmt, ap);
	va_end(ap);
	return (cli_exit_code(rc));
}

int
cli_usage_error(struct cli *cli, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	cli_vfail(cli, fmt, ap);
	va_end(ap);
	if (cli->entry != NULL)
		cmd_usage(stderr, cli->entry);
	return (EXIT_USAGE);
}

int
cli_digits(const struct cli *cli)
{
	return (cli->cfg != NULL ? cli->cfg->minor_digits : 2);
}

char *
cli_fmt_money(const struct cli *cli, char *buf, size_t len, int64_t v)
{
	return (money_fmt(buf, len, v, cli_digits(cli)));
}

/* Print an argument parser's error; returns the exit code. */
#define CLI_PARSE(call) do {						\
	char	*cause = NULL;					\
	int	 rc;							\
									\
	if ((rc = (call)) != 0) {					\
		rc = cli_fail(cli, rc, cause);				\
		free(cause);						\
		return (rc);						\
	}								\
	return (0);							\
} while (0)

int
cli_money(struct cli *cli, const char *arg, const char *s, int flags,
    int64_t *out)
{
	CLI_PARSE(lineparse_money(arg, s, cli_digits(cli), flags, out,
	    &cause));
}

int
cli_qty(struct cli *cli, const char *arg, const char *s, int flags,
    int64_t *out)
{
	CLI_PARSE(lineparse_qty(arg, s, flags, out, &cause));
}

int
cli_id(struct cli *cli, const char *arg, const char *s, uint64_t *out)
{
	CLI_PARSE(lineparse_id(arg, s, out, &cause));
}

int
cli_version(struct cli *cli, const char *arg, const char *s, uint32_t *out)
{
	CLI_PARSE(lineparse_version(arg, s, out, &cause));
}

int
cli_date(struct cli *cli, const char *arg, const char *s, int32_t *out)
{
	CLI_PARSE(lineparse_date(arg, s, out, &cause));
}

int
cli_percent(struct cli *cli, const char *arg, const char *s, int *out)
{
	CLI_PARSE(lineparse_percent(arg, s, out, &cause));
}

int
cli_text(struct cli *cli, const char *arg, const char *s, size_t max)
{
	CLI_PARSE(text_check(arg, s, max, 0, &cause));
}

char *
cli_fmt_percent(char *buf, size_t len, int bp)
{
	if (bp % 100 == 0)
		snprintf(buf, len, "%d", bp / 100);
	else if (bp % 10 == 0)
		snprintf(buf, len, "%d.%d", bp / 100, bp % 100 / 10);
	else
		snprintf(buf, len, "%d.%02d", bp / 100, bp % 100);
	return (buf);
}

char *
cli_fmt_time(char *buf, size_t len, int64_t t)
{
	char	 tb[TIME_BUFSZ];

	company_time_fmt(cli_company, tb, sizeof tb, t);
	snprintf(buf, len, "%.16s", tb);
	return (buf);
}

char *
cli_fmt_date(char *buf, size_t len, int64_t t)
{
	return (date_fmt(buf, len, company_day(cli_company, t)));
}

void
cli_pad(FILE *fp, const char *s, int width)
{
	char	*e;
	int	 w;

	e = text_esc(s);
	fputs(e, fp);
	for (w = utf8_width(e); w < width; w++)
		fputc(' ', fp);
	free(e);
}

void
cli_rpad(FILE *fp, const char *s, int width)
{
	char	*e;
	int	 w;

	e = text_esc(s);
	for (w = utf8_width(e); w < width; w++)
		fputc(' ', fp);
	fputs(e, fp);
	free(e);
}

const char *
cli_esc(const char *s)
{
	static char	*ring[8];
	static int	 next;

	free(ring[next]);
	ring[next] = text_esc(s);
	s = ring[next];
	next = (next + 1) % 8;
	return (s);
}

const char *
cli_default_loc(const struct cli *cli)
{
	if (cli->cfg == NULL || cli->cfg->nlocations == 0)
		return ("MAIN");
	return (cli->cfg->locations[0].code);
}
