/*
 * item.c: the catalogue.  See item.h for the tables and the rules.
 *
 * Decisions where the header is silent:
 * - Adding and changing items needs a manager (prices are set here).
 * - An empty unit is stored as "pcs".  Names, units and bins are one line
 *   (no TAB or LF); units are at most 16 bytes, bins at most 32.
 * - "active" and "backorder" are stored as given (normalised to 0/1): a
 *   zeroed struct makes an inactive item.
 * - An update that changes nothing writes nothing and keeps the version.
 * - item_set_cost does not bump the version: cost is not an editable
 *   field, so a receipt never makes a manager's edit conflict.
 * - Search visits SKU prefix matches first (the prefix as typed, then in
 *   upper and lower case), then barcode matches, then name matches, each
 *   item once.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ordo/audit.h"
#include "ordo/codec.h"
#include "ordo/company.h"
#include "ordo/config.h"
#include "ordo/core.h"
#include "ordo/error.h"
#include "ordo/item.h"
#include "ordo/money.h"
#include "ordo/strset.h"
#include "ordo/text.h"
#include "ordo/where.h"
#include "ordo/xmalloc.h"



static int	 item_one_line(const char *, const char *, char **);
static int	 item_barcode_valid(const char *, char **);
static void	 item_encode(const struct item *, struct buf *);
static int	 item_decode(const void *, size_t, const MDB_val *,
		    struct item *);
static int	 item_read(struct db_txn *, const char *, struct item *);
static void	 item_skip_str(struct rd *);
static int	 item_write(struct db_txn *, const struct item *);
static void	 item_name_key(struct buf *, const char *, const char *);
static void	 item_change(char **, const char *, const char *,
		    const char *);
static void	 item_change_money(struct db_txn *, char **, const char *,
		    int64_t, int64_t);
static void	 item_change_int(char **, const char *, int64_t, int64_t);
static int	 item_visit(struct db_txn *, struct strset *, const char *,
		    int (*)(const struct item *, void *), void *);
static int	 item_scan(struct db_txn *, enum db_table, const char *,
		    struct strset *, int (*)(const struct item *, void *),
		    void *);

static int
item_one_line(const char *field, const char *s, char **cause)
{
	if (s != NULL && strpbrk(s, "\t\n") != NULL)
		return (cause_set(cause, ORDO_EINVAL,
		    "%s: must be one line (no tabs or line breaks)", field));
	return (0);
}

int
item_sku_valid(const char *sku, char **cause)
{
	return (ident_valid("SKU", sku, ITEM_SKU_MAX, "-_./+#", cause));
}

static int
item_barcode_valid(const char *bc, char **cause)
{
	const unsigned char	*p;
	size_t			 len;

	if (bc == NULL || *bc == '\0')
		return (0);
	len = strlen(bc);
	if (len > ITEM_BARCODE_MAX)
		return (cause_set(cause, ORDO_EINVAL, "barcode: too long (%zu "
		    "bytes, at most %d)", len, ITEM_BARCODE_MAX));
	for (p = (const unsigned char *)bc; *p != '\0'; p++) {
		if (!isascii(*p) || !isalnum(*p))
			return (cause_set(cause, ORDO_EINVAL, "barcode: byte "
			    "%zu (0x%02x) is not allowed (digits and letters "
			    "only)", (size_t)(p - (const unsigned char *)bc) +
			    1, *p));
	}
	return (0);
}

int
item_validate(const struct item *it, char **cause)
{
	int	 rc;

	/* Each refusal points at its field (where.h). */
	ordo_where_set("sku", 0);
	if ((rc = item_sku_valid(it->sku, cause)) != 0)
		return (rc);
	ordo_where_set("barcode", 0);
	if ((rc = item_barcode_valid(it->barcode, cause)) != 0)
		return (rc);
	ordo_where_set("name", 0);
	if ((rc = text_check("name", it->name, ITEM_NAME_MAX, 1,
	    cause)) != 0 ||
	    (rc = item_one_line("name", it->name, cause)) != 0)
		return (rc);
	ordo_where_set("unit", 0);
	if ((rc = text_check("unit", it->unit, ITEM_UNIT_MAX, 0,
	    cause)) != 0 ||
	    (rc = item_one_line("unit", it->unit, cause)) != 0)
		return (rc);
	ordo_where_set("bin", 0);
	if ((rc = text_check("bin", it->bin, ITEM_BIN_MAX, 0, cause)) != 0 ||
	    (rc = item_one_line("bin", it->bin, cause)) != 0)
		return (rc);
	ordo_where_set("price", 0);
	if (it->price < 0)
		return (cause_set(cause, ORDO_EINVAL,
		    "price: must not be negative"));
	ordo_where_set("cost", 0);
	if (it->cost < 0)
		return (cause_set(cause, ORDO_EINVAL,
		    "cost: must not be negative"));
	ordo_where_set("reorder_point", 0);
	if (it->reorder_point < 0)
		return (cause_set(cause, ORDO_EINVAL,
		    "reorder point: must not be negative"));
	ordo_where_set("reorder_qty", 0);
	if (it->reorder_qty < 0)
		return (cause_set(cause, ORDO_EINVAL,
		    "reorder quantity: must not be negative"));
	ordo_where_set("tax_rate", 0);
	if (it->tax_rate != -1 && (it->tax_rate < 0 || it->tax_rate > 10000))
		return (cause_set(cause, ORDO_EINVAL, "tax rate: %d is out of "
		    "range (0 to 10000 basis points, or -1 for the company "
		    "rate)", it->tax_rate));
	ordo_where_clear();
	return (0);
}

