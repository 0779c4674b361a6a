#!/bin/sh
# t10-basics: create a company; items and customers through the CLI; CSV
# output read back; search; every kind of bad input is refused with exit
# 2 and a message naming what is wrong, and leaves the company as it was.
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
# col NAME: the column NAME of TAB records on stdin (header first).
col() {
	awk -F '\t' -v c="$1" 'NR == 1 {
		for (i = 1; i <= NF; i++) if ($i == c) k = i
		if (!k) { print "no column " c ": " $0; exit 1 }
		next
	} { print $k }'
}
# get KEYCOL KEY COL: COL of the record whose KEYCOL is KEY.
get() {
	awk -F '\t' -v kc="$1" -v key="$2" -v c="$3" 'NR == 1 {
		for (i = 1; i <= NF; i++) { if ($i == kc) k = i; if ($i == c) v = i }
		next
	} k && v && $k == key { print $v }'
}
sha() { sha256sum "$1" | cut -d ' ' -f 1; }

# 1. A fresh company.
check "init creates the company" "$ORDO" init
if [ -f "$ORDO_DB/data.mdb" ]; then ok "init made $ORDO_DB/data.mdb"
else not_ok "init made $ORDO_DB/data.mdb" "$(ls -la "$ORDO_DB" 2>&1)"; fi
out=$("$ORDO" check 2>&1); rc=$?
if [ $rc -eq 0 ]; then has "check of a new company is clean" "ok:" "$out"
else not_ok "check of a new company is clean" "exit $rc: $out"; fi

# 2. init twice: refused, database untouched.
before=$(sha "$ORDO_DB/data.mdb")
refuse "init twice is refused (exit 1)" 1 "$ORDO" init
err=$("$ORDO" init 2>&1 >/dev/null)
has "init twice says why" "ordo: " "$err"
same "init twice leaves data.mdb untouched" "$before" "$(sha "$ORDO_DB/data.mdb")"
refuse "init --demo over a company is refused too" 1 "$ORDO" init --demo
same "... and leaves data.mdb untouched" "$before" "$(sha "$ORDO_DB/data.mdb")"

# 3. Items.
check "item add with every option" "$ORDO" item add TEA-LJ-250 \
    "西湖龙井 250g" --price 168.00 --barcode 6921734100214 --unit box \
    --bin A-03-2 --cost 98.50 --reorder-point 5 --reorder-qty 20 \
    --tax 9 --backorder
check "item add, minimal" "$ORDO" item add TWR-GWN-WHT \
    "Gaiwan, white porcelain 150ml" --price 48.80 --barcode 6921734105882
check "item add, a name that looks like a formula" "$ORDO" item add \
    EVIL-1 '=HYPERLINK("http://x.example/","click")' --price 1.50
check "item add, price with no decimals" "$ORDO" item add STN-RULER-30 \
    "Ruler 30cm" --price 3
refuse "item add of an existing SKU is refused (exit 1)" 1 \
    "$ORDO" item add TEA-LJ-250 "again" --price 1.00
refuse "item add with a barcode already taken is refused (exit 1)" 1 \
    "$ORDO" item add TEA-OTHER "other" --price 1.00 --barcode 6921734100214

out=$("$ORDO" item list 2>&1); rc=$?
if [ $rc -eq 0 ] && [ "$(printf '%s\n' "$out" | grep -c -e TEA-LJ-250 \
    -e TWR-GWN-WHT -e EVIL-1 -e STN-RULER-30)" -eq 4 ] &&
    ! printf '%s\n' "$out" | grep -q TEA-OTHER; then
	ok "item list shows the four items"
else
	not_ok "item list shows the four items" "exit $rc: $out"
fi
out=$("$ORDO" item show TEA-LJ-250 2>&1); rc=$?
if [ $rc -eq 0 ]; then
	ok "item show TEA-LJ-250"
	has "item show gives the Chinese name" "西湖龙井 250g" "$out"
	has "item show gives the price" "168.00" "$out"
	has "item show gives the barcode" "6921734100214" "$out"
	has "item show gives the bin" "A-03-2" "$out"
	has "item show gives the cost" "98.50" "$out"
else
	not_ok "item show TEA-LJ-250" "exit $rc: $out"
fi

# 4. Customers.
check "customer add with every option" "$ORDO" customer add LIWEI "李伟" \
    --phone "138 1234 5678" --email liwei@example.cn \
    --address "上海市黄浦区南京东路 100 号" --ship-address "Shop 3, 8 Harbour St" \
    --notes "Prefers Longjing"
