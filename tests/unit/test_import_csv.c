/*
 * test_import_csv.c: the streaming CSV reader (csvin.h) against the
 * csv-spectrum and csvkit edge-case files, chunking, line numbers,
 * encodings, limits and bounded memory; and its fast path (fast_record)
 * held to libcsv (nofast) over every sample file.
 */
#include <sys/resource.h>
#include <sys/stat.h>

#include <dirent.h>

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testlib.h"

#include "ordo/csvin.h"
#include "ordo/error.h"
#include "ordo/xmalloc.h"

#define SPECTRUM	"../shared/samples/edge-cases/csv-spectrum/csvs/"
#define CSVKIT		"../shared/samples/edge-cases/csvkit/"
#define FIXTURES	"tests/fixtures/import/"

/* A file read whole (test files are small); NULL if it is missing. */
static char *
slurp(const char *rel, size_t *len)
{
	FILE	*f;
	char	*buf;
	long	 n;

	if ((f = fopen(t_path(rel), "rb")) == NULL)
		return (NULL);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc(n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, n, f), (size_t)n);
	buf[n] = '\0';
	fclose(f);
	*len = n;
	return (buf);
}

static int
have_samples(void)
{
	return (access(t_path("../shared/samples/edge-cases"), R_OK) == 0);
}

/*
 * Parse a buffer and describe it: one line per record,
 * "first-last:f1|f2|..." plus " !col:error" for a bad row, and a last
 * line "ERROR: cause" when the file was refused.  With ncols_from_first
 * the first record's width is enforced on the rest, as the importer does
 * with the header.
 */
static char *
parse(const void *buf, size_t len, size_t chunk, int delim, int quote,
    enum csvin_enc enc, int ncols_from_first)
{
	struct csvin_opts o = { delim, quote, enc, chunk, 0 };
	struct csvin	*r;
	const struct csvin_rec *rec;
	char		*out = NULL, *cause = NULL;
	size_t		 olen = 0, i, n = 0;
	FILE		*m;
	int		 rc;

	m = open_memstream(&out, &olen);
	if ((rc = csvin_open_mem(&r, "t.csv", buf, len, &o, &cause)) != 0) {
		fprintf(m, "ERROR: %s\n", cause);
		free(cause);
		fclose(m);
		return (out);
	}
	while ((rc = csvin_next(r, &rec, &cause)) == 1) {
		fprintf(m, "%zu-%zu:", rec->line, rec->last);
		for (i = 0; i < rec->nfields; i++)
			fprintf(m, "%s%s", i > 0 ? "|" : "", rec->fields[i]);
		if (rec->err != NULL)
			fprintf(m, " !%zu:%s", rec->errcol, rec->err);
		fputc('\n', m);
		if (n++ == 0 && ncols_from_first)
			csvin_set_ncols(r, rec->nfields);
	}
	if (rc != 0)
		fprintf(m, "ERROR: %s\n", cause);
	free(cause);
	csvin_close(r);
	fclose(m);
	return (out);
}

/* Parse a sample file whole and in 1..7-byte chunks: all must agree. */
static char *
parse_file(const char *rel, int delim, int quote, enum csvin_enc enc,
    int ncols)
{
	char	*buf, *whole, *part;
	size_t	 len = 0, c;

	if ((buf = slurp(rel, &len)) == NULL)
		fail_msg("cannot read %s", rel);
	whole = parse(buf, len, 0, delim, quote, enc, ncols);
	for (c = 1; c <= 7; c++) {
		part = parse(buf, len, c, delim, quote, enc, ncols);
		if (strcmp(whole, part) != 0)
			fail_msg("%s: chunks of %zu differ:\n%s\nvs\n%s", rel, c,
			    part, whole);
		free(part);
	}
	free(buf);
	return (whole);
}

static void
expect_file(const char *rel, int delim, int quote, int ncols,
    const char *want)
{
	char	*got;

	got = parse_file(rel, delim, quote, CSVIN_UTF8, ncols);
	assert_string_equal(got, want);
	free(got);
}

