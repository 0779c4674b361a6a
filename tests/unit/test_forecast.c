/*
 * test_forecast.c: the demand forecast (forecast.h) on synthetic
 * histories whose right answer is known: constant demand, a linear
 * trend, a weekly season, intermittent demand, none; the method chosen
 * for each; and a backtest on a noisy seasonal history with a fixed seed
 * that fails if the forecast's error grows past what it is today
 * (MASE 0.673 measured when this was written; the bound leaves 10%).
 * Then "what to reorder" on a company with a known demand.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testlib.h"

#include "ordo/date.h"
#include "ordo/forecast.h"
#include "ordo/item.h"
#include "ordo/order.h"
#include "ordo/stock.h"
#include "ordo/customer.h"

#define N	FC_HISTORY
#define S(x)	((char *)(x))

static uint64_t	 rng = 0x9e3779b97f4a7c15ULL;

/* Uniform in [0, 1). */
static double
unif(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return ((double)(rng >> 11) / 9007199254740992.0);
}

static void
test_constant(void **state)
{
	struct fc_model	 m;
	double		 h[N], f[14], mase, mape;
	size_t		 i;

	(void)state;
	for (i = 0; i < N; i++)
		h[i] = 5;
	fc_fit(h, N, &m);
	assert_int_equal(m.method, FC_HOLT_WINTERS);
	fc_predict(&m, 14, f);
	for (i = 0; i < 14; i++)
		assert_true(fabs(f[i] - 5) < 1e-6);
	fc_backtest(h, N, &mase, &mape);
	assert_true(mape >= 0 && mape < 1e-6);
}

static void
test_trend(void **state)
{
	struct fc_model	 m;
	double		 h[N], f[14];
	size_t		 i;

	(void)state;
	for (i = 0; i < N; i++)
		h[i] = 10 + 0.5 * (double)i;
	fc_fit(h, N, &m);
	assert_int_equal(m.method, FC_HOLT_WINTERS);
	fc_predict(&m, 14, f);
	/* Day N + i should be 10 + 0.5 (N + i): within 2%. */
	for (i = 0; i < 14; i++)
		assert_true(fabs(f[i] - (10 + 0.5 * (double)(N + i))) <
		    0.02 * (10 + 0.5 * (double)(N + i)));
}

static void
test_season(void **state)
{
	static const double week[7] = { 20, 12, 10, 10, 14, 30, 40 };
	struct fc_model	 m;
	double		 h[N], f[14];
	size_t		 i;

	(void)state;
	for (i = 0; i < N; i++)
		h[i] = week[i % 7];
	fc_fit(h, N, &m);
	assert_int_equal(m.method, FC_HOLT_WINTERS);
	fc_predict(&m, 14, f);
	for (i = 0; i < 14; i++)
		assert_true(fabs(f[i] - week[(N + i) % 7]) < 0.5);
}

static void
test_intermittent(void **state)
{
	struct fc_model	 m;
	double		 h[N], f[7];
	size_t		 i;

	(void)state;
	/* 6 units every 4th day: 1.5 a day. */
	for (i = 0; i < N; i++)
		h[i] = i % 4 == 3 ? 6 : 0;
	fc_fit(h, N, &m);
	assert_int_equal(m.method, FC_CROSTON);
	fc_predict(&m, 7, f);
	/* Croston-SBA: 6 / 4 * (1 - 0.1 / 2) = 1.425 a day. */
	for (i = 0; i < 7; i++)
		assert_true(fabs(f[i] - 1.425) < 0.01);
}

static void
test_none(void **state)
{
	struct fc_model	 m;
	double		 h[N], f[3];

	(void)state;
	memset(h, 0, sizeof h);
	fc_fit(h, N, &m);
	assert_int_equal(m.method, FC_NONE);
	fc_predict(&m, 3, f);
	assert_true(f[0] == 0 && f[2] == 0);
}

