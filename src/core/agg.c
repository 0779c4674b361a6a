/*
 * agg.c: the aggregates of the read model (agg.h), their hooks, their
 * rebuild (schema 6) and their check.
 *
 * An order's part in the aggregates is a list of contributions (table,
 * key, values).  agg_order builds the list of the order as stored before
 * with the sign -1 and of the order now with +1, sorts it, sums the
 * values of equal keys and adds each non-zero sum to the stored row (a
 * row whose values all come to 0 is deleted).  So a pick, which changes
 * no figure, writes nothing here.
 *
 * agg_check streams: the journal in id order (which is time order, so
 * days and months come in order), the orders by the date index (days in
 * order), and the documents; each computed group (a day, a month) is
 * compared with the stored rows of that group as a merge of two sorted
 * runs, so a missing row, an extra row and a wrong row are each named.
 * The co-occurrence counts are compared by fingerprints (a sum of key
 * hashes times counts) in 65,536 buckets by the first item: memory is
 * fixed, and a difference names an item of the bucket.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ordo/agg.h"
#include "ordo/codec.h"
#include "ordo/company.h"
#include "ordo/core.h"
#include "ordo/error.h"
#include "ordo/ledger.h"
#include "ordo/order.h"
#include "ordo/payment.h"
#include "ordo/date.h"
#include "ordo/money.h"
#include "ordo/xmalloc.h"

#define AGG_NV		6	/* most values in a row */
#define AGG_BUCKETS	65536

/* One contribution: a row of a table and what to add to it. */
struct ac {
	enum db_table	 t;
	uint8_t		*k;
	size_t		 klen;
	int64_t		 v[AGG_NV];
};

struct acl {
	struct ac	*a;
	size_t		 n, cap;
};

static int	 nv_of(enum db_table);
static void	 kday(struct buf *, int32_t);
static int32_t	 kday_get(const void *);
static int	 vals_get(struct db_txn *, enum db_table, const void *, size_t,
		    int64_t *, int *);
static int	 vals_add(struct db_txn *, enum db_table, const void *, size_t,
		    const int64_t *);
static void	 acl_add(struct acl *, enum db_table, const struct buf *,
		    const int64_t *, int);
static void	 acl_free(struct acl *);
static int	 ac_cmp(const void *, const void *);
static size_t	 acl_merge(struct acl *);
static void	 contrib(struct acl *, const struct db_txn *,
		    const struct order *, int);
static int	 sku_cmp(const void *, const void *);
static int	 doc_open(struct db_txn *, const char *, int64_t, uint8_t,
		    uint64_t, int64_t);
static int	 stmt_add(struct db_txn *, const char *, int64_t, uint8_t,
		    uint64_t, uint8_t, uint64_t, int64_t, int64_t);
static int	 range_each(struct db_txn *, enum db_table, const void *,
		    size_t, int32_t, int32_t,
		    int (*)(const MDB_val *, const MDB_val *, size_t, void *),
		    void *);
static int	 vals_decode(const MDB_val *, int, int64_t *);

static const char *stmt_kinds[] = {
	"invoice", "credit note", "payment", "prepayment", "refund"
};

static int
nv_of(enum db_table t)
{
	switch (t) {
	case TB_AGG_SALES:
		return (4);
	case TB_AGG_SALES_CH:
	case TB_AGG_CUST_MONTH:
		return (6);
	case TB_AGG_OPEN_DAY:
		return (3);
	case TB_AGG_STMT_DAY:
		return (2);
	default:
		return (1);
	}
}

/* Days and months. */

/* Howard Hinnant's civil-from-days and days-from-civil. */
int32_t
agg_month(int32_t day)
{
	int64_t	 z = (int64_t)day + 719468, era, doe, yoe, y, doy, mp, m;

	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	m = mp < 10 ? mp + 3 : mp - 9;
	if (m <= 2)
		y++;
	return ((int32_t)((y - 1970) * 12 + (m - 1)));
}

int32_t
agg_month_first(int32_t month)
{
	int64_t	 y, m, era, yoe, doy, doe;

	y = 1970 + (month >= 0 ? month / 12 : -((11 - (int64_t)month) / 12));
	m = (int64_t)month - (y - 1970) * 12 + 1;
	if (m <= 2)
		y--;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return ((int32_t)(era * 146097 + doe - 719468));
}

static void
kday(struct buf *b, int32_t d)
{
	key_u32(b, (uint32_t)d ^ UINT32_C(0x80000000));
}

static int32_t
kday_get(const void *p)
{
	return ((int32_t)(key_get_u32(p) ^ UINT32_C(0x80000000)));
}

/* Stored rows. */

static int
vals_decode(const MDB_val *v, int nv, int64_t *out)
{
	struct rd	 rd;
	int		 i;

	rd_init(&rd, v->mv_data, v->mv_size);
	if (dec_u8(&rd) != 1)
		return (ORDO_ECORRUPT);
	for (i = 0; i < nv; i++)
		out[i] = dec_i64(&rd);
	return (rd_ok(&rd) ? 0 : ORDO_ECORRUPT);
}

/* The values of a row (all 0 and *found 0 if there is none). */
static int
vals_get(struct db_txn *tx, enum db_table t, const void *k, size_t klen,
    int64_t *out, int *found)
{
	MDB_val	 v;
	int	 rc, nv = nv_of(t);

	memset(out, 0, nv * sizeof *out);
	*found = 0;
	if ((rc = db_get(tx, t, k, klen, &v)) == MDB_NOTFOUND)
		return (0);
	if (rc != 0)
		return (rc);
	*found = 1;
	return (vals_decode(&v, nv, out));
}

/* Add d to a row; a row that comes to all zeros is deleted. */
static int
vals_add(struct db_txn *tx, enum db_table t, const void *k, size_t klen,
    const int64_t *d)
{
	struct buf	 v;
	int64_t		 cur[AGG_NV];
	int		 i, nv = nv_of(t), found, zero = 1, rc;

	if ((rc = vals_get(tx, t, k, klen, cur, &found)) != 0)
		return (rc);
	for (i = 0; i < nv; i++) {
		if (add_i64(cur[i], d[i], &cur[i]) != 0)
			return (ORDO_ERANGE);
		if (cur[i] != 0)
			zero = 0;
	}
	if (zero) {
		if (!found)
			return (0);
		rc = db_del(tx, t, k, klen);
		return (rc == MDB_NOTFOUND ? 0 : rc);
	}
	buf_init(&v);
	enc_u8(&v, 1);
	for (i = 0; i < nv; i++)
		enc_i64(&v, cur[i]);
	rc = db_put(tx, t, k, klen, v.d, v.len, 0);
	buf_free(&v);
	return (rc);
}

/* Contributions. */

static void
acl_add(struct acl *l, enum db_table t, const struct buf *k,
    const int64_t *v, int sign)
{
	struct ac	*a;
	int		 i;

	if (l->n == l->cap) {
		l->cap = l->cap == 0 ? 32 : l->cap * 2;
		l->a = xreallocarray(l->a, l->cap, sizeof *l->a);
	}
	a = &l->a[l->n++];
	memset(a, 0, sizeof *a);
	a->t = t;
	a->k = xmalloc(k->len);
	memcpy(a->k, k->d, k->len);
	a->klen = k->len;
	for (i = 0; i < nv_of(t); i++)
		a->v[i] = sign * v[i];
}

static void
acl_free(struct acl *l)
{
	size_t	 i;

	for (i = 0; i < l->n; i++)
		free(l->a[i].k);
	free(l->a);
	memset(l, 0, sizeof *l);
}

static int
ac_cmp(const void *x, const void *y)
{
	const struct ac	*a = x, *b = y;
	size_t		 n = a->klen < b->klen ? a->klen : b->klen;
	int		 c;

	if (a->t != b->t)
		return (a->t < b->t ? -1 : 1);
	if ((c = memcmp(a->k, b->k, n)) != 0)
		return (c);
	return (a->klen < b->klen ? -1 : a->klen > b->klen);
}

