/*
 * report.c: trial balance, profit and loss, customer statements,
 * receivables ageing and the hledger journal export.
 *
 * Dates are days since the epoch in the company's zone (company_day of
 * the entry or document time).  Journal entries are in time order by id (ledger_post
 * never lets time go backwards), so the trial balance stops reading at
 * the first entry after "to".
 *
 * Statement: the balance is what the customer owes on the receivable
 * and prepayments accounts together.  Rows come from the documents:
 * invoices (debit), credit notes (credit), payments and prepayments
 * (credit) and refunds (debit).  Allocations move nothing between the
 * customer and us (a prepayment applied moves prepayments to receivable,
 * net zero), so they are not rows.  Rows at the same time: invoices and
 * credit notes first, then payments, by id.  stmt.invoiced is the sum
 * of the debit column, stmt.paid of the credit column.
 *
 * Ageing: what is open now, aged at the given day: invoice age in days
 * = day - invoice date; 0 or less is current, then 1-30, 31-60, 61-90,
 * over 90.  Unallocated payments, prepayments and open credit notes are
 * the credit column (negative).  Customers in code order; the totals
 * row has customer NULL.
 *
 * Journal export (hledger 1.25 and later accept it, strict checks and
 * ordereddates included): a "commodity" directive for the company
 * currency with its minor digits, an "account" directive for every
 * stored account named TYPE:CODE NAME (TYPE one of assets, liabilities,
 * equity, income, expenses; ':' in names becomes '.', control
 * characters and runs of spaces become one space), then one transaction
 * per entry in id order, "YYYY-MM-DD #ID memo" (';' in a memo becomes
 * ','), tags kind, user, order, doc and reverses, postings as "AMOUNT
 * CODE" with the customer as a tag, and on the last posting of each
 * account a balance assertion of the stored balance, so that hledger
 * also checks the materialised balances.
 */
#include <stdlib.h>
#include <string.h>

#include "ordo/codec.h"
#include "ordo/company.h"
#include "ordo/config.h"
#include "ordo/core.h"
#include "ordo/date.h"
#include "ordo/error.h"
#include "ordo/ledger.h"
#include "ordo/money.h"
#include "ordo/payment.h"
#include "ordo/report.h"
#include "ordo/xmalloc.h"

/* The stored accounts, with a sum and export bookkeeping. */
struct acct {
	char		*code;
	char		*name;
	char		*path;		/* export name */
	int		 type;
	int64_t		 stored;	/* materialised balance */
	int64_t		 sum;		/* over the period */
	uint64_t	 last_id;	/* export: last posting to it */
	size_t		 last_n;
};

struct age_arg;

struct chart {
	const struct company *co;	/* whose days */
	struct acct	*a;
	size_t		 n;
	int32_t		 from, to;
	int		 err;
};

static int	 chart_add(const struct account *, void *);
static int	 chart_load(struct db_txn *, struct chart *);
static void	 chart_free(struct chart *);
static struct acct *chart_find(struct chart *, const char *);
static int	 tb_entry(const struct entry *, void *);
static void	 pl_row(const struct tb_row *, void *);
static void	 age_push(struct age_arg *, const char *, int, int64_t);
static int	 age_add(struct aging_row *, int, int64_t);
static int	 stmt_inv(const struct invoice *, void *);
static int	 stmt_pay(const struct payment *, void *);
static int	 stmt_cmp(const void *, const void *);
static int	 age_inv(const struct invoice *, void *);
static int	 age_pay(const struct payment *, void *);
static int	 age_cmp(const void *, const void *);
static char	*clean_text(const char *, int);
static int	 exp_last(const struct entry *, void *);
static int	 exp_entry(const struct entry *, void *);

static const char *type_paths[] = {
	"assets", "liabilities", "equity", "income", "expenses"
};

/* Chart. */

