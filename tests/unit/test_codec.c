/*
 * test_codec.c: the record codec and the sortable keys.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testlib.h"

#include "ordo/codec.h"
#include "ordo/error.h"
#include "ordo/strset.h"
#include "ordo/text.h"

static uint64_t	 rnd_state = 0x9e3779b97f4a7c15ULL;

static uint64_t	 rnd(void);
static void	 enc_sample(struct buf *);
static int	 dec_sample(const void *, size_t);
static int	 keycmp(const struct buf *, const struct buf *);

/* xorshift64*: the same numbers on every run. */
static uint64_t
rnd(void)
{
	rnd_state ^= rnd_state >> 12;
	rnd_state ^= rnd_state << 25;
	rnd_state ^= rnd_state >> 27;
	return (rnd_state * 2685821657736338717ULL);
}

static const char *utf8_sample = "H\xc3\xa9llo \xe6\xb5\xb7\xe6\xb8\xaf "
    "\xf0\x9f\x93\xa6";

static void
enc_sample(struct buf *b)
{
	enc_u8(b, 1);
	enc_u8(b, 0xff);
	enc_u16(b, 0xbeef);
	enc_u32(b, 0xdeadbeefU);
	enc_u64(b, UINT64_MAX);
	enc_i64(b, INT64_MIN);
	enc_i64(b, -1);
	enc_i64(b, INT64_MAX);
	enc_str(b, "");
	enc_str(b, NULL);
	enc_str(b, utf8_sample);
	enc_u32(b, 7);
}

/* 1 if the record decodes completely to the sample, 0 if rd_ok fails. */
static int
dec_sample(const void *p, size_t n)
{
	struct rd	 r;
	char		*s1, *s2, *s3;
	int		 ok;

	rd_init(&r, p, n);
	ok = dec_u8(&r) == 1;
	ok &= dec_u8(&r) == 0xff;
	ok &= dec_u16(&r) == 0xbeef;
	ok &= dec_u32(&r) == 0xdeadbeefU;
	ok &= dec_u64(&r) == UINT64_MAX;
	ok &= dec_i64(&r) == INT64_MIN;
	ok &= dec_i64(&r) == -1;
	ok &= dec_i64(&r) == INT64_MAX;
	s1 = dec_str(&r);
	s2 = dec_str(&r);
	s3 = dec_str(&r);
	ok &= dec_u32(&r) == 7;
	if (!rd_ok(&r)) {
		/* A failed read gives an empty string, never NULL. */
		assert_non_null(s1);
		assert_non_null(s2);
		assert_non_null(s3);
		ok = 0;
	} else {
		assert_true(ok);
		assert_string_equal(s1, "");
		assert_string_equal(s2, "");
		assert_string_equal(s3, utf8_sample);
	}
	free(s1);
	free(s2);
	free(s3);
	return (ok);
}

static void
test_record_round_trip(void **state)
{
	struct buf	 b;

	(void)state;
	buf_init(&b);
	enc_sample(&b);
	/* 1+1+2+4+8+8+8+8, three length-prefixed strings, then 4 bytes. */
	assert_int_equal(b.len, 40 + 12 + strlen(utf8_sample) + 4);
	assert_int_equal(dec_sample(b.d, b.len), 1);
	buf_free(&b);
}

static void
test_record_little_endian(void **state)
{
	struct buf	 b;
	static const uint8_t want[] = {
		0x04, 0x03, 0x02, 0x01,
		0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
		0x02, 0x00, 0x00, 0x00, 'h', 'i'
	};

	(void)state;
	buf_init(&b);
	enc_u32(&b, 0x01020304);
	enc_i64(&b, -2);
	enc_str(&b, "hi");
	assert_int_equal(b.len, sizeof want);
	assert_memory_equal(b.d, want, sizeof want);
	buf_free(&b);
}

/* Every strict prefix of a record fails; so does one more byte. */
static void
test_record_truncated(void **state)
{
	struct buf	 b;
	uint8_t		*copy;
	size_t		 n;

	(void)state;
	buf_init(&b);
	enc_sample(&b);
	for (n = 0; n < b.len; n++) {
		/* An exact-size copy, so valgrind sees any overread. */
		copy = malloc(n ? n : 1);
		memcpy(copy, b.d, n);
		assert_int_equal(dec_sample(copy, n), 0);
		free(copy);
	}
	enc_u8(&b, 0);
	assert_int_equal(dec_sample(b.d, b.len), 0);
	buf_free(&b);
}

