/*
 * test_quick.c: quick entry.  The readers on their own (numerals, size
 * tokens, units, prices, filler, line numbers), then quick_parse and
 * quick_order against a small company: the history ranking and its tie,
 * a draft made with the given price and the message as notes, and a
 * refusal that writes nothing.  The message corpus is
 * tests/integration/t35-quick.sh.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testlib.h"

#include "ordo/customer.h"
#include "ordo/error.h"
#include "ordo/item.h"
#include "ordo/order.h"
#include "ordo/quick.h"
#include "ordo/xmalloc.h"

/* quick_number on s: the kind, and the value and bytes read. */
static void
number_is(const char *s, int kind, int64_t value, size_t used)
{
	int64_t	 v = -7;
	size_t	 n = 99;
	int	 k;

	k = quick_number(s, &n, &v);
	if (k != kind || (kind == QN_WHOLE && v != value) || n != used) {
		print_error("quick_number(\"%s\"): kind %d value %lld used "
		    "%zu; wanted %d %lld %zu\n", s, k, (long long)v, n, kind,
		    (long long)value, used);
		fail();
	}
}

static void
test_number_arabic(void **state)
{
	(void)state;
	number_is("12", QN_WHOLE, 12, 2);
	number_is("3盒", QN_WHOLE, 3, 1);
	number_is("１２盒", QN_WHOLE, 12, 6);		/* full-width */
	number_is("0", QN_WHOLE, 0, 1);
	number_is("1.5", QN_FRACTION, 0, 3);
	number_is("2.0", QN_WHOLE, 2, 3);
	number_is("1. 碧螺春", QN_WHOLE, 1, 1);	/* a line number's dot */
	number_is("1000000000", QN_WHOLE, 1000000000, 10);
	number_is("1000000001", QN_RANGE, 0, 10);
	number_is("99999999999999999999999", QN_RANGE, 0, 23);
	number_is("abc", QN_NONE, 0, 0);
	number_is("", QN_NONE, 0, 0);
	number_is("x3", QN_NONE, 0, 0);
}

static void
test_number_chinese(void **state)
{
	(void)state;
	number_is("一", QN_WHOLE, 1, 3);
	number_is("二", QN_WHOLE, 2, 3);
	number_is("两盒", QN_WHOLE, 2, 3);
	number_is("俩", QN_WHOLE, 2, 3);
	number_is("三", QN_WHOLE, 3, 3);
	number_is("九", QN_WHOLE, 9, 3);
	number_is("十", QN_WHOLE, 10, 3);
	number_is("十一", QN_WHOLE, 11, 6);
	number_is("十五", QN_WHOLE, 15, 6);
	number_is("二十", QN_WHOLE, 20, 6);
	number_is("二十五", QN_WHOLE, 25, 9);
	number_is("一百", QN_WHOLE, 100, 6);
	number_is("一百零五", QN_WHOLE, 105, 12);
	number_is("一百一十", QN_WHOLE, 110, 12);
	number_is("一千零五十", QN_WHOLE, 1050, 15);
	number_is("两千", QN_WHOLE, 2000, 6);
	number_is("一万零一", QN_WHOLE, 10001, 12);
	/* The spoken short forms. */
	number_is("一百六", QN_WHOLE, 160, 9);
	number_is("两千五", QN_WHOLE, 2500, 9);
	number_is("三万五", QN_WHOLE, 35000, 9);
	number_is("零", QN_WHOLE, 0, 3);
	number_is("〇", QN_WHOLE, 0, 3);
	/* Two digits in a row: the second is not read. */
	number_is("三五盒", QN_WHOLE, 3, 3);
	number_is("半", QN_FRACTION, 0, 3);
	number_is("十万万", QN_WHOLE, 100000, 6);
	number_is("十亿", QN_WHOLE, 10, 3);
	number_is("万", QN_NONE, 0, 0);
	number_is("碧螺春", QN_NONE, 0, 0);
	number_is("盒", QN_NONE, 0, 0);
}

static void
size_is(const char *s, const char *want, size_t used)
{
	char	 buf[QUICK_SIZE_BUFSZ];
	size_t	 n = 0;
	int	 ok;

	buf[0] = '\0';
	ok = quick_size(s, &n, buf, sizeof buf);
	if (want == NULL) {
		if (ok) {
			print_error("quick_size(\"%s\"): read %s, wanted no "
			    "size\n", s, buf);
			fail();
		}
		return;
	}
	if (!ok || strcmp(buf, want) != 0 || n != used) {
		print_error("quick_size(\"%s\"): %d \"%s\" used %zu; wanted "
		    "\"%s\" %zu\n", s, ok, buf, n, want, used);
		fail();
	}
}

