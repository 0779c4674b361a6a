/*
 * csvin.h: a streaming CSV reader over libcsv for untrusted exports.
 *
 * The file is read in chunks (64 KiB by default) and fed to libcsv
 * (CSV_STRICT | CSV_STRICT_FINI) one physical line at a time, so memory
 * stays bounded whatever the file size: one chunk, its UTF-8 conversion,
 * one field (at most CSVIN_MAX_FIELD bytes) and one record (at most
 * CSVIN_MAX_RECORD bytes and CSVIN_MAX_COLS fields).
 *
 * What it does with the bytes:
 *  - Line ends: LF, CRLF and CR alike; blank lines are skipped (libcsv).
 *    Every record carries the physical line number where it starts and
 *    where it ends, counted here (libcsv counts nothing).
 *  - Quoting: RFC 4180 ("" inside quotes); unquoted fields lose their
 *    surrounding spaces (libcsv's rule), quoted ones keep them.  With
 *    CSVIN_NOQUOTE a " is an ordinary character (Amazon's TSV reports,
 *    whose product names hold unescaped 12" x 18").
 *  - Encoding: a UTF-8 BOM is skipped and means UTF-8 whatever the option
 *    says; a UTF-16 BOM (FF FE or FE FF) is honoured and the text is
 *    converted to UTF-8 with iconv.  CSVIN_GBK / CSVIN_GB18030 convert
 *    with iconv; CSVIN_AUTO reads the file once to choose (valid UTF-8,
 *    else GB18030 if the whole file converts, else UTF-8) and then again
 *    to parse, so it needs a seekable file or a memory buffer.
 *  - File errors (the whole file is refused, nothing is returned after):
 *    binary content (zip/xlsx, xls, pdf, gzip, images, or more than 1/16
 *    control bytes in the first 4 KiB), bytes that are not valid in the
 *    chosen legacy encoding, malformed quoting, a quote never closed,
 *    a field longer than CSVIN_MAX_FIELD, read errors.
 *  - Row errors (the record is returned with err set, the caller rejects
 *    that row): a NUL byte, invalid UTF-8, a control character other
 *    than TAB, CR and LF, more than CSVIN_MAX_COLS fields or
 *    CSVIN_MAX_RECORD bytes, and once csvin_set_ncols() was called a
 *    field count different from the header's.  More fields than the
 *    header is tolerated when all the extra fields are empty (trailing
 *    delimiters); they are dropped.
 */
#ifndef ORDO_CSVIN_H
#define ORDO_CSVIN_H

#include <stddef.h>
#include <stdint.h>

struct stat;

#define CSVIN_MAX_FIELD		(64 * 1024)
#define CSVIN_MAX_RECORD	(1024 * 1024)
#define CSVIN_MAX_COLS		1024
#define CSVIN_CHUNK		(64 * 1024)
#define CSVIN_NOQUOTE		(-1)

enum csvin_enc {
	CSVIN_UTF8,
	CSVIN_GBK,
	CSVIN_GB18030,
	CSVIN_AUTO
};

struct csvin_opts {
	int		 delim;		/* 0 means ',' */
	int		 quote;		/* 0 means '"'; or CSVIN_NOQUOTE */
	enum csvin_enc	 enc;
	size_t		 chunk;		/* bytes per read; 0 means CSVIN_CHUNK */
	int		 nofast;	/* 1: always parse with libcsv (tests
					   check the fast path against it) */
};

struct csvin_rec {
	size_t		 line;		/* physical line the record starts on */
	size_t		 last;		/* and ends on */
	char		**fields;	/* NUL-terminated, valid until next;
					   one after the other in one buffer */
	size_t		 nfields;
	const char	*err;		/* NULL, or why this row is bad */
	size_t		 errcol;	/* 1-based field the error is in, or 0 */
	const size_t	*lens;		/* strlen of each field */
};

struct csvin;

/*
 * Open a file or a memory buffer (not copied; it must outlive the
 * reader; name is used in messages).  opts may be NULL for the defaults.
 * Errors: an errno value (cannot open), ORDO_EINVAL (binary, or auto
 * encoding on a pipe), ORDO_EIO; cause names the file.
 */
int	 csvin_open(struct csvin **, const char *, const struct csvin_opts *,
	    char **);
int	 csvin_open_mem(struct csvin **, const char *, const void *, size_t,
	    const struct csvin_opts *, char **);

/*
 * The next record: 1 and *rec set (valid until the next call), 0 at the
 * end, or an error (ORDO_EINVAL, ORDO_EIO) with cause "name:line:col:
 * what"; after an error every further call returns it again.
 */
int	 csvin_next(struct csvin *, const struct csvin_rec **, char **);

/* From now on every record must have n fields (0: no check). */
void	 csvin_set_ncols(struct csvin *, size_t);

/* Encoding being read: "UTF-8", "GBK", "GB18030", "UTF-16". */
const char *csvin_encoding(const struct csvin *);

void	 csvin_close(struct csvin *);
/* Bytes of the input read so far and in all (for progress and ETA). */
void	 csvin_progress(const struct csvin *, uint64_t *, uint64_t *);
/* 1 if st (fstat of a file opened by path) is the file r opened. */
int	 csvin_same_file(const struct csvin *, const struct stat *);

#endif
