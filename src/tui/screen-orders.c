/*
 * screen-orders.c: the orders list.  It holds a position, not data: the
 * rows on screen (one page), read with order_page over an anchor (the
 * row next to those shown, in either direction, or the top row itself
 * to redraw) in a short read transaction, when it moves or when the
 * data's change counter moves.  Rows are summaries without the lines;
 * "row N of M" comes from the counts kept with every change
 * (order_count), so nothing is scanned whatever the company's size.
 * Scrolling one row reads one row and scrolls the window (wscrl), so the
 * terminal gets an insert/delete-line and one row, not a repaint.
 *
 * Columns come from forms/orders.yaml; on a narrow terminal those with
 * the highest "drop" go first.  Status is a word (colour only adds).
 *
 * Filter (f): words "confirmed", "status=draft", "customer=CODE",
 * "channel=NAME", "from=YYYY-MM-DD", "to=YYYY-MM-DD"; empty clears.
 * Search (/): as you type, an order number jumps to that order; other
 * text finds a customer (code, name, phone) and shows that customer's
 * orders; Enter keeps it, Escape goes back.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ordo/company.h"
#include "ordo/customer.h"
#include "ordo/date.h"
#include "ordo/error.h"
#include "ordo/money.h"
#include "ordo/order.h"
#include "ordo/xmalloc.h"

#include "tui.h"

#define OL_MAXCOLS	16
#define OL_MAXROWS	512

struct orow {
	uint64_t	 id;
	int64_t		 created;
	int		 status;
	uint32_t	 version;
	char		*customer;
	char		*name;
	char		*channel;
	char		*ext;
	int64_t		 total;
	size_t		 nlines;
};

struct ofilter {
	int		 status;	/* -1: any */
	char		*customer;
	char		*channel;
	int32_t		 from;		/* days; INT32_MIN: none */
	int32_t		 to;
};

struct orders {
	const struct form *fm;
	struct ofilter	 f;
	struct orow	 rows[OL_MAXROWS];
	int		 nrows;
	int		 sel;
	long		 rowno;		/* number of the top row, 1-based */
	int		 scroll;	/* rows to wscrl before drawing */
	long		 total;		/* orders in the list, -1: unknown */
	int		 stale;		/* read the page again */
	uint64_t	 gen;
	int		 shown[OL_MAXCOLS];
};

static void	*orders_init(struct tui *, const struct form *, void *);
static void	 orders_free(void *);
static void	 orders_resize(struct tui *, void *);
static void	 orders_draw(struct tui *, void *);
static void	 orders_key(struct tui *, void *, enum action, int, int);

const struct screen_ops screen_orders_ops = {
	.name = "orders",
	.minw = 30,
	.minh = 8,
	.init = orders_init,
	.free = orders_free,
	.resize = orders_resize,
	.draw = orders_draw,
	.key = orders_key,
};

static void	 row_free(struct orow *);
static int	 fetch_tx(struct db_txn *, void *, char **);
static int	 fetch_after(struct tui *, struct orders *, uint64_t, int,
		    struct orow *);
static int	 fetch_before(struct tui *, struct orders *, uint64_t, int,
		    struct orow *);
static int	 page_rows(struct tui *);
static void	 reload(struct tui *, struct orders *, uint64_t, int);
static void	 move_down(struct tui *, struct orders *, int);
static void	 move_up(struct tui *, struct orders *, int);
static void	 draw_row(struct tui *, struct orders *, int);
static void	 cell(struct tui *, struct orders *, const struct orow *,
		    const char *, char *, size_t);
static void	 filter_free(struct ofilter *);
static int	 filter_parse(struct tui *, const char *, struct ofilter *);
static void	 filter_text(const struct ofilter *, char *, size_t);
static void	 do_filter(struct tui *, struct orders *);
static void	 do_search(struct tui *, struct orders *);
static void	 search_changed(struct tui *, void *, const char *);

static void
row_free(struct orow *r)
{
	free(r->customer);
	free(r->name);
	free(r->channel);
	free(r->ext);
	memset(r, 0, sizeof *r);
}

static void
filter_free(struct ofilter *f)
{
	free(f->customer);
	free(f->channel);
	f->customer = f->channel = NULL;
}

