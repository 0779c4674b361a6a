#!/bin/sh
# t20-demo: "ordo init --demo" loads data/demo/ completely and exactly:
# every item, customer and opening stock line, the opening stock valued in
# the books; the check is clean; the low-stock list is the right one; and
# tests/demo.sh ("make run") works in a copy of the tree.
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
# cols A B ...: those columns of TAB records on stdin, TAB-separated, no
# header.
cols() {
	awk -F '\t' -v want="$*" 'NR == 1 {
		n = split(want, w, " ")
		for (j = 1; j <= n; j++) {
			for (i = 1; i <= NF; i++) if ($i == w[j]) k[j] = i
			if (!k[j]) { print "no column " w[j] ": " $0; exit 1 }
		}
		next
	} {
		s = $k[1]
		for (j = 2; j <= n; j++) s = s "\t" $k[j]
		print s
	}'
}
demo=$ORDO_TOP/data/demo

# 1. Load.
out=$("$ORDO" init --demo 2>&1); rc=$?
if [ $rc -eq 0 ]; then ok "init --demo"
else not_ok "init --demo" "exit $rc: $out"; fi

# 2. Every item, exactly as in items.csv.
csv <"$demo/items.csv" | cols sku name price barcode | sort >"$T/want-items"
"$ORDO" item list --csv 2>&1 | csv | cols sku name price barcode | sort \
    >"$T/got-items"
nitems=$(wc -l <"$T/want-items" | tr -d ' ')
if [ "$nitems" -ge 300 ]; then ok "the demo has $nitems items (300+)"
else not_ok "the demo has 300+ items" "only $nitems in items.csv"; fi
if cmp -s "$T/want-items" "$T/got-items"; then
	ok "item list --csv: all $nitems items with name, price, barcode"
else
	not_ok "item list --csv: all $nitems items with name, price, barcode" \
	    "$(diff "$T/want-items" "$T/got-items" | head -n 10)"
fi
out=$("$ORDO" item show TEA-LJ-250 2>&1)
has "item show TEA-LJ-250 has its Chinese name" "西湖龙井 250g" "$out"

# 3. Every customer.
csv <"$demo/customers.csv" | cols code name phone | sort >"$T/want-cust"
"$ORDO" customer list --csv 2>&1 | csv | cols code name phone |
    sed "s/	'/	/g" | sort >"$T/got-cust"
if cmp -s "$T/want-cust" "$T/got-cust"; then
	ok "customer list --csv: all $(wc -l <"$T/want-cust" | tr -d ' ') customers"
else
	not_ok "customer list --csv: all customers" \
	    "$(diff "$T/want-cust" "$T/got-cust" | head -n 10)"
fi
out=$("$ORDO" customer show WALKIN 2>&1); rc=$?
same "the walk-in customer WALKIN exists" 0 "$rc"

# 4. Every opening stock line: on hand per item and location.
csv <"$demo/stock.csv" | cols sku loc qty | sort >"$T/want-stock"
"$ORDO" stock list --csv 2>&1 | csv | cols sku loc on_hand |
    awk -F '\t' '$3 != 0' | sort >"$T/got-stock"
if [ -s "$T/want-stock" ] && cmp -s "$T/want-stock" "$T/got-stock"; then
	ok "stock list --csv: on hand = stock.csv for all $(wc -l \
	    <"$T/want-stock" | tr -d ' ') lines"
else
	not_ok "stock list --csv: on hand = stock.csv" \
	    "$(diff "$T/want-stock" "$T/got-stock" | head -n 10)"
fi
"$ORDO" stock list --csv 2>&1 | csv | cols reserved | sort -u >"$T/res"
same "nothing is reserved in the demo" "0" "$(cat "$T/res")"

# 5. The opening stock is in the books at its cost: inventory (1405) =
# sum(qty * unit_cost) of stock.csv, equity (3001) the opposite, and the
# trial balance sums to zero.
want=$(csv <"$demo/stock.csv" | cols qty unit_cost | awk -F '\t' '{
	split($2, m, "."); c = m[1] * 100 + substr(m[2] "00", 1, 2)
	v += $1 * c
} END { printf "%d.%02d", v / 100, v % 100 }')
# tbal: the trial balance as "CODE BALANCE" lines (debit - credit).
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
tbal >"$T/tb"
same "inventory 1405 = sum of stock.csv qty * unit_cost" "$want" \
    "$(awk '$1 == "1405" { print $2 }' "$T/tb")"
