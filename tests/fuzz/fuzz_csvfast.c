/*
 * fuzz_csvfast.c: libFuzzer target that holds csvin's one-pass fast path
 * (fast_record) to libcsv.  The input is read twice with the same
 * options, once as csvin reads it and once with nofast (every record
 * through libcsv), in lockstep; it aborts on the first difference in a
 * record (first and last line, field count, field bytes and lengths, row
 * error and its column), in the encoding chosen, or in the final return
 * code and error text.
 *
 * The first byte picks the options, the rest is the file:
 *   bits 0-1  delimiter: , ; TAB SPACE
 *   bit  2    encoding: UTF-8 or auto
 *   bits 3-4  quote: " none ' "
 *   bit  5    enforce the first record's width on the rest (as the
 *             importer does with the header)
 *   bits 6-7  chunk: default, 7, 61, 4093 bytes
 *
 * tests/fuzz.sh builds and runs it with the seeds in
 * tests/fuzz/corpus/csvfast (sample files behind an option byte).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ordo/csvin.h"

int	 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void	 differ(size_t, const char *);
static int	 same_str(const char *, const char *);
static void	 same_rec(size_t, const struct csvin_rec *,
		    const struct csvin_rec *);

static void
differ(size_t n, const char *what)
{
	fprintf(stderr, "fuzz_csvfast: record %zu: fast path and libcsv"
	    " differ in %s\n", n, what);
	abort();
}

static int
same_str(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return (a == b);
	return (strcmp(a, b) == 0);
}

static void
same_rec(size_t n, const struct csvin_rec *f, const struct csvin_rec *s)
{
	size_t	 i;

	if (f->line != s->line || f->last != s->last)
		differ(n, "line numbers");
	if (f->nfields != s->nfields)
		differ(n, "field count");
	for (i = 0; i < f->nfields; i++) {
		if (f->lens[i] != s->lens[i])
			differ(n, "field length");
		if (memcmp(f->fields[i], s->fields[i], f->lens[i] + 1) != 0)
			differ(n, "field bytes");
	}
	if (!same_str(f->err, s->err) || f->errcol != s->errcol)
		differ(n, "row error");
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const int delims[] = { ',', ';', '\t', ' ' };
	static const int quotes[] = { 0, CSVIN_NOQUOTE, '\'', '"' };
	static const size_t chunks[] = { 0, 7, 61, 4093 };
	struct csvin_opts of, os;
	struct csvin	*fr, *sr;
	const struct csvin_rec *frec, *srec;
	char		*fcause = NULL, *scause = NULL;
	size_t		 n = 0;
	int		 frc, src, ncols;

	if (size < 1)
		return (0);
	memset(&of, 0, sizeof of);
	of.delim = delims[data[0] & 3];
	of.enc = (data[0] & 4) ? CSVIN_AUTO : CSVIN_UTF8;
	of.quote = quotes[(data[0] >> 3) & 3];
	ncols = (data[0] >> 5) & 1;
	of.chunk = chunks[(data[0] >> 6) & 3];
	os = of;
	os.nofast = 1;
	data++;
	size--;

	frc = csvin_open_mem(&fr, "f", data, size, &of, &fcause);
	src = csvin_open_mem(&sr, "f", data, size, &os, &scause);
	if (frc != src || !same_str(fcause, scause))
		differ(0, "opening");
	if (frc != 0)
		goto out;
	if (strcmp(csvin_encoding(fr), csvin_encoding(sr)) != 0)
		differ(0, "encoding");
	for (;;) {
		frc = csvin_next(fr, &frec, &fcause);
		src = csvin_next(sr, &srec, &scause);
		if (frc != src)
			differ(n + 1, "return code");
		if (frc != 1)
			break;
		same_rec(++n, frec, srec);
		if (n == 1 && ncols) {
			csvin_set_ncols(fr, frec->nfields);
			csvin_set_ncols(sr, srec->nfields);
		}
	}
	if (frc != 0 && !same_str(fcause, scause))
		differ(n + 1, "error text");
	csvin_close(fr);
	csvin_close(sr);
out:
	free(fcause);
	free(scause);
	return (0);
}