static int
chart_add(const struct account *a, void *arg)
{
	struct chart	*ch = arg;
	struct acct	*x;
	char		*name;

	ch->a = xreallocarray(ch->a, ch->n + 1, sizeof *ch->a);
	x = &ch->a[ch->n++];
	memset(x, 0, sizeof *x);
	x->code = xstrdup(a->code);
	x->name = xstrdup(a->name);
	x->type = a->type;
	x->stored = a->balance;
	name = clean_text(a->name, 1);
	xasprintf(&x->path, "%s:%s%s%s", type_paths[a->type],
	    x->code, *name != '\0' ? " " : "", name);
	free(name);
	/* A code may hold ':' too: keep the path one level deep. */
	for (name = strchr(x->path, ':') + 1; *name != '\0'; name++)
		if (*name == ':')
			*name = '.';
	return (0);
}

static int
chart_load(struct db_txn *tx, struct chart *ch)
{
	memset(ch, 0, sizeof *ch);
	ch->co = tx->co;
	return (ledger_account_each(tx, chart_add, ch));
}

static void
chart_free(struct chart *ch)
{
	size_t	 i;

	for (i = 0; i < ch->n; i++) {
		free(ch->a[i].code);
		free(ch->a[i].name);
		free(ch->a[i].path);
	}
	free(ch->a);
	memset(ch, 0, sizeof *ch);
}

/* Accounts are in code (byte) order: binary search. */
static struct acct *
chart_find(struct chart *ch, const char *code)
{
	size_t	 lo = 0, hi = ch->n, mid;
	int	 c;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		c = strcmp(code, ch->a[mid].code);
		if (c == 0)
			return (&ch->a[mid]);
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return (NULL);
}

/* Trial balance and P&L. */

static int
tb_entry(const struct entry *e, void *arg)
{
	struct chart	*ch = arg;
	struct acct	*a;
	int32_t		 d = company_day(ch->co, e->time);
	size_t		 i;

	if (d > ch->to)
		return (1);
	if (d < ch->from)
		return (0);
	for (i = 0; i < e->np; i++) {
		if ((a = chart_find(ch, e->p[i].account)) == NULL) {
			ch->err = ORDO_ECORRUPT;
			return (1);
		}
		if (add_i64(a->sum, e->p[i].amount, &a->sum) != 0) {
			ch->err = ORDO_ERANGE;
			return (1);
		}
	}
	return (0);
}

int
report_finance(struct db_txn *tx, const char *what, char **cause)
{
	return (core_require(tx, ROLE_MANAGER, what, cause));
}

int
report_trial_balance(struct db_txn *tx, int32_t from, int32_t to,
    void (*fn)(const struct tb_row *, void *), void *arg, int64_t *total)
{
	struct chart	 ch;
	struct tb_row	 row;
	int64_t		 sum = 0;
	size_t		 i;
	int		 rc;

	if (total != NULL)
		*total = 0;
	if ((rc = chart_load(tx, &ch)) != 0)
		goto out;
	ch.from = from;
	ch.to = to;
	if ((rc = ledger_each(tx, 0, tb_entry, &ch)) != 0)
		goto out;
	if ((rc = ch.err) != 0)
		goto out;
	for (i = 0; i < ch.n; i++) {
		if (add_i64(sum, ch.a[i].sum, &sum) != 0) {
			rc = ORDO_ERANGE;
			goto out;
		}
	}
	for (i = 0; i < ch.n && fn != NULL; i++) {
		row.code = ch.a[i].code;
		row.name = ch.a[i].name;
		row.type = ch.a[i].type;
		row.balance = ch.a[i].sum;
		fn(&row, arg);
	}
	if (total != NULL)
		*total = sum;
out:
	chart_free(&ch);
	return (rc);
}

struct pl_arg {
	void		(*fn)(const struct tb_row *, void *);
	void		*arg;
	int64_t		 sum;
	int		 err;
};

