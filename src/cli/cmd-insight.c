/*
 * cmd-insight.c: "ordo report sales|inventory|customers|finance".  The
 * figures come from insight.h; this file lays a table out as text with a
 * bar chart (and a sparkline over periods), as CSV or as JSON.
 *
 * Text fits the terminal's width ($COLUMNS, else the terminal's, else
 * 80; --width N): columns are dropped from the right, never the first
 * or the charted one, until the table fits, and the bars take what is
 * left (none under 8 columns).  Names longer than 24 columns are cut.
 * Block characters are used where the terminal can show them
 * (chart.h), ASCII otherwise or with --ascii.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <wchar.h>

#include "ordo/chart.h"
#include "ordo/company.h"
#include "ordo/config.h"
#include "ordo/db.h"
#include "ordo/error.h"
#include "ordo/forecast.h"
#include "ordo/insight.h"
#include "ordo/order.h"
#include "ordo/outfile.h"
#include "ordo/suggest.h"
#include "ordo/date.h"
#include "ordo/money.h"
#include "ordo/text.h"
#include "ordo/xmalloc.h"

#include "cli.h"

#define NAME_COLS	24

enum rep_kind { RK_SALES, RK_INVENTORY, RK_CUSTOMERS, RK_FINANCE };
enum rep_out { RO_TEXT, RO_CSV, RO_JSON };

struct ins {
	struct cli	*cli;
	enum rep_kind	 kind;
	struct ins_query q;
	int		 compare;
	int		 slow;		/* days, 0: not asked */
	int		 lapsed;
	int		 reorder;
	int		 rfm;
	enum rep_out	 out;
	int		 width;
	int		 ascii;
	struct ins_table t;
};

static int	 ins_fn(struct db_txn *, void *, char **);
static void	 cell_text(struct ins *, const struct ins_table *,
		    const struct ins_cell *, size_t, char *, size_t);
static void	 fit_name(const char *, int, int, char *, size_t);
static int	 term_width(void);
static void	 print_text(struct ins *);
static void	 print_csv(struct ins *);
static void	 print_json(struct ins *);
static void	 json_str(FILE *, const char *);

static int
ins_fn(struct db_txn *tx, void *arg, char **cause)
{
	struct ins	*in = arg;

	switch (in->kind) {
	case RK_SALES:
		if (in->compare)
			return (ins_sales_compare(tx, &in->q, &in->t, cause));
		if (in->slow > 0) {
			in->q.days = in->slow;
			return (ins_slow(tx, &in->q, &in->t, cause));
		}
		return (ins_sales(tx, &in->q, &in->t, cause));
	case RK_INVENTORY:
		if (in->reorder)
			return (ins_reorder(tx, &in->q, &in->t, cause));
		return (ins_inventory(tx, &in->q, &in->t, cause));
	case RK_CUSTOMERS:
		if (in->lapsed > 0) {
			in->q.days = in->lapsed;
			return (ins_lapsed(tx, &in->q, &in->t, cause));
		}
		if (in->rfm)
			return (ins_rfm(tx, &in->q, &in->t, cause));
		in->q.by = INS_BY_CUSTOMER;
		return (ins_sales(tx, &in->q, &in->t, cause));
	case RK_FINANCE:
		return (ins_finance(tx, &in->q, &in->t, cause));
	}
	return (ORDO_EINVAL);
}

/* Signed basis points as "12.34". */
static char *
fmt_pct(char *buf, size_t len, int64_t bp)
{
	int64_t	 a = bp < 0 ? -bp : bp;

	snprintf(buf, len, "%s%lld.%02lld", bp < 0 ? "-" : "",
	    (long long)(a / 100), (long long)(a % 100));
	return (buf);
}

