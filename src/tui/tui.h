/*
 * tui.h: what the screens of the counter TUI share (private to
 * src/tui).
 *
 * Every screen is one const table of functions (struct screen_ops) with
 * its private state behind a pointer.  One loop (tui.c) reads one key at
 * a time with a timeout, turns it into an action through the screen's
 * action list (forms/NAME.yaml) and the action table (action.h), hands
 * it to the screen on top of the stack, and draws once per turn: each
 * window with wnoutrefresh, then one doupdate.  On the timeout it polls
 * the company's change counter, so another clerk's change shows without
 * a key.  No transaction is ever open while it waits for a key: screens
 * read in short db_read calls from .draw and .key.
 *
 * The screen is: a title line (company, user, role, screen), the body,
 * a message line and a key-help line.
 */
#ifndef ORDO_TUI_H
#define ORDO_TUI_H

#include <curses.h>
#include <signal.h>
#include <stdint.h>

#include "ordo/company.h"
#include "ordo/db.h"

#include "action.h"
#include "forms.h"
#include "i18n.h"
#include "text.h"

struct cli;
struct tui;

struct screen_ops {
	const char	*name;		/* forms/NAME.yaml */
	int		 minw;		/* smallest usable size */
	int		 minh;
	/* Printable keys go to .key as text (A_NONE), not to actions. */
	int		 typing;
	/*
	 * The body is the whole terminal: no title, message or key line
	 * (picker mode on a 20x4 handheld); minw x minh is the minimum.
	 */
	int		 full;
	void		*(*init)(struct tui *, const struct form *, void *);
	void		 (*free)(void *);
	/* The body window was made anew (size changed). */
	void		 (*resize)(struct tui *, void *);
	/* Draw the body (t->body); re-read data if t->gen moved. */
	void		 (*draw)(struct tui *, void *);
	/*
	 * An action, or A_NONE with the key (a wide character, or a curses
	 * key code when iskey) that no action of the screen took.
	 */
	void		 (*key)(struct tui *, void *, enum action, int, int);
};

struct screen {
	const struct screen_ops	*ops;
	void			*data;
	struct form		*form;
	struct screen		*prev;
};

struct tui {
	struct cli	*cli;
	struct company	*co;		/* the company open */
	struct db	*db;		/* co->db */
	const char	*company;
	WINDOW		*titlew;
	WINDOW		*body;
	WINDOW		*msgw;
	WINDOW		*keysw;
	int		 w;		/* COLS */
	int		 h;		/* LINES */
	int		 bodyh;
	int		 small;		/* below the screen's minimum */
	int		 colour;	/* colours in use (not NO_COLOR) */
	struct screen	*top;
	int		 quit;
	uint64_t	 gen;		/* the data's change counter */
	char		 msg[512];
	int		 msg_err;
	int		 in_prompt;
};

/* Colour pairs (attributes alone when there are no colours). */
#define TUI_PAIR_ERR	1
#define TUI_PAIR_OK	2
#define TUI_PAIR_WARN	3
#define TUI_PAIR_DIM	4

extern volatile sig_atomic_t tui_signalled;

