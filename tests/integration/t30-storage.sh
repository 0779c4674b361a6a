#!/bin/sh
# t30-storage: the LMDB side (RELIABILITY.md 1.11): the map grows from a
# tiny size by itself; kill -9 of writers at random moments leaves a
# clean company and no hang; a file of another kind or a truncated
# database is refused without being touched; a stale reader left by a
# killed process is cleared by the next ordo; a hot backup taken while
# others write opens and checks clean.
#
# The >100x map growth of the issue needs >100 MiB written; through the
# CLI that is one commit (one fsync) per command, far too slow here, so it
# is left to tests/unit/test_db.c.  Here: a 1 MiB map grows while the
# demo loads (and, with ORDO_SOAK=1, a few MiB more).
. "${ORDO_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"

soak=${ORDO_SOAK:-0}
sha() { sha256sum "$1" | cut -d ' ' -f 1; }
rnd() {	# rnd N: a random number in 0..N-1
	echo $(($(od -An -N4 -tu4 /dev/urandom | tr -d ' ') % $1))
}
# until_true SECONDS CMD...: run CMD every 0.1 s until it succeeds.
until_true() {
	t=$(($1 * 10)); shift
	while [ $t -gt 0 ]; do
		"$@" && return 0
		sleep 0.1; t=$((t - 1))
	done
	return 1
}
mapsize() { mdb_stat -e "$1" | awk '/Map size/ { print $3 }'; }
fsize() { wc -c <"$1" | tr -d ' '; }
cleanchk() {	# cleanchk NAME DIR: ordo check of DIR exits 0 within 60 s
	out=$(timeout 60 "$ORDO" -d "$2" check 2>&1); rc=$?
	if [ $rc -eq 0 ]; then ok "$1"; else not_ok "$1" "exit $rc: $out"; fi
}

# 1. Map growth: a 1 MiB map (config and $ORDO_MAPSIZE) grows by itself
# to over 100 times that.  The cheapest way to write 100 MiB through the
# CLI: draft orders of 1000 lines (the most an order may have) of an item
# with a long SKU and name, ~370 KiB each; ~290 of them, each one
# process and one transaction, the map doubling seven times on the way.
sed 's/^\( *map_size:\).*/\1 1MiB/' "$ORDO_CONFIG" >"$T/small.yaml"
G=$T/grow
small() { ORDO_MAPSIZE=1048576 ORDO_DEMO_DIR=$ORDO_TOP/data/demo \
    "$ORDO" -c "$T/small.yaml" -d "$G" "$@"; }
out=$(small init --demo 2>&1); rc=$?
if [ $rc -eq 0 ]; then ok "init --demo with a 1 MiB map"
else not_ok "init --demo with a 1 MiB map" "exit $rc: $out"; fi
same "the map is 1 MiB" 1048576 "$(mapsize "$G")"
sku=GROWTH-TEST-ITEM-WITH-A-LONG-SKU-FOR-THE-MAP-TEST-0001
pad=nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn
small item add "$sku" "$pad$pad growth" --price 1.00 >/dev/null 2>&1
lines=$(awk -v s="$sku" 'BEGIN { for (i = 0; i < 1000; i++) print s ":1" }')
norders=0 last= err=
while [ "$(fsize "$G/data.mdb")" -le 104857600 ] && [ $norders -lt 600 ]; do
	# shellcheck disable=SC2086
	last=$(small order new WALKIN $lines 2>&1) || { err=$last; break; }
	norders=$((norders + 1))
done
sz=$(fsize "$G/data.mdb")
ms=$(mapsize "$G")
if [ -z "$err" ] && [ "$sz" -gt 104857600 ] && [ "$ms" -ge "$sz" ]; then
	ok "the map grew over 100x: data.mdb $sz bytes, map $ms bytes ($norders orders)"
else
	not_ok "the map grew over 100x" "data.mdb $sz, map $ms; $norders orders: $err"
fi
out=$(small check 2>&1); rc=$?
if [ $rc -eq 0 ]; then has "check clean after growth, every order there" \
    "$norders orders" "$out"
else not_ok "check clean after growth" "exit $rc: $out"; fi
same "the last order reads back with its 1000 lines" 1000 \
    "$(small order show "$last" 2>&1 | grep -c "$sku")"
