/*
 * screen-payments.c: take a customer's payment and allocate it.
 *
 * The screen shows one customer: what they owe (receivable less
 * prepayments, as the ledger holds it), their open invoices and credit
 * notes (invoice_each), and the money not yet allocated (payment_each).
 * Every change is one core call in one write transaction:
 *   $  a payment (pay_record), then allocated to the open invoices oldest
 *      first (pay_allocate), as a customer paying their account expects;
 *   +  a prepayment (pay_record), kept as credit for later orders;
 *   l  what is unallocated, to the selected invoice (pay_allocate with
 *      that invoice);
 *   o  what is unallocated, to the open invoices oldest first.
 * The core checks the role (a clerk records and allocates) and the
 * amounts; the screen only asks.  Enter opens the invoice's order.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ordo/customer.h"
#include "ordo/date.h"
#include "ordo/error.h"
#include "ordo/ledger.h"
#include "ordo/lineparse.h"
#include "ordo/money.h"
#include "ordo/payment.h"
#include "ordo/xmalloc.h"

#include "../cli/cli.h"
#include "tui.h"

#define PY_MAXCOLS	16
#define PY_MAXPAY	4	/* unallocated rows shown */

struct pinv {
	uint64_t	 id;
	uint64_t	 order;
	int64_t		 time;
	int64_t		 amount;
	int64_t		 open;
};

struct ppay {
	uint64_t	 id;
	int64_t		 time;
	enum pay_method	 method;
	int		 prepayment;
	int64_t		 amount;
	int64_t		 unallocated;
	char		 ref[64];
};

struct payments {
	const struct form *fm;
	char		*cust;
	char		*cname;
	int64_t		 owes;		/* receivable + prepayments */
	int64_t		 unalloc;	/* payments and credit notes */
	struct pinv	*inv;
	size_t		 ninv;
	struct ppay	*pay;
	size_t		 npay;
	int		 sel;
	int		 top;
	uint64_t	 gen;
	int		 stale;
	int		 shown[PY_MAXCOLS];
};

/* One change and what it did. */
struct pchange {
	struct payments	*py;
	enum action	 a;
	int64_t		 amount;
	enum pay_method	 method;
	const char	*ref;
	uint64_t	 invoice;
	uint64_t	 id;
	int64_t		 done;
};

static void	*py_init(struct tui *, const struct form *, void *);
static void	 py_free(void *);
static void	 py_resize(struct tui *, void *);
static void	 py_draw(struct tui *, void *);
static void	 py_key(struct tui *, void *, enum action, int, int);

const struct screen_ops screen_payments_ops = {
	.name = "payments",
	.minw = 40,
	.minh = 12,
	.init = py_init,
	.free = py_free,
	.resize = py_resize,
	.draw = py_draw,
	.key = py_key,
};

static void
py_clear(struct payments *py)
{
	free(py->inv);
	free(py->pay);
	py->inv = NULL;
	py->pay = NULL;
	py->ninv = py->npay = 0;
	py->owes = py->unalloc = 0;
}

static int
inv_fn(const struct invoice *iv, void *arg)
{
	struct payments	*py = arg;
	struct pinv	*p;

	if (iv->open == 0)
		return (0);
	if (iv->open < 0)
		py->unalloc -= iv->open;
	py->inv = xreallocarray(py->inv, py->ninv + 1, sizeof *py->inv);
	p = &py->inv[py->ninv++];
	p->id = iv->id;
	p->order = iv->order;
	p->time = iv->time;
	p->amount = iv->amount;
	p->open = iv->open;
	return (0);
}

static int
pay_fn(const struct payment *pm, void *arg)
{
	struct payments	*py = arg;
	struct ppay	*p;

	if (pm->unallocated == 0)
		return (0);
	py->unalloc += pm->unallocated;
	py->pay = xreallocarray(py->pay, py->npay + 1, sizeof *py->pay);
	p = &py->pay[py->npay++];
	p->id = pm->id;
	p->time = pm->time;
	p->method = pm->method;
	p->prepayment = pm->prepayment;
	p->amount = pm->amount;
	p->unallocated = pm->unallocated;
	snprintf(p->ref, sizeof p->ref, "%s", pm->ref != NULL ? pm->ref : "");
	return (0);
}

