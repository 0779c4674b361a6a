/*
 * test_import_orders.c: files + profile -> orders and rejects (imp.h):
 * a fixture per shipped profile, the real Shopify export, bad files,
 * auto-detection, the rejects file.
 */
#include <sys/stat.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testlib.h"

#include "ordo/csvin.h"
#include "ordo/error.h"
#include "ordo/imp.h"
#include "ordo/profile.h"

#define FIX	"tests/fixtures/import/"
#define MAXO	64

struct o {
	char		*id;
	char		*number;
	char		*cust;
	char		*email;
	char		*phone;
	char		*ship_to;
	char		*notes;
	char		*currency;
	char		*sku0;
	char		*name0;
	char		*variant0;
	enum profile_status status;
	int64_t		 created;
	int64_t		 subtotal;
	int64_t		 shipping;
	int64_t		 discount;
	int64_t		 tax;
	int64_t		 fees;
	int64_t		 total;
	int64_t		 amount;	/* sum of line amounts */
	int64_t		 qty0;
	int64_t		 unit0;
	size_t		 nlines;
	size_t		 first;
	size_t		 last;
	int		 file;
};

struct r {
	int		 file;
	size_t		 line;
	size_t		 nfields;
	char		*reason;
};

struct got {
	struct o	 o[MAXO];
	size_t		 no;
	struct r	 r[MAXO];
	size_t		 nr;
	struct imp_stats st;
	int		 rc;		/* imp_open or imp_next error */
	char		*cause;
};

static struct profile *
profile(const char *name)
{
	struct profile	*p;
	char		*cause = NULL;

	if (profile_load_named(t_path("config/channels"), name, &p, &cause))
		fail_msg("%s", cause);
	return (p);
}

static void
keep(struct got *g, const struct imp_order *o, const struct imp_reject *rj,
    size_t nrj)
{
	struct o	*x;
	size_t		 i;

	if (o != NULL) {
		assert_true(g->no < MAXO);
		x = &g->o[g->no++];
		x->id = strdup(o->external_id);
		x->number = strdup(o->number);
		x->cust = strdup(o->customer_name);
		x->email = strdup(o->email);
		x->phone = strdup(o->phone);
		x->ship_to = strdup(o->ship_to);
		x->notes = strdup(o->notes);
		x->currency = strdup(o->currency);
		x->sku0 = strdup(o->lines[0].sku);
		x->name0 = strdup(o->lines[0].name);
		x->variant0 = strdup(o->lines[0].variant);
		x->status = o->status;
		x->created = o->created;
		x->subtotal = o->subtotal;
		x->shipping = o->shipping;
		x->discount = o->discount;
		x->tax = o->tax;
		x->fees = o->fees;
		x->total = o->total;
		x->qty0 = o->lines[0].qty;
		x->unit0 = o->lines[0].unit_price;
		x->nlines = o->nlines;
		x->first = o->first_line;
		x->last = o->last_line;
		x->file = o->file;
		for (i = 0; i < o->nlines; i++) {
			assert_true(o->lines[i].qty > 0);
			assert_true(o->lines[i].unit_price >= 0);
			x->amount += o->lines[i].amount;
		}
		assert_null(rj);
	}
	for (i = 0; i < nrj; i++) {
		assert_true(g->nr < MAXO);
		g->r[g->nr].file = rj[i].file;
		g->r[g->nr].line = rj[i].line;
		g->r[g->nr].nfields = rj[i].nfields;
		g->r[g->nr++].reason = strdup(rj[i].reason);
	}
}

static void
run_reader(struct imp_reader *r, struct got *g)
{
	const struct imp_order	*o;
	const struct imp_reject	*rj;
	size_t			 nrj;
	int			 rc;

	while ((rc = imp_next(r, &o, &rj, &nrj, &g->cause)) == 1) {
		assert_true(o != NULL || nrj > 0);
		keep(g, o, nrj > 0 ? rj : NULL, nrj);
	}
	g->rc = rc;
	g->st = *imp_stats(r);
	imp_close(r);
}

static void
run(const char *name, const char *f1, const char *f2, struct got *g)
{
	struct profile		*p = profile(name);
	struct imp_reader	*r;
	const char		*paths[2];
	char			 a[1024], b[1024];

	memset(g, 0, sizeof *g);
	snprintf(a, sizeof a, "%s", t_path(f1));
	paths[0] = a;
	if (f2 != NULL) {
		snprintf(b, sizeof b, "%s", t_path(f2));
		paths[1] = b;
	}
	if ((g->rc = imp_open(&r, p, paths, f2 != NULL ? 2 : 1, 2,
	    &g->cause)) == 0)
		run_reader(r, g);
	profile_free(p);
}

static void
got_free(struct got *g)
{
	size_t	 i;

	for (i = 0; i < g->no; i++) {
		free(g->o[i].id);
		free(g->o[i].number);
		free(g->o[i].cust);
		free(g->o[i].email);
		free(g->o[i].phone);
		free(g->o[i].ship_to);
		free(g->o[i].notes);
		free(g->o[i].currency);
		free(g->o[i].sku0);
		free(g->o[i].name0);
		free(g->o[i].variant0);
	}
	for (i = 0; i < g->nr; i++)
		free(g->r[i].reason);
	free(g->cause);
}

