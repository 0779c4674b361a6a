/*
 * testlib.h: a fresh company for each unit test.  t_open() makes a
 * temporary directory, opens a database there with the shipped
 * config/ordo.yaml, sets the role (admin unless changed) and runs
 * company_setup.  t_write()/t_read() run a block in a transaction and fail
 * the test on error.
 */
#ifndef ORDO_TESTLIB_H
#define ORDO_TESTLIB_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "ordo/company.h"
#include "ordo/config.h"
#include "ordo/db.h"

struct tco {
	struct company	*co;
	struct db	*db;		/* co->db */
	struct config	*cfg;
	char		 dir[64];
};

struct tco	*t_open(void);
void		 t_close(struct tco *);
/* Run fn in a write txn; returns its code, cause printed on failure. */
int		 t_write(struct tco *, db_fn, void *);
int		 t_read(struct tco *, db_fn, void *);
/* Path of a file relative to the project top ($ORDO_TOP or cwd). */
const char	*t_path(const char *);

#endif
