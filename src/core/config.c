/*
 * config.c: read config/ordo.yaml.
 *
 * The file's size is checked here; yamlev.c then checks the text (UTF-8,
 * control characters) and makes a first pass over libyaml's events under
 * the rules that hold for any part of the file: no aliases, no anchors,
 * no explicit tags, one document, nesting at most CONFIG_MAX_DEPTH deep.
 * The second pass is a small recursive-descent parser over the same
 * events whose shape is the schema (the field tables below), so a value
 * of the wrong kind is an error the moment it is seen and nothing is ever
 * built that the struct does not hold.  Every error names
 * "file:line:column:", 1-based, columns counted in characters as libyaml
 * counts them.
 */
#include <sys/stat.h>

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <yaml.h>

#include "ordo/config.h"
#include "ordo/error.h"
#include "ordo/xmalloc.h"

#include "yamlev.h"

#define CONFIG_MAX_SIZE		(1024 * 1024)	/* bytes in the file */
#define CONFIG_MAX_DEPTH	16	/* nested mappings and lists */
#define CONFIG_MAX_TEXT		128	/* bytes in a name */
#define CONFIG_MAX_CODE		32	/* bytes in a code or login */
#define CONFIG_MAX_PATH		4096	/* bytes in database.path */
#define CONFIG_MAX_RATE		10000	/* 100%, in basis points */

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
	struct yamlev	 y;		/* the events and the error place */

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
static int	 parse_document(struct cparse *);
static int	 parse_map(struct cparse *, const char *, const struct field *,
		    size_t, void *);
static int	 get_role(struct cparse *, const char *, enum role *);
static int	 code_ok(const char *, size_t, int);
static int	 parse_rate(const char *, size_t, int *);
static int	 parse_size(const char *, size_t, uint64_t *);
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
static int	 f_timezone(struct cparse *, const struct field *, void *);
static int	 f_currency_code(struct cparse *, const struct field *, void *);
static int	 f_minor_digits(struct cparse *, const struct field *, void *);
static int	 f_tax(struct cparse *, const struct field *, void *);
static int	 f_tax_rate(struct cparse *, const struct field *, void *);
static int	 f_tax_incl(struct cparse *, const struct field *, void *);
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
static int	 get_list(struct cparse *, const char *, int, char ***,
		    size_t *);
static int	 f_loc_walk(struct cparse *, const struct field *, void *);
static int	 f_pick(struct cparse *, const struct field *, void *);
static int	 f_pick_claim(struct cparse *, const struct field *, void *);
static int	 f_pick_orders(struct cparse *, const struct field *, void *);
static int	 f_pick_lines(struct cparse *, const struct field *, void *);
static int	 f_pick_digits(struct cparse *, const struct field *, void *);
static int	 f_pick_channels(struct cparse *, const struct field *,
		    void *);
static int	 f_user_roles(struct cparse *, const struct field *, void *);

static const char *const role_names[] = {
	"none", "viewer", "picker", "clerk", "manager", "admin"
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
	{ "timezone",	"timezone",	0, f_timezone },
	{ "tax",	"tax",		0, f_tax },
	{ "database",	"database",	1, f_database },
	{ "locations",	"locations",	1, f_locations },
	{ "accounts",	"accounts",	1, f_accounts },
	{ "users",	"users",	0, f_users },
	{ "pick",	"pick",		0, f_pick }
};

static const struct field currency_fields[] = {
	{ "code",		"currency.code",	  1, f_currency_code },
	{ "minor_digits",	"currency.minor_digits",  0, f_minor_digits }
};

static const struct field tax_fields[] = {
	{ "rate",	"tax.rate",	1, f_tax_rate },
	{ "prices_include", "tax.prices_include", 0, f_tax_incl }
};

static const struct field database_fields[] = {
	{ "path",	"database.path",	1, f_db_path },
	{ "map_size",	"database.map_size",	0, f_map_size }
};

static const struct field location_fields[] = {
	{ "code",	"locations.code",	1, f_loc_code },
	{ "name",	"locations.name",	1, f_loc_name },
	{ "backorder",	"locations.backorder",	0, f_loc_backorder },
	{ "walk",	"locations.walk",	0, f_loc_walk }
};

