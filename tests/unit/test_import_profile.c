/*
 * test_import_profile.c: channel profiles: the shipped ones load, the
 * YAML safety rules hold with file:line:column errors, header matching
 * and auto-detection by required columns.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testlib.h"

#include "ordo/error.h"
#include "ordo/profile.h"

/* A header row from literals (read only). */
#define HDR(...)	((char *const *)(const char *const []){ __VA_ARGS__ })

#define MINIMAL								\
	"name: t\n"							\
	"required: [order_id]\n"					\
	"date_formats: [\"YYYY-MM-DD\"]\n"				\
	"columns:\n"							\
	"  order_id: [Order ID, order-id]\n"				\
	"  created_at: Date\n"						\
	"  qty: Qty\n"							\
	"  unit_price: Price\n"

static char *
load_err(const char *yaml)
{
	struct profile	*p = NULL;
	char		*cause = NULL;

	if (profile_load_buf("x.yaml", yaml, strlen(yaml), &p, &cause) == 0)
		fail_msg("loaded but should not have:\n%s", yaml);
	assert_null(p);
	assert_non_null(cause);
	return (cause);
}

static void
err_has(const char *yaml, const char *want)
{
	char	*cause = load_err(yaml);

	if (strstr(cause, want) == NULL)
		fail_msg("error \"%s\" lacks \"%s\"", cause, want);
	free(cause);
}

static struct profile *
load_ok(const char *yaml)
{
	struct profile	*p = NULL;
	char		*cause = NULL;

	if (profile_load_buf("x.yaml", yaml, strlen(yaml), &p, &cause) != 0)
		fail_msg("%s", cause);
	return (p);
}

static void
test_shipped_profiles_load(void **state)
{
	static const char *const names[] = { "amazon", "douyin", "ebay",
	    "etsy", "etsy-items", "generic", "jd", "pinduoduo", "shopify", "taobao", "tiktok",
	    "woocommerce" };
	struct profile	**v, *p;
	size_t		 n, i;
	char		*cause = NULL;

	(void)state;
	if (profile_load_dir(t_path("config/channels"), &v, &n, &cause) != 0)
		fail_msg("%s", cause);
	assert_int_equal(n, sizeof names / sizeof names[0]);
	for (i = 0; i < n; i++) {
		assert_string_equal(v[i]->name, names[i]);
		assert_true(v[i]->nrequired > 0);
		assert_true(v[i]->detect == (strcmp(names[i], "generic") != 0));
	}
	profile_free_all(v, n);
	assert_int_equal(profile_load_named(t_path("config/channels"),
	    "shopify", &p, &cause), 0);
	assert_int_equal(p->model, PROFILE_FIRST_HAS_ORDER);
	assert_int_equal(p->group_by, PF_ORDER_NUMBER);
	assert_int_equal(p->columns[PF_TOTAL].n, 1);
	assert_string_equal(p->columns[PF_TOTAL].names[0], "Total");
	profile_free(p);
	assert_int_equal(profile_load_named(t_path("config/channels"),
	    "taobao", &p, &cause), 0);
	assert_int_equal(p->model, PROFILE_JOINED);
	assert_int_equal(p->tzoff, 8 * 3600);
	assert_int_equal(p->encoding, PROFILE_AUTO);
	profile_free(p);
	assert_int_equal(profile_load_named(t_path("config/channels"),
	    "amazon", &p, &cause), 0);
	assert_int_equal(p->delimiter, '\t');
	assert_int_equal(p->quote, -1);
	profile_free(p);
	assert_int_not_equal(profile_load_named(t_path("config/channels"),
	    "../etc/passwd", &p, &cause), 0);
	assert_int_not_equal(profile_load_named(t_path("config/channels"),
	    "nosuch", &p, &cause), 0);
	free(cause);
}

