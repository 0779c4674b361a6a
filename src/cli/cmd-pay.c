/*
 * cmd-pay.c: "ordo pay", "ordo refund" and "ordo allocate".
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ordo/config.h"
#include "ordo/db.h"
#include "ordo/error.h"
#include "ordo/ledger.h"
#include "ordo/money.h"
#include "ordo/payment.h"
#include "ordo/xmalloc.h"

#include "cli.h"

struct pay_op {
	const char	*customer;
	int64_t		 amount;
	enum pay_method	 method;
	int		 prepayment;
	int		 refund;
	const char	*ref;
	uint64_t	 id;
	uint64_t	*invoices;
	size_t		 ninvoices;
	int		 all;
	int64_t		 done;
	int64_t		 balance;	/* owed after: AR + prepayments */
};

static int	 pay_fn(struct db_txn *, void *, char **);
static int	 alloc_fn(struct db_txn *, void *, char **);
static int	 pay_common(struct cli *, int, char **, int);
static void	 pay_balance(struct db_txn *, struct pay_op *);
static const char *pay_owes(struct cli *, const struct pay_op *, char *,
		    size_t);

static void
pay_balance(struct db_txn *tx, struct pay_op *op)
{
	int64_t	 ar, pp;

	ar = ledger_customer_balance(tx, op->customer, ACCT_RECEIVABLE);
	pp = ledger_customer_balance(tx, op->customer, ACCT_PREPAYMENTS);
	if (add_i64(ar, pp, &op->balance) != 0)
		op->balance = ar;
}

/* "C1 owes 12.00" or "C1 has 3.00 credit". */
static const char *
pay_owes(struct cli *cli, const struct pay_op *op, char *buf, size_t len)
{
	char	 m[MONEY_BUFSZ];

	if (op->balance < 0)
		snprintf(buf, len, "%s has %s credit", op->customer,
		    cli_fmt_money(cli, m, sizeof m, -op->balance));
	else
		snprintf(buf, len, "%s owes %s", op->customer,
		    cli_fmt_money(cli, m, sizeof m, op->balance));
	return (buf);
}

static int
pay_fn(struct db_txn *tx, void *arg, char **cause)
{
	struct pay_op	*op = arg;
	int		 rc;

	op->id = 0;
	if (op->refund)
		rc = pay_refund(tx, op->customer, op->amount, op->method,
		    op->ref, &op->id, cause);
	else
		rc = pay_record(tx, op->customer, op->amount, op->method,
		    op->prepayment, op->ref, &op->id, cause);
	if (rc == 0)
		pay_balance(tx, op);
	return (rc);
}

/* pay and refund: same arguments but --prepayment. */
static int
pay_common(struct cli *cli, int argc, char **argv, int refund)
{
	static const struct option lo[] = {
		{ "method",	required_argument, NULL, 'm' },
		{ "ref",	required_argument, NULL, 'r' },
		{ "prepayment",	no_argument,	   NULL, 'p' },
		CLI_OPT_END
	};
	struct pay_op	 op;
	char		*cause = NULL, amount[MONEY_BUFSZ], bal[128];
	int		 c, rc;

	memset(&op, 0, sizeof op);
	op.method = PAY_CASH;
	op.ref = "";
	op.refund = refund;
	while ((c = cli_getopt(cli, argc, argv, NULL, lo)) != -1) {
		switch (c) {
		case 'm':
			if (pay_method_parse(optarg, &op.method) != 0)
				return (cli_failf(cli, ORDO_EINVAL, "--method: "
				    "not cash, bank or card: %s", optarg));
			break;
		case 'r':
			op.ref = optarg;
			break;
		case 'p':
			if (refund)
				return (cli_usage_error(cli, "unknown option "
				    "--prepayment"));
			op.prepayment = 1;
			break;
		default:
			return (EXIT_USAGE);
		}
	}
	if ((rc = cli_nargs(cli, argc - optind, 2, 2)) != 0)
		return (rc);
	op.customer = argv[optind];
	if ((rc = cli_money(cli, "AMOUNT", argv[optind + 1], LP_NONZERO,
	    &op.amount)) != 0)
		return (rc);
	if ((rc = db_write(cli->db, pay_fn, &op, &cause)) != 0) {
		rc = cli_fail(cli, rc, cause);
		free(cause);
		return (rc);
	}
	cli_fmt_money(cli, amount, sizeof amount, op.amount);
	pay_owes(cli, &op, bal, sizeof bal);
	if (refund)
		printf("refund %" PRIu64 ": %s to %s by %s; %s\n", op.id,
		    amount, op.customer, pay_method_name(op.method), bal);
	else
		printf("%s %" PRIu64 ": %s from %s by %s; %s\n",
		    op.prepayment ? "prepayment" : "payment", op.id, amount,
		    op.customer, pay_method_name(op.method), bal);
	return (EXIT_OK);
}

int
cmd_pay(struct cli *cli, int argc, char **argv)
{
	return (pay_common(cli, argc, argv, 0));
}

int
cmd_refund(struct cli *cli, int argc, char **argv)
{
	return (pay_common(cli, argc, argv, 1));
}

static int
alloc_fn(struct db_txn *tx, void *arg, char **cause)
{
	struct pay_op	*op = arg;
	int		 rc;

	op->done = 0;
	if (op->all)
		return (pay_allocate_all(tx, &op->done, cause));
	rc = pay_allocate(tx, op->customer, op->invoices, op->ninvoices,
	    &op->done, cause);
	if (rc == 0)
		pay_balance(tx, op);
	return (rc);
}

int
cmd_allocate(struct cli *cli, int argc, char **argv)
{
	static const struct option lo[] = {
		{ "all",	no_argument,	NULL, 'a' },
		CLI_OPT_END
	};
	struct pay_op	 op;
	char		*cause = NULL, done[MONEY_BUFSZ], bal[128];
	size_t		 i;
	int		 c, rc, n;

	memset(&op, 0, sizeof op);
	while ((c = cli_getopt(cli, argc, argv, NULL, lo)) != -1) {
		if (c != 'a')
			return (EXIT_USAGE);
		op.all = 1;
	}
	n = argc - optind;
	if (op.all && n != 0)
		return (cli_usage_error(cli, "--all takes no customer"));
	if (!op.all && (rc = cli_nargs(cli, n, 1, -1)) != 0)
		return (rc);
	if (!op.all) {
		op.customer = argv[optind];
		if (n > 1) {
			op.ninvoices = (size_t)(n - 1);
			op.invoices = xcalloc(op.ninvoices,
			    sizeof *op.invoices);
			for (i = 0; i < op.ninvoices; i++) {
				if ((rc = cli_id(cli, "INVOICE",
				    argv[optind + 1 + i],
				    &op.invoices[i])) != 0) {
					free(op.invoices);
					return (rc);
				}
			}
		}
	}
	rc = db_write(cli->db, alloc_fn, &op, &cause);
	free(op.invoices);
	if (rc != 0) {
		rc = cli_fail(cli, rc, cause);
		free(cause);
		return (rc);
	}
	cli_fmt_money(cli, done, sizeof done, op.done);
	if (op.all)
		printf("allocated %s\n", done);
	else
		printf("allocated %s for %s; %s\n", done, op.customer,
		    pay_owes(cli, &op, bal, sizeof bal));
	return (EXIT_OK);
}
