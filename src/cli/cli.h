/*
 * cli.h: what the command-line front end shares: the command table, the
 * per-command state, and the helpers every cmd-*.c uses to parse options,
 * report errors and write text and CSV.
 *
 * A command parses its arguments, runs one core function per event in one
 * db_write (one transaction per command), and formats the result.  It
 * never computes a stock or ledger effect itself.
 */
#ifndef ORDO_CLI_H
#define ORDO_CLI_H

#include <getopt.h>
#include <stdint.h>
#include <stdio.h>

#include "ordo/company.h"
#include "ordo/config.h"
#include "ordo/db.h"
#include "ordo/lineparse.h"

#define ORDO_VERSION	"0.1.0"
#define CLI_USAGE	"ordo [-d DIR] [-c FILE] [COMMAND [ARG ...]]"

/* Exit codes (ordo(1) EXIT STATUS). */
#define EXIT_OK		0
#define EXIT_REFUSED	1	/* short stock, wrong state, role, ... */
#define EXIT_USAGE	2	/* bad usage, bad input, bad config or db */
#define EXIT_SYSTEM	3	/* I/O, LMDB or other system error */

/* The state one command runs with. */
struct cli {
	struct config	*cfg;
	char		*cfgpath;	/* the config file found */
	char		*dir;		/* the company directory */
	struct company	*co;		/* open company, or NULL */
	struct db	*db;		/* co->db */
	int		 in_shell;	/* running inside "ordo shell" */
	const char	*what;		/* "item add": for messages */
	const struct cmd_entry *entry;
	int		 pick_mode;	/* "ordo pick": the TUI in picker mode */
	const char	*pick_loc;	/* its location (NULL: the first) */
};

#define CMD_NOCONFIG	0x1	/* needs neither config nor company */
#define CMD_NODB	0x2	/* needs the config, opens no company */
#define CMD_NOSHELL	0x4	/* not from inside the shell */

struct cmd_entry {
	const char	*group;		/* "item", or the command */
	const char	*name;		/* "add", or NULL: one word */
	const char	*usage;		/* SYNOPSIS line(s) of ordo(1) */
	int		 flags;		/* CMD_* */
	int		(*exec)(struct cli *, int, char **);
};

extern const struct cmd_entry cmd_table[];

/*
 * Find the entry for argv (group and, for groups, subcommand).  Returns
 * NULL with *sub set to 1 when the group exists but the subcommand does
 * not (or is missing), 0 when the group is unknown.
 */
const struct cmd_entry *cmd_find(int, char **, int *);
/* Number of words the entry's name takes (1 or 2). */
int	 cmd_words(const struct cmd_entry *);
/* Print the usage lines of a group ("item") or of all commands (NULL). */
void	 cmd_usage_group(FILE *, const char *);
/* Print one command's usage. */
void	 cmd_usage(FILE *, const struct cmd_entry *);
/* 1 if argv holds --help before any "--". */
int	 cmd_wants_help(int, char **);
/*
 * Run a command line (argv without "ordo") with the state in cli: help,
 * lookup, the company opened by the caller.  Returns the exit code.
 */
int	 cli_dispatch(struct cli *, int, char **);
/* Open the company for cli (config must be loaded); exit code. */
int	 cli_open(struct cli *, int);
void	 cli_close(struct cli *);

/* Option parsing: getopt_long reset for each command. */
#define CLI_OPT_END	{ NULL, 0, NULL, 0 }
extern const struct option cli_no_opts[];
/*
 * Next option as getopt_long; on an unknown option or a missing argument
 * prints the error and the usage and returns -2 (the caller returns
 * EXIT_USAGE).
 */
int	 cli_getopt(struct cli *, int, char **, const char *,
	    const struct option *);
/* Check the number of positional arguments left after the options. */
int	 cli_nargs(struct cli *, int, int, int);
/*
 * The options of a list command ("item list", "customer list"):
 * [--search TEXT] [--csv] and no arguments.  0 or the exit code.
 */
int	 cli_list_opts(struct cli *, int, char **, const char **, int *);

/* Errors: "ordo: <what>: <cause>" to stderr; returns the exit code. */
int	 cli_fail(struct cli *, int, const char *);
int	 cli_failf(struct cli *, int, const char *, ...)
	    __attribute__((format(printf, 3, 4)));
