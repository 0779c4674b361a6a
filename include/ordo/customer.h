/*
 * customer.h: customers.  Code (the key: 1..32 bytes, letters, digits,
 * - _ .), name, phone, email, billing and shipping addresses, notes.
 *
 * Tables: TB_CUSTOMERS key code -> record; TB_CUST_BY_NAME key
 * folded-name NUL code; TB_CUST_BY_PHONE key digits-of-phone NUL code.
 * Never deleted.
 */
#ifndef ORDO_CUSTOMER_H
#define ORDO_CUSTOMER_H

#include <stdint.h>

#include "ordo/db.h"

/* Field limits, in bytes of UTF-8: forms use the same numbers. */
#define CUSTOMER_CODE_MAX	32
#define CUSTOMER_NAME_MAX	200
#define CUSTOMER_PHONE_MAX	40
#define CUSTOMER_EMAIL_MAX	254
#define CUSTOMER_ADDR_MAX	500
#define CUSTOMER_NOTES_MAX	2000

struct customer {
	char		*code;
	char		*name;
	char		*phone;
	char		*email;
	char		*bill_addr;
	char		*ship_addr;
	char		*notes;
	int64_t		 created;
	uint32_t	 version;
};

/* Check a customer's fields; ORDO_EINVAL naming the field (where.h). */
int	 customer_validate(const struct customer *, char **);
int	 customer_add(struct db_txn *, const struct customer *, char **);
/* The customer's fingerprint as its audit records keep it (audit.h). */
uint64_t customer_digest(const struct customer *);
/* Version must match the stored one, else ORDO_ECONFLICT. */
int	 customer_update(struct db_txn *, const struct customer *, char **);
int	 customer_get(struct db_txn *, const char *, struct customer *,
	    char **);
void	 customer_free(struct customer *);
int	 customer_each(struct db_txn *, const char *,
	    int (*)(const struct customer *, void *), void *);
/* Prefix search over code, name (case-folded) and phone digits. */
int	 customer_search(struct db_txn *, const char *,
	    int (*)(const struct customer *, void *), void *);
/*
 * Make sure a customer exists for an imported or walk-in order: returns
 * the code of an existing customer with this code, or creates one.
 */
int	 customer_ensure(struct db_txn *, const struct customer *, char **);

#endif
