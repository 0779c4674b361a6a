/*
 * test_pick.c: picking as a warehouse would see it: bins in walk order,
 * the queue's order, waves that never share a line, wrong scans refused
 * with nothing written, short picks that become backorders by the order
 * rules, packing, releasing and expiry, and "ordo check" clean after
 * each.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testlib.h"

#include "ordo/check.h"
#include "ordo/codec.h"
#include "ordo/config.h"
#include "ordo/customer.h"
#include "ordo/date.h"
#include "ordo/error.h"
#include "ordo/item.h"
#include "ordo/order.h"
#include "ordo/pick.h"
#include "ordo/stock.h"
#include "ordo/xmalloc.h"

#define S(x)	((char *)(x))

struct fitem {
	const char	*sku, *barcode, *bin;
	int64_t		 qty;
};
static const struct fitem fitems[] = {
	{ "TEA-1", "690001", "A-10-1", 20 },
	{ "CUP-2", "690002", "A-2-3", 20 },
	{ "PEN-3", "", "B-01-1", 5 },
	{ "MUG-4", "690004", "", 20 },
};

static char	*why;

static int
fx_fn(struct db_txn *tx, void *arg, char **cause)
{
	struct item	 it;
	struct customer	 c;
	size_t		 i;
	int		 rc;

	(void)arg;
	for (i = 0; i < sizeof fitems / sizeof fitems[0]; i++) {
		memset(&it, 0, sizeof it);
		it.sku = S(fitems[i].sku);
		it.barcode = S(fitems[i].barcode);
		it.name = S(fitems[i].sku);
		it.unit = S("pcs");
		it.bin = S("");
		it.price = 100;
		it.tax_rate = -1;
		it.active = 1;
		if ((rc = item_add(tx, &it, cause)) != 0 ||
		    (rc = stock_receive(tx, fitems[i].sku, "WH",
		    fitems[i].qty, 10, "", NULL, cause)) != 0)
			return (rc);
		if (*fitems[i].bin != '\0' && (rc = pick_bin_set(tx,
		    fitems[i].sku, "WH", fitems[i].bin, cause)) != 0)
			return (rc);
	}
	memset(&c, 0, sizeof c);
	c.code = S("C1");
	c.name = S("Alice");
	return (customer_add(tx, &c, cause));
}

static int
setup(void **state)
{
	struct tco	*t;

	setenv("ORDO_USER", "pick1", 1);
	setenv("ORDO_NOW", "2026-12-01 10:00:00", 1);
	t = t_open();
	assert_int_equal(t_write(t, fx_fn, NULL), 0);
	*state = t;
	return (0);
}

static int
teardown(void **state)
{
	t_close(*state);
	free(why);
	why = NULL;
	return (0);
}

/* Run fn as user (role) at time now; the cause is kept in why. */
struct call {
	int		(*fn)(struct db_txn *, struct call *, char **);
	struct pick_wave w;
	uint64_t	 order;
	const char	*code;
	int		 keyed;
	int64_t		 qty;
	const char	*sku;
	int		 prio;
	int32_t		 promised;
	uint64_t	 ids[8];
	size_t		 nids;
};

static int
call_fn(struct db_txn *tx, void *arg, char **cause)
{
	struct call	*c = arg;

	/* Every step reads the wave afresh (resume or take fill c->w). */
	pick_wave_free(&c->w);
	return (c->fn(tx, c, cause));
}

static int
as(struct tco *t, const char *user, enum role role, int64_t now,
    struct call *c)
{
	char	*old = t->co->user;
	int	 oldrole = t->co->role, rc;
	char	 n[32];

	snprintf(n, sizeof n, "%lld", (long long)now);
	setenv("ORDO_NOW", n, 1);
	t->co->user = S(user);
	t->co->role = role;
	free(why);
	why = NULL;
	rc = db_write(t->db, call_fn, c, &why);
	t->co->user = old;
	t->co->role = oldrole;
	return (rc);
}

#define T0	1796119200	/* 2026-12-01 10:00:00 UTC */

/* An order of lines "SKU:QTY", confirmed at WH, created at time now. */
struct mk {
	const char	*lines[4];
	int64_t		 created;
	const char	*channel;
	uint64_t	 id;
};

