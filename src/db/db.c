/*
 * db.c: the LMDB environment of one company, its tables, and the
 * transaction helpers every business event goes through.
 *
 * Rules kept here (RELIABILITY.md section 1): explicit map size, grown on
 * MDB_MAP_FULL by aborting and re-running the whole transaction; stale
 * readers cleared at open; all tables opened once; a failed commit is
 * never aborted again (it already freed the txn); one open of an
 * environment per process.
 */
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/statvfs.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ordo/date.h"
#include "ordo/db.h"
#include "ordo/error.h"
#include "ordo/outfile.h"
#include "ordo/priv.h"
#include "ordo/where.h"
#include "ordo/xmalloc.h"

static int	 db_check_file(const char *, char **);
static int	 db_denied(const char *, char **);
static const char *db_readonly_why(const char *, const char *);
static int	 db_open_tables(struct db *, int, char **);
static int	 db_grow(struct db *);
static int	 db_run(struct db *, db_fn, void *, char **, int);

static const char *db_names[DB_NTABLES] = {
#define X(id, name) name,
	DB_TABLES
#undef X
};

/* Environments open in this process, by device and inode (S8). */
#define DB_MAXOPEN 8
static struct {
	dev_t	 dev;
	ino_t	 ino;
	int	 used;
} db_open_list[DB_MAXOPEN];

const char *
db_table_name(enum db_table t)
{
	return (t < DB_NTABLES ? db_names[t] : "?");
}

/*
 * The snapshot a read transaction begun now would see, not the meta
 * page's id (mdb_env_info): a writer writes its meta page before it
 * publishes the id that readers take their snapshot from, so a poller
 * that took the meta page's id and then read could read the older
 * snapshot and wait for ever for a commit it had not seen.
 */
uint64_t
db_last_txn(struct db *db)
{
	MDB_txn		*txn;
	uint64_t	 id;

	if (mdb_txn_begin(db->env, NULL, MDB_RDONLY, &txn) != 0)
		return (0);
	id = (uint64_t)mdb_txn_id(txn);
	mdb_txn_abort(txn);
	return (id);
}

uint64_t
db_txn_id(const struct db_txn *tx)
{
	return ((uint64_t)mdb_txn_id(tx->txn));
}

/* What the user is told when the company's files are not theirs to read. */
static int
db_denied(const char *dir, char **cause)
{
	return (cause_set(cause, EACCES, "%s: permission denied: the "
	    "company's files are not readable by you (see DEPLOYMENT in "
	    "ordo(1))", dir));
}

/*
 * Look at data.mdb before LMDB does: LMDB trusts its file, so a file of
 * another kind or a truncated one must be refused here, untouched.  The
 * first meta page is a 16-byte page header then MDB_meta: magic
 * 0xBEEFC0DE, version, address, mapsize, two MDB_db (48 bytes each, the
 * first's md_pad holding the page size), last page, txnid.
 */
static int
db_check_file(const char *path, char **cause)
{
	struct stat	 sb;
	unsigned char	 h[2][160];
	uint32_t	 magic, psize;
	uint64_t	 last, txn, best = 0, need = 0;
	int		 fd, i, ok = 0;
	ssize_t		 n;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		if (errno == EACCES)
			return (db_denied(path, cause));
		return (cause_set(cause, errno, "%s: %s", path,
		    strerror(errno)));
	}
	if (fstat(fd, &sb) == -1 || !S_ISREG(sb.st_mode)) {
		close(fd);
		return (cause_set(cause, ORDO_EFOREIGN,
		    "%s: not a regular file", path));
	}
	n = pread(fd, h[0], sizeof h[0], 0);
	if (n != (ssize_t)sizeof h[0]) {
		close(fd);
		return (cause_set(cause, ORDO_EFOREIGN,
		    "%s: not an ordo database (too short to be one)", path));
	}
	magic = (uint32_t)h[0][16] | (uint32_t)h[0][17] << 8 |
	    (uint32_t)h[0][18] << 16 | (uint32_t)h[0][19] << 24;
	if (magic != 0xBEEFC0DE) {
		close(fd);
		return (cause_set(cause, ORDO_EFOREIGN,
		    "%s: not an ordo database (not an LMDB file)", path));
	}
	psize = (uint32_t)h[0][40] | (uint32_t)h[0][41] << 8 |
	    (uint32_t)h[0][42] << 16 | (uint32_t)h[0][43] << 24;
	if (psize < 512 || psize > 65536 || (psize & (psize - 1)) != 0 ||
	    pread(fd, h[1], sizeof h[1], psize) != (ssize_t)sizeof h[1]) {
		close(fd);
		return (cause_set(cause, ORDO_ECORRUPT,
		    "%s: damaged or truncated database file", path));
	}
	/*
	 * The size is taken after the meta pages: a writer in another
	 * process grows the file before it writes the newer meta, so this
	 * order never sees a meta that asks for more than the file has.
	 */
	if (fstat(fd, &sb) == -1) {
		close(fd);
		return (cause_set(cause, errno, "%s: %s", path,
		    strerror(errno)));
	}
	close(fd);
	for (i = 0; i < 2; i++) {
		magic = (uint32_t)h[i][16] | (uint32_t)h[i][17] << 8 |
		    (uint32_t)h[i][18] << 16 | (uint32_t)h[i][19] << 24;
		if (magic != 0xBEEFC0DE)
			continue;
		memcpy(&last, h[i] + 136, 8);
		memcpy(&txn, h[i] + 144, 8);
		if (!ok || txn > best) {
			best = txn;
			need = (last + 1) * psize;
			ok = 1;
		}
	}
	if (!ok || (uint64_t)sb.st_size < need)
		return (cause_set(cause, ORDO_ECORRUPT,
		    "%s: damaged or truncated database file (%lld bytes, "
		    "needs %llu)", path, (long long)sb.st_size,
		    (unsigned long long)need));
	return (0);
}

