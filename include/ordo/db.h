/*
 * db.h: the storage layer.  One LMDB environment per company directory,
 * every named table opened once at start, short transactions made easy.
 *
 * The storage layer knows tables, keys, records and sequences; it knows
 * nothing of orders.  A business event is one function run inside
 * db_write(): it is re-run from the start if the map had to grow, so it
 * must keep all its effects inside the transaction.
 */
#ifndef ORDO_DB_H
#define ORDO_DB_H

#include <stddef.h>
#include <stdint.h>

#include <lmdb.h>

#include "ordo/codec.h"

struct company;

#define DB_SCHEMA_VERSION	6
#define DB_MAPSIZE_DEFAULT	((size_t)1 << 30)	/* 1 GiB, grows */
#define DB_MAXREADERS		1024
#define DB_MAXKEY		511

/*
 * The tables.  Index tables map a key to an empty value or to the main
 * key; see each core module for its record format.
 */
#define DB_TABLES						\
	X(TB_META,		"meta")				\
	X(TB_ITEMS,		"items")			\
	X(TB_ITEM_BY_BARCODE,	"item_by_barcode")		\
	X(TB_ITEM_BY_NAME,	"item_by_name")			\
	X(TB_LOCATIONS,		"locations")			\
	X(TB_STOCK,		"stock")			\
	X(TB_MOVES,		"moves")			\
	X(TB_MOVE_BY_STOCK,	"move_by_stock")		\
	X(TB_CUSTOMERS,		"customers")			\
	X(TB_CUST_BY_NAME,	"customer_by_name")		\
	X(TB_CUST_BY_PHONE,	"customer_by_phone")		\
	X(TB_ORDERS,		"orders")			\
	X(TB_LINES,		"order_lines")			\
	X(TB_ORDER_HIST,	"order_history")		\
	X(TB_ORD_BY_EXT,	"order_by_external")		\
	X(TB_ORD_BY_STATUS,	"order_by_status")		\
	X(TB_ORD_BY_CUST,	"order_by_customer")		\
	X(TB_ORD_BY_DATE,	"order_by_date")		\
	X(TB_ORD_BY_CUST_ST,	"order_by_customer_status")	\
	X(TB_ORD_BY_CHAN,	"order_by_channel")		\
	X(TB_ORD_BY_CHAN_ST,	"order_by_channel_status")	\
	X(TB_ORD_BY_USER_ST,	"order_by_creator_status")	\
	X(TB_COUNTS,		"counts")			\
	X(TB_ACCOUNTS,		"accounts")			\
	X(TB_JOURNAL,		"journal")			\
	X(TB_POSTINGS,		"postings")			\
	X(TB_POST_BY_ACCOUNT,	"posting_by_account")		\
	X(TB_REVERSALS,		"reversals")			\
	X(TB_INVOICES,		"invoices")			\
	X(TB_PAYMENTS,		"payments")			\
	X(TB_ALLOCATIONS,	"allocations")			\
	X(TB_CUST_BAL,		"customer_balances")		\
	X(TB_IMPORTS,		"imports")			\
	X(TB_IMPORT_ORDERS,	"import_orders")		\
	X(TB_SKU_ALIAS,		"sku_aliases")			\
	X(TB_AUDIT,		"audit")			\
	X(TB_USERS,		"users")			\
	X(TB_OUTBOX,		"outbox")			\
	X(TB_NOTIFY,		"notify")			\
	X(TB_BINS,		"bins")				\
	X(TB_PICK_QUEUE,	"pick_queue")			\
	X(TB_PICK_QPOS,		"pick_queue_pos")		\
	X(TB_PICK_PRIO,		"pick_priority")		\
	X(TB_PICK_CLAIMS,	"pick_claims")			\
	X(TB_WAVES,		"waves")			\
	X(TB_WAVE_OPEN,		"waves_open")			\
	X(TB_PICK_SHORTS,	"pick_shorts")			\
	X(TB_PARCELS,		"parcels")			\
	X(TB_PARCEL_BY_TRACKING, "parcel_by_tracking")		\
	X(TB_RECONCILE,		"reconcile")			\
	X(TB_AGG_ACCT_DAY,	"agg_account_day")		\
	X(TB_AGG_ACCT_MONTH,	"agg_account_month")		\
	X(TB_AGG_OPEN,		"agg_open_items")		\
	X(TB_AGG_OPEN_DAY,	"agg_open_day")			\
	X(TB_AGG_STMT,		"agg_statement")		\
	X(TB_AGG_STMT_DAY,	"agg_statement_day")		\
	X(TB_AGG_BACKORDER,	"agg_backorders")		\
	X(TB_AGG_SALES,		"agg_sales")			\
	X(TB_AGG_SALES_CH,	"agg_sales_channel")		\
	X(TB_AGG_CUST_MONTH,	"agg_customer_month")		\
	X(TB_AGG_PAIRS,		"agg_pairs")

