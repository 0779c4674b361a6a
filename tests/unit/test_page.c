/*
 * test_page.c: paged order lists, the counts kept beside them, the
 * reverse walk of db_iter under them, the generation a screen polls, and
 * the upgrade of a schema 4 company.
 *
 * Every page and count is compared with what a plain walk over every
 * order (order_get of each number) says the list holds, so the expected
 * rows are computed, not written down.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testlib.h"

#include "ordo/check.h"
#include "ordo/codec.h"
#include "ordo/customer.h"
#include "ordo/date.h"
#include "ordo/error.h"
#include "ordo/item.h"
#include "ordo/order.h"
#include "ordo/stock.h"
#include "ordo/xmalloc.h"

#define S(x)	((char *)(x))
#define DAY	86400
#define T0	((int64_t)20000 * DAY + 3600)	/* day 20000, 01:00 UTC */
#define NORD	31

static char	*why;

static int
fx_fn(struct db_txn *tx, void *arg, char **cause)
{
	static const char *codes[] = { "C1", "C2", "C3" };
	struct item	 it;
	struct customer	 c;
	size_t		 i;
	int		 rc;

	(void)arg;
	memset(&it, 0, sizeof it);
	it.sku = S("TEA");
	it.barcode = S("");
	it.name = S("Tea");
	it.unit = S("pcs");
	it.bin = S("");
	it.price = 100;
	it.tax_rate = -1;
	it.active = 1;
	if ((rc = item_add(tx, &it, cause)) != 0)
		return (rc);
	for (i = 0; i < 3; i++) {
		memset(&c, 0, sizeof c);
		c.code = S(codes[i]);
		c.name = S(codes[i]);
		if ((rc = customer_add(tx, &c, cause)) != 0)
			return (rc);
	}
	return (stock_receive(tx, "TEA", "MAIN", 1000, 50, "fixture", NULL,
	    cause));
}

/* Order k: customer, channel, day (several share one), creator. */
static const char *
k_cust(int k)
{
	return (k % 3 == 0 ? "C1" : k % 3 == 1 ? "C2" : "C3");
}

static const char *
k_chan(int k)
{
	return (k % 4 == 0 ? "shopify" : "counter");
}

static int64_t
k_created(int k)
{
	/* Not in number order: days go up and down. */
	return (T0 + (int64_t)((k * 7) % 11) * DAY + k);
}

struct mk {
	int		 k;
	uint64_t	 id;
};

static int
mk_fn(struct db_txn *tx, void *arg, char **cause)
{
	struct mk	*m = arg;
	struct order	 o;
	struct order_line l;
	char		 ext[16];
	int		 rc;

	memset(&o, 0, sizeof o);
	memset(&l, 0, sizeof l);
	l.sku = S("TEA");
	l.qty = 1 + m->k % 3;
	l.unit_price = -1;
	l.tax_rate = -1;
	o.customer = S(k_cust(m->k));
	o.channel = S(k_chan(m->k));
	snprintf(ext, sizeof ext, "E%d", m->k);
	o.ext_id = strcmp(k_chan(m->k), "counter") != 0 ? ext : NULL;
	o.created = k_created(m->k);
	o.lines = &l;
	o.nlines = 1;
	rc = order_new(tx, &o, cause);
	m->id = o.id;
	return (rc);
}

/* Run the writes as this user (the creator of new orders). */
static void
as_user(struct tco *t, const char *user)
{
	free(t->co->user);
	t->co->user = xstrdup(user);
}

struct ev {
	int		 what;		/* 0 confirm, 1 cancel, 2 pick, 3 ship */
	uint64_t	 id;
};

static int
ev_fn(struct db_txn *tx, void *arg, char **cause)
{
	struct ev	*e = arg;

	switch (e->what) {
	case 0:
		return (order_confirm(tx, e->id, ORDER_ANY_VERSION, cause));
	case 1:
		return (order_cancel(tx, e->id, ORDER_ANY_VERSION, "test",
		    cause));
	case 2:
		return (order_pick(tx, e->id, ORDER_ANY_VERSION, NULL, 0,
		    cause));
	default:
		return (order_ship(tx, e->id, ORDER_ANY_VERSION, NULL, 0,
		    "SF", "1", NULL, cause));
	}
}

