/*
 * cmd-track.c: "ordo track FILE": a carrier's status file (CSV from its
 * portal or from a tracking aggregator) into the parcels' delivery states
 * (parcel.h).  The file is read through a profile in config/tracking/
 * (the channel profiles' format and loader, profile.h): its columns name
 * the tracking number, the carrier, the status, the time and optionally
 * our order number; its status rules map the carrier's texts to shipped
 * (in transit), delivered or exception.  With no --profile the profile is
 * chosen by the header, as the importer chooses a channel.
 *
 * The file is read whole first (a bad row is reported with its line and
 * field and skipped), then every row is applied in one write transaction:
 * a row whose tracking number no order was shipped with is reported and
 * skipped, nothing else is half done.  Exit 0 when every row was applied,
 * 1 when some were skipped, 2 when the file or the profile is bad.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ordo/clean.h"
#include "ordo/csvin.h"
#include "ordo/date.h"
#include "ordo/db.h"
#include "ordo/error.h"
#include "ordo/parcel.h"
#include "ordo/profile.h"
#include "ordo/xmalloc.h"

#include "cli.h"

struct trow {
	size_t		 line;
	uint64_t	 order;
	char		*tracking;
	char		*carrier;
	char		*detail;
	enum parcel_state state;
	int64_t		 when;
};

struct track {
	const char	*file;
	struct trow	*rows;
	size_t		 n;
	size_t		 cap;
	long		 bad;		/* rows not read */
	/* Set by apply_fn (again if it is re-run). */
	long		 moved, changed, same, skipped;
	struct buf	 msgs;
};

/* config/tracking beside the config file, or $ORDO_TRACKING. */
static char *
tracking_dir(struct cli *cli)
{
	const char	*e, *slash;
	char		*r;

	if ((e = getenv("ORDO_TRACKING")) != NULL && *e != '\0')
		return (xstrdup(e));
	if (cli->cfgpath == NULL || (slash = strrchr(cli->cfgpath, '/')) ==
	    NULL)
		return (xstrdup("tracking"));
	xasprintf(&r, "%.*s/tracking", (int)(slash - cli->cfgpath),
	    cli->cfgpath);
	return (r);
}

static const char *
cell(const struct csvin_rec *r, const int *col, enum profile_field f)
{
	if (col[f] < 0 || (size_t)col[f] >= r->nfields)
		return ("");
	return (r->fields[col[f]]);
}

/* The profile status of a row by the profile's rules, or -1. */
static int
row_status(const struct profile *p, const struct csvin_rec *r,
    const int *col, char **why)
{
	const struct profile_rule	*ru;
	char				*v, *k;
	size_t				 i, j;

	*why = NULL;
	for (i = 0; i < p->nrules; i++) {
		ru = &p->rules[i];
		v = clean_text(cell(r, col, ru->field));
		if (*v == '\0' || clean_is_null(v)) {
			free(v);
			continue;
		}
		if (ru->any != -1) {
			free(v);
			return (ru->any);
		}
		k = clean_header(v);
		for (j = 0; j < ru->nmap; j++)
			if (strcmp(k, ru->map[j].key) == 0) {
				free(k);
				free(v);
				return ((int)ru->map[j].status);
			}
		free(k);
		if (ru->field == PF_STATUS) {
			xasprintf(why, "unknown status \"%s\": add it to the "
			    "status rules of profile %s", v, p->name);
			free(v);
			return (-1);
		}
		free(v);
	}
	return ((int)p->default_status);
}

