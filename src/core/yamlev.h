/*
 * yamlev.h: a safe reader of untrusted YAML over libyaml's event API
 * (private to src/core; config.c is its user).
 *
 * A load takes two passes over the same text.  Pass one, yamlev_check(),
 * checks the bytes before libyaml sees them (UTF-8, no control characters
 * but tab and line breaks, so that a bad byte is reported exactly where it
 * is), then pulls every event and applies the rules that hold for any part
 * of the file: no aliases, no anchors, no explicit tags, one document,
 * nesting at most max_depth deep.  Pass two is the caller's own
 * recursive-descent parser: yamlev_open(), then yamlev_next() and the
 * yamlev_get_*() helpers, which apply the same rules again, then
 * yamlev_close().
 *
 * Every error sets *cause to "name:line:column: [path: ]message", 1-based,
 * columns counted in characters as libyaml counts them, and returns
 * ORDO_ECONFIG (ENOMEM when libyaml runs out of memory).  User text in
 * messages goes through yamlev_vis().
 */
#ifndef ORDO_YAMLEV_H
#define ORDO_YAMLEV_H

#include <stddef.h>

#include <yaml.h>

#define YAMLEV_VIS_SIZE		64	/* quoted user text in messages */

/* The state of one read. */
struct yamlev {
	const char	*name;		/* file name for messages */
	const char	*buf;		/* the text, without a byte order mark */
	size_t		 len;
	char		**cause;
	int		 max_depth;	/* nested mappings and lists */

	yaml_parser_t	 parser;
	int		 parser_open;
	yaml_event_t	 ev;		/* the current event */
	int		 have_ev;
	int		 again;		/* yamlev_next() returns ev once more */
	int		 depth;
	int		 ndocs;
};

/* Set up y to read buf; a leading UTF-8 byte order mark is dropped. */
void	 yamlev_init(struct yamlev *, const char *, const char *, size_t,
	    int, char **);
/* Pass one: the text, then every event under the general rules. */
int	 yamlev_check(struct yamlev *);
/* Pass two: start, pull events, stop (stopping twice is harmless). */
int	 yamlev_open(struct yamlev *);
void	 yamlev_close(struct yamlev *);
int	 yamlev_next(struct yamlev *);

/* Set the cause to "name:line:col: [path: ]message"; ORDO_ECONFIG. */
int	 yamlev_err(struct yamlev *, const yaml_mark_t *, const char *,
	    const char *, ...) __attribute__((format(printf, 4, 5)));
/* "path: expected want, found a list" at the current event. */
int	 yamlev_type_error(struct yamlev *, const char *, const char *);
/* What an event is, for messages: "a single value", "a list"... */
const char *yamlev_kind(const yaml_event_t *);

/* The next event must be a scalar; its text is valid until the next. */
int	 yamlev_get_scalar(struct yamlev *, const char *, const char **,
	    size_t *);
/* A non-empty line of text of at most max bytes, replacing *out. */
int	 yamlev_get_text(struct yamlev *, const char *, size_t, char **);
/* A whole number from min to max. */
int	 yamlev_get_int(struct yamlev *, const char *, int, int, int *);
/* true/True/TRUE or false/False/FALSE. */
int	 yamlev_get_bool(struct yamlev *, const char *, int *);

/* A plain empty, "~" or "null" scalar event: YAML's null. */
int	 yamlev_is_null(const yaml_event_t *);
/* The index of s[0..len) in a table of names, or -1. */
int	 yamlev_lookup(const char *const *, size_t, const char *, size_t);
/* User text made safe for a message, cut to fit size; returns out. */
const char *yamlev_vis(char *, size_t, const char *, size_t);

#endif
