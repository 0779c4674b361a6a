/*
 * cmd-item.c: "ordo item add|list|show".
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ordo/config.h"
#include "ordo/db.h"
#include "ordo/error.h"
#include "ordo/item.h"
#include "ordo/lineparse.h"
#include "ordo/money.h"
#include "ordo/stock.h"
#include "ordo/xmalloc.h"

#include "cli.h"

struct item_list {
	struct cli	*cli;
	struct db_txn	*tx;
	struct csvout	 csv;
	int		 csvmode;
	const char	*search;
	size_t		 n;
};

struct item_show {
	struct cli	*cli;
	const char	*sku;
	struct item	 it;
	int		 found;
	int		 tax;
	int		 low;
	int64_t		 avail;
};

static int	 item_add_fn(struct db_txn *, void *, char **);
static void	 item_totals(struct db_txn *, const struct cli *,
		    const char *, int64_t *, int64_t *);
static int	 item_list_row(const struct item *, void *);
static int	 item_list_fn(struct db_txn *, void *, char **);
static int	 item_show_stock(const struct stock *, void *);
static int	 item_show_fn(struct db_txn *, void *, char **);

static const char *const item_csv_header[] = {
	"sku", "barcode", "name", "unit", "price", "cost", "reorder_point",
	"reorder_qty", "bin", "tax", "backorder", "active", "on_hand",
	"available", NULL
};

static int
item_add_fn(struct db_txn *tx, void *arg, char **cause)
{
	return (item_add(tx, arg, cause));
}

int
cmd_item_add(struct cli *cli, int argc, char **argv)
{
	static const struct option lo[] = {
		{ "price",		required_argument, NULL, 'p' },
		{ "barcode",		required_argument, NULL, 'b' },
		{ "unit",		required_argument, NULL, 'u' },
		{ "bin",		required_argument, NULL, 'B' },
		{ "cost",		required_argument, NULL, 'c' },
		{ "reorder-point",	required_argument, NULL, 'r' },
		{ "reorder-qty",	required_argument, NULL, 'q' },
		{ "tax",		required_argument, NULL, 't' },
		{ "backorder",		no_argument,	NULL, 'o' },
		CLI_OPT_END
	};
	struct item	 it;
	char		*cause = NULL;
	int		 c, rc, have_price = 0;

	memset(&it, 0, sizeof it);
	it.barcode = (char *)"";
	it.unit = (char *)"pcs";
	it.bin = (char *)"";
	it.tax_rate = -1;
	it.active = 1;
	while ((c = cli_getopt(cli, argc, argv, NULL, lo)) != -1) {
		rc = 0;
		switch (c) {
		case 'p':
			rc = cli_money(cli, "--price", optarg, 0, &it.price);
			have_price = 1;
			break;
		case 'b':
			it.barcode = optarg;
			break;
		case 'u':
			it.unit = optarg;
			break;
		case 'B':
			it.bin = optarg;
			break;
		case 'c':
			rc = cli_money(cli, "--cost", optarg, 0, &it.cost);
			break;
		case 'r':
			rc = cli_qty(cli, "--reorder-point", optarg, 0,
			    &it.reorder_point);
			break;
		case 'q':
			rc = cli_qty(cli, "--reorder-qty", optarg, 0,
			    &it.reorder_qty);
			break;
		case 't':
			rc = cli_percent(cli, "--tax", optarg, &it.tax_rate);
			break;
		case 'o':
			it.backorder = 1;
			break;
		default:
			return (EXIT_USAGE);
		}
		if (rc != 0)
			return (rc);
	}
	if ((rc = cli_nargs(cli, argc - optind, 2, 2)) != 0)
		return (rc);
	if (!have_price)
		return (cli_usage_error(cli, "--price is required"));
	it.sku = argv[optind];
	it.name = argv[optind + 1];
	if ((rc = db_write(cli->db, item_add_fn, &it, &cause)) != 0) {
		rc = cli_fail(cli, rc, cause);
		free(cause);
		return (rc);
	}
	printf("item %s added\n", it.sku);
	return (EXIT_OK);
}

/* On hand over every configured location, and available (all). */
static void
item_totals(struct db_txn *tx, const struct cli *cli, const char *sku,
    int64_t *on_hand, int64_t *avail)
{
	struct stock	 st;
	size_t		 i;

	*on_hand = 0;
	*avail = 0;
	for (i = 0; i < cli->cfg->nlocations; i++) {
		memset(&st, 0, sizeof st);
		if (stock_get(tx, sku, cli->cfg->locations[i].code, &st) == 0) {
			add_i64(*on_hand, st.on_hand, on_hand);
			add_i64(*avail, stock_available(&st), avail);
		}
		stock_free(&st);
	}
}

