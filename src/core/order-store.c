/*
 * order-store.c: the order record and its codec, the index entries, the
 * history, and the queries (get, find by external id, each, backorders).
 * order.h gives the tables; order.c has the lifecycle events, which load
 * an order with ord_load(), write it with ord_save() and give it back with
 * ord_release().
 *
 * The order an event last wrote is kept here with its record (ord_last),
 * so that the next event on the same order (an import confirms each order
 * right after creating it, and may then ship it) takes it as it is instead
 * of decoding the record again.  It is taken only while the stored record
 * is byte for byte the one kept, so a transaction aborted or re-run, a
 * child transaction undone, another company opened or a change made by
 * anyone else only means decoding as usual.  A record decodes to exactly
 * the order it was encoded from (every field is in it), so what is taken
 * is what order_get would give.  ordo has one writer per process and no
 * threads; this state is not for sharing between threads.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ordo/audit.h"
#include "ordo/codec.h"
#include "ordo/customer.h"
#include "ordo/error.h"
#include "ordo/order.h"
#include "ordo/outbox.h"
#include "ordo/pick.h"
#include "ordo/util.h"
#include "ordo/xmalloc.h"

#include "order-int.h"

/*
 * Record versions: 1 wrote every integer of a line; 2 (written now) writes
 * a line's integers that are not zero, after a mask that says which.  Most
 * of them are zero (nothing picked, shipped or returned yet), and they were
 * two thirds of a record.  Both are read.
 */
#define ORD_RECORD_V1	1
#define ORD_RECORD	2	/* record version byte */
#define ORD_HIST_RECORD	1

/*
 * The bytes of an order record besides its strings: the version byte, the
 * integers and a u32 length for each string (ten of them); and of each
 * line besides its integers: its number, mask, flags and three string
 * lengths.
 */
#define ORD_REC_FIXED	(1 + 1 + 2 * 8 + 4 + 8 + 4 + 4 * 8 + 8 + 2 + 10 * 4)
#define ORD_LINE_FIXED	(2 + 2 + 1 + 3 * 4)

/* A line's integers in record order; the one of 32 bits is the tax rate. */
#define ORD_LINE_NINT	13
#define ORD_LINE_I32	8

static uint8_t	*ord_put16(uint8_t *, uint16_t);
static uint8_t	*ord_put32(uint8_t *, uint32_t);
static uint8_t	*ord_put64(uint8_t *, uint64_t);
static uint8_t	*ord_put_str(uint8_t *, const char *);
static size_t	 ord_len(const char *);
static void	 ord_line_get(const struct order_line *, int64_t *);
static void	 ord_line_set(struct order_line *, const int64_t *);
static unsigned	 ord_line_mask(const int64_t *, size_t *);
static void	 ord_encode(const struct order *, struct buf *);
static int	 ord_decode(const void *, size_t, struct order *);
static int	 ord_read(struct db_txn *, uint64_t, MDB_val *, char **);
static int	 ord_whole(const struct order *);
static int	 ord_index(struct db_txn *, enum db_table, const struct order *,
		    int, int);
static void	 ord_bump(struct db_txn *, struct order *);
static int	 ord_hist(struct db_txn *, const struct order *, int, int,
		    const char *, const char *);
static int	 ord_save1(struct db_txn *, struct order *, int, int,
		    const char *, const char *, const char *);
static int	 ord_scan(struct db_txn *, enum db_table, const struct buf *,
		    const struct buf *, int, const char *,
		    int (*)(const struct order *, void *), void *);

static struct {
	struct order	 o;		/* the kept order, if have */
	struct buf	 rec;		/* its record */
	int		 have;
	const struct order *saved;	/* written by the last ord_save */
	uint64_t	 saved_id;	/* its id and version then */
	uint32_t	 saved_version;
	struct buf	 pend;		/* and its record */
	struct buf	 key;		/* scratch: the order's key */
	struct buf	 ikey;		/* scratch: an index key */
	struct buf	 hist;		/* scratch: a history record */
} ord_last;

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

/* Records. */

/*
 * ord_encode writes the record of codec.h (little-endian integers, strings
 * as a u32 length and the bytes), as enc_u8()... would, but sizes it first
 * and then writes it straight into the buffer: an order is written at
 * every event, and one call per field was most of the cost of writing it.
 */
