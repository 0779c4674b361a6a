/*
 * ledger.c: the double-entry books.  See ledger.h for the tables.
 *
 * Record formats (version byte first):
 *   TB_ACCOUNTS  code -> v1 {str name, u8 type, i64 balance}
 *   TB_JOURNAL   u64 id -> v1 {u8 kind, i64 time, str user, str memo,
 *                u64 order, u64 doc, u64 reverses, u16 npostings}
 *   TB_POSTINGS  u64 id, u16 n (0-based) -> v1 {str account, i64 amount,
 *                str customer}
 *   TB_POST_BY_ACCOUNT  code NUL u64 id u16 n -> empty
 *   TB_REVERSALS u64 original -> v1 {u64 reversal}
 *   TB_CUST_BAL  customer NUL account -> v1 {i64 balance}
 *
 * Rules kept here:
 *  - An entry has at least two postings, none of them zero, every account
 *    exists, and the amounts sum to exactly zero.
 *  - A posting names a customer if and only if its account is the
 *    receivable or the customer prepayments account of the chart, and
 *    the customer must exist.  So each of those two accounts always
 *    equals the sum of its customers' balances.
 *  - Entry times never go backwards: an entry is stamped with the later
 *    of tx->now and the previous entry's time, so the journal in id
 *    order is also in time order even if the clock steps back.
 *  - On any error the caller's transaction must be aborted (db_write
 *    does that); checks are done before the first write where possible.
 */
#include <stdlib.h>
#include <string.h>

#include "ordo/agg.h"
#include "ordo/audit.h"
#include "ordo/codec.h"
#include "ordo/company.h"
#include "ordo/config.h"
#include "ordo/core.h"
#include "ordo/customer.h"
#include "ordo/error.h"
#include "ordo/ledger.h"
#include "ordo/money.h"
#include "ordo/text.h"
#include "ordo/xmalloc.h"

#define ROLE_PREFIX	"role:"

static int	 acct_read(struct db_txn *, const char *, struct account *);
static int	 acct_write(struct db_txn *, const struct account *);
static int	 acct_decode(const MDB_val *, const MDB_val *,
		    struct account *);
static int	 entry_decode(struct db_txn *, uint64_t, const MDB_val *,
		    struct entry *);
static int	 postings_read(struct db_txn *, struct entry *);
static int	 last_time(struct db_txn *, int64_t *);
static int	 check_posting(struct db_txn *, const struct entry *, size_t,
		    char **);
static int	 cust_bal_add(struct db_txn *, const char *, const char *,
		    int64_t, char **);
static int	 is_customer_account(const struct config *, const char *);
static int	 touches_kept_account(const struct config *,
		    const struct entry *, const char **);

static const char *entry_kind_names[ENTRY_NKINDS] = {
#define X(id, name) name,
	ENTRY_KINDS
#undef X
};

const char *
entry_kind_name(enum entry_kind k)
{
	if ((unsigned)k >= ENTRY_NKINDS)
		return ("?");
	return (entry_kind_names[k]);
}

/* Accounts. */

static int
acct_decode(const MDB_val *k, const MDB_val *v, struct account *a)
{
	struct rd	 rd;

	memset(a, 0, sizeof *a);
	rd_init(&rd, v->mv_data, v->mv_size);
	if (dec_u8(&rd) != 1)
		return (ORDO_ECORRUPT);
	a->name = dec_str(&rd);
	a->type = dec_u8(&rd);
	a->balance = dec_i64(&rd);
	a->code = xstrndup(k->mv_data, k->mv_size);
	if (!rd_ok(&rd) || a->type > ACCT_EXPENSE) {
		ledger_account_free(a);
		return (ORDO_ECORRUPT);
	}
	return (0);
}

static int
acct_read(struct db_txn *tx, const char *code, struct account *a)
{
	MDB_val	 k, v;
	int	 rc;

	memset(a, 0, sizeof *a);
	if (code == NULL || *code == '\0' || strlen(code) > DB_MAXKEY)
		return (ORDO_ENOTFOUND);
	if ((rc = db_get(tx, TB_ACCOUNTS, code, strlen(code), &v)) != 0)
		return (rc == MDB_NOTFOUND ? ORDO_ENOTFOUND : rc);
	k.mv_data = (void *)code;
	k.mv_size = strlen(code);
	return (acct_decode(&k, &v, a));
}

