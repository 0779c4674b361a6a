# ordo print: a counter receipt with Chinese names laid out at 32 and 48
# columns by display width, compared with the expected text kept beside
# this test; its ESC/POS bytes (GB18030 text, Chinese mode, paper cut)
# compared with an xxd dump kept beside it; the other documents; --output
# writes the bytes; a device is written in place.
. "$ORDO_TOP/tests/lib.sh"
X="$ORDO_TOP/tests/integration/t99-print"
# The templates and notify.yaml live beside the config file.
ln -s "$ORDO_TOP/config/print" "$T/print"
cp "$ORDO_TOP/config/notify.yaml" "$T/notify.yaml"
export ORDO_NOW="2026-11-26 10:00:00" TZ=UTC
"$ORDO" init --demo >/dev/null || exit 1
"$ORDO" customer add LINMEI "林梅 Lin Mei" --phone "138 0000 0001" \
    --address "厦门市思明区海港街8号" >/dev/null
"$ORDO" item add PUER-357 "云南普洱茶饼 357克 2019年勐海古树生茶" --price 268.00 \
    --bin B-02-1 >/dev/null
"$ORDO" stock receive PUER-357 10 --cost 120.00 >/dev/null
"$ORDO" order new LINMEI PUER-357:2 TEA-TGY-250:3 TWR-CUP-GLS6:1 --shipping 12 >/dev/null
"$ORDO" order confirm 1 >/dev/null

"$ORDO" print receipt 1 > "$T/r32"
same "receipt exits 0" 0 $?
if diff -u "$X.receipt32.txt" "$T/r32" > "$T/d"; then ok "58 mm receipt (32 columns) as expected"
else not_ok "58 mm receipt (32 columns) as expected" "$(cat "$T/d")"; fi
"$ORDO" print receipt 1 --width 48 > "$T/r48"
if diff -u "$X.receipt48.txt" "$T/r48" > "$T/d"; then ok "80 mm receipt (48 columns) as expected"
else not_ok "80 mm receipt (48 columns) as expected" "$(cat "$T/d")"; fi
# No line is wider than the paper, counting a Chinese character as two.
for w in 32 48; do
	wide=$(grep -v "$(printf '\f')" "$T/r$w" | while IFS= read -r l; do
		c=$(printf '%s' "$l" | iconv -f UTF-8 -t GB18030 | wc -c)
		[ "$c" -gt "$w" ] && echo "$l"
	done)
	same "no line of the $w-column receipt is wider than $w" "" "$wide"
done

"$ORDO" print receipt 1 --escpos --output "$T/r32.bin"
same "--escpos --output exits 0" 0 $?
xxd "$T/r32.bin" > "$T/r32.xxd"
if diff -u "$X.receipt32.escpos.xxd" "$T/r32.xxd" > "$T/d"; then ok "ESC/POS bytes as expected"
else not_ok "ESC/POS bytes as expected" "$(cat "$T/d")"; fi
same "starts with ESC @ and FS & (Chinese mode)" "1b401c26" "$(head -c 4 "$T/r32.bin" | xxd -p)"
same "ends with a feed and a cut (GS V 66 3)" "0a0a0a1d564203" "$(tail -c 7 "$T/r32.bin" | xxd -p)"
same "the customer's name is GB18030 (林梅 = c1d6 c3b7)" 1 \
    "$(xxd -p "$T/r32.bin" | tr -d '\n' | grep -c c1d6c3b7)"
# The same bytes, read back through iconv, are the text.
tail -c +5 "$T/r32.bin" | tr -d '\035\102\003' | iconv -f GB18030 -t UTF-8 > "$T/back" 2>&1
has "GB18030 reads back to the receipt's text" "林梅 Lin Mei" "$(cat "$T/back")"

mkfifo "$T/fifo"
timeout 30 cat "$T/fifo" > "$T/fromfifo" &
"$ORDO" print receipt 1 --device "$T/fifo"; rc=$?
wait
same "--device writes ESC/POS in place (a FIFO here)" "0 $(wc -c < "$T/r32.bin")" "$rc $(wc -c < "$T/fromfifo")"
[ -p "$T/fifo" ] && ok "the FIFO is still a FIFO" || not_ok "the FIFO is still a FIFO"

