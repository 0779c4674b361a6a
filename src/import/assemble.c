/*
 * assemble.c: rows to one validated order, per the profile's row model.
 * The rules are in imp.h.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ordo/clean.h"
#include "ordo/error.h"
#include "ordo/imp.h"
#include "ordo/money.h"
#include "ordo/order.h"
#include "ordo/xmalloc.h"

#include "imp-int.h"

/* An order's amounts as the file states them (pX: the column had one). */
struct amounts {
	int64_t		 sub, ship, disc, sdisc, tax, stax, fees, ftax;
	int64_t		 plat, mtax, tot, lship, lstax;
	int		 pship, pdisc, psdisc, ptax, pstax, pftax, pmtax, ptot;
};

struct actx {
	const struct profile	*p;
	int			 minor;
	const struct imp_file	*f;
	struct imp_row		*rows;
	size_t			 nrows;
	size_t			*bad;
	char			**why;
};

static int	 fail(struct actx *, size_t, enum profile_field, const char *,
		    ...) __attribute__((format(printf, 4, 5)));
static const char *colname(const struct imp_file *, enum profile_field);
static const char *first_span(struct actx *, enum profile_field, size_t *);
static char	*first_text(struct actx *, enum profile_field);
static int	 first_id(struct actx *, enum profile_field, char **);
static int	 order_money(struct actx *, enum profile_field, int64_t *,
		    int *);
static int	 order_date(struct actx *, enum profile_field, int64_t *,
		    int *);
static int	 line_money(const struct profile *, int, const char *const *,
		    const char *const *, enum profile_field, int64_t *, int *,
		    char **);
static int	 status_of(struct actx *, enum profile_status *);
static char	*join_name(char *, char *);
static void	 add_part(char **, const char *, size_t);
static char	*fmt_money(char *, size_t, int64_t, int);
static int	 row_has_line(const struct imp_file *, const struct imp_row *);
static int	 asm_money(struct actx *, struct imp_order *, struct amounts *);
static size_t	 total_row(struct actx *);

const char *
asm_val(const struct imp_file *f, const struct imp_row *r,
    enum profile_field fld)
{
	int	 c = f->col[fld];

	if (c < 0 || (size_t)c >= r->n)
		return (NULL);
	return (r->f[c]);
}

static const char *
colname(const struct imp_file *f, enum profile_field fld)
{
	if (f->col[fld] < 0)
		return (profile_field_name(fld));
	return (f->hdr[f->col[fld]]);
}

static int
fail(struct actx *c, size_t row, enum profile_field fld, const char *fmt,
    ...)
{
	va_list	 ap;
	char	*msg;

	va_start(ap, fmt);
	xvasprintf(&msg, fmt, ap);
	va_end(ap);
	*c->bad = row;
	if ((int)fld < 0)
		cause_set(c->why, ORDO_EINVAL, "line %zu%s%s",
		    c->rows[row].line, strncmp(msg, "column ", 7) == 0 ?
		    ", " : ": ", msg);
	else
		cause_set(c->why, ORDO_EINVAL, "line %zu, column \"%s\": %s",
		    c->rows[row].line, colname(c->f, fld), msg);
	free(msg);
	return (ORDO_EINVAL);
}

static char *
fmt_money(char *buf, size_t len, int64_t v, int minor)
{
	return (money_fmt(buf, len, v, minor));
}

/*
 * The first non-empty value of a text field among the rows, cleaned: a
 * span of a row's cell (clean_span), *n bytes long, 0 if there is none.
 */
static const char *
first_span(struct actx *c, enum profile_field fld, size_t *n)
{
	const char	*s;
	size_t		 i;

	for (i = 0; i < c->nrows; i++) {
		s = clean_span(asm_val(c->f, &c->rows[i], fld), n);
		if (*n != 0)
			return (s);
	}
	*n = 0;
	return ("");
}

/* The same, as a new string. */
static char *
first_text(struct actx *c, enum profile_field fld)
{
	const char	*s;
	size_t		 n;

	char		*t, *o;
	size_t		 i;

	s = first_span(c, fld, &n);
	/* Line breaks as LF: a CRLF or a bare CR (files saved on Windows). */
	t = xstrndup(s, n);
	for (i = 0, o = t; i < n; i++) {
		if (t[i] == '\r') {
			*o++ = '\n';
			if (i + 1 < n && t[i + 1] == '\n')
				i++;
		} else
			*o++ = t[i];
	}
	*o = '\0';
	return (t);
}

