/*
 * check.c: the invariant checker.  Everything is recomputed from the
 * records (journal, postings, moves, orders, invoices, payments,
 * allocations) and compared with what is materialised (account and
 * customer balances, stock rows, indexes, order totals).  See check.h
 * for the list.
 *
 * Each violation is reported once, where it is found, in one sentence;
 * consequences that follow from a violation already reported are not
 * reported again (the trial balance of stored balances is zero whenever
 * every entry balances and every stored balance equals its postings, so
 * it is only reported on its own if neither explains it).
 */
#include <sys/types.h>

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "ordo/agg.h"
#include "ordo/check.h"
#include "ordo/codec.h"
#include "ordo/company.h"
#include "ordo/config.h"
#include "ordo/core.h"
#include "ordo/customer.h"
#include "ordo/error.h"
#include "ordo/item.h"
#include "ordo/ledger.h"
#include "ordo/money.h"
#include "ordo/order.h"
#include "ordo/payment.h"
#include "ordo/pick.h"
#include "ordo/stock.h"
#include "ordo/trail.h"
#include "ordo/xmalloc.h"

/* A sum kept under a pair of strings (account/customer, SKU/location). */
struct pair {
	char		*a;
	char		*b;
	int64_t		 v[2];
	int		 seen;
};

struct pairs {
	struct pair	*p;
	size_t		 n;
	size_t		 cap;
};

struct acc {
	char		*code;
	int64_t		 stored;
	int64_t		 sum;
};

struct ck {
	struct db_txn	*tx;
	void		(*fn)(const char *, void *);
	void		*arg;
	long		 n;
	int		 err;		/* a real error, not a violation */
	/* Ledger. */
	struct acc	*acc;
	size_t		 nacc;
	size_t		 acccap;
	const char	*ar, *pp, *inv;
	struct pairs	 cust;		/* customer, account: posted sum */
	int64_t		 last_time;
	size_t		 npostings;
	int		 unbalanced;
	int		 bad_account;
	/* Documents. */
	struct invoice	*invs;
	size_t		 ninvs;
	size_t		 invcap;
	struct payment	*pays;
	size_t		 npays;
	size_t		 paycap;
	/* Stock and orders. */
	struct pairs	 moves;		/* sku, loc: qty, value */
	struct pairs	 resv;		/* sku, loc: reserved by orders */
	struct pairs	 ext;		/* channel, ext id: order id */
	size_t		 norders;
	size_t		 nbycust;
	size_t		 nbydate;
};

static void	 viol_str(void *, const char *);
static void	 viol(struct ck *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));
static void	*grow(void *, size_t, size_t *, size_t);
static char	*money(struct ck *, char *, int64_t);
static struct pair *pair_get(struct pairs *, const char *, const char *);
static void	 pairs_sort(struct pairs *);
static void	 pairs_free(struct pairs *);
static struct pair *pair_find(struct pairs *, const char *, const char *);
static int	 pair_cmp(const void *, const void *);
static struct acc *acc_find(struct ck *, const char *);
static void	 check_accounts(struct ck *);
static void	 check_journal(struct ck *);
static void	 check_entry(struct ck *, const struct entry *);
static void	 check_balances(struct ck *);
static void	 check_cust_bal(struct ck *);
static int	 load_inv(const struct invoice *, void *);
static int	 load_pay(const struct payment *, void *);
static void	 check_documents(struct ck *);
static void	 check_customer_identity(struct ck *);
static int	 move_sum(const struct move *, void *);
static int	 move_count(const struct move *, void *);
static int	 order_visit(const struct order *, void *);
static int	 order_record(uint64_t, const MDB_val *, void *);
static int	 stock_row(const struct stock *, void *);
static ssize_t	 inv_index(struct ck *, uint64_t);
static ssize_t	 pay_index(struct ck *, uint64_t);
static int	 ext_has(struct pairs *, const char *, const char *, uint64_t);
static int	 count_item(const struct item *, void *);
static int	 count_customer(const struct customer *, void *);
static void	 check_stock(struct ck *);
static void	 check_orders(struct ck *);
static int	 count_table(struct ck *, enum db_table, size_t, const char *);

/* viol for a sentence made elsewhere (order_check_one). */
static void
viol_str(void *arg, const char *s)
{
	viol(arg, "%s", s);
}

static void
viol(struct ck *ck, const char *fmt, ...)
{
	va_list	 ap;
	char	*s;

	va_start(ap, fmt);
	xvasprintf(&s, fmt, ap);
	va_end(ap);
	ck->n++;
	if (ck->fn != NULL)
		ck->fn(s, ck->arg);
	free(s);
}

static char *
money(struct ck *ck, char *buf, int64_t v)
{
	return (core_money(ck->tx, buf, MONEY_BUFSZ, v));
}

/*
 * Make room for element n of array v (capacity *cap, elements of size
 * sz), doubling: the arrays below hold one element per order line or
 * posting, and growing them one element at a time costs a copy of the
 * whole array per element where realloc cannot grow in place (it never
 * does under AddressSanitizer: "ordo check" of 60,000 orders took 10
 * minutes there).
 */
static void *
grow(void *v, size_t n, size_t *cap, size_t sz)
{
	if (n < *cap)
		return (v);
	*cap = *cap == 0 ? 64 : *cap * 2;
	return (xreallocarray(v, *cap, sz));
}

