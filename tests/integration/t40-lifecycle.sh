#!/bin/sh
# t40-lifecycle: an order's life through the CLI: new, confirm (stock
# reserved), refused transitions, short stock, backorders, partial and
# full shipment, deliver, close, cancel, return (restock and scrap),
# version conflicts and roles; the check is clean at the end.
. "${ORDO_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"

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
# pick2 K1 V1 K2 V2 COL: COL of the TAB record (header first on stdin)
# whose column K1 is V1 and K2 is V2 (K2 "" for one key).
pick2() {
	awk -F '\t' -v k1="$1" -v v1="$2" -v k2="$3" -v v2="$4" -v c="$5" '
	NR == 1 { for (i = 1; i <= NF; i++) h[$i] = i; next }
	$h[k1] == v1 && (k2 == "" || $h[k2] == v2) { print $h[c] }'
}
# stk SKU LOC FIELD: on_hand, reserved or available of one stock row.
stk() {
	v=$("$ORDO" stock list --csv "$1" 2>/dev/null | csv |
	    pick2 sku "$1" loc "$2" "$3")
	echo "${v:-0}"
}
# status N: the order's status, from order list --csv.
status() {
	"$ORDO" order list --csv 2>/dev/null | csv | pick2 number "$1" "" "" status
}
# new ARGS...: order new; the number it printed, or "" (and a not ok).
new() {
	out=$("$ORDO" order new "$@" 2>&1)
	if printf '%s' "$out" | grep -qx '[0-9][0-9]*'; then
		echo "$out"
	else
		echo "order new $*: $out" >&2
		echo ""
	fi
}
# refused NAME N STATUS CMD...: exit 1, an "ordo: " message, and order N
# still in STATUS afterwards.
refused() {
	name=$1 on=$2 st=$3; shift 3
	err=$("$@" 2>&1 >/dev/null); rc=$?
	got=$(status "$on")
	if [ $rc -ne 1 ]; then not_ok "$name" "exit $rc, wanted 1: $err"
	elif case $err in "ordo: "?*) false ;; *) true ;; esac; then
		not_ok "$name" "no 'ordo: ' message: [$err]"
	elif [ "$got" != "$st" ]; then
		not_ok "$name" "order $on is $got, should still be $st"
	else ok "$name"; fi
}

# Setup: three items, stock at MAIN (backorders allowed there by the
# config) and WH (not allowed); POT-B may be backordered.
"$ORDO" init >/dev/null 2>&1
ok=0
"$ORDO" item add TEA-A "Tea A" --price 100.00 >/dev/null 2>&1 &&
"$ORDO" item add POT-B "Teapot B" --price 300.00 --backorder >/dev/null 2>&1 &&
"$ORDO" item add CUP-C "Cup C" --price 20.00 >/dev/null 2>&1 &&
"$ORDO" customer add SHOP1 "Shop One" >/dev/null 2>&1 &&
"$ORDO" stock receive TEA-A 10 --cost 50.00 >/dev/null 2>&1 &&
"$ORDO" stock receive TEA-A 4 --cost 50.00 --loc WH >/dev/null 2>&1 &&
"$ORDO" stock receive POT-B 3 --cost 150.00 >/dev/null 2>&1 &&
"$ORDO" stock receive CUP-C 6 --cost 8.00 >/dev/null 2>&1 && ok=1
same "setup: items, customer, stock" 1 "$ok"
same "TEA-A at MAIN: 10 on hand" 10 "$(stk TEA-A MAIN on_hand)"

# 1. order new prints the number alone.
out=$("$ORDO" order new SHOP1 TEA-A:2 CUP-C:1 2>&1); rc=$?
if [ $rc -eq 0 ] && printf '%s' "$out" | grep -qx '[0-9][0-9]*'; then
	ok "order new prints the number alone ($out)"
else
	not_ok "order new prints the number alone" "exit $rc: [$out]"
fi
n1=$out
same "a new order is a draft" draft "$(status "$n1")"
same "a draft reserves nothing" 0 "$(stk TEA-A MAIN reserved)"

# 2. Confirm reserves.
check "confirm" "$ORDO" order confirm "$n1"
same "confirmed" confirmed "$(status "$n1")"
same "confirm reserved 2 TEA-A at MAIN" 2 "$(stk TEA-A MAIN reserved)"
same "confirm reserved 1 CUP-C at MAIN" 1 "$(stk CUP-C MAIN reserved)"
same "on hand unchanged by confirm" 10 "$(stk TEA-A MAIN on_hand)"

