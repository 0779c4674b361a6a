/*
 * screen-pick.c: picker mode for handheld terminals ("ordo pick", or a
 * picker logging in).  One prompt per step of the picker's wave (pick.h
 * has every rule): go to the bin and scan it, scan the item, confirm the
 * quantity, pack the order.  The wave lives in the database and is
 * written at every scan, so a picker whose link drops logs in again on
 * any terminal and goes on where they stopped.
 *
 * Input is one line.  A scanner types a code and Enter within a few
 * milliseconds: when a printable key arrives on an empty line, the rest
 * of the burst is read at once (keys that follow within PICK_BURST_MS),
 * so a scan is never split, dropped or taken for a key binding even if
 * it starts with an action's letter; a line ended by Enter in one burst
 * is a scan, a line typed by hand is keyed (a keyed bin needs its check
 * digits; digits keyed at the quantity step are the quantity).  A key
 * pressed alone on an empty line is an action: w take a wave, s short
 * pick, p pack, Esc one step back, q leave (the wave stays open).
 *
 * Layouts: below 8 rows (20x4) four lines: the prompt, the item, its
 * name, the input; from 8 rows (40x8) labelled rows and a key line; from
 * 16 rows (20x16, 80x24) the same with room, and the next tasks of the
 * wave below when there is room.  An error fills the screen in reverse
 * video, with a beep, until the next key or scan.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ordo/config.h"
#include "ordo/error.h"
#include "ordo/pick.h"
#include "ordo/xmalloc.h"

#include "../cli/cli.h"
#include "tui.h"

#define PICK_BURST_MS	30	/* a scanner's keys come closer than this */
#define PICK_INPUT_MAX	128

enum pick_op {
	OP_RESUME, OP_TAKE, OP_SCAN, OP_CONFIRM, OP_SHORT, OP_BACK, OP_PACK,
	OP_REFRESH
};

struct pick {
	const struct form *fm;
	struct pick_wave w;
	int		 have;		/* w is the picker's open wave */
	uint64_t	 gen;		/* t->gen when w was read */
	char		 in[PICK_INPUT_MAX + 1];
	size_t		 inlen;
	int		 typed;		/* in was keyed by hand */
	char		 err[512];	/* shown full screen while set */
	char		 note[160];	/* a line of news (wave taken...) */
};

struct pick_call {
	struct pick	*p;
	enum pick_op	 op;
	const char	*code;
	int		 keyed;
	int64_t		 qty;
	uint64_t	 order;
	const char	*loc;
};

static void	*pick_init(struct tui *, const struct form *, void *);
static void	 pick_free(void *);
static void	 pick_draw(struct tui *, void *);
static void	 pick_key(struct tui *, void *, enum action, int, int);
static int	 pick_fn(struct db_txn *, void *, char **);
static int	 pick_run(struct tui *, struct pick *, enum pick_op,
		    const char *, int, int64_t);
static void	 pick_submit(struct tui *, struct pick *);
static void	 pick_action(struct tui *, struct pick *, enum action);
static void	 pick_burst(struct tui *, struct pick *, int);
static void	 pick_draw_err(struct tui *, struct pick *);
static void	 pick_draw_small(struct tui *, struct pick *);
static void	 pick_draw_tall(struct tui *, struct pick *);
static const char *pick_prompt(const struct pick *, char *, size_t);
static void	 pick_input(struct tui *, struct pick *, int);
static void	 pick_keys(struct tui *, struct pick *, int);
static int	 pick_digits(const char *);

const struct screen_ops screen_pick_ops = {
	.name = "pick",
	.minw = 20,
	.minh = 4,
	.typing = 1,
	.full = 1,
	.init = pick_init,
	.free = pick_free,
	.draw = pick_draw,
	.key = pick_key,
};

static void *
pick_init(struct tui *t, const struct form *fm, void *arg)
{
	struct pick	*p;

	(void)arg;
	p = xcalloc(1, sizeof *p);
	p->fm = fm;
	pick_run(t, p, OP_RESUME, NULL, 0, 0);
	return (p);
}

static void
pick_free(void *arg)
{
	struct pick	*p = arg;

	pick_wave_free(&p->w);
	free(p);
}

