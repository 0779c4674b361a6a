#!/bin/sh
# tests/bench-tui.sh ORDO: the counter TUI's benchmark (make bench runs
# it after the import benchmark; BENCH_TUI_ORDERS, default 1,000,000,
# sets the company's size).  Builds a company of that many orders with
# the importer, then drives the real TUI at 80x24 in tmux under
# script(1), which records every byte the TUI writes, and reports:
#   - time to the first screen (main menu) and to the orders list,
#   - CPU per key (from /proc/PID/schedstat, in ns) for scrolling and for
#     a search that hits,
#   - peak memory (VmHWM and the private part, RssAnon),
#   - bytes written per highlight move, per one-row scroll, per page.
# Times from outside are polled every few ms: they include tmux's and
# the poll's own delay, so they are upper bounds.
set -eu
ORDO=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
top=$(cd "$(dirname "$0")/.." && pwd)
orders=${BENCH_TUI_ORDERS:-1000000}
T=$(mktemp -d "${TMPDIR:-/tmp}/ordo-benchtui.XXXXXX")
TM="tmux -L ordo-$$-bench"
trap '$TM kill-server 2>/dev/null; rm -rf "$T"' EXIT
export ORDO_CONFIG="$top/config/ordo.yaml" ORDO_DB="$T/co" LC_ALL=C.UTF-8
export ORDO_USER=clerk1

cc -O2 -o "$T/gen" "$top/tests/bench/gen_shopify.c"
"$ORDO" init --demo >/dev/null
tail -n +2 "$top/data/demo/items.csv" | cut -d, -f1 > "$T/skus"
# The generator writes about 2.5 lines per order.
"$T/gen" $((orders * 5 / 2)) "$T/skus" > "$T/export.csv"
a=$(date +%s)
ORDO_USER=root "$ORDO" import "$T/export.csv" >/dev/null 2>&1 || true
b=$(date +%s)
n=$("$ORDO" | sed -n 's/^orders: *//p')
echo "company: $n orders (built in $((b - a)) s)"

ms() {	# now in ms
	echo $(($(date +%s%N) / 1000000))
}
size() {
	stat -c %s "$T/typescript"
}
# settle: wait until the typescript stops growing for 150 ms.
settle() {
	last=$(size); still=0
	while [ $still -lt 30 ]; do
		sleep 0.005
		s=$(size)
		if [ "$s" = "$last" ]; then still=$((still + 1)); else
			still=0; last=$s; fi
	done
}
# grow_after START_SIZE: ms until the typescript grows past START_SIZE
# and then settles for 50 ms (the end of the screen's drawing).
drawn_ms() {
	from=$1 t0=$2
	while [ "$(size)" -le "$from" ]; do sleep 0.001; done
	last=$(size); t1=$(ms); still=0
	while [ $still -lt 10 ]; do
		sleep 0.005
		s=$(size)
		if [ "$s" = "$last" ]; then still=$((still + 1)); else
			still=0; last=$s; t1=$(ms); fi
	done
	echo $((t1 - t0))
}
cpu_ns() {
	awk '{ print $1 }' "/proc/$pid/schedstat"
}

: > "$T/typescript"
printf 'set -g status off\n' > "$T/tmux.conf"
# Start-up: ordo started under script(1) with its keys already typed,
# so nothing waits for input: "0" draws the main menu and quits; "1q0"
# also opens the orders list and comes back.  Each is run 7 times and
# the median of script running "true" is taken off.
med() {	# med CMD...: median wall ms of 7 runs
	i=0
	while [ $i -lt 7 ]; do
		a=$(date +%s%N); "$@" >/dev/null 2>&1; b=$(date +%s%N)
		echo $(((b - a) / 1000000)); i=$((i + 1))
	done | sort -n | sed -n 4p
}
keys() {
	printf '%s' "$1" | TERM=xterm script -q -c "$ORDO" /dev/null
}
base=$(med script -q -c true /dev/null)
t0=$(med keys 0)
t1=$(med keys 1q0)
echo "first screen (start, main menu, quit): $((t0 - base)) ms wall"
echo "orders list (open and back to the menu): $((t1 - t0)) ms wall"
# The same in CPU time (user + system of ordo and script), which a busy
# machine does not inflate.
cpu() {	# cpu KEYS: median CPU ms of 7 runs
	i=0
	while [ $i -lt 7 ]; do
		/usr/bin/time -f '%U %S' -o "$T/cpu" sh -c "printf '%s' '$1' |
		    TERM=xterm script -q -c '$2' /dev/null >/dev/null 2>&1"
		awk '{ printf "%d\n", ($1 + $2) * 1000 }' "$T/cpu"
		i=$((i + 1))
	done | sort -n | sed -n 4p
}
cb=$(cpu 0 true)
c0=$(cpu 0 "$ORDO")
c1=$(cpu 1q0 "$ORDO")
echo "first screen: $((c0 - cb)) ms CPU; orders list: $((c1 - c0)) ms CPU"

# The clock starts when the shell under script execs ordo.
$TM -f "$T/tmux.conf" new-session -d -x 80 -y 24 \
    "script -q -f -c 'echo \$((\$(date +%s%N) / 1000000)) > $T/start; \
    exec $ORDO' '$T/typescript'"
while [ ! -s "$T/start" ]; do sleep 0.001; done
first=$(drawn_ms 0 "$(cat "$T/start")")
pid=$(pgrep -n -f "^$ORDO\$")
echo "first screen (main menu): $first ms"

s0=$(size); t0=$(ms)
$TM send-keys Enter
olist=$(drawn_ms "$s0" "$t0")
echo "orders list opens: $olist ms"

# Bytes: a highlight move (row 1 to 2), a one-row scroll (at the bottom
# row), a page.
settle
s0=$(size); $TM send-keys Down; settle; hl=$(($(size) - s0))
$TM send-keys -N 30 Down; settle
s0=$(size); $TM send-keys Down; settle; sc=$(($(size) - s0))
s0=$(size); $TM send-keys PageDown; settle; pg=$(($(size) - s0))
echo "bytes: highlight move $hl, one-row scroll $sc, page $pg"

# CPU per key: 500 scrolls down, then 500 up.
c0=$(cpu_ns); $TM send-keys -N 500 Down; settle; c1=$(cpu_ns)
$TM send-keys -N 500 Up; settle; c2=$(cpu_ns)
echo "cpu per key: scroll down $(((c1 - c0) / 500 / 1000)) us," \
    "scroll up $(((c2 - c1) / 500 / 1000)) us"
# A search that hits: "/" then an order number, digit by digit.
q=$((n / 2))
len=${#q}
c0=$(cpu_ns)
i=0
while [ $i -lt 20 ]; do
	$TM send-keys /; $TM send-keys -l "$q"; $TM send-keys Enter
	i=$((i + 1))
done
settle
c1=$(cpu_ns)
keys=$((20 * (len + 2)))
echo "cpu per key: search for order $q ($keys keys)" \
    "$(((c1 - c0) / keys / 1000)) us"
hwm=$(awk '/^VmHWM:/ { print $2 }' "/proc/$pid/status")
anon=$(awk '/^RssAnon:/ { print $2 }' "/proc/$pid/status")
echo "memory: peak RSS $((hwm / 1024)) MiB (private now $((anon / 1024)) MiB)"
$TM send-keys q q
sleep 0.3
