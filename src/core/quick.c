/*
 * quick.c: quick entry, an order from a chat message.  See quick.h.
 *
 * How a message is read:
 * 1. Carriage returns are dropped; the text must be UTF-8.  Full-width
 *    ASCII (１２, ：, ＠) reads as ASCII, × as *, but the words reported
 *    are always the text as written.
 * 2. Each line loses its line number (1.  2)  ③), then is cut into
 *    tokens.  Mixed text is read left to right: an ASCII token that is an
 *    SKU or a barcode is that item; a number with a weight or volume
 *    unit is a size (250 g, 1L); a number is a number; a run of Chinese
 *    characters is matched against the catalogue first (the longest
 *    piece of at least two characters found in some item's name), and
 *    only what is left is read as numerals, units, prices, filler or
 *    unknown words: so 六安瓜片 is a tea, not six of something.  An
 *    English word is a name word when some item's name has it (plurals
 *    folded: trays/tray, boxes/box), else a unit, number word, filler or
 *    an unknown word.
 * 3. The first line's words before a colon (or its leading unknown words,
 *    "刘姐 要两包滇红") name the customer, as do "@name" and a phone
 *    number anywhere.  A name is looked up by code, then as the start of
 *    a customer's name, honorifics (老板 姐 总 先生 Mr ...) dropped.
 * 4. Lines are cut at , ; 、 。 ! ? + and then, where a piece holds more
 *    than one quantity, at each item ("碧螺春3盒 白茶饼2饼"): quantity
 *    first or name first, as the piece starts.
 * 5. The item of a line is the active item whose name has every name
 *    piece, size and word of the line.  One: resolved.  Several: the one
 *    the customer has in more of their last QUICK_HISTORY orders than any
 *    other, else a question.  None: unknown (the nearest items are the
 *    candidates).
 *
 * Decisions where the issue is silent:
 * - A line with no quantity is a question ("no quantity"), not 1; "a" or
 *   "an" before an item is 1 ("a glass teapot").
 * - Words that are neither item, quantity, price nor filler stop the
 *   order too (they are listed): an instruction in a message ("加急",
 *   "deliver Friday") is for a person to read, not to drop.
 * - A price is per unit, before tax, like SKU:QTY@PRICE.  "共 200元"
 *   (a total) is not read: 共 is an unknown word.
 * - The customer names of a message (words before the colon, @name,
 *   phone) must agree; two different customers are a question.
 *   --customer overrides them all.
 * - Names are matched from their start (the customer name index):
 *   "Lotus" finds "Lotus Cafe", "Cafe" does not.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ordo/company.h"
#include "ordo/config.h"
#include "ordo/customer.h"
#include "ordo/error.h"
#include "ordo/item.h"
#include "ordo/money.h"
#include "ordo/order.h"
#include "ordo/quick.h"
#include "ordo/strset.h"
#include "ordo/text.h"
#include "ordo/xmalloc.h"

#define QTY_MAX		1000000000
#define CJK_PIECE_MAX	16	/* characters of a catalogue piece */
#define CUST_SCAN_MAX	64	/* customers read for one name */
#define NOTES_MAX	4000

enum tk {
	TK_NAME,	/* a piece of an item name (CJK or word) */
	TK_SIZE,	/* 250g */
	TK_SKU,		/* an SKU or barcode */
	TK_NUM,		/* a number */
	TK_UNIT,	/* 盒, boxes */
	TK_TIMES,	/* x * × */
	TK_PRICE,	/* @ 20 */
	TK_PRICEBAD,	/* @ and no amount */
	TK_EACH,	/* 元, 块, each: after a number, a price */
	TK_FILLER,
	TK_WORD,	/* unknown */
	TK_SEP,
	TK_COLON,
	TK_MENTION,	/* @name */
	TK_PHONE,
	TK_QTY		/* after merging: a quantity */
};

struct tok {
	enum tk		 t;
	size_t		 s, e;		/* bytes of the line */
	char		*key;		/* name piece, size, SKU, mention */
	int		 cjk;		/* key is a CJK piece */
	int		 qn;		/* QN_* of a number */
	int		 weak;		/* "a", "an" */
	int64_t		 v;		/* number or price */
};

struct toks {
	struct tok	*v;
	size_t		 n, cap;
};

struct qitem {
	char		*sku;
	char		*barcode;
	char		*name;
	char		**runs;		/* CJK runs of the name */
	size_t		 nruns;
	char		**words;	/* folded, stemmed English words */
	size_t		 nwords;
	char		**sizes;
	size_t		 nsizes;
	int		 active;
	int		 orders;	/* customer's orders with it */
};

struct qcat {
	struct qitem	*v;
	size_t		 n, cap;
	struct buf	 blob;		/* "\n" run "\n" run ... NUL */
	struct strset	 vocab;		/* every item word */
};

/* One customer source: words that name a customer. */
struct qsrc {
	char		*words;
	struct strset	 codes;		/* matches (sorted) */
	size_t		 all;		/* matches counted (may exceed) */
	enum quick_by	 by;
};

struct qctx {
	struct db_txn	*tx;
	int		 digits;
	struct qcat	 cat;
	struct quick_result *r;
	struct qsrc	*src;
	size_t		 nsrc;
	int		 override;
};

static uint32_t	 qc_raw(const char *, size_t *);
static uint32_t	 qc_get(const char *, size_t *);
static int	 is_han(uint32_t);
static int	 is_space(uint32_t);
static int	 is_alpha(uint32_t);
static int	 is_digit(uint32_t);
static size_t	 skip_spaces(const char *);
static size_t	 ascii_word(const char *, char *, size_t);
static void	 stem(char *);
static int	 in_list(const char *, const char *const *);
static size_t	 prefix_of(const char *, const char *const *);
static int	 cn_digit(uint32_t);
static int64_t	 cn_unit(uint32_t);
static int	 cn_number(const char *, size_t *, int64_t *);
static int	 read_decimal(const char *, size_t *, int64_t *);

static void	 toks_add(struct toks *, enum tk, size_t, size_t);
static void	 toks_free(struct toks *);
static void	 list_add(char ***, size_t *, char *);
static int	 is_item_tok(const struct tok *);
static int	 is_key_tok(const struct tok *);
static int	 cat_load(struct qctx *);
static int	 cat_item(const struct item *, void *);
static void	 cat_free(struct qcat *);
static void	 name_analyse(struct qitem *, struct qcat *);
static const struct qitem *cat_sku(const struct qcat *, const char *);
static int	 cat_has_word(const struct qcat *, const char *);
static size_t	 word_items(const struct qcat *, const char *);
static size_t	 cat_piece(const struct qcat *, const char *, size_t);
static int	 item_has(const struct qitem *, const struct tok *);

static void	 tokenize(struct qctx *, const char *, size_t,
		    struct toks *);
static size_t	 tok_cjk(struct qctx *, const char *, size_t,
		    struct toks *);
static size_t	 tok_ascii(struct qctx *, const char *, size_t,
		    struct toks *);
static size_t	 phone_run(const char *, char *, size_t, int *, int *);
static int	 phone_match(const char *, int, const char *);
static int	 phone_lookup(struct qctx *, const char *, int,
		    struct qsrc *);
static int	 looks_like_phone(const char *, int, int);

static char	*cust_strip(const char *);
static int	 cust_lookup(struct qctx *, const char *, struct qsrc *);
static struct qsrc *src_add(struct qctx *, const char *, enum quick_by);
static int	 cust_resolve(struct qctx *);
static void	 cand_set(struct quick_cand **, size_t *, size_t *,
		    const char *, const char *, int);

static int	 header(struct qctx *, const char *, const struct toks *,
		    size_t *);
static int	 line_read(struct qctx *, const char *, size_t, int *);
static void	 merge(struct toks *);
static void	 groups(struct qctx *, const char *, size_t,
		    const struct tok *, size_t);
static void	 group_resolve(struct qctx *, const char *, size_t,
		    const struct tok *, size_t);
static char	*span(const char *, size_t, size_t);
static void	 stray_add(struct quick_result *, char *);
static int	 history(struct qctx *);
static int	 history_order(const struct order *, void *);
static void	 rank(struct qctx *);
static int	 cand_cmp(const void *, const void *);
static void	 cands_free(struct quick_cand **, size_t *, size_t *);
static int	 line_check(const struct quick_result *, size_t, char **);

static const char *const problem_names[] = {
#define X(id, name) name,
	QUICK_PROBLEMS
#undef X
};

static const char *const cn_units[] = {
	"个", "盒", "包", "套", "只", "饼", "箱", "件", "瓶", "罐", "袋",
	"条", "支", "把", "提", "份", "听", "杯", NULL
};
/* Singular forms: a word is stemmed before it is looked up. */
static const char *const en_units[] = {
	"pc", "piece", "box", "pack", "packet", "set", "bottle", "case",
	"tin", "bag", "carton", "unit", NULL
};
static const char *const cn_filler[] = {
	"早上好", "上午好", "下午好", "晚上好", "麻烦你", "麻烦您",
	"你好", "您好", "老板", "谢谢", "谢了", "多谢", "感谢", "麻烦",
	"辛苦", "帮我", "帮忙", "给我", "我们", "想要", "需要", "订购",
	"一下", "还有", "另外", "以及", "好的", "在吗", "哈喽", "再来",
	"请", "我", "要", "订", "再", "来", "拿", "买", "发", "寄", "的",
	"了", "吧", "啊", "呀", "哈", "嗯", "哦", "呢", "和", "亲", "嗨",
	"喔", "噢", "哟", "也", "就", "先", "茶叶", "茶", NULL
};
/* Dropped from the start and the end of the words naming a customer. */
static const char *const cn_greet[] = {
	"早上好", "上午好", "下午好", "晚上好", "你好", "您好", "哈喽", "亲",
	"嗨", NULL
};
static const char *const cn_tail[] = {
	"你好", "您好", "想要", "需要", "要", "订", "来", "买", NULL
};
static const char *const en_greet[] = {
	"hi", "hello", "hey", "dear", "mr", "mrs", "ms", "miss", "dr", "mx",
	NULL
};
static const char *const en_filler[] = {
	"hi", "hello", "hey", "dear", "please", "pls", "plz", "thanks",
	"thank", "thx", "ty", "you", "cheers", "regards", "best", "and",
	"also", "plus", "of", "the", "i", "i'd", "we", "we'd", "i'll",
	"we'll", "need", "needs", "want", "would", "like", "could", "can",
	"order", "send", "us", "me", "for", "get", "ok", "okay", "good",
	"morning", "afternoon", "evening", "hope", "well", "kindly", "to",
	"with", "is", "are", "be", "it", "this", "that", "just", "have",
	"has", "more", "another", "again", "my", "our", "usual", "lot",
	"many", "nice", "day", "great", "sir", "madam", "hiya", "bye",
	"asap", "here", NULL
};
/* Dropped from the end of the words that name a customer. */
static const char *const cn_honor[] = {
	"老板娘", "老板", "先生", "女士", "小姐", "老师", "师傅", "经理",
	"阿姨", "叔叔", "大哥", "大姐", "总", "姐", "哥", "叔", "姨", "哥哥",
	"姐姐", NULL
};
static const char *const en_numbers[] = {
	"zero", "one", "two", "three", "four", "five", "six", "seven",
	"eight", "nine", "ten", "eleven", "twelve", NULL
};

