/*
 * cmd-customer.c: "ordo customer add|list|show".
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
#include "ordo/ledger.h"
#include "ordo/money.h"
#include "ordo/order.h"
#include "ordo/xmalloc.h"

#include "cli.h"

#define CUST_SHOW_ORDERS	10

struct cust_list {
	struct cli	*cli;
	struct db_txn	*tx;
	struct csvout	 csv;
	int		 csvmode;
	const char	*search;
};

struct cust_show {
	struct cli	*cli;
	const char	*code;
	struct customer	 c;
	int		 found;
	int		 norders;
};

static int	 cust_add_fn(struct db_txn *, void *, char **);
static int	 cust_list_row(const struct customer *, void *);
static int	 cust_list_fn(struct db_txn *, void *, char **);
static int	 cust_show_order(const struct order *, void *);
static int	 cust_show_fn(struct db_txn *, void *, char **);

static const char *const cust_csv_header[] = {
	"code", "name", "phone", "email", "address", "ship_address", "notes",
	"balance", "prepaid", NULL
};

static int
cust_add_fn(struct db_txn *tx, void *arg, char **cause)
{
	return (customer_add(tx, arg, cause));
}

int
cmd_customer_add(struct cli *cli, int argc, char **argv)
{
	static const struct option lo[] = {
		{ "phone",		required_argument, NULL, 'p' },
		{ "email",		required_argument, NULL, 'e' },
		{ "address",		required_argument, NULL, 'a' },
		{ "ship-address",	required_argument, NULL, 's' },
		{ "notes",		required_argument, NULL, 'n' },
		CLI_OPT_END
	};
	struct customer	 c;
	char		*cause = NULL;
	int		 ch, rc;

	memset(&c, 0, sizeof c);
	c.phone = c.email = c.bill_addr = c.ship_addr = c.notes = (char *)"";
	while ((ch = cli_getopt(cli, argc, argv, NULL, lo)) != -1) {
		switch (ch) {
		case 'p':
			c.phone = optarg;
			break;
		case 'e':
			c.email = optarg;
			break;
		case 'a':
			c.bill_addr = optarg;
			break;
		case 's':
			c.ship_addr = optarg;
			break;
		case 'n':
			c.notes = optarg;
			break;
		default:
			return (EXIT_USAGE);
		}
	}
	if ((rc = cli_nargs(cli, argc - optind, 2, 2)) != 0)
		return (rc);
	c.code = argv[optind];
	c.name = argv[optind + 1];
	if ((rc = db_write(cli->db, cust_add_fn, &c, &cause)) != 0) {
		rc = cli_fail(cli, rc, cause);
		free(cause);
		return (rc);
	}
	printf("customer %s added\n", c.code);
	return (EXIT_OK);
}

static int
cust_list_row(const struct customer *c, void *arg)
{
	struct cust_list	*cl = arg;
	char			 bal[MONEY_BUFSZ], pre[MONEY_BUFSZ];
	int64_t			 ar, pp, owed;

	/* What the customer owes: receivable less unused prepayments. */
	ar = ledger_customer_balance(cl->tx, c->code, ACCT_RECEIVABLE);
	pp = ledger_customer_balance(cl->tx, c->code, ACCT_PREPAYMENTS);
	if (add_i64(ar, pp, &owed) != 0)
		owed = ar;
	cli_fmt_money(cl->cli, bal, sizeof bal, owed);
	cli_fmt_money(cl->cli, pre, sizeof pre, pp == INT64_MIN ? 0 : -pp);
	if (cl->csvmode) {
		csvout_text(&cl->csv, c->code);
		csvout_text(&cl->csv, c->name);
		csvout_text(&cl->csv, c->phone);
		csvout_text(&cl->csv, c->email);
		csvout_text(&cl->csv, c->bill_addr);
		csvout_text(&cl->csv, c->ship_addr);
		csvout_text(&cl->csv, c->notes);
		csvout_num(&cl->csv, bal);
		csvout_num(&cl->csv, pre);
		csvout_end(&cl->csv);
		return (0);
	}
	cli_pad(stdout, c->code, 12);
	printf(" ");
	cli_rpad(stdout, bal, 12);
	printf("  ");
	cli_pad(stdout, c->phone, 18);
	printf(" %s\n", cli_esc(c->name));
	return (0);
}

