/*
 * cmd-import.c: "ordo import", the nightly marketplace importer.
 *
 * The reading half (src/import: files, profiles, cleaning, grouping rows
 * into orders) hands over validated orders; the rules that land them
 * (idempotency, lifecycle updates, reservations, undo) are the core's
 * (batch.h).  This file is the writing half (import.h): it lands the
 * chunks import-read.c reads, each in write transactions of about
 * CHUNK_MS of work, so a clerk's write never waits long behind a night
 * import, and a crash loses nothing: the batch is resumed by running the
 * same command again.
 */
#include <sys/stat.h>
#include <sys/time.h>

#include <errno.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/evp.h>

#include "cli.h"
#include "import.h"

#include "ordo/date.h"
#include "ordo/error.h"
#include "ordo/priv.h"
#include "ordo/xmalloc.h"

#define DRYRUN_ABORT	1	/* a txn fn's code that means "abort, fine" */
#define SLOW_AGAIN	2	/* "abort, and redo this chunk order by order" */

static double	 now_s(void);
static int	 sha256_file(const char *, char *, struct stat *, char **);
static char	*channels_dir(struct cli *);
static int	 pick_profile(struct cli *, const char *, const char *,
		    int, struct profile **);
static int	 chunk_fn(struct db_txn *, void *, char **);
static int	 flush_chunk(struct run *, struct chunk *);
static int	 land_chunk(struct run *, struct chunk *);
static void	 progress(struct run *, int);
static int	 import_files(struct cli *, const char *, int, int, char **);
static int	 import_list(struct cli *);
static int	 import_undo(struct cli *, const char *);
static int	 import_alias(struct cli *, int, char **);
static int	 begin_fn(struct db_txn *, void *, char **);
static void	 say_same(struct run *);
static int	 same_file(struct run *, const struct stat *, char **);
static void	 rej_write(struct run *, const struct imp_reject *);
static int	 rej_open(struct run *, char **);
static void	 rej_finish(struct run *);
static int	 save_fn(struct db_txn *, void *, char **);
static int	 chunk_save(struct db_txn *, struct chunk *, char **);
static int	 left_open(const struct chunk *, size_t);

static double
now_s(void)
{
	struct timeval	 tv;

	gettimeofday(&tv, NULL);
	return (tv.tv_sec + tv.tv_usec / 1e6);
}

/* The SHA-256 of the file at path, and (if st) its fstat. */
static int
sha256_file(const char *path, char *hex, struct stat *st, char **cause)
{
	EVP_MD_CTX	*ctx;
	unsigned char	 buf[65536], d[EVP_MAX_MD_SIZE];
	unsigned int	 dlen = 0, i;
	size_t		 n;
	FILE		*f;
	int		 ok;

	/* A file the user names is read as the user (priv.h). */
	priv_drop();
	f = fopen(path, "rb");
	ok = errno;
	priv_restore();
	if (f == NULL)
		return (cause_set(cause, ok, "%s: %s", path, strerror(ok)));
	if (st != NULL && fstat(fileno(f), st) != 0) {
		fclose(f);
		return (cause_set(cause, errno, "%s: %s", path,
		    strerror(errno)));
	}
	if ((ctx = EVP_MD_CTX_new()) == NULL) {
		fclose(f);
		return (cause_set(cause, ENOMEM, "%s: out of memory", path));
	}
	ok = EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) == 1;
	while (ok && (n = fread(buf, 1, sizeof buf, f)) > 0)
		ok = EVP_DigestUpdate(ctx, buf, n) == 1;
	ok = ok && !ferror(f) && EVP_DigestFinal_ex(ctx, d, &dlen) == 1;
	EVP_MD_CTX_free(ctx);
	fclose(f);
	if (!ok)
		return (cause_set(cause, ORDO_EIO, "%s: read error", path));
	for (i = 0; i < dlen; i++)
		snprintf(hex + 2 * i, 3, "%02x", d[i]);
	return (0);
}