/* The core's filter for ours. */
static void
core_filter(const struct ofilter *f, struct order_filter *cf)
{
	order_filter_init(cf);
	cf->status = f->status;
	cf->customer = f->customer;
	cf->channel = f->channel;
	if (f->from != INT32_MIN)
		cf->from_day = f->from;
	if (f->to != INT32_MIN)
		cf->to_day = f->to;
}

/* The customer's name for a row (empty when the customer is gone). */
static char *
cust_name(struct db_txn *tx, const char *code)
{
	struct customer	 c;
	char		*name;

	if (customer_get(tx, code, &c, NULL) != 0)
		return (xstrdup(""));
	name = xstrdup(c.name != NULL ? c.name : "");
	customer_free(&c);
	return (name);
}

/* One page: order_page, then each row's customer name. */
struct fetch {
	struct orders	*ol;
	uint64_t	 anchor;
	int		 dir;
	struct orow	*out;
	size_t		 want;
	size_t		 n;
	uint64_t	 count;		/* with want_count: the total */
	int		 want_count;
	int		 counted;
};

static int
fetch_tx(struct db_txn *tx, void *arg, char **cause)
{
	struct fetch		*fe = arg;
	struct order_filter	 cf;
	struct order_row	*rows;
	struct orow		*r;
	size_t			 i;
	int			 rc;

	core_filter(&fe->ol->f, &cf);
	rows = xreallocarray(NULL, fe->want, sizeof *rows);
	rc = order_page(tx, &cf, fe->anchor, fe->dir, rows, fe->want, &fe->n,
	    cause);
	if (rc == ORDO_ENOTFOUND && fe->anchor != 0) {
		/* The anchor is gone (another company?): from the top. */
		rc = order_page(tx, &cf, 0, ORDER_PAGE_DOWN, rows, fe->want,
		    &fe->n, cause);
	}
	for (i = 0; rc == 0 && i < fe->n; i++) {
		r = &fe->out[i];
		memset(r, 0, sizeof *r);
		r->id = rows[i].id;
		r->created = rows[i].created;
		r->status = (int)rows[i].status;
		r->version = rows[i].version;
		r->customer = xstrdup(rows[i].customer);
		r->channel = xstrdup(rows[i].channel);
		r->ext = xstrdup(rows[i].ext_id);
		r->total = rows[i].total;
		r->nlines = rows[i].nlines;
		r->name = cust_name(tx, rows[i].customer);
	}
	free(rows);
	if (rc == 0 && fe->want_count)
		fe->counted = order_count(tx, &cf, &fe->count) == 0;
	return (rc);
}

static int
fetch(struct tui *t, struct orders *ol, uint64_t anchor, int dir, int n,
    struct orow *out)
{
	struct fetch	 fe;

	memset(&fe, 0, sizeof fe);
	fe.ol = ol;
	fe.anchor = anchor;
	fe.dir = dir;
	fe.out = out;
	fe.want = (size_t)n;
	fe.want_count = out == ol->rows;
	if (tui_read(t, fetch_tx, &fe) != 0) {
		while (fe.n > 0)
			row_free(&out[--fe.n]);
		return (0);
	}
	if (fe.want_count) {
		ol->total = fe.counted ? (long)fe.count : -1;
	}
	return ((int)fe.n);
}

/* Up to n rows after (older than) order id after (0: from the newest). */
static int
fetch_after(struct tui *t, struct orders *ol, uint64_t after, int n,
    struct orow *out)
{
	return (fetch(t, ol, after, ORDER_PAGE_DOWN, n, out));
}

/* Up to n rows before (newer than) order id, nearest last. */
static int
fetch_before(struct tui *t, struct orders *ol, uint64_t id, int n,
    struct orow *out)
{
	return (fetch(t, ol, id, ORDER_PAGE_UP, n, out));
}

/* Rows of the list on screen (the first body row is the header). */
static int
page_rows(struct tui *t)
{
	int	 n = t->bodyh - 1;

	if (n < 1)
		n = 1;
	if (n > OL_MAXROWS)
		n = OL_MAXROWS;
	return (n);
}

/*
 * Read the page again: from the order at its top (anchor, 0: from the
 * newest), or, dir ORDER_PAGE_UP with anchor 0, the last page.
 */
