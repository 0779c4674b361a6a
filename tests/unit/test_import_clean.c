/*
 * test_import_clean.c: every cell-cleaning rule of clean.h.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "testlib.h"

#include "ordo/clean.h"
#include "ordo/error.h"

static const struct clean_money_style point = { '.', 0 };
static const struct clean_money_style point_comma = { '.', ',' };
static const struct clean_money_style comma_point = { ',', '.' };
static const struct clean_money_style comma_space = { ',', ' ' };

static void
text_is(const char *in, const char *want)
{
	char	*t = clean_text(in);

	assert_string_equal(t, want);
	free(t);
}

static int64_t
money_ok(const char *in, const struct clean_money_style *st, int minor)
{
	int64_t	 v = -999;
	int	 pr = -1;
	char	*cause = NULL;

	if (clean_money(in, st, minor, &v, &pr, &cause) != 0)
		fail_msg("money \"%s\": %s", in, cause);
	assert_int_equal(pr, 1);
	free(cause);
	return (v);
}

static char *
money_bad(const char *in, const struct clean_money_style *st, int minor)
{
	int64_t	 v = 0;
	int	 pr = 0;
	char	*cause = NULL;

	assert_int_not_equal(clean_money(in, st, minor, &v, &pr, &cause), 0);
	assert_non_null(cause);
	return (cause);
}

static void
test_excel_protected(void **state)
{
	(void)state;
	text_is("=\"1234567890123456789\"", "1234567890123456789");
	text_is(" =\"SF123\" ", "SF123");
	/* Not the whole value: left alone. */
	text_is("=SUM(A1)", "=SUM(A1)");
	text_is("=\"", "=\"");
}

static void
test_leading_quote_and_tab(void **state)
{
	(void)state;
	text_is("'4001", "4001");
	text_is("'0183", "0183");
	text_is("'-5.00", "-5.00");
	text_is("'=cmd", "=cmd");
	text_is("'@x", "@x");
	text_is("'null", "");
	text_is("'", "");
	/* A real apostrophe stays. */
	text_is("'s-Hertogenbosch", "'s-Hertogenbosch");
	text_is("O'Connor", "O'Connor");
	text_is("\t6917926768823643751", "6917926768823643751");
	text_is("6917926768823643751\t", "6917926768823643751");
	text_is("'\t123", "123");
}

static void
test_spaces(void **state)
{
	(void)state;
	text_is("  a b  ", "a b");
	text_is("\xc2\xa0x\xc2\xa0", "x");		/* no-break space */
	text_is("\xe3\x80\x80\xe6\x9d\x8e\xe3\x80\x80", "\xe6\x9d\x8e");
	text_is("line1\nline2\n", "line1\nline2");
	text_is(NULL, "");
}

static void
test_null_tokens(void **state)
{
	(void)state;
	text_is("null", "");
	text_is("NULL", "");
	text_is("Null", "");
	text_is("NaN", "");
	text_is("-", "");
	text_is("--", "");
	text_is("N/A", "");
	text_is("n/a", "");
	/* Values, not null tokens. */
	text_is("NA", "NA");
	text_is("NONE", "NONE");
	text_is(".", ".");
	text_is("---", "---");
	text_is("nullable", "nullable");
	assert_true(clean_is_null("--"));
	assert_false(clean_is_null("0"));
}

static void
test_ids(void **state)
{
	char	*id = NULL, *cause = NULL;

	(void)state;
	assert_int_equal(clean_id("=\"1234567890123456789\"", &id, &cause), 0);
	/* 19 digits stay exact text, never a number. */
	assert_string_equal(id, "1234567890123456789");
	free(id);
	assert_int_equal(clean_id("\xef\xbc\x91\xef\xbc\x92\xef\xbc\x93", &id,
	    &cause), 0);
	assert_string_equal(id, "123");
	free(id);
	assert_int_equal(clean_id("00123", &id, &cause), 0);
	assert_string_equal(id, "00123");
	free(id);
	assert_int_equal(clean_id("6.91793E+18", &id, &cause), ORDO_EINVAL);
	assert_non_null(strstr(cause, "scientific"));
	free(cause);
}