same "equity 3001 = - opening stock value" "-$want" \
    "$(awk '$1 == "3001" { print $2 }' "$T/tb")"
same "no other account moved" "" \
    "$(awk '$1 != "1405" && $1 != "3001" && $1 != "total" &&
    $2 != "0.00"' "$T/tb")"
same "trial balance sums to zero" 0 \
    "$(awk '$1 == "total" { print $2 }' "$T/tb")"

# 6. The check.
out=$("$ORDO" check 2>&1); rc=$?
if [ $rc -eq 0 ]; then has "check: no violation" "ok:" "$out"
else not_ok "check: no violation" "exit $rc: $out"; fi
has "check counts the demo's items" "$nitems items" "$out"

# 7. Low stock: exactly the items whose stock over all locations is at or
# below their reorder point (the sold-out ones included).
csv <"$demo/stock.csv" | cols sku qty >"$T/q"
csv <"$demo/items.csv" | cols sku reorder_point |
    awk -F '\t' 'NR == FNR { q[$1] += $2; next }
    q[$1] + 0 <= $2 + 0 { print $1 }' "$T/q" - | sort >"$T/want-low"
"$ORDO" stock list --low --csv 2>&1 | csv | cols sku | sort -u >"$T/got-low"
if [ -s "$T/got-low" ]; then ok "stock list --low is not empty"
else not_ok "stock list --low is not empty"; fi
if cmp -s "$T/want-low" "$T/got-low"; then
	ok "stock list --low: the $(wc -l <"$T/want-low" | tr -d ' ') items at or below reorder point"
else
	not_ok "stock list --low: the items at or below reorder point" \
	    "$(diff "$T/want-low" "$T/got-low" | head -n 10)"
fi
out=$("$ORDO" stock list --low 2>&1); rc=$?
if [ $rc -eq 0 ] && [ -n "$out" ]; then ok "stock list --low (text)"
else not_ok "stock list --low (text)" "exit $rc: $out"; fi

# 8. "ordo" alone, not on a terminal: a summary, exit 0.
out=$("$ORDO" </dev/null 2>&1); rc=$?
if [ $rc -eq 0 ]; then has "ordo with no command prints a summary" \
    "Harbour Street Trading" "$out"
else not_ok "ordo with no command prints a summary" "exit $rc: $out"; fi

# 9. tests/demo.sh ("make run") in a copy of the tree: creates the
# config's company (data/company) the first time, then just opens it.
mkdir -p "$T/tree/tests" "$T/tree/data"
cp -R "$ORDO_TOP/config" "$T/tree/"
cp -R "$demo" "$T/tree/data/demo"
cp "$ORDO_TOP/tests/demo.sh" "$T/tree/tests/"
(unset ORDO_DB ORDO_CONFIG; cd "$T/tree" && sh tests/demo.sh "$ORDO" \
    </dev/null) >"$T/run1" 2>&1; rc=$?
if [ $rc -eq 0 ] && [ -f "$T/tree/data/company/data.mdb" ]; then
	ok "tests/demo.sh creates data/company and exits 0"
else
	not_ok "tests/demo.sh creates data/company and exits 0" \
	    "exit $rc: $(tail -n 5 "$T/run1")"
fi
(unset ORDO_DB ORDO_CONFIG; cd "$T/tree" && sh tests/demo.sh "$ORDO" \
    </dev/null) >"$T/run2" 2>&1; rc=$?
if [ $rc -eq 0 ] && ! grep -q "creating" "$T/run2"; then
	ok "tests/demo.sh again opens the same company"
else
	not_ok "tests/demo.sh again opens the same company" \
	    "exit $rc: $(tail -n 5 "$T/run2")"
fi
has "tests/demo.sh shows the summary" "Harbour Street Trading" \
    "$(cat "$T/run2")"