static void
reload(struct tui *t, struct orders *ol, uint64_t anchor, int dir)
{
	int	 i, n;

	for (i = 0; i < ol->nrows; i++)
		row_free(&ol->rows[i]);
	n = page_rows(t);
	ol->nrows = fetch(t, ol, anchor, dir, n, ol->rows);
	if (ol->nrows == 0 && anchor != 0) {
		ol->rowno = 1;
		ol->nrows = fetch(t, ol, 0, ORDER_PAGE_DOWN, n, ol->rows);
	}
	if (dir == ORDER_PAGE_UP && anchor == 0)
		ol->rowno = ol->total > 0 ? ol->total - ol->nrows + 1 : 0;
	if (ol->sel >= ol->nrows)
		ol->sel = ol->nrows > 0 ? ol->nrows - 1 : 0;
	ol->scroll = 0;
	ol->stale = 0;
	ol->gen = t->gen;
}

static void *
orders_init(struct tui *t, const struct form *fm, void *arg)
{
	struct orders	*ol;

	ol = xcalloc(1, sizeof *ol);
	ol->fm = fm;
	ol->f.status = -1;
	ol->f.from = ol->f.to = INT32_MIN;
	/* From the customers list: that customer's orders. */
	if (arg != NULL)
		ol->f.customer = xstrdup(arg);
	ol->rowno = 1;
	if (fm->ncolumns > OL_MAXCOLS) {
		tui_errf(t, "%s: %s", fm->path, _("too many columns"));
		free(ol);
		return (NULL);
	}
	orders_resize(t, ol);
	return (ol);
}

static void
orders_free(void *p)
{
	struct orders	*ol = p;
	int		 i;

	for (i = 0; i < ol->nrows; i++)
		row_free(&ol->rows[i]);
	filter_free(&ol->f);
	free(ol);
}

static void
orders_resize(struct tui *t, void *p)
{
	struct orders	*ol = p;
	int		 n;

	form_fit(ol->fm, t->w, ol->shown);
	n = page_rows(t);
	if (ol->nrows > n) {
		while (ol->nrows > n)
			row_free(&ol->rows[--ol->nrows]);
		if (ol->sel >= n)
			ol->sel = n - 1;
	} else
		ol->stale = 1;
	ol->scroll = 0;
}

static void
cell(struct tui *t, struct orders *ol, const struct orow *r,
    const char *field, char *buf, size_t len)
{
	(void)ol;
	buf[0] = '\0';
	if (strcmp(field, "id") == 0)
		snprintf(buf, len, "%llu", (unsigned long long)r->id);
	else if (strcmp(field, "date") == 0)
		date_fmt(buf, len, company_day(t->co, r->created));
	else if (strcmp(field, "status") == 0)
		snprintf(buf, len, "%s", _(order_status_name(
		    (enum order_status)r->status)));
	else if (strcmp(field, "customer") == 0)
		snprintf(buf, len, "%s", r->customer);
	else if (strcmp(field, "name") == 0)
		snprintf(buf, len, "%s", r->name);
	else if (strcmp(field, "channel") == 0)
		snprintf(buf, len, "%s", r->channel);
	else if (strcmp(field, "external") == 0)
		snprintf(buf, len, "%s", r->ext);
	else if (strcmp(field, "lines") == 0)
		snprintf(buf, len, "%zu", r->nlines);
	else if (strcmp(field, "total") == 0)
		tui_money(t, buf, len, r->total);
}

static void
draw_row(struct tui *t, struct orders *ol, int i)
{
	const struct form_column *c;
	char			 buf[512];
	size_t			 k;
	int			 x = 0, y = i + 1, attr, base;

	base = i == ol->sel ? A_REVERSE : A_NORMAL;
	wmove(t->body, y, 0);
	if (i >= ol->nrows) {
		wattrset(t->body, A_NORMAL);
		wclrtoeol(t->body);
		return;
	}
	for (k = 0; k < ol->fm->ncolumns; k++) {
		if (!ol->shown[k])
			continue;
		c = &ol->fm->columns[k];
		cell(t, ol, &ol->rows[i], c->field, buf, sizeof buf);
		attr = base;
		if (strcmp(c->field, "status") == 0 && i != ol->sel)
			attr = tui_status_attr(t, ol->rows[i].status);
		wattrset(t->body, attr);
		if (x + c->width > t->w)
			break;
		tui_put(t->body, y, x, buf, c->width, c->align);
		x += c->width;
		wattrset(t->body, base);
		if (x < t->w)
			mvwaddch(t->body, y, x++, ' ');
	}
	wattrset(t->body, base);
	if (x < t->w)
		tui_put(t->body, y, x, "", t->w - x, TEXT_LEFT);
	wattrset(t->body, A_NORMAL);
}

