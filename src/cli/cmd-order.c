/*
 * cmd-order.c: "ordo order new|confirm|pick|pack|ship|deliver|close|
 * cancel|return|show|list" and "ordo backorders".
 *
 * Each event is one core call (order_confirm, order_ship, ...) in one
 * write transaction; the order is read back in the same transaction so
 * what is printed is what was committed.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ordo/config.h"
#include "ordo/customer.h"
#include "ordo/date.h"
#include "ordo/db.h"
#include "ordo/error.h"
#include "ordo/money.h"
#include "ordo/order.h"
#include "ordo/payment.h"
#include "ordo/xmalloc.h"

#include "cli.h"

#define ORDER_LIST_LIMIT	50

enum ord_event {
	EV_CONFIRM,
	EV_PICK,
	EV_PACK,
	EV_SHIP,
	EV_DELIVER,
	EV_CLOSE,
	EV_CANCEL,
	EV_RETURN
};

/* One order event and what it left behind. */
struct ord_op {
	enum ord_event	 ev;
	uint64_t	 id;
	uint32_t	 expect;
	struct line_qty	*lines;
	size_t		 nlines;
	const char	*carrier;
	const char	*tracking;
	const char	*reason;
	uint64_t	 invoice;
	int64_t		 invoiced;
	enum order_status status;
	uint32_t	 version;
	int64_t		 backordered;
};

struct ord_new {
	struct order	 o;
	struct order_line *parsed;	/* the lines as typed */
	size_t		 n;
};

struct ord_show {
	struct cli	*cli;
	uint64_t	 id;
	struct order	 o;
	int		 found;
};

struct ord_list {
	struct cli	*cli;
	struct csvout	 csv;
	int		 csvmode;
	struct order_filter f;
	long		 limit;
	long		 n;
	int		 more;
};


/* Multi-line stored text: its line breaks kept, the rest escaped. */
static void
show_text(const char *label, const char *s)
{
	const char	*nl;
	char		*line;

	fputs(label, stdout);
	for (;;) {
		nl = strchr(s, '\n');
		line = nl != NULL ? xstrndup(s, (size_t)(nl - s)) :
		    xstrdup(s);
		fputs(cli_esc(line), stdout);
		free(line);
		fputc('\n', stdout);
		if (nl == NULL)
			break;
		s = nl + 1;
	}
}

static int	 new_fn(struct db_txn *, void *, char **);
static int	 event_fn(struct db_txn *, void *, char **);
static int	 event_run(struct cli *, struct ord_op *);
static int	 event_opts(struct cli *, int, char **, struct ord_op *, int,
		    int);
static int	 show_hist(const struct order_hist *, void *);
static int	 show_fn(struct db_txn *, void *, char **);
static void	 show_lines(struct cli *, const struct order *);
static void	 list_row(struct ord_list *, const struct order_row *);
static int	 list_fn(struct db_txn *, void *, char **);
static int	 bo_row(const struct order *, const struct order_line *,
		    void *);
static int	 bo_fn(struct db_txn *, void *, char **);

static const char *const list_csv_header[] = {
	"number", "date", "status", "customer", "channel", "external_id",
	"net", "tax", "total", "version", NULL
};
static const char *const bo_csv_header[] = {
	"order", "line", "sku", "loc", "backordered", "customer", "name", NULL
};

static int
new_fn(struct db_txn *tx, void *arg, char **cause)
{
	struct ord_new	*on = arg;

	/* order_new fills in the lines: start from the typed ones. */
	memcpy(on->o.lines, on->parsed, on->n * sizeof *on->parsed);
	on->o.nlines = on->n;
	on->o.id = 0;
	return (order_new(tx, &on->o, cause));
}