/* The database side of every step; p->w is the wave afterwards. */
static int
pick_fn(struct db_txn *tx, void *arg, char **cause)
{
	struct pick_call	*c = arg;
	struct pick		*p = c->p;
	int			 rc;

	switch (c->op) {
	case OP_RESUME:
		pick_wave_free(&p->w);
		return (pick_wave_resume(tx, &p->w, cause));
	case OP_TAKE:
		pick_wave_free(&p->w);
		return (pick_wave_take(tx, c->loc, c->order, &p->w, cause));
	case OP_REFRESH:
		rc = pick_wave_get(tx, p->w.id, &p->w, cause);
		return (rc);
	case OP_SCAN:
		return (pick_scan(tx, &p->w, c->code, c->keyed, cause));
	case OP_CONFIRM:
		return (pick_confirm(tx, &p->w, c->qty, cause));
	case OP_SHORT:
		return (pick_short(tx, &p->w, c->qty, cause));
	case OP_BACK:
		return (pick_back(tx, &p->w, cause));
	case OP_PACK:
		return (pick_pack(tx, &p->w, cause));
	}
	return (0);
}

/* Run one step; an error fills the screen. */
static int
pick_run(struct tui *t, struct pick *p, enum pick_op op, const char *code,
    int keyed, int64_t qty)
{
	struct pick_call	 c;
	struct pick_wave	 keep;
	char			*cause = NULL;
	int			 rc;

	memset(&c, 0, sizeof c);
	c.p = p;
	c.op = op;
	c.code = code;
	c.keyed = keyed;
	c.qty = qty;
	c.loc = t->cli->pick_loc;
	if (op == OP_TAKE && code != NULL)
		c.order = strtoull(code, NULL, 10);
	p->note[0] = '\0';
	/* The steps change p->w only when they succeed. */
	keep = p->w;
	if (op == OP_RESUME || op == OP_TAKE || op == OP_REFRESH)
		memset(&p->w, 0, sizeof p->w);
	if (op == OP_REFRESH)
		p->w.id = keep.id;
	rc = op == OP_REFRESH ? db_read(t->db, pick_fn, &c, &cause) :
	    db_write(t->db, pick_fn, &c, &cause);
	if (op == OP_RESUME || op == OP_TAKE || op == OP_REFRESH) {
		if (rc == 0)
			pick_wave_free(&keep);
		else {
			pick_wave_free(&p->w);
			p->w = keep;
		}
	}
	p->gen = t->gen;
	if (rc == 0) {
		p->have = p->w.state == WAVE_OPEN;
		if (p->w.state == WAVE_DONE)
			snprintf(p->note, sizeof p->note, _("Wave %llu done."),
			    (unsigned long long)p->w.id);
		else if (op == OP_RESUME && p->w.state == WAVE_RELEASED)
			snprintf(p->note, sizeof p->note, _("Wave %llu was "
			    "idle too long and was given back."),
			    (unsigned long long)p->w.id);
		else if (op == OP_TAKE)
			snprintf(p->note, sizeof p->note, _("Wave %llu: "
			    "%zu orders, %zu lines"),
			    (unsigned long long)p->w.id, p->w.norders,
			    p->w.ntasks);
	} else if (op == OP_RESUME && rc == ORDO_ENOTFOUND) {
		p->have = 0;
		rc = 0;
	} else {
		snprintf(p->err, sizeof p->err, "%s", cause != NULL ? cause :
		    ordo_strerror(rc));
		beep();
	}
	free(cause);
	return (rc);
}

static int
pick_digits(const char *s)
{
	if (*s == '\0')
		return (0);
	for (; *s != '\0'; s++)
		if (*s < '0' || *s > '9')
			return (0);
	return (1);
}