static int
mk_fn(struct db_txn *tx, struct call *c, char **cause)
{
	struct mk	*m = (struct mk *)(void *)c->sku;
	struct order	 o;
	struct order_line l[4];
	size_t		 i;
	int		 rc;

	memset(&o, 0, sizeof o);
	memset(l, 0, sizeof l);
	o.customer = S("C1");
	o.channel = S(m->channel != NULL ? m->channel : "");
	o.loc = S("WH");
	o.created = m->created;
	for (i = 0; i < 4 && m->lines[i] != NULL; i++) {
		char *s = xstrdup(m->lines[i]), *q = strchr(s, ':');

		*q = '\0';
		l[i].sku = s;
		l[i].qty = atoi(q + 1);
		l[i].unit_price = -1;
		l[i].tax_rate = -1;
	}
	o.lines = l;
	o.nlines = i;
	rc = order_new(tx, &o, cause);
	if (rc == 0)
		rc = order_confirm(tx, o.id, ORDER_ANY_VERSION, cause);
	m->id = o.id;
	for (i = 0; i < o.nlines; i++)
		free(l[i].sku);
	return (rc);
}

static uint64_t
mk(struct tco *t, struct mk *m)
{
	struct call	 c;

	memset(&c, 0, sizeof c);
	c.fn = mk_fn;
	c.sku = (const char *)(void *)m;
	if (m->created == 0)
		m->created = T0;
	assert_int_equal(as(t, "clerk1", ROLE_CLERK, T0, &c), 0);
	return (m->id);
}

static int
take_fn(struct db_txn *tx, struct call *c, char **cause)
{
	return (pick_wave_take(tx, "WH", c->order, &c->w, cause));
}

static int
scan_fn(struct db_txn *tx, struct call *c, char **cause)
{
	int	 rc;

	if ((rc = pick_wave_resume(tx, &c->w, cause)) != 0)
		return (rc);
	return (pick_scan(tx, &c->w, c->code, c->keyed, cause));
}

static int
confirm_fn(struct db_txn *tx, struct call *c, char **cause)
{
	int	 rc;

	if ((rc = pick_wave_resume(tx, &c->w, cause)) != 0)
		return (rc);
	return (pick_confirm(tx, &c->w, c->qty, cause));
}

static int
short_fn(struct db_txn *tx, struct call *c, char **cause)
{
	int	 rc;

	if ((rc = pick_wave_resume(tx, &c->w, cause)) != 0)
		return (rc);
	return (pick_short(tx, &c->w, c->qty, cause));
}

static int
pack_fn(struct db_txn *tx, struct call *c, char **cause)
{
	int	 rc;

	if ((rc = pick_wave_resume(tx, &c->w, cause)) != 0)
		return (rc);
	return (pick_pack(tx, &c->w, cause));
}

static int
resume_fn(struct db_txn *tx, struct call *c, char **cause)
{
	return (pick_wave_resume(tx, &c->w, cause));
}

static int
release_fn(struct db_txn *tx, struct call *c, char **cause)
{
	int	 rc;

	if ((rc = pick_wave_resume(tx, &c->w, cause)) != 0)
		return (rc);
	return (pick_release(tx, &c->w, cause));
}

static int
prio_fn(struct db_txn *tx, struct call *c, char **cause)
{
	return (pick_set_priority(tx, c->order, c->prio, c->promised, cause));
}

static int
queue_row(const struct pick_queued *q, void *arg)
{
	struct call	*c = arg;

	if (c->nids < 8)
		c->ids[c->nids++] = q->order;
	return (0);
}

static int
queue_fn(struct db_txn *tx, struct call *c, char **cause)
{
	(void)cause;
	c->nids = 0;
	return (pick_queue_each(tx, "WH", 0, queue_row, c));
}

static int
cancel_fn(struct db_txn *tx, struct call *c, char **cause)
{
	return (order_cancel(tx, c->order, ORDER_ANY_VERSION, "", cause));
}

static void
check_line(const char *s, void *arg)
{
	(void)arg;
	print_message("# check: %s\n", s);
}

static int
check_fn(struct db_txn *tx, void *arg, char **cause)
{
	(void)cause;
	*(long *)arg = check_all(tx, check_line, NULL);
	return (0);
}