/*
 * Sort and sum equal rows; rows that sum to all zeros go.  The list is
 * left sorted with unique keys; returns its length.
 */
static size_t
acl_merge(struct acl *l)
{
	size_t	 i, j, o = 0;
	int	 k, zero;

	if (l->n > 1)
		qsort(l->a, l->n, sizeof *l->a, ac_cmp);
	for (i = 0; i < l->n; i = j) {
		for (j = i + 1; j < l->n && ac_cmp(&l->a[i], &l->a[j]) == 0;
		    j++) {
			for (k = 0; k < AGG_NV; k++)
				l->a[i].v[k] += l->a[j].v[k];
			free(l->a[j].k);
		}
		zero = 1;
		for (k = 0; k < AGG_NV; k++)
			if (l->a[i].v[k] != 0)
				zero = 0;
		if (zero)
			free(l->a[i].k);
		else
			l->a[o++] = l->a[i];
	}
	l->n = o;
	return (o);
}

static int
sku_cmp(const void *x, const void *y)
{
	return (strcmp(*(char *const *)x, *(char *const *)y));
}

/* What order o adds to the aggregates, times sign. */
static void
contrib(struct acl *l, const struct db_txn *tx, const struct order *o,
    int sign)
{
	const struct order_line	*ln;
	struct agg_tot		 tot;
	struct buf		 k;
	const char		**skus;
	int64_t			 v[AGG_NV], one = 1;
	int32_t			 day = company_day(tx->co, o->created);
	size_t			 i, j, ns = 0;
	int			 live = o->status != ST_DRAFT, shipped = 0;

	memset(&tot, 0, sizeof tot);
	buf_init(&k);
	skus = xcalloc(o->nlines + 1, sizeof *skus);
	for (i = 0; i < o->nlines; i++) {
		ln = &o->lines[i];
		memset(v, 0, sizeof v);
		v[0] = live ? ln->qty - ln->cancelled : 0;
		v[1] = ln->shipped - ln->returned;
		v[2] = ln->qty == 0 ? 0 : muldiv_round(ln->net, ln->shipped,
		    ln->qty) - muldiv_round(ln->net, ln->returned, ln->qty);
		v[3] = ln->cost_shipped - ln->cost_returned;
		if (ln->shipped > 0)
			shipped = 1;
		tot.ordered += v[0];
		tot.qty += v[1];
		tot.net += v[2];
		tot.cost += v[3];
		if (v[0] > 0)
			skus[ns++] = ln->sku;
		if (v[0] == 0 && v[1] == 0 && v[2] == 0 && v[3] == 0)
			continue;
		buf_reset(&k);
		kday(&k, day);
		key_str(&k, ln->sku);
		key_strn(&k, o->channel);
		acl_add(l, TB_AGG_SALES, &k, v, sign);
	}
	tot.orders = tot.ordered > 0;
	tot.shipping = shipped ? o->shipping : 0;
	if (tot.orders != 0 || tot.qty != 0 || tot.net != 0 ||
	    tot.shipping != 0 || tot.cost != 0 || tot.ordered != 0) {
		v[0] = tot.orders;
		v[1] = tot.ordered;
		v[2] = tot.qty;
		v[3] = tot.net;
		v[4] = tot.shipping;
		v[5] = tot.cost;
		buf_reset(&k);
		kday(&k, day);
		key_strn(&k, o->channel);
		acl_add(l, TB_AGG_SALES_CH, &k, v, sign);
		buf_reset(&k);
		kday(&k, agg_month(day));
		key_strn(&k, o->customer);
		acl_add(l, TB_AGG_CUST_MONTH, &k, v, sign);
	}
	if (o->status == ST_CONFIRMED || o->status == ST_PICKING ||
	    o->status == ST_PACKED || o->status == ST_PARTIAL) {
		for (i = 0; i < o->nlines; i++) {
			ln = &o->lines[i];
			if ((v[0] = line_backordered(ln)) <= 0)
				continue;
			buf_reset(&k);
			key_u8(&k, (uint8_t)o->status);
			order_date_key(tx, &k, o->created, o->id);
			key_u16(&k, ln->no);
			acl_add(l, TB_AGG_BACKORDER, &k, v, sign);
		}
	}
	if (ns > 1)
		qsort(skus, ns, sizeof *skus, sku_cmp);
	for (i = j = 0; i < ns; i++)
		if (j == 0 || strcmp(skus[j - 1], skus[i]) != 0)
			skus[j++] = skus[i];
	ns = j;
	for (i = 0; i < ns; i++) {
		buf_reset(&k);
		key_str(&k, skus[i]);
		acl_add(l, TB_AGG_PAIRS, &k, &one, sign);
		if (ns > AGG_PAIR_ITEMS)
			continue;
		for (j = 0; j < ns; j++) {
			if (j == i)
				continue;
			buf_reset(&k);
			key_str(&k, skus[i]);
			key_strn(&k, skus[j]);
			acl_add(l, TB_AGG_PAIRS, &k, &one, sign);
		}
	}
	free(skus);
	buf_free(&k);
}

int
agg_order(struct db_txn *tx, const struct order *old, const struct order *o)
{
	struct acl	 l;
	size_t		 i;
	int		 rc = 0;

	memset(&l, 0, sizeof l);
	if (old != NULL)
		contrib(&l, tx, old, -1);
	if (o != NULL)
		contrib(&l, tx, o, 1);
	acl_merge(&l);
	for (i = 0; i < l.n && rc == 0; i++)
		rc = vals_add(tx, l.a[i].t, l.a[i].k, l.a[i].klen, l.a[i].v);
	acl_free(&l);
	return (rc);
}

/* The books. */

int
agg_posting(struct db_txn *tx, const char *account, int64_t time,
    int64_t amount)
{
	struct buf	 k;
	int32_t		 day = company_day(tx->co, time);
	int		 rc;

	buf_init(&k);
	kday(&k, day);
	key_strn(&k, account);
	rc = vals_add(tx, TB_AGG_ACCT_DAY, k.d, k.len, &amount);
	if (rc == 0) {
		buf_reset(&k);
		kday(&k, agg_month(day));
		key_strn(&k, account);
		rc = vals_add(tx, TB_AGG_ACCT_MONTH, k.d, k.len, &amount);
	}
	buf_free(&k);
	return (rc);
}

/* A document's open amount now is owed: its row and its day's sums. */
static int
doc_open(struct db_txn *tx, const char *customer, int64_t time, uint8_t kind,
    uint64_t id, int64_t owed)
{
	struct buf	 k, v;
	int64_t		 old, d[3];
	int32_t		 day = company_day(tx->co, time);
	int		 found, rc;

	buf_init(&k);
	buf_init(&v);
	key_str(&k, customer);
	kday(&k, day);
	key_u8(&k, kind);
	key_u64(&k, id);
	if ((rc = vals_get(tx, TB_AGG_OPEN, k.d, k.len, &old, &found)) != 0 ||
	    old == owed)
		goto out;
	if (owed == 0)
		rc = db_del(tx, TB_AGG_OPEN, k.d, k.len);
	else {
		enc_u8(&v, 1);
		enc_i64(&v, owed);
		rc = db_put(tx, TB_AGG_OPEN, k.d, k.len, v.d, v.len, 0);
	}
	if (rc != 0)
		goto out;
	d[0] = (owed > 0 ? owed : 0) - (old > 0 ? old : 0);
	d[1] = (owed < 0 ? owed : 0) - (old < 0 ? old : 0);
	d[2] = (owed != 0) - (old != 0);
	buf_reset(&k);
	key_str(&k, customer);
	kday(&k, day);
	rc = vals_add(tx, TB_AGG_OPEN_DAY, k.d, k.len, d);
out:
	buf_free(&k);
	buf_free(&v);
	return (rc);
}