check "customer add, a business" "$ORDO" customer add JADE \
    "Jade Garden Restaurant" --phone "+44 20 7946 0321"
check "customer add, a name that looks like a formula" "$ORDO" customer add \
    ATHOME "@home shop, Leeds"
refuse "customer add of an existing code is refused (exit 1)" 1 \
    "$ORDO" customer add LIWEI "someone else"
out=$("$ORDO" customer list 2>&1); rc=$?
if [ $rc -eq 0 ] && [ "$(printf '%s\n' "$out" | grep -c -e LIWEI -e JADE \
    -e ATHOME)" -eq 3 ]; then
	ok "customer list shows the three customers"
else
	not_ok "customer list shows the three customers" "exit $rc: $out"
fi
out=$("$ORDO" customer show LIWEI 2>&1); rc=$?
if [ $rc -eq 0 ]; then
	has "customer show gives the name" "李伟" "$out"
	has "customer show gives the phone" "138 1234 5678" "$out"
	has "customer show gives the address" "南京东路 100 号" "$out"
	has "customer show gives the shipping address" "8 Harbour St" "$out"
else
	not_ok "customer show LIWEI" "exit $rc: $out"
fi

# 5. CSV output, read back.
"$ORDO" item list --csv >"$T/items.csv" 2>"$T/err"; rc=$?
csv <"$T/items.csv" >"$T/items.tsv"
same "item list --csv exits 0" 0 "$rc"
same "item list --csv has a header and 4 records" 5 \
    "$(wc -l <"$T/items.tsv" | tr -d ' ')"
same "the Chinese name reads back exactly" "西湖龙井 250g" \
    "$(get sku TEA-LJ-250 name <"$T/items.tsv")"
same "a name with a comma reads back exactly" \
    "Gaiwan, white porcelain 150ml" "$(get sku TWR-GWN-WHT name <"$T/items.tsv")"
same "a formula name gets a leading '" \
    "'=HYPERLINK(\"http://x.example/\",\"click\")" \
    "$(get sku EVIL-1 name <"$T/items.tsv")"
same "a price is a plain number" "168.00" \
    "$(get sku TEA-LJ-250 price <"$T/items.tsv")"
same "a whole price gets its decimals" "3.00" \
    "$(get sku STN-RULER-30 price <"$T/items.tsv")"
"$ORDO" customer list --csv 2>&1 | csv >"$T/cust.tsv"
same "customer list --csv: formula-like name gets a leading '" \
    "'@home shop, Leeds" "$(get code ATHOME name <"$T/cust.tsv")"
same "customer list --csv: a phone starting with + gets a leading '" \
    "'+44 20 7946 0321" "$(get code JADE phone <"$T/cust.tsv")"
same "customer list --csv: the Chinese name reads back" "李伟" \
    "$(get code LIWEI name <"$T/cust.tsv")"

# 6. Search.
skus() { "$ORDO" item list --search "$1" --csv 2>&1 | csv | col sku | sort |
    tr '\n' ' '; }
same "item search by SKU prefix" "TEA-LJ-250 " "$(skus TEA-)"
same "item search by barcode" "TWR-GWN-WHT " "$(skus 6921734105882)"
same "item search by Chinese name" "TEA-LJ-250 " "$(skus 西湖)"
same "item search by English name, any case" "TWR-GWN-WHT " "$(skus gaiwan)"
same "item search with no match" "" "$(skus nothing-like-this)"
refuse "item list takes no argument" 2 "$ORDO" item list TEA
refuse "customer list takes no argument" 2 "$ORDO" customer list LIWEI
refuse "a search that is not UTF-8 is refused" 2 "$ORDO" customer list \
    --search "$(printf 'a\377b')"
codes() { "$ORDO" customer list --search "$1" --csv 2>&1 | csv | col code |
    sort | tr '\n' ' '; }
same "customer search by phone digits" "LIWEI " "$(codes 13812345678)"
same "customer search by phone prefix" "LIWEI " "$(codes 1381234)"
same "customer search by Chinese name" "LIWEI " "$(codes 李)"
same "customer search by name, any case" "JADE " "$(codes jade)"