static void
test_record_bad_strings(void **state)
{
	struct buf	 b;
	struct rd	 r;
	char		*s;

	(void)state;
	/* A length beyond the end of the record. */
	buf_init(&b);
	enc_u32(&b, 1000);
	buf_add(&b, "abc", 3);
	rd_init(&r, b.d, b.len);
	s = dec_str(&r);
	assert_string_equal(s, "");
	assert_false(rd_ok(&r));
	free(s);
	/* Once failed, later reads give zero and rd_ok stays false. */
	assert_int_equal(dec_u8(&r), 0);
	assert_false(rd_ok(&r));

	/* A NUL inside a string. */
	buf_reset(&b);
	enc_u32(&b, 3);
	buf_add(&b, "a\0b", 3);
	rd_init(&r, b.d, b.len);
	s = dec_str(&r);
	assert_false(rd_ok(&r));
	free(s);

	/* rd_more says bytes remain; rd_ok is false until all are read. */
	buf_reset(&b);
	enc_u8(&b, 1);
	enc_u8(&b, 2);
	rd_init(&r, b.d, b.len);
	assert_int_equal(dec_u8(&r), 1);
	assert_true(rd_more(&r));
	assert_false(rd_ok(&r));
	assert_int_equal(dec_u8(&r), 2);
	assert_false(rd_more(&r));
	assert_true(rd_ok(&r));
	buf_free(&b);
}

static void
test_record_long_string(void **state)
{
	struct buf	 b;
	struct rd	 r;
	char		*big, *s;

	(void)state;
	big = malloc(200001);
	memset(big, 'x', 200000);
	big[200000] = '\0';
	buf_init(&b);
	enc_u8(&b, 1);
	enc_str(&b, big);
	rd_init(&r, b.d, b.len);
	assert_int_equal(dec_u8(&r), 1);
	s = dec_str(&r);
	assert_true(rd_ok(&r));
	assert_string_equal(s, big);
	free(s);
	free(big);
	buf_free(&b);
}

static int
keycmp(const struct buf *a, const struct buf *b)
{
	size_t	 n = a->len < b->len ? a->len : b->len;
	int	 c;

	if ((c = memcmp(a->d, b->d, n)) != 0)
		return (c < 0 ? -1 : 1);
	return (a->len < b->len ? -1 : a->len > b->len);
}

#define SIGN(x) ((x) < 0 ? -1 : (x) > 0)

static void
test_key_order_unsigned(void **state)
{
	struct buf	 a, b;
	uint64_t	 x, y;
	int		 i;

	(void)state;
	buf_init(&a);
	buf_init(&b);
	for (i = 0; i < 20000; i++) {
		x = rnd();
		y = (i % 3 == 0) ? x + (rnd() % 512) - 256 : rnd();
		buf_reset(&a);
		buf_reset(&b);
		switch (i % 3) {
		case 0:
			key_u64(&a, x);
			key_u64(&b, y);
			assert_int_equal(a.len, 8);
			assert_true(key_get_u64(a.d) == x);
			assert_int_equal(keycmp(&a, &b), SIGN((x > y) -
			    (x < y)));
			break;
		case 1:
			key_u32(&a, (uint32_t)x);
			key_u32(&b, (uint32_t)y);
			assert_int_equal(a.len, 4);
			assert_true(key_get_u32(a.d) == (uint32_t)x);
			assert_int_equal(keycmp(&a, &b),
			    ((uint32_t)x > (uint32_t)y) -
			    ((uint32_t)x < (uint32_t)y));
			break;
		default:
			key_u16(&a, (uint16_t)x);
			key_u16(&b, (uint16_t)y);
			assert_int_equal(a.len, 2);
			assert_true(key_get_u16(a.d) == (uint16_t)x);
			assert_int_equal(keycmp(&a, &b),
			    ((uint16_t)x > (uint16_t)y) -
			    ((uint16_t)x < (uint16_t)y));
			break;
		}
	}
	/* The byte order is big-endian. */
	buf_reset(&a);
	key_u32(&a, 0x01020304);
	assert_memory_equal(a.d, "\x01\x02\x03\x04", 4);
	buf_reset(&a);
	key_u8(&a, 0x7f);
	assert_int_equal(a.len, 1);
	assert_int_equal(a.d[0], 0x7f);
	buf_free(&a);
	buf_free(&b);
}

