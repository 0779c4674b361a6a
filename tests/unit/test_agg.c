/*
 * test_agg.c: the aggregates of the read model (agg.h) after every kind
 * of event: confirm, ship, cancel, return, payment, prepayment, refund,
 * allocation, backorder and its retry, an importer's order.  After each
 * step the figures a report shows are read back and compared with
 * numbers worked out by hand from the step, and "ordo check" (which
 * recomputes every aggregate from the facts) must find nothing.  Also:
 * the trial balance of any period against the journal summed by hand,
 * the month arithmetic, a damaged aggregate named by the check, and the
 * schema 6 upgrade of a company made without aggregates.
 *
 * Items are untaxed (rate 0) so that nets are the prices; the shipping
 * charge is taxed at the company's rate, and its net is read from the
 * order.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testlib.h"

#include "ordo/agg.h"
#include "ordo/check.h"
#include "ordo/codec.h"
#include "ordo/customer.h"
#include "ordo/error.h"
#include "ordo/item.h"
#include "ordo/ledger.h"
#include "ordo/order.h"
#include "ordo/payment.h"
#include "ordo/report.h"
#include "ordo/stock.h"
#include "ordo/date.h"
#include "ordo/xmalloc.h"

#define S(x)	((char *)(x))

static int32_t
dayof(const char *s)
{
	int32_t	 d;

	if (date_parse(s, &d) != 0)
		fail_msg("bad date %s", s);
	return (d);
}

static int64_t
at(const char *s)
{
	return (time_from_date(dayof(s)) + 10 * 3600);
}

/* The fixture: three untaxed items with stock, two customers. */
static int
fx_fn(struct db_txn *tx, void *arg, char **cause)
{
	static const struct {
		const char	*sku;
		int64_t		 price, qty, cost;
		int		 backorder;
	} items[] = {
		{ "TEA-1", 1000, 10, 400, 0 },
		{ "CUP-2", 500, 10, 200, 0 },
		{ "MUG-3", 2000, 3, 900, 1 },
	};
	struct item	 it;
	struct customer	 c;
	size_t		 i;
	int		 rc;

	(void)arg;
	tx->now = at("2026-02-20");
	for (i = 0; i < sizeof items / sizeof items[0]; i++) {
		memset(&it, 0, sizeof it);
		it.sku = S(items[i].sku);
		it.barcode = S("");
		it.name = S(items[i].sku);
		it.unit = S("pcs");
		it.bin = S("");
		it.price = items[i].price;
		it.tax_rate = 0;
		it.backorder = items[i].backorder;
		it.active = 1;
		if ((rc = item_add(tx, &it, cause)) != 0)
			return (rc);
		if ((rc = stock_receive(tx, items[i].sku, "WH", items[i].qty,
		    items[i].cost, "fixture", NULL,
		    cause)) != 0)
			return (rc);
	}
	memset(&c, 0, sizeof c);
	c.code = S("C1");
	c.name = S("Alice");
	if ((rc = customer_add(tx, &c, cause)) != 0)
		return (rc);
	c.code = S("C2");
	c.name = S("Bob");
	return (customer_add(tx, &c, cause));
}

static int
setup(void **state)
{
	struct tco	*t;

	setenv("ORDO_USER", "alice", 1);
	t = t_open();
	assert_int_equal(t_write(t, fx_fn, NULL), 0);
	*state = t;
	return (0);
}

static int
teardown(void **state)
{
	t_close(*state);
	return (0);
}

/* Reading the aggregates back. */

struct want_sales {
	int32_t		 day;
	const char	*sku, *chan;
	struct agg_sales s;
	int		 found;
};

static int
sales_cb(int32_t day, const char *sku, const char *chan,
    const struct agg_sales *s, void *arg)
{
	struct want_sales *w = arg;

	if (day == w->day && strcmp(sku, w->sku) == 0 &&
	    strcmp(chan, w->chan) == 0) {
		w->s = *s;
		w->found++;
	}
	return (0);
}

struct want_tot {
	int32_t		 when;
	const char	*name;
	struct agg_tot	 t;
	int		 found;
};

static int
tot_cb(int32_t when, const char *name, const struct agg_tot *t, void *arg)
{
	struct want_tot	*w = arg;

	if (when == w->when && strcmp(name, w->name) == 0) {
		w->t = *t;
		w->found++;
	}
	return (0);
}

