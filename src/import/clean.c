/*
 * clean.c: value cleaning for imported cells.  See clean.h for the rules.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ordo/clean.h"
#include "ordo/error.h"
#include "ordo/money.h"
#include "ordo/xmalloc.h"

#include "imp-int.h"

/* Cells shorter than this are cleaned on the stack, not the heap. */
#define SMALL	CLEAN_SMALL

static size_t	 space_len(const char *, const char *);
static size_t	 space_len_back(const char *, const char *);
static void	 trim(const char **, const char **);
static int	 null_token(const char *, size_t);
static int	 quote_strippable(const char *, const char *);
static int	 is_scientific(const char *);
static size_t	 currency_len(const char *);
static size_t	 currency_len_back(const char *, const char *);
static int	 read_digits(const char **, int, int, int *);
static int	 read_month(const char **, int *);
static int	 read_zone(const char **, int *);
static int64_t	 days_from_civil(int, int, int);
static int	 days_in_month(int, int);
static char	*clean_folded(const char *, char *);
static void	 drop(char *, const char *);

/* Null tokens compared without case; "-" and "--" exactly. */
static const char *const null_tokens[] = { "null", "nan", "n/a" };

static const struct {
	const char	*name;
	int		 month;
} month_names[] = {
	{ "jan", 1 }, { "january", 1 }, { "januar", 1 },
	{ "feb", 2 }, { "february", 2 }, { "februar", 2 },
	{ "mar", 3 }, { "march", 3 }, { "mär", 3 }, { "mrz", 3 },
	{ "märz", 3 },
	{ "apr", 4 }, { "april", 4 },
	{ "may", 5 }, { "mai", 5 },
	{ "jun", 6 }, { "june", 6 }, { "juni", 6 },
	{ "jul", 7 }, { "july", 7 }, { "juli", 7 },
	{ "aug", 8 }, { "august", 8 },
	{ "sep", 9 }, { "sept", 9 }, { "september", 9 },
	{ "oct", 10 }, { "october", 10 }, { "okt", 10 }, { "oktober", 10 },
	{ "nov", 11 }, { "november", 11 },
	{ "dec", 12 }, { "december", 12 }, { "dez", 12 }, { "dezember", 12 },
};

/* Currency signs, longest first so "US$" wins over "$". */
static const char *const currencies[] = {
	"US$", "CN\xc2\xa5", "CA$", "AU$", "HK$", "NT$", "RMB",
	"$", "\xc2\xa5", "\xef\xbf\xa5", "\xe2\x82\xac", "\xc2\xa3",
	"\xe5\x85\x83"
};

/* Length of the white space starting at p: ASCII, U+00A0, U+3000. */
static size_t
space_len(const char *p, const char *e)
{
	const unsigned char *u = (const unsigned char *)p;

	if (p >= e)
		return (0);
	if (*u == ' ' || *u == '\t' || *u == '\r' || *u == '\n' ||
	    *u == '\v' || *u == '\f')
		return (1);
	if (e - p >= 2 && u[0] == 0xc2 && u[1] == 0xa0)
		return (2);
	if (e - p >= 3 && u[0] == 0xe3 && u[1] == 0x80 && u[2] == 0x80)
		return (3);
	return (0);
}

/* Length of the white space ending at e. */
static size_t
space_len_back(const char *s, const char *e)
{
	const unsigned char *u = (const unsigned char *)e;

	if (e <= s)
		return (0);
	if (u[-1] == ' ' || u[-1] == '\t' || u[-1] == '\r' || u[-1] == '\n' ||
	    u[-1] == '\v' || u[-1] == '\f')
		return (1);
	if (e - s >= 2 && u[-2] == 0xc2 && u[-1] == 0xa0)
		return (2);
	if (e - s >= 3 && u[-3] == 0xe3 && u[-2] == 0x80 && u[-1] == 0x80)
		return (3);
	return (0);
}

static void
trim(const char **sp, const char **ep)
{
	size_t	 n;

	while ((n = space_len(*sp, *ep)) != 0)
		*sp += n;
	while ((n = space_len_back(*sp, *ep)) != 0)
		*ep -= n;
}