static void
orders_draw(struct tui *t, void *p)
{
	struct orders			*ol = p;
	const struct form_column	*c;
	char				 info[64], ftext[256];
	size_t				 k;
	int				 i, x = 0, n;

	if (ol->gen != t->gen)
		ol->stale = 1;
	if (ol->stale)
		reload(t, ol, ol->nrows > 0 && ol->rowno != 1 ?
		    ol->rows[0].id : 0, ORDER_PAGE_AT);
	if (ol->scroll != 0) {
		/* The terminal moves the rows; we draw the new one. */
		wsetscrreg(t->body, 1, t->bodyh - 1);
		scrollok(t->body, TRUE);
		wscrl(t->body, ol->scroll);
		scrollok(t->body, FALSE);
		ol->scroll = 0;
	}
	wattrset(t->body, A_BOLD | A_UNDERLINE);
	for (k = 0; k < ol->fm->ncolumns; k++) {
		if (!ol->shown[k])
			continue;
		c = &ol->fm->columns[k];
		if (x + c->width > t->w)
			break;
		tui_put(t->body, 0, x, _(c->header), c->width, c->align);
		x += c->width;
		if (x < t->w)
			mvwaddch(t->body, 0, x++, ' ');
	}
	if (x < t->w)
		tui_put(t->body, 0, x, "", t->w - x, TEXT_LEFT);
	wattrset(t->body, A_NORMAL);
	n = page_rows(t);
	for (i = 0; i < n; i++)
		draw_row(t, ol, i);
	if (ol->nrows == 0)
		tui_put(t->body, 1, 0, _("No orders."), t->w, TEXT_LEFT);
	/* Where we are, on the message line unless something is said. */
	if (t->msg[0] == '\0') {
		filter_text(&ol->f, ftext, sizeof ftext);
		if (ol->rowno > 0 && ol->total >= 0)
			snprintf(info, sizeof info, _("row %ld of %ld"),
			    ol->rowno + ol->sel, ol->total);
		else if (ol->rowno > 0)
			snprintf(info, sizeof info, _("row %ld"),
			    ol->rowno + ol->sel);
		else
			snprintf(info, sizeof info, "%s", "");
		snprintf(t->msg, sizeof t->msg, "%s%s%s", info,
		    ftext[0] != '\0' ? "  " : "", ftext);
	}
}

/* Move the highlight down n rows, reading and scrolling as needed. */
static void
move_down(struct tui *t, struct orders *ol, int n)
{
	struct orow	 got[OL_MAXROWS];
	int		 k, i, page = page_rows(t);

	if (ol->nrows == 0)
		return;
	if (ol->sel + n < ol->nrows) {
		ol->sel += n;
		return;
	}
	n -= ol->nrows - 1 - ol->sel;
	ol->sel = ol->nrows - 1;
	if (n > page)
		n = page;
	k = fetch_after(t, ol, ol->rows[ol->nrows - 1].id, n, got);
	if (k == 0)
		return;
	if (ol->nrows < page) {
		/* The page was not full: append. */
		for (i = 0; i < k && ol->nrows < page; i++)
			ol->rows[ol->nrows++] = got[i];
		for (; i < k; i++)
			row_free(&got[i]);
		ol->sel = ol->nrows - 1;
		return;
	}
	for (i = 0; i < k; i++)
		row_free(&ol->rows[i]);
	memmove(ol->rows, ol->rows + k, (size_t)(ol->nrows - k) *
	    sizeof ol->rows[0]);
	memcpy(ol->rows + ol->nrows - k, got, (size_t)k * sizeof got[0]);
	ol->rowno += k;
	ol->scroll = k < page ? k : 0;
}

