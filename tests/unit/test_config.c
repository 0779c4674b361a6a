/*
 * test_config.c: config/ordo.yaml loading, validation and lookup.
 *
 * Inline documents go through config_load_buf() under the name "t.yaml";
 * error tests assert the exact "t.yaml:LINE:COLUMN: " prefix and the
 * start of the message.
 */
#include <sys/stat.h>

#include <errno.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "ordo/config.h"
#include "ordo/error.h"

#ifndef nitems
#define nitems(a)	(sizeof (a) / sizeof (a)[0])
#endif

/* The pieces of a valid document, to be combined or left out. */
#define COMPANY		"company: Test Co\n"
#define CURRENCY	"currency: {code: EUR}\n"
#define DATABASE	"database: {path: db}\n"
#define LOCATIONS	"locations:\n  - {code: MAIN, name: Main}\n"
#define ACCOUNTS_BUT_EQUITY						\
	"accounts:\n"							\
	"  - {code: '1000', name: Cash, type: asset, role: cash}\n"	\
	"  - {code: '1010', name: Bank, type: asset, role: bank}\n"	\
	"  - {code: '1020', name: Card, type: asset, role: card}\n"	\
	"  - {code: '1100', name: AR, type: asset, role: receivable}\n"	\
	"  - {code: '1200', name: Stock, type: asset, role: inventory}\n" \
	"  - {code: '2000', name: AP, type: liability, role: payable}\n" \
	"  - {code: '2100', name: Pre, type: liability, "		\
	    "role: prepayments}\n"					\
	"  - {code: '2200', name: VAT, type: liability, "		\
	    "role: tax_payable}\n"					\
	"  - {code: '4000', name: Sales, type: income, role: revenue}\n" \
	"  - {code: '4100', name: Ship, type: income, "			\
	    "role: shipping_income}\n"					\
	"  - {code: '4900', name: Returns, type: income, "		\
	    "role: sales_returns}\n"					\
	"  - {code: '5000', name: COGS, type: expense, "		\
	    "role: cost_of_goods}\n"					\
	"  - {code: '5100', name: Fees, type: expense, "		\
	    "role: channel_fees}\n"					\
	"  - {code: '5200', name: Loss, type: expense, "		\
	    "role: inventory_writeoff}\n"
#define ACCOUNTS	ACCOUNTS_BUT_EQUITY				\
	"  - {code: '3000', name: Capital, type: equity, role: equity}\n"
#define MINIMAL		COMPANY CURRENCY DATABASE LOCATIONS ACCOUNTS

struct error_case {
	const char	*yaml;
	const char	*want;	/* prefix of the cause */
};

static struct config *load_ok(const char *);
static void	 load_error(const char *, size_t, const char *);
static void	 run_cases(const struct error_case *, size_t);
static char	*nested(size_t);
static char	*nested_maps(size_t);
static char	*shipped_path(void);
static void	 write_file(const char *, const char *);
static void	 restore_env(const char *, const char *);

/* Load an inline document that must be valid. */
static struct config *
load_ok(const char *yaml)
{
	struct config	*cfg = NULL;
	char		*cause = NULL;
	int		 rc;

	rc = config_load_buf("t.yaml", yaml, strlen(yaml), &cfg, &cause);
	if (rc != 0)
		fail_msg("unexpected error %d: %s\n--- document:\n%s", rc,
		    cause != NULL ? cause : "(no cause)", yaml);
	assert_non_null(cfg);
	assert_null(cause);
	return (cfg);
}

/* Load a document that must fail with ORDO_ECONFIG and a cause "want...". */
static void
load_error(const char *buf, size_t len, const char *want)
{
	struct config	*cfg = NULL;
	char		*cause = NULL;
	int		 rc;

	rc = config_load_buf("t.yaml", buf, len, &cfg, &cause);
	if (rc != ORDO_ECONFIG || cause == NULL ||
	    strncmp(cause, want, strlen(want)) != 0)
		fail_msg("wanted ORDO_ECONFIG and \"%s...\"\n"
		    "got %d and \"%s\"\n--- document:\n%.400s", want, rc,
		    cause != NULL ? cause : "(no cause)", buf);
	assert_null(cfg);
	free(cause);
}

static void
run_cases(const struct error_case *c, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		load_error(c[i].yaml, strlen(c[i].yaml), c[i].want);
}

/* depth flow lists: "[[[...]]]". */
static char *
nested(size_t depth)
{
	char	*s;
	size_t	 i, o = 0;

	s = malloc(depth * 2 + 1);
	assert_non_null(s);
	for (i = 0; i < depth; i++)
		s[o++] = '[';
	for (i = 0; i < depth; i++)
		s[o++] = ']';
	s[o] = '\0';
	return (s);
}

/* depth mappings, the top one in block style: "a: {a: {a: 1}}". */
static char *
nested_maps(size_t depth)
{
	char	*s;
	size_t	 i, o = 0;

	s = malloc(depth * 5 + 8);
	assert_non_null(s);
	for (i = 1; i < depth; i++) {
		memcpy(s + o, "a: {", 4);
		o += 4;
	}
	memcpy(s + o, "a: 1", 4);
	o += 4;
	for (i = 1; i < depth; i++)
		s[o++] = '}';
	s[o++] = '\n';
	s[o] = '\0';
	return (s);
}

/* config/ordo.yaml of this tree: $ORDO_TOP (set by tests/run.sh) or ".". */
static char *
shipped_path(void)
{
	const char	*top;
	char		*path;

	if ((top = getenv("ORDO_TOP")) == NULL || *top == '\0')
		top = ".";
	assert_true(asprintf(&path, "%s/config/ordo.yaml", top) != -1);
	return (path);
}