/* Put a screen on top (arg to its .init); 0 or -1 if its form is bad. */
int	 tui_push(struct tui *, const struct screen_ops *, void *);
/* Take the top screen off; the last one off ends the TUI. */
void	 tui_pop(struct tui *);
/* A message on the message line (stays until the next key). */
void	 tui_msg(struct tui *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
/* An error: rc's text or the cause, in the error colour. */
void	 tui_err(struct tui *, int, const char *);
void	 tui_errf(struct tui *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
/* Draw text at y, x in exactly width columns (made safe, cut, padded). */
void	 tui_put(WINDOW *, int, int, const char *, int, int);
/* Run fn in a read (write) transaction; an error is shown, returned. */
int	 tui_read(struct tui *, db_fn, void *);
int	 tui_write(struct tui *, db_fn, void *);
/* The attribute of an order status word. */
int	 tui_status_attr(struct tui *, int);
/* Money in the company currency. */
char	*tui_money(struct tui *, char *, size_t, int64_t);

/*
 * Ask a yes/no question on the message line; 1 for y, 0 otherwise
 * (n, Escape, a hangup).
 */
int	 tui_ask(struct tui *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));

/* Completion lists for prompts. */
#define PROMPT_PLAIN	0
#define PROMPT_COMMAND	1	/* : commands, SKUs and customer codes */
#define PROMPT_SKU	2
#define PROMPT_CUSTOMER	3

/*
 * Read a line with readline's callback interface on the message line:
 * history, editing, Tab completion of the given kind.  changed (if not
 * NULL) is called after each key with the text so far (incremental
 * search).  Returns the text (caller frees), or NULL on Escape, Ctrl-G
 * or a hangup.
 */
char	*tui_prompt(struct tui *, const char *, const char *, int,
	    void (*)(struct tui *, void *, const char *), void *);

/*
 * One key: OK (a character) or KEY_CODE_YES (a key code, *iskey set),
 * ERR on the poll timeout, -2 when the TUI must end (a signal, a dead
 * terminal).  A resize is handled inside.
 */
int	 tui_read_key(struct tui *, wint_t *, int *);

/*
 * The key that follows, waiting at most ms (0: only one already there):
 * as tui_read_key, ERR when none came.  For a screen that reads a
 * scanner's burst whole.
 */
int	 tui_read_more(struct tui *, wint_t *, int *, int);

/* Draw everything that changed and update the terminal once. */
void	 tui_draw(struct tui *);

/*
 * A list row (list.c): the form's shown columns at y, each cell from
 * cell(t, row, field, buf, len), or the headers when row is NULL; the
 * rest of the line cleared.
 */
typedef void (*tui_cell_fn)(struct tui *, const void *, const char *, char *,
    size_t);
void	 tui_row(struct tui *, const struct form *, const int *, int,
	    tui_cell_fn, const void *, int);
/*
 * The one customer a code, a name or a phone finds: 0 with code (and
 * name, if not NULL) allocated; -1 with a message when none or several.
 */
int	 tui_customer_find(struct tui *, const char *, char **, char **);

/* The screens. */
extern const struct screen_ops screen_menu_ops;
extern const struct screen_ops screen_orders_ops;
extern const struct screen_ops screen_order_ops;
extern const struct screen_ops screen_neworder_ops;
extern const struct screen_ops screen_help_ops;
extern const struct screen_ops screen_pick_ops;

/*
 * The quick-entry box (screen-quick.c), opened by the new-order screen
 * with this as its argument: cust and id say the customer and draft on
 * that screen (NULL, 0: none yet); when lines were added, done is set
 * with the draft, its customer and the number of lines.
 */
struct quick_box {
	const char	*cust;
	uint64_t	 id;
	int		 done;
	uint64_t	 made;
	size_t		 lines;
	char		*made_cust;
	char		*made_cname;
};
extern const struct screen_ops screen_quick_ops;
extern const struct screen_ops screen_customers_ops;
extern const struct screen_ops screen_items_ops;
/* The reports menu and the reports (screen-report.c). */
extern const struct screen_ops screen_reports_ops;
extern const struct screen_ops screen_day_ops;
extern const struct screen_ops screen_tb_ops;
extern const struct screen_ops screen_aging_ops;
/* A statement (arg: a customer code, or NULL to ask for one). */
extern const struct screen_ops screen_statement_ops;
extern const struct screen_ops screen_backorders_ops;
/* Payments (arg: a customer code, or NULL to ask for one). */
extern const struct screen_ops screen_payments_ops;

/* The newest counter draft of this user (0: none); its customer. */
uint64_t neworder_my_draft(struct tui *, char **, size_t *);

/* The entry point ("ordo", "ordo tui"). */
int	 tui_main(struct cli *);

#endif