static int
load_tx(struct db_txn *tx, void *arg, char **cause)
{
	struct payments	*py = arg;
	struct customer	 c;
	int		 rc;

	if ((rc = customer_get(tx, py->cust, &c, cause)) != 0)
		return (rc);
	free(py->cname);
	py->cname = xstrdup(c.name);
	customer_free(&c);
	py->owes = ledger_customer_balance(tx, py->cust, ACCT_RECEIVABLE) +
	    ledger_customer_balance(tx, py->cust, ACCT_PREPAYMENTS);
	if ((rc = invoice_each(tx, py->cust, inv_fn, py)) != 0)
		return (rc);
	return (payment_each(tx, py->cust, pay_fn, py));
}

static void
py_load(struct tui *t, struct payments *py)
{
	py_clear(py);
	py->gen = t->gen;
	py->stale = 0;
	if (py->cust == NULL)
		return;
	if (tui_read(t, load_tx, py) != 0)
		py_clear(py);
	if (py->sel >= (int)py->ninv)
		py->sel = py->ninv > 0 ? (int)py->ninv - 1 : 0;
}

/* Ask for the customer; 0 when one was chosen. */
static int
py_choose(struct tui *t, struct payments *py)
{
	char	*q, *w, *e, *code, *name;
	int	 rc;

	q = tui_prompt(t, _("Customer (code, name or phone): "), "",
	    PROMPT_CUSTOMER, NULL, NULL);
	if (q == NULL)
		return (-1);
	/* Completion leaves a space after the code. */
	for (w = q; *w == ' '; w++)
		;
	for (e = w + strlen(w); e > w && e[-1] == ' '; e--)
		;
	*e = '\0';
	rc = *w != '\0' ? tui_customer_find(t, w, &code, &name) : -1;
	free(q);
	if (rc != 0)
		return (-1);
	free(py->cust);
	free(py->cname);
	py->cust = code;
	py->cname = name;
	py->sel = py->top = 0;
	py->stale = 1;
	return (0);
}

static void *
py_init(struct tui *t, const struct form *fm, void *arg)
{
	struct payments	*py;

	if (fm->ncolumns > PY_MAXCOLS)
		return (NULL);
	py = xcalloc(1, sizeof *py);
	py->fm = fm;
	form_fit(fm, t->w, py->shown);
	py->stale = 1;
	if (arg != NULL) {
		py->cust = xstrdup(arg);
		py->cname = xstrdup("");
	} else
		py_choose(t, py);	/* Escape: the screen says how */
	return (py);
}

static void
py_free(void *p)
{
	struct payments	*py = p;

	py_clear(py);
	free(py->cust);
	free(py->cname);
	free(py);
}

static void
py_resize(struct tui *t, void *p)
{
	struct payments	*py = p;

	form_fit(py->fm, t->w, py->shown);
}

static void
inv_cell(struct tui *t, const void *row, const char *field, char *buf,
    size_t len)
{
	const struct pinv	*iv = row;

	if (strcmp(field, "id") == 0)
		snprintf(buf, len, "%llu", (unsigned long long)iv->id);
	else if (strcmp(field, "order") == 0)
		snprintf(buf, len, "%llu", (unsigned long long)iv->order);
	else if (strcmp(field, "date") == 0)
		date_fmt(buf, len, date_from_time(iv->time));
	else if (strcmp(field, "amount") == 0)
		tui_money(t, buf, len, iv->amount);
	else if (strcmp(field, "open") == 0)
		tui_money(t, buf, len, iv->open);
}

static int
py_room(struct tui *t, const struct payments *py)
{
	int	 n, room;

	n = py->npay > PY_MAXPAY ? PY_MAXPAY : (int)py->npay;
	room = t->bodyh - 4 - (n > 0 ? n + 2 : 0);
	return (room < 1 ? 1 : room);
}

