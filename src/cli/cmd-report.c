/*
 * cmd-report.c: "ordo statement", "ordo aging", "ordo ledger
 * trial-balance|pnl|journal" and "ordo export journal".  The numbers
 * come from report.h and ledger.h; this file only lays them out.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ordo/company.h"
#include "ordo/config.h"
#include "ordo/customer.h"
#include "ordo/date.h"
#include "ordo/db.h"
#include "ordo/error.h"
#include "ordo/ledger.h"
#include "ordo/money.h"
#include "ordo/outfile.h"
#include "ordo/report.h"
#include "ordo/xmalloc.h"

#include "cli.h"

enum ledger_view {
	LV_TRIAL,
	LV_PNL,
	LV_JOURNAL
};

struct rep {
	struct cli	*cli;
	struct csvout	 csv;
	int		 csvmode;
	int32_t		 from;
	int32_t		 to;
	int32_t		 day;
	const char	*customer;
	enum ledger_view view;
	int		 section;	/* pnl: type being printed */
	int64_t		 debit;
	int64_t		 credit;
	int64_t		 sum;
	struct stmt	 st;
	struct aging_row tot;
	FILE		*out;
};

static int	 rep_dates(struct cli *, int, char **, struct rep *, int);
static void	 rep_money(struct rep *, int64_t, int);
static void	 stmt_row(const struct stmt_row *, void *);
static int	 stmt_fn(struct db_txn *, void *, char **);
static void	 aging_row(const struct aging_row *, void *);
static int	 aging_fn(struct db_txn *, void *, char **);
static void	 tb_row(const struct tb_row *, void *);
static void	 pnl_row(const struct tb_row *, void *);
static int	 journal_entry(const struct entry *, void *);
static int	 ledger_fn(struct db_txn *, void *, char **);
static int	 export_fn(struct db_txn *, void *, char **);
static const char *acct_name(const struct cli *, const char *);

static const char *const stmt_csv_header[] = {
	"date", "kind", "document", "order", "debit", "credit", "balance",
	NULL
};
static const char *const aging_csv_header[] = {
	"customer", "current", "1_30", "31_60", "61_90", "over_90", "credit",
	"total", NULL
};
static const char *const tb_csv_header[] = {
	"code", "name", "type", "debit", "credit", NULL
};
static const char *const pnl_csv_header[] = {
	"section", "code", "name", "amount", NULL
};
static const char *const journal_csv_header[] = {
	"entry", "date", "kind", "user", "memo", "account", "customer",
	"amount", NULL
};
static const char *const type_names[] = {
	"asset", "liability", "equity", "income", "expense"
};

/*
 * Options --from/--to (and --date with day set), --csv.  Returns 0 or
 * the exit code; positional arguments are left from optind.
 */
static int
rep_dates(struct cli *cli, int argc, char **argv, struct rep *r, int day)
{
	static const struct option lo[] = {
		{ "from",	required_argument, NULL, 'f' },
		{ "to",		required_argument, NULL, 't' },
		{ "csv",	no_argument,	   NULL, 'C' },
		CLI_OPT_END
	};
	static const struct option lo_day[] = {
		{ "date",	required_argument, NULL, 'd' },
		{ "csv",	no_argument,	   NULL, 'C' },
		CLI_OPT_END
	};
	int	 c, rc;

	r->from = INT32_MIN;
	r->to = INT32_MAX;
	r->day = company_day(cli->co, util_now());
	while ((c = cli_getopt(cli, argc, argv, NULL, day ? lo_day :
	    lo)) != -1) {
		switch (c) {
		case 'f':
			if ((rc = cli_date(cli, "--from", optarg,
			    &r->from)) != 0)
				return (rc);
			break;
		case 't':
			if ((rc = cli_date(cli, "--to", optarg, &r->to)) != 0)
				return (rc);
			break;
		case 'd':
			if ((rc = cli_date(cli, "--date", optarg,
			    &r->day)) != 0)
				return (rc);
			break;
		case 'C':
			r->csvmode = 1;
			break;
		default:
			return (EXIT_USAGE);
		}
	}
	if (r->from > r->to)
		return (cli_failf(cli, ORDO_EINVAL, "--from is after --to"));
	return (0);
}