static void
track_say(struct track *t, size_t line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
track_say(struct track *t, size_t line, const char *fmt, ...)
{
	va_list	 ap;
	char	*m, *s;

	va_start(ap, fmt);
	xvasprintf(&m, fmt, ap);
	va_end(ap);
	xasprintf(&s, "%s:%zu: %s\n", t->file, line, m);
	buf_add(&t->msgs, s, strlen(s));
	free(s);
	free(m);
}

/* Read every row of the file into t. */
static int
track_read(struct cli *cli, struct track *t, const struct profile *p,
    struct csvin *in, char *const *hdr, size_t nhdr, char **cause)
{
	const struct csvin_rec	*r;
	struct trow		*tr;
	int			*col;
	size_t			*items = NULL, nitems = 0;
	char			*why, *v, *e = NULL;
	int64_t			 when;
	int			 rc, st, ok, present;

	(void)cli;
	col = xcalloc(PF_NFIELDS, sizeof *col);
	if ((rc = profile_resolve(p, hdr, nhdr, 0, col, &items, &nitems,
	    &e)) != 0) {
		rc = cause_set(cause, ORDO_EINVAL, "%s: %s", t->file, e);
		goto out;
	}
	csvin_set_ncols(in, nhdr);
	while ((rc = csvin_next(in, &r, cause)) == 1) {
		if (r->err != NULL) {
			track_say(t, r->line, "%s", r->err);
			t->bad++;
			continue;
		}
		if ((st = row_status(p, r, col, &why)) < 0 ||
		    (st != PROFILE_SHIPPED && st != PROFILE_DELIVERED &&
		    st != PROFILE_EXCEPTION)) {
			if (why == NULL)
				xasprintf(&why, "status: %s is not a delivery "
				    "state (shipped, delivered, exception)",
				    profile_status_name((enum profile_status)
				    st));
			track_say(t, r->line, "%s", why);
			free(why);
			t->bad++;
			continue;
		}
		when = 0;
		v = clean_text(cell(r, col, st == PROFILE_DELIVERED ?
		    PF_DELIVERED_AT : PF_SHIPPED_AT));
		ok = 1;
		if (*v != '\0' && !clean_is_null(v) && clean_date(v,
		    (const char *const *)p->date_formats, p->ndate_formats,
		    p->tzoff, &when, &present, &why) != 0) {
			track_say(t, r->line, "%s: %s", st ==
			    PROFILE_DELIVERED ? "delivered_at" : "shipped_at",
			    why != NULL ? why : "not a date");
			free(why);
			ok = 0;
		}
		free(v);
		if (!ok) {
			t->bad++;
			continue;
		}
		if (t->n == t->cap) {
			t->cap = t->cap == 0 ? 64 : t->cap * 2;
			t->rows = xreallocarray(t->rows, t->cap,
			    sizeof *t->rows);
		}
		tr = &t->rows[t->n++];
		memset(tr, 0, sizeof *tr);
		tr->line = r->line;
		tr->state = st == PROFILE_SHIPPED ? PARCEL_IN_TRANSIT :
		    st == PROFILE_DELIVERED ? PARCEL_DELIVERED :
		    PARCEL_EXCEPTION;
		tr->when = when;
		tr->tracking = clean_text(cell(r, col, PF_TRACKING));
		tr->carrier = clean_text(cell(r, col, PF_CARRIER));
		tr->detail = clean_text(cell(r, col, PF_STATUS));
		v = clean_text(cell(r, col, PF_ORDER_ID));
		if (*v != '\0' && strspn(v, "0123456789") == strlen(v) &&
		    strlen(v) < 19)
			tr->order = strtoull(v, NULL, 10);
		free(v);
	}
out:
	free(e);
	free(items);
	free(col);
	return (rc < 0 || rc > 1 ? rc : 0);
}

static int
apply_fn(struct db_txn *tx, void *arg, char **cause)
{
	struct track		*t = arg;
	struct trow		*r;
	enum parcel_result	 res;
	char			*why = NULL;
	size_t			 i;
	int			 rc;

	t->moved = t->changed = t->same = t->skipped = 0;
	for (i = 0; i < t->n; i++) {
		r = &t->rows[i];
		rc = parcel_update(tx, r->order, r->tracking, r->carrier,
		    r->state, r->when, r->detail, &res, &why);
		if (rc == ORDO_ENOTFOUND || rc == ORDO_ESTATE) {
			track_say(t, r->line, "%s", why);
			free(why);
			why = NULL;
			t->skipped++;
			continue;
		}
		if (rc != 0) {
			*cause = why;
			return (rc);
		}
		if (res == PARCEL_MOVED)
			t->moved++;
		else if (res == PARCEL_CHANGED)
			t->changed++;
		else
			t->same++;
	}
	return (0);
}

void
cli_parcel_line(struct db_txn *tx, uint64_t id)
{
	struct parcel	 p;
	char		 tb[TIME_BUFSZ];

	if (parcel_get(tx, id, &p) != 0)
		return;
	printf("parcel:    %s", parcel_state_name(p.state));
	if (p.time != 0)
		printf(" %s", cli_fmt_time(tb, sizeof tb, p.time));
	if (*p.detail != '\0')
		printf(" (%s)", p.detail);
	printf("\n");
	parcel_free(&p);
}

int
cmd_track(struct cli *cli, int argc, char **argv)
{
	static const struct option lo[] = {
		{ "profile",	required_argument, NULL, 'p' },
		CLI_OPT_END
	};
	struct profile		**all = NULL, *p = NULL;
	struct csvin_opts	 o;
	struct csvin		*in = NULL;
	const struct csvin_rec	*r;
	struct track		 t;
	char			**hdr = NULL, *dir, *cause = NULL;
	const char		*pname = NULL;
	size_t			 nall = 0, fit[4], nfit, nhdr = 0, i, line = 0;
	int			 c, rc;

	while ((c = cli_getopt(cli, argc, argv, NULL, lo)) != -1) {
		if (c != 'p')
			return (EXIT_USAGE);
		pname = optarg;
	}
	if ((rc = cli_nargs(cli, argc - optind, 1, 1)) != 0)
		return (rc);
	memset(&t, 0, sizeof t);
	t.file = argv[optind];
	buf_init(&t.msgs);
	dir = tracking_dir(cli);
	if (pname != NULL)
		rc = profile_load_named(dir, pname, &p, &cause);
	else
		rc = profile_load_dir(dir, &all, &nall, &cause);
	free(dir);
	if (rc != 0)
		goto fail;
	/* Read with the first profile's settings to find the header. */
	memset(&o, 0, sizeof o);
	if (p == NULL && nall == 0) {
		rc = cause_set(&cause, ENOENT, "no tracking profiles");
		goto fail;
	}
	{
		const struct profile *q = p != NULL ? p : all[0];

		o.delim = q->delimiter;
		o.quote = q->quote == -1 ? CSVIN_NOQUOTE : q->quote;
		o.enc = q->encoding == PROFILE_GBK ? CSVIN_GBK :
		    q->encoding == PROFILE_GB18030 ? CSVIN_GB18030 :
		    q->encoding == PROFILE_AUTO ? CSVIN_AUTO : CSVIN_UTF8;
		line = q->header_line > 0 ? (size_t)q->header_line : 1;
	}
	if ((rc = csvin_open(&in, t.file, &o, &cause)) != 0)
		goto fail;
	for (i = 0; i < line; i++) {
		if ((rc = csvin_next(in, &r, &cause)) != 1) {
			if (rc == 0)
				rc = cause_set(&cause, ORDO_EINVAL, "%s: no "
				    "header", t.file);
			goto fail;
		}
	}
	nhdr = r->nfields;
	hdr = xcalloc(nhdr + 1, sizeof *hdr);
	for (i = 0; i < nhdr; i++)
		hdr[i] = xstrdup(r->fields[i]);
	if (p == NULL) {
		nfit = profile_detect(all, nall, hdr, nhdr, fit);
		if (nfit != 1) {
			rc = cause_set(&cause, ORDO_EINVAL, "%s: %s; name one "
			    "with --profile", t.file, nfit == 0 ? "no tracking "
			    "profile fits its header" : "more than one "
			    "tracking profile fits its header");
			goto fail;
		}
		p = all[fit[0]];
	}
	for (i = 0; i < p->skip_after_header; i++)
		if (csvin_next(in, &r, &cause) != 1)
			break;
	if ((rc = track_read(cli, &t, p, in, hdr, nhdr, &cause)) != 0)
		goto fail;
	rc = db_write(cli->db, apply_fn, &t, &cause);
	fwrite(t.msgs.d, 1, t.msgs.len, stderr);
	if (rc != 0)
		goto fail;
	printf("%s: profile %s: %zu rows: %ld orders delivered, %ld other "
	    "changes, %ld unchanged, %ld skipped\n", t.file, p->name,
	    t.n + (size_t)t.bad, t.moved, t.changed, t.same,
	    t.skipped + t.bad);
	rc = t.skipped + t.bad > 0 ? EXIT_REFUSED : EXIT_OK;
	goto out;
fail:
	rc = cli_fail(cli, rc, cause);
	if (rc == EXIT_REFUSED || rc == EXIT_SYSTEM)
		rc = rc == EXIT_REFUSED ? EXIT_USAGE : rc;
	free(cause);
out:
	if (in != NULL)
		csvin_close(in);
	for (i = 0; i < nhdr; i++)
		free(hdr[i]);
	free(hdr);
	for (i = 0; i < t.n; i++) {
		free(t.rows[i].tracking);
		free(t.rows[i].carrier);
		free(t.rows[i].detail);
	}
	free(t.rows);
	buf_free(&t.msgs);
	if (all != NULL)
		profile_free_all(all, nall);
	else
		profile_free(p);
	return (rc);
}
