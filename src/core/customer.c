/*
 * customer.c: customers.  See customer.h for the tables.
 *
 * Decisions where the header is silent:
 * - Adding, changing and ensuring customers needs a clerk; reading needs
 *   no role.
 * - Field limits: name 1..200 bytes, phone up to 40, email up to 254
 *   (one "@" with text on both sides, no spaces), addresses up to 500
 *   and notes up to 2000 bytes of UTF-8.  Name, phone and email are one
 *   line; addresses and notes may have line breaks.
 * - The phone index holds the digits of the phone only ("+86 138-0013"
 *   -> "860138..."); a phone without digits has no index entry.  A search
 *   looks at phones only when the query looks like a phone (digits,
 *   spaces and + - ( ) . only).
 * - customer_ensure never changes an existing customer: an import or a
 *   walk-in order must not overwrite what the shop keeps by hand.
 * - An update that changes nothing writes nothing and keeps the version.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ordo/audit.h"
#include "ordo/codec.h"
#include "ordo/config.h"
#include "ordo/core.h"
#include "ordo/customer.h"
#include "ordo/error.h"
#include "ordo/strset.h"
#include "ordo/text.h"
#include "ordo/where.h"
#include "ordo/xmalloc.h"



static int	 cust_code_valid(const char *, char **);
static int	 cust_one_line(const char *, const char *, char **);
static char	*cust_digits(const char *);
static void	 cust_encode(const struct customer *, struct buf *);
static int	 cust_decode(const void *, size_t, const MDB_val *,
		    struct customer *);
static int	 cust_read(struct db_txn *, const char *, struct customer *);
static int	 cust_write(struct db_txn *, const struct customer *);
static int	 cust_index(struct db_txn *, const struct customer *, int);
static int	 cust_insert(struct db_txn *, const struct customer *,
		    const char *, char **);
static int	 cust_same(const char *, const char *);
static int	 cust_scan(struct db_txn *, enum db_table, const char *,
		    struct strset *, int (*)(const struct customer *, void *),
		    void *);

static int
cust_code_valid(const char *code, char **cause)
{
	return (ident_valid("customer code", code, CUSTOMER_CODE_MAX, "-_.",
	    cause));
}

static int
cust_one_line(const char *field, const char *s, char **cause)
{
	if (s != NULL && strpbrk(s, "\t\n") != NULL)
		return (cause_set(cause, ORDO_EINVAL,
		    "%s: must be one line (no tabs or line breaks)", field));
	return (0);
}

/* The digits of a phone number, allocated ("" if none). */
static char *
cust_digits(const char *phone)
{
	char	*d, *q;

	d = q = xmalloc(strlen(phone != NULL ? phone : "") + 1);
	for (; phone != NULL && *phone != '\0'; phone++)
		if (*phone >= '0' && *phone <= '9')
			*q++ = *phone;
	*q = '\0';
	return (d);
}

int
customer_validate(const struct customer *c, char **cause)
{
	const char	*at;
	int		 rc;

	/* Each refusal points at its field (where.h). */
	ordo_where_set("code", 0);
	if ((rc = cust_code_valid(c->code, cause)) != 0)
		return (rc);
	ordo_where_set("name", 0);
	if ((rc = text_check("name", c->name, CUSTOMER_NAME_MAX, 1,
	    cause)) != 0 ||
	    (rc = cust_one_line("name", c->name, cause)) != 0)
		return (rc);
	ordo_where_set("phone", 0);
	if ((rc = text_check("phone", c->phone, CUSTOMER_PHONE_MAX, 0,
	    cause)) != 0 ||
	    (rc = cust_one_line("phone", c->phone, cause)) != 0)
		return (rc);
	ordo_where_set("email", 0);
	if ((rc = text_check("email", c->email, CUSTOMER_EMAIL_MAX, 0,
	    cause)) != 0)
		return (rc);
	ordo_where_set("bill_addr", 0);
	if ((rc = text_check("billing address", c->bill_addr,
	    CUSTOMER_ADDR_MAX, TEXT_FREE, cause)) != 0)
		return (rc);
	ordo_where_set("ship_addr", 0);
	if ((rc = text_check("shipping address", c->ship_addr,
	    CUSTOMER_ADDR_MAX, TEXT_FREE, cause)) != 0)
		return (rc);
	ordo_where_set("notes", 0);
	if ((rc = text_check("notes", c->notes, CUSTOMER_NOTES_MAX,
	    TEXT_FREE, cause)) != 0)
		return (rc);
	ordo_where_set("email", 0);
	if (c->email != NULL && *c->email != '\0') {
		at = strchr(c->email, '@');
		if (at == NULL || at == c->email || at[1] == '\0' ||
		    strchr(at + 1, '@') != NULL ||
		    strpbrk(c->email, " \t\n") != NULL)
			return (cause_set(cause, ORDO_EINVAL, "email: "
			    "\"%s\" is not an address (name@domain)",
			    c->email));
	}
	ordo_where_clear();
	return (0);
}

