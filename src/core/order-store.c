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

#include "ordo/agg.h"
#include "ordo/audit.h"
#include "ordo/codec.h"
#include "ordo/company.h"
#include "ordo/customer.h"
#include "ordo/date.h"
#include "ordo/error.h"
#include "ordo/order.h"
#include "ordo/outbox.h"
#include "ordo/parcel.h"
#include "ordo/pick.h"
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
struct ord_ix;
struct ord_place;

static void	 ord_prefix(struct buf *, const struct ord_ix *,
		    const struct ord_place *);
static int	 ord_count_add(struct db_txn *, const struct buf *, int64_t);
static int	 ord_place(struct db_txn *, const struct ord_place *,
		    const struct ord_place *);
static void	 ord_bump(struct db_txn *, struct order *);
static int	 ord_hist(struct db_txn *, const struct order *, int, int,
		    const char *, const char *);
static int	 ord_agg(struct db_txn *, const struct order *, int);
static int	 ord_save1(struct db_txn *, struct order *,
		    const struct ord_place *, int, const char *, const char *,
		    const char *);
static void	 ord_row_str(struct rd *, char *, size_t);
static int	 ord_row_decode(const void *, size_t, struct order_row *);
static const struct ord_ix *ord_pick_ix(const struct order_filter *,
		    struct ord_place *, int *);
static const char *ord_creator(struct db_txn *, uint64_t);
static const char *ord_opt(const char *);
static int	 ord_row_pass(const struct order_filter *,
		    const struct order_row *);
static const char *ord_ix_name(const struct ord_ix *, const uint8_t *,
		    size_t);

/*
 * The indexes every order is in (order.h): the table, the tag of its
 * counts, the field before the status, and whether the status follows.
 * The key is that prefix, then the day created and the order number.
 */
enum { IXF_NONE, IXF_CUST, IXF_CHAN, IXF_USER };
struct ord_ix {
	enum db_table	 t;
	char		 tag;
	int		 field;
	int		 status;
};
static const struct ord_ix ord_ixs[] = {
	{ TB_ORD_BY_DATE,	'a', IXF_NONE, 0 },
	{ TB_ORD_BY_STATUS,	's', IXF_NONE, 1 },
	{ TB_ORD_BY_CUST,	'c', IXF_CUST, 0 },
	{ TB_ORD_BY_CUST_ST,	'C', IXF_CUST, 1 },
	{ TB_ORD_BY_CHAN,	'h', IXF_CHAN, 0 },
	{ TB_ORD_BY_CHAN_ST,	'H', IXF_CHAN, 1 },
	{ TB_ORD_BY_USER_ST,	'u', IXF_USER, 1 },
};
#define ORD_NIX		(sizeof ord_ixs / sizeof ord_ixs[0])
#define ORD_CREATOR_MAX	64	/* bytes of a creator kept in a key */

/* Where an order stands in the indexes. */
struct ord_place {
	uint64_t	 id;
	int64_t		 created;
	int		 status;
	const char	*customer;
	const char	*channel;
	const char	*creator;
};

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
	struct buf	 okey;		/* scratch: the key it had */
	struct buf	 ckey;		/* scratch: a count key */
	char		 creator[ORD_CREATOR_MAX + 1];
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

uint64_t
order_index_id(const MDB_val *k)
{
	if (k->mv_size < 8)
		return (0);
	return (key_get_u64((const uint8_t *)k->mv_data + k->mv_size - 8));
}

void
order_date_key(const struct db_txn *tx, struct buf *k, int64_t created,
    uint64_t id)
{
	key_i64(k, company_day(tx->co, created));
	key_u64(k, id);
}

/* The prefix of p's key in index ix. */
static void
ord_prefix(struct buf *k, const struct ord_ix *ix, const struct ord_place *p)
{
	switch (ix->field) {
	case IXF_CUST:
		key_str(k, p->customer != NULL ? p->customer : "");
		break;
	case IXF_CHAN:
		key_str(k, p->channel != NULL ? p->channel : "");
		break;
	case IXF_USER:
		key_str(k, p->creator != NULL ? p->creator : "");
		break;
	}
	if (ix->status)
		key_u8(k, (uint8_t)p->status);
}