static int
setup(void **state)
{
	struct tco	*t;
	struct mk	 m;
	struct ev	 e;
	int		 k;

	setenv("ORDO_NOW", "2024-10-01 10:00:00", 1);
	t = t_open();
	assert_int_equal(t_write(t, fx_fn, NULL), 0);
	for (k = 0; k < NORD; k++) {
		as_user(t, k % 5 == 0 ? "bob" : "alice");
		m.k = k;
		assert_int_equal(t_write(t, mk_fn, &m), 0);
		assert_int_equal(m.id, (uint64_t)k + 1);
		e.id = m.id;
		if (k % 3 == 1) {
			e.what = 0;
			assert_int_equal(t_write(t, ev_fn, &e), 0);
		}
		if (k % 6 == 4) {
			e.what = 2;
			assert_int_equal(t_write(t, ev_fn, &e), 0);
			e.what = 3;
			assert_int_equal(t_write(t, ev_fn, &e), 0);
		}
		if (k % 7 == 5) {
			e.what = 1;
			assert_int_equal(t_write(t, ev_fn, &e), 0);
		}
	}
	as_user(t, "alice");
	*state = t;
	return (0);
}

static int
teardown(void **state)
{
	t_close(*state);
	free(why);
	why = NULL;
	return (0);
}

/* The oracle: every order that passes f, in list order (newest first). */
struct all {
	struct order_row r[NORD + 8];
	char		 creator[NORD + 8][16];
	size_t		 n;
};

static int
first_user(const struct order_hist *h, void *arg)
{
	snprintf(arg, 16, "%s", h->user);
	return (1);
}

static int
row_cmp(const void *a, const void *b)
{
	const struct order_row *x = a, *y = b;
	int64_t	 dx = date_from_time(x->created), dy = date_from_time(y->created);

	if (dx != dy)
		return (dx > dy ? -1 : 1);
	return (x->id > y->id ? -1 : x->id < y->id);
}

struct oracle {
	const struct order_filter *f;
	struct all	*a;
};

static int
oracle_fn(struct db_txn *tx, void *arg, char **cause)
{
	struct oracle	*q = arg;
	const struct order_filter *f = q->f;
	struct order	 o;
	struct order_row *r;
	char		 who[16];
	uint64_t	 id, last = db_seq_peek(tx, "order");
	int32_t		 day;
	int		 rc;

	q->a->n = 0;
	for (id = 1; id <= last; id++) {
		if ((rc = order_get(tx, id, &o, cause)) != 0)
			return (rc);
		who[0] = '\0';
		order_history(tx, id, first_user, who);
		day = date_from_time(o.created);
		if ((f->status < 0 || (int)o.status == f->status) &&
		    (f->customer == NULL || strcmp(f->customer,
		    o.customer) == 0) &&
		    (f->channel == NULL || strcmp(f->channel,
		    o.channel) == 0) &&
		    (f->creator == NULL || strcmp(f->creator, who) == 0) &&
		    day >= f->from_day && day <= f->to_day) {
			r = &q->a->r[q->a->n++];
			memset(r, 0, sizeof *r);
			r->id = o.id;
			r->created = o.created;
			r->status = o.status;
			r->version = o.version;
			r->nlines = (uint32_t)o.nlines;
			r->net = o.net;
			r->tax = o.tax;
			r->total = o.total;
			snprintf(r->customer, sizeof r->customer, "%s",
			    o.customer);
			snprintf(r->channel, sizeof r->channel, "%s",
			    o.channel);
			snprintf(r->ext_id, sizeof r->ext_id, "%s", o.ext_id);
		}
		order_free(&o);
	}
	qsort(q->a->r, q->a->n, sizeof q->a->r[0], row_cmp);
	return (0);
}

struct pg {
	const struct order_filter *f;
	uint64_t	 anchor;
	int		 dir;
	size_t		 max;
	struct order_row rows[NORD + 8];
	size_t		 n;
	int		 rc;
	uint64_t	 count;
	int		 crc;
};

static int
pg_fn(struct db_txn *tx, void *arg, char **cause)
{
	struct pg	*p = arg;

	p->rc = order_page(tx, p->f, p->anchor, p->dir, p->rows, p->max,
	    &p->n, cause);
	p->crc = order_count(tx, p->f, &p->count);
	return (0);
}

