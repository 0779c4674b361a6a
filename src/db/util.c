/*
 * util.c: money, quantities, dates and text checks.  No floating point.
 */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <wchar.h>

#include "ordo/error.h"
#include "ordo/util.h"
#include "ordo/xmalloc.h"

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

/* Days from civil date (Howard Hinnant's algorithm). */
static int32_t
days_from_civil(int y, int m, int d)
{
	int	 era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (era * 146097 + doe - 719468);
}

static void
civil_from_days(int32_t z, int *y, int *m, int *d)
{
	int	 era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	*y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp + (mp < 10 ? 3 : -9);
	*y += *m <= 2;
}

int
date_parse(const char *s, int32_t *out)
{
	int	 y, m, d, n = 0, yy, mm, dd;

	if (s == NULL || strlen(s) != 10 ||
	    sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 || n != 10)
		return (ORDO_EINVAL);
	if (y < 1900 || y > 9999 || m < 1 || m > 12 || d < 1 || d > 31)
		return (ORDO_EINVAL);
	*out = days_from_civil(y, m, d);
	civil_from_days(*out, &yy, &mm, &dd);
	if (yy != y || mm != m || dd != d)
		return (ORDO_EINVAL);	/* 2026-02-30 */
	return (0);
}

char *
date_fmt(char *buf, size_t len, int32_t days)
{
	int	 y, m, d;

	civil_from_days(days, &y, &m, &d);
	snprintf(buf, len, "%04d-%02d-%02d", y, m, d);
	return (buf);
}

int32_t
date_from_time(int64_t t)
{
	return ((int32_t)(t >= 0 ? t / 86400 : (t - 86399) / 86400));
}

int64_t
time_from_date(int32_t d)
{
	return ((int64_t)d * 86400);
}

char *
time_fmt(char *buf, size_t len, int64_t t)
{
	int32_t	 d = date_from_time(t);
	int64_t	 s = t - time_from_date(d);
	int	 y, m, dd;

	civil_from_days(d, &y, &m, &dd);
	snprintf(buf, len, "%04d-%02d-%02d %02d:%02d:%02d", y, m, dd,
	    (int)(s / 3600), (int)(s / 60 % 60), (int)(s % 60));
	return (buf);
}

int64_t
util_now(void)
{
	const char	*e;
	int32_t		 d;
	int64_t		 v;
	int		 h, mi, se, n = 0;
	char		 day[11];

	if ((e = getenv("ORDO_NOW")) != NULL && *e != '\0') {
		if (int_parse(e, &v) == 0)
			return (v);
		if (strlen(e) >= 10) {
			memcpy(day, e, 10);
			day[10] = '\0';
			if (date_parse(day, &d) == 0) {
				v = time_from_date(d);
				if (sscanf(e + 10, " %2d:%2d:%2d%n", &h, &mi,
				    &se, &n) == 3 && e[10 + n] == '\0')
					v += h * 3600 + mi * 60 + se;
				else
					v += 12 * 3600;
				return (v);
			}
		}
	}
	return ((int64_t)time(NULL));
}

int
utf8_valid(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s, *e = p + len;
	uint32_t	 c;
	int		 n, i;

	while (p < e) {
		c = *p;
		if (c < 0x80) {
			if (c == 0 || (c < 0x20 && c != '\t' && c != '\n') ||
			    c == 0x7f)
				return (0);
			p++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf) {
			n = 1;
			c &= 0x1f;
		} else if (c >= 0xe0 && c <= 0xef) {
			n = 2;
			c &= 0x0f;
		} else if (c >= 0xf0 && c <= 0xf4) {
			n = 3;
			c &= 0x07;
		} else
			return (0);
		if (e - p <= n)
			return (0);
		for (i = 1; i <= n; i++) {
			if ((p[i] & 0xc0) != 0x80)
				return (0);
			c = (c << 6) | (p[i] & 0x3f);
		}
		if ((n == 2 && c < 0x800) || (n == 3 && c < 0x10000) ||
		    c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
			return (0);
		p += n + 1;
	}
	return (1);
}

int
utf8_width(const char *s)
{
	mbstate_t	 st;
	wchar_t		 wc;
	size_t		 n, len = strlen(s);
	int		 w = 0, cw;

	memset(&st, 0, sizeof st);
	while (len > 0) {
		n = mbrtowc(&wc, s, len, &st);
		if (n == (size_t)-1 || n == (size_t)-2) {
			memset(&st, 0, sizeof st);
			w++;
			s++;
			len--;
			continue;
		}
		if (n == 0)
			break;
		cw = wcwidth(wc);
		w += cw < 0 ? 1 : cw;
		s += n;
		len -= n;
	}
	return (w);
}

int
ident_valid(const char *what, const char *s, size_t max, const char *extra,
    char **cause)
{
	const unsigned char	*p;
	char			 allowed[32];
	size_t			 len, i, n = 0;

	for (i = 0; extra[i] != '\0' && n + 3 < sizeof allowed; i++) {
		allowed[n++] = extra[i];
		allowed[n++] = extra[i + 1] != '\0' ? ' ' : '\0';
	}
	allowed[n] = '\0';
	if (s == NULL || *s == '\0')
		return (cause_set(cause, ORDO_EINVAL, "%s: must not be empty",
		    what));
	len = strlen(s);
	if (len > max)
		return (cause_set(cause, ORDO_EINVAL, "%s: too long (%zu "
		    "bytes, at most %zu)", what, len, max));
	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if (isascii(*p) && (isalnum(*p) || strchr(extra, *p)))
			continue;
		if (*p == ' ')
			return (cause_set(cause, ORDO_EINVAL, "%s \"%s\": "
			    "spaces are not allowed", what, s));
		if (isascii(*p) && isgraph(*p))
			return (cause_set(cause, ORDO_EINVAL, "%s \"%s\": "
			    "'%c' is not allowed (letters, digits and %s "
			    "only)", what, s, *p, allowed));
		return (cause_set(cause, ORDO_EINVAL, "%s: byte %zu (0x%02x) "
		    "is not allowed (letters, digits and %s only)", what,
		    (size_t)(p - (const unsigned char *)s) + 1, *p, allowed));
	}
	return (0);
}

