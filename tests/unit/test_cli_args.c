/*
 * test_cli_args.c: the argument languages of the command line
 * (lineparse.h): SKU:QTY[@PRICE], LINE:QTY[:scrap], amounts, quantities,
 * percentages, numbers and dates, each error naming the argument; and
 * the CSV formula guard.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "ordo/error.h"
#include "ordo/lineparse.h"

/* Assert that cause starts with want, then free it. */
static void
cause_is(char **cause, const char *want)
{
	assert_non_null(*cause);
	if (strncmp(*cause, want, strlen(want)) != 0)
		fail_msg("cause [%s], wanted it to start with [%s]", *cause,
		    want);
	free(*cause);
	*cause = NULL;
}

static void
t_item_plain(void **state)
{
	char	*sku, *cause = NULL;
	int64_t	 qty, price;

	(void)state;
	assert_int_equal(lineparse_item("TEA-01:3", 2, &sku, &qty, &price,
	    &cause), 0);
	assert_string_equal(sku, "TEA-01");
	assert_int_equal(qty, 3);
	assert_int_equal(price, -1);		/* the item's own price */
	free(sku);
	assert_null(cause);
}

static void
t_item_price(void **state)
{
	char	*sku, *cause = NULL;
	int64_t	 qty, price;

	(void)state;
	assert_int_equal(lineparse_item("A/B.1#2:12@12.5", 2, &sku, &qty,
	    &price, &cause), 0);
	assert_string_equal(sku, "A/B.1#2");
	assert_int_equal(qty, 12);
	assert_int_equal(price, 1250);
	free(sku);
	/* A price of zero is a gift, not an error. */
	assert_int_equal(lineparse_item("X:1@0", 2, &sku, &qty, &price,
	    &cause), 0);
	assert_int_equal(price, 0);
	free(sku);
	/* Currencies without minor units. */
	assert_int_equal(lineparse_item("X:1@1200", 0, &sku, &qty, &price,
	    &cause), 0);
	assert_int_equal(price, 1200);
	free(sku);
}

static void
t_item_errors(void **state)
{
	char	*sku = (char *)"untouched", *cause = NULL;
	int64_t	 qty, price;

	(void)state;
	assert_int_equal(lineparse_item("TEA-01", 2, &sku, &qty, &price,
	    &cause), ORDO_EINVAL);
	assert_null(sku);
	cause_is(&cause, "TEA-01: not SKU:QTY or SKU:QTY@PRICE");
	assert_int_equal(lineparse_item(":3", 2, &sku, &qty, &price,
	    &cause), ORDO_EINVAL);
	cause_is(&cause, ":3: the SKU is missing");
	assert_int_equal(lineparse_item("A:0", 2, &sku, &qty, &price,
	    &cause), ORDO_EINVAL);
	cause_is(&cause, "A:0: quantity: must be at least 1: 0");
	assert_int_equal(lineparse_item("A:-2", 2, &sku, &qty, &price,
	    &cause), ORDO_EINVAL);
	cause_is(&cause, "A:-2: quantity: must not be negative: -2");
	assert_int_equal(lineparse_item("A:1.5", 2, &sku, &qty, &price,
	    &cause), ORDO_EINVAL);
	cause_is(&cause, "A:1.5: quantity: not a whole number: 1.5");
	assert_int_equal(lineparse_item("A:", 2, &sku, &qty, &price,
	    &cause), ORDO_EINVAL);
	cause_is(&cause, "A:: quantity: a quantity is needed");
	assert_int_equal(lineparse_item("A:2@", 2, &sku, &qty, &price,
	    &cause), ORDO_EINVAL);
	cause_is(&cause, "A:2@: price: an amount is needed");
	assert_int_equal(lineparse_item("A:2@-1", 2, &sku, &qty, &price,
	    &cause), ORDO_EINVAL);
	cause_is(&cause, "A:2@-1: price: must not be negative: -1");
	assert_int_equal(lineparse_item("A:2@1.234", 2, &sku, &qty, &price,
	    &cause), ORDO_EINVAL);
	cause_is(&cause, "A:2@1.234: price: at most 2 decimals: 1.234");
	assert_int_equal(lineparse_item("A:2@1,5", 2, &sku, &qty, &price,
	    &cause), ORDO_EINVAL);
	cause_is(&cause, "A:2@1,5: price: not a valid amount: 1,5");
	assert_int_equal(lineparse_item("A@1:2", 2, &sku, &qty, &price,
	    &cause), ORDO_EINVAL);
	cause_is(&cause, "A@1:2: not SKU:QTY");
	assert_int_equal(lineparse_item("A:1:2", 2, &sku, &qty, &price,
	    &cause), ORDO_EINVAL);
	assert_int_equal(lineparse_item("A:1@2@3", 2, &sku, &qty, &price,
	    &cause), ORDO_EINVAL);
	free(cause);
	cause = NULL;
	assert_int_equal(lineparse_item("A:1000000001", 2, &sku, &qty,
	    &price, &cause), ORDO_ERANGE);
	cause_is(&cause, "A:1000000001: quantity: quantity too large");
	assert_int_equal(lineparse_item("A:1@99999999999999999999", 2, &sku,
	    &qty, &price, &cause), ORDO_ERANGE);
	cause_is(&cause, "A:1@99999999999999999999: price: amount too large");
	assert_null(sku);
}

