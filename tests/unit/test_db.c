/*
 * test_db.c: the storage layer: opening (fresh, reopen, foreign and
 * damaged files, twice in one process), transactions, sequences, map
 * growth, key limits and prefix iteration with paging.
 */
#include <sys/stat.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testlib.h"

#include "ordo/codec.h"
#include "ordo/db.h"
#include "ordo/error.h"
#include "ordo/xmalloc.h"

#define MIB	((size_t)1 << 20)

struct tdir {
	char	 path[64];
	char	 buf[160];
};

static const char *tdir_new(struct tdir *);
static const char *tdir_file(struct tdir *, const char *);
static int	 rm_one(const char *, const struct stat *, int, struct FTW *);
static void	 tdir_free(struct tdir *);
static uint8_t	*slurp(const char *, size_t *);
static void	 spew(const char *, const void *, size_t);
static void	 assert_file(const char *, const uint8_t *, size_t);
static int	 put_kv(struct db_txn *, void *, char **);
static int	 get_kv(struct db_txn *, void *, char **);
static void	 must_put(struct db *, const char *, const char *);

static const char *
tdir_new(struct tdir *t)
{
	snprintf(t->path, sizeof t->path, "/tmp/ordo-dbtest.XXXXXX");
	assert_non_null(mkdtemp(t->path));
	return (t->path);
}

static const char *
tdir_file(struct tdir *t, const char *name)
{
	snprintf(t->buf, sizeof t->buf, "%s/%s", t->path, name);
	return (t->buf);
}

static int
rm_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return (remove(path));
}