static int
acct_write(struct db_txn *tx, const struct account *a)
{
	struct buf	 v;
	int		 rc;

	buf_init(&v);
	enc_u8(&v, 1);
	enc_str(&v, a->name);
	enc_u8(&v, (uint8_t)a->type);
	enc_i64(&v, a->balance);
	rc = db_put(tx, TB_ACCOUNTS, a->code, strlen(a->code), v.d, v.len, 0);
	buf_free(&v);
	return (rc);
}

void
ledger_account_free(struct account *a)
{
	free(a->code);
	free(a->name);
	memset(a, 0, sizeof *a);
}

int
ledger_account_get(struct db_txn *tx, const char *code, struct account *a)
{
	return (acct_read(tx, code, a));
}

int
ledger_account_each(struct db_txn *tx,
    int (*fn)(const struct account *, void *), void *arg)
{
	struct db_iter	 it;
	struct account	 a;
	int		 rc;

	if ((rc = db_iter_open(tx, TB_ACCOUNTS, NULL, 0, &it)) != 0)
		return (rc);
	while ((rc = db_iter_next(&it)) == 0) {
		if ((rc = acct_decode(&it.key, &it.val, &a)) != 0)
			break;
		rc = fn(&a, arg);
		ledger_account_free(&a);
		if (rc != 0)
			break;
	}
	db_iter_close(&it);
	return (db_walk_rc(rc));
}

int
ledger_sync_accounts(struct db_txn *tx, char **cause)
{
	const struct config_account	*ca;
	struct account			 a;
	size_t				 i;
	int				 rc;

	if (tx->co->cfg == NULL)
		return (cause_set(cause, ORDO_ECONFIG, "no configuration"));
	for (i = 0; i < tx->co->cfg->naccounts; i++) {
		ca = &tx->co->cfg->accounts[i];
		if (ca->code == NULL || *ca->code == '\0' ||
		    strlen(ca->code) > LEDGER_CODE_MAX ||
		    !utf8_valid(ca->code, strlen(ca->code)))
			return (cause_set(cause, ORDO_ECONFIG, "account %zu: "
			    "bad code (1 to %d bytes of text)", i + 1,
			    LEDGER_CODE_MAX));
		if ((unsigned)ca->type > ACCT_EXPENSE)
			return (cause_set(cause, ORDO_ECONFIG, "account %s: "
			    "bad type", ca->code));
		rc = acct_read(tx, ca->code, &a);
		if (rc == ORDO_ENOTFOUND) {
			a.code = xstrdup(ca->code);
			a.name = xstrdup(ca->name != NULL ? ca->name : "");
			a.type = ca->type;
			a.balance = 0;
		} else if (rc != 0)
			return (cause_set(cause, rc, "account %s: %s",
			    ca->code, ordo_strerror(rc)));
		else if (strcmp(a.name, ca->name != NULL ? ca->name : "") ==
		    0 && a.type == (int)ca->type) {
			ledger_account_free(&a);
			continue;
		} else {
			/* Renamed or retyped in the config: keep the balance. */
			free(a.name);
			a.name = xstrdup(ca->name != NULL ? ca->name : "");
			a.type = ca->type;
		}
		rc = acct_write(tx, &a);
		ledger_account_free(&a);
		if (rc != 0)
			return (cause_set(cause, rc, "account %s: %s",
			    ca->code, ordo_strerror(rc)));
	}
	return (0);
}

/* Entry builder. */

void
entry_init(struct entry *e, enum entry_kind kind, const char *memo)
{
	memset(e, 0, sizeof *e);
	e->kind = kind;
	e->memo = xstrdup(memo != NULL ? memo : "");
}

