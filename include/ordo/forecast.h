/*
 * forecast.h: demand forecasts from daily history, and what to reorder.
 *
 * A history is a run of days, oldest first, each the quantity ordered
 * and not cancelled that day (agg.h).  The method is chosen by the
 * history, as is usual for retail demand:
 *  - intermittent demand (on average more than 1.32 days between days
 *    with demand: Syntetos-Boylan's cut-off) gets Croston's method with
 *    the Syntetos-Boylan correction: smoothed size of a demand over
 *    smoothed interval, times (1 - alpha / 2);
 *  - otherwise additive Holt-Winters with a weekly season (level, trend,
 *    seven seasonal terms), its smoothing constants chosen from a small
 *    grid by the least squared one-day-ahead error on the history.
 * Its error is measured by backtesting: the model is fitted to the
 * history less its last FC_HOLDOUT days, forecasts those days, and the
 * forecast is compared with what happened: MASE (mean absolute error
 * over the mean absolute error of the naive seasonal forecast, last
 * week's same day, in the fitted part; below 1 beats it) and MAPE over
 * the days with demand.  Forecasts are not stored: doubles are fine.
 */
#ifndef ORDO_FORECAST_H
#define ORDO_FORECAST_H

#include <stddef.h>
#include <stdint.h>

#include "ordo/db.h"

#define FC_HOLDOUT	28
#define FC_HISTORY	182		/* days read for a forecast */

enum fc_method {
	FC_NONE,		/* no demand at all */
	FC_CROSTON,
	FC_HOLT_WINTERS
};

struct fc_model {
	enum fc_method	 method;
	double		 alpha, beta, gamma;
	double		 level, trend, season[7];
	double		 size, interval;	/* Croston */
	size_t		 n;			/* days fitted */
	double		 rmse;			/* one day ahead, in sample */
};

const char *fc_method_name(enum fc_method);
/* Fit a model to h[0..n) (n >= 1). */
void	 fc_fit(const double *, size_t, struct fc_model *);
/* Forecast days n .. n + k - 1 after the history into out[0..k). */
void	 fc_predict(const struct fc_model *, size_t, double *);
/*
 * Backtest over the last FC_HOLDOUT days (or a quarter of a shorter
 * history): *mase (-1 if the naive forecast is never wrong) and *mape
 * (percent; -1 if no day in the holdout had demand).
 */
void	 fc_backtest(const double *, size_t, double *, double *);

/* One row of "what to reorder". */
struct fc_reorder {
	char		*sku;
	char		*name;
	enum fc_method	 method;
	double		 daily;		/* forecast demand a day, mean */
	double		 mase;
	int64_t		 available;	/* on hand - reserved, all places */
	int64_t		 lead_demand;	/* over the lead time, rounded up */
	int64_t		 safety;
	int64_t		 point;		/* reorder point = the two */
	int64_t		 qty;		/* to order, in packs; 0: not yet */
	int64_t		 pack;
};

/*
 * For each active item with demand in the FC_HISTORY days up to day:
 * the forecast over lead days, safety stock z * rmse * sqrt(lead) for
 * the service level (percent: 50 to 99.9), the reorder point, and, when
 * available stock is at or below it, the quantity to order: enough to
 * cover the lead time and the review days after it, above the reorder
 * point, at least the item's reorder quantity, rounded up to whole packs
 * of it (an item's reorder quantity is its pack).  Rows of items to
 * order first (most short first), then the others when all is set.
 * *out allocated (fc_reorder_free).  Needs a clerk.
 */
int	 fc_reorder_list(struct db_txn *, int32_t, int, int, double, int,
	    struct fc_reorder **, size_t *, char **);
void	 fc_reorder_free(struct fc_reorder *, size_t);

#endif