static void
tdir_free(struct tdir *t)
{
	nftw(t->path, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

static uint8_t *
slurp(const char *path, size_t *len)
{
	struct stat	 sb;
	uint8_t		*p;
	int		 fd;

	assert_int_not_equal(fd = open(path, O_RDONLY), -1);
	assert_int_equal(fstat(fd, &sb), 0);
	p = xmalloc((size_t)sb.st_size + 1);
	assert_int_equal(read(fd, p, sb.st_size), sb.st_size);
	close(fd);
	*len = (size_t)sb.st_size;
	return (p);
}

static void
spew(const char *path, const void *p, size_t len)
{
	int	 fd;

	assert_int_not_equal(fd = open(path, O_WRONLY | O_CREAT | O_TRUNC,
	    0644), -1);
	assert_int_equal(write(fd, p, len), (ssize_t)len);
	close(fd);
}

/* The file at path holds exactly these bytes. */
static void
assert_file(const char *path, const uint8_t *want, size_t len)
{
	uint8_t	*now;
	size_t	 n;

	now = slurp(path, &n);
	assert_int_equal(n, len);
	assert_memory_equal(now, want, len);
	free(now);
}

struct kv {
	enum db_table	 t;
	const void	*k;
	size_t		 klen;
	const void	*v;
	size_t		 vlen;
	int		 rc;		/* result of the put or get */
	MDB_val		 got;
	char		*copy;		/* what get found */
};

static int
put_kv(struct db_txn *tx, void *arg, char **cause)
{
	struct kv	*kv = arg;

	(void)cause;
	kv->rc = db_put(tx, kv->t, kv->k, kv->klen, kv->v, kv->vlen, 0);
	return (kv->rc);
}

static int
get_kv(struct db_txn *tx, void *arg, char **cause)
{
	struct kv	*kv = arg;

	(void)cause;
	free(kv->copy);
	kv->copy = NULL;
	kv->rc = db_get(tx, kv->t, kv->k, kv->klen, &kv->got);
	if (kv->rc == 0)
		kv->copy = xstrndup(kv->got.mv_data, kv->got.mv_size);
	return (0);
}

static void
must_put(struct db *db, const char *k, const char *v)
{
	struct kv	 kv = { .t = TB_ITEMS, .k = k, .klen = strlen(k),
			    .v = v, .vlen = strlen(v) };

	assert_int_equal(db_write(db, put_kv, &kv, NULL), 0);
}

static void
test_open_fresh_and_reopen(void **state)
{
	struct tdir	 t;
	struct db	*db;
	struct kv	 kv = { .t = TB_ITEMS, .k = "TEA-1", .klen = 5 };
	char		*cause = NULL, sub[128];
	struct stat	 sb;

	(void)state;
	tdir_new(&t);
	/* A directory that does not exist yet is made by DB_CREATE. */
	snprintf(sub, sizeof sub, "%s/co", t.path);
	assert_int_equal(db_open(&db, sub, DB_CREATE, 0, &cause), 0);
	assert_null(cause);
	assert_int_equal(stat(sub, &sb), 0);
	assert_true(S_ISDIR(sb.st_mode));
	assert_true(db->mapsize >= DB_MAPSIZE_DEFAULT);
	assert_int_equal(db->grows, 0);
	must_put(db, "TEA-1", "green tea");
	db_close(db);

	/* Reopen without DB_CREATE: the record is there. */
	assert_int_equal(db_open(&db, sub, 0, 0, &cause), 0);
	assert_int_equal(db_read(db, get_kv, &kv, NULL), 0);
	assert_int_equal(kv.rc, 0);
	assert_string_equal(kv.copy, "green tea");
	free(kv.copy);
	kv.copy = NULL;
	db_close(db);

	/* Read-only: reads work, writes are refused with EROFS. */
	assert_int_equal(db_open(&db, sub, DB_RDONLY, 0, &cause), 0);
	assert_int_equal(db_read(db, get_kv, &kv, NULL), 0);
	assert_string_equal(kv.copy, "green tea");
	free(kv.copy);
	kv.copy = NULL;
	kv.v = "x";
	kv.vlen = 1;
	assert_int_equal(db_write(db, put_kv, &kv, &cause), EROFS);
	assert_non_null(strstr(cause, "read-only"));
	free(cause);
	db_close(db);
	tdir_free(&t);
}

static void
test_open_missing(void **state)
{
	struct tdir	 t;
	struct db	*db = (struct db *)1;
	struct stat	 sb;
	char		*cause = NULL, sub[128];

	(void)state;
	tdir_new(&t);
	snprintf(sub, sizeof sub, "%s/nothing", t.path);
	assert_int_equal(db_open(&db, sub, 0, 0, &cause), ENOENT);
	assert_null(db);
	assert_non_null(strstr(cause, "no company here"));
	assert_int_equal(stat(sub, &sb), -1);	/* Not created. */
	free(cause);
	cause = NULL;

	/* An empty directory is no company either, and stays empty. */
	assert_int_equal(db_open(&db, t.path, 0, 0, &cause), ENOENT);
	assert_int_equal(stat(tdir_file(&t, "data.mdb"), &sb), -1);
	assert_int_equal(stat(tdir_file(&t, "lock.mdb"), &sb), -1);
	free(cause);
	tdir_free(&t);
}

static void
test_open_regular_file(void **state)
{
	struct tdir	 t;
	struct db	*db;
	char		*cause = NULL;
	const char	*path;

	(void)state;
	tdir_new(&t);
	path = tdir_file(&t, "company");
	spew(path, "not a directory\n", 16);
	assert_int_equal(db_open(&db, path, DB_CREATE, 0, &cause),
	    ORDO_EFOREIGN);
	assert_null(db);
	assert_non_null(strstr(cause, "not a company directory"));
	assert_file(path, (const uint8_t *)"not a directory\n", 16);
	free(cause);
	tdir_free(&t);
}

static void
test_open_foreign_file(void **state)
{
	struct tdir	 t;
	struct db	*db;
	struct stat	 sb;
	uint8_t		 junk[16384];
	char		*cause = NULL, *path;
	size_t		 i;

	(void)state;
	tdir_new(&t);
	for (i = 0; i < sizeof junk; i++)
		junk[i] = (uint8_t)(i * 7919 + (i >> 8));
	path = xstrdup(tdir_file(&t, "data.mdb"));
	spew(path, junk, sizeof junk);
	assert_int_equal(db_open(&db, t.path, DB_CREATE, 0, &cause),
	    ORDO_EFOREIGN);
	assert_null(db);
	assert_non_null(strstr(cause, "not an ordo database"));
	assert_file(path, junk, sizeof junk);
	/* LMDB never saw it: no lock file either. */
	assert_int_equal(stat(tdir_file(&t, "lock.mdb"), &sb), -1);
	free(cause);
	cause = NULL;

	/* A file too short to be a database. */
	spew(path, "hello\n", 6);
	assert_int_equal(db_open(&db, t.path, 0, 0, &cause), ORDO_EFOREIGN);
	assert_file(path, (const uint8_t *)"hello\n", 6);
	free(cause);
	free(path);
	tdir_free(&t);
}

/* An LMDB environment of another program is refused and left alone. */
static void
test_open_foreign_lmdb(void **state)
{
	struct tdir	 t;
	struct db	*db;
	MDB_env		*env;
	MDB_txn		*txn;
	MDB_dbi		 dbi;
	MDB_val		 k, v;
	uint8_t		*before;
	size_t		 len;
	char		*cause = NULL, *path;

	(void)state;
	tdir_new(&t);
	assert_int_equal(mdb_env_create(&env), 0);
	assert_int_equal(mdb_env_open(env, t.path, 0, 0644), 0);
	assert_int_equal(mdb_txn_begin(env, NULL, 0, &txn), 0);
	assert_int_equal(mdb_dbi_open(txn, NULL, 0, &dbi), 0);
	k.mv_data = (void *)"somebody";
	k.mv_size = 8;
	v.mv_data = (void *)"else";
	v.mv_size = 4;
	assert_int_equal(mdb_put(txn, dbi, &k, &v, 0), 0);
	assert_int_equal(mdb_txn_commit(txn), 0);
	mdb_env_close(env);

	path = xstrdup(tdir_file(&t, "data.mdb"));
	before = slurp(path, &len);
	assert_int_equal(db_open(&db, t.path, DB_CREATE, 0, &cause),
	    ORDO_EFOREIGN);
	assert_null(db);
	assert_non_null(strstr(cause, "another program"));
	assert_file(path, before, len);
	free(before);
	free(cause);
	free(path);
	tdir_free(&t);
}

static void
test_open_truncated(void **state)
{
	struct tdir	 t;
	struct db	*db;
	uint8_t		*full;
	char		*cause = NULL, *path, k[16], v[1024];
	size_t		 len, cut;
	int		 i;

	(void)state;
	tdir_new(&t);
	assert_int_equal(db_open(&db, t.path, DB_CREATE, 0, &cause), 0);
	memset(v, 'v', sizeof v - 1);
	v[sizeof v - 1] = '\0';
	for (i = 0; i < 300; i++) {
		snprintf(k, sizeof k, "K%05d", i);
		must_put(db, k, v);
	}
	db_close(db);

	path = xstrdup(tdir_file(&t, "data.mdb"));
	full = slurp(path, &len);
	assert_true(len > 64 * 4096);

	/* Cut at half: the meta pages are there, the data is not. */
	cut = len / 2;
	spew(path, full, cut);
	assert_int_equal(db_open(&db, t.path, 0, 0, &cause), ORDO_ECORRUPT);
	assert_null(db);
	assert_non_null(strstr(cause, "truncated"));
	assert_file(path, full, cut);
	free(cause);
	cause = NULL;

	/* Cut inside the second meta page. */
	cut = 4096 + 100;
	spew(path, full, cut);
	assert_int_equal(db_open(&db, t.path, DB_CREATE, 0, &cause),
	    ORDO_ECORRUPT);
	assert_file(path, full, cut);
	free(cause);
	cause = NULL;

	/* Put back whole, it opens again. */
	spew(path, full, len);
	assert_int_equal(db_open(&db, t.path, 0, 0, &cause), 0);
	db_close(db);
	free(full);
	free(path);
	tdir_free(&t);
}

static void
test_open_twice(void **state)
{
	struct tdir	 t;
	struct db	*db, *db2;
	char		*cause = NULL;

	(void)state;
	tdir_new(&t);
	assert_int_equal(db_open(&db, t.path, DB_CREATE, 0, &cause), 0);
	assert_int_equal(db_open(&db2, t.path, 0, 0, &cause), ORDO_EEXIST);
	assert_null(db2);
	assert_non_null(strstr(cause, "already open"));
	free(cause);
	cause = NULL;
	/* The first handle still works. */
	must_put(db, "A", "1");
	db_close(db);
	/* Once closed it may be opened again. */
	assert_int_equal(db_open(&db2, t.path, 0, 0, &cause), 0);
	db_close(db2);
	tdir_free(&t);
}

/*
 * A database made by a newer ordo is refused, and so is a write by a
 * process that had it open before.
 */
static int
bump_schema(struct db_txn *tx, void *arg, char **cause)
{
	uint8_t	 v[4] = { 0, 0, 0, DB_SCHEMA_VERSION + 1 };

	(void)arg;
	(void)cause;
	return (db_put(tx, TB_META, "schema", 6, v, 4, 0));
}

static void
test_open_newer_schema(void **state)
{
	struct tdir	 t;
	struct db	*db;
	char		*cause = NULL;

	(void)state;
	tdir_new(&t);
	assert_int_equal(db_open(&db, t.path, DB_CREATE, 0, &cause), 0);
	assert_int_equal(db_write(db, bump_schema, NULL, NULL), 0);
	/* Still open here, it writes no more (a shell left open). */
	assert_int_equal(db_write(db, bump_schema, NULL, &cause),
	    ORDO_ESCHEMA);
	assert_non_null(strstr(cause, "start ordo again"));
	free(cause);
	cause = NULL;
	db_close(db);
	assert_int_equal(db_open(&db, t.path, 0, 0, &cause), ORDO_ESCHEMA);
	assert_non_null(strstr(cause, "newer ordo"));
	free(cause);
	tdir_free(&t);
}

/*
 * Schema 1 to 2: the date index's keys (i64 time, u64 id) become (i64
 * day, u64 id), in key order, and the schema says 2.
 */
static int
schema1_fn(struct db_txn *tx, void *arg, char **cause)
{
	/* 2026-11-26 10:00 and 23:59, 2026-11-27 00:00 UTC; 1969-12-31. */
	static const int64_t t[] = { 1795687200, 1795737540, 1795737600,
	    -1 };
	uint8_t		 v[4] = { 0, 0, 0, 1 };
	struct buf	 k;
	size_t		 i;
	int		 rc;

	(void)arg;
	(void)cause;
	buf_init(&k);
	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		buf_reset(&k);
		key_i64(&k, t[i]);
		key_u64(&k, 10 - i);
		if ((rc = db_put(tx, TB_ORD_BY_DATE, k.d, k.len, "", 0,
		    0)) != 0)
			break;
	}
	buf_free(&k);
	return (rc != 0 ? rc : db_put(tx, TB_META, "schema", 6, v, 4, 0));
}

struct dates {
	char	 s[160];
	uint32_t schema;
};

static int
dates_fn(struct db_txn *tx, void *arg, char **cause)
{
	struct dates	*d = arg;
	struct db_iter	 it;
	MDB_val		 v;
	size_t		 n;
	int		 rc;

	(void)cause;
	d->s[0] = '\0';
	if ((rc = db_iter_open(tx, TB_ORD_BY_DATE, NULL, 0, &it)) != 0)
		return (rc);
	while ((rc = db_iter_next(&it)) == 0) {
		n = strlen(d->s);
		snprintf(d->s + n, sizeof d->s - n, "%s%lld:%llu",
		    n > 0 ? " " : "", (long long)(key_get_u64(it.key.mv_data) ^
		    (UINT64_C(1) << 63)), (unsigned long long)key_get_u64(
		    (const uint8_t *)it.key.mv_data + 8));
	}
	db_iter_close(&it);
	if ((rc = db_get(tx, TB_META, "schema", 6, &v)) != 0)
		return (rc);
	d->schema = key_get_u32(v.mv_data);
	return (0);
}

static void
test_migrate_date_index(void **state)
{
	struct tdir	 t;
	struct db	*db;
	struct dates	 d;
	char		*cause = NULL;

	(void)state;
	tdir_new(&t);
	assert_int_equal(db_open(&db, t.path, DB_CREATE, 0, &cause), 0);
	assert_int_equal(db_write(db, schema1_fn, NULL, NULL), 0);
	db_close(db);
	/* Read-only, it cannot be upgraded. */
	assert_int_equal(db_open(&db, t.path, DB_RDONLY, 0, &cause),
	    ORDO_ESCHEMA);
	assert_non_null(strstr(cause, "needs an upgrade"));
	free(cause);
	cause = NULL;
	assert_int_equal(db_open(&db, t.path, 0, 0, &cause), 0);
	assert_int_equal(db_read(db, dates_fn, &d, NULL), 0);
	assert_int_equal(d.schema, DB_SCHEMA_VERSION);
	assert_string_equal(d.s, "-1:7 20783:9 20783:10 20784:8");
	db_close(db);
	tdir_free(&t);
}

/*
 * Writers take turns: a process that commits and calls
 * db_let_others_write before writing again lets a process that was
 * waiting for the write lock write first (LMDB's lock alone would not).
 */
static int
hold_fn(struct db_txn *tx, void *arg, char **cause)
{
	int	*fd = arg;
	char	 c;

	(void)cause;
	/* The other process is about to ask for the write lock. */
	if (read(fd[0], &c, 1) != 1)
		return (EIO);
	usleep(300000);		/* for it to be waiting */
	return (db_put(tx, TB_META, "holder", 6, "1", 1, 0));
}

static int
mark_fn(struct db_txn *tx, void *arg, char **cause)
{
	(void)arg;
	(void)cause;
	return (db_put(tx, TB_META, "waiter", 6, "1", 1, 0));
}

static int
seen_fn(struct db_txn *tx, void *arg, char **cause)
{
	MDB_val	 v;

	(void)cause;
	*(int *)arg = db_get(tx, TB_META, "waiter", 6, &v) == 0;
	return (0);
}

static void
test_writers_take_turns(void **state)
{
	struct tdir	 t;
	struct db	*db;
	char		*cause = NULL;
	int		 fd[2], st, seen = 0;
	pid_t		 pid;

	(void)state;
	tdir_new(&t);
	assert_int_equal(db_open(&db, t.path, DB_CREATE, 0, &cause), 0);
	db_close(db);
	assert_int_equal(pipe(fd), 0);
	if ((pid = fork()) == 0) {
		if (db_open(&db, t.path, 0, 0, NULL) != 0)
			_exit(2);
		if (write(fd[1], "x", 1) != 1)
			_exit(2);
		st = db_write(db, mark_fn, NULL, NULL);
		db_close(db);
		_exit(st == 0 ? 0 : 1);
	}
	assert_true(pid > 0);
	assert_int_equal(db_open(&db, t.path, 0, 0, &cause), 0);
	assert_int_equal(db_write(db, hold_fn, fd, NULL), 0);
	db_let_others_write(db);
	assert_int_equal(db_write(db, seen_fn, &seen, NULL), 0);
	assert_int_equal(waitpid(pid, &st, 0), pid);
	assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	assert_int_equal(seen, 1);
	db_close(db);
	close(fd[0]);
	close(fd[1]);
	tdir_free(&t);
}

/* Tables keyed by a u64 id: one record, and each in order. */
static int
ids_put_fn(struct db_txn *tx, void *arg, char **cause)
{
	static const uint64_t ids[] = { 300, 2, 70000 };
	struct buf	 k;
	size_t		 i;
	int		 rc = 0;

	(void)cause;
	buf_init(&k);
	for (i = 0; i < 3 && rc == 0; i++) {
		buf_reset(&k);
		key_u64(&k, ids[i]);
		rc = db_put(tx, TB_INVOICES, k.d, k.len, &ids[i], 8, 0);
	}
	if (rc == 0 && arg != NULL)	/* a key that is not an id */
		rc = db_put(tx, TB_INVOICES, "\xff\xff\xff\xff\xff\xff\xff",
		    7, "", 0, 0);
	buf_free(&k);
	return (rc);
}

struct ids_seen {
	uint64_t	 id[4];
	int		 n, stop_at;
};

static int
ids_fn(uint64_t id, const MDB_val *v, void *arg)
{
	struct ids_seen	*s = arg;

	if (v->mv_size != 8 || memcmp(v->mv_data, &id, 8) != 0)
		return (ORDO_EINVAL);
	s->id[s->n++] = id;
	return (s->n == s->stop_at ? DB_STOP : 0);
}

static int
ids_walk_fn(struct db_txn *tx, void *arg, char **cause)
{
	MDB_val		 v;

	(void)cause;
	if (db_get_id(tx, TB_INVOICES, 2, &v) != 0 || v.mv_size != 8 ||
	    db_get_id(tx, TB_INVOICES, 3, &v) != MDB_NOTFOUND)
		return (EIO);
	return (db_each_id(tx, TB_INVOICES, ids_fn, arg));
}

static void
test_each_id(void **state)
{
	struct tdir	 t;
	struct db	*db;
	struct ids_seen	 s;
	char		*cause = NULL;

	(void)state;
	tdir_new(&t);
	assert_int_equal(db_open(&db, t.path, DB_CREATE, 0, &cause), 0);
	assert_int_equal(db_write(db, ids_put_fn, NULL, NULL), 0);
	memset(&s, 0, sizeof s);
	assert_int_equal(db_read(db, ids_walk_fn, &s, NULL), 0);
	assert_int_equal(s.n, 3);
	assert_true(s.id[0] == 2 && s.id[1] == 300 && s.id[2] == 70000);
	memset(&s, 0, sizeof s);
	s.stop_at = 2;
	assert_int_equal(db_read(db, ids_walk_fn, &s, NULL), 0);
	assert_int_equal(s.n, 2);
	assert_int_equal(db_write(db, ids_put_fn, &s, NULL), 0);
	memset(&s, 0, sizeof s);
	assert_int_equal(db_read(db, ids_walk_fn, &s, NULL), ORDO_ECORRUPT);
	db_close(db);
	tdir_free(&t);
}

struct seqs {
	uint64_t	 a[3];
	uint64_t	 b;
	int		 fail;
};

static int
take_seqs(struct db_txn *tx, void *arg, char **cause)
{
	struct seqs	*s = arg;
	int		 i, rc;

	for (i = 0; i < 3; i++)
		if ((rc = db_seq_next(tx, "a", &s->a[i])) != 0)
			return (rc);
	if ((rc = db_seq_next(tx, "b", &s->b)) != 0)
		return (rc);
	if (s->fail)
		return (cause_set(cause, ORDO_EINVAL, "refused on purpose"));
	return (0);
}

static int
peek_a(struct db_txn *tx, void *arg, char **cause)
{
	(void)cause;
	*(uint64_t *)arg = db_seq_peek(tx, "a");
	return (0);
}

static void
test_sequences(void **state)
{
	struct tdir	 t;
	struct db	*db;
	struct seqs	 s;
	uint64_t	 peek;
	char		*cause = NULL;

	(void)state;
	tdir_new(&t);
	assert_int_equal(db_open(&db, t.path, DB_CREATE, 0, &cause), 0);
	assert_int_equal(db_read(db, peek_a, &peek, NULL), 0);
	assert_int_equal(peek, 0);
	memset(&s, 0, sizeof s);
	assert_int_equal(db_write(db, take_seqs, &s, NULL), 0);
	assert_int_equal(s.a[0], 1);
	assert_int_equal(s.a[1], 2);
	assert_int_equal(s.a[2], 3);
	assert_int_equal(s.b, 1);

	/* A transaction that fails gives its numbers back. */
	s.fail = 1;
	assert_int_equal(db_write(db, take_seqs, &s, &cause), ORDO_EINVAL);
	assert_string_equal(cause, "refused on purpose");
	free(cause);
	cause = NULL;
	assert_int_equal(db_read(db, peek_a, &peek, NULL), 0);
	assert_int_equal(peek, 3);
	db_close(db);

	/* Sequences survive a reopen. */
	assert_int_equal(db_open(&db, t.path, 0, 0, &cause), 0);
	s.fail = 0;
	assert_int_equal(db_write(db, take_seqs, &s, NULL), 0);
	assert_int_equal(s.a[0], 4);
	assert_int_equal(s.b, 2);
	db_close(db);
	tdir_free(&t);
}

#define GROW_RECSZ	1024
#define GROW_PER_TXN	1000
#define GROW_TXNS	150		/* 150 x 1000 x 1 KiB: ~146 MiB */

struct grow {
	int	 batch;
	int	 runs;		/* times the txn fn ran */
	int	 bad;		/* records missing or wrong */
};

static void
grow_fill(uint8_t *v, uint32_t n)
{
	uint32_t	 x = n * 2654435761U + 1;
	int		 i;

	for (i = 0; i < GROW_RECSZ; i += 4) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		memcpy(v + i, &x, 4);
	}
}

