/*
 * import-read.c: the reading half of "ordo import" (import.h).
 *
 * A thread reads the files into chunks of orders while the command's own
 * thread writes the chunk before: reading and cleaning an export is a
 * third of the work or more, and the writer waits for the disk at each
 * commit, so on two cores the reading costs next to no wall time.  The reader touches nothing but its own reader, the
 * read-only configuration and the chunk it fills; whatever it has to say
 * (rejected rows, an error) goes into the chunk for the writer to say.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import.h"

#include "ordo/codec.h"
#include "ordo/error.h"
#include "ordo/money.h"
#include "ordo/xmalloc.h"

#define NCHUNKS	2		/* one read while one is written */
#define ARENA_BLOCK	(256 * 1024)

/*
 * A chunk's orders keep their strings and lines in blocks of its own,
 * handed out in turn and all given back when the chunk is emptied: an
 * order is some twenty strings, and a malloc and free for each was a good
 * part of the reading.
 */
struct arena_blk {
	struct arena_blk *next;
	size_t		 len, cap;
	char		 d[];
};

struct imp_pipe {
	struct run	*run;
	struct chunk	 c[NCHUNKS];
	pthread_t	 thread;
	int		 threaded;
	pthread_mutex_t	 mu;
	pthread_cond_t	 cv;
	struct chunk	*free[NCHUNKS];	/* for the reader to fill */
	size_t		 nfree;
	struct chunk	*full[NCHUNKS];	/* for the writer, first in first out */
	size_t		 fhead, nfull;
	int		 stop;		/* the writer wants no more */
	int		 over;		/* the reader has handed its last */
};

static void	*ar_alloc(struct chunk *, size_t);
static char	*ar_strdup(struct chunk *, const char *);
static void	 ar_reset(struct chunk *, int);
static enum mkt_status	 mkt_from(enum profile_status);
static void	 note_money(struct buf *, const char *, int, int64_t,
		    const char *);
static void	 to_order(struct chunk *, const struct imp_order *, int,
		    struct order *);
static void	 chunk_reject(struct chunk *, const struct imp_reject *, int);
static void	 read_chunk(struct run *, struct chunk *);
static void	*read_main(void *);

void
chunk_init(struct chunk *c, struct run *r)
{
	memset(c, 0, sizeof *c);
	c->run = r;
	c->b = &r->b;
	c->dry = r->dry;
	c->unknown_flag = r->prof->unknown_sku == PROFILE_SKU_FLAG;
	c->o = xcalloc(CHUNK_ORDERS, sizeof *c->o);
	c->st = xcalloc(CHUNK_ORDERS, sizeof *c->st);
	c->carrier = xcalloc(CHUNK_ORDERS, sizeof *c->carrier);
	c->tracking = xcalloc(CHUNK_ORDERS, sizeof *c->tracking);
	c->why = xcalloc(CHUNK_ORDERS, sizeof *c->why);
	c->res = xcalloc(CHUNK_ORDERS, sizeof *c->res);
	c->line = xcalloc(CHUNK_ORDERS, sizeof *c->line);
	c->file = xcalloc(CHUNK_ORDERS, sizeof *c->file);
}

static void *
ar_alloc(struct chunk *c, size_t n)
{
	struct arena_blk	*b = c->mem;
	size_t			 cap;
	void			*p;

	n = (n + 7) & ~(size_t)7;
	if (b == NULL || b->cap - b->len < n) {
		cap = n > ARENA_BLOCK ? n : ARENA_BLOCK;
		b = xmalloc(sizeof *b + cap);
		b->len = 0;
		b->cap = cap;
		b->next = c->mem;
		c->mem = b;
	}
	p = b->d + b->len;
	b->len += n;
	return (p);
}

static char *
ar_strdup(struct chunk *c, const char *s)
{
	size_t	 n = s != NULL ? strlen(s) : 0;
	char	*p = ar_alloc(c, n + 1);

	if (n > 0)
		memcpy(p, s, n);
	p[n] = '\0';
	return (p);
}

