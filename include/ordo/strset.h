/*
 * strset.h: a sorted set of strings.
 */
#ifndef ORDO_STRSET_H
#define ORDO_STRSET_H

#include <stddef.h>

/* A sorted set of strings: what a search has already visited. */
struct strset {
	char	**v;
	size_t	  n;
	size_t	  cap;
};
/* Add a copy of s; 1 if it was new, 0 if already there. */
int	 strset_add(struct strset *, const char *);
void	 strset_free(struct strset *);

#endif
