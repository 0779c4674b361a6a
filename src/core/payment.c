/*
 * payment.c: invoices, payments, prepayments, refunds and allocation.
 *
 * Record formats (version byte first):
 *   TB_INVOICES  u64 id -> v1 {u64 order, str customer, i64 time,
 *                i64 amount, i64 open}
 *   TB_PAYMENTS  u64 id -> v1 {str customer, i64 time, u8 method,
 *                u8 prepayment, str ref, i64 amount, i64 unallocated}
 *   TB_ALLOCATIONS u8 ckind, u64 credit, u8 dkind, u64 debit ->
 *                v1 {i64 amount, i64 time}
 *
 * Documents.  An invoice (amount > 0) and a refund are debits: they add
 * to what the customer owes.  A payment, a prepayment and a credit note
 * (an invoice with amount < 0) are credits.  A refund is stored as a
 * payment record with a negative amount and nothing unallocated.
 * Allocation matches credits with debits; the key names the credit
 * document first, then the debit one, each with its kind ('P' payments
 * table, 'I' invoices table), and the amount (> 0) accumulates if the
 * same pair is matched again.  So for every document:
 *   invoice:     amount - open        = sum of its allocations as debit
 *   credit note: open - amount        = sum of its allocations as credit
 *   payment:     amount - unallocated = sum of its allocations as credit
 *   refund:      -amount              = sum of its allocations as debit
 *
 * Postings.  A payment is Dr cash/bank/card, Cr receivable (customer); a
 * prepayment Cr prepayments (customer) instead.  Allocating a payment or
 * a credit note posts nothing (both sides are already on the
 * receivable); allocating a prepayment posts Dr prepayments, Cr
 * receivable for the amount applied.  A refund posts Cr cash/bank/card
 * and Dr receivable for the credit it uses from payments and credit
 * notes, Dr prepayments for what it uses from prepayments.  Hence, per
 * customer:
 *   receivable  = sum(invoice open, credit notes included)
 *                 - sum(unallocated of payments that are not prepayments)
 *   prepayments = -sum(unallocated of prepayments)
 * which check_all verifies.
 *
 * Credits are used oldest first (by time, then credit notes before
 * payments, then id); invoices are settled oldest first (id order)
 * unless the caller names them.  A customer's open documents are found
 * through the open items of the read model (agg.h, kept by invoice_put
 * and payment_put), so allocating and refunding read that customer's
 * few rows; pay_allocate_all scans each table once for every customer.
 */
#include <stdlib.h>
#include <string.h>

#include "ordo/agg.h"
#include "ordo/audit.h"
#include "ordo/codec.h"
#include "ordo/company.h"
#include "ordo/config.h"
#include "ordo/core.h"
#include "ordo/customer.h"
#include "ordo/error.h"
#include "ordo/ledger.h"
#include "ordo/money.h"
#include "ordo/outbox.h"
#include "ordo/payment.h"
#include "ordo/text.h"
#include "ordo/xmalloc.h"

#define PAY_REF_MAX	200

/* A document that can take part in an allocation. */
struct doc {
	char		 kind;		/* 'I' invoices, 'P' payments */
	uint64_t	 id;
	int64_t		 time;
	const char	*customer;
	int		 prepayment;
	int64_t		 left;		/* still to match, > 0 */
	int64_t		 used;		/* matched in this call */
	char		*applied;	/* prepayment: invoices it settled */
};

/* Open documents of one customer or of all. */
struct docset {
	struct db_txn	*tx;
	const char	*customer;	/* loaded for, or NULL: all */
	struct invoice	*inv;
	size_t		 ninv, invcap;
	struct payment	*pay;
	size_t		 npay, paycap;
};

static int	 customer_check(struct db_txn *, const char *, char **);
static int	 invoice_decode(uint64_t, const MDB_val *, struct invoice *);
static int	 invoice_put(struct db_txn *, const struct invoice *, int);
static int	 payment_decode(uint64_t, const MDB_val *, struct payment *);
static int	 payment_put(struct db_txn *, const struct payment *, int);
static int	 alloc_add(struct db_txn *, char, uint64_t, char, uint64_t,
		    int64_t);
static int	 docset_load(struct db_txn *, const char *, struct docset *);
static void	 docset_free(struct docset *);
static int	 docset_flush(struct db_txn *, struct docset *,
		    const struct doc *, size_t);
static size_t	 credits_of(const struct docset *, const char *,
		    struct doc **);
static int	 doc_cmp(const void *, const void *);
static int	 cust_cmp(const void *, const void *);
static int	 allocate_one(struct db_txn *, struct docset *, const char *,
		    const uint64_t *, size_t, int64_t *, char **);
static enum account_role method_role(enum pay_method);

static const char *method_names[] = { "cash", "bank", "card" };

