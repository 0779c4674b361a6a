/*
 * prompt.c: the ":" and "/" prompts and every question that wants a
 * line, through readline's callback interface (tui_prompt in tui.h).
 *
 * Our loop reads the keys (wget_wch); each byte goes to
 * rl_callback_read_char() through rl_getc_function, and readline draws
 * through rl_redisplay_function into our message line.  Readline's own
 * signal handling, terminal setup and LINES/COLUMNS changes are off
 * (RELIABILITY.md 5.4): curses owns the terminal.  Cursor and editing
 * keys that curses decodes are given to readline as the Emacs keys they
 * mean.  Tab completes commands, SKUs and customer codes from the
 * company (item_search, customer_search).
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include <readline/history.h>
#include <readline/readline.h>

#include "ordo/customer.h"
#include "ordo/item.h"
#include "ordo/xmalloc.h"

#include "../cli/cli.h"
#include "tui.h"

#define PROMPT_MAXMATCH	200

static struct tui	*pt;		/* the prompt's TUI */
static const char	*plabel;
static int		 pkind;
static int		 pbyte;		/* the byte readline reads next */
static int		 phave;
static int		 pdone;
static char		*pline;
static int		 pinit;
static FILE		*pnull;
static char		**pmatch;	/* completion candidates */
static size_t		 pnmatch;
static size_t		 pmatchi;

static int	 p_getc(FILE *);
static int	 p_avail(void);
static void	 p_redisplay(void);
static void	 p_line(char *);
static void	 p_noterm(int);
static void	 p_noterm0(void);
static void	 p_feed(int);
static char	**p_complete(const char *, int, int);
static char	*p_generate(const char *, int);
static void	 p_collect(const char *);
static void	 p_matches_free(void);

static int
p_getc(FILE *fp)
{
	(void)fp;
	phave = 0;
	return (pbyte);
}

static int
p_avail(void)
{
	return (phave);
}

static void
p_noterm(int meta)
{
	(void)meta;
}

static void
p_noterm0(void)
{
}

static void
p_line(char *line)
{
	pline = line;
	pdone = 1;
	rl_callback_handler_remove();
}

/* Draw the label and the line, the cursor where readline has it. */
static void
p_redisplay(void)
{
	WINDOW		*w = pt->msgw;
	char		*before;
	int		 lw, cw, start = 0, room;
	size_t		 len;

	if (w == NULL)
		return;
	werase(w);
	lw = text_width(plabel);
	tui_put(w, 0, 0, plabel, lw < pt->w ? lw : pt->w, TEXT_LEFT);
	room = pt->w - lw - 1;
	if (room < 1)
		return;
	len = (size_t)rl_point;
	before = xstrndup(rl_line_buffer, len);
	cw = text_width(before);
	free(before);
	/* Keep the cursor on the line: show the tail when it is long. */
	while (cw - start > room) {
		start += room / 2;
	}
	if (start == 0) {
		tui_put(w, 0, lw, rl_line_buffer, room, TEXT_LEFT);
		wmove(w, 0, lw + cw);
	} else {
		/* Skip characters worth start columns. */
		const char	*s = rl_line_buffer;
		mbstate_t	 st;
		wchar_t		 wc;
		size_t		 n;
		int		 skipped = 0, ww;

		memset(&st, 0, sizeof st);
		while (*s != '\0' && skipped < start) {
			n = mbrtowc(&wc, s, strlen(s), &st);
			if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
				n = 1;
				ww = 1;
			} else
				ww = wcwidth(wc) > 0 ? wcwidth(wc) : 1;
			s += n;
			skipped += ww;
		}
		tui_put(w, 0, lw, s, room, TEXT_LEFT);
		wmove(w, 0, lw + cw - skipped);
	}
	wnoutrefresh(w);
	doupdate();
}

static void
p_feed(int byte)
{
	pbyte = byte & 0xff;
	phave = 1;
	rl_callback_read_char();
}

static void
p_matches_free(void)
{
	size_t	 i;

	for (i = 0; i < pnmatch; i++)
		free(pmatch[i]);
	free(pmatch);
	pmatch = NULL;
	pnmatch = 0;
}

static void
p_add(const char *s, const char *prefix)
{
	size_t	 i;

	if (pnmatch >= PROMPT_MAXMATCH || strncmp(s, prefix,
	    strlen(prefix)) != 0)
		return;
	for (i = 0; i < pnmatch; i++)
		if (strcmp(pmatch[i], s) == 0)
			return;
	pmatch = xreallocarray(pmatch, pnmatch + 1, sizeof *pmatch);
	pmatch[pnmatch++] = xstrdup(s);
}

struct collect {
	const char	*prefix;
};

static int
c_item(const struct item *it, void *arg)
{
	struct collect	*c = arg;

	p_add(it->sku, c->prefix);
	return (pnmatch >= PROMPT_MAXMATCH);
}

static int
c_cust(const struct customer *cu, void *arg)
{
	struct collect	*c = arg;

	p_add(cu->code, c->prefix);
	return (pnmatch >= PROMPT_MAXMATCH);
}