static void
test_money_plain(void **state)
{
	char	*c;

	(void)state;
	assert_int_equal(money_ok("1659.95", &point, 2), 165995);
	assert_int_equal(money_ok("0.00", &point, 2), 0);
	assert_int_equal(money_ok("17", &point, 2), 1700);
	assert_int_equal(money_ok("4.5", &point, 2), 450);
	assert_int_equal(money_ok(".5", &point, 2), 50);
	assert_int_equal(money_ok("-12.42", &point, 2), -1242);
	assert_int_equal(money_ok("12.500", &point, 2), 1250);
	assert_int_equal(money_ok("12", &point, 0), 12);
	/* More decimals than allowed: an error, never rounded. */
	c = money_bad("12.505", &point, 2);
	assert_non_null(strstr(c, "more than 2 decimals"));
	free(c);
	free(money_bad("12.5", &point, 0));
	free(money_bad("abc", &point, 2));
	free(money_bad("1.2.3", &point, 2));
	free(money_bad("(12.00)", &point, 2));
	free(money_bad("1e5", &point, 2));
	free(money_bad("99999999999999999999", &point, 2));
}

static void
test_money_symbols(void **state)
{
	(void)state;
	assert_int_equal(money_ok("$12.34", &point, 2), 1234);
	assert_int_equal(money_ok("US$12.34", &point, 2), 1234);
	assert_int_equal(money_ok("-$5.00", &point, 2), -500);
	assert_int_equal(money_ok("$-5.00", &point, 2), -500);
	assert_int_equal(money_ok("\xc2\xa5" "88", &point, 2), 8800);
	assert_int_equal(money_ok("\xef\xbf\xa5" "88.00", &point, 2), 8800);
	assert_int_equal(money_ok("CN\xc2\xa5" "88.00", &point, 2), 8800);
	assert_int_equal(money_ok("\xe2\x82\xac" " 7.10", &point, 2), 710);
	assert_int_equal(money_ok("\xc2\xa3" "3", &point, 2), 300);
	assert_int_equal(money_ok("59.00\xe5\x85\x83", &point, 2), 5900);
	assert_int_equal(money_ok("'-5.00", &point, 2), -500);
	assert_int_equal(money_ok("=\"12.00\"", &point, 2), 1200);
	/* Full-width digits. */
	assert_int_equal(money_ok("\xef\xbc\x91\xef\xbc\x92\xef\xbc\x8e"
	    "\xef\xbc\x95", &point, 2), 1250);
}

static void
test_money_separators(void **state)
{
	int64_t	 v;
	int	 pr;

	(void)state;
	assert_int_equal(money_ok("$1,200.00", &point_comma, 2), 120000);
	assert_int_equal(money_ok("1,234,567.89", &point_comma, 2),
	    123456789);
	free(money_bad("1,23.00", &point_comma, 2));
	free(money_bad("1,7", &point_comma, 2));
	free(money_bad("1,234", &point, 2));
	/* eBay.de and csvkit's test_locale.csv: "1,7" and "200.000.000". */
	assert_int_equal(money_ok("1,7", &comma_point, 2), 170);
	assert_int_equal(money_ok("200.000.000", &comma_point, 2),
	    20000000000LL);
	assert_int_equal(money_ok("116,99 \xe2\x82\xac", &comma_point, 2),
	    11699);
	assert_int_equal(money_ok("1 234,56", &comma_space, 2), 123456);
	assert_int_equal(money_ok("1\xc2\xa0" "234,56", &comma_space, 2),
	    123456);
	free(money_bad("1.5", &comma_point, 2));
	/* Empty and null-looking cells are "not present", not errors. */
	v = 7;
	assert_int_equal(clean_money("", &point, 2, &v, &pr, NULL), 0);
	assert_int_equal(pr, 0);
	assert_int_equal(clean_money("--", &point, 2, &v, &pr, NULL), 0);
	assert_int_equal(pr, 0);
	assert_int_equal(clean_money("NaN", &point, 2, &v, &pr, NULL), 0);
	assert_int_equal(pr, 0);
}

static void
test_qty(void **state)
{
	int64_t	 q = 0;
	int	 pr = 0;
	char	*cause = NULL;

	(void)state;
	assert_int_equal(clean_qty("2", &q, &pr, &cause), 0);
	assert_int_equal(q, 2);
	assert_int_equal(pr, 1);
	assert_int_equal(clean_qty("2.0", &q, &pr, &cause), 0);
	assert_int_equal(q, 2);
	assert_int_equal(clean_qty("3.00", &q, &pr, &cause), 0);
	assert_int_equal(q, 3);
	assert_int_equal(clean_qty("\xef\xbc\x95", &q, &pr, &cause), 0);
	assert_int_equal(q, 5);
	assert_int_equal(clean_qty("0", &q, &pr, &cause), 0);
	assert_int_equal(q, 0);
	assert_int_equal(clean_qty("", &q, &pr, &cause), 0);
	assert_int_equal(pr, 0);
	assert_int_equal(clean_qty("2.5", &q, &pr, &cause), ORDO_EINVAL);
	assert_non_null(strstr(cause, "whole"));
	assert_int_equal(clean_qty("-1", &q, &pr, &cause), ORDO_EINVAL);
	assert_non_null(strstr(cause, "negative"));
	assert_int_equal(clean_qty("two", &q, &pr, &cause), ORDO_EINVAL);
	assert_int_equal(clean_qty("1,000", &q, &pr, &cause), ORDO_EINVAL);
	assert_int_equal(clean_qty("99999999999", &q, &pr, &cause),
	    ORDO_ERANGE);
	free(cause);
}

