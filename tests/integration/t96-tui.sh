# The counter TUI, driven in tmux: main menu, orders list at 80 and 40
# columns, resize, a Chinese name aligned, search by a Chinese character,
# Chinese screens from LANG alone, TERM=vt100 without colour, another
# clerk's order appearing on an open list, and the terminal restored
# and the process gone after a hangup.  Whole screens are compared with
# tests/integration/tui/*.screen.
. "$ORDO_TOP/tests/lib.sh"
. "$ORDO_TOP/tests/tui-lib.sh"

"$ORDO" init --demo >/dev/null || exit 1
"$ORDO" customer add LINMEI "林梅 Lin Mei" --phone "139 0000 1111" >/dev/null
"$ORDO" order new LIWEI TEA-LJ-100:1 >/dev/null
"$ORDO" order new HZTEA TEA-LJ-250:2 >/dev/null
"$ORDO" order new LINMEI TEA-LJ-100:2 >/dev/null
"$ORDO" order confirm 2 >/dev/null

# Main menu.
tui_start 80 24
tui_screen menu "Quit"

# Orders list, newest first; status words; the Chinese names line up.
tui_keys Enter
tui_screen orders-80 "row 1"
tui_keys Down Down
tui_screen orders-80-row3 "row 3"

# Resize: bigger, smaller, back; too small says so.
# Each waits for its own layout: tmux shows the old screen cut to the new
# size at once, and a loaded machine may take a while to redraw.
$TM resize-window -x 100 -y 40
tui_screen orders-100x40 "Orders                                            clerk1"
$TM resize-window -x 60 -y 20
tui_screen orders-60x20 "Order Status    Name"
$TM resize-window -x 40 -y 20
tui_screen orders-40x20 "Order Status         Total"
$TM resize-window -x 20 -y 5
tui_screen too-small "Terminal too small"
$TM resize-window -x 80 -y 24
tui_screen orders-80-row3 "row 3"

# Another clerk's order appears on the open list without a key.
"$ORDO" order new JADE TEA-LJ-50:1 >/dev/null
tui_screen orders-80-new "JADE"

# Search by a Chinese character: that customer's orders.
tui_keys /
tui_type "林梅"
tui_screen search-lin "LINMEI"
tui_keys Enter
tui_screen search-lin-kept "customer=LINMEI"
tui_keys Escape q q
tui_wait "EXIT=0" && ok "q q quits with 0" || not_ok "q q quits" "$(tui_cap)"

# Help from the action table.
tui_start 80 24
tui_wait "Quit"
tui_keys Enter
tui_wait "row 1"
tui_keys ?
tui_screen help-orders "Filter"
tui_keys q q q
tui_wait "EXIT=0" || not_ok "leave help" "$(tui_cap)"

# Chinese screens from LANG alone (only C.UTF-8 is needed).
tui_start 80 24 LANG=zh_CN.UTF-8 LANGUAGE=
tui_screen menu-zh "主菜单"
tui_keys Enter
tui_screen orders-zh "行"
tui_keys q q

# A vt100 without colour, and NO_COLOR: words and attributes only.
TUI_TERM=vt100 tui_start 80 24 NO_COLOR=1
tui_keys Enter
tui_screen orders-vt100 "row 1"
cap=$($TM capture-pane -p -e)
case $cap in *'[3'[0-7]'m'*|*'[9'[0-7]'m'*) not_ok "vt100: no colour" "$cap" ;;
*) ok "vt100: no colour" ;; esac
tui_keys q q
tui_wait "EXIT=0" && ok "vt100: quits" || not_ok "vt100: quits" "$(tui_cap)"

# A hangup: the process exits at once and does not spin.
tui_start 80 24
tui_wait "Quit"
pid=$(pgrep -f "^$ORDO\$" -P "$($TM display-message -p '#{pane_pid}')" |
    head -n 1)
if [ -n "$pid" ]; then
	kill -HUP "$pid"
	tui_wait "EXIT=3" && ok "SIGHUP: exits" || not_ok "SIGHUP: exits" \
	    "$(tui_cap)"
else
	not_ok "SIGHUP: found the process"
fi
# Paging at the boundaries over 53 orders: End, Home, a page down, one
# row up across the page's top, a filter's count.
i=0
while [ $i -lt 49 ]; do
	"$ORDO" order new HZTEA TEA-LJ-100:1 >/dev/null
	i=$((i + 1))
done
tui_start 80 24
tui_wait "Quit"
tui_keys Enter
tui_wait "row 1 of 53" && ok "paging: row 1 of 53" ||
    not_ok "paging: row 1 of 53" "$(tui_cap)"
tui_keys End
tui_screen orders-end "row 53 of 53"
tui_keys Home
tui_wait "row 1 of 53" && ok "paging: Home" || not_ok "paging: Home" "$(tui_cap)"
tui_keys PageDown
tui_wait "row 21 of 53" && ok "paging: a page down" ||
    not_ok "paging: a page down" "$(tui_cap)"
tui_keys Up
tui_screen orders-up-across "row 20 of 53"
tui_keys f
tui_wait "Filter:"
tui_type "confirmed"; tui_keys Enter
tui_wait "row 1 of 1  status=confirmed" && ok "filter: counted" ||
    not_ok "filter: counted" "$(tui_cap)"
tui_keys q q
echo "1..$n"