int
pay_method_parse(const char *s, enum pay_method *m)
{
	size_t	 i;

	for (i = 0; i < sizeof method_names / sizeof method_names[0]; i++) {
		if (s != NULL && strcmp(s, method_names[i]) == 0) {
			*m = (enum pay_method)i;
			return (0);
		}
	}
	return (ORDO_EINVAL);
}

const char *
pay_method_name(enum pay_method m)
{
	if ((unsigned)m >= sizeof method_names / sizeof method_names[0])
		return ("?");
	return (method_names[m]);
}

static enum account_role
method_role(enum pay_method m)
{
	switch (m) {
	case PAY_BANK:
		return (ACCT_BANK);
	case PAY_CARD:
		return (ACCT_CARD);
	default:
		return (ACCT_CASH);
	}
}

static int
customer_check(struct db_txn *tx, const char *code, char **cause)
{
	struct customer	 c;
	int		 rc;

	if (code == NULL || *code == '\0')
		return (cause_set(cause, ORDO_EINVAL, "no customer given"));
	if (strlen(code) > CUSTOMER_CODE_MAX ||
	    !utf8_valid(code, strlen(code)))
		return (cause_set(cause, ORDO_EINVAL, "bad customer code"));
	memset(&c, 0, sizeof c);
	rc = customer_get(tx, code, &c, NULL);
	customer_free(&c);
	if (rc == ORDO_ENOTFOUND || rc == MDB_NOTFOUND)
		return (cause_set(cause, ORDO_ENOTFOUND, "no customer %s",
		    code));
	if (rc != 0)
		return (cause_set(cause, rc, "customer %s: %s", code,
		    ordo_strerror(rc)));
	return (0);
}

/* Invoices. */

static int
invoice_decode(uint64_t id, const MDB_val *v, struct invoice *inv)
{
	struct rd	 rd;

	memset(inv, 0, sizeof *inv);
	rd_init(&rd, v->mv_data, v->mv_size);
	if (dec_u8(&rd) != 1)
		return (ORDO_ECORRUPT);
	inv->id = id;
	inv->order = dec_u64(&rd);
	inv->customer = dec_str(&rd);
	inv->time = dec_i64(&rd);
	inv->amount = dec_i64(&rd);
	inv->open = dec_i64(&rd);
	if (!rd_ok(&rd)) {
		invoice_free(inv);
		return (ORDO_ECORRUPT);
	}
	return (0);
}

static int
invoice_put(struct db_txn *tx, const struct invoice *inv, int flags)
{
	struct buf	 k, v;
	int		 rc;

	buf_init(&k);
	buf_init(&v);
	key_u64(&k, inv->id);
	enc_u8(&v, 1);
	enc_u64(&v, inv->order);
	enc_str(&v, inv->customer);
	enc_i64(&v, inv->time);
	enc_i64(&v, inv->amount);
	enc_i64(&v, inv->open);
	rc = db_putb(tx, TB_INVOICES, &k, &v, flags);
	buf_free(&k);
	buf_free(&v);
	if (rc == 0)
		rc = agg_invoice(tx, inv, (flags & MDB_NOOVERWRITE) != 0);
	return (rc);
}

int
invoice_create(struct db_txn *tx, uint64_t order, const char *customer,
    int64_t amount, uint64_t *id, char **cause)
{
	struct invoice	 inv;
	int		 rc;

	if (id != NULL)
		*id = 0;
	if (amount == 0 || amount == INT64_MIN)
		return (cause_set(cause, ORDO_EINVAL, "an invoice needs a "
		    "non-zero amount"));
	if ((rc = customer_check(tx, customer, cause)) != 0)
		return (rc);
	memset(&inv, 0, sizeof inv);
	if ((rc = db_seq_next(tx, "invoice", &inv.id)) != 0)
		return (cause_set(cause, rc, "invoices: %s",
		    ordo_strerror(rc)));
	inv.order = order;
	inv.customer = (char *)customer;
	inv.time = tx->now;
	inv.amount = amount;
	inv.open = amount;
	if ((rc = invoice_put(tx, &inv, MDB_NOOVERWRITE)) != 0)
		return (cause_set(cause, rc, "invoice %llu: %s",
		    (unsigned long long)inv.id, ordo_strerror(rc)));
	if (id != NULL)
		*id = inv.id;
	return (0);
}

int
invoice_get(struct db_txn *tx, uint64_t id, struct invoice *inv)
{
	MDB_val		 v;
	int		 rc;

	memset(inv, 0, sizeof *inv);
	if ((rc = db_get_id(tx, TB_INVOICES, id, &v)) != 0)
		return (rc == MDB_NOTFOUND ? ORDO_ENOTFOUND : rc);
	return (invoice_decode(id, &v, inv));
}

void
invoice_free(struct invoice *inv)
{
	free(inv->customer);
	memset(inv, 0, sizeof *inv);
}

