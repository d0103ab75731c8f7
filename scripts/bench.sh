#!/usr/bin/env bash
# Measures Pail against baselines taken in the same run on the same machine, and prints ratios.
#   scripts/bench.sh [RUNS]     (default 3 runs of each figure; the median is reported)
# Needs: a release build (made here), GNU time (/usr/bin/time), bc, python3. Uses a scratch folder
# under ${TMPDIR:-/tmp} and removes it afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
swift build -c release >/dev/null
pail=$PWD/.build/release/pail
work=$(mktemp -d "${TMPDIR:-/tmp}/pail-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$work"

seconds() { local start end; start=$(date +%s.%N); "$@" >/dev/null; end=$(date +%s.%N); echo "$end - $start" | bc; }
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
ratio() { echo "scale=2; $1 / $2" | bc; }

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ { print $2 }') GiB, $(uname -r), $(df -T "$work" | awk 'NR == 2 { print $2 }') at $work"

# 1. One 1 GiB file: pail upload (presign + streamed PUT + fsync) against cp followed by md5sum.
head -c 1073741824 /dev/urandom > big.bin
base=(); mine=()
for i in $(seq "$runs"); do
    rm -f copy.bin; sync
    base+=("$(seconds sh -c 'cp big.bin copy.bin && md5sum copy.bin')")
    rm -rf root; sync
    mine+=("$(seconds env PAIL_ROOT="$work/root" "$pail" upload -q big.bin big.bin)")
done
b=$(printf '%s\n' "${base[@]}" | median); m=$(printf '%s\n' "${mine[@]}" | median)
echo "upload 1 GiB: pail ${m}s ($(echo "scale=0; 1024 / $m" | bc) MiB/s), cp+md5sum ${b}s, ratio $(ratio "$m" "$b")"
rm -rf root
rss=$( { /usr/bin/time -f '%M' env PAIL_ROOT="$work/root" "$pail" upload -q big.bin big.bin >/dev/null; } 2>&1 | tail -1)
echo "peak memory during the 1 GiB upload: $((rss / 1024)) MiB RSS"
rm -f big.bin copy.bin

# 2. A folder of 10,000 files of 4 KiB: pail upload against cp -r.
python3 -c "
import os
for i in range(10000):
    d = 'small/d%02d' % (i % 100)
    os.makedirs(d, exist_ok=True)
    with open('%s/f%05d' % (d, i), 'wb') as f: f.write(os.urandom(4096))
"
base=(); mine=()
for i in $(seq "$runs"); do
    rm -rf small-copy; sync
    base+=("$(seconds cp -r small small-copy)")
    rm -rf root; sync
    mine+=("$(seconds env PAIL_ROOT="$work/root" PAIL_DELAY_MS=100000000 "$pail" upload -q small small/)")
done
b=$(printf '%s\n' "${base[@]}" | median); m=$(printf '%s\n' "${mine[@]}" | median)
echo "upload 10,000 x 4 KiB: pail ${m}s, cp -r ${b}s, ratio $(ratio "$m" "$b")"

# 3. pail wait applying the 10,000 pending Object Created events of the last upload.
w=$(seconds env PAIL_ROOT="$work/root" "$pail" wait)
echo "pail wait, 10,000 pending events: ${w}s ($(echo "scale=0; 10000 / $w" | bc) events/s)"
env PAIL_ROOT="$work/root" "$pail" check >/dev/null && echo "check after the run: consistent"

# 4. The terminal UI (headless) with a folder of ${UI_FILES:-100000} one-byte files: time to the first frame
#    against `pail --version`, and the render time of each frame while scrolling that folder.
files=${UI_FILES:-100000}
rm -rf root small small-copy && mkdir many
python3 -c "
for i in range($files): open('many/f%06d.txt' % i, 'w').write('x')
"
export PAIL_ROOT="$work/root"
"$pail" upload -q many many >/dev/null && "$pail" wait >/dev/null
printf 'expect many/\n' > first.txt
printf 'key l\nexpect f000000.txt\n' > open.txt
{ echo "key l"; echo "expect f000000.txt"; for i in $(seq 300); do echo "key j"; done
  for i in $(seq 100); do echo "key pgdn"; done; echo "key G"; for i in $(seq 100); do echo "key pgup"; done; } > scroll.txt
base=(); mine=(); open=()
for i in $(seq "$runs"); do
    base+=("$(seconds "$pail" --version)")
    mine+=("$(seconds "$pail" headless --size 120x40 --delay 0 --script first.txt)")
    open+=("$(seconds "$pail" headless --size 120x40 --delay 0 --script open.txt)")
done
b=$(printf '%s\n' "${base[@]}" | median); m=$(printf '%s\n' "${mine[@]}" | median); o=$(printf '%s\n' "${open[@]}" | median)
echo "UI first frame: pail headless ${m}s, pail --version ${b}s, $(echo "($m - $b) * 1000" | bc | cut -d. -f1) ms more"
echo "UI opening the $files-file folder (listed and drawn): ${o}s"
echo "UI scrolling the $files-file folder: $("$pail" headless --size 120x40 --delay 0 --stats --script scroll.txt 2>&1 >/dev/null)"
unset PAIL_ROOT