static void
test_spectrum(void **state)
{
	(void)state;
	if (!have_samples())
		skip();
	expect_file(SPECTRUM "comma_in_quotes.csv", 0, 0, 1,
	    "1-1:first|last|address|city|zip\n"
	    "2-2:John|Doe|120 any st.|Anytown, WW|08123\n");
	expect_file(SPECTRUM "empty.csv", 0, 0, 1,
	    "1-1:a|b|c\n2-2:1||\n3-3:2|3|4\n");
	expect_file(SPECTRUM "empty_crlf.csv", 0, 0, 1,
	    "1-1:a|b|c\n2-2:1||\n3-3:2|3|4\n");
	expect_file(SPECTRUM "escaped_quotes.csv", 0, 0, 1,
	    "1-1:a|b\n2-2:1|ha \"ha\" ha\n3-3:3|4\n");
	expect_file(SPECTRUM "json.csv", 0, 0, 1,
	    "1-1:key|val\n"
	    "2-2:1|{\"type\": \"Point\", \"coordinates\": [102.0, 0.5]}\n");
	expect_file(SPECTRUM "newlines.csv", 0, 0, 1,
	    "1-1:a|b|c\n2-2:1|2|3\n3-4:Once upon \na time|5|6\n5-5:7|8|9\n");
	expect_file(SPECTRUM "newlines_crlf.csv", 0, 0, 1,
	    "1-1:a|b|c\n2-2:1|2|3\n3-4:Once upon \r\na time|5|6\n"
	    "5-5:7|8|9\n");
	expect_file(SPECTRUM "quotes_and_newlines.csv", 0, 0, 1,
	    "1-1:a|b\n2-4:1|ha \n\"ha\" \nha\n5-5:3|4\n");
	expect_file(SPECTRUM "simple.csv", 0, 0, 1, "1-1:a|b|c\n2-2:1|2|3\n");
	expect_file(SPECTRUM "simple_crlf.csv", 0, 0, 1,
	    "1-1:a|b|c\n2-2:1|2|3\n");
	expect_file(SPECTRUM "utf8.csv", 0, 0, 1,
	    "1-1:a|b|c\n2-2:1|2|3\n3-3:4|5|\xca\xa4\n");
}

/*
 * location_coordinates.csv has a bare " inside an unquoted field.  Strict
 * quoting refuses it, naming line and column; without quoting (the
 * Amazon profile's mode) it reads as the expected json says (which has a
 * different phone number than the csv: the csv wins).
 */
static void
test_spectrum_bare_quote(void **state)
{
	(void)state;
	if (!have_samples())
		skip();
	expect_file(SPECTRUM "location_coordinates.csv", 0, 0, 1,
	    "1-1:Contact Phone Number|Location Coordinates|Cities|Counties\n"
	    "ERROR: t.csv:2:22: a quote inside an unquoted field (quote the"
	    " whole field and double the quote)\n");
	expect_file(SPECTRUM "location_coordinates.csv", 0, CSVIN_NOQUOTE, 1,
	    "1-1:Contact Phone Number|Location Coordinates|Cities|Counties\n"
	    "2-2:2095257564|37\xef\xbf\xbd" "36'37.8\"N 121\xef\xbf\xbd"
	    "2'17.9\"W|Modesto|Stanislaus\n");
}

static void
test_csvkit_ragged(void **state)
{
	(void)state;
	if (!have_samples())
		skip();
	/* Too long (extra text) and too short: those rows are refused. */
	expect_file(CSVKIT "bad.csv", 0, 0, 1,
	    "1-1:column_a|column_b|column_c\n"
	    "2-2:1|27||I'm too long! !0:4 fields where the header has 3\n"
	    "3-3:|I'm too short! !0:2 fields where the header has 3\n"
	    "4-4:0|mixed types.... uh oh|17\n");
	/* Blank lines before the header are skipped; lines still count. */
	expect_file(CSVKIT "bad_skip_lines.csv", 0, 0, 1,
	    "4-4:column_a|column_b|column_c\n"
	    "5-5:1|27||I'm too long! !0:4 fields where the header has 3\n"
	    "6-6:|I'm too short! !0:2 fields where the header has 3\n"
	    "7-7:0|mixed types.... uh oh|17\n");
	expect_file(CSVKIT "test_skip_lines.csv", 0, 0, 1,
	    "4-4:a|b|c\n5-5:1|2|3\n");
	/* Empty header names; a 4-field row under 5 is refused. */
	expect_file(CSVKIT "test_empty_columns.csv", 0, 0, 1,
	    "1-1:a|b|c||\n2-2:a||||\n"
	    "3-3:||c| !0:4 fields where the header has 5\n4-4:||||\n");
	/* Extra fields that are all empty are only trailing delimiters. */
	expect_file(CSVKIT "test_empty_columns_long_row.csv", 0, 0, 1,
	    "1-1:a|b|c\n2-2:||\n");
	expect_file(CSVKIT "test_empty_columns_short_row.csv", 0, 0, 1,
	    "1-1:a|b|c\n2-2:| !0:2 fields where the header has 3\n");
}

