/*
 * cmd-print.c: "ordo print": the printed documents of print.h, laid out
 * from config/print/DOC.txt and sent where the counter wants them:
 *   (default)           the text on standard output
 *   --output FILE       the bytes to a file (outfile_open: a device or a
 *                       FIFO is written in place, never replaced)
 *   --printer NAME      through CUPS: lp -d NAME (ESC/POS with -o raw)
 *   --device PATH       raw to a receipt printer: a device such as
 *                       /dev/usb/lp0, or HOST:9100 over the network
 * --escpos sends ESC/POS (GB18030 text and a paper cut) instead of the
 * UTF-8 text; --device always does.  For a statement, --pdf converts the
 * text with paps(1) (and ps2pdf(1)) if they are installed, else says so
 * and writes the text (prt_pdf_converter).
 */
#include <sys/socket.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ordo/codec.h"
#include "ordo/company.h"
#include "ordo/date.h"
#include "ordo/error.h"
#include "ordo/money.h"
#include "ordo/notice.h"
#include "ordo/outfile.h"
#include "ordo/print.h"
#include "ordo/priv.h"
#include "ordo/reconcile.h"
#include "ordo/text.h"
#include "ordo/xmalloc.h"

#include "cli.h"

struct prt {
	enum print_doc	 doc;
	uint64_t	 order;
	const char	*customer;
	int32_t		 from, to;
	int		 width;
	const char	*tmpl;
	const struct notice_config *nc;
	struct buf	 text;
};

static int
prt_fn(struct db_txn *tx, void *arg, char **cause)
{
	struct prt	*p = arg;

	if (p->doc == PRINT_STATEMENT)
		return (print_statement(tx, p->customer, p->from, p->to,
		    p->tmpl, p->width, &p->text, cause));
	return (print_order(tx, p->doc, p->order, p->nc, p->tmpl, p->width,
	    &p->text, cause));
}

/* config/print/DOC.txt beside the config file. */
static int
prt_template(struct cli *cli, enum print_doc d, char **out, char **cause)
{
	const char	*slash;
	char		*path;
	FILE		*fp;
	struct buf	 b;
	char		 chunk[4096];
	size_t		 n;

	if (cli->cfgpath == NULL || (slash = strrchr(cli->cfgpath, '/')) ==
	    NULL)
		xasprintf(&path, "print/%s.txt", print_doc_name(d));
	else
		xasprintf(&path, "%.*s/print/%s.txt",
		    (int)(slash - cli->cfgpath), cli->cfgpath,
		    print_doc_name(d));
	if ((fp = fopen(path, "r")) == NULL) {
		n = (size_t)cause_set(cause, errno, "%s: %s", path,
		    strerror(errno));
		free(path);
		return ((int)n);
	}
	buf_init(&b);
	while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0 &&
	    b.len < 256 * 1024)
		buf_add(&b, chunk, n);
	fclose(fp);
	buf_add(&b, "", 1);
	if (!utf8_valid((char *)b.d, b.len - 1)) {
		buf_free(&b);
		n = (size_t)cause_set(cause, ORDO_ECONFIG, "%s: not UTF-8",
		    path);
		free(path);
		return ((int)n);
	}
	free(path);
	*out = xstrdup((char *)b.d);
	buf_free(&b);
	return (0);
}

