# ordo import end to end: detection, idempotency, overlap with status
# changes, dry run, undo, bad files, rejects, kill -9 then rerun.
. "$ORDO_TOP/tests/lib.sh"
cc -O2 -o "$T/gen" "$ORDO_TOP/tests/bench/gen_shopify.c" || exit 1
"$ORDO" init --demo >/dev/null || exit 1
tail -n +2 "$ORDO_TOP/data/demo/items.csv" | cut -d, -f1 | head -20 > "$T/skus"
for s in $(cat "$T/skus"); do
	"$ORDO" stock receive "$s" 100000 --cost 1.00 --loc MAIN >/dev/null
done
orders() { "$ORDO" check | sed -n 's/.* \([0-9]*\) orders.*/\1/p'; }
# first_chunk FILE: wait (up to 8 s) until an import of FILE running in
# the background has committed orders; print how many.
first_chunk() {
	i=0
	while [ $i -lt 400 ]; do
		c=$("$ORDO" import --list 2>/dev/null |
		    awk -v f="$1" 'index($0, f) && $6 > 0 { print $6 }')
		[ -n "$c" ] && { echo "$c"; return; }
		sleep 0.02; i=$((i + 1))
	done
}
reserved() { "$ORDO" stock list --csv | awk -F, 'NR > 1 { r += $4 } END { print r + 0 }'; }

"$T/gen" 300 "$T/skus" > "$T/a.csv"
out=$("$ORDO" import "$T/a.csv" 2>"$T/err"); rc=$?
same "import exits 0 when all imported" 0 "$rc"
has "channel detected from the header" "channel shopify (detected" "$(cat "$T/err")"
n1=$(orders)
new=$(echo "$out" | sed -n 's/^orders imported: \([0-9]*\) new.*/\1/p')
same "summary counts the orders created" "$n1" "$new"
[ "$n1" -gt 100 ] && ok "about 120 orders from 300 lines ($n1)" || not_ok "orders from 300 lines" "$n1"
check "check clean after import" "$ORDO" check
r1=$(reserved)
[ "$r1" -gt 0 ] && ok "imported orders reserve stock ($r1)" || not_ok "reserved" "$r1"

nb=$("$ORDO" import --list | wc -l)
out=$("$ORDO" import --channel shopify "$T/a.csv" 2>&1); rc=$?
same "re-import exits 0" 0 "$rc"
has "re-import: all unchanged" "0 new (0 short of stock, left as drafts), 0 updated, $n1 unchanged" "$out"
has "the same file is recognised" "already imported as batch 1" "$out"
same "re-import records no batch" "$nb" "$("$ORDO" import --list | wc -l)"
# With the profile changed since (its status rules, say), it is read.
cp -r "$ORDO_TOP/config/channels" "$T/ch"
echo "# changed" >> "$T/ch/shopify.yaml"
out=$(ORDO_CHANNELS="$T/ch" "$ORDO" import --channel shopify "$T/a.csv" 2>&1)
not_has "a file read with a changed profile is read again" "already imported" "$out"
has "and its orders are all unchanged" "0 new (0 short of stock, left as drafts), 0 updated, $n1 unchanged" "$out"
same "re-import makes no duplicate" "$n1" "$(orders)"
same "re-import reserves nothing more" "$r1" "$(reserved)"
# The same orders in another file: each one is looked up.
cp "$T/a.csv" "$T/a2.csv"; echo >> "$T/a2.csv"
out=$("$ORDO" import --channel shopify "$T/a2.csv" 2>&1); rc=$?
same "the same orders in another file: exit 0" 0 "$rc"
has "another file: all unchanged" "0 new (0 short of stock, left as drafts), 0 updated, $n1 unchanged" "$out"
not_has "another file is read" "already imported" "$out"
same "another file makes no duplicate" "$n1" "$(orders)"

# Overlap: tomorrow's export repeats #1001 voided and #1002 fulfilled,
# plus new orders.
"$T/gen" 600 "$T/skus" | sed -e 's/^\(#1001,[^,]*\),paid,/\1,voided,/' \
    -e 's/^\(#1002,[^,]*\),paid,\([^,]*\),,/\1,paid,\2,fulfilled,/' > "$T/b.csv"
out=$("$ORDO" import "$T/b.csv" 2>&1); rc=$?
same "overlapping import exits 0" 0 "$rc"
has "two orders updated" "2 updated" "$out"
id1=$("$ORDO" order list --csv --limit 1000000 | awk -F, 'NR > 1' | sort -t, -k1,1n | head -n 1 | cut -d, -f1)
show1=$("$ORDO" order show "$id1")
has "order voided on the marketplace is cancelled here" "cancelled" "$show1"
id2=$((id1 + 1))
has "order fulfilled on the marketplace is shipped here" "shipped" "$("$ORDO" order show "$id2")"
check "check clean after overlap" "$ORDO" check