/* Add delta to the count under key k ("o", tag, prefix); 0 is no entry. */
static int
ord_count_add(struct db_txn *tx, const struct buf *k, int64_t delta)
{
	MDB_val		 v;
	uint64_t	 n = 0;
	uint8_t		 b[8];
	int		 rc, i;

	rc = db_getb(tx, TB_COUNTS, k, &v);
	if (rc == 0 && v.mv_size == 8)
		n = key_get_u64(v.mv_data);
	else if (rc == 0)
		return (ORDO_ECORRUPT);
	else if (rc != MDB_NOTFOUND)
		return (rc);
	n += (uint64_t)delta;
	if (n == 0)
		return (db_del(tx, TB_COUNTS, k->d, k->len));
	for (i = 0; i < 8; i++)
		b[i] = (uint8_t)(n >> (8 * (7 - i)));	/* key_u64 */
	return (db_put(tx, TB_COUNTS, k->d, k->len, b, sizeof b, 0));
}

/*
 * Move an order's index entries and counts from where it stood (old;
 * NULL: a new order) to where it stands now.  Only the entries whose key
 * changes are touched.
 */
static int
ord_place(struct db_txn *tx, const struct ord_place *old,
    const struct ord_place *now)
{
	struct buf	*k = &ord_last.ikey, *ok = &ord_last.okey;
	struct buf	*ck = &ord_last.ckey;
	size_t		 i, plen, oplen = 0;
	int		 rc;

	for (i = 0; i < ORD_NIX; i++) {
		buf_reset(k);
		ord_prefix(k, &ord_ixs[i], now);
		plen = k->len;
		order_date_key(tx, k, now->created, now->id);
		if (old != NULL) {
			buf_reset(ok);
			ord_prefix(ok, &ord_ixs[i], old);
			oplen = ok->len;
			order_date_key(tx, ok, old->created, old->id);
			if (ok->len == k->len &&
			    memcmp(ok->d, k->d, k->len) == 0)
				continue;
			rc = db_del(tx, ord_ixs[i].t, ok->d, ok->len);
			if (rc != 0 && rc != MDB_NOTFOUND)
				return (rc);
			buf_reset(ck);
			buf_add(ck, "o", 1);
			buf_add(ck, &ord_ixs[i].tag, 1);
			buf_add(ck, ok->d, oplen);
			if ((rc = ord_count_add(tx, ck, -1)) != 0)
				return (rc);
		}
		if ((rc = db_put_tail(tx, ord_ixs[i].t, k->d, k->len, "",
		    0)) != 0)
			return (rc);
		buf_reset(ck);
		buf_add(ck, "o", 1);
		buf_add(ck, &ord_ixs[i].tag, 1);
		buf_add(ck, k->d, plen);
		if ((rc = ord_count_add(tx, ck, 1)) != 0)
			return (rc);
	}
	return (0);
}

/*
 * The creator of order id: the user of version 1 in its history (at most
 * ORD_CREATOR_MAX bytes), in ord_last.creator.
 */
static const char *
ord_creator(struct db_txn *tx, uint64_t id)
{
	struct buf	*k = &ord_last.ikey;
	MDB_val		 v;
	struct rd	 r;

	ord_last.creator[0] = '\0';
	buf_reset(k);
	key_u64(k, id);
	key_u32(k, 1);
	if (db_getb(tx, TB_ORDER_HIST, k, &v) != 0)
		return (ord_last.creator);
	rd_init(&r, v.mv_data, v.mv_size);
	(void)dec_u8(&r);
	(void)dec_i64(&r);
	ord_row_str(&r, ord_last.creator, sizeof ord_last.creator);
	return (ord_last.creator);
}

int
ord_save(struct db_txn *tx, struct order *o, int from, const char *action,
    const char *note)
{
	return (ord_save_moved(tx, o, from, NULL, action, note));
}

int
ord_save_moved(struct db_txn *tx, struct order *o, int from,
    const char *customer, const char *action, const char *note)
{
	struct ord_place old;

	if (from < 0)
		return (ord_save1(tx, o, NULL, (int)o->status, NULL, action,
		    note));
	old.id = o->id;
	old.created = o->created;
	old.status = from;
	old.customer = customer != NULL ? customer : o->customer;
	old.channel = o->channel;
	old.creator = NULL;
	return (ord_save1(tx, o, &old, from, NULL, action, note));
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
	return (ord_save1(tx, o, NULL, ST_DRAFT, cnote, action, note));
}