/* Give back every block but one (none if all). */
static void
ar_reset(struct chunk *c, int all)
{
	struct arena_blk	*b, *next;

	for (b = c->mem; b != NULL; b = next) {
		next = b->next;
		if (next == NULL && !all && b->cap == ARENA_BLOCK) {
			b->len = 0;
			c->mem = b;
			return;
		}
		free(b);
	}
	c->mem = NULL;
}

void
chunk_clear(struct chunk *c)
{
	size_t	 i, j;

	for (i = 0; i < c->n; i++) {
		free(c->why[i]);
		c->why[i] = NULL;
	}
	c->n = 0;
	ar_reset(c, 0);
	for (i = 0; i < c->nrj; i++) {
		for (j = 0; j < c->rj[i].nfields; j++)
			free(c->rj[i].fields[j]);
		free(c->rj[i].fields);
		free(c->rj[i].reason);
	}
	c->nrj = 0;
	c->rj_rows = c->rj_orders = 0;
	c->end = c->err = 0;
	free(c->cause);
	c->cause = NULL;
}

void
chunk_free(struct chunk *c)
{
	chunk_clear(c);
	ar_reset(c, 1);
	free(c->o);
	free(c->st);
	free(c->carrier);
	free(c->tracking);
	free(c->why);
	free(c->res);
	free(c->line);
	free(c->file);
	free(c->rj);
	free(c->rj_say);
}

static enum mkt_status
mkt_from(enum profile_status s)
{
	switch (s) {
	case PROFILE_PAID:
		return (MKT_PAID);
	case PROFILE_CANCELLED:
		return (MKT_CANCELLED);
	case PROFILE_SHIPPED:
		return (MKT_SHIPPED);
	case PROFILE_DELIVERED:
		return (MKT_DELIVERED);
	case PROFILE_REFUNDED:
		return (MKT_REFUNDED);
	default:
		return (MKT_PENDING);
	}
}

/* Append "what: 1.23 (why)" as a line of the notes. */
static void
note_money(struct buf *b, const char *what, int minor, int64_t v,
    const char *why)
{
	char	 m[32], *s;

	money_fmt(m, sizeof m, v, minor);
	xasprintf(&s, "%s%s: %s (%s)", b->len > 0 ? "\n" : "", what, m, why);
	buf_add(b, s, strlen(s));
	free(s);
}

/*
 * An imported order as a core order, a deep copy in c's blocks (the reader
 * reuses io).  The core takes it as given and gives it back as it was
 * (batch.h), so it is never given to order_free.
 */
static void
to_order(struct chunk *c, const struct imp_order *io, int minor,
    struct order *o)
{
	struct buf	 st;
	size_t		 i;

