/*
 * fuzz_quick.c: libFuzzer target for quick entry (quick.h).
 *
 * Each input is read as a chat message by quick_parse against a small
 * company made once in a temporary directory (items whose names hold
 * numerals, sizes and English words; customers with phones); the readers
 * also run at every character of it.  A reader never reads past the end;
 * the parse either fills a result or refuses with a cause; never a
 * crash, a leak or a hang.  Seeds are in tests/fuzz/corpus/quick/.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ordo/company.h"
#include "ordo/config.h"
#include "ordo/core.h"
#include "ordo/customer.h"
#include "ordo/db.h"
#include "ordo/error.h"
#include "ordo/item.h"
#include "ordo/order.h"
#include "ordo/quick.h"

int	 LLVMFuzzerInitialize(int *, char ***);
int	 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static struct db	*db;
static struct company	*co;
static struct config	*cfg;
static char		 dir[64];

static void
cleanup(void)
{
	char	 path[128];

	if (co != NULL)
		company_close(co);
	else if (db != NULL)
		db_close(db);
	config_free(cfg);
	snprintf(path, sizeof path, "%s/data.mdb", dir);
	unlink(path);
	snprintf(path, sizeof path, "%s/lock.mdb", dir);
	unlink(path);
	snprintf(path, sizeof path, "%s/turn.lock", dir);
	unlink(path);
	rmdir(dir);
}

static int
setup(struct db_txn *tx, void *arg, char **cause)
{
	static const char *const items[][2] = {
		{ "BLC-50", "洞庭碧螺春 Dongting Biluochun 50g" },
		{ "BLC-250", "洞庭碧螺春 Dongting Biluochun 250g" },
		{ "LAGP-100", "六安瓜片 Lu'an Guapian 100g" },
		{ "SQF-100", "三七粉 Notoginseng powder 100克" },
		{ "POT-GLS", "玻璃茶壶 Glass teapot 600ml" },
		{ "WTR-1L", "山泉水 Spring water 1L" },
	};
	static const char *const custs[][3] = {
		{ "WANGF", "王芳", "139 8765 4321" },
		{ "LIUY", "刘洋", "+86 137 1357 2468" },
		{ "LOTUS", "Lotus Cafe 莲花咖啡", "+44 20 7946 0321" },
	};
	struct item		 it;
	struct customer		 c;
	struct order		 o;
	struct order_line	 l;
	size_t			 i;
	int			 rc;

	(void)arg;
	if ((rc = company_setup(tx, cause)) != 0)
		return (rc);
	for (i = 0; i < sizeof items / sizeof items[0]; i++) {
		memset(&it, 0, sizeof it);
		it.sku = (char *)items[i][0];
		it.barcode = (char *)"";
		it.name = (char *)items[i][1];
		it.unit = (char *)"box";
		it.bin = (char *)"";
		it.price = 1000;
		it.tax_rate = -1;
		it.active = 1;
		if ((rc = item_add(tx, &it, cause)) != 0)
			return (rc);
	}
	for (i = 0; i < sizeof custs / sizeof custs[0]; i++) {
		memset(&c, 0, sizeof c);
		c.code = (char *)custs[i][0];
		c.name = (char *)custs[i][1];
		c.phone = (char *)custs[i][2];
		if ((rc = customer_add(tx, &c, cause)) != 0)
			return (rc);
	}
	memset(&o, 0, sizeof o);
	memset(&l, 0, sizeof l);
	l.sku = (char *)"BLC-250";
	l.qty = 1;
	l.unit_price = -1;
	l.tax_rate = -1;
	o.customer = (char *)"WANGF";
	o.lines = &l;
	o.nlines = 1;
	return (order_new(tx, &o, cause));
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char		 path[4096];
	char		*cause = NULL;
	const char	*top;

	(void)argc;
	(void)argv;
	setenv("ORDO_NOW", "2026-03-02 09:30:00", 1);
	if ((top = getenv("ORDO_TOP")) == NULL)
		top = ".";
	snprintf(path, sizeof path, "%s/config/ordo.yaml", top);
	snprintf(dir, sizeof dir, "/tmp/ordo-fuzz-quick.XXXXXX");
	if (mkdtemp(dir) == NULL || config_load(path, &cfg, &cause) != 0 ||
	    db_open(&db, dir, DB_CREATE, 0, &cause) != 0) {
		fprintf(stderr, "fuzz_quick: setup: %s\n", cause != NULL ?
		    cause : "mkdtemp");
		abort();
	}
	atexit(cleanup);
	co = company_attach(db, cfg, NULL, ROLE_ADMIN);
	if (db_write(db, setup, NULL, &cause) != 0) {
		fprintf(stderr, "fuzz_quick: setup: %s\n", cause);
		abort();
	}
	return (0);
}

struct run {
	const char	*text;
};

static int
parse(struct db_txn *tx, void *arg, char **cause)
{
	struct run		*r = arg;
	struct quick_result	 res;
	char			*c = NULL;
	size_t			 i;
	int			 rc;

	(void)cause;
	rc = quick_parse(tx, r->text, NULL, &res, &c);
	if ((rc == 0) != (c == NULL))
		abort();
	if (rc == 0) {
		(void)quick_problems(&res);
		for (i = 0; i < res.nlines; i++)
			if (res.lines[i].words == NULL ||
			    (res.lines[i].sku == NULL &&
			    res.lines[i].item_problem == QP_NONE))
				abort();
	}
	quick_free(&res);
	free(c);
	return (0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct run	 r;
	char		*s, buf[QUICK_SIZE_BUFSZ], *cause = NULL;
	size_t		 i, n, rest;
	int64_t		 v;

	s = malloc(size + 1);
	if (s == NULL)
		return (0);
	memcpy(s, data, size);
	s[size] = '\0';
	/* The readers, at every byte: never past the end. */
	for (i = 0; i < size; i++) {
		rest = strlen(s + i);
		n = 0;
		if (quick_number(s + i, &n, &v) != QN_NONE && n > rest)
			abort();
		n = 0;
		if (quick_size(s + i, &n, buf, sizeof buf) && n > rest)
			abort();
		n = 0;
		if (quick_unit(s + i, &n) && n > rest)
			abort();
		n = 0;
		if (quick_price(s + i, 2, &n, &v) != 0 && n > rest)
			abort();
		n = 0;
		if (quick_filler(s + i, &n) && n > rest)
			abort();
		n = 0;
		if (quick_lineno(s + i, &n) && n > rest)
			abort();
	}
	r.text = s;
	if (db_read(db, parse, &r, &cause) != 0)
		abort();
	free(cause);
	free(s);
	return (0);
}
