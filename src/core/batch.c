/*
 * batch.c: import batches, SKU aliases, and landing one marketplace order
 * through the order lifecycle.  See batch.h for the rules.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ordo/audit.h"
#include "ordo/batch.h"
#include "ordo/company.h"
#include "ordo/config.h"
#include "ordo/core.h"
#include "ordo/customer.h"
#include "ordo/error.h"
#include "ordo/item.h"
#include "ordo/order.h"
#include "ordo/outbox.h"
#include "ordo/stock.h"
#include "ordo/text.h"
#include "ordo/xmalloc.h"

/*
 * Batch record versions: 1 had no attention count; 2, of a development
 * build, had it and then also the open count; 3 adds the profile's hash.
 */
#define BATCH_VERSION	3

struct apply {
	const struct batch *b;
	struct order	*o;
	enum mkt_status	 st;
	const char	*carrier;
	const char	*tracking;
	int		 unknown_flag;
	enum imp_result	*res;
	int		 nest;		/* each order in a child txn */
};

static void	 batch_encode(struct buf *, const struct batch *);
static int	 batch_decode(const MDB_val *, struct batch *);
static int	 batch_put(struct db_txn *, const struct batch *);
static int	 apply_new(struct db_txn *, void *, char **);
static int	 apply_existing(struct db_txn *, struct apply *, uint64_t,
		    char **);
static int	 confirm_fn(struct db_txn *, void *, char **);
static int	 confirm_nested(struct db_txn *, uint64_t, char **);
static int	 order_unreturned(const struct order *);
static int	 order_unmapped(const struct order *);
static int	 repair_visit(const struct order *, void *);
static int	 batch_apply1(struct db_txn *, const struct batch *,
		    struct order *, enum mkt_status, const char *,
		    const char *, int, enum imp_result *, char **, int);
static void	 unmade(struct db_txn *, const struct order *, char **);
static const char *ext_name(const struct order *, char *, size_t);
static int	 channel_customer(struct db_txn *, const char *, char **,
		    char **);

static void
batch_encode(struct buf *v, const struct batch *b)
{
	enc_u8(v, BATCH_VERSION);
	enc_str(v, b->file);
	enc_str(v, b->sha256);
	enc_str(v, b->channel);
	enc_str(v, b->user);
	enc_i64(v, b->started);
	enc_i64(v, b->finished);
	enc_u8(v, (uint8_t)b->undone);
	enc_i64(v, b->rows);
	enc_i64(v, b->orders_new);
	enc_i64(v, b->orders_updated);
	enc_i64(v, b->orders_unchanged);
	enc_i64(v, b->orders_short);
	enc_i64(v, b->lines);
	enc_i64(v, b->rejected);
	enc_i64(v, b->attention);
	enc_i64(v, b->open);
	enc_str(v, b->profile_sha);
}

static int
batch_decode(const MDB_val *val, struct batch *b)
{
	struct rd	 r;
	uint8_t		 ver;
	int		 ok;

	rd_init(&r, val->mv_data, val->mv_size);
	ver = dec_u8(&r);
	ok = ver >= 1 && ver <= BATCH_VERSION;
	b->file = dec_str(&r);
	b->sha256 = dec_str(&r);
	b->channel = dec_str(&r);
	b->user = dec_str(&r);
	b->started = dec_i64(&r);
	b->finished = dec_i64(&r);
	b->undone = dec_u8(&r);
	b->rows = dec_i64(&r);
	b->orders_new = dec_i64(&r);
	b->orders_updated = dec_i64(&r);
	b->orders_unchanged = dec_i64(&r);
	b->orders_short = dec_i64(&r);
	b->lines = dec_i64(&r);
	b->rejected = dec_i64(&r);
	b->attention = ver == 1 ? -1 : dec_i64(&r);
	b->open = ver == 3 || (ver == 2 && rd_more(&r)) ? dec_i64(&r) : -1;
	b->profile_sha = ver == 3 ? dec_str(&r) : xstrdup("");
	if (!ok || !rd_ok(&r)) {
		batch_free(b);
		return (ORDO_ECORRUPT);
	}
	return (0);
}

