/*
 * outfile.h: the one way ordo opens a file it writes for the user (an
 * export, a rejects file, a backup's data file).
 *
 * The rules (DESIGN.md, Trust):
 * - A path that does not exist, or names a regular file, is written to a
 *   new file beside it, created with the given private mode, and renamed
 *   into place when complete: never half a file.
 * - Anything that is not a regular file (a device such as /dev/null or
 *   /dev/stdout, a FIFO) is written in place: it is never replaced.
 * - A symbolic link is never renamed over: ordo follows it to what it
 *   names and applies the rules above there, and only when the user who
 *   runs ordo (the real user, not the group ordo runs setgid to) may
 *   write there.  A link to nothing is refused.
 * - When ordo runs setgid, every output is opened, created and renamed
 *   with the user's own group (priv.h): the company's group never
 *   lends its rights to a path the user chose.
 */
#ifndef ORDO_OUTFILE_H
#define ORDO_OUTFILE_H

#include <sys/types.h>

#include <stdio.h>

/* Exports and rejects: the user and the user's group may read them. */
#define OUT_MODE	0640

struct outfile {
	FILE	*fp;
	int	 fd;
	char	*path;		/* the file being written: the target, with
				   any symbolic link followed */
	char	*tmp;		/* the new file beside it, or NULL when
				   written in place */
	dev_t	 dev;		/* the regular file replaced, if any */
	ino_t	 ino;
	int	 existed;
};

/*
 * Open name for writing.  mode is for a file created (the umask applies
 * as well).  On error sets cause naming the file ("permission denied",
 * "is a directory", "a symbolic link to nothing").
 */
int	 outfile_open(struct outfile *, const char *, mode_t, char **);
/* Flush, sync and put in place.  0 or an errno, with cause. */
int	 outfile_close(struct outfile *, char **);
/* Give up: the target is left as it was. */
void	 outfile_abort(struct outfile *);

#endif
