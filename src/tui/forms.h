/*
 * forms.h: screens as data.  forms/NAME.yaml describes one screen: its
 * title, its form fields, its list columns and its actions by name.  The
 * file is read with the same YAML reader as the configuration (yamlev):
 * unknown keys, aliases, tags and bad text are errors naming
 * file:line:column.  No curses here: the unit test reads every form.
 *
 *   screen: orders            # must match the file's name
 *   title: Orders             # translated at draw time (po/zh_CN.po)
 *   fields:                   # form screens
 *     - name: customer        # the core field
 *       label: Customer
 *       type: lookup:customer # text code money qty date enum
 *                             #   lookup:customer lookup:item
 *       width: 24             # columns on screen
 *       max: 32               # bytes; held to the headers by a test
 *       required: true
 *       readonly: false
 *       help: Code, name or phone
 *   columns:                  # list screens
 *     - field: id
 *       header: Order
 *       width: 7
 *       align: right          # left (default) or right
 *       drop: 0               # 0 never; narrow terminals drop the
 *                             # highest number first
 *   actions: [open, search, filter, new-order, refresh, help, back]
 */
#ifndef ORDO_TUI_FORMS_H
#define ORDO_TUI_FORMS_H

#include <stddef.h>

#include "action.h"

#define FORMS_TYPES							\
	X(FT_TEXT,	"text")						\
	X(FT_CODE,	"code")						\
	X(FT_MONEY,	"money")					\
	X(FT_QTY,	"qty")						\
	X(FT_DATE,	"date")						\
	X(FT_ENUM,	"enum")						\
	X(FT_CUSTOMER,	"lookup:customer")				\
	X(FT_ITEM,	"lookup:item")

enum form_type {
#define X(id, name) id,
	FORMS_TYPES
#undef X
	FT_NTYPES
};

struct form_field {
	char		*name;
	char		*label;
	char		*help;
	enum form_type	 type;
	int		 width;
	int		 max;
	int		 required;
	int		 readonly;
};

struct form_column {
	char		*field;
	char		*header;
	int		 width;
	int		 align;		/* TEXT_LEFT, TEXT_RIGHT */
	int		 drop;
};

struct form {
	char		*path;
	char		*screen;
	char		*title;
	struct form_field *fields;
	size_t		 nfields;
	struct form_column *columns;
	size_t		 ncolumns;
	enum action	*actions;
	size_t		 nactions;
};

/* The folder of the forms: beside the binary's tree, or installed. */
const char *forms_dir(void);
/* Read dir/name.yaml; ORDO_ECONFIG with "file:line:col: ..." in cause. */
int	 form_load(const char *, const char *, struct form **, char **);
void	 form_free(struct form *);
const struct form_field *form_field(const struct form *, const char *);
int	 form_has_action(const struct form *, enum action);
/*
 * Choose the columns that fit in width (one space between columns):
 * drop the highest drop number first, then the next.  shown[i] is 1 for
 * a kept column.  Returns the number kept.
 */
size_t	 form_fit(const struct form *, int, int *);

/*
 * Key bindings: a file "keys.yaml" beside the configuration may rebind
 * actions for every screen:
 *   keys:
 *     confirm: C          # the letter (or ^X control) key
 *     ship: [s, F11]      # the letter key and the function key
 * Unknown actions and key names are errors naming file:line:column.
 * A missing file is no error.
 */
int	 keys_load(const char *, char **);
/*
 * Every form in dir: no two actions of one screen on one key, and every
 * action with a letter key.  ORDO_ECONFIG naming the screen, the two
 * actions and the key.
 */
int	 forms_check_keys(const char *, char **);

#endif
