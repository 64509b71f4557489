#!/usr/bin/env bash
# Drill figures, side by side in one run: open vs closed loop under a stall, the schedule held at
# higher rates, and the same load against two HTTP servers. Prints a table; takes about a minute.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
cd "$root"
./mvnw -q -B -pl drill -am -DskipTests package dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$root/drill/target/bench.classpath" >/dev/null
exec "$JAVA_HOME/bin/java" -cp "drill/target/classes:$(cat drill/target/bench.classpath)" bench/drill/DrillBench.java
