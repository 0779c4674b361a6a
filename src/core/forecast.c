/*
 * forecast.c: Croston (Syntetos-Boylan) and weekly additive Holt-Winters
 * forecasts of daily demand, and their backtest (forecast.h).
 */
#include <math.h>
#include <string.h>

#include "ordo/forecast.h"

#define CROSTON_ALPHA	0.1
#define ADI_CUTOFF	1.32

static const double alphas[] = { 0.05, 0.1, 0.2, 0.3, 0.5 };
static const double betas[] = { 0.0, 0.02, 0.1 };
static const double gammas[] = { 0.05, 0.1, 0.2, 0.4 };

const char *
fc_method_name(enum fc_method m)
{
	switch (m) {
	case FC_CROSTON:
		return ("croston");
	case FC_HOLT_WINTERS:
		return ("holt-winters");
	default:
		return ("none");
	}
}

/* Holt-Winters with the constants in m: fit h, return the SSE. */
static double
hw_run(const double *h, size_t n, struct fc_model *m)
{
	double	 sse = 0, pred, err, lv, s, mean1 = 0, mean2 = 0;
	size_t	 t, k = n < 7 ? n : 7, cnt = 0;

	for (t = 0; t < k; t++)
		mean1 += h[t];
	mean1 /= (double)k;
	m->level = mean1;
	m->trend = 0;
	if (n >= 14) {
		for (t = 7; t < 14; t++)
			mean2 += h[t];
		mean2 /= 7;
		m->trend = (mean2 - mean1) / 7;
	}
	for (t = 0; t < 7; t++)
		m->season[t] = t < k && n >= 7 ? h[t] - mean1 : 0;
	/* The first week made the season; then learn. */
	for (t = n >= 7 ? 7 : 0; t < n; t++) {
		s = m->season[t % 7];
		pred = m->level + m->trend + s;
		err = h[t] - pred;
		sse += err * err;
		cnt++;
		lv = m->alpha * (h[t] - s) + (1 - m->alpha) *
		    (m->level + m->trend);
		m->trend = m->beta * (lv - m->level) + (1 - m->beta) *
		    m->trend;
		m->season[t % 7] = m->gamma * (h[t] - lv) + (1 - m->gamma) * s;
		m->level = lv;
	}
	m->rmse = cnt > 0 ? sqrt(sse / (double)cnt) : 0;
	return (sse);
}

static void
croston_run(const double *h, size_t n, struct fc_model *m)
{
	double	 a = CROSTON_ALPHA, sse = 0, pred, err;
	size_t	 t, last = 0, cnt = 0;
	int	 init = 0;

	m->alpha = a;
	for (t = 0; t < n; t++) {
		if (init) {
			pred = (1 - a / 2) * m->size / m->interval;
			err = h[t] - pred;
			sse += err * err;
			cnt++;
		}
		if (h[t] <= 0)
			continue;
		if (!init) {
			m->size = h[t];
			m->interval = (double)(t + 1);
			init = 1;
		} else {
			m->size += a * (h[t] - m->size);
			m->interval += a * ((double)(t - last) - m->interval);
		}
		last = t;
	}
	m->rmse = cnt > 0 ? sqrt(sse / (double)cnt) : 0;
}

void
fc_fit(const double *h, size_t n, struct fc_model *m)
{
	struct fc_model	 best, try;
	double		 sse, bsse = -1;
	size_t		 t, nz = 0, i, j, k;

	memset(m, 0, sizeof *m);
	m->n = n;
	for (t = 0; t < n; t++)
		if (h[t] > 0)
			nz++;
	if (nz == 0) {
		m->method = FC_NONE;
		return;
	}
	if ((double)n / (double)nz > ADI_CUTOFF) {
		m->method = FC_CROSTON;
		croston_run(h, n, m);
		return;
	}
	memset(&best, 0, sizeof best);
	for (i = 0; i < sizeof alphas / sizeof alphas[0]; i++)
		for (j = 0; j < sizeof betas / sizeof betas[0]; j++)
			for (k = 0; k < sizeof gammas / sizeof gammas[0];
			    k++) {
				memset(&try, 0, sizeof try);
				try.alpha = alphas[i];
				try.beta = betas[j];
				try.gamma = gammas[k];
				sse = hw_run(h, n, &try);
				if (bsse < 0 || sse < bsse) {
					bsse = sse;
					best = try;
				}
			}
	*m = best;
	m->method = FC_HOLT_WINTERS;
	m->n = n;
}

void
fc_predict(const struct fc_model *m, size_t k, double *out)
{
	double	 v;
	size_t	 i;

	for (i = 0; i < k; i++) {
		switch (m->method) {
		case FC_CROSTON:
			v = (1 - m->alpha / 2) * m->size / m->interval;
			break;
		case FC_HOLT_WINTERS:
			v = m->level + (double)(i + 1) * m->trend +
			    m->season[(m->n + i) % 7];
			break;
		default:
			v = 0;
			break;
		}
		out[i] = v > 0 ? v : 0;
	}
}

void
fc_backtest(const double *h, size_t n, double *mase, double *mape)
{
	struct fc_model	 m;
	double		 p[FC_HOLDOUT], mae = 0, naive = 0, pe = 0;
	size_t		 hold = n >= 2 * FC_HOLDOUT ? FC_HOLDOUT : n / 4;
	size_t		 fit = n - hold, lag, t, nn = 0, npe = 0;

	*mase = *mape = -1;
	if (hold == 0 || fit < 2)
		return;
	fc_fit(h, fit, &m);
	fc_predict(&m, hold, p);
	for (t = 0; t < hold; t++) {
		mae += fabs(h[fit + t] - p[t]);
		if (h[fit + t] > 0) {
			pe += fabs(h[fit + t] - p[t]) / h[fit + t];
			npe++;
		}
	}
	mae /= (double)hold;
	lag = fit > 7 ? 7 : 1;
	for (t = lag; t < fit; t++, nn++)
		naive += fabs(h[t] - h[t - lag]);
	if (nn > 0 && naive > 0)
		*mase = mae / (naive / (double)nn);
	if (npe > 0)
		*mape = 100 * pe / (double)npe;
}
