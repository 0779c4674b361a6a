/*
 * order.c: orders and their lifecycle.  order.h gives the statuses, the
 * roles, the money rules and the tables.
 *
 * Every event follows one pattern: check the role, load the order, check
 * the version and the state, check every input against the loaded order
 * and the stock (no writes yet), then write the stock moves, the invoice,
 * the journal entry and the changed order with its index entries, its
 * history and its audit record.  So a refusal writes nothing, and an
 * importer may go on in the same transaction after one.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ordo/audit.h"
#include "ordo/batch.h"
#include "ordo/config.h"
#include "ordo/core.h"
#include "ordo/customer.h"
#include "ordo/error.h"
#include "ordo/item.h"
#include "ordo/ledger.h"
#include "ordo/order.h"
#include "ordo/payment.h"
#include "ordo/stock.h"
#include "ordo/util.h"
#include "ordo/xmalloc.h"

#define ORD_RECORD	1	/* record version byte */
#define ORD_HIST_RECORD	1
#define ORD_QTY_MAX	1000000000
#define ORD_LOC_MAX	32
#define ORD_ULL(x)	((unsigned long long)(x))
#define ORD_LL(x)	((long long)(x))

static void	 ord_cat(char **, const char *, ...)
		    __attribute__((format(printf, 2, 3)));
static void	 ord_encode(const struct order *, struct buf *);
static int	 ord_decode(const void *, size_t, struct order *);
static int	 ord_begin(struct db_txn *, uint64_t, uint32_t, enum role,
		    const char *, struct order *, char **);
static int	 ord_refuse(const struct order *, const char *, char **);
static int	 ord_save(struct db_txn *, struct order *, int, const char *,
		    const char *);
static int	 ord_index(struct db_txn *, enum db_table, const struct order *,
		    int, int);
static int	 ord_loc(struct db_txn *, const char *, char **, char **);
static int	 ord_line_make(struct db_txn *, const char *,
		    const struct order_line *, uint16_t, struct order_line *,
		    char **);
static int	 ord_totals(struct order *, char **);
static struct order_line *ord_line(struct order *, const struct line_qty *,
		    char **);
static int	 ord_plan(struct db_txn *, const struct order *, int,
		    int64_t *, char **, char **);
static int	 ord_map(struct db_txn *, struct order *, char **);
static int	 ord_simple(struct db_txn *, uint64_t, uint32_t, enum role,
		    const char *, enum order_status, enum order_status,
		    const char *, const char *, const char *, char **);
static int64_t	 ord_part(int64_t, int64_t, int64_t, int64_t);
static int	 ord_move(struct db_txn *, const struct order *,
		    const struct order_line *, enum move_kind, int64_t,
		    int64_t *, char **);
static int	 ord_scan(struct db_txn *, enum db_table, const struct buf *,
		    const struct buf *, int, const char *,
		    int (*)(const struct order *, void *), void *);

static const char *ord_status_names[ST_NSTATUSES] = {
#define X(id, name) name,
	ORDER_STATUSES
#undef X
};

const char *
order_status_name(enum order_status s)
{
	return ((unsigned)s < ST_NSTATUSES ? ord_status_names[s] : "?");
}

int
order_status_parse(const char *s, enum order_status *out)
{
	int	 i;

	for (i = 0; i < ST_NSTATUSES; i++) {
		if (strcmp(s, ord_status_names[i]) == 0) {
			*out = (enum order_status)i;
			return (0);
		}
	}
	return (ORDO_EINVAL);
}

int64_t
line_open(const struct order_line *l)
{
	return (l->qty - l->shipped - l->cancelled);
}

int64_t
line_backordered(const struct order_line *l)
{
	int64_t	 b = line_open(l) - l->reserved;

	return (b > 0 ? b : 0);
}

/* Append formatted text to an allocated string (NULL: start one). */
static void
ord_cat(char **s, const char *fmt, ...)
{
	va_list	 ap;
	char	*add, *n;

	va_start(ap, fmt);
	xvasprintf(&add, fmt, ap);
	va_end(ap);
	if (*s == NULL) {
		*s = add;
		return;
	}
	xasprintf(&n, "%s%s", *s, add);
	free(*s);
	free(add);
	*s = n;
}

/* Records. */

static void
ord_encode(const struct order *o, struct buf *b)
{
	const struct order_line	*l;
	size_t			 i;

	enc_u8(b, ORD_RECORD);
	enc_str(b, o->channel);
	enc_str(b, o->ext_id);
	enc_str(b, o->ext_number);
	enc_str(b, o->customer);
	enc_u8(b, (uint8_t)o->status);
	enc_i64(b, o->created);
	enc_i64(b, o->updated);
	enc_str(b, o->updated_by);
	enc_u32(b, o->version);
	enc_str(b, o->ship_to);
	enc_str(b, o->notes);
	enc_str(b, o->carrier);
	enc_str(b, o->tracking);
	enc_str(b, o->loc);
	enc_i64(b, o->shipping);
	enc_u32(b, (uint32_t)o->ship_tax_rate);
	enc_i64(b, o->ship_tax);
	enc_i64(b, o->net);
	enc_i64(b, o->tax);
	enc_i64(b, o->total);
	enc_u64(b, o->batch);
	enc_u16(b, (uint16_t)o->nlines);
	for (i = 0; i < o->nlines; i++) {
		l = &o->lines[i];
		enc_u16(b, l->no);
		enc_str(b, l->sku);
		enc_str(b, l->name);
		enc_str(b, l->loc);
		enc_i64(b, l->qty);
		enc_i64(b, l->reserved);
		enc_i64(b, l->picked);
		enc_i64(b, l->shipped);
		enc_i64(b, l->returned);
		enc_i64(b, l->cancelled);
		enc_i64(b, l->unit_price);
		enc_i64(b, l->discount);
		enc_u32(b, (uint32_t)l->tax_rate);
		enc_i64(b, l->net);
		enc_i64(b, l->tax);
		enc_i64(b, l->cost_shipped);
		enc_i64(b, l->cost_returned);
		enc_u8(b, (uint8_t)l->flags);
	}
}