static void
test_csvkit_values(void **state)
{
	(void)state;
	if (!have_samples())
		skip();
	/* Null-looking tokens are data to the reader (cleaning decides). */
	expect_file(CSVKIT "blanks.csv", 0, 0, 1,
	    "1-1:a|b|c|d|e|f\n2-2:|NA|N/A|NONE|NULL|.\n");
	expect_file(CSVKIT "date_like_number.csv", 0, 0, 1, "1-1:a\n2-2:4.5\n");
	expect_file(CSVKIT "test_date_format.csv", 0, 0, 1,
	    "1-1:a\n2-2:02/01/2014\n3-3:31/12/2012\n");
	expect_file(CSVKIT "test_locale.csv", 0, 0, 1,
	    "1-1:a|b|c\n2-2:1,7|200.000.000|\n");
	expect_file(CSVKIT "test_no_leading_zeroes.csv", 0, 0, 1,
	    "1-1:a|b|c\n2-2:01|00.11|0.1\n");
	expect_file(CSVKIT "test_utf8.csv", 0, 0, 1,
	    "1-1:foo|bar|baz\n2-2:1|2|3\n3-3:4|5|\xca\xa4\n");
	/* The BOM is not part of the first header name. */
	expect_file(CSVKIT "test_utf8_bom.csv", 0, 0, 1,
	    "1-1:foo|bar|baz\n2-2:1|2|3\n3-3:4|5|\xca\xa4\n");
}

static void
test_csvkit_delimiters(void **state)
{
	(void)state;
	if (!have_samples())
		skip();
	expect_file(CSVKIT "dummy.tsv", '\t', 0, 1, "1-1:a|b|c\n2-2:1|2|3\n");
	expect_file(CSVKIT "sniff_limit.csv", ';', 0, 1,
	    "1-1:a|b|c\n2-2:1|2|3\n");
	/* With the wrong delimiter it is one column, not an error. */
	expect_file(CSVKIT "sniff_limit.csv", 0, 0, 1,
	    "1-1:a;b;c\n2-2:1;2;3\n");
}

static void
test_csvkit_bytes(void **state)
{
	(void)state;
	if (!have_samples())
		skip();
	/* Classic Mac CR-only line ends, CR inside a quoted field. */
	expect_file(CSVKIT "mac_newlines.csv", 0, 0, 1,
	    "1-1:a|b|c\n2-2:1|2|3\n3-4:Once upon\ra time|5|6\n");
	/* A NUL byte: that row is refused, naming the column. */
	expect_file(CSVKIT "null_byte.csv", 0, 0, 1,
	    "1-1:a|b|c\n2-2:\x1a|2|3 !1:a NUL byte (at byte 1 of the cell)\n");
	/* Latin-1 in a UTF-8 file: the row is refused, naming the column. */
	expect_file(CSVKIT "test_latin1.csv", 0, 0, 1,
	    "1-1:a|b|c\n2-2:1|2|3\n"
	    "3-3:4|5|\xa9 !3:invalid UTF-8 (byte 0xA9 at byte 1 of the"
	    " cell)\n");
	/* UTF-16 with a BOM, either order: converted. */
	expect_file(CSVKIT "test_utf16_big.csv", 0, 0, 1,
	    "1-1:a|b|c\n2-2:1|2|3\n3-3:4|5|\xca\xa4\n");
	expect_file(CSVKIT "test_utf16_little.csv", 0, 0, 1,
	    "1-1:a|b|c\n2-2:1|2|3\n3-3:4|5|\xca\xa4\n");
	/* Control characters (VT, FF) in a header cell: refused. */
	expect_file(CSVKIT "test_header_newline.csv", 0, 0, 1,
	    "1-7:\t\n\v\f\r start \t\n\v\f\r end \t\n\v\f\r|b|c !1:control"
	    " character U+000B (at byte 3 of the cell)\n8-8:d|e|f\n");
}