struct pairs {
	int64_t		 orders;
	char		 list[256];
};

static int
pair_cb(const char *sku, int64_t n, void *arg)
{
	struct pairs	*p = arg;
	size_t		 len = strlen(p->list);

	snprintf(p->list + len, sizeof p->list - len, "%s%s:%lld",
	    len > 0 ? " " : "", sku, (long long)n);
	return (0);
}

struct bo {
	char		 list[256];
};

static int
bo_cb(uint64_t id, uint16_t no, int64_t q, void *arg)
{
	struct bo	*b = arg;
	size_t		 len = strlen(b->list);

	snprintf(b->list + len, sizeof b->list - len, "%s%llu/%u:%lld",
	    len > 0 ? " " : "", (unsigned long long)id, no, (long long)q);
	return (0);
}

struct opens {
	char		 list[512];
};

static int
open_cb(const char *cust, int32_t day, int64_t owed, int64_t credit,
    void *arg)
{
	struct opens	*o = arg;
	char		 d[DATE_BUFSZ];
	size_t		 len = strlen(o->list);

	snprintf(o->list + len, sizeof o->list - len, "%s%s %s %lld %lld",
	    len > 0 ? "; " : "", cust, date_fmt(d, sizeof d, day),
	    (long long)owed, (long long)credit);
	return (0);
}

/* What the steps read; filled by look_fn. */
struct look {
	struct want_sales tea, cup, mug;
	struct want_tot	 ch, cust;
	struct pairs	 ptea, pcup;
	struct bo	 bo;
	struct opens	 open;
	long		 viol;
};

static void
viol_print(const char *s, void *arg)
{
	(void)arg;
	print_message("# violation: %s\n", s);
}

static int
look_fn(struct db_txn *tx, void *arg, char **cause)
{
	struct look	*l = arg;
	int32_t		 d = dayof("2026-03-02");

	(void)cause;
	l->tea = (struct want_sales){ d, "TEA-1", "counter", { 0, 0, 0, 0 },
	    0 };
	l->cup = (struct want_sales){ d, "CUP-2", "counter", { 0, 0, 0, 0 },
	    0 };
	l->mug = (struct want_sales){ d, "MUG-3", "shopify", { 0, 0, 0, 0 },
	    0 };
	assert_int_equal(agg_sales_each(tx, d, d, sales_cb, &l->tea), 0);
	assert_int_equal(agg_sales_each(tx, d, d, sales_cb, &l->cup), 0);
	assert_int_equal(agg_sales_each(tx, d, d, sales_cb, &l->mug), 0);
	memset(&l->ch, 0, sizeof l->ch);
	l->ch.when = d;
	l->ch.name = "counter";
	assert_int_equal(agg_channel_each(tx, d, d, tot_cb, &l->ch), 0);
	memset(&l->cust, 0, sizeof l->cust);
	l->cust.when = agg_month(d);
	l->cust.name = "C1";
	assert_int_equal(agg_customer_each(tx, agg_month(d), agg_month(d),
	    tot_cb, &l->cust), 0);
	memset(&l->ptea, 0, sizeof l->ptea);
	memset(&l->pcup, 0, sizeof l->pcup);
	assert_int_equal(agg_pairs_of(tx, "TEA-1", &l->ptea.orders, pair_cb,
	    &l->ptea), 0);
	assert_int_equal(agg_pairs_of(tx, "CUP-2", &l->pcup.orders, pair_cb,
	    &l->pcup), 0);
	memset(&l->bo, 0, sizeof l->bo);
	assert_int_equal(agg_backorder_each(tx, bo_cb, &l->bo), 0);
	memset(&l->open, 0, sizeof l->open);
	assert_int_equal(agg_open_each(tx, open_cb, &l->open), 0);
	l->viol = check_all(tx, viol_print, NULL);
	return (0);
}

static void
look(struct tco *t, struct look *l)
{
	assert_int_equal(t_read(t, look_fn, l), 0);
	assert_int_equal(l->viol, 0);
}

/* One event per call. */
enum step { NEW_A, CONFIRM_A, SHIP_A, CANCEL_A, RETURN_A, PAY_C1,
	NEW_B, RECEIVE_MUG, RETRY_B, IMPORT_C, PREPAY_C2, REFUND_C2 };

