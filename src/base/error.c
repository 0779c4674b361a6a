/*
 * error.c: the text of an error code, and the cause a function that
 * refuses input gives beside it (error.h).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include <lmdb.h>

#include "ordo/error.h"
#include "ordo/xmalloc.h"

const char *
ordo_strerror(int code)
{
	switch (code) {
#define X(name, value, text) case name: return (text);
	ORDO_ERRORS
#undef X
	}
	return (mdb_strerror(code));
}

int
cause_set(char **cause, int code, const char *fmt, ...)
{
	va_list	 ap;

	if (cause != NULL) {
		free(*cause);
		va_start(ap, fmt);
		xvasprintf(cause, fmt, ap);
		va_end(ap);
	}
	return (code);
}

static void	(*fatal_hook)(void);

void
ordo_fatal_hook(void (*fn)(void))
{
	fatal_hook = fn;
}

void
ordo_fatal(const char *fmt, ...)
{
	void	(*fn)(void) = fatal_hook;
	va_list	 ap;

	fatal_hook = NULL;		/* once, even if it fails itself */
	if (fn != NULL)
		fn();
	fputs("ordo: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(3);
}
