/*
 * screen-neworder.c: a new order at the counter (libform).
 *
 * Customer: a code, a name or a phone number (what customer_search
 * finds), or Enter alone for the walk-in customer WALKIN.  Add: a SKU, a
 * barcode (a scanner types the digits and Enter) or the start of a name,
 * "3*SKU" for three.  The first line makes a draft order in the company
 * (order_new), each further line is added to it (order_add_line): every
 * line is saved as it is typed, so a dropped link loses nothing, and the
 * same user is offered the draft the next time.  Available stock, price
 * and the running totals are read from the core after each line.
 * Confirm names every short line with its quantity and asks first; the
 * core decides (backorder where allowed, else refused).  A payment is
 * recorded for the customer (pay_record) and allocated when invoiced.
 */
#include <form.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ordo/company.h"
#include "ordo/customer.h"
#include "ordo/error.h"
#include "ordo/item.h"
#include "ordo/lineparse.h"
#include "ordo/money.h"
#include "ordo/order.h"
#include "ordo/payment.h"
#include "ordo/stock.h"
#include "ordo/xmalloc.h"

#include "../cli/cli.h"
#include "tui.h"

#define NO_WALKIN	"WALKIN"
#define NO_MAXCOLS	16
#define NO_MAXFOUND	6

struct neworder {
	const struct form *fm;
	FORM		*form;
	FIELD		*fields[3];
	int		 posted;
	char		*cust;
	char		*cname;
	uint64_t	 id;		/* the draft, 0 before the first line */
	struct order	 o;
	int		 have;
	int64_t		*avail;
	int64_t		 paid;
	uint64_t	 gen;
	int		 stale;
	int		 shown[NO_MAXCOLS];
	struct quick_box qb;		/* the quick-entry box (^E) */
};

/* What a look-up found. */
struct found {
	const char	*q;
	int		 n;
	char		*code;		/* the first (the one if n == 1) */
	char		*name;
	char		 list[256];
};

static void	*no_init(struct tui *, const struct form *, void *);
static void	 no_free(void *);
static void	 no_resize(struct tui *, void *);
static void	 no_draw(struct tui *, void *);
static void	 no_key(struct tui *, void *, enum action, int, int);

const struct screen_ops screen_neworder_ops = {
	.name = "neworder",
	.minw = 60,
	.minh = 16,
	.typing = 1,
	.init = no_init,
	.free = no_free,
	.resize = no_resize,
	.draw = no_draw,
	.key = no_key,
};

static void
found_add(struct found *f, const char *code, const char *name)
{
	size_t	 o = strlen(f->list);

	if (f->n++ == 0) {
		f->code = xstrdup(code);
		f->name = xstrdup(name);
	}
	if (f->n <= NO_MAXFOUND && o < sizeof f->list - 1)
		snprintf(f->list + o, sizeof f->list - o, "%s%s", o > 0 ?
		    ", " : "", code);
}

static void
found_free(struct found *f)
{
	free(f->code);
	free(f->name);
	f->code = f->name = NULL;
}

static int
item_fn(const struct item *it, void *arg)
{
	struct found	*f = arg;

	if (f->code != NULL && strcmp(f->code, it->sku) == 0)
		return (0);
	found_add(f, it->sku, it->name);
	return (f->n > NO_MAXFOUND);
}

static int
item_tx(struct db_txn *tx, void *arg, char **cause)
{
	struct found	*f = arg;
	struct item	 it;

	(void)cause;
	if (item_get(tx, f->q, &it, NULL) == 0 ||
	    item_get_barcode(tx, f->q, &it, NULL) == 0) {
		found_add(f, it.sku, it.name);
		item_free(&it);
		return (0);
	}
	return (item_search(tx, f->q, item_fn, f));
}

/* The draft as stored, and the stock each line may take. */
static int
load_tx(struct db_txn *tx, void *arg, char **cause)
{
	struct neworder	*no = arg;
	struct stock	 st;
	size_t		 i;
	int		 rc;

	if ((rc = order_get(tx, no->id, &no->o, cause)) != 0)
		return (rc);
	no->have = 1;
	no->avail = xreallocarray(NULL, no->o.nlines + 1, sizeof *no->avail);
	for (i = 0; i < no->o.nlines; i++) {
		no->avail[i] = 0;
		if (stock_get(tx, no->o.lines[i].sku, no->o.lines[i].loc,
		    &st) == 0) {
			no->avail[i] = stock_available(&st);
			stock_free(&st);
		}
	}
	return (0);
}

