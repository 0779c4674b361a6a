#!/bin/sh
# t46-pick-tui: picker mode driven in tmux as a handheld would drive it,
# at 20x16, 40x8, 20x4 and 80x24, whole screens compared with
# tests/integration/pick/*.screen: a wave of three orders picked end to
# end by scanned input; a wrong location and a wrong item (the error
# fills the screen in reverse video); a keyed location that needs its
# check digits; a short pick that becomes a backorder; a hangup in the
# middle of a wave and the picker going on at another terminal size; a
# scanner's burst of codes (one starting with an action's key); two
# pickers taking waves at once.  Afterwards "ordo check" is clean and
# the orders and stock are as a person would expect.
. "$ORDO_TOP/tests/lib.sh"
TUI_NAME=pick
TUI_DIR="$ORDO_TOP/tests/integration/pick"
. "$ORDO_TOP/tests/tui-lib.sh"
export ORDO_NOW="2026-12-01 10:00:00"

ORDO_USER=root "$ORDO" init --demo >/dev/null || exit 1
items() {
	while read -r sku bc bin name; do
		"$ORDO" item add "$sku" "$name" --price 10 --barcode "$bc" \
		    --bin "$bin" >/dev/null &&
		    "$ORDO" stock receive "$sku" 50 --cost 5 --loc MAIN \
		    >/dev/null || echo "item $sku"
	done
}
ORDO_USER=root items <<'EOF'
P-CUP 6900000000011 A-2-1 Glass cup 玻璃杯
P-TEA 6900000000028 A-10-1 武夷山大红袍岩茶特级礼盒装 250克
P-POT 6900000000035 B-1-1 Teapot 紫砂壶 Yixing clay
P-TRAY 6900000000042 s-01-1 Tea tray 茶盘
EOF
order() {	# order CUSTOMER SKU:QTY...: confirmed at MAIN; its number
	id=$(ORDO_USER=clerk1 "$ORDO" order new "$@" --loc MAIN) &&
	    ORDO_USER=clerk1 "$ORDO" order confirm "$id" >/dev/null &&
	    echo "$id"
}
status() {	# status ORDER
	"$ORDO" order show "$1" | awk '/^status:/ { print $2 }'
}
picked() {	# picked ORDER LINE: the line's picked quantity
	"$ORDO" order show "$1" | awk -v l="$2" '$1 == l && $2 != "x" &&
	    NF >= 7 { print $5 }'
}
clean() {
	check "$1: ordo check is clean" "$ORDO" check
}
TUI_ARGS=pick
ORDO_USER=pick1

# A: a wave of three orders at 20x16, end to end by scans.
o1=$(order LIWEI P-TEA:2 P-CUP:1)
o2=$(order HZTEA P-POT:1)
o3=$(order BROWNE P-CUP:2)
TUI_TERM=vt100 tui_start 20 16 NO_COLOR=1
tui_screen none-20x16 "No wave"
tui_keys w
tui_screen go-20x16 "Go to A-2-1"
tui_keys A-99-9 Enter
tui_screen wrongloc-20x16 "wrong location"
case $($TM capture-pane -p -e) in
*'[7m'*|*'[7;'*|*';7m'*) ok "the error is in reverse video" ;;
*) not_ok "the error is in reverse video" "$($TM capture-pane -p -e)" ;;
esac
case $($TM capture-pane -p -e) in *'[3'[0-7]'m'*|*'[9'[0-7]'m'*)
	not_ok "vt100: no colour" ;; *) ok "vt100: no colour" ;; esac