/* Set o's next version, its time and user. */
static void
ord_bump(struct db_txn *tx, struct order *o)
{
	const char	*user = tx->co->user != NULL ? tx->co->user : "";

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
	if ((rc = parcel_index(tx, o, action)) != 0)
		return (rc);
	if (tx->batch != 0)
		return (0);	/* the batch audits its chunk (audit.h) */
	snprintf(obj, sizeof obj, "order %llu", ORD_ULL(o->id));
	return (audit_log(tx, action, obj, "version %u: %s", o->version,
	    note));
}

/*
 * The read model (agg.h) follows the order: what the stored record (if
 * stored) gave it is taken away and what o gives is added.
 */
static int
ord_agg(struct db_txn *tx, const struct order *o, int stored)
{
	struct order	 prev;
	MDB_val		 v;
	int		 rc;

	if (!stored)
		return (agg_order(tx, NULL, o));
	if ((rc = ord_read(tx, o->id, &v, NULL)) != 0)
		return (rc);
	memset(&prev, 0, sizeof prev);
	if ((rc = ord_decode(v.mv_data, v.mv_size, &prev)) == 0) {
		prev.id = o->id;
		rc = agg_order(tx, &prev, o);
	}
	order_free(&prev);
	return (rc);
}

/*
 * ord_save and ord_save_new: old is where o stood in the indexes (NULL:
 * a new order), hfrom the status the history gives as the one before;
 * with cnote, a creation (version 1, a draft) is recorded first.
 */
static int
ord_save1(struct db_txn *tx, struct order *o, const struct ord_place *old,
    int hfrom, const char *cnote, const char *action, const char *note)
{
	struct buf	*k = &ord_last.key, *v = &ord_last.pend;
	struct ord_place now, was;
	int		 rc;

	ord_last.saved = NULL;
	if (cnote != NULL) {
		ord_bump(tx, o);
		if ((rc = ord_hist(tx, o, ST_DRAFT, ST_DRAFT, "order.new",
		    cnote)) != 0)
			return (rc);
	}
	ord_bump(tx, o);
	if ((rc = ord_agg(tx, o, old != NULL)) != 0)
		return (rc);
	buf_reset(k);
	buf_reset(v);
	key_u64(k, o->id);
	ord_encode(o, v);
	if ((rc = db_put_tail(tx, TB_ORDERS, k->d, k->len, v->d, v->len)) != 0)
		return (rc);
	now.id = o->id;
	now.created = o->created;
	now.status = (int)o->status;
	now.customer = o->customer;
	now.channel = o->channel;
	if (old == NULL) {
		now.creator = tx->co->user != NULL ? tx->co->user : "";
		if (strlen(now.creator) > ORD_CREATOR_MAX) {
			memcpy(ord_last.creator, now.creator, ORD_CREATOR_MAX);
			ord_last.creator[ORD_CREATOR_MAX] = '\0';
			now.creator = ord_last.creator;
		}
		rc = ord_place(tx, NULL, &now);
	} else if (old->status != now.status ||
	    strcmp(old->customer, now.customer) != 0) {
		/* The creator only matters to a key if the status moves. */
		was = *old;
		was.creator = now.creator = old->status != now.status ?
		    ord_creator(tx, o->id) : "";
		rc = ord_place(tx, &was, &now);
	} else
		rc = 0;
	if (rc != 0)
		return (rc);
	/* The pick queue and claims follow the order (pick.h). */
	if ((rc = pick_order_changed(tx, o, old != NULL ? old->status :
	    -1)) != 0)
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
	int		 rc, ok, ver;

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
			rc = fn(&h, arg);
		else
			rc = ORDO_ECORRUPT;
		free(h.user);
		free(h.note);
		if (rc != 0)
			break;
	}
	db_iter_close(&it);
	return (db_walk_rc(rc));
}

/* Rows: the head of an order record, without its lines. */

/* A string of the record into dst (cut at cap - 1 bytes). */
static void
ord_row_str(struct rd *r, char *dst, size_t cap)
{
	uint32_t	 n;
	size_t		 take;

	n = dec_u32(r);
	if (r->err || (size_t)(r->end - r->p) < n) {
		r->err = 1;
		dst[0] = '\0';
		return;
	}
	take = n < cap - 1 ? n : cap - 1;
	memcpy(dst, r->p, take);
	dst[take] = '\0';
	r->p += n;
}

