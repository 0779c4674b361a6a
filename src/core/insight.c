/*
 * insight.c: sales, inventory, customer and finance reports (insight.h)
 * from the aggregates (agg.h).
 *
 * Groupings by name (channel, item, customer, location) are summed in a
 * small hash map keyed by the name, whose size is the number of names
 * that appear in the period, never the number of orders.  Periods are
 * counted from the epoch: a week is floor((day + 3) / 7) (1970-01-01 was
 * a Thursday, so weeks start on Monday), a month agg_month(), a quarter
 * floor(month / 3).
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ordo/agg.h"
#include "ordo/company.h"
#include "ordo/config.h"
#include "ordo/core.h"
#include "ordo/customer.h"
#include "ordo/error.h"
#include "ordo/forecast.h"
#include "ordo/insight.h"
#include "ordo/item.h"
#include "ordo/ledger.h"
#include "ordo/report.h"
#include "ordo/stock.h"
#include "ordo/date.h"
#include "ordo/money.h"
#include "ordo/xmalloc.h"

#define NV	8

/* A map from a name to a few sums. */
struct sent {
	char		*key;
	int64_t		 v[NV];
};

struct smap {
	struct sent	*e;
	size_t		 n, cap;
};

struct period {
	enum ins_by	 by;
	int32_t		 p0, p1;	/* first and last period */
	int64_t		(*v)[NV];	/* sums per period */
};

static const char *by_names[] = {
	"day", "week", "month", "quarter", "channel", "item", "customer",
	"location", "prefix"
};

static int64_t	 floordiv(int64_t, int64_t);
static int32_t	 period_of(enum ins_by, int32_t);
static int32_t	 period_first(enum ins_by, int32_t);
static void	 period_label(enum ins_by, int32_t, char *, size_t);
static struct sent *smap_get(struct smap *, const char *);
static struct sent *smap_find(const struct smap *, const char *);
static void	 smap_free(struct smap *);
static void	 tab_init(struct ins_table *, const char *, ...);
static size_t	 tab_row(struct ins_table *);
static struct ins_cell *tab_cell(struct ins_table *, size_t, size_t);
static void	 tab_text(struct ins_table *, size_t, size_t, const char *);
static void	 tab_int(struct ins_table *, size_t, size_t, int64_t);
static void	 tab_pct(struct ins_table *, size_t, size_t, int64_t,
		    int64_t);
static void	 tab_totals(struct ins_table *);
static int	 need(struct db_txn *, int, const char *, char **);
static int	 check_query(const struct ins_query *, char **);

int
ins_by_parse(const char *s, enum ins_by *by)
{
	size_t	 i;

	for (i = 0; i < sizeof by_names / sizeof by_names[0]; i++) {
		if (strcmp(s, by_names[i]) == 0) {
			*by = (enum ins_by)i;
			return (0);
		}
	}
	return (ORDO_EINVAL);
}

const char *
ins_by_name(enum ins_by by)
{
	if ((unsigned)by >= sizeof by_names / sizeof by_names[0])
		return ("?");
	return (by_names[by]);
}

/* Periods. */

static int64_t
floordiv(int64_t a, int64_t b)
{
	return (a >= 0 ? a / b : -((-a + b - 1) / b));
}

static int32_t
period_of(enum ins_by by, int32_t day)
{
	switch (by) {
	case INS_BY_WEEK:
		return ((int32_t)floordiv((int64_t)day + 3, 7));
	case INS_BY_MONTH:
		return (agg_month(day));
	case INS_BY_QUARTER:
		return ((int32_t)floordiv(agg_month(day), 3));
	default:
		return (day);
	}
}

static int32_t
period_first(enum ins_by by, int32_t p)
{
	switch (by) {
	case INS_BY_WEEK:
		return ((int32_t)((int64_t)p * 7 - 3));
	case INS_BY_MONTH:
		return (agg_month_first(p));
	case INS_BY_QUARTER:
		return (agg_month_first(p * 3));
	default:
		return (p);
	}
}

static void
period_label(enum ins_by by, int32_t p, char *buf, size_t len)
{
	char	 d[DATE_BUFSZ];

	date_fmt(d, sizeof d, period_first(by, p));
	switch (by) {
	case INS_BY_MONTH:
		d[7] = '\0';
		snprintf(buf, len, "%s", d);
		break;
	case INS_BY_QUARTER:
		d[4] = '\0';
		snprintf(buf, len, "%s-Q%d", d, (int)(p - floordiv(p, 4) * 4) + 1);
		break;
	default:
		snprintf(buf, len, "%s", d);
		break;
	}
}

void
ins_default_period(enum ins_by by, int32_t today, int32_t *from,
    int32_t *to)
{
	*to = today;
	switch (by) {
	case INS_BY_WEEK:
		*from = period_first(by, period_of(by, today) - 11);
		break;
	case INS_BY_MONTH:
		*from = period_first(by, period_of(by, today) - 11);
		break;
	case INS_BY_QUARTER:
		*from = period_first(by, period_of(by, today) - 7);
		break;
	default:
		*from = today - 29;
		break;
	}
}

/* Maps. */

static uint64_t
shash(const char *s)
{
	uint64_t	 h = UINT64_C(0xcbf29ce484222325);

	for (; *s != '\0'; s++)
		h = (h ^ (uint8_t)*s) * UINT64_C(0x100000001b3);
	return (h);
}

static struct sent *
smap_find(const struct smap *m, const char *key)
{
	size_t	 i;

	if (m->cap == 0)
		return (NULL);
	for (i = shash(key) & (m->cap - 1); m->e[i].key != NULL;
	    i = (i + 1) & (m->cap - 1))
		if (strcmp(m->e[i].key, key) == 0)
			return (&m->e[i]);
	return (NULL);
}

static struct sent *
smap_get(struct smap *m, const char *key)
{
	struct sent	*old, *e;
	size_t		 i, ocap;

	if ((e = smap_find(m, key)) != NULL)
		return (e);
	if ((m->n + 1) * 2 > m->cap) {
		old = m->e;
		ocap = m->cap;
		m->cap = m->cap == 0 ? 64 : m->cap * 2;
		m->e = xcalloc(m->cap, sizeof *m->e);
		for (i = 0; i < ocap; i++) {
			size_t j;

			if (old[i].key == NULL)
				continue;
			for (j = shash(old[i].key) & (m->cap - 1);
			    m->e[j].key != NULL; j = (j + 1) & (m->cap - 1))
				;
			m->e[j] = old[i];
		}
		free(old);
	}
	for (i = shash(key) & (m->cap - 1); m->e[i].key != NULL;
	    i = (i + 1) & (m->cap - 1))
		;
	m->e[i].key = xstrdup(key);
	m->n++;
	return (&m->e[i]);
}

