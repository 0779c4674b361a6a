/*
 * audit.c: the append-only audit table.  See audit.h.
 *
 * A record is written by the same transaction as the event it describes,
 * so an event and its audit record are committed or lost together.  The
 * user and time come from the transaction (tx->co->user, tx->now).
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include "ordo/audit.h"
#include "ordo/codec.h"
#include "ordo/company.h"
#include "ordo/error.h"
#include "ordo/xmalloc.h"

static int	 audit_decode(uint64_t, const MDB_val *, struct audit *);
static int	 audit_vlog(struct db_txn *, uint64_t, const char *,
		    const char *, const char *, va_list)
		    __attribute__((format(printf, 5, 0)));

int
audit_log(struct db_txn *tx, const char *action, const char *object,
    const char *fmt, ...)
{
	va_list	 ap;
	int	 rc;

	va_start(ap, fmt);
	rc = audit_vlog(tx, 0, action, object, fmt, ap);
	va_end(ap);
	return (rc);
}

int
audit_log_digest(struct db_txn *tx, uint64_t digest, const char *action,
    const char *object, const char *fmt, ...)
{
	va_list	 ap;
	int	 rc;

	va_start(ap, fmt);
	rc = audit_vlog(tx, digest, action, object, fmt, ap);
	va_end(ap);
	return (rc);
}

/* The first 8 bytes of SHA-256, never 0 (0 is "no digest"). */
uint64_t
audit_digest(const void *p, size_t len)
{
	unsigned char	 d[EVP_MAX_MD_SIZE];
	unsigned int	 dlen = 0;
	uint64_t	 v = 0;
	int		 i;

	if (EVP_Digest(p, len, d, &dlen, EVP_sha256(), NULL) != 1 ||
	    dlen < 8)
		return (1);
	for (i = 0; i < 8; i++)
		v = v << 8 | d[i];
	return (v != 0 ? v : 1);
}

static int
audit_vlog(struct db_txn *tx, uint64_t digest, const char *action,
    const char *object, const char *fmt, va_list ap)
{
	struct buf	 k, v;
	uint64_t	 id;
	char		*detail;
	int		 rc;

	if ((rc = db_seq_next(tx, "audit", &id)) != 0)
		return (rc);
	xvasprintf(&detail, fmt, ap);

	buf_init(&k);
	buf_init(&v);
	key_u64(&k, id);
	enc_u8(&v, digest != 0 ? 2 : 1);
	enc_i64(&v, tx->now);
	enc_str(&v, tx->co->user);
	enc_str(&v, action);
	enc_str(&v, object);
	enc_str(&v, detail);
	if (digest != 0)
		enc_u64(&v, digest);
	/* Ids only grow: appending is cheaper and still refuses a repeat. */
	rc = db_putb(tx, TB_AUDIT, &k, &v, MDB_APPEND);
	if (rc == MDB_KEYEXIST)
		rc = ORDO_ECORRUPT;	/* The sequence went backwards. */
	buf_free(&k);
	buf_free(&v);
	free(detail);
	return (rc);
}

static int
audit_decode(uint64_t id, const MDB_val *val, struct audit *a)
{
	struct rd	 r;
	int		 ver;

	memset(a, 0, sizeof *a);
	a->id = id;
	rd_init(&r, val->mv_data, val->mv_size);
	if ((ver = dec_u8(&r)) != 1 && ver != 2)
		r.err = 1;
	a->time = dec_i64(&r);
	a->user = dec_str(&r);
	a->action = dec_str(&r);
	a->object = dec_str(&r);
	a->detail = dec_str(&r);
	if (ver == 2 && (a->digest = dec_u64(&r)) == 0)
		r.err = 1;
	if (!rd_ok(&r)) {
		audit_free(a);
		return (ORDO_ECORRUPT);
	}
	return (0);
}

/*
 * Returns 0 at the end of the table or when fn asked to stop, else an
 * error (ORDO_ECORRUPT for a record that does not decode).
 */
int
audit_each(struct db_txn *tx, uint64_t after,
    int (*fn)(const struct audit *, void *), void *arg)
{
	struct db_iter	 it;
	struct audit	 a;
	struct buf	 k;
	int		 rc;

	if ((rc = db_iter_open(tx, TB_AUDIT, NULL, 0, &it)) != 0)
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
		if ((rc = audit_decode(key_get_u64(it.key.mv_data), &it.val,
		    &a)) != 0)
			break;
		rc = fn(&a, arg);
		audit_free(&a);
		if (rc != 0)
			break;
	}
done:
	db_iter_close(&it);
	return (db_walk_rc(rc));
}

void
audit_free(struct audit *a)
{
	if (a == NULL)
		return;
	free(a->user);
	free(a->action);
	free(a->object);
	free(a->detail);
	a->user = a->action = a->object = a->detail = NULL;
}