/* Enter: the line is a scan, a keyed code or a quantity. */
static void
pick_submit(struct tui *t, struct pick *p)
{
	char		 line[PICK_INPUT_MAX + 1];
	int		 keyed = p->typed;
	enum pick_step	 st;

	memcpy(line, p->in, p->inlen + 1);
	p->inlen = 0;
	p->in[0] = '\0';
	p->typed = 0;
	st = p->have ? pick_wave_step(&p->w) : STEP_DONE;
	if (line[0] == '\0') {
		if (st == STEP_QTY)
			pick_run(t, p, OP_CONFIRM, NULL, 0, -1);
		else if (st == STEP_PACK)
			pick_run(t, p, OP_PACK, NULL, 0, 0);
		return;
	}
	switch (st) {
	case STEP_DONE:
		if (!pick_digits(line)) {
			snprintf(p->err, sizeof p->err, _("Scan an order "
			    "number to pick it, or press w for a wave."));
			beep();
			return;
		}
		pick_run(t, p, OP_TAKE, line, 0, 0);
		return;
	case STEP_QTY:
		if (keyed && pick_digits(line)) {
			pick_run(t, p, OP_CONFIRM, NULL, 0,
			    strtoll(line, NULL, 10));
			return;
		}
		break;
	default:
		break;
	}
	pick_run(t, p, OP_SCAN, line, keyed, 0);
}

/* A key pressed alone on an empty line. */
static void
pick_action(struct tui *t, struct pick *p, enum action a)
{
	enum pick_step	 st;

	st = p->have ? pick_wave_step(&p->w) : STEP_DONE;
	switch (a) {
	case A_PICK_WAVE:
		if (st != STEP_DONE) {
			snprintf(p->err, sizeof p->err, _("Finish this wave "
			    "first."));
			beep();
		} else
			pick_run(t, p, OP_TAKE, NULL, 0, 0);
		break;
	case A_PICK_SHORT:
		pick_run(t, p, OP_SHORT, NULL, 0, -1);
		break;
	case A_PICK_PACK:
		pick_run(t, p, OP_PACK, NULL, 0, 0);
		break;
	case A_STEP_BACK:
		if (p->have)
			pick_run(t, p, OP_BACK, NULL, 0, 0);
		break;
	case A_BACK:
		tui_pop(t);
		break;
	case A_HELP:
		tui_push(t, &screen_help_ops, t->top);
		break;
	default:
		break;
	}
}

/*
 * A printable key on an empty line: read what follows it at once.  A
 * burst ended by Enter is a scan; one key alone is an action if it is
 * bound to one; anything else is text keyed by hand.
 */
static void
pick_burst(struct tui *t, struct pick *p, int first)
{
	enum action	 a;
	wint_t		 ch;
	int		 rc, iskey, n = 1, enter = 0;

	p->in[0] = (char)first;
	p->inlen = 1;
	p->in[1] = '\0';
	for (;;) {
		rc = tui_read_more(t, &ch, &iskey, PICK_BURST_MS);
		if (rc == -2) {
			t->quit = 1;
			return;
		}
		if (rc == ERR || iskey)
			break;
		if (ch == '\r' || ch == '\n') {
			enter = 1;
			break;
		}
		if (ch < ' ' || ch > 0x7e || p->inlen >= PICK_INPUT_MAX)
			continue;	/* codes are ASCII */
		p->in[p->inlen++] = (char)ch;
		p->in[p->inlen] = '\0';
		n++;
	}
	if (enter) {
		p->typed = 0;
		pick_submit(t, p);
		return;
	}
	if (n == 1) {
		a = action_for_key(p->fm->actions, p->fm->nactions, first, 0);
		if (a != A_NONE) {
			p->inlen = 0;
			p->in[0] = '\0';
			pick_action(t, p, a);
			return;
		}
	}
	p->typed = 1;
}

static void
pick_key(struct tui *t, void *arg, enum action a, int key, int iskey)
{
	struct pick	*p = arg;

	if (p->err[0] != '\0') {
		/* The error was seen: this key goes on as usual. */
		p->err[0] = '\0';
		if (a == A_STEP_BACK)
			return;
	}
	if (a == A_STEP_BACK && p->inlen > 0) {
		p->inlen = 0;
		p->in[0] = '\0';
		p->typed = 0;
		return;
	}
	if (a != A_NONE) {
		pick_action(t, p, a);
		return;
	}
	if ((iskey && key == KEY_BACKSPACE) || key == 0x7f || key == '\b') {
		if (p->inlen > 0)
			p->in[--p->inlen] = '\0';
		return;
	}
	if (iskey)
		return;
	if (key == '\r') {
		pick_submit(t, p);
		return;
	}
	if (key < ' ' || key > 0x7e)
		return;
	if (p->inlen == 0) {
		pick_burst(t, p, key);
		return;
	}
	if (p->inlen < PICK_INPUT_MAX) {
		p->in[p->inlen++] = (char)key;
		p->in[p->inlen] = '\0';
	}
}

