#!/bin/sh
# t45-pick: picking through the CLI as a scripted scanner would: bins in
# walk order, the queue, a wave, wrong location and item refused, a
# keyed location with its check digits, a short pick that becomes a
# backorder, packing, two pickers who never share a line, a wave given
# back, an upgraded company's queue; "ordo check" clean after each.
. "${ORDO_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"

export ORDO_NOW="2026-12-01 10:00:00"
export ORDO_USER=root
$ORDO init --demo >/dev/null 2>&1 || { not_ok "init"; exit 1; }
clean() {	# clean NAME: "ordo check" finds nothing
	check "$1: check clean" "$ORDO" check
}
stockof() {	# stockof SKU: "on_hand reserved" at WH
	"$ORDO" stock list --csv "$1" | tr -d '"' | awk -F, -v s="$1" \
	    '$1 == s && $2 == "WH" { print $3, $4 }'
}
order() {	# order CUSTOMER SKU:QTY...: a confirmed order at WH; its number
	id=$(ORDO_USER=clerk1 "$ORDO" order new "$@" --loc WH) &&
	    ORDO_USER=clerk1 "$ORDO" order confirm "$id" >/dev/null &&
	    echo "$id"
}
# The demo's items, given bins at WH: B-1-1 is walked after A-10-1.
$ORDO stock bin ELC-BATT-AA A-10-1 --loc WH >/dev/null
$ORDO stock bin ELC-CAM-WEB A-2-3 --loc WH >/dev/null
$ORDO stock bin ELC-BATT-CR2 B-1-1 --loc WH >/dev/null
refuse "a bin needs a known SKU" 2 "$ORDO" stock bin NOPE A-1 --loc WH
refuse "a bin code has no spaces" 2 "$ORDO" stock bin ELC-BATT-AA "A 1" \
    --loc WH
o1=$(order BROWNE ELC-BATT-AA:3 ELC-CAM-WEB:1)
o2=$(order BJOFFICE ELC-BATT-CR2:2)
check "two confirmed orders" test -n "$o1" -a -n "$o2"
before=$(stockof ELC-BATT-AA)

# The queue: oldest first, then a priority moves one ahead.
out=$($ORDO pick --list --loc WH --csv | tail -n +2 | cut -d, -f1 |
    tr '\n' ' ')
same "queue by age" "$o1 $o2 " "$out"
refuse "a picker sets no priority" 1 env ORDO_USER=pick1 "$ORDO" pick \
    --priority 5 "$o2"
check "a clerk does" env ORDO_USER=clerk1 "$ORDO" pick --priority 5 "$o2"
out=$($ORDO pick --list --loc WH --csv | tail -n +2 | cut -d, -f1 |
    tr '\n' ' ')
same "queue by priority" "$o2 $o1 " "$out"

# pick1 takes the wave: three tasks in walk order.
P="env ORDO_USER=pick1 $ORDO pick"
out=$($P --wave --loc WH)
has "wave taken" "wave 1 at WH, 0 of 3 done: scan location A-2-3" "$out"
bins=$(printf '%s\n' "$out" | cut -c3- | awk 'NR > 1 { print $1 }' |
    tr '\n' ' ')
same "tasks in walk order" "A-2-3 A-10-1 B-1-1 " "$bins"
refuse "a second wave is refused" 1 $P --wave --loc WH
out=$($ORDO pick --list --loc WH)
same "nothing waits while claimed" "" "$out"
clean "wave taken"

# Wrong location, wrong item: refused, saying what is expected.
out=$($P --scan B-1-1 2>&1); rc=$?
same "wrong location exits 2" 2 "$rc"
has "wrong location says where" "go to A-2-3" "$out"
digits=$($ORDO pick --label A-2-3 | awk '{ print $2 }')
refuse "keyed without check digits" 2 $P --scan A-2-3 --keyed
check "keyed with check digits" $P --scan "A-2-3$digits" --keyed
out=$($P --scan 6921734120090 2>&1); rc=$?
same "wrong item exits 2" 2 "$rc"
has "wrong item says what" "expected 6921734121073 (ELC-CAM-WEB)" "$out"
out=$($P --scan 6921734121073)
has "item counted" "quantity 1 (1 counted)" "$out"
out=$($P --confirm)
has "next task" "scan location A-10-1" "$out"

