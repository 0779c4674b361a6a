/*
 * csvin.c: streaming CSV input over libcsv.  See csvin.h.
 *
 * Bytes flow: input (file or memory) -> raw (one chunk) -> [iconv ->
 * dec] -> a window of UTF-8 bytes -> cut after every CR or LF into
 * segments -> csv_parse().  A segment never holds more than one line end,
 * so when libcsv calls back we know the physical line: that is how line
 * numbers are tracked without libcsv's help.
 *
 * Most records never reach libcsv: between records, fast_record() parses
 * a whole record the same way in one pass, straight into the record, and
 * only what it cannot take whole goes the long way above.
 */
#include <sys/stat.h>

#include <errno.h>
#include <iconv.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>

#include "ordo/csvin.h"
#include "ordo/error.h"
#include "ordo/priv.h"
#include "ordo/xmalloc.h"

#define SNIFF		4096
#define NUL_MARK	0x1a	/* a NUL byte is replaced by SUB */

/*
 * The fast path (fast_record) reads a whole record itself, the way libcsv
 * would, when libcsv sits between records; these classes of bytes tell
 * it where a field's run of ordinary bytes stops and whether the row
 * checks (finish_record) have anything to look at.  A record it cannot
 * take whole (bad quoting, a NUL, no record end in the window, more than
 * FAST_MAX bytes) goes to libcsv instead, line by line as ever, so
 * libcsv stays the judge of every odd case and of every error message.
 */
#define C_STOPU		0x01	/* ends a run in an unquoted field */
#define C_STOPQ		0x02	/* ends a run in a quoted field */
#define C_ODD		0x04	/* may fail the row checks: look closer */
#define FAST_MAX	CSVIN_MAX_FIELD	/* under libcsv's limit (cap_realloc) */

struct csvin {
	char		*name;
	FILE		*fp;
	dev_t		 dev;		/* the file opened (csvin_same_file) */
	ino_t		 ino;
	const unsigned char *mem;
	size_t		 memlen;
	size_t		 mempos;

	struct csv_parser p;
	int		 delim;
	int		 quote;
	size_t		 chunk;
	enum csvin_enc	 enc;
	const char	*encname;

	unsigned char	*raw;		/* input bytes */
	size_t		 rawcap;
	size_t		 rawpos;
	size_t		 rawlen;
	int		 eof;

	iconv_t		 cd;		/* (iconv_t)-1 when not converting */
	unsigned char	*dec;		/* converted bytes */
	size_t		 deccap;

	unsigned char	*win;		/* bytes ready for the parser */
	size_t		 winpos;
	size_t		 winlen;

	size_t		 line;		/* physical line of the next byte */
	size_t		 col;		/* characters before it on its line */
	int		 prev_cr;
	size_t		 seg_line;

	int		 in_record;
	size_t		 rec_line;
	size_t		 rec_nul;
	int		 too_many;
	int		 too_big;
	char		*arena;		/* the fields of the record */
	size_t		 alen;
	size_t		 acap;
	size_t		*offs;
	size_t		*lens;
	size_t		 nf;
	size_t		 offcap;
	char		**ptrs;
	size_t		 ptrcap;
	int		 ready;
	int		 finished;
	size_t		 ncols;
	int		 plain;		/* no byte of the row needs checks */
	int		 fast;		/* fast_record may be used */
	int		 idle;		/* libcsv is between records */
	unsigned char	 cls[256];	/* C_* by byte */
	struct csvin_rec rec;
	char		 errbuf[160];

	int		 fatal;
	char		*fatalmsg;

	int		 xq_inq;	/* excel_eq: inside quotes */
	int		 xq_start;	/* excel_eq: at a field's start */
	int		 xq_held;	/* fill: an = held for the next window */
};

static int	 csvin_init(struct csvin *, const struct csvin_opts *,
		    char **);
static int	 csvin_start(struct csvin *, char **);
static int	 fail(struct csvin *, int, char **, const char *, ...)
		    __attribute__((format(printf, 4, 5)));
static size_t	 src_read(struct csvin *, unsigned char *, size_t);
static int	 src_rewind(struct csvin *);
static int	 fill(struct csvin *, char **);
static int	 sniff(struct csvin *, char **);
static int	 choose_auto(struct csvin *, char **);
static int	 open_iconv(struct csvin *, const char *, char **);
static void	 cb_field(void *, size_t, void *);
static void	 cb_record(int, void *);
static void	*cap_realloc(void *, size_t);
static void	 finish_record(struct csvin *);
static int	 u8_check(const unsigned char *, size_t, size_t *);
static void	 reset_record(struct csvin *);
static void	 init_fast(struct csvin *);
static size_t	 fast_record(struct csvin *, int *, int *, size_t *);
static int	 field_check(struct csvin *, size_t);
static void	 excel_eq(struct csvin *);