static int
collect_tx(struct db_txn *tx, void *arg, char **cause)
{
	struct collect	*c = arg;
	int		 rc = 0;

	(void)cause;
	if (pkind == PROMPT_SKU || pkind == PROMPT_COMMAND)
		rc = item_search(tx, c->prefix, c_item, c);
	if (rc == 0 && (pkind == PROMPT_CUSTOMER || pkind == PROMPT_COMMAND))
		rc = customer_search(tx, c->prefix, c_cust, c);
	return (rc);
}

/* Candidates for text: words of the kind, from the company. */
static void
p_collect(const char *text)
{
	static const char *const words[] = { "status=", "customer=",
	    "channel=", "from=", "to=", "draft", "confirmed", "picking",
	    "packed", "partial", "shipped", "delivered", "closed",
	    "cancelled", "cash", "bank", "card", NULL };
	struct collect	 c;
	size_t		 i;

	p_matches_free();
	if (pkind == PROMPT_COMMAND)
		for (i = 0; words[i] != NULL; i++)
			p_add(words[i], text);
	if (*text == '\0' && pkind == PROMPT_COMMAND)
		return;
	c.prefix = text;
	db_read(pt->db, collect_tx, &c, NULL);
}

static char *
p_generate(const char *text, int state)
{
	(void)text;
	if (state == 0)
		pmatchi = 0;
	if (pmatchi < pnmatch)
		return (xstrdup(pmatch[pmatchi++]));
	return (NULL);
}

static char **
p_complete(const char *text, int start, int end)
{
	(void)start;
	(void)end;
	rl_attempted_completion_over = 1;
	if (pkind == PROMPT_PLAIN)
		return (NULL);
	p_collect(text);
	return (rl_completion_matches(text, p_generate));
}

char *
tui_prompt(struct tui *t, const char *label, const char *init, int kind,
    void (*changed)(struct tui *, void *, const char *), void *arg)
{
	char	 mb[MB_LEN_MAX], *last;
	wint_t	 ch;
	size_t	 n, i;
	int	 rc, iskey;
	mbstate_t st;

	if (!pinit) {
		pinit = 1;
		pnull = fopen("/dev/null", "w");
		rl_readline_name = "ordo";
		rl_catch_signals = 0;
		rl_catch_sigwinch = 0;
		rl_change_environment = 0;
		rl_prep_term_function = p_noterm;
		rl_deprep_term_function = p_noterm0;
		rl_getc_function = p_getc;
		rl_input_available_hook = p_avail;
		rl_redisplay_function = p_redisplay;
		rl_attempted_completion_function = p_complete;
		rl_outstream = pnull;
		rl_instream = stdin;
		using_history();
	}
	pt = t;
	plabel = label;
	pkind = kind;
	pdone = 0;
	pline = NULL;
	t->in_prompt = 1;
	tui_draw(t);
	curs_set(1);
	if (t->msgw != NULL)
		leaveok(t->msgw, FALSE);
	rl_callback_handler_install("", p_line);
	if (init != NULL && *init != '\0') {
		rl_insert_text(init);
		rl_point = rl_end;
	}
	p_redisplay();
	last = xstrdup(rl_line_buffer);
	while (!pdone) {
		rc = tui_read_key(t, &ch, &iskey);
		if (rc == -2) {
			t->quit = 1;
			break;
		}
		if (rc == ERR)
			continue;
		if (iskey) {
			switch (ch) {
			case KEY_RESIZE:
				tui_draw(t);
				break;
			case KEY_LEFT:
				p_feed(TUI_CTRL('b'));
				break;
			case KEY_RIGHT:
				p_feed(TUI_CTRL('f'));
				break;
			case KEY_HOME:
				p_feed(TUI_CTRL('a'));
				break;
			case KEY_END:
				p_feed(TUI_CTRL('e'));
				break;
			case KEY_UP:
				p_feed(TUI_CTRL('p'));
				break;
			case KEY_DOWN:
				p_feed(TUI_CTRL('n'));
				break;
			case KEY_BACKSPACE:
				p_feed(0x7f);
				break;
			case KEY_DC:
				rl_delete(1, 0);
				break;
			case KEY_ENTER:
				p_feed('\r');
				break;
			default:
				break;
			}
		} else if (ch == 27 || ch == TUI_CTRL('g') ||
		    ch == TUI_CTRL('c')) {
			rl_callback_handler_remove();
			break;
		} else if (ch == '\n' || ch == '\r') {
			p_feed('\r');
		} else if (ch == TUI_CTRL('d') && rl_end == 0) {
			/* Not EOF: an empty prompt stays. */
			continue;
		} else {
			memset(&st, 0, sizeof st);
			n = wcrtomb(mb, (wchar_t)ch, &st);
			if (n == (size_t)-1)
				continue;
			for (i = 0; i < n && !pdone; i++)
				p_feed((unsigned char)mb[i]);
		}
		if (!pdone) {
			if (changed != NULL && strcmp(last,
			    rl_line_buffer) != 0) {
				free(last);
				last = xstrdup(rl_line_buffer);
				changed(t, arg, last);
				tui_draw(t);
			}
			p_redisplay();
		}
	}
	free(last);
	if (pline != NULL && *pline != '\0')
		add_history(pline);
	if (t->msgw != NULL)
		leaveok(t->msgw, TRUE);
	curs_set(0);
	t->in_prompt = 0;
	t->msg[0] = '\0';
	p_matches_free();
	return (pdone ? pline : NULL);
}
