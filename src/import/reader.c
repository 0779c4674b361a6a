/*
 * reader.c: files -> header -> rows -> groups of rows -> orders or
 * rejects.  See imp.h.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ordo/clean.h"
#include "ordo/csvin.h"
#include "ordo/error.h"
#include "ordo/imp.h"
#include "ordo/profile.h"
#include "ordo/xmalloc.h"

#include "imp-int.h"

#define SEEN_SLOTS	65536

/* Joined model: what the item file says about one order. */
struct dentry {
	char		*key;
	struct imp_line	*lines;
	size_t		 nlines;
	struct imp_row	*rows;
	size_t		 nrows;
	char		*bad;
	int		 used;
};

struct seen {
	uint64_t	 h;
	size_t		 line;
};

struct imp_reader {
	const struct profile *p;
	int		 minor;
	struct imp_file	*files;
	size_t		 nfiles;
	size_t		 cur;		/* file being streamed */
	int		 list;		/* joined: the order file */
	int		 detail;	/* joined: the item file */

	struct imp_row	 look;
	int		 has_look;
	struct imp_row	*rows;
	size_t		 nrows;
	size_t		 rowcap;
	size_t		 dropped;	/* rows past IMP_MAX_ORDER_ROWS */
	size_t		 gbytes;	/* bytes of the rows of the group */
	size_t		 dbytes;	/* bytes of the item file's rows */

	struct dentry	*dent;
	size_t		 ndent;
	size_t		 dentcap;
	size_t		*htab;		/* dent index + 1, 0 empty */
	size_t		 hcap;
	size_t		 ndrows;
	size_t		 leftover;
	int		 done;

	struct imp_order order;
	int		 has_order;
	struct imp_reject *rej;
	size_t		 nrej;
	size_t		 rejcap;
	struct seen	*seen;
	struct imp_stats st;
	int		 fatal;
	char		*fatalmsg;
};

static int	 open_file(struct imp_reader *, struct imp_file *, const char *,
		    const void *, size_t, char **);
static void	 csv_opts(const struct profile *, struct csvin_opts *);
static int	 find_header(struct imp_reader *, struct imp_file *, char **);
static int	 row_empty(const struct csvin_rec *);
static int	 row_skip(const struct profile *, const struct csvin_rec *);
static int	 read_row(struct imp_reader *, struct imp_file *,
		    struct imp_row *, char **);
static void	 copy_row(struct imp_file *, const struct csvin_rec *,
		    struct imp_row *);
static char	*key_in(struct imp_reader *, struct imp_file *,
		    const struct imp_row *, char *);
static char	*group_key(struct imp_reader *, struct imp_file *,
		    const struct imp_row *);
static int	 next_group(struct imp_reader *, char **);
static void	 clear_out(struct imp_reader *);
static void	 reject_rows(struct imp_reader *, int, struct imp_row *,
		    size_t, size_t, const char *);
static void	 make_unit(struct imp_reader *);
static int	 load_detail(struct imp_reader *, char **);
static struct dentry *dent_get(struct imp_reader *, const char *, int);
static uint64_t	 hash(const char *);
static int	 seen_check(struct imp_reader *, const char *, size_t,
		    size_t *);
static int	 r_fail(struct imp_reader *, int, char **);
static size_t	 row_bytes(const struct imp_row *);
static struct imp_reader *reader_new(const struct profile *, int, size_t);
static int	 detect_one(const struct profile *, const char *, const void *,
		    size_t, int *, char **);
static int	 detect(struct profile *const *, size_t, const char *,
		    const void *, size_t, size_t *, size_t *, char **);

static uint64_t
hash(const char *s)
{
	uint64_t	 h = 14695981039346656037ULL;

	for (; *s != '\0'; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ULL;
	}
	return (h | 1);
}