void
entry_add(struct entry *e, const char *account, int64_t amount,
    const char *customer)
{
	struct posting	*p;

	if (amount == 0)
		return;
	e->p = xreallocarray(e->p, e->np + 1, sizeof *e->p);
	p = &e->p[e->np++];
	p->account = xstrdup(account != NULL ? account : "");
	p->amount = amount;
	p->customer = xstrdup(customer != NULL ? customer : "");
}

void
entry_add_role(struct entry *e, const struct config *cfg,
    enum account_role role, int64_t amount, const char *customer)
{
	const char	*code = NULL;
	char		*tmp;

	if (cfg != NULL)
		code = config_account(cfg, role);
	if (code != NULL) {
		entry_add(e, code, amount, customer);
		return;
	}
	/* No account plays this role: ledger_post will say so. */
	xasprintf(&tmp, ROLE_PREFIX "%s", config_account_role_name(role));
	entry_add(e, tmp, amount, customer);
	free(tmp);
}

void
entry_free(struct entry *e)
{
	size_t	 i;

	for (i = 0; i < e->np; i++) {
		free(e->p[i].account);
		free(e->p[i].customer);
	}
	free(e->p);
	free(e->memo);
	free(e->user);
	memset(e, 0, sizeof *e);
}

/* Posting. */

static int
is_customer_account(const struct config *cfg, const char *code)
{
	const char	*ar, *pp;

	if (cfg == NULL)
		return (0);
	ar = config_account(cfg, ACCT_RECEIVABLE);
	pp = config_account(cfg, ACCT_PREPAYMENTS);
	return ((ar != NULL && strcmp(ar, code) == 0) ||
	    (pp != NULL && strcmp(pp, code) == 0));
}

static int
check_posting(struct db_txn *tx, const struct entry *e, size_t i,
    char **cause)
{
	const struct posting	*p = &e->p[i];
	struct account		 a;
	struct customer		 c;
	int			 rc;

	if (p->account == NULL || *p->account == '\0')
		return (cause_set(cause, ORDO_EINVAL, "posting %zu: no "
		    "account", i + 1));
	if (strncmp(p->account, ROLE_PREFIX, strlen(ROLE_PREFIX)) == 0)
		return (cause_set(cause, ORDO_ECONFIG, "posting %zu: the "
		    "chart of accounts has no %s account", i + 1,
		    p->account + strlen(ROLE_PREFIX)));
	if (strlen(p->account) > LEDGER_CODE_MAX ||
	    !utf8_valid(p->account, strlen(p->account)))
		return (cause_set(cause, ORDO_EINVAL, "posting %zu: bad "
		    "account code", i + 1));
	if ((rc = acct_read(tx, p->account, &a)) != 0) {
		if (rc == ORDO_ENOTFOUND)
			return (cause_set(cause, ORDO_EINVAL, "posting %zu: "
			    "no account %s in the chart", i + 1,
			    p->account));
		return (cause_set(cause, rc, "posting %zu: account %s: %s",
		    i + 1, p->account, ordo_strerror(rc)));
	}
	ledger_account_free(&a);
	if (p->amount == 0)
		return (cause_set(cause, ORDO_EINVAL, "posting %zu: amount "
		    "is zero", i + 1));
	if (p->amount == INT64_MIN)
		return (cause_set(cause, ORDO_ERANGE, "posting %zu: amount "
		    "out of range", i + 1));
	if (is_customer_account(tx->co->cfg, p->account)) {
		if (p->customer == NULL || *p->customer == '\0')
			return (cause_set(cause, ORDO_EINVAL, "posting %zu: "
			    "account %s needs a customer", i + 1,
			    p->account));
		if (strlen(p->customer) > CUSTOMER_CODE_MAX ||
		    !utf8_valid(p->customer, strlen(p->customer)))
			return (cause_set(cause, ORDO_EINVAL, "posting %zu: "
			    "bad customer code", i + 1));
		memset(&c, 0, sizeof c);
		rc = customer_get(tx, p->customer, &c, NULL);
		customer_free(&c);
		if (rc == ORDO_ENOTFOUND || rc == MDB_NOTFOUND)
			return (cause_set(cause, ORDO_EINVAL, "posting %zu: "
			    "no customer %s", i + 1, p->customer));
		if (rc != 0)
			return (cause_set(cause, rc, "posting %zu: customer "
			    "%s: %s", i + 1, p->customer, ordo_strerror(rc)));
	} else if (p->customer != NULL && *p->customer != '\0')
		return (cause_set(cause, ORDO_EINVAL, "posting %zu: account "
		    "%s does not take a customer (only the receivable and "
		    "prepayments accounts do)", i + 1, p->account));
	return (0);
}