static const struct field pick_fields[] = {
	{ "claim_minutes",	"pick.claim_minutes",	0, f_pick_claim },
	{ "wave_orders",	"pick.wave_orders",	0, f_pick_orders },
	{ "wave_lines",		"pick.wave_lines",	0, f_pick_lines },
	{ "check_digits",	"pick.check_digits",	0, f_pick_digits },
	{ "channels",		"pick.channels",	0, f_pick_channels }
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


/* Pass two: stream, one document, the top-level mapping. */
static int
parse_document(struct cparse *p)
{
	int	 error;

	if ((error = yamlev_next(&p->y)) != 0)	/* stream start */
		return (error);
	if ((error = yamlev_next(&p->y)) != 0)
		return (error);
	if (p->y.ev.type == YAML_STREAM_END_EVENT)
		return (yamlev_err(&p->y, &p->y.ev.start_mark, NULL,
		    "the file is empty"));
	if ((error = parse_map(p, NULL, root_fields, nitems(root_fields),
	    p->cfg)) != 0)
		return (error);
	if ((error = yamlev_next(&p->y)) != 0)	/* document end */
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
	char		 v[YAMLEV_VIS_SIZE];
	int		 error;

	if ((error = yamlev_next(&p->y)) != 0)
		return (error);
	if (p->y.ev.type != YAML_MAPPING_START_EVENT)
		return (yamlev_type_error(&p->y, path, "a mapping of keys"));
	start = p->y.ev.start_mark;
	for (;;) {
		if ((error = yamlev_next(&p->y)) != 0)
			return (error);
		if (p->y.ev.type == YAML_MAPPING_END_EVENT)
			break;
		if (p->y.ev.type != YAML_SCALAR_EVENT)
			return (yamlev_err(&p->y, &p->y.ev.start_mark, path,
			    "a key must be a single word, not %s",
			    yamlev_kind(&p->y.ev)));
		key = (const char *)p->y.ev.data.scalar.value;
		klen = p->y.ev.data.scalar.length;
		for (i = 0; i < nf; i++) {
			if (strlen(f[i].key) == klen &&
			    memcmp(f[i].key, key, klen) == 0)
				break;
		}
		if (i == nf)
			return (yamlev_err(&p->y, &p->y.ev.start_mark, path,
			    "unknown key \"%s\"",
			    yamlev_vis(v, sizeof v, key, klen)));
		if (seen & (1U << i))
			return (yamlev_err(&p->y, &p->y.ev.start_mark, path,
			    "duplicate key \"%s\"", f[i].key));
		seen |= 1U << i;
		if ((error = f[i].parse(p, &f[i], arg)) != 0)
			return (error);
	}
	for (i = 0; i < nf; i++) {
		if (f[i].required && (seen & (1U << i)) == 0)
			return (yamlev_err(&p->y, &start, path,
			    "missing required key \"%s\"", f[i].key));
	}
	return (0);
}

static int
get_role(struct cparse *p, const char *path, enum role *out)
{
	const char	*s;
	size_t		 len;
	char		 v[YAMLEV_VIS_SIZE];
	int		 error, i;

	if ((error = yamlev_get_scalar(&p->y, path, &s, &len)) != 0)
		return (error);
	if ((i = yamlev_lookup(role_names, nitems(role_names), s, len)) == -1)
		return (yamlev_err(&p->y, &p->y.ev.start_mark, path,
		    "unknown role \"%s\" (none, viewer, picker, clerk, "
		    "manager or admin)",
		    yamlev_vis(v, sizeof v, s, len)));
	*out = (enum role)i;
	return (0);
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
	if ((k = yamlev_lookup(suffix, nitems(suffix), s + i, len - i)) == -1)
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

	return (yamlev_get_text(&p->y, f->path, CONFIG_MAX_TEXT,
	    &cfg->company));
}

static int
f_currency(struct cparse *p, const struct field *f, void *arg)
{
	return (parse_map(p, f->path, currency_fields,
	    nitems(currency_fields), arg));
}

/*
 * An IANA zone name ("Asia/Shanghai", "UTC"): letters, digits and
 * "/_-+", no ".." and no leading "/", and a file of that name in the
 * time zone database ($TZDIR, else /usr/share/zoneinfo; Debian's
 * tzdata).  "UTC" needs no file.
 */
static int
f_timezone(struct cparse *p, const struct field *f, void *arg)
{
	struct config	*cfg = arg;
	const char	*s, *dir;
	size_t		 len, i;
	char		 v[YAMLEV_VIS_SIZE], *path;
	int		 error, ok;

	if ((error = yamlev_get_scalar(&p->y, f->path, &s, &len)) != 0)
		return (error);
	for (i = 0; i < len; i++) {
		if (!isalnum((unsigned char)s[i]) && strchr("/_-+", s[i]) ==
		    NULL)
			break;
	}
	ok = len > 0 && len < 64 && i == len && s[0] != '/' &&
	    memmem(s, len, "..", 2) == NULL;
	if (ok && !(len == 3 && memcmp(s, "UTC", 3) == 0)) {
		if ((dir = getenv("TZDIR")) == NULL || *dir == '\0')
			dir = "/usr/share/zoneinfo";
		xasprintf(&path, "%s/%.*s", dir, (int)len, s);
		ok = access(path, R_OK) == 0;
		free(path);
	}
	if (!ok)
		return (yamlev_err(&p->y, &p->y.ev.start_mark, f->path,
		    "no time zone \"%s\": expected a name of the time zone "
		    "database like Asia/Shanghai or UTC (Debian: tzdata)",
		    yamlev_vis(v, sizeof v, s, len)));
	cfg->timezone = xstrndup(s, len);
	return (0);
}

static int
f_currency_code(struct cparse *p, const struct field *f, void *arg)
{
	struct config	*cfg = arg;
	const char	*s;
	size_t		 len, i;
	char		 v[YAMLEV_VIS_SIZE];
	int		 error;

	if ((error = yamlev_get_scalar(&p->y, f->path, &s, &len)) != 0)
		return (error);
	for (i = 0; i < len; i++) {
		if (s[i] < 'A' || s[i] > 'Z')
			break;
	}
	if (len != 3 || i != len)
		return (yamlev_err(&p->y, &p->y.ev.start_mark, f->path,
		    "expected a 3-letter upper-case code like CNY, not \"%s\"",
		    yamlev_vis(v, sizeof v, s, len)));
	cfg->currency = xstrndup(s, len);
	return (0);
}

static int
f_minor_digits(struct cparse *p, const struct field *f, void *arg)
{
	struct config	*cfg = arg;

	return (yamlev_get_int(&p->y, f->path, 0, 4, &cfg->minor_digits));
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
	char		 v[YAMLEV_VIS_SIZE];
	int		 error;

	if ((error = yamlev_get_scalar(&p->y, f->path, &s, &len)) != 0)
		return (error);
	switch (parse_rate(s, len, &cfg->tax_rate)) {
	case 0:
		return (0);
	case -2:
		return (yamlev_err(&p->y, &p->y.ev.start_mark, f->path,
		    "at most 2 decimals, not \"%s\"",
		    yamlev_vis(v, sizeof v, s, len)));
	case -3:
		return (yamlev_err(&p->y, &p->y.ev.start_mark, f->path,
		    "must be from 0 to 100, not \"%s\"",
		    yamlev_vis(v, sizeof v, s, len)));
	default:
		return (yamlev_err(&p->y, &p->y.ev.start_mark, f->path,
		    "expected a percentage like 13 or 8.25, not \"%s\"",
		    yamlev_vis(v, sizeof v, s, len)));
	}
}

static int
f_tax_incl(struct cparse *p, const struct field *f, void *arg)
{
	struct config	*cfg = arg;

	return (yamlev_get_bool(&p->y, f->path, &cfg->prices_incl));
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
	return (yamlev_get_text(&p->y, f->path, CONFIG_MAX_PATH, &cfg->db_dir));
}

static int
f_map_size(struct cparse *p, const struct field *f, void *arg)
{
	struct config	*cfg = arg;
	const char	*s;
	size_t		 len;
	uint64_t	 v;
	char		 vb[YAMLEV_VIS_SIZE];
	int		 error;

	if ((error = yamlev_get_scalar(&p->y, f->path, &s, &len)) != 0)
		return (error);
	switch (parse_size(s, len, &v)) {
	case 0:
		cfg->map_size = (size_t)v;
		return (0);
	case -2:
		return (yamlev_err(&p->y, &p->y.ev.start_mark, f->path,
		    "too large: \"%s\"", yamlev_vis(vb, sizeof vb, s, len)));
	default:
		return (yamlev_err(&p->y, &p->y.ev.start_mark, f->path,
		    "expected bytes or a size like 64MiB or 2GiB, not \"%s\"",
		    yamlev_vis(vb, sizeof vb, s, len)));
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

	if ((error = yamlev_next(&p->y)) != 0)
		return (error);
	if (p->y.ev.type != YAML_SEQUENCE_START_EVENT)
		return (yamlev_type_error(&p->y, f->path, "a list"));
	start = p->y.ev.start_mark;
	for (;;) {
		if ((error = yamlev_next(&p->y)) != 0)
			return (error);
		if (p->y.ev.type == YAML_SEQUENCE_END_EVENT)
			break;
		p->y.again = 1;
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
		return (yamlev_err(&p->y, &start, f->path,
		    "at least one location is needed"));

	k = xreallocarray(NULL, cfg->nlocations, sizeof *k);
	for (i = 0; i < cfg->nlocations; i++) {
		k[i].key = cfg->locations[i].code;
		k[i].i = i;
	}
	dup = find_dup(k, cfg->nlocations);
	free(k);
	if (dup != SIZE_MAX)
		return (yamlev_err(&p->y, &p->lmarks[dup], f->path,
		    "duplicate code \"%s\"", cfg->locations[dup].code));
	return (0);
}

static int
f_loc_code(struct cparse *p, const struct field *f, void *arg)
{
	struct config_location	*loc = arg;
	const char		*s;
	size_t			 len;
	char			 v[YAMLEV_VIS_SIZE];
	int			 error;

	if ((error = yamlev_get_scalar(&p->y, f->path, &s, &len)) != 0)
		return (error);
	if (!code_ok(s, len, 0))
		return (yamlev_err(&p->y, &p->y.ev.start_mark, f->path,
		    "\"%s\" is not a code: use 1 to %d of A-Z, 0-9, - and _",
		    yamlev_vis(v, sizeof v, s, len), CONFIG_MAX_CODE));
	p->lmarks[loc - p->cfg->locations] = p->y.ev.start_mark;
	loc->code = xstrndup(s, len);
	return (0);
}

static int
f_loc_name(struct cparse *p, const struct field *f, void *arg)
{
	struct config_location	*loc = arg;

	return (yamlev_get_text(&p->y, f->path, CONFIG_MAX_TEXT, &loc->name));
}

static int
f_loc_backorder(struct cparse *p, const struct field *f, void *arg)
{
	struct config_location	*loc = arg;

	return (yamlev_get_bool(&p->y, f->path, &loc->backorder));
}

/*
 * A list of short single-line texts (codes: no spaces), at most 1000;
 * each replaces nothing: the list is new.
 */
static int
get_list(struct cparse *p, const char *path, int max, char ***out,
    size_t *n)
{
	const char	*s;
	size_t		 len, cap = 0, i;
	char		 v[YAMLEV_VIS_SIZE];
	int		 error;

	if ((error = yamlev_next(&p->y)) != 0)
		return (error);
	if (p->y.ev.type != YAML_SEQUENCE_START_EVENT)
		return (yamlev_type_error(&p->y, path, "a list"));
	for (;;) {
		if ((error = yamlev_next(&p->y)) != 0)
			return (error);
		if (p->y.ev.type == YAML_SEQUENCE_END_EVENT)
			break;
		p->y.again = 1;
		if ((error = yamlev_get_scalar(&p->y, path, &s, &len)) != 0)
			return (error);
		for (i = 0; i < len; i++)
			if ((unsigned char)s[i] <= ' ')
				break;
		if (len == 0 || len > CONFIG_MAX_CODE || i < len)
			return (yamlev_err(&p->y, &p->y.ev.start_mark, path,
			    "\"%s\" is not a code: 1 to %d characters, no "
			    "spaces", yamlev_vis(v, sizeof v, s, len),
			    CONFIG_MAX_CODE));
		if (*n >= (size_t)max)
			return (yamlev_err(&p->y, &p->y.ev.start_mark, path,
			    "too many entries (at most %d)", max));
		if (*n == cap) {
			cap = cap == 0 ? 8 : cap * 2;
			*out = xreallocarray(*out, cap, sizeof **out);
		}
		(*out)[(*n)++] = xstrndup(s, len);
	}
	return (0);
}

static int
f_loc_walk(struct cparse *p, const struct field *f, void *arg)
{
	struct config_location	*loc = arg;

	return (get_list(p, f->path, 10000, &loc->walk, &loc->nwalk));
}

static int
f_pick(struct cparse *p, const struct field *f, void *arg)
{
	return (parse_map(p, f->path, pick_fields, nitems(pick_fields), arg));
}

static int
f_pick_claim(struct cparse *p, const struct field *f, void *arg)
{
	struct config	*cfg = arg;

	return (yamlev_get_int(&p->y, f->path, 1, 24 * 60,
	    &cfg->pick.claim_minutes));
}

static int
f_pick_orders(struct cparse *p, const struct field *f, void *arg)
{
	struct config	*cfg = arg;

	return (yamlev_get_int(&p->y, f->path, 1, 100,
	    &cfg->pick.wave_orders));
}

static int
f_pick_lines(struct cparse *p, const struct field *f, void *arg)
{
	struct config	*cfg = arg;

	return (yamlev_get_int(&p->y, f->path, 1, 1000,
	    &cfg->pick.wave_lines));
}

static int
f_pick_digits(struct cparse *p, const struct field *f, void *arg)
{
	struct config	*cfg = arg;

	return (yamlev_get_int(&p->y, f->path, 0, 4,
	    &cfg->pick.check_digits));
}

static int
f_pick_channels(struct cparse *p, const struct field *f, void *arg)
{
	struct config	*cfg = arg;

	return (get_list(p, f->path, 100, &cfg->pick.channels,
	    &cfg->pick.nchannels));
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

	if ((error = yamlev_next(&p->y)) != 0)
		return (error);
	if (p->y.ev.type != YAML_SEQUENCE_START_EVENT)
		return (yamlev_type_error(&p->y, f->path, "a list"));
	start = p->y.ev.start_mark;
	for (;;) {
		if ((error = yamlev_next(&p->y)) != 0)
			return (error);
		if (p->y.ev.type == YAML_SEQUENCE_END_EVENT)
			break;
		p->y.again = 1;
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
		return (yamlev_err(&p->y, &p->amarks[dup], f->path,
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
		error = yamlev_err(&p->y, &start, f->path,
		    "no account has role %s", missing);
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
	char			 v[YAMLEV_VIS_SIZE];
	int			 error;

	if ((error = yamlev_get_scalar(&p->y, f->path, &s, &len)) != 0)
		return (error);
	if (!code_ok(s, len, 1))
		return (yamlev_err(&p->y, &p->y.ev.start_mark, f->path,
		    "\"%s\" is not a code: use 1 to %d of letters, digits, "
		    "'.', '-' and '_'", yamlev_vis(v, sizeof v, s, len),
		    CONFIG_MAX_CODE));
	p->amarks[a - p->cfg->accounts] = p->y.ev.start_mark;
	a->code = xstrndup(s, len);
	return (0);
}

static int
f_acct_name(struct cparse *p, const struct field *f, void *arg)
{
	struct config_account	*a = arg;

	return (yamlev_get_text(&p->y, f->path, CONFIG_MAX_TEXT, &a->name));
}

static int
f_acct_type(struct cparse *p, const struct field *f, void *arg)
{
	struct config_account	*a = arg;
	const char		*s;
	size_t			 len;
	char			 v[YAMLEV_VIS_SIZE];
	int			 error, i;

	if ((error = yamlev_get_scalar(&p->y, f->path, &s, &len)) != 0)
		return (error);
	i = yamlev_lookup(account_type_names, nitems(account_type_names), s,
	    len);
	if (i == -1)
		return (yamlev_err(&p->y, &p->y.ev.start_mark, f->path,
		    "unknown type \"%s\" (asset, liability, equity, income "
		    "or expense)", yamlev_vis(v, sizeof v, s, len)));
	a->type = (enum account_type)i;
	return (0);
}

static int
f_acct_role(struct cparse *p, const struct field *f, void *arg)
{
	struct config_account	*a = arg;
	const char		*s, *other;
	size_t			 len;
	char			 v[YAMLEV_VIS_SIZE];
	int			 error, r;

	if ((error = yamlev_get_scalar(&p->y, f->path, &s, &len)) != 0)
		return (error);
	r = yamlev_lookup(account_role_names, nitems(account_role_names), s,
	    len);
	if (r == -1)
		return (yamlev_err(&p->y, &p->y.ev.start_mark, f->path,
		    "unknown role \"%s\"", yamlev_vis(v, sizeof v, s, len)));
	if ((other = config_account(p->cfg, r)) != NULL)
		return (yamlev_err(&p->y, &p->y.ev.start_mark, f->path,
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
	int		 rc;

	if ((rc = get_role(p, f->path, &cfg->default_role)) != 0)
		return (rc);
	/* Who is not listed may at most read: no default admin. */
	if (cfg->default_role > ROLE_VIEWER)
		return (yamlev_err(&p->y, &p->y.ev.start_mark, f->path,
		    "none or viewer; list a login under roles to give it "
		    "more"));
	return (0);
}

static int
f_user_roles(struct cparse *p, const struct field *f, void *arg)
{
	struct config		*cfg = arg;
	struct config_user	*u;
	struct keyed		*k;
	yaml_mark_t		 mark;
	const char		*s;
	char			*login, v[YAMLEV_VIS_SIZE];
	size_t			 len, i, dup;
	enum role		 role;
	int			 error;

	if ((error = yamlev_next(&p->y)) != 0)
		return (error);
	if (p->y.ev.type != YAML_MAPPING_START_EVENT)
		return (yamlev_type_error(&p->y, f->path,
		    "a mapping of logins to roles"));
	for (;;) {
		if ((error = yamlev_next(&p->y)) != 0)
			return (error);
		if (p->y.ev.type == YAML_MAPPING_END_EVENT)
			break;
		if (p->y.ev.type != YAML_SCALAR_EVENT)
			return (yamlev_err(&p->y, &p->y.ev.start_mark, f->path,
			    "a login must be a single word, not %s",
			    yamlev_kind(&p->y.ev)));
		s = (const char *)p->y.ev.data.scalar.value;
		len = p->y.ev.data.scalar.length;
		if (!code_ok(s, len, 1))
			return (yamlev_err(&p->y, &p->y.ev.start_mark, f->path,
			    "\"%s\" is not a login name",
			    yamlev_vis(v, sizeof v, s, len)));
		mark = p->y.ev.start_mark;
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
		return (yamlev_err(&p->y, &p->umarks[dup], f->path,
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
	yamlev_init(&p.y, name, buf, len, CONFIG_MAX_DEPTH, cause);

	if (len > CONFIG_MAX_SIZE) {
		memset(&mark, 0, sizeof mark);
		return (yamlev_err(&p.y, &mark, NULL,
		    "larger than %d bytes (1 MiB)", CONFIG_MAX_SIZE));
	}
	if ((error = yamlev_check(&p.y)) != 0)
		return (error);

	cfg = xcalloc(1, sizeof *cfg);
	cfg->minor_digits = 2;
	cfg->default_role = ROLE_NONE;
	cfg->pick.claim_minutes = 30;
	cfg->pick.wave_orders = 4;
	cfg->pick.wave_lines = 40;
	p.cfg = cfg;

	if ((error = yamlev_open(&p.y)) != 0)
		goto free_config;
	if ((error = parse_document(&p)) != 0)
		goto stop_parser;

	db = db_resolve(base, cfg->db_dir);
	free(cfg->db_dir);
	cfg->db_dir = db;
	cfg->path = xstrdup(name);
	*cfgp = cfg;
	cfg = NULL;

stop_parser:
	yamlev_close(&p.y);
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
	size_t	 i, j;

	if (cfg == NULL)
		return;
	free(cfg->path);
	free(cfg->company);
	free(cfg->currency);
	free(cfg->timezone);
	free(cfg->db_dir);
	for (i = 0; i < cfg->nlocations; i++) {
		free(cfg->locations[i].code);
		free(cfg->locations[i].name);
		for (j = 0; j < cfg->locations[i].nwalk; j++)
			free(cfg->locations[i].walk[j]);
		free(cfg->locations[i].walk);
	}
	for (j = 0; j < cfg->pick.nchannels; j++)
		free(cfg->pick.channels[j]);
	free(cfg->pick.channels);
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

int
config_listed(const struct config *cfg, const char *login)
{
	if (login == NULL || cfg->nusers == 0)
		return (0);
	return (bsearch(login, cfg->users, cfg->nusers, sizeof *cfg->users,
	    login_cmp) != NULL);
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
