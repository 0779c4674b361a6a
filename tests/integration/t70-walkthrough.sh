#!/bin/sh
# t70-walkthrough: the README's walkthrough works as written.  The fenced
# sh block under "## Walkthrough" in README.md is run command by command
# (a line ending in a backslash continues), in one shell so variables
# carry over, with "ordo" on PATH and a fresh company; each command must
# exit 0 (set -e: the first failure stops the walk).  At the end the check
# is clean and the trial balance sums to zero.
. "${ORDO_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"

readme=$ORDO_TOP/README.md
awk '/^## Walkthrough/ { w = 1; next }
    w && /^## / { exit }
    w && !b && /^```(sh|shell|console)?[ \t]*$/ { b = 1; next }
    b && /^```/ { exit }
    b { print }' "$readme" 2>/dev/null >"$T/walk"
if [ -s "$T/walk" ]; then
	ok "README.md has a sh block under ## Walkthrough"
else
	not_ok "README.md has a sh block under ## Walkthrough"
	exit 0
fi

mkdir -p "$T/bin" "$T/home"
ln -s "$ORDO" "$T/bin/ordo"
PATH=$T/bin:$PATH
export PATH
cd "$T/home" || exit 1

# Run it in a shell of its own (its variables are its own), with set -e:
# each command (lines joined over trailing backslashes) is written as is
# between two markers on fd 3, so the markers show which commands
# finished and which one failed.  Comments and blank lines are skipped.
awk 'function flush() {
		if (cmd == "") return
		k++
		printf "echo \"BEGIN %d\" >&3\n%s\necho \"END %d\" >&3\n", k, cmd, k
		printf "%s\n", one >"/dev/stderr"
		cmd = ""; one = ""
	}
	{
		line = $0
		if (cmd == "" && line ~ /^[ \t]*(#|$)/) next
		cmd = cmd (cmd == "" ? "" : "\n") line
		t = line; sub(/^[ \t]+/, "", t)
		one = one (one == "" ? "" : " ") t
		if (line ~ /\\$/) { sub(/[ \t]*\\$/, "", one); next }
		flush()
	}
	END { flush() }' "$T/walk" >"$T/walk.sh" 2>"$T/walk.names"
(set -e; . "$T/walk.sh") </dev/null >"$T/out" 2>&1 3>"$T/marks"
ran=0 failed=0 k=0
while IFS= read -r name; do
	k=$((k + 1))
	if grep -qx "END $k" "$T/marks"; then
		ok "walkthrough: $name"
		ran=$((ran + 1))
	elif grep -qx "BEGIN $k" "$T/marks"; then
		not_ok "walkthrough: $name" "$(tail -n 5 "$T/out")"
		failed=1
	fi
done <"$T/walk.names"

if [ $failed -eq 0 ] && [ $ran -ge 5 ]; then
	ok "the whole walkthrough ran ($ran commands)"
else
	not_ok "the whole walkthrough ran" "$ran commands, failed: $failed"
fi
# The walk may have changed ORDO_DB (it is the user's shell): check
# whatever company it left the user in.
out=$(ordo check 2>&1); rc=$?
if [ $rc -eq 0 ]; then ok "check clean after the walkthrough"
else not_ok "check clean after the walkthrough" "exit $rc: $out"; fi
total=$(ordo ledger trial-balance --csv 2>&1 | tr -d '\r' | awk -F , '
	function fen(s,  neg, m) {
		gsub(/"/, "", s)
		neg = sub(/^-/, "", s); split(s, m, ".")
		s = m[1] * 100 + substr(m[2] "00", 1, 2)
		return neg ? -s : s
	}
	NR == 1 { for (i = 1; i <= NF; i++) { gsub(/"/, "", $i); h[$i] = i }
	    next }
	{ d += fen($(NF - 1)); c += fen($NF) }
	END { print (NR > 1 ? d - c : "none") }')
same "trial balance sums to zero after the walkthrough" 0 "$total"