static int
batch_put(struct db_txn *tx, const struct batch *b)
{
	struct buf	 k, v;
	int		 rc;

	buf_init(&k);
	buf_init(&v);
	key_u64(&k, b->id);
	batch_encode(&v, b);
	rc = db_putb(tx, TB_IMPORTS, &k, &v, 0);
	buf_free(&k);
	buf_free(&v);
	return (rc);
}

void
batch_free(struct batch *b)
{
	free(b->file);
	free(b->sha256);
	free(b->channel);
	free(b->user);
	free(b->profile_sha);
	b->file = b->sha256 = b->channel = b->user = b->profile_sha = NULL;
}

int
batch_get(struct db_txn *tx, uint64_t id, struct batch *b, char **cause)
{
	MDB_val		 v;
	int		 rc;

	memset(b, 0, sizeof *b);
	rc = db_get_id(tx, TB_IMPORTS, id, &v);
	if (rc == MDB_NOTFOUND)
		return (cause_set(cause, ORDO_ENOTFOUND, "no import batch %llu",
		    (unsigned long long)id));
	if (rc != 0)
		return (rc);
	if ((rc = batch_decode(&v, b)) != 0)
		return (cause_set(cause, rc, "import batch %llu: damaged "
		    "record", (unsigned long long)id));
	b->id = id;
	return (0);
}

int
batch_each(struct db_txn *tx, int (*fn)(const struct batch *, void *),
    void *arg)
{
	struct db_iter	 it;
	struct batch	 b;
	int		 rc;

	if ((rc = db_iter_open(tx, TB_IMPORTS, NULL, 0, &it)) != 0)
		return (rc);
	while ((rc = db_iter_next(&it)) == 0) {
		memset(&b, 0, sizeof b);
		if (it.key.mv_size != 8 || batch_decode(&it.val, &b) != 0) {
			rc = ORDO_ECORRUPT;
			break;
		}
		b.id = key_get_u64(it.key.mv_data);
		rc = fn(&b, arg);
		batch_free(&b);
		if (rc != 0)
			break;
	}
	db_iter_close(&it);
	return (db_walk_rc(rc));
}

struct find_sha {
	const char	*sha;
	const char	*channel;
	const char	*psha;
	uint64_t	 id;
};

static int
find_same(const struct batch *b, void *arg)
{
	struct find_sha	*f = arg;

	if (b->finished != 0 && !b->undone && b->rejected == 0 &&
	    b->orders_short == 0 && b->attention == 0 && b->open == 0 &&
	    strcmp(b->sha256, f->sha) == 0 &&
	    strcmp(b->profile_sha, f->psha) == 0 &&
	    strcmp(b->channel, f->channel) == 0)
		f->id = b->id;
	return (0);
}

/*
 * The last batch of (sha, channel, psha) that fn picks, in *id (0 if
 * none), for a clerk or above: both ask so as to import.
 */
static int
find_batch(struct db_txn *tx, const char *sha, const char *channel,
    const char *psha, int (*fn)(const struct batch *, void *), uint64_t *id,
    char **cause)
{
	struct find_sha	 f;
	int		 rc;

	*id = 0;
	if ((rc = core_require(tx, ROLE_CLERK, "importing orders",
	    cause)) != 0)
		return (rc);
	f.sha = sha;
	f.channel = channel;
	f.psha = psha;
	f.id = 0;
	if ((rc = batch_each(tx, fn, &f)) != 0)
		return (rc);
	*id = f.id;
	return (0);
}

int
batch_same_file(struct db_txn *tx, const char *sha, const char *channel,
    const char *psha, struct batch *b, char **cause)
{
	uint64_t	 id;
	int		 rc;

	if ((rc = find_batch(tx, sha, channel, psha, find_same, &id,
	    cause)) != 0)
		return (rc);
	if (id == 0)
		return (ORDO_ENOTFOUND);
	return (batch_get(tx, id, b, NULL));
}

