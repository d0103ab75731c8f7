#!/usr/bin/env bash
# Issue 15's features against the build before them, in the same run on the same machine.
#
#   scripts/bench-before-after.sh [BEFORE_COMMIT]        (default 9a82e3e)
#
# BEFORE_COMMIT (default 9a82e3e, the last commit of main before selection, search, folder totals and
# natural order were merged) is checked out in a temporary git worktree in a scratch folder (under $WORK,
# default $TMPDIR or /tmp; removed at exit) and its `pail` built in release with `--static-swift-stdlib`, as the
# README builds it; this checkout's `pail` and `pail-bench` are built the same way. Then, for $ROUNDS rounds (default 3), this checkout's pail-bench
# runs its `ui` part (`--json --runs 1`) against each `pail` in turn, the order swapped every round
# (before-after, after-before, …), so both builds see the machine's load alike. Each build makes its own
# vault there (`pail upload` of 100,000 one-byte files into many/, then `pail wait`), since the build before
# cannot read a root migrated by the build after. One harness measures both builds: pail-bench's ui part is
# the same at BEFORE_COMMIT but for the figures this script adds (`*` is a key the build before ignores,
# so its "with all selected" scroll is a plain scroll). On the build after, the `search` part runs too.
#
# It prints, for each figure, the median of the rounds for each build, their ratio (after / before, as time:
# a rate is turned into its time) and the target ≤ 1.10×, then every round's values and the load average.
#
# BEFORE_PAIL=/path/to/pail skips building the before commit: that `pail` (built in release with
# `--static-swift-stdlib`) is "before", and BEFORE_LABEL says what it was built from (printed in place of the
# commit).
set -euo pipefail

before_commit=${1:-9a82e3e}
rounds=${ROUNDS:-3}
repo=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
before_commit=$(git -C "$repo" rev-parse --short "$before_commit^{commit}")
after_commit=$(git -C "$repo" rev-parse --short HEAD)
scratch=$(mktemp -d "${WORK:-${TMPDIR:-/tmp}}/pail-before-after-XXXXXX")
cleanup() {
    if [[ -d $scratch/src ]]; then git -C "$repo" worktree remove --force "$scratch/src" || true; fi
    rm -rf "$scratch"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
say() { echo "bench-before-after: $*" >&2; }
# Both builds as the README installs pail: a binary that carries Swift's runtime and Foundation starts about 5 ms
# sooner than one that loads them as shared libraries, which a first-frame figure would otherwise count.
build=(-c release --static-swift-stdlib)

if [[ -n ${BEFORE_PAIL:-} ]]; then
    before_pail=$BEFORE_PAIL before_commit=${BEFORE_LABEL:-$BEFORE_PAIL}
else
    say "building $before_commit's pail in release in $scratch/src"
    git -C "$repo" worktree add --detach "$scratch/src" "$before_commit" >&2
    # The dependencies this checkout has fetched, so the build does not go to the network.
    mkdir -p "$scratch/src/.build"
    for kept in checkouts repositories artifacts workspace-state.json; do
        if [[ -e $repo/.build/$kept ]]; then cp -a "$repo/.build/$kept" "$scratch/src/.build/"; fi
    done
    if [[ -e $repo/Package.resolved ]]; then cp "$repo/Package.resolved" "$scratch/src/"; fi
    (cd "$scratch/src" && swift build "${build[@]}" --product pail >&2)
    before_pail=$scratch/src/.build/release/pail
fi
say "building $after_commit's pail and pail-bench in release"
(cd "$repo" && swift build "${build[@]}" --product pail >&2 && swift build "${build[@]}" --product pail-bench >&2)
bench=$repo/.build/release/pail-bench
after_pail=$repo/.build/release/pail

loads=()
for round in $(seq 1 "$rounds"); do
    order=(before after)
    if ((round % 2 == 0)); then order=(after before); fi
    for build in "${order[@]}"; do
        pail=$before_pail parts=(--only ui)
        if [[ $build == after ]]; then pail=$after_pail parts=(--only ui --only search); fi
        say "round $round of $rounds: $build ($pail)"
        loads+=("$(cut -d' ' -f1 /proc/loadavg)")
        "$bench" --json --runs 1 --work "$scratch" --pail "$pail" "${parts[@]}" >"$scratch/$build-$round.json"
    done
done
loads+=("$(cut -d' ' -f1 /proc/loadavg)")

# The values of one figure's number, a line per round: `values BUILD JQ_FILTER KEY`.
values() {
    for round in $(seq 1 "$rounds"); do
        jq --arg key "$3" "[.figures[] | select($2) | .numbers[\$key]] | first // empty" "$scratch/$1-$round.json"
    done
}
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)] }'; }
# A row: label, jq filter, key, unit (s, ms, or /s for a rate).
row() {
    local label=$1 filter=$2 key=$3 unit=$4 b a
    b=$(values before "$filter" "$key" | median)
    a=$(values after "$filter" "$key" | median)
    awk -v label="$label" -v b="$b" -v a="$a" -v unit="$unit" 'BEGIN {
        if (b == "" || a == "") { printf "| %s | %s | %s | — | ≤ 1.10× |\n", label, b, a; exit }
        ratio = (unit == "/s") ? b / a : a / b
        show = (unit == "s") ? "%.0f ms" : (unit == "ms") ? "%.2f ms" : "%.0f events/s"
        scale = (unit == "s") ? 1000 : 1
        printf "| %s | " show " | " show " | %.2f× | ≤ 1.10× (%s) |\n", label, b * scale, a * scale, ratio, ratio <= 1.10 ? "met" : "MISSED"
    }'
    rounds_line+="$label: before $(values before "$filter" "$key" | paste -sd' ') · after $(values after "$filter" "$key" | paste -sd' ')"$'\n'
}

