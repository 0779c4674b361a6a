#!/bin/sh
# tests/demo.sh ORDO: "make run".  Opens the demo company: the database of
# the shipped config (data/company), created with "ordo init --demo" on
# first use, checked, then opened (the shell on a terminal, the summary
# otherwise).
ORDO=${1:-build/ordo}
top=$(cd "$(dirname "$0")/.." && pwd)
case $ORDO in /*) ;; *) ORDO=$PWD/$ORDO ;; esac
cd "$top" || exit 1
export ORDO_CONFIG="$top/config/ordo.yaml"
# The demo is the config's company; a test's clock or company must not
# leak in from the environment.
unset ORDO_DB ORDO_NOW ORDO_MAPSIZE
if [ ! -f data/company/data.mdb ]; then
	echo "ordo: creating the demo company in data/company"
	"$ORDO" init --demo || {
		echo "ordo: could not create the demo company" >&2
		exit 1
	}
fi
"$ORDO" check ||
    echo "ordo: the check above found problems; opening anyway" >&2
exec "$ORDO"
