/*
 * screen-order.c: one order (placeholder until the detail screen lands).
 */
#include <stdlib.h>

#include "ordo/xmalloc.h"

#include "tui.h"

static void *
order_init(struct tui *t, const struct form *fm, void *arg)
{
	(void)t;
	(void)fm;
	(void)arg;
	return (xcalloc(1, 1));
}

static void
order_free(void *p)
{
	free(p);
}

static void
order_draw(struct tui *t, void *p)
{
	(void)p;
	werase(t->body);
	tui_put(t->body, 1, 1, _(N_("The order detail screen is not in this version yet; use: ordo order show N")), t->w - 2, TEXT_LEFT);
}

static void
order_key(struct tui *t, void *p, enum action a, int key, int iskey)
{
	(void)p;
	(void)key;
	(void)iskey;
	if (a == A_BACK)
		tui_pop(t);
}

const struct screen_ops screen_order_ops = {
	.name = "order",
	.minw = 40,
	.minh = 12,
	.init = order_init,
	.free = order_free,
	.draw = order_draw,
	.key = order_key,
};
