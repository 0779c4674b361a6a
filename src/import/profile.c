/*
 * profile.c: channel profiles read from YAML.  See profile.h and
 * config/channels/generic.yaml for the shape.
 */
#include <sys/stat.h>

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ordo/clean.h"
#include "ordo/error.h"
#include "ordo/profile.h"
#include "ordo/xmalloc.h"

#include "ytree.h"

struct pctx {
	const char	*name;
	char		**cause;
	int		 rc;
};

static int	 perr(struct pctx *, const struct ynode *, const char *, ...)
		    __attribute__((format(printf, 3, 4)));
static int	 want(struct pctx *, const struct ynode *, enum ytype);
static int	 get_str(struct pctx *, const struct ynode *, char **);
static int	 get_int(struct pctx *, const struct ynode *, long, long,
		    long *);
static int	 get_bool(struct pctx *, const struct ynode *, int *);
static int	 get_list(struct pctx *, const struct ynode *, char ***,
		    size_t *);
static int	 get_enum(struct pctx *, const struct ynode *,
		    const char *const *, int *);
static int	 get_field(struct pctx *, const struct ynode *, int *);
static int	 get_fields(struct pctx *, const struct ynode *,
		    enum profile_field **, size_t *);
static int	 get_status(struct pctx *, const struct ynode *, int *);
static int	 get_char(struct pctx *, const struct ynode *, int, int *);
static int	 do_columns(struct pctx *, struct profile *,
		    const struct ynode *);
static int	 do_money(struct pctx *, struct profile *, const struct ynode *);
static int	 do_rules(struct pctx *, struct profile *, const struct ynode *);
static int	 do_items(struct pctx *, struct profile *, const struct ynode *);
static int	 do_top(struct pctx *, struct profile *, const struct ynode *);
static int	 check(struct pctx *, struct profile *, const struct ynode *);
static void	 free_list(char **, size_t);
static int	 name_ok(const char *);
static int	 cmp_profiles(const void *, const void *);

static const char *const field_names[] = {
#define X(id, name) name,
	PROFILE_FIELDS
#undef X
};

static const char *const status_names[] = {
#define X(id, name) name,
	PROFILE_STATUSES
#undef X
};

static const char *const encoding_names[] = {
	"utf-8", "utf-8-bom", "gbk", "gb18030", "auto", NULL
};

static const char *const model_names[] = {
	"line_per_row_first_has_order", "line_per_row_repeated_totals",
	"order_per_row_items_in_cell", "order_per_row", "joined", NULL
};

static const char *const totals_names[] = {
	"check", "trust", "compute", NULL
};

static const char *const tax_names[] = { "added", "included", "either",
	NULL };

static const char *const sku_names[] = { "reject", "flag", NULL };

const char *
profile_field_name(enum profile_field f)
{
	if ((int)f < 0 || f >= PF_NFIELDS)
		return ("?");
	return (field_names[f]);
}

int
profile_field_lookup(const char *s)
{
	int	 i;

	for (i = 0; i < PF_NFIELDS; i++)
		if (strcmp(s, field_names[i]) == 0)
			return (i);
	return (-1);
}

const char *
profile_status_name(enum profile_status s)
{
	if ((int)s < 0 || s >= PROFILE_NSTATUS)
		return ("?");
	return (status_names[s]);
}

int
profile_status_lookup(const char *s)
{
	int	 i;

	for (i = 0; i < PROFILE_NSTATUS; i++)
		if (strcmp(s, status_names[i]) == 0)
			return (i);
	return (-1);
}

static int
perr(struct pctx *c, const struct ynode *n, const char *fmt, ...)
{
	va_list	 ap;
	char	*msg;

	if (c->rc != 0)
		return (c->rc);
	va_start(ap, fmt);
	xvasprintf(&msg, fmt, ap);
	va_end(ap);
	c->rc = cause_set(c->cause, ORDO_ECONFIG, "%s:%zu:%zu: %s", c->name,
	    n != NULL ? n->line : 1, n != NULL ? n->col : 1, msg);
	free(msg);
	return (c->rc);
}

