/*
 * cmd-shell.c: "ordo shell": a readline prompt running the same commands
 * as the command line, through the same dispatcher, on the company
 * opened once.  Words are split like a shell does ('single', "double"
 * quotes and backslash); a leading "ordo" is ignored; "help" lists the
 * commands, "exit" or end of input leaves.  History is kept in
 * $HOME/.ordo_history on a terminal.
 *
 * Off a terminal the shell reads commands from standard input without a
 * prompt, like sh reading a script, and exits with the status of the
 * last command.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <readline/history.h>
#include <readline/readline.h>

#include "ordo/company.h"
#include "ordo/customer.h"
#include "ordo/error.h"
#include "ordo/item.h"
#include "ordo/xmalloc.h"

#include "cli.h"

#define SHELL_HISTORY_MAX	1000
#define SHELL_MAXWORDS		1024

static volatile sig_atomic_t shell_sigint;

static int	 shell_split(const char *, char ***, int *, char **);
static void	 shell_free(char **, int);
static int	 shell_line(struct cli *, const char *);
static void	 shell_onint(int);
static int	 shell_event_hook(void);
static char	**shell_complete(const char *, int, int);
static char	*shell_gen_group(const char *, int);
static char	*shell_gen_sub(const char *, int);
static char	*shell_history_path(void);

/* The group being completed for the second word. */
static char	 shell_group[32];
/* The company, for completing SKUs and customer codes. */
static struct cli *shell_cli;
#define SHELL_MAXMATCH	200
static char	**shell_words;
static size_t	  shell_nwords;

/*
 * Split a line into words.  Returns 0, or ORDO_EINVAL with a cause for
 * an unterminated quote or too many words.
 */
static int
shell_split(const char *line, char ***argvp, int *argcp, char **cause)
{
	char		**argv = NULL, *w;
	size_t		  len, n;
	int		  argc = 0, quote, inword;
	const char	 *p;

	*argvp = NULL;
	*argcp = 0;
	w = xmalloc(strlen(line) + 1);
	for (p = line;;) {
		while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
			p++;
		if (*p == '\0' || *p == '#')
			break;
		len = 0;
		quote = 0;
		inword = 1;
		for (; *p != '\0' && inword; p++) {
			if (quote == '\'') {
				if (*p == '\'')
					quote = 0;
				else
					w[len++] = *p;
			} else if (quote == '"') {
				if (*p == '"')
					quote = 0;
				else if (*p == '\\' && (p[1] == '"' ||
				    p[1] == '\\'))
					w[len++] = *++p;
				else
					w[len++] = *p;
			} else if (*p == '\'' || *p == '"')
				quote = *p;
			else if (*p == '\\' && p[1] != '\0')
				w[len++] = *++p;
			else if (*p == ' ' || *p == '\t' || *p == '\n' ||
			    *p == '\r')
				inword = 0;
			else
				w[len++] = *p;
		}
		if (quote != 0) {
			free(w);
			shell_free(argv, argc);
			return (cause_set(cause, ORDO_EINVAL, "a %s quote is "
			    "not closed", quote == '"' ? "double" : "single"));
		}
		if (argc == SHELL_MAXWORDS) {
			free(w);
			shell_free(argv, argc);
			return (cause_set(cause, ORDO_EINVAL, "more than %d "
			    "words", SHELL_MAXWORDS));
		}
		n = (size_t)argc + 2;
		argv = xreallocarray(argv, n, sizeof *argv);
		argv[argc++] = xstrndup(w, len);
		argv[argc] = NULL;
	}
	free(w);
	*argvp = argv;
	*argcp = argc;
	return (0);
}

static void
shell_free(char **argv, int argc)
{
	int	 i;

	for (i = 0; i < argc; i++)
		free(argv[i]);
	free(argv);
}

/*
 * Run one line; returns the exit code (0 for an empty line) or -1 for
 * "exit".
 */
