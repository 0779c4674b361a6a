/*
 * text.h: stored text made safe and fitted for a terminal cell, without
 * curses (the unit test calls it).
 *
 * Text from the database is UTF-8 that anybody may have typed or
 * imported: a control character is shown as ^X (^? for DEL), a C1
 * control, a bidirectional override or isolate, or another character
 * with no width as <U+XXXX>, a byte that is not UTF-8 as U+FFFD.  Widths
 * are terminal columns (wcwidth: a CJK character takes two); a cut never
 * splits a character, and a two-column character that would reach past
 * the edge is left out, the cell padded instead.  A cut text ends in "~".
 */
#ifndef ORDO_TUI_TEXT_H
#define ORDO_TUI_TEXT_H

#include <stddef.h>
#include <wchar.h>

#define TEXT_LEFT	0
#define TEXT_RIGHT	1

/*
 * Fit s into exactly width columns (padded with spaces, on the right for
 * TEXT_LEFT, on the left for TEXT_RIGHT) as a wide string in out (cap
 * wide characters with the NUL; cap >= 4 * width + 1 always suffices).
 * Returns the number of columns of text before padding.
 */
int	 text_fit(const char *, int, int, wchar_t *, size_t);
/* Columns s takes on the screen once made safe. */
int	 text_width(const char *);
/* The same fit into a UTF-8 string (out of at least 16 * width + 1). */
int	 text_fit_utf8(const char *, int, int, char *, size_t);

#endif
