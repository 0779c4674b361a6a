#!/bin/sh
# tests/bench.sh ORDO: the import benchmark (make bench).  Generates a
# deterministic Shopify-style export (BENCH_LINES lines, default
# 1,000,000), and times in the same run: a plain libcsv parse (the
# floor), sqlite3 .import into an unindexed table (the baseline) and
# ordo's full import into a fresh demo company (each BENCH_RUNS times,
# the median counts), the same file again (recognised by its SHA-256),
# and the same orders in another file (every order read and looked up,
# all duplicates).  Prints wall times, rows/s, peak memory and ratios;
# then the same import into a copy of the company while a clerk's stock
# receipts are timed.  Then the picker-mode benchmark
# (tests/bench/pick.sh).
set -eu
ORDO=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
top=$(cd "$(dirname "$0")/.." && pwd)
lines=${BENCH_LINES:-1000000}
runs=${BENCH_RUNS:-3}
T=$(mktemp -d "${TMPDIR:-/tmp}/ordo-bench.XXXXXX")
trap 'rm -rf "$T"' EXIT
export ORDO_CONFIG="$top/config/ordo.yaml" ORDO_DB="$T/co" LC_ALL=C.UTF-8

cc -O2 -o "$T/gen" "$top/tests/bench/gen_shopify.c"
cc -O2 -o "$T/floor" "$top/tests/bench/csvfloor.c" -lcsv

"$ORDO" init --demo >/dev/null
# Stock enough of every SKU for every order to be reserved.
tail -n +2 "$top/data/demo/items.csv" | cut -d, -f1 > "$T/skus"
while read -r s; do
	"$ORDO" stock receive "$s" 10000000 --cost 1.00 --loc MAIN >/dev/null
done < "$T/skus"
"$T/gen" "$lines" "$T/skus" > "$T/orders_export.csv"
size=$(wc -c < "$T/orders_export.csv")