/* config/channels beside the config file, or $ORDO_CHANNELS. */
static char *
channels_dir(struct cli *cli)
{
	const char	*e;
	char		*tmp, *dir, *r;

	if ((e = getenv("ORDO_CHANNELS")) != NULL && *e != '\0')
		return (xstrdup(e));
	tmp = xstrdup(cli->cfgpath != NULL ? cli->cfgpath : "./ordo.yaml");
	dir = dirname(tmp);
	xasprintf(&r, "%s/channels", dir);
	free(tmp);
	return (r);
}

static int
pick_profile(struct cli *cli, const char *channel, const char *file,
    int nfiles, struct profile **out)
{
	struct profile	**all = NULL;
	size_t		  n = 0, fit[16], nfit = 0, i, k;
	char		 *dir, *cause = NULL;
	int		  rc;

	dir = channels_dir(cli);
	if (channel != NULL) {
		rc = profile_load_named(dir, channel, out, &cause);
		free(dir);
		if (rc != 0) {
			rc = cli_failf(cli, rc, "--channel %s: %s", channel,
			    cause);
			free(cause);
			return (rc == 0 ? EXIT_USAGE : EXIT_USAGE);
		}
		return (0);
	}
	rc = profile_load_dir(dir, &all, &n, &cause);
	free(dir);
	if (rc != 0) {
		cli_fail(cli, rc, cause);
		free(cause);
		return (EXIT_USAGE);
	}
	rc = imp_detect(all, n, file, fit, &nfit, &cause);
	if (rc != 0) {
		cli_fail(cli, rc, cause);
		free(cause);
		profile_free_all(all, n);
		return (EXIT_USAGE);
	}
	/*
	 * A pair of files is read by a two-file profile, one file by a
	 * one-file profile: Etsy's Sold Order Items export alone is
	 * etsy-items, with its orders export it is etsy.
	 */
	for (i = 0, k = 0; i < nfit && i < 16; i++)
		if ((all[fit[i]]->model == PROFILE_JOINED) == (nfiles == 2))
			fit[k++] = fit[i];
	if (k > 0)
		nfit = k;
	if (nfit == 1) {
		*out = all[fit[0]];
		all[fit[0]] = NULL;
		fprintf(stderr, "ordo import: %s: channel %s (detected from "
		    "the header)\n", file, (*out)->name);
		for (i = 0; i < n; i++)
			if (all[i] != NULL)
				profile_free(all[i]);
		free(all);
		return (0);
	}
	if (nfit == 0) {
		fprintf(stderr, "ordo: import: %s: no channel profile fits its "
		    "header; give --channel NAME (one of:", file);
		for (i = 0; i < n; i++)
			fprintf(stderr, " %s", all[i]->name);
		fprintf(stderr, ")\n");
	} else {
		fprintf(stderr, "ordo: import: %s: several channel profiles "
		    "fit its header; give --channel with one of:", file);
		for (i = 0; i < nfit && i < 16; i++)
			fprintf(stderr, " %s", all[fit[i]]->name);
		fprintf(stderr, "\n");
	}
	profile_free_all(all, n);
	return (EXIT_USAGE);
}

static int
chunk_fn(struct db_txn *tx, void *arg, char **cause)
{
	struct chunk	*c = arg;
	double		 t0 = now_s();
	size_t		 i;
	int		 rc;

	c->done = 0;
	for (i = 0; i < c->n; i++) {
		free(c->why[i]);
		c->why[i] = NULL;
		if (c->slow)
			rc = batch_apply(tx, c->b, &c->o[i], c->st[i],
			    c->carrier[i], c->tracking[i], c->unknown_flag,
			    &c->res[i], &c->why[i]);
		else {
			rc = batch_apply_direct(tx, c->b, &c->o[i], c->st[i],
			    c->carrier[i], c->tracking[i], c->unknown_flag,
			    &c->res[i], &c->why[i]);
			/*
			 * A refused order may have left writes: drop the
			 * whole transaction and redo it order by order.
			 */
			if (batch_refusal(rc))
				return (SLOW_AGAIN);
		}
		if (rc != 0) {
			if (cause != NULL && c->why[i] != NULL) {
				free(*cause);
				*cause = c->why[i];
				c->why[i] = NULL;
			}
			return (rc);
		}
		c->done = i + 1;
		if ((now_s() - t0) * 1000 > CHUNK_MS)
			break;
	}
	if (c->dry)
		return (DRYRUN_ABORT);
	/* The batch's counters commit with the orders they count. */
	return (chunk_save(tx, c, cause));
}

