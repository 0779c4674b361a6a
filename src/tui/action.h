/*
 * action.h: every action of the TUI, declared once.  The X-macro gives
 * the enum, the names used for key bindings (keys.yaml) and in forms
 * (each screen names its actions), the help text of the help screen and
 * the default keys: a letter (or control) key that every terminal can
 * send, and a function key for those that have them (0: none).
 *
 * This file and action.c include no screen code, so that the unit test
 * can check the table and the forms without a terminal.
 */
#ifndef ORDO_TUI_ACTION_H
#define ORDO_TUI_ACTION_H

#include <stddef.h>

#define N_(s)		(s)
#define TUI_CTRL(c)	((c) & 0x1f)

/* Function keys as curses numbers them (KEY_F0 is 0410). */
#define TUI_F(n)	(0410 + (n))

#define TUI_ACTIONS							\
	X(A_UP,		"up",		N_("Up"),	N_("Move up"),	'k', 0403) \
	X(A_DOWN,	"down",		N_("Down"),	N_("Move down"), 'j', 0402) \
	X(A_PGUP,	"page-up",	N_("PgUp"),	N_("Previous page"), 'b', 0523) \
	X(A_PGDN,	"page-down",	N_("PgDn"),	N_("Next page"), ' ', 0522) \
	X(A_HOME,	"first",	N_("First"),	N_("First row"), 'g', 0406) \
	X(A_END,	"last",		N_("Last"),	N_("Last row"),	'G', 0550) \
	X(A_OPEN,	"open",		N_("Open"),	N_("Open the selected row"), '\r', 0527) \
	X(A_BACK,	"back",		N_("Back"),	N_("Back (quit on the main menu)"), 'q', TUI_F(10)) \
	X(A_HELP,	"help",		N_("Help"),	N_("Help for this screen"), '?', TUI_F(1)) \
	X(A_SEARCH,	"search",	N_("Search"),	N_("Search as you type"), '/', TUI_F(3)) \
	X(A_COMMAND,	"command",	N_("Command"),	N_("Command line"), ':', TUI_F(9)) \
	X(A_FILTER,	"filter",	N_("Filter"),	N_("Filter: status, channel, customer, dates"), 'f', TUI_F(4)) \
	X(A_REFRESH,	"refresh",	N_("Refresh"),	N_("Read again and redraw"), TUI_CTRL('l'), TUI_F(5)) \
	X(A_NEW,	"new-order",	N_("New"),	N_("New order"), 'n', TUI_F(2)) \
	X(A_CONFIRM,	"confirm",	N_("Confirm"),	N_("Confirm the order (reserve stock)"), 'c', TUI_F(6)) \
	X(A_PICK,	"pick",		N_("Pick"),	N_("Pick everything reserved"), 'p', TUI_F(7)) \
	X(A_PACK,	"pack",		N_("Pack"),	N_("Pack the picked goods"), 'a', TUI_F(8)) \
	X(A_SHIP,	"ship",		N_("Ship"),	N_("Ship, with carrier and tracking"), 's', TUI_F(11)) \
	X(A_DELIVER,	"deliver",	N_("Deliver"),	N_("Mark the order delivered"), 'd', TUI_F(12)) \
	X(A_CANCEL,	"cancel",	N_("Cancel"),	N_("Cancel the order (asks first)"), 'x', 0) \
	X(A_RETURN,	"return",	N_("Return"),	N_("Return goods: LINE:QTY (asks first)"), 'r', 0) \
	X(A_PAY,	"pay",		N_("Pay"),	N_("Take a payment from the customer"), '$', 0) \
	X(A_NEXTFIELD,	"next-field",	N_("Next"),	N_("Next field"), '\t', 0) \
	X(A_PREVFIELD,	"prev-field",	N_("Prev"),	N_("Previous field"), 0541, 0) \
	X(A_ORDER_CONFIRM, "confirm-order", N_("Confirm"), N_("Confirm the order (short lines are named first)"), TUI_CTRL('o'), TUI_F(6)) \
	X(A_ORDER_PAY,	"take-payment",	N_("Pay"),	N_("Take a payment or prepayment"), TUI_CTRL('p'), TUI_F(7)) \
	X(A_ORDER_DEL,	"remove-line",	N_("Del line"),	N_("Remove the last line (new drafts only)"), TUI_CTRL('d'), TUI_F(8)) \
	X(A_PICK_WAVE,	"take-wave",	N_("Wave"),	N_("Take the next wave of orders to pick"), 'w', 0) \
	X(A_PICK_SHORT,	"short-pick",	N_("Short"),	N_("Short pick: fewer found than asked (the rest is backordered)"), 's', 0) \
	X(A_PICK_PACK,	"pack-order",	N_("Pack"),	N_("Pack the order: all its lines are picked"), 'p', 0) \
	X(A_STEP_BACK,	"step-back",	N_("Back"),	N_("One step back (clears what was typed first)"), 033, 0) \
	X(A_ORDER_LEAVE, "leave-draft",	N_("Leave"),	N_("Leave; the draft is kept for you"), TUI_CTRL('x'), TUI_F(10)) \
	X(A_ORDER_QUICK, "quick-entry",	N_("Quick"),	N_("Quick entry: paste a customer's message"), TUI_CTRL('e'), TUI_F(3)) \
	X(A_QUICK_ADD,	"add-message",	N_("Add"),	N_("Add the message's lines to the order"), TUI_CTRL('o'), TUI_F(6)) \
	X(A_QUICK_DROP,	"drop-message",	N_("Back"),	N_("Back to the order; the message is dropped"), TUI_CTRL('x'), TUI_F(10)) \
	X(A_PREPAY,	"prepay",	N_("Prepay"),	N_("Take a prepayment (kept as credit for later orders)"), '+', 0) \
	X(A_ALLOCATE,	"allocate",	N_("Allocate"),	N_("Allocate unallocated money to the selected invoice"), 'l', TUI_F(8)) \
	X(A_ALLOC_OLDEST, "allocate-oldest", N_("Oldest"), N_("Allocate unallocated money to open invoices, oldest first"), 'o', 0) \
	X(A_CUSTOMER,	"customer",	N_("Customer"),	N_("Choose the customer (code, name or phone)"), 'u', TUI_F(4)) \
	X(A_PERIOD,	"period",	N_("Period"),	N_("Choose the dates (from, to)"), 'd', TUI_F(9))