static void
smap_free(struct smap *m)
{
	size_t	 i;

	for (i = 0; i < m->cap; i++)
		free(m->e[i].key);
	free(m->e);
	memset(m, 0, sizeof *m);
}

/* The entries of a map in an array (pointers into the map). */
static struct sent **
smap_list(const struct smap *m, int (*cmp)(const void *, const void *))
{
	struct sent	**l;
	size_t		 i, n = 0;

	l = xcalloc(m->n + 1, sizeof *l);
	for (i = 0; i < m->cap; i++)
		if (m->e[i].key != NULL)
			l[n++] = &m->e[i];
	if (n > 1)
		qsort(l, n, sizeof *l, cmp);
	return (l);
}

/* Tables. */

/* tab_init(t, title, name, type, ..., NULL). */
static void
tab_init(struct ins_table *t, const char *title, ...)
{
	va_list		 ap;
	const char	*name;

	memset(t, 0, sizeof *t);
	t->title = xstrdup(title);
	t->chart = -1;
	va_start(ap, title);
	while ((name = va_arg(ap, const char *)) != NULL &&
	    t->ncols < INS_MAXCOLS) {
		t->cols[t->ncols].name = name;
		t->cols[t->ncols].type = (enum ins_type)va_arg(ap, int);
		t->ncols++;
	}
	va_end(ap);
}

static size_t
tab_row(struct ins_table *t)
{
	size_t	 need = (t->nrows + 1) * t->ncols;

	if (need > t->cap) {
		t->cap = need * 2;
		t->cells = xreallocarray(t->cells, t->cap, sizeof *t->cells);
	}
	memset(&t->cells[t->nrows * t->ncols], 0,
	    t->ncols * sizeof *t->cells);
	return (t->nrows++);
}

static struct ins_cell *
tab_cell(struct ins_table *t, size_t row, size_t col)
{
	return (&t->cells[row * t->ncols + col]);
}

static void
tab_text(struct ins_table *t, size_t row, size_t col, const char *s)
{
	struct ins_cell	*c = tab_cell(t, row, col);

	free(c->s);
	c->s = xstrdup(s != NULL ? s : "");
}

static void
tab_int(struct ins_table *t, size_t row, size_t col, int64_t v)
{
	tab_cell(t, row, col)->v = v;
}

/* A percentage num / den (basis points, rounded); none if den is 0. */
static void
tab_pct(struct ins_table *t, size_t row, size_t col, int64_t num,
    int64_t den)
{
	struct ins_cell	*c = tab_cell(t, row, col);

	if (den == 0)
		c->null = 1;
	else
		c->v = muldiv_round(num, 10000, den);
}

/* Sum the number and money columns into the totals row. */
static void
tab_totals(struct ins_table *t)
{
	size_t	 r, c;

	t->has_total = 1;
	for (c = 0; c < t->ncols; c++) {
		t->total[c].null = t->cols[c].type != INS_INT &&
		    t->cols[c].type != INS_MONEY;
		for (r = 0; r < t->nrows && !t->total[c].null; r++)
			t->total[c].v += tab_cell(t, r, c)->v;
	}
}

/* A percentage column of the totals, from two summed columns. */
static void
tab_total_pct(struct ins_table *t, size_t col, size_t num, size_t den)
{
	if (t->total[den].v == 0)
		return;
	t->total[col].null = 0;
	t->total[col].v = muldiv_round(t->total[num].v, 10000,
	    t->total[den].v);
}

void
ins_table_free(struct ins_table *t)
{
	size_t	 i;

	for (i = 0; i < t->nrows * t->ncols; i++)
		free(t->cells[i].s);
	free(t->cells);
	free(t->title);
	memset(t, 0, sizeof *t);
}

static int
need(struct db_txn *tx, int role, const char *what, char **cause)
{
	return (core_require(tx, (enum role)role, what, cause));
}

static int
check_query(const struct ins_query *q, char **cause)
{
	if (q->from > q->to)
		return (cause_set(cause, ORDO_EINVAL, "the period ends before "
		    "it starts"));
	if ((int64_t)q->to - q->from > 366 * 20)
		return (cause_set(cause, ORDO_EINVAL, "a report covers at most "
		    "20 years"));
	return (0);
}

/* Names of items and customers, for the rows shown. */
static void
item_name(struct db_txn *tx, const char *sku, char *buf, size_t len)
{
	struct item	 it;

	buf[0] = '\0';
	if (item_get(tx, sku, &it, NULL) == 0) {
		snprintf(buf, len, "%s", it.name);
		item_free(&it);
	}
}

static void
customer_name(struct db_txn *tx, const char *code, char *buf, size_t len)
{
	struct customer	 c;

	buf[0] = '\0';
	if (customer_get(tx, code, &c, NULL) == 0) {
		snprintf(buf, len, "%s", c.name);
		customer_free(&c);
	}
}

/* Sales. */

struct per_arg {
	struct period	*p;
	struct smap	*m;
};

static int
per_tot(int32_t day, const char *name, const struct agg_tot *t, void *arg)
{
	struct per_arg	*pa = arg;
	int64_t		*v;

	if (pa->p != NULL) {
		v = pa->p->v[period_of(pa->p->by, day) - pa->p->p0];
	} else
		v = smap_get(pa->m, name)->v;
	v[0] += t->orders;
	v[1] += t->ordered;
	v[2] += t->qty;
	v[3] += t->net;
	v[4] += t->shipping;
	v[5] += t->cost;
	return (0);
}

static int
item_sales(int32_t day, const char *sku, const char *chan,
    const struct agg_sales *s, void *arg)
{
	struct sent	*e = smap_get(arg, sku);

	(void)day;
	(void)chan;
	e->v[0] += s->ordered;
	e->v[1] += s->qty;
	e->v[2] += s->net;
	e->v[3] += s->cost;
	return (0);
}

/* Biggest net first (v[3] for totals, v[2] for items), then name. */
static int
by_tot_net(const void *a, const void *b)
{
	const struct sent *x = *(struct sent *const *)a;
	const struct sent *y = *(struct sent *const *)b;
	int64_t	 nx = x->v[3] + x->v[4], ny = y->v[3] + y->v[4];

	if (nx != ny)
		return (nx > ny ? -1 : 1);
	return (strcmp(x->key, y->key));
}

static int
by_item_net(const void *a, const void *b)
{
	const struct sent *x = *(struct sent *const *)a;
	const struct sent *y = *(struct sent *const *)b;

	if (x->v[2] != y->v[2])
		return (x->v[2] > y->v[2] ? -1 : 1);
	if (x->v[1] != y->v[1])
		return (x->v[1] > y->v[1] ? -1 : 1);
	return (strcmp(x->key, y->key));
}