/* A document's statement line and its day's sums. */
static int
stmt_add(struct db_txn *tx, const char *customer, int64_t time, uint8_t rank,
    uint64_t id, uint8_t kind, uint64_t order, int64_t debit, int64_t credit)
{
	struct buf	 k, v;
	int64_t		 d[2];
	int		 rc;

	buf_init(&k);
	buf_init(&v);
	key_str(&k, customer);
	key_i64(&k, time);
	key_u8(&k, rank);
	key_u64(&k, id);
	enc_u8(&v, 1);
	enc_u8(&v, kind);
	enc_u64(&v, order);
	enc_i64(&v, debit);
	enc_i64(&v, credit);
	rc = db_put(tx, TB_AGG_STMT, k.d, k.len, v.d, v.len, 0);
	if (rc == 0) {
		buf_reset(&k);
		key_str(&k, customer);
		kday(&k, company_day(tx->co, time));
		d[0] = debit;
		d[1] = credit;
		rc = vals_add(tx, TB_AGG_STMT_DAY, k.d, k.len, d);
	}
	buf_free(&k);
	buf_free(&v);
	return (rc);
}

int
agg_invoice(struct db_txn *tx, const struct invoice *inv, int created)
{
	int	 rc;

	if ((rc = doc_open(tx, inv->customer, inv->time, 'I', inv->id,
	    inv->open)) != 0 || !created)
		return (rc);
	if (inv->amount >= 0)
		return (stmt_add(tx, inv->customer, inv->time, 0, inv->id, 0,
		    inv->order, inv->amount, 0));
	return (stmt_add(tx, inv->customer, inv->time, 0, inv->id, 1,
	    inv->order, 0, -inv->amount));
}

int
agg_payment(struct db_txn *tx, const struct payment *p, int created)
{
	int	 rc;

	if ((rc = doc_open(tx, p->customer, p->time, 'P', p->id,
	    -p->unallocated)) != 0 || !created)
		return (rc);
	if (p->amount < 0)
		return (stmt_add(tx, p->customer, p->time, 1, p->id, 4, 0,
		    -p->amount, 0));
	return (stmt_add(tx, p->customer, p->time, 1, p->id,
	    p->prepayment ? 3 : 2, 0, 0, p->amount));
}

/* Rebuild (schema 6). */

static const enum db_table agg_tables[] = {
	TB_AGG_ACCT_DAY, TB_AGG_ACCT_MONTH, TB_AGG_OPEN, TB_AGG_OPEN_DAY,
	TB_AGG_STMT, TB_AGG_STMT_DAY, TB_AGG_BACKORDER, TB_AGG_SALES,
	TB_AGG_SALES_CH, TB_AGG_CUST_MONTH, TB_AGG_PAIRS
};

struct rb {
	struct db_txn	*tx;
	int		 rc;
};

static int
rb_entry(const struct entry *e, void *arg)
{
	struct rb	*rb = arg;
	size_t		 i;

	for (i = 0; i < e->np && rb->rc == 0; i++)
		rb->rc = agg_posting(rb->tx, e->p[i].account, e->time,
		    e->p[i].amount);
	return (rb->rc != 0);
}

static int
rb_inv(const struct invoice *inv, void *arg)
{
	struct rb	*rb = arg;

	rb->rc = agg_invoice(rb->tx, inv, 1);
	return (rb->rc != 0);
}

static int
rb_pay(const struct payment *p, void *arg)
{
	struct rb	*rb = arg;

	rb->rc = agg_payment(rb->tx, p, 1);
	return (rb->rc != 0);
}

int
agg_rebuild(struct db_txn *tx)
{
	struct db_iter	 it;
	struct order	 o;
	struct rb	 rb;
	size_t		 i;
	int		 rc;

	for (i = 0; i < sizeof agg_tables / sizeof agg_tables[0]; i++)
		if ((rc = mdb_drop(tx->txn, tx->db->dbi[agg_tables[i]],
		    0)) != 0)
			return (rc);
	rb.tx = tx;
	rb.rc = 0;
	if ((rc = ledger_each(tx, 0, rb_entry, &rb)) != 0 ||
	    (rc = rb.rc) != 0)
		return (rc);
	if ((rc = invoice_each(tx, NULL, rb_inv, &rb)) != 0 ||
	    (rc = rb.rc) != 0)
		return (rc);
	if ((rc = payment_each(tx, NULL, rb_pay, &rb)) != 0 ||
	    (rc = rb.rc) != 0)
		return (rc);
	if ((rc = db_iter_open(tx, TB_ORDERS, NULL, 0, &it)) != 0)
		return (rc);
	while ((rc = db_iter_next(&it)) == 0) {
		if (it.key.mv_size != 8) {
			rc = ORDO_ECORRUPT;
			break;
		}
		if ((rc = order_get(tx, key_get_u64(it.key.mv_data), &o,
		    NULL)) != 0)
			break;
		rc = agg_order(tx, NULL, &o);
		order_free(&o);
		if (rc != 0)
			break;
	}
	db_iter_close(&it);
	return (rc == MDB_NOTFOUND ? 0 : rc);
}

/* Readers. */

/*
 * Rows of a table keyed by a day or month (after prefix) in [lo, hi]:
 * fn(key, value, offset of the rest of the key, arg).
 */
static int
range_each(struct db_txn *tx, enum db_table t, const void *prefix,
    size_t plen, int32_t lo, int32_t hi,
    int (*fn)(const MDB_val *, const MDB_val *, size_t, void *), void *arg)
{
	struct db_iter	 it;
	struct buf	 k;
	int32_t		 d;
	int		 rc;

	if (lo > hi)
		return (0);
	buf_init(&k);
	buf_add(&k, prefix, plen);
	kday(&k, lo);
	if ((rc = db_iter_open(tx, t, prefix, plen, &it)) != 0) {
		buf_free(&k);
		return (rc);
	}
	if ((rc = db_iter_at(&it, k.d, k.len, 1)) == 0) {
		while ((rc = db_iter_next(&it)) == 0) {
			if (it.key.mv_size < plen + 4) {
				rc = ORDO_ECORRUPT;
				break;
			}
			d = kday_get((const uint8_t *)it.key.mv_data + plen);
			if (d > hi)
				break;
			if ((rc = fn(&it.key, &it.val, plen + 4, arg)) != 0)
				break;
		}
	}
	db_iter_close(&it);
	buf_free(&k);
	return (db_walk_rc(rc));
}

/* The rest of a key from off as a string (up to a NUL or the end). */
static const char *
key_text(const MDB_val *k, size_t off, char *buf, size_t cap)
{
	const char	*p = (const char *)k->mv_data + off;
	size_t		 n = 0, len = k->mv_size > off ? k->mv_size - off : 0;

	while (n < len && p[n] != '\0' && n + 1 < cap)
		n++;
	memcpy(buf, p, n);
	buf[n] = '\0';
	return (buf);
}

struct acct_arg {
	void		(*fn)(const char *, int64_t, void *);
	void		*arg;
};

static int
acct_row(const MDB_val *k, const MDB_val *v, size_t off, void *arg)
{
	struct acct_arg	*aa = arg;
	char		 code[DB_MAXKEY + 1];
	int64_t		 sum;
	int		 rc;

	if ((rc = vals_decode(v, 1, &sum)) != 0)
		return (rc);
	aa->fn(key_text(k, off, code, sizeof code), sum, aa->arg);
	return (0);
}

/* The first or last day or month of a table keyed by one; 0 if empty. */
static int
bound(struct db_txn *tx, enum db_table t, int last, int32_t *out)
{
	MDB_cursor	*cur;
	MDB_val		 k, v;
	int		 rc;

	if ((rc = mdb_cursor_open(tx->txn, tx->db->dbi[t], &cur)) != 0)
		return (rc);
	rc = mdb_cursor_get(cur, &k, &v, last ? MDB_LAST : MDB_FIRST);
	if (rc == 0 && k.mv_size < 4)
		rc = ORDO_ECORRUPT;
	if (rc == 0)
		*out = kday_get(k.mv_data);
	mdb_cursor_close(cur);
	return (rc);
}

