/*
 * screen-report.c: the report screens, each one core report drawn as
 * rows of the columns its form (forms/NAME.yaml) gives, with headings
 * and totals as whole lines between them:
 *   day         a day's summary: orders taken by status (order_page over
 *               the date index) and from the books for that day
 *               (report_trial_balance over one day): sales, tax, cost of
 *               goods, money in by cash, bank and card
 *   tb          the trial balance for a period (report_trial_balance)
 *   aging       receivables ageing on a day (report_aging)
 *   statement   a customer's statement for a period (report_statement)
 *   backorders  every backordered line, oldest order first
 *               (order_backorders); c reserves what has come in
 * The books, ageing and statements are for a manager or an admin: the
 * core says so (report_finance, report_statement) and the screen shows
 * its words instead of the report.  A row with an order opens it with
 * Enter.  Nothing is kept open between keys: each draw after a change
 * (db_generation) reads the report again in one read transaction.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ordo/config.h"
#include "ordo/customer.h"
#include "ordo/date.h"
#include "ordo/error.h"
#include "ordo/money.h"
#include "ordo/order.h"
#include "ordo/report.h"
#include "ordo/xmalloc.h"

#include "../cli/cli.h"
#include "tui.h"

#define RP_MAXCOLS	12
#define RP_DAYPAGE	256	/* orders read at a time for the day */

enum rkind {
	RK_DAY,
	RK_TB,
	RK_AGING,
	RK_STMT,
	RK_BO
};

struct rrow {
	char		*line;		/* a whole line (heading, total) */
	int		 attr;
	char		*cells[RP_MAXCOLS];
	uint64_t	 order;		/* Enter opens it (0: none) */
	uint32_t	 version;
};

struct report {
	const struct form *fm;
	enum rkind	 kind;
	struct rrow	*rows;
	size_t		 nrows;
	int		 sel;
	int		 top;
	int32_t		 from;		/* INT32_MIN: open */
	int32_t		 to;		/* INT32_MAX: open */
	char		*cust;
	char		*title;		/* above the column headers */
	char		*refused;	/* the core's words: needs a manager */
	uint64_t	 gen;
	int		 stale;
	int		 shown[RP_MAXCOLS];
	struct tui	*t;
	struct rrow	*cur;		/* the row being filled */
	/* The day summary. */
	uint64_t	 nst[ST_NSTATUSES];
	int64_t		 books[16];
};

static void	*rp_init(struct tui *, const struct form *, void *);
static void	 rp_free(void *);
static void	 rp_resize(struct tui *, void *);
static void	 rp_draw(struct tui *, void *);
static void	 rp_key(struct tui *, void *, enum action, int, int);

#define RP_OPS(id, nm, w, h)						\
const struct screen_ops id = {						\
	.name = nm,							\
	.minw = w,							\
	.minh = h,							\
	.init = rp_init,						\
	.free = rp_free,						\
	.resize = rp_resize,						\
	.draw = rp_draw,						\
	.key = rp_key,							\
}
RP_OPS(screen_day_ops, "day", 36, 12);
RP_OPS(screen_tb_ops, "tb", 40, 12);
RP_OPS(screen_aging_ops, "aging", 40, 12);
RP_OPS(screen_statement_ops, "statement", 40, 12);
RP_OPS(screen_backorders_ops, "backorders", 40, 12);

static enum rkind
rp_kind(const struct form *fm)
{
	if (strcmp(fm->screen, "tb") == 0)
		return (RK_TB);
	if (strcmp(fm->screen, "aging") == 0)
		return (RK_AGING);
	if (strcmp(fm->screen, "statement") == 0)
		return (RK_STMT);
	if (strcmp(fm->screen, "backorders") == 0)
		return (RK_BO);
	return (RK_DAY);
}

static void
rows_free(struct report *rp)
{
	size_t	 i;
	int	 k;

	for (i = 0; i < rp->nrows; i++) {
		free(rp->rows[i].line);
		for (k = 0; k < RP_MAXCOLS; k++)
			free(rp->rows[i].cells[k]);
	}
	free(rp->rows);
	rp->rows = NULL;
	rp->nrows = 0;
	rp->cur = NULL;
}

