/*
 * pick.c: bins, the wave queue, waves, short picks and packing.  See
 * pick.h for the rules and the tables.
 *
 * Decisions where the issue is silent:
 * - A wave is taken at one location; an order with lines at two
 *   locations waits at both, and each location's lines are claimed by a
 *   wave there.  It is packed only when none of its lines waits.
 * - The quantity prompt shows what was asked after the first scan of the
 *   item; once the item is scanned again it shows the count, so a picker
 *   may confirm the asked quantity at once or scan every unit.  Fewer
 *   than asked is never taken by confirming: it is a short pick, which
 *   the picker chooses.
 * - A short pick releases the reservation of what is missing (the line
 *   is backordered, the order rules take it from there) but does not
 *   change on-hand: the goods may be misplaced, and a stocktake
 *   ("ordo stock adjust", a manager's) decides.  "ordo pick --shorts"
 *   lists the shortfalls for it.
 * - A line cancelled or shipped at the counter while claimed loses its
 *   claim; its task is withdrawn when the picker reaches it.
 * - Keyed locations: a bin code keyed by hand must be followed by its
 *   check digits (pick.check_digits, 0 to 4), which a label prints next
 *   to the barcode; a scanned bin needs none.  The digits are the
 *   bin's code hashed (h = h * 31 + byte, modulo 1000003) modulo 10^N.
 *
 * Records (version byte 1): TB_BINS {str bin}; TB_PICK_PRIO {u8 prio,
 * i64 promised}; TB_PICK_CLAIMS {u64 wave, i64 qty}; TB_PICK_QPOS: the
 * queue key; TB_WAVES {str user, str loc, u8 state, i64 created, i64
 * touched, u32 cur, u8 located, u32 ntasks, tasks {u64 order, u16 line,
 * str sku, str name, str bin, str barcode, i64 qty, counted, picked,
 * shorted, u8 state}, u32 norders, orders {u64 id, u8 state}};
 * TB_PICK_SHORTS {u64 order, u16 line, u64 wave, str sku, str loc, str
 * bin, i64 qty, str user, i64 time}.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ordo/audit.h"
#include "ordo/codec.h"
#include "ordo/company.h"
#include "ordo/config.h"
#include "ordo/core.h"
#include "ordo/date.h"
#include "ordo/error.h"
#include "ordo/item.h"
#include "ordo/order.h"
#include "ordo/pick.h"
#include "ordo/stock.h"
#include "ordo/text.h"
#include "ordo/xmalloc.h"

#define PK_ULL(x)	((unsigned long long)(x))
#define PK_LL(x)	((long long)(x))
#define PK_REC		1
#define PK_QTAIL	(1 + 8 + 2 + 8 + 8)	/* queue key after LOC NUL */
#define PK_NORANK	0xffff

/* Order states in a wave. */
#define WO_PICKING	0
#define WO_PACK		1
#define WO_PACKED	2
#define WO_DONE		3

static const char *task_state_names[] = {
#define X(id, name) name,
	PICK_TASK_STATES
#undef X
};

static int	 pk_pickable(int);
static int64_t	 pk_waiting(const struct order_line *);
static int	 pk_natcmp(const char *, const char *);
static size_t	 pk_walk_rank(const struct config *, const char *,
		    const char *);
static const char *pk_first_loc(const struct config *);
static void	 pk_bin_key(struct buf *, const char *, const char *);
static int	 pk_prio_get(struct db_txn *, uint64_t, int *, int32_t *);
static void	 pk_queue_key(struct db_txn *, const struct order *,
		    const char *, int, int32_t, struct buf *);
static int	 pk_sync(struct db_txn *, const struct order *, const char *,
		    int, int);
static void	 pk_claim_key(struct buf *, uint64_t, uint16_t);
static int	 pk_claim_get(struct db_txn *, uint64_t, uint16_t,
		    uint64_t *, int64_t *);
static int	 pk_claim_del(struct db_txn *, uint64_t, uint16_t);
static void	 pk_wave_encode(const struct pick_wave *, struct buf *);
static int	 pk_wave_decode(const void *, size_t, struct pick_wave *);
static int	 pk_wave_put(struct db_txn *, const struct pick_wave *);
static void	 pk_open_key(struct buf *, const char *, uint64_t);
static int	 pk_wave_load(struct db_txn *, struct pick_wave *,
		    struct pick_wave *, char **);
static void	 pk_wave_swap(struct pick_wave *, struct pick_wave *);
static int	 pk_settle(struct db_txn *, struct pick_wave *);
static int	 pk_finish(struct db_txn *, struct pick_wave *);
static int	 pk_release(struct db_txn *, struct pick_wave *, const char *);
static int	 pk_expire(struct db_txn *);
static int	 pk_task_cmp(const void *, const void *);
static int	 pk_item_code(struct db_txn *, const char *, char **);
static int	 pk_pick_line(struct db_txn *, struct pick_task *, int64_t,
		    int64_t, uint64_t, char **);

const char *
pick_task_state_name(enum pick_task_state s)
{
	return ((unsigned)s < TASK_NSTATES ? task_state_names[s] : "?");
}

static int
pk_pickable(int st)
{
	return (st == ST_CONFIRMED || st == ST_PICKING || st == ST_PARTIAL);
}

/* Reserved and not yet picked: what a picker can be sent for. */
static int64_t
pk_waiting(const struct order_line *l)
{
	return (l->reserved - l->picked);
}

static const char *
pk_first_loc(const struct config *cfg)
{
	return (cfg != NULL && cfg->nlocations > 0 ?
	    cfg->locations[0].code : "");
}

/* Bins. */

int
pick_bin_valid(const char *s)
{
	const unsigned char	*p;
	size_t			 len;

	if (s == NULL || (len = strlen(s)) == 0 || len > PICK_BIN_MAX)
		return (0);
	for (p = (const unsigned char *)s; *p != '\0'; p++)
		if (!isascii(*p) || !isgraph(*p))
			return (0);
	return (1);
}

static void
pk_bin_key(struct buf *k, const char *sku, const char *loc)
{
	buf_reset(k);
	key_str(k, sku);
	key_strn(k, loc);
}

int
pick_bin_set(struct db_txn *tx, const char *sku, const char *loc,
    const char *bin, char **cause)
{
	struct item	 it;
	struct buf	 k, v;
	char		*old = NULL;
	int		 rc;

	if ((rc = core_require(tx, ROLE_CLERK, "setting a bin", cause)) != 0)
		return (rc);
	if ((rc = item_get(tx, sku, &it, NULL)) != 0)
		return (cause_set(cause, rc == ORDO_ENOTFOUND ? rc : rc,
		    "unknown SKU %.*s", ITEM_SKU_MAX, sku != NULL ? sku : ""));
	item_free(&it);
	if (!stock_location_exists(tx, loc))
		return (cause_set(cause, ORDO_ENOTFOUND, "unknown location "
		    "%.*s", 32, loc != NULL ? loc : ""));
	if (bin == NULL || (*bin != '\0' && !pick_bin_valid(bin)))
		return (cause_set(cause, ORDO_EINVAL, "bin \"%.*s\": 1 to %d "
		    "printable characters, no spaces", PICK_BIN_MAX + 1,
		    bin != NULL ? bin : "", PICK_BIN_MAX));
	if ((rc = pick_bin_get(tx, sku, loc, &old)) != 0)
		return (rc);
	buf_init(&k);
	buf_init(&v);
	pk_bin_key(&k, sku, loc);
	if (*bin == '\0') {
		rc = db_del(tx, TB_BINS, k.d, k.len);
		if (rc == MDB_NOTFOUND)
			rc = 0;
	} else {
		enc_u8(&v, PK_REC);
		enc_str(&v, bin);
		rc = db_putb(tx, TB_BINS, &k, &v, 0);
	}
	buf_free(&k);
	buf_free(&v);
	if (rc == 0)
		rc = audit_log(tx, "pick.bin", "item", "%s at %s: bin %s "
		    "(was %s)", sku, loc, *bin != '\0' ? bin : "none",
		    *old != '\0' ? old : "none");
	free(old);
	return (rc);
}

int
pick_bin_get(struct db_txn *tx, const char *sku, const char *loc,
    char **out)
{
	struct item	 it;
	struct buf	 k;
	struct rd	 r;
	MDB_val		 v;
	int		 rc;

	*out = NULL;
	if (sku == NULL || loc == NULL ||
	    strlen(sku) + strlen(loc) + 1 > DB_MAXKEY) {
		*out = xstrdup("");
		return (0);
	}
	buf_init(&k);
	pk_bin_key(&k, sku, loc);
	rc = db_getb(tx, TB_BINS, &k, &v);
	buf_free(&k);
	if (rc == 0) {
		rd_init(&r, v.mv_data, v.mv_size);
		if (dec_u8(&r) != PK_REC)
			r.err = 1;
		*out = dec_str(&r);
		if (!rd_ok(&r)) {
			free(*out);
			*out = NULL;
			return (ORDO_ECORRUPT);
		}
		return (0);
	}
	if (rc != MDB_NOTFOUND)
		return (rc);
	/* The item's own bin is its bin at the first location. */
	if (strcmp(loc, pk_first_loc(tx->co->cfg)) == 0 &&
	    item_get(tx, sku, &it, NULL) == 0) {
		*out = xstrdup(it.bin != NULL ? it.bin : "");
		item_free(&it);
	} else
		*out = xstrdup("");
	return (0);
}