static void
write_file(const char *path, const char *text)
{
	FILE	*f;

	assert_non_null(f = fopen(path, "w"));
	assert_int_equal(fputs(text, f) >= 0, 1);
	assert_int_equal(fclose(f), 0);
}

static void
restore_env(const char *name, const char *value)
{
	if (value != NULL)
		setenv(name, value, 1);
	else
		unsetenv(name);
}

/* The shipped demo configuration loads and says what it should. */
static void
test_shipped(void **state)
{
	struct config			*cfg = NULL;
	const struct config_account	*a;
	const struct config_location	*l;
	char				*path, *cause = NULL, *top, *want;
	int				 r;

	(void)state;
	path = shipped_path();
	if (config_load(path, &cfg, &cause) != 0)
		fail_msg("%s", cause);
	assert_string_equal(cfg->path, path);
	assert_string_equal(cfg->company, "Harbour Street Trading 海港街贸易");
	assert_string_equal(cfg->currency, "CNY");
	assert_int_equal(cfg->minor_digits, 2);
	assert_int_equal(cfg->tax_rate, 1300);
	assert_int_equal(cfg->map_size, (size_t)1 << 30);

	/* <project>/data/company, as an absolute path. */
	top = realpath(path, NULL);
	assert_non_null(top);
	*strrchr(top, '/') = '\0';		/* .../config */
	*strrchr(top, '/') = '\0';		/* ... */
	assert_true(asprintf(&want, "%s/data/company", top) != -1);
	assert_string_equal(cfg->db_dir, want);
	free(want);
	free(top);

	assert_int_equal(cfg->nlocations, 2);
	assert_string_equal(cfg->locations[0].code, "MAIN");
	assert_int_equal(cfg->locations[0].backorder, 1);
	assert_non_null(l = config_location_find(cfg, "WH"));
	assert_string_equal(l->name, "Warehouse 仓库");
	assert_int_equal(l->backorder, 0);
	assert_null(config_location_find(cfg, "main"));

	assert_int_equal(cfg->naccounts, 26);
	for (r = 0; r < ACCT_NROLES; r++)
		assert_non_null(config_account(cfg, r));
	assert_string_equal(config_account(cfg, ACCT_CASH), "1001");
	assert_string_equal(config_account(cfg, ACCT_TAX), "2221");
	assert_string_equal(config_account(cfg, ACCT_RETURNS), "5001.90");
	assert_string_equal(config_account(cfg, ACCT_EQUITY), "3001");
	assert_non_null(a = config_account_find(cfg, "2203"));
	assert_int_equal(a->type, ACCT_LIABILITY);
	assert_int_equal(a->role, ACCT_PREPAYMENTS);
	assert_non_null(a = config_account_find(cfg, "5602"));
	assert_int_equal(a->type, ACCT_EXPENSE);
	assert_int_equal(a->role, -1);
	assert_null(config_account_find(cfg, "9999"));

	assert_int_equal(cfg->default_role, ROLE_NONE);
	assert_int_equal(config_role(cfg, "root"), ROLE_ADMIN);
	assert_int_equal(config_role(cfg, "pick1"), ROLE_PICKER);
	assert_int_equal(config_role(cfg, "clerk1"), ROLE_CLERK);
	assert_int_equal(config_role(cfg, "somebody"), ROLE_NONE);
	config_free(cfg);
	free(path);
}

/* The smallest valid document and the defaults it gets. */
static void
test_minimal_defaults(void **state)
{
	struct config	*cfg;

	(void)state;
	cfg = load_ok(MINIMAL);
	assert_string_equal(cfg->path, "t.yaml");
	assert_string_equal(cfg->company, "Test Co");
	assert_string_equal(cfg->currency, "EUR");
	assert_int_equal(cfg->minor_digits, 2);
	assert_int_equal(cfg->tax_rate, 0);
	assert_int_equal(cfg->map_size, 0);
	assert_string_equal(cfg->db_dir, "db");
	assert_int_equal(cfg->locations[0].backorder, 0);
	assert_int_equal(cfg->naccounts, ACCT_NROLES);
	assert_int_equal(cfg->nusers, 0);
	assert_int_equal(cfg->default_role, ROLE_NONE);
	assert_int_equal(config_role(cfg, "anyone"), ROLE_NONE);
	assert_int_equal(config_role(cfg, NULL), ROLE_NONE);
	config_free(cfg);
	config_free(NULL);
}

/* Block and flow style, quoted values and a BOM are all the same. */
static void
test_styles(void **state)
{
	struct config	*cfg;

	(void)state;
	cfg = load_ok("\xef\xbb\xbf---\n"
	    "# comment\n"
	    "company: 'Quoted '' Co'\n"
	    "currency:\n  code: \"JPY\"\n  minor_digits: \"0\"\n"
	    "tax:\n  rate: '8.25'\n"
	    DATABASE LOCATIONS ACCOUNTS
	    "...\n");
	assert_string_equal(cfg->company, "Quoted ' Co");
	assert_string_equal(cfg->currency, "JPY");
	assert_int_equal(cfg->minor_digits, 0);
	assert_int_equal(cfg->tax_rate, 825);
	config_free(cfg);
}