int
agg_account_period(struct db_txn *tx, int32_t from, int32_t to,
    void (*fn)(const char *, int64_t, void *), void *arg)
{
	struct acct_arg	 aa;
	int32_t		 m0, m1, lo, hi, d, m, last, mend;
	int		 rc;

	aa.fn = fn;
	aa.arg = arg;
	if ((rc = bound(tx, TB_AGG_ACCT_MONTH, 0, &m0)) != 0 ||
	    (rc = bound(tx, TB_AGG_ACCT_MONTH, 1, &m1)) != 0)
		return (rc == MDB_NOTFOUND ? 0 : rc);
	lo = agg_month_first(m0);
	hi = agg_month_first(m1 + 1) - 1;
	if (from > lo)
		lo = from;
	if (to < hi)
		hi = to;
	for (d = lo; d <= hi && rc == 0; ) {
		m = agg_month(d);
		last = agg_month_first(m + 1) - 1;
		if (d == agg_month_first(m) && last <= hi) {
			/* Whole months, up to the last one that ends by hi. */
			mend = agg_month(hi);
			if (agg_month_first(mend + 1) - 1 > hi)
				mend--;
			rc = range_each(tx, TB_AGG_ACCT_MONTH, NULL, 0, m,
			    mend, acct_row, &aa);
			d = agg_month_first(mend + 1);
		} else {
			if (last > hi)
				last = hi;
			rc = range_each(tx, TB_AGG_ACCT_DAY, NULL, 0, d, last,
			    acct_row, &aa);
			d = last + 1;
		}
		if (d <= lo)	/* INT32 wrap: done */
			break;
	}
	return (rc);
}

int
agg_open_each(struct db_txn *tx,
    int (*fn)(const char *, int32_t, int64_t, int64_t, void *), void *arg)
{
	struct db_iter	 it;
	char		 cust[DB_MAXKEY + 1];
	int64_t		 v[3];
	size_t		 n;
	int		 rc;

	if ((rc = db_iter_open(tx, TB_AGG_OPEN_DAY, NULL, 0, &it)) != 0)
		return (rc);
	while ((rc = db_iter_next(&it)) == 0) {
		key_text(&it.key, 0, cust, sizeof cust);
		n = strlen(cust) + 1;
		if (it.key.mv_size != n + 4) {
			rc = ORDO_ECORRUPT;
			break;
		}
		if ((rc = vals_decode(&it.val, 3, v)) != 0)
			break;
		if ((rc = fn(cust, kday_get((const uint8_t *)it.key.mv_data +
		    n), v[0], v[1], arg)) != 0)
			break;
	}
	db_iter_close(&it);
	return (db_walk_rc(rc));
}

int
agg_open_docs(struct db_txn *tx, const char *customer,
    int (*fn)(uint8_t, uint64_t, void *), void *arg)
{
	struct db_iter	 it;
	struct buf	 p;
	const uint8_t	*kp;
	int		 rc;

	buf_init(&p);
	key_str(&p, customer);
	if ((rc = db_iter_open(tx, TB_AGG_OPEN, p.d, p.len, &it)) != 0) {
		buf_free(&p);
		return (rc);
	}
	while ((rc = db_iter_next(&it)) == 0) {
		if (it.key.mv_size != p.len + 13) {
			rc = ORDO_ECORRUPT;
			break;
		}
		kp = (const uint8_t *)it.key.mv_data + p.len;
		if ((rc = fn(kp[4], key_get_u64(kp + 5), arg)) != 0)
			break;
	}
	db_iter_close(&it);
	buf_free(&p);
	return (db_walk_rc(rc));
}

struct sb_arg {
	int64_t		 debit, credit;
	int		 err;
};

static int
sb_row(const MDB_val *k, const MDB_val *v, size_t off, void *arg)
{
	struct sb_arg	*sb = arg;
	int64_t		 x[2];
	int		 rc;

	(void)k;
	(void)off;
	if ((rc = vals_decode(v, 2, x)) != 0)
		return (rc);
	if (add_i64(sb->debit, x[0], &sb->debit) != 0 ||
	    add_i64(sb->credit, x[1], &sb->credit) != 0)
		return (ORDO_ERANGE);
	return (0);
}

int
agg_stmt_before(struct db_txn *tx, const char *customer, int32_t day,
    int64_t *debit, int64_t *credit)
{
	struct sb_arg	 sb;
	struct buf	 p;
	int		 rc;

	memset(&sb, 0, sizeof sb);
	*debit = *credit = 0;
	if (day == INT32_MIN)
		return (0);
	buf_init(&p);
	key_str(&p, customer);
	rc = range_each(tx, TB_AGG_STMT_DAY, p.d, p.len, INT32_MIN, day - 1,
	    sb_row, &sb);
	buf_free(&p);
	if (rc == 0) {
		*debit = sb.debit;
		*credit = sb.credit;
	}
	return (rc);
}

int
agg_stmt_each(struct db_txn *tx, const char *customer, int32_t from,
    int32_t to, int (*fn)(int64_t, const char *, uint64_t, uint64_t, int64_t,
    int64_t, void *), void *arg)
{
	struct db_iter	 it;
	struct buf	 p, k;
	struct rd	 rd;
	const uint8_t	*kp;
	int64_t		 t, debit, credit;
	int32_t		 d;
	uint64_t	 order;
	uint8_t		 kind;
	int		 rc;

	buf_init(&p);
	buf_init(&k);
	key_str(&p, customer);
	buf_add(&k, p.d, p.len);
	/* A day is 86,400 s in any zone, and no zone is a day off UTC. */
	key_i64(&k, from == INT32_MIN ? INT64_MIN : ((int64_t)from - 1) *
	    86400);
	if ((rc = db_iter_open(tx, TB_AGG_STMT, p.d, p.len, &it)) != 0)
		goto out;
	if ((rc = db_iter_at(&it, k.d, k.len, 1)) != 0)
		goto close;
	while ((rc = db_iter_next(&it)) == 0) {
		if (it.key.mv_size != p.len + 17) {
			rc = ORDO_ECORRUPT;
			break;
		}
		kp = (const uint8_t *)it.key.mv_data + p.len;
		t = (int64_t)(((uint64_t)key_get_u32(kp) << 32 |
		    key_get_u32(kp + 4)) ^ (UINT64_C(1) << 63));
		if ((d = company_day(tx->co, t)) > to)
			break;
		if (d < from)
			continue;
		rd_init(&rd, it.val.mv_data, it.val.mv_size);
		if (dec_u8(&rd) != 1) {
			rc = ORDO_ECORRUPT;
			break;
		}
		kind = dec_u8(&rd);
		order = dec_u64(&rd);
		debit = dec_i64(&rd);
		credit = dec_i64(&rd);
		if (!rd_ok(&rd) || kind > 4) {
			rc = ORDO_ECORRUPT;
			break;
		}
		if ((rc = fn(t, stmt_kinds[kind], key_get_u64(kp + 9), order,
		    debit, credit, arg)) != 0)
			break;
	}
close:
	db_iter_close(&it);
out:
	buf_free(&p);
	buf_free(&k);
	return (db_walk_rc(rc));
}

int
agg_backorder_each(struct db_txn *tx,
    int (*fn)(uint64_t, uint16_t, int64_t, void *), void *arg)
{
	struct db_iter	 it;
	const uint8_t	*kp;
	int64_t		 q;
	int		 rc;

	if ((rc = db_iter_open(tx, TB_AGG_BACKORDER, NULL, 0, &it)) != 0)
		return (rc);
	while ((rc = db_iter_next(&it)) == 0) {
		if (it.key.mv_size != 19) {
			rc = ORDO_ECORRUPT;
			break;
		}
		if ((rc = vals_decode(&it.val, 1, &q)) != 0)
			break;
		kp = it.key.mv_data;
		if ((rc = fn(key_get_u64(kp + 9), key_get_u16(kp + 17), q,
		    arg)) != 0)
			break;
	}
	db_iter_close(&it);
	return (db_walk_rc(rc));
}