/* Codes as a person reads them: runs of digits compare as numbers. */
static int
pk_natcmp(const char *a, const char *b)
{
	const char	*ea, *eb;
	size_t		 la, lb;
	int		 c;

	while (*a != '\0' && *b != '\0') {
		if (isdigit((unsigned char)*a) && isdigit((unsigned char)*b)) {
			while (*a == '0' && isdigit((unsigned char)a[1]))
				a++;
			while (*b == '0' && isdigit((unsigned char)b[1]))
				b++;
			for (ea = a; isdigit((unsigned char)*ea); ea++)
				continue;
			for (eb = b; isdigit((unsigned char)*eb); eb++)
				continue;
			la = (size_t)(ea - a);
			lb = (size_t)(eb - b);
			if (la != lb)
				return (la < lb ? -1 : 1);
			if ((c = memcmp(a, b, la)) != 0)
				return (c);
			a = ea;
			b = eb;
			continue;
		}
		if (*a != *b)
			return ((unsigned char)*a - (unsigned char)*b);
		a++;
		b++;
	}
	return ((unsigned char)*a - (unsigned char)*b);
}

static size_t
pk_walk_rank(const struct config *cfg, const char *loc, const char *bin)
{
	const struct config_location	*l;
	size_t				 i;

	if (cfg == NULL || (l = config_location_find(cfg, loc)) == NULL)
		return (0);
	for (i = 0; i < l->nwalk; i++)
		if (strncmp(bin, l->walk[i], strlen(l->walk[i])) == 0)
			return (i);
	return (l->nwalk);
}

int
pick_bin_cmp(const struct config *cfg, const char *loc, const char *a,
    const char *b)
{
	size_t	 ra, rb;
	int	 c;

	/* Lines without a bin come last. */
	if (*a == '\0' || *b == '\0')
		return ((*a == '\0') - (*b == '\0'));
	ra = pk_walk_rank(cfg, loc, a);
	rb = pk_walk_rank(cfg, loc, b);
	if (ra != rb)
		return (ra < rb ? -1 : 1);
	if ((c = pk_natcmp(a, b)) != 0)
		return (c);
	return (strcmp(a, b));
}

void
pick_check_digits(const struct config *cfg, const char *bin, char *buf,
    size_t len)
{
	const unsigned char	*p;
	unsigned long		 h = 0, mod = 1;
	int			 n, i;

	n = cfg != NULL ? cfg->pick.check_digits : 0;
	if (n <= 0 || len < (size_t)n + 1) {
		if (len > 0)
			*buf = '\0';
		return;
	}
	for (p = (const unsigned char *)bin; *p != '\0'; p++)
		h = (h * 31 + *p) % 1000003;
	for (i = 0; i < n; i++)
		mod *= 10;
	snprintf(buf, len, "%0*lu", n, h % mod);
}

/* The queue. */

static int
pk_prio_get(struct db_txn *tx, uint64_t id, int *prio, int32_t *promised)
{
	struct rd	 r;
	MDB_val		 v;
	int		 rc;

	*prio = 0;
	*promised = -1;
	rc = db_get_id(tx, TB_PICK_PRIO, id, &v);
	if (rc == MDB_NOTFOUND)
		return (0);
	if (rc != 0)
		return (rc);
	rd_init(&r, v.mv_data, v.mv_size);
	if (dec_u8(&r) != PK_REC)
		r.err = 1;
	*prio = dec_u8(&r);
	*promised = (int32_t)dec_i64(&r);
	return (rd_ok(&r) && *prio <= PICK_PRIO_MAX ? 0 : ORDO_ECORRUPT);
}

static void
pk_queue_key(struct db_txn *tx, const struct order *o, const char *loc,
    int prio, int32_t promised, struct buf *k)
{
	const struct config	*cfg = tx->co->cfg;
	size_t			 i, rank = PK_NORANK;

	for (i = 0; cfg != NULL && i < cfg->pick.nchannels; i++) {
		if (strcmp(cfg->pick.channels[i], o->channel) == 0) {
			rank = i;
			break;
		}
	}
	buf_reset(k);
	key_str(k, loc);
	key_u8(k, (uint8_t)(255 - prio));
	key_i64(k, promised >= 0 ? promised : INT64_MAX);
	key_u16(k, (uint16_t)rank);
	/*
	 * The day, then the number: a night's import of orders placed over
	 * a month writes at the end of a few runs of keys, not all over
	 * the queue (as order_date_key).
	 */
	key_i64(k, company_day(tx->co, o->created));
	key_u64(k, o->id);
}

/*
 * Make the queue entries of o what they should be: one per location with
 * a line waiting and not claimed (claimed[i] for line i + 1).  fresh: a
 * new order, which has none yet; force: write them again (a new
 * priority).
 */
static int
pk_sync(struct db_txn *tx, const struct order *o, const char *claimed,
    int fresh, int force)
{
	struct db_iter	 it;
	struct buf	 k, qk, pk;
	const char	**want;
	char		**have = NULL;
	struct buf	*hkeys = NULL;
	size_t		 nwant = 0, nhave = 0, i, j;
	int32_t		 promised;
	int		 rc = 0, prio, found, now;

	now = pk_pickable(o->status);
	want = xcalloc(o->nlines + 1, sizeof *want);
	for (i = 0; now && i < o->nlines; i++) {
		if (claimed[i] || pk_waiting(&o->lines[i]) <= 0)
			continue;
		for (j = 0; j < nwant; j++)
			if (strcmp(want[j], o->lines[i].loc) == 0)
				break;
		if (j == nwant)
			want[nwant++] = o->lines[i].loc;
	}
	buf_init(&k);
	buf_init(&qk);
	buf_init(&pk);
	key_u64(&k, o->id);
	if (!fresh) {
		if ((rc = db_iter_open(tx, TB_PICK_QPOS, k.d, k.len,
		    &it)) != 0)
			goto out;
		while ((rc = db_iter_next(&it)) == 0) {
			have = xreallocarray(have, nhave + 1, sizeof *have);
			hkeys = xreallocarray(hkeys, nhave + 1,
			    sizeof *hkeys);
			have[nhave] = xstrndup((const char *)it.key.mv_data +
			    8, it.key.mv_size - 8);
			buf_init(&hkeys[nhave]);
			buf_add(&hkeys[nhave], it.val.mv_data,
			    it.val.mv_size);
			nhave++;
		}
		db_iter_close(&it);
		if (rc != MDB_NOTFOUND)
			goto out;
		rc = 0;
	}
	/* Drop what should not be there (or everything, when forced). */
	for (i = 0; i < nhave; i++) {
		for (found = 0, j = 0; j < nwant && !force; j++)
			if (strcmp(want[j], have[i]) == 0)
				found = 1;
		if (found)
			continue;
		if ((rc = db_del(tx, TB_PICK_QUEUE, hkeys[i].d,
		    hkeys[i].len)) != 0 && rc != MDB_NOTFOUND)
			goto out;
		buf_reset(&pk);
		key_u64(&pk, o->id);
		key_strn(&pk, have[i]);
		if ((rc = db_del(tx, TB_PICK_QPOS, pk.d, pk.len)) != 0 &&
		    rc != MDB_NOTFOUND)
			goto out;
		rc = 0;
		free(have[i]);
		have[i] = NULL;
	}
	if (nwant == 0)
		goto out;
	if ((rc = pk_prio_get(tx, o->id, &prio, &promised)) != 0)
		goto out;
	for (i = 0; i < nwant; i++) {
		for (found = 0, j = 0; j < nhave; j++)
			if (have[j] != NULL && strcmp(want[i], have[j]) == 0)
				found = 1;
		if (found)
			continue;
		pk_queue_key(tx, o, want[i], prio, promised, &qk);
		buf_reset(&pk);
		key_u64(&pk, o->id);
		key_strn(&pk, want[i]);
		if ((rc = db_put(tx, TB_PICK_QUEUE, qk.d, qk.len, "", 0,
		    0)) != 0 ||
		    (rc = db_put_tail(tx, TB_PICK_QPOS, pk.d, pk.len, qk.d,
		    qk.len)) != 0)
			goto out;
	}
out:
	for (i = 0; i < nhave; i++) {
		free(have[i]);
		buf_free(&hkeys[i]);
	}
	free(have);
	free(hkeys);
	free(want);
	buf_free(&k);
	buf_free(&qk);
	buf_free(&pk);
	return (rc);
}

static void
pk_claim_key(struct buf *k, uint64_t order, uint16_t line)
{
	buf_reset(k);
	key_u64(k, order);
	key_u16(k, line);
}

static int
pk_claim_get(struct db_txn *tx, uint64_t order, uint16_t line,
    uint64_t *wave, int64_t *qty)
{
	struct buf	 k;
	struct rd	 r;
	MDB_val		 v;
	int		 rc;

	buf_init(&k);
	pk_claim_key(&k, order, line);
	rc = db_getb(tx, TB_PICK_CLAIMS, &k, &v);
	buf_free(&k);
	if (rc != 0)
		return (rc);
	rd_init(&r, v.mv_data, v.mv_size);
	if (dec_u8(&r) != PK_REC)
		r.err = 1;
	*wave = dec_u64(&r);
	*qty = dec_i64(&r);
	return (rd_ok(&r) ? 0 : ORDO_ECORRUPT);
}

static int
pk_claim_del(struct db_txn *tx, uint64_t order, uint16_t line)
{
	struct buf	 k;
	int		 rc;

	buf_init(&k);
	pk_claim_key(&k, order, line);
	rc = db_del(tx, TB_PICK_CLAIMS, k.d, k.len);
	buf_free(&k);
	return (rc == MDB_NOTFOUND ? 0 : rc);
}

