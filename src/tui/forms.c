/*
 * forms.c: see forms.h.  A recursive-descent reader over yamlev, in the
 * style of core/config.c.
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ordo/error.h"
#include "ordo/xmalloc.h"

#include "../core/yamlev.h"
#include "forms.h"
#include "text.h"

#ifndef SHAREDIR
#define SHAREDIR	"/usr/local/share/ordo"
#endif

#define FORM_MAX_FILE	(256 * 1024)
#define FORM_MAX_TEXT	200

static const char *const type_names[] = {
#define X(id, name) name,
	FORMS_TYPES
#undef X
};

static int	 read_file(const char *, char **, size_t *, char **);
static int	 key_is(const yaml_event_t *, const char *);
static int	 parse_form(struct yamlev *, struct form *);
static int	 parse_fields(struct yamlev *, struct form *);
static int	 parse_field(struct yamlev *, struct form_field *);
static int	 parse_columns(struct yamlev *, struct form *);
static int	 parse_column(struct yamlev *, struct form_column *);
static int	 parse_actions(struct yamlev *, struct form *);
static int	 map_start(struct yamlev *, const char *);
static int	 map_key(struct yamlev *, const char *, const char **, int *);

const char *
forms_dir(void)
{
	static char	 dir[PATH_MAX];
	char		 exe[PATH_MAX - 64], *slash;
	ssize_t		 n;

	if (dir[0] != '\0')
		return (dir);
	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		if ((slash = strrchr(exe, '/')) != NULL) {
			*slash = '\0';
			snprintf(dir, sizeof dir, "%s/../forms", exe);
			if (access(dir, R_OK | X_OK) == 0)
				return (dir);
		}
	}
	snprintf(dir, sizeof dir, "%s/forms", SHAREDIR);
	return (dir);
}

static int
read_file(const char *path, char **buf, size_t *len, char **cause)
{
	FILE	*fp;
	size_t	 n;

	if ((fp = fopen(path, "r")) == NULL)
		return (cause_set(cause, ORDO_ECONFIG, "%s: %s", path,
		    strerror(errno)));
	*buf = xmalloc(FORM_MAX_FILE + 1);
	n = fread(*buf, 1, FORM_MAX_FILE + 1, fp);
	if (ferror(fp) || n > FORM_MAX_FILE) {
		fclose(fp);
		free(*buf);
		*buf = NULL;
		return (cause_set(cause, ORDO_ECONFIG, "%s: %s", path,
		    n > FORM_MAX_FILE ? "too large" : "read error"));
	}
	fclose(fp);
	(*buf)[n] = '\0';
	*len = n;
	return (0);
}

static int
key_is(const yaml_event_t *ev, const char *key)
{
	return (ev->data.scalar.length == strlen(key) &&
	    memcmp(ev->data.scalar.value, key, strlen(key)) == 0);
}

/* The next event must open a mapping. */
static int
map_start(struct yamlev *y, const char *path)
{
	int	 error;

	if ((error = yamlev_next(y)) != 0)
		return (error);
	if (y->ev.type != YAML_MAPPING_START_EVENT)
		return (yamlev_type_error(y, path, "a mapping of keys"));
	return (0);
}

/*
 * The next key of a mapping, one of the NULL-terminated keys; *which is
 * its index, or -1 at the end of the mapping.
 */
static int
map_key(struct yamlev *y, const char *path, const char **keys, int *which)
{
	char	 v[YAMLEV_VIS_SIZE];
	int	 error, i;

	if ((error = yamlev_next(y)) != 0)
		return (error);
	if (y->ev.type == YAML_MAPPING_END_EVENT) {
		*which = -1;
		return (0);
	}
	if (y->ev.type != YAML_SCALAR_EVENT)
		return (yamlev_err(y, &y->ev.start_mark, path,
		    "a key must be a single word, not %s",
		    yamlev_kind(&y->ev)));
	for (i = 0; keys[i] != NULL; i++) {
		if (key_is(&y->ev, keys[i])) {
			*which = i;
			return (0);
		}
	}
	return (yamlev_err(y, &y->ev.start_mark, path, "unknown key \"%s\"",
	    yamlev_vis(v, sizeof v, (const char *)y->ev.data.scalar.value,
	    y->ev.data.scalar.length)));
}

