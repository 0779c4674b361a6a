/*
 * screen-order.c: one order: its header, its lines (ordered, reserved,
 * picked, shipped, backordered) and its history, and the events a clerk
 * or picker may apply: confirm, pick, pack, ship (carrier, tracking, all
 * or some lines), deliver, cancel, return and take a payment.  Each event
 * is one core call in one write transaction with the version this screen
 * showed, so a change made meanwhile by someone else is refused with who
 * made it and when (the core's words).  Cancel and return ask first.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ordo/customer.h"
#include "ordo/date.h"
#include "ordo/error.h"
#include "ordo/lineparse.h"
#include "ordo/order.h"
#include "ordo/payment.h"
#include "ordo/xmalloc.h"

#include "../cli/cli.h"
#include "tui.h"

#define OD_MAXCOLS	16
#define OD_MAXHIST	64

struct odetail {
	const struct form *fm;
	uint64_t	 id;
	struct order	 o;
	int		 have;
	char		*cname;
	char		*hist[OD_MAXHIST];	/* newest last */
	int		 nhist;
	int		 sel;
	int		 top;
	uint64_t	 gen;
	int		 stale;
	int		 shown[OD_MAXCOLS];
};

/* The arguments of one event. */
struct oevent {
	struct odetail	*od;
	enum action	 a;
	const char	*carrier;
	const char	*tracking;
	const char	*reason;
	struct line_qty	*lq;
	size_t		 nlq;
	int64_t		 amount;
	enum pay_method	 method;
	uint64_t	 out;
};

static void	*od_init(struct tui *, const struct form *, void *);
static void	 od_free(void *);
static void	 od_resize(struct tui *, void *);
static void	 od_draw(struct tui *, void *);
static void	 od_key(struct tui *, void *, enum action, int, int);

const struct screen_ops screen_order_ops = {
	.name = "order",
	.minw = 40,
	.minh = 14,
	.init = od_init,
	.free = od_free,
	.resize = od_resize,
	.draw = od_draw,
	.key = od_key,
};

static void
od_clear(struct odetail *od)
{
	int	 i;

	if (od->have)
		order_free(&od->o);
	od->have = 0;
	free(od->cname);
	od->cname = NULL;
	for (i = 0; i < od->nhist; i++)
		free(od->hist[i]);
	od->nhist = 0;
}

static int
hist_fn(const struct order_hist *h, void *arg)
{
	struct odetail	*od = arg;
	char		 when[32], *s;
	int		 i;

	time_fmt(when, sizeof when, h->time);
	if (h->from == h->to)
		xasprintf(&s, "%s  %s  %s  %s", when, h->user,
		    _(order_status_name(h->to)), h->note != NULL ? h->note :
		    "");
	else
		xasprintf(&s, "%s  %s  %s -> %s  %s", when, h->user,
		    _(order_status_name(h->from)), _(order_status_name(h->to)),
		    h->note != NULL ? h->note : "");
	if (od->nhist == OD_MAXHIST) {
		free(od->hist[0]);
		for (i = 1; i < od->nhist; i++)
			od->hist[i - 1] = od->hist[i];
		od->nhist--;
	}
	od->hist[od->nhist++] = s;
	return (0);
}

static int
load_tx(struct db_txn *tx, void *arg, char **cause)
{
	struct odetail	*od = arg;
	struct customer	 c;
	int		 rc;

	if ((rc = order_get(tx, od->id, &od->o, cause)) != 0)
		return (rc);
	od->have = 1;
	if (customer_get(tx, od->o.customer, &c, NULL) == 0) {
		od->cname = xstrdup(c.name);
		customer_free(&c);
	} else
		od->cname = xstrdup("");
	return (order_history(tx, od->id, hist_fn, od));
}

static int
od_load(struct tui *t, struct odetail *od)
{
	od_clear(od);
	od->gen = t->gen;
	od->stale = 0;
	if (tui_read(t, load_tx, od) != 0) {
		od_clear(od);
		return (-1);
	}
	if (od->sel >= (int)od->o.nlines)
		od->sel = od->o.nlines > 0 ? (int)od->o.nlines - 1 : 0;
	return (0);
}