struct ev {
	enum step	 step;
	uint64_t	 a, b, c;	/* order ids */
	uint64_t	 inv, pay;
	int64_t		 amount;
};

static int
ev_fn(struct db_txn *tx, void *arg, char **cause)
{
	struct ev		*ev = arg;
	struct order		 o;
	struct order_line	 ln[2];
	struct line_qty		 lq;
	int64_t			 done;

	memset(&o, 0, sizeof o);
	memset(ln, 0, sizeof ln);
	o.loc = S("WH");
	switch (ev->step) {
	case NEW_A:
		tx->now = at("2026-03-02");
		o.customer = S("C1");
		o.channel = S("counter");
		o.shipping = 500;
		ln[0].sku = S("TEA-1");
		ln[0].qty = 3;
		ln[1].sku = S("CUP-2");
		ln[1].qty = 2;
		ln[0].unit_price = ln[1].unit_price = -1;
		ln[0].tax_rate = ln[1].tax_rate = -1;
		o.lines = ln;
		o.nlines = 2;
		if (order_new(tx, &o, cause) != 0)
			return (1);
		ev->a = o.id;
		return (0);
	case CONFIRM_A:
		tx->now = at("2026-03-02");
		return (order_confirm(tx, ev->a, ORDER_ANY_VERSION, cause));
	case SHIP_A:
		/* Shipped the next day: the sale stays on the order's day. */
		tx->now = at("2026-03-03");
		lq.no = 1;
		lq.qty = 1;
		lq.scrap = 0;
		return (order_ship(tx, ev->a, ORDER_ANY_VERSION, &lq, 1, "",
		    "", &ev->inv, cause));
	case CANCEL_A:
		tx->now = at("2026-03-04");
		return (order_cancel(tx, ev->a, ORDER_ANY_VERSION, "gone",
		    cause));
	case RETURN_A:
		tx->now = at("2026-03-05");
		lq.no = 1;
		lq.qty = 1;
		lq.scrap = 0;
		return (order_return(tx, ev->a, ORDER_ANY_VERSION, &lq, 1,
		    "broken", cause));
	case PAY_C1:
		tx->now = at("2026-03-06");
		if (pay_record(tx, "C1", ev->amount, PAY_CASH, 0, "r1",
		    &ev->pay, cause) != 0)
			return (1);
		return (pay_allocate(tx, "C1", NULL, 0, &done, cause));
	case NEW_B:
		tx->now = at("2026-03-02");
		o.customer = S("C2");
		o.channel = S("shopify");
		o.ext_id = S("S-1");
		ln[0].sku = S("MUG-3");
		ln[0].qty = 5;
		ln[0].unit_price = -1;
		ln[0].tax_rate = -1;
		o.lines = ln;
		o.nlines = 1;
		if (order_new(tx, &o, cause) != 0)
			return (1);
		ev->b = o.id;
		return (order_confirm(tx, ev->b, ORDER_ANY_VERSION, cause));
	case RECEIVE_MUG:
		tx->now = at("2026-03-07");
		return (stock_receive(tx, "MUG-3", "WH", 2, 1800, "po 7", NULL,
		    cause));
	case RETRY_B:
		tx->now = at("2026-03-07");
		return (order_confirm(tx, ev->b, ORDER_ANY_VERSION, cause));
	case IMPORT_C:
		/* An importer's order: created and confirmed in one write. */
		tx->now = at("2026-03-08");
		o.customer = S("C1");
		o.channel = S("counter");
		o.ext_id = S("");
		o.created = at("2026-03-02");
		ln[0].sku = S("CUP-2");
		ln[0].qty = 4;
		ln[1].sku = S("TEA-1");
		ln[1].qty = 1;
		ln[0].unit_price = ln[1].unit_price = -1;
		ln[0].tax_rate = ln[1].tax_rate = -1;
		o.lines = ln;
		o.nlines = 2;
		if (order_new_confirm(tx, &o, cause) != 0)
			return (1);
		ev->c = o.id;
		return (o.status == ST_CONFIRMED ? 0 : 1);
	case PREPAY_C2:
		tx->now = at("2026-03-09");
		return (pay_record(tx, "C2", 5000, PAY_BANK, 1, "pp",
		    &ev->pay, cause));
	case REFUND_C2:
		tx->now = at("2026-03-10");
		return (pay_refund(tx, "C2", 2000, PAY_BANK, "back",
		    &ev->pay, cause));
	}
	return (1);
}

