/*
 * outbox.c: the outbox table and the delivery state of `ordo notify`.
 * See outbox.h.
 *
 * An event is appended by the transaction that makes the change, so a
 * change committed has its event and an aborted one leaves none.  The
 * user and time come from the transaction.  Data is a JSON object built
 * here with a few helpers; strings are UTF-8 already (every text field
 * is checked on the way in), so escaping is only quotes, backslashes and
 * control characters.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ordo/batch.h"
#include "ordo/codec.h"
#include "ordo/company.h"
#include "ordo/core.h"
#include "ordo/date.h"
#include "ordo/error.h"
#include "ordo/item.h"
#include "ordo/money.h"
#include "ordo/order.h"
#include "ordo/outbox.h"
#include "ordo/stock.h"
#include "ordo/xmalloc.h"

#define OUTBOX_RECORD	1
#define NOTIFY_RECORD	1
#define NOTIFY_CURSOR	"notify/cursor"

static int	 outbox_decode(uint64_t, const MDB_val *,
		    struct outbox_event *);
static void	 json_key(struct outbox_json *, const char *);

/* JSON. */

void
outbox_json_quote(struct buf *b, const char *s)
{
	const unsigned char	*p;
	char			 esc[8];

	buf_add(b, "\"", 1);
	for (p = (const unsigned char *)(s != NULL ? s : ""); *p != '\0';
	    p++) {
		if (*p == '"' || *p == '\\') {
			esc[0] = '\\';
			esc[1] = (char)*p;
			buf_add(b, esc, 2);
		} else if (*p == '\n')
			buf_add(b, "\\n", 2);
		else if (*p == '\t')
			buf_add(b, "\\t", 2);
		else if (*p == '\r')
			buf_add(b, "\\r", 2);
		else if (*p < 0x20 || *p == 0x7f) {
			snprintf(esc, sizeof esc, "\\u%04x", *p);
			buf_add(b, esc, 6);
		} else
			buf_add(b, p, 1);
	}
	buf_add(b, "\"", 1);
}

static void
json_key(struct outbox_json *j, const char *name)
{
	if (j->n++ > 0)
		buf_add(j->b, ",", 1);
	outbox_json_quote(j->b, name);
	buf_add(j->b, ":", 1);
}

void
outbox_json_begin(struct outbox_json *j, struct buf *b)
{
	j->b = b;
	j->n = 0;
	buf_reset(b);
	buf_add(b, "{", 1);
}

void
outbox_json_str(struct outbox_json *j, const char *name, const char *s)
{
	json_key(j, name);
	outbox_json_quote(j->b, s);
}

void
outbox_json_int(struct outbox_json *j, const char *name, int64_t v)
{
	char	 n[32];

	json_key(j, name);
	snprintf(n, sizeof n, "%lld", (long long)v);
	buf_add(j->b, n, strlen(n));
}

void
outbox_json_bool(struct outbox_json *j, const char *name, int v)
{
	json_key(j, name);
	buf_add(j->b, v ? "true" : "false", v ? 4 : 5);
}

void
outbox_json_money(struct outbox_json *j, const struct db_txn *tx,
    const char *name, int64_t v)
{
	char	 m[MONEY_BUFSZ], *k;

	outbox_json_str(j, name, core_money(tx, m, sizeof m, v));
	xasprintf(&k, "%s_minor", name);
	outbox_json_int(j, k, v);
	free(k);
}

void
outbox_json_end(struct outbox_json *j)
{
	buf_add(j->b, "}", 2);	/* and the NUL */
	j->b->len--;
}

/* Writing events. */

int
outbox_emit(struct db_txn *tx, const char *kind, const char *object,
    const char *data)
{
	struct buf	 k, v;
	uint64_t	 id;
	int		 rc;

	if ((rc = db_seq_next(tx, "outbox", &id)) != 0)
		return (rc);
	buf_init(&k);
	buf_init(&v);
	key_u64(&k, id);
	enc_u8(&v, OUTBOX_RECORD);
	enc_i64(&v, tx->now);
	enc_str(&v, tx->co->user);
	enc_str(&v, kind);
	enc_str(&v, object);
	enc_str(&v, data);
	/* Ids only grow: appending is cheaper and still refuses a repeat. */
	rc = db_putb(tx, TB_OUTBOX, &k, &v, MDB_APPEND);
	if (rc == MDB_KEYEXIST)
		rc = ORDO_ECORRUPT;	/* The sequence went backwards. */
	buf_free(&k);
	buf_free(&v);
	return (rc);
}