/*
 * Schema 1 to 2: the orders-by-date index keyed by the day instead of the
 * second (order.h).  Its keys, i64 time and u64 id, become i64 day and
 * u64 id; nothing else changes.
 */
static int
db_migrate_1(struct db *db, MDB_txn *txn)
{
	MDB_dbi		 dbi = db->dbi[TB_ORD_BY_DATE];
	MDB_cursor	*c;
	MDB_val		 k, v;
	struct buf	 keys;
	uint64_t	 t;
	size_t		 i;
	int		 rc, op;

	buf_init(&keys);
	if ((rc = mdb_cursor_open(txn, dbi, &c)) != 0)
		return (rc);
	for (op = MDB_FIRST; (rc = mdb_cursor_get(c, &k, &v, op)) == 0;
	    op = MDB_NEXT) {
		if (k.mv_size != 16) {
			rc = ORDO_ECORRUPT;
			break;
		}
		t = key_get_u64(k.mv_data) ^ (UINT64_C(1) << 63);
		key_i64(&keys, date_from_time((int64_t)t));
		buf_add(&keys, (const uint8_t *)k.mv_data + 8, 8);
	}
	mdb_cursor_close(c);
	if (rc == MDB_NOTFOUND)
		rc = mdb_drop(txn, dbi, 0);
	for (i = 0; rc == 0 && i < keys.len; i += 16) {
		k.mv_data = keys.d + i;
		k.mv_size = 16;
		v.mv_data = (void *)"";
		v.mv_size = 0;
		rc = mdb_put(txn, dbi, &k, &v, 0);
	}
	buf_free(&keys);
	return (rc);
}

/*
 * Schema 2 to 3: the outbox and notify tables (outbox.h), made empty by
 * db_tables before this runs.  An older ordo must not write to a
 * company that has them: its changes would have no events.
 */
static int
db_migrate_2(struct db *db, MDB_txn *txn)
{
	(void)db;
	(void)txn;
	return (0);
}

/*
 * Schema 3 to 4: the picking tables (pick.h) are new.  Their queue of the
 * orders already confirmed is built by the core, which knows orders (the
 * storage layer does not): this step leaves the marker "pick_build" in
 * meta, and pick_upgrade() builds the queue and removes the marker on
 * the first open (cli_open).
 */
static int
db_migrate_3(struct db *db, MDB_txn *txn)
{
	MDB_val	 k, v;

	k.mv_data = (void *)"pick_build";
	k.mv_size = 10;
	v.mv_data = (void *)"";
	v.mv_size = 0;
	return (mdb_put(txn, db->dbi[TB_META], &k, &v, 0));
}

/*
 * Schema 4 to 5: the order indexes every list screen pages over (order.h:
 * by status and by customer with the day in their keys, by customer and
 * status, by channel, by channel and status, by creator and status) and
 * the counts kept beside them.  The core rebuilds them from the orders
 * (db_upgrade_records), in this transaction.
 */
static int
db_migrate_4(struct db *db, MDB_txn *txn)
{
	struct db_txn	 tx;

	memset(&tx, 0, sizeof tx);
	tx.db = db;
	tx.txn = txn;
	tx.co = db->co;
	tx.now = util_now();
	return (db_upgrade_records(&tx, 5, NULL));
}

/*
 * Schema 5 to 6: the aggregates of the read model (agg.h), made empty by
 * db_tables and built by the core from the facts (db_upgrade_records),
 * in this transaction.
 */
static int
db_migrate_5(struct db *db, MDB_txn *txn)
{
	struct db_txn	 tx;

	memset(&tx, 0, sizeof tx);
	tx.db = db;
	tx.txn = txn;
	tx.co = db->co;
	tx.now = util_now();
	return (db_upgrade_records(&tx, 6, NULL));
}

/* db_migrate[n] takes a database of schema n to n + 1. */
static int (*const db_migrate[DB_SCHEMA_VERSION])(struct db *, MDB_txn *) = {
	NULL,
	db_migrate_1,
	db_migrate_2,
	db_migrate_3,
	db_migrate_4,
	db_migrate_5,
};

/* flock(2), again when a signal came. */
static void
db_flock(int fd, int op)
{
	if (fd == -1)
		return;
	while (flock(fd, op) == -1 && errno == EINTR)
		continue;
}

/*
 * Open every table.  Done first in a read-only transaction, so that
 * opening a company never waits behind a writer; *need is set if it must
 * be done again writing (a new company, a table to make or a schema to
 * migrate) and write is 0.
 */