static int
sales_period(struct db_txn *tx, const struct ins_query *q,
    struct ins_table *t)
{
	struct period	 p;
	struct per_arg	 pa;
	char		 label[32], title[64];
	size_t		 r;
	int32_t		 i;
	int		 rc;

	p.by = q->by;
	p.p0 = period_of(q->by, q->from);
	p.p1 = period_of(q->by, q->to);
	p.v = xcalloc((size_t)(p.p1 - p.p0) + 1, sizeof *p.v);
	pa.p = &p;
	pa.m = NULL;
	rc = agg_channel_each(tx, q->from, q->to, per_tot, &pa);
	snprintf(title, sizeof title, "Sales by %s", ins_by_name(q->by));
	tab_init(t, title, ins_by_name(q->by), INS_TEXT, "orders", INS_INT,
	    "quantity", INS_INT, "net", INS_MONEY, "shipping", INS_MONEY,
	    "cost", INS_MONEY, "margin", INS_MONEY, "margin_pct", INS_PCT,
	    NULL);
	t->chart = 3;
	t->series = 1;
	for (i = p.p0; rc == 0 && i <= p.p1; i++) {
		int64_t *v = p.v[i - p.p0];

		r = tab_row(t);
		period_label(q->by, i, label, sizeof label);
		tab_text(t, r, 0, label);
		tab_int(t, r, 1, v[0]);
		tab_int(t, r, 2, v[2]);
		tab_int(t, r, 3, v[3]);
		tab_int(t, r, 4, v[4]);
		tab_int(t, r, 5, v[5]);
		tab_int(t, r, 6, v[3] - v[5]);
		tab_pct(t, r, 7, v[3] - v[5], v[3]);
	}
	free(p.v);
	tab_totals(t);
	tab_total_pct(t, 7, 6, 3);
	return (rc);
}

static int
sales_named(struct db_txn *tx, const struct ins_query *q,
    struct ins_table *t)
{
	struct smap	 m;
	struct per_arg	 pa;
	struct sent	**l;
	char		 name[256];
	size_t		 i, r, n;
	int		 rc;

	memset(&m, 0, sizeof m);
	pa.p = NULL;
	pa.m = &m;
	if (q->by == INS_BY_CHANNEL) {
		rc = agg_channel_each(tx, q->from, q->to, per_tot, &pa);
		tab_init(t, "Sales by channel", "channel", INS_TEXT, "orders",
		    INS_INT, "quantity", INS_INT, "net", INS_MONEY,
		    "shipping", INS_MONEY, "cost", INS_MONEY, "margin",
		    INS_MONEY, "margin_pct", INS_PCT, NULL);
	} else {
		rc = agg_customer_each(tx, agg_month(q->from),
		    agg_month(q->to), per_tot, &pa);
		tab_init(t, "Sales by customer", "customer", INS_TEXT, "name",
		    INS_TEXT, "orders", INS_INT, "quantity", INS_INT, "net",
		    INS_MONEY, "shipping", INS_MONEY, "average_order",
		    INS_MONEY, "margin", INS_MONEY, "margin_pct", INS_PCT,
		    "owes_now", INS_MONEY, NULL);
	}
	l = smap_list(&m, by_tot_net);
	n = q->top > 0 && q->top < m.n ? q->top : m.n;
	for (i = 0; rc == 0 && i < n; i++) {
		int64_t *v = l[i]->v;

		r = tab_row(t);
		tab_text(t, r, 0, l[i]->key);
		if (q->by == INS_BY_CHANNEL) {
			tab_int(t, r, 1, v[0]);
			tab_int(t, r, 2, v[2]);
			tab_int(t, r, 3, v[3]);
			tab_int(t, r, 4, v[4]);
			tab_int(t, r, 5, v[5]);
			tab_int(t, r, 6, v[3] - v[5]);
			tab_pct(t, r, 7, v[3] - v[5], v[3]);
		} else {
			customer_name(tx, l[i]->key, name, sizeof name);
			tab_text(t, r, 1, name);
			tab_int(t, r, 2, v[0]);
			tab_int(t, r, 3, v[2]);
			tab_int(t, r, 4, v[3]);
			tab_int(t, r, 5, v[4]);
			if (v[0] > 0)
				tab_int(t, r, 6, (v[3] + v[4]) / v[0]);
			else
				tab_cell(t, r, 6)->null = 1;
			tab_int(t, r, 7, v[3] - v[5]);
			tab_pct(t, r, 8, v[3] - v[5], v[3]);
			/* Receivable less prepayment credit, as statements. */
			tab_int(t, r, 9, ledger_customer_balance(tx,
			    l[i]->key, ACCT_RECEIVABLE) +
			    ledger_customer_balance(tx, l[i]->key,
			    ACCT_PREPAYMENTS));
		}
	}
	t->chart = q->by == INS_BY_CHANNEL ? 3 : 4;
	tab_totals(t);
	if (q->by == INS_BY_CHANNEL)
		tab_total_pct(t, 7, 6, 3);
	else {
		t->total[6].null = 1;
		if (t->total[2].v > 0) {
			t->total[6].null = 0;
			t->total[6].v = (t->total[4].v + t->total[5].v) /
			    t->total[2].v;
		}
		tab_total_pct(t, 8, 7, 4);
	}
	free(l);
	smap_free(&m);
	return (rc);
}

static int
sales_items(struct db_txn *tx, const struct ins_query *q,
    struct ins_table *t)
{
	struct smap	 m;
	struct sent	**l;
	char		 name[256];
	size_t		 i, r, n;
	int64_t		 all = 0, cum = 0;
	const char	*abc;
	int		 rc;

	memset(&m, 0, sizeof m);
	rc = agg_sales_each(tx, q->from, q->to, item_sales, &m);
	tab_init(t, "Sales by item", "sku", INS_TEXT, "name", INS_TEXT,
	    "ordered", INS_INT, "quantity", INS_INT, "net", INS_MONEY,
	    "cost", INS_MONEY, "margin", INS_MONEY, "margin_pct", INS_PCT,
	    "abc", INS_TEXT, NULL);
	t->chart = 4;
	l = smap_list(&m, by_item_net);
	for (i = 0; i < m.n; i++)
		if (l[i]->v[2] > 0)
			all += l[i]->v[2];
	n = q->top > 0 && q->top < m.n ? q->top : m.n;
	for (i = 0; rc == 0 && i < n; i++) {
		int64_t *v = l[i]->v;

		/*
		 * ABC by revenue: A while the items before this one make
		 * less than 80% of net, B up to 95%, C the rest.
		 */
		abc = all <= 0 || v[2] <= 0 ? "C" : cum * 100 < all * 80 ?
		    "A" : cum * 100 < all * 95 ? "B" : "C";
		if (v[2] > 0)
			cum += v[2];

		r = tab_row(t);
		tab_text(t, r, 0, l[i]->key);
		item_name(tx, l[i]->key, name, sizeof name);
		tab_text(t, r, 1, name);
		tab_int(t, r, 2, v[0]);
		tab_int(t, r, 3, v[1]);
		tab_int(t, r, 4, v[2]);
		tab_int(t, r, 5, v[3]);
		tab_int(t, r, 6, v[2] - v[3]);
		tab_pct(t, r, 7, v[2] - v[3], v[2]);
		tab_text(t, r, 8, abc);
	}
	tab_totals(t);
	tab_total_pct(t, 7, 6, 4);
	free(l);
	smap_free(&m);
	return (rc);
}