/* A money cell: CSV number or right-aligned text column (0: blank). */
static void
rep_money(struct rep *r, int64_t v, int width)
{
	char	 buf[MONEY_BUFSZ];

	cli_fmt_money(r->cli, buf, sizeof buf, v);
	if (r->csvmode)
		csvout_num(&r->csv, buf);
	else {
		printf(" ");
		cli_rpad(stdout, width < 0 && v == 0 ? "" : buf,
		    width < 0 ? -width : width);
	}
}

static void
stmt_row(const struct stmt_row *s, void *arg)
{
	struct rep	*r = arg;
	char		 date[DATE_BUFSZ], doc[64];

	cli_fmt_date(date, sizeof date, s->time);
	if (r->csvmode) {
		csvout_num(&r->csv, date);
		csvout_text(&r->csv, s->kind);
		csvout_int(&r->csv, (int64_t)s->doc);
		if (s->order != 0)
			csvout_int(&r->csv, (int64_t)s->order);
		else
			csvout_text(&r->csv, "");
		rep_money(r, s->debit, 0);
		rep_money(r, s->credit, 0);
		rep_money(r, s->balance, 0);
		csvout_end(&r->csv);
		return;
	}
	snprintf(doc, sizeof doc, "%s %" PRIu64, s->kind, s->doc);
	printf("%s  ", date);
	cli_pad(stdout, doc, 20);
	if (s->order != 0)
		printf(" %7" PRIu64, s->order);
	else
		printf(" %7s", "");
	rep_money(r, s->debit, -12);
	rep_money(r, s->credit, -12);
	rep_money(r, s->balance, 12);
	printf("\n");
}

static int
stmt_fn(struct db_txn *tx, void *arg, char **cause)
{
	struct rep	*r = arg;
	struct customer	 c;
	char		 d1[DATE_BUFSZ], d2[DATE_BUFSZ];
	int		 rc;

	memset(&c, 0, sizeof c);
	if ((rc = customer_get(tx, r->customer, &c, cause)) != 0)
		return (rc);
	if (r->csvmode) {
		csvout_init(&r->csv, stdout);
		csvout_header(&r->csv, stmt_csv_header);
	} else {
		printf("%s\nstatement for %s  %s\n", r->cli->cfg->company,
		    c.code, c.name);
		if (*c.bill_addr != '\0')
			printf("%s\n", c.bill_addr);
		if (r->from == INT32_MIN && r->to == INT32_MAX)
			printf("period: all dates\n\n");
		else
			printf("period: %s to %s\n\n", r->from == INT32_MIN ?
			    "the start" : date_fmt(d1, sizeof d1, r->from),
			    r->to == INT32_MAX ? "today" : date_fmt(d2,
			    sizeof d2, r->to));
		printf("%-10s  %-20s %7s %12s %12s %12s\n", "DATE",
		    "DOCUMENT", "ORDER", "DEBIT", "CREDIT", "BALANCE");
	}
	customer_free(&c);
	return (report_statement(tx, r->customer, r->from, r->to,
	    stmt_row, r, &r->st, cause));
}

int
cmd_statement(struct cli *cli, int argc, char **argv)
{
	struct rep	 r;
	char		*cause = NULL, m[MONEY_BUFSZ];
	int		 rc;

	memset(&r, 0, sizeof r);
	r.cli = cli;
	if ((rc = rep_dates(cli, argc, argv, &r, 0)) != 0)
		return (rc);
	if ((rc = cli_nargs(cli, argc - optind, 1, 1)) != 0)
		return (rc);
	if ((rc = cli_finance(cli, "reading a statement")) != 0)
		return (rc);
	r.customer = argv[optind];
	if ((rc = db_read(cli->db, stmt_fn, &r, &cause)) != 0) {
		rc = cli_fail(cli, rc, cause);
		free(cause);
		return (rc);
	}
	if (r.csvmode)
		return (EXIT_OK);
	printf("\nopening balance:  %12s\n", cli_fmt_money(cli, m, sizeof m,
	    r.st.opening));
	printf("invoiced:         %12s\n", cli_fmt_money(cli, m, sizeof m,
	    r.st.invoiced));
	printf("paid:             %12s\n", cli_fmt_money(cli, m, sizeof m,
	    r.st.paid));
	printf("closing balance:  %12s\n", cli_fmt_money(cli, m, sizeof m,
	    r.st.closing));
	return (EXIT_OK);
}