/* Drawing. */

/* The one-line prompt of the step. */
static const char *
pick_prompt(const struct pick *p, char *buf, size_t len)
{
	const struct pick_task	*t;

	if (!p->have && p->w.id != 0 && p->w.state == WAVE_DONE) {
		snprintf(buf, len, _("Wave %llu done"),
		    (unsigned long long)p->w.id);
		return (buf);
	}
	if (!p->have) {
		snprintf(buf, len, "%s", _("No wave"));
		return (buf);
	}
	t = p->w.cur < p->w.ntasks ? &p->w.tasks[p->w.cur] : NULL;
	switch (pick_wave_step(&p->w)) {
	case STEP_LOCATION:
		snprintf(buf, len, _("Go to %s"), *t->bin != '\0' ? t->bin :
		    p->w.loc);
		break;
	case STEP_ITEM:
		snprintf(buf, len, _("Scan %s"), t->barcode);
		break;
	case STEP_QTY:
		snprintf(buf, len, _("Qty %lld?"),
		    (long long)pick_shown_qty(&p->w));
		break;
	case STEP_PACK:
		snprintf(buf, len, _("Pack order %llu"),
		    (unsigned long long)pick_wave_pack_order(&p->w));
		break;
	case STEP_DONE:
		snprintf(buf, len, _("Wave %llu done"),
		    (unsigned long long)p->w.id);
		break;
	}
	return (buf);
}

/* The input line at row y: "> text_". */
static void
pick_input(struct tui *t, struct pick *p, int y)
{
	char	 line[PICK_INPUT_MAX + 4];
	size_t	 over = 0;
	int	 room = t->w - 3;

	if (room < 1)
		return;
	if (p->inlen > (size_t)room)
		over = p->inlen - (size_t)room;
	snprintf(line, sizeof line, "> %s_", p->in + over);
	tui_put(t->body, y, 0, line, t->w, TEXT_LEFT);
}

/* The keys that do something now, at row y. */
static void
pick_keys(struct tui *t, struct pick *p, int y)
{
	static const enum action all[] = {
		A_PICK_WAVE, A_PICK_SHORT, A_PICK_PACK, A_STEP_BACK, A_BACK
	};
	enum pick_step	 st;
	char		 line[256], k[32], e[64];
	size_t		 i, o = 0;
	int		 show;

	st = p->have ? pick_wave_step(&p->w) : STEP_DONE;
	line[0] = '\0';
	for (i = 0; i < sizeof all / sizeof all[0]; i++) {
		switch (all[i]) {
		case A_PICK_WAVE:
			show = st == STEP_DONE;
			break;
		case A_PICK_SHORT:
			show = st == STEP_ITEM || st == STEP_QTY;
			break;
		case A_PICK_PACK:
			show = st == STEP_PACK;
			break;
		case A_STEP_BACK:
			show = st == STEP_ITEM || st == STEP_QTY;
			break;
		default:
			show = 1;
			break;
		}
		if (!show || !form_has_action(p->fm, all[i]))
			continue;
		snprintf(e, sizeof e, "%s%s %s", o > 0 ? " " : "",
		    action_key_name(action_key(all[i]), k, sizeof k),
		    all[i] == A_BACK ? _("Leave") : _(action_label(all[i])));
		/* Whole entries only: the ones that do not fit are left. */
		if (o + strlen(e) >= sizeof line ||
		    text_width(line) + text_width(e) > t->w)
			break;
		memcpy(line + o, e, strlen(e) + 1);
		o += strlen(e);
	}
	tui_put(t->body, y, 0, line, t->w, TEXT_LEFT);
}