int
cmd_order_new(struct cli *cli, int argc, char **argv)
{
	static const struct option lo[] = {
		{ "loc",	required_argument, NULL, 'l' },
		{ "notes",	required_argument, NULL, 'n' },
		{ "ship-to",	required_argument, NULL, 's' },
		{ "shipping",	required_argument, NULL, 'S' },
		CLI_OPT_END
	};
	struct ord_new	 on;
	char		*cause = NULL;
	size_t		 i;
	int		 c, rc, n;

	memset(&on, 0, sizeof on);
	on.o.channel = (char *)"counter";
	on.o.ext_id = (char *)"";
	while ((c = cli_getopt(cli, argc, argv, NULL, lo)) != -1) {
		switch (c) {
		case 'l':
			on.o.loc = optarg;
			break;
		case 'n':
			on.o.notes = optarg;
			break;
		case 's':
			on.o.ship_to = optarg;
			break;
		case 'S':
			if ((rc = cli_money(cli, "--shipping", optarg, 0,
			    &on.o.shipping)) != 0)
				return (rc);
			break;
		default:
			return (EXIT_USAGE);
		}
	}
	if ((rc = cli_nargs(cli, argc - optind, 2, -1)) != 0)
		return (rc);
	on.o.customer = argv[optind];
	n = argc - optind - 1;
	if (n > ORDER_MAXLINES)
		return (cli_failf(cli, ORDO_EINVAL, "too many lines (%d, at "
		    "most %d)", n, ORDER_MAXLINES));
	on.n = (size_t)n;
	on.parsed = xcalloc(on.n, sizeof *on.parsed);
	on.o.lines = xcalloc(on.n, sizeof *on.o.lines);
	rc = 0;
	for (i = 0; i < on.n; i++) {
		on.parsed[i].tax_rate = -1;
		rc = lineparse_item(argv[optind + 1 + i], cli_digits(cli),
		    &on.parsed[i].sku, &on.parsed[i].qty,
		    &on.parsed[i].unit_price, &cause);
		if (rc != 0) {
			rc = cli_fail(cli, rc, cause);
			goto out;
		}
	}
	if ((rc = db_write(cli->db, new_fn, &on, &cause)) != 0) {
		rc = cli_fail(cli, rc, cause);
		goto out;
	}
	printf("%" PRIu64 "\n", on.o.id);
out:
	free(cause);
	for (i = 0; i < on.n; i++)
		free(on.parsed[i].sku);
	free(on.parsed);
	free(on.o.lines);
	return (rc);
}

static int
event_fn(struct db_txn *tx, void *arg, char **cause)
{
	struct ord_op	*op = arg;
	struct order	 o;
	struct invoice	 inv;
	size_t		 i;
	int		 rc;

	op->invoice = 0;
	op->invoiced = 0;
	op->backordered = 0;
	switch (op->ev) {
	case EV_CONFIRM:
		rc = order_confirm(tx, op->id, op->expect, cause);
		break;
	case EV_PICK:
		rc = order_pick(tx, op->id, op->expect, op->lines, op->nlines,
		    cause);
		break;
	case EV_PACK:
		rc = order_pack(tx, op->id, op->expect, cause);
		break;
	case EV_SHIP:
		rc = order_ship(tx, op->id, op->expect, op->lines, op->nlines,
		    op->carrier, op->tracking, &op->invoice, cause);
		break;
	case EV_DELIVER:
		rc = order_deliver(tx, op->id, op->expect, cause);
		break;
	case EV_CLOSE:
		rc = order_close(tx, op->id, op->expect, cause);
		break;
	case EV_CANCEL:
		rc = order_cancel(tx, op->id, op->expect, op->reason, cause);
		break;
	case EV_RETURN:
		rc = order_return(tx, op->id, op->expect, op->lines,
		    op->nlines, op->reason, cause);
		break;
	default:
		rc = ORDO_EINVAL;
		break;
	}
	if (rc != 0)
		return (rc);
	if ((rc = order_get(tx, op->id, &o, cause)) != 0)
		return (rc);
	op->status = o.status;
	op->version = o.version;
	for (i = 0; i < o.nlines; i++)
		op->backordered += line_backordered(&o.lines[i]);
	order_free(&o);
	if (op->invoice != 0 && invoice_get(tx, op->invoice, &inv) == 0) {
		op->invoiced = inv.amount;
		invoice_free(&inv);
	}
	return (0);
}