static int
find_unfinished(const struct batch *b, void *arg)
{
	struct find_sha	*f = arg;

	if (b->finished == 0 && !b->undone &&
	    strcmp(b->sha256, f->sha) == 0 &&
	    strcmp(b->channel, f->channel) == 0)
		f->id = b->id;
	return (0);
}

int
batch_begin(struct db_txn *tx, const char *file, const char *sha,
    const char *channel, const char *psha, struct batch *b, char **cause)
{
	uint64_t	 id;
	int		 rc;

	if ((rc = find_batch(tx, sha, channel, psha, find_unfinished, &id,
	    cause)) != 0)
		return (rc);
	if (id != 0) {
		/* Resumed: counted again from the start (batch.h). */
		if ((rc = batch_get(tx, id, b, cause)) != 0)
			return (rc);
		b->rows = b->orders_new = b->orders_updated = 0;
		b->orders_unchanged = b->orders_short = b->lines = 0;
		b->rejected = b->attention = b->open = 0;
		b->run_from = db_seq_peek(tx, "order") + 1;
		free(b->profile_sha);
		b->profile_sha = xstrdup(psha);	/* read with it now */
		return (0);
	}
	memset(b, 0, sizeof *b);
	b->run_from = db_seq_peek(tx, "order") + 1;
	if ((rc = db_seq_next(tx, "import", &b->id)) != 0)
		return (rc);
	b->file = xstrdup(file);
	b->sha256 = xstrdup(sha);
	b->channel = xstrdup(channel);
	b->profile_sha = xstrdup(psha);
	b->user = xstrdup(tx->co->user);
	b->started = tx->now;
	if ((rc = batch_put(tx, b)) != 0) {
		batch_free(b);
		return (rc);
	}
	return (audit_log(tx, "import.begin", "import", "batch %llu: %s "
	    "(%s)", (unsigned long long)b->id, file, channel));
}

int
batch_save(struct db_txn *tx, const struct batch *b, char **cause)
{
	int	 rc;

	if ((rc = batch_put(tx, b)) != 0)
		return (cause_set(cause, rc, "import batch: %s",
		    ordo_strerror(rc)));
	if (b->finished != 0 && (rc = outbox_batch(tx, b)) != 0)
		return (rc);
	return (audit_log(tx, b->finished != 0 ? "import.finish" :
	    "import.chunk", "import", "batch %llu: %lld new, %lld updated, "
	    "%lld unchanged, %lld rejected rows%s", (unsigned long long)b->id,
	    (long long)b->orders_new, (long long)b->orders_updated,
	    (long long)b->orders_unchanged, (long long)b->rejected,
	    b->finished != 0 ? "" : " so far"));
}

