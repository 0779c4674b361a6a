/*
 * csvfloor.c: the floor for the import benchmark: parse a CSV file with
 * libcsv (strict) and count fields and records, nothing else.
 */
#include <stdio.h>
#include <csv.h>

static long	 fields, records;

static void
cb1(void *s, size_t len, void *data)
{
	(void)s; (void)len; (void)data;
	fields++;
}

static void
cb2(int c, void *data)
{
	(void)c; (void)data;
	records++;
}

int
main(int argc, char **argv)
{
	struct csv_parser p;
	char	 buf[65536];
	size_t	 n;
	FILE	*f;

	if (argc != 2 || (f = fopen(argv[1], "rb")) == NULL)
		return (2);
	csv_init(&p, CSV_STRICT | CSV_STRICT_FINI);
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		if (csv_parse(&p, buf, n, cb1, cb2, NULL) != n)
			return (1);
	csv_fini(&p, cb1, cb2, NULL);
	csv_free(&p);
	fclose(f);
	printf("%ld records, %ld fields\n", records, fields);
	return (0);
}