static void *
cap_realloc(void *p, size_t n)
{
	if (n > CSVIN_MAX_FIELD + 1)
		return (NULL);
	return (realloc(p, n));
}

/*
 * Check UTF-8.  Returns 0 if [p, p+n) is valid, 1 if it is valid but
 * ends inside a sequence (*at: where that sequence starts), -1 if it is
 * invalid (*at: the bad byte).
 */
static int
u8_check(const unsigned char *p, size_t n, size_t *at)
{
	size_t		 i = 0, k, len;
	uint32_t	 c;

	while (i < n) {
		c = p[i];
		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf) {
			len = 2;
			c &= 0x1f;
		} else if (c >= 0xe0 && c <= 0xef) {
			len = 3;
			c &= 0x0f;
		} else if (c >= 0xf0 && c <= 0xf4) {
			len = 4;
			c &= 0x07;
		} else {
			*at = i;
			return (-1);
		}
		for (k = 1; k < len; k++) {
			if (i + k >= n) {
				*at = i;
				return (1);
			}
			if ((p[i + k] & 0xc0) != 0x80) {
				*at = i;
				return (-1);
			}
			c = (c << 6) | (p[i + k] & 0x3f);
			/* Overlong, surrogate and too large: early exits. */
			if (k == 1 && ((len == 3 && c < 0x20) ||
			    (len == 4 && (c < 0x10 || c > 0x10f)) ||
			    (len == 3 && c >= 0x360 && c <= 0x37f))) {
				*at = i;
				return (-1);
			}
		}
		i += len;
	}
	return (0);
}

static int
fail(struct csvin *r, int code, char **cause, const char *fmt, ...)
{
	va_list	 ap;
	char	*msg;

	va_start(ap, fmt);
	xvasprintf(&msg, fmt, ap);
	va_end(ap);
	free(r->fatalmsg);
	xasprintf(&r->fatalmsg, "%s:%s", r->name, msg);
	free(msg);
	r->fatal = code;
	return (cause_set(cause, code, "%s", r->fatalmsg));
}

static size_t
src_read(struct csvin *r, unsigned char *buf, size_t n)
{
	size_t	 got;

	if (r->fp != NULL)
		return (fread(buf, 1, n, r->fp));
	got = r->memlen - r->mempos;
	if (got > n)
		got = n;
	memcpy(buf, r->mem + r->mempos, got);
	r->mempos += got;
	return (got);
}

static int
src_rewind(struct csvin *r)
{
	if (r->fp != NULL)
		return (fseeko(r->fp, 0, SEEK_SET));
	r->mempos = 0;
	return (0);
}

static int
csvin_init(struct csvin *r, const struct csvin_opts *o, char **cause)
{
	unsigned char	 opts = CSV_STRICT | CSV_STRICT_FINI;

	r->delim = o != NULL && o->delim != 0 ? o->delim : ',';
	r->quote = o != NULL && o->quote != 0 ? o->quote : '"';
	r->chunk = o != NULL && o->chunk != 0 ? o->chunk : CSVIN_CHUNK;
	r->enc = o != NULL ? o->enc : CSVIN_UTF8;
	if (r->delim < 1 || r->delim > 126 || r->delim == '\r' ||
	    r->delim == '\n' || r->delim == r->quote)
		return (cause_set(cause, ORDO_EINVAL, "bad delimiter"));
	r->line = 1;
	r->xq_start = 1;
	r->cd = (iconv_t)-1;
	r->rawcap = (r->chunk > SNIFF ? r->chunk : SNIFF) + 16;
	r->raw = xmalloc(r->rawcap);
	if (csv_init(&r->p, opts) != 0)
		return (cause_set(cause, ORDO_EIO, "csv_init failed"));
	csv_set_delim(&r->p, (unsigned char)r->delim);
	/* Without quoting, NUL (replaced by NUL_MARK before parsing) quotes. */
	csv_set_quote(&r->p, r->quote == CSVIN_NOQUOTE ? 0 :
	    (unsigned char)r->quote);
	csv_set_realloc_func(&r->p, cap_realloc);
	r->encname = "UTF-8";
	init_fast(r);
	if (o != NULL && o->nofast)
		r->fast = 0;
	return (0);
}