static int
grow_write(struct db_txn *tx, void *arg, char **cause)
{
	struct grow	*g = arg;
	uint8_t		 v[GROW_RECSZ];
	struct buf	 k;
	uint32_t	 n;
	int		 i, rc = 0;

	(void)cause;
	g->runs++;
	buf_init(&k);
	for (i = 0; i < GROW_PER_TXN && rc == 0; i++) {
		n = (uint32_t)(g->batch * GROW_PER_TXN + i);
		buf_reset(&k);
		key_u32(&k, n);
		grow_fill(v, n);
		rc = db_put(tx, TB_MOVES, k.d, k.len, v, sizeof v, 0);
	}
	buf_free(&k);
	return (rc);
}

static int
grow_check(struct db_txn *tx, void *arg, char **cause)
{
	struct grow	*g = arg;
	struct db_iter	 it;
	uint8_t		 v[GROW_RECSZ];
	uint32_t	 n = 0;
	int		 rc;

	(void)cause;
	if ((rc = db_iter_open(tx, TB_MOVES, NULL, 0, &it)) != 0)
		return (rc);
	while (db_iter_next(&it) == 0) {
		grow_fill(v, n);
		if (it.key.mv_size != 4 || key_get_u32(it.key.mv_data) != n ||
		    it.val.mv_size != sizeof v ||
		    memcmp(it.val.mv_data, v, sizeof v) != 0)
			g->bad++;
		n++;
	}
	db_iter_close(&it);
	if (n != GROW_PER_TXN * GROW_TXNS)
		g->bad += 1000000;
	return (0);
}

