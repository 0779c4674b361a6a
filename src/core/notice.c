/*
 * notice.c: config/notify.yaml, tracking links and message text.  See
 * notice.h.
 *
 * The file is read with the importer's YAML tree reader (ytree: no
 * aliases, anchors or tags, limits on depth, size and nodes), the same
 * rules the channel profiles are held to.
 */
#include <sys/stat.h>

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "ordo/codec.h"
#include "ordo/company.h"
#include "ordo/config.h"
#include "ordo/customer.h"
#include "ordo/error.h"
#include "ordo/money.h"
#include "ordo/notice.h"
#include "ordo/outbox.h"
#include "ordo/text.h"
#include "ordo/xmalloc.h"

#include "../import/ytree.h"

const char *const notice_langs[NOTICE_NLANG] = { "zh_CN", "en" };

struct nctx {
	const char	*name;
	char		**cause;
	int		 rc;
};

static int
nerr(struct nctx *c, const struct ynode *n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
nerr(struct nctx *c, const struct ynode *n, const char *fmt, ...)
{
	va_list	 ap;
	char	*m;

	if (c->rc != 0)
		return (c->rc);
	va_start(ap, fmt);
	xvasprintf(&m, fmt, ap);
	va_end(ap);
	c->rc = cause_set(c->cause, ORDO_ECONFIG, "%s:%zu:%zu: %s", c->name,
	    n->line, n->col, m);
	free(m);
	return (c->rc);
}

/* A scalar of at most max bytes of valid UTF-8, copied. */
static int
nstr(struct nctx *c, const struct ynode *n, const char *what, size_t max,
    char **out)
{
	if (n->type != Y_SCALAR)
		return (nerr(c, n, "%s: expected a single value", what));
	if (strlen(n->s) > max || !utf8_valid(n->s, strlen(n->s)))
		return (nerr(c, n, "%s: at most %zu bytes of UTF-8", what,
		    max));
	free(*out);
	*out = xstrdup(n->s);
	return (0);
}

static int
nint(struct nctx *c, const struct ynode *n, const char *what, int min,
    int max, int *out)
{
	int64_t	 v;

	if (n->type != Y_SCALAR || int_parse(n->s, &v) != 0 || v < min ||
	    v > max)
		return (nerr(c, n, "%s: a whole number from %d to %d", what,
		    min, max));
	*out = (int)v;
	return (0);
}

static int
nlang(const char *s)
{
	int	 i;

	for (i = 0; i < NOTICE_NLANG; i++)
		if (strcmp(s, notice_langs[i]) == 0)
			return (i);
	return (-1);
}

static int
do_carrier(struct nctx *c, struct notice_config *nc, const struct ynode *k,
    const struct ynode *v)
{
	struct notice_carrier	*cr;
	const struct ynode	*kk, *vv;
	size_t			 i, j;
	int			 l;

	if (v->type != Y_MAP)
		return (nerr(c, v, "carriers: %s: expected a mapping", k->s));
	if (ident_valid("carrier code", k->s, 32, "-_", NULL) != 0)
		return (nerr(c, k, "carriers: %s: a code of letters, digits, "
		    "- and _", k->s));
	nc->carriers = xreallocarray(nc->carriers, nc->ncarriers + 1,
	    sizeof *nc->carriers);
	cr = &nc->carriers[nc->ncarriers++];
	memset(cr, 0, sizeof *cr);
	cr->code = xstrdup(k->s);
	for (i = 0; i + 1 < v->n; i += 2) {
		kk = v->v[i];
		vv = v->v[i + 1];
		if (strcmp(kk->s, "url") == 0) {
			if (nstr(c, vv, "url", 500, &cr->url) != 0)
				return (c->rc);
			if (strstr(cr->url, "{tracking}") == NULL)
				return (nerr(c, vv, "carriers: %s: url needs "
				    "{tracking}", k->s));
		} else if (strcmp(kk->s, "aliases") == 0) {
			if (vv->type != Y_SEQ)
				return (nerr(c, vv, "aliases: expected a "
				    "list"));
			for (j = 0; j < vv->n; j++) {
				cr->aliases = xreallocarray(cr->aliases,
				    cr->naliases + 1, sizeof *cr->aliases);
				cr->aliases[cr->naliases] = NULL;
				if (nstr(c, vv->v[j], "alias", 64,
				    &cr->aliases[cr->naliases++]) != 0)
					return (c->rc);
			}
		} else if (strncmp(kk->s, "name", 4) == 0) {
			l = kk->s[4] == '\0' ? 0 : kk->s[4] == '_' ?
			    nlang(kk->s + 5) : -1;
			if (l < 0)
				return (nerr(c, kk, "carriers: %s: unknown key "
				    "%s (name, name_zh_CN, name_en)", k->s,
				    kk->s));
			if (nstr(c, vv, kk->s, 100, &cr->name[l]) != 0)
				return (c->rc);
		} else
			return (nerr(c, kk, "carriers: %s: unknown key %s "
			    "(name, name_en, aliases, url)", k->s, kk->s));
	}
	for (l = 0; l < NOTICE_NLANG; l++)
		if (cr->name[l] == NULL)
			cr->name[l] = xstrdup(cr->name[0] != NULL ?
			    cr->name[0] : cr->code);
	return (0);
}

static int
do_template(struct nctx *c, struct notice_config *nc, const struct ynode *k,
    const struct ynode *v)
{
	struct notice_template	*t;
	size_t			 i;
	int			 l;

	if (v->type != Y_MAP)
		return (nerr(c, v, "templates: %s: expected a mapping of "
		    "languages (zh_CN, en)", k->s));
	nc->templates = xreallocarray(nc->templates, nc->ntemplates + 1,
	    sizeof *nc->templates);
	t = &nc->templates[nc->ntemplates++];
	memset(t, 0, sizeof *t);
	t->kind = xstrdup(k->s);
	for (i = 0; i + 1 < v->n; i += 2) {
		if ((l = nlang(v->v[i]->s)) < 0)
			return (nerr(c, v->v[i], "templates: %s: unknown "
			    "language %s (zh_CN, en)", k->s, v->v[i]->s));
		if (nstr(c, v->v[i + 1], "template", 2000, &t->text[l]) != 0)
			return (c->rc);
	}
	return (0);
}

static int
do_notify(struct nctx *c, struct notice_config *nc, const struct ynode *m)
{
	const struct ynode	*k, *v;
	size_t			 i, j;

	if (m->type != Y_MAP)
		return (nerr(c, m, "notify: expected a mapping"));
	for (i = 0; i + 1 < m->n; i += 2) {
		k = m->v[i];
		v = m->v[i + 1];
		if (strcmp(k->s, "command") == 0)
			nstr(c, v, "command", 4000, &nc->command);
		else if (strcmp(k->s, "attempts") == 0)
			nint(c, v, "attempts", 1, 100, &nc->attempts);
		else if (strcmp(k->s, "backoff") == 0)
			nint(c, v, "backoff", 0, 86400, &nc->backoff);
		else if (strcmp(k->s, "backoff_max") == 0)
			nint(c, v, "backoff_max", 0, 7 * 86400,
			    &nc->backoff_max);
		else if (strcmp(k->s, "timeout") == 0)
			nint(c, v, "timeout", 1, 3600, &nc->timeout);
		else if (strcmp(k->s, "language") == 0) {
			if (v->type != Y_SCALAR || (nc->lang = nlang(v->s)) < 0)
				return (nerr(c, v, "language: zh_CN or en"));
		} else if (strcmp(k->s, "events") == 0) {
			if (v->type != Y_SEQ)
				return (nerr(c, v, "events: expected a list"));
			for (j = 0; j < v->n; j++) {
				nc->events = xreallocarray(nc->events,
				    nc->nevents + 1, sizeof *nc->events);
				nc->events[nc->nevents] = NULL;
				if (nstr(c, v->v[j], "event", 64,
				    &nc->events[nc->nevents++]) != 0)
					break;
			}
		} else
			return (nerr(c, k, "notify: unknown key %s (command, "
			    "events, attempts, backoff, backoff_max, timeout, "
			    "language)", k->s));
		if (c->rc != 0)
			return (c->rc);
	}
	return (0);
}

int
notice_load_buf(const char *name, const char *buf, size_t len,
    struct notice_config **out, char **cause)
{
	struct notice_config	*nc;
	struct ynode		*root;
	struct nctx		 c;
	const struct ynode	*k, *v;
	size_t			 i, j;
	int			 rc;

	*out = NULL;
	if ((rc = ytree_parse(name, buf, len, &root, cause)) != 0)
		return (rc);
	nc = xcalloc(1, sizeof *nc);
	nc->path = xstrdup(name);
	nc->attempts = 5;
	nc->backoff = 60;
	nc->backoff_max = 3600;
	nc->timeout = 60;
	c.name = name;
	c.cause = cause;
	c.rc = 0;
	if (root->type != Y_MAP)
		nerr(&c, root, "expected a mapping (notify, carriers, "
		    "templates)");
	for (i = 0; c.rc == 0 && i + 1 < root->n; i += 2) {
		k = root->v[i];
		v = root->v[i + 1];
		if (strcmp(k->s, "notify") == 0)
			do_notify(&c, nc, v);
		else if (strcmp(k->s, "carriers") == 0 ||
		    strcmp(k->s, "templates") == 0) {
			if (v->type != Y_MAP) {
				nerr(&c, v, "%s: expected a mapping", k->s);
				break;
			}
			for (j = 0; c.rc == 0 && j + 1 < v->n; j += 2) {
				if (*k->s == 'c')
					do_carrier(&c, nc, v->v[j],
					    v->v[j + 1]);
				else
					do_template(&c, nc, v->v[j],
					    v->v[j + 1]);
			}
		} else
			nerr(&c, k, "unknown key %s (notify, carriers, "
			    "templates)", k->s);
	}
	ytree_free(root);
	if (c.rc != 0) {
		notice_free(nc);
		return (c.rc);
	}
	*out = nc;
	return (0);
}

int
notice_load(const char *path, struct notice_config **out, char **cause)
{
	struct stat	 sb;
	char		*buf;
	ssize_t		 n;
	size_t		 len = 0;
	int		 fd, rc;

	*out = NULL;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return (cause_set(cause, errno, "%s: %s", path,
		    strerror(errno)));
	if (fstat(fd, &sb) == -1 || !S_ISREG(sb.st_mode) ||
	    sb.st_size > YTREE_MAX_INPUT) {
		close(fd);
		return (cause_set(cause, ORDO_ECONFIG, "%s: not a regular file "
		    "of at most %d bytes", path, YTREE_MAX_INPUT));
	}
	buf = xmalloc((size_t)sb.st_size + 1);
	while (len < (size_t)sb.st_size &&
	    (n = read(fd, buf + len, (size_t)sb.st_size - len)) > 0)
		len += (size_t)n;
	close(fd);
	rc = notice_load_buf(path, buf, len, out, cause);
	free(buf);
	return (rc);
}

char *
notice_path(const char *cfgpath)
{
	const char	*slash;
	char		*p;

	if (cfgpath == NULL || (slash = strrchr(cfgpath, '/')) == NULL)
		return (xstrdup("notify.yaml"));
	xasprintf(&p, "%.*s/notify.yaml", (int)(slash - cfgpath), cfgpath);
	return (p);
}

void
notice_free(struct notice_config *nc)
{
	size_t	 i, j;
	int	 l;

	if (nc == NULL)
		return;
	for (i = 0; i < nc->ncarriers; i++) {
		free(nc->carriers[i].code);
		free(nc->carriers[i].url);
		for (l = 0; l < NOTICE_NLANG; l++)
			free(nc->carriers[i].name[l]);
		for (j = 0; j < nc->carriers[i].naliases; j++)
			free(nc->carriers[i].aliases[j]);
		free(nc->carriers[i].aliases);
	}
	for (i = 0; i < nc->ntemplates; i++) {
		free(nc->templates[i].kind);
		for (l = 0; l < NOTICE_NLANG; l++)
			free(nc->templates[i].text[l]);
	}
	for (i = 0; i < nc->nevents; i++)
		free(nc->events[i]);
	free(nc->events);
	free(nc->carriers);
	free(nc->templates);
	free(nc->command);
	free(nc->path);
	free(nc);
}

const struct notice_carrier *
notice_carrier(const struct notice_config *nc, const char *name)
{
	const struct notice_carrier	*cr, *generic = NULL;
	size_t				 i, j;

	if (nc == NULL || name == NULL || *name == '\0')
		return (NULL);
	for (i = 0; i < nc->ncarriers; i++) {
		cr = &nc->carriers[i];
		if (strcasecmp(cr->code, "generic") == 0)
			generic = cr;
		if (strcasecmp(cr->code, name) == 0)
			return (cr);
		for (j = 0; j < cr->naliases; j++)
			if (strcasecmp(cr->aliases[j], name) == 0)
				return (cr);
		for (j = 0; j < NOTICE_NLANG; j++)
			if (strcasecmp(cr->name[j], name) == 0)
				return (cr);
	}
	return (generic);
}

int
notice_tracking_url(const struct notice_config *nc, const char *carrier,
    const char *tracking, struct buf *b)
{
	const struct notice_carrier	*cr;
	const char			*p, *q;
	char				 hex[4];

	buf_reset(b);
	if (tracking == NULL || *tracking == '\0' ||
	    (cr = notice_carrier(nc, carrier != NULL && *carrier != '\0' ?
	    carrier : "generic")) == NULL || cr->url == NULL)
		return (ORDO_ENOTFOUND);
	for (p = cr->url; (q = strstr(p, "{tracking}")) != NULL; p = q + 10) {
		buf_add(b, p, (size_t)(q - p));
		/* Percent-encode all but the URL's unreserved characters. */
		for (const unsigned char *t = (const unsigned char *)tracking;
		    *t != '\0'; t++) {
			if (isalnum(*t) || strchr("-._~", *t) != NULL)
				buf_add(b, t, 1);
			else {
				snprintf(hex, sizeof hex, "%%%02X", *t);
				buf_add(b, hex, 3);
			}
		}
	}
	buf_add(b, p, strlen(p) + 1);
	b->len--;
	return (0);
}

int
notice_wants(const struct notice_config *nc, const char *kind)
{
	size_t	 i;

	if (nc == NULL || nc->nevents == 0)
		return (1);
	for (i = 0; i < nc->nevents; i++)
		if (strcmp(nc->events[i], kind) == 0)
			return (1);
	return (0);
}

int
notice_json_get(const char *json, const char *key, struct buf *b)
{
	const char	*p;
	size_t		 klen = strlen(key);
	unsigned	 u;

	buf_reset(b);
	/* Members are "key":value at depth 1; keys never need escapes. */
	for (p = json; (p = strchr(p, '"')) != NULL; p++) {
		if (strncmp(p + 1, key, klen) == 0 && p[klen + 1] == '"' &&
		    p[klen + 2] == ':' && (p[-1] == '{' || p[-1] == ','))
			break;
		/* Skip the string that starts here. */
		for (p++; *p != '\0' && *p != '"'; p++)
			if (*p == '\\' && p[1] != '\0')
				p++;
		if (*p == '\0')
			return (ORDO_ENOTFOUND);
	}
	if (p == NULL)
		return (ORDO_ENOTFOUND);
	p += klen + 3;
	if (*p != '"') {
		while (*p != '\0' && *p != ',' && *p != '}')
			buf_add(b, p++, 1);
		buf_add(b, "", 1);
		b->len--;
		return (0);
	}
	for (p++; *p != '\0' && *p != '"'; p++) {
		if (*p != '\\') {
			buf_add(b, p, 1);
			continue;
		}
		switch (*++p) {
		case 'n':
			buf_add(b, "\n", 1);
			break;
		case 't':
			buf_add(b, "\t", 1);
			break;
		case 'r':
			buf_add(b, "\r", 1);
			break;
		case 'u':
			if (sscanf(p + 1, "%4x", &u) == 1 && u < 0x80) {
				char ch = (char)u;

				buf_add(b, &ch, 1);
				p += 4;
			}
			break;
		case '\0':
			p--;
			break;
		default:
			buf_add(b, p, 1);
		}
	}
	buf_add(b, "", 1);
	b->len--;
	return (0);
}

/* The value of one placeholder into b; 0 or ORDO_ENOTFOUND. */
static int
notice_value(struct db_txn *tx, const struct notice_config *nc,
    const struct outbox_event *e, const char *name, int lang, struct buf *b)
{
	const struct notice_carrier	*cr;
	struct customer			 c;
	struct buf			 t, u;
	char				 n[32];
	int				 rc;

	buf_reset(b);
	if (strcmp(name, "id") == 0) {
		snprintf(n, sizeof n, "%llu", (unsigned long long)e->id);
		buf_add(b, n, strlen(n) + 1);
	} else if (strcmp(name, "kind") == 0)
		buf_add(b, e->kind, strlen(e->kind) + 1);
	else if (strcmp(name, "company") == 0 && tx->co->cfg != NULL)
		buf_add(b, tx->co->cfg->company, strlen(tx->co->cfg->company) + 1);
	else if (strcmp(name, "carrier_name") == 0) {
		buf_init(&t);
		notice_json_get(e->data, "carrier", &t);
		cr = t.len > 0 ? notice_carrier(nc, (char *)t.d) : NULL;
		if (cr != NULL && strcasecmp(cr->code, "generic") != 0)
			buf_add(b, cr->name[lang], strlen(cr->name[lang]) + 1);
		else
			buf_add(b, t.len > 0 ? (char *)t.d : "",
			    t.len + (t.len == 0));
		buf_free(&t);
	} else if (strcmp(name, "tracking_url") == 0) {
		buf_init(&t);
		buf_init(&u);
		notice_json_get(e->data, "carrier", &t);
		notice_json_get(e->data, "tracking", &u);
		if (notice_tracking_url(nc, t.len > 0 ? (char *)t.d : "",
		    u.len > 0 ? (char *)u.d : "", b) != 0)
			buf_add(b, "", 1);
		else
			buf_add(b, "", 1);
		buf_free(&t);
		buf_free(&u);
	} else if (strcmp(name, "customer_name") == 0) {
		buf_init(&t);
		memset(&c, 0, sizeof c);
		if (notice_json_get(e->data, "customer", &t) == 0 &&
		    customer_get(tx, (char *)t.d, &c, NULL) == 0) {
			buf_add(b, c.name, strlen(c.name) + 1);
			customer_free(&c);
		} else
			buf_add(b, "", 1);
		buf_free(&t);
	} else if ((rc = notice_json_get(e->data, name, b)) != 0)
		return (rc);
	else
		return (0);
	b->len--;
	return (0);
}

void
notice_fill(struct db_txn *tx, const struct notice_config *nc,
    const struct outbox_event *e, const char *tmpl, int lang, struct buf *b)
{
	struct buf	 v;
	const char	*p, *q;
	char		*name;

	buf_reset(b);
	buf_init(&v);
	for (p = tmpl; *p != '\0'; p++) {
		if (*p == '{' && (q = strchr(p, '}')) != NULL &&
		    q - p < 40) {
			name = xstrndup(p + 1, (size_t)(q - p - 1));
			if (notice_value(tx, nc, e, name, lang, &v) == 0) {
				buf_add(b, v.d, v.len);
				p = q;
				free(name);
				continue;
			}
			free(name);
		}
		buf_add(b, p, 1);
	}
	buf_add(b, "", 1);
	b->len--;
	buf_free(&v);
}

int
notice_render(struct db_txn *tx, const struct notice_config *nc,
    const struct outbox_event *e, struct buf *b)
{
	const struct notice_template	*t = NULL;
	struct outbox_json		 j;
	struct customer			 c;
	struct buf			 line, v, u;
	size_t				 i;
	int				 l, rc = 0;

	buf_init(&line);
	buf_init(&v);
	buf_init(&u);
	outbox_line(e, &line);
	buf_reset(b);
	buf_add(b, line.d, line.len - 1);	/* without its closing } */
	memset(&c, 0, sizeof c);
	if (notice_json_get(e->data, "customer", &v) == 0 && v.len > 0 &&
	    (rc = customer_get(tx, (char *)v.d, &c, NULL)) == 0) {
		buf_add(b, ",\"customer\":", 12);
		j.b = &u;
		outbox_json_begin(&j, &u);
		outbox_json_str(&j, "code", c.code);
		outbox_json_str(&j, "name", c.name);
		outbox_json_str(&j, "phone", c.phone);
		outbox_json_str(&j, "email", c.email);
		outbox_json_str(&j, "ship_to", c.ship_addr);
		outbox_json_end(&j);
		buf_add(b, u.d, u.len);
		customer_free(&c);
	} else if (rc == ORDO_ENOTFOUND)
		rc = 0;
	if (rc == 0 && notice_value(tx, nc, e, "tracking_url", 0, &v) == 0 &&
	    v.len > 0) {
		buf_add(b, ",\"tracking_url\":", 16);
		outbox_json_quote(b, (char *)v.d);
	}
	for (i = 0; nc != NULL && i < nc->ntemplates; i++)
		if (strcmp(nc->templates[i].kind, e->kind) == 0)
			t = &nc->templates[i];
	if (rc == 0 && t != NULL) {
		l = t->text[nc->lang] != NULL ? nc->lang : nc->lang == 0;
		if (t->text[l] != NULL) {
			notice_fill(tx, nc, e, t->text[l], l, &v);
			buf_add(b, ",\"text\":", 8);
			outbox_json_quote(b, (char *)v.d);
		}
		buf_add(b, ",\"texts\":{", 10);
		for (l = 0, i = 0; l < NOTICE_NLANG; l++) {
			if (t->text[l] == NULL)
				continue;
			notice_fill(tx, nc, e, t->text[l], l, &v);
			if (i++ > 0)
				buf_add(b, ",", 1);
			outbox_json_quote(b, notice_langs[l]);
			buf_add(b, ":", 1);
			outbox_json_quote(b, (char *)v.d);
		}
		buf_add(b, "}", 1);
	}
	buf_add(b, "}", 2);
	b->len--;
	buf_free(&line);
	buf_free(&v);
	buf_free(&u);
	return (rc);
}