static int
sales_prefix(struct db_txn *tx, const struct ins_query *q,
    struct ins_table *t)
{
	struct smap	 m, pm;
	struct sent	**l, *e;
	char		 pre[256];
	size_t		 i, r, n, len;
	int		 rc;

	memset(&m, 0, sizeof m);
	memset(&pm, 0, sizeof pm);
	rc = agg_sales_each(tx, q->from, q->to, item_sales, &m);
	for (i = 0; rc == 0 && i < m.cap; i++) {
		if (m.e[i].key == NULL)
			continue;
		len = strcspn(m.e[i].key, "-");
		if (len >= sizeof pre)
			len = sizeof pre - 1;
		memcpy(pre, m.e[i].key, len);
		pre[len] = '\0';
		e = smap_get(&pm, pre);
		e->v[0] += m.e[i].v[0];
		e->v[1] += m.e[i].v[1];
		e->v[2] += m.e[i].v[2];
		e->v[3] += m.e[i].v[3];
		e->v[4]++;
	}
	tab_init(t, "Sales by SKU prefix", "prefix", INS_TEXT, "items",
	    INS_INT, "ordered", INS_INT, "quantity", INS_INT, "net",
	    INS_MONEY, "cost", INS_MONEY, "margin", INS_MONEY, "margin_pct",
	    INS_PCT, NULL);
	t->chart = 4;
	l = smap_list(&pm, by_item_net);
	n = q->top > 0 && q->top < pm.n ? q->top : pm.n;
	for (i = 0; rc == 0 && i < n; i++) {
		int64_t *v = l[i]->v;

		r = tab_row(t);
		tab_text(t, r, 0, l[i]->key);
		tab_int(t, r, 1, v[4]);
		tab_int(t, r, 2, v[0]);
		tab_int(t, r, 3, v[1]);
		tab_int(t, r, 4, v[2]);
		tab_int(t, r, 5, v[3]);
		tab_int(t, r, 6, v[2] - v[3]);
		tab_pct(t, r, 7, v[2] - v[3], v[2]);
	}
	tab_totals(t);
	tab_total_pct(t, 7, 6, 4);
	free(l);
	smap_free(&m);
	smap_free(&pm);
	return (rc);
}

int
ins_sales(struct db_txn *tx, const struct ins_query *q, struct ins_table *t,
    char **cause)
{
	int	 rc;

	memset(t, 0, sizeof *t);
	if ((rc = need(tx, ROLE_MANAGER, "reading sales reports",
	    cause)) != 0 || (rc = check_query(q, cause)) != 0)
		return (rc);
	switch (q->by) {
	case INS_BY_DAY:
	case INS_BY_WEEK:
	case INS_BY_MONTH:
	case INS_BY_QUARTER:
		rc = sales_period(tx, q, t);
		break;
	case INS_BY_CHANNEL:
	case INS_BY_CUSTOMER:
		rc = sales_named(tx, q, t);
		break;
	case INS_BY_ITEM:
		rc = sales_items(tx, q, t);
		break;
	case INS_BY_PREFIX:
		rc = sales_prefix(tx, q, t);
		break;
	default:
		return (cause_set(cause, ORDO_EINVAL, "sales are by day, week, "
		    "month, quarter, channel, item, prefix or customer"));
	}
	if (rc != 0)
		return (cause_set(cause, rc, "sales: %s", ordo_strerror(rc)));
	return (0);
}

struct sum_arg {
	int64_t		 v[NV];
};

static int
sum_tot(int32_t day, const char *name, const struct agg_tot *t, void *arg)
{
	struct sum_arg	*s = arg;

	(void)day;
	(void)name;
	s->v[0] += t->orders;
	s->v[2] += t->qty;
	s->v[3] += t->net;
	s->v[5] += t->cost;
	return (0);
}

int
ins_sales_compare(struct db_txn *tx, const struct ins_query *q,
    struct ins_table *t, char **cause)
{
	static const char *labels[] = { "this period", "previous period",
	    "52 weeks earlier" };
	struct sum_arg	 s[3];
	int32_t		 from[3], to[3], len = q->to - q->from + 1;
	size_t		 i, r;
	int		 rc;

	memset(t, 0, sizeof *t);
	if ((rc = need(tx, ROLE_MANAGER, "reading sales reports",
	    cause)) != 0 || (rc = check_query(q, cause)) != 0)
		return (rc);
	from[0] = q->from;
	to[0] = q->to;
	from[1] = q->from - len;
	to[1] = q->from - 1;
	from[2] = q->from - 364;
	to[2] = q->to - 364;
	memset(s, 0, sizeof s);
	for (i = 0; i < 3; i++)
		if ((rc = agg_channel_each(tx, from[i], to[i], sum_tot,
		    &s[i])) != 0)
			return (cause_set(cause, rc, "sales: %s",
			    ordo_strerror(rc)));
	tab_init(t, "Sales against earlier periods", "period", INS_TEXT,
	    "from", INS_DATE, "to", INS_DATE, "orders", INS_INT, "quantity",
	    INS_INT, "net", INS_MONEY, "margin", INS_MONEY, "net_change_pct",
	    INS_PCT, NULL);
	t->chart = -1;		/* three rows: the change says it */
	for (i = 0; i < 3; i++) {
		r = tab_row(t);
		tab_text(t, r, 0, labels[i]);
		tab_int(t, r, 1, from[i]);
		tab_int(t, r, 2, to[i]);
		tab_int(t, r, 3, s[i].v[0]);
		tab_int(t, r, 4, s[i].v[2]);
		tab_int(t, r, 5, s[i].v[3]);
		tab_int(t, r, 6, s[i].v[3] - s[i].v[5]);
		if (i == 0)
			tab_cell(t, r, 7)->null = 1;
		else
			tab_pct(t, r, 7, s[0].v[3] - s[i].v[3], s[i].v[3]);
	}
	return (0);
}