static void
test_map_growth(void **state)
{
	struct tdir	 t;
	struct db	*db;
	struct grow	 g;
	char		*cause = NULL;
	int		 runs = 0;

	(void)state;
	tdir_new(&t);
	assert_int_equal(db_open(&db, t.path, DB_CREATE, MIB, &cause), 0);
	assert_int_equal(db->mapsize, MIB);
	memset(&g, 0, sizeof g);
	for (g.batch = 0; g.batch < GROW_TXNS; g.batch++) {
		assert_int_equal(db_write(db, grow_write, &g, &cause), 0);
		runs++;
	}
	/* Some transactions ran again after the map grew. */
	assert_true(g.runs > runs);
	assert_true(db->grows > 0);
	assert_true(db->mapsize > 100 * MIB);
	assert_int_equal(db_read(db, grow_check, &g, NULL), 0);
	assert_int_equal(g.bad, 0);
	db_close(db);

	/* Reopened with the small size again, it adopts the grown map. */
	assert_int_equal(db_open(&db, t.path, 0, MIB, &cause), 0);
	assert_true(db->mapsize > 100 * MIB);
	assert_int_equal(db_read(db, grow_check, &g, NULL), 0);
	assert_int_equal(g.bad, 0);
	db_close(db);
	tdir_free(&t);
}