/* The byte classes, and whether the fast path can follow libcsv. */
static void
init_fast(struct csvin *r)
{
	int		 c;
	unsigned char	 q;

	for (c = 0; c < 256; c++) {
		r->cls[c] = 0;
		if ((c < 0x20 && c != '\t' && c != '\r' && c != '\n') ||
		    c >= 0x7f)
			r->cls[c] |= C_ODD;
	}
	r->cls[0] |= C_STOPU | C_STOPQ;
	r->cls['\r'] |= C_STOPU | C_STOPQ;
	r->cls['\n'] |= C_STOPU | C_STOPQ;
	r->cls[(unsigned char)r->delim] |= C_STOPU;
	r->idle = 1;
	if (r->quote == CSVIN_NOQUOTE) {
		r->fast = 1;
		return;
	}
	q = (unsigned char)r->quote;
	r->cls[q] |= C_STOPU | C_STOPQ;
	r->fast = q != 0 && q != ' ' && q != '\t' && q != '\r' && q != '\n';
}

int
csvin_open(struct csvin **rp, const char *path, const struct csvin_opts *o,
    char **cause)
{
	struct csvin	*r;
	struct stat	 st;
	int		 rc;

	r = xcalloc(1, sizeof *r);
	r->cd = (iconv_t)-1;	/* csvin_close may run before csvin_init */
	r->name = xstrdup(path);
	/* A file the user names is read as the user (priv.h). */
	priv_drop();
	r->fp = fopen(path, "rb");
	rc = errno;
	priv_restore();
	if (r->fp == NULL) {
		cause_set(cause, rc, "%s: %s", path, strerror(rc));
		csvin_close(r);
		return (rc);
	}
	if (fstat(fileno(r->fp), &st) == 0 && S_ISDIR(st.st_mode)) {
		cause_set(cause, ORDO_EINVAL, "%s: is a directory", path);
		csvin_close(r);
		return (ORDO_EINVAL);
	}
	r->dev = st.st_dev;
	r->ino = st.st_ino;
	if ((rc = csvin_init(r, o, cause)) != 0 ||
	    (rc = csvin_start(r, cause)) != 0) {
		csvin_close(r);
		return (rc);
	}
	*rp = r;
	return (0);
}

int
csvin_open_mem(struct csvin **rp, const char *name, const void *buf,
    size_t len, const struct csvin_opts *o, char **cause)
{
	struct csvin	*r;
	int		 rc;

	r = xcalloc(1, sizeof *r);
	r->name = xstrdup(name);
	r->mem = buf;
	r->memlen = len;
	if ((rc = csvin_init(r, o, cause)) != 0 ||
	    (rc = csvin_start(r, cause)) != 0) {
		csvin_close(r);
		return (rc);
	}
	*rp = r;
	return (0);
}

static int
open_iconv(struct csvin *r, const char *from, char **cause)
{
	if ((r->cd = iconv_open("UTF-8", from)) == (iconv_t)-1)
		return (cause_set(cause, ORDO_EIO, "%s: iconv cannot convert"
		    " from %s: %s", r->name, from, strerror(errno)));
	/* A GBK character is 2 bytes, GB18030 up to 4: output <= 2x input. */
	r->deccap = r->rawcap * 2 + 64;
	r->dec = xmalloc(r->deccap);
	r->encname = strcmp(from, "UTF-16") == 0 ? "UTF-16" : from;
	return (0);
}

/* Choose between UTF-8 and GB18030 by reading the whole input once. */
static int
choose_auto(struct csvin *r, char **cause)
{
	unsigned char	*buf, *out;
	size_t		 n, keep = 0, at, inleft, outleft, cap;
	int		 utf8 = 1, gb = 1, rc;
	iconv_t		 cd;
	char		*ip, *op;

	if (r->fp != NULL && fseeko(r->fp, 0, SEEK_CUR) != 0)
		return (cause_set(cause, ORDO_EINVAL, "%s: encoding \"auto\""
		    " needs a regular file, not a pipe", r->name));
	cap = r->rawcap;
	buf = xmalloc(cap + 4);
	while ((n = src_read(r, buf + keep, cap - keep)) > 0) {
		n += keep;
		rc = u8_check(buf, n, &at);
		if (rc < 0) {
			utf8 = 0;
			break;
		}
		keep = rc == 1 ? n - at : 0;
		memmove(buf, buf + n - keep, keep);
	}
	if (utf8 && keep != 0)
		utf8 = 0;
	if (utf8 || src_rewind(r) != 0)
		goto done;
	if ((cd = iconv_open("UTF-8", "GB18030")) == (iconv_t)-1)
		goto done;
	out = xmalloc(cap * 2 + 64);
	keep = 0;
	while ((n = src_read(r, buf + keep, cap - keep)) > 0) {
		ip = (char *)buf;
		inleft = n + keep;
		do {
			op = (char *)out;
			outleft = cap * 2 + 64;
			if (iconv(cd, &ip, &inleft, &op, &outleft) ==
			    (size_t)-1 && errno == EILSEQ)
				gb = 0;
		} while (gb && inleft > 0 && errno == E2BIG);
		if (!gb)
			break;
		keep = inleft;
		memmove(buf, ip, keep);
	}
	if (keep != 0)
		gb = 0;
	iconv_close(cd);
	free(out);
done:
	free(buf);
	if (src_rewind(r) != 0)
		return (cause_set(cause, ORDO_EIO, "%s: cannot rewind: %s",
		    r->name, strerror(errno)));
	if (utf8 || !gb)
		r->enc = CSVIN_UTF8;
	else
		r->enc = CSVIN_GB18030;
	return (0);
}