/* Order i of c is open (batch_order_open). */
static int
left_open(const struct chunk *c, size_t i)
{
	return (c->res[i] != IMP_REJECTED &&
	    batch_order_open(c->st[i], c->o[i].status));
}

static int
chunk_save(struct db_txn *tx, struct chunk *c, char **cause)
{
	struct run	*r = c->run;
	struct batch	 b = r->b;
	int64_t		 w[IMP_NRESULTS], open = r->open;
	size_t		 i;

	memcpy(w, r->would, sizeof w);
	for (i = 0; i < c->done; i++) {
		w[c->res[i]]++;
		open += left_open(c, i);
		if (c->res[i] == IMP_REJECTED)
			b.rejected++;
		else
			b.lines += (int64_t)c->o[i].nlines;
	}
	batch_tally(&b, w, open);
	return (batch_save(tx, &b, cause));
}

static int
save_fn(struct db_txn *tx, void *arg, char **cause)
{
	return (batch_save(tx, arg, cause));
}

/* Apply the chunk's orders in as many transactions as it takes. */
static int
flush_chunk(struct run *r, struct chunk *c)
{
	struct chunk	 part;
	char		*cause = NULL;
	size_t		 off = 0, i;
	int		 rc;

	while (off < c->n) {
		part = *c;
		part.o += off;
		part.st += off;
		part.carrier += off;
		part.tracking += off;
		part.why += off;
		part.res += off;
		part.line += off;
		part.file += off;
		part.n = c->n - off;
		part.slow = 0;
		/* A clerk waiting to write goes first (db.h). */
		db_let_others_write(r->cli->db);
		rc = db_write(r->cli->db, chunk_fn, &part, &cause);
		if (rc == SLOW_AGAIN) {
			part.slow = 1;
			rc = db_write(r->cli->db, chunk_fn, &part, &cause);
		}
		if (rc == DRYRUN_ABORT)
			rc = 0;
		if (rc != 0) {
			cli_fail(r->cli, rc, cause);
			free(cause);
			return (rc);
		}
		for (i = 0; i < part.done; i++) {
			struct order *o = &part.o[i];

			r->would[part.res[i]]++;
			r->open += left_open(&part, i);
			if (part.res[i] == IMP_BEYOND ||
			    part.res[i] == IMP_BEYOND_UPD) {
				r->beyond++;
				fprintf(stderr, "ordo import: %s:%zu: %s\n",
				    imp_path(r->rd, part.file[i]),
				    part.line[i], part.why[i] != NULL ?
				    part.why[i] : "");
			}
			if (part.res[i] == IMP_ATTENTION) {
				r->attention++;
				fprintf(stderr, "ordo import: %s:%zu: needs "
				    "attention: %s\n", imp_path(r->rd,
				    part.file[i]), part.line[i],
				    part.why[i] != NULL ? part.why[i] : "");
			}
			if (part.res[i] == IMP_REJECTED) {
				struct imp_reject rj;

				r->rejected_orders++;
				r->b.rejected++;
				memset(&rj, 0, sizeof rj);
				rj.file = part.file[i];
				rj.line = part.line[i];
				xasprintf(&rj.reason, "order %s: %s",
				    o->ext_id, part.why[i] != NULL ?
				    part.why[i] : "refused");
				fprintf(stderr, "ordo import: %s:%zu: %s\n",
				    imp_path(r->rd, rj.file), rj.line,
				    rj.reason);
				rej_write(r, &rj);
				free(rj.reason);
			} else
				r->lines += (int64_t)o->nlines;
		}
		off += part.done;
		if (!r->dry) {
			batch_tally(&r->b, r->would, r->open);
			r->b.lines = r->lines;
		}
		progress(r, 0);
	}
	return (0);
}

