# ordo feed: every business event as JSON lines, in id order; resumable
# from any id with nothing missed or repeated; --follow wakes on commits
# made by other processes; an import gives one compact event per order
# and import.finished.
. "$ORDO_TOP/tests/lib.sh"
"$ORDO" init --demo >/dev/null || exit 1
"$ORDO" customer add LINMEI "Lin Mei 林梅" --phone "138 0000 0001" >/dev/null
"$ORDO" order new LINMEI TEA-TGY-250:6 TWR-CUP-GLS6:2 --shipping 15 >/dev/null
"$ORDO" order confirm 1 >/dev/null
"$ORDO" order ship 1 --carrier SF --tracking SF1234567890 >/dev/null
"$ORDO" order deliver 1 >/dev/null
"$ORDO" pay LINMEI 843.02 --method bank --ref TT-0303 >/dev/null
"$ORDO" order new LINMEI TEA-TGY-250:1 >/dev/null
"$ORDO" order cancel 2 --reason "changed mind" >/dev/null
refuse "a refused change" 1 "$ORDO" order deliver 2

"$ORDO" feed --json > "$T/all" 2>&1
same "feed exits 0" 0 $?
kinds=$(sed 's/.*"kind":"\([^"]*\)","object":"\([^"]*\)".*/\1 \2/' "$T/all" |
    tr '\n' '|')
same "one event per change, in order, none for the refusal" \
    "order.created order 1|order.confirmed order 1|order.shipped order 1|order.delivered order 1|payment.received payment 1|order.created order 2|order.cancelled order 2|" \
    "$kinds"
same "ids run 1..7" "1 2 3 4 5 6 7" \
    "$(sed 's/^{"id":\([0-9]*\),.*/\1/' "$T/all" | tr '\n' ' ' | sed 's/ $//')"
has "shipped carries carrier and tracking" \
    '"kind":"order.shipped","object":"order 1","data":{"order":1,"channel":"counter","ext_id":"","ext_number":"","customer":"LINMEI","status":"shipped","version":3,"total":"843.02","total_minor":84302,"carrier":"SF","tracking":"SF1234567890"' \
    "$(sed -n 3p "$T/all")"
has "payment amount both ways" '"amount":"843.02","amount_minor":84302,"method":"bank","ref":"TT-0303","prepayment":false' \
    "$(sed -n 5p "$T/all")"
if command -v python3 >/dev/null; then
	check "every line is valid JSON" python3 -c '
import json, sys
for l in open(sys.argv[1]):
    json.loads(l)' "$T/all"
fi

# Resume: what follows id K is exactly the rest, for every K.
bad=""
for k in 0 1 2 3 4 5 6 7; do
	"$ORDO" feed --json --since "$k" > "$T/rest"
	tail -n +$((k + 1)) "$T/all" | cmp -s - "$T/rest" || bad="$bad $k"
done
same "feed --since K gives events K+1.. with nothing missed" "" "$bad"
same "--since the last id: nothing" "" "$("$ORDO" feed --since 7)"
refuse "--since junk is refused" 2 "$ORDO" feed --since abc

# --follow: a consumer that stays sees commits made by other processes.
ORDO_FEED_POLL_MS=20 "$ORDO" feed --follow --json --since 7 > "$T/follow" &
fpid=$!
for i in 1 2 3; do
	"$ORDO" order new LINMEI TEA-TGY-250:1 >/dev/null
done
# Bounded at 60 s: on a loaded machine the follower may lag; it stops
# as soon as the three lines are there.
i=0
while [ "$(wc -l < "$T/follow")" -lt 3 ] && [ $i -lt 3000 ]; do
	sleep 0.02; i=$((i + 1))
done
kill "$fpid"; wait "$fpid" 2>/dev/null
same "--follow printed the three new orders, once each" "8 9 10" \
    "$(sed 's/^{"id":\([0-9]*\),.*/\1/' "$T/follow" | tr '\n' ' ' | sed 's/ $//')"
"$ORDO" feed --json > "$T/all2"
tail -n +8 "$T/all2" | cmp -s - "$T/follow" &&
    ok "followed lines equal the feed read afterwards" ||
    not_ok "followed lines equal the feed read afterwards" "$(cat "$T/follow")"

# An import: one compact event per order and one import.finished.
cc -O2 -o "$T/gen" "$ORDO_TOP/tests/bench/gen_shopify.c" || exit 1
tail -n +2 "$ORDO_TOP/data/demo/items.csv" | cut -d, -f1 | head -5 > "$T/skus"
for s in $(cat "$T/skus"); do
	"$ORDO" stock receive "$s" 10000 --cost 1.00 --loc MAIN >/dev/null
done
"$T/gen" 40 "$T/skus" > "$T/a.csv"
last=$("$ORDO" feed | tail -n 1 | awk '{ print $1 }')
"$ORDO" import "$T/a.csv" >/dev/null 2>&1
"$ORDO" feed --json --since "$last" > "$T/imp"
norders=$("$ORDO" order list --csv --limit 100000 | awk -F, 'NR > 1 && $5 == "\"shopify\""' | wc -l)
same "one order.created per imported order" "$norders" \
    "$(grep -c '"kind":"order.created".*"channel":"shopify"' "$T/imp")"
has "import.finished last" '"kind":"import.finished","object":"import 1","data":{"batch":1' \
    "$(tail -n 1 "$T/imp")"
nb=$(grep -c '"batch":1,' "$T/imp")
[ "$nb" -gt "$norders" ] && ok "imported orders' events name their batch" ||
    not_ok "imported orders' events name their batch" "$nb"
# A return, and stock falling to its reorder point: each an event, the
# low stock written with the confirmation that caused it.
"$ORDO" item add LOWX "Low item" --price 5 --reorder-point 3 >/dev/null
"$ORDO" stock receive LOWX 5 --cost 1.00 >/dev/null
last=$("$ORDO" feed | tail -n 1 | awk '{ print $1 }')
n0=$("$ORDO" order list --csv --limit 100000 | awk 'END { print NR - 1 }')
"$ORDO" order new LINMEI LOWX:3 >/dev/null
on=$((n0 + 1))
"$ORDO" order confirm $on >/dev/null
"$ORDO" order ship $on >/dev/null
"$ORDO" order return $on 1:1 --reason "broken" >/dev/null
kinds=$("$ORDO" feed --json --since "$last" |
    sed 's/.*"kind":"\([^"]*\)","object":"\([^"]*\)".*/\1 \2/' | tr '\n' '|')
same "stock.low with the confirmation, then shipped and returned" \
    "order.created order $on|stock.low item LOWX|order.confirmed order $on|order.shipped order $on|order.returned order $on|" "$kinds"
has "stock.low says what is left" '"sku":"LOWX"' "$("$ORDO" feed --json --since "$last" | grep stock.low)"
echo "1..$n"
