/*
 * alias.h: SKU aliases: what a channel calls one of our items.
 *
 * Table: TB_SKU_ALIAS channel NUL channel SKU -> our SKU.  Orders map
 * their lines through it (order_confirm), the importer sets aliases and
 * repairs the drafts waiting for one (batch.h, alias_repair).
 */
#ifndef ORDO_ALIAS_H
#define ORDO_ALIAS_H

#include "ordo/db.h"

/*
 * Map a channel's SKU (from) to our item (to) on channel: the item must
 * exist.  Needs a clerk; audited.
 */
int	 alias_set(struct db_txn *, const char *channel, const char *from,
	    const char *to, char **);
/*
 * Our SKU for a channel SKU: its alias, else itself if it is an item
 * (allocated in *out), else ORDO_ENOTFOUND.
 */
int	 alias_resolve(struct db_txn *, const char *channel, const char *sku,
	    char **);

#endif
