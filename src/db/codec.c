/*
 * codec.c: record and key encoding.  See codec.h for the formats.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ordo/codec.h"
#include "ordo/xmalloc.h"

void
buf_init(struct buf *b)
{
	b->d = NULL;
	b->len = b->cap = 0;
}

void
buf_free(struct buf *b)
{
	free(b->d);
	buf_init(b);
}

void
buf_reset(struct buf *b)
{
	b->len = 0;
}

void
buf_add(struct buf *b, const void *p, size_t n)
{
	size_t	 cap;

	if (n == 0)
		return;
	if (b->len + n > b->cap) {
		cap = b->cap ? b->cap : 64;
		while (cap < b->len + n)
			cap *= 2;
		b->d = xreallocarray(b->d, 1, cap);
		b->cap = cap;
	}
	memcpy(b->d + b->len, p, n);
	b->len += n;
}

void
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list	 ap;
	char	*add;
	int	 n;

	va_start(ap, fmt);
	n = xvasprintf(&add, fmt, ap);
	va_end(ap);
	buf_add(b, add, (size_t)n);
	free(add);
}

const char *
buf_str(struct buf *b)
{
	buf_add(b, "", 1);		/* room for the NUL, kept out of len */
	b->len--;
	return ((const char *)b->d);
}

static void
enc_le(struct buf *b, uint64_t v, int n)
{
	uint8_t	 t[8];
	int	 i;

	for (i = 0; i < n; i++)
		t[i] = (uint8_t)(v >> (8 * i));
	buf_add(b, t, n);
}

static void
enc_be(struct buf *b, uint64_t v, int n)
{
	uint8_t	 t[8];
	int	 i;

	for (i = 0; i < n; i++)
		t[i] = (uint8_t)(v >> (8 * (n - 1 - i)));
	buf_add(b, t, n);
}

void enc_u8(struct buf *b, uint8_t v) { enc_le(b, v, 1); }
void enc_u16(struct buf *b, uint16_t v) { enc_le(b, v, 2); }
void enc_u32(struct buf *b, uint32_t v) { enc_le(b, v, 4); }
void enc_u64(struct buf *b, uint64_t v) { enc_le(b, v, 8); }
void enc_i64(struct buf *b, int64_t v) { enc_le(b, (uint64_t)v, 8); }

void
enc_str(struct buf *b, const char *s)
{
	size_t	 n;

	n = s != NULL ? strlen(s) : 0;
	enc_u32(b, (uint32_t)n);
	buf_add(b, s, n);
}

void
rd_init(struct rd *r, const void *p, size_t n)
{
	r->p = p;
	r->end = r->p + n;
	r->err = 0;
}

static uint64_t
dec_le(struct rd *r, int n)
{
	uint64_t v = 0;
	int	 i;

	if (r->err || r->end - r->p < n) {
		r->err = 1;
		return (0);
	}
	for (i = 0; i < n; i++)
		v |= (uint64_t)r->p[i] << (8 * i);
	r->p += n;
	return (v);
}

uint8_t dec_u8(struct rd *r) { return ((uint8_t)dec_le(r, 1)); }
uint16_t dec_u16(struct rd *r) { return ((uint16_t)dec_le(r, 2)); }
uint32_t dec_u32(struct rd *r) { return ((uint32_t)dec_le(r, 4)); }
uint64_t dec_u64(struct rd *r) { return (dec_le(r, 8)); }
int64_t dec_i64(struct rd *r) { return ((int64_t)dec_le(r, 8)); }

char *
dec_str(struct rd *r)
{
	uint32_t n;
	char	*s;

	n = dec_u32(r);
	if (r->err || (size_t)(r->end - r->p) < n) {
		r->err = 1;
		return (xstrdup(""));
	}
	if (memchr(r->p, '\0', n) != NULL) {
		r->err = 1;
		return (xstrdup(""));
	}
	s = xstrndup((const char *)r->p, n);
	r->p += n;
	return (s);
}

void
rd_skip(struct rd *r, size_t n)
{
	if (r->err || (size_t)(r->end - r->p) < n) {
		r->err = 1;
		return;
	}
	r->p += n;
}

int
rd_ok(const struct rd *r)
{
	return (!r->err && r->p == r->end);
}

int
rd_more(const struct rd *r)
{
	return (!r->err && r->p < r->end);
}

void key_u8(struct buf *b, uint8_t v) { enc_be(b, v, 1); }
void key_u16(struct buf *b, uint16_t v) { enc_be(b, v, 2); }
void key_u32(struct buf *b, uint32_t v) { enc_be(b, v, 4); }
void key_u64(struct buf *b, uint64_t v) { enc_be(b, v, 8); }

void
key_i64(struct buf *b, int64_t v)
{
	enc_be(b, (uint64_t)v ^ (UINT64_C(1) << 63), 8);
}

void
key_str(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s) + 1);
}

void
key_strn(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

uint64_t
key_get_u64(const void *p)
{
	const uint8_t	*q = p;
	uint64_t	 v = 0;
	int		 i;

	for (i = 0; i < 8; i++)
		v = (v << 8) | q[i];
	return (v);
}

uint32_t
key_get_u32(const void *p)
{
	const uint8_t	*q = p;

	return ((uint32_t)q[0] << 24 | (uint32_t)q[1] << 16 |
	    (uint32_t)q[2] << 8 | q[3]);
}

uint16_t
key_get_u16(const void *p)
{
	const uint8_t	*q = p;

	return ((uint16_t)(q[0] << 8 | q[1]));
}