static void
cell_text(struct ins *in, const struct ins_table *t, const struct ins_cell *c,
    size_t col, char *buf, size_t len)
{
	char	 d[DATE_BUFSZ];

	if (c->null) {
		snprintf(buf, len, "%s", in->out == RO_TEXT ? "-" : "");
		return;
	}
	switch (t->cols[col].type) {
	case INS_TEXT:
		snprintf(buf, len, "%s", c->s != NULL ? c->s : "");
		break;
	case INS_INT:
		snprintf(buf, len, "%lld", (long long)c->v);
		break;
	case INS_MONEY:
		cli_fmt_money(in->cli, buf, len, c->v);
		break;
	case INS_PCT:
		fmt_pct(buf, len, c->v);
		if (in->out == RO_TEXT && strlen(buf) + 1 < len)
			strcat(buf, "%");
		break;
	case INS_DATE:
		snprintf(buf, len, "%s", date_fmt(d, sizeof d, (int32_t)c->v));
		break;
	}
}

/*
 * s cut to at most max columns ("~" marks the cut); without Unicode,
 * other than ASCII shows as "?".
 */
static void
fit_name(const char *s, int max, int unicode, char *buf, size_t len)
{
	mbstate_t	 st;
	wchar_t		 wc;
	const char	*p;
	size_t		 n, o = 0;
	int		 w, cols = 0, all = 0;

	/* Does it all fit? */
	memset(&st, 0, sizeof st);
	for (p = s; *p != '\0'; p += n) {
		n = mbrtowc(&wc, p, strlen(p), &st);
		if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
			memset(&st, 0, sizeof st);
			n = 1;
			w = 1;
		} else if ((w = wcwidth(wc)) < 0)
			w = 1;
		all += unicode ? w : 1;
	}
	memset(&st, 0, sizeof st);
	for (p = s; *p != '\0' && o + 8 < len; p += n) {
		n = mbrtowc(&wc, p, strlen(p), &st);
		if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
			memset(&st, 0, sizeof st);
			n = 1;
			wc = L'?';
		}
		w = wcwidth(wc);
		if (w < 0 || !unicode)
			w = 1;
		if (cols + w > (all > max ? max - 1 : max))
			break;
		if (!unicode && (n > 1 || (unsigned char)*p >= 0x80))
			buf[o++] = '?';
		else if ((unsigned char)*p < 0x20)
			buf[o++] = ' ';
		else {
			memcpy(buf + o, p, n);
			o += n;
		}
		cols += w;
	}
	if (all > max)
		buf[o++] = '~';
	buf[o] = '\0';
}

static int
term_width(void)
{
	struct winsize	 ws;
	const char	*e = getenv("COLUMNS");
	long		 n;
	char		*end;

	if (e != NULL && *e != '\0') {
		errno = 0;
		n = strtol(e, &end, 10);
		if (errno == 0 && *end == '\0' && n >= 20 && n <= 1000)
			return ((int)n);
	}
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 20)
		return (ws.ws_col);
	return (80);
}

static int
text_width(const char *s)
{
	int	 w = utf8_width(s);

	return (w < 0 ? (int)strlen(s) : w);
}

