# The counter TUI taking orders, driven in tmux: a new order end to end
# (customer by phone, a line by SKU and one by barcode, a payment,
# confirm) then the same order from the CLI; a short line named before
# confirming; order detail actions; a hangup in the middle of an order
# and the draft offered on the next start; two clerks confirming the last
# unit at once.
. "$ORDO_TOP/tests/lib.sh"
. "$ORDO_TOP/tests/tui-lib.sh"

"$ORDO" init --demo >/dev/null || exit 1

# A new order end to end: 138 1234 5678 is LIWEI's phone; TEA-LJ-250's
# barcode is 6921734100214.  Keys counted: the phone (13) + Enter, a SKU
# (10) + Enter and a scan, ^P Enter Enter, ^O.
tui_start 80 24
tui_wait "Quit" || not_ok "menu shows" "$(tui_cap)"
tui_keys n
tui_wait "Customer"
tui_type "138 1234 5678"; tui_keys Enter
tui_wait "LIWEI"
tui_type "TEA-LJ-100"; tui_keys Enter
tui_wait "draft 1, saved"
tui_type "6921734100214"; tui_keys Enter
tui_screen neworder-2lines "TEA-LJ-250"
tui_keys C-p
tui_wait "Amount:"
tui_keys Enter
tui_wait "Method"
tui_keys Enter
tui_screen neworder-paid "Payment 1 recorded"
tui_keys C-o
tui_screen neworder-confirmed "Order 1 confirmed"
out=$("$ORDO" order show 1)
has "CLI: the order is confirmed" "status:    confirmed" "$out"
has "CLI: customer by phone" "customer:  LIWEI" "$out"
has "CLI: line by SKU" "   1 TEA-LJ-100              1        1" "$out"
has "CLI: line by barcode" "   2 TEA-LJ-250              1        1" "$out"
has "CLI: made by the clerk" "by clerk1" "$out"
pay=$(ORDO_USER=root "$ORDO" statement LIWEI)  # a manager's report
has "CLI: the payment is on the customer's statement" "259.42" "$pay"

# A short line: TEA-LJ-50 has 2 at MAIN; 3*TEA-LJ-50 is named first.
tui_type "HZTEA"; tui_keys Enter
tui_wait "HZTEA"
tui_type "3*TEA-LJ-50"; tui_keys Enter
tui_wait "draft 2, saved"
tui_keys C-o
tui_screen short-named "Short:"
tui_keys n
tui_wait "draft 2, saved"
st=$("$ORDO" order show 2 | sed -n 's/^status: *//p')
same "answering n leaves the draft a draft" "draft" "$st"
tui_keys C-x
tui_wait "Draft 2 kept"

# Order detail: open order 1 from the list, pick, pack, ship.
tui_keys Enter
tui_wait "row 1"
tui_keys Down
tui_wait "row 2"
tui_keys Enter
tui_screen order-1 "History"
tui_keys p
tui_wait "Order 1: picked"
tui_keys a
tui_wait "Order 1: packed"
tui_keys s
tui_wait "Ship lines"
tui_keys Enter
tui_wait "Carrier"
tui_type "SF Express"; tui_keys Enter
tui_wait "Tracking"
tui_type "SF1234567"; tui_keys Enter
tui_screen order-1-shipped "Order 1: shipped"
tui_keys x
tui_wait "Cancel order 1?"
tui_keys n
st=$("$ORDO" order show 1 | sed -n 's/^status: *//p')
same "cancel asks first; n keeps it" "shipped" "$st"
tui_keys q q q
tui_wait "EXIT=0" || not_ok "quit" "$(tui_cap)"

# A hangup in the middle of an order: the lines typed are kept and the
# same user is offered the draft next time.
tui_start 80 24
tui_wait "Quit"
tui_keys n
tui_wait "Continue your draft order 2"
tui_keys n
tui_wait "Customer"
tui_type "JADE"; tui_keys Enter
tui_wait "JADE"
tui_type "TEA-LJ-100"; tui_keys Enter
tui_wait "draft 3, saved"
pid=$(pgrep -f "^$ORDO\$" -P "$($TM display-message -p '#{pane_pid}')" |
    head -n 1)
