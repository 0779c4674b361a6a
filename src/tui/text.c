/*
 * text.c: see text.h.
 */
#include <stdint.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "text.h"

#define MARK_CUT	L'~'

static size_t	 decode(const unsigned char *, uint32_t *);
static int	 shown(uint32_t, wchar_t *);

/* One UTF-8 character at p (strict); 0xFFFD and 1 byte if invalid. */
static size_t
decode(const unsigned char *p, uint32_t *cp)
{
	uint32_t	 c;
	size_t		 n, i;

	if (p[0] < 0x80) {
		*cp = p[0];
		return (1);
	}
	if (p[0] >= 0xc2 && p[0] <= 0xdf) {
		n = 2;
		c = p[0] & 0x1f;
	} else if (p[0] >= 0xe0 && p[0] <= 0xef) {
		n = 3;
		c = p[0] & 0x0f;
	} else if (p[0] >= 0xf0 && p[0] <= 0xf4) {
		n = 4;
		c = p[0] & 0x07;
	} else
		goto bad;
	for (i = 1; i < n; i++) {
		if ((p[i] & 0xc0) != 0x80)
			goto bad;
		c = (c << 6) | (p[i] & 0x3f);
	}
	if ((n == 3 && c < 0x800) || (n == 4 && (c < 0x10000 || c > 0x10ffff))
	    || (c >= 0xd800 && c <= 0xdfff))
		goto bad;
	*cp = c;
	return (n);
bad:
	*cp = 0xfffd;
	return (1);
}

/*
 * What the screen shows for code point c: its characters in w (at most 8
 * and a NUL); returns their width in columns.
 */
static int
shown(uint32_t c, wchar_t *w)
{
	int	 n;
	char	 tmp[16];
	size_t	 i;

	if (c < 0x20 || c == 0x7f) {
		w[0] = L'^';
		w[1] = c == 0x7f ? L'?' : (wchar_t)(c + '@');
		w[2] = L'\0';
		return (2);
	}
	/* Bidi embeddings, overrides, isolates and marks. */
	if ((c >= 0x80 && c < 0xa0) || (c >= 0x202a && c <= 0x202e) ||
	    (c >= 0x2066 && c <= 0x2069) || c == 0x200e || c == 0x200f ||
	    c == 0x061c)
		goto escape;
	w[0] = (wchar_t)c;
	w[1] = L'\0';
	n = wcwidth((wchar_t)c);
	if (n >= 0)
		return (n);
escape:
	snprintf(tmp, sizeof tmp, "<U+%04X>", (unsigned)c);
	for (i = 0; tmp[i] != '\0'; i++)
		w[i] = (wchar_t)tmp[i];
	w[i] = L'\0';
	return ((int)i);
}

int
text_width(const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	wchar_t			 w[16];
	uint32_t		 c;
	int			 cols = 0;

	while (*p != '\0') {
		p += decode(p, &c);
		cols += shown(c, w);
	}
	return (cols);
}

int
text_fit(const char *s, int width, int align, wchar_t *out, size_t cap)
{
	const unsigned char	*p = (const unsigned char *)s;
	wchar_t			 w[16];
	uint32_t		 c;
	size_t			 o = 0, i;
	int			 cols = 0, cw, total, limit, pad, cut = 0;

	if (width < 0)
		width = 0;
	if (cap == 0)
		return (0);
	total = text_width(s);
	limit = width;
	if (total > width) {
		cut = 1;
		limit = width - 1;	/* room for the mark */
	}
	if (align == TEXT_RIGHT && !cut) {
		for (pad = width - total; pad > 0 && o + 1 < cap; pad--) {
			out[o++] = L' ';
			cols++;
		}
		limit = width;
	}
	while (*p != '\0') {
		p += decode(p, &c);
		cw = shown(c, w);
		if (cols + cw > limit)
			break;
		for (i = 0; w[i] != L'\0' && o + 1 < cap; i++)
			out[o++] = w[i];
		cols += cw;
	}
	if (cut && width > 0 && o + 1 < cap) {
		/* A wide character left out leaves a column to fill. */
		while (cols < limit && o + 1 < cap) {
			out[o++] = L' ';
			cols++;
		}
		out[o++] = MARK_CUT;
		cols++;
	}
	if (align != TEXT_RIGHT || cut)
		total = cols;
	while (cols < width && o + 1 < cap) {
		out[o++] = L' ';
		cols++;
	}
	out[o] = L'\0';
	return (align == TEXT_RIGHT && !cut ? width : total);
}

int
text_fit_utf8(const char *s, int width, int align, char *out, size_t len)
{
	wchar_t		*w;
	size_t		 cap, i, o = 0;
	char		 mb[MB_LEN_MAX];
	mbstate_t	 st;
	size_t		 n;
	int		 cols;

	cap = (size_t)(width > 0 ? width : 0) * 8 + 16;
	if ((w = calloc(cap, sizeof *w)) == NULL)
		abort();
	cols = text_fit(s, width, align, w, cap);
	memset(&st, 0, sizeof st);
	for (i = 0; w[i] != L'\0'; i++) {
		n = wcrtomb(mb, w[i], &st);
		if (n == (size_t)-1) {
			mb[0] = '?';
			n = 1;
		}
		if (o + n + 1 > len)
			break;
		memcpy(out + o, mb, n);
		o += n;
	}
	if (len > 0)
		out[o] = '\0';
	free(w);
	return (cols);
}