static void
move_up(struct tui *t, struct orders *ol, int n)
{
	struct orow	 got[OL_MAXROWS];
	int		 k, i, page = page_rows(t);

	if (ol->nrows == 0)
		return;
	if (ol->sel - n >= 0) {
		ol->sel -= n;
		return;
	}
	n -= ol->sel;
	ol->sel = 0;
	if (ol->rowno <= 1)
		return;
	if (n > page)
		n = page;
	k = fetch_before(t, ol, ol->rows[0].id, n, got);
	if (k == 0)
		return;
	if (ol->nrows + k > page) {
		for (i = page - k; i < ol->nrows; i++)
			row_free(&ol->rows[i]);
		ol->nrows = page - k;
	}
	memmove(ol->rows + k, ol->rows, (size_t)ol->nrows *
	    sizeof ol->rows[0]);
	memcpy(ol->rows, got, (size_t)k * sizeof got[0]);
	ol->nrows += k;
	ol->rowno -= k;
	if (ol->rowno < 1)
		ol->rowno = 1;
	ol->scroll = k < page ? -k : 0;
}

static void
filter_text(const struct ofilter *f, char *buf, size_t len)
{
	char	 d[16];
	size_t	 o = 0;

	buf[0] = '\0';
	if (f->status >= 0)
		o += (size_t)snprintf(buf + o, len - o, "status=%s ",
		    order_status_name((enum order_status)f->status));
	if (f->customer != NULL && o < len)
		o += (size_t)snprintf(buf + o, len - o, "customer=%s ",
		    f->customer);
	if (f->channel != NULL && o < len)
		o += (size_t)snprintf(buf + o, len - o, "channel=%s ",
		    f->channel);
	if (f->from != INT32_MIN && o < len)
		o += (size_t)snprintf(buf + o, len - o, "from=%s ",
		    date_fmt(d, sizeof d, f->from));
	if (f->to != INT32_MIN && o < len)
		o += (size_t)snprintf(buf + o, len - o, "to=%s ",
		    date_fmt(d, sizeof d, f->to));
	if (o > 0 && o < len)
		buf[o - 1] = '\0';
}

static int
filter_parse(struct tui *t, const char *s, struct ofilter *f)
{
	char		*copy, *w, *v, *save = NULL;
	enum order_status st;
	int		 rc = 0;

	memset(f, 0, sizeof *f);
	f->status = -1;
	f->from = f->to = INT32_MIN;
	copy = xstrdup(s);
	for (w = strtok_r(copy, " \t", &save); w != NULL;
	    w = strtok_r(NULL, " \t", &save)) {
		if ((v = strchr(w, '=')) != NULL)
			*v++ = '\0';
		if (v == NULL && order_status_parse(w, &st) == 0)
			f->status = (int)st;
		else if (v != NULL && strcmp(w, "status") == 0 &&
		    order_status_parse(v, &st) == 0)
			f->status = (int)st;
		else if (v != NULL && strcmp(w, "customer") == 0 && *v != '\0')
			f->customer = xstrdup(v);
		else if (v != NULL && strcmp(w, "channel") == 0 && *v != '\0')
			f->channel = xstrdup(v);
		else if (v != NULL && strcmp(w, "from") == 0 &&
		    date_parse(v, &f->from) == 0)
			;
		else if (v != NULL && strcmp(w, "to") == 0 &&
		    date_parse(v, &f->to) == 0)
			;
		else {
			tui_errf(t, _("filter: not understood: %s%s%s"), w,
			    v != NULL ? "=" : "", v != NULL ? v : "");
			rc = -1;
			break;
		}
	}
	free(copy);
	if (rc != 0)
		filter_free(f);
	return (rc);
}

static void
do_filter(struct tui *t, struct orders *ol)
{
	struct ofilter	 nf;
	char		 cur[256], *line;

	filter_text(&ol->f, cur, sizeof cur);
	line = tui_prompt(t, _("Filter: "), cur, PROMPT_COMMAND, NULL, NULL);
	if (line == NULL)
		return;
	if (filter_parse(t, line, &nf) == 0) {
		filter_free(&ol->f);
		ol->f = nf;
		ol->rowno = 1;
		ol->sel = 0;
		reload(t, ol, 0, ORDER_PAGE_DOWN);
	}
	free(line);
}

/* What an incremental search found so far. */
struct osearch {
	struct orders	*ol;
	struct ofilter	 saved;
	char		*code;
	char		*name;
	int		 n;
};

static int
search_cust_fn(const struct customer *c, void *arg)
{
	struct osearch	*s = arg;

	if (s->n++ == 0) {
		s->code = xstrdup(c->code);
		s->name = xstrdup(c->name);
	}
	return (s->n > 1);
}

