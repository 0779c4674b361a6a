/*
 * strset.c: a sorted set of strings.
 */
#include <stdlib.h>
#include <string.h>

#include "ordo/strset.h"
#include "ordo/xmalloc.h"

int
strset_add(struct strset *s, const char *str)
{
	size_t	 lo = 0, hi = s->n, mid;
	int	 c;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if ((c = strcmp(str, s->v[mid])) == 0)
			return (0);
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 16;
		s->v = xreallocarray(s->v, s->cap, sizeof *s->v);
	}
	memmove(s->v + lo + 1, s->v + lo, (s->n - lo) * sizeof *s->v);
	s->v[lo] = xstrdup(str);
	s->n++;
	return (1);
}

void
strset_free(struct strset *s)
{
	size_t	 i;

	for (i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
	memset(s, 0, sizeof *s);
}