int
outbox_order(struct db_txn *tx, const struct order *o, int from,
    const char *action, const char *note)
{
	static const struct {
		const char	*action;
		const char	*kind;
	} map[] = {
		{ "order.new",		"order.created" },
		{ "order.confirm",	"order.confirmed" },
		{ "order.ship",		"order.shipped" },
		{ "order.deliver",	"order.delivered" },
		{ "order.cancel",	"order.cancelled" },
		{ "order.return",	"order.returned" },
	};
	struct outbox_json j;
	struct buf	 b;
	const char	*kind = NULL;
	char		 obj[32];
	size_t		 i;
	int		 rc;

	for (i = 0; i < sizeof map / sizeof map[0]; i++)
		if (strcmp(action, map[i].action) == 0)
			kind = map[i].kind;
	/* Confirming again for backorders is no news to a customer. */
	if (kind == NULL || (strcmp(action, "order.confirm") == 0 &&
	    from != ST_DRAFT))
		return (0);
	buf_init(&b);
	outbox_json_begin(&j, &b);
	outbox_json_int(&j, "order", (int64_t)o->id);
	outbox_json_str(&j, "channel", o->channel);
	outbox_json_str(&j, "ext_id", o->ext_id);
	outbox_json_str(&j, "ext_number", o->ext_number);
	outbox_json_str(&j, "customer", o->customer);
	outbox_json_str(&j, "status", order_status_name(o->status));
	outbox_json_int(&j, "version", o->version);
	outbox_json_money(&j, tx, "total", o->total);
	outbox_json_str(&j, "carrier", o->carrier);
	outbox_json_str(&j, "tracking", o->tracking);
	outbox_json_int(&j, "batch", (int64_t)o->batch);
	outbox_json_str(&j, "note", note);
	outbox_json_end(&j);
	snprintf(obj, sizeof obj, "order %llu", (unsigned long long)o->id);
	rc = outbox_emit(tx, kind, obj, (const char *)b.d);
	buf_free(&b);
	return (rc);
}

int
outbox_stock(struct db_txn *tx, const char *sku, int64_t dec)
{
	struct outbox_json j;
	struct item	 it;
	struct buf	 b;
	int64_t		 avail;
	char		*obj;
	int		 rc;

	if (dec <= 0)
		return (0);
	if ((rc = stock_low(tx, sku, &avail)) <= 0)
		return (rc == ORDO_ENOTFOUND ? 0 : rc);
	memset(&it, 0, sizeof it);
	if ((rc = item_get(tx, sku, &it, NULL)) != 0)
		return (rc);
	/* Only the move that took it across: not every sale below it. */
	if (avail + dec <= it.reorder_point) {
		item_free(&it);
		return (0);
	}
	buf_init(&b);
	outbox_json_begin(&j, &b);
	outbox_json_str(&j, "sku", sku);
	outbox_json_str(&j, "name", it.name);
	outbox_json_int(&j, "available", avail);
	outbox_json_int(&j, "reorder_point", it.reorder_point);
	outbox_json_int(&j, "reorder_qty", it.reorder_qty);
	outbox_json_end(&j);
	xasprintf(&obj, "item %s", sku);
	rc = outbox_emit(tx, "stock.low", obj, (const char *)b.d);
	free(obj);
	buf_free(&b);
	item_free(&it);
	return (rc);
}

int
outbox_payment(struct db_txn *tx, uint64_t id, const char *customer,
    int64_t amount, const char *method, const char *ref, int prepayment)
{
	struct outbox_json j;
	struct buf	 b;
	char		 obj[32];
	int		 rc;

	buf_init(&b);
	outbox_json_begin(&j, &b);
	outbox_json_int(&j, "payment", (int64_t)id);
	outbox_json_str(&j, "customer", customer);
	outbox_json_money(&j, tx, "amount", amount);
	outbox_json_str(&j, "method", method);
	outbox_json_str(&j, "ref", ref);
	outbox_json_bool(&j, "prepayment", prepayment);
	outbox_json_end(&j);
	snprintf(obj, sizeof obj, "payment %llu", (unsigned long long)id);
	rc = outbox_emit(tx, "payment.received", obj, (const char *)b.d);
	buf_free(&b);
	return (rc);
}

