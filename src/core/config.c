/*
 * config.c: read config/ordo.yaml with libyaml's event API.
 *
 * The text is checked before libyaml sees it (size, UTF-8, control
 * characters), then parsed twice.  The first pass only pulls events and
 * applies the rules that hold for any part of the file: no aliases, no
 * anchors, no explicit tags, one document, nesting at most
 * CONFIG_MAX_DEPTH deep.  The second pass is a small recursive-descent
 * parser over the same events whose shape is the schema (the field tables
 * below), so a value of the wrong kind is an error the moment it is seen
 * and nothing is ever built that the struct does not hold.  Every error
 * names "file:line:column:", 1-based, columns counted in characters as
 * libyaml counts them.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <yaml.h>

#include "ordo/config.h"
#include "ordo/error.h"
#include "ordo/xmalloc.h"

#define CONFIG_MAX_SIZE		(1024 * 1024)	/* bytes in the file */
#define CONFIG_MAX_DEPTH	16	/* nested mappings and lists */
#define CONFIG_MAX_TEXT		128	/* bytes in a name */
#define CONFIG_MAX_CODE		32	/* bytes in a code or login */
#define CONFIG_MAX_PATH		4096	/* bytes in database.path */
#define CONFIG_MAX_RATE		10000	/* 100%, in basis points */
#define VIS_SIZE		64	/* quoted user text in messages */

#ifndef nitems
#define nitems(a)		(sizeof (a) / sizeof (a)[0])
#endif

struct cparse;

/* One key of a mapping and the function that reads its value. */
struct field {
	const char	*key;
	const char	*path;		/* for messages: "currency.code" */
	int		 required;
	int		(*parse)(struct cparse *, const struct field *, void *);
};

/* The state of one load. */
struct cparse {
	const char	*name;		/* file name for messages */
	const char	*buf;
	size_t		 len;
	char		**cause;

	yaml_parser_t	 parser;
	int		 parser_open;
	yaml_event_t	 ev;		/* the current event */
	int		 have_ev;
	int		 again;		/* next_event returns ev once more */
	int		 depth;
	int		 ndocs;

	struct config	*cfg;
	size_t		 lcap, acap, ucap;
	yaml_mark_t	*lmarks;	/* where each location code is */
	yaml_mark_t	*amarks;	/* where each account code is */
	yaml_mark_t	*umarks;	/* where each login is */
};

/* A key and its place in file order, for finding duplicates. */
struct keyed {
	const char	*key;
	size_t		 i;
};

static int	 load(const char *, const char *, const char *, size_t,
		    struct config **, char **);
static int	 perr(struct cparse *, const yaml_mark_t *, const char *,
		    const char *, ...) __attribute__((format(printf, 4, 5)));
static int	 yaml_error(struct cparse *);
static int	 parser_start(struct cparse *);
static void	 parser_stop(struct cparse *);
static int	 next_event(struct cparse *);
static int	 check_props(struct cparse *, const yaml_char_t *,
		    const yaml_char_t *);
static int	 check_text(struct cparse *);
static int	 check_structure(struct cparse *);
static int	 parse_document(struct cparse *);
static int	 parse_map(struct cparse *, const char *, const struct field *,
		    size_t, void *);
static int	 type_error(struct cparse *, const char *, const char *);
static const char *ev_kind(const yaml_event_t *);
static int	 get_scalar(struct cparse *, const char *, const char **,
		    size_t *);
static int	 get_text(struct cparse *, const char *, size_t, char **);
static int	 get_int(struct cparse *, const char *, int, int, int *);
static int	 get_bool(struct cparse *, const char *, int *);
static int	 get_role(struct cparse *, const char *, enum role *);
static int	 is_null(const yaml_event_t *);
static int	 utf8_decode(const unsigned char *, size_t, uint32_t *);
static int	 is_control(uint32_t);
static int	 text_ok(const char *, size_t);
static int	 code_ok(const char *, size_t, int);
static void	 mark_at(const char *, size_t, size_t, yaml_mark_t *);
static const char *vis(char *, size_t, const char *, size_t);
static int	 parse_rate(const char *, size_t, int *);
static int	 parse_size(const char *, size_t, uint64_t *);
static int	 lookup(const char *const *, size_t, const char *, size_t);
static int	 keyed_cmp(const void *, const void *);
static size_t	 find_dup(struct keyed *, size_t);
static int	 user_cmp(const void *, const void *);
static int	 login_cmp(const void *, const void *);
static char	*path_dir(const char *);
static char	*db_resolve(const char *, const char *);
static void	 find_add(char **, const char *);
static int	 find_exists(const char *, int *);

static int	 f_company(struct cparse *, const struct field *, void *);
static int	 f_currency(struct cparse *, const struct field *, void *);
static int	 f_currency_code(struct cparse *, const struct field *, void *);
static int	 f_minor_digits(struct cparse *, const struct field *, void *);
static int	 f_tax(struct cparse *, const struct field *, void *);
static int	 f_tax_rate(struct cparse *, const struct field *, void *);
static int	 f_database(struct cparse *, const struct field *, void *);
static int	 f_db_path(struct cparse *, const struct field *, void *);
static int	 f_map_size(struct cparse *, const struct field *, void *);
static int	 f_locations(struct cparse *, const struct field *, void *);
static int	 f_loc_code(struct cparse *, const struct field *, void *);
static int	 f_loc_name(struct cparse *, const struct field *, void *);
static int	 f_loc_backorder(struct cparse *, const struct field *, void *);
static int	 f_accounts(struct cparse *, const struct field *, void *);
static int	 f_acct_code(struct cparse *, const struct field *, void *);
static int	 f_acct_name(struct cparse *, const struct field *, void *);
static int	 f_acct_type(struct cparse *, const struct field *, void *);
static int	 f_acct_role(struct cparse *, const struct field *, void *);
static int	 f_users(struct cparse *, const struct field *, void *);
static int	 f_default_role(struct cparse *, const struct field *, void *);
static int	 f_user_roles(struct cparse *, const struct field *, void *);

static const char *const role_names[] = {
	"picker", "clerk", "manager", "admin"
};

static const char *const account_role_names[] = {
#define X(id, name) name,
	ACCOUNT_ROLES
#undef X
};

static const char *const account_type_names[] = {
	"asset", "liability", "equity", "income", "expense"
};

/* The schema: one table per mapping. */
static const struct field root_fields[] = {
	{ "company",	"company",	1, f_company },
	{ "currency",	"currency",	1, f_currency },
	{ "tax",	"tax",		0, f_tax },
	{ "database",	"database",	1, f_database },
	{ "locations",	"locations",	1, f_locations },
	{ "accounts",	"accounts",	1, f_accounts },
	{ "users",	"users",	0, f_users }
};