/* Run the event and print the order's new state; exit code. */
static int
event_run(struct cli *cli, struct ord_op *op)
{
	char	*cause = NULL, amount[MONEY_BUFSZ];
	int64_t	 returned = 0;
	size_t	 i;
	int	 rc;

	if ((rc = db_write(cli->db, event_fn, op, &cause)) != 0) {
		rc = cli_fail(cli, rc, cause);
		free(cause);
		return (rc);
	}
	printf("order %" PRIu64 ": %s (version %" PRIu32 ")", op->id,
	    order_status_name(op->status), op->version);
	if (op->ev == EV_RETURN) {
		for (i = 0; i < op->nlines; i++)
			add_i64(returned, op->lines[i].qty, &returned);
		printf("; %" PRId64 " returned", returned);
	}
	if (op->invoice != 0)
		printf("; invoice %" PRIu64 ": %s", op->invoice,
		    cli_fmt_money(cli, amount, sizeof amount, op->invoiced));
	if (op->backordered > 0 && op->status != ST_CANCELLED)
		printf("; %" PRId64 " backordered", op->backordered);
	printf("\n");
	return (EXIT_OK);
}

/*
 * Parse N, the LINE:QTY arguments (need: at least one) and the options
 * shared by the events.  Returns 0 or the exit code.
 */
static int
event_opts(struct cli *cli, int argc, char **argv, struct ord_op *op,
    int need, int scrap)
{
	static const struct option lo[] = {
		{ "expect",	required_argument, NULL, 'e' },
		{ "carrier",	required_argument, NULL, 'c' },
		{ "tracking",	required_argument, NULL, 't' },
		{ "reason",	required_argument, NULL, 'r' },
		CLI_OPT_END
	};
	char		*cause = NULL;
	int		 c, rc, i, n, maxl;

	op->expect = ORDER_ANY_VERSION;
	while ((c = cli_getopt(cli, argc, argv, NULL, lo)) != -1) {
		switch (c) {
		case 'e':
			if ((rc = cli_version(cli, "--expect", optarg,
			    &op->expect)) != 0)
				return (rc);
			break;
		case 'c':
		case 't':
			if (op->ev != EV_SHIP)
				return (cli_usage_error(cli, "--%s is only for "
				    "order ship", c == 'c' ? "carrier" :
				    "tracking"));
			if (c == 'c')
				op->carrier = optarg;
			else
				op->tracking = optarg;
			break;
		case 'r':
			if (op->ev != EV_CANCEL && op->ev != EV_RETURN)
				return (cli_usage_error(cli, "--reason is only "
				    "for order cancel and order return"));
			op->reason = optarg;
			break;
		default:
			return (EXIT_USAGE);
		}
	}
	maxl = (op->ev == EV_PICK || op->ev == EV_SHIP ||
	    op->ev == EV_RETURN) ? -1 : 1;
	if ((rc = cli_nargs(cli, argc - optind, 1 + need, maxl)) != 0)
		return (rc);
	if ((rc = cli_id(cli, "N", argv[optind], &op->id)) != 0)
		return (rc);
	n = argc - optind - 1;
	if (n == 0)
		return (0);
	op->lines = xcalloc((size_t)n, sizeof *op->lines);
	for (i = 0; i < n; i++) {
		rc = lineparse_lineqty(argv[optind + 1 + i], scrap,
		    &op->lines[i], &cause);
		if (rc != 0) {
			rc = cli_fail(cli, rc, cause);
			free(cause);
			return (rc);
		}
	}
	op->nlines = (size_t)n;
	return (0);
}

int
cmd_order_event(struct cli *cli, int argc, char **argv)
{
	struct ord_op	 op;
	int		 rc;

	memset(&op, 0, sizeof op);
	if (strcmp(argv[0], "confirm") == 0)
		op.ev = EV_CONFIRM;
	else if (strcmp(argv[0], "pack") == 0)
		op.ev = EV_PACK;
	else if (strcmp(argv[0], "deliver") == 0)
		op.ev = EV_DELIVER;
	else
		op.ev = EV_CLOSE;
	if ((rc = event_opts(cli, argc, argv, &op, 0, 0)) == 0)
		rc = event_run(cli, &op);
	free(op.lines);
	return (rc);
}