/* First look at the bytes: BOM, binary, encoding. */
static int
sniff(struct csvin *r, char **cause)
{
	const unsigned char *b;
	size_t		 n, i, ctl = 0, nul = 0;
	static const struct {
		const char	*magic;
		size_t		 len;
		const char	*what;
	} magics[] = {
		{ "PK\x03\x04", 4, "a zip archive or an Excel .xlsx workbook" },
		{ "\xd0\xcf\x11\xe0", 4, "an Excel .xls workbook" },
		{ "%PDF", 4, "a PDF document" },
		{ "\x1f\x8b", 2, "a gzip archive" },
		{ "\x89PNG", 4, "a PNG image" },
		{ "\xff\xd8\xff", 3, "a JPEG image" },
		{ "SQLite format 3", 15, "an SQLite database" },
		{ "\x7f" "ELF", 4, "a program" },
	};

	while (r->rawlen < SNIFF && (n = src_read(r, r->raw + r->rawlen,
	    SNIFF - r->rawlen)) > 0)
		r->rawlen += n;
	if (r->fp != NULL && ferror(r->fp))
		return (fail(r, ORDO_EIO, cause, " %s", strerror(errno)));
	if (r->rawlen < SNIFF)
		r->eof = 1;
	b = r->raw;
	n = r->rawlen;
	if (n >= 2 && ((b[0] == 0xff && b[1] == 0xfe) ||
	    (b[0] == 0xfe && b[1] == 0xff)))
		return (open_iconv(r, "UTF-16", cause));
	if (n >= 3 && b[0] == 0xef && b[1] == 0xbb && b[2] == 0xbf) {
		r->rawpos = 3;
		r->enc = CSVIN_UTF8;
	}
	for (i = 0; i < sizeof magics / sizeof magics[0]; i++) {
		if (n >= magics[i].len &&
		    memcmp(b, magics[i].magic, magics[i].len) == 0)
			return (fail(r, ORDO_EINVAL, cause, " this is %s, not a"
			    " CSV file: save it as CSV (UTF-8) first",
			    magics[i].what));
	}
	for (i = r->rawpos; i < n; i++) {
		if (b[i] == 0)
			nul++;
		else if ((b[i] < 0x20 && b[i] != '\t' && b[i] != '\n' &&
		    b[i] != '\r' && b[i] != '\f' && b[i] != '\v') ||
		    b[i] == 0x7f)
			ctl++;
	}
	if (nul + ctl >= 2 && (nul + ctl) * 16 > n - r->rawpos)
		return (fail(r, ORDO_EINVAL, cause, " binary data, not a CSV"
		    " file (%zu NUL and %zu control bytes in the first %zu)",
		    nul, ctl, n - r->rawpos));
	switch (r->enc) {
	case CSVIN_GBK:
		return (open_iconv(r, "GBK", cause));
	case CSVIN_GB18030:
		return (open_iconv(r, "GB18030", cause));
	default:
		break;
	}
	return (0);
}

/*
 * Excel's text-forcing cells, ="0123" (Taobao writes its long order ids
 * so): the = of a field that starts with =" is dropped, so the field is
 * the quoted text, "0123".  Strict CSV refuses such a field anyway (a
 * quote inside an unquoted field), so nothing else changes.  Runs once
 * over each new window, in place.  fill() never ends a window with an =
 * while more input follows, so the = and its quote are always seen
 * together, whatever the window size.
 */