static void
csv_opts(const struct profile *p, struct csvin_opts *o)
{
	memset(o, 0, sizeof *o);
	o->delim = p->delimiter;
	o->quote = p->quote == -1 ? CSVIN_NOQUOTE : p->quote;
	switch (p->encoding) {
	case PROFILE_GBK:
		o->enc = CSVIN_GBK;
		break;
	case PROFILE_GB18030:
		o->enc = CSVIN_GB18030;
		break;
	case PROFILE_AUTO:
		o->enc = CSVIN_AUTO;
		break;
	default:
		o->enc = CSVIN_UTF8;
		break;
	}
}

static int
row_empty(const struct csvin_rec *rec)
{
	size_t	 i, n;

	for (i = 0; i < rec->nfields; i++) {
		(void)clean_span(rec->fields[i], &n);
		if (n != 0)
			return (0);
	}
	return (1);
}

/*
 * Footers and notes: the first two non-empty cells joined by a space,
 * with or without a leading count ("45 record(s) downloaded"), start
 * with one of the profile's prefixes.
 */
static int
row_skip(const struct profile *p, const struct csvin_rec *rec)
{
	char		*c[2] = { NULL, NULL }, *s, *t;
	const char	*u;
	size_t		 i, k = 0, j;
	int		 skip = 0;

	if (p->nskip_prefixes == 0)
		return (0);
	for (i = 0; i < rec->nfields && k < 2; i++) {
		/* clean_header() of an empty clean_text() is empty. */
		(void)clean_span(rec->fields[i], &j);
		if (j == 0)
			continue;
		t = clean_header(rec->fields[i]);
		if (*t == '\0')
			free(t);
		else
			c[k++] = t;
	}
	if (k == 0)
		return (0);
	xasprintf(&s, "%s%s%s", c[0], k > 1 ? " " : "", k > 1 ? c[1] : "");
	for (u = s; (*u >= '0' && *u <= '9') || *u == ' ' || *u == ',';
	    u++)
		;
	for (j = 0; j < p->nskip_prefixes && !skip; j++) {
		if (strncmp(s, p->skip_prefixes[j],
		    strlen(p->skip_prefixes[j])) == 0 ||
		    strncmp(u, p->skip_prefixes[j],
		    strlen(p->skip_prefixes[j])) == 0)
			skip = 1;
	}
	free(s);
	free(c[0]);
	free(c[1]);
	return (skip);
}

static int
r_fail(struct imp_reader *r, int rc, char **cause)
{
	r->fatal = rc;
	free(r->fatalmsg);
	r->fatalmsg = xstrdup(cause != NULL && *cause != NULL ? *cause :
	    "read error");
	return (rc);
}

static int
find_header(struct imp_reader *r, struct imp_file *f, char **cause)
{
	const struct profile *p = r->p;
	const struct csvin_rec *rec;
	char		*first = NULL, *why = NULL;
	size_t		 tries = 0, i;
	int		 rc, detail, ok;

	for (;;) {
		if ((rc = csvin_next(f->in, &rec, cause)) < 0)
			goto out;
		if (rc == 0) {
			if (first != NULL)
				rc = cause_set(cause, ORDO_EINVAL, "%s: no"
				    " header row for profile %s%s: %s",
				    f->path, p->name, p->header_line == 0 ?
				    " in the first rows" : "", first);
			else
				rc = cause_set(cause, ORDO_EINVAL, "%s: no"
				    " rows at all", f->path);
			goto out;
		}
		if (row_empty(rec) || (p->header_line > 0 &&
		    rec->line < (size_t)p->header_line))
			continue;
		tries++;
		ok = 0;
		for (detail = 0; detail < (p->model == PROFILE_JOINED ? 2 : 1);
		    detail++) {
			free(why);
			why = NULL;
			if (profile_resolve(p, rec->fields, rec->nfields,
			    detail, f->col, &f->items, &f->nitems, &why) == 0) {
				ok = 1;
				break;
			}
			if (first == NULL)
				first = xstrdup(why);
		}
		if (ok) {
			f->detail = detail;
			break;
		}
		if (p->header_line > 0 || tries >= IMP_DETECT_ROWS) {
			rc = cause_set(cause, ORDO_EINVAL, "%s:%zu: %s",
			    f->path, rec->line, first);
			goto out;
		}
	}
	if (rec->err != NULL) {
		rc = cause_set(cause, ORDO_EINVAL, "%s:%zu: the header row,"
		    " column %zu: %s", f->path, rec->line, rec->errcol,
		    rec->err);
		goto out;
	}
	f->nhdr = rec->nfields;
	f->hdr = xcalloc(f->nhdr + 1, sizeof *f->hdr);
	for (i = 0; i < f->nhdr; i++)
		f->hdr[i] = xstrdup(rec->fields[i]);
	csvin_set_ncols(f->in, f->nhdr);
	f->skip_left = p->skip_after_header;
	rc = 0;
out:
	free(first);
	free(why);
	return (rc);
}

