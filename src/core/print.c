/*
 * print.c: printed documents as plain text, and as ESC/POS bytes for a
 * thermal receipt printer.  See print.h.
 *
 * Layout is by display width, computed here from the code points (not
 * from the locale, which on a fresh Debian may be C.UTF-8 or plain C):
 * the East Asian wide and full-width ranges take two columns, combining
 * marks none, everything else one.  That is also what a Chinese ESC/POS
 * printer does: a character of two GB18030 bytes prints double width.
 */
#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ordo/codec.h"
#include "ordo/company.h"
#include "ordo/config.h"
#include "ordo/core.h"
#include "ordo/customer.h"
#include "ordo/date.h"
#include "ordo/error.h"
#include "ordo/item.h"
#include "ordo/money.h"
#include "ordo/notice.h"
#include "ordo/order.h"
#include "ordo/print.h"
#include "ordo/report.h"
#include "ordo/xmalloc.h"

static const char *print_names[PRINT_NDOCS] = {
#define X(id, name) name,
	PRINT_DOCS
#undef X
};

/* One name and its value for the placeholders. */
struct pkv {
	const char	*k;
	char		*v;
};

struct lay {
	int		 w;
	struct buf	*out;
	struct pkv	 kv[40];
	size_t		 nkv;
	/* The rows of the blocks, set by the caller. */
	struct db_txn	*tx;
	const struct order *o;
	char		*stmt_rows;	/* statement: ready laid-out lines */
};

const char *
print_doc_name(enum print_doc d)
{
	return ((unsigned)d < PRINT_NDOCS ? print_names[d] : "?");
}

int
print_doc_lookup(const char *s)
{
	int	 i;

	for (i = 0; i < PRINT_NDOCS; i++)
		if (strcmp(s, print_names[i]) == 0)
			return (i);
	return (-1);
}

/* Decode one UTF-8 character at s (length in *n); bad bytes are U+FFFD. */
static unsigned
utf8_dec(const unsigned char *s, size_t *n)
{
	unsigned	 c = s[0], need, i;

	if (c < 0x80) {
		*n = 1;
		return (c);
	}
	need = c >= 0xf0 ? 3 : c >= 0xe0 ? 2 : c >= 0xc0 ? 1 : 0;
	if (need == 0) {
		*n = 1;
		return (0xfffd);
	}
	c &= 0x3f >> need;
	for (i = 1; i <= need; i++) {
		if ((s[i] & 0xc0) != 0x80) {
			*n = i;
			return (0xfffd);
		}
		c = c << 6 | (s[i] & 0x3f);
	}
	*n = need + 1;
	return (c);
}

static int
cp_width(unsigned c)
{
	if (c == 0)
		return (0);
	if ((c >= 0x300 && c <= 0x36f) || c == 0x200b ||
	    (c >= 0xfe00 && c <= 0xfe0f))
		return (0);
	if ((c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0x303e) ||
	    (c >= 0x3041 && c <= 0x33ff) || (c >= 0x3400 && c <= 0x4dbf) ||
	    (c >= 0x4e00 && c <= 0x9fff) || (c >= 0xa000 && c <= 0xa4cf) ||
	    (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) ||
	    (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) ||
	    (c >= 0xffe0 && c <= 0xffe6) || (c >= 0x20000 && c <= 0x3fffd))
		return (2);
	return (1);
}

int
print_width(const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 n;
	int			 w = 0;

	while (*p != '\0') {
		w += cp_width(utf8_dec(p, &n));
		p += n;
	}
	return (w);
}

/* Bytes of s that fit in w columns (whole characters). */
static size_t
fit(const char *s, int w, int *used)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 n;
	int			 cw, u = 0;

	while (*p != '\0') {
		cw = cp_width(utf8_dec(p, &n));
		if (u + cw > w)
			break;
		u += cw;
		p += n;
	}
	if (used != NULL)
		*used = u;
	return ((size_t)(p - (const unsigned char *)s));
}

static void
spaces(struct buf *b, int n)
{
	while (n-- > 0)
		buf_add(b, " ", 1);
}