static void
page(struct tco *t, struct pg *p, const struct order_filter *f,
    uint64_t anchor, int dir, size_t max)
{
	memset(p, 0, sizeof *p);
	p->f = f;
	p->anchor = anchor;
	p->dir = dir;
	p->max = max;
	free(why);
	why = NULL;
	assert_int_equal(db_read(t->db, pg_fn, p, &why), 0);
}

static void
rows_equal(const struct order_row *got, const struct order_row *want,
    size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++) {
		assert_int_equal(got[i].id, want[i].id);
		assert_int_equal(got[i].created, want[i].created);
		assert_int_equal(got[i].status, want[i].status);
		assert_int_equal(got[i].version, want[i].version);
		assert_int_equal(got[i].nlines, want[i].nlines);
		assert_int_equal(got[i].net, want[i].net);
		assert_int_equal(got[i].tax, want[i].tax);
		assert_int_equal(got[i].total, want[i].total);
		assert_string_equal(got[i].customer, want[i].customer);
		assert_string_equal(got[i].channel, want[i].channel);
		assert_string_equal(got[i].ext_id, want[i].ext_id);
	}
}

/*
 * Walk the whole list of f down in pages of max from the top, then up
 * from the bottom, and check each page against the oracle; and from
 * every row as an anchor, one page each way and one from it.
 */
static void
walk(struct tco *t, const struct order_filter *f, size_t max)
{
	struct all	*a = xcalloc(1, sizeof *a);
	struct oracle	 q = { f, a };
	struct pg	*p = xcalloc(1, sizeof *p);
	size_t		 at, i, want;
	uint64_t	 anchor = 0;

	assert_int_equal(t_read(t, oracle_fn, &q), 0);
	/* Down from the top, page by page. */
	for (at = 0;; at += p->n) {
		page(t, p, f, anchor, ORDER_PAGE_DOWN, max);
		assert_int_equal(p->rc, 0);
		want = a->n - at < max ? a->n - at : max;
		assert_int_equal(p->n, want);
		rows_equal(p->rows, a->r + at, p->n);
		if (p->n < max)
			break;
		anchor = p->rows[p->n - 1].id;
	}
	/* Up from the bottom. */
	anchor = 0;
	for (at = a->n;;) {
		page(t, p, f, anchor, ORDER_PAGE_UP, max);
		assert_int_equal(p->rc, 0);
		want = at < max ? at : max;
		assert_int_equal(p->n, want);
		at -= p->n;
		rows_equal(p->rows, a->r + at, p->n);
		if (p->n < max)
			break;
		anchor = p->rows[0].id;
	}
	assert_int_equal(at, 0);
	/* From each row, each way. */
	for (i = 0; i < a->n; i++) {
		page(t, p, f, a->r[i].id, ORDER_PAGE_DOWN, max);
		want = a->n - i - 1 < max ? a->n - i - 1 : max;
		assert_int_equal(p->n, want);
		rows_equal(p->rows, a->r + i + 1, p->n);
		page(t, p, f, a->r[i].id, ORDER_PAGE_AT, max);
		want = a->n - i < max ? a->n - i : max;
		assert_int_equal(p->n, want);
		rows_equal(p->rows, a->r + i, p->n);
		page(t, p, f, a->r[i].id, ORDER_PAGE_UP, max);
		want = i < max ? i : max;
		assert_int_equal(p->n, want);
		rows_equal(p->rows, a->r + i - p->n, p->n);
	}
	/* The count, where one is kept. */
	page(t, p, f, 0, ORDER_PAGE_DOWN, 1);
	if (f->from_day == INT32_MIN && f->to_day == INT32_MAX &&
	    !(f->channel != NULL && (f->customer != NULL ||
	    f->creator != NULL))) {
		assert_int_equal(p->crc, 0);
		assert_int_equal(p->count, a->n);
	} else
		assert_int_equal(p->crc, ORDO_EINVAL);
	free(p);
	free(a);
}

static void
walk_all_filters(struct tco *t)
{
	static const char *custs[] = { NULL, "C1", "C3", "NOBODY" };
	static const char *chans[] = { NULL, "counter", "shopify" };
	struct order_filter f;
	size_t		 c, h;
	int		 st;

	for (c = 0; c < 4; c++)
		for (h = 0; h < 3; h++)
			for (st = -1; st < ST_NSTATUSES; st++) {
				order_filter_init(&f);
				f.customer = custs[c];
				f.channel = chans[h];
				f.status = st;
				walk(t, &f, 4);
			}
	for (st = 0; st < ST_NSTATUSES; st++) {
		order_filter_init(&f);
		f.creator = "bob";
		f.status = st;
		walk(t, &f, 3);
		f.creator = "alice";
		walk(t, &f, 3);
	}
}