static int
cust_list_fn(struct db_txn *tx, void *arg, char **cause)
{
	struct cust_list	*cl = arg;

	(void)cause;
	cl->tx = tx;
	if (cl->search != NULL)
		return (customer_search(tx, cl->search, cust_list_row, cl));
	return (customer_each(tx, NULL, cust_list_row, cl));
}

int
cmd_customer_list(struct cli *cli, int argc, char **argv)
{
	struct cust_list	 cl;
	char			*cause = NULL;
	int			 rc;

	memset(&cl, 0, sizeof cl);
	cl.cli = cli;
	if ((rc = cli_list_opts(cli, argc, argv, &cl.search,
	    &cl.csvmode)) != 0)
		return (rc);
	if (cl.csvmode) {
		csvout_init(&cl.csv, stdout);
		csvout_header(&cl.csv, cust_csv_header);
	} else
		printf("%-12s %12s  %-18s %s\n", "CODE", "BALANCE", "PHONE",
		    "NAME");
	if ((rc = db_read(cli->db, cust_list_fn, &cl, &cause)) != 0) {
		rc = cli_fail(cli, rc, cause);
		free(cause);
	}
	return (rc);
}

static int
cust_show_order(const struct order *o, void *arg)
{
	struct cust_show	*cs = arg;
	char			 total[MONEY_BUFSZ], date[DATE_BUFSZ];

	if (cs->norders++ >= CUST_SHOW_ORDERS)
		return (1);
	printf("  %8" PRIu64 "  %s  ", o->id, cli_fmt_date(date, sizeof date,
	    o->created));
	cli_pad(stdout, order_status_name(o->status), 10);
	cli_rpad(stdout, cli_fmt_money(cs->cli, total, sizeof total,
	    o->total), 12);
	printf("\n");
	return (0);
}

static int
cust_show_fn(struct db_txn *tx, void *arg, char **cause)
{
	struct cust_show	*cs = arg;
	struct cli		*cli = cs->cli;
	char			 buf[MONEY_BUFSZ], tb[TIME_BUFSZ];
	int64_t			 ar, pp, owed;
	int			 rc;

	if ((rc = customer_get(tx, cs->code, &cs->c, cause)) != 0)
		return (rc);
	cs->found = 1;
	ar = ledger_customer_balance(tx, cs->code, ACCT_RECEIVABLE);
	pp = ledger_customer_balance(tx, cs->code, ACCT_PREPAYMENTS);
	printf("code:          %s\n", cli_esc(cs->c.code));
	printf("name:          %s\n", cli_esc(cs->c.name));
	printf("phone:         %s\n", cli_esc(cs->c.phone));
	printf("email:         %s\n", cli_esc(cs->c.email));
	printf("address:       %s\n", cli_esc(cs->c.bill_addr));
	printf("ship address:  %s\n", cli_esc(cs->c.ship_addr));
	printf("notes:         %s\n", cli_esc(cs->c.notes));
	printf("created:       %s\n", cli_fmt_time(tb, sizeof tb,
	    cs->c.created));
	printf("version:       %" PRIu32 "\n", cs->c.version);
	if (add_i64(ar, pp, &owed) != 0)
		owed = ar;
	printf("balance:       %s%s\n", cli_fmt_money(cli, buf, sizeof buf,
	    owed), owed < 0 ? " (in credit)" : "");
	printf("receivable:    %s\n", cli_fmt_money(cli, buf, sizeof buf,
	    ar));
	printf("prepaid:       %s\n", cli_fmt_money(cli, buf, sizeof buf,
	    pp == INT64_MIN ? 0 : -pp));
	printf("orders (newest first):\n");
	return (order_each(tx, -1, cs->code, 0, cust_show_order, cs));
}

int
cmd_customer_show(struct cli *cli, int argc, char **argv)
{
	struct cust_show	 cs;
	char			*cause = NULL;
	int			 c, rc;

	while ((c = cli_getopt(cli, argc, argv, NULL, cli_no_opts)) != -1)
		return (EXIT_USAGE);
	if ((rc = cli_nargs(cli, argc - optind, 1, 1)) != 0)
		return (rc);
	memset(&cs, 0, sizeof cs);
	cs.cli = cli;
	cs.code = argv[optind];
	rc = db_read(cli->db, cust_show_fn, &cs, &cause);
	if (cs.found)
		customer_free(&cs.c);
	if (rc != 0) {
		rc = cli_fail(cli, rc, cause);
		free(cause);
	}
	return (rc);
}