static const struct field currency_fields[] = {
	{ "code",		"currency.code",	  1, f_currency_code },
	{ "minor_digits",	"currency.minor_digits",  0, f_minor_digits }
};

static const struct field tax_fields[] = {
	{ "rate",	"tax.rate",	1, f_tax_rate }
};

static const struct field database_fields[] = {
	{ "path",	"database.path",	1, f_db_path },
	{ "map_size",	"database.map_size",	0, f_map_size }
};

static const struct field location_fields[] = {
	{ "code",	"locations.code",	1, f_loc_code },
	{ "name",	"locations.name",	1, f_loc_name },
	{ "backorder",	"locations.backorder",	0, f_loc_backorder }
};

static const struct field account_fields[] = {
	{ "code",	"accounts.code",	1, f_acct_code },
	{ "name",	"accounts.name",	1, f_acct_name },
	{ "type",	"accounts.type",	1, f_acct_type },
	{ "role",	"accounts.role",	0, f_acct_role }
};

static const struct field users_fields[] = {
	{ "default_role",	"users.default_role",	0, f_default_role },
	{ "roles",		"users.roles",		0, f_user_roles }
};

/*
 * Set the cause to "name:line:col: [path: ]message" and return
 * ORDO_ECONFIG.
 */
static int
perr(struct cparse *p, const yaml_mark_t *mark, const char *path,
    const char *fmt, ...)
{
	va_list	 ap;
	char	*msg;
	int	 error;

	va_start(ap, fmt);
	xvasprintf(&msg, fmt, ap);
	va_end(ap);
	if (path != NULL && *path != '\0')
		error = cause_set(p->cause, ORDO_ECONFIG, "%s:%zu:%zu: %s: %s",
		    p->name, mark->line + 1, mark->column + 1, path, msg);
	else
		error = cause_set(p->cause, ORDO_ECONFIG, "%s:%zu:%zu: %s",
		    p->name, mark->line + 1, mark->column + 1, msg);
	free(msg);
	return (error);
}

/* Turn libyaml's own error into ours. */
static int
yaml_error(struct cparse *p)
{
	yaml_parser_t	*yp = &p->parser;
	yaml_mark_t	 mark;
	const char	*problem;

	problem = yp->problem != NULL ? yp->problem : "syntax error";
	switch (yp->error) {
	case YAML_MEMORY_ERROR:
		return (cause_set(p->cause, ENOMEM, "%s: out of memory",
		    p->name));
	case YAML_READER_ERROR:
		mark_at(p->buf, p->len, yp->problem_offset, &mark);
		return (perr(p, &mark, NULL, "%s", problem));
	case YAML_SCANNER_ERROR:
	case YAML_PARSER_ERROR:
		if (yp->context != NULL)
			return (perr(p, &yp->problem_mark, NULL, "%s %s",
			    problem, yp->context));
		return (perr(p, &yp->problem_mark, NULL, "%s", problem));
	default:
		mark.line = mark.column = 0;
		return (perr(p, &mark, NULL, "%s", problem));
	}
}

static int
parser_start(struct cparse *p)
{
	if (!yaml_parser_initialize(&p->parser))
		return (cause_set(p->cause, ENOMEM, "%s: out of memory",
		    p->name));
	p->parser_open = 1;
	yaml_parser_set_input_string(&p->parser,
	    (const unsigned char *)p->buf, p->len);
	yaml_parser_set_encoding(&p->parser, YAML_UTF8_ENCODING);
	p->depth = 0;
	p->ndocs = 0;
	p->again = 0;
	return (0);
}

static void
parser_stop(struct cparse *p)
{
	if (p->have_ev) {
		yaml_event_delete(&p->ev);
		p->have_ev = 0;
	}
	if (p->parser_open) {
		yaml_parser_delete(&p->parser);
		p->parser_open = 0;
	}
}

/*
 * Pull the next event into p->ev (or give the current one again after
 * p->again was set) and apply the rules that hold everywhere.
 */
static int
next_event(struct cparse *p)
{
	yaml_event_t	*ev = &p->ev;
	char		 v[VIS_SIZE];
	const char	*anchor;
	int		 error;

	if (p->again) {
		p->again = 0;
		return (0);
	}
	if (p->have_ev) {
		yaml_event_delete(ev);
		p->have_ev = 0;
	}
	if (!yaml_parser_parse(&p->parser, ev))
		return (yaml_error(p));
	p->have_ev = 1;

	switch (ev->type) {
	case YAML_DOCUMENT_START_EVENT:
		if (++p->ndocs > 1)
			return (perr(p, &ev->start_mark, NULL,
			    "only one document is allowed"));
		break;
	case YAML_ALIAS_EVENT:
		anchor = (const char *)ev->data.alias.anchor;
		return (perr(p, &ev->start_mark, NULL,
		    "aliases are not allowed (*%s)",
		    vis(v, sizeof v, anchor, strlen(anchor))));
	case YAML_SCALAR_EVENT:
		return (check_props(p, ev->data.scalar.anchor,
		    ev->data.scalar.tag));
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT:
		if (ev->type == YAML_SEQUENCE_START_EVENT)
			error = check_props(p, ev->data.sequence_start.anchor,
			    ev->data.sequence_start.tag);
		else
			error = check_props(p, ev->data.mapping_start.anchor,
			    ev->data.mapping_start.tag);
		if (error != 0)
			return (error);
		if (++p->depth > CONFIG_MAX_DEPTH)
			return (perr(p, &ev->start_mark, NULL,
			    "nested deeper than %d levels", CONFIG_MAX_DEPTH));
		break;
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		p->depth--;
		break;
	default:
		break;
	}
	return (0);
}

/* Anchors and explicit tags are refused on any node. */
static int
check_props(struct cparse *p, const yaml_char_t *anchor,
    const yaml_char_t *tag)
{
	char	 v[VIS_SIZE];

	if (anchor != NULL)
		return (perr(p, &p->ev.start_mark, NULL,
		    "anchors are not allowed (&%s)", vis(v, sizeof v,
		    (const char *)anchor, strlen((const char *)anchor))));
	if (tag != NULL)
		return (perr(p, &p->ev.start_mark, NULL,
		    "tags are not allowed (%s)", vis(v, sizeof v,
		    (const char *)tag, strlen((const char *)tag))));
	return (0);
}