int
pick_order_changed(struct db_txn *tx, const struct order *o, int from)
{
	struct db_iter	 it;
	struct buf	 k;
	char		*claimed;
	uint16_t	*drop = NULL;
	size_t		 ndrop = 0, i;
	uint16_t	 no;
	int		 rc = 0, now;

	now = pk_pickable(o->status);
	if (!now && (from < 0 || !pk_pickable(from)))
		return (0);
	claimed = xcalloc(o->nlines + 1, 1);
	if (from >= 0) {
		buf_init(&k);
		key_u64(&k, o->id);
		rc = db_iter_open(tx, TB_PICK_CLAIMS, k.d, k.len, &it);
		buf_free(&k);
		if (rc != 0)
			goto out;
		while ((rc = db_iter_next(&it)) == 0) {
			if (it.key.mv_size != 10) {
				rc = ORDO_ECORRUPT;
				break;
			}
			no = key_get_u16((const uint8_t *)it.key.mv_data + 8);
			if (now && no >= 1 && no <= o->nlines &&
			    pk_waiting(&o->lines[no - 1]) > 0) {
				claimed[no - 1] = 1;
				continue;
			}
			drop = xreallocarray(drop, ndrop + 1, sizeof *drop);
			drop[ndrop++] = no;
		}
		db_iter_close(&it);
		if (rc != MDB_NOTFOUND)
			goto out;
		rc = 0;
		for (i = 0; i < ndrop; i++)
			if ((rc = pk_claim_del(tx, o->id, drop[i])) != 0)
				goto out;
	}
	rc = pk_sync(tx, o, claimed, from < 0, 0);
out:
	free(drop);
	free(claimed);
	return (rc);
}

int
pick_set_priority(struct db_txn *tx, uint64_t id, int prio, int32_t promised,
    char **cause)
{
	struct order	 o;
	struct db_iter	 it;
	struct buf	 k, v;
	char		*claimed = NULL, d[DATE_BUFSZ];
	int		 rc;

	if ((rc = core_require(tx, ROLE_CLERK, "setting a pick priority",
	    cause)) != 0)
		return (rc);
	if (prio < 0 || prio > PICK_PRIO_MAX)
		return (cause_set(cause, ORDO_EINVAL, "priority must be 0 to "
		    "%d (%d most urgent)", PICK_PRIO_MAX, PICK_PRIO_MAX));
	if ((rc = order_get(tx, id, &o, cause)) != 0)
		return (rc);
	buf_init(&k);
	buf_init(&v);
	key_u64(&k, id);
	enc_u8(&v, PK_REC);
	enc_u8(&v, (uint8_t)prio);
	enc_i64(&v, promised >= 0 ? promised : -1);
	if ((rc = db_putb(tx, TB_PICK_PRIO, &k, &v, 0)) != 0)
		goto out;
	/* Queue it again under its new key. */
	claimed = xcalloc(o.nlines + 1, 1);
	if ((rc = db_iter_open(tx, TB_PICK_CLAIMS, k.d, k.len, &it)) != 0)
		goto out;
	while ((rc = db_iter_next(&it)) == 0) {
		uint16_t no = key_get_u16((const uint8_t *)it.key.mv_data + 8);

		if (no >= 1 && no <= o.nlines)
			claimed[no - 1] = 1;
	}
	db_iter_close(&it);
	if (rc != MDB_NOTFOUND)
		goto out;
	if ((rc = pk_sync(tx, &o, claimed, 0, 1)) != 0)
		goto out;
	rc = audit_log(tx, "pick.priority", "order", "%llu: priority %d, "
	    "promised %s", PK_ULL(id), prio, promised >= 0 ?
	    date_fmt(d, sizeof d, promised) : "none");
out:
	free(claimed);
	buf_free(&k);
	buf_free(&v);
	order_free(&o);
	return (rc);
}

int
pick_queue_each(struct db_txn *tx, const char *loc, uint64_t after,
    int (*fn)(const struct pick_queued *, void *), void *arg)
{
	struct db_iter		 it;
	struct pick_queued	 q;
	struct order		 o;
	struct buf		 p, pk;
	const uint8_t		*t;
	MDB_val			 v;
	char			*l;
	size_t			 i, ll;
	int			 rc;

	buf_init(&p);
	buf_init(&pk);
	if (loc != NULL)
		key_str(&p, loc);
	if ((rc = db_iter_open(tx, TB_PICK_QUEUE, p.d, p.len, &it)) != 0)
		goto out;
	if (after != 0 && loc != NULL) {
		key_u64(&pk, after);
		key_strn(&pk, loc);
		if ((rc = db_getb(tx, TB_PICK_QPOS, &pk, &v)) == 0)
			rc = db_iter_seek(&it, v.mv_data, v.mv_size);
		if (rc != 0)
			goto close;
	}
	while ((rc = db_iter_next(&it)) == 0) {
		ll = strnlen(it.key.mv_data, it.key.mv_size);
		if (it.key.mv_size != ll + 1 + PK_QTAIL) {
			rc = ORDO_ECORRUPT;
			break;
		}
		t = (const uint8_t *)it.key.mv_data + ll + 1;
		memset(&q, 0, sizeof q);
		q.order = key_get_u64(t + 19);
		q.priority = 255 - t[0];
		q.promised = (int32_t)(key_get_u64(t + 1) ^
		    (UINT64_C(1) << 63));
		if (key_get_u64(t + 1) == UINT64_MAX)
			q.promised = -1;
		l = xstrndup(it.key.mv_data, ll);
		if ((rc = order_get(tx, q.order, &o, NULL)) != 0) {
			free(l);
			break;
		}
		q.loc = l;
		q.channel = o.channel;
		q.customer = o.customer;
		q.created = o.created;
		for (i = 0; i < o.nlines; i++)
			if (strcmp(o.lines[i].loc, l) == 0 &&
			    pk_waiting(&o.lines[i]) > 0)
				q.lines++;
		rc = fn(&q, arg);
		order_free(&o);
		free(l);
		if (rc != 0)
			break;
	}
close:
	db_iter_close(&it);
	rc = db_walk_rc(rc);
out:
	buf_free(&p);
	buf_free(&pk);
	return (rc);
}

int
pick_upgrade_needed(struct db_txn *tx)
{
	MDB_val	 v;

	return (db_get(tx, TB_META, "pick_build", 10, &v) == 0);
}

int
pick_upgrade(struct db_txn *tx, char **cause)
{
	static const uint8_t open[] = { ST_CONFIRMED, ST_PICKING, ST_PARTIAL };
	struct db_iter	 it;
	struct order	 o;
	uint64_t	*ids = NULL;
	size_t		 n = 0, s, i;
	int		 rc = 0;

	if (!pick_upgrade_needed(tx))
		return (0);
	for (s = 0; s < sizeof open; s++) {
		if ((rc = db_iter_open(tx, TB_ORD_BY_STATUS, &open[s], 1,
		    &it)) != 0)
			goto out;
		while ((rc = db_iter_next(&it)) == 0) {
			if (it.key.mv_size != ORDER_STATUS_KEY) {
				rc = ORDO_ECORRUPT;
				break;
			}
			ids = xreallocarray(ids, n + 1, sizeof *ids);
			ids[n++] = order_index_id(&it.key);
		}
		db_iter_close(&it);
		if (rc != MDB_NOTFOUND)
			goto out;
		rc = 0;
	}
	for (i = 0; i < n; i++) {
		if ((rc = order_get(tx, ids[i], &o, cause)) != 0)
			goto out;
		rc = pick_order_changed(tx, &o, o.status);
		order_free(&o);
		if (rc != 0)
			goto out;
	}
	rc = db_del(tx, TB_META, "pick_build", 10);
out:
	free(ids);
	if (rc != 0 && cause != NULL && *cause == NULL)
		cause_set(cause, rc, "building the pick queue: %s",
		    ordo_strerror(rc));
	return (rc);
}

/* Waves: the record. */

void
pick_wave_free(struct pick_wave *w)
{
	size_t	 i;

	if (w == NULL)
		return;
	for (i = 0; i < w->ntasks; i++) {
		free(w->tasks[i].sku);
		free(w->tasks[i].name);
		free(w->tasks[i].bin);
		free(w->tasks[i].barcode);
	}
	free(w->tasks);
	free(w->orders);
	free(w->user);
	free(w->loc);
	memset(w, 0, sizeof *w);
}

static void
pk_wave_encode(const struct pick_wave *w, struct buf *b)
{
	const struct pick_task	*t;
	size_t			 i;

	enc_u8(b, PK_REC);
	enc_str(b, w->user);
	enc_str(b, w->loc);
	enc_u8(b, (uint8_t)w->state);
	enc_i64(b, w->created);
	enc_i64(b, w->touched);
	enc_u32(b, (uint32_t)w->cur);
	enc_u8(b, (uint8_t)w->located);
	enc_u32(b, (uint32_t)w->ntasks);
	for (i = 0; i < w->ntasks; i++) {
		t = &w->tasks[i];
		enc_u64(b, t->order);
		enc_u16(b, t->line);
		enc_str(b, t->sku);
		enc_str(b, t->name);
		enc_str(b, t->bin);
		enc_str(b, t->barcode);
		enc_i64(b, t->qty);
		enc_i64(b, t->counted);
		enc_i64(b, t->picked);
		enc_i64(b, t->shorted);
		enc_u8(b, (uint8_t)t->state);
	}
	enc_u32(b, (uint32_t)w->norders);
	for (i = 0; i < w->norders; i++) {
		enc_u64(b, w->orders[i].id);
		enc_u8(b, (uint8_t)w->orders[i].state);
	}
}

