/*
 * import.h: what the two halves of "ordo import" share.
 *
 * import-read.c reads: a thread of its own runs the reader (src/import:
 * files, profiles, cleaning, grouping rows into orders) and fills chunks
 * of orders.  cmd-import.c writes: this thread lands each chunk through
 * the core (batch.h), in write transactions of about CHUNK_MS, and says
 * what happened.  Two chunks go round, so one is read while the other is
 * written; everything a person sees (messages, rejects file, progress) is
 * written by the writing thread, in the order the rows came.
 */
#ifndef ORDO_CLI_IMPORT_H
#define ORDO_CLI_IMPORT_H

#include <stdint.h>

#include "cli.h"

#include "ordo/batch.h"
#include "ordo/imp.h"
#include "ordo/order.h"
#include "ordo/profile.h"

#define CHUNK_ORDERS	2000
#define CHUNK_MS	35

struct run;
struct arena_blk;

struct chunk {
	/*
	 * Filled by the reader: the orders and what came with them.  Their
	 * strings and lines are in the chunk's own blocks (mem), freed when
	 * it is emptied: never order_free them.
	 */
	struct order	*o;
	enum mkt_status	*st;
	char		**carrier;
	char		**tracking;
	size_t		*line;		/* first source line of each order */
	int		*file;
	size_t		 n;
	struct imp_reject *rj;		/* rows rejected while reading */
	int		*rj_say;	/* name it on stderr */
	size_t		 nrj, rjcap;
	int64_t		 rj_rows;	/* rows, and orders, of those */
	int64_t		 rj_orders;
	struct imp_stats stats;		/* the reader's counts when handed */
	uint64_t	 pdone, ptotal;	/* and its progress through the files */
	struct arena_blk *mem;
	int		 end;		/* the files are read */
	int		 err;		/* the reader failed, for cause */
	char		*cause;

	/* Used by the writer. */
	struct batch	*b;
	char		**why;		/* reason of a rejected order */
	enum imp_result	*res;
	size_t		 done;		/* applied in this txn */
	int		 unknown_flag;
	int		 dry;
	int		 slow;		/* each order in a child txn */
	struct run	*run;
};

struct run {
	struct cli	*cli;
	struct profile	*prof;
	struct imp_reader *rd;
	struct imp_rejfile *rej[2];	/* one per input file (joined pairs) */
	int64_t		 nrej[2];
	struct batch	 b;
	struct batch	 same;		/* the file's earlier batch, if id */
	char		 sha[2 * 32 + 1]; /* the first file's SHA-256 */
	char		 psha[2 * 32 + 1]; /* the profile's */
	int		 dry;
	int		 tty;
	double		 t0;
	double		 last;
	int64_t		 would[IMP_NRESULTS];	/* results by imp_result */
	int64_t		 lines;
	int64_t		 rejected_orders;
	int64_t		 attention;	/* left for a person */
	int64_t		 beyond;	/* shipped beyond the stock */
	int64_t		 open;		/* orders batch_order_open says */
	struct imp_stats stats;		/* as of the chunk being written */
	uint64_t	 pdone, ptotal;
};

/* The reading half (import-read.c). */
struct imp_pipe;

void	 chunk_init(struct chunk *, struct run *);
void	 chunk_clear(struct chunk *);	/* empty it for reuse */
void	 chunk_free(struct chunk *);
/*
 * Start reading r's files into chunks: in a thread of its own if one can
 * be made, else a chunk at a time as imp_pipe_next asks.
 */
struct imp_pipe *imp_pipe_start(struct run *);
/*
 * The next chunk read, in order; give it back with imp_pipe_done (the
 * reader empties it before filling it again).
 */
struct chunk	*imp_pipe_next(struct imp_pipe *);
void		 imp_pipe_done(struct imp_pipe *, struct chunk *);
/* Stop reading (the writer failed or is done) and free the pipe. */
void		 imp_pipe_stop(struct imp_pipe *);

#endif