tui_keys Escape
tui_wait "Go to A-2-1"
tui_keys A-2-1 Enter
tui_screen item-20x16 "Scan 6900000000011"
tui_keys 6900000000028 Enter
tui_screen wrongitem-20x16 "wrong item"
tui_keys Escape
tui_wait "Scan 6900000000011"
tui_keys 6900000000011 Enter
tui_screen qty-20x16 "Qty 1?"
tui_keys Enter
tui_wait "1/4"
tui_keys A-2-1 Enter 6900000000011 Enter
tui_wait "Qty 2?"
tui_keys Enter
tui_screen pack-20x16 "Pack order $o3"
tui_keys p
tui_wait "Go to A-10-1"
tui_screen go-tea-20x16
tui_keys A-10-1 Enter 6900000000028 Enter Enter
tui_wait "Pack order $o1"
tui_keys p
tui_wait "Go to B-1-1"
tui_keys B-1-1 Enter 6900000000035 Enter Enter
tui_wait "Pack order $o2"
tui_keys p
tui_screen done-20x16 "done"
tui_keys q
tui_wait "EXIT=0" && ok "q leaves with 0" || not_ok "q leaves" "$(tui_cap)"
same "three orders packed" "packed packed packed" \
    "$(status "$o1") $(status "$o2") $(status "$o3")"
same "picked as asked" "2 1 1 2" "$(picked "$o1" 1) $(picked "$o1" 2) \
$(picked "$o2" 1) $(picked "$o3" 1)"
clean "a wave picked"

# B: 40x8, a keyed location with its check digits, a short pick.
o4=$(order LIWEI P-TEA:3)
o5=$(order HZTEA P-POT:2)
tui_start 40 8
tui_wait "No wave"
tui_keys w
tui_screen go-40x8 "Go to A-10-1"
# Keyed by hand, a key at a time: it needs the label's check digits.
for k in A - 1 0 - 1 Enter; do tui_keys "$k"; sleep 0.1; done
tui_screen keyed-40x8 "check digits"
tui_keys Escape
digits=$("$ORDO" pick --label A-10-1 | awk '{ print $2 }')
for k in A - 1 0 - 1 $(echo "$digits" | sed 's/./& /g') Enter; do
	tui_keys "$k"; sleep 0.1
done
tui_wait "Scan 6900000000028"
tui_keys 6900000000028 Enter
tui_screen qty-40x8 "Qty 3?"
tui_keys s
tui_screen short-40x8 "Pack order $o4"
same "the rest is backordered" "2" "$("$ORDO" backorders | awk -v o="$o4" \
    '$1 == o && $3 == "P-TEA" { print $5 }')"
same "one found, picked" 1 "$(picked "$o4" 1)"
tui_keys p
tui_wait "Go to B-1-1"
tui_keys B-1-1 Enter 6900000000035 Enter Enter
tui_wait "Pack order $o5"
tui_keys p
tui_wait "done"
tui_keys q
tui_wait "EXIT=0" || not_ok "B: q leaves" "$(tui_cap)"
same "short order packed with what was found" "packed" "$(status "$o4")"
clean "a short pick"

# C: a hangup in the middle of a wave at 20x4; on at 80x24.
o6=$(order BROWNE P-CUP:1 P-POT:2)
tui_start 20 4
tui_wait "No wave"
tui_keys w
tui_screen go-20x4 "Go to A-2-1"
tui_keys A-2-1 Enter 6900000000011 Enter Enter
tui_wait "Go to B-1-1"
tui_keys B-1-1 Enter 6900000000035 Enter
tui_screen qty-20x4 "Qty 2?"
pid=$(pgrep -f "$ORDO pick" -P "$($TM display-message -p '#{pane_pid}')" |
    head -n 1)
if [ -n "$pid" ]; then
	kill -HUP "$pid"
	tui_wait "EXIT=3" && ok "SIGHUP: exits" || not_ok "SIGHUP: exits" \
	    "$(tui_cap)"
else
	not_ok "SIGHUP: found the process" "$(tui_cap)"
fi
tui_start 80 24
tui_screen resume-80x24 "Qty 2?"
tui_keys 6900000000035 Enter
tui_wait "Count    2"
tui_keys Enter
tui_wait "Pack order $o6"
tui_keys p
tui_wait "done"
tui_keys q
tui_wait "EXIT=0" || not_ok "C: q leaves" "$(tui_cap)"
same "nothing lost or counted twice" "1 2 packed" \
    "$(picked "$o6" 1) $(picked "$o6" 2) $(status "$o6")"