static int
pk_wave_decode(const void *p, size_t len, struct pick_wave *w)
{
	struct pick_task	*t;
	struct rd		 r;
	uint32_t		 n;
	size_t			 i;

	rd_init(&r, p, len);
	if (dec_u8(&r) != PK_REC)
		r.err = 1;
	w->user = dec_str(&r);
	w->loc = dec_str(&r);
	w->state = dec_u8(&r);
	w->created = dec_i64(&r);
	w->touched = dec_i64(&r);
	w->cur = dec_u32(&r);
	w->located = dec_u8(&r);
	n = dec_u32(&r);
	if (r.err || n > 100000 || w->state > WAVE_RELEASED)
		return (ORDO_ECORRUPT);
	w->tasks = xcalloc(n + 1, sizeof *w->tasks);
	for (i = 0; i < n && !r.err; i++) {
		t = &w->tasks[i];
		t->order = dec_u64(&r);
		t->line = dec_u16(&r);
		t->sku = dec_str(&r);
		t->name = dec_str(&r);
		t->bin = dec_str(&r);
		t->barcode = dec_str(&r);
		t->qty = dec_i64(&r);
		t->counted = dec_i64(&r);
		t->picked = dec_i64(&r);
		t->shorted = dec_i64(&r);
		t->state = dec_u8(&r);
		w->ntasks++;
		if (t->state >= TASK_NSTATES)
			r.err = 1;
	}
	n = dec_u32(&r);
	if (r.err || n > 10000)
		return (ORDO_ECORRUPT);
	w->orders = xcalloc(n + 1, sizeof *w->orders);
	for (i = 0; i < n; i++) {
		w->orders[i].id = dec_u64(&r);
		w->orders[i].state = dec_u8(&r);
	}
	w->norders = n;
	if (w->cur > w->ntasks)
		r.err = 1;
	return (rd_ok(&r) ? 0 : ORDO_ECORRUPT);
}

static int
pk_wave_put(struct db_txn *tx, const struct pick_wave *w)
{
	struct buf	 k, v;
	int		 rc;

	buf_init(&k);
	buf_init(&v);
	key_u64(&k, w->id);
	pk_wave_encode(w, &v);
	rc = db_putb(tx, TB_WAVES, &k, &v, 0);
	buf_free(&k);
	buf_free(&v);
	return (rc);
}

static void
pk_open_key(struct buf *k, const char *user, uint64_t id)
{
	buf_reset(k);
	key_str(k, user);
	key_u64(k, id);
}

int
pick_wave_get(struct db_txn *tx, uint64_t id, struct pick_wave *w,
    char **cause)
{
	MDB_val	 v;
	int	 rc;

	memset(w, 0, sizeof *w);
	rc = db_get_id(tx, TB_WAVES, id, &v);
	if (rc == MDB_NOTFOUND)
		return (cause_set(cause, ORDO_ENOTFOUND, "no wave %llu",
		    PK_ULL(id)));
	if (rc != 0)
		return (cause_set(cause, rc, "wave %llu: %s", PK_ULL(id),
		    ordo_strerror(rc)));
	if ((rc = pk_wave_decode(v.mv_data, v.mv_size, w)) != 0) {
		pick_wave_free(w);
		return (cause_set(cause, rc, "wave %llu: damaged record",
		    PK_ULL(id)));
	}
	w->id = id;
	return (0);
}

int
pick_wave_of(struct db_txn *tx, const char *user, uint64_t *id)
{
	struct db_iter	 it;
	struct buf	 k;
	int		 rc;

	*id = 0;
	if (user == NULL || strlen(user) + 1 > DB_MAXKEY - 8)
		return (ORDO_ENOTFOUND);
	buf_init(&k);
	key_str(&k, user);
	rc = db_iter_open(tx, TB_WAVE_OPEN, k.d, k.len, &it);
	if (rc == 0) {
		rc = db_iter_next(&it);
		if (rc == 0 && it.key.mv_size == k.len + 8)
			*id = key_get_u64((const uint8_t *)it.key.mv_data +
			    k.len);
		else if (rc == 0)
			rc = ORDO_ECORRUPT;
		db_iter_close(&it);
	}
	buf_free(&k);
	return (rc == MDB_NOTFOUND ? ORDO_ENOTFOUND : rc);
}

enum pick_step
pick_wave_step(const struct pick_wave *w)
{
	const struct pick_task	*t;
	size_t			 i;

	if (w->state != WAVE_OPEN)
		return (STEP_DONE);
	for (i = 0; i < w->norders; i++)
		if (w->orders[i].state == WO_PACK)
			return (STEP_PACK);
	if (w->cur >= w->ntasks)
		return (STEP_DONE);
	t = &w->tasks[w->cur];
	if (t->state != TASK_OPEN)
		return (STEP_DONE);
	if (!w->located)
		return (STEP_LOCATION);
	return (t->counted == 0 ? STEP_ITEM : STEP_QTY);
}

uint64_t
pick_wave_pack_order(const struct pick_wave *w)
{
	size_t	 i;

	for (i = 0; i < w->norders; i++)
		if (w->orders[i].state == WO_PACK)
			return (w->orders[i].id);
	return (0);
}

void
pick_wave_progress(const struct pick_wave *w, size_t *done, size_t *all)
{
	size_t	 i;

	*done = 0;
	for (i = 0; i < w->ntasks; i++)
		if (w->tasks[i].state != TASK_OPEN)
			(*done)++;
	*all = w->ntasks;
}

int64_t
pick_shown_qty(const struct pick_wave *w)
{
	const struct pick_task	*t;

	if (w->cur >= w->ntasks)
		return (0);
	t = &w->tasks[w->cur];
	return (t->counted > 1 ? t->counted : t->qty);
}

/* Waves: taking one. */

static int
pk_item_code(struct db_txn *tx, const char *sku, char **code)
{
	struct item	 it;
	int		 rc;

	if ((rc = item_get(tx, sku, &it, NULL)) != 0) {
		*code = xstrdup(sku);	/* an unmapped line: its SKU */
		return (rc == ORDO_ENOTFOUND ? 0 : rc);
	}
	*code = xstrdup(it.barcode != NULL && *it.barcode != '\0' ?
	    it.barcode : sku);
	item_free(&it);
	return (0);
}

/* The config the task sort compares with (qsort has no argument). */
static const struct config *pk_sort_cfg;
static const char *pk_sort_loc;
static const struct pick_wave *pk_sort_wave;

static int
pk_task_cmp(const void *x, const void *y)
{
	const struct pick_task	*a = x, *b = y;
	size_t			 i, ia = 0, ib = 0;
	int			 c;

	if ((c = pick_bin_cmp(pk_sort_cfg, pk_sort_loc, a->bin, b->bin)) != 0)
		return (c);
	for (i = 0; i < pk_sort_wave->norders; i++) {
		if (pk_sort_wave->orders[i].id == a->order)
			ia = i;
		if (pk_sort_wave->orders[i].id == b->order)
			ib = i;
	}
	if (ia != ib)
		return (ia < ib ? -1 : 1);
	return ((int)a->line - (int)b->line);
}

int
pick_wave_take(struct db_txn *tx, const char *loc, uint64_t want,
    struct pick_wave *w, char **cause)
{
	struct db_iter	 it;
	struct order	 o;
	struct pick_task *t;
	struct buf	 p, k, v;
	MDB_val		 mv;
	uint64_t	*ids = NULL, id, cw;
	int64_t		 cq;
	size_t		 n = 0, i, j, lines = 0, cap = 0, before;
	int		 rc, maxo, maxl;

	memset(w, 0, sizeof *w);
	buf_init(&p);
	buf_init(&k);
	buf_init(&v);
	if ((rc = core_require(tx, ROLE_PICKER, "taking a pick wave",
	    cause)) != 0)
		goto out;
	if (loc == NULL || *loc == '\0')
		loc = pk_first_loc(tx->co->cfg);
	if (!stock_location_exists(tx, loc)) {
		rc = cause_set(cause, ORDO_EINVAL, "unknown location %.*s", 32,
		    loc);
		goto out;
	}
	rc = pick_wave_of(tx, tx->co->user, &id);
	if (rc == 0) {
		w->id = id;
		rc = cause_set(cause, ORDO_EEXIST, "%s already has wave %llu "
		    "open; finish or release it first", tx->co->user, PK_ULL(id));
		goto out;
	}
	if (rc != ORDO_ENOTFOUND)
		goto out;
	if ((rc = pk_expire(tx)) != 0)
		goto out;
	maxo = tx->co->cfg != NULL ? tx->co->cfg->pick.wave_orders : 4;
	maxl = tx->co->cfg != NULL ? tx->co->cfg->pick.wave_lines : 40;

	/* The orders: the one asked for, or the head of the queue. */
	if (want != 0) {
		key_u64(&k, want);
		key_strn(&k, loc);
		if ((rc = db_getb(tx, TB_PICK_QPOS, &k, &mv)) ==
		    MDB_NOTFOUND) {
			rc = cause_set(cause, ORDO_ENOTFOUND, "order %llu is "
			    "not waiting to be picked at %s (not confirmed, "
			    "nothing reserved there, or taken by another "
			    "wave)", PK_ULL(want), loc);
			goto out;
		}
		if (rc != 0)
			goto out;
		ids = xcalloc(1, sizeof *ids);
		ids[n++] = want;
	} else {
		key_str(&p, loc);
		if ((rc = db_iter_open(tx, TB_PICK_QUEUE, p.d, p.len,
		    &it)) != 0)
			goto out;
		while (n < (size_t)maxo && (rc = db_iter_next(&it)) == 0) {
			if (it.key.mv_size != p.len + PK_QTAIL) {
				rc = ORDO_ECORRUPT;
				break;
			}
			ids = xreallocarray(ids, n + 1, sizeof *ids);
			ids[n++] = key_get_u64((const uint8_t *)
			    it.key.mv_data + p.len + 19);
		}
		db_iter_close(&it);
		if (rc != 0 && rc != MDB_NOTFOUND)
			goto out;
		rc = 0;
		if (n == 0) {
			rc = cause_set(cause, ORDO_ENOTFOUND, "no order is "
			    "waiting to be picked at %s", loc);
			goto out;
		}
	}

