/*
 * lineparse.c: the argument languages of the command line (see
 * lineparse.h).  Pure functions: no printing, no database, no locale.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ordo/date.h"
#include "ordo/error.h"
#include "ordo/lineparse.h"
#include "ordo/money.h"
#include "ordo/xmalloc.h"

static int	 lp_decimals(const char *);
static int	 lp_uint(const char *, uint64_t, uint64_t *);

/* Number of digits after the decimal point, or 0. */
static int
lp_decimals(const char *s)
{
	const char	*dot;

	if ((dot = strchr(s, '.')) == NULL)
		return (0);
	return ((int)strspn(dot + 1, "0123456789"));
}

/* A plain unsigned decimal number 0..max: digits only. */
static int
lp_uint(const char *s, uint64_t max, uint64_t *out)
{
	uint64_t	 v = 0;
	unsigned	 d;

	if (s == NULL || *s == '\0')
		return (ORDO_EINVAL);
	for (; *s != '\0'; s++) {
		if (*s < '0' || *s > '9')
			return (ORDO_EINVAL);
		d = (unsigned)(*s - '0');
		if (v > (max - d) / 10)
			return (ORDO_ERANGE);
		v = v * 10 + d;
	}
	*out = v;
	return (0);
}

int
lineparse_money(const char *arg, const char *s, int digits, int flags,
    int64_t *out, char **cause)
{
	int64_t	 v;
	int	 rc;

	if (s == NULL || *s == '\0')
		return (cause_set(cause, ORDO_EINVAL, "%s: an amount is "
		    "needed", arg));
	rc = money_parse(s, digits, &v);
	if (rc == ORDO_ERANGE)
		return (cause_set(cause, ORDO_ERANGE, "%s: amount too large: "
		    "%s", arg, s));
	if (rc != 0 && lp_decimals(s) > digits &&
	    money_parse(s, lp_decimals(s), &v) == 0)
		return (cause_set(cause, ORDO_EINVAL, "%s: at most %d "
		    "decimals: %s", arg, digits, s));
	if (rc != 0)
		return (cause_set(cause, ORDO_EINVAL, "%s: not a valid "
		    "amount: %s", arg, s));
	if (v < 0 && !(flags & LP_NEGATIVE))
		return (cause_set(cause, ORDO_EINVAL, "%s: must not be "
		    "negative: %s", arg, s));
	if (v == 0 && (flags & LP_NONZERO))
		return (cause_set(cause, ORDO_EINVAL, "%s: must be more than "
		    "zero: %s", arg, s));
	*out = v;
	return (0);
}

int
lineparse_qty(const char *arg, const char *s, int flags, int64_t *out,
    char **cause)
{
	int64_t	 v;
	int	 rc;

	if (s == NULL || *s == '\0')
		return (cause_set(cause, ORDO_EINVAL, "%s: a quantity is "
		    "needed", arg));
	if (*s == '-' && int_parse(s, &v) == 0)
		return (cause_set(cause, ORDO_EINVAL, "%s: must not be "
		    "negative: %s", arg, s));
	rc = qty_parse(s, &v);
	if (rc == ORDO_ERANGE)
		return (cause_set(cause, ORDO_ERANGE, "%s: quantity too "
		    "large (at most 1000000000): %s", arg, s));
	if (rc != 0)
		return (cause_set(cause, ORDO_EINVAL, "%s: not a whole "
		    "number: %s", arg, s));
	if (v == 0 && (flags & LP_NONZERO))
		return (cause_set(cause, ORDO_EINVAL, "%s: must be at least "
		    "1: %s", arg, s));
	*out = v;
	return (0);
}

int
lineparse_percent(const char *arg, const char *s, int *out, char **cause)
{
	char	*t;
	size_t	 len;
	int64_t	 v;
	int	 rc;

	if (s == NULL || *s == '\0')
		return (cause_set(cause, ORDO_EINVAL, "%s: a percentage is "
		    "needed", arg));
	t = xstrdup(s);
	len = strlen(t);
	if (len > 1 && t[len - 1] == '%')
		t[len - 1] = '\0';
	rc = money_parse(t, 2, &v);
	free(t);
	if (rc != 0 || v < 0 || v > 10000)
		return (cause_set(cause, ORDO_EINVAL, "%s: not a percentage "
		    "from 0 to 100 with at most 2 decimals: %s", arg, s));
	*out = (int)v;
	return (0);
}

int
lineparse_id(const char *arg, const char *s, uint64_t *out, char **cause)
{
	uint64_t	 v;
	int		 rc;

	if ((rc = lp_uint(s, UINT64_MAX, &v)) != 0 || v == 0)
		return (cause_set(cause, rc == ORDO_ERANGE ? ORDO_ERANGE :
		    ORDO_EINVAL, "%s: not a number from 1 up: %s", arg,
		    s != NULL ? s : ""));
	*out = v;
	return (0);
}

