#!/bin/sh
# tests/bench-insight.sh ORDO: the reports' benchmark (make bench).  Two
# companies are generated once by tests/gen/ordo-gen.c (a realistic
# mix: shipped, cancelled, partly shipped, returned, backordered,
# multi-line orders over three years, counter customers paying) with
# BENCH_SMALL (10,000) and BENCH_BIG (1,000,000) orders, and kept in
# BENCH_INSIGHT_DIR (default build/bench-insight) for the next run; then
# every report is run against both and its wall time and peak memory
# printed side by side, with the target (100 ms and 30 MB a report,
# 10 s for ordo check).  Each figure is the best of BENCH_RUNS (3) runs.
#
# Times are of the whole command as a user runs it, start-up included
# (the first row is that floor alone: on a loaded machine it is most of
# every figure).  Peak memory is the peak resident set (/usr/bin/time %M): it counts the
# pages of the database file a command read (LMDB maps it), so a
# command that reads the whole file shows its size there; "anon" is the
# peak of the process's own memory (RssAnon, sampled every 10 ms), which
# is what grows when a program loads what it reads.
set -eu
ORDO=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
GEN=$(dirname "$ORDO")/tests/ordo-gen
top=$(cd "$(dirname "$0")/.." && pwd)
small=${BENCH_SMALL:-10000}
big=${BENCH_BIG:-1000000}
runs=${BENCH_RUNS:-3}
dir=${BENCH_INSIGHT_DIR:-$(dirname "$ORDO")/bench-insight}
export LC_ALL=C.UTF-8 TERM=xterm COLUMNS=80
export ORDO_NOW="2026-06-15 12:00:00"
mkdir -p "$dir"
sed 's/^\( *prices_include:\).*/\1 false/' "$top/config/ordo.yaml" \
    >"$dir/ordo.yaml"
export ORDO_CONFIG="$dir/ordo.yaml"

for n in "$small" "$big"; do
	if [ ! -f "$dir/$n.done" ]; then
		echo "generating a company of $n orders (once) ..."
		rm -rf "$dir/$n"
		start=$(date +%s)
		"$GEN" "$ORDO_CONFIG" "$dir/$n" "$n" 1 >/dev/null
		echo "  $(( $(date +%s) - start )) s"
		touch "$dir/$n.done"
	fi
done

# run N CMD...: best wall ms and peak KiB of RUNS runs; sets ms, kib, anon.
run() {
	ms=""
	kib=""
	anon=0
	i=0
	while [ $i -lt "$runs" ]; do
		i=$((i + 1))
		/usr/bin/time -f '%e %M' -o "$dir/time" "$@" >/dev/null \
		    2>"$dir/err" &
		pid=$!
		peak=0
		# The child of time is ordo; sample its own memory.
		while kill -0 $pid 2>/dev/null; do
			for c in $(cat /proc/$pid/task/$pid/children 2>/dev/null); do
				a=$(awk '/^RssAnon/ {print $2}' /proc/$c/status \
				    2>/dev/null || echo 0)
				[ -n "$a" ] && [ "$a" -gt "$peak" ] && peak=$a
			done
			sleep 0.01
		done
		wait $pid || { echo "failed: $*" >&2; cat "$dir/err" >&2; }
		t=$(awk '{printf "%d", $1 * 1000}' "$dir/time")
		k=$(awk '{print $2}' "$dir/time")
		if [ -z "$ms" ] || [ "$t" -lt "$ms" ]; then ms=$t; fi
		if [ -z "$kib" ] || [ "$k" -lt "$kib" ]; then kib=$k; fi
		[ "$peak" -gt "$anon" ] && anon=$peak
	done
	return 0
}

cust=$(ORDO_DB="$dir/$small/" "$ORDO" report customers --top 1 --csv \
    --from 2026-01-01 --to 2026-05-31 | tail -n 1 | cut -d, -f1 | tr -d '"')
printf '%-34s %18s %18s %14s\n' "" "$small orders" "$big orders" "target"
printf '%-34s %18s %18s %14s\n' "" "ms  peakMB anonMB" "ms  peakMB anonMB" ""
mb() {
	awk -v ms="$ms" -v k="$kib" -v a="$anon" \
	    'BEGIN { printf "%d %.1f %.1f", ms, k / 1024, a / 1024 }'
}
bench() {	# bench NAME TARGET ARGS...
	name=$1
	target=$2
	shift 2
	ORDO_DB="$dir/$small" run "$ORDO" "$@"
	s=$(mb)
	ORDO_DB="$dir/$big" run "$ORDO" "$@"
	b=$(mb)
	printf '%-34s %18s %18s %14s\n' "$name" "$s" "$b" "$target"
}
T1="<100ms <30MB"
# What every command pays before it reads anything: start, config, open.
bench "start-up floor (ordo version)" "" version
bench "trial balance (all)" "$T1" ledger trial-balance
bench "trial balance (May)" "$T1" ledger trial-balance --from 2026-05-01 \
    --to 2026-05-31
bench "profit and loss (year)" "$T1" ledger pnl --from 2025-06-16 \
    --to 2026-06-15
bench "ageing" "$T1" aging
bench "statement $cust (May)" "$T1" statement "$cust" --from 2026-05-01 \
    --to 2026-05-31
bench "backorders" "$T1" backorders
bench "sales by day (30 days)" "$T1" report sales
bench "sales by week (12)" "$T1" report sales --by week
bench "sales by month (12)" "$T1" report sales --by month
bench "sales by quarter (8)" "$T1" report sales --by quarter
bench "sales by channel" "$T1" report sales --by channel
bench "best sellers (30 days)" "$T1" report sales --by item
bench "best sellers (year)" "$T1" report sales --by item --from 2025-06-16
bench "sales vs earlier periods" "$T1" report sales --compare
bench "slow movers (90 days)" "$T1" report sales --slow 90
bench "top customers (year)" "$T1" report customers --from 2025-06-16
bench "lapsed customers" "$T1" report customers --lapsed 60
bench "inventory by location" "$T1" report inventory
bench "inventory by item" "$T1" report inventory --by item
bench "below reorder point" "$T1" report inventory --reorder
bench "gross margin by month" "$T1" report finance
runs=1
bench "ordo check" "<10s flat" check
