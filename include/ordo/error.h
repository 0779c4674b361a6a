/*
 * error.h: ordo's error codes and the one function that names them.
 *
 * Recoverable errors are int codes: 0 is success, LMDB's codes and errno
 * values pass through unchanged, and ordo's own codes live in their own
 * range below LMDB's.  A function that can fail on user input also
 * returns a reason through "char **cause" (allocated; the caller frees
 * it); the core never prints.
 */
#ifndef ORDO_ERROR_H
#define ORDO_ERROR_H

#define ORDO_ERRORS							\
	X(ORDO_EINVAL,     -40001, "invalid input")			\
	X(ORDO_ENOTFOUND,  -40002, "not found")				\
	X(ORDO_EEXIST,     -40003, "already exists")			\
	X(ORDO_ESHORT,     -40004, "not enough stock")			\
	X(ORDO_ESTATE,     -40005, "not allowed in this state")		\
	X(ORDO_ECONFLICT,  -40006, "changed by someone else")		\
	X(ORDO_EPERM,      -40007, "not allowed for this role")		\
	X(ORDO_EUNBALANCED,-40008, "journal entry does not balance")	\
	X(ORDO_ESCHEMA,    -40009, "database from a newer ordo")	\
	X(ORDO_EFOREIGN,   -40010, "not an ordo database")		\
	X(ORDO_ECORRUPT,   -40011, "database is damaged")		\
	X(ORDO_ECONFIG,    -40012, "bad configuration")		\
	X(ORDO_EIO,        -40013, "input/output error")		\
	X(ORDO_ERANGE,     -40014, "number out of range")

enum ordo_error {
#define X(name, value, text) name = value,
	ORDO_ERRORS
#undef X
};

/* Text for any code: ordo's own, LMDB's or errno. Never NULL. */
const char	*ordo_strerror(int);

/*
 * Set *cause (if cause is not NULL) to a formatted message and return
 * code: "return (cause_set(cause, ORDO_EINVAL, "bad %s", x));".
 */
int	 cause_set(char **, int, const char *, ...)
	    __attribute__((format(printf, 3, 4)));

/*
 * An error nothing can go on from (memory exhausted): run the fatal hook,
 * print "ordo: MESSAGE" on stderr and exit(3).  LMDB's transactions make
 * an abrupt exit safe.
 */
void	 ordo_fatal(const char *, ...)
	    __attribute__((noreturn, format(printf, 1, 2)));
/*
 * The hook ordo_fatal runs first: the TUI restores the terminal there, so
 * that the message is seen and the shell is usable.  NULL: none.
 */
void	 ordo_fatal_hook(void (*)(void));

#endif