static void
test_size(void **state)
{
	(void)state;
	size_is("100g", "100g", 4);
	size_is("100克", "100g", 6);
	size_is("250 g", "250g", 5);
	size_is("250 克 3盒", "250g", 7);
	size_is("1L", "1000ml", 2);
	size_is("1 l", "1000ml", 3);
	size_is("1.5L", "1500ml", 4);
	size_is("120ml", "120ml", 5);
	size_is("120 mL", "120ml", 6);
	size_is("500毫升", "500ml", 9);
	size_is("2升", "2000ml", 4);
	size_is("1kg", "1000g", 3);
	size_is("0.5kg", "500g", 5);
	size_is("1公斤", "1000g", 7);
	size_is("2千克", "2000g", 7);
	size_is("357 grams", "357g", 9);
	size_is("１００ｇ", "100g", 12);		/* full-width */
	size_is("五十克", "50g", 9);
	/* Not sizes. */
	size_is("1 glass teapot", NULL, 0);
	size_is("2 large", NULL, 0);
	size_is("100gift", NULL, 0);
	size_is("3盒", NULL, 0);
	size_is("12", NULL, 0);
	size_is("0g", NULL, 0);
	size_is("0.0004kg", NULL, 0);
	size_is("1.5g", NULL, 0);	/* not a whole gram */
	size_is("g", NULL, 0);
}

static void
unit_is(const char *s, size_t used)
{
	size_t	 n = 0;
	int	 ok;

	ok = quick_unit(s, &n);
	if (ok != (used != 0) || n != used) {
		print_error("quick_unit(\"%s\"): %d used %zu; wanted %zu\n",
		    s, ok, n, used);
		fail();
	}
}

static void
test_unit(void **state)
{
	static const char *const cn[] = {
		"个", "盒", "包", "套", "只", "饼", "箱", "件", "瓶", NULL
	};
	size_t	 i;

	(void)state;
	for (i = 0; cn[i] != NULL; i++)
		unit_is(cn[i], 3);
	unit_is("盒碧螺春", 3);
	unit_is("box", 3);
	unit_is("boxes of tea", 5);
	unit_is("pcs", 3);
	unit_is("pieces", 6);
	unit_is("Sets", 4);
	unit_is("bottles", 7);
	unit_is("boxer", 0);
	unit_is("glass", 0);
	unit_is("茶", 0);
	unit_is("", 0);
}

static void
price_is(const char *s, int want, int64_t price, size_t used)
{
	int64_t	 v = -7;
	size_t	 n = 0;
	int	 rc;

	rc = quick_price(s, 2, &n, &v);
	if (rc != want || (want == 1 && v != price) || (want != 0 &&
	    n != used)) {
		print_error("quick_price(\"%s\"): %d %lld used %zu; wanted %d "
		    "%lld %zu\n", s, rc, (long long)v, n, want,
		    (long long)price, used);
		fail();
	}
}

static void
test_price(void **state)
{
	(void)state;
	price_is("@ 20", 1, 2000, 4);
	price_is("@20", 1, 2000, 3);
	price_is("@ 20.5 x", 1, 2050, 6);
	price_is("＠２０", 1, 2000, 9);
	price_is("单价160", 1, 16000, 9);
	price_is("单价 160元", 1, 16000, 13);
	price_is("单价：160", 1, 16000, 12);
	price_is("每盒 60", 1, 6000, 9);
	price_is("每个60块", 1, 6000, 11);
	price_is("每盒60元 两盒", 1, 6000, 11);
	price_is("单价一百六", 1, 16000, 15);
	price_is("¥20", 1, 2000, 4);
	price_is("￥20/盒", 1, 2000, 9);
	price_is("$12.50", 1, 1250, 6);
	price_is("at 20 each", 1, 2000, 5);
	price_is("@ 0", 1, 0, 3);
	/* A marker without an amount, or a bad one. */
	price_is("@", -1, 0, 1);
	price_is("单价", -1, 0, 6);
	price_is("@ 1.234", -1, 0, 7);
	price_is("@ -5", -1, 0, 1);
	/* No marker. */
	price_is("at home", 0, 0, 0);
	price_is("20", 0, 0, 0);
	price_is("每", 0, 0, 0);
	price_is("碧螺春", 0, 0, 0);
}

