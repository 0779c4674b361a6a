/*
 * screen-menu.c: the main menu and the reports menu (libmenu).  Each
 * entry opens a screen; an entry whose screen this version does not have
 * yet says which ordo command does the job instead.  The last entry
 * leaves the menu (Quit, Back).
 */
#include <menu.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ordo/xmalloc.h"

#include "tui.h"

struct entry {
	const char		*label;
	const struct screen_ops	*ops;		/* NULL: not here yet */
	const char		*instead;	/* the command to use */
};

static const struct entry main_entries[] = {
	{ N_("Orders"), &screen_orders_ops, NULL },
	{ N_("New order"), &screen_neworder_ops, NULL },
	{ N_("Customers"), &screen_customers_ops, NULL },
	{ N_("Items & stock"), &screen_items_ops, NULL },
	{ N_("Payments"), &screen_payments_ops, NULL },
	{ N_("Backorders"), &screen_backorders_ops, NULL },
	{ N_("Imports"), NULL, "ordo import --list" },
	{ N_("Reports"), &screen_reports_ops, NULL },
	{ N_("Admin"), NULL, "ordo check, ordo backup" },
	{ N_("Quit"), NULL, NULL },
};

/* The reports: the books, ageing and statements need a manager. */
static const struct entry report_entries[] = {
	{ N_("Day summary"), &screen_day_ops, NULL },
	{ N_("Trial balance"), &screen_tb_ops, NULL },
	{ N_("Ageing"), &screen_aging_ops, NULL },
	{ N_("Customer statement"), &screen_statement_ops, NULL },
	{ N_("Backorders"), &screen_backorders_ops, NULL },
	{ N_("Back"), NULL, NULL },
};

#define MAXENTRIES	16

/* The last entry of each menu leaves it (Quit, Back). */
struct menu_state {
	const struct entry *entries;
	size_t	 n;
	const char *heading;
	ITEM	*items[MAXENTRIES + 1];
	MENU	*menu;
	WINDOW	*sub;
	int	 posted;
	int	 cur;
};

static void	*mm_init(struct tui *, const struct form *, void *);
static void	 mm_free(void *);
static void	 mm_resize(struct tui *, void *);
static void	 mm_draw(struct tui *, void *);
static void	 mm_key(struct tui *, void *, enum action, int, int);
static void	 mm_unpost(struct menu_state *);
static void	 mm_open(struct tui *, struct menu_state *, int);

const struct screen_ops screen_menu_ops = {
	.name = "menu",
	.minw = 24,
	.minh = 15,
	.init = mm_init,
	.free = mm_free,
	.resize = mm_resize,
	.draw = mm_draw,
	.key = mm_key,
};

const struct screen_ops screen_reports_ops = {
	.name = "reports",
	.minw = 24,
	.minh = 11,
	.init = mm_init,
	.free = mm_free,
	.resize = mm_resize,
	.draw = mm_draw,
	.key = mm_key,
};

static void *
mm_init(struct tui *t, const struct form *fm, void *arg)
{
	struct menu_state	*m;
	size_t			 i;
	uint64_t		 draft;
	char			*cust = NULL;

	(void)arg;
	m = xcalloc(1, sizeof *m);
	if (strcmp(fm->screen, "reports") == 0) {
		m->entries = report_entries;
		m->n = sizeof report_entries / sizeof report_entries[0];
		m->heading = N_("Reports");
	} else {
		m->entries = main_entries;
		m->n = sizeof main_entries / sizeof main_entries[0];
		m->heading = N_("Main menu");
	}
	for (i = 0; i < m->n; i++)
		m->items[i] = new_item(_(m->entries[i].label), "");
	m->items[m->n] = NULL;
	m->menu = new_menu(m->items);
	set_menu_mark(m->menu, "> ");
	set_menu_fore(m->menu, A_REVERSE);
	set_menu_back(m->menu, A_NORMAL);
	menu_opts_off(m->menu, O_SHOWDESC);
	mm_resize(t, m);
	if (m->entries != main_entries)
		return (m);
	draft = neworder_my_draft(t, &cust, NULL);
	if (draft != 0)
		tui_msg(t, _("Your draft order %llu (%s) is kept: New order "
		    "continues it"), (unsigned long long)draft, cust);
	free(cust);
	return (m);
}