/* invoice_each and payment_each: a customer to keep to, fn and its arg. */
struct doc_walk {
	const char	*customer;
	int		(*inv_fn)(const struct invoice *, void *);
	int		(*pay_fn)(const struct payment *, void *);
	void		*arg;
};

static int
invoice_walk(uint64_t id, const MDB_val *v, void *arg)
{
	struct doc_walk	*w = arg;
	struct invoice	 inv;
	int		 rc;

	if ((rc = invoice_decode(id, v, &inv)) != 0)
		return (rc);
	if (w->customer == NULL || strcmp(w->customer, inv.customer) == 0)
		rc = w->inv_fn(&inv, w->arg);
	invoice_free(&inv);
	return (rc);
}

int
invoice_each(struct db_txn *tx, const char *customer,
    int (*fn)(const struct invoice *, void *), void *arg)
{
	struct doc_walk	 w = { customer, fn, NULL, arg };

	return (db_each_id(tx, TB_INVOICES, invoice_walk, &w));
}

/* Payments. */

static int
payment_decode(uint64_t id, const MDB_val *v, struct payment *p)
{
	struct rd	 rd;

	memset(p, 0, sizeof *p);
	rd_init(&rd, v->mv_data, v->mv_size);
	if (dec_u8(&rd) != 1)
		return (ORDO_ECORRUPT);
	p->id = id;
	p->customer = dec_str(&rd);
	p->time = dec_i64(&rd);
	p->method = dec_u8(&rd);
	p->prepayment = dec_u8(&rd);
	p->ref = dec_str(&rd);
	p->amount = dec_i64(&rd);
	p->unallocated = dec_i64(&rd);
	if (!rd_ok(&rd) || (unsigned)p->method > PAY_CARD) {
		payment_free(p);
		return (ORDO_ECORRUPT);
	}
	return (0);
}

static int
payment_put(struct db_txn *tx, const struct payment *p, int flags)
{
	struct buf	 k, v;
	int		 rc;

	buf_init(&k);
	buf_init(&v);
	key_u64(&k, p->id);
	enc_u8(&v, 1);
	enc_str(&v, p->customer);
	enc_i64(&v, p->time);
	enc_u8(&v, (uint8_t)p->method);
	enc_u8(&v, p->prepayment ? 1 : 0);
	enc_str(&v, p->ref);
	enc_i64(&v, p->amount);
	enc_i64(&v, p->unallocated);
	rc = db_putb(tx, TB_PAYMENTS, &k, &v, flags);
	buf_free(&k);
	buf_free(&v);
	if (rc == 0)
		rc = agg_payment(tx, p, (flags & MDB_NOOVERWRITE) != 0);
	return (rc);
}

int
payment_get(struct db_txn *tx, uint64_t id, struct payment *p)
{
	MDB_val		 v;
	int		 rc;

	memset(p, 0, sizeof *p);
	if ((rc = db_get_id(tx, TB_PAYMENTS, id, &v)) != 0)
		return (rc == MDB_NOTFOUND ? ORDO_ENOTFOUND : rc);
	return (payment_decode(id, &v, p));
}

void
payment_free(struct payment *p)
{
	free(p->customer);
	free(p->ref);
	memset(p, 0, sizeof *p);
}

static int
payment_walk(uint64_t id, const MDB_val *v, void *arg)
{
	struct doc_walk	*w = arg;
	struct payment	 p;
	int		 rc;

	if ((rc = payment_decode(id, v, &p)) != 0)
		return (rc);
	if (w->customer == NULL || strcmp(w->customer, p.customer) == 0)
		rc = w->pay_fn(&p, w->arg);
	payment_free(&p);
	return (rc);
}

int
payment_each(struct db_txn *tx, const char *customer,
    int (*fn)(const struct payment *, void *), void *arg)
{
	struct doc_walk	 w = { customer, NULL, fn, arg };

	return (db_each_id(tx, TB_PAYMENTS, payment_walk, &w));
}