/* Pairs: appended unsorted while scanning, then sorted and merged. */

static struct pair *
pair_get(struct pairs *ps, const char *a, const char *b)
{
	struct pair	*p;

	ps->p = grow(ps->p, ps->n, &ps->cap, sizeof *ps->p);
	p = &ps->p[ps->n++];
	memset(p, 0, sizeof *p);
	p->a = xstrdup(a);
	p->b = xstrdup(b);
	return (p);
}

static int
pair_cmp(const void *x, const void *y)
{
	const struct pair	*p = x, *q = y;
	int			 c;

	if ((c = strcmp(p->a, q->a)) != 0)
		return (c);
	return (strcmp(p->b, q->b));
}

/* Sort and merge equal keys, adding their sums. */
static void
pairs_sort(struct pairs *ps)
{
	size_t	 i, o;

	if (ps->n < 2)
		return;
	qsort(ps->p, ps->n, sizeof *ps->p, pair_cmp);
	for (i = 1, o = 0; i < ps->n; i++) {
		if (pair_cmp(&ps->p[o], &ps->p[i]) == 0) {
			/* Sums saturate rather than wrap; reported as is. */
			if (add_i64(ps->p[o].v[0], ps->p[i].v[0],
			    &ps->p[o].v[0]) != 0)
				ps->p[o].v[0] = INT64_MAX;
			if (add_i64(ps->p[o].v[1], ps->p[i].v[1],
			    &ps->p[o].v[1]) != 0)
				ps->p[o].v[1] = INT64_MAX;
			free(ps->p[i].a);
			free(ps->p[i].b);
		} else
			ps->p[++o] = ps->p[i];
	}
	ps->n = o + 1;
}

static struct pair *
pair_find(struct pairs *ps, const char *a, const char *b)
{
	struct pair	 key;

	if (ps->n == 0)
		return (NULL);
	key.a = (char *)a;
	key.b = (char *)b;
	return (bsearch(&key, ps->p, ps->n, sizeof *ps->p, pair_cmp));
}

static void
pairs_free(struct pairs *ps)
{
	size_t	 i;

	for (i = 0; i < ps->n; i++) {
		free(ps->p[i].a);
		free(ps->p[i].b);
	}
	free(ps->p);
	memset(ps, 0, sizeof *ps);
}

/* Ledger. */

static struct acc *
acc_find(struct ck *ck, const char *code)
{
	size_t	 lo = 0, hi = ck->nacc, mid;
	int	 c;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		c = strcmp(code, ck->acc[mid].code);
		if (c == 0)
			return (&ck->acc[mid]);
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return (NULL);
}

static void
check_accounts(struct ck *ck)
{
	struct db_iter	 it;
	struct account	 a;
	char		*code;
	size_t		 i;
	int		 rc;

	if ((rc = db_iter_open(ck->tx, TB_ACCOUNTS, NULL, 0, &it)) != 0) {
		ck->err = rc;
		return;
	}
	while ((rc = db_iter_next(&it)) == 0) {
		code = xstrndup(it.key.mv_data, it.key.mv_size);
		if (strlen(code) != it.key.mv_size ||
		    ledger_account_get(ck->tx, code, &a) != 0) {
			viol(ck, "Account %s: the record does not decode.",
			    code);
			free(code);
			continue;
		}
		ck->acc = grow(ck->acc, ck->nacc, &ck->acccap,
		    sizeof *ck->acc);
		ck->acc[ck->nacc].code = code;
		ck->acc[ck->nacc].stored = a.balance;
		ck->acc[ck->nacc].sum = 0;
		ck->nacc++;
		ledger_account_free(&a);
	}
	db_iter_close(&it);
	if (rc != MDB_NOTFOUND)
		ck->err = rc;
	for (i = 0; ck->tx->co->cfg != NULL && i < ck->tx->co->cfg->naccounts; i++) {
		if (acc_find(ck, ck->tx->co->cfg->accounts[i].code) == NULL)
			viol(ck, "Account %s of the chart is not in the "
			    "database.", ck->tx->co->cfg->accounts[i].code);
	}
}