/* A new row of cells (filled with cellf) or a whole line. */
static struct rrow *
row_new(struct report *rp, int attr, const char *fmt, ...)
{
	struct rrow	*r;
	va_list		 ap;

	rp->rows = xreallocarray(rp->rows, rp->nrows + 1, sizeof *rp->rows);
	r = &rp->rows[rp->nrows++];
	memset(r, 0, sizeof *r);
	r->attr = attr;
	if (fmt != NULL) {
		va_start(ap, fmt);
		if (vasprintf(&r->line, fmt, ap) == -1)
			r->line = NULL;
		va_end(ap);
	}
	rp->cur = r;
	return (r);
}

static void
title_set(struct report *rp, const char *fmt, ...)
{
	va_list	 ap;

	free(rp->title);
	va_start(ap, fmt);
	if (vasprintf(&rp->title, fmt, ap) == -1)
		rp->title = NULL;
	va_end(ap);
}

/* Set the current row's cell of a column by its field name. */
static void
cellf(struct report *rp, const char *field, const char *fmt, ...)
{
	va_list	 ap;
	size_t	 k;

	for (k = 0; k < rp->fm->ncolumns && k < RP_MAXCOLS; k++) {
		if (strcmp(rp->fm->columns[k].field, field) != 0)
			continue;
		free(rp->cur->cells[k]);
		va_start(ap, fmt);
		if (vasprintf(&rp->cur->cells[k], fmt, ap) == -1)
			rp->cur->cells[k] = NULL;
		va_end(ap);
		return;
	}
}

static void
cellm(struct report *rp, const char *field, int64_t v)
{
	char	 m[MONEY_BUFSZ];

	cellf(rp, field, "%s", tui_money(rp->t, m, sizeof m, v));
}

static void
period_text(const struct report *rp, char *buf, size_t len)
{
	char	 a[DATE_BUFSZ], b[DATE_BUFSZ];

	if (rp->from == INT32_MIN && rp->to == INT32_MAX)
		snprintf(buf, len, "%s", _("all dates"));
	else
		snprintf(buf, len, _("%s to %s"), rp->from == INT32_MIN ?
		    "..." : date_fmt(a, sizeof a, rp->from), rp->to ==
		    INT32_MAX ? "..." : date_fmt(b, sizeof b, rp->to));
}

/* The day summary. */

/* The day's lines from the books, by account role, in this order. */
static const struct {
	enum account_role role;
	const char	*label;
	int		 sign;		/* credit balances shown positive */
} day_lines[] = {
	{ ACCT_REVENUE, N_("Sales"), -1 },
	{ ACCT_RETURNS, N_("Returns"), -1 },
	{ ACCT_SHIPPING, N_("Shipping charged"), -1 },
	{ ACCT_TAX, N_("Tax"), -1 },
	{ ACCT_COGS, N_("Cost of goods"), 1 },
	{ ACCT_CASH, N_("Cash in"), 1 },
	{ ACCT_BANK, N_("Bank in"), 1 },
	{ ACCT_CARD, N_("Card in"), 1 },
};
#define DAY_NLINES	(sizeof day_lines / sizeof day_lines[0])
_Static_assert(DAY_NLINES <= 16, "room for the day's lines");

static void
day_tb(const struct tb_row *r, void *arg)
{
	struct report	*rp = arg;
	const char	*code;
	size_t		 i;

	for (i = 0; i < DAY_NLINES; i++) {
		code = config_account(rp->t->cli->cfg, day_lines[i].role);
		if (code != NULL && strcmp(code, r->code) == 0)
			rp->books[i] = day_lines[i].sign * r->balance;
	}
}