static void
excel_eq(struct csvin *r)
{
	unsigned char	*w = r->win + r->winpos, c;
	size_t		 i, o = 0, n = r->winlen - r->winpos;
	int		 q = r->quote;

	for (i = 0; i < n; i++) {
		c = w[i];
		if (r->xq_inq) {
			if (c == q)
				r->xq_inq = 0;
		} else if (c == q) {
			r->xq_inq = 1;
			r->xq_start = 0;
		} else if (c == '=' && r->xq_start && i + 1 < n &&
		    w[i + 1] == q) {
			r->xq_start = 0;
			continue;	/* dropped */
		} else
			r->xq_start = c == r->delim || c == '\r' || c == '\n';
		w[o++] = c;
	}
	r->winlen = r->winpos + o;
}

static int
csvin_start(struct csvin *r, char **cause)
{
	int	 rc;

	if (r->enc == CSVIN_AUTO) {
		if ((rc = choose_auto(r, cause)) != 0)
			return (rc);
	}
	return (sniff(r, cause));
}

/*
 * Make bytes available in the window.  0: there are some, 1: end of
 * input, else an error.
 */
static int
fill(struct csvin *r, char **cause)
{
	size_t	 n, left, inleft, outleft, at;
	char	*ip, *op;
	int	 bad;

	for (;;) {
		if (r->cd == (iconv_t)-1 && r->rawpos < r->rawlen) {
			n = r->rawlen - r->rawpos;
			if (n > r->chunk)
				n = r->chunk;
			/* An = ends the window only at the end of input. */
			if (r->raw[r->rawpos + n - 1] == '=') {
				if (n > 1)
					n--;
				else if (r->rawpos + 1 < r->rawlen)
					n++;
				else if (!r->eof)
					goto more;
			}
			r->win = r->raw + r->rawpos;
			r->winpos = 0;
			r->winlen = n;
			r->rawpos += n;
			return (0);
		}
		if (r->cd != (iconv_t)-1 && r->rawpos < r->rawlen) {
			ip = (char *)r->raw + r->rawpos;
			inleft = r->rawlen - r->rawpos;
			op = (char *)r->dec;
			if (r->xq_held)
				*op++ = '=';
			outleft = r->deccap - r->xq_held;
			bad = iconv(r->cd, &ip, &inleft, &op, &outleft) ==
			    (size_t)-1 && errno == EILSEQ;
			/* On EILSEQ, ip is at the bad byte. */
			r->rawpos = (unsigned char *)ip - r->raw;
			r->xq_held = 0;
			n = op - (char *)r->dec;
			/* An = ends the window only at the end of input. */
			if (n > 0 && r->dec[n - 1] == '=' && !bad &&
			    (r->rawpos < r->rawlen || !r->eof)) {
				r->xq_held = 1;
				n--;
			}
			if (n > 0) {
				/* Parse what converted; a bad byte fails next. */
				r->win = r->dec;
				r->winpos = 0;
				r->winlen = n;
				return (0);
			}
			if (bad) {
				at = r->rawpos;
				return (fail(r, ORDO_EINVAL, cause, "%zu: bytes"
				    " %02X %02X are not valid %s: is the file in"
				    " that encoding?", r->line, r->raw[at],
				    at + 1 < r->rawlen ? r->raw[at + 1] : 0,
				    r->encname));
			}
			/* An incomplete character: read more below. */
		}
		if (r->eof && r->xq_held && r->rawpos == r->rawlen) {
			r->xq_held = 0;
			r->dec[0] = '=';
			r->win = r->dec;
			r->winpos = 0;
			r->winlen = 1;
			return (0);
		}
		if (r->eof) {
			if (r->rawpos < r->rawlen)
				return (fail(r, ORDO_EINVAL, cause, "%zu: the"
				    " file ends inside a %s character",
				    r->line, r->encname));
			return (1);
		}
more:
		left = r->rawlen - r->rawpos;
		memmove(r->raw, r->raw + r->rawpos, left);
		r->rawpos = 0;
		r->rawlen = left;
		n = r->chunk;
		if (n > r->rawcap - left)
			n = r->rawcap - left;
		n = src_read(r, r->raw + left, n);
		if (r->fp != NULL && ferror(r->fp))
			return (fail(r, ORDO_EIO, cause, " read error: %s",
			    strerror(errno)));
		if (n == 0)
			r->eof = 1;
		r->rawlen += n;
	}
}

static void
cb_field(void *f, size_t len, void *arg)
{
	struct csvin	*r = arg;

	if (r->nf >= CSVIN_MAX_COLS) {
		r->too_many = 1;
		return;
	}
	if (r->alen + len + 1 > CSVIN_MAX_RECORD) {
		r->too_big = 1;
		len = 0;
	}
	if (r->alen + len + 1 > r->acap) {
		r->acap = (r->alen + len + 1) * 2;
		r->arena = xreallocarray(r->arena, r->acap, 1);
	}
	if (r->nf == r->offcap) {
		r->offcap = r->offcap == 0 ? 64 : r->offcap * 2;
		r->offs = xreallocarray(r->offs, r->offcap, sizeof *r->offs);
		r->lens = xreallocarray(r->lens, r->offcap, sizeof *r->lens);
	}
	r->offs[r->nf] = r->alen;
	r->lens[r->nf] = len;
	if (len > 0)
		memcpy(r->arena + r->alen, f, len);
	r->alen += len;
	r->arena[r->alen++] = '\0';
	r->nf++;
}