/* Run argv with data on its standard input; 0 or a cause. */
static int
prt_pipe(char *const argv[], const struct buf *data, int outfd,
    char **cause)
{
	void	(*osig)(int);
	pid_t	 pid;
	int	 fds[2], st;
	size_t	 off = 0;
	ssize_t	 w;

	if (pipe(fds) == -1)
		return (cause_set(cause, errno, "pipe: %s", strerror(errno)));
	fflush(stdout);
	if ((pid = fork()) == -1)
		return (cause_set(cause, errno, "fork: %s", strerror(errno)));
	if (pid == 0) {
		dup2(fds[0], STDIN_FILENO);
		if (outfd != -1)
			dup2(outfd, STDOUT_FILENO);
		close(fds[0]);
		close(fds[1]);
		priv_shed();
		execvp(argv[0], argv);
		/* 127: as a shell says "not found"; the parent explains. */
		_exit(errno == ENOENT ? 127 : 126);
	}
	close(fds[0]);
	/* A program that exits unread (not installed) is not our death. */
	osig = signal(SIGPIPE, SIG_IGN);
	while (off < data->len) {
		if ((w = write(fds[1], data->d + off, data->len - off)) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		off += (size_t)w;
	}
	close(fds[1]);
	signal(SIGPIPE, osig);
	while (waitpid(pid, &st, 0) == -1 && errno == EINTR)
		continue;
	if (WIFEXITED(st) && WEXITSTATUS(st) == 127 &&
	    strcmp(argv[0], "lp") == 0)
		return (cause_set(cause, ORDO_EIO, "lp: not found: printing "
		    "with --printer needs the CUPS client (Debian package "
		    "cups-client)"));
	if (WIFEXITED(st) && WEXITSTATUS(st) == 127)
		return (cause_set(cause, ORDO_EIO, "%s: not found", argv[0]));
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
		return (cause_set(cause, ORDO_EIO, "%s failed (status %d)",
		    argv[0], WIFEXITED(st) ? WEXITSTATUS(st) : -1));
	return (0);
}

/* HOST:PORT (a receipt printer's raw port, usually 9100). */
static int
prt_tcp(const char *dest, const struct buf *data, char **cause)
{
	struct addrinfo	 hints, *res, *ai;
	char		*host;
	const char	*port;
	size_t		 off = 0;
	ssize_t		 w;
	int		 fd = -1, rc;

	port = strrchr(dest, ':');
	host = xstrndup(dest, (size_t)(port - dest));
	memset(&hints, 0, sizeof hints);
	hints.ai_socktype = SOCK_STREAM;
	if ((rc = getaddrinfo(host, port + 1, &hints, &res)) != 0) {
		rc = cause_set(cause, ORDO_EIO, "%s: %s", dest,
		    gai_strerror(rc));
		free(host);
		return (rc);
	}
	free(host);
	for (ai = res; ai != NULL; ai = ai->ai_next) {
		fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC,
		    ai->ai_protocol);
		if (fd != -1 && connect(fd, ai->ai_addr, ai->ai_addrlen) == 0)
			break;
		if (fd != -1)
			close(fd);
		fd = -1;
	}
	freeaddrinfo(res);
	if (fd == -1)
		return (cause_set(cause, ORDO_EIO, "%s: cannot connect: %s",
		    dest, strerror(errno)));
	while (off < data->len) {
		if ((w = write(fd, data->d + off, data->len - off)) < 0) {
			if (errno == EINTR)
				continue;
			rc = cause_set(cause, ORDO_EIO, "%s: %s", dest,
			    strerror(errno));
			close(fd);
			return (rc);
		}
		off += (size_t)w;
	}
	close(fd);
	return (0);
}

/* Is prog a program on PATH?  (Looked up here: no shell is run.) */
static int
prt_have(const char *prog)
{
	const char	*path = getenv("PATH"), *p, *e;
	char		*f;
	int		 ok = 0;

	if (path == NULL || *path == '\0')
		path = "/usr/bin:/bin";
	for (p = path; !ok; p = e + 1) {
		e = strchr(p, ':');
		if (e == NULL)
			e = p + strlen(p);
		if (e == p)
			xasprintf(&f, "./%s", prog);
		else
			xasprintf(&f, "%.*s/%s", (int)(e - p), p, prog);
		ok = access(f, X_OK) == 0;
		free(f);
		if (*e == '\0')
			break;
	}
	return (ok);
}

/* Does sh -c cmd succeed, run as the real user with no input or output? */
static int
prt_ok(const char *cmd)
{
	pid_t	 pid;
	int	 st, fd;

	fflush(stdout);
	if ((pid = fork()) == -1)
		return (0);
	if (pid == 0) {
		if ((fd = open("/dev/null", O_RDWR)) != -1) {
			dup2(fd, STDIN_FILENO);
			dup2(fd, STDOUT_FILENO);
			dup2(fd, STDERR_FILENO);
		}
		priv_shed();
		execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
		_exit(127);
	}
	while (waitpid(pid, &st, 0) == -1 && errno == EINTR)
		continue;
	return (WIFEXITED(st) && WEXITSTATUS(st) == 0);
}

/*
 * The shell command that turns the text on its standard input into PDF,
 * or NULL.  paps(1) lays UTF-8 out with Pango, so Chinese is drawn with
 * whatever CJK font fontconfig has (fonts-wqy-microhei, fonts-noto-cjk);
 * the paps of Debian 12 writes PostScript, which ps2pdf(1) (ghostscript)
 * turns into PDF; newer paps writes PDF itself.  A 10 point monospace
 * font puts the 80 columns of a statement on A4 without wrapping.
 * enscript(1) is not used: it has no CJK.
 */
static const char *
prt_pdf_converter(void)
{
	if (!prt_have("paps"))
		return (NULL);
	if (prt_have("ps2pdf"))
		return ("paps --font='Monospace 10' | ps2pdf - -");
	if (prt_ok("paps --format=pdf"))
		return ("paps --font='Monospace 10' --format=pdf");
	return (NULL);
}

