/*
 * ordo-gen: fill a company with a realistic order history, for the
 * reports' benchmark and the independent recomputation test.
 *
 *   ordo-gen CONFIG DIR ORDERS [SEED]
 *
 * Makes the company in DIR if need be, then items GEN-0001... (a few
 * hundred, prices and costs at random, one that may be backordered and
 * has no stock), customers G00001... (about one for every 25 orders,
 * a few hundred of them regulars who order most months) and ORDERS
 * orders spread evenly over the 3 years before $ORDO_NOW (or now),
 * through the channels counter, shopify, amazon and taobao, with 1 to 6
 * lines, popular items much more often than others, and pairs of items
 * often bought together (GEN-0001 with GEN-0002, GEN-0003 with
 * GEN-0004, ...: an odd item's next one joins one order in three).  Of the orders: about 80% are shipped (one in 16 of those
 * then has a line partly returned), 8% cancelled (half of them after a
 * partial shipment), the rest left confirmed, some with a backorder.
 * Counter customers pay most of their invoices; at the end each
 * customer's payments are allocated to their invoices.  Everything goes through
 * the core's own events (order_new_confirm, order_ship, order_cancel,
 * order_return, pay_record), 2,000 orders to a transaction, each event
 * at its order's date.  Prints the number of orders made.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ordo/company.h"
#include "ordo/config.h"
#include "ordo/core.h"
#include "ordo/customer.h"
#include "ordo/db.h"
#include "ordo/error.h"
#include "ordo/item.h"
#include "ordo/order.h"
#include "ordo/payment.h"
#include "ordo/stock.h"
#include "ordo/date.h"
#include "ordo/xmalloc.h"

#define S(x)		((char *)(x))
#define CHUNK		2000
#define SPAN_DAYS	(3 * 365)

static uint64_t	 rng;

static uint32_t
rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return ((uint32_t)(rng >> 16));
}

/* Uniform in [0, n). */
static uint32_t
rndn(uint32_t n)
{
	return (n == 0 ? 0 : rnd() % n);
}

struct gen {
	long		 norders, done;
	int		 nitems, ncust;
	int64_t		 start, now;
	const char	*loc;
	int64_t		*price;
};

static int
setup_fn(struct db_txn *tx, void *arg, char **cause)
{
	struct gen	*g = arg;
	struct item	 it;
	struct customer	 c;
	char		 sku[32], code[32], name[64];
	int		 i, rc;

	if ((rc = company_setup(tx, cause)) != 0)
		return (rc);
	tx->now = g->start - 86400;
	for (i = 0; i <= g->nitems; i++) {
		/* GEN-0000 is the one sold short: no stock, backorders. */
		snprintf(sku, sizeof sku, "GEN-%04d", i);
		snprintf(name, sizeof name, "Generated item %d", i);
		if (item_get(tx, sku, &it, NULL) == 0) {
			g->price[i] = it.price;
			item_free(&it);
			continue;
		}
		memset(&it, 0, sizeof it);
		it.sku = sku;
		it.barcode = S("");
		it.name = name;
		it.unit = S("pcs");
		it.bin = S("");
		it.price = g->price[i] = 100 + rndn(200) * 50;
		it.tax_rate = -1;
		it.backorder = i == 0;
		it.reorder_point = 20;
		it.reorder_qty = 100;
		it.active = 1;
		if ((rc = item_add(tx, &it, cause)) != 0)
			return (rc);
		if (i > 0 && (rc = stock_receive(tx, sku, g->loc, 100000000,
		    it.price * (40 + (int64_t)rndn(30)) / 100, "gen", NULL,
		    cause)) != 0)
			return (rc);
	}
	for (i = 0; i < g->ncust; i++) {
		snprintf(code, sizeof code, "G%05d", i);
		snprintf(name, sizeof name, "Customer %d", i);
		if (customer_get(tx, code, &c, NULL) == 0) {
			customer_free(&c);
			continue;
		}
		memset(&c, 0, sizeof c);
		c.code = code;
		c.name = name;
		if ((rc = customer_add(tx, &c, cause)) != 0)
			return (rc);
	}
	return (0);
}