int
cmd_order_lines(struct cli *cli, int argc, char **argv)
{
	struct ord_op	 op;
	int		 rc;

	memset(&op, 0, sizeof op);
	op.ev = strcmp(argv[0], "pick") == 0 ? EV_PICK : EV_SHIP;
	if ((rc = event_opts(cli, argc, argv, &op, 0, 0)) == 0)
		rc = event_run(cli, &op);
	free(op.lines);
	return (rc);
}

int
cmd_order_cancel(struct cli *cli, int argc, char **argv)
{
	struct ord_op	 op;
	int		 rc;

	memset(&op, 0, sizeof op);
	op.ev = EV_CANCEL;
	if ((rc = event_opts(cli, argc, argv, &op, 0, 0)) == 0)
		rc = event_run(cli, &op);
	free(op.lines);
	return (rc);
}

int
cmd_order_return(struct cli *cli, int argc, char **argv)
{
	struct ord_op	 op;
	int		 rc;

	memset(&op, 0, sizeof op);
	op.ev = EV_RETURN;
	if ((rc = event_opts(cli, argc, argv, &op, 1, 1)) == 0)
		rc = event_run(cli, &op);
	free(op.lines);
	return (rc);
}

static int
show_hist(const struct order_hist *h, void *arg)
{
	char	 tb[TIME_BUFSZ];

	(void)arg;
	printf("  %s  ", cli_fmt_time(tb, sizeof tb, h->time));
	cli_pad(stdout, h->user, 10);
	if (h->from == h->to)
		printf(" %-23s", order_status_name(h->to));
	else
		printf(" %-9s -> %-10s", order_status_name(h->from),
		    order_status_name(h->to));
	printf("%s%s\n", h->note != NULL && *h->note != '\0' ? " " : "",
	    h->note != NULL ? cli_esc(h->note) : "");
	return (0);
}

static void
show_lines(struct cli *cli, const struct order *o)
{
	const struct order_line	*l;
	char			 price[MONEY_BUFSZ], net[MONEY_BUFSZ];
	char			 tax[MONEY_BUFSZ], disc[MONEY_BUFSZ];
	char			 pct[16];
	size_t			 i;

	printf("%4s %-16s %8s %8s %8s %8s %8s %8s\n", "LINE", "SKU",
	    "ORDERED", "RESERVED", "PICKED", "SHIPPED", "RETURNED",
	    "BACKORD");
	for (i = 0; i < o->nlines; i++) {
		l = &o->lines[i];
		printf("%4u ", (unsigned)l->no);
		cli_pad(stdout, l->sku, 16);
		printf(" %8" PRId64 " %8" PRId64 " %8" PRId64 " %8" PRId64
		    " %8" PRId64 " %8" PRId64 "\n", l->qty, l->reserved,
		    l->picked, l->shipped, l->returned, line_backordered(l));
		cli_fmt_money(cli, price, sizeof price, l->unit_price);
		cli_fmt_money(cli, net, sizeof net, l->net);
		cli_fmt_money(cli, tax, sizeof tax, l->tax);
		printf("     %s\n       %" PRId64 " x %s", cli_esc(l->name),
		    l->qty,
		    price);
		if (l->discount != 0)
			printf(" - %s", cli_fmt_money(cli, disc, sizeof disc,
			    l->discount));
		if (l->flags & LINE_TAX_INCL)
			printf(" incl. tax");
		if (l->flags & LINE_TAX_GIVEN)
			printf(" = %s, tax as charged %s", net, tax);
		else
			printf(" = %s, tax %s%% %s", net,
			    cli_fmt_percent(pct, sizeof pct, l->tax_rate),
			    tax);
		if (l->loc != NULL && o->loc != NULL &&
		    strcmp(l->loc, o->loc) != 0)
			printf(", from %s", l->loc);
		if (l->cancelled != 0)
			printf(", %" PRId64 " cancelled", l->cancelled);
		if (l->flags & LINE_UNMAPPED)
			printf(", SKU not in the catalogue");
		printf("\n");
	}
}