int
cmd_print(struct cli *cli, int argc, char **argv)
{
	static const struct option lo[] = {
		{ "width",	required_argument, NULL, 'w' },
		{ "output",	required_argument, NULL, 'o' },
		{ "printer",	required_argument, NULL, 'p' },
		{ "device",	required_argument, NULL, 'D' },
		{ "escpos",	no_argument,	   NULL, 'e' },
		{ "pdf",	no_argument,	   NULL, 'P' },
		{ "from",	required_argument, NULL, 'f' },
		{ "to",		required_argument, NULL, 't' },
		CLI_OPT_END
	};
	struct prt	 p;
	struct outfile	 of;
	struct buf	 bytes, *send;
	const char	*output = NULL, *printer = NULL, *device = NULL;
	char		*cause = NULL, *tmpl = NULL;
	const char	*conv = NULL;
	int64_t		 w = 0;
	int		 c, rc, escpos = 0, pdf = 0, d;

	memset(&p, 0, sizeof p);
	buf_init(&p.text);
	buf_init(&bytes);
	p.from = 0;
	p.to = company_day(cli->co, util_now());
	while ((c = cli_getopt(cli, argc, argv, NULL, lo)) != -1) {
		switch (c) {
		case 'w':
			if ((rc = cli_qty(cli, "--width", optarg, 1, &w)) != 0)
				return (rc);
			break;
		case 'o':
			output = optarg;
			break;
		case 'p':
			printer = optarg;
			break;
		case 'D':
			device = optarg;
			escpos = 1;
			break;
		case 'e':
			escpos = 1;
			break;
		case 'P':
			pdf = 1;
			break;
		case 'f':
			if ((rc = cli_date(cli, "--from", optarg,
			    &p.from)) != 0)
				return (rc);
			break;
		case 't':
			if ((rc = cli_date(cli, "--to", optarg, &p.to)) != 0)
				return (rc);
			break;
		default:
			return (EXIT_USAGE);
		}
	}
	if ((rc = cli_nargs(cli, argc - optind, 2, 2)) != 0)
		return (rc);
	if ((d = print_doc_lookup(argv[optind])) < 0)
		return (cli_usage_error(cli, "no document %s (receipt, slip, "
		    "invoice, statement, picklist)", argv[optind]));
	if ((output != NULL) + (printer != NULL) + (device != NULL) > 1)
		return (cli_usage_error(cli, "--output, --printer and --device "
		    "go alone"));
	if (pdf && (d != PRINT_STATEMENT || escpos || output == NULL))
		return (cli_usage_error(cli, "--pdf is for a statement "
		    "written with --output"));
	p.doc = (enum print_doc)d;
	p.width = w != 0 ? (int)w : d == PRINT_RECEIPT ? 32 : 80;
	if (d == PRINT_STATEMENT)
		p.customer = argv[optind + 1];
	else if ((rc = cli_id(cli, "N", argv[optind + 1], &p.order)) != 0)
		return (rc);
	if ((rc = prt_template(cli, p.doc, &tmpl, &cause)) != 0)
		goto fail;
	p.tmpl = tmpl;
	p.nc = cli_notice(cli);
	if ((rc = db_read(cli->db, prt_fn, &p, &cause)) != 0)
		goto fail;
	send = &p.text;
	if (escpos) {
		if ((rc = print_escpos((char *)p.text.d, &bytes,
		    &cause)) != 0)
			goto fail;
		send = &bytes;
	}
	if (pdf && (conv = prt_pdf_converter()) == NULL) {
		fprintf(stderr, "ordo: print: --pdf needs paps and ps2pdf "
		    "(Debian packages paps and ghostscript), and neither "
		    "paps --format=pdf is there: wrote the text to %s\n",
		    output);
		pdf = 0;
	}
	if (output != NULL) {
		if ((rc = outfile_open(&of, output, OUT_MODE, &cause)) != 0)
			goto fail;
		fflush(of.fp);
		if (pdf) {
			char *const sh[] = { (char *)"sh", (char *)"-c",
			    (char *)conv, NULL };

			rc = prt_pipe(sh, send, fileno(of.fp), &cause);
		} else if (fwrite(send->d, 1, send->len, of.fp) != send->len)
			rc = cause_set(&cause, errno, "%s: %s", output,
			    strerror(errno));
		if (rc != 0) {
			outfile_abort(&of);
			goto fail;
		}
		if ((rc = outfile_close(&of, &cause)) != 0)
			goto fail;
	} else if (printer != NULL) {
		char *const lp[] = { (char *)"lp", (char *)"-s", (char *)"-d",
		    (char *)printer, escpos ? (char *)"-o" : NULL,
		    (char *)"raw", NULL };

		if ((rc = prt_pipe(lp, send, -1, &cause)) != 0)
			goto fail;
	} else if (device != NULL) {
		if (strchr(device, '/') == NULL && strchr(device, ':') !=
		    NULL)
			rc = prt_tcp(device, send, &cause);
		else if ((rc = outfile_open(&of, device, OUT_MODE,
		    &cause)) == 0) {
			/* As the user, in place if a device (outfile.h). */
			if (fwrite(send->d, 1, send->len, of.fp) !=
			    send->len) {
				rc = cause_set(&cause, errno, "%s: %s", device,
				    strerror(errno));
				outfile_abort(&of);
			} else
				rc = outfile_close(&of, &cause);
		}
		if (rc != 0)
			goto fail;
	} else if (fwrite(send->d, 1, send->len, stdout) != send->len ||
	    fflush(stdout) == EOF) {
		rc = cause_set(&cause, errno, "standard output: %s",
		    strerror(errno));
		goto fail;
	}
	rc = EXIT_OK;
	goto out;
fail:
	rc = cli_fail(cli, rc, cause);
	free(cause);
out:
	free(tmpl);
	buf_free(&p.text);
	buf_free(&bytes);
	return (rc);
}

