#!/usr/bin/env bash
# Regenerates screenshots/*.png: the real `pail` terminal UI, running in a real xterm on a virtual X
# display (Xvfb), on a throwaway vault of about 25 MB built with the command line. It makes tree.png,
# preview.png, selection.png (entries selected, others copied), search.png (`f` across the vault),
# tasks.png (`T` with a transfer under way, slowed down by PAIL_TASK_PAUSE_MS), pending.png, delete.png,
# help.png, conflict.png, high-contrast.png, light.png, serve-events.png (the events pane while a boto3
# upload through `pail serve` lands) and share-browser.png (a share link opened in headless Chromium).
#   scripts/screenshots.sh                        builds pail (release, scratch folder .build-shots)
#   PAIL=/path/to/pail scripts/screenshots.sh     uses that binary instead
# Needs (Debian): xvfb xterm x11-apps (xwd) tmux imagemagick (convert) fonts-dejavu-core chromium; for the
# CJK and emoji file names fonts-wqy-microhei (or fonts-noto-cjk) and fonts-noto-color-emoji; python3
# with boto3 (PyPI).
# How: xterm attaches to a tmux session on a private socket in which pail runs; keys go in with
# `tmux send-keys`, each shot waits until `tmux capture-pane` shows the expected text, then xwd grabs
# the xterm window. What it starts (its display, xterm, tmux server) and its temp folder go at exit.
set -euo pipefail
cd "$(dirname "$0")/.."
out=$PWD/screenshots
export LANG=C.UTF-8 LC_ALL=C.UTF-8