int
batch_undo(struct db_txn *tx, uint64_t id, char **cause)
{
	struct batch	 b;
	struct db_iter	 it;
	struct order	 o;
	struct buf	 k, shipped;
	uint64_t	*ids = NULL, oid;
	size_t		 n = 0, cap = 0, i, nship = 0;
	int		 rc;

	if ((rc = core_require(tx, ROLE_MANAGER, "undoing an import",
	    cause)) != 0)
		return (rc);
	if ((rc = batch_get(tx, id, &b, cause)) != 0)
		return (rc);
	if (b.undone) {
		batch_free(&b);
		return (cause_set(cause, ORDO_ESTATE, "import batch %llu was "
		    "already undone", (unsigned long long)id));
	}
	buf_init(&k);
	buf_init(&shipped);
	key_u64(&k, id);
	if ((rc = db_iter_open(tx, TB_IMPORT_ORDERS, k.d, k.len, &it)) != 0)
		goto out;
	while ((rc = db_iter_next(&it)) == 0) {
		if (it.key.mv_size != 16)
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			ids = xreallocarray(ids, cap, sizeof *ids);
		}
		ids[n++] = key_get_u64((const uint8_t *)it.key.mv_data + 8);
	}
	db_iter_close(&it);
	if (rc != MDB_NOTFOUND)
		goto out;
	rc = 0;
	for (i = 0; i < n; i++) {
		if ((rc = order_get(tx, ids[i], &o, cause)) != 0)
			goto out;
		if (o.status >= ST_PARTIAL && o.status != ST_CANCELLED) {
			char	 t[32];

			if (nship++ < 20) {
				snprintf(t, sizeof t, "%s%llu", nship > 1 ?
				    ", " : "", (unsigned long long)o.id);
				buf_add(&shipped, t, strlen(t));
			}
		}
		order_free(&o);
	}
	if (nship > 0) {
		buf_add(&shipped, "", 1);
		rc = cause_set(cause, ORDO_ESTATE, "import batch %llu cannot "
		    "be undone: %zu of its orders have shipped (%s%s); "
		    "return them instead", (unsigned long long)id, nship,
		    (char *)shipped.d, nship > 20 ? ", ..." : "");
		goto out;
	}
	for (i = 0; i < n; i++) {
		if ((rc = order_get(tx, ids[i], &o, cause)) != 0)
			goto out;
		oid = o.id;
		if (o.status != ST_CANCELLED) {
			rc = order_cancel(tx, oid, o.version, "import undone",
			    cause);
		}
		order_free(&o);
		if (rc != 0)
			goto out;
	}
	b.undone = 1;
	if ((rc = batch_put(tx, &b)) == 0)
		rc = audit_log(tx, "import.undo", "import", "batch %llu: %zu "
		    "orders cancelled", (unsigned long long)id, n);
out:
	free(ids);
	buf_free(&k);
	buf_free(&shipped);
	batch_free(&b);
	return (rc);
}

struct repair {
	const char	*channel;
	const char	*sku;
	uint64_t	*ids;
	size_t		 n;
	size_t		 cap;
};

static int
repair_visit(const struct order *o, void *arg)
{
	struct repair	*r = arg;
	size_t		 i;

	if (strcmp(o->channel, r->channel) != 0)
		return (0);
	for (i = 0; i < o->nlines; i++) {
		if ((o->lines[i].flags & LINE_UNMAPPED) &&
		    strcmp(o->lines[i].sku, r->sku) == 0) {
			if (r->n == r->cap) {
				r->cap = r->cap ? r->cap * 2 : 16;
				r->ids = xreallocarray(r->ids, r->cap,
				    sizeof *r->ids);
			}
			r->ids[r->n++] = o->id;
			break;
		}
	}
	return (0);
}

int
alias_repair(struct db_txn *tx, const char *channel, const char *sku,
    size_t *fixed, size_t *shortn, char **cause)
{
	struct repair	 r;
	char		*why = NULL;
	size_t		 i;
	int		 rc;

	*fixed = *shortn = 0;
	if ((rc = core_require(tx, ROLE_CLERK, "mapping a SKU", cause)) != 0)
		return (rc);
	memset(&r, 0, sizeof r);
	r.channel = channel;
	r.sku = sku;
	if ((rc = order_each(tx, ST_DRAFT, NULL, 0, repair_visit, &r)) != 0)
		goto out;
	for (i = 0; i < r.n; i++) {
		free(why);
		why = NULL;
		rc = confirm_nested(tx, r.ids[i], &why);
		if (rc == 0)
			(*fixed)++;
		else if (batch_refusal(rc))
			(*shortn)++;
		else {
			cause_set(cause, rc, "order %llu: %s",
			    (unsigned long long)r.ids[i], why != NULL ? why :
			    ordo_strerror(rc));
			goto out;
		}
	}
	rc = 0;
out:
	free(why);
	free(r.ids);
	return (rc);
}

static int
confirm_fn(struct db_txn *tx, void *arg, char **cause)
{
	return (order_confirm(tx, *(uint64_t *)arg, ORDER_ANY_VERSION, cause));
}

/* Confirm in a child txn, so a short confirm leaves no half reservation. */
static int
confirm_nested(struct db_txn *tx, uint64_t id, char **cause)
{
	return (db_nested(tx, confirm_fn, &id, cause));
}