static void
print_text(struct ins *in)
{
	struct ins_table *t = &in->t;
	char		 buf[512], name[256];
	char		*bar;
	int		 w[INS_MAXCOLS], show[INS_MAXCOLS], total, ncol, i, c;
	int		 unicode = !in->ascii && chart_unicode(), barw;
	int64_t		 max = 0, *series;
	size_t		 r;

	for (c = 0; c < (int)t->ncols; c++) {
		w[c] = text_width(t->cols[c].name);
		show[c] = 1;
	}
	for (r = 0; r <= t->nrows; r++) {
		const struct ins_cell *row = r < t->nrows ?
		    &t->cells[r * t->ncols] : t->total;

		if (r == t->nrows && !t->has_total)
			break;
		for (c = 0; c < (int)t->ncols; c++) {
			cell_text(in, t, &row[c], c, buf, sizeof buf);
			if (t->cols[c].type == INS_TEXT) {
				fit_name(buf, NAME_COLS, unicode, name,
				    sizeof name);
				i = text_width(name);
			} else
				i = text_width(buf);
			if (i > w[c])
				w[c] = i;
		}
		if (r < t->nrows && t->chart >= 0 &&
		    row[t->chart].v > max)
			max = row[t->chart].v;
	}
	/* Drop columns from the right until the table and a bar fit. */
	for (;;) {
		total = 0;
		ncol = 0;
		for (c = 0; c < (int)t->ncols; c++)
			if (show[c]) {
				total += w[c] + (ncol > 0 ? 1 : 0);
				ncol++;
			}
		if (total + (t->chart >= 0 ? 9 : 0) <= in->width)
			break;
		for (c = (int)t->ncols - 1; c > 0; c--)
			if (show[c] && c != t->chart)
				break;
		if (c <= 0)
			break;
		show[c] = 0;
	}
	barw = t->chart >= 0 ? in->width - total - 1 : 0;
	if (barw > 40)
		barw = 40;
	if (barw < 8)
		barw = 0;

	/* The title, and the period where the report has one. */
	fit_name(t->title, in->width, unicode, name, sizeof name);
	fputs(name, stdout);
	if (in->kind == RK_INVENTORY && (in->reorder ||
	    in->q.by == INS_BY_LOCATION))
		putchar('\n');
	else {
		date_fmt(name, sizeof name, in->q.from);
		date_fmt(buf, sizeof buf, in->q.to);
		if (in->kind == RK_INVENTORY)
			printf("%ssold in the 30 days to %s\n",
			    text_width(t->title) + 28 > in->width ? "\n" : ", ",
			    buf);
		else if (in->lapsed > 0 || in->slow > 0 || in->rfm)
			printf("%sup to %s\n", text_width(t->title) + 17 >
			    in->width ? "\n" : ", ", buf);
		else
			printf("%s%s to %s\n", text_width(t->title) + 26 >
			    in->width ? "\n" : ", ", name, buf);
	}
	if (t->series && t->chart >= 0 && t->nrows > 1) {
		series = xcalloc(t->nrows, sizeof *series);
		for (r = 0; r < t->nrows; r++)
			series[r] = t->cells[r * t->ncols + t->chart].v;
		i = in->width - text_width(t->cols[t->chart].name) - 1;
		bar = xmalloc(CHART_BUFSZ(i > 0 ? i : 1));
		printf("%s %s\n", t->cols[t->chart].name, chart_spark(bar,
		    CHART_BUFSZ(i > 0 ? i : 1), series, t->nrows, i,
		    unicode));
		free(bar);
		free(series);
	}
	ncol = 0;
	for (c = 0; c < (int)t->ncols; c++) {
		if (!show[c])
			continue;
		if (ncol++ > 0)
			putchar(' ');
		if (t->cols[c].type == INS_TEXT)
			cli_pad(stdout, t->cols[c].name, w[c]);
		else
			cli_rpad(stdout, t->cols[c].name, w[c]);
	}
	putchar('\n');
	bar = xmalloc(CHART_BUFSZ(barw > 0 ? barw : 1));
	for (r = 0; r <= t->nrows; r++) {
		const struct ins_cell *row = r < t->nrows ?
		    &t->cells[r * t->ncols] : t->total;

		if (r == t->nrows) {
			if (!t->has_total || t->nrows < 2)
				break;
			row = t->total;
		}
		ncol = 0;
		for (c = 0; c < (int)t->ncols; c++) {
			if (!show[c])
				continue;
			if (ncol++ > 0)
				putchar(' ');
			if (r == t->nrows && c == 0 &&
			    t->cols[c].type == INS_TEXT) {
				cli_pad(stdout, "total", w[c]);
				continue;
			}
			cell_text(in, t, &row[c], c, buf, sizeof buf);
			if (r == t->nrows && t->total[c].null)
				buf[0] = '\0';
			if (t->cols[c].type == INS_TEXT) {
				fit_name(buf, NAME_COLS, unicode, name,
				    sizeof name);
				cli_pad(stdout, name, w[c]);
			} else
				cli_rpad(stdout, buf, w[c]);
		}
		if (barw > 0 && r < t->nrows)
			printf(" %s", chart_bar(bar, CHART_BUFSZ(barw),
			    row[t->chart].v, max, barw, unicode));
		putchar('\n');
	}
	free(bar);
	if (t->nrows == 0)
		printf("(nothing in this period)\n");
}

