#!/bin/sh
# Make sure the Debian packages ordo builds and tests with are present.
# Installs them with apt-get when root (or with sudo); otherwise prints the
# exact command and stops.
PKGS="build-essential pkg-config libncurses-dev liblmdb-dev lmdb-utils
libyaml-dev libcsv-dev libreadline-dev libcmocka-dev libssl-dev tmux gettext hledger sqlite3
clang libclang-rt-14-dev tzdata
socat paps ghostscript fonts-wqy-microhei poppler-utils"
missing=
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
	    missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "ordo: installing missing Debian packages:$missing"
if [ "$(id -u)" = 0 ]; then
	SUDO=
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
	SUDO=sudo
else
	echo "ordo: please run as root:" >&2
	echo "  apt-get update && apt-get install -y$missing" >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq &&
    $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null ||
    { echo "ordo: apt-get failed; run: apt-get install -y$missing" >&2; exit 1; }