static void
t_lineqty(void **state)
{
	struct line_qty	 lq;
	char		*cause = NULL;

	(void)state;
	assert_int_equal(lineparse_lineqty("2:5", 0, &lq, &cause), 0);
	assert_int_equal(lq.no, 2);
	assert_int_equal(lq.qty, 5);
	assert_int_equal(lq.scrap, 0);
	assert_int_equal(lineparse_lineqty("1:1:scrap", 1, &lq, &cause), 0);
	assert_int_equal(lq.no, 1);
	assert_int_equal(lq.qty, 1);
	assert_int_equal(lq.scrap, 1);
	assert_int_equal(lineparse_lineqty("3:2:restock", 1, &lq, &cause), 0);
	assert_int_equal(lq.scrap, 0);
	assert_int_equal(lineparse_lineqty("65535:1", 0, &lq, &cause), 0);
	assert_int_equal(lq.no, 65535);
	assert_null(cause);
}

static void
t_lineqty_errors(void **state)
{
	struct line_qty	 lq;
	char		*cause = NULL;

	(void)state;
	assert_int_equal(lineparse_lineqty("1:1:scrap", 0, &lq, &cause),
	    ORDO_EINVAL);
	cause_is(&cause, "1:1:scrap: not LINE:QTY");
	assert_int_equal(lineparse_lineqty("1:1:burn", 1, &lq, &cause),
	    ORDO_EINVAL);
	cause_is(&cause, "1:1:burn: the third part must be scrap or restock");
	assert_int_equal(lineparse_lineqty("5", 1, &lq, &cause), ORDO_EINVAL);
	cause_is(&cause, "5: not LINE:QTY or LINE:QTY:scrap");
	assert_int_equal(lineparse_lineqty("0:1", 0, &lq, &cause),
	    ORDO_EINVAL);
	cause_is(&cause, "0:1: not a line number: 0");
	assert_int_equal(lineparse_lineqty("65536:1", 0, &lq, &cause),
	    ORDO_EINVAL);
	cause_is(&cause, "65536:1: not a line number: 65536");
	assert_int_equal(lineparse_lineqty("x:1", 0, &lq, &cause),
	    ORDO_EINVAL);
	cause_is(&cause, "x:1: not a line number: x");
	assert_int_equal(lineparse_lineqty("1:0", 0, &lq, &cause),
	    ORDO_EINVAL);
	cause_is(&cause, "1:0: quantity: must be at least 1: 0");
	assert_int_equal(lineparse_lineqty("1:-1", 0, &lq, &cause),
	    ORDO_EINVAL);
	cause_is(&cause, "1:-1: quantity: must not be negative: -1");
	assert_int_equal(lineparse_lineqty("1:", 0, &lq, &cause),
	    ORDO_EINVAL);
	cause_is(&cause, "1:: quantity: a quantity is needed");
	/* A refused parse leaves nothing half set. */
	assert_int_equal(lq.no, 0);
	assert_int_equal(lq.qty, 0);
}

