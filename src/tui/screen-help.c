/*
 * screen-help.c: "?" on any screen: that screen's actions with their
 * keys and help, made from the action table and the screen's form, so
 * it is never out of date.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ordo/xmalloc.h"

#include "tui.h"

struct help {
	const struct form	*of;	/* the form of the screen asked about */
	int			 top;
};

static void	*help_init(struct tui *, const struct form *, void *);
static void	 help_free(void *);
static void	 help_draw(struct tui *, void *);
static void	 help_key(struct tui *, void *, enum action, int, int);

const struct screen_ops screen_help_ops = {
	.name = "help",
	.minw = 20,
	.minh = 6,
	.init = help_init,
	.free = help_free,
	.draw = help_draw,
	.key = help_key,
};

static void *
help_init(struct tui *t, const struct form *fm, void *arg)
{
	struct screen	*below = arg;
	struct help	*h;

	(void)t;
	(void)fm;
	h = xcalloc(1, sizeof *h);
	h->of = below->form;
	return (h);
}

static void
help_free(void *p)
{
	free(p);
}

static void
help_draw(struct tui *t, void *p)
{
	struct help	*h = p;
	char		 k1[32], k2[32], keys[80];
	size_t		 i;
	int		 y, kw = 14;
	enum action	 a;

	werase(t->body);
	tui_put(t->body, 0, 0, _(h->of->title), t->w, TEXT_LEFT);
	for (y = 2, i = (size_t)h->top; i < h->of->nactions &&
	    y < t->bodyh; i++, y++) {
		a = h->of->actions[i];
		k1[0] = k2[0] = '\0';
		if (action_key(a) != 0)
			action_key_name(action_key(a), k1, sizeof k1);
		if (action_fkey(a) != 0)
			action_key_name(action_fkey(a), k2, sizeof k2);
		if (strcmp(k1, k2) == 0)
			k2[0] = '\0';
		snprintf(keys, sizeof keys, "%s%s%s", k1,
		    k1[0] != '\0' && k2[0] != '\0' ? " " : "", k2);
		tui_put(t->body, y, 1, keys, kw, TEXT_LEFT);
		tui_put(t->body, y, kw + 2, _(action_help(a)),
		    t->w - kw - 2, TEXT_LEFT);
	}
}

static void
help_key(struct tui *t, void *p, enum action a, int key, int iskey)
{
	struct help	*h = p;

	(void)key;
	(void)iskey;
	switch (a) {
	case A_DOWN:
	case A_PGDN:
		if ((size_t)h->top + 1 < h->of->nactions)
			h->top++;
		break;
	case A_UP:
	case A_PGUP:
		if (h->top > 0)
			h->top--;
		break;
	default:
		/* Any other key goes back. */
		tui_pop(t);
		break;
	}
}