static int
ord_row_decode(const void *p, size_t len, struct order_row *row)
{
	struct rd	 r;
	uint8_t		 ver, st;
	int		 i;

	rd_init(&r, p, len);
	ver = dec_u8(&r);
	if (ver != ORD_RECORD && ver != ORD_RECORD_V1)
		return (ORDO_ECORRUPT);
	ord_row_str(&r, row->channel, sizeof row->channel);
	ord_row_str(&r, row->ext_id, sizeof row->ext_id);
	rd_skip(&r, dec_u32(&r));		/* ext_number */
	ord_row_str(&r, row->customer, sizeof row->customer);
	st = dec_u8(&r);
	row->created = dec_i64(&r);
	(void)dec_i64(&r);			/* updated */
	rd_skip(&r, dec_u32(&r));		/* updated_by */
	row->version = dec_u32(&r);
	for (i = 0; i < 5; i++)			/* ship_to .. loc */
		rd_skip(&r, dec_u32(&r));
	rd_skip(&r, 8 + 4 + 8);			/* shipping .. ship_tax */
	row->net = dec_i64(&r);
	row->tax = dec_i64(&r);
	row->total = dec_i64(&r);
	(void)dec_u64(&r);			/* batch */
	row->nlines = dec_u16(&r);
	if (r.err || st >= ST_NSTATUSES)
		return (ORDO_ECORRUPT);
	row->status = (enum order_status)st;
	return (0);
}

int
order_row_get(struct db_txn *tx, uint64_t id, struct order_row *row)
{
	MDB_val		 v;
	int		 rc;

	memset(row, 0, sizeof *row);
	rc = db_get_id(tx, TB_ORDERS, id, &v);
	if (rc == MDB_NOTFOUND)
		return (ORDO_ENOTFOUND);
	if (rc != 0)
		return (rc);
	row->id = id;
	return (ord_row_decode(v.mv_data, v.mv_size, row));
}

void
order_filter_init(struct order_filter *f)
{
	memset(f, 0, sizeof *f);
	f->status = -1;
	f->from_day = INT32_MIN;
	f->to_day = INT32_MAX;
}

/* "" is no filter. */
static const char *
ord_opt(const char *s)
{
	return (s != NULL && *s != '\0' ? s : NULL);
}

/*
 * The index that serves filter f, and the place p whose prefix in it is
 * the filter's; *chan is set if the channel must still be checked row by
 * row (a customer and a channel together).  NULL: no order can pass (a
 * name longer than any stored), or a creator without a status.
 */
static const struct ord_ix *
ord_pick_ix(const struct order_filter *f, struct ord_place *p, int *chan)
{
	const char	*cust = ord_opt(f->customer);
	const char	*ch = ord_opt(f->channel);
	const char	*user = ord_opt(f->creator);
	int		 st = f->status >= 0, i;

	memset(p, 0, sizeof *p);
	p->status = f->status;
	p->customer = cust;
	p->channel = ch;
	p->creator = user;
	*chan = 0;
	if ((cust != NULL && strlen(cust) > CUSTOMER_CODE_MAX) ||
	    (ch != NULL && strlen(ch) > ORDER_CHANNEL_MAX) ||
	    (user != NULL && strlen(user) > ORD_CREATOR_MAX) ||
	    f->status >= ST_NSTATUSES)
		return (NULL);
	if (user != NULL)
		i = st ? 6 : -1;
	else if (cust != NULL)
		i = st ? 3 : 2;
	else if (ch != NULL)
		i = st ? 5 : 4;
	else
		i = st ? 1 : 0;
	if (i < 0)
		return (NULL);
	*chan = ch != NULL && (user != NULL || cust != NULL);
	return (&ord_ixs[i]);
}

/* 1 if row passes what the index did not filter. */
static int
ord_row_pass(const struct order_filter *f, const struct order_row *row)
{
	const char	*cust = ord_opt(f->customer);
	const char	*ch = ord_opt(f->channel);

	return ((f->status < 0 || (int)row->status == f->status) &&
	    (cust == NULL || strcmp(cust, row->customer) == 0) &&
	    (ch == NULL || strcmp(ch, row->channel) == 0));
}

