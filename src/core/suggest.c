/*
 * suggest.c: suggestions at the counter (suggest.h).
 */
#include <stdlib.h>
#include <string.h>

#include "ordo/agg.h"
#include "ordo/config.h"
#include "ordo/core.h"
#include "ordo/customer.h"
#include "ordo/error.h"
#include "ordo/item.h"
#include "ordo/money.h"
#include "ordo/order.h"
#include "ordo/suggest.h"
#include "ordo/xmalloc.h"

/* An item seen in the customer's last orders. */
struct seen {
	char		*sku;
	int64_t		*qty;		/* per order it was in */
	size_t		 n;
	uint64_t	 last;		/* the order of qty[n - 1] */
};

struct hist {
	struct seen	*s;
	size_t		 n;
	size_t		 orders;
};

struct pairs {
	struct suggestion *s;
	size_t		 n;
	const char	*because;
	int64_t		 base;		/* orders with "because" */
	const char *const *skus;
	size_t		 nskus;
};

static int
in_order(const char *const *skus, size_t n, const char *sku)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (strcmp(skus[i], sku) == 0)
			return (1);
	return (0);
}

static int
hist_order(const struct order *o, void *arg)
{
	struct hist	*h = arg;
	size_t		 i, j;
	int64_t		 q;

	if (o->status == ST_DRAFT || o->status == ST_CANCELLED)
		return (0);
	for (i = 0; i < o->nlines; i++) {
		q = o->lines[i].qty - o->lines[i].cancelled;
		if (q <= 0)
			continue;
		for (j = 0; j < h->n; j++)
			if (strcmp(h->s[j].sku, o->lines[i].sku) == 0)
				break;
		if (j == h->n) {
			h->s = xreallocarray(h->s, h->n + 1, sizeof *h->s);
			h->s[h->n].sku = xstrdup(o->lines[i].sku);
			h->s[h->n].qty = NULL;
			h->s[h->n].n = 0;
			h->s[h->n].last = 0;
			h->n++;
		}
		/* Once per order: a second line of it adds its quantity. */
		if (h->s[j].n > 0 && h->s[j].last == o->id) {
			h->s[j].qty[h->s[j].n - 1] += q;
			continue;
		}
		h->s[j].qty = xreallocarray(h->s[j].qty, h->s[j].n + 1,
		    sizeof *h->s[j].qty);
		h->s[j].qty[h->s[j].n++] = q;
		h->s[j].last = o->id;
	}
	return (++h->orders >= SUGGEST_LAST);
}

static int
cmp_i64(const void *a, const void *b)
{
	int64_t	 x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x < y ? -1 : x > y);
}

static int
cmp_sugg(const void *a, const void *b)
{
	const struct suggestion	*x = a, *y = b;

	if (x->kind != y->kind)
		return (x->kind < y->kind ? -1 : 1);
	if (x->confidence != y->confidence)
		return (x->confidence > y->confidence ? -1 : 1);
	if (x->support != y->support)
		return (x->support > y->support ? -1 : 1);
	return (strcmp(x->sku, y->sku));
}

static struct suggestion *
add(struct suggestion **s, size_t *n, enum suggest_kind kind,
    const char *sku)
{
	struct suggestion	*x;

	*s = xreallocarray(*s, *n + 1, sizeof **s);
	x = &(*s)[(*n)++];
	memset(x, 0, sizeof *x);
	x->kind = kind;
	x->sku = xstrdup(sku);
	return (x);
}

static int
pair_cb(const char *other, int64_t both, void *arg)
{
	struct pairs		*p = arg;
	struct suggestion	*x = NULL;
	int			 conf;
	size_t			 i;

	if (both < SUGGEST_MIN_SUPPORT || p->base <= 0 ||
	    in_order(p->skus, p->nskus, other))
		return (0);
	conf = (int)(both * 10000 / p->base);
	if (conf < SUGGEST_MIN_CONFIDENCE)
		return (0);
	for (i = 0; i < p->n; i++)
		if (p->s[i].kind == SUGGEST_TOGETHER &&
		    strcmp(p->s[i].sku, other) == 0)
			x = &p->s[i];
	if (x == NULL)
		x = add(&p->s, &p->n, SUGGEST_TOGETHER, other);
	else if (x->confidence > conf ||
	    (x->confidence == conf && x->support >= both))
		return (0);
	free(x->because);
	x->because = xstrdup(p->because);
	x->confidence = conf;
	x->support = both;
	return (0);
}

void
suggest_free(struct suggestion *s, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++) {
		free(s[i].sku);
		free(s[i].name);
		free(s[i].because);
	}
	free(s);
}

int
suggest(struct db_txn *tx, const char *customer, const char *const *skus,
    size_t nskus, struct suggestion **out, size_t *nout, char **cause)
{
	struct customer	 c;
	struct hist	 h;
	struct pairs	 p;
	struct item	 it;
	size_t		 i, j, nu = 0, nt = 0;
	int		 rc;

	*out = NULL;
	*nout = 0;
	if ((rc = core_require(tx, ROLE_CLERK, "suggesting items",
	    cause)) != 0)
		return (rc);
	memset(&h, 0, sizeof h);
	memset(&p, 0, sizeof p);
	p.skus = skus;
	p.nskus = nskus;
	if (customer != NULL && *customer != '\0') {
		if ((rc = customer_get(tx, customer, &c, cause)) != 0)
			return (rc);
		customer_free(&c);
		if ((rc = order_each(tx, -1, customer, 0, hist_order,
		    &h)) != 0)
			goto fail;
		for (i = 0; i < h.n; i++) {
			struct seen *s = &h.s[i];
			struct suggestion *x;

			if ((int64_t)s->n < 3 || s->n * 100 < h.orders *
			    SUGGEST_REGULAR_PCT ||
			    in_order(skus, nskus, s->sku))
				continue;
			qsort(s->qty, s->n, sizeof *s->qty, cmp_i64);
			x = add(&p.s, &p.n, SUGGEST_USUAL, s->sku);
			x->qty = s->qty[(s->n - 1) / 2];
			x->support = (int64_t)s->n;
			x->confidence = (int)(s->n * 10000 / h.orders);
		}
	}
	for (i = 0; i < nskus; i++) {
		p.because = skus[i];
		if ((rc = agg_pairs_of(tx, skus[i], &p.base, pair_cb,
		    &p)) != 0)
			goto fail;
	}
	if (p.n > 1)
		qsort(p.s, p.n, sizeof *p.s, cmp_sugg);
	/* Active items only, at most SUGGEST_MAX of each kind, named. */
	for (i = j = 0; i < p.n; i++) {
		size_t *k = p.s[i].kind == SUGGEST_USUAL ? &nu : &nt;

		if (*k >= SUGGEST_MAX || item_get(tx, p.s[i].sku, &it,
		    NULL) != 0) {
			free(p.s[i].sku);
			free(p.s[i].because);
			continue;
		}
		if (!it.active) {
			item_free(&it);
			free(p.s[i].sku);
			free(p.s[i].because);
			continue;
		}
		p.s[i].name = xstrdup(it.name);
		item_free(&it);
		(*k)++;
		p.s[j++] = p.s[i];
	}
	*out = p.s;
	*nout = j;
	rc = 0;
	goto done;
fail:
	suggest_free(p.s, p.n);
	rc = cause_set(cause, rc, "suggestions: %s", ordo_strerror(rc));
done:
	for (i = 0; i < h.n; i++) {
		free(h.s[i].sku);
		free(h.s[i].qty);
	}
	free(h.s);
	return (rc);
}
