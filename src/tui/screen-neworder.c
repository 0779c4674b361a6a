/*
 * screen-neworder.c: a new order (placeholder until the detail screen lands).
 */
#include <stdlib.h>

#include "ordo/xmalloc.h"

#include "tui.h"

static void *
neworder_init(struct tui *t, const struct form *fm, void *arg)
{
	(void)t;
	(void)fm;
	(void)arg;
	return (xcalloc(1, 1));
}

static void
neworder_free(void *p)
{
	free(p);
}

static void
neworder_draw(struct tui *t, void *p)
{
	(void)p;
	werase(t->body);
	tui_put(t->body, 1, 1, _(N_("The new order screen is not in this version yet; use: ordo order new")), t->w - 2, TEXT_LEFT);
}

static void
neworder_key(struct tui *t, void *p, enum action a, int key, int iskey)
{
	(void)p;
	(void)key;
	(void)iskey;
	if (a == A_BACK)
		tui_pop(t);
}

const struct screen_ops screen_neworder_ops = {
	.name = "neworder",
	.minw = 70,
	.minh = 20,
	.init = neworder_init,
	.free = neworder_free,
	.draw = neworder_draw,
	.key = neworder_key,
};
