# The report screens, driven in tmux: a clerk is told that the books,
# the day summary and statements need a manager (the core's gate, issue
# 11), a manager sees the day summary (also at 40x20, and in Chinese),
# the trial balance, the ageing and a customer's statement for a period,
# and Enter on a statement row opens its order; the backorders list, and
# c reserving what has come in.
. "$ORDO_TOP/tests/lib.sh"
. "$ORDO_TOP/tests/tui-lib.sh"

"$ORDO" init --demo >/dev/null || exit 1
for o in "TEA-LJ-100:2" "TEA-LJ-250:1"; do
	id=$("$ORDO" order new LIWEI "$o") || exit 1
	"$ORDO" order confirm "$id" >/dev/null || exit 1
	"$ORDO" order ship "$id" >/dev/null || exit 1
done
"$ORDO" pay LIWEI 200 --method card >/dev/null || exit 1
"$ORDO" allocate LIWEI >/dev/null || exit 1
# TEA-LJ-50 has 2 at MAIN, which takes backorders: 3 are backordered.
bo=$("$ORDO" order new HZTEA TEA-LJ-50:5) || exit 1
"$ORDO" order confirm "$bo" >/dev/null || exit 1

# A clerk: the reports that read the books say who may read them.
tui_start 80 24
tui_wait "Quit"
tui_keys 8
tui_screen reports-menu "Customer statement"
tui_keys 2
tui_screen reports-tb-clerk "needs a manager or an admin"
tui_keys q 1
tui_wait "reading the day summary needs a manager" &&
    ok "clerk: the day summary needs a manager" ||
    not_ok "clerk: the day summary needs a manager" "$(tui_cap)"
tui_keys q 3
tui_wait "reading the ageing needs a manager" &&
    ok "clerk: the ageing needs a manager" ||
    not_ok "clerk: the ageing needs a manager" "$(tui_cap)"
tui_keys q 4
tui_wait "Customer (code, name or phone):"
tui_type "LIWEI"; tui_keys Enter
tui_wait "needs a manager" && ok "clerk: a statement needs a manager" ||
    not_ok "clerk: a statement needs a manager" "$(tui_cap)"
not_has "clerk: no statement line shown" "invoice 1" "$(tui_cap)"

# The backorders list; stock comes in and c reserves it.
tui_keys q q 6
tui_screen backorders "Backordered lines"
"$ORDO" stock receive TEA-LJ-50 10 --cost 20 >/dev/null
tui_keys c
tui_wait "reserved what has come in" && ok "c reserves what came in" ||
    not_ok "c reserves what came in" "$(tui_cap)"
tui_wait "Nothing is backordered." && ok "the list empties" ||
    not_ok "the list empties" "$(tui_cap)"
out=$("$ORDO" order show "$bo")
has "CLI: the line is reserved in full" "TEA-LJ-50               5        5" \
    "$out"
tui_keys q q
tui_wait "EXIT=0" || not_ok "quit" "$(tui_cap)"

# A manager.
ORDO_USER=mgr1 tui_start 80 24
tui_wait "Quit"
tui_keys 8 1
tui_screen reports-day "Gross margin"
tui_keys q 2
tui_screen reports-tb "Debits equal credits"
tui_keys q 3
tui_screen reports-aging "by age in days"
tui_keys q 4
tui_wait "Customer (code, name or phone):"
tui_type "李伟"; tui_keys Enter
tui_screen reports-statement "closing"
# A period: from the day of the payment on; the opening balance moves.
tui_keys d
tui_wait "From"
tui_type "2026-03-02"; tui_keys Enter
tui_wait "To"
tui_type "2026-03-02"; tui_keys Enter
tui_wait "2026-03-02 to 2026-03-02" && ok "statement: a period" ||
    not_ok "statement: a period" "$(tui_cap)"
tui_keys d
tui_wait "From"
tui_keys C-u; tui_type "2026-03-05"; tui_keys Enter
tui_wait "To"
tui_keys C-u; tui_type "2026-03-01"; tui_keys Enter
tui_wait "the period ends before it starts" &&
    ok "statement: a period upside down is refused" ||
    not_ok "statement: a period upside down is refused" "$(tui_cap)"
tui_keys Down Enter
tui_wait "Order 2 " && ok "Enter on a statement row opens its order" ||
    not_ok "Enter on a statement row opens its order" "$(tui_cap)"
tui_keys q q q q
tui_wait "EXIT=0" || not_ok "quit" "$(tui_cap)"

# A manager's phone: 40x20.
ORDO_USER=mgr1 tui_start 40 20
tui_wait "Quit"
tui_keys 8 1
tui_screen reports-day-40x20 "Gross margin"
tui_keys q q q
ORDO_USER=mgr1 tui_start 80 24 LANG=zh_CN.UTF-8
tui_wait "退出"
tui_keys 8 1
tui_screen reports-day-zh "毛利"
tui_keys q q q
echo "1..$n"