static void
test_minimal_and_defaults(void **state)
{
	struct profile	*p;

	(void)state;
	p = load_ok(MINIMAL);
	assert_string_equal(p->name, "t");
	assert_int_equal(p->delimiter, ',');
	assert_int_equal(p->quote, '"');
	assert_int_equal(p->header_line, 1);
	assert_int_equal(p->model, PROFILE_FIRST_HAS_ORDER);
	assert_int_equal(p->totals, PROFILE_TOTALS_CHECK);
	assert_int_equal(p->unknown_sku, PROFILE_SKU_REJECT);
	assert_int_equal(p->columns[PF_ORDER_ID].n, 2);
	assert_string_equal(p->columns[PF_ORDER_ID].keys[0], "order id");
	profile_free(p);
	p = load_ok(MINIMAL "delimiter: tab\nheader: detect\nquote: none\n"
	    "money: {decimal: \",\", thousands: \".\"}\ntimezone: \"-05:00\"\n"
	    "unknown_sku: flag\n");
	assert_int_equal(p->delimiter, '\t');
	assert_int_equal(p->header_line, 0);
	assert_int_equal(p->quote, -1);
	assert_int_equal(p->money.decimal, ',');
	assert_int_equal(p->money.thousands, '.');
	assert_int_equal(p->tzoff, -5 * 3600);
	assert_int_equal(p->unknown_sku, PROFILE_SKU_FLAG);
	profile_free(p);
}

static void
test_unknown_keys_and_values(void **state)
{
	(void)state;
	err_has(MINIMAL "colums: {}\n", "x.yaml:9:1: unknown key \"colums\"");
	err_has(MINIMAL "model: per_line\n", "x.yaml:9:8: \"per_line\":"
	    " expected one of line_per_row_first_has_order");
	err_has(MINIMAL "encoding: latin1\n", "x.yaml:9:11:");
	err_has(MINIMAL "header: 0\n", "x.yaml:9:9: \"0\": expected a whole"
	    " number from 1 to 1000");
	err_has(MINIMAL "delimiter: \"ab\"\n", "x.yaml:9:12:");
	err_has(MINIMAL "timezone: CET\n", "x.yaml:9:11:");
	err_has(MINIMAL "money: {decimal: \".\", thousands: \".\"}\n",
	    "the same");
	err_has(MINIMAL "money: {point: \".\"}\n", "x.yaml:9:9: unknown key"
	    " \"point\" in money");
	err_has(MINIMAL "detect: maybe\n", "expected true or false");
	err_has(MINIMAL "currency: euro\n", "ISO 4217");
	err_has("name: t\ndate_formats: [\"YYYY-MM-DD hh:nn\"]\n",
	    "x.yaml:2:15: \"YYYY-MM-DD hh:nn\": unknown date token 'n'");
	/* Columns: unknown field, empty name, wildcard misuse. */
	err_has(MINIMAL "  weight: Weight\n", "x.yaml:9:3: unknown field"
	    " \"weight\"");
	err_has(MINIMAL "  sku: \"\"\n", "an empty header name");
	err_has(MINIMAL "  sku: \"sku_*\"\n", "only for line_items");
	/* Status rules. */
	err_has(MINIMAL "  status: Status\nstatus:\n  - {field: status, map:"
	    " {done: finished}}\n", "x.yaml:11:33: \"finished\": expected a"
	    " status");
	err_has(MINIMAL "status:\n  - {field: status, any: paid}\n",
	    "status: status has no columns");
	err_has(MINIMAL "  status: Status\nstatus:\n  - {field: status}\n",
	    "either any or map");
	err_has(MINIMAL "  status: Status\nstatus:\n  - {field: status, when:"
	    " x}\n", "unknown key \"when\" in a status rule");
	/* Wrong types. */
	err_has("name: t\nrequired: order_id\n", "x.yaml:2:11: expected a"
	    " list");
	err_has(MINIMAL "money: \".\"\n", "expected a mapping");
	err_has("- a\n- b\n", "x.yaml:1:1: expected a mapping");
}

static void
test_consistency(void **state)
{
	(void)state;
	err_has("required: [order_id]\ncolumns: {order_id: x}\n", "no name");
	err_has("name: Bad Name\n", "x.yaml:1:7: name: use a-z");
	err_has("name: t\nrequired: [sku]\ncolumns: {order_id: x}\n",
	    "required: sku has no columns");
	err_has("name: t\nrequired: [order_id]\ncolumns: {sku: x}\n",
	    "columns: order_id is needed");
	err_has("name: t\nrequired: [order_id]\ncolumns: {order_id: x,"
	    " created_at: d}\n", "date_formats: at least one");
	err_has("name: t\nrequired: [order_id]\nmodel: joined\ncolumns:"
	    " {order_id: x}\n", "model joined needs detail_required");
	err_has("name: t\nrequired: [order_id]\nmodel: order_per_row_items_in_"
	    "cell\ncolumns: {order_id: x}\n", "needs columns line_items");
	err_has("name: t\nrequired: [order_id]\ngroup_by: order_number\n"
	    "columns: {order_id: x}\n", "group_by: order_number has no"
	    " columns");
	err_has("name: t\nrequired: [order_id]\ngroup_by: sku\ncolumns:"
	    " {order_id: x}\n", "group_by: order_id or order_number");
}

