/*
 * test_report.c: trial balance, profit and loss, customer statements,
 * ageing and the hledger export, each against numbers worked out by
 * hand for a small book (CNY, fen; dates in 2026, UTC).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testlib.h"

#include "ordo/check.h"
#include "ordo/company.h"
#include "ordo/customer.h"
#include "ordo/date.h"
#include "ordo/error.h"
#include "ordo/ledger.h"
#include "ordo/payment.h"
#include "ordo/report.h"
#include "ordo/xmalloc.h"

static char	*why;

/* Seconds at noon UTC of a "YYYY-MM-DD" day. */
static int64_t
at(const char *day)
{
	int32_t	 d;

	if (date_parse(day, &d) != 0)
		fail_msg("bad date %s", day);
	return (time_from_date(d) + 12 * 3600);
}

static int32_t
dayof(const char *day)
{
	int32_t	 d;

	if (date_parse(day, &d) != 0)
		fail_msg("bad date %s", day);
	return (d);
}

enum op_what { INV, PAY, PREPAY, ALLOC, REFUND, MANUAL };

struct op {
	enum op_what	 what;
	const char	*day;
	const char	*cust;
	int64_t		 amount;
	int64_t		 tax;		/* INV: of amount */
	enum pay_method	 method;
	const char	*dr, *cr;	/* MANUAL */
	const char	*memo;
	uint64_t	 id;
};

static int
run_fn(struct db_txn *tx, void *arg, char **cause)
{
	struct op	*o = arg;
	static struct company as;
	struct entry	 e;
	int		 rc;

	tx->now = at(o->day);
	as = *tx->co;
	as.user = (char *)"tester";
	tx->co = &as;
	switch (o->what) {
	case INV:
		if ((rc = invoice_create(tx, 0, o->cust, o->amount, &o->id,
		    cause)) != 0)
			return (rc);
		entry_init(&e, o->amount > 0 ? ENTRY_SHIPMENT : ENTRY_RETURN,
		    o->memo != NULL ? o->memo : "invoice");
		e.doc = o->id;
		entry_add_role(&e, tx->co->cfg, ACCT_RECEIVABLE, o->amount,
		    o->cust);
		entry_add_role(&e, tx->co->cfg, o->amount > 0 ? ACCT_REVENUE :
		    ACCT_RETURNS, -(o->amount - o->tax), NULL);
		entry_add_role(&e, tx->co->cfg, ACCT_TAX, -o->tax, NULL);
		rc = ledger_post(tx, &e, cause);
		entry_free(&e);
		return (rc);
	case PAY:
	case PREPAY:
		return (pay_record(tx, o->cust, o->amount, o->method,
		    o->what == PREPAY, "", &o->id, cause));
	case ALLOC:
		return (pay_allocate(tx, o->cust, NULL, 0, NULL, cause));
	case REFUND:
		return (pay_refund(tx, o->cust, o->amount, o->method, "",
		    &o->id, cause));
	case MANUAL:
		entry_init(&e, ENTRY_MANUAL, o->memo);
		entry_add(&e, o->dr, o->amount, NULL);
		entry_add(&e, o->cr, -o->amount, NULL);
		rc = ledger_post_manual(tx, &e, cause);
		o->id = e.id;
		entry_free(&e);
		return (rc);
	}
	return (ORDO_EINVAL);
}

static uint64_t
run(struct tco *t, struct op o)
{
	free(why);
	why = NULL;
	if (db_write(t->db, run_fn, &o, &why) != 0)
		fail_msg("%s: %s", o.day, why);
	return (o.id);
}

static int
add_customers(struct db_txn *tx, void *arg, char **cause)
{
	static const char *codes[] = { "C1", "C2", "C3" };
	struct customer	 c;
	size_t		 i;
	int		 rc;

	(void)arg;
	for (i = 0; i < 3; i++) {
		memset(&c, 0, sizeof c);
		c.code = (char *)codes[i];
		c.name = (char *)"Customer";
		if ((rc = customer_add(tx, &c, cause)) != 0)
			return (rc);
	}
	return (0);
}

static struct tco *
setup(void)
{
	struct tco	*t = t_open();

	assert_int_equal(t_write(t, add_customers, NULL), 0);
	return (t);
}

/* Trial balance. */

#define MAXROWS	64

struct tb {
	int32_t		 from, to;
	int		 pl;
	size_t		 n;
	char		*code[MAXROWS];
	int		 type[MAXROWS];
	int64_t		 bal[MAXROWS];
	int64_t		 stored[MAXROWS];
	int64_t		 total;
	struct db_txn	*tx;
	int		 rc;
};

