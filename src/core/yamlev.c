/*
 * yamlev.c: see yamlev.h.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "ordo/error.h"
#include "ordo/xmalloc.h"

#include "yamlev.h"

#ifndef nitems
#define nitems(a)		(sizeof (a) / sizeof (a)[0])
#endif

static int	 yaml_error(struct yamlev *);
static int	 check_props(struct yamlev *, const yaml_char_t *,
		    const yaml_char_t *);
static int	 check_text(struct yamlev *);
static int	 utf8_decode(const unsigned char *, size_t, uint32_t *);
static int	 is_control(uint32_t);
static int	 text_ok(const char *, size_t);
static void	 mark_at(const char *, size_t, size_t, yaml_mark_t *);

void
yamlev_init(struct yamlev *y, const char *name, const char *buf, size_t len,
    int max_depth, char **cause)
{
	memset(y, 0, sizeof *y);
	y->name = name;
	y->buf = buf;
	y->len = len;
	y->max_depth = max_depth;
	y->cause = cause;
	/*
	 * A byte order mark is dropped here: with the encoding set, libyaml
	 * would count it as a column and then miss a "---" after it.
	 */
	if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0) {
		y->buf += 3;
		y->len -= 3;
	}
}

/*
 * Set the cause to "name:line:col: [path: ]message" and return
 * ORDO_ECONFIG.
 */
int
yamlev_err(struct yamlev *y, const yaml_mark_t *mark, const char *path,
    const char *fmt, ...)
{
	va_list	 ap;
	char	*msg;
	int	 error;

	va_start(ap, fmt);
	xvasprintf(&msg, fmt, ap);
	va_end(ap);
	if (path != NULL && *path != '\0')
		error = cause_set(y->cause, ORDO_ECONFIG, "%s:%zu:%zu: %s: %s",
		    y->name, mark->line + 1, mark->column + 1, path, msg);
	else
		error = cause_set(y->cause, ORDO_ECONFIG, "%s:%zu:%zu: %s",
		    y->name, mark->line + 1, mark->column + 1, msg);
	free(msg);
	return (error);
}

/* Turn libyaml's own error into ours. */
static int
yaml_error(struct yamlev *y)
{
	yaml_parser_t	*yp = &y->parser;
	yaml_mark_t	 mark;
	const char	*problem;

	problem = yp->problem != NULL ? yp->problem : "syntax error";
	switch (yp->error) {
	case YAML_MEMORY_ERROR:
		return (cause_set(y->cause, ENOMEM, "%s: out of memory",
		    y->name));
	case YAML_READER_ERROR:
		mark_at(y->buf, y->len, yp->problem_offset, &mark);
		return (yamlev_err(y, &mark, NULL, "%s", problem));
	case YAML_SCANNER_ERROR:
	case YAML_PARSER_ERROR:
		if (yp->context != NULL)
			return (yamlev_err(y, &yp->problem_mark, NULL,
			    "%s %s", problem, yp->context));
		return (yamlev_err(y, &yp->problem_mark, NULL, "%s",
		    problem));
	default:
		mark.line = mark.column = 0;
		return (yamlev_err(y, &mark, NULL, "%s", problem));
	}
}

int
yamlev_open(struct yamlev *y)
{
	if (!yaml_parser_initialize(&y->parser))
		return (cause_set(y->cause, ENOMEM, "%s: out of memory",
		    y->name));
	y->parser_open = 1;
	yaml_parser_set_input_string(&y->parser,
	    (const unsigned char *)y->buf, y->len);
	yaml_parser_set_encoding(&y->parser, YAML_UTF8_ENCODING);
	y->depth = 0;
	y->ndocs = 0;
	y->again = 0;
	return (0);
}

void
yamlev_close(struct yamlev *y)
{
	if (y->have_ev) {
		yaml_event_delete(&y->ev);
		y->have_ev = 0;
	}
	if (y->parser_open) {
		yaml_parser_delete(&y->parser);
		y->parser_open = 0;
	}
}