static uint8_t *
ord_put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	return (p + 2);
}

static uint8_t *
ord_put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
	return (p + 4);
}

static uint8_t *
ord_put64(uint8_t *p, uint64_t v)
{
	ord_put32(p, (uint32_t)v);
	ord_put32(p + 4, (uint32_t)(v >> 32));
	return (p + 8);
}

static uint8_t *
ord_put_str(uint8_t *p, const char *s)
{
	size_t	 n = s != NULL ? strlen(s) : 0;

	p = ord_put32(p, (uint32_t)n);
	if (n > 0)
		memcpy(p, s, n);
	return (p + n);
}

static size_t
ord_len(const char *s)
{
	return (s != NULL ? strlen(s) : 0);
}

static void
ord_line_get(const struct order_line *l, int64_t *v)
{
	v[0] = l->qty;
	v[1] = l->reserved;
	v[2] = l->picked;
	v[3] = l->shipped;
	v[4] = l->returned;
	v[5] = l->cancelled;
	v[6] = l->unit_price;
	v[7] = l->discount;
	v[ORD_LINE_I32] = l->tax_rate;
	v[9] = l->net;
	v[10] = l->tax;
	v[11] = l->cost_shipped;
	v[12] = l->cost_returned;
}

static void
ord_line_set(struct order_line *l, const int64_t *v)
{
	l->qty = v[0];
	l->reserved = v[1];
	l->picked = v[2];
	l->shipped = v[3];
	l->returned = v[4];
	l->cancelled = v[5];
	l->unit_price = v[6];
	l->discount = v[7];
	l->tax_rate = (int)(int32_t)v[ORD_LINE_I32];
	l->net = v[9];
	l->tax = v[10];
	l->cost_shipped = v[11];
	l->cost_returned = v[12];
}

/* The mask of a line's integers that are not zero, and their bytes. */
static unsigned
ord_line_mask(const int64_t *v, size_t *bytes)
{
	unsigned	 mask = 0, i;

	*bytes = 0;
	for (i = 0; i < ORD_LINE_NINT; i++) {
		if (v[i] != 0) {
			mask |= 1U << i;
			*bytes += i == ORD_LINE_I32 ? 4 : 8;
		}
	}
	return (mask);
}

static void
ord_encode(const struct order *o, struct buf *b)
{
	const struct order_line	*l;
	int64_t			 v[ORD_LINE_NINT];
	unsigned		 mask, j;
	uint8_t			*p;
	size_t			 i, need, ib;

	need = ORD_REC_FIXED + ord_len(o->channel) + ord_len(o->ext_id) +
	    ord_len(o->ext_number) + ord_len(o->customer) +
	    ord_len(o->updated_by) + ord_len(o->ship_to) + ord_len(o->notes) +
	    ord_len(o->carrier) + ord_len(o->tracking) + ord_len(o->loc);
	for (i = 0; i < o->nlines; i++) {
		l = &o->lines[i];
		ord_line_get(l, v);
		ord_line_mask(v, &ib);
		need += ORD_LINE_FIXED + ib + ord_len(l->sku) +
		    ord_len(l->name) + ord_len(l->loc);
	}
	if (b->cap - b->len < need) {
		b->d = xreallocarray(b->d, 1, b->len + need);
		b->cap = b->len + need;
	}
	p = b->d + b->len;

	*p++ = ORD_RECORD;
	p = ord_put_str(p, o->channel);
	p = ord_put_str(p, o->ext_id);
	p = ord_put_str(p, o->ext_number);
	p = ord_put_str(p, o->customer);
	*p++ = (uint8_t)o->status;
	p = ord_put64(p, (uint64_t)o->created);
	p = ord_put64(p, (uint64_t)o->updated);
	p = ord_put_str(p, o->updated_by);
	p = ord_put32(p, o->version);
	p = ord_put_str(p, o->ship_to);
	p = ord_put_str(p, o->notes);
	p = ord_put_str(p, o->carrier);
	p = ord_put_str(p, o->tracking);
	p = ord_put_str(p, o->loc);
	p = ord_put64(p, (uint64_t)o->shipping);
	p = ord_put32(p, (uint32_t)o->ship_tax_rate);
	p = ord_put64(p, (uint64_t)o->ship_tax);
	p = ord_put64(p, (uint64_t)o->net);
	p = ord_put64(p, (uint64_t)o->tax);
	p = ord_put64(p, (uint64_t)o->total);
	p = ord_put64(p, o->batch);
	p = ord_put16(p, (uint16_t)o->nlines);
	for (i = 0; i < o->nlines; i++) {
		l = &o->lines[i];
		p = ord_put16(p, l->no);
		p = ord_put_str(p, l->sku);
		p = ord_put_str(p, l->name);
		p = ord_put_str(p, l->loc);
		ord_line_get(l, v);
		mask = ord_line_mask(v, &ib);
		p = ord_put16(p, (uint16_t)mask);
		for (j = 0; j < ORD_LINE_NINT; j++) {
			if (!(mask & (1U << j)))
				continue;
			if (j == ORD_LINE_I32)
				p = ord_put32(p, (uint32_t)v[j]);
			else
				p = ord_put64(p, (uint64_t)v[j]);
		}
		*p++ = (uint8_t)l->flags;
	}
	if (p != b->d + b->len + need)
		abort();	/* ORD_REC_FIXED or ORD_LINE_FIXED is wrong. */
	b->len += need;
}