static void
tb_row(const struct tb_row *r, void *arg)
{
	struct tb	*tb = arg;

	if (tb->n == MAXROWS)
		return;
	tb->code[tb->n] = xstrdup(r->code);
	tb->type[tb->n] = r->type;
	tb->bal[tb->n] = r->balance;
	ledger_balance(tb->tx, r->code, &tb->stored[tb->n]);
	tb->n++;
}

static int
tb_fn(struct db_txn *tx, void *arg, char **cause)
{
	struct tb	*tb = arg;

	(void)cause;
	tb->tx = tx;
	if (tb->pl)
		tb->rc = report_profit_loss(tx, tb->from, tb->to, tb_row, tb,
		    &tb->total);
	else
		tb->rc = report_trial_balance(tx, tb->from, tb->to, tb_row,
		    tb, &tb->total);
	return (0);
}

static int64_t
row(struct tb *tb, const char *code)
{
	size_t	 i;

	for (i = 0; i < tb->n; i++)
		if (strcmp(tb->code[i], code) == 0)
			return (tb->bal[i]);
	fail_msg("no row %s", code);
	return (0);
}

static void
tb_free(struct tb *tb)
{
	size_t	 i;

	for (i = 0; i < tb->n; i++)
		free(tb->code[i]);
	tb->n = 0;
}

/* Only the named rows are non-zero. */
static void
tb_others_zero(struct tb *tb, const char **codes)
{
	size_t	 i, j;

	for (i = 0; i < tb->n; i++) {
		for (j = 0; codes[j] != NULL; j++)
			if (strcmp(codes[j], tb->code[i]) == 0)
				break;
		if (codes[j] == NULL && tb->bal[i] != 0)
			fail_msg("row %s is %lld", tb->code[i],
			    (long long)tb->bal[i]);
	}
}

static void
test_trial_balance(void **state)
{
	struct tco	*t = setup();
	struct tb	 tb;
	const char	*used[] = { "1001", "1122", "5001", "2221", "5602",
			    NULL };
	size_t		 i;

	(void)state;
	run(t, (struct op){ .what = INV, .day = "2026-01-05", .cust = "C1",
	    .amount = 11300, .tax = 1300 });
	run(t, (struct op){ .what = MANUAL, .day = "2026-01-20",
	    .dr = "5602", .cr = "1001", .amount = 5000, .memo = "tea" });
	run(t, (struct op){ .what = PAY, .day = "2026-02-10", .cust = "C1",
	    .amount = 11300, .method = PAY_CASH });
	run(t, (struct op){ .what = INV, .day = "2026-02-15", .cust = "C2",
	    .amount = 22600, .tax = 2600 });

	/* All dates: every account of the chart, equal to its balance. */
	memset(&tb, 0, sizeof tb);
	tb.from = INT32_MIN;
	tb.to = INT32_MAX;
	assert_int_equal(t_read(t, tb_fn, &tb), 0);
	assert_int_equal(tb.rc, 0);
	assert_int_equal(tb.n, 26);
	assert_int_equal(tb.total, 0);
	for (i = 0; i < tb.n; i++)
		assert_int_equal(tb.bal[i], tb.stored[i]);
	assert_string_equal(tb.code[0], "1001");
	assert_string_equal(tb.code[19], "5001.90");
	assert_int_equal(row(&tb, "1001"), -5000 + 11300);
	assert_int_equal(row(&tb, "1122"), 22600);
	assert_int_equal(row(&tb, "5001"), -30000);
	assert_int_equal(row(&tb, "2221"), -3900);
	assert_int_equal(row(&tb, "5602"), 5000);
	tb_others_zero(&tb, used);
	tb_free(&tb);

	/* February only. */
	memset(&tb, 0, sizeof tb);
	tb.from = dayof("2026-02-01");
	tb.to = dayof("2026-02-28");
	assert_int_equal(t_read(t, tb_fn, &tb), 0);
	assert_int_equal(tb.total, 0);
	assert_int_equal(row(&tb, "1001"), 11300);
	assert_int_equal(row(&tb, "1122"), -11300 + 22600);
	assert_int_equal(row(&tb, "5001"), -20000);
	assert_int_equal(row(&tb, "2221"), -2600);
	assert_int_equal(row(&tb, "5602"), 0);
	tb_others_zero(&tb, used);
	tb_free(&tb);

	/* January 20 alone: the manual entry. */
	memset(&tb, 0, sizeof tb);
	tb.from = tb.to = dayof("2026-01-20");
	assert_int_equal(t_read(t, tb_fn, &tb), 0);
	assert_int_equal(row(&tb, "5602"), 5000);
	assert_int_equal(row(&tb, "1001"), -5000);
	assert_int_equal(row(&tb, "1122"), 0);
	tb_free(&tb);

	/* P&L: income and expense rows; 300.00 - 50.00 profit. */
	memset(&tb, 0, sizeof tb);
	tb.from = INT32_MIN;
	tb.to = INT32_MAX;
	tb.pl = 1;
	assert_int_equal(t_read(t, tb_fn, &tb), 0);
	assert_int_equal(tb.rc, 0);
	assert_int_equal(tb.n, 8);
	for (i = 0; i < tb.n; i++)
		assert_true(tb.type[i] == ACCT_INCOME ||
		    tb.type[i] == ACCT_EXPENSE);
	assert_int_equal(tb.total, 25000);
	tb_free(&tb);
	memset(&tb, 0, sizeof tb);
	tb.from = INT32_MIN;
	tb.to = dayof("2026-01-31");
	tb.pl = 1;
	assert_int_equal(t_read(t, tb_fn, &tb), 0);
	assert_int_equal(tb.total, 10000 - 5000);
	tb_free(&tb);
	t_close(t);
}