static void
pl_row(const struct tb_row *r, void *arg)
{
	struct pl_arg	*pl = arg;

	if (r->type != ACCT_INCOME && r->type != ACCT_EXPENSE)
		return;
	if (add_i64(pl->sum, r->balance, &pl->sum) != 0)
		pl->err = ORDO_ERANGE;
	if (pl->fn != NULL)
		pl->fn(r, pl->arg);
}

int
report_profit_loss(struct db_txn *tx, int32_t from, int32_t to,
    void (*fn)(const struct tb_row *, void *), void *arg, int64_t *profit)
{
	struct pl_arg	 pl;
	int		 rc;

	if (profit != NULL)
		*profit = 0;
	memset(&pl, 0, sizeof pl);
	pl.fn = fn;
	pl.arg = arg;
	if ((rc = report_trial_balance(tx, from, to, pl_row, &pl,
	    NULL)) != 0)
		return (rc);
	if (pl.err != 0 || pl.sum == INT64_MIN)
		return (ORDO_ERANGE);
	if (profit != NULL)
		*profit = -pl.sum;
	return (0);
}

/* Customer statement. */

struct srow {
	struct stmt_row	 r;
	int		 rank;		/* 0 invoices, 1 payments */
};

struct stmt_arg {
	struct srow	*rows;
	size_t		 n;
};

static int
stmt_inv(const struct invoice *inv, void *arg)
{
	struct stmt_arg	*sa = arg;
	struct srow	*s;

	sa->rows = xreallocarray(sa->rows, sa->n + 1, sizeof *sa->rows);
	s = &sa->rows[sa->n++];
	memset(s, 0, sizeof *s);
	s->rank = 0;
	s->r.time = inv->time;
	s->r.doc = inv->id;
	s->r.order = inv->order;
	if (inv->amount >= 0) {
		s->r.kind = "invoice";
		s->r.debit = inv->amount;
	} else {
		s->r.kind = "credit note";
		s->r.credit = -inv->amount;
	}
	return (0);
}

static int
stmt_pay(const struct payment *p, void *arg)
{
	struct stmt_arg	*sa = arg;
	struct srow	*s;

	sa->rows = xreallocarray(sa->rows, sa->n + 1, sizeof *sa->rows);
	s = &sa->rows[sa->n++];
	memset(s, 0, sizeof *s);
	s->rank = 1;
	s->r.time = p->time;
	s->r.doc = p->id;
	if (p->amount < 0) {
		s->r.kind = "refund";
		s->r.debit = -p->amount;
	} else {
		s->r.kind = p->prepayment ? "prepayment" : "payment";
		s->r.credit = p->amount;
	}
	return (0);
}

static int
stmt_cmp(const void *a, const void *b)
{
	const struct srow	*x = a, *y = b;

	if (x->r.time != y->r.time)
		return (x->r.time < y->r.time ? -1 : 1);
	if (x->rank != y->rank)
		return (x->rank - y->rank);
	if (x->r.doc != y->r.doc)
		return (x->r.doc < y->r.doc ? -1 : 1);
	return (0);
}

int
report_statement(struct db_txn *tx, const char *customer, int32_t from,
    int32_t to, void (*fn)(const struct stmt_row *, void *), void *arg,
    struct stmt *st, char **cause)
{
	struct stmt_arg	 sa;
	struct stmt	 s;
	int32_t		 d;
	int64_t		 bal;
	size_t		 i;
	int		 rc;

