/*
 * insight.h: the business reports (sales, inventory, customers,
 * finance) as tables for any front end.  Each report reads the
 * aggregates of the read model (agg.h) and a few small tables (items,
 * stock, customers for names), never the orders or the journal, so it
 * takes about as long at a million orders as at a thousand.
 *
 * A report fills a struct ins_table: typed columns and rows of cells;
 * the front end lays it out (text with a bar chart, CSV, JSON, a TUI
 * screen).  Money cells are minor units, percentages basis points
 * (12.34% = 1234), dates days since the epoch.
 *
 * What counts (agg.h): sales are dated by the day the order was taken
 * and count what was shipped and not returned, at its invoiced net
 * before tax, with its cost of goods; "ordered" counts what was ordered
 * and not cancelled.  Net excludes shipping, which sales by period and
 * by customer show in a column of its own.  Finance reads the books:
 * revenue (revenue, shipping income and sales returns accounts) and cost
 * of goods by the date they were posted (the shipment).
 *
 * Roles: inventory needs a clerk; sales, customers and finance show cost
 * and margin and need a manager.  Errors: ORDO_EPERM, ORDO_EINVAL (a
 * bad query) with a cause, or a storage error.
 */
#ifndef ORDO_INSIGHT_H
#define ORDO_INSIGHT_H

#include <stddef.h>
#include <stdint.h>

#include "ordo/db.h"

#define INS_MAXCOLS	10

enum ins_type {
	INS_TEXT,
	INS_INT,
	INS_MONEY,
	INS_PCT,		/* basis points */
	INS_DATE		/* days since the epoch */
};

struct ins_col {
	const char	*name;		/* also the CSV/JSON field name */
	enum ins_type	 type;
};

struct ins_cell {
	char		*s;		/* INS_TEXT */
	int64_t		 v;		/* the others */
	int		 null;		/* no value (a margin of no sales) */
};

struct ins_table {
	char		*title;
	struct ins_col	 cols[INS_MAXCOLS];
	size_t		 ncols;
	struct ins_cell	*cells;		/* row-major */
	size_t		 nrows, cap;
	int		 chart;		/* column to chart as bars, -1 none */
	int		 series;	/* 1: rows are periods, oldest first */
	/* Totals of the money and number columns (not percentages). */
	struct ins_cell	 total[INS_MAXCOLS];
	int		 has_total;
};

/* Grouping of a report. */
enum ins_by {
	INS_BY_DAY,
	INS_BY_WEEK,		/* ISO weeks, Monday first */
	INS_BY_MONTH,
	INS_BY_QUARTER,
	INS_BY_CHANNEL,
	INS_BY_ITEM,
	INS_BY_CUSTOMER,
	INS_BY_LOCATION,
	INS_BY_PREFIX		/* SKU up to its first "-": a category */
};

struct ins_query {
	enum ins_by	 by;
	int32_t		 from, to;	/* days, both included */
	size_t		 top;		/* rows at most (0: all) */
	int		 days;		/* slow movers, lapsed customers */
};

/* Parse "day", "week", ...; 0 or ORDO_EINVAL. */
int	 ins_by_parse(const char *, enum ins_by *);
const char *ins_by_name(enum ins_by);
/*
 * The period a report covers when none is given, ending today: 30 days
 * by day and for the groupings that are not periods, 12 weeks, 12
 * months, 8 quarters (whole weeks, months and quarters).
 */
void	 ins_default_period(enum ins_by, int32_t, int32_t *, int32_t *);

/*
 * Sales by day, week, month or quarter (every period of [from, to], none
 * left out), by channel, by item (best sellers first: by net, then
 * quantity; with the ABC class), by SKU prefix (the SKU up to its first
 * "-", the way shops name families of items: TEA-1, TEA-2; biggest
 * first) or by customer (by whole months: the months that [from, to]
 * touches; biggest first; with what each owes now).
 */
int	 ins_sales(struct db_txn *, const struct ins_query *,
	    struct ins_table *, char **);
/*
 * Sales of [from, to] against the period of the same length just before
 * and the same days 52 weeks (364 days) earlier, so weekdays line up:
 * three rows, with the change of net from each to this period.
 */
int	 ins_sales_compare(struct db_txn *, const struct ins_query *,
	    struct ins_table *, char **);
/*
 * Slow movers: active items with stock on hand and no sale in the last
 * q->days days up to q->to, with their stock and its value, most value
 * first.
 */
int	 ins_slow(struct db_txn *, const struct ins_query *,
	    struct ins_table *, char **);
/*
 * Inventory: by location (valuation), or by item (on hand, reserved,
 * available, value, units sold over the 30 days up to q->to and the days
 * of cover that gives).
 */
int	 ins_inventory(struct db_txn *, const struct ins_query *,
	    struct ins_table *, char **);
/* Items whose available stock is at or below their reorder point. */
int	 ins_reorder(struct db_txn *, const struct ins_query *,
	    struct ins_table *, char **);
/*
 * Lapsed customers: ordered in at least 3 of the 12 months before the
 * last q->days days, and not since (by months: the months from the one
 * holding q->to - q->days to q->to's).
 */
int	 ins_lapsed(struct db_txn *, const struct ins_query *,
	    struct ins_table *, char **);
/*
 * Recency, frequency, money of the customers with orders in the 12
 * months up to q->to's: the last month they ordered in, their orders,
 * what they bought (net and shipping); each scored 1 to 5 by fifths of
 * those customers (5: the most recent, most frequent, biggest; ties by
 * customer code), and a segment: champion (R and F 4+), loyal (R 3+, F
 * 4+), at risk (R 2-, F 3+), new or occasional (R 4+, F 2-), lost (R
 * 2-), else needs attention.  Best scores first.
 */
int	 ins_rfm(struct db_txn *, const struct ins_query *,
	    struct ins_table *, char **);
/*
 * Revenue, cost of goods and gross margin from the books, by day, week,
 * month or quarter.
 */
int	 ins_finance(struct db_txn *, const struct ins_query *,
	    struct ins_table *, char **);

void	 ins_table_free(struct ins_table *);

#endif