/* s wrapped at the width, one or more lines. */
static void
lay_wrap(struct lay *l, const char *s)
{
	size_t	 n;

	const char	*sp;

	do {
		n = fit(s, l->w, NULL);
		if (n == 0 && *s != '\0')
			n = 1;	/* a character wider than the paper */
		/* Break after a space, if there is one in the line. */
		if (s[n] != '\0' && s[n] != ' ') {
			for (sp = s + n; sp > s && sp[-1] != ' '; sp--)
				continue;
			if (sp > s)
				n = (size_t)(sp - s);
		}
		buf_add(l->out, s, s[n - 1] == ' ' && n > 1 ? n - 1 : n);
		buf_add(l->out, "\n", 1);
		s += n;
		if (*s == ' ' && s[1] != '\0')
			s++;
	} while (*s != '\0');
}

static void
lay_center(struct lay *l, const char *s)
{
	int	 w = print_width(s);

	struct buf	 b;
	struct lay	 sub;
	char		*p, *nl;

	if (w > l->w) {
		/* Wrap, then centre each line. */
		buf_init(&b);
		sub = *l;
		sub.out = &b;
		lay_wrap(&sub, s);
		buf_add(&b, "", 1);
		for (p = (char *)b.d; (nl = strchr(p, '\n')) != NULL;
		    p = nl + 1) {
			*nl = '\0';
			lay_center(l, p);
		}
		buf_free(&b);
		return;
	}
	spaces(l->out, (l->w - w) / 2);
	buf_add(l->out, s, strlen(s));
	buf_add(l->out, "\n", 1);
}

/* left at the margin, right flush right; left is cut to make room. */
static void
lay_lr(struct lay *l, const char *left, const char *right)
{
	int	 wr = print_width(right), used;
	size_t	 n;

	if (wr >= l->w) {
		lay_wrap(l, left);
		lay_wrap(l, right);
		return;
	}
	if (print_width(left) + 1 + wr > l->w) {
		/* The left part on its own line(s), the right below it. */
		lay_wrap(l, left);
		spaces(l->out, l->w - wr);
	} else {
		n = fit(left, l->w - wr - 1, &used);
		buf_add(l->out, left, n);
		spaces(l->out, l->w - used - wr);
	}
	buf_add(l->out, right, strlen(right));
	buf_add(l->out, "\n", 1);
}

static void
lay_rule(struct lay *l, char c)
{
	int	 i;

	for (i = 0; i < l->w; i++)
		buf_add(l->out, &c, 1);
	buf_add(l->out, "\n", 1);
}

static void
kv_set(struct lay *l, const char *k, const char *v)
{
	if (l->nkv == sizeof l->kv / sizeof l->kv[0])
		return;
	l->kv[l->nkv].k = k;
	l->kv[l->nkv].v = xstrdup(v != NULL ? v : "");
	l->nkv++;
}

static void
kv_money(struct lay *l, const char *k, int64_t v)
{
	char	 m[MONEY_BUFSZ];

	kv_set(l, k, core_money(l->tx, m, sizeof m, v));
}

static void
kv_free(struct lay *l)
{
	size_t	 i;

	for (i = 0; i < l->nkv; i++)
		free(l->kv[i].v);
	l->nkv = 0;
}

/* A template line with its placeholders filled (allocated). */
static char *
fill(const struct lay *l, const char *s, size_t len)
{
	struct buf	 b;
	const char	*p, *q, *end = s + len;
	size_t		 i;
	char		*r;

	buf_init(&b);
	for (p = s; p < end; p++) {
		if (*p == '{' && (q = memchr(p, '}', (size_t)(end - p))) !=
		    NULL) {
			for (i = 0; i < l->nkv; i++)
				if (strlen(l->kv[i].k) == (size_t)(q - p - 1) &&
				    strncmp(l->kv[i].k, p + 1,
				    (size_t)(q - p - 1)) == 0)
					break;
			if (i < l->nkv) {
				buf_add(&b, l->kv[i].v, strlen(l->kv[i].v));
				p = q;
				continue;
			}
		}
		buf_add(&b, p, 1);
	}
	buf_add(&b, "", 1);
	r = xstrdup((char *)b.d);
	buf_free(&b);
	return (r);
}

static void
local_time(int64_t t, char *date, size_t dlen, char *hm, size_t hlen)
{
	struct tm	 tm;
	time_t		 tt = (time_t)t;

	localtime_r(&tt, &tm);
	strftime(date, dlen, "%Y-%m-%d", &tm);
	strftime(hm, hlen, "%H:%M", &tm);
}