/*
 * Pull the next event into y->ev (or give the current one again after
 * y->again was set) and apply the rules that hold everywhere.
 */
int
yamlev_next(struct yamlev *y)
{
	yaml_event_t	*ev = &y->ev;
	char		 v[YAMLEV_VIS_SIZE];
	const char	*anchor;
	int		 error;

	if (y->again) {
		y->again = 0;
		return (0);
	}
	if (y->have_ev) {
		yaml_event_delete(ev);
		y->have_ev = 0;
	}
	if (!yaml_parser_parse(&y->parser, ev))
		return (yaml_error(y));
	y->have_ev = 1;

	switch (ev->type) {
	case YAML_DOCUMENT_START_EVENT:
		if (++y->ndocs > 1)
			return (yamlev_err(y, &ev->start_mark, NULL,
			    "only one document is allowed"));
		break;
	case YAML_ALIAS_EVENT:
		anchor = (const char *)ev->data.alias.anchor;
		return (yamlev_err(y, &ev->start_mark, NULL,
		    "aliases are not allowed (*%s)",
		    yamlev_vis(v, sizeof v, anchor, strlen(anchor))));
	case YAML_SCALAR_EVENT:
		return (check_props(y, ev->data.scalar.anchor,
		    ev->data.scalar.tag));
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT:
		if (ev->type == YAML_SEQUENCE_START_EVENT)
			error = check_props(y, ev->data.sequence_start.anchor,
			    ev->data.sequence_start.tag);
		else
			error = check_props(y, ev->data.mapping_start.anchor,
			    ev->data.mapping_start.tag);
		if (error != 0)
			return (error);
		if (++y->depth > y->max_depth)
			return (yamlev_err(y, &ev->start_mark, NULL,
			    "nested deeper than %d levels", y->max_depth));
		break;
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		y->depth--;
		break;
	default:
		break;
	}
	return (0);
}

/* Anchors and explicit tags are refused on any node. */
static int
check_props(struct yamlev *y, const yaml_char_t *anchor,
    const yaml_char_t *tag)
{
	char	 v[YAMLEV_VIS_SIZE];

	if (anchor != NULL)
		return (yamlev_err(y, &y->ev.start_mark, NULL,
		    "anchors are not allowed (&%s)", yamlev_vis(v, sizeof v,
		    (const char *)anchor, strlen((const char *)anchor))));
	if (tag != NULL)
		return (yamlev_err(y, &y->ev.start_mark, NULL,
		    "tags are not allowed (%s)", yamlev_vis(v, sizeof v,
		    (const char *)tag, strlen((const char *)tag))));
	return (0);
}

/*
 * Before libyaml: the file must be UTF-8 with no control characters but
 * tab and line breaks (the set libyaml itself accepts), so that a bad
 * byte is reported exactly where it is.
 */
static int
check_text(struct yamlev *y)
{
	const unsigned char	*s = (const unsigned char *)y->buf;
	yaml_mark_t		 mark;
	uint32_t		 c;
	size_t			 i;
	int			 n;

	for (i = 0; i < y->len; i += n) {
		if ((n = utf8_decode(s + i, y->len - i, &c)) == 0) {
			mark_at(y->buf, y->len, i, &mark);
			return (yamlev_err(y, &mark, NULL, "invalid UTF-8"));
		}
		if (c == '\t' || c == '\n' || c == '\r' || c == 0x85)
			continue;
		if (is_control(c) || c == 0xfffe || c == 0xffff) {
			mark_at(y->buf, y->len, i, &mark);
			return (yamlev_err(y, &mark, NULL,
			    "control character U+%04X is not allowed",
			    (unsigned int)c));
		}
	}
	return (0);
}

/* Pass one: the text, then every event under the general rules only. */
int
yamlev_check(struct yamlev *y)
{
	int	 error;

	if ((error = check_text(y)) != 0)
		return (error);
	if ((error = yamlev_open(y)) != 0)
		return (error);
	do {
		if ((error = yamlev_next(y)) != 0)
			break;
	} while (y->ev.type != YAML_STREAM_END_EVENT);
	yamlev_close(y);
	return (error);
}