# Cancelled on the marketplace after it shipped here: left for a person.
"$T/gen" 600 "$T/skus" | sed 's/^\(#1002,[^,]*\),paid,/\1,voided,/' > "$T/b2.csv"
out=$("$ORDO" import "$T/b2.csv" 2>&1); rc=$?
same "a shipped order cancelled there: exit 0" 0 "$rc"
has "it is named as needing attention" "needs attention: order $id2 was shipped here" "$out"
has "the summary counts it" "orders needing attention: 1" "$out"
has "the order stays shipped" "shipped" "$("$ORDO" order show "$id2")"
n2=$(orders)

# Dry run writes nothing.
"$T/gen" 900 "$T/skus" > "$T/c.csv"
batches=$("$ORDO" import --list | wc -l)
out=$("$ORDO" import --dry-run "$T/c.csv" 2>&1); rc=$?
same "dry run exits 0" 0 "$rc"
has "dry run tells what would happen" "orders that would be" "$out"
same "dry run creates no order" "$n2" "$(orders)"
same "dry run records no batch" "$batches" "$("$ORDO" import --list | wc -l)"

# Undo a batch.
out=$("$ORDO" import "$T/c.csv" 2>&1)
b=$(echo "$out" | sed -n 's/.*, batch \([0-9]*\)$/\1/p')
has "the new export brings new orders" "new" "$out"
r3=$(reserved)
check "undo the last batch" "$ORDO" import --undo "$b"
r4=$(reserved)
[ "$r4" -lt "$r3" ] && ok "undo releases reservations ($r3 -> $r4)" || not_ok "undo releases" "$r4 vs $r3: $out"
refuse "undo twice refused" 1 "$ORDO" import --undo "$b"
has "list shows the undone batch" "(undone)" "$("$ORDO" import --list)"
check "check clean after undo" "$ORDO" check
out=$("$ORDO" import "$T/c.csv" 2>&1)
not_has "a file whose batch was undone is read again" "already imported" "$out"

# A batch with a shipped order cannot be undone (#1002 came in batch 1).
bb=1
refuse "undo of a batch with a shipped order refused" 1 "$ORDO" import --undo "$bb"
has "refusal names the shipped order" "$id2" "$("$ORDO" import --undo "$bb" 2>&1)"

# Bad files: clear message, exit 2, nothing written.
norders=$(orders)
fx="$ORDO_TOP/tests/fixtures/import"
refuse "binary file refused" 2 "$ORDO" import --channel shopify "$fx/bad_binary.csv"
refuse "missing required column refused" 2 "$ORDO" import --channel shopify "$fx/bad_missing_column.csv"
err=$("$ORDO" import --channel shopify "$fx/bad_missing_column.csv" 2>&1)
has "message names the file" "bad_missing_column.csv" "$err"
same "bad files write nothing" "$norders" "$(orders)"

# A bad row rejects its order only; rejects file next to the input.
"$T/gen" 30 "$T/skus" | sed 's/^\(#1003,[^,]*,[^,]*,[^,]*,[^,]*,[^,]*,[^,]*,[^,]*,[^,]*,[^,]*,[^,]*,[^,]*,[^,]*,[^,]*,[^,]*,[^,]*\),[0-9]*,/\1,abc,/' > "$T/d.csv"
cp "$T/d.csv" "$T/dd.csv"
sed -i 's/^#10/#20/' "$T/dd.csv"
out=$("$ORDO" import "$T/dd.csv" 2>&1); rc=$?
same "some rows rejected: exit 1" 1 "$rc"
[ -f "$T/dd.rejects.csv" ] && ok "rejects file written" || not_ok "rejects file" "$out"
has "rejects file says why" "quantity" "$(cat "$T/dd.rejects.csv" 2>/dev/null)"
out=$("$ORDO" import "$T/dd.csv" 2>&1); rc=$?
same "a file with rejected rows is read again: exit 1" 1 "$rc"
not_has "it is not skipped" "already imported" "$out"
check "check clean after rejects" "$ORDO" check