static void
no_unload(struct neworder *no)
{
	if (no->have)
		order_free(&no->o);
	no->have = 0;
	free(no->avail);
	no->avail = NULL;
}

static void
no_load(struct tui *t, struct neworder *no)
{
	no_unload(no);
	no->gen = t->gen;
	no->stale = 0;
	if (no->id != 0 && tui_read(t, load_tx, no) != 0)
		no_unload(no);
}

/*
 * The newest draft this user made at the counter, if any: a page of the
 * user's drafts (the creator index), not a scan.
 */
struct mine {
	const char	*user;
	uint64_t	 id;
	char		*cust;
	size_t		 nlines;
};

static int
mine_tx(struct db_txn *tx, void *arg, char **cause)
{
	struct mine		*m = arg;
	struct order_filter	 f;
	struct order_row	 rows[16];
	size_t			 n, i;
	int			 rc;

	order_filter_init(&f);
	f.status = ST_DRAFT;
	f.creator = m->user;
	if ((rc = order_page(tx, &f, 0, ORDER_PAGE_DOWN, rows, 16, &n,
	    cause)) != 0)
		return (rc);
	for (i = 0; i < n; i++) {
		if (strcmp(rows[i].channel, "counter") != 0)
			continue;
		m->id = rows[i].id;
		m->cust = xstrdup(rows[i].customer);
		m->nlines = rows[i].nlines;
		break;
	}
	return (0);
}

uint64_t
neworder_my_draft(struct tui *t, char **cust, size_t *nlines)
{
	struct mine	 m;

	memset(&m, 0, sizeof m);
	m.user = t->co->user;
	if (db_read(t->db, mine_tx, &m, NULL) != 0 || m.id == 0) {
		free(m.cust);
		return (0);
	}
	if (cust != NULL)
		*cust = m.cust;
	else
		free(m.cust);
	if (nlines != NULL)
		*nlines = m.nlines;
	return (m.id);
}

static void
no_unpost(struct neworder *no)
{
	if (no->posted) {
		/* Typed text is in the window until validated: keep it. */
		form_driver(no->form, REQ_VALIDATION);
		unpost_form(no->form);
		no->posted = 0;
	}
}

static void
no_post(struct tui *t, struct neworder *no)
{
	const struct form_field	*f;
	int			 lw = 10, i;

	no_unpost(no);
	if (t->body == NULL || t->small)
		return;
	for (i = 0; i < 2; i++) {
		f = &no->fm->fields[i];
		move_field(no->fields[i], i, lw);
	}
	set_form_win(no->form, t->body);
	set_form_sub(no->form, t->body);
	werase(t->body);
	if (post_form(no->form) == E_OK) {
		no->posted = 1;
		/* Go on typing after what is there. */
		form_driver(no->form, REQ_END_LINE);
	}
	(void)f;
}

static void *
no_init(struct tui *t, const struct form *fm, void *arg)
{
	struct neworder	*no;
	char		*cust = NULL;
	size_t		 i, nlines = 0;
	uint64_t	 draft;
	int		 w;

	(void)arg;
	if (fm->nfields != 2 || fm->ncolumns > NO_MAXCOLS) {
		tui_errf(t, "%s: %s", fm->path,
		    _("needs two fields (customer, line)"));
		return (NULL);
	}
	no = xcalloc(1, sizeof *no);
	no->fm = fm;
	for (i = 0; i < 2; i++) {
		w = fm->fields[i].width;
		no->fields[i] = new_field(1, w, (int)i, 10, 0, 0);
		set_field_back(no->fields[i], A_UNDERLINE);
		field_opts_off(no->fields[i], O_AUTOSKIP | O_STATIC);
		set_max_field(no->fields[i], fm->fields[i].max);
	}
	no->fields[2] = NULL;
	no->form = new_form(no->fields);
	form_fit(fm, t->w, no->shown);
	draft = neworder_my_draft(t, &cust, &nlines);
	if (draft != 0 && tui_ask(t, _("Continue your draft order %llu "
	    "(%s, %zu lines)? (y/n)"), (unsigned long long)draft, cust,
	    nlines)) {
		no->id = draft;
		no->cust = cust;
		cust = NULL;
		set_field_buffer(no->fields[0], 0, no->cust);
		set_current_field(no->form, no->fields[1]);
	}
	free(cust);
	no_load(t, no);
	curs_set(1);
	return (no);
}