/*
 * Before libyaml: the file must be UTF-8 with no control characters but
 * tab and line breaks (the set libyaml itself accepts), so that a bad
 * byte is reported exactly where it is.
 */
static int
check_text(struct cparse *p)
{
	const unsigned char	*s = (const unsigned char *)p->buf;
	yaml_mark_t		 mark;
	uint32_t		 c;
	size_t			 i;
	int			 n;

	for (i = 0; i < p->len; i += n) {
		if ((n = utf8_decode(s + i, p->len - i, &c)) == 0) {
			mark_at(p->buf, p->len, i, &mark);
			return (perr(p, &mark, NULL, "invalid UTF-8"));
		}
		if (c == '\t' || c == '\n' || c == '\r' || c == 0x85)
			continue;
		if (is_control(c) || c == 0xfffe || c == 0xffff) {
			mark_at(p->buf, p->len, i, &mark);
			return (perr(p, &mark, NULL,
			    "control character U+%04X is not allowed",
			    (unsigned int)c));
		}
	}
	return (0);
}

/* Pass one: every event, only the general rules. */
static int
check_structure(struct cparse *p)
{
	int	 error;

	do {
		if ((error = next_event(p)) != 0)
			return (error);
	} while (p->ev.type != YAML_STREAM_END_EVENT);
	return (0);
}

/* Pass two: stream, one document, the top-level mapping. */
static int
parse_document(struct cparse *p)
{
	int	 error;

	if ((error = next_event(p)) != 0)	/* stream start */
		return (error);
	if ((error = next_event(p)) != 0)
		return (error);
	if (p->ev.type == YAML_STREAM_END_EVENT)
		return (perr(p, &p->ev.start_mark, NULL, "the file is empty"));
	if ((error = parse_map(p, NULL, root_fields, nitems(root_fields),
	    p->cfg)) != 0)
		return (error);
	if ((error = next_event(p)) != 0)	/* document end */
		return (error);
	return (0);
}

/*
 * Read a mapping whose keys are in the table f; each value is read by its
 * field's function.  Unknown, duplicate and missing required keys are
 * errors.
 */
static int
parse_map(struct cparse *p, const char *path, const struct field *f,
    size_t nf, void *arg)
{
	yaml_mark_t	 start;
	uint32_t	 seen = 0;
	const char	*key;
	size_t		 i, klen;
	char		 v[VIS_SIZE];
	int		 error;

	if ((error = next_event(p)) != 0)
		return (error);
	if (p->ev.type != YAML_MAPPING_START_EVENT)
		return (type_error(p, path, "a mapping of keys"));
	start = p->ev.start_mark;
	for (;;) {
		if ((error = next_event(p)) != 0)
			return (error);
		if (p->ev.type == YAML_MAPPING_END_EVENT)
			break;
		if (p->ev.type != YAML_SCALAR_EVENT)
			return (perr(p, &p->ev.start_mark, path,
			    "a key must be a single word, not %s",
			    ev_kind(&p->ev)));
		key = (const char *)p->ev.data.scalar.value;
		klen = p->ev.data.scalar.length;
		for (i = 0; i < nf; i++) {
			if (strlen(f[i].key) == klen &&
			    memcmp(f[i].key, key, klen) == 0)
				break;
		}
		if (i == nf)
			return (perr(p, &p->ev.start_mark, path,
			    "unknown key \"%s\"", vis(v, sizeof v, key, klen)));
		if (seen & (1U << i))
			return (perr(p, &p->ev.start_mark, path,
			    "duplicate key \"%s\"", f[i].key));
		seen |= 1U << i;
		if ((error = f[i].parse(p, &f[i], arg)) != 0)
			return (error);
	}
	for (i = 0; i < nf; i++) {
		if (f[i].required && (seen & (1U << i)) == 0)
			return (perr(p, &start, path,
			    "missing required key \"%s\"", f[i].key));
	}
	return (0);
}

static int
type_error(struct cparse *p, const char *path, const char *want)
{
	return (perr(p, &p->ev.start_mark, path, "expected %s, found %s",
	    want, ev_kind(&p->ev)));
}

static const char *
ev_kind(const yaml_event_t *ev)
{
	switch (ev->type) {
	case YAML_SCALAR_EVENT:
		return ("a single value");
	case YAML_SEQUENCE_START_EVENT:
		return ("a list");
	case YAML_MAPPING_START_EVENT:
		return ("a mapping");
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		return ("the end of a block");
	default:
		return ("something else");
	}
}

/* The next event must be a scalar; its text is valid until the next. */
static int
get_scalar(struct cparse *p, const char *path, const char **s, size_t *len)
{
	int	 error;

	*s = "";
	*len = 0;
	if ((error = next_event(p)) != 0)
		return (error);
	if (p->ev.type != YAML_SCALAR_EVENT)
		return (type_error(p, path, "a single value"));
	*s = (const char *)p->ev.data.scalar.value;
	*len = p->ev.data.scalar.length;
	return (0);
}

/* A non-empty line of text of at most max bytes. */
static int
get_text(struct cparse *p, const char *path, size_t max, char **out)
{
	const char	*s;
	size_t		 len;
	int		 error;

	if ((error = get_scalar(p, path, &s, &len)) != 0)
		return (error);
	if (len == 0 || is_null(&p->ev))
		return (perr(p, &p->ev.start_mark, path,
		    "must not be empty"));
	if (len > max)
		return (perr(p, &p->ev.start_mark, path,
		    "longer than %zu bytes", max));
	if (!text_ok(s, len))
		return (perr(p, &p->ev.start_mark, path,
		    "control characters and line breaks are not allowed"));
	free(*out);
	*out = xstrndup(s, len);
	return (0);
}

/* A whole number from min to max. */
static int
get_int(struct cparse *p, const char *path, int min, int max, int *out)
{
	const char	*s;
	size_t		 len, i;
	long		 v = 0;
	char		 vb[VIS_SIZE];
	int		 error;

	if ((error = get_scalar(p, path, &s, &len)) != 0)
		return (error);
	for (i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9' || i >= 9)
			break;
		v = v * 10 + (s[i] - '0');
	}
	if (len == 0 || i != len || v < min || v > max)
		return (perr(p, &p->ev.start_mark, path,
		    "expected a whole number from %d to %d, not \"%s\"",
		    min, max, vis(vb, sizeof vb, s, len)));
	*out = (int)v;
	return (0);
}

