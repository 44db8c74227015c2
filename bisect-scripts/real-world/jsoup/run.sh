#!/usr/bin/env bash
# Bisects jsoup's documented 1.12 performance regression, or its fix, with culprit.
#
#   bisect-scripts/real-world/jsoup/run.sh regression   # jsoup-1.12.1..jsoup-1.12.2, hunt slower
#   bisect-scripts/real-world/jsoup/run.sh speedup      # jsoup-1.12.2..jsoup-1.13.1, hunt faster
#
# JSOUP_REPO (default https://github.com/jhy/jsoup.git) is cloned once into $WORK/jsoup (default
# WORK=/tmp/culprit-real-world); results go to $WORK/results. Extra arguments go to culprit bisect
# (e.g. --no-profile). CULPRIT names another launcher (default bisect-scripts/culprit). Needs Maven with access to Maven Central once (JMH 1.37, build-helper).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
work=${WORK:-/tmp/culprit-real-world}
source_repo=${JSOUP_REPO:-https://github.com/jhy/jsoup.git}
culprit=${CULPRIT:-$root/bisect-scripts/culprit}
what=${1:-}
shift || true

case "$what" in
  regression) range=(--good jsoup-1.12.1 --bad jsoup-1.12.2) ;;
  speedup) range=(--hunt faster --old jsoup-1.12.2 --new jsoup-1.13.1) ;;
  *)
    echo "usage: $0 regression|speedup [culprit bisect options...]" >&2
    exit 2
    ;;
esac

mkdir -p "$work"
repo=$work/jsoup
if [ ! -d "$repo/.git" ]; then
  git clone --quiet "$source_repo" "$repo"
fi

# the pinned benchmark lives on a local branch of the clone, never in jsoup's history
if ! git -C "$repo" rev-parse --verify --quiet culprit-pin >/dev/null; then
  git -C "$repo" worktree add --quiet --detach "$work/pin" jsoup-1.12.1
  rm -rf "$work/pin/culprit-bench"
  cp -R "$here/culprit-bench" "$work/pin/culprit-bench"
  git -C "$work/pin" add culprit-bench
  git -C "$work/pin" -c user.name=culprit -c user.email=culprit@localhost \
    commit --quiet -m "culprit: pinned JMH benchmark for jsoup (not part of jsoup)"
  git -C "$work/pin" branch culprit-pin
  git -C "$repo" worktree remove --force "$work/pin"
fi

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores" >&2
# the 1-minute load every 30 s while culprit runs, to say how busy the machine was
loadlog=$work/$what-load.txt
: >"$loadlog"
(while sleep 30; do cut -d' ' -f1 /proc/loadavg >>"$loadlog"; done) &
sampler=$!
trap 'kill "$sampler" 2>/dev/null || true' EXIT
start=$(date +%s)
set +e
"$culprit" bisect --repo "$repo" "${range[@]}" \
  --scenario "$here/parse.yaml" --results "$work/results" --paths src/main/java \
  --json "$work/$what.json" "$@"
rc=$?
set -e
echo "exit $rc after $(($(date +%s) - start)) s; 1-min load while running (every 30 s):" \
  "median $(sort -n "$loadlog" | awk '{a[NR]=$1} END {print (NR ? a[int((NR+1)/2)] : "-")}')," \
  "max $(sort -n "$loadlog" | tail -1)" >&2
exit "$rc"
