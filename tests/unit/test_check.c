/*
 * test_check.c: the invariant checker.  A small company is built through
 * the real events (stock received, orders confirmed and shipped, an
 * import, payments, a refund, a manual entry and its reversal) and must
 * pass; then one materialised value at a time is damaged with a raw
 * db_put, and check_all must report exactly that violation.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testlib.h"

#include "ordo/check.h"
#include "ordo/codec.h"
#include "ordo/customer.h"
#include "ordo/error.h"
#include "ordo/item.h"
#include "ordo/ledger.h"
#include "ordo/order.h"
#include "ordo/payment.h"
#include "ordo/stock.h"
#include "ordo/xmalloc.h"

#define S(x)	((char *)(x))

static int
add_item(struct db_txn *tx, const char *sku, int64_t price, char **cause)
{
	struct item	 it;

	memset(&it, 0, sizeof it);
	it.sku = S(sku);
	it.barcode = S("");
	it.name = S(sku);
	it.unit = S("pcs");
	it.bin = S("");
	it.price = price;
	it.tax_rate = -1;
	it.active = 1;
	return (item_add(tx, &it, cause));
}

static int
add_customer(struct db_txn *tx, const char *code, char **cause)
{
	struct customer	 c;

	memset(&c, 0, sizeof c);
	c.code = S(code);
	c.name = S("Customer");
	return (customer_add(tx, &c, cause));
}

/* Make an order of one line and return its id. */
static int
new_order(struct db_txn *tx, const char *cust, const char *chan,
    const char *ext, const char *sku, int64_t qty, uint64_t *id,
    char **cause)
{
	struct order		 o;
	struct order_line	 l;
	int			 rc;

	memset(&o, 0, sizeof o);
	memset(&l, 0, sizeof l);
	o.customer = S(cust);
	o.channel = S(chan);
	o.ext_id = S(ext);
	o.loc = S("WH");
	l.sku = S(sku);
	l.qty = qty;
	l.unit_price = -1;
	l.tax_rate = -1;
	l.loc = S("WH");
	o.lines = &l;
	o.nlines = 1;
	rc = order_new(tx, &o, cause);
	*id = o.id;
	return (rc);
}

static int
build(struct db_txn *tx, void *arg, char **cause)
{
	struct entry	 e;
	uint64_t	 o1, o2, o3, id;
	int		 rc;

	(void)arg;
	if ((rc = add_item(tx, "TEA-1", 1000, cause)) != 0 ||
	    (rc = add_item(tx, "CUP-2", 2500, cause)) != 0 ||
	    (rc = add_customer(tx, "C1", cause)) != 0 ||
	    (rc = add_customer(tx, "C2", cause)) != 0 ||
	    (rc = stock_receive(tx, "TEA-1", "WH", 20, 100, "po-1", NULL,
	    cause)) != 0 ||
	    (rc = stock_receive(tx, "CUP-2", "WH", 10, 250, "po-2", NULL,
	    cause)) != 0)
		return (rc);
	/* Shipped and paid, with some credit left over. */
	if ((rc = new_order(tx, "C1", "", "", "TEA-1", 3, &o1, cause)) != 0 ||
	    (rc = order_confirm(tx, o1, ORDER_ANY_VERSION, cause)) != 0 ||
	    (rc = order_ship(tx, o1, ORDER_ANY_VERSION, NULL, 0, "", "",
	    NULL, cause)) != 0 ||
	    (rc = pay_record(tx, "C1", 5000, PAY_CASH, 0, "", &id,
	    cause)) != 0 ||
	    (rc = pay_allocate(tx, "C1", NULL, 0, NULL, cause)) != 0 ||
	    (rc = pay_refund(tx, "C1", 100, PAY_CASH, "", &id, cause)) != 0)
		return (rc);
	/* Confirmed, holding stock; a prepayment waits for it. */
	if ((rc = new_order(tx, "C2", "", "", "CUP-2", 2, &o2, cause)) != 0 ||
	    (rc = order_confirm(tx, o2, ORDER_ANY_VERSION, cause)) != 0 ||
	    (rc = pay_record(tx, "C2", 3000, PAY_BANK, 1, "", &id,
	    cause)) != 0)
		return (rc);
	/* An imported draft. */
	if ((rc = new_order(tx, "C2", "shopify", "1001", "TEA-1", 1, &o3,
	    cause)) != 0)
		return (rc);
	/* A manual entry and its reversal, and one that stays. */
	entry_init(&e, ENTRY_MANUAL, "stamps");
	entry_add(&e, "5602", 500, NULL);
	entry_add(&e, "1001", -500, NULL);
	rc = ledger_post_manual(tx, &e, cause);
	id = e.id;
	entry_free(&e);
	if (rc != 0 ||
	    (rc = ledger_reverse_manual(tx, id, NULL, NULL, cause)) != 0)
		return (rc);
	entry_init(&e, ENTRY_MANUAL, "tea for the shop");
	entry_add(&e, "5602", 1234, NULL);
	entry_add(&e, "1001", -1234, NULL);
	rc = ledger_post_manual(tx, &e, cause);
	entry_free(&e);
	return (rc);
}