static void
step(struct tco *t, struct ev *ev, enum step s)
{
	ev->step = s;
	assert_int_equal(t_write(t, ev_fn, ev), 0);
}

static int
order_fn(struct db_txn *tx, void *arg, char **cause)
{
	struct order	*o = arg;

	return (order_get(tx, o->id, o, cause));
}

static void
test_events(void **state)
{
	struct tco	*t = *state;
	struct ev	 ev;
	struct look	 l;
	struct order	 a;
	int64_t		 ship, gross;
	char		 want[128];

	memset(&ev, 0, sizeof ev);

	/* A draft sells nothing and pairs nothing. */
	step(t, &ev, NEW_A);
	look(t, &l);
	assert_int_equal(l.tea.found + l.cup.found + l.ch.found, 0);
	assert_int_equal(l.ptea.orders, 0);

	/* Confirmed: ordered 3 TEA and 2 CUP, one order, the pair. */
	step(t, &ev, CONFIRM_A);
	look(t, &l);
	assert_int_equal(l.tea.found, 1);
	assert_int_equal(l.tea.s.ordered, 3);
	assert_int_equal(l.tea.s.qty, 0);
	assert_int_equal(l.cup.s.ordered, 2);
	assert_int_equal(l.ch.t.orders, 1);
	assert_int_equal(l.ch.t.ordered, 5);
	assert_int_equal(l.ch.t.shipping, 0);
	assert_int_equal(l.cust.t.orders, 1);
	assert_int_equal(l.ptea.orders, 1);
	assert_string_equal(l.ptea.list, "CUP-2:1");
	assert_string_equal(l.pcup.list, "TEA-1:1");
	assert_string_equal(l.bo.list, "");
	assert_string_equal(l.open.list, "");

	/* Ship 1 TEA on 03-03: sold 1 at 10.00, cost 4.00, shipping on. */
	a.id = ev.a;
	step(t, &ev, SHIP_A);
	assert_int_equal(t_read(t, order_fn, &a), 0);
	ship = a.shipping;
	gross = 1000 + a.shipping + a.ship_tax;
	assert_true(ship > 0 && a.ship_tax > 0);
	order_free(&a);
	look(t, &l);
	assert_int_equal(l.tea.s.ordered, 3);
	assert_int_equal(l.tea.s.qty, 1);
	assert_int_equal(l.tea.s.net, 1000);
	assert_int_equal(l.tea.s.cost, 400);
	assert_int_equal(l.ch.t.qty, 1);
	assert_int_equal(l.ch.t.net, 1000);
	assert_int_equal(l.ch.t.shipping, ship);
	assert_int_equal(l.cust.t.net, 1000);
	/* Invoiced 10.00 and the shipping with its tax, owed from 03-03. */
	snprintf(want, sizeof want, "C1 2026-03-03 %lld 0", (long long)gross);
	assert_string_equal(l.open.list, want);

	/* Cancel the rest: 1 TEA ordered, no CUP, so no pair. */
	step(t, &ev, CANCEL_A);
	look(t, &l);
	assert_int_equal(l.tea.s.ordered, 1);
	assert_int_equal(l.cup.found, 0);
	assert_int_equal(l.ch.t.orders, 1);
	assert_int_equal(l.ch.t.ordered, 1);
	assert_int_equal(l.ptea.orders, 1);
	assert_string_equal(l.ptea.list, "");
	assert_int_equal(l.pcup.orders, 0);

	/* Return it: nothing sold on 03-02 any more, shipping stays. */
	step(t, &ev, RETURN_A);
	look(t, &l);
	assert_int_equal(l.tea.found, 1);
	assert_int_equal(l.tea.s.ordered, 1);
	assert_int_equal(l.tea.s.qty, 0);
	assert_int_equal(l.tea.s.net, 0);
	assert_int_equal(l.tea.s.cost, 0);
	assert_int_equal(l.ch.t.shipping, ship);
	snprintf(want, sizeof want, "C1 2026-03-03 %lld 0; C1 2026-03-05 0 "
	    "-1000", (long long)gross);
	assert_string_equal(l.open.list, want);

	/* C1 pays what is left (the shipping): nothing open. */
	ev.amount = gross - 1000;
	step(t, &ev, PAY_C1);
	look(t, &l);
	assert_string_equal(l.open.list, "");

	/* 5 MUG on a shop order with 3 in stock: 2 backordered. */
	step(t, &ev, NEW_B);
	look(t, &l);
	snprintf(want, sizeof want, "%llu/1:2", (unsigned long long)ev.b);
	assert_string_equal(l.bo.list, want);
	assert_int_equal(l.mug.s.ordered, 5);
	/* Stock came; confirming again reserves it: no backorder. */
	step(t, &ev, RECEIVE_MUG);
	step(t, &ev, RETRY_B);
	look(t, &l);
	assert_string_equal(l.bo.list, "");

	/* An imported order dated 03-02 joins that day, and pairs. */
	step(t, &ev, IMPORT_C);
	look(t, &l);
	assert_int_equal(l.cup.s.ordered, 4);
	assert_int_equal(l.tea.s.ordered, 2);
	assert_int_equal(l.ch.t.orders, 2);
	assert_int_equal(l.cust.t.orders, 2);
	assert_int_equal(l.ptea.orders, 2);
	assert_string_equal(l.ptea.list, "CUP-2:1");

	/* A prepayment is credit; a refund uses it. */
	step(t, &ev, PREPAY_C2);
	look(t, &l);
	assert_string_equal(l.open.list, "C2 2026-03-09 0 -5000");
	step(t, &ev, REFUND_C2);
	look(t, &l);
	assert_string_equal(l.open.list, "C2 2026-03-09 0 -3000");
}

