/*
 * payment.h: invoices, payments, prepayments and their allocation.
 *
 * An invoice is written by each shipment (order_ship) and a credit note
 * (negative amount) by each return; its open amount falls as payments
 * are allocated to it.  A payment posts Dr cash/bank/card, Cr receivable
 * (customer); a prepayment posts Cr customer prepayments instead and is
 * applied later (Dr prepayments, Cr receivable) when allocated.
 * Allocation matches a payment's unallocated amount to open invoices,
 * oldest first or to chosen invoices, partial allowed; what is left
 * stays as customer credit.
 *
 * Tables: TB_INVOICES u64 id -> {u64 order, str customer, i64 time,
 * i64 amount, i64 open}; TB_PAYMENTS u64 id -> {str customer, i64 time,
 * u8 method, u8 prepayment, str ref, i64 amount, i64 unallocated};
 * TB_ALLOCATIONS u8 kind, u64 credit doc, u8 kind, u64 debit doc ->
 * {i64 amount, i64 time} (kind 'P' payments, 'I' invoices; see the top
 * of src/core/payment.c for the exact formats and identities).
 *
 * A refund (money paid back) is a payment record with a negative amount
 * and nothing unallocated; it uses the customer's credit (unallocated
 * payments and prepayments, open credit notes) oldest first.  Credit
 * notes count as money the customer can use: allocation uses them like
 * payments.  Per customer, always:
 *   receivable  = sum(open of invoices and credit notes)
 *                 - sum(unallocated of payments that are not prepayments)
 *   prepayments = -sum(unallocated of prepayments)
 *
 * Roles: recording, allocating and refunding need a clerk; invoice_
 * create checks none (it runs inside order_ship/order_return, which
 * check theirs, and which post the matching Dr/Cr receivable entry for
 * exactly the invoice amount).  Every customer named must exist.
 */
#ifndef ORDO_PAYMENT_H
#define ORDO_PAYMENT_H

#include <stdint.h>

#include "ordo/db.h"

enum pay_method {
	PAY_CASH,
	PAY_BANK,
	PAY_CARD
};

struct invoice {
	uint64_t	 id;
	uint64_t	 order;
	char		*customer;
	int64_t		 time;
	int64_t		 amount;	/* gross; negative: credit note */
	int64_t		 open;		/* still owed */
};

struct payment {
	uint64_t	 id;
	char		*customer;
	int64_t		 time;
	enum pay_method	 method;
	int		 prepayment;
	char		*ref;
	int64_t		 amount;	/* < 0: a refund */
	int64_t		 unallocated;
};

int	 pay_method_parse(const char *, enum pay_method *);
const char *pay_method_name(enum pay_method);

/* For order.c: write an invoice or credit note; id in *id. */
int	 invoice_create(struct db_txn *, uint64_t, const char *, int64_t,
	    uint64_t *, char **);
int	 invoice_get(struct db_txn *, uint64_t, struct invoice *);
void	 invoice_free(struct invoice *);
/* Visit a customer's invoices (NULL: all) in id order. */
int	 invoice_each(struct db_txn *, const char *,
	    int (*)(const struct invoice *, void *), void *);

/*
 * Record a payment or prepayment (amount > 0); id in *id.  Posts Dr
 * cash/bank/card, Cr receivable (or prepayments) for the customer.
 * Nothing is allocated yet: call pay_allocate.
 */
int	 pay_record(struct db_txn *, const char *, int64_t, enum pay_method,
	    int, const char *, uint64_t *, char **);
/*
 * Allocate a customer's unallocated payments (and credit notes) to open
 * invoices oldest first.  If invoices is not NULL, only to those, in that
 * order.  Returns the amount allocated in *done.
 */
int	 pay_allocate(struct db_txn *, const char *, const uint64_t *, size_t,
	    int64_t *, char **);
/* Allocate for every customer with unallocated money. */
int	 pay_allocate_all(struct db_txn *, int64_t *, char **);
/*
 * Pay money back to a customer (amount > 0), at most the customer's
 * credit (what is owed on receivable + prepayments, negated); else
 * ORDO_ESTATE.  Posts Dr receivable (credit from payments and credit
 * notes) and/or Dr prepayments (credit from prepayments), Cr
 * cash/bank/card.  The refund's id (a payment id) in *id.
 */
int	 pay_refund(struct db_txn *, const char *, int64_t, enum pay_method,
	    const char *, uint64_t *, char **);
int	 payment_get(struct db_txn *, uint64_t, struct payment *);
void	 payment_free(struct payment *);
/* Visit a customer's payments (NULL: all) in id order, refunds too. */
int	 payment_each(struct db_txn *, const char *,
	    int (*)(const struct payment *, void *), void *);

#endif