/* A popular item more often: index in [1, nitems]. */
static int
pick_item(const struct gen *g)
{
	double	 u = (double)rnd() / 65536.0 / 65536.0;

	return (1 + (int)(u * u * u * g->nitems) % g->nitems);
}

static int
has_item(char sku[][16], int n, int it)
{
	int	 i;

	for (i = 0; i < n; i++)
		if (atoi(sku[i] + 4) == it)
			return (1);
	return (0);
}

static int
one_order(struct db_txn *tx, struct gen *g, long k, char **cause)
{
	static const char *chans[] = { "counter", "counter", "shopify",
	    "amazon", "taobao" };
	struct order		 o;
	struct order_line	 ln[8];
	struct line_qty		 lq;
	char			 sku[8][16], cust[16], ext[32];
	const char		*chan = chans[rndn(5)];
	uint32_t		 u;
	uint64_t		 pay;
	int			 n, i, it, want;
	int			 rc;

	tx->now = g->start + (int64_t)((double)k / g->norders *
	    SPAN_DAYS * 86400) + rndn(600);
	/* Regulars (the first 300) place half of the orders. */
	if (rndn(2) == 0)
		snprintf(cust, sizeof cust, "G%05u", rndn(g->ncust < 300 ?
		    (uint32_t)g->ncust : 300));
	else
		snprintf(cust, sizeof cust, "G%05u", rndn((uint32_t)g->ncust));
	memset(&o, 0, sizeof o);
	memset(ln, 0, sizeof ln);
	o.customer = cust;
	o.channel = S(chan);
	o.loc = S(g->loc);
	o.shipping = strcmp(chan, "counter") == 0 ? 0 : 500 + rndn(4) * 100;
	if (strcmp(chan, "counter") != 0) {
		snprintf(ext, sizeof ext, "%s-%ld", chan, k);
		o.ext_id = ext;
	}
	u = rndn(100);
	want = u < 45 ? 1 : u < 75 ? 2 : u < 90 ? 3 : u < 97 ? 4 : 6;
	for (n = 0; n < want; ) {
		it = pick_item(g);
		if (has_item(sku, n, it))
			continue;
		snprintf(sku[n++], sizeof sku[0], "GEN-%04d", it);
		/* Planted pairs: an odd item's next one joins, 1 in 3. */
		if ((it & 1) && it + 1 <= g->nitems && n < 7 &&
		    !has_item(sku, n, it + 1) && rndn(3) == 0)
			snprintf(sku[n++], sizeof sku[0], "GEN-%04d", it + 1);
	}
	if (rndn(100) == 0)
		snprintf(sku[0], sizeof sku[0], "GEN-0000");
	for (i = 0; i < n; i++) {
		ln[i].sku = sku[i];
		ln[i].qty = 1 + rndn(rndn(4) == 0 ? 12 : 3);
		ln[i].unit_price = -1;
		ln[i].tax_rate = -1;
		ln[i].discount = rndn(10) == 0 ? rndn(100) : 0;
	}
	o.lines = ln;
	o.nlines = (size_t)n;
	if ((rc = order_new_confirm(tx, &o, cause)) != 0)
		return (rc);
	if (o.status == ST_DRAFT &&
	    (rc = order_confirm(tx, o.id, ORDER_ANY_VERSION, cause)) != 0)
		return (rc);
	u = rndn(100);
	if (u < 80 && strcmp(sku[0], "GEN-0000") != 0) {
		if ((rc = order_ship(tx, o.id, ORDER_ANY_VERSION, NULL, 0,
		    "", "", NULL, cause)) != 0)
			return (rc);
		if (rndn(16) == 0) {
			lq.no = 1;
			lq.qty = 1;
			lq.scrap = rndn(4) == 0;
			if ((rc = order_return(tx, o.id, ORDER_ANY_VERSION,
			    &lq, 1, "gen", cause)) != 0)
				return (rc);
		}
		if (strcmp(chan, "counter") == 0 && rndn(10) < 8 &&
		    (rc = pay_record(tx, cust, o.total, rndn(2) ? PAY_CASH :
		    PAY_CARD, 0, "", &pay, cause)) != 0)
			return (rc);
	} else if (u < 88 && n > 1 && strcmp(sku[0], "GEN-0000") != 0) {
		if (u < 84) {
			lq.no = 1;
			lq.qty = ln[0].qty;
			lq.scrap = 0;
			if ((rc = order_ship(tx, o.id, ORDER_ANY_VERSION, &lq,
			    1, "", "", NULL, cause)) != 0)
				return (rc);
		}
		if ((rc = order_cancel(tx, o.id, ORDER_ANY_VERSION, "gen",
		    cause)) != 0)
			return (rc);
	}
	return (0);
}

