/*
 * imp-int.h: what the import reader (reader.c), the order builder
 * (assemble.c) and the rejects writer (rejects.c) share.  Private to
 * src/import.
 */
#ifndef ORDO_IMP_INT_H
#define ORDO_IMP_INT_H

#include <stddef.h>
#include <stdint.h>

#include "ordo/imp.h"
#include "ordo/profile.h"

struct csvin;

/*
 * One data row, copied out of the reader: f is one allocation holding
 * the pointers, a NULL, then the fields one after the other.
 */
struct imp_row {
	size_t		 line;
	size_t		 last;
	char		**f;
	size_t		 n;
	char		*err;		/* why the row is malformed, or NULL */
};

/* One input file and what its header told us. */
struct imp_file {
	char		*path;
	struct csvin	*in;
	char		**hdr;
	size_t		 nhdr;
	int		 col[PF_NFIELDS];
	size_t		*items;		/* line_items cells */
	size_t		 nitems;
	size_t		 skip_left;
	int		 detail;	/* joined: the item file */
};

/* Line shipping and shipping tax, which orders sum but lines lack. */
struct asm_extra {
	int64_t		 shipping;
	int64_t		 shipping_tax;
};

/*
 * Build an order from its rows (and, for the joined model, the lines
 * read from the item file).  0, or ORDO_EINVAL with *bad the index of
 * the offending row and *why the reason ("line 5, column ...: ...").
 */
int	 asm_order(const struct profile *, int, const struct imp_file *, int,
	    struct imp_row *, size_t, const struct imp_line *, size_t,
	    struct imp_order *, size_t *, char **);
/*
 * One line from values by field (NULL: no such value) and the names of
 * the columns or keys they came from (NULL: not mapped).  With nofree
 * set (pending and cancelled orders, whose price channels may leave
 * out), a line without a price gets price 0.  0 or ORDO_EINVAL with
 * *why naming the column.
 */
int	 asm_line(const struct profile *, int, const char *const *,
	    const char *const *, size_t, int, struct imp_line *,
	    struct asm_extra *, char **);
/* Lines from an items cell ("k:v|k:v;k:v|..."). */
int	 asm_cell_lines(const struct profile *, int, const char *, const char *,
	    size_t, int, struct imp_line **, size_t *, struct asm_extra *,
	    char **);
void	 asm_line_clear(struct imp_line *);
void	 asm_order_clear(struct imp_order *);
void	 asm_row_clear(struct imp_row *);
/*
 * clean_text() without the copy: where its result starts in the text
 * (NULL is taken as "") and, in *len, how long it is.
 */
const char *clean_span(const char *, size_t *);
/*
 * clean_id() into small, a buffer of CLEAN_SMALL bytes, when it fits:
 * *out is small or else allocated (the caller frees it if not small).
 */
#define CLEAN_SMALL	128
int	 clean_id_in(const char *, char *, char **, char **);
/* The value of a field in a row, or NULL. */
const char *asm_val(const struct imp_file *, const struct imp_row *,
	    enum profile_field);

#endif
