/*
 * i18n.c: see i18n.h.
 *
 * GNU gettext picks a catalogue from the LC_MESSAGES locale, and from
 * LANGUAGE only when that locale is not "C".  When LANG=zh_CN.UTF-8 names
 * a locale that is not installed, setlocale() fails and the locale stays
 * "C": gettext would then return every English string.  So we set
 * LC_MESSAGES (and LC_CTYPE) to C.UTF-8 instead, and hand the wanted
 * language to gettext through LANGUAGE (only when the user set none).
 *
 * The catalogue is found beside the binary (build/locale, for a checkout)
 * or in the installed LOCALEDIR; never through the environment, which a
 * setgid ordo does not trust.
 */
#include <langinfo.h>
#include <libintl.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "i18n.h"

#ifndef LOCALEDIR
#define LOCALEDIR	"/usr/local/share/locale"
#endif

static const char *lang_wanted(void);
static void	 find_catalogue(char *, size_t);

/* The language the user asked for, POSIX precedence; NULL if none. */
static const char *
lang_wanted(void)
{
	static const char *const vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };
	const char	*v;
	size_t		 i;

	for (i = 0; i < sizeof vars / sizeof vars[0]; i++) {
		v = getenv(vars[i]);
		if (v != NULL && *v != '\0')
			return (v);
	}
	return (NULL);
}

static void
find_catalogue(char *dir, size_t len)
{
	char	 exe[PATH_MAX - 64], *slash;
	ssize_t	 n;

	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		if ((slash = strrchr(exe, '/')) != NULL) {
			*slash = '\0';
			snprintf(dir, len, "%s/locale", exe);
			if (access(dir, R_OK | X_OK) == 0)
				return;
		}
	}
	snprintf(dir, len, "%s", LOCALEDIR);
}

int
i18n_init(void)
{
	const char	*want, *lang;
	char		 dir[PATH_MAX], code[64];
	size_t		 n;
	int		 utf8;

	want = lang_wanted();
	utf8 = setlocale(LC_ALL, "") != NULL &&
	    strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
	if (!utf8) {
		setlocale(LC_ALL, "C");
		if (setlocale(LC_CTYPE, "C.UTF-8") == NULL)
			return (-1);
		setlocale(LC_MESSAGES, "C.UTF-8");
		/* "zh_CN.UTF-8" -> "zh_CN" for LANGUAGE. */
		lang = getenv("LANGUAGE");
		if (want != NULL && (lang == NULL || *lang == '\0') &&
		    strcmp(want, "C") != 0 && strcmp(want, "POSIX") != 0 &&
		    strncmp(want, "C.", 2) != 0) {
			n = strcspn(want, ".@");
			if (n >= sizeof code)
				n = sizeof code - 1;
			memcpy(code, want, n);
			code[n] = '\0';
			setenv("LANGUAGE", code, 1);
		}
	}
	find_catalogue(dir, sizeof dir);
	bindtextdomain("ordo", dir);
	bind_textdomain_codeset("ordo", "UTF-8");
	textdomain("ordo");
	return (0);
}
