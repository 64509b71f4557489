#!/usr/bin/env bash
# The soak: the users service behind the balancer under a steady open-loop load through
# consecutive releases (rolling, blue-green, canary in turn, each with a migration of the chain),
# with a serving instance killed mid-roll, a slow canary that must abort and `tuesday release`
# itself killed (in its expand, roll or contract) and recovered, on a schedule. Stops by itself
# after its requests and its minimum releases; prints one line per release and the verdict.
#
#   bench/soak/run.sh [requests=1000000] [rate=300] [min-releases=20] [instances=2] [pause=15s]
#   bench/soak/run.sh 20000 200 6       # the short version (about 3 minutes)
set -euo pipefail
cd "$(dirname "$0")/../.."
. scripts/find-jdk.sh
JAVA_HOME="$(tuesday_find_jdk)"
export JAVA_HOME
./mvnw -q -B -DskipTests package >/dev/null
exec "$JAVA_HOME/bin/java" -Xmx768m -cp cli/target/tuesday.jar bench/soak/Soak.java "$@"
