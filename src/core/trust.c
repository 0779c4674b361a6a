/*
 * trust.c: the identity of the user and the files a setgid ordo believes
 * (trust.h).
 */
#include <sys/stat.h>

#include <errno.h>
#include <limits.h>
#include <libgen.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ordo/config.h"
#include "ordo/error.h"
#include "ordo/priv.h"
#include "ordo/trust.h"
#include "ordo/xmalloc.h"

static int	 trust_parent(const char *, const struct config *, char **);

int
trust_restricted(void)
{
	return (priv_elevated() && getuid() != 0);
}

/* A locale or terminal name: nothing that could be a path. */
static int
trust_plain(const char *v)
{
	const char	*p;

	if (*v == '\0' || strlen(v) > 64 || strstr(v, "..") != NULL)
		return (0);
	for (p = v; *p != '\0'; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("_.@-+", *p) != NULL))
			return (0);
	return (1);
}

void
trust_start(void)
{
	static const char *const keep[] = { "TERM", "COLUMNS", "LINES",
	    "LANG", "LANGUAGE", "LC_ALL", "LC_CTYPE", "LC_MESSAGES",
	    "LC_NUMERIC", "LC_TIME", "LC_COLLATE", "LC_MONETARY", "TZ" };
	struct passwd	*pw;
	char		*saved[sizeof keep / sizeof keep[0]];
	const char	*v;
	size_t		 i;

	if (!trust_restricted())
		return;
	for (i = 0; i < sizeof keep / sizeof keep[0]; i++) {
		v = getenv(keep[i]);
		saved[i] = v != NULL && (trust_plain(v) || (strcmp(keep[i],
		    "TZ") == 0 && v[0] != '/' && strstr(v, "..") == NULL)) ?
		    xstrdup(v) : NULL;
	}
	clearenv();
	for (i = 0; i < sizeof keep / sizeof keep[0]; i++) {
		if (saved[i] != NULL)
			setenv(keep[i], saved[i], 1);
		free(saved[i]);
	}
	setenv("PATH", "/usr/bin:/bin", 1);
	if ((pw = getpwuid(getuid())) != NULL) {
		setenv("HOME", pw->pw_dir, 1);
		setenv("USER", pw->pw_name, 1);
		setenv("LOGNAME", pw->pw_name, 1);
	}
	/* lock.mdb, made by whoever opens first, for all of the group. */
	priv_set_umask(007);
}

char *
trust_sysconfig(void)
{
	char	 exe[PATH_MAX], *p, *cfg;
	ssize_t	 n;

	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		/* PREFIX/bin/ordo -> PREFIX */
		if ((p = strrchr(exe, '/')) != NULL) {
			*p = '\0';
			if ((p = strrchr(exe, '/')) != NULL &&
			    strcmp(p, "/bin") == 0) {
				*p = '\0';
				xasprintf(&cfg, "%s/etc/ordo/ordo.yaml", exe);
				if (access(cfg, F_OK) == 0)
					return (cfg);
				free(cfg);
			}
		}
	}
	return (xstrdup(TRUST_SYSCONFIG));
}

char *
trust_login(void)
{
	struct passwd	*pw;
	char		*s;

	if ((pw = getpwuid(getuid())) != NULL)
		return (xstrdup(pw->pw_name));
	xasprintf(&s, "uid %lu", (unsigned long)getuid());
	return (s);
}

int
trust_owner(const char *dir)
{
	struct stat	 sb;
	char		*c;
	int		 rc;

	if (getuid() == 0)
		return (1);
	if (stat(dir, &sb) == 0)
		return (sb.st_uid == getuid());
	if (errno != ENOENT)
		return (0);
	c = xstrdup(dir);
	rc = stat(dirname(c), &sb) == 0 && sb.st_uid == getuid();
	free(c);
	return (rc);
}

int
trust_may_act_as(const char *dir)
{
	return (!trust_restricted() && trust_owner(dir));
}

/* The directory holding a file must be the company's as well. */
static int
trust_parent(const char *path, const struct config *cfg, char **cause)
{
	char	*c;
	int	 rc;

	c = xstrdup(path);
	rc = trust_file(dirname(c), cfg, cause);
	free(c);
	return (rc);
}

int
trust_file(const char *path, const struct config *cfg, char **cause)
{
	struct stat	 sb;
	struct passwd	*pw;
	size_t		 i;
	int		 owner = 0, rc;

	if (stat(path, &sb) == -1)
		return (cause_set(cause, errno, "%s: %s", path,
		    strerror(errno)));
	if (!S_ISDIR(sb.st_mode) && (rc = trust_parent(path, cfg,
	    cause)) != 0)
		return (rc);
	if (sb.st_uid == 0)
		owner = 1;
	for (i = 0; cfg != NULL && !owner && i < cfg->nusers; i++) {
		if (cfg->users[i].role != ROLE_ADMIN)
			continue;
		pw = getpwnam(cfg->users[i].login);
		owner = pw != NULL && pw->pw_uid == sb.st_uid;
	}
	if (!owner)
		return (cause_set(cause, EACCES, "%s: permission denied: not "
		    "the company's (owned by neither root nor an admin of "
		    "the company)", path));
	if (sb.st_mode & S_IWOTH)
		return (cause_set(cause, EACCES, "%s: permission denied: "
		    "writable by anyone", path));
	if ((sb.st_mode & S_IWGRP) && sb.st_gid != 0 && sb.st_gid != getegid())
		return (cause_set(cause, EACCES, "%s: permission denied: "
		    "writable by a group other than the company's", path));
	return (0);
}

int
trust_identity(const struct config *cfg, const char *dir, char **userp,
    enum role *rolep, char **cause)
{
	const char	*e;
	char		*user;
	enum role	 role;
	int		 acting = 0;

	*userp = NULL;
	if ((e = getenv("ORDO_USER")) != NULL && *e != '\0') {
		if (!trust_may_act_as(dir)) {
			user = trust_login();
			cause_set(cause, ORDO_EPERM, "ORDO_USER=%s: only root "
			    "or the owner of %s may act as another login; you "
			    "are %s", e, dir, user);
			free(user);
			return (ORDO_EPERM);
		}
		user = xstrdup(e);
		acting = 1;
	} else
		user = trust_login();
	if (config_listed(cfg, user))
		role = config_role(cfg, user);
	else if (!acting && trust_owner(dir))
		role = ROLE_ADMIN;
	else
		role = cfg->default_role;
	if (role == ROLE_NONE) {
		cause_set(cause, ORDO_EPERM, "%s: no role in this company: "
		    "not listed under users.roles in %s (ask its admin)", user,
		    cfg->path != NULL ? cfg->path : "its configuration");
		free(user);
		return (ORDO_EPERM);
	}
	*userp = user;
	*rolep = role;
	return (0);
}