static void
test_key_order_signed(void **state)
{
	static const int64_t v[] = {
		INT64_MIN, INT64_MIN + 1, -4294967296LL, -65536, -256, -2,
		-1, 0, 1, 2, 255, 256, 65536, 4294967296LL, INT64_MAX - 1,
		INT64_MAX
	};
	struct buf	 a, b;
	int64_t		 x, y;
	size_t		 i, j;

	(void)state;
	buf_init(&a);
	buf_init(&b);
	for (i = 0; i < sizeof v / sizeof v[0]; i++)
		for (j = 0; j < sizeof v / sizeof v[0]; j++) {
			buf_reset(&a);
			buf_reset(&b);
			key_i64(&a, v[i]);
			key_i64(&b, v[j]);
			assert_int_equal(keycmp(&a, &b), (i > j) - (i < j));
		}
	for (i = 0; i < 20000; i++) {
		x = (int64_t)rnd();
		y = (i & 1) ? (int64_t)rnd() : -x;
		buf_reset(&a);
		buf_reset(&b);
		key_i64(&a, x);
		key_i64(&b, y);
		assert_int_equal(keycmp(&a, &b), (x > y) - (x < y));
		/* Decoding flips the sign bit back. */
		assert_true((int64_t)(key_get_u64(a.d) ^ (1ULL << 63)) == x);
	}
	buf_free(&a);
	buf_free(&b);
}

/* Composite keys: "A" NUL u64 sorts before "AB" NUL, whatever the id. */
static void
test_key_composite(void **state)
{
	struct buf	 a, b;

	(void)state;
	buf_init(&a);
	buf_init(&b);
	key_str(&a, "A");
	key_u64(&a, UINT64_MAX);
	key_str(&b, "AB");
	key_u64(&b, 0);
	assert_int_equal(a.len, 2 + 8);
	assert_int_equal(keycmp(&a, &b), -1);

	/* Same string: the ids decide, numerically. */
	buf_reset(&a);
	buf_reset(&b);
	key_str(&a, "TEA");
	key_u64(&a, 9);
	key_str(&b, "TEA");
	key_u64(&b, 10);
	assert_int_equal(keycmp(&a, &b), -1);

	/* key_strn adds no NUL: a prefix of every key above. */
	buf_reset(&b);
	key_strn(&b, "TE");
	assert_int_equal(b.len, 2);
	assert_memory_equal(a.d, b.d, b.len);
	buf_free(&a);
	buf_free(&b);
}

static void
test_buf(void **state)
{
	struct buf	 b;
	size_t		 i, cap;
	uint8_t		 c;

	(void)state;
	buf_init(&b);
	assert_null(b.d);
	buf_add(&b, "", 0);
	assert_int_equal(b.len, 0);
	for (i = 0; i < 100000; i++) {
		c = (uint8_t)i;
		buf_add(&b, &c, 1);
	}
	assert_int_equal(b.len, 100000);
	for (i = 0; i < 100000; i++)
		assert_int_equal(b.d[i], (uint8_t)i);
	cap = b.cap;
	buf_reset(&b);
	assert_int_equal(b.len, 0);
	assert_int_equal(b.cap, cap);
	buf_free(&b);
	assert_null(b.d);
	assert_int_equal(b.cap, 0);
}

/* The set a search uses to visit each result once: sorted, no repeats. */
/* Identifiers a person types: each refusal says what and why. */
static void
test_ident_valid(void **state)
{
	static const struct {
		const char	*s, *msg;
	} bad[] = {
		{ "", "code: must not be empty" },
		{ "ABCDEFGHI", "code: too long (9 bytes, at most 8)" },
		{ "A B", "code \"A B\": spaces are not allowed" },
		{ "A,B", "code \"A,B\": ',' is not allowed (letters, digits "
		    "and - _ . only)" },
		{ "A\xc3\xa9", "code: byte 2 (0xc3) is not allowed (letters, "
		    "digits and - _ . only)" },
	};
	char	*cause = NULL;
	size_t	 i;

	(void)state;
	assert_int_equal(ident_valid("code", "A-1_b.C", 8, "-_.", &cause), 0);
	assert_int_equal(ident_valid("code", "ABCDEFGH", 8, "-_.", &cause), 0);
	assert_int_equal(ident_valid("code", NULL, 8, "-_.", &cause),
	    ORDO_EINVAL);
	free(cause);
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		cause = NULL;
		assert_int_equal(ident_valid("code", bad[i].s, 8, "-_.",
		    &cause), ORDO_EINVAL);
		assert_string_equal(cause, bad[i].msg);
		free(cause);
	}
}

