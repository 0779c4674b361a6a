/*
 * notice.h: what customers are told, and how to reach the parcel.
 * config/notify.yaml (beside ordo.yaml; see ordo.yaml(5), NOTIFY) names
 * the command `ordo notify` runs per event, its retries, the carriers
 * with their tracking URL templates, and the message templates per event
 * and language.  notice_render() turns an outbox event into what that
 * command reads on its standard input: the event, the customer's contact
 * details, the tracking link and the message text in each language.
 *
 * Templates are text with {name} placeholders: any member of the
 * event's data ({order}, {customer}, {total}, {tracking}, {sku},
 * {available}, ...) and {id}, {kind}, {company}, {customer_name},
 * {carrier_name} (in the template's language), {tracking_url}.  An
 * unknown name is left as written, so a typo shows in the first message.
 */
#ifndef ORDO_NOTICE_H
#define ORDO_NOTICE_H

#include <stddef.h>
#include <stdint.h>

#include "ordo/db.h"

struct outbox_event;
struct buf;

#define NOTICE_NLANG	2
extern const char *const notice_langs[NOTICE_NLANG];	/* zh_CN, en */

struct notice_carrier {
	char		*code;		/* "SF" */
	char		*name[NOTICE_NLANG];	/* 顺丰速运, SF Express */
	char		**aliases;	/* other spellings, matched folded */
	size_t		 naliases;
	char		*url;		/* template with {tracking} */
};

struct notice_template {
	char		*kind;		/* "order.shipped" */
	char		*text[NOTICE_NLANG];	/* NULL: none in that language */
};

struct notice_config {
	char		*path;
	char		*command;	/* run with /bin/sh -c; NULL: none */
	char		**events;	/* kinds delivered; none listed: all */
	size_t		 nevents;
	int		 attempts;	/* failures before a dead letter */
	int		 backoff;	/* seconds before the first retry */
	int		 backoff_max;	/* at most this many seconds */
	int		 timeout;	/* seconds a command may run */
	int		 lang;		/* index in notice_langs: "text" */
	struct notice_carrier *carriers;
	size_t		 ncarriers;
	struct notice_template *templates;
	size_t		 ntemplates;
};

/*
 * Load a notify.yaml.  ORDO_ECONFIG with "file:line:col: what" for a bad
 * one; ENOENT if there is none (the caller may go on without).
 */
int	 notice_load(const char *, struct notice_config **, char **);
int	 notice_load_buf(const char *, const char *, size_t,
	    struct notice_config **, char **);
/* notify.yaml beside the ordo.yaml at path (allocated). */
char	*notice_path(const char *);
void	 notice_free(struct notice_config *);

/* The carrier a shipment named (code, name or alias, any case), or the
 * "generic" entry, or NULL. */
const struct notice_carrier *notice_carrier(const struct notice_config *,
	    const char *);
/* The tracking link for a carrier text and number into b (NUL-ended);
 * 0, or ORDO_ENOTFOUND when there is no number or no template. */
int	 notice_tracking_url(const struct notice_config *, const char *,
	    const char *, struct buf *);
/* 1 if events of this kind are delivered. */
int	 notice_wants(const struct notice_config *, const char *);
/*
 * The member of a flat JSON object (as outbox writes them) as text,
 * into b (NUL-ended): a string unescaped, a number or true/false as
 * written.  ORDO_ENOTFOUND if absent.
 */
int	 notice_json_get(const char *, const char *, struct buf *);
/* Fill a template for an event into b (NUL-ended). */
void	 notice_fill(struct db_txn *, const struct notice_config *,
	    const struct outbox_event *, const char *, int, struct buf *);
/*
 * The JSON the command reads for event e, into b (NUL-ended): the event's
 * members, then "customer" {code, name, phone, email, ship_to} when it
 * names a customer, "tracking_url", "text" (the default language) and
 * "texts" {"zh_CN": ..., "en": ...} when a template exists.
 */
int	 notice_render(struct db_txn *, const struct notice_config *,
	    const struct outbox_event *, struct buf *);

#endif
