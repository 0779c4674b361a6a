/*
 * cmd-pick.c: "ordo pick": picker mode, and the same steps one command
 * each for a scripted scanner (pick.h has the rules).  Also "ordo stock
 * bin".
 *
 * Every step command prints where the picker is afterwards, one line:
 * "wave 3 at WH, 1 of 4 done: scan location A-01-2 (order 12 line 1:
 * TEA-1 x 5)".  A refused scan (wrong location, wrong item) exits 1 with
 * the reason, as every refusal does.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ordo/config.h"
#include "ordo/date.h"
#include "ordo/db.h"
#include "ordo/error.h"
#include "ordo/order.h"
#include "ordo/pick.h"
#include "ordo/xmalloc.h"

#include "cli.h"

enum pick_act {
	ACT_STATUS, ACT_WAVE, ACT_LIST, ACT_TASKS, ACT_SCAN, ACT_QTY,
	ACT_SHORT, ACT_BACK, ACT_PACK, ACT_RELEASE, ACT_SHORTS, ACT_PRIORITY,
	ACT_LABEL
};

struct pick_op {
	struct cli	*cli;
	enum pick_act	 act;
	const char	*loc;
	const char	*code;
	int		 keyed;
	uint64_t	 order;
	uint64_t	 wave;
	int64_t		 qty;
	int		 prio;
	int32_t		 promised;
	int		 csv;
	size_t		 limit;
	size_t		 n;
	struct csvout	 out;
	struct pick_wave w;
	int		 released;	/* resume found it idle too long */
};

static int	 pick_fn(struct db_txn *, void *, char **);
static int	 pick_list_row(const struct pick_queued *, void *);
static int	 pick_short_row(const struct pick_short *, void *);
static void	 pick_print_step(struct pick_op *);
static void	 pick_print_tasks(struct pick_op *);

static const char *const queue_csv_header[] = {
	"order", "loc", "priority", "promised", "channel", "customer",
	"created", "lines", NULL
};
static const char *const shorts_csv_header[] = {
	"short", "order", "line", "wave", "sku", "loc", "bin", "missing",
	"user", "time", NULL
};

static int
pick_list_row(const struct pick_queued *q, void *arg)
{
	struct pick_op	*op = arg;
	char		 d[DATE_BUFSZ], t[TIME_BUFSZ];

	if (op->limit > 0 && op->n >= op->limit)
		return (1);
	op->n++;
	if (q->promised >= 0)
		date_fmt(d, sizeof d, q->promised);
	else
		d[0] = '\0';
	cli_fmt_time(t, sizeof t, q->created);
	if (op->csv) {
		csvout_int(&op->out, (int64_t)q->order);
		csvout_text(&op->out, q->loc);
		csvout_int(&op->out, q->priority);
		csvout_text(&op->out, d);
		csvout_text(&op->out, q->channel);
		csvout_text(&op->out, q->customer);
		csvout_text(&op->out, t);
		csvout_int(&op->out, (int64_t)q->lines);
		csvout_end(&op->out);
		return (0);
	}
	printf("%8" PRIu64 "  %-6s %4d  %-10s  %-10s  %-12s  %s  %zu\n",
	    q->order, q->loc, q->priority, *d != '\0' ? d : "-", q->channel,
	    q->customer, t, q->lines);
	return (0);
}

static int
pick_short_row(const struct pick_short *s, void *arg)
{
	struct pick_op	*op = arg;
	char		 t[TIME_BUFSZ];

	cli_fmt_time(t, sizeof t, s->time);
	if (op->csv) {
		csvout_int(&op->out, (int64_t)s->id);
		csvout_int(&op->out, (int64_t)s->order);
		csvout_int(&op->out, s->line);
		csvout_int(&op->out, (int64_t)s->wave);
		csvout_text(&op->out, s->sku);
		csvout_text(&op->out, s->loc);
		csvout_text(&op->out, s->bin);
		csvout_int(&op->out, s->qty);
		csvout_text(&op->out, s->user);
		csvout_text(&op->out, t);
		csvout_end(&op->out);
		return (0);
	}
	printf("%4" PRIu64 "  %s  order %" PRIu64 " line %u  %s at %s bin %s: "
	    "%" PRId64 " missing (%s, wave %" PRIu64 ")\n", s->id, t,
	    s->order, s->line, s->sku, s->loc, *s->bin != '\0' ? s->bin : "-",
	    s->qty, s->user, s->wave);
	return (0);
}