static void
aging_row(const struct aging_row *a, void *arg)
{
	struct rep	*r = arg;

	if (r->csvmode)
		csvout_text(&r->csv, a->customer != NULL ? a->customer :
		    "total");
	else
		cli_pad(stdout, a->customer != NULL ? a->customer : "total",
		    12);
	rep_money(r, a->current, 11);
	rep_money(r, a->d1_30, 11);
	rep_money(r, a->d31_60, 11);
	rep_money(r, a->d61_90, 11);
	rep_money(r, a->over90, 11);
	rep_money(r, a->credit, 11);
	rep_money(r, a->total, 12);
	if (r->csvmode)
		csvout_end(&r->csv);
	else
		printf("\n");
}

static int
aging_fn(struct db_txn *tx, void *arg, char **cause)
{
	struct rep	*r = arg;

	int		 rc;

	if ((rc = report_finance(tx, "reading the ageing", cause)) != 0)
		return (rc);
	return (report_aging(tx, r->day, aging_row, r, &r->tot));
}

int
cmd_aging(struct cli *cli, int argc, char **argv)
{
	struct rep	 r;
	char		*cause = NULL, d[DATE_BUFSZ];
	int		 rc;

	memset(&r, 0, sizeof r);
	r.cli = cli;
	if ((rc = rep_dates(cli, argc, argv, &r, 1)) != 0)
		return (rc);
	if ((rc = cli_nargs(cli, argc - optind, 0, 0)) != 0)
		return (rc);
	if ((rc = cli_finance(cli, "reading the ageing")) != 0)
		return (rc);
	if (r.csvmode) {
		csvout_init(&r.csv, stdout);
		csvout_header(&r.csv, aging_csv_header);
	} else
		printf("receivables aged at %s\n%-12s %11s %11s %11s %11s "
		    "%11s %11s %12s\n", date_fmt(d, sizeof d, r.day),
		    "CUSTOMER", "CURRENT", "1-30", "31-60", "61-90", "OVER 90",
		    "CREDIT", "TOTAL");
	if ((rc = db_read(cli->db, aging_fn, &r, &cause)) != 0) {
		rc = cli_fail(cli, rc, cause);
		free(cause);
		return (rc);
	}
	aging_row(&r.tot, &r);
	return (EXIT_OK);
}

/* The chart's name of an account code. */
static const char *
acct_name(const struct cli *cli, const char *code)
{
	const struct config_account	*a;

	a = config_account_find(cli->cfg, code);
	return (a != NULL ? a->name : "");
}

static void
tb_row(const struct tb_row *t, void *arg)
{
	struct rep	*r = arg;
	int64_t		 dr = t->balance > 0 ? t->balance : 0;
	int64_t		 cr = t->balance < 0 ? -t->balance : 0;

	add_i64(r->debit, dr, &r->debit);
	add_i64(r->credit, cr, &r->credit);
	if (r->csvmode) {
		csvout_text(&r->csv, t->code);
		csvout_text(&r->csv, t->name);
		csvout_text(&r->csv, t->type >= 0 && t->type < 5 ?
		    type_names[t->type] : "");
		rep_money(r, dr, 0);
		rep_money(r, cr, 0);
		csvout_end(&r->csv);
		return;
	}
	if (t->balance == 0)
		return;
	cli_pad(stdout, t->code, 8);
	printf(" ");
	cli_pad(stdout, t->name, 36);
	rep_money(r, dr, -14);
	rep_money(r, cr, -14);
	printf("\n");
}

