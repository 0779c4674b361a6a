/*
 * codec.h: the record codec and sortable keys.
 *
 * Every stored value is a record: a version byte, then fields written in
 * order as fixed-width little-endian integers and length-prefixed (u32)
 * UTF-8 strings.  Never a struct dump.  Keys that must sort are built
 * from big-endian integers and NUL-separated strings, and compared with
 * LMDB's default memcmp order.
 */
#ifndef ORDO_CODEC_H
#define ORDO_CODEC_H

#include <stddef.h>
#include <stdint.h>

/* A growing byte buffer, used for both records and keys. */
struct buf {
	uint8_t	*d;
	size_t	 len;
	size_t	 cap;
};

void	 buf_init(struct buf *);
void	 buf_free(struct buf *);
void	 buf_reset(struct buf *);
void	 buf_add(struct buf *, const void *, size_t);
/*
 * Text in a buffer: buf_printf appends formatted text (amortised: no
 * copy of what is there), buf_str is the text so far, NUL-terminated
 * ("" for an empty buffer; valid until the next change).
 */
void	 buf_printf(struct buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
const char *buf_str(struct buf *);

/* Record writers (little-endian). */
void	 enc_u8(struct buf *, uint8_t);
void	 enc_u16(struct buf *, uint16_t);
void	 enc_u32(struct buf *, uint32_t);
void	 enc_u64(struct buf *, uint64_t);
void	 enc_i64(struct buf *, int64_t);
void	 enc_str(struct buf *, const char *);	/* NULL is written as "" */

/*
 * Record reader.  After any failed read, rd.err is set and further reads
 * return zero/empty; check rd_ok() once at the end.  Strings are returned
 * allocated and NUL-terminated (xstrndup).
 */
struct rd {
	const uint8_t	*p;
	const uint8_t	*end;
	int		 err;
};

void	 rd_init(struct rd *, const void *, size_t);
uint8_t	 dec_u8(struct rd *);
uint16_t dec_u16(struct rd *);
uint32_t dec_u32(struct rd *);
uint64_t dec_u64(struct rd *);
int64_t	 dec_i64(struct rd *);
char	*dec_str(struct rd *);
void	 rd_skip(struct rd *, size_t);		/* n bytes, or an error */
int	 rd_ok(const struct rd *);	/* 1 if no error and nothing left over */
int	 rd_more(const struct rd *);	/* 1 if bytes remain */

/* Key writers (big-endian, sortable). */
void	 key_u8(struct buf *, uint8_t);
void	 key_u16(struct buf *, uint16_t);
void	 key_u32(struct buf *, uint32_t);
void	 key_u64(struct buf *, uint64_t);
void	 key_i64(struct buf *, int64_t);	/* sign bit flipped: sorts */
void	 key_str(struct buf *, const char *);	/* bytes then a NUL */
void	 key_strn(struct buf *, const char *);	/* bytes, no NUL (prefixes) */
uint64_t key_get_u64(const void *);		/* read 8 big-endian bytes */
uint32_t key_get_u32(const void *);
uint16_t key_get_u16(const void *);

#endif