	if ((rc = db_seq_next(tx, "wave", &w->id)) != 0)
		goto out;
	w->user = xstrdup(tx->co->user != NULL ? tx->co->user : "");
	w->loc = xstrdup(loc);
	w->state = WAVE_OPEN;
	w->created = w->touched = tx->now;
	w->orders = xcalloc(n + 1, sizeof *w->orders);
	for (i = 0; i < n; i++) {
		if ((rc = order_get(tx, ids[i], &o, cause)) != 0)
			goto out;
		before = w->ntasks;
		for (j = 0; j < o.nlines; j++) {
			struct order_line *l = &o.lines[j];

			if (strcmp(l->loc, loc) != 0 || pk_waiting(l) <= 0)
				continue;
			rc = pk_claim_get(tx, o.id, l->no, &cw, &cq);
			if (rc == 0)
				continue;	/* another wave's */
			if (rc != MDB_NOTFOUND)
				break;
			if (w->ntasks == cap) {
				cap = cap == 0 ? 16 : cap * 2;
				w->tasks = xreallocarray(w->tasks, cap,
				    sizeof *w->tasks);
			}
			t = &w->tasks[w->ntasks++];
			memset(t, 0, sizeof *t);
			t->order = o.id;
			t->line = l->no;
			t->sku = xstrdup(l->sku);
			t->name = xstrdup(l->name);
			t->qty = pk_waiting(l);
			t->state = TASK_OPEN;
			if ((rc = pick_bin_get(tx, l->sku, loc, &t->bin)) != 0 ||
			    (rc = pk_item_code(tx, l->sku, &t->barcode)) != 0)
				break;
		}
		if (rc == MDB_NOTFOUND)
			rc = 0;
		/* A wave stops before the order that would overflow it. */
		if (rc == 0 && i > 0 && lines + (w->ntasks - before) >
		    (size_t)maxl) {
			while (w->ntasks > before) {
				t = &w->tasks[--w->ntasks];
				free(t->sku);
				free(t->name);
				free(t->bin);
				free(t->barcode);
			}
			order_free(&o);
			break;
		}
		if (rc == 0) {
			lines += w->ntasks - before;
			w->orders[w->norders].id = o.id;
			w->orders[w->norders++].state = WO_PICKING;
			for (j = before; j < w->ntasks && rc == 0; j++) {
				buf_reset(&v);
				enc_u8(&v, PK_REC);
				enc_u64(&v, w->id);
				enc_i64(&v, w->tasks[j].qty);
				pk_claim_key(&k, o.id, w->tasks[j].line);
				rc = db_putb(tx, TB_PICK_CLAIMS, &k, &v,
				    MDB_NOOVERWRITE);
			}
			if (rc == 0)
				rc = pick_order_changed(tx, &o, o.status);
		}
		order_free(&o);
		if (rc != 0) {
			if (rc == MDB_KEYEXIST)
				rc = ORDO_ECORRUPT;
			goto out;
		}
	}
	if (w->ntasks == 0) {
		rc = cause_set(cause, ORDO_ENOTFOUND, "nothing is waiting to "
		    "be picked at %s", loc);
		goto out;
	}
	pk_sort_cfg = tx->co->cfg;
	pk_sort_loc = loc;
	pk_sort_wave = w;
	qsort(w->tasks, w->ntasks, sizeof *w->tasks, pk_task_cmp);
	pk_open_key(&k, w->user, w->id);
	if ((rc = pk_wave_put(tx, w)) != 0 ||
	    (rc = db_put(tx, TB_WAVE_OPEN, k.d, k.len, "", 0, 0)) != 0)
		goto out;
	rc = audit_log(tx, "pick.wave", "wave", "%llu taken at %s: %zu "
	    "order%s, %zu line%s", PK_ULL(w->id), loc, w->norders,
	    w->norders == 1 ? "" : "s", w->ntasks, w->ntasks == 1 ? "" : "s");
out:
	if (rc != 0) {
		id = w->id;
		pick_wave_free(w);
		if (rc == ORDO_EEXIST)
			w->id = id;
	}
	free(ids);
	buf_free(&p);
	buf_free(&k);
	buf_free(&v);
	return (rc);
}

/* Waves: the steps. */

/* Swap the contents of two waves. */
static void
pk_wave_swap(struct pick_wave *a, struct pick_wave *b)
{
	struct pick_wave	 t;

	t = *a;
	*a = *b;
	*b = t;
}

/*
 * Load the stored state of the caller's wave w into s: open, and the
 * caller's.  Then settle it (withdraw tasks whose claim is gone).
 */
static int
pk_wave_load(struct db_txn *tx, struct pick_wave *w, struct pick_wave *s,
    char **cause)
{
	int	 rc;

	if ((rc = core_require(tx, ROLE_PICKER, "picking", cause)) != 0)
		return (rc);
	if ((rc = pick_wave_get(tx, w->id, s, cause)) != 0)
		return (rc);
	if (strcmp(s->user, tx->co->user != NULL ? tx->co->user : "") != 0)
		rc = cause_set(cause, ORDO_EPERM, "wave %llu is %s's",
		    PK_ULL(s->id), s->user);
	else if (s->state != WAVE_OPEN)
		rc = cause_set(cause, ORDO_ESTATE, "wave %llu is %s; take a "
		    "new one", PK_ULL(s->id), s->state == WAVE_DONE ?
		    "finished" : "released");
	else
		rc = pk_settle(tx, s);
	if (rc != 0)
		pick_wave_free(s);
	else
		s->touched = tx->now;
	return (rc);
}

/*
 * Bring a wave up to date with the orders: the current task is
 * withdrawn while its claim is gone (the line was cancelled or shipped
 * at the counter), and an order to pack that is no longer being picked
 * is done.
 */
static int
pk_settle(struct db_txn *tx, struct pick_wave *w)
{
	struct pick_task	*t;
	enum order_status	 st;
	uint64_t		 cw;
	int64_t			 cq;
	size_t			 i;
	int			 rc, changed = 0;

	for (i = 0; i < w->norders; i++) {
		if (w->orders[i].state != WO_PACK)
			continue;
		if ((rc = order_status_get(tx, w->orders[i].id, &st)) != 0)
			return (rc);
		if (st != ST_PICKING) {
			w->orders[i].state = WO_DONE;
			changed = 1;
		}
	}
	while (w->cur < w->ntasks) {
		t = &w->tasks[w->cur];
		if (t->state == TASK_OPEN) {
			rc = pk_claim_get(tx, t->order, t->line, &cw, &cq);
			if (rc == 0 && cw == w->id)
				break;
			if (rc != 0 && rc != MDB_NOTFOUND)
				return (rc);
			t->state = TASK_GONE;
			t->counted = 0;
			w->located = 0;
			changed = 1;
		}
		if ((rc = pk_finish(tx, w)) != 0)
			return (rc);
	}
	if (changed && w->cur >= w->ntasks && (rc = pk_finish(tx, w)) != 0)
		return (rc);
	return (0);
}

/*
 * The current task is finished: note which orders are complete (to
 * pack, or done), move to the next open task, close the wave when
 * nothing is left.
 */
static int
pk_finish(struct db_txn *tx, struct pick_wave *w)
{
	struct order	 o;
	struct buf	 k;
	size_t		 i, j;
	int		 rc, left, waits, picked;

	for (i = 0; i < w->norders; i++) {
		if (w->orders[i].state != WO_PICKING)
			continue;
		left = 0;
		for (j = 0; j < w->ntasks; j++)
			if (w->tasks[j].order == w->orders[i].id &&
			    w->tasks[j].state == TASK_OPEN)
				left = 1;
		if (left)
			continue;
		if ((rc = order_get(tx, w->orders[i].id, &o, NULL)) != 0)
			return (rc);
		waits = picked = 0;
		for (j = 0; j < o.nlines; j++) {
			if (pk_waiting(&o.lines[j]) > 0)
				waits = 1;
			if (o.lines[j].picked > 0)
				picked = 1;
		}
		w->orders[i].state = !waits && picked &&
		    o.status == ST_PICKING ? WO_PACK : WO_DONE;
		order_free(&o);
	}
	w->located = 0;
	while (w->cur < w->ntasks && w->tasks[w->cur].state != TASK_OPEN)
		w->cur++;
	if (w->cur < w->ntasks && w->tasks[w->cur].state == TASK_OPEN)
		return (0);
	/* Any open task left earlier (none: tasks finish in order). */
	for (i = 0; i < w->ntasks; i++) {
		if (w->tasks[i].state == TASK_OPEN) {
			w->cur = i;
			return (0);
		}
	}
	if (pick_wave_pack_order(w) != 0)
		return (0);
	w->state = WAVE_DONE;
	buf_init(&k);
	pk_open_key(&k, w->user, w->id);
	rc = db_del(tx, TB_WAVE_OPEN, k.d, k.len);
	buf_free(&k);
	if (rc == MDB_NOTFOUND)
		rc = 0;
	if (rc == 0)
		rc = audit_log(tx, "pick.wave", "wave", "%llu finished",
		    PK_ULL(w->id));
	return (rc);
}

int
pick_wave_resume(struct db_txn *tx, struct pick_wave *w, char **cause)
{
	struct pick_wave	 s;
	uint64_t		 id;
	int64_t			 idle;
	int			 rc;

	memset(w, 0, sizeof *w);
	if ((rc = core_require(tx, ROLE_PICKER, "picking", cause)) != 0)
		return (rc);
	rc = pick_wave_of(tx, tx->co->user, &id);
	if (rc == ORDO_ENOTFOUND)
		return (cause_set(cause, rc, "%s has no open wave (one idle "
		    "more than %d minutes is given back)", tx->co->user,
		    tx->co->cfg != NULL ? tx->co->cfg->pick.claim_minutes : 30));
	if (rc != 0)
		return (rc);
	if ((rc = pick_wave_get(tx, id, &s, cause)) != 0)
		return (rc);
	idle = (tx->co->cfg != NULL ? tx->co->cfg->pick.claim_minutes : 30) * 60;
	if (tx->now - s.touched > idle) {
		/* Released: the caller commits that and tells the picker. */
		rc = pk_release(tx, &s, "idle too long");
		if (rc == 0)
			pk_wave_swap(w, &s);
		pick_wave_free(&s);
		return (rc);
	}
	s.touched = tx->now;
	if ((rc = pk_settle(tx, &s)) == 0 && (rc = pk_wave_put(tx, &s)) == 0)
		pk_wave_swap(w, &s);
	pick_wave_free(&s);
	return (rc);
}