/* "ordo reconcile": statements sent, agreed, disputed (reconcile.h). */
struct rec {
	struct cli	*cli;
	const char	*customer;
	int32_t		 from, to;
	int		 what;
	const char	*note;
	size_t		 n;
};

static int
rec_row(const struct recon *r, void *arg)
{
	struct rec	*rc = arg;
	char		 d1[DATE_BUFSZ], d2[DATE_BUFSZ], t[TIME_BUFSZ];
	char		 m[MONEY_BUFSZ];

	rc->n++;
	printf("%s..%s  %-8s %s  %-10s closing %s%s%s\n",
	    date_fmt(d1, sizeof d1, r->from), date_fmt(d2, sizeof d2, r->to),
	    recon_action_name(r->what), cli_fmt_time(t, sizeof t, r->time),
	    r->user, cli_fmt_money(rc->cli, m, sizeof m, r->closing),
	    *r->note != '\0' ? ": " : "", r->note);
	return (0);
}

static int
rec_fn(struct db_txn *tx, void *arg, char **cause)
{
	struct rec	*r = arg;

	if (r->what < 0) {
		r->n = 0;
		return (recon_each(tx, r->customer, rec_row, r));
	}
	return (recon_note(tx, r->customer, r->from, r->to,
	    (enum recon_action)r->what, r->note, cause));
}

int
cmd_reconcile(struct cli *cli, int argc, char **argv)
{
	static const struct option lo[] = {
		{ "from",	required_argument, NULL, 'f' },
		{ "to",		required_argument, NULL, 't' },
		{ "note",	required_argument, NULL, 'n' },
		CLI_OPT_END
	};
	struct rec	 r;
	char		*cause = NULL;
	int		 c, rc, havef = 0, havet = 0;

	memset(&r, 0, sizeof r);
	r.cli = cli;
	r.what = -1;
	while ((c = cli_getopt(cli, argc, argv, NULL, lo)) != -1) {
		switch (c) {
		case 'f':
			if ((rc = cli_date(cli, "--from", optarg,
			    &r.from)) != 0)
				return (rc);
			havef = 1;
			break;
		case 't':
			if ((rc = cli_date(cli, "--to", optarg, &r.to)) != 0)
				return (rc);
			havet = 1;
			break;
		case 'n':
			r.note = optarg;
			break;
		default:
			return (EXIT_USAGE);
		}
	}
	if ((rc = cli_nargs(cli, argc - optind, 1, 2)) != 0)
		return (rc);
	r.customer = argv[optind];
	if (argc - optind == 2) {
		if ((r.what = recon_action_lookup(argv[optind + 1])) < 0)
			return (cli_usage_error(cli, "%s: sent, agreed or "
			    "disputed", argv[optind + 1]));
		if (!havef || !havet)
			return (cli_usage_error(cli, "say which statement: "
			    "--from D --to D"));
		rc = db_write(cli->db, rec_fn, &r, &cause);
	} else
		rc = db_read(cli->db, rec_fn, &r, &cause);
	if (rc != 0) {
		rc = cli_fail(cli, rc, cause);
		free(cause);
		return (rc);
	}
	if (r.what >= 0)
		printf("statement of %s: %s\n", r.customer,
		    recon_action_name((enum recon_action)r.what));
	return (EXIT_OK);
}