static int
chunk_fn(struct db_txn *tx, void *arg, char **cause)
{
	struct gen	*g = arg;
	long		 k, end = g->done + CHUNK;
	int		 rc;

	if (end > g->norders)
		end = g->norders;
	for (k = g->done; k < end; k++)
		if ((rc = one_order(tx, g, k, cause)) != 0)
			return (rc);
	return (0);
}

/*
 * Allocate the payments of customers [g->done, +1000): each customer's
 * open documents are a few rows (agg.h), so this stays quick at a million
 * orders, where pay_allocate_all (which matches every customer against
 * every document) would not.
 */
static int
alloc_fn(struct db_txn *tx, void *arg, char **cause)
{
	struct gen	*g = arg;
	char		 code[32];
	int64_t		 done;
	long		 i;
	int		 rc;

	tx->now = g->now;
	for (i = g->done; i < g->done + 1000 && i < g->ncust; i++) {
		snprintf(code, sizeof code, "G%05ld", i);
		if ((rc = pay_allocate(tx, code, NULL, 0, &done, cause)) != 0)
			return (rc);
	}
	return (0);
}

int
main(int argc, char **argv)
{
	struct config	*cfg;
	struct db	*db;
	struct company	*co;
	struct gen	 g;
	char		*cause = NULL;
	int		 rc;

	if (argc < 4 || argc > 5) {
		fprintf(stderr, "usage: ordo-gen CONFIG DIR ORDERS [SEED]\n");
		return (2);
	}
	memset(&g, 0, sizeof g);
	g.norders = atol(argv[3]);
	rng = argc == 5 ? strtoull(argv[4], NULL, 10) : 12345;
	if (rng == 0)
		rng = 1;
	g.nitems = 300;
	g.ncust = (int)(g.norders / 25 + 50);
	g.now = util_now();
	g.start = g.now - (int64_t)(SPAN_DAYS + 1) * 86400;
	g.price = xcalloc((size_t)g.nitems + 1, sizeof *g.price);
	if (config_load(argv[1], &cfg, &cause) != 0) {
		fprintf(stderr, "ordo-gen: %s\n", cause);
		return (2);
	}
	g.loc = cfg->locations[0].code;
	if (db_open(&db, argv[2], DB_CREATE, 0, &cause) != 0) {
		fprintf(stderr, "ordo-gen: %s\n", cause);
		return (2);
	}
	co = company_attach(db, cfg, NULL, ROLE_ADMIN);
	if ((rc = db_write(db, setup_fn, &g, &cause)) != 0)
		goto fail;
	/* ORDO_GEN_ALLOCATE_ONLY: only the allocation of a company made. */
	if (getenv("ORDO_GEN_ALLOCATE_ONLY") != NULL)
		g.done = g.norders;
	while (g.done < g.norders) {
		if ((rc = db_write(db, chunk_fn, &g, &cause)) != 0)
			goto fail;
		g.done += CHUNK;
		if (g.done > g.norders)
			g.done = g.norders;
	}
	for (g.done = 0; g.done < g.ncust; g.done += 1000)
		if ((rc = db_write(db, alloc_fn, &g, &cause)) != 0)
			goto fail;
	printf("%ld\n", g.norders);
	company_close(co);
	config_free(cfg);
	free(g.price);
	return (0);
fail:
	fprintf(stderr, "ordo-gen: order %ld: %s\n", g.done, cause != NULL ?
	    cause : ordo_strerror(rc));
	return (1);
}
