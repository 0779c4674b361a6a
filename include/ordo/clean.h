/*
 * clean.h: turning the text of one marketplace export cell into a value.
 *
 * Every function is pure: no globals, no locale, no I/O.  Text functions
 * return a new allocated string; value functions return 0, or ORDO_EINVAL
 * / ORDO_ERANGE with a reason in *cause (the caller adds the column name).
 * An empty or null-looking cell is not an error for the value functions:
 * they return 0 with *present set to 0, and the caller decides whether
 * the column is required.
 *
 * The text rules, applied in this order by clean_text():
 *   1. surrounding white space is removed (ASCII space, TAB, CR, LF,
 *      U+00A0 no-break space, U+3000 ideographic space);
 *   2. Excel protection ="..." is unwrapped to its inside;
 *   3. a leading ' (spreadsheet text marker, CSV-injection guard) is
 *      removed when a digit, one of = + - @ . or a null token follows,
 *      so "'4001" is "4001" and "'-5.00" is "-5.00" but "'s-Hertogenbosch"
 *      stays as it is;
 *   4. the null tokens null, NaN, N/A (any case), - and -- become "".
 */
#ifndef ORDO_CLEAN_H
#define ORDO_CLEAN_H

#include <stddef.h>
#include <stdint.h>

/* How a channel writes amounts. */
struct clean_money_style {
	char	 decimal;	/* '.' or ',' */
	char	 thousands;	/* ',', '.', ' ', '\'' or 0 for none */
};

/* The rules above; never fails.  NULL is taken as "". */
char	*clean_text(const char *);

/* 1 if the (already trimmed) text is one of the null tokens. */
int	 clean_is_null(const char *);

/*
 * Fold full-width ASCII forms (U+FF01..U+FF5E, e.g. "１２３", "（元）")
 * and U+3000 to their ASCII twins, in place (the string only shrinks).
 */
void	 clean_fold_width(char *);

/*
 * Normalise a header cell for matching: clean_text, strip any U+FEFF,
 * fold full-width forms and the CJK brackets 【】〔〕 to ASCII, fold ASCII
 * case, collapse runs of white space to one space.
 */
char	*clean_header(const char *);

/*
 * An identifier (order id, SKU, tracking number): clean_text plus
 * full-width digits folded.  Kept as text, never converted to a number;
 * a value in spreadsheet scientific notation ("6.91793E+18") is refused
 * because its digits are already lost.  Empty gives "".
 */
int	 clean_id(const char *, char **, char **);

/*
 * Money to minor units.  Strips a currency sign before or after the
 * number ($, US$, CN¥, ¥, ￥, €, £, 元) and white space, accepts a
 * leading - (also "-$5", "$-5"), the style's thousands separator in
 * groups of three and its decimal separator.  Decimals beyond the minor
 * digits must be zeros ("12.500" is 12.50; "12.505" is an error: no
 * silent rounding).
 */
int	 clean_money(const char *, const struct clean_money_style *, int,
	    int64_t *, int *, char **);

/*
 * A quantity: a whole number >= 0 ("2", "2.0", "２"); "2.5", signs and
 * anything else are errors.
 */
int	 clean_qty(const char *, int64_t *, int *, char **);

/*
 * A date or date-time to seconds since the epoch, UTC.  The formats are
 * tried in order; tokens: YYYY YY (20YY) MM M (1-2 digits) DD D hh h mm
 * ss, Mon (English or German month name, "Dec", "December", "Dez"), AP
 * (AM or PM: the hour is then 1-12), Z
 * (a zone: Z, UTC, GMT, +HH:MM, +HHMM, +HH); a space matches one or more
 * spaces; anything else matches itself ("T", "/", "年").  Without a Z in
 * the text the given default offset (seconds east of UTC) applies.
 */
int	 clean_date(const char *, const char *const *, size_t, int, int64_t *,
	    int *, char **);
/* One format, on already cleaned text: 0 or ORDO_EINVAL. */
int	 clean_date_fmt(const char *, const char *, int, int64_t *);
/* 0 if a format string uses only known tokens, else ORDO_EINVAL. */
int	 clean_date_fmt_check(const char *, char **);
/* "+08:00", "-0500", "Z", "UTC" to seconds east of UTC. */
int	 clean_tzoff(const char *, int *);

#endif