/* Count what check finds (*n < 0 on entry: and print it). */
static void
ck_line(const char *s, void *arg)
{
	long	*n = arg;

	if (*n < 0)
		print_message("# check: %s\n", s);
	else
		(*n)++;
}

static int
ck_fn(struct db_txn *tx, void *arg, char **cause)
{
	long	*n = arg;
	long	 found;

	(void)cause;
	found = check_all(tx, ck_line, arg);
	if (found < 0)
		return (ORDO_EIO);
	*n = found;
	return (0);
}

static void
check_clean(struct tco *t)
{
	long	 n = -1;

	assert_int_equal(t_read(t, ck_fn, &n), 0);
	assert_int_equal(n, 0);
}

static void
test_pages_every_filter(void **state)
{
	struct tco	*t = *state;

	walk_all_filters(t);
	check_clean(t);
}

static void
test_page_small_and_whole(void **state)
{
	struct tco	*t = *state;
	struct order_filter f;

	order_filter_init(&f);
	walk(t, &f, 1);
	walk(t, &f, NORD);
	walk(t, &f, NORD + 5);
	f.status = ST_CONFIRMED;
	walk(t, &f, 1);
}

static void
test_page_days(void **state)
{
	struct tco	*t = *state;
	struct order_filter f;
	int32_t		 d0 = date_from_time(T0);
	struct pg	*p = xcalloc(1, sizeof *p);

	order_filter_init(&f);
	f.from_day = d0 + 2;
	f.to_day = d0 + 5;
	walk(t, &f, 3);
	f.status = ST_DRAFT;
	walk(t, &f, 2);
	f.customer = "C2";
	walk(t, &f, 2);
	f.status = -1;
	f.customer = NULL;
	f.channel = "shopify";
	walk(t, &f, 2);
	/* One day only; a day with no orders. */
	order_filter_init(&f);
	f.from_day = f.to_day = d0 + 3;
	walk(t, &f, 2);
	f.from_day = f.to_day = d0 + 40;
	walk(t, &f, 2);
	f.to_day = d0 - 1;
	f.from_day = INT32_MIN;
	walk(t, &f, 2);
	/* Upside down. */
	f.from_day = d0 + 5;
	f.to_day = d0 + 2;
	page(t, p, &f, 0, ORDER_PAGE_DOWN, 5);
	assert_int_equal(p->rc, ORDO_EINVAL);
	assert_non_null(strstr(why, "after its last"));
	free(p);
}

static void
test_page_refusals(void **state)
{
	struct tco	*t = *state;
	struct order_filter f;
	struct pg	*p = xcalloc(1, sizeof *p);

	order_filter_init(&f);
	f.creator = "bob";
	page(t, p, &f, 0, ORDER_PAGE_DOWN, 5);
	assert_int_equal(p->rc, ORDO_EINVAL);
	assert_non_null(strstr(why, "needs a status"));
	order_filter_init(&f);
	page(t, p, &f, 9999, ORDER_PAGE_DOWN, 5);
	assert_int_equal(p->rc, ORDO_ENOTFOUND);
	assert_non_null(strstr(why, "no order 9999"));
	page(t, p, &f, 0, 7, 5);
	assert_int_equal(p->rc, ORDO_EINVAL);
	/* A customer code longer than any: nothing, not an error. */
	f.customer = "C1234567890123456789012345678901234567890";
	page(t, p, &f, 0, ORDER_PAGE_DOWN, 5);
	assert_int_equal(p->rc, 0);
	assert_int_equal(p->n, 0);
	free(p);
}