	if ((rc = report_finance(tx, "reading a statement", cause)) != 0)
		return (rc);
	memset(&s, 0, sizeof s);
	memset(&sa, 0, sizeof sa);
	if (st != NULL)
		memset(st, 0, sizeof *st);
	if (customer == NULL || *customer == '\0')
		return (cause_set(cause, ORDO_EINVAL, "no customer given"));
	if (from > to)
		return (cause_set(cause, ORDO_EINVAL, "the period ends before "
		    "it starts"));
	if ((rc = invoice_each(tx, customer, stmt_inv, &sa)) != 0 ||
	    (rc = payment_each(tx, customer, stmt_pay, &sa)) != 0) {
		free(sa.rows);
		return (cause_set(cause, rc, "customer %s: %s", customer,
		    ordo_strerror(rc)));
	}
	if (sa.n > 1)
		qsort(sa.rows, sa.n, sizeof *sa.rows, stmt_cmp);
	for (i = 0; i < sa.n && rc == 0; i++) {
		d = company_day(tx->co, sa.rows[i].r.time);
		if (d >= from)
			continue;
		if (add_i64(s.opening, sa.rows[i].r.debit, &s.opening) != 0 ||
		    add_i64(s.opening, -sa.rows[i].r.credit, &s.opening) != 0)
			rc = ORDO_ERANGE;
	}
	bal = s.opening;
	for (i = 0; i < sa.n && rc == 0; i++) {
		d = company_day(tx->co, sa.rows[i].r.time);
		if (d < from || d > to)
			continue;
		if (add_i64(bal, sa.rows[i].r.debit, &bal) != 0 ||
		    add_i64(bal, -sa.rows[i].r.credit, &bal) != 0 ||
		    add_i64(s.invoiced, sa.rows[i].r.debit, &s.invoiced) != 0 ||
		    add_i64(s.paid, sa.rows[i].r.credit, &s.paid) != 0) {
			rc = ORDO_ERANGE;
			break;
		}
		sa.rows[i].r.balance = bal;
		if (fn != NULL)
			fn(&sa.rows[i].r, arg);
	}
	free(sa.rows);
	if (rc != 0)
		return (cause_set(cause, rc, "customer %s: amounts out of "
		    "range", customer));
	s.closing = bal;
	if (st != NULL)
		*st = s;
	return (0);
}

/* Ageing. */

struct aitem {
	const char	*customer;	/* owned by the record copy */
	char		*own;
	int		 bucket;	/* 0..4, 5 credit */
	int64_t		 amount;
};

struct age_arg {
	const struct company *co;	/* whose days */
	struct aitem	*it;
	size_t		 n;
	int32_t		 day;
};

static void
age_push(struct age_arg *aa, const char *customer, int bucket, int64_t amt)
{
	struct aitem	*x;

	aa->it = xreallocarray(aa->it, aa->n + 1, sizeof *aa->it);
	x = &aa->it[aa->n++];
	x->own = xstrdup(customer);
	x->customer = x->own;
	x->bucket = bucket;
	x->amount = amt;
}

static int
age_inv(const struct invoice *inv, void *arg)
{
	struct age_arg	*aa = arg;
	int64_t		 age;
	int		 b;

	if (inv->open == 0)
		return (0);
	if (inv->open < 0) {
		age_push(aa, inv->customer, 5, inv->open);
		return (0);
	}
	age = (int64_t)aa->day - company_day(aa->co, inv->time);
	if (age <= 0)
		b = 0;
	else if (age <= 30)
		b = 1;
	else if (age <= 60)
		b = 2;
	else if (age <= 90)
		b = 3;
	else
		b = 4;
	age_push(aa, inv->customer, b, inv->open);
	return (0);
}

static int
age_pay(const struct payment *p, void *arg)
{
	if (p->unallocated > 0)
		age_push(arg, p->customer, 5, -p->unallocated);
	return (0);
}

static int
age_cmp(const void *a, const void *b)
{
	const struct aitem	*x = a, *y = b;

	return (strcmp(x->customer, y->customer));
}

static int
age_add(struct aging_row *r, int bucket, int64_t amt)
{
	int64_t	*f[] = { &r->current, &r->d1_30, &r->d31_60, &r->d61_90,
		    &r->over90, &r->credit };

	if (add_i64(*f[bucket], amt, f[bucket]) != 0 ||
	    add_i64(r->total, amt, &r->total) != 0)
		return (ORDO_ERANGE);
	return (0);
}