/* Statements. */

struct st {
	const char	*cust;
	int32_t		 from, to;
	size_t		 n;
	char		 kind[16][16];
	int64_t		 debit[16], credit[16], bal[16];
	struct stmt	 s;
	int64_t		 owed;		/* AR + PP now */
	int		 rc;
};

static void
st_row(const struct stmt_row *r, void *arg)
{
	struct st	*st = arg;

	if (st->n == 16)
		return;
	snprintf(st->kind[st->n], sizeof st->kind[0], "%s", r->kind);
	st->debit[st->n] = r->debit;
	st->credit[st->n] = r->credit;
	st->bal[st->n] = r->balance;
	st->n++;
}

static int
st_fn(struct db_txn *tx, void *arg, char **cause)
{
	struct st	*st = arg;

	(void)cause;
	st->n = 0;
	st->rc = report_statement(tx, st->cust, st->from, st->to, st_row, st,
	    &st->s, NULL);
	st->owed = ledger_customer_balance(tx, st->cust, ACCT_RECEIVABLE) +
	    ledger_customer_balance(tx, st->cust, ACCT_PREPAYMENTS);
	return (0);
}

static void
stmt_book(struct tco *t)
{
	run(t, (struct op){ .what = INV, .day = "2026-01-05", .cust = "C1",
	    .amount = 10000 });
	run(t, (struct op){ .what = PAY, .day = "2026-01-10", .cust = "C1",
	    .amount = 6000 });
	run(t, (struct op){ .what = INV, .day = "2026-02-03", .cust = "C1",
	    .amount = 5000 });
	run(t, (struct op){ .what = INV, .day = "2026-02-04", .cust = "C2",
	    .amount = 99900 });
	run(t, (struct op){ .what = PREPAY, .day = "2026-02-10",
	    .cust = "C1", .amount = 3000, .method = PAY_BANK });
	run(t, (struct op){ .what = INV, .day = "2026-02-15", .cust = "C1",
	    .amount = -1000 });
	run(t, (struct op){ .what = PAY, .day = "2026-02-20", .cust = "C1",
	    .amount = 8000, .method = PAY_CARD });
	run(t, (struct op){ .what = ALLOC, .day = "2026-02-21",
	    .cust = "C1" });
	run(t, (struct op){ .what = REFUND, .day = "2026-03-01",
	    .cust = "C1", .amount = 2000 });
}