static int
open_file(struct imp_reader *r, struct imp_file *f, const char *path,
    const void *buf, size_t len, char **cause)
{
	struct csvin_opts o;
	int		 rc;

	f->path = xstrdup(path);
	csv_opts(r->p, &o);
	if (buf != NULL)
		rc = csvin_open_mem(&f->in, path, buf, len, &o, cause);
	else
		rc = csvin_open(&f->in, path, &o, cause);
	if (rc != 0)
		return (rc);
	return (find_header(r, f, cause));
}

static struct imp_reader *
reader_new(const struct profile *p, int minor, size_t n)
{
	struct imp_reader *r;

	r = xcalloc(1, sizeof *r);
	r->p = p;
	r->minor = minor;
	r->files = xcalloc(n, sizeof *r->files);
	r->nfiles = n;
	r->seen = xcalloc(SEEN_SLOTS, sizeof *r->seen);
	r->detail = -1;
	return (r);
}

int
imp_open(struct imp_reader **rp, const struct profile *p,
    const char *const *paths, size_t npaths, int minor, char **cause)
{
	struct imp_reader *r;
	size_t		 i;
	int		 rc;

	if (npaths == 0 || (p->model == PROFILE_JOINED && npaths != 2))
		return (cause_set(cause, ORDO_EINVAL, "profile %s needs %s",
		    p->name, p->model == PROFILE_JOINED ? "two files (the"
		    " order list and the item list)" : "a file"));
	if (minor < 0 || minor > 6)
		return (cause_set(cause, ORDO_EINVAL, "bad minor digits"));
	r = reader_new(p, minor, npaths);
	for (i = 0; i < npaths; i++) {
		if ((rc = open_file(r, &r->files[i], paths[i], NULL, 0,
		    cause)) != 0) {
			imp_close(r);
			return (rc);
		}
	}
	if (p->model == PROFILE_JOINED) {
		if (r->files[0].detail == r->files[1].detail) {
			rc = cause_set(cause, ORDO_EINVAL, "%s and %s are both"
			    " %s files: profile %s needs one order list and"
			    " one item list", paths[0], paths[1],
			    r->files[0].detail ? "item" : "order", p->name);
			imp_close(r);
			return (rc);
		}
		r->detail = r->files[0].detail ? 0 : 1;
		r->list = 1 - r->detail;
		r->cur = r->list;
		if ((rc = load_detail(r, cause)) != 0) {
			imp_close(r);
			return (rc);
		}
	}
	*rp = r;
	return (0);
}

int
imp_open_mem(struct imp_reader **rp, const struct profile *p,
    const char *name, const void *buf, size_t len, int minor, char **cause)
{
	struct imp_reader *r;
	int		 rc;

	if (p->model == PROFILE_JOINED)
		return (cause_set(cause, ORDO_EINVAL, "profile %s needs two"
		    " files", p->name));
	r = reader_new(p, minor, 1);
	if ((rc = open_file(r, &r->files[0], name, buf, len, cause)) != 0) {
		imp_close(r);
		return (rc);
	}
	*rp = r;
	return (0);
}

