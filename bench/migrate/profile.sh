#!/usr/bin/env bash
# Where the time goes behind the backfill ratio and the application's p99 during a backfill
# (bench/migrate/run.sh's figures 1 and 3): perf's profile of an UPDATE under a trigger that never
# fires, and perf sched's account of a steady stream's slow requests during start + backfill.
# Needs perf (linux-perf) with the right to profile other processes, and pgbench (postgresql-client).
#
#   bench/migrate/profile.sh [rows=1000000]
set -euo pipefail
. "$(dirname "$0")/../build.sh"
cd "$root"
for tool in perf pgbench; do
  command -v "$tool" >/dev/null || { echo "bench/migrate/profile.sh needs $tool" >&2; exit 1; }
done
cp="migrate/target/classes:embedded/target/classes:$(bench_classpath migrate test)"
# The migrator runs in this JVM, with C1 alone as `tuesday migrate` runs it.
exec "$java" -Xmx512m -XX:TieredStopAtLevel=1 -cp "$cp" bench/migrate/ProfileBench.java "${1:-1000000}"