static int
first_id(struct actx *c, enum profile_field fld, char **out)
{
	size_t	 i;
	char	*t, *msg = NULL, small[CLEAN_SMALL];

	*out = NULL;
	for (i = 0; i < c->nrows; i++) {
		if (clean_id_in(asm_val(c->f, &c->rows[i], fld), small, &t,
		    &msg) != 0) {
			fail(c, i, fld, "%s", msg);
			free(msg);
			return (ORDO_EINVAL);
		}
		if (*t != '\0' && *out == NULL)
			*out = t == small ? xstrdup(t) : t;
		else if (t != small)
			free(t);
	}
	if (*out == NULL)
		*out = xstrdup("");
	return (0);
}

/*
 * An order-level amount: every row's value must parse; the first one
 * counts; with repeated totals every non-empty one must be the same.
 */
static int
order_money(struct actx *c, enum profile_field fld, int64_t *v, int *present)
{
	size_t	 i, first = 0;
	int64_t	 x;
	int	 pr;
	char	*msg = NULL, a[32], b[32];

	*present = 0;
	*v = 0;
	for (i = 0; i < c->nrows; i++) {
		if (clean_money(asm_val(c->f, &c->rows[i], fld), &c->p->money,
		    c->minor, &x, &pr, &msg) != 0) {
			fail(c, i, fld, "%s", msg);
			free(msg);
			return (ORDO_EINVAL);
		}
		if (!pr)
			continue;
		if (!*present) {
			*v = x;
			*present = 1;
			first = i;
		} else if (c->p->model == PROFILE_REPEATED_TOTALS && x != *v)
			return (fail(c, i, fld, "%s here but %s on line %zu:"
			    " an order amount must repeat unchanged",
			    fmt_money(a, sizeof a, x, c->minor),
			    fmt_money(b, sizeof b, *v, c->minor),
			    c->rows[first].line));
	}
	return (0);
}

static int
order_date(struct actx *c, enum profile_field fld, int64_t *v, int *present)
{
	size_t	 i;
	char	*msg = NULL;

	*present = 0;
	for (i = 0; i < c->nrows; i++) {
		if (clean_date(asm_val(c->f, &c->rows[i], fld),
		    (const char *const *)c->p->date_formats,
		    c->p->ndate_formats, c->p->tzoff, v, present, &msg) != 0) {
			fail(c, i, fld, "%s", msg);
			free(msg);
			return (ORDO_EINVAL);
		}
		if (*present)
			return (0);
	}
	return (0);
}

static int
line_money(const struct profile *p, int minor, const char *const *vals,
    const char *const *names, enum profile_field fld, int64_t *v,
    int *present, char **why)
{
	char	*msg = NULL;

	*v = 0;
	*present = 0;
	if (clean_money(vals[fld], &p->money, minor, v, present, &msg) != 0) {
		cause_set(why, ORDO_EINVAL, "column \"%s\": %s", names[fld],
		    msg);
		free(msg);
		return (ORDO_EINVAL);
	}
	return (0);
}

int
asm_line(const struct profile *p, int minor, const char *const *vals,
    const char *const *names, size_t srcline, int noprice,
    struct imp_line *l, struct asm_extra *x, char **why)
{
	int64_t	 unit, tot, net, disc, tax, stax, ship, v;
	int	 pq, pu, pt, pn, pd, ptx, pst, ps, pr;
	char	*msg = NULL, a[32];

