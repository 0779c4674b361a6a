/*
 * config.h: config/ordo.yaml, read with libyaml into a typed struct.
 *
 * Unknown keys, wrong types, anchors/aliases, tags and nesting deeper than
 * a small limit are errors naming file:line:column.  Search order for the
 * file: --config FILE, $ORDO_CONFIG, ./config/ordo.yaml,
 * $XDG_CONFIG_HOME/ordo/ordo.yaml, /etc/ordo/ordo.yaml.
 */
#ifndef ORDO_CONFIG_H
#define ORDO_CONFIG_H

#include <stddef.h>
#include <stdint.h>

/*
 * Roles, weakest first; a role may do what the weaker ones may.  none:
 * may not open the company at all; viewer: opens it read-only (lists,
 * shows, check).
 */
enum role {
	ROLE_NONE,
	ROLE_VIEWER,
	ROLE_PICKER,
	ROLE_CLERK,
	ROLE_MANAGER,
	ROLE_ADMIN
};

/* What each account of the chart is used for by the posting rules. */
#define ACCOUNT_ROLES						\
	X(ACCT_CASH,		"cash")				\
	X(ACCT_BANK,		"bank")				\
	X(ACCT_CARD,		"card")				\
	X(ACCT_RECEIVABLE,	"receivable")			\
	X(ACCT_PREPAYMENTS,	"prepayments")			\
	X(ACCT_INVENTORY,	"inventory")			\
	X(ACCT_PAYABLE,		"payable")			\
	X(ACCT_REVENUE,		"revenue")			\
	X(ACCT_SHIPPING,	"shipping_income")		\
	X(ACCT_RETURNS,		"sales_returns")		\
	X(ACCT_TAX,		"tax_payable")			\
	X(ACCT_COGS,		"cost_of_goods")		\
	X(ACCT_FEES,		"channel_fees")			\
	X(ACCT_WRITEOFF,	"inventory_writeoff")		\
	X(ACCT_EQUITY,		"equity")

enum account_role {
#define X(id, name) id,
	ACCOUNT_ROLES
#undef X
	ACCT_NROLES
};

/* asset, liability, equity, income, expense */
enum account_type {
	ACCT_ASSET,
	ACCT_LIABILITY,
	ACCT_EQUITYTYPE,
	ACCT_INCOME,
	ACCT_EXPENSE
};

struct config_location {
	char		*code;		/* "MAIN" */
	char		*name;
	int		 backorder;	/* location allows backorders */
	char		**walk;		/* pick walk: bins or bin prefixes */
	size_t		 nwalk;
};

/* Picker mode (pick.h); every key has a default. */
struct config_pick {
	int		 claim_minutes;	/* idle wave released after this */
	int		 wave_orders;	/* orders in one wave at most */
	int		 wave_lines;	/* lines in one wave at most */
	int		 check_digits;	/* digits after a keyed bin code */
	char		**channels;	/* wave order of channels */
	size_t		 nchannels;
};

struct config_account {
	char		*code;		/* "1100" */
	char		*name;		/* "Accounts receivable" */
	enum account_type type;
	int		 role;		/* enum account_role, or -1 */
};

struct config_user {
	char		*login;
	enum role	 role;
};

struct config {
	char		*path;		/* the file read */
	char		*company;
	char		*currency;	/* ISO 4217 code */
	char		*timezone;	/* the shop's zone ("Asia/Shanghai"):
					   its days; NULL: UTC */
	int		 minor_digits;	/* 0..4 */
	int		 tax_rate;	/* default, basis points: 1300 = 13% */
	int		 prices_incl;	/* tax.prices_include: prices include
					   tax (order.h, Money rules) */
	char		*db_dir;	/* relative to the config file's dir */
	size_t		 map_size;	/* bytes, 0 = default */
	struct config_location *locations;
	size_t		 nlocations;
	struct config_account *accounts;
	size_t		 naccounts;
	struct config_user *users;
	size_t		 nusers;
	enum role	 default_role;	/* for logins not listed (none) */
	struct config_pick pick;
};

/*
 * Find the config file: explicit path if not NULL, else the search order
 * above.  Returns 0 and an allocated path, or ENOENT with a cause listing
 * where it looked.
 */
int	 config_find(const char *, char **, char **);

/* Load and validate.  Errors: ORDO_ECONFIG with "file:line:col: what". */
int	 config_load(const char *, struct config **, char **);
/* Load from memory (for tests and the fuzzer); name is used in messages. */
int	 config_load_buf(const char *, const char *, size_t, struct config **,
	    char **);
void	 config_free(struct config *);

/* The account code playing a role (NULL if the chart has none). */
const char *config_account(const struct config *, enum account_role);
const struct config_account *config_account_find(const struct config *,
	    const char *);
const struct config_location *config_location_find(const struct config *,
	    const char *);
/* The role of a Unix login. */
enum role config_role(const struct config *, const char *);
/* 1 if the login is listed under users.roles. */
int	 config_listed(const struct config *, const char *);
const char *config_role_name(enum role);
const char *config_account_role_name(enum account_role);

#endif
