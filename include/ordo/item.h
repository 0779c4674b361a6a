/*
 * item.h: the catalogue.  An item is a stock-keeping unit: SKU, barcode,
 * name, unit, selling price (minor units, before tax), moving-average
 * cost, reorder point and quantity, bin location, tax rate, and whether
 * it may be sold short (backordered).
 *
 * Tables: TB_ITEMS key "SKU" -> record; TB_ITEM_BY_BARCODE key barcode ->
 * SKU; TB_ITEM_BY_NAME key folded-name NUL SKU -> empty.  Items are never
 * deleted; "active" 0 hides one from sale.
 *
 * SKU rules: 1..64 bytes of printable ASCII without spaces (letters,
 * digits and - _ . / + #); barcodes 1..64 digits/letters; names 1..200
 * bytes of UTF-8.
 */
#ifndef ORDO_ITEM_H
#define ORDO_ITEM_H

#include <stdint.h>

#include "ordo/db.h"

/* Field limits, in bytes: forms use the same numbers. */
#define ITEM_SKU_MAX		64
#define ITEM_NAME_MAX		200
#define ITEM_BARCODE_MAX	64
#define ITEM_UNIT_MAX		16
#define ITEM_BIN_MAX		32

struct item {
	char		*sku;
	char		*barcode;	/* may be "" */
	char		*name;
	char		*unit;		/* "pcs", "kg", "box" */
	char		*bin;		/* bin location "A-03-2", may be "" */
	int64_t		 price;		/* minor units, before tax */
	int64_t		 cost;		/* moving-average unit cost */
	int64_t		 reorder_point;
	int64_t		 reorder_qty;
	int		 tax_rate;	/* basis points; -1 = company default */
	int		 backorder;	/* may be sold short */
	int		 active;
	int64_t		 created;
	uint32_t	 version;	/* bumped on every change */
};

/*
 * Check an item's fields; ORDO_EINVAL with a cause naming the field, and
 * the field in ordo_where() (where.h).
 */
int	 item_validate(const struct item *, char **);
int	 item_sku_valid(const char *, char **);
/* Add a new item; ORDO_EEXIST if the SKU or barcode is taken. */
int	 item_add(struct db_txn *, const struct item *, char **);
/*
 * Replace an item's fields (not its SKU).  The stored version must equal
 * it->version, else ORDO_ECONFLICT.  Cost is kept by stock functions and
 * not changed here.
 */
int	 item_update(struct db_txn *, const struct item *, char **);
/* Fill *it (caller frees with item_free); ORDO_ENOTFOUND. */
int	 item_get(struct db_txn *, const char *, struct item *, char **);
/*
 * What pricing an order line needs, without decoding the rest: the price,
 * the tax rate (as item_tax_rate gives it) and, if the last but one
 * argument is not NULL, the name (caller frees).  Errors as item_get.
 */
int	 item_get_price(struct db_txn *, const char *, int64_t *, int *,
	    char **, char **);
int	 item_get_barcode(struct db_txn *, const char *, struct item *,
	    char **);
/* Internal for stock: store a new moving-average cost. */
int	 item_set_cost(struct db_txn *, const char *, int64_t);
/*
 * The item's fingerprint as its audit records keep it (audit.h): every
 * stored field but the cost, which receipts move without an audit record
 * of their own (the moves are the cost's trail).
 */
uint64_t item_digest(const struct item *);
/* Tax rate in basis points of an item (its own or the company's). */
int	 item_tax_rate(struct db_txn *, const struct item *);
void	 item_free(struct item *);

/*
 * Visit items in SKU order starting after "after" (NULL: from the first);
 * fn returns DB_STOP to stop (paging: after N), as every walk (db.h).
 */
int	 item_each(struct db_txn *, const char *,
	    int (*)(const struct item *, void *), void *);
/*
 * Prefix search over SKU, barcode and name (case-folded); each item is
 * visited once.
 */
int	 item_search(struct db_txn *, const char *,
	    int (*)(const struct item *, void *), void *);

#endif