/* ---- Characters. ---- */

/* Decode one UTF-8 character; 0 at the end. */
static uint32_t
qc_raw(const char *s, size_t *len)
{
	const unsigned char	*u = (const unsigned char *)s;
	uint32_t		 c;
	size_t			 n, i;

	if (u[0] == 0) {
		*len = 0;
		return (0);
	}
	if (u[0] < 0x80) {
		*len = 1;
		return (u[0]);
	}
	if ((u[0] & 0xe0) == 0xc0) {
		n = 2;
		c = u[0] & 0x1f;
	} else if ((u[0] & 0xf0) == 0xe0) {
		n = 3;
		c = u[0] & 0x0f;
	} else if ((u[0] & 0xf8) == 0xf0) {
		n = 4;
		c = u[0] & 0x07;
	} else {
		*len = 1;
		return (0xfffd);
	}
	for (i = 1; i < n; i++) {
		if ((u[i] & 0xc0) != 0x80) {
			*len = 1;
			return (0xfffd);
		}
		c = c << 6 | (u[i] & 0x3f);
	}
	*len = n;
	return (c);
}

/* One character, full-width ASCII read as ASCII. */
static uint32_t
qc_get(const char *s, size_t *len)
{
	uint32_t	 c;

	c = qc_raw(s, len);
	if (c >= 0xff01 && c <= 0xff5e)
		return (c - 0xfee0);
	switch (c) {
	case 0x3000:
	case 0xa0:
	case '\t':
	case '\r':
		return (' ');
	case 0xd7:		/* × */
	case 0x2715:
	case 0x2716:
		return ('*');
	case 0xffe5:		/* ￥ */
		return (0xa5);
	case 0x2018:
	case 0x2019:
		return ('\'');
	}
	return (c);
}

static int
is_han(uint32_t c)
{
	return ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 &&
	    c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0x20000 &&
	    c <= 0x3134f) || c == 0x3007 || (c >= 0x3040 && c <= 0x30ff) ||
	    (c >= 0xac00 && c <= 0xd7af));
}

static int
is_space(uint32_t c)
{
	return (c == ' ');
}

static int
is_alpha(uint32_t c)
{
	return ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
}

static int
is_digit(uint32_t c)
{
	return (c >= '0' && c <= '9');
}

static size_t
skip_spaces(const char *s)
{
	size_t	 off = 0, n;

	while (is_space(qc_get(s + off, &n)))
		off += n;
	return (off);
}

/*
 * An English word at s: letters, with apostrophes inside.  Lower case
 * into buf (truncated to fit).  Returns the bytes read.
 */
static size_t
ascii_word(const char *s, char *buf, size_t len)
{
	size_t		 off = 0, n, n2, k = 0;
	uint32_t	 c;

	for (;;) {
		c = qc_get(s + off, &n);
		if (c == '\'' && k > 0 && is_alpha(qc_get(s + off + n, &n2)))
			;
		else if (!is_alpha(c))
			break;
		if (k + 1 < len)
			buf[k++] = (char)tolower((int)c);
		off += n;
	}
	if (len > 0)
		buf[k] = '\0';
	return (off);
}

/* Plural to singular, enough for a catalogue: trays, boxes, berries. */
static void
stem(char *w)
{
	size_t	 n = strlen(w);

	if (n > 4 && strcmp(w + n - 3, "ies") == 0) {
		strcpy(w + n - 3, "y");
		return;
	}
	if (n > 4 && (strcmp(w + n - 4, "sses") == 0 ||
	    strcmp(w + n - 4, "ches") == 0 ||
	    strcmp(w + n - 4, "shes") == 0)) {
		w[n - 2] = '\0';
		return;
	}
	if (n > 3 && strcmp(w + n - 3, "xes") == 0) {
		w[n - 2] = '\0';
		return;
	}
	if (n > 2 && w[n - 1] == 's' && w[n - 2] != 's' && w[n - 2] != '\'')
		w[n - 1] = '\0';
}

static int
in_list(const char *w, const char *const *list)
{
	for (; *list != NULL; list++)
		if (strcmp(w, *list) == 0)
			return (1);
	return (0);
}

/* The longest entry of list that s starts with: its length, or 0. */
static size_t
prefix_of(const char *s, const char *const *list)
{
	size_t	 best = 0, n;

	for (; *list != NULL; list++) {
		n = strlen(*list);
		if (n > best && strncmp(s, *list, n) == 0)
			best = n;
	}
	return (best);
}

/* ---- The readers. ---- */

static int
cn_digit(uint32_t c)
{
	switch (c) {
	case 0x96f6:	/* 零 */
	case 0x3007:	/* 〇 */
		return (0);
	case 0x4e00:	/* 一 */
		return (1);
	case 0x4e8c:	/* 二 */
	case 0x4e24:	/* 两 */
	case 0x4fe9:	/* 俩 */
		return (2);
	case 0x4e09:	/* 三 */
		return (3);
	case 0x56db:	/* 四 */
		return (4);
	case 0x4e94:	/* 五 */
		return (5);
	case 0x516d:	/* 六 */
		return (6);
	case 0x4e03:	/* 七 */
		return (7);
	case 0x516b:	/* 八 */
		return (8);
	case 0x4e5d:	/* 九 */
		return (9);
	}
	return (-1);
}

static int64_t
cn_unit(uint32_t c)
{
	switch (c) {
	case 0x5341:	/* 十 */
		return (10);
	case 0x767e:	/* 百 */
		return (100);
	case 0x5343:	/* 千 */
		return (1000);
	case 0x4e07:	/* 万 */
		return (10000);
	}
	return (0);
}

/*
 * Chinese numerals.  Sections of 万; within one, digit-unit pairs; a
 * digit right after 百, 千 or 万 with no 零 between is the spoken short
 * form (一百六 160, 两千五 2500, 三万五 35000).
 */
static int
cn_number(const char *s, size_t *used, int64_t *value)
{
	int64_t		 total = 0, section = 0, u, lastunit = 0;
	size_t		 off = 0, n;
	uint32_t	 c;
	int		 d, digit = -1, any = 0, zero = 0, prev_unit = 0;
	int		 after_unit = 0;

	c = qc_get(s, &n);
	if (c == 0x534a) {	/* 半 */
		*used = n;
		return (QN_FRACTION);
	}
	for (;; off += n) {
		c = qc_get(s + off, &n);
		if ((d = cn_digit(c)) >= 0) {
			if (digit >= 0)
				break;
			if (d == 0 && any) {
				zero = 1;
				prev_unit = 0;
				continue;
			}
			digit = d;
			after_unit = prev_unit;
			prev_unit = 0;
			any = 1;
			continue;
		}
		if ((u = cn_unit(c)) == 0)
			break;
		if (u == 10000) {
			if (!any || (digit < 0 && section == 0))
				break;
			if (digit >= 0)
				section += digit;
			total += section * 10000;
			section = 0;
		} else {
			if (digit < 0) {
				if (lastunit != 0 && lastunit <= u)
					break;
				digit = 1;
			}
			section += digit * u;
		}
		digit = -1;
		lastunit = u;
		prev_unit = 1;
		zero = 0;
		any = 1;
		if (total > QTY_MAX)
			break;
	}
	if (!any)
		return (QN_NONE);
	*used = off;
	if (digit >= 0) {
		if (after_unit && lastunit >= 100 && !zero)
			section += digit * (lastunit / 10);
		else
			section += digit;
	}
	total += section;
	if (total > QTY_MAX)
		return (QN_RANGE);
	*value = total;
	return (QN_WHOLE);
}

int
quick_number(const char *s, size_t *used, int64_t *value)
{
	size_t		 off = 0, n, n2, frac;
	uint32_t	 c;
	int64_t		 v = 0;
	int		 big = 0, nonzero = 0;

	*used = 0;
	*value = 0;
	c = qc_get(s, &n);
	if (!is_digit(c))
		return (cn_number(s, used, value));
	while (is_digit(c)) {
		if (!big) {
			v = v * 10 + (int64_t)(c - '0');
			if (v > QTY_MAX)
				big = 1;
		}
		off += n;
		c = qc_get(s + off, &n);
	}
	if (c == '.' && is_digit(qc_get(s + off + n, &n2))) {
		off += n;
		for (frac = 0; is_digit(c = qc_get(s + off, &n)); frac++) {
			if (c != '0')
				nonzero = 1;
			off += n;
		}
		if (nonzero) {
			*used = off;
			return (QN_FRACTION);
		}
	}
	*used = off;
	if (big)
		return (QN_RANGE);
	*value = v;
	return (QN_WHOLE);
}

/*
 * An amount in thousandths: Arabic digits with up to three decimals, or
 * a whole Chinese number.  0 if none.
 */
static int
read_decimal(const char *s, size_t *used, int64_t *milli)
{
	size_t		 off = 0, n, n2;
	uint32_t	 c;
	int64_t		 v = 0, f = 0;
	int		 k;

	c = qc_get(s, &n);
	if (!is_digit(c)) {
		if (cn_number(s, &off, &v) != QN_WHOLE)
			return (0);
		*used = off;
		*milli = v * 1000;
		return (1);
	}
	while (is_digit(c)) {
		v = v * 10 + (int64_t)(c - '0');
		if (v > QTY_MAX)
			return (0);
		off += n;
		c = qc_get(s + off, &n);
	}
	if (c == '.' && is_digit(qc_get(s + off + n, &n2))) {
		off += n;
		for (k = 0; is_digit(c = qc_get(s + off, &n)); k++) {
			if (k >= 3)
				return (0);
			f = f * 10 + (int64_t)(c - '0');
			off += n;
		}
		for (; k < 3; k++)
			f *= 10;
	}
	*used = off;
	*milli = v * 1000 + f;
	return (1);
}

