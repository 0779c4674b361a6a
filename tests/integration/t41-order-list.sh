#!/bin/sh
# t41-order-list: order list filtered by status, customer, channel and
# days, each alone and together, newest first; refusals of bad filters.
. "${ORDO_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"

"$ORDO" init --demo >/dev/null 2>&1 || { not_ok "init --demo"; exit 0; }
# new DAY CUSTOMER: a draft of one box placed that day; prints its number.
new() {
	ORDO_NOW="$1 10:00:00" "$ORDO" order new "$2" TEA-LJ-100:1
}
a=$(new 2026-03-01 HZTEA)
b=$(new 2026-03-03 WALKIN)
c=$(new 2026-03-02 HZTEA)
d=$(new 2026-03-03 HZTEA)
check "confirm one" "$ORDO" order confirm "$d"
# nums ARGS...: the numbers order list gives, in its order.
nums() {
	"$ORDO" order list --csv "$@" | awk -F, 'NR > 1 { printf "%s ", $1 }'
}
same "all, newest day first" "$d $b $c $a " "$(nums)"
same "one customer" "$d $c $a " "$(nums --customer HZTEA)"
same "customer and status" "$c $a " "$(nums --customer HZTEA --status draft)"
same "status" "$d " "$(nums --status confirmed)"
same "channel" "$d $b $c $a " "$(nums --channel counter)"
same "another channel: none" "" "$(nums --channel shopify)"
same "days" "$b $c " "$(nums --from 2026-03-02 --to 2026-03-03 --status draft)"
same "one day" "$c " "$(nums --from 2026-03-02 --to 2026-03-02)"
same "limit" "$d $b " "$(nums --limit 2)"
refuse "--from after --to" 2 "$ORDO" order list --from 2026-03-03 --to 2026-03-01
refuse "a bad day" 2 "$ORDO" order list --from 2026-02-30
refuse "unknown customer" 2 "$ORDO" order list --customer NOBODY
check "check clean" "$ORDO" check