static int64_t
date1(const char *s, const char *fmt, int off)
{
	int64_t	 t = -1;

	if (clean_date_fmt(s, fmt, off, &t) != 0)
		fail_msg("\"%s\" in \"%s\" did not parse", s, fmt);
	return (t);
}

static void
test_dates(void **state)
{
	int64_t	 t;

	(void)state;
	/* 2025-05-11 13:55:16 UTC = 1746971716 (Shopify, offset applied). */
	assert_int_equal(date1("2025-05-11 09:55:16 -0400",
	    "YYYY-MM-DD hh:mm:ss Z", 0), 1746971716);
	/* Amazon ISO 8601 with T and +HH:MM, Z, fractions. */
	assert_int_equal(date1("2009-01-01T10:50:49-08:00",
	    "YYYY-MM-DDThh:mm:ssZ", 0), 1230835849);
	assert_int_equal(date1("2017-06-17T08:04:21+00:00",
	    "YYYY-MM-DDThh:mm:ssZ", 0), 1497686661);
	assert_int_equal(date1("2017-06-17T08:04:21Z",
	    "YYYY-MM-DDThh:mm:ssZ", 0), 1497686661);
	assert_int_equal(date1("2017-06-17T08:04:21.250Z",
	    "YYYY-MM-DDThh:mm:ssZ", 0), 1497686661);
	/* eBay: Mon-DD-YY, "Dec 5, 2022", German month. */
	assert_int_equal(date1("Sep-30-26", "Mon-DD-YY", 0), 1790726400);
	assert_int_equal(date1("Dec 5, 2022", "Mon D, YYYY", 0), 1670198400);
	assert_int_equal(date1("10-Dez-25", "DD-Mon-YY", 0), 1765324800);
	/* Etsy: MM/DD/YY and M/D/YYYY. */
	assert_int_equal(date1("09/03/26", "MM/DD/YY", 0), 1788393600);
	assert_int_equal(date1("1/4/2024", "M/D/YYYY", 0), 1704326400);
	assert_int_equal(date1("12/31/2023", "M/D/YYYY", 0), 1703980800);
	/* YYYY/MM/DD, WooCommerce's G hour, Chinese. */
	assert_int_equal(date1("2024/03/05", "YYYY/MM/DD", 0), 1709596800);
	assert_int_equal(date1("2024-03-05 9:07:00", "YYYY-MM-DD h:mm:ss", 0),
	    1709629620);
	assert_int_equal(date1("2024\xe5\xb9\xb4" "3\xe6\x9c\x88" "5\xe6\x97\xa5",
	    "YYYY\xe5\xb9\xb4M\xe6\x9c\x88" "D\xe6\x97\xa5", 0), 1709596800);
	/* China time without an offset in the text: the default applies. */
	assert_int_equal(date1("2026-03-05 10:20:30", "YYYY-MM-DD hh:mm:ss",
	    8 * 3600), 1772677230);
	/* AM/PM. */
	assert_int_equal(date1("03/13/2026 12:05:09 AM",
	    "MM/DD/YYYY h:mm:ss AP", 0), 1773360309);
	assert_int_equal(date1("03/11/2026 8:15:42 PM",
	    "MM/DD/YYYY h:mm:ss AP", 0), 1773260142);
	/* Wrong: bad month, day, leap day, trailing text, bad zone. */
	assert_int_not_equal(clean_date_fmt("2026-13-01", "YYYY-MM-DD", 0, &t),
	    0);
	assert_int_not_equal(clean_date_fmt("2026-02-29", "YYYY-MM-DD", 0, &t),
	    0);
	assert_int_equal(clean_date_fmt("2024-02-29", "YYYY-MM-DD", 0, &t), 0);
	assert_int_not_equal(clean_date_fmt("2026-04-31", "YYYY-MM-DD", 0, &t),
	    0);
	assert_int_not_equal(clean_date_fmt("2026-01-01x", "YYYY-MM-DD", 0,
	    &t), 0);
	assert_int_not_equal(clean_date_fmt("2026-01-01 25:00:00",
	    "YYYY-MM-DD hh:mm:ss", 0, &t), 0);
	assert_int_not_equal(clean_date_fmt("2026-01-01T00:00:00+25:00",
	    "YYYY-MM-DDThh:mm:ssZ", 0, &t), 0);
	assert_int_not_equal(clean_date_fmt("Foo-01-26", "Mon-DD-YY", 0, &t),
	    0);
}