rounds_line=""
echo "before: $before_commit ($before_pail)   after: $after_commit ($after_pail)   $rounds rounds, order swapped each round"
echo
echo "| figure | before (median) | after (median) | ratio after/before | target |"
echo "| --- | --- | --- | --- | --- |"
row "UI first frame (headless): the top level, its folder row with its total on the build after" \
    '.name | startswith("UI first frame")' pail_seconds s
row "UI opening the 100,000-file folder (headless, whole process)" \
    '.name | (startswith("UI opening the") and contains("whole process"))' pail_seconds s
row "UI opening it in tmux 120×35, launch to its first file" \
    '.name | (startswith("UI opening the") and contains("tmux"))' pail_seconds s
row "time per frame scrolling it, p50" '.name | startswith("UI time per frame scrolling a ")' p50_ms ms
row "time per frame scrolling it, p99" '.name | startswith("UI time per frame scrolling a ")' p99_ms ms
row "the same with all its files selected (*), p50" '.name | contains("with all its files selected")' p50_ms ms
row "the same with all its files selected (*), p99" '.name | contains("with all its files selected")' p99_ms ms
row "pail wait, 100,000 pending events (keeps folder totals on the build after)" \
    '.name | startswith("events applied by pail wait")' pail_per_second /s
echo
echo "search on the build after (median of the rounds' medians, tmux 120×35):"
jq -rs '[.[] | .figures[] | select(.part == "search")] | group_by(.name)[]
    | (map(.numbers.pail_seconds) | sort) as $t | (map(.numbers.baseline_seconds) | sort) as $b
    | "  \(.[0].name): \($t[(($t | length) - 1) / 2 | floor] * 1000 | round) ms"
        + " (rounds: \(map(.numbers.pail_seconds * 1000 | round | tostring) | join(" ")) ms);"
        + " f to the prompt: \($b[(($b | length) - 1) / 2 | floor] * 1000 | round) ms; target < 200 ms"' "$scratch"/after-*.json
echo
echo "every round (order swapped each round):"
printf '%s' "$rounds_line" | sed 's/^/  /'
echo "load average (1 min) at each run's start and at the end: ${loads[*]}"