static struct o *
find(struct got *g, const char *id)
{
	size_t	 i;

	for (i = 0; i < g->no; i++)
		if (strcmp(g->o[i].id, id) == 0)
			return (&g->o[i]);
	fail_msg("no order %s", id);
	return (NULL);
}

static void
clean_run(struct got *g, size_t norders)
{
	if (g->rc != 0)
		fail_msg("error: %s", g->cause);
	if (g->nr != 0)
		fail_msg("unexpected reject: line %zu: %s", g->r[0].line,
		    g->r[0].reason);
	assert_int_equal(g->no, norders);
}

static void
test_shopify_fixture(void **state)
{
	struct got	 g;
	struct o	*o;

	(void)state;
	run("shopify", FIX "shopify_orders.csv", NULL, &g);
	clean_run(&g, 3);
	o = find(&g, "7001000000001");
	assert_string_equal(o->number, "#2001");
	assert_int_equal(o->status, PROFILE_SHIPPED);
	assert_int_equal(o->nlines, 2);
	assert_int_equal(o->total, 4990);
	assert_int_equal(o->discount, 500);
	assert_int_equal(o->shipping, 490);
	assert_int_equal(o->amount, 5000);
	assert_int_equal(o->created, 1772355600);	/* 09:00 UTC */
	assert_string_equal(o->cust, "\xe7\x8e\x8b\xe5\xb0\x8f\xe6\x98\x8e");
	/* The ZIP's Excel apostrophe is gone; the ship name is the buyer's. */
	assert_string_equal(o->ship_to, "\xe6\xb5\xb7\xe6\xb7\x80\xe5\x8c\xba"
	    "\xe4\xb8\xad\xe5\x85\xb3\xe6\x9d\x91\xe5\xa4\xa7\xe8\xa1\x97" "1"
	    "\xe5\x8f\xb7, \xe5\x8c\x97\xe4\xba\xac, 100080, CN");
	assert_string_equal(o->notes, "Please gift wrap.\nLeave at the door,"
	    " not with the neighbours.");
	assert_string_equal(o->sku0, "MUG-BLUE");
	assert_int_equal(o->qty0, 2);
	assert_int_equal(o->unit0, 1250);
	assert_int_equal(o->first, 2);
	assert_int_equal(o->last, 4);
	o = find(&g, "7001000000002");
	assert_int_equal(o->status, PROFILE_CANCELLED);
	assert_int_equal(o->total, 1999);
	o = find(&g, "7001000000003");
	assert_int_equal(o->status, PROFILE_PENDING);
	assert_int_equal(o->nlines, 3);
	assert_int_equal(o->tax, 200);
	assert_int_equal(o->total, 2800);
	assert_int_equal(o->first, 6);
	assert_int_equal(o->last, 10);
	assert_int_equal(g.st.rows, 6);
	got_free(&g);
}

static void
test_shopify_real_export(void **state)
{
	struct got	 g;
	struct o	*o;
	size_t		 i;

	(void)state;
	if (access(t_path("../shared/samples/shopify"), R_OK) != 0)
		skip();
	run("shopify", "../shared/samples/shopify/"
	    "orders_export_forezia_devstore.csv", NULL, &g);
	clean_run(&g, 19);
	assert_int_equal(g.st.rows, 40);
	for (i = 0; i < g.no; i++) {
		assert_string_equal(g.o[i].currency, "EUR");
		assert_int_equal(g.o[i].total, g.o[i].amount);
	}
	assert_string_equal(g.o[0].number, "#1001");
	assert_string_equal(g.o[18].number, "#1019");
	o = find(&g, "6638974042443");
	assert_string_equal(o->number, "#1008");
	assert_int_equal(o->nlines, 4);
	assert_int_equal(o->total, 18980);
	assert_string_equal(o->cust, "Russell Winfield");
	assert_string_equal(o->ship_to, "105 Victoria St, Toronto, ON, M5C 1N7,"
	    " CA");
	assert_int_equal(o->status, PROFILE_SHIPPED);
	o = find(&g, "6642365890891");
	assert_string_equal(o->number, "#1013");
	assert_int_equal(o->status, PROFILE_PENDING);
	assert_int_equal(o->total, 12759);
	o = find(&g, "6639002878283");
	assert_string_equal(o->number, "#1011");
	assert_int_equal(o->status, PROFILE_PAID);
	assert_int_equal(o->total, 165995);
	assert_int_equal(o->created, 1747166449);
	got_free(&g);
}

static void
test_amazon_fixture(void **state)
{
	struct got	 g;
	struct o	*o;

	(void)state;
	run("amazon", FIX "amazon_all_orders.tsv", NULL, &g);
	clean_run(&g, 3);
	o = find(&g, "114-3941689-8772232");
	assert_int_equal(o->status, PROFILE_SHIPPED);
	assert_int_equal(o->nlines, 2);
	/* item-price is the line amount; shipping and taxes are summed. */
	assert_int_equal(o->amount, 4597);
	assert_int_equal(o->unit0, 1299);
	assert_int_equal(o->shipping, 499);
	assert_int_equal(o->tax, 408);
	assert_int_equal(o->total, 5504);
	assert_string_equal(o->name0, "Botanical poster 12\" x 18\"");
	assert_string_equal(o->currency, "USD");
	assert_int_equal(o->created, 1772391049);
	o = find(&g, "112-0000001-0000002");
	assert_int_equal(o->status, PROFILE_CANCELLED);
	assert_int_equal(o->total, 0);
	o = find(&g, "113-5550001-1234567");
	assert_int_equal(o->status, PROFILE_PAID);
	assert_int_equal(o->discount, 100);
	assert_int_equal(o->total, 899);
	got_free(&g);
}