static int
get_bool(struct cparse *p, const char *path, int *out)
{
	static const char *const yes[] = { "true", "True", "TRUE" };
	static const char *const no[] = { "false", "False", "FALSE" };
	const char	*s;
	size_t		 len;
	char		 v[VIS_SIZE];
	int		 error;

	if ((error = get_scalar(p, path, &s, &len)) != 0)
		return (error);
	if (lookup(yes, nitems(yes), s, len) != -1)
		*out = 1;
	else if (lookup(no, nitems(no), s, len) != -1)
		*out = 0;
	else
		return (perr(p, &p->ev.start_mark, path,
		    "expected true or false, not \"%s\"",
		    vis(v, sizeof v, s, len)));
	return (0);
}

static int
get_role(struct cparse *p, const char *path, enum role *out)
{
	const char	*s;
	size_t		 len;
	char		 v[VIS_SIZE];
	int		 error, i;

	if ((error = get_scalar(p, path, &s, &len)) != 0)
		return (error);
	if ((i = lookup(role_names, nitems(role_names), s, len)) == -1)
		return (perr(p, &p->ev.start_mark, path,
		    "unknown role \"%s\" (picker, clerk, manager or admin)",
		    vis(v, sizeof v, s, len)));
	*out = (enum role)i;
	return (0);
}

/* A plain empty, "~" or "null" scalar: YAML's null. */
static int
is_null(const yaml_event_t *ev)
{
	static const char *const nulls[] = { "", "~", "null", "Null", "NULL" };

	if (ev->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return (0);
	return (lookup(nulls, nitems(nulls),
	    (const char *)ev->data.scalar.value,
	    ev->data.scalar.length) != -1);
}

/*
 * Decode one UTF-8 character; return its length, or 0 if the bytes are
 * not valid UTF-8 (truncated, overlong, surrogate, above U+10FFFF).
 */
static int
utf8_decode(const unsigned char *s, size_t len, uint32_t *cp)
{
	uint32_t	 c;
	int		 n, i;

	if (len == 0)
		return (0);
	if (s[0] < 0x80) {
		*cp = s[0];
		return (1);
	}
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		n = 2;
		c = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		n = 3;
		c = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		n = 4;
		c = s[0] & 0x07;
	} else
		return (0);
	if (len < (size_t)n)
		return (0);
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return (0);
		c = (c << 6) | (s[i] & 0x3f);
	}
	if ((n == 3 && c < 0x800) || (n == 4 && c < 0x10000) ||
	    (c >= 0xd800 && c <= 0xdfff) || c > 0x10ffff)
		return (0);
	*cp = c;
	return (n);
}

/* C0, DEL and C1 controls. */
static int
is_control(uint32_t c)
{
	return (c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f));
}

/* Valid UTF-8 with no control character at all (no tab, no newline). */
static int
text_ok(const char *s, size_t len)
{
	uint32_t	 c;
	size_t		 i;
	int		 n;

	for (i = 0; i < len; i += n) {
		n = utf8_decode((const unsigned char *)s + i, len - i, &c);
		if (n == 0 || is_control(c) || c == 0x2028 || c == 0x2029)
			return (0);
	}
	return (1);
}

/*
 * A code: 1 to CONFIG_MAX_CODE bytes of A-Z, 0-9, '-' and '_'; lower
 * case letters and '.' too when loose (account codes, logins).  Never
 * starts with '-'.
 */
static int
code_ok(const char *s, size_t len, int loose)
{
	size_t	 i;
	char	 c;

	if (len == 0 || len > CONFIG_MAX_CODE || s[0] == '-')
		return (0);
	for (i = 0; i < len; i++) {
		c = s[i];
		if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    c == '-' || c == '_')
			continue;
		if (loose && ((c >= 'a' && c <= 'z') || c == '.'))
			continue;
		return (0);
	}
	return (1);
}

/*
 * The line and column of byte offset off, counted as libyaml counts them:
 * CR LF, CR, LF, NEL, LS and PS end a line; a column is a character.
 */
static void
mark_at(const char *buf, size_t len, size_t off, yaml_mark_t *mark)
{
	const unsigned char	*s = (const unsigned char *)buf;
	uint32_t		 c;
	size_t			 i = 0;
	int			 n;

	mark->index = off;
	mark->line = mark->column = 0;
	if (off > len)
		off = len;
	while (i < off) {
		if ((n = utf8_decode(s + i, len - i, &c)) == 0) {
			n = 1;
			c = 0;
		}
		if (c == '\r' && i + 1 < len && s[i + 1] == '\n')
			n = 2;
		if (c == '\r' || c == '\n' || c == 0x85 || c == 0x2028 ||
		    c == 0x2029) {
			mark->line++;
			mark->column = 0;
		} else
			mark->column++;
		i += n;
	}
}

/*
 * Copy user text for a message: control characters become '?', long
 * text is cut at a character boundary and ends in "...".
 */
static const char *
vis(char *out, size_t size, const char *s, size_t len)
{
	uint32_t	 c;
	size_t		 i, o = 0;
	int		 n;

	for (i = 0; i < len; i += n) {
		n = utf8_decode((const unsigned char *)s + i, len - i, &c);
		if (n == 0) {
			n = 1;
			c = 0;
		}
		if (o + n + 4 > size) {
			memcpy(out + o, "...", 3);
			o += 3;
			break;
		}
		if (is_control(c))
			out[o++] = '?';
		else {
			memcpy(out + o, s + i, n);
			o += n;
		}
	}
	out[o] = '\0';
	return (out);
}

/*
 * A percentage with at most two decimals, an optional '%': "13", "8.25",
 * "13%".  Stored in basis points, no floating point.  Returns 0, or -1
 * for bad text, -2 for too many decimals, -3 when above 100%.
 */
static int
parse_rate(const char *s, size_t len, int *bp)
{
	size_t	 i = 0, nwhole = 0, nfrac = 0;
	int	 whole = 0, frac = 0;

	while (i < len && s[i] >= '0' && s[i] <= '9') {
		if (++nwhole > 3)
			return (-1);
		whole = whole * 10 + (s[i++] - '0');
	}
	if (nwhole == 0)
		return (-1);
	if (i < len && s[i] == '.') {
		i++;
		while (i < len && s[i] >= '0' && s[i] <= '9') {
			if (++nfrac > 2)
				return (-2);
			frac = frac * 10 + (s[i++] - '0');
		}
		if (nfrac == 0)
			return (-1);
	}
	if (nfrac == 1)
		frac *= 10;
	if (i < len && s[i] == '%')
		i++;
	if (i != len)
		return (-1);
	if (whole * 100 + frac > CONFIG_MAX_RATE)
		return (-3);
	*bp = whole * 100 + frac;
	return (0);
}

