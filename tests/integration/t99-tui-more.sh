# More of the counter TUI: Tab completion of SKUs and customer codes in
# ordo shell and in the TUI's prompts; a resize in the middle of typing
# keeps what was typed; keys.yaml rebinds an action and a clash is
# refused before the screen opens; an unknown TERM and no terminal are
# refused with a message.
. "$ORDO_TOP/tests/lib.sh"
. "$ORDO_TOP/tests/tui-lib.sh"

"$ORDO" init --demo >/dev/null || exit 1

# ordo shell: customer codes and SKUs complete.
tui_stop
TUI_N=$((TUI_N + 1)); TM="tmux -L ordo-$$-tui$TUI_N"
printf 'set -g status off\n' > "$T/tmux.conf"
$TM -f "$T/tmux.conf" new-session -d -x 100 -y 30 "env TERM=screen \
    ORDO_DB='$ORDO_DB' ORDO_CONFIG='$ORDO_CONFIG' ORDO_USER=clerk1 \
    HOME='$T' '$ORDO' shell; sleep 600"
tui_wait "ordo>"
tui_type "customer show LIW"; tui_keys Tab
tui_wait "customer show LIWEI" && ok "shell: a customer code completes" ||
    not_ok "shell: a customer code completes" "$(tui_cap)"
tui_keys Enter
tui_wait "138 1234 5678" && ok "shell: the completed command runs" ||
    not_ok "shell: the completed command runs" "$(tui_cap)"
tui_type "item show TEA-LJ-2"; tui_keys Tab
tui_wait "item show TEA-LJ-250" && ok "shell: a SKU completes" ||
    not_ok "shell: a SKU completes" "$(tui_cap)"
tui_keys C-u
tui_type "exit"; tui_keys Enter

# The TUI's filter prompt completes status words.
tui_start 80 24
tui_wait "Quit"
tui_keys Enter
tui_wait "row"
tui_keys f
tui_wait "Filter:"
tui_type "conf"; tui_keys Tab
tui_wait "Filter: confirmed" && ok "TUI prompt: Tab completes" ||
    not_ok "TUI prompt: Tab completes" "$(tui_cap)"
tui_keys Escape q

# Customers: a page by code with what each owes; a search; Enter shows
# that customer's orders.
"$ORDO" order new LIWEI TEA-LJ-100:1 >/dev/null
tui_keys 3
tui_screen customers "Owes"
tui_keys /
tui_type "李"; tui_keys Enter
tui_wait "/李"
tui_keys Enter
tui_screen customer-orders "customer=LIWEI"
tui_keys q q

# Items & stock: stock summed over the locations, low stock marked; a
# search by SKU prefix.
tui_keys 4
tui_screen items "On hand"
tui_keys /
tui_type "TEA-LJ"; tui_keys Enter
tui_screen items-search "/TEA-LJ"
tui_keys q

# A resize while typing in the new order form keeps the text; and one
# while the screen asks about the draft.
tui_keys n
tui_wait "Continue your draft order"
$TM resize-window -x 90 -y 30
tui_wait "Continue your draft order"
$TM resize-window -x 80 -y 24
tui_keys n
tui_wait "Customer"
tui_type "138 1234"
$TM resize-window -x 100 -y 30
tui_wait "Customer  138 1234" && ok "resize keeps typed text (100x30)" ||
    not_ok "resize keeps typed text (100x30)" "$(tui_cap)"
$TM resize-window -x 50 -y 12
tui_wait "Terminal too small" && ok "new order: too small below 60x16" ||
    not_ok "new order: too small below 60x16" "$(tui_cap)"
$TM resize-window -x 80 -y 24
tui_wait "Customer  138 1234" && ok "resize back keeps typed text" ||
    not_ok "resize back keeps typed text" "$(tui_cap)"
tui_type " 5678"; tui_keys Enter
tui_wait "LIWEI 李伟" && ok "the field still works after resizes" ||
    not_ok "the field still works after resizes" "$(tui_cap)"
tui_keys C-x q
tui_wait "EXIT=0" || not_ok "quit" "$(tui_cap)"

# keys.yaml beside the configuration rebinds; a clash is refused.
mkdir -p "$T/cfg"
cp "$ORDO_CONFIG" "$T/cfg/ordo.yaml"
printf 'keys:\n  filter: F\n' > "$T/cfg/keys.yaml"
ORDO_CONFIG="$T/cfg/ordo.yaml" tui_start 80 24 \
    ORDO_CONFIG="$T/cfg/ordo.yaml"
tui_wait "Quit"
tui_keys Enter
tui_wait "F Filter" && ok "keys.yaml: the key line shows the new key" ||
    not_ok "keys.yaml: the key line shows the new key" "$(tui_cap)"
tui_keys F
tui_wait "Filter:" && ok "keys.yaml: the new key works" ||
    not_ok "keys.yaml: the new key works" "$(tui_cap)"
tui_keys Escape q q
printf 'keys:\n  pick: c\n' > "$T/cfg/keys.yaml"
ORDO_CONFIG="$T/cfg/ordo.yaml" tui_start 80 24 \
    ORDO_CONFIG="$T/cfg/ordo.yaml"
tui_wait "EXIT=2" && ok "keys.yaml: a clash is refused" ||
    not_ok "keys.yaml: a clash is refused" "$(tui_cap)"
has "keys.yaml: the clash is named" "confirm and pick share the key c" \
    "$(tui_cap)"

# An unknown terminal type and no terminal: a message, exit 2.
TUI_TERM=nosuchterm tui_start 80 24
tui_wait "EXIT=2" && ok "unknown TERM refused" ||
    not_ok "unknown TERM refused" "$(tui_cap)"
has "unknown TERM named" "unknown terminal type nosuchterm" "$(tui_cap)"
refuse "ordo tui without a terminal" 2 "$ORDO" tui
echo "1..$n"