/* Slow movers and inventory. */

struct stock_arg {
	struct smap	*m;		/* by sku or location */
	int		 by_loc;
};

static int
stock_sum(const struct stock *s, void *arg)
{
	struct stock_arg *sa = arg;
	struct sent	*e = smap_get(sa->m, sa->by_loc ? s->loc : s->sku);

	if (s->on_hand != 0)
		e->v[0]++;
	e->v[1] += s->on_hand;
	e->v[2] += s->reserved;
	e->v[3] += s->value;
	return (0);
}

static int
sold_sum(int32_t day, const char *sku, const char *chan,
    const struct agg_sales *s, void *arg)
{
	struct sent	*e;

	(void)day;
	(void)chan;
	if (s->qty == 0 && s->ordered == 0)
		return (0);
	e = smap_get(arg, sku);
	e->v[0] += s->qty;
	e->v[1] += s->ordered;
	return (0);
}

static int
by_value(const void *a, const void *b)
{
	const struct sent *x = *(struct sent *const *)a;
	const struct sent *y = *(struct sent *const *)b;

	if (x->v[3] != y->v[3])
		return (x->v[3] > y->v[3] ? -1 : 1);
	return (strcmp(x->key, y->key));
}

static int
by_key(const void *a, const void *b)
{
	return (strcmp((*(struct sent *const *)a)->key,
	    (*(struct sent *const *)b)->key));
}

int
ins_slow(struct db_txn *tx, const struct ins_query *q, struct ins_table *t,
    char **cause)
{
	struct smap	 stock, sold;
	struct stock_arg sa;
	struct sent	**l;
	struct item	 it;
	char		 title[64];
	size_t		 i, r, n = 0;
	int		 rc, days = q->days > 0 ? q->days : 90;

	memset(t, 0, sizeof *t);
	if ((rc = need(tx, ROLE_MANAGER, "reading sales reports",
	    cause)) != 0)
		return (rc);
	if (days > 3660)
		return (cause_set(cause, ORDO_EINVAL, "at most 3660 days"));
	memset(&stock, 0, sizeof stock);
	memset(&sold, 0, sizeof sold);
	sa.m = &stock;
	sa.by_loc = 0;
	if ((rc = stock_each(tx, "", stock_sum, &sa)) != 0 ||
	    (rc = agg_sales_each(tx, q->to - days + 1, q->to, sold_sum,
	    &sold)) != 0)
		goto out;
	snprintf(title, sizeof title, "In stock, no sale in %d days", days);
	tab_init(t, title, "sku", INS_TEXT, "name", INS_TEXT, "on_hand",
	    INS_INT, "value", INS_MONEY, NULL);
	t->chart = 3;
	l = smap_list(&stock, by_value);
	for (i = 0; i < stock.n; i++) {
		if (l[i]->v[1] <= 0 || smap_find(&sold, l[i]->key) != NULL)
			continue;
		if (item_get(tx, l[i]->key, &it, NULL) != 0)
			continue;
		if (it.active && (q->top == 0 || n < q->top)) {
			r = tab_row(t);
			tab_text(t, r, 0, it.sku);
			tab_text(t, r, 1, it.name);
			tab_int(t, r, 2, l[i]->v[1]);
			tab_int(t, r, 3, l[i]->v[3]);
			n++;
		}
		item_free(&it);
	}
	free(l);
	tab_totals(t);
out:
	smap_free(&stock);
	smap_free(&sold);
	if (rc != 0)
		return (cause_set(cause, rc, "slow movers: %s",
		    ordo_strerror(rc)));
	return (0);
}

int
ins_inventory(struct db_txn *tx, const struct ins_query *q,
    struct ins_table *t, char **cause)
{
	struct smap	 stock, sold;
	struct stock_arg sa;
	struct sent	**l, *s;
	char		 name[256];
	size_t		 i, r, n;
	int64_t		 avail;
	int		 rc;

	memset(t, 0, sizeof *t);
	if ((rc = need(tx, ROLE_CLERK, "reading inventory reports",
	    cause)) != 0)
		return (rc);
	if (q->by != INS_BY_LOCATION && q->by != INS_BY_ITEM)
		return (cause_set(cause, ORDO_EINVAL, "inventory is by "
		    "location or by item"));
	memset(&stock, 0, sizeof stock);
	memset(&sold, 0, sizeof sold);
	sa.m = &stock;
	sa.by_loc = q->by == INS_BY_LOCATION;
	if ((rc = stock_each(tx, "", stock_sum, &sa)) != 0)
		goto out;
	if (q->by == INS_BY_LOCATION) {
		tab_init(t, "Inventory by location", "location", INS_TEXT,
		    "items", INS_INT, "on_hand", INS_INT, "reserved", INS_INT,
		    "value", INS_MONEY, NULL);
		t->chart = 4;
		l = smap_list(&stock, by_key);
		for (i = 0; i < stock.n; i++) {
			r = tab_row(t);
			tab_text(t, r, 0, l[i]->key);
			tab_int(t, r, 1, l[i]->v[0]);
			tab_int(t, r, 2, l[i]->v[1]);
			tab_int(t, r, 3, l[i]->v[2]);
			tab_int(t, r, 4, l[i]->v[3]);
		}
		free(l);
		tab_totals(t);
		goto out;
	}
	if ((rc = agg_sales_each(tx, q->to - 29, q->to, sold_sum,
	    &sold)) != 0)
		goto out;
	tab_init(t, "Inventory by item", "sku", INS_TEXT, "name", INS_TEXT,
	    "on_hand", INS_INT, "reserved", INS_INT, "available", INS_INT,
	    "value", INS_MONEY, "sold_30_days", INS_INT, "days_of_cover",
	    INS_INT, NULL);
	t->chart = 5;
	l = smap_list(&stock, by_key);
	n = q->top > 0 && q->top < stock.n ? q->top : stock.n;
	for (i = 0; i < n; i++) {
		r = tab_row(t);
		tab_text(t, r, 0, l[i]->key);
		item_name(tx, l[i]->key, name, sizeof name);
		tab_text(t, r, 1, name);
		avail = l[i]->v[1] - l[i]->v[2];
		tab_int(t, r, 2, l[i]->v[1]);
		tab_int(t, r, 3, l[i]->v[2]);
		tab_int(t, r, 4, avail);
		tab_int(t, r, 5, l[i]->v[3]);
		s = smap_find(&sold, l[i]->key);
		tab_int(t, r, 6, s != NULL ? s->v[0] : 0);
		if (s == NULL || s->v[0] <= 0)
			tab_cell(t, r, 7)->null = 1;
		else
			tab_int(t, r, 7, avail <= 0 ? 0 : avail * 30 /
			    s->v[0]);
	}
	free(l);
	tab_totals(t);
	t->total[7].null = 1;
out:
	smap_free(&stock);
	smap_free(&sold);
	if (rc != 0)
		return (cause_set(cause, rc, "inventory: %s",
		    ordo_strerror(rc)));
	return (0);
}

