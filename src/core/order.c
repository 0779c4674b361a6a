/*
 * order.c: orders and their lifecycle events (new, add a line, confirm,
 * pick, pack, ship, deliver, close, cancel, return).  order.h gives the
 * statuses, the roles, the money rules and the tables; order-store.c has
 * the record, its indexes and history (ord_save) and the queries.
 *
 * Every event follows one pattern: check the role, load the order, check
 * the version and the state, check every input against the loaded order
 * and the stock (no writes yet), then write the stock moves, the invoice,
 * the journal entry and the changed order with its index entries, its
 * history and its audit record.  So a refusal writes nothing, and an
 * importer may go on in the same transaction after one.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ordo/alias.h"
#include "ordo/company.h"
#include "ordo/config.h"
#include "ordo/core.h"
#include "ordo/customer.h"
#include "ordo/date.h"
#include "ordo/error.h"
#include "ordo/item.h"
#include "ordo/ledger.h"
#include "ordo/money.h"
#include "ordo/order.h"
#include "ordo/payment.h"
#include "ordo/stock.h"
#include "ordo/text.h"
#include "ordo/where.h"
#include "ordo/xmalloc.h"

#include "order-int.h"

#define ORD_QTY_MAX	ORDER_QTY_MAX
#define ORD_LOC_MAX	32

static int	 ord_begin(struct db_txn *, uint64_t, uint32_t, enum role,
		    const char *, struct order *, char **);
static int	 ord_refuse(const struct order *, const char *, char **);
static int	 ord_loc(struct db_txn *, const char *, char **, char **);
static int	 ord_line_text(uint16_t, const char *, const char *,
		    const char *, size_t, int, char **);
static int	 ord_line_make(struct db_txn *, const char *, int,
		    const struct order_line *, uint16_t, struct order_line *,
		    char **);
static int	 ord_totals(struct order *, char **);
static int	 ord_at(int, const char *, unsigned);
static int	 ord_draft(struct db_txn *, uint64_t, uint32_t, struct order *,
		    char **);
static struct order_line *ord_draft_line(struct order *, uint16_t, char **);
static int	 ord_save_note(struct db_txn *, struct order *, uint16_t,
		    const char *, const char *, char **);
static int	 ord_line_amounts(struct db_txn *, struct order_line *,
		    int64_t, char **);
static int	 ord_new(struct db_txn *, struct order *, int, char **);
static int	 ord_new_plan(struct db_txn *, const struct order *, int64_t *,
		    int64_t *, int *, char **);
static struct order_line *ord_line(struct order *, const struct line_qty *,
		    char **);
static int	 ord_plan(struct db_txn *, const struct order *, int,
		    int64_t *, struct buf *, char **);
static int	 ord_map(struct db_txn *, struct order *, char **);
static int	 ord_simple(struct db_txn *, uint64_t, uint32_t, enum role,
		    const char *, enum order_status, enum order_status,
		    const char *, const char *, const char *, char **);
static int64_t	 ord_part(int64_t, int64_t, int64_t, int64_t);
static int	 ord_move(struct db_txn *, const struct order *,
		    const struct order_line *, enum move_kind, int64_t,
		    int64_t *, int, char **);
static int	 ord_ship(struct db_txn *, uint64_t, uint32_t,
		    const struct line_qty *, size_t, const char *,
		    const char *, uint64_t *, int, char **);

/* Events: the shared steps. */

/* Check the role, load the order and check the version the caller saw. */
static int
ord_begin(struct db_txn *tx, uint64_t id, uint32_t ver, enum role need,
    const char *what, struct order *o, char **cause)
{
	char	 t[TIME_BUFSZ];
	int	 rc;

	memset(o, 0, sizeof *o);
	if ((rc = core_require(tx, need, what, cause)) != 0)
		return (rc);
	if ((rc = ord_load(tx, id, o, cause)) != 0)
		return (rc);
	if (ver != ORDER_ANY_VERSION && ver != o->version) {
		rc = cause_set(cause, ORDO_ECONFLICT, "order %llu was changed "
		    "by %s at %s (version %u, you have %u); reload it",
		    ORD_ULL(id), o->updated_by, time_fmt(t, sizeof t,
		    o->updated), o->version, ver);
		order_free(o);
	}
	return (rc);
}

static int
ord_refuse(const struct order *o, const char *only, char **cause)
{
	return (cause_set(cause, ORDO_ESTATE, "order %llu is %s; only %s",
	    ORD_ULL(o->id), order_status_name(o->status), only));
}

/* The line a line_qty names, or NULL with a cause. */
static struct order_line *
ord_line(struct order *o, const struct line_qty *lq, char **cause)
{
	if (lq->no == 0 || lq->no > o->nlines) {
		cause_set(cause, ORDO_EINVAL, "line %u: order %llu has no "
		    "such line (it has %zu)", lq->no, ORD_ULL(o->id),
		    o->nlines);
		return (NULL);
	}
	if (lq->qty <= 0) {
		cause_set(cause, ORDO_EINVAL, "line %u: quantity must be "
		    "more than 0", lq->no);
		return (NULL);
	}
	return (&o->lines[lq->no - 1]);
}

/* Resolve a location: given (must exist) or the first configured. */
static int
ord_loc(struct db_txn *tx, const char *want, char **out, char **cause)
{
	int	 rc;

	*out = NULL;
	if (want == NULL || *want == '\0') {
		if (tx->co->cfg == NULL || tx->co->cfg->nlocations == 0)
			return (cause_set(cause, ORDO_ECONFIG,
			    "no location is configured"));
		want = tx->co->cfg->locations[0].code;
	}
	if ((rc = text_check("location", want, ORD_LOC_MAX, 1, cause)) != 0)
		return (rc);
	if (!stock_location_exists(tx, want))
		return (cause_set(cause, ORDO_EINVAL, "unknown location %s",
		    want));
	*out = xstrdup(want);
	return (0);
}

/* rc; if it is a refusal, it points at field (of line, or 0). */
static int
ord_at(int rc, const char *field, unsigned line)
{
	if (rc != 0)
		ordo_where_set(field, line);
	return (rc);
}

/*
 * text_check for a field of line no, named ("line 2: SKU") if it fails;
 * the refusal points at field.
 */
static int
ord_line_text(uint16_t no, const char *what, const char *field,
    const char *s, size_t max, int required, char **cause)
{
	char	 f[32];

	if (text_check(what, s, max, required, NULL) == 0)
		return (0);
	snprintf(f, sizeof f, "line %u: %s", no, what);
	return (ord_at(text_check(f, s, max, required, cause), field, no));
}

/*
 * Check line "in" (number no) and make "out", an owned copy with the
 * price, tax rate, name and location resolved and net and tax computed.
 * oloc is the order's location; checked says ord_loc has just accepted it
 * in this call (order_new), so a line served from it need not look it up
 * again.
 */