# A later process asking for 1 MiB again adopts the grown map.
out=$(small stock receive TEA-LJ-250 1 --cost 85.00 2>&1); rc=$?
same "a writer opening with a 1 MiB map afterwards works" 0 "$rc"

# 2. kill -9 of writers at random moments.  Two loops receive one unit of
# K1 at a time; a third moves units from MAIN to WH.  Each logs the exit
# status of every command; a driver kills the running ordo of a random
# loop 30 times (100 with soak).
K=$T/kill
ORDO_DB=$K "$ORDO" init >/dev/null 2>&1
ORDO_DB=$K "$ORDO" item add K1 "Kill test item" --price 10.00 >/dev/null 2>&1
worker() {	# worker ID CMD...: until $T/stop exists; log exit codes
	id=$1; shift
	: >"$T/w$id.log"
	exec 2>>"$T/w$id.err"	# and the shell's "Killed" notes
	while [ -d "$T" ] && [ ! -e "$T/stop" ]; do
		"$@" >/dev/null 2>>"$T/w$id.err" &
		echo $! >"$T/w$id.pid"
		wait $!
		echo $? >>"$T/w$id.log"
	done
	touch "$T/w$id.end"
}
rm -f "$T/stop"
(ORDO_DB=$K; worker 1 "$ORDO" stock receive K1 1 --cost 2.00 --ref w1) &
(ORDO_DB=$K; worker 2 "$ORDO" stock receive K1 1 --cost 3.00 --ref w2) &
(ORDO_DB=$K; worker 3 "$ORDO" stock transfer K1 1 --from MAIN --to WH) &
kills=30
[ "$soak" = 1 ] && kills=100
k=0
while [ $k -lt $kills ]; do
	sleep "0.$((5 + $(rnd 25)))"
	w=$((1 + $(rnd 3)))
	p=$(cat "$T/w$w.pid" 2>/dev/null)
	[ -n "$p" ] && kill -9 "$p" 2>/dev/null
	k=$((k + 1))
done
touch "$T/stop"
if until_true 60 test -e "$T/w1.end" -a -e "$T/w2.end" -a -e "$T/w3.end"
then
	ok "no writer hangs after $kills kill -9s"
else
	not_ok "no writer hangs after $kills kill -9s" \
	    "$(ls "$T"/w*.end 2>&1); $(mdb_stat -r "$K" 2>&1)"
	for w in 1 2 3; do kill -9 "$(cat "$T/w$w.pid")" 2>/dev/null; done
fi
killed=$(cat "$T"/w*.log | grep -c '^137$')
other=$(cat "$T"/w1.log "$T"/w2.log | grep -v -e '^0$' -e '^137$' |
    sort | uniq -c)
if [ "$killed" -ge 5 ]; then ok "$killed commands were killed mid-way"
else not_ok "enough commands were killed mid-way" "only $killed"; fi
same "receipts either succeeded or were killed" "" "$other"
cleanchk "check clean after the kill -9 loop" "$K"
# Each receipt that returned 0 is there; a killed one may or may not be.
done1=$(cat "$T"/w1.log "$T"/w2.log | grep -c '^0$')
killr=$(cat "$T"/w1.log "$T"/w2.log | grep -c '^137$')
total=$(ORDO_DB=$K "$ORDO" stock list --csv K1 2>/dev/null | tr -d '\r' |
    awk -F , 'NR == 1 { for (i = 1; i <= NF; i++) if ($i ~ /on_hand/) c = i;
    next } c { s += $c } END { print s + 0 }')
if [ "$total" -ge "$done1" ] && [ "$total" -le $((done1 + killr)) ]; then
	ok "stock = receipts acknowledged ($done1) + some of the killed ($killr): $total"
else
	not_ok "stock = receipts acknowledged + some of the killed" \
	    "on hand $total, acknowledged $done1, killed $killr"
fi
out=$(ORDO_DB=$K "$ORDO" stock receive K1 1 --cost 1.00 2>&1); rc=$?
same "a writer after the loop works" 0 "$rc"