static void
test_statement(void **state)
{
	struct tco	*t = setup();
	struct st	 st;

	(void)state;
	stmt_book(t);

	/* February: opening 100.00 - 60.00 = 40.00. */
	memset(&st, 0, sizeof st);
	st.cust = "C1";
	st.from = dayof("2026-02-01");
	st.to = dayof("2026-02-28");
	assert_int_equal(t_read(t, st_fn, &st), 0);
	assert_int_equal(st.rc, 0);
	assert_int_equal(st.s.opening, 4000);
	assert_int_equal(st.n, 4);
	assert_string_equal(st.kind[0], "invoice");
	assert_int_equal(st.debit[0], 5000);
	assert_int_equal(st.bal[0], 9000);
	assert_string_equal(st.kind[1], "prepayment");
	assert_int_equal(st.credit[1], 3000);
	assert_int_equal(st.bal[1], 6000);
	assert_string_equal(st.kind[2], "credit note");
	assert_int_equal(st.credit[2], 1000);
	assert_int_equal(st.debit[2], 0);
	assert_int_equal(st.bal[2], 5000);
	assert_string_equal(st.kind[3], "payment");
	assert_int_equal(st.credit[3], 8000);
	assert_int_equal(st.bal[3], -3000);
	assert_int_equal(st.s.invoiced, 5000);
	assert_int_equal(st.s.paid, 12000);
	assert_int_equal(st.s.closing, -3000);

	/* March: the refund of 20.00 against the 30.00 credit. */
	st.from = dayof("2026-03-01");
	st.to = dayof("2026-03-31");
	assert_int_equal(t_read(t, st_fn, &st), 0);
	assert_int_equal(st.s.opening, -3000);
	assert_int_equal(st.n, 1);
	assert_string_equal(st.kind[0], "refund");
	assert_int_equal(st.debit[0], 2000);
	assert_int_equal(st.s.closing, -1000);

	/* Everything: closing equals the books. */
	st.from = INT32_MIN;
	st.to = INT32_MAX;
	assert_int_equal(t_read(t, st_fn, &st), 0);
	assert_int_equal(st.n, 7);
	assert_int_equal(st.s.opening, 0);
	assert_int_equal(st.s.invoiced, 10000 + 5000 + 2000);
	assert_int_equal(st.s.paid, 6000 + 3000 + 1000 + 8000);
	assert_int_equal(st.s.closing, -1000);
	assert_int_equal(st.owed, -1000);

	/* C2 sees only its own invoice. */
	st.cust = "C2";
	assert_int_equal(t_read(t, st_fn, &st), 0);
	assert_int_equal(st.n, 1);
	assert_int_equal(st.s.closing, 99900);
	assert_int_equal(st.owed, 99900);

	/* A period that ends before it starts. */
	st.from = dayof("2026-03-01");
	st.to = dayof("2026-02-01");
	assert_int_equal(t_read(t, st_fn, &st), 0);
	assert_int_equal(st.rc, ORDO_EINVAL);
	t_close(t);
}

/* Ageing. */

struct ag {
	int32_t		 day;
	size_t		 n;
	struct aging_row r[8];
	char		 cust[8][16];
	struct aging_row tot;
	int		 rc;
};

static void
ag_row(const struct aging_row *r, void *arg)
{
	struct ag	*ag = arg;

	if (ag->n == 8)
		return;
	ag->r[ag->n] = *r;
	snprintf(ag->cust[ag->n], sizeof ag->cust[0], "%s", r->customer);
	ag->n++;
}

static int
ag_fn(struct db_txn *tx, void *arg, char **cause)
{
	struct ag	*ag = arg;

	(void)cause;
	ag->n = 0;
	ag->rc = report_aging(tx, ag->day, ag_row, ag, &ag->tot);
	return (0);
}

