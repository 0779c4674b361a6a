/*
 * cmd-stock.c: "ordo stock receive|adjust|transfer|list".
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ordo/config.h"
#include "ordo/db.h"
#include "ordo/error.h"
#include "ordo/item.h"
#include "ordo/money.h"
#include "ordo/stock.h"
#include "ordo/xmalloc.h"

#include "cli.h"

struct stock_op {
	const char	*sku;
	const char	*loc;
	const char	*to;
	const char	*ref;
	int64_t		 qty;
	int64_t		 cost;
	int64_t		 before;	/* adjust: on hand before */
	uint64_t	 move;
};

struct stock_list {
	struct cli	*cli;
	struct db_txn	*tx;
	struct csvout	 csv;
	int		 csvmode;
	int		 low;
	const char	*prefix;
};

static int	 receive_fn(struct db_txn *, void *, char **);
static int	 adjust_fn(struct db_txn *, void *, char **);
static int	 transfer_fn(struct db_txn *, void *, char **);
static int	 stock_list_row(const struct stock *, void *);
static int	 stock_low_row(const struct item *, void *);
static int	 stock_list_fn(struct db_txn *, void *, char **);
static int	 stock_run(struct cli *, db_fn, struct stock_op *);

static const char *const stock_csv_header[] = {
	"sku", "loc", "on_hand", "reserved", "available", "value", "count_due",
	NULL
};
static const char *const low_csv_header[] = {
	"sku", "available", "reorder_point", "reorder_qty", "name", NULL
};

/* Run one stock event in a write transaction; exit code. */
static int
stock_run(struct cli *cli, db_fn fn, struct stock_op *op)
{
	char	*cause = NULL;
	int	 rc;

	if ((rc = db_write(cli->db, fn, op, &cause)) != 0) {
		rc = cli_fail(cli, rc, cause);
		free(cause);
	}
	return (rc);
}

static int
receive_fn(struct db_txn *tx, void *arg, char **cause)
{
	struct stock_op	*op = arg;

	return (stock_receive(tx, op->sku, op->loc, op->qty, op->cost,
	    op->ref, &op->move, cause));
}

int
cmd_stock_receive(struct cli *cli, int argc, char **argv)
{
	static const struct option lo[] = {
		{ "cost",	required_argument, NULL, 'c' },
		{ "loc",	required_argument, NULL, 'l' },
		{ "ref",	required_argument, NULL, 'r' },
		CLI_OPT_END
	};
	struct stock_op	 op;
	char		 cost[MONEY_BUFSZ];
	int		 c, rc, have_cost = 0;

	memset(&op, 0, sizeof op);
	op.loc = cli_default_loc(cli);
	op.ref = "";
	while ((c = cli_getopt(cli, argc, argv, NULL, lo)) != -1) {
		switch (c) {
		case 'c':
			if ((rc = cli_money(cli, "--cost", optarg, 0,
			    &op.cost)) != 0)
				return (rc);
			have_cost = 1;
			break;
		case 'l':
			op.loc = optarg;
			break;
		case 'r':
			op.ref = optarg;
			break;
		default:
			return (EXIT_USAGE);
		}
	}
	if ((rc = cli_nargs(cli, argc - optind, 2, 2)) != 0)
		return (rc);
	if (!have_cost)
		return (cli_usage_error(cli, "--cost is required"));
	op.sku = argv[optind];
	if ((rc = cli_qty(cli, "QTY", argv[optind + 1], LP_NONZERO,
	    &op.qty)) != 0)
		return (rc);
	if ((rc = stock_run(cli, receive_fn, &op)) != 0)
		return (rc);
	printf("received %" PRId64 " %s at %s, %s each (move %" PRIu64 ")\n",
	    op.qty, op.sku, op.loc, cli_fmt_money(cli, cost, sizeof cost,
	    op.cost), op.move);
	return (EXIT_OK);
}