/* An error: the whole screen in reverse video, the text wrapped. */
static void
pick_draw_err(struct tui *t, struct pick *p)
{
	const char	*s = p->err, *sp, *end;
	char		 line[512];
	size_t		 n;
	int		 y, w;

	wattrset(t->body, A_REVERSE | A_BOLD);
	for (y = 0; y < t->h; y++)
		tui_put(t->body, y, 0, "", t->w, TEXT_LEFT);
	y = 0;
	while (*s != '\0' && y < t->h - 1) {
		while (*s == ' ')
			s++;
		/* The longest run of words that fits the width. */
		end = s;
		for (;;) {
			sp = strchr(end, ' ');
			n = sp != NULL ? (size_t)(sp - s) : strlen(s);
			if (n >= sizeof line)
				n = sizeof line - 1;
			memcpy(line, s, n);
			line[n] = '\0';
			w = text_width(line);
			if (w > t->w && end != s)
				break;
			end = sp != NULL ? sp + 1 : s + strlen(s);
			if (sp == NULL || w > t->w)
				break;
		}
		n = (size_t)(end - s);
		if (n >= sizeof line)
			n = sizeof line - 1;
		memcpy(line, s, n);
		while (n > 0 && line[n - 1] == ' ')
			n--;
		line[n] = '\0';
		tui_put(t->body, y++, 0, line, t->w, TEXT_LEFT);
		s = end;
	}
	tui_put(t->body, t->h - 1, 0, _("(any key)"), t->w, TEXT_RIGHT);
	wattrset(t->body, A_NORMAL);
}

/* 20x4 to 7 rows: prompt, item, name, input. */
static void
pick_draw_small(struct tui *t, struct pick *p)
{
	const struct pick_task	*k;
	char			 pr[128], l[160], prog[32];
	size_t			 done, all;
	int			 pw;

	pick_prompt(p, pr, sizeof pr);
	prog[0] = '\0';
	if (p->have) {
		pick_wave_progress(&p->w, &done, &all);
		snprintf(prog, sizeof prog, "%zu/%zu", done, all);
	}
	pw = text_width(prog);
	wattrset(t->body, A_BOLD);
	tui_put(t->body, 0, 0, pr, t->w - pw - 1, TEXT_LEFT);
	wattrset(t->body, A_NORMAL);
	tui_put(t->body, 0, t->w - pw - 1, prog, pw + 1, TEXT_RIGHT);
	k = p->have && p->w.cur < p->w.ntasks ? &p->w.tasks[p->w.cur] : NULL;
	switch (p->have ? pick_wave_step(&p->w) : STEP_DONE) {
	case STEP_LOCATION:
	case STEP_ITEM:
	case STEP_QTY:
		if (k->counted > 0)
			snprintf(l, sizeof l, _("%s %lld of %lld #%llu"),
			    k->sku, (long long)k->counted, (long long)k->qty,
			    (unsigned long long)k->order);
		else
			snprintf(l, sizeof l, "%s x%lld #%llu", k->sku,
			    (long long)k->qty, (unsigned long long)k->order);
		tui_put(t->body, 1, 0, l, t->w, TEXT_LEFT);
		tui_put(t->body, 2, 0, k->name, t->w, TEXT_LEFT);
		break;
	case STEP_PACK:
		pick_keys(t, p, 1);
		break;
	case STEP_DONE:
		tui_put(t->body, 1, 0, p->note[0] != '\0' ? p->note :
		    _("w: take a wave"), t->w, TEXT_LEFT);
		tui_put(t->body, 2, 0, p->note[0] != '\0' ?
		    _("w: take a wave") : _("or scan an order"), t->w,
		    TEXT_LEFT);
		break;
	}
	pick_input(t, p, 3);
	if (t->h > 4)
		pick_keys(t, p, t->h - 1);
}

