/*
 * text.c: UTF-8 text: validity, width, control characters, identifiers
 * and the checks of a text field a user typed.
 */
#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "ordo/error.h"
#include "ordo/text.h"
#include "ordo/xmalloc.h"

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