int
report_aging(struct db_txn *tx, int32_t day,
    void (*fn)(const struct aging_row *, void *), void *arg,
    struct aging_row *totals)
{
	struct age_arg	 aa;
	struct aging_row row, tot;
	size_t		 i, j;
	int		 rc;

	memset(&aa, 0, sizeof aa);
	memset(&tot, 0, sizeof tot);
	if (totals != NULL)
		memset(totals, 0, sizeof *totals);
	aa.co = tx->co;
	aa.day = day;
	if ((rc = invoice_each(tx, NULL, age_inv, &aa)) != 0 ||
	    (rc = payment_each(tx, NULL, age_pay, &aa)) != 0)
		goto out;
	if (aa.n > 1)
		qsort(aa.it, aa.n, sizeof *aa.it, age_cmp);
	for (i = 0; i < aa.n; i = j) {
		memset(&row, 0, sizeof row);
		row.customer = aa.it[i].customer;
		for (j = i; j < aa.n && strcmp(aa.it[j].customer,
		    row.customer) == 0; j++) {
			if ((rc = age_add(&row, aa.it[j].bucket,
			    aa.it[j].amount)) != 0 ||
			    (rc = age_add(&tot, aa.it[j].bucket,
			    aa.it[j].amount)) != 0)
				goto out;
		}
		if (fn != NULL)
			fn(&row, arg);
	}
	if (totals != NULL)
		*totals = tot;
out:
	for (i = 0; i < aa.n; i++)
		free(aa.it[i].own);
	free(aa.it);
	return (rc);
}

/* Journal export. */

/*
 * Text safe for one line of a journal: control characters become
 * spaces, runs of spaces one space, no leading or trailing space.  In
 * an account name (acct 1) ':' becomes '.'; elsewhere ';' becomes ','.
 */
static char *
clean_text(const char *s, int acct)
{
	char	*out, *o;
	int	 sp = 1;

	out = o = xmalloc(strlen(s) + 1);
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if (c < 0x20 || c == 0x7f || c == ' ') {
			if (!sp)
				*o++ = ' ';
			sp = 1;
			continue;
		}
		sp = 0;
		if (acct && c == ':')
			c = '.';
		else if (!acct && c == ';')
			c = ',';
		*o++ = (char)c;
	}
	if (o > out && o[-1] == ' ')
		o--;
	*o = '\0';
	return (out);
}

struct exp_arg {
	struct db_txn	*tx;
	struct chart	 ch;
	FILE		*fp;
	const char	*cur;
	int		 digits;
	int		 err;
};

static int
exp_last(const struct entry *e, void *arg)
{
	struct exp_arg	*ea = arg;
	struct acct	*a;
	size_t		 i;

	for (i = 0; i < e->np; i++) {
		if ((a = chart_find(&ea->ch, e->p[i].account)) == NULL) {
			ea->err = ORDO_ECORRUPT;
			return (1);
		}
		a->last_id = e->id;
		a->last_n = i;
	}
	return (0);
}

static int
exp_entry(const struct entry *e, void *arg)
{
	struct exp_arg	*ea = arg;
	struct acct	*a;
	char		 d[DATE_BUFSZ], m[MONEY_BUFSZ], *memo, *user;
	size_t		 i;

	memo = clean_text(e->memo, 0);
	user = clean_text(e->user, 0);
	for (i = 0; user[i] != '\0'; i++)
		if (user[i] == ',' || user[i] == ' ')
			user[i] = '_';
	fprintf(ea->fp, "%s #%llu%s%s  ; kind:%s, user:%s",
	    date_fmt(d, sizeof d, company_day(ea->tx->co, e->time)),
	    (unsigned long long)e->id, *memo != '\0' ? " " : "", memo,
	    entry_kind_name(e->kind), user);
	free(memo);
	free(user);
	if (e->order != 0)
		fprintf(ea->fp, ", order:%llu", (unsigned long long)e->order);
	if (e->doc != 0)
		fprintf(ea->fp, ", doc:%llu", (unsigned long long)e->doc);
	if (e->reverses != 0)
		fprintf(ea->fp, ", reverses:%llu",
		    (unsigned long long)e->reverses);
	fputc('\n', ea->fp);
	for (i = 0; i < e->np; i++) {
		if ((a = chart_find(&ea->ch, e->p[i].account)) == NULL) {
			ea->err = ORDO_ECORRUPT;
			return (1);
		}
		fprintf(ea->fp, "    %s  %s %s", a->path,
		    money_fmt(m, sizeof m, e->p[i].amount, ea->digits),
		    ea->cur);
		if (a->last_id == e->id && a->last_n == i)
			fprintf(ea->fp, " = %s %s",
			    money_fmt(m, sizeof m, a->stored, ea->digits),
			    ea->cur);
		if (e->p[i].customer != NULL && *e->p[i].customer != '\0')
			fprintf(ea->fp, "  ; customer:%s", e->p[i].customer);
		fputc('\n', ea->fp);
	}
	fputc('\n', ea->fp);
	if (ferror(ea->fp)) {
		ea->err = ORDO_EIO;
		return (1);
	}
	return (0);
}

