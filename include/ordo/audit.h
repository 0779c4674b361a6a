/*
 * audit.h: the audit table.  Every business event writes one record, in
 * its own transaction, saying who did what to which object and when.
 * Records are never changed or deleted.  One exception, for size: the
 * order events of an import (tx->batch set) are audited once per chunk
 * by the batch ("import.chunk", with its counts so far); each of those
 * orders still has its own history record per event (order.h), with the
 * same who and when, and the batch lists the orders it created.
 *
 * Table TB_AUDIT: key u64 sequence "audit" (big-endian); record v1:
 * i64 time, str user, str action, str object, str detail; v2 adds u64
 * digest: a fingerprint of the record the event left behind (items and
 * customers: item_digest, customer_digest), so that "ordo check" can
 * tell a record changed outside ordo from the one its last audit record
 * wrote (trail.h).
 */
#ifndef ORDO_AUDIT_H
#define ORDO_AUDIT_H

#include <stdint.h>

#include "ordo/db.h"

struct audit {
	uint64_t	 id;
	int64_t		 time;
	char		*user;
	char		*action;	/* "order.confirm", "stock.receive" */
	char		*object;	/* "order 12", "item ABC-1" */
	char		*detail;
	uint64_t	 digest;	/* 0: none (v1) */
};

/* Append a record (action, object, printf detail). */
int	 audit_log(struct db_txn *, const char *, const char *,
	    const char *, ...) __attribute__((format(printf, 4, 5)));
/* The same, with the digest of the record the event wrote (not 0). */
int	 audit_log_digest(struct db_txn *, uint64_t, const char *,
	    const char *, const char *, ...)
	    __attribute__((format(printf, 5, 6)));
/* A digest of bytes: the first 8 bytes of their SHA-256, never 0. */
uint64_t audit_digest(const void *, size_t);
/* Walk the records from id "after"+1 on (fn: db.h, Walks). */
int	 audit_each(struct db_txn *, uint64_t,
	    int (*)(const struct audit *, void *), void *);
void	 audit_free(struct audit *);

#endif
