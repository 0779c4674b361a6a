/*
 * test_tui.c: the parts of the TUI that need no terminal: the action
 * table against every form (no two actions of a screen on one key), the
 * forms' field limits against the headers, the column fitting for
 * narrow terminals, a bad form's message, and the fitting of stored
 * text into cells (wide characters, cuts, escapes).
 */
#include <dirent.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

#include "testlib.h"

#include "ordo/customer.h"
#include "ordo/error.h"
#include "ordo/item.h"
#include "ordo/xmalloc.h"

#include "../../src/tui/action.h"
#include "../../src/tui/forms.h"
#include "../../src/tui/text.h"

/* Private to customer.c until the core exports its limits. */
#ifndef CUSTOMER_NAME_MAX
#define CUSTOMER_NAME_MAX	200
#endif

static const char *
forms_path(void)
{
	return (t_path("forms"));
}

static struct form *
load(const char *name)
{
	struct form	*fm = NULL;
	char		*cause = NULL;
	int		 rc;

	rc = form_load(forms_path(), name, &fm, &cause);
	if (rc != 0)
		fail_msg("%s: %s", name, cause);
	free(cause);
	return (fm);
}

/* Every form: no key (letter or function) shared by two actions. */
static void
test_keys_unique(void **state)
{
	char	*cause = NULL;

	(void)state;
	if (forms_check_keys(forms_path(), &cause) != 0)
		fail_msg("%s", cause);
	free(cause);
}

/* A keys.yaml that binds two actions of a screen to one key is caught. */
static void
test_keys_file(void **state)
{
	char	 dir[] = "/tmp/ordo-keys.XXXXXX", path[128], *cause = NULL;
	FILE	*fp;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/keys.yaml", dir);
	assert_non_null(fp = fopen(path, "w"));
	fputs("keys:\n  pick: [c, F13]\n", fp);
	fclose(fp);
	assert_int_equal(keys_load(path, &cause), 0);
	assert_int_equal(action_key(A_PICK), 'c');
	assert_int_equal(action_fkey(A_PICK), TUI_F(13));
	assert_int_equal(forms_check_keys(forms_path(), &cause), ORDO_ECONFIG);
	assert_non_null(strstr(cause, "confirm and pick share the key c"));
	free(cause);
	cause = NULL;
	assert_non_null(fp = fopen(path, "w"));
	fputs("keys:\n  pick: p\n  fly: x\n", fp);
	fclose(fp);
	assert_int_equal(keys_load(path, &cause), ORDO_ECONFIG);
	assert_non_null(strstr(cause, "keys.yaml:3:"));
	assert_non_null(strstr(cause, "unknown action \"fly\""));
	free(cause);
	cause = NULL;
	assert_int_equal(action_key(A_PICK), 'p');
	assert_int_equal(action_bind(A_PICK, "F7", 1), 0);
	assert_int_equal(forms_check_keys(forms_path(), &cause), 0);
	assert_non_null(fp = fopen(path, "w"));
	fputs("keys:\n  pick: \"!!\"\n", fp);
	fclose(fp);
	assert_int_equal(keys_load(path, &cause), ORDO_ECONFIG);
	assert_non_null(strstr(cause, "bad key"));
	free(cause);
	unlink(path);
	rmdir(dir);
}

/* The test itself must catch a clash: bind two actions to one key. */
static void
test_keys_clash_found(void **state)
{
	enum action	 acts[] = { A_CONFIRM, A_PICK };

	(void)state;
	assert_int_equal(action_for_key(acts, 2, 'c', 0), A_CONFIRM);
	assert_int_equal(action_bind(A_PICK, "c", 0), 0);
	assert_int_equal(action_key(A_PICK), 'c');
	assert_int_equal(action_for_key(acts, 2, 'p', 0), A_NONE);
	assert_int_equal(action_bind(A_PICK, "p", 0), 0);
	assert_int_equal(action_for_key(acts, 2, 'p', 0), A_PICK);
	assert_int_equal(action_bind(A_PICK, "F13", 1), 0);
	assert_int_equal(action_fkey(A_PICK), TUI_F(13));
	assert_int_equal(action_bind(A_PICK, "F7", 1), 0);
	assert_int_equal(action_bind(A_PICK, "^^", 0), -1);
	assert_int_equal(action_find("pick"), A_PICK);
	assert_int_equal(action_find("no-such"), A_NONE);
}

/* A form field's max is the core's own limit for that field. */
static void
test_field_limits(void **state)
{
	static const struct {
		const char	*form;
		const char	*field;
		int		 max;
	} limits[] = {
		/* Customer by code, name or phone: the longest is a name. */
		{ "neworder", "customer", CUSTOMER_NAME_MAX },
		/* A line by SKU, barcode or name: the longest is a name. */
		{ "neworder", "line", ITEM_NAME_MAX },
	};
	const struct form_field	*f;
	struct form		*fm;
	size_t			 i;

	(void)state;
	assert_true(CUSTOMER_NAME_MAX >= CUSTOMER_CODE_MAX);
	assert_true(ITEM_NAME_MAX >= ITEM_SKU_MAX);
	for (i = 0; i < sizeof limits / sizeof limits[0]; i++) {
		fm = load(limits[i].form);
		f = form_field(fm, limits[i].field);
		if (f == NULL)
			fail_msg("%s: no field %s", limits[i].form,
			    limits[i].field);
		if (f->max != limits[i].max)
			fail_msg("%s: %s: max %d, the core's limit is %d",
			    limits[i].form, limits[i].field, f->max,
			    limits[i].max);
		form_free(fm);
	}
}