static void
test_strset(void **state)
{
	struct strset	 s;
	static const char *in[] = { "TEA-2", "CUP-1", "TEA-2", "茶", "A",
	    "CUP-1" };
	static const int fresh[] = { 1, 1, 0, 1, 1, 0 };
	size_t		 i;

	(void)state;
	memset(&s, 0, sizeof s);
	for (i = 0; i < sizeof in / sizeof in[0]; i++)
		assert_int_equal(strset_add(&s, in[i]), fresh[i]);
	assert_int_equal(s.n, 4);
	assert_string_equal(s.v[0], "A");
	assert_string_equal(s.v[1], "CUP-1");
	assert_string_equal(s.v[2], "TEA-2");
	assert_string_equal(s.v[3], "茶");
	for (i = 0; i < 100; i++) {
		char	 k[16];

		snprintf(k, sizeof k, "K%03zu", 99 - i);
		assert_int_equal(strset_add(&s, k), 1);
	}
	assert_int_equal(s.n, 104);
	for (i = 1; i < s.n; i++)
		assert_true(strcmp(s.v[i - 1], s.v[i]) < 0);
	strset_free(&s);
	assert_int_equal(s.n, 0);
}

/* Terminal-safe text: what text_check refuses, what text_esc shows. */
static void
test_text_controls(void **state)
{
	static const struct {
		const char	*in;
		const char	*out;
		uint32_t	 cp;	/* first refused, 0 if none */
	} c[] = {
		{ "plain 海港", "plain 海港", 0 },
		{ "a\tb\nc", "a\\tb\\nc", 0 },
		{ "esc\033[2J", "esc\\x1b[2J", 0x1b },
		{ "cr\r", "cr\\r", 0x0d },
		{ "del\177", "del\\x7f", 0x7f },
		{ "csi\302\233", "csi\\u009b", 0x9b },
		{ "nel\302\205", "nel\\u0085", 0x85 },
		{ "rlo\342\200\256x", "rlo\\u202ex", 0x202e },
		{ "lri\342\201\246x", "lri\\u2066x", 0x2066 },
		{ "pdi\342\201\251", "pdi\\u2069", 0x2069 },
		{ "ls\342\200\250", "ls\\u2028", 0x2028 },
		{ "bad\377", "bad\\xff", 0 },
	};
	char		*e, *cause = NULL;
	uint32_t	 cp;
	size_t		 i;

	(void)state;
	for (i = 0; i < sizeof c / sizeof c[0]; i++) {
		e = text_esc(c[i].in);
		assert_string_equal(e, c[i].out);
		free(e);
		cp = 0;
		assert_int_equal(text_control(c[i].in, strlen(c[i].in), 0,
		    &cp), c[i].cp != 0);
		assert_int_equal(cp, c[i].cp);
		if (c[i].cp != 0) {
			assert_int_equal(text_check("name", c[i].in, 100, 0,
			    &cause), ORDO_EINVAL);
			assert_non_null(strstr(cause, "control character"));
			free(cause);
			cause = NULL;
		}
	}
	/* Notes keep C1 and bidi (escaped when shown), never ESC. */
	assert_int_equal(text_check("notes", "x\302\233", 100, TEXT_FREE,
	    NULL), 0);
	assert_int_equal(text_check("notes", "x\342\200\256", 100,
	    TEXT_FREE, NULL), 0);
	assert_int_equal(text_check("notes", "x\033", 100, TEXT_FREE,
	    NULL), ORDO_EINVAL);
	assert_int_equal(text_check("notes", "x\377", 100, TEXT_FREE,
	    &cause), ORDO_EINVAL);
	assert_non_null(strstr(cause, "not valid UTF-8"));
	free(cause);
	e = text_esc(NULL);
	assert_string_equal(e, "");
	free(e);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_strset),
		cmocka_unit_test(test_ident_valid),
		cmocka_unit_test(test_record_round_trip),
		cmocka_unit_test(test_record_little_endian),
		cmocka_unit_test(test_record_truncated),
		cmocka_unit_test(test_record_bad_strings),
		cmocka_unit_test(test_record_long_string),
		cmocka_unit_test(test_key_order_unsigned),
		cmocka_unit_test(test_key_order_signed),
		cmocka_unit_test(test_key_composite),
		cmocka_unit_test(test_buf),
		cmocka_unit_test(test_text_controls),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
