# tests/lib.sh: sourced by integration tests.  Gives a fresh company in a
# temporary directory and TAP helpers.  $ORDO is the binary under test.
set -u
: "${ORDO:?run through tests/run.sh or set ORDO}"
: "${ORDO_TOP:=$(cd "$(dirname "$0")/../.." && pwd)}"
T=$(mktemp -d "${TMPDIR:-/tmp}/ordo-test.XXXXXX")
trap 'rm -rf "$T"' EXIT
export ORDO_DB="$T/co"
# The tests count on prices before tax: the demo's configuration with
# tax.prices_include set explicitly to false (the demo itself includes tax).
sed 's/^\( *prices_include:\).*/\1 false/' "$ORDO_TOP/config/ordo.yaml" \
    >"$T/ordo.yaml"
export ORDO_CONFIG="$T/ordo.yaml"
export ORDO_CHANNELS="${ORDO_CHANNELS:-$ORDO_TOP/config/channels}"
export ORDO_DEMO_DIR="${ORDO_DEMO_DIR:-$ORDO_TOP/data/demo}"
n=0

ok() {	# ok NAME: passed
	n=$((n + 1)); echo "ok $n - $1"
}
not_ok() {	# not_ok NAME [DETAIL]
	n=$((n + 1)); echo "not ok $n - $1"
	[ $# -gt 1 ] && printf '%s\n' "$2" | sed 's/^/# /'
	return 0
}
# check NAME CMD...: passes when CMD exits 0.
check() {
	name=$1; shift
	if out=$("$@" 2>&1); then ok "$name"; else not_ok "$name" "$out"; fi
}
# refuse NAME CODE CMD...: passes when CMD exits with CODE.
refuse() {
	name=$1; code=$2; shift 2
	out=$("$@" 2>&1); rc=$?
	if [ "$rc" -eq "$code" ]; then ok "$name"
	else not_ok "$name" "exit $rc, wanted $code: $out"; fi
}
# same NAME WANT GOT
same() {
	if [ "$2" = "$3" ]; then ok "$1"
	else not_ok "$1" "wanted [$2] got [$3]"; fi
}
# has NAME NEEDLE HAYSTACK: HAYSTACK contains NEEDLE
has() {
	case $3 in *"$2"*) ok "$1" ;; *) not_ok "$1" "no [$2] in [$3]" ;; esac
}
# not_has NAME NEEDLE HAYSTACK: HAYSTACK does not contain NEEDLE
not_has() {
	case $3 in *"$2"*) not_ok "$1" "[$2] in [$3]" ;; *) ok "$1" ;; esac
}
