#!/usr/bin/env bash
# Lint of a folder of generated migrations: rules alone vs replayed on a scratch PostgreSQL,
# measured side by side in one run. Usage: bench/lint/run.sh [migrations=500] [rounds=3]
set -euo pipefail
cd "$(dirname "$0")/../.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
cp_file="$(mktemp)"
./mvnw -q -B -pl lint -am -Dmaven.test.skip=true package dependency:build-classpath \
  -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=runtime >/dev/null
cp="lint/target/classes:migrate/target/classes:embedded/target/classes:$(cat "$cp_file")"
rm -f "$cp_file"
exec "$JAVA_HOME/bin/java" -cp "$cp" bench/lint/LintBenchmark.java "${1:-500}" "${2:-3}"