static int
pick_fn(struct db_txn *tx, void *arg, char **cause)
{
	struct pick_op	*op = arg;
	int		 rc;

	op->n = 0;
	op->released = 0;
	pick_wave_free(&op->w);
	switch (op->act) {
	case ACT_LIST:
		if (op->csv) {
			csvout_init(&op->out, stdout);
			csvout_header(&op->out, queue_csv_header);
		}
		return (pick_queue_each(tx, op->loc, 0, pick_list_row, op));
	case ACT_SHORTS:
		if (op->csv) {
			csvout_init(&op->out, stdout);
			csvout_header(&op->out, shorts_csv_header);
		}
		return (pick_shorts_each(tx, 0, pick_short_row, op));
	case ACT_PRIORITY:
		return (pick_set_priority(tx, op->order, op->prio,
		    op->promised, cause));
	case ACT_WAVE:
		return (pick_wave_take(tx, op->loc, op->order, &op->w, cause));
	case ACT_RELEASE:
		if (op->wave != 0)
			return (pick_release_id(tx, op->wave, cause));
		break;
	default:
		break;
	}
	if ((rc = pick_wave_resume(tx, &op->w, cause)) != 0)
		return (rc);
	if (op->w.state == WAVE_RELEASED) {
		op->released = 1;
		return (0);
	}
	switch (op->act) {
	case ACT_SCAN:
		return (pick_scan(tx, &op->w, op->code, op->keyed, cause));
	case ACT_QTY:
		return (pick_confirm(tx, &op->w, op->qty, cause));
	case ACT_SHORT:
		return (pick_short(tx, &op->w, op->qty, cause));
	case ACT_BACK:
		return (pick_back(tx, &op->w, cause));
	case ACT_PACK:
		return (pick_pack(tx, &op->w, cause));
	case ACT_RELEASE:
		return (pick_release(tx, &op->w, cause));
	default:
		return (0);
	}
}

/* One line: where the picker is in the wave. */
static void
pick_print_step(struct pick_op *op)
{
	const struct pick_wave	*w = &op->w;
	const struct pick_task	*t;
	size_t			 done, all;

	pick_wave_progress(w, &done, &all);
	printf("wave %" PRIu64 " at %s, %zu of %zu done: ", w->id, w->loc,
	    done, all);
	t = w->cur < w->ntasks ? &w->tasks[w->cur] : NULL;
	switch (pick_wave_step(w)) {
	case STEP_LOCATION:
		printf("scan location %s", *t->bin != '\0' ? t->bin : w->loc);
		break;
	case STEP_ITEM:
		printf("at %s scan item %s", *t->bin != '\0' ? t->bin :
		    w->loc, t->barcode);
		break;
	case STEP_QTY:
		printf("quantity %" PRId64 " (%" PRId64 " counted)",
		    pick_shown_qty(w), t->counted);
		break;
	case STEP_PACK:
		printf("pack order %" PRIu64 "\n", pick_wave_pack_order(w));
		return;
	case STEP_DONE:
		printf("%s\n", w->state == WAVE_RELEASED ? "released" :
		    "finished");
		return;
	}
	printf(" (order %" PRIu64 " line %u: %s x %" PRId64 ")\n", t->order,
	    t->line, t->sku, t->qty);
}

static void
pick_print_tasks(struct pick_op *op)
{
	const struct pick_task	*t;
	size_t			 i;

	pick_print_step(op);
	for (i = 0; i < op->w.ntasks; i++) {
		t = &op->w.tasks[i];
		printf("%c %-10s %8" PRIu64 " %3u  %-14s %5" PRId64 " %5"
		    PRId64 " %-9s ", i == op->w.cur ? '>' : ' ',
		    *t->bin != '\0' ? t->bin : "-", t->order, t->line,
		    t->barcode, t->qty, t->picked, pick_task_state_name(
		    t->state));
		cli_pad(stdout, t->name, 0);
		printf("\n");
	}
}