int
pay_record(struct db_txn *tx, const char *customer, int64_t amount,
    enum pay_method method, int prepayment, const char *ref, uint64_t *id,
    char **cause)
{
	struct payment	 p;
	struct entry	 e;
	char		*memo, *obj, m[MONEY_BUFSZ];
	int		 rc;

	if (id != NULL)
		*id = 0;
	if ((rc = core_require(tx, ROLE_CLERK, "recording a payment",
	    cause)) != 0)
		return (rc);
	if ((rc = customer_check(tx, customer, cause)) != 0)
		return (rc);
	if (amount <= 0)
		return (cause_set(cause, ORDO_EINVAL, "a payment must be more "
		    "than zero"));
	if ((unsigned)method > PAY_CARD)
		return (cause_set(cause, ORDO_EINVAL, "bad payment method"));
	if (ref == NULL)
		ref = "";
	if ((rc = text_check("reference", ref, PAY_REF_MAX, 0, cause)) != 0)
		return (rc);

	memset(&p, 0, sizeof p);
	if ((rc = db_seq_next(tx, "payment", &p.id)) != 0)
		return (cause_set(cause, rc, "payments: %s",
		    ordo_strerror(rc)));
	p.customer = (char *)customer;
	p.time = tx->now;
	p.method = method;
	p.prepayment = prepayment != 0;
	p.ref = (char *)ref;
	p.amount = amount;
	p.unallocated = amount;

	xasprintf(&memo, "%s %llu from %s by %s%s%s",
	    p.prepayment ? "prepayment" : "payment",
	    (unsigned long long)p.id, customer, pay_method_name(method),
	    *ref != '\0' ? ", ref " : "", ref);
	entry_init(&e, p.prepayment ? ENTRY_PREPAYMENT : ENTRY_PAYMENT, memo);
	free(memo);
	e.doc = p.id;
	entry_add_role(&e, tx->co->cfg, method_role(method), amount, NULL);
	entry_add_role(&e, tx->co->cfg, p.prepayment ? ACCT_PREPAYMENTS :
	    ACCT_RECEIVABLE, -amount, customer);
	rc = ledger_post(tx, &e, cause);
	entry_free(&e);
	if (rc != 0)
		return (rc);
	if ((rc = payment_put(tx, &p, MDB_NOOVERWRITE)) != 0)
		return (cause_set(cause, rc, "payment %llu: %s",
		    (unsigned long long)p.id, ordo_strerror(rc)));
	xasprintf(&obj, "payment %llu", (unsigned long long)p.id);
	rc = audit_log(tx, p.prepayment ? "payment.prepay" : "payment.record",
	    obj, "%s from %s by %s%s%s", core_money(tx, m, sizeof m, amount),
	    customer, pay_method_name(method), *ref != '\0' ? ", ref " : "",
	    ref);
	free(obj);
	if (rc == 0)
		rc = outbox_payment(tx, p.id, customer, amount,
		    pay_method_name(method), ref, p.prepayment);
	if (rc != 0)
		return (cause_set(cause, rc, "audit: %s", ordo_strerror(rc)));
	if (id != NULL)
		*id = p.id;
	return (0);
}

/* Allocation. */

static int
alloc_add(struct db_txn *tx, char ckind, uint64_t cid, char dkind,
    uint64_t did, int64_t amount)
{
	struct buf	 k, v;
	struct rd	 rd;
	MDB_val		 val;
	int64_t		 sum = 0;
	int		 rc;

	buf_init(&k);
	buf_init(&v);
	key_u8(&k, (uint8_t)ckind);
	key_u64(&k, cid);
	key_u8(&k, (uint8_t)dkind);
	key_u64(&k, did);
	rc = db_getb(tx, TB_ALLOCATIONS, &k, &val);
	if (rc == 0) {
		rd_init(&rd, val.mv_data, val.mv_size);
		if (dec_u8(&rd) != 1)
			rd.err = 1;
		sum = dec_i64(&rd);
		(void)dec_i64(&rd);
		if (!rd_ok(&rd))
			rc = ORDO_ECORRUPT;
	} else if (rc == MDB_NOTFOUND)
		rc = 0;
	if (rc == 0 && add_i64(sum, amount, &sum) != 0)
		rc = ORDO_ERANGE;
	if (rc == 0) {
		enc_u8(&v, 1);
		enc_i64(&v, sum);
		enc_i64(&v, tx->now);
		rc = db_putb(tx, TB_ALLOCATIONS, &k, &v, 0);
	}
	buf_free(&k);
	buf_free(&v);
	return (rc);
}

/* The open invoices and unallocated payments, of customer if not NULL. */
static int
docset_inv(uint64_t id, const MDB_val *v, void *arg)
{
	struct docset	*ds = arg;
	struct invoice	 inv;
	int		 rc;

	if ((rc = invoice_decode(id, v, &inv)) != 0)
		return (rc);
	if (inv.open == 0 || (ds->customer != NULL &&
	    strcmp(ds->customer, inv.customer) != 0)) {
		invoice_free(&inv);
		return (0);
	}
	if (ds->ninv == ds->invcap) {
		ds->invcap = ds->invcap == 0 ? 16 : ds->invcap * 2;
		ds->inv = xreallocarray(ds->inv, ds->invcap, sizeof *ds->inv);
	}
	ds->inv[ds->ninv++] = inv;
	return (0);
}