/* Record v1; the SKU is the key and is not repeated. */
static void
item_encode(const struct item *it, struct buf *b)
{
	enc_u8(b, 1);
	enc_str(b, it->barcode);
	enc_str(b, it->name);
	enc_str(b, it->unit == NULL || *it->unit == '\0' ? "pcs" : it->unit);
	enc_str(b, it->bin);
	enc_i64(b, it->price);
	enc_i64(b, it->cost);
	enc_i64(b, it->reorder_point);
	enc_i64(b, it->reorder_qty);
	enc_i64(b, it->tax_rate);
	enc_u8(b, it->backorder != 0);
	enc_u8(b, it->active != 0);
	enc_i64(b, it->created);
	enc_u32(b, it->version);
}

static int
item_decode(const void *key, size_t klen, const MDB_val *val, struct item *it)
{
	struct rd	 r;
	int64_t		 tax;

	memset(it, 0, sizeof *it);
	rd_init(&r, val->mv_data, val->mv_size);
	if (dec_u8(&r) != 1)
		r.err = 1;
	it->sku = xstrndup(key, klen);
	it->barcode = dec_str(&r);
	it->name = dec_str(&r);
	it->unit = dec_str(&r);
	it->bin = dec_str(&r);
	it->price = dec_i64(&r);
	it->cost = dec_i64(&r);
	it->reorder_point = dec_i64(&r);
	it->reorder_qty = dec_i64(&r);
	tax = dec_i64(&r);
	it->backorder = dec_u8(&r);
	it->active = dec_u8(&r);
	it->created = dec_i64(&r);
	it->version = dec_u32(&r);
	if (!rd_ok(&r) || tax < -1 || tax > 10000 ||
	    memchr(key, '\0', klen) != NULL) {
		item_free(it);
		return (ORDO_ECORRUPT);
	}
	it->tax_rate = (int)tax;
	return (0);
}

/* 0, MDB_NOTFOUND or an error; *it is always safe to item_free. */
static int
item_read(struct db_txn *tx, const char *sku, struct item *it)
{
	MDB_val	 v;
	size_t	 len;
	int	 rc;

	memset(it, 0, sizeof *it);
	if (sku == NULL || (len = strlen(sku)) == 0 || len > ITEM_SKU_MAX)
		return (MDB_NOTFOUND);
	if ((rc = db_get(tx, TB_ITEMS, sku, len, &v)) != 0)
		return (rc);
	return (item_decode(sku, len, &v, it));
}

uint64_t
item_digest(const struct item *it)
{
	struct item	 c;
	struct buf	 b;
	uint64_t	 d;

	c = *it;
	c.cost = 0;	/* item_set_cost: receipts move it, unaudited */
	buf_init(&b);
	enc_str(&b, it->sku);
	item_encode(&c, &b);
	d = audit_digest(b.d, b.len);
	buf_free(&b);
	return (d);
}

static int
item_write(struct db_txn *tx, const struct item *it)
{
	struct buf	 v;
	int		 rc;

	buf_init(&v);
	item_encode(it, &v);
	rc = db_put(tx, TB_ITEMS, it->sku, strlen(it->sku), v.d, v.len, 0);
	buf_free(&v);
	return (rc);
}