/*
 * The row's pointers and, after them, its fields one after the other in
 * one allocation (row_bytes relies on that): row->f is all to free.
 */
static void
copy_row(struct imp_file *f, const struct csvin_rec *rec, struct imp_row *row)
{
	size_t	 i, n = rec->nfields, len = 0;
	char	*p;

	row->line = rec->line;
	row->last = rec->last;
	row->n = n;
	/* The record's fields are one after the other too (csvin.h). */
	if (n > 0)
		len = rec->fields[n - 1] + rec->lens[n - 1] + 1 -
		    rec->fields[0];
	row->f = xmalloc((n + 1) * sizeof *row->f + len);
	p = (char *)(row->f + n + 1);
	if (n > 0)
		memcpy(p, rec->fields[0], len);
	for (i = 0; i < n; i++)
		row->f[i] = p + (rec->fields[i] - rec->fields[0]);
	row->f[n] = NULL;
	row->err = NULL;
	if (rec->err != NULL && rec->errcol > 0 && rec->errcol <= f->nhdr)
		xasprintf(&row->err, "column \"%s\": %s",
		    f->hdr[rec->errcol - 1], rec->err);
	else if (rec->err != NULL && rec->errcol > 0)
		xasprintf(&row->err, "column %zu: %s", rec->errcol, rec->err);
	else if (rec->err != NULL)
		row->err = xstrdup(rec->err);
}

/* The next data row: 1, 0 at the end, or an error. */
static int
read_row(struct imp_reader *r, struct imp_file *f, struct imp_row *row,
    char **cause)
{
	const struct csvin_rec *rec;
	int		 rc;

	for (;;) {
		if ((rc = csvin_next(f->in, &rec, cause)) <= 0)
			return (rc);
		if (f->skip_left > 0) {
			f->skip_left--;
			r->st.skipped++;
			continue;
		}
		if (row_empty(rec) || row_skip(r->p, rec)) {
			r->st.skipped++;
			continue;
		}
		copy_row(f, rec, row);
		r->st.rows++;
		return (1);
	}
}

/*
 * What a row holds: itself, its pointers and its fields with their
 * NULs, which copy_row put one after the other.
 */
static size_t
row_bytes(const struct imp_row *row)
{
	size_t	 n = sizeof *row + row->n * sizeof *row->f;

	if (row->n > 0)
		n += row->f[row->n - 1] + strlen(row->f[row->n - 1]) + 1 -
		    row->f[0];
	return (n);
}

/*
 * The order a row belongs to: its id cleaned (clean_id, or clean_text
 * where clean_id refuses it), in small (CLEAN_SMALL bytes) if it fits,
 * else allocated.
 */
static char *
key_in(struct imp_reader *r, struct imp_file *f, const struct imp_row *row,
    char *small)
{
	const char	*v, *s;
	char		*k;
	size_t		 n;
	enum profile_field g = r->p->group_by;

	if (f->col[g] < 0)
		g = g == PF_ORDER_ID ? PF_ORDER_NUMBER : PF_ORDER_ID;
	v = asm_val(f, row, g);
	if (clean_id_in(v, small, &k, NULL) == 0)
		return (k);
	s = clean_span(v, &n);
	k = n < CLEAN_SMALL ? small : xmalloc(n + 1);
	memcpy(k, s, n);
	k[n] = '\0';
	return (k);
}

static char *
group_key(struct imp_reader *r, struct imp_file *f, const struct imp_row *row)
{
	char	*k, small[CLEAN_SMALL];

	k = key_in(r, f, row, small);
	return (k == small ? xstrdup(k) : k);
}

