/*
 * parcel.c: parcels of shipped orders and their delivery states.  See
 * parcel.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ordo/codec.h"
#include "ordo/core.h"
#include "ordo/error.h"
#include "ordo/order.h"
#include "ordo/outbox.h"
#include "ordo/parcel.h"
#include "ordo/text.h"
#include "ordo/xmalloc.h"

#define PARCEL_RECORD	1

static const char *parcel_names[PARCEL_NSTATES] = {
#define X(id, name) name,
	PARCEL_STATES
#undef X
};

const char *
parcel_state_name(enum parcel_state s)
{
	return ((unsigned)s < PARCEL_NSTATES ? parcel_names[s] : "?");
}

int
parcel_index(struct db_txn *tx, const struct order *o, const char *action)
{
	struct buf	 v;
	int		 rc;

	if (strcmp(action, "order.ship") != 0 || o->tracking == NULL ||
	    *o->tracking == '\0')
		return (0);
	buf_init(&v);
	key_u64(&v, o->id);
	rc = db_put(tx, TB_PARCEL_BY_TRACKING, o->tracking,
	    strlen(o->tracking), v.d, v.len, 0);
	buf_free(&v);
	return (rc);
}

int
parcel_get(struct db_txn *tx, uint64_t id, struct parcel *p)
{
	struct rd	 r;
	MDB_val		 v;
	int		 rc;

	memset(p, 0, sizeof *p);
	if ((rc = db_get_id(tx, TB_PARCELS, id, &v)) != 0)
		return (rc == MDB_NOTFOUND ? ORDO_ENOTFOUND : rc);
	p->order = id;
	rd_init(&r, v.mv_data, v.mv_size);
	if (dec_u8(&r) != PARCEL_RECORD)
		r.err = 1;
	p->state = (enum parcel_state)dec_u8(&r);
	p->time = dec_i64(&r);
	p->carrier = dec_str(&r);
	p->tracking = dec_str(&r);
	p->detail = dec_str(&r);
	if (!rd_ok(&r) || p->state >= PARCEL_NSTATES) {
		parcel_free(p);
		return (ORDO_ECORRUPT);
	}
	return (0);
}

void
parcel_free(struct parcel *p)
{
	if (p == NULL)
		return;
	free(p->carrier);
	free(p->tracking);
	free(p->detail);
	p->carrier = p->tracking = p->detail = NULL;
}

static int
parcel_event(struct db_txn *tx, const struct order *o, const char *carrier,
    const char *tracking, enum parcel_state st, const char *detail)
{
	struct outbox_json	 j;
	struct buf		 b;
	char			 kind[32], obj[32];
	int			 rc;

	snprintf(kind, sizeof kind, "parcel.%s", st == PARCEL_IN_TRANSIT ?
	    "in_transit" : parcel_state_name(st));
	snprintf(obj, sizeof obj, "order %llu", (unsigned long long)o->id);
	buf_init(&b);
	outbox_json_begin(&j, &b);
	outbox_json_int(&j, "order", (int64_t)o->id);
	outbox_json_str(&j, "customer", o->customer);
	outbox_json_str(&j, "state", parcel_state_name(st));
	outbox_json_str(&j, "carrier", carrier);
	outbox_json_str(&j, "tracking", tracking);
	outbox_json_str(&j, "detail", detail);
	outbox_json_end(&j);
	rc = outbox_emit(tx, kind, obj, (const char *)b.d);
	buf_free(&b);
	return (rc);
}

int
parcel_update(struct db_txn *tx, uint64_t id, const char *tracking,
    const char *carrier, enum parcel_state st, int64_t when,
    const char *detail, enum parcel_result *res, char **cause)
{
	struct parcel	 p;
	struct order	 o;
	struct buf	 k, v;
	MDB_val		 val;
	int		 rc;

	*res = PARCEL_SAME;
	if ((rc = core_require(tx, ROLE_CLERK, "recording a parcel's state",
	    cause)) != 0)
		return (rc);
	if (st <= PARCEL_NONE || st >= PARCEL_NSTATES)
		return (cause_set(cause, ORDO_EINVAL, "no such parcel state"));
	if (tracking == NULL)
		tracking = "";
	if (carrier == NULL)
		carrier = "";
	if (detail == NULL)
		detail = "";
	if ((rc = text_check("tracking number", tracking, 128, 0,
	    cause)) != 0 || (rc = text_check("carrier", carrier, 64, 0,
	    cause)) != 0 || (rc = text_check("detail", detail, 500, 0,
	    cause)) != 0)
		return (rc);
	if (id == 0) {
		if (*tracking == '\0')
			return (cause_set(cause, ORDO_EINVAL, "no tracking "
			    "number and no order number"));
		rc = strlen(tracking) > DB_MAXKEY ? MDB_NOTFOUND :
		    db_get(tx, TB_PARCEL_BY_TRACKING, tracking,
		    strlen(tracking), &val);
		if (rc == MDB_NOTFOUND)
			return (cause_set(cause, ORDO_ENOTFOUND, "no order was "
			    "shipped with tracking number %s", tracking));
		if (rc != 0)
			return (rc);
		if (val.mv_size != 8)
			return (ORDO_ECORRUPT);
		id = key_get_u64(val.mv_data);
	}
	if ((rc = order_get(tx, id, &o, NULL)) != 0)
		return (rc == ORDO_ENOTFOUND ? cause_set(cause, rc, "no order "
		    "%llu", (unsigned long long)id) : rc);
	if (o.status != ST_PARTIAL && o.status != ST_SHIPPED &&
	    o.status != ST_DELIVERED && o.status != ST_CLOSED) {
		rc = cause_set(cause, ORDO_ESTATE, "order %llu is %s: nothing "
		    "of it was shipped", (unsigned long long)id,
		    order_status_name(o.status));
		goto out;
	}
	if (*tracking == '\0')
		tracking = o.tracking;
	if (*carrier == '\0')
		carrier = o.carrier;
	rc = parcel_get(tx, id, &p);
	if (rc == 0 && p.state == st && strcmp(p.tracking, tracking) == 0) {
		parcel_free(&p);
		goto out;
	}
	if (rc == 0)
		parcel_free(&p);
	else if (rc != ORDO_ENOTFOUND)
		goto out;
	buf_init(&k);
	buf_init(&v);
	key_u64(&k, id);
	enc_u8(&v, PARCEL_RECORD);
	enc_u8(&v, (uint8_t)st);
	enc_i64(&v, when);
	enc_str(&v, carrier);
	enc_str(&v, tracking);
	enc_str(&v, detail);
	rc = db_putb(tx, TB_PARCELS, &k, &v, 0);
	buf_free(&k);
	buf_free(&v);
	if (rc == 0)
		rc = parcel_event(tx, &o, carrier, tracking, st, detail);
	if (rc != 0)
		goto out;
	*res = PARCEL_CHANGED;
	if (st == PARCEL_DELIVERED && o.status == ST_SHIPPED) {
		if ((rc = order_deliver(tx, id, ORDER_ANY_VERSION,
		    cause)) == 0)
			*res = PARCEL_MOVED;
	}
out:
	order_free(&o);
	return (rc);
}