static int
ord_decode(const void *p, size_t len, struct order *o)
{
	struct order_line	*l;
	struct rd		 r;
	size_t			 i;
	uint8_t			 st;

	rd_init(&r, p, len);
	if (dec_u8(&r) != ORD_RECORD)
		return (ORDO_ECORRUPT);
	o->channel = dec_str(&r);
	o->ext_id = dec_str(&r);
	o->ext_number = dec_str(&r);
	o->customer = dec_str(&r);
	st = dec_u8(&r);
	o->status = (enum order_status)st;
	o->created = dec_i64(&r);
	o->updated = dec_i64(&r);
	o->updated_by = dec_str(&r);
	o->version = dec_u32(&r);
	o->ship_to = dec_str(&r);
	o->notes = dec_str(&r);
	o->carrier = dec_str(&r);
	o->tracking = dec_str(&r);
	o->loc = dec_str(&r);
	o->shipping = dec_i64(&r);
	o->ship_tax_rate = (int)dec_u32(&r);
	o->ship_tax = dec_i64(&r);
	o->net = dec_i64(&r);
	o->tax = dec_i64(&r);
	o->total = dec_i64(&r);
	o->batch = dec_u64(&r);
	o->nlines = dec_u16(&r);
	if (r.err || st >= ST_NSTATUSES || o->nlines > ORDER_MAXLINES)
		return (ORDO_ECORRUPT);
	o->lines = xcalloc(o->nlines + 1, sizeof *o->lines);
	for (i = 0; i < o->nlines; i++) {
		l = &o->lines[i];
		l->no = dec_u16(&r);
		l->sku = dec_str(&r);
		l->name = dec_str(&r);
		l->loc = dec_str(&r);
		l->qty = dec_i64(&r);
		l->reserved = dec_i64(&r);
		l->picked = dec_i64(&r);
		l->shipped = dec_i64(&r);
		l->returned = dec_i64(&r);
		l->cancelled = dec_i64(&r);
		l->unit_price = dec_i64(&r);
		l->discount = dec_i64(&r);
		l->tax_rate = (int)dec_u32(&r);
		l->net = dec_i64(&r);
		l->tax = dec_i64(&r);
		l->cost_shipped = dec_i64(&r);
		l->cost_returned = dec_i64(&r);
		l->flags = dec_u8(&r);
	}
	return (rd_ok(&r) ? 0 : ORDO_ECORRUPT);
}

void
order_free(struct order *o)
{
	size_t	 i;

	if (o == NULL)
		return;
	for (i = 0; o->lines != NULL && i < o->nlines; i++) {
		free(o->lines[i].sku);
		free(o->lines[i].name);
		free(o->lines[i].loc);
	}
	free(o->lines);
	free(o->channel);
	free(o->ext_id);
	free(o->ext_number);
	free(o->customer);
	free(o->updated_by);
	free(o->ship_to);
	free(o->notes);
	free(o->carrier);
	free(o->tracking);
	free(o->loc);
	memset(o, 0, sizeof *o);
}

int
order_get(struct db_txn *tx, uint64_t id, struct order *o, char **cause)
{
	struct buf	 k;
	MDB_val		 v;
	int		 rc;

	memset(o, 0, sizeof *o);
	buf_init(&k);
	key_u64(&k, id);
	rc = db_getb(tx, TB_ORDERS, &k, &v);
	buf_free(&k);
	if (rc == MDB_NOTFOUND)
		return (cause_set(cause, ORDO_ENOTFOUND, "no order %llu",
		    ORD_ULL(id)));
	if (rc != 0)
		return (cause_set(cause, rc, "order %llu: %s", ORD_ULL(id),
		    ordo_strerror(rc)));
	if ((rc = ord_decode(v.mv_data, v.mv_size, o)) != 0) {
		order_free(o);
		return (cause_set(cause, rc, "order %llu: damaged record",
		    ORD_ULL(id)));
	}
	o->id = id;
	return (0);
}

int
order_find_external(struct db_txn *tx, const char *channel,
    const char *ext_id, uint64_t *id)
{
	struct buf	 k;
	MDB_val		 v;
	int		 rc;

	*id = 0;
	if (channel == NULL || ext_id == NULL || *ext_id == '\0' ||
	    strlen(channel) + strlen(ext_id) + 1 > DB_MAXKEY)
		return (ORDO_ENOTFOUND);
	buf_init(&k);
	key_str(&k, channel);
	key_strn(&k, ext_id);
	rc = db_getb(tx, TB_ORD_BY_EXT, &k, &v);
	buf_free(&k);
	if (rc == MDB_NOTFOUND)
		return (ORDO_ENOTFOUND);
	if (rc != 0)
		return (rc);
	if (v.mv_size != 8)
		return (ORDO_ECORRUPT);
	*id = key_get_u64(v.mv_data);
	return (0);
}

/* Events: the shared steps. */

/* Check the role, load the order and check the version the caller saw. */
static int
ord_begin(struct db_txn *tx, uint64_t id, uint32_t ver, enum role need,
    const char *what, struct order *o, char **cause)
{
	char	 t[TIME_BUFSZ];
	int	 rc;

	memset(o, 0, sizeof *o);
	if ((rc = core_require(tx, need, what, cause)) != 0)
		return (rc);
	if ((rc = order_get(tx, id, o, cause)) != 0)
		return (rc);
	if (ver != ORDER_ANY_VERSION && ver != o->version) {
		rc = cause_set(cause, ORDO_ECONFLICT, "order %llu was changed "
		    "by %s at %s (version %u, you have %u); reload it",
		    ORD_ULL(id), o->updated_by, time_fmt(t, sizeof t,
		    o->updated), o->version, ver);
		order_free(o);
	}
	return (rc);
}

static int
ord_refuse(const struct order *o, const char *only, char **cause)
{
	return (cause_set(cause, ORDO_ESTATE, "order %llu is %s; only %s",
	    ORD_ULL(o->id), order_status_name(o->status), only));
}

/* Put or delete one index entry of o (status index: status st). */
static int
ord_index(struct db_txn *tx, enum db_table t, const struct order *o,
    int st, int del)
{
	struct buf	 k;
	int		 rc;

	buf_init(&k);
	switch (t) {
	case TB_ORD_BY_STATUS:
		key_u8(&k, (uint8_t)st);
		break;
	case TB_ORD_BY_CUST:
		key_str(&k, o->customer);
		break;
	case TB_ORD_BY_DATE:
		key_i64(&k, o->created);
		break;
	default:
		abort();
	}
	key_u64(&k, o->id);
	if (del) {
		rc = db_del(tx, t, k.d, k.len);
		if (rc == MDB_NOTFOUND)
			rc = 0;
	} else
		rc = db_put(tx, t, k.d, k.len, "", 0, 0);
	buf_free(&k);
	return (rc);
}

/*
 * Write o as its next version: the record, its status index entry moved
 * from "from" (-1: a new order, all its indexes), one history record (key:
 * id and the new version) and one audit record.
 */
static int
ord_save(struct db_txn *tx, struct order *o, int from, const char *action,
    const char *note)
{
	struct buf	 k, v;
	char		 obj[32];
	int		 rc;

	o->version++;
	o->updated = tx->now;
	free(o->updated_by);
	o->updated_by = xstrdup(tx->user != NULL ? tx->user : "");
	buf_init(&k);
	buf_init(&v);
	key_u64(&k, o->id);
	ord_encode(o, &v);
	if ((rc = db_putb(tx, TB_ORDERS, &k, &v, 0)) != 0)
		goto out;
	if (from < 0) {
		if ((rc = ord_index(tx, TB_ORD_BY_CUST, o, 0, 0)) != 0 ||
		    (rc = ord_index(tx, TB_ORD_BY_DATE, o, 0, 0)) != 0)
			goto out;
	}
	if (from != (int)o->status) {
		if (from >= 0 &&
		    (rc = ord_index(tx, TB_ORD_BY_STATUS, o, from, 1)) != 0)
			goto out;
		if ((rc = ord_index(tx, TB_ORD_BY_STATUS, o, o->status,
		    0)) != 0)
			goto out;
	}
	key_u32(&k, o->version);
	buf_reset(&v);
	enc_u8(&v, ORD_HIST_RECORD);
	enc_i64(&v, tx->now);
	enc_str(&v, o->updated_by);
	enc_u8(&v, (uint8_t)(from < 0 ? o->status : (unsigned)from));
	enc_u8(&v, (uint8_t)o->status);
	enc_str(&v, note);
	if ((rc = db_putb(tx, TB_ORDER_HIST, &k, &v, 0)) != 0)
		goto out;
	snprintf(obj, sizeof obj, "order %llu", ORD_ULL(o->id));
	rc = audit_log(tx, action, obj, "version %u: %s", o->version, note);
out:
	buf_free(&k);
	buf_free(&v);
	return (rc);
}