static void
t_money(void **state)
{
	char	*cause = NULL;
	int64_t	 v;

	(void)state;
	assert_int_equal(lineparse_money("--price", "12.50", 2, 0, &v,
	    &cause), 0);
	assert_int_equal(v, 1250);
	assert_int_equal(lineparse_money("--price", "0.05", 2, 0, &v,
	    &cause), 0);
	assert_int_equal(v, 5);
	assert_int_equal(lineparse_money("--price", "7", 3, 0, &v, &cause), 0);
	assert_int_equal(v, 7000);
	assert_int_equal(lineparse_money("X", "-3.10", 2, LP_NEGATIVE, &v,
	    &cause), 0);
	assert_int_equal(v, -310);
	/* The example of ordo(1) and cli.md, word for word. */
	assert_int_equal(lineparse_money("--price", "12.3.4", 2, 0, &v,
	    &cause), ORDO_EINVAL);
	assert_string_equal(cause, "--price: not a valid amount: 12.3.4");
	free(cause);
	cause = NULL;
	assert_int_equal(lineparse_money("AMOUNT", "0", 2, LP_NONZERO, &v,
	    &cause), ORDO_EINVAL);
	cause_is(&cause, "AMOUNT: must be more than zero: 0");
	assert_int_equal(lineparse_money("AMOUNT", "-1", 2, 0, &v, &cause),
	    ORDO_EINVAL);
	cause_is(&cause, "AMOUNT: must not be negative: -1");
	assert_int_equal(lineparse_money("AMOUNT", "1e3", 2, 0, &v, &cause),
	    ORDO_EINVAL);
	cause_is(&cause, "AMOUNT: not a valid amount: 1e3");
	assert_int_equal(lineparse_money("AMOUNT", " 1", 2, 0, &v, &cause),
	    ORDO_EINVAL);
	cause_is(&cause, "AMOUNT: not a valid amount:  1");
	assert_int_equal(lineparse_money("AMOUNT", "", 2, 0, &v, &cause),
	    ORDO_EINVAL);
	cause_is(&cause, "AMOUNT: an amount is needed");
	assert_int_equal(lineparse_money("AMOUNT", "1.5", 0, 0, &v, &cause),
	    ORDO_EINVAL);
	cause_is(&cause, "AMOUNT: at most 0 decimals: 1.5");
	assert_int_equal(lineparse_money("AMOUNT", "92233720368547758.08", 2,
	    0, &v, &cause), ORDO_ERANGE);
	cause_is(&cause, "AMOUNT: amount too large");
}

static void
t_qty(void **state)
{
	char	*cause = NULL;
	int64_t	 v;

	(void)state;
	assert_int_equal(lineparse_qty("QTY", "0", 0, &v, &cause), 0);
	assert_int_equal(v, 0);
	assert_int_equal(lineparse_qty("QTY", "1000000000", 0, &v, &cause),
	    0);
	assert_int_equal(v, 1000000000);
	assert_int_equal(lineparse_qty("QTY", "0", LP_NONZERO, &v, &cause),
	    ORDO_EINVAL);
	cause_is(&cause, "QTY: must be at least 1: 0");
	assert_int_equal(lineparse_qty("COUNTED", "-5", 0, &v, &cause),
	    ORDO_EINVAL);
	cause_is(&cause, "COUNTED: must not be negative: -5");
	assert_int_equal(lineparse_qty("QTY", "+5", 0, &v, &cause),
	    ORDO_EINVAL);
	cause_is(&cause, "QTY: not a whole number: +5");
	assert_int_equal(lineparse_qty("QTY", "abc", 0, &v, &cause),
	    ORDO_EINVAL);
	cause_is(&cause, "QTY: not a whole number: abc");
	assert_int_equal(lineparse_qty("QTY", "1000000001", 0, &v, &cause),
	    ORDO_ERANGE);
	cause_is(&cause, "QTY: quantity too large");
}