int
quick_size(const char *s, size_t *used, char *buf, size_t len)
{
	static const struct {
		const char	*u;
		int64_t		 mult;
		int		 ml;
		int		 ascii;
	} units[] = {
		{ "千克", 1000, 0, 0 }, { "公斤", 1000, 0, 0 },
		{ "毫升", 1, 1, 0 }, { "克", 1, 0, 0 }, { "升", 1000, 1, 0 },
		{ "kg", 1000, 0, 1 }, { "kilo", 1000, 0, 1 },
		{ "kilos", 1000, 0, 1 }, { "ml", 1, 1, 1 },
		{ "g", 1, 0, 1 }, { "gr", 1, 0, 1 }, { "gram", 1, 0, 1 },
		{ "grams", 1, 0, 1 }, { "l", 1000, 1, 1 },
		{ "litre", 1000, 1, 1 }, { "litres", 1000, 1, 1 },
		{ "liter", 1000, 1, 1 }, { "liters", 1000, 1, 1 },
	};
	char		 w[16];
	size_t		 off, i, n, wl;
	int64_t		 milli, v;

	if (!read_decimal(s, &off, &milli))
		return (0);
	off += skip_spaces(s + off);
	wl = ascii_word(s + off, w, sizeof w);
	for (i = 0; i < sizeof units / sizeof units[0]; i++) {
		if (units[i].ascii) {
			if (wl == 0 || strcmp(w, units[i].u) != 0)
				continue;
			n = wl;
		} else {
			n = strlen(units[i].u);
			if (strncmp(s + off, units[i].u, n) != 0)
				continue;
		}
		v = milli * units[i].mult;
		if (v <= 0 || v % 1000 != 0)
			return (0);
		snprintf(buf, len, "%lld%s", (long long)(v / 1000),
		    units[i].ml ? "ml" : "g");
		*used = off + n;
		return (1);
	}
	return (0);
}

int
quick_unit(const char *s, size_t *used)
{
	char	 w[16];
	size_t	 n;

	if ((n = prefix_of(s, cn_units)) != 0) {
		*used = n;
		return (1);
	}
	if ((n = ascii_word(s, w, sizeof w)) == 0 || n >= sizeof w - 1)
		return (0);
	stem(w);
	if (!in_list(w, en_units))
		return (0);
	*used = n;
	return (1);
}

int
quick_price(const char *s, int digits, size_t *used, int64_t *price)
{
	char		 w[8], num[48];
	size_t		 off, n, k, m;
	uint32_t	 c;
	int64_t		 v, scale;
	int		 word = 0, i;

	c = qc_get(s, &n);
	if (c == '@' || c == 0xa5 || c == '$')
		off = n;
	else if (strncmp(s, "单价", 6) == 0)
		off = 6;
	else if (strncmp(s, "每", 3) == 0 && quick_unit(s + 3, &m))
		off = 3 + m;
	else if ((n = ascii_word(s, w, sizeof w)) != 0 &&
	    (strcmp(w, "at") == 0 || strcmp(w, "each") == 0)) {
		off = n;
		word = 1;
	} else
		return (0);
	m = off;
	off += skip_spaces(s + off);
	c = qc_get(s + off, &n);
	if (word && !is_digit(c))
		return (0);		/* "at home" */
	if (c == ':' || c == '=') {
		off += n;
		off += skip_spaces(s + off);
		c = qc_get(s + off, &n);
	}
	if (is_digit(c)) {
		for (k = 0; k + 1 < sizeof num; off += n) {
			c = qc_get(s + off, &n);
			if (is_digit(c) || (c == '.' &&
			    is_digit(qc_get(s + off + n, &m))))
				num[k++] = (char)c;
			else
				break;
		}
		num[k] = '\0';
		if (money_parse(num, digits, &v) != 0 || v < 0) {
			*used = off;
			return (-1);
		}
	} else if (quick_number(s + off, &n, &v) == QN_WHOLE) {
		off += n;
		for (scale = 1, i = 0; i < digits; i++)
			scale *= 10;
		v *= scale;
	} else {
		*used = m;
		return (-1);
	}
	/* 元 块 块钱, then /盒 or 一盒. */
	k = skip_spaces(s + off);
	if ((n = prefix_of(s + off + k, (const char *const []){ "块钱",
	    "元", "块", NULL })) != 0)
		off += k + n;
	if (qc_get(s + off, &n) == '/' && quick_unit(s + off + n, &m))
		off += n + m;
	else if (strncmp(s + off, "一", 3) == 0 && quick_unit(s + off + 3, &m))
		off += 3 + m;
	*used = off;
	*price = v;
	return (1);
}

int
quick_filler(const char *s, size_t *used)
{
	char	 w[16];
	size_t	 n;

	if ((n = prefix_of(s, cn_filler)) != 0) {
		*used = n;
		return (1);
	}
	if ((n = ascii_word(s, w, sizeof w)) == 0 || n >= sizeof w - 1)
		return (0);
	if (!in_list(w, en_filler))
		return (0);
	*used = n;
	return (1);
}

int
quick_lineno(const char *s, size_t *used)
{
	size_t		 off, n, digits = 0;
	uint32_t	 c;
	int		 paren = 0;

	off = skip_spaces(s);
	c = qc_get(s + off, &n);
	if (c >= 0x2460 && c <= 0x2473) {	/* ① .. ⑳ */
		off += n;
		goto done;
	}
	if (c == '(') {
		paren = 1;
		off += n;
		c = qc_get(s + off, &n);
	}
	while (is_digit(c)) {
		digits++;
		off += n;
		c = qc_get(s + off, &n);
	}
	if (digits == 0 || digits > 3)
		return (0);
	if (paren) {
		if (c != ')')
			return (0);
		off += n;
		goto done;
	}
	if (c != '.' && c != ')' && c != 0x3001)
		return (0);
	off += n;
	if (is_digit(qc_get(s + off, &n)))
		return (0);
done:
	*used = off + skip_spaces(s + off);
	return (1);
}

const char *
quick_problem_name(enum quick_problem p)
{
	if ((int)p < 0 || p >= QP_NPROBLEMS)
		return ("?");
	return (problem_names[p]);
}

const char *
quick_by_name(enum quick_by b)
{
	switch (b) {
	case QB_OPTION:
		return ("option");
	case QB_CODE:
		return ("code");
	case QB_NAME:
		return ("name");
	case QB_PHONE:
		return ("phone");
	case QB_MENTION:
		return ("mention");
	default:
		return ("none");
	}
}

/* ---- The catalogue. ---- */

static void
toks_add(struct toks *t, enum tk k, size_t s, size_t e)
{
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 16;
		t->v = xreallocarray(t->v, t->cap, sizeof *t->v);
	}
	memset(&t->v[t->n], 0, sizeof t->v[t->n]);
	t->v[t->n].t = k;
	t->v[t->n].s = s;
	t->v[t->n].e = e;
	t->n++;
}

static void
toks_free(struct toks *t)
{
	size_t	 i;

	for (i = 0; i < t->n; i++)
		free(t->v[i].key);
	free(t->v);
	memset(t, 0, sizeof *t);
}

static void
list_add(char ***v, size_t *n, char *s)
{
	*v = xreallocarray(*v, *n + 1, sizeof **v);
	(*v)[(*n)++] = s;
}

/* The runs of CJK characters, the words and the sizes of a name. */
static void
name_analyse(struct qitem *it, struct qcat *cat)
{
	const char	*s = it->name;
	char		 w[64], sz[QUICK_SIZE_BUFSZ];
	size_t		 off = 0, n, start;
	uint32_t	 c;

	while ((c = qc_get(s + off, &n)) != 0) {
		if (is_han(c)) {
			start = off;
			while (is_han(qc_get(s + off, &n)))
				off += n;
			list_add(&it->runs, &it->nruns, xstrndup(s + start,
			    off - start));
			buf_add(&cat->blob, s + start, off - start);
			buf_add(&cat->blob, "\n", 1);
			continue;
		}
		if (is_digit(c)) {
			if (quick_size(s + off, &n, sz, sizeof sz)) {
				list_add(&it->sizes, &it->nsizes,
				    xstrdup(sz));
				off += n;
				continue;
			}
			while (is_digit(qc_get(s + off, &n)))
				off += n;
			continue;
		}
		if (is_alpha(c)) {
			n = ascii_word(s + off, w, sizeof w);
			off += n;
			/* "Lu'an" is "luan". */
			for (start = 0, n = 0; w[n] != '\0'; n++)
				if (w[n] != '\'')
					w[start++] = w[n];
			w[start] = '\0';
			stem(w);
			if (in_list(w, en_filler))
				continue;
			list_add(&it->words, &it->nwords, xstrdup(w));
			strset_add(&cat->vocab, w);
			continue;
		}
		off += n;
	}
}

static int
cat_item(const struct item *i, void *arg)
{
	struct qcat	*cat = arg;
	struct qitem	*it;

	if (cat->n == cat->cap) {
		cat->cap = cat->cap ? cat->cap * 2 : 64;
		cat->v = xreallocarray(cat->v, cat->cap, sizeof *cat->v);
	}
	it = &cat->v[cat->n++];
	memset(it, 0, sizeof *it);
	it->sku = xstrdup(i->sku);
	it->barcode = xstrdup(i->barcode != NULL ? i->barcode : "");
	it->name = xstrdup(i->name);
	it->active = i->active;
	name_analyse(it, cat);
	return (0);
}

static int
cat_load(struct qctx *q)
{
	int	 rc;

	buf_init(&q->cat.blob);
	buf_add(&q->cat.blob, "\n", 1);
	rc = item_each(q->tx, NULL, cat_item, &q->cat);
	buf_add(&q->cat.blob, "", 1);
	return (rc);
}

static void
cat_free(struct qcat *cat)
{
	struct qitem	*it;
	size_t		 i, j;

	for (i = 0; i < cat->n; i++) {
		it = &cat->v[i];
		free(it->sku);
		free(it->barcode);
		free(it->name);
		for (j = 0; j < it->nruns; j++)
			free(it->runs[j]);
		for (j = 0; j < it->nwords; j++)
			free(it->words[j]);
		for (j = 0; j < it->nsizes; j++)
			free(it->sizes[j]);
		free(it->runs);
		free(it->words);
		free(it->sizes);
	}
	free(cat->v);
	buf_free(&cat->blob);
	strset_free(&cat->vocab);
}

