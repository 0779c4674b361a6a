/*
 * fuzz_profile.c: libFuzzer target for channel profiles (YAML through
 * ytree and the profile schema).  A profile that loads is also matched
 * against a header row and freed.  Must hold: no crash, no leak, no
 * deep recursion (run it with a small stack too: ulimit -s 256).
 *
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -std=c11 \
 *       -D_GNU_SOURCE -Iinclude tests/fuzz/fuzz_profile.c src/import/[a-z]*.c \
 *       src/db/util.c src/db/xmalloc.c -lcsv -lyaml \
 *       -o build-fuzz/fuzz_profile
 *   build-fuzz/fuzz_profile -rss_limit_mb=256 -max_len=65536 \
 *       tests/fuzz/corpus/profile
 */
#include <stdint.h>
#include <stdlib.h>

#include "ordo/profile.h"

int	 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char	 h0[] = "Order ID", h1[] = "Name", h2[] = "qty",
			 h3[] = "line_item_1", h4[] = "\xef\xbb\xbf" "Total";
	char		*hdr[] = { h0, h1, h2, h3, h4 };
	struct profile	*p;
	size_t		*items = NULL, nitems = 0, out[1];
	int		 col[PF_NFIELDS];
	char		*cause = NULL;

	if (profile_load_buf("fuzz.yaml", (const char *)data, size, &p,
	    &cause) == 0) {
		profile_resolve(p, hdr, 5, 0, col, &items, &nitems, &cause);
		free(items);
		profile_detect(&p, 1, hdr, 5, out);
		profile_free(p);
	}
	free(cause);
	return (0);
}