static void
py_draw(struct tui *t, void *p)
{
	struct payments	*py = p;
	const struct ppay *pm;
	char		 line[512], a[MONEY_BUFSZ], b[MONEY_BUFSZ];
	char		 d[DATE_BUFSZ];
	int		 y, i, room, n;

	if (py->stale || py->gen != t->gen)
		py_load(t, py);
	werase(t->body);
	if (py->cust == NULL) {
		tui_put(t->body, 0, 0, _("No customer chosen: u chooses one."),
		    t->w, TEXT_LEFT);
		return;
	}
	wattrset(t->body, A_BOLD);
	snprintf(line, sizeof line, _("Customer %s %s"), py->cust,
	    py->cname);
	tui_put(t->body, 0, 0, line, t->w, TEXT_LEFT);
	wattrset(t->body, A_NORMAL);
	if (py->owes > 0)
		snprintf(line, sizeof line, _("Owes %s"), tui_money(t, a,
		    sizeof a, py->owes));
	else if (py->owes < 0)
		snprintf(line, sizeof line, _("Has %s credit"), tui_money(t, a,
		    sizeof a, -py->owes));
	else
		snprintf(line, sizeof line, "%s", _("Owes nothing"));
	if (py->unalloc != 0) {
		n = (int)strlen(line);
		snprintf(line + n, sizeof line - (size_t)n, _("  unallocated "
		    "%s"), tui_money(t, b, sizeof b, py->unalloc));
	}
	tui_put(t->body, 1, 0, line, t->w, TEXT_LEFT);
	y = 3;
	tui_row(t, py->fm, py->shown, y++, inv_cell, NULL,
	    A_BOLD | A_UNDERLINE);
	room = py_room(t, py);
	if (py->sel < py->top)
		py->top = py->sel;
	if (py->sel >= py->top + room)
		py->top = py->sel - room + 1;
	if (py->ninv == 0)
		tui_put(t->body, y++, 0, _("No open invoices."), t->w,
		    TEXT_LEFT);
	for (i = py->top; i < (int)py->ninv && i < py->top + room; i++)
		tui_row(t, py->fm, py->shown, y++, inv_cell, &py->inv[i],
		    i == py->sel ? A_REVERSE : A_NORMAL);
	if (py->npay == 0)
		return;
	y = t->bodyh - (py->npay > PY_MAXPAY ? PY_MAXPAY : (int)py->npay) -
	    1;
	wattrset(t->body, A_BOLD);
	tui_put(t->body, y++, 0, _("Not yet allocated"), t->w, TEXT_LEFT);
	wattrset(t->body, A_NORMAL);
	for (i = 0; i < (int)py->npay && y < t->bodyh; i++) {
		pm = &py->pay[i];
		if (i == PY_MAXPAY - 1 && (int)py->npay > PY_MAXPAY) {
			snprintf(line, sizeof line, _("and %d more"),
			    (int)py->npay - i);
			tui_put(t->body, y++, 0, line, t->w, TEXT_LEFT);
			break;
		}
		date_fmt(d, sizeof d, date_from_time(pm->time));
		snprintf(line, sizeof line, _("%s %llu: %s left of %s  %s  %s "
		    "%s"), pm->prepayment ? _("Prepayment") : _("Payment"),
		    (unsigned long long)pm->id,
		    tui_money(t, b, sizeof b, pm->unallocated),
		    tui_money(t, a, sizeof a, pm->amount), d,
		    _(pay_method_name(pm->method)), pm->ref);
		tui_put(t->body, y++, 0, line, t->w, TEXT_LEFT);
	}
}

static int
change_tx(struct db_txn *tx, void *arg, char **cause)
{
	struct pchange	*c = arg;
	const char	*cust = c->py->cust;
	int		 rc;

	switch (c->a) {
	case A_PAY:
		if ((rc = pay_record(tx, cust, c->amount, c->method, 0, c->ref,
		    &c->id, cause)) != 0)
			return (rc);
		return (pay_allocate(tx, cust, NULL, 0, &c->done, cause));
	case A_PREPAY:
		return (pay_record(tx, cust, c->amount, c->method, 1, c->ref,
		    &c->id, cause));
	case A_ALLOCATE:
		return (pay_allocate(tx, cust, &c->invoice, 1, &c->done,
		    cause));
	case A_ALLOC_OLDEST:
		return (pay_allocate(tx, cust, NULL, 0, &c->done, cause));
	default:
		return (ORDO_EINVAL);
	}
}

