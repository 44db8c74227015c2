#!/usr/bin/env bash
# Nightly history sweep, cron-ready:
#   15 2 * * *  /path/to/culprit/bisect-scripts/nightly.sh /path/to/repo /path/to/scenario.yaml >> /var/log/culprit-nightly.log 2>&1
# Fetches nothing and pushes nothing: point it at a clone your own job keeps up to date.
# A lock (flock) makes sure two nights never overlap; the second one exits 0 with a note.
# Exit codes: culprit sweep's (0 no new regression, 1 new regression, 3 inconclusive), 4 if locked out of its results folder.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="${1:?usage: nightly.sh REPO SCENARIO [RESULTS_DIR] [SITE_DIR]}"
scenario="${2:?usage: nightly.sh REPO SCENARIO [RESULTS_DIR] [SITE_DIR]}"
results="${3:-$here/../results}"
site="${4:-$results/site}"
last="${CULPRIT_LAST:-200}"     # how far back the sweep looks
every="${CULPRIT_EVERY:-4}"     # measure every k-th commit; gaps with a regression are bisected
mkdir -p "$results"
exec 9>"$results/.nightly.lock"
if ! flock -n 9; then
  echo "$(date -u +%FT%TZ) culprit nightly: another sweep still holds $results/.nightly.lock; skipping tonight"
  exit 0
fi
echo "$(date -u +%FT%TZ) culprit nightly: sweeping the last $last commits of $repo, every $every"
"$here/culprit" sweep --repo "$repo" --scenario "$scenario" --last "$last" --every "$every" \
  --first-parent --bisect-gaps --results "$results" --json "$results/nightly-last.json"
rc=$?
"$here/culprit" report --results "$results" --out "$site" || echo "culprit nightly: dashboard not written"
case "$rc" in
  0) echo "no new regression" ;;
  1) echo "NEW REGRESSION: see $results/nightly-last.json and $site/index.html" ;;
  *) echo "culprit sweep exited $rc" ;;
esac
exit "$rc"