static int
shell_line(struct cli *cli, const char *line)
{
	char	**argv, **av, *cause = NULL;
	int	  argc, ac, rc;

	if (shell_split(line, &argv, &argc, &cause) != 0) {
		fprintf(stderr, "ordo: %s\n", cause);
		free(cause);
		return (EXIT_USAGE);
	}
	av = argv;
	ac = argc;
	if (ac > 0 && strcmp(av[0], "ordo") == 0) {
		av++;
		ac--;
	}
	if (ac == 0)
		rc = 0;
	else if (strcmp(av[0], "exit") == 0 || strcmp(av[0], "quit") == 0)
		rc = -1;
	else if (strcmp(av[0], "help") == 0 || strcmp(av[0], "?") == 0) {
		if (ac > 1)
			cmd_usage_group(stdout, av[1]);
		else {
			printf("Commands (without \"ordo\"); \"exit\" "
			    "leaves:\n");
			cmd_usage_group(stdout, NULL);
		}
		rc = 0;
	} else
		rc = cli_dispatch(cli, ac, av);
	shell_free(argv, argc);
	fflush(stdout);
	return (rc);
}

static void
shell_onint(int sig)
{
	(void)sig;
	shell_sigint = 1;
}

/* Called by readline when a signal interrupted it: Ctrl-C clears. */
static int
shell_event_hook(void)
{
	if (shell_sigint) {
		shell_sigint = 0;
		rl_replace_line("", 0);
		rl_crlf();
		rl_on_new_line();
		rl_redisplay();
	}
	return (0);
}

static char *
shell_gen_group(const char *text, int state)
{
	static const struct cmd_entry	*e;
	static const char		*last;
	static const char		*extra[] = { "help", "exit", NULL };
	static int			 x;
	size_t				 len = strlen(text);

	if (state == 0) {
		e = cmd_table;
		last = NULL;
		x = 0;
	}
	for (; e->group != NULL; e++) {
		if (last != NULL && strcmp(last, e->group) == 0)
			continue;
		last = e->group;
		if (strncmp(e->group, text, len) == 0)
			return (xstrdup((e++)->group));
	}
	for (; extra[x] != NULL; x++)
		if (strncmp(extra[x], text, len) == 0)
			return (xstrdup(extra[x++]));
	return (NULL);
}

static char *
shell_gen_sub(const char *text, int state)
{
	static const struct cmd_entry	*e;
	size_t				 len = strlen(text);

	if (state == 0)
		e = cmd_table;
	for (; e->group != NULL; e++) {
		if (e->name == NULL || strcmp(e->group, shell_group) != 0)
			continue;
		if (strncmp(e->name, text, len) == 0)
			return (xstrdup((e++)->name));
	}
	return (NULL);
}

static void
shell_word_add(const char *w, const char *prefix)
{
	size_t	 i;

	if (shell_nwords >= SHELL_MAXMATCH ||
	    strncmp(w, prefix, strlen(prefix)) != 0)
		return;
	for (i = 0; i < shell_nwords; i++)
		if (strcmp(shell_words[i], w) == 0)
			return;
	shell_words = xreallocarray(shell_words, shell_nwords + 1,
	    sizeof *shell_words);
	shell_words[shell_nwords++] = xstrdup(w);
}

static int
shell_item_fn(const struct item *it, void *arg)
{
	shell_word_add(it->sku, arg);
	return (shell_nwords >= SHELL_MAXMATCH);
}

static int
shell_cust_fn(const struct customer *c, void *arg)
{
	shell_word_add(c->code, arg);
	return (shell_nwords >= SHELL_MAXMATCH);
}

/* SKUs and customer codes that start with the text (arg). */
static int
shell_words_tx(struct db_txn *tx, void *arg, char **cause)
{
	int	 rc;

	(void)cause;
	if ((rc = item_search(tx, arg, shell_item_fn, arg)) != 0)
		return (rc);
	return (customer_search(tx, arg, shell_cust_fn, arg));
}

static char *
shell_gen_word(const char *text, int state)
{
	static size_t	 i;

	(void)text;
	if (state == 0)
		i = 0;
	if (i < shell_nwords)
		return (xstrdup(shell_words[i++]));
	return (NULL);
}

