/*
 * upgrade.c: the steps of a schema upgrade that need the core's records
 * (db.h db_upgrade_records).  db_open runs them in the transaction that
 * upgrades the company, so an upgrade is all done or not at all.
 *
 * Schema 5: every order index (order.h: by date, status, customer,
 * customer and status, channel, channel and status, creator and status)
 * and the order counts, rebuilt from the orders.
 *
 * Schema 6: the aggregates of the read model (agg.h), built from the
 * journal, the invoices and payments, and the orders.
 *
 * db_open runs before any company is attached to the database: the
 * upgrade runs for the real login with no configuration and no role.
 */
#include <stdlib.h>
#include <string.h>

#include "ordo/agg.h"
#include "ordo/company.h"
#include "ordo/db.h"
#include "ordo/error.h"
#include "ordo/trust.h"
#include "ordo/xmalloc.h"

#include "order-int.h"

int
db_upgrade_records(struct db_txn *tx, uint32_t to, char **cause)
{
	struct company	 co;
	struct db_txn	 utx = *tx;
	int		 rc = 0;

	memset(&co, 0, sizeof co);
	if (utx.co == NULL) {
		co.user = trust_login();
		utx.co = &co;
	}
	switch (to) {
	case 5:
		rc = ord_reindex(&utx);
		break;
	case 6:
		rc = agg_rebuild(&utx);
		break;
	}
	free(co.user);
	if (rc != 0)
		return (cause_set(cause, rc, "upgrading to schema %u: %s", to,
		    ordo_strerror(rc)));
	return (0);
}