int
text_check(const char *field, const char *s, size_t max, int required,
    char **cause)
{
	uint32_t cp;
	size_t	 len;

	if (s == NULL || *s == '\0') {
		if (required & TEXT_REQUIRED)
			return (cause_set(cause, ORDO_EINVAL,
			    "%s: must not be empty", field));
		return (0);
	}
	len = strlen(s);
	if (len > max)
		return (cause_set(cause, ORDO_EINVAL,
		    "%s: too long (%zu bytes, at most %zu)", field, len, max));
	if (text_control(s, len, (required & TEXT_FREE) != 0, &cp))
		return (cause_set(cause, ORDO_EINVAL,
		    "%s: control character (U+%04" PRIX32 ")", field, cp));
	if (!utf8_valid(s, len))
		return (cause_set(cause, ORDO_EINVAL,
		    "%s: not valid UTF-8 text", field));
	return (0);
}

char *
str_fold(const char *s)
{
	char	*r, *p;

	r = xstrdup(s);
	for (p = r; *p != '\0'; p++)
		*p = (char)tolower((unsigned char)*p);
	return (r);
}

int
strset_add(struct strset *s, const char *str)
{
	size_t	 lo = 0, hi = s->n, mid;
	int	 c;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if ((c = strcmp(str, s->v[mid])) == 0)
			return (0);
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 16;
		s->v = xreallocarray(s->v, s->cap, sizeof *s->v);
	}
	memmove(s->v + lo + 1, s->v + lo, (s->n - lo) * sizeof *s->v);
	s->v[lo] = xstrdup(str);
	s->n++;
	return (1);
}

void
strset_free(struct strset *s)
{
	size_t	 i;

	for (i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
	memset(s, 0, sizeof *s);
}

/* The code point at p (len bytes left), its length in *n; -1 if invalid. */
static int32_t
utf8_decode(const unsigned char *p, size_t len, int *n)
{
	uint32_t	 c = p[0];
	int		 k, i;

	*n = 1;
	if (c < 0x80)
		return ((int32_t)c);
	if (c >= 0xc2 && c <= 0xdf) {
		k = 1;
		c &= 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		k = 2;
		c &= 0x0f;
	} else if (c >= 0xf0 && c <= 0xf4) {
		k = 3;
		c &= 0x07;
	} else
		return (-1);
	if (len <= (size_t)k)
		return (-1);
	for (i = 1; i <= k; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return (-1);
		c = (c << 6) | (p[i] & 0x3f);
	}
	if ((k == 2 && c < 0x800) || (k == 3 && c < 0x10000) ||
	    c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return (-1);
	*n = k + 1;
	return ((int32_t)c);
}

/* C0 but TAB and LF, DEL, C1, bidi overrides and isolates, LS and PS. */
static int
text_is_control(uint32_t c, int free)
{
	if (c < 0x20)
		return (c != '\t' && c != '\n');
	if (c == 0x7f)
		return (1);
	if (free)
		return (0);
	return ((c >= 0x80 && c <= 0x9f) || (c >= 0x202a && c <= 0x202e) ||
	    (c >= 0x2066 && c <= 0x2069) || c == 0x2028 || c == 0x2029);
}

int
text_control(const char *s, size_t len, int free, uint32_t *cp)
{
	const unsigned char *p = (const unsigned char *)s, *e = p + len;
	int32_t		 c;
	int		 n;

	while (p < e) {
		c = utf8_decode(p, (size_t)(e - p), &n);
		if (c >= 0 && text_is_control((uint32_t)c, free)) {
			if (cp != NULL)
				*cp = (uint32_t)c;
			return (1);
		}
		p += n;
	}
	return (0);
}

char *
text_esc(const char *s)
{
	const unsigned char *p, *e;
	char		*r, *q;
	int32_t		 c;
	int		 n;
	size_t		 len;

	if (s == NULL)
		return (xstrdup(""));
	len = strlen(s);
	/* At most 6 bytes ("\u202e") for each byte of input. */
	r = q = xmalloc(len * 6 + 1);
	for (p = (const unsigned char *)s, e = p + len; p < e; p += n) {
		c = utf8_decode(p, (size_t)(e - p), &n);
		if (c < 0)
			q += sprintf(q, "\\x%02x", *p);
		else if (c == '\t' || c == '\n' || c == '\r')
			q += sprintf(q, "\\%c", c == '\t' ? 't' :
			    c == '\n' ? 'n' : 'r');
		else if (c < 0x20 || c == 0x7f)
			q += sprintf(q, "\\x%02x", (unsigned)c);
		else if (text_is_control((uint32_t)c, 0))
			q += sprintf(q, "\\u%04x", (unsigned)c);
		else {
			memcpy(q, p, (size_t)n);
			q += n;
		}
	}
	*q = '\0';
	return (r);
}