static void
test_lines_and_ends(void **state)
{
	static const char mixed[] = "a,b\r\n1,\"x\ny\"\r2,3\n\n\n4,5";
	char	*got;

	(void)state;
	got = parse(mixed, sizeof mixed - 1, 3, 0, 0, CSVIN_UTF8, 1);
	assert_string_equal(got,
	    "1-1:a|b\n2-3:1|x\ny\n4-4:2|3\n7-7:4|5\n");
	free(got);
	/* Spaces around unquoted fields go; quoted ones keep theirs. */
	got = parse(" 12.50 , \" q \" \n", 16, 0, 0, 0, CSVIN_UTF8, 0);
	assert_string_equal(got, "1-1:12.50| q \n");
	free(got);
	/* A quote never closed: the file is refused at its end. */
	got = parse("a,b\n1,\"open\n2,3\n", 16, 0, 0, 0, CSVIN_UTF8, 1);
	assert_string_equal(got, "1-1:a|b\nERROR: t.csv:4: a quoted field"
	    " opened on line 2 is never closed\n");
	free(got);
	/* Text after a closing quote. */
	got = parse("a,b\n\"x\"y,1\n", 11, 0, 0, 0, CSVIN_UTF8, 1);
	assert_string_equal(got, "1-1:a|b\nERROR: t.csv:2:4: text after a"
	    " closing quote\n");
	free(got);
	got = parse("", 0, 0, 0, 0, CSVIN_UTF8, 1);
	assert_string_equal(got, "");
	free(got);
}

static void
test_no_quote_mode(void **state)
{
	static const char tsv[] = "sku\tproduct-name\tqty\n"
	    "P1\tPoster 12\" x 18\"\t2\t\t\n";
	char	*got;

	(void)state;
	got = parse(tsv, sizeof tsv - 1, 2, '\t', CSVIN_NOQUOTE, CSVIN_UTF8,
	    1);
	assert_string_equal(got, "1-1:sku|product-name|qty\n"
	    "2-2:P1|Poster 12\" x 18\"|2\n");
	free(got);
}

static void
test_limits(void **state)
{
	char	*buf, *got;
	size_t	 n, i;

	(void)state;
	/* A field over 64 KiB: refused (likely a quote never closed). */
	n = CSVIN_MAX_FIELD + 100;
	buf = malloc(n + 16);
	memcpy(buf, "a\n\"", 3);
	memset(buf + 3, 'x', n);
	memcpy(buf + 3 + n, "\"\n", 2);
	got = parse(buf, n + 5, 0, 0, 0, CSVIN_UTF8, 0);
	assert_non_null(strstr(got, "ERROR: t.csv:2: a field is longer than"
	    " 65536 bytes"));
	free(got);
	free(buf);
	/* Too many fields: that row is refused, the file goes on. */
	n = CSVIN_MAX_COLS + 10;
	buf = malloc(n * 2 + 16);
	for (i = 0; i < n; i++) {
		buf[2 * i] = 'x';
		buf[2 * i + 1] = i + 1 == n ? '\n' : ',';
	}
	memcpy(buf + 2 * n, "ok\n", 3);
	got = parse(buf, 2 * n + 3, 0, 0, 0, CSVIN_UTF8, 0);
	assert_non_null(strstr(got, " !0:more than 1024 fields\n2-2:ok\n"));
	free(got);
	free(buf);
}

/*
 * Whole records are read by csvin's fast path and records cut by 1..7
 * byte chunks by libcsv: both must give the same fields, lines and
 * errors, with either delimiter and quoting.
 */