# 3. Files that are not an ordo database: refused (non-zero, a message),
# never changed, and no lock file left behind; a failed init leaves
# nothing.
foreign() {	# foreign NAME DIR FILE CMD...
	name=$1 dir=$2 file=$3; shift 3
	if [ ! -f "$file" ]; then not_ok "$name" "no $file to test with"; return; fi
	before=$(sha "$file")
	err=$(timeout 30 "$@" 2>&1 >/dev/null); rc=$?
	if [ $rc -eq 0 ] || [ $rc -eq 124 ] || [ $rc -gt 128 ]; then
		not_ok "$name" "exit $rc: $err"
	elif case $err in "ordo: "*) false ;; *) true ;; esac; then
		not_ok "$name" "no 'ordo: ' message: [$err]"
	elif [ "$(sha "$file")" != "$before" ]; then
		not_ok "$name" "$file changed"
	elif [ -n "$dir" ] && [ -e "$dir/lock.mdb" ]; then
		not_ok "$name" "left $dir/lock.mdb behind"
	elif [ -n "$dir" ] && [ -e "$dir/turn.lock" ]; then
		not_ok "$name" "left $dir/turn.lock behind"
	else
		ok "$name"
	fi
}
mkdir "$T/sq"
sqlite3 "$T/sq/data.mdb" "create table t(x); insert into t values ('tea');"
foreign "a sqlite3 file as data.mdb: refused" "$T/sq" "$T/sq/data.mdb" \
    "$ORDO" -d "$T/sq" check
foreign "a sqlite3 file as data.mdb: a write refused" "$T/sq" \
    "$T/sq/data.mdb" "$ORDO" -d "$T/sq" item add X "x" --price 1
foreign "a sqlite3 file as data.mdb: init refused" "$T/sq" \
    "$T/sq/data.mdb" "$ORDO" -d "$T/sq" init
mkdir "$T/rnd"
head -c 262144 /dev/urandom >"$T/rnd/data.mdb"
foreign "random bytes as data.mdb: refused" "$T/rnd" "$T/rnd/data.mdb" \
    "$ORDO" -d "$T/rnd" item list
mkdir "$T/zero"
head -c 16384 /dev/zero >"$T/zero/data.mdb"
foreign "zeros as data.mdb: refused" "$T/zero" "$T/zero/data.mdb" \
    "$ORDO" -d "$T/zero" check
mkdir "$T/empty"
: >"$T/empty/data.mdb"
foreign "an empty data.mdb: refused" "$T/empty" "$T/empty/data.mdb" \
    "$ORDO" -d "$T/empty" check
printf 'just some text\n' >"$T/plain"
foreign "a plain file as -d: refused" "" "$T/plain" \
    "$ORDO" -d "$T/plain" check
foreign "a plain file as \$ORDO_DB: a write refused" "" "$T/plain" \
    env ORDO_DB="$T/plain" "$ORDO" item add X "x" --price 1
same "the plain file is still a plain file" "just some text" "$(cat "$T/plain")"
# A failed init takes back all it made, the directory too.
out=$(ORDO_DEMO_DIR="$T/nodemo" "$ORDO" -d "$T/failinit" init --demo 2>&1); rc=$?
same "init --demo without the demo files exits 2" 2 "$rc"
[ ! -e "$T/failinit" ] && ok "a failed init leaves no directory" ||
    not_ok "a failed init leaves no directory" "$(ls -a "$T/failinit")"

# 4. A truncated copy of a real database.
mkdir "$T/trunc"
cp "$G/data.mdb" "$T/trunc/data.mdb"
sz=$(fsize "$T/trunc/data.mdb")
truncate -s $((sz / 2)) "$T/trunc/data.mdb"
foreign "a database truncated to half: refused" "" "$T/trunc/data.mdb" \
    "$ORDO" -d "$T/trunc" check
foreign "a database truncated to half: a write refused" "" \
    "$T/trunc/data.mdb" "$ORDO" -d "$T/trunc" stock receive TEA-LJ-250 1 \
    --cost 1
same "the truncated file keeps its size" "$((sz / 2))" \
    "$(fsize "$T/trunc/data.mdb")"
cleanchk "the original is still clean" "$G"