static void
no_free(void *p)
{
	struct neworder	*no = p;
	int		 i;

	no_unpost(no);
	free_form(no->form);
	for (i = 0; i < 2; i++)
		free_field(no->fields[i]);
	no_unload(no);
	free(no->cust);
	free(no->cname);
	free(no->qb.made_cust);
	free(no->qb.made_cname);
	free(no);
	curs_set(0);
}

static void
no_resize(struct tui *t, void *p)
{
	struct neworder	*no = p;

	no_unpost(no);
	form_fit(no->fm, t->w, no->shown);
}

static void
no_cell(struct tui *t, struct neworder *no, size_t i, const char *field,
    char *buf, size_t len)
{
	const struct order_line	*l = &no->o.lines[i];

	buf[0] = '\0';
	if (strcmp(field, "no") == 0)
		snprintf(buf, len, "%u", (unsigned)l->no);
	else if (strcmp(field, "sku") == 0)
		snprintf(buf, len, "%s", l->sku);
	else if (strcmp(field, "name") == 0)
		snprintf(buf, len, "%s", l->name != NULL ? l->name : "");
	else if (strcmp(field, "qty") == 0)
		snprintf(buf, len, "%lld", (long long)l->qty);
	else if (strcmp(field, "available") == 0)
		snprintf(buf, len, "%lld", (long long)no->avail[i]);
	else if (strcmp(field, "price") == 0)
		tui_money(t, buf, len, l->unit_price);
	else if (strcmp(field, "net") == 0)
		tui_money(t, buf, len, l->net);
}

static void
no_draw(struct tui *t, void *p)
{
	struct neworder			*no = p;
	const struct form_column	*c;
	char				 buf[512], a[32], b[32], d[32], e[32];
	size_t				 i, k;
	int				 y, x, attr, short_;

	if (no->qb.done) {
		/* The quick-entry box added lines, maybe a new draft. */
		no->qb.done = 0;
		if (no->id == 0) {
			no->id = no->qb.made;
			free(no->cust);
			free(no->cname);
			no->cust = xstrdup(no->qb.made_cust);
			no->cname = xstrdup(no->qb.made_cname);
			set_field_buffer(no->fields[0], 0, no->cust);
			set_current_field(no->form, no->fields[1]);
		}
		no->stale = 1;
	}
	if (no->gen != t->gen || no->stale)
		no_load(t, no);
	if (!no->posted)
		no_post(t, no);
	if (!no->posted)
		return;
	for (i = 0; i < 2; i++)
		tui_put(t->body, (int)i, 0, _(no->fm->fields[i].label), 9,
		    TEXT_LEFT);
	x = 10 + no->fm->fields[0].width + 1;
	snprintf(buf, sizeof buf, "%s %s", no->cust != NULL ? no->cust : "",
	    no->cname != NULL ? no->cname : "");
	tui_put(t->body, 0, x, buf, t->w - x, TEXT_LEFT);
	x = 10 + no->fm->fields[1].width + 1;
	if (no->id != 0)
		snprintf(buf, sizeof buf, _("draft %llu, saved"),
		    (unsigned long long)no->id);
	else
		buf[0] = '\0';
	tui_put(t->body, 1, x, buf, t->w - x, TEXT_LEFT);
	/* The lines. */
	y = 3;
	x = 0;
	wattrset(t->body, A_BOLD | A_UNDERLINE);
	for (k = 0; k < no->fm->ncolumns; k++) {
		if (!no->shown[k])
			continue;
		c = &no->fm->columns[k];
		if (x + c->width > t->w)
			break;
		tui_put(t->body, y, x, _(c->header), c->width, c->align);
		x += c->width;
		if (x < t->w)
			mvwaddch(t->body, y, x++, ' ');
	}
	if (x < t->w)
		tui_put(t->body, y, x, "", t->w - x, TEXT_LEFT);
	wattrset(t->body, A_NORMAL);
	y++;
	for (i = 0; no->have && i < no->o.nlines && y < t->bodyh - 2; i++) {
		x = 0;
		short_ = no->o.lines[i].qty > no->avail[i];
		for (k = 0; k < no->fm->ncolumns; k++) {
			if (!no->shown[k])
				continue;
			c = &no->fm->columns[k];
			if (x + c->width > t->w)
				break;
			no_cell(t, no, i, c->field, buf, sizeof buf);
			attr = short_ && strcmp(c->field, "available") == 0 ?
			    A_BOLD : A_NORMAL;
			wattrset(t->body, attr);
			tui_put(t->body, y, x, buf, c->width, c->align);
			wattrset(t->body, A_NORMAL);
			x += c->width;
			if (x < t->w)
				mvwaddch(t->body, y, x++, ' ');
		}
		if (x < t->w)
			tui_put(t->body, y, x, short_ ? _("short") : "",
			    t->w - x, TEXT_LEFT);
		y++;
	}
	while (y < t->bodyh - 1)
		tui_put(t->body, y++, 0, "", t->w, TEXT_LEFT);
	if (no->have) {
		snprintf(buf, sizeof buf, _("Net %s  tax %s  total %s  "
		    "paid %s"), tui_money(t, a, sizeof a, no->o.net),
		    tui_money(t, b, sizeof b, no->o.tax), tui_money(t, d,
		    sizeof d, no->o.total), tui_money(t, e, sizeof e,
		    no->paid));
		wattrset(t->body, A_BOLD);
		tui_put(t->body, t->bodyh - 1, 0, buf, t->w, TEXT_LEFT);
		wattrset(t->body, A_NORMAL);
	} else
		tui_put(t->body, t->bodyh - 1, 0, "", t->w, TEXT_LEFT);
	leaveok(t->body, FALSE);
	curs_set(1);
	pos_form_cursor(no->form);
}

