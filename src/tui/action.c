/*
 * action.c: the action table (see action.h), key names and bindings.
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "action.h"

/* The numbers in action.h are curses' own. */
_Static_assert(TUI_F(1) == KEY_F(1), "function keys");
_Static_assert(0402 == KEY_DOWN && 0403 == KEY_UP && 0406 == KEY_HOME,
    "cursor keys");
_Static_assert(0522 == KEY_NPAGE && 0523 == KEY_PPAGE && 0527 == KEY_ENTER &&
    0550 == KEY_END && 0541 == KEY_BTAB, "page keys");

static struct action_info table[] = {
#define X(id, name, label, help, key, fkey) { name, label, help, key, fkey },
	TUI_ACTIONS
#undef X
};

const char *
action_name(enum action a)
{
	return (table[a].name);
}

const char *
action_label(enum action a)
{
	return (table[a].label);
}

const char *
action_help(enum action a)
{
	return (table[a].help);
}

enum action
action_find(const char *name)
{
	int	 i;

	for (i = 0; i < A_NACTIONS; i++)
		if (strcmp(table[i].name, name) == 0)
			return ((enum action)i);
	return (A_NONE);
}

int
action_key(enum action a)
{
	return (table[a].key);
}

int
action_fkey(enum action a)
{
	return (table[a].fkey);
}

int
action_parse_key(const char *s, int *key)
{
	char	*end;
	long	 n;

	if (strcmp(s, "Enter") == 0)
		*key = '\r';
	else if (strcmp(s, "Tab") == 0)
		*key = '\t';
	else if (strcmp(s, "Space") == 0)
		*key = ' ';
	else if (strcmp(s, "Esc") == 0)
		*key = 033;
	else if (strcmp(s, "none") == 0)
		*key = 0;
	else if (s[0] == '^' && s[1] != '\0' && s[2] == '\0' &&
	    ((s[1] >= 'A' && s[1] <= 'Z') || (s[1] >= 'a' && s[1] <= 'z')))
		*key = TUI_CTRL(s[1]);
	else if (s[0] == 'F' && s[1] >= '1' && s[1] <= '9') {
		n = strtol(s + 1, &end, 10);
		if (*end != '\0' || n < 1 || n > 24)
			return (-1);
		*key = TUI_F((int)n);
	} else if (s[0] > ' ' && s[0] < 0x7f && s[1] == '\0')
		*key = s[0];
	else
		return (-1);
	return (0);
}

int
action_bind(enum action a, const char *s, int fkey)
{
	int	 key;

	if (action_parse_key(s, &key) != 0)
		return (-1);
	if (fkey)
		table[a].fkey = key;
	else
		table[a].key = key;
	return (0);
}

const char *
action_key_name(int key, char *buf, size_t len)
{
	if (key == '\r')
		snprintf(buf, len, "Enter");
	else if (key == '\t')
		snprintf(buf, len, "Tab");
	else if (key == 033)
		snprintf(buf, len, "Esc");
	else if (key == ' ')
		snprintf(buf, len, "Space");
	else if (key == KEY_BTAB)
		snprintf(buf, len, "S-Tab");
	else if (key == KEY_UP)
		snprintf(buf, len, "Up");
	else if (key == KEY_DOWN)
		snprintf(buf, len, "Down");
	else if (key == KEY_NPAGE)
		snprintf(buf, len, "PgDn");
	else if (key == KEY_PPAGE)
		snprintf(buf, len, "PgUp");
	else if (key == KEY_HOME)
		snprintf(buf, len, "Home");
	else if (key == KEY_END)
		snprintf(buf, len, "End");
	else if (key == KEY_ENTER)
		snprintf(buf, len, "Enter");
	else if (key > KEY_F0 && key <= KEY_F(24))
		snprintf(buf, len, "F%d", key - KEY_F0);
	else if (key > 0 && key < ' ')
		snprintf(buf, len, "^%c", key + '@');
	else if (key > ' ' && key < 0x7f)
		snprintf(buf, len, "%c", key);
	else
		snprintf(buf, len, "?");
	return (buf);
}

enum action
action_for_key(const enum action *acts, size_t n, int key, int iskey)
{
	size_t	 i;

	if (key == 0)
		return (A_NONE);
	for (i = 0; i < n; i++) {
		if (iskey && (table[acts[i]].fkey == key ||
		    table[acts[i]].key == key))
			return (acts[i]);
		if (!iskey && table[acts[i]].key == key)
			return (acts[i]);
	}
	return (A_NONE);
}
