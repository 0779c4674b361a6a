/*
 * i18n.h: the locale of the TUI and its message catalogue.
 */
#ifndef ORDO_TUI_I18N_H
#define ORDO_TUI_I18N_H

#include <libintl.h>

#define _(s)		gettext(s)
#ifndef N_
#define N_(s)		(s)
#endif

/*
 * Set the locale: characters from the environment when that locale is
 * UTF-8 and installed, else C.UTF-8; messages from LANGUAGE, LC_ALL,
 * LC_MESSAGES or LANG even when that locale is not installed (a fresh
 * Debian has only C.UTF-8).  Returns 0, or -1 when no UTF-8 character
 * handling could be had (the caller refuses to draw).
 */
int	 i18n_init(void);

#endif
