# ordo track: a carrier's status CSV, read through a tracking profile,
# records each parcel's state; a delivered parcel moves its order to
# delivered; unknown parcels and statuses are reported by line and
# skipped; a second run changes nothing.
. "$ORDO_TOP/tests/lib.sh"
# The tracking profiles and notify.yaml live beside the config file.
ln -s "$ORDO_TOP/config/tracking" "$T/tracking"
cp "$ORDO_TOP/config/notify.yaml" "$T/notify.yaml"
"$ORDO" init --demo >/dev/null || exit 1
"$ORDO" customer add LINMEI "Lin Mei 林梅" >/dev/null
for i in 1 2 3 4; do
	"$ORDO" order new LINMEI TEA-TGY-250:1 >/dev/null
	"$ORDO" order confirm $i >/dev/null
done
"$ORDO" order ship 1 --carrier SF --tracking SF1000000001 >/dev/null
"$ORDO" order ship 2 --carrier 中通 --tracking 7300000002 >/dev/null
"$ORDO" order ship 3 --carrier SF --tracking SF1000000003 >/dev/null
printf '%s\n' \
    '快递公司,快递单号,物流状态,最新时间,签收时间,订单号' \
    '顺丰,SF1000000001,已签收,2026-11-26 18:00:00,2026-11-26 17:30:00,' \
    '中通,7300000002,运输中,2026-11-26 12:00:00,,' \
    '顺丰,SF1000000003,疑难,2026-11-26 13:00:00,,' \
    '顺丰,SF9999999999,已签收,2026-11-26 14:00:00,2026-11-26 14:00:00,' \
    '顺丰,SF1000000005,飞走了,2026-11-26 14:00:00,,' \
    '顺丰,,已签收,2026-11-26 15:00:00,2026-11-26 15:00:00,4' \
    > "$T/status.csv"
before=$("$ORDO" feed | tail -n 1 | awk '{ print $1 }')
out=$("$ORDO" track "$T/status.csv" 2>"$T/err"); rc=$?
same "some rows skipped: exit 1" 1 "$rc"
has "the profile is found by the header" "profile kuaidi100: 6 rows: 1 orders delivered, 2 other changes, 0 unchanged, 3 skipped" "$out"
has "an unknown status is named with its line" "status.csv:6: unknown status \"飞走了\"" "$(cat "$T/err")"
has "an unknown parcel is named with its line" "status.csv:5: no order was shipped with tracking number SF9999999999" "$(cat "$T/err")"
has "an order never shipped is named" "status.csv:7: order 4 is confirmed: nothing of it was shipped" "$(cat "$T/err")"
has "the delivered parcel moved its order to delivered" "status:    delivered" "$("$ORDO" order show 1)"
has "with the carrier's time and words" "parcel:    delivered 2026-11-26 09:30 (已签收)" "$("$ORDO" order show 1)"
has "in transit: the order stays shipped" "status:    shipped" "$("$ORDO" order show 2)"
has "and shows where the parcel is" "parcel:    in transit 2026-11-26 04:00 (运输中)" "$("$ORDO" order show 2)"
has "an exception is shown" "parcel:    exception" "$("$ORDO" order show 3)"
kinds=$("$ORDO" feed --since "$before" | awk '{ print $4 }' | tr '\n' ' ')
same "events: parcel states and order.delivered" "parcel.delivered order.delivered parcel.in_transit parcel.exception " "$kinds"
out=$("$ORDO" track --profile kuaidi100 "$T/status.csv" 2>/dev/null)
has "a second run changes nothing" "0 orders delivered, 0 other changes, 3 unchanged, 3 skipped" "$out"
same "and writes no event" "" "$("$ORDO" feed --since "$(( before + 4 ))")"
printf 'a,b\n1,2\n' > "$T/other.csv"
refuse "a file no profile fits" 2 "$ORDO" track "$T/other.csv"
has "says so" "no tracking profile fits its header" "$out$("$ORDO" track "$T/other.csv" 2>&1)"
# The shipped links of the Chinese carriers, as a clerk names them: each
# carries the tracking number to a page that shows that one parcel (the
# carrier's own where it documents one, else kuaidi100's documented jump
# link with the carrier's code; ordo.yaml(5) says how they were checked).
i=4
while read -r who num want; do
	i=$((i + 1))
	"$ORDO" stock receive TEA-TGY-250 1 --cost 1.00 >/dev/null
	"$ORDO" order new LINMEI TEA-TGY-250:1 >/dev/null
	"$ORDO" order confirm $i >/dev/null
	"$ORDO" order ship $i --carrier "$who" --tracking "$num" >/dev/null
	has "$who: the tracking link" "track:     $want" "$("$ORDO" order show $i)"
done <<'EOF'
顺丰 SF1400000005 https://www.sf-express.com/chn/sc/waybill/waybill-detail/SF1400000005
京东 JDVA00000000006 https://www.jdl.com/orderSearch/?waybillCodes=JDVA00000000006
中通 73100000000007 https://www.zto.com/express/expressCheck.html?txtBill=73100000000007
圆通 YT8000000000008 https://www.kuaidi100.com/chaxun?com=yuantong&nu=YT8000000000008
申通 773000000000009 https://www.kuaidi100.com/chaxun?com=shentong&nu=773000000000009
韵达 4300000000010 https://www.kuaidi100.com/chaxun?com=yunda&nu=4300000000010
EMS 1100000000011 https://www.kuaidi100.com/chaxun?com=ems&nu=1100000000011
中国邮政 9800000000012 https://www.kuaidi100.com/chaxun?com=youzhengguonei&nu=9800000000012
EOF
check "check clean" "$ORDO" check
echo "1..$n"