static void
check_entry(struct ck *ck, const struct entry *e)
{
	struct acc	*a;
	struct pair	*p;
	char		 m[MONEY_BUFSZ];
	const char	*code, *cust;
	uint64_t	 by;
	int64_t		 sum = 0;
	size_t		 i;
	int		 over = 0, iscust, rc;
	struct buf	 k;
	MDB_val		 v;

	ck->npostings += e->np;
	if (e->time < ck->last_time)
		viol(ck, "Journal entry %llu is dated before the entry "
		    "before it.", (unsigned long long)e->id);
	else
		ck->last_time = e->time;
	if (e->np < 2) {
		viol(ck, "Journal entry %llu has %zu posting%s; an entry "
		    "needs at least two.", (unsigned long long)e->id, e->np,
		    e->np == 1 ? "" : "s");
		ck->unbalanced = 1;
	}
	for (i = 0; i < e->np; i++) {
		code = e->p[i].account;
		cust = e->p[i].customer;
		if (add_i64(sum, e->p[i].amount, &sum) != 0)
			over = 1;
		if (e->p[i].amount == 0)
			viol(ck, "Journal entry %llu, posting %zu: the amount "
			    "is zero.", (unsigned long long)e->id, i + 1);
		if ((a = acc_find(ck, code)) == NULL) {
			viol(ck, "Journal entry %llu, posting %zu: there is no "
			    "account %s.", (unsigned long long)e->id, i + 1,
			    code);
			ck->bad_account = 1;
		} else if (add_i64(a->sum, e->p[i].amount, &a->sum) != 0)
			a->sum = INT64_MAX;
		iscust = (ck->ar != NULL && strcmp(code, ck->ar) == 0) ||
		    (ck->pp != NULL && strcmp(code, ck->pp) == 0);
		if (iscust && *cust == '\0')
			viol(ck, "Journal entry %llu, posting %zu: account %s "
			    "needs a customer.", (unsigned long long)e->id,
			    i + 1, code);
		else if (!iscust && *cust != '\0')
			viol(ck, "Journal entry %llu, posting %zu: account %s "
			    "does not take a customer (%s).",
			    (unsigned long long)e->id, i + 1, code, cust);
		if (*cust != '\0') {
			p = pair_get(&ck->cust, cust, code);
			p->v[0] = e->p[i].amount;
		}
		/* The posting-by-account index. */
		buf_init(&k);
		key_str(&k, code);
		key_u64(&k, e->id);
		key_u16(&k, (uint16_t)i);
		rc = db_getb(ck->tx, TB_POST_BY_ACCOUNT, &k, &v);
		buf_free(&k);
		if (rc != 0)
			viol(ck, "Journal entry %llu, posting %zu is missing "
			    "from the index of account %s.",
			    (unsigned long long)e->id, i + 1, code);
	}
	if (over) {
		viol(ck, "Journal entry %llu: its postings overflow.",
		    (unsigned long long)e->id);
		ck->unbalanced = 1;
	} else if (sum != 0) {
		viol(ck, "Journal entry %llu does not balance: off by %s.",
		    (unsigned long long)e->id, money(ck, m, sum));
		ck->unbalanced = 1;
	}
	/* Reversals: each reversal is recorded, once. */
	if ((rc = ledger_reversed_by(ck->tx, e->id, &by)) != 0)
		viol(ck, "Journal entry %llu: its reversal record does not "
		    "decode.", (unsigned long long)e->id);
	if (e->kind == ENTRY_REVERSAL) {
		if (by != 0)
			viol(ck, "Journal entry %llu is a reversal but is "
			    "itself reversed by entry %llu.",
			    (unsigned long long)e->id,
			    (unsigned long long)by);
		if (e->reverses == 0 || e->reverses >= e->id)
			viol(ck, "Journal entry %llu is a reversal of no "
			    "earlier entry.", (unsigned long long)e->id);
		else if (ledger_reversed_by(ck->tx, e->reverses, &by) != 0 ||
		    by != e->id)
			viol(ck, "Journal entry %llu reverses entry %llu, but "
			    "the reversals table says %llu.",
			    (unsigned long long)e->id,
			    (unsigned long long)e->reverses,
			    (unsigned long long)by);
	} else if (e->reverses != 0)
		viol(ck, "Journal entry %llu names entry %llu as reversed but "
		    "is not a reversal.", (unsigned long long)e->id,
		    (unsigned long long)e->reverses);
}

static void
check_journal(struct ck *ck)
{
	struct db_iter	 it;
	struct entry	 e;
	struct db_iter	 r;
	uint64_t	 id, rid;
	struct rd	 rd;
	int		 rc;

	ck->last_time = INT64_MIN;
	if ((rc = db_iter_open(ck->tx, TB_JOURNAL, NULL, 0, &it)) != 0) {
		ck->err = rc;
		return;
	}
	while ((rc = db_iter_next(&it)) == 0) {
		if (it.key.mv_size != 8) {
			viol(ck, "The journal holds a key that is not an "
			    "entry number.");
			continue;
		}
		id = key_get_u64(it.key.mv_data);
		if (ledger_get(ck->tx, id, &e, NULL) != 0) {
			viol(ck, "Journal entry %llu or its postings do not "
			    "decode.", (unsigned long long)id);
			ck->unbalanced = 1;
			continue;
		}
		check_entry(ck, &e);
		entry_free(&e);
	}
	db_iter_close(&it);
	if (rc != MDB_NOTFOUND)
		ck->err = rc;
	count_table(ck, TB_POSTINGS, ck->npostings, "postings");
	count_table(ck, TB_POST_BY_ACCOUNT, ck->npostings,
	    "postings by account");

	/* Every recorded reversal points at a reversal of that entry. */
	if ((rc = db_iter_open(ck->tx, TB_REVERSALS, NULL, 0, &r)) != 0) {
		ck->err = rc;
		return;
	}
	while ((rc = db_iter_next(&r)) == 0) {
		rd_init(&rd, r.val.mv_data, r.val.mv_size);
		if (r.key.mv_size != 8 || dec_u8(&rd) != 1) {
			viol(ck, "The reversals table holds a bad record.");
			continue;
		}
		rid = dec_u64(&rd);
		id = key_get_u64(r.key.mv_data);
		if (!rd_ok(&rd) || ledger_get(ck->tx, rid, &e, NULL) != 0) {
			viol(ck, "Entry %llu is recorded as reversed by entry "
			    "%llu, which does not exist.",
			    (unsigned long long)id, (unsigned long long)rid);
			continue;
		}
		if (e.kind != ENTRY_REVERSAL || e.reverses != id)
			viol(ck, "Entry %llu is recorded as reversed by entry "
			    "%llu, which is not its reversal.",
			    (unsigned long long)id, (unsigned long long)rid);
		entry_free(&e);
	}
	db_iter_close(&r);
	if (rc != MDB_NOTFOUND)
		ck->err = rc;
}