static void
test_fast_path(void **state)
{
	static const char *const cases[] = {
		"a,b,c\r\n\"x\r\ny\",\" q \"  ,  z \t\r\n\"\"\"\",,\n",
		"a\tb\n \t1 \t\t2\t\n\"p\"\" q\" \t\tr\n",
		"a,b\n\xc3\xa9,\x01x\n\xff,y\n1,\xe4\xb8\xad\n",
		"a,b\n1,\"x\"y\n",
		"a,b\n1,x\"y\n",
		"a,b\n1,\"x\" \"\n",
		"a,b\n\n  \n\r\n1,2",
		"a,b\n1,2,,\n3,4,5\n \"6\" , 7 \n",
		"a,b\n1,\"open\n2\n",
		"a;b\r1;\"2\r3\"\r\r4;5\r",
		"a,b\r1,2\n3,\"4\r\n\"\n\r\n5,6\r",
	};
	static const int delims[] = { ',', '\t', ';' };
	char	*buf, *whole, *part;
	size_t	 i, j, c, len;
	int	 q;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		for (j = 0; j < 3; j++) {
			for (q = 0; q < 2; q++) {
				len = strlen(cases[i]);
				whole = parse(cases[i], len, 0, delims[j],
				    q ? CSVIN_NOQUOTE : 0, CSVIN_UTF8, 1);
				for (c = 1; c <= 7; c++) {
					part = parse(cases[i], len, c,
					    delims[j], q ? CSVIN_NOQUOTE : 0,
					    CSVIN_UTF8, 1);
					if (strcmp(whole, part) != 0)
						fail_msg("case %zu: chunks of"
						    " %zu differ:\n%s\nvs\n%s",
						    i, c, part, whole);
					free(part);
				}
				free(whole);
			}
		}
	}
	whole = parse(cases[0], strlen(cases[0]), 0, 0, 0, CSVIN_UTF8, 1);
	assert_string_equal(whole, "1-1:a|b|c\n2-3:x\r\ny| q |z\n"
	    "4-4:\"||\n");
	free(whole);
	whole = parse(cases[10], strlen(cases[10]), 0, 0, 0, CSVIN_UTF8, 1);
	assert_string_equal(whole, "1-1:a|b\n2-2:1|2\n3-4:3|4\r\n\n6-6:5|6\n");
	free(whole);
	whole = parse(cases[2], strlen(cases[2]), 0, 0, 0, CSVIN_UTF8, 1);
	assert_string_equal(whole, "1-1:a|b\n2-2:\xc3\xa9|\x01x !2:control"
	    " character U+0001 (at byte 1 of the cell)\n3-3:\xff|y !1:invalid"
	    " UTF-8 (byte 0xFF at byte 1 of the cell)\n4-4:1|\xe4\xb8\xad\n");
	free(whole);
	/*
	 * A NUL; after the first window (csvin reads 4 KiB first), a record
	 * the fast path takes whole and one too long for it.
	 */
	len = 4096 + 64993 + 75000 + 4;
	buf = malloc(len);
	assert_non_null(buf);
	memcpy(buf, "a,b\n1,x\0y\n", 10);
	for (i = 10; i + 4 <= 4096; i += 4)
		memcpy(buf + i, "x,y\n", 4);
	memset(buf + i, '\n', 4096 - i);
	i = 4096;
	memset(buf + i, 'x', len - i);
	buf[i] = '"';
	buf[i + 29999] = '"';
	buf[i + 30000] = ',';
	buf[i + 64992] = '\n';
	i += 64993;
	buf[i + 40000] = ',';
	buf[i + 74999] = '\n';
	memcpy(buf + len - 4, "1,2\n", 4);
	whole = parse(buf, len, 1 << 20, 0, 0, CSVIN_UTF8, 1);
	assert_non_null(strstr(whole, "\n2-2:1|x\x1ay !2:a NUL byte (at byte"
	    " 2 of the cell)\n3-3:x|y\n"));
	assert_non_null(strstr(whole, "y\n1026-1026:xx"));
	assert_non_null(strstr(whole, "x\n1027-1027:xx"));
	assert_non_null(strstr(whole, "x\n1028-1028:1|2\n"));
	assert_null(strstr(strstr(whole, "\n3-3:"), "!"));
	for (c = 0; c <= 7; c += 3) {
		part = parse(buf, len, c, 0, 0, CSVIN_UTF8, 1);
		assert_string_equal(part, whole);
		free(part);
	}
	free(whole);
	free(buf);
}

