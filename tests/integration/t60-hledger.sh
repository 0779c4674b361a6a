#!/bin/sh
# t60-hledger: hledger as an independent check of the books.  A small
# book (receipts, orders, partial shipments, a cancelled rest, payments,
# a prepayment, a return, a stocktake) is exported with "ordo export
# journal"; hledger (1.25) must accept it (balanced entries, the balance
# assertions ordo writes, dates in order, every account and commodity
# declared) and its balance of every account must equal ordo's trial
# balance to the cent.
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
at() {	# at DATE CMD...: run ordo on DATE
	d=$1; shift
	ORDO_NOW=$d "$ORDO" "$@"
}
steps=
step() {	# step DATE ARGS...: one event of the book; remember failures
	out=$(at "$@" 2>&1) || steps="$steps
$*: $out"
	printf '%s\n' "$out"
}

if ! command -v hledger >/dev/null 2>&1; then
	not_ok "hledger is installed (make deps)"
	exit 0
fi

# 1. The book.
step 2024-04-01 init >/dev/null
step 2024-04-01 item add X "Tea X 茶叶" --price 80.00 >/dev/null
step 2024-04-01 item add Y "Cup Y; glazed" --price 12.50 --tax 9 >/dev/null
step 2024-04-01 item add Z "Pot Z" --price 5.00 --backorder >/dev/null
step 2024-04-01 customer add C1 "Customer One" >/dev/null
step 2024-04-01 customer add C2 "客户二" >/dev/null
step 2024-04-01 stock receive X 20 --cost 41.00 --ref "PO-1" >/dev/null
step 2024-04-02 stock receive Y 50 --cost 6.20 >/dev/null
step 2024-04-03 stock receive X 5 --cost 43.00 >/dev/null
o1=$(step 2024-04-05 order new C1 X:3 Y:4)
step 2024-04-05 order confirm "$o1" >/dev/null
step 2024-04-06 order ship "$o1" 1:2 >/dev/null
step 2024-04-08 order ship "$o1" >/dev/null
step 2024-04-10 pay C1 100.00 --method bank --ref "TT 1" >/dev/null
step 2024-04-10 allocate C1 >/dev/null
o2=$(step 2024-04-11 order new C2 X:1 Z:2 --shipping 15.00)
step 2024-04-11 order confirm "$o2" >/dev/null
step 2024-04-12 order ship "$o2" >/dev/null
step 2024-04-13 order cancel "$o2" --reason "Z not coming" >/dev/null
step 2024-04-15 order return "$o1" 1:1 2:1:scrap --reason broken >/dev/null
step 2024-04-16 pay C2 50.00 --prepayment --method cash >/dev/null
step 2024-04-17 allocate --all >/dev/null
step 2024-04-18 stock adjust Y 44 --reason "stocktake" >/dev/null
step 2024-04-19 stock transfer X 2 --from MAIN --to WH >/dev/null
step 2024-04-20 pay C1 20.00 --method card >/dev/null
if [ -z "$steps" ]; then ok "the book: 24 events recorded"
else not_ok "the book: 24 events recorded" "$steps"; fi

# 2. Export.
F=$T/book.journal
out=$("$ORDO" export journal -o "$F" 2>&1); rc=$?
if [ $rc -eq 0 ] && [ -s "$F" ]; then ok "export journal -o F"
else not_ok "export journal -o F" "exit $rc: $out"; fi
"$ORDO" export journal >"$T/stdout.journal" 2>/dev/null
if cmp -s "$F" "$T/stdout.journal"; then ok "export journal to stdout is the same"
else not_ok "export journal to stdout is the same"; fi

# 3. hledger checks it.
out=$(hledger -f "$F" check 2>&1); rc=$?
if [ $rc -eq 0 ] && [ -z "$out" ]; then ok "hledger check (default checks)"
else not_ok "hledger check (default checks)" "exit $rc: $out"; fi
out=$(hledger -f "$F" check ordereddates 2>&1); rc=$?
if [ $rc -eq 0 ]; then ok "hledger check ordereddates"
else not_ok "hledger check ordereddates" "exit $rc: $out"; fi
out=$(hledger -f "$F" check -s 2>&1); rc=$?
if [ $rc -eq 0 ]; then ok "hledger check --strict (accounts, commodities)"
else not_ok "hledger check --strict (accounts, commodities)" "exit $rc: $out"; fi
# One entry per event that moves money or stock value: 3 receipts, 3
# shipments, 1 return, 2 payments and the prepayment, the allocation of
# the prepayment (cash payments go to receivables at once, so their
# allocation posts nothing), the stocktake; the cancel and the transfer
# post nothing.
same "the journal has the 12 entries of the book" 12 \
    "$(grep -c '^20[0-9][0-9]-' "$F")"

# The checks above can fail: a copy with one amount changed must not pass.
awk '!done && /^    .*  -?[0-9]+\.[0-9][0-9] / {
	sub(/[0-9]\.[0-9][0-9] /, "9.99 "); done = 1 } { print }' "$F" \
    >"$T/bad.journal"
if ! cmp -s "$F" "$T/bad.journal" &&
    ! hledger -f "$T/bad.journal" check >/dev/null 2>&1; then
	ok "a tampered copy fails hledger check"
else
	not_ok "a tampered copy fails hledger check"
fi

# 4. hledger's balance of each account = ordo's trial balance.  Accounts
# are exported as TYPE:CODE NAME; the code is the first word after ':'.
hledger -f "$F" balance --flat --no-total -O csv 2>&1 | csv |
    awk -F '\t' 'NR > 1 { a = $1; sub(/^[^:]*:/, "", a); sub(/ .*/, "", a)
    b = $2; sub(/ *[A-Z][A-Z][A-Z] */, "", b)
    if (b != "0" && b != "0.00") print a, b }' | sort >"$T/hl"
"$ORDO" ledger trial-balance --csv 2>&1 | csv | awk -F '\t' '
	function fen(s,  neg, m) {
		neg = sub(/^-/, "", s); split(s, m, ".")
		s = m[1] * 100 + substr(m[2] "00", 1, 2)
		return neg ? -s : s
	}
	NR == 1 { for (i = 1; i <= NF; i++) h[$i] = i; next }
	{ v = fen($h["debit"]) - fen($h["credit"])
	  if (v != 0) printf "%s %s%d.%02d\n", $h["code"], v < 0 ? "-" : "",
	      int((v < 0 ? -v : v) / 100), (v < 0 ? -v : v) % 100 }' |
    sort >"$T/tb"
if [ -s "$T/tb" ] && cmp -s "$T/hl" "$T/tb"; then
	ok "hledger balance = ordo trial balance, $(wc -l <"$T/tb" |
	    tr -d ' ') accounts"
else
	not_ok "hledger balance = ordo trial balance" \
	    "$(diff "$T/tb" "$T/hl" 2>&1 | head -n 20)"
fi
same "hledger: the whole book sums to zero" 0 \
    "$(hledger -f "$F" balance -O csv 2>&1 | csv |
    awk -F '\t' '$1 ~ /[Tt]otal/ { b = $2; sub(/ *[A-Z]+ */, "", b);
    print b + 0 }')"
out=$("$ORDO" check 2>&1); rc=$?
if [ $rc -eq 0 ]; then ok "ordo check clean"; else not_ok "ordo check clean" "$out"; fi