/* The customer standing for a channel: code = channel in capitals. */
static int
channel_customer(struct db_txn *tx, const char *channel, char **code,
    char **cause)
{
	struct customer	 c;
	MDB_val		 v;
	char		*p;
	int		 rc;

	*code = xstrdup(channel);
	for (p = *code; *p != '\0'; p++) {
		if (isalnum((unsigned char)*p) || *p == '-' || *p == '_' ||
		    *p == '.')
			*p = (char)toupper((unsigned char)*p);
		else
			*p = '-';
	}
	if (strlen(*code) > CUSTOMER_CODE_MAX)
		(*code)[CUSTOMER_CODE_MAX] = '\0';
	/* Made on first use: usually it is there already. */
	if (db_get(tx, TB_CUSTOMERS, *code, strlen(*code), &v) == 0)
		return (0);
	memset(&c, 0, sizeof c);
	c.code = *code;
	c.name = (char *)channel;
	c.notes = (char *)"Marketplace: receivable until its payout";
	rc = customer_ensure(tx, &c, cause);
	if (rc != 0) {
		free(*code);
		*code = NULL;
	}
	return (rc);
}

/* 1 if a line of the order is flagged unmapped (unknown SKU). */
static int
order_unmapped(const struct order *o)
{
	size_t	 i;

	for (i = 0; i < o->nlines; i++)
		if (o->lines[i].flags & LINE_UNMAPPED)
			return (1);
	return (0);
}

/* 1 if some shipped quantity of the order has not come back. */
static int
order_unreturned(const struct order *o)
{
	size_t	 i;

	for (i = 0; i < o->nlines; i++)
		if (o->lines[i].shipped > o->lines[i].returned)
			return (1);
	return (0);
}

/* How people name a marketplace order: "#1001 (id 6634...)", or its id. */
static const char *
ext_name(const struct order *o, char *buf, size_t len)
{
	if (o->ext_number == NULL || *o->ext_number == '\0' ||
	    strcmp(o->ext_number, o->ext_id) == 0)
		snprintf(buf, len, "%s", o->ext_id);
	else
		snprintf(buf, len, "%s (id %s)", o->ext_number, o->ext_id);
	return (buf);
}

/*
 * Ship order id as the marketplace has (order_ship_all): every open
 * quantity leaves, stock or not.  *beyond is set, and cause says which
 * rows went below what they hold (flagged for a count), naming the
 * marketplace's order id: the goods have gone, a person counts them.
 */
static int
ship_as_marketplace(struct db_txn *tx, struct apply *a, uint64_t id,
    int *beyond, char **cause)
{
	struct order	 o;
	struct stock	 st;
	struct buf	 say;
	char		 name[256];
	size_t		 i, j;
	int		 rc;

	*beyond = 0;
	if ((rc = order_ship_all(tx, id, ORDER_ANY_VERSION, a->carrier,
	    a->tracking, NULL, cause)) != 0)
		return (rc);
	if ((rc = order_get(tx, id, &o, cause)) != 0)
		return (rc);
	buf_init(&say);
	for (i = 0; i < o.nlines && rc == 0; i++) {
		for (j = 0; j < i; j++)
			if (strcmp(o.lines[j].sku, o.lines[i].sku) == 0 &&
			    strcmp(o.lines[j].loc, o.lines[i].loc) == 0)
				break;
		if (j < i)
			continue;
		if ((rc = stock_get(tx, o.lines[i].sku, o.lines[i].loc,
		    &st)) == 0 && st.count_due && stock_available(&st) < 0) {
			char	*t;

			xasprintf(&t, "%s%s at %s now %lld on hand, %lld "
			    "reserved", say.len > 0 ? "; " : "", st.sku,
			    st.loc, (long long)st.on_hand,
			    (long long)st.reserved);
			buf_add(&say, t, strlen(t));
			free(t);
		}
		stock_free(&st);
	}
	if (rc == 0 && say.len > 0) {
		buf_add(&say, "", 1);
		*beyond = 1;
		cause_set(cause, 0, "%s order %s was shipped there beyond "
		    "ordo's stock; it is recorded shipped here as order %llu: "
		    "%s; count it ('ordo stock adjust')", o.channel,
		    ext_name(a->o, name, sizeof name), (unsigned long long)id,
		    (char *)say.d);
	}
	buf_free(&say);
	order_free(&o);
	return (rc);
}