static int
day_tx(struct db_txn *tx, struct report *rp, char **cause)
{
	struct order_filter	 f;
	struct order_row	*rows;
	uint64_t		 anchor = 0, norders = 0;
	int64_t			 total = 0, sum;
	size_t			 n, i;
	char			 d[DATE_BUFSZ], m[MONEY_BUFSZ];
	int			 rc, s;

	if ((rc = report_finance(tx, "reading the day summary", cause)) != 0)
		return (rc);
	memset(rp->nst, 0, sizeof rp->nst);
	memset(rp->books, 0, sizeof rp->books);
	order_filter_init(&f);
	f.from_day = f.to_day = rp->from;
	rows = xcalloc(RP_DAYPAGE, sizeof *rows);
	do {
		rc = order_page(tx, &f, anchor, ORDER_PAGE_DOWN, rows,
		    RP_DAYPAGE, &n, cause);
		if (rc != 0) {
			free(rows);
			return (rc);
		}
		for (i = 0; i < n; i++) {
			rp->nst[rows[i].status]++;
			norders++;
			if (rows[i].status != ST_CANCELLED)
				total += rows[i].total;
		}
		if (n > 0)
			anchor = rows[n - 1].id;
	} while (n == RP_DAYPAGE);
	free(rows);
	title_set(rp, _("Day %s"), date_fmt(d, sizeof d, rp->from));
	row_new(rp, A_NORMAL, NULL);
	cellf(rp, "what", "%s", _("Orders taken"));
	cellf(rp, "value", "%llu", (unsigned long long)norders);
	row_new(rp, A_NORMAL, NULL);
	cellf(rp, "what", "%s", _("Their total"));
	cellf(rp, "value", "%s", tui_money(rp->t, m, sizeof m, total));
	for (s = 0; s < ST_NSTATUSES; s++) {
		if (rp->nst[s] == 0)
			continue;
		row_new(rp, A_NORMAL, NULL);
		cellf(rp, "what", "  %s", _(order_status_name(s)));
		cellf(rp, "value", "%llu", (unsigned long long)rp->nst[s]);
	}
	if ((rc = report_trial_balance(tx, rp->from, rp->from, day_tb, rp,
	    &sum)) != 0)
		return (rc);
	row_new(rp, A_BOLD, "%s", _("From the books"));
	for (i = 0; i < DAY_NLINES; i++) {
		row_new(rp, A_NORMAL, NULL);
		cellf(rp, "what", "%s", _(day_lines[i].label));
		cellm(rp, "value", rp->books[i]);
		if (day_lines[i].role != ACCT_COGS)
			continue;
		/* Sales, returns and shipping less the cost of goods. */
		row_new(rp, A_NORMAL, NULL);
		cellf(rp, "what", "%s", _("Gross margin"));
		cellm(rp, "value", rp->books[0] + rp->books[1] + rp->books[2] -
		    rp->books[4]);
	}
	return (0);
}

/* The trial balance. */

static void
tb_fn(const struct tb_row *r, void *arg)
{
	struct report	*rp = arg;

	if (r->balance == 0)
		return;
	row_new(rp, A_NORMAL, NULL);
	cellf(rp, "code", "%s", r->code);
	cellf(rp, "name", "%s", r->name);
	if (r->balance > 0)
		cellm(rp, "debit", r->balance);
	else
		cellm(rp, "credit", -r->balance);
}

static int
tb_tx(struct db_txn *tx, struct report *rp, char **cause)
{
	char	 p[64];
	int64_t	 total = 0;
	int	 rc;

	if ((rc = report_finance(tx, "reading the books", cause)) != 0)
		return (rc);
	period_text(rp, p, sizeof p);
	title_set(rp, _("Trial balance, %s"), p);
	if ((rc = report_trial_balance(tx, rp->from, rp->to, tb_fn, rp,
	    &total)) != 0)
		return (rc);
	if (total == 0)
		row_new(rp, A_BOLD, "%s", _("Debits equal credits."));
	else
		row_new(rp, A_BOLD, _("Out of balance by %s"),
		    tui_money(rp->t, p, sizeof p, total));
	return (0);
}

/* Ageing. */

static void
aging_cells(struct report *rp, const struct aging_row *r)
{
	cellm(rp, "current", r->current);
	cellm(rp, "d1_30", r->d1_30);
	cellm(rp, "d31_60", r->d31_60);
	cellm(rp, "d61_90", r->d61_90);
	cellm(rp, "over90", r->over90);
	cellm(rp, "credit", r->credit);
	cellm(rp, "total", r->total);
}

static void
aging_fn(const struct aging_row *r, void *arg)
{
	struct report	*rp = arg;

	row_new(rp, A_NORMAL, NULL);
	cellf(rp, "customer", "%s", r->customer);
	aging_cells(rp, r);
}

static int
aging_tx(struct db_txn *tx, struct report *rp, char **cause)
{
	struct aging_row tot;
	char		 d[DATE_BUFSZ];
	int		 rc;

	if ((rc = report_finance(tx, "reading the ageing", cause)) != 0)
		return (rc);
	title_set(rp, _("Owed to us on %s, by age in days"),
	    date_fmt(d, sizeof d, rp->to));
	memset(&tot, 0, sizeof tot);
	if ((rc = report_aging(tx, rp->to, aging_fn, rp, &tot)) != 0)
		return (rc);
	row_new(rp, A_BOLD, NULL);
	cellf(rp, "customer", "%s", _("Total"));
	aging_cells(rp, &tot);
	return (0);
}