static int
same_str(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return (a == b);
	return (strcmp(a, b) == 0);
}

/*
 * Read buf with the fast path and with libcsv alone (nofast), in
 * lockstep, and fail on the first difference: lines, field count, field
 * bytes, row error and column, the final code and error text.  The same
 * check as tests/fuzz/fuzz_csvfast.c.  Returns the number of records.
 */
static size_t
compare_fast(const char *what, const void *buf, size_t len,
    const struct csvin_opts *o, int ncols)
{
	struct csvin_opts of = *o, os = *o;
	struct csvin	*fr, *sr;
	const struct csvin_rec *f, *s;
	char		*fcause = NULL, *scause = NULL;
	size_t		 n = 0, i;
	int		 frc, src;

	of.nofast = 0;
	os.nofast = 1;
	frc = csvin_open_mem(&fr, "t.csv", buf, len, &of, &fcause);
	src = csvin_open_mem(&sr, "t.csv", buf, len, &os, &scause);
	if (frc != src || !same_str(fcause, scause))
		fail_msg("%s: open: %d %s vs libcsv %d %s", what, frc, fcause,
		    src, scause);
	if (frc != 0) {
		free(fcause);
		free(scause);
		return (0);
	}
	for (;;) {
		frc = csvin_next(fr, &f, &fcause);
		src = csvin_next(sr, &s, &scause);
		if (frc != src)
			fail_msg("%s: record %zu: returns %d vs libcsv %d (%s"
			    " / %s)", what, n + 1, frc, src, fcause, scause);
		if (frc != 1)
			break;
		n++;
		if (f->line != s->line || f->last != s->last)
			fail_msg("%s: record %zu: lines %zu-%zu vs libcsv"
			    " %zu-%zu", what, n, f->line, f->last, s->line,
			    s->last);
		if (f->nfields != s->nfields)
			fail_msg("%s: record %zu (line %zu): %zu fields vs"
			    " libcsv %zu", what, n, s->line, f->nfields,
			    s->nfields);
		for (i = 0; i < f->nfields; i++)
			if (f->lens[i] != s->lens[i] || memcmp(f->fields[i],
			    s->fields[i], s->lens[i] + 1) != 0)
				fail_msg("%s: record %zu (line %zu) field %zu:"
				    " \"%s\" vs libcsv \"%s\"", what, n,
				    s->line, i + 1, f->fields[i], s->fields[i]);
		if (!same_str(f->err, s->err) || f->errcol != s->errcol)
			fail_msg("%s: record %zu (line %zu): error %zu:%s vs"
			    " libcsv %zu:%s", what, n, s->line, f->errcol,
			    f->err != NULL ? f->err : "none", s->errcol,
			    s->err != NULL ? s->err : "none");
		if (n == 1 && ncols) {
			csvin_set_ncols(fr, f->nfields);
			csvin_set_ncols(sr, s->nfields);
		}
	}
	if (frc != 0 && !same_str(fcause, scause))
		fail_msg("%s: error \"%s\" vs libcsv \"%s\"", what, fcause,
		    scause);
	free(fcause);
	free(scause);
	csvin_close(fr);
	csvin_close(sr);
	return (n);
}

/*
 * Every regular file of a directory (relative to the top), each with
 * every delimiter, quoting, encoding, header width and chunk size below;
 * the test is skipped when the directory is missing.
 */