static int
null_token(const char *s, size_t len)
{
	size_t	 i;

	if ((len == 1 && s[0] == '-') || (len == 2 && s[0] == '-' &&
	    s[1] == '-'))
		return (1);
	if (len != 3 && len != 4)
		return (0);	/* no token has another length */
	for (i = 0; i < sizeof null_tokens / sizeof null_tokens[0]; i++) {
		if (strlen(null_tokens[i]) == len &&
		    strncasecmp(s, null_tokens[i], len) == 0)
			return (1);
	}
	return (0);
}

int
clean_is_null(const char *s)
{
	return (null_token(s, strlen(s)));
}

/* May a leading ' before [p, e) be dropped? */
static int
quote_strippable(const char *p, const char *e)
{
	if (p == e)
		return (1);
	if (isdigit((unsigned char)*p) || strchr("=+-@.\t", *p) != NULL)
		return (1);
	return (null_token(p, e - p));
}

const char *
clean_span(const char *in, size_t *len)
{
	const char	*s, *e;

	if (in == NULL || *in == '\0') {
		*len = 0;
		return ("");
	}
	s = in;
	e = in + strlen(in);
	trim(&s, &e);
	if (e - s >= 3 && s[0] == '=' && s[1] == '"' && e[-1] == '"') {
		s += 2;
		e--;
		trim(&s, &e);
	}
	if (e - s >= 1 && s[0] == '\'' && quote_strippable(s + 1, e)) {
		s++;
		trim(&s, &e);
	}
	if (null_token(s, e - s))
		e = s;
	*len = e - s;
	return (s);
}

char *
clean_text(const char *in)
{
	const char	*s;
	char		*out;
	size_t		 n;

	s = clean_span(in, &n);
	out = xmalloc(n + 1);
	memcpy(out, s, n);
	out[n] = '\0';
	return (out);
}

/* Free p unless it is the stack buffer small. */
static void
drop(char *p, const char *small)
{
	if (p != small)
		free(p);
}

/*
 * clean_text() plus clean_fold_width() into small (SMALL bytes) when it
 * fits, else into a new allocation; the caller frees it if not small.
 */
static char *
clean_folded(const char *in, char *small)
{
	const char	*s;
	char		*out;
	size_t		 n;

	s = clean_span(in, &n);
	out = n < SMALL ? small : xmalloc(n + 1);
	memcpy(out, s, n);
	out[n] = '\0';
	clean_fold_width(out);
	return (out);
}

void
clean_fold_width(char *s)
{
	unsigned char	*r = (unsigned char *)s, *w;
	unsigned	 cp;

	/* Up to the first byte that may start a form to fold, all stays. */
	while (*r != '\0' && *r != 0xef && *r != 0xe3)
		r++;
	w = r;
	while (*r != '\0') {
		if (r[0] == 0xef && (r[1] == 0xbc || r[1] == 0xbd) &&
		    (r[2] & 0xc0) == 0x80) {
			cp = ((r[0] & 0x0fu) << 12) | ((r[1] & 0x3fu) << 6) |
			    (r[2] & 0x3fu);
			if (cp >= 0xff01 && cp <= 0xff5e) {
				*w++ = (unsigned char)(cp - 0xfee0);
				r += 3;
				continue;
			}
		}
		if (r[0] == 0xe3 && r[1] == 0x80 && r[2] == 0x80) {
			*w++ = ' ';
			r += 3;
			continue;
		}
		*w++ = *r++;
	}
	*w = '\0';
}

char *
clean_header(const char *in)
{
	char		*t;
	unsigned char	*r, *w;
	int		 sp = 0;

	t = clean_text(in);
	clean_fold_width(t);
	r = w = (unsigned char *)t;
	while (*r != '\0') {
		if (r[0] == 0xef && r[1] == 0xbb && r[2] == 0xbf) {
			r += 3;
			continue;
		}
		if (r[0] == 0xe3 && r[1] == 0x80 &&
		    (r[2] == 0x90 || r[2] == 0x94)) {
			*w++ = '[';
			r += 3;
			sp = 0;
			continue;
		}
		if (r[0] == 0xe3 && r[1] == 0x80 &&
		    (r[2] == 0x91 || r[2] == 0x95)) {
			*w++ = ']';
			r += 3;
			sp = 0;
			continue;
		}
		if (*r == ' ' || *r == '\t' || *r == '\r' || *r == '\n' ||
		    *r == '\v' || *r == '\f') {
			if (!sp && w != (unsigned char *)t)
				*w++ = ' ';
			sp = 1;
			r++;
			continue;
		}
		*w++ = (unsigned char)tolower(*r);
		r++;
		sp = 0;
	}
	if (sp && w != (unsigned char *)t)
		w--;
	*w = '\0';
	return (t);
}

