/*
 * tui.c: the counter TUI's one loop, its windows and its signals (see
 * tui.h).
 *
 * Terminal rules (RELIABILITY.md section 5): newterm, not initscr, so an
 * unknown TERM is a message and not an exit from inside curses; a
 * terminal without cursor addressing is refused; SIGHUP, SIGTERM and
 * SIGINT only set a flag, and the loop restores the terminal and exits
 * (Ctrl-Z is curses' own: it restores the terminal, stops, and repaints
 * on resume).  A read that fails at once again and again, without its
 * timeout passing, is a dead terminal (a hangup with SIGHUP ignored): the
 * loop ends instead of spinning.  Colours only when the terminal has them
 * and NO_COLOR is not set; every state is also a word or an attribute.
 */
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ordo/company.h"
#include "ordo/config.h"
#include "ordo/core.h"
#include "ordo/error.h"
#include "ordo/money.h"
#include "ordo/order.h"
#include "ordo/xmalloc.h"

#include "../cli/cli.h"
#include "tui.h"

#define TUI_TIMEOUT_MS	500	/* poll for other clerks' changes */
#define TUI_DEAD_READS	50	/* failed reads in a row: hangup */

volatile sig_atomic_t	 tui_signalled;

static struct tui	*tui_current;

static void	 on_signal(int);
static void	 tui_layout(struct tui *);
static void	 tui_free_windows(struct tui *);
static void	 draw_title(struct tui *);
static void	 draw_keys(struct tui *);
static void	 draw_msg(struct tui *);
static void	 draw_small(struct tui *);
static uint64_t	 data_gen(struct tui *);
static void	 dispatch(struct tui *, wint_t, int);
static void	 tui_end(void);
static int	 load_keys(struct cli *);

static void
on_signal(int sig)
{
	tui_signalled = sig;
}

/* Restore the terminal; also the exit hook for a fatal error. */
static void
tui_end(void)
{
	if (tui_current != NULL && !isendwin()) {
		curs_set(1);
		endwin();
	}
}

static void
tui_free_windows(struct tui *t)
{
	if (t->titlew != NULL)
		delwin(t->titlew);
	if (t->body != NULL)
		delwin(t->body);
	if (t->msgw != NULL)
		delwin(t->msgw);
	if (t->keysw != NULL)
		delwin(t->keysw);
	t->titlew = t->body = t->msgw = t->keysw = NULL;
}

/* (Re)make the windows for the current size. */
static void
tui_layout(struct tui *t)
{
	const struct screen_ops	*ops;

	tui_free_windows(t);
	t->w = COLS;
	t->h = LINES;
	ops = t->top != NULL ? t->top->ops : NULL;
	t->small = t->h < 6 || t->w < 20 || (ops != NULL &&
	    (t->w < ops->minw || t->h < ops->minh));
	werase(stdscr);
	wnoutrefresh(stdscr);
	if (ops != NULL && ops->full) {
		/* The body is the terminal; keys are read from it. */
		t->small = t->w < ops->minw || t->h < ops->minh;
		t->bodyh = t->small ? 0 : t->h;
		if (t->small || (t->body = newwin(t->h, t->w, 0, 0)) == NULL) {
			t->small = 1;
			t->bodyh = 0;
			return;
		}
		leaveok(t->body, TRUE);
		keypad(t->body, TRUE);
		wtimeout(t->body, TUI_TIMEOUT_MS);
		return;
	}
	if (t->h < 6 || t->w < 20) {
		t->bodyh = 0;
		return;
	}
	t->bodyh = t->h - 3;
	t->titlew = newwin(1, t->w, 0, 0);
	t->body = newwin(t->bodyh, t->w, 1, 0);
	t->msgw = newwin(1, t->w, t->h - 2, 0);
	t->keysw = newwin(1, t->w, t->h - 1, 0);
	if (t->titlew == NULL || t->body == NULL || t->msgw == NULL ||
	    t->keysw == NULL) {
		tui_free_windows(t);
		t->bodyh = 0;
		t->small = 1;
		return;
	}
	/*
	 * Let the terminal scroll: insert/delete line for a list that
	 * moves one row (the list sets its region and calls wscrl).
	 */
	idlok(t->body, TRUE);
	leaveok(t->titlew, TRUE);
	leaveok(t->body, TRUE);
	leaveok(t->keysw, TRUE);
	keypad(t->msgw, TRUE);
	wtimeout(t->msgw, TUI_TIMEOUT_MS);
}

