/*
 * imp.h: the reading half of "ordo import": export files and a channel
 * profile in, validated and normalised orders and rejected rows out.
 * Nothing here touches the database.
 *
 * Streaming: files are read through csvin (bounded memory) and rows are
 * grouped into orders as they come, so rows of one order must be
 * consecutive, as every channel writes them.  An order id seen again
 * after other orders (within the last 65536 orders) is rejected rather
 * than silently split.  The one exception to streaming is the joined
 * model (Taobao, Etsy): the item file is read whole into a map keyed by
 * order id, at most IMP_MAX_DETAIL rows and IMP_MAX_DETAIL_BYTES, before
 * the order file is streamed.  One order is held while it is built: at
 * most IMP_MAX_ORDER_ROWS rows and IMP_MAX_ORDER_BYTES (more rejects it).
 *
 * Rules for an order (each failure rejects the whole order, every one of
 * its rows, with a reason naming the line and the column):
 *  - no row of it may be malformed (bad UTF-8, NUL, wrong field count,
 *    a bad value in any mapped column);
 *  - an id (order_id, else order_number), and created_at when mapped;
 *  - at least one line; each with qty > 0, a price >= 0 (unit price,
 *    or a line amount divided by qty), discounts taken as amounts off
 *    (the sign a channel writes them with is ignored);
 *  - order-level amounts repeated on every row (repeated_totals model)
 *    must be equal on every row, and are never summed;
 *  - status from the profile's rules; a status text no rule knows is an
 *    error, never a guess.
 *
 * Money (minor units; ordo-import(1), MONEY, says it for users):
 *   amount    = sum of line amounts (qty x unit price, or the channel's
 *               line amount when it gives one)
 *   discount  = the order's discount column, else the sum of line
 *               discounts; a negative fee adds to it.  Spread over the
 *               lines (each line's discount is its own plus its share,
 *               order_allocate's rule)
 *   charges   = shipping (order column, else the lines') - shipping
 *               discounts + fees (fees, fees2, fees3, line fees)
 *   tax       = the file's: the order's tax column, else line tax +
 *               shipping tax + fee tax; given per line where every line
 *               has it (the rest on the charges), else spread over the
 *               lines and the charges.  A tax: included channel without
 *               tax columns leaves it to the core's split (tax_given 0).
 *   platform  = the discounts the platform funds
 *   total     = amount - discount + charges (+ tax unless included): what
 *               the shop receives; paid = total - platform.
 * The file's total (or the sum of line_paid + charges) is what the buyer
 * paid.  totals: check: it must equal paid (tax added, or included, or
 * either; or with the marketplace_tax added, which is then left out of
 * the total) within the tolerance; totals: trust: it is paid, and the
 * difference becomes a discount (or a charge); compute: not read.  A
 * pending or cancelled order with nothing paid is not checked.
 */
#ifndef ORDO_IMP_H
#define ORDO_IMP_H

#include <stddef.h>
#include <stdint.h>

#include "ordo/profile.h"

#define IMP_MAX_DETAIL		200000	/* item rows of a joined pair */
#define IMP_MAX_DETAIL_BYTES	(64 * 1024 * 1024)	/* and their bytes */
#define IMP_MAX_ORDER_ROWS	5000	/* rows of one order */
#define IMP_MAX_ORDER_BYTES	(16 * 1024 * 1024)	/* and their bytes */
#define IMP_DETECT_ROWS		50	/* rows searched for a header */

struct imp_line {
	char		*sku;		/* "" when the channel gives none */
	char		*name;
	char		*variant;
	int64_t		 qty;
	int64_t		 unit_price;	/* minor units */
	int64_t		 amount;	/* line amount before its discount */
	int64_t		 discount;	/* its own, then (asm_order) with
					   its share of the order's */
	int64_t		 tax;		/* the file's, or its share */
	int		 tax_given;	/* tax is the file's (or a share) */
	int64_t		 fees;		/* gift wrap and the like */
	int64_t		 fees_tax;
	int64_t		 ship_discount;
	int64_t		 platform_discount;	/* funded by the platform */
	int64_t		 paid;		/* what the buyer paid for it */
	int		 has_paid;
	size_t		 line;		/* source line */
};

