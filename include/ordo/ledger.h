/*
 * ledger.h: double-entry books.  Accounts come from the chart in the
 * config; a journal entry has two or more postings whose amounts (debit
 * positive, credit negative, minor units) sum to exactly zero, or it is
 * refused (ORDO_EUNBALANCED).  Posted entries are never edited or
 * deleted; a correction is a reversing entry, and an entry can be
 * reversed once (a reversal cannot itself be reversed).
 *
 * Postings to the receivable and prepayment accounts name a customer:
 * the per-customer balances (TB_CUST_BAL) are kept in the same
 * transaction, so the receivable account always equals the sum of the
 * customers' balances.
 *
 * Tables: TB_ACCOUNTS code -> {str name, u8 type, i64 balance};
 * TB_JOURNAL u64 id -> entry; TB_POSTINGS u64 entry, u16 n -> posting;
 * TB_POST_BY_ACCOUNT code NUL u64 entry u16 n -> empty; TB_REVERSALS
 * u64 original -> u64 reversal; TB_CUST_BAL code NUL account -> i64.
 * The exact record formats are at the top of src/core/ledger.c.
 *
 * A posting names a customer if and only if its account is the
 * receivable or the prepayments account (refused otherwise), and that
 * customer must exist.  ledger_post and ledger_reverse check no role:
 * they run inside other events (shipment, receipt, payment).  Entries
 * typed by a person go through ledger_post_manual/ledger_reverse_manual,
 * which need a manager, write the audit record, and refuse the
 * receivable, prepayments and inventory accounts (those follow invoices,
 * payments and stock moves; see check.h).  Entry times never go
 * backwards: an entry gets the later of tx->now and the previous entry's
 * time, so id order is time order.
 */
#ifndef ORDO_LEDGER_H
#define ORDO_LEDGER_H

#include <stddef.h>
#include <stdint.h>

#include "ordo/config.h"
#include "ordo/db.h"

#define LEDGER_CODE_MAX		64	/* bytes of an account code */
#define LEDGER_MEMO_MAX		500	/* bytes of a memo */
#define LEDGER_MAX_POSTINGS	10000

#define ENTRY_KINDS						\
	X(ENTRY_MANUAL,		"manual")			\
	X(ENTRY_OPENING,	"opening")			\
	X(ENTRY_RECEIPT,	"receipt")			\
	X(ENTRY_ADJUST,		"adjustment")			\
	X(ENTRY_SHIPMENT,	"shipment")			\
	X(ENTRY_PAYMENT,	"payment")			\
	X(ENTRY_PREPAYMENT,	"prepayment")			\
	X(ENTRY_ALLOCATION,	"allocation")			\
	X(ENTRY_RETURN,		"return")			\
	X(ENTRY_REFUND,		"refund")			\
	X(ENTRY_REVERSAL,	"reversal")

enum entry_kind {
#define X(id, name) id,
	ENTRY_KINDS
#undef X
	ENTRY_NKINDS
};

struct posting {
	char		*account;	/* account code */
	int64_t		 amount;	/* debit > 0, credit < 0 */
	char		*customer;	/* "" unless AR/prepayments */
};

struct entry {
	uint64_t	 id;		/* set by ledger_post */
	enum entry_kind	 kind;
	int64_t		 time;		/* set by ledger_post (tx->now) */
	char		*user;		/* set by ledger_post */
	char		*memo;
	uint64_t	 order;		/* order id or 0 */
	uint64_t	 doc;		/* invoice/payment/move id or 0 */
	uint64_t	 reverses;	/* entry reversed by this one, or 0 */
	struct posting	*p;
	size_t		 np;
};

const char *entry_kind_name(enum entry_kind);

/* Create any account of tx->cfg's chart that is not there yet. */
int	 ledger_sync_accounts(struct db_txn *, char **);

/* Builder helpers: add a posting (amount 0 is skipped). */
void	 entry_init(struct entry *, enum entry_kind, const char *);
void	 entry_add(struct entry *, const char *, int64_t, const char *);
/* Same, by account role from the config. */
void	 entry_add_role(struct entry *, const struct config *,
	    enum account_role, int64_t, const char *);
void	 entry_free(struct entry *);

/*
 * Post an entry: checks every account exists, at least two postings, the
 * sum is zero; writes the entry, postings, indexes, account and customer
 * balances.  Sets e->id, e->time, e->user.
 */
int	 ledger_post(struct db_txn *, struct entry *, char **);
/* Post the exact negation of entry id; ORDO_ESTATE if already reversed. */
int	 ledger_reverse(struct db_txn *, uint64_t, const char *, uint64_t *,
	    char **);

int	 ledger_get(struct db_txn *, uint64_t, struct entry *, char **);
/* Visit entries in id order (time order), from id "after"+1. */
int	 ledger_each(struct db_txn *, uint64_t,
	    int (*)(const struct entry *, void *), void *);

/* Materialised balance of an account (debit positive). */
int	 ledger_balance(struct db_txn *, const char *, int64_t *);
/* A customer's balance on an account role (AR: owed to us > 0). */
int64_t	 ledger_customer_balance(struct db_txn *, const char *,
	    enum account_role);

/* An account as stored (caller frees with ledger_account_free). */
struct account {
	char		*code;
	char		*name;
	int		 type;		/* enum account_type */
	int64_t		 balance;	/* debit positive */
};

/* ORDO_ENOTFOUND if there is no such account. */
int	 ledger_account_get(struct db_txn *, const char *, struct account *);
/* Walk the stored accounts in code order (fn: db.h, Walks). */
int	 ledger_account_each(struct db_txn *,
	    int (*)(const struct account *, void *), void *);
void	 ledger_account_free(struct account *);

/* The entry that reversed id, in *by (0 if none). */
int	 ledger_reversed_by(struct db_txn *, uint64_t, uint64_t *);

/*
 * A person's entry: needs a manager; kind must be ENTRY_MANUAL or
 * ENTRY_OPENING; refuses the receivable, prepayments and inventory
 * accounts (ORDO_EINVAL); writes the audit record.  Then as ledger_post.
 */
int	 ledger_post_manual(struct db_txn *, struct entry *, char **);
/*
 * A person's reversal: needs a manager; refuses (ORDO_ESTATE) an entry
 * on the receivable, prepayments or inventory account; audited.  Errors
 * as ledger_reverse: ORDO_ENOTFOUND, ORDO_ESTATE (already reversed, or
 * itself a reversal).
 */
int	 ledger_reverse_manual(struct db_txn *, uint64_t, const char *,
	    uint64_t *, char **);

#endif