static int
apply_existing(struct db_txn *tx, struct apply *a, uint64_t id, char **cause)
{
	struct order	 o;
	enum order_status st;
	int		 rc = 0, beyond = 0;

	if ((rc = order_get(tx, id, &o, cause)) != 0)
		return (rc);
	a->o->id = id;
	*a->res = IMP_UNCHANGED;
	switch (a->st) {
	case MKT_CANCELLED:
	case MKT_REFUNDED:
		/* Nothing has left (picking after a part shipped, say). */
		if (o.status < ST_PARTIAL && !order_unreturned(&o)) {
			rc = order_cancel(tx, id, o.version,
			    "cancelled on the marketplace", cause);
			*a->res = IMP_UPDATED;
		} else if (o.status != ST_CANCELLED && order_unreturned(&o)) {
			/*
			 * Goods have left: only a person can take the return
			 * (restock or scrap), so say so and change nothing.
			 */
			*a->res = IMP_ATTENTION;
			cause_set(cause, 0, "order %llu was shipped here but is "
			    "%s on %s: take the return with 'ordo order "
			    "return'", (unsigned long long)id, a->st ==
			    MKT_REFUNDED ? "refunded" : "cancelled",
			    o.channel);
		}
		break;
	case MKT_SHIPPED:
	case MKT_DELIVERED:
		/* An unknown SKU mapped since (an alias) is mapped now. */
		if (o.status == ST_DRAFT && order_unmapped(&o)) {
			rc = a->nest ? confirm_nested(tx, id, cause) :
			    order_confirm(tx, id, ORDER_ANY_VERSION, cause);
			if (rc == ORDO_EINVAL) {
				/* Still unknown: left for a clerk to map. */
				rc = 0;
				break;
			}
			if (rc != 0 && rc != ORDO_ESHORT)
				break;
			rc = 0;
		}
		/* The goods have left: short of stock or not. */
		if (o.status >= ST_DRAFT && o.status <= ST_PARTIAL) {
			rc = ship_as_marketplace(tx, a, id, &beyond, cause);
			*a->res = beyond ? IMP_BEYOND_UPD : IMP_UPDATED;
		}
		break;
	default:
		break;
	}
	/* Made by this batch in a run cut short: it counts as made. */
	if (rc == 0 && o.batch == a->b->id && id < a->b->run_from &&
	    *a->res != IMP_ATTENTION) {
		if ((rc = order_status_get(tx, id, &st)) == 0)
			*a->res = beyond ? IMP_BEYOND : st != ST_DRAFT ?
			    IMP_NEW : order_unmapped(&o) ? IMP_UNKNOWN :
			    IMP_SHORT;
	}
	order_free(&o);
	return (rc);
}

