/*
 * date.h: dates and times.
 *
 * Dates are days since 1970-01-01 (int32); times are seconds since the
 * epoch (int64).
 */
#ifndef ORDO_DATE_H
#define ORDO_DATE_H

#include <stddef.h>
#include <stdint.h>

/* "YYYY-MM-DD" <-> days since the epoch. */
int	 date_parse(const char *, int32_t *);
char	*date_fmt(char *, size_t, int32_t);
int32_t	 date_from_time(int64_t);
int64_t	 time_from_date(int32_t);
#define DATE_BUFSZ 16
/* Seconds since the epoch as "YYYY-MM-DD HH:MM:SS" (UTC). */
char	*time_fmt(char *, size_t, int64_t);
#define TIME_BUFSZ 32

/*
 * The current time: $ORDO_NOW ("YYYY-MM-DD", "YYYY-MM-DD HH:MM:SS" or
 * epoch seconds) when set, so tests and demos are reproducible; else the
 * clock.
 */
int64_t	 util_now(void);

#endif