static char **
shell_complete_words(const char *text)
{
	size_t	 i;

	for (i = 0; i < shell_nwords; i++)
		free(shell_words[i]);
	free(shell_words);
	shell_words = NULL;
	shell_nwords = 0;
	if (*text == '\0' || shell_cli == NULL || shell_cli->db == NULL ||
	    db_read(shell_cli->db, shell_words_tx, (void *)text, NULL) != 0 ||
	    shell_nwords == 0)
		return (NULL);
	return (rl_completion_matches(text, shell_gen_word));
}

static char **
shell_complete(const char *text, int start, int end)
{
	char	**argv, **m;
	int	  argc;

	(void)end;
	rl_attempted_completion_over = 1;
	if (shell_split(rl_line_buffer, &argv, &argc, NULL) != 0)
		return (NULL);
	if (argc > 0 && strcmp(argv[0], "ordo") == 0)
		start -= 5;
	if (start <= 0) {
		shell_free(argv, argc);
		return (rl_completion_matches(text, shell_gen_group));
	}
	if (argc >= 1 && (argc == 1 || (argc == 2 && *text != '\0')) &&
	    strcmp(argv[0], "ordo") != 0) {
		snprintf(shell_group, sizeof shell_group, "%s", argv[0]);
		shell_free(argv, argc);
		return (rl_completion_matches(text, shell_gen_sub));
	}
	shell_free(argv, argc);
	/* Arguments: SKUs and customer codes, else file names. */
	if ((m = shell_complete_words(text)) != NULL)
		return (m);
	rl_attempted_completion_over = 0;
	return (NULL);
}

static char *
shell_history_path(void)
{
	const char	*home = getenv("HOME");
	char		*path;

	if (home == NULL || *home != '/')
		return (NULL);
	xasprintf(&path, "%s/.ordo_history", home);
	return (path);
}

int
cmd_shell(struct cli *cli, int argc, char **argv)
{
	struct sigaction	 sa, old;
	char			*line = NULL, *hist;
	size_t			 cap = 0;
	int			 c, rc = 0, last = 0;

	if (argc > 0) {
		while ((c = cli_getopt(cli, argc, argv, NULL,
		    cli_no_opts)) != -1)
			return (EXIT_USAGE);
		if ((rc = cli_nargs(cli, argc - optind, 0, 0)) != 0)
			return (rc);
	}
	cli->in_shell = 1;
	cli->what = NULL;
	cli->entry = NULL;

	if (!isatty(STDIN_FILENO)) {
		while (getline(&line, &cap, stdin) != -1) {
			if ((rc = shell_line(cli, line)) == -1)
				break;
			last = rc;
		}
		free(line);
		cli->in_shell = 0;
		return (last);
	}

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = shell_onint;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, &old);
	rl_readline_name = "ordo";
	rl_attempted_completion_function = shell_complete;
	shell_cli = cli;
	rl_signal_event_hook = shell_event_hook;
	using_history();
	stifle_history(SHELL_HISTORY_MAX);
	if ((hist = shell_history_path()) != NULL)
		read_history(hist);
	printf("%s (%s, %s)\n\"help\" lists the commands; \"exit\" "
	    "leaves.\n", cli->cfg->company, cli->dir,
	    config_role_name(cli->co->role));
	for (;;) {
		shell_sigint = 0;
		if ((line = readline("ordo> ")) == NULL) {
			printf("\n");
			break;
		}
		if (*line != '\0' && *line != ' ')
			add_history(line);
		rc = shell_line(cli, line);
		free(line);
		if (rc == -1)
			break;
	}
	if (hist != NULL) {
		if (write_history(hist) == 0)
			history_truncate_file(hist, SHELL_HISTORY_MAX);
		free(hist);
	}
	clear_history();
	sigaction(SIGINT, &old, NULL);
	cli->in_shell = 0;
	return (EXIT_OK);
}