static int
key_sizes(struct db_txn *tx, void *arg, char **cause)
{
	char	 k[513];
	MDB_val	 v;

	(void)arg;
	(void)cause;
	memset(k, 'k', sizeof k);
	assert_int_equal(db_put(tx, TB_META, k, 0, "x", 1, 0), ORDO_EINVAL);
	assert_int_equal(db_get(tx, TB_META, k, 0, &v), ORDO_EINVAL);
	assert_int_equal(db_del(tx, TB_META, k, 0), ORDO_EINVAL);
	assert_int_equal(db_put(tx, TB_ITEMS, k, 512, "x", 1, 0),
	    ORDO_EINVAL);
	assert_int_equal(db_get(tx, TB_ITEMS, k, 512, &v), ORDO_EINVAL);
	assert_int_equal(db_del(tx, TB_ITEMS, k, 512), ORDO_EINVAL);
	assert_int_equal(db_put(tx, TB_ITEMS, k, 513, "x", 1, 0),
	    ORDO_EINVAL);
	/* The refusals did not spoil the transaction. */
	assert_int_equal(db_put(tx, TB_ITEMS, k, 511, "max", 3, 0), 0);
	assert_int_equal(db_put(tx, TB_ITEMS, k, 1, "one", 3, 0), 0);
	return (0);
}