/* The line a line_qty names, or NULL with a cause. */
static struct order_line *
ord_line(struct order *o, const struct line_qty *lq, char **cause)
{
	if (lq->no == 0 || lq->no > o->nlines) {
		cause_set(cause, ORDO_EINVAL, "line %u: order %llu has no "
		    "such line (it has %zu)", lq->no, ORD_ULL(o->id),
		    o->nlines);
		return (NULL);
	}
	if (lq->qty <= 0) {
		cause_set(cause, ORDO_EINVAL, "line %u: quantity must be "
		    "more than 0", lq->no);
		return (NULL);
	}
	return (&o->lines[lq->no - 1]);
}

/* Resolve a location: given (must exist) or the first configured. */
static int
ord_loc(struct db_txn *tx, const char *want, char **out, char **cause)
{
	int	 rc;

	*out = NULL;
	if (want == NULL || *want == '\0') {
		if (tx->cfg == NULL || tx->cfg->nlocations == 0)
			return (cause_set(cause, ORDO_ECONFIG,
			    "no location is configured"));
		want = tx->cfg->locations[0].code;
	}
	if ((rc = text_check("location", want, ORD_LOC_MAX, 1, cause)) != 0)
		return (rc);
	if (!stock_location_exists(tx, want))
		return (cause_set(cause, ORDO_EINVAL, "unknown location %s",
		    want));
	*out = xstrdup(want);
	return (0);
}

/*
 * Check line "in" (number no) and make "out", an owned copy with the
 * price, tax rate, name and location resolved and net and tax computed.
 */
static int
ord_line_make(struct db_txn *tx, const char *oloc,
    const struct order_line *in, uint16_t no, struct order_line *out,
    char **cause)
{
	struct item	 it;
	char		 f[32], a[MONEY_BUFSZ], b[MONEY_BUFSZ], *e = NULL;
	int64_t		 gross;
	int		 rc, unmapped, have = 0;

	memset(out, 0, sizeof *out);
	memset(&it, 0, sizeof it);
	unmapped = (in->flags & LINE_UNMAPPED) != 0;
	snprintf(f, sizeof f, "line %u: SKU", no);
	if ((rc = text_check(f, in->sku, unmapped ? ITEM_NAME_MAX :
	    ITEM_SKU_MAX, 1, cause)) != 0)
		return (rc);
	if (!unmapped) {
		rc = item_get(tx, in->sku, &it, &e);
		if (rc == ORDO_ENOTFOUND)
			rc = cause_set(cause, rc, "line %u: unknown SKU %s "
			    "(not in the catalogue)", no, in->sku);
		else if (rc != 0)
			rc = cause_set(cause, rc, "line %u: %s", no,
			    e != NULL ? e : ordo_strerror(rc));
		free(e);
		if (rc != 0)
			return (rc);
		have = 1;
	}
	rc = ORDO_EINVAL;
	if (in->qty <= 0) {
		cause_set(cause, rc, "line %u: quantity must be more than 0",
		    no);
		goto out;
	}
	if (in->qty > ORD_QTY_MAX) {
		cause_set(cause, rc, "line %u: quantity %lld is too large",
		    no, ORD_LL(in->qty));
		goto out;
	}
	if (in->unit_price == -1 && !have) {
		cause_set(cause, rc, "line %u: SKU %s is not in the "
		    "catalogue, so the line needs its own price", no, in->sku);
		goto out;
	}
	if (in->unit_price < -1) {
		cause_set(cause, rc, "line %u: price must not be negative",
		    no);
		goto out;
	}
	if (in->tax_rate < -1 || in->tax_rate > 10000) {
		cause_set(cause, rc, "line %u: tax rate must be between 0 "
		    "and 100%%", no);
		goto out;
	}
	if (in->discount < 0) {
		cause_set(cause, rc, "line %u: discount must not be "
		    "negative", no);
		goto out;
	}
	snprintf(f, sizeof f, "line %u: name", no);
	if ((rc = text_check(f, in->name, ITEM_NAME_MAX, 0, cause)) != 0)
		goto out;
	out->no = no;
	out->qty = in->qty;
	out->discount = in->discount;
	out->flags = in->flags & LINE_UNMAPPED;
	out->unit_price = in->unit_price == -1 ? it.price : in->unit_price;
	if (in->tax_rate != -1)
		out->tax_rate = in->tax_rate;
	else if (have)
		out->tax_rate = item_tax_rate(tx, &it);
	else
		out->tax_rate = tx->cfg != NULL ? tx->cfg->tax_rate : 0;
	if (mul_i64(out->qty, out->unit_price, &gross) != 0) {
		rc = cause_set(cause, ORDO_ERANGE, "line %u: amount is too "
		    "large", no);
		goto out;
	}
	out->net = gross - out->discount;
	if (out->net < 0) {
		rc = cause_set(cause, ORDO_EINVAL, "line %u: discount %s is "
		    "more than the line amount %s", no, core_money(tx, a,
		    sizeof a, out->discount), core_money(tx, b, sizeof b,
		    gross));
		goto out;
	}
	out->tax = muldiv_round(out->net, out->tax_rate, 10000);
	if ((rc = ord_loc(tx, in->loc != NULL && *in->loc != '\0' ? in->loc :
	    oloc, &out->loc, &e)) != 0) {
		rc = cause_set(cause, rc, "line %u: %s", no, e);
		free(e);
		goto out;
	}
	out->sku = xstrdup(in->sku);
	if (in->name != NULL && *in->name != '\0')
		out->name = xstrdup(in->name);
	else
		out->name = xstrdup(have ? it.name : in->sku);
out:
	if (have)
		item_free(&it);
	if (rc != 0) {
		free(out->loc);
		memset(out, 0, sizeof *out);
	}
	return (rc);
}

/* Totals from the lines: exactly their sums. */
static int
ord_totals(struct order *o, char **cause)
{
	int64_t	 net = 0, tax = 0;
	size_t	 i;

	o->ship_tax = muldiv_round(o->shipping, o->ship_tax_rate, 10000);
	for (i = 0; i < o->nlines; i++) {
		if (add_i64(net, o->lines[i].net, &net) != 0 ||
		    add_i64(tax, o->lines[i].tax, &tax) != 0)
			goto range;
	}
	if (add_i64(net, o->shipping, &net) != 0 ||
	    add_i64(tax, o->ship_tax, &tax) != 0 ||
	    add_i64(net, tax, &o->total) != 0)
		goto range;
	o->net = net;
	o->tax = tax;
	return (0);
range:
	return (cause_set(cause, ORDO_ERANGE, "order total is too large"));
}