enum db_table {
#define X(id, name) id,
	DB_TABLES
#undef X
	DB_NTABLES
};

struct db {
	MDB_env		*env;
	MDB_dbi		 dbi[DB_NTABLES];
	char		*dir;
	size_t		 mapsize;
	unsigned	 grows;		/* times the map grew */
	unsigned	 stale_cleared;	/* readers cleared at open */
	int		 rdonly;
	const char	*rdonly_why;	/* why a company opened for writing
					   was opened read-only, or NULL */
	int		 turnfd;	/* turn.lock: see db_let_others_write */
	/*
	 * Whose company this is (company.h): set by the core after open,
	 * carried into every transaction, never looked into here.
	 */
	const struct company *co;
};

/* One running transaction, handed to every core function. */
struct db_txn {
	struct db	*db;
	MDB_txn		*txn;
	const struct company *co;	/* db->co: config, user, role */
	int64_t		 now;		/* seconds since the epoch */
	uint64_t	 batch;		/* the import batch landing orders in
					   this txn, or 0 (audit.h) */
};

#define DB_CREATE	0x1	/* create the directory and tables */
#define DB_RDONLY	0x2	/* open read-only (backups, checks) */

/*
 * Open the company in dir.  mapsize 0 means the default (or $ORDO_MAPSIZE,
 * in bytes).  Errors: ENOENT (no company there), ORDO_EFOREIGN (a file
 * that is not an ordo database), ORDO_ECORRUPT (truncated), ORDO_ESCHEMA
 * (made by a newer ordo), ORDO_EEXIST (already open in this process), or
 * an LMDB code.
 */
int	 db_open(struct db **, const char *, int, size_t, char **);
/*
 * The same for the core's company (company.h), which a schema upgrade at
 * open already runs for.
 */
int	 db_open_for(struct db **, const char *, int, size_t,
	    const struct company *, char **);
void	 db_close(struct db *);

/*
 * Run fn in a write (db_write) or read (db_read) transaction.  db_write
 * commits when fn returns 0 and aborts otherwise; on MDB_MAP_FULL it grows
 * the map and runs fn again from the start.  fn's own error is returned
 * unchanged with its cause.
 */
typedef int (*db_fn)(struct db_txn *, void *, char **);
int	 db_write(struct db *, db_fn, void *, char **);
int	 db_read(struct db *, db_fn, void *, char **);
/*
 * Wait until every other process waiting to write (or writing) has
 * written.  LMDB's write lock is not fair: a process that commits and at
 * once begins again keeps it, and a clerk waiting for it waited for a
 * whole night import.  So each write holds a shared lock on turn.lock in
 * the company directory, and a long run of write transactions (an import)
 * calls this between them: it takes that lock exclusively, which waits
 * for the writers who came meanwhile.  A clerk waits one transaction.
 */
void	 db_let_others_write(struct db *);

/*
 * Run fn in a child transaction of tx: its effects are kept if it
 * returns 0 and dropped if it fails, while tx goes on.  The importer uses
 * this so that one bad order in a chunk loses only itself.  MDB_MAP_FULL
 * (and any LMDB error) is returned for the caller to abort tx.
 */
int	 db_nested(struct db_txn *, db_fn, void *, char **);

/* Raw access inside a transaction.  0, MDB_NOTFOUND or an error. */
int	 db_get(struct db_txn *, enum db_table, const void *, size_t,
	    MDB_val *);
int	 db_put(struct db_txn *, enum db_table, const void *, size_t,
	    const void *, size_t, unsigned);
/*
 * Put, trying MDB_APPEND first: for keys that usually come last (new
 * ids, sequences) this skips the search and fills pages fully; a key
 * that is not last is put the usual way.
 */
int	 db_put_tail(struct db_txn *, enum db_table, const void *, size_t,
	    const void *, size_t);
int	 db_del(struct db_txn *, enum db_table, const void *, size_t);
int	 db_getb(struct db_txn *, enum db_table, const struct buf *, MDB_val *);
int	 db_putb(struct db_txn *, enum db_table, const struct buf *,
	    const struct buf *, unsigned);

/* Next value of a named sequence (first is 1). */
int	 db_seq_next(struct db_txn *, const char *, uint64_t *);
/* Current value of a named sequence (0 if never used). */
uint64_t db_seq_peek(struct db_txn *, const char *);

