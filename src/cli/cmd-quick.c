/*
 * cmd-quick.c: "ordo order quick [--customer C] [--dry-run] [--json]
 * TEXT": an order from a chat message (quick.h).
 *
 * The words of TEXT are joined by one space ("ordo order quick 王老板：
 * 碧螺春 3盒" needs no quotes); "-" reads the message from standard
 * input.  Without --dry-run the message is read and, if fully resolved,
 * the draft written in one write transaction, so what was read is what
 * is ordered.  Anything unresolved: the questions on standard error,
 * exit 1, nothing written.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ordo/db.h"
#include "ordo/error.h"
#include "ordo/money.h"
#include "ordo/quick.h"
#include "ordo/xmalloc.h"

#include "cli.h"

struct quick_run {
	const char		*text;
	const char		*customer;
	int			 dry;
	struct quick_result	 r;
	int			 parsed;
	uint64_t		 id;
};

static char	*read_stdin(struct cli *);
static int	 parse_fn(struct db_txn *, void *, char **);
static void	 json_str(FILE *, const char *);
static void	 json_cands(FILE *, const struct quick_cand *, size_t);
static void	 print_json(struct cli *, const struct quick_result *,
		    uint64_t);
static void	 print_text(struct cli *, const struct quick_result *);
static void	 print_problems(FILE *, const struct quick_result *);

/* Standard input, at most QUICK_TEXT_MAX bytes; NULL after a message. */
static char *
read_stdin(struct cli *cli)
{
	char	*buf;
	size_t	 n = 0, got;

	buf = xmalloc(QUICK_TEXT_MAX + 2);
	while (n < QUICK_TEXT_MAX + 1 &&
	    (got = fread(buf + n, 1, QUICK_TEXT_MAX + 1 - n, stdin)) > 0)
		n += got;
	if (ferror(stdin)) {
		free(buf);
		cli_failf(cli, ORDO_EIO, "standard input: read error");
		return (NULL);
	}
	if (n > QUICK_TEXT_MAX) {
		free(buf);
		cli_failf(cli, ORDO_EINVAL, "standard input: message too long "
		    "(at most %d bytes)", QUICK_TEXT_MAX);
		return (NULL);
	}
	if (memchr(buf, '\0', n) != NULL) {
		free(buf);
		cli_failf(cli, ORDO_EINVAL, "standard input: not text (a NUL "
		    "byte)");
		return (NULL);
	}
	buf[n] = '\0';
	return (buf);
}

static int
parse_fn(struct db_txn *tx, void *arg, char **cause)
{
	struct quick_run	*qr = arg;
	int			 rc;

	if (qr->parsed) {
		/* db_write runs us again after growing the map. */
		quick_free(&qr->r);
		qr->parsed = 0;
	}
	rc = quick_parse(tx, qr->text, qr->customer, &qr->r, cause);
	if (rc != 0) {
		quick_free(&qr->r);
		return (rc);
	}
	qr->parsed = 1;
	if (qr->dry)
		return (0);
	if (quick_problems(&qr->r) != 0)
		return (ORDO_EINVAL);	/* nothing written */
	return (quick_order(tx, &qr->r, &qr->id, cause));
}

static void
json_str(FILE *fp, const char *s)
{
	const unsigned char	*p;

	if (s == NULL) {
		fputs("null", fp);
		return;
	}
	fputc('"', fp);
	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		switch (*p) {
		case '"':
			fputs("\\\"", fp);
			break;
		case '\\':
			fputs("\\\\", fp);
			break;
		case '\n':
			fputs("\\n", fp);
			break;
		case '\t':
			fputs("\\t", fp);
			break;
		default:
			if (*p < 0x20)
				fprintf(fp, "\\u%04x", *p);
			else
				fputc(*p, fp);
		}
	}
	fputc('"', fp);
}

static void
json_cands(FILE *fp, const struct quick_cand *c, size_t n)
{
	size_t	 i;

	fputs(",\"candidates\":[", fp);
	for (i = 0; i < n; i++) {
		if (i > 0)
			fputc(',', fp);
		json_str(fp, c[i].key);
	}
	fputc(']', fp);
}

/*
 * One line of JSON: {"customer":{"code","by","words"} or null, "lines":
 * [{"sku","qty","price","words","history"}], "unresolved":[{"problem",
 * "line","words","candidates"}]} and "order" when one was made.
 */