int
order_page(struct db_txn *tx, const struct order_filter *f, uint64_t anchor,
    int dir, struct order_row *rows, size_t max, size_t *n, char **cause)
{
	const struct ord_ix *ix;
	struct ord_place p;
	struct order_row row, t;
	struct db_iter	 it;
	struct buf	 k, lim;
	int64_t		 day;
	size_t		 plen, i;
	int		 rc, chan, down, incl, use_lim;

	*n = 0;
	if (dir != ORDER_PAGE_DOWN && dir != ORDER_PAGE_UP &&
	    dir != ORDER_PAGE_AT)
		return (cause_set(cause, ORDO_EINVAL, "bad direction %d", dir));
	if (ord_opt(f->creator) != NULL && f->status < 0)
		return (cause_set(cause, ORDO_EINVAL, "a list by creator needs "
		    "a status"));
	if (f->from_day > f->to_day)
		return (cause_set(cause, ORDO_EINVAL, "the first day of the "
		    "range is after its last"));
	if (max == 0 || (ix = ord_pick_ix(f, &p, &chan)) == NULL)
		return (0);
	buf_init(&k);
	buf_init(&lim);
	ord_prefix(&k, ix, &p);
	plen = k.len;
	if ((rc = db_iter_open(tx, ix->t, k.d, k.len, &it)) != 0)
		goto out;
	/* The list is newest first: down it is the keys in reverse. */
	down = dir != ORDER_PAGE_UP;
	if (down)
		db_iter_reverse(&it);
	incl = dir == ORDER_PAGE_AT;
	if (anchor != 0) {
		if ((rc = order_row_get(tx, anchor, &row)) != 0) {
			if (rc == ORDO_ENOTFOUND)
				cause_set(cause, rc, "no order %llu",
				    ORD_ULL(anchor));
			goto close;
		}
		order_date_key(tx, &k, row.created, anchor);
	}
	/*
	 * The range of days: where the walk starts if the anchor is
	 * outside it (or there is none), and where it stops.
	 */
	buf_add(&lim, k.d, plen);
	if (down)
		key_i64(&lim, (int64_t)f->to_day + 1);
	else
		key_i64(&lim, f->from_day);
	use_lim = down ? f->to_day != INT32_MAX : f->from_day != INT32_MIN;
	if (anchor != 0 && use_lim && (down ?
	    memcmp(k.d, lim.d, lim.len) >= 0 :
	    memcmp(k.d, lim.d, lim.len) < 0))
		anchor = 0;
	if (anchor != 0)
		rc = db_iter_at(&it, k.d, k.len, incl);
	else if (use_lim)
		rc = db_iter_at(&it, lim.d, lim.len, !down);
	else
		rc = 0;
	if (rc != 0 && rc != MDB_NOTFOUND)
		goto close;
	while (*n < max && (rc = db_iter_next(&it)) == 0) {
		if (it.key.mv_size != plen + 16) {
			rc = ORDO_ECORRUPT;
			break;
		}
		day = (int64_t)(key_get_u64((const uint8_t *)it.key.mv_data +
		    plen) ^ (UINT64_C(1) << 63));
		if (down ? day < f->from_day : day > f->to_day)
			break;
		rc = order_row_get(tx, key_get_u64((const uint8_t *)
		    it.key.mv_data + plen + 8), &row);
		if (rc == ORDO_ENOTFOUND)
			rc = ORDO_ECORRUPT;	/* an index entry of nothing */
		if (rc != 0)
			break;
		if (!chan || ord_row_pass(f, &row))
			rows[(*n)++] = row;
	}
	if (rc == MDB_NOTFOUND)
		rc = 0;
	if (rc != 0)
		cause_set(cause, rc, "orders: %s", ordo_strerror(rc));
	else if (!down) {
		/* Collected upwards: give them in list order. */
		for (i = 0; i < *n / 2; i++) {
			t = rows[i];
			rows[i] = rows[*n - 1 - i];
			rows[*n - 1 - i] = t;
		}
	}
close:
	db_iter_close(&it);
out:
	buf_free(&k);
	buf_free(&lim);
	if (rc != 0)
		*n = 0;
	return (rc);
}