# 7. Bad input: exit 2, an "ordo: " message naming what is wrong, and the
# company unchanged (the check's counts are the same, and clean).
base=$("$ORDO" check 2>&1)
bad() {	# bad NAME NEEDLE CMD...
	name=$1 needle=$2; shift 2
	err=$("$@" 2>&1 >/dev/null); rc=$?
	after=$("$ORDO" check 2>&1); crc=$?
	if [ $rc -ne 2 ]; then
		not_ok "$name" "exit $rc, wanted 2: $err"
	elif case $err in "ordo: "*"$needle"*) false ;; *) true ;; esac; then
		not_ok "$name" "wanted 'ordo: ...$needle...' on stderr, got [$err]"
	elif [ $crc -ne 0 ] || [ "$after" != "$base" ]; then
		not_ok "$name" "company changed: [$base] -> [$after]"
	else
		ok "$name"
	fi
}
sed '$a\' "$ORDO_CONFIG" >"$T/bad.yaml"
line=$(($(wc -l <"$T/bad.yaml") + 1))
echo "colour: blue" >>"$T/bad.yaml"
bad "config with an unknown key: exit 2, FILE:LINE:COL" \
    "$T/bad.yaml:$line:1" "$ORDO" -c "$T/bad.yaml" item list
bad "the same through \$ORDO_CONFIG" "$T/bad.yaml:$line:1" \
    env ORDO_CONFIG="$T/bad.yaml" "$ORDO" item list
awk '{ print } /^currency:/ { print "  symbol: Y" }' "$ORDO_CONFIG" \
    >"$T/bad2.yaml"
line=$(($(grep -n '^currency:' "$T/bad2.yaml" | cut -d : -f 1) + 1))
bad "config with an unknown nested key: FILE:LINE:COL" \
    "$T/bad2.yaml:$line:3" "$ORDO" -c "$T/bad2.yaml" item list
printf 'company: [unclosed\n' >"$T/bad3.yaml"
bad "config that is not YAML: FILE:LINE" "$T/bad3.yaml:" \
    "$ORDO" -c "$T/bad3.yaml" item list
bad "missing config file" "$T/none.yaml" "$ORDO" -c "$T/none.yaml" item list

bad "item show of an unknown SKU" "NO-SUCH" "$ORDO" item show NO-SUCH
bad "stock receive of an unknown SKU" "NO-SUCH" \
    "$ORDO" stock receive NO-SUCH 5 --cost 1.00
bad "order new with an unknown SKU" "NO-SUCH" \
    "$ORDO" order new LIWEI NO-SUCH:1
bad "order new for an unknown customer" "NOBODY" \
    "$ORDO" order new NOBODY TEA-LJ-250:1
bad "customer show of an unknown code" "NOBODY" "$ORDO" customer show NOBODY
bad "stock receive, negative quantity" "" \
    "$ORDO" stock receive TEA-LJ-250 -5 --cost 1.00
bad "stock receive, non-numeric quantity" "five" \
    "$ORDO" stock receive TEA-LJ-250 five --cost 1.00
bad "stock receive, fractional quantity" "1.5" \
    "$ORDO" stock receive TEA-LJ-250 1.5 --cost 1.00
bad "stock receive, negative cost" "--cost" \
    "$ORDO" stock receive TEA-LJ-250 5 --cost -1.00
bad "stock adjust, non-numeric count" "ten" \
    "$ORDO" stock adjust TEA-LJ-250 ten
bad "order new, non-numeric quantity" "abc" \
    "$ORDO" order new LIWEI TEA-LJ-250:abc
bad "order new, negative quantity" "-2" \
    "$ORDO" order new LIWEI TEA-LJ-250:-2
bad "order new, zero quantity" "TEA-LJ-250:0" \
    "$ORDO" order new LIWEI TEA-LJ-250:0
bad "order new, non-numeric price" "x1" \
    "$ORDO" order new LIWEI TEA-LJ-250:1@x1
bad "item add, negative price" "--price" \
    "$ORDO" item add NEW-1 "New" --price -3.00
bad "item add, non-numeric price" "12.3.4" \
    "$ORDO" item add NEW-1 "New" --price 12.3.4
bad "item add, too many decimals" "--price" \
    "$ORDO" item add NEW-1 "New" --price 12.345
bad "item add, non-numeric reorder point" "--reorder-point" \
    "$ORDO" item add NEW-1 "New" --price 1 --reorder-point many
bad "item add, bad tax" "--tax" \
    "$ORDO" item add NEW-1 "New" --price 1 --tax 13.5.1
bad "item add without --price" "price" "$ORDO" item add NEW-1 "New"
bad "item add with an unknown option" "--colour" \
    "$ORDO" item add NEW-1 "New" --price 1 --colour red
