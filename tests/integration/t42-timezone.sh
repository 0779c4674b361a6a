#!/bin/sh
# t42-timezone: the shop's time zone decides the day of an order and
# "today".  In China (UTC+8) 01:30 on 2 March is 17:30 on 1 March in
# UTC: without a timezone the order is filed under 1 March, with
# "timezone: Asia/Shanghai" under 2 March, as the clerk who took it
# would expect.
. "${ORDO_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"

"$ORDO" init --demo >/dev/null 2>&1 || { not_ok "init --demo"; exit 0; }
# nums ARGS...: the numbers order list gives.
nums() {
	"$ORDO" order list --csv "$@" | awk -F, 'NR > 1 { printf "%s ", $1 }'
}
# 17:30 UTC on 1 March: 01:30 on 2 March in Shanghai.
late=$(ORDO_NOW="2026-03-01 17:30:00" "$ORDO" order new HZTEA TEA-LJ-100:1)
same "no timezone: a UTC day" "$late " "$(nums --from 2026-03-01 --to 2026-03-01)"

# A second company, the same but for its zone.
sed 's/^#timezone:.*/timezone: Asia\/Shanghai/' "$ORDO_CONFIG" >"$T/sh.yaml"
grep -q '^timezone: Asia/Shanghai' "$T/sh.yaml" || not_ok "sh.yaml has a zone"
export ORDO_CONFIG="$T/sh.yaml" ORDO_DB="$T/sh"
"$ORDO" init --demo >/dev/null 2>&1 || { not_ok "init --demo (Shanghai)"; exit 0; }
early=$(ORDO_NOW="2026-03-01 17:30:00" "$ORDO" order new HZTEA TEA-LJ-100:1)
noon=$(ORDO_NOW="2026-03-01 04:00:00" "$ORDO" order new HZTEA TEA-LJ-100:1)
same "Shanghai: 01:30 is 2 March" "$early " "$(nums --from 2026-03-02 --to 2026-03-02)"
same "Shanghai: 12:00 on 1 March" "$noon " "$(nums --from 2026-03-01 --to 2026-03-01)"
out=$("$ORDO" order show "$early" 2>&1)
has "created shown in Shanghai time" "2026-03-02 01:30" "$out"
# "today" of a report: 23:59 UTC on 1 March is 2 March in Shanghai.
out=$(ORDO_NOW="2026-03-01 23:59:00" "$ORDO" order list --csv 2>&1 | sed -n 2,3p)
has "list shows the Shanghai day" "2026-03-02" "$out"
check "check clean" "$ORDO" check

# A zone that does not exist is refused, naming the file and line.
sed 's/^timezone:.*/timezone: Asia\/Atlantis/' "$T/sh.yaml" >"$T/bad.yaml"
out=$(ORDO_CONFIG="$T/bad.yaml" "$ORDO" order list 2>&1); rc=$?
same "unknown zone: exit 2" 2 "$rc"
has "unknown zone: names file and key" "bad.yaml:" "$out"
has "unknown zone: says which" "Asia/Atlantis" "$out"
refuse "a path is not a zone" 2 env ORDO_CONFIG="$T/bad2.yaml" sh -c \
    "sed 's/^timezone:.*/timezone: ..\/..\/etc\/passwd/' '$T/sh.yaml' >'$T/bad2.yaml' && '$ORDO' order list"