static void
test_woocommerce_fixture(void **state)
{
	struct got	 g;
	struct o	*o;

	(void)state;
	run("woocommerce", FIX "woocommerce_orders.csv", NULL, &g);
	clean_run(&g, 3);
	o = find(&g, "1001");
	assert_int_equal(o->status, PROFILE_SHIPPED);
	assert_int_equal(o->nlines, 2);
	assert_string_equal(o->cust, "\xe6\x9d\x8e \xe5\xa8\x9c");
	/* A negative fee ('-2.00) is an amount off, with the coupon's 2.00. */
	assert_int_equal(o->fees, 0);
	assert_int_equal(o->discount, 400);
	assert_int_equal(o->total, 3600);
	assert_string_equal(o->sku0, "MUG-BLUE");
	assert_int_equal(o->qty0, 2);
	assert_int_equal(o->unit0, 1000);
	assert_string_equal(o->currency, "GBP");
	o = find(&g, "1002");
	assert_int_equal(o->status, PROFILE_CANCELLED);
	o = find(&g, "1003");
	assert_string_equal(o->number, "WT-1003");
	assert_int_equal(o->status, PROFILE_PAID);
	assert_int_equal(o->created, 1772701620);	/* 9:07:00, G hour */
	assert_int_equal(o->tax, 320);
	assert_int_equal(o->total, 4320);
	got_free(&g);
}

static void
test_ebay_fixture(void **state)
{
	struct got	 g;
	struct o	*o;

	(void)state;
	run("ebay", FIX "ebay_orders.csv", NULL, &g);
	clean_run(&g, 3);
	/* Padding row and two footers skipped. */
	assert_int_equal(g.st.skipped, 3);
	o = find(&g, "04-15250-08826");
	assert_string_equal(o->number, "1001");
	assert_int_equal(o->status, PROFILE_SHIPPED);
	/* 57.10 paid, of which eBay's own 3.60 tax (included in Total). */
	assert_int_equal(o->total, 5350);
	assert_int_equal(o->shipping, 850);
	assert_string_equal(o->notes, "Please pack it well -\nit was my"
	    " grandmother's.");
	assert_int_equal(o->created, 1790755200);	/* Sep-30-26, -08:00 */
	o = find(&g, "12-34567-89012");
	assert_int_equal(o->status, PROFILE_PAID);
	assert_int_equal(o->nlines, 2);
	assert_int_equal(o->amount, 3000);
	assert_int_equal(o->total, 3500);
	assert_int_equal(o->first, 6);
	assert_int_equal(o->last, 8);
	o = find(&g, "27-11111-22222");
	assert_int_equal(o->status, PROFILE_PENDING);
	assert_int_equal(o->total, 120000);		/* $1,200.00 */
	assert_string_equal(o->cust, "\xe5\xbc\xa0\xe4\xbc\x9f");
	got_free(&g);
}

static void
test_etsy_pair(void **state)
{
	struct got	 g;
	struct o	*o;
	int		 pass;

	(void)state;
	for (pass = 0; pass < 2; pass++) {
		/* The two files in either order. */
		if (pass == 0)
			run("etsy", FIX "EtsySoldOrders2026.csv",
			    FIX "EtsySoldOrderItems2026.csv", &g);
		else
			run("etsy", FIX "EtsySoldOrderItems2026.csv",
			    FIX "EtsySoldOrders2026.csv", &g);
		clean_run(&g, 3);
		o = find(&g, "3159107009");
		assert_int_equal(o->file, pass);
		assert_int_equal(o->status, PROFILE_SHIPPED);
		assert_int_equal(o->nlines, 2);
		assert_int_equal(o->amount, 4650);
		assert_int_equal(o->total, 5250);
		assert_string_equal(o->variant0, "Weight: 100g\nColour: Red");
		o = find(&g, "3159107010");
		assert_int_equal(o->status, PROFILE_CANCELLED);
		o = find(&g, "3159107011");
		assert_int_equal(o->status, PROFILE_PAID);
		assert_string_equal(o->cust, "\xe9\x99\x88\xe9\x9d\x99");
		assert_int_equal(o->unit0, 2000);	/* $20.00 */
		assert_int_equal(o->created, 1767484800);	/* 1/4/2026 */
		got_free(&g);
	}
}