static int
want(struct pctx *c, const struct ynode *n, enum ytype t)
{
	static const char *const what[] = { "a single value", "a mapping",
	    "a list" };

	if (n->type != t)
		return (perr(c, n, "expected %s", what[t]));
	return (0);
}

static int
get_str(struct pctx *c, const struct ynode *n, char **out)
{
	if (want(c, n, Y_SCALAR) != 0)
		return (c->rc);
	free(*out);
	*out = xstrdup(n->s);
	return (0);
}

static int
get_int(struct pctx *c, const struct ynode *n, long min, long max,
    long *out)
{
	char	*end;
	long	 v;

	if (want(c, n, Y_SCALAR) != 0)
		return (c->rc);
	errno = 0;
	v = strtol(n->s, &end, 10);
	if (*n->s == '\0' || *end != '\0' || errno != 0 || v < min ||
	    v > max)
		return (perr(c, n, "\"%s\": expected a whole number from %ld"
		    " to %ld", n->s, min, max));
	*out = v;
	return (0);
}

static int
get_bool(struct pctx *c, const struct ynode *n, int *out)
{
	if (want(c, n, Y_SCALAR) != 0)
		return (c->rc);
	if (strcmp(n->s, "true") == 0 || strcmp(n->s, "yes") == 0)
		*out = 1;
	else if (strcmp(n->s, "false") == 0 || strcmp(n->s, "no") == 0)
		*out = 0;
	else
		return (perr(c, n, "\"%s\": expected true or false", n->s));
	return (0);
}

/* A string or a list of strings. */
static int
get_list(struct pctx *c, const struct ynode *n, char ***out, size_t *nout)
{
	size_t	 i;

	free_list(*out, *nout);
	*out = NULL;
	*nout = 0;
	if (n->type == Y_SCALAR) {
		*out = xcalloc(1, sizeof **out);
		(*out)[0] = xstrdup(n->s);
		*nout = 1;
		return (0);
	}
	if (want(c, n, Y_SEQ) != 0)
		return (c->rc);
	*out = xcalloc(n->n, sizeof **out);
	for (i = 0; i < n->n; i++) {
		if (want(c, n->v[i], Y_SCALAR) != 0)
			return (c->rc);
		(*out)[(*nout)++] = xstrdup(n->v[i]->s);
	}
	return (0);
}

static int
get_enum(struct pctx *c, const struct ynode *n, const char *const *names,
    int *out)
{
	char	*all = NULL, *tmp;
	int	 i;

	if (want(c, n, Y_SCALAR) != 0)
		return (c->rc);
	for (i = 0; names[i] != NULL; i++) {
		if (strcmp(n->s, names[i]) == 0) {
			*out = i;
			return (0);
		}
	}
	for (i = 0; names[i] != NULL; i++) {
		xasprintf(&tmp, "%s%s%s", all == NULL ? "" : all,
		    all == NULL ? "" : ", ", names[i]);
		free(all);
		all = tmp;
	}
	perr(c, n, "\"%s\": expected one of %s", n->s, all);
	free(all);
	return (c->rc);
}

static int
get_field(struct pctx *c, const struct ynode *n, int *out)
{
	if (want(c, n, Y_SCALAR) != 0)
		return (c->rc);
	if ((*out = profile_field_lookup(n->s)) < 0)
		return (perr(c, n, "unknown field \"%s\" (see generic.yaml"
		    " for the list)", n->s));
	return (0);
}

static int
get_fields(struct pctx *c, const struct ynode *n, enum profile_field **out,
    size_t *nout)
{
	size_t	 i;
	int	 f;

	if (want(c, n, Y_SEQ) != 0)
		return (c->rc);
	free(*out);
	*out = xcalloc(n->n, sizeof **out);
	*nout = 0;
	for (i = 0; i < n->n; i++) {
		if (get_field(c, n->v[i], &f) != 0)
			return (c->rc);
		(*out)[(*nout)++] = f;
	}
	return (0);
}

