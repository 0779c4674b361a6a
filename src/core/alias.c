/*
 * alias.c: SKU aliases (alias.h).
 */
#include <string.h>

#include "ordo/alias.h"
#include "ordo/audit.h"
#include "ordo/codec.h"
#include "ordo/core.h"
#include "ordo/error.h"
#include "ordo/item.h"
#include "ordo/text.h"
#include "ordo/xmalloc.h"

int
alias_set(struct db_txn *tx, const char *channel, const char *from,
    const char *to, char **cause)
{
	struct item	 it;
	struct buf	 k;
	int		 rc;

	if ((rc = core_require(tx, ROLE_CLERK, "mapping a SKU", cause)) != 0)
		return (rc);
	if ((rc = text_check("channel", channel, 64, 1, cause)) != 0 ||
	    (rc = text_check("channel SKU", from, 200, 1, cause)) != 0)
		return (rc);
	if ((rc = item_get(tx, to, &it, cause)) != 0)
		return (rc);
	item_free(&it);
	buf_init(&k);
	key_str(&k, channel);
	key_strn(&k, from);
	rc = db_put(tx, TB_SKU_ALIAS, k.d, k.len, to, strlen(to), 0);
	buf_free(&k);
	if (rc != 0)
		return (cause_set(cause, rc, "alias: %s", ordo_strerror(rc)));
	return (audit_log(tx, "alias.set", channel, "%s -> %s", from, to));
}

int
alias_resolve(struct db_txn *tx, const char *channel, const char *sku,
    char **out)
{
	struct buf	 k;
	MDB_val		 v;
	int		 rc;

	*out = NULL;
	if (*sku == '\0' || strlen(channel) + strlen(sku) + 1 > DB_MAXKEY)
		return (ORDO_ENOTFOUND);
	buf_init(&k);
	key_str(&k, channel);
	key_strn(&k, sku);
	rc = db_getb(tx, TB_SKU_ALIAS, &k, &v);
	buf_free(&k);
	if (rc == 0) {
		*out = xstrndup(v.mv_data, v.mv_size);
		return (0);
	}
	if (item_sku_valid(sku, NULL) != 0)
		return (ORDO_ENOTFOUND);
	/* Only whether it exists: no need to decode the item. */
	if (db_get(tx, TB_ITEMS, sku, strlen(sku), &v) != 0)
		return (ORDO_ENOTFOUND);
	*out = xstrdup(sku);
	return (0);
}