static void
print_csv(struct ins *in)
{
	struct ins_table *t = &in->t;
	struct csvout	 csv;
	const char	*h[INS_MAXCOLS + 1];
	char		 buf[512];
	size_t		 r, c;

	for (c = 0; c < t->ncols; c++)
		h[c] = t->cols[c].name;
	h[c] = NULL;
	csvout_init(&csv, stdout);
	csvout_header(&csv, h);
	for (r = 0; r < t->nrows; r++) {
		for (c = 0; c < t->ncols; c++) {
			const struct ins_cell *cl = &t->cells[r * t->ncols + c];

			if (t->cols[c].type == INS_TEXT)
				csvout_text(&csv, cl->s != NULL ? cl->s : "");
			else {
				cell_text(in, t, cl, c, buf, sizeof buf);
				csvout_num(&csv, buf);
			}
		}
		csvout_end(&csv);
	}
}

static void
json_str(FILE *fp, const char *s)
{
	fputc('"', fp);
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			fprintf(fp, "\\%c", c);
		else if (c < 0x20)
			fprintf(fp, "\\u%04x", c);
		else
			fputc(c, fp);
	}
	fputc('"', fp);
}

static void
json_row(struct ins *in, const struct ins_cell *row)
{
	struct ins_table *t = &in->t;
	char		 buf[512];
	size_t		 c;

	fputc('{', stdout);
	for (c = 0; c < t->ncols; c++) {
		if (c > 0)
			fputs(", ", stdout);
		json_str(stdout, t->cols[c].name);
		fputs(": ", stdout);
		if (row[c].null)
			fputs("null", stdout);
		else if (t->cols[c].type == INS_TEXT)
			json_str(stdout, row[c].s != NULL ? row[c].s : "");
		else {
			cell_text(in, t, &row[c], c, buf, sizeof buf);
			if (t->cols[c].type == INS_DATE)
				json_str(stdout, buf);
			else
				fputs(buf, stdout);
		}
	}
	fputc('}', stdout);
}

static void
print_json(struct ins *in)
{
	struct ins_table *t = &in->t;
	char		 d[DATE_BUFSZ];
	size_t		 r;

	fputs("{\"title\": ", stdout);
	json_str(stdout, t->title);
	printf(", \"from\": \"%s\"", date_fmt(d, sizeof d, in->q.from));
	printf(", \"to\": \"%s\"", date_fmt(d, sizeof d, in->q.to));
	fputs(", \"currency\": ", stdout);
	json_str(stdout, in->cli->cfg->currency != NULL ?
	    in->cli->cfg->currency : "");
	fputs(",\n \"rows\": [", stdout);
	for (r = 0; r < t->nrows; r++) {
		fputs(r > 0 ? ",\n  " : "\n  ", stdout);
		json_row(in, &t->cells[r * t->ncols]);
	}
	fputs("]", stdout);
	if (t->has_total) {
		fputs(",\n \"total\": ", stdout);
		json_row(in, t->total);
	}
	fputs("}\n", stdout);
}

