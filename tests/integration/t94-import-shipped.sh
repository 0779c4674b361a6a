# ordo import: an order the marketplace has already shipped always lands,
# shipped, whatever ordo's stock says (the goods have left): the stock
# goes below zero at its location and the row is flagged for a count,
# shown by the import, 'ordo check' and 'ordo stock list'; messages name
# the marketplace's order, never an ordo number that does not exist.
# Fixture: tests/fixtures/import/fidelity/shopify_night{1,2}.csv (a
# Shopify export written from its documented 79 columns): #3001 ships 5
# of TEA-LJ-50 (2 at MAIN), #3002 two lines, one short, #3003 paid and
# short (MAIN backorders: confirmed, 4 reserved, 6 backordered), shipped
# the next night, #3004 a teapot (none left, backorders allowed: it used
# to be refused "nothing to ship"),
# #3005 in stock, #3006 voided.
. "$ORDO_TOP/tests/lib.sh"
FX="$ORDO_TOP/tests/fixtures/import/fidelity"
"$ORDO" init --demo >/dev/null || exit 1
"$ORDO" stock adjust TWR-YXP-ZN 0 --loc MAIN >/dev/null || exit 1
cp "$FX/shopify_night1.csv" "$FX/shopify_night2.csv" "$T/"
onhand() { "$ORDO" stock list --csv "$1" | tr -d '"' |
    awk -F, -v l="$2" '$2 == l { print $3 }'; }
status() { "$ORDO" order list --csv | tr -d '"' |
    awk -F, -v x="$1" '$6 == x { print $3 }'; }

lj=$(onhand TEA-LJ-50 MAIN)
out=$("$ORDO" import "$T/shopify_night1.csv" 2>"$T/err"); rc=$?
same "every order of the night lands (exit 0)" 0 "$rc"
has "6 new, none rejected" "6 new (0 short of stock, left as drafts), 0 updated, 0 unchanged, 0 rejected" "$out"
has "the summary counts the orders shipped beyond the stock" \
    "orders shipped by the marketplace beyond ordo's stock: 3" "$out"
has "the message names the marketplace's order" \
    "shopify order #3001 (id 7003000000001) was shipped there beyond ordo's stock" "$(cat "$T/err")"
has "and the row to count" "TEA-LJ-50 at MAIN now $((lj - 5)) on hand" "$(cat "$T/err")"
not_has "nothing is 'nothing to ship'" "nothing to ship" "$(cat "$T/err")"
for x in 7003000000001 7003000000002 7003000000004 7003000000005; do
	same "order $x is shipped" shipped "$(status $x)"
done
same "#3003 (paid, short, backordered) is confirmed" confirmed \
    "$(status 7003000000003)"
same "#3006 (voided) is cancelled" cancelled "$(status 7003000000006)"
same "TEA-LJ-50 at MAIN is below zero: 5 left, $lj were there" \
    "$((lj - 5))" "$(onhand TEA-LJ-50 MAIN)"
same "the teapot (backorders allowed, none left) went below zero" "-1" \
    "$(onhand TWR-YXP-ZN MAIN)"
has "stock list marks the row to count" "COUNT IT" \
    "$("$ORDO" stock list TEA-LJ-50 | grep MAIN)"
# The row owes the 3 at its average cost (the demo's 24.94 a box).
same "stock list --csv says count_due; the row owes 3 x 24.94" \
    '"TEA-LJ-50","MAIN",'$((lj - 5))',0,'$((lj - 5))',-74.82,"yes"' \
    "$("$ORDO" stock list --csv TEA-LJ-50 | tr -d '\r' | grep MAIN)"
out=$("$ORDO" check 2>&1); rc=$?
same "ordo check passes" 0 "$rc"
has "ordo check lists the count due" "count due: TEA-LJ-50 at MAIN: on hand $((lj - 5))" "$out"
has "with the teapot" "count due: TWR-YXP-ZN at MAIN" "$out"
"$ORDO" export journal -o "$T/j" >/dev/null 2>&1
if command -v hledger >/dev/null 2>&1; then
	check "hledger check" hledger -f "$T/j" check
fi
# The books: all 5 are invoiced, and cost at the row's average cost.
has "all 5 are shipped and invoiced" "shipped: line 1 x 5" \
    "$("$ORDO" order show 1)"

# Next night: #3003 shipped there (it was a draft here), a new teapot.
out=$("$ORDO" import "$T/shopify_night2.csv" 2>"$T/err"); rc=$?
same "night 2 lands (exit 0)" 0 "$rc"
has "1 new, 1 updated" "1 new (0 short of stock, left as drafts), 1 updated" "$out"
same "#3003 is now shipped, all 10" shipped "$(status 7003000000003)"
same "TEA-LJ-250 at MAIN: its 4 and 6 beyond" -6 "$(onhand TEA-LJ-250 MAIN)"
has "its message names it" "shopify order #3003 (id 7003000000003)" "$(cat "$T/err")"
same "the teapot row is at -2" "-2" "$(onhand TWR-YXP-ZN MAIN)"
check "ordo check passes after night 2" "$ORDO" check
out=$("$ORDO" import --list)
not_has "no batch is left open" "interrupted" "$out"

# The stocktake clears the flag: counted 0 and 3.
check "a stocktake of the teapot row (counted 0)" \
    "$ORDO" stock adjust TWR-YXP-ZN 0 --loc MAIN --reason count
check "a stocktake of TEA-LJ-50 (counted 3)" \
    "$ORDO" stock adjust TEA-LJ-50 3 --loc MAIN --reason count
same "TEA-LJ-50 at MAIN is 3" "3" "$(onhand TEA-LJ-50 MAIN)"
not_has "its row is no longer marked" "COUNT IT" \
    "$("$ORDO" stock list TEA-LJ-50 | grep MAIN)"
out=$("$ORDO" check 2>&1); rc=$?
same "ordo check passes after the counts" 0 "$rc"
not_has "and no longer lists them" "count due: TWR-YXP-ZN" "$out"
not_has "nor TEA-LJ-50" "count due: TEA-LJ-50" "$out"
val=$("$ORDO" stock list --csv TWR-YXP-ZN | tr -d '"' |
    awk -F, '$2 == "MAIN" { print $6 }')
same "a row counted empty holds no value" "0.00" "$val"
"$ORDO" export journal -o "$T/j" >/dev/null 2>&1
if command -v hledger >/dev/null 2>&1; then
	check "hledger check after the counts" hledger -f "$T/j" check
fi
echo "1..$n"
