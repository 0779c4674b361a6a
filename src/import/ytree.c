/*
 * ytree.c: see ytree.h.
 */
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "ordo/error.h"
#include "ordo/xmalloc.h"

#include "ytree.h"

static struct ynode *ynode_new(enum ytype, const yaml_event_t *);
static void	 ynode_add(struct ynode *, struct ynode *);

static struct ynode *
ynode_new(enum ytype type, const yaml_event_t *ev)
{
	struct ynode	*n;

	n = xcalloc(1, sizeof *n);
	n->type = type;
	n->line = ev->start_mark.line + 1;
	n->col = ev->start_mark.column + 1;
	return (n);
}

static void
ynode_add(struct ynode *parent, struct ynode *kid)
{
	if (parent->n == parent->cap) {
		parent->cap = parent->cap == 0 ? 8 : parent->cap * 2;
		parent->v = xreallocarray(parent->v, parent->cap,
		    sizeof *parent->v);
	}
	parent->v[parent->n++] = kid;
}

void
ytree_free(struct ynode *n)
{
	size_t	 i;

	if (n == NULL)
		return;
	for (i = 0; i < n->n; i++)
		ytree_free(n->v[i]);
	free(n->v);
	free(n->s);
	free(n);
}

int
ytree_parse(const char *name, const char *buf, size_t len,
    struct ynode **rootp, char **cause)
{
	yaml_parser_t	 p;
	yaml_event_t	 ev;
	struct ynode	*root = NULL, *stack[YTREE_MAX_DEPTH], *n, *top;
	size_t		 depth = 0, nodes = 0, i, j;
	int		 done = 0, docs = 0, rc = 0;
	const char	*anchor, *tag;

	*rootp = NULL;
	if (len > YTREE_MAX_INPUT)
		return (cause_set(cause, ORDO_ECONFIG, "%s: larger than %d"
		    " bytes", name, YTREE_MAX_INPUT));
	if (!yaml_parser_initialize(&p))
		return (cause_set(cause, ORDO_ECONFIG, "%s: cannot start the"
		    " YAML parser", name));
	yaml_parser_set_input_string(&p, (const unsigned char *)buf, len);
	while (!done) {
		if (!yaml_parser_parse(&p, &ev)) {
			rc = cause_set(cause, ORDO_ECONFIG, "%s:%zu:%zu: %s",
			    name, p.problem_mark.line + 1,
			    p.problem_mark.column + 1, p.problem != NULL ?
			    p.problem : "YAML error");
			break;
		}
		anchor = tag = NULL;
		n = NULL;
		switch (ev.type) {
		case YAML_STREAM_END_EVENT:
			done = 1;
			break;
		case YAML_DOCUMENT_START_EVENT:
			if (++docs > 1)
				rc = cause_set(cause, ORDO_ECONFIG, "%s:%zu:%zu:"
				    " only one YAML document is allowed", name,
				    ev.start_mark.line + 1,
				    ev.start_mark.column + 1);
			break;
		case YAML_ALIAS_EVENT:
			rc = cause_set(cause, ORDO_ECONFIG, "%s:%zu:%zu: aliases"
			    " (*name) are not allowed", name,
			    ev.start_mark.line + 1, ev.start_mark.column + 1);
			break;
		case YAML_SCALAR_EVENT:
			anchor = (const char *)ev.data.scalar.anchor;
			tag = (const char *)ev.data.scalar.tag;
			if (anchor != NULL || tag != NULL)
				break;
			if (ev.data.scalar.length > YTREE_MAX_SCALAR ||
			    memchr(ev.data.scalar.value, '\0',
			    ev.data.scalar.length) != NULL) {
				rc = cause_set(cause, ORDO_ECONFIG, "%s:%zu:%zu:"
				    " value too long or with a NUL", name,
				    ev.start_mark.line + 1,
				    ev.start_mark.column + 1);
				break;
			}
			n = ynode_new(Y_SCALAR, &ev);
			n->s = xstrndup((const char *)ev.data.scalar.value,
			    ev.data.scalar.length);
			n->plain = ev.data.scalar.style ==
			    YAML_PLAIN_SCALAR_STYLE;
			break;
		case YAML_SEQUENCE_START_EVENT:
			anchor = (const char *)ev.data.sequence_start.anchor;
			tag = (const char *)ev.data.sequence_start.tag;
			if (anchor == NULL && tag == NULL)
				n = ynode_new(Y_SEQ, &ev);
			break;
		case YAML_MAPPING_START_EVENT:
			anchor = (const char *)ev.data.mapping_start.anchor;
			tag = (const char *)ev.data.mapping_start.tag;
			if (anchor == NULL && tag == NULL)
				n = ynode_new(Y_MAP, &ev);
			break;
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			top = stack[--depth];
			for (i = 0; top->type == Y_MAP && i < top->n; i += 2)
				for (j = i + 2; j < top->n; j += 2)
					if (strcmp(top->v[i]->s,
					    top->v[j]->s) == 0 && rc == 0)
						rc = cause_set(cause,
						    ORDO_ECONFIG, "%s:%zu:%zu:"
						    " \"%s\" given twice", name,
						    top->v[j]->line,
						    top->v[j]->col,
						    top->v[j]->s);
			break;
		default:
			break;
		}
		if (rc == 0 && (anchor != NULL || tag != NULL))
			rc = cause_set(cause, ORDO_ECONFIG, "%s:%zu:%zu: %s are"
			    " not allowed", name, ev.start_mark.line + 1,
			    ev.start_mark.column + 1, anchor != NULL ?
			    "anchors (&name)" : "tags (!tag)");
		if (n != NULL && rc == 0 && ++nodes > YTREE_MAX_NODES)
			rc = cause_set(cause, ORDO_ECONFIG, "%s:%zu:%zu: more"
			    " than %d values", name, n->line, n->col,
			    YTREE_MAX_NODES);
		if (n != NULL && rc == 0) {
			if (depth > 0) {
				top = stack[depth - 1];
				if (top->type == Y_MAP && top->n % 2 == 0 &&
				    n->type != Y_SCALAR)
					rc = cause_set(cause, ORDO_ECONFIG,
					    "%s:%zu:%zu: a key must be a plain"
					    " string", name, n->line, n->col);
				ynode_add(top, n);
			} else if (root == NULL)
				root = n;
			else
				ytree_free(n);
			if (rc == 0 && n->type != Y_SCALAR) {
				if (depth == YTREE_MAX_DEPTH)
					rc = cause_set(cause, ORDO_ECONFIG,
					    "%s:%zu:%zu: nested deeper than %d",
					    name, n->line, n->col,
					    YTREE_MAX_DEPTH);
				else
					stack[depth++] = n;
			}
		} else if (n != NULL)
			ytree_free(n);
		yaml_event_delete(&ev);
		if (rc != 0)
			break;
	}
	yaml_parser_delete(&p);
	if (rc != 0) {
		ytree_free(root);
		return (rc);
	}
	if (root == NULL)
		return (cause_set(cause, ORDO_ECONFIG, "%s: empty", name));
	*rootp = root;
	return (0);
}