int
order_new(struct db_txn *tx, struct order *o, char **cause)
{
	struct order	 s;
	struct customer	 c;
	struct buf	 k, v;
	const char	*chan;
	char		*e = NULL, *note = NULL, m[MONEY_BUFSZ];
	uint64_t	 id;
	size_t		 i;
	int		 rc;

	memset(&s, 0, sizeof s);
	buf_init(&k);
	buf_init(&v);
	if ((rc = core_require(tx, ROLE_CLERK, "entering an order",
	    cause)) != 0)
		return (rc);
	if ((rc = text_check("channel", o->channel, 32, 0, cause)) != 0 ||
	    (rc = text_check("external id", o->ext_id, 200, 0, cause)) != 0)
		return (rc);
	chan = o->channel != NULL && *o->channel != '\0' ? o->channel :
	    "counter";
	/* Already imported?  Answer first, so a re-run is always a no-op. */
	if (o->ext_id != NULL && *o->ext_id != '\0') {
		rc = order_find_external(tx, chan, o->ext_id, &id);
		if (rc == 0) {
			o->id = id;
			return (cause_set(cause, ORDO_EEXIST, "%s order %s is "
			    "already there as order %llu", chan, o->ext_id,
			    ORD_ULL(id)));
		}
		if (rc != ORDO_ENOTFOUND)
			return (cause_set(cause, rc, "%s order %s: %s", chan,
			    o->ext_id, ordo_strerror(rc)));
	}
	if ((rc = text_check("customer", o->customer, CUSTOMER_CODE_MAX, 1,
	    cause)) != 0)
		return (rc);
	memset(&c, 0, sizeof c);
	if ((rc = customer_get(tx, o->customer, &c, &e)) != 0) {
		if (rc == ORDO_ENOTFOUND)
			rc = cause_set(cause, rc, "unknown customer %s",
			    o->customer);
		else
			rc = cause_set(cause, rc, "customer %s: %s",
			    o->customer, e != NULL ? e : ordo_strerror(rc));
		free(e);
		return (rc);
	}
	customer_free(&c);
	if ((rc = text_check("external number", o->ext_number, 64, 0,
	    cause)) != 0 ||
	    (rc = text_check("ship to", o->ship_to, 1000, 0, cause)) != 0 ||
	    (rc = text_check("notes", o->notes, 4000, 0, cause)) != 0)
		return (rc);
	if (o->shipping < 0)
		return (cause_set(cause, ORDO_EINVAL, "shipping must not be "
		    "negative"));
	if (o->nlines > ORDER_MAXLINES)
		return (cause_set(cause, ORDO_EINVAL, "too many lines (%zu, at "
		    "most %d)", o->nlines, ORDER_MAXLINES));

	s.channel = xstrdup(chan);
	s.ext_id = xstrdup(o->ext_id != NULL ? o->ext_id : "");
	s.ext_number = xstrdup(o->ext_number != NULL ? o->ext_number : "");
	s.customer = xstrdup(o->customer);
	s.ship_to = xstrdup(o->ship_to != NULL ? o->ship_to : "");
	s.notes = xstrdup(o->notes != NULL ? o->notes : "");
	s.carrier = xstrdup("");
	s.tracking = xstrdup("");
	s.status = ST_DRAFT;
	s.created = o->created > 0 ? o->created : tx->now;
	s.shipping = o->shipping;
	s.ship_tax_rate = tx->cfg != NULL ? tx->cfg->tax_rate : 0;
	s.batch = o->batch;
	if ((rc = ord_loc(tx, o->loc, &s.loc, cause)) != 0)
		goto out;
	s.lines = xcalloc(o->nlines + 1, sizeof *s.lines);
	for (i = 0; i < o->nlines; i++) {
		if ((rc = ord_line_make(tx, s.loc, &o->lines[i],
		    (uint16_t)(i + 1), &s.lines[i], cause)) != 0)
			goto out;
		s.nlines++;
	}
	if ((rc = ord_totals(&s, cause)) != 0)
		goto out;

	if ((rc = db_seq_next(tx, "order", &s.id)) != 0)
		goto out;
	if (*s.ext_id != '\0') {
		key_str(&k, s.channel);
		key_strn(&k, s.ext_id);
		key_u64(&v, s.id);
		if ((rc = db_putb(tx, TB_ORD_BY_EXT, &k, &v,
		    MDB_NOOVERWRITE)) != 0)
			goto out;
	}
	xasprintf(&note, "created: %zu line%s, total %s", s.nlines,
	    s.nlines == 1 ? "" : "s", core_money(tx, m, sizeof m, s.total));
	if ((rc = ord_save(tx, &s, -1, "order.new", note)) != 0)
		goto out;

	o->id = s.id;
	o->version = s.version;
	o->status = s.status;
	o->created = s.created;
	o->updated = s.updated;
	o->ship_tax_rate = s.ship_tax_rate;
	o->ship_tax = s.ship_tax;
	o->net = s.net;
	o->tax = s.tax;
	o->total = s.total;
	for (i = 0; i < o->nlines; i++) {
		o->lines[i].no = s.lines[i].no;
		o->lines[i].unit_price = s.lines[i].unit_price;
		o->lines[i].tax_rate = s.lines[i].tax_rate;
		o->lines[i].net = s.lines[i].net;
		o->lines[i].tax = s.lines[i].tax;
	}
out:
	free(note);
	buf_free(&k);
	buf_free(&v);
	order_free(&s);
	return (rc);
}

int
order_add_line(struct db_txn *tx, uint64_t id, uint32_t ver,
    struct order_line *l, char **cause)
{
	struct order	 o;
	struct order_line nl;
	char		*note = NULL;
	int		 rc;

	if ((rc = ord_begin(tx, id, ver, ROLE_CLERK, "changing an order", &o,
	    cause)) != 0)
		return (rc);
	if (o.status != ST_DRAFT) {
		rc = ord_refuse(&o, "draft orders can be changed", cause);
		goto out;
	}
	if (o.nlines >= ORDER_MAXLINES) {
		rc = cause_set(cause, ORDO_EINVAL, "order %llu has %zu lines, "
		    "the most there can be", ORD_ULL(id), o.nlines);
		goto out;
	}
	if ((rc = ord_line_make(tx, o.loc, l, (uint16_t)(o.nlines + 1), &nl,
	    cause)) != 0)
		goto out;
	o.lines = xreallocarray(o.lines, o.nlines + 1, sizeof *o.lines);
	o.lines[o.nlines++] = nl;
	if ((rc = ord_totals(&o, cause)) != 0)
		goto out;
	xasprintf(&note, "line %u added: %s x %lld", nl.no, nl.sku,
	    ORD_LL(nl.qty));
	if ((rc = ord_save(tx, &o, o.status, "order.change", note)) != 0)
		goto out;
	l->no = nl.no;
	l->unit_price = nl.unit_price;
	l->tax_rate = nl.tax_rate;
	l->net = nl.net;
	l->tax = nl.tax;
out:
	free(note);
	order_free(&o);
	return (rc);
}

/* Confirm: reservations. */

/*
 * Work out what each line can reserve now: take[i] of its backordered
 * quantity, given what is available and what the earlier lines of this
 * order take from the same stock row.  The short lines are listed in
 * *shorts: with strict, only those that may not be backordered.
 */