static void
test_taobao_gbk_pair(void **state)
{
	struct got	 g;
	struct o	*o;

	(void)state;
	run("taobao", FIX "ExportOrderList202603061200.csv",
	    FIX "ExportOrderDetailList202603061200.csv", &g);
	clean_run(&g, 3);
	/* 19-digit ids out of ="..." stay exact. */
	o = find(&g, "1234567890123456789");
	assert_int_equal(o->status, PROFILE_DELIVERED);
	assert_int_equal(o->nlines, 2);
	assert_int_equal(o->total, 12800);
	assert_int_equal(o->shipping, 1000);
	assert_int_equal(o->amount, 11800);
	assert_string_equal(o->phone, "13900001111");
	assert_string_equal(o->currency, "CNY");
	assert_string_equal(o->notes, "\xe8\xaf\xb7\xe5\xb0\xbd\xe5\xbf\xab"
	    "\xe5\x8f\x91\xe8\xb4\xa7\n\xe8\xb0\xa2\xe8\xb0\xa2\xef\xbc\x81");
	assert_string_equal(o->sku0, "CUP-WHITE");
	assert_int_equal(o->created, 1772677230);	/* Beijing time */
	o = find(&g, "2345678901234567890");
	assert_int_equal(o->status, PROFILE_CANCELLED);
	assert_int_equal(o->total, 5900);		/* 59.00元 */
	o = find(&g, "3456789012345678901");
	assert_int_equal(o->status, PROFILE_PAID);
	assert_int_equal(o->qty0, 3);
	got_free(&g);
}

static void
test_jd_fixture(void **state)
{
	struct got	 g;
	struct o	*o;

	(void)state;
	run("jd", FIX "jd_orders.csv", NULL, &g);
	clean_run(&g, 3);
	o = find(&g, "281234567890");
	/* 订单金额 106.00 repeated on both rows: taken once. */
	assert_int_equal(o->total, 10600);
	assert_int_equal(o->shipping, 600);
	assert_int_equal(o->nlines, 2);
	assert_int_equal(o->amount, 10000);
	assert_int_equal(o->status, PROFILE_PAID);
	assert_string_equal(o->phone, "1******6198");
	o = find(&g, "281234567891");
	assert_int_equal(o->status, PROFILE_CANCELLED);
	o = find(&g, "281234567892");
	assert_int_equal(o->status, PROFILE_DELIVERED);
	assert_string_equal(o->notes, "\xe8\x80\x81\xe5\xae\xa2\xe6\x88\xb7\n"
	    "\xe9\x80\x81\xe5\xb0\x8f\xe6\xa0\xb7");
	got_free(&g);
}

static void
test_pinduoduo_fixture(void **state)
{
	struct got	 g;
	struct o	*o;

	(void)state;
	run("pinduoduo", FIX "pinduoduo_orders.csv", NULL, &g);
	clean_run(&g, 3);
	o = find(&g, "260305-123456789012345");
	assert_int_equal(o->status, PROFILE_SHIPPED);
	assert_string_equal(o->sku0, "TOWEL-3W");	/* leading TAB gone */
	assert_int_equal(o->discount, 500);
	assert_int_equal(o->total, 3490);
	o = find(&g, "260305-123456789012346");
	assert_int_equal(o->status, PROFILE_CANCELLED);
	assert_int_equal(o->qty0, 2);
	assert_int_equal(o->unit0, 995);
	o = find(&g, "260306-123456789012347");
	assert_int_equal(o->status, PROFILE_REFUNDED);
	assert_int_equal(o->total, 8580);
	got_free(&g);
}

static void
test_douyin_fixture(void **state)
{
	struct got	 g;
	struct o	*o;

	(void)state;
	run("douyin", FIX "douyin_orders.csv", NULL, &g);
	clean_run(&g, 2);
	o = find(&g, "6917926768823643751");
	assert_int_equal(o->status, PROFILE_SHIPPED);
	assert_int_equal(o->nlines, 2);
	/*
	 * The buyer paid 55.90; the platform funds 2.00 more off the first
	 * line, which the shop receives with the payout: 57.90 receivable.
	 */
	assert_int_equal(o->discount, 400);
	assert_int_equal(o->amount, 6190);
	assert_int_equal(o->total, 5790);
	o = find(&g, "6917926768823643800");
	assert_int_equal(o->status, PROFILE_CANCELLED);
	assert_int_equal(o->total, 2500);
	got_free(&g);
}

static void
test_tiktok_fixture(void **state)
{
	struct got	 g;
	struct o	*o;

	(void)state;
	run("tiktok", FIX "tiktok_orders.csv", NULL, &g);
	clean_run(&g, 3);
	assert_int_equal(g.st.skipped, 1);		/* the descriptions */
	o = find(&g, "576461413038785752");
	assert_int_equal(o->status, PROFILE_SHIPPED);
	assert_int_equal(o->nlines, 2);
	assert_int_equal(o->discount, 200);
	assert_int_equal(o->total, 4137);
	assert_int_equal(o->first, 3);
	o = find(&g, "576461413038785999");
	assert_int_equal(o->status, PROFILE_CANCELLED);
	o = find(&g, "576461413038786000");
	assert_int_equal(o->status, PROFILE_PAID);
	assert_int_equal(o->created, 1773360309);	/* 12:05:09 AM */
	assert_string_equal(o->notes, "Please add a note:\n\"Happy birthday,"
	    " Mom!\"");
	got_free(&g);
}

