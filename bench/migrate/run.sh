#!/usr/bin/env bash
# Benchmark of the migrate engine, three figures measured side by side in one run on a throw-away
# PostgreSQL: backfill vs one plain UPDATE (rows/s, ratio, longest batch), write cost of the sync
# triggers through the old version (inserts/s and updates/s, ratio), and p50/p99 of a steady stream
# of single-row reads and writes before and during start + backfill.
#
#   bench/migrate/run.sh [rows=1000000] [batch=auto] [writes-per-round=2000] [rounds=3]
set -euo pipefail
. "$(dirname "$0")/../build.sh"
cd "$root"
cp="migrate/target/classes:embedded/target/classes:$(bench_classpath migrate test)"
exec "$java" -Xmx512m -cp "$cp" bench/migrate/MigrateBench.java "${1:-1000000}" "${2:-auto}" "${3:-2000}" "${4:-3}"