int
pick_scan(struct db_txn *tx, struct pick_wave *w, const char *code,
    int keyed, char **cause)
{
	struct pick_wave	 s;
	struct pick_task	*t;
	const char		*want;
	char			 d[8], *withd = NULL, *e;
	unsigned long long	 n;
	int			 rc;

	if (code == NULL || *code == '\0' || strlen(code) > 128 ||
	    !utf8_valid(code, strlen(code)))
		return (cause_set(cause, ORDO_EINVAL, "nothing scanned"));
	if ((rc = pk_wave_load(tx, w, &s, cause)) != 0)
		return (rc);
	t = s.cur < s.ntasks ? &s.tasks[s.cur] : NULL;
	switch (pick_wave_step(&s)) {
	case STEP_LOCATION:
		want = *t->bin != '\0' ? t->bin : s.loc;
		pick_check_digits(tx->co->cfg, want, d, sizeof d);
		xasprintf(&withd, "%s%s", want, d);
		if (strcmp(code, keyed ? withd : want) != 0) {
			if (keyed && *d != '\0' && strcmp(code, want) == 0)
				rc = cause_set(cause, ORDO_EINVAL, "a keyed "
				    "location needs its check digits: key "
				    "%s and the %zu digits on its label",
				    want, strlen(d));
			else
				rc = cause_set(cause, ORDO_EINVAL, "wrong "
				    "location %.40s: go to %s", code, want);
			goto out;
		}
		s.located = 1;
		break;
	case STEP_ITEM:
	case STEP_QTY:
		if (strcmp(code, t->barcode) != 0 &&
		    strcmp(code, t->sku) != 0) {
			rc = cause_set(cause, ORDO_EINVAL, "wrong item %.40s: "
			    "expected %s (%s)", code, t->barcode, t->sku);
			goto out;
		}
		if (t->counted >= t->qty) {
			rc = cause_set(cause, ORDO_EINVAL, "all %lld of %s "
			    "are counted; confirm the quantity",
			    PK_LL(t->qty), t->sku);
			goto out;
		}
		t->counted++;
		break;
	case STEP_PACK:
		n = strtoull(code, &e, 10);
		if (*e != '\0' || n != pick_wave_pack_order(&s)) {
			rc = cause_set(cause, ORDO_EINVAL, "scan order %llu "
			    "to pack it, not %.40s", PK_ULL(
			    pick_wave_pack_order(&s)), code);
			goto out;
		}
		pk_wave_swap(w, &s);
		pick_wave_free(&s);
		free(withd);
		return (pick_pack(tx, w, cause));
	case STEP_DONE:
		rc = cause_set(cause, ORDO_ESTATE, "wave %llu is finished",
		    PK_ULL(s.id));
		goto out;
	}
	if ((rc = pk_wave_put(tx, &s)) == 0)
		pk_wave_swap(w, &s);
out:
	free(withd);
	pick_wave_free(&s);
	return (rc);
}

/*
 * Pick found of task t (0: none) and short the rest of asked (0: none);
 * the task's claim goes.
 */
static int
pk_pick_line(struct db_txn *tx, struct pick_task *t, int64_t found,
    int64_t missing, uint64_t wave, char **cause)
{
	struct line_qty	 lq;
	struct buf	 k, v;
	struct order	 o;
	uint64_t	 id;
	char		 why[64];
	int		 rc;

	memset(&lq, 0, sizeof lq);
	lq.no = t->line;
	if (found > 0) {
		lq.qty = found;
		if ((rc = order_pick(tx, t->order, ORDER_ANY_VERSION, &lq, 1,
		    cause)) != 0)
			return (rc);
	}
	if (missing > 0) {
		lq.qty = missing;
		snprintf(why, sizeof why, "wave %llu, bin %s", PK_ULL(wave),
		    *t->bin != '\0' ? t->bin : "none");
		if ((rc = order_short(tx, t->order, ORDER_ANY_VERSION, &lq,
		    why, cause)) != 0)
			return (rc);
		memset(&o, 0, sizeof o);
		if ((rc = order_get(tx, t->order, &o, cause)) != 0)
			return (rc);
		if ((rc = db_seq_next(tx, "pick_short", &id)) != 0) {
			order_free(&o);
			return (rc);
		}
		buf_init(&k);
		buf_init(&v);
		key_u64(&k, id);
		enc_u8(&v, PK_REC);
		enc_u64(&v, t->order);
		enc_u16(&v, t->line);
		enc_u64(&v, wave);
		enc_str(&v, t->sku);
		enc_str(&v, o.lines[t->line - 1].loc);
		enc_str(&v, t->bin);
		enc_i64(&v, missing);
		enc_str(&v, tx->co->user);
		enc_i64(&v, tx->now);
		rc = db_putb(tx, TB_PICK_SHORTS, &k, &v, MDB_NOOVERWRITE);
		buf_free(&k);
		buf_free(&v);
		if (rc == 0)
			rc = audit_log(tx, "pick.short", "item", "%s at %s bin "
			    "%s: %lld missing for order %llu line %u (wave "
			    "%llu); short %llu", t->sku,
			    o.lines[t->line - 1].loc, *t->bin != '\0' ?
			    t->bin : "none", PK_LL(missing),
			    PK_ULL(t->order), t->line, PK_ULL(wave),
			    PK_ULL(id));
		order_free(&o);
		if (rc != 0)
			return (rc);
	}
	return (pk_claim_del(tx, t->order, t->line));
}

int
pick_confirm(struct db_txn *tx, struct pick_wave *w, int64_t qty,
    char **cause)
{
	struct pick_wave	 s;
	struct pick_task	*t;
	int			 rc;

	if ((rc = pk_wave_load(tx, w, &s, cause)) != 0)
		return (rc);
	if (pick_wave_step(&s) != STEP_QTY) {
		rc = cause_set(cause, ORDO_ESTATE, "scan the item first");
		goto out;
	}
	t = &s.tasks[s.cur];
	if (qty < 0)
		qty = pick_shown_qty(&s);
	if (qty > t->qty || qty <= 0) {
		rc = cause_set(cause, ORDO_EINVAL, "%lld asked of %s; take "
		    "1 to %lld", PK_LL(t->qty), t->sku, PK_LL(t->qty));
		goto out;
	}
	if (qty < t->qty) {
		rc = cause_set(cause, ORDO_EINVAL, "%lld asked of %s, %lld "
		    "counted: scan the rest, or short-pick", PK_LL(t->qty),
		    t->sku, PK_LL(qty));
		goto out;
	}
	if ((rc = pk_pick_line(tx, t, qty, 0, s.id, cause)) != 0)
		goto out;
	t->picked = qty;
	t->counted = 0;
	t->state = TASK_DONE;
	if ((rc = pk_finish(tx, &s)) == 0 && (rc = pk_wave_put(tx, &s)) == 0)
		pk_wave_swap(w, &s);
out:
	pick_wave_free(&s);
	return (rc);
}

int
pick_short(struct db_txn *tx, struct pick_wave *w, int64_t found,
    char **cause)
{
	struct pick_wave	 s;
	struct pick_task	*t;
	enum pick_step		 step;
	int			 rc;

	if ((rc = pk_wave_load(tx, w, &s, cause)) != 0)
		return (rc);
	step = pick_wave_step(&s);
	if (step != STEP_ITEM && step != STEP_QTY) {
		rc = cause_set(cause, ORDO_ESTATE, step == STEP_LOCATION ?
		    "scan the location first: a short pick is made at the "
		    "bin" : "nothing to short-pick now");
		goto out;
	}
	t = &s.tasks[s.cur];
	if (found < 0)
		found = t->counted;
	if (found >= t->qty) {
		rc = cause_set(cause, ORDO_EINVAL, "%lld asked of %s and %lld "
		    "found is not short; confirm instead", PK_LL(t->qty),
		    t->sku, PK_LL(found));
		goto out;
	}
	if ((rc = pk_pick_line(tx, t, found, t->qty - found, s.id,
	    cause)) != 0)
		goto out;
	t->picked = found;
	t->shorted = t->qty - found;
	t->counted = 0;
	t->state = TASK_SHORT;
	if ((rc = pk_finish(tx, &s)) == 0 && (rc = pk_wave_put(tx, &s)) == 0)
		pk_wave_swap(w, &s);
out:
	pick_wave_free(&s);
	return (rc);
}

int
pick_back(struct db_txn *tx, struct pick_wave *w, char **cause)
{
	struct pick_wave	 s;
	int			 rc;

	if ((rc = pk_wave_load(tx, w, &s, cause)) != 0)
		return (rc);
	switch (pick_wave_step(&s)) {
	case STEP_QTY:
		s.tasks[s.cur].counted = 0;
		break;
	case STEP_ITEM:
		s.located = 0;
		break;
	default:
		rc = cause_set(cause, ORDO_ESTATE, "nothing to go back to");
		goto out;
	}
	if ((rc = pk_wave_put(tx, &s)) == 0)
		pk_wave_swap(w, &s);
out:
	pick_wave_free(&s);
	return (rc);
}

int
pick_pack(struct db_txn *tx, struct pick_wave *w, char **cause)
{
	struct pick_wave	 s;
	uint64_t		 id;
	size_t			 i;
	int			 rc;

	if ((rc = pk_wave_load(tx, w, &s, cause)) != 0)
		return (rc);
	if ((id = pick_wave_pack_order(&s)) == 0) {
		rc = cause_set(cause, ORDO_ESTATE, "no order is ready to "
		    "pack");
		goto out;
	}
	if ((rc = order_pack(tx, id, ORDER_ANY_VERSION, cause)) != 0)
		goto out;
	for (i = 0; i < s.norders; i++)
		if (s.orders[i].id == id)
			s.orders[i].state = WO_PACKED;
	if ((rc = pk_finish(tx, &s)) == 0 && (rc = pk_wave_put(tx, &s)) == 0)
		pk_wave_swap(w, &s);
out:
	pick_wave_free(&s);
	return (rc);
}