static void *
od_init(struct tui *t, const struct form *fm, void *arg)
{
	struct odetail	*od;

	if (fm->ncolumns > OD_MAXCOLS)
		return (NULL);
	od = xcalloc(1, sizeof *od);
	od->fm = fm;
	od->id = *(uint64_t *)arg;
	if (od_load(t, od) != 0) {
		free(od);
		return (NULL);
	}
	od_resize(t, od);
	return (od);
}

static void
od_free(void *p)
{
	struct odetail	*od = p;

	od_clear(od);
	free(od);
}

static void
od_resize(struct tui *t, void *p)
{
	struct odetail	*od = p;

	form_fit(od->fm, t->w, od->shown);
}

static void
line_cell(struct tui *t, const struct order_line *l, const char *field,
    char *buf, size_t len)
{
	buf[0] = '\0';
	if (strcmp(field, "no") == 0)
		snprintf(buf, len, "%u", (unsigned)l->no);
	else if (strcmp(field, "sku") == 0)
		snprintf(buf, len, "%s", l->sku);
	else if (strcmp(field, "name") == 0)
		snprintf(buf, len, "%s", l->name != NULL ? l->name : "");
	else if (strcmp(field, "qty") == 0)
		snprintf(buf, len, "%lld", (long long)l->qty);
	else if (strcmp(field, "reserved") == 0)
		snprintf(buf, len, "%lld", (long long)l->reserved);
	else if (strcmp(field, "picked") == 0)
		snprintf(buf, len, "%lld", (long long)l->picked);
	else if (strcmp(field, "shipped") == 0)
		snprintf(buf, len, "%lld", (long long)l->shipped);
	else if (strcmp(field, "backordered") == 0)
		snprintf(buf, len, "%lld", (long long)line_backordered(l));
	else if (strcmp(field, "net") == 0)
		tui_money(t, buf, len, l->net);
}

/* One row of columns at y: the header (l NULL) or a line. */
static void
od_row(struct tui *t, struct odetail *od, int y, const struct order_line *l,
    int attr)
{
	const struct form_column *c;
	char			 buf[256];
	size_t			 k;
	int			 x = 0;

	wattrset(t->body, attr);
	for (k = 0; k < od->fm->ncolumns; k++) {
		if (!od->shown[k])
			continue;
		c = &od->fm->columns[k];
		if (x + c->width > t->w)
			break;
		if (l == NULL)
			snprintf(buf, sizeof buf, "%s", _(c->header));
		else
			line_cell(t, l, c->field, buf, sizeof buf);
		tui_put(t->body, y, x, buf, c->width, c->align);
		x += c->width;
		if (x < t->w)
			mvwaddch(t->body, y, x++, ' ');
	}
	if (x < t->w)
		tui_put(t->body, y, x, "", t->w - x, TEXT_LEFT);
	wattrset(t->body, A_NORMAL);
}

