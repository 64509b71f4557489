#!/usr/bin/env bash
# Benchmark: Tuesday's health probes on the JDK HttpServer (the users-service set-up), measured
# with wrk in one run:
#   1. /readyz with the database and version-schema checks cached (1 s): requests/s, p50, p99
#      at full load, and at about RATE requests/s (aim: p99 under 1 ms at 20k/s);
#   2. the cost of in-flight tracking: a trivial endpoint without (/plain) and with (/tracked) the
#      counter, taking turns, and the ratio;
#   3. in process (steadier on a busy machine): the cost of a cached /readyz answer per call, and
#      of in-flight tracking per request in ns.
#
#   bench/health/run.sh                      # 10 s per measurement in 2 rounds, 1 wrk thread, 4 connections
#   RATE=20000 bench/health/run.sh           # the paced run's rate: RATE*1.7/1000 connections, each 1 ms apart
#   DURATION=6 ROUNDS=3 CONNECTIONS=8 bench/health/run.sh
#
# Needs: a JDK 21+ (JAVA_HOME or /usr/lib/jvm) and wrk (installed with apt-get if missing).
set -euo pipefail

DURATION=${DURATION:-10}
ROUNDS=${ROUNDS:-2}
WARMUP=${WARMUP:-10}
THREADS=${THREADS:-1}
CONNECTIONS=${CONNECTIONS:-4}
RATE=${RATE:-20000}
PORT=${PORT:-18200}

here=$(cd "$(dirname "$0")" && pwd)
. "$here/../build.sh"
. "$here/../wrk.sh"
work=$(mktemp -d "${TMPDIR:-/tmp}/tuesday-bench-health.XXXXXX")
server_pid=
cleanup() {
  if [[ -n "$server_pid" ]]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

if ! command -v wrk >/dev/null; then
  echo "installing wrk (apt-get)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi

echo "building health and users-service (for HikariCP, pgjdbc and the embedded PostgreSQL)"
cp=$(bench_classpath examples/users-service test)
"$JAVA_HOME/bin/javac" -nowarn -d "$work/classes" -cp "$cp" "$here/HealthBenchServer.java" "$here/HealthMicroBench.java"

"$java" -Xms256m -Xmx256m -cp "$work/classes:$cp" HealthBenchServer "$PORT" >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 300); do
  grep -q '^ready' "$work/server.log" 2>/dev/null && break
  if ! kill -0 "$server_pid" 2>/dev/null; then cat "$work/server.log" >&2; exit 1; fi
  sleep 0.1
done
grep -q '^ready' "$work/server.log" || { echo "the bench server did not start" >&2; cat "$work/server.log" >&2; exit 1; }

# Prints "requests/s p50_ms p99_ms non2xx" of one wrk run on PATH.
run() { # path seconds
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${2}s" --latency "http://127.0.0.1:$PORT$1" | wrk_figures | cut -d' ' -f1-4
}

echo "warming up (${WARMUP}s over the three paths)"
for path in /readyz /plain /tracked; do wrk -t"$THREADS" -c"$CONNECTIONS" -d"$(( (WARMUP + 2) / 3 ))s" "http://127.0.0.1:$PORT$path" >/dev/null; done

slice=$(( (DURATION + ROUNDS - 1) / ROUNDS ))
echo "measuring ${DURATION}s each in $ROUNDS rounds: wrk -t$THREADS -c$CONNECTIONS on $(nproc) cores, load average $(cut -d' ' -f1 /proc/loadavg)"
: >"$work/rounds.txt"
for round in $(seq 1 "$ROUNDS"); do
  for path in /readyz /plain /tracked; do
    echo "$round $path $(run "$path" "$slice")" | tee -a "$work/rounds.txt"
  done
done

read -r r_rps r_p50 r_p99 r_err < <(rounds_summary "$work/rounds.txt" /readyz)
read -r p_rps p_p50 p_p99 p_err < <(rounds_summary "$work/rounds.txt" /plain)
read -r t_rps t_p50 t_p99 t_err < <(rounds_summary "$work/rounds.txt" /tracked)

