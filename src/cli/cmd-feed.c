/*
 * cmd-feed.c: "ordo feed": the outbox (outbox.h) as a stream, for other
 * systems.  Events after --since ID, in id order, one per line; with
 * --json each line is the event as a JSON object.  --follow stays and
 * prints new events as they are committed: it polls the environment's
 * last transaction id (a read of the meta page, no transaction) every
 * ORDO_FEED_POLL_MS milliseconds (200) and reads the table again when it
 * has passed the snapshot last read (db_txn_id: see db.h for why not the
 * value seen before reading).  Reading takes short read transactions of
 * at most FEED_CHUNK events, so a long backlog holds no snapshot open.
 *
 * A consumer resumes by passing the last id it stored as --since: ids
 * only grow and events are never deleted, so nothing is missed and
 * nothing repeats.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ordo/codec.h"
#include "ordo/date.h"
#include "ordo/db.h"
#include "ordo/error.h"
#include "ordo/outbox.h"
#include "ordo/report.h"

#include "cli.h"

#define FEED_CHUNK	1000

struct feed {
	struct cli	*cli;
	uint64_t	 after;		/* last id printed */
	int		 json;
	size_t		 n;		/* printed in this chunk */
	uint64_t	 snap;		/* the snapshot last read */
	struct buf	 line;
	int		 werr;		/* stdout failed */
};

static int	 feed_one(const struct outbox_event *, void *);
static int	 feed_fn(struct db_txn *, void *, char **);

static int
feed_one(const struct outbox_event *e, void *arg)
{
	struct feed	*f = arg;
	char		 t[TIME_BUFSZ];

	if (f->json) {
		outbox_line(e, &f->line);
		if (fwrite(f->line.d, 1, f->line.len, stdout) != f->line.len ||
		    putchar('\n') == EOF)
			f->werr = 1;
	} else if (printf("%8" PRIu64 "  %s  %-16s %-16s %s\n", e->id,
	    time_fmt(t, sizeof t, e->time), e->kind, e->object, e->user) < 0)
		f->werr = 1;
	f->after = e->id;
	return (f->werr || ++f->n >= FEED_CHUNK);
}

static int
feed_fn(struct db_txn *tx, void *arg, char **cause)
{
	struct feed	*f = arg;
	int		 rc;

	/* Every event, payments and customers' details too: an export. */
	if ((rc = report_finance(tx, "reading the event feed", cause)) != 0)
		return (rc);
	f->n = 0;
	f->snap = db_txn_id(tx);
	return (outbox_each(tx, f->after, feed_one, f));
}

/* Sleep ms milliseconds (nanosleep: a signal ends it early). */
static void
feed_nap(long ms)
{
	struct timespec	 ts;

	ts.tv_sec = ms / 1000;
	ts.tv_nsec = (ms % 1000) * 1000000L;
	nanosleep(&ts, NULL);
}

int
cmd_feed(struct cli *cli, int argc, char **argv)
{
	static const struct option lo[] = {
		{ "since",	required_argument, NULL, 's' },
		{ "follow",	no_argument,	   NULL, 'f' },
		{ "json",	no_argument,	   NULL, 'j' },
		CLI_OPT_END
	};
	struct feed	 f;
	const char	*e;
	char		*cause = NULL;
	long		 poll = 200;
	int		 c, rc, follow = 0;

	memset(&f, 0, sizeof f);
	f.cli = cli;
	while ((c = cli_getopt(cli, argc, argv, NULL, lo)) != -1) {
		switch (c) {
		case 's':
			if (strcmp(optarg, "0") == 0)
				f.after = 0;
			else if ((rc = cli_id(cli, "--since", optarg,
			    &f.after)) != 0)
				return (rc);
			break;
		case 'f':
			follow = 1;
			break;
		case 'j':
			f.json = 1;
			break;
		default:
			return (EXIT_USAGE);
		}
	}
	if ((rc = cli_nargs(cli, argc - optind, 0, 0)) != 0)
		return (rc);
	if ((e = getenv("ORDO_FEED_POLL_MS")) != NULL && atol(e) > 0)
		poll = atol(e);
	buf_init(&f.line);
	for (;;) {
		do {
			rc = db_read(cli->db, feed_fn, &f, &cause);
		} while (rc == 0 && !f.werr && f.n >= FEED_CHUNK);
		if (rc != 0 || f.werr || fflush(stdout) == EOF)
			break;
		if (!follow)
			break;
		while (db_last_txn(cli->db) <= f.snap)
			feed_nap(poll);
	}
	buf_free(&f.line);
	if (rc != 0) {
		rc = cli_fail(cli, rc, cause);
		free(cause);
		return (rc);
	}
	if (f.werr || ferror(stdout))
		return (cli_failf(cli, errno != 0 ? errno : ORDO_EIO,
		    "standard output: %s", strerror(errno != 0 ? errno :
		    EIO)));
	return (EXIT_OK);
}
