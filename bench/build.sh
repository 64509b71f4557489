# Sourced by the benchmarks' run.sh: the JDK they run on (found by scripts/find-jdk.sh, the rule
# ./tuesday follows) and the modules they measure, built. Sets root, JAVA_HOME and java.
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$root/scripts/find-jdk.sh"
JAVA_HOME="$(tuesday_find_jdk)"
export JAVA_HOME
java="$JAVA_HOME/bin/java"

# Builds MODULE and the modules it needs (tests skipped) and prints its dependency classpath of
# SCOPE (runtime or test). On a failed build, prints its errors and exits.
bench_classpath() { # module scope
  local file log
  file=$(mktemp)
  log=$(mktemp)
  if ! (cd "$root" && ./mvnw -q -B -pl "$1" -am -Dmaven.test.skip=true package dependency:build-classpath \
    -Dmdep.outputFile="$file" -Dmdep.includeScope="$2") >"$log" 2>&1; then
    echo "bench: building $1 failed:" >&2
    grep -E "ERROR" "$log" | head -20 >&2
    rm -f "$file" "$log"
    exit 1
  fi
  cat "$file"
  rm -f "$file" "$log"
}