/*
 * Bytes, or a whole number with a binary suffix: "1073741824", "64MiB",
 * "2 GiB".  Returns 0, or -1 for bad text, -2 when too large.
 */
static int
parse_size(const char *s, size_t len, uint64_t *out)
{
	static const char *const suffix[] = { "", "KiB", "MiB", "GiB", "TiB" };
	uint64_t	 v = 0;
	size_t		 i = 0;
	int		 k, shift;

	while (i < len && s[i] >= '0' && s[i] <= '9') {
		if (v > (UINT64_MAX - 9) / 10)
			return (-2);
		v = v * 10 + (uint64_t)(s[i++] - '0');
	}
	if (i == 0)
		return (-1);
	if (i < len && s[i] == ' ' && i + 1 < len)
		i++;
	if ((k = lookup(suffix, nitems(suffix), s + i, len - i)) == -1)
		return (-1);
	shift = 10 * k;
	if (shift != 0 && v > (UINT64_MAX >> shift))
		return (-2);
	v <<= shift;
	if (v > SIZE_MAX)
		return (-2);
	*out = v;
	return (0);
}

/* The index of s[0..len) in a table of names, or -1. */
static int
lookup(const char *const *names, size_t n, const char *s, size_t len)
{
	size_t	 i;

	for (i = 0; i < n; i++) {
		if (strlen(names[i]) == len && memcmp(names[i], s, len) == 0)
			return ((int)i);
	}
	return (-1);
}

static int
keyed_cmp(const void *a, const void *b)
{
	const struct keyed	*ka = a, *kb = b;
	int			 c;

	if ((c = strcmp(ka->key, kb->key)) != 0)
		return (c);
	return (ka->i < kb->i ? -1 : ka->i > kb->i);
}

/*
 * The file-order index of the first key that repeats an earlier one, or
 * SIZE_MAX.  Sorts k.
 */
static size_t
find_dup(struct keyed *k, size_t n)
{
	size_t	 i, dup = SIZE_MAX;

	if (n < 2)
		return (SIZE_MAX);
	qsort(k, n, sizeof *k, keyed_cmp);
	for (i = 1; i < n; i++) {
		if (strcmp(k[i - 1].key, k[i].key) == 0 && k[i].i < dup)
			dup = k[i].i;
	}
	return (dup);
}

static int
user_cmp(const void *a, const void *b)
{
	const struct config_user	*ua = a, *ub = b;

	return (strcmp(ua->login, ub->login));
}

/* bsearch(): a login against a user. */
static int
login_cmp(const void *key, const void *elem)
{
	const struct config_user	*u = elem;

	return (strcmp(key, u->login));
}

static int
f_company(struct cparse *p, const struct field *f, void *arg)
{
	struct config	*cfg = arg;

	return (get_text(p, f->path, CONFIG_MAX_TEXT, &cfg->company));
}

static int
f_currency(struct cparse *p, const struct field *f, void *arg)
{
	return (parse_map(p, f->path, currency_fields,
	    nitems(currency_fields), arg));
}

static int
f_currency_code(struct cparse *p, const struct field *f, void *arg)
{
	struct config	*cfg = arg;
	const char	*s;
	size_t		 len, i;
	char		 v[VIS_SIZE];
	int		 error;

	if ((error = get_scalar(p, f->path, &s, &len)) != 0)
		return (error);
	for (i = 0; i < len; i++) {
		if (s[i] < 'A' || s[i] > 'Z')
			break;
	}
	if (len != 3 || i != len)
		return (perr(p, &p->ev.start_mark, f->path,
		    "expected a 3-letter upper-case code like CNY, not \"%s\"",
		    vis(v, sizeof v, s, len)));
	cfg->currency = xstrndup(s, len);
	return (0);
}

static int
f_minor_digits(struct cparse *p, const struct field *f, void *arg)
{
	struct config	*cfg = arg;

	return (get_int(p, f->path, 0, 4, &cfg->minor_digits));
}

static int
f_tax(struct cparse *p, const struct field *f, void *arg)
{
	return (parse_map(p, f->path, tax_fields, nitems(tax_fields), arg));
}

static int
f_tax_rate(struct cparse *p, const struct field *f, void *arg)
{
	struct config	*cfg = arg;
	const char	*s;
	size_t		 len;
	char		 v[VIS_SIZE];
	int		 error;

	if ((error = get_scalar(p, f->path, &s, &len)) != 0)
		return (error);
	switch (parse_rate(s, len, &cfg->tax_rate)) {
	case 0:
		return (0);
	case -2:
		return (perr(p, &p->ev.start_mark, f->path,
		    "at most 2 decimals, not \"%s\"",
		    vis(v, sizeof v, s, len)));
	case -3:
		return (perr(p, &p->ev.start_mark, f->path,
		    "must be from 0 to 100, not \"%s\"",
		    vis(v, sizeof v, s, len)));
	default:
		return (perr(p, &p->ev.start_mark, f->path,
		    "expected a percentage like 13 or 8.25, not \"%s\"",
		    vis(v, sizeof v, s, len)));
	}
}

static int
f_database(struct cparse *p, const struct field *f, void *arg)
{
	return (parse_map(p, f->path, database_fields,
	    nitems(database_fields), arg));
}

static int
f_db_path(struct cparse *p, const struct field *f, void *arg)
{
	struct config	*cfg = arg;

	/* Made relative to the config file in load(). */
	return (get_text(p, f->path, CONFIG_MAX_PATH, &cfg->db_dir));
}

static int
f_map_size(struct cparse *p, const struct field *f, void *arg)
{
	struct config	*cfg = arg;
	const char	*s;
	size_t		 len;
	uint64_t	 v;
	char		 vb[VIS_SIZE];
	int		 error;

	if ((error = get_scalar(p, f->path, &s, &len)) != 0)
		return (error);
	switch (parse_size(s, len, &v)) {
	case 0:
		cfg->map_size = (size_t)v;
		return (0);
	case -2:
		return (perr(p, &p->ev.start_mark, f->path,
		    "too large: \"%s\"", vis(vb, sizeof vb, s, len)));
	default:
		return (perr(p, &p->ev.start_mark, f->path,
		    "expected bytes or a size like 64MiB or 2GiB, not \"%s\"",
		    vis(vb, sizeof vb, s, len)));
	}
}