int
cmd_pick(struct cli *cli, int argc, char **argv)
{
	static const struct option lo[] = {
		{ "wave",	no_argument,		NULL, 'w' },
		{ "list",	no_argument,		NULL, 'L' },
		{ "tasks",	no_argument,		NULL, 't' },
		{ "loc",	required_argument,	NULL, 'l' },
		{ "order",	required_argument,	NULL, 'o' },
		{ "scan",	required_argument,	NULL, 's' },
		{ "keyed",	no_argument,		NULL, 'k' },
		{ "qty",	required_argument,	NULL, 'q' },
		{ "confirm",	no_argument,		NULL, 'C' },
		{ "short",	required_argument,	NULL, 'S' },
		{ "back",	no_argument,		NULL, 'b' },
		{ "pack",	no_argument,		NULL, 'p' },
		{ "release",	no_argument,		NULL, 'r' },
		{ "shorts",	no_argument,		NULL, 'x' },
		{ "priority",	required_argument,	NULL, 'P' },
		{ "promised",	required_argument,	NULL, 'D' },
		{ "label",	required_argument,	NULL, 'B' },
		{ "limit",	required_argument,	NULL, 'n' },
		{ "csv",	no_argument,		NULL, 'c' },
		CLI_OPT_END
	};
	struct pick_op	 op;
	int64_t		 v;
	char		*cause = NULL, d[8];
	int		 c, rc, acts = 0, promised = 0;

	memset(&op, 0, sizeof op);
	op.cli = cli;
	op.act = ACT_STATUS;
	op.promised = -1;
	op.qty = -1;
	while ((c = cli_getopt(cli, argc, argv, NULL, lo)) != -1) {
		switch (c) {
		case 'w':
			op.act = ACT_WAVE;
			acts++;
			break;
		case 'L':
			op.act = ACT_LIST;
			acts++;
			break;
		case 't':
			op.act = ACT_TASKS;
			acts++;
			break;
		case 'l':
			op.loc = optarg;
			break;
		case 'o':
			if ((rc = cli_id(cli, "--order", optarg,
			    &op.order)) != 0)
				return (rc);
			break;
		case 's':
			op.act = ACT_SCAN;
			op.code = optarg;
			acts++;
			break;
		case 'k':
			op.keyed = 1;
			break;
		case 'q':
			if ((rc = cli_qty(cli, "--qty", optarg, LP_NONZERO,
			    &op.qty)) != 0)
				return (rc);
			op.act = ACT_QTY;
			acts++;
			break;
		case 'C':
			op.act = ACT_QTY;
			acts++;
			break;
		case 'S':
			if ((rc = cli_qty(cli, "--short", optarg, 0,
			    &op.qty)) != 0)
				return (rc);
			op.act = ACT_SHORT;
			acts++;
			break;
		case 'b':
			op.act = ACT_BACK;
			acts++;
			break;
		case 'p':
			op.act = ACT_PACK;
			acts++;
			break;
		case 'r':
			op.act = ACT_RELEASE;
			acts++;
			break;
		case 'x':
			op.act = ACT_SHORTS;
			acts++;
			break;
		case 'P':
			if ((rc = cli_qty(cli, "--priority", optarg, 0,
			    &v)) != 0)
				return (rc);
			if (v > PICK_PRIO_MAX)
				return (cli_usage_error(cli, "--priority: 0 "
				    "to %d", PICK_PRIO_MAX));
			op.prio = (int)v;
			op.act = ACT_PRIORITY;
			acts++;
			break;
		case 'D':
			if ((rc = cli_date(cli, "--promised", optarg,
			    &op.promised)) != 0)
				return (rc);
			promised = 1;
			break;
		case 'B':
			op.act = ACT_LABEL;
			op.code = optarg;
			acts++;
			break;
		case 'n':
			if ((rc = cli_qty(cli, "--limit", optarg, LP_NONZERO,
			    &v)) != 0)
				return (rc);
			op.limit = (size_t)v;
			break;
		case 'c':
			op.csv = 1;
			break;
		default:
			return (EXIT_USAGE);
		}
	}
	if (acts > 1)
		return (cli_usage_error(cli, "give one of --wave, --list, "
		    "--tasks, --scan, --qty, --confirm, --short, --back, "
		    "--pack, --release, --shorts, --priority, --label"));
	if (promised && op.act != ACT_PRIORITY)
		return (cli_usage_error(cli, "--promised goes with "
		    "--priority"));
	if (op.keyed && op.act != ACT_SCAN)
		return (cli_usage_error(cli, "--keyed goes with --scan"));
	if (op.act == ACT_PRIORITY || (op.act == ACT_RELEASE &&
	    argc - optind == 1)) {
		if ((rc = cli_nargs(cli, argc - optind, 1, 1)) != 0)
			return (rc);
		if ((rc = cli_id(cli, op.act == ACT_PRIORITY ? "ORDER" :
		    "WAVE", argv[optind], op.act == ACT_PRIORITY ?
		    &op.order : &op.wave)) != 0)
			return (rc);
	} else if ((rc = cli_nargs(cli, argc - optind, 0, 0)) != 0)
		return (rc);
	if (op.order != 0 && op.act != ACT_WAVE && op.act != ACT_PRIORITY)
		return (cli_usage_error(cli, "--order goes with --wave"));
	if (op.act == ACT_LABEL) {
		if (!pick_bin_valid(op.code))
			return (cli_usage_error(cli, "--label: not a bin code"));
		pick_check_digits(cli->cfg, op.code, d, sizeof d);
		printf("%s%s%s\n", op.code, *d != '\0' ? " " : "", d);
		return (EXIT_OK);
	}

	/* On a terminal, plain "ordo pick" is picker mode (the TUI). */
	if (op.act == ACT_STATUS && isatty(STDIN_FILENO) &&
	    isatty(STDOUT_FILENO) && !cli->in_shell) {
		cli->pick_mode = 1;
		cli->pick_loc = op.loc;
		return (cmd_tui(cli, 0, NULL));
	}
	if (op.act == ACT_LIST || op.act == ACT_SHORTS)
		rc = db_read(cli->db, pick_fn, &op, &cause);
	else
		rc = db_write(cli->db, pick_fn, &op, &cause);
	if (rc != 0) {
		rc = cli_fail(cli, rc, cause);
		free(cause);
		pick_wave_free(&op.w);
		return (rc);
	}
	switch (op.act) {
	case ACT_LIST:
	case ACT_SHORTS:
		break;
	case ACT_PRIORITY:
		printf("order %" PRIu64 ": priority %d\n", op.order, op.prio);
		break;
	case ACT_RELEASE:
		if (op.wave != 0)
			printf("wave %" PRIu64 " released\n", op.wave);
		else
			pick_print_step(&op);
		break;
	case ACT_TASKS:
		pick_print_tasks(&op);
		break;
	default:
		if (op.released) {
			printf("wave %" PRIu64 " was idle too long and was "
			    "released; take a new one\n", op.w.id);
			pick_wave_free(&op.w);
			return (EXIT_REFUSED);
		}
		if (op.act == ACT_WAVE)
			pick_print_tasks(&op);
		else
			pick_print_step(&op);
		break;
	}
	pick_wave_free(&op.w);
	return (EXIT_OK);
}