static int
docset_pay(uint64_t id, const MDB_val *v, void *arg)
{
	struct docset	*ds = arg;
	struct payment	 p;
	int		 rc;

	if ((rc = payment_decode(id, v, &p)) != 0)
		return (rc);
	if (p.unallocated <= 0 || (ds->customer != NULL &&
	    strcmp(ds->customer, p.customer) != 0)) {
		payment_free(&p);
		return (0);
	}
	if (ds->npay == ds->paycap) {
		ds->paycap = ds->paycap == 0 ? 16 : ds->paycap * 2;
		ds->pay = xreallocarray(ds->pay, ds->paycap, sizeof *ds->pay);
	}
	ds->pay[ds->npay++] = p;
	return (0);
}

/* One open document of a customer, from the open items (agg.h). */
static int
docset_one(uint8_t kind, uint64_t id, void *arg)
{
	struct docset	*ds = arg;
	MDB_val		 v;
	int		 rc;

	if ((rc = db_get_id(ds->tx, kind == 'I' ? TB_INVOICES : TB_PAYMENTS,
	    id, &v)) != 0)
		return (rc == MDB_NOTFOUND ? ORDO_ECORRUPT : rc);
	return (kind == 'I' ? docset_inv(id, &v, ds) : docset_pay(id, &v,
	    ds));
}

static int
inv_id_cmp(const void *a, const void *b)
{
	const struct invoice	*x = a, *y = b;

	return (x->id < y->id ? -1 : x->id > y->id);
}

static int
pay_id_cmp(const void *a, const void *b)
{
	const struct payment	*x = a, *y = b;

	return (x->id < y->id ? -1 : x->id > y->id);
}

/*
 * One customer's open documents come from the open items (agg.h), a few
 * rows whatever the size of the tables; everyone's from a scan.  Either
 * way in id order.
 */
static int
docset_load(struct db_txn *tx, const char *customer, struct docset *ds)
{
	int	 rc;

	memset(ds, 0, sizeof *ds);
	ds->customer = customer;
	ds->tx = tx;
	if (customer != NULL) {
		if ((rc = agg_open_docs(tx, customer, docset_one, ds)) != 0)
			return (rc);
		if (ds->ninv > 1)
			qsort(ds->inv, ds->ninv, sizeof *ds->inv, inv_id_cmp);
		if (ds->npay > 1)
			qsort(ds->pay, ds->npay, sizeof *ds->pay, pay_id_cmp);
		return (0);
	}
	if ((rc = db_each_id(tx, TB_INVOICES, docset_inv, ds)) != 0)
		return (rc);
	return (db_each_id(tx, TB_PAYMENTS, docset_pay, ds));
}

static void
docset_free(struct docset *ds)
{
	size_t	 i;

	for (i = 0; i < ds->ninv; i++)
		invoice_free(&ds->inv[i]);
	for (i = 0; i < ds->npay; i++)
		payment_free(&ds->pay[i]);
	free(ds->inv);
	free(ds->pay);
	memset(ds, 0, sizeof *ds);
}

static int
doc_cmp(const void *a, const void *b)
{
	const struct doc	*x = a, *y = b;

	if (x->time != y->time)
		return (x->time < y->time ? -1 : 1);
	if (x->kind != y->kind)
		return (x->kind == 'I' ? -1 : 1);
	if (x->id != y->id)
		return (x->id < y->id ? -1 : 1);
	return (0);
}

/* The credits of one customer, oldest first.  Returns how many. */
static size_t
credits_of(const struct docset *ds, const char *customer, struct doc **out)
{
	struct doc	*d = NULL;
	size_t		 i, n = 0;

	for (i = 0; i < ds->ninv; i++) {
		if (ds->inv[i].open >= 0 ||
		    strcmp(ds->inv[i].customer, customer) != 0)
			continue;
		d = xreallocarray(d, n + 1, sizeof *d);
		memset(&d[n], 0, sizeof d[n]);
		d[n].kind = 'I';
		d[n].id = ds->inv[i].id;
		d[n].time = ds->inv[i].time;
		d[n].customer = ds->inv[i].customer;
		d[n].left = -ds->inv[i].open;
		n++;
	}
	for (i = 0; i < ds->npay; i++) {
		if (strcmp(ds->pay[i].customer, customer) != 0)
			continue;
		d = xreallocarray(d, n + 1, sizeof *d);
		memset(&d[n], 0, sizeof d[n]);
		d[n].kind = 'P';
		d[n].id = ds->pay[i].id;
		d[n].time = ds->pay[i].time;
		d[n].customer = ds->pay[i].customer;
		d[n].prepayment = ds->pay[i].prepayment;
		d[n].left = ds->pay[i].unallocated;
		n++;
	}
	if (n > 1)
		qsort(d, n, sizeof *d, doc_cmp);
	*out = d;
	return (n);
}