static void
filler_is(const char *s, size_t used)
{
	size_t	 n = 0;
	int	 ok;

	ok = quick_filler(s, &n);
	if (ok != (used != 0) || n != used) {
		print_error("quick_filler(\"%s\"): %d used %zu; wanted %zu\n",
		    s, ok, n, used);
		fail();
	}
}

static void
test_filler(void **state)
{
	(void)state;
	filler_is("谢谢", 6);
	filler_is("谢谢老板", 6);
	filler_is("老板", 6);
	filler_is("你好", 6);
	filler_is("麻烦你", 9);
	filler_is("please", 6);
	filler_is("Please send", 6);
	filler_is("thanks!", 6);
	filler_is("hi", 2);
	filler_is("pleased", 0);
	filler_is("碧螺春", 0);
	filler_is("teapot", 0);
	filler_is("3", 0);
}

static void
lineno_is(const char *s, size_t used)
{
	size_t	 n = 0;
	int	 ok;

	ok = quick_lineno(s, &n);
	if (ok != (used != 0) || n != used) {
		print_error("quick_lineno(\"%s\"): %d used %zu; wanted %zu\n",
		    s, ok, n, used);
		fail();
	}
}

static void
test_lineno(void **state)
{
	(void)state;
	lineno_is("1. 碧螺春", 3);
	lineno_is("1.碧螺春", 2);
	lineno_is("2) glass teapot", 3);
	lineno_is("3、龙井", 4);
	lineno_is("(4) tea tray", 4);
	lineno_is("（5）白茶饼", 7);
	lineno_is("  12. x", 6);
	lineno_is("①碧螺春", 3);
	lineno_is("1.5盒", 0);
	lineno_is("12 x teapot", 0);
	lineno_is("3盒", 0);
	lineno_is("1000. x", 0);
	lineno_is("碧螺春", 0);
	lineno_is("", 0);
}

/* ---- The resolver against a small company. ---- */

struct fix {
	struct tco	*co;
};

static int
add_items(struct db_txn *tx, void *arg, char **cause)
{
	static const struct {
		const char	*sku, *barcode, *name;
		int64_t		 price;
	} items[] = {
		{ "BLC-50", "6900000000011",
		    "洞庭碧螺春 Dongting Biluochun 50g", 3800 },
		{ "BLC-250", "", "洞庭碧螺春 Dongting Biluochun 250g", 16000 },
		{ "LAGP-100", "", "六安瓜片 Lu'an Guapian 100g", 4650 },
		{ "POT-GLS", "", "玻璃茶壶 Glass teapot 600ml", 7980 },
	};
	static const struct {
		const char	*code, *name, *phone;
	} custs[] = {
		{ "WANGF", "王芳", "139 8765 4321" },
		{ "CHENJ", "陈静", "+86 135 2468 1357" },
	};
	struct item	 it;
	struct customer	 c;
	size_t		 i;
	int		 rc;

	(void)arg;
	for (i = 0; i < sizeof items / sizeof items[0]; i++) {
		memset(&it, 0, sizeof it);
		it.sku = (char *)items[i].sku;
		it.barcode = (char *)items[i].barcode;
		it.name = (char *)items[i].name;
		it.unit = (char *)"box";
		it.bin = (char *)"";
		it.price = items[i].price;
		it.tax_rate = -1;
		it.active = 1;
		if ((rc = item_add(tx, &it, cause)) != 0)
			return (rc);
	}
	for (i = 0; i < sizeof custs / sizeof custs[0]; i++) {
		memset(&c, 0, sizeof c);
		c.code = (char *)custs[i].code;
		c.name = (char *)custs[i].name;
		c.phone = (char *)custs[i].phone;
		if ((rc = customer_add(tx, &c, cause)) != 0)
			return (rc);
	}
	return (0);
}

/* An order of one line for history. */
struct hist_order {
	const char	*customer, *sku;
};

static int
add_order(struct db_txn *tx, void *arg, char **cause)
{
	struct hist_order	*h = arg;
	struct order		 o;
	struct order_line	 l;

	memset(&o, 0, sizeof o);
	memset(&l, 0, sizeof l);
	l.sku = (char *)h->sku;
	l.qty = 1;
	l.unit_price = -1;
	l.tax_rate = -1;
	o.customer = (char *)h->customer;
	o.lines = &l;
	o.nlines = 1;
	return (order_new(tx, &o, cause));
}