static void
test_detection(void **state)
{
	static const struct {
		const char	*file;
		const char	*want;
	} cases[] = {
		{ FIX "shopify_orders.csv", "shopify" },
		{ FIX "amazon_all_orders.tsv", "amazon" },
		{ FIX "woocommerce_orders.csv", "woocommerce" },
		{ FIX "ebay_orders.csv", "ebay" },
		{ FIX "EtsySoldOrders2026.csv", "etsy" },
		/* Both: as the pair's item file, or alone (ordo import
		 * picks by the number of files: t93). */
		{ FIX "EtsySoldOrderItems2026.csv", "etsy+etsy-items" },
		{ FIX "ExportOrderList202603061200.csv", "taobao" },
		{ FIX "ExportOrderDetailList202603061200.csv", "taobao" },
		{ FIX "jd_orders.csv", "jd" },
		{ FIX "pinduoduo_orders.csv", "pinduoduo" },
		{ FIX "douyin_orders.csv", "douyin" },
		{ FIX "tiktok_orders.csv", "tiktok" },
		{ "../shared/samples/shopify/orders_export_forezia_devstore.csv",
		    "shopify" },
	};
	struct profile	**v;
	size_t		 n, i, out[16], nout;
	char		*cause = NULL, both[64];

	(void)state;
	assert_int_equal(profile_load_dir(t_path("config/channels"), &v, &n,
	    &cause), 0);
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		if (access(t_path(cases[i].file), R_OK) != 0)
			continue;
		if (imp_detect(v, n, t_path(cases[i].file), out, &nout,
		    &cause) != 0)
			fail_msg("%s: %s", cases[i].file, cause);
		if (strchr(cases[i].want, '+') != NULL) {
			if (nout != 2)
				fail_msg("%s: %zu profiles fit", cases[i].file,
				    nout);
			snprintf(both, sizeof both, "%s+%s", v[out[0]]->name,
			    v[out[1]]->name);
			assert_string_equal(both, cases[i].want);
			continue;
		}
		if (nout != 1)
			fail_msg("%s: %zu profiles fit", cases[i].file, nout);
		assert_string_equal(v[out[0]]->name, cases[i].want);
	}
	/* Nothing fits a file of another shape; a binary file is refused. */
	assert_int_equal(imp_detect(v, n, t_path(FIX "bad_ragged.csv"), out,
	    &nout, &cause), 0);
	assert_int_equal(nout, 0);
	assert_int_equal(imp_detect(v, n, t_path(FIX "bad_binary.csv"), out,
	    &nout, &cause), ORDO_EINVAL);
	assert_non_null(strstr(cause, "binary data"));
	free(cause);
	profile_free_all(v, n);
}

static const char *
reason_of(struct got *g, size_t line)
{
	size_t	 i;

	for (i = 0; i < g->nr; i++)
		if (g->r[i].line == line)
			return (g->r[i].reason);
	fail_msg("line %zu not rejected", line);
	return (NULL);
}

static void
test_bad_rows(void **state)
{
	struct got	 g;

	(void)state;
	run("generic", FIX "bad_ragged.csv", NULL, &g);
	assert_int_equal(g.rc, 0);
	assert_int_equal(g.no, 2);
	assert_int_equal(g.nr, 3);
	/* The bad row takes its whole order with it. */
	assert_string_equal(reason_of(&g, 3), "line 3: 11 fields where the"
	    " header has 10");
	assert_string_equal(reason_of(&g, 4), "not imported with the rest of"
	    " its order: line 3: 11 fields where the header has 10");
	assert_string_equal(reason_of(&g, 5), "line 5: 5 fields where the"
	    " header has 10");
	assert_int_equal(g.st.rejected_orders, 2);
	got_free(&g);

	run("generic", FIX "bad_money.csv", NULL, &g);
	assert_int_equal(g.no, 1);
	assert_int_equal(g.nr, 5);
	assert_string_equal(reason_of(&g, 3), "line 3, column \"Price\":"
	    " \"12.345\" has more than 2 decimals (no rounding is done)");
	assert_string_equal(reason_of(&g, 4), "line 4, column \"Price\":"
	    " \"1,5\" is not an amount (decimal '.', thousands none)");
	assert_string_equal(reason_of(&g, 5), "line 5, column \"Total\": the"
	    " buyer paid 30.00 but the items come to 20.00 - discounts 0.00 +"
	    " shipping and fees 5.00 + tax 0.00 - platform-funded discounts"
	    " 0.00");
	assert_string_equal(reason_of(&g, 6), "line 6, column \"Quantity\":"
	    " \"2.5\" is not a whole quantity");
	assert_string_equal(reason_of(&g, 7), "line 7, column \"Price\":"
	    " negative price -3.00");
	got_free(&g);

	run("generic", FIX "bad_date.csv", NULL, &g);
	assert_int_equal(g.no, 1);
	assert_int_equal(g.nr, 4);
	assert_non_null(strstr(reason_of(&g, 3), "column \"Order Date\":"
	    " \"2026-13-01 10:00:00\" is not a date"));
	assert_non_null(strstr(reason_of(&g, 4), "\"31/12/2026\""));
	assert_non_null(strstr(reason_of(&g, 5), "\"2026-02-29\""));
	assert_string_equal(reason_of(&g, 6), "line 6, column \"Status\":"
	    " unknown status \"lost in space\": add it to the status rules of"
	    " profile generic");
	got_free(&g);

	run("generic", FIX "bad_utf8.csv", NULL, &g);
	assert_int_equal(g.no, 2);
	assert_int_equal(g.nr, 2);
	assert_string_equal(reason_of(&g, 3), "line 3, column \"Customer"
	    " Name\": invalid UTF-8 (byte 0xE9 at byte 4 of the cell)");
	assert_string_equal(reason_of(&g, 4), "line 4, column \"Customer"
	    " Name\": a NUL byte (at byte 3 of the cell)");
	got_free(&g);
}

