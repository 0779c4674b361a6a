/*
 * trail.c: the records held to their trail (trail.h).
 *
 * One pass over the audit table keeps, for each item, customer and SKU
 * alias it names, how many records name it and what the last one wrote;
 * the tables are then walked and compared.  The order history is walked
 * beside the orders table, both in id order.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "ordo/audit.h"
#include "ordo/codec.h"
#include "ordo/customer.h"
#include "ordo/error.h"
#include "ordo/item.h"
#include "ordo/order.h"
#include "ordo/trail.h"
#include "ordo/xmalloc.h"

enum tr_kind {
	TR_ITEM,
	TR_CUSTOMER,
	TR_ALIAS
};

/* What the audit table says of one object. */
struct tr_obj {
	enum tr_kind	 kind;
	char		*key;		/* SKU, code, or channel \037 SKU */
	char		*to;		/* alias: what it was set to */
	uint64_t	 id;		/* the audit record */
	uint64_t	 digest;
	size_t		 n;		/* records naming it, after merging */
	int		 seen;
};

/* One order's history: its versions must be 1..n. */
struct tr_hist {
	uint64_t	 order;
	uint32_t	 n;
	int		 gap;
};

struct tr {
	struct db_txn	*tx;
	void		(*fn)(const char *, void *);
	void		*arg;
	long		 n;
	int		 err;
	uint64_t	 last;		/* the last audit id seen */
	struct tr_obj	*o;
	size_t		 no;
	size_t		 ocap;
	struct tr_hist	*h;
	size_t		 nh;
	size_t		 hcap;
	size_t		 hat;		/* next history to match an order */
};

static void	 tr_viol(struct tr *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));
static void	 tr_add(struct tr *, enum tr_kind, char *, char *,
		    const struct audit *);
static int	 tr_audit(const struct audit *, void *);
static int	 tr_cmp(const void *, const void *);
static void	 tr_merge(struct tr *);
static struct tr_obj *tr_find(struct tr *, enum tr_kind, const char *);
static void	 tr_versioned(struct tr *, enum tr_kind, const char *,
		    uint32_t, uint64_t);
static int	 tr_item(const struct item *, void *);
static int	 tr_customer(const struct customer *, void *);
static void	 tr_aliases(struct tr *);
static void	 tr_unseen(struct tr *);
static int	 tr_hist_load(struct tr *);
static int	 tr_order(uint64_t, const MDB_val *, void *);
static void	 tr_orders(struct tr *);

static const char *const tr_what[] = { "Item", "Customer", "SKU alias" };

static void
tr_viol(struct tr *t, const char *fmt, ...)
{
	va_list	 ap;
	char	*s;

	va_start(ap, fmt);
	xvasprintf(&s, fmt, ap);
	va_end(ap);
	t->n++;
	if (t->fn != NULL)
		t->fn(s, t->arg);
	free(s);
}

static void
tr_add(struct tr *t, enum tr_kind kind, char *key, char *to,
    const struct audit *a)
{
	struct tr_obj	*o;

	if (t->no == t->ocap) {
		t->ocap = t->ocap == 0 ? 64 : t->ocap * 2;
		t->o = xreallocarray(t->o, t->ocap, sizeof *t->o);
	}
	o = &t->o[t->no++];
	memset(o, 0, sizeof *o);
	o->kind = kind;
	o->key = key;
	o->to = to;
	o->id = a->id;
	o->digest = a->digest;
	o->n = 1;
}

static int
tr_audit(const struct audit *a, void *arg)
{
	struct tr	*t = arg;
	const char	*arrow, *p;
	char		*key;

	if (a->id != t->last + 1) {
		if (a->id == t->last + 2)
			tr_viol(t, "Audit record %llu is missing: removed "
			    "outside ordo.", (unsigned long long)t->last + 1);
		else
			tr_viol(t, "Audit records %llu to %llu are missing: "
			    "removed outside ordo.",
			    (unsigned long long)t->last + 1,
			    (unsigned long long)a->id - 1);
	}
	t->last = a->id;
	if (strncmp(a->action, "item.", 5) == 0 &&
	    strncmp(a->object, "item ", 5) == 0)
		tr_add(t, TR_ITEM, xstrdup(a->object + 5), NULL, a);
	else if (strncmp(a->action, "customer.", 9) == 0 &&
	    strncmp(a->object, "customer ", 9) == 0)
		tr_add(t, TR_CUSTOMER, xstrdup(a->object + 9), NULL, a);
	else if (strcmp(a->action, "alias.set") == 0) {
		/* "FROM -> TO": TO is a SKU, which has no " -> " in it. */
		for (arrow = NULL, p = a->detail;
		    (p = strstr(p, " -> ")) != NULL; p++)
			arrow = p;
		if (arrow == NULL) {
			tr_viol(t, "Audit record %llu (alias.set) does not say "
			    "what was set: changed outside ordo.",
			    (unsigned long long)a->id);
			return (0);
		}
		xasprintf(&key, "%s\037%.*s", a->object,
		    (int)(arrow - a->detail), a->detail);
		tr_add(t, TR_ALIAS, key, xstrdup(arrow + 4), a);
	}
	return (0);
}