/* The item with this SKU (any case) or barcode. */
static const struct qitem *
cat_sku(const struct qcat *cat, const char *s)
{
	const struct qitem	*found = NULL;
	size_t			 i;

	for (i = 0; i < cat->n; i++) {
		if (strcmp(cat->v[i].sku, s) == 0)
			return (&cat->v[i]);
		if (found == NULL && (strcasecmp(cat->v[i].sku, s) == 0 ||
		    (*cat->v[i].barcode != '\0' &&
		    strcmp(cat->v[i].barcode, s) == 0)))
			found = &cat->v[i];
	}
	return (found);
}

/* How many items have the word w in their name. */
static size_t
word_items(const struct qcat *cat, const char *w)
{
	size_t	 i, j, n = 0;

	for (i = 0; i < cat->n; i++)
		for (j = 0; j < cat->v[i].nwords; j++)
			if (strcmp(cat->v[i].words[j], w) == 0) {
				n++;
				break;
			}
	return (n);
}

static int
cat_has_word(const struct qcat *cat, const char *w)
{
	size_t	 lo = 0, hi = cat->vocab.n, mid;
	int	 c;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		c = strcmp(w, cat->vocab.v[mid]);
		if (c == 0)
			return (1);
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return (0);
}

/*
 * The longest piece of the CJK run s[0..len) starting at s, of at least
 * two characters and at most CJK_PIECE_MAX, found in some item's name:
 * its length in bytes, or 0.
 */
static size_t
cat_piece(const struct qcat *cat, const char *s, size_t len)
{
	size_t		 ends[CJK_PIECE_MAX + 1], k = 0, off = 0, n;
	const char	*blob = (const char *)cat->blob.d;

	while (off < len && k < CJK_PIECE_MAX) {
		qc_raw(s + off, &n);
		off += n;
		ends[++k] = off;
	}
	for (; k >= 2; k--)
		if (memmem(blob, cat->blob.len, s, ends[k]) != NULL)
			return (ends[k]);
	return (0);
}

/* 1 if the item's name has this piece (name, size or SKU token). */
static int
item_has(const struct qitem *it, const struct tok *t)
{
	size_t	 i;

	switch (t->t) {
	case TK_SKU:
		return (strcmp(it->sku, t->key) == 0);
	case TK_SIZE:
		for (i = 0; i < it->nsizes; i++)
			if (strcmp(it->sizes[i], t->key) == 0)
				return (1);
		return (0);
	case TK_NAME:
		if (t->cjk) {
			for (i = 0; i < it->nruns; i++)
				if (strstr(it->runs[i], t->key) != NULL)
					return (1);
			return (0);
		}
		for (i = 0; i < it->nwords; i++)
			if (strcmp(it->words[i], t->key) == 0)
				return (1);
		return (0);
	default:
		return (0);
	}
}

/* ---- Tokens. ---- */

/*
 * A phone number at s: an optional + or 00, digits in groups split by
 * one space, - ( or ).  The digits go into d; *cc is set when the number
 * carries a country code, *groups to the number of groups.  Returns the
 * bytes read, or 0 if fewer than 7 digits.
 */
static size_t
phone_run(const char *s, char *d, size_t len, int *cc, int *groups)
{
	size_t		 off = 0, n, n2, k = 0, last = 0;
	uint32_t	 c;

	*cc = 0;
	*groups = 0;
	c = qc_get(s, &n);
	if (c == '+') {
		*cc = 1;
		off = n;
		c = qc_get(s + off, &n);
	}
	if (!is_digit(c))
		return (0);
	for (;;) {
		c = qc_get(s + off, &n);
		if (is_digit(c)) {
			if (k + 1 < len)
				d[k++] = (char)c;
			off += n;
			last = off;
			continue;
		}
		if ((c == ' ' || c == '-' || c == '(' || c == ')') &&
		    is_digit(qc_get(s + off + n, &n2))) {
			(*groups)++;
			off += n;
			continue;
		}
		break;
	}
	d[k] = '\0';
	(*groups)++;
	if (k < 7)
		return (0);
	if (!*cc && k > 2 && d[0] == '0' && d[1] == '0') {
		*cc = 1;
		memmove(d, d + 2, k - 1);
	}
	/* A letter right after it: an SKU or a word, not a phone. */
	if (is_alpha(qc_get(s + last, &n)))
		return (0);
	return (last);
}

/* Does the message's phone m match a customer's phone digits k? */
static int
phone_match(const char *m, int cc, const char *k)
{
	size_t	 ml = strlen(m), kl = strlen(k), i;
	const char *r;

	if (strcmp(m, k) == 0)
		return (1);
	if (cc) {
		/* +86 138...: the national number, with or without 0. */
		for (i = 1; i <= 3 && i + 7 <= ml; i++) {
			r = m + i;
			if (strcmp(r, k) == 0 || (k[0] == '0' &&
			    strcmp(r, k + 1) == 0))
				return (1);
		}
		return (0);
	}
	/* 138...: stored with a country code, the trunk 0 dropped. */
	if (m[0] == '0') {
		m++;
		ml--;
	}
	if (ml >= 7 && kl > ml && kl - ml <= 3 && strcmp(k + kl - ml, m) == 0)
		return (1);
	return (0);
}

/* The customers with this phone (the phone index, keys only). */
static int
phone_lookup(struct qctx *q, const char *digits, int cc, struct qsrc *src)
{
	struct db_iter	 it;
	const char	*k;
	char		 kd[64], *code;
	size_t		 kl;
	int		 rc;

	if ((rc = db_iter_open(q->tx, TB_CUST_BY_PHONE, NULL, 0, &it)) != 0)
		return (rc);
	while ((rc = db_iter_next(&it)) == 0) {
		k = it.key.mv_data;
		kl = strnlen(k, it.key.mv_size);
		if (kl >= sizeof kd || kl + 1 >= it.key.mv_size)
			continue;
		memcpy(kd, k, kl);
		kd[kl] = '\0';
		if (phone_match(digits, cc, kd)) {
			/* The code ends the key: no NUL after it. */
			code = xstrndup(k + kl + 1, it.key.mv_size - kl - 1);
			if (strset_add(&src->codes, code))
				src->all++;
			free(code);
		}
	}
	db_iter_close(&it);
	return (rc == MDB_NOTFOUND ? 0 : rc);
}

/* Clearly a phone even when nobody has it. */
static int
looks_like_phone(const char *d, int cc, int groups)
{
	size_t	 n = strlen(d);

	if (cc)
		return (1);
	if (n == 11 && d[0] == '1')
		return (1);		/* a mobile in China */
	return (groups >= 3 && n >= 8);
}

/* An ASCII token: SKU, barcode, phone, size, number or word. */
static size_t
tok_ascii(struct qctx *q, const char *line, size_t at, struct toks *t)
{
	const char		*s = line + at;
	const struct qitem	*it;
	struct qsrc		 tmp;
	struct tok		*prev;
	char			 w[64], d[40], sz[QUICK_SIZE_BUFSZ];
	size_t			 off = 0, n, m;
	uint32_t		 c;
	int64_t			 v;
	int			 cc, groups, qn, rc;

	/* An SKU: its characters, a trailing . or - not included. */
	while ((c = (uint32_t)(unsigned char)s[off]) != '\0' &&
	    (isalnum((int)c) || strchr("-_./+#", (int)c) != NULL))
		off++;
	while (off > 0 && strchr(".-/+", s[off - 1]) != NULL)
		off--;
	if (off > 0 && off < sizeof w) {
		memcpy(w, s, off);
		w[off] = '\0';
		if ((it = cat_sku(&q->cat, w)) != NULL) {
			toks_add(t, TK_SKU, at, at + off);
			t->v[t->n - 1].key = xstrdup(it->sku);
			return (off);
		}
	}
	c = qc_get(s, &n);
	if (is_digit(c) || c == '+') {
		if ((m = phone_run(s, d, sizeof d, &cc, &groups)) != 0) {
			memset(&tmp, 0, sizeof tmp);
			rc = phone_lookup(q, d, cc, &tmp);
			if (rc == 0 && (tmp.codes.n > 0 ||
			    looks_like_phone(d, cc, groups))) {
				toks_add(t, TK_PHONE, at, at + m);
				t->v[t->n - 1].key = xstrdup(d);
				t->v[t->n - 1].qn = cc;
				strset_free(&tmp.codes);
				return (m);
			}
			strset_free(&tmp.codes);
		}
	}
	if (c == '+') {
		toks_add(t, TK_SEP, at, at + n);
		return (n);
	}
	if (is_digit(c)) {
		if (quick_size(s, &m, sz, sizeof sz)) {
			toks_add(t, TK_SIZE, at, at + m);
			t->v[t->n - 1].key = xstrdup(sz);
			return (m);
		}
		qn = quick_number(s, &m, &v);
		toks_add(t, TK_NUM, at, at + m);
		t->v[t->n - 1].qn = qn;
		t->v[t->n - 1].v = v;
		/* "12x": the x is a times sign. */
		c = qc_get(s + m, &n);
		if ((c == 'x' || c == 'X') && !is_alpha(qc_get(s + m + n,
		    &off))) {
			toks_add(t, TK_TIMES, at + m, at + m + n);
			m += n;
		}
		return (m);
	}
	/* A word. */
	m = ascii_word(s, w, sizeof w);
	if (m == 0)
		return (n);
	if (strcmp(w, "x") == 0) {
		toks_add(t, TK_TIMES, at, at + m);
		return (m);
	}
	if (w[0] == 'x' && is_digit(qc_get(s + 1, &n))) {
		toks_add(t, TK_TIMES, at, at + 1);
		return (1);
	}
	if ((rc = quick_price(s, q->digits, &n, &v)) != 0) {
		if (rc > 0) {
			toks_add(t, TK_PRICE, at, at + n);
			t->v[t->n - 1].v = v;
			return (n);
		}
	}
	prev = t->n > 0 ? &t->v[t->n - 1] : NULL;
	if (prev != NULL && prev->t == TK_NUM && quick_unit(s, &n)) {
		toks_add(t, TK_UNIT, at, at + n);
		return (n);
	}
	if (strcmp(w, "each") == 0 || strcmp(w, "ea") == 0) {
		toks_add(t, TK_EACH, at, at + m);
		return (m);
	}
	for (n = 0; en_numbers[n] != NULL; n++)
		if (strcmp(w, en_numbers[n]) == 0) {
			toks_add(t, TK_NUM, at, at + m);
			t->v[t->n - 1].qn = QN_WHOLE;
			t->v[t->n - 1].v = (int64_t)n;
			return (m);
		}
	if (strcmp(w, "a") == 0 || strcmp(w, "an") == 0) {
		toks_add(t, TK_NUM, at, at + m);
		t->v[t->n - 1].qn = QN_WHOLE;
		t->v[t->n - 1].v = 1;
		t->v[t->n - 1].weak = 1;
		return (m);
	}
	/* "Lu'an": apostrophes dropped as in the item names. */
	for (off = 0, n = 0; w[n] != '\0'; n++)
		if (w[n] != '\'')
			w[off++] = w[n];
	w[off] = '\0';
	stem(w);
	if (!in_list(w, en_filler) && cat_has_word(&q->cat, w)) {
		toks_add(t, TK_NAME, at, at + m);
		t->v[t->n - 1].key = xstrdup(w);
		return (m);
	}
	if (quick_filler(s, &n) || quick_unit(s, &n)) {
		toks_add(t, TK_FILLER, at, at + m);
		return (m);
	}
	toks_add(t, TK_WORD, at, at + m);
	return (m);
}