/* An order whose status changed since it was drawn still anchors. */
static void
test_anchor_left_filter(void **state)
{
	struct tco	*t = *state;
	struct order_filter f;
	struct pg	*p = xcalloc(1, sizeof *p), *q = xcalloc(1, sizeof *q);
	struct ev	 e;
	size_t		 i;

	order_filter_init(&f);
	f.status = ST_DRAFT;
	page(t, p, &f, 0, ORDER_PAGE_DOWN, 5);
	assert_int_equal(p->n, 5);
	e.what = 0;
	e.id = p->rows[2].id;
	assert_int_equal(t_write(t, ev_fn, &e), 0);
	page(t, q, &f, e.id, ORDER_PAGE_DOWN, 2);
	assert_int_equal(q->n, 2);
	assert_int_equal(q->rows[0].id, p->rows[3].id);
	assert_int_equal(q->rows[1].id, p->rows[4].id);
	page(t, q, &f, e.id, ORDER_PAGE_AT, 2);
	assert_int_equal(q->rows[0].id, p->rows[3].id);
	page(t, q, &f, e.id, ORDER_PAGE_UP, 5);
	assert_int_equal(q->n, 2);
	for (i = 0; i < 2; i++)
		assert_int_equal(q->rows[i].id, p->rows[i].id);
	walk_all_filters(t);
	check_clean(t);
	free(p);
	free(q);
}

/* Counts after every kind of event, and check finds a wrong one. */
static int
spoil_fn(struct db_txn *tx, void *arg, char **cause)
{
	uint8_t	 k[3] = { 'o', 's', ST_DRAFT }, v[8] = { 0, 0, 0, 0, 0, 0, 0,
	    99 };

	(void)arg;
	(void)cause;
	return (db_put(tx, TB_COUNTS, k, sizeof k, v, sizeof v, 0));
}

static void
test_counts_checked(void **state)
{
	struct tco	*t = *state;
	long		 n = 0;

	assert_int_equal(t_write(t, spoil_fn, NULL), 0);
	assert_int_equal(t_read(t, ck_fn, &n), 0);
	assert_int_equal(n, 1);
}

/*
 * Schema 4: the status index keyed (u8 status, u64 id), the customer
 * index (code NUL u64 id), no other order index and no counts.  Made
 * from this company by hand, then opened: the upgrade rebuilds them.
 */
static int
to_schema4_fn(struct db_txn *tx, void *arg, char **cause)
{
	static const enum db_table gone[] = { TB_ORD_BY_STATUS,
	    TB_ORD_BY_CUST, TB_ORD_BY_CUST_ST, TB_ORD_BY_CHAN,
	    TB_ORD_BY_CHAN_ST, TB_ORD_BY_USER_ST, TB_COUNTS };
	struct order	 o;
	struct buf	 k;
	uint64_t	 id, last = db_seq_peek(tx, "order");
	uint8_t		 v[4] = { 0, 0, 0, 4 };
	size_t		 i;
	int		 rc;

	(void)arg;
	for (i = 0; i < sizeof gone / sizeof gone[0]; i++)
		if ((rc = mdb_drop(tx->txn, tx->db->dbi[gone[i]], 0)) != 0)
			return (rc);
	buf_init(&k);
	for (id = 1; id <= last; id++) {
		if ((rc = order_get(tx, id, &o, cause)) != 0)
			return (rc);
		buf_reset(&k);
		key_u8(&k, (uint8_t)o.status);
		key_u64(&k, id);
		rc = db_putb(tx, TB_ORD_BY_STATUS, &k, &(struct buf){
		    (uint8_t *)"", 0, 0 }, 0);
		buf_reset(&k);
		key_str(&k, o.customer);
		key_u64(&k, id);
		if (rc == 0)
			rc = db_put(tx, TB_ORD_BY_CUST, k.d, k.len, "", 0, 0);
		order_free(&o);
		if (rc != 0)
			return (rc);
	}
	buf_free(&k);
	return (db_put(tx, TB_META, "schema", 6, v, 4, 0));
}

static void
test_upgrade_schema4(void **state)
{
	struct tco	*t = *state;
	struct pg	*p = xcalloc(1, sizeof *p);
	struct order_filter f;
	long		 n = 0;
	char		*cause = NULL;

	assert_int_equal(t_write(t, to_schema4_fn, NULL), 0);
	/* As schema 4, check finds the indexes wrong. */
	assert_int_equal(t_read(t, ck_fn, &n), 0);
	assert_true(n > 0);
	db_close(t->db);
	assert_int_equal(db_open(&t->db, t->dir, 0, 0, &cause), 0);
	t->co->db = t->db;
	t->db->co = t->co;
	check_clean(t);
	walk_all_filters(t);
	order_filter_init(&f);
	f.status = ST_DRAFT;
	page(t, p, &f, 0, ORDER_PAGE_DOWN, 1);
	assert_true(p->count > 0);
	free(p);
}