/* By kind, key, then audit id: the last of a run is the latest. */
static int
tr_cmp(const void *x, const void *y)
{
	const struct tr_obj	*a = x, *b = y;
	int			 c;

	if (a->kind != b->kind)
		return (a->kind < b->kind ? -1 : 1);
	if ((c = strcmp(a->key, b->key)) != 0)
		return (c);
	return (a->id < b->id ? -1 : a->id > b->id);
}

/* One element per object: the latest record, n = how many named it. */
static void
tr_merge(struct tr *t)
{
	size_t	 i, o;

	if (t->no == 0)
		return;
	qsort(t->o, t->no, sizeof *t->o, tr_cmp);
	for (i = 1, o = 0; i < t->no; i++) {
		if (t->o[i].kind == t->o[o].kind &&
		    strcmp(t->o[i].key, t->o[o].key) == 0) {
			t->o[i].n = t->o[o].n + 1;
			free(t->o[o].key);
			free(t->o[o].to);
		} else
			o++;
		t->o[o] = t->o[i];
	}
	t->no = o + 1;
}

/* Binary search of the merged array (one element per object). */
static struct tr_obj *
tr_find(struct tr *t, enum tr_kind kind, const char *key)
{
	size_t	 lo = 0, hi = t->no, mid;
	int	 c;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (t->o[mid].kind != kind)
			c = t->o[mid].kind < kind ? -1 : 1;
		else
			c = strcmp(t->o[mid].key, key);
		if (c == 0)
			return (&t->o[mid]);
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (NULL);
}

/* An item or customer: its records, their count and the last digest. */
static void
tr_versioned(struct tr *t, enum tr_kind kind, const char *key,
    uint32_t version, uint64_t digest)
{
	struct tr_obj	*o;

	if ((o = tr_find(t, kind, key)) == NULL) {
		tr_viol(t, "%s %s has no audit record: it was written outside "
		    "ordo.", tr_what[kind], key);
		return;
	}
	o->seen = 1;
	if (o->n != version)
		tr_viol(t, "%s %s is at version %u, but %zu audit record%s "
		    "name%s it: written outside ordo.", tr_what[kind], key,
		    version, o->n, o->n == 1 ? "" : "s", o->n == 1 ? "s" : "");
	else if (o->digest != 0 && o->digest != digest)
		tr_viol(t, "%s %s is not what its last audit record (%llu) "
		    "wrote: changed outside ordo.", tr_what[kind], key,
		    (unsigned long long)o->id);
}

static int
tr_item(const struct item *it, void *arg)
{
	tr_versioned(arg, TR_ITEM, it->sku, it->version, item_digest(it));
	return (0);
}

static int
tr_customer(const struct customer *c, void *arg)
{
	tr_versioned(arg, TR_CUSTOMER, c->code, c->version,
	    customer_digest(c));
	return (0);
}

static void
tr_aliases(struct tr *t)
{
	struct db_iter	 it;
	struct tr_obj	*o;
	const char	*k, *nul;
	char		*key, *to;
	size_t		 klen;
	int		 rc;

	if ((rc = db_iter_open(t->tx, TB_SKU_ALIAS, NULL, 0, &it)) != 0) {
		t->err = rc;
		return;
	}
	while (db_iter_next(&it) == 0) {
		k = it.key.mv_data;
		klen = it.key.mv_size;
		if ((nul = memchr(k, '\0', klen)) == NULL) {
			tr_viol(t, "The SKU alias table holds a key that is not "
			    "a channel and a SKU: written outside ordo.");
			continue;
		}
		xasprintf(&key, "%s\037%.*s", k, (int)(klen - (size_t)(nul -
		    k) - 1), nul + 1);
		to = xstrndup(it.val.mv_data, it.val.mv_size);
		if ((o = tr_find(t, TR_ALIAS, key)) == NULL)
			tr_viol(t, "SKU alias %s %.*s -> %s has no audit "
			    "record: it was written outside ordo.", k,
			    (int)(klen - (size_t)(nul - k) - 1), nul + 1, to);
		else {
			o->seen = 1;
			if (strcmp(o->to, to) != 0)
				tr_viol(t, "SKU alias %s %.*s -> %s: its last "
				    "audit record (%llu) set it to %s: changed "
				    "outside ordo.", k, (int)(klen -
				    (size_t)(nul - k) - 1), nul + 1, to,
				    (unsigned long long)o->id, o->to);
		}
		free(key);
		free(to);
	}
	db_iter_close(&it);
}