static void
assert_clean(struct tco *t)
{
	long	 n = -2;

	assert_int_equal(t_read(t, check_fn, &n), 0);
	assert_int_equal(n, 0);
}

/* The stored order. */
static int
get_fn(struct db_txn *tx, void *arg, char **cause)
{
	struct order	*o = arg;

	return (order_get(tx, o->id, o, cause));
}

static void
get_order(struct tco *t, uint64_t id, struct order *o)
{
	memset(o, 0, sizeof *o);
	o->id = id;
	assert_int_equal(t_read(t, get_fn, o), 0);
}

struct stk {
	const char	*sku;
	struct stock	 st;
};

static int
stk_fn(struct db_txn *tx, void *arg, char **cause)
{
	struct stk	*s = arg;

	(void)cause;
	return (stock_get(tx, s->sku, "WH", &s->st));
}

static int64_t
reserved(struct tco *t, const char *sku)
{
	struct stk	 s;
	int64_t		 r;

	s.sku = sku;
	assert_int_equal(t_read(t, stk_fn, &s), 0);
	r = s.st.reserved;
	stock_free(&s.st);
	return (r);
}

/* One call on c (with a new function) as pick1 at time now. */
static int
step(struct tco *t, struct call *c, int (*fn)(struct db_txn *,
    struct call *, char **), const char *user, int64_t now)
{
	c->fn = fn;
	return (as(t, user, ROLE_PICKER, now, c));
}

/* Tests. */

static void
test_bin_order(void **state)
{
	struct config	*cfg = NULL;
	char		*cause = NULL, d[8], e[8], *text, *bad;
	FILE		*fp;
	long		 len;

	(void)state;
	/* Without a walk list: as read, numbers as numbers. */
	assert_true(pick_bin_cmp(NULL, "WH", "A-2-1", "A-10-1") < 0);
	assert_true(pick_bin_cmp(NULL, "WH", "A-02-9", "A-2-10") < 0);
	assert_true(pick_bin_cmp(NULL, "WH", "B-1", "A-10") > 0);
	assert_true(pick_bin_cmp(NULL, "WH", "A-1", "") < 0);
	/* The config's walk goes first, in its order. */
	assert_non_null(fp = fopen(t_path("config/ordo.yaml"), "r"));
	fseek(fp, 0, SEEK_END);
	len = ftell(fp);
	rewind(fp);
	text = xcalloc(1, (size_t)len + 1);
	assert_int_equal(fread(text, 1, (size_t)len, fp), (size_t)len);
	fclose(fp);
	if (config_load_buf("t.yaml", text, (size_t)len, &cfg, &cause) != 0)
		fail_msg("%s", cause);
	cfg->locations[1].walk = xcalloc(2, sizeof (char *));
	cfg->locations[1].walk[0] = xstrdup("C");
	cfg->locations[1].walk[1] = xstrdup("A-2");
	cfg->locations[1].nwalk = 2;
	assert_true(pick_bin_cmp(cfg, "WH", "C-9-9", "A-1-1") < 0);
	assert_true(pick_bin_cmp(cfg, "WH", "A-2-5", "A-1-1") < 0);
	assert_true(pick_bin_cmp(cfg, "WH", "A-2-5", "C-1") > 0);
	assert_true(pick_bin_cmp(cfg, "WH", "A-1-1", "B-1") < 0);
	/* Check digits: two, stable, and they differ between bins. */
	pick_check_digits(cfg, "A-10-1", d, sizeof d);
	pick_check_digits(cfg, "A-10-2", e, sizeof e);
	assert_int_equal(strlen(d), 2);
	assert_string_not_equal(d, e);
	pick_check_digits(NULL, "A-10-1", d, sizeof d);
	assert_string_equal(d, "");
	config_free(cfg);
	/* A walk entry with a space is refused, naming the place. */
	xasprintf(&bad, "%s", text);
	assert_non_null(strstr(bad, "backorder: false"));
	memcpy(strstr(bad, "backorder: false"), "walk: [A, 'B 1']", 16);
	if (config_load_buf("t.yaml", bad, strlen(bad), &cfg, &cause) == 0)
		fail_msg("a bad walk entry was taken");
	assert_non_null(strstr(cause, "locations.walk"));
	assert_non_null(strstr(cause, "B 1"));
	free(cause);
	free(bad);
	free(text);
}