static void
pnl_row(const struct tb_row *t, void *arg)
{
	struct rep	*r = arg;
	int64_t		 v;

	/* Income is a credit: shown positive; expenses are debits. */
	v = t->type == ACCT_INCOME ? -t->balance : t->balance;
	if (r->csvmode) {
		csvout_text(&r->csv, t->type == ACCT_INCOME ? "income" :
		    "expense");
		csvout_text(&r->csv, t->code);
		csvout_text(&r->csv, t->name);
		rep_money(r, v, 0);
		csvout_end(&r->csv);
		return;
	}
	if (t->type != r->section || t->balance == 0)
		return;
	printf("  ");
	cli_pad(stdout, t->code, 8);
	printf(" ");
	cli_pad(stdout, t->name, 36);
	rep_money(r, v, 14);
	printf("\n");
	add_i64(r->sum, v, &r->sum);
}

static int
journal_entry(const struct entry *e, void *arg)
{
	struct rep	*r = arg;
	char		 tb[TIME_BUFSZ], date[DATE_BUFSZ];
	int32_t		 d = company_day(r->cli->co, e->time);
	size_t		 i;

	if (d < r->from)
		return (0);
	if (d > r->to)
		return (1);	/* entries are in time order */
	if (r->csvmode) {
		cli_fmt_date(date, sizeof date, e->time);
		for (i = 0; i < e->np; i++) {
			csvout_int(&r->csv, (int64_t)e->id);
			csvout_num(&r->csv, date);
			csvout_text(&r->csv, entry_kind_name(e->kind));
			csvout_text(&r->csv, e->user);
			csvout_text(&r->csv, e->memo);
			csvout_text(&r->csv, e->p[i].account);
			csvout_text(&r->csv, e->p[i].customer);
			rep_money(r, e->p[i].amount, 0);
			csvout_end(&r->csv);
		}
		return (0);
	}
	printf("#%" PRIu64 "  %s  %s  %s", e->id, cli_fmt_time(tb, sizeof tb,
	    e->time), entry_kind_name(e->kind), e->user);
	if (e->reverses != 0)
		printf("  reverses #%" PRIu64, e->reverses);
	printf("\n    %s\n", e->memo);
	for (i = 0; i < e->np; i++) {
		printf("    ");
		cli_pad(stdout, e->p[i].account, 8);
		printf(" ");
		cli_pad(stdout, acct_name(r->cli, e->p[i].account), 32);
		printf(" ");
		cli_pad(stdout, e->p[i].customer != NULL ?
		    e->p[i].customer : "", 10);
		rep_money(r, e->p[i].amount > 0 ? e->p[i].amount : 0, -12);
		rep_money(r, e->p[i].amount < 0 ? -e->p[i].amount : 0, -12);
		printf("\n");
	}
	return (0);
}

static int
ledger_fn(struct db_txn *tx, void *arg, char **cause)
{
	struct rep	*r = arg;
	int64_t		 profit = 0;
	int		 rc;

	r->debit = r->credit = r->sum = 0;
	if ((rc = report_finance(tx, "reading the books", cause)) != 0)
		return (rc);
	switch (r->view) {
	case LV_TRIAL:
		return (report_trial_balance(tx, r->from, r->to, tb_row, r,
		    &r->sum));
	case LV_PNL:
		if (r->csvmode)
			return (report_profit_loss(tx, r->from, r->to,
			    pnl_row, r, &r->sum));
		printf("income\n");
		r->section = ACCT_INCOME;
		if ((rc = report_profit_loss(tx, r->from, r->to, pnl_row, r,
		    &profit)) != 0)
			return (rc);
		printf("  %-45s", "total income");
		rep_money(r, r->sum, 14);
		printf("\nexpenses\n");
		r->debit = r->sum;
		r->sum = 0;
		r->section = ACCT_EXPENSE;
		if ((rc = report_profit_loss(tx, r->from, r->to, pnl_row, r,
		    &profit)) != 0)
			return (rc);
		printf("  %-45s", "total expenses");
		rep_money(r, r->sum, 14);
		printf("\n%-47s", profit >= 0 ? "profit" : "loss");
		rep_money(r, profit, 14);
		printf("\n");
		r->sum = profit;
		return (0);
	case LV_JOURNAL:
		return (ledger_each(tx, 0, journal_entry, r));
	}
	return (ORDO_EINVAL);
}