static int
key_sizes_check(struct db_txn *tx, void *arg, char **cause)
{
	char	 k[511];
	MDB_val	 v;

	(void)arg;
	(void)cause;
	memset(k, 'k', sizeof k);
	assert_int_equal(db_get(tx, TB_ITEMS, k, 511, &v), 0);
	assert_int_equal(v.mv_size, 3);
	assert_memory_equal(v.mv_data, "max", 3);
	assert_int_equal(db_get(tx, TB_ITEMS, k, 1, &v), 0);
	assert_memory_equal(v.mv_data, "one", 3);
	assert_int_equal(db_get(tx, TB_ITEMS, k, 510, &v), MDB_NOTFOUND);
	assert_int_equal(db_count(tx, TB_ITEMS), 2);
	return (0);
}

static void
test_key_sizes(void **state)
{
	struct tdir	 t;
	struct db	*db;
	char		*cause = NULL;

	(void)state;
	tdir_new(&t);
	assert_int_equal(db_open(&db, t.path, DB_CREATE, 0, &cause), 0);
	assert_int_equal(db_write(db, key_sizes, NULL, NULL), 0);
	assert_int_equal(db_read(db, key_sizes_check, NULL, NULL), 0);
	db_close(db);
	tdir_free(&t);
}

struct page {
	const char	*prefix;
	char		 after[32];	/* "" from the start */
	int		 max;
	char		 got[32][32];
	int		 n;
	int		 rc;
};