static void
test_queue_order(void **state)
{
	struct tco	*t = *state;
	struct mk	 a = { { "TEA-1:1", NULL }, T0 - 2 * 86400, NULL, 0 };
	struct mk	 b = { { "CUP-2:1", NULL }, T0 - 3 * 86400, NULL, 0 };
	struct mk	 c = { { "PEN-3:1", NULL }, T0 - 86400, NULL, 0 };
	struct mk	 d = { { "MUG-4:1", NULL }, T0 - 50, NULL, 0 };
	struct call	 q;

	mk(t, &a);
	mk(t, &b);
	mk(t, &c);
	mk(t, &d);
	/* By age: oldest day first (within a day, by number). */
	memset(&q, 0, sizeof q);
	assert_int_equal(step(&*t, &q, queue_fn, "pick1", T0), 0);
	assert_int_equal(q.nids, 4);
	assert_int_equal(q.ids[0], b.id);
	assert_int_equal(q.ids[1], a.id);
	assert_int_equal(q.ids[2], c.id);
	assert_int_equal(q.ids[3], d.id);
	/* A promised date, then a priority, go before age. */
	q.order = c.id;
	q.prio = 0;
	q.promised = date_from_time(T0) + 1;
	assert_int_equal(as(t, "clerk1", ROLE_CLERK, T0, (q.fn = prio_fn,
	    &q)), 0);
	q.order = d.id;
	q.prio = 5;
	q.promised = -1;
	assert_int_equal(as(t, "clerk1", ROLE_CLERK, T0, (q.fn = prio_fn,
	    &q)), 0);
	assert_int_equal(step(t, &q, queue_fn, "pick1", T0), 0);
	assert_int_equal(q.nids, 4);
	assert_int_equal(q.ids[0], d.id);
	assert_int_equal(q.ids[1], c.id);
	assert_int_equal(q.ids[2], b.id);
	assert_int_equal(q.ids[3], a.id);
	/* A picker may not set priorities. */
	q.order = a.id;
	assert_int_equal(step(t, &q, prio_fn, "pick1", T0), ORDO_EPERM);
	assert_clean(t);
}

static void
test_two_pickers(void **state)
{
	struct tco	*t = *state;
	struct mk	 m[6] = {
		{ { "TEA-1:2", "CUP-2:1", NULL }, 0, NULL, 0 },
		{ { "TEA-1:1", NULL }, 0, NULL, 0 },
		{ { "CUP-2:3", "PEN-3:1", NULL }, 0, NULL, 0 },
		{ { "MUG-4:2", NULL }, 0, NULL, 0 },
		{ { "TEA-1:1", "MUG-4:1", NULL }, 0, NULL, 0 },
		{ { "PEN-3:1", NULL }, 0, NULL, 0 },
	};
	struct call	 a, b, c;
	size_t		 i, j;

	for (i = 0; i < 6; i++)
		mk(t, &m[i]);
	memset(&a, 0, sizeof a);
	memset(&b, 0, sizeof b);
	memset(&c, 0, sizeof c);
	assert_int_equal(step(t, &a, take_fn, "pick1", T0), 0);
	assert_int_equal(step(t, &b, take_fn, "pick2", T0), 0);
	/* Four orders each at most (config): the first four, then two. */
	assert_int_equal(a.w.norders, 4);
	assert_int_equal(b.w.norders, 2);
	for (i = 0; i < a.w.ntasks; i++)
		for (j = 0; j < b.w.ntasks; j++)
			assert_false(a.w.tasks[i].order == b.w.tasks[j].order &&
			    a.w.tasks[i].line == b.w.tasks[j].line);
	/* Tasks in walk order: A-2-3, A-10-1, A-10-1, ..., B-01-1, none. */
	assert_string_equal(a.w.tasks[0].bin, "A-2-3");
	for (i = 1; i < a.w.ntasks; i++)
		assert_true(pick_bin_cmp(NULL, "WH", a.w.tasks[i - 1].bin,
		    a.w.tasks[i].bin) <= 0);
	assert_string_equal(a.w.tasks[a.w.ntasks - 1].bin, "");
	/* A third picker finds nothing; a second wave is refused. */
	assert_int_equal(step(t, &c, take_fn, "pick3", T0), ORDO_ENOTFOUND);
	assert_int_equal(step(t, &c, take_fn, "pick1", T0), ORDO_EEXIST);
	/* Nor can an order already taken be taken by its number. */
	c.order = m[0].id;
	assert_int_equal(step(t, &c, take_fn, "pick3", T0), ORDO_ENOTFOUND);
	assert_non_null(strstr(why, "not waiting"));
	pick_wave_free(&a.w);
	pick_wave_free(&b.w);
	pick_wave_free(&c.w);
	assert_clean(t);
}