# A-10-1: two AA found of three: the rest is backordered.
$P --scan A-10-1 >/dev/null
$P --scan 6921734120090 >/dev/null
out=$($P --scan ELC-BATT-AA)
has "each scan counts one" "quantity 2 (2 counted)" "$out"
refuse "fewer than asked is not confirmed" 2 $P --confirm
out=$($P --short 2)
has "short, then pack" "pack order $o1" "$out"
has "the line is backordered" "ELC-BATT-AA" "$($ORDO backorders)"
same "one short listed" 1 "$($ORDO pick --shorts --csv | tail -n +2 |
    wc -l | tr -d ' ')"
set -- $before
same "on hand kept, one reservation released" "$1 $(($2 - 1))" \
    "$(stockof ELC-BATT-AA)"
clean "short pick"
out=$($P --pack)
has "packed, on to B-1-1" "scan location B-1-1" "$out"
has "order packed" "status:    packed" "$($ORDO order show "$o1")"

# SIGHUP-like: nothing is kept in the process; status from anywhere.
out=$($P)
has "status from another process" "scan location B-1-1" "$out"
$P --scan B-1-1 >/dev/null
$P --scan ELC-BATT-CR2 >/dev/null
out=$($P --back)
has "back to the item" "scan item" "$out"
out=$($P --back)
has "back to the location" "scan location B-1-1" "$out"
$P --scan B-1-1 >/dev/null
$P --scan ELC-BATT-CR2 >/dev/null
$P --qty 2 >/dev/null
out=$($P --pack)
has "wave finished" "3 of 3 done: finished" "$out"
refuse "no open wave now" 2 $P
clean "wave finished"

# Two pickers at once: never the same line.
for i in 1 2 3 4 5 6; do order BROWNE ELC-BATT-AA:1 >/dev/null; done
env ORDO_USER=pick1 "$ORDO" pick --wave --loc WH >"$T/w1" &
env ORDO_USER=pick2 "$ORDO" pick --wave --loc WH >"$T/w2" &
wait
l1=$(cut -c3- "$T/w1" | awk 'NR > 1 { print $2 ":" $3 }' | sort)
l2=$(cut -c3- "$T/w2" | awk 'NR > 1 { print $2 ":" $3 }' | sort)
same "four and two lines" "2 4 " "$( (echo "$l1" | wc -l; echo "$l2" |
    wc -l) | sort -n | tr -d ' ' | tr '\n' ' ')"
same "no line in both waves" "" "$(printf '%s\n%s\n' "$l1" "$l2" |
    sort | uniq -d)"
clean "two pickers"
n2=$(echo "$l2" | wc -l | tr -d ' ')
w1=$(awk 'NR == 1 { print $2 }' "$T/w1")
w2=$(awk 'NR == 1 { print $2 }' "$T/w2")
refuse "a picker releases no other's wave" 1 env ORDO_USER=pick1 \
    "$ORDO" pick --release "$w2"
check "pick2 gives the wave back" env ORDO_USER=pick2 "$ORDO" pick \
    --release
same "its orders wait again" "$n2" "$($ORDO pick --list --loc WH |
    wc -l | tr -d ' ')"
check "a manager releases another's" "$ORDO" pick --release "$w1"
same "all wait again" 6 "$($ORDO pick --list --loc WH | wc -l |
    tr -d ' ')"
clean "released"

# Idle waves go back when someone takes a wave.
env ORDO_USER=pick1 "$ORDO" pick --wave --loc WH >/dev/null
out=$(ORDO_NOW="2026-12-01 11:00:00" ORDO_USER=pick2 "$ORDO" pick --wave \
    --loc WH)
has "the idle wave's orders are taken" "0 of 4 done" "$out"
out=$(ORDO_NOW="2026-12-01 11:00:00" ORDO_USER=pick1 "$ORDO" pick 2>&1)
has "pick1 is told" "no open wave" "$out"
clean "expired"