static int
parse_field(struct yamlev *y, struct form_field *f)
{
	static const char *keys[] = { "name", "label", "type", "width",
	    "max", "required", "readonly", "help", NULL };
	yaml_mark_t	 start;
	const char	*s;
	size_t		 len;
	char		 v[YAMLEV_VIS_SIZE];
	int		 error, k, t;

	if ((error = map_start(y, "fields")) != 0)
		return (error);
	start = y->ev.start_mark;
	f->width = 20;
	for (;;) {
		if ((error = map_key(y, "fields", keys, &k)) != 0)
			return (error);
		if (k == -1)
			break;
		switch (k) {
		case 0:
			error = yamlev_get_text(y, "fields.name",
			    FORM_MAX_TEXT, &f->name);
			break;
		case 1:
			error = yamlev_get_text(y, "fields.label",
			    FORM_MAX_TEXT, &f->label);
			break;
		case 2:
			if ((error = yamlev_get_scalar(y, "fields.type", &s,
			    &len)) != 0)
				return (error);
			t = yamlev_lookup(type_names, FT_NTYPES, s, len);
			if (t == -1)
				return (yamlev_err(y, &y->ev.start_mark,
				    "fields.type", "unknown type \"%s\"",
				    yamlev_vis(v, sizeof v, s, len)));
			f->type = (enum form_type)t;
			break;
		case 3:
			error = yamlev_get_int(y, "fields.width", 1, 200,
			    &f->width);
			break;
		case 4:
			error = yamlev_get_int(y, "fields.max", 1, 100000,
			    &f->max);
			break;
		case 5:
			error = yamlev_get_bool(y, "fields.required",
			    &f->required);
			break;
		case 6:
			error = yamlev_get_bool(y, "fields.readonly",
			    &f->readonly);
			break;
		case 7:
			error = yamlev_get_text(y, "fields.help",
			    FORM_MAX_TEXT, &f->help);
			break;
		}
		if (error != 0)
			return (error);
	}
	if (f->name == NULL || f->label == NULL)
		return (yamlev_err(y, &start, "fields",
		    "a field needs a name and a label"));
	return (0);
}

static int
parse_fields(struct yamlev *y, struct form *fm)
{
	size_t	 cap = 0;
	int	 error;

	if ((error = yamlev_next(y)) != 0)
		return (error);
	if (y->ev.type != YAML_SEQUENCE_START_EVENT)
		return (yamlev_type_error(y, "fields", "a list"));
	for (;;) {
		if ((error = yamlev_next(y)) != 0)
			return (error);
		if (y->ev.type == YAML_SEQUENCE_END_EVENT)
			break;
		y->again = 1;
		if (fm->nfields == cap) {
			cap = cap == 0 ? 8 : cap * 2;
			fm->fields = xreallocarray(fm->fields, cap,
			    sizeof *fm->fields);
		}
		memset(&fm->fields[fm->nfields], 0, sizeof *fm->fields);
		fm->nfields++;
		if ((error = parse_field(y, &fm->fields[fm->nfields - 1])) != 0)
			return (error);
	}
	return (0);
}

static int
parse_column(struct yamlev *y, struct form_column *c)
{
	static const char *keys[] = { "field", "header", "width", "align",
	    "drop", NULL };
	yaml_mark_t	 start;
	const char	*s;
	size_t		 len;
	int		 error, k;

	if ((error = map_start(y, "columns")) != 0)
		return (error);
	start = y->ev.start_mark;
	c->width = 10;
	for (;;) {
		if ((error = map_key(y, "columns", keys, &k)) != 0)
			return (error);
		if (k == -1)
			break;
		switch (k) {
		case 0:
			error = yamlev_get_text(y, "columns.field",
			    FORM_MAX_TEXT, &c->field);
			break;
		case 1:
			error = yamlev_get_text(y, "columns.header",
			    FORM_MAX_TEXT, &c->header);
			break;
		case 2:
			error = yamlev_get_int(y, "columns.width", 1, 200,
			    &c->width);
			break;
		case 3:
			if ((error = yamlev_get_scalar(y, "columns.align", &s,
			    &len)) != 0)
				return (error);
			if (len == 5 && memcmp(s, "right", 5) == 0)
				c->align = TEXT_RIGHT;
			else if (len == 4 && memcmp(s, "left", 4) == 0)
				c->align = TEXT_LEFT;
			else
				return (yamlev_err(y, &y->ev.start_mark,
				    "columns.align", "left or right"));
			break;
		case 4:
			error = yamlev_get_int(y, "columns.drop", 0, 99,
			    &c->drop);
			break;
		}
		if (error != 0)
			return (error);
	}
	if (c->field == NULL || c->header == NULL)
		return (yamlev_err(y, &start, "columns",
		    "a column needs a field and a header"));
	return (0);
}