/* Say what the reader rejected, then land the orders of c. */
static int
land_chunk(struct run *r, struct chunk *c)
{
	const struct imp_reject	*rj;
	size_t			 i;

	for (i = 0; i < c->nrj; i++) {
		rj = &c->rj[i];
		if (c->rj_say[i])
			fprintf(stderr, "ordo import: %s:%zu: %s\n",
			    imp_path(r->rd, rj->file), rj->line, rj->reason);
		rej_write(r, rj);
	}
	r->b.rejected += c->rj_rows;
	r->rejected_orders += c->rj_orders;
	r->stats = c->stats;
	r->pdone = c->pdone;
	r->ptotal = c->ptotal;
	if (c->err != 0) {
		cli_fail(r->cli, c->err, c->cause);
		return (c->err);
	}
	if (c->n > 0)
		return (flush_chunk(r, c));
	progress(r, 0);
	return (0);
}

static void
progress(struct run *r, int end)
{
	const struct imp_stats *s = &r->stats;
	double		 t = now_s(), el = t - r->t0, eta = 0;
	uint64_t	 done = r->pdone, total = r->ptotal;
	char		 bar[21];
	int		 i, fill = 0;

	if (!end && t - r->last < (r->tty ? 0.2 : 10.0))
		return;
	r->last = t;
	if (total > 0 && done > 0) {
		if (done > total)
			done = total;
		fill = (int)(done * 20 / total);
		eta = el * (double)(total - done) / (double)done;
	}
	if (end) {
		fill = 20;
		eta = 0;
	}
	for (i = 0; i < 20; i++)
		bar[i] = i < fill ? '#' : '.';
	bar[20] = '\0';
	if (r->tty)
		fprintf(stderr, "\r[%s] %3d%% %9zu rows %8.0f rows/s  ETA "
		    "%4.0fs%s", bar, fill * 5, s->rows,
		    el > 0 ? s->rows / el : 0.0, eta, end ? "\n" : "");
	else if (!end)
		fprintf(stderr, "ordo import: %zu rows, %zu orders, %.0f "
		    "rows/s, %d%%, about %.0f s left\n", s->rows, s->orders,
		    el > 0 ? s->rows / el : 0.0, fill * 5, eta);
}

static int
begin_fn(struct db_txn *tx, void *arg, char **cause)
{
	struct run	*r = arg;
	const char	*sha = r->sha;
	char		*path;
	int		 rc;

	/*
	 * The same file again, after a batch of it that left nothing over:
	 * nothing would change (batch.h).  A pair is two files and only
	 * the first is hashed, so a pair is always read.
	 */
	batch_free(&r->same);
	if (imp_nfiles(r->rd) == 1 && (rc = batch_same_file(tx, sha,
	    r->prof->name, r->psha, &r->same, cause)) != ORDO_ENOTFOUND)
		return (rc);
	path = realpath(imp_path(r->rd, 0), NULL);
	batch_free(&r->b);
	rc = batch_begin(tx, path != NULL ? path : imp_path(r->rd, 0), sha,
	    r->prof->name, r->psha, &r->b, cause);
	free(path);
	return (rc);
}

/*
 * The file hashed must be the one the reader opened: one put in its place
 * meanwhile (a new export renamed over it) would be recorded with the
 * other's hash, and later taken for imported.
 */
static int
same_file(struct run *r, const struct stat *sb, char **cause)
{
	if (imp_same_file(r->rd, 0, sb))
		return (0);
	return (cause_set(cause, ORDO_EINVAL, "%s: replaced while being "
	    "opened; run the import again", imp_path(r->rd, 0)));
}

/* Say that the file was imported before, as the summary would. */
static void
say_same(struct run *r)
{
	const struct batch *b = &r->same;
	char		 t[TIME_BUFSZ];

	fprintf(stderr, "ordo import: %s: already imported as batch %llu "
	    "(%s, by %s): nothing to do\n", imp_path(r->rd, 0),
	    (unsigned long long)b->id, time_fmt(t, sizeof t, b->finished),
	    b->user);
	printf("%s: channel %s, batch %llu\n", imp_path(r->rd, 0),
	    r->prof->name, (unsigned long long)b->id);
	printf("orders imported: 0 new (0 short of stock, left as drafts), "
	    "0 updated, %lld unchanged, 0 rejected\n",
	    (long long)(b->orders_new + b->orders_updated +
	    b->orders_unchanged));
	printf("rows %lld, lines %lld, rejected rows 0, %.1f seconds\n",
	    (long long)b->rows, (long long)b->lines, now_s() - r->t0);
}