static void
test_backtest_regression(void **state)
{
	static const double week[7] = { 20, 12, 10, 10, 14, 30, 40 };
	double		 h[N], mase, mape;
	size_t		 i;

	(void)state;
	for (i = 0; i < N; i++)
		h[i] = floor(week[i % 7] * (0.7 + 0.6 * unif()) +
		    0.05 * (double)i);
	fc_backtest(h, N, &mase, &mape);
	print_message("# seasonal noisy history: MASE %.3f, MAPE %.1f%%\n",
	    mase, mape);
	assert_true(mase > 0);
	assert_true(mase < 0.74);
	assert_true(mape < 30);
}

/* A company where one item sells 10 a day and has 50 left. */
static int
co_fn(struct db_txn *tx, void *arg, char **cause)
{
	struct item	 it;
	struct customer	 c;
	struct order	 o;
	struct order_line ln;
	int		 d, rc;

	(void)arg;
	tx->now = time_from_date(*(int32_t *)arg - FC_HISTORY - 1);
	memset(&it, 0, sizeof it);
	it.sku = S("TEA");
	it.barcode = S("");
	it.name = S("Tea");
	it.unit = S("pcs");
	it.bin = S("");
	it.price = 100;
	it.tax_rate = -1;
	it.reorder_qty = 24;
	it.active = 1;
	if ((rc = item_add(tx, &it, cause)) != 0 ||
	    (rc = stock_receive(tx, "TEA", "WH", 10 * FC_HISTORY + 50, 50,
	    "fx", NULL, cause)) != 0)
		return (rc);
	memset(&c, 0, sizeof c);
	c.code = S("C1");
	c.name = S("C1");
	if ((rc = customer_add(tx, &c, cause)) != 0)
		return (rc);
	for (d = FC_HISTORY - 1; d >= 0; d--) {
		tx->now = time_from_date(*(int32_t *)arg - d) + 3600;
		memset(&o, 0, sizeof o);
		memset(&ln, 0, sizeof ln);
		o.customer = S("C1");
		o.loc = S("WH");
		ln.sku = S("TEA");
		ln.qty = 10;
		ln.unit_price = -1;
		ln.tax_rate = -1;
		o.lines = &ln;
		o.nlines = 1;
		if ((rc = order_new(tx, &o, cause)) != 0 ||
		    (rc = order_confirm(tx, o.id, ORDER_ANY_VERSION,
		    cause)) != 0 ||
		    (rc = order_ship(tx, o.id, ORDER_ANY_VERSION, NULL, 0, "",
		    "", NULL, cause)) != 0)
			return (rc);
	}
	return (0);
}

struct ro {
	int32_t		 day;
	struct fc_reorder *r;
	size_t		 n;
};

static int
ro_fn(struct db_txn *tx, void *arg, char **cause)
{
	struct ro	*ro = arg;

	return (fc_reorder_list(tx, ro->day, 7, 7, 95, 1, &ro->r, &ro->n,
	    cause));
}

static void
test_reorder(void **state)
{
	struct tco	*t;
	struct ro	 ro;
	int32_t		 day;

	(void)state;
	assert_int_equal(date_parse("2026-06-15", &day), 0);
	setenv("ORDO_USER", "alice", 1);
	t = t_open();
	assert_int_equal(t_write(t, co_fn, &day), 0);
	memset(&ro, 0, sizeof ro);
	ro.day = day;
	assert_int_equal(t_read(t, ro_fn, &ro), 0);
	assert_int_equal(ro.n, 1);
	assert_string_equal(ro.r[0].sku, "TEA");
	assert_int_equal(ro.r[0].available, 50);
	/* 10 a day, exactly: 70 over the lead time, no error, no safety. */
	assert_int_equal(ro.r[0].lead_demand, 70);
	assert_int_equal(ro.r[0].safety, 0);
	assert_int_equal(ro.r[0].point, 70);
	/* Cover 14 days (140) less the 50 there: 90, in packs of 24: 96. */
	assert_int_equal(ro.r[0].qty, 96);
	fc_reorder_free(ro.r, ro.n);
	t_close(t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_constant),
		cmocka_unit_test(test_trend),
		cmocka_unit_test(test_season),
		cmocka_unit_test(test_intermittent),
		cmocka_unit_test(test_none),
		cmocka_unit_test(test_backtest_regression),
		cmocka_unit_test(test_reorder),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
