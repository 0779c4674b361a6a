# Every string the TUI shows has a Chinese translation: the strings
# marked for gettext in src/tui and the titles, headers, labels and help
# of forms/*.yaml are all in po/zh_CN.po (msgcmp), and the catalogue
# builds without errors (msgfmt -c).
. "$ORDO_TOP/tests/lib.sh"
command -v xgettext >/dev/null || { echo "not ok 1 - gettext is installed"; exit 0; }
cd "$ORDO_TOP" || exit 1
xgettext -k_ -kN_ --from-code=UTF-8 -o "$T/tui.pot" src/tui/*.c src/tui/*.h
# The forms' visible text, as a C file xgettext reads.
sed -n 's/^ *\(- \)\{0,1\}\(title\|label\|help\): *\(.*\)$/_("\3")/p;
    s/.*header: *"\{0,1\}\([^",}]*\)"\{0,1\}.*/_("\1")/p' forms/*.yaml |
    sed 's/"\\{0,1\\}$//' > "$T/forms.c"
xgettext -k_ --from-code=UTF-8 -L C -o "$T/forms.pot" "$T/forms.c"
check "catalogue is well formed" msgfmt -c -o /dev/null po/zh_CN.po
check "every TUI string is translated" msgcmp po/zh_CN.po "$T/tui.pot"
check "every form string is translated" msgcmp po/zh_CN.po "$T/forms.pot"
n_forms=$(grep -c '^_(' "$T/forms.c")
[ "$n_forms" -ge 20 ] && ok "form strings found ($n_forms)" ||
    not_ok "form strings found" "$(cat "$T/forms.c")"
echo "1..$n"