/* Unknown keys, at the top and inside, in block and flow style. */
static void
test_unknown_key(void **state)
{
	static const struct error_case c[] = {
		{ "company: X\nbogus: 1\n",
		  "t.yaml:2:1: unknown key \"bogus\"" },
		{ "currency: {code: CNY, symbol: x}\n",
		  "t.yaml:1:23: currency: unknown key \"symbol\"" },
		{ "database:\n  path: db\n  Path: db\n",
		  "t.yaml:3:3: database: unknown key \"Path\"" },
		{ "locations:\n  - {code: A, name: B, colour: red}\n",
		  "t.yaml:2:24: locations: unknown key \"colour\"" },
		{ "company: X\n\"bad\\x1b[2Jkey\": 1\n",
		  "t.yaml:2:1: unknown key \"bad?[2Jkey\"" },
		{ "? [a, b]\n: c\n",
		  "t.yaml:1:3: a key must be a single word, not a list" },
	};

	(void)state;
	run_cases(c, nitems(c));
}

/* A value of the wrong kind. */
static void
test_wrong_type(void **state)
{
	static const struct error_case c[] = {
		{ "currency: {code: CNY, minor_digits: two}\n",
		  "t.yaml:1:37: currency.minor_digits: expected a whole "
		  "number from 0 to 4, not \"two\"" },
		{ "company: {name: X}\n",
		  "t.yaml:1:10: company: expected a single value, found a "
		  "mapping" },
		{ "company: [X]\n",
		  "t.yaml:1:10: company: expected a single value, found a "
		  "list" },
		{ "currency: CNY\n",
		  "t.yaml:1:11: currency: expected a mapping of keys, found a "
		  "single value" },
		{ "locations: {code: MAIN}\n",
		  "t.yaml:1:12: locations: expected a list, found a mapping" },
		{ "locations: [MAIN]\n",
		  "t.yaml:1:13: locations: expected a mapping of keys, found a "
		  "single value" },
		{ "locations:\n  - {code: A, name: B, backorder: yes}\n",
		  "t.yaml:2:35: locations.backorder: expected true or false, "
		  "not \"yes\"" },
		{ "users: {roles: [alice]}\n",
		  "t.yaml:1:16: users.roles: expected a mapping of logins to "
		  "roles, found a list" },
		{ "hello\n",
		  "t.yaml:1:1: expected a mapping of keys, found a single "
		  "value" },
		{ "- a\n",
		  "t.yaml:1:1: expected a mapping of keys, found a list" },
	};

	(void)state;
	run_cases(c, nitems(c));
}

static void
test_duplicate_key(void **state)
{
	static const struct error_case c[] = {
		{ "company: A\ncompany: B\n",
		  "t.yaml:2:1: duplicate key \"company\"" },
		{ "currency: {code: CNY, code: EUR}\n",
		  "t.yaml:1:23: currency: duplicate key \"code\"" },
		{ "users:\n  roles:\n    alice: clerk\n    bob: clerk\n"
		  "    alice: admin\n",
		  "t.yaml:5:5: users.roles: duplicate key \"alice\"" },
	};

	(void)state;
	run_cases(c, nitems(c));
}

/* Anchors, aliases and tags are refused wherever they are. */
static void
test_anchor_alias_tag(void **state)
{
	static const struct error_case c[] = {
		{ "company: &c X\n",
		  "t.yaml:1:10: anchors are not allowed (&c)" },
		{ "company: *c\n",
		  "t.yaml:1:10: aliases are not allowed (*c)" },
		{ "company: !!str X\n",
		  "t.yaml:1:10: tags are not allowed "
		  "(tag:yaml.org,2002:str)" },
		{ "company: X\nlocations: !mine [1]\n",
		  "t.yaml:2:12: tags are not allowed (!mine)" },
		{ "company: ! X\n",
		  "t.yaml:1:10: tags are not allowed (!)" },
		/* Checked before the schema: even under an unknown key. */
		{ "company: X\nbogus: {a: &x 1}\n",
		  "t.yaml:2:12: anchors are not allowed (&x)" },
	};

	(void)state;
	run_cases(c, nitems(c));
}

/* The classic "billion laughs": refused at the first anchor. */
static void
test_billion_laughs(void **state)
{
	static const char lol[] =
	    "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
	    "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
	    "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
	    "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
	    "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
	    "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
	    "g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n"
	    "h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\n"
	    "i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]\n";

	(void)state;
	load_error(lol, strlen(lol),
	    "t.yaml:1:4: anchors are not allowed (&a)");
	/* Aliases alone, with the anchor on a key that is allowed. */
	load_error("company: [*a, *a]\n", 18,
	    "t.yaml:1:11: aliases are not allowed (*a)");
}

/* 16 levels pass the structure check; 17 do not. */
static void
test_depth_limit(void **state)
{
	char	*s;

	(void)state;
	s = nested(16);
	load_error(s, strlen(s),
	    "t.yaml:1:1: expected a mapping of keys, found a list");
	free(s);
	s = nested(17);
	load_error(s, strlen(s), "t.yaml:1:17: nested deeper than 16 levels");
	free(s);
	/* Mappings count too: the 17th "{" is at column 4 * 16. */
	s = nested_maps(16);
	load_error(s, strlen(s), "t.yaml:1:1: unknown key \"a\"");
	free(s);
	s = nested_maps(17);
	load_error(s, strlen(s), "t.yaml:1:64: nested deeper than 16 levels");
	free(s);
}

/* 5000-deep "[[[...": rejected quickly, without recursion. */
static void
test_deep_nesting(void **state)
{
	char	*s;
	clock_t	 t;

	(void)state;
	s = nested(5000);
	t = clock();
	load_error(s, strlen(s), "t.yaml:1:17: nested deeper than 16 levels");
	assert_true(clock() - t < CLOCKS_PER_SEC / 10);
	free(s);
	/* Unclosed, as a fuzzer would write it. */
	s = nested(5000);
	s[5000] = '\0';
	load_error(s, strlen(s), "t.yaml:1:17: nested deeper than 16 levels");
	free(s);
}

