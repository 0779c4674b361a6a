#!/bin/sh
# t50-money: invoices, payments, prepayments and their allocation, the
# customer statement, receivables ageing and the trial balance, checked
# to the cent against figures worked out by hand below.  ORDO_NOW fixes
# the date of every event.
. "${ORDO_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"

# csv: RFC 4180 on stdin -> one record a line, fields split by TAB.
csv() {
	awk '{
		sub(/\r$/, "")
		n = length($0)
		for (i = 1; i <= n; i++) {
			c = substr($0, i, 1)
			if (inq) {
				if (c == "\"") {
					if (substr($0, i + 1, 1) == "\"") {
						f = f "\""; i++
					} else
						inq = 0
				} else
					f = f c
			} else if (c == "\"")
				inq = 1
			else if (c == ",") {
				r = r f "\t"; f = ""
			} else
				f = f c
		}
		if (inq) { f = f "\n"; next }
		print r f; r = ""; f = ""
	}'
}
# pick K V C: column C of the TAB record (header first) whose K is V.
pick() {
	awk -F '\t' -v k="$1" -v v="$2" -v c="$3" '
	NR == 1 { for (i = 1; i <= NF; i++) h[$i] = i; next }
	$h[k] == v { print $h[c] }'
}
at() {	# at DATE CMD...: run ordo on DATE
	d=$1; shift
	ORDO_NOW=$d "$ORDO" "$@"
}
# sell DATE CUSTOMER LINES...: new, confirm, ship on DATE; prints
# "ORDER INVOICE AMOUNT" (the invoice that the shipment wrote).
sell() {
	d=$1; shift
	on=$(at "$d" order new "$@" 2>&1) &&
	    at "$d" order confirm "$on" >/dev/null 2>&1 &&
	    out=$(at "$d" order ship "$on" 2>&1) || { echo "sell $*: $on $out" >&2;
	    echo "x x x"; return; }
	echo "$on $(echo "$out" | sed -n 's/.*invoice \([0-9]*\): *\([-0-9.]*\).*/\1 \2/p')"
}
# tbal: the trial balance as "CODE BALANCE" lines (debit - credit), and
# "total T" (in fen) at the end.
tbal() {
	"$ORDO" ledger trial-balance --csv 2>&1 | csv | awk -F '\t' '
	function fen(s,  neg, m) {
		neg = sub(/^-/, "", s); split(s, m, ".")
		s = m[1] * 100 + substr(m[2] "00", 1, 2)
		return neg ? -s : s
	}
	NR == 1 { for (i = 1; i <= NF; i++) h[$i] = i; next }
	{ v = fen($h["debit"]) - fen($h["credit"]); t += v
	  printf "%s %s%d.%02d\n", $h["code"], v < 0 ? "-" : "",
	      int((v < 0 ? -v : v) / 100), (v < 0 ? -v : v) % 100 }
	END { if (NR > 1) printf "total %d\n", t }'
}
tb() {	# tb CODE: the account's balance in the trial balance
	tbal | awk -v c="$1" '$1 == c { print $2 }'
}

# Setup on 2024-01-01/02.  P1 100.00 at the default 13% tax, P2 45.50 at
# 9%.  Stock: 100 P1 at 60.00, 100 P2 at 20.00 (payable 8000.00).
ok=0
at 2024-01-01 init >/dev/null 2>&1 &&
at 2024-01-02 item add P1 "Tea P1" --price 100.00 >/dev/null 2>&1 &&
at 2024-01-02 item add P2 "Tea P2" --price 45.50 --tax 9 >/dev/null 2>&1 &&
at 2024-01-02 customer add ACME "Acme Tea Rooms" >/dev/null 2>&1 &&
at 2024-01-02 customer add BETA "Beta Bakery" >/dev/null 2>&1 &&
at 2024-01-02 customer add GAMMA "Gamma Gifts" >/dev/null 2>&1 &&
at 2024-01-02 stock receive P1 100 --cost 60.00 >/dev/null 2>&1 &&
at 2024-01-02 stock receive P2 100 --cost 20.00 >/dev/null 2>&1 && ok=1
same "setup" 1 "$ok"