int
tui_push(struct tui *t, const struct screen_ops *ops, void *arg)
{
	struct screen	*s;
	struct form	*fm;
	char		*cause = NULL;
	int		 rc;

	if ((rc = form_load(forms_dir(), ops->name, &fm, &cause)) != 0) {
		tui_err(t, rc, cause);
		free(cause);
		return (-1);
	}
	s = xcalloc(1, sizeof *s);
	s->ops = ops;
	s->form = fm;
	s->prev = t->top;
	t->top = s;
	tui_layout(t);
	s->data = ops->init(t, fm, arg);
	if (s->data == NULL) {
		t->top = s->prev;
		form_free(fm);
		free(s);
		tui_layout(t);
		if (t->top != NULL && t->top->ops->resize != NULL)
			t->top->ops->resize(t, t->top->data);
		return (-1);
	}
	return (0);
}

void
tui_pop(struct tui *t)
{
	struct screen	*s = t->top;

	if (s == NULL)
		return;
	t->top = s->prev;
	s->ops->free(s->data);
	form_free(s->form);
	free(s);
	if (t->top == NULL) {
		t->quit = 1;
		return;
	}
	tui_layout(t);
	if (t->top->ops->resize != NULL)
		t->top->ops->resize(t, t->top->data);
}

void
tui_msg(struct tui *t, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	vsnprintf(t->msg, sizeof t->msg, fmt, ap);
	va_end(ap);
	t->msg_err = 0;
}

void
tui_errf(struct tui *t, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	vsnprintf(t->msg, sizeof t->msg, fmt, ap);
	va_end(ap);
	t->msg_err = 1;
	beep();
}

void
tui_err(struct tui *t, int rc, const char *cause)
{
	tui_errf(t, "%s", cause != NULL ? cause : ordo_strerror(rc));
}

void
tui_put(WINDOW *w, int y, int x, const char *s, int width, int align)
{
	wchar_t	 buf[1024];

	if (width <= 0)
		return;
	if (width > 250)
		width = 250;
	text_fit(s != NULL ? s : "", width, align, buf, sizeof buf /
	    sizeof buf[0]);
	mvwaddnwstr(w, y, x, buf, -1);
}

int
tui_read(struct tui *t, db_fn fn, void *arg)
{
	char	*cause = NULL;
	int	 rc;

	if ((rc = db_read(t->db, fn, arg, &cause)) != 0)
		tui_err(t, rc, cause);
	free(cause);
	return (rc);
}

int
tui_write(struct tui *t, db_fn fn, void *arg)
{
	char	*cause = NULL;
	int	 rc;

	if ((rc = db_write(t->db, fn, arg, &cause)) != 0)
		tui_err(t, rc, cause);
	free(cause);
	return (rc);
}

int
tui_status_attr(struct tui *t, int st)
{
	int	 pair = 0, attr = A_NORMAL;

	switch (st) {
	case ST_DRAFT:
		attr = A_BOLD;
		pair = TUI_PAIR_WARN;
		break;
	case ST_CANCELLED:
		attr = A_DIM;
		pair = TUI_PAIR_DIM;
		break;
	case ST_SHIPPED:
	case ST_DELIVERED:
	case ST_CLOSED:
		pair = TUI_PAIR_OK;
		break;
	default:
		break;
	}
	if (t->colour && pair != 0)
		return (COLOR_PAIR(pair));
	return (attr);
}

char *
tui_money(struct tui *t, char *buf, size_t len, int64_t v)
{
	return (money_fmt(buf, len, v, t->cli->cfg->minor_digits));
}

/*
 * The data's change counter (db_generation): any write by any process
 * moves it; reading it opens no transaction.
 */
static uint64_t
data_gen(struct tui *t)
{
	return (db_generation(t->db));
}