static void
test_scan_pick_pack(void **state)
{
	struct tco	*t = *state;
	struct mk	 m = { { "TEA-1:2", "CUP-2:1", NULL }, 0, NULL, 0 };
	struct call	 c;
	struct order	 o;
	char		 d[8], keyed[40];

	mk(t, &m);
	memset(&c, 0, sizeof c);
	assert_int_equal(step(t, &c, take_fn, "pick1", T0), 0);
	assert_int_equal(pick_wave_step(&c.w), STEP_LOCATION);
	/* Wrong location: refused, says where to go. */
	c.code = "A-10-1";
	assert_int_equal(step(t, &c, scan_fn, "pick1", T0 + 10),
	    ORDO_EINVAL);
	assert_non_null(strstr(why, "go to A-2-3"));
	/* A keyed location needs its check digits (2 in the config). */
	c.code = "A-2-3";
	c.keyed = 1;
	assert_int_equal(step(t, &c, scan_fn, "pick1", T0 + 10),
	    ORDO_EINVAL);
	assert_non_null(strstr(why, "check digits"));
	pick_check_digits(t->cfg, "A-2-3", d, sizeof d);
	snprintf(keyed, sizeof keyed, "A-2-3%s", d);
	c.code = keyed;
	assert_int_equal(step(t, &c, scan_fn, "pick1", T0 + 10), 0);
	c.keyed = 0;
	assert_int_equal(pick_wave_step(&c.w), STEP_ITEM);
	/* Wrong item: refused, says what is expected. */
	c.code = "690001";
	assert_int_equal(step(t, &c, scan_fn, "pick1", T0 + 20),
	    ORDO_EINVAL);
	assert_non_null(strstr(why, "expected 690002 (CUP-2)"));
	c.code = "690002";
	assert_int_equal(step(t, &c, scan_fn, "pick1", T0 + 20), 0);
	assert_int_equal(pick_wave_step(&c.w), STEP_QTY);
	assert_int_equal(pick_shown_qty(&c.w), 1);
	c.qty = -1;
	assert_int_equal(step(t, &c, confirm_fn, "pick1", T0 + 30), 0);
	/* Next: A-10-1, TEA-1 x 2, scanned by its SKU twice. */
	assert_int_equal(pick_wave_step(&c.w), STEP_LOCATION);
	c.code = "A-10-1";
	assert_int_equal(step(t, &c, scan_fn, "pick1", T0 + 40), 0);
	c.code = "TEA-1";
	assert_int_equal(step(t, &c, scan_fn, "pick1", T0 + 41), 0);
	assert_int_equal(pick_shown_qty(&c.w), 2);
	assert_int_equal(step(t, &c, scan_fn, "pick1", T0 + 42), 0);
	assert_int_equal(c.w.tasks[1].counted, 2);
	/* A third is one too many. */
	assert_int_equal(step(t, &c, scan_fn, "pick1", T0 + 43),
	    ORDO_EINVAL);
	assert_int_equal(step(t, &c, confirm_fn, "pick1", T0 + 44), 0);
	assert_int_equal(pick_wave_step(&c.w), STEP_PACK);
	assert_int_equal(pick_wave_pack_order(&c.w), m.id);
	get_order(t, m.id, &o);
	assert_int_equal(o.status, ST_PICKING);
	assert_int_equal(o.lines[0].picked, 2);
	assert_int_equal(o.lines[1].picked, 1);
	order_free(&o);
	assert_clean(t);
	assert_int_equal(step(t, &c, pack_fn, "pick1", T0 + 50), 0);
	assert_int_equal(pick_wave_step(&c.w), STEP_DONE);
	assert_int_equal(c.w.state, WAVE_DONE);
	get_order(t, m.id, &o);
	assert_int_equal(o.status, ST_PACKED);
	order_free(&o);
	/* The wave is finished: nothing open for pick1. */
	assert_int_equal(step(t, &c, resume_fn, "pick1", T0 + 60),
	    ORDO_ENOTFOUND);
	pick_wave_free(&c.w);
	assert_clean(t);
}