static int
last_time(struct db_txn *tx, int64_t *t)
{
	struct db_iter	 it;
	struct rd	 rd;
	int		 rc;

	*t = INT64_MIN;
	if ((rc = db_iter_open(tx, TB_JOURNAL, NULL, 0, &it)) != 0)
		return (rc);
	db_iter_reverse(&it);
	rc = db_iter_next(&it);
	if (rc == 0) {
		rd_init(&rd, it.val.mv_data, it.val.mv_size);
		if (dec_u8(&rd) != 1)
			rc = ORDO_ECORRUPT;
		else {
			(void)dec_u8(&rd);
			*t = dec_i64(&rd);
		}
	} else if (rc == MDB_NOTFOUND)
		rc = 0;
	db_iter_close(&it);
	return (rc);
}

static int
cust_bal_add(struct db_txn *tx, const char *customer, const char *account,
    int64_t amount, char **cause)
{
	struct buf	 k, v;
	struct rd	 rd;
	MDB_val		 val;
	int64_t		 bal = 0;
	int		 rc;

	buf_init(&k);
	buf_init(&v);
	key_str(&k, customer);
	key_strn(&k, account);
	rc = db_getb(tx, TB_CUST_BAL, &k, &val);
	if (rc == 0) {
		rd_init(&rd, val.mv_data, val.mv_size);
		if (dec_u8(&rd) != 1)
			rc = ORDO_ECORRUPT;
		bal = dec_i64(&rd);
		if (rc == 0 && !rd_ok(&rd))
			rc = ORDO_ECORRUPT;
	} else if (rc == MDB_NOTFOUND)
		rc = 0;
	if (rc == 0 && add_i64(bal, amount, &bal) != 0)
		rc = ORDO_ERANGE;
	if (rc == 0) {
		enc_u8(&v, 1);
		enc_i64(&v, bal);
		rc = db_putb(tx, TB_CUST_BAL, &k, &v, 0);
	}
	buf_free(&k);
	buf_free(&v);
	if (rc != 0)
		return (cause_set(cause, rc, "customer %s on account %s: %s",
		    customer, account, ordo_strerror(rc)));
	return (0);
}