static void
test_yaml_safety(void **state)
{
	char	*deep, *laughs, *p;
	size_t	 i;

	(void)state;
	err_has("name: &n t\n", "x.yaml:1:7: anchors (&name) are not"
	    " allowed");
	err_has("name: t\nrequired: [order_id]\ncolumns:\n  order_id: x\n"
	    "  sku: *a\n", "x.yaml:5:8: aliases (*name) are not allowed");
	err_has("name: !!str t\n", "x.yaml:1:7: tags (!tag) are not allowed");
	err_has("name: !custom t\n", "tags (!tag) are not allowed");
	err_has("name: t\nname: u\n", "x.yaml:2:1: \"name\" given twice");
	err_has("name: t\n---\nname: u\n", "only one YAML document");
	err_has("", "x.yaml: empty");
	err_has("name: [t\n", "x.yaml:");
	err_has("name: \"\xff\xfe\"\n", "x.yaml:");
	err_has("name: \"a\\0b\"\n", "with a NUL");
	err_has("? [a, b]\n: c\n", "a key must be a");
	/* 5000 levels of [[[...]]]: stopped at the depth limit. */
	deep = malloc(10010);
	p = deep;
	p += sprintf(p, "x: ");
	for (i = 0; i < 5000; i++)
		*p++ = '[';
	for (i = 0; i < 5000; i++)
		*p++ = ']';
	*p++ = '\n';
	*p = '\0';
	err_has(deep, "nested deeper than 32");
	free(deep);
	/* Billion laughs: refused at the first alias. */
	laughs = strdup("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
	    "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
	    "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n");
	err_has(laughs, "not allowed");
	free(laughs);
}

static void
test_resolve_headers(void **state)
{
	struct profile	*p;
	char *const	*hdr = HDR("\xef\xbb\xbf" "ORDER ID ", "Date",
	    "\xef\xbc\xb1\xef\xbd\x94\xef\xbd\x99", "Price", "Notes");
	char *const	*dup = HDR("Order ID", "order id", "Qty");
	char *const	*missing = HDR("Date", "Qty");
	int		 col[PF_NFIELDS];
	char		*cause = NULL;

	(void)state;
	p = load_ok(MINIMAL);
	/* BOM, case, spaces, full-width letters. */
	assert_int_equal(profile_resolve(p, hdr, 5, 0, col, NULL, NULL,
	    &cause), 0);
	assert_int_equal(col[PF_ORDER_ID], 0);
	assert_int_equal(col[PF_CREATED_AT], 1);
	assert_int_equal(col[PF_QTY], 2);
	assert_int_equal(col[PF_UNIT_PRICE], 3);
	assert_int_equal(col[PF_NOTES], -1);
	assert_int_equal(profile_resolve(p, dup, 3, 0, col, NULL, NULL,
	    &cause), ORDO_EINVAL);
	assert_string_equal(cause, "the header has \"order id\" twice (columns"
	    " 1 and 2)");
	assert_int_equal(profile_resolve(p, missing, 2, 0, col, NULL, NULL,
	    &cause), ORDO_EINVAL);
	assert_string_equal(cause, "missing column \"Order ID\" for profile t");
	free(cause);
	profile_free(p);
}

static void
test_resolve_wildcard(void **state)
{
	struct profile	*p;
	char *const	*hdr = HDR("order_id", "x", "line_item_1", "line_item_2",
	    "line_item_10");
	int		 col[PF_NFIELDS];
	size_t		*items = NULL, nitems = 0;
	char		*cause = NULL;

	(void)state;
	p = load_ok("name: w\nmodel: order_per_row_items_in_cell\nrequired:"
	    " [order_id, line_items]\ncolumns: {order_id: order_id, line_items:"
	    " \"line_item_*\"}\nitems: {keys: {sku: sku}}\n");
	assert_int_equal(profile_resolve(p, hdr, 5, 0, col, &items, &nitems,
	    &cause), 0);
	assert_int_equal(nitems, 3);
	assert_int_equal(items[0], 2);
	assert_int_equal(items[2], 4);
	free(items);
	profile_free(p);
}