/*
 * One whole record at the window position (several lines when a quoted
 * field holds line ends), parsed as libcsv (CSV_STRICT) parses it from
 * between records, its fields straight into the record.  Returns the
 * bytes used, the line end after it included, with *row set if they
 * made a record (else the line was blank), *odd if a byte of it needs
 * the row checks and *nl the line ends inside quotes; or 0 when libcsv
 * must take it.  The record is empty on entry and its fields are the
 * caller's to drop on 0.  It holds at most FAST_MAX bytes, so the record
 * needs at most FAST_MAX + 1 bytes (a field's bytes come from distinct
 * input bytes and its NUL from the delimiter or line end after it) and
 * never meets CSVIN_MAX_RECORD, nor any field libcsv's CSVIN_MAX_FIELD.
 */
static size_t
fast_record(struct csvin *r, int *row, int *odd, size_t *nl)
{
	const unsigned char *cls = r->cls, *s, *e, *p;
	unsigned char	 c, k, acc = 0, delim = (unsigned char)r->delim, quote;
	size_t		 len, nf = 0, *offs, *lens;
	int		 begun = 0, many = 0;
	char		*base, *w, *fs;

	*nl = 0;
	quote = r->quote == CSVIN_NOQUOTE ? 0 : (unsigned char)r->quote;
	s = r->win + r->winpos;
	len = r->winlen - r->winpos;
	if (len > FAST_MAX)
		len = FAST_MAX;
	e = s + len;
	p = s;
	if (r->acap < FAST_MAX + 2) {
		r->acap = FAST_MAX + 2;
		r->arena = xreallocarray(r->arena, r->acap, 1);
	}
	if (r->offcap < CSVIN_MAX_COLS) {
		r->offcap = CSVIN_MAX_COLS;
		r->offs = xreallocarray(r->offs, r->offcap, sizeof *r->offs);
		r->lens = xreallocarray(r->lens, r->offcap, sizeof *r->lens);
	}
	offs = r->offs;
	lens = r->lens;
	base = w = r->arena;

/* The field [fs, w) joins the record, as in cb_field. */
#define FIELD_END() do {						\
	if (nf < CSVIN_MAX_COLS) {					\
		offs[nf] = fs - base;					\
		lens[nf++] = w - fs;					\
		*w++ = '\0';						\
	} else {							\
		many = 1;						\
		w = fs;							\
	}								\
} while (0)

	for (;;) {
		/* Between fields, spaces and tabs are skipped. */
		while (p < e && (*p == ' ' || *p == '\t') && *p != delim)
			p++;
		if (p == e)
			return (0);
		c = *p++;
		fs = w;
		if (c == '\r' || c == '\n') {
			if (begun)
				FIELD_END();
			break;
		}
		begun = 1;
		if (c == delim) {
			FIELD_END();
			continue;
		}
		if (c == 0)
			return (0);
		if (c != quote || quote == 0) {
			/* Unquoted: its trailing spaces and tabs go. */
			acc |= cls[c];
			*w++ = (char)c;
			while (p < e && !((k = cls[*p]) & C_STOPU)) {
				acc |= k;
				*w++ = (char)*p++;
			}
			if (p == e || *p == 0 || (*p == quote && quote != 0))
				return (0);
			while (w > fs && (w[-1] == ' ' || w[-1] == '\t'))
				w--;
			FIELD_END();
			if (*p++ == delim)
				continue;
			break;
		}
		/* Quoted: "" is a quote; after the closing one, spaces. */
		for (;;) {
			while (p < e && !((k = cls[*p]) & C_STOPQ)) {
				acc |= k;
				*w++ = (char)*p++;
			}
			if (p == e || *p == 0)
				return (0);
			c = *p++;
			if (c != quote) {
				/* A line end: the field goes on on the next. */
				if (c == '\r' || p[-2] != '\r')
					(*nl)++;
				*w++ = (char)c;
				continue;
			}
			if (p < e && *p == quote) {
				acc |= cls[quote];
				*w++ = (char)*p++;
				continue;
			}
			break;
		}
		while (p < e && (*p == ' ' || *p == '\t') && *p != delim)
			p++;
		if (p == e)
			return (0);
		c = *p++;
		if (c != delim && c != '\r' && c != '\n')
			return (0);
		FIELD_END();
		if (c != delim)
			break;
	}