static int
search_tx(struct db_txn *tx, void *arg, char **cause)
{
	struct osearch	*s = arg;
	const char	*q = s->name;

	(void)cause;
	s->name = NULL;
	s->n = 0;
	return (customer_search(tx, q, search_cust_fn, s));
}

static void
search_changed(struct tui *t, void *arg, const char *text)
{
	struct osearch	*s = arg;
	struct orders	*ol = s->ol;
	char		*q;
	int64_t		 id;

	free(s->code);
	s->code = NULL;
	filter_free(&ol->f);
	ol->f = s->saved;
	ol->f.customer = s->saved.customer != NULL ?
	    xstrdup(s->saved.customer) : NULL;
	ol->f.channel = s->saved.channel != NULL ?
	    xstrdup(s->saved.channel) : NULL;
	ol->rowno = 1;
	ol->sel = 0;
	if (*text == '\0') {
		reload(t, ol, 0, ORDER_PAGE_DOWN);
		return;
	}
	if (strspn(text, "0123456789") == strlen(text) &&
	    int_parse(text, &id) == 0 && id > 0) {
		/* An order number: the list from that order on. */
		reload(t, ol, (uint64_t)id, ORDER_PAGE_AT);
		if (ol->nrows > 0 && ol->rows[0].id == (uint64_t)id) {
			ol->rowno = 0;	/* unknown */
			return;
		}
	}
	q = xstrdup(text);
	s->name = q;
	s->n = 0;
	tui_read(t, search_tx, s);
	free(q);
	if (s->code != NULL) {
		free(ol->f.customer);
		ol->f.customer = xstrdup(s->code);
		reload(t, ol, 0, ORDER_PAGE_DOWN);
		tui_msg(t, "%s %s%s", s->code, s->name,
		    s->n > 1 ? _(" (more match: type more)") : "");
	} else {
		reload(t, ol, 0, ORDER_PAGE_DOWN);
		tui_errf(t, _("nothing found for %s"), text);
	}
	free(s->name);
	s->name = NULL;
}

static void
do_search(struct tui *t, struct orders *ol)
{
	struct osearch	 s;
	char		*line;

	memset(&s, 0, sizeof s);
	s.ol = ol;
	s.saved = ol->f;
	s.saved.customer = ol->f.customer != NULL ?
	    xstrdup(ol->f.customer) : NULL;
	s.saved.channel = ol->f.channel != NULL ?
	    xstrdup(ol->f.channel) : NULL;
	line = tui_prompt(t, "/", "", PROMPT_CUSTOMER, search_changed, &s);
	if (line == NULL) {
		/* Escape: the list as it was. */
		filter_free(&ol->f);
		ol->f = s.saved;
		ol->rowno = 1;
		ol->sel = 0;
		reload(t, ol, 0, ORDER_PAGE_DOWN);
	} else {
		filter_free(&s.saved);
		free(line);
	}
	free(s.code);
}

static void
orders_key(struct tui *t, void *p, enum action a, int key, int iskey)
{
	struct orders	*ol = p;
	uint64_t	 id;

	(void)key;
	(void)iskey;
	switch (a) {
	case A_DOWN:
		move_down(t, ol, 1);
		break;
	case A_UP:
		move_up(t, ol, 1);
		break;
	case A_PGDN:
		move_down(t, ol, page_rows(t));
		break;
	case A_PGUP:
		move_up(t, ol, page_rows(t));
		break;
	case A_HOME:
		ol->rowno = 1;
		ol->sel = 0;
		reload(t, ol, 0, ORDER_PAGE_DOWN);
		break;
	case A_END:
		reload(t, ol, 0, ORDER_PAGE_UP);
		ol->sel = ol->nrows > 0 ? ol->nrows - 1 : 0;
		break;
	case A_OPEN:
		if (ol->nrows > 0) {
			id = ol->rows[ol->sel].id;
			ol->stale = 1;
			tui_push(t, &screen_order_ops, &id);
		}
		break;
	case A_NEW:
		ol->stale = 1;
		tui_push(t, &screen_neworder_ops, NULL);
		break;
	case A_FILTER:
		do_filter(t, ol);
		break;
	case A_SEARCH:
		do_search(t, ol);
		break;
	case A_REFRESH:
		ol->stale = 1;
		clearok(curscr, TRUE);
		break;
	case A_BACK:
		tui_pop(t);
		break;
	default:
		break;
	}
}
