#!/usr/bin/env bash
# Lint of a folder of generated migrations: rules alone vs replayed on a scratch PostgreSQL,
# measured side by side in one run. Usage: bench/lint/run.sh [migrations=500] [rounds=3]
set -euo pipefail
. "$(dirname "$0")/../build.sh"
cd "$root"
cp="lint/target/classes:migrate/target/classes:embedded/target/classes:$(bench_classpath lint runtime)"
exec "$java" -cp "$cp" bench/lint/LintBenchmark.java "${1:-500}" "${2:-3}"
