/*
 * date.c: dates (days since 1970-01-01) and times (seconds since the
 * epoch): parsing, formatting and the clock.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ordo/date.h"
#include "ordo/error.h"
#include "ordo/money.h"

/* Days from civil date (Howard Hinnant's algorithm). */
static int32_t
days_from_civil(int y, int m, int d)
{
	int	 era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (era * 146097 + doe - 719468);
}

static void
civil_from_days(int32_t z, int *y, int *m, int *d)
{
	int	 era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	*y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp + (mp < 10 ? 3 : -9);
	*y += *m <= 2;
}

int
date_parse(const char *s, int32_t *out)
{
	int	 y, m, d, n = 0, yy, mm, dd;

	if (s == NULL || strlen(s) != 10 ||
	    sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 || n != 10)
		return (ORDO_EINVAL);
	if (y < 1900 || y > 9999 || m < 1 || m > 12 || d < 1 || d > 31)
		return (ORDO_EINVAL);
	*out = days_from_civil(y, m, d);
	civil_from_days(*out, &yy, &mm, &dd);
	if (yy != y || mm != m || dd != d)
		return (ORDO_EINVAL);	/* 2026-02-30 */
	return (0);
}

char *
date_fmt(char *buf, size_t len, int32_t days)
{
	int	 y, m, d;

	civil_from_days(days, &y, &m, &d);
	snprintf(buf, len, "%04d-%02d-%02d", y, m, d);
	return (buf);
}

int32_t
date_from_time(int64_t t)
{
	return ((int32_t)(t >= 0 ? t / 86400 : (t - 86399) / 86400));
}

int64_t
time_from_date(int32_t d)
{
	return ((int64_t)d * 86400);
}

char *
time_fmt(char *buf, size_t len, int64_t t)
{
	int32_t	 d = date_from_time(t);
	int64_t	 s = t - time_from_date(d);
	int	 y, m, dd;

	civil_from_days(d, &y, &m, &dd);
	snprintf(buf, len, "%04d-%02d-%02d %02d:%02d:%02d", y, m, dd,
	    (int)(s / 3600), (int)(s / 60 % 60), (int)(s % 60));
	return (buf);
}

int64_t
util_now(void)
{
	const char	*e;
	int32_t		 d;
	int64_t		 v;
	int		 h, mi, se, n = 0;
	char		 day[11];

	if ((e = getenv("ORDO_NOW")) != NULL && *e != '\0') {
		if (int_parse(e, &v) == 0)
			return (v);
		if (strlen(e) >= 10) {
			memcpy(day, e, 10);
			day[10] = '\0';
			if (date_parse(day, &d) == 0) {
				v = time_from_date(d);
				if (sscanf(e + 10, " %2d:%2d:%2d%n", &h, &mi,
				    &se, &n) == 3 && e[10 + n] == '\0')
					v += h * 3600 + mi * 60 + se;
				else
					v += 12 * 3600;
				return (v);
			}
		}
	}
	return ((int64_t)time(NULL));
}