static int
db_tables(struct db *db, int flags, int write, int *need, char **cause)
{
	MDB_txn		*txn;
	MDB_val		 k, v;
	MDB_stat	 st;
	uint32_t	 schema = 0;
	int		 rc, i, fresh = 0, may = !(flags & DB_RDONLY);
	uint8_t		 sv[4];

	*need = 0;
	if ((rc = mdb_txn_begin(db->env, NULL, write ? 0 : MDB_RDONLY,
	    &txn)) != 0)
		return (cause_set(cause, rc, "%s: %s", db->dir,
		    mdb_strerror(rc)));
	rc = mdb_dbi_open(txn, db_names[TB_META], 0, &db->dbi[TB_META]);
	if (rc == MDB_NOTFOUND) {
		if ((rc = mdb_stat(txn, 1, &st)) != 0)	/* main DB */
			goto abort;
		if (!(flags & DB_CREATE) || st.ms_entries != 0) {
			rc = cause_set(cause, ORDO_EFOREIGN, "%s: not an ordo "
			    "database (an LMDB file of another program)",
			    db->dir);
			goto abort_quiet;
		}
		fresh = 1;
	} else if (rc != 0)
		goto abort;
	if (!fresh) {
		k.mv_data = (void *)"schema";
		k.mv_size = 6;
		rc = mdb_get(txn, db->dbi[TB_META], &k, &v);
		if (rc != 0 || v.mv_size != 4) {
			rc = cause_set(cause, ORDO_EFOREIGN, "%s: not an ordo "
			    "database (no schema version)", db->dir);
			goto abort_quiet;
		}
		schema = key_get_u32(v.mv_data);
		if (schema == 0) {
			rc = cause_set(cause, ORDO_EFOREIGN, "%s: not an ordo "
			    "database (schema 0)", db->dir);
			goto abort_quiet;
		}
		if (schema > DB_SCHEMA_VERSION) {
			rc = cause_set(cause, ORDO_ESCHEMA, "%s: made by a "
			    "newer ordo (schema %u, this ordo knows %u); "
			    "upgrade ordo", db->dir, schema,
			    DB_SCHEMA_VERSION);
			goto abort_quiet;
		}
	}
	if (!write && may && (fresh || schema < DB_SCHEMA_VERSION))
		goto again;
	/* Before the tables: an older schema may lack some of them. */
	if (!write && !fresh && schema < DB_SCHEMA_VERSION) {
		rc = cause_set(cause, ORDO_ESCHEMA, "%s: needs an upgrade; "
		    "open it read-write once", db->dir);
		goto abort_quiet;
	}
	for (i = 0; i < DB_NTABLES; i++) {
		rc = mdb_dbi_open(txn, db_names[i], write ? MDB_CREATE : 0,
		    &db->dbi[i]);
		if (rc == MDB_NOTFOUND && !write && may)
			goto again;
		if (rc != 0)
			goto abort;
	}
	/* Migrations run here, one step at a time, in this same txn. */
	if (fresh || schema < DB_SCHEMA_VERSION) {
		if (!write) {
			rc = cause_set(cause, ORDO_ESCHEMA, "%s: needs an "
			    "upgrade; open it read-write once", db->dir);
			goto abort_quiet;
		}
		for (; !fresh && schema < DB_SCHEMA_VERSION; schema++)
			if ((rc = db_migrate[schema](db, txn)) != 0)
				goto abort;
		sv[0] = 0;
		sv[1] = 0;
		sv[2] = 0;
		sv[3] = DB_SCHEMA_VERSION;
		k.mv_data = (void *)"schema";
		k.mv_size = 6;
		v.mv_data = sv;
		v.mv_size = 4;
		if ((rc = mdb_put(txn, db->dbi[TB_META], &k, &v, 0)) != 0)
			goto abort;
	}
	/* A read-only one too: its table handles outlive it. */
	if ((rc = mdb_txn_commit(txn)) != 0)
		return (cause_set(cause, rc, "%s: %s", db->dir,
		    mdb_strerror(rc)));
	return (0);

again:
	mdb_txn_abort(txn);
	*need = 1;
	return (0);
abort:
	cause_set(cause, rc, "%s: %s", db->dir, mdb_strerror(rc));
abort_quiet:
	mdb_txn_abort(txn);
	return (rc);
}

/* turn.lock of a company opened to write (db_let_others_write). */
static void
db_turn_open(struct db *db)
{
	char	*path;

	if (db->turnfd != -1 || db->rdonly)
		return;
	/* Without it writers still work, only not in turn. */
	xasprintf(&path, "%s/turn.lock", db->dir);
	db->turnfd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0660);
	if (db->turnfd == -1)
		db->turnfd = open(path, O_RDONLY | O_CLOEXEC);
	free(path);
}

static int
db_open_tables(struct db *db, int flags, char **cause)
{
	int	 rc, need;

	if ((rc = db_tables(db, flags, 0, &need, cause)) != 0 || !need)
		return (rc);
	db_turn_open(db);
	db_flock(db->turnfd, LOCK_SH);
	rc = db_tables(db, flags, 1, &need, cause);
	db_flock(db->turnfd, LOCK_UN);
	return (rc);
}