static int
setup(void **state)
{
	struct fix		*f;
	struct hist_order	 h;

	f = xcalloc(1, sizeof *f);
	f->co = t_open();
	assert_int_equal(t_write(f->co, add_items, NULL), 0);
	/* 王芳 takes the 250g tin more often; 陈静 each once: a tie. */
	h.customer = "WANGF";
	h.sku = "BLC-250";
	assert_int_equal(t_write(f->co, add_order, &h), 0);
	assert_int_equal(t_write(f->co, add_order, &h), 0);
	h.sku = "BLC-50";
	assert_int_equal(t_write(f->co, add_order, &h), 0);
	h.customer = "CHENJ";
	assert_int_equal(t_write(f->co, add_order, &h), 0);
	h.sku = "BLC-250";
	assert_int_equal(t_write(f->co, add_order, &h), 0);
	*state = f;
	return (0);
}

static int
teardown(void **state)
{
	struct fix	*f = *state;

	t_close(f->co);
	free(f);
	return (0);
}

struct parse {
	const char		*text;
	const char		*customer;
	struct quick_result	 r;
	int			 order;		/* also quick_order */
	uint64_t		 id;
	int			 rc;
	char			*cause;
};

static int
do_parse(struct db_txn *tx, void *arg, char **cause)
{
	struct parse	*p = arg;

	(void)cause;
	if ((p->rc = quick_parse(tx, p->text, p->customer, &p->r,
	    &p->cause)) != 0)
		return (0);
	if (p->order)
		p->rc = quick_order(tx, &p->r, &p->id, &p->cause);
	return (p->rc);
}

static void
parse(struct fix *f, struct parse *p, const char *text, int order)
{
	memset(p, 0, sizeof *p);
	p->text = text;
	p->order = order;
	if (order)
		t_write(f->co, do_parse, p);
	else
		assert_int_equal(t_read(f->co, do_parse, p), 0);
}

static void
done(struct parse *p)
{
	quick_free(&p->r);
	free(p->cause);
}

static void
test_parse_history(void **state)
{
	struct fix	*f = *state;
	struct parse	 p;

	/* The customer's usual tin is taken, and said to be. */
	parse(f, &p, "王老板：碧螺春 3盒", 0);
	assert_int_equal(p.rc, 0);
	assert_string_equal(p.r.customer, "WANGF");
	assert_int_equal(p.r.nlines, 1);
	assert_string_equal(p.r.lines[0].sku, "BLC-250");
	assert_int_equal(p.r.lines[0].by_history, 1);
	assert_int_equal(p.r.lines[0].qty, 3);
	assert_int_equal(p.r.lines[0].price, -1);
	assert_int_equal(quick_problems(&p.r), 0);
	done(&p);

	/* A tie is a question, both candidates listed. */
	parse(f, &p, "陈静: 碧螺春 两盒", 0);
	assert_string_equal(p.r.customer, "CHENJ");
	assert_null(p.r.lines[0].sku);
	assert_int_equal(p.r.lines[0].item_problem, QP_ITEM_AMBIGUOUS);
	assert_int_equal(p.r.lines[0].ncand, 2);
	assert_string_equal(p.r.lines[0].cand[0].key, "BLC-250");
	assert_string_equal(p.r.lines[0].cand[1].key, "BLC-50");
	assert_int_equal(p.r.lines[0].qty, 2);
	assert_int_equal(quick_problems(&p.r), 1);
	done(&p);

	/* The phone, without its country code, finds 陈静. */
	parse(f, &p, "135-2468-1357 碧螺春 50g 一盒", 0);
	assert_string_equal(p.r.customer, "CHENJ");
	assert_int_equal(p.r.customer_by, QB_PHONE);
	assert_string_equal(p.r.lines[0].sku, "BLC-50");
	assert_int_equal(p.r.lines[0].by_history, 0);
	done(&p);

	/* --customer overrides; 六 of 六安瓜片 is no quantity. */
	memset(&p, 0, sizeof p);
	p.text = "六安瓜片 ３盒";
	p.customer = "CHENJ";
	assert_int_equal(t_read(f->co, do_parse, &p), 0);
	assert_string_equal(p.r.customer, "CHENJ");
	assert_int_equal(p.r.customer_by, QB_OPTION);
	assert_string_equal(p.r.lines[0].sku, "LAGP-100");
	assert_int_equal(p.r.lines[0].qty, 3);
	done(&p);

	memset(&p, 0, sizeof p);
	p.text = "六安瓜片 ３盒";
	p.customer = "NOBODY";
	assert_int_equal(t_read(f->co, do_parse, &p), 0);
	assert_int_equal(p.rc, ORDO_EINVAL);
	assert_non_null(strstr(p.cause, "NOBODY"));
	done(&p);
}

