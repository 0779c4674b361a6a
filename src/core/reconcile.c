/*
 * reconcile.c: statements sent and answered.  See reconcile.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ordo/audit.h"
#include "ordo/codec.h"
#include "ordo/company.h"
#include "ordo/core.h"
#include "ordo/customer.h"
#include "ordo/date.h"
#include "ordo/error.h"
#include "ordo/outbox.h"
#include "ordo/reconcile.h"
#include "ordo/report.h"
#include "ordo/text.h"
#include "ordo/xmalloc.h"

#define RECON_RECORD	1

static const char *recon_names[RECON_NACTIONS] = {
#define X(id, name) name,
	RECON_ACTIONS
#undef X
};

const char *
recon_action_name(enum recon_action a)
{
	return ((unsigned)a < RECON_NACTIONS ? recon_names[a] : "?");
}

int
recon_action_lookup(const char *s)
{
	int	 i;

	for (i = 0; i < RECON_NACTIONS; i++)
		if (strcmp(s, recon_names[i]) == 0)
			return (i);
	return (-1);
}

struct sent_arg {
	int32_t		 from, to;
	int		 sent;
};

static int
sent_one(const struct recon *r, void *arg)
{
	struct sent_arg	*s = arg;

	if (r->from == s->from && r->to == s->to && r->what == RECON_SENT)
		s->sent = 1;
	return (0);
}

int
recon_note(struct db_txn *tx, const char *customer, int32_t from, int32_t to,
    enum recon_action what, const char *note, char **cause)
{
	struct outbox_json	 j;
	struct customer		 c;
	struct sent_arg		 sa;
	struct stmt		 st;
	struct buf		 k, v, b;
	char			 d1[DATE_BUFSZ], d2[DATE_BUFSZ], *obj;
	char			 kind[32];
	uint64_t		 seq;
	int			 rc;

	if ((rc = core_require(tx, ROLE_CLERK, "recording a statement",
	    cause)) != 0)
		return (rc);
	if ((unsigned)what >= RECON_NACTIONS)
		return (cause_set(cause, ORDO_EINVAL, "no such action"));
	if (from > to)
		return (cause_set(cause, ORDO_EINVAL, "the period ends before "
		    "it starts"));
	if (note == NULL)
		note = "";
	if ((rc = text_check("note", note, 1000, 0, cause)) != 0)
		return (rc);
	if (what == RECON_DISPUTED && *note == '\0')
		return (cause_set(cause, ORDO_EINVAL, "say what the customer "
		    "disputes (--note)"));
	memset(&c, 0, sizeof c);
	if ((rc = customer_get(tx, customer, &c, cause)) != 0)
		return (rc);
	customer_free(&c);
	date_fmt(d1, sizeof d1, from);
	date_fmt(d2, sizeof d2, to);
	if (what != RECON_SENT) {
		sa.from = from;
		sa.to = to;
		sa.sent = 0;
		if ((rc = recon_each(tx, customer, sent_one, &sa)) != 0)
			return (rc);
		if (!sa.sent)
			return (cause_set(cause, ORDO_ESTATE, "the statement of "
			    "%s for %s to %s was not recorded as sent",
			    customer, d1, d2));
	}
	memset(&st, 0, sizeof st);
	if ((rc = report_statement(tx, customer, from, to, NULL, NULL, &st,
	    cause)) != 0)
		return (rc);
	if ((rc = db_seq_next(tx, "reconcile", &seq)) != 0)
		return (rc);
	buf_init(&k);
	buf_init(&v);
	key_str(&k, customer);
	key_i64(&k, from);
	key_i64(&k, to);
	key_u64(&k, seq);
	enc_u8(&v, RECON_RECORD);
	enc_i64(&v, tx->now);
	enc_str(&v, tx->co->user);
	enc_u8(&v, (uint8_t)what);
	enc_i64(&v, st.closing);
	enc_str(&v, note);
	rc = db_putb(tx, TB_RECONCILE, &k, &v, MDB_NOOVERWRITE);
	buf_free(&k);
	buf_free(&v);
	if (rc != 0)
		return (rc);
	buf_init(&b);
	outbox_json_begin(&j, &b);
	outbox_json_str(&j, "customer", customer);
	outbox_json_str(&j, "from", d1);
	outbox_json_str(&j, "to", d2);
	outbox_json_money(&j, tx, "closing", st.closing);
	outbox_json_str(&j, "note", note);
	outbox_json_end(&j);
	snprintf(kind, sizeof kind, "statement.%s", recon_action_name(what));
	xasprintf(&obj, "customer %s", customer);
	rc = outbox_emit(tx, kind, obj, (const char *)b.d);
	if (rc == 0)
		rc = audit_log(tx, kind, obj, "%s to %s%s%s", d1, d2,
		    *note != '\0' ? ": " : "", note);
	free(obj);
	buf_free(&b);
	return (rc);
}

int
recon_each(struct db_txn *tx, const char *customer,
    int (*fn)(const struct recon *, void *), void *arg)
{
	struct db_iter	 it;
	struct recon	 r;
	struct buf	 k;
	struct rd	 rd;
	const uint8_t	*p;
	char		*user, *note;
	size_t		 cl = strlen(customer) + 1;
	int		 rc;

	buf_init(&k);
	key_str(&k, customer);
	rc = db_iter_open(tx, TB_RECONCILE, k.d, k.len, &it);
	buf_free(&k);
	if (rc != 0)
		return (rc);
	while ((rc = db_iter_next(&it)) == 0) {
		if (it.key.mv_size != cl + 24) {
			rc = ORDO_ECORRUPT;
			break;
		}
		p = (const uint8_t *)it.key.mv_data + cl;
		memset(&r, 0, sizeof r);
		r.customer = customer;
		r.from = (int32_t)(int64_t)(key_get_u64(p) ^ (UINT64_C(1) <<
		    63));
		r.to = (int32_t)(int64_t)(key_get_u64(p + 8) ^ (UINT64_C(1) <<
		    63));
		r.seq = key_get_u64(p + 16);
		rd_init(&rd, it.val.mv_data, it.val.mv_size);
		if (dec_u8(&rd) != RECON_RECORD)
			rd.err = 1;
		r.time = dec_i64(&rd);
		user = dec_str(&rd);
		r.what = (enum recon_action)dec_u8(&rd);
		r.closing = dec_i64(&rd);
		note = dec_str(&rd);
		r.user = user;
		r.note = note;
		if (rd_ok(&rd) && r.what < RECON_NACTIONS)
			rc = fn(&r, arg);
		else
			rc = ORDO_ECORRUPT;
		free(user);
		free(note);
		if (rc != 0)
			break;
	}
	db_iter_close(&it);
	return (db_walk_rc(rc));
}