/* One rejects file per input file, each with that file's header. */
static int
rej_open(struct run *r, char **cause)
{
	char *const	*hdr;
	size_t		 nhdr, i;
	int		 rc;

	for (i = 0; i < imp_nfiles(r->rd) && i < 2; i++) {
		imp_header(r->rd, (int)i, &hdr, &nhdr);
		rc = imp_rejects_open(&r->rej[i], imp_path(r->rd, (int)i),
		    r->prof->delimiter, hdr, nhdr, cause);
		if (rc != 0)
			return (rc);
	}
	return (0);
}

static void
rej_write(struct run *r, const struct imp_reject *rj)
{
	int	 f = rj->file == 1 ? 1 : 0;

	if (r->rej[f] == NULL)
		return;
	if (imp_rejects_write(r->rej[f], rj, NULL) == 0)
		r->nrej[f]++;
}

/* Keep the rejects files that hold rows; leave no empty one behind. */
static void
rej_finish(struct run *r)
{
	char	*cause = NULL, *rp;
	int	 i;

	for (i = 0; i < 2; i++) {
		if (r->rej[i] == NULL)
			continue;
		if (r->nrej[i] == 0)
			imp_rejects_abort(r->rej[i]);
		else if (imp_rejects_close(r->rej[i], &cause) != 0) {
			cli_fail(r->cli, ORDO_EIO, cause);
			free(cause);
			cause = NULL;
		} else {
			rp = imp_rejects_path(imp_path(r->rd, i));
			fprintf(stderr, "ordo import: rejected rows written to "
			    "%s\n", rp);
			free(rp);
		}
		r->rej[i] = NULL;
	}
}

