#!/bin/sh
# tests/fuzz.sh: build the libFuzzer targets in tests/fuzz/ with clang
# (AddressSanitizer + UBSan) and run each for FUZZ_SECONDS (default 120;
# make check runs a short pass).  Prints TAP lines: one per target.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
secs=${FUZZ_SECONDS:-120}
B=${FUZZ_BUILD:-$top/build-fuzz}
mkdir -p "$B"
CFLAGS="-std=c11 -D_GNU_SOURCE -g -O1 -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all -I$top/include $(pkg-config --cflags lmdb yaml-0.1 libcrypto)"
LIBS="$(pkg-config --libs lmdb yaml-0.1 libcrypto) -lcsv"
n=0
srcs=$(ls "$top"/src/base/*.c "$top"/src/db/*.c "$top"/src/core/*.c "$top"/src/import/*.c)
# An object is rebuilt when its source or any header is newer: a changed
# struct in a header must not leave stale objects linked with new ones.
hdr=$(ls -t "$top"/include/ordo/*.h "$top"/src/*/*.h 2>/dev/null | head -n 1)
objs=
for s in $srcs; do
	o="$B/$(echo "$s" | sed "s|$top/||; s|/|_|g; s|\.c$|.o|")"
	if [ ! -f "$o" ] || [ "$s" -nt "$o" ] ||
	    { [ -n "$hdr" ] && [ "$hdr" -nt "$o" ]; }; then
		clang $CFLAGS -c -o "$o" "$s" || { echo "not ok - build $s"; exit 1; }
	fi
	objs="$objs $o"
done
for t in "$top"/tests/fuzz/fuzz_*.c; do
	[ -f "$t" ] || continue
	name=$(basename "$t" .c)
	n=$((n + 1))
	if ! clang $CFLAGS -fsanitize=fuzzer -o "$B/$name" "$t" $objs $LIBS; then
		echo "not ok $n - $name builds"
		continue
	fi
	corpus="$B/corpus-$name"
	mkdir -p "$corpus"
	seeds="$top/tests/fuzz/corpus/${name#fuzz_}"
	[ -d "$seeds" ] || seeds=
	# A crashing input goes to $B/NAME-crash-..., not into the tree.
	if "$B/$name" -max_total_time="$secs" -rss_limit_mb=512 \
	    -max_len=65536 -print_final_stats=0 -artifact_prefix="$B/$name-" \
	    "$corpus" $seeds \
	    >"$B/$name.log" 2>&1; then
		echo "ok $n - $name ran ${secs}s with no crash, leak or timeout"
	else
		echo "not ok $n - $name found a problem"
		tail -n 30 "$B/$name.log" | sed 's/^/# /'
	fi
done