/* A customer's statement. */

static void
stmt_fn(const struct stmt_row *r, void *arg)
{
	struct report	*rp = arg;
	char		 d[DATE_BUFSZ];

	row_new(rp, A_NORMAL, NULL);
	rp->cur->order = r->order;
	cellf(rp, "date", "%s", date_fmt(d, sizeof d,
	    date_from_time(r->time)));
	cellf(rp, "doc", "%s %llu", _(r->kind), (unsigned long long)r->doc);
	if (r->order != 0)
		cellf(rp, "order", "%llu", (unsigned long long)r->order);
	if (r->debit != 0)
		cellm(rp, "debit", r->debit);
	if (r->credit != 0)
		cellm(rp, "credit", r->credit);
	cellm(rp, "balance", r->balance);
}

static int
stmt_tx(struct db_txn *tx, struct report *rp, char **cause)
{
	struct customer	 c;
	struct stmt	 st;
	char		 p[64], m[4][MONEY_BUFSZ];
	int		 rc;

	if (rp->cust == NULL)
		return (0);
	if ((rc = customer_get(tx, rp->cust, &c, cause)) != 0)
		return (rc);
	period_text(rp, p, sizeof p);
	title_set(rp, _("Statement for %s %s, %s"), c.code, c.name, p);
	customer_free(&c);
	memset(&st, 0, sizeof st);
	if ((rc = report_statement(tx, rp->cust, rp->from, rp->to, stmt_fn,
	    rp, &st, cause)) != 0)
		return (rc);
	row_new(rp, A_BOLD, _("Opening %s  closing %s"),
	    tui_money(rp->t, m[0], sizeof m[0], st.opening),
	    tui_money(rp->t, m[3], sizeof m[3], st.closing));
	row_new(rp, A_BOLD, _("Invoiced %s  paid %s"),
	    tui_money(rp->t, m[1], sizeof m[1], st.invoiced),
	    tui_money(rp->t, m[2], sizeof m[2], st.paid));
	return (0);
}

/* Backorders. */

static int
bo_fn(const struct order *o, const struct order_line *l, void *arg)
{
	struct report	*rp = arg;

	row_new(rp, A_NORMAL, NULL);
	rp->cur->order = o->id;
	rp->cur->version = o->version;
	cellf(rp, "order", "%llu", (unsigned long long)o->id);
	cellf(rp, "line", "%u", (unsigned)l->no);
	cellf(rp, "sku", "%s", l->sku);
	cellf(rp, "loc", "%s", l->loc != NULL ? l->loc : "");
	cellf(rp, "qty", "%lld", (long long)line_backordered(l));
	cellf(rp, "customer", "%s", o->customer);
	cellf(rp, "name", "%s", l->name != NULL ? l->name : "");
	return (0);
}

static int
load_tx(struct db_txn *tx, void *arg, char **cause)
{
	struct report	*rp = arg;
	int		 rc;

	switch (rp->kind) {
	case RK_DAY:
		return (day_tx(tx, rp, cause));
	case RK_TB:
		return (tb_tx(tx, rp, cause));
	case RK_AGING:
		return (aging_tx(tx, rp, cause));
	case RK_STMT:
		return (stmt_tx(tx, rp, cause));
	case RK_BO:
		if ((rc = order_backorders(tx, bo_fn, rp)) == 0 &&
		    rp->nrows > 0)
			title_set(rp, _("Backordered lines: %zu, oldest order "
			    "first"), rp->nrows);
		return (rc);
	}
	return (ORDO_EINVAL);
}

static void
rp_load(struct tui *t, struct report *rp)
{
	char	*cause = NULL;
	int	 rc;

	rows_free(rp);
	free(rp->refused);
	free(rp->title);
	rp->refused = rp->title = NULL;
	rp->gen = t->gen;
	rp->stale = 0;
	if ((rc = db_read(t->db, load_tx, rp, &cause)) != 0) {
		rows_free(rp);
		if (rc == ORDO_EPERM) {
			rp->refused = cause != NULL ? cause :
			    xstrdup(ordo_strerror(rc));
			cause = NULL;
		} else
			tui_err(t, rc, cause);
	}
	free(cause);
	if (rp->sel >= (int)rp->nrows)
		rp->sel = rp->nrows > 0 ? (int)rp->nrows - 1 : 0;
}

