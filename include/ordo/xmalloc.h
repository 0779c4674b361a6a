/*
 * xmalloc.h: allocation that never returns NULL, and small string helpers.
 *
 * On exhaustion or size overflow these end the process through ordo_fatal
 * (error.h): there is nothing sensible a caller can do, and LMDB's
 * transactions make an abrupt exit safe.
 */
#ifndef ORDO_XMALLOC_H
#define ORDO_XMALLOC_H

#include <stdarg.h>
#include <stddef.h>

void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xreallocarray(void *, size_t, size_t);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);
int	 xasprintf(char **, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
int	 xvasprintf(char **, const char *, va_list)
	    __attribute__((format(printf, 2, 0)));

#endif
