# ordo notify: each event to a command, at least once, never one that did
# not happen; a failing command is retried after its backoff and then
# dead-lettered; kill -9 of the writers and of the deliverer at random
# moments loses no event and invents none.
. "$ORDO_TOP/tests/lib.sh"
mkdir "$T/cfg"
cp "$ORDO_TOP/config/ordo.yaml" "$T/cfg/ordo.yaml"
export ORDO_CONFIG="$T/cfg/ordo.yaml" ORDO_DEMO_DIR="$ORDO_TOP/data/demo"
nyaml() {	# nyaml COMMAND ATTEMPTS BACKOFF [EVENTS]
	{
		echo "notify:"
		echo "  command: '$1'"
		echo "  attempts: $2"
		echo "  backoff: $3"
		echo "  timeout: 5"
		[ -n "${4:-}" ] && echo "  events: [$4]"
		sed -n '/^carriers:/,$p' "$ORDO_TOP/config/notify.yaml"
	} > "$T/cfg/notify.yaml"
}
"$ORDO" init --demo >/dev/null || exit 1
"$ORDO" customer add LINMEI "Lin Mei 林梅" --phone "138 0000 0001" >/dev/null

# The message a customer gets, from the shipped templates.
nyaml "cat > $T/msg" 5 0
"$ORDO" order new LINMEI TEA-TGY-250:6 >/dev/null
"$ORDO" order confirm 1 >/dev/null
"$ORDO" order ship 1 --carrier 顺丰 --tracking SF1234567890 >/dev/null
has "order show gives the tracking link" "tracking:  SF1234567890
track:     https://www.sf-express.com/chn/sc/waybill/waybill-detail/SF1234567890" "$("$ORDO" order show 1)"
"$ORDO" stock receive TEA-TGY-250 50 --cost 1.00 >/dev/null
"$ORDO" order new LINMEI TEA-TGY-250:1 >/dev/null
"$ORDO" order confirm 2 >/dev/null
"$ORDO" order ship 2 --carrier "Xiamen Local Courier" --tracking "XM 12/3" >/dev/null
has "another carrier: the generic link, the number encoded" "track:     https://www.kuaidi100.com/chaxun?nu=XM%2012%2F3" "$("$ORDO" order show 2)"
"$ORDO" notify --show 3 > "$T/show"
has "the shipped message in Chinese" '"text":"您的订单 1 已发货，顺丰速运 SF1234567890，查询：https://www.sf-express.com/chn/sc/waybill/waybill-detail/SF1234567890"' "$(cat "$T/show")"
has "and in English" '"en":"Your order 1 has shipped: SF Express SF1234567890, track it at https://www.sf-express.com/chn/sc/waybill/waybill-detail/SF1234567890"' "$(cat "$T/show")"
has "the customer's phone for the SMS" '"customer":{"code":"LINMEI","name":"Lin Mei 林梅","phone":"138 0000 0001"' "$(cat "$T/show")"
out=$("$ORDO" notify); rc=$?
same "six events delivered" "0 notify: 6 delivered, 0 failed, 0 skipped" "$rc $out"
has "the command read the last event on its input" '"id":6,' "$(cat "$T/msg")"
same "a second run has nothing to do" "notify: 0 delivered, 0 failed, 0 skipped" "$("$ORDO" notify)"

# A bad notify.yaml is refused with its file, line and column.
cp "$T/cfg/notify.yaml" "$T/good.yaml"
printf 'notify:\n  comand: x\n' > "$T/cfg/notify.yaml"
refuse "a misspelt key is refused" 2 "$ORDO" notify
has "naming file, line and column" "notify.yaml:2:3: notify: unknown key comand" "$out"
cp "$T/good.yaml" "$T/cfg/notify.yaml"