static void
draw_title(struct tui *t)
{
	const char	*title;
	char		 right[256];
	int		 rw;

	title = t->top != NULL ? _(t->top->form->title) : "ordo";
	snprintf(right, sizeof right, "%s (%s) | %s", t->co->user,
	    _(config_role_name(t->co->role)), t->company);
	wattrset(t->titlew, A_REVERSE);
	rw = text_width(right);
	if (rw > t->w - text_width(title) - 2)
		rw = t->w - text_width(title) - 2;
	if (rw < t->w / 3)
		rw = t->w / 3;
	tui_put(t->titlew, 0, 0, title, t->w - rw - 1, TEXT_LEFT);
	mvwaddch(t->titlew, 0, t->w - rw - 1, ' ');
	tui_put(t->titlew, 0, t->w - rw, right, rw, TEXT_RIGHT);
	wattrset(t->titlew, A_NORMAL);
	wnoutrefresh(t->titlew);
}

static void
draw_keys(struct tui *t)
{
	const struct form	*fm = t->top->form;
	char			 line[1024], key[32];
	size_t			 i, o = 0;
	enum action		 a;
	int			 k;

	line[0] = '\0';
	for (i = 0; i < fm->nactions && o < sizeof line - 64; i++) {
		a = fm->actions[i];
		if (a <= A_END || a == A_NEXTFIELD || a == A_PREVFIELD)
			continue;
		k = action_key(a);
		/* On a form, printable keys type: show the function key. */
		if (k == 0 || (t->top->ops->typing && k >= ' ' && k < 0x7f &&
		    action_fkey(a) != 0))
			k = action_fkey(a);
		o += (size_t)snprintf(line + o, sizeof line - o, "%s%s %s",
		    o > 0 ? "  " : "", action_key_name(k, key, sizeof key),
		    _(action_label(a)));
	}
	werase(t->keysw);
	tui_put(t->keysw, 0, 0, line, t->w, TEXT_LEFT);
	wnoutrefresh(t->keysw);
}

static void
draw_msg(struct tui *t)
{
	int	 attr = A_NORMAL;

	if (t->msg_err)
		attr = t->colour ? (int)(COLOR_PAIR(TUI_PAIR_ERR) | A_BOLD) :
		    A_BOLD;
	werase(t->msgw);
	wattrset(t->msgw, attr);
	tui_put(t->msgw, 0, 0, t->msg, t->w, TEXT_LEFT);
	wattrset(t->msgw, A_NORMAL);
	wnoutrefresh(t->msgw);
}

static void
draw_small(struct tui *t)
{
	char	 need[64];
	int	 mw = 20, mh = 6;

	if (t->top != NULL && t->top->ops->full) {
		mw = t->top->ops->minw;
		mh = t->top->ops->minh;
	} else if (t->top != NULL) {
		mw = t->top->ops->minw > mw ? t->top->ops->minw : mw;
		mh = t->top->ops->minh > mh ? t->top->ops->minh : mh;
	}
	werase(stdscr);
	tui_put(stdscr, 0, 0, _("Terminal too small"), COLS, TEXT_LEFT);
	snprintf(need, sizeof need, _("need %dx%d"), mw, mh);
	if (LINES > 1)
		tui_put(stdscr, 1, 0, need, COLS, TEXT_LEFT);
	wnoutrefresh(stdscr);
}

void
tui_draw(struct tui *t)
{
	if (t->small || t->body == NULL) {
		draw_small(t);
		doupdate();
		return;
	}
	if (t->top->ops->full) {
		t->top->ops->draw(t, t->top->data);
		wnoutrefresh(t->body);
		doupdate();
		return;
	}
	draw_title(t);
	if (t->top->data != NULL)
		t->top->ops->draw(t, t->top->data);
	else
		werase(t->body);	/* still being made: a question */
	wnoutrefresh(t->body);
	draw_keys(t);
	if (!t->in_prompt)
		draw_msg(t);
	doupdate();
}

/*
 * One key: OK (a character) or KEY_CODE_YES (a key code) with *iskey,
 * ERR on the timeout, -2 when the TUI must end (a signal, a dead
 * terminal).  A resize is handled here, for every loop that reads keys.
 */