static int
iter_page(struct db_txn *tx, void *arg, char **cause)
{
	struct page	*p = arg;
	struct db_iter	 it;
	int		 rc;

	(void)cause;
	p->n = 0;
	assert_int_equal(db_iter_open(tx, TB_ITEMS, p->prefix,
	    strlen(p->prefix), &it), 0);
	rc = 0;
	if (p->after[0] != '\0')
		rc = db_iter_seek(&it, p->after, strlen(p->after));
	while (rc == 0 && p->n < p->max && (rc = db_iter_next(&it)) == 0) {
		snprintf(p->got[p->n++], sizeof p->got[0], "%.*s",
		    (int)it.key.mv_size, (const char *)it.key.mv_data);
	}
	p->rc = rc;
	db_iter_close(&it);
	return (0);
}

static int
count_items(struct db_txn *tx, void *arg, char **cause)
{
	(void)cause;
	*(size_t *)arg = db_count(tx, TB_ITEMS);
	return (0);
}

static void
test_iter_prefix_and_paging(void **state)
{
	struct tdir	 t;
	struct db	*db;
	struct page	 p;
	char		*cause = NULL, k[16];
	size_t		 count;
	int		 i, page, seen;

	(void)state;
	tdir_new(&t);
	assert_int_equal(db_open(&db, t.path, DB_CREATE, 0, &cause), 0);
	/* Written out of order; a/ keys sit between "0" and "b/01". */
	for (i = 25; i >= 1; i--) {
		snprintf(k, sizeof k, "a/%02d", i);
		must_put(db, k, "v");
	}
	must_put(db, "b/01", "v");
	must_put(db, "0", "v");
	must_put(db, "a", "v");
	assert_int_equal(db_read(db, count_items, &count, NULL), 0);
	assert_int_equal(count, 28);

	/* The whole prefix, in key order. */
	memset(&p, 0, sizeof p);
	p.prefix = "a/";
	p.max = 32;
	assert_int_equal(db_read(db, iter_page, &p, NULL), 0);
	assert_int_equal(p.n, 25);
	assert_int_equal(p.rc, MDB_NOTFOUND);
	for (i = 0; i < 25; i++) {
		snprintf(k, sizeof k, "a/%02d", i + 1);
		assert_string_equal(p.got[i], k);
	}

	/* Pages of 10, each a new transaction starting after the last key. */
	seen = 0;
	p.after[0] = '\0';
	p.max = 10;
	for (page = 0; page < 4; page++) {
		assert_int_equal(db_read(db, iter_page, &p, NULL), 0);
		for (i = 0; i < p.n; i++) {
			snprintf(k, sizeof k, "a/%02d", seen + i + 1);
			assert_string_equal(p.got[i], k);
		}
		seen += p.n;
		if (p.n == 0)
			break;
		snprintf(p.after, sizeof p.after, "%s", p.got[p.n - 1]);
	}
	assert_int_equal(seen, 25);
	assert_int_equal(page, 3);	/* 10, 10, 5, then an empty page. */

	/* Seeking after a key that is not there starts at the next one. */
	snprintf(p.after, sizeof p.after, "a/105");
	p.max = 32;
	assert_int_equal(db_read(db, iter_page, &p, NULL), 0);
	assert_int_equal(p.n, 15);
	assert_string_equal(p.got[0], "a/11");

	/* Seeking past the prefix or past the end finds nothing. */
	snprintf(p.after, sizeof p.after, "a/99");
	assert_int_equal(db_read(db, iter_page, &p, NULL), 0);
	assert_int_equal(p.n, 0);
	assert_int_equal(p.rc, MDB_NOTFOUND);
	p.prefix = "";
	snprintf(p.after, sizeof p.after, "zzz");
	assert_int_equal(db_read(db, iter_page, &p, NULL), 0);
	assert_int_equal(p.n, 0);
	assert_int_equal(p.rc, MDB_NOTFOUND);

	/* No prefix: the whole table. */
	p.after[0] = '\0';
	assert_int_equal(db_read(db, iter_page, &p, NULL), 0);
	assert_int_equal(p.n, 28);
	assert_string_equal(p.got[0], "0");
	assert_string_equal(p.got[1], "a");
	assert_string_equal(p.got[27], "b/01");

	/* A prefix nothing has. */
	p.prefix = "c/";
	assert_int_equal(db_read(db, iter_page, &p, NULL), 0);
	assert_int_equal(p.n, 0);
	db_close(db);
	tdir_free(&t);
}