int
report_export_journal(struct db_txn *tx, FILE *fp, char **cause)
{
	struct exp_arg	 ea;
	char		*t, m[MONEY_BUFSZ];
	int64_t		 scale;
	size_t		 i;
	int		 rc;

	if ((rc = report_finance(tx, "exporting the books", cause)) != 0)
		return (rc);
	memset(&ea, 0, sizeof ea);
	ea.tx = tx;
	ea.fp = fp;
	ea.digits = core_digits(tx);
	ea.cur = tx->co->cfg != NULL && tx->co->cfg->currency != NULL ?
	    tx->co->cfg->currency : "XXX";
	for (i = 0; ea.cur[i] != '\0'; i++) {
		if (ea.cur[i] < 'A' || ea.cur[i] > 'Z')
			return (cause_set(cause, ORDO_ECONFIG, "currency %s: "
			    "not an ISO 4217 code", ea.cur));
	}
	if (i == 0)
		return (cause_set(cause, ORDO_ECONFIG, "no currency"));
	if ((rc = chart_load(tx, &ea.ch)) != 0) {
		chart_free(&ea.ch);
		return (cause_set(cause, rc, "accounts: %s",
		    ordo_strerror(rc)));
	}
	if ((rc = ledger_each(tx, 0, exp_last, &ea)) != 0 || ea.err != 0) {
		rc = rc != 0 ? rc : ea.err;
		rc = cause_set(cause, rc, "journal: %s", ordo_strerror(rc));
		goto out;
	}

	t = clean_text(tx->co->cfg != NULL && tx->co->cfg->company != NULL ?
	    tx->co->cfg->company : "", 0);
	fprintf(fp, "; ordo journal%s%s\n\n", *t != '\0' ? ": " : "", t);
	free(t);
	/* 1000 with the minor digits fixes the decimal mark and precision. */
	for (i = 0, scale = 1000; i < (size_t)ea.digits; i++)
		scale *= 10;
	/* With no minor digits, hledger wants the mark anyway: "1000.". */
	fprintf(fp, "commodity %s%s %s\n\n",
	    money_fmt(m, sizeof m, scale, ea.digits),
	    ea.digits == 0 ? "." : "", ea.cur);
	for (i = 0; i < ea.ch.n; i++)
		fprintf(fp, "account %s\n", ea.ch.a[i].path);
	fputc('\n', fp);
	if ((rc = ledger_each(tx, 0, exp_entry, &ea)) != 0 || ea.err != 0) {
		rc = rc != 0 ? rc : ea.err;
		rc = cause_set(cause, rc, "journal export: %s",
		    ordo_strerror(rc));
		goto out;
	}
	if (fflush(fp) != 0 || ferror(fp))
		rc = cause_set(cause, ORDO_EIO, "journal export: write "
		    "error");
out:
	chart_free(&ea.ch);
	return (rc);
}
