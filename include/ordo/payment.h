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
 * TB_ALLOCATIONS u64 payment, u64 invoice -> {i64 amount, i64 time}.
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
	int64_t		 amount;
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

/* Record a payment or prepayment (amount > 0); id in *id. */
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
int	 payment_get(struct db_txn *, uint64_t, struct payment *);
void	 payment_free(struct payment *);
int	 payment_each(struct db_txn *, const char *,
	    int (*)(const struct payment *, void *), void *);

#endif