static int
apply_new(struct db_txn *tx, void *arg, char **cause)
{
	struct apply	*a = arg;
	struct order	*o = a->o;
	struct buf	 k;
	char		*sku, *code = NULL;
	size_t		 i;
	uint64_t	 id;
	int		 rc, beyond;

	if (order_find_external(tx, o->channel, o->ext_id, &id) == 0)
		return (apply_existing(tx, a, id, cause));

	for (i = 0; i < o->nlines; i++) {
		if (alias_resolve(tx, o->channel, o->lines[i].sku, &sku) == 0) {
			/* batch_apply frees it and puts the caller's back. */
			o->lines[i].sku = sku;
			o->lines[i].flags &= ~LINE_UNMAPPED;
		} else if (a->unknown_flag)
			o->lines[i].flags |= LINE_UNMAPPED;
		else
			return (cause_set(cause, ORDO_ENOTFOUND, "line %zu: "
			    "unknown SKU %s (map it with 'ordo import "
			    "--alias')", i + 1, o->lines[i].sku));
	}
	if (o->customer == NULL || *o->customer == '\0') {
		if ((rc = channel_customer(tx, o->channel, &code, cause)) != 0)
			return (rc);
		o->customer = code;	/* batch_apply puts it back */
	}
	o->batch = a->b->id;
	/* Created and confirmed at once where it can be; else a draft. */
	if (a->st == MKT_CANCELLED || a->st == MKT_REFUNDED)
		rc = order_new(tx, o, cause);
	else
		rc = order_new_confirm(tx, o, cause);
	if (rc != 0)
		return (rc);
	buf_init(&k);
	key_u64(&k, a->b->id);
	key_u64(&k, o->id);
	rc = db_put(tx, TB_IMPORT_ORDERS, k.d, k.len, "", 0, 0);
	buf_free(&k);
	if (rc != 0)
		return (rc);
	*a->res = IMP_NEW;
	switch (a->st) {
	case MKT_CANCELLED:
	case MKT_REFUNDED:
		return (order_cancel(tx, o->id, ORDER_ANY_VERSION,
		    "cancelled on the marketplace", cause));
	case MKT_PENDING:
	case MKT_PAID:
	case MKT_SHIPPED:
	case MKT_DELIVERED:
		break;
	}
	for (i = 0; i < o->nlines; i++)
		if (o->lines[i].flags & LINE_UNMAPPED) {
			*a->res = IMP_UNKNOWN;
			return (0);	/* a clerk maps it first */
		}
	/*
	 * Shipped there: the goods have left, so it is shipped here from
	 * what it reserved (or from the draft it was left, short of stock).
	 */
	if (a->st == MKT_SHIPPED || a->st == MKT_DELIVERED) {
		rc = ship_as_marketplace(tx, a, o->id, &beyond, cause);
		if (beyond)
			*a->res = IMP_BEYOND;
		return (rc);
	}
	/* A refused confirm writes nothing (order.h), nested or not. */
	rc = 0;
	if (o->status == ST_DRAFT)
		rc = a->nest ? confirm_nested(tx, o->id, cause) :
		    order_confirm(tx, o->id, ORDER_ANY_VERSION, cause);
	if (rc == ORDO_ESHORT) {
		*a->res = IMP_SHORT;
		return (0);
	}
	return (rc);
}

int
batch_apply(struct db_txn *tx, const struct batch *b, struct order *o,
    enum mkt_status st, const char *carrier, const char *tracking,
    int unknown_flag, enum imp_result *res, char **cause)
{
	return (batch_apply1(tx, b, o, st, carrier, tracking, unknown_flag,
	    res, cause, 1));
}

int
batch_currency_ok(const struct config *cfg, const char *currency,
    char **cause)
{
	if (cfg == NULL || currency == NULL || *currency == '\0' ||
	    strcmp(currency, cfg->currency) == 0)
		return (0);
	return (cause_set(cause, ORDO_EINVAL, "currency %s is not the "
	    "company's %s", currency, cfg->currency));
}

int
batch_order_open(enum mkt_status st, enum order_status s)
{
	if (st != MKT_SHIPPED && st != MKT_DELIVERED)
		return (0);
	return (s != ST_SHIPPED && s != ST_DELIVERED && s != ST_CLOSED &&
	    s != ST_CANCELLED);
}

void
batch_tally(struct batch *b, const int64_t *w, int64_t open)
{
	b->orders_new = w[IMP_NEW] + w[IMP_SHORT] + w[IMP_UNKNOWN] +
	    w[IMP_BEYOND];
	b->orders_short = w[IMP_SHORT] + w[IMP_UNKNOWN];
	b->orders_updated = w[IMP_UPDATED] + w[IMP_BEYOND_UPD];
	b->orders_unchanged = w[IMP_UNCHANGED] + w[IMP_ATTENTION];
	b->attention = w[IMP_ATTENTION];
	b->open = open;
}