/* "6.91793E+18", "1e5": a number a spreadsheet has already rounded. */
static int
is_scientific(const char *s)
{
	const char	*p = s;

	if (!isdigit((unsigned char)*p))
		return (0);
	while (isdigit((unsigned char)*p))
		p++;
	if (*p == '.') {
		p++;
		while (isdigit((unsigned char)*p))
			p++;
	}
	if (*p != 'e' && *p != 'E')
		return (0);
	p++;
	if (*p == '+' || *p == '-')
		p++;
	if (!isdigit((unsigned char)*p))
		return (0);
	while (isdigit((unsigned char)*p))
		p++;
	return (*p == '\0');
}

int
clean_id_in(const char *in, char *small, char **out, char **cause)
{
	char	*t;

	t = clean_folded(in, small);
	if (is_scientific(t)) {
		cause_set(cause, ORDO_EINVAL, "\"%s\" is a number in scientific"
		    " notation: a spreadsheet has rounded this id; export the"
		    " file again and do not open it in a spreadsheet first", t);
		drop(t, small);
		return (ORDO_EINVAL);
	}
	*out = t;
	return (0);
}

int
clean_id(const char *in, char **out, char **cause)
{
	char	*t, small[SMALL];
	int	 rc;

	if ((rc = clean_id_in(in, small, &t, cause)) != 0)
		return (rc);
	*out = t == small ? xstrdup(t) : t;
	return (0);
}

static size_t
currency_len(const char *p)
{
	size_t	 i, n;

	if (isdigit((unsigned char)*p))
		return (0);	/* no sign starts with a digit */
	for (i = 0; i < sizeof currencies / sizeof currencies[0]; i++) {
		n = strlen(currencies[i]);
		if (strncmp(p, currencies[i], n) == 0)
			return (n);
	}
	return (0);
}

static size_t
currency_len_back(const char *s, const char *e)
{
	size_t	 i, n;

	if (e > s && isdigit((unsigned char)e[-1]))
		return (0);	/* no sign ends with a digit */
	for (i = 0; i < sizeof currencies / sizeof currencies[0]; i++) {
		n = strlen(currencies[i]);
		if ((size_t)(e - s) >= n && strncmp(e - n, currencies[i], n) == 0)
			return (n);
	}
	return (0);
}