int
ledger_post(struct db_txn *tx, struct entry *e, char **cause)
{
	struct buf	 k, v;
	struct account	 a;
	char		 m1[MONEY_BUFSZ], m2[MONEY_BUFSZ], m3[MONEY_BUFSZ];
	int64_t		 sum = 0, debits = 0, credits = 0, prev;
	uint64_t	 id;
	size_t		 i;
	int		 rc;

	if ((unsigned)e->kind >= ENTRY_NKINDS)
		return (cause_set(cause, ORDO_EINVAL, "bad entry kind %d",
		    (int)e->kind));
	if (e->memo == NULL)
		e->memo = xstrdup("");
	if ((rc = text_check("memo", e->memo, LEDGER_MEMO_MAX, 0,
	    cause)) != 0)
		return (rc);
	if (e->np > LEDGER_MAX_POSTINGS)
		return (cause_set(cause, ORDO_EINVAL, "an entry has at most "
		    "%d postings, this one has %zu", LEDGER_MAX_POSTINGS,
		    e->np));
	for (i = 0; i < e->np; i++) {
		if ((rc = check_posting(tx, e, i, cause)) != 0)
			return (rc);
		if (add_i64(sum, e->p[i].amount, &sum) != 0 ||
		    (e->p[i].amount > 0 &&
		    add_i64(debits, e->p[i].amount, &debits) != 0) ||
		    (e->p[i].amount < 0 &&
		    add_i64(credits, -e->p[i].amount, &credits) != 0))
			return (cause_set(cause, ORDO_ERANGE, "posting %zu: "
			    "total out of range", i + 1));
	}
	if (e->np < 2)
		return (cause_set(cause, ORDO_EUNBALANCED, "an entry needs at "
		    "least two postings; this one has %zu", e->np));
	if (sum != 0)
		return (cause_set(cause, ORDO_EUNBALANCED, "entry does not "
		    "balance: debits %s, credits %s, off by %s",
		    core_money(tx, m1, sizeof m1, debits),
		    core_money(tx, m2, sizeof m2, credits),
		    core_money(tx, m3, sizeof m3, sum)));

	if ((rc = last_time(tx, &prev)) != 0)
		return (cause_set(cause, rc, "journal: %s",
		    ordo_strerror(rc)));
	if ((rc = db_seq_next(tx, "journal", &id)) != 0)
		return (cause_set(cause, rc, "journal: %s",
		    ordo_strerror(rc)));
	e->id = id;
	e->time = tx->now > prev ? tx->now : prev;
	free(e->user);
	e->user = xstrdup(tx->co->user != NULL ? tx->co->user : "");

	buf_init(&k);
	buf_init(&v);
	key_u64(&k, e->id);
	enc_u8(&v, 1);
	enc_u8(&v, (uint8_t)e->kind);
	enc_i64(&v, e->time);
	enc_str(&v, e->user);
	enc_str(&v, e->memo);
	enc_u64(&v, e->order);
	enc_u64(&v, e->doc);
	enc_u64(&v, e->reverses);
	enc_u16(&v, (uint16_t)e->np);
	if ((rc = db_putb(tx, TB_JOURNAL, &k, &v, MDB_NOOVERWRITE)) != 0)
		goto fail;
	for (i = 0; i < e->np; i++) {
		const struct posting *p = &e->p[i];

		buf_reset(&k);
		buf_reset(&v);
		key_u64(&k, e->id);
		key_u16(&k, (uint16_t)i);
		enc_u8(&v, 1);
		enc_str(&v, p->account);
		enc_i64(&v, p->amount);
		enc_str(&v, p->customer);
		if ((rc = db_putb(tx, TB_POSTINGS, &k, &v,
		    MDB_NOOVERWRITE)) != 0)
			goto fail;
		buf_reset(&k);
		key_str(&k, p->account);
		key_u64(&k, e->id);
		key_u16(&k, (uint16_t)i);
		if ((rc = db_put(tx, TB_POST_BY_ACCOUNT, k.d, k.len, "", 0,
		    0)) != 0)
			goto fail;
		if ((rc = acct_read(tx, p->account, &a)) != 0)
			goto fail;
		if (add_i64(a.balance, p->amount, &a.balance) != 0) {
			ledger_account_free(&a);
			rc = ORDO_ERANGE;
			goto fail;
		}
		rc = acct_write(tx, &a);
		ledger_account_free(&a);
		if (rc != 0 ||
		    (rc = agg_posting(tx, p->account, e->time, p->amount)) != 0)
			goto fail;
		if (p->customer != NULL && *p->customer != '\0' &&
		    (rc = cust_bal_add(tx, p->customer, p->account, p->amount,
		    cause)) != 0) {
			buf_free(&k);
			buf_free(&v);
			return (rc);
		}
	}
	buf_free(&k);
	buf_free(&v);
	return (0);

fail:
	buf_free(&k);
	buf_free(&v);
	return (cause_set(cause, rc, "posting entry %llu: %s",
	    (unsigned long long)e->id, ordo_strerror(rc)));
}

/* Reading entries. */

static int
entry_decode(struct db_txn *tx, uint64_t id, const MDB_val *val,
    struct entry *e)
{
	struct rd	 rd;
	int		 rc;