int
order_count(struct db_txn *tx, const struct order_filter *f, uint64_t *n)
{
	const struct ord_ix *ix;
	struct ord_place p;
	struct buf	 k;
	MDB_val		 v;
	int		 rc, chan;

	*n = 0;
	if (f->from_day != INT32_MIN || f->to_day != INT32_MAX ||
	    (ord_opt(f->creator) != NULL && f->status < 0))
		return (ORDO_EINVAL);
	if ((ix = ord_pick_ix(f, &p, &chan)) == NULL)
		return (0);
	if (chan)
		return (ORDO_EINVAL);
	buf_init(&k);
	buf_add(&k, "o", 1);
	buf_add(&k, &ix->tag, 1);
	ord_prefix(&k, ix, &p);
	rc = db_getb(tx, TB_COUNTS, &k, &v);
	buf_free(&k);
	if (rc == MDB_NOTFOUND)
		return (0);
	if (rc != 0)
		return (rc);
	if (v.mv_size != 8)
		return (ORDO_ECORRUPT);
	*n = key_get_u64(v.mv_data);
	return (0);
}

int
order_each(struct db_txn *tx, int status, const char *cust, uint64_t after,
    int (*fn)(const struct order *, void *), void *arg)
{
	struct order_filter f;
	struct order_row *rows;
	struct order	 o;
	size_t		 n, i;
	int		 rc, dir = ORDER_PAGE_DOWN;

	order_filter_init(&f);
	f.status = status;
	f.customer = cust;
	rows = xcalloc(64, sizeof *rows);
	do {
		if ((rc = order_page(tx, &f, after, dir, rows, 64, &n,
		    NULL)) != 0)
			break;
		for (i = 0; i < n; i++) {
			if ((rc = order_get(tx, rows[i].id, &o, NULL)) != 0)
				break;
			rc = fn(&o, arg);
			order_free(&o);
			if (rc != 0)
				break;
		}
		if (n > 0)
			after = rows[n - 1].id;
	} while (rc == 0 && n == 64);
	free(rows);
	return (db_walk_rc(rc));
}

/* Checks (ordo check). */

/* A prefix of index ix for a message: "LINMEI/draft" (a static buffer). */
static const char *
ord_ix_name(const struct ord_ix *ix, const uint8_t *p, size_t len)
{
	static char	 b[2 * DB_MAXKEY + 32];
	size_t		 n = 0, i, end = len;

	b[0] = '\0';
	if (ix->status && len > 0)
		end = len - 1;
	for (i = 0; i < end && n + 5 < sizeof b; i++) {
		if (p[i] == '\0')
			continue;	/* the field's NUL */
		b[n++] = p[i] >= 0x20 && p[i] != 0x7f ? (char)p[i] : '?';
	}
	b[n] = '\0';
	if (ix->status && len > 0)
		snprintf(b + n, sizeof b - n, "%s%s", n > 0 ? "/" : "",
		    order_status_name((enum order_status)p[len - 1]));
	if (b[0] == '\0')
		snprintf(b, sizeof b, "(all)");
	return (b);
}

int
order_check_one(struct db_txn *tx, const struct order *o,
    void (*viol)(void *, const char *), void *arg)
{
	struct ord_place p;
	struct buf	 k;
	MDB_val		 v;
	char		*s;
	size_t		 i;
	int		 rc = 0;

	p.id = o->id;
	p.created = o->created;
	p.status = (int)o->status;
	p.customer = o->customer;
	p.channel = o->channel;
	p.creator = ord_creator(tx, o->id);
	buf_init(&k);
	for (i = 0; i < ORD_NIX; i++) {
		buf_reset(&k);
		ord_prefix(&k, &ord_ixs[i], &p);
		order_date_key(tx, &k, o->created, o->id);
		rc = db_getb(tx, ord_ixs[i].t, &k, &v);
		if (rc == MDB_NOTFOUND) {
			xasprintf(&s, "Order %llu is missing from the index "
			    "%s.", ORD_ULL(o->id), db_table_name(ord_ixs[i].t));
			viol(arg, s);
			free(s);
			rc = 0;
		} else if (rc != 0)
			break;
	}
	buf_free(&k);
	return (rc);
}

