/*
 * list.c: what the list screens share: one row of a form's columns
 * (headers or cells) drawn in the columns that fit, and the customer
 * lookup that the counter's screens ask for (a code, a name or a phone).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ordo/customer.h"
#include "ordo/xmalloc.h"

#include "tui.h"

#define LOOK_MAX	6	/* matches named before "type more" */

void
tui_row(struct tui *t, const struct form *fm, const int *shown, int y,
    tui_cell_fn cell, const void *row, int attr)
{
	const struct form_column *c;
	char			 buf[512];
	size_t			 k;
	int			 x = 0;

	wattrset(t->body, attr);
	for (k = 0; k < fm->ncolumns; k++) {
		if (!shown[k])
			continue;
		c = &fm->columns[k];
		if (x + c->width > t->w)
			break;
		buf[0] = '\0';
		if (row == NULL)
			snprintf(buf, sizeof buf, "%s", _(c->header));
		else
			cell(t, row, c->field, buf, sizeof buf);
		tui_put(t->body, y, x, buf, c->width, c->align);
		x += c->width;
		if (x < t->w)
			mvwaddch(t->body, y, x++, ' ');
	}
	if (x < t->w)
		tui_put(t->body, y, x, "", t->w - x, TEXT_LEFT);
	wattrset(t->body, A_NORMAL);
}

struct look {
	const char	*q;
	int		 n;
	char		*code;		/* the first (the one if n == 1) */
	char		*name;
	char		 list[256];
};

static void
look_add(struct look *f, const char *code, const char *name)
{
	size_t	 o = strlen(f->list);

	if (f->n++ == 0) {
		f->code = xstrdup(code);
		f->name = xstrdup(name != NULL ? name : "");
	}
	if (f->n <= LOOK_MAX && o < sizeof f->list - 1)
		snprintf(f->list + o, sizeof f->list - o, "%s%s", o > 0 ?
		    ", " : "", code);
}

static int
look_fn(const struct customer *c, void *arg)
{
	struct look	*f = arg;

	if (f->code != NULL && strcmp(f->code, c->code) == 0)
		return (0);
	look_add(f, c->code, c->name);
	return (f->n > LOOK_MAX);
}

static int
look_tx(struct db_txn *tx, void *arg, char **cause)
{
	struct look	*f = arg;
	struct customer	 c;

	(void)cause;
	if (customer_get(tx, f->q, &c, NULL) == 0) {
		look_add(f, c.code, c.name);
		customer_free(&c);
		return (0);
	}
	return (customer_search(tx, f->q, look_fn, f));
}

int
tui_customer_find(struct tui *t, const char *q, char **code, char **name)
{
	struct look	 f;
	int		 rc = -1;

	memset(&f, 0, sizeof f);
	f.q = q;
	if (tui_read(t, look_tx, &f) != 0)
		goto out;
	if (f.n == 0) {
		tui_errf(t, _("no customer %s (code, name or phone)"), q);
		goto out;
	}
	if (f.n > 1) {
		tui_errf(t, _("%d match: %s; type more"), f.n, f.list);
		goto out;
	}
	*code = f.code;
	if (name != NULL)
		*name = f.name;
	else
		free(f.name);
	f.code = f.name = NULL;
	rc = 0;
out:
	free(f.code);
	free(f.name);
	return (rc);
}