/* A table must hold exactly n records. */
static int
count_table(struct ck *ck, enum db_table t, size_t n, const char *what)
{
	size_t	 have = db_count(ck->tx, t);

	if (have == n)
		return (0);
	viol(ck, "The %s table holds %zu record%s; the records it indexes "
	    "call for %zu.", what, have, have == 1 ? "" : "s", n);
	return (1);
}

static void
check_balances(struct ck *ck)
{
	char		 m1[MONEY_BUFSZ], m2[MONEY_BUFSZ];
	int64_t		 tb = 0;
	size_t		 i;
	int		 off = 0;

	for (i = 0; i < ck->nacc; i++) {
		if (add_i64(tb, ck->acc[i].stored, &tb) != 0)
			off = 1;
		if (ck->acc[i].stored != ck->acc[i].sum) {
			viol(ck, "Account %s holds a balance of %s, but its "
			    "postings sum to %s.", ck->acc[i].code,
			    money(ck, m1, ck->acc[i].stored),
			    money(ck, m2, ck->acc[i].sum));
			off = 2;
		}
	}
	if (off == 1 || (off == 0 && tb != 0 && !ck->unbalanced &&
	    !ck->bad_account))
		viol(ck, "The trial balance of stored balances is off by %s.",
		    money(ck, m1, tb));
}

/* TB_CUST_BAL against the postings that name a customer. */
static void
check_cust_bal(struct ck *ck)
{
	struct db_iter	 it;
	struct pair	*p;
	struct rd	 rd;
	char		 m1[MONEY_BUFSZ], m2[MONEY_BUFSZ], *cust, *acct;
	const char	*nul;
	int64_t		 bal, want;
	size_t		 i;
	int		 rc;

	pairs_sort(&ck->cust);
	if ((rc = db_iter_open(ck->tx, TB_CUST_BAL, NULL, 0, &it)) != 0) {
		ck->err = rc;
		return;
	}
	while ((rc = db_iter_next(&it)) == 0) {
		nul = memchr(it.key.mv_data, '\0', it.key.mv_size);
		rd_init(&rd, it.val.mv_data, it.val.mv_size);
		if (dec_u8(&rd) != 1)
			rd.err = 1;
		bal = dec_i64(&rd);
		if (nul == NULL || !rd_ok(&rd)) {
			viol(ck, "The customer balances table holds a bad "
			    "record.");
			continue;
		}
		cust = xstrdup(it.key.mv_data);
		acct = xstrndup(nul + 1, it.key.mv_size -
		    (size_t)(nul + 1 - (const char *)it.key.mv_data));
		p = pair_find(&ck->cust, cust, acct);
		want = p != NULL ? p->v[0] : 0;
		if (p != NULL)
			p->seen = 1;
		if (bal != want)
			viol(ck, "Customer %s holds %s on account %s, but the "
			    "postings naming the customer sum to %s.", cust,
			    money(ck, m1, bal), acct, money(ck, m2, want));
		free(cust);
		free(acct);
	}
	db_iter_close(&it);
	if (rc != MDB_NOTFOUND)
		ck->err = rc;
	for (i = 0; i < ck->cust.n; i++) {
		p = &ck->cust.p[i];
		if (!p->seen && p->v[0] != 0)
			viol(ck, "Customer %s has postings summing to %s on "
			    "account %s but no stored balance there.", p->a,
			    money(ck, m1, p->v[0]), p->b);
	}
}

/* Documents: invoices, payments, allocations. */

static int
load_inv(const struct invoice *inv, void *arg)
{
	struct ck	*ck = arg;
	struct invoice	*x;

	ck->invs = grow(ck->invs, ck->ninvs, &ck->invcap, sizeof *ck->invs);
	x = &ck->invs[ck->ninvs++];
	*x = *inv;
	x->customer = xstrdup(inv->customer);
	return (0);
}

static int
load_pay(const struct payment *p, void *arg)
{
	struct ck	*ck = arg;
	struct payment	*x;

	ck->pays = grow(ck->pays, ck->npays, &ck->paycap, sizeof *ck->pays);
	x = &ck->pays[ck->npays++];
	*x = *p;
	x->customer = xstrdup(p->customer);
	x->ref = xstrdup(p->ref);
	return (0);
}

