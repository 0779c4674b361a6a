/*
 * screen-quick.c: the quick-entry box of the new-order screen (^E):
 * paste or type a customer's chat message, see the parse under it as it
 * is typed, fix the message until nothing is left to ask, and add its
 * lines to the order (^O).  The reading and every rule are the core's
 * (quick.h): quick_parse, then quick_order for a new draft or quick_add
 * for the draft on the screen.
 *
 * The message is edited at its end only: characters, Enter for a new
 * line (a pasted message arrives as characters and Enters), Backspace,
 * ^U to clear it.  When the new-order screen already has a customer, the
 * message is read for that customer (as --customer does).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ordo/error.h"
#include "ordo/quick.h"
#include "ordo/xmalloc.h"

#include "tui.h"

struct qbox {
	struct quick_box	*box;
	char			*text;
	size_t			 len, cap;
	int			 dirty;
	int			 parsed;
	struct quick_result	 r;
};

struct qadd {
	struct qbox	*q;
	uint64_t	 id;
};

static void	*qk_init(struct tui *, const struct form *, void *);
static void	 qk_free(void *);
static void	 qk_draw(struct tui *, void *);
static void	 qk_key(struct tui *, void *, enum action, int, int);
static int	 parse_tx(struct db_txn *, void *, char **);
static int	 add_tx(struct db_txn *, void *, char **);
static void	 qk_parse(struct tui *, struct qbox *);
static void	 qk_add(struct tui *, struct qbox *);
static void	 qk_putc(struct qbox *, int);

/* The names of quick.h's problems, for the translator. */
static const char *const problem_msgids[] = {
	N_("no customer"), N_("unknown customer"),
	N_("ambiguous customer"), N_("two customers"), N_("unknown item"),
	N_("ambiguous item"), N_("no quantity"), N_("bad quantity"),
	N_("bad price"), N_("unknown words"), N_("no lines")
};

const struct screen_ops screen_quick_ops = {
	.name = "quick",
	.minw = 40,
	.minh = 12,
	.typing = 1,
	.init = qk_init,
	.free = qk_free,
	.draw = qk_draw,
	.key = qk_key,
};

static void *
qk_init(struct tui *t, const struct form *fm, void *arg)
{
	struct qbox	*q;

	(void)t;
	(void)fm;
	(void)problem_msgids;
	q = xcalloc(1, sizeof *q);
	q->box = arg;
	q->cap = 256;
	q->text = xmalloc(q->cap);
	q->text[0] = '\0';
	q->dirty = 1;
	curs_set(1);
	return (q);
}

static void
qk_free(void *p)
{
	struct qbox	*q = p;

	if (q->parsed)
		quick_free(&q->r);
	free(q->text);
	free(q);
	curs_set(0);
}

/* Append one character (a wide character) as UTF-8. */
static void
qk_putc(struct qbox *q, int c)
{
	char	 b[4];
	size_t	 n;

	if (c < 0x80) {
		b[0] = (char)c;
		n = 1;
	} else if (c < 0x800) {
		b[0] = (char)(0xc0 | (c >> 6));
		b[1] = (char)(0x80 | (c & 0x3f));
		n = 2;
	} else if (c < 0x10000) {
		b[0] = (char)(0xe0 | (c >> 12));
		b[1] = (char)(0x80 | ((c >> 6) & 0x3f));
		b[2] = (char)(0x80 | (c & 0x3f));
		n = 3;
	} else {
		b[0] = (char)(0xf0 | (c >> 18));
		b[1] = (char)(0x80 | ((c >> 12) & 0x3f));
		b[2] = (char)(0x80 | ((c >> 6) & 0x3f));
		b[3] = (char)(0x80 | (c & 0x3f));
		n = 4;
	}
	if (q->len + n >= QUICK_TEXT_MAX)
		return;
	if (q->len + n + 1 > q->cap) {
		q->cap *= 2;
		q->text = xreallocarray(q->text, q->cap, 1);
	}
	memcpy(q->text + q->len, b, n);
	q->len += n;
	q->text[q->len] = '\0';
	q->dirty = 1;
}

static int
parse_tx(struct db_txn *tx, void *arg, char **cause)
{
	struct qbox	*q = arg;
	int		 rc;

	rc = quick_parse(tx, q->text, q->box->cust, &q->r, cause);
	if (rc != 0)
		quick_free(&q->r);
	else
		q->parsed = 1;
	return (rc);
}

