/*
 * outfile.c: opening what ordo writes for the user (outfile.h), and
 * acting as the real user while doing it (priv.h).
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ordo/error.h"
#include "ordo/outfile.h"
#include "ordo/priv.h"
#include "ordo/xmalloc.h"

static int	 priv_depth;
static int	 priv_umask_set;
static mode_t	 priv_user_umask, priv_group_umask;

void
priv_set_umask(unsigned m)
{
	priv_user_umask = umask((mode_t)m);
	priv_group_umask = (mode_t)m;
	priv_umask_set = 1;
}

int
priv_elevated(void)
{
	uid_t	 ru, eu, su;
	gid_t	 rg, eg, sg;

	if (getresuid(&ru, &eu, &su) == -1 || getresgid(&rg, &eg, &sg) == -1)
		return (1);
	return (ru != eu || ru != su || rg != eg || rg != sg);
}

void
priv_drop(void)
{
	uid_t	 ru, eu, su;
	gid_t	 rg, eg, sg;

	if (priv_depth++ > 0)
		return;
	if (priv_umask_set)
		umask(priv_user_umask);
	if (getresuid(&ru, &eu, &su) == -1 || getresgid(&rg, &eg, &sg) == -1)
		return;
	/* Group first: a setuid process may no longer after its uid. */
	if (eg != rg && setegid(rg) == -1)
		abort();
	if (eu != ru && seteuid(ru) == -1)
		abort();
}

void
priv_shed(void)
{
	uid_t	 ru = getuid();
	gid_t	 rg = getgid();

	/* All three ids of each, so that nothing can win them back. */
	if (setresgid(rg, rg, rg) == -1 || setresuid(ru, ru, ru) == -1)
		_exit(126);
	if (priv_umask_set)
		umask(priv_user_umask);
}

void
priv_restore(void)
{
	uid_t	 ru, eu, su;
	gid_t	 rg, eg, sg;

	if (priv_depth == 0 || --priv_depth > 0)
		return;
	if (priv_umask_set)
		umask(priv_group_umask);
	if (getresuid(&ru, &eu, &su) == -1 || getresgid(&rg, &eg, &sg) == -1)
		return;
	if (eu != su && seteuid(su) == -1)
		abort();
	if (eg != sg && setegid(sg) == -1)
		abort();
}

/* The directory part of a path ("." for a bare name). */
static char *
out_dirname(const char *path)
{
	char	*c, *d, *r;

	c = xstrdup(path);
	d = dirname(c);
	r = xstrdup(d);
	free(c);
	return (r);
}

static mode_t
out_umask(void)
{
	mode_t	 m;

	m = umask(077);
	umask(m);
	return (m);
}

static int
out_fail(struct outfile *o, char **cause, const char *name, int err)
{
	if (o->fd != -1)
		close(o->fd);
	if (o->tmp != NULL)
		unlink(o->tmp);
	free(o->tmp);
	free(o->path);
	memset(o, 0, sizeof *o);
	o->fd = -1;
	return (cause_set(cause, err, "%s: %s", name, strerror(err)));
}