static int
adjust_fn(struct db_txn *tx, void *arg, char **cause)
{
	struct stock_op	*op = arg;
	struct stock	 st;

	memset(&st, 0, sizeof st);
	op->before = 0;
	if (stock_get(tx, op->sku, op->loc, &st) == 0)
		op->before = st.on_hand;
	stock_free(&st);
	return (stock_adjust(tx, op->sku, op->loc, op->qty, op->ref,
	    &op->move, cause));
}

int
cmd_stock_adjust(struct cli *cli, int argc, char **argv)
{
	static const struct option lo[] = {
		{ "loc",	required_argument, NULL, 'l' },
		{ "reason",	required_argument, NULL, 'r' },
		CLI_OPT_END
	};
	struct stock_op	 op;
	int		 c, rc;

	memset(&op, 0, sizeof op);
	op.loc = cli_default_loc(cli);
	op.ref = "";
	while ((c = cli_getopt(cli, argc, argv, NULL, lo)) != -1) {
		switch (c) {
		case 'l':
			op.loc = optarg;
			break;
		case 'r':
			op.ref = optarg;
			break;
		default:
			return (EXIT_USAGE);
		}
	}
	if ((rc = cli_nargs(cli, argc - optind, 2, 2)) != 0)
		return (rc);
	op.sku = argv[optind];
	if ((rc = cli_qty(cli, "COUNTED", argv[optind + 1], 0, &op.qty)) != 0)
		return (rc);
	if ((rc = stock_run(cli, adjust_fn, &op)) != 0)
		return (rc);
	if (op.move == 0)
		printf("%s at %s: counted %" PRId64 ", as recorded; "
		    "no change\n", op.sku, op.loc, op.qty);
	else
		printf("%s at %s: counted %" PRId64 ", was %" PRId64 " (%+"
		    PRId64 ", move %" PRIu64 ")\n", op.sku, op.loc, op.qty,
		    op.before, op.qty - op.before, op.move);
	return (EXIT_OK);
}

static int
transfer_fn(struct db_txn *tx, void *arg, char **cause)
{
	struct stock_op	*op = arg;

	return (stock_transfer(tx, op->sku, op->loc, op->to, op->qty,
	    cause));
}

int
cmd_stock_transfer(struct cli *cli, int argc, char **argv)
{
	static const struct option lo[] = {
		{ "from",	required_argument, NULL, 'f' },
		{ "to",		required_argument, NULL, 't' },
		CLI_OPT_END
	};
	struct stock_op	 op;
	int		 c, rc;

	memset(&op, 0, sizeof op);
	while ((c = cli_getopt(cli, argc, argv, NULL, lo)) != -1) {
		switch (c) {
		case 'f':
			op.loc = optarg;
			break;
		case 't':
			op.to = optarg;
			break;
		default:
			return (EXIT_USAGE);
		}
	}
	if ((rc = cli_nargs(cli, argc - optind, 2, 2)) != 0)
		return (rc);
	if (op.loc == NULL || op.to == NULL)
		return (cli_usage_error(cli, "--from and --to are required"));
	op.sku = argv[optind];
	if ((rc = cli_qty(cli, "QTY", argv[optind + 1], LP_NONZERO,
	    &op.qty)) != 0)
		return (rc);
	if ((rc = stock_run(cli, transfer_fn, &op)) != 0)
		return (rc);
	printf("moved %" PRId64 " %s from %s to %s\n", op.qty, op.sku, op.loc,
	    op.to);
	return (EXIT_OK);
}