int
cmd_report_insight(struct cli *cli, int argc, char **argv)
{
	static const struct option lo[] = {
		{ "by",		required_argument, NULL, 'b' },
		{ "from",	required_argument, NULL, 'f' },
		{ "to",		required_argument, NULL, 't' },
		{ "top",	required_argument, NULL, 'n' },
		{ "compare",	no_argument,	   NULL, 'c' },
		{ "slow",	required_argument, NULL, 's' },
		{ "lapsed",	required_argument, NULL, 'l' },
		{ "reorder",	no_argument,	   NULL, 'r' },
		{ "rfm",	no_argument,	   NULL, 'R' },
		{ "csv",	no_argument,	   NULL, 'C' },
		{ "json",	no_argument,	   NULL, 'J' },
		{ "ascii",	no_argument,	   NULL, 'A' },
		{ "width",	required_argument, NULL, 'w' },
		CLI_OPT_END
	};
	struct ins	 in;
	char		*cause = NULL;
	int64_t		 n;
	int32_t		 from = INT32_MIN, to = INT32_MIN, today;
	int		 c, rc, by_given = 0, top_given = 0;

	memset(&in, 0, sizeof in);
	in.cli = cli;
	if (strcmp(argv[0], "sales") == 0) {
		in.kind = RK_SALES;
		in.q.by = INS_BY_DAY;
	} else if (strcmp(argv[0], "inventory") == 0) {
		in.kind = RK_INVENTORY;
		in.q.by = INS_BY_LOCATION;
	} else if (strcmp(argv[0], "customers") == 0) {
		in.kind = RK_CUSTOMERS;
		in.q.by = INS_BY_MONTH;
	} else {
		in.kind = RK_FINANCE;
		in.q.by = INS_BY_MONTH;
	}
	in.width = term_width();
	while ((c = cli_getopt(cli, argc, argv, NULL, lo)) != -1) {
		switch (c) {
		case 'b':
			if (ins_by_parse(optarg, &in.q.by) != 0)
				return (cli_usage_error(cli, "--by: no such "
				    "grouping: %s", optarg));
			by_given = 1;
			break;
		case 'f':
			if ((rc = cli_date(cli, "--from", optarg, &from)) != 0)
				return (rc);
			break;
		case 't':
			if ((rc = cli_date(cli, "--to", optarg, &to)) != 0)
				return (rc);
			break;
		case 'n':
		case 's':
		case 'l':
		case 'w':
			if (int_parse(optarg, &n) != 0 || n < 1 ||
			    n > 100000)
				return (cli_usage_error(cli, "%s: not a "
				    "number from 1 to 100000: %s", c == 'n' ?
				    "--top" : c == 's' ? "--slow" : c == 'l' ?
				    "--lapsed" : "--width", optarg));
			if (c == 'n') {
				in.q.top = (size_t)n;
				top_given = 1;
			} else if (c == 's')
				in.slow = (int)n;
			else if (c == 'l')
				in.lapsed = (int)n;
			else
				in.width = n < 20 ? 20 : (int)n;
			break;
		case 'c':
			in.compare = 1;
			break;
		case 'r':
			in.reorder = 1;
			break;
		case 'R':
			in.rfm = 1;
			break;
		case 'C':
			in.out = RO_CSV;
			break;
		case 'J':
			in.out = RO_JSON;
			break;
		case 'A':
			in.ascii = 1;
			break;
		default:
			return (c);
		}
	}
	if ((rc = cli_nargs(cli, argc - optind, 0, 0)) != 0)
		return (rc);
	if (by_given && ((in.kind == RK_SALES && in.q.by == INS_BY_LOCATION) ||
	    (in.kind == RK_INVENTORY && in.q.by == INS_BY_PREFIX) ||
	    (in.kind == RK_INVENTORY && in.q.by != INS_BY_LOCATION &&
	    in.q.by != INS_BY_ITEM) || (in.kind == RK_FINANCE &&
	    in.q.by > INS_BY_QUARTER) || in.kind == RK_CUSTOMERS))
		return (cli_usage_error(cli, "--by %s does not go with "
		    "report %s", ins_by_name(in.q.by), argv[0]));
	if (!top_given && (in.q.by == INS_BY_ITEM ||
	    in.q.by == INS_BY_PREFIX || in.kind == RK_CUSTOMERS))
		in.q.top = 20;
	today = company_day(cli->co, util_now());
	ins_default_period(in.compare ? INS_BY_DAY : in.q.by,
	    to != INT32_MIN ? to : today, &in.q.from, &in.q.to);
	if (from != INT32_MIN)
		in.q.from = from;
	if ((rc = db_read(cli->db, ins_fn, &in, &cause)) != 0) {
		rc = cli_fail(cli, rc, cause);
		free(cause);
		ins_table_free(&in.t);
		return (rc);
	}
	if (in.out == RO_CSV)
		print_csv(&in);
	else if (in.out == RO_JSON)
		print_json(&in);
	else
		print_text(&in);
	ins_table_free(&in.t);
	if (fflush(stdout) != 0 || ferror(stdout))
		return (cli_fail(cli, ORDO_EIO, "writing the report"));
	return (EXIT_OK);
}

/*
 * "ordo export orders|lines [-o FILE]": every order, or every order
 * line, as CSV, for a spreadsheet or another database (and for the test
 * that recomputes the reports with sqlite3).  Money in the currency's
 * units, dates YYYY-MM-DD (the day the order was taken, in the company's
 * zone).
 */