	memset(l, 0, sizeof *l);
	l->line = srcline;
	l->name = clean_text(vals[PF_PRODUCT_NAME]);
	l->variant = clean_text(vals[PF_VARIANT]);
	if (clean_id(vals[PF_SKU], &l->sku, &msg) != 0) {
		cause_set(why, ORDO_EINVAL, "column \"%s\": %s", names[PF_SKU],
		    msg);
		goto fail;
	}
	if (clean_qty(vals[PF_QTY], &l->qty, &pq, &msg) != 0) {
		cause_set(why, ORDO_EINVAL, "column \"%s\": %s", names[PF_QTY],
		    msg);
		goto fail;
	}
	if (!pq && names[PF_QTY] != NULL) {
		cause_set(why, ORDO_EINVAL, "column \"%s\": no quantity",
		    names[PF_QTY]);
		goto fail;
	}
	if (!pq)
		l->qty = 1;
	if (l->qty == 0) {
		cause_set(why, ORDO_EINVAL, "column \"%s\": the quantity is 0",
		    names[PF_QTY] != NULL ? names[PF_QTY] : "qty");
		goto fail;
	}
	if (line_money(p, minor, vals, names, PF_UNIT_PRICE, &unit, &pu,
	    why) != 0 || line_money(p, minor, vals, names, PF_LINE_TOTAL,
	    &tot, &pt, why) != 0 || line_money(p, minor, vals, names,
	    PF_LINE_TOTAL_NET, &net, &pn, why) != 0 || line_money(p, minor,
	    vals, names, PF_LINE_DISCOUNT, &disc, &pd, why) != 0 ||
	    line_money(p, minor, vals, names, PF_LINE_TAX, &tax, &ptx,
	    why) != 0 || line_money(p, minor, vals, names, PF_LINE_SHIPPING,
	    &ship, &ps, why) != 0 || line_money(p, minor, vals, names,
	    PF_LINE_SHIPPING_TAX, &stax, &pst, why) != 0)
		goto fail;
	/* Amounts off are taken whatever sign the channel writes. */
	if (line_money(p, minor, vals, names, PF_LINE_SHIPPING_DISCOUNT,
	    &v, &pr, why) != 0)
		goto fail;
	l->ship_discount = v < 0 ? -v : v;
	if (line_money(p, minor, vals, names, PF_LINE_PLATFORM_DISCOUNT,
	    &v, &pr, why) != 0)
		goto fail;
	l->platform_discount = v < 0 ? -v : v;
	if (line_money(p, minor, vals, names, PF_LINE_PLATFORM_DISCOUNT2,
	    &v, &pr, why) != 0)
		goto fail;
	l->platform_discount += v < 0 ? -v : v;
	if (line_money(p, minor, vals, names, PF_LINE_FEES, &l->fees, &pr,
	    why) != 0 || line_money(p, minor, vals, names, PF_LINE_FEES_TAX,
	    &l->fees_tax, &pr, why) != 0 || line_money(p, minor, vals, names,
	    PF_LINE_PAID, &l->paid, &l->has_paid, why) != 0)
		goto fail;
	if (pd && disc < 0)
		disc = -disc;
	if (pt)
		l->amount = tot;
	else if (pu) {
		if (mul_i64(l->qty, unit, &l->amount) != 0) {
			cause_set(why, ORDO_ERANGE, "column \"%s\": the line"
			    " amount is out of range", names[PF_UNIT_PRICE]);
			goto fail;
		}
	} else if (pn)
		l->amount = net + (pd ? disc : 0);
	else if (l->has_paid)	/* what the buyer paid and the amounts off */
		l->amount = l->paid + (pd ? disc : 0) + l->platform_discount;
	else if (noprice)
		l->amount = 0;
	else {
		cause_set(why, ORDO_EINVAL, "column \"%s\": no price",
		    names[PF_UNIT_PRICE] != NULL ? names[PF_UNIT_PRICE] :
		    names[PF_LINE_TOTAL] != NULL ? names[PF_LINE_TOTAL] :
		    names[PF_LINE_TOTAL_NET] != NULL ?
		    names[PF_LINE_TOTAL_NET] : "unit_price");
		goto fail;
	}
	l->unit_price = pu ? unit : muldiv_round(l->amount, 1, l->qty);
	if (l->unit_price < 0 || l->amount < 0) {
		cause_set(why, ORDO_EINVAL, "column \"%s\": negative price %s",
		    names[pu ? PF_UNIT_PRICE : pt ? PF_LINE_TOTAL :
		    PF_LINE_TOTAL_NET], fmt_money(a, sizeof a, pu ? unit :
		    l->amount, minor));
		goto fail;
	}
	if (pd)
		l->discount = disc;
	else if (pn && l->amount >= net)
		l->discount = l->amount - net;
	l->tax = ptx ? tax : 0;
	l->tax_given = ptx;
	x->shipping = ps ? ship : 0;
	x->shipping_tax = pst ? stax : 0;
	free(msg);
	return (0);
fail:
	free(msg);
	asm_line_clear(l);
	return (ORDO_EINVAL);
}