static int
get_status(struct pctx *c, const struct ynode *n, int *out)
{
	if (want(c, n, Y_SCALAR) != 0)
		return (c->rc);
	if ((*out = profile_status_lookup(n->s)) < 0)
		return (perr(c, n, "\"%s\": expected a status (pending, paid,"
		    " cancelled, shipped, delivered, refunded)", n->s));
	return (0);
}

/* One character; "\t", "tab", "comma"... by name; none gives -1. */
static int
get_char(struct pctx *c, const struct ynode *n, int allow_none, int *out)
{
	static const struct {
		const char	*name;
		int		 ch;
	} names[] = {
		{ "tab", '\t' }, { "comma", ',' }, { "semicolon", ';' },
		{ "pipe", '|' }, { "space", ' ' }, { "none", -1 },
	};
	size_t	 i;

	if (want(c, n, Y_SCALAR) != 0)
		return (c->rc);
	if (n->plain) {
		for (i = 0; i < sizeof names / sizeof names[0]; i++) {
			if (strcmp(n->s, names[i].name) == 0) {
				if (names[i].ch == -1 && !allow_none)
					break;
				*out = names[i].ch;
				return (0);
			}
		}
	}
	if (strcmp(n->s, "\t") == 0) {
		*out = '\t';
		return (0);
	}
	if (strlen(n->s) != 1 || !isprint((unsigned char)n->s[0]))
		return (perr(c, n, "\"%s\": expected one character (or tab,"
		    " comma, semicolon, pipe%s)", n->s, allow_none ?
		    ", none" : ""));
	*out = (unsigned char)n->s[0];
	return (0);
}