static int
f_locations(struct cparse *p, const struct field *f, void *arg)
{
	struct config		*cfg = arg;
	struct config_location	*loc;
	struct keyed		*k;
	yaml_mark_t		 start;
	size_t			 i, dup;
	int			 error;

	if ((error = next_event(p)) != 0)
		return (error);
	if (p->ev.type != YAML_SEQUENCE_START_EVENT)
		return (type_error(p, f->path, "a list"));
	start = p->ev.start_mark;
	for (;;) {
		if ((error = next_event(p)) != 0)
			return (error);
		if (p->ev.type == YAML_SEQUENCE_END_EVENT)
			break;
		p->again = 1;
		if (cfg->nlocations == p->lcap) {
			p->lcap = p->lcap == 0 ? 4 : p->lcap * 2;
			cfg->locations = xreallocarray(cfg->locations,
			    p->lcap, sizeof *cfg->locations);
			p->lmarks = xreallocarray(p->lmarks, p->lcap,
			    sizeof *p->lmarks);
		}
		loc = &cfg->locations[cfg->nlocations++];
		memset(loc, 0, sizeof *loc);
		if ((error = parse_map(p, f->path, location_fields,
		    nitems(location_fields), loc)) != 0)
			return (error);
	}
	if (cfg->nlocations == 0)
		return (perr(p, &start, f->path,
		    "at least one location is needed"));

	k = xreallocarray(NULL, cfg->nlocations, sizeof *k);
	for (i = 0; i < cfg->nlocations; i++) {
		k[i].key = cfg->locations[i].code;
		k[i].i = i;
	}
	dup = find_dup(k, cfg->nlocations);
	free(k);
	if (dup != SIZE_MAX)
		return (perr(p, &p->lmarks[dup], f->path,
		    "duplicate code \"%s\"", cfg->locations[dup].code));
	return (0);
}

static int
f_loc_code(struct cparse *p, const struct field *f, void *arg)
{
	struct config_location	*loc = arg;
	const char		*s;
	size_t			 len;
	char			 v[VIS_SIZE];
	int			 error;

	if ((error = get_scalar(p, f->path, &s, &len)) != 0)
		return (error);
	if (!code_ok(s, len, 0))
		return (perr(p, &p->ev.start_mark, f->path,
		    "\"%s\" is not a code: use 1 to %d of A-Z, 0-9, - and _",
		    vis(v, sizeof v, s, len), CONFIG_MAX_CODE));
	p->lmarks[loc - p->cfg->locations] = p->ev.start_mark;
	loc->code = xstrndup(s, len);
	return (0);
}

static int
f_loc_name(struct cparse *p, const struct field *f, void *arg)
{
	struct config_location	*loc = arg;

	return (get_text(p, f->path, CONFIG_MAX_TEXT, &loc->name));
}

static int
f_loc_backorder(struct cparse *p, const struct field *f, void *arg)
{
	struct config_location	*loc = arg;

	return (get_bool(p, f->path, &loc->backorder));
}

static int
f_accounts(struct cparse *p, const struct field *f, void *arg)
{
	struct config		*cfg = arg;
	struct config_account	*a;
	struct keyed		*k;
	yaml_mark_t		 start;
	size_t			 i, dup;
	char			*missing = NULL, *tmp;
	int			 error, r;

	if ((error = next_event(p)) != 0)
		return (error);
	if (p->ev.type != YAML_SEQUENCE_START_EVENT)
		return (type_error(p, f->path, "a list"));
	start = p->ev.start_mark;
	for (;;) {
		if ((error = next_event(p)) != 0)
			return (error);
		if (p->ev.type == YAML_SEQUENCE_END_EVENT)
			break;
		p->again = 1;
		if (cfg->naccounts == p->acap) {
			p->acap = p->acap == 0 ? 16 : p->acap * 2;
			cfg->accounts = xreallocarray(cfg->accounts,
			    p->acap, sizeof *cfg->accounts);
			p->amarks = xreallocarray(p->amarks, p->acap,
			    sizeof *p->amarks);
		}
		a = &cfg->accounts[cfg->naccounts++];
		memset(a, 0, sizeof *a);
		a->role = -1;
		if ((error = parse_map(p, f->path, account_fields,
		    nitems(account_fields), a)) != 0)
			return (error);
	}

	k = xreallocarray(NULL, cfg->naccounts, sizeof *k);
	for (i = 0; i < cfg->naccounts; i++) {
		k[i].key = cfg->accounts[i].code;
		k[i].i = i;
	}
	dup = find_dup(k, cfg->naccounts);
	free(k);
	if (dup != SIZE_MAX)
		return (perr(p, &p->amarks[dup], f->path,
		    "duplicate code \"%s\"", cfg->accounts[dup].code));

	/* Every role the posting rules use needs an account. */
	for (r = 0; r < ACCT_NROLES; r++) {
		if (config_account(cfg, r) != NULL)
			continue;
		if (missing == NULL)
			missing = xstrdup(account_role_names[r]);
		else {
			xasprintf(&tmp, "%s, %s", missing,
			    account_role_names[r]);
			free(missing);
			missing = tmp;
		}
	}
	if (missing != NULL) {
		error = perr(p, &start, f->path, "no account has role %s",
		    missing);
		free(missing);
		return (error);
	}
	return (0);
}

static int
f_acct_code(struct cparse *p, const struct field *f, void *arg)
{
	struct config_account	*a = arg;
	const char		*s;
	size_t			 len;
	char			 v[VIS_SIZE];
	int			 error;

	if ((error = get_scalar(p, f->path, &s, &len)) != 0)
		return (error);
	if (!code_ok(s, len, 1))
		return (perr(p, &p->ev.start_mark, f->path,
		    "\"%s\" is not a code: use 1 to %d of letters, digits, "
		    "'.', '-' and '_'", vis(v, sizeof v, s, len),
		    CONFIG_MAX_CODE));
	p->amarks[a - p->cfg->accounts] = p->ev.start_mark;
	a->code = xstrndup(s, len);
	return (0);
}

static int
f_acct_name(struct cparse *p, const struct field *f, void *arg)
{
	struct config_account	*a = arg;

	return (get_text(p, f->path, CONFIG_MAX_TEXT, &a->name));
}

static int
f_acct_type(struct cparse *p, const struct field *f, void *arg)
{
	struct config_account	*a = arg;
	const char		*s;
	size_t			 len;
	char			 v[VIS_SIZE];
	int			 error, i;

	if ((error = get_scalar(p, f->path, &s, &len)) != 0)
		return (error);
	i = lookup(account_type_names, nitems(account_type_names), s, len);
	if (i == -1)
		return (perr(p, &p->ev.start_mark, f->path,
		    "unknown type \"%s\" (asset, liability, equity, income "
		    "or expense)", vis(v, sizeof v, s, len)));
	a->type = (enum account_type)i;
	return (0);
}