# An order the marketplace has fulfilled lands shipped even when the stock
# is short (the goods have left): 20 of TWR-YXP-ZN (13 in stock).  The
# row goes below zero, flagged for a count; the batch leaves nothing
# open, so the same file again is recognised.
head -n 1 "$T/a.csv" > "$T/p.csv"
sed -n 2p "$T/a.csv" | awk -F, 'BEGIN { OFS = "," } { $1 = "#P1"; $5 = "fulfilled";
    $9 = $11 = $12 = ""; $17 = 20; $18 = "TWR"; $21 = "TWR-YXP-ZN"; $56 = "P1"; print }' >> "$T/p.csv"
out=$("$ORDO" import "$T/p.csv" 2>&1)
has "a fulfilled order short of stock is imported" "1 new" "$out"
has "named as shipped beyond the stock" "order #P1 (id P1) was shipped there beyond ordo's stock" "$out"
idp=$("$ORDO" order list --csv --limit 0 | awk -F, '$6 == "\"P1\"" { print $1 }')
has "it is shipped, all 20" "shipped: line 1 x 20" "$("$ORDO" order show "$idp")"
has "ordo check names the row to count" "count due: TWR-YXP-ZN at MAIN" "$("$ORDO" check)"
out=$("$ORDO" import "$T/p.csv" 2>&1)
has "it is all shipped, the file is recognised" "already imported" "$out"
# A picker may not import, even a file already imported.
out=$(ORDO_USER=pick1 "$ORDO" import "$T/a.csv" 2>&1); rc=$?
same "a picker's import is refused" 2 "$rc"
has "it says why" "needs a clerk" "$out"

# A clerk's write goes in while an import runs, not after it: LMDB's
# write lock is not fair, so an import committing chunk after chunk kept
# it for its whole run (db_let_others_write).
"$T/gen" 200000 "$T/skus" | sed -e 's/^#/#F/' -e 's/,6000000/,7000000/' > "$T/f.csv"
total=$("$ORDO" import --dry-run "$T/f.csv" 2>/dev/null | sed -n 's/^orders that would be: \([0-9]*\) new.*/\1/p')
"$ORDO" import "$T/f.csv" >/dev/null 2>&1 &
pid=$!
got=$(first_chunk "$T/f.csv")
"$ORDO" stock receive "$(head -n 1 "$T/skus")" 1 --cost 1.00 --loc WH >/dev/null
at=$("$ORDO" import --list | awk -v f="$T/f.csv" 'index($0, f) { print $6 }')
wait "$pid"; rc=$?
# It waits for a chunk or two (2000 orders each), not for the rest of the
# file: less than a quarter of the orders land between asking and done.
[ -n "$at" ] && [ -n "$got" ] && [ $((at - got)) -lt $((total / 4)) ] &&
    ok "a clerk's receipt went in during the import ($got orders in when asked, $at when done, of $total)" ||
    not_ok "a clerk's receipt went in during the import" "$got orders in when asked, $at when done, of $total"
same "the import went on to the end" 0 "$rc"

# kill -9 mid-import, then the same command finishes with no duplicate.
"$T/gen" 150000 "$T/skus" | sed 's/^#1/#9/' > "$T/e.csv"
want=$("$ORDO" import --dry-run "$T/e.csv" 2>/dev/null | sed -n 's/^orders that would be: \([0-9]*\) new.*/\1/p')
before=$(orders)
"$ORDO" import "$T/e.csv" >/dev/null 2>&1 &
pid=$!
# Kill it once its first chunks are committed, well before the end.
got=$(first_chunk "$T/e.csv")
kill -9 "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
mid=$(orders)
[ "$mid" -gt "$before" ] && [ "$mid" -lt $((before + want)) ] &&
    ok "the kill interrupted the import ($((mid - before)) of $want orders in)" ||
    not_ok "the kill interrupted the import" "$before -> $mid of $want"
has "list shows the interrupted batch" "interrupted" "$("$ORDO" import --list)"
"$ORDO" import "$T/e.csv" >/dev/null 2>&1
same "rerun after kill -9: every order once" "$((before + want))" "$(orders)"
same "the resumed batch counts every order it made once" "$want" \
    "$("$ORDO" import --list | awk -v f="$T/e.csv" 'index($0, f) { print $6 }')"
check "check clean after kill -9 and rerun" "$ORDO" check

# The real Shopify export is in EUR; this company keeps CNY.
real="$ORDO_TOP/../shared/samples/shopify/orders_export_forezia_devstore.csv"
if [ -f "$real" ]; then
	cp "$real" "$T/eur.csv"
	out=$("$ORDO" import "$T/eur.csv" 2>&1); rc=$?
	same "an export in another currency imports nothing: exit 2" 2 "$rc"
	has "the reason names both currencies" "currency EUR is not the company's CNY" "$out"
	has "all 19 orders of the real export rejected" "19 rejected" "$out"
fi