/* Why this process may not write the company, or NULL if it may. */
static const char *
db_readonly_why(const char *dir, const char *data)
{
	struct statvfs	 vfs;
	char		*lock;
	int		 ok;

	if (statvfs(dir, &vfs) == 0 && (vfs.f_flag & ST_RDONLY))
		return ("a read-only file system");
	/* The effective ids: a setgid ordo writes through its group. */
	if (faccessat(AT_FDCWD, data, W_OK, AT_EACCESS) == -1)
		return ("no write permission on data.mdb");
	xasprintf(&lock, "%s/lock.mdb", dir);
	ok = faccessat(AT_FDCWD, lock, W_OK, AT_EACCESS) == 0 ||
	    (errno == ENOENT && faccessat(AT_FDCWD, dir, W_OK,
	    AT_EACCESS) == 0);
	free(lock);
	return (ok ? NULL : "no write permission on its lock file");
}

int
db_open(struct db **dbp, const char *dir, int flags, size_t mapsize,
    char **cause)
{
	return (db_open_for(dbp, dir, flags, mapsize, NULL, cause));
}

int
db_open_for(struct db **dbp, const char *dir, int flags, size_t mapsize,
    const struct company *co, char **cause)
{
	struct db	*db;
	struct stat	 sb;
	MDB_envinfo	 info;
	const char	*ro = NULL;
	char		*path, *e;
	int		 rc, dead = 0, slot = -1, i, tries;
	mdb_filehandle_t fd;
	unsigned	 eflags;

	*dbp = NULL;
	if (stat(dir, &sb) == -1) {
		if (errno == EACCES)
			return (db_denied(dir, cause));
		if (errno != ENOENT || !(flags & DB_CREATE))
			return (cause_set(cause, errno == ENOENT ? ENOENT :
			    errno, "%s: no company here (%s); create one with "
			    "'ordo init'", dir, strerror(errno)));
		if (mkdir(dir, 02770) == -1)
			return (cause_set(cause, errno, "%s: %s", dir,
			    strerror(errno)));
		if (stat(dir, &sb) == -1)
			return (cause_set(cause, errno, "%s: %s", dir,
			    strerror(errno)));
	}
	if (!S_ISDIR(sb.st_mode))
		return (cause_set(cause, ORDO_EFOREIGN, "%s: a file, not a "
		    "company directory", dir));
	xasprintf(&path, "%s/data.mdb", dir);
	if (stat(path, &sb) == 0) {
		rc = db_check_file(path, cause);
		if (rc == 0 && stat(path, &sb) == -1)
			rc = cause_set(cause, errno, "%s: %s", path,
			    strerror(errno));
	} else if (errno == EACCES)
		rc = db_denied(dir, cause);
	else if (!(flags & DB_CREATE))
		rc = cause_set(cause, ENOENT, "%s: no company here; create "
		    "one with 'ordo init'", dir);
	else
		rc = 0;
	/*
	 * A company this process may read but not write (a read-only
	 * mount, a directory or files without write permission) is opened
	 * read-only: reports, check and backup work; db_write says why not.
	 */
	if (rc == 0 && !(flags & (DB_CREATE | DB_RDONLY)))
		ro = db_readonly_why(dir, path);
	if (rc != 0) {
		free(path);
		return (rc);
	}
	if (access(path, F_OK) == 0) {
		for (i = 0; i < DB_MAXOPEN; i++) {
			if (db_open_list[i].used &&
			    db_open_list[i].dev == sb.st_dev &&
			    db_open_list[i].ino == sb.st_ino) {
				free(path);
				return (cause_set(cause, ORDO_EEXIST, "%s: "
				    "already open in this process", dir));
			}
		}
	}
	free(path);

	if (mapsize == 0 && (e = getenv("ORDO_MAPSIZE")) != NULL)
		mapsize = strtoull(e, NULL, 10);
	if (mapsize == 0)
		mapsize = DB_MAPSIZE_DEFAULT;

	db = xcalloc(1, sizeof *db);
	db->turnfd = -1;
	db->dir = xstrdup(dir);
	db->co = co;
	db->rdonly = (flags & DB_RDONLY) != 0 || ro != NULL;
	db->rdonly_why = ro;
	if ((rc = mdb_env_create(&db->env)) != 0)
		goto fail;
	if ((rc = mdb_env_set_maxdbs(db->env, DB_NTABLES + 8)) != 0 ||
	    (rc = mdb_env_set_maxreaders(db->env, DB_MAXREADERS)) != 0 ||
	    (rc = mdb_env_set_mapsize(db->env, mapsize)) != 0)
		goto fail;
	eflags = MDB_NOTLS | (db->rdonly ? MDB_RDONLY : 0);
	/* Opening can fail while another process opens or closes (1.3). */
	for (tries = 0;; tries++) {
		rc = mdb_env_open(db->env, dir, eflags, 0660);
		if (rc == EACCES && db->rdonly && !(eflags & MDB_NOLOCK)) {
			/*
			 * No lock file may be made or written here: read
			 * without one (LMDB does so itself on a read-only
			 * mount).  A writer elsewhere could make a report
			 * inconsistent; the notice says the company is
			 * read-only here.
			 */
			mdb_env_close(db->env);
			if ((rc = mdb_env_create(&db->env)) != 0 ||
			    (rc = mdb_env_set_maxdbs(db->env,
			    DB_NTABLES + 8)) != 0 ||
			    (rc = mdb_env_set_maxreaders(db->env,
			    DB_MAXREADERS)) != 0 ||
			    (rc = mdb_env_set_mapsize(db->env, mapsize)) != 0)
				goto fail;
			eflags |= MDB_NOLOCK;
			if (db->rdonly_why == NULL)
				db->rdonly_why = "no lock file may be made";
			continue;
		}
		if (rc == 0 || tries == 3 || (rc != EAGAIN && rc != EBUSY))
			break;
		usleep(50000);
	}
	if (rc == EACCES) {
		free(db->dir);
		mdb_env_close(db->env);
		free(db);
		return (db_denied(dir, cause));
	}
	if (rc != 0)
		goto fail;
	/*
	 * LMDB leaves its data file's descriptor open across exec (only its
	 * lock and meta descriptors are close-on-exec): a program ordo runs
	 * (a notify command, lp) would inherit data.mdb, read-write, even
	 * from a setgid ordo that has dropped the group.
	 */
	if (mdb_env_get_fd(db->env, &fd) == 0 && fd != -1 &&
	    fcntl(fd, F_SETFD, fcntl(fd, F_GETFD) | FD_CLOEXEC) == -1) {
		rc = errno;
		goto fail;
	}
	mdb_reader_check(db->env, &dead);
	db->stale_cleared = (unsigned)dead;
	if (db->rdonly)
		flags |= DB_RDONLY;
	if ((rc = db_open_tables(db, flags, cause)) != 0) {
		if (db->turnfd != -1)
			close(db->turnfd);
		mdb_env_close(db->env);
		free(db->dir);
		free(db);
		return (rc);
	}
	mdb_env_info(db->env, &info);
	db->mapsize = info.me_mapsize;
	db_turn_open(db);

	xasprintf(&path, "%s/data.mdb", dir);
	if (stat(path, &sb) == 0) {
		for (i = 0; i < DB_MAXOPEN; i++)
			if (!db_open_list[i].used) {
				slot = i;
				break;
			}
		if (slot >= 0) {
			db_open_list[slot].dev = sb.st_dev;
			db_open_list[slot].ino = sb.st_ino;
			db_open_list[slot].used = 1;
		}
	}
	free(path);
	*dbp = db;
	return (0);

fail:
	cause_set(cause, rc, "%s: %s", dir, mdb_strerror(rc));
	if (db->env != NULL)
		mdb_env_close(db->env);
	free(db->dir);
	free(db);
	return (rc);
}