/* Ask for a customer (the statement); 0 when one was chosen. */
static int
rp_customer(struct tui *t, struct report *rp)
{
	char	*q, *w, *e, *code;
	int	 rc;

	q = tui_prompt(t, _("Customer (code, name or phone): "), "",
	    PROMPT_CUSTOMER, NULL, NULL);
	if (q == NULL)
		return (-1);
	for (w = q; *w == ' '; w++)
		;
	for (e = w + strlen(w); e > w && e[-1] == ' '; e--)
		;
	*e = '\0';
	rc = *w != '\0' ? tui_customer_find(t, w, &code, NULL) : -1;
	free(q);
	if (rc != 0)
		return (-1);
	free(rp->cust);
	rp->cust = code;
	rp->sel = rp->top = 0;
	rp->stale = 1;
	return (0);
}

/*
 * A date from a prompt; empty is open (*d = open) when openable, else
 * refused.  0, or -1 (Escape, or a message said why).
 */
static int
ask_date(struct tui *t, const char *prompt, int32_t cur, int openable,
    int32_t open, int32_t *d)
{
	char	 buf[DATE_BUFSZ], *s;
	int	 rc = 0;

	buf[0] = '\0';
	if (!openable || cur != open)
		date_fmt(buf, sizeof buf, cur);
	if ((s = tui_prompt(t, prompt, buf, PROMPT_PLAIN, NULL, NULL)) ==
	    NULL)
		return (-1);
	if (*s == '\0' && openable)
		*d = open;
	else if (date_parse(s, d) != 0) {
		tui_errf(t, _("not a date (YYYY-MM-DD): %s"), s);
		rc = -1;
	}
	free(s);
	return (rc);
}

static void
rp_period(struct tui *t, struct report *rp)
{
	int32_t	 from = rp->from, to = rp->to;

	switch (rp->kind) {
	case RK_DAY:
		if (ask_date(t, _("Day (YYYY-MM-DD): "), rp->from, 0, 0,
		    &from) != 0)
			return;
		to = from;
		break;
	case RK_AGING:
		if (ask_date(t, _("On (YYYY-MM-DD): "), rp->to, 0, 0, &to) !=
		    0)
			return;
		from = to;
		break;
	case RK_TB:
	case RK_STMT:
		if (ask_date(t, _("From (YYYY-MM-DD, empty: the start): "),
		    rp->from, 1, INT32_MIN, &from) != 0 ||
		    ask_date(t, _("To (YYYY-MM-DD, empty: no end): "),
		    rp->to, 1, INT32_MAX, &to) != 0)
			return;
		if (from != INT32_MIN && to != INT32_MAX && from > to) {
			tui_errf(t, "%s", _("the period ends before it "
			    "starts"));
			return;
		}
		break;
	case RK_BO:
		return;
	}
	rp->from = from;
	rp->to = to;
	rp->sel = rp->top = 0;
	rp->stale = 1;
}

static void *
rp_init(struct tui *t, const struct form *fm, void *arg)
{
	struct report	*rp;
	int32_t		 today = date_from_time(util_now());

	if (fm->ncolumns > RP_MAXCOLS)
		return (NULL);
	rp = xcalloc(1, sizeof *rp);
	rp->fm = fm;
	rp->t = t;
	rp->kind = rp_kind(fm);
	form_fit(fm, t->w, rp->shown);
	rp->stale = 1;
	switch (rp->kind) {
	case RK_DAY:
	case RK_AGING:
		rp->from = rp->to = today;
		break;
	default:
		rp->from = INT32_MIN;
		rp->to = INT32_MAX;
		break;
	}
	if (rp->kind == RK_STMT) {
		if (arg != NULL)
			rp->cust = xstrdup(arg);
		else
			rp_customer(t, rp);
	}
	return (rp);
}

static void
rp_free(void *p)
{
	struct report	*rp = p;

	rows_free(rp);
	free(rp->cust);
	free(rp->title);
	free(rp->refused);
	free(rp);
}

static void
rp_resize(struct tui *t, void *p)
{
	struct report	*rp = p;

	form_fit(rp->fm, t->w, rp->shown);
}

static void
rp_cell(struct tui *t, const void *row, const char *field, char *buf,
    size_t len)
{
	const struct rrow	*r = row;
	const struct form	*fm = t->top->form;
	size_t			 k;

	for (k = 0; k < fm->ncolumns && k < RP_MAXCOLS; k++)
		if (strcmp(fm->columns[k].field, field) == 0 &&
		    r->cells[k] != NULL) {
			snprintf(buf, len, "%s", r->cells[k]);
			return;
		}
}

