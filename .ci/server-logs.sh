#!/usr/bin/env bash
# After a failed integration-test run: for each test class with a failure, the lines of its servers' console that say
# what happened at start (command, port, deployment) and every SEVERE line or exception, ANSI colours removed.
# Usage: .ci/server-logs.sh [reports-dir]   (default target/failsafe-reports)
set -uo pipefail
dir=${1:-target/failsafe-reports}
shown=0
for report in $(grep -l -E '<(failure|error)[ >]' "$dir"/TEST-*.xml 2>/dev/null); do
  class=$(basename "$report" .xml); class=${class#TEST-}
  log="$dir/$class-output.txt"
  [ -f "$log" ] || continue
  echo "==== server console of $class (selected lines of $log)"
  sed 's/\x1b\[[0-9;]*m//g' "$log" \
    | grep -E 'Starting Payara Micro using cmd|running on host|Deployed|SEVERE|Exception|Caused by|Error|deploy' \
    | grep -v '"event":' | cut -c1-400 | head -n 30
  shown=$((shown + 1))
  [ "$shown" -ge 2 ] && break
done
exit 0