/* Record v1; the code is the key and is not repeated. */
static void
cust_encode(const struct customer *c, struct buf *b)
{
	enc_u8(b, 1);
	enc_str(b, c->name);
	enc_str(b, c->phone);
	enc_str(b, c->email);
	enc_str(b, c->bill_addr);
	enc_str(b, c->ship_addr);
	enc_str(b, c->notes);
	enc_i64(b, c->created);
	enc_u32(b, c->version);
}

static int
cust_decode(const void *key, size_t klen, const MDB_val *val,
    struct customer *c)
{
	struct rd	 r;

	memset(c, 0, sizeof *c);
	rd_init(&r, val->mv_data, val->mv_size);
	if (dec_u8(&r) != 1)
		r.err = 1;
	c->code = xstrndup(key, klen);
	c->name = dec_str(&r);
	c->phone = dec_str(&r);
	c->email = dec_str(&r);
	c->bill_addr = dec_str(&r);
	c->ship_addr = dec_str(&r);
	c->notes = dec_str(&r);
	c->created = dec_i64(&r);
	c->version = dec_u32(&r);
	if (!rd_ok(&r) || memchr(key, '\0', klen) != NULL) {
		customer_free(c);
		return (ORDO_ECORRUPT);
	}
	return (0);
}

/* 0, MDB_NOTFOUND or an error; *c is always safe to customer_free. */
static int
cust_read(struct db_txn *tx, const char *code, struct customer *c)
{
	MDB_val	 v;
	size_t	 len;
	int	 rc;

	memset(c, 0, sizeof *c);
	if (code == NULL || (len = strlen(code)) == 0 ||
	    len > CUSTOMER_CODE_MAX)
		return (MDB_NOTFOUND);
	if ((rc = db_get(tx, TB_CUSTOMERS, code, len, &v)) != 0)
		return (rc);
	return (cust_decode(code, len, &v, c));
}

uint64_t
customer_digest(const struct customer *c)
{
	struct buf	 b;
	uint64_t	 d;

	buf_init(&b);
	enc_str(&b, c->code);
	cust_encode(c, &b);
	d = audit_digest(b.d, b.len);
	buf_free(&b);
	return (d);
}

static int
cust_write(struct db_txn *tx, const struct customer *c)
{
	struct buf	 v;
	int		 rc;

	buf_init(&v);
	cust_encode(c, &v);
	rc = db_put(tx, TB_CUSTOMERS, c->code, strlen(c->code), v.d, v.len,
	    0);
	buf_free(&v);
	return (rc);
}

/* Put (add 1) or delete (add 0) the name and phone index entries of c. */
static int
cust_index(struct db_txn *tx, const struct customer *c, int add)
{
	struct buf	 k;
	char		*s;
	int		 rc;

	buf_init(&k);
	s = str_fold(c->name);
	key_str(&k, s);
	key_strn(&k, c->code);
	free(s);
	if (add)
		rc = db_put(tx, TB_CUST_BY_NAME, k.d, k.len, "", 0, 0);
	else
		rc = db_del(tx, TB_CUST_BY_NAME, k.d, k.len);
	if (rc == MDB_NOTFOUND && !add)
		rc = 0;
	s = cust_digits(c->phone);
	if (rc == 0 && *s != '\0') {
		buf_reset(&k);
		key_str(&k, s);
		key_strn(&k, c->code);
		if (add)
			rc = db_put(tx, TB_CUST_BY_PHONE, k.d, k.len, "", 0,
			    0);
		else
			rc = db_del(tx, TB_CUST_BY_PHONE, k.d, k.len);
		if (rc == MDB_NOTFOUND && !add)
			rc = 0;
	}
	free(s);
	buf_free(&k);
	return (rc);
}

