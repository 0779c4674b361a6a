/*
 * screen-items.c: the items and their stock, by SKU, a page at a time
 * (item_each from the last SKU shown; the SKUs where earlier pages began
 * are kept to page back), with the stock of every location summed: on
 * hand, reserved, available, and "low" where available is at or below
 * the item's reorder point (stock_low).  "/" finds by SKU or name
 * (item_search).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ordo/company.h"
#include "ordo/config.h"
#include "ordo/item.h"
#include "ordo/stock.h"
#include "ordo/xmalloc.h"

#include "tui.h"

#define CL_MAXROWS	256
#define CL_MAXCOLS	16

struct crow {
	char		*code;
	char		*name;
	char		*phone;		/* the unit */
	int64_t		 on_hand;
	int64_t		 reserved;
	int		 low;
};

struct customers {
	const struct form *fm;
	struct crow	 rows[CL_MAXROWS];
	int		 nrows;
	int		 sel;
	char		**starts;	/* first code of each earlier page */
	size_t		 nstarts;
	char		*first;		/* first code of this page, or NULL */
	char		*search;	/* a search shows its hits instead */
	int		 more;		/* a next page exists */
	uint64_t	 gen;
	int		 stale;
	int		 shown[CL_MAXCOLS];
};

struct cfetch {
	struct customers *cl;
	struct db_txn	*tx;
	const char	*skip;		/* start after this code */
	int		 want;
};

static void	*cl_init(struct tui *, const struct form *, void *);
static void	 cl_free(void *);
static void	 cl_resize(struct tui *, void *);
static void	 cl_draw(struct tui *, void *);
static void	 cl_key(struct tui *, void *, enum action, int, int);

const struct screen_ops screen_items_ops = {
	.name = "items",
	.minw = 30,
	.minh = 8,
	.init = cl_init,
	.free = cl_free,
	.resize = cl_resize,
	.draw = cl_draw,
	.key = cl_key,
};

static void
rows_free(struct customers *cl)
{
	int	 i;

	for (i = 0; i < cl->nrows; i++) {
		free(cl->rows[i].code);
		free(cl->rows[i].name);
		free(cl->rows[i].phone);
	}
	cl->nrows = 0;
}

static int
page_rows(struct tui *t)
{
	int	 n = t->bodyh - 1;

	if (n < 1)
		n = 1;
	return (n > CL_MAXROWS ? CL_MAXROWS : n);
}

static int
fetch_fn(const struct item *c, void *arg)
{
	struct cfetch	*f = arg;
	struct customers *cl = f->cl;
	const struct config *cfg = f->tx->co->cfg;
	struct crow	*r;
	struct stock	 st;
	int64_t		 avail;
	size_t		 i;

	if (cl->nrows == f->want) {
		cl->more = 1;
		return (1);
	}
	r = &cl->rows[cl->nrows++];
	memset(r, 0, sizeof *r);
	r->code = xstrdup(c->sku);
	r->name = xstrdup(c->name != NULL ? c->name : "");
	r->phone = xstrdup(c->unit != NULL ? c->unit : "");
	for (i = 0; i < cfg->nlocations; i++) {
		if (stock_get(f->tx, c->sku, cfg->locations[i].code,
		    &st) != 0)
			continue;
		r->on_hand += st.on_hand;
		r->reserved += st.reserved;
		stock_free(&st);
	}
	r->low = stock_low(f->tx, c->sku, &avail) == 1;
	return (0);
}

static int
fetch_tx(struct db_txn *tx, void *arg, char **cause)
{
	struct cfetch	*f = arg;

	(void)cause;
	f->tx = tx;
	if (f->cl->search != NULL)
		return (item_search(tx, f->cl->search, fetch_fn, f));
	return (item_each(tx, f->skip, fetch_fn, f));
}

/* Read the page that starts after code skip (NULL: the first). */
static void
cl_load(struct tui *t, struct customers *cl, const char *skip)
{
	struct cfetch	 f;

	rows_free(cl);
	memset(&f, 0, sizeof f);
	f.cl = cl;
	f.skip = skip;
	f.want = page_rows(t);
	cl->more = 0;
	tui_read(t, fetch_tx, &f);
	if (cl->sel >= cl->nrows)
		cl->sel = cl->nrows > 0 ? cl->nrows - 1 : 0;
	cl->gen = t->gen;
	cl->stale = 0;
}

static void *
cl_init(struct tui *t, const struct form *fm, void *arg)
{
	struct customers *cl;

	(void)arg;
	if (fm->ncolumns > CL_MAXCOLS)
		return (NULL);
	cl = xcalloc(1, sizeof *cl);
	cl->fm = fm;
	form_fit(fm, t->w, cl->shown);
	cl->stale = 1;
	return (cl);
}

static void
cl_free(void *p)
{
	struct customers *cl = p;
	size_t		 i;

	rows_free(cl);
	for (i = 0; i < cl->nstarts; i++)
		free(cl->starts[i]);
	free(cl->starts);
	free(cl->first);
	free(cl->search);
	free(cl);
}

static void
cl_resize(struct tui *t, void *p)
{
	struct customers *cl = p;

	form_fit(cl->fm, t->w, cl->shown);
	cl->stale = 1;
}

