/*
 * money.c: money and whole numbers: parsing, formatting and
 * overflow-checked arithmetic.  No floating point.
 */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ordo/error.h"
#include "ordo/money.h"

int
add_i64(int64_t a, int64_t b, int64_t *r)
{
	if (__builtin_add_overflow(a, b, r))
		return (ORDO_ERANGE);
	return (0);
}

int
mul_i64(int64_t a, int64_t b, int64_t *r)
{
	if (__builtin_mul_overflow(a, b, r))
		return (ORDO_ERANGE);
	return (0);
}

int64_t
muldiv_round(int64_t a, int64_t b, int64_t c)
{
	__int128	 n, q, r;
	int		 neg;

	n = (__int128)a * b;
	neg = (n < 0) != (c < 0);
	if (n < 0)
		n = -n;
	if (c < 0)
		c = -c;
	q = n / c;
	r = n % c;
	if (r * 2 >= c)
		q++;
	return ((int64_t)(neg ? -q : q));
}

int
money_parse(const char *s, int digits, int64_t *out)
{
	int64_t	 v = 0;
	int	 neg = 0, seen = 0, frac = -1;

	if (s == NULL || *s == '\0')
		return (ORDO_EINVAL);
	if (*s == '-') {
		neg = 1;
		s++;
	}
	for (; *s != '\0'; s++) {
		if (*s == '.' && frac < 0) {
			frac = 0;
			continue;
		}
		if (!isdigit((unsigned char)*s))
			return (ORDO_EINVAL);
		if (frac >= 0 && ++frac > digits)
			return (ORDO_EINVAL);
		if (mul_i64(v, 10, &v) || add_i64(v, *s - '0', &v))
			return (ORDO_ERANGE);
		seen = 1;
	}
	if (!seen)
		return (ORDO_EINVAL);
	for (frac = frac < 0 ? 0 : frac; frac < digits; frac++) {
		if (mul_i64(v, 10, &v))
			return (ORDO_ERANGE);
	}
	*out = neg ? -v : v;
	return (0);
}

char *
money_fmt(char *buf, size_t len, int64_t v, int digits)
{
	uint64_t u, p = 1;
	int	 i;

	for (i = 0; i < digits; i++)
		p *= 10;
	u = v < 0 ? -(uint64_t)v : (uint64_t)v;
	if (digits == 0)
		snprintf(buf, len, "%s%llu", v < 0 ? "-" : "",
		    (unsigned long long)u);
	else
		snprintf(buf, len, "%s%llu.%0*llu", v < 0 ? "-" : "",
		    (unsigned long long)(u / p), digits,
		    (unsigned long long)(u % p));
	return (buf);
}

int
int_parse(const char *s, int64_t *out)
{
	int64_t	 v = 0;
	int	 neg = 0;

	if (s == NULL || *s == '\0')
		return (ORDO_EINVAL);
	if (*s == '-' || *s == '+')
		neg = *s++ == '-';
	if (*s == '\0')
		return (ORDO_EINVAL);
	for (; *s != '\0'; s++) {
		if (!isdigit((unsigned char)*s))
			return (ORDO_EINVAL);
		if (mul_i64(v, 10, &v) || add_i64(v, *s - '0', &v))
			return (ORDO_ERANGE);
	}
	*out = neg ? -v : v;
	return (0);
}

int
qty_parse(const char *s, int64_t *out)
{
	int64_t	 v;
	int	 rc;

	if (s == NULL || *s == '-' || *s == '+')
		return (ORDO_EINVAL);
	if ((rc = int_parse(s, &v)) != 0)
		return (rc);
	if (v > 1000000000)
		return (ORDO_ERANGE);
	*out = v;
	return (0);
}