# 1. Invoice 1, 2024-01-10: ACME 2 x P1 = 200.00 + 13% 26.00 = 226.00.
set -- $(sell 2024-01-10 ACME P1:2) x x x
i1=$2
same "invoice for order 1 is 226.00" "226.00" "$3"

# 2. Payment against that invoice, 2024-01-20, by bank.
check "pay ACME 226.00 by bank" at 2024-01-20 pay ACME 226.00 --method bank \
    --ref TT-0120
check "allocate it to invoice $i1" at 2024-01-20 allocate ACME "$i1"
out=$("$ORDO" customer list --csv 2>&1 | csv | pick code ACME balance)
same "ACME owes nothing" "0.00" "$out"

# 3. A prepayment, 2024-01-25, cash 100.00: ACME is 100.00 in credit.
check "prepayment ACME 100.00 cash" at 2024-01-25 pay ACME 100.00 \
    --method cash --prepayment
same "prepayments account 2203 holds it" "-100.00" "$(tb 2203)"

# 4. Invoice 2, 2024-02-05: ACME 1 x P1 + 2 x P2
#    net 100.00 + 91.00 = 191.00; tax 13.00 + 8.19 (91.00 x 9%) = 21.19;
#    total 212.19.
set -- $(sell 2024-02-05 ACME P1:1 P2:2) x x x
same "invoice 2 is 212.19" "212.19" "$3"

# 5. The prepayment is applied to it, 2024-02-06: open 212.19 - 100.00 =
#    112.19; prepayments back to 0.
check "allocate ACME (applies the prepayment)" at 2024-02-06 allocate ACME
same "prepayments account 2203 is 0 again" "0.00" "$(tb 2203)"

# 6. Invoice 3, 2024-03-01: 1 x P2: 45.50 + 9% 4.095 -> 4.10 (half away
#    from zero) = 49.60.  Invoice 4, 2024-03-05: 1 x P1 = 113.00.
set -- $(sell 2024-03-01 ACME P2:1) x x x
same "invoice 3 is 49.60 (tax 4.095 rounded to 4.10)" "49.60" "$3"
set -- $(sell 2024-03-05 ACME P1:1) x x x
same "invoice 4 is 113.00" "113.00" "$3"

# 7. 150.00 by card, 2024-03-10, allocated oldest first: invoice 2 takes
#    112.19 (open 0), invoice 3 takes 37.81 (open 49.60 - 37.81 = 11.79),
#    invoice 4 stays 113.00.  ACME owes 11.79 + 113.00 = 124.79.
check "pay ACME 150.00 by card" at 2024-03-10 pay ACME 150.00 --method card
check "allocate ACME oldest first" at 2024-03-10 allocate ACME
same "ACME owes 124.79" "124.79" \
    "$("$ORDO" customer list --csv 2>&1 | csv | pick code ACME balance)"

# 8. BETA: invoice 5, 2024-03-12, 1 x P2 = 49.60; pays 30.00 cash on
#    03-15.  GAMMA prepays 50.00 by bank on 03-15 and has no invoice.
#    allocate --all on 03-16: invoice 5 open 49.60 - 30.00 = 19.60; GAMMA
#    keeps 50.00 of credit.
set -- $(sell 2024-03-12 BETA P2:1) x x x
same "invoice 5 is 49.60" "49.60" "$3"
check "pay BETA 30.00 cash" at 2024-03-15 pay BETA 30.00 --method cash
check "prepayment GAMMA 50.00 bank" at 2024-03-15 pay GAMMA 50.00 \
    --method bank --prepayment
check "allocate --all" at 2024-03-16 allocate --all
same "BETA owes 19.60" "19.60" \
    "$("$ORDO" customer list --csv 2>&1 | csv | pick code BETA balance)"