	memset(e, 0, sizeof *e);
	rd_init(&rd, val->mv_data, val->mv_size);
	if (dec_u8(&rd) != 1)
		return (ORDO_ECORRUPT);
	e->id = id;
	e->kind = dec_u8(&rd);
	e->time = dec_i64(&rd);
	e->user = dec_str(&rd);
	e->memo = dec_str(&rd);
	e->order = dec_u64(&rd);
	e->doc = dec_u64(&rd);
	e->reverses = dec_u64(&rd);
	e->np = dec_u16(&rd);
	if (!rd_ok(&rd) || (unsigned)e->kind >= ENTRY_NKINDS) {
		e->np = 0;
		entry_free(e);
		return (ORDO_ECORRUPT);
	}
	if ((rc = postings_read(tx, e)) != 0) {
		entry_free(e);
		return (rc);
	}
	return (0);
}

/* Read the postings of e (e->np says how many the header promised). */
static int
postings_read(struct db_txn *tx, struct entry *e)
{
	struct db_iter	 it;
	struct buf	 pfx;
	struct rd	 rd;
	struct posting	*p;
	size_t		 want = e->np, n = 0;
	int		 rc;

	e->np = 0;
	e->p = NULL;
	buf_init(&pfx);
	key_u64(&pfx, e->id);
	rc = db_iter_open(tx, TB_POSTINGS, pfx.d, pfx.len, &it);
	buf_free(&pfx);
	if (rc != 0)
		return (rc);
	while ((rc = db_iter_next(&it)) == 0) {
		if (it.key.mv_size != 10 ||
		    key_get_u16((uint8_t *)it.key.mv_data + 8) != n) {
			rc = ORDO_ECORRUPT;
			break;
		}
		e->p = xreallocarray(e->p, e->np + 1, sizeof *e->p);
		p = &e->p[e->np++];
		rd_init(&rd, it.val.mv_data, it.val.mv_size);
		if (dec_u8(&rd) != 1)
			rd.err = 1;
		p->account = dec_str(&rd);
		p->amount = dec_i64(&rd);
		p->customer = dec_str(&rd);
		if (!rd_ok(&rd)) {
			rc = ORDO_ECORRUPT;
			break;
		}
		n++;
	}
	db_iter_close(&it);
	if (rc == MDB_NOTFOUND)
		rc = 0;
	if (rc == 0 && n != want)
		rc = ORDO_ECORRUPT;
	return (rc);
}

int
ledger_get(struct db_txn *tx, uint64_t id, struct entry *e, char **cause)
{
	struct buf	 k;
	MDB_val		 v;
	int		 rc;

	memset(e, 0, sizeof *e);
	buf_init(&k);
	key_u64(&k, id);
	rc = db_getb(tx, TB_JOURNAL, &k, &v);
	buf_free(&k);
	if (rc == MDB_NOTFOUND)
		return (cause_set(cause, ORDO_ENOTFOUND, "no journal entry "
		    "%llu", (unsigned long long)id));
	if (rc == 0)
		rc = entry_decode(tx, id, &v, e);
	if (rc != 0)
		return (cause_set(cause, rc, "journal entry %llu: %s",
		    (unsigned long long)id, ordo_strerror(rc)));
	return (0);
}

int
ledger_each(struct db_txn *tx, uint64_t after,
    int (*fn)(const struct entry *, void *), void *arg)
{
	struct db_iter	 it;
	struct buf	 k;
	struct entry	 e;
	int		 rc;

	if ((rc = db_iter_open(tx, TB_JOURNAL, NULL, 0, &it)) != 0)
		return (rc);
	buf_init(&k);
	key_u64(&k, after);
	if (after > 0)
		rc = db_iter_seek(&it, k.d, k.len);
	buf_free(&k);
	if (rc != 0) {
		db_iter_close(&it);
		return (db_walk_rc(rc));
	}
	while ((rc = db_iter_next(&it)) == 0) {
		if (it.key.mv_size != 8) {
			rc = ORDO_ECORRUPT;
			break;
		}
		rc = entry_decode(tx, key_get_u64(it.key.mv_data), &it.val,
		    &e);
		if (rc != 0)
			break;
		rc = fn(&e, arg);
		entry_free(&e);
		if (rc != 0)
			break;
	}
	db_iter_close(&it);
	return (db_walk_rc(rc));
}