int
batch_refusal(int rc)
{
	return (rc == ORDO_EINVAL || rc == ORDO_ENOTFOUND ||
	    rc == ORDO_EEXIST || rc == ORDO_ESHORT || rc == ORDO_ESTATE ||
	    rc == ORDO_ECONFLICT || rc == ORDO_EUNBALANCED ||
	    rc == ORDO_ERANGE);
}

int
batch_apply_direct(struct db_txn *tx, const struct batch *b, struct order *o,
    enum mkt_status st, const char *carrier, const char *tracking,
    int unknown_flag, enum imp_result *res, char **cause)
{
	return (batch_apply1(tx, b, o, st, carrier, tracking, unknown_flag,
	    res, cause, 0));
}

static int
batch_apply1(struct db_txn *tx, const struct batch *b, struct order *o,
    enum mkt_status st, const char *carrier, const char *tracking,
    int unknown_flag, enum imp_result *res, char **cause, int nest)
{
	struct apply	 a;
	struct order_line *l;
	char		*cust, **skus;
	unsigned	*flags;
	uint64_t	 txbatch = tx->batch;
	size_t		 i;
	int		 rc;

	a.b = b;
	a.o = o;
	a.st = st;
	a.carrier = carrier;
	a.tracking = tracking;
	a.unknown_flag = unknown_flag;
	a.res = res;
	a.nest = nest;
	*res = IMP_REJECTED;
	/*
	 * apply_new resolves the SKUs and names the channel's customer in
	 * o; give the caller back o as it was, so that the same o can be
	 * applied again when the caller's transaction is re-run from the
	 * start (map growth): by then the customer made in the first run is
	 * gone, and a resolved SKU could be resolved once more.
	 */
	cust = o->customer;
	skus = xcalloc(o->nlines + 1, sizeof *skus);
	flags = xcalloc(o->nlines + 1, sizeof *flags);
	for (i = 0; i < o->nlines; i++) {
		skus[i] = o->lines[i].sku;
		flags[i] = o->lines[i].flags;
	}
	tx->batch = b->id;	/* the chunk audits its orders (audit.h) */
	if (nest)
		rc = db_nested(tx, apply_new, &a, cause);
	else
		rc = apply_new(tx, &a, cause);
	tx->batch = txbatch;
	for (i = 0; i < o->nlines; i++) {
		l = &o->lines[i];
		if (l->sku != skus[i]) {
			free(l->sku);
			l->sku = skus[i];
		}
		l->flags = flags[i];
	}
	if (o->customer != cust) {
		free(o->customer);
		o->customer = cust;
	}
	free(skus);
	free(flags);
	if (rc == 0 && (st == MKT_SHIPPED || st == MKT_DELIVERED))
		rc = order_status_get(tx, o->id, &o->status);
	/*
	 * A refusal of this order rejects it and the batch goes on; a damaged
	 * database, an I/O error or a missing role stops the batch.  Without
	 * a child transaction a refusal may have left writes behind, so it
	 * goes back to the caller, who must abort.
	 */
	if (!nest)
		return (rc);
	if (batch_refusal(rc)) {
		*res = IMP_REJECTED;
		unmade(tx, o, cause);
		return (0);
	}
	return (rc);
}

/*
 * A refused order that was new is not there: a reason naming the number
 * it had while it was being made ("order 123: ...") names the
 * marketplace's order id instead.
 */
static void
unmade(struct db_txn *tx, const struct order *o, char **cause)
{
	enum order_status st;
	char		 num[32], name[256], *p, *n;
	size_t		 len;

	if (cause == NULL || *cause == NULL || o->id == 0 ||
	    order_status_get(tx, o->id, &st) == 0)
		return;
	len = (size_t)snprintf(num, sizeof num, "order %llu",
	    (unsigned long long)o->id);
	while ((p = strstr(*cause, num)) != NULL &&
	    (p[len] < '0' || p[len] > '9')) {
		xasprintf(&n, "%.*s%s order %s%s", (int)(p - *cause),
		    *cause, o->channel, ext_name(o, name, sizeof name),
		    p + len);
		free(*cause);
		*cause = n;
	}
}