/* Rows of the next order into r->rows: 1, 0 at the end, or an error. */
static int
next_group(struct imp_reader *r, char **cause)
{
	struct imp_file	*f;
	struct imp_row	 row;
	char		*key, *k, small[CLEAN_SMALL];
	int		 rc, many, same;

	many = r->p->model == PROFILE_FIRST_HAS_ORDER ||
	    r->p->model == PROFILE_REPEATED_TOTALS;
	r->dropped = 0;
	for (;;) {
		f = &r->files[r->cur];
		if (r->has_look)
			break;
		if ((rc = read_row(r, f, &r->look, cause)) < 0)
			return (rc);
		if (rc == 1) {
			r->has_look = 1;
			break;
		}
		if (r->p->model == PROFILE_JOINED || r->cur + 1 >= r->nfiles)
			return (0);
		r->cur++;
	}
	if (r->rowcap == 0) {
		r->rowcap = 16;
		r->rows = xcalloc(r->rowcap, sizeof *r->rows);
	}
	r->rows[0] = r->look;
	r->nrows = 1;
	r->has_look = 0;
	r->gbytes = row_bytes(&r->rows[0]);
	if (!many)
		return (1);
	key = group_key(r, f, &r->rows[0]);
	for (;;) {
		memset(&row, 0, sizeof row);
		if ((rc = read_row(r, f, &row, cause)) < 0) {
			free(key);
			return (rc);
		}
		if (rc == 0)
			break;
		k = key_in(r, f, &row, small);
		same = *key != '\0' && strcmp(k, key) == 0;
		if (k != small)
			free(k);
		if (!same) {
			r->look = row;
			r->has_look = 1;
			break;
		}
		if (r->nrows >= IMP_MAX_ORDER_ROWS ||
		    r->gbytes + row_bytes(&row) > IMP_MAX_ORDER_BYTES) {
			asm_row_clear(&row);
			r->dropped++;
			continue;
		}
		r->gbytes += row_bytes(&row);
		if (r->nrows == r->rowcap) {
			r->rows = xreallocarray(r->rows, r->rowcap * 2,
			    sizeof *r->rows);
			r->rowcap *= 2;
		}
		r->rows[r->nrows++] = row;
	}
	free(key);
	return (1);
}

static void
clear_out(struct imp_reader *r)
{
	size_t	 i;

	if (r->has_order)
		asm_order_clear(&r->order);
	r->has_order = 0;
	for (i = 0; i < r->nrej; i++) {
		free(r->rej[i].fields);	/* a row's block: see copy_row */
		free(r->rej[i].reason);
	}
	r->nrej = 0;
	for (i = 0; i < r->nrows; i++)
		asm_row_clear(&r->rows[i]);
	r->nrows = 0;
}

/*
 * Reject rows (moving their fields into the rejects); row bad gets why,
 * the others say they go with it.
 */
static void
reject_rows(struct imp_reader *r, int file, struct imp_row *rows, size_t n,
    size_t bad, const char *why)
{
	struct imp_reject *j;
	size_t		 i;

	for (i = 0; i < n; i++) {
		if (r->nrej == r->rejcap) {
			r->rejcap = r->rejcap == 0 ? 16 : r->rejcap * 2;
			r->rej = xreallocarray(r->rej, r->rejcap,
			    sizeof *r->rej);
		}
		j = &r->rej[r->nrej++];
		j->file = file;
		j->line = rows[i].line;
		j->fields = rows[i].f;
		j->nfields = rows[i].n;
		rows[i].f = NULL;
		rows[i].n = 0;
		if (i == bad || n == 1)
			j->reason = xstrdup(why);
		else
			xasprintf(&j->reason, "not imported with the rest of"
			    " its order: %s", why);
		r->st.rejected_rows++;
	}
}