/* The text of field i, without the padding. */
static char *
field_text(struct neworder *no, int i)
{
	char	*s, *e;

	form_driver(no->form, REQ_VALIDATION);
	s = xstrdup(field_buffer(no->fields[i], 0));
	for (e = s + strlen(s); e > s && e[-1] == ' '; e--)
		;
	*e = '\0';
	while (*s == ' ')
		memmove(s, s + 1, strlen(s));
	return (s);
}

static void
no_customer(struct tui *t, struct neworder *no)
{
	char	*q, *code, *name;

	q = field_text(no, 0);
	if (no->id != 0) {
		/* Changing the customer of a draft needs the core's edit. */
		tui_errf(t, _("this draft is for %s; leave it (^X) for "
		    "another customer"), no->cust);
		set_field_buffer(no->fields[0], 0, no->cust);
		free(q);
		return;
	}
	if (tui_customer_find(t, *q == '\0' ? NO_WALKIN : q, &code,
	    &name) == 0) {
		free(no->cust);
		free(no->cname);
		no->cust = code;
		no->cname = name;
		set_field_buffer(no->fields[0], 0, no->cust);
		set_current_field(no->form, no->fields[1]);
	}
	free(q);
}

struct addline {
	struct neworder	*no;
	const char	*sku;
	int64_t		 qty;
};

static int
add_tx(struct db_txn *tx, void *arg, char **cause)
{
	struct addline		*al = arg;
	struct order		 o;
	struct order_line	 l;
	uint32_t		 version;
	int			 rc;

	memset(&l, 0, sizeof l);
	l.sku = (char *)al->sku;
	l.qty = al->qty;
	l.unit_price = -1;
	l.tax_rate = -1;
	if (al->no->id != 0) {
		if ((rc = order_get(tx, al->no->id, &o, cause)) != 0)
			return (rc);
		version = o.version;
		order_free(&o);
		return (order_add_line(tx, al->no->id, version, &l, cause));
	}
	memset(&o, 0, sizeof o);
	o.customer = al->no->cust;
	o.channel = (char *)"counter";
	o.lines = &l;
	o.nlines = 1;
	if ((rc = order_new(tx, &o, cause)) != 0)
		return (rc);
	al->no->id = o.id;
	return (0);
}