static int
ord_plan(struct db_txn *tx, const struct order *o, int strict,
    int64_t *take, char **shorts, char **cause)
{
	const struct order_line	*l;
	struct stock		 st;
	int64_t			 want, avail;
	size_t			 i, j;
	int			 rc;

	*shorts = NULL;
	for (i = 0; i < o->nlines; i++) {
		l = &o->lines[i];
		take[i] = 0;
		if ((want = line_backordered(l)) == 0)
			continue;
		memset(&st, 0, sizeof st);
		if ((rc = stock_get(tx, l->sku, l->loc, &st)) != 0)
			return (cause_set(cause, rc, "line %u: %s at %s: %s",
			    l->no, l->sku, l->loc, ordo_strerror(rc)));
		avail = stock_available(&st);
		stock_free(&st);
		for (j = 0; j < i; j++) {
			if (strcmp(o->lines[j].sku, l->sku) == 0 &&
			    strcmp(o->lines[j].loc, l->loc) == 0)
				avail -= take[j];
		}
		if (avail < 0)
			avail = 0;
		take[i] = want < avail ? want : avail;
		/* The item or the location may allow selling short. */
		if (take[i] == want || (strict &&
		    stock_backorder_allowed(tx, l->sku, l->loc)))
			continue;
		ord_cat(shorts, "%sline %u: %s at %s: %lld available, %lld "
		    "wanted", *shorts != NULL ? "; " : "", l->no, l->sku,
		    l->loc, ORD_LL(avail), ORD_LL(want));
	}
	return (0);
}

/*
 * Map the unmapped lines whose SKU has since been given an alias on the
 * order's channel, or been added to the catalogue; refuse the rest.
 */
static int
ord_map(struct db_txn *tx, struct order *o, char **cause)
{
	struct order_line	*l;
	char			*bad = NULL, *sku;
	size_t			 i;
	int			 rc;

	for (i = 0; i < o->nlines; i++) {
		l = &o->lines[i];
		if (!(l->flags & LINE_UNMAPPED))
			continue;
		if (alias_resolve(tx, o->channel, l->sku, &sku) == 0) {
			free(l->sku);
			l->sku = sku;
			l->flags &= ~LINE_UNMAPPED;
			continue;
		}
		ord_cat(&bad, "%sline %u: SKU %s", bad != NULL ? "; " : "",
		    l->no, l->sku);
	}
	if (bad == NULL)
		return (0);
	rc = cause_set(cause, ORDO_EINVAL, "order %llu cannot be confirmed: "
	    "%s not in the catalogue; map the SKU to an item ('ordo import "
	    "--alias') or add the item, then confirm again", ORD_ULL(o->id),
	    bad);
	free(bad);
	return (rc);
}

int
order_confirm(struct db_txn *tx, uint64_t id, uint32_t ver, char **cause)
{
	struct order	 o;
	struct order_line *l;
	enum order_status from;
	int64_t		*take = NULL, got = 0, left = 0;
	char		*shorts = NULL, *note = NULL;
	size_t		 i;
	int		 rc, draft;

	if ((rc = ord_begin(tx, id, ver, ROLE_CLERK, "confirming an order",
	    &o, cause)) != 0)
		return (rc);
	from = o.status;
	draft = o.status == ST_DRAFT;
	if (!draft && (o.status < ST_CONFIRMED || o.status > ST_PARTIAL)) {
		rc = ord_refuse(&o, "draft orders can be confirmed (and "
		    "open ones confirmed again for their backorders)", cause);
		goto out;
	}
	if (draft && o.nlines == 0) {
		rc = cause_set(cause, ORDO_EINVAL, "order %llu has no lines; "
		    "add one before confirming", ORD_ULL(id));
		goto out;
	}
	if (draft && (rc = ord_map(tx, &o, cause)) != 0)
		goto out;
	take = xcalloc(o.nlines + 1, sizeof *take);
	if ((rc = ord_plan(tx, &o, draft, take, &shorts, cause)) != 0)
		goto out;
	for (i = 0; i < o.nlines; i++) {
		got += take[i];
		left += line_backordered(&o.lines[i]) - take[i];
	}
	if (draft && shorts != NULL) {
		rc = cause_set(cause, ORDO_ESHORT, "not enough stock for order "
		    "%llu: %s", ORD_ULL(id), shorts);
		goto out;
	}
	if (!draft && got + left == 0) {
		rc = cause_set(cause, ORDO_ESTATE, "order %llu is %s and "
		    "nothing is backordered; there is nothing to confirm",
		    ORD_ULL(id), order_status_name(o.status));
		goto out;
	}
	if (!draft && got == 0) {
		rc = cause_set(cause, ORDO_ESHORT, "order %llu: nothing more "
		    "can be reserved for its backorders yet: %s", ORD_ULL(id),
		    shorts);
		goto out;
	}

	for (i = 0; i < o.nlines; i++) {
		l = &o.lines[i];
		if (take[i] == 0)
			continue;
		if ((rc = stock_reserve(tx, l->sku, l->loc, take[i],
		    cause)) != 0)
			goto out;
		l->reserved += take[i];
	}
	if (draft)
		o.status = ST_CONFIRMED;
	xasprintf(&note, "%s: %lld reserved", draft ? "confirmed" :
	    "backorders reserved", ORD_LL(got));
	if (left > 0)
		ord_cat(&note, ", %lld backordered", ORD_LL(left));
	rc = ord_save(tx, &o, from, "order.confirm", note);
out:
	free(note);
	free(shorts);
	free(take);
	order_free(&o);
	return (rc);
}

/* Pick, pack, deliver, close. */

int
order_pick(struct db_txn *tx, uint64_t id, uint32_t ver,
    const struct line_qty *lq, size_t n, char **cause)
{
	struct order	 o;
	struct order_line *l;
	int64_t		*add = NULL, total = 0;
	char		*note = NULL;
	enum order_status from;
	size_t		 i;
	int		 rc;

	if ((rc = ord_begin(tx, id, ver, ROLE_PICKER, "picking an order", &o,
	    cause)) != 0)
		return (rc);
	from = o.status;
	if (o.status != ST_CONFIRMED && o.status != ST_PICKING &&
	    o.status != ST_PARTIAL) {
		rc = ord_refuse(&o, "confirmed, picking or partial orders can "
		    "be picked", cause);
		goto out;
	}
	add = xcalloc(o.nlines + 1, sizeof *add);
	if (lq == NULL || n == 0) {
		for (i = 0; i < o.nlines; i++)
			add[i] = o.lines[i].reserved - o.lines[i].picked;
	}
	for (i = 0; lq != NULL && i < n; i++) {
		if ((l = ord_line(&o, &lq[i], cause)) == NULL) {
			rc = ORDO_EINVAL;
			goto out;
		}
		if (lq[i].qty > l->reserved - l->picked - add[l->no - 1]) {
			rc = cause_set(cause, ORDO_EINVAL, "line %u: cannot "
			    "pick %lld of %s; %lld reserved and not yet "
			    "picked", l->no, ORD_LL(lq[i].qty), l->sku,
			    ORD_LL(l->reserved - l->picked - add[l->no - 1]));
			goto out;
		}
		add[l->no - 1] += lq[i].qty;
	}
	for (i = 0; i < o.nlines; i++) {
		o.lines[i].picked += add[i];
		total += add[i];
		if (add[i] > 0)
			ord_cat(&note, "%sline %u x %lld", note == NULL ?
			    "picked: " : ", ", o.lines[i].no, ORD_LL(add[i]));
	}
	if (total == 0) {
		rc = cause_set(cause, ORDO_ESTATE, "order %llu: nothing left "
		    "to pick (no reserved quantity is unpicked)", ORD_ULL(id));
		goto out;
	}
	o.status = ST_PICKING;
	rc = ord_save(tx, &o, from, "order.pick", note);
out:
	free(note);
	free(add);
	order_free(&o);
	return (rc);
}

