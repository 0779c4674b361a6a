/*
 * parcel.h: where a shipped order's parcel is.  A carrier's status file
 * (CSV from its portal or from a tracking aggregator, read through a
 * profile in config/tracking/, the same mechanism as the marketplace
 * exports) says per tracking number: in transit, delivered or an
 * exception.  parcel_update() records that against the order, and a
 * parcel delivered moves a shipped order to delivered (order_deliver, so
 * the order's history, audit and order.delivered event are the usual
 * ones).  A change of a parcel's state is also an event,
 * parcel.in_transit, parcel.delivered or parcel.exception, for notify.
 *
 * Tables: TB_PARCEL_BY_TRACKING key tracking number -> u64 order id
 * (written when an order is shipped with a tracking number: parcel_index,
 * called by the order store; orders shipped before schema 3 are found by
 * their order number column only); TB_PARCELS key u64 order id -> record
 * v1 {u8 state, i64 time, str carrier, str tracking, str detail}.
 */
#ifndef ORDO_PARCEL_H
#define ORDO_PARCEL_H

#include <stdint.h>

#include "ordo/db.h"

struct order;

#define PARCEL_STATES						\
	X(PARCEL_NONE,		"none")				\
	X(PARCEL_IN_TRANSIT,	"in transit")			\
	X(PARCEL_DELIVERED,	"delivered")			\
	X(PARCEL_EXCEPTION,	"exception")

enum parcel_state {
#define X(id, name) id,
	PARCEL_STATES
#undef X
	PARCEL_NSTATES
};

struct parcel {
	uint64_t	 order;
	enum parcel_state state;
	int64_t		 time;		/* as the carrier says; 0 unknown */
	char		*carrier;
	char		*tracking;
	char		*detail;
};

/* What parcel_update did. */
enum parcel_result {
	PARCEL_CHANGED,		/* state recorded */
	PARCEL_MOVED,		/* recorded and the order now delivered */
	PARCEL_SAME		/* already in that state: nothing written */
};

const char *parcel_state_name(enum parcel_state);

/* Index the tracking number of a shipment (action "order.ship"). */
int	 parcel_index(struct db_txn *, const struct order *, const char *);
/*
 * Record a parcel's state: the order by number (id != 0) or by tracking
 * number.  ORDO_ENOTFOUND (cause says which) when neither finds one,
 * ORDO_ESTATE for an order never shipped.  Needs a clerk.
 */
int	 parcel_update(struct db_txn *, uint64_t, const char *, const char *,
	    enum parcel_state, int64_t, const char *, enum parcel_result *,
	    char **);
/* The parcel of an order (ORDO_ENOTFOUND if no state was recorded). */
int	 parcel_get(struct db_txn *, uint64_t, struct parcel *);
void	 parcel_free(struct parcel *);

#endif