struct imp_order {
	const char	*channel;	/* profile name */
	char		*external_id;	/* the channel's order id */
	char		*number;	/* what people call it (#1001) */
	int64_t		 created;	/* seconds since the epoch, UTC; 0: none */
	char		*customer_name;
	char		*email;
	char		*phone;
	char		*ship_to;	/* one line: name, street..., country */
	char		*currency;	/* ISO code, or "" if unknown */
	enum profile_status status;
	char		*payment_status;	/* the channel's words, or "" */
	char		*carrier;
	char		*tracking;
	char		*notes;
	int64_t		 subtotal;
	int64_t		 shipping;
	int64_t		 discount;
	int64_t		 tax;
	int64_t		 fees;
	int64_t		 total;		/* what the shop receives: see
					   Money below */
	int		 total_from_file;
	int		 tax_incl;	/* prices include tax */
	int		 tax_given;	/* lines' tax and ship_tax are the
					   file's (or shares of it) */
	int64_t		 charges;	/* shipping + fees, after shipping
					   discounts: the order's charge */
	int64_t		 ship_tax;	/* the charge's tax, if tax_given */
	int64_t		 platform_discount;	/* platform-funded */
	int64_t		 marketplace_tax;	/* collected and remitted
						   by the marketplace */
	int64_t		 paid;		/* what the buyer paid */
	struct imp_line	*lines;
	size_t		 nlines;
	int		 file;		/* index into the paths (joined: list) */
	size_t		 first_line;
	size_t		 last_line;
};

struct imp_reject {
	int		 file;		/* index into the paths */
	size_t		 line;
	char		**fields;	/* as read */
	size_t		 nfields;
	char		*reason;
};

struct imp_stats {
	size_t		 rows;		/* data rows read */
	size_t		 skipped;	/* blank, padding, footers, notes */
	size_t		 orders;
	size_t		 rejected_orders;
	size_t		 rejected_rows;
};

struct imp_reader;
struct stat;

/*
 * Open the files of one import (one, or two for the joined model, in
 * any order) and find their headers.  minor_digits is the company's
 * (config minor_digits).  Errors: ORDO_EINVAL (not a CSV, no header,
 * missing columns...), ORDO_EIO or errno, with cause "file:line: what".
 */
int	 imp_open(struct imp_reader **, const struct profile *,
	    const char *const *, size_t, int, char **);
/* The same over one memory buffer (tests, fuzzing). */
int	 imp_open_mem(struct imp_reader **, const struct profile *,
	    const char *, const void *, size_t, int, char **);

/*
 * The next unit: returns 1 with either *order set (and *nrejects 0) or
 * *order NULL and the rows of one rejected order in *rejects; 0 at the
 * end; or an error (a file-level problem found mid-file, cause
 * "file:line:col: what"; callers wanting all-or-nothing read to the end
 * before writing).  What is returned is valid until the next call.
 */
int	 imp_next(struct imp_reader *, const struct imp_order **,
	    const struct imp_reject **, size_t *, char **);

/* The header row of file i, as read. */
void	 imp_header(const struct imp_reader *, int, char *const **, size_t *);
const char *imp_path(const struct imp_reader *, int);
/* 1 if st (fstat of a file opened by path) is input file i as opened. */
int	 imp_same_file(const struct imp_reader *, int, const struct stat *);
size_t	 imp_nfiles(const struct imp_reader *);
const char *imp_encoding(const struct imp_reader *, int);
const struct imp_stats *imp_stats(const struct imp_reader *);
/* Bytes read so far and in all, over every file (progress, ETA). */
void	 imp_progress(const struct imp_reader *, uint64_t *, uint64_t *);
void	 imp_close(struct imp_reader *);

/*
 * Which profiles fit a file: reads its first IMP_DETECT_ROWS rows with
 * each profile's encoding and delimiter and calls profile_detect().
 * out has room for n; *nout is set to how many fit.  0 on success
 * (even when none or several fit), else an error reading the file.
 */
int	 imp_detect(struct profile *const *, size_t, const char *, size_t *,
	    size_t *, char **);
int	 imp_detect_mem(struct profile *const *, size_t, const void *,
	    size_t, size_t *, size_t *);

/*
 * Rejects file: INPUT.rejects.csv next to the input, in UTF-8 with a
 * BOM, with the input's header plus "line" and "reason", cells quoted by
 * csv_fwrite and the input's delimiter.  Text cells starting with = + -
 * @ TAB CR or LF get a leading ' so a spreadsheet shows them as text
 * (the importer strips that ' again, so a fixed rejects file can be
 * imported as it is).  Written to a temporary name and renamed on close.
 */
struct imp_rejfile;
char	*imp_rejects_path(const char *);
int	 imp_rejects_open(struct imp_rejfile **, const char *, int,
	    char *const *, size_t, char **);
int	 imp_rejects_write(struct imp_rejfile *, const struct imp_reject *,
	    char **);
int	 imp_rejects_close(struct imp_rejfile *, char **);
/* Drop it: no file is left behind. */
void	 imp_rejects_abort(struct imp_rejfile *);

const char *imp_status_name(enum profile_status);

#endif
