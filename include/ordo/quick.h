/*
 * quick.h: quick entry, an order from a chat message.  Customers of
 * Chinese shops order by WeChat or QQ message, phone notes or e-mail
 * ("王老板：碧螺春 3盒，白茶饼 2饼", "Lotus Cafe: 12 x glass teapot, 6 tea
 * trays"); this module reads such a text against the company's own
 * catalogue, customers and order history and says what it found, word by
 * word.  No network service, no statistics: rules.
 *
 * It never guesses.  A name that fits two items, an unknown item or
 * customer, a quantity that is not a positive whole number, or a word it
 * cannot place is reported with the words and the candidates, and
 * quick_order refuses until a person has chosen.  The one ranking it
 * does: among candidate items, the one the customer has ordered in more
 * of their recent orders than any other is taken; a tie is a question.
 *
 * Two layers:
 *   the readers: pure functions over UTF-8 text (no database), each
 *     reading one thing at the start of a string: a number (Arabic,
 *     full-width or Chinese numerals), a size token (100g, 100克, 250 g,
 *     1L, 120ml), a count unit (个 盒 包 套 只 饼 箱 件 瓶 ..., "boxes"), a
 *     price (@ 20, 单价160, 每盒 60, ¥20), a filler word (谢谢, 老板,
 *     please, thanks) and a line number (1.  2)  3、).
 *   the resolver: quick_parse reads a whole message in one read or write
 *     transaction; quick_order turns a fully resolved result into a draft
 *     order through order_new, as the counter does.
 *
 * Cost: quick_parse reads the catalogue once (every item's SKU, barcode
 * and name: a shop's catalogue, not its orders), the customers through
 * their code, name and phone indexes, and at most QUICK_HISTORY of the
 * customer's newest orders.
 */
#ifndef ORDO_QUICK_H
#define ORDO_QUICK_H

#include <stddef.h>
#include <stdint.h>

#include "ordo/db.h"
#include "ordo/order.h"

#define QUICK_TEXT_MAX	20000	/* bytes of message read */
#define QUICK_MAXCAND	8	/* candidates listed per question */
#define QUICK_HISTORY	100	/* newest orders read for ranking */
#define QUICK_SIZE_BUFSZ 32

/* What quick_number read. */
#define QN_NONE		0	/* not a number */
#define QN_WHOLE	1	/* a whole number in *value */
#define QN_FRACTION	2	/* "1.5", "半": not a whole number */
#define QN_RANGE	3	/* more than 1,000,000,000 */

/*
 * A number at the start of s: ASCII or full-width digits with an
 * optional decimal part ("12", "１２", "1.5"), or Chinese numerals (一
 * 二 两 俩 三 ... 十 百 千 万 零 〇: "十五" 15, "二十五" 25, "一百" 100,
 * "一百零五" 105, and the spoken "一百六" 160, "两千五" 2500).  "半" is
 * QN_FRACTION.  *used gets the bytes read (0 with QN_NONE); a trailing
 * "." that no digit follows is not read ("1." of a line number).
 */
int	 quick_number(const char *, size_t *, int64_t *);

/*
 * A size token at the start of s: a number, optional spaces and a unit
 * of weight or volume (g gram grams 克 kg 千克 公斤 ml 毫升 l L litre liter
 * 升), not followed by a letter ("1 glass" is no size).  The size is
 * written normalised into buf: grams or millilitres, "100g", "1000ml"
 * (1kg is "1000g", 1L and 1000ml are one size).  1 if read, with *used.
 */
int	 quick_size(const char *, size_t *, char *, size_t);

/*
 * A count unit at the start of s: one of 个 盒 包 套 只 饼 箱 件 瓶 罐 袋
 * 条 支 把 提 份 听 杯, or an English word (pcs, pc, piece(s), box(es),
 * pack(s), packet(s), set(s), bottle(s), case(s), tin(s), bag(s),
 * carton(s), unit(s)) ending at a word boundary.  1 with *used, or 0.
 */
int	 quick_unit(const char *, size_t *);

/*
 * A price at the start of s: a marker ("@", "单价", "每" and a count
 * unit, "¥", "￥", "$", "at", "each"), optional spaces and ':', then an
 * amount with at most `digits' decimals, optionally followed by 元 or
 * 块.  Returns 1 with *price in minor units, -1 when the marker is there
 * but no amount follows (or a bad one; *used covers the marker), 0 if no
 * marker.
 */
int	 quick_price(const char *, int, size_t *, int64_t *);

/*
 * A greeting or filler word at the start of s (你好 谢谢 老板 麻烦 请 要
 * 的 ...; hi hello please thanks of the ...), English words only at a
 * word boundary.  1 with *used, or 0.
 */
int	 quick_filler(const char *, size_t *);

/*
 * A line number at the start of s, after spaces: digits followed by "."
 * "．" ")" "）" "、" (not by a digit: "1.5" is a number), "(1)", "（1）",
 * or a circled number ①..⑳.  1 with *used (through the spaces after
 * it), or 0.
 */
int	 quick_lineno(const char *, size_t *);