kill -HUP "$pid"
tui_wait "EXIT=3" && ok "SIGHUP mid-order: exits" ||
    not_ok "SIGHUP mid-order: exits" "$(tui_cap)"
out=$("$ORDO" order show 3)
has "the draft is in the company" "status:    draft" "$out"
has "with its line" "TEA-LJ-100" "$out"
tui_start 80 24
tui_screen draft-offered-menu "Your draft order 3"
tui_keys n
tui_screen draft-offered "Continue your draft order 3"
tui_keys y
tui_wait "draft 3, saved"
tui_type "TEA-LJ-250"; tui_keys Enter
tui_wait "  2 TEA-LJ-250"
out=$("$ORDO" order show 3)
has "the draft goes on where it stopped" "   2 TEA-LJ-250" "$out"
tui_keys C-x q
tui_wait "EXIT=0" || not_ok "quit" "$(tui_cap)"

# Two clerks confirm the last unit at once: TEA-LJ-KG has 1 kg at MAIN
# and MAIN takes backorders, so use WH stock: receive 1 unit of a new
# item at WH only, two drafts from WH.
ORDO_USER=root "$ORDO" item add LAST1 "Last one" --price 10 >/dev/null
ORDO_USER=root "$ORDO" stock receive LAST1 1 --cost 5 --loc WH >/dev/null
a=$(ORDO_USER=clerk1 "$ORDO" order new JADE LAST1:1 --loc WH)
b=$(ORDO_USER=clerk1 "$ORDO" order new HZTEA LAST1:1 --loc WH)
TMA="tmux -L ordo-$$-tuiA"
TMB="tmux -L ordo-$$-tuiB"
for s in A B; do
	eval "tm=\$TM$s"
	$tm -f "$T/tmux.conf" new-session -d -x 80 -y 24 "env TERM=screen \
	    LANG=C.UTF-8 ORDO_DB='$ORDO_DB' ORDO_CONFIG='$ORDO_CONFIG' \
	    ORDO_USER=clerk1 ORDO_NOW='$ORDO_NOW' '$ORDO'; sleep 600"
done
for s in A B; do
	eval "tm=\$TM$s"; [ $s = A ] && o=$a || o=$b
	i=0; until $tm capture-pane -p | grep -q Quit || [ $i -gt 100 ]; do
		sleep 0.05; i=$((i + 1)); done
	$tm send-keys Enter
	i=0; until $tm capture-pane -p | grep -q "row 1" || [ $i -gt 100 ]; do
		sleep 0.05; i=$((i + 1)); done
	$tm send-keys /; $tm send-keys -l "$o"
	sleep 0.3
	$tm send-keys Enter Enter
	i=0; until $tm capture-pane -p | grep -q History || [ $i -gt 100 ]; do
		sleep 0.05; i=$((i + 1)); done
done
$TMA send-keys c; $TMB send-keys c
sleep 1
sa=$($TMA capture-pane -p); sb=$($TMB capture-pane -p)
$TMA kill-server; $TMB kill-server
n_ok=0
case $sa in *"Order $a: confirmed"*) n_ok=$((n_ok + 1)) ;; esac
case $sb in *"Order $b: confirmed"*) n_ok=$((n_ok + 1)) ;; esac
same "one of two clerks gets the last unit" 1 "$n_ok"
case $sa$sb in
*"not enough stock"*|*"short"*) ok "the other is told why" ;;
*) not_ok "the other is told why" "$sa
$sb" ;;
esac
sta=$("$ORDO" order show "$a" | sed -n 's/^status: *//p')
stb=$("$ORDO" order show "$b" | sed -n 's/^status: *//p')
same "one confirmed, one still a draft" "confirmed draft" \
    "$(printf '%s\n%s\n' "$sta" "$stb" | sort | tr '\n' ' ' | sed 's/ $//')"
check "the books and stock still agree" "$ORDO" check
echo "1..$n"
