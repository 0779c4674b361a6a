/*
 * text.h: UTF-8 text: validity, display width, control characters, the
 * checks of a text field or an identifier a user typed.
 */
#ifndef ORDO_TEXT_H
#define ORDO_TEXT_H

#include <stddef.h>
#include <stdint.h>

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
/* Case-folded (ASCII) copy, for name indexes. */
char	*str_fold(const char *);

#endif