/* The statement of C2 for March, and its opening after the prepayment. */
struct st_rows {
	char		 list[512];
};

static void
st_cb(const struct stmt_row *r, void *arg)
{
	struct st_rows	*s = arg;
	size_t		 len = strlen(s->list);

	snprintf(s->list + len, sizeof s->list - len, "%s%s %lld %lld %lld",
	    len > 0 ? "; " : "", r->kind, (long long)r->debit,
	    (long long)r->credit, (long long)r->balance);
}

struct st_arg {
	int32_t		 from, to;
	struct st_rows	 rows;
	struct stmt	 st;
};

static int
st_fn(struct db_txn *tx, void *arg, char **cause)
{
	struct st_arg	*a = arg;

	memset(&a->rows, 0, sizeof a->rows);
	return (report_statement(tx, "C2", a->from, a->to, st_cb, &a->rows,
	    &a->st, cause));
}

static void
test_statement(void **state)
{
	struct tco	*t = *state;
	struct ev	 ev;
	struct st_arg	 sa;

	memset(&ev, 0, sizeof ev);
	step(t, &ev, PREPAY_C2);
	step(t, &ev, REFUND_C2);
	sa.from = dayof("2026-03-01");
	sa.to = dayof("2026-03-31");
	assert_int_equal(t_write(t, st_fn, &sa), 0);
	assert_string_equal(sa.rows.list,
	    "prepayment 0 5000 -5000; refund 2000 0 -3000");
	assert_int_equal(sa.st.opening, 0);
	assert_int_equal(sa.st.closing, -3000);
	/* From 03-10: the prepayment is in the opening balance. */
	sa.from = dayof("2026-03-10");
	assert_int_equal(t_write(t, st_fn, &sa), 0);
	assert_string_equal(sa.rows.list, "refund 2000 0 -3000");
	assert_int_equal(sa.st.opening, -5000);
	/* Up to 03-09: only the prepayment. */
	sa.from = INT32_MIN;
	sa.to = dayof("2026-03-09");
	assert_int_equal(t_write(t, st_fn, &sa), 0);
	assert_string_equal(sa.rows.list, "prepayment 0 5000 -5000");
}

/* Months: every day of 1960-2040 against date_fmt. */
static void
test_months(void **state)
{
	char	 d[DATE_BUFSZ], want[16];
	int32_t	 day, m;
	int	 y, mo;

	(void)state;
	for (day = dayof("1960-01-01"); day <= dayof("2040-12-31"); day++) {
		m = agg_month(day);
		date_fmt(d, sizeof d, day);
		y = atoi(d);
		mo = atoi(d + 5);
		assert_int_equal(m, (y - 1970) * 12 + mo - 1);
		snprintf(want, sizeof want, "%04d-%02d-01", y, mo);
		date_fmt(d, sizeof d, agg_month_first(m));
		assert_string_equal(d, want);
	}
}