/* A status change with no stock or money: from one status to another. */
static int
ord_simple(struct db_txn *tx, uint64_t id, uint32_t ver, enum role need,
    const char *what, enum order_status want, enum order_status to,
    const char *only, const char *action, const char *note, char **cause)
{
	struct order	 o;
	size_t		 i;
	int64_t		 picked = 0;
	int		 rc;

	if ((rc = ord_begin(tx, id, ver, need, what, &o, cause)) != 0)
		return (rc);
	if (o.status != want)
		rc = ord_refuse(&o, only, cause);
	else {
		for (i = 0; i < o.nlines; i++)
			picked += o.lines[i].picked;
		if (to == ST_PACKED && picked == 0)
			rc = cause_set(cause, ORDO_ESTATE, "order %llu: "
			    "nothing is picked, so nothing can be packed",
			    ORD_ULL(id));
		else {
			o.status = to;
			rc = ord_save(tx, &o, want, action, note);
		}
	}
	order_free(&o);
	return (rc);
}

int
order_pack(struct db_txn *tx, uint64_t id, uint32_t ver, char **cause)
{
	return (ord_simple(tx, id, ver, ROLE_PICKER, "packing an order",
	    ST_PICKING, ST_PACKED, "orders being picked can be packed",
	    "order.pack", "packed", cause));
}

int
order_deliver(struct db_txn *tx, uint64_t id, uint32_t ver, char **cause)
{
	return (ord_simple(tx, id, ver, ROLE_CLERK, "marking an order "
	    "delivered", ST_SHIPPED, ST_DELIVERED, "shipped orders can be "
	    "marked delivered", "order.deliver", "delivered", cause));
}

int
order_close(struct db_txn *tx, uint64_t id, uint32_t ver, char **cause)
{
	return (ord_simple(tx, id, ver, ROLE_CLERK, "closing an order",
	    ST_DELIVERED, ST_CLOSED, "delivered orders can be closed",
	    "order.close", "closed", cause));
}

/* Ship, return: stock and money. */

/* The part of amount a for quantities before..after of qty. */
static int64_t
ord_part(int64_t a, int64_t before, int64_t after, int64_t qty)
{
	return (muldiv_round(a, after, qty) - muldiv_round(a, before, qty));
}

/*
 * One stock move for line l of o: qty (signed) and its value (0 on the
 * way out: at average cost); the value moved is stored back in *value.
 */
static int
ord_move(struct db_txn *tx, const struct order *o,
    const struct order_line *l, enum move_kind kind, int64_t qty,
    int64_t *value, char **cause)
{
	struct move	 m;
	char		 ref[32];
	int		 rc;

	snprintf(ref, sizeof ref, "order %llu line %u", ORD_ULL(o->id),
	    l->no);
	memset(&m, 0, sizeof m);
	m.sku = l->sku;
	m.loc = l->loc;
	m.kind = kind;
	m.qty = qty;
	m.value = *value;
	m.order = o->id;
	m.ref = ref;
	rc = stock_apply(tx, &m, cause);
	*value = m.value;
	return (rc);
}

int
order_ship(struct db_txn *tx, uint64_t id, uint32_t ver,
    const struct line_qty *lq, size_t n, const char *carrier,
    const char *tracking, uint64_t *invoice, char **cause)
{
	struct order	 o;
	struct order_line *l;
	struct entry	 e;
	enum order_status from;
	int64_t		*q = NULL, picked = 0, shipped = 0, total = 0;
	int64_t		 net = 0, tax = 0, gross, cost = 0, v, sn, stx;
	uint64_t	 inv = 0;
	char		*note = NULL, memo[48], m[MONEY_BUFSZ];
	size_t		 i;
	int		 rc, bypick, first;

	if (invoice != NULL)
		*invoice = 0;
	if ((rc = ord_begin(tx, id, ver, ROLE_CLERK, "shipping an order", &o,
	    cause)) != 0)
		return (rc);
	from = o.status;
	if (o.status != ST_CONFIRMED && o.status != ST_PICKING &&
	    o.status != ST_PACKED && o.status != ST_PARTIAL) {
		rc = ord_refuse(&o, "confirmed, picking, packed or partial "
		    "orders can be shipped", cause);
		goto out;
	}
	if ((rc = text_check("carrier", carrier, 64, 0, cause)) != 0 ||
	    (rc = text_check("tracking number", tracking, 128, 0,
	    cause)) != 0)
		goto out;
	for (i = 0; i < o.nlines; i++) {
		picked += o.lines[i].picked;
		shipped += o.lines[i].shipped;
	}
	bypick = picked > 0 &&
	    (o.status == ST_PICKING || o.status == ST_PACKED);
	q = xcalloc(o.nlines + 1, sizeof *q);
	if (lq == NULL || n == 0) {
		for (i = 0; i < o.nlines; i++)
			q[i] = picked > 0 ? o.lines[i].picked :
			    o.lines[i].reserved;
	}
	for (i = 0; lq != NULL && i < n; i++) {
		if ((l = ord_line(&o, &lq[i], cause)) == NULL) {
			rc = ORDO_EINVAL;
			goto out;
		}
		v = (bypick ? l->picked : l->reserved) - q[l->no - 1];
		if (lq[i].qty > v) {
			rc = cause_set(cause, ORDO_EINVAL, "line %u: cannot "
			    "ship %lld of %s; %lld %s", l->no,
			    ORD_LL(lq[i].qty), l->sku, ORD_LL(v), bypick ?
			    "picked and not yet shipped" : "reserved");
			goto out;
		}
		q[l->no - 1] += lq[i].qty;
	}
	for (i = 0; i < o.nlines; i++) {
		l = &o.lines[i];
		total += q[i];
		net += ord_part(l->net, l->shipped, l->shipped + q[i], l->qty);
		tax += ord_part(l->tax, l->shipped, l->shipped + q[i], l->qty);
	}
	if (total == 0) {
		rc = cause_set(cause, ORDO_ESTATE, "order %llu: nothing to "
		    "ship (nothing is reserved%s)", ORD_ULL(id),
		    picked > 0 ? " or picked" : "");
		goto out;
	}
	first = shipped == 0;
	sn = first ? o.shipping : 0;
	stx = first ? o.ship_tax : 0;
	gross = net + tax + sn + stx;	/* At most o.total: no overflow. */

	if (gross != 0 &&
	    (rc = invoice_create(tx, id, o.customer, gross, &inv, cause)) != 0)
		goto out;
	for (i = 0; i < o.nlines; i++) {
		l = &o.lines[i];
		if (q[i] == 0)
			continue;
		v = 0;
		if ((rc = stock_release(tx, l->sku, l->loc, q[i],
		    cause)) != 0 ||
		    (rc = ord_move(tx, &o, l, MOVE_SHIP, -q[i], &v,
		    cause)) != 0)
			goto out;
		if (add_i64(cost, -v, &cost) != 0 ||
		    add_i64(l->cost_shipped, -v, &l->cost_shipped) != 0) {
			rc = cause_set(cause, ORDO_ERANGE, "line %u: cost is "
			    "too large", l->no);
			goto out;
		}
		l->shipped += q[i];
		l->reserved -= q[i];
		l->picked -= q[i] < l->picked ? q[i] : l->picked;
		ord_cat(&note, "%sline %u x %lld", note == NULL ?
		    "shipped: " : ", ", l->no, ORD_LL(q[i]));
	}
	snprintf(memo, sizeof memo, "order %llu shipment", ORD_ULL(id));
	entry_init(&e, ENTRY_SHIPMENT, memo);
	e.order = id;
	e.doc = inv;
	entry_add_role(&e, tx->cfg, ACCT_RECEIVABLE, gross, o.customer);
	entry_add_role(&e, tx->cfg, ACCT_REVENUE, -net, "");
	entry_add_role(&e, tx->cfg, ACCT_SHIPPING, -sn, "");
	entry_add_role(&e, tx->cfg, ACCT_TAX, -(tax + stx), "");
	entry_add_role(&e, tx->cfg, ACCT_COGS, cost, "");
	entry_add_role(&e, tx->cfg, ACCT_INVENTORY, -cost, "");
	rc = e.np > 0 ? ledger_post(tx, &e, cause) : 0;
	entry_free(&e);
	if (rc != 0)
		goto out;

	if (carrier != NULL && *carrier != '\0') {
		free(o.carrier);
		o.carrier = xstrdup(carrier);
	}
	if (tracking != NULL && *tracking != '\0') {
		free(o.tracking);
		o.tracking = xstrdup(tracking);
	}
	o.status = ST_SHIPPED;
	for (i = 0; i < o.nlines; i++)
		if (line_open(&o.lines[i]) > 0)
			o.status = ST_PARTIAL;
	if (inv != 0)
		ord_cat(&note, "; invoice %llu for %s", ORD_ULL(inv),
		    core_money(tx, m, sizeof m, gross));
	if ((rc = ord_save(tx, &o, from, "order.ship", note)) == 0 &&
	    invoice != NULL)
		*invoice = inv;
out:
	free(note);
	free(q);
	order_free(&o);
	return (rc);
}