/* Lines from one items cell. */
int
asm_cell_lines(const struct profile *p, int minor, const char *cell,
    const char *colhdr, size_t srcline, int noprice, struct imp_line **lines,
    size_t *nlines, struct asm_extra *sum, char **why)
{
	const char	*vals[PF_NFIELDS], *names[PF_NFIELDS];
	char		*copy, *item, *isave, *part, *psave, *v, *k, *tmp;
	char		 isep[2], fsep[2];
	struct asm_extra x;
	size_t		 i;
	int		 rc = 0;

	copy = clean_text(cell);
	isep[0] = p->item_sep == -1 ? '\0' : p->item_sep;
	fsep[0] = p->item_field_sep;
	isep[1] = fsep[1] = '\0';
	for (item = strtok_r(copy, isep, &isave); item != NULL && rc == 0;
	    item = strtok_r(NULL, isep, &isave)) {
		memset(vals, 0, sizeof vals);
		memset(names, 0, sizeof names);
		for (i = 0; i < p->nitem_keys; i++)
			names[p->item_keys[i].field] = p->item_keys[i].key;
		for (part = strtok_r(item, fsep, &psave); part != NULL;
		    part = strtok_r(NULL, fsep, &psave)) {
			if ((v = strchr(part, p->item_key_sep)) == NULL)
				continue;
			*v++ = '\0';
			k = clean_text(part);
			for (i = 0; i < p->nitem_keys; i++)
				if (strcasecmp(k, p->item_keys[i].key) == 0)
					vals[p->item_keys[i].field] = v;
			free(k);
		}
		if (vals[PF_PRODUCT_NAME] == NULL && vals[PF_SKU] == NULL &&
		    vals[PF_QTY] == NULL)
			continue;
		*lines = xreallocarray(*lines, *nlines + 1, sizeof **lines);
		tmp = NULL;
		if ((rc = asm_line(p, minor, vals, names, srcline, noprice,
		    &(*lines)[*nlines], &x, &tmp)) != 0) {
			cause_set(why, rc, "column \"%s\", item %zu: %s",
			    colhdr, *nlines + 1, tmp);
			free(tmp);
			break;
		}
		(*nlines)++;
		sum->shipping += x.shipping;
		sum->shipping_tax += x.shipping_tax;
	}
	free(copy);
	return (rc);
}

static int
row_has_line(const struct imp_file *f, const struct imp_row *r)
{
	static const enum profile_field lf[] = { PF_SKU, PF_PRODUCT_NAME,
	    PF_QTY, PF_UNIT_PRICE, PF_LINE_TOTAL, PF_LINE_TOTAL_NET };
	const char	*v;
	size_t		 i, n;

	for (i = 0; i < sizeof lf / sizeof lf[0]; i++) {
		if ((v = asm_val(f, r, lf[i])) == NULL)
			continue;
		(void)clean_span(v, &n);
		if (n != 0)
			return (1);
	}
	return (0);
}

static int
status_of(struct actx *c, enum profile_status *st)
{
	const struct profile_rule *r;
	const char	*s;
	size_t		 i, j, n;
	char		*v, *k;

	for (i = 0; i < c->p->nrules; i++) {
		r = &c->p->rules[i];
		s = first_span(c, r->field, &n);
		if (n == 0)
			continue;
		if (r->any != -1) {
			*st = r->any;
			return (0);
		}
		/* As ever, clean_header() of the cleaned text. */
		v = xstrndup(s, n);
		k = clean_header(v);
		free(v);
		for (j = 0; j < r->nmap; j++) {
			if (strcmp(k, r->map[j].key) == 0) {
				free(k);
				*st = r->map[j].status;
				return (0);
			}
		}
		free(k);
	}
	s = first_span(c, PF_STATUS, &n);
	if (n != 0 && c->p->nrules > 0) {
		for (i = 0; i < c->nrows; i++) {
			(void)clean_span(asm_val(c->f, &c->rows[i], PF_STATUS),
			    &j);
			if (j != 0)
				break;
		}
		if (i == c->nrows)
			i = 0;
		return (fail(c, i, PF_STATUS, "unknown status \"%.*s\": add it"
		    " to the status rules of profile %s", (int)n, s,
		    c->p->name));
	}
	*st = c->p->default_status;
	return (0);
}

/* "first" + " " + "last", freeing both. */
static char *
join_name(char *a, char *b)
{
	char	*s;

	if (*a == '\0') {
		free(a);
		return (b);
	}
	if (*b == '\0') {
		free(b);
		return (a);
	}
	xasprintf(&s, "%s %s", a, b);
	free(a);
	free(b);
	return (s);
}

/* Part (n bytes) after acc, with ", " between when both are there. */
static void
add_part(char **acc, const char *part, size_t n)
{
	size_t	 len;

	if (n == 0)
		return;
	len = strlen(*acc);
	*acc = xreallocarray(*acc, len + 2 + n + 1, 1);
	if (len != 0) {
		memcpy(*acc + len, ", ", 2);
		len += 2;
	}
	memcpy(*acc + len, part, n);
	(*acc)[len + n] = '\0';
}

/* The row holding the order's total (for messages). */
static size_t
total_row(struct actx *c)
{
	const char	*v;
	size_t		 i;

	for (i = 0; i < c->nrows; i++)
		if ((v = asm_val(c->f, &c->rows[i], PF_TOTAL)) != NULL &&
		    *v != '\0')
			return (i);
	return (0);
}

/*
 * The order's money as the file states it (imp.h, Money): the discounts
 * spread over the lines, the charges (shipping and fees) and the tax the
 * file gives, checked against (or, with totals: trust, reconciled to)
 * what the buyer paid.
 */
