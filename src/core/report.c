/*
 * report.c: trial balance, profit and loss, customer statements,
 * receivables ageing and the hledger journal export.
 *
 * Dates are days since the epoch in the company's zone (company_day of
 * the entry or document time).  Every report here reads the aggregates of the read
 * model (agg.h), never a table end to end: the trial balance sums whole
 * months and the days at the period's ends, a statement seeks its
 * customer's lines from its first day and takes the opening balance from
 * the day sums before it, ageing reads the open documents summed per
 * customer and day.
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

#include "ordo/agg.h"
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
static void	 pl_row(const struct tb_row *, void *);
static int	 age_add(struct aging_row *, int, int64_t);
static void	 tb_sum(const char *, int64_t, void *);
static int	 stmt_line(int64_t, const char *, uint64_t, uint64_t, int64_t,
		    int64_t, void *);
static void	 age_flush(struct age_arg *);
static int	 age_day(const char *, int32_t, int64_t, int64_t, void *);
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

static void
tb_sum(const char *code, int64_t sum, void *arg)
{
	struct chart	*ch = arg;
	struct acct	*a;

	if (ch->err != 0)
		return;
	if ((a = chart_find(ch, code)) == NULL)
		ch->err = ORDO_ECORRUPT;
	else if (add_i64(a->sum, sum, &a->sum) != 0)
		ch->err = ORDO_ERANGE;
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
	if ((rc = agg_account_period(tx, from, to, tb_sum, &ch)) != 0)
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

struct stmt_arg {
	void		(*fn)(const struct stmt_row *, void *);
	void		*arg;
	struct stmt	 s;
	int64_t		 bal;
	int		 err;
};

static int
stmt_line(int64_t time, const char *kind, uint64_t doc, uint64_t order,
    int64_t debit, int64_t credit, void *arg)
{
	struct stmt_arg	*sa = arg;
	struct stmt_row	 r;

	if (add_i64(sa->bal, debit, &sa->bal) != 0 ||
	    add_i64(sa->bal, -credit, &sa->bal) != 0 ||
	    add_i64(sa->s.invoiced, debit, &sa->s.invoiced) != 0 ||
	    add_i64(sa->s.paid, credit, &sa->s.paid) != 0) {
		sa->err = ORDO_ERANGE;
		return (1);
	}
	memset(&r, 0, sizeof r);
	r.time = time;
	r.kind = kind;
	r.doc = doc;
	r.order = order;
	r.debit = debit;
	r.credit = credit;
	r.balance = sa->bal;
	if (sa->fn != NULL)
		sa->fn(&r, sa->arg);
	return (0);
}

int
report_statement(struct db_txn *tx, const char *customer, int32_t from,
    int32_t to, void (*fn)(const struct stmt_row *, void *), void *arg,
    struct stmt *st, char **cause)
{
	struct stmt_arg	 sa;
	int64_t		 debit, credit;
	int		 rc;

	if ((rc = report_finance(tx, "reading a statement", cause)) != 0)
		return (rc);
	memset(&sa, 0, sizeof sa);
	if (st != NULL)
		memset(st, 0, sizeof *st);
	if (customer == NULL || *customer == '\0')
		return (cause_set(cause, ORDO_EINVAL, "no customer given"));
	if (from > to)
		return (cause_set(cause, ORDO_EINVAL, "the period ends before "
		    "it starts"));
	sa.fn = fn;
	sa.arg = arg;
	if ((rc = agg_stmt_before(tx, customer, from, &debit, &credit)) != 0)
		return (cause_set(cause, rc, "customer %s: %s", customer,
		    ordo_strerror(rc)));
	if (add_i64(debit, -credit, &sa.s.opening) != 0)
		return (cause_set(cause, ORDO_ERANGE, "customer %s: amounts "
		    "out of range", customer));
	sa.bal = sa.s.opening;
	if ((rc = agg_stmt_each(tx, customer, from, to, stmt_line,
	    &sa)) != 0)
		return (cause_set(cause, rc, "customer %s: %s", customer,
		    ordo_strerror(rc)));
	if (sa.err != 0)
		return (cause_set(cause, sa.err, "customer %s: amounts out of "
		    "range", customer));
	sa.s.closing = sa.bal;
	if (st != NULL)
		*st = sa.s;
	return (0);
}

/* Ageing. */

struct age_arg {
	void		(*fn)(const struct aging_row *, void *);
	void		*arg;
	int32_t		 day;
	char		*cust;		/* the row being summed */
	struct aging_row row, tot;
	int		 err;
};

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

static void
age_flush(struct age_arg *aa)
{
	if (aa->cust == NULL)
		return;
	aa->row.customer = aa->cust;
	if (aa->fn != NULL)
		aa->fn(&aa->row, aa->arg);
	free(aa->cust);
	aa->cust = NULL;
}

static int
age_day(const char *customer, int32_t d, int64_t owed, int64_t credit,
    void *arg)
{
	struct age_arg	*aa = arg;
	int64_t		 age = (int64_t)aa->day - d;
	int		 b;

	if (aa->cust == NULL || strcmp(aa->cust, customer) != 0) {
		age_flush(aa);
		aa->cust = xstrdup(customer);
		memset(&aa->row, 0, sizeof aa->row);
	}
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
	if ((owed != 0 && (age_add(&aa->row, b, owed) != 0 ||
	    age_add(&aa->tot, b, owed) != 0)) ||
	    (credit != 0 && (age_add(&aa->row, 5, credit) != 0 ||
	    age_add(&aa->tot, 5, credit) != 0))) {
		aa->err = ORDO_ERANGE;
		return (1);
	}
	return (0);
}

int
report_aging(struct db_txn *tx, int32_t day,
    void (*fn)(const struct aging_row *, void *), void *arg,
    struct aging_row *totals)
{
	struct age_arg	 aa;
	int		 rc;

	memset(&aa, 0, sizeof aa);
	if (totals != NULL)
		memset(totals, 0, sizeof *totals);
	aa.fn = fn;
	aa.arg = arg;
	aa.day = day;
	rc = agg_open_each(tx, age_day, &aa);
	if (rc == 0 && (rc = aa.err) == 0)
		age_flush(&aa);
	free(aa.cust);
	if (rc == 0 && totals != NULL)
		*totals = aa.tot;
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