# 9. ACME's statement for Q1 2024:
#    opening 0.00
#    invoiced 226.00 + 212.19 + 49.60 + 113.00 = 600.79
#    paid     226.00 + 100.00 + 150.00         = 476.00
#    closing  600.79 - 476.00                  = 124.79
out=$(at 2024-03-31 statement ACME --from 2024-01-01 --to 2024-03-31 2>&1)
rc=$?
same "statement exits 0" 0 "$rc"
for fig in 600.79 476.00 124.79 226.00 212.19 49.60 113.00 100.00 150.00; do
	has "statement shows $fig" "$fig" "$out"
done
at 2024-03-31 statement ACME --from 2024-01-01 --to 2024-03-31 --csv 2>&1 |
    csv >"$T/st"
# The running balance: 226.00, 0.00, -100.00, 112.19, 161.79, 274.79,
# 124.79 (the last row is the closing balance).
same "statement --csv running balances" \
    "226.00 0.00 -100.00 112.19 161.79 274.79 124.79" \
    "$(awk -F '\t' 'NR == 1 { for (i = 1; i <= NF; i++) h[$i] = i; next }
    $h["balance"] != "" { printf "%s ", $h["balance"] }' "$T/st" |
    sed 's/ $//')"
#    From 2024-02-01: opening 226.00 - 226.00 - 100.00 = -100.00 (credit);
#    invoiced 212.19 + 49.60 + 113.00 = 374.79; paid 150.00;
#    closing -100.00 + 374.79 - 150.00 = 124.79.
out=$(at 2024-03-31 statement ACME --from 2024-02-01 --to 2024-03-31 2>&1)
for fig in -100.00 374.79 150.00 124.79; do
	has "statement from 2024-02-01 shows $fig" "$fig" "$out"
done
case $out in
*226.00*) not_ok "statement from 2024-02-01 leaves out January's invoice" ;;
*) ok "statement from 2024-02-01 leaves out January's invoice" ;;
esac

# 10. Ageing (age = days since the invoice date).
#    On 2024-05-03 (ORDO_NOW, no --date):
#      ACME  invoice 3 11.79, 2024-03-01, 63 days -> 61-90
#            invoice 4 113.00, 2024-03-05, 59 days -> 31-60
#      BETA  invoice 5 19.60, 2024-03-12, 52 days -> 31-60
#      GAMMA credit -50.00
aging() {	# aging CUSTOMER: its buckets as "cur 1-30 31-60 61-90 90+ cr total"
	awk -F '\t' -v c="$1" 'NR == 1 { for (i = 1; i <= NF; i++) h[$i] = i
	    next } $h["customer"] == c { print $h["current"], $h["1_30"],
	    $h["31_60"], $h["61_90"], $h["over_90"], $h["credit"], $h["total"] }'
}
at 2024-05-03 aging --csv 2>&1 | csv >"$T/ag"
same "ageing 2024-05-03, ACME" \
    "0.00 0.00 113.00 11.79 0.00 0.00 124.79" "$(aging ACME <"$T/ag")"
same "ageing 2024-05-03, BETA" \
    "0.00 0.00 19.60 0.00 0.00 0.00 19.60" "$(aging BETA <"$T/ag")"
same "ageing 2024-05-03, GAMMA (credit)" \
    "0.00 0.00 0.00 0.00 0.00 -50.00 -50.00" "$(aging GAMMA <"$T/ag")"
#    On 2024-06-01 (--date): invoice 3 is 92 days old -> over 90;
#    invoice 4 88 days -> 61-90; invoice 5 81 days -> 61-90.
"$ORDO" aging --date 2024-06-01 --csv 2>&1 | csv >"$T/ag2"
same "ageing 2024-06-01, ACME" \
    "0.00 0.00 0.00 113.00 11.79 0.00 124.79" "$(aging ACME <"$T/ag2")"
same "ageing 2024-06-01, BETA" \
    "0.00 0.00 0.00 19.60 0.00 0.00 19.60" "$(aging BETA <"$T/ag2")"
