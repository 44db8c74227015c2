#!/usr/bin/env bash
# Nightly history sweep, cron-ready:
#   15 2 * * *  /path/to/culprit/bisect-scripts/nightly.sh /path/to/repo /path/to/scenario.yaml >> /var/log/culprit-nightly.log 2>&1
# Fetches nothing and pushes nothing: point it at a clone your own job keeps up to date.
# A lock (flock) makes sure two nights never overlap; the second one exits 0 with a note.
# Exit codes: culprit sweep's (0 no new regression, 1 new regression, 3 inconclusive); 4 with a
# message when it cannot find the repository, create or write the results folder, take the lock
# (other than "held by another sweep"), or write the dashboard.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="${1:?usage: nightly.sh REPO SCENARIO [RESULTS_DIR] [SITE_DIR]}"
scenario="${2:?usage: nightly.sh REPO SCENARIO [RESULTS_DIR] [SITE_DIR]}"
results="${3:-$here/../results}"
site="${4:-$results/site}"
last="${CULPRIT_LAST:-200}"     # how far back the sweep looks
every="${CULPRIT_EVERY:-4}"     # measure every k-th commit; gaps with a regression are bisected
fail() { echo "$(date -u +%FT%TZ) culprit nightly: $1" >&2; exit 4; }
if ! { [ -d "$repo" ] && git -C "$repo" rev-parse --git-dir >/dev/null 2>&1; }; then fail "cannot find a git repository at $repo"; fi
mkdir -p "$results" 2>/dev/null || fail "cannot create the results folder $results"
[ -w "$results" ] || fail "cannot write to the results folder $results"
command -v flock >/dev/null 2>&1 || fail "flock is not installed (util-linux); it keeps two nights from overlapping"
{ exec 9>"$results/.nightly.lock"; } 2>/dev/null || fail "cannot open the lock file $results/.nightly.lock"
flock -n 9
lock_rc=$?
if [ "$lock_rc" -eq 1 ]; then
  echo "$(date -u +%FT%TZ) culprit nightly: another sweep still holds $results/.nightly.lock; skipping tonight"
  exit 0
elif [ "$lock_rc" -ne 0 ]; then
  fail "cannot lock $results/.nightly.lock (flock exit $lock_rc)"
fi
echo "$(date -u +%FT%TZ) culprit nightly: sweeping the last $last commits of $repo, every $every"
"$here/culprit" sweep --repo "$repo" --scenario "$scenario" --last "$last" --every "$every" \
  --first-parent --bisect-gaps --results "$results" --json "$results/nightly-last.json"
rc=$?
report_rc=0
"$here/culprit" report --results "$results" --out "$site" || report_rc=$?
if [ "$report_rc" -ne 0 ]; then
  echo "culprit nightly: dashboard not written to $site (culprit report exited $report_rc)" >&2
fi
case "$rc" in
  0) echo "no new regression" ;;
  1) echo "NEW REGRESSION: see $results/nightly-last.json and $site/index.html" ;;
  *) echo "culprit sweep exited $rc" ;;
esac
# a sweep that found nothing but could not publish its dashboard is a failed night
[ "$rc" -eq 0 ] && [ "$report_rc" -ne 0 ] && exit 4
exit "$rc"