static void
item_name_key(struct buf *k, const char *name, const char *sku)
{
	char	*f;

	f = str_fold(name);
	buf_reset(k);
	key_str(k, f);
	key_strn(k, sku);
	free(f);
}

int
item_add(struct db_txn *tx, const struct item *it, char **cause)
{
	struct item	 n;
	struct buf	 k;
	MDB_val		 v;
	char		 m[MONEY_BUFSZ], *obj;
	int		 rc;

	if ((rc = core_require(tx, ROLE_MANAGER, "adding an item",
	    cause)) != 0)
		return (rc);
	if ((rc = item_validate(it, cause)) != 0)
		return (rc);
	rc = db_get(tx, TB_ITEMS, it->sku, strlen(it->sku), &v);
	if (rc == 0)
		return (cause_set(cause, ORDO_EEXIST,
		    "SKU %s already exists", it->sku));
	if (rc != MDB_NOTFOUND)
		return (rc);
	if (it->barcode != NULL && *it->barcode != '\0') {
		rc = db_get(tx, TB_ITEM_BY_BARCODE, it->barcode,
		    strlen(it->barcode), &v);
		if (rc == 0)
			return (cause_set(cause, ORDO_EEXIST, "barcode %s is "
			    "already used by SKU %.*s", it->barcode,
			    (int)v.mv_size, (const char *)v.mv_data));
		if (rc != MDB_NOTFOUND)
			return (rc);
	}

	n = *it;
	n.created = tx->now;
	n.version = 1;
	n.backorder = it->backorder != 0;
	n.active = it->active != 0;
	if ((rc = item_write(tx, &n)) != 0)
		return (rc);
	if (it->barcode != NULL && *it->barcode != '\0' &&
	    (rc = db_put(tx, TB_ITEM_BY_BARCODE, it->barcode,
	    strlen(it->barcode), it->sku, strlen(it->sku), 0)) != 0)
		return (rc);
	buf_init(&k);
	item_name_key(&k, it->name, it->sku);
	rc = db_put(tx, TB_ITEM_BY_NAME, k.d, k.len, "", 0, 0);
	buf_free(&k);
	if (rc != 0)
		return (rc);
	xasprintf(&obj, "item %s", it->sku);
	rc = audit_log_digest(tx, item_digest(&n), "item.add", obj,
	    "\"%s\", price %s", it->name,
	    core_money(tx, m, sizeof m, it->price));
	free(obj);
	return (rc);
}

/* Append "what old -> new" to a list of changes. */
static void
item_change(char **list, const char *what, const char *from, const char *to)
{
	char	*s;

	xasprintf(&s, "%s%s%s \"%s\" -> \"%s\"", *list ? *list : "",
	    *list ? "; " : "", what, from ? from : "", to ? to : "");
	free(*list);
	*list = s;
}

static void
item_change_money(struct db_txn *tx, char **list, const char *what,
    int64_t from, int64_t to)
{
	char	 a[MONEY_BUFSZ], b[MONEY_BUFSZ], *s;

	if (from == to)
		return;
	xasprintf(&s, "%s%s%s %s -> %s", *list ? *list : "",
	    *list ? "; " : "", what, core_money(tx, a, sizeof a, from),
	    core_money(tx, b, sizeof b, to));
	free(*list);
	*list = s;
}

static void
item_change_int(char **list, const char *what, int64_t from, int64_t to)
{
	char	*s;

	if (from == to)
		return;
	xasprintf(&s, "%s%s%s %lld -> %lld", *list ? *list : "",
	    *list ? "; " : "", what, (long long)from, (long long)to);
	free(*list);
	*list = s;
}