/* Write back the credits used (their "used" amounts) to the records. */
static int
docset_flush(struct db_txn *tx, struct docset *ds, const struct doc *c,
    size_t nc)
{
	size_t	 i, j;
	int	 rc;

	for (i = 0; i < nc; i++) {
		if (c[i].used == 0)
			continue;
		if (c[i].kind == 'I') {
			for (j = 0; j < ds->ninv; j++)
				if (ds->inv[j].id == c[i].id)
					break;
			if (j == ds->ninv)
				return (ORDO_ECORRUPT);
			ds->inv[j].open += c[i].used;
			rc = invoice_put(tx, &ds->inv[j], 0);
		} else {
			for (j = 0; j < ds->npay; j++)
				if (ds->pay[j].id == c[i].id)
					break;
			if (j == ds->npay)
				return (ORDO_ECORRUPT);
			ds->pay[j].unallocated -= c[i].used;
			rc = payment_put(tx, &ds->pay[j], 0);
		}
		if (rc != 0)
			return (rc);
	}
	return (0);
}

static int
allocate_one(struct db_txn *tx, struct docset *ds, const char *customer,
    const uint64_t *chosen, size_t nchosen, int64_t *done, char **cause)
{
	struct doc	*c = NULL;
	struct invoice	*inv, **deb = NULL, got;
	struct entry	 e;
	char		*memo, *obj, *t, m[MONEY_BUFSZ];
	size_t		 nc, nd = 0, i, j, ci;
	int64_t		 a, total = 0;
	int		 rc = 0;

	nc = credits_of(ds, customer, &c);
	if (chosen != NULL) {
		for (i = 0; i < nchosen; i++) {
			for (j = 0; j < i; j++)
				if (chosen[j] == chosen[i])
					break;
			if (j < i) {
				rc = cause_set(cause, ORDO_EINVAL, "invoice "
				    "%llu is named twice",
				    (unsigned long long)chosen[i]);
				goto out;
			}
			for (j = 0; j < ds->ninv; j++)
				if (ds->inv[j].id == chosen[i])
					break;
			if (j < ds->ninv && ds->inv[j].open > 0) {
				deb = xreallocarray(deb, nd + 1, sizeof *deb);
				deb[nd++] = &ds->inv[j];
				continue;
			}
			/* Not open: find out why, for the message. */
			rc = invoice_get(tx, chosen[i], &got);
			if (rc == ORDO_ENOTFOUND)
				rc = cause_set(cause, rc, "no invoice %llu",
				    (unsigned long long)chosen[i]);
			else if (rc != 0)
				rc = cause_set(cause, rc, "invoice %llu: %s",
				    (unsigned long long)chosen[i],
				    ordo_strerror(rc));
			else if (strcmp(got.customer, customer) != 0)
				rc = cause_set(cause, ORDO_EINVAL, "invoice "
				    "%llu is for customer %s, not %s",
				    (unsigned long long)chosen[i],
				    got.customer, customer);
			else if (got.amount < 0)
				rc = cause_set(cause, ORDO_EINVAL, "invoice "
				    "%llu is a credit note",
				    (unsigned long long)chosen[i]);
			else
				rc = cause_set(cause, ORDO_ESTATE, "invoice "
				    "%llu is already settled",
				    (unsigned long long)chosen[i]);
			invoice_free(&got);
			goto out;
		}
	} else {
		for (j = 0; j < ds->ninv; j++) {
			if (ds->inv[j].open <= 0 ||
			    strcmp(ds->inv[j].customer, customer) != 0)
				continue;
			deb = xreallocarray(deb, nd + 1, sizeof *deb);
			deb[nd++] = &ds->inv[j];
		}
	}

	ci = 0;
	for (i = 0; i < nd && ci < nc; i++) {
		inv = deb[i];
		while (inv->open > 0 && ci < nc) {
			a = inv->open < c[ci].left ? inv->open : c[ci].left;
			if ((rc = alloc_add(tx, c[ci].kind, c[ci].id, 'I',
			    inv->id, a)) != 0) {
				rc = cause_set(cause, rc, "allocations: %s",
				    ordo_strerror(rc));
				goto out;
			}
			inv->open -= a;
			c[ci].left -= a;
			c[ci].used += a;
			total += a;
			if (c[ci].prepayment) {
				t = c[ci].applied;
				xasprintf(&c[ci].applied, "%s%s%llu",
				    t != NULL ? t : "", t != NULL ? ", " : "",
				    (unsigned long long)inv->id);
				free(t);
			}
			if (c[ci].left == 0)
				ci++;
		}
		if ((rc = invoice_put(tx, inv, 0)) != 0) {
			rc = cause_set(cause, rc, "invoice %llu: %s",
			    (unsigned long long)inv->id, ordo_strerror(rc));
			goto out;
		}
	}

	/* A prepayment applied moves from prepayments to the receivable. */
	for (i = 0; i < nc; i++) {
		if (!c[i].prepayment || c[i].used == 0)
			continue;
		xasprintf(&memo, "prepayment %llu of %s applied to invoice%s "
		    "%s", (unsigned long long)c[i].id, customer,
		    strchr(c[i].applied, ',') != NULL ? "s" : "",
		    c[i].applied);
		entry_init(&e, ENTRY_ALLOCATION, memo);
		free(memo);
		e.doc = c[i].id;
		entry_add_role(&e, tx->co->cfg, ACCT_PREPAYMENTS, c[i].used,
		    customer);
		entry_add_role(&e, tx->co->cfg, ACCT_RECEIVABLE, -c[i].used,
		    customer);
		rc = ledger_post(tx, &e, cause);
		entry_free(&e);
		if (rc != 0)
			goto out;
	}
	/* Credits are written back after the invoices (same txn). */
	if ((rc = docset_flush(tx, ds, c, nc)) != 0) {
		rc = cause_set(cause, rc, "allocating for %s: %s", customer,
		    ordo_strerror(rc));
		goto out;
	}
	if (total > 0) {
		xasprintf(&obj, "customer %s", customer);
		rc = audit_log(tx, "payment.allocate", obj, "%s allocated",
		    core_money(tx, m, sizeof m, total));
		free(obj);
		if (rc != 0) {
			rc = cause_set(cause, rc, "audit: %s",
			    ordo_strerror(rc));
			goto out;
		}
	}
	if (add_i64(*done, total, done) != 0)
		rc = cause_set(cause, ORDO_ERANGE, "allocated total out of "
		    "range");
out:
	for (i = 0; i < nc; i++)
		free(c[i].applied);
	free(c);
	free(deb);
	return (rc);
}