/* Trial balance of any period = the journal summed by hand. */
static int
books_fn(struct db_txn *tx, void *arg, char **cause)
{
	struct entry	 e;
	int		 i, rc;

	(void)arg;
	/* Entries every 9 days over two years, Dr 1001 and 5401, Cr 5001. */
	for (i = 0; i < 80; i++) {
		tx->now = at("2025-01-03") + (int64_t)i * 9 * 86400;
		entry_init(&e, ENTRY_MANUAL, "test");
		entry_add(&e, "1001", 100 + i, NULL);
		entry_add(&e, "5401", 7, NULL);
		entry_add(&e, "5001", -(107 + i), NULL);
		rc = ledger_post(tx, &e, cause);
		entry_free(&e);
		if (rc != 0)
			return (rc);
	}
	return (0);
}

struct tb_arg {
	int32_t		 from, to;
	int64_t		 want, got;
};

static int
tb_sum_entry(const struct entry *e, void *arg)
{
	struct tb_arg	*a = arg;
	int32_t		 d = date_from_time(e->time);
	size_t		 i;

	if (d < a->from || d > a->to)
		return (0);
	for (i = 0; i < e->np; i++)
		if (strcmp(e->p[i].account, "5001") == 0)
			a->want += e->p[i].amount;
	return (0);
}

static void
tb_row_cb(const struct tb_row *r, void *arg)
{
	struct tb_arg	*a = arg;

	if (strcmp(r->code, "5001") == 0)
		a->got = r->balance;
}

static int
tb_fn(struct db_txn *tx, void *arg, char **cause)
{
	struct tb_arg	*a = arg;
	int64_t		 total;

	(void)cause;
	a->want = a->got = 0;
	assert_int_equal(ledger_each(tx, 0, tb_sum_entry, a), 0);
	assert_int_equal(report_trial_balance(tx, a->from, a->to, tb_row_cb,
	    a, &total), 0);
	assert_int_equal(total, 0);
	return (0);
}

static void
test_trial_balance_periods(void **state)
{
	struct tco	*t = *state;
	struct tb_arg	 a;
	int32_t		 base = dayof("2024-12-15");
	int		 i, j;

	assert_int_equal(t_write(t, books_fn, NULL), 0);
	/* Ends on month edges, inside months, before and after it all. */
	for (i = 0; i < 900; i += 23) {
		for (j = i; j < 900; j += 37) {
			a.from = base + i;
			a.to = base + j;
			assert_int_equal(t_read(t, tb_fn, &a), 0);
			assert_int_equal(a.got, a.want);
		}
		a.from = INT32_MIN;
		a.to = base + i;
		assert_int_equal(t_read(t, tb_fn, &a), 0);
		assert_int_equal(a.got, a.want);
		a.from = agg_month_first(agg_month(base + i));
		a.to = INT32_MAX;
		assert_int_equal(t_read(t, tb_fn, &a), 0);
		assert_int_equal(a.got, a.want);
	}
}

/* A damaged aggregate is named by the check. */
static int
spoil_fn(struct db_txn *tx, void *arg, char **cause)
{
	struct buf	 k, v;
	int		 rc;

	(void)arg;
	(void)cause;
	buf_init(&k);
	buf_init(&v);
	key_u32(&k, (uint32_t)dayof("2026-03-02") ^ UINT32_C(0x80000000));
	key_str(&k, "TEA-1");
	key_strn(&k, "counter");
	enc_u8(&v, 1);
	enc_i64(&v, 3);
	enc_i64(&v, 0);
	enc_i64(&v, 0);
	enc_i64(&v, 0);
	rc = db_putb(tx, TB_AGG_SALES, &k, &v, 0);
	buf_free(&k);
	buf_free(&v);
	return (rc);
}

struct viols {
	long		 n;
	char		 first[512];
};

static void
viol_keep(const char *s, void *arg)
{
	struct viols	*v = arg;

	if (v->first[0] == '\0')
		snprintf(v->first, sizeof v->first, "%s", s);
}

static int
check_fn(struct db_txn *tx, void *arg, char **cause)
{
	struct viols	*v = arg;

	(void)cause;
	v->n = check_all(tx, viol_keep, v);
	return (0);
}