/* Up to 1 MiB loads; one byte more does not. */
static void
test_size_limit(void **state)
{
	struct config	*cfg = NULL;
	char		*buf, *cause = NULL;
	size_t		 len = 1024 * 1024, head;
	int		 rc;

	(void)state;
	buf = malloc(len + 1);
	assert_non_null(buf);
	head = strlen(MINIMAL);
	memcpy(buf, MINIMAL, head);
	buf[head] = '#';
	memset(buf + head + 1, 'x', len - head - 2);
	buf[len - 1] = '\n';
	rc = config_load_buf("t.yaml", buf, len, &cfg, &cause);
	if (rc != 0)
		fail_msg("%s", cause);
	config_free(cfg);
	buf[len - 1] = 'x';
	buf[len] = '\n';
	load_error(buf, len + 1, "t.yaml:1:1: larger than 1048576 bytes");
	free(buf);
}

/* Bad bytes are found exactly; columns count characters. */
static void
test_utf8(void **state)
{
	static const struct error_case c[] = {
		{ "company: caf\xc3\n",
		  "t.yaml:1:13: invalid UTF-8" },
		{ "company: 海港 \xff\n",
		  "t.yaml:1:13: invalid UTF-8" },
		{ "company: x\ncurrency: {code: \xc0\xaf}\n",
		  "t.yaml:2:18: invalid UTF-8" },
		{ "company: \xed\xa0\x80\n",
		  "t.yaml:1:10: invalid UTF-8" },
		{ "company: \xf4\x90\x80\x80\n",
		  "t.yaml:1:10: invalid UTF-8" },
		{ "company: a\r\nbad: \xfe\n",
		  "t.yaml:2:6: invalid UTF-8" },
		{ "company: a\x01" "b\n",
		  "t.yaml:1:11: control character U+0001 is not allowed" },
		{ "company: a\xc2\x9b" "b\n",
		  "t.yaml:1:11: control character U+009B is not allowed" },
		{ "company: \"a\\x1bb\"\n",
		  "t.yaml:1:10: company: control characters and line breaks "
		  "are not allowed" },
		{ "company: \"a\\0b\"\n",
		  "t.yaml:1:10: company: control characters and line breaks "
		  "are not allowed" },
		{ "company: |\n  two\n  lines\n",
		  "t.yaml:1:10: company: control characters and line breaks "
		  "are not allowed" },
	};

	(void)state;
	run_cases(c, nitems(c));
	/* A NUL byte in the middle of the buffer. */
	load_error("company: a\0b\n", 13,
	    "t.yaml:1:11: control character U+0000 is not allowed");
}

/* libyaml's own errors keep its position. */
static void
test_syntax_error(void **state)
{
	static const struct error_case c[] = {
		{ "company: [a\n", "t.yaml:2:1: did not find expected" },
		{ "company: a\n  b: c\n", "t.yaml:2:4: mapping values are not "
		  "allowed" },
		{ "company: \"open\n", "t.yaml:2:1: found unexpected end of "
		  "stream" },
		{ "company: a\n---\ncompany: b\n",
		  "t.yaml:2:1: only one document is allowed" },
		{ "", "t.yaml:1:1: the file is empty" },
		{ "# nothing but a comment\n",
		  "t.yaml:2:1: the file is empty" },
	};

	(void)state;
	run_cases(c, nitems(c));
}

/* Missing required keys are named. */
static void
test_missing_key(void **state)
{
	static const struct error_case c[] = {
		{ COMPANY CURRENCY LOCATIONS ACCOUNTS,
		  "t.yaml:1:1: missing required key \"database\"" },
		{ CURRENCY DATABASE LOCATIONS ACCOUNTS,
		  "t.yaml:1:1: missing required key \"company\"" },
		{ COMPANY CURRENCY DATABASE LOCATIONS,
		  "t.yaml:1:1: missing required key \"accounts\"" },
		{ "currency: {minor_digits: 2}\n",
		  "t.yaml:1:11: currency: missing required key \"code\"" },
		{ "database:\n  map_size: 1GiB\n",
		  "t.yaml:2:3: database: missing required key \"path\"" },
		{ "tax: {}\n",
		  "t.yaml:1:6: tax: missing required key \"rate\"" },
		{ "locations:\n  - {code: A}\n",
		  "t.yaml:2:5: locations: missing required key \"name\"" },
		{ "accounts:\n  - {code: '1', name: X}\n",
		  "t.yaml:2:5: accounts: missing required key \"type\"" },
		{ "company: ''\n", "t.yaml:1:10: company: must not be empty" },
		{ "company:\n", "t.yaml:1:9: company: must not be empty" },
		{ "company: ~\n", "t.yaml:1:10: company: must not be empty" },
	};

	(void)state;
	run_cases(c, nitems(c));
}