long=$(awk 'BEGIN { while (i++ < 600) printf "S" }')
bad "item add, SKU of 600 bytes" "SKU" \
    "$ORDO" item add "$long" "Long" --price 1.00
bad "item add, SKU of 65 bytes" "SKU" \
    "$ORDO" item add "$(printf '%s' "$long" | cut -c 1-65)" "Long" --price 1
bad "item show, SKU of 600 bytes" "SKU" "$ORDO" item show "$long"
bad "customer add, code of 600 bytes" "code" \
    "$ORDO" customer add "$long" "Long"
bad "order new, SKU of 600 bytes" "SKU" "$ORDO" order new LIWEI "$long:1"
bad "item add, SKU with a space" "SKU" "$ORDO" item add "A B" "x" --price 1
bad "item add, empty SKU" "SKU" "$ORDO" item add "" "x" --price 1
bad "item add, name of invalid UTF-8" "name" \
    "$ORDO" item add BAD-UTF8 "tea $(printf '\377')" --price 1.00
bad "customer add, name of invalid UTF-8" "name" \
    "$ORDO" customer add BADU "$(printf 'a\300\257b')"
bad "item add, name of 300 bytes" "name" \
    "$ORDO" item add LONG-NAME "$(printf '%s' "$long" | cut -c 1-300)" \
    --price 1
bad "item search, invalid UTF-8" "search" \
    "$ORDO" item list --search "$(printf '\377')"
bad "item list, stray argument" "" "$ORDO" item list extra
bad "unknown command" "frobnicate" "$ORDO" frobnicate
bad "unknown subcommand" "frobnicate" "$ORDO" item frobnicate
bad "missing company dir" "$T/none" "$ORDO" -d "$T/none" item list
if [ -e "$T/none" ]; then not_ok "a missing company dir is not created"
else ok "a missing company dir is not created"; fi
bad "missing company dir through \$ORDO_DB" "$T/none" \
    env ORDO_DB="$T/none" "$ORDO" item list
mkdir "$T/foreign"
echo "holiday photos" >"$T/foreign/notes.txt"
bad "foreign dir (no data.mdb)" "$T/foreign" "$ORDO" -d "$T/foreign" check
bad "foreign dir, a write command" "$T/foreign" \
    "$ORDO" -d "$T/foreign" item add X-1 "x" --price 1
same "foreign dir left as it was" "notes.txt" "$(ls "$T/foreign" | tr '\n' ' ' |
    sed 's/ $//')"
same "after all that, check still clean and counts unchanged" "$base" \
    "$("$ORDO" check 2>&1)"

# 8. --help: every command and subcommand exits 0 and prints a usage line,
# even with no company (a user reads the help before "ordo init").
helps="init version check backup shell item|add item|list item|show
customer|add customer|list customer|show stock|receive stock|adjust
stock|transfer stock|list order|new order|confirm order|pick order|pack
order|ship order|deliver order|close order|cancel order|return order|show
order|list backorders pay refund allocate statement aging
ledger|trial-balance ledger|pnl ledger|journal export|journal item customer
stock order ledger export"
bad_help=
for h in $helps; do
	# shellcheck disable=SC2086
	out=$(ORDO_DB=$T/none "$ORDO" $(echo "$h" | tr '|' ' ') --help 2>&1)
	rc=$?
	if [ $rc -ne 0 ] || ! printf '%s\n' "$out" | grep -qi 'usage'; then
		bad_help="$bad_help
$(echo "$h" | tr '|' ' '): exit $rc: $(printf '%s\n' "$out" | head -n 2)"
	fi
done
if [ -z "$bad_help" ]; then ok "--help on every command: exit 0 and usage"
else not_ok "--help on every command: exit 0 and usage" "$bad_help"; fi
out=$("$ORDO" --help 2>&1); rc=$?
if [ $rc -eq 0 ]; then has "ordo --help lists the commands" "order" "$out"
else not_ok "ordo --help lists the commands" "exit $rc: $out"; fi
out=$("$ORDO" version 2>&1); rc=$?
if [ $rc -eq 0 ] && printf '%s' "$out" | grep -q '[0-9]\.[0-9]'; then
	ok "ordo version"
else
	not_ok "ordo version" "exit $rc: $out"
fi
out=$("$ORDO" item add --help 2>&1)
has "item add --help names its options" "--price" "$out"
same "--help changed nothing" "$base" "$("$ORDO" check 2>&1)"