# 3. Refused transitions: exit 1, a message, nothing changed.
n2=$(new SHOP1 TEA-A:1)
refused "ship a draft: refused" "$n2" draft "$ORDO" order ship "$n2"
refused "deliver a draft: refused" "$n2" draft "$ORDO" order deliver "$n2"
refused "confirm twice: refused" "$n1" confirmed "$ORDO" order confirm "$n1"
same "confirm twice did not reserve again" 2 "$(stk TEA-A MAIN reserved)"
refused "deliver before ship: refused" "$n1" confirmed \
    "$ORDO" order deliver "$n1"
refused "close before ship: refused" "$n1" confirmed "$ORDO" order close "$n1"
refused "pack before pick: refused" "$n1" confirmed "$ORDO" order pack "$n1"
out=$("$ORDO" order confirm 999999 2>&1); rc=$?
same "confirm of an unknown order: exit 2" 2 "$rc"

# 4. Short stock at WH (no backorders there): refused naming the line;
# nothing reserved, not even for the line that fitted.
n3=$(new SHOP1 TEA-A:1 CUP-C:2 --loc WH)
err=$("$ORDO" order confirm "$n3" 2>&1 >/dev/null); rc=$?
same "short stock confirm: exit 1" 1 "$rc"
has "the message names the line" "line 2" "$err"
has "the message names the SKU" "CUP-C" "$err"
same "the short order stays a draft" draft "$(status "$n3")"
same "nothing reserved for line 1" 0 "$(stk TEA-A WH reserved)"

# 5. A backorder item short at MAIN: what there is, is reserved; the rest
# is backordered and listed.
n4=$(new SHOP1 POT-B:5)
check "confirm with a backordered line" "$ORDO" order confirm "$n4"
same "... confirmed" confirmed "$(status "$n4")"
same "POT-B: the 3 on hand reserved" 3 "$(stk POT-B MAIN reserved)"
"$ORDO" backorders --csv 2>&1 | csv >"$T/bo"
same "backorders lists the order with 2 short" 2 \
    "$(awk -F '\t' 'NR == 1 { for (i = 1; i <= NF; i++) h[$i] = i; next }
    { print $h["order"], $h["sku"], $h["backordered"] }' "$T/bo" |
    awk -v n="$n4" '$1 == n && $2 == "POT-B" { print $3 }')"
out=$("$ORDO" backorders 2>&1)
has "backorders (text) names the SKU" "POT-B" "$out"

# 6. Partial shipment, then the rest.
check "ship line 1, one unit" "$ORDO" order ship "$n1" 1:1
same "partly shipped" partial "$(status "$n1")"
same "TEA-A: one left MAIN" 9 "$(stk TEA-A MAIN on_hand)"
same "TEA-A: one still reserved" 1 "$(stk TEA-A MAIN reserved)"
check "ship the rest" "$ORDO" order ship "$n1" --carrier SF --tracking SF123
same "shipped" shipped "$(status "$n1")"
same "TEA-A: 8 on hand" 8 "$(stk TEA-A MAIN on_hand)"
same "TEA-A: none reserved" 0 "$(stk TEA-A MAIN reserved)"
same "CUP-C: 5 on hand" 5 "$(stk CUP-C MAIN on_hand)"
same "CUP-C: none reserved" 0 "$(stk CUP-C MAIN reserved)"
refused "ship a shipped order: refused" "$n1" shipped "$ORDO" order ship "$n1"
out=$("$ORDO" order show "$n1" 2>&1)
has "order show gives the tracking number" "SF123" "$out"

# 7. Deliver, close.
check "deliver" "$ORDO" order deliver "$n1"
same "delivered" delivered "$(status "$n1")"
check "close" "$ORDO" order close "$n1"
same "closed" closed "$(status "$n1")"
refused "close twice: refused" "$n1" closed "$ORDO" order close "$n1"

# 8. Cancel releases the reservation.
n5=$(new SHOP1 TEA-A:3)
"$ORDO" order confirm "$n5" >/dev/null 2>&1
same "TEA-A: 3 reserved by the order to cancel" 3 "$(stk TEA-A MAIN reserved)"
check "cancel" "$ORDO" order cancel "$n5" --reason "customer changed mind"
same "cancelled" cancelled "$(status "$n5")"
same "cancel released the reservation" 0 "$(stk TEA-A MAIN reserved)"
same "cancel left on hand alone" 8 "$(stk TEA-A MAIN on_hand)"
refused "cancel twice: refused" "$n5" cancelled "$ORDO" order cancel "$n5"
refused "confirm a cancelled order: refused" "$n5" cancelled \
    "$ORDO" order confirm "$n5"