/* Seen this order id already?  1 and *line if so; else remember it. */
static int
seen_check(struct imp_reader *r, const char *key, size_t line,
    size_t *where)
{
	uint64_t	 h;
	struct seen	*s;

	if (*key == '\0')
		return (0);
	h = hash(key);
	s = &r->seen[h % SEEN_SLOTS];
	if (s->h == h) {
		*where = s->line;
		return (1);
	}
	s->h = h;
	s->line = line;
	return (0);
}

/* Turn the group in r->rows into an order or rejects. */
static void
make_unit(struct imp_reader *r)
{
	struct imp_file	*f = &r->files[r->cur];
	struct dentry	*e = NULL;
	char		*key, *why = NULL;
	size_t		 bad = 0, where;
	int		 rc;

	key = group_key(r, f, &r->rows[0]);
	if (r->dropped > 0) {
		xasprintf(&why, "order %s has more than %d rows or %d bytes",
		    key, IMP_MAX_ORDER_ROWS, IMP_MAX_ORDER_BYTES);
		goto reject;
	}
	if (seen_check(r, key, r->rows[0].line, &where)) {
		xasprintf(&why, "line %zu: order %s already appeared on line"
		    " %zu (the rows of one order must be together, and an"
		    " order only once)", r->rows[0].line, key, where);
		goto reject;
	}
	if (r->p->model == PROFILE_JOINED) {
		e = dent_get(r, key, 0);
		if (e == NULL) {
			xasprintf(&why, "line %zu: no items for order %s in %s",
			    r->rows[0].line, key, r->files[r->detail].path);
			goto reject;
		}
		e->used = 1;
		if (e->bad != NULL) {
			xasprintf(&why, "%s: %s", r->files[r->detail].path,
			    e->bad);
			goto reject;
		}
	}
	rc = asm_order(r->p, r->minor, f, (int)r->cur, r->rows, r->nrows,
	    e != NULL ? e->lines : NULL, e != NULL ? e->nlines : 0,
	    &r->order, &bad, &why);
	if (rc == 0) {
		r->has_order = 1;
		r->st.orders++;
		free(key);
		return;
	}
reject:
	r->st.rejected_orders++;
	reject_rows(r, (int)r->cur, r->rows, r->nrows, bad, why);
	if (e != NULL)
		reject_rows(r, r->detail, e->rows, e->nrows, SIZE_MAX, why);
	free(why);
	free(key);
}

int
imp_next(struct imp_reader *r, const struct imp_order **op,
    const struct imp_reject **rp, size_t *np, char **cause)
{
	struct dentry	*e;
	char		*why;
	int		 rc;

	clear_out(r);
	*op = NULL;
	*rp = NULL;
	*np = 0;
	if (r->fatal)
		return (cause_set(cause, r->fatal, "%s", r->fatalmsg));
	if (!r->done) {
		if ((rc = next_group(r, cause)) < 0)
			return (r_fail(r, rc, cause));
		if (rc == 1) {
			make_unit(r);
			if (r->has_order)
				*op = &r->order;
			*rp = r->rej;
			*np = r->nrej;
			return (1);
		}
		r->done = 1;
	}
	while (r->leftover < r->ndent) {
		e = &r->dent[r->leftover++];
		if (e->used)
			continue;
		xasprintf(&why, "%s: no order %s in %s", e->bad != NULL ?
		    e->bad : "items", e->key, r->files[r->list].path);
		r->st.rejected_orders++;
		reject_rows(r, r->detail, e->rows, e->nrows, SIZE_MAX, why);
		free(why);
		*rp = r->rej;
		*np = r->nrej;
		return (1);
	}
	return (0);
}

