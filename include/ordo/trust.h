/*
 * trust.h: who is at work, and which files may be believed (DESIGN.md,
 * Trust; ordo(1), DEPLOYMENT).
 *
 * Installed for a shop, ordo is setgid to the company's group and the
 * company's files belong to that group; users are not in it.  Such a
 * process is "restricted" (setgid and not run by root): it takes the
 * user from the real uid only, reads only the system configuration,
 * ignores the ORDO_* variables (trust_start clears the environment), and
 * opens a company directory only when it is the company's (trust_file).
 */
#ifndef ORDO_TRUST_H
#define ORDO_TRUST_H

#include "ordo/config.h"

/*
 * The configuration a restricted ordo reads, and no other: PREFIX/etc/
 * ordo/ordo.yaml beside the installed binary (PREFIX/bin/ordo) when it
 * exists, else /etc/ordo/ordo.yaml.  Allocated.
 */
#define TRUST_SYSCONFIG	"/etc/ordo/ordo.yaml"
char	*trust_sysconfig(void);

/*
 * First thing in main: when restricted, keep only TERM, COLUMNS, LINES
 * and the locale variables (with plain values) of the environment, set
 * PATH, HOME, USER and LOGNAME from the password entry of the real uid,
 * and make files the group creates (lock.mdb) group-writable.
 */
void	 trust_start(void);
/* 1 when running setgid (or setuid) and not as root. */
int	 trust_restricted(void);
/* The login of the real uid ("uid N" when it has no password entry). */
char	*trust_login(void);
/*
 * May ORDO_USER name someone else?  Only for someone who could write the
 * company's files directly anyway: not restricted, and root or the owner
 * of dir (of the directory it would be made in, when dir does not exist).
 */
int	 trust_may_act_as(const char *);
/* 1 if the real uid owns dir (root owns everything). */
int	 trust_owner(const char *);
/*
 * A restricted ordo believes a file only when it is the company's: owned
 * by root or by a login the configuration (if not NULL) makes admin, not
 * writable by others, and group-writable only by root's group or the
 * group ordo runs as.  0, or EACCES with a cause naming the file.
 */
int	 trust_file(const char *, const struct config *, char **);

/*
 * Who is at work in the company in dir, and the role cfg gives them: the
 * real login, or $ORDO_USER for someone trust_may_act_as allows (else
 * ORDO_EPERM); a login the configuration lists has its role there; root
 * and the owner of dir, unlisted, are admin; anyone else has
 * default_role.  Role none is ORDO_EPERM ("no role in this company").
 */
int	 trust_identity(const struct config *, const char *, char **,
	    enum role *, char **);

#endif