static int
show_fn(struct db_txn *tx, void *arg, char **cause)
{
	struct ord_show	*os = arg;
	struct cli	*cli = os->cli;
	struct order	*o = &os->o;
	struct customer	 c;
	char		 tb[TIME_BUFSZ], m[MONEY_BUFSZ], pct[16];
	int		 rc;

	if ((rc = order_get(tx, os->id, o, cause)) != 0)
		return (rc);
	os->found = 1;
	memset(&c, 0, sizeof c);
	printf("order %" PRIu64 " (version %" PRIu32 ")\n", o->id,
	    o->version);
	printf("status:    %s\n", order_status_name(o->status));
	printf("customer:  %s", cli_esc(o->customer));
	if (customer_get(tx, o->customer, &c, NULL) == 0) {
		printf("  %s", cli_esc(c.name));
		customer_free(&c);
	}
	printf("\nchannel:   %s", cli_esc(o->channel));
	if (o->ext_id != NULL && *o->ext_id != '\0')
		printf("  %s%s%s", cli_esc(o->ext_id), o->ext_number != NULL &&
		    *o->ext_number != '\0' ? " " : "", o->ext_number != NULL ?
		    cli_esc(o->ext_number) : "");
	printf("\ncreated:   %s\n", cli_fmt_time(tb, sizeof tb, o->created));
	printf("updated:   %s by %s\n", cli_fmt_time(tb, sizeof tb,
	    o->updated), o->updated_by != NULL ? cli_esc(o->updated_by) :
	    "");
	printf("location:  %s\n", o->loc != NULL ? o->loc : "");
	if (o->ship_to != NULL && *o->ship_to != '\0')
		show_text("ship to:   ", o->ship_to);
	if (o->carrier != NULL && *o->carrier != '\0')
		printf("carrier:   %s\n", cli_esc(o->carrier));
	if (o->tracking != NULL && *o->tracking != '\0')
		printf("tracking:  %s\n", cli_esc(o->tracking));
	cli_tracking_link(cli, o->carrier, o->tracking);
	cli_parcel_line(tx, o->id);
	if (o->notes != NULL && *o->notes != '\0')
		show_text("notes:     ", o->notes);
	if (o->batch != 0)
		printf("import:    batch %" PRIu64 "\n", o->batch);
	printf("\n");
	show_lines(cli, o);
	printf("\n");
	printf("shipping:  %12s", cli_fmt_money(cli, m, sizeof m,
	    o->shipping));
	if (o->shipping != 0 && o->ship_tax_rate < 0)
		printf("  (tax as charged %s)", cli_fmt_money(cli, m,
		    sizeof m, o->ship_tax));
	else if (o->shipping != 0)
		printf("  (tax %s%% %s)", cli_fmt_percent(pct, sizeof pct,
		    o->ship_tax_rate), cli_fmt_money(cli, m, sizeof m,
		    o->ship_tax));
	printf("\nnet:       %12s\n", cli_fmt_money(cli, m, sizeof m, o->net));
	printf("tax:       %12s\n", cli_fmt_money(cli, m, sizeof m, o->tax));
	printf("total:     %12s\n", cli_fmt_money(cli, m, sizeof m,
	    o->total));
	printf("\nhistory:\n");
	return (order_history(tx, o->id, show_hist, os));
}

int
cmd_order_show(struct cli *cli, int argc, char **argv)
{
	struct ord_show	 os;
	char		*cause = NULL;
	int		 c, rc;

	while ((c = cli_getopt(cli, argc, argv, NULL, cli_no_opts)) != -1)
		return (EXIT_USAGE);
	if ((rc = cli_nargs(cli, argc - optind, 1, 1)) != 0)
		return (rc);
	memset(&os, 0, sizeof os);
	os.cli = cli;
	if ((rc = cli_id(cli, "N", argv[optind], &os.id)) != 0)
		return (rc);
	rc = db_read(cli->db, show_fn, &os, &cause);
	if (os.found)
		order_free(&os.o);
	if (rc != 0) {
		rc = cli_fail(cli, rc, cause);
		free(cause);
	}
	return (rc);
}