# A failing command: retried after its backoff, then a dead letter.
nyaml "cat >/dev/null; echo refused >&2; exit 3" 3 0 order.delivered
"$ORDO" order new LINMEI TEA-TGY-250:1 >/dev/null	# 7: not wanted
"$ORDO" order deliver 1 >/dev/null			# 8
out=$("$ORDO" notify 2>"$T/err"); rc=$?
same "a failure exits 1" "1 notify: 0 delivered, 1 failed, 1 skipped" "$rc $out"
has "and says why" "event 8 (order.delivered): exit 3" "$(cat "$T/err")"
"$ORDO" notify >/dev/null 2>&1
"$ORDO" notify >/dev/null 2>&1
dead=$("$ORDO" notify --dead)
has "after 3 failures: a dead letter" "order.delivered  order 1      3 tries: exit 3" "$dead"
same "a dead letter is not tried again" "notify: 0 delivered, 0 failed, 0 skipped" "$("$ORDO" notify 2>&1)"
nyaml "cat >> $T/late" 3 0
same "--retry puts it back" "1 dead letter put back for delivery" "$("$ORDO" notify --retry all)"
same "and it is delivered" "notify: 1 delivered, 0 failed, 0 skipped" "$("$ORDO" notify 2>&1)"
has "to the command" '"id":8,"time"' "$(cat "$T/late")"
same "no dead letters left" "" "$("$ORDO" notify --dead)"
refuse "--retry of an event that is not dead" 1 "$ORDO" notify --retry 8

# Backoff: a failure waits its time before the next try.
nyaml "exit 1" 3 3600
"$ORDO" order cancel 3 >/dev/null
"$ORDO" notify >/dev/null 2>&1
same "within the backoff nothing is tried" "notify: 0 delivered, 0 failed, 0 skipped" "$("$ORDO" notify 2>&1)"
same "and it is not yet a dead letter" "" "$("$ORDO" notify --dead)"

# A command that hangs is killed at its timeout and counts as a failure.
"$ORDO" order new LINMEI TEA-TGY-250:1 >/dev/null
nyaml "sleep 30" 3 3600
sed -i 's/timeout: 5/timeout: 1/' "$T/cfg/notify.yaml"
out=$("$ORDO" notify 2>&1)
has "a hung command times out" "timed out after 1 s" "$out"

# kill -9: writers make orders while the deliverer runs with --follow;
# both are killed at random moments and started again.
K=$T/k
export ORDO_DB=$K
"$ORDO" init --demo >/dev/null || exit 1
"$ORDO" customer add LINMEI "Lin Mei" >/dev/null
"$ORDO" stock receive TEA-TGY-250 100000 --cost 1.00 >/dev/null
nyaml "read -r l; echo \$ORDO_EVENT_ID >> $T/got; sleep 0.01" 100 0
: > "$T/got"
writer() {
	while [ ! -e "$T/stop" ]; do
		"$ORDO" order new LINMEI TEA-TGY-250:1 >/dev/null 2>&1 &
		echo $! > "$T/wpid"; wait $!
	done
}
rm -f "$T/stop"
writer 2>/dev/null &
wloop=$!
k=0
while [ $k -lt 20 ]; do
	ORDO_NOTIFY_POLL_MS=10 "$ORDO" notify --follow >/dev/null 2>&1 &
	npid=$!
	sleep 0.$(( (k * 7) % 5 + 1 ))
	kill -9 "$(cat "$T/wpid")" 2>/dev/null
	sleep 0.0$(( (k * 3) % 9 + 1 ))
	kill -9 "$npid" 2>/dev/null
	wait "$npid" 2>/dev/null
	k=$((k + 1))
done
touch "$T/stop"
wait "$wloop"
sleep 0.2	# commands orphaned by a killed deliverer finish
"$ORDO" notify >/dev/null 2>&1
"$ORDO" feed | awk '{ print $1 }' | sort -n > "$T/want"
sort -nu "$T/got" > "$T/gotu"
nw=$(wc -l < "$T/want")
[ "$nw" -gt 10 ] && ok "the writers made events ($nw)" || not_ok "events made" "$nw"
same "every event delivered at least once" "" "$(comm -23 "$T/want" "$T/gotu" | head -5)"
same "no event delivered that was not committed" "" "$(comm -13 "$T/want" "$T/gotu" | head -5)"
dup=$(($(wc -l < "$T/got") - $(wc -l < "$T/gotu")))
echo "# $dup deliveries repeated after a kill (de-duplicated by id)"
norders=$("$ORDO" check | sed -n 's/.* \([0-9]*\) orders.*/\1/p')
same "one order.created per order committed" "$norders" \
    "$("$ORDO" feed | grep -c order.created)"
check "check clean after the kills" "$ORDO" check
echo "1..$n"