/*
 * A run of CJK characters: catalogue pieces first, then what is left as
 * price, size, filler, number, unit or unknown words.
 */
static size_t
tok_cjk(struct qctx *q, const char *line, size_t at, struct toks *t)
{
	const char	*s = line + at;
	char		 sz[QUICK_SIZE_BUFSZ];
	size_t		 len = 0, off = 0, n, m;
	int64_t		 v = 0;
	int		 rc, qn;
	struct tok	*prev;

	while (is_han(qc_get(s + len, &n)))
		len += n;
	while (off < len) {
		if ((m = cat_piece(&q->cat, s + off, len - off)) != 0) {
			toks_add(t, TK_NAME, at + off, at + off + m);
			t->v[t->n - 1].key = xstrndup(s + off, m);
			t->v[t->n - 1].cjk = 1;
			off += m;
			continue;
		}
		if ((rc = quick_price(s + off, q->digits, &m, &v)) != 0) {
			toks_add(t, rc > 0 ? TK_PRICE : TK_PRICEBAD, at + off,
			    at + off + m);
			t->v[t->n - 1].v = v;
			off += m;
			continue;
		}
		if (quick_size(s + off, &m, sz, sizeof sz)) {
			toks_add(t, TK_SIZE, at + off, at + off + m);
			t->v[t->n - 1].key = xstrdup(sz);
			off += m;
			continue;
		}
		if (quick_filler(s + off, &m)) {
			toks_add(t, TK_FILLER, at + off, at + off + m);
			off += m;
			continue;
		}
		if ((qn = quick_number(s + off, &m, &v)) != QN_NONE) {
			toks_add(t, TK_NUM, at + off, at + off + m);
			t->v[t->n - 1].qn = qn;
			t->v[t->n - 1].v = v;
			off += m;
			continue;
		}
		if (quick_unit(s + off, &m)) {
			toks_add(t, TK_UNIT, at + off, at + off + m);
			off += m;
			continue;
		}
		if ((m = prefix_of(s + off, (const char *const []){ "块钱",
		    "元", "块", NULL })) != 0) {
			toks_add(t, TK_EACH, at + off, at + off + m);
			off += m;
			continue;
		}
		qc_raw(s + off, &m);
		prev = t->n > 0 ? &t->v[t->n - 1] : NULL;
		if (prev != NULL && prev->t == TK_WORD && prev->e == at + off)
			prev->e += m;
		else
			toks_add(t, TK_WORD, at + off, at + off + m);
		off += m;
	}
	return (off);	/* a price or size may read on past the run */
}

static void
tokenize(struct qctx *q, const char *line, size_t len, struct toks *t)
{
	size_t		 off = 0, n, m, w;
	uint32_t	 c, c2;
	int64_t		 v = 0;
	int		 rc;

	if (quick_lineno(line, &n))
		off = n;
	while (off < len) {
		c = qc_get(line + off, &n);
		if (c == 0)
			break;
		if (is_space(c)) {
			off += n;
			continue;
		}
		switch (c) {
		case ',':
		case ';':
		case '!':
		case '?':
		case '.':
		case '|':
		case 0x3001:	/* 、 */
		case 0x3002:	/* 。 */
		case 0xff61:
		case 0xff64:
			toks_add(t, TK_SEP, off, off + n);
			off += n;
			continue;
		case ':':
			toks_add(t, TK_COLON, off, off + n);
			off += n;
			/* "王芳: 1. 碧螺春 ...": a list after the name. */
			if (quick_lineno(line + off, &m))
				off += m;
			continue;
		case '*':
			toks_add(t, TK_TIMES, off, off + n);
			off += n;
			continue;
		case '-':
			if (is_digit(qc_get(line + off + n, &m))) {
				/* -2: not a positive quantity. */
				quick_number(line + off + n, &m, &v);
				toks_add(t, TK_NUM, off, off + n + m);
				t->v[t->n - 1].qn = QN_FRACTION;
				off += n + m;
				continue;
			}
			off += n;
			continue;
		case '@':
			c2 = qc_get(line + off + n, &m);
			if (c2 != 0 && !is_space(c2) && !is_digit(c2) &&
			    cn_digit(c2) < 0 && cn_unit(c2) == 0) {
				for (m = off + n; m < len; m += w) {
					c = qc_get(line + m, &w);
					if (c == 0 || is_space(c) || c == ':' ||
					    c == ',' || c == 0x3001 ||
					    c == 0x3002 || c == ';')
						break;
				}
				toks_add(t, TK_MENTION, off, m);
				t->v[t->n - 1].key = xstrndup(line + off + n,
				    m - off - n);
				off = m;
				continue;
			}
			break;
		}
		if (c == '@' || c == '$' || c == 0xa5) {
			rc = quick_price(line + off, q->digits, &m, &v);
			toks_add(t, rc > 0 ? TK_PRICE : TK_PRICEBAD, off,
			    off + (m > 0 ? m : n));
			t->v[t->n - 1].v = v;
			off += m > 0 ? m : n;
			continue;
		}
		if (is_han(c)) {
			off += tok_cjk(q, line, off, t);
			continue;
		}
		if (is_digit(c) || is_alpha(c) || c == '+') {
			off += tok_ascii(q, line, off, t);
			continue;
		}
		off += n;	/* other punctuation, emoji: a boundary */
	}
}

/*
 * Numbers with their unit or times sign become quantities; a number
 * after a price marker was read with it; a number before 元, 块 or
 * "each" is a price.
 */
static void
merge(struct toks *t)
{
	struct tok	*a, *b;
	size_t		 i, j;

	for (i = 0; i < t->n; i++) {
		a = &t->v[i];
		b = i + 1 < t->n ? &t->v[i + 1] : NULL;
		if (a->t == TK_TIMES && b != NULL && b->t == TK_NUM) {
			b->s = a->s;
			a->t = TK_FILLER;
			a->e = a->s;
			continue;
		}
		if (a->t == TK_PRICE && b != NULL && b->t == TK_EACH) {
			a->e = b->e;		/* "at 3 each" */
			b->t = TK_FILLER;
			b->s = b->e;
			continue;
		}
		if (a->t != TK_NUM)
			continue;
		if (b != NULL && b->t == TK_EACH) {
			a->t = TK_PRICE;
			a->e = b->e;
			b->t = TK_FILLER;
			b->s = b->e;
			if (a->qn != QN_WHOLE)
				a->t = TK_PRICEBAD;
			continue;
		}
		a->t = TK_QTY;
		if (b != NULL && (b->t == TK_UNIT || b->t == TK_TIMES)) {
			a->e = b->e;
			b->t = TK_FILLER;
			b->s = b->e;
			a->weak = 0;
		}
	}
	/* Drop what merged away, units without a number and "each". */
	for (i = j = 0; i < t->n; i++) {
		a = &t->v[i];
		if (a->t == TK_UNIT || a->t == TK_TIMES || a->t == TK_EACH)
			a->t = TK_FILLER;
		if (a->t == TK_FILLER && a->s == a->e) {
			free(a->key);
			continue;
		}
		t->v[j++] = *a;
	}
	t->n = j;
}

/* ---- Customers. ---- */

/* The words naming a customer without greetings and honorifics. */
static char *
cust_strip(const char *w)
{
	char		*s, *p, buf[16];
	size_t		 n, l, k;
	uint32_t	 c;
	int		 again;

	s = xstrdup(w);
	do {
		again = 0;
		/* Leading punctuation and @. */
		for (p = s; (c = qc_get(p, &n)) != 0 && !is_alpha(c) &&
		    !is_digit(c) && !is_han(c) && c != '+'; p += n)
			;
		if ((n = prefix_of(p, cn_greet)) != 0 || ((n = ascii_word(p,
		    buf, sizeof buf)) != 0 && in_list(buf, en_greet))) {
			p += n;
			if (*p == '.')
				p++;
			again = 1;
		}
		memmove(s, p, strlen(p) + 1);
		l = strlen(s);
		while (l > 0 && strchr(" \t:,", s[l - 1]) != NULL)
			s[--l] = '\0';
		for (n = 0; cn_honor[n] != NULL; n++) {
			p = (char *)cn_honor[n];
			k = strlen(p);
			if (l > k && strcmp(s + l - k, p) == 0) {
				s[l - k] = '\0';
				again = 1;
				break;
			}
		}
		l = strlen(s);
		for (n = 0; cn_tail[n] != NULL && !again; n++) {
			p = (char *)cn_tail[n];
			k = strlen(p);
			if (l > k && strcmp(s + l - k, p) == 0) {
				s[l - k] = '\0';
				again = 1;
			}
		}
	} while (again && *s != '\0');
	return (s);
}