int
pay_allocate(struct db_txn *tx, const char *customer,
    const uint64_t *invoices, size_t n, int64_t *done, char **cause)
{
	struct docset	 ds;
	int64_t		 sum = 0;
	int		 rc;

	if (done != NULL)
		*done = 0;
	if ((rc = core_require(tx, ROLE_CLERK, "allocating payments",
	    cause)) != 0)
		return (rc);
	if ((rc = customer_check(tx, customer, cause)) != 0)
		return (rc);
	if ((rc = docset_load(tx, customer, &ds)) != 0) {
		docset_free(&ds);
		return (cause_set(cause, rc, "reading invoices and payments: "
		    "%s", ordo_strerror(rc)));
	}
	rc = allocate_one(tx, &ds, customer, invoices, invoices != NULL ? n :
	    0, &sum, cause);
	docset_free(&ds);
	if (rc == 0 && done != NULL)
		*done = sum;
	return (rc);
}

static int
cust_cmp(const void *a, const void *b)
{
	return (strcmp(*(char *const *)a, *(char *const *)b));
}

int
pay_allocate_all(struct db_txn *tx, int64_t *done, char **cause)
{
	struct docset	 ds;
	const char	**cust = NULL;
	size_t		 i, n = 0;
	int64_t		 sum = 0;
	int		 rc;

	if (done != NULL)
		*done = 0;
	if ((rc = core_require(tx, ROLE_CLERK, "allocating payments",
	    cause)) != 0)
		return (rc);
	if ((rc = docset_load(tx, NULL, &ds)) != 0) {
		docset_free(&ds);
		return (cause_set(cause, rc, "reading invoices and payments: "
		    "%s", ordo_strerror(rc)));
	}
	/* Customers with some credit: they are the ones with work. */
	for (i = 0; i < ds.ninv; i++) {
		if (ds.inv[i].open < 0) {
			cust = xreallocarray(cust, n + 1, sizeof *cust);
			cust[n++] = ds.inv[i].customer;
		}
	}
	for (i = 0; i < ds.npay; i++) {
		cust = xreallocarray(cust, n + 1, sizeof *cust);
		cust[n++] = ds.pay[i].customer;
	}
	if (n > 1)
		qsort(cust, n, sizeof *cust, cust_cmp);
	for (i = 0; i < n; i++) {
		if (i > 0 && strcmp(cust[i], cust[i - 1]) == 0)
			continue;
		if ((rc = allocate_one(tx, &ds, cust[i], NULL, 0, &sum,
		    cause)) != 0)
			break;
	}
	free(cust);
	docset_free(&ds);
	if (rc == 0 && done != NULL)
		*done = sum;
	return (rc);
}

/* Refunds. */

int
pay_refund(struct db_txn *tx, const char *customer, int64_t amount,
    enum pay_method method, const char *ref, uint64_t *id, char **cause)
{
	struct docset	 ds;
	struct doc	*c = NULL;
	struct payment	 p;
	struct entry	 e;
	char		*memo, *obj, m1[MONEY_BUFSZ], m2[MONEY_BUFSZ];
	int64_t		 credit, owed, want, a, from_ar = 0, from_pp = 0;
	size_t		 nc = 0, i;
	int		 rc;