void
db_close(struct db *db)
{
	struct stat	 sb;
	char		*path;
	int		 i;

	if (db == NULL)
		return;
	xasprintf(&path, "%s/data.mdb", db->dir);
	if (stat(path, &sb) == 0) {
		for (i = 0; i < DB_MAXOPEN; i++)
			if (db_open_list[i].used &&
			    db_open_list[i].dev == sb.st_dev &&
			    db_open_list[i].ino == sb.st_ino)
				db_open_list[i].used = 0;
	}
	free(path);
	if (db->turnfd != -1)
		close(db->turnfd);
	mdb_env_close(db->env);
	free(db->dir);
	free(db);
}

/* Double the map.  Only called with no transaction open in this process. */
static int
db_grow(struct db *db)
{
	MDB_envinfo	 info;
	size_t		 size;
	int		 rc;

	mdb_env_info(db->env, &info);
	size = info.me_mapsize * 2;
	if (size < info.me_mapsize)
		return (MDB_MAP_FULL);
	if ((rc = mdb_env_set_mapsize(db->env, size)) != 0)
		return (rc);
	mdb_env_info(db->env, &info);
	db->mapsize = info.me_mapsize;
	db->grows++;
	return (0);
}

/*
 * A process that stays open (the shell, the TUI) must not write to a
 * company that a newer ordo has since upgraded: it would write records
 * and keys the way the old schema had them.  One get per write.
 */
static int
db_same_schema(struct db *db, MDB_txn *txn, char **cause)
{
	MDB_val		 k, v;
	uint32_t	 schema;

	k.mv_data = (void *)"schema";
	k.mv_size = 6;
	if (mdb_get(txn, db->dbi[TB_META], &k, &v) != 0 || v.mv_size != 4)
		return (cause_set(cause, ORDO_ECORRUPT, "%s: no schema "
		    "version", db->dir));
	schema = key_get_u32(v.mv_data);
	if (schema != DB_SCHEMA_VERSION)
		return (cause_set(cause, ORDO_ESCHEMA, "%s: changed to schema "
		    "%u by another ordo since this one opened it (it knows "
		    "%u); start ordo again", db->dir, schema,
		    DB_SCHEMA_VERSION));
	return (0);
}