static void
test_check_names(void **state)
{
	struct tco	*t = *state;
	struct ev	 ev;
	struct viols	 v;

	memset(&ev, 0, sizeof ev);
	step(t, &ev, NEW_A);
	step(t, &ev, CONFIRM_A);
	step(t, &ev, SHIP_A);
	assert_int_equal(t_write(t, spoil_fn, NULL), 0);
	memset(&v, 0, sizeof v);
	assert_int_equal(t_read(t, check_fn, &v), 0);
	assert_int_equal(v.n, 1);
	assert_string_equal(v.first, "Sales of TEA-1 on 2026-03-02 through "
	    "counter: the aggregate holds ordered 3, quantity 0, net 0.00, "
	    "cost 0.00, but the facts give ordered 3, quantity 1, net 10.00, "
	    "cost 4.00.");
}

/* Schema 5 to 6: the aggregates built from the facts. */
static const enum db_table aggs[] = {
	TB_AGG_ACCT_DAY, TB_AGG_ACCT_MONTH, TB_AGG_OPEN, TB_AGG_OPEN_DAY,
	TB_AGG_STMT, TB_AGG_STMT_DAY, TB_AGG_BACKORDER, TB_AGG_SALES,
	TB_AGG_SALES_CH, TB_AGG_CUST_MONTH, TB_AGG_PAIRS
};

static uint64_t
fnv(uint64_t h, const void *p, size_t n)
{
	const uint8_t	*b = p;

	while (n-- > 0)
		h = (h ^ *b++) * UINT64_C(1099511628211);
	return (h);
}

struct dig {
	uint64_t	 h;
	size_t		 rows;
};

static int
digest_fn(struct db_txn *tx, void *arg, char **cause)
{
	struct dig	*d = arg;
	MDB_cursor	*c;
	MDB_val		 k, v;
	size_t		 i;
	int		 op;

	(void)cause;
	d->h = UINT64_C(14695981039346656037);
	d->rows = 0;
	for (i = 0; i < sizeof aggs / sizeof aggs[0]; i++) {
		assert_int_equal(mdb_cursor_open(tx->txn,
		    tx->db->dbi[aggs[i]], &c), 0);
		for (op = MDB_FIRST; mdb_cursor_get(c, &k, &v, op) == 0;
		    op = MDB_NEXT) {
			d->h = fnv(d->h, k.mv_data, k.mv_size);
			d->h = fnv(d->h, v.mv_data, v.mv_size);
			d->rows++;
		}
		mdb_cursor_close(c);
	}
	return (0);
}

static int
to_schema5_fn(struct db_txn *tx, void *arg, char **cause)
{
	uint8_t	 v[4] = { 0, 0, 0, 5 };
	size_t	 i;
	int	 rc;

	(void)arg;
	(void)cause;
	for (i = 0; i < sizeof aggs / sizeof aggs[0]; i++)
		if ((rc = mdb_drop(tx->txn, tx->db->dbi[aggs[i]], 0)) != 0)
			return (rc);
	return (db_put(tx, TB_META, "schema", 6, v, 4, 0));
}

static void
test_upgrade(void **state)
{
	struct tco	*t = *state;
	struct ev	 ev;
	struct dig	 before, after;
	struct viols	 v;
	char		*cause = NULL;
	enum step	 s;

	memset(&ev, 0, sizeof ev);
	ev.amount = 100;
	for (s = NEW_A; s <= REFUND_C2; s++)
		step(t, &ev, s);
	assert_int_equal(t_read(t, digest_fn, &before), 0);
	assert_true(before.rows > 20);
	assert_int_equal(t_write(t, to_schema5_fn, NULL), 0);
	memset(&v, 0, sizeof v);
	assert_int_equal(t_read(t, check_fn, &v), 0);
	assert_true(v.n > 0);
	db_close(t->db);
	assert_int_equal(db_open(&t->db, t->dir, 0, 0, &cause), 0);
	t->co->db = t->db;
	t->db->co = t->co;
	assert_int_equal(t_read(t, digest_fn, &after), 0);
	assert_int_equal(after.rows, before.rows);
	assert_true(after.h == before.h);
	memset(&v, 0, sizeof v);
	assert_int_equal(t_read(t, check_fn, &v), 0);
	assert_int_equal(v.n, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_events, setup, teardown),
		cmocka_unit_test_setup_teardown(test_statement, setup,
		    teardown),
		cmocka_unit_test(test_months),
		cmocka_unit_test_setup_teardown(test_trial_balance_periods,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_check_names, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_upgrade, setup,
		    teardown),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