static void
qk_parse(struct tui *t, struct qbox *q)
{
	if (q->parsed)
		quick_free(&q->r);
	q->parsed = 0;
	q->dirty = 0;
	if (q->len > 0)
		(void)tui_read(t, parse_tx, q);
}

static int
add_tx(struct db_txn *tx, void *arg, char **cause)
{
	struct qadd	*a = arg;

	if (a->q->box->id != 0) {
		a->id = a->q->box->id;
		return (quick_add(tx, &a->q->r, a->id, cause));
	}
	return (quick_order(tx, &a->q->r, &a->id, cause));
}

static void
qk_add(struct tui *t, struct qbox *q)
{
	struct quick_box	*box = q->box;
	struct qadd		 a;
	size_t			 n;

	if (q->dirty)
		qk_parse(t, q);
	if (!q->parsed) {
		tui_errf(t, _("type or paste the message first"));
		return;
	}
	if ((n = quick_problems(&q->r)) != 0) {
		tui_errf(t, _("%zu question(s) left: change the message "
		    "until there are none"), n);
		return;
	}
	memset(&a, 0, sizeof a);
	a.q = q;
	if (tui_write(t, add_tx, &a) != 0)
		return;
	box->made = a.id;
	box->lines = q->r.nlines;
	free(box->made_cust);
	free(box->made_cname);
	box->made_cust = xstrdup(q->r.customer);
	box->made_cname = xstrdup(q->r.customer_name != NULL ?
	    q->r.customer_name : "");
	box->done = 1;
	tui_pop(t);
	tui_msg(t, _("%zu line(s) from the message added to draft %llu"),
	    box->lines, (unsigned long long)box->made);
}

