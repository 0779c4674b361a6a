/*
 * chart.c: bars and sparklines as text (chart.h).
 */
#include <langinfo.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ordo/chart.h"
#include "ordo/money.h"

static const char *eighths[] = {
	"", "\xe2\x96\x8f", "\xe2\x96\x8e", "\xe2\x96\x8d", "\xe2\x96\x8c",
	"\xe2\x96\x8b", "\xe2\x96\x8a", "\xe2\x96\x89"
};
static const char full_block[] = "\xe2\x96\x88";
static const char *levels[] = {
	"\xe2\x96\x81", "\xe2\x96\x82", "\xe2\x96\x83", "\xe2\x96\x84",
	"\xe2\x96\x85", "\xe2\x96\x86", "\xe2\x96\x87", "\xe2\x96\x88"
};
static const char ascii_levels[] = " .:-=+*#";

int
chart_unicode(void)
{
	const char	*cs = nl_langinfo(CODESET), *term = getenv("TERM");

	if (cs == NULL || (strcasecmp(cs, "UTF-8") != 0 &&
	    strcasecmp(cs, "utf8") != 0))
		return (0);
	if (term == NULL || *term == '\0' || strcmp(term, "dumb") == 0 ||
	    strncmp(term, "vt", 2) == 0)
		return (0);
	return (1);
}

/* Append s to buf (len bytes) at *off if it fits. */
static void
put(char *buf, size_t len, size_t *off, const char *s)
{
	size_t	 n = strlen(s);

	if (*off + n + 1 > len)
		return;
	memcpy(buf + *off, s, n);
	*off += n;
	buf[*off] = '\0';
}

char *
chart_bar(char *buf, size_t len, int64_t v, int64_t max, int width,
    int unicode)
{
	size_t	 off = 0;
	int64_t	 units = 0;
	int	 i, cols = 0;

	if (len == 0)
		return (buf);
	buf[0] = '\0';
	if (width < 0)
		width = 0;
	if (v > 0 && max > 0) {
		if (v > max)
			v = max;
		units = muldiv_round(v, (int64_t)width * (unicode ? 8 : 1),
		    max);
		if (units == 0)
			units = 1;	/* something sold shows */
	}
	if (unicode) {
		for (i = 0; i < units / 8; i++, cols++)
			put(buf, len, &off, full_block);
		if (units % 8 != 0) {
			put(buf, len, &off, eighths[units % 8]);
			cols++;
		}
	} else {
		for (i = 0; i < units; i++, cols++)
			put(buf, len, &off, "#");
	}
	for (; cols < width; cols++)
		put(buf, len, &off, " ");
	return (buf);
}

char *
chart_spark(char *buf, size_t len, const int64_t *v, size_t n, int width,
    int unicode)
{
	int64_t	*col, lo = 0, hi = 0;
	size_t	 off = 0, i, c, ncol;
	char	 one[2];
	int	 lv;

	if (len == 0)
		return (buf);
	buf[0] = '\0';
	if (n == 0 || width <= 0)
		return (buf);
	ncol = n < (size_t)width ? n : (size_t)width;
	col = calloc(ncol, sizeof *col);
	if (col == NULL)
		return (buf);
	for (i = 0; i < n; i++)
		col[i * ncol / n] += v[i];
	for (c = 0; c < ncol; c++) {
		if (c == 0 || col[c] < lo)
			lo = col[c];
		if (c == 0 || col[c] > hi)
			hi = col[c];
	}
	for (c = 0; c < ncol; c++) {
		lv = hi == lo ? (hi > 0 ? 7 : 0) :
		    (int)muldiv_round(col[c] - lo, 7, hi - lo);
		if (unicode)
			put(buf, len, &off, levels[lv]);
		else {
			one[0] = ascii_levels[lv];
			one[1] = '\0';
			put(buf, len, &off, one);
		}
	}
	free(col);
	return (buf);
}