static void
test_aging(void **state)
{
	struct tco	*t = setup();
	struct ag	 ag;

	(void)state;
	/* C1: one invoice on each side of every boundary, as of 06-30. */
	run(t, (struct op){ .what = INV, .day = "2026-03-31", .cust = "C1",
	    .amount = 64000 });		/* 91 days */
	run(t, (struct op){ .what = INV, .day = "2026-04-01", .cust = "C1",
	    .amount = 32000 });		/* 90 */
	run(t, (struct op){ .what = INV, .day = "2026-04-30", .cust = "C1",
	    .amount = 16000 });		/* 61 */
	run(t, (struct op){ .what = INV, .day = "2026-05-01", .cust = "C1",
	    .amount = 8000 });		/* 60 */
	run(t, (struct op){ .what = INV, .day = "2026-05-01", .cust = "C3",
	    .amount = 3000 });
	run(t, (struct op){ .what = PAY, .day = "2026-05-02", .cust = "C3",
	    .amount = 3000 });
	run(t, (struct op){ .what = ALLOC, .day = "2026-05-02",
	    .cust = "C3" });
	run(t, (struct op){ .what = INV, .day = "2026-05-30", .cust = "C1",
	    .amount = 4000 });		/* 31 */
	run(t, (struct op){ .what = INV, .day = "2026-05-31", .cust = "C1",
	    .amount = 2000 });		/* 30 */
	run(t, (struct op){ .what = INV, .day = "2026-06-01", .cust = "C2",
	    .amount = 5000 });		/* 29 */
	run(t, (struct op){ .what = PAY, .day = "2026-06-02", .cust = "C2",
	    .amount = 7000 });		/* not allocated */
	run(t, (struct op){ .what = INV, .day = "2026-06-30", .cust = "C1",
	    .amount = 1000 });		/* 0 */
	run(t, (struct op){ .what = INV, .day = "2026-07-05", .cust = "C1",
	    .amount = 100 });		/* dated after the day */

	memset(&ag, 0, sizeof ag);
	ag.day = dayof("2026-06-30");
	assert_int_equal(t_read(t, ag_fn, &ag), 0);
	assert_int_equal(ag.rc, 0);
	assert_int_equal(ag.n, 2);	/* C3 owes nothing */
	assert_string_equal(ag.cust[0], "C1");
	assert_int_equal(ag.r[0].current, 1100);
	assert_int_equal(ag.r[0].d1_30, 2000);
	assert_int_equal(ag.r[0].d31_60, 4000 + 8000);
	assert_int_equal(ag.r[0].d61_90, 16000 + 32000);
	assert_int_equal(ag.r[0].over90, 64000);
	assert_int_equal(ag.r[0].credit, 0);
	assert_int_equal(ag.r[0].total, 127100);
	assert_string_equal(ag.cust[1], "C2");
	assert_int_equal(ag.r[1].d1_30, 5000);
	assert_int_equal(ag.r[1].credit, -7000);
	assert_int_equal(ag.r[1].total, -2000);
	assert_null(ag.tot.customer);
	assert_int_equal(ag.tot.d1_30, 7000);
	assert_int_equal(ag.tot.credit, -7000);
	assert_int_equal(ag.tot.total, 125100);

	/* A week later every invoice is a week older. */
	ag.day = dayof("2026-07-07");
	assert_int_equal(t_read(t, ag_fn, &ag), 0);
	assert_int_equal(ag.r[0].current, 0);
	assert_int_equal(ag.r[0].d1_30, 1000 + 100);
	assert_int_equal(ag.r[0].d31_60, 2000 + 4000);
	assert_int_equal(ag.r[0].d61_90, 8000 + 16000);
	assert_int_equal(ag.r[0].over90, 64000 + 32000);
	t_close(t);
}

/* Export. */

struct ex {
	char	*text;
	size_t	 len;
	int	 rc;
};

static int
ex_fn(struct db_txn *tx, void *arg, char **cause)
{
	struct ex	*ex = arg;
	FILE		*fp;

	(void)cause;
	free(ex->text);
	ex->text = NULL;
	fp = open_memstream(&ex->text, &ex->len);
	assert_non_null(fp);
	ex->rc = report_export_journal(tx, fp, NULL);
	fclose(fp);
	return (0);
}

static const char expect_head[] =
    "; ordo journal: Harbour Street Trading 海港街贸易\n"
    "\n"
    "commodity 1000.00 CNY\n"
    "\n"
    "account assets:1001 Cash 库存现金\n"
    "account assets:1002 Bank deposits 银行存款\n"
    "account assets:1012 Card and wallet clearing 其他货币资金\n"
    "account assets:1122 Accounts receivable 应收账款\n"
    "account assets:1123 Advances to suppliers 预付账款\n"
    "account assets:1221 Other receivables 其他应收款\n"
    "account assets:1405 Inventory 库存商品\n"
    "account assets:1601 Fixed assets 固定资产\n"
    "account assets:1602 Accumulated depreciation 累计折旧\n"
    "account liabilities:2001 Short-term loans 短期借款\n"
    "account liabilities:2202 Accounts payable 应付账款\n"
    "account liabilities:2203 Customer prepayments 预收账款\n"
    "account liabilities:2211 Payroll payable 应付职工薪酬\n"
    "account liabilities:2221 VAT and taxes payable 应交税费\n"
    "account liabilities:2241 Other payables 其他应付款\n"
    "account equity:3001 Paid-in capital 实收资本\n"
    "account equity:3103 Current-year profit 本年利润\n"
    "account equity:3104 Retained earnings 利润分配\n"
    "account income:5001 Sales revenue 主营业务收入\n"
    "account income:5001.90 Sales returns and allowances 销售退回\n"
    "account income:5051 Shipping charged 其他业务收入\n"
    "account expenses:5401 Cost of goods sold 主营业务成本\n"
    "account expenses:5601 Selling and channel fees 销售费用\n"
    "account expenses:5602 Administrative expenses 管理费用\n"
    "account expenses:5603 Bank charges and interest 财务费用\n"
    "account expenses:5711 Stock losses and write-offs 营业外支出\n"
    "\n";