out=$("$ORDO" print slip 1)
has "packing slip: ship-to address" "厦门市思明区海港街8号" "$out"
has "packing slip: quantities, no prices" "PUER-357 云南普洱茶饼" "$out"
not_has "packing slip: no money" "536.00" "$out"
out=$("$ORDO" print invoice 1)
has "invoice: a line with its tax (13% of 536.00)" "2 x 268.00, tax 13.00% 69.68" "$out"
out=$("$ORDO" print picklist 1 --width 32)
has "pick list: by bin, with the quantity" "B-02-1 PUER-357              x 2" "$out"
"$ORDO" order ship 1 >/dev/null
"$ORDO" pay LINMEI 100 --ref TT-1 >/dev/null
"$ORDO" print statement LINMEI --from 2026-11-01 --to 2026-11-30 --output "$T/st.txt"
same "statement written to a file" 0 $?
has "statement: what is still owed" "期末 Closing balance" "$(grep '^期末' "$T/st.txt")"
same "and how much (1032.27 invoiced, 100.00 paid)" "93227" "$(grep '^期末' "$T/st.txt" | awk '{ print $NF }' | tr -d .)"
# The statement as a PDF to share: through paps and ps2pdf where they are
# installed (.ci/deps.sh installs paps, ghostscript, fonts-wqy-microhei
# and poppler-utils for pdfinfo), else the text with a message.
if command -v paps >/dev/null && command -v ps2pdf >/dev/null && command -v pdfinfo >/dev/null; then
	"$ORDO" print statement LINMEI --from 2026-11-01 --to 2026-11-30 --output "$T/st.pdf" --pdf; rc=$?
	same "--pdf with paps and ps2pdf installed: exit 0" 0 "$rc"
	same "the file is a PDF" "%PDF-" "$(head -c 5 "$T/st.pdf")"
	same "of one A4 page" "1 (A4)" "$(pdfinfo "$T/st.pdf" | awk '/^Pages:/ { p = $2 } /^Page size:/ { s = $NF } END { print p, s }')"
	# Drawn, not blank: a page of text has dark pixels (pdftoppm renders it).
	if command -v pdftoppm >/dev/null; then
		dark=$(pdftoppm -r 30 -gray "$T/st.pdf" | tail -c +16 | od -An -v -tu1 | tr -s ' ' '\n' | awk '$1 != "" && $1 < 128' | wc -l)
		[ "$dark" -gt 100 ] && ok "the PDF page carries the text ($dark dark pixels at 30 dpi)" ||
		    not_ok "the PDF page carries the text" "$dark dark pixels"
	fi
else
	echo "# paps/ps2pdf/pdfinfo are not installed (.ci/deps.sh installs them): the PDF path is not tested"
	not_ok "a statement as PDF # SKIP no paps/ps2pdf"