/*
 * Give a wave back: the claims of its open tasks go, its orders wait
 * again, what was counted and not confirmed is dropped.
 */
static int
pk_release(struct db_txn *tx, struct pick_wave *w, const char *why)
{
	struct pick_task	*t;
	struct order		 o;
	struct buf		 k;
	uint64_t		 cw;
	int64_t			 cq;
	size_t			 i;
	int			 rc;

	for (i = 0; i < w->ntasks; i++) {
		t = &w->tasks[i];
		if (t->state != TASK_OPEN)
			continue;
		rc = pk_claim_get(tx, t->order, t->line, &cw, &cq);
		if (rc == 0 && cw == w->id)
			rc = pk_claim_del(tx, t->order, t->line);
		if (rc != 0 && rc != MDB_NOTFOUND)
			return (rc);
		t->counted = 0;
	}
	w->state = WAVE_RELEASED;
	w->located = 0;
	buf_init(&k);
	pk_open_key(&k, w->user, w->id);
	rc = db_del(tx, TB_WAVE_OPEN, k.d, k.len);
	buf_free(&k);
	if (rc != 0 && rc != MDB_NOTFOUND)
		return (rc);
	if ((rc = pk_wave_put(tx, w)) != 0)
		return (rc);
	for (i = 0; i < w->norders; i++) {
		if ((rc = order_get(tx, w->orders[i].id, &o, NULL)) != 0)
			return (rc);
		rc = pick_order_changed(tx, &o, o.status);
		order_free(&o);
		if (rc != 0)
			return (rc);
	}
	return (audit_log(tx, "pick.wave", "wave", "%llu of %s released: %s",
	    PK_ULL(w->id), w->user, why));
}

/* Release every open wave idle longer than pick.claim_minutes. */
static int
pk_expire(struct db_txn *tx)
{
	struct db_iter		 it;
	struct pick_wave	 w;
	uint64_t		*ids = NULL;
	size_t			 n = 0, i;
	int64_t			 idle;
	int			 rc;

	if ((rc = db_iter_open(tx, TB_WAVE_OPEN, NULL, 0, &it)) != 0)
		return (rc);
	while ((rc = db_iter_next(&it)) == 0) {
		if (it.key.mv_size < 9)
			continue;
		ids = xreallocarray(ids, n + 1, sizeof *ids);
		ids[n++] = key_get_u64((const uint8_t *)it.key.mv_data +
		    it.key.mv_size - 8);
	}
	db_iter_close(&it);
	if (rc != MDB_NOTFOUND)
		goto out;
	rc = 0;
	idle = (tx->co->cfg != NULL ? tx->co->cfg->pick.claim_minutes : 30) * 60;
	for (i = 0; i < n && rc == 0; i++) {
		if ((rc = pick_wave_get(tx, ids[i], &w, NULL)) != 0)
			break;
		if (w.state == WAVE_OPEN && tx->now - w.touched > idle)
			rc = pk_release(tx, &w, "idle too long");
		pick_wave_free(&w);
	}
out:
	free(ids);
	return (rc);
}

int
pick_release(struct db_txn *tx, struct pick_wave *w, char **cause)
{
	struct pick_wave	 s;
	int			 rc;

	if ((rc = pk_wave_load(tx, w, &s, cause)) != 0)
		return (rc);
	if ((rc = pk_release(tx, &s, "given back")) == 0)
		pk_wave_swap(w, &s);
	pick_wave_free(&s);
	return (rc);
}

int
pick_release_id(struct db_txn *tx, uint64_t id, char **cause)
{
	struct pick_wave	 s;
	int			 rc;

	if ((rc = pick_wave_get(tx, id, &s, cause)) != 0)
		return (rc);
	if (strcmp(s.user, tx->co->user != NULL ? tx->co->user : "") != 0)
		rc = core_require(tx, ROLE_MANAGER, "releasing another "
		    "picker's wave", cause);
	else
		rc = core_require(tx, ROLE_PICKER, "releasing a wave", cause);
	if (rc == 0 && s.state != WAVE_OPEN)
		rc = cause_set(cause, ORDO_ESTATE, "wave %llu is not open",
		    PK_ULL(id));
	if (rc == 0)
		rc = pk_release(tx, &s, tx->co->user != NULL &&
		    strcmp(s.user, tx->co->user) == 0 ? "given back" :
		    "released by a manager");
	pick_wave_free(&s);
	return (rc);
}

int
pick_shorts_each(struct db_txn *tx, uint64_t after,
    int (*fn)(const struct pick_short *, void *), void *arg)
{
	struct db_iter		 it;
	struct pick_short	 s;
	struct buf		 k;
	struct rd		 r;
	int			 rc;

	if ((rc = db_iter_open(tx, TB_PICK_SHORTS, NULL, 0, &it)) != 0)
		return (rc);
	buf_init(&k);
	if (after != 0) {
		key_u64(&k, after);
		if ((rc = db_iter_seek(&it, k.d, k.len)) != 0)
			goto out;
	}
	while ((rc = db_iter_next(&it)) == 0) {
		if (it.key.mv_size != 8) {
			rc = ORDO_ECORRUPT;
			break;
		}
		memset(&s, 0, sizeof s);
		s.id = key_get_u64(it.key.mv_data);
		rd_init(&r, it.val.mv_data, it.val.mv_size);
		if (dec_u8(&r) != PK_REC)
			r.err = 1;
		s.order = dec_u64(&r);
		s.line = dec_u16(&r);
		s.wave = dec_u64(&r);
		s.sku = dec_str(&r);
		s.loc = dec_str(&r);
		s.bin = dec_str(&r);
		s.qty = dec_i64(&r);
		s.user = dec_str(&r);
		s.time = dec_i64(&r);
		if (rd_ok(&r))
			rc = fn(&s, arg);
		else
			rc = ORDO_ECORRUPT;
		free(s.sku);
		free(s.loc);
		free(s.bin);
		free(s.user);
		if (rc != 0)
			break;
	}
out:
	db_iter_close(&it);
	buf_free(&k);
	return (db_walk_rc(rc));
}

/* The checker's part. */

struct pk_ck {
	struct db_txn	*tx;
	void		(*fn)(const char *, void *);
	void		*arg;
	long		 n;
};

static void	 pk_viol(struct pk_ck *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));
static int	 pk_check_claims(struct pk_ck *);
static int	 pk_check_waves(struct pk_ck *);
static int	 pk_check_queue(struct pk_ck *);
static int	 pk_check_waiting(struct pk_ck *);
static int	 pk_check_bins(struct pk_ck *);
static int	 pk_check_short(const struct pick_short *, void *);

static void
pk_viol(struct pk_ck *ck, const char *fmt, ...)
{
	va_list	 ap;
	char	*s;

	va_start(ap, fmt);
	xvasprintf(&s, fmt, ap);
	va_end(ap);
	ck->n++;
	if (ck->fn != NULL)
		ck->fn(s, ck->arg);
	free(s);
}

/* Each claim: a real line waiting to be picked, an open task of its wave. */
static int
pk_check_claims(struct pk_ck *ck)
{
	struct db_iter		 it;
	struct order		 o;
	struct pick_wave	 w;
	struct rd		 r;
	uint64_t		 id, wave;
	uint16_t		 no;
	size_t			 i;
	int			 rc, found;

	if ((rc = db_iter_open(ck->tx, TB_PICK_CLAIMS, NULL, 0, &it)) != 0)
		return (rc);
	while ((rc = db_iter_next(&it)) == 0) {
		rd_init(&r, it.val.mv_data, it.val.mv_size);
		if (dec_u8(&r) != PK_REC)
			r.err = 1;
		wave = dec_u64(&r);
		(void)dec_i64(&r);
		if (it.key.mv_size != 10 || !rd_ok(&r)) {
			pk_viol(ck, "The pick claims table holds a bad entry.");
			continue;
		}
		id = key_get_u64(it.key.mv_data);
		no = key_get_u16((const uint8_t *)it.key.mv_data + 8);
		if (order_get(ck->tx, id, &o, NULL) != 0) {
			pk_viol(ck, "A pick claim names order %llu, which "
			    "does not exist.", PK_ULL(id));
			continue;
		}
		if (no < 1 || no > o.nlines)
			pk_viol(ck, "A pick claim names line %u of order "
			    "%llu, which has %zu lines.", no, PK_ULL(id),
			    o.nlines);
		else if (!pk_pickable(o.status) ||
		    pk_waiting(&o.lines[no - 1]) <= 0)
			pk_viol(ck, "Order %llu line %u is claimed by wave "
			    "%llu but has nothing waiting to be picked (%s).",
			    PK_ULL(id), no, PK_ULL(wave),
			    order_status_name(o.status));
		order_free(&o);
		if (pick_wave_get(ck->tx, wave, &w, NULL) != 0) {
			pk_viol(ck, "Order %llu line %u is claimed by wave "
			    "%llu, which does not exist.", PK_ULL(id), no,
			    PK_ULL(wave));
			continue;
		}
		for (found = 0, i = 0; i < w.ntasks; i++)
			if (w.tasks[i].order == id && w.tasks[i].line == no &&
			    w.tasks[i].state == TASK_OPEN)
				found = 1;
		if (w.state != WAVE_OPEN || !found)
			pk_viol(ck, "Order %llu line %u is claimed by wave "
			    "%llu, which is %s and has no open task for it.",
			    PK_ULL(id), no, PK_ULL(wave), w.state ==
			    WAVE_OPEN ? "open" : w.state == WAVE_DONE ?
			    "finished" : "released");
		pick_wave_free(&w);
	}
	db_iter_close(&it);
	return (rc == MDB_NOTFOUND ? 0 : rc);
}