static void
od_draw(struct tui *t, void *p)
{
	struct odetail	*od = p;
	struct order	*o = &od->o;
	char		 line[512], a[32], b[32], c[32], when[32];
	int		 y, i, room, nl, hist, first;

	if (od->gen != t->gen || od->stale)
		od_load(t, od);
	werase(t->body);
	if (!od->have)
		return;
	time_fmt(when, sizeof when, o->created);
	snprintf(line, sizeof line, _("Order %llu  %s  version %u  %s"),
	    (unsigned long long)o->id, _(order_status_name(o->status)),
	    (unsigned)o->version, when);
	wattrset(t->body, A_BOLD);
	tui_put(t->body, 0, 0, line, t->w, TEXT_LEFT);
	wattrset(t->body, A_NORMAL);
	snprintf(line, sizeof line, _("Customer %s %s  channel %s %s"),
	    o->customer, od->cname, o->channel,
	    o->ext_number != NULL && *o->ext_number != '\0' ? o->ext_number :
	    o->ext_id);
	tui_put(t->body, 1, 0, line, t->w, TEXT_LEFT);
	snprintf(line, sizeof line, _("Net %s  tax %s  total %s"),
	    tui_money(t, a, sizeof a, o->net), tui_money(t, b, sizeof b,
	    o->tax), tui_money(t, c, sizeof c, o->total));
	tui_put(t->body, 2, 0, line, t->w, TEXT_LEFT);
	y = 3;
	if ((o->carrier != NULL && *o->carrier != '\0') ||
	    (o->tracking != NULL && *o->tracking != '\0')) {
		snprintf(line, sizeof line, _("Carrier %s  tracking %s"),
		    o->carrier != NULL ? o->carrier : "",
		    o->tracking != NULL ? o->tracking : "");
		tui_put(t->body, y++, 0, line, t->w, TEXT_LEFT);
	}
	y++;
	od_row(t, od, y++, NULL, A_BOLD | A_UNDERLINE);
	/* Lines take what history leaves: history gets up to 5 rows. */
	hist = od->nhist < 5 ? od->nhist : 5;
	room = t->bodyh - y - (hist > 0 ? hist + 2 : 0);
	if (room < 1)
		room = 1;
	nl = (int)o->nlines;
	if (od->sel < od->top)
		od->top = od->sel;
	if (od->sel >= od->top + room)
		od->top = od->sel - room + 1;
	for (i = od->top; i < nl && i < od->top + room && y < t->bodyh; i++)
		od_row(t, od, y++, &o->lines[i], i == od->sel ? A_REVERSE :
		    A_NORMAL);
	if (hist > 0 && y + 2 <= t->bodyh) {
		y++;
		wattrset(t->body, A_BOLD);
		tui_put(t->body, y++, 0, _("History"), t->w, TEXT_LEFT);
		wattrset(t->body, A_NORMAL);
		first = od->nhist - (t->bodyh - y);
		if (first < od->nhist - hist)
			first = od->nhist - hist;
		if (first < 0)
			first = 0;
		for (i = first; i < od->nhist && y < t->bodyh; i++)
			tui_put(t->body, y++, 0, od->hist[i], t->w, TEXT_LEFT);
	}
}

static int
event_tx(struct db_txn *tx, void *arg, char **cause)
{
	struct oevent	*ev = arg;
	struct order	*o = &ev->od->o;

	switch (ev->a) {
	case A_CONFIRM:
		return (order_confirm(tx, o->id, o->version, cause));
	case A_PICK:
		return (order_pick(tx, o->id, o->version, ev->lq, ev->nlq,
		    cause));
	case A_PACK:
		return (order_pack(tx, o->id, o->version, cause));
	case A_SHIP:
		return (order_ship(tx, o->id, o->version, ev->lq, ev->nlq,
		    ev->carrier, ev->tracking, &ev->out, cause));
	case A_DELIVER:
		return (order_deliver(tx, o->id, o->version, cause));
	case A_CANCEL:
		return (order_cancel(tx, o->id, o->version, ev->reason,
		    cause));
	case A_RETURN:
		return (order_return(tx, o->id, o->version, ev->lq, ev->nlq,
		    ev->reason, cause));
	case A_PAY:
		return (pay_record(tx, o->customer, ev->amount, ev->method,
		    0, ev->reason, &ev->out, cause));
	default:
		return (ORDO_EINVAL);
	}
}

/* "1:2 3:1" (LINE:QTY[:scrap]) into ev->lq; -1 with a message if bad. */
static int
parse_lines(struct tui *t, const char *s, int scrap, struct oevent *ev)
{
	char	*copy, *w, *save = NULL, *cause = NULL;

	copy = xstrdup(s);
	for (w = strtok_r(copy, " ,", &save); w != NULL;
	    w = strtok_r(NULL, " ,", &save)) {
		ev->lq = xreallocarray(ev->lq, ev->nlq + 1, sizeof *ev->lq);
		if (lineparse_lineqty(w, scrap, &ev->lq[ev->nlq], &cause) !=
		    0) {
			tui_err(t, ORDO_EINVAL, cause);
			free(cause);
			free(copy);
			return (-1);
		}
		ev->nlq++;
	}
	free(copy);
	return (0);
}