static void
test_bad_files(void **state)
{
	struct got	 g;

	(void)state;
	run("generic", FIX "bad_missing_column.csv", NULL, &g);
	assert_int_equal(g.rc, ORDO_EINVAL);
	assert_non_null(strstr(g.cause, "bad_missing_column.csv:1: missing"
	    " column \"Quantity\" for profile generic"));
	got_free(&g);
	run("generic", FIX "bad_binary.csv", NULL, &g);
	assert_int_equal(g.rc, ORDO_EINVAL);
	assert_non_null(strstr(g.cause, "binary data, not a CSV file"));
	got_free(&g);
	run("generic", FIX "bad_xlsx.csv", NULL, &g);
	assert_int_equal(g.rc, ORDO_EINVAL);
	assert_non_null(strstr(g.cause, "Excel .xlsx"));
	got_free(&g);
	/* Found mid-file: an error from imp_next, nothing half-done. */
	run("generic", FIX "bad_quote.csv", NULL, &g);
	assert_int_equal(g.rc, ORDO_EINVAL);
	assert_non_null(strstr(g.cause, "bad_quote.csv:5: a quoted field"
	    " opened on line 3 is never closed"));
	assert_int_equal(g.no, 0);
	got_free(&g);
	/* A file for another channel. */
	run("shopify", FIX "jd_orders.csv", NULL, &g);
	assert_int_equal(g.rc, ORDO_EINVAL);
	assert_non_null(strstr(g.cause, "missing columns \"Name\""));
	got_free(&g);
}

static void
mem_run(const char *yaml, const char *csv, struct got *g)
{
	struct profile		*p;
	struct imp_reader	*r;
	char			*cause = NULL;

	memset(g, 0, sizeof *g);
	if (yaml == NULL)
		p = profile("generic");
	else if (profile_load_buf("t.yaml", yaml, strlen(yaml), &p, &cause))
		fail_msg("%s", cause);
	if ((g->rc = imp_open_mem(&r, p, "m.csv", csv, strlen(csv), 2,
	    &g->cause)) == 0)
		run_reader(r, g);
	profile_free(p);
}

static void
test_order_rules(void **state)
{
	struct got	 g;

	(void)state;
	/* An order id seen again after another order. */
	mem_run(NULL, "Order ID,Order Date,Product,Quantity,Price\n"
	    "A-1,2026-03-01,Mug,1,5.00\nA-2,2026-03-01,Mug,1,5.00\n"
	    "A-1,2026-03-01,Cup,1,5.00\n", &g);
	assert_int_equal(g.no, 2);
	assert_int_equal(g.nr, 1);
	assert_string_equal(g.r[0].reason, "line 4: order A-1 already appeared"
	    " on line 2 (the rows of one order must be together, and an order"
	    " only once)");
	got_free(&g);
	/* Quantity 0 and a line without any price. */
	mem_run(NULL, "Order ID,Order Date,Product,Quantity,Price\n"
	    "A-1,2026-03-01,Mug,0,5.00\nA-2,2026-03-01,Mug,1,\n", &g);
	assert_int_equal(g.no, 0);
	assert_string_equal(g.r[0].reason, "line 2, column \"Quantity\": the"
	    " quantity is 0");
	assert_string_equal(g.r[1].reason, "line 3, column \"Price\": no"
	    " price");
	got_free(&g);
	/* Repeated order amounts must repeat unchanged. */
	mem_run("name: r\nmodel: line_per_row_repeated_totals\nrequired:"
	    " [order_id]\ntotals: trust\ncolumns: {order_id: id, total: tot,"
	    " product_name: p, qty: q, unit_price: u}\n",
	    "id,p,q,u,tot\nX,a,1,5,15\nX,b,2,5,15\nY,a,1,5,5\nY,b,1,5,6\n", &g);
	assert_int_equal(g.no, 1);
	assert_int_equal(g.o[0].total, 1500);
	assert_int_equal(g.nr, 2);
	assert_string_equal(g.r[1].reason, "line 5, column \"tot\": 6.00 here"
	    " but 5.00 on line 4: an order amount must repeat unchanged");
	got_free(&g);
	/* tax: either accepts tax-inclusive and tax-exclusive totals. */
	mem_run("name: t\nmodel: order_per_row\nrequired: [order_id]\ntax:"
	    " either\ncolumns: {order_id: id, total: tot, tax: tx, product_name:"
	    " p, unit_price: u}\n",
	    "id,p,u,tx,tot\nA,a,10,2,12\nB,b,10,2,10\nC,c,10,2,11\n", &g);
	assert_int_equal(g.no, 2);
	assert_int_equal(g.nr, 1);
	assert_int_equal(g.r[0].line, 4);
	got_free(&g);
	/* No order id at all. */
	mem_run(NULL, "Order ID,Order Date,Product,Quantity,Price\n"
	    ",2026-03-01,Mug,1,5.00\n", &g);
	assert_string_equal(g.r[0].reason, "line 2, column \"Order ID\": no"
	    " order id");
	got_free(&g);
}

