# Messages and options (issue 11): an option given twice is refused, not
# resolved by the last one; "--" ends the options of every command.
. "$ORDO_TOP/tests/lib.sh"
"$ORDO" init >/dev/null || exit 1
"$ORDO" item add A1 Apple --price 1 >/dev/null || exit 1
"$ORDO" customer add C1 Ann >/dev/null || exit 1

out=$("$ORDO" item add B1 Pear --price 1 --price 2 2>&1); rc=$?
same "--price twice: exit 2" 2 "$rc"
has "--price twice: says so" "--price given twice" "$out"
refuse "--price twice: nothing added" 2 "$ORDO" item show B1
out=$("$ORDO" stock receive A1 5 --cost 1 --loc MAIN --loc WH 2>&1); rc=$?
same "--loc twice: exit 2" 2 "$rc"
has "--loc twice: says so" "--loc given twice" "$out"
same "--loc twice: nothing received" "" "$("$ORDO" stock list --csv A1 | tail -n +2)"
out=$("$ORDO" export journal -o /dev/null --output /dev/null 2>&1); rc=$?
same "-o and --output: exit 2" 2 "$rc"
has "-o and --output: says so" "--output given twice" "$out"
out=$("$ORDO" item list --csv --csv 2>&1); rc=$?
same "a flag twice: exit 2" 2 "$rc"
out=$("$ORDO" -d "$T/a" -d "$T/b" check 2>&1); rc=$?
same "-d twice: exit 2" 2 "$rc"
has "-d twice: says so" "-d given twice" "$out"

# "--": what follows is an argument, even when it starts with "-".
check "item show -- A1" "$ORDO" item show -- A1
check "customer show -- C1" "$ORDO" customer show -- C1
check "stock list --" "$ORDO" stock list --
check "order list --" "$ORDO" order list --
check "check --" "$ORDO" check --
check "ledger trial-balance --" "$ORDO" ledger trial-balance --
on=$("$ORDO" order new -- C1 A1:1 2>&1)
check "order new -- C1 A1:1" "$ORDO" order show -- "$on"
out=$("$ORDO" item show -- --help 2>&1); rc=$?
same "item show -- --help looks for the SKU --help" 2 "$rc"
not_has "and prints no usage as help" "usage:" "$(echo "$out" | head -1)"
out=$("$ORDO" stock receive -- A1 1 --cost 1 2>&1); rc=$?
same "--cost after -- is an argument: too many" 2 "$rc"
has "and says so" "too many arguments" "$out"
