/*
 * ytree.h: untrusted YAML read into a small tree with positions (private
 * to src/import).
 *
 * libyaml's event API with our own limits, as config files need them:
 * no aliases, no anchors, no tags, one document, depth at most
 * YTREE_MAX_DEPTH, at most YTREE_MAX_NODES nodes, scalars at most
 * YTREE_MAX_SCALAR bytes with no NUL, mapping keys plain scalars and
 * unique.  Errors are "name:line:column: what".
 */
#ifndef ORDO_YTREE_H
#define ORDO_YTREE_H

#include <stddef.h>

#define YTREE_MAX_DEPTH		32
#define YTREE_MAX_NODES		20000
#define YTREE_MAX_SCALAR	4096
#define YTREE_MAX_INPUT		(1024 * 1024)

enum ytype {
	Y_SCALAR,
	Y_MAP,
	Y_SEQ
};

struct ynode {
	enum ytype	 type;
	char		*s;		/* scalar text */
	int		 plain;		/* scalar written without quotes */
	size_t		 line;		/* 1-based */
	size_t		 col;		/* 1-based */
	struct ynode	**v;		/* map: key, value, key, value... */
	size_t		 n;
	size_t		 cap;
};

int	 ytree_parse(const char *, const char *, size_t, struct ynode **,
	    char **);
void	 ytree_free(struct ynode *);

#endif