static void
print_json(struct cli *cli, const struct quick_result *r, uint64_t id)
{
	const struct quick_line	*l;
	char			 m[MONEY_BUFSZ];
	size_t			 i;
	int			 first = 1;

#define SEP() do {						\
	if (!first)						\
		putchar(',');					\
	first = 0;						\
} while (0)

	printf("{\"customer\":");
	if (r->customer != NULL) {
		printf("{\"code\":");
		json_str(stdout, r->customer);
		printf(",\"by\":\"%s\",\"words\":", quick_by_name(
		    r->customer_by));
		json_str(stdout, r->customer_words != NULL ?
		    r->customer_words : "");
		putchar('}');
	} else
		printf("null");
	printf(",\"lines\":[");
	for (i = 0; i < r->nlines; i++) {
		l = &r->lines[i];
		if (i > 0)
			putchar(',');
		printf("{\"sku\":");
		json_str(stdout, l->sku);
		if (l->qty >= 0)
			printf(",\"qty\":%" PRId64, l->qty);
		else
			printf(",\"qty\":null");
		if (l->price >= 0)
			printf(",\"price\":\"%s\"", cli_fmt_money(cli, m,
			    sizeof m, l->price));
		printf(",\"words\":");
		json_str(stdout, l->words);
		if (l->by_history)
			printf(",\"history\":true");
		putchar('}');
	}
	printf("],\"unresolved\":[");
	if (r->customer_problem != QP_NONE) {
		SEP();
		printf("{\"problem\":\"%s\",\"words\":",
		    quick_problem_name(r->customer_problem));
		json_str(stdout, r->customer_words != NULL ?
		    r->customer_words : "");
		if (r->nccand > 0)
			json_cands(stdout, r->ccand, r->nccand);
		putchar('}');
	}
	for (i = 0; i < r->nlines; i++) {
		l = &r->lines[i];
		if (l->item_problem != QP_NONE) {
			SEP();
			printf("{\"problem\":\"%s\",\"line\":%zu,\"words\":",
			    quick_problem_name(l->item_problem), i + 1);
			json_str(stdout, l->words);
			if (l->ncand > 0)
				json_cands(stdout, l->cand, l->ncand);
			putchar('}');
		}
		if (l->qty_problem != QP_NONE) {
			SEP();
			printf("{\"problem\":\"%s\",\"line\":%zu,\"words\":",
			    quick_problem_name(l->qty_problem), i + 1);
			json_str(stdout, l->qty_words != NULL ? l->qty_words :
			    l->words);
			putchar('}');
		}
		if (l->extra != NULL) {
			SEP();
			printf("{\"problem\":\"%s\",\"line\":%zu,\"words\":",
			    quick_problem_name(QP_WORDS), i + 1);
			json_str(stdout, l->extra);
			putchar('}');
		}
	}
	for (i = 0; i < r->nstray; i++) {
		SEP();
		printf("{\"problem\":\"%s\",\"words\":",
		    quick_problem_name(QP_WORDS));
		json_str(stdout, r->stray[i]);
		putchar('}');
	}
	if (r->nlines == 0) {
		SEP();
		printf("{\"problem\":\"%s\",\"words\":\"\"}",
		    quick_problem_name(QP_NO_LINES));
	}
	putchar(']');
	if (id != 0)
		printf(",\"order\":%" PRIu64, id);
	printf("}\n");
#undef SEP
}

/* The parse for a person: customer, lines, then the questions. */
static void
print_text(struct cli *cli, const struct quick_result *r)
{
	const struct quick_line	*l;
	char			 m[MONEY_BUFSZ];
	size_t			 i;

	if (r->customer != NULL)
		printf("customer: %s %s (%s%s%s)\n", r->customer,
		    r->customer_name, quick_by_name(r->customer_by),
		    r->customer_words != NULL ? ": " : "",
		    r->customer_words != NULL ? r->customer_words : "");
	else
		printf("customer: ?\n");
	for (i = 0; i < r->nlines; i++) {
		l = &r->lines[i];
		printf("%4zu  ", i + 1);
		cli_pad(stdout, l->sku != NULL ? l->sku : "?", 16);
		if (l->qty >= 0)
			printf(" %6" PRId64, l->qty);
		else
			printf(" %6s", "?");
		if (l->price >= 0)
			printf(" @ %s", cli_fmt_money(cli, m, sizeof m,
			    l->price));
		printf("  <- %s%s\n", l->words, l->by_history ?
		    " (by history)" : "");
	}
	if (quick_problems(r) != 0) {
		printf("questions:\n");
		print_problems(stdout, r);
	}
}

static void
print_cands(FILE *fp, const struct quick_cand *c, size_t n, size_t all)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		fprintf(fp, "%s %s %s", i == 0 ? ":" : ",", c[i].key,
		    c[i].name);
	if (all > n)
		fprintf(fp, " (and %zu more)", all - n);
}