static int
db_run(struct db *db, db_fn fn, void *arg, char **cause, int write)
{
	struct db_txn	 tx;
	int		 rc, tries;

	for (tries = 0; tries < 64; tries++) {
		memset(&tx, 0, sizeof tx);
		tx.db = db;
		tx.co = db->co;
		tx.now = util_now();
		rc = mdb_txn_begin(db->env, NULL, write ? 0 : MDB_RDONLY,
		    &tx.txn);
		if (rc == MDB_MAP_RESIZED) {
			/* Another process grew the map: adopt its size. */
			if ((rc = mdb_env_set_mapsize(db->env, 0)) != 0)
				break;
			continue;
		}
		if (rc == MDB_READERS_FULL) {
			int dead = 0;

			mdb_reader_check(db->env, &dead);
			if (dead > 0)
				continue;
		}
		if (rc != 0)
			break;
		if (cause != NULL) {
			free(*cause);
			*cause = NULL;
		}
		ordo_where_clear();
		if (write && (rc = db_same_schema(db, tx.txn, cause)) != 0) {
			mdb_txn_abort(tx.txn);
			return (rc);
		}
		rc = fn(&tx, arg, cause);
		if (rc != 0 || !write) {
			mdb_txn_abort(tx.txn);
			if (rc == MDB_MAP_FULL && db_grow(db) == 0)
				continue;
			return (rc);
		}
		/* A failed commit has already freed the transaction. */
		rc = mdb_txn_commit(tx.txn);
		if (rc == MDB_MAP_FULL && db_grow(db) == 0)
			continue;
		break;
	}
	if (rc != 0)
		cause_set(cause, rc, "%s: %s", db->dir, mdb_strerror(rc));
	return (rc);
}

int
db_write(struct db *db, db_fn fn, void *arg, char **cause)
{
	int	 rc;

	if (db->rdonly)
		return (cause_set(cause, EROFS, "%s: the company is read-only "
		    "here (%s)", db->dir, db->rdonly_why != NULL ?
		    db->rdonly_why : "opened so"));
	db_flock(db->turnfd, LOCK_SH);
	rc = db_run(db, fn, arg, cause, 1);
	db_flock(db->turnfd, LOCK_UN);
	return (rc);
}

void
db_let_others_write(struct db *db)
{
	db_flock(db->turnfd, LOCK_EX);
	db_flock(db->turnfd, LOCK_UN);
}

int
db_read(struct db *db, db_fn fn, void *arg, char **cause)
{
	return (db_run(db, fn, arg, cause, 0));
}

int
db_nested(struct db_txn *tx, db_fn fn, void *arg, char **cause)
{
	struct db_txn	 child;
	int		 rc;

	child = *tx;
	if ((rc = mdb_txn_begin(tx->db->env, tx->txn, 0, &child.txn)) != 0)
		return (cause_set(cause, rc, "%s: %s", tx->db->dir,
		    mdb_strerror(rc)));
	if ((rc = fn(&child, arg, cause)) != 0) {
		mdb_txn_abort(child.txn);
		return (rc);
	}
	if ((rc = mdb_txn_commit(child.txn)) != 0)
		return (cause_set(cause, rc, "%s: %s", tx->db->dir,
		    mdb_strerror(rc)));
	return (0);
}

int
db_get(struct db_txn *tx, enum db_table t, const void *k, size_t klen,
    MDB_val *v)
{
	MDB_val	 key;

	if (klen == 0 || klen > DB_MAXKEY)
		return (ORDO_EINVAL);
	key.mv_data = (void *)k;
	key.mv_size = klen;
	return (mdb_get(tx->txn, tx->db->dbi[t], &key, v));
}

int
db_put(struct db_txn *tx, enum db_table t, const void *k, size_t klen,
    const void *v, size_t vlen, unsigned flags)
{
	MDB_val	 key, val;

	if (klen == 0 || klen > DB_MAXKEY)
		return (ORDO_EINVAL);
	key.mv_data = (void *)k;
	key.mv_size = klen;
	val.mv_data = (void *)v;
	val.mv_size = vlen;
	return (mdb_put(tx->txn, tx->db->dbi[t], &key, &val, flags));
}

int
db_put_tail(struct db_txn *tx, enum db_table t, const void *k, size_t klen,
    const void *v, size_t vlen)
{
	int	 rc;

	/* MDB_KEYEXIST from MDB_APPEND changes nothing: the txn goes on. */
	rc = db_put(tx, t, k, klen, v, vlen, MDB_APPEND);
	if (rc == MDB_KEYEXIST)
		rc = db_put(tx, t, k, klen, v, vlen, 0);
	return (rc);
}

int
db_del(struct db_txn *tx, enum db_table t, const void *k, size_t klen)
{
	MDB_val	 key;

	if (klen == 0 || klen > DB_MAXKEY)
		return (ORDO_EINVAL);
	key.mv_data = (void *)k;
	key.mv_size = klen;
	return (mdb_del(tx->txn, tx->db->dbi[t], &key, NULL));
}

int
db_getb(struct db_txn *tx, enum db_table t, const struct buf *k, MDB_val *v)
{
	return (db_get(tx, t, k->d, k->len, v));
}

int
db_putb(struct db_txn *tx, enum db_table t, const struct buf *k,
    const struct buf *v, unsigned flags)
{
	return (db_put(tx, t, k->d, k->len, v->d, v->len, flags));
}