/* order.h: the backordered lines, from the backorder list. */
struct bo_arg {
	struct db_txn	*tx;
	int		(*fn)(const struct order *, const struct order_line *,
			    void *);
	void		*arg;
	struct order	 o;
	int		 have;
	int		 err;
};

static int
bo_line(uint64_t id, uint16_t no, int64_t q, void *arg)
{
	struct bo_arg	*ba = arg;
	size_t		 i;

	(void)q;
	if (!ba->have || ba->o.id != id) {
		if (ba->have)
			order_free(&ba->o);
		ba->have = 0;
		if ((ba->err = order_get(ba->tx, id, &ba->o, NULL)) != 0)
			return (1);
		ba->have = 1;
	}
	for (i = 0; i < ba->o.nlines; i++)
		if (ba->o.lines[i].no == no)
			return (ba->fn(&ba->o, &ba->o.lines[i], ba->arg));
	ba->err = ORDO_ECORRUPT;
	return (1);
}

int
order_backorders(struct db_txn *tx,
    int (*fn)(const struct order *, const struct order_line *, void *),
    void *arg)
{
	struct bo_arg	 ba;
	int		 rc;

	memset(&ba, 0, sizeof ba);
	ba.tx = tx;
	ba.fn = fn;
	ba.arg = arg;
	rc = agg_backorder_each(tx, bo_line, &ba);
	if (ba.have)
		order_free(&ba.o);
	return (rc != 0 ? rc : ba.err);
}

struct se_arg {
	int		(*fn)(int32_t, const char *, const char *,
			    const struct agg_sales *, void *);
	int		(*tfn)(int32_t, const char *, const struct agg_tot *,
			    void *);
	void		*arg;
};

static int
sales_row(const MDB_val *k, const MDB_val *v, size_t off, void *arg)
{
	struct se_arg	*se = arg;
	struct agg_sales s;
	char		 sku[DB_MAXKEY + 1], ch[DB_MAXKEY + 1];
	int64_t		 x[4];
	int		 rc;

	if ((rc = vals_decode(v, 4, x)) != 0)
		return (rc);
	key_text(k, off, sku, sizeof sku);
	key_text(k, off + strlen(sku) + 1, ch, sizeof ch);
	s.ordered = x[0];
	s.qty = x[1];
	s.net = x[2];
	s.cost = x[3];
	return (se->fn(kday_get(k->mv_data), sku, ch, &s, se->arg));
}

int
agg_sales_each(struct db_txn *tx, int32_t from, int32_t to,
    int (*fn)(int32_t, const char *, const char *, const struct agg_sales *,
    void *), void *arg)
{
	struct se_arg	 se;

	se.fn = fn;
	se.arg = arg;
	return (range_each(tx, TB_AGG_SALES, NULL, 0, from, to, sales_row,
	    &se));
}

static int
tot_row(const MDB_val *k, const MDB_val *v, size_t off, void *arg)
{
	struct se_arg	*se = arg;
	struct agg_tot	 t;
	char		 name[DB_MAXKEY + 1];
	int64_t		 x[6];
	int		 rc;

	if ((rc = vals_decode(v, 6, x)) != 0)
		return (rc);
	key_text(k, off, name, sizeof name);
	t.orders = x[0];
	t.ordered = x[1];
	t.qty = x[2];
	t.net = x[3];
	t.shipping = x[4];
	t.cost = x[5];
	return (se->tfn(kday_get(k->mv_data), name, &t, se->arg));
}

int
agg_channel_each(struct db_txn *tx, int32_t from, int32_t to,
    int (*fn)(int32_t, const char *, const struct agg_tot *, void *),
    void *arg)
{
	struct se_arg	 se;

	se.tfn = fn;
	se.arg = arg;
	return (range_each(tx, TB_AGG_SALES_CH, NULL, 0, from, to, tot_row,
	    &se));
}

int
agg_customer_each(struct db_txn *tx, int32_t from, int32_t to,
    int (*fn)(int32_t, const char *, const struct agg_tot *, void *),
    void *arg)
{
	struct se_arg	 se;

	se.tfn = fn;
	se.arg = arg;
	return (range_each(tx, TB_AGG_CUST_MONTH, NULL, 0, from, to, tot_row,
	    &se));
}

int
agg_pairs_of(struct db_txn *tx, const char *sku, int64_t *orders,
    int (*fn)(const char *, int64_t, void *), void *arg)
{
	struct db_iter	 it;
	struct buf	 p;
	char		 other[DB_MAXKEY + 1];
	int64_t		 n;
	int		 rc;

	*orders = 0;
	buf_init(&p);
	key_str(&p, sku);
	if ((rc = db_iter_open(tx, TB_AGG_PAIRS, p.d, p.len, &it)) != 0) {
		buf_free(&p);
		return (rc);
	}
	while ((rc = db_iter_next(&it)) == 0) {
		if ((rc = vals_decode(&it.val, 1, &n)) != 0)
			break;
		if (it.key.mv_size == p.len) {
			*orders = n;
			continue;
		}
		key_text(&it.key, p.len, other, sizeof other);
		if (fn != NULL && (rc = fn(other, n, arg)) != 0)
			break;
	}
	db_iter_close(&it);
	buf_free(&p);
	return (db_walk_rc(rc));
}

/* The check. */

struct mst {
	enum db_table	 t;
	struct db_iter	 it;
	int		 have;
};

struct ckr {
	struct db_txn	*tx;
	void		(*fn)(const char *, void *);
	void		*arg;
	long		 n;
	int		 err;
};

static void	 ckr_viol(struct ckr *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));

static void
ckr_viol(struct ckr *c, const char *fmt, ...)
{
	va_list	 ap;
	char	*s;

	va_start(ap, fmt);
	xvasprintf(&s, fmt, ap);
	va_end(ap);
	c->n++;
	if (c->fn != NULL)
		c->fn(s, c->arg);
	free(s);
}

/* A row's key in words. */
static char *
describe(enum db_table t, const uint8_t *k, size_t len)
{
	char		 a[DB_MAXKEY + 1], b[DB_MAXKEY + 1], d[DATE_BUFSZ];
	char		*s;
	MDB_val		 kv;
	int32_t		 x, m;
	size_t		 off;

	kv.mv_data = (void *)k;
	kv.mv_size = len;
	a[0] = b[0] = '\0';
	switch (t) {
	case TB_AGG_ACCT_DAY:
	case TB_AGG_SALES:
	case TB_AGG_SALES_CH:
		x = len >= 4 ? kday_get(k) : 0;
		date_fmt(d, sizeof d, x);
		key_text(&kv, 4, a, sizeof a);
		if (t == TB_AGG_SALES)
			key_text(&kv, 4 + strlen(a) + 1, b, sizeof b);
		if (t == TB_AGG_ACCT_DAY)
			xasprintf(&s, "Account %s on %s", a, d);
		else if (t == TB_AGG_SALES)
			xasprintf(&s, "Sales of %s on %s through %s", a, d,
			    b);
		else
			xasprintf(&s, "Sales through %s on %s", a, d);
		return (s);
	case TB_AGG_ACCT_MONTH:
	case TB_AGG_CUST_MONTH:
		m = len >= 4 ? kday_get(k) : 0;
		date_fmt(d, sizeof d, agg_month_first(m));
		d[7] = '\0';
		key_text(&kv, 4, a, sizeof a);
		if (t == TB_AGG_ACCT_MONTH)
			xasprintf(&s, "Account %s in %s", a, d);
		else
			xasprintf(&s, "Sales to customer %s in %s", a, d);
		return (s);
	default:
		key_text(&kv, 0, a, sizeof a);
		off = strlen(a) + 1;
		x = len >= off + 4 ? kday_get(k + off) : 0;
		date_fmt(d, sizeof d, x);
		if (t == TB_AGG_OPEN_DAY)
			xasprintf(&s, "Open documents of customer %s dated "
			    "%s", a, d);
		else
			xasprintf(&s, "Statement lines of customer %s on %s",
			    a, d);
		return (s);
	}
}