# secs CMD...: run CMD, print "wall_seconds peak_kib".  The disk is
# flushed first, so that no run pays for the writes of the one before.
secs() {
	sync
	/usr/bin/time -f '%e %M' -o "$T/time" "$@" >"$T/out" 2>&1 ||
	    { cat "$T/out" >&2; }
	cat "$T/time" | tail -n 1
}
# anon CMD...: run CMD, print "wall_seconds peak_anon_kib": the peak of
# its private memory (RssAnon), without the database's mapped file pages
# that max RSS also counts.
anon() {
	a=$(date +%s%N)
	"$@" >"$T/out" 2>&1 &
	p=$! peak=0
	while kill -0 "$p" 2>/dev/null; do
		r=$(awk '/^RssAnon:/ { print $2 }' "/proc/$p/status" 2>/dev/null)
		[ -n "$r" ] && [ "$r" -gt "$peak" ] && peak=$r
		sleep 0.05
	done
	wait "$p" || true
	b=$(date +%s%N)
	echo "$(((b - a) / 1000000 / 1000)).$(printf '%03d' $(((b - a) / 1000000 % 1000))) $peak"
}
echo "input: $lines lines, $size bytes"
set -- $(secs "$T/floor" "$T/orders_export.csv"); floor=$1
# The disk's speed here varies from minute to minute (a shared virtual
# disk), so the baseline and the first import run BENCH_RUNS times each
# (default 3), in turn, and the median counts.
median() { printf '%s\n' "$@" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
cp -r "$T/co" "$T/co0"	# the company before any import
sqs= firsts= i=0
while [ $i -lt "$runs" ]; do
	rm -f "$T/s.db"
	set -- $(secs sqlite3 "$T/s.db" -cmd '.mode csv' \
	    ".import $T/orders_export.csv orders"); sqs="$sqs $1"
	rm -rf "$T/co"; cp -r "$T/co0" "$T/co"
	set -- $(secs "$ORDO" import --channel shopify "$T/orders_export.csv")
	firsts="$firsts $1" mem1=$2
	i=$((i + 1))
done
sq=$(median $sqs) first=$(median $firsts)
summary1=$(tail -n 3 "$T/out")
cp -r "$T/co0" "$T/co2"	# for the import with a clerk at work, below
# The same receipt with nothing else running, for the baseline.
idle=$( (a=$(date +%s%N); "$ORDO" stock receive "$(head -n 1 "$T/skus")" 1 --cost 1.00 --loc WH >/dev/null; b=$(date +%s%N); echo $(((b - a) / 1000000))) )
# A clerk at work during the same import into a copy of the company: a
# stock receipt about every 50 ms (busier than any counter), each timed;
# the longest wait is what a clerk would feel.  The import lets each
# waiting clerk write between two of its chunks, so it takes longer.
(
	export ORDO_DB="$T/co2"
	sku=$(head -n 1 "$T/skus")
	while [ ! -f "$T/done" ]; do
		a=$(date +%s%N)
		"$ORDO" stock receive "$sku" 1 --cost 1.00 --loc WH >/dev/null 2>&1
		b=$(date +%s%N)
		echo $(((b - a) / 1000000)) >> "$T/clerk"
		sleep 0.05
	done
) &
clerk=$!
set -- $(secs env ORDO_DB="$T/co2" "$ORDO" import --channel shopify \
    "$T/orders_export.csv")
busy=$1
touch "$T/done"; wait "$clerk"
rm -rf "$T/co2"
# The same file again: recognised by its SHA-256 (nothing to do).
set -- $(secs "$ORDO" import --channel shopify "$T/orders_export.csv")
second=$1 mem2=$2
summary2=$(tail -n 3 "$T/out")
# The same orders in another file (one more blank line): every order is
# read, checked and looked up, the way an overlapping export is.
cp "$T/orders_export.csv" "$T/again.csv"; echo >> "$T/again.csv"
set -- $(secs "$ORDO" import --channel shopify "$T/again.csv")
third=$1 mem3=$2
summary3=$(tail -n 3 "$T/out")
# Private memory of two more such runs, against a file a tenth the size
# and the whole one: it must not grow with the file (the import streams).
head -c $((size / 10)) "$T/orders_export.csv" | sed '$d' > "$T/small.csv"
cp "$T/again.csv" "$T/again2.csv"; echo >> "$T/again2.csv"
set -- $(anon "$ORDO" import --channel shopify "$T/small.csv"); anon_small=$2
set -- $(anon "$ORDO" import --channel shopify "$T/again2.csv"); anon_big=$2
rate() { awk -v n="$lines" -v s="$1" 'BEGIN{ printf "%.0f", (s > 0 ? n / s : 0) }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{ printf "%.2f", (b > 0 ? a / b : 0) }'; }
printf '%-28s %8s s %12s rows/s\n' "libcsv parse (floor)" "$floor" "$(rate "$floor")"
printf '%-28s %8s s %12s rows/s  (runs:%s)\n' "sqlite3 .import (baseline)" "$sq" "$(rate "$sq")" "$sqs"
printf '%-28s %8s s %12s rows/s  peak %s KiB  (runs:%s)\n' "ordo import" "$first" "$(rate "$first")" "$mem1" "$firsts"
printf '%-28s %8s s %12s rows/s\n' "ordo import, clerk at work" "$busy" "$(rate "$busy")"
printf '%-28s %8s s %12s rows/s  peak %s KiB\n' "ordo import, same file" "$second" "$(rate "$second")" "$mem2"
printf '%-28s %8s s %12s rows/s  peak %s KiB\n' "ordo import, same orders" "$third" "$(rate "$third")" "$mem3"
echo "ordo / sqlite3: $(ratio "$first" "$sq")   (target <= 1.00, aim 0.50)"
echo "ordo / floor:   $(ratio "$first" "$floor")"
echo "second / first: $(ratio "$second" "$first")   (target < 0.33; the same file, recognised)"
echo "same orders / first: $(ratio "$third" "$first")   (another file: every order read and looked up)"
echo "private memory (RssAnon) peak: ${anon_small} KiB for 1/10 of the file, ${anon_big} KiB for all of it"
echo "clerk receipts during the import: $(wc -l < "$T/clerk"), slowest $(sort -n "$T/clerk" | tail -n 1) ms, median $(sort -n "$T/clerk" | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }') ms (idle: $idle ms)"
echo "first import:";  echo "$summary1" | sed 's/^/  /'
echo "second import:"; echo "$summary2" | sed 's/^/  /'
echo "same orders, another file:"; echo "$summary3" | sed 's/^/  /'
"$ORDO" check | tail -n 1
# Picker mode: per-scan CPU and bytes at 20x16 on a company of its own
# (BENCH_PICK_ORDERS imported orders, default 1,000,000).
sh "$top/tests/bench/pick.sh" "$ORDO"
