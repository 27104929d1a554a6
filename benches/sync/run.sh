#!/usr/bin/env bash
# Sync benchmarks (issue 18), whole processes with hyperfine. Needs a release build
# (`cargo build --release`), git and hyperfine; uses a scratch folder (default
# /tmp/dossier-sync-bench) and removes nothing else.
#
#   bash benches/sync/run.sh [RECORDS]        # default 100000; also run with 10000
#
# It prints: the time of `dossier sync` sending 10 changed records and receiving them on
# the other desktop; `dossier clone` against `git clone` of the same repository; and the
# peak memory of syncing a 4 GiB original (set BIG_GIB=0 to skip that part). DOSSIER_BIN
# names another build to measure (two builds side by side); REUSE=1 keeps the catalogues.
set -euo pipefail
N=${1:-100000}
BIG_GIB=${BIG_GIB:-4}
D=${DOSSIER_BIN:-$(cd "$(dirname "$0")/../.." && pwd)/target/release/dossier}
W=${SCRATCH:-/tmp/dossier-sync-bench}/n$N
export DOSSIER_USER=Bench DOSSIER_CONFIG_DIR=$W/config DOSSIER_DATA_DIR=$W/data
if [ -z "${REUSE:-}" ]; then
rm -rf "$W" && mkdir -p "$W"
cd "$W"
echo "== $N records: generate, set up sync, first push"
$D generate a --records "$N" --attachments 0 --plain >/dev/null
$D remote a add usb "$W/usb.git" --init >/dev/null
/usr/bin/time -f "first sync (push of every record): %e s, %M KiB peak" $D sync a >/dev/null 2>"$W/first.err" || cat "$W/first.err"
tail -1 "$W/first.err"
echo "== clone: dossier clone against git clone of the same repository"
hyperfine -N -w 0 -r 3 --prepare "rm -rf $W/b $W/g" \
  "$D clone $W/usb.git $W/b" "git clone -q $W/usb.git $W/g"
rm -rf "$W/g"
fi
cd "$W"
# hyperfine's last --prepare removed the clone: make the desktop that receives.
[ -d "$W/b" ] || $D clone "$W/usb.git" "$W/b" >/dev/null
{ $D list a 2>/dev/null || true; } | head -10 | cut -d' ' -f1 >"$W/ids"
cat >"$W/edit10.sh" <<EDIT
for id in \$(cat $W/ids); do $D set $W/a \$id --title "Changed \$RANDOM" >/dev/null 2>&1; done
EDIT
echo "== sync of 10 changed records: send (a), then receive (b)"
hyperfine -N -w 1 -r 7 --prepare "bash $W/edit10.sh" "$D sync $W/a"
hyperfine -N -w 1 -r 7 --prepare "bash -c 'bash $W/edit10.sh; $D sync $W/a >/dev/null 2>&1'" "$D sync $W/b"
echo "== opening the whole catalogue (a sync does only when something changed outside Dossier)"
hyperfine -N -w 1 -r 5 "$D list $W/a --label red"
if [ "$BIG_GIB" != 0 ]; then
  echo "== a $BIG_GIB GiB original: import, sync (to the folder remote), receive on the clone"
  head -c $((BIG_GIB * 1024 * 1024 * 1024)) /dev/urandom >"$W/big.bin"
  $D add a --kind media --title Big --attach "$W/big.bin" >/dev/null 2>&1
  rm -f "$W/big.bin"
  /usr/bin/time -f "sync sending it: %e s, %M KiB peak" $D sync a >/dev/null 2>"$W/big.err"; tail -1 "$W/big.err"
  /usr/bin/time -f "sync receiving it: %e s, %M KiB peak" $D sync b >/dev/null 2>"$W/big.err"; tail -1 "$W/big.err"
fi