clean "a hangup"

# D: a scanner's burst: bin s-01-1 (s is the short key) and three scans
# of the item, with their Enters, in one write to the terminal.
o7=$(order HZTEA P-TRAY:3)
tui_start 20 16
tui_wait "No wave"
tui_keys w
tui_wait "Go to s-01-1"
tui_keys s-01-1 Enter 6900000000042 Enter 6900000000042 Enter \
    6900000000042 Enter
tui_screen burst-20x16 "Count 3"
tui_keys Enter
tui_wait "Pack order $o7"
tui_keys p
tui_wait "done"
tui_keys q
tui_wait "EXIT=0" || not_ok "D: q leaves" "$(tui_cap)"
same "the burst counted three" "3 packed" "$(picked "$o7" 1) $(status "$o7")"
clean "a burst"

# E: two pickers take waves at the same moment: no line in both.
for i in 1 2 3 4 5 6; do order LIWEI P-CUP:1 >/dev/null; done
ORDO_USER=pick2 tui_start 20 16
TM2=$TM
tui_wait "No wave"
TUI_N=$((TUI_N + 100))	# keep the first server: a second beside it
TM="tmux -L ordo-$$-$TUI_NAME$TUI_N"
$TM -f "$T/tmux.conf" new-session -d -x 20 -y 16 \
    "env TERM=xterm LANG=C.UTF-8 ORDO_DB='$ORDO_DB' \
    ORDO_CONFIG='$ORDO_CONFIG' ORDO_USER=pick1 ORDO_NOW='$ORDO_NOW' \
    '$ORDO' pick; echo EXIT=\$?; sleep 600"
tui_wait "No wave"
$TM send-keys w & $TM2 send-keys w & wait
tui_wait "Go to A-2-1" || not_ok "E: pick1 has a wave" "$(tui_cap)"
TM1=$TM; TM=$TM2
tui_wait "Go to A-2-1" || not_ok "E: pick2 has a wave" "$(tui_cap)"
lines() {	# lines USER: order:line of the user's open wave
	ORDO_USER=$1 "$ORDO" pick --tasks | cut -c3- |
	    awk 'NR > 1 { print $2 ":" $3 }' | sort
}
l1=$(lines pick1) l2=$(lines pick2)
same "E: four lines and two" "2 4 " "$( (echo "$l1" | wc -l;
    echo "$l2" | wc -l) | sort -n | tr -d ' ' | tr '\n' ' ')"
same "E: no line in both waves" "" "$(printf '%s\n%s\n' "$l1" "$l2" |
    sort | uniq -d)"
clean "two pickers"
$TM1 send-keys q; $TM2 send-keys q
$TM1 kill-server 2>/dev/null
ORDO_USER=pick1 "$ORDO" pick --release >/dev/null &&
    ORDO_USER=pick2 "$ORDO" pick --release >/dev/null ||
    not_ok "E: waves given back"
same "E: all six wait again" 6 "$("$ORDO" pick --list | wc -l | tr -d ' ')"

# G: Chinese screens from LANG alone, Chinese names cut on a column.
ORDO_USER=pick1
tui_start 20 16 LANG=zh_CN.UTF-8 LANGUAGE=
tui_screen none-zh-20x16 "无波次"
tui_keys w
tui_screen go-zh-20x16 "前往 A-2-1"
tui_keys q
tui_wait "EXIT=0" || not_ok "G: q leaves" "$(tui_cap)"
ORDO_USER=pick1 "$ORDO" pick --release >/dev/null || not_ok "G: released"

# F: a picker logging in gets picker mode from plain "ordo".
ORDO_USER=pick1
TUI_ARGS= tui_start 40 8
tui_wait "No wave" && ok "F: a picker's ordo is picker mode" ||
    not_ok "F: a picker's ordo is picker mode" "$(tui_cap)"
tui_keys q
clean "at the end"
echo "1..$n"