int
ledger_reversed_by(struct db_txn *tx, uint64_t id, uint64_t *by)
{
	struct buf	 k;
	struct rd	 rd;
	MDB_val		 v;
	int		 rc;

	*by = 0;
	buf_init(&k);
	key_u64(&k, id);
	rc = db_getb(tx, TB_REVERSALS, &k, &v);
	buf_free(&k);
	if (rc == MDB_NOTFOUND)
		return (0);
	if (rc != 0)
		return (rc);
	rd_init(&rd, v.mv_data, v.mv_size);
	if (dec_u8(&rd) != 1)
		return (ORDO_ECORRUPT);
	*by = dec_u64(&rd);
	return (rd_ok(&rd) ? 0 : ORDO_ECORRUPT);
}

int
ledger_reverse(struct db_txn *tx, uint64_t id, const char *memo,
    uint64_t *out, char **cause)
{
	struct entry	 e, r;
	struct buf	 k, v;
	char		*m = NULL;
	uint64_t	 by;
	size_t		 i;
	int		 rc;

	if (out != NULL)
		*out = 0;
	if ((rc = ledger_get(tx, id, &e, cause)) != 0)
		return (rc);
	if (e.kind == ENTRY_REVERSAL) {
		rc = cause_set(cause, ORDO_ESTATE, "entry %llu is itself the "
		    "reversal of entry %llu and cannot be reversed",
		    (unsigned long long)id, (unsigned long long)e.reverses);
		entry_free(&e);
		return (rc);
	}
	if ((rc = ledger_reversed_by(tx, id, &by)) != 0) {
		entry_free(&e);
		return (cause_set(cause, rc, "reversals: %s",
		    ordo_strerror(rc)));
	}
	if (by != 0) {
		entry_free(&e);
		return (cause_set(cause, ORDO_ESTATE, "entry %llu was already "
		    "reversed by entry %llu", (unsigned long long)id,
		    (unsigned long long)by));
	}
	if (memo == NULL || *memo == '\0')
		xasprintf(&m, "reversal of entry %llu",
		    (unsigned long long)id);
	entry_init(&r, ENTRY_REVERSAL, m != NULL ? m : memo);
	free(m);
	r.order = e.order;
	r.doc = e.doc;
	r.reverses = id;
	for (i = 0; i < e.np; i++)
		entry_add(&r, e.p[i].account, -e.p[i].amount,
		    e.p[i].customer);
	entry_free(&e);
	if ((rc = ledger_post(tx, &r, cause)) != 0) {
		entry_free(&r);
		return (rc);
	}
	buf_init(&k);
	buf_init(&v);
	key_u64(&k, id);
	enc_u8(&v, 1);
	enc_u64(&v, r.id);
	rc = db_putb(tx, TB_REVERSALS, &k, &v, MDB_NOOVERWRITE);
	buf_free(&k);
	buf_free(&v);
	if (rc != 0) {
		entry_free(&r);
		if (rc == MDB_KEYEXIST)
			return (cause_set(cause, ORDO_ESTATE, "entry %llu was "
			    "already reversed", (unsigned long long)id));
		return (cause_set(cause, rc, "reversals: %s",
		    ordo_strerror(rc)));
	}
	if (out != NULL)
		*out = r.id;
	entry_free(&r);
	return (0);
}

/* Manual entries, by a manager. */

/*
 * Accounts kept by their own modules: the receivable and prepayments
 * accounts follow invoices and payments, inventory follows stock moves.
 * A manual entry on them would break those identities (see check.h).
 */
static int
touches_kept_account(const struct config *cfg, const struct entry *e,
    const char **which)
{
	static const enum account_role kept[] = {
		ACCT_RECEIVABLE, ACCT_PREPAYMENTS, ACCT_INVENTORY
	};
	const char	*code;
	size_t		 i, j;

	if (cfg == NULL)
		return (0);
	for (i = 0; i < e->np; i++) {
		for (j = 0; j < sizeof kept / sizeof kept[0]; j++) {
			code = config_account(cfg, kept[j]);
			if (code != NULL && e->p[i].account != NULL &&
			    strcmp(code, e->p[i].account) == 0) {
				*which = config_account_role_name(kept[j]);
				return (1);
			}
		}
	}
	return (0);
}

