/*
 * util.h: money, quantities, dates and text checks shared by every layer.
 *
 * Money is an int64 count of minor units (cents, fen).  Dates are days
 * since 1970-01-01 (int32); times are seconds since the epoch (int64).
 */
#ifndef ORDO_UTIL_H
#define ORDO_UTIL_H

#include <stddef.h>
#include <stdint.h>

/*
 * Parse a decimal amount ("12", "12.3", "-0.05") into minor units with
 * the given number of minor digits.  More decimals than digits, a sign
 * other than a leading "-", any other character or overflow is an error
 * (ORDO_EINVAL or ORDO_ERANGE).
 */
int	 money_parse(const char *, int, int64_t *);
/* Format minor units into buf ("-12.30"); returns buf. */
char	*money_fmt(char *, size_t, int64_t, int);
#define MONEY_BUFSZ 32

/* Parse a whole non-negative quantity ("0".."1000000000"). */
int	 qty_parse(const char *, int64_t *);
/* Parse a signed whole number. */
int	 int_parse(const char *, int64_t *);

/* Overflow-checked arithmetic: 0 or ORDO_ERANGE. */
int	 add_i64(int64_t, int64_t, int64_t *);
int	 mul_i64(int64_t, int64_t, int64_t *);

/*
 * a * b / c rounded half away from zero, exact (128-bit intermediate).
 * c must not be 0.
 */
int64_t	 muldiv_round(int64_t, int64_t, int64_t);

/* "YYYY-MM-DD" <-> days since the epoch. */
int	 date_parse(const char *, int32_t *);
char	*date_fmt(char *, size_t, int32_t);
int32_t	 date_from_time(int64_t);
int64_t	 time_from_date(int32_t);
#define DATE_BUFSZ 16
/* Seconds since the epoch as "YYYY-MM-DD HH:MM:SS" (UTC). */
char	*time_fmt(char *, size_t, int64_t);
#define TIME_BUFSZ 32

/*
 * The current time: $ORDO_NOW ("YYYY-MM-DD", "YYYY-MM-DD HH:MM:SS" or
 * epoch seconds) when set, so tests and demos are reproducible; else the
 * clock.
 */
int64_t	 util_now(void);

/* 1 if s[0..len) is valid UTF-8 with no NUL and no C0 control but TAB/LF. */
int	 utf8_valid(const char *, size_t);
/* Display columns of a UTF-8 string (wide CJK = 2). */
int	 utf8_width(const char *);

/*
 * Check a text field from a user: valid UTF-8, not longer than max bytes,
 * and (if required) not empty.  On error sets cause naming the field.
 */
int	 text_check(const char *, const char *, size_t, int, char **);
/*
 * text_check's flags.  A control character is refused with "control
 * character (U+XXXX)": C0 but TAB and LF, DEL, and, unless TEXT_FREE
 * (notes and addresses, which imports may carry them in), C1 (U+0080 to
 * U+009F), the bidi overrides and isolates (U+202A to U+202E, U+2066 to
 * U+2069) and U+2028, U+2029.
 */
#define TEXT_REQUIRED	0x1
#define TEXT_FREE	0x2
/* 1 if s[0..len) holds such a control character (its code in *cp). */
int	 text_control(const char *, size_t, int, uint32_t *);
/*
 * Stored text made safe for a terminal: every control character above
 * (TEXT_FREE's too) and every byte that is not UTF-8 escaped as \t, \n,
 * \r, \xHH or \uXXXX.  Allocated.  Every screen and list prints stored
 * text through it.
 */
char	*text_esc(const char *);
/*
 * Check an identifier a person types (an SKU, a customer code): not
 * empty, at most max bytes, ASCII letters and digits and the bytes of
 * extra only.  The messages name it by what.
 */
int	 ident_valid(const char *, const char *, size_t, const char *,
	    char **);
/* A sorted set of strings: what a search has already visited. */
struct strset {
	char	**v;
	size_t	  n;
	size_t	  cap;
};
/* Add a copy of s; 1 if it was new, 0 if already there. */
int	 strset_add(struct strset *, const char *);
void	 strset_free(struct strset *);

/* Case-folded (ASCII) copy, for name indexes. */
char	*str_fold(const char *);

#endif