/* Amount, method and reference of a payment; 0 when all were given. */
static int
ask_money(struct tui *t, struct payments *py, struct pchange *c,
    char **ref)
{
	char	 buf[MONEY_BUFSZ], *amount, *method, *cause = NULL;
	int	 rc = -1;

	buf[0] = '\0';
	if (c->a == A_PAY && py->owes > 0)
		tui_money(t, buf, sizeof buf, py->owes);
	amount = tui_prompt(t, c->a == A_PAY ? _("Amount: ") :
	    _("Prepayment amount: "), buf, PROMPT_PLAIN, NULL, NULL);
	if (amount == NULL)
		return (-1);
	if (lineparse_money(_("amount"), amount, t->cli->cfg->minor_digits,
	    LP_NONZERO, &c->amount, &cause) != 0) {
		tui_err(t, ORDO_EINVAL, cause);
		free(cause);
		free(amount);
		return (-1);
	}
	free(amount);
	method = tui_prompt(t, _("Method (cash, bank, card): "), "cash",
	    PROMPT_COMMAND, NULL, NULL);
	if (method == NULL)
		return (-1);
	if (pay_method_parse(method, &c->method) != 0)
		tui_errf(t, _("method: cash, bank or card, not %s"), method);
	else if ((*ref = tui_prompt(t, _("Reference (optional): "), "",
	    PROMPT_PLAIN, NULL, NULL)) != NULL)
		rc = 0;
	free(method);
	return (rc);
}

static void
py_change(struct tui *t, struct payments *py, enum action a)
{
	struct pchange	 c;
	char		*ref = NULL, m[MONEY_BUFSZ], d[MONEY_BUFSZ];

	if (py->cust == NULL) {
		tui_errf(t, "%s", _("first the customer: u chooses one"));
		return;
	}
	memset(&c, 0, sizeof c);
	c.py = py;
	c.a = a;
	if (a == A_ALLOCATE) {
		if (py->ninv == 0 || py->inv[py->sel].open <= 0) {
			tui_errf(t, "%s", _("choose an open invoice to "
			    "allocate to"));
			return;
		}
		c.invoice = py->inv[py->sel].id;
	}
	if ((a == A_PAY || a == A_PREPAY) && ask_money(t, py, &c, &ref) != 0)
		goto out;
	c.ref = ref != NULL ? ref : "";
	if (tui_write(t, change_tx, &c) != 0)
		goto out;
	py->stale = 1;
	tui_money(t, m, sizeof m, c.amount);
	tui_money(t, d, sizeof d, c.done);
	switch (a) {
	case A_PAY:
		tui_msg(t, _("Payment %llu: %s by %s, %s allocated"),
		    (unsigned long long)c.id, m, _(pay_method_name(c.method)),
		    d);
		break;
	case A_PREPAY:
		tui_msg(t, _("Prepayment %llu: %s by %s, kept as credit"),
		    (unsigned long long)c.id, m, _(pay_method_name(c.method)));
		break;
	default:
		if (c.done == 0)
			tui_msg(t, "%s", _("Nothing to allocate"));
		else
			tui_msg(t, _("%s allocated"), d);
		break;
	}
out:
	free(ref);
}

static void
py_key(struct tui *t, void *p, enum action a, int key, int iskey)
{
	struct payments	*py = p;
	int		 room = py_room(t, py);

	(void)key;
	(void)iskey;
	switch (a) {
	case A_UP:
		if (py->sel > 0)
			py->sel--;
		break;
	case A_DOWN:
		if (py->sel + 1 < (int)py->ninv)
			py->sel++;
		break;
	case A_PGUP:
		py->sel = py->sel > room ? py->sel - room : 0;
		break;
	case A_PGDN:
		py->sel += room;
		if (py->sel >= (int)py->ninv)
			py->sel = py->ninv > 0 ? (int)py->ninv - 1 : 0;
		break;
	case A_OPEN:
		if (py->ninv > 0)
			tui_push(t, &screen_order_ops,
			    &py->inv[py->sel].order);
		py->stale = 1;
		break;
	case A_PAY:
	case A_PREPAY:
	case A_ALLOCATE:
	case A_ALLOC_OLDEST:
		py_change(t, py, a);
		break;
	case A_CUSTOMER:
		py_choose(t, py);
		break;
	case A_REFRESH:
		py->stale = 1;
		clearok(curscr, TRUE);
		break;
	case A_BACK:
		tui_pop(t);
		break;
	default:
		break;
	}
}