/* Write a new, validated customer; action names the audit record. */
static int
cust_insert(struct db_txn *tx, const struct customer *c, const char *action,
    char **cause)
{
	struct customer	 n;
	MDB_val		 v;
	char		*obj;
	int		 rc;

	rc = db_get(tx, TB_CUSTOMERS, c->code, strlen(c->code), &v);
	if (rc == 0)
		return (cause_set(cause, ORDO_EEXIST,
		    "customer %s already exists", c->code));
	if (rc != MDB_NOTFOUND)
		return (rc);
	n = *c;
	n.created = tx->now;
	n.version = 1;
	if ((rc = cust_write(tx, &n)) != 0 ||
	    (rc = cust_index(tx, &n, 1)) != 0)
		return (rc);
	xasprintf(&obj, "customer %s", c->code);
	rc = audit_log_digest(tx, customer_digest(&n), action, obj, "\"%s\"",
	    c->name);
	free(obj);
	return (rc);
}

int
customer_add(struct db_txn *tx, const struct customer *c, char **cause)
{
	int	 rc;

	if ((rc = core_require(tx, ROLE_CLERK, "adding a customer",
	    cause)) != 0)
		return (rc);
	if ((rc = customer_validate(c, cause)) != 0)
		return (rc);
	return (cust_insert(tx, c, "customer.add", cause));
}

int
customer_ensure(struct db_txn *tx, const struct customer *c, char **cause)
{
	struct customer	 old;
	int		 rc;

	if ((rc = cust_code_valid(c->code, cause)) != 0)
		return (rc);
	rc = cust_read(tx, c->code, &old);
	customer_free(&old);
	if (rc == 0)
		return (0);
	if (rc != MDB_NOTFOUND)
		return (cause_set(cause, rc, "customer %s: %s", c->code,
		    ordo_strerror(rc)));
	if ((rc = core_require(tx, ROLE_CLERK, "adding a customer",
	    cause)) != 0)
		return (rc);
	if ((rc = customer_validate(c, cause)) != 0)
		return (rc);
	return (cust_insert(tx, c, "customer.ensure", cause));
}

/* 1 if two optional strings are equal (NULL is ""). */
static int
cust_same(const char *a, const char *b)
{
	return (strcmp(a != NULL ? a : "", b != NULL ? b : "") == 0);
}

int
customer_update(struct db_txn *tx, const struct customer *c, char **cause)
{
	struct customer	 old, n;
	char		*changes = NULL, *s, *obj;
	int		 rc;

	if ((rc = core_require(tx, ROLE_CLERK, "changing a customer",
	    cause)) != 0)
		return (rc);
	if ((rc = customer_validate(c, cause)) != 0)
		return (rc);
	if ((rc = cust_read(tx, c->code, &old)) != 0) {
		if (rc == MDB_NOTFOUND)
			return (cause_set(cause, ORDO_ENOTFOUND,
			    "unknown customer %s", c->code));
		return (cause_set(cause, rc, "customer %s: %s", c->code,
		    ordo_strerror(rc)));
	}
	if (old.version != c->version) {
		rc = cause_set(cause, ORDO_ECONFLICT, "customer %s was changed "
		    "by someone else (now version %u, yours %u); read it "
		    "again", c->code, old.version, c->version);
		goto out;
	}

#define CHANGED(field, label) do {					\
	if (!cust_same(old.field, c->field)) {				\
		xasprintf(&s, "%s%s%s", changes ? changes : "",	\
		    changes ? ", " : "", label);			\
		free(changes);						\
		changes = s;						\
	}								\
} while (0)
	CHANGED(name, "name");
	CHANGED(phone, "phone");
	CHANGED(email, "email");
	CHANGED(bill_addr, "billing address");
	CHANGED(ship_addr, "shipping address");
	CHANGED(notes, "notes");
#undef CHANGED
	rc = 0;
	if (changes == NULL)
		goto out;

	/* Index entries move with the name and phone. */
	if ((rc = cust_index(tx, &old, 0)) != 0)
		goto out;
	n = *c;
	n.created = old.created;
	n.version = old.version + 1;
	if ((rc = cust_write(tx, &n)) != 0 ||
	    (rc = cust_index(tx, &n, 1)) != 0)
		goto out;
	xasprintf(&obj, "customer %s", c->code);
	rc = audit_log_digest(tx, customer_digest(&n), "customer.update", obj,
	    "changed %s", changes);
	free(obj);
out:
	free(changes);
	customer_free(&old);
	return (rc);
}

int
customer_get(struct db_txn *tx, const char *code, struct customer *c,
    char **cause)
{
	int	 rc;

	if ((rc = cust_read(tx, code, c)) == 0)
		return (0);
	if (rc == MDB_NOTFOUND)
		return (cause_set(cause, ORDO_ENOTFOUND,
		    "unknown customer %.*s", CUSTOMER_CODE_MAX,
		    code != NULL ? code : ""));
	return (cause_set(cause, rc, "customer %.*s: %s", CUSTOMER_CODE_MAX,
	    code, ordo_strerror(rc)));
}