int
db_seq_next(struct db_txn *tx, const char *name, uint64_t *out)
{
	struct buf	 k, v;
	MDB_val		 val;
	uint64_t	 n = 0;
	int		 rc;

	buf_init(&k);
	buf_init(&v);
	key_strn(&k, "seq/");
	key_strn(&k, name);
	rc = db_getb(tx, TB_META, &k, &val);
	if (rc == 0 && val.mv_size == 8)
		n = key_get_u64(val.mv_data);
	else if (rc != 0 && rc != MDB_NOTFOUND)
		goto out;
	key_u64(&v, ++n);
	if ((rc = db_putb(tx, TB_META, &k, &v, 0)) == 0)
		*out = n;
out:
	buf_free(&k);
	buf_free(&v);
	return (rc);
}

uint64_t
db_seq_peek(struct db_txn *tx, const char *name)
{
	struct buf	 k;
	MDB_val		 val;
	uint64_t	 n = 0;

	buf_init(&k);
	key_strn(&k, "seq/");
	key_strn(&k, name);
	if (db_getb(tx, TB_META, &k, &val) == 0 && val.mv_size == 8)
		n = key_get_u64(val.mv_data);
	buf_free(&k);
	return (n);
}

int
db_iter_open(struct db_txn *tx, enum db_table t, const void *prefix,
    size_t plen, struct db_iter *it)
{
	memset(it, 0, sizeof *it);
	buf_init(&it->prefix);
	buf_add(&it->prefix, prefix, plen);
	return (mdb_cursor_open(tx->txn, tx->db->dbi[t], &it->cur));
}

int
db_get_id(struct db_txn *tx, enum db_table t, uint64_t id, MDB_val *v)
{
	uint8_t	 k[8];
	int	 i;

	for (i = 0; i < 8; i++)
		k[i] = (uint8_t)(id >> (8 * (7 - i)));	/* key_u64 */
	return (db_get(tx, t, k, sizeof k, v));
}

int
db_each_id(struct db_txn *tx, enum db_table t,
    int (*fn)(uint64_t, const MDB_val *, void *), void *arg)
{
	struct db_iter	 it;
	int		 rc;

	if ((rc = db_iter_open(tx, t, NULL, 0, &it)) != 0)
		return (rc);
	while ((rc = db_iter_next(&it)) == 0) {
		if (it.key.mv_size != 8) {
			rc = ORDO_ECORRUPT;
			break;
		}
		if ((rc = fn(key_get_u64(it.key.mv_data), &it.val, arg)) != 0)
			break;
	}
	db_iter_close(&it);
	return (db_walk_rc(rc));
}

int
db_each_after(struct db_txn *tx, enum db_table t, const char *after,
    int (*fn)(const MDB_val *, const MDB_val *, void *), void *arg)
{
	struct db_iter	 it;
	int		 rc;

	if ((rc = db_iter_open(tx, t, NULL, 0, &it)) != 0)
		return (rc);
	if ((rc = db_iter_after(&it, after)) == 0) {
		while ((rc = db_iter_next(&it)) == 0)
			if ((rc = fn(&it.key, &it.val, arg)) != 0)
				break;
	}
	db_iter_close(&it);
	return (db_walk_rc(rc));
}

int
db_iter_seek(struct db_iter *it, const void *after, size_t len)
{
	return (db_iter_at(it, after, len, 0));
}

void
db_iter_reverse(struct db_iter *it)
{
	it->reverse = 1;
}

int
db_iter_at(struct db_iter *it, const void *k, size_t len, int incl)
{
	int	 rc, same;

	it->key.mv_data = (void *)k;
	it->key.mv_size = len;
	rc = mdb_cursor_get(it->cur, &it->key, &it->val, MDB_SET_RANGE);
	same = rc == 0 && it->key.mv_size == len &&
	    memcmp(it->key.mv_data, k, len) == 0;
	if (!it->reverse) {
		/* The first key >= k; past it if it is k itself. */
		if (same && !incl)
			rc = mdb_cursor_get(it->cur, &it->key, &it->val,
			    MDB_NEXT);
	} else if (rc == MDB_NOTFOUND)
		/* Every key is below k: the last one. */
		rc = mdb_cursor_get(it->cur, &it->key, &it->val, MDB_LAST);
	else if (rc == 0 && !(same && incl))
		/* The first key >= k; the one before it is the last < k. */
		rc = mdb_cursor_get(it->cur, &it->key, &it->val, MDB_PREV);
	if (rc != 0) {
		it->started = 3;	/* nothing: next() says so */
		return (rc);
	}
	it->started = 2;	/* positioned; next() returns it first */
	return (0);
}

/*
 * A reverse walk over a prefix starts at the last key with it: just
 * below the first key past every key with the prefix (the prefix with
 * its last byte below 0xff raised by one, the bytes after it dropped).
 */
static int
db_iter_last(struct db_iter *it)
{
	struct buf	 up;
	size_t		 n;
	int		 rc;

	n = it->prefix.len;
	while (n > 0 && it->prefix.d[n - 1] == 0xff)
		n--;
	if (n == 0)
		return (mdb_cursor_get(it->cur, &it->key, &it->val,
		    MDB_LAST));
	buf_init(&up);
	buf_add(&up, it->prefix.d, n);
	up.d[n - 1]++;
	rc = db_iter_at(it, up.d, up.len, 0);
	buf_free(&up);
	if (rc == 0)
		it->started = 1;
	return (rc);
}

int
db_iter_after(struct db_iter *it, const char *after)
{
	size_t	 len;

	if (after == NULL || *after == '\0')
		return (0);
	if ((len = strlen(after)) > DB_MAXKEY)
		return (MDB_NOTFOUND);	/* nothing sorts after it */
	return (db_iter_seek(it, after, len));
}