static void
test_short_backorder(void **state)
{
	struct tco	*t = *state;
	struct mk	 m = { { "PEN-3:4", "CUP-2:1", NULL }, 0, NULL, 0 };
	struct call	 c;
	struct order	 o;

	mk(t, &m);
	assert_int_equal(reserved(t, "PEN-3"), 4);
	memset(&c, 0, sizeof c);
	assert_int_equal(step(t, &c, take_fn, "pick1", T0), 0);
	/* CUP-2 at A-2-3 first: picked in full. */
	c.code = "A-2-3";
	assert_int_equal(step(t, &c, scan_fn, "pick1", T0 + 1), 0);
	c.code = "690002";
	assert_int_equal(step(t, &c, scan_fn, "pick1", T0 + 2), 0);
	c.qty = -1;
	assert_int_equal(step(t, &c, confirm_fn, "pick1", T0 + 3), 0);
	/* At B-01-1 only one PEN-3 of four: a short pick before. */
	c.qty = 1;
	assert_int_equal(step(t, &c, short_fn, "pick1", T0 + 4),
	    ORDO_ESTATE);
	c.code = "B-01-1";
	assert_int_equal(step(t, &c, scan_fn, "pick1", T0 + 5), 0);
	c.code = "PEN-3";
	assert_int_equal(step(t, &c, scan_fn, "pick1", T0 + 6), 0);
	/* Confirming fewer than asked is refused. */
	c.qty = 1;
	assert_int_equal(step(t, &c, confirm_fn, "pick1", T0 + 7),
	    ORDO_EINVAL);
	assert_non_null(strstr(why, "short-pick"));
	c.qty = -1;	/* what was counted: 1 */
	assert_int_equal(step(t, &c, short_fn, "pick1", T0 + 8), 0);
	assert_int_equal(c.w.tasks[1].state, TASK_SHORT);
	assert_int_equal(c.w.tasks[1].shorted, 3);
	/* The order: 1 picked, 3 backordered, reservation released. */
	get_order(t, m.id, &o);
	assert_int_equal(o.lines[0].picked, 1);
	assert_int_equal(o.lines[0].reserved, 1);
	assert_int_equal(line_backordered(&o.lines[0]), 3);
	order_free(&o);
	assert_int_equal(reserved(t, "PEN-3"), 1);
	/* Nothing waits: the order is packed with what was found. */
	assert_int_equal(pick_wave_step(&c.w), STEP_PACK);
	assert_int_equal(step(t, &c, pack_fn, "pick1", T0 + 9), 0);
	get_order(t, m.id, &o);
	assert_int_equal(o.status, ST_PACKED);
	order_free(&o);
	pick_wave_free(&c.w);
	assert_clean(t);
}

