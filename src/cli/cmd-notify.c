/*
 * cmd-notify.c: "ordo notify": deliver the outbox's events (outbox.h) to
 * the command config/notify.yaml names, one run per event with the
 * event's JSON (notice_render: the event, the customer's contact, the
 * tracking link, the message text) on its standard input and
 * ORDO_EVENT_ID and ORDO_EVENT_KIND in its environment.
 *
 * At least once: an event is marked delivered only after its command
 * exited 0, in a short write transaction of its own; a crash or kill in
 * between delivers it again, and the command de-duplicates by the event
 * id.  No transaction is open while a command runs: the event is read
 * (a read transaction), the command run, then the result written.
 *
 * A failure (exit status not 0, killed, or over the timeout) is kept in
 * TB_NOTIFY with the attempt count and retried after backoff seconds,
 * doubling each time up to backoff_max; after "attempts" failures it is
 * a dead letter, listed by --dead and put back by --retry.  The cursor
 * (every event up to it has been delivered, dead-lettered or is waiting
 * for a retry) moves once per event, so later events are not held up
 * behind one that fails.
 *
 * One deliverer at a time: notify.lock in the company directory, taken
 * without waiting.  --follow stays: it wakes when another process commits
 * (the environment's last transaction id moved) or a retry falls due,
 * and stops at SIGINT or SIGTERM after the event in hand.
 */
#include <sys/file.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ordo/codec.h"
#include "ordo/core.h"
#include "ordo/date.h"
#include "ordo/db.h"
#include "ordo/error.h"
#include "ordo/notice.h"
#include "ordo/outbox.h"
#include "ordo/priv.h"
#include "ordo/trust.h"
#include "ordo/xmalloc.h"

#include "cli.h"

#define NFY_BATCH	256

struct nfy_item {
	uint64_t	 id;
	int		 isnew;		/* after the cursor, not a retry */
	int		 wanted;	/* its kind is delivered */
};

struct nfy {
	struct cli	*cli;
	struct notice_config *nc;
	struct nfy_item	 items[NFY_BATCH];
	size_t		 nitems;
	int64_t		 next_retry;	/* earliest retry not yet due, 0 */
	uint64_t	 snap;		/* snapshot of the last plan */
	/* The event in hand. */
	uint64_t	 id;
	int		 isnew;
	int		 found;
	char		 kind[64];
	struct buf	 json;
	int		 ok;
	char		*err;
	uint64_t	 skip_to;	/* cursor to write for skipped events */
	/* Counts for the summary. */
	long		 delivered, failed, dead, skipped;
};

static volatile sig_atomic_t nfy_quit;

static void
nfy_signal(int sig)
{
	(void)sig;
	nfy_quit = 1;
}

struct plan_arg {
	struct nfy	*n;
	int64_t		 now;
};

static int
plan_retry(const struct notify_rec *r, void *arg)
{
	struct nfy	*n = arg;

	if (r->state != NOTIFY_RETRY)
		return (0);
	if (r->next > util_now()) {
		if (n->next_retry == 0 || r->next < n->next_retry)
			n->next_retry = r->next;
		return (0);
	}
	if (n->nitems >= NFY_BATCH / 2)
		return (1);
	n->items[n->nitems].id = r->event;
	n->items[n->nitems].isnew = 0;
	n->items[n->nitems].wanted = 1;
	n->nitems++;
	return (0);
}

static int
plan_new(const struct outbox_event *e, void *arg)
{
	struct nfy	*n = arg;

	n->items[n->nitems].id = e->id;
	n->items[n->nitems].isnew = 1;
	n->items[n->nitems].wanted = notice_wants(n->nc, e->kind);
	return (++n->nitems >= NFY_BATCH);
}

/* What is due now: retries first, then new events after the cursor. */
static int
plan_fn(struct db_txn *tx, void *arg, char **cause)
{
	struct nfy	*n = arg;
	int		 rc;

	(void)cause;
	n->nitems = 0;
	n->next_retry = 0;
	n->snap = db_txn_id(tx);
	if ((rc = notify_each(tx, plan_retry, n)) != 0)
		return (rc);
	return (outbox_each(tx, notify_cursor(tx), plan_new, n));
}

