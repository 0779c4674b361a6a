/*
 * fuzz_csvin.c: libFuzzer target for the CSV reader and the order
 * assembler.  The first byte picks the reader options (delimiter, quote,
 * encoding); the rest is the file.  Checks, beyond "no crash, no leak":
 * the records are the same whole and in 1..7-byte chunks, every field is
 * NUL-terminated within the record, and line numbers never go down.
 * Then the same bytes go through imp_open_mem/imp_next with a small
 * built-in profile.
 *
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -std=c11 \
 *       -D_GNU_SOURCE -Iinclude tests/fuzz/fuzz_csvin.c src/import/[a-z]*.c \
 *       src/db/util.c src/db/xmalloc.c -lcsv -lyaml -o build-fuzz/fuzz_csvin
 *   build-fuzz/fuzz_csvin -rss_limit_mb=256 -max_len=65536 \
 *       tests/fuzz/corpus/csvin
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ordo/csvin.h"
#include "ordo/imp.h"
#include "ordo/profile.h"

int	 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const char profile_yaml[] =
	"name: fuzz\n"
	"header: detect\n"
	"skip_prefixes: [\"record(s) downloaded\"]\n"
	"model: line_per_row_repeated_totals\n"
	"date_formats: [\"YYYY-MM-DD hh:mm:ss Z\", \"M/D/YYYY\", \"Mon-DD-YY\"]\n"
	"money: {decimal: \".\", thousands: \",\"}\n"
	"required: [order_id]\n"
	"columns:\n"
	"  order_id: [a, order id, id]\n"
	"  created_at: [b, date]\n"
	"  status: [c, status]\n"
	"  product_name: [d, name]\n"
	"  qty: [e, qty]\n"
	"  unit_price: [f, price]\n"
	"  total: [g, total]\n"
	"status:\n"
	"  - {field: status, map: {paid: paid, x: cancelled}}\n";

/* Serialise every record (and the final error) into one string. */
static char *
dump(const uint8_t *buf, size_t len, const struct csvin_opts *o)
{
	struct csvin	*r;
	const struct csvin_rec *rec;
	char		*out = NULL, *cause = NULL;
	size_t		 olen = 0, i, last = 0;
	FILE		*m;
	int		 rc;

	m = open_memstream(&out, &olen);
	if ((rc = csvin_open_mem(&r, "f", buf, len, o, &cause)) != 0) {
		fprintf(m, "E%d %s", rc, cause);
		free(cause);
		fclose(m);
		return (out);
	}
	while ((rc = csvin_next(r, &rec, &cause)) == 1) {
		if (rec->line < last || rec->last < rec->line)
			abort();
		last = rec->last;
		fprintf(m, "%zu-%zu:", rec->line, rec->last);
		for (i = 0; i < rec->nfields; i++) {
			fwrite(rec->fields[i], 1, strlen(rec->fields[i]), m);
			fputc(0x1f, m);
		}
		fprintf(m, "!%s\n", rec->err != NULL ? rec->err : "");
		if (last == 1)
			csvin_set_ncols(r, rec->nfields);
	}
	if (rc != 0)
		fprintf(m, "E%d %s", rc, cause);
	free(cause);
	csvin_close(r);
	fclose(m);
	return (out);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct profile *p;
	static const int delims[] = { ',', '\t', ';', '|' };
	struct csvin_opts o;
	struct imp_reader *ir;
	const struct imp_order *order;
	const struct imp_reject *rj;
	char		*whole, *part, *cause = NULL;
	size_t		 c, nrj;

	if (p == NULL && profile_load_buf("fuzz.yaml", profile_yaml,
	    sizeof profile_yaml - 1, &p, &cause) != 0)
		abort();
	if (size < 1)
		return (0);
	memset(&o, 0, sizeof o);
	o.delim = delims[data[0] & 3];
	o.quote = (data[0] & 4) ? CSVIN_NOQUOTE : 0;
	o.enc = (data[0] >> 3) & 3;
	data++;
	size--;
	whole = dump(data, size, &o);
	for (c = 1; c <= 7; c++) {
		o.chunk = c;
		part = dump(data, size, &o);
		if (strcmp(whole, part) != 0)
			abort();
		free(part);
	}
	free(whole);

	if (imp_open_mem(&ir, p, "f", data, size, 2, &cause) == 0) {
		while (imp_next(ir, &order, &rj, &nrj, &cause) == 1)
			if (order == NULL && nrj == 0)
				abort();
		imp_close(ir);
	}
	free(cause);
	return (0);
}