int
db_iter_next(struct db_iter *it)
{
	int	 rc;

	if (it->started == 3)
		return (MDB_NOTFOUND);
	if (it->started == 2) {
		it->started = 1;
		rc = 0;
	} else if (!it->started && it->reverse) {
		it->started = 1;
		rc = db_iter_last(it);
	} else if (!it->started) {
		it->started = 1;
		if (it->prefix.len > 0) {
			it->key.mv_data = it->prefix.d;
			it->key.mv_size = it->prefix.len;
			rc = mdb_cursor_get(it->cur, &it->key, &it->val,
			    MDB_SET_RANGE);
		} else
			rc = mdb_cursor_get(it->cur, &it->key, &it->val,
			    MDB_FIRST);
	} else
		rc = mdb_cursor_get(it->cur, &it->key, &it->val,
		    it->reverse ? MDB_PREV : MDB_NEXT);
	if (rc != 0)
		return (rc);
	if (it->prefix.len > 0 && (it->key.mv_size < it->prefix.len ||
	    memcmp(it->key.mv_data, it->prefix.d, it->prefix.len) != 0))
		return (MDB_NOTFOUND);
	return (0);
}

void
db_iter_close(struct db_iter *it)
{
	if (it->cur != NULL)
		mdb_cursor_close(it->cur);
	it->cur = NULL;
	buf_free(&it->prefix);
}

uint64_t
db_generation(struct db *db)
{
	MDB_envinfo	 info;

	if (mdb_env_info(db->env, &info) != 0)
		return (0);
	return ((uint64_t)info.me_last_txnid);
}

size_t
db_count(struct db_txn *tx, enum db_table t)
{
	MDB_stat st;

	if (mdb_stat(tx->txn, tx->db->dbi[t], &st) != 0)
		return (0);
	return (st.ms_entries);
}

int
db_backup(struct db *db, const char *dir, int *stream, char **cause)
{
	struct outfile	 of;
	struct stat	 sb;
	mode_t		 fmode = 0640, dmode = 0750;
	gid_t		 cgid = (gid_t)-1;
	char		*p;
	int		 rc, fd;

	*stream = 0;
	/*
	 * The company's mode, never more than its group: and the group's
	 * bits only where the copy is in the company's group.  A copy the
	 * user makes with a setgid ordo belongs to the user's own group
	 * (priv.h), which may be everyone's ("users"): then it is the
	 * user's alone, 0600.
	 */
	xasprintf(&p, "%s/data.mdb", db->dir);
	if (stat(p, &sb) == 0) {
		fmode = (sb.st_mode & 0660) | 0600;
		cgid = sb.st_gid;
	}
	free(p);
	if (stat(db->dir, &sb) == 0)
		dmode = (sb.st_mode & 0750) | 0700;

	priv_drop();
	if (stat(dir, &sb) == -1) {
		if (errno != ENOENT || mkdir(dir, dmode) == -1) {
			rc = cause_set(cause, errno, "%s: %s", dir,
			    strerror(errno));
			priv_restore();
			return (rc);
		}
		if (stat(dir, &sb) == 0 && sb.st_gid != cgid)
			(void)chmod(dir, dmode & 0700);
	} else if (S_ISREG(sb.st_mode)) {
		priv_restore();
		return (cause_set(cause, ENOTDIR, "%s: a file, not a "
		    "directory", dir));
	} else if (!S_ISDIR(sb.st_mode)) {
		/* A tape or a pipe: the copy itself, in place. */
		priv_restore();
		if ((rc = outfile_open(&of, dir, fmode, cause)) != 0)
			return (rc);
		if ((rc = mdb_env_copyfd2(db->env, of.fd,
		    MDB_CP_COMPACT)) != 0) {
			outfile_abort(&of);
			return (cause_set(cause, rc, "%s: backup failed: %s",
			    dir, mdb_strerror(rc)));
		}
		*stream = 1;
		return (outfile_close(&of, cause));
	}
	xasprintf(&p, "%s/data.mdb", dir);
	fd = open(p, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
	    fmode);
	if (fd == -1) {
		rc = errno;
		priv_restore();
		if (rc == EEXIST)
			rc = cause_set(cause, ORDO_EEXIST, "%s: already holds "
			    "a database; give an empty directory", dir);
		else
			rc = cause_set(cause, rc, "%s: %s", p, strerror(rc));
		free(p);
		return (rc);
	}
	priv_restore();
	if (fstat(fd, &sb) == 0 && sb.st_gid != cgid)
		fmode &= 0600;
	if (fchmod(fd, fmode) == -1)
		rc = errno;
	else if ((rc = mdb_env_copyfd2(db->env, fd, MDB_CP_COMPACT)) == 0 &&
	    fsync(fd) == -1)
		rc = errno;
	if (close(fd) == -1 && rc == 0)
		rc = errno;
	if (rc != 0) {
		priv_drop();
		unlink(p);
		priv_restore();
		free(p);
		return (cause_set(cause, rc, "%s: backup failed: %s", dir,
		    ordo_strerror(rc)));
	}
	free(p);
	return (0);
}