int
order_cancel(struct db_txn *tx, uint64_t id, uint32_t ver,
    const char *reason, char **cause)
{
	struct order	 o;
	struct order_line *l;
	enum order_status from;
	char		*note = NULL;
	size_t		 i;
	int		 rc;

	if ((rc = ord_begin(tx, id, ver, ROLE_CLERK, "cancelling an order",
	    &o, cause)) != 0)
		return (rc);
	from = o.status;
	if (o.status > ST_PARTIAL) {
		rc = ord_refuse(&o, "orders not yet shipped can be cancelled "
		    "(take a return instead)", cause);
		goto out;
	}
	if ((rc = text_check("reason", reason, 500, 0, cause)) != 0)
		goto out;
	for (i = 0; i < o.nlines; i++) {
		l = &o.lines[i];
		if (l->reserved > 0 && (rc = stock_release(tx, l->sku, l->loc,
		    l->reserved, cause)) != 0)
			goto out;
		l->reserved = 0;
		l->picked = 0;
		l->cancelled += line_open(l);
	}
	o.status = ST_CANCELLED;
	for (i = 0; i < o.nlines; i++)
		if (o.lines[i].shipped > 0)
			o.status = ST_SHIPPED;
	xasprintf(&note, "%s%s%s", o.status == ST_SHIPPED ?
	    "rest cancelled" : "cancelled", reason != NULL &&
	    *reason != '\0' ? ": " : "", reason != NULL ? reason : "");
	rc = ord_save(tx, &o, from, "order.cancel", note);
out:
	free(note);
	order_free(&o);
	return (rc);
}

int
order_return(struct db_txn *tx, uint64_t id, uint32_t ver,
    const struct line_qty *lq, size_t n, const char *reason, char **cause)
{
	struct order	 o;
	struct order_line *l;
	struct entry	 e;
	int64_t		*q = NULL, net = 0, tax = 0, back = 0, scrap = 0;
	int64_t		 c, v = 0, k;
	uint64_t	 inv = 0;
	char		*note = NULL, memo[48], m[MONEY_BUFSZ];
	size_t		 i;
	int		 rc;

	if ((rc = ord_begin(tx, id, ver, ROLE_MANAGER, "taking a return", &o,
	    cause)) != 0)
		return (rc);
	for (i = 0; i < o.nlines; i++)
		v += o.lines[i].shipped;
	if (v == 0) {
		rc = ord_refuse(&o, "orders with goods shipped can take "
		    "returns", cause);
		goto out;
	}
	if ((rc = text_check("reason", reason, 500, 0, cause)) != 0)
		goto out;
	if (lq == NULL || n == 0) {
		rc = cause_set(cause, ORDO_EINVAL, "say which lines and how "
		    "many to return");
		goto out;
	}
	q = xcalloc(o.nlines + 1, sizeof *q);
	for (i = 0; i < n; i++) {
		if ((l = ord_line(&o, &lq[i], cause)) == NULL) {
			rc = ORDO_EINVAL;
			goto out;
		}
		v = l->shipped - l->returned - q[l->no - 1];
		if (lq[i].qty > v) {
			rc = cause_set(cause, ORDO_EINVAL, "line %u: cannot "
			    "return %lld of %s; %lld shipped and not yet "
			    "returned", l->no, ORD_LL(lq[i].qty), l->sku,
			    ORD_LL(v));
			goto out;
		}
		q[l->no - 1] += lq[i].qty;
	}

	/* Each return line in turn: its money, its cost, its moves. */
	for (i = 0; i < o.nlines; i++) {
		l = &o.lines[i];
		net += ord_part(l->net, l->returned, l->returned + q[i],
		    l->qty);
		tax += ord_part(l->tax, l->returned, l->returned + q[i],
		    l->qty);
	}
	if (net + tax != 0 && (rc = invoice_create(tx, id, o.customer,
	    -(net + tax), &inv, cause)) != 0)
		goto out;
	for (i = 0; i < n; i++) {
		l = &o.lines[lq[i].no - 1];
		k = lq[i].qty;
		/* Exact: when k is all that is left, c is all that is left. */
		c = muldiv_round(l->cost_shipped - l->cost_returned, k,
		    l->shipped - l->returned);
		v = c;
		if ((rc = ord_move(tx, &o, l, MOVE_RETURN, k, &v, cause)) != 0)
			goto out;
		back += c;
		if (lq[i].scrap) {
			v = -c;
			if ((rc = ord_move(tx, &o, l, MOVE_SCRAP, -k, &v,
			    cause)) != 0)
				goto out;
			scrap -= v;
		}
		l->returned += k;
		l->cost_returned += c;
		ord_cat(&note, "%sline %u x %lld%s", note == NULL ?
		    "returned: " : ", ", l->no, ORD_LL(k), lq[i].scrap ?
		    " (scrapped)" : "");
	}
	snprintf(memo, sizeof memo, "order %llu return", ORD_ULL(id));
	entry_init(&e, ENTRY_RETURN, memo);
	e.order = id;
	e.doc = inv;
	entry_add_role(&e, tx->cfg, ACCT_RETURNS, net, "");
	entry_add_role(&e, tx->cfg, ACCT_TAX, tax, "");
	entry_add_role(&e, tx->cfg, ACCT_RECEIVABLE, -(net + tax),
	    o.customer);
	entry_add_role(&e, tx->cfg, ACCT_INVENTORY, back, "");
	entry_add_role(&e, tx->cfg, ACCT_COGS, -back, "");
	entry_add_role(&e, tx->cfg, ACCT_WRITEOFF, scrap, "");
	entry_add_role(&e, tx->cfg, ACCT_INVENTORY, -scrap, "");
	rc = e.np > 0 ? ledger_post(tx, &e, cause) : 0;
	entry_free(&e);
	if (rc != 0)
		goto out;
	if (inv != 0)
		ord_cat(&note, "; credit note %llu for %s", ORD_ULL(inv),
		    core_money(tx, m, sizeof m, -(net + tax)));
	if (reason != NULL && *reason != '\0')
		ord_cat(&note, "; %s", reason);
	rc = ord_save(tx, &o, o.status, "order.return", note);
out:
	free(note);
	free(q);
	order_free(&o);
	return (rc);
}