static void
no_line(struct tui *t, struct neworder *no)
{
	struct found	 f;
	struct addline	 al;
	char		*q, *star, *what;
	int64_t		 qty = 1;

	q = field_text(no, 1);
	if (*q == '\0') {
		free(q);
		return;
	}
	if (no->cust == NULL) {
		tui_errf(t, _("first the customer (Enter alone: walk-in)"));
		set_current_field(no->form, no->fields[0]);
		free(q);
		return;
	}
	what = q;
	if ((star = strchr(q, '*')) != NULL) {
		*star = '\0';
		if (qty_parse(q, &qty) != 0 || qty <= 0) {
			tui_errf(t, _("quantity: a whole number above 0, not "
			    "%s"), q);
			free(q);
			return;
		}
		what = star + 1;
	}
	memset(&f, 0, sizeof f);
	f.q = what;
	if (tui_read(t, item_tx, &f) != 0)
		goto out;
	if (f.n == 0) {
		tui_errf(t, _("no item %s (SKU, barcode or name)"), what);
		goto out;
	}
	if (f.n > 1) {
		tui_errf(t, _("%d match: %s; type more"), f.n, f.list);
		goto out;
	}
	memset(&al, 0, sizeof al);
	al.no = no;
	al.sku = f.code;
	al.qty = qty;
	if (tui_write(t, add_tx, &al) != 0)
		goto out;
	set_field_buffer(no->fields[1], 0, "");
	no->stale = 1;
	tui_msg(t, _("%lld x %s %s"), (long long)qty, f.code, f.name);
out:
	found_free(&f);
	free(q);
}

static int
confirm_tx(struct db_txn *tx, void *arg, char **cause)
{
	struct neworder	*no = arg;
	struct order	 o;
	uint32_t	 version;
	int		 rc;

	if ((rc = order_get(tx, no->id, &o, cause)) != 0)
		return (rc);
	version = o.version;
	order_free(&o);
	return (order_confirm(tx, no->id, version, cause));
}

/* Start again for the next customer. */
static void
no_reset(struct neworder *no)
{
	no_unload(no);
	no->id = 0;
	no->paid = 0;
	free(no->cust);
	free(no->cname);
	no->cust = no->cname = NULL;
	set_field_buffer(no->fields[0], 0, "");
	set_field_buffer(no->fields[1], 0, "");
	set_current_field(no->form, no->fields[0]);
	no->stale = 1;
}

static void
no_confirm(struct tui *t, struct neworder *no)
{
	char	 shorts[256], a[32];
	size_t	 i, o = 0;
	uint64_t id;

	no_load(t, no);
	if (no->id == 0 || !no->have || no->o.nlines == 0) {
		tui_errf(t, _("nothing to confirm: add a line first"));
		return;
	}
	shorts[0] = '\0';
	for (i = 0; i < no->o.nlines && o < sizeof shorts - 64; i++) {
		if (no->o.lines[i].qty <= no->avail[i])
			continue;
		o += (size_t)snprintf(shorts + o, sizeof shorts - o,
		    _("%s%s wants %lld, %lld available"), o > 0 ? "; " : "",
		    no->o.lines[i].sku, (long long)no->o.lines[i].qty,
		    (long long)(no->avail[i] > 0 ? no->avail[i] : 0));
	}
	if (shorts[0] != '\0' && !tui_ask(t, _("Short: %s. Confirm (the rest "
	    "is backordered where allowed)? (y/n)"), shorts))
		return;
	if (tui_write(t, confirm_tx, no) != 0) {
		no->stale = 1;
		return;
	}
	id = no->id;
	tui_money(t, a, sizeof a, no->o.total);
	no_reset(no);
	tui_msg(t, _("Order %llu confirmed, total %s"), (unsigned long long)id,
	    a);
}

struct pay {
	const char	*cust;
	int64_t		 amount;
	enum pay_method	 method;
	uint64_t	 id;
};

static int
pay_tx(struct db_txn *tx, void *arg, char **cause)
{
	struct pay	*p = arg;

	return (pay_record(tx, p->cust, p->amount, p->method, 0, "", &p->id,
	    cause));
}