static struct dentry *
dent_get(struct imp_reader *r, const char *key, int add)
{
	size_t	 i, j, cap;

	if (r->hcap != 0) {
		for (i = hash(key) % r->hcap; r->htab[i] != 0;
		    i = (i + 1) % r->hcap)
			if (strcmp(r->dent[r->htab[i] - 1].key, key) == 0)
				return (&r->dent[r->htab[i] - 1]);
	}
	if (!add)
		return (NULL);
	if ((r->ndent + 1) * 2 > r->hcap) {
		cap = r->hcap == 0 ? 1024 : r->hcap * 2;
		free(r->htab);
		r->htab = xcalloc(cap, sizeof *r->htab);
		r->hcap = cap;
		for (j = 0; j < r->ndent; j++) {
			for (i = hash(r->dent[j].key) % cap; r->htab[i] != 0;
			    i = (i + 1) % cap)
				;
			r->htab[i] = j + 1;
		}
	}
	if (r->ndent == r->dentcap) {
		r->dentcap = r->dentcap == 0 ? 256 : r->dentcap * 2;
		r->dent = xreallocarray(r->dent, r->dentcap, sizeof *r->dent);
	}
	memset(&r->dent[r->ndent], 0, sizeof r->dent[r->ndent]);
	r->dent[r->ndent].key = xstrdup(key);
	for (i = hash(key) % r->hcap; r->htab[i] != 0; i = (i + 1) % r->hcap)
		;
	r->htab[i] = ++r->ndent;
	return (&r->dent[r->ndent - 1]);
}

/*
 * The item file of a joined pair, whole, into the map: the one place the
 * importer holds a file in memory (at most IMP_MAX_DETAIL rows).
 */
static int
load_detail(struct imp_reader *r, char **cause)
{
	struct imp_file	*f = &r->files[r->detail];
	const char	*vals[PF_NFIELDS], *names[PF_NFIELDS];
	struct imp_row	 row;
	struct imp_line	 line;
	struct asm_extra x;
	struct dentry	*e;
	char		*key, *why;
	size_t		 j;
	int		 rc;

	for (;;) {
		memset(&row, 0, sizeof row);
		if ((rc = read_row(r, f, &row, cause)) <= 0)
			return (rc);
		r->dbytes += row_bytes(&row);
		if (++r->ndrows > IMP_MAX_DETAIL ||
		    r->dbytes > IMP_MAX_DETAIL_BYTES) {
			asm_row_clear(&row);
			return (cause_set(cause, ORDO_EINVAL, "%s: more than %d"
			    " item rows or %d bytes: export fewer days at a"
			    " time", f->path, IMP_MAX_DETAIL,
			    IMP_MAX_DETAIL_BYTES));
		}
		key = group_key(r, f, &row);
		e = dent_get(r, key, 1);
		free(key);
		e->rows = xreallocarray(e->rows, e->nrows + 1,
		    sizeof *e->rows);
		e->rows[e->nrows++] = row;
		if (e->bad != NULL)
			continue;
		if (row.err != NULL) {
			xasprintf(&e->bad, "line %zu: %s", row.line, row.err);
			continue;
		}
		for (j = 0; j < PF_NFIELDS; j++) {
			vals[j] = asm_val(f, &row, j);
			names[j] = f->col[j] >= 0 ? f->hdr[f->col[j]] : NULL;
		}
		why = NULL;
		if (asm_line(r->p, r->minor, vals, names, row.line, 0, &line,
		    &x, &why) != 0) {
			xasprintf(&e->bad, "line %zu, %s", row.line, why);
			free(why);
			continue;
		}
		e->lines = xreallocarray(e->lines, e->nlines + 1,
		    sizeof *e->lines);
		e->lines[e->nlines++] = line;
	}
}

void
imp_header(const struct imp_reader *r, int i, char *const **hdr, size_t *n)
{
	*hdr = r->files[i].hdr;
	*n = r->files[i].nhdr;
}

int
imp_same_file(const struct imp_reader *r, int i, const struct stat *st)
{
	if (i < 0 || (size_t)i >= r->nfiles)
		return (0);
	return (csvin_same_file(r->files[i].in, st));
}

const char *
imp_path(const struct imp_reader *r, int i)
{
	return (r->files[i].path);
}

