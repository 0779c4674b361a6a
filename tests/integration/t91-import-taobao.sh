# A GBK-encoded Taobao pair (ExportOrderList + ExportOrderDetailList)
# through the real command: detection, the join, SKU aliases, Chinese
# text kept, marketplace statuses carried into the lifecycle.
. "$ORDO_TOP/tests/lib.sh"
fx="$ORDO_TOP/tests/fixtures/import"
"$ORDO" init --demo >/dev/null || exit 1
cp "$fx/ExportOrderList202603061200.csv" "$fx/ExportOrderDetailList202603061200.csv" "$T/"
L="$T/ExportOrderList202603061200.csv" D="$T/ExportOrderDetailList202603061200.csv"
if iconv -f UTF-8 -t UTF-8 "$L" >/dev/null 2>&1; then
	not_ok "the fixture is GBK, not UTF-8"
else
	ok "the fixture is GBK, not UTF-8"
fi
skus=$(tail -n +2 "$ORDO_TOP/data/demo/items.csv" | cut -d, -f1 | head -4)
set -- $skus
for s in "$@"; do "$ORDO" stock receive "$s" 50 --cost 2.00 --loc MAIN >/dev/null; done

out=$("$ORDO" import "$D" "$L" 2>&1); rc=$?
same "unknown SKUs reject every order: exit 2" 2 "$rc"
has "the reason names the SKU" "unknown SKU CUP-WHITE" "$out"
[ -f "$T/ExportOrderList202603061200.rejects.csv" ] && ok "rejects file beside the order list" || not_ok "rejects file" "$out"

check "alias CUP-WHITE" "$ORDO" import --alias taobao CUP-WHITE "$1"
check "alias TOWEL-BLUE" "$ORDO" import --alias taobao TOWEL-BLUE "$2"
check "alias CHOPSTICK-10" "$ORDO" import --alias taobao CHOPSTICK-10 "$3"
check "alias TOWEL-LINEN" "$ORDO" import --alias taobao TOWEL-LINEN "$4"
out=$("$ORDO" import "$D" "$L" 2>&1); rc=$?
same "after mapping, all imported: exit 0" 0 "$rc"
has "channel detected as taobao" "channel taobao (detected" "$out"
has "three new orders" "orders imported: 3 new" "$out"
list=$("$ORDO" order list --csv)
has "18-digit ids kept as text" "1234567890123456789" "$list"
id=$(echo "$list" | grep 1234567890123456789 | cut -d, -f1)
show=$("$ORDO" order show "$id")
has "Chinese address kept through GBK" "浙江省" "$show"
has "a completed trade is shipped here" "shipped" "$show"
id=$(echo "$list" | grep 2345678901234567890 | cut -d, -f1)
has "a closed trade is cancelled here" "cancelled" "$("$ORDO" order show "$id")"
id=$(echo "$list" | grep 3456789012345678901 | cut -d, -f1)
has "a paid trade awaiting shipment is confirmed" "confirmed" "$("$ORDO" order show "$id")"
out=$("$ORDO" import "$L" "$D" 2>&1); rc=$?
has "the pair in the other order is the same import: all unchanged" "0 new (0 short of stock, left as drafts), 0 updated, 3 unchanged" "$out"
check "check clean" "$ORDO" check