int
ledger_post_manual(struct db_txn *tx, struct entry *e, char **cause)
{
	const char	*which;
	char		*obj;
	int		 rc;

	if ((rc = core_require(tx, ROLE_MANAGER, "posting a journal entry",
	    cause)) != 0)
		return (rc);
	if (e->kind != ENTRY_MANUAL && e->kind != ENTRY_OPENING)
		return (cause_set(cause, ORDO_EINVAL, "a manual entry must "
		    "be of kind manual or opening"));
	if (touches_kept_account(tx->co->cfg, e, &which))
		return (cause_set(cause, ORDO_EINVAL, "the %s account is kept "
		    "by its own records; a manual entry cannot post to it",
		    which));
	if ((rc = ledger_post(tx, e, cause)) != 0)
		return (rc);
	xasprintf(&obj, "entry %llu", (unsigned long long)e->id);
	rc = audit_log(tx, "ledger.post", obj, "%s: %s",
	    entry_kind_name(e->kind), e->memo);
	free(obj);
	if (rc != 0)
		return (cause_set(cause, rc, "audit: %s", ordo_strerror(rc)));
	return (0);
}

int
ledger_reverse_manual(struct db_txn *tx, uint64_t id, const char *memo,
    uint64_t *out, char **cause)
{
	struct entry	 e;
	const char	*which;
	char		*obj;
	uint64_t	 rid;
	int		 rc, kept;

	if ((rc = core_require(tx, ROLE_MANAGER, "reversing a journal entry",
	    cause)) != 0)
		return (rc);
	if ((rc = ledger_get(tx, id, &e, cause)) != 0)
		return (rc);
	kept = touches_kept_account(tx->co->cfg, &e, &which);
	entry_free(&e);
	if (kept)
		return (cause_set(cause, ORDO_ESTATE, "entry %llu posts to "
		    "the %s account, which is kept by its own records; "
		    "correct it with a return, a credit note, a refund or a "
		    "stock adjustment instead", (unsigned long long)id,
		    which));
	if ((rc = ledger_reverse(tx, id, memo, &rid, cause)) != 0)
		return (rc);
	if (out != NULL)
		*out = rid;
	xasprintf(&obj, "entry %llu", (unsigned long long)id);
	rc = audit_log(tx, "ledger.reverse", obj, "reversed by entry %llu",
	    (unsigned long long)rid);
	free(obj);
	if (rc != 0)
		return (cause_set(cause, rc, "audit: %s", ordo_strerror(rc)));
	return (0);
}

/* Balances. */

int
ledger_balance(struct db_txn *tx, const char *code, int64_t *bal)
{
	struct account	 a;
	int		 rc;

	*bal = 0;
	if ((rc = acct_read(tx, code, &a)) != 0)
		return (rc);
	*bal = a.balance;
	ledger_account_free(&a);
	return (0);
}

int64_t
ledger_customer_balance(struct db_txn *tx, const char *customer,
    enum account_role role)
{
	const char	*code;
	struct buf	 k;
	struct rd	 rd;
	MDB_val		 v;
	int64_t		 bal = 0;

	if (tx->co->cfg == NULL || customer == NULL || *customer == '\0' ||
	    (code = config_account(tx->co->cfg, role)) == NULL)
		return (0);
	buf_init(&k);
	key_str(&k, customer);
	key_strn(&k, code);
	if (k.len <= DB_MAXKEY && db_getb(tx, TB_CUST_BAL, &k, &v) == 0) {
		rd_init(&rd, v.mv_data, v.mv_size);
		if (dec_u8(&rd) == 1)
			bal = dec_i64(&rd);
		if (!rd_ok(&rd))
			bal = 0;
	}
	buf_free(&k);
	return (bal);
}
