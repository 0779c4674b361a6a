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

# Text that cannot attack a terminal: C1 controls and bidi overrides are
# refused in names and identifiers, with "control character"; notes (an
# import may carry them) keep them, and show and list escape them.
out=$("$ORDO" customer add C2 "$(printf 'Ann\302\23331m')" 2>&1); rc=$?
same "a C1 control in a name: exit 2" 2 "$rc"
has "and the message says control character" "control character (U+009B)" "$out"
out=$("$ORDO" item add B2 "$(printf 'Pear\342\200\256gpj.exe')" --price 1 2>&1); rc=$?
same "a bidi override in a name: exit 2" 2 "$rc"
has "control character, not invalid UTF-8" "control character (U+202E)" "$out"
out=$("$ORDO" item add B3 "$(printf 'Pear\033[31m')" --price 1 2>&1); rc=$?
has "ESC too says control character" "control character (U+001B)" "$out"
out=$("$ORDO" item add "$(printf 'B4\302\205')" Pear --price 1 2>&1); rc=$?
same "a C1 control in a SKU: exit 2" 2 "$rc"
check "notes may hold them" "$ORDO" customer add C3 Bo \
    --notes "$(printf 'call \302\233 first\342\200\256 x')"
out=$("$ORDO" customer show C3)
has "show escapes a C1 control" 'call \u009b first\u202e x' "$out"
case $out in *"$(printf '\302\233')"*) not_ok "show prints the raw control" ;;
*) ok "show prints no raw control" ;; esac
on=$("$ORDO" order new C3 A1:1 --notes "$(printf 'ring\302\2332J twice')")
out=$("$ORDO" order show "$on" 2>&1)
has "order show escapes the notes" 'ring\u009b2J twice' "$out"
case $out in *"$(printf '\302\233')"*) not_ok "order show prints a raw control" ;;
*) ok "order show prints no raw control" ;; esac
refuse "ESC in order notes is refused" 2 "$ORDO" order new C3 A1:1 \
    --notes "$(printf 'ring\033[2J')"

# The currency and its minor digits are the company's: a configuration
# that disagrees is refused (42.50 would show as 4.250).
sed 's/^  minor_digits: 2/  minor_digits: 3/' "$ORDO_CONFIG" > "$T/three.yaml"
grep -q 'minor_digits: 3' "$T/three.yaml" || not_ok "test setup: minor_digits"
out=$("$ORDO" -c "$T/three.yaml" item show A1 2>&1); rc=$?
same "a config with other minor digits: exit 2" 2 "$rc"
has "says the company was made otherwise" "made with CNY 2 minor digits" "$out"
sed 's/^  code: CNY/  code: USD/' "$ORDO_CONFIG" > "$T/usd.yaml"
refuse "a config with another currency: exit 2" 2 "$ORDO" -c "$T/usd.yaml" check
check "the company's own config still works" "$ORDO" check

# "ordo -d DIR init" outside the source tree, with no configuration
# anywhere: a commented starting ordo.yaml in the company, then the
# company; later commands with -d DIR use it.
mkdir "$T/away"
out=$(cd "$T/away" && env -u ORDO_CONFIG -u ORDO_DB XDG_CONFIG_HOME="$T/away/xdg" \
    HOME="$T/away" "$ORDO" -d "$T/away/shop" init 2>&1); rc=$?
same "init -d DIR outside the source tree: exit 0" 0 "$rc"
has "says it wrote a starting configuration" "wrote a starting one" "$out"
[ -f "$T/away/shop/ordo.yaml" ] && ok "ordo.yaml written in the company" ||
    not_ok "no ordo.yaml in the company" "$(ls -la "$T/away/shop" 2>&1)"
has "it is commented" "# Written by \"ordo init\"" "$(head -3 "$T/away/shop/ordo.yaml" 2>/dev/null)"
[ -f "$T/away/shop/data.mdb" ] && ok "the company is in DIR" || not_ok "no data.mdb in DIR"
check "later commands with -d DIR find it" env -u ORDO_CONFIG -u ORDO_DB \
    XDG_CONFIG_HOME="$T/away/xdg" HOME="$T/away" sh -c "cd '$T/away' && '$ORDO' -d '$T/away/shop' check"

# The same with -d after the command ("ordo init -d DIR", as a new user
# types it), and every command takes -d and -c in either place.
away() {	# away CMD...: run ordo in $T/away with no config anywhere
	(cd "$T/away" && env -u ORDO_CONFIG -u ORDO_DB \
	    XDG_CONFIG_HOME="$T/away/xdg" HOME="$T/away" "$ORDO" "$@")
}
out=$(away init -d "$T/away/shop2" 2>&1); rc=$?
same "init -d DIR (option after the command) outside the source tree: exit 0" 0 "$rc"
has "it wrote the commented starting configuration" "wrote a starting one, $T/away/shop2/ordo.yaml" "$out"
[ -f "$T/away/shop2/data.mdb" ] && ok "the company is in DIR" || not_ok "no data.mdb in $T/away/shop2"
check "check -d DIR" away check -d "$T/away/shop2"
check "item add ... --dir DIR" away item add X1 "Cup" --price 2 --dir "$T/away/shop2"
same "item list --dir=DIR sees it" "X1" "$(away item list --dir="$T/away/shop2" --csv | tail -n 1 | cut -d, -f1 | tr -d "\"")"
same "-c after the command is the config" "X1" \
    "$(away item list -c "$T/away/shop2/ordo.yaml" -d "$T/away/shop2" --csv | tail -n 1 | cut -d, -f1 | tr -d "\"")"
out=$(away -d "$T/away/shop2" item list -d "$T/away/shop" 2>&1); rc=$?
same "-d before and after the command: refused (exit 2)" 2 "$rc"
has "says -d was given twice" "-d given twice" "$out"
out=$(away item list -c 2>&1); rc=$?
same "-c without its value after the command: exit 2" 2 "$rc"
has "says it needs a value" "-c needs a value" "$out"
# After "--" a -d is the command's own argument: here a customer code,
# refused by the customer rules, not taken as a directory.
out=$(away -d "$T/away/shop2" customer show -- -d 2>&1)
not_has "after -- a -d is not a directory" "given twice" "$out"
out=$(printf 'item list -d /tmp\n' | away -d "$T/away/shop2" shell 2>&1)
has "inside the shell -d says the company is already chosen" "the company is chosen when ordo starts" "$out"