static const char *
field_name(enum db_table t, int i)
{
	static const char *sales[] = { "ordered", "quantity", "net",
	    "cost" };
	static const char *tot[] = { "orders", "ordered", "quantity", "net",
	    "shipping", "cost" };
	static const char *open[] = { "owed", "credit", "documents" };
	static const char *stmt[] = { "debit", "credit" };

	switch (t) {
	case TB_AGG_SALES:
		return (sales[i]);
	case TB_AGG_SALES_CH:
	case TB_AGG_CUST_MONTH:
		return (tot[i]);
	case TB_AGG_OPEN_DAY:
		return (open[i]);
	case TB_AGG_STMT_DAY:
		return (stmt[i]);
	default:
		return ("sum");
	}
}

static char *
vals_text(struct ckr *c, enum db_table t, const int64_t *v)
{
	struct buf	 b;
	char		 m[MONEY_BUFSZ], one[128];
	int		 i, money;

	buf_init(&b);
	for (i = 0; i < nv_of(t); i++) {
		money = !(t == TB_AGG_OPEN_DAY && i == 2) &&
		    !(t == TB_AGG_SALES && i < 2) &&
		    !((t == TB_AGG_SALES_CH || t == TB_AGG_CUST_MONTH) &&
		    i < 3);
		if (money)
			core_money(c->tx, m, sizeof m, v[i]);
		else
			snprintf(m, sizeof m, "%lld", (long long)v[i]);
		snprintf(one, sizeof one, "%s%s %s", i > 0 ? ", " : "",
		    field_name(t, i), m);
		buf_add(&b, one, strlen(one));
	}
	buf_add(&b, "", 1);
	return ((char *)b.d);
}

static int
mst_open(struct ckr *c, struct mst *m, enum db_table t)
{
	int	 rc;

	memset(m, 0, sizeof *m);
	m->t = t;
	if ((rc = db_iter_open(c->tx, t, NULL, 0, &m->it)) != 0)
		return (rc);
	rc = db_iter_next(&m->it);
	m->have = rc == 0;
	return (rc == MDB_NOTFOUND ? 0 : rc);
}

static void
mst_next(struct ckr *c, struct mst *m)
{
	int	 rc;

	rc = db_iter_next(&m->it);
	m->have = rc == 0;
	if (rc != 0 && rc != MDB_NOTFOUND)
		c->err = rc;
}

static int
key_cmp(const MDB_val *a, const uint8_t *k, size_t len)
{
	size_t	 n = a->mv_size < len ? a->mv_size : len;
	int	 r;

	if ((r = memcmp(a->mv_data, k, n)) != 0)
		return (r);
	return (a->mv_size < len ? -1 : a->mv_size > len);
}

static void
mst_extra(struct ckr *c, struct mst *m)
{
	int64_t	 v[AGG_NV];
	char	*d, *s;

	d = describe(m->t, m->it.key.mv_data, m->it.key.mv_size);
	if (vals_decode(&m->it.val, nv_of(m->t), v) != 0)
		ckr_viol(c, "%s: the aggregate's record does not decode.", d);
	else {
		s = vals_text(c, m->t, v);
		ckr_viol(c, "%s: the aggregate holds %s, but there is nothing "
		    "to count.", d, s);
		free(s);
	}
	free(d);
}

/* The next computed row, in key order: compare with the stored ones. */
static void
mst_feed(struct ckr *c, struct mst *m, const uint8_t *k, size_t len,
    const int64_t *v)
{
	int64_t	 sv[AGG_NV];
	char	*d, *s1, *s2;
	int	 r = 1, i;

	while (c->err == 0 && m->have &&
	    (r = key_cmp(&m->it.key, k, len)) < 0) {
		mst_extra(c, m);
		mst_next(c, m);
	}
	if (c->err != 0)
		return;
	d = describe(m->t, k, len);
	s2 = vals_text(c, m->t, v);
	if (!m->have || r > 0) {
		ckr_viol(c, "%s: missing from the aggregate; the facts give "
		    "%s.", d, s2);
	} else if (vals_decode(&m->it.val, nv_of(m->t), sv) != 0) {
		ckr_viol(c, "%s: the aggregate's record does not decode.", d);
	} else {
		for (i = 0; i < nv_of(m->t); i++)
			if (sv[i] != v[i])
				break;
		if (i < nv_of(m->t)) {
			s1 = vals_text(c, m->t, sv);
			ckr_viol(c, "%s: the aggregate holds %s, but the facts "
			    "give %s.", d, s1, s2);
			free(s1);
		}
	}
	if (m->have && r == 0)
		mst_next(c, m);
	free(d);
	free(s2);
}

static void
mst_finish(struct ckr *c, struct mst *m)
{
	while (c->err == 0 && m->have) {
		mst_extra(c, m);
		mst_next(c, m);
	}
	if (m->it.cur != NULL)
		db_iter_close(&m->it);
}

/* Feed the rows of a list (merged) that belong to table t. */
static void
feed_list(struct ckr *c, struct mst *m, struct acl *l)
{
	size_t	 i;

	acl_merge(l);
	for (i = 0; i < l->n && c->err == 0; i++)
		if (l->a[i].t == m->t)
			mst_feed(c, m, l->a[i].k, l->a[i].klen, l->a[i].v);
}

/* Journal: sums per account by day and by month. */

struct ck_books {
	struct ckr	*c;
	struct mst	 day, month;
	struct acl	 dl, ml;
	int32_t		 d, m;
	int		 any;
};

static void
books_add(struct acl *l, enum db_table t, int32_t when, const char *acct,
    int64_t amount)
{
	struct buf	 k;

	buf_init(&k);
	kday(&k, when);
	key_strn(&k, acct);
	acl_add(l, t, &k, &amount, 1);
	buf_free(&k);
	/* Keep a day's list short: merge as it grows. */
	if (l->n >= 4096)
		acl_merge(l);
}

static int
books_entry(const struct entry *e, void *arg)
{
	struct ck_books	*b = arg;
	int32_t		 d = company_day(b->c->tx->co, e->time);
	int32_t		 m = agg_month(d);
	size_t		 i;

	if (b->any && d != b->d) {
		feed_list(b->c, &b->day, &b->dl);
		acl_free(&b->dl);
	}
	if (b->any && m != b->m) {
		feed_list(b->c, &b->month, &b->ml);
		acl_free(&b->ml);
	}
	b->any = 1;
	b->d = d;
	b->m = m;
	for (i = 0; i < e->np; i++) {
		books_add(&b->dl, TB_AGG_ACCT_DAY, d, e->p[i].account,
		    e->p[i].amount);
		books_add(&b->ml, TB_AGG_ACCT_MONTH, m, e->p[i].account,
		    e->p[i].amount);
	}
	return (b->c->err != 0);
}

static void
check_books(struct ckr *c)
{
	struct ck_books	 b;
	int		 rc;

	memset(&b, 0, sizeof b);
	b.c = c;
	if ((rc = mst_open(c, &b.day, TB_AGG_ACCT_DAY)) != 0 ||
	    (rc = mst_open(c, &b.month, TB_AGG_ACCT_MONTH)) != 0 ||
	    (rc = ledger_each(c->tx, 0, books_entry, &b)) != 0) {
		c->err = rc;
		goto out;
	}
	feed_list(c, &b.day, &b.dl);
	feed_list(c, &b.month, &b.ml);
	mst_finish(c, &b.day);
	mst_finish(c, &b.month);
out:
	if (b.day.it.cur != NULL)
		db_iter_close(&b.day.it);
	if (b.month.it.cur != NULL)
		db_iter_close(&b.month.it);
	acl_free(&b.dl);
	acl_free(&b.ml);
}