/* A failing txn fn leaves nothing behind and its code comes back. */
static int
put_then_fail(struct db_txn *tx, void *arg, char **cause)
{
	(void)arg;
	assert_int_equal(db_put(tx, TB_ITEMS, "GONE", 4, "x", 1, 0), 0);
	return (cause_set(cause, ORDO_ESHORT, "no stock"));
}

static void
test_write_abort(void **state)
{
	struct tdir	 t;
	struct db	*db;
	struct kv	 kv = { .t = TB_ITEMS, .k = "GONE", .klen = 4 };
	char		*cause = NULL;

	(void)state;
	tdir_new(&t);
	assert_int_equal(db_open(&db, t.path, DB_CREATE, 0, &cause), 0);
	assert_int_equal(db_write(db, put_then_fail, NULL, &cause),
	    ORDO_ESHORT);
	assert_string_equal(cause, "no stock");
	free(cause);
	assert_int_equal(db_read(db, get_kv, &kv, NULL), 0);
	assert_int_equal(kv.rc, MDB_NOTFOUND);
	db_close(db);
	tdir_free(&t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_open_fresh_and_reopen),
		cmocka_unit_test(test_open_missing),
		cmocka_unit_test(test_open_regular_file),
		cmocka_unit_test(test_open_foreign_file),
		cmocka_unit_test(test_open_foreign_lmdb),
		cmocka_unit_test(test_open_truncated),
		cmocka_unit_test(test_open_twice),
		cmocka_unit_test(test_open_newer_schema),
		cmocka_unit_test(test_migrate_date_index),
		cmocka_unit_test(test_writers_take_turns),
		cmocka_unit_test(test_each_id),
		cmocka_unit_test(test_sequences),
		cmocka_unit_test(test_map_growth),
		cmocka_unit_test(test_key_sizes),
		cmocka_unit_test(test_iter_prefix_and_paging),
		cmocka_unit_test(test_write_abort),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