int
item_update(struct db_txn *tx, const struct item *it, char **cause)
{
	struct item	 old, n;
	struct buf	 k;
	MDB_val		 v;
	char		*changes = NULL, *of, *nf;
	const char	*unit, *obc, *nbc;
	int		 rc;

	if ((rc = core_require(tx, ROLE_MANAGER, "changing an item",
	    cause)) != 0)
		return (rc);
	if ((rc = item_validate(it, cause)) != 0)
		return (rc);
	if ((rc = item_read(tx, it->sku, &old)) != 0) {
		if (rc == MDB_NOTFOUND)
			return (cause_set(cause, ORDO_ENOTFOUND,
			    "unknown SKU %s", it->sku));
		return (cause_set(cause, rc, "item %s: %s", it->sku,
		    ordo_strerror(rc)));
	}
	if (old.version != it->version) {
		rc = cause_set(cause, ORDO_ECONFLICT, "item %s was changed by "
		    "someone else (now version %u, yours %u); read it again",
		    it->sku, old.version, it->version);
		goto out;
	}

	n = *it;
	unit = it->unit == NULL || *it->unit == '\0' ? "pcs" : it->unit;
	n.unit = (char *)unit;
	n.cost = old.cost;
	n.created = old.created;
	n.version = old.version + 1;
	n.backorder = it->backorder != 0;
	n.active = it->active != 0;

	obc = old.barcode;
	nbc = it->barcode != NULL ? it->barcode : "";
	if (strcmp(obc, nbc) != 0)
		item_change(&changes, "barcode", obc, nbc);
	if (strcmp(old.name, it->name) != 0)
		item_change(&changes, "name", old.name, it->name);
	if (strcmp(old.unit, unit) != 0)
		item_change(&changes, "unit", old.unit, unit);
	if (strcmp(old.bin, it->bin != NULL ? it->bin : "") != 0)
		item_change(&changes, "bin", old.bin, it->bin);
	item_change_money(tx, &changes, "price", old.price, it->price);
	item_change_int(&changes, "reorder point", old.reorder_point,
	    it->reorder_point);
	item_change_int(&changes, "reorder quantity", old.reorder_qty,
	    it->reorder_qty);
	item_change_int(&changes, "tax rate", old.tax_rate, it->tax_rate);
	item_change_int(&changes, "backorder", old.backorder, n.backorder);
	item_change_int(&changes, "active", old.active, n.active);
	if (changes == NULL) {
		rc = 0;
		goto out;
	}

	/* The barcode index entry moves to the new barcode. */
	if (strcmp(obc, nbc) != 0) {
		if (*nbc != '\0') {
			rc = db_get(tx, TB_ITEM_BY_BARCODE, nbc, strlen(nbc),
			    &v);
			if (rc == 0) {
				rc = cause_set(cause, ORDO_EEXIST, "barcode %s "
				    "is already used by SKU %.*s", nbc,
				    (int)v.mv_size, (const char *)v.mv_data);
				goto out;
			}
			if (rc != MDB_NOTFOUND)
				goto out;
			if ((rc = db_put(tx, TB_ITEM_BY_BARCODE, nbc,
			    strlen(nbc), it->sku, strlen(it->sku), 0)) != 0)
				goto out;
		}
		if (*obc != '\0' && (rc = db_del(tx, TB_ITEM_BY_BARCODE, obc,
		    strlen(obc))) != 0 && rc != MDB_NOTFOUND)
			goto out;
	}
	/* So does the name index entry, if the folded name changed. */
	of = str_fold(old.name);
	nf = str_fold(it->name);
	rc = 0;
	if (strcmp(of, nf) != 0) {
		buf_init(&k);
		item_name_key(&k, old.name, it->sku);
		rc = db_del(tx, TB_ITEM_BY_NAME, k.d, k.len);
		if (rc == 0 || rc == MDB_NOTFOUND) {
			item_name_key(&k, it->name, it->sku);
			rc = db_put(tx, TB_ITEM_BY_NAME, k.d, k.len, "", 0, 0);
		}
		buf_free(&k);
	}
	free(of);
	free(nf);
	if (rc != 0)
		goto out;
	if ((rc = item_write(tx, &n)) != 0)
		goto out;
	xasprintf(&of, "item %s", it->sku);
	rc = audit_log_digest(tx, item_digest(&n), "item.update", of, "%s",
	    changes);
	free(of);
out:
	free(changes);
	item_free(&old);
	return (rc);
}

int
item_get(struct db_txn *tx, const char *sku, struct item *it, char **cause)
{
	int	 rc;

	if ((rc = item_read(tx, sku, it)) == 0)
		return (0);
	if (rc == MDB_NOTFOUND)
		return (cause_set(cause, ORDO_ENOTFOUND, "unknown SKU %.*s",
		    ITEM_SKU_MAX, sku != NULL ? sku : ""));
	return (cause_set(cause, rc, "item %.*s: %s", ITEM_SKU_MAX, sku,
	    ordo_strerror(rc)));
}

/* Step over a string of a record, checked as dec_str checks it. */
static void
item_skip_str(struct rd *r)
{
	uint32_t n;

	n = dec_u32(r);
	if (r->err || (size_t)(r->end - r->p) < n ||
	    memchr(r->p, '\0', n) != NULL) {
		r->err = 1;
		return;
	}
	r->p += n;
}