static void
free_list(char **v, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static int
do_columns(struct pctx *c, struct profile *p, const struct ynode *n)
{
	struct profile_column *col;
	size_t	 i, j;
	int	 f;

	if (want(c, n, Y_MAP) != 0)
		return (c->rc);
	for (i = 0; i < n->n; i += 2) {
		if (get_field(c, n->v[i], &f) != 0)
			return (c->rc);
		col = &p->columns[f];
		if (get_list(c, n->v[i + 1], &col->names, &col->n) != 0)
			return (c->rc);
		col->keys = xcalloc(col->n, sizeof *col->keys);
		for (j = 0; j < col->n; j++) {
			col->keys[j] = clean_header(col->names[j]);
			if (*col->keys[j] == '\0')
				return (perr(c, n->v[i + 1], "%s: an empty"
				    " header name", n->v[i]->s));
			if (strchr(col->keys[j], '*') != NULL &&
			    f != PF_LINE_ITEMS)
				return (perr(c, n->v[i + 1], "%s: a \"*\""
				    " pattern is only for line_items",
				    n->v[i]->s));
		}
	}
	return (0);
}

static int
do_money(struct pctx *c, struct profile *p, const struct ynode *n)
{
	const struct ynode *k, *v;
	size_t		 i;
	int		 ch;

	if (want(c, n, Y_MAP) != 0)
		return (c->rc);
	for (i = 0; i < n->n; i += 2) {
		k = n->v[i];
		v = n->v[i + 1];
		if (strcmp(k->s, "decimal") == 0) {
			if (get_char(c, v, 0, &ch) != 0)
				return (c->rc);
			if (ch != '.' && ch != ',')
				return (perr(c, v, "decimal: \".\" or \",\""));
			p->money.decimal = (char)ch;
		} else if (strcmp(k->s, "thousands") == 0) {
			if (v->type == Y_SCALAR && *v->s == '\0')
				ch = -1;
			else if (get_char(c, v, 1, &ch) != 0)
				return (c->rc);
			if (ch != -1 && strchr(",. '", ch) == NULL)
				return (perr(c, v, "thousands: \",\", \".\","
				    " \" \", \"'\" or none"));
			p->money.thousands = ch == -1 ? 0 : (char)ch;
		} else
			return (perr(c, k, "unknown key \"%s\" in money"
			    " (decimal, thousands)", k->s));
	}
	if (p->money.decimal == p->money.thousands)
		return (perr(c, n, "money: the decimal and thousands"
		    " separators are the same"));
	return (0);
}

static int
do_rules(struct pctx *c, struct profile *p, const struct ynode *n)
{
	struct profile_rule *r;
	const struct ynode *rn, *k, *v;
	size_t		 i, j, m;
	int		 f, st, has_field;

	if (want(c, n, Y_SEQ) != 0)
		return (c->rc);
	p->rules = xcalloc(n->n, sizeof *p->rules);
	for (i = 0; i < n->n; i++) {
		rn = n->v[i];
		if (want(c, rn, Y_MAP) != 0)
			return (c->rc);
		r = &p->rules[p->nrules++];
		r->any = -1;
		has_field = 0;
		for (j = 0; j < rn->n; j += 2) {
			k = rn->v[j];
			v = rn->v[j + 1];
			if (strcmp(k->s, "field") == 0) {
				if (get_field(c, v, &f) != 0)
					return (c->rc);
				r->field = f;
				has_field = 1;
			} else if (strcmp(k->s, "any") == 0) {
				if (get_status(c, v, &st) != 0)
					return (c->rc);
				r->any = st;
			} else if (strcmp(k->s, "map") == 0) {
				if (want(c, v, Y_MAP) != 0)
					return (c->rc);
				r->map = xcalloc(v->n / 2 + 1, sizeof *r->map);
				for (m = 0; m < v->n; m += 2) {
					if (get_status(c, v->v[m + 1], &st) != 0)
						return (c->rc);
					r->map[r->nmap].text =
					    xstrdup(v->v[m]->s);
					r->map[r->nmap].key =
					    clean_header(v->v[m]->s);
					r->map[r->nmap++].status = st;
				}
			} else
				return (perr(c, k, "unknown key \"%s\" in a"
				    " status rule (field, any, map)", k->s));
		}
		if (!has_field)
			return (perr(c, rn, "a status rule needs a field"));
		if ((r->any == -1) == (r->map == NULL))
			return (perr(c, rn, "a status rule needs either any"
			    " or map"));
	}
	return (0);
}

static int
do_items(struct pctx *c, struct profile *p, const struct ynode *n)
{
	const struct ynode *k, *v;
	size_t		 i, j;
	int		 ch, f;

	if (want(c, n, Y_MAP) != 0)
		return (c->rc);
	for (i = 0; i < n->n; i += 2) {
		k = n->v[i];
		v = n->v[i + 1];
		if (strcmp(k->s, "separator") == 0) {
			if (get_char(c, v, 1, &ch) != 0)
				return (c->rc);
			p->item_sep = ch;
		} else if (strcmp(k->s, "field_separator") == 0) {
			if (get_char(c, v, 0, &ch) != 0)
				return (c->rc);
			p->item_field_sep = (char)ch;
		} else if (strcmp(k->s, "key_separator") == 0) {
			if (get_char(c, v, 0, &ch) != 0)
				return (c->rc);
			p->item_key_sep = (char)ch;
		} else if (strcmp(k->s, "keys") == 0) {
			if (want(c, v, Y_MAP) != 0)
				return (c->rc);
			p->item_keys = xcalloc(v->n / 2 + 1,
			    sizeof *p->item_keys);
			for (j = 0; j < v->n; j += 2) {
				if (get_field(c, v->v[j], &f) != 0)
					return (c->rc);
				if (f < PF_FIRST_LINE || f == PF_LINE_ITEMS)
					return (perr(c, v->v[j], "%s is not a"
					    " line field", v->v[j]->s));
				p->item_keys[p->nitem_keys].field = f;
				if (get_str(c, v->v[j + 1],
				    &p->item_keys[p->nitem_keys].key) != 0)
					return (c->rc);
				p->nitem_keys++;
			}
		} else
			return (perr(c, k, "unknown key \"%s\" in items"
			    " (separator, field_separator, key_separator,"
			    " keys)", k->s));
	}
	if (p->item_sep == p->item_field_sep ||
	    p->item_field_sep == p->item_key_sep)
		return (perr(c, n, "items: the separators must differ"));
	return (0);
}

static int
do_top(struct pctx *c, struct profile *p, const struct ynode *root)
{
	const struct ynode *k, *v;
	size_t		 i, j;
	long		 l;
	int		 e;
	char		*s = NULL, *h;

	if (want(c, root, Y_MAP) != 0)
		return (c->rc);
	for (i = 0; i < root->n && c->rc == 0; i += 2) {
		k = root->v[i];
		v = root->v[i + 1];
		if (strcmp(k->s, "name") == 0) {
			if (get_str(c, v, &p->name) == 0 && !name_ok(p->name))
				perr(c, v, "name: use a-z, 0-9, - and _");
		} else if (strcmp(k->s, "description") == 0)
			get_str(c, v, &p->description);
		else if (strcmp(k->s, "encoding") == 0) {
			if (get_enum(c, v, encoding_names, &e) == 0)
				p->encoding = e;
		} else if (strcmp(k->s, "delimiter") == 0)
			get_char(c, v, 0, &p->delimiter);
		else if (strcmp(k->s, "quote") == 0)
			get_char(c, v, 1, &p->quote);
		else if (strcmp(k->s, "header") == 0) {
			if (v->type == Y_SCALAR && strcmp(v->s, "detect") == 0)
				p->header_line = 0;
			else if (get_int(c, v, 1, 1000, &l) == 0)
				p->header_line = (int)l;
		} else if (strcmp(k->s, "skip_after_header") == 0) {
			if (get_int(c, v, 0, 100, &l) == 0)
				p->skip_after_header = l;
		} else if (strcmp(k->s, "skip_prefixes") == 0) {
			if (get_list(c, v, &p->skip_prefixes,
			    &p->nskip_prefixes) != 0)
				break;
			for (j = 0; j < p->nskip_prefixes; j++) {
				h = clean_header(p->skip_prefixes[j]);
				free(p->skip_prefixes[j]);
				p->skip_prefixes[j] = h;
				if (*h == '\0')
					perr(c, v, "an empty skip prefix");
			}
		} else if (strcmp(k->s, "model") == 0) {
			if (get_enum(c, v, model_names, &e) == 0)
				p->model = e;
		} else if (strcmp(k->s, "group_by") == 0) {
			if (get_field(c, v, &e) == 0) {
				if (e != PF_ORDER_ID && e != PF_ORDER_NUMBER)
					perr(c, v, "group_by: order_id or"
					    " order_number");
				p->group_by = e;
			}
		} else if (strcmp(k->s, "timezone") == 0) {
			if (want(c, v, Y_SCALAR) == 0 &&
			    clean_tzoff(v->s, &p->tzoff) != 0)
				perr(c, v, "\"%s\": expected an offset like"
				    " +08:00, -0500 or UTC", v->s);
		} else if (strcmp(k->s, "date_formats") == 0) {
			if (get_list(c, v, &p->date_formats,
			    &p->ndate_formats) != 0)
				break;
			for (j = 0; j < p->ndate_formats; j++) {
				if (clean_date_fmt_check(p->date_formats[j],
				    &s) != 0) {
					perr(c, v, "\"%s\": %s",
					    p->date_formats[j], s);
					break;
				}
			}
		} else if (strcmp(k->s, "money") == 0)
			do_money(c, p, v);
		else if (strcmp(k->s, "totals") == 0) {
			if (get_enum(c, v, totals_names, &e) == 0)
				p->totals = e;
		} else if (strcmp(k->s, "tax") == 0) {
			if (get_enum(c, v, tax_names, &e) == 0)
				p->tax = e;
		} else if (strcmp(k->s, "tolerance") == 0) {
			if (get_int(c, v, 0, 10000, &l) == 0)
				p->tolerance = l;
		} else if (strcmp(k->s, "unknown_sku") == 0) {
			if (get_enum(c, v, sku_names, &e) == 0)
				p->unknown_sku = e;
		} else if (strcmp(k->s, "detect") == 0)
			get_bool(c, v, &p->detect);
		else if (strcmp(k->s, "currency") == 0) {
			if (get_str(c, v, &p->currency) == 0 &&
			    (strlen(p->currency) != 3 ||
			    !isupper((unsigned char)p->currency[0]) ||
			    !isupper((unsigned char)p->currency[1]) ||
			    !isupper((unsigned char)p->currency[2])))
				perr(c, v, "currency: an ISO 4217 code like"
				    " USD");
		} else if (strcmp(k->s, "required") == 0)
			get_fields(c, v, &p->required, &p->nrequired);
		else if (strcmp(k->s, "detail_required") == 0)
			get_fields(c, v, &p->detail_required,
			    &p->ndetail_required);
		else if (strcmp(k->s, "columns") == 0)
			do_columns(c, p, v);
		else if (strcmp(k->s, "status") == 0)
			do_rules(c, p, v);
		else if (strcmp(k->s, "default_status") == 0) {
			if (get_status(c, v, &e) == 0)
				p->default_status = e;
		} else if (strcmp(k->s, "items") == 0)
			do_items(c, p, v);
		else
			perr(c, k, "unknown key \"%s\"", k->s);
	}
	free(s);
	return (c->rc);
}

/* What a profile must say, and what must agree. */
static int
check(struct pctx *c, struct profile *p, const struct ynode *root)
{
	size_t	 i;

	if (p->name == NULL)
		return (perr(c, root, "no name"));
	if (p->delimiter == p->quote)
		return (perr(c, root, "the delimiter and the quote are the"
		    " same"));
	if (p->columns[PF_ORDER_ID].n == 0 &&
	    p->columns[p->group_by].n == 0)
		return (perr(c, root, "columns: order_id is needed"));
	if (p->columns[p->group_by].n == 0)
		return (perr(c, root, "group_by: %s has no columns",
		    profile_field_name(p->group_by)));
	if (p->columns[PF_CREATED_AT].n != 0 && p->ndate_formats == 0)
		return (perr(c, root, "date_formats: at least one is needed"));
	if (p->nrequired == 0)
		return (perr(c, root, "required: list at least the order id"
		    " column"));
	for (i = 0; i < p->nrequired; i++)
		if (p->columns[p->required[i]].n == 0)
			return (perr(c, root, "required: %s has no columns",
			    profile_field_name(p->required[i])));
	for (i = 0; i < p->ndetail_required; i++)
		if (p->columns[p->detail_required[i]].n == 0)
			return (perr(c, root, "detail_required: %s has no"
			    " columns", profile_field_name(
			    p->detail_required[i])));
	for (i = 0; i < p->nrules; i++)
		if (p->columns[p->rules[i].field].n == 0)
			return (perr(c, root, "status: %s has no columns",
			    profile_field_name(p->rules[i].field)));
	if (p->model == PROFILE_JOINED && p->ndetail_required == 0)
		return (perr(c, root, "model joined needs detail_required"));
	if (p->model != PROFILE_JOINED && p->ndetail_required != 0)
		return (perr(c, root, "detail_required is for model joined"));
	if (p->model == PROFILE_ITEMS_IN_CELL &&
	    (p->columns[PF_LINE_ITEMS].n == 0 || p->nitem_keys == 0))
		return (perr(c, root, "model order_per_row_items_in_cell needs"
		    " columns line_items and items keys"));
	return (0);
}

static int
name_ok(const char *s)
{
	if (*s == '\0' || strlen(s) > 64)
		return (0);
	for (; *s != '\0'; s++)
		if (!islower((unsigned char)*s) &&
		    !isdigit((unsigned char)*s) && *s != '-' && *s != '_')
			return (0);
	return (1);
}

int
profile_load_buf(const char *name, const char *buf, size_t len,
    struct profile **pp, char **cause)
{
	struct pctx	 c;
	struct profile	*p;
	struct ynode	*root;
	int		 rc;

	if ((rc = ytree_parse(name, buf, len, &root, cause)) != 0)
		return (rc);
	p = xcalloc(1, sizeof *p);
	p->path = xstrdup(name);
	p->delimiter = ',';
	p->quote = '"';
	p->header_line = 1;
	p->group_by = PF_ORDER_ID;
	p->money.decimal = '.';
	p->totals = PROFILE_TOTALS_CHECK;
	p->tax = PROFILE_TAX_ADDED;
	p->unknown_sku = PROFILE_SKU_REJECT;
	p->detect = 1;
	p->default_status = PROFILE_PENDING;
	p->item_sep = ';';
	p->item_field_sep = '|';
	p->item_key_sep = ':';
	c.name = name;
	c.cause = cause;
	c.rc = 0;
	if (do_top(&c, p, root) == 0)
		check(&c, p, root);
	ytree_free(root);
	if (c.rc != 0) {
		profile_free(p);
		return (c.rc);
	}
	*pp = p;
	return (0);
}

int
profile_load(const char *path, struct profile **pp, char **cause)
{
	FILE		*f;
	struct stat	 st;
	char		*buf;
	size_t		 n;
	int		 rc;

	if ((f = fopen(path, "rb")) == NULL) {
		rc = errno;
		return (cause_set(cause, rc, "%s: %s", path, strerror(rc)));
	}
	if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode) ||
	    st.st_size > YTREE_MAX_INPUT) {
		fclose(f);
		return (cause_set(cause, ORDO_ECONFIG, "%s: not a regular file"
		    " of at most %d bytes", path, YTREE_MAX_INPUT));
	}
	buf = xmalloc(st.st_size + 1);
	n = fread(buf, 1, st.st_size, f);
	fclose(f);
	rc = profile_load_buf(path, buf, n, pp, cause);
	free(buf);
	return (rc);
}