static void
print_problems(FILE *fp, const struct quick_result *r)
{
	const struct quick_line	*l;
	size_t			 i;

	if (r->customer_problem != QP_NONE) {
		fprintf(fp, "  customer: %s", quick_problem_name(
		    r->customer_problem));
		if (r->customer_words != NULL)
			fprintf(fp, " \"%s\"", r->customer_words);
		if (r->customer_problem == QP_NO_CUSTOMER)
			fprintf(fp, " (name one with --customer)");
		print_cands(fp, r->ccand, r->nccand, r->nccand_all);
		fputc('\n', fp);
	}
	for (i = 0; i < r->nlines; i++) {
		l = &r->lines[i];
		if (l->item_problem != QP_NONE) {
			fprintf(fp, "  line %zu \"%s\": %s", i + 1, l->words,
			    quick_problem_name(l->item_problem));
			print_cands(fp, l->cand, l->ncand, l->ncand_all);
			fputc('\n', fp);
		}
		if (l->qty_problem != QP_NONE)
			fprintf(fp, "  line %zu \"%s\": %s%s%s\n", i + 1,
			    l->words, quick_problem_name(l->qty_problem),
			    l->qty_words != NULL ? ": " : "",
			    l->qty_words != NULL ? l->qty_words : "");
		if (l->extra != NULL)
			fprintf(fp, "  line %zu \"%s\": %s: %s\n", i + 1,
			    l->words, quick_problem_name(QP_WORDS), l->extra);
	}
	for (i = 0; i < r->nstray; i++)
		fprintf(fp, "  %s: %s\n", quick_problem_name(QP_WORDS),
		    r->stray[i]);
	if (r->nlines == 0)
		fprintf(fp, "  %s: no item found in the message\n",
		    quick_problem_name(QP_NO_LINES));
}

int
cmd_order_quick(struct cli *cli, int argc, char **argv)
{
	static const struct option lo[] = {
		{ "customer",	required_argument, NULL, 'c' },
		{ "dry-run",	no_argument,	   NULL, 'n' },
		{ "json",	no_argument,	   NULL, 'j' },
		CLI_OPT_END
	};
	struct quick_run	 qr;
	struct buf		 text;
	char			*cause = NULL, *in = NULL;
	int			 c, rc, json = 0, i;

	memset(&qr, 0, sizeof qr);
	while ((c = cli_getopt(cli, argc, argv, NULL, lo)) != -1) {
		switch (c) {
		case 'c':
			qr.customer = optarg;
			break;
		case 'n':
			qr.dry = 1;
			break;
		case 'j':
			json = 1;
			break;
		default:
			return (EXIT_USAGE);
		}
	}
	if ((rc = cli_nargs(cli, argc - optind, 1, -1)) != 0)
		return (rc);
	buf_init(&text);
	if (argc - optind == 1 && strcmp(argv[optind], "-") == 0) {
		if (cli->in_shell)
			return (cli_usage_error(cli, "TEXT -: standard input "
			    "is the shell's; give the message as words"));
		if ((in = read_stdin(cli)) == NULL)
			return (EXIT_USAGE);
		qr.text = in;
	} else {
		for (i = optind; i < argc; i++) {
			if (i > optind)
				buf_add(&text, " ", 1);
			buf_add(&text, argv[i], strlen(argv[i]));
		}
		buf_add(&text, "", 1);
		qr.text = (const char *)text.d;
	}
	if (qr.dry)
		rc = db_read(cli->db, parse_fn, &qr, &cause);
	else
		rc = db_write(cli->db, parse_fn, &qr, &cause);
	if (rc != 0 && !qr.parsed) {
		rc = cli_fail(cli, rc, cause);
		goto out;
	}
	if (rc != 0 && quick_problems(&qr.r) == 0) {
		/* Resolved, but order_new refused it (role, ...). */
		if (json)
			print_json(cli, &qr.r, 0);
		rc = cli_fail(cli, rc, cause);
		goto out;
	}
	if (json)
		print_json(cli, &qr.r, qr.id);
	else if (qr.dry)
		print_text(cli, &qr.r);
	if (quick_problems(&qr.r) != 0) {
		if (!qr.dry || json) {
			fprintf(stderr, "ordo: %s: %zu question%s, nothing "
			    "created:\n", cli->what, quick_problems(&qr.r),
			    quick_problems(&qr.r) == 1 ? "" : "s");
			print_problems(stderr, &qr.r);
		}
		rc = EXIT_REFUSED;
		goto out;
	}
	if (!qr.dry && !json)
		printf("%" PRIu64 "\n", qr.id);
	rc = EXIT_OK;
out:
	if (qr.parsed)
		quick_free(&qr.r);
	free(cause);
	free(in);
	buf_free(&text);
	return (rc);
}