/*
 * item_get for pricing an order line: the record is read and checked as
 * item_decode does (keep the two in step), but only price, tax rate and
 * name are taken, and the name is copied only if asked for.
 */
int
item_get_price(struct db_txn *tx, const char *sku, int64_t *price,
    int *tax_rate, char **name, char **cause)
{
	struct rd	 r;
	MDB_val		 v;
	char		*nm = NULL;
	size_t		 len;
	int64_t		 tax;
	int		 rc;

	*price = 0;
	*tax_rate = 0;
	if (name != NULL)
		*name = NULL;
	if (sku == NULL || (len = strlen(sku)) == 0 || len > ITEM_SKU_MAX)
		rc = MDB_NOTFOUND;
	else
		rc = db_get(tx, TB_ITEMS, sku, len, &v);
	if (rc == MDB_NOTFOUND)
		return (cause_set(cause, ORDO_ENOTFOUND, "unknown SKU %.*s",
		    ITEM_SKU_MAX, sku != NULL ? sku : ""));
	if (rc == 0) {
		rd_init(&r, v.mv_data, v.mv_size);
		if (dec_u8(&r) != 1)
			r.err = 1;
		item_skip_str(&r);		/* barcode */
		if (name != NULL)
			nm = dec_str(&r);
		else
			item_skip_str(&r);
		item_skip_str(&r);		/* unit */
		item_skip_str(&r);		/* bin */
		*price = dec_i64(&r);
		(void)dec_i64(&r);		/* cost */
		(void)dec_i64(&r);		/* reorder point */
		(void)dec_i64(&r);		/* reorder quantity */
		tax = dec_i64(&r);
		(void)dec_u8(&r);		/* backorder */
		(void)dec_u8(&r);		/* active */
		(void)dec_i64(&r);		/* created */
		(void)dec_u32(&r);		/* version */
		if (!rd_ok(&r) || tax < -1 || tax > 10000) {
			*price = 0;
			rc = ORDO_ECORRUPT;
		} else if (tax >= 0)
			*tax_rate = (int)tax;
		else
			*tax_rate = tx->co->cfg != NULL ? tx->co->cfg->tax_rate : 0;
	}
	if (rc != 0) {
		free(nm);
		return (cause_set(cause, rc, "item %.*s: %s", ITEM_SKU_MAX, sku,
		    ordo_strerror(rc)));
	}
	if (name != NULL)
		*name = nm;
	return (0);
}

int
item_get_barcode(struct db_txn *tx, const char *bc, struct item *it,
    char **cause)
{
	MDB_val	 v;
	char	*sku;
	size_t	 len;
	int	 rc;

	memset(it, 0, sizeof *it);
	if (bc == NULL || (len = strlen(bc)) == 0 || len > ITEM_BARCODE_MAX)
		rc = MDB_NOTFOUND;
	else
		rc = db_get(tx, TB_ITEM_BY_BARCODE, bc, len, &v);
	if (rc == MDB_NOTFOUND)
		return (cause_set(cause, ORDO_ENOTFOUND, "unknown barcode %.*s",
		    ITEM_BARCODE_MAX, bc != NULL ? bc : ""));
	if (rc != 0)
		return (cause_set(cause, rc, "barcode %s: %s", bc,
		    ordo_strerror(rc)));
	sku = xstrndup(v.mv_data, v.mv_size);
	rc = item_get(tx, sku, it, cause);
	if (rc == ORDO_ENOTFOUND)
		rc = cause_set(cause, ORDO_ECORRUPT, "barcode %s points to "
		    "unknown SKU %s", bc, sku);
	free(sku);
	return (rc);
}

int
item_set_cost(struct db_txn *tx, const char *sku, int64_t cost)
{
	struct item	 it;
	int		 rc;

	if (cost < 0)
		return (ORDO_EINVAL);
	if ((rc = item_read(tx, sku, &it)) != 0)
		return (rc == MDB_NOTFOUND ? ORDO_ENOTFOUND : rc);
	if (it.cost != cost) {
		it.cost = cost;
		rc = item_write(tx, &it);
	}
	item_free(&it);
	return (rc);
}

int
item_tax_rate(struct db_txn *tx, const struct item *it)
{
	if (it->tax_rate >= 0)
		return (it->tax_rate);
	return (tx->co->cfg != NULL ? tx->co->cfg->tax_rate : 0);
}