static void
no_pay(struct tui *t, struct neworder *no)
{
	struct pay	 p;
	char		 buf[32], *amount = NULL, *method = NULL, *cause = NULL;

	if (no->cust == NULL || !no->have) {
		tui_errf(t, _("nothing to pay for yet"));
		return;
	}
	tui_money(t, buf, sizeof buf, no->o.total - no->paid > 0 ?
	    no->o.total - no->paid : 0);
	amount = tui_prompt(t, _("Amount: "), buf, PROMPT_PLAIN, NULL, NULL);
	if (amount == NULL)
		goto out;
	memset(&p, 0, sizeof p);
	p.cust = no->cust;
	if (lineparse_money(_("amount"), amount, t->cli->cfg->minor_digits,
	    LP_NONZERO, &p.amount, &cause) != 0) {
		tui_err(t, ORDO_EINVAL, cause);
		goto out;
	}
	method = tui_prompt(t, _("Method (cash, bank, card): "), "cash",
	    PROMPT_COMMAND, NULL, NULL);
	if (method == NULL)
		goto out;
	if (pay_method_parse(method, &p.method) != 0) {
		tui_errf(t, _("method: cash, bank or card, not %s"), method);
		goto out;
	}
	if (tui_write(t, pay_tx, &p) != 0)
		goto out;
	no->paid += p.amount;
	tui_msg(t, _("Payment %llu recorded: %s"), (unsigned long long)p.id,
	    amount);
out:
	free(cause);
	free(amount);
	free(method);
}

static void
no_key(struct tui *t, void *p, enum action a, int key, int iskey)
{
	struct neworder	*no = p;
	FIELD		*cur;

	if (!no->posted)
		return;
	cur = current_field(no->form);
	switch (a) {
	case A_NEXTFIELD:
		form_driver(no->form, REQ_NEXT_FIELD);
		return;
	case A_PREVFIELD:
		form_driver(no->form, REQ_PREV_FIELD);
		return;
	case A_ORDER_CONFIRM:
		no_confirm(t, no);
		return;
	case A_ORDER_PAY:
		no_pay(t, no);
		return;
	case A_ORDER_DEL:
		tui_errf(t, _("removing a line is not in this version yet: "
		    "leave the draft (^X) and cancel it from the orders list"));
		return;
	case A_ORDER_QUICK:
		no->qb.cust = no->cust;
		no->qb.id = no->id;
		no->qb.done = 0;
		no_unpost(no);
		if (tui_push(t, &screen_quick_ops, &no->qb) != 0)
			no->stale = 1;
		return;
	case A_ORDER_LEAVE:
		if (no->id != 0)
			tui_msg(t, _("Draft %llu kept"),
			    (unsigned long long)no->id);
		leaveok(t->body, TRUE);
		tui_pop(t);
		return;
	default:
		break;
	}
	if (iskey) {
		switch (key) {
		case KEY_LEFT:
			form_driver(no->form, REQ_PREV_CHAR);
			break;
		case KEY_RIGHT:
			form_driver(no->form, REQ_NEXT_CHAR);
			break;
		case KEY_HOME:
			form_driver(no->form, REQ_BEG_FIELD);
			break;
		case KEY_END:
			form_driver(no->form, REQ_END_FIELD);
			break;
		case KEY_BACKSPACE:
			form_driver(no->form, REQ_DEL_PREV);
			break;
		case KEY_DC:
			form_driver(no->form, REQ_DEL_CHAR);
			break;
		case KEY_UP:
			form_driver(no->form, REQ_PREV_FIELD);
			break;
		case KEY_DOWN:
			form_driver(no->form, REQ_NEXT_FIELD);
			break;
		default:
			break;
		}
		return;
	}
	if (key == '\r') {
		if (cur == no->fields[0])
			no_customer(t, no);
		else
			no_line(t, no);
	} else if (key == 0x7f || key == 8)
		form_driver(no->form, REQ_DEL_PREV);
	else if (key == TUI_CTRL('u'))
		form_driver(no->form, REQ_CLR_FIELD);
	else if (key >= ' ')
		form_driver_w(no->form, OK, (wchar_t)key);
}