static void
mm_unpost(struct menu_state *m)
{
	if (m->posted) {
		m->cur = item_index(current_item(m->menu));
		unpost_menu(m->menu);
		m->posted = 0;
	}
	if (m->sub != NULL) {
		delwin(m->sub);
		m->sub = NULL;
	}
}

static void
mm_free(void *p)
{
	struct menu_state	*m = p;
	size_t			 i;

	mm_unpost(m);
	free_menu(m->menu);
	for (i = 0; i < m->n; i++)
		free_item(m->items[i]);
	free(m);
}

/* The body window is new: post the menu into it again. */
static void
mm_resize(struct tui *t, void *p)
{
	struct menu_state	*m = p;
	int			 rows, cols;

	mm_unpost(m);
	if (t->body == NULL || t->small)
		return;
	set_menu_format(m->menu, t->bodyh - 2 < (int)m->n ?
	    t->bodyh - 2 : (int)m->n, 1);
	scale_menu(m->menu, &rows, &cols);
	if (cols > t->w - 4)
		cols = t->w - 4;
	m->sub = derwin(t->body, rows, cols, 2, 2);
	if (m->sub == NULL)
		return;
	set_menu_win(m->menu, t->body);
	set_menu_sub(m->menu, m->sub);
	werase(t->body);
	if (post_menu(m->menu) == E_OK) {
		m->posted = 1;
		set_current_item(m->menu, m->items[m->cur]);
	}
}

static void
mm_draw(struct tui *t, void *p)
{
	struct menu_state	*m = p;

	if (!m->posted)
		mm_resize(t, m);
	tui_put(t->body, 0, 2, _(m->heading), t->w - 4, TEXT_LEFT);
	if (m->sub != NULL) {
		touchwin(t->body);
		wnoutrefresh(t->body);
		wnoutrefresh(m->sub);
	}
}

static void
mm_open(struct tui *t, struct menu_state *m, int i)
{
	const struct entry	*e = &m->entries[i];

	m->cur = i;
	if (i == (int)m->n - 1) {
		tui_pop(t);
		return;
	}
	if (e->ops == NULL) {
		tui_msg(t, _("%s is not in this version of the screens yet; "
		    "use: %s"), _(e->label), e->instead);
		return;
	}
	mm_unpost(m);
	tui_push(t, e->ops, NULL);
}

static void
mm_key(struct tui *t, void *p, enum action a, int key, int iskey)
{
	struct menu_state	*m = p;

	if (!m->posted)
		return;
	switch (a) {
	case A_UP:
		menu_driver(m->menu, REQ_UP_ITEM);
		break;
	case A_DOWN:
		menu_driver(m->menu, REQ_DOWN_ITEM);
		break;
	case A_HOME:
	case A_PGUP:
		menu_driver(m->menu, REQ_FIRST_ITEM);
		break;
	case A_END:
	case A_PGDN:
		menu_driver(m->menu, REQ_LAST_ITEM);
		break;
	case A_OPEN:
		mm_open(t, m, item_index(current_item(m->menu)));
		break;
	case A_NEW:
		mm_open(t, m, 1);
		break;
	case A_BACK:
		tui_pop(t);
		break;
	default:
		/* 1-9 and 0 choose an entry directly. */
		if (!iskey && key >= '1' && key <= '9' &&
		    key - '1' < (int)m->n)
			mm_open(t, m, key - '1');
		else if (!iskey && key == '0')
			mm_open(t, m, (int)m->n - 1);
		break;
	}
}