static int
import_files(struct cli *cli, const char *channel, int dry, int nfiles,
    char **files)
{
	struct run		 r;
	struct stat		 sb;
	struct imp_pipe		*pipe;
	struct chunk		*c;
	const struct imp_stats	*s;
	char			*cause = NULL;
	size_t			 i;
	int			 rc, ex = EXIT_OK, fatal = 0;
	char			 unk[64];

	memset(&r, 0, sizeof r);
	r.cli = cli;
	r.dry = dry;
	r.tty = isatty(STDERR_FILENO);
	r.t0 = r.last = now_s();
	if ((rc = pick_profile(cli, channel, files[0], nfiles, &r.prof)) != 0)
		return (rc);
	rc = imp_open(&r.rd, r.prof, (const char *const *)files,
	    (size_t)nfiles, cli_digits(cli), &cause);
	if (rc != 0) {
		rc = cli_fail(cli, rc, cause);
		free(cause);
		profile_free(r.prof);
		return (EXIT_USAGE);
	}
	/* Hashed before the write: the file is read whole. */
	if (!dry && ((rc = sha256_file(imp_path(r.rd, 0), r.sha, &sb,
	    &cause)) != 0 || (rc = same_file(&r, &sb, &cause)) != 0 ||
	    (rc = sha256_file(r.prof->path, r.psha, NULL, &cause)) != 0 ||
	    (rc = db_write(cli->db, begin_fn, &r, &cause)) != 0)) {
		cli_fail(cli, rc, cause);
		free(cause);
		ex = EXIT_USAGE;	/* nothing imported */
		goto out;
	}
	if (r.same.id != 0) {
		say_same(&r);
		goto out;
	}
	if (!dry) {
		rc = rej_open(&r, &cause);
		if (rc != 0) {
			cli_fail(cli, rc, cause);
			free(cause);
			ex = EXIT_USAGE;
			goto out;
		}
	}
	pipe = imp_pipe_start(&r);
	while ((c = imp_pipe_next(pipe)) != NULL) {
		if (land_chunk(&r, c) != 0) {
			fatal = 1;
			break;
		}
		imp_pipe_done(pipe, c);
	}
	imp_pipe_stop(pipe);
	progress(&r, 1);

	s = &r.stats;		/* what was written; the reader may be ahead */
	if (!dry && !fatal) {
		r.b.rows = (int64_t)s->rows;
		r.b.finished = util_now();
		if (db_write(cli->db, save_fn, &r.b, &cause) != 0) {
			cli_fail(cli, ORDO_EIO, cause);
			free(cause);
			cause = NULL;
			fatal = 1;
		}
	}
	rej_finish(&r);
	if (dry)
		printf("dry run: %s: channel %s: nothing written\n",
		    imp_path(r.rd, 0), r.prof->name);
	else
		printf("%s: channel %s, batch %llu\n", imp_path(r.rd, 0),
		    r.prof->name, (unsigned long long)r.b.id);
	if (r.would[IMP_UNKNOWN] > 0)
		snprintf(unk, sizeof unk, ", %lld with an unknown SKU",
		    (long long)r.would[IMP_UNKNOWN]);
	else
		*unk = '\0';
	printf("orders %s: %lld new (%lld short of stock%s, left as drafts), "
	    "%lld updated, %lld unchanged, %lld rejected\n",
	    dry ? "that would be" : "imported",
	    (long long)(r.would[IMP_NEW] + r.would[IMP_SHORT] +
	    r.would[IMP_UNKNOWN] + r.would[IMP_BEYOND]),
	    (long long)r.would[IMP_SHORT], unk,
	    (long long)(r.would[IMP_UPDATED] + r.would[IMP_BEYOND_UPD]),
	    (long long)(r.would[IMP_UNCHANGED] + r.would[IMP_ATTENTION]),
	    (long long)r.rejected_orders);
	if (r.attention > 0)
		printf("orders needing attention: %lld (listed above)\n",
		    (long long)r.attention);
	if (r.beyond > 0)
		printf("orders shipped by the marketplace beyond ordo's stock: "
		    "%lld (recorded shipped; the stock rows listed above are "
		    "flagged for a count, see 'ordo check')\n",
		    (long long)r.beyond);
	printf("rows %zu, lines %lld, rejected rows %lld, %.1f seconds\n",
	    s->rows, (long long)r.lines, (long long)r.b.rejected,
	    now_s() - r.t0);
	if (fatal)
		ex = EXIT_USAGE;
	else if (r.rejected_orders > 0 && r.would[IMP_NEW] +
	    r.would[IMP_SHORT] + r.would[IMP_UNKNOWN] + r.would[IMP_UPDATED] +
	    r.would[IMP_UNCHANGED] + r.would[IMP_ATTENTION] +
	    r.would[IMP_BEYOND] + r.would[IMP_BEYOND_UPD] == 0)
		ex = EXIT_USAGE;
	else if (r.rejected_orders > 0)
		ex = EXIT_REFUSED;
out:
	for (i = 0; i < 2; i++)
		if (r.rej[i] != NULL)
			imp_rejects_abort(r.rej[i]);
	batch_free(&r.b);
	batch_free(&r.same);
	imp_close(r.rd);
	profile_free(r.prof);
	return (ex);
}

struct list_arg {
	int	 n;
};

static int
list_row(const struct batch *b, void *arg)
{
	struct list_arg	*la = arg;
	char		 t[TIME_BUFSZ];

	if (la->n++ == 0)
		printf("%-5s %-19s %-10s %-8s %6s %6s %6s %6s %6s  %s\n",
		    "BATCH", "STARTED", "CHANNEL", "USER", "NEW", "UPD",
		    "SAME", "SHORT", "REJ", "FILE / SHA256");
	printf("%-5llu %-19s %-10s %-8s %6lld %6lld %6lld %6lld %6lld  %s%s\n",
	    (unsigned long long)b->id, time_fmt(t, sizeof t, b->started),
	    b->channel, b->user, (long long)b->orders_new,
	    (long long)b->orders_updated, (long long)b->orders_unchanged,
	    (long long)b->orders_short, (long long)b->rejected, b->file,
	    b->undone ? " (undone)" : b->finished == 0 ?
	    " (interrupted: run it again to finish)" : "");
	printf("%59s  %s\n", "", b->sha256);
	return (0);
}

static int
list_fn(struct db_txn *tx, void *arg, char **cause)
{
	(void)cause;
	return (batch_each(tx, list_row, arg));
}

