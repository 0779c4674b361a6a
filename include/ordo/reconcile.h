/*
 * reconcile.h: statements sent to customers and their answers (对账确认).
 * A statement for a period is recorded as sent (with the closing balance
 * it showed), then the customer agrees or disputes it; each is one
 * record, never changed, and an event (statement.sent, .agreed,
 * .disputed).
 *
 * Table TB_RECONCILE: key customer NUL, i64 from, i64 to (days), u64
 * sequence "reconcile"; record v1 {i64 time, str user, u8 action, i64
 * closing, str note}.
 */
#ifndef ORDO_RECONCILE_H
#define ORDO_RECONCILE_H

#include <stdint.h>

#include "ordo/db.h"

#define RECON_ACTIONS						\
	X(RECON_SENT,		"sent")				\
	X(RECON_AGREED,		"agreed")			\
	X(RECON_DISPUTED,	"disputed")

enum recon_action {
#define X(id, name) id,
	RECON_ACTIONS
#undef X
	RECON_NACTIONS
};

struct recon {
	const char	*customer;
	int32_t		 from, to;
	uint64_t	 seq;
	int64_t		 time;
	const char	*user;
	enum recon_action what;
	int64_t		 closing;	/* the statement's closing balance */
	const char	*note;
};

const char *recon_action_name(enum recon_action);
int	 recon_action_lookup(const char *);	/* -1 if unknown */
/*
 * Record an action on the statement of customer for [from, to].  Sent
 * keeps the statement's closing balance; agreed and disputed need it sent
 * first (ORDO_ESTATE) and a dispute needs a note (ORDO_EINVAL).  Needs a
 * clerk.
 */
int	 recon_note(struct db_txn *, const char *, int32_t, int32_t,
	    enum recon_action, const char *, char **);
/* Walk a customer's records, oldest period first (fn: db.h, Walks). */
int	 recon_each(struct db_txn *, const char *,
	    int (*)(const struct recon *, void *), void *);

#endif
