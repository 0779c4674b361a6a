#!/bin/sh
# t35-quick: quick entry, an order from a chat message.  The corpus
# (tests/fixtures/quick/corpus.txt: Chinese, English and mixed messages,
# each with the exact parse it must give) is read through "ordo order
# quick --dry-run --json -" against the small company beside it; then
# the real thing: a resolved message makes a draft (lines, prices, notes),
# an unresolved one is refused with its questions and writes nothing, and
# the command's own refusals.
. "${ORDO_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"

fix="$ORDO_TOP/tests/fixtures/quick"
export ORDO_NOW="2026-03-02 09:30:00"
ORDO_DEMO_DIR="$fix" "$ORDO" init --demo >/dev/null 2>&1 ||
    not_ok "init the quick-entry company"
# The history that ranking reads (fixtures/quick/README).
for o in "WANGF BLC-250:1" "WANGF BLC-250:2" "WANGF BLC-50:1" \
    "CHENJ BLC-50:1" "CHENJ BLC-250:1" \
    "LOTUS CUP-GLS:6" "LOTUS CUP-GLS:12" "LOTUS CUP-CER:6"; do
	# shellcheck disable=SC2086
	"$ORDO" order new $o >/dev/null || not_ok "history order $o"
done
orders() { "$ORDO" order list --limit 0 --csv | tail -n +2 | wc -l; }
before=$(orders)

# 1. The corpus: every message must parse exactly.
total=0 exact=0 title="" opts="" msg="" have=0
run_case() {
	total=$((total + 1))
	# shellcheck disable=SC2086
	got=$(printf '%s\n' "$msg" | "$ORDO" order quick --dry-run --json \
	    $opts - 2>/dev/null)
	rc=$?
	case $want in
	*'"unresolved":[]'*) wrc=0 ;;
	*) wrc=1 ;;
	esac
	if [ "$got" = "$want" ] && [ "$rc" -eq "$wrc" ]; then
		exact=$((exact + 1))
		ok "corpus $total: $title"
	else
		not_ok "corpus $total: $title" "message: $msg
options: $opts
wanted (exit $wrc): $want
got    (exit $rc): $got"
	fi
	opts="" msg="" have=0
}
while IFS= read -r l || [ -n "$l" ]; do
	case $l in
	'# '*)	title=${l#'# '} ;;
	'! '*)	opts=${l#'! '} ;;
	'> '*|'>')
		t=${l#'>'}; t=${t#' '}
		if [ $have -eq 0 ]; then msg=$t; have=1
		else msg="$msg
$t"; fi ;;
	'= '*)	want=${l#'= '}; run_case ;;
	'') ;;
	*)	not_ok "corpus: a line that is none of # ! > =: $l" ;;
	esac
done <"$fix/corpus.txt"
echo "# corpus: $exact of $total messages parse exactly"
if [ "$total" -ge 60 ] && [ "$exact" -eq "$total" ]; then
	ok "corpus: all $total messages (at least 60) parse exactly"
else
	not_ok "corpus: all messages (at least 60) parse exactly" \
	    "$exact of $total"
fi
same "a dry run writes nothing" "$before" "$(orders)"

# 2. A resolved message is a draft, through the counter's order_new.
id=$("$ORDO" order quick "王老板：碧螺春 3盒，白茶饼 2饼 @ 190" 2>&1)
rc=$?
same "resolved message: exit 0" 0 "$rc"
case $id in
''|*[!0-9]*) not_ok "resolved message prints the order number" "$id" ;;
*) ok "resolved message prints the order number" ;;
esac
show=$("$ORDO" order show "$id" 2>&1)
has "draft, for 王芳" "customer:  WANGF  王芳" "$show"
has "status draft" "status:    draft" "$show"
has "counter channel" "channel:   counter" "$show"
has "her usual tin, 3 at the item's price" "3 x 160.00 = 480.00" \
    "$show"