/* The order's lines, as the block asks. */
static void
block_items(struct lay *l, const char *what)
{
	const struct order_line	*ol;
	char			 m[MONEY_BUFSZ], m2[MONEY_BUFSZ], *s;
	size_t			 i;

	for (i = 0; i < l->o->nlines; i++) {
		ol = &l->o->lines[i];
		if (strcmp(what, "items_qty") == 0) {
			xasprintf(&s, "%s %s", ol->sku, ol->name);
			snprintf(m, sizeof m, "x %lld",
			    (long long)(ol->qty - ol->cancelled));
			lay_lr(l, s, m);
			free(s);
			continue;
		}
		lay_wrap(l, ol->name);
		xasprintf(&s, "  %lld x %s", (long long)ol->qty,
		    core_money(l->tx, m, sizeof m, ol->unit_price));
		if (strcmp(what, "items_tax") == 0) {
			char	*t;

			xasprintf(&t, "%s, tax %d.%02d%% %s", s,
			    ol->tax_rate / 100, ol->tax_rate % 100,
			    core_money(l->tx, m2, sizeof m2, ol->tax));
			free(s);
			s = t;
		}
		lay_lr(l, s, core_money(l->tx, m2, sizeof m2, ol->net));
		free(s);
	}
}

struct pick {
	char		*bin;
	const struct order_line *ol;
	int64_t		 qty;
};

static int
pick_cmp(const void *a, const void *b)
{
	const struct pick	*x = a, *y = b;
	int			 c;

	if ((c = strcmp(x->bin, y->bin)) != 0)
		return (c);
	return (x->ol->no - y->ol->no);
}

/* Lines still to pick, by bin: "BIN SKU<>x QTY" then the name. */
static void
block_picks(struct lay *l)
{
	struct pick	*p;
	struct item	 it;
	char		*s, q[32];
	size_t		 i, n = 0;

	p = xcalloc(l->o->nlines + 1, sizeof *p);
	for (i = 0; i < l->o->nlines; i++) {
		const struct order_line *ol = &l->o->lines[i];
		int64_t want = ol->reserved - ol->picked;

		if (want <= 0)
			continue;
		memset(&it, 0, sizeof it);
		p[n].bin = xstrdup("");
		if (item_get(l->tx, ol->sku, &it, NULL) == 0) {
			free(p[n].bin);
			p[n].bin = xstrdup(it.bin != NULL ? it.bin : "");
			item_free(&it);
		}
		p[n].ol = ol;
		p[n].qty = want;
		n++;
	}
	qsort(p, n, sizeof *p, pick_cmp);
	for (i = 0; i < n; i++) {
		xasprintf(&s, "%s%s%s", p[i].bin, *p[i].bin != '\0' ? " " :
		    "", p[i].ol->sku);
		snprintf(q, sizeof q, "x %lld", (long long)p[i].qty);
		lay_lr(l, s, q);
		free(s);
		buf_add(l->out, "  ", 2);
		{
			size_t	 k = fit(p[i].ol->name, l->w - 2, NULL);

			buf_add(l->out, p[i].ol->name, k);
			buf_add(l->out, "\n", 1);
		}
		free(p[i].bin);
	}
	free(p);
}

/* Run a template. */
static int
lay_run(struct lay *l, const char *tmpl, char **cause)
{
	const char	*p, *nl;
	char		*s;
	size_t		 len;

	for (p = tmpl; *p != '\0'; p = nl + (*nl != '\0')) {
		if ((nl = strchr(p, '\n')) == NULL)
			nl = p + strlen(p);
		len = (size_t)(nl - p);
		if (len > 0 && p[len - 1] == '\r')
			len--;
		if (len > 0 && *p == '#')
			continue;
		if (len >= 4 && (strncmp(p, "----", 4) == 0 ||
		    strncmp(p, "====", 4) == 0)) {
			lay_rule(l, *p);
			continue;
		}
		if (len > 0 && *p == '@') {
			s = xstrndup(p + 1, len - 1);
			if (strcmp(s, "cut") == 0)
				buf_add(l->out, "\f\n", 2);
			else if (strcmp(s, "rows") == 0 && l->stmt_rows != NULL)
				buf_add(l->out, l->stmt_rows,
				    strlen(l->stmt_rows));
			else if (strcmp(s, "picks") == 0 && l->o != NULL)
				block_picks(l);
			else if (l->o != NULL && (strcmp(s, "items") == 0 ||
			    strcmp(s, "items_qty") == 0 ||
			    strcmp(s, "items_tax") == 0))
				block_items(l, s);
			else {
				int rc = cause_set(cause, ORDO_ECONFIG,
				    "template: @%s is not a block here (items, "
				    "items_qty, items_tax, picks, rows, cut)",
				    s);
				free(s);
				return (rc);
			}
			free(s);
			continue;
		}
		s = fill(l, p, len);
		if (*s == '^')
			lay_center(l, s + 1);
		else if (strstr(s, "<>") != NULL) {
			char *r = strstr(s, "<>");

			*r = '\0';
			lay_lr(l, s, r + 2);
		} else if (*s == '\0')
			buf_add(l->out, "\n", 1);
		else
			lay_wrap(l, s);
		free(s);
	}
	buf_add(l->out, "", 1);
	l->out->len--;
	return (0);
}