static void
test_currency(void **state)
{
	static const struct error_case c[] = {
		{ "currency: {code: cny}\n",
		  "t.yaml:1:18: currency.code: expected a 3-letter upper-case "
		  "code like CNY, not \"cny\"" },
		{ "currency: {code: CNYX}\n",
		  "t.yaml:1:18: currency.code: expected a 3-letter" },
		{ "currency: {code: C1Y}\n",
		  "t.yaml:1:18: currency.code: expected a 3-letter" },
		{ "currency: {code: ''}\n",
		  "t.yaml:1:18: currency.code: expected a 3-letter" },
		{ "currency: {code: CNY, minor_digits: 5}\n",
		  "t.yaml:1:37: currency.minor_digits: expected a whole "
		  "number from 0 to 4, not \"5\"" },
		{ "currency: {code: CNY, minor_digits: -1}\n",
		  "t.yaml:1:37: currency.minor_digits: expected a whole" },
		{ "currency: {code: CNY, minor_digits: 2.0}\n",
		  "t.yaml:1:37: currency.minor_digits: expected a whole" },
		{ "currency: {code: CNY, minor_digits: 99999999999999999999}\n",
		  "t.yaml:1:37: currency.minor_digits: expected a whole" },
	};
	struct config	*cfg;

	(void)state;
	run_cases(c, nitems(c));
	cfg = load_ok("currency: {code: KWD, minor_digits: 3}\n"
	    COMPANY DATABASE LOCATIONS ACCOUNTS);
	assert_string_equal(cfg->currency, "KWD");
	assert_int_equal(cfg->minor_digits, 3);
	config_free(cfg);
}

/* Percentages with up to two decimals become basis points. */
static void
test_tax_rate(void **state)
{
	static const struct {
		const char	*text;
		int		 bp;
	} ok[] = {
		{ "13", 1300 }, { "8.25", 825 }, { "'8.25'", 825 },
		{ "\"13%\"", 1300 }, { "0.5", 50 }, { "0", 0 },
		{ "100", 10000 }, { "7.0", 700 }, { "19.99", 1999 },
		{ "013", 1300 },
	};
	static const struct error_case c[] = {
		{ "tax: {rate: 8.255}\n",
		  "t.yaml:1:13: tax.rate: at most 2 decimals, not \"8.255\"" },
		{ "tax: {rate: 8.250}\n",
		  "t.yaml:1:13: tax.rate: at most 2 decimals" },
		{ "tax: {rate: 100.01}\n",
		  "t.yaml:1:13: tax.rate: must be from 0 to 100, not "
		  "\"100.01\"" },
		{ "tax: {rate: -1}\n",
		  "t.yaml:1:13: tax.rate: expected a percentage like 13 or "
		  "8.25, not \"-1\"" },
		{ "tax: {rate: 1e1}\n", "t.yaml:1:13: tax.rate: expected a" },
		{ "tax: {rate: .5}\n", "t.yaml:1:13: tax.rate: expected a" },
		{ "tax: {rate: 13.}\n", "t.yaml:1:13: tax.rate: expected a" },
		{ "tax: {rate: 1000}\n", "t.yaml:1:13: tax.rate: expected a" },
		{ "tax: {rate: 'VAT'}\n", "t.yaml:1:13: tax.rate: expected a" },
		{ "tax: {rate: 13%%}\n", "t.yaml:1:13: tax.rate: expected a" },
		{ "tax: 13\n",
		  "t.yaml:1:6: tax: expected a mapping of keys" },
	};
	struct config	*cfg;
	char		*doc;
	size_t		 i;

	(void)state;
	for (i = 0; i < nitems(ok); i++) {
		assert_true(asprintf(&doc, "tax: {rate: %s}\n" MINIMAL,
		    ok[i].text) != -1);
		cfg = load_ok(doc);
		assert_int_equal(cfg->tax_rate, ok[i].bp);
		config_free(cfg);
		free(doc);
	}
	run_cases(c, nitems(c));
}

static void
test_map_size(void **state)
{
	static const struct {
		const char	*text;
		uint64_t	 bytes;
	} ok[] = {
		{ "1048576", 1048576 },
		{ "64KiB", 64ULL << 10 },
		{ "64MiB", 64ULL << 20 },
		{ "2GiB", 2ULL << 30 },
		{ "'1 TiB'", 1ULL << 40 },
		{ "0", 0 },
	};
	static const struct error_case c[] = {
		{ "database: {path: db, map_size: 64MB}\n",
		  "t.yaml:1:32: database.map_size: expected bytes or a size "
		  "like 64MiB or 2GiB, not \"64MB\"" },
		{ "database: {path: db, map_size: 1.5GiB}\n",
		  "t.yaml:1:32: database.map_size: expected bytes" },
		{ "database: {path: db, map_size: GiB}\n",
		  "t.yaml:1:32: database.map_size: expected bytes" },
		{ "database: {path: db, map_size: -1}\n",
		  "t.yaml:1:32: database.map_size: expected bytes" },
		{ "database: {path: db, map_size: 64mib}\n",
		  "t.yaml:1:32: database.map_size: expected bytes" },
		{ "database: {path: db, map_size: 99999999999TiB}\n",
		  "t.yaml:1:32: database.map_size: too large" },
		{ "database: {path: db, map_size: 99999999999999999999}\n",
		  "t.yaml:1:32: database.map_size: too large" },
	};
	struct config	*cfg;
	char		*doc;
	size_t		 i;

	(void)state;
	for (i = 0; i < nitems(ok); i++) {
		assert_true(asprintf(&doc,
		    "database: {path: db, map_size: %s}\n"
		    COMPANY CURRENCY LOCATIONS ACCOUNTS, ok[i].text) != -1);
		cfg = load_ok(doc);
		assert_true((uint64_t)cfg->map_size == ok[i].bytes);
		config_free(cfg);
		free(doc);
	}
	run_cases(c, nitems(c));
}

