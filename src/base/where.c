/*
 * where.c: the field a refusal points at (where.h).
 */
#include <stddef.h>

#include "ordo/where.h"

static _Thread_local struct ordo_where where_last;

struct ordo_where
ordo_where(void)
{
	return (where_last);
}

void
ordo_where_set(const char *field, unsigned line)
{
	where_last.field = field;
	where_last.line = line;
}

void
ordo_where_clear(void)
{
	where_last.field = NULL;
	where_last.line = 0;
}