int
outbox_batch(struct db_txn *tx, const struct batch *bt)
{
	struct outbox_json j;
	struct buf	 b;
	char		 obj[32];
	int		 rc;

	buf_init(&b);
	outbox_json_begin(&j, &b);
	outbox_json_int(&j, "batch", (int64_t)bt->id);
	outbox_json_str(&j, "file", bt->file);
	outbox_json_str(&j, "channel", bt->channel);
	outbox_json_str(&j, "sha256", bt->sha256);
	outbox_json_int(&j, "rows", bt->rows);
	outbox_json_int(&j, "orders_new", bt->orders_new);
	outbox_json_int(&j, "orders_updated", bt->orders_updated);
	outbox_json_int(&j, "orders_unchanged", bt->orders_unchanged);
	outbox_json_int(&j, "orders_short", bt->orders_short);
	outbox_json_int(&j, "rejected", bt->rejected);
	outbox_json_end(&j);
	snprintf(obj, sizeof obj, "import %llu", (unsigned long long)bt->id);
	rc = outbox_emit(tx, "import.finished", obj, (const char *)b.d);
	buf_free(&b);
	return (rc);
}

/* Reading events. */

static int
outbox_decode(uint64_t id, const MDB_val *val, struct outbox_event *e)
{
	struct rd	 r;

	memset(e, 0, sizeof *e);
	e->id = id;
	rd_init(&r, val->mv_data, val->mv_size);
	if (dec_u8(&r) != OUTBOX_RECORD)
		r.err = 1;
	e->time = dec_i64(&r);
	e->user = dec_str(&r);
	e->kind = dec_str(&r);
	e->object = dec_str(&r);
	e->data = dec_str(&r);
	if (!rd_ok(&r)) {
		outbox_free(e);
		return (ORDO_ECORRUPT);
	}
	return (0);
}

int
outbox_get(struct db_txn *tx, uint64_t id, struct outbox_event *e)
{
	MDB_val	 v;
	int	 rc;

	memset(e, 0, sizeof *e);
	if ((rc = db_get_id(tx, TB_OUTBOX, id, &v)) != 0)
		return (rc == MDB_NOTFOUND ? ORDO_ENOTFOUND : rc);
	return (outbox_decode(id, &v, e));
}

int
outbox_each(struct db_txn *tx, uint64_t after,
    int (*fn)(const struct outbox_event *, void *), void *arg)
{
	struct db_iter	 it;
	struct outbox_event e;
	struct buf	 k;
	int		 rc;

	if ((rc = db_iter_open(tx, TB_OUTBOX, NULL, 0, &it)) != 0)
		return (rc);
	if (after != 0) {
		buf_init(&k);
		key_u64(&k, after);
		rc = db_iter_seek(&it, k.d, k.len);
		buf_free(&k);
		if (rc != 0)
			goto done;
	}
	while ((rc = db_iter_next(&it)) == 0) {
		if (it.key.mv_size != 8) {
			rc = ORDO_ECORRUPT;
			break;
		}
		if ((rc = outbox_decode(key_get_u64(it.key.mv_data), &it.val,
		    &e)) != 0)
			break;
		rc = fn(&e, arg);
		outbox_free(&e);
		if (rc != 0)
			break;
	}
done:
	db_iter_close(&it);
	return (db_walk_rc(rc));
}

uint64_t
outbox_last(struct db_txn *tx)
{
	return (db_seq_peek(tx, "outbox"));
}

void
outbox_free(struct outbox_event *e)
{
	if (e == NULL)
		return;
	free(e->user);
	free(e->kind);
	free(e->object);
	free(e->data);
	e->user = e->kind = e->object = e->data = NULL;
}

