/*
 * rejects.c: INPUT.rejects.csv, the rows the importer refused, with
 * their line and the reason, ready to be fixed and imported again.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <csv.h>

#include "ordo/error.h"
#include "ordo/imp.h"
#include "ordo/outfile.h"
#include "ordo/xmalloc.h"

struct imp_rejfile {
	struct outfile	 of;
	FILE		*fp;
	char		*path;
	int		 delim;
	size_t		 ncols;
};

static int	 put_cell(struct imp_rejfile *, const char *, int, int);
static int	 put_row(struct imp_rejfile *, char *const *, size_t,
		    const char *, const char *);

/* orders.csv -> orders.rejects.csv; other names get .rejects.csv added. */
char *
imp_rejects_path(const char *in)
{
	static const char *const exts[] = { ".csv", ".tsv", ".txt" };
	char	*s;
	size_t	 len = strlen(in), i;

	for (i = 0; i < sizeof exts / sizeof exts[0]; i++) {
		if (len > 4 && strcasecmp(in + len - 4, exts[i]) == 0 &&
		    in[len - 5] != '/') {
			xasprintf(&s, "%.*s.rejects.csv", (int)(len - 4), in);
			return (s);
		}
	}
	xasprintf(&s, "%s.rejects.csv", in);
	return (s);
}

/*
 * One cell, quoted by libcsv; a text cell that a spreadsheet would take
 * for a formula gets a leading '.
 */
static int
put_cell(struct imp_rejfile *w, const char *s, int protect, int first)
{
	char	*buf = NULL;
	int	 rc;

	if (!first && fputc(w->delim, w->fp) == EOF)
		return (-1);
	if (s == NULL)
		s = "";
	if (protect && strchr("=+-@\t\r\n", s[0]) != NULL && s[0] != '\0') {
		xasprintf(&buf, "'%s", s);
		s = buf;
	}
	rc = csv_fwrite(w->fp, s, strlen(s));
	free(buf);
	return (rc == 0 ? 0 : -1);
}

static int
put_row(struct imp_rejfile *w, char *const *f, size_t n, const char *line,
    const char *reason)
{
	size_t	 i;

	for (i = 0; i < w->ncols; i++)
		if (put_cell(w, i < n ? f[i] : "", 1, i == 0) != 0)
			return (-1);
	if (put_cell(w, line, 0, w->ncols == 0) != 0 ||
	    put_cell(w, reason, 1, 0) != 0)
		return (-1);
	for (i = w->ncols; i < n; i++)
		if (put_cell(w, f[i], 1, 0) != 0)
			return (-1);
	return (fputc('\n', w->fp) == EOF ? -1 : 0);
}

int
imp_rejects_open(struct imp_rejfile **wp, const char *input, int delim,
    char *const *hdr, size_t n, char **cause)
{
	struct imp_rejfile *w;
	int		 rc;

	w = xcalloc(1, sizeof *w);
	w->path = imp_rejects_path(input);
	w->delim = delim == 0 ? ',' : delim;
	w->ncols = n;
	if ((rc = outfile_open(&w->of, w->path, OUT_MODE, cause)) != 0) {
		free(w->path);
		free(w);
		return (rc);
	}
	w->fp = w->of.fp;
	if (fputs("\xef\xbb\xbf", w->fp) == EOF ||
	    put_row(w, hdr, n, "line", "reason") != 0) {
		rc = errno != 0 ? errno : ORDO_EIO;
		cause_set(cause, rc, "%s: %s", w->path, strerror(rc));
		imp_rejects_abort(w);
		return (rc);
	}
	*wp = w;
	return (0);
}

int
imp_rejects_write(struct imp_rejfile *w, const struct imp_reject *j,
    char **cause)
{
	char	 line[32];
	int	 rc;

	snprintf(line, sizeof line, "%zu", j->line);
	if (put_row(w, j->fields, j->nfields, line, j->reason) != 0) {
		rc = errno != 0 ? errno : ORDO_EIO;
		return (cause_set(cause, rc, "%s: %s", w->path, strerror(rc)));
	}
	return (0);
}

int
imp_rejects_close(struct imp_rejfile *w, char **cause)
{
	int	 rc;

	rc = outfile_close(&w->of, cause);
	free(w->path);
	free(w);
	return (rc);
}

void
imp_rejects_abort(struct imp_rejfile *w)
{
	if (w == NULL)
		return;
	outfile_abort(&w->of);
	free(w->path);
	free(w);
}