size_t
imp_nfiles(const struct imp_reader *r)
{
	return (r->nfiles);
}

const char *
imp_encoding(const struct imp_reader *r, int i)
{
	return (csvin_encoding(r->files[i].in));
}

const struct imp_stats *
imp_stats(const struct imp_reader *r)
{
	return (&r->st);
}

void
imp_progress(const struct imp_reader *r, uint64_t *done, uint64_t *total)
{
	uint64_t	 d, t;
	size_t		 i;

	*done = *total = 0;
	for (i = 0; i < r->nfiles; i++) {
		csvin_progress(r->files[i].in, &d, &t);
		*done += d;
		*total += t;
	}
}

void
imp_close(struct imp_reader *r)
{
	size_t	 i, j;

	if (r == NULL)
		return;
	clear_out(r);
	if (r->has_look)
		asm_row_clear(&r->look);
	free(r->rows);
	free(r->rej);
	for (i = 0; i < r->ndent; i++) {
		for (j = 0; j < r->dent[i].nlines; j++)
			asm_line_clear(&r->dent[i].lines[j]);
		free(r->dent[i].lines);
		for (j = 0; j < r->dent[i].nrows; j++)
			asm_row_clear(&r->dent[i].rows[j]);
		free(r->dent[i].rows);
		free(r->dent[i].bad);
		free(r->dent[i].key);
	}
	free(r->dent);
	free(r->htab);
	for (i = 0; i < r->nfiles; i++) {
		csvin_close(r->files[i].in);
		if (r->files[i].hdr != NULL)
			for (j = 0; j < r->files[i].nhdr; j++)
				free(r->files[i].hdr[j]);
		free(r->files[i].hdr);
		free(r->files[i].items);
		free(r->files[i].path);
	}
	free(r->files);
	free(r->seen);
	free(r->fatalmsg);
	free(r);
}

/* Does one profile fit the first rows of this input? 0 or an error. */
static int
detect_one(const struct profile *p, const char *path, const void *buf,
    size_t len, int *fit, char **cause)
{
	struct csvin_opts o;
	struct csvin	*in;
	const struct csvin_rec *rec;
	struct profile	*const *one;
	size_t		 tries = 0, idx;
	int		 rc;

	*fit = 0;
	csv_opts(p, &o);
	if (buf != NULL)
		rc = csvin_open_mem(&in, "input", buf, len, &o, cause);
	else
		rc = csvin_open(&in, path, &o, cause);
	if (rc != 0)
		return (rc);
	one = (struct profile *const *)&p;
	while (!*fit && tries < IMP_DETECT_ROWS &&
	    csvin_next(in, &rec, NULL) == 1) {
		if (row_empty(rec))
			continue;
		tries++;
		if (p->header_line > 0 && rec->line < (size_t)p->header_line)
			continue;
		*fit = profile_detect(one, 1, rec->fields, rec->nfields,
		    &idx) == 1;
		if (p->header_line > 0)
			break;
	}
	csvin_close(in);
	return (0);
}

static int
detect(struct profile *const *v, size_t n, const char *path,
    const void *buf, size_t len, size_t *out, size_t *nout, char **cause)
{
	size_t	 i;
	int	 rc, fit;

	*nout = 0;
	for (i = 0; i < n; i++) {
		if (!v[i]->detect)
			continue;
		if ((rc = detect_one(v[i], path, buf, len, &fit, cause)) != 0)
			return (rc);
		if (fit)
			out[(*nout)++] = i;
	}
	return (0);
}

int
imp_detect(struct profile *const *v, size_t n, const char *path,
    size_t *out, size_t *nout, char **cause)
{
	return (detect(v, n, path, NULL, 0, out, nout, cause));
}

int
imp_detect_mem(struct profile *const *v, size_t n, const void *buf,
    size_t len, size_t *out, size_t *nout)
{
	return (detect(v, n, NULL, buf, len, out, nout, NULL));
}