/* db_iter backwards, at the edges of a prefix, and db_iter_at. */
static int
iter_fn(struct db_txn *tx, void *arg, char **cause)
{
	static const struct {
		uint8_t	 k[3];
		size_t	 n;
	} keys[] = {
	    { { 1, 0xff, 0xff }, 3 }, { { 1, 0xff }, 2 }, { { 1, 2 }, 2 },
	    { { 1 }, 1 }, { { 0, 9 }, 2 }, { { 2, 0 }, 2 },
	    { { 0xff, 0xff }, 2 } };
	struct db_iter	 it;
	char		*s = arg;
	size_t		 i;
	uint8_t		 pre[2] = { 1, 0xff };
	int		 rc;

	(void)cause;
	for (i = 0; i < sizeof keys / sizeof keys[0]; i++)
		if ((rc = db_put(tx, TB_META, keys[i].k, keys[i].n, "", 0,
		    0)) != 0)
			return (rc);
	s[0] = '\0';
#define DUMP(tag) do {							\
	strcat(s, tag);							\
	while ((rc = db_iter_next(&it)) == 0) {				\
		for (i = 0; i < it.key.mv_size; i++)			\
			sprintf(s + strlen(s), "%02x",			\
			    ((uint8_t *)it.key.mv_data)[i]);		\
		strcat(s, " ");						\
	}								\
	db_iter_close(&it);						\
	if (rc != MDB_NOTFOUND)						\
		return (rc);						\
} while (0)
	/* Prefix 01, backwards: 01ffff 01ff 0102 01. */
	db_iter_open(tx, TB_META, pre, 1, &it);
	db_iter_reverse(&it);
	DUMP("a:");
	/* Prefix 01ff backwards. */
	db_iter_open(tx, TB_META, pre, 2, &it);
	db_iter_reverse(&it);
	DUMP("b:");
	/* Prefix 01 backwards from 01ff, excluded then included. */
	db_iter_open(tx, TB_META, pre, 1, &it);
	db_iter_reverse(&it);
	db_iter_at(&it, pre, 2, 0);
	DUMP("c:");
	db_iter_open(tx, TB_META, pre, 1, &it);
	db_iter_reverse(&it);
	db_iter_at(&it, pre, 2, 1);
	DUMP("d:");
	/* Forward from 01ff, included: 01ff 01ffff. */
	db_iter_open(tx, TB_META, pre, 1, &it);
	db_iter_at(&it, pre, 2, 1);
	DUMP("e:");
	/* Backwards below everything: nothing. */
	db_iter_open(tx, TB_META, pre, 1, &it);
	db_iter_reverse(&it);
	db_iter_at(&it, "\x01", 1, 0);
	DUMP("f:");
	/* Whole table from ffff down starts at the last key. */
	db_iter_open(tx, TB_META, "\xff\xff", 2, &it);
	db_iter_reverse(&it);
	DUMP("g:");
#undef DUMP
	return (0);
}

static void
test_iter_reverse(void **state)
{
	struct tco	*t = *state;
	char		 s[512];

	assert_int_equal(t_write(t, iter_fn, s), 0);
	assert_string_equal(s, "a:01ffff 01ff 0102 01 b:01ffff 01ff "
	    "c:0102 01 d:01ff 0102 01 e:01ff 01ffff f:g:ffff ");
}

static int
nop_fn(struct db_txn *tx, void *arg, char **cause)
{
	(void)tx;
	(void)arg;
	(void)cause;
	return (0);
}

static void
test_generation(void **state)
{
	struct tco	*t = *state;
	struct mk	 m = { 1, 0 };
	uint64_t	 g0, g1, g2;

	g0 = db_generation(t->db);
	assert_int_equal(t_read(t, nop_fn, NULL), 0);
	g1 = db_generation(t->db);
	assert_int_equal(g0, g1);	/* a read changes nothing */
	assert_int_equal(t_write(t, mk_fn, &m), 0);
	g2 = db_generation(t->db);
	assert_true(g2 > g1);
	/* A refused write commits nothing. */
	m.k = -1;
	assert_int_not_equal(t_write(t, ev_fn, &(struct ev){ 0, 9999 }), 0);
	assert_int_equal(db_generation(t->db), g2);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_pages_every_filter,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_page_small_and_whole,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_page_days, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_page_refusals, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_anchor_left_filter,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_counts_checked, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_upgrade_schema4, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_iter_reverse, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_generation, setup,
		    teardown),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