/* Print the error and usage for bad usage; returns EXIT_USAGE. */
int	 cli_usage_error(struct cli *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
/* Exit code for an error code. */
/*
 * Before a finance report, export or backup prints anything: 0 if the
 * user may (report_finance), else the message printed and the exit code.
 */
int	 cli_finance(struct cli *, const char *);
/*
 * Stored text as printed: control characters escaped (text_esc).  The
 * result lives until eight more calls; for printf arguments.  cli_pad
 * and cli_rpad escape as well.
 */
const char *cli_esc(const char *);
int	 cli_exit_code(int);

/* Argument parsers that print their own error (0 or the exit code). */
int	 cli_money(struct cli *, const char *, const char *, int, int64_t *);
int	 cli_qty(struct cli *, const char *, const char *, int, int64_t *);
int	 cli_id(struct cli *, const char *, const char *, uint64_t *);
int	 cli_version(struct cli *, const char *, const char *, uint32_t *);
int	 cli_date(struct cli *, const char *, const char *, int32_t *);
int	 cli_percent(struct cli *, const char *, const char *, int *);
/* Check a text argument (UTF-8, length): 0 or EXIT_USAGE. */
int	 cli_text(struct cli *, const char *, const char *, size_t);

/* Formatting. */
int	 cli_digits(const struct cli *);
char	*cli_fmt_money(const struct cli *, char *, size_t, int64_t);
/* Basis points as a percentage: "13", "8.25". */
char	*cli_fmt_percent(char *, size_t, int);
/* Seconds since the epoch as "YYYY-MM-DD HH:MM" or a date. */
char	*cli_fmt_time(char *, size_t, int64_t);
char	*cli_fmt_date(char *, size_t, int64_t);
/* Print s and pad it with spaces to width display columns. */
void	 cli_pad(FILE *, const char *, int);
/* The same, right-aligned. */
void	 cli_rpad(FILE *, const char *, int);
/* A default location: the first configured one. */
const char *cli_default_loc(const struct cli *);

/* CSV output (csvout.c): RFC 4180 through libcsv with the formula guard. */
struct csvout {
	FILE	*fp;
	int	 n;		/* fields written on this row */
};
void	 csvout_init(struct csvout *, FILE *);
/* A text cell: a leading ' when it would look like a formula. */
void	 csvout_text(struct csvout *, const char *);
/* A number from our own formatter: written as is, never prefixed. */
void	 csvout_num(struct csvout *, const char *);
void	 csvout_int(struct csvout *, int64_t);
void	 csvout_money(struct csvout *, const struct cli *, int64_t);
void	 csvout_end(struct csvout *);
/* A header row from a NULL-terminated list. */
void	 csvout_header(struct csvout *, const char *const *);

/* The commands (cmd-*.c). */
int	 cmd_init(struct cli *, int, char **);
int	 cmd_version(struct cli *, int, char **);
int	 cmd_check(struct cli *, int, char **);
int	 cmd_backup(struct cli *, int, char **);
int	 cmd_shell(struct cli *, int, char **);
int	 cmd_tui(struct cli *, int, char **);		/* tui/tui.c */
int	 cmd_summary(struct cli *);
int	 cmd_item_add(struct cli *, int, char **);
int	 cmd_item_list(struct cli *, int, char **);
int	 cmd_item_show(struct cli *, int, char **);
int	 cmd_customer_add(struct cli *, int, char **);
int	 cmd_customer_list(struct cli *, int, char **);
int	 cmd_customer_show(struct cli *, int, char **);
int	 cmd_stock_receive(struct cli *, int, char **);
int	 cmd_stock_adjust(struct cli *, int, char **);
int	 cmd_stock_transfer(struct cli *, int, char **);
int	 cmd_stock_list(struct cli *, int, char **);
int	 cmd_order_new(struct cli *, int, char **);
int	 cmd_order_quick(struct cli *, int, char **);	/* cmd-quick.c */
int	 cmd_order_event(struct cli *, int, char **);
int	 cmd_order_lines(struct cli *, int, char **);
int	 cmd_order_cancel(struct cli *, int, char **);
int	 cmd_order_return(struct cli *, int, char **);
int	 cmd_order_show(struct cli *, int, char **);
int	 cmd_order_list(struct cli *, int, char **);
int	 cmd_backorders(struct cli *, int, char **);
int	 cmd_pick(struct cli *, int, char **);		/* cmd-pick.c */
int	 cmd_stock_bin(struct cli *, int, char **);	/* cmd-pick.c */
int	 cmd_pay(struct cli *, int, char **);
int	 cmd_refund(struct cli *, int, char **);
int	 cmd_allocate(struct cli *, int, char **);
int	 cmd_statement(struct cli *, int, char **);
int	 cmd_aging(struct cli *, int, char **);
int	 cmd_ledger(struct cli *, int, char **);
int	 cmd_report_insight(struct cli *, int, char **);
int	 cmd_export_orders(struct cli *, int, char **);
int	 cmd_suggest(struct cli *, int, char **);
int	 cmd_reorder(struct cli *, int, char **);
int	 cmd_export(struct cli *, int, char **);
int	 cmd_import(struct cli *, int, char **);
int	 cmd_import(struct cli *, int, char **);	/* cmd-import.c */
int	 cmd_feed(struct cli *, int, char **);		/* cmd-feed.c */
int	 cmd_notify(struct cli *, int, char **);	/* cmd-notify.c */
int	 cmd_track(struct cli *, int, char **);		/* cmd-track.c */
int	 cmd_print(struct cli *, int, char **);		/* cmd-print.c */
int	 cmd_reconcile(struct cli *, int, char **);	/* cmd-print.c */
/* Print "parcel:    STATE TIME (carrier's words)" if one was recorded. */
void	 cli_parcel_line(struct db_txn *, uint64_t);
/*
 * notify.yaml beside the config, loaded once (NULL if there is none; a
 * bad one is reported on stderr once and treated as none).
 */
struct notice_config;
const struct notice_config *cli_notice(struct cli *);
/* Print "track:     URL" for a shipment if a carrier template fits. */
void	 cli_tracking_link(struct cli *, const char *, const char *);

#endif