void
customer_free(struct customer *c)
{
	if (c == NULL)
		return;
	free(c->code);
	free(c->name);
	free(c->phone);
	free(c->email);
	free(c->bill_addr);
	free(c->ship_addr);
	free(c->notes);
	c->code = c->name = c->phone = c->email = NULL;
	c->bill_addr = c->ship_addr = c->notes = NULL;
}

/*
 * Visit customers in code order after "after" (NULL: from the first).
 * Returns 0 at the end or when fn stops; ORDO_ECORRUPT for a bad record.
 */
struct cust_walk {
	int	(*fn)(const struct customer *, void *);
	void	*arg;
};

static int
cust_walk(const MDB_val *k, const MDB_val *v, void *arg)
{
	struct cust_walk	*w = arg;
	struct customer		 c;
	int			 rc;

	if ((rc = cust_decode(k->mv_data, k->mv_size, v, &c)) != 0)
		return (rc);
	rc = w->fn(&c, w->arg);
	customer_free(&c);
	return (rc);
}

int
customer_each(struct db_txn *tx, const char *after,
    int (*fn)(const struct customer *, void *), void *arg)
{
	struct cust_walk	 w = { fn, arg };

	return (db_each_after(tx, TB_CUSTOMERS, after, cust_walk, &w));
}

/* Visit the customers whose key in table t starts with prefix. */
static int
cust_scan(struct db_txn *tx, enum db_table t, const char *prefix,
    struct strset *s, int (*fn)(const struct customer *, void *), void *arg)
{
	struct db_iter	 it;
	struct customer	 c;
	const char	*k, *nul;
	char		*code;
	int		 rc;

	if (strlen(prefix) > DB_MAXKEY)
		return (0);
	if ((rc = db_iter_open(tx, t, prefix, strlen(prefix), &it)) != 0)
		return (rc);
	while ((rc = db_iter_next(&it)) == 0) {
		k = it.key.mv_data;
		if (t == TB_CUSTOMERS)
			code = xstrndup(k, it.key.mv_size);
		else {
			if ((nul = memchr(k, '\0', it.key.mv_size)) == NULL) {
				rc = ORDO_ECORRUPT;
				break;
			}
			nul++;
			code = xstrndup(nul, it.key.mv_size - (nul - k));
		}
		if (strset_add(s, code)) {
			if ((rc = cust_read(tx, code, &c)) != 0) {
				if (rc == MDB_NOTFOUND)
					rc = ORDO_ECORRUPT;
				free(code);
				break;
			}
			rc = fn(&c, arg);
			customer_free(&c);
		}
		free(code);
		if (rc != 0)
			break;
	}
	db_iter_close(&it);
	return (rc == MDB_NOTFOUND ? 0 : rc);
}

/*
 * Codes matching the prefix come first (as typed, then upper and lower
 * case), then names, then phones; each customer once.
 */
int
customer_search(struct db_txn *tx, const char *q,
    int (*fn)(const struct customer *, void *), void *arg)
{
	struct strset	 s;
	char		*up, *low, *digits, *p;
	int		 rc, phone;

	if (q == NULL || *q == '\0')
		return (customer_each(tx, NULL, fn, arg));
	memset(&s, 0, sizeof s);
	up = xstrdup(q);
	for (p = up; *p != '\0'; p++)
		*p = (char)toupper((unsigned char)*p);
	low = str_fold(q);
	digits = cust_digits(q);
	phone = *digits != '\0' && strspn(q, "0123456789 +-().") ==
	    strlen(q);

	rc = cust_scan(tx, TB_CUSTOMERS, q, &s, fn, arg);
	if (rc == 0 && strcmp(up, q) != 0)
		rc = cust_scan(tx, TB_CUSTOMERS, up, &s, fn, arg);
	if (rc == 0 && strcmp(low, q) != 0)
		rc = cust_scan(tx, TB_CUSTOMERS, low, &s, fn, arg);
	if (rc == 0)
		rc = cust_scan(tx, TB_CUST_BY_NAME, low, &s, fn, arg);
	if (rc == 0 && phone)
		rc = cust_scan(tx, TB_CUST_BY_PHONE, digits, &s, fn, arg);

	free(up);
	free(low);
	free(digits);
	strset_free(&s);
	return (db_walk_rc(rc));
}