static void
t_percent(void **state)
{
	char	*cause = NULL;
	int	 bp;

	(void)state;
	assert_int_equal(lineparse_percent("--tax", "13", &bp, &cause), 0);
	assert_int_equal(bp, 1300);
	assert_int_equal(lineparse_percent("--tax", "8.25", &bp, &cause), 0);
	assert_int_equal(bp, 825);
	assert_int_equal(lineparse_percent("--tax", "13%", &bp, &cause), 0);
	assert_int_equal(bp, 1300);
	assert_int_equal(lineparse_percent("--tax", "0", &bp, &cause), 0);
	assert_int_equal(bp, 0);
	assert_int_equal(lineparse_percent("--tax", "100", &bp, &cause), 0);
	assert_int_equal(bp, 10000);
	assert_int_equal(lineparse_percent("--tax", "100.01", &bp, &cause),
	    ORDO_EINVAL);
	cause_is(&cause, "--tax: not a percentage from 0 to 100");
	assert_int_equal(lineparse_percent("--tax", "-1", &bp, &cause),
	    ORDO_EINVAL);
	cause_is(&cause, "--tax: not a percentage");
	assert_int_equal(lineparse_percent("--tax", "8.125", &bp, &cause),
	    ORDO_EINVAL);
	cause_is(&cause, "--tax: not a percentage");
	assert_int_equal(lineparse_percent("--tax", "%", &bp, &cause),
	    ORDO_EINVAL);
	cause_is(&cause, "--tax: not a percentage");
}

static void
t_numbers(void **state)
{
	char		*cause = NULL;
	uint64_t	 id;
	uint32_t	 ver;
	int32_t		 day;

	(void)state;
	assert_int_equal(lineparse_id("N", "18446744073709551615", &id,
	    &cause), 0);
	assert_true(id == UINT64_MAX);
	assert_int_equal(lineparse_id("N", "18446744073709551616", &id,
	    &cause), ORDO_ERANGE);
	cause_is(&cause, "N: not a number from 1 up");
	assert_int_equal(lineparse_id("N", "0", &id, &cause), ORDO_EINVAL);
	cause_is(&cause, "N: not a number from 1 up: 0");
	assert_int_equal(lineparse_id("N", "-1", &id, &cause), ORDO_EINVAL);
	cause_is(&cause, "N: not a number from 1 up: -1");
	assert_int_equal(lineparse_id("N", "#12", &id, &cause), ORDO_EINVAL);
	cause_is(&cause, "N: not a number from 1 up: #12");
	assert_int_equal(lineparse_version("--expect", "4294967294", &ver,
	    &cause), 0);
	assert_true(ver == 4294967294u);
	/* UINT32_MAX means "any version" to the core: not typeable. */
	assert_int_equal(lineparse_version("--expect", "4294967295", &ver,
	    &cause), ORDO_ERANGE);
	cause_is(&cause, "--expect: not a version number");
	assert_int_equal(lineparse_date("--from", "2024-02-29", &day,
	    &cause), 0);
	assert_int_equal(day, 19782);
	assert_int_equal(lineparse_date("--from", "2023-02-29", &day,
	    &cause), ORDO_EINVAL);
	cause_is(&cause, "--from: not a date (YYYY-MM-DD): 2023-02-29");
	assert_int_equal(lineparse_date("--to", "1/2/2024", &day, &cause),
	    ORDO_EINVAL);
	cause_is(&cause, "--to: not a date");
}

static void
t_csv_guard(void **state)
{
	(void)state;
	assert_true(lineparse_csv_guard("=1+2"));
	assert_true(lineparse_csv_guard("+86 138"));
	assert_true(lineparse_csv_guard("-5"));
	assert_true(lineparse_csv_guard("@SUM(A1)"));
	assert_true(lineparse_csv_guard("\tx"));
	assert_true(lineparse_csv_guard("\rx"));
	assert_false(lineparse_csv_guard(""));
	assert_false(lineparse_csv_guard(NULL));
	assert_false(lineparse_csv_guard("a=b"));
	assert_false(lineparse_csv_guard("'=already"));
	assert_false(lineparse_csv_guard(" =x"));
	assert_false(lineparse_csv_guard("12.50"));
	assert_false(lineparse_csv_guard("西湖龙井"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_item_plain),
		cmocka_unit_test(t_item_price),
		cmocka_unit_test(t_item_errors),
		cmocka_unit_test(t_lineqty),
		cmocka_unit_test(t_lineqty_errors),
		cmocka_unit_test(t_money),
		cmocka_unit_test(t_qty),
		cmocka_unit_test(t_percent),
		cmocka_unit_test(t_numbers),
		cmocka_unit_test(t_csv_guard),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