printf '\n%-30s %12s %10s %10s %8s\n' endpoint requests/s p50_ms p99_ms non-2xx
printf '%-30s %12s %10s %10s %8s\n' "/readyz (checks cached 1 s)" "$r_rps" "$r_p50" "$r_p99" "$r_err"
printf '%-30s %12s %10s %10s %8s\n' "/plain (no tracking)" "$p_rps" "$p_p50" "$p_p99" "$p_err"
printf '%-30s %12s %10s %10s %8s\n' "/tracked (in-flight counted)" "$t_rps" "$t_p50" "$t_p99" "$t_err"
echo
awk -v r99="$r_p99" -v p="$p_rps" -v t="$t_rps" -v pp="$p_p99" -v tp="$t_p99" -v r="$r_rps" 'BEGIN {
  printf "/readyz p99: %.3f ms (aim: < 1 ms) %s\n", r99, (r99 < 1 ? "ok" : "MISSED")
  printf "/readyz / plain requests/s: %.2f\n", r / p
  printf "tracked / plain requests/s: %.3f (in-flight tracking costs %.1f%%)\n", t / p, (1 - t / p) * 100
  printf "tracked / plain p99: %.2f\n", tp / pp
}'

# Paced: each connection waits 1 ms (wrk's delay(), whole milliseconds) after each answer; with
# wrk's timer and the answer itself a round takes about 1.7 ms here, so RATE*1.7/1000 connections
# send about RATE requests/s (the achieved rate is printed); the latency is then the server's, not a queue's.
cat >"$work/paced.lua" <<'LUA'
function delay() return 1 end
LUA
paced_connections=$(( RATE * 17 / 10000 ))
echo
echo "paced: /readyz at about $RATE requests/s (wrk -t$THREADS -c$paced_connections, 1 ms between a connection's requests)"
# At this pace the server takes longer to settle than at full load (a p99 of 2-3 ms in the first
# runs, about 1 ms once warm): each path is warmed at the same pace first.
for path in /readyz /plain; do
  wrk -t"$THREADS" -c"$paced_connections" -d"${WARMUP}s" -s "$work/paced.lua" "http://127.0.0.1:$PORT$path" >/dev/null
done
: >"$work/paced.txt"
for round in $(seq 1 "$ROUNDS"); do
  for path in /readyz /plain; do
    echo "$round $path $(wrk -t"$THREADS" -c"$paced_connections" -d"${slice}s" --latency -s "$work/paced.lua" \
      "http://127.0.0.1:$PORT$path" | wrk_figures | cut -d' ' -f1-4)" | tee -a "$work/paced.txt"
  done
done
read -r pr_rps pr_p50 pr_p99 pr_err < <(rounds_summary "$work/paced.txt" /readyz)
read -r pp_rps pp_p50 pp_p99 pp_err < <(rounds_summary "$work/paced.txt" /plain)
printf '%-30s %12s %10s %10s %8s\n' "/readyz paced" "$pr_rps" "$pr_p50" "$pr_p99" "$pr_err"
printf '%-30s %12s %10s %10s %8s\n' "/plain paced" "$pp_rps" "$pp_p50" "$pp_p99" "$pp_err"
awk -v r99="$pr_p99" -v r="$pr_rps" -v pp="$pp_p99" 'BEGIN {
  printf "/readyz p99 at %.0f requests/s: %.3f ms (aim: < 1 ms at 20k/s) %s; /plain at the same pace: %.3f ms\n", r, r99, (r99 < 1 ? "ok" : "MISSED"), pp
}'

echo
echo "in process (HealthMicroBench):"
kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; server_pid=
"$java" -Xms256m -Xmx256m -cp "$work/classes:$cp" HealthMicroBench | sed 's/^/  /'