static int
ord_line_make(struct db_txn *tx, const char *oloc, int checked,
    const struct order_line *in, uint16_t no, struct order_line *out,
    char **cause)
{
	const char	*loc;
	char		*e = NULL;
	char		*iname = NULL;
	int64_t		 iprice = 0;
	int		 rc, unmapped, irate = 0, have = 0;

	memset(out, 0, sizeof *out);
	unmapped = (in->flags & LINE_UNMAPPED) != 0;
	if ((rc = ord_line_text(no, "SKU", "sku", in->sku, unmapped ?
	    ITEM_NAME_MAX : ITEM_SKU_MAX, 1, cause)) != 0)
		return (rc);
	if (!unmapped) {
		rc = item_get_price(tx, in->sku, &iprice, &irate,
		    in->name != NULL && *in->name != '\0' ? NULL : &iname, &e);
		if (rc == ORDO_ENOTFOUND)
			rc = cause_set(cause, rc, "line %u: unknown SKU %s "
			    "(not in the catalogue)", no, in->sku);
		else if (rc != 0)
			rc = cause_set(cause, rc, "line %u: %s", no,
			    e != NULL ? e : ordo_strerror(rc));
		free(e);
		if (rc != 0)
			return (ord_at(rc, "sku", no));
		have = 1;
	}
	rc = ORDO_EINVAL;
	ordo_where_set("qty", no);
	if (in->qty <= 0) {
		cause_set(cause, rc, "line %u: quantity must be more than 0",
		    no);
		goto out;
	}
	if (in->qty > ORD_QTY_MAX) {
		cause_set(cause, rc, "line %u: quantity %lld is too large",
		    no, ORD_LL(in->qty));
		goto out;
	}
	ordo_where_set("unit_price", no);
	if (in->unit_price == -1 && !have) {
		cause_set(cause, rc, "line %u: SKU %s is not in the "
		    "catalogue, so the line needs its own price", no, in->sku);
		goto out;
	}
	if (in->unit_price < -1) {
		cause_set(cause, rc, "line %u: price must not be negative",
		    no);
		goto out;
	}
	ordo_where_set("tax_rate", no);
	if (in->tax_rate < -1 || in->tax_rate > 10000) {
		cause_set(cause, rc, "line %u: tax rate must be between 0 "
		    "and 100%%", no);
		goto out;
	}
	ordo_where_set("discount", no);
	if (in->discount < 0) {
		cause_set(cause, rc, "line %u: discount must not be "
		    "negative", no);
		goto out;
	}
	ordo_where_clear();
	if ((rc = ord_line_text(no, "name", "name", in->name, ITEM_NAME_MAX,
	    0, cause)) != 0)
		goto out;
	if ((in->flags & LINE_TAX_GIVEN) && in->tax < 0) {
		cause_set(cause, rc, "line %u: tax must not be negative", no);
		goto out;
	}
	out->no = no;
	out->qty = in->qty;
	out->discount = in->discount;
	out->flags = in->flags & (LINE_UNMAPPED | LINE_TAX_GIVEN |
	    LINE_TAX_INCL);
	out->unit_price = in->unit_price == -1 ? iprice : in->unit_price;
	if (in->tax_rate != -1)
		out->tax_rate = in->tax_rate;
	else if (have)
		out->tax_rate = irate;
	else
		out->tax_rate = tx->co->cfg != NULL ? tx->co->cfg->tax_rate : 0;
	if ((rc = ord_line_amounts(tx, out, in->tax, cause)) != 0)
		goto out;
	loc = in->loc != NULL && *in->loc != '\0' ? in->loc : oloc;
	if (checked && oloc != NULL && strcmp(loc, oloc) == 0)
		out->loc = xstrdup(oloc);
	else if ((rc = ord_loc(tx, loc, &out->loc, &e)) != 0) {
		rc = ord_at(cause_set(cause, rc, "line %u: %s", no, e), "loc",
		    no);
		free(e);
		goto out;
	}
	out->sku = xstrdup(in->sku);
	if (in->name != NULL && *in->name != '\0')
		out->name = xstrdup(in->name);
	else if (iname != NULL) {
		out->name = iname;
		iname = NULL;
	} else
		out->name = xstrdup(in->sku);
out:
	free(iname);
	if (rc != 0) {
		free(out->loc);
		memset(out, 0, sizeof *out);
	}
	return (rc);
}

void
order_tax_split(int64_t gross, int rate, int64_t *net, int64_t *tax)
{
	*tax = rate <= 0 ? 0 : muldiv_round(gross, rate, 10000 + rate);
	*net = gross - *tax;
}

int
order_allocate(int64_t amount, const int64_t *weight, const int64_t *cap,
    size_t n, int64_t *out)
{
	__int128	 sum = 0, r, best;
	int64_t		 left = amount;
	size_t		 i, bi;

	if (amount < 0)
		return (ORDO_ERANGE);
	for (i = 0; i < n; i++) {
		out[i] = 0;
		if (weight[i] > 0)
			sum += weight[i];
	}
	if (amount == 0)
		return (0);
	if (sum == 0)
		return (ORDO_ERANGE);
	for (i = 0; i < n; i++) {
		if (weight[i] <= 0)
			continue;
		out[i] = (int64_t)((__int128)amount * weight[i] / sum);
		if (cap != NULL && out[i] > cap[i])
			out[i] = cap[i];
		left -= out[i];
	}
	/* One each to the largest remainders; then to any room left. */
	while (left > 0) {
		bi = n;
		best = 0;
		for (i = 0; i < n; i++) {
			if (weight[i] <= 0 || (cap != NULL && out[i] >= cap[i]))
				continue;
			r = (__int128)amount * weight[i] - (__int128)out[i] *
			    sum;
			if (bi == n || r > best) {
				best = r;
				bi = i;
			}
		}
		if (bi == n)
			return (ORDO_ERANGE);
		out[bi]++;
		left--;
	}
	return (0);
}

/*
 * A line's net and tax from its quantity, unit price, discount and tax
 * rate by the money rules (order.h; tax the given one with
 * LINE_TAX_GIVEN): ORDO_ERANGE if too large, ORDO_EINVAL (pointing at the
 * discount) if the discount is more than the amount, or the tax of a
 * tax-inclusive line more than its amount.
 */
static int
ord_line_amounts(struct db_txn *tx, struct order_line *l, int64_t given,
    char **cause)
{
	char		 a[MONEY_BUFSZ], b[MONEY_BUFSZ];
	int64_t		 gross, net;

	if (mul_i64(l->qty, l->unit_price, &gross) != 0)
		return (ord_at(cause_set(cause, ORDO_ERANGE, "line %u: amount "
		    "is too large", l->no), "qty", l->no));
	l->net = gross - l->discount;
	if (l->net < 0)
		return (ord_at(cause_set(cause, ORDO_EINVAL, "line %u: "
		    "discount %s is more than the line amount %s", l->no,
		    core_money(tx, a, sizeof a, l->discount), core_money(tx, b,
		    sizeof b, gross)), "discount", l->no));
	/* Money rules, order.h. */
	if (l->flags & LINE_TAX_GIVEN)
		l->tax = given;
	else if (l->flags & LINE_TAX_INCL)
		order_tax_split(l->net, l->tax_rate, &net, &l->tax);
	else
		l->tax = muldiv_round(l->net, l->tax_rate, 10000);
	if (l->flags & LINE_TAX_INCL) {
		if (l->tax > l->net)
			return (ord_at(cause_set(cause, ORDO_EINVAL, "line %u: "
			    "tax %s is more than the line amount %s", l->no,
			    core_money(tx, a, sizeof a, l->tax), core_money(tx,
			    b, sizeof b, l->net)), "tax", l->no));
		l->net -= l->tax;
	}
	return (0);
}

/* Totals from the lines: exactly their sums (ship_tax already set). */
static int
ord_totals(struct order *o, char **cause)
{
	int64_t	 net = 0, tax = 0;
	size_t	 i;

	for (i = 0; i < o->nlines; i++) {
		if (add_i64(net, o->lines[i].net, &net) != 0 ||
		    add_i64(tax, o->lines[i].tax, &tax) != 0)
			goto range;
	}
	if (add_i64(net, o->shipping, &net) != 0 ||
	    add_i64(tax, o->ship_tax, &tax) != 0 ||
	    add_i64(net, tax, &o->total) != 0)
		goto range;
	o->net = net;
	o->tax = tax;
	return (0);
range:
	return (cause_set(cause, ORDO_ERANGE, "order total is too large"));
}

int
order_new(struct db_txn *tx, struct order *o, char **cause)
{
	return (ord_new(tx, o, 0, cause));
}

int
order_new_confirm(struct db_txn *tx, struct order *o, char **cause)
{
	return (ord_new(tx, o, 1, cause));
}

/*
 * Plan the confirmation of s, a new order not yet written: *fast is 1 if
 * every line can be reserved in full now (take[i] its quantity, *got
 * their sum), else 0.
 */