static const char expect_body[] =
    "2026-01-04 #1 order 7 shipment, \"gift\" wrap  ; kind:shipment, "
    "user:tester, doc:1\n"
    "    assets:1122 Accounts receivable 应收账款  113.00 CNY  "
    "; customer:C1\n"
    "    income:5001 Sales revenue 主营业务收入  -100.00 CNY "
    "= -100.00 CNY\n"
    "    liabilities:2221 VAT and taxes payable 应交税费  -13.00 CNY "
    "= -13.00 CNY\n"
    "\n"
    "2026-01-07 #2 payment 1 from C1 by cash  ; kind:payment, "
    "user:tester, doc:1\n"
    "    assets:1001 Cash 库存现金  200.00 CNY\n"
    "    assets:1122 Accounts receivable 应收账款  -200.00 CNY  "
    "; customer:C1\n"
    "\n"
    "2026-01-13 #3 stamps  ; kind:manual, user:tester\n"
    "    expenses:5602 Administrative expenses 管理费用  0.05 CNY "
    "= 0.05 CNY\n"
    "    assets:1001 Cash 库存现金  -0.05 CNY = 199.95 CNY\n"
    "\n"
    "2026-01-16 #4 refund 2 to C1 by bank  ; kind:refund, user:tester, "
    "doc:2\n"
    "    assets:1122 Accounts receivable 应收账款  87.00 CNY "
    "= 0.00 CNY  ; customer:C1\n"
    "    assets:1002 Bank deposits 银行存款  -87.00 CNY = -87.00 CNY\n"
    "\n";

static void
test_export(void **state)
{
	struct tco	*t = setup();
	struct ex	 ex;
	char		*want, path[] = "/tmp/ordo-journal.XXXXXX", *cmd;
	FILE		*fp;
	int		 fd;

	(void)state;
	memset(&ex, 0, sizeof ex);
	/* An empty book: declarations only. */
	assert_int_equal(t_read(t, ex_fn, &ex), 0);
	assert_int_equal(ex.rc, 0);
	assert_string_equal(ex.text, expect_head);

	run(t, (struct op){ .what = INV, .day = "2026-01-04", .cust = "C1",
	    .amount = 11300, .tax = 1300,
	    .memo = "order 7 shipment; \"gift\"\twrap\n" });
	run(t, (struct op){ .what = PAY, .day = "2026-01-07", .cust = "C1",
	    .amount = 20000, .method = PAY_CASH });
	run(t, (struct op){ .what = ALLOC, .day = "2026-01-08",
	    .cust = "C1" });
	run(t, (struct op){ .what = MANUAL, .day = "2026-01-13",
	    .dr = "5602", .cr = "1001", .amount = 5, .memo = "stamps" });
	run(t, (struct op){ .what = REFUND, .day = "2026-01-16",
	    .cust = "C1", .amount = 8700, .method = PAY_BANK });
	assert_int_equal(t_read(t, ex_fn, &ex), 0);
	assert_int_equal(ex.rc, 0);
	xasprintf(&want, "%s%s", expect_head, expect_body);
	assert_string_equal(ex.text, want);
	free(want);

	/* The real hledger, when it is installed, accepts it. */
	if (access("/usr/bin/hledger", X_OK) == 0) {
		fd = mkstemp(path);
		assert_true(fd != -1);
		fp = fdopen(fd, "w");
		fputs(ex.text, fp);
		fclose(fp);
		xasprintf(&cmd, "/usr/bin/hledger -f %s check -s ordereddates "
		    ">/dev/null 2>&1", path);
		assert_int_equal(system(cmd), 0);
		free(cmd);
		unlink(path);
	}
	free(ex.text);
	t_close(t);
}

static int
teardown_all(void **state)
{
	(void)state;
	free(why);
	why = NULL;
	return (0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_trial_balance),
		cmocka_unit_test(test_statement),
		cmocka_unit_test(test_aging),
		cmocka_unit_test(test_export),
	};

	return (cmocka_run_group_tests(tests, NULL, teardown_all));
}