/* Customers named by words: code, phone, or the start of the name. */
static int
cust_lookup(struct qctx *q, const char *words, struct qsrc *src)
{
	struct customer	 c;
	struct db_iter	 it;
	struct buf	 k;
	char		*w, *low, *up, *p, d[40];
	size_t		 n, kl;
	int		 rc = 0, cc, groups;

	w = cust_strip(words);
	if (*w == '\0')
		goto out;
	/* A code, as typed or in capitals. */
	up = xstrdup(w);
	for (p = up; *p != '\0'; p++)
		*p = (char)toupper((unsigned char)*p);
	memset(&c, 0, sizeof c);
	if (customer_get(q->tx, w, &c, NULL) == 0 ||
	    customer_get(q->tx, up, &c, NULL) == 0) {
		strset_add(&src->codes, c.code);
		src->all = 1;
		src->by = QB_CODE;
		customer_free(&c);
		free(up);
		goto out;
	}
	free(up);
	/* A phone. */
	if ((n = phone_run(w, d, sizeof d, &cc, &groups)) != 0 &&
	    w[n] == '\0') {
		src->by = QB_PHONE;
		rc = phone_lookup(q, d, cc, src);
		goto out;
	}
	/* The start of a name. */
	low = str_fold(w);
	buf_init(&k);
	key_strn(&k, low);
	src->by = QB_NAME;
	if ((rc = db_iter_open(q->tx, TB_CUST_BY_NAME, k.d, k.len,
	    &it)) == 0) {
		while ((rc = db_iter_next(&it)) == 0) {
			kl = strnlen(it.key.mv_data, it.key.mv_size);
			if (kl + 1 >= it.key.mv_size)
				continue;
			p = xstrndup((const char *)it.key.mv_data + kl + 1,
			    it.key.mv_size - kl - 1);
			if (strset_add(&src->codes, p))
				src->all++;
			free(p);
			if (src->all >= CUST_SCAN_MAX)
				break;
		}
		db_iter_close(&it);
		if (rc == MDB_NOTFOUND)
			rc = 0;
	}
	buf_free(&k);
	free(low);
out:
	free(w);
	return (rc);
}

static struct qsrc *
src_add(struct qctx *q, const char *words, enum quick_by by)
{
	struct qsrc	*s;

	q->src = xreallocarray(q->src, q->nsrc + 1, sizeof *q->src);
	s = &q->src[q->nsrc++];
	memset(s, 0, sizeof *s);
	s->words = xstrdup(words);
	s->by = by;
	return (s);
}

static void
cand_set(struct quick_cand **v, size_t *n, size_t *all, const char *key,
    const char *name, int orders)
{
	(*all)++;
	if (*n >= QUICK_MAXCAND)
		return;
	*v = xreallocarray(*v, *n + 1, sizeof **v);
	(*v)[*n].key = xstrdup(key);
	(*v)[*n].name = xstrdup(name != NULL ? name : "");
	(*v)[*n].orders = orders;
	(*n)++;
}

/* Join the customer sources: they must agree on one customer. */
static int
cust_resolve(struct qctx *q)
{
	struct quick_result	*r = q->r;
	struct customer		 c;
	struct buf		 words;
	struct qsrc		*s, *one = NULL;
	size_t			 i, j;
	int			 rc;

	buf_init(&words);
	for (i = 0; i < q->nsrc; i++) {
		if (i > 0)
			buf_add(&words, " ", 1);
		buf_add(&words, q->src[i].words, strlen(q->src[i].words));
	}
	buf_add(&words, "", 1);
	if (q->nsrc > 0)
		r->customer_words = xstrdup((char *)words.d);
	buf_free(&words);
	if (q->override)
		return (0);
	if (q->nsrc == 0) {
		r->customer_problem = QP_NO_CUSTOMER;
		return (0);
	}
	for (i = 0; i < q->nsrc; i++) {
		s = &q->src[i];
		if (s->codes.n == 0) {
			r->customer_problem = QP_CUSTOMER_UNKNOWN;
			free(r->customer_words);
			r->customer_words = xstrdup(s->words);
			return (0);
		}
		if (s->codes.n > 1) {
			r->customer_problem = QP_CUSTOMER_AMBIGUOUS;
			free(r->customer_words);
			r->customer_words = xstrdup(s->words);
			for (j = 0; j < s->codes.n; j++) {
				memset(&c, 0, sizeof c);
				if ((rc = customer_get(q->tx, s->codes.v[j], &c,
				    NULL)) != 0)
					return (rc == MDB_NOTFOUND ?
					    ORDO_ECORRUPT : rc);
				cand_set(&r->ccand, &r->nccand,
				    &r->nccand_all, c.code, c.name, 0);
				customer_free(&c);
			}
			r->nccand_all = s->all;
			return (0);
		}
		if (one != NULL && strcmp(one->codes.v[0],
		    s->codes.v[0]) != 0) {
			r->customer_problem = QP_CUSTOMER_CONFLICT;
			cand_set(&r->ccand, &r->nccand, &r->nccand_all,
			    one->codes.v[0], one->words, 0);
			cand_set(&r->ccand, &r->nccand, &r->nccand_all,
			    s->codes.v[0], s->words, 0);
			return (0);
		}
		if (one == NULL)
			one = s;
	}
	memset(&c, 0, sizeof c);
	if ((rc = customer_get(q->tx, one->codes.v[0], &c, NULL)) != 0)
		return (rc == MDB_NOTFOUND ? ORDO_ECORRUPT : rc);
	r->customer = xstrdup(c.code);
	r->customer_name = xstrdup(c.name);
	r->customer_by = one->by;
	customer_free(&c);
	return (0);
}

/* ---- Lines. ---- */

static char *
span(const char *line, size_t s, size_t e)
{
	while (e > s && strchr(" \t:,", line[e - 1]) != NULL)
		e--;
	return (xstrndup(line + s, e - s));
}

static void
stray_add(struct quick_result *r, char *w)
{
	r->stray = xreallocarray(r->stray, r->nstray + 1, sizeof *r->stray);
	r->stray[r->nstray++] = w;
}

static int
is_item_tok(const struct tok *t)
{
	return (t->t == TK_NAME || t->t == TK_SKU || t->t == TK_SIZE);
}

static int
is_key_tok(const struct tok *t)
{
	return (t->t == TK_NAME || t->t == TK_SKU);
}

/*
 * The words naming the customer at the start of the first line: sets *h
 * to the first token after them (0: none).
 */
static int
header(struct qctx *q, const char *line, const struct toks *t, size_t *h)
{
	struct qsrc	*src, tmp;
	char		*w = NULL;
	size_t		 i, b, e = 0, colon = 0, n;
	int		 rc = 0, has_colon = 0, items = 0, found;

	for (i = 0; i < t->n; i++) {
		if (t->v[i].t == TK_COLON) {
			has_colon = 1;
			colon = i;
			break;
		}
		if (is_item_tok(&t->v[i]) || t->v[i].t == TK_QTY ||
		    t->v[i].t == TK_PRICE)
			items = 1;
	}
	/* Where the words start: after greetings and punctuation. */
	for (b = 0; b < t->n && (t->v[b].t == TK_FILLER ||
	    t->v[b].t == TK_SEP); b++)
		;
	if (has_colon) {
		if (b >= colon) {
			*h = colon + 1;		/* "你好：", a phone: */
			return (0);
		}
		e = colon;
	} else {
		for (i = b; i < t->n && (t->v[i].t == TK_WORD ||
		    t->v[i].t == TK_FILLER || t->v[i].t == TK_SEP); i++)
			if (t->v[i].t == TK_WORD)
				e = i + 1;
		if (e == 0)
			return (0);
		/* "王老板 碧螺春": the honorific goes with the name. */
		if (e < t->n && t->v[e].t == TK_FILLER &&
		    (n = prefix_of(line + t->v[e].s, cn_honor)) != 0 &&
		    t->v[e].s + n == t->v[e].e)
			e++;
	}
	w = span(line, t->v[b].s, t->v[e - 1].e);
	memset(&tmp, 0, sizeof tmp);
	if (!q->override && (rc = cust_lookup(q, w, &tmp)) != 0)
		goto out;
	found = tmp.codes.n > 0;
	/*
	 * Before a colon: the customer, unless the words are items ("碧螺春:
	 * 3盒").  Leading unknown words: only if they find one, or nothing
	 * else names one yet.
	 */
	if (found || q->override || (has_colon && !items) ||
	    (!has_colon && q->nsrc == 0)) {
		src = src_add(q, w, tmp.by);
		src->codes = tmp.codes;
		src->all = tmp.all;
		memset(&tmp, 0, sizeof tmp);
		*h = has_colon ? colon + 1 : e;
	}
out:
	strset_free(&tmp.codes);
	free(w);
	return (rc);
}

/*
 * One line of the message.  *first is set while no line has been read
 * yet (its leading words may name the customer).
 */
static int
line_read(struct qctx *q, const char *line, size_t srcline, int *first)
{
	struct toks	 t;
	struct tok	*k;
	struct qsrc	*src;
	size_t		 i, h = 0, start;
	int		 rc = 0;

	memset(&t, 0, sizeof t);
	tokenize(q, line, strlen(line), &t);
	merge(&t);
	if (t.n == 0)
		goto out;

	/* Mentions and phones anywhere name the customer. */
	for (i = 0; i < t.n; i++) {
		k = &t.v[i];
		if (k->t == TK_MENTION) {
			src = src_add(q, line + k->s, QB_MENTION);
			src->words[k->e - k->s] = '\0';
			if (!q->override && (rc = cust_lookup(q, k->key,
			    src)) != 0)
				goto out;
			if (src->by == QB_NAME || src->by == QB_CODE)
				src->by = QB_MENTION;
			k->t = TK_FILLER;
		} else if (k->t == TK_PHONE) {
			src = src_add(q, line + k->s, QB_PHONE);
			src->words[k->e - k->s] = '\0';
			if (!q->override && (rc = phone_lookup(q, k->key,
			    k->qn, src)) != 0)
				goto out;
			k->t = TK_FILLER;
		}
	}

	/*
	 * The customer's name: the first line's words before a colon, or
	 * its leading unknown words.  A line of greetings alone ("Hello,")
	 * leaves that to the next line.
	 */
	for (i = 0; *first && i < t.n; i++)
		if (t.v[i].t != TK_FILLER && t.v[i].t != TK_SEP)
			break;
	if (*first && i < t.n) {
		*first = 0;
		if ((rc = header(q, line, &t, &h)) != 0)
			goto out;
	}

	/* Pieces between separators; a colon not naming one is a space. */
	for (start = i = h; i <= t.n; i++) {
		if (i < t.n && t.v[i].t != TK_SEP)
			continue;
		if (i > start)
			groups(q, line, srcline, &t.v[start], i - start);
		start = i + 1;
	}
out:
	toks_free(&t);
	return (rc);
}