struct ro_arg {
	struct db_txn	*tx;
	struct ins_table *t;
	int		 rc;
};

static int
ro_item(const struct item *it, void *arg)
{
	struct ro_arg	*ra = arg;
	int64_t		 avail;
	size_t		 r;
	int		 low;

	if (!it->active || it->reorder_point <= 0)
		return (0);
	if ((low = stock_low(ra->tx, it->sku, &avail)) < 0) {
		ra->rc = ORDO_ECORRUPT;
		return (1);
	}
	if (low != 1)
		return (0);
	r = tab_row(ra->t);
	tab_text(ra->t, r, 0, it->sku);
	tab_text(ra->t, r, 1, it->name);
	tab_int(ra->t, r, 2, avail);
	tab_int(ra->t, r, 3, it->reorder_point);
	tab_int(ra->t, r, 4, it->reorder_qty);
	return (0);
}

int
ins_reorder(struct db_txn *tx, const struct ins_query *q,
    struct ins_table *t, char **cause)
{
	struct ro_arg	 ra;
	int		 rc;

	(void)q;
	memset(t, 0, sizeof *t);
	if ((rc = need(tx, ROLE_CLERK, "reading inventory reports",
	    cause)) != 0)
		return (rc);
	tab_init(t, "Items at or below their reorder point", "sku", INS_TEXT,
	    "name", INS_TEXT, "available", INS_INT, "reorder_point", INS_INT,
	    "reorder_qty", INS_INT, NULL);
	ra.tx = tx;
	ra.t = t;
	ra.rc = 0;
	if ((rc = item_each(tx, NULL, ro_item, &ra)) == 0)
		rc = ra.rc;
	if (rc != 0)
		return (cause_set(cause, rc, "reorder: %s",
		    ordo_strerror(rc)));
	return (0);
}

/* Customers. */

struct lap_arg {
	struct smap	*m;
	int32_t		 recent;	/* first recent month */
};

static int
lap_tot(int32_t month, const char *cust, const struct agg_tot *t,
    void *arg)
{
	struct lap_arg	*la = arg;
	struct sent	*e;

	if (t->orders <= 0)
		return (0);
	e = smap_get(la->m, cust);
	if (month >= la->recent) {
		e->v[3] += t->orders;
		return (0);
	}
	e->v[0]++;
	e->v[1] += t->orders;
	e->v[2] += t->net + t->shipping;
	if (e->v[4] == 0 || month + 1 > e->v[4])
		e->v[4] = (int64_t)month + 1;	/* last month + 1 */
	return (0);
}

static int
by_lap(const void *a, const void *b)
{
	const struct sent *x = *(struct sent *const *)a;
	const struct sent *y = *(struct sent *const *)b;

	if (x->v[2] != y->v[2])
		return (x->v[2] > y->v[2] ? -1 : 1);
	return (strcmp(x->key, y->key));
}

int
ins_lapsed(struct db_txn *tx, const struct ins_query *q, struct ins_table *t,
    char **cause)
{
	struct smap	 m;
	struct lap_arg	 la;
	struct sent	**l;
	char		 name[256], title[80], mon[DATE_BUFSZ];
	size_t		 i, r, n = 0;
	int		 rc, days = q->days > 0 ? q->days : 60;

	memset(t, 0, sizeof *t);
	if ((rc = need(tx, ROLE_MANAGER, "reading customer reports",
	    cause)) != 0)
		return (rc);
	if (days > 3660)
		return (cause_set(cause, ORDO_EINVAL, "at most 3660 days"));
	memset(&m, 0, sizeof m);
	la.m = &m;
	la.recent = agg_month(q->to - days);
	if ((rc = agg_customer_each(tx, la.recent - 12, agg_month(q->to),
	    lap_tot, &la)) != 0) {
		smap_free(&m);
		return (cause_set(cause, rc, "customers: %s",
		    ordo_strerror(rc)));
	}
	snprintf(title, sizeof title, "Regulars gone quiet for %d days",
	    days);
	tab_init(t, title, "customer", INS_TEXT, "name", INS_TEXT,
	    "months_with_orders", INS_INT, "orders", INS_INT, "net",
	    INS_MONEY, "last_month", INS_TEXT, NULL);
	t->chart = 4;
	l = smap_list(&m, by_lap);
	for (i = 0; i < m.n; i++) {
		if (l[i]->v[0] < 3 || l[i]->v[3] > 0)
			continue;
		if (q->top > 0 && n >= q->top)
			break;
		r = tab_row(t);
		tab_text(t, r, 0, l[i]->key);
		customer_name(tx, l[i]->key, name, sizeof name);
		tab_text(t, r, 1, name);
		tab_int(t, r, 2, l[i]->v[0]);
		tab_int(t, r, 3, l[i]->v[1]);
		tab_int(t, r, 4, l[i]->v[2]);
		date_fmt(mon, sizeof mon, agg_month_first((int32_t)
		    (l[i]->v[4] - 1)));
		mon[7] = '\0';
		tab_text(t, r, 5, mon);
		n++;
	}
	free(l);
	smap_free(&m);
	tab_totals(t);
	t->total[2].null = 1;
	return (0);
}

/* Finance. */

struct fin_arg {
	const char	*rev[3];
	const char	*cogs;
	int64_t		 revenue, cost;
};

static void
fin_sum(const char *code, int64_t sum, void *arg)
{
	struct fin_arg	*fa = arg;
	int		 i;

	for (i = 0; i < 3; i++)
		if (fa->rev[i] != NULL && strcmp(code, fa->rev[i]) == 0)
			fa->revenue -= sum;
	if (fa->cogs != NULL && strcmp(code, fa->cogs) == 0)
		fa->cost += sum;
}

int
ins_finance(struct db_txn *tx, const struct ins_query *q,
    struct ins_table *t, char **cause)
{
	struct fin_arg	 fa;
	char		 label[32], title[64];
	int32_t		 p, p0, p1, a, b;
	size_t		 r;
	int		 rc;