static ssize_t
inv_index(struct ck *ck, uint64_t id)
{
	size_t	 lo = 0, hi = ck->ninvs, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (ck->invs[mid].id == id)
			return ((ssize_t)mid);
		if (ck->invs[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (-1);
}

static ssize_t
pay_index(struct ck *ck, uint64_t id)
{
	size_t	 lo = 0, hi = ck->npays, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (ck->pays[mid].id == id)
			return ((ssize_t)mid);
		if (ck->pays[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (-1);
}

static void
check_documents(struct ck *ck)
{
	struct db_iter	 it;
	struct rd	 rd;
	const uint8_t	*k;
	int64_t		*isum, *psum, amt, *cs, *ds;
	const char	*cc, *dc;
	char		 m1[MONEY_BUFSZ], m2[MONEY_BUFSZ], ckind, dk;
	ssize_t		 ci, di;
	size_t		 i;
	int		 rc, credit_ok, debit_ok;

	if ((rc = invoice_each(ck->tx, NULL, load_inv, ck)) != 0) {
		viol(ck, "The invoices table holds a record that does not "
		    "decode (%s).", ordo_strerror(rc));
		return;
	}
	if ((rc = payment_each(ck->tx, NULL, load_pay, ck)) != 0) {
		viol(ck, "The payments table holds a record that does not "
		    "decode (%s).", ordo_strerror(rc));
		return;
	}
	isum = xcalloc(ck->ninvs + 1, sizeof *isum);
	psum = xcalloc(ck->npays + 1, sizeof *psum);
	if ((rc = db_iter_open(ck->tx, TB_ALLOCATIONS, NULL, 0, &it)) != 0) {
		ck->err = rc;
		goto out;
	}
	while ((rc = db_iter_next(&it)) == 0) {
		k = it.key.mv_data;
		rd_init(&rd, it.val.mv_data, it.val.mv_size);
		if (dec_u8(&rd) != 1)
			rd.err = 1;
		amt = dec_i64(&rd);
		(void)dec_i64(&rd);
		if (it.key.mv_size != 18 || !rd_ok(&rd) || amt <= 0) {
			viol(ck, "The allocations table holds a bad record.");
			continue;
		}
		ckind = (char)k[0];
		dk = (char)k[9];
		ci = ckind == 'I' ? inv_index(ck, key_get_u64(k + 1)) :
		    ckind == 'P' ? pay_index(ck, key_get_u64(k + 1)) : -1;
		di = dk == 'I' ? inv_index(ck, key_get_u64(k + 10)) :
		    dk == 'P' ? pay_index(ck, key_get_u64(k + 10)) : -1;
		if (ci < 0 || di < 0) {
			viol(ck, "An allocation names a document that does "
			    "not exist (%c%llu to %c%llu).", ckind,
			    (unsigned long long)key_get_u64(k + 1), dk,
			    (unsigned long long)key_get_u64(k + 10));
			continue;
		}
		/* Credits: payments > 0, credit notes; debits: the rest. */
		credit_ok = ckind == 'P' ? ck->pays[ci].amount > 0 :
		    ck->invs[ci].amount < 0;
		debit_ok = dk == 'P' ? ck->pays[di].amount < 0 :
		    ck->invs[di].amount > 0;
		cc = ckind == 'P' ? ck->pays[ci].customer :
		    ck->invs[ci].customer;
		dc = dk == 'P' ? ck->pays[di].customer : ck->invs[di].customer;
		if (!credit_ok || !debit_ok || strcmp(cc, dc) != 0) {
			viol(ck, "Allocation %c%llu to %c%llu does not match a "
			    "credit with a debit of the same customer.", ckind,
			    (unsigned long long)key_get_u64(k + 1), dk,
			    (unsigned long long)key_get_u64(k + 10));
			continue;
		}
		cs = ckind == 'P' ? &psum[ci] : &isum[ci];
		ds = dk == 'P' ? &psum[di] : &isum[di];
		if (add_i64(*cs, amt, cs) != 0 || add_i64(*ds, amt, ds) != 0)
			viol(ck, "Allocations overflow.");
	}
	db_iter_close(&it);
	if (rc != MDB_NOTFOUND)
		ck->err = rc;

	for (i = 0; i < ck->ninvs; i++) {
		struct invoice *v = &ck->invs[i];
		int64_t used;

		used = v->amount > 0 ? v->amount - v->open :
		    v->open - v->amount;
		if (v->amount == 0 || (v->amount > 0 && (v->open < 0 ||
		    v->open > v->amount)) || (v->amount < 0 &&
		    (v->open > 0 || v->open < v->amount)))
			viol(ck, "Invoice %llu: open %s is outside 0 to %s.",
			    (unsigned long long)v->id, money(ck, m1, v->open),
			    money(ck, m2, v->amount));
		else if (used != isum[i])
			viol(ck, "Invoice %llu: %s is settled but its "
			    "allocations sum to %s.",
			    (unsigned long long)v->id, money(ck, m1, used),
			    money(ck, m2, isum[i]));
	}
	for (i = 0; i < ck->npays; i++) {
		struct payment *p = &ck->pays[i];

		if (p->amount > 0 && (p->unallocated < 0 ||
		    p->unallocated > p->amount))
			viol(ck, "Payment %llu: unallocated %s is outside 0 "
			    "to %s.", (unsigned long long)p->id,
			    money(ck, m1, p->unallocated),
			    money(ck, m2, p->amount));
		else if (p->amount > 0 && p->amount - p->unallocated !=
		    psum[i])
			viol(ck, "Payment %llu: %s is allocated but its "
			    "allocations sum to %s.", (unsigned long long)p->id,
			    money(ck, m1, p->amount - p->unallocated),
			    money(ck, m2, psum[i]));
		else if (p->amount < 0 && (p->unallocated != 0 ||
		    p->prepayment || -p->amount != psum[i]))
			viol(ck, "Refund %llu of %s is not matched by the "
			    "credit it used (%s).", (unsigned long long)p->id,
			    money(ck, m1, -p->amount), money(ck, m2, psum[i]));
		else if (p->amount == 0)
			viol(ck, "Payment %llu has no amount.",
			    (unsigned long long)p->id);
	}
out:
	free(isum);
	free(psum);
}

/*
 * Per customer: posted receivable = open invoices (credit notes
 * included) - unallocated payments that are not prepayments; posted
 * prepayments = -unallocated prepayments.
 */
static void
check_customer_identity(struct ck *ck)
{
	struct pairs	 docs;
	struct pair	*p, *q;
	char		 m1[MONEY_BUFSZ], m2[MONEY_BUFSZ];
	size_t		 i;

	memset(&docs, 0, sizeof docs);
	if (ck->ar == NULL || ck->pp == NULL)
		return;
	for (i = 0; i < ck->ninvs; i++) {
		p = pair_get(&docs, ck->invs[i].customer, ck->ar);
		p->v[0] = ck->invs[i].open;
	}
	for (i = 0; i < ck->npays; i++) {
		p = pair_get(&docs, ck->pays[i].customer,
		    ck->pays[i].prepayment ? ck->pp : ck->ar);
		p->v[0] = -ck->pays[i].unallocated;
	}
	pairs_sort(&docs);
	for (i = 0; i < docs.n; i++) {
		p = &docs.p[i];
		q = pair_find(&ck->cust, p->a, p->b);
		if (q != NULL)
			q->seen = 2;
		if ((q != NULL ? q->v[0] : 0) != p->v[0])
			viol(ck, "Customer %s: the %s account holds %s from "
			    "postings, but open invoices and unallocated "
			    "payments come to %s.", p->a,
			    strcmp(p->b, ck->ar) == 0 ? "receivable" :
			    "prepayments", money(ck, m1, q != NULL ?
			    q->v[0] : 0), money(ck, m2, p->v[0]));
	}
	for (i = 0; i < ck->cust.n; i++) {
		q = &ck->cust.p[i];
		if (q->seen != 2 && q->v[0] != 0 &&
		    (strcmp(q->b, ck->ar) == 0 || strcmp(q->b, ck->pp) == 0))
			viol(ck, "Customer %s: the %s account holds %s from "
			    "postings, but there are no open documents.",
			    q->a, strcmp(q->b, ck->ar) == 0 ? "receivable" :
			    "prepayments", money(ck, m1, q->v[0]));
	}
	pairs_free(&docs);
}

/* Stock and orders. */

static int
move_sum(const struct move *m, void *arg)
{
	struct ck	*ck = arg;
	struct pair	*p;

	p = pair_get(&ck->moves, m->sku, m->loc);
	p->v[0] = m->qty;
	p->v[1] = m->value;
	return (0);
}

struct mcount {
	size_t		 n;
	int64_t		 qty;
};

static int
move_count(const struct move *m, void *arg)
{
	struct mcount	*mc = arg;

	mc->n++;
	if (add_i64(mc->qty, m->qty, &mc->qty) != 0)
		mc->qty = INT64_MAX;
	return (0);
}

static int
order_visit(const struct order *o, void *arg)
{
	struct ck	*ck = arg;
	struct pair	*p;
	int64_t		 net = 0, tax = 0, total;
	size_t		 i;
	int		 open, over = 0, rc;

	ck->norders++;
	open = o->status == ST_CONFIRMED || o->status == ST_PICKING ||
	    o->status == ST_PACKED || o->status == ST_PARTIAL;
	for (i = 0; i < o->nlines; i++) {
		const struct order_line *l = &o->lines[i];

		if (add_i64(net, l->net, &net) != 0 ||
		    add_i64(tax, l->tax, &tax) != 0)
			over = 1;
		if (l->reserved == 0)
			continue;
		if (!open || l->reserved < 0)
			viol(ck, "Order %llu is %s but line %u holds %lld "
			    "reserved.", (unsigned long long)o->id,
			    order_status_name(o->status), l->no,
			    (long long)l->reserved);
		else {
			p = pair_get(&ck->resv, l->sku, l->loc);
			p->v[0] = l->reserved;
		}
	}
	if (over || add_i64(net, o->shipping, &net) != 0 ||
	    add_i64(tax, o->ship_tax, &tax) != 0 ||
	    add_i64(net, tax, &total) != 0)
		viol(ck, "Order %llu: its line totals overflow.",
		    (unsigned long long)o->id);
	else if (net != o->net || tax != o->tax || total != o->total)
		viol(ck, "Order %llu: totals net %lld, tax %lld, total %lld "
		    "do not match its lines (%lld, %lld, %lld).",
		    (unsigned long long)o->id, (long long)o->net,
		    (long long)o->tax, (long long)o->total, (long long)net,
		    (long long)tax, (long long)total);
	if (o->ext_id != NULL && *o->ext_id != '\0') {
		p = pair_get(&ck->ext, o->channel, o->ext_id);
		p->v[0] = (int64_t)o->id;
		p->v[1] = 1;
	}
	/* Its entry in each index. */
	if ((rc = order_check_one(ck->tx, o, viol_str, ck)) != 0)
		ck->err = rc;
	return (0);
}

static int
order_record(uint64_t id, const MDB_val *v, void *arg)
{
	struct order	 o;
	int		 rc;

	(void)v;
	if ((rc = order_get(((struct ck *)arg)->tx, id, &o, NULL)) != 0)
		return (rc);
	rc = order_visit(&o, arg);
	order_free(&o);
	return (rc);
}

static void
check_orders(struct ck *ck)
{
	struct db_iter	 it;
	struct pair	*p;
	const char	*nul;
	char		*chan, *ext;
	size_t		 i, next = 0;
	int		 rc;

	/* Every order record, whatever the indexes say. */
	if ((rc = db_each_id(ck->tx, TB_ORDERS, order_record, ck)) != 0) {
		viol(ck, "The orders table holds a record that does not "
		    "decode (%s).", ordo_strerror(rc));
		return;
	}
	/* Each index holds as many; the counts kept, its runs. */
	if ((rc = order_check_counts(ck->tx, ck->norders, viol_str,
	    ck)) != 0)
		ck->err = rc;

	/* (channel, external id): at most one order, and indexed. */
	if (ck->ext.n > 1)
		qsort(ck->ext.p, ck->ext.n, sizeof *ck->ext.p, pair_cmp);
	for (i = 0; i < ck->ext.n; i++) {
		p = &ck->ext.p[i];
		if (i > 0 && pair_cmp(p, &ck->ext.p[i - 1]) == 0) {
			viol(ck, "Orders %lld and %lld both have external id "
			    "%s on channel %s.", (long long)ck->ext.p[i - 1].
			    v[0], (long long)p->v[0], p->b, p->a);
			continue;
		}
		next++;
	}
	if (db_count(ck->tx, TB_ORD_BY_EXT) != next)
		viol(ck, "The index of external order ids holds %zu entries "
		    "for %zu imported orders.", db_count(ck->tx,
		    TB_ORD_BY_EXT), next);
	if ((rc = db_iter_open(ck->tx, TB_ORD_BY_EXT, NULL, 0, &it)) != 0) {
		ck->err = rc;
		return;
	}
	while ((rc = db_iter_next(&it)) == 0) {
		nul = memchr(it.key.mv_data, '\0', it.key.mv_size);
		if (nul == NULL || it.val.mv_size != 8) {
			viol(ck, "The index of external order ids holds a bad "
			    "entry.");
			continue;
		}
		chan = xstrdup(it.key.mv_data);
		ext = xstrndup(nul + 1, it.key.mv_size -
		    (size_t)(nul + 1 - (const char *)it.key.mv_data));
		if (!ext_has(&ck->ext, chan, ext,
		    key_get_u64(it.val.mv_data)))
			viol(ck, "External id %s on channel %s points at "
			    "order %llu, which does not have it.", ext, chan,
			    (unsigned long long)key_get_u64(it.val.mv_data));
		free(chan);
		free(ext);
	}
	db_iter_close(&it);
	if (rc != MDB_NOTFOUND)
		ck->err = rc;
}

/* 1 if an order with (channel, ext) is order id (ext is sorted). */
static int
ext_has(struct pairs *ps, const char *chan, const char *ext, uint64_t id)
{
	struct pair	*p;

	if ((p = pair_find(ps, chan, ext)) == NULL)
		return (0);
	while (p > ps->p && pair_cmp(p - 1, p) == 0)
		p--;
	for (; p < ps->p + ps->n && strcmp(p->a, chan) == 0 &&
	    strcmp(p->b, ext) == 0; p++)
		if ((uint64_t)p->v[0] == id)
			return (1);
	return (0);
}

static int
count_item(const struct item *it, void *arg)
{
	(void)it;
	(*(size_t *)arg)++;
	return (0);
}

static int
count_customer(const struct customer *c, void *arg)
{
	(void)c;
	(*(size_t *)arg)++;
	return (0);
}

struct srow {
	struct ck	*ck;
	int64_t		 values;
	int		 over;
};

static int
stock_row(const struct stock *s, void *arg)
{
	struct srow	*sr = arg;
	struct ck	*ck = sr->ck;
	struct pair	*mv, *rs;
	struct mcount	 mc;
	char		 m1[MONEY_BUFSZ], m2[MONEY_BUFSZ];
	int64_t		 qty, val, res;

	if (add_i64(sr->values, s->value, &sr->values) != 0)
		sr->over = 1;
	mv = pair_find(&ck->moves, s->sku, s->loc);
	rs = pair_find(&ck->resv, s->sku, s->loc);
	qty = mv != NULL ? mv->v[0] : 0;
	val = mv != NULL ? mv->v[1] : 0;
	res = rs != NULL ? rs->v[0] : 0;
	if (mv != NULL)
		mv->seen = 1;
	if (rs != NULL)
		rs->seen = 1;
	if (s->on_hand != qty)
		viol(ck, "%s at %s: on hand %lld, but its moves sum to %lld.",
		    s->sku, s->loc, (long long)s->on_hand, (long long)qty);
	if (s->value != val)
		viol(ck, "%s at %s: value %s, but its moves sum to %s.",
		    s->sku, s->loc, money(ck, m1, s->value),
		    money(ck, m2, val));
	if (s->reserved != res)
		viol(ck, "%s at %s: reserved %lld, but open orders hold "
		    "%lld.", s->sku, s->loc, (long long)s->reserved,
		    (long long)res);
	/* Shipped by a marketplace beyond the books: listed, not wrong. */
	if (s->reserved < 0 || (!s->count_due && (s->on_hand < 0 ||
	    s->on_hand - s->reserved < 0)))
		viol(ck, "%s at %s: on hand %lld, reserved %lld: available "
		    "is below zero.", s->sku, s->loc, (long long)s->on_hand,
		    (long long)s->reserved);
	if (s->on_hand == 0 && s->value != 0)
		viol(ck, "%s at %s: nothing on hand but a value of %s.",
		    s->sku, s->loc, money(ck, m1, s->value));
	/* The index of moves by row agrees with the moves. */
	memset(&mc, 0, sizeof mc);
	if (stock_moves(ck->tx, s->sku, s->loc, move_count, &mc) != 0)
		viol(ck, "%s at %s: its move index names a move that does "
		    "not decode.", s->sku, s->loc);
	else if (mc.qty != qty)
		viol(ck, "%s at %s: the move index sums to %lld, the moves "
		    "to %lld.", s->sku, s->loc, (long long)mc.qty,
		    (long long)qty);
	return (0);
}

static void
check_stock(struct ck *ck)
{
	struct srow	 sr;
	struct acc	*inv;
	char		 m1[MONEY_BUFSZ], m2[MONEY_BUFSZ];
	size_t		 i;
	int		 rc;

	if ((rc = stock_each_move(ck->tx, move_sum, ck)) != 0) {
		viol(ck, "The moves table holds a record that does not "
		    "decode (%s).", ordo_strerror(rc));
		return;
	}
	pairs_sort(&ck->moves);
	pairs_sort(&ck->resv);
	memset(&sr, 0, sizeof sr);
	sr.ck = ck;
	if ((rc = stock_each(ck->tx, "", stock_row, &sr)) != 0) {
		viol(ck, "The stock table holds a record that does not decode "
		    "(%s).", ordo_strerror(rc));
		return;
	}
	for (i = 0; i < ck->moves.n; i++) {
		if (!ck->moves.p[i].seen && (ck->moves.p[i].v[0] != 0 ||
		    ck->moves.p[i].v[1] != 0))
			viol(ck, "%s at %s has moves but no stock row.",
			    ck->moves.p[i].a, ck->moves.p[i].b);
	}
	for (i = 0; i < ck->resv.n; i++) {
		if (!ck->resv.p[i].seen && ck->resv.p[i].v[0] != 0)
			viol(ck, "%s at %s: open orders hold %lld reserved "
			    "but there is no stock row.", ck->resv.p[i].a,
			    ck->resv.p[i].b, (long long)ck->resv.p[i].v[0]);
	}
	if (ck->inv != NULL && (inv = acc_find(ck, ck->inv)) != NULL) {
		if (sr.over)
			viol(ck, "The stock values overflow.");
		else if (inv->stored != sr.values)
			viol(ck, "The inventory account %s holds %s, but the "
			    "stock is worth %s.", ck->inv,
			    money(ck, m1, inv->stored),
			    money(ck, m2, sr.values));
	}
}

long
check_all(struct db_txn *tx, void (*fn)(const char *, void *), void *arg)
{
	static long	(*const sub[])(struct db_txn *,
			    void (*)(const char *, void *), void *) = {
		pick_check, trail_check, agg_check
	};
	struct ck	 ck;
	size_t		 i, n;
	int		 rc;

	memset(&ck, 0, sizeof ck);
	ck.tx = tx;
	ck.fn = fn;
	ck.arg = arg;
	if (tx->co->cfg != NULL) {
		ck.ar = config_account(tx->co->cfg, ACCT_RECEIVABLE);
		ck.pp = config_account(tx->co->cfg, ACCT_PREPAYMENTS);
		ck.inv = config_account(tx->co->cfg, ACCT_INVENTORY);
	}
	check_accounts(&ck);
	if (ck.err == 0)
		check_journal(&ck);
	if (ck.err == 0) {
		check_balances(&ck);
		check_cust_bal(&ck);
	}
	if (ck.err == 0) {
		check_documents(&ck);
		check_customer_identity(&ck);
	}
	if (ck.err == 0)
		check_orders(&ck);
	if (ck.err == 0)
		check_stock(&ck);
	/*
	 * The checkers of other modules: picking, the audit trail, the
	 * aggregates of the read model.
	 */
	for (i = 0; ck.err == 0 && i < sizeof sub / sizeof sub[0]; i++) {
		long sn = sub[i](tx, fn, arg);

		if (sn < 0)
			ck.err = ORDO_ECORRUPT;
		else
			ck.n += sn;
	}
	n = 0;
	if (ck.err == 0 && (rc = item_each(tx, NULL, count_item, &n)) != 0)
		viol(&ck, "The items table holds a record that does not "
		    "decode (%s).", ordo_strerror(rc));
	n = 0;
	if (ck.err == 0 &&
	    (rc = customer_each(tx, NULL, count_customer, &n)) != 0)
		viol(&ck, "The customers table holds a record that does not "
		    "decode (%s).", ordo_strerror(rc));

	for (i = 0; i < ck.nacc; i++)
		free(ck.acc[i].code);
	free(ck.acc);
	for (i = 0; i < ck.ninvs; i++)
		invoice_free(&ck.invs[i]);
	free(ck.invs);
	for (i = 0; i < ck.npays; i++)
		payment_free(&ck.pays[i]);
	free(ck.pays);
	pairs_free(&ck.cust);
	pairs_free(&ck.moves);
	pairs_free(&ck.resv);
	pairs_free(&ck.ext);
	return (ck.err != 0 ? -1 : ck.n);
}