/*
 * Cut a piece into lines, one quantity each: quantity-first pieces
 * ("3盒碧螺春 2饼白茶") at each quantity, name-first ones ("碧螺春3盒
 * 白茶2饼") at each item word after a quantity.
 */
static void
groups(struct qctx *q, const char *line, size_t srcline,
    const struct tok *t, size_t n)
{
	size_t	 i, start = 0, nq = 0;
	int	 qty_first = -1, seen_qty = 0;

	for (i = 0; i < n; i++) {
		if (t[i].t == TK_QTY)
			nq++;
		if (qty_first < 0 && t[i].t == TK_QTY)
			qty_first = 1;
		if (qty_first < 0 && is_key_tok(&t[i]))
			qty_first = 0;
	}
	if (nq <= 1) {
		group_resolve(q, line, srcline, t, n);
		return;
	}
	for (i = 0; i < n; i++) {
		if (qty_first == 1 && t[i].t == TK_QTY && i > start) {
			group_resolve(q, line, srcline, &t[start], i - start);
			start = i;
		} else if (qty_first == 0 && is_key_tok(&t[i]) && seen_qty) {
			group_resolve(q, line, srcline, &t[start], i - start);
			start = i;
			seen_qty = 0;
		}
		if (t[i].t == TK_QTY)
			seen_qty = 1;
	}
	group_resolve(q, line, srcline, &t[start], n - start);
}

/* One order line: its item, quantity and price. */
static void
group_resolve(struct qctx *q, const char *line, size_t srcline,
    const struct tok *t, size_t n)
{
	struct quick_result	*r = q->r;
	struct quick_line	*l;
	const struct tok	*qty = NULL, *price = NULL;
	struct buf		 extra, qtys, prices;
	size_t			 i, j, s = (size_t)-1, e = 0, npieces = 0;
	size_t			 nq = 0, nw = 0, np = 0, best = 0, bopt = 0;
	size_t			 nreq, req, opt;
	int			 has_item = 0, weak = 0, bad_price = 0, pass;
	int			*generic;

	buf_init(&extra);
	buf_init(&qtys);
	buf_init(&prices);
	for (i = 0; i < n; i++) {
		if (t[i].t == TK_FILLER || t[i].t == TK_COLON)
			continue;
		if (t[i].s < s)
			s = t[i].s;
		if (t[i].e > e)
			e = t[i].e;
		switch (t[i].t) {
		case TK_QTY:
			if (t[i].weak) {
				weak = 1;
				break;
			}
			if (nq++ > 0)
				buf_add(&qtys, " ", 1);
			buf_add(&qtys, line + t[i].s, t[i].e - t[i].s);
			qty = &t[i];
			break;
		case TK_PRICEBAD:
			bad_price = 1;
			/* FALLTHROUGH */
		case TK_PRICE:
			if (np++ > 0)
				buf_add(&prices, " ", 1);
			buf_add(&prices, line + t[i].s, t[i].e - t[i].s);
			price = &t[i];
			break;
		case TK_WORD:
			if (nw++ > 0)
				buf_add(&extra, " ", 1);
			buf_add(&extra, line + t[i].s, t[i].e - t[i].s);
			break;
		default:
			if (is_item_tok(&t[i])) {
				npieces++;
				has_item = 1;
			}
			break;
		}
	}
	buf_add(&qtys, "", 1);
	buf_add(&prices, "", 1);
	if (s == (size_t)-1) {
		buf_free(&extra);
		buf_free(&qtys);
		buf_free(&prices);
		return;			/* filler only */
	}
	buf_add(&extra, "", 1);
	if (!has_item && nq == 0 && np == 0 && !weak) {
		stray_add(r, xstrdup((char *)extra.d));
		buf_free(&extra);
		buf_free(&qtys);
		buf_free(&prices);
		return;
	}
	r->lines = xreallocarray(r->lines, r->nlines + 1, sizeof *r->lines);
	l = &r->lines[r->nlines++];
	memset(l, 0, sizeof *l);
	l->words = span(line, s, e);
	l->srcline = srcline;
	l->qty = -1;
	l->price = -1;

	/* Quantity and price. */
	if (nq > 1 || (nq == 1 && (qty->qn != QN_WHOLE || qty->v <= 0))) {
		l->qty_problem = QP_BAD_QTY;	/* several, or not whole */
		l->qty_words = xstrdup((char *)qtys.d);
	} else if (nq == 1)
		l->qty = qty->v;
	else if (weak)
		l->qty = 1;
	else
		l->qty_problem = QP_NO_QTY;
	if ((np > 1 || bad_price) && l->qty_problem == QP_NONE) {
		l->qty_problem = QP_BAD_PRICE;	/* several, or no amount */
		l->qty_words = xstrdup((char *)prices.d);
	} else if (np == 1 && !bad_price)
		l->price = price->v;
	buf_free(&qtys);
	buf_free(&prices);

	/* The item: every piece in its name. */
	if (!has_item) {
		l->item_problem = QP_ITEM_UNKNOWN;
		buf_free(&extra);
		return;
	}
	if (nw > 0)
		l->extra = xstrdup((char *)extra.d);
	buf_free(&extra);
	/*
	 * An English word found in a quarter of the catalogue or more ("tea")
	 * is generic: an item need not have it, but of the items with every
	 * other piece, those with the most generic words are taken.
	 */
	generic = xcalloc(n, sizeof *generic);
	for (j = 0, nreq = 0; j < n; j++) {
		if (!is_item_tok(&t[j]))
			continue;
		generic[j] = t[j].t == TK_NAME && !t[j].cjk &&
		    word_items(&q->cat, t[j].key) * 4 >= q->cat.n &&
		    word_items(&q->cat, t[j].key) >= 3;
		if (!generic[j])
			nreq++;
	}
	if (nreq == 0) {
		memset(generic, 0, n * sizeof *generic);
		nreq = npieces;
	}
	for (pass = 0; pass < 2; pass++) {
		for (i = 0; i < q->cat.n; i++) {
			if (!q->cat.v[i].active)
				continue;
			for (req = opt = 0, j = 0; j < n; j++) {
				if (!is_item_tok(&t[j]) ||
				    !item_has(&q->cat.v[i], &t[j]))
					continue;
				if (generic[j])
					opt++;
				else
					req++;
			}
			if (pass == 0) {
				if (req > best || (req == best && opt > bopt)) {
					best = req;
					bopt = opt;
				}
				continue;
			}
			if (best == 0 || req != best || opt != bopt)
				continue;
			/* All candidates are kept for ranking. */
			l->cand = xreallocarray(l->cand, l->ncand + 1,
			    sizeof *l->cand);
			l->cand[l->ncand].key = xstrdup(q->cat.v[i].sku);
			l->cand[l->ncand].name = xstrdup(q->cat.v[i].name);
			l->cand[l->ncand].orders = 0;
			l->ncand++;
		}
	}
	free(generic);
	l->ncand_all = l->ncand;
	if (best < nreq || l->ncand == 0)
		l->item_problem = QP_ITEM_UNKNOWN;
	else if (l->ncand > 1)
		l->item_problem = QP_ITEM_AMBIGUOUS;
	else {
		l->sku = xstrdup(l->cand[0].key);
		l->name = xstrdup(l->cand[0].name);
	}
}

/* ---- History. ---- */

struct hist {
	struct qctx	*q;
	struct strset	 seen;
	int		 n;
};

static int
history_order(const struct order *o, void *arg)
{
	struct hist	*h = arg;
	struct qitem	*it;
	size_t		 i, j;

	if (h->n++ >= QUICK_HISTORY)
		return (1);
	if (o->status == ST_CANCELLED)
		return (0);
	strset_free(&h->seen);
	for (i = 0; i < o->nlines; i++) {
		if (!strset_add(&h->seen, o->lines[i].sku))
			continue;
		for (j = 0; j < h->q->cat.n; j++) {
			it = &h->q->cat.v[j];
			if (strcmp(it->sku, o->lines[i].sku) == 0) {
				it->orders++;
				break;
			}
		}
	}
	return (0);
}

static int
history(struct qctx *q)
{
	struct hist	 h;
	int		 rc;

	memset(&h, 0, sizeof h);
	h.q = q;
	rc = order_each(q->tx, -1, q->r->customer, 0, history_order, &h);
	strset_free(&h.seen);
	return (rc);
}

static int
cand_cmp(const void *a, const void *b)
{
	const struct quick_cand	*x = a, *y = b;

	if (x->orders != y->orders)
		return (x->orders > y->orders ? -1 : 1);
	return (strcmp(x->key, y->key));
}

/* Order the candidates; one ordered more often than the rest is taken. */
static void
rank(struct qctx *q)
{
	struct quick_line	*l;
	const struct qitem	*it;
	size_t			 i, j;

	for (i = 0; i < q->r->nlines; i++) {
		l = &q->r->lines[i];
		for (j = 0; j < l->ncand; j++)
			if ((it = cat_sku(&q->cat, l->cand[j].key)) != NULL)
				l->cand[j].orders = it->orders;
		if (l->ncand > 1)
			qsort(l->cand, l->ncand, sizeof *l->cand, cand_cmp);
		if (l->item_problem == QP_ITEM_AMBIGUOUS &&
		    l->cand[0].orders > 0 && l->cand[0].orders >
		    l->cand[1].orders) {
			l->item_problem = QP_NONE;
			l->by_history = 1;
			l->sku = xstrdup(l->cand[0].key);
			l->name = xstrdup(l->cand[0].name);
		}
		/* Keep at most QUICK_MAXCAND to show. */
		for (j = QUICK_MAXCAND; j < l->ncand; j++) {
			free(l->cand[j].key);
			free(l->cand[j].name);
		}
		if (l->ncand > QUICK_MAXCAND)
			l->ncand = QUICK_MAXCAND;
		if (l->item_problem == QP_NONE && !l->by_history) {
			for (j = 0; j < l->ncand; j++) {
				free(l->cand[j].key);
				free(l->cand[j].name);
			}
			free(l->cand);
			l->cand = NULL;
			l->ncand = l->ncand_all = 0;
		}
	}
}

/* ---- The whole message. ---- */

int
quick_parse(struct db_txn *tx, const char *text, const char *customer,
    struct quick_result *r, char **cause)
{
	struct qctx	 q;
	struct customer	 c;
	char		*s, *p, *nl;
	size_t		 len, i, srcline = 0;
	int		 rc, first = 1;

