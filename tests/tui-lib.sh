# tests/tui-lib.sh: drive the real ordo in a private tmux server and
# compare whole screens with expected text kept beside the test (like
# tig's and tmux's own tests).  Sourced after tests/lib.sh.
#
#   tui_start W H [VAR=VALUE ...]   start "ordo" in a W x H pane
#                                   ("ordo $TUI_ARGS" when set)
#   tui_keys KEY ...                send keys (tmux key names)
#   tui_type TEXT                   send text literally
#   tui_wait TEXT                   wait (bounded) until TEXT shows
#   tui_screen NAME                 compare the screen with NAME.screen
#   tui_stop                        end the server
#
# ORDO_TUI_UPDATE=1 writes the expected files instead of comparing
# (review the diff before committing them).
TUI_N=0
TUI_NAME=${TUI_NAME:-tui}
TM="tmux -L ordo-$$-$TUI_NAME$TUI_N"
TUI_DIR=${TUI_DIR:-"$ORDO_TOP/tests/integration/tui"}
export ORDO_USER=clerk1 ORDO_NOW="2026-03-02 09:30:00"

# Fail the whole script (one not-ok) when tmux is missing.
command -v tmux >/dev/null || { echo "not ok 1 - tmux is installed"; exit 0; }

tui_stop() {
	$TM kill-server 2>/dev/null
	return 0
}
trap 'tui_stop; rm -rf "$T"' EXIT

tui_start() {
	w=$1; h=$2; shift 2
	tui_stop
	# A new server each time: no race with the one just ended.
	TUI_N=$((TUI_N + 1))
	TM="tmux -L ordo-$$-$TUI_NAME$TUI_N"
	# The pane keeps running after ordo exits, to show its exit code.
	printf 'set -g status off\nset -g default-terminal screen\n' \
	    > "$T/tmux.conf"
	$TM -f "$T/tmux.conf" new-session -d -x "$w" -y "$h" \
	    "env TERM=${TUI_TERM:-screen} LC_ALL= LANG=C.UTF-8 $* \
	    ORDO_DB='$ORDO_DB' ORDO_CONFIG='$ORDO_CONFIG' \
	    ORDO_USER='$ORDO_USER' ORDO_NOW='$ORDO_NOW' '$ORDO' \
	    ${TUI_ARGS:-}; \
	    echo EXIT=\$?; sleep 600"
}

tui_keys() {
	$TM send-keys "$@"
}

tui_type() {
	$TM send-keys -l -- "$1"
}

tui_cap() {
	$TM capture-pane -p 2>/dev/null
}

# tui_wait TEXT [TRIES]: poll every 0.05 s, at most TRIES (400) times.
tui_wait() {
	i=0
	while [ $i -lt "${2:-400}" ]; do
		case $(tui_cap) in *"$1"*) return 0 ;; esac
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}

# tui_settle: wait until the screen stops changing (bounded).
tui_settle() {
	prev=$(tui_cap)
	i=0
	while [ $i -lt 40 ]; do
		sleep 0.05
		cur=$(tui_cap)
		[ "$cur" = "$prev" ] && return 0
		prev=$cur
		i=$((i + 1))
	done
}

# tui_screen NAME [WAIT-FOR]: the whole screen must equal NAME.screen.
tui_screen() {
	[ $# -gt 1 ] && tui_wait "$2"
	tui_settle
	got=$(tui_cap)
	f="$TUI_DIR/$1.screen"
	if [ -n "${ORDO_TUI_UPDATE:-}" ]; then
		printf '%s\n' "$got" > "$f"
		ok "screen $1 (written)"
		return
	fi
	if [ ! -f "$f" ]; then
		not_ok "screen $1" "no $f; got:
$got"
		return
	fi
	if [ "$got" = "$(cat "$f")" ]; then
		ok "screen $1"
	else
		not_ok "screen $1" "$(printf '%s\n' "$got" | diff "$f" - )"
	fi
}
