/*
 * lineparse.h: the small argument languages of the command line, as pure
 * functions (no printing, no database) so they are unit-tested on their
 * own and shared by every front end that takes typed arguments.
 *
 *   SKU:QTY[@PRICE]     an order line: "TEA-01:3", "TEA-01:3@12.50"
 *   LINE:QTY            a quantity for an order line: "2:1"
 *   LINE:QTY[:scrap]    a returned quantity, restocked unless ":scrap"
 *   amounts, quantities, percentages and order numbers, each error naming
 *   the argument ("--price: not a valid amount: 12.3.4")
 *   the CSV formula guard: which text cells get a leading '
 *
 * Every parser returns 0, or ORDO_EINVAL / ORDO_ERANGE with a cause that
 * names the argument and quotes the text.
 */
#ifndef ORDO_LINEPARSE_H
#define ORDO_LINEPARSE_H

#include <stdint.h>

#include "ordo/order.h"

#define LP_NEGATIVE	0x1	/* a negative amount is allowed */
#define LP_NONZERO	0x2	/* zero is refused */

/*
 * An amount in the company currency with digits minor digits ("12.50"
 * with 2 digits is 1250).  Negative amounts are refused unless
 * LP_NEGATIVE; zero is refused with LP_NONZERO.
 */
int	 lineparse_money(const char *, const char *, int, int, int64_t *,
	    char **);
/* A whole quantity 0..1000000000 (LP_NONZERO: at least 1). */
int	 lineparse_qty(const char *, const char *, int, int64_t *, char **);
/* A percentage 0..100 with at most two decimals ("13", "8.25", "13%"),
   as basis points (1300). */
int	 lineparse_percent(const char *, const char *, int *, char **);
/* An order, invoice or version number: 1..UINT64_MAX (or UINT32_MAX). */
int	 lineparse_id(const char *, const char *, uint64_t *, char **);
int	 lineparse_version(const char *, const char *, uint32_t *, char **);
/* A date YYYY-MM-DD as days since the epoch. */
int	 lineparse_date(const char *, const char *, int32_t *, char **);

/*
 * "SKU:QTY[@PRICE]": *sku gets an allocated copy of the SKU, *qty at
 * least 1, *price the amount or -1 when not given.
 */
int	 lineparse_item(const char *, int, char **, int64_t *, int64_t *,
	    char **);

/*
 * "LINE:QTY", or with allow_scrap also "LINE:QTY:scrap" (and
 * "LINE:QTY:restock", the default).  LINE is 1..65535, QTY at least 1.
 */
int	 lineparse_lineqty(const char *, int, struct line_qty *, char **);

/*
 * 1 if a text cell must be written with a leading ' so that a
 * spreadsheet does not take it for a formula: it starts with = + - @
 * TAB or CR.  Numbers are never passed through here.
 */
int	 lineparse_csv_guard(const char *);

#endif
