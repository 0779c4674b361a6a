/*
 * order-int.h: what order.c (the lifecycle events) and order-store.c (the
 * record, its indexes, its history and the queries) share.  Private to
 * src/core; everything else goes through include/ordo/order.h.
 */
#ifndef ORDO_ORDER_INT_H
#define ORDO_ORDER_INT_H

#include "ordo/order.h"

#define ORD_ULL(x)	((unsigned long long)(x))
#define ORD_LL(x)	((long long)(x))

/*
 * An event loads its order with ord_load (order_get, or the order the last
 * event on it kept), writes it with ord_save (next version, indexes,
 * history, audit) and gives it back with ord_release (kept if just saved,
 * else freed).
 */
int	 ord_load(struct db_txn *, uint64_t, struct order *, char **);
int	 ord_save(struct db_txn *, struct order *, int, const char *,
	    const char *);
/* ord_save of a draft whose customer was the one given (now o's). */
int	 ord_save_moved(struct db_txn *, struct order *, int, const char *,
	    const char *, const char *);
/* A new order saved as created (a draft) and changed: see order-store.c. */
int	 ord_save_new(struct db_txn *, struct order *, const char *,
	    const char *, const char *);
void	 ord_release(struct order *);
/*
 * Schema 5 (upgrade.c): rebuild every order index and the order counts
 * from the orders.
 */
int	 ord_reindex(struct db_txn *);

#endif
