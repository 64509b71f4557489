#!/usr/bin/env bash
# How long reading a grown schema takes (SchemaReader.read, median of ROUNDS).
#
#   bench/migrate/schema-read.sh [tables=200] [rounds=20]
set -euo pipefail
. "$(dirname "$0")/../build.sh"
cd "$root"
cp="migrate/target/classes:embedded/target/classes:$(bench_classpath migrate test)"
exec "$java" -Xmx512m -cp "$cp" bench/migrate/SchemaReadBench.java "${1:-200}" "${2:-20}"
