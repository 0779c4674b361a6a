/*
 * report.h: reports computed from the books, for any front end.  The
 * core never prints: each report fills structs or calls back with rows,
 * and the front end formats them (text, CSV).
 */
#ifndef ORDO_REPORT_H
#define ORDO_REPORT_H

#include <stdint.h>
#include <stdio.h>

#include "ordo/db.h"

/* Trial balance / P&L: one row per account, debit positive. */
struct tb_row {
	const char	*code;
	const char	*name;
	int		 type;		/* enum account_type */
	int64_t		 balance;	/* over the period */
};
/*
 * Balances from postings with from <= date <= to (days since the epoch;
 * INT32_MIN/INT32_MAX for open ends).  fn is called for every account
 * of the chart in code order.  *total gets the sum (0 when balanced).
 */
int	 report_trial_balance(struct db_txn *, int32_t, int32_t,
	    void (*)(const struct tb_row *, void *), void *, int64_t *);

/*
 * Profit and loss over [from, to]: fn gets the income and expense rows
 * of the trial balance; *profit = -(their sum), so a profit is positive.
 */
int	 report_profit_loss(struct db_txn *, int32_t, int32_t,
	    void (*)(const struct tb_row *, void *), void *, int64_t *);

/* Customer statement rows, oldest first. */
struct stmt_row {
	int64_t		 time;
	const char	*kind;		/* "invoice", "credit note", "payment",
					   "prepayment", "refund" */
	uint64_t	 doc;		/* invoice/payment id */
	uint64_t	 order;
	int64_t		 debit;		/* increases what is owed */
	int64_t		 credit;	/* decreases it */
	int64_t		 balance;	/* running */
};
struct stmt {
	int64_t		 opening;
	int64_t		 invoiced;
	int64_t		 paid;		/* payments, prepayments, credits */
	int64_t		 closing;
};
/*
 * A customer's statement for [from, to] (days): opening balance, each
 * movement on receivable + prepayments for that customer, closing.  The
 * balance is what the customer owes (receivable minus prepayment
 * credit).  invoiced = sum of debits (invoices, refunds), paid = sum of
 * credits (payments, prepayments, credit notes); closing = opening +
 * invoiced - paid.  Allocations are not movements.
 */
/*
 * The books (trial balance, profit and loss, journal), statements,
 * ageing, exports and backups are for a manager or an admin: 0, or
 * ORDO_EPERM with a cause saying what needs it.  report_statement and
 * report_export_journal check it themselves.
 */
int	 report_finance(struct db_txn *, const char *, char **);
int	 report_statement(struct db_txn *, const char *, int32_t, int32_t,
	    void (*)(const struct stmt_row *, void *), void *, struct stmt *,
	    char **);

/* Receivables ageing on a day: open invoice amounts by age in days. */
struct aging_row {
	const char	*customer;
	int64_t		 current;	/* not yet due / today */
	int64_t		 d1_30;
	int64_t		 d31_60;
	int64_t		 d61_90;
	int64_t		 over90;
	int64_t		 credit;	/* unallocated payments (negative) */
	int64_t		 total;
};
/*
 * Open amounts now, aged at day: age = day - invoice date, 0 or less
 * current.  One row per customer with anything open, in code order;
 * *totals sums them (its customer is NULL).
 */
int	 report_aging(struct db_txn *, int32_t,
	    void (*)(const struct aging_row *, void *), void *,
	    struct aging_row *);

/*
 * Write the journal in hledger/ledger journal format (account
 * declarations, commodity, one transaction per entry, amounts with the
 * currency's minor digits, a balance assertion of the stored balance on
 * each account's last posting).  See src/core/report.c for the exact
 * format; "hledger -f FILE check -s ordereddates" accepts it.
 */
int	 report_export_journal(struct db_txn *, FILE *, char **);

#endif