static int
count_orders(struct db_txn *tx, void *arg, char **cause)
{
	(void)cause;
	*(size_t *)arg = db_count(tx, TB_ORDERS);
	return (0);
}

struct got {
	uint64_t	 id;
	struct order	 o;
};

static int
get_order(struct db_txn *tx, void *arg, char **cause)
{
	struct got	*g = arg;

	return (order_get(tx, g->id, &g->o, cause));
}

static void
test_order(void **state)
{
	struct fix	*f = *state;
	struct parse	 p;
	struct got	 g;
	size_t		 before, after;

	assert_int_equal(t_read(f->co, count_orders, &before), 0);
	parse(f, &p, "王芳: 1. 碧螺春 50g x2 @ 35\n2. glass teapot 1个", 1);
	assert_int_equal(p.rc, 0);
	assert_true(p.id > 0);
	done(&p);
	memset(&g, 0, sizeof g);
	g.id = (uint64_t)before + 1;
	assert_int_equal(t_read(f->co, get_order, &g), 0);
	assert_string_equal(g.o.customer, "WANGF");
	assert_int_equal(g.o.status, ST_DRAFT);
	assert_string_equal(g.o.channel, "counter");
	assert_int_equal(g.o.nlines, 2);
	assert_string_equal(g.o.lines[0].sku, "BLC-50");
	assert_int_equal(g.o.lines[0].qty, 2);
	assert_int_equal(g.o.lines[0].unit_price, 3500);	/* given */
	assert_string_equal(g.o.lines[1].sku, "POT-GLS");
	assert_int_equal(g.o.lines[1].unit_price, 7980);	/* item's */
	assert_string_equal(g.o.notes,
	    "王芳: 1. 碧螺春 50g x2 @ 35\n2. glass teapot 1个");
	order_free(&g.o);

	/* Unresolved: refused, nothing written. */
	parse(f, &p, "王芳: 碧螺春 1.5盒", 1);
	assert_int_equal(p.rc, ORDO_EINVAL);
	assert_int_equal(p.r.lines[0].qty_problem, QP_BAD_QTY);
	done(&p);
	parse(f, &p, "碧螺春 50g 2盒", 1);
	assert_int_equal(p.rc, ORDO_EINVAL);
	assert_int_equal(p.r.customer_problem, QP_NO_CUSTOMER);
	done(&p);
	assert_int_equal(t_read(f->co, count_orders, &after), 0);
	assert_int_equal(after, before + 1);
}