has "the cake at the price given" "2 x 190.00 = 380.00" "$show"
has "line 1 is BLC-250" "   1 BLC-250" "$show"
has "line 2 is BCB-357" "   2 BCB-357" "$show"
has "the message is the notes" "notes:     王老板：碧螺春 3盒，白茶饼 2饼 @ 190" \
    "$show"
same "one order more" "$((before + 1))" "$(orders)"

# From standard input, several lines, --json with the order's number.
out=$(printf 'Lotus Cafe:\r\n1) 12 x glass teapot\r\n2) 6 tea trays\r\n' |
    "$ORDO" order quick --json - 2>&1)
has "stdin, CRLF: made, --json names the order" \
    '"unresolved":[],"order":' "$out"
has "stdin: the lines" '{"sku":"POT-GLS","qty":12,"words":"12 x glass teapot"},{"sku":"TRY-BMB","qty":6,"words":"6 tea trays"}' "$out"
same "two orders more" "$((before + 2))" "$(orders)"

# TEXT as several words; --customer.
id=$("$ORDO" order quick --customer JADE 2 x 玻璃茶壶 2>&1)
show=$("$ORDO" order show "$id" 2>&1)
has "words joined; --customer" "customer:  JADE" "$show"

# 3. Unresolved: the questions on stderr, exit 1, nothing written.
before=$(orders)
err=$("$ORDO" order quick "陈静: 碧螺春 两盒, 大红袍 1盒" 2>&1 >/dev/null)
rc=$?
same "a tie: exit 1" 1 "$rc"
has "the questions counted" "2 questions, nothing created" "$err"
has "the tie's candidates" 'line 1 "碧螺春 两盒": ambiguous item: BLC-250 洞庭碧螺春 Dongting Biluochun 250g, BLC-50 洞庭碧螺春 Dongting Biluochun 50g' "$err"
has "the unknown item" 'line 2 "大红袍 1盒": unknown item' "$err"
err=$("$ORDO" order quick "碧螺春 50g 1.5盒" 2>&1 >/dev/null)
has "no customer, and a bad quantity" "customer: no customer (name one with --customer)" "$err"
has "the bad quantity quoted" 'bad quantity: 1.5盒' "$err"
out=$("$ORDO" order quick --json "张总: 龙井 100克 两盒" 2>/dev/null)
rc=$?
same "unresolved --json: exit 1" 1 "$rc"
has "unresolved --json: no order" '"unresolved":[{"problem":"ambiguous customer","words":"张总","candidates":["ZHANGM","ZHANGW"]}]}' "$out"
same "nothing written" "$before" "$(orders)"

# The dry run for a person.
out=$("$ORDO" order quick --dry-run "王老板：碧螺春 3盒 @ 150" 2>&1)
has "text dry run: customer" "customer: WANGF 王芳 (name: 王老板)" "$out"
has "text dry run: line" "BLC-250               3 @ 150.00  <- 碧螺春 3盒 @ 150 (by history)" "$out"

# 4. The command's own refusals.
refuse "no TEXT" 2 "$ORDO" order quick
refuse "unknown --customer" 2 "$ORDO" order quick --customer NOBODY 碧螺春
err=$("$ORDO" order quick --customer NOBODY 碧螺春 2>&1)
has "unknown --customer named" "--customer: no customer NOBODY" "$err"
refuse "not UTF-8" 2 sh -c "printf '\\377\\376 3\\n' | \"\$ORDO\" order quick -"
refuse "a NUL byte" 2 sh -c "printf 'a\\000b' | \"\$ORDO\" order quick -"
refuse "too long" 2 sh -c "head -c 20001 /dev/zero | tr '\\0' a | \"\$ORDO\" order quick -"
same "refusals write nothing" "$before" "$(orders)"
"$ORDO" check >/dev/null 2>&1 && ok "ordo check after quick entry" ||
    not_ok "ordo check after quick entry" "$("$ORDO" check 2>&1)"