int
clean_money(const char *in, const struct clean_money_style *st, int minor,
    int64_t *out, int *present, char **cause)
{
	char		*t, *buf, small[SMALL], bsmall[SMALL + 3];
	const char	*s, *e, *p;
	size_t		 n, group = 0, ngroups = 0, fl = 0, il = 0;
	int		 neg = 0, dec = 0, rc;
	int64_t		 v;

	*present = 0;
	t = clean_folded(in, small);
	if (*t == '\0') {
		drop(t, small);
		return (0);
	}
	s = t;
	e = t + strlen(t);
	buf = strlen(t) < SMALL ? bsmall : xmalloc(strlen(t) + 3);
	/* Sign and currency, either order, before the number. */
	for (;;) {
		trim(&s, &e);
		if (*s == '-' && !neg) {
			neg = 1;
			s++;
		} else if (*s == '+' && !neg) {
			s++;
		} else if ((n = currency_len(s)) != 0)
			s += n;
		else
			break;
	}
	/* Currency after it. */
	while ((n = currency_len_back(s, e)) != 0) {
		e -= n;
		trim(&s, &e);
	}
	for (p = s; p < e; p++) {
		if (isdigit((unsigned char)*p)) {
			if (dec)
				buf[il + 1 + fl++] = *p;
			else {
				buf[il++] = *p;
				group++;
			}
			continue;
		}
		if (*p == st->decimal && !dec) {
			if (ngroups > 0 && group != 3)
				goto bad;
			dec = 1;
			buf[il] = '.';
			continue;
		}
		n = 0;
		if (st->thousands != 0 && *p == st->thousands)
			n = 1;
		else if (st->thousands == ' ')
			n = space_len(p, e);
		if (n != 0 && !dec && group > 0 &&
		    (ngroups == 0 ? group <= 3 : group == 3)) {
			ngroups++;
			group = 0;
			p += n - 1;
			continue;
		}
		goto bad;
	}
	if (ngroups > 0 && !dec && group != 3)
		goto bad;
	if (il == 0 && fl == 0)
		goto bad;
	/* Zeros past the minor digits carry nothing: drop them. */
	while ((int)fl > minor && buf[il + fl] == '0')
		fl--;
	if ((int)fl > minor) {
		drop(buf, bsmall);
		cause_set(cause, ORDO_EINVAL, "\"%s\" has more than %d decimal%s"
		    " (no rounding is done)", t, minor, minor == 1 ? "" : "s");
		drop(t, small);
		return (ORDO_EINVAL);
	}
	if (il == 0) {
		memmove(buf + 1, buf, dec ? fl + 1 : 0);
		buf[0] = '0';
		il = 1;
	}
	buf[il + (dec ? 1 + fl : 0)] = '\0';
	if (dec && fl == 0)
		buf[il] = '\0';
	if ((rc = money_parse(buf, minor, &v)) != 0) {
		drop(buf, bsmall);
		cause_set(cause, rc, "\"%s\" is %s", t, rc == ORDO_ERANGE ?
		    "too large an amount" : "not an amount");
		drop(t, small);
		return (rc);
	}
	drop(buf, bsmall);
	drop(t, small);
	*out = neg ? -v : v;
	*present = 1;
	return (0);

bad:
	drop(buf, bsmall);
	cause_set(cause, ORDO_EINVAL, "\"%s\" is not an amount (decimal '%c',"
	    " thousands %s)", t, st->decimal, st->thousands == 0 ? "none" :
	    st->thousands == ' ' ? "' '" : st->thousands == ',' ? "','" :
	    st->thousands == '.' ? "'.'" : "'''");
	drop(t, small);
	return (ORDO_EINVAL);
}

int
clean_qty(const char *in, int64_t *out, int *present, char **cause)
{
	char		*t, small[SMALL];
	const char	*p;
	int64_t		 v = 0;

	*present = 0;
	t = clean_folded(in, small);
	if (*t == '\0') {
		drop(t, small);
		return (0);
	}
	p = t;
	if (*p == '-') {
		cause_set(cause, ORDO_EINVAL, "\"%s\" is a negative quantity", t);
		goto fail;
	}
	if (!isdigit((unsigned char)*p))
		goto bad;
	for (; isdigit((unsigned char)*p); p++) {
		v = v * 10 + (*p - '0');
		if (v > 1000000000) {
			cause_set(cause, ORDO_ERANGE, "\"%s\" is too large a"
			    " quantity", t);
			drop(t, small);
			return (ORDO_ERANGE);
		}
	}
	if (*p == '.') {
		for (p++; *p == '0'; p++)
			;
		if (isdigit((unsigned char)*p)) {
			cause_set(cause, ORDO_EINVAL, "\"%s\" is not a whole"
			    " quantity", t);
			goto fail;
		}
	}
	if (*p != '\0')
		goto bad;
	drop(t, small);
	*out = v;
	*present = 1;
	return (0);

bad:
	cause_set(cause, ORDO_EINVAL, "\"%s\" is not a quantity", t);
fail:
	drop(t, small);
	return (ORDO_EINVAL);
}

/* Exactly min digits, or up to max when max > min. */
static int
read_digits(const char **sp, int min, int max, int *out)
{
	const char	*s = *sp;
	int		 n = 0, v = 0;

	while (n < max && isdigit((unsigned char)s[n])) {
		v = v * 10 + (s[n] - '0');
		n++;
	}
	if (n < min)
		return (-1);
	*sp = s + n;
	*out = v;
	return (0);
}