static void
test_locations(void **state)
{
	static const struct error_case c[] = {
		{ "locations:\n  - {code: main, name: M}\n",
		  "t.yaml:2:12: locations.code: \"main\" is not a code" },
		{ "locations:\n  - {code: A B, name: M}\n",
		  "t.yaml:2:12: locations.code: \"A B\" is not a code" },
		{ "locations:\n  - {code: -A, name: M}\n",
		  "t.yaml:2:12: locations.code: \"-A\" is not a code" },
		{ "locations:\n  - {code: ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456, "
		  "name: M}\n",
		  "t.yaml:2:12: locations.code: "
		  "\"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456\" is not a code" },
		{ "locations:\n  - {code: A, name: M}\n  - {code: B, name: N}\n"
		  "  - {code: A, name: O}\n",
		  "t.yaml:4:12: locations: duplicate code \"A\"" },
		{ "locations: []\n",
		  "t.yaml:1:12: locations: at least one location is needed" },
		{ "locations:\n  - {code: A, name: \"" "123456789012345678901"
		  "2345678901234567890123456789012345678901234567890123456789"
		  "01234567890123456789012345678901234567890123456789\"}\n",
		  "t.yaml:2:21: locations.name: longer than 128 bytes" },
	};
	struct config			*cfg;
	const struct config_location	*l;

	(void)state;
	run_cases(c, nitems(c));
	cfg = load_ok("locations:\n"
	    "  - {code: SHOP-1, name: Shop, backorder: true}\n"
	    "  - {code: WH_2, name: Store, backorder: False}\n"
	    "  - {code: ABCDEFGHIJKLMNOPQRSTUVWXYZ012345, name: Long}\n"
	    COMPANY CURRENCY DATABASE ACCOUNTS);
	assert_int_equal(cfg->nlocations, 3);
	assert_non_null(l = config_location_find(cfg, "SHOP-1"));
	assert_int_equal(l->backorder, 1);
	assert_non_null(l = config_location_find(cfg, "WH_2"));
	assert_int_equal(l->backorder, 0);
	assert_non_null(config_location_find(cfg,
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"));
	config_free(cfg);
}

/* The chart must cover every posting role, once each. */
static void
test_accounts(void **state)
{
	static const struct error_case c[] = {
		{ COMPANY CURRENCY DATABASE LOCATIONS ACCOUNTS_BUT_EQUITY,
		  "t.yaml:7:3: accounts: no account has role equity" },
		{ "accounts: []\n",
		  "t.yaml:1:11: accounts: no account has role cash, bank, "
		  "card, receivable, prepayments, inventory, payable, revenue, "
		  "shipping_income, sales_returns, tax_payable, cost_of_goods, "
		  "channel_fees, inventory_writeoff, equity" },
		{ "accounts:\n  - {code: '1', name: X, type: assets}\n",
		  "t.yaml:2:32: accounts.type: unknown type \"assets\"" },
		{ "accounts:\n  - {code: '1', name: X, type: asset, role: "
		  "till}\n",
		  "t.yaml:2:45: accounts.role: unknown role \"till\"" },
		{ "accounts:\n"
		  "  - {code: '1', name: X, type: asset, role: cash}\n"
		  "  - {code: '2', name: Y, type: asset, role: cash}\n",
		  "t.yaml:3:45: accounts.role: role \"cash\" is already given "
		  "to account 1" },
		{ "accounts:\n  - {code: '1', name: X, type: asset}\n"
		  "  - {code: 1, name: Y, type: asset}\n",
		  "t.yaml:3:12: accounts: duplicate code \"1\"" },
		{ "accounts:\n  - {code: 1 000, name: X, type: asset}\n",
		  "t.yaml:2:12: accounts.code: \"1 000\" is not a code" },
		{ "accounts:\n  - {code: [1], name: X, type: asset}\n",
		  "t.yaml:2:12: accounts.code: expected a single value, "
		  "found a list" },
	};
	struct config			*cfg;
	const struct config_account	*a;

	(void)state;
	run_cases(c, nitems(c));
	cfg = load_ok(MINIMAL
	    "  - {code: 1100.01, name: Sub, type: asset}\n");
	assert_int_equal(cfg->naccounts, ACCT_NROLES + 1);
	assert_non_null(a = config_account_find(cfg, "1100.01"));
	assert_int_equal(a->role, -1);
	assert_int_equal(a->type, ACCT_ASSET);
	assert_non_null(a = config_account_find(cfg, "3000"));
	assert_int_equal(a->type, ACCT_EQUITYTYPE);
	assert_int_equal(a->role, ACCT_EQUITY);
	assert_string_equal(config_account(cfg, ACCT_FEES), "5100");
	config_free(cfg);
}

/* Listed logins get their role; everyone else the default. */
static void
test_users(void **state)
{
	static const struct error_case c[] = {
		{ "users: {default_role: admin}\n",
		  "t.yaml:1:23: users.default_role: none or viewer; list a "
		  "login under roles to give it more" },
		{ "users: {default_role: boss}\n",
		  "t.yaml:1:23: users.default_role: unknown role \"boss\" "
		  "(none, viewer, picker, clerk, manager or admin)" },
		{ "users: {roles: {alice: Admin}}\n",
		  "t.yaml:1:24: users.roles: unknown role \"Admin\"" },
		{ "users: {roles: {'bad login': admin}}\n",
		  "t.yaml:1:17: users.roles: \"bad login\" is not a login" },
		{ "users: {roles: {alice: [admin]}}\n",
		  "t.yaml:1:24: users.roles: expected a single value, found a "
		  "list" },
		{ "users: {roles: {[a]: admin}}\n",
		  "t.yaml:1:17: users.roles: a login must be a single word" },
	};
	struct config	*cfg;

	(void)state;
	run_cases(c, nitems(c));
	cfg = load_ok(MINIMAL
	    "users:\n"
	    "  default_role: viewer\n"
	    "  roles: {zoe: clerk, alice: manager, root: admin, bob: picker,"
	    " m.li: manager}\n");
	assert_int_equal(cfg->nusers, 5);
	assert_int_equal(config_role(cfg, "alice"), ROLE_MANAGER);
	assert_int_equal(config_role(cfg, "root"), ROLE_ADMIN);
	assert_int_equal(config_role(cfg, "zoe"), ROLE_CLERK);
	assert_int_equal(config_role(cfg, "m.li"), ROLE_MANAGER);
	assert_int_equal(config_role(cfg, "bob"), ROLE_PICKER);
	assert_int_equal(config_role(cfg, "mallory"), ROLE_VIEWER);
	assert_int_equal(config_role(cfg, "Alice"), ROLE_VIEWER);
	assert_int_equal(config_role(cfg, ""), ROLE_VIEWER);
	config_free(cfg);
}

/* Relative database paths: from the parent of config/, else beside. */
static void
test_db_dir(void **state)
{
	static const struct {
		const char	*name;
		const char	*db;
		const char	*want;
	} c[] = {
		{ "config/ordo.yaml", "data/company", "data/company" },
		{ "/srv/shop/config/ordo.yaml", "data/company",
		  "/srv/shop/data/company" },
		{ "/srv/shop/ordo.yaml", "data/company",
		  "/srv/shop/data/company" },
		{ "/srv/shop/etc/ordo.yaml", "db", "/srv/shop/etc/db" },
		{ "ordo.yaml", "db", "db" },
		{ "/config/ordo.yaml", "db", "/db" },
		{ "/ordo.yaml", "db", "/db" },
		{ "configs/ordo.yaml", "db", "configs/db" },
		{ "a/config//ordo.yaml", "db", "a/db" },
		{ "config/ordo.yaml", "/var/lib/ordo", "/var/lib/ordo" },
		{ "config/ordo.yaml", "../elsewhere", "../elsewhere" },
	};
	struct config	*cfg;
	char		*doc, *cause = NULL;
	size_t		 i;

	(void)state;
	for (i = 0; i < nitems(c); i++) {
		assert_true(asprintf(&doc, "database: {path: '%s'}\n"
		    COMPANY CURRENCY LOCATIONS ACCOUNTS, c[i].db) != -1);
		cfg = NULL;
		if (config_load_buf(c[i].name, doc, strlen(doc), &cfg,
		    &cause) != 0)
			fail_msg("%s", cause);
		assert_string_equal(cfg->db_dir, c[i].want);
		assert_string_equal(cfg->path, c[i].name);
		config_free(cfg);
		free(doc);
	}
}

/* config_load(): files that are not there, or not files. */
static void
test_load_file(void **state)
{
	static struct config	 dummy;
	struct config		*cfg = &dummy;
	char			*cause = NULL;

	(void)state;
	assert_int_equal(config_load("/nonexistent/ordo.yaml", &cfg, &cause),
	    ENOENT);
	assert_null(cfg);
	assert_string_equal(cause,
	    "/nonexistent/ordo.yaml: No such file or directory");
	free(cause);
	cause = NULL;
	assert_int_equal(config_load("/", &cfg, &cause), EISDIR);
	assert_null(cfg);
	free(cause);
	cause = NULL;
	/* No cause wanted. */
	assert_int_equal(config_load("/nonexistent", &cfg, NULL), ENOENT);
}

/* The search order: explicit, $ORDO_CONFIG, ./config, XDG, /etc. */
static void
test_find(void **state)
{
	char	 tmpl[] = "/tmp/ordo-test-config.XXXXXX";
	char	 cwd[PATH_MAX], p[PATH_MAX + 64];
	char	*dir, *path, *cause = NULL, *o_env, *o_xdg, *o_home;
	int	 etc;

	(void)state;
	o_env = getenv("ORDO_CONFIG");
	o_env = o_env != NULL ? strdup(o_env) : NULL;
	o_xdg = getenv("XDG_CONFIG_HOME");
	o_xdg = o_xdg != NULL ? strdup(o_xdg) : NULL;
	o_home = getenv("HOME");
	o_home = o_home != NULL ? strdup(o_home) : NULL;
	assert_non_null(getcwd(cwd, sizeof cwd));
	assert_non_null(dir = mkdtemp(tmpl));
	assert_int_equal(chdir(dir), 0);
	assert_int_equal(mkdir("config", 0755), 0);
	assert_int_equal(mkdir("xdg", 0755), 0);
	assert_int_equal(mkdir("xdg/ordo", 0755), 0);
	assert_int_equal(mkdir("home", 0755), 0);
	assert_int_equal(mkdir("home/.config", 0755), 0);
	assert_int_equal(mkdir("home/.config/ordo", 0755), 0);
	write_file("config/ordo.yaml", "");
	write_file("env.yaml", "");
	write_file("xdg/ordo/ordo.yaml", "");
	write_file("home/.config/ordo/ordo.yaml", "");
	snprintf(p, sizeof p, "%s/env.yaml", dir);
	setenv("ORDO_CONFIG", p, 1);
	snprintf(p, sizeof p, "%s/xdg", dir);
	setenv("XDG_CONFIG_HOME", p, 1);
	snprintf(p, sizeof p, "%s/home", dir);
	setenv("HOME", p, 1);

	/* An explicit path wins, and must exist. */
	assert_int_equal(config_find("config/ordo.yaml", &path, &cause), 0);
	assert_string_equal(path, "config/ordo.yaml");
	free(path);
	assert_int_equal(config_find("nope.yaml", &path, &cause), ENOENT);
	assert_null(path);
	assert_string_equal(cause, "nope.yaml: No such file or directory");
	assert_int_equal(config_find("xdg", &path, &cause), ENOENT);
	assert_string_equal(cause, "xdg: Is a directory");

	/* Then $ORDO_CONFIG, which must exist when set. */
	assert_int_equal(config_find(NULL, &path, &cause), 0);
	snprintf(p, sizeof p, "%s/env.yaml", dir);
	assert_string_equal(path, p);
	free(path);
	setenv("ORDO_CONFIG", "missing.yaml", 1);
	assert_int_equal(config_find(NULL, &path, &cause), ENOENT);
	assert_string_equal(cause, "missing.yaml (from $ORDO_CONFIG): "
	    "No such file or directory");

	/* Unset or empty: ./config/ordo.yaml. */
	setenv("ORDO_CONFIG", "", 1);
	assert_int_equal(config_find(NULL, &path, &cause), 0);
	assert_string_equal(path, "config/ordo.yaml");
	free(path);
	unsetenv("ORDO_CONFIG");
	assert_int_equal(config_find(NULL, &path, &cause), 0);
	assert_string_equal(path, "config/ordo.yaml");
	free(path);

	/* Then $XDG_CONFIG_HOME/ordo/ordo.yaml. */
	assert_int_equal(unlink("config/ordo.yaml"), 0);
	assert_int_equal(config_find(NULL, &path, &cause), 0);
	snprintf(p, sizeof p, "%s/xdg/ordo/ordo.yaml", dir);
	assert_string_equal(path, p);
	free(path);

	/* $HOME/.config when $XDG_CONFIG_HOME is unset or relative. */
	setenv("XDG_CONFIG_HOME", "xdg", 1);
	assert_int_equal(config_find(NULL, &path, &cause), 0);
	snprintf(p, sizeof p, "%s/home/.config/ordo/ordo.yaml", dir);
	assert_string_equal(path, p);
	free(path);
	unsetenv("XDG_CONFIG_HOME");
	assert_int_equal(config_find(NULL, &path, &cause), 0);
	assert_string_equal(path, p);
	free(path);

	/* Then /etc/ordo/ordo.yaml; else ENOENT listing every place. */
	assert_int_equal(unlink("home/.config/ordo/ordo.yaml"), 0);
	etc = access("/etc/ordo/ordo.yaml", F_OK) == 0;
	if (etc) {
		assert_int_equal(config_find(NULL, &path, &cause), 0);
		assert_string_equal(path, "/etc/ordo/ordo.yaml");
		free(path);
	} else {
		assert_int_equal(config_find(NULL, &path, &cause), ENOENT);
		assert_null(path);
		snprintf(p, sizeof p, "no configuration file; looked for "
		    "$ORDO_CONFIG (not set), config/ordo.yaml, "
		    "%s/home/.config/ordo/ordo.yaml, /etc/ordo/ordo.yaml", dir);
		assert_string_equal(cause, p);
	}
	free(cause);

	unlink("env.yaml");
	unlink("xdg/ordo/ordo.yaml");
	rmdir("xdg/ordo");
	rmdir("xdg");
	rmdir("home/.config/ordo");
	rmdir("home/.config");
	rmdir("home");
	rmdir("config");
	assert_int_equal(chdir(cwd), 0);
	assert_int_equal(rmdir(dir), 0);
	restore_env("ORDO_CONFIG", o_env);
	restore_env("XDG_CONFIG_HOME", o_xdg);
	restore_env("HOME", o_home);
	free(o_env);
	free(o_xdg);
	free(o_home);
}

static void
test_names(void **state)
{
	(void)state;
	assert_string_equal(config_role_name(ROLE_PICKER), "picker");
	assert_string_equal(config_role_name(ROLE_ADMIN), "admin");
	assert_string_equal(config_role_name((enum role)99), "unknown");
	assert_string_equal(config_account_role_name(ACCT_CASH), "cash");
	assert_string_equal(config_account_role_name(ACCT_SHIPPING),
	    "shipping_income");
	assert_string_equal(config_account_role_name(ACCT_WRITEOFF),
	    "inventory_writeoff");
	assert_string_equal(config_account_role_name(ACCT_NROLES),
	    "unknown");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shipped),
		cmocka_unit_test(test_minimal_defaults),
		cmocka_unit_test(test_styles),
		cmocka_unit_test(test_unknown_key),
		cmocka_unit_test(test_wrong_type),
		cmocka_unit_test(test_duplicate_key),
		cmocka_unit_test(test_anchor_alias_tag),
		cmocka_unit_test(test_billion_laughs),
		cmocka_unit_test(test_depth_limit),
		cmocka_unit_test(test_deep_nesting),
		cmocka_unit_test(test_size_limit),
		cmocka_unit_test(test_utf8),
		cmocka_unit_test(test_syntax_error),
		cmocka_unit_test(test_missing_key),
		cmocka_unit_test(test_currency),
		cmocka_unit_test(test_tax_rate),
		cmocka_unit_test(test_map_size),
		cmocka_unit_test(test_locations),
		cmocka_unit_test(test_accounts),
		cmocka_unit_test(test_users),
		cmocka_unit_test(test_db_dir),
		cmocka_unit_test(test_load_file),
		cmocka_unit_test(test_find),
		cmocka_unit_test(test_names),
	};

	return (cmocka_run_group_tests_name("config", tests, NULL, NULL));
}