refused "cancel a closed order: refused" "$n1" closed \
    "$ORDO" order cancel "$n1"
check "cancel a draft" "$ORDO" order cancel "$n2"
same "the draft is cancelled" cancelled "$(status "$n2")"

# 9. The backorder is filled when stock comes: confirm again reserves it.
check "receive 2 more POT-B" "$ORDO" stock receive POT-B 2 --cost 150.00
check "confirm again fills the backorder" "$ORDO" order confirm "$n4"
same "POT-B: all 5 reserved" 5 "$(stk POT-B MAIN reserved)"
bo=$("$ORDO" backorders --csv 2>&1 | csv | awk -F '\t' -v n="$n4" \
    'NR == 1 { for (i = 1; i <= NF; i++) h[$i] = i; next }
    $h["order"] == n' | wc -l | tr -d ' ')
same "backorders no longer lists it" 0 "$bo"
check "ship the backordered order" "$ORDO" order ship "$n4"
same "POT-B: none left" 0 "$(stk POT-B MAIN on_hand)"
same "POT-B order shipped" shipped "$(status "$n4")"

# 10. Returns: one TEA-A back to stock, one CUP-C scrapped.
check "return 1 restocked and 1 scrapped" "$ORDO" order return "$n1" 1:1 \
    2:1:scrap --reason "damaged box"
same "the restocked unit is back" 9 "$(stk TEA-A MAIN on_hand)"
same "the scrapped unit is not" 5 "$(stk CUP-C MAIN on_hand)"
same "a return keeps the status" closed "$(status "$n1")"
out=$("$ORDO" order show "$n1" 2>&1)
has "order show mentions the return" "return" "$out"
err=$("$ORDO" order return "$n1" 1:2 2>&1 >/dev/null); rc=$?
if [ $rc -eq 1 ] || [ $rc -eq 2 ]; then
	case $err in
	"ordo: "?*) ok "returning more than is left: refused" ;;
	*) not_ok "returning more than is left: refused" "[$err]" ;;
	esac
else
	not_ok "returning more than is left: refused" "exit $rc: $err"
fi
same "... and stock unchanged" 9 "$(stk TEA-A MAIN on_hand)"

# 11. Version conflict: clerk1 confirms, pick1 acts on what he saw before.
n6=$(export ORDO_USER=clerk1; new SHOP1 TEA-A:1)
check "clerk1 confirms with the version she saw" \
    env ORDO_USER=clerk1 "$ORDO" order confirm "$n6" --expect 1
err=$(ORDO_USER=pick1 "$ORDO" order pick "$n6" --expect 1 2>&1 >/dev/null)
rc=$?
same "pick1's pick with the old version: exit 1" 1 "$rc"
has "the conflict names who changed it" "clerk1" "$err"
same "pick1's pick changed nothing" confirmed "$(status "$n6")"
check "pick1's pick with no --expect works" env ORDO_USER=pick1 "$ORDO" \
    order pick "$n6"
same "picking" picking "$(status "$n6")"

# 12. Roles: the picker pick1 may not confirm, but may pick.
n7=$(new SHOP1 TEA-A:1)
refused "pick1 (picker) may not confirm" "$n7" draft \
    env ORDO_USER=pick1 "$ORDO" order confirm "$n7"
same "the refused confirm reserved nothing" 1 "$(stk TEA-A MAIN reserved)"
refused "pick1 may not add an item" "$n7" draft \
    env ORDO_USER=pick1 "$ORDO" item add NOPE-1 "x" --price 1
check "a manager confirms it" "$ORDO" order confirm "$n7"
check "pick1 may pick it" env ORDO_USER=pick1 "$ORDO" order pick "$n7"
same "picked by the picker" picking "$(status "$n7")"

# 13. Lists and the check.
got=$("$ORDO" order list --status cancelled --csv 2>&1 | csv |
    awk -F '\t' 'NR == 1 { for (i = 1; i <= NF; i++) h[$i] = i; next }
    { print $h["number"] }' | sort -n | tr '\n' ' ')
same "order list --status cancelled" "$n2 $n5 " "$got"
out=$("$ORDO" check 2>&1); rc=$?
if [ $rc -eq 0 ]; then ok "check clean after the lifecycle"
else not_ok "check clean after the lifecycle" "exit $rc: $out"; fi
