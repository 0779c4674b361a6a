/*
 * profile.h: channel profiles, config/channels/NAME.yaml.
 *
 * A profile tells the importer how one marketplace writes its order
 * export: encoding, delimiter, where the header is, which rows to skip,
 * how rows make orders (the row model), which header names feed which
 * order field (by name, never by position), date formats, money style,
 * how status texts map to ordo's statuses, and the columns that must be
 * there.  The YAML shape is documented in config/channels/generic.yaml.
 *
 * Loading has the config module's safety rules: no aliases, anchors or
 * tags, bounded depth and size, and unknown keys, wrong types and bad
 * values are ORDO_ECONFIG errors naming "file:line:column".
 */
#ifndef ORDO_PROFILE_H
#define ORDO_PROFILE_H

#include <stddef.h>
#include <stdint.h>

#include "ordo/clean.h"

/*
 * The order fields a column can feed.  Order level first, then line
 * level (from PF_SKU on).
 */
#define PROFILE_FIELDS							\
	X(PF_ORDER_ID,		"order_id")				\
	X(PF_ORDER_NUMBER,	"order_number")				\
	X(PF_CREATED_AT,	"created_at")				\
	X(PF_PAID_AT,		"paid_at")				\
	X(PF_SHIPPED_AT,	"shipped_at")				\
	X(PF_DELIVERED_AT,	"delivered_at")				\
	X(PF_CANCELLED_AT,	"cancelled_at")				\
	X(PF_STATUS,		"status")				\
	X(PF_PAYMENT_STATUS,	"payment_status")			\
	X(PF_FULFILLMENT_STATUS, "fulfillment_status")			\
	X(PF_AFTERSALE_STATUS,	"aftersale_status")			\
	X(PF_CUSTOMER_NAME,	"customer_name")			\
	X(PF_CUSTOMER_FIRST,	"customer_first_name")			\
	X(PF_CUSTOMER_LAST,	"customer_last_name")			\
	X(PF_EMAIL,		"email")				\
	X(PF_PHONE,		"phone")				\
	X(PF_SHIP_NAME,		"ship_name")				\
	X(PF_SHIP_FIRST,	"ship_first_name")			\
	X(PF_SHIP_LAST,		"ship_last_name")			\
	X(PF_SHIP_PHONE,	"ship_phone")				\
	X(PF_SHIP_ADDRESS,	"ship_address")				\
	X(PF_SHIP_ADDRESS1,	"ship_address1")			\
	X(PF_SHIP_ADDRESS2,	"ship_address2")			\
	X(PF_SHIP_ADDRESS3,	"ship_address3")			\
	X(PF_SHIP_DISTRICT,	"ship_district")			\
	X(PF_SHIP_CITY,		"ship_city")				\
	X(PF_SHIP_STATE,	"ship_state")				\
	X(PF_SHIP_ZIP,		"ship_zip")				\
	X(PF_SHIP_COUNTRY,	"ship_country")				\
	X(PF_CARRIER,		"carrier")				\
	X(PF_TRACKING,		"tracking")				\
	X(PF_NOTES,		"notes")				\
	X(PF_SELLER_NOTES,	"seller_notes")				\
	X(PF_CURRENCY,		"currency")				\
	X(PF_SUBTOTAL,		"subtotal")				\
	X(PF_SHIPPING,		"shipping")				\
	X(PF_DISCOUNT,		"discount")				\
	X(PF_TAX,		"tax")					\
	X(PF_FEES,		"fees")					\
	X(PF_TOTAL,		"total")				\
	X(PF_SHIPPING_DISCOUNT,	"shipping_discount")			\
	X(PF_SHIPPING_TAX,	"shipping_tax")				\
	X(PF_FEES2,		"fees2")				\
	X(PF_FEES3,		"fees3")				\
	X(PF_FEES_TAX,		"fees_tax")				\
	X(PF_PLATFORM_DISCOUNT,	"platform_discount")			\
	X(PF_SHIPPING_PLATFORM_DISCOUNT, "shipping_platform_discount")	\
	X(PF_MARKETPLACE_TAX,	"marketplace_tax")			\
	X(PF_SKU,		"sku")					\
	X(PF_PRODUCT_NAME,	"product_name")				\
	X(PF_VARIANT,		"variant")				\
	X(PF_QTY,		"qty")					\
	X(PF_UNIT_PRICE,	"unit_price")				\
	X(PF_LINE_TOTAL,	"line_total")				\
	X(PF_LINE_TOTAL_NET,	"line_total_net")			\
	X(PF_LINE_DISCOUNT,	"line_discount")			\
	X(PF_LINE_TAX,		"line_tax")				\
	X(PF_LINE_SHIPPING,	"line_shipping")			\
	X(PF_LINE_SHIPPING_TAX,	"line_shipping_tax")			\
	X(PF_LINE_SHIPPING_DISCOUNT, "line_shipping_discount")		\
	X(PF_LINE_FEES,		"line_fees")				\
	X(PF_LINE_FEES_TAX,	"line_fees_tax")			\
	X(PF_LINE_PLATFORM_DISCOUNT, "line_platform_discount")		\
	X(PF_LINE_PLATFORM_DISCOUNT2, "line_platform_discount2")		\
	X(PF_LINE_PAID,		"line_paid")				\
	X(PF_LINE_ITEMS,	"line_items")

enum profile_field {
#define X(id, name) id,
	PROFILE_FIELDS
#undef X
	PF_NFIELDS
};
#define PF_FIRST_LINE	PF_SKU