#define MAXV	16

struct viols {
	long	 n;
	size_t	 got;
	char	*msg[MAXV];
};

static void
collect(const char *s, void *arg)
{
	struct viols	*v = arg;

	print_message("# violation: %s\n", s);
	if (v->got < MAXV)
		v->msg[v->got++] = xstrdup(s);
}

static int
check_fn(struct db_txn *tx, void *arg, char **cause)
{
	struct viols	*v = arg;

	(void)cause;
	v->n = check_all(tx, collect, v);
	return (0);
}

static void
viols_free(struct viols *v)
{
	size_t	 i;

	for (i = 0; i < v->got; i++)
		free(v->msg[i]);
	memset(v, 0, sizeof *v);
}

static struct tco *
company(void)
{
	struct tco	*t = t_open();
	struct viols	 v;

	assert_int_equal(t_write(t, build, NULL), 0);
	memset(&v, 0, sizeof v);
	assert_int_equal(t_read(t, check_fn, &v), 0);
	assert_int_equal(v.n, 0);
	viols_free(&v);
	return (t);
}

/* Damage with fn, then exactly the expected sentences (NULL-ended). */
static void
expect(struct tco *t, db_fn fn, void *arg, const char **want)
{
	struct viols	 v;
	size_t		 i, n;

	assert_int_equal(t_write(t, fn, arg), 0);
	memset(&v, 0, sizeof v);
	assert_int_equal(t_read(t, check_fn, &v), 0);
	for (n = 0; want[n] != NULL; n++)
		;
	assert_int_equal(v.n, (long)n);
	assert_int_equal(v.got, n);
	for (i = 0; i < n; i++) {
		if (strstr(v.msg[i], want[i]) == NULL)
			fail_msg("violation %zu: \"%s\" does not say \"%s\"",
			    i + 1, v.msg[i], want[i]);
	}
	viols_free(&v);
}

static void
test_clean(void **state)
{
	struct tco	*t;

	(void)state;
	t = company();
	t_close(t);
}

static int
bump_account(struct db_txn *tx, void *arg, char **cause)
{
	struct account	 a;
	struct buf	 v;
	int		 rc;

	(void)arg;
	(void)cause;
	if ((rc = ledger_account_get(tx, "1001", &a)) != 0)
		return (rc);
	buf_init(&v);
	enc_u8(&v, 1);
	enc_str(&v, a.name);
	enc_u8(&v, (uint8_t)a.type);
	enc_i64(&v, a.balance + 1);
	rc = db_put(tx, TB_ACCOUNTS, "1001", 4, v.d, v.len, 0);
	buf_free(&v);
	ledger_account_free(&a);
	return (rc);
}