static void
rp_draw(struct tui *t, void *p)
{
	struct report	*rp = p;
	const struct rrow *r;
	int		 y, i, room, attr;

	if (rp->stale || rp->gen != t->gen)
		rp_load(t, rp);
	werase(t->body);
	if (rp->refused != NULL) {
		wattrset(t->body, A_BOLD);
		tui_put(t->body, 0, 0, _("This report needs a manager or an "
		    "admin."), t->w, TEXT_LEFT);
		wattrset(t->body, A_NORMAL);
		tui_put(t->body, 1, 0, rp->refused, t->w, TEXT_LEFT);
		return;
	}
	if (rp->kind == RK_STMT && rp->cust == NULL) {
		tui_put(t->body, 0, 0, _("No customer chosen: u chooses one."),
		    t->w, TEXT_LEFT);
		return;
	}
	y = 0;
	if (rp->title != NULL) {
		wattrset(t->body, A_BOLD);
		tui_put(t->body, y++, 0, rp->title, t->w, TEXT_LEFT);
		wattrset(t->body, A_NORMAL);
	}
	tui_row(t, rp->fm, rp->shown, y++, rp_cell, NULL,
	    A_BOLD | A_UNDERLINE);
	room = t->bodyh - y;
	if (room < 1)
		room = 1;
	if (rp->sel < rp->top)
		rp->top = rp->sel;
	if (rp->sel >= rp->top + room)
		rp->top = rp->sel - room + 1;
	if (rp->nrows == 0)
		tui_put(t->body, y, 0, rp->kind == RK_BO ?
		    _("Nothing is backordered.") : _("Nothing to show."),
		    t->w, TEXT_LEFT);
	for (i = rp->top; i < (int)rp->nrows && y < t->bodyh; i++, y++) {
		r = &rp->rows[i];
		attr = r->attr | (i == rp->sel ? A_REVERSE : 0);
		if (r->line != NULL) {
			wattrset(t->body, attr);
			tui_put(t->body, y, 0, r->line, t->w, TEXT_LEFT);
			wattrset(t->body, A_NORMAL);
		} else
			tui_row(t, rp->fm, rp->shown, y, rp_cell, r, attr);
	}
}

static int
retry_tx(struct db_txn *tx, void *arg, char **cause)
{
	const struct rrow	*r = arg;

	return (order_confirm(tx, r->order, r->version, cause));
}

static void
rp_key(struct tui *t, void *p, enum action a, int key, int iskey)
{
	struct report	*rp = p;
	int		 room = t->bodyh > 3 ? t->bodyh - 2 : 1;
	int		 last = rp->nrows > 0 ? (int)rp->nrows - 1 : 0;
	uint64_t	 id;

	(void)key;
	(void)iskey;
	switch (a) {
	case A_UP:
		if (rp->sel > 0)
			rp->sel--;
		break;
	case A_DOWN:
		if (rp->sel < last)
			rp->sel++;
		break;
	case A_PGUP:
		rp->sel = rp->sel > room ? rp->sel - room : 0;
		break;
	case A_PGDN:
		rp->sel = rp->sel + room < last ? rp->sel + room : last;
		break;
	case A_HOME:
		rp->sel = 0;
		break;
	case A_END:
		rp->sel = last;
		break;
	case A_OPEN:
		if (rp->nrows > 0 && rp->rows[rp->sel].order != 0) {
			id = rp->rows[rp->sel].order;
			tui_push(t, &screen_order_ops, &id);
			rp->stale = 1;
		}
		break;
	case A_CONFIRM:
		if (rp->kind != RK_BO || rp->nrows == 0)
			break;
		if (tui_write(t, retry_tx, &rp->rows[rp->sel]) == 0)
			tui_msg(t, _("Order %llu: reserved what has come in"),
			    (unsigned long long)rp->rows[rp->sel].order);
		rp->stale = 1;
		break;
	case A_PERIOD:
		rp_period(t, rp);
		break;
	case A_CUSTOMER:
		if (rp->kind == RK_STMT)
			rp_customer(t, rp);
		break;
	case A_REFRESH:
		rp->stale = 1;
		clearok(curscr, TRUE);
		break;
	case A_BACK:
		tui_pop(t);
		break;
	default:
		break;
	}
}