static const char *const orders_csv_header[] = {
	"order", "date", "customer", "channel", "status", "shipping",
	"ship_tax", "net", "tax", "total", NULL
};
static const char *const lines_csv_header[] = {
	"order", "line", "sku", "qty", "cancelled", "shipped", "returned",
	"reserved", "unit_price", "discount", "net", "tax", "cost_shipped",
	"cost_returned", NULL
};

struct exp {
	struct cli	*cli;
	struct csvout	 csv;
	int		 lines;
};

static int
exp_order(const struct order *o, void *arg)
{
	struct exp		*e = arg;
	const struct order_line	*l;
	char			 d[DATE_BUFSZ];
	size_t			 i;

	if (!e->lines) {
		csvout_int(&e->csv, (int64_t)o->id);
		csvout_text(&e->csv, date_fmt(d, sizeof d,
		    company_day(e->cli->co, o->created)));
		csvout_text(&e->csv, o->customer);
		csvout_text(&e->csv, o->channel);
		csvout_text(&e->csv, order_status_name(o->status));
		csvout_money(&e->csv, e->cli, o->shipping);
		csvout_money(&e->csv, e->cli, o->ship_tax);
		csvout_money(&e->csv, e->cli, o->net);
		csvout_money(&e->csv, e->cli, o->tax);
		csvout_money(&e->csv, e->cli, o->total);
		csvout_end(&e->csv);
		return (ferror(e->csv.fp) != 0);
	}
	for (i = 0; i < o->nlines; i++) {
		l = &o->lines[i];
		csvout_int(&e->csv, (int64_t)o->id);
		csvout_int(&e->csv, l->no);
		csvout_text(&e->csv, l->sku);
		csvout_int(&e->csv, l->qty);
		csvout_int(&e->csv, l->cancelled);
		csvout_int(&e->csv, l->shipped);
		csvout_int(&e->csv, l->returned);
		csvout_int(&e->csv, l->reserved);
		csvout_money(&e->csv, e->cli, l->unit_price);
		csvout_money(&e->csv, e->cli, l->discount);
		csvout_money(&e->csv, e->cli, l->net);
		csvout_money(&e->csv, e->cli, l->tax);
		csvout_money(&e->csv, e->cli, l->cost_shipped);
		csvout_money(&e->csv, e->cli, l->cost_returned);
		csvout_end(&e->csv);
	}
	return (ferror(e->csv.fp) != 0);
}

static int
exp_fn(struct db_txn *tx, void *arg, char **cause)
{
	(void)cause;
	return (order_each(tx, -1, NULL, 0, exp_order, arg));
}

int
cmd_export_orders(struct cli *cli, int argc, char **argv)
{
	static const struct option lo[] = {
		{ "output",	required_argument, NULL, 'o' },
		CLI_OPT_END
	};
	struct exp	 e;
	struct outfile	 of;
	const char	*file = NULL;
	char		*cause = NULL;
	FILE		*fp = stdout;
	int		 c, rc;

	memset(&e, 0, sizeof e);
	e.cli = cli;
	e.lines = strcmp(argv[0], "lines") == 0;
	while ((c = cli_getopt(cli, argc, argv, "o:", lo)) != -1) {
		if (c != 'o')
			return (EXIT_USAGE);
		file = optarg;
	}
	if ((rc = cli_nargs(cli, argc - optind, 0, 0)) != 0)
		return (rc);
	if ((rc = cli_finance(cli, "exporting orders")) != 0)
		return (rc);
	if (file != NULL && strcmp(file, "-") != 0) {
		if ((rc = outfile_open(&of, file, OUT_MODE, &cause)) != 0) {
			rc = cli_fail(cli, rc, cause);
			free(cause);
			return (rc);
		}
		fp = of.fp;
	}
	csvout_init(&e.csv, fp);
	csvout_header(&e.csv, e.lines ? lines_csv_header : orders_csv_header);
	rc = db_read(cli->db, exp_fn, &e, &cause);
	if (rc == 0 && (fflush(fp) != 0 || ferror(fp)))
		rc = ORDO_EIO;
	if (fp != stdout) {
		if (rc == 0)
			rc = outfile_close(&of, &cause);
		else
			outfile_abort(&of);
	}
	if (rc != 0) {
		rc = cli_fail(cli, rc, cause);
		free(cause);
		return (rc);
	}
	return (EXIT_OK);
}