/* Why a customer or a line is not resolved. */
#define QUICK_PROBLEMS							\
	X(QP_NONE,	"none")						\
	X(QP_NO_CUSTOMER, "no customer")				\
	X(QP_CUSTOMER_UNKNOWN, "unknown customer")			\
	X(QP_CUSTOMER_AMBIGUOUS, "ambiguous customer")			\
	X(QP_CUSTOMER_CONFLICT, "two customers")			\
	X(QP_ITEM_UNKNOWN, "unknown item")				\
	X(QP_ITEM_AMBIGUOUS, "ambiguous item")				\
	X(QP_NO_QTY,	"no quantity")					\
	X(QP_BAD_QTY,	"bad quantity")					\
	X(QP_BAD_PRICE,	"bad price")					\
	X(QP_WORDS,	"unknown words")				\
	X(QP_NO_LINES,	"no lines")

enum quick_problem {
#define X(id, name) id,
	QUICK_PROBLEMS
#undef X
	QP_NPROBLEMS
};

/* A problem's name as the JSON and the messages show it. */
const char *quick_problem_name(enum quick_problem);

/* How the customer was found. */
enum quick_by {
	QB_NONE,
	QB_OPTION,		/* --customer, or the caller's choice */
	QB_CODE,
	QB_NAME,
	QB_PHONE,
	QB_MENTION		/* "@name" */
};

const char *quick_by_name(enum quick_by);

struct quick_cand {
	char		*key;		/* SKU or customer code */
	char		*name;
	int		 orders;	/* customer's orders with it */
};

struct quick_line {
	char		*words;		/* the source words, as written */
	size_t		 srcline;	/* 1-based line of the message */
	char		*sku;		/* resolved, or NULL */
	char		*name;		/* the item's name, or NULL */
	int		 by_history;	/* chosen among candidates by history */
	int64_t		 qty;		/* -1 if missing or bad */
	int64_t		 price;		/* minor units; -1 if not given */
	enum quick_problem item_problem; /* QP_NONE, QP_ITEM_* */
	enum quick_problem qty_problem;	/* QP_NONE, QP_NO_QTY, QP_BAD_QTY,
					   QP_BAD_PRICE */
	char		*qty_words;	/* the bad quantity or price */
	char		*extra;		/* words it could not place, or NULL */
	struct quick_cand *cand;	/* candidates (at most QUICK_MAXCAND) */
	size_t		 ncand;
	size_t		 ncand_all;	/* how many there were in all */
};

struct quick_result {
	char		*customer;	/* code, or NULL */
	char		*customer_name;
	char		*customer_words; /* the words that named it */
	enum quick_by	 customer_by;
	enum quick_problem customer_problem;
	struct quick_cand *ccand;	/* customer candidates */
	size_t		 nccand;
	size_t		 nccand_all;
	struct quick_line *lines;
	size_t		 nlines;
	char		**stray;	/* words outside any line */
	size_t		 nstray;
	char		*text;		/* the message */
};

/*
 * Read text (at most QUICK_TEXT_MAX bytes of UTF-8) against the company
 * in tx.  customer, if not NULL, is the customer's code (--customer):
 * it overrides what the message says, which is then only read as the
 * words naming the customer.  Fills *r (free with quick_free) even when
 * something is not resolved: that is said in r, not by the return code.
 * Errors: ORDO_EINVAL (not UTF-8, too long, or the given customer code
 * unknown, with cause), or a storage error.
 */
int	 quick_parse(struct db_txn *, const char *, const char *,
	    struct quick_result *, char **);
/* Number of problems in r (0: fully resolved, quick_order may run). */
size_t	 quick_problems(const struct quick_result *);
/*
 * Create a draft order from a fully resolved r through order_new (the
 * same function as the counter: channel "counter", the item's price
 * unless the message gave one, the message as the order's notes).  Sets
 * *id.  Errors: ORDO_EINVAL if r has problems (nothing written), else
 * those of order_new.
 */
int	 quick_order(struct db_txn *, const struct quick_result *,
	    uint64_t *, char **);
/*
 * Add the lines of a fully resolved r to the draft order id through
 * order_add_line (the counter's function; one transaction, all lines or
 * none).  The message's customer must be the draft's.  Errors:
 * ORDO_EINVAL (problems left, another customer), those of
 * order_add_line (ORDO_ESTATE: not a draft, ...).
 */
int	 quick_add(struct db_txn *, const struct quick_result *, uint64_t,
	    char **);
void	 quick_free(struct quick_result *);

/*
 * A person's answers, for a front end that shows the parse and lets the
 * clerk fix it before quick_order (the counter screen).  Lines count
 * from 0.  Each returns 0, or ORDO_EINVAL with a cause (no such line, a
 * quantity below 1) or ORDO_ENOTFOUND (no such customer or SKU; an
 * inactive item is refused too), and changes nothing on error.
 *   quick_set_customer	the customer is this code (any customer)
 *   quick_set_item	the line's item is this SKU (any active item)
 *   quick_set_qty	the line's quantity; a bad or missing one is fixed
 *   quick_drop_line	the line is left out of the order
 *   quick_read_words	the unknown words were read by a person: they no
 *			longer stop the order (they stay in the notes)
 */
int	 quick_set_customer(struct db_txn *, struct quick_result *,
	    const char *, char **);
int	 quick_set_item(struct db_txn *, struct quick_result *, size_t,
	    const char *, char **);
int	 quick_set_qty(struct quick_result *, size_t, int64_t, char **);
int	 quick_drop_line(struct quick_result *, size_t, char **);
void	 quick_read_words(struct quick_result *);

#endif