static int
render_fn(struct db_txn *tx, void *arg, char **cause)
{
	struct nfy		*n = arg;
	struct outbox_event	 e;
	int			 rc;

	(void)cause;
	n->found = 0;
	if ((rc = outbox_get(tx, n->id, &e)) != 0)
		return (rc == ORDO_ENOTFOUND ? 0 : rc);
	n->found = 1;
	snprintf(n->kind, sizeof n->kind, "%s", e.kind);
	rc = notice_render(tx, n->nc, &e, &n->json);
	outbox_free(&e);
	return (rc);
}

/* Move the cursor on to id (never back). */
static int
nfy_cursor(struct db_txn *tx, uint64_t id)
{
	if (id <= notify_cursor(tx))
		return (0);
	return (notify_set_cursor(tx, id));
}

static int
skip_fn(struct db_txn *tx, void *arg, char **cause)
{
	struct nfy	*n = arg;
	int		 rc;

	if ((rc = core_require(tx, ROLE_CLERK, "delivering notifications",
	    cause)) != 0)
		return (rc);
	return (nfy_cursor(tx, n->skip_to));
}

/* The result of one delivery, in a write transaction of its own. */
static int
mark_fn(struct db_txn *tx, void *arg, char **cause)
{
	struct nfy		*n = arg;
	struct notify_rec	 r;
	int64_t			 wait;
	uint32_t		 i;
	int			 rc;

	if ((rc = core_require(tx, ROLE_CLERK, "delivering notifications",
	    cause)) != 0)
		return (rc);
	if (n->isnew && (rc = nfy_cursor(tx, n->id)) != 0)
		return (rc);
	if (n->ok)
		return (notify_del(tx, n->id));
	rc = notify_get(tx, n->id, &r);
	if (rc == ORDO_ENOTFOUND) {
		memset(&r, 0, sizeof r);
		r.event = n->id;
	} else if (rc != 0)
		return (rc);
	r.attempts++;
	free(r.error);
	r.error = xstrdup(n->err != NULL ? n->err : "failed");
	wait = n->nc->backoff;
	for (i = 1; i < r.attempts && wait < n->nc->backoff_max; i++)
		wait *= 2;
	if (wait > n->nc->backoff_max)
		wait = n->nc->backoff_max;
	r.next = tx->now + wait;
	r.state = (int)r.attempts >= n->nc->attempts ? NOTIFY_DEAD :
	    NOTIFY_RETRY;
	rc = notify_put(tx, &r);
	notify_rec_free(&r);
	return (rc);
}

/* Sleep ms milliseconds; a signal ends it early. */
static void
nfy_nap(long ms)
{
	struct timespec	 ts;

	ts.tv_sec = ms / 1000;
	ts.tv_nsec = (ms % 1000) * 1000000L;
	nanosleep(&ts, NULL);
}

/*
 * Run the command with in on its standard input.  0 when it exited 0;
 * otherwise 1 with *err saying how it failed.
 */