static void
od_event(struct tui *t, struct odetail *od, enum action a)
{
	struct oevent	 ev;
	char		*carrier = NULL, *tracking = NULL, *reason = NULL;
	char		*lines = NULL, *amount = NULL, *method = NULL;
	char		 buf[32], *cause = NULL;
	const char	*done = NULL;

	memset(&ev, 0, sizeof ev);
	ev.od = od;
	ev.a = a;
	/* Always against the order as it is now. */
	if (od_load(t, od) != 0)
		return;
	switch (a) {
	case A_SHIP:
		lines = tui_prompt(t, _("Ship lines (LINE:QTY ..., empty: "
		    "all picked or reserved): "), "", PROMPT_PLAIN, NULL, NULL);
		if (lines == NULL)
			goto out;
		if (parse_lines(t, lines, 0, &ev) != 0)
			goto out;
		carrier = tui_prompt(t, _("Carrier: "), od->o.carrier,
		    PROMPT_PLAIN, NULL, NULL);
		if (carrier == NULL)
			goto out;
		tracking = tui_prompt(t, _("Tracking number: "),
		    od->o.tracking, PROMPT_PLAIN, NULL, NULL);
		if (tracking == NULL)
			goto out;
		ev.carrier = carrier;
		ev.tracking = tracking;
		break;
	case A_CANCEL:
		if (!tui_ask(t, _("Cancel order %llu? Its reservations are "
		    "released. (y/n)"), (unsigned long long)od->id))
			goto out;
		reason = tui_prompt(t, _("Reason: "), "", PROMPT_PLAIN, NULL,
		    NULL);
		if (reason == NULL)
			goto out;
		ev.reason = reason;
		break;
	case A_RETURN:
		lines = tui_prompt(t, _("Return LINE:QTY[:scrap] ...: "), "",
		    PROMPT_PLAIN, NULL, NULL);
		if (lines == NULL || *lines == '\0')
			goto out;
		if (parse_lines(t, lines, 1, &ev) != 0)
			goto out;
		if (!tui_ask(t, _("Return %s on order %llu and write a credit "
		    "note? (y/n)"), lines, (unsigned long long)od->id))
			goto out;
		reason = tui_prompt(t, _("Reason: "), "", PROMPT_PLAIN, NULL,
		    NULL);
		if (reason == NULL)
			goto out;
		ev.reason = reason;
		break;
	case A_PAY:
		tui_money(t, buf, sizeof buf, od->o.total);
		amount = tui_prompt(t, _("Amount: "), buf, PROMPT_PLAIN, NULL,
		    NULL);
		if (amount == NULL)
			goto out;
		if (lineparse_money(_("amount"), amount,
		    t->cli->cfg->minor_digits, LP_NONZERO, &ev.amount,
		    &cause) != 0) {
			tui_err(t, ORDO_EINVAL, cause);
			goto out;
		}
		method = tui_prompt(t, _("Method (cash, bank, card): "),
		    "cash", PROMPT_COMMAND, NULL, NULL);
		if (method == NULL)
			goto out;
		if (pay_method_parse(method, &ev.method) != 0) {
			tui_errf(t, _("method: cash, bank or card, not %s"),
			    method);
			goto out;
		}
		ev.reason = "";
		break;
	default:
		break;
	}
	if (tui_write(t, event_tx, &ev) != 0)
		goto out;
	switch (a) {
	case A_CONFIRM: done = _("confirmed"); break;
	case A_PICK: done = _("picked"); break;
	case A_PACK: done = _("packed"); break;
	case A_SHIP: done = _("shipped"); break;
	case A_DELIVER: done = _("delivered"); break;
	case A_CANCEL: done = _("cancelled"); break;
	case A_RETURN: done = _("returned"); break;
	case A_PAY: done = _("payment recorded"); break;
	default: done = ""; break;
	}
	od->stale = 1;
	tui_msg(t, _("Order %llu: %s"), (unsigned long long)od->id, done);
out:
	free(cause);
	free(lines);
	free(carrier);
	free(tracking);
	free(reason);
	free(amount);
	free(method);
	free(ev.lq);
}

static void
od_key(struct tui *t, void *p, enum action a, int key, int iskey)
{
	struct odetail	*od = p;

	(void)key;
	(void)iskey;
	switch (a) {
	case A_UP:
		if (od->sel > 0)
			od->sel--;
		break;
	case A_DOWN:
		if (od->have && od->sel + 1 < (int)od->o.nlines)
			od->sel++;
		break;
	case A_CONFIRM:
	case A_PICK:
	case A_PACK:
	case A_SHIP:
	case A_DELIVER:
	case A_CANCEL:
	case A_RETURN:
	case A_PAY:
		od_event(t, od, a);
		break;
	case A_REFRESH:
		od->stale = 1;
		clearok(curscr, TRUE);
		break;
	case A_BACK:
		tui_pop(t);
		break;
	default:
		break;
	}
}
