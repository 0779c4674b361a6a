#!/bin/sh
# tests/bench/pick.sh ORDO [COMPANY]: the picker-mode benchmark (make
# bench runs it after the import benchmark, on the company that made).
# Without COMPANY it makes one: the demo, stock, and a Shopify export of
# BENCH_PICK_ORDERS orders (default 1,000,000, about 2.5 lines each)
# imported, every order confirmed and waiting in the pick queue.
#
# Then a picker takes one wave of BENCH_PICK_LINES lines (default 100)
# in "ordo pick" in tmux at 20x16, and scans it through as a scanner
# would: the bin, the item, Enter for the quantity, p to pack.  Each of
# those is one "scan"; before each, the screen is waited for.  Measured
# over all of them: the CPU time of the ordo process (utime + stime from
# /proc) and the bytes it wrote to the terminal (tmux pipe-pane), per
# scan.  Targets (issue 12): under 5 ms of CPU and 200 bytes per scan.
set -eu
ORDO=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
top=$(cd "$(dirname "$0")/../.." && pwd)
T=$(mktemp -d "${TMPDIR:-/tmp}/ordo-pbench.XXXXXX")
TM="tmux -L ordo-$$-pick"
trap '$TM kill-server 2>/dev/null; rm -rf "$T"' EXIT
orders=${BENCH_PICK_ORDERS:-1000000}
nlines=${BENCH_PICK_LINES:-100}
export LC_ALL=C.UTF-8 TZ=UTC
command -v tmux >/dev/null || { echo "pick bench: no tmux"; exit 0; }

# A config whose waves are big enough to measure many scans in one.
mkdir "$T/config"
ln -s "$top/config/channels" "$T/config/channels"
sed -e 's/^  wave_orders: .*/  wave_orders: 100/' \
    -e "s/^  wave_lines: .*/  wave_lines: $nlines/" \
    "$top/config/ordo.yaml" > "$T/config/ordo.yaml"
export ORDO_CONFIG="$T/config/ordo.yaml" ORDO_DEMO_DIR="$top/data/demo"
if [ $# -gt 1 ]; then
	export ORDO_DB="$2"
	setup="the import benchmark's company"
else
	export ORDO_DB="$T/co"
	a=$(date +%s)
	"$ORDO" init --demo >/dev/null
	tail -n +2 "$top/data/demo/items.csv" | cut -d, -f1 > "$T/skus"
	while read -r s; do
		"$ORDO" stock receive "$s" 100000000 --cost 1.00 --loc MAIN \
		    >/dev/null
	done < "$T/skus"
	cc -O2 -o "$T/gen" "$top/tests/bench/gen_shopify.c"
	# About 2.5 lines an order.
	"$T/gen" $((orders * 5 / 2)) "$T/skus" > "$T/export.csv"
	"$ORDO" import --channel shopify "$T/export.csv" 2>&1 | tail -n 3 ||
	    true
	b=$(date +%s)
	setup="made in $((b - a)) s"
fi
total=$("$ORDO" order list --limit 0 --csv | tail -n +2 | wc -l |
    tr -d ' ')
waiting=$("$ORDO" pick --list --limit 1000000000 --csv | tail -n +2 |
    wc -l | tr -d ' ')
echo "pick: company $setup: $total orders, $waiting waiting to be picked"

# The wave, taken as pick1; its tasks in walk order.
export ORDO_USER=pick1 ORDO_NOW="2026-12-01 10:00:00"
"$ORDO" pick --release >/dev/null 2>&1 || true
"$ORDO" pick --wave > "$T/wave"
cut -c3- "$T/wave" | awk 'NR > 1 { print $1, $2, $4 }' > "$T/tasks"
ntasks=$(wc -l < "$T/tasks" | tr -d ' ')

printf 'set -g status off\nset -g default-terminal screen\n' > "$T/tmux.conf"
$TM -f "$T/tmux.conf" new-session -d -x 20 -y 16 \
    "env TERM=xterm LANG=C.UTF-8 ORDO_DB='$ORDO_DB' ORDO_CONFIG='$ORDO_CONFIG' \
    ORDO_USER=pick1 ORDO_NOW='$ORDO_NOW' '$ORDO' pick; sleep 600"
cap() { $TM capture-pane -p; }
wait_for() {	# wait_for TEXT: until the screen shows it (bounded)
	i=0
	while [ $i -lt 400 ]; do
		case $(cap) in *"$1"*) return 0 ;; esac
		sleep 0.02
		i=$((i + 1))
	done
	echo "pick bench: no [$1] on the screen:" >&2
	cap >&2
	exit 1
}
# next: after a step, until the screen shows one of the next prompts.
next() {
	i=0
	while [ $i -lt 400 ]; do
		case $(cap) in *"Pack order"*|*"Go to"*|*" done"*) return 0 ;;
		esac
		sleep 0.02
		i=$((i + 1))
	done
	echo "pick bench: stuck:" >&2
	cap >&2
	exit 1
}
wait_for "Go to"
pid=$(pgrep -f "$ORDO pick" -P "$($TM display-message -p '#{pane_pid}')" |
    head -n 1)
cpu() { awk '{ print $14 + $15 }' "/proc/$pid/stat"; }
hz=$(getconf CLK_TCK)
: > "$T/bytes"
$TM pipe-pane -o "cat >> '$T/bytes'"
sleep 0.2
c0=$(cpu)
scans=0
while read -r bin order barcode; do
	[ "$bin" = - ] && bin=MAIN
	wait_for "Go to $bin"
	$TM send-keys "$bin" Enter
	wait_for "Scan $barcode"
	$TM send-keys "$barcode" Enter
	wait_for "Qty"
	$TM send-keys Enter
	scans=$((scans + 3))
	next
	while :; do
		case $(cap) in *"Pack order"*) ;; *) break ;; esac
		o=$(cap | sed -n 's/.*Pack order \([0-9]*\).*/\1/p' | head -n 1)
		$TM send-keys p
		scans=$((scans + 1))
		i=0
		while [ $i -lt 400 ]; do
			case $(cap) in *"Pack order $o"*) ;; *) break ;; esac
			sleep 0.02
			i=$((i + 1))
		done
		next
	done
done < "$T/tasks"
wait_for "done"
sleep 0.6	# the poll after the last write
c1=$(cpu)
$TM pipe-pane
bytes=$(wc -c < "$T/bytes" | tr -d ' ')
awk -v c=$((c1 - c0)) -v hz="$hz" -v s="$scans" -v b="$bytes" \
    -v n="$ntasks" 'BEGIN {
	printf "pick: %d lines, %d scans at 20x16: %.2f ms CPU and %.0f " \
	    "bytes per scan (targets < 5 ms, < 200 bytes)\n", n, s,
	    c * 1000 / hz / s, b / s
}'
"$ORDO" check | tail -n 1
