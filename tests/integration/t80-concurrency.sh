#!/bin/sh
# t80-concurrency: many processes at once.  (1) No overselling: rounds of
# 8 "ordo order confirm" started together for an item whose stock covers
# only some of the orders: exactly as many succeed as the stock allows
# (counted here, not read back from ordo), the rest are refused, and
# reserved = 3 x confirmed <= on hand.  (2) Crash safety: loops of
# new/confirm/ship/pay are killed -9 at random moments until enough
# commands were killed and enough orders done (however slow the
# machine); afterwards the check is clean, nothing hangs, and every order
# a loop reported done is in the state it reported.
. "${ORDO_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"

soak=${ORDO_SOAK:-0}
rnd() {	# rnd N: a random number in 0..N-1
	echo $(($(od -An -N4 -tu4 /dev/urandom | tr -d ' ') % $1))
}
until_true() {	# until_true SECONDS CMD...
	t=$(($1 * 10)); shift
	while [ $t -gt 0 ]; do
		"$@" && return 0
		sleep 0.1; t=$((t - 1))
	done
	return 1
}
# csv: RFC 4180 on stdin -> one record a line, fields split by TAB.
csv() {
	awk '{
		sub(/\r$/, "")
		n = length($0)
		for (i = 1; i <= n; i++) {
			c = substr($0, i, 1)
			if (inq) {
				if (c == "\"") {
					if (substr($0, i + 1, 1) == "\"") {
						f = f "\""; i++
					} else
						inq = 0
				} else
					f = f c
			} else if (c == "\"")
				inq = 1
			else if (c == ",") {
				r = r f "\t"; f = ""
			} else
				f = f c
		}
		if (inq) { f = f "\n"; next }
		print r f; r = ""; f = ""
	}'
}
# stk SKU LOC FIELD: on_hand, reserved or available of one stock row.
stk() {
	v=$("$ORDO" stock list --csv "$1" 2>/dev/null | csv | awk -F '\t' \
	    -v s="$1" -v l="$2" -v c="$3" '
	    NR == 1 { for (i = 1; i <= NF; i++) h[$i] = i; next }
	    $h["sku"] == s && $h["loc"] == l { print $h[c] }')
	echo "${v:-0}"
}
# statuses: "NUMBER STATUS" of every order.
statuses() {
	"$ORDO" order list --limit 0 --csv 2>/dev/null | csv | awk -F '\t' '
	    NR == 1 { for (i = 1; i <= NF; i++) h[$i] = i; next }
	    { print $h["number"], $h["status"] }'
}

"$ORDO" init >/dev/null 2>&1
"$ORDO" item add W1 "Widget" --price 10.00 >/dev/null 2>&1
"$ORDO" item add V1 "Gadget" --price 1.00 >/dev/null 2>&1
"$ORDO" customer add C1 "Customer" >/dev/null 2>&1
"$ORDO" stock receive V1 100000 --cost 0.50 >/dev/null 2>&1
same "setup" 100000 "$(stk V1 MAIN on_hand)"

# 1. No overselling.  Each round: 10 more W1 at WH (no backorders
# there), 8 draft orders of 3 each, 8 confirms started together.  With
# A available, exactly min(8, A / 3) may succeed.
rounds=5
[ "$soak" = 1 ] && rounds=25
r=0 confirmed=0 bad= avail=0 expect=0
while [ $r -lt $rounds ]; do
	r=$((r + 1))
	"$ORDO" stock receive W1 10 --cost 4.00 --loc WH >/dev/null 2>&1
	# What is available, by this test's own count: 10 a round, less 3
	# for each order that should have been confirmed before.
	avail=$((avail + 10))
	seen=$(stk W1 WH available)
	[ "$seen" = "$avail" ] || bad="$bad
round $r: ordo says $seen available, should be $avail"
	rm -f "$T/go" "$T"/c*.rc "$T"/c*.err
	i=0
	while [ $i -lt 8 ]; do
		i=$((i + 1))
		on=$("$ORDO" order new C1 W1:3 --loc WH 2>&1)
		(
			while [ ! -e "$T/go" ] && [ -d "$T" ]; do sleep 0.01; done
			"$ORDO" order confirm "$on" >/dev/null 2>"$T/c$i.err"
			echo $? >"$T/c$i.rc"
		) &
	done
	touch "$T/go"
	wait
	want=$((avail / 3))
	[ $want -gt 8 ] && want=8
	got=$(cat "$T"/c*.rc | grep -c '^0$')
	refused=$(cat "$T"/c*.rc | grep -c '^1$')
	[ "$got" -eq "$want" ] || bad="$bad
round $r: $avail available: $got confirmed, wanted $want"
	[ $((got + refused)) -eq 8 ] || bad="$bad
round $r: exit codes $(cat "$T"/c*.rc | tr '\n' ' ')"
	for e in "$T"/c*.err; do
		[ -s "$e" ] && ! grep -q 'available' "$e" && bad="$bad
round $r: $(cat "$e")"
	done
	confirmed=$((confirmed + got))
	expect=$((expect + want))
	avail=$((avail - 3 * want))
done
# 10 a round, 3 an order: 3, 3, 4, 3, 3, 4 ... confirmed.
[ "$expect" -ge $((rounds * 3)) ] && ok "the stock covers $expect of the orders" ||
    not_ok "the test's own count" "$expect"
same "exactly that many confirmed" "$expect" "$confirmed"
if [ -z "$bad" ]; then
	ok "$rounds rounds of 8 confirms at once: exactly the stock's worth confirmed ($confirmed)"
else
	not_ok "$rounds rounds of 8 confirms at once" "$bad"
fi
res=$(stk W1 WH reserved)
oh=$(stk W1 WH on_hand)
same "reserved = 3 x confirmed orders" $((3 * confirmed)) "$res"
if [ "$res" -le "$oh" ]; then ok "reserved ($res) <= on hand ($oh)"
else not_ok "reserved <= on hand" "reserved $res, on hand $oh"; fi
same "order list: $confirmed confirmed" "$confirmed" \
    "$(statuses | grep -c ' confirmed$')"
same "the rest are still drafts" $((8 * rounds - confirmed)) \
    "$(statuses | grep -c ' draft$')"
out=$("$ORDO" check 2>&1); rc=$?
if [ $rc -eq 0 ]; then ok "check clean after the confirm rounds"
else not_ok "check clean after the confirm rounds" "$out"; fi

p1max=$(statuses | awk '$1 > m { m = $1 } END { print m + 0 }')

# 2. Crash safety.  Three loops each: order new, confirm, ship, pay 1.00
# cash; each writes "start N STATE" before a step, "done N STATE" after
# it returned 0, "fail N CODE" if not.  A driver kills the running ordo
# of a random loop kill -9, at least 30 times (150 with soak).
run() {	# run ID ARGS...: ordo ARGS with its pid in $T/kID.pid
	rid=$1; shift
	"$ORDO" "$@" >"$T/k$rid.out" 2>>"$T/k$rid.err" &
	echo $! >"$T/k$rid.pid"
	wait $!
}
loop() {	# loop ID
	id=$1 log=$T/k$1.log
	exec 2>>"$T/k$id.err"
	while [ -d "$T" ] && [ ! -e "$T/stop" ]; do
		run "$id" order new C1 V1:1 || { echo "fail new $?" >>"$log"
		    continue; }
		on=$(cat "$T/k$id.out")
		echo "done $on draft" >>"$log"
		echo "start $on confirmed" >>"$log"
		run "$id" order confirm "$on" || { echo "fail $on $?" >>"$log"
		    continue; }
		echo "done $on confirmed" >>"$log"
		echo "start $on shipped" >>"$log"
		run "$id" order ship "$on" || { echo "fail $on $?" >>"$log"
		    continue; }
		echo "done $on shipped" >>"$log"
		echo "start pay" >>"$log"
		run "$id" pay C1 1.00 --method cash || { echo "fail pay $?" \
		    >>"$log"; continue; }
		echo "done pay" >>"$log"
	done
	touch "$T/k$id.end"
}
rm -f "$T/stop"
for w in 1 2 3; do : >"$T/k$w.log"; loop $w & done
# Kill at least $kills times, and on until 5 commands were killed and 20
# orders done, however slow the machine is; 600 kills (some 15 minutes)
# only bound a machine on which nothing works.
kills=30
[ "$soak" = 1 ] && kills=150
k=0
killed_so_far() { cat "$T"/k1.log "$T"/k2.log "$T"/k3.log | grep -c '^fail .* 137$'; }
done_so_far() { cat "$T"/k1.log "$T"/k2.log "$T"/k3.log | grep -c '^done .* draft$'; }
while [ $k -lt $kills ] || { [ $k -lt 600 ] &&
    { [ "$(killed_so_far)" -lt 5 ] || [ "$(done_so_far)" -lt 20 ]; }; }; do
	sleep "0.$((10 + $(rnd 90)))"
	w=$((1 + $(rnd 3)))
	p=$(cat "$T/k$w.pid" 2>/dev/null)
	[ -n "$p" ] && kill -9 "$p" 2>/dev/null
	k=$((k + 1))
done
touch "$T/stop"
if until_true 60 test -e "$T/k1.end" -a -e "$T/k2.end" -a -e "$T/k3.end"
then
	ok "no process hangs after $k kill -9s"
else
	not_ok "no process hangs after $k kill -9s" "$(mdb_stat -r \
	    "$ORDO_DB" 2>&1)"
	for w in 1 2 3; do kill -9 "$(cat "$T/k$w.pid")" 2>/dev/null; done
fi
cat "$T"/k1.log "$T"/k2.log "$T"/k3.log >"$T/all.log"
killed=$(grep -c '^fail .* 137$' "$T/all.log")
other=$(grep '^fail ' "$T/all.log" | grep -v ' 137$')
if [ "$killed" -ge 5 ]; then ok "$killed commands were killed mid-way"
else not_ok "enough commands were killed mid-way" "only $killed"; fi
same "every step either succeeded or was killed" "" "$other"
out=$(timeout 60 "$ORDO" check 2>&1); rc=$?
if [ $rc -eq 0 ]; then ok "check clean after the kill -9 loops"
else not_ok "check clean after the kill -9 loops" "exit $rc: $out"; fi

# Every order: its reported state, or (if the step after it was killed)
# that state or the next.
statuses >"$T/st"
bad=$(awk 'NR == FNR { st[$1] = $2; next }
	$1 == "done" && $2 != "pay" { last[$2] = $3; cand[$2] = $3 }
	$1 == "start" && $2 != "pay" { cand[$2] = $3 }
	$1 == "fail" && $2 != "pay" && $2 != "new" { killed[$2] = 1 }
	END {
		for (o in last) {
			n++
			ok = st[o] == last[o] ||
			    (killed[o] && st[o] == cand[o])
			if (!ok) printf "order %s is %s, reported %s%s\n", o,
			    st[o], last[o], killed[o] ? " (then killed)" : ""
		}
		if (n < 20) printf "only %d orders\n", n
	}' "$T/st" "$T/all.log")
if [ -z "$bad" ]; then
	ok "every order reported done is in its reported state ($(grep -c \
	    '^done .* draft$' "$T/all.log") orders)"
else
	not_ok "every order reported done is in its reported state" "$bad"
fi
# Stock: what left is what the shipped orders took; what is reserved,
# the confirmed ones (one unit each).
nship=$(awk -v m="$p1max" '$1 > m && $2 == "shipped"' "$T/st" | wc -l |
    tr -d ' ')
nconf=$(awk -v m="$p1max" '$1 > m && $2 == "confirmed"' "$T/st" | wc -l |
    tr -d ' ')
same "V1 on hand = 100000 - shipped orders" $((100000 - nship)) \
    "$(stk V1 MAIN on_hand)"
same "V1 reserved = confirmed orders" "$nconf" "$(stk V1 MAIN reserved)"
# Money: every payment reported done is in the cash account; a killed
# one may or may not be.
pdone=$(grep -c '^done pay$' "$T/all.log")
pkill=$(grep -c '^fail pay 137$' "$T/all.log")
cash=$("$ORDO" ledger trial-balance --csv 2>/dev/null | csv | awk -F '\t' '
	NR == 1 { for (i = 1; i <= NF; i++) h[$i] = i; next }
	$h["code"] == "1001" { print int($h["debit"] - $h["credit"] + 0.5) }')
if [ "${cash:-0}" -ge "$pdone" ] && [ "${cash:-0}" -le $((pdone + pkill)) ]
then
	ok "cash = payments reported ($pdone) + some of the killed ($pkill): $cash"
else
	not_ok "cash = payments reported + some of the killed" \
	    "cash ${cash:-?}, reported $pdone, killed $pkill"
fi