struct bin_op {
	const char	*sku;
	const char	*loc;
	const char	*bin;
};

static int
bin_fn(struct db_txn *tx, void *arg, char **cause)
{
	struct bin_op	*op = arg;

	return (pick_bin_set(tx, op->sku, op->loc, op->bin, cause));
}

int
cmd_stock_bin(struct cli *cli, int argc, char **argv)
{
	static const struct option lo[] = {
		{ "loc",	required_argument, NULL, 'l' },
		CLI_OPT_END
	};
	struct bin_op	 op;
	char		*cause = NULL;
	int		 c, rc;

	memset(&op, 0, sizeof op);
	op.loc = cli_default_loc(cli);
	while ((c = cli_getopt(cli, argc, argv, NULL, lo)) != -1) {
		if (c != 'l')
			return (EXIT_USAGE);
		op.loc = optarg;
	}
	if ((rc = cli_nargs(cli, argc - optind, 2, 2)) != 0)
		return (rc);
	op.sku = argv[optind];
	op.bin = argv[optind + 1];
	if ((rc = db_write(cli->db, bin_fn, &op, &cause)) != 0) {
		rc = cli_fail(cli, rc, cause);
		free(cause);
		return (rc);
	}
	printf("%s at %s: bin %s\n", op.sku, op.loc, *op.bin != '\0' ?
	    op.bin : "none");
	return (EXIT_OK);
}