static char *
write_tmp(const char *dir, const char *name, const char *text)
{
	char	*path;
	FILE	*f;

	assert_true(asprintf(&path, "%s/%s", dir, name) > 0);
	assert_non_null(f = fopen(path, "w"));
	fputs(text, f);
	fclose(f);
	return (path);
}

static void
test_joined_orphans(void **state)
{
	struct profile		*p;
	struct imp_reader	*r;
	struct got		 g;
	char			 dir[] = "/tmp/ordo-join.XXXXXX", *a, *b;
	const char		*paths[2];

	(void)state;
	assert_non_null(mkdtemp(dir));
	a = write_tmp(dir, "list.csv", "\xe8\xae\xa2\xe5\x8d\x95\xe7\xbc\x96"
	    "\xe5\x8f\xb7,\xe8\xae\xa2\xe5\x8d\x95\xe5\x88\x9b\xe5\xbb\xba\xe6"
	    "\x97\xb6\xe9\x97\xb4,\xe8\xae\xa2\xe5\x8d\x95\xe7\x8a\xb6\xe6\x80"
	    "\x81,\xe6\x94\xb6\xe8\xb4\xa7\xe5\x9c\xb0\xe5\x9d\x80\n"
	    "X,2026-03-01 10:00:00,\xe4\xba\xa4\xe6\x98\x93\xe6\x88\x90\xe5\x8a"
	    "\x9f,addr\nY,2026-03-01 10:00:00,\xe4\xba\xa4\xe6\x98\x93\xe6\x88"
	    "\x90\xe5\x8a\x9f,addr\n");
	b = write_tmp(dir, "detail.csv", "\xe8\xae\xa2\xe5\x8d\x95\xe7\xbc\x96"
	    "\xe5\x8f\xb7,\xe6\xa0\x87\xe9\xa2\x98,\xe4\xbb\xb7\xe6\xa0\xbc,\xe8"
	    "\xb4\xad\xe4\xb9\xb0\xe6\x95\xb0\xe9\x87\x8f\n"
	    "Y,cup,3.00,2\nZ,pot,9.00,1\nZ,lid,1.00,1\n");
	paths[0] = a;
	paths[1] = b;
	p = profile("taobao");
	memset(&g, 0, sizeof g);
	assert_int_equal(imp_open(&r, p, paths, 2, 2, &g.cause), 0);
	/* Which file each input is, as opened (not as named now). */
	{
		struct stat	 sa, sb;
		char		*c;

		assert_int_equal(stat(a, &sa), 0);
		assert_int_equal(stat(b, &sb), 0);
		assert_true(imp_same_file(r, 0, &sa));
		assert_false(imp_same_file(r, 0, &sb));
		assert_true(imp_same_file(r, 1, &sb));
		assert_false(imp_same_file(r, 2, &sb));
		/* A new file renamed over the first one is not it. */
		c = write_tmp(dir, "new.csv", "X\n");
		assert_int_equal(rename(c, a), 0);
		assert_int_equal(stat(a, &sa), 0);
		assert_false(imp_same_file(r, 0, &sa));
		free(c);
	}
	run_reader(r, &g);
	assert_int_equal(g.rc, 0);
	assert_int_equal(g.no, 1);
	assert_string_equal(g.o[0].id, "Y");
	assert_int_equal(g.o[0].total, 600);
	assert_int_equal(g.nr, 3);
	assert_int_equal(g.r[0].file, 0);
	assert_non_null(strstr(g.r[0].reason, "no items for order X in"));
	assert_int_equal(g.r[1].file, 1);
	assert_int_equal(g.r[1].line, 3);
	assert_non_null(strstr(g.r[1].reason, "no order Z in"));
	assert_int_equal(g.r[2].line, 4);
	got_free(&g);
	/* Two item files: refused. */
	paths[0] = b;
	assert_int_equal(imp_open(&r, p, paths, 2, 2, &g.cause), ORDO_EINVAL);
	assert_non_null(strstr(g.cause, "are both item files"));
	free(g.cause);
	profile_free(p);
	unlink(a);
	unlink(b);
	rmdir(dir);
	free(a);
	free(b);
}