missing=()
for tool in Xvfb:xvfb xterm:xterm xwd:x11-apps tmux:tmux fc-list:fontconfig chromium:chromium; do command -v "${tool%%:*}" >/dev/null || missing+=("${tool#*:}"); done
# The first `convert` on PATH may not be ImageMagick's: take the first one that is.
convert=$(for c in $(type -ap convert); do "$c" -version 2>/dev/null | grep -q ImageMagick && echo "$c" && break; done)
[[ -n $convert ]] || missing+=(imagemagick)
if ((${#missing[@]})); then echo "missing tools; install them with: apt-get install ${missing[*]}" >&2; exit 1; fi
# (Not `fc-list | grep -q`: grep stops reading early, and with pipefail fc-list's SIGPIPE fails the test.)
[[ $(fc-list) == *'DejaVu Sans Mono'* ]] || { echo "missing font; apt-get install fonts-dejavu-core" >&2; exit 1; }
[[ -n $(fc-list :lang=ja) ]] || echo "warning: no CJK font, 報告書.pdf will show boxes (apt-get install fonts-wqy-microhei)" >&2

if [[ -z ${PAIL:-} ]]; then swift build -c release --scratch-path .build-shots >&2; PAIL=.build-shots/release/pail; fi
PAIL=$(realpath "$PAIL")

work=$(mktemp -d "${TMPDIR:-/tmp}/pail-shots.XXXXXX") sock=pail-shots-$$ xvfb='' xterm='' serve=''
cleanup() {
    tmux -L "$sock" kill-server 2>/dev/null || true
    for pid in $xterm $xvfb $serve; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null; rm -rf "$work"
}
trap cleanup EXIT
export PAIL_ROOT=$work/root PAIL_USER=alice XDG_CONFIG_HOME=$work/config
unset PAIL_DELAY_MS NO_COLOR
mkdir -p "$XDG_CONFIG_HOME" "$out"

# A vault: four folders, files of varied sizes, a CJK and an emoji name, "summer" in paths of every
# folder (for the search); ~25 MB of a 50 MB quota.
mkdir -p "$work/v/photos/2024" "$work/v/docs" "$work/v/music" "$work/v/trips/summer-2025" "$work/local/scans"
blob() { head -c "$2" /dev/urandom >"$work/v/$1"; }
blob photos/2024/beach.jpg 3200000; blob photos/2024/mountains.jpg 2800000; blob photos/cat.png 1100000
blob photos/2024/summer-picnic.jpg 900000
blob docs/報告書.pdf 1500000; blob docs/resume.pdf 240000; blob docs/taxes-2025.xlsx 610000
blob "music/🎸 live set.flac" 8000000; blob music/summer-mix.mp3 5500000
blob trips/summer-2025/tickets.pdf 180000; blob trips/summer-2025/hotel-booking.pdf 95000
printf '# Notes\n\n- renew passport\n- back up photos\n' >"$work/v/docs/notes.md"; echo 'Things to do.' >"$work/v/todo.txt"
printf '# Summer reading\n\n- The Overstory\n- Piranesi\n' >"$work/v/docs/summer-reading.md"
printf '# Summer 2025\n\nJuly 12: train to Lisbon\n' >"$work/v/trips/summer-2025/itinerary.md"
head -c 2400000 /dev/urandom >"$work/local/sunset.jpg"
for n in 1 2 3 4 5 6 7 8; do head -c 1500000 /dev/urandom >"$work/local/scans/page-$n.jpg"; done
"$PAIL" users add alice --quota 50MB >/dev/null
for item in photos docs music trips todo.txt; do "$PAIL" upload -q "$work/v/$item" "$item" >/dev/null; done
"$PAIL" wait >/dev/null

# The display (Xvfb picks a free number) and a tmux server on a private socket, one pane that pail runs in.
exec 3>"$work/display"
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$! && exec 3>&-
until [[ -s $work/display ]]; do kill -0 "$xvfb" || { echo "Xvfb did not start" >&2; exit 1; }; sleep 0.05; done
export DISPLAY=:$(head -1 "$work/display")
tm() { tmux -L "$sock" "$@"; }
tm -f /dev/null start-server \; set -g status off \; set -g default-terminal tmux-256color \; \
    set -g remain-on-exit on \; set -g escape-time 10 \; new-session -d -s pail -x 110 -y 32 "sleep 1000000"

# poll WHAT CMD...: until CMD succeeds (10 s at most); shows TEXT: whether the pane shows TEXT now.
poll() {
    local what=$1; shift
    for _ in $(seq 200); do "$@" && return; sleep 0.05; done
    echo "timed out waiting for $what; the screen was:" >&2; tm capture-pane -p -t pail >&2; exit 1
}
shows() { tm capture-pane -p -t pail | grep -qF -- "$1"; }
blank() { [[ -z $(tm capture-pane -p -t pail | tr -d ' \n') ]]; }
clients() { [[ $(tm list-clients | wc -l) == "$1" ]]; }
# wait_for TEXT: until the pane shows TEXT, then a moment for xterm to draw it too.
wait_for() { poll "'$1'" shows "$1"; sleep 0.4; }
keys() { tm send-keys -t pail "$@"; }
# start_xterm BG FG: a new xterm of 110x32 attached to the session (no window manager: no decorations).
start_xterm() {
    if [[ -n $xterm ]]; then kill "$xterm"; wait "$xterm" || true; poll "xterm to detach" clients 0; fi
    xterm -T pail-shots -geometry 110x32+0+0 -fa 'DejaVu Sans Mono' -fs 11 -b 6 -bg "$1" -fg "$2" -u8 \
        -xrm 'XTerm*termName: xterm-256color' -xrm 'XTerm*boldColors: false' -xrm 'XTerm*forceBoxChars: true' \
        -e tmux -L "$sock" attach -t pail >/dev/null 2>&1 &
    xterm=$!
    poll "xterm to attach" clients 1
}
# run [NAME=VALUE...] ARGS...: delivers what is pending, then (re)starts pail in the pane on a blank
# screen, with those variables set.
run() {
    local vars=()
    while [[ ${1:-} =~ ^[A-Z_]+= ]]; do vars+=("$1"); shift; done
    "$PAIL" wait >/dev/null
    tm respawn-pane -k -t pail 'clear; exec sleep 1000000'
    poll "a blank screen" blank
    tm respawn-pane -k -t pail -c "$work/local" "$(printf '%q ' env "${vars[@]}" "$PAIL" "$@")"
}
# shot NAME: the xterm window as screenshots/NAME.png.
shot() { xwd -name pail-shots -silent | "$convert" xwd:- -strip "png:$out/$1.png"; echo "screenshots/$1.png" >&2; }

start_xterm '#1c1c1c' '#d0d0d0'
run; wait_for 'All caught up'
keys l; wait_for 'resume.pdf'
keys j j; wait_for 'docs/resume.pdf'
shot tree

# The preview pane (P): the head of a text file beside the tree.
run; wait_for 'All caught up'
keys l; wait_for 'resume.pdf'
keys P; wait_for 'Preview  docs/'
keys j; wait_for 'renew passport'
shot preview

# Selection: two pictures copied (y), then three files of docs/ selected (space).
run; wait_for 'All caught up'
keys j j; wait_for 'Path     photos/'
keys l j; wait_for 'Path     photos/2024/'
keys l j; wait_for 'photos/2024/beach.jpg'
keys Space Space; wait_for '2 selected'
keys y; wait_for '2 to copy'
keys g g; wait_for 'Path     docs/'
keys l j j; wait_for 'docs/resume.pdf'
keys Space j Space Space k; wait_for '3 selected'; wait_for 'docs/報告書.pdf'
shot selection

# Search (f): every path with "summer", in four folders, the matched part highlighted.
run; wait_for 'All caught up'
keys f; wait_for 'Type to search'
keys -l 'summer'; wait_for 'matches   enter'
keys Down Down; sleep 0.4
shot search

# Tasks (T), slowed down: a fetch that ended, an upload cancelled with c, a folder fetch under way.
run PAIL_TASK_PAUSE_MS=500; wait_for 'All caught up'
keys G; wait_for 'Path     todo.txt'
keys o; wait_for 'Fetch todo.txt to'
keys Enter; wait_for 'Fetched 1 file'
keys u; wait_for 'Upload into'
keys -l 'scans'; keys Enter T; wait_for 'running    Uploading scans'
keys c; wait_for 'cancelled  Uploading scans'
keys Escape k k k; wait_for 'Path     music/'
keys o; wait_for 'Fetch music/ to'
keys Enter T; wait_for '1/2 files'
shot tasks
keys c; wait_for '0 running'

# A minute of delay: the upload's "Object Created" event waits in the events pane, the file arrives.
run --delay 60000; wait_for 'All caught up'
keys j j; wait_for 'Path     photos/'
keys l; wait_for 'cat.png'
keys u; wait_for 'Upload into photos/'
keys -l 'sunset.jpg'; keys Enter; wait_for 'Object Created'; wait_for 'arriving'
shot pending
keys j j; wait_for 'photos/cat.png'
keys d; wait_for 'y: delete'
shot delete
keys Escape; wait_for 'Nothing was deleted'
keys '?'; wait_for 'this help'
shot help

# The sunset.jpg uploaded above is in photos/ now: uploading it again asks.
run; wait_for 'All caught up'
keys j j; wait_for 'Path     photos/'
keys u; wait_for 'Upload into photos/'
keys -l 'sunset.jpg'; keys Enter; wait_for 'Name taken'
shot conflict
keys Escape; wait_for 'Cancelled'

run --theme high-contrast; wait_for 'All caught up'
keys l; wait_for 'resume.pdf'
shot high-contrast

start_xterm '#ffffff' '#1c1c1c'
run --theme light; wait_for 'All caught up'
keys j; wait_for 'Path     music/'
keys l; wait_for 'summer-mix'
keys j j; wait_for 'music/🎸 live set.flac'
shot light

# pail serve beside the UI: a boto3 upload through it lands while the UI holds events for a minute.
start_xterm '#1c1c1c' '#d0d0d0'
PAIL_DELAY_MS=60000 "$PAIL" serve --listen 127.0.0.1:0 >"$work/serve.out" 2>"$work/serve.log" &
serve=$!
poll "pail serve to listen" grep -q 'listening on' "$work/serve.out"
"$PAIL" credentials >"$work/credentials.json"
run --delay 60000; wait_for 'All caught up'
keys j j; wait_for 'Path     photos/'
keys l; wait_for 'cat.png'
python3 - "$work/credentials.json" "$work/local/sunset.jpg" <<'PY'
import json, sys, boto3
c = json.load(open(sys.argv[1]))
s3 = boto3.client("s3", endpoint_url=c["endpoint"], region_name=c["region"], aws_access_key_id=c["access_key_id"],
                  aws_secret_access_key=c["secret_access_key"])
s3.upload_file(sys.argv[2], c["bucket"], "alice/photos/from-boto3.jpg")
PY
wait_for 'Object Created'; wait_for 'from-boto3.jpg'
shot serve-events

# A share link opened in a real browser (headless Chromium): a picture shows as the browser shows one.
"$convert" -size 960x540 gradient:'#ff9a3c-#7a2e8e' -gravity center -fill white -font DejaVu-Sans-Bold -pointsize 54 \
    -annotate +0-20 'sunset.png' -pointsize 26 -annotate +0+50 'shared from a Pail vault' "$work/local/sunset.png"
"$PAIL" upload -q "$work/local/sunset.png" photos/sunset.png >/dev/null
link=$("$PAIL" share photos/sunset.png)
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1280,800 \
    --screenshot="$out/share-browser.png" "$link" >/dev/null 2>&1
echo "screenshots/share-browser.png" >&2