/* Narrow terminals drop columns by priority and never overflow. */
static void
test_fit(void **state)
{
	struct form	*fm;
	int		 shown[32], w, used, last_kept_80;
	size_t		 i, k80, k40;

	(void)state;
	fm = load("orders");
	k80 = form_fit(fm, 80, shown);
	for (used = -1, i = 0; i < fm->ncolumns; i++)
		if (shown[i])
			used += fm->columns[i].width + 1;
	assert_true(used <= 80);
	last_kept_80 = (int)k80;
	k40 = form_fit(fm, 40, shown);
	for (used = -1, i = 0; i < fm->ncolumns; i++)
		if (shown[i])
			used += fm->columns[i].width + 1;
	assert_true(used <= 40);
	assert_true(k40 < (size_t)last_kept_80);
	/* What is never dropped stays; what goes first went. */
	for (i = 0; i < fm->ncolumns; i++) {
		if (fm->columns[i].drop == 0)
			assert_int_equal(shown[i], 1);
	}
	for (w = 10; w < 200; w++) {
		form_fit(fm, w, shown);
		for (used = -1, i = 0; i < fm->ncolumns; i++)
			if (shown[i])
				used += fm->columns[i].width + 1;
		/* Only the never-dropped columns may not fit. */
		if (used > w)
			for (i = 0; i < fm->ncolumns; i++)
				if (shown[i])
					assert_int_equal(fm->columns[i].drop,
					    0);
	}
	form_free(fm);
}

static void
test_bad_form(void **state)
{
	char		 dir[] = "/tmp/ordo-form.XXXXXX", path[128];
	struct form	*fm = NULL;
	char		*cause = NULL;
	FILE		*fp;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/x.yaml", dir);
	assert_non_null(fp = fopen(path, "w"));
	fputs("screen: x\ntitle: X\nactions: [up, fly]\n", fp);
	fclose(fp);
	assert_int_equal(form_load(dir, "x", &fm, &cause), ORDO_ECONFIG);
	assert_null(fm);
	assert_non_null(cause);
	assert_non_null(strstr(cause, "x.yaml:3:"));
	assert_non_null(strstr(cause, "unknown action \"fly\""));
	free(cause);
	cause = NULL;
	assert_non_null(fp = fopen(path, "w"));
	fputs("screen: y\ntitle: X\n", fp);
	fclose(fp);
	assert_int_equal(form_load(dir, "x", &fm, &cause), ORDO_ECONFIG);
	assert_non_null(strstr(cause, "screen \"y\""));
	free(cause);
	cause = NULL;
	assert_non_null(fp = fopen(path, "w"));
	fputs("screen: x\ntitle: X\nfields:\n  - {name: a, label: A, "
	    "type: colour}\n", fp);
	fclose(fp);
	assert_int_equal(form_load(dir, "x", &fm, &cause), ORDO_ECONFIG);
	assert_non_null(strstr(cause, "x.yaml:4:"));
	assert_non_null(strstr(cause, "unknown type"));
	free(cause);
	unlink(path);
	rmdir(dir);
}

static void
fit(const char *s, int w, int align, const char *want)
{
	char	 out[512];

	text_fit_utf8(s, w, align, out, sizeof out);
	if (strcmp(out, want) != 0)
		fail_msg("fit(\"%s\", %d): [%s], wanted [%s]", s, w, out,
		    want);
}

static void
test_text(void **state)
{
	(void)state;
	assert_int_equal(text_width("林梅"), 4);
	assert_int_equal(text_width("Lin Mei 林梅"), 12);
	fit("abc", 5, TEXT_LEFT, "abc  ");
	fit("abc", 5, TEXT_RIGHT, "  abc");
	fit("林梅", 4, TEXT_LEFT, "林梅");
	fit("林梅", 5, TEXT_LEFT, "林梅 ");
	/* Cut: a mark, and a wide character never split. */
	fit("林梅林", 5, TEXT_LEFT, "林梅~");
	fit("林梅林", 4, TEXT_LEFT, "林 ~");
	fit("abcdef", 4, TEXT_LEFT, "abc~");
	fit("abcdef", 4, TEXT_RIGHT, "abc~");
	/* Escapes: control characters, bidi overrides, bad bytes. */
	fit("a\x1b[2Jb", 8, TEXT_LEFT, "a^[[2Jb ");
	fit("x\xe2\x80\xaey", 12, TEXT_LEFT, "x<U+202E>y  ");
	fit("\xe2\x81\xa6z", 9, TEXT_LEFT, "<U+2066>z");
	fit("a\xffz", 3, TEXT_LEFT, "a\xef\xbf\xbdz");
	fit("a\x7f", 3, TEXT_LEFT, "a^?");
	fit("", 0, TEXT_LEFT, "");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_keys_unique),
		cmocka_unit_test(test_keys_clash_found),
		cmocka_unit_test(test_keys_file),
		cmocka_unit_test(test_field_limits),
		cmocka_unit_test(test_fit),
		cmocka_unit_test(test_bad_form),
		cmocka_unit_test(test_text),
	};

	setlocale(LC_CTYPE, "C.UTF-8");
	return (cmocka_run_group_tests(tests, NULL, NULL));
}