static int
asm_money(struct actx *c, struct imp_order *o, struct amounts *am)
{
	const struct profile *p = c->p;
	struct imp_line	*l;
	int64_t		 A = 0, Ld = 0, lsdisc = 0, lfees = 0, lftax = 0;
	int64_t		 ltax = 0, lplat = 0, lpaid = 0, D, S, F, T, TC, base;
	int64_t		 paid, want = 0, diff;
	int64_t		*w, *cap, *part;
	size_t		 i, n = o->nlines;
	int		 allgiven = 1, anygiven = 0, haspaid = 1, have = 0;
	int		 incl, tgiven, ok, mt = 0, rc = ORDO_EINVAL;
	char		 m[6][32];

	for (i = 0; i < n; i++) {
		l = &o->lines[i];
		A += l->amount;
		Ld += l->discount;
		lsdisc += l->ship_discount;
		lfees += l->fees;
		lftax += l->fees_tax;
		ltax += l->tax;
		lplat += l->platform_discount;
		lpaid += l->paid;
		if (!l->has_paid)
			haspaid = 0;
		if (l->tax_given)
			anygiven = 1;
		else
			allgiven = 0;
	}
	D = am->pdisc ? am->disc : Ld;
	S = (am->pship ? am->ship : am->lship) - (am->psdisc ? am->sdisc :
	    lsdisc);
	F = am->fees + lfees;
	if (F < 0) {		/* a negative fee is an amount off */
		D -= F;
		F = 0;
	}
	if (S < 0)
		return (fail(c, 0, PF_SHIPPING_DISCOUNT, "the shipping "
		    "discount is more than the shipping %s",
		    fmt_money(m[0], sizeof m[0], S, c->minor)));
	T = am->ptax ? am->tax : ltax + (am->pstax ? am->stax : am->lstax) +
	    (am->pftax ? am->ftax : lftax);
	tgiven = p->tax != PROFILE_TAX_INCLUDED || am->ptax || anygiven ||
	    am->pstax;
	incl = p->tax == PROFILE_TAX_INCLUDED;
	base = A - D + S + F;

	/* What the buyer paid, by the channel's own total rule. */
	if (am->ptot) {
		want = am->tot;
		have = 1;
	} else if (haspaid && n > 0) {
		want = lpaid + S + F;
		have = 1;
	}
	/*
	 * A pending or cancelled order the buyer paid nothing for is taken
	 * at its items' prices, unchecked.
	 */
	if (p->totals == PROFILE_TOTALS_COMPUTE || (want == 0 &&
	    (o->status == PROFILE_PENDING || o->status == PROFILE_CANCELLED)))
		have = 0;
	if (have && p->totals == PROFILE_TOTALS_CHECK) {
		ok = 0;
		if (p->tax != PROFILE_TAX_INCLUDED &&
		    llabs(base + T - am->plat - lplat - want) <= p->tolerance) {
			ok = 1;
			incl = 0;
		} else if (p->tax != PROFILE_TAX_ADDED &&
		    llabs(base - am->plat - lplat - want) <= p->tolerance) {
			ok = 1;
			incl = 1;
		} else if (am->pmtax && am->mtax != 0 &&
		    p->tax != PROFILE_TAX_INCLUDED && llabs(base + T +
		    am->mtax - am->plat - lplat - want) <= p->tolerance) {
			/* The marketplace's own tax is in its total. */
			ok = 1;
			incl = 0;
			mt = 1;
			want -= am->mtax;
		}
		if (!ok)
			return (fail(c, total_row(c), am->ptot ? PF_TOTAL :
			    PF_LINE_PAID, "the buyer paid %s but the items "
			    "come to %s - discounts %s + shipping and fees "
			    "%s + tax %s%s - platform-funded discounts %s",
			    fmt_money(m[0], sizeof m[0], want, c->minor),
			    fmt_money(m[1], sizeof m[1], A, c->minor),
			    fmt_money(m[2], sizeof m[2], D, c->minor),
			    fmt_money(m[3], sizeof m[3], S + F, c->minor),
			    fmt_money(m[4], sizeof m[4], T, c->minor),
			    p->tax == PROFILE_TAX_ADDED ? "" : p->tax ==
			    PROFILE_TAX_INCLUDED ? " (included)" :
			    " (added or included)", fmt_money(m[5],
			    sizeof m[5], am->plat + lplat, c->minor)));
	}
	if (p->tax == PROFILE_TAX_EITHER && !have)
		incl = 0;
	if (have) {
		/*
		 * Reconcile to the cent: a difference left (trust, or within
		 * the tolerance) is an amount off the items that the file does
		 * not itemise (coupons, points), or a charge.
		 */
		paid = (incl ? base : base + T) - am->plat - lplat;
		diff = paid - want;
		if (diff > 0)
			D += diff;
		else
			F -= diff;
		base = A - D + S + F;
	}

	/* The discounts over the lines (order.h, order_allocate). */
	w = xcalloc(n + 1, sizeof *w);
	cap = xcalloc(n + 1, sizeof *cap);
	part = xcalloc(n + 1, sizeof *part);
	if (D >= Ld) {
		for (i = 0; i < n; i++)
			w[i] = cap[i] = o->lines[i].amount -
			    o->lines[i].discount;
		if (order_allocate(D - Ld, w, cap, n, part) != 0) {
			fail(c, 0, am->pdisc ? PF_DISCOUNT : -1, "discounts %s "
			    "are more than the items %s", fmt_money(m[0],
			    sizeof m[0], D, c->minor), fmt_money(m[1],
			    sizeof m[1], A, c->minor));
			goto out;
		}
		for (i = 0; i < n; i++)
			o->lines[i].discount += part[i];
	} else {
		for (i = 0; i < n; i++) {
			w[i] = o->lines[i].discount;
			cap[i] = o->lines[i].amount;
		}
		if (order_allocate(D, w, cap, n, part) != 0) {
			fail(c, 0, PF_DISCOUNT, "discount %s cannot be spread "
			    "over the lines", fmt_money(m[0], sizeof m[0], D,
			    c->minor));
			goto out;
		}
		for (i = 0; i < n; i++)
			o->lines[i].discount = part[i];
	}

	/* The tax as the file gives it, over the lines and the charge. */
	TC = 0;
	if (tgiven && allgiven && n > 0) {
		TC = T - ltax;
		if (TC < 0) {
			fail(c, total_row(c), am->ptax ? PF_TAX : PF_LINE_TAX,
			    "tax %s is less than the lines' tax %s",
			    fmt_money(m[0], sizeof m[0], T, c->minor),
			    fmt_money(m[1], sizeof m[1], ltax, c->minor));
			goto out;
		}
		if (S + F == 0 && TC > 0) {
			for (i = 0; i < n; i++)
				w[i] = o->lines[i].amount -
				    o->lines[i].discount;
			if (order_allocate(TC, w, NULL, n, part) != 0)
				goto bad_tax;
			for (i = 0; i < n; i++)
				o->lines[i].tax += part[i];
			TC = 0;
		}
	} else if (tgiven) {
		w = xreallocarray(w, n + 2, sizeof *w);
		cap = xreallocarray(cap, n + 2, sizeof *cap);
		part = xreallocarray(part, n + 2, sizeof *part);
		for (i = 0; i < n; i++)
			w[i] = cap[i] = o->lines[i].amount -
			    o->lines[i].discount;
		w[n] = cap[n] = S + F;
		if (order_allocate(T, w, incl ? cap : NULL, n + 1, part) != 0)
			goto bad_tax;
		for (i = 0; i < n; i++) {
			o->lines[i].tax = part[i];
			o->lines[i].tax_given = 1;
		}
		TC = part[n];
	}
	if (incl && tgiven && TC > S + F)
		goto bad_tax;
	o->tax_incl = incl;
	o->tax_given = tgiven;
	o->subtotal = A;
	o->discount = D;
	o->shipping = S;
	o->fees = F;
	o->charges = S + F;
	o->ship_tax = TC;
	o->tax = tgiven ? T : 0;
	o->platform_discount = am->plat + lplat;
	o->marketplace_tax = mt ? am->mtax : 0;
	o->total = (incl ? base : base + T);
	o->paid = o->total - o->platform_discount;
	o->total_from_file = have;
	rc = 0;
	goto out;
bad_tax:
	fail(c, total_row(c), am->ptax ? PF_TAX : -1, "tax %s cannot be "
	    "spread over the items and charges", fmt_money(m[0], sizeof m[0],
	    T, c->minor));
out:
	free(w);
	free(cap);
	free(part);
	return (rc);
}