	memset(r, 0, sizeof *r);
	memset(&q, 0, sizeof q);
	len = strlen(text);
	if (len > QUICK_TEXT_MAX)
		return (cause_set(cause, ORDO_EINVAL, "message too long (%zu "
		    "bytes, at most %d)", len, QUICK_TEXT_MAX));
	/* Carriage returns out; then it must be UTF-8 text. */
	r->text = s = xmalloc(len + 1);
	for (p = s; *text != '\0'; text++)
		if (*text != '\r')
			*p++ = *text;
	*p = '\0';
	if (!utf8_valid(s, strlen(s)))
		return (cause_set(cause, ORDO_EINVAL, "message: not valid "
		    "UTF-8 text"));
	q.tx = tx;
	q.r = r;
	q.digits = tx->co->cfg != NULL ? tx->co->cfg->minor_digits : 2;
	if (customer != NULL) {
		memset(&c, 0, sizeof c);
		if ((rc = customer_get(tx, customer, &c, cause)) != 0) {
			if (rc == ORDO_ENOTFOUND || rc == MDB_NOTFOUND) {
				free(*cause);
				*cause = NULL;
				return (cause_set(cause, ORDO_EINVAL,
				    "--customer: no customer %s", customer));
			}
			return (rc);
		}
		q.override = 1;
		r->customer = xstrdup(c.code);
		r->customer_name = xstrdup(c.name);
		r->customer_by = QB_OPTION;
		customer_free(&c);
	}
	if ((rc = cat_load(&q)) != 0)
		goto out;
	for (p = s; p != NULL; p = nl) {
		srcline++;
		if ((nl = strchr(p, '\n')) != NULL)
			*nl = '\0';
		rc = line_read(&q, p, srcline, &first);
		if (nl != NULL)
			*nl++ = '\n';
		if (rc != 0)
			goto out;
	}
	if ((rc = cust_resolve(&q)) != 0)
		goto out;
	if (r->customer != NULL && (rc = history(&q)) != 0)
		goto out;
	rank(&q);
out:
	for (i = 0; i < q.nsrc; i++) {
		free(q.src[i].words);
		strset_free(&q.src[i].codes);
	}
	free(q.src);
	cat_free(&q.cat);
	if (rc != 0 && cause != NULL && *cause == NULL)
		cause_set(cause, rc, "%s", ordo_strerror(rc));
	return (rc);
}

size_t
quick_problems(const struct quick_result *r)
{
	size_t	 i, n = 0;

	if (r->customer_problem != QP_NONE)
		n++;
	for (i = 0; i < r->nlines; i++) {
		if (r->lines[i].item_problem != QP_NONE)
			n++;
		if (r->lines[i].qty_problem != QP_NONE)
			n++;
		if (r->lines[i].extra != NULL)
			n++;
	}
	n += r->nstray;
	if (r->nlines == 0)
		n++;
	return (n);
}

int
quick_order(struct db_txn *tx, const struct quick_result *r, uint64_t *id,
    char **cause)
{
	struct order	 o;
	char		*notes;
	size_t		 i, n;
	int		 rc;

	if (quick_problems(r) != 0)
		return (cause_set(cause, ORDO_EINVAL, "the message is not "
		    "fully resolved (%zu questions)", quick_problems(r)));
	if (r->nlines > ORDER_MAXLINES)
		return (cause_set(cause, ORDO_EINVAL, "too many lines (%zu, "
		    "at most %d)", r->nlines, ORDER_MAXLINES));
	/* The message is the order's notes, cut at a character. */
	n = strlen(r->text);
	if (n > NOTES_MAX) {
		n = NOTES_MAX;
		while (n > 0 && ((unsigned char)r->text[n] & 0xc0) == 0x80)
			n--;
	}
	notes = xstrndup(r->text, n);
	memset(&o, 0, sizeof o);
	o.channel = (char *)"counter";
	o.ext_id = (char *)"";
	o.customer = r->customer;
	o.notes = notes;
	o.lines = xcalloc(r->nlines, sizeof *o.lines);
	o.nlines = r->nlines;
	for (i = 0; i < r->nlines; i++) {
		o.lines[i].sku = r->lines[i].sku;
		o.lines[i].qty = r->lines[i].qty;
		o.lines[i].unit_price = r->lines[i].price;
		o.lines[i].tax_rate = -1;
	}
	rc = order_new(tx, &o, cause);
	if (rc == 0)
		*id = o.id;
	free(o.lines);
	free(notes);
	return (rc);
}

int
quick_add(struct db_txn *tx, const struct quick_result *r, uint64_t id,
    char **cause)
{
	struct order		 o;
	struct order_line	 l;
	uint32_t		 version;
	size_t			 i;
	int			 rc;

	if (quick_problems(r) != 0)
		return (cause_set(cause, ORDO_EINVAL, "the message is not "
		    "fully resolved (%zu questions)", quick_problems(r)));
	if ((rc = order_get(tx, id, &o, cause)) != 0)
		return (rc);
	if (strcmp(o.customer, r->customer) != 0) {
		rc = cause_set(cause, ORDO_EINVAL, "the message is for %s, "
		    "order %llu for %s", r->customer, (unsigned long long)id,
		    o.customer);
		order_free(&o);
		return (rc);
	}
	version = o.version;
	order_free(&o);
	for (i = 0; i < r->nlines; i++) {
		memset(&l, 0, sizeof l);
		l.sku = r->lines[i].sku;
		l.qty = r->lines[i].qty;
		l.unit_price = r->lines[i].price;
		l.tax_rate = -1;
		if ((rc = order_add_line(tx, id, version, &l, cause)) != 0)
			return (rc);
		version++;
	}
	return (0);
}

/* ---- A person's answers. ---- */

static void
cands_free(struct quick_cand **v, size_t *n, size_t *all)
{
	size_t	 i;

	for (i = 0; i < *n; i++) {
		free((*v)[i].key);
		free((*v)[i].name);
	}
	free(*v);
	*v = NULL;
	*n = 0;
	if (all != NULL)
		*all = 0;
}

static int
line_check(const struct quick_result *r, size_t line, char **cause)
{
	if (line >= r->nlines)
		return (cause_set(cause, ORDO_EINVAL, "no line %zu (%zu "
		    "lines)", line + 1, r->nlines));
	return (0);
}

int
quick_set_customer(struct db_txn *tx, struct quick_result *r,
    const char *code, char **cause)
{
	struct customer	 c;
	int		 rc;

	memset(&c, 0, sizeof c);
	if ((rc = customer_get(tx, code, &c, cause)) != 0)
		return (rc);
	free(r->customer);
	free(r->customer_name);
	r->customer = xstrdup(c.code);
	r->customer_name = xstrdup(c.name);
	r->customer_by = QB_OPTION;
	r->customer_problem = QP_NONE;
	cands_free(&r->ccand, &r->nccand, &r->nccand_all);
	customer_free(&c);
	return (0);
}

int
quick_set_item(struct db_txn *tx, struct quick_result *r, size_t line,
    const char *sku, char **cause)
{
	struct quick_line	*l;
	struct item		 it;
	int			 rc;

	if ((rc = line_check(r, line, cause)) != 0)
		return (rc);
	memset(&it, 0, sizeof it);
	if ((rc = item_get(tx, sku, &it, cause)) != 0)
		return (rc);
	if (!it.active) {
		item_free(&it);
		return (cause_set(cause, ORDO_ENOTFOUND, "item %s is not for "
		    "sale (inactive)", sku));
	}
	l = &r->lines[line];
	free(l->sku);
	free(l->name);
	l->sku = xstrdup(it.sku);
	l->name = xstrdup(it.name);
	l->by_history = 0;
	l->item_problem = QP_NONE;
	cands_free(&l->cand, &l->ncand, &l->ncand_all);
	item_free(&it);
	return (0);
}

int
quick_set_qty(struct quick_result *r, size_t line, int64_t qty,
    char **cause)
{
	struct quick_line	*l;
	int			 rc;

	if ((rc = line_check(r, line, cause)) != 0)
		return (rc);
	if (qty < 1 || qty > QTY_MAX)
		return (cause_set(cause, ORDO_EINVAL, "quantity %lld: not a "
		    "whole number from 1 to %d", (long long)qty, QTY_MAX));
	l = &r->lines[line];
	l->qty = qty;
	if (l->qty_problem == QP_NO_QTY || l->qty_problem == QP_BAD_QTY) {
		l->qty_problem = QP_NONE;
		free(l->qty_words);
		l->qty_words = NULL;
	}
	return (0);
}

int
quick_drop_line(struct quick_result *r, size_t line, char **cause)
{
	struct quick_line	*l;
	int			 rc;

	if ((rc = line_check(r, line, cause)) != 0)
		return (rc);
	l = &r->lines[line];
	free(l->words);
	free(l->sku);
	free(l->name);
	free(l->qty_words);
	free(l->extra);
	cands_free(&l->cand, &l->ncand, &l->ncand_all);
	memmove(l, l + 1, (r->nlines - line - 1) * sizeof *l);
	r->nlines--;
	return (0);
}

void
quick_read_words(struct quick_result *r)
{
	size_t	 i;

	for (i = 0; i < r->nlines; i++) {
		free(r->lines[i].extra);
		r->lines[i].extra = NULL;
	}
	for (i = 0; i < r->nstray; i++)
		free(r->stray[i]);
	free(r->stray);
	r->stray = NULL;
	r->nstray = 0;
}

void
quick_free(struct quick_result *r)
{
	size_t	 i, j;

	free(r->customer);
	free(r->customer_name);
	free(r->customer_words);
	for (i = 0; i < r->nccand; i++) {
		free(r->ccand[i].key);
		free(r->ccand[i].name);
	}
	free(r->ccand);
	for (i = 0; i < r->nlines; i++) {
		free(r->lines[i].words);
		free(r->lines[i].sku);
		free(r->lines[i].name);
		free(r->lines[i].qty_words);
		free(r->lines[i].extra);
		for (j = 0; j < r->lines[i].ncand; j++) {
			free(r->lines[i].cand[j].key);
			free(r->lines[i].cand[j].name);
		}
		free(r->lines[i].cand);
	}
	free(r->lines);
	for (i = 0; i < r->nstray; i++)
		free(r->stray[i]);
	free(r->stray);
	free(r->text);
	memset(r, 0, sizeof *r);
}