	memset(t, 0, sizeof *t);
	if ((rc = report_finance(tx, "reading the finance report", cause)) != 0 ||
	    (rc = check_query(q, cause)) != 0)
		return (rc);
	if (q->by > INS_BY_QUARTER)
		return (cause_set(cause, ORDO_EINVAL, "finance is by day, "
		    "week, month or quarter"));
	if (tx->co == NULL || tx->co->cfg == NULL)
		return (cause_set(cause, ORDO_ECONFIG, "no configuration"));
	snprintf(title, sizeof title, "Gross margin by %s",
	    ins_by_name(q->by));
	tab_init(t, title, ins_by_name(q->by), INS_TEXT, "revenue",
	    INS_MONEY, "cost_of_goods", INS_MONEY, "gross_margin", INS_MONEY,
	    "margin_pct", INS_PCT, NULL);
	t->chart = 1;
	t->series = 1;
	p0 = period_of(q->by, q->from);
	p1 = period_of(q->by, q->to);
	for (p = p0; p <= p1; p++) {
		memset(&fa, 0, sizeof fa);
		fa.rev[0] = config_account(tx->co->cfg, ACCT_REVENUE);
		fa.rev[1] = config_account(tx->co->cfg, ACCT_SHIPPING);
		fa.rev[2] = config_account(tx->co->cfg, ACCT_RETURNS);
		fa.cogs = config_account(tx->co->cfg, ACCT_COGS);
		a = period_first(q->by, p);
		b = period_first(q->by, p + 1) - 1;
		if (a < q->from)
			a = q->from;
		if (b > q->to)
			b = q->to;
		if ((rc = agg_account_period(tx, a, b, fin_sum, &fa)) != 0)
			return (cause_set(cause, rc, "finance: %s",
			    ordo_strerror(rc)));
		r = tab_row(t);
		period_label(q->by, p, label, sizeof label);
		tab_text(t, r, 0, label);
		tab_int(t, r, 1, fa.revenue);
		tab_int(t, r, 2, fa.cost);
		tab_int(t, r, 3, fa.revenue - fa.cost);
		tab_pct(t, r, 4, fa.revenue - fa.cost, fa.revenue);
	}
	tab_totals(t);
	tab_total_pct(t, 4, 3, 1);
	return (0);
}

/* What to reorder (forecast.h). */

/* The standard normal quantile (Acklam's approximation, 1e-9). */
static double
norm_quantile(double p)
{
	static const double a[] = { -3.969683028665376e+01,
	    2.209460984245205e+02, -2.759285104469687e+02,
	    1.383577518672690e+02, -3.066479806614716e+01,
	    2.506628277459239e+00 };
	static const double b[] = { -5.447609879822406e+01,
	    1.615858368580409e+02, -1.556989798598866e+02,
	    6.680131188771972e+01, -1.328068155288572e+01 };
	static const double c[] = { -7.784894002430293e-03,
	    -3.223964580411365e-01, -2.400758277161838e+00,
	    -2.549732539343734e+00, 4.374664141464968e+00,
	    2.938163982698783e+00 };
	static const double d[] = { 7.784695709041462e-03,
	    3.224671290700398e-01, 2.445134137142996e+00,
	    3.754408661907416e+00 };
	double	 q, r;

	if (p < 0.02425) {
		q = sqrt(-2 * log(p));
		return ((((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q +
		    c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q +
		    d[3]) * q + 1));
	}
	if (p > 1 - 0.02425)
		return (-norm_quantile(1 - p));
	q = p - 0.5;
	r = q * q;
	return ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r +
	    a[5]) * q / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r +
	    b[4]) * r + 1));
}

/* The days of demand of each item: kept in a second map of arrays. */
struct dmd {
	char		*sku;
	double		 d[FC_HISTORY];
};

struct dmds {
	struct smap	 ix;		/* sku -> index in a */
	struct dmd	*a;
	size_t		 n;
	int32_t		 first;
};

static int
dmd_row(int32_t day, const char *sku, const char *chan,
    const struct agg_sales *s, void *arg)
{
	struct dmds	*dd = arg;
	struct sent	*e;

	(void)chan;
	if (s->ordered == 0)
		return (0);
	if ((e = smap_find(&dd->ix, sku)) == NULL) {
		e = smap_get(&dd->ix, sku);
		e->v[0] = (int64_t)dd->n;
		dd->a = xreallocarray(dd->a, dd->n + 1, sizeof *dd->a);
		memset(&dd->a[dd->n], 0, sizeof dd->a[dd->n]);
		dd->a[dd->n].sku = e->key;
		dd->n++;
	}
	dd->a[e->v[0]].d[day - dd->first] += (double)s->ordered;
	return (0);
}

static int
cmp_reorder(const void *x, const void *y)
{
	const struct fc_reorder	*a = x, *b = y;
	int64_t			 sa = a->point - a->available;
	int64_t			 sb = b->point - b->available;

	if ((a->qty > 0) != (b->qty > 0))
		return (a->qty > 0 ? -1 : 1);
	if (a->qty > 0 && sa != sb)
		return (sa > sb ? -1 : 1);
	return (strcmp(a->sku, b->sku));
}

void
fc_reorder_free(struct fc_reorder *r, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++) {
		free(r[i].sku);
		free(r[i].name);
	}
	free(r);
}

