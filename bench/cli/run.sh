#!/usr/bin/env bash
# Benchmark of the command's start: wall time of `./tuesday --version` and of
# `./tuesday migrate status` against the embedded database, each with and without the class-data
# archive the launcher keeps beside the jar, next to `java -version` (the floor no JVM command can
# beat). Warm (one run of each first), median of N runs (default 10).
#
#   bench/cli/run.sh [runs=10]
set -euo pipefail
cd "$(dirname "$0")/../.."
runs="${1:-10}"
. scripts/find-jdk.sh
JAVA_HOME="$(tuesday_find_jdk)"
export JAVA_HOME
./tuesday --version >/dev/null                     # builds the jar when it is missing or stale
./tuesday db start >/dev/null
url_file="$(mktemp)"                                # 0600: the URL carries the password
./tuesday db url >"$url_file"
trap './tuesday db stop >/dev/null; rm -f "$url_file"' EXIT

# Prints the median wall time in milliseconds of running "$@" $runs times (after one warm run).
median_ms() {
  "$@" >/dev/null 2>&1 || true
  local times=()
  for _ in $(seq "$runs"); do
    local start end
    start=$(date +%s%N)
    "$@" >/dev/null 2>&1 || true
    end=$(date +%s%N)
    times+=($(((end - start) / 1000000)))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2)}'
}

floor=$(median_ms "$JAVA_HOME/bin/java" -version)
version_off=$(TUESDAY_CDS=off median_ms ./tuesday --version)
version_on=$(median_ms ./tuesday --version)
status_off=$(TUESDAY_CDS=off median_ms ./tuesday migrate status --url-file="$url_file")
status_on=$(median_ms ./tuesday migrate status --url-file="$url_file")

echo "tuesday command start, median of $runs warm runs ($(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg))"
printf '%-36s %8s %8s %8s\n' "" "no CDS" "CDS" "ratio"
printf '%-36s %6s ms %6s ms %8s\n' "java -version (floor)" "$floor" "$floor" "-"
printf '%-36s %6s ms %6s ms %7.2fx\n' "./tuesday --version" "$version_off" "$version_on" \
  "$(echo "$version_on / $version_off" | bc -l)"
printf '%-36s %6s ms %6s ms %7.2fx\n' "./tuesday migrate status --url-file" "$status_off" "$status_on" \
  "$(echo "$status_on / $status_off" | bc -l)"
