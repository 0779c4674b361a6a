#!/bin/sh
# tests/bench-list.sh ORDO: the order list benchmark (make bench).  Builds
# a demo company holding the orders of a BENCH_LIST_LINES-line Shopify
# export (default 1,000,000 lines: about 400,000 orders, every one of the
# channel's customer SHOPIFY), then times `ordo order list` as a screen
# would use it: the first page of 20, a filter with no match (customer
# and status: SHOPIFY's cancelled orders, of which there are none),
# pages of 20 of one status, of one customer and status, of a week, of
# a channel and status; then ordo check.  Wall time and peak RSS of
# each (the RSS counts the database pages a command touched).
#
# With BENCH_OLD_REV=REV (a git revision of this tree, e.g. the one before
# the paged lists), the company is built by that revision's ordo, the
# same lists are timed with it, then this ordo opens the company
# (upgrading its schema: timed) and the lists are timed again: the old
# walk and the new pages in the same run.
set -eu
ORDO=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
top=$(cd "$(dirname "$0")/.." && pwd)
lines=${BENCH_LIST_LINES:-1000000}
T=$(mktemp -d "${TMPDIR:-/tmp}/ordo-benchlist.XXXXXX")
trap 'rm -rf "$T"' EXIT
export ORDO_CONFIG="$top/config/ordo.yaml" ORDO_DB="$T/co" LC_ALL=C.UTF-8

build=$ORDO
if [ -n "${BENCH_OLD_REV:-}" ]; then
	mkdir "$T/old"
	git -C "$top" archive "$BENCH_OLD_REV" | tar -x -C "$T/old"
	make -C "$T/old" -s B=build all >/dev/null 2>&1
	build=$T/old/build/ordo
fi
cc -O2 -o "$T/gen" "$top/tests/bench/gen_shopify.c"
"$build" init --demo >/dev/null
tail -n +2 "$top/data/demo/items.csv" | cut -d, -f1 > "$T/skus"
while read -r s; do
	"$build" stock receive "$s" 10000000 --cost 1.00 --loc MAIN >/dev/null
done < "$T/skus"
"$T/gen" "$lines" "$T/skus" > "$T/orders.csv"
"$build" import --channel shopify "$T/orders.csv" > "$T/import" 2>&1 || true
rm -f "$T/orders.csv"

# run LABEL BIN ARGS...: one timed run: "LABEL  seconds  peak KiB  rows".
run() {
	label=$1; shift
	sync
	/usr/bin/time -f '%e %M' -o "$T/time" "$@" > "$T/out" 2>&1 || true
	set -- $(tail -n 1 "$T/time")
	printf '  %-44s %7s s %9s KiB %8s lines out\n' "$label" "$1" "$2" \
	    "$(wc -l < "$T/out")"
}
lists() {
	b=$1
	run "first page of 20" "$b" order list --limit 20
	run "SHOPIFY + cancelled: no match" "$b" order list --customer SHOPIFY \
	    --status cancelled
	run "confirmed, 20" "$b" order list --status confirmed --limit 20
	run "SHOPIFY + confirmed, 20" "$b" order list --customer SHOPIFY \
	    --status confirmed --limit 20
	run "shipped, 20 (a rare status)" "$b" order list --status shipped \
	    --limit 20
}
echo "order list after importing $lines lines:"
tail -n 3 "$T/import" | sed 's/^/  /'
if [ -n "${BENCH_OLD_REV:-}" ]; then
	echo "old ($BENCH_OLD_REV):"
	lists "$build"
	run "this ordo's first open (schema upgrade)" "$ORDO" order list \
	    --limit 1
fi
echo "this ordo:"
lists "$ORDO"
run "a week, 20" "$ORDO" order list --from 2026-10-05 --to 2026-10-11 \
    --limit 20
run "channel shopify + draft, 20" "$ORDO" order list --channel shopify \
    --status draft --limit 20
run "ordo check" "$ORDO" check