/* Orders: sales, customers by month, backorders, co-occurrence. */

static uint64_t
hash64(const void *p, size_t len)
{
	const uint8_t	*s = p;
	uint64_t	 h = UINT64_C(0xcbf29ce484222325);
	size_t		 i;

	for (i = 0; i < len; i++) {
		h ^= s[i];
		h *= UINT64_C(0x100000001b3);
	}
	h ^= h >> 33;
	h *= UINT64_C(0xff51afd7ed558ccd);
	h ^= h >> 33;
	return (h);
}

struct ck_orders {
	struct ckr	*c;
	struct mst	 sales, ch, cust;
	struct acl	 dl, ml;
	int32_t		 d, m;
	int		 any;
	uint64_t	 nback;
	uint64_t	*fp;		/* [AGG_BUCKETS] computed, then stored */
	uint64_t	*sfp;
};

static unsigned
pair_bucket(const uint8_t *k, size_t len)
{
	size_t	 n = 0;

	while (n < len && k[n] != '\0')
		n++;
	return ((unsigned)(hash64(k, n) % AGG_BUCKETS));
}

static void
orders_one(struct ck_orders *co, const struct order *o)
{
	struct ckr	*c = co->c;
	struct acl	 l;
	int64_t		 sv;
	int32_t		 d = company_day(co->c->tx->co, o->created);
	int32_t		 m = agg_month(d);
	size_t		 i;
	int		 found, rc;
	char		*s;

	if (co->any && d != co->d) {
		feed_list(c, &co->sales, &co->dl);
		feed_list(c, &co->ch, &co->dl);
		acl_free(&co->dl);
	}
	if (co->any && m != co->m) {
		feed_list(c, &co->cust, &co->ml);
		acl_free(&co->ml);
	}
	co->any = 1;
	co->d = d;
	co->m = m;
	memset(&l, 0, sizeof l);
	contrib(&l, c->tx, o, 1);
	for (i = 0; i < l.n; i++) {
		struct ac *a = &l.a[i];

		switch (a->t) {
		case TB_AGG_SALES:
		case TB_AGG_SALES_CH:
			acl_add(&co->dl, a->t, &(struct buf){ a->k, a->klen,
			    a->klen }, a->v, 1);
			break;
		case TB_AGG_CUST_MONTH:
			acl_add(&co->ml, a->t, &(struct buf){ a->k, a->klen,
			    a->klen }, a->v, 1);
			if (co->ml.n >= 4096)
				acl_merge(&co->ml);
			break;
		case TB_AGG_BACKORDER:
			co->nback++;
			if ((rc = vals_get(c->tx, a->t, a->k, a->klen, &sv,
			    &found)) != 0) {
				c->err = rc;
				break;
			}
			if (sv != a->v[0]) {
				xasprintf(&s, "Order %llu, line %u: %lld "
				    "backordered, but the backorder list "
				    "holds %lld.", (unsigned long long)o->id,
				    key_get_u16(a->k + 17),
				    (long long)a->v[0], (long long)sv);
				ckr_viol(c, "%s", s);
				free(s);
			}
			break;
		case TB_AGG_PAIRS:
			co->fp[pair_bucket(a->k, a->klen)] +=
			    hash64(a->k, a->klen) * (uint64_t)a->v[0];
			break;
		default:
			break;
		}
	}
	acl_free(&l);
}

static void
check_pairs(struct ck_orders *co)
{
	struct ckr	*c = co->c;
	struct db_iter	 it;
	char		 sku[DB_MAXKEY + 1];
	int64_t		 n;
	unsigned	 b;
	long		 bad = 0;
	int		 rc;

	if ((rc = db_iter_open(c->tx, TB_AGG_PAIRS, NULL, 0, &it)) != 0) {
		c->err = rc;
		return;
	}
	while ((rc = db_iter_next(&it)) == 0) {
		if ((rc = vals_decode(&it.val, 1, &n)) != 0) {
			ckr_viol(c, "Item co-occurrence: a record does not "
			    "decode.");
			continue;
		}
		co->sfp[pair_bucket(it.key.mv_data, it.key.mv_size)] +=
		    hash64(it.key.mv_data, it.key.mv_size) * (uint64_t)n;
	}
	db_iter_close(&it);
	if (rc != MDB_NOTFOUND) {
		c->err = rc;
		return;
	}
	for (b = 0; b < AGG_BUCKETS; b++)
		if (co->fp[b] != co->sfp[b])
			bad++;
	if (bad == 0)
		return;
	/* Name the items of the first differing buckets. */
	if ((rc = db_iter_open(c->tx, TB_AGG_PAIRS, NULL, 0, &it)) != 0) {
		c->err = rc;
		return;
	}
	sku[0] = '\0';
	while ((rc = db_iter_next(&it)) == 0) {
		b = pair_bucket(it.key.mv_data, it.key.mv_size);
		if (co->fp[b] != co->sfp[b]) {
			key_text(&it.key, 0, sku, sizeof sku);
			break;
		}
	}
	db_iter_close(&it);
	ckr_viol(c, "Item co-occurrence counts differ from the orders for "
	    "%ld group%s of items%s%s%s.", bad, bad == 1 ? "" : "s",
	    sku[0] != '\0' ? " (item " : "", sku,
	    sku[0] != '\0' ? " among them)" : "");
}

static void
check_orders(struct ckr *c)
{
	struct ck_orders co;
	struct db_iter	 it;
	struct order	 o;
	size_t		 stored;
	int		 rc;

	memset(&co, 0, sizeof co);
	co.c = c;
	co.fp = xcalloc(AGG_BUCKETS, sizeof *co.fp);
	co.sfp = xcalloc(AGG_BUCKETS, sizeof *co.sfp);
	if ((rc = mst_open(c, &co.sales, TB_AGG_SALES)) != 0 ||
	    (rc = mst_open(c, &co.ch, TB_AGG_SALES_CH)) != 0 ||
	    (rc = mst_open(c, &co.cust, TB_AGG_CUST_MONTH)) != 0 ||
	    (rc = db_iter_open(c->tx, TB_ORD_BY_DATE, NULL, 0, &it)) != 0) {
		c->err = rc;
		goto out;
	}
	while (c->err == 0 && (rc = db_iter_next(&it)) == 0) {
		if ((rc = order_get(c->tx, order_index_id(&it.key), &o,
		    NULL)) != 0) {
			c->err = rc;
			break;
		}
		orders_one(&co, &o);
		order_free(&o);
	}
	db_iter_close(&it);
	if (rc != 0 && rc != MDB_NOTFOUND)
		c->err = rc;
	if (c->err != 0)
		goto out;
	feed_list(c, &co.sales, &co.dl);
	feed_list(c, &co.ch, &co.dl);
	feed_list(c, &co.cust, &co.ml);
	mst_finish(c, &co.sales);
	mst_finish(c, &co.ch);
	mst_finish(c, &co.cust);
	stored = db_count(c->tx, TB_AGG_BACKORDER);
	if (stored != co.nback)
		ckr_viol(c, "The backorder list holds %zu lines, but the "
		    "orders have %llu lines backordered.", stored,
		    (unsigned long long)co.nback);
	check_pairs(&co);
out:
	if (co.sales.it.cur != NULL)
		db_iter_close(&co.sales.it);
	if (co.ch.it.cur != NULL)
		db_iter_close(&co.ch.it);
	if (co.cust.it.cur != NULL)
		db_iter_close(&co.cust.it);
	acl_free(&co.dl);
	acl_free(&co.ml);
	free(co.fp);
	free(co.sfp);
}

