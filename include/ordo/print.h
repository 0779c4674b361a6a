/*
 * print.h: printed documents, laid out as plain text from templates in
 * config/print/ (receipt.txt, slip.txt, invoice.txt, statement.txt,
 * picklist.txt), at a width in columns: 32 for a 58 mm receipt printer,
 * 48 for 80 mm, 80 for paper.  Widths are display widths: a Chinese
 * character takes two columns (as on the printer, where it is two bytes
 * of GB18030 and a double-width glyph).
 *
 * A template is lines of text with {name} placeholders (as notice.h) and
 * these forms:
 *   # ...            a comment, not printed
 *   ^TEXT            centred
 *   LEFT<>RIGHT      LEFT at the left margin, RIGHT at the right
 *   ---- or ====     a rule across the width
 *   @items           the order's lines (name; qty x price, amount)
 *   @items_qty       the order's lines without money (packing slip)
 *   @items_tax       the order's lines with their tax (invoice)
 *   @picks           the open lines by bin (pick list)
 *   @rows            the statement's movements
 *   @cut             cut the paper here
 *   anything else    printed as is, wrapped at the width
 * Text longer than its room is cut at a character boundary, never in the
 * middle of a character.
 *
 * Placeholders of an order: company, order, date, time, customer,
 * customer_name, phone, ship_to, status, carrier, tracking,
 * tracking_url, shipping, net, tax, total, notes, channel, ext_number,
 * user, printed.  Of a statement: company, customer, customer_name,
 * phone, from, to, opening, invoiced, paid, closing, printed.
 */
#ifndef ORDO_PRINT_H
#define ORDO_PRINT_H

#include <stddef.h>
#include <stdint.h>

#include "ordo/db.h"

struct buf;
struct notice_config;

#define PRINT_DOCS						\
	X(PRINT_RECEIPT,	"receipt")			\
	X(PRINT_SLIP,		"slip")				\
	X(PRINT_INVOICE,	"invoice")			\
	X(PRINT_STATEMENT,	"statement")			\
	X(PRINT_PICKLIST,	"picklist")

enum print_doc {
#define X(id, name) id,
	PRINT_DOCS
#undef X
	PRINT_NDOCS
};

#define PRINT_CUT	'\f'	/* in the text: cut the paper */

const char *print_doc_name(enum print_doc);
int	 print_doc_lookup(const char *);	/* -1 if unknown */

/* Display width of UTF-8 text: CJK wide and full-width forms take 2. */
int	 print_width(const char *);

/*
 * Lay out an order's document (receipt, slip, invoice, picklist) from
 * template text at width columns into out (NUL-ended).  nc (may be NULL)
 * gives carrier names and tracking links.  ORDO_ENOTFOUND for no such
 * order, ORDO_EINVAL for a width outside 24..200.
 */
int	 print_order(struct db_txn *, enum print_doc, uint64_t,
	    const struct notice_config *, const char *, int, struct buf *,
	    char **);
/* A customer's statement for [from, to] (days since the epoch). */
int	 print_statement(struct db_txn *, const char *, int32_t, int32_t,
	    const char *, int, struct buf *, char **);
/*
 * The text as ESC/POS for a thermal printer: initialise (ESC @), Chinese
 * mode (FS &), the text in GB18030 with LF line ends, and at each cut
 * (and at the end, if the text has none) feed and cut (GS V 66 3).
 * ORDO_EINVAL when some text has no GB18030 form (cause names it).
 */
int	 print_escpos(const char *, struct buf *, char **);

#endif
