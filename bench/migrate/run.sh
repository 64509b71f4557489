#!/usr/bin/env bash
# Benchmark of the migrate engine, three figures measured side by side in one run on a throw-away
# PostgreSQL: backfill vs one plain UPDATE (rows/s, ratio, longest batch), write cost of the sync
# triggers through the old version (inserts/s and updates/s, ratio), and p50/p99 of a steady stream
# of single-row reads and writes before and during start + backfill.
#
#   bench/migrate/run.sh [rows=1000000] [batch=1000] [writes-per-round=2000] [rounds=3]
set -euo pipefail
cd "$(dirname "$0")/../.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
cp_file="$(mktemp)"
./mvnw -q -B -pl migrate -am -Dmaven.test.skip=true package dependency:build-classpath \
  -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test >/dev/null
cp="migrate/target/classes:embedded/target/classes:$(cat "$cp_file")"
rm -f "$cp_file"
exec "$JAVA_HOME/bin/java" -Xmx512m -cp "$cp" bench/migrate/MigrateBench.java "${1:-1000000}" "${2:-1000}" "${3:-2000}" "${4:-3}"