static int
f_acct_role(struct cparse *p, const struct field *f, void *arg)
{
	struct config_account	*a = arg;
	const char		*s, *other;
	size_t			 len;
	char			 v[VIS_SIZE];
	int			 error, r;

	if ((error = get_scalar(p, f->path, &s, &len)) != 0)
		return (error);
	r = lookup(account_role_names, nitems(account_role_names), s, len);
	if (r == -1)
		return (perr(p, &p->ev.start_mark, f->path,
		    "unknown role \"%s\"", vis(v, sizeof v, s, len)));
	if ((other = config_account(p->cfg, r)) != NULL)
		return (perr(p, &p->ev.start_mark, f->path,
		    "role \"%s\" is already given to account %s",
		    account_role_names[r], other));
	a->role = r;
	return (0);
}

static int
f_users(struct cparse *p, const struct field *f, void *arg)
{
	return (parse_map(p, f->path, users_fields, nitems(users_fields),
	    arg));
}

static int
f_default_role(struct cparse *p, const struct field *f, void *arg)
{
	struct config	*cfg = arg;

	return (get_role(p, f->path, &cfg->default_role));
}

static int
f_user_roles(struct cparse *p, const struct field *f, void *arg)
{
	struct config		*cfg = arg;
	struct config_user	*u;
	struct keyed		*k;
	yaml_mark_t		 mark;
	const char		*s;
	char			*login, v[VIS_SIZE];
	size_t			 len, i, dup;
	enum role		 role;
	int			 error;

	if ((error = next_event(p)) != 0)
		return (error);
	if (p->ev.type != YAML_MAPPING_START_EVENT)
		return (type_error(p, f->path, "a mapping of logins to roles"));
	for (;;) {
		if ((error = next_event(p)) != 0)
			return (error);
		if (p->ev.type == YAML_MAPPING_END_EVENT)
			break;
		if (p->ev.type != YAML_SCALAR_EVENT)
			return (perr(p, &p->ev.start_mark, f->path,
			    "a login must be a single word, not %s",
			    ev_kind(&p->ev)));
		s = (const char *)p->ev.data.scalar.value;
		len = p->ev.data.scalar.length;
		if (!code_ok(s, len, 1))
			return (perr(p, &p->ev.start_mark, f->path,
			    "\"%s\" is not a login name",
			    vis(v, sizeof v, s, len)));
		mark = p->ev.start_mark;
		login = xstrndup(s, len);
		role = ROLE_PICKER;
		if ((error = get_role(p, f->path, &role)) != 0) {
			free(login);
			return (error);
		}
		if (cfg->nusers == p->ucap) {
			p->ucap = p->ucap == 0 ? 8 : p->ucap * 2;
			cfg->users = xreallocarray(cfg->users, p->ucap,
			    sizeof *cfg->users);
			p->umarks = xreallocarray(p->umarks, p->ucap,
			    sizeof *p->umarks);
		}
		p->umarks[cfg->nusers] = mark;
		u = &cfg->users[cfg->nusers++];
		u->login = login;
		u->role = role;
	}

	k = xreallocarray(NULL, cfg->nusers, sizeof *k);
	for (i = 0; i < cfg->nusers; i++) {
		k[i].key = cfg->users[i].login;
		k[i].i = i;
	}
	dup = find_dup(k, cfg->nusers);
	free(k);
	if (dup != SIZE_MAX)
		return (perr(p, &p->umarks[dup], f->path,
		    "duplicate key \"%s\"", cfg->users[dup].login));
	/* Sorted for config_role(). */
	qsort(cfg->users, cfg->nusers, sizeof *cfg->users, user_cmp);
	return (0);
}

/* The directory part of a path, allocated: "a/b" -> "a", "b" -> ".". */
static char *
path_dir(const char *path)
{
	const char	*e;

	if ((e = strrchr(path, '/')) == NULL)
		return (xstrdup("."));
	while (e > path && e[-1] == '/')
		e--;
	if (e == path)
		return (xstrdup("/"));
	return (xstrndup(path, e - path));
}

/*
 * Where the database lives.  An absolute path is kept.  A relative one is
 * taken from the config file's directory, or from its parent when that
 * directory is named "config": config/ordo.yaml with "data/company" means
 * data/company next to config/.
 */
static char *
db_resolve(const char *cfgpath, const char *db)
{
	char		*dir, *parent, *out;
	const char	*base;

	if (db[0] == '/')
		return (xstrdup(db));
	dir = path_dir(cfgpath);
	base = strrchr(dir, '/') != NULL ? strrchr(dir, '/') + 1 : dir;
	if (strcmp(base, "config") == 0) {
		parent = path_dir(dir);
		free(dir);
		dir = parent;
	}
	if (strcmp(dir, ".") == 0)
		out = xstrdup(db);
	else if (dir[strlen(dir) - 1] == '/')
		xasprintf(&out, "%s%s", dir, db);
	else
		xasprintf(&out, "%s/%s", dir, db);
	free(dir);
	return (out);
}

/*
 * Load from memory.  name is for messages and is kept as cfg->path; base
 * is the path the database directory is taken relative to.
 */
static int
load(const char *name, const char *base, const char *buf, size_t len,
    struct config **cfgp, char **cause)
{
	struct cparse	 p;
	struct config	*cfg;
	yaml_mark_t	 mark;
	char		*db;
	int		 error;

	*cfgp = NULL;
	memset(&p, 0, sizeof p);
	p.name = name;
	p.buf = buf;
	p.len = len;
	p.cause = cause;

	if (len > CONFIG_MAX_SIZE) {
		memset(&mark, 0, sizeof mark);
		return (perr(&p, &mark, NULL, "larger than %d bytes (1 MiB)",
		    CONFIG_MAX_SIZE));
	}
	/*
	 * A byte order mark is dropped here: with the encoding set, libyaml
	 * would count it as a column and then miss a "---" after it.
	 */
	if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0) {
		p.buf += 3;
		p.len -= 3;
	}
	if ((error = check_text(&p)) != 0)
		return (error);

	cfg = xcalloc(1, sizeof *cfg);
	cfg->minor_digits = 2;
	cfg->default_role = ROLE_CLERK;
	p.cfg = cfg;

	if ((error = parser_start(&p)) != 0)
		goto free_config;
	if ((error = check_structure(&p)) != 0)
		goto stop_parser;
	parser_stop(&p);
	if ((error = parser_start(&p)) != 0)
		goto free_config;
	if ((error = parse_document(&p)) != 0)
		goto stop_parser;
	parser_stop(&p);

	db = db_resolve(base, cfg->db_dir);
	free(cfg->db_dir);
	cfg->db_dir = db;
	cfg->path = xstrdup(name);
	*cfgp = cfg;
	cfg = NULL;