static void
list_row(struct ord_list *ol, const struct order_row *o)
{
	char		 date[DATE_BUFSZ], total[MONEY_BUFSZ];
	char		 net[MONEY_BUFSZ], tax[MONEY_BUFSZ];

	cli_fmt_date(date, sizeof date, o->created);
	cli_fmt_money(ol->cli, total, sizeof total, o->total);
	if (ol->csvmode) {
		cli_fmt_money(ol->cli, net, sizeof net, o->net);
		cli_fmt_money(ol->cli, tax, sizeof tax, o->tax);
		csvout_int(&ol->csv, (int64_t)o->id);
		csvout_num(&ol->csv, date);
		csvout_text(&ol->csv, order_status_name(o->status));
		csvout_text(&ol->csv, o->customer);
		csvout_text(&ol->csv, o->channel);
		csvout_text(&ol->csv, o->ext_id);
		csvout_num(&ol->csv, net);
		csvout_num(&ol->csv, tax);
		csvout_num(&ol->csv, total);
		csvout_int(&ol->csv, o->version);
		csvout_end(&ol->csv);
		return;
	}
	printf("%8" PRIu64 "  %s  %-10s ", o->id, date,
	    order_status_name(o->status));
	cli_pad(stdout, o->customer, 12);
	printf(" ");
	cli_rpad(stdout, total, 12);
	printf("  %s\n", cli_esc(o->channel));
}

/* The list in pages over the index that serves the filter. */
static int
list_fn(struct db_txn *tx, void *arg, char **cause)
{
	struct ord_list	*ol = arg;
	struct customer	 c;
	struct order_row *rows;
	uint64_t	 anchor = 0;
	size_t		 n, i, max = 256;
	int		 rc;

	ol->n = 0;
	ol->more = 0;
	if (ol->f.customer != NULL) {
		memset(&c, 0, sizeof c);
		if ((rc = customer_get(tx, ol->f.customer, &c, cause)) != 0)
			return (rc);
		customer_free(&c);
	}
	if (ol->csvmode) {
		csvout_init(&ol->csv, stdout);
		csvout_header(&ol->csv, list_csv_header);
	} else
		printf("%8s  %-10s  %-10s %-12s %12s  %s\n", "NUMBER", "DATE",
		    "STATUS", "CUSTOMER", "TOTAL", "CHANNEL");
	/* One more than the limit: is there more? */
	if (ol->limit > 0 && (size_t)ol->limit + 1 < max)
		max = (size_t)ol->limit + 1;
	rows = xcalloc(max, sizeof *rows);
	do {
		if ((rc = order_page(tx, &ol->f, anchor, ORDER_PAGE_DOWN,
		    rows, max, &n, cause)) != 0)
			break;
		for (i = 0; i < n; i++) {
			if (ol->limit > 0 && ol->n >= ol->limit) {
				ol->more = 1;
				break;
			}
			ol->n++;
			list_row(ol, &rows[i]);
		}
		if (n > 0)
			anchor = rows[n - 1].id;
	} while (!ol->more && n == max);
	free(rows);
	return (rc);
}

