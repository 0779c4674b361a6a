# On a terminal, ordo import draws a progress bar with rows/s and ETA;
# without one (cron) it writes no bar.  The terminal is a real tmux pane.
. "$ORDO_TOP/tests/lib.sh"
command -v tmux >/dev/null || { echo "not ok 1 - tmux is installed"; exit 0; }
cc -O2 -o "$T/gen" "$ORDO_TOP/tests/bench/gen_shopify.c" || exit 1
"$ORDO" init --demo >/dev/null || exit 1
tail -n +2 "$ORDO_TOP/data/demo/items.csv" | cut -d, -f1 | head -5 > "$T/skus"
"$T/gen" 20000 "$T/skus" > "$T/a.csv"
sock="$T/tmux"
tmux -S "$sock" new-session -d -x 100 -y 12 \
    "ORDO_DB='$ORDO_DB' ORDO_CONFIG='$ORDO_CONFIG' '$ORDO' import '$T/a.csv'; echo EXIT=\$?; sleep 30"
i=0
while [ $i -lt 100 ]; do
	screen=$(tmux -S "$sock" capture-pane -p 2>/dev/null)
	case $screen in *EXIT=*) break ;; esac
	sleep 0.2; i=$((i + 1))
done
tmux -S "$sock" kill-server 2>/dev/null
has "the import finished on the terminal" "EXIT=0" "$screen"
has "a full progress bar" "[####################] 100%" "$screen"
has "rows per second shown" "rows/s" "$screen"
has "ETA shown" "ETA" "$screen"
has "the summary follows the bar" "orders imported:" "$screen"
# Another file (the same one would be skipped by its SHA-256 before any
# bar could be drawn): as many rows, other order names and ids.
sed -E 's/^#/#B/; s/,6000000([0-9]{6}),/,7000000\1,/' "$T/a.csv" > "$T/b.csv"
"$ORDO" import "$T/b.csv" >"$T/out" 2>"$T/err"; rc=$?
same "the second import exits 0" 0 "$rc"
all=$(cat "$T/out" "$T/err")
not_has "it was not skipped as already imported" "already imported" "$all"
has "it imported orders of its own" "orders imported:" "$all"
new=$(echo "$all" | sed -n 's/^orders imported: \([0-9]*\) new.*/\1/p')
[ "${new:-0}" -gt 0 ] && ok "new orders from the second file ($new)" ||
    not_ok "new orders from the second file" "$all"
case $(cat "$T/err") in
*'####'* | *'rows/s'* | *ETA*)
	not_ok "no progress bar without a terminal" "$(cat "$T/err")" ;;
*) ok "no progress bar without a terminal" ;;
esac