/* Queries. */

int
order_history(struct db_txn *tx, uint64_t id,
    int (*fn)(const struct order_hist *, void *), void *arg)
{
	struct db_iter	 it;
	struct order_hist h;
	struct buf	 k;
	struct rd	 r;
	int		 rc, ok, ver, stop = 0;

	buf_init(&k);
	key_u64(&k, id);
	rc = db_iter_open(tx, TB_ORDER_HIST, k.d, k.len, &it);
	buf_free(&k);
	if (rc != 0)
		return (rc);
	while ((rc = db_iter_next(&it)) == 0) {
		rd_init(&r, it.val.mv_data, it.val.mv_size);
		ver = dec_u8(&r);
		h.time = dec_i64(&r);
		h.user = dec_str(&r);
		h.from = (enum order_status)dec_u8(&r);
		h.to = (enum order_status)dec_u8(&r);
		h.note = dec_str(&r);
		ok = rd_ok(&r) && ver == ORD_HIST_RECORD &&
		    h.from < ST_NSTATUSES && h.to < ST_NSTATUSES;
		if (ok)
			stop = fn(&h, arg);
		else
			rc = ORDO_ECORRUPT;
		free(h.user);
		free(h.note);
		if (rc != 0 || stop)
			break;
	}
	db_iter_close(&it);
	return (rc == MDB_NOTFOUND ? 0 : rc);
}

/*
 * Walk an index backwards (newest first) over keys that start with
 * prefix, from just before bound; each key ends in a u64 order id.
 */
static int
ord_scan(struct db_txn *tx, enum db_table t, const struct buf *prefix,
    const struct buf *bound, int status, const char *cust,
    int (*fn)(const struct order *, void *), void *arg)
{
	MDB_cursor	*c;
	MDB_val		 k, v;
	struct order	 o;
	int		 rc, stop = 0;

	if ((rc = mdb_cursor_open(tx->txn, tx->db->dbi[t], &c)) != 0)
		return (rc);
	k.mv_data = bound->d;
	k.mv_size = bound->len;
	rc = mdb_cursor_get(c, &k, &v, MDB_SET_RANGE);
	if (rc == 0)
		rc = mdb_cursor_get(c, &k, &v, MDB_PREV);
	else if (rc == MDB_NOTFOUND)
		rc = mdb_cursor_get(c, &k, &v, MDB_LAST);
	while (rc == 0 && !stop) {
		if (k.mv_size < prefix->len + 8 || (prefix->len > 0 &&
		    memcmp(k.mv_data, prefix->d, prefix->len) != 0))
			break;
		rc = order_get(tx, key_get_u64((const uint8_t *)k.mv_data +
		    k.mv_size - 8), &o, NULL);
		if (rc != 0)
			break;
		if ((status < 0 || (int)o.status == status) &&
		    (cust == NULL || strcmp(cust, o.customer) == 0))
			stop = fn(&o, arg);
		order_free(&o);
		rc = mdb_cursor_get(c, &k, &v, MDB_PREV);
	}
	mdb_cursor_close(c);
	return (rc == MDB_NOTFOUND ? 0 : rc);
}

int
order_each(struct db_txn *tx, int status, const char *cust, uint64_t after,
    int (*fn)(const struct order *, void *), void *arg)
{
	static const uint8_t ff[17] = {
	    0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	    0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
	struct buf	 prefix, bound;
	struct order	 a;
	enum db_table	 t;
	int		 rc;

	if (cust != NULL && *cust == '\0')
		cust = NULL;
	if (cust != NULL && strlen(cust) > CUSTOMER_CODE_MAX)
		return (0);	/* No such customer, so no orders. */
	buf_init(&prefix);
	buf_init(&bound);
	if (cust != NULL) {
		t = TB_ORD_BY_CUST;
		key_str(&prefix, cust);
	} else if (status >= 0) {
		t = TB_ORD_BY_STATUS;
		key_u8(&prefix, (uint8_t)status);
	} else
		t = TB_ORD_BY_DATE;
	buf_add(&bound, prefix.d, prefix.len);
	if (after == 0)
		buf_add(&bound, ff, sizeof ff);
	else {
		if (t == TB_ORD_BY_DATE) {
			if ((rc = order_get(tx, after, &a, NULL)) != 0)
				goto out;
			key_i64(&bound, a.created);
			order_free(&a);
		}
		key_u64(&bound, after);
	}
	rc = ord_scan(tx, t, &prefix, &bound, status, cust, fn, arg);
out:
	buf_free(&prefix);
	buf_free(&bound);
	return (rc);
}

int
order_backorders(struct db_txn *tx,
    int (*fn)(const struct order *, const struct order_line *, void *),
    void *arg)
{
	static const enum order_status open[] = {
	    ST_CONFIRMED, ST_PICKING, ST_PACKED, ST_PARTIAL };
	struct db_iter	 it;
	struct order	 o;
	uint8_t		 st;
	size_t		 s, i;
	int		 rc = 0, stop = 0;

	for (s = 0; s < sizeof open / sizeof open[0] && !stop; s++) {
		st = (uint8_t)open[s];
		if ((rc = db_iter_open(tx, TB_ORD_BY_STATUS, &st, 1,
		    &it)) != 0)
			return (rc);
		while (!stop && (rc = db_iter_next(&it)) == 0) {
			if (it.key.mv_size != 9) {
				rc = ORDO_ECORRUPT;
				break;
			}
			rc = order_get(tx, key_get_u64((const uint8_t *)
			    it.key.mv_data + 1), &o, NULL);
			if (rc != 0)
				break;
			for (i = 0; i < o.nlines && !stop; i++)
				if (line_backordered(&o.lines[i]) > 0)
					stop = fn(&o, &o.lines[i], arg);
			order_free(&o);
		}
		db_iter_close(&it);
		if (rc == MDB_NOTFOUND)
			rc = 0;
		if (rc != 0)
			return (rc);
	}
	return (0);
}