/* Split a sample's header line by its delimiter. */
static size_t
split_header(const char *rel, int delim, char ***out)
{
	static char	 line[16384];
	char		*s, *tok, **v = NULL;
	size_t		 n = 0;
	FILE		*f;

	if ((f = fopen(t_path(rel), "r")) == NULL)
		return (0);
	assert_non_null(fgets(line, sizeof line, f));
	fclose(f);
	line[strcspn(line, "\r\n")] = '\0';
	for (s = line; (tok = strsep(&s, (char []){ (char)delim, 0 })) !=
	    NULL;) {
		v = realloc(v, (n + 1) * sizeof *v);
		v[n++] = tok;
	}
	*out = v;
	return (n);
}

static void
detect_is(struct profile **v, size_t n, const char *rel, int delim,
    const char *want)
{
	char	**hdr = NULL;
	size_t	 nh, out[16], k;

	nh = split_header(rel, delim, &hdr);
	assert_true(nh > 0);
	k = profile_detect(v, n, hdr, nh, out);
	if (want == NULL) {
		if (k != 0)
			fail_msg("%s fits %s", rel, v[out[0]]->name);
	} else {
		if (k != 1)
			fail_msg("%s fits %zu profiles", rel, k);
		assert_string_equal(v[out[0]]->name, want);
	}
	free(hdr);
}

static void
test_detect_real_headers(void **state)
{
	struct profile	**v;
	size_t		 n;
	char		*cause = NULL;

	(void)state;
	if (access(t_path("../shared/samples"), R_OK) != 0)
		skip();
	assert_int_equal(profile_load_dir(t_path("config/channels"), &v, &n,
	    &cause), 0);
	detect_is(v, n, "../shared/samples/shopify/"
	    "orders_export_forezia_devstore.csv", ',', "shopify");
	detect_is(v, n, "../shared/samples/shopify/"
	    "orders_export_header_only_2021_75cols.csv", ',', "shopify");
	detect_is(v, n, "../shared/samples/amazon/"
	    "airbyte_GET_FLAT_FILE_ARCHIVED_ORDERS_DATA_BY_ORDER_DATE.tsv", '\t',
	    "amazon");
	/* The Unshipped report has no prices: no profile takes it. */
	detect_is(v, n, "../shared/samples/amazon/"
	    "airbyte_GET_FLAT_FILE_ACTIONABLE_ORDER_DATA_SHIPPING.tsv", '\t',
	    NULL);
	detect_is(v, n, "../shared/samples/etsy/"
	    "EtsySoldOrders_header_only_tab_separated.tsv", '\t', "etsy");
	profile_free_all(v, n);
}

static void
test_detect_ambiguous(void **state)
{
	struct profile	*v[3];
	char *const	*hdr = HDR("Order ID", "Date", "Qty", "Price");
	size_t		 out[3];

	(void)state;
	v[0] = load_ok(MINIMAL);
	v[1] = load_ok("name: u\nrequired: [order_id, qty]\ncolumns:"
	    " {order_id: Order ID, qty: Qty}\n");
	v[2] = load_ok("name: off\ndetect: false\nrequired: [order_id]\n"
	    "columns: {order_id: Order ID}\n");
	assert_int_equal(profile_detect(v, 3, hdr, 4, out), 2);
	assert_int_equal(out[0], 0);
	assert_int_equal(out[1], 1);
	assert_int_equal(profile_detect(v, 3, hdr + 1, 3, out), 0);
	profile_free(v[0]);
	profile_free(v[1]);
	profile_free(v[2]);
}

static void
test_names(void **state)
{
	(void)state;
	assert_string_equal(profile_field_name(PF_LINE_TOTAL), "line_total");
	assert_int_equal(profile_field_lookup("ship_zip"), PF_SHIP_ZIP);
	assert_int_equal(profile_field_lookup("zip"), -1);
	assert_string_equal(profile_status_name(PROFILE_REFUNDED), "refunded");
	assert_int_equal(profile_status_lookup("shipped"), PROFILE_SHIPPED);
	assert_int_equal(profile_status_lookup("lost"), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shipped_profiles_load),
		cmocka_unit_test(test_minimal_and_defaults),
		cmocka_unit_test(test_unknown_keys_and_values),
		cmocka_unit_test(test_consistency),
		cmocka_unit_test(test_yaml_safety),
		cmocka_unit_test(test_resolve_headers),
		cmocka_unit_test(test_resolve_wildcard),
		cmocka_unit_test(test_detect_real_headers),
		cmocka_unit_test(test_detect_ambiguous),
		cmocka_unit_test(test_names),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