static int
parse_columns(struct yamlev *y, struct form *fm)
{
	size_t	 cap = 0;
	int	 error;

	if ((error = yamlev_next(y)) != 0)
		return (error);
	if (y->ev.type != YAML_SEQUENCE_START_EVENT)
		return (yamlev_type_error(y, "columns", "a list"));
	for (;;) {
		if ((error = yamlev_next(y)) != 0)
			return (error);
		if (y->ev.type == YAML_SEQUENCE_END_EVENT)
			break;
		y->again = 1;
		if (fm->ncolumns == cap) {
			cap = cap == 0 ? 8 : cap * 2;
			fm->columns = xreallocarray(fm->columns, cap,
			    sizeof *fm->columns);
		}
		memset(&fm->columns[fm->ncolumns], 0, sizeof *fm->columns);
		fm->ncolumns++;
		if ((error = parse_column(y,
		    &fm->columns[fm->ncolumns - 1])) != 0)
			return (error);
	}
	return (0);
}

static int
parse_actions(struct yamlev *y, struct form *fm)
{
	const char	*s;
	size_t		 len, cap = 0;
	char		 name[64], v[YAMLEV_VIS_SIZE];
	enum action	 a;
	int		 error;

	if ((error = yamlev_next(y)) != 0)
		return (error);
	if (y->ev.type != YAML_SEQUENCE_START_EVENT)
		return (yamlev_type_error(y, "actions", "a list"));
	for (;;) {
		if ((error = yamlev_next(y)) != 0)
			return (error);
		if (y->ev.type == YAML_SEQUENCE_END_EVENT)
			break;
		y->again = 1;
		if ((error = yamlev_get_scalar(y, "actions", &s, &len)) != 0)
			return (error);
		a = A_NONE;
		if (len < sizeof name) {
			memcpy(name, s, len);
			name[len] = '\0';
			a = action_find(name);
		}
		if (a == A_NONE)
			return (yamlev_err(y, &y->ev.start_mark, "actions",
			    "unknown action \"%s\"",
			    yamlev_vis(v, sizeof v, s, len)));
		if (fm->nactions == cap) {
			cap = cap == 0 ? 16 : cap * 2;
			fm->actions = xreallocarray(fm->actions, cap,
			    sizeof *fm->actions);
		}
		fm->actions[fm->nactions++] = a;
	}
	return (0);
}

static int
parse_form(struct yamlev *y, struct form *fm)
{
	static const char *keys[] = { "screen", "title", "fields", "columns",
	    "actions", NULL };
	yaml_mark_t	 start;
	int		 error, k;

	if ((error = yamlev_next(y)) != 0)	/* stream start */
		return (error);
	if ((error = yamlev_next(y)) != 0)	/* document start */
		return (error);
	if (y->ev.type == YAML_STREAM_END_EVENT)
		return (yamlev_err(y, &y->ev.start_mark, NULL,
		    "the file is empty"));
	if ((error = map_start(y, NULL)) != 0)
		return (error);
	start = y->ev.start_mark;
	for (;;) {
		if ((error = map_key(y, NULL, keys, &k)) != 0)
			return (error);
		if (k == -1)
			break;
		switch (k) {
		case 0:
			error = yamlev_get_text(y, "screen", 64, &fm->screen);
			break;
		case 1:
			error = yamlev_get_text(y, "title", FORM_MAX_TEXT,
			    &fm->title);
			break;
		case 2:
			error = parse_fields(y, fm);
			break;
		case 3:
			error = parse_columns(y, fm);
			break;
		case 4:
			error = parse_actions(y, fm);
			break;
		}
		if (error != 0)
			return (error);
	}
	if (fm->screen == NULL || fm->title == NULL)
		return (yamlev_err(y, &start, NULL,
		    "a form needs \"screen\" and \"title\""));
	return (0);
}

