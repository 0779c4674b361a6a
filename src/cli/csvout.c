/*
 * csvout.c: CSV output for the list commands: RFC 4180 through libcsv's
 * csv_fwrite (every text cell quoted, quotes doubled, CRLF row ends),
 * with the formula-injection rule of ordo(1):
 *
 *   a text cell that starts with = + - @ TAB or CR gets a leading ' so
 *   a spreadsheet shows it as text; numbers come from our own formatter
 *   (-?[0-9]+(\.[0-9]+)?), are written unquoted and never prefixed, so a
 *   negative amount stays a number.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>

#include "ordo/lineparse.h"
#include "ordo/money.h"
#include "ordo/xmalloc.h"

#include "cli.h"

static void	 csvout_sep(struct csvout *);

void
csvout_init(struct csvout *c, FILE *fp)
{
	c->fp = fp;
	c->n = 0;
}

static void
csvout_sep(struct csvout *c)
{
	if (c->n++ > 0)
		fputc(',', c->fp);
}

void
csvout_text(struct csvout *c, const char *s)
{
	char	*t;

	if (s == NULL)
		s = "";
	csvout_sep(c);
	if (lineparse_csv_guard(s)) {
		xasprintf(&t, "'%s", s);
		csv_fwrite(c->fp, t, strlen(t));
		free(t);
	} else
		csv_fwrite(c->fp, s, strlen(s));
}

void
csvout_num(struct csvout *c, const char *s)
{
	csvout_sep(c);
	fputs(s, c->fp);
}

void
csvout_int(struct csvout *c, int64_t v)
{
	csvout_sep(c);
	fprintf(c->fp, "%" PRId64, v);
}

void
csvout_money(struct csvout *c, const struct cli *cli, int64_t v)
{
	char	 buf[MONEY_BUFSZ];

	csvout_num(c, cli_fmt_money(cli, buf, sizeof buf, v));
}

void
csvout_end(struct csvout *c)
{
	fputs("\r\n", c->fp);
	c->n = 0;
}

void
csvout_header(struct csvout *c, const char *const *names)
{
	for (; *names != NULL; names++)
		csvout_text(c, *names);
	csvout_end(c);
}