static void
lay_common(struct lay *l, struct db_txn *tx, int w, struct buf *out)
{
	char	 d[16], hm[8], *s;

	memset(l, 0, sizeof *l);
	l->tx = tx;
	l->w = w;
	l->out = out;
	buf_reset(out);
	kv_set(l, "company", tx->co->cfg != NULL ? tx->co->cfg->company : "");
	local_time(tx->now, d, sizeof d, hm, sizeof hm);
	xasprintf(&s, "%s %s", d, hm);
	kv_set(l, "printed", s);
	free(s);
	kv_set(l, "user", tx->co->user);
}

int
print_order(struct db_txn *tx, enum print_doc doc, uint64_t id,
    const struct notice_config *nc, const char *tmpl, int w, struct buf *out,
    char **cause)
{
	struct lay	 l;
	struct order	 o;
	struct customer	 c;
	struct buf	 u;
	const struct notice_carrier *cr;
	char		 d[16], hm[8], n[32];
	int		 rc;

	if (w < 24 || w > 200)
		return (cause_set(cause, ORDO_EINVAL, "width %d: from 24 to "
		    "200 columns", w));
	if (doc == PRINT_STATEMENT)
		return (cause_set(cause, ORDO_EINVAL, "a statement is of a "
		    "customer, not an order"));
	if ((rc = order_get(tx, id, &o, NULL)) != 0)
		return (rc == ORDO_ENOTFOUND ? cause_set(cause, rc, "no order "
		    "%llu", (unsigned long long)id) : rc);
	lay_common(&l, tx, w, out);
	l.o = &o;
	snprintf(n, sizeof n, "%llu", (unsigned long long)o.id);
	kv_set(&l, "order", n);
	local_time(o.created, d, sizeof d, hm, sizeof hm);
	kv_set(&l, "date", d);
	kv_set(&l, "time", hm);
	kv_set(&l, "customer", o.customer);
	memset(&c, 0, sizeof c);
	if (customer_get(tx, o.customer, &c, NULL) == 0) {
		kv_set(&l, "customer_name", c.name);
		kv_set(&l, "phone", c.phone);
		kv_set(&l, "ship_to", *o.ship_to != '\0' ? o.ship_to :
		    c.ship_addr != NULL && *c.ship_addr != '\0' ?
		    c.ship_addr : c.bill_addr);
		customer_free(&c);
	}
	kv_set(&l, "status", order_status_name(o.status));
	cr = notice_carrier(nc, o.carrier);
	kv_set(&l, "carrier", cr != NULL && strcmp(cr->code, "generic") !=
	    0 ? cr->name[0] : o.carrier);
	kv_set(&l, "tracking", o.tracking);
	buf_init(&u);
	if (notice_tracking_url(nc, o.carrier, o.tracking, &u) == 0)
		kv_set(&l, "tracking_url", (char *)u.d);
	else
		kv_set(&l, "tracking_url", "");
	buf_free(&u);
	kv_money(&l, "shipping", o.shipping);
	kv_money(&l, "net", o.net);
	kv_money(&l, "tax", o.tax);
	kv_money(&l, "total", o.total);
	kv_set(&l, "notes", o.notes);
	kv_set(&l, "channel", o.channel);
	kv_set(&l, "ext_number", o.ext_number);
	rc = lay_run(&l, tmpl, cause);
	kv_free(&l);
	order_free(&o);
	return (rc);
}