static int
ord_new_plan(struct db_txn *tx, const struct order *s, int64_t *take,
    int64_t *got, int *fast, char **cause)
{
	struct buf	 shorts;
	size_t		 i;
	int		 rc;

	*got = 0;
	*fast = 0;
	if (s->nlines == 0)
		return (0);
	for (i = 0; i < s->nlines; i++)
		if (s->lines[i].flags & LINE_UNMAPPED)
			return (0);
	buf_init(&shorts);
	rc = ord_plan(tx, s, 1, take, &shorts, cause);
	buf_free(&shorts);
	if (rc != 0)
		return (rc);
	for (i = 0; i < s->nlines; i++) {
		if (take[i] != s->lines[i].qty)
			return (0);
		*got += take[i];
	}
	*fast = 1;
	return (0);
}

/* order_new; with confirm, order_new_confirm. */
static int
ord_new(struct db_txn *tx, struct order *o, int confirm, char **cause)
{
	struct order	 s;
	struct customer	 c;
	struct buf	 k, v;
	const char	*chan;
	char		*e = NULL, *note = NULL, *cnote = NULL, m[MONEY_BUFSZ];
	int64_t		*take = NULL, got = 0, gross;
	uint64_t	 id;
	size_t		 i;
	int		 rc, fast = 0, incl;

	memset(&s, 0, sizeof s);
	buf_init(&k);
	buf_init(&v);
	if ((rc = core_require(tx, ROLE_CLERK, "entering an order",
	    cause)) != 0)
		return (rc);
	if ((rc = ord_at(text_check("channel", o->channel,
	    ORDER_CHANNEL_MAX, 0, cause), "channel", 0)) != 0 ||
	    (rc = ord_at(text_check("external id", o->ext_id,
	    ORDER_EXTID_MAX, 0, cause), "ext_id", 0)) != 0)
		return (rc);
	chan = o->channel != NULL && *o->channel != '\0' ? o->channel :
	    "counter";
	/* Already imported?  Answer first, so a re-run is always a no-op. */
	if (o->ext_id != NULL && *o->ext_id != '\0') {
		rc = order_find_external(tx, chan, o->ext_id, &id);
		if (rc == 0) {
			o->id = id;
			ordo_where_set("ext_id", 0);
			return (cause_set(cause, ORDO_EEXIST, "%s order %s is "
			    "already there as order %llu", chan, o->ext_id,
			    ORD_ULL(id)));
		}
		if (rc != ORDO_ENOTFOUND)
			return (cause_set(cause, rc, "%s order %s: %s", chan,
			    o->ext_id, ordo_strerror(rc)));
	}
	if ((rc = ord_at(text_check("customer", o->customer,
	    CUSTOMER_CODE_MAX, 1, cause), "customer", 0)) != 0)
		return (rc);
	memset(&c, 0, sizeof c);
	if ((rc = customer_get(tx, o->customer, &c, &e)) != 0) {
		ordo_where_set("customer", 0);
		if (rc == ORDO_ENOTFOUND)
			rc = cause_set(cause, rc, "unknown customer %s",
			    o->customer);
		else
			rc = cause_set(cause, rc, "customer %s: %s",
			    o->customer, e != NULL ? e : ordo_strerror(rc));
		free(e);
		return (rc);
	}
	customer_free(&c);
	if ((rc = ord_at(text_check("external number", o->ext_number,
	    ORDER_EXTNO_MAX, 0, cause), "ext_number", 0)) != 0 ||
	    (rc = ord_at(text_check("ship to", o->ship_to, ORDER_SHIPTO_MAX,
	    TEXT_FREE, cause), "ship_to", 0)) != 0 ||
	    (rc = ord_at(text_check("notes", o->notes, ORDER_NOTES_MAX,
	    TEXT_FREE, cause), "notes", 0)) != 0)
		return (rc);
	if (o->shipping < 0)
		return (ord_at(cause_set(cause, ORDO_EINVAL, "shipping must "
		    "not be negative"), "shipping", 0));
	if (o->nlines > ORDER_MAXLINES)
		return (cause_set(cause, ORDO_EINVAL, "too many lines (%zu, at "
		    "most %d)", o->nlines, ORDER_MAXLINES));

	s.channel = xstrdup(chan);
	s.ext_id = xstrdup(o->ext_id != NULL ? o->ext_id : "");
	s.ext_number = xstrdup(o->ext_number != NULL ? o->ext_number : "");
	s.customer = xstrdup(o->customer);
	s.ship_to = xstrdup(o->ship_to != NULL ? o->ship_to : "");
	s.notes = xstrdup(o->notes != NULL ? o->notes : "");
	s.carrier = xstrdup("");
	s.tracking = xstrdup("");
	s.status = ST_DRAFT;
	s.created = o->created > 0 ? o->created : tx->now;
	if (o->tax_mode == ORDER_TAX_INCL)
		incl = 1;
	else if (o->tax_mode == ORDER_TAX_EXCL)
		incl = 0;
	else
		incl = tx->co->cfg != NULL && tx->co->cfg->prices_incl;
	s.ship_tax_rate = tx->co->cfg != NULL ? tx->co->cfg->tax_rate : 0;
	if (o->flags & ORDER_SHIP_TAX_GIVEN) {
		if (o->ship_tax < 0 || (incl && o->ship_tax > o->shipping)) {
			rc = cause_set(cause, ORDO_EINVAL, "shipping tax "
			    "must be from 0 to the shipping charge");
			goto out;
		}
		s.ship_tax_rate = -1;
		s.ship_tax = o->ship_tax;
	} else if (incl)
		order_tax_split(o->shipping, s.ship_tax_rate, &gross,
		    &s.ship_tax);
	else
		s.ship_tax = muldiv_round(o->shipping, s.ship_tax_rate, 10000);
	s.shipping = incl ? o->shipping - s.ship_tax : o->shipping;
	s.batch = o->batch;
	if ((rc = ord_at(ord_loc(tx, o->loc, &s.loc, cause), "loc", 0)) != 0)
		goto out;
	s.lines = xcalloc(o->nlines + 1, sizeof *s.lines);
	for (i = 0; i < o->nlines; i++) {
		struct order_line in = o->lines[i];

		in.flags &= ~LINE_TAX_INCL;
		if (incl)
			in.flags |= LINE_TAX_INCL;
		if ((rc = ord_line_make(tx, s.loc, 1, &in,
		    (uint16_t)(i + 1), &s.lines[i], cause)) != 0)
			goto out;
		s.nlines++;
	}
	if ((rc = ord_totals(&s, cause)) != 0)
		goto out;
	if (confirm) {
		take = xcalloc(s.nlines + 1, sizeof *take);
		if ((rc = ord_new_plan(tx, &s, take, &got, &fast,
		    cause)) != 0)
			goto out;
	}

	if ((rc = db_seq_next(tx, "order", &s.id)) != 0)
		goto out;
	if (*s.ext_id != '\0') {
		key_str(&k, s.channel);
		key_strn(&k, s.ext_id);
		key_u64(&v, s.id);
		if ((rc = db_putb(tx, TB_ORD_BY_EXT, &k, &v,
		    MDB_NOOVERWRITE)) != 0)
			goto out;
	}
	xasprintf(&cnote, "created: %zu line%s, total %s", s.nlines,
	    s.nlines == 1 ? "" : "s", core_money(tx, m, sizeof m, s.total));
	if (fast) {
		/* As order_confirm would, with nothing backordered. */
		for (i = 0; i < s.nlines; i++) {
			/* ord_line_make found the item and location. */
			if ((rc = stock_reserve_known(tx, s.lines[i].sku,
			    s.lines[i].loc, take[i], cause)) != 0)
				goto out;
			s.lines[i].reserved = take[i];
		}
		s.status = ST_CONFIRMED;
		xasprintf(&note, "confirmed: %lld reserved", ORD_LL(got));
		rc = ord_save_new(tx, &s, cnote, "order.confirm", note);
	} else
		rc = ord_save(tx, &s, -1, "order.new", cnote);
	if (rc != 0)
		goto out;

	o->id = s.id;
	o->version = s.version;
	o->status = s.status;
	o->created = s.created;
	o->updated = s.updated;
	o->ship_tax_rate = s.ship_tax_rate;
	o->ship_tax = s.ship_tax;
	o->net = s.net;
	o->tax = s.tax;
	o->total = s.total;
	for (i = 0; i < o->nlines; i++) {
		o->lines[i].no = s.lines[i].no;
		o->lines[i].unit_price = s.lines[i].unit_price;
		o->lines[i].tax_rate = s.lines[i].tax_rate;
		o->lines[i].net = s.lines[i].net;
		o->lines[i].tax = s.lines[i].tax;
	}
out:
	free(take);
	free(cnote);
	free(note);
	buf_free(&k);
	buf_free(&v);
	ord_release(&s);
	return (rc);
}

