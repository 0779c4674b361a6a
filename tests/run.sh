#!/bin/sh
# tests/run.sh BUILD [unit|integration]: run the suite (ONLY: see wanted) and print one line
# "N passed, N failed".  Unit tests are cmocka programs (TAP output);
# integration tests are shell scripts that source tests/lib.sh and print
# TAP "ok"/"not ok" lines.  A program that dies without reporting counts
# as one failure.
#
# Under a sanitizer build (make asan, make tsan) every report goes to a file of its
# own, and a test that left one fails, whatever its TAP lines say: a
# sanitizer exits 1 by default, the same code as an ordo refusal, and
# many tests discard the output of the commands they run.  Options the
# caller sets in ASAN_OPTIONS, UBSAN_OPTIONS, LSAN_OPTIONS or TSAN_OPTIONS
# come after ours and win.
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
san="$log/san"
mkdir "$san"
export ASAN_OPTIONS="log_path=$san/report${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
export LSAN_OPTIONS="log_path=$san/report${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
u="log_path=$san/report:print_stacktrace=1"
export UBSAN_OPTIONS="$u${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"
export TSAN_OPTIONS="log_path=$san/report${TSAN_OPTIONS:+:$TSAN_OPTIONS}"

# ONLY="t90 test_order" runs only the tests whose names start with a word
# of ONLY (a quick run while working; make check runs everything).
wanted() {
	[ -z "$ONLY" ] && return 0
	for w in $ONLY; do
		case $1 in "$w"*) return 0 ;; esac
	done
	return 1
}

run_one() {
	name=$1; shift
	wanted "$name" || return 0
	out="$log/out"
	rm -f "$san"/*
	"$@" >"$out" 2>&1
	rc=$?
	p=$(grep -c '^ok ' "$out")
	s=$(grep -c '^not ok .*# SKIP' "$out")
	f=$(($(grep -c '^not ok ' "$out") - s))
	for r in "$san"/*; do
		# Only reports count: a process that a test kills with -9
		# during its exit-time leak check leaves a file that says
		# no more than "Unable to get registers from thread N".
		[ -f "$r" ] &&
		    grep -Eq 'ERROR: |runtime error: |WARNING: ThreadSanitizer' "$r" ||
		    continue
		f=$((f + 1))
		echo "not ok - $name: a sanitizer reported (pid ${r##*.})"
		sed 's/^/    /' "$r" | head -n 40
	done
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