/* Objects the audit table names that are no longer there. */
static void
tr_unseen(struct tr *t)
{
	static const char *const table[] = { "items", "customers",
	    "SKU aliases" };
	struct tr_obj	*o;
	char		*sep;
	size_t		 i;

	for (i = 0; i < t->no; i++) {
		o = &t->o[i];
		if (o->seen)
			continue;
		if (o->kind == TR_ALIAS && (sep = strchr(o->key, '\037')) !=
		    NULL)
			*sep = ' ';
		tr_viol(t, "%s %s (audit record %llu) is not in the %s table: "
		    "removed outside ordo.", tr_what[o->kind], o->key,
		    (unsigned long long)o->id, table[o->kind]);
	}
}

/* The order history's keys: (u64 order, u32 version), in order. */
static int
tr_hist_load(struct tr *t)
{
	struct db_iter	 it;
	struct tr_hist	*h;
	uint64_t	 id;
	uint32_t	 ver;
	int		 rc;

	if ((rc = db_iter_open(t->tx, TB_ORDER_HIST, NULL, 0, &it)) != 0)
		return (rc);
	while ((rc = db_iter_next(&it)) == 0) {
		if (it.key.mv_size != 12) {
			rc = ORDO_ECORRUPT;
			break;
		}
		id = key_get_u64(it.key.mv_data);
		ver = key_get_u32((const char *)it.key.mv_data + 8);
		h = t->nh > 0 ? &t->h[t->nh - 1] : NULL;
		if (h == NULL || h->order != id) {
			if (t->nh == t->hcap) {
				t->hcap = t->hcap == 0 ? 256 : t->hcap * 2;
				t->h = xreallocarray(t->h, t->hcap,
				    sizeof *t->h);
			}
			h = &t->h[t->nh++];
			h->order = id;
			h->n = 0;
			h->gap = 0;
		}
		if (ver != h->n + 1)
			h->gap = 1;
		h->n = ver;
	}
	db_iter_close(&it);
	return (rc == MDB_NOTFOUND ? 0 : rc);
}

static int
tr_order(uint64_t id, const MDB_val *v, void *arg)
{
	struct tr	*t = arg;
	struct tr_hist	*h;
	struct order_row row;
	unsigned long long o = (unsigned long long)id;

	(void)v;
	/* History of orders that are not there, before this one. */
	while (t->hat < t->nh && t->h[t->hat].order < id) {
		tr_viol(t, "The order history names order %llu, which is not "
		    "in the orders table: removed outside ordo.",
		    (unsigned long long)t->h[t->hat].order);
		t->hat++;
	}
	if (t->hat == t->nh || t->h[t->hat].order != id) {
		tr_viol(t, "Order %llu has no history: it was written outside "
		    "ordo.", o);
		return (0);
	}
	h = &t->h[t->hat++];
	if (order_row_get(t->tx, id, &row) != 0)
		return (0);	/* check_orders reports what does not decode */
	if (h->gap)
		tr_viol(t, "Order %llu: its history skips a version: removed "
		    "outside ordo.", o);
	else if (h->n != row.version)
		tr_viol(t, "Order %llu is at version %u, but its history ends "
		    "at version %u: %s outside ordo.", o, row.version, h->n,
		    h->n < row.version ? "changed" : "put back");
	return (0);
}

static void
tr_orders(struct tr *t)
{
	int	 rc;

	if ((rc = tr_hist_load(t)) != 0 ||
	    (rc = db_each_id(t->tx, TB_ORDERS, tr_order, t)) != 0) {
		t->err = rc;
		return;
	}
	for (; t->hat < t->nh; t->hat++)
		tr_viol(t, "The order history names order %llu, which is not "
		    "in the orders table: removed outside ordo.",
		    (unsigned long long)t->h[t->hat].order);
}

long
trail_check(struct db_txn *tx, void (*fn)(const char *, void *), void *arg)
{
	struct tr	 t;
	uint64_t	 seq;
	size_t		 i;
	int		 rc;

	memset(&t, 0, sizeof t);
	t.tx = tx;
	t.fn = fn;
	t.arg = arg;
	if ((rc = audit_each(tx, 0, tr_audit, &t)) != 0)
		t.err = rc;
	seq = db_seq_peek(tx, "audit");
	if (t.err == 0 && seq != t.last)
		tr_viol(&t, "The audit sequence is at %llu but the last audit "
		    "record is %llu: %s outside ordo.",
		    (unsigned long long)seq, (unsigned long long)t.last,
		    seq > t.last ? "records removed" : "records added");
	tr_merge(&t);
	/* Records that do not decode are check_all's to report. */
	if (t.err == 0)
		(void)item_each(tx, NULL, tr_item, &t);
	if (t.err == 0)
		(void)customer_each(tx, NULL, tr_customer, &t);
	if (t.err == 0)
		tr_aliases(&t);
	if (t.err == 0)
		tr_unseen(&t);
	if (t.err == 0)
		tr_orders(&t);
	for (i = 0; i < t.no; i++) {
		free(t.o[i].key);
		free(t.o[i].to);
	}
	free(t.o);
	free(t.h);
	return (t.err != 0 ? -1 : t.n);
}