/* ordo's order statuses, as the importer hands them on. */
#define PROFILE_STATUSES						\
	X(PROFILE_PENDING,	"pending")				\
	X(PROFILE_PAID,		"paid")					\
	X(PROFILE_CANCELLED,	"cancelled")				\
	X(PROFILE_SHIPPED,	"shipped")				\
	X(PROFILE_DELIVERED,	"delivered")				\
	X(PROFILE_REFUNDED,	"refunded")				\
	X(PROFILE_EXCEPTION,	"exception")	/* a parcel: ordo track */

enum profile_status {
#define X(id, name) id,
	PROFILE_STATUSES
#undef X
	PROFILE_NSTATUS
};

enum profile_encoding {
	PROFILE_UTF8,
	PROFILE_UTF8_BOM,
	PROFILE_GBK,
	PROFILE_GB18030,
	PROFILE_AUTO
};

/* How rows make orders. */
enum profile_model {
	PROFILE_FIRST_HAS_ORDER,	/* Shopify: order fields on 1st row */
	PROFILE_REPEATED_TOTALS,	/* Amazon, JD: repeated on every row */
	PROFILE_ITEMS_IN_CELL,		/* WooCommerce: items in cells */
	PROFILE_ORDER_PER_ROW,		/* PDD: one row, one order, 1 line */
	PROFILE_JOINED			/* Taobao: order list + item list */
};

/* What to do with the file's totals (see imp.h for the check). */
enum profile_totals {
	PROFILE_TOTALS_CHECK,		/* authoritative: must agree */
	PROFILE_TOTALS_TRUST,		/* taken as given, not checked */
	PROFILE_TOTALS_COMPUTE		/* ignored, computed from lines */
};

enum profile_tax {
	PROFILE_TAX_ADDED,		/* total = ... + tax */
	PROFILE_TAX_INCLUDED,		/* prices include tax */
	PROFILE_TAX_EITHER		/* the shop may use either */
};

enum profile_sku {
	PROFILE_SKU_REJECT,
	PROFILE_SKU_FLAG
};

/* The header names that may feed one field, as written and normalised. */
struct profile_column {
	char		**names;
	char		**keys;		/* clean_header(names[i]) */
	size_t		  n;
};

struct profile_map {
	char		 *text;
	char		 *key;		/* clean_header(text) */
	enum profile_status status;
};

/* First rule that matches gives the status. */
struct profile_rule {
	enum profile_field field;
	int		  any;		/* -1, or status when not empty */
	struct profile_map *map;
	size_t		  nmap;
};

struct profile_item_key {
	enum profile_field field;
	char		 *key;
};

struct profile {
	char		*name;
	char		*path;
	char		*description;
	enum profile_encoding encoding;
	int		 delimiter;
	int		 quote;		/* '"' or -1 (none) */
	int		 header_line;	/* 0: detect */
	size_t		 skip_after_header;
	char		**skip_prefixes;	/* normalised */
	size_t		 nskip_prefixes;
	enum profile_model model;
	enum profile_field group_by;	/* PF_ORDER_ID or PF_ORDER_NUMBER */
	int		 tzoff;		/* seconds east of UTC */
	char		**date_formats;
	size_t		 ndate_formats;
	struct clean_money_style money;
	enum profile_totals totals;
	enum profile_tax tax;
	int64_t		 tolerance;	/* minor units */
	enum profile_sku unknown_sku;
	int		 detect;	/* take part in auto-detection */
	char		*currency;	/* default when no column, or NULL */
	enum profile_field *required;
	size_t		 nrequired;
	enum profile_field *detail_required;	/* joined: the item file */
	size_t		 ndetail_required;
	struct profile_column columns[PF_NFIELDS];
	struct profile_rule *rules;
	size_t		 nrules;
	enum profile_status default_status;
	int		 item_sep;	/* items in cell; -1: one per cell */
	char		 item_field_sep;
	char		 item_key_sep;
	struct profile_item_key *item_keys;
	size_t		 nitem_keys;
};

/*
 * Load one profile from a file, or from memory (name is used in
 * messages).  Errors: ORDO_ECONFIG "file:line:column: what", or errno.
 */
int	 profile_load(const char *, struct profile **, char **);
int	 profile_load_buf(const char *, const char *, size_t,
	    struct profile **, char **);
/* DIR/NAME.yaml; NAME must be [a-z0-9_-]+. */
int	 profile_load_named(const char *, const char *, struct profile **,
	    char **);
/* Every DIR/ *.yaml, sorted by name.  Stops at the first bad file. */
int	 profile_load_dir(const char *, struct profile ***, size_t *, char **);
void	 profile_free(struct profile *);
void	 profile_free_all(struct profile **, size_t);

/*
 * Match a header row (raw cells) against a profile: col[f] is the cell
 * index feeding field f or -1.  For PF_LINE_ITEMS (names ending in "*"
 * match by prefix) all matching cells are listed in items[] (allocated,
 * may be NULL).  Returns 0, or ORDO_EINVAL when a required field (the
 * detail_required ones when detail is set) has no column, or when a
 * header name the profile uses appears twice; cause names them.
 */
int	 profile_resolve(const struct profile *, char *const *, size_t, int,
	    int *, size_t **, size_t *, char **);

/*
 * Which profiles fit a header row: indexes of the profiles (with detect
 * true) whose required columns (or, for the joined model, the detail
 * file's) are all present, written to out (room for n).  Returns how
 * many fit: 0 (unknown channel), 1, or more (ambiguous: ask the user).
 */
size_t	 profile_detect(struct profile *const *, size_t, char *const *,
	    size_t, size_t *);

const char *profile_field_name(enum profile_field);
int	 profile_field_lookup(const char *);	/* -1 if unknown */
const char *profile_status_name(enum profile_status);
int	 profile_status_lookup(const char *);	/* -1 if unknown */

#endif