int
profile_load_named(const char *dir, const char *name, struct profile **pp,
    char **cause)
{
	char	*path;
	int	 rc;

	if (!name_ok(name))
		return (cause_set(cause, ORDO_EINVAL, "\"%s\": a channel name"
		    " is made of a-z, 0-9, - and _", name));
	xasprintf(&path, "%s/%s.yaml", dir, name);
	rc = profile_load(path, pp, cause);
	free(path);
	return (rc);
}

static int
cmp_profiles(const void *a, const void *b)
{
	const struct profile *const *pa = a, *const *pb = b;

	return (strcmp((*pa)->name, (*pb)->name));
}

int
profile_load_dir(const char *dir, struct profile ***out, size_t *nout,
    char **cause)
{
	DIR		*d;
	struct dirent	*de;
	struct profile	**v = NULL, *p;
	size_t		 n = 0, len;
	char		*path;
	int		 rc = 0;

	if ((d = opendir(dir)) == NULL) {
		rc = errno;
		return (cause_set(cause, rc, "%s: %s", dir, strerror(rc)));
	}
	while ((de = readdir(d)) != NULL) {
		len = strlen(de->d_name);
		if (de->d_name[0] == '.' || len < 6 ||
		    strcmp(de->d_name + len - 5, ".yaml") != 0)
			continue;
		xasprintf(&path, "%s/%s", dir, de->d_name);
		rc = profile_load(path, &p, cause);
		free(path);
		if (rc != 0)
			break;
		v = xreallocarray(v, n + 1, sizeof *v);
		v[n++] = p;
	}
	closedir(d);
	if (rc != 0) {
		profile_free_all(v, n);
		return (rc);
	}
	if (n > 0)
		qsort(v, n, sizeof *v, cmp_profiles);
	*out = v;
	*nout = n;
	return (0);
}