static void
qk_draw(struct tui *t, void *p)
{
	struct qbox		*q = p;
	const struct quick_line	*l;
	char			 buf[512], m[32], qs[24];
	const char		*s, *e;
	size_t			 i, j, nl = 0, skip;
	int			 y = 0, rows, cy = 0, cx = 0, w;

	if (q->dirty)
		qk_parse(t, q);
	/* The message: its last rows. */
	rows = t->bodyh / 2 - 1;
	if (rows < 2)
		rows = 2;
	tui_put(t->body, y++, 0, _("Message (paste or type; Enter: new "
	    "line; ^U: clear):"), t->w, TEXT_LEFT);
	for (s = q->text; *s != '\0'; s++)
		if (*s == '\n')
			nl++;
	skip = nl + 1 > (size_t)rows ? nl + 1 - (size_t)rows : 0;
	for (s = q->text, i = 0; s != NULL; i++) {
		e = strchr(s, '\n');
		if (i >= skip) {
			snprintf(buf, sizeof buf, "%.*s", e != NULL ?
			    (int)(e - s) : (int)strlen(s), s);
			wattrset(t->body, A_UNDERLINE);
			w = text_width(buf);
			tui_put(t->body, y, 0, buf, t->w, TEXT_LEFT);
			wattrset(t->body, A_NORMAL);
			cy = y;
			cx = w < t->w ? w : t->w - 1;
			y++;
		}
		s = e != NULL ? e + 1 : NULL;
	}
	while (y <= rows)
		tui_put(t->body, y++, 0, "", t->w, TEXT_LEFT);
	/* The parse. */
	wattrset(t->body, A_BOLD);
	tui_put(t->body, y++, 0, _("Read as:"), t->w, TEXT_LEFT);
	wattrset(t->body, A_NORMAL);
	if (q->parsed) {
		if (q->r.customer != NULL)
			snprintf(buf, sizeof buf, "%s %s %s", _("Customer"),
			    q->r.customer, q->r.customer_name);
		else
			snprintf(buf, sizeof buf, "%s ?", _("Customer"));
		tui_put(t->body, y++, 0, buf, t->w, TEXT_LEFT);
		for (i = 0; i < q->r.nlines && y < t->bodyh; i++) {
			l = &q->r.lines[i];
			if (l->price >= 0)
				tui_money(t, m, sizeof m, l->price);
			if (l->qty >= 0)
				snprintf(qs, sizeof qs, "%lld",
				    (long long)l->qty);
			else
				snprintf(qs, sizeof qs, "?");
			snprintf(buf, sizeof buf, "%2zu %-12s %5s%s%s  <- %s%s",
			    i + 1, l->sku != NULL ? l->sku : "?", qs,
			    l->price >= 0 ? " @ " : "", l->price >= 0 ? m : "",
			    l->words, l->by_history ? _(" (usual)") : "");
			tui_put(t->body, y++, 0, buf, t->w, TEXT_LEFT);
		}
		/* The questions, in the warning colour. */
		wattrset(t->body, t->colour ? COLOR_PAIR(TUI_PAIR_WARN) :
		    A_BOLD);
		if (q->r.customer_problem != QP_NONE && y < t->bodyh) {
			snprintf(buf, sizeof buf, "? %s: %s",
			    _(quick_problem_name(q->r.customer_problem)),
			    q->r.customer_words != NULL ?
			    q->r.customer_words : "");
			for (j = 0; j < q->r.nccand; j++)
				snprintf(buf + strlen(buf), sizeof buf -
				    strlen(buf), "%s%s", j ? ", " : " -> ",
				    q->r.ccand[j].key);
			tui_put(t->body, y++, 0, buf, t->w, TEXT_LEFT);
		}
		for (i = 0; i < q->r.nlines && y < t->bodyh; i++) {
			l = &q->r.lines[i];
			if (l->item_problem != QP_NONE) {
				snprintf(buf, sizeof buf, "? %zu %s", i + 1,
				    _(quick_problem_name(l->item_problem)));
				for (j = 0; j < l->ncand; j++)
					snprintf(buf + strlen(buf), sizeof buf -
					    strlen(buf), "%s%s", j ? ", " :
					    " -> ", l->cand[j].key);
				tui_put(t->body, y++, 0, buf, t->w,
				    TEXT_LEFT);
			}
			if (l->qty_problem != QP_NONE && y < t->bodyh) {
				snprintf(buf, sizeof buf, "? %zu %s%s%s",
				    i + 1, _(quick_problem_name(
				    l->qty_problem)), l->qty_words != NULL ?
				    ": " : "", l->qty_words != NULL ?
				    l->qty_words : "");
				tui_put(t->body, y++, 0, buf, t->w,
				    TEXT_LEFT);
			}
			if (l->extra != NULL && y < t->bodyh) {
				snprintf(buf, sizeof buf, "? %zu %s: %s",
				    i + 1, _(quick_problem_name(QP_WORDS)),
				    l->extra);
				tui_put(t->body, y++, 0, buf, t->w,
				    TEXT_LEFT);
			}
		}
		for (i = 0; i < q->r.nstray && y < t->bodyh; i++) {
			snprintf(buf, sizeof buf, "? %s: %s",
			    _(quick_problem_name(QP_WORDS)), q->r.stray[i]);
			tui_put(t->body, y++, 0, buf, t->w, TEXT_LEFT);
		}
		if (q->r.nlines == 0 && y < t->bodyh)
			tui_put(t->body, y++, 0, _("? no item found"), t->w,
			    TEXT_LEFT);
		wattrset(t->body, A_NORMAL);
		if (quick_problems(&q->r) == 0 && y < t->bodyh)
			tui_put(t->body, y++, 0, _("Nothing to ask: ^O adds "
			    "the lines"), t->w, TEXT_LEFT);
	}
	while (y < t->bodyh)
		tui_put(t->body, y++, 0, "", t->w, TEXT_LEFT);
	leaveok(t->body, FALSE);
	wmove(t->body, cy, cx);
}

static void
qk_key(struct tui *t, void *p, enum action a, int key, int iskey)
{
	struct qbox	*q = p;

	switch (a) {
	case A_QUICK_ADD:
		qk_add(t, q);
		return;
	case A_QUICK_DROP:
		leaveok(t->body, TRUE);
		tui_pop(t);
		return;
	default:
		break;
	}
	if (iskey) {
		if (key == KEY_BACKSPACE)
			key = 0x7f;
		else if (key == KEY_ENTER)
			key = '\r';
		else
			return;
	}
	if (key == '\r' || key == '\n')
		qk_putc(q, '\n');
	else if (key == 0x7f || key == 8) {
		while (q->len > 0 && ((unsigned char)q->text[q->len - 1] &
		    0xc0) == 0x80)
			q->len--;
		if (q->len > 0)
			q->len--;
		q->text[q->len] = '\0';
		q->dirty = 1;
	} else if (key == TUI_CTRL('u')) {
		q->len = 0;
		q->text[0] = '\0';
		q->dirty = 1;
	} else if (key >= ' ' || key == '\t')
		qk_putc(q, key);
}