#undef FIELD_END
	r->nf = nf;
	r->alen = w - base;
	r->too_many = many;
	*row = begun;
	*odd = (acc & C_ODD) != 0;
	return (p - s);
}

static void
cb_record(int c, void *arg)
{
	struct csvin	*r = arg;

	(void)c;
	r->rec.line = r->in_record ? r->rec_line : r->seg_line;
	r->rec.last = r->seg_line;
	r->in_record = 0;
	r->ready = 1;
}

static void
reset_record(struct csvin *r)
{
	r->alen = 0;
	r->nf = 0;
	r->rec_nul = 0;
	r->too_many = 0;
	r->too_big = 0;
	r->ready = 0;
	r->plain = 0;
}

/*
 * A NUL, a control character or bad UTF-8 in field i: 1 with the message
 * in errbuf, else 0.  Plain ASCII is passed over first.
 */
static int
field_check(struct csvin *r, size_t i)
{
	const unsigned char *f = (const unsigned char *)r->ptrs[i];
	size_t		 j, n = r->lens[i], at;

	for (j = 0; j < n && f[j] >= 0x20 && f[j] < 0x7f; j++)
		;
	if (j == n)
		return (0);
	for (j = 0; j < n; j++) {
		if (f[j] == NUL_MARK && r->rec_nul > 0) {
			snprintf(r->errbuf, sizeof r->errbuf, "a NUL byte (at"
			    " byte %zu of the cell)", j + 1);
			return (1);
		}
		if ((f[j] < 0x20 && f[j] != '\t' && f[j] != '\r' &&
		    f[j] != '\n') || f[j] == 0x7f) {
			snprintf(r->errbuf, sizeof r->errbuf, "control"
			    " character U+%04X (at byte %zu of the cell)", f[j],
			    j + 1);
			return (1);
		}
	}
	if (u8_check(f, n, &at) != 0) {
		snprintf(r->errbuf, sizeof r->errbuf, "invalid UTF-8 (byte"
		    " 0x%02X at byte %zu of the cell)", f[at], at + 1);
		return (1);
	}
	return (0);
}

/* Pointers, and the row-level checks. */
static void
finish_record(struct csvin *r)
{
	size_t		 i;

	if (r->nf > r->ptrcap) {
		r->ptrcap = r->nf;
		r->ptrs = xreallocarray(r->ptrs, r->ptrcap, sizeof *r->ptrs);
	}
	for (i = 0; i < r->nf; i++)
		r->ptrs[i] = r->arena + r->offs[i];
	r->rec.fields = r->ptrs;
	r->rec.lens = r->lens;
	r->rec.nfields = r->nf;
	r->rec.err = NULL;
	r->rec.errcol = 0;
	if (r->too_many) {
		snprintf(r->errbuf, sizeof r->errbuf, "more than %d fields",
		    CSVIN_MAX_COLS);
		r->rec.err = r->errbuf;
		return;
	}
	if (r->too_big) {
		snprintf(r->errbuf, sizeof r->errbuf, "the row is longer than"
		    " %d bytes", CSVIN_MAX_RECORD);
		r->rec.err = r->errbuf;
		return;
	}
	for (i = 0; i < r->nf && !r->plain; i++) {
		if (field_check(r, i) != 0) {
			r->rec.err = r->errbuf;
			r->rec.errcol = i + 1;
			return;
		}
	}
	if (r->ncols == 0 || r->nf == r->ncols)
		return;
	if (r->nf > r->ncols) {
		for (i = r->ncols; i < r->nf; i++)
			if (r->lens[i] != 0)
				break;
		if (i == r->nf) {
			r->rec.nfields = r->ncols;
			return;
		}
	}
	snprintf(r->errbuf, sizeof r->errbuf, "%zu field%s where the header"
	    " has %zu", r->nf, r->nf == 1 ? "" : "s", r->ncols);
	r->rec.err = r->errbuf;
}