int
yamlev_type_error(struct yamlev *y, const char *path, const char *want)
{
	return (yamlev_err(y, &y->ev.start_mark, path,
	    "expected %s, found %s", want, yamlev_kind(&y->ev)));
}

const char *
yamlev_kind(const yaml_event_t *ev)
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
int
yamlev_get_scalar(struct yamlev *y, const char *path, const char **s,
    size_t *len)
{
	int	 error;

	*s = "";
	*len = 0;
	if ((error = yamlev_next(y)) != 0)
		return (error);
	if (y->ev.type != YAML_SCALAR_EVENT)
		return (yamlev_type_error(y, path, "a single value"));
	*s = (const char *)y->ev.data.scalar.value;
	*len = y->ev.data.scalar.length;
	return (0);
}

/* A non-empty line of text of at most max bytes. */
int
yamlev_get_text(struct yamlev *y, const char *path, size_t max, char **out)
{
	const char	*s;
	size_t		 len;
	int		 error;

	if ((error = yamlev_get_scalar(y, path, &s, &len)) != 0)
		return (error);
	if (len == 0 || yamlev_is_null(&y->ev))
		return (yamlev_err(y, &y->ev.start_mark, path,
		    "must not be empty"));
	if (len > max)
		return (yamlev_err(y, &y->ev.start_mark, path,
		    "longer than %zu bytes", max));
	if (!text_ok(s, len))
		return (yamlev_err(y, &y->ev.start_mark, path,
		    "control characters and line breaks are not allowed"));
	free(*out);
	*out = xstrndup(s, len);
	return (0);
}

/* A whole number from min to max. */
int
yamlev_get_int(struct yamlev *y, const char *path, int min, int max, int *out)
{
	const char	*s;
	size_t		 len, i;
	long		 v = 0;
	char		 vb[YAMLEV_VIS_SIZE];
	int		 error;

	if ((error = yamlev_get_scalar(y, path, &s, &len)) != 0)
		return (error);
	for (i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9' || i >= 9)
			break;
		v = v * 10 + (s[i] - '0');
	}
	if (len == 0 || i != len || v < min || v > max)
		return (yamlev_err(y, &y->ev.start_mark, path,
		    "expected a whole number from %d to %d, not \"%s\"",
		    min, max, yamlev_vis(vb, sizeof vb, s, len)));
	*out = (int)v;
	return (0);
}

int
yamlev_get_bool(struct yamlev *y, const char *path, int *out)
{
	static const char *const yes[] = { "true", "True", "TRUE" };
	static const char *const no[] = { "false", "False", "FALSE" };
	const char	*s;
	size_t		 len;
	char		 v[YAMLEV_VIS_SIZE];
	int		 error;

	if ((error = yamlev_get_scalar(y, path, &s, &len)) != 0)
		return (error);
	if (yamlev_lookup(yes, nitems(yes), s, len) != -1)
		*out = 1;
	else if (yamlev_lookup(no, nitems(no), s, len) != -1)
		*out = 0;
	else
		return (yamlev_err(y, &y->ev.start_mark, path,
		    "expected true or false, not \"%s\"",
		    yamlev_vis(v, sizeof v, s, len)));
	return (0);
}

/* A plain empty, "~" or "null" scalar: YAML's null. */
int
yamlev_is_null(const yaml_event_t *ev)
{
	static const char *const nulls[] = { "", "~", "null", "Null", "NULL" };

	if (ev->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return (0);
	return (yamlev_lookup(nulls, nitems(nulls),
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
const char *
yamlev_vis(char *out, size_t size, const char *s, size_t len)
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

/* The index of s[0..len) in a table of names, or -1. */
int
yamlev_lookup(const char *const *names, size_t n, const char *s, size_t len)
{
	size_t	 i;

	for (i = 0; i < n; i++) {
		if (strlen(names[i]) == len && memcmp(names[i], s, len) == 0)
			return ((int)i);
	}
	return (-1);
}