#    On 2024-03-12 (--date): invoice 5 of that day is current; invoice 4
#    is 7 days old, invoice 3 11 days old.
"$ORDO" aging --date 2024-03-12 --csv 2>&1 | csv >"$T/ag3"
same "ageing 2024-03-12, BETA is current" \
    "19.60 0.00 0.00 0.00 0.00 0.00 19.60" "$(aging BETA <"$T/ag3")"
same "ageing 2024-03-12, ACME is 1-30" \
    "0.00 124.79 0.00 0.00 0.00 0.00 124.79" "$(aging ACME <"$T/ag3")"

# 11. Trial balance, every account worked out:
#    1001 cash     100.00 (ACME prepayment) + 30.00 (BETA)    =   130.00
#    1002 bank     226.00 (ACME) + 50.00 (GAMMA prepayment)   =   276.00
#    1012 card     150.00 (ACME)                              =   150.00
#    1122 AR       ACME 124.79 + BETA 19.60                   =   144.39
#    1405 stock    8000.00 - cost of goods sold 320.00        =  7680.00
#    2202 payable  100 x 60.00 + 100 x 20.00                  = -8000.00
#    2203 prepaid  GAMMA                                      =   -50.00
#    2221 tax      26.00 + 21.19 + 4.10 + 13.00 + 4.10        =   -68.39
#    5001 revenue  200.00 + 191.00 + 45.50 + 100.00 + 45.50   =  -582.00
#    5401 COGS     P1 4 x 60.00 + P2 4 x 20.00                =   320.00
#    sum: 130 + 276 + 150 + 144.39 + 7680 + 320
#         - 8000 - 50 - 68.39 - 582 = 0
tbal >"$T/tb"
same "trial balance, account by account" \
    "1001=130.00 1002=276.00 1012=150.00 1122=144.39 1405=7680.00 2202=-8000.00 2203=-50.00 2221=-68.39 5001=-582.00 5401=320.00 " \
    "$(awk '$1 != "total" && $2 != "0.00" { printf "%s=%s ", $1, $2 }' \
    "$T/tb")"
same "trial balance total is 0" 0 "$(awk '$1 == "total" { print $2 }' "$T/tb")"
out=$("$ORDO" ledger trial-balance 2>&1); rc=$?
same "trial balance (text) exits 0" 0 "$rc"
# P&L for the quarter: revenue 582.00, cost 320.00, profit 262.00.
out=$("$ORDO" ledger pnl --from 2024-01-01 --to 2024-03-31 2>&1)
has "pnl shows the profit 262.00" "262.00" "$out"

# 12. GAMMA gets 20.00 of its 50.00 back in cash on 2024-06-02: its
#     credit is -50.00 + 20.00 = -30.00; cash 130.00 - 20.00 = 110.00.
check "refund GAMMA 20.00 cash" at 2024-06-02 refund GAMMA 20.00 --method cash
"$ORDO" aging --date 2024-06-02 --csv 2>&1 | csv >"$T/ag4"
same "ageing after the refund, GAMMA" \
    "0.00 0.00 0.00 0.00 0.00 -30.00 -30.00" "$(aging GAMMA <"$T/ag4")"
same "cash after the refund" "110.00" "$(tb 1001)"
same "trial balance total still 0" 0 "$(tbal | awk '$1 == "total" { print $2 }')"

# 13. Refused money operations.
refuse "pay a negative amount: exit 2" 2 "$ORDO" pay ACME -5.00
refuse "pay zero: exit 2" 2 "$ORDO" pay ACME 0
refuse "pay an unknown customer: exit 2" 2 "$ORDO" pay NOBODY 5.00
refuse "pay with an unknown method: exit 2" 2 "$ORDO" pay ACME 5.00 \
    --method cheque
refuse "allocate to an unknown invoice: exit 2" 2 "$ORDO" allocate ACME 999
same "nothing changed the receivables" "144.39" "$(tb 1122)"
out=$("$ORDO" check 2>&1); rc=$?
if [ $rc -eq 0 ]; then ok "check clean"; else not_ok "check clean" "$out"; fi