	if (id != NULL)
		*id = 0;
	memset(&ds, 0, sizeof ds);
	if ((rc = core_require(tx, ROLE_CLERK, "refunding a customer",
	    cause)) != 0)
		return (rc);
	if ((rc = customer_check(tx, customer, cause)) != 0)
		return (rc);
	if (amount <= 0)
		return (cause_set(cause, ORDO_EINVAL, "a refund must be more "
		    "than zero"));
	if ((unsigned)method > PAY_CARD)
		return (cause_set(cause, ORDO_EINVAL, "bad payment method"));
	if (ref == NULL)
		ref = "";
	if ((rc = text_check("reference", ref, PAY_REF_MAX, 0, cause)) != 0)
		return (rc);
	if (add_i64(ledger_customer_balance(tx, customer, ACCT_RECEIVABLE),
	    ledger_customer_balance(tx, customer, ACCT_PREPAYMENTS),
	    &owed) != 0 || owed == INT64_MIN)
		return (cause_set(cause, ORDO_ERANGE, "customer %s: balance "
		    "out of range", customer));
	credit = -owed;
	if (credit < amount)
		return (cause_set(cause, ORDO_ESTATE, "customer %s has %s "
		    "credit; a refund of %s is more than that", customer,
		    core_money(tx, m1, sizeof m1, credit > 0 ? credit : 0),
		    core_money(tx, m2, sizeof m2, amount)));

	if ((rc = docset_load(tx, customer, &ds)) != 0) {
		rc = cause_set(cause, rc, "reading invoices and payments: %s",
		    ordo_strerror(rc));
		goto out;
	}
	memset(&p, 0, sizeof p);
	if ((rc = db_seq_next(tx, "payment", &p.id)) != 0) {
		rc = cause_set(cause, rc, "payments: %s", ordo_strerror(rc));
		goto out;
	}
	/* Work out which credits it uses, then post, then write. */
	nc = credits_of(&ds, customer, &c);
	want = amount;
	for (i = 0; i < nc && want > 0; i++) {
		a = want < c[i].left ? want : c[i].left;
		c[i].left -= a;
		c[i].used += a;
		want -= a;
		if (c[i].prepayment)
			from_pp += a;
		else
			from_ar += a;
	}
	if (want != 0) {
		/* The balance says there is credit, the documents do not. */
		rc = cause_set(cause, ORDO_ECORRUPT, "customer %s: balance "
		    "and open documents disagree; run ordo check", customer);
		goto out;
	}

	xasprintf(&memo, "refund %llu to %s by %s%s%s",
	    (unsigned long long)p.id, customer, pay_method_name(method),
	    *ref != '\0' ? ", ref " : "", ref);
	entry_init(&e, ENTRY_REFUND, memo);
	free(memo);
	e.doc = p.id;
	entry_add_role(&e, tx->co->cfg, ACCT_RECEIVABLE, from_ar, customer);
	entry_add_role(&e, tx->co->cfg, ACCT_PREPAYMENTS, from_pp, customer);
	entry_add_role(&e, tx->co->cfg, method_role(method), -amount, NULL);
	rc = ledger_post(tx, &e, cause);
	entry_free(&e);
	if (rc != 0)
		goto out;

	for (i = 0; i < nc; i++) {
		if (c[i].used == 0)
			continue;
		if ((rc = alloc_add(tx, c[i].kind, c[i].id, 'P', p.id,
		    c[i].used)) != 0) {
			rc = cause_set(cause, rc, "allocations: %s",
			    ordo_strerror(rc));
			goto out;
		}
	}
	if ((rc = docset_flush(tx, &ds, c, nc)) != 0) {
		rc = cause_set(cause, rc, "refund to %s: %s", customer,
		    ordo_strerror(rc));
		goto out;
	}

	p.customer = (char *)customer;
	p.time = tx->now;
	p.method = method;
	p.prepayment = 0;
	p.ref = (char *)ref;
	p.amount = -amount;
	p.unallocated = 0;
	if ((rc = payment_put(tx, &p, MDB_NOOVERWRITE)) != 0) {
		rc = cause_set(cause, rc, "refund %llu: %s",
		    (unsigned long long)p.id, ordo_strerror(rc));
		goto out;
	}
	xasprintf(&obj, "payment %llu", (unsigned long long)p.id);
	rc = audit_log(tx, "payment.refund", obj, "%s to %s by %s%s%s",
	    core_money(tx, m1, sizeof m1, amount), customer,
	    pay_method_name(method), *ref != '\0' ? ", ref " : "", ref);
	free(obj);
	if (rc != 0) {
		rc = cause_set(cause, rc, "audit: %s", ordo_strerror(rc));
		goto out;
	}
	if (id != NULL)
		*id = p.id;
out:
	free(c);
	docset_free(&ds);
	return (rc);
}