static void
test_date_list(void **state)
{
	const char *const fmts[] = { "YYYY-MM-DD hh:mm:ss Z",
	    "YYYY-MM-DDThh:mm:ssZ", "M/D/YYYY" };
	int64_t	 t = 0;
	int	 pr = 0;
	char	*cause = NULL;

	(void)state;
	assert_int_equal(clean_date("1/4/2024", fmts, 3, 0, &t, &pr, &cause),
	    0);
	assert_int_equal(pr, 1);
	assert_int_equal(t, 1704326400);
	assert_int_equal(clean_date("\xef\xbc\x92\xef\xbc\x90\xef\xbc\x92"
	    "\xef\xbc\x94-01-02T00:00:00Z", fmts, 3, 0, &t, &pr, &cause), 0);
	assert_int_equal(t, 1704153600);
	assert_int_equal(clean_date("-", fmts, 3, 0, &t, &pr, &cause), 0);
	assert_int_equal(pr, 0);
	assert_int_equal(clean_date("31.12.2024", fmts, 3, 0, &t, &pr, &cause),
	    ORDO_EINVAL);
	assert_non_null(strstr(cause, "31.12.2024"));
	free(cause);
}

static void
test_date_formats_checked(void **state)
{
	char	*cause = NULL;

	(void)state;
	assert_int_equal(clean_date_fmt_check("YYYY-MM-DD hh:mm:ss Z", &cause),
	    0);
	assert_int_equal(clean_date_fmt_check("Mon D, YYYY", &cause), 0);
	assert_int_equal(clean_date_fmt_check("YYYY-MM-DD hh:nn", &cause),
	    ORDO_EINVAL);
	assert_non_null(strstr(cause, "'n'"));
	assert_int_equal(clean_date_fmt_check("hh:mm", &cause), ORDO_EINVAL);
	free(cause);
}

static void
test_tzoff(void **state)
{
	int	 off = 1;

	(void)state;
	assert_int_equal(clean_tzoff("+08:00", &off), 0);
	assert_int_equal(off, 28800);
	assert_int_equal(clean_tzoff("-0500", &off), 0);
	assert_int_equal(off, -18000);
	assert_int_equal(clean_tzoff("UTC", &off), 0);
	assert_int_equal(off, 0);
	assert_int_not_equal(clean_tzoff("+8", &off), 0);
	assert_int_not_equal(clean_tzoff("CET", &off), 0);
}

static void
test_fold_and_header(void **state)
{
	char	*h, s[] = "\xef\xbc\xa1\xef\xbc\x88\xe5\x85\x83\xef\xbc\x89";

	(void)state;
	clean_fold_width(s);
	assert_string_equal(s, "A(\xe5\x85\x83)");
	/* Pinduoduo's two spellings meet. */
	h = clean_header("\xe5\x95\x86\xe5\x93\x81\xe6\x80\xbb\xe4\xbb\xb7"
	    "\xef\xbc\x88\xe5\x85\x83\xef\xbc\x89");
	assert_string_equal(h, "\xe5\x95\x86\xe5\x93\x81\xe6\x80\xbb\xe4\xbb"
	    "\xb7(\xe5\x85\x83)");
	free(h);
	h = clean_header("\xef\xbb\xbf  Order   Number ");
	assert_string_equal(h, "order number");
	free(h);
	h = clean_header("\xe3\x80\x90SKU\xe3\x80\x91");
	assert_string_equal(h, "[sku]");
	free(h);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_excel_protected),
		cmocka_unit_test(test_leading_quote_and_tab),
		cmocka_unit_test(test_spaces),
		cmocka_unit_test(test_null_tokens),
		cmocka_unit_test(test_ids),
		cmocka_unit_test(test_money_plain),
		cmocka_unit_test(test_money_symbols),
		cmocka_unit_test(test_money_separators),
		cmocka_unit_test(test_qty),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_date_list),
		cmocka_unit_test(test_date_formats_checked),
		cmocka_unit_test(test_tzoff),
		cmocka_unit_test(test_fold_and_header),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