/* Open waves: listed exactly in TB_WAVE_OPEN, one per picker. */
static int
pk_check_waves(struct pk_ck *ck)
{
	struct db_iter		 it;
	struct pick_wave	 w;
	struct buf		 k;
	MDB_val			 v;
	size_t			 nopen = 0, nlisted;
	int			 rc, ok;

	if ((rc = db_iter_open(ck->tx, TB_WAVES, NULL, 0, &it)) != 0)
		return (rc);
	buf_init(&k);
	while ((rc = db_iter_next(&it)) == 0) {
		memset(&w, 0, sizeof w);
		ok = it.key.mv_size == 8 &&
		    pk_wave_decode(it.val.mv_data, it.val.mv_size, &w) == 0;
		if (!ok) {
			pk_viol(ck, "The waves table holds a record that does "
			    "not decode.");
			pick_wave_free(&w);
			continue;
		}
		w.id = key_get_u64(it.key.mv_data);
		if (w.state == WAVE_OPEN) {
			nopen++;
			pk_open_key(&k, w.user, w.id);
			if (db_getb(ck->tx, TB_WAVE_OPEN, &k, &v) != 0)
				pk_viol(ck, "Wave %llu is open but missing "
				    "from the list of open waves.",
				    PK_ULL(w.id));
		}
		pick_wave_free(&w);
	}
	db_iter_close(&it);
	buf_free(&k);
	if (rc != MDB_NOTFOUND)
		return (rc);
	nlisted = db_count(ck->tx, TB_WAVE_OPEN);
	if (nlisted != nopen)
		pk_viol(ck, "The list of open waves holds %zu entries for %zu "
		    "open waves.", nlisted, nopen);
	return (0);
}

/* Each queue key has its position and each position its key. */
static int
pk_check_queue(struct pk_ck *ck)
{
	struct db_iter	 it;
	struct order	 o;
	struct buf	 pk;
	MDB_val		 v;
	const char	*loc;
	size_t		 ll, i, nq, npos = 0;
	uint64_t	 id;
	int		 rc, waits;

	buf_init(&pk);
	if ((rc = db_iter_open(ck->tx, TB_PICK_QPOS, NULL, 0, &it)) != 0)
		goto out;
	while ((rc = db_iter_next(&it)) == 0) {
		npos++;
		if (it.key.mv_size <= 8) {
			pk_viol(ck, "The pick queue positions hold a bad "
			    "entry.");
			continue;
		}
		id = key_get_u64(it.key.mv_data);
		loc = (const char *)it.key.mv_data + 8;
		ll = it.key.mv_size - 8;
		if (db_get(ck->tx, TB_PICK_QUEUE, it.val.mv_data,
		    it.val.mv_size, &v) != 0)
			pk_viol(ck, "Order %llu at %.*s has a place in the "
			    "pick queue that is not in it.", PK_ULL(id),
			    (int)ll, loc);
		if (order_get(ck->tx, id, &o, NULL) != 0) {
			pk_viol(ck, "The pick queue holds order %llu, which "
			    "does not exist.", PK_ULL(id));
			continue;
		}
		waits = 0;
		for (i = 0; pk_pickable(o.status) && i < o.nlines; i++) {
			uint64_t cw;
			int64_t cq;

			if (strlen(o.lines[i].loc) == ll &&
			    memcmp(o.lines[i].loc, loc, ll) == 0 &&
			    pk_waiting(&o.lines[i]) > 0 &&
			    pk_claim_get(ck->tx, id, o.lines[i].no, &cw,
			    &cq) == MDB_NOTFOUND)
				waits = 1;
		}
		if (!waits)
			pk_viol(ck, "Order %llu is in the pick queue at %.*s "
			    "but nothing of it waits to be picked there "
			    "(%s).", PK_ULL(id), (int)ll, loc,
			    order_status_name(o.status));
		order_free(&o);
	}
	db_iter_close(&it);
	if (rc != MDB_NOTFOUND)
		goto out;
	rc = 0;
	nq = db_count(ck->tx, TB_PICK_QUEUE);
	if (nq != npos)
		pk_viol(ck, "The pick queue holds %zu entries for %zu places.",
		    nq, npos);
out:
	buf_free(&pk);
	return (rc);
}

/* Every order waiting to be picked somewhere is in the queue there. */
static int
pk_check_waiting(struct pk_ck *ck)
{
	static const uint8_t open[] = { ST_CONFIRMED, ST_PICKING, ST_PARTIAL };
	struct db_iter	 it;
	struct order	 o;
	struct order_line *l;
	struct buf	 pk;
	MDB_val		 v;
	uint64_t	 cw;
	int64_t		 cq;
	size_t		 s, i;
	int		 rc;

	buf_init(&pk);
	for (s = 0; s < sizeof open; s++) {
		if ((rc = db_iter_open(ck->tx, TB_ORD_BY_STATUS, &open[s], 1,
		    &it)) != 0)
			break;
		while ((rc = db_iter_next(&it)) == 0) {
			if (it.key.mv_size != ORDER_STATUS_KEY ||
			    order_get(ck->tx, order_index_id(&it.key), &o,
			    NULL) != 0)
				continue;	/* check_orders reports it */
			for (i = 0; i < o.nlines; i++) {
				l = &o.lines[i];
				if (pk_waiting(l) <= 0 ||
				    pk_claim_get(ck->tx, o.id, l->no, &cw,
				    &cq) != MDB_NOTFOUND)
					continue;
				buf_reset(&pk);
				key_u64(&pk, o.id);
				key_strn(&pk, l->loc);
				if (db_getb(ck->tx, TB_PICK_QPOS, &pk,
				    &v) != 0) {
					pk_viol(ck, "Order %llu line %u waits "
					    "to be picked at %s but the order "
					    "is not in the pick queue there.",
					    PK_ULL(o.id), l->no, l->loc);
					break;
				}
			}
			order_free(&o);
		}
		db_iter_close(&it);
		if (rc != MDB_NOTFOUND)
			break;
		rc = 0;
	}
	buf_free(&pk);
	return (rc);
}

static int
pk_check_bins(struct pk_ck *ck)
{
	struct db_iter	 it;
	struct item	 item;
	struct rd	 r;
	const char	*nul;
	char		*sku, *loc, *bin;
	int		 rc;

	if ((rc = db_iter_open(ck->tx, TB_BINS, NULL, 0, &it)) != 0)
		return (rc);
	while ((rc = db_iter_next(&it)) == 0) {
		nul = memchr(it.key.mv_data, '\0', it.key.mv_size);
		rd_init(&r, it.val.mv_data, it.val.mv_size);
		if (dec_u8(&r) != PK_REC)
			r.err = 1;
		bin = dec_str(&r);
		if (nul == NULL || !rd_ok(&r)) {
			pk_viol(ck, "The bins table holds a bad entry.");
			free(bin);
			continue;
		}
		sku = xstrdup(it.key.mv_data);
		loc = xstrndup(nul + 1, it.key.mv_size -
		    (size_t)(nul + 1 - (const char *)it.key.mv_data));
		if (item_get(ck->tx, sku, &item, NULL) != 0)
			pk_viol(ck, "Bin %s is given for SKU %s, which is not "
			    "in the catalogue.", bin, sku);
		else
			item_free(&item);
		if (!stock_location_exists(ck->tx, loc))
			pk_viol(ck, "Bin %s of SKU %s is at location %s, which "
			    "does not exist.", bin, sku, loc);
		if (!pick_bin_valid(bin))
			pk_viol(ck, "SKU %s at %s has a bin that is not a "
			    "valid code.", sku, loc);
		free(sku);
		free(loc);
		free(bin);
	}
	db_iter_close(&it);
	return (rc == MDB_NOTFOUND ? 0 : rc);
}

static int
pk_check_short(const struct pick_short *s, void *arg)
{
	struct pk_ck	*ck = arg;
	struct order	 o;

	if (order_get(ck->tx, s->order, &o, NULL) != 0) {
		pk_viol(ck, "Short pick %llu names order %llu, which does not "
		    "exist.", PK_ULL(s->id), PK_ULL(s->order));
		return (0);
	}
	if (s->line < 1 || s->line > o.nlines ||
	    strcmp(o.lines[s->line - 1].sku, s->sku) != 0)
		pk_viol(ck, "Short pick %llu names line %u of order %llu, "
		    "which is not a line of %s.", PK_ULL(s->id), s->line,
		    PK_ULL(s->order), s->sku);
	if (s->qty <= 0)
		pk_viol(ck, "Short pick %llu is of %lld.", PK_ULL(s->id),
		    PK_LL(s->qty));
	order_free(&o);
	return (0);
}

long
pick_check(struct db_txn *tx, void (*fn)(const char *, void *), void *arg)
{
	struct pk_ck	 ck;
	int		 rc;

	memset(&ck, 0, sizeof ck);
	ck.tx = tx;
	ck.fn = fn;
	ck.arg = arg;
	if (pick_upgrade_needed(tx)) {
		pk_viol(&ck, "The pick queue has not been built since the "
		    "upgrade; open the company once with a writing "
		    "command.");
		return (ck.n);
	}
	if ((rc = pk_check_claims(&ck)) != 0 ||
	    (rc = pk_check_waves(&ck)) != 0 ||
	    (rc = pk_check_queue(&ck)) != 0 ||
	    (rc = pk_check_waiting(&ck)) != 0 ||
	    (rc = pk_check_bins(&ck)) != 0)
		return (-1);
	if (pick_shorts_each(tx, 0, pk_check_short, &ck) != 0)
		pk_viol(&ck, "The short picks table holds a record that does "
		    "not decode.");
	return (ck.n);
}