int
cmd_order_list(struct cli *cli, int argc, char **argv)
{
	static const struct option lo[] = {
		{ "status",	required_argument, NULL, 's' },
		{ "customer",	required_argument, NULL, 'c' },
		{ "channel",	required_argument, NULL, 'h' },
		{ "from",	required_argument, NULL, 'f' },
		{ "to",		required_argument, NULL, 't' },
		{ "limit",	required_argument, NULL, 'l' },
		{ "csv",	no_argument,	   NULL, 'C' },
		CLI_OPT_END
	};
	struct ord_list		 ol;
	enum order_status	 st;
	char			*cause = NULL;
	int64_t			 lim;
	int			 c, rc;

	memset(&ol, 0, sizeof ol);
	ol.cli = cli;
	order_filter_init(&ol.f);
	ol.limit = ORDER_LIST_LIMIT;
	while ((c = cli_getopt(cli, argc, argv, NULL, lo)) != -1) {
		switch (c) {
		case 's':
			if (order_status_parse(optarg, &st) != 0)
				return (cli_failf(cli, ORDO_EINVAL, "--status: "
				    "not a status: %s (draft, confirmed, "
				    "picking, packed, partial, shipped, "
				    "delivered, closed, cancelled)", optarg));
			ol.f.status = (int)st;
			break;
		case 'c':
			ol.f.customer = optarg;
			break;
		case 'h':
			ol.f.channel = optarg;
			break;
		case 'f':
			if ((rc = cli_date(cli, "--from", optarg,
			    &ol.f.from_day)) != 0)
				return (rc);
			break;
		case 't':
			if ((rc = cli_date(cli, "--to", optarg,
			    &ol.f.to_day)) != 0)
				return (rc);
			break;
		case 'l':
			if ((rc = cli_qty(cli, "--limit", optarg, 0,
			    &lim)) != 0)
				return (rc);
			ol.limit = (long)lim;
			break;
		case 'C':
			ol.csvmode = 1;
			break;
		default:
			return (EXIT_USAGE);
		}
	}
	if ((rc = cli_nargs(cli, argc - optind, 0, 0)) != 0)
		return (rc);
	if (ol.f.from_day > ol.f.to_day)
		return (cli_failf(cli, ORDO_EINVAL, "--from: the first day is "
		    "after --to, the last"));
	if ((rc = db_read(cli->db, list_fn, &ol, &cause)) != 0) {
		rc = cli_fail(cli, rc, cause);
		free(cause);
		return (rc);
	}
	if (ol.more && !ol.csvmode)
		printf("(first %ld shown; --limit 0 shows all)\n", ol.limit);
	return (EXIT_OK);
}

static int
bo_row(const struct order *o, const struct order_line *l, void *arg)
{
	struct ord_list	*ol = arg;

	if (ol->csvmode) {
		csvout_int(&ol->csv, (int64_t)o->id);
		csvout_int(&ol->csv, l->no);
		csvout_text(&ol->csv, l->sku);
		csvout_text(&ol->csv, l->loc);
		csvout_int(&ol->csv, line_backordered(l));
		csvout_text(&ol->csv, o->customer);
		csvout_text(&ol->csv, l->name);
		csvout_end(&ol->csv);
		return (0);
	}
	printf("%8" PRIu64 " %4u  ", o->id, (unsigned)l->no);
	cli_pad(stdout, l->sku, 16);
	printf(" ");
	cli_pad(stdout, l->loc != NULL ? l->loc : "", 8);
	printf(" %11" PRId64 "  ", line_backordered(l));
	cli_pad(stdout, o->customer, 12);
	printf(" %s\n", cli_esc(l->name));
	return (0);
}

static int
bo_fn(struct db_txn *tx, void *arg, char **cause)
{
	(void)cause;
	return (order_backorders(tx, bo_row, arg));
}

int
cmd_backorders(struct cli *cli, int argc, char **argv)
{
	static const struct option lo[] = {
		{ "csv",	no_argument,	NULL, 'C' },
		CLI_OPT_END
	};
	struct ord_list	 ol;
	char		*cause = NULL;
	int		 c, rc;

	memset(&ol, 0, sizeof ol);
	ol.cli = cli;
	while ((c = cli_getopt(cli, argc, argv, NULL, lo)) != -1) {
		if (c != 'C')
			return (EXIT_USAGE);
		ol.csvmode = 1;
	}
	if ((rc = cli_nargs(cli, argc - optind, 0, 0)) != 0)
		return (rc);
	if (ol.csvmode) {
		csvout_init(&ol.csv, stdout);
		csvout_header(&ol.csv, bo_csv_header);
	} else
		printf("%8s %4s  %-16s %-8s %11s  %-12s %s\n", "ORDER", "LINE",
		    "SKU", "LOCATION", "BACKORDERED", "CUSTOMER", "NAME");
	if ((rc = db_read(cli->db, bo_fn, &ol, &cause)) != 0) {
		rc = cli_fail(cli, rc, cause);
		free(cause);
	}
	return (rc);
}