static void
test_account_balance(void **state)
{
	struct tco	*t = company();
	const char	*want[] = { "Account 1001 holds a balance of ", NULL };

	(void)state;
	expect(t, bump_account, NULL, want);
	t_close(t);
}

/* Rewrite a stock row: which 0 on hand, 1 reserved, 2 value. */
static int
bump_stock(struct db_txn *tx, void *arg, char **cause)
{
	int		 which = *(int *)arg;
	struct buf	 k, v;
	struct rd	 rd;
	MDB_val		 val;
	int64_t		 f[3];
	int		 rc, i;

	(void)cause;
	buf_init(&k);
	buf_init(&v);
	key_str(&k, which == 1 ? "CUP-2" : "TEA-1");
	key_strn(&k, "WH");
	if ((rc = db_getb(tx, TB_STOCK, &k, &val)) != 0)
		goto out;
	rd_init(&rd, val.mv_data, val.mv_size);
	assert_int_equal(dec_u8(&rd), 1);
	for (i = 0; i < 3; i++)
		f[i] = dec_i64(&rd);
	assert_true(rd_ok(&rd));
	if (which == 1)
		f[1] = 0;
	else
		f[which] += 1;
	enc_u8(&v, 1);
	for (i = 0; i < 3; i++)
		enc_i64(&v, f[i]);
	rc = db_putb(tx, TB_STOCK, &k, &v, 0);
out:
	buf_free(&k);
	buf_free(&v);
	return (rc);
}

static void
test_stock_row(void **state)
{
	struct tco	*t;
	const char	*on_hand[] = {
		"TEA-1 at WH: on hand 18, but its moves sum to 17.", NULL };
	const char	*reserved[] = {
		"CUP-2 at WH: reserved 0, but open orders hold 2.", NULL };
	const char	*value[] = {
		"TEA-1 at WH: value 17.01, but its moves sum to 17.00.",
		"The inventory account 1405 holds 42.00, but the stock is "
		"worth 42.01.", NULL };
	int		 which;

	(void)state;
	t = company();
	which = 0;
	expect(t, bump_stock, &which, on_hand);
	t_close(t);

	t = company();
	which = 1;
	expect(t, bump_stock, &which, reserved);
	t_close(t);

	/* A value is two facts: the row and the inventory account. */
	t = company();
	which = 2;
	expect(t, bump_stock, &which, value);
	t_close(t);
}

/*
 * Make the last manual entry (5602 12.34 / 1001 -12.34) unbalanced:
 * its expense posting becomes 12.35, and the account balance follows,
 * so only the entry itself is wrong.
 */
static int
unbalance(struct db_txn *tx, void *arg, char **cause)
{
	struct entry	 e;
	struct account	 a;
	struct buf	 k, v;
	uint64_t	 id = db_seq_peek(tx, "journal");
	int		 rc;

	(void)arg;
	if ((rc = ledger_get(tx, id, &e, cause)) != 0)
		return (rc);
	assert_string_equal(e.p[0].account, "5602");
	assert_int_equal(e.p[0].amount, 1234);
	buf_init(&k);
	buf_init(&v);
	key_u64(&k, id);
	key_u16(&k, 0);
	enc_u8(&v, 1);
	enc_str(&v, "5602");
	enc_i64(&v, 1235);
	enc_str(&v, "");
	rc = db_putb(tx, TB_POSTINGS, &k, &v, 0);
	entry_free(&e);
	if (rc == 0 && (rc = ledger_account_get(tx, "5602", &a)) == 0) {
		buf_reset(&v);
		enc_u8(&v, 1);
		enc_str(&v, a.name);
		enc_u8(&v, (uint8_t)a.type);
		enc_i64(&v, a.balance + 1);
		rc = db_put(tx, TB_ACCOUNTS, "5602", 4, v.d, v.len, 0);
		ledger_account_free(&a);
	}
	buf_free(&k);
	buf_free(&v);
	return (rc);
}