static int
out_open(struct outfile *o, const char *name, mode_t mode, char **cause)
{
	struct stat	 sb;
	char		*dir, *real;
	const char	*base;
	int		 fd;

	memset(o, 0, sizeof *o);
	o->fd = -1;
	if (lstat(name, &sb) == -1) {
		if (errno != ENOENT)
			return (out_fail(o, cause, name, errno));
		o->path = xstrdup(name);
	} else if (S_ISLNK(sb.st_mode)) {
		/*
		 * Follow the link to what it names, never rename over the
		 * link itself; what it names must exist.
		 */
		if ((real = realpath(name, NULL)) == NULL) {
			if (errno == ENOENT)
				return (cause_set(cause, ENOENT, "%s: a "
				    "symbolic link to nothing; give the file "
				    "itself", name));
			return (out_fail(o, cause, name, errno));
		}
		o->path = real;
		if (stat(real, &sb) == -1)
			return (out_fail(o, cause, name, errno));
		/* Where the user could not write, neither may ordo. */
		if (access(real, W_OK) == -1)
			return (out_fail(o, cause, name, errno));
		o->existed = 1;
	} else {
		o->path = xstrdup(name);
		o->existed = 1;
	}
	if (o->existed && S_ISDIR(sb.st_mode))
		return (out_fail(o, cause, name, EISDIR));
	if (o->existed && !S_ISREG(sb.st_mode)) {
		/* A device or a FIFO: written in place, never replaced. */
		if ((o->fd = open(o->path, O_WRONLY | O_NOCTTY | O_CLOEXEC)) ==
		    -1)
			return (out_fail(o, cause, name, errno));
		if (fstat(o->fd, &sb) == -1)
			return (out_fail(o, cause, name, errno));
		if (S_ISREG(sb.st_mode)) {
			/* Replaced by a regular file meanwhile. */
			return (out_fail(o, cause, name, EAGAIN));
		}
		return (0);
	}
	if (o->existed) {
		o->dev = sb.st_dev;
		o->ino = sb.st_ino;
	}
	/* A new file beside the target, renamed over it when complete. */
	dir = out_dirname(o->path);
	base = strrchr(o->path, '/');
	base = base != NULL ? base + 1 : o->path;
	xasprintf(&o->tmp, "%s/.%s.XXXXXX", dir, base);
	free(dir);
	if ((fd = mkostemp(o->tmp, O_CLOEXEC)) == -1) {
		free(o->tmp);
		o->tmp = NULL;
		return (out_fail(o, cause, name, errno));
	}
	o->fd = fd;
	/*
	 * From a setgid ordo the file is the user's, in the user's own
	 * group (priv.h), which may be everyone's ("users"): the user's
	 * alone, then.
	 */
	if (priv_elevated())
		mode &= 0600;
	if (fchmod(fd, mode & 0666 & ~out_umask()) == -1)
		return (out_fail(o, cause, name, errno));
	return (0);
}

/* Rename to a name that must not exist (else EEXIST). */
static int
out_noreplace(const char *from, const char *to)
{
	if (renameat2(AT_FDCWD, from, AT_FDCWD, to, RENAME_NOREPLACE) == 0)
		return (0);
	if (errno != EINVAL && errno != ENOSYS)
		return (errno);
	/* A file system without it: link refuses an existing name too. */
	if (link(from, to) == -1)
		return (errno);
	unlink(from);
	return (0);
}

int
outfile_open(struct outfile *o, const char *name, mode_t mode, char **cause)
{
	int	 rc;

	priv_drop();
	rc = out_open(o, name, mode, cause);
	priv_restore();
	if (rc != 0)
		return (rc);
	if ((o->fp = fdopen(o->fd, "w")) == NULL) {
		rc = errno;
		priv_drop();
		out_fail(o, NULL, name, rc);
		priv_restore();
		return (cause_set(cause, rc, "%s: %s", name, strerror(rc)));
	}
	return (0);
}

int
outfile_close(struct outfile *o, char **cause)
{
	struct stat	 sb;
	int		 rc = 0;

	if (fflush(o->fp) != 0 || ferror(o->fp))
		rc = errno != 0 ? errno : EIO;
	else if (o->tmp != NULL && fsync(o->fd) == -1)
		rc = errno;
	if (fclose(o->fp) != 0 && rc == 0)
		rc = errno;
	o->fp = NULL;
	o->fd = -1;
	priv_drop();
	if (rc == 0 && o->tmp != NULL) {
		/*
		 * Only a regular file, the one seen at open, or nothing, is
		 * replaced; whatever else took its place meanwhile stays.
		 */
		if (lstat(o->path, &sb) == 0) {
			if (!o->existed || !S_ISREG(sb.st_mode) ||
			    sb.st_dev != o->dev || sb.st_ino != o->ino)
				rc = EEXIST;
		} else if (errno != ENOENT)
			rc = errno;
		else if (o->existed)
			rc = ENOENT;
		if (rc == 0 && o->existed && rename(o->tmp, o->path) == -1)
			rc = errno;
		else if (rc == 0 && !o->existed)
			rc = out_noreplace(o->tmp, o->path);
	}
	if (rc != 0) {
		cause_set(cause, rc, "%s: %s", o->path, rc == EEXIST ?
		    "changed by someone else while being written" :
		    strerror(rc));
		if (o->tmp != NULL)
			unlink(o->tmp);
	}
	priv_restore();
	free(o->tmp);
	free(o->path);
	memset(o, 0, sizeof *o);
	o->fd = -1;
	return (rc);
}

void
outfile_abort(struct outfile *o)
{
	if (o->fp != NULL)
		fclose(o->fp);
	else if (o->fd != -1)
		close(o->fd);
	priv_drop();
	if (o->tmp != NULL)
		unlink(o->tmp);
	priv_restore();
	free(o->tmp);
	free(o->path);
	memset(o, 0, sizeof *o);
	o->fd = -1;
}