/* 8 rows and more: labelled rows, then the next tasks if there is room. */
static void
pick_draw_tall(struct tui *t, struct pick *p)
{
	const struct pick_task	*k, *n;
	char			 l[256], pr[128];
	size_t			 done, all, i;
	int			 y, lw, gap, last;
	enum pick_step		 st;

	st = p->have ? pick_wave_step(&p->w) : STEP_DONE;
	lw = t->w >= 40 ? 9 : 6;
	gap = t->h >= 16 ? 1 : 0;
	/* The title bar. */
	if (p->have) {
		pick_wave_progress(&p->w, &done, &all);
		snprintf(l, sizeof l, _("Wave %llu at %s  %zu/%zu"),
		    (unsigned long long)p->w.id, p->w.loc, done, all);
	} else
		snprintf(l, sizeof l, "%s", _("Picking"));
	wattrset(t->body, A_REVERSE);
	tui_put(t->body, 0, 0, l, t->w, TEXT_LEFT);
	wattrset(t->body, A_NORMAL);
	y = 1 + gap;
	k = p->have && p->w.cur < p->w.ntasks ? &p->w.tasks[p->w.cur] : NULL;
	if (st == STEP_LOCATION || st == STEP_ITEM || st == STEP_QTY) {
		snprintf(l, sizeof l, _("Order %llu line %u"),
		    (unsigned long long)k->order, k->line);
		tui_put(t->body, y++, 0, l, t->w, TEXT_LEFT);
		tui_put(t->body, y, 0, _("Bin"), lw, TEXT_LEFT);
		if (st == STEP_LOCATION)
			wattrset(t->body, A_BOLD);
		tui_put(t->body, y++, lw, *k->bin != '\0' ? k->bin :
		    p->w.loc, t->w - lw, TEXT_LEFT);
		wattrset(t->body, A_NORMAL);
		tui_put(t->body, y, 0, _("Item"), lw, TEXT_LEFT);
		snprintf(l, sizeof l, "%s x%lld", k->sku, (long long)k->qty);
		tui_put(t->body, y++, lw, l, t->w - lw, TEXT_LEFT);
		tui_put(t->body, y++, lw, k->name, t->w - lw, TEXT_LEFT);
		tui_put(t->body, y, 0, _("Code"), lw, TEXT_LEFT);
		if (st == STEP_ITEM)
			wattrset(t->body, A_BOLD);
		tui_put(t->body, y++, lw, k->barcode, t->w - lw, TEXT_LEFT);
		wattrset(t->body, A_NORMAL);
		if (gap || st == STEP_QTY) {
			tui_put(t->body, y, 0, _("Count"), lw, TEXT_LEFT);
			snprintf(l, sizeof l, "%lld", (long long)k->counted);
			tui_put(t->body, y++, lw, l, t->w - lw, TEXT_LEFT);
		}
	} else if (st == STEP_PACK) {
		snprintf(l, sizeof l, _("Order %llu is picked."),
		    (unsigned long long)pick_wave_pack_order(&p->w));
		tui_put(t->body, y++, 0, l, t->w, TEXT_LEFT);
	} else {
		tui_put(t->body, y++, 0, p->note[0] != '\0' ? p->note :
		    _("No open wave."), t->w, TEXT_LEFT);
		tui_put(t->body, y++, 0, _("w: take a wave"), t->w,
		    TEXT_LEFT);
		tui_put(t->body, y++, 0, _("or scan an order"), t->w,
		    TEXT_LEFT);
	}
	/* Prompt, input and keys at the bottom. */
	last = t->h - 1;
	pick_keys(t, p, last);
	pick_input(t, p, last - 1);
	wattrset(t->body, A_BOLD);
	tui_put(t->body, last - 2, 0, pick_prompt(p, pr, sizeof pr), t->w,
	    TEXT_LEFT);
	wattrset(t->body, A_NORMAL);
	/* The tasks after this one, while there is room. */
	if (!p->have || last - 2 - (y + gap) < 2)
		return;
	i = st == STEP_PACK ? p->w.cur : p->w.cur + 1;
	while (i < p->w.ntasks && p->w.tasks[i].state != TASK_OPEN)
		i++;
	if (i >= p->w.ntasks)
		return;
	y += gap;
	tui_put(t->body, y++, 0, _("Next:"), t->w, TEXT_LEFT);
	for (; i < p->w.ntasks && y < last - 2 - gap; i++) {
		n = &p->w.tasks[i];
		if (n->state != TASK_OPEN)
			continue;
		snprintf(l, sizeof l, "%-*s %s x%lld %s", t->w >= 40 ? 8 : 0,
		    *n->bin != '\0' ? n->bin : "-", n->sku, (long long)n->qty,
		    t->w >= 40 ? n->name : "");
		tui_put(t->body, y++, 1, l, t->w - 1, TEXT_LEFT);
	}
}

static void
pick_draw(struct tui *t, void *arg)
{
	struct pick	*p = arg;

	if (p->have && t->gen != p->gen && p->err[0] == '\0')
		pick_run(t, p, OP_REFRESH, NULL, 0, 0);
	werase(t->body);
	if (p->err[0] != '\0')
		pick_draw_err(t, p);
	else if (t->h < 8)
		pick_draw_small(t, p);
	else
		pick_draw_tall(t, p);
}