/* Documents: open items and statement lines. */

struct ck_docs {
	struct ckr	*c;
	uint64_t	 nopen, nstmt;
};

static void
doc_expect(struct ck_docs *cd, const char *what, uint64_t id,
    const char *customer, int64_t time, uint8_t kind, int64_t owed,
    uint8_t rank, uint8_t skind, uint64_t order, int64_t debit,
    int64_t credit)
{
	struct ckr	*c = cd->c;
	struct buf	 k;
	struct rd	 rd;
	MDB_val		 v;
	int64_t		 sv;
	char		 m1[MONEY_BUFSZ], m2[MONEY_BUFSZ];
	int		 found, rc, ok;

	buf_init(&k);
	if (owed != 0) {
		cd->nopen++;
		key_str(&k, customer);
		kday(&k, company_day(c->tx->co, time));
		key_u8(&k, kind);
		key_u64(&k, id);
		if ((rc = vals_get(c->tx, TB_AGG_OPEN, k.d, k.len, &sv,
		    &found)) != 0)
			c->err = rc;
		else if (sv != owed)
			ckr_viol(c, "%s %llu: %s is open, but the open items "
			    "hold %s.", what, (unsigned long long)id,
			    core_money(c->tx, m1, sizeof m1, owed),
			    core_money(c->tx, m2, sizeof m2, sv));
	}
	cd->nstmt++;
	buf_reset(&k);
	key_str(&k, customer);
	key_i64(&k, time);
	key_u8(&k, rank);
	key_u64(&k, id);
	if ((rc = db_get(c->tx, TB_AGG_STMT, k.d, k.len, &v)) != 0 &&
	    rc != MDB_NOTFOUND)
		c->err = rc;
	else if (rc == MDB_NOTFOUND)
		ckr_viol(c, "%s %llu has no line in customer %s's statement.",
		    what, (unsigned long long)id, customer);
	else {
		rd_init(&rd, v.mv_data, v.mv_size);
		ok = dec_u8(&rd) == 1 && dec_u8(&rd) == skind &&
		    dec_u64(&rd) == order && dec_i64(&rd) == debit &&
		    dec_i64(&rd) == credit && rd_ok(&rd);
		if (!ok)
			ckr_viol(c, "%s %llu: its statement line does not "
			    "match it.", what, (unsigned long long)id);
	}
	buf_free(&k);
}

static int
docs_inv(const struct invoice *inv, void *arg)
{
	doc_expect(arg, inv->amount >= 0 ? "Invoice" : "Credit note",
	    inv->id, inv->customer, inv->time, 'I', inv->open, 0,
	    inv->amount >= 0 ? 0 : 1, inv->order,
	    inv->amount >= 0 ? inv->amount : 0,
	    inv->amount < 0 ? -inv->amount : 0);
	return (((struct ck_docs *)arg)->c->err != 0);
}

static int
docs_pay(const struct payment *p, void *arg)
{
	doc_expect(arg, p->amount < 0 ? "Refund" : "Payment", p->id,
	    p->customer, p->time, 'P', -p->unallocated, 1,
	    p->amount < 0 ? 4 : p->prepayment ? 3 : 2, 0,
	    p->amount < 0 ? -p->amount : 0, p->amount > 0 ? p->amount : 0);
	return (((struct ck_docs *)arg)->c->err != 0);
}

/*
 * The day sums of a per-document table (open items, statement lines)
 * against its day table.
 */
static void
check_day_sums(struct ckr *c, enum db_table from, enum db_table to)
{
	struct db_iter	 it;
	struct mst	 m;
	struct buf	 g, k;
	struct rd	 rd;
	int64_t		 sum[3], v[2];
	size_t		 n;
	int		 rc, have = 0;

	buf_init(&g);
	buf_init(&k);
	memset(sum, 0, sizeof sum);
	if ((rc = mst_open(c, &m, to)) != 0 ||
	    (rc = db_iter_open(c->tx, from, NULL, 0, &it)) != 0) {
		c->err = rc;
		goto out;
	}
	while (c->err == 0 && (rc = db_iter_next(&it)) == 0) {
		n = strnlen(it.key.mv_data, it.key.mv_size);
		buf_reset(&k);
		buf_add(&k, it.key.mv_data, n < it.key.mv_size ? n + 1 : n);
		if (from == TB_AGG_OPEN) {
			if (it.key.mv_size != n + 1 + 13 ||
			    vals_decode(&it.val, 1, v) != 0) {
				ckr_viol(c, "An open item's record does not "
				    "decode.");
				continue;
			}
			buf_add(&k, (const uint8_t *)it.key.mv_data + n + 1,
			    4);
			v[1] = 0;
		} else {
			if (it.key.mv_size != n + 1 + 17) {
				ckr_viol(c, "A statement line's key does not "
				    "decode.");
				continue;
			}
			rd_init(&rd, it.val.mv_data, it.val.mv_size);
			(void)dec_u8(&rd);
			(void)dec_u8(&rd);
			(void)dec_u64(&rd);
			v[0] = dec_i64(&rd);
			v[1] = dec_i64(&rd);
			{
				const uint8_t *kp = (const uint8_t *)
				    it.key.mv_data + n + 1;
				int64_t t = (int64_t)(((uint64_t)
				    key_get_u32(kp) << 32 | key_get_u32(kp + 4))
				    ^ (UINT64_C(1) << 63));

				kday(&k, company_day(c->tx->co, t));
			}
		}
		if (have && (g.len != k.len || memcmp(g.d, k.d, k.len) != 0)) {
			mst_feed(c, &m, g.d, g.len, sum);
			memset(sum, 0, sizeof sum);
		}
		buf_reset(&g);
		buf_add(&g, k.d, k.len);
		have = 1;
		if (from == TB_AGG_OPEN) {
			if (v[0] > 0)
				sum[0] += v[0];
			else
				sum[1] += v[0];
			sum[2]++;
		} else {
			sum[0] += v[0];
			sum[1] += v[1];
		}
	}
	db_iter_close(&it);
	if (rc != 0 && rc != MDB_NOTFOUND)
		c->err = rc;
	if (have && c->err == 0)
		mst_feed(c, &m, g.d, g.len, sum);
	mst_finish(c, &m);
out:
	buf_free(&g);
	buf_free(&k);
}

static void
check_docs(struct ckr *c)
{
	struct ck_docs	 cd;
	size_t		 n;
	int		 rc;

	memset(&cd, 0, sizeof cd);
	cd.c = c;
	if ((rc = invoice_each(c->tx, NULL, docs_inv, &cd)) != 0 ||
	    (rc = payment_each(c->tx, NULL, docs_pay, &cd)) != 0) {
		c->err = rc;
		return;
	}
	if (c->err != 0)
		return;
	if ((n = db_count(c->tx, TB_AGG_OPEN)) != cd.nopen)
		ckr_viol(c, "The open items hold %zu documents, but %llu "
		    "invoices and payments are open.", n,
		    (unsigned long long)cd.nopen);
	if ((n = db_count(c->tx, TB_AGG_STMT)) != cd.nstmt)
		ckr_viol(c, "The statement lines are %zu, but there are %llu "
		    "invoices and payments.", n,
		    (unsigned long long)cd.nstmt);
	check_day_sums(c, TB_AGG_OPEN, TB_AGG_OPEN_DAY);
	if (c->err == 0)
		check_day_sums(c, TB_AGG_STMT, TB_AGG_STMT_DAY);
}

long
agg_check(struct db_txn *tx, void (*fn)(const char *, void *), void *arg)
{
	struct ckr	 c;

	memset(&c, 0, sizeof c);
	c.tx = tx;
	c.fn = fn;
	c.arg = arg;
	check_books(&c);
	if (c.err == 0)
		check_docs(&c);
	if (c.err == 0)
		check_orders(&c);
	return (c.err != 0 ? -1 : c.n);
}