static void
test_rejects_file(void **state)
{
	struct profile		*p;
	struct imp_reader	*r;
	struct imp_rejfile	*w;
	struct csvin		*in;
	const struct csvin_rec	*rec;
	const struct imp_order	*o;
	const struct imp_reject	*rj;
	struct imp_reject	 evil;
	char			 dir[] = "/tmp/ordo-rej.XXXXXX", *src, *rejp;
	char			*cause = NULL, *text, *hdr_line;
	char			*evilf[] = { NULL, NULL };
	char *const		*hdr;
	size_t			 nhdr, nrj, i, n = 0, len;
	const char		*paths[1];
	struct got		 g;
	FILE			*f;

	(void)state;
	assert_non_null(mkdtemp(dir));
	f = fopen(t_path(FIX "bad_money.csv"), "r");
	text = calloc(1, 8192);
	len = fread(text, 1, 8191, f);
	fclose(f);
	src = write_tmp(dir, "orders.csv", text);
	free(text);
	rejp = imp_rejects_path(src);
	assert_non_null(strstr(rejp, "/orders.rejects.csv"));
	p = profile("generic");
	paths[0] = src;
	assert_int_equal(imp_open(&r, p, paths, 1, 2, &cause), 0);
	imp_header(r, 0, &hdr, &nhdr);
	assert_int_equal(nhdr, 10);
	assert_int_equal(imp_rejects_open(&w, src, p->delimiter, hdr, nhdr,
	    &cause), 0);
	while (imp_next(r, &o, &rj, &nrj, &cause) == 1)
		for (i = 0; i < nrj; i++)
			assert_int_equal(imp_rejects_write(w, &rj[i], &cause),
			    0);
	imp_close(r);
	/* A formula in a text cell gets a leading '. */
	evilf[0] = strdup("=HYPERLINK(\"http://x\",\"y\")");
	evilf[1] = strdup("@SUM(A1)");
	evil.file = 0;
	evil.line = 99;
	evil.fields = evilf;
	evil.nfields = 2;
	evil.reason = strdup("+1 test");
	assert_int_equal(imp_rejects_write(w, &evil, &cause), 0);
	free(evilf[0]);
	free(evilf[1]);
	free(evil.reason);
	assert_int_equal(imp_rejects_close(w, &cause), 0);

	/* Read it back with the strict reader. */
	f = fopen(rejp, "r");
	hdr_line = calloc(1, 4096);
	assert_non_null(fgets(hdr_line, 4096, f));
	fclose(f);
	assert_memory_equal(hdr_line, "\xef\xbb\xbf\"Order ID\",", 14);
	assert_int_equal(csvin_open(&in, rejp, NULL, &cause), 0);
	while (csvin_next(in, &rec, &cause) == 1) {
		assert_null(rec->err);
		if (n == 0) {
			assert_int_equal(rec->nfields, 12);
			assert_string_equal(rec->fields[10], "line");
			assert_string_equal(rec->fields[11], "reason");
		} else if (n == 5) {
			assert_string_equal(rec->fields[0], "A-6");
			assert_string_equal(rec->fields[7], "'-3.00");
			assert_string_equal(rec->fields[10], "7");
			assert_string_equal(rec->fields[11], "line 7, column"
			    " \"Price\": negative price -3.00");
		} else if (n == 6) {
			assert_string_equal(rec->fields[0],
			    "'=HYPERLINK(\"http://x\",\"y\")");
			assert_string_equal(rec->fields[1], "'@SUM(A1)");
			assert_string_equal(rec->fields[2], "");
			assert_string_equal(rec->fields[10], "99");
			assert_string_equal(rec->fields[11], "'+1 test");
		}
		n++;
	}
	assert_int_equal(n, 7);
	csvin_close(in);
	free(hdr_line);

	/* The rejects file imports again: the same rows fail the same way. */
	paths[0] = rejp;
	memset(&g, 0, sizeof g);
	assert_int_equal(imp_open(&r, p, paths, 1, 2, &g.cause), 0);
	run_reader(r, &g);
	assert_int_equal(g.no, 0);
	assert_int_equal(g.nr, 6);
	assert_string_equal(g.r[4].reason, "line 6, column \"Price\": negative"
	    " price -3.00");
	got_free(&g);
	profile_free(p);
	unlink(rejp);
	unlink(src);
	rmdir(dir);
	free(rejp);
	free(src);
	(void)len;
}

static void
test_several_files(void **state)
{
	struct profile		*p;
	struct imp_reader	*r;
	struct got		 g;
	const char		*paths[2];
	char			 a[1024], b[1024];

	(void)state;
	p = profile("shopify");
	snprintf(a, sizeof a, "%s", t_path(FIX "shopify_orders.csv"));
	snprintf(b, sizeof b, "%s", t_path(FIX "shopify_orders.csv"));
	paths[0] = a;
	paths[1] = b;
	memset(&g, 0, sizeof g);
	assert_int_equal(imp_open(&r, p, paths, 2, 2, &g.cause), 0);
	assert_int_equal(imp_nfiles(r), 2);
	assert_string_equal(imp_encoding(r, 0), "UTF-8");
	run_reader(r, &g);
	/* The second file repeats the first: every order is seen again. */
	assert_int_equal(g.no, 3);
	assert_int_equal(g.o[2].file, 0);
	assert_int_equal(g.nr, 6);
	assert_int_equal(g.r[0].file, 1);
	assert_non_null(strstr(g.r[0].reason, "already appeared"));
	got_free(&g);
	profile_free(p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shopify_fixture),
		cmocka_unit_test(test_shopify_real_export),
		cmocka_unit_test(test_amazon_fixture),
		cmocka_unit_test(test_woocommerce_fixture),
		cmocka_unit_test(test_ebay_fixture),
		cmocka_unit_test(test_etsy_pair),
		cmocka_unit_test(test_taobao_gbk_pair),
		cmocka_unit_test(test_jd_fixture),
		cmocka_unit_test(test_pinduoduo_fixture),
		cmocka_unit_test(test_douyin_fixture),
		cmocka_unit_test(test_tiktok_fixture),
		cmocka_unit_test(test_detection),
		cmocka_unit_test(test_bad_rows),
		cmocka_unit_test(test_bad_files),
		cmocka_unit_test(test_order_rules),
		cmocka_unit_test(test_joined_orphans),
		cmocka_unit_test(test_rejects_file),
		cmocka_unit_test(test_several_files),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
