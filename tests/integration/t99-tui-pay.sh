# The Payments screen, driven in tmux: a customer chosen by the start of
# the code (Tab completes), a payment allocated to the oldest invoice at
# once, a prepayment kept as credit, allocated to the chosen invoice with
# l; the books seen from the CLI agree; at 40x20 it still fits; in
# Chinese.
. "$ORDO_TOP/tests/lib.sh"
. "$ORDO_TOP/tests/tui-lib.sh"

"$ORDO" init --demo >/dev/null || exit 1
# Two shipped orders give LIWEI two invoices: 148.24 and 185.30.
for o in "TEA-LJ-100:2" "TEA-LJ-250:1"; do
	id=$("$ORDO" order new LIWEI "$o") || exit 1
	"$ORDO" order confirm "$id" >/dev/null || exit 1
	"$ORDO" order ship "$id" >/dev/null || exit 1
done

tui_start 80 24
tui_wait "Quit"
tui_keys 5
tui_wait "Customer (code, name or phone):"
# Escape leaves the screen without a customer; u asks again.
tui_keys Escape
tui_wait "No customer chosen" && ok "Escape: no customer, said how" ||
    not_ok "Escape: no customer, said how" "$(tui_cap)"
tui_keys '$'
tui_wait "first the customer" && ok "pay without a customer is refused" ||
    not_ok "pay without a customer is refused" "$(tui_cap)"
tui_keys u
tui_wait "Customer (code, name or phone):"
tui_type "LIW"; tui_keys Tab
tui_wait ": LIWEI"
tui_keys Enter
tui_screen pay-customer "Owes 333.54"

# A payment of 200.00: the amount asked starts at what is owed.
tui_keys '$'
tui_wait "Amount: 333.54" && ok "the amount offered is what is owed" ||
    not_ok "the amount offered is what is owed" "$(tui_cap)"
tui_keys C-u; tui_type "200"; tui_keys Enter
tui_wait "Method"
tui_keys Enter
tui_wait "Reference"
tui_keys Enter
tui_screen pay-paid "Payment 1: 200.00"
out=$("$ORDO" customer list --search LIWEI)
has "CLI: the balance fell by the payment" "133.54" "$out"
out=$(ORDO_USER=mgr1 "$ORDO" statement LIWEI)
has "CLI: the payment is on the statement" "payment 1" "$out"

# A prepayment is kept as credit; l allocates it to the selected invoice.
tui_keys +
tui_wait "Prepayment amount:"
tui_type "50"; tui_keys Enter
tui_wait "Method"
tui_keys C-u; tui_type "bank"; tui_keys Enter
tui_wait "Reference"
tui_type "WeChat 889"; tui_keys Enter
tui_screen pay-prepaid "kept as credit"
tui_keys l
tui_screen pay-allocated "50.00 allocated"
tui_keys l
tui_wait "Nothing to allocate" && ok "nothing left to allocate: said so" ||
    not_ok "nothing left to allocate: said so" "$(tui_cap)"
out=$("$ORDO" customer list --search LIWEI)
has "CLI: what is owed after the prepayment" "83.54" "$out"

# Another clerk's payment shows without a key.
"$ORDO" pay LIWEI 3.54 --ref "till 2" >/dev/null
tui_wait "till 2" && ok "another clerk's payment appears" ||
    not_ok "another clerk's payment appears" "$(tui_cap)"
tui_keys o
tui_wait "3.54 allocated"
tui_keys q q
tui_wait "EXIT=0" || not_ok "quit" "$(tui_cap)"

# A phone's 40x20 and Chinese.
tui_start 40 20
tui_wait "Quit"
tui_keys 5
tui_wait "Customer"
tui_type "LIWEI"; tui_keys Enter
tui_screen pay-40x20 "Owes 80.00"
tui_keys q q
tui_start 80 24 LANG=zh_CN.UTF-8
tui_wait "退出"
tui_keys 5
tui_wait "客户"
tui_type "LIWEI"; tui_keys Enter
tui_screen pay-zh "欠款 80.00"
tui_keys q q
check "the books still agree" "$ORDO" check
echo "1..$n"