int
order_add_line(struct db_txn *tx, uint64_t id, uint32_t ver,
    struct order_line *l, char **cause)
{
	struct order	 o;
	struct order_line nl, in;
	char		*note = NULL;
	int		 rc;

	if ((rc = ord_begin(tx, id, ver, ROLE_CLERK, "changing an order", &o,
	    cause)) != 0)
		return (rc);
	if (o.status != ST_DRAFT) {
		rc = ord_refuse(&o, "draft orders can be changed", cause);
		goto out;
	}
	if (o.nlines >= ORDER_MAXLINES) {
		rc = cause_set(cause, ORDO_EINVAL, "order %llu has %zu lines, "
		    "the most there can be", ORD_ULL(id), o.nlines);
		goto out;
	}
	/* As the order's lines are (or the company says), with its tax. */
	in = *l;
	in.flags &= ~LINE_TAX_INCL;
	if (o.nlines > 0 ? (o.lines[0].flags & LINE_TAX_INCL) != 0 :
	    tx->co->cfg != NULL && tx->co->cfg->prices_incl)
		in.flags |= LINE_TAX_INCL;
	if ((rc = ord_line_make(tx, o.loc, 0, &in, (uint16_t)(o.nlines + 1),
	    &nl, cause)) != 0)
		goto out;
	o.lines = xreallocarray(o.lines, o.nlines + 1, sizeof *o.lines);
	o.lines[o.nlines++] = nl;
	if ((rc = ord_totals(&o, cause)) != 0)
		goto out;
	xasprintf(&note, "line %u added: %s x %lld", nl.no, nl.sku,
	    ORD_LL(nl.qty));
	if ((rc = ord_save(tx, &o, o.status, "order.change", note)) != 0)
		goto out;
	l->no = nl.no;
	l->unit_price = nl.unit_price;
	l->tax_rate = nl.tax_rate;
	l->net = nl.net;
	l->tax = nl.tax;
out:
	free(note);
	ord_release(&o);
	return (rc);
}

/* Draft edits. */

/* ord_begin for a change of a draft: refused on any other status. */
static int
ord_draft(struct db_txn *tx, uint64_t id, uint32_t ver, struct order *o,
    char **cause)
{
	int	 rc;

	if ((rc = ord_begin(tx, id, ver, ROLE_CLERK, "changing an order", o,
	    cause)) != 0)
		return (rc);
	if (o->status != ST_DRAFT) {
		rc = ord_refuse(o, "draft orders can be changed", cause);
		ord_release(o);
	}
	return (rc);
}

/* Line no of a draft, or NULL with a cause. */
static struct order_line *
ord_draft_line(struct order *o, uint16_t no, char **cause)
{
	if (no == 0 || no > o->nlines) {
		cause_set(cause, ORDO_EINVAL, "line %u: order %llu has no "
		    "such line (it has %zu)", no, ORD_ULL(o->id), o->nlines);
		return (NULL);
	}
	return (&o->lines[no - 1]);
}

int
order_set_line(struct db_txn *tx, uint64_t id, uint32_t ver, uint16_t no,
    int64_t qty, int64_t price, int64_t discount, char **cause)
{
	struct order	 o;
	struct order_line *l;
	char		 a[MONEY_BUFSZ], b[MONEY_BUFSZ];
	struct buf	 note;
	int		 rc;

	buf_init(&note);
	if ((rc = ord_draft(tx, id, ver, &o, cause)) != 0)
		return (rc);
	rc = ORDO_EINVAL;
	if ((l = ord_draft_line(&o, no, cause)) == NULL)
		goto out;
	if (qty != ORDER_KEEP && (qty <= 0 || qty > ORD_QTY_MAX)) {
		ord_at(cause_set(cause, rc, qty <= 0 ? "line %u: quantity must "
		    "be more than 0" : "line %u: quantity is too large", no),
		    "qty", no);
		goto out;
	}
	if (price != ORDER_KEEP && price < 0) {
		ord_at(cause_set(cause, rc, "line %u: price must not be "
		    "negative", no), "unit_price", no);
		goto out;
	}
	if (discount != ORDER_KEEP && discount < 0) {
		ord_at(cause_set(cause, rc, "line %u: discount must not be "
		    "negative", no), "discount", no);
		goto out;
	}
	if (qty != ORDER_KEEP && qty != l->qty) {
		buf_printf(&note, ", quantity %lld -> %lld", ORD_LL(l->qty),
		    ORD_LL(qty));
		l->qty = qty;
	}
	if (price != ORDER_KEEP && price != l->unit_price) {
		buf_printf(&note, ", price %s -> %s", core_money(tx, a,
		    sizeof a, l->unit_price), core_money(tx, b, sizeof b,
		    price));
		l->unit_price = price;
	}
	if (discount != ORDER_KEEP && discount != l->discount) {
		buf_printf(&note, ", discount %s -> %s", core_money(tx, a,
		    sizeof a, l->discount), core_money(tx, b, sizeof b,
		    discount));
		l->discount = discount;
	}
	rc = 0;
	if (note.len == 0)
		goto out;	/* nothing changes: nothing written */
	/* A tax the marketplace gave was for the line as it was. */
	l->flags &= ~LINE_TAX_GIVEN;
	if ((rc = ord_line_amounts(tx, l, 0, cause)) != 0 ||
	    (rc = ord_totals(&o, cause)) != 0)
		goto out;
	rc = ord_save_note(tx, &o, no, l->sku, buf_str(&note), cause);
out:
	buf_free(&note);
	ord_release(&o);
	return (rc);
}

/* Save a line change: "line 2 (TEA-1): quantity 1 -> 3, ...". */
static int
ord_save_note(struct db_txn *tx, struct order *o, uint16_t no,
    const char *sku, const char *what, char **cause)
{
	char	*note;
	int	 rc;

	(void)cause;
	xasprintf(&note, "line %u (%s)%s%s", no, sku, *what == ',' ? ":" : "",
	    *what == ',' ? what + 1 : what);
	rc = ord_save(tx, o, o->status, "order.change", note);
	free(note);
	return (rc);
}

int
order_remove_line(struct db_txn *tx, uint64_t id, uint32_t ver,
    uint16_t no, char **cause)
{
	struct order	 o;
	struct order_line *l, gone;
	char		 what[64];
	size_t		 i;
	int		 rc;

	if ((rc = ord_draft(tx, id, ver, &o, cause)) != 0)
		return (rc);
	if ((l = ord_draft_line(&o, no, cause)) == NULL) {
		rc = ORDO_EINVAL;
		goto out;
	}
	/* The lines after it move up a number. */
	gone = *l;
	for (i = no; i < o.nlines; i++) {
		o.lines[i - 1] = o.lines[i];
		o.lines[i - 1].no = (uint16_t)i;
	}
	o.nlines--;
	memset(&o.lines[o.nlines], 0, sizeof o.lines[o.nlines]);
	snprintf(what, sizeof what, " removed: %lld", ORD_LL(gone.qty));
	if ((rc = ord_totals(&o, cause)) == 0)
		rc = ord_save_note(tx, &o, no, gone.sku, what, cause);
	free(gone.sku);
	free(gone.name);
	free(gone.loc);
out:
	ord_release(&o);
	return (rc);
}