int
tui_read_key(struct tui *t, wint_t *ch, int *iskey)
{
	static int	 dead;
	struct timespec	 a, b;
	WINDOW		*w = t->msgw != NULL ? t->msgw : t->body != NULL ?
			    t->body : stdscr;
	long		 ms;
	int		 rc;

	*iskey = 0;
	if (tui_signalled)
		return (-2);
	if (w == stdscr) {
		keypad(stdscr, TRUE);
		wtimeout(stdscr, TUI_TIMEOUT_MS);
	}
	clock_gettime(CLOCK_MONOTONIC, &a);
	errno = 0;
	rc = wget_wch(w, ch);
	if (tui_signalled)
		return (-2);
	if (rc == ERR) {
		clock_gettime(CLOCK_MONOTONIC, &b);
		ms = (b.tv_sec - a.tv_sec) * 1000 +
		    (b.tv_nsec - a.tv_nsec) / 1000000;
		if (ms < TUI_TIMEOUT_MS / 5 && errno != EINTR) {
			if (++dead >= TUI_DEAD_READS)
				return (-2);
		} else
			dead = 0;
		return (ERR);
	}
	dead = 0;
	if (rc == KEY_CODE_YES) {
		*iskey = 1;
		if (*ch == KEY_RESIZE) {
			tui_layout(t);
			/* A screen still being made has no state yet. */
			if (!t->small && t->top->data != NULL &&
			    t->top->ops->resize != NULL)
				t->top->ops->resize(t, t->top->data);
		}
	}
	return (rc);
}

int
tui_read_more(struct tui *t, wint_t *ch, int *iskey, int ms)
{
	WINDOW	*w = t->msgw != NULL ? t->msgw : t->body != NULL ? t->body :
		    stdscr;
	int	 rc;

	*iskey = 0;
	if (tui_signalled)
		return (-2);
	wtimeout(w, ms);
	rc = wget_wch(w, ch);
	wtimeout(w, TUI_TIMEOUT_MS);
	if (tui_signalled)
		return (-2);
	if (rc == KEY_CODE_YES) {
		*iskey = 1;
		if (*ch == KEY_RESIZE) {
			/* Seen by the main loop: put it back. */
			unget_wch(KEY_RESIZE);
			return (ERR);
		}
	}
	return (rc);
}

/* Hand one key to the screen on top. */
static void
dispatch(struct tui *t, wint_t ch, int iskey)
{
	struct screen	*s = t->top;
	enum action	 a = A_NONE;
	int		 key = (int)ch;

	if (!iskey && (key == '\n' || key == '\r'))
		key = '\r';
	if (iskey && key == KEY_ENTER)
		key = '\r', iskey = 0;
	if (!s->ops->typing || iskey || key < ' ' || key == 0x7f)
		a = action_for_key(s->form->actions, s->form->nactions, key,
		    iskey);
	if (a == A_HELP) {
		tui_push(t, &screen_help_ops, s);
		return;
	}
	s->ops->key(t, s->data, a, key, iskey);
}

int
tui_ask(struct tui *t, const char *fmt, ...)
{
	va_list	 ap;
	wint_t	 ch;
	int	 rc, iskey;

	va_start(ap, fmt);
	vsnprintf(t->msg, sizeof t->msg, fmt, ap);
	va_end(ap);
	t->msg_err = 0;
	for (;;) {
		tui_draw(t);
		if ((rc = tui_read_key(t, &ch, &iskey)) == -2) {
			t->quit = 1;
			return (0);
		}
		if (rc == ERR || iskey)
			continue;
		if (ch == 'y' || ch == 'Y') {
			t->msg[0] = '\0';
			return (1);
		}
		if (ch == 'n' || ch == 'N' || ch == 27 || ch == TUI_CTRL('g')
		    || ch == 'q') {
			t->msg[0] = '\0';
			return (0);
		}
	}
}

/*
 * Key bindings from keys.yaml beside the configuration file, then the
 * check that no screen has two actions on one key.
 */
static int
load_keys(struct cli *cli)
{
	char	*dir, *slash, *path, *cause = NULL;
	int	 rc;

	dir = xstrdup(cli->cfgpath != NULL ? cli->cfgpath : ".");
	if ((slash = strrchr(dir, '/')) != NULL)
		*slash = '\0';
	else {
		free(dir);
		dir = xstrdup(".");
	}
	xasprintf(&path, "%s/keys.yaml", dir);
	free(dir);
	if ((rc = keys_load(path, &cause)) == 0)
		rc = forms_check_keys(forms_dir(), &cause);
	if (rc != 0)
		fprintf(stderr, "ordo: %s\n", cause != NULL ? cause :
		    ordo_strerror(rc));
	free(cause);
	free(path);
	return (rc);
}

