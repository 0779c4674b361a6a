# The quick-entry box of the counter's new-order screen, driven in tmux:
# a customer's message typed as a paste arrives (characters and Enters),
# its parse with the question it leaves (碧螺春 comes in three sizes),
# the message fixed, the lines added as a new draft, a second message
# added to that draft, the draft confirmed; then the same order from the
# CLI.  A message that still asks cannot be added, and ^X drops it.
. "$ORDO_TOP/tests/lib.sh"
. "$ORDO_TOP/tests/tui-lib.sh"

"$ORDO" init --demo >/dev/null || exit 1

tui_start 80 24
tui_wait "Quit" || not_ok "menu shows" "$(tui_cap)"
tui_keys n
tui_wait "Customer"
tui_keys C-e
tui_wait "Message"
tui_type "王老板：碧螺春 3盒"; tui_keys Enter
tui_type "六安瓜片 100g 2盒 @ 40"
tui_screen quick-question "? 1 ambiguous item"
# A message with a question is not added.
tui_keys C-o
tui_wait "question(s) left" ||
    not_ok "^O refused while a question is left" "$(tui_cap)"
same "nothing written while it asks" 0 \
    "$("$ORDO" order list --csv | tail -n +2 | wc -l)"
# Fixed: the size said.
tui_keys C-u
tui_type "王老板：碧螺春 250g 3盒"; tui_keys Enter
tui_type "六安瓜片 100g 2盒 @ 40"
tui_screen quick-resolved "Nothing to ask"
tui_keys C-o
tui_screen quick-added "2 line(s) from the message added to draft 1"
# A second message for the same draft; its customer is the screen's.
tui_keys C-e
tui_wait "Message"
tui_type "再来 铁观音 250g 两盒"
tui_wait "Nothing to ask" || not_ok "second message resolved" "$(tui_cap)"
tui_keys C-o
tui_wait "1 line(s) from the message added to draft 1" ||
    not_ok "second message added" "$(tui_cap)"
# A message dropped with ^X adds nothing.
tui_keys C-e
tui_wait "Message"
tui_type "碧螺春 50g 1盒"
tui_wait "Nothing to ask" || not_ok "third message resolved" "$(tui_cap)"
tui_keys C-x
tui_wait "draft 1, saved" || not_ok "^X goes back" "$(tui_cap)"
tui_keys C-o
tui_wait "Order 1 confirmed" || not_ok "the draft confirmed" "$(tui_cap)"

out=$("$ORDO" order show 1)
has "CLI: confirmed" "status:    confirmed" "$out"
has "CLI: for 王芳" "customer:  WANGF  王芳" "$out"
has "CLI: the fixed line, at the item's price" "3 x 130.00 = 390.00" "$out"
has "CLI: the line at the message's price" "2 x 40.00 = 80.00" "$out"
has "CLI: the second message's line" "   3 TEA-TGY-250" "$out"
not_has "CLI: the dropped message added nothing" "   4 " "$out"
has "CLI: made by the clerk" "by clerk1" "$out"

# In Chinese (LANG=zh_CN.UTF-8 on a system with only C.UTF-8).
tui_start 80 24 LANG=zh_CN.UTF-8
tui_wait "新订单" || not_ok "zh: the menu" "$(tui_cap)"
tui_keys n
tui_wait "快速录入"
tui_keys C-e
tui_wait "识别结果" || not_ok "zh: the box's labels" "$(tui_cap)"
# (碧螺春 would now be her usual 250g tin: 龙井 she has not ordered.)
tui_type "王老板：龙井 3盒"
tui_wait "商品不明确" && ok "zh: the question in Chinese" ||
    not_ok "zh: the question in Chinese" "$(tui_cap)"
tui_keys C-x
tui_wait "快速录入" || not_ok "zh: back" "$(tui_cap)"
tui_stop