	memset(o, 0, sizeof *o);
	o->channel = ar_strdup(c, io->channel);
	o->ext_id = ar_strdup(c, *io->external_id != '\0' ?
	    io->external_id : io->number);
	o->ext_number = ar_strdup(c, io->number);
	o->customer = ar_strdup(c, "");
	buf_init(&st);
	if (io->customer_name != NULL && *io->customer_name != '\0')
		buf_add(&st, io->customer_name, strlen(io->customer_name));
	if (io->phone != NULL && *io->phone != '\0') {
		if (st.len > 0)
			buf_add(&st, ", ", 2);
		buf_add(&st, io->phone, strlen(io->phone));
	}
	if (io->ship_to != NULL && *io->ship_to != '\0') {
		if (st.len > 0)
			buf_add(&st, ", ", 2);
		buf_add(&st, io->ship_to, strlen(io->ship_to));
	}
	buf_add(&st, "", 1);
	o->ship_to = ar_strdup(c, (char *)st.d);
	buf_free(&st);
	buf_init(&st);
	buf_add(&st, io->notes, strlen(io->notes));
	if (io->platform_discount != 0)
		note_money(&st, "platform-funded discount", minor,
		    io->platform_discount, "receivable from the platform "
		    "with its payout");
	if (io->marketplace_tax != 0)
		note_money(&st, "tax collected by the marketplace",
		    minor, io->marketplace_tax, "remitted by it, not "
		    "in this order");
	buf_add(&st, "", 1);
	o->notes = ar_strdup(c, (char *)st.d);
	buf_free(&st);
	o->carrier = o->tracking = o->loc = o->customer;
	o->created = io->created;
	/* The buyer's money as the file states it (imp.h, Money). */
	o->tax_mode = io->tax_incl ? ORDER_TAX_INCL : ORDER_TAX_EXCL;
	o->shipping = io->charges;
	if (io->tax_given) {
		o->flags |= ORDER_SHIP_TAX_GIVEN;
		o->ship_tax = io->ship_tax;
	}
	o->nlines = io->nlines;
	i = (io->nlines ? io->nlines : 1) * sizeof *o->lines;
	o->lines = memset(ar_alloc(c, i), 0, i);
	for (i = 0; i < io->nlines; i++) {
		const struct imp_line	*il = &io->lines[i];
		struct order_line	*l = &o->lines[i];

		l->sku = ar_strdup(c, *il->sku != '\0' ? il->sku : il->name);
		l->name = ar_strdup(c, il->name);
		l->loc = o->customer;
		l->qty = il->qty;
		/*
		 * The line's amount exactly: a unit price rounded up, the
		 * difference in the discount (never below zero).
		 */
		l->unit_price = (il->amount + il->qty - 1) / il->qty;
		l->discount = l->unit_price * il->qty - il->amount +
		    il->discount;
		l->tax_rate = -1;
		if (io->tax_given) {
			l->flags |= LINE_TAX_GIVEN;
			l->tax = il->tax;
		}
	}
}

/* Keep a copy of a rejected row (the reader reuses its own). */
static void
chunk_reject(struct chunk *c, const struct imp_reject *rj, int say)
{
	struct imp_reject	*k;
	size_t			 j;

	if (c->nrj == c->rjcap) {
		c->rjcap = c->rjcap == 0 ? 16 : c->rjcap * 2;
		c->rj = xreallocarray(c->rj, c->rjcap, sizeof *c->rj);
		c->rj_say = xreallocarray(c->rj_say, c->rjcap,
		    sizeof *c->rj_say);
	}
	k = &c->rj[c->nrj];
	c->rj_say[c->nrj++] = say;
	k->file = rj->file;
	k->line = rj->line;
	k->nfields = rj->nfields;
	k->fields = xcalloc(rj->nfields + 1, sizeof *k->fields);
	for (j = 0; j < rj->nfields; j++)
		k->fields[j] = xstrdup(rj->fields[j] != NULL ?
		    rj->fields[j] : "");
	k->reason = xstrdup(rj->reason != NULL ? rj->reason : "");
}

/* Fill c with the next orders, up to CHUNK_ORDERS, the end or an error. */
static void
read_chunk(struct run *r, struct chunk *c)
{
	const struct imp_order	*io;
	const struct imp_reject	*rj;
	struct imp_reject	 cr;
	char			*cause = NULL;
	size_t			 nrej, i;
	int			 rc;

	while (c->n < CHUNK_ORDERS) {
		rc = imp_next(r->rd, &io, &rj, &nrej, &cause);
		if (rc < 0 || rc > 1) {
			c->err = rc;
			c->cause = cause;
			break;
		}
		if (rc == 0) {
			c->end = 1;
			break;
		}
		if (io == NULL) {
			/* A rejected order: its rows, the first one named. */
			c->rj_rows += (int64_t)nrej;
			c->rj_orders++;
			for (i = 0; i < nrej; i++)
				chunk_reject(c, &rj[i], i == 0);
			continue;
		}
		if (batch_currency_ok(r->cli->cfg, io->currency,
		    &cause) != 0) {
			c->rj_rows += (int64_t)(io->last_line -
			    io->first_line + 1);
			c->rj_orders++;
			memset(&cr, 0, sizeof cr);
			cr.file = io->file;
			cr.line = io->first_line;
			xasprintf(&cr.reason, "order %s: %s", io->external_id,
			    cause);
			free(cause);
			cause = NULL;
			chunk_reject(c, &cr, 1);
			free(cr.reason);
			continue;
		}
		to_order(c, io, r->cli->cfg->minor_digits, &c->o[c->n]);
		c->line[c->n] = io->first_line;
		c->file[c->n] = io->file;
		c->st[c->n] = mkt_from(io->status);
		c->carrier[c->n] = ar_strdup(c, io->carrier);
		c->tracking[c->n] = ar_strdup(c, io->tracking);
		c->n++;
	}
	c->stats = *imp_stats(r->rd);
	imp_progress(r->rd, &c->pdone, &c->ptotal);
}

