/*
 * priv.h: ordo installed setgid to the company's group (DESIGN.md,
 * Trust; ordo(1), DEPLOYMENT).
 *
 * The group's rights are for the company's own files only.  Whatever
 * the user names (an output, an input, a backup directory) is opened with
 * the user's own ids: priv_drop before, priv_restore after.
 */
#ifndef ORDO_PRIV_H
#define ORDO_PRIV_H

/* 1 when this process runs with a group or user other than its real one. */
int	 priv_elevated(void);
/* Act as the real user until priv_restore.  Nests; a no-op unless elevated. */
void	 priv_drop(void);
void	 priv_restore(void);
/*
 * In a child about to run another program (a notify command, lp, a PDF
 * converter): become the real user for good, group and user, so that
 * nothing a shop's script or a printer filter does has the company's
 * group.  Exits 126 if it cannot.
 */
void	 priv_shed(void);
/*
 * Set the umask for the files the company's group makes, keeping the
 * user's for what priv_drop opens.
 */
void	 priv_set_umask(unsigned);

#endif