static int
import_list(struct cli *cli)
{
	struct list_arg	 la = { 0 };
	char		*cause = NULL;
	int		 rc;

	if ((rc = db_read(cli->db, list_fn, &la, &cause)) != 0) {
		rc = cli_fail(cli, rc, cause);
		free(cause);
		return (rc);
	}
	if (la.n == 0)
		printf("no import batches\n");
	return (EXIT_OK);
}

static int
undo_fn(struct db_txn *tx, void *arg, char **cause)
{
	return (batch_undo(tx, *(uint64_t *)arg, cause));
}

static int
import_undo(struct cli *cli, const char *arg)
{
	uint64_t	 id;
	char		*cause = NULL;
	int		 rc;

	if ((rc = cli_id(cli, "--undo", arg, &id)) != 0)
		return (rc);
	if ((rc = db_write(cli->db, undo_fn, &id, &cause)) != 0) {
		rc = cli_fail(cli, rc, cause);
		free(cause);
		return (rc);
	}
	printf("batch %llu undone: its orders are cancelled and their stock "
	    "released\n", (unsigned long long)id);
	return (EXIT_OK);
}

struct alias_arg {
	char	**v;
	size_t	  fixed;
	size_t	  shortn;
};

static int
alias_fn(struct db_txn *tx, void *arg, char **cause)
{
	struct alias_arg *a = arg;
	int		 rc;

	if ((rc = alias_set(tx, a->v[0], a->v[1], a->v[2], cause)) != 0)
		return (rc);
	/* The drafts already imported with it flagged unknown, too. */
	return (alias_repair(tx, a->v[0], a->v[1], &a->fixed, &a->shortn,
	    cause));
}

static int
import_alias(struct cli *cli, int argc, char **argv)
{
	struct alias_arg a;
	char		*cause = NULL;
	int		 rc;

	if (argc != 3)
		return (cli_usage_error(cli, "--alias takes CHANNEL "
		    "CHANNEL-SKU OUR-SKU"));
	a.v = argv;
	if ((rc = db_write(cli->db, alias_fn, &a, &cause)) != 0) {
		rc = cli_fail(cli, rc, cause);
		free(cause);
		return (rc);
	}
	printf("%s SKU %s is our %s\n", argv[0], argv[1], argv[2]);
	if (a.fixed + a.shortn > 0)
		printf("imported drafts with it: %zu mapped and confirmed, "
		    "%zu still drafts (short of stock, or another unknown "
		    "SKU)\n", a.fixed, a.shortn);
	return (EXIT_OK);
}

int
cmd_import(struct cli *cli, int argc, char **argv)
{
	static const struct option lo[] = {
		{ "channel", required_argument, NULL, 'c' },
		{ "dry-run", no_argument, NULL, 'n' },
		{ "undo", required_argument, NULL, 'u' },
		{ "list", no_argument, NULL, 'l' },
		{ "alias", no_argument, NULL, 'a' },
		CLI_OPT_END
	};
	const char	*channel = NULL, *undo = NULL;
	int		 c, dry = 0, list = 0, alias = 0;

	while ((c = cli_getopt(cli, argc, argv, "", lo)) != -1) {
		switch (c) {
		case 'c':
			channel = optarg;
			break;
		case 'n':
			dry = 1;
			break;
		case 'u':
			undo = optarg;
			break;
		case 'l':
			list = 1;
			break;
		case 'a':
			alias = 1;
			break;
		default:
			return (EXIT_USAGE);
		}
	}
	argc -= optind;
	argv += optind;
	if (list + alias + (undo != NULL) > 1)
		return (cli_usage_error(cli, "--list, --undo and --alias go "
		    "alone"));
	if (list)
		return (argc == 0 ? import_list(cli) :
		    cli_usage_error(cli, "--list takes no file"));
	if (undo != NULL)
		return (argc == 0 ? import_undo(cli, undo) :
		    cli_usage_error(cli, "--undo takes no file"));
	if (alias)
		return (import_alias(cli, argc, argv));
	if (argc < 1 || argc > 2)
		return (cli_usage_error(cli, "give the export file (two for "
		    "a joined pair such as Taobao's)"));
	return (import_files(cli, channel, dry, argc, argv));
}