static int
ord_decode(const void *p, size_t len, struct order *o)
{
	struct order_line	*l;
	struct rd		 r;
	int64_t			 v[ORD_LINE_NINT];
	unsigned		 mask, j;
	size_t			 i;
	uint8_t			 st, ver;

	rd_init(&r, p, len);
	ver = dec_u8(&r);
	if (ver != ORD_RECORD && ver != ORD_RECORD_V1)
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
		/* Version 1 has every integer: as if its mask were full. */
		mask = ver == ORD_RECORD_V1 ? (1U << ORD_LINE_NINT) - 1 :
		    dec_u16(&r);
		if (mask >> ORD_LINE_NINT)
			r.err = 1;
		for (j = 0; j < ORD_LINE_NINT; j++) {
			if (!(mask & (1U << j)))
				v[j] = 0;
			else if (j == ORD_LINE_I32)
				v[j] = (int32_t)dec_u32(&r);
			else
				v[j] = dec_i64(&r);
		}
		ord_line_set(l, v);
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

/* The stored record of order id. */
static int
ord_read(struct db_txn *tx, uint64_t id, MDB_val *v, char **cause)
{
	int	 rc;

	rc = db_get_id(tx, TB_ORDERS, id, v);
	if (rc == MDB_NOTFOUND)
		return (cause_set(cause, ORDO_ENOTFOUND, "no order %llu",
		    ORD_ULL(id)));
	if (rc != 0)
		return (cause_set(cause, rc, "order %llu: %s", ORD_ULL(id),
		    ordo_strerror(rc)));
	return (0);
}

int
order_get(struct db_txn *tx, uint64_t id, struct order *o, char **cause)
{
	MDB_val		 v;
	int		 rc;

	memset(o, 0, sizeof *o);
	if ((rc = ord_read(tx, id, &v, cause)) != 0)
		return (rc);
	if ((rc = ord_decode(v.mv_data, v.mv_size, o)) != 0) {
		order_free(o);
		return (cause_set(cause, rc, "order %llu: damaged record",
		    ORD_ULL(id)));
	}
	o->id = id;
	return (0);
}

/*
 * order_get for an event: the kept order if the stored record is still the
 * one kept, else decoded.  The event gives it back with ord_release.
 */
int
ord_load(struct db_txn *tx, uint64_t id, struct order *o, char **cause)
{
	MDB_val		 v;
	int		 rc;

	ord_last.saved = NULL;
	memset(o, 0, sizeof *o);
	if ((rc = ord_read(tx, id, &v, cause)) != 0)
		return (rc);
	if (ord_last.have && ord_last.o.id == id &&
	    v.mv_size == ord_last.rec.len &&
	    memcmp(v.mv_data, ord_last.rec.d, v.mv_size) == 0) {
		*o = ord_last.o;
		memset(&ord_last.o, 0, sizeof ord_last.o);
		ord_last.have = 0;
		return (0);
	}
	if ((rc = ord_decode(v.mv_data, v.mv_size, o)) != 0) {
		order_free(o);
		return (cause_set(cause, rc, "order %llu: damaged record",
		    ORD_ULL(id)));
	}
	o->id = id;
	return (0);
}

/* 1 if o has all its strings: a NULL one comes back from its record as "". */
static int
ord_whole(const struct order *o)
{
	const struct order_line	*l;
	size_t			 i;

	if (o->channel == NULL || o->ext_id == NULL ||
	    o->ext_number == NULL || o->customer == NULL ||
	    o->updated_by == NULL || o->ship_to == NULL || o->notes == NULL ||
	    o->carrier == NULL || o->tracking == NULL || o->loc == NULL ||
	    (o->nlines > 0 && o->lines == NULL))
		return (0);
	for (i = 0; i < o->nlines; i++) {
		l = &o->lines[i];
		if (l->sku == NULL || l->name == NULL || l->loc == NULL)
			return (0);
	}
	return (1);
}

/*
 * The event is done with o: keep it if the last ord_save wrote it as it is
 * now (and nothing was saved since), else free it.  Either way o is left
 * empty.
 */
void
ord_release(struct order *o)
{
	struct buf	 t;
	int		 keep;

	keep = o != NULL && o == ord_last.saved &&
	    o->id == ord_last.saved_id &&
	    o->version == ord_last.saved_version && ord_whole(o);
	ord_last.saved = NULL;
	if (!keep) {
		order_free(o);
		return;
	}
	order_free(&ord_last.o);
	ord_last.o = *o;
	memset(o, 0, sizeof *o);
	t = ord_last.rec;
	ord_last.rec = ord_last.pend;
	ord_last.pend = t;
	ord_last.have = 1;
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

int
order_status_get(struct db_txn *tx, uint64_t id, enum order_status *st)
{
	MDB_val		 v;
	struct rd	 r;
	uint8_t		 ver, s;
	int		 i, rc;

	if ((rc = ord_read(tx, id, &v, NULL)) != 0)
		return (rc);
	/* The version byte, four strings (channel to customer), status. */
	rd_init(&r, v.mv_data, v.mv_size);
	ver = dec_u8(&r);
	for (i = 0; i < 4; i++)
		rd_skip(&r, dec_u32(&r));
	s = dec_u8(&r);
	if (r.err || (ver != ORD_RECORD && ver != ORD_RECORD_V1) ||
	    s >= ST_NSTATUSES)
		return (ORDO_ECORRUPT);
	*st = (enum order_status)s;
	return (0);
}

void
order_date_key(struct buf *k, int64_t created, uint64_t id)
{
	key_i64(k, date_from_time(created));
	key_u64(k, id);
}

/* Put or delete one index entry of o (status index: status st). */
static int
ord_index(struct db_txn *tx, enum db_table t, const struct order *o,
    int st, int del)
{
	struct buf	*k = &ord_last.ikey;
	int		 rc;

	buf_reset(k);
	switch (t) {
	case TB_ORD_BY_STATUS:
		key_u8(k, (uint8_t)st);
		break;
	case TB_ORD_BY_CUST:
		key_str(k, o->customer);
		break;
	case TB_ORD_BY_DATE:
		order_date_key(k, o->created, o->id);
		break;
	default:
		abort();
	}
	if (t != TB_ORD_BY_DATE)
		key_u64(k, o->id);
	if (del) {
		rc = db_del(tx, t, k->d, k->len);
		if (rc == MDB_NOTFOUND)
			rc = 0;
	} else
		rc = db_put_tail(tx, t, k->d, k->len, "", 0);
	return (rc);
}

/*
 * Write o as its next version: the record, its status index entry moved
 * from "from" (-1: a new order, all its indexes), one history record (key:
 * id and the new version) and one audit record.  On success o is the one
 * ord_release keeps.
 */
int
ord_save(struct db_txn *tx, struct order *o, int from, const char *action,
    const char *note)
{
	return (ord_save1(tx, o, from, from < 0 ? (int)o->status : from,
	    NULL, action, note));
}

/*
 * Write a new order o (version 0, its status the one it ends in) as
 * created and then changed in one go: history and audit for version 1
 * (created, a draft, with cnote) and version 2 (from draft to o's status,
 * action and note), but the record and its indexes written once, as
 * version 2.
 */
int
ord_save_new(struct db_txn *tx, struct order *o, const char *cnote,
    const char *action, const char *note)
{
	return (ord_save1(tx, o, -1, ST_DRAFT, cnote, action, note));
}

/* Set o's next version, its time and user. */
static void
ord_bump(struct db_txn *tx, struct order *o)
{
	const char	*user = tx->user != NULL ? tx->user : "";

	o->version++;
	o->updated = tx->now;
	if (o->updated_by == NULL || strcmp(o->updated_by, user) != 0) {
		free(o->updated_by);
		o->updated_by = xstrdup(user);
	}
}

/*
 * The history record of o's version (from, to) and its audit record (but
 * not in an import: audit.h).
 */
static int
ord_hist(struct db_txn *tx, const struct order *o, int from, int to,
    const char *action, const char *note)
{
	struct buf	*k = &ord_last.key, *h = &ord_last.hist;
	char		 obj[32];
	int		 rc;

	buf_reset(k);
	key_u64(k, o->id);
	key_u32(k, o->version);
	buf_reset(h);
	enc_u8(h, ORD_HIST_RECORD);
	enc_i64(h, tx->now);
	enc_str(h, o->updated_by);
	enc_u8(h, (uint8_t)from);
	enc_u8(h, (uint8_t)to);
	enc_str(h, note);
	if ((rc = db_put_tail(tx, TB_ORDER_HIST, k->d, k->len, h->d,
	    h->len)) != 0)
		return (rc);
	if ((rc = outbox_order(tx, o, from, action, note)) != 0)
		return (rc);
	if (tx->batch != 0)
		return (0);	/* the batch audits its chunk (audit.h) */
	snprintf(obj, sizeof obj, "order %llu", ORD_ULL(o->id));
	return (audit_log(tx, action, obj, "version %u: %s", o->version,
	    note));
}

/*
 * ord_save and ord_save_new: from as in ord_save, hfrom the status the
 * history gives as the one before; with cnote, a creation (version 1, a
 * draft) is recorded first.
 */
static int
ord_save1(struct db_txn *tx, struct order *o, int from, int hfrom,
    const char *cnote, const char *action, const char *note)
{
	struct buf	*k = &ord_last.key, *v = &ord_last.pend;
	int		 rc;

	ord_last.saved = NULL;
	if (cnote != NULL) {
		ord_bump(tx, o);
		if ((rc = ord_hist(tx, o, ST_DRAFT, ST_DRAFT, "order.new",
		    cnote)) != 0)
			return (rc);
	}
	ord_bump(tx, o);
	buf_reset(k);
	buf_reset(v);
	key_u64(k, o->id);
	ord_encode(o, v);
	if ((rc = db_put_tail(tx, TB_ORDERS, k->d, k->len, v->d, v->len)) != 0)
		return (rc);
	if (from < 0) {
		if ((rc = ord_index(tx, TB_ORD_BY_CUST, o, 0, 0)) != 0 ||
		    (rc = ord_index(tx, TB_ORD_BY_DATE, o, 0, 0)) != 0)
			return (rc);
	}
	if (from != (int)o->status) {
		if (from >= 0 &&
		    (rc = ord_index(tx, TB_ORD_BY_STATUS, o, from, 1)) != 0)
			return (rc);
		if ((rc = ord_index(tx, TB_ORD_BY_STATUS, o, o->status,
		    0)) != 0)
			return (rc);
	}
	/* The pick queue and claims follow the order (pick.h). */
	if ((rc = pick_order_changed(tx, o, from)) != 0)
		return (rc);
	rc = ord_hist(tx, o, hfrom, o->status, action, note);
	if (rc == 0) {
		ord_last.saved = o;
		ord_last.saved_id = o->id;
		ord_last.saved_version = o->version;
	}
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
			order_date_key(&bound, a.created, after);
			order_free(&a);
		} else
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
