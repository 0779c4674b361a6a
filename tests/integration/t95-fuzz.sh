# The short fuzz pass of make check: every libFuzzer target for a few
# seconds (make fuzz runs them for minutes).
FUZZ_SECONDS=${FUZZ_SECONDS:-8} sh "$ORDO_TOP/tests/fuzz.sh"