/* A clerk answers the questions, then the order is made. */
static int
do_answers(struct db_txn *tx, void *arg, char **cause)
{
	struct quick_result	 r;
	struct order		 o;
	uint64_t		 id;
	char			*c = NULL;

	(void)arg;
	(void)cause;
	assert_int_equal(quick_parse(tx, "陈静: 碧螺春 两盒, 大红袍 1盒, "
	    "玻璃茶壶 1.5个 加急", NULL, &r, &c), 0);
	assert_int_equal(r.nlines, 3);
	assert_int_equal(r.lines[0].item_problem, QP_ITEM_AMBIGUOUS);
	assert_int_equal(r.lines[1].item_problem, QP_ITEM_UNKNOWN);
	assert_int_equal(r.lines[2].qty_problem, QP_BAD_QTY);
	assert_string_equal(r.lines[2].extra, "加急");
	assert_int_equal(quick_problems(&r), 4);
	assert_int_equal(quick_order(tx, &r, &id, &c), ORDO_EINVAL);
	free(c);
	c = NULL;

	/* Refused answers change nothing. */
	assert_int_not_equal(quick_set_item(tx, &r, 0, "NOPE", &c), 0);
	free(c);
	c = NULL;
	assert_int_equal(r.lines[0].item_problem, QP_ITEM_AMBIGUOUS);
	assert_int_equal(quick_set_qty(&r, 2, 0, &c), ORDO_EINVAL);
	free(c);
	c = NULL;
	assert_int_equal(quick_drop_line(&r, 3, &c), ORDO_EINVAL);
	free(c);
	c = NULL;
	assert_int_not_equal(quick_set_customer(tx, &r, "NOBODY", &c), 0);
	free(c);
	c = NULL;
	assert_string_equal(r.customer, "CHENJ");
	assert_int_equal(quick_problems(&r), 4);

	/* The answers. */
	assert_int_equal(quick_set_item(tx, &r, 0, "BLC-50", &c), 0);
	assert_int_equal(r.lines[0].item_problem, QP_NONE);
	assert_int_equal(r.lines[0].ncand, 0);
	assert_int_equal(quick_drop_line(&r, 1, &c), 0);
	assert_int_equal(r.nlines, 2);
	assert_string_equal(r.lines[1].sku, "POT-GLS");
	assert_int_equal(quick_set_qty(&r, 1, 2, &c), 0);
	assert_int_equal(quick_problems(&r), 1);	/* 加急 unread */
	quick_read_words(&r);
	assert_int_equal(quick_problems(&r), 0);
	assert_int_equal(quick_set_customer(tx, &r, "WANGF", &c), 0);
	assert_int_equal(quick_order(tx, &r, &id, &c), 0);
	assert_null(c);

	memset(&o, 0, sizeof o);
	assert_int_equal(order_get(tx, id, &o, &c), 0);
	assert_string_equal(o.customer, "WANGF");
	assert_int_equal(o.nlines, 2);
	assert_string_equal(o.lines[0].sku, "BLC-50");
	assert_int_equal(o.lines[0].qty, 2);
	assert_string_equal(o.lines[1].sku, "POT-GLS");
	assert_int_equal(o.lines[1].qty, 2);
	order_free(&o);
	quick_free(&r);

	/* More lines for the same draft; not another customer's. */
	assert_int_equal(quick_parse(tx, "王芳: 六安瓜片 3盒 @ 40, "
	    "glass teapot x1", NULL, &r, &c), 0);
	assert_int_equal(quick_add(tx, &r, id, &c), 0);
	quick_free(&r);
	assert_int_equal(quick_parse(tx, "陈静: 六安瓜片 3盒", NULL, &r,
	    &c), 0);
	assert_int_equal(quick_add(tx, &r, id, &c), ORDO_EINVAL);
	assert_non_null(strstr(c, "CHENJ"));
	free(c);
	c = NULL;
	quick_free(&r);
	memset(&o, 0, sizeof o);
	assert_int_equal(order_get(tx, id, &o, &c), 0);
	assert_int_equal(o.nlines, 4);
	assert_string_equal(o.lines[2].sku, "LAGP-100");
	assert_int_equal(o.lines[2].qty, 3);
	assert_int_equal(o.lines[2].unit_price, 4000);
	assert_string_equal(o.lines[3].sku, "POT-GLS");
	assert_int_equal(o.lines[3].qty, 1);
	order_free(&o);
	return (0);
}

static void
test_answers(void **state)
{
	struct fix	*f = *state;

	assert_int_equal(t_write(f->co, do_answers, NULL), 0);
}

static void
test_refused_text(void **state)
{
	struct fix	*f = *state;
	struct parse	 p;
	char		*big;

	parse(f, &p, "王芳: \xff\xfe", 0);
	assert_int_equal(p.rc, ORDO_EINVAL);
	done(&p);
	big = xmalloc(QUICK_TEXT_MAX + 2);
	memset(big, 'a', QUICK_TEXT_MAX + 1);
	big[QUICK_TEXT_MAX + 1] = '\0';
	parse(f, &p, big, 0);
	assert_int_equal(p.rc, ORDO_EINVAL);
	done(&p);
	free(big);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_number_arabic),
		cmocka_unit_test(test_number_chinese),
		cmocka_unit_test(test_size),
		cmocka_unit_test(test_unit),
		cmocka_unit_test(test_price),
		cmocka_unit_test(test_filler),
		cmocka_unit_test(test_lineno),
		cmocka_unit_test_setup_teardown(test_parse_history, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_order, setup, teardown),
		cmocka_unit_test_setup_teardown(test_answers, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refused_text, setup,
		    teardown),
	};

	setenv("ORDO_NOW", "2026-03-02 09:30:00", 1);
	setenv("ORDO_USER", "tester", 1);
	return (cmocka_run_group_tests(tests, NULL, NULL));
}
