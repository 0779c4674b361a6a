/*
 * money.h: money and whole numbers.
 *
 * Money is an int64 count of minor units (cents, fen); quantities are
 * whole numbers in the item's unit.  No floating point.
 */
#ifndef ORDO_MONEY_H
#define ORDO_MONEY_H

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

#endif