/* "ordo suggest CUSTOMER [SKU...] [--csv]": suggest.h. */
struct sug {
	const char	*customer;
	const char *const *skus;
	size_t		 n;
	struct suggestion *s;
	size_t		 ns;
};

static int
sug_fn(struct db_txn *tx, void *arg, char **cause)
{
	struct sug	*sg = arg;

	return (suggest(tx, sg->customer, sg->skus, sg->n, &sg->s, &sg->ns,
	    cause));
}

int
cmd_suggest(struct cli *cli, int argc, char **argv)
{
	static const struct option lo[] = {
		{ "csv",	no_argument,	   NULL, 'C' },
		CLI_OPT_END
	};
	static const char *const hdr[] = { "kind", "sku", "name", "qty",
	    "with", "orders", "share_pct", NULL };
	struct sug	 sg;
	struct csvout	 csv;
	char		*cause = NULL, pct[32];
	size_t		 i;
	int		 c, rc, csvmode = 0, last = -1;

	while ((c = cli_getopt(cli, argc, argv, NULL, lo)) != -1) {
		if (c != 'C')
			return (c);
		csvmode = 1;
	}
	if ((rc = cli_nargs(cli, argc - optind, 1, -1)) != 0)
		return (rc);
	memset(&sg, 0, sizeof sg);
	sg.customer = argv[optind];
	sg.skus = (const char *const *)&argv[optind + 1];
	sg.n = (size_t)(argc - optind - 1);
	if ((rc = db_read(cli->db, sug_fn, &sg, &cause)) != 0) {
		rc = cli_fail(cli, rc, cause);
		free(cause);
		return (rc);
	}
	if (csvmode) {
		csvout_init(&csv, stdout);
		csvout_header(&csv, hdr);
	}
	for (i = 0; i < sg.ns; i++) {
		const struct suggestion *s = &sg.s[i];

		fmt_pct(pct, sizeof pct, s->confidence);
		if (csvmode) {
			csvout_text(&csv, s->kind == SUGGEST_USUAL ? "usual" :
			    "together");
			csvout_text(&csv, s->sku);
			csvout_text(&csv, s->name);
			if (s->kind == SUGGEST_USUAL)
				csvout_int(&csv, s->qty);
			else
				csvout_text(&csv, "");
			csvout_text(&csv, s->because != NULL ? s->because :
			    "");
			csvout_int(&csv, s->support);
			csvout_num(&csv, pct);
			csvout_end(&csv);
			continue;
		}
		if ((int)s->kind != last) {
			printf("%s\n", s->kind == SUGGEST_USUAL ?
			    "Usually orders:" : "Bought together with the "
			    "order's items:");
			last = (int)s->kind;
		}
		printf("  ");
		cli_pad(stdout, s->sku, 12);
		printf(" ");
		cli_pad(stdout, s->name, 24);
		if (s->kind == SUGGEST_USUAL)
			printf(" qty %-4lld in %lld of the last orders (%s%%)\n",
			    (long long)s->qty, (long long)s->support, pct);
		else
			printf(" with %s in %lld orders (%s%%)\n",
			    cli_esc(s->because), (long long)s->support, pct);
	}
	if (!csvmode && sg.ns == 0)
		printf("No suggestions.\n");
	suggest_free(sg.s, sg.ns);
	return (EXIT_OK);
}

/*
 * "ordo reorder [--lead-days N] [--review-days N] [--service PCT] [--all]
 * [--to D] [--csv]": forecast.h.
 */
struct ro {
	int32_t		 day;
	int		 lead, review, all;
	double		 service;
	struct fc_reorder *r;
	size_t		 n;
};

static int
ro_fn(struct db_txn *tx, void *arg, char **cause)
{
	struct ro	*ro = arg;

	return (fc_reorder_list(tx, ro->day, ro->lead, ro->review,
	    ro->service, ro->all, &ro->r, &ro->n, cause));
}