static void
test_release_expire(void **state)
{
	struct tco	*t = *state;
	struct mk	 m = { { "TEA-1:2", "CUP-2:1", NULL }, 0, NULL, 0 };
	struct mk	 n = { { "MUG-4:1", NULL }, 0, NULL, 0 };
	struct call	 a, b, q;
	struct order	 o;

	mk(t, &m);
	memset(&a, 0, sizeof a);
	memset(&b, 0, sizeof b);
	memset(&q, 0, sizeof q);
	assert_int_equal(step(t, &a, take_fn, "pick1", T0), 0);
	a.code = "A-2-3";
	assert_int_equal(step(t, &a, scan_fn, "pick1", T0 + 1), 0);
	a.code = "690002";
	a.qty = -1;
	assert_int_equal(step(t, &a, scan_fn, "pick1", T0 + 2), 0);
	assert_int_equal(step(t, &a, confirm_fn, "pick1", T0 + 3), 0);
	/* Resumed later (another terminal): where it stopped. */
	assert_int_equal(step(t, &a, resume_fn, "pick1", T0 + 600), 0);
	assert_int_equal(a.w.cur, 1);
	assert_int_equal(pick_wave_step(&a.w), STEP_LOCATION);
	/* Idle more than 30 minutes: another picker's wave frees it. */
	assert_int_equal(step(t, &q, queue_fn, "pick2", T0 + 600), 0);
	assert_int_equal(q.nids, 0);
	mk(t, &n);
	assert_int_equal(step(t, &b, take_fn, "pick2", T0 + 600 + 1801), 0);
	/* pick2 got the freed line of m and order n. */
	assert_int_equal(b.w.ntasks, 2);
	get_order(t, m.id, &o);
	assert_int_equal(o.lines[1].picked, 1);	/* kept */
	order_free(&o);
	/* pick1 comes back: told the wave was given back. */
	assert_int_equal(step(t, &a, resume_fn, "pick1", T0 + 4000),
	    ORDO_ENOTFOUND);
	assert_non_null(strstr(why, "idle more than 30 minutes"));
	/* pick2 gives it back: both wait again. */
	assert_int_equal(step(t, &b, release_fn, "pick2", T0 + 4002), 0);
	assert_int_equal(step(t, &q, queue_fn, "pick2", T0 + 4003), 0);
	assert_int_equal(q.nids, 2);
	pick_wave_free(&a.w);
	pick_wave_free(&b.w);
	assert_clean(t);
}

static void
test_cancel_claimed(void **state)
{
	struct tco	*t = *state;
	struct mk	 m = { { "CUP-2:1", NULL }, 0, NULL, 0 };
	struct mk	 n = { { "TEA-1:1", NULL }, 0, NULL, 0 };
	struct call	 a, c;

	mk(t, &m);
	mk(t, &n);
	memset(&a, 0, sizeof a);
	memset(&c, 0, sizeof c);
	assert_int_equal(step(t, &a, take_fn, "pick1", T0), 0);
	assert_int_equal(a.w.ntasks, 2);
	/* The clerk cancels order m while it is claimed. */
	c.order = m.id;
	c.fn = cancel_fn;
	assert_int_equal(as(t, "clerk1", ROLE_CLERK, T0 + 1, &c), 0);
	assert_clean(t);
	/* Its task is withdrawn: the picker goes on to TEA-1. */
	assert_int_equal(step(t, &a, resume_fn, "pick1", T0 + 2), 0);
	assert_int_equal(a.w.tasks[0].state, TASK_GONE);
	assert_string_equal(a.w.tasks[a.w.cur].sku, "TEA-1");
	pick_wave_free(&a.w);
	assert_clean(t);
}

/* An upgraded company gets its queue built on first open. */
static int
unqueue_fn(struct db_txn *tx, void *arg, char **cause)
{
	int	 rc;

	(void)arg;
	(void)cause;
	if ((rc = mdb_drop(tx->txn, tx->db->dbi[TB_PICK_QUEUE], 0)) != 0 ||
	    (rc = mdb_drop(tx->txn, tx->db->dbi[TB_PICK_QPOS], 0)) != 0)
		return (rc);
	return (db_put(tx, TB_META, "pick_build", 10, "", 0, 0));
}

static int
upgrade_fn(struct db_txn *tx, void *arg, char **cause)
{
	(void)arg;
	return (pick_upgrade(tx, cause));
}

static void
test_upgrade(void **state)
{
	struct tco	*t = *state;
	struct mk	 m = { { "CUP-2:1", NULL }, 0, NULL, 0 };
	struct call	 q;
	long		 n = -2;

	mk(t, &m);
	assert_int_equal(t_write(t, unqueue_fn, NULL), 0);
	assert_int_equal(t_read(t, check_fn, &n), 0);
	assert_int_equal(n, 1);		/* not built yet */
	assert_int_equal(t_write(t, upgrade_fn, NULL), 0);
	memset(&q, 0, sizeof q);
	assert_int_equal(step(t, &q, queue_fn, "pick1", T0), 0);
	assert_int_equal(q.nids, 1);
	assert_int_equal(q.ids[0], m.id);
	assert_clean(t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bin_order),
		cmocka_unit_test_setup_teardown(test_queue_order, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_two_pickers, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_scan_pick_pack, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_short_backorder, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_release_expire, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_cancel_claimed, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_upgrade, setup,
		    teardown),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