void
item_free(struct item *it)
{
	if (it == NULL)
		return;
	free(it->sku);
	free(it->barcode);
	free(it->name);
	free(it->unit);
	free(it->bin);
	it->sku = it->barcode = it->name = it->unit = it->bin = NULL;
}

/*
 * Returns 0 at the end or when fn stops the walk; ORDO_ECORRUPT for a
 * record that does not decode.
 */
struct item_walk {
	int	(*fn)(const struct item *, void *);
	void	*arg;
};

static int
item_walk(const MDB_val *k, const MDB_val *v, void *arg)
{
	struct item_walk	*w = arg;
	struct item		 item;
	int			 rc;

	if ((rc = item_decode(k->mv_data, k->mv_size, v, &item)) != 0)
		return (rc);
	rc = w->fn(&item, w->arg);
	item_free(&item);
	return (rc);
}

int
item_each(struct db_txn *tx, const char *after,
    int (*fn)(const struct item *, void *), void *arg)
{
	struct item_walk	 w = { fn, arg };

	return (db_each_after(tx, TB_ITEMS, after, item_walk, &w));
}

/* Visit one SKU found by a search unless it was visited already. */
static int
item_visit(struct db_txn *tx, struct strset *s, const char *sku,
    int (*fn)(const struct item *, void *), void *arg)
{
	struct item	 it;
	int		 rc;

	if (!strset_add(s, sku))
		return (0);
	if ((rc = item_read(tx, sku, &it)) != 0)
		return (rc == MDB_NOTFOUND ? ORDO_ECORRUPT : rc);
	rc = fn(&it, arg);
	item_free(&it);
	return (rc);
}

/* Visit the items whose key in table t starts with prefix. */
static int
item_scan(struct db_txn *tx, enum db_table t, const char *prefix,
    struct strset *s, int (*fn)(const struct item *, void *), void *arg)
{
	struct db_iter	 it;
	const char	*k, *nul;
	char		*sku;
	int		 rc;

	if (strlen(prefix) > DB_MAXKEY)
		return (0);
	if ((rc = db_iter_open(tx, t, prefix, strlen(prefix), &it)) != 0)
		return (rc);
	while ((rc = db_iter_next(&it)) == 0) {
		k = it.key.mv_data;
		switch (t) {
		case TB_ITEMS:
			sku = xstrndup(k, it.key.mv_size);
			break;
		case TB_ITEM_BY_BARCODE:
			sku = xstrndup(it.val.mv_data, it.val.mv_size);
			break;
		default:
			nul = memchr(k, '\0', it.key.mv_size);
			if (nul == NULL) {
				rc = ORDO_ECORRUPT;
				goto done;
			}
			nul++;
			sku = xstrndup(nul, it.key.mv_size - (nul - k));
			break;
		}
		rc = item_visit(tx, s, sku, fn, arg);
		free(sku);
		if (rc != 0)
			break;
	}
done:
	db_iter_close(&it);
	return (rc == MDB_NOTFOUND ? 0 : rc);
}

int
item_search(struct db_txn *tx, const char *q,
    int (*fn)(const struct item *, void *), void *arg)
{
	struct strset	 s;
	char		*up, *low, *p;
	int		 rc;

	if (q == NULL || *q == '\0')
		return (item_each(tx, NULL, fn, arg));
	memset(&s, 0, sizeof s);
	up = xstrdup(q);
	for (p = up; *p != '\0'; p++)
		*p = (char)toupper((unsigned char)*p);
	low = str_fold(q);

	rc = item_scan(tx, TB_ITEMS, q, &s, fn, arg);
	if (rc == 0 && strcmp(up, q) != 0)
		rc = item_scan(tx, TB_ITEMS, up, &s, fn, arg);
	if (rc == 0 && strcmp(low, q) != 0)
		rc = item_scan(tx, TB_ITEMS, low, &s, fn, arg);
	if (rc == 0)
		rc = item_scan(tx, TB_ITEM_BY_BARCODE, q, &s, fn, arg);
	if (rc == 0 && strcmp(up, q) != 0)
		rc = item_scan(tx, TB_ITEM_BY_BARCODE, up, &s, fn, arg);
	if (rc == 0)
		rc = item_scan(tx, TB_ITEM_BY_NAME, low, &s, fn, arg);

	free(up);
	free(low);
	strset_free(&s);
	return (db_walk_rc(rc));
}