void
profile_free(struct profile *p)
{
	size_t	 i, j;

	if (p == NULL)
		return;
	for (i = 0; i < PF_NFIELDS; i++) {
		free_list(p->columns[i].names, p->columns[i].n);
		if (p->columns[i].keys != NULL)
			free_list(p->columns[i].keys, p->columns[i].n);
	}
	for (i = 0; i < p->nrules; i++) {
		for (j = 0; j < p->rules[i].nmap; j++) {
			free(p->rules[i].map[j].text);
			free(p->rules[i].map[j].key);
		}
		free(p->rules[i].map);
	}
	free(p->rules);
	for (i = 0; i < p->nitem_keys; i++)
		free(p->item_keys[i].key);
	free(p->item_keys);
	free_list(p->skip_prefixes, p->nskip_prefixes);
	free_list(p->date_formats, p->ndate_formats);
	free(p->required);
	free(p->detail_required);
	free(p->currency);
	free(p->description);
	free(p->name);
	free(p->path);
	free(p);
}

void
profile_free_all(struct profile **v, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		profile_free(v[i]);
	free(v);
}

int
profile_resolve(const struct profile *p, char *const *hdr, size_t nhdr,
    int detail, int *col, size_t **items, size_t *nitems, char **cause)
{
	const struct profile_column *pc;
	const enum profile_field *req;
	char		**keys, *missing = NULL, *tmp;
	size_t		 i, j, k, nreq, klen;
	int		 f, rc = 0;

	keys = xcalloc(nhdr + 1, sizeof *keys);
	for (i = 0; i < nhdr; i++)
		keys[i] = clean_header(hdr[i]);
	if (items != NULL) {
		*items = NULL;
		*nitems = 0;
	}
	for (f = 0; f < PF_NFIELDS; f++) {
		col[f] = -1;
		pc = &p->columns[f];
		for (j = 0; j < pc->n && col[f] == -1; j++) {
			klen = strlen(pc->keys[j]);
			if (f == PF_LINE_ITEMS && pc->keys[j][klen - 1] == '*') {
				for (i = 0; i < nhdr; i++) {
					if (strncmp(keys[i], pc->keys[j],
					    klen - 1) != 0)
						continue;
					if (col[f] == -1)
						col[f] = (int)i;
					if (items == NULL)
						continue;
					*items = xreallocarray(*items,
					    *nitems + 1, sizeof **items);
					(*items)[(*nitems)++] = i;
				}
				continue;
			}
			for (i = 0; i < nhdr; i++) {
				if (strcmp(keys[i], pc->keys[j]) != 0)
					continue;
				if (col[f] == -1) {
					col[f] = (int)i;
					continue;
				}
				if (rc == 0)
					rc = cause_set(cause, ORDO_EINVAL,
					    "the header has \"%s\" twice"
					    " (columns %d and %zu)", hdr[i],
					    col[f] + 1, i + 1);
			}
			if (col[f] != -1 && f == PF_LINE_ITEMS &&
			    items != NULL) {
				*items = xcalloc(1, sizeof **items);
				(*items)[0] = col[f];
				*nitems = 1;
			}
		}
	}
	req = detail ? p->detail_required : p->required;
	nreq = detail ? p->ndetail_required : p->nrequired;
	for (k = 0; k < nreq && rc == 0; k++) {
		if (col[req[k]] != -1)
			continue;
		pc = &p->columns[req[k]];
		xasprintf(&tmp, "%s%s\"%s\"", missing == NULL ? "" : missing,
		    missing == NULL ? "" : ", ", pc->names[0]);
		free(missing);
		missing = tmp;
	}
	if (missing != NULL) {
		rc = cause_set(cause, ORDO_EINVAL, "missing column%s %s for"
		    " profile %s", strchr(missing, ',') != NULL ? "s" : "",
		    missing, p->name);
		free(missing);
	}
	free_list(keys, nhdr);
	if (rc != 0 && items != NULL) {
		free(*items);
		*items = NULL;
		*nitems = 0;
	}
	return (rc);
}

size_t
profile_detect(struct profile *const *v, size_t n, char *const *hdr,
    size_t nhdr, size_t *out)
{
	int	 col[PF_NFIELDS];
	size_t	 i, found = 0;

	for (i = 0; i < n; i++) {
		if (!v[i]->detect)
			continue;
		if (profile_resolve(v[i], hdr, nhdr, 0, col, NULL, NULL,
		    NULL) == 0 || (v[i]->model == PROFILE_JOINED &&
		    profile_resolve(v[i], hdr, nhdr, 1, col, NULL, NULL,
		    NULL) == 0))
			out[found++] = i;
	}
	return (found);
}