static void
compare_dir(const char *rel)
{
	static const int delims[] = { ',', ';', '\t', ' ' };
	static const int quotes[] = { 0, CSVIN_NOQUOTE, '\'' };
	static const size_t chunks[] = { 0, 7, 61 };
	struct dirent	**ents;
	struct csvin_opts o;
	struct stat	 st;
	char		*path, *buf, what[512];
	size_t		 len, v, files = 0, recs = 0;
	int		 i, n, ncols;

	if ((n = scandir(t_path(rel), &ents, NULL, alphasort)) < 0)
		skip();
	for (i = 0; i < n; i++) {
		xasprintf(&path, "%s/%s", rel, ents[i]->d_name);
		if (stat(t_path(path), &st) != 0 || !S_ISREG(st.st_mode)) {
			free(path);
			continue;
		}
		if ((buf = slurp(path, &len)) == NULL)
			fail_msg("cannot read %s", path);
		/*
		 * Every combination of delimiter, quoting, encoding, chunk
		 * size and header width enforced or not.
		 */
		for (v = 0; v < 4 * 3 * 2 * 3 * 2; v++) {
			memset(&o, 0, sizeof o);
			o.delim = delims[v % 4];
			o.quote = quotes[v / 4 % 3];
			o.enc = v / 12 % 2 ? CSVIN_AUTO : CSVIN_UTF8;
			o.chunk = chunks[v / 24 % 3];
			ncols = v / 72 % 2;
			snprintf(what, sizeof what, "%s (delim %d, quote %d,"
			    " enc %d, chunk %zu, ncols %d)", path, o.delim,
			    o.quote, (int)o.enc, o.chunk, ncols);
			recs += compare_fast(what, buf, len, &o, ncols);
		}
		files++;
		free(buf);
		free(path);
	}
	for (i = 0; i < n; i++)
		free(ents[i]);
	free(ents);
	/* An empty or unreadable directory would prove nothing. */
	assert_true(files > 0);
	assert_true(recs > 0);
}

static void
test_fast_vs_libcsv_fixtures(void **state)
{
	(void)state;
	compare_dir("tests/fixtures/import");
}

static void
test_fast_vs_libcsv_spectrum(void **state)
{
	(void)state;
	compare_dir("../shared/samples/edge-cases/csv-spectrum/csvs");
}

static void
test_fast_vs_libcsv_csvkit(void **state)
{
	(void)state;
	compare_dir("../shared/samples/edge-cases/csvkit");
}

static void
test_binary(void **state)
{
	static const unsigned char junk[] = { 0x89, 'P', 'N', 'G', 0, 0, 1, 2,
	    3, 4, 0, 0 };
	unsigned char	 rnd[2048];
	char		*got;
	size_t		 i;

	(void)state;
	got = parse(junk, sizeof junk, 0, 0, 0, CSVIN_UTF8, 0);
	assert_string_equal(got, "ERROR: t.csv: this is a PNG image, not a CSV"
	    " file: save it as CSV (UTF-8) first\n");
	free(got);
	srand(7);
	for (i = 0; i < sizeof rnd; i++)
		rnd[i] = rand() & 0xff;
	got = parse(rnd, sizeof rnd, 0, 0, 0, CSVIN_UTF8, 0);
	assert_non_null(strstr(got, "ERROR: t.csv: binary data, not a CSV"));
	free(got);
	got = parse_file(FIXTURES "bad_xlsx.csv", 0, 0, CSVIN_UTF8, 0);
	assert_non_null(strstr(got, "an Excel .xlsx workbook"));
	free(got);
}

