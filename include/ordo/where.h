/*
 * where.h: where a refusal points, so that a form can put its cursor on
 * the field (and the order line) the message is about.
 *
 * A core function that refuses input names the field beside its cause,
 * like errno beside a return code: the front end reads ordo_where()
 * after the call (or after db_write/db_read returned the refusal).
 * db_write and db_read clear it before they run their function, so what
 * it holds is about the last call.  It is kept per thread.
 *
 * Field names are the core's own, the names of the struct members that
 * a file in forms/ gives as a field's "name": for an order "customer",
 * "channel", "ext_id", "ext_number", "ship_to", "notes", "shipping",
 * "loc", and on a line (line 1 up) "sku", "name", "qty", "unit_price",
 * "discount", "tax_rate", "tax", "loc"; for a customer "code", "name",
 * "phone", "email", "bill_addr", "ship_addr", "notes"; for an item
 * "sku", "barcode", "name", "unit", "bin", "price", "cost", "tax_rate",
 * "reorder_point", "reorder_qty".  A refusal about no one field (stock
 * short, a stale version, a role) leaves field NULL.
 */
#ifndef ORDO_WHERE_H
#define ORDO_WHERE_H

struct ordo_where {
	const char	*field;		/* a static string, or NULL */
	unsigned	 line;		/* an order line's number, or 0 */
};

/* What the last refusal pointed at ({ NULL, 0 }: nothing). */
struct ordo_where ordo_where(void);
/* Set by the core where it refuses: field (static) and line. */
void	 ordo_where_set(const char *, unsigned);
void	 ordo_where_clear(void);

#endif