/* The reader thread: fill free chunks and hand them over, in order. */
static void *
read_main(void *arg)
{
	struct imp_pipe	*p = arg;
	struct chunk	*c;
	int		 last;

	for (;;) {
		pthread_mutex_lock(&p->mu);
		while (p->nfree == 0 && !p->stop)
			pthread_cond_wait(&p->cv, &p->mu);
		if (p->stop) {
			pthread_mutex_unlock(&p->mu);
			break;
		}
		c = p->free[--p->nfree];
		pthread_mutex_unlock(&p->mu);

		/*
		 * What this thread allocated it frees: a free from another
		 * thread goes back to this thread's malloc arena under its
		 * lock, and the two threads fought over it.
		 */
		chunk_clear(c);
		read_chunk(p->run, c);
		last = c->end || c->err != 0;

		pthread_mutex_lock(&p->mu);
		p->full[(p->fhead + p->nfull++) % NCHUNKS] = c;
		p->over = last;
		pthread_cond_broadcast(&p->cv);
		pthread_mutex_unlock(&p->mu);
		if (last)
			break;
	}
	return (NULL);
}

struct imp_pipe *
imp_pipe_start(struct run *r)
{
	struct imp_pipe	*p;
	size_t		 i;

	p = xcalloc(1, sizeof *p);
	p->run = r;
	for (i = 0; i < NCHUNKS; i++) {
		chunk_init(&p->c[i], r);
		p->free[p->nfree++] = &p->c[i];
	}
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->cv, NULL);
	/* Without a thread the writer reads each chunk itself. */
	p->threaded = pthread_create(&p->thread, NULL, read_main, p) == 0;
	return (p);
}

struct chunk *
imp_pipe_next(struct imp_pipe *p)
{
	struct chunk	*c;

	if (!p->threaded) {
		if (p->over || p->nfree == 0)
			return (NULL);
		c = p->free[--p->nfree];
		chunk_clear(c);
		read_chunk(p->run, c);
		p->over = c->end || c->err != 0;
		return (c);
	}
	pthread_mutex_lock(&p->mu);
	while (p->nfull == 0 && !p->over)
		pthread_cond_wait(&p->cv, &p->mu);
	c = NULL;
	if (p->nfull > 0) {
		c = p->full[p->fhead];
		p->fhead = (p->fhead + 1) % NCHUNKS;
		p->nfull--;
	}
	pthread_mutex_unlock(&p->mu);
	return (c);
}

void
imp_pipe_done(struct imp_pipe *p, struct chunk *c)
{
	pthread_mutex_lock(&p->mu);
	p->free[p->nfree++] = c;
	pthread_cond_broadcast(&p->cv);
	pthread_mutex_unlock(&p->mu);
}

void
imp_pipe_stop(struct imp_pipe *p)
{
	size_t	 i;

	if (p == NULL)
		return;
	pthread_mutex_lock(&p->mu);
	p->stop = 1;
	pthread_cond_broadcast(&p->cv);
	pthread_mutex_unlock(&p->mu);
	if (p->threaded)
		pthread_join(p->thread, NULL);
	for (i = 0; i < NCHUNKS; i++)
		chunk_free(&p->c[i]);
	pthread_cond_destroy(&p->cv);
	pthread_mutex_destroy(&p->mu);
	free(p);
}