static int
item_list_row(const struct item *it, void *arg)
{
	struct item_list	*il = arg;
	struct cli		*cli = il->cli;
	char			 price[MONEY_BUFSZ], cost[MONEY_BUFSZ];
	char			 pct[16];
	int64_t			 on_hand, avail;

	item_totals(il->tx, cli, it->sku, &on_hand, &avail);
	cli_fmt_money(cli, price, sizeof price, it->price);
	cli_fmt_money(cli, cost, sizeof cost, it->cost);
	il->n++;
	if (il->csvmode) {
		csvout_text(&il->csv, it->sku);
		csvout_text(&il->csv, it->barcode);
		csvout_text(&il->csv, it->name);
		csvout_text(&il->csv, it->unit);
		csvout_num(&il->csv, price);
		csvout_num(&il->csv, cost);
		csvout_int(&il->csv, it->reorder_point);
		csvout_int(&il->csv, it->reorder_qty);
		csvout_text(&il->csv, it->bin);
		if (it->tax_rate < 0)
			csvout_text(&il->csv, "");
		else
			csvout_num(&il->csv, cli_fmt_percent(pct, sizeof pct,
			    it->tax_rate));
		csvout_int(&il->csv, it->backorder ? 1 : 0);
		csvout_int(&il->csv, it->active ? 1 : 0);
		csvout_int(&il->csv, on_hand);
		csvout_int(&il->csv, avail);
		csvout_end(&il->csv);
		return (0);
	}
	cli_pad(stdout, it->sku, 16);
	printf(" ");
	cli_rpad(stdout, price, 10);
	printf(" %8" PRId64 " %9" PRId64 "  ", on_hand, avail);
	cli_pad(stdout, it->unit, 5);
	printf(" %s%s\n", cli_esc(it->name), it->active ? "" : " (inactive)");
	return (0);
}

static int
item_list_fn(struct db_txn *tx, void *arg, char **cause)
{
	struct item_list	*il = arg;

	(void)cause;
	il->tx = tx;
	il->n = 0;
	if (il->search != NULL)
		return (item_search(tx, il->search, item_list_row, il));
	return (item_each(tx, NULL, item_list_row, il));
}

int
cmd_item_list(struct cli *cli, int argc, char **argv)
{
	struct item_list	 il;
	char			*cause = NULL;
	int			 rc;

	memset(&il, 0, sizeof il);
	il.cli = cli;
	if ((rc = cli_list_opts(cli, argc, argv, &il.search,
	    &il.csvmode)) != 0)
		return (rc);
	if (il.csvmode) {
		csvout_init(&il.csv, stdout);
		csvout_header(&il.csv, item_csv_header);
	} else
		printf("%-16s %10s %8s %9s  %-5s %s\n", "SKU", "PRICE",
		    "ON HAND", "AVAILABLE", "UNIT", "NAME");
	if ((rc = db_read(cli->db, item_list_fn, &il, &cause)) != 0) {
		rc = cli_fail(cli, rc, cause);
		free(cause);
	}
	return (rc);
}

static int
item_show_stock(const struct stock *st, void *arg)
{
	struct item_show	*is = arg;
	char			 value[MONEY_BUFSZ];

	if (strcmp(st->sku, is->sku) != 0)
		return (0);
	cli_fmt_money(is->cli, value, sizeof value, st->value);
	printf("  ");
	cli_pad(stdout, st->loc, 8);
	printf(" %10" PRId64 " %10" PRId64 " %10" PRId64 " ", st->on_hand,
	    st->reserved, stock_available(st));
	cli_rpad(stdout, value, 12);
	printf("\n");
	return (0);
}

static int
item_show_fn(struct db_txn *tx, void *arg, char **cause)
{
	struct item_show	*is = arg;
	struct cli		*cli = is->cli;
	char			 buf[MONEY_BUFSZ], pct[16];
	int			 rc;

	if ((rc = item_get(tx, is->sku, &is->it, cause)) != 0)
		return (rc);
	is->found = 1;
	printf("sku:           %s\n", cli_esc(is->it.sku));
	printf("name:          %s\n", cli_esc(is->it.name));
	printf("barcode:       %s\n", cli_esc(is->it.barcode));
	printf("unit:          %s\n", cli_esc(is->it.unit));
	printf("price:         %s\n", cli_fmt_money(cli, buf, sizeof buf,
	    is->it.price));
	printf("average cost:  %s\n", cli_fmt_money(cli, buf, sizeof buf,
	    is->it.cost));
	printf("tax:           %s%%%s\n", cli_fmt_percent(pct, sizeof pct,
	    item_tax_rate(tx, &is->it)), is->it.tax_rate < 0 ?
	    " (company default)" : "");
	printf("reorder point: %" PRId64 "\n", is->it.reorder_point);
	printf("reorder qty:   %" PRId64 "\n", is->it.reorder_qty);
	printf("bin:           %s\n", cli_esc(is->it.bin));
	printf("backorder:     %s\n", is->it.backorder ? "yes" : "no");
	printf("active:        %s\n", is->it.active ? "yes" : "no");
	printf("version:       %" PRIu32 "\n", is->it.version);
	is->low = stock_low(tx, is->sku, &is->avail) == 1;
	printf("available:     %" PRId64 "%s\n", is->avail, is->low ?
	    " (low: at or below the reorder point)" : "");
	printf("stock:\n  %-8s %10s %10s %10s %12s\n", "LOCATION",
	    "ON HAND", "RESERVED", "AVAILABLE", "VALUE");
	return (stock_each(tx, is->sku, item_show_stock, is));
}

int
cmd_item_show(struct cli *cli, int argc, char **argv)
{
	struct item_show	 is;
	char			*cause = NULL;
	int			 c, rc;

	while ((c = cli_getopt(cli, argc, argv, NULL, cli_no_opts)) != -1)
		return (EXIT_USAGE);
	if ((rc = cli_nargs(cli, argc - optind, 1, 1)) != 0)
		return (rc);
	memset(&is, 0, sizeof is);
	is.cli = cli;
	is.sku = argv[optind];
	rc = db_read(cli->db, item_show_fn, &is, &cause);
	if (is.found)
		item_free(&is.it);
	if (rc != 0) {
		rc = cli_fail(cli, rc, cause);
		free(cause);
	}
	return (rc);
}