int
lineparse_version(const char *arg, const char *s, uint32_t *out,
    char **cause)
{
	uint64_t	 v;
	int		 rc;

	if ((rc = lp_uint(s, UINT32_MAX - 1, &v)) != 0 || v == 0)
		return (cause_set(cause, rc == ORDO_ERANGE ? ORDO_ERANGE :
		    ORDO_EINVAL, "%s: not a version number: %s", arg,
		    s != NULL ? s : ""));
	*out = (uint32_t)v;
	return (0);
}

int
lineparse_date(const char *arg, const char *s, int32_t *out, char **cause)
{
	if (s == NULL || date_parse(s, out) != 0)
		return (cause_set(cause, ORDO_EINVAL, "%s: not a date "
		    "(YYYY-MM-DD): %s", arg, s != NULL ? s : ""));
	return (0);
}

int
lineparse_item(const char *s, int digits, char **sku, int64_t *qty,
    int64_t *price, char **cause)
{
	const char	*colon, *at;
	char		*qs, *arg;
	int		 rc;

	*sku = NULL;
	*price = -1;
	at = strchr(s, '@');
	colon = strchr(s, ':');
	if (colon == NULL || (at != NULL && at < colon))
		return (cause_set(cause, ORDO_EINVAL, "%s: not SKU:QTY or "
		    "SKU:QTY@PRICE", s));
	if (colon == s)
		return (cause_set(cause, ORDO_EINVAL, "%s: the SKU is "
		    "missing", s));
	if (strchr(colon + 1, ':') != NULL ||
	    (at != NULL && strchr(at + 1, '@') != NULL))
		return (cause_set(cause, ORDO_EINVAL, "%s: not SKU:QTY or "
		    "SKU:QTY@PRICE", s));
	if (at != NULL)
		qs = xstrndup(colon + 1, (size_t)(at - colon - 1));
	else
		qs = xstrdup(colon + 1);
	xasprintf(&arg, "%s: quantity", s);
	rc = lineparse_qty(arg, qs, LP_NONZERO, qty, cause);
	free(qs);
	free(arg);
	if (rc != 0)
		return (rc);
	if (at != NULL) {
		xasprintf(&arg, "%s: price", s);
		rc = lineparse_money(arg, at + 1, digits, 0, price, cause);
		free(arg);
		if (rc != 0)
			return (rc);
	}
	*sku = xstrndup(s, (size_t)(colon - s));
	return (0);
}

int
lineparse_lineqty(const char *s, int allow_scrap, struct line_qty *lq,
    char **cause)
{
	const char	*c1, *c2;
	char		*ls, *qs, *arg;
	uint64_t	 no;
	int64_t		 q;
	int		 rc;

	memset(lq, 0, sizeof *lq);
	if ((c1 = strchr(s, ':')) == NULL)
		return (cause_set(cause, ORDO_EINVAL, "%s: not %s", s,
		    allow_scrap ? "LINE:QTY or LINE:QTY:scrap" : "LINE:QTY"));
	c2 = strchr(c1 + 1, ':');
	if (c2 != NULL) {
		if (!allow_scrap)
			return (cause_set(cause, ORDO_EINVAL, "%s: not "
			    "LINE:QTY", s));
		if (strcmp(c2 + 1, "scrap") == 0)
			lq->scrap = 1;
		else if (strcmp(c2 + 1, "restock") != 0)
			return (cause_set(cause, ORDO_EINVAL, "%s: the third "
			    "part must be scrap or restock", s));
	}
	ls = xstrndup(s, (size_t)(c1 - s));
	if (c2 != NULL)
		qs = xstrndup(c1 + 1, (size_t)(c2 - c1 - 1));
	else
		qs = xstrdup(c1 + 1);
	rc = lp_uint(ls, UINT16_MAX, &no);
	if (rc != 0 || no == 0) {
		rc = cause_set(cause, ORDO_EINVAL, "%s: not a line number: "
		    "%s", s, ls);
		goto out;
	}
	xasprintf(&arg, "%s: quantity", s);
	rc = lineparse_qty(arg, qs, LP_NONZERO, &q, cause);
	free(arg);
	if (rc != 0)
		goto out;
	lq->no = (uint16_t)no;
	lq->qty = q;
out:
	free(ls);
	free(qs);
	return (rc);
}

int
lineparse_csv_guard(const char *s)
{
	return (s != NULL && *s != '\0' && strchr("=+-@\t\r", *s) != NULL);
}
