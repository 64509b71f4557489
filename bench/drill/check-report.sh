#!/usr/bin/env bash
# Checks that a drill report renders in a real browser: Debian's headless Chromium loads it, the
# timeline charts are in the DOM and visible on a screenshot, and the console stays silent.
#
#   bench/drill/check-report.sh [REPORT.html]
#
# Without an argument it first writes a sample report (two short drills against a local service).
# Installs Debian's chromium when /usr/bin/chromium is missing (needs root and network to the
# Debian mirrors). Exit 0 when the report passes, 1 otherwise.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../build.sh"
work="$root/drill/target/check-report"
mkdir -p "$work"

if [ ! -x /usr/bin/chromium ]; then
  echo "check-report: installing Debian's chromium..."
  started=$(date +%s)
  apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null
  echo "check-report: chromium installed in $(( $(date +%s) - started )) s"
fi

cp="$root/drill/target/classes:$(bench_classpath drill test)"
report="${1:-}"
if [ -z "$report" ]; then
  report="$work/sample-report.html"
  echo "check-report: writing a sample report (two 8 s drills)..."
  "$java" -cp "$cp" \
    "$root/bench/drill/SampleReport.java" "$report" "$work/sample-summary.json" 2> >(grep -v '^SLF4J' >&2)
fi
if [ ! -f "$report" ]; then
  echo "check-report: no such report: $report" >&2
  exit 1
fi
exec "$java" -cp "$cp" "$root/bench/drill/CheckReport.java" "$report" "$work"