static int
read_month(const char **sp, int *out)
{
	const unsigned char *s = (const unsigned char *)*sp;
	size_t		 n = 0, i;

	while (isalpha(s[n]) || s[n] >= 0x80)
		n++;
	if (n == 0)
		return (-1);
	for (i = 0; i < sizeof month_names / sizeof month_names[0]; i++) {
		if (strlen(month_names[i].name) == n &&
		    strncasecmp(*sp, month_names[i].name, n) == 0) {
			*out = month_names[i].month;
			*sp += n;
			return (0);
		}
	}
	/* "MÄR", "DEZ." and the like: compare the ASCII part only. */
	return (-1);
}

static int
read_zone(const char **sp, int *off)
{
	const char	*s = *sp;
	int		 sign, hh, mm = 0;

	if (*s == 'Z' || *s == 'z') {
		*off = 0;
		*sp = s + 1;
		return (0);
	}
	if (strncmp(s, "UTC", 3) == 0 || strncmp(s, "GMT", 3) == 0) {
		s += 3;
		if (*s != '+' && *s != '-') {
			*off = 0;
			*sp = s;
			return (0);
		}
	}
	if (*s != '+' && *s != '-')
		return (-1);
	sign = *s++ == '-' ? -1 : 1;
	if (read_digits(&s, 2, 2, &hh) != 0)
		return (-1);
	if (*s == ':') {
		s++;
		if (read_digits(&s, 2, 2, &mm) != 0)
			return (-1);
	} else if (isdigit((unsigned char)*s)) {
		if (read_digits(&s, 2, 2, &mm) != 0)
			return (-1);
	}
	if (hh > 14 || mm > 59)
		return (-1);
	*off = sign * (hh * 3600 + mm * 60);
	*sp = s;
	return (0);
}

int
clean_tzoff(const char *s, int *off)
{
	const char	*p = s;
	int		 v;

	if (read_zone(&p, &v) != 0 || *p != '\0')
		return (ORDO_EINVAL);
	*off = v;
	return (0);
}

/* Days since 1970-01-01 (Howard Hinnant's days_from_civil). */
static int64_t
days_from_civil(int y, int m, int d)
{
	int64_t	 era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (era * 146097 + doe - 719468);
}

static int
days_in_month(int y, int m)
{
	static const int dm[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30,
	    31 };

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return (29);
	return (dm[m - 1]);
}

int
clean_date_fmt(const char *s, const char *f, int defoff, int64_t *out)
{
	int	 y = -1, mo = -1, d = -1, hh = 0, mi = 0, ss = 0, off = defoff;
	int	 v, ampm = 0;

	while (*f != '\0') {
		if (strncmp(f, "YYYY", 4) == 0) {
			if (read_digits(&s, 4, 4, &y) != 0)
				return (ORDO_EINVAL);
			f += 4;
		} else if (strncmp(f, "YY", 2) == 0) {
			if (read_digits(&s, 2, 2, &v) != 0)
				return (ORDO_EINVAL);
			y = 2000 + v;
			f += 2;
		} else if (strncmp(f, "MM", 2) == 0) {
			if (read_digits(&s, 2, 2, &mo) != 0)
				return (ORDO_EINVAL);
			f += 2;
		} else if (strncmp(f, "Mon", 3) == 0) {
			if (read_month(&s, &mo) != 0)
				return (ORDO_EINVAL);
			if (*s == '.')
				s++;
			f += 3;
		} else if (*f == 'M') {
			if (read_digits(&s, 1, 2, &mo) != 0)
				return (ORDO_EINVAL);
			f++;
		} else if (strncmp(f, "DD", 2) == 0) {
			if (read_digits(&s, 2, 2, &d) != 0)
				return (ORDO_EINVAL);
			f += 2;
		} else if (*f == 'D') {
			if (read_digits(&s, 1, 2, &d) != 0)
				return (ORDO_EINVAL);
			f++;
		} else if (strncmp(f, "hh", 2) == 0) {
			if (read_digits(&s, 2, 2, &hh) != 0)
				return (ORDO_EINVAL);
			f += 2;
		} else if (*f == 'h') {
			if (read_digits(&s, 1, 2, &hh) != 0)
				return (ORDO_EINVAL);
			f++;
		} else if (strncmp(f, "mm", 2) == 0) {
			if (read_digits(&s, 2, 2, &mi) != 0)
				return (ORDO_EINVAL);
			f += 2;
		} else if (strncmp(f, "ss", 2) == 0) {
			if (read_digits(&s, 2, 2, &ss) != 0)
				return (ORDO_EINVAL);
			f += 2;
			/* Fractions of a second are dropped. */
			if (*s == '.' && *f != '.' &&
			    isdigit((unsigned char)s[1]))
				for (s++; isdigit((unsigned char)*s); s++)
					;
		} else if (strncmp(f, "AP", 2) == 0) {
			if (strncasecmp(s, "AM", 2) == 0)
				ampm = 1;
			else if (strncasecmp(s, "PM", 2) == 0)
				ampm = 2;
			else
				return (ORDO_EINVAL);
			s += 2;
			f += 2;
		} else if (*f == 'Z') {
			if (read_zone(&s, &off) != 0)
				return (ORDO_EINVAL);
			f++;
		} else if (*f == ' ') {
			if (*s != ' ')
				return (ORDO_EINVAL);
			while (*s == ' ')
				s++;
			while (*f == ' ')
				f++;
		} else {
			if (*s != *f)
				return (ORDO_EINVAL);
			s++;
			f++;
		}
	}
	if (ampm != 0) {
		if (hh < 1 || hh > 12)
			return (ORDO_EINVAL);
		hh = hh % 12 + (ampm == 2 ? 12 : 0);
	}
	if (*s != '\0' || y < 1900 || y > 9999 || mo < 1 || mo > 12 ||
	    d < 1 || d > days_in_month(y, mo) || hh > 23 || mi > 59 ||
	    ss > 59)
		return (ORDO_EINVAL);
	*out = days_from_civil(y, mo, d) * 86400 + hh * 3600 + mi * 60 + ss -
	    off;
	return (0);
}