int
csvin_next(struct csvin *r, const struct csvin_rec **recp, char **cause)
{
	unsigned char	*seg, c;
	size_t		 len, i, n, col, nl;
	int		 rc, content, row, odd;

	if (r->fatal)
		return (cause_set(cause, r->fatal, "%s", r->fatalmsg));
	reset_record(r);
	for (;;) {
		if (r->ready) {
			finish_record(r);
			*recp = &r->rec;
			return (1);
		}
		if (r->finished)
			return (0);
		if (r->winpos == r->winlen) {
			if ((rc = fill(r, cause)) < 0 || rc > 1)
				return (rc);
			if (rc == 0 && r->quote != CSVIN_NOQUOTE)
				excel_eq(r);
			if (rc == 1) {
				r->finished = 1;
				r->seg_line = r->line;
				if (csv_fini(&r->p, cb_field, cb_record, r) != 0)
					return (fail(r, ORDO_EINVAL, cause,
					    "%zu: a quoted field opened on line"
					    " %zu is never closed", r->line,
					    r->rec_line));
				continue;
			}
		}
		if (r->fast && r->idle && r->nf == 0 && r->alen == 0) {
			if ((n = fast_record(r, &row, &odd, &nl)) > 0) {
				c = r->win[r->winpos + n - 1];
				if (row) {
					r->rec.line = r->line;
					r->rec.last = r->line + nl;
					r->ready = 1;
					r->plain = !odd;
				}
				r->line += nl;
				r->seg_line = r->line;
				/*
				 * As the long way counts: the line end is a
				 * new line but for the LF of a CRLF, which
				 * can only be a blank line of one byte.
				 */
				if (c == '\r' || n > 1 || !r->prev_cr)
					r->line++;
				r->col = 0;
				r->prev_cr = c == '\r';
				r->winpos += n;
				continue;
			}
		}
		/* One segment: up to and including the next CR or LF. */
		seg = r->win + r->winpos;
		len = r->winlen - r->winpos;
		content = 0;
		for (i = 0; i < len; i++) {
			c = seg[i];
			if (c == '\r' || c == '\n') {
				i++;
				break;
			}
			if (c == 0) {
				seg[i] = NUL_MARK;
				r->rec_nul++;
			}
			if ((c != ' ' && c != '\t') || c == r->delim)
				content = 1;
		}
		len = i;
		r->seg_line = r->line;
		if (content && !r->in_record) {
			r->in_record = 1;
			r->rec_line = r->line;
		}
		n = csv_parse(&r->p, seg, len, cb_field, cb_record, r);
		/* A record ends only at the segment's end: see idle. */
		r->idle = r->ready || (r->idle && !content);
		if (n < len) {
			for (col = r->col, i = 0; i < n; i++)
				if ((seg[i] & 0xc0) != 0x80)
					col++;
			if (csv_error(&r->p) == CSV_EPARSE)
				return (fail(r, ORDO_EINVAL, cause, "%zu:%zu:"
				    " %s", r->line, col + 1, seg[n] ==
				    r->quote ? "a quote inside an unquoted"
				    " field (quote the whole field and double"
				    " the quote)" : "text after a closing"
				    " quote"));
			return (fail(r, ORDO_EINVAL, cause, "%zu: a field is"
			    " longer than %d bytes (a quote never closed?)",
			    r->rec_line, CSVIN_MAX_FIELD));
		}
		for (i = 0; i < len; i++) {
			c = seg[i];
			if (c == '\r' || (c == '\n' && !r->prev_cr)) {
				r->line++;
				r->col = 0;
			} else if (c != '\n' && (c & 0xc0) != 0x80)
				r->col++;
			r->prev_cr = c == '\r';
		}
		r->winpos += len;
	}
}

void
csvin_set_ncols(struct csvin *r, size_t n)
{
	r->ncols = n;
}

const char *
csvin_encoding(const struct csvin *r)
{
	return (r->encname);
}

int
csvin_same_file(const struct csvin *r, const struct stat *st)
{
	return (r->fp != NULL && st->st_dev == r->dev &&
	    st->st_ino == r->ino);
}

void
csvin_progress(const struct csvin *r, uint64_t *done, uint64_t *total)
{
	struct stat	 st;
	off_t		 at;

	*done = *total = 0;
	if (r == NULL)
		return;
	if (r->fp == NULL) {
		*done = r->mempos;
		*total = r->memlen;
		return;
	}
	if ((at = ftello(r->fp)) > 0)
		*done = (uint64_t)at;
	if (fstat(fileno(r->fp), &st) == 0 && st.st_size > 0)
		*total = (uint64_t)st.st_size;
}

void
csvin_close(struct csvin *r)
{
	if (r == NULL)
		return;
	if (r->fp != NULL)
		fclose(r->fp);
	if (r->cd != (iconv_t)-1)
		iconv_close(r->cd);
	if (r->raw != NULL)
		csv_free(&r->p);
	free(r->raw);
	free(r->dec);
	free(r->arena);
	free(r->offs);
	free(r->lens);
	free(r->ptrs);
	free(r->fatalmsg);
	free(r->name);
	free(r);
}
