#!/bin/sh
# tests/run.sh BUILD [unit|integration]: run the suite and print one line
# "N passed, N failed".  Unit tests are cmocka programs (TAP output);
# integration tests are shell scripts that source tests/lib.sh and print
# TAP "ok"/"not ok" lines.  A program that dies without reporting counts
# as one failure.
B=${1:-build}
what=${2:-all}
top=$(cd "$(dirname "$0")/.." && pwd)
B=$(cd "$B" && pwd)
export ORDO="$B/ordo" ORDO_TOP="$top" ORDO_BUILD="$B"
export CMOCKA_MESSAGE_OUTPUT=TAP
export LC_ALL=C.UTF-8 TZ=UTC
unset ORDO_DB ORDO_CONFIG ORDO_NOW ORDO_MAPSIZE
log=$(mktemp -d)
trap 'rm -rf "$log"' EXIT
pass=0 fail=0 skip=0

run_one() {
	name=$1; shift
	out="$log/out"
	"$@" >"$out" 2>&1
	rc=$?
	p=$(grep -c '^ok ' "$out")
	s=$(grep -c '^not ok .*# SKIP' "$out")
	f=$(($(grep -c '^not ok ' "$out") - s))
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1
		echo "not ok - $name exited $rc without reporting"
	fi
	pass=$((pass + p)); fail=$((fail + f)); skip=$((skip + s))
	if [ "$f" -ne 0 ]; then
		echo "FAIL $name ($p passed, $f failed)"
		sed 's/^/    /' "$out" | tail -n 40
	else
		echo "ok   $name ($p passed)"
	fi
}

if [ "$what" = all ] || [ "$what" = unit ]; then
	for t in "$B"/tests/test_*; do
		[ -x "$t" ] || continue
		if [ -n "$ORDO_VALGRIND" ]; then
			run_one "$(basename "$t") (valgrind)" valgrind -q \
			    --error-exitcode=9 --leak-check=full "$t"
		else
			run_one "$(basename "$t")" "$t"
		fi
	done
fi
if [ "$what" = all ] || [ "$what" = integration ]; then
	for t in "$top"/tests/integration/*.sh; do
		[ -f "$t" ] || continue
		run_one "$(basename "$t")" sh "$t"
	done
fi
if [ "$skip" -gt 0 ]; then
	echo "$pass passed, $fail failed, $skip skipped"
else
	echo "$pass passed, $fail failed"
fi
[ "$fail" -eq 0 ]