int
cmd_ledger(struct cli *cli, int argc, char **argv)
{
	struct rep	 r;
	char		*cause = NULL, d1[DATE_BUFSZ], d2[DATE_BUFSZ];
	int		 rc;

	memset(&r, 0, sizeof r);
	r.cli = cli;
	if (strcmp(argv[0], "trial-balance") == 0)
		r.view = LV_TRIAL;
	else if (strcmp(argv[0], "pnl") == 0)
		r.view = LV_PNL;
	else
		r.view = LV_JOURNAL;
	if ((rc = rep_dates(cli, argc, argv, &r, 0)) != 0)
		return (rc);
	if ((rc = cli_nargs(cli, argc - optind, 0, 0)) != 0)
		return (rc);
	if ((rc = cli_finance(cli, "reading the books")) != 0)
		return (rc);
	if (r.csvmode) {
		csvout_init(&r.csv, stdout);
		csvout_header(&r.csv, r.view == LV_TRIAL ? tb_csv_header :
		    r.view == LV_PNL ? pnl_csv_header : journal_csv_header);
	} else {
		printf("%s: %s", cli->cfg->company, r.view == LV_TRIAL ?
		    "trial balance" : r.view == LV_PNL ? "profit and loss" :
		    "journal");
		if (r.from != INT32_MIN || r.to != INT32_MAX)
			printf(", %s to %s", r.from == INT32_MIN ? "the start" :
			    date_fmt(d1, sizeof d1, r.from), r.to ==
			    INT32_MAX ? "today" : date_fmt(d2, sizeof d2,
			    r.to));
		printf(" (%s)\n", cli->cfg->currency);
		if (r.view == LV_TRIAL)
			printf("%-8s %-36s %14s %14s\n", "ACCOUNT", "NAME",
			    "DEBIT", "CREDIT");
	}
	if ((rc = db_read(cli->db, ledger_fn, &r, &cause)) != 0) {
		rc = cli_fail(cli, rc, cause);
		free(cause);
		return (rc);
	}
	if (r.view == LV_TRIAL && !r.csvmode) {
		printf("%-45s", "total");
		rep_money(&r, r.debit, 14);
		rep_money(&r, r.credit, 14);
		printf("\n");
		if (r.sum != 0) {
			printf("NOT BALANCED: the difference is %s\n",
			    cli_fmt_money(cli, d1, sizeof d1, r.sum));
			return (EXIT_REFUSED);
		}
	}
	return (EXIT_OK);
}

static int
export_fn(struct db_txn *tx, void *arg, char **cause)
{
	struct rep	*r = arg;

	return (report_export_journal(tx, r->out, cause));
}

int
cmd_export(struct cli *cli, int argc, char **argv)
{
	static const struct option lo[] = {
		{ "output",	required_argument, NULL, 'o' },
		CLI_OPT_END
	};
	struct rep	 r;
	struct outfile	 of;
	const char	*file = NULL;
	char		*cause = NULL;
	int		 c, rc;

	memset(&r, 0, sizeof r);
	r.cli = cli;
	while ((c = cli_getopt(cli, argc, argv, "o:", lo)) != -1) {
		if (c != 'o')
			return (EXIT_USAGE);
		file = optarg;
	}
	if ((rc = cli_nargs(cli, argc - optind, 0, 0)) != 0)
		return (rc);
	if ((rc = cli_finance(cli, "exporting the books")) != 0)
		return (rc);
	r.out = stdout;
	if (file != NULL && strcmp(file, "-") != 0) {
		/* A new file renamed into place, or a device written to. */
		if ((rc = outfile_open(&of, file, OUT_MODE, &cause)) != 0) {
			rc = cli_fail(cli, rc, cause);
			free(cause);
			return (rc);
		}
		r.out = of.fp;
	}
	rc = db_read(cli->db, export_fn, &r, &cause);
	if (r.out != stdout) {
		if (rc == 0)
			rc = outfile_close(&of, &cause);
		else
			outfile_abort(&of);
	}
	if (rc != 0) {
		rc = cli_fail(cli, rc, cause);
		free(cause);
	}
	return (rc);
}