fi
mkdir "$T/noconv"
ln -s "$(command -v sh)" "$T/noconv/sh"
out=$(PATH="$T/noconv" "$ORDO" print statement LINMEI --from 2026-11-01 --to 2026-11-30 --output "$T/st2.pdf" --pdf 2>&1); rc=$?
same "--pdf without a converter: still exit 0 (the text is written)" 0 "$rc"
has "says what to install" "--pdf needs paps and ps2pdf (Debian packages paps and ghostscript)" "$out"
if cmp -s "$T/st.txt" "$T/st2.pdf"; then ok "and wrote the statement's text"
else not_ok "and wrote the statement's text" "$(diff "$T/st.txt" "$T/st2.pdf" | head)"; fi
refuse "--pdf is for a statement written to a file" 2 "$ORDO" print receipt 1 --pdf
# The statement's sending and the customer's answer (对账确认).
P="--from 2026-11-01 --to 2026-11-30"
# A statement is a finance report: its sending is recorded by a manager.
export ORDO_USER=mgr1
refuse "an answer before it was sent" 1 "$ORDO" reconcile LINMEI $P agreed
check "sent recorded" "$ORDO" reconcile LINMEI $P sent --note "e-mail"
refuse "a dispute needs what is disputed" 2 "$ORDO" reconcile LINMEI $P disputed
check "disputed recorded" "$ORDO" reconcile LINMEI $P disputed --note "付款 100 元未记入"
check "then agreed" "$ORDO" reconcile LINMEI $P agreed
out=$("$ORDO" reconcile LINMEI)
same "the record against the period, with the closing balance sent" \
"2026-11-01..2026-11-30  sent     2026-11-26 10:00  mgr1       closing 932.27: e-mail
2026-11-01..2026-11-30  disputed 2026-11-26 10:00  mgr1       closing 932.27: 付款 100 元未记入
2026-11-01..2026-11-30  agreed   2026-11-26 10:00  mgr1       closing 932.27" "$out"
has "each is an event" "statement.sent" "$("$ORDO" feed | tail -n 3)"
# Printing through CUPS.  No print server runs here (and none should in a
# test), so a stand-in "lp" earlier on PATH records its arguments and its
# standard input: what ordo hands to CUPS is exactly what is checked, the
# real lp(1) only passes it on to the queue.
mkdir "$T/bin"
cat > "$T/bin/lp" <<LP
#!/bin/sh
printf '%s\n' "\$*" > "$T/lp.args"
cat > "$T/lp.in"
exit \${LP_EXIT:-0}
LP
chmod +x "$T/bin/lp"
PATH="$T/bin:$PATH" "$ORDO" print receipt 1 --printer "前台 Counter"; rc=$?
same "--printer: exit 0" 0 "$rc"
same "--printer runs lp -s -d PRINTER" "-s -d 前台 Counter" "$(cat "$T/lp.args" 2>/dev/null)"
if cmp -s "$T/r32" "$T/lp.in"; then ok "lp gets the receipt's text, byte for byte"
else not_ok "lp gets the receipt's text, byte for byte" "$(diff "$T/r32" "$T/lp.in" 2>&1 | head)"; fi
rm -f "$T/lp.args" "$T/lp.in"
PATH="$T/bin:$PATH" "$ORDO" print receipt 1 --printer Counter --escpos; rc=$?
same "--printer --escpos: exit 0" 0 "$rc"
same "ESC/POS goes to CUPS raw (-o raw), not filtered as text" "-s -d Counter -o raw" "$(cat "$T/lp.args" 2>/dev/null)"
if cmp -s "$T/r32.bin" "$T/lp.in"; then ok "lp gets the ESC/POS bytes, byte for byte"
else not_ok "lp gets the ESC/POS bytes, byte for byte" "$(cmp "$T/r32.bin" "$T/lp.in" 2>&1)"; fi
out=$(LP_EXIT=1 PATH="$T/bin:$PATH" "$ORDO" print receipt 1 --printer Counter 2>&1); rc=$?
same "a failing lp: exit 3 (a system error)" 3 "$rc"
has "says lp failed" "lp failed (status 1)" "$out"
mkdir "$T/nolp"
ln -s "$(command -v sh)" "$T/nolp/sh"
out=$(PATH="$T/nolp" "$ORDO" print receipt 1 --printer Counter 2>&1); rc=$?
same "no lp installed: exit 3" 3 "$rc"
has "says what to install" "needs the CUPS client (Debian package cups-client)" "$out"

# Raw ESC/POS to a network receipt printer (HOST:9100): a local socat
# listener stands in for the printer and keeps the bytes it receives.
if command -v socat >/dev/null 2>&1; then
	port=$((20000 + $$ % 20000))
	socat -u "TCP-LISTEN:$port,bind=127.0.0.1,reuseaddr" "OPEN:$T/net.bin,creat,trunc" &
	spid=$!
	# Listening: the port in /proc/net/tcp in state 0A.
	hex=$(printf '%04X' "$port") i=0
	while ! grep -q ":$hex 00000000:0000 0A" /proc/net/tcp && [ $i -lt 100 ]; do
		sleep 0.05; i=$((i + 1))
	done
	"$ORDO" print receipt 1 --device "127.0.0.1:$port"; rc=$?
	wait "$spid"
	same "--device HOST:PORT: exit 0" 0 "$rc"
	if cmp -s "$T/r32.bin" "$T/net.bin"; then ok "the printer's port got the ESC/POS bytes, byte for byte"
	else not_ok "the printer's port got the ESC/POS bytes, byte for byte" "$(cmp "$T/r32.bin" "$T/net.bin" 2>&1)"; fi
	out=$("$ORDO" print receipt 1 --device "127.0.0.1:$port" 2>&1); rc=$?
	same "nobody listening: exit 3" 3 "$rc"
	has "says it cannot connect" "127.0.0.1:$port: cannot connect" "$out"
else
	echo "# socat is not installed (.ci/deps.sh installs it): the network printer is not tested"
	not_ok "a network receipt printer (HOST:9100) # SKIP no socat"
fi
refuse "an unknown document" 2 "$ORDO" print poster 1
refuse "an unknown order" 2 "$ORDO" print receipt 99
echo "1..$n"
