/*
 * chart.h: terminal charts as text, for the CLI and the TUI alike: bar
 * charts and sparklines drawn with Unicode block characters, or with
 * ASCII on terminals that cannot show them (vt100, a non-UTF-8 locale).
 * Each function writes a NUL-terminated string into buf that takes
 * exactly the asked number of columns.
 */
#ifndef ORDO_CHART_H
#define ORDO_CHART_H

#include <stddef.h>
#include <stdint.h>

/*
 * 1 if block characters can be shown: the locale's character set is
 * UTF-8 and $TERM is not a vt100-like or dumb terminal.
 */
int	 chart_unicode(void);

/*
 * A bar of v against max (both >= 0; v <= 0 or max <= 0: empty) in
 * width columns, in eighths of a column with Unicode, whole columns of
 * '#' without.  Padded with spaces to width.
 */
char	*chart_bar(char *, size_t, int64_t, int64_t, int, int);

/*
 * A sparkline of n values squeezed or spread into width columns (each
 * column the sum of the values that fall in it), lowest "▁", highest
 * "█" (ASCII: " .:-=+*#").
 */
char	*chart_spark(char *, size_t, const int64_t *, size_t, int, int);

/* Bytes a chart of width columns may need, with its NUL. */
#define CHART_BUFSZ(w)	((size_t)(w) * 3 + 1)

#endif