int
order_set_customer(struct db_txn *tx, uint64_t id, uint32_t ver,
    const char *code, char **cause)
{
	struct order	 o;
	struct customer	 c;
	char		*was = NULL, *note = NULL, *e = NULL;
	int		 rc;

	if ((rc = ord_draft(tx, id, ver, &o, cause)) != 0)
		return (rc);
	if ((rc = ord_at(text_check("customer", code, CUSTOMER_CODE_MAX, 1,
	    cause), "customer", 0)) != 0)
		goto out;
	if (strcmp(code, o.customer) == 0)
		goto out;
	memset(&c, 0, sizeof c);
	if ((rc = customer_get(tx, code, &c, &e)) != 0) {
		rc = ord_at(cause_set(cause, rc, rc == ORDO_ENOTFOUND ?
		    "unknown customer %s" : "customer %s: %s", code, e != NULL ?
		    e : ordo_strerror(rc)), "customer", 0);
		free(e);
		goto out;
	}
	customer_free(&c);
	was = o.customer;
	o.customer = xstrdup(code);
	xasprintf(&note, "customer %s -> %s", was, code);
	rc = ord_save_moved(tx, &o, o.status, was, "order.change", note);
out:
	free(was);
	free(note);
	ord_release(&o);
	return (rc);
}

int
order_set_fields(struct db_txn *tx, uint64_t id, uint32_t ver,
    const char *ship_to, const char *notes, int64_t shipping, char **cause)
{
	struct order	 o;
	char		 a[MONEY_BUFSZ], b[MONEY_BUFSZ];
	struct buf	 note;
	int64_t		 was;
	int		 rc, incl;

	buf_init(&note);
	if ((rc = ord_draft(tx, id, ver, &o, cause)) != 0)
		return (rc);
	if ((rc = ord_at(text_check("ship to", ship_to, ORDER_SHIPTO_MAX,
	    TEXT_FREE, cause), "ship_to", 0)) != 0 ||
	    (rc = ord_at(text_check("notes", notes, ORDER_NOTES_MAX,
	    TEXT_FREE, cause), "notes", 0)) != 0)
		goto out;
	if (shipping != ORDER_KEEP && shipping < 0) {
		rc = ord_at(cause_set(cause, ORDO_EINVAL, "shipping must not "
		    "be negative"), "shipping", 0);
		goto out;
	}
	if (ship_to != NULL && strcmp(ship_to, o.ship_to) != 0) {
		free(o.ship_to);
		o.ship_to = xstrdup(ship_to);
		buf_printf(&note, ", ship-to");
	}
	if (notes != NULL && strcmp(notes, o.notes) != 0) {
		free(o.notes);
		o.notes = xstrdup(notes);
		buf_printf(&note, ", notes");
	}
	/* Shipping by the rule of the order's prices, as order_new does. */
	incl = o.nlines > 0 ? (o.lines[0].flags & LINE_TAX_INCL) != 0 :
	    tx->co->cfg != NULL && tx->co->cfg->prices_incl;
	was = incl ? o.shipping + o.ship_tax : o.shipping;
	if (shipping != ORDER_KEEP && shipping != was) {
		if (o.ship_tax_rate < 0) {
			rc = ord_at(cause_set(cause, ORDO_EINVAL, "the "
			    "shipping tax of order %llu was given by the "
			    "marketplace; its shipping cannot be changed",
			    ORD_ULL(o.id)), "shipping", 0);
			goto out;
		}
		buf_printf(&note, ", shipping %s -> %s", core_money(tx, a,
		    sizeof a, was), core_money(tx, b, sizeof b, shipping));
		if (incl)
			order_tax_split(shipping, o.ship_tax_rate, &o.shipping,
			    &o.ship_tax);
		else {
			o.shipping = shipping;
			o.ship_tax = muldiv_round(shipping, o.ship_tax_rate,
			    10000);
		}
		if ((rc = ord_totals(&o, cause)) != 0)
			goto out;
	}
	if (note.len == 0)
		goto out;	/* nothing changes: nothing written */
	buf_printf(&note, " changed");
	rc = ord_save(tx, &o, o.status, "order.change", buf_str(&note) + 2);
out:
	buf_free(&note);
	ord_release(&o);
	return (rc);
}

/* Confirm: reservations. */

/*
 * Work out what each line can reserve now: take[i] of its backordered
 * quantity, given what is available and what the earlier lines of this
 * order take from the same stock row.  The short lines are listed in
 * *shorts: with strict, only those that may not be backordered.
 */
static int
ord_plan(struct db_txn *tx, const struct order *o, int strict,
    int64_t *take, struct buf *shorts, char **cause)
{
	const struct order_line	*l;
	struct stock		 st;
	int64_t			 want, avail;
	size_t			 i, j;
	int			 rc;

	buf_reset(shorts);
	for (i = 0; i < o->nlines; i++) {
		l = &o->lines[i];
		take[i] = 0;
		if ((want = line_backordered(l)) == 0)
			continue;
		memset(&st, 0, sizeof st);
		if ((rc = stock_get(tx, l->sku, l->loc, &st)) != 0)
			return (cause_set(cause, rc, "line %u: %s at %s: %s",
			    l->no, l->sku, l->loc, ordo_strerror(rc)));
		avail = stock_available(&st);
		stock_free(&st);
		for (j = 0; j < i; j++) {
			if (strcmp(o->lines[j].sku, l->sku) == 0 &&
			    strcmp(o->lines[j].loc, l->loc) == 0)
				avail -= take[j];
		}
		if (avail < 0)
			avail = 0;
		take[i] = want < avail ? want : avail;
		/* The item or the location may allow selling short. */
		if (take[i] == want || (strict &&
		    stock_backorder_allowed(tx, l->sku, l->loc)))
			continue;
		buf_printf(shorts, "%sline %u: %s at %s: %lld available, %lld "
		    "wanted", shorts->len > 0 ? "; " : "", l->no, l->sku,
		    l->loc, ORD_LL(avail), ORD_LL(want));
	}
	return (0);
}

/*
 * Map the unmapped lines whose SKU has since been given an alias on the
 * order's channel, or been added to the catalogue; refuse the rest.
 */
static int
ord_map(struct db_txn *tx, struct order *o, char **cause)
{
	struct order_line	*l;
	char			*sku;
	struct buf		 bad;
	size_t			 i;
	int			 rc;

	buf_init(&bad);
	for (i = 0; i < o->nlines; i++) {
		l = &o->lines[i];
		if (!(l->flags & LINE_UNMAPPED))
			continue;
		if (alias_resolve(tx, o->channel, l->sku, &sku) == 0) {
			free(l->sku);
			l->sku = sku;
			l->flags &= ~LINE_UNMAPPED;
			continue;
		}
		buf_printf(&bad, "%sline %u: SKU %s", bad.len > 0 ? "; " : "",
		    l->no, l->sku);
	}
	if (bad.len == 0)
		return (0);
	rc = cause_set(cause, ORDO_EINVAL, "order %llu cannot be confirmed: "
	    "%s not in the catalogue; map the SKU to an item ('ordo import "
	    "--alias') or add the item, then confirm again", ORD_ULL(o->id),
	    buf_str(&bad));
	buf_free(&bad);
	return (rc);
}