void
outbox_line(const struct outbox_event *e, struct buf *b)
{
	char	 n[32], t[TIME_BUFSZ];

	buf_reset(b);
	snprintf(n, sizeof n, "{\"id\":%llu,\"time\":",
	    (unsigned long long)e->id);
	buf_add(b, n, strlen(n));
	/* ISO 8601 in UTC: "2025-03-03 10:00:00" -> "2025-03-03T10:00:00Z" */
	time_fmt(t, sizeof t, e->time);
	if (strlen(t) > 10)
		t[10] = 'T';
	strncat(t, "Z", sizeof t - strlen(t) - 1);
	outbox_json_quote(b, t);
	buf_add(b, ",\"user\":", 8);
	outbox_json_quote(b, e->user);
	buf_add(b, ",\"kind\":", 8);
	outbox_json_quote(b, e->kind);
	buf_add(b, ",\"object\":", 10);
	outbox_json_quote(b, e->object);
	buf_add(b, ",\"data\":", 8);
	buf_add(b, e->data, strlen(e->data));
	buf_add(b, "}", 2);
	b->len--;
}

/* Delivery state. */

uint64_t
notify_cursor(struct db_txn *tx)
{
	MDB_val	 v;

	if (db_get(tx, TB_META, NOTIFY_CURSOR, strlen(NOTIFY_CURSOR),
	    &v) != 0 || v.mv_size != 8)
		return (0);
	return (key_get_u64(v.mv_data));
}

int
notify_set_cursor(struct db_txn *tx, uint64_t id)
{
	struct buf	 v;
	int		 rc;

	buf_init(&v);
	key_u64(&v, id);
	rc = db_put(tx, TB_META, NOTIFY_CURSOR, strlen(NOTIFY_CURSOR), v.d,
	    v.len, 0);
	buf_free(&v);
	return (rc);
}

static int
notify_decode(uint64_t id, const MDB_val *val, struct notify_rec *n)
{
	struct rd	 r;

	memset(n, 0, sizeof *n);
	n->event = id;
	rd_init(&r, val->mv_data, val->mv_size);
	if (dec_u8(&r) != NOTIFY_RECORD)
		r.err = 1;
	n->state = (enum notify_state)dec_u8(&r);
	n->attempts = dec_u32(&r);
	n->next = dec_i64(&r);
	n->error = dec_str(&r);
	if (!rd_ok(&r) || (n->state != NOTIFY_RETRY &&
	    n->state != NOTIFY_DEAD)) {
		notify_rec_free(n);
		return (ORDO_ECORRUPT);
	}
	return (0);
}

int
notify_get(struct db_txn *tx, uint64_t id, struct notify_rec *n)
{
	MDB_val	 v;
	int	 rc;

	memset(n, 0, sizeof *n);
	if ((rc = db_get_id(tx, TB_NOTIFY, id, &v)) != 0)
		return (rc == MDB_NOTFOUND ? ORDO_ENOTFOUND : rc);
	return (notify_decode(id, &v, n));
}

int
notify_put(struct db_txn *tx, const struct notify_rec *n)
{
	struct buf	 k, v;
	int		 rc;

	buf_init(&k);
	buf_init(&v);
	key_u64(&k, n->event);
	enc_u8(&v, NOTIFY_RECORD);
	enc_u8(&v, (uint8_t)n->state);
	enc_u32(&v, n->attempts);
	enc_i64(&v, n->next);
	enc_str(&v, n->error);
	rc = db_putb(tx, TB_NOTIFY, &k, &v, 0);
	buf_free(&k);
	buf_free(&v);
	return (rc);
}

int
notify_del(struct db_txn *tx, uint64_t id)
{
	struct buf	 k;
	int		 rc;

	buf_init(&k);
	key_u64(&k, id);
	rc = db_del(tx, TB_NOTIFY, k.d, k.len);
	buf_free(&k);
	return (rc == MDB_NOTFOUND ? 0 : rc);
}

struct notify_each_arg {
	int	(*fn)(const struct notify_rec *, void *);
	void	*arg;
};

static int
notify_each_one(uint64_t id, const MDB_val *v, void *arg)
{
	struct notify_each_arg	*a = arg;
	struct notify_rec	 n;
	int			 rc;

	if ((rc = notify_decode(id, v, &n)) != 0)
		return (rc);
	rc = a->fn(&n, a->arg);
	notify_rec_free(&n);
	return (rc);
}

int
notify_each(struct db_txn *tx, int (*fn)(const struct notify_rec *, void *),
    void *arg)
{
	struct notify_each_arg	 a;

	a.fn = fn;
	a.arg = arg;
	return (db_each_id(tx, TB_NOTIFY, notify_each_one, &a));
}

void
notify_rec_free(struct notify_rec *n)
{
	if (n == NULL)
		return;
	free(n->error);
	n->error = NULL;
}