int
clean_date_fmt_check(const char *f, char **cause)
{
	int	 y = 0, m = 0, d = 0;

	while (*f != '\0') {
		if (strncmp(f, "YYYY", 4) == 0) {
			f += 4;
			y = 1;
		} else if (strncmp(f, "YY", 2) == 0) {
			f += 2;
			y = 1;
		} else if (strncmp(f, "MM", 2) == 0 || strncmp(f, "DD", 2) == 0 ||
		    strncmp(f, "hh", 2) == 0 || strncmp(f, "mm", 2) == 0 ||
		    strncmp(f, "ss", 2) == 0) {
			m |= *f == 'M';
			d |= *f == 'D';
			f += 2;
		} else if (strncmp(f, "Mon", 3) == 0) {
			m = 1;
			f += 3;
		} else if (strncmp(f, "AP", 2) == 0) {
			f += 2;
		} else if (*f == 'M' || *f == 'D' || *f == 'h' || *f == 'Z' ||
		    *f == 'T') {
			m |= *f == 'M';
			d |= *f == 'D';
			f++;
		} else if (isalpha((unsigned char)*f))
			return (cause_set(cause, ORDO_EINVAL, "unknown date token"
			    " '%c' (use YYYY YY MM M Mon DD D hh h mm ss AP Z)",
			    *f));
		else
			f++;
	}
	if (!y || !m || !d)
		return (cause_set(cause, ORDO_EINVAL, "a date format needs a"
		    " year, a month and a day"));
	return (0);
}

int
clean_date(const char *in, const char *const *fmts, size_t nfmts, int defoff,
    int64_t *out, int *present, char **cause)
{
	char	*t, small[SMALL];
	size_t	 i;

	*present = 0;
	t = clean_folded(in, small);
	if (*t == '\0') {
		drop(t, small);
		return (0);
	}
	for (i = 0; i < nfmts; i++) {
		if (clean_date_fmt(t, fmts[i], defoff, out) == 0) {
			drop(t, small);
			*present = 1;
			return (0);
		}
	}
	cause_set(cause, ORDO_EINVAL, "\"%s\" is not a date in %s%s", t,
	    nfmts == 1 ? "the format " : "any of the profile's formats",
	    nfmts == 1 ? fmts[0] : "");
	drop(t, small);
	return (ORDO_EINVAL);
}