int
order_confirm(struct db_txn *tx, uint64_t id, uint32_t ver, char **cause)
{
	struct order	 o;
	struct order_line *l;
	enum order_status from;
	int64_t		*take = NULL, got = 0, left = 0;
	struct buf	 shorts, note;
	size_t		 i;
	int		 rc, draft;

	if ((rc = ord_begin(tx, id, ver, ROLE_CLERK, "confirming an order",
	    &o, cause)) != 0)
		return (rc);
	buf_init(&shorts);
	buf_init(&note);
	from = o.status;
	draft = o.status == ST_DRAFT;
	if (!draft && (o.status < ST_CONFIRMED || o.status > ST_PARTIAL)) {
		rc = ord_refuse(&o, "draft orders can be confirmed (and "
		    "open ones confirmed again for their backorders)", cause);
		goto out;
	}
	if (draft && o.nlines == 0) {
		rc = cause_set(cause, ORDO_EINVAL, "order %llu has no lines; "
		    "add one before confirming", ORD_ULL(id));
		goto out;
	}
	if (draft && (rc = ord_map(tx, &o, cause)) != 0)
		goto out;
	take = xcalloc(o.nlines + 1, sizeof *take);
	if ((rc = ord_plan(tx, &o, draft, take, &shorts, cause)) != 0)
		goto out;
	for (i = 0; i < o.nlines; i++) {
		got += take[i];
		left += line_backordered(&o.lines[i]) - take[i];
	}
	if (draft && shorts.len > 0) {
		rc = cause_set(cause, ORDO_ESHORT, "not enough stock for order "
		    "%llu: %s", ORD_ULL(id), buf_str(&shorts));
		goto out;
	}
	if (!draft && got + left == 0) {
		rc = cause_set(cause, ORDO_ESTATE, "order %llu is %s and "
		    "nothing is backordered; there is nothing to confirm",
		    ORD_ULL(id), order_status_name(o.status));
		goto out;
	}
	if (!draft && got == 0) {
		rc = cause_set(cause, ORDO_ESHORT, "order %llu: nothing more "
		    "can be reserved for its backorders yet: %s", ORD_ULL(id),
		    buf_str(&shorts));
		goto out;
	}

	for (i = 0; i < o.nlines; i++) {
		l = &o.lines[i];
		if (take[i] == 0)
			continue;
		if ((rc = stock_reserve(tx, l->sku, l->loc, take[i],
		    cause)) != 0)
			goto out;
		l->reserved += take[i];
	}
	if (draft)
		o.status = ST_CONFIRMED;
	buf_printf(&note, "%s: %lld reserved", draft ? "confirmed" :
	    "backorders reserved", ORD_LL(got));
	if (left > 0)
		buf_printf(&note, ", %lld backordered", ORD_LL(left));
	rc = ord_save(tx, &o, from, "order.confirm", buf_str(&note));
out:
	buf_free(&note);
	buf_free(&shorts);
	free(take);
	ord_release(&o);
	return (rc);
}

/* Pick, pack, deliver, close. */

int
order_pick(struct db_txn *tx, uint64_t id, uint32_t ver,
    const struct line_qty *lq, size_t n, char **cause)
{
	struct order	 o;
	struct order_line *l;
	int64_t		*add = NULL, total = 0;
	struct buf	 note;
	enum order_status from;
	size_t		 i;
	int		 rc;

	buf_init(&note);
	if ((rc = ord_begin(tx, id, ver, ROLE_PICKER, "picking an order", &o,
	    cause)) != 0)
		return (rc);
	from = o.status;
	if (o.status != ST_CONFIRMED && o.status != ST_PICKING &&
	    o.status != ST_PARTIAL) {
		rc = ord_refuse(&o, "confirmed, picking or partial orders can "
		    "be picked", cause);
		goto out;
	}
	add = xcalloc(o.nlines + 1, sizeof *add);
	if (lq == NULL || n == 0) {
		for (i = 0; i < o.nlines; i++)
			add[i] = o.lines[i].reserved - o.lines[i].picked;
	}
	for (i = 0; lq != NULL && i < n; i++) {
		if ((l = ord_line(&o, &lq[i], cause)) == NULL) {
			rc = ORDO_EINVAL;
			goto out;
		}
		if (lq[i].qty > l->reserved - l->picked - add[l->no - 1]) {
			rc = cause_set(cause, ORDO_EINVAL, "line %u: cannot "
			    "pick %lld of %s; %lld reserved and not yet "
			    "picked", l->no, ORD_LL(lq[i].qty), l->sku,
			    ORD_LL(l->reserved - l->picked - add[l->no - 1]));
			goto out;
		}
		add[l->no - 1] += lq[i].qty;
	}
	for (i = 0; i < o.nlines; i++) {
		o.lines[i].picked += add[i];
		total += add[i];
		if (add[i] > 0)
			buf_printf(&note, "%sline %u x %lld", note.len == 0 ?
			    "picked: " : ", ", o.lines[i].no, ORD_LL(add[i]));
	}
	if (total == 0) {
		rc = cause_set(cause, ORDO_ESTATE, "order %llu: nothing left "
		    "to pick (no reserved quantity is unpicked)", ORD_ULL(id));
		goto out;
	}
	o.status = ST_PICKING;
	rc = ord_save(tx, &o, from, "order.pick", buf_str(&note));
out:
	buf_free(&note);
	free(add);
	ord_release(&o);
	return (rc);
}

int
order_short(struct db_txn *tx, uint64_t id, uint32_t ver,
    const struct line_qty *lq, const char *why, char **cause)
{
	struct order	 o;
	struct order_line *l;
	char		*note = NULL;
	int64_t		 can;
	int		 rc;

	if ((rc = ord_begin(tx, id, ver, ROLE_PICKER, "short-picking an "
	    "order", &o, cause)) != 0)
		return (rc);
	if (o.status != ST_CONFIRMED && o.status != ST_PICKING &&
	    o.status != ST_PARTIAL) {
		rc = ord_refuse(&o, "confirmed, picking or partial orders can "
		    "be short-picked", cause);
		goto out;
	}
	if ((rc = text_check("reason", why, 500, 0, cause)) != 0)
		goto out;
	if ((l = ord_line(&o, lq, cause)) == NULL) {
		rc = ORDO_EINVAL;
		goto out;
	}
	can = l->reserved - l->picked;
	if (lq->qty > can) {
		rc = cause_set(cause, ORDO_EINVAL, "line %u: cannot short-pick "
		    "%lld of %s; %lld reserved and not yet picked", l->no,
		    ORD_LL(lq->qty), l->sku, ORD_LL(can));
		goto out;
	}
	if ((rc = stock_release(tx, l->sku, l->loc, lq->qty, cause)) != 0)
		goto out;
	l->reserved -= lq->qty;
	xasprintf(&note, "short-picked: line %u x %lld backordered%s%s",
	    l->no, ORD_LL(lq->qty), why != NULL && *why != '\0' ? "; " : "",
	    why != NULL ? why : "");
	rc = ord_save(tx, &o, o.status, "order.short", note);
out:
	free(note);
	ord_release(&o);
	return (rc);
}

/* A status change with no stock or money: from one status to another. */
static int
ord_simple(struct db_txn *tx, uint64_t id, uint32_t ver, enum role need,
    const char *what, enum order_status want, enum order_status to,
    const char *only, const char *action, const char *note, char **cause)
{
	struct order	 o;
	size_t		 i;
	int64_t		 picked = 0;
	int		 rc;

	if ((rc = ord_begin(tx, id, ver, need, what, &o, cause)) != 0)
		return (rc);
	if (o.status != want)
		rc = ord_refuse(&o, only, cause);
	else {
		for (i = 0; i < o.nlines; i++)
			picked += o.lines[i].picked;
		if (to == ST_PACKED && picked == 0)
			rc = cause_set(cause, ORDO_ESTATE, "order %llu: "
			    "nothing is picked, so nothing can be packed",
			    ORD_ULL(id));
		else {
			o.status = to;
			rc = ord_save(tx, &o, want, action, note);
		}
	}
	ord_release(&o);
	return (rc);
}

int
order_pack(struct db_txn *tx, uint64_t id, uint32_t ver, char **cause)
{
	return (ord_simple(tx, id, ver, ROLE_PICKER, "packing an order",
	    ST_PICKING, ST_PACKED, "orders being picked can be packed",
	    "order.pack", "packed", cause));
}

