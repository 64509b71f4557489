#!/usr/bin/env bash
# Drill figures, side by side in one run: open vs closed loop under a stall, the schedule held at
# higher rates, and the same load against two HTTP servers. Prints a table; takes about a minute.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../build.sh"
cd "$root"
cp="drill/target/classes:$(bench_classpath drill test)"
exec "$java" -cp "$cp" bench/drill/DrillBench.java