enum action {
	A_NONE = -1,
#define X(id, name, label, help, key, fkey) id,
	TUI_ACTIONS
#undef X
	A_NACTIONS
};

struct action_info {
	const char	*name;
	const char	*label;		/* untranslated, for the key line */
	const char	*help;		/* untranslated */
	int		 key;		/* letter or control key */
	int		 fkey;		/* curses key code or 0 */
};

const char	*action_name(enum action);
const char	*action_help(enum action);	/* untranslated */
const char	*action_label(enum action);	/* untranslated */

/* The action of this name, or A_NONE. */
enum action	 action_find(const char *);
/* Rebind: key as "c", "^L", "F6"; 0 or -1 on a bad key name. */
int		 action_bind(enum action, const char *, int);
/* Current keys of an action. */
int		 action_key(enum action);
int		 action_fkey(enum action);
/* Parse a key name ("c", "^O", "F6", "Enter", "Tab", "Space"); -1 if bad. */
int		 action_parse_key(const char *, int *);
/* The name of a key for the key-help line: "c", "^O", "F6", "Enter". */
const char	*action_key_name(int, char *, size_t);

/*
 * Of actions acts[0..n), the one bound to key (letter key or function
 * key), or A_NONE.
 */
enum action	 action_for_key(const enum action *, size_t, int, int);

#endif