static int
stock_list_row(const struct stock *st, void *arg)
{
	struct stock_list	*sl = arg;
	char			 value[MONEY_BUFSZ];

	cli_fmt_money(sl->cli, value, sizeof value, st->value);
	if (sl->csvmode) {
		csvout_text(&sl->csv, st->sku);
		csvout_text(&sl->csv, st->loc);
		csvout_int(&sl->csv, st->on_hand);
		csvout_int(&sl->csv, st->reserved);
		csvout_int(&sl->csv, stock_available(st));
		csvout_num(&sl->csv, value);
		csvout_text(&sl->csv, st->count_due ? "yes" : "");
		csvout_end(&sl->csv);
		return (0);
	}
	cli_pad(stdout, st->sku, 16);
	printf(" ");
	cli_pad(stdout, st->loc, 8);
	printf(" %9" PRId64 " %9" PRId64 " %9" PRId64 " ", st->on_hand,
	    st->reserved, stock_available(st));
	cli_rpad(stdout, value, 12);
	/* Shipped by a marketplace beyond the books (stock.h). */
	printf("%s\n", st->count_due ? "  COUNT IT" : "");
	return (0);
}

static int
stock_low_row(const struct item *it, void *arg)
{
	struct stock_list	*sl = arg;
	int64_t			 avail;

	if (sl->prefix != NULL &&
	    strncmp(it->sku, sl->prefix, strlen(sl->prefix)) != 0)
		return (0);
	if (!it->active || stock_low(sl->tx, it->sku, &avail) != 1)
		return (0);
	if (sl->csvmode) {
		csvout_text(&sl->csv, it->sku);
		csvout_int(&sl->csv, avail);
		csvout_int(&sl->csv, it->reorder_point);
		csvout_int(&sl->csv, it->reorder_qty);
		csvout_text(&sl->csv, it->name);
		csvout_end(&sl->csv);
		return (0);
	}
	cli_pad(stdout, it->sku, 16);
	printf(" %9" PRId64 " %9" PRId64 " %9" PRId64 "  %s\n", avail,
	    it->reorder_point, it->reorder_qty, it->name);
	return (0);
}

static int
stock_list_fn(struct db_txn *tx, void *arg, char **cause)
{
	struct stock_list	*sl = arg;

	(void)cause;
	sl->tx = tx;
	if (sl->low)
		return (item_each(tx, NULL, stock_low_row, sl));
	return (stock_each(tx, sl->prefix != NULL ? sl->prefix : "",
	    stock_list_row, sl));
}

int
cmd_stock_list(struct cli *cli, int argc, char **argv)
{
	static const struct option lo[] = {
		{ "low",	no_argument,	NULL, 'l' },
		{ "csv",	no_argument,	NULL, 'C' },
		CLI_OPT_END
	};
	struct stock_list	 sl;
	char			*cause = NULL;
	int			 c, rc;

	memset(&sl, 0, sizeof sl);
	sl.cli = cli;
	while ((c = cli_getopt(cli, argc, argv, NULL, lo)) != -1) {
		switch (c) {
		case 'l':
			sl.low = 1;
			break;
		case 'C':
			sl.csvmode = 1;
			break;
		default:
			return (EXIT_USAGE);
		}
	}
	if ((rc = cli_nargs(cli, argc - optind, 0, 1)) != 0)
		return (rc);
	if (argc - optind == 1) {
		sl.prefix = argv[optind];
		if ((rc = cli_text(cli, "SKU-PREFIX", sl.prefix, 64)) != 0)
			return (rc);
	}
	if (sl.csvmode) {
		csvout_init(&sl.csv, stdout);
		csvout_header(&sl.csv, sl.low ? low_csv_header :
		    stock_csv_header);
	} else if (sl.low)
		printf("%-16s %9s %9s %9s  %s\n", "SKU", "AVAILABLE",
		    "REORDER@", "REORDER", "NAME");
	else
		printf("%-16s %-8s %9s %9s %9s %12s\n", "SKU", "LOCATION",
		    "ON HAND", "RESERVED", "AVAILABLE", "VALUE");
	if ((rc = db_read(cli->db, stock_list_fn, &sl, &cause)) != 0) {
		rc = cli_fail(cli, rc, cause);
		free(cause);
	}
	return (rc);
}