static void
test_unbalanced_entry(void **state)
{
	struct tco	*t = company();
	/* The day's and the month's sums of the account see it too. */
	const char	*want[] = { "does not balance: off by 0.01.",
			    "the aggregate holds sum 12.34, but the facts "
			    "give sum 12.35.", "the aggregate holds sum 12.34, "
			    "but the facts give sum 12.35.", NULL };

	(void)state;
	expect(t, unbalance, NULL, want);
	t_close(t);
}

static int
bump_cust(struct db_txn *tx, void *arg, char **cause)
{
	struct buf	 k, v;
	int		 rc;

	(void)arg;
	(void)cause;
	buf_init(&k);
	buf_init(&v);
	key_str(&k, "C2");
	key_strn(&k, "1122");
	enc_u8(&v, 1);
	enc_i64(&v, 777);
	rc = db_putb(tx, TB_CUST_BAL, &k, &v, 0);
	buf_free(&k);
	buf_free(&v);
	return (rc);
}

static int
dup_ext(struct db_txn *tx, void *arg, char **cause)
{
	struct buf	 k, v;
	int		 rc;

	(void)arg;
	(void)cause;
	buf_init(&k);
	buf_init(&v);
	key_str(&k, "shopify");
	key_strn(&k, "1002");
	key_u64(&v, 1);
	rc = db_putb(tx, TB_ORD_BY_EXT, &k, &v, 0);
	buf_free(&k);
	buf_free(&v);
	return (rc);
}

/* Settle part of an invoice without an allocation. */
static int
bump_invoice(struct db_txn *tx, void *arg, char **cause)
{
	struct buf	 k, v;
	struct invoice	 inv;
	int		 rc;

	(void)arg;
	(void)cause;
	if ((rc = invoice_get(tx, 1, &inv)) != 0)
		return (rc);
	buf_init(&k);
	buf_init(&v);
	key_u64(&k, 1);
	enc_u8(&v, 1);
	enc_u64(&v, inv.order);
	enc_str(&v, inv.customer);
	enc_i64(&v, inv.time);
	enc_i64(&v, inv.amount);
	enc_i64(&v, inv.open + 100);
	rc = db_putb(tx, TB_INVOICES, &k, &v, 0);
	buf_free(&k);
	buf_free(&v);
	invoice_free(&inv);
	return (rc);
}

static void
test_other(void **state)
{
	struct tco	*t;
	const char	*cust[] = { "Customer C2 holds 7.77 on account 1122, "
			    "but the postings naming the customer sum to 0.00.",
			    NULL };
	const char	*ext[] = { "The index of external order ids holds 2 "
			    "entries for 1 imported orders.",
			    "External id 1002 on channel shopify points at "
			    "order 1, which does not have it.", NULL };
	/* An open amount is seen from the allocations and the books. */
	const char	*inv[] = { "Invoice 1: 32.90 is settled but its "
			    "allocations sum to 33.90.", "Customer C1: the "
			    "receivable account holds -15.10 from postings, "
			    "but open invoices and unallocated payments come "
			    "to -14.10.", "Invoice 1: 1.00 is open, but the "
			    "open items hold 0.00.", "The open items hold 2 "
			    "documents, but 3 invoices and payments are open.",
			    NULL };

	(void)state;
	t = company();
	expect(t, bump_cust, NULL, cust);
	t_close(t);
	t = company();
	expect(t, dup_ext, NULL, ext);
	t_close(t);
	t = company();
	expect(t, bump_invoice, NULL, inv);
	t_close(t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_clean),
		cmocka_unit_test(test_account_balance),
		cmocka_unit_test(test_stock_row),
		cmocka_unit_test(test_unbalanced_entry),
		cmocka_unit_test(test_other),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