static int
nfy_run(const struct nfy *n, char **err)
{
	char		 idbuf[32];
	const uint8_t	*p;
	size_t		 left;
	ssize_t		 w;
	pid_t		 pid, r;
	int		 fds[2], status = 0, waited = 0;
	long		 limit = (long)n->nc->timeout * 100;

	*err = NULL;
	if (pipe(fds) == -1) {
		xasprintf(err, "pipe: %s", strerror(errno));
		return (1);
	}
	fflush(stdout);
	fflush(stderr);
	if ((pid = fork()) == -1) {
		xasprintf(err, "fork: %s", strerror(errno));
		close(fds[0]);
		close(fds[1]);
		return (1);
	}
	if (pid == 0) {
		setpgid(0, 0);
		signal(SIGPIPE, SIG_DFL);
		signal(SIGINT, SIG_DFL);
		signal(SIGTERM, SIG_DFL);
		close(fds[1]);
		if (fds[0] != STDIN_FILENO) {
			dup2(fds[0], STDIN_FILENO);
			close(fds[0]);
		}
		snprintf(idbuf, sizeof idbuf, "%llu",
		    (unsigned long long)n->id);
		setenv("ORDO_EVENT_ID", idbuf, 1);
		setenv("ORDO_EVENT_KIND", n->kind, 1);
		priv_shed();
		execl("/bin/sh", "sh", "-c", n->nc->command, (char *)NULL);
		_exit(127);
	}
	close(fds[0]);
	/* A command that does not read its input is its own business. */
	for (p = n->json.d, left = n->json.len; left > 0; p += w, left -= w)
		if ((w = write(fds[1], p, left)) <= 0 && errno != EINTR)
			break;
		else if (w < 0)
			w = 0;
	if (left == 0)
		(void)write(fds[1], "\n", 1);
	close(fds[1]);
	for (;;) {
		r = waitpid(pid, &status, WNOHANG);
		if (r == pid)
			break;
		if (r == -1 && errno != EINTR) {
			xasprintf(err, "waitpid: %s", strerror(errno));
			return (1);
		}
		if (waited++ >= limit) {
			kill(-pid, SIGKILL);
			kill(pid, SIGKILL);
			while (waitpid(pid, &status, 0) == -1 &&
			    errno == EINTR)
				continue;
			xasprintf(err, "timed out after %d s",
			    n->nc->timeout);
			return (1);
		}
		nfy_nap(10);
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return (0);
	if (WIFEXITED(status))
		xasprintf(err, "exit %d", WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		xasprintf(err, "killed by signal %d", WTERMSIG(status));
	else
		xasprintf(err, "ended with status %d", status);
	return (1);
}

static int
nfy_flush_skips(struct nfy *n, char **cause)
{
	int	 rc;

	if (n->skip_to == 0)
		return (0);
	rc = db_write(n->cli->db, skip_fn, n, cause);
	n->skip_to = 0;
	return (rc);
}

/* One pass over what is due.  0, or an error with its cause. */
static int
nfy_pass(struct nfy *n, char **cause)
{
	size_t	 i;
	int	 rc;

	do {
		if ((rc = db_read(n->cli->db, plan_fn, n, cause)) != 0)
			return (rc);
		for (i = 0; i < n->nitems && !nfy_quit; i++) {
			n->id = n->items[i].id;
			n->isnew = n->items[i].isnew;
			if (!n->items[i].wanted) {
				n->skip_to = n->id;
				n->skipped++;
				continue;
			}
			if ((rc = nfy_flush_skips(n, cause)) != 0)
				return (rc);
			if ((rc = db_read(n->cli->db, render_fn, n,
			    cause)) != 0)
				return (rc);
			if (!n->found)
				continue;
			free(n->err);
			n->ok = nfy_run(n, &n->err) == 0;
			if ((rc = db_write(n->cli->db, mark_fn, n,
			    cause)) != 0)
				return (rc);
			if (n->ok)
				n->delivered++;
			else {
				n->failed++;
				fprintf(stderr, "ordo: notify: event %llu "
				    "(%s): %s\n", (unsigned long long)n->id,
				    n->kind, n->err);
			}
		}
		if ((rc = nfy_flush_skips(n, cause)) != 0)
			return (rc);
	} while (n->nitems == NFY_BATCH && !nfy_quit);
	return (0);
}

static int
dead_one(const struct notify_rec *r, void *arg)
{
	struct db_txn		*tx = arg;
	struct outbox_event	 e;
	char			 t[TIME_BUFSZ];

	if (r->state != NOTIFY_DEAD)
		return (0);
	if (outbox_get(tx, r->event, &e) != 0)
		return (0);
	printf("%8llu  %s  %-16s %-12s %u tries: %s\n",
	    (unsigned long long)r->event, time_fmt(t, sizeof t, e.time),
	    e.kind, e.object, r->attempts, r->error);
	outbox_free(&e);
	return (0);
}

static int
dead_fn(struct db_txn *tx, void *arg, char **cause)
{
	int	 rc;

	(void)arg;
	if ((rc = core_require(tx, ROLE_CLERK, "reading notifications",
	    cause)) != 0)
		return (rc);
	return (notify_each(tx, dead_one, tx));
}

struct requeue {
	uint64_t	 id;		/* 0: every dead letter */
	struct buf	 ids;
	size_t		 n;
};

static int
requeue_one(const struct notify_rec *r, void *arg)
{
	struct requeue	*q = arg;

	if (r->state == NOTIFY_DEAD && (q->id == 0 || q->id == r->event))
		key_u64(&q->ids, r->event);
	return (0);
}

static int
requeue_fn(struct db_txn *tx, void *arg, char **cause)
{
	struct requeue		*q = arg;
	struct notify_rec	 r;
	size_t			 i;
	int			 rc;

	if ((rc = core_require(tx, ROLE_CLERK, "delivering notifications",
	    cause)) != 0)
		return (rc);
	buf_reset(&q->ids);
	if ((rc = notify_each(tx, requeue_one, q)) != 0)
		return (rc);
	q->n = q->ids.len / 8;
	if (q->id != 0 && q->n == 0)
		return (cause_set(cause, ORDO_ESTATE, "event %llu is not a "
		    "dead letter", (unsigned long long)q->id));
	for (i = 0; i < q->n; i++) {
		if ((rc = notify_get(tx, key_get_u64(q->ids.d + 8 * i),
		    &r)) != 0)
			return (rc);
		r.state = NOTIFY_RETRY;
		r.attempts = 0;
		r.next = 0;
		rc = notify_put(tx, &r);
		notify_rec_free(&r);
		if (rc != 0)
			return (rc);
	}
	return (0);
}

static int
show_fn(struct db_txn *tx, void *arg, char **cause)
{
	struct nfy		*n = arg;
	struct outbox_event	 e;
	int			 rc;

	if ((rc = core_require(tx, ROLE_CLERK, "reading notifications",
	    cause)) != 0)
		return (rc);
	if ((rc = outbox_get(tx, n->id, &e)) != 0)
		return (cause_set(cause, rc, "event %llu: %s",
		    (unsigned long long)n->id, ordo_strerror(rc)));
	rc = notice_render(tx, n->nc, &e, &n->json);
	outbox_free(&e);
	return (rc);
}

static struct notice_config *cli_nc;
static int	 cli_nc_loaded;

static void
cli_notice_free(void)
{
	notice_free(cli_nc);
	cli_nc = NULL;
}

/*
 * Setgid, notify.yaml names a command to run: only the company's own,
 * as the configuration is (trust.h), is believed.
 */
static int
nfy_trusted(const char *path, char **cause)
{
	char	*why = NULL;
	int	 rc;

	if (!trust_restricted() || access(path, F_OK) != 0)
		return (0);
	if ((rc = trust_file(path, NULL, &why)) == 0)
		return (0);
	rc = cause_set(cause, rc, "%s; not used: it names a command to run",
	    why);
	free(why);
	return (rc);
}

const struct notice_config *
cli_notice(struct cli *cli)
{
	char	*path, *cause = NULL;
	int	 rc;

	if (cli_nc_loaded)
		return (cli_nc);
	cli_nc_loaded = 1;
	path = notice_path(cli->cfgpath);
	/*
	 * Setgid: it names a command to run, so only the company's own, as
	 * the configuration is (trust.h); else as if there were none.
	 */
	if ((rc = nfy_trusted(path, &cause)) != 0) {
		fprintf(stderr, "ordo: %s\n", cause);
		free(cause);
		free(path);
		return (NULL);
	}
	rc = notice_load(path, &cli_nc, &cause);
	if (rc != 0 && rc != ENOENT)
		fprintf(stderr, "ordo: %s\n", cause);
	free(cause);
	free(path);
	if (cli_nc != NULL)
		atexit(cli_notice_free);
	return (cli_nc);
}

void
cli_tracking_link(struct cli *cli, const char *carrier, const char *tracking)
{
	const struct notice_config	*nc;
	struct buf			 b;

	if (tracking == NULL || *tracking == '\0' ||
	    (nc = cli_notice(cli)) == NULL)
		return;
	buf_init(&b);
	if (notice_tracking_url(nc, carrier, tracking, &b) == 0)
		printf("track:     %s\n", (char *)b.d);
	buf_free(&b);
}

int
cmd_notify(struct cli *cli, int argc, char **argv)
{
	static const struct option lo[] = {
		{ "follow",	no_argument,	   NULL, 'f' },
		{ "dead",	no_argument,	   NULL, 'D' },
		{ "retry",	required_argument, NULL, 'r' },
		{ "show",	required_argument, NULL, 's' },
		CLI_OPT_END
	};
	struct sigaction sa;
	struct nfy	 n;
	struct requeue	 q;
	const char	*e, *retry = NULL;
	char		*cause = NULL, *path, *lock;
	long		 poll = 200;
	int		 c, rc, follow = 0, dead = 0, fd = -1, modes = 0;

	memset(&n, 0, sizeof n);
	n.cli = cli;
	while ((c = cli_getopt(cli, argc, argv, NULL, lo)) != -1) {
		switch (c) {
		case 'f':
			follow = 1;
			break;
		case 'D':
			dead = 1;
			modes++;
			break;
		case 'r':
			retry = optarg;
			modes++;
			break;
		case 's':
			if ((rc = cli_id(cli, "--show", optarg, &n.id)) != 0)
				return (rc);
			modes++;
			break;
		default:
			return (EXIT_USAGE);
		}
	}
	if ((rc = cli_nargs(cli, argc - optind, 0, 0)) != 0)
		return (rc);
	if (modes > 1 || (modes == 1 && follow))
		return (cli_usage_error(cli, "--follow, --dead, --retry and "
		    "--show go alone"));
	if (dead) {
		if ((rc = db_read(cli->db, dead_fn, NULL, &cause)) != 0)
			goto fail;
		return (EXIT_OK);
	}
	if (retry != NULL) {
		memset(&q, 0, sizeof q);
		if (strcmp(retry, "all") != 0 &&
		    (rc = cli_id(cli, "--retry", retry, &q.id)) != 0)
			return (rc);
		buf_init(&q.ids);
		rc = db_write(cli->db, requeue_fn, &q, &cause);
		buf_free(&q.ids);
		if (rc != 0)
			goto fail;
		printf("%zu dead letter%s put back for delivery\n", q.n,
		    q.n == 1 ? "" : "s");
		return (EXIT_OK);
	}

	path = notice_path(cli->cfgpath);
	if ((rc = nfy_trusted(path, &cause)) == 0)
		rc = notice_load(path, &n.nc, &cause);
	free(path);
	if (rc != 0)
		goto fail;
	buf_init(&n.json);
	if (n.id != 0) {	/* --show */
		if ((rc = db_read(cli->db, show_fn, &n, &cause)) == 0)
			printf("%s\n", (char *)n.json.d);
		goto out;
	}
	if (n.nc->command == NULL) {
		rc = cause_set(&cause, ORDO_ECONFIG, "%s: notify: no command "
		    "to deliver events to", n.nc->path);
		goto out;
	}
	xasprintf(&lock, "%s/notify.lock", cli->dir);
	fd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0660);
	free(lock);
	if (fd == -1 || flock(fd, LOCK_EX | LOCK_NB) == -1) {
		rc = cause_set(&cause, ORDO_ESTATE, "another ordo notify is "
		    "delivering for this company%s%s", fd == -1 ? ": " : "",
		    fd == -1 ? strerror(errno) : "");
		goto out;
	}
	if ((e = getenv("ORDO_NOTIFY_POLL_MS")) != NULL && atol(e) > 0)
		poll = atol(e);
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = nfy_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	for (;;) {
		if ((rc = nfy_pass(&n, &cause)) != 0 || !follow || nfy_quit)
			break;
		while (!nfy_quit && db_last_txn(cli->db) <= n.snap &&
		    (n.next_retry == 0 || util_now() < n.next_retry))
			nfy_nap(poll);
		if (nfy_quit)
			break;
	}
	if (rc == 0 && !follow)
		printf("notify: %ld delivered, %ld failed, %ld skipped\n",
		    n.delivered, n.failed, n.skipped);
out:
	if (fd != -1)
		close(fd);
	buf_free(&n.json);
	free(n.err);
	notice_free(n.nc);
	if (rc == 0)
		return (n.failed > 0 && !follow ? EXIT_REFUSED : EXIT_OK);
fail:
	rc = cli_fail(cli, rc, cause);
	free(cause);
	return (rc);
}