int
order_deliver(struct db_txn *tx, uint64_t id, uint32_t ver, char **cause)
{
	return (ord_simple(tx, id, ver, ROLE_CLERK, "marking an order "
	    "delivered", ST_SHIPPED, ST_DELIVERED, "shipped orders can be "
	    "marked delivered", "order.deliver", "delivered", cause));
}

int
order_close(struct db_txn *tx, uint64_t id, uint32_t ver, char **cause)
{
	return (ord_simple(tx, id, ver, ROLE_CLERK, "closing an order",
	    ST_DELIVERED, ST_CLOSED, "delivered orders can be closed",
	    "order.close", "closed", cause));
}

/* Ship, return: stock and money. */

/* The part of amount a for quantities before..after of qty. */
static int64_t
ord_part(int64_t a, int64_t before, int64_t after, int64_t qty)
{
	return (muldiv_round(a, after, qty) - muldiv_round(a, before, qty));
}

/*
 * One stock move for line l of o: qty (signed) and its value (0 on the
 * way out: at average cost); the value moved is stored back in *value.
 * beyond: goods already gone (stock.h).
 */
static int
ord_move(struct db_txn *tx, const struct order *o,
    const struct order_line *l, enum move_kind kind, int64_t qty,
    int64_t *value, int beyond, char **cause)
{
	struct move	 m;
	char		 ref[32];
	int		 rc;

	snprintf(ref, sizeof ref, "order %llu line %u", ORD_ULL(o->id),
	    l->no);
	memset(&m, 0, sizeof m);
	m.sku = l->sku;
	m.loc = l->loc;
	m.kind = kind;
	m.qty = qty;
	m.value = *value;
	m.order = o->id;
	m.ref = ref;
	m.beyond = beyond;
	rc = stock_apply(tx, &m, cause);
	*value = m.value;
	return (rc);
}

int
order_ship(struct db_txn *tx, uint64_t id, uint32_t ver,
    const struct line_qty *lq, size_t n, const char *carrier,
    const char *tracking, uint64_t *invoice, char **cause)
{
	return (ord_ship(tx, id, ver, lq, n, carrier, tracking, invoice, 0,
	    cause));
}

int
order_ship_all(struct db_txn *tx, uint64_t id, uint32_t ver,
    const char *carrier, const char *tracking, uint64_t *invoice,
    char **cause)
{
	return (ord_ship(tx, id, ver, NULL, 0, carrier, tracking, invoice, 1,
	    cause));
}

/*
 * Ship lq (or what is picked, or reserved); all: every open quantity,
 * reserved or not, from a draft too (order_ship_all).
 */
static int
ord_ship(struct db_txn *tx, uint64_t id, uint32_t ver,
    const struct line_qty *lq, size_t n, const char *carrier,
    const char *tracking, uint64_t *invoice, int all, char **cause)
{
	struct order	 o;
	struct order_line *l;
	struct entry	 e;
	enum order_status from;
	int64_t		*q = NULL, picked = 0, shipped = 0, total = 0;
	int64_t		 net = 0, tax = 0, gross, cost = 0, v, sn, stx, r;
	uint64_t	 inv = 0;
	char		 memo[48], m[MONEY_BUFSZ];
	struct buf	 note;
	size_t		 i;
	int		 rc, bypick, first;

	buf_init(&note);
	if (invoice != NULL)
		*invoice = 0;
	if ((rc = ord_begin(tx, id, ver, ROLE_CLERK, "shipping an order", &o,
	    cause)) != 0)
		return (rc);
	from = o.status;
	if (all && o.status == ST_DRAFT)
		;
	else if (o.status != ST_CONFIRMED && o.status != ST_PICKING &&
	    o.status != ST_PACKED && o.status != ST_PARTIAL) {
		rc = ord_refuse(&o, "confirmed, picking, packed or partial "
		    "orders can be shipped", cause);
		goto out;
	}
	for (i = 0; all && i < o.nlines; i++)
		if (o.lines[i].flags & LINE_UNMAPPED) {
			rc = cause_set(cause, ORDO_EINVAL, "line %u: SKU %s is "
			    "not ours (map it first)", o.lines[i].no,
			    o.lines[i].sku);
			goto out;
		}
	if ((rc = text_check("carrier", carrier, 64, 0, cause)) != 0 ||
	    (rc = text_check("tracking number", tracking, 128, 0,
	    cause)) != 0)
		goto out;
	for (i = 0; i < o.nlines; i++) {
		picked += o.lines[i].picked;
		shipped += o.lines[i].shipped;
	}
	bypick = picked > 0 &&
	    (o.status == ST_PICKING || o.status == ST_PACKED);
	q = xcalloc(o.nlines + 1, sizeof *q);
	if (lq == NULL || n == 0) {
		for (i = 0; i < o.nlines; i++)
			q[i] = all ? line_open(&o.lines[i]) : picked > 0 ?
			    o.lines[i].picked : o.lines[i].reserved;
	}
	for (i = 0; lq != NULL && i < n; i++) {
		if ((l = ord_line(&o, &lq[i], cause)) == NULL) {
			rc = ORDO_EINVAL;
			goto out;
		}
		v = (bypick ? l->picked : l->reserved) - q[l->no - 1];
		if (lq[i].qty > v) {
			rc = cause_set(cause, ORDO_EINVAL, "line %u: cannot "
			    "ship %lld of %s; %lld %s", l->no,
			    ORD_LL(lq[i].qty), l->sku, ORD_LL(v), bypick ?
			    "picked and not yet shipped" : "reserved");
			goto out;
		}
		q[l->no - 1] += lq[i].qty;
	}
	for (i = 0; i < o.nlines; i++) {
		l = &o.lines[i];
		total += q[i];
		net += ord_part(l->net, l->shipped, l->shipped + q[i], l->qty);
		tax += ord_part(l->tax, l->shipped, l->shipped + q[i], l->qty);
	}
	if (total == 0) {
		rc = cause_set(cause, ORDO_ESTATE, "order %llu: nothing to "
		    "ship (nothing is reserved%s)", ORD_ULL(id),
		    picked > 0 ? " or picked" : "");
		goto out;
	}
	first = shipped == 0;
	sn = first ? o.shipping : 0;
	stx = first ? o.ship_tax : 0;
	gross = net + tax + sn + stx;	/* At most o.total: no overflow. */

	if (gross != 0 &&
	    (rc = invoice_create(tx, id, o.customer, gross, &inv, cause)) != 0)
		goto out;
	for (i = 0; i < o.nlines; i++) {
		l = &o.lines[i];
		if (q[i] == 0)
			continue;
		v = 0;
		/* All: what is reserved goes, the rest leaves beyond it. */
		r = all && q[i] > l->reserved ? l->reserved : q[i];
		if ((r > 0 && (rc = stock_release(tx, l->sku, l->loc, r,
		    cause)) != 0) ||
		    (rc = ord_move(tx, &o, l, MOVE_SHIP, -q[i], &v, all,
		    cause)) != 0)
			goto out;
		if (add_i64(cost, -v, &cost) != 0 ||
		    add_i64(l->cost_shipped, -v, &l->cost_shipped) != 0) {
			rc = cause_set(cause, ORDO_ERANGE, "line %u: cost is "
			    "too large", l->no);
			goto out;
		}
		l->shipped += q[i];
		l->reserved -= r;
		l->picked -= q[i] < l->picked ? q[i] : l->picked;
		buf_printf(&note, "%sline %u x %lld", note.len == 0 ?
		    "shipped: " : ", ", l->no, ORD_LL(q[i]));
	}
	snprintf(memo, sizeof memo, "order %llu shipment", ORD_ULL(id));
	entry_init(&e, ENTRY_SHIPMENT, memo);
	e.order = id;
	e.doc = inv;
	entry_add_role(&e, tx->co->cfg, ACCT_RECEIVABLE, gross, o.customer);
	entry_add_role(&e, tx->co->cfg, ACCT_REVENUE, -net, "");
	entry_add_role(&e, tx->co->cfg, ACCT_SHIPPING, -sn, "");
	entry_add_role(&e, tx->co->cfg, ACCT_TAX, -(tax + stx), "");
	entry_add_role(&e, tx->co->cfg, ACCT_COGS, cost, "");
	entry_add_role(&e, tx->co->cfg, ACCT_INVENTORY, -cost, "");
	rc = e.np > 0 ? ledger_post(tx, &e, cause) : 0;
	entry_free(&e);
	if (rc != 0)
		goto out;

	if (carrier != NULL && *carrier != '\0') {
		free(o.carrier);
		o.carrier = xstrdup(carrier);
	}
	if (tracking != NULL && *tracking != '\0') {
		free(o.tracking);
		o.tracking = xstrdup(tracking);
	}
	o.status = ST_SHIPPED;
	for (i = 0; i < o.nlines; i++)
		if (line_open(&o.lines[i]) > 0)
			o.status = ST_PARTIAL;
	if (inv != 0)
		buf_printf(&note, "; invoice %llu for %s", ORD_ULL(inv),
		    core_money(tx, m, sizeof m, gross));
	if ((rc = ord_save(tx, &o, from, "order.ship",
	    buf_str(&note))) == 0 &&
	    invoice != NULL)
		*invoice = inv;
out:
	buf_free(&note);
	free(q);
	ord_release(&o);
	return (rc);
}