int
cmd_reorder(struct cli *cli, int argc, char **argv)
{
	static const struct option lo[] = {
		{ "lead-days",	required_argument, NULL, 'l' },
		{ "review-days", required_argument, NULL, 'r' },
		{ "service",	required_argument, NULL, 's' },
		{ "all",	no_argument,	   NULL, 'a' },
		{ "to",		required_argument, NULL, 't' },
		{ "csv",	no_argument,	   NULL, 'C' },
		CLI_OPT_END
	};
	static const char *const hdr[] = { "sku", "name", "order_qty",
	    "available", "reorder_point", "safety_stock", "lead_demand",
	    "daily_forecast", "method", "mase", NULL };
	struct ro	 ro;
	struct csvout	 csv;
	char		*cause = NULL, *end, d[32], e[32];
	size_t		 i;
	int64_t		 n;
	int		 c, rc, csvmode = 0;

	memset(&ro, 0, sizeof ro);
	ro.lead = 7;
	ro.review = 7;
	ro.service = 95;
	ro.day = company_day(cli->co, util_now());
	while ((c = cli_getopt(cli, argc, argv, NULL, lo)) != -1) {
		switch (c) {
		case 'l':
		case 'r':
			if (int_parse(optarg, &n) != 0 || n < (c == 'l') ||
			    n > 365)
				return (cli_usage_error(cli, "%s: days from %d "
				    "to 365: %s", c == 'l' ? "--lead-days" :
				    "--review-days", c == 'l', optarg));
			if (c == 'l')
				ro.lead = (int)n;
			else
				ro.review = (int)n;
			break;
		case 's':
			ro.service = strtod(optarg, &end);
			if (*optarg == '\0' || *end != '\0' ||
			    !(ro.service >= 50 && ro.service <= 99.9))
				return (cli_usage_error(cli, "--service: a "
				    "percentage from 50 to 99.9: %s", optarg));
			break;
		case 'a':
			ro.all = 1;
			break;
		case 't':
			if ((rc = cli_date(cli, "--to", optarg, &ro.day)) != 0)
				return (rc);
			break;
		case 'C':
			csvmode = 1;
			break;
		default:
			return (c);
		}
	}
	if ((rc = cli_nargs(cli, argc - optind, 0, 0)) != 0)
		return (rc);
	if ((rc = db_read(cli->db, ro_fn, &ro, &cause)) != 0) {
		rc = cli_fail(cli, rc, cause);
		free(cause);
		return (rc);
	}
	if (csvmode) {
		csvout_init(&csv, stdout);
		csvout_header(&csv, hdr);
	} else
		printf("To reorder: %d days' lead time, %d days' review, %.1f%% "
		    "service\n%-12s %-20s %7s %7s %7s %6s %6s %-12s %5s\n",
		    ro.lead, ro.review, ro.service, "SKU", "NAME", "ORDER",
		    "AVAIL", "POINT", "SAFETY", "A DAY", "METHOD", "MASE");
	for (i = 0; i < ro.n; i++) {
		const struct fc_reorder *r = &ro.r[i];

		snprintf(d, sizeof d, "%.2f", r->daily);
		if (r->mase < 0)
			snprintf(e, sizeof e, "%s", csvmode ? "" : "-");
		else
			snprintf(e, sizeof e, "%.2f", r->mase);
		if (csvmode) {
			csvout_text(&csv, r->sku);
			csvout_text(&csv, r->name);
			csvout_int(&csv, r->qty);
			csvout_int(&csv, r->available);
			csvout_int(&csv, r->point);
			csvout_int(&csv, r->safety);
			csvout_int(&csv, r->lead_demand);
			csvout_num(&csv, d);
			csvout_text(&csv, fc_method_name(r->method));
			csvout_num(&csv, e);
			csvout_end(&csv);
			continue;
		}
		cli_pad(stdout, r->sku, 12);
		putchar(' ');
		cli_pad(stdout, r->name, 20);
		printf(" %7lld %7lld %7lld %6lld %6s %-12s %5s\n",
		    (long long)r->qty, (long long)r->available,
		    (long long)r->point, (long long)r->safety, d,
		    fc_method_name(r->method), e);
	}
	if (!csvmode && ro.n == 0)
		printf("Nothing to reorder.\n");
	fc_reorder_free(ro.r, ro.n);
	return (EXIT_OK);
}