int
form_load(const char *dir, const char *name, struct form **out, char **cause)
{
	struct yamlev	 y;
	struct form	*fm;
	char		*path, *buf = NULL;
	size_t		 len = 0;
	int		 error;

	*out = NULL;
	xasprintf(&path, "%s/%s.yaml", dir, name);
	if ((error = read_file(path, &buf, &len, cause)) != 0) {
		free(path);
		return (error);
	}
	fm = xcalloc(1, sizeof *fm);
	fm->path = path;
	yamlev_init(&y, path, buf, len, 8, cause);
	if ((error = yamlev_check(&y)) == 0 &&
	    (error = yamlev_open(&y)) == 0) {
		error = parse_form(&y, fm);
		yamlev_close(&y);
	}
	if (error == 0 && strcmp(fm->screen, name) != 0)
		error = cause_set(cause, ORDO_ECONFIG, "%s: screen \"%s\" in "
		    "a file named %s.yaml", path, fm->screen, name);
	free(buf);
	if (error != 0) {
		form_free(fm);
		return (error);
	}
	*out = fm;
	return (0);
}

void
form_free(struct form *fm)
{
	size_t	 i;

	if (fm == NULL)
		return;
	for (i = 0; i < fm->nfields; i++) {
		free(fm->fields[i].name);
		free(fm->fields[i].label);
		free(fm->fields[i].help);
	}
	for (i = 0; i < fm->ncolumns; i++) {
		free(fm->columns[i].field);
		free(fm->columns[i].header);
	}
	free(fm->fields);
	free(fm->columns);
	free(fm->actions);
	free(fm->path);
	free(fm->screen);
	free(fm->title);
	free(fm);
}

const struct form_field *
form_field(const struct form *fm, const char *name)
{
	size_t	 i;

	for (i = 0; i < fm->nfields; i++)
		if (strcmp(fm->fields[i].name, name) == 0)
			return (&fm->fields[i]);
	return (NULL);
}

int
form_has_action(const struct form *fm, enum action a)
{
	size_t	 i;

	for (i = 0; i < fm->nactions; i++)
		if (fm->actions[i] == a)
			return (1);
	return (0);
}

size_t
form_fit(const struct form *fm, int width, int *shown)
{
	size_t	 i, kept;
	int	 need, worst;

	for (i = 0; i < fm->ncolumns; i++)
		shown[i] = 1;
	for (;;) {
		need = -1;
		kept = 0;
		for (i = 0; i < fm->ncolumns; i++) {
			if (shown[i]) {
				need += fm->columns[i].width + 1;
				kept++;
			}
		}
		if (need <= width)
			return (kept);
		worst = 0;
		for (i = 0; i < fm->ncolumns; i++)
			if (shown[i] && fm->columns[i].drop > worst)
				worst = fm->columns[i].drop;
		if (worst == 0)
			return (kept);
		for (i = 0; i < fm->ncolumns; i++)
			if (shown[i] && fm->columns[i].drop == worst) {
				shown[i] = 0;
				break;
			}
	}
}

static int
bind_one(struct yamlev *y, enum action a, int fkey)
{
	const char	*s;
	char		 name[32], v[YAMLEV_VIS_SIZE];
	size_t		 len;
	int		 error;

	if ((error = yamlev_get_scalar(y, "keys", &s, &len)) != 0)
		return (error);
	if (len >= sizeof name)
		goto bad;
	memcpy(name, s, len);
	name[len] = '\0';
	if (action_bind(a, name, fkey) == 0)
		return (0);
bad:
	return (yamlev_err(y, &y->ev.start_mark, "keys", "bad key \"%s\" "
	    "(a letter, ^X, F1 to F24, Enter, Tab, Space or none)",
	    yamlev_vis(v, sizeof v, s, len)));
}