stop_parser:
	parser_stop(&p);
free_config:
	free(p.lmarks);
	free(p.amarks);
	free(p.umarks);
	config_free(cfg);
	return (error);
}

int
config_load_buf(const char *name, const char *buf, size_t len,
    struct config **cfgp, char **cause)
{
	if (name == NULL)
		name = "<config>";
	return (load(name, name, buf, len, cfgp, cause));
}

int
config_load(const char *path, struct config **cfgp, char **cause)
{
	char	*buf, *real;
	size_t	 len = 0;
	ssize_t	 n;
	int	 fd, error;

	*cfgp = NULL;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		error = errno;
		return (cause_set(cause, error, "%s: %s", path,
		    strerror(error)));
	}
	/* One byte more than allowed, to see that there is more. */
	buf = xmalloc(CONFIG_MAX_SIZE + 1);
	while (len < CONFIG_MAX_SIZE + 1) {
		n = read(fd, buf + len, CONFIG_MAX_SIZE + 1 - len);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			error = errno;
			cause_set(cause, error, "%s: %s", path,
			    strerror(error));
			goto close_file;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	real = realpath(path, NULL);
	error = load(path, real != NULL ? real : path, buf, len, cfgp, cause);
	free(real);

close_file:
	close(fd);
	free(buf);
	return (error);
}

void
config_free(struct config *cfg)
{
	size_t	 i;

	if (cfg == NULL)
		return;
	free(cfg->path);
	free(cfg->company);
	free(cfg->currency);
	free(cfg->db_dir);
	for (i = 0; i < cfg->nlocations; i++) {
		free(cfg->locations[i].code);
		free(cfg->locations[i].name);
	}
	free(cfg->locations);
	for (i = 0; i < cfg->naccounts; i++) {
		free(cfg->accounts[i].code);
		free(cfg->accounts[i].name);
	}
	free(cfg->accounts);
	for (i = 0; i < cfg->nusers; i++)
		free(cfg->users[i].login);
	free(cfg->users);
	free(cfg);
}

/* Add a place to the list config_find() reports. */
static void
find_add(char **tried, const char *place)
{
	char	*s;

	if (*tried == NULL)
		*tried = xstrdup(place);
	else {
		xasprintf(&s, "%s, %s", *tried, place);
		free(*tried);
		*tried = s;
	}
}

/* 1 if path names something that is not a directory; else 0 and errno. */
static int
find_exists(const char *path, int *error)
{
	struct stat	 sb;

	if (stat(path, &sb) == -1) {
		*error = errno;
		return (0);
	}
	if (S_ISDIR(sb.st_mode)) {
		*error = EISDIR;
		return (0);
	}
	return (1);
}

/*
 * An explicit path or $ORDO_CONFIG is the only candidate when given: a
 * mistyped name must not quietly pick another company's file.  Otherwise
 * the first of ./config/ordo.yaml, $XDG_CONFIG_HOME/ordo/ordo.yaml
 * ($HOME/.config when unset) and /etc/ordo/ordo.yaml that exists.
 */
int
config_find(const char *explicit, char **pathp, char **cause)
{
	const char	*env, *xdg, *home;
	char		*cand[3], *tried = NULL;
	size_t		 ncand = 0, i;
	int		 error, found = -1;

	*pathp = NULL;
	if (explicit != NULL) {
		if (!find_exists(explicit, &error))
			return (cause_set(cause, ENOENT, "%s: %s", explicit,
			    strerror(error)));
		*pathp = xstrdup(explicit);
		return (0);
	}
	if ((env = getenv("ORDO_CONFIG")) != NULL && *env != '\0') {
		if (!find_exists(env, &error))
			return (cause_set(cause, ENOENT,
			    "%s (from $ORDO_CONFIG): %s", env,
			    strerror(error)));
		*pathp = xstrdup(env);
		return (0);
	}

	cand[ncand++] = xstrdup("config/ordo.yaml");
	xdg = getenv("XDG_CONFIG_HOME");
	home = getenv("HOME");
	if (xdg != NULL && xdg[0] == '/')
		xasprintf(&cand[ncand++], "%s/ordo/ordo.yaml", xdg);
	else if (home != NULL && home[0] == '/')
		xasprintf(&cand[ncand++], "%s/.config/ordo/ordo.yaml", home);
	cand[ncand++] = xstrdup("/etc/ordo/ordo.yaml");

	for (i = 0; i < ncand; i++) {
		if (find_exists(cand[i], &error)) {
			found = (int)i;
			break;
		}
		find_add(&tried, cand[i]);
	}
	if (found != -1) {
		*pathp = cand[found];
		cand[found] = NULL;
		error = 0;
	} else
		error = cause_set(cause, ENOENT,
		    "no configuration file; looked for $ORDO_CONFIG (not set), "
		    "%s", tried);
	for (i = 0; i < ncand; i++)
		free(cand[i]);
	free(tried);
	return (error);
}

const char *
config_account(const struct config *cfg, enum account_role role)
{
	size_t	 i;

	for (i = 0; i < cfg->naccounts; i++) {
		if (cfg->accounts[i].role == (int)role)
			return (cfg->accounts[i].code);
	}
	return (NULL);
}

const struct config_account *
config_account_find(const struct config *cfg, const char *code)
{
	size_t	 i;

	for (i = 0; i < cfg->naccounts; i++) {
		if (strcmp(cfg->accounts[i].code, code) == 0)
			return (&cfg->accounts[i]);
	}
	return (NULL);
}

const struct config_location *
config_location_find(const struct config *cfg, const char *code)
{
	size_t	 i;

	for (i = 0; i < cfg->nlocations; i++) {
		if (strcmp(cfg->locations[i].code, code) == 0)
			return (&cfg->locations[i]);
	}
	return (NULL);
}

enum role
config_role(const struct config *cfg, const char *login)
{
	const struct config_user	*u;

	if (login == NULL || cfg->nusers == 0)
		return (cfg->default_role);
	u = bsearch(login, cfg->users, cfg->nusers, sizeof *cfg->users,
	    login_cmp);
	return (u != NULL ? u->role : cfg->default_role);
}

const char *
config_role_name(enum role role)
{
	if ((unsigned int)role >= nitems(role_names))
		return ("unknown");
	return (role_names[role]);
}

const char *
config_account_role_name(enum account_role role)
{
	if ((unsigned int)role >= nitems(account_role_names))
		return ("unknown");
	return (account_role_names[role]);
}