struct stmt_lay {
	struct lay	*l;
	struct buf	 rows;
};

static void
stmt_row(const struct stmt_row *r, void *arg)
{
	struct stmt_lay	*sl = arg;
	struct lay	 sub;
	char		 d[16], hm[8], m[MONEY_BUFSZ], b[MONEY_BUFSZ];
	char		*left;

	sub = *sl->l;
	sub.out = &sl->rows;
	local_time(r->time, d, sizeof d, hm, sizeof hm);
	xasprintf(&left, "%s %s %llu", d, r->kind,
	    (unsigned long long)r->doc);
	core_money(sl->l->tx, m, sizeof m, r->debit != 0 ? r->debit :
	    -r->credit);
	lay_lr(&sub, left, m);
	free(left);
	core_money(sl->l->tx, b, sizeof b, r->balance);
	lay_lr(&sub, "", b);
}

int
print_statement(struct db_txn *tx, const char *customer, int32_t from,
    int32_t to, const char *tmpl, int w, struct buf *out, char **cause)
{
	struct lay	 l;
	struct stmt_lay	 sl;
	struct stmt	 st;
	struct customer	 c;
	char		 d[DATE_BUFSZ];
	int		 rc;

	if (w < 24 || w > 200)
		return (cause_set(cause, ORDO_EINVAL, "width %d: from 24 to "
		    "200 columns", w));
	memset(&c, 0, sizeof c);
	if ((rc = customer_get(tx, customer, &c, cause)) != 0)
		return (rc);
	lay_common(&l, tx, w, out);
	kv_set(&l, "customer", c.code);
	kv_set(&l, "customer_name", c.name);
	kv_set(&l, "phone", c.phone);
	customer_free(&c);
	kv_set(&l, "from", date_fmt(d, sizeof d, from));
	kv_set(&l, "to", date_fmt(d, sizeof d, to));
	sl.l = &l;
	buf_init(&sl.rows);
	memset(&st, 0, sizeof st);
	rc = report_statement(tx, customer, from, to, stmt_row, &sl, &st,
	    cause);
	buf_add(&sl.rows, "", 1);
	if (rc == 0) {
		l.stmt_rows = (char *)sl.rows.d;
		kv_money(&l, "opening", st.opening);
		kv_money(&l, "invoiced", st.invoiced);
		kv_money(&l, "paid", st.paid);
		kv_money(&l, "closing", st.closing);
		rc = lay_run(&l, tmpl, cause);
	}
	buf_free(&sl.rows);
	kv_free(&l);
	return (rc);
}

int
print_escpos(const char *text, struct buf *out, char **cause)
{
	static const char init[] = "\x1b\x40\x1c\x26";
	static const char cut[] = "\n\n\n\x1d\x56\x42\x03";
	iconv_t		 cd;
	const char	*p, *nl;
	char		 tmp[1024], *in, *o;
	size_t		 il, ol, len, line = 0;
	int		 cutlast = 0, rc = 0;

	buf_reset(out);
	if ((cd = iconv_open("GB18030", "UTF-8")) == (iconv_t)-1)
		return (cause_set(cause, errno, "iconv GB18030: %s",
		    strerror(errno)));
	buf_add(out, init, sizeof init - 1);
	for (p = text; *p != '\0'; p = nl + (*nl != '\0')) {
		line++;
		if ((nl = strchr(p, '\n')) == NULL)
			nl = p + strlen(p);
		len = (size_t)(nl - p);
		if (len == 1 && *p == PRINT_CUT) {
			buf_add(out, cut, sizeof cut - 1);
			cutlast = 1;
			continue;
		}
		cutlast = 0;
		in = (char *)p;
		il = len;
		while (il > 0) {
			o = tmp;
			ol = sizeof tmp;
			if (iconv(cd, &in, &il, &o, &ol) == (size_t)-1 &&
			    errno != E2BIG) {
				rc = cause_set(cause, ORDO_EINVAL, "line %zu: "
				    "text with no GB18030 form", line);
				goto out;
			}
			buf_add(out, tmp, (size_t)(o - tmp));
		}
		buf_add(out, "\n", 1);
	}
	if (!cutlast)
		buf_add(out, cut, sizeof cut - 1);
out:
	iconv_close(cd);
	return (rc);
}