static int
parse_keys(struct yamlev *y)
{
	static const char *top[] = { "keys", NULL };
	const char	*s;
	char		 name[64], v[YAMLEV_VIS_SIZE];
	size_t		 len;
	enum action	 a;
	int		 error, k;

	if ((error = yamlev_next(y)) != 0 || (error = yamlev_next(y)) != 0)
		return (error);
	if (y->ev.type == YAML_STREAM_END_EVENT)
		return (0);
	if ((error = map_start(y, NULL)) != 0)
		return (error);
	for (;;) {
		if ((error = map_key(y, NULL, top, &k)) != 0)
			return (error);
		if (k == -1)
			break;
		if ((error = map_start(y, "keys")) != 0)
			return (error);
		for (;;) {
			if ((error = yamlev_next(y)) != 0)
				return (error);
			if (y->ev.type == YAML_MAPPING_END_EVENT)
				break;
			if (y->ev.type != YAML_SCALAR_EVENT)
				return (yamlev_type_error(y, "keys",
				    "an action name"));
			s = (const char *)y->ev.data.scalar.value;
			len = y->ev.data.scalar.length;
			a = A_NONE;
			if (len < sizeof name) {
				memcpy(name, s, len);
				name[len] = '\0';
				a = action_find(name);
			}
			if (a == A_NONE)
				return (yamlev_err(y, &y->ev.start_mark,
				    "keys", "unknown action \"%s\"",
				    yamlev_vis(v, sizeof v, s, len)));
			if ((error = yamlev_next(y)) != 0)
				return (error);
			if (y->ev.type == YAML_SEQUENCE_START_EVENT) {
				if ((error = bind_one(y, a, 0)) != 0)
					return (error);
				if ((error = yamlev_next(y)) != 0)
					return (error);
				if (y->ev.type != YAML_SEQUENCE_END_EVENT) {
					y->again = 1;
					if ((error = bind_one(y, a, 1)) != 0)
						return (error);
					if ((error = yamlev_next(y)) != 0)
						return (error);
					if (y->ev.type !=
					    YAML_SEQUENCE_END_EVENT)
						return (yamlev_err(y,
						    &y->ev.start_mark, "keys",
						    "at most two keys: "
						    "[letter, F-key]"));
				}
			} else {
				y->again = 1;
				if ((error = bind_one(y, a, 0)) != 0)
					return (error);
			}
		}
	}
	return (0);
}

int
keys_load(const char *path, char **cause)
{
	struct yamlev	 y;
	char		*buf = NULL;
	size_t		 len = 0;
	int		 error;

	if (access(path, F_OK) != 0)
		return (0);
	if ((error = read_file(path, &buf, &len, cause)) != 0)
		return (error);
	yamlev_init(&y, path, buf, len, 4, cause);
	if ((error = yamlev_check(&y)) == 0 &&
	    (error = yamlev_open(&y)) == 0) {
		error = parse_keys(&y);
		yamlev_close(&y);
	}
	free(buf);
	return (error);
}

int
forms_check_keys(const char *dir, char **cause)
{
	DIR		*d;
	struct dirent	*de;
	struct form	*fm;
	char		 name[256], kn[32];
	size_t		 i, j, len;
	enum action	 a, b;
	int		 ka[2], kb[2], x, z, error = 0;

	if ((d = opendir(dir)) == NULL)
		return (cause_set(cause, ORDO_ECONFIG, "%s: %s", dir,
		    strerror(errno)));
	while (error == 0 && (de = readdir(d)) != NULL) {
		len = strlen(de->d_name);
		if (len < 6 || len > 200 ||
		    strcmp(de->d_name + len - 5, ".yaml") != 0)
			continue;
		snprintf(name, sizeof name, "%.*s", (int)(len - 5),
		    de->d_name);
		if ((error = form_load(dir, name, &fm, cause)) != 0)
			break;
		for (i = 0; error == 0 && i < fm->nactions; i++) {
			a = fm->actions[i];
			if (action_key(a) == 0) {
				error = cause_set(cause, ORDO_ECONFIG,
				    "%s: %s has no letter key", name,
				    action_name(a));
				break;
			}
			ka[0] = action_key(a);
			ka[1] = action_fkey(a);
			for (j = i + 1; error == 0 && j < fm->nactions; j++) {
				b = fm->actions[j];
				kb[0] = action_key(b);
				kb[1] = action_fkey(b);
				for (x = 0; x < 2; x++)
					for (z = 0; z < 2; z++)
						if (error == 0 && ka[x] != 0 &&
						    (a == b || ka[x] == kb[z]))
							error = cause_set(cause,
							    ORDO_ECONFIG,
							    "screen %s: %s and "
							    "%s share the key "
							    "%s", name,
							    action_name(a),
							    action_name(b),
							    action_key_name(
							    ka[x], kn,
							    sizeof kn));
			}
		}
		form_free(fm);
	}
	closedir(d);
	return (error);
}