static void
test_gbk(void **state)
{
	char	*got, *buf;
	size_t	 len;

	(void)state;
	/* The committed GBK pair: the header reads as UTF-8 text. */
	got = parse_file(FIXTURES "ExportOrderDetailList202603061200.csv", 0,
	    0, CSVIN_GBK, 1);
	assert_non_null(strstr(got, "1-1:\xe8\xae\xa2\xe5\x8d\x95\xe7\xbc\x96"
	    "\xe5\x8f\xb7|\xe6\xa0\x87\xe9\xa2\x98|"));
	assert_non_null(strstr(got, "3-3:=\"1234567890123456789\"|\xe8\x93\x9d"
	    "\xe8\x89\xb2\xe8\x8c\xb6\xe5\xb7\xbe|40.00|1|"));
	assert_null(strstr(got, "ERROR"));
	free(got);
	/* "auto" finds GB18030 by itself, and UTF-8 for a UTF-8 file. */
	got = parse_file(FIXTURES "ExportOrderDetailList202603061200.csv", 0,
	    0, CSVIN_AUTO, 1);
	assert_non_null(strstr(got, "\xe8\x93\x9d\xe8\x89\xb2\xe8\x8c\xb6"));
	free(got);
	got = parse_file(FIXTURES "jd_orders.csv", 0, 0, CSVIN_AUTO, 1);
	assert_non_null(strstr(got, "1-1:\xe8\xae\xa2\xe5\x8d\x95\xe5\x8f\xb7|"));
	free(got);
	/* Read as UTF-8, the same bytes are rows of invalid UTF-8. */
	got = parse_file(FIXTURES "ExportOrderDetailList202603061200.csv", 0,
	    0, CSVIN_UTF8, 1);
	assert_non_null(strstr(got, "!1:invalid UTF-8"));
	free(got);
	/* A byte GBK does not have: the file is refused, naming the line. */
	buf = strdup("a,b\n1,2\n3,\xff\xff\n");
	len = strlen(buf);
	got = parse(buf, len, 0, 0, 0, CSVIN_GBK, 1);
	assert_string_equal(got, "1-1:a|b\n2-2:1|2\nERROR: t.csv:3: bytes FF FF"
	    " are not valid GBK: is the file in that encoding?\n");
	free(got);
	free(buf);
}

static void
test_open_errors(void **state)
{
	struct csvin	*r = NULL;
	char		*cause = NULL;

	(void)state;
	assert_int_equal(csvin_open(&r, "/nonexistent/orders.csv", NULL,
	    &cause), ENOENT);
	assert_string_equal(cause, "/nonexistent/orders.csv: No such file or"
	    " directory");
	assert_null(r);
	assert_int_equal(csvin_open(&r, "/tmp", NULL, &cause), ORDO_EINVAL);
	assert_string_equal(cause, "/tmp: is a directory");
	free(cause);
}

/* Peak memory does not grow with the file: 12 MB read in 64 KiB. */
static void
test_bounded_memory(void **state)
{
	struct csvin	*r;
	const struct csvin_rec *rec;
	struct rusage	 ru;
	char		 path[] = "/tmp/ordo-csvin.XXXXXX", *cause = NULL;
	long		 before;
	size_t		 rows = 0, i;
	FILE		*f;
	int		 fd;

	(void)state;
	if (getenv("ORDO_VALGRIND") != NULL)
		skip();
	assert_true((fd = mkstemp(path)) >= 0);
	f = fdopen(fd, "w");
	fputs("id,name,notes\n", f);
	for (i = 0; i < 120000; i++)
		fprintf(f, "%zu,\"Customer %zu\",\"a note that is long enough to"
		    " make the file big\nand spans two lines, %zu\"\n", i, i, i);
	fclose(f);
	getrusage(RUSAGE_SELF, &ru);
	before = ru.ru_maxrss;
	assert_int_equal(csvin_open(&r, path, NULL, &cause), 0);
	while (csvin_next(r, &rec, &cause) == 1) {
		assert_null(rec->err);
		rows++;
	}
	assert_int_equal(rows, 120001);
	assert_int_equal(rec->line, 2 * 120000);
	csvin_close(r);
	unlink(path);
	getrusage(RUSAGE_SELF, &ru);
	/* kilobytes: well under the 12 MB file */
	assert_true(ru.ru_maxrss - before < 4096);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_spectrum),
		cmocka_unit_test(test_spectrum_bare_quote),
		cmocka_unit_test(test_csvkit_ragged),
		cmocka_unit_test(test_csvkit_values),
		cmocka_unit_test(test_csvkit_delimiters),
		cmocka_unit_test(test_csvkit_bytes),
		cmocka_unit_test(test_lines_and_ends),
		cmocka_unit_test(test_no_quote_mode),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_fast_path),
		cmocka_unit_test(test_fast_vs_libcsv_fixtures),
		cmocka_unit_test(test_fast_vs_libcsv_spectrum),
		cmocka_unit_test(test_fast_vs_libcsv_csvkit),
		cmocka_unit_test(test_binary),
		cmocka_unit_test(test_gbk),
		cmocka_unit_test(test_open_errors),
		cmocka_unit_test(test_bounded_memory),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
