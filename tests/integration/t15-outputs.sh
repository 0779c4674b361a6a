# Outputs never damage the host (issue 11): -o FILE, backups and rejects
# files are written in place to devices and FIFOs, never renamed over
# them or over a symbolic link, and are created private.
. "$ORDO_TOP/tests/lib.sh"
umask 022
"$ORDO" init --demo >/dev/null || exit 1

# /dev/null stays a character device (it was once replaced by a file).
out=$("$ORDO" export journal -o /dev/null 2>&1); rc=$?
same "export -o /dev/null exits 0" 0 "$rc"
[ -c /dev/null ] && ok "/dev/null is still a character device" ||
    not_ok "/dev/null is no longer a device" "$(ls -l /dev/null)"
out=$("$ORDO" backup /dev/null 2>&1); rc=$?
same "backup /dev/null exits 0" 0 "$rc"
has "backup to a device says it was not verified" "not verified" "$out"
[ -c /dev/null ] && ok "/dev/null is still a character device after backup" ||
    not_ok "/dev/null replaced by backup" "$(ls -l /dev/null)"

# A FIFO is written in place and stays a FIFO.
"$ORDO" export journal -o "$T/ref.csv" || exit 1
mkfifo "$T/fifo"
cat "$T/fifo" > "$T/got.csv" &
reader=$!
"$ORDO" export journal -o "$T/fifo"; rc=$?
wait $reader
same "export to a FIFO exits 0" 0 "$rc"
[ -p "$T/fifo" ] && ok "the FIFO is still a FIFO" || not_ok "FIFO replaced" "$(ls -l "$T")"
cmp -s "$T/ref.csv" "$T/got.csv" && ok "the reader got the whole export" ||
    not_ok "FIFO reader got" "$(wc -c < "$T/got.csv") of $(wc -c < "$T/ref.csv") bytes"

# A backup into a FIFO streams the copy, which is a whole database.
mkfifo "$T/bfifo"
mkdir "$T/restored"
cat "$T/bfifo" > "$T/restored/data.mdb" &
reader=$!
"$ORDO" backup "$T/bfifo" >/dev/null; rc=$?
wait $reader
same "backup to a FIFO exits 0" 0 "$rc"
[ -p "$T/bfifo" ] && ok "the backup FIFO is still a FIFO" || not_ok "backup FIFO replaced"
check "the streamed copy checks clean" "$ORDO" -d "$T/restored" check

# A symbolic link is followed, never replaced.
echo old > "$T/target.csv"
ln -s "$T/target.csv" "$T/link.csv"
check "export through a symlink" "$ORDO" export journal -o "$T/link.csv"
[ -L "$T/link.csv" ] && ok "the symlink is still a symlink" ||
    not_ok "symlink replaced" "$(ls -l "$T")"
cmp -s "$T/ref.csv" "$T/target.csv" && ok "the file it names holds the export" ||
    not_ok "target" "$(head -c 200 "$T/target.csv")"
ln -s "$T/nothing.csv" "$T/dangling.csv"
refuse "a symlink to nothing is refused" 2 "$ORDO" export journal -o "$T/dangling.csv"
has "and says so" "symbolic link to nothing" "$out"
[ -e "$T/nothing.csv" ] && not_ok "a file was created through the dangling link" ||
    ok "nothing created through it"
refuse "a directory is refused" 2 "$ORDO" export journal -o "$T"
left=$(ls -a "$T" | grep -c '^\.[^.]')
same "no temporary files left beside the outputs" 0 "$left"

# Outputs are private: exports and rejects 0640, a backup's data.mdb
# with the company's mode, never world-readable.
"$ORDO" export journal -o "$T/new.csv"
same "a new export is -rw-r-----" "-rw-r-----" "$(ls -l "$T/new.csv" | cut -c1-10)"
echo x > "$T/old.csv"; chmod 644 "$T/old.csv"
"$ORDO" export journal -o "$T/old.csv"
same "a replaced export is -rw-r-----" "-rw-r-----" "$(ls -l "$T/old.csv" | cut -c1-10)"
chmod 660 "$ORDO_DB/data.mdb"
"$ORDO" backup "$T/bk" >/dev/null
same "a backup's data.mdb has the company's mode" "-rw-rw----" \
    "$(ls -l "$T/bk/data.mdb" | cut -c1-10)"
chmod 640 "$ORDO_DB/data.mdb"
"$ORDO" backup "$T/bk2" >/dev/null
same "another company mode, the same in its backup" "-rw-r-----" \
    "$(ls -l "$T/bk2/data.mdb" | cut -c1-10)"
refuse "a backup into a regular file is refused" 2 "$ORDO" backup "$T/new.csv"

cc -O2 -o "$T/gen" "$ORDO_TOP/tests/bench/gen_shopify.c" || exit 1
tail -n +2 "$ORDO_TOP/data/demo/items.csv" | cut -d, -f1 | head -5 > "$T/skus"
"$T/gen" 10 "$T/skus" | sed 's/^\(#1003,[^,]*,[^,]*,[^,]*,[^,]*,[^,]*,[^,]*,[^,]*,[^,]*,[^,]*,[^,]*,[^,]*,[^,]*,[^,]*,[^,]*,[^,]*\),[0-9]*,/\1,abc,/' > "$T/d.csv"
"$ORDO" import "$T/d.csv" >/dev/null 2>&1
[ -f "$T/d.rejects.csv" ] && ok "rejects file written" || not_ok "no rejects file"
same "a rejects file is -rw-r-----" "-rw-r-----" "$(ls -l "$T/d.rejects.csv" | cut -c1-10)"
# A rejects file that is a symlink stays one.
sed 's/^#10/#20/' "$T/d.csv" > "$T/e.csv"
echo old > "$T/e-real.csv"
ln -s "$T/e-real.csv" "$T/e.rejects.csv"
"$ORDO" import "$T/e.csv" >/dev/null 2>&1
[ -L "$T/e.rejects.csv" ] && ok "a rejects symlink stays a symlink" ||
    not_ok "rejects symlink replaced"
has "the file it names holds the rejects" "quantity" "$(cat "$T/e-real.csv")"