int
fc_reorder_list(struct db_txn *tx, int32_t day, int lead, int review,
    double service, int all, struct fc_reorder **out, size_t *nout,
    char **cause)
{
	struct dmds	 dd;
	struct smap	 stock;
	struct stock_arg sa;
	struct fc_reorder *r = NULL, *x;
	struct fc_model	 m;
	struct item	 it;
	struct sent	*st;
	double		 f[2 * 365], z, lead_d, cover_d, mape;
	size_t		 i, n = 0, k;
	int64_t		 want, avail;
	int		 rc;

	*out = NULL;
	*nout = 0;
	if ((rc = need(tx, ROLE_CLERK, "reading what to reorder",
	    cause)) != 0)
		return (rc);
	if (lead < 1 || lead > 365 || review < 0 || review > 365 ||
	    service < 50 || service > 99.9)
		return (cause_set(cause, ORDO_EINVAL, "lead time 1 to 365 "
		    "days, review 0 to 365, service level 50 to 99.9%%"));
	z = norm_quantile(service / 100);
	memset(&dd, 0, sizeof dd);
	memset(&stock, 0, sizeof stock);
	dd.first = day - FC_HISTORY + 1;
	sa.m = &stock;
	sa.by_loc = 0;
	if ((rc = agg_sales_each(tx, dd.first, day, dmd_row, &dd)) != 0 ||
	    (rc = stock_each(tx, "", stock_sum, &sa)) != 0)
		goto out;
	for (i = 0; i < dd.n; i++) {
		if (item_get(tx, dd.a[i].sku, &it, NULL) != 0)
			continue;
		if (!it.active) {
			item_free(&it);
			continue;
		}
		fc_fit(dd.a[i].d, FC_HISTORY, &m);
		fc_predict(&m, (size_t)(lead + review), f);
		lead_d = cover_d = 0;
		for (k = 0; k < (size_t)(lead + review); k++) {
			if (k < (size_t)lead)
				lead_d += f[k];
			cover_d += f[k];
		}
		st = smap_find(&stock, it.sku);
		avail = st != NULL ? st->v[1] - st->v[2] : 0;
		r = xreallocarray(r, n + 1, sizeof *r);
		x = &r[n++];
		memset(x, 0, sizeof *x);
		x->sku = xstrdup(it.sku);
		x->name = xstrdup(it.name);
		x->method = m.method;
		x->daily = lead > 0 ? lead_d / lead : 0;
		fc_backtest(dd.a[i].d, FC_HISTORY, &x->mase, &mape);
		x->available = avail;
		x->lead_demand = (int64_t)ceil(lead_d);
		x->safety = (int64_t)ceil(z * m.rmse * sqrt((double)lead));
		if (x->safety < 0)
			x->safety = 0;
		x->point = x->lead_demand + x->safety;
		x->pack = it.reorder_qty > 0 ? it.reorder_qty : 1;
		if (avail <= x->point) {
			want = (int64_t)ceil(cover_d) + x->safety - avail;
			if (want < it.reorder_qty)
				want = it.reorder_qty;
			if (want < 1)
				want = 1;
			x->qty = (want + x->pack - 1) / x->pack * x->pack;
		}
		item_free(&it);
	}
	if (n > 1)
		qsort(r, n, sizeof *r, cmp_reorder);
	if (!all) {
		for (k = 0; k < n && r[k].qty > 0; k++)
			;
		for (i = k; i < n; i++) {
			free(r[i].sku);
			free(r[i].name);
		}
		n = k;
	}
	*out = r;
	*nout = n;
	r = NULL;
out:
	free(dd.a);
	smap_free(&dd.ix);
	smap_free(&stock);
	if (rc != 0) {
		fc_reorder_free(r, n);
		return (cause_set(cause, rc, "reorder: %s",
		    ordo_strerror(rc)));
	}
	return (0);
}

/* RFM. */

struct rfm {
	struct sent	*e;		/* v: 0 orders, 1 money, 2 last month */
	int		 r, f, m;
};

static int
rfm_tot(int32_t month, const char *cust, const struct agg_tot *t,
    void *arg)
{
	struct sent	*e;

	if (t->orders <= 0)
		return (0);
	e = smap_get(arg, cust);
	e->v[0] += t->orders;
	e->v[1] += t->net + t->shipping;
	if (month > e->v[2] || e->v[3] == 0)
		e->v[2] = month;
	e->v[3] = 1;
	return (0);
}

static int	 rfm_key;	/* which value rfm_cmp sorts by */

static int
rfm_cmp(const void *a, const void *b)
{
	const struct rfm	*x = a, *y = b;

	if (x->e->v[rfm_key] != y->e->v[rfm_key])
		return (x->e->v[rfm_key] < y->e->v[rfm_key] ? -1 : 1);
	return (strcmp(x->e->key, y->e->key));
}

static const char *
rfm_segment(const struct rfm *x)
{
	if (x->r >= 4 && x->f >= 4)
		return ("champion");
	if (x->r >= 3 && x->f >= 4)
		return ("loyal");
	if (x->r <= 2 && x->f >= 3)
		return ("at risk");
	if (x->r >= 4 && x->f <= 2)
		return ("new or occasional");
	if (x->r <= 2)
		return ("lost");
	return ("needs attention");
}

static int
rfm_out(const void *a, const void *b)
{
	const struct rfm	*x = a, *y = b;
	int			 sx = x->r * 100 + x->f * 10 + x->m;
	int			 sy = y->r * 100 + y->f * 10 + y->m;

	if (sx != sy)
		return (sx > sy ? -1 : 1);
	return (strcmp(x->e->key, y->e->key));
}

int
ins_rfm(struct db_txn *tx, const struct ins_query *q, struct ins_table *t,
    char **cause)
{
	static const int keys[] = { 2, 0, 1 };
	struct smap	 m;
	struct rfm	*x;
	char		 name[256], mon[DATE_BUFSZ];
	int32_t		 last = agg_month(q->to);
	size_t		 i, j, n = 0, r;
	int		 rc;

	memset(t, 0, sizeof *t);
	if ((rc = need(tx, ROLE_MANAGER, "reading customer reports",
	    cause)) != 0)
		return (rc);
	memset(&m, 0, sizeof m);
	if ((rc = agg_customer_each(tx, last - 11, last, rfm_tot, &m)) != 0) {
		smap_free(&m);
		return (cause_set(cause, rc, "customers: %s",
		    ordo_strerror(rc)));
	}
	x = xcalloc(m.n + 1, sizeof *x);
	for (i = 0; i < m.cap; i++)
		if (m.e[i].key != NULL)
			x[n++].e = &m.e[i];
	/* Scores 1 to 5 by fifths of the customers, for each measure. */
	for (j = 0; j < 3; j++) {
		rfm_key = keys[j];
		if (n > 1)
			qsort(x, n, sizeof *x, rfm_cmp);
		for (i = 0; i < n; i++) {
			int s = 1 + (int)(i * 5 / n);

			if (j == 0)
				x[i].r = s;
			else if (j == 1)
				x[i].f = s;
			else
				x[i].m = s;
		}
	}
	if (n > 1)
		qsort(x, n, sizeof *x, rfm_out);
	tab_init(t, "Customers by recency, frequency, money", "customer",
	    INS_TEXT, "name", INS_TEXT, "last_month", INS_TEXT, "orders",
	    INS_INT, "money", INS_MONEY, "r", INS_INT, "f", INS_INT, "m",
	    INS_INT, "segment", INS_TEXT, NULL);
	t->chart = 4;
	for (i = 0; i < n && (q->top == 0 || i < q->top); i++) {
		r = tab_row(t);
		tab_text(t, r, 0, x[i].e->key);
		customer_name(tx, x[i].e->key, name, sizeof name);
		tab_text(t, r, 1, name);
		date_fmt(mon, sizeof mon, agg_month_first((int32_t)
		    x[i].e->v[2]));
		mon[7] = '\0';
		tab_text(t, r, 2, mon);
		tab_int(t, r, 3, x[i].e->v[0]);
		tab_int(t, r, 4, x[i].e->v[1]);
		tab_int(t, r, 5, x[i].r);
		tab_int(t, r, 6, x[i].f);
		tab_int(t, r, 7, x[i].m);
		tab_text(t, r, 8, rfm_segment(&x[i]));
	}
	free(x);
	smap_free(&m);
	return (0);
}