# 5. A stale reader.  Two "ordo export journal" processes write into
# pipes nobody reads, so each blocks inside its read transaction; A keeps
# the environment open (so the lock file is not reset), B is killed -9 and
# leaves its reader slot behind.  The next ordo must clear it.
readers() { mdb_stat -r "$1" 2>/dev/null | awk 'NR > 2 { print $1, $3 }'; }
inreader() {	# inreader DIR PID: PID holds a read txn
	readers "$1" | awk -v p="$2" '$1 == p && $2 != "-" { f = 1 }
	    END { exit !f }'
}
mkfifo "$T/f1" "$T/f2"
exec 7<>"$T/f1" 8<>"$T/f2"
"$ORDO" -d "$G" export journal >"$T/f1" 2>/dev/null &
A=$!
"$ORDO" -d "$G" export journal >"$T/f2" 2>/dev/null &
B=$!
if until_true 10 inreader "$G" $A && until_true 10 inreader "$G" $B; then
	ok "two readers blocked in their read transactions"
	kill -9 $B
	wait $B 2>/dev/null
	if readers "$G" | grep -q "^$B "; then
		ok "the killed reader left a stale slot (pid $B)"
	else
		not_ok "the killed reader left a stale slot (pid $B)" \
		    "$(mdb_stat -r "$G" 2>&1)"
	fi
	out=$("$ORDO" -d "$G" item show TEA-LJ-250 2>&1); rc=$?
	same "the next ordo runs" 0 "$rc"
	if readers "$G" | grep -q "^$B "; then
		not_ok "the next ordo cleared the stale slot" \
		    "$(mdb_stat -r "$G" 2>&1)"
	else
		ok "the next ordo cleared the stale slot"
	fi
	if inreader "$G" $A; then ok "the live reader's slot is kept"
	else not_ok "the live reader's slot is kept" "$(mdb_stat -r "$G")"; fi
else
	not_ok "two readers blocked in their read transactions" \
	    "$(mdb_stat -r "$G" 2>&1); export journal too small to block?"
	kill -9 $B 2>/dev/null
fi
kill -9 $A 2>/dev/null
wait $A 2>/dev/null
exec 7>&- 8>&-
cleanchk "check clean after the stale reader" "$G"

# 6. Hot backup while two processes write: each copy opens and checks
# clean; the last one, taken at rest, holds the same stock.
rm -f "$T/stop" "$T"/w*.end
(ORDO_DB=$K; worker 1 "$ORDO" stock receive K1 1 --cost 2.00 --ref b1) &
(ORDO_DB=$K; worker 2 "$ORDO" stock transfer K1 1 --from MAIN --to WH) &
nb=3
[ "$soak" = 1 ] && nb=10
i=0 bad=
while [ $i -lt $nb ]; do
	i=$((i + 1))
	out=$(timeout 120 env ORDO_DB="$K" "$ORDO" backup "$T/bk$i" 2>&1) ||
	    bad="$bad
backup $i: $out"
	out=$(timeout 60 "$ORDO" -d "$T/bk$i" check 2>&1) ||
	    bad="$bad
check of copy $i: $out"
done
touch "$T/stop"
until_true 60 test -e "$T/w1.end" -a -e "$T/w2.end" ||
    bad="$bad
writers did not stop"
if [ -z "$bad" ]; then ok "$nb backups under writes: each opens and checks clean"
else not_ok "$nb backups under writes: each opens and checks clean" "$bad"; fi
n1=$(ORDO_DB=$K "$ORDO" stock receive K1 1 --cost 1.00 2>&1 >/dev/null; echo $?)
out=$(ORDO_DB=$K "$ORDO" backup "$T/bk-rest" 2>&1); rc=$?
same "backup at rest exits 0" 0 "$rc"
a=$(ORDO_DB=$K "$ORDO" stock list --csv 2>&1)
b=$("$ORDO" -d "$T/bk-rest" stock list --csv 2>&1)
if [ "$n1" = 0 ] && [ -n "$a" ] && [ "$a" = "$b" ]; then
	ok "the copy holds the same stock"
else
	not_ok "the copy holds the same stock" "[$a] vs [$b]"
fi
mkdir "$T/full"
echo keep >"$T/full/data.mdb"
foreign "backup into a directory that has a data.mdb: refused" "" \
    "$T/full/data.mdb" env ORDO_DB="$K" "$ORDO" backup "$T/full"