static void
cell(struct tui *t, const struct crow *r, const char *field, char *buf,
    size_t len)
{
	(void)t;
	buf[0] = '\0';
	if (strcmp(field, "code") == 0)
		snprintf(buf, len, "%s", r->code);
	else if (strcmp(field, "name") == 0)
		snprintf(buf, len, "%s", r->name);
	else if (strcmp(field, "unit") == 0)
		snprintf(buf, len, "%s", r->phone);
	else if (strcmp(field, "on_hand") == 0)
		snprintf(buf, len, "%lld", (long long)r->on_hand);
	else if (strcmp(field, "reserved") == 0)
		snprintf(buf, len, "%lld", (long long)r->reserved);
	else if (strcmp(field, "available") == 0)
		snprintf(buf, len, "%lld", (long long)(r->on_hand -
		    r->reserved));
	else if (strcmp(field, "low") == 0)
		snprintf(buf, len, "%s", r->low ? _("low") : "");
}

static void
row(struct tui *t, struct customers *cl, int y, const struct crow *r,
    int attr)
{
	const struct form_column *c;
	char			 buf[512];
	size_t			 k;
	int			 x = 0;

	wattrset(t->body, attr);
	for (k = 0; k < cl->fm->ncolumns; k++) {
		if (!cl->shown[k])
			continue;
		c = &cl->fm->columns[k];
		if (x + c->width > t->w)
			break;
		if (r == NULL)
			snprintf(buf, sizeof buf, "%s", _(c->header));
		else
			cell(t, r, c->field, buf, sizeof buf);
		if (r != NULL && r->low && attr == A_NORMAL &&
		    strcmp(c->field, "low") == 0)
			wattrset(t->body, A_BOLD);
		tui_put(t->body, y, x, buf, c->width, c->align);
		wattrset(t->body, attr);
		x += c->width;
		if (x < t->w)
			mvwaddch(t->body, y, x++, ' ');
	}
	if (x < t->w)
		tui_put(t->body, y, x, "", t->w - x, TEXT_LEFT);
	wattrset(t->body, A_NORMAL);
}

static void
cl_draw(struct tui *t, void *p)
{
	struct customers *cl = p;
	int		 i, n;

	if (cl->stale || cl->gen != t->gen) {
		/* This page again: from the code before its first. */
		cl_load(t, cl, cl->nstarts > 0 ?
		    cl->starts[cl->nstarts - 1] : NULL);
	}
	row(t, cl, 0, NULL, A_BOLD | A_UNDERLINE);
	n = page_rows(t);
	for (i = 0; i < n; i++) {
		if (i < cl->nrows)
			row(t, cl, i + 1, &cl->rows[i], i == cl->sel ?
			    A_REVERSE : A_NORMAL);
		else
			tui_put(t->body, i + 1, 0, "", t->w, TEXT_LEFT);
	}
	if (cl->nrows == 0)
		tui_put(t->body, 1, 0, _("No items."), t->w, TEXT_LEFT);
	if (t->msg[0] == '\0' && cl->search != NULL)
		snprintf(t->msg, sizeof t->msg, "/%s", cl->search);
}

static void
next_page(struct tui *t, struct customers *cl)
{
	if (!cl->more || cl->search != NULL || cl->nrows == 0)
		return;
	cl->starts = xreallocarray(cl->starts, cl->nstarts + 1,
	    sizeof *cl->starts);
	cl->starts[cl->nstarts++] = xstrdup(cl->rows[cl->nrows - 1].code);
	cl_load(t, cl, cl->starts[cl->nstarts - 1]);
	cl->sel = 0;
}

static void
prev_page(struct tui *t, struct customers *cl)
{
	if (cl->nstarts == 0 || cl->search != NULL)
		return;
	free(cl->starts[--cl->nstarts]);
	cl_load(t, cl, cl->nstarts > 0 ? cl->starts[cl->nstarts - 1] : NULL);
	cl->sel = cl->nrows > 0 ? cl->nrows - 1 : 0;
}

static void
cl_key(struct tui *t, void *p, enum action a, int key, int iskey)
{
	struct customers *cl = p;
	char		*q;

	(void)key;
	(void)iskey;
	switch (a) {
	case A_DOWN:
		if (cl->sel + 1 < cl->nrows)
			cl->sel++;
		else
			next_page(t, cl);
		break;
	case A_UP:
		if (cl->sel > 0)
			cl->sel--;
		else
			prev_page(t, cl);
		break;
	case A_PGDN:
		next_page(t, cl);
		break;
	case A_PGUP:
		prev_page(t, cl);
		cl->sel = 0;
		break;
	case A_HOME:
		while (cl->nstarts > 0)
			free(cl->starts[--cl->nstarts]);
		cl->sel = 0;
		cl->stale = 1;
		break;
	case A_END:
		cl->sel = cl->nrows > 0 ? cl->nrows - 1 : 0;
		break;
	case A_SEARCH:
		q = tui_prompt(t, "/", cl->search, PROMPT_SKU, NULL,
		    NULL);
		if (q == NULL)
			break;
		free(cl->search);
		cl->search = *q != '\0' ? q : NULL;
		if (cl->search == NULL)
			free(q);
		cl->sel = 0;
		cl->stale = 1;
		break;
	case A_NEW:
		tui_push(t, &screen_neworder_ops, NULL);
		cl->stale = 1;
		break;
	case A_REFRESH:
		cl->stale = 1;
		clearok(curscr, TRUE);
		break;
	case A_BACK:
		tui_pop(t);
		break;
	default:
		break;
	}
}