int
asm_order(const struct profile *p, int minor, const struct imp_file *f,
    int fileidx, struct imp_row *rows, size_t nrows,
    const struct imp_line *dlines, size_t ndlines, struct imp_order *o,
    size_t *bad, char **why)
{
	static const enum profile_field shipf[] = { PF_SHIP_ADDRESS,
	    PF_SHIP_ADDRESS1, PF_SHIP_ADDRESS2, PF_SHIP_ADDRESS3,
	    PF_SHIP_DISTRICT, PF_SHIP_CITY, PF_SHIP_STATE, PF_SHIP_ZIP,
	    PF_SHIP_COUNTRY };
	struct actx	 c;
	const char	*vals[PF_NFIELDS], *names[PF_NFIELDS];
	struct asm_extra x, sum;
	struct amounts	 am;
	int64_t		 v;
	int		 pr, noprice;
	size_t		 i, j, n;
	const char	*cs;
	char		*s, *t, *ship_name, *tmp = NULL;

	memset(o, 0, sizeof *o);
	memset(&sum, 0, sizeof sum);
	c.p = p;
	c.minor = minor;
	c.f = f;
	c.rows = rows;
	c.nrows = nrows;
	c.bad = bad;
	c.why = why;
	o->channel = p->name;
	o->file = fileidx;
	o->first_line = rows[0].line;
	o->last_line = rows[nrows - 1].last;

	for (i = 0; i < nrows; i++) {
		if (rows[i].err != NULL) {
			fail(&c, i, -1, "%s", rows[i].err);
			goto fail;
		}
	}
	if (first_id(&c, PF_ORDER_ID, &o->external_id) != 0 ||
	    first_id(&c, PF_ORDER_NUMBER, &o->number) != 0 ||
	    first_id(&c, PF_TRACKING, &o->tracking) != 0)
		goto fail;
	if (*o->external_id == '\0') {
		free(o->external_id);
		o->external_id = xstrdup(o->number);
	}
	if (*o->external_id == '\0') {
		fail(&c, 0, p->columns[PF_ORDER_ID].n > 0 ? PF_ORDER_ID :
		    PF_ORDER_NUMBER, "no order id");
		goto fail;
	}
	if (*o->number == '\0') {
		free(o->number);
		o->number = xstrdup(o->external_id);
	}
	if (order_date(&c, PF_CREATED_AT, &o->created, &pr) != 0)
		goto fail;
	if (!pr && f->col[PF_CREATED_AT] >= 0) {
		fail(&c, 0, PF_CREATED_AT, "no order date");
		goto fail;
	}

	o->customer_name = first_text(&c, PF_CUSTOMER_NAME);
	if (*o->customer_name == '\0')
		o->customer_name = join_name(o->customer_name, join_name(
		    first_text(&c, PF_CUSTOMER_FIRST),
		    first_text(&c, PF_CUSTOMER_LAST)));
	ship_name = first_text(&c, PF_SHIP_NAME);
	if (*ship_name == '\0')
		ship_name = join_name(ship_name, join_name(first_text(&c,
		    PF_SHIP_FIRST), first_text(&c, PF_SHIP_LAST)));
	o->ship_to = xstrdup("");
	if (*o->customer_name == '\0') {
		free(o->customer_name);
		o->customer_name = xstrdup(ship_name);
	} else if (strcmp(ship_name, o->customer_name) != 0)
		add_part(&o->ship_to, ship_name, strlen(ship_name));
	free(ship_name);
	for (i = 0; i < sizeof shipf / sizeof shipf[0]; i++) {
		cs = first_span(&c, shipf[i], &n);
		add_part(&o->ship_to, cs, n);
	}
	o->email = first_text(&c, PF_EMAIL);
	o->phone = first_text(&c, PF_PHONE);
	if (*o->phone == '\0') {
		free(o->phone);
		o->phone = first_text(&c, PF_SHIP_PHONE);
	}
	o->carrier = first_text(&c, PF_CARRIER);
	o->notes = first_text(&c, PF_NOTES);
	cs = first_span(&c, PF_SELLER_NOTES, &n);
	if (n != 0) {
		xasprintf(&t, "%s%s%.*s", o->notes, *o->notes != '\0' ? "\n" :
		    "", (int)n, cs);
		free(o->notes);
		o->notes = t;
	}
	o->payment_status = first_text(&c, PF_PAYMENT_STATUS);
	o->currency = first_text(&c, PF_CURRENCY);
	clean_fold_width(o->currency);
	for (s = o->currency; *s != '\0'; s++)
		*s = toupper((unsigned char)*s);
	if (*o->currency == '\0' && p->currency != NULL) {
		free(o->currency);
		o->currency = xstrdup(p->currency);
	}
	if (*o->currency != '\0' && (strlen(o->currency) != 3 ||
	    !isupper((unsigned char)o->currency[0]) ||
	    !isupper((unsigned char)o->currency[1]) ||
	    !isupper((unsigned char)o->currency[2]))) {
		fail(&c, 0, PF_CURRENCY, "\"%s\" is not a currency code",
		    o->currency);
		goto fail;
	}
	if (status_of(&c, &o->status) != 0)
		goto fail;
	noprice = o->status == PROFILE_PENDING ||
	    o->status == PROFILE_CANCELLED;

	memset(&am, 0, sizeof am);
	if (order_money(&c, PF_SUBTOTAL, &am.sub, &pr) != 0 ||
	    order_money(&c, PF_SHIPPING, &am.ship, &am.pship) != 0 ||
	    order_money(&c, PF_DISCOUNT, &am.disc, &am.pdisc) != 0 ||
	    order_money(&c, PF_TAX, &am.tax, &am.ptax) != 0 ||
	    order_money(&c, PF_FEES, &am.fees, &pr) != 0 ||
	    order_money(&c, PF_TOTAL, &am.tot, &am.ptot) != 0)
		goto fail;
	if (am.disc < 0)
		am.disc = -am.disc;
	/* The lines. */
	if (p->model == PROFILE_JOINED) {
		o->lines = xcalloc(ndlines + 1, sizeof *o->lines);
		for (i = 0; i < ndlines; i++) {
			o->lines[i] = dlines[i];
			o->lines[i].sku = xstrdup(dlines[i].sku);
			o->lines[i].name = xstrdup(dlines[i].name);
			o->lines[i].variant = xstrdup(dlines[i].variant);
		}
		o->nlines = ndlines;
	} else if (p->model == PROFILE_ITEMS_IN_CELL) {
		for (j = 0; j < f->nitems; j++) {
			if (f->items[j] >= rows[0].n)
				continue;
			if (asm_cell_lines(p, minor, rows[0].f[f->items[j]],
			    f->hdr[f->items[j]], rows[0].line, noprice, &o->lines,
			    &o->nlines, &sum, &tmp) != 0) {
				fail(&c, 0, -1, "%s", tmp);
				goto fail;
			}
		}
	} else {
		for (i = 0; i < nrows; i++) {
			if (!row_has_line(f, &rows[i]))
				continue;
			for (j = 0; j < PF_NFIELDS; j++) {
				vals[j] = asm_val(f, &rows[i], j);
				names[j] = f->col[j] >= 0 ? f->hdr[f->col[j]] :
				    NULL;
			}
			o->lines = xreallocarray(o->lines, o->nlines + 1,
			    sizeof *o->lines);
			if (asm_line(p, minor, vals, names, rows[i].line,
			    noprice, &o->lines[o->nlines], &x, &tmp) != 0) {
				fail(&c, i, -1, "%s", tmp);
				goto fail;
			}
			o->nlines++;
			sum.shipping += x.shipping;
			sum.shipping_tax += x.shipping_tax;
		}
	}
	if (o->nlines == 0) {
		fail(&c, 0, -1, "order %s has no items", o->external_id);
		goto fail;
	}

	/* Money: see imp.h. */
	if (order_money(&c, PF_SHIPPING_DISCOUNT, &am.sdisc, &am.psdisc) != 0 ||
	    order_money(&c, PF_SHIPPING_TAX, &am.stax, &am.pstax) != 0 ||
	    order_money(&c, PF_FEES2, &v, &pr) != 0)
		goto fail;
	am.fees += v;
	if (order_money(&c, PF_FEES3, &v, &pr) != 0)
		goto fail;
	am.fees += v;
	if (order_money(&c, PF_FEES_TAX, &am.ftax, &am.pftax) != 0 ||
	    order_money(&c, PF_PLATFORM_DISCOUNT, &am.plat, &pr) != 0 ||
	    order_money(&c, PF_SHIPPING_PLATFORM_DISCOUNT, &v, &pr) != 0 ||
	    order_money(&c, PF_MARKETPLACE_TAX, &am.mtax, &am.pmtax) != 0)
		goto fail;
	am.plat = (am.plat < 0 ? -am.plat : am.plat) + (v < 0 ? -v : v);
	if (am.sdisc < 0)
		am.sdisc = -am.sdisc;
	am.lship = sum.shipping;
	am.lstax = sum.shipping_tax;
	if (asm_money(&c, o, &am) != 0)
		goto fail;
	free(tmp);
	return (0);

fail:
	free(tmp);
	asm_order_clear(o);
	return (ORDO_EINVAL);
}

void
asm_line_clear(struct imp_line *l)
{
	free(l->sku);
	free(l->name);
	free(l->variant);
	memset(l, 0, sizeof *l);
}

void
asm_order_clear(struct imp_order *o)
{
	size_t	 i;

	for (i = 0; i < o->nlines; i++)
		asm_line_clear(&o->lines[i]);
	free(o->lines);
	free(o->external_id);
	free(o->number);
	free(o->customer_name);
	free(o->email);
	free(o->phone);
	free(o->ship_to);
	free(o->currency);
	free(o->payment_status);
	free(o->carrier);
	free(o->tracking);
	free(o->notes);
	memset(o, 0, sizeof *o);
}

void
asm_row_clear(struct imp_row *r)
{
	free(r->f);		/* its fields too: see copy_row */
	free(r->err);
	memset(r, 0, sizeof *r);
}

const char *
imp_status_name(enum profile_status s)
{
	return (profile_status_name(s));
}