int
order_check_counts(struct db_txn *tx, uint64_t norders,
    void (*viol)(void *, const char *), void *arg)
{
	struct db_iter	 it;
	struct buf	 run, ck;
	MDB_val		 v;
	uint64_t	 n, have, runs, stored;
	size_t		 i, plen;
	char		*s;
	int		 rc = 0;

	buf_init(&run);
	buf_init(&ck);
	for (i = 0; i < ORD_NIX && rc == 0; i++) {
		const struct ord_ix *ix = &ord_ixs[i];

		if ((have = db_count(tx, ix->t)) != norders) {
			xasprintf(&s, "The index %s holds %llu entries for "
			    "%llu orders.", db_table_name(ix->t),
			    ORD_ULL(have), ORD_ULL(norders));
			viol(arg, s);
			free(s);
		}
		/* Each run of one prefix against its count. */
		if ((rc = db_iter_open(tx, ix->t, NULL, 0, &it)) != 0)
			break;
		buf_reset(&run);
		n = runs = 0;
		for (;;) {
			rc = db_iter_next(&it);
			if (rc != 0 && rc != MDB_NOTFOUND)
				break;
			plen = rc == 0 && it.key.mv_size >= 16 ?
			    it.key.mv_size - 16 : 0;
			if (rc == 0 && n > 0 && plen == run.len && (plen == 0 ||
			    memcmp(it.key.mv_data, run.d, plen) == 0)) {
				n++;
				continue;
			}
			if (n > 0) {
				/* A run ended: compare it. */
				runs++;
				buf_reset(&ck);
				buf_add(&ck, "o", 1);
				buf_add(&ck, &ix->tag, 1);
				buf_add(&ck, run.d, run.len);
				stored = 0;
				if (db_getb(tx, TB_COUNTS, &ck, &v) == 0 &&
				    v.mv_size == 8)
					stored = key_get_u64(v.mv_data);
				if (stored != n) {
					xasprintf(&s, "The count of %s "
					    "entry %s is %llu; it holds %llu.",
					    db_table_name(ix->t),
					    ord_ix_name(ix, run.d, run.len),
					    ORD_ULL(stored), ORD_ULL(n));
					viol(arg, s);
					free(s);
				}
			}
			if (rc == MDB_NOTFOUND)
				break;
			buf_reset(&run);
			buf_add(&run, it.key.mv_data, plen);
			n = 1;
		}
		db_iter_close(&it);
		if (rc == MDB_NOTFOUND)
			rc = 0;
		/* No count for a prefix with no orders. */
		buf_reset(&ck);
		buf_add(&ck, "o", 1);
		buf_add(&ck, &ix->tag, 1);
		if (rc == 0 && (rc = db_iter_open(tx, TB_COUNTS, ck.d, ck.len,
		    &it)) == 0) {
			stored = 0;
			while ((rc = db_iter_next(&it)) == 0)
				stored++;
			db_iter_close(&it);
			if (rc == MDB_NOTFOUND)
				rc = 0;
			if (stored != runs) {
				xasprintf(&s, "There are %llu counts of %s for "
				    "%llu different entries.", ORD_ULL(stored),
				    db_table_name(ix->t), ORD_ULL(runs));
				viol(arg, s);
				free(s);
			}
		}
	}
	buf_free(&run);
	buf_free(&ck);
	return (rc);
}

/* Schema 5: every order index and count, rebuilt. */
int
ord_reindex(struct db_txn *tx)
{
	struct db_iter	 it;
	struct order_row row;
	struct ord_place p;
	char		 creator[ORD_CREATOR_MAX + 1];
	size_t		 i;
	int		 rc;

	/*
	 * The counts table is new in schema 5: only orders are in it.  The
	 * date index (the first) kept its shape: its entries are put again.
	 */
	for (i = 1; i < ORD_NIX; i++)
		if ((rc = mdb_drop(tx->txn, tx->db->dbi[ord_ixs[i].t],
		    0)) != 0)
			return (rc);
	if ((rc = mdb_drop(tx->txn, tx->db->dbi[TB_COUNTS], 0)) != 0)
		return (rc);
	if ((rc = db_iter_open(tx, TB_ORDERS, NULL, 0, &it)) != 0)
		return (rc);
	while ((rc = db_iter_next(&it)) == 0) {
		if (it.key.mv_size != 8) {
			rc = ORDO_ECORRUPT;
			break;
		}
		row.id = key_get_u64(it.key.mv_data);
		if ((rc = ord_row_decode(it.val.mv_data, it.val.mv_size,
		    &row)) != 0)
			break;
		p.id = row.id;
		p.created = row.created;
		p.status = (int)row.status;
		p.customer = row.customer;
		p.channel = row.channel;
		snprintf(creator, sizeof creator, "%s", ord_creator(tx,
		    row.id));
		p.creator = creator;
		if ((rc = ord_place(tx, NULL, &p)) != 0)
			break;
	}
	db_iter_close(&it);
	return (rc == MDB_NOTFOUND ? 0 : rc);
}