int
order_cancel(struct db_txn *tx, uint64_t id, uint32_t ver,
    const char *reason, char **cause)
{
	struct order	 o;
	struct order_line *l;
	enum order_status from;
	char		*note = NULL;
	size_t		 i;
	int		 rc;

	if ((rc = ord_begin(tx, id, ver, ROLE_CLERK, "cancelling an order",
	    &o, cause)) != 0)
		return (rc);
	from = o.status;
	if (o.status > ST_PARTIAL) {
		rc = ord_refuse(&o, "orders not yet shipped can be cancelled "
		    "(take a return instead)", cause);
		goto out;
	}
	if ((rc = text_check("reason", reason, 500, 0, cause)) != 0)
		goto out;
	for (i = 0; i < o.nlines; i++) {
		l = &o.lines[i];
		if (l->reserved > 0 && (rc = stock_release(tx, l->sku, l->loc,
		    l->reserved, cause)) != 0)
			goto out;
		l->reserved = 0;
		l->picked = 0;
		l->cancelled += line_open(l);
	}
	o.status = ST_CANCELLED;
	for (i = 0; i < o.nlines; i++)
		if (o.lines[i].shipped > 0)
			o.status = ST_SHIPPED;
	xasprintf(&note, "%s%s%s", o.status == ST_SHIPPED ?
	    "rest cancelled" : "cancelled", reason != NULL &&
	    *reason != '\0' ? ": " : "", reason != NULL ? reason : "");
	rc = ord_save(tx, &o, from, "order.cancel", note);
out:
	free(note);
	ord_release(&o);
	return (rc);
}

int
order_return(struct db_txn *tx, uint64_t id, uint32_t ver,
    const struct line_qty *lq, size_t n, const char *reason, char **cause)
{
	struct order	 o;
	struct order_line *l;
	struct entry	 e;
	int64_t		*q = NULL, net = 0, tax = 0, back = 0, scrap = 0;
	int64_t		 c, v = 0, k;
	uint64_t	 inv = 0;
	char		 memo[48], m[MONEY_BUFSZ];
	struct buf	 note;
	size_t		 i;
	int		 rc;

	buf_init(&note);
	if ((rc = ord_begin(tx, id, ver, ROLE_MANAGER, "taking a return", &o,
	    cause)) != 0)
		return (rc);
	for (i = 0; i < o.nlines; i++)
		v += o.lines[i].shipped;
	if (v == 0) {
		rc = ord_refuse(&o, "orders with goods shipped can take "
		    "returns", cause);
		goto out;
	}
	if ((rc = text_check("reason", reason, 500, 0, cause)) != 0)
		goto out;
	if (lq == NULL || n == 0) {
		rc = cause_set(cause, ORDO_EINVAL, "say which lines and how "
		    "many to return");
		goto out;
	}
	q = xcalloc(o.nlines + 1, sizeof *q);
	for (i = 0; i < n; i++) {
		if ((l = ord_line(&o, &lq[i], cause)) == NULL) {
			rc = ORDO_EINVAL;
			goto out;
		}
		v = l->shipped - l->returned - q[l->no - 1];
		if (lq[i].qty > v) {
			rc = cause_set(cause, ORDO_EINVAL, "line %u: cannot "
			    "return %lld of %s; %lld shipped and not yet "
			    "returned", l->no, ORD_LL(lq[i].qty), l->sku,
			    ORD_LL(v));
			goto out;
		}
		q[l->no - 1] += lq[i].qty;
	}

	/* Each return line in turn: its money, its cost, its moves. */
	for (i = 0; i < o.nlines; i++) {
		l = &o.lines[i];
		net += ord_part(l->net, l->returned, l->returned + q[i],
		    l->qty);
		tax += ord_part(l->tax, l->returned, l->returned + q[i],
		    l->qty);
	}
	if (net + tax != 0 && (rc = invoice_create(tx, id, o.customer,
	    -(net + tax), &inv, cause)) != 0)
		goto out;
	for (i = 0; i < n; i++) {
		l = &o.lines[lq[i].no - 1];
		k = lq[i].qty;
		/* Exact: when k is all that is left, c is all that is left. */
		c = muldiv_round(l->cost_shipped - l->cost_returned, k,
		    l->shipped - l->returned);
		v = c;
		if ((rc = ord_move(tx, &o, l, MOVE_RETURN, k, &v, 0, cause)) != 0)
			goto out;
		back += c;
		if (lq[i].scrap) {
			v = -c;
			if ((rc = ord_move(tx, &o, l, MOVE_SCRAP, -k, &v, 0,
			    cause)) != 0)
				goto out;
			scrap -= v;
		}
		l->returned += k;
		l->cost_returned += c;
		buf_printf(&note, "%sline %u x %lld%s", note.len == 0 ?
		    "returned: " : ", ", l->no, ORD_LL(k), lq[i].scrap ?
		    " (scrapped)" : "");
	}
	snprintf(memo, sizeof memo, "order %llu return", ORD_ULL(id));
	entry_init(&e, ENTRY_RETURN, memo);
	e.order = id;
	e.doc = inv;
	entry_add_role(&e, tx->co->cfg, ACCT_RETURNS, net, "");
	entry_add_role(&e, tx->co->cfg, ACCT_TAX, tax, "");
	entry_add_role(&e, tx->co->cfg, ACCT_RECEIVABLE, -(net + tax),
	    o.customer);
	entry_add_role(&e, tx->co->cfg, ACCT_INVENTORY, back, "");
	entry_add_role(&e, tx->co->cfg, ACCT_COGS, -back, "");
	entry_add_role(&e, tx->co->cfg, ACCT_WRITEOFF, scrap, "");
	entry_add_role(&e, tx->co->cfg, ACCT_INVENTORY, -scrap, "");
	rc = e.np > 0 ? ledger_post(tx, &e, cause) : 0;
	entry_free(&e);
	if (rc != 0)
		goto out;
	if (inv != 0)
		buf_printf(&note, "; credit note %llu for %s", ORD_ULL(inv),
		    core_money(tx, m, sizeof m, -(net + tax)));
	if (reason != NULL && *reason != '\0')
		buf_printf(&note, "; %s", reason);
	rc = ord_save(tx, &o, o.status, "order.return", buf_str(&note));
out:
	buf_free(&note);
	free(q);
	ord_release(&o);
	return (rc);
}
