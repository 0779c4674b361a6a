/*
 * suggest.h: what to offer a customer at the counter.
 *
 *  - "Bought together": for each item already in the order, the items
 *    most often in the same orders (agg.h co-occurrence counts over
 *    orders that are not drafts): support = orders with both, confidence
 *    = support / orders with the first item.  Shown when support is at
 *    least SUGGEST_MIN_SUPPORT and confidence at least
 *    SUGGEST_MIN_CONFIDENCE (basis points); an item's score is its best
 *    confidence over the items in the order.
 *  - "Usually orders": items in at least SUGGEST_REGULAR_PCT percent of
 *    the customer's last SUGGEST_LAST orders (and in at least 3 of them),
 *    with the quantity they usually take (the median).
 *  Items already in the order, and items no longer active, are left out.
 *  Reads a few rows: the pair counts of the items given and the
 *  customer's last orders, whatever the company's size.
 */
#ifndef ORDO_SUGGEST_H
#define ORDO_SUGGEST_H

#include <stddef.h>
#include <stdint.h>

#include "ordo/db.h"

#define SUGGEST_MIN_SUPPORT	3
#define SUGGEST_MIN_CONFIDENCE	1000	/* 10% */
#define SUGGEST_LAST		20
#define SUGGEST_REGULAR_PCT	40
#define SUGGEST_MAX		10	/* of each kind */

enum suggest_kind {
	SUGGEST_USUAL,		/* this customer usually orders it */
	SUGGEST_TOGETHER	/* bought with an item of the order */
};

struct suggestion {
	enum suggest_kind kind;
	char		*sku;
	char		*name;
	char		*because;	/* TOGETHER: the item it goes with */
	int64_t		 qty;		/* USUAL: the usual quantity */
	int64_t		 support;	/* orders: with both, or with it */
	int		 confidence;	/* basis points: with both / with
					   the first; USUAL: share of the
					   customer's orders */
};

/*
 * Suggestions for customer (NULL or "": only "bought together") with the
 * items skus[0..n) in the order: usual items first (most regular first),
 * then bought together (highest confidence, then support, first), at
 * most SUGGEST_MAX of each.  *out is allocated (suggest_free).  Needs a
 * clerk.  Errors: ORDO_EPERM, ORDO_ENOTFOUND (no such customer).
 */
int	 suggest(struct db_txn *, const char *, const char *const *, size_t,
	    struct suggestion **, size_t *, char **);
void	 suggest_free(struct suggestion *, size_t);

#endif