/*
 * Iterate the keys that start with a prefix (plen 0: whole table), in key
 * order, or in reverse order after db_iter_reverse; db_iter_seek starts
 * after a given key instead (for paging), and db_iter_at at it or after
 * it.  In reverse, "after" means before: the keys that sort lower.
 * it.key and it.val are valid until the next call or the end of the txn.
 */
struct db_iter {
	MDB_cursor	*cur;
	struct buf	 prefix;
	MDB_val		 key;
	MDB_val		 val;
	int		 started;
	int		 reverse;
};
int	 db_iter_open(struct db_txn *, enum db_table, const void *, size_t,
	    struct db_iter *);
/*
 * Walks.  Every walk over records, here and in the core (item_each,
 * order_each, ...), calls its fn once a record, and fn returns 0 to go
 * on, DB_STOP to stop there (the walk then returns 0), or an error code,
 * which the walk returns at once.  A walk's loop ends with db_walk_rc.
 */
#define DB_STOP		1
/* What a walk returns when its loop ended with rc: 0 at the end or at
 * DB_STOP, else rc. */
#define db_walk_rc(rc)	((rc) == MDB_NOTFOUND || (rc) == DB_STOP ? 0 : (rc))

/* Tables keyed by a u64 id: the record of one id (0 or MDB_NOTFOUND). */
int	 db_get_id(struct db_txn *, enum db_table, uint64_t, MDB_val *);
/*
 * Walk a table keyed by a u64 id in id order: fn(id, record, arg).  A key
 * that is not 8 bytes is ORDO_ECORRUPT.
 */
int	 db_each_id(struct db_txn *, enum db_table,
	    int (*)(uint64_t, const MDB_val *, void *), void *);
/*
 * Walk a table keyed by a string (items, customers) from the first key
 * after "after" (NULL: from the first): fn(key, record, arg).
 */
int	 db_each_after(struct db_txn *, enum db_table, const char *after,
	    int (*)(const MDB_val *, const MDB_val *, void *), void *);
int	 db_iter_seek(struct db_iter *, const void *, size_t);
/*
 * Walk the other way: from the last key with the prefix down.  Call it
 * right after db_iter_open, before any seek or next.
 */
void	 db_iter_reverse(struct db_iter *);
/*
 * Position at the first key in the walk's direction that is at key
 * (incl 1) or past it (incl 0); the next db_iter_next returns it.
 * MDB_NOTFOUND if there is none (then next returns MDB_NOTFOUND too).
 */
int	 db_iter_at(struct db_iter *, const void *, size_t, int);
int	 db_iter_next(struct db_iter *);	/* 0 or MDB_NOTFOUND */
/* Start after a text key (NULL or "": from the first); paging by name. */
int	 db_iter_after(struct db_iter *, const char *);
void	 db_iter_close(struct db_iter *);

/*
 * A number that changes whenever anyone commits a write to the company
 * (LMDB's last transaction id): a screen keeps the one it drew at and
 * polls this on its key-wait timeout to learn that it should re-read.
 * No transaction, no lock: a read of the environment's meta page.
 */
uint64_t db_generation(struct db *);

/*
 * The steps of a schema upgrade that need the core's records (the storage
 * layer cannot read an order): provided by the core (src/core/upgrade.c)
 * and called by db_open, in the upgrading transaction, after the tables
 * are open, with the schema version being reached.
 */
int	 db_upgrade_records(struct db_txn *, uint32_t, char **);

/* Number of entries in a table. */
size_t	 db_count(struct db_txn *, enum db_table);

/*
 * Hot, compacted copy into a directory without a database: its data.mdb
 * is created with the company's mode (never readable by others).  A
 * device or a FIFO (a tape, a pipe to ssh) is written the copy itself,
 * in place, and *stream is set: such a copy cannot be checked here.
 * Paths are opened as the real user (priv.h).
 */
int	 db_backup(struct db *, const char *, int *, char **);

/*
 * The id of the last committed write transaction of the environment
 * (any process) as a read transaction begun now sees it: cheap (a
 * reader slot taken and given back), for waiting on new commits by
 * polling.  Take it before reading: the read then sees at least that
 * commit, and a later different id means something new.
 */
uint64_t db_last_txn(struct db *);
/*
 * The id of the snapshot a transaction reads.  A poller waits for
 * db_last_txn() to pass the snapshot it last read: since db_last_txn()
 * is itself a snapshot's id, a different id always means a commit the
 * poller has not read.
 */
uint64_t db_txn_id(const struct db_txn *);

/* Name of a table, for messages. */
const char *db_table_name(enum db_table);

#endif