int
cmd_tui(struct cli *cli, int argc, char **argv)
{
	int	 c;

	if (argc > 0) {
		while ((c = cli_getopt(cli, argc, argv, "", cli_no_opts)) !=
		    -1)
			return (EXIT_USAGE);
		if (cli_nargs(cli, argc - optind, 0, 0) != 0)
			return (EXIT_USAGE);
	}
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, "ordo: tui: needs a terminal (for scripts: "
		    "ordo --help)\n");
		return (EXIT_USAGE);
	}
	return (tui_main(cli));
}

int
tui_main(struct cli *cli)
{
	struct tui	 t;
	struct sigaction sa;
	SCREEN		*scr;
	const char	*term, *nc;
	wint_t		 ch;
	uint64_t	 g;
	int		 rc, iskey;

	if (i18n_init() != 0) {
		fprintf(stderr, "ordo: no UTF-8 locale (C.UTF-8) here\n");
		return (EXIT_SYSTEM);
	}
	if (load_keys(cli) != 0)
		return (EXIT_USAGE);
	memset(&t, 0, sizeof t);
	t.cli = cli;
	t.co = cli->co;
	t.db = cli->db;
	t.company = cli->cfg->company != NULL ? cli->cfg->company : "";
	term = getenv("TERM");
	if (term == NULL || *term == '\0' ||
	    (scr = newterm(NULL, stdout, stdin)) == NULL) {
		fprintf(stderr, _("ordo: unknown terminal type %s; "
		    "use the commands (ordo --help) or set TERM\n"),
		    term != NULL ? term : "(none)");
		return (EXIT_USAGE);
	}
	if (tigetstr("cup") == NULL || tigetstr("cup") == (char *)-1) {
		endwin();
		delscreen(scr);
		fprintf(stderr, _("ordo: terminal %s cannot place the "
		    "cursor; use the commands (ordo --help)\n"), term);
		return (EXIT_USAGE);
	}
	tui_current = &t;
	atexit(tui_end);
	ordo_fatal_hook(tui_end);
	nc = getenv("NO_COLOR");
	if (has_colors() && (nc == NULL || *nc == '\0')) {
		start_color();
		use_default_colors();
		init_pair(TUI_PAIR_ERR, COLOR_RED, -1);
		init_pair(TUI_PAIR_OK, COLOR_GREEN, -1);
		init_pair(TUI_PAIR_WARN, COLOR_YELLOW, -1);
		init_pair(TUI_PAIR_DIM, COLOR_BLUE, -1);
		t.colour = 1;
	}
	cbreak();
	noecho();
	nonl();
	curs_set(0);
	set_escdelay(150);
	/* After curses' own handlers: ours only set a flag. */
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);

	t.gen = data_gen(&t);
	/* "ordo pick", or a picker logging in: picker mode. */
	if (tui_push(&t, cli->pick_mode || t.co->role == ROLE_PICKER ?
	    &screen_pick_ops : &screen_menu_ops, NULL) != 0) {
		endwin();
		fprintf(stderr, "ordo: %s\n", t.msg);
		delscreen(scr);
		tui_current = NULL;
		return (EXIT_USAGE);
	}
	while (!t.quit) {
		tui_draw(&t);
		rc = tui_read_key(&t, &ch, &iskey);
		if (rc == -2)
			break;
		if (rc == ERR) {
			if ((g = data_gen(&t)) != t.gen)
				t.gen = g;
			continue;
		}
		/* A message stays until the next key. */
		t.msg[0] = '\0';
		t.msg_err = 0;
		if (iskey && ch == KEY_RESIZE)
			continue;
		if (t.small)
			continue;
		dispatch(&t, ch, iskey);
	}
	/*
	 * Screens keep their work in the database as they go (a draft
	 * order is written line by line), so leaving loses nothing.
	 */
	while (t.top != NULL)
		tui_pop(&t);
	tui_free_windows(&t);
	curs_set(1);
	endwin();
	delscreen(scr);
	tui_current = NULL;
	if (tui_signalled == SIGHUP || tui_signalled == SIGTERM)
		return (EXIT_SYSTEM);
	return (EXIT_OK);
}
