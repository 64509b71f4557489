#!/usr/bin/env bash
# Benchmark: the Tuesday balancer vs HAProxy vs no proxy, same backend, same load generator (wrk),
# one run, side by side. Prints requests/s, p50 and p99 of each, and the ratios.
#
#   bench/balancer/run.sh            # 12 s per target in 3 rounds, 2 wrk threads, 64 connections
#   DURATION=6 ROUNDS=2 CONNECTIONS=32 bench/balancer/run.sh
#
# Needs: a JDK 21+ (JAVA_HOME or /usr/lib/jvm), haproxy and wrk (installed with apt-get if missing).
set -euo pipefail

DURATION=${DURATION:-12}
ROUNDS=${ROUNDS:-3}
WARMUP=${WARMUP:-15}
WARMUP_MAX=${WARMUP_MAX:-60}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-64}
BACKEND_PORT=${BACKEND_PORT:-18100}
BALANCER_PORT=${BALANCER_PORT:-18101}
HAPROXY_PORT=${HAPROXY_PORT:-18102}
ADMIN_PORT=${ADMIN_PORT:-18103}

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/tuesday-bench-balancer.XXXXXX")
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

if [[ -z "${JAVA_HOME:-}" ]]; then
  for candidate in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-21-jdk-amd64 /usr/lib/jvm/*; do
    if [[ -x "$candidate/bin/javac" ]]; then JAVA_HOME=$candidate; break; fi
  done
fi
export JAVA_HOME
java="$JAVA_HOME/bin/java"

missing=()
command -v haproxy >/dev/null || missing+=(haproxy)
command -v wrk >/dev/null || missing+=(wrk)
if ((${#missing[@]})); then
  echo "installing ${missing[*]} (apt-get)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

echo "building the balancer module"
(cd "$root" && ./mvnw -q -B -pl balancer -am package -DskipTests \
  && ./mvnw -q -B -pl balancer dependency:build-classpath -Dmdep.outputFile="$work/cp.txt" -Dmdep.includeScope=runtime) >/dev/null
cp="$root/balancer/target/classes:$(cat "$work/cp.txt")"
"$JAVA_HOME/bin/javac" -nowarn -d "$work/classes" -cp "$cp" "$here/BenchBackend.java" "$here/BenchBalancer.java"
cp="$work/classes:$cp"

wait_port() {
  for _ in $(seq 1 100); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  echo "nothing listening on port $1" >&2; exit 1
}

jvm_opts=(-Xms256m -Xmx256m)

"$java" "${jvm_opts[@]}" -cp "$cp" BenchBackend "$BACKEND_PORT" >"$work/backend.log" 2>&1 &
pids+=($!)
wait_port "$BACKEND_PORT"

cat >"$work/balancer.yaml" <<YAML
listen: 127.0.0.1:$BALANCER_PORT
admin: { listen: "127.0.0.1:$ADMIN_PORT", token: bench-token }
health: { path: /readyz, interval: 1s, timeout: 1s, rise: 1, fall: 3 }
backends:
  - { id: bench, url: "http://127.0.0.1:$BACKEND_PORT", version: bench, weight: 1 }
YAML
"$java" "${jvm_opts[@]}" -cp "$cp" BenchBalancer "$work/balancer.yaml" >"$work/balancer.log" 2>&1 &
pids+=($!)
wait_port "$BALANCER_PORT"

cat >"$work/haproxy.cfg" <<CFG
global
  maxconn 4096
  nbthread 2
defaults
  mode http
  timeout connect 2s
  timeout client 30s
  timeout server 30s
  option http-keep-alive
  option forwardfor
  http-reuse always
frontend bench
  bind 127.0.0.1:$HAPROXY_PORT
  default_backend app
backend app
  option httpchk GET /readyz
  server bench 127.0.0.1:$BACKEND_PORT check inter 1s rise 1 fall 3
CFG
haproxy -f "$work/haproxy.cfg" -db >"$work/haproxy.log" 2>&1 &
pids+=($!)
wait_port "$HAPROXY_PORT"
sleep 1.5 # first health checks

# Prints "requests/s p50_ms p99_ms" from wrk --latency output.
figures() {
  awk '
    function ms(v) { if (v ~ /us$/) return substr(v, 1, length(v)-2)/1000; if (v ~ /ms$/) return substr(v, 1, length(v)-2)+0; if (v ~ /s$/) return substr(v, 1, length(v)-1)*1000; return v }
    /Requests\/sec/ { rps = $2 }
    $1 == "50%" { p50 = ms($2) }
    $1 == "99%" { p99 = ms($2) }
    /Non-2xx/ { errors = $NF }
    END { printf "%.0f %.3f %.3f %d\n", rps, p50, p99, errors }'
}

run() { # name port seconds
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${3}s" --latency "http://127.0.0.1:$2/" >"$work/$1.wrk"
  figures <"$work/$1.wrk"
}

# The JVM must finish its JIT compilation before it is measured; on a busy machine that can take a
# minute. Warm up in 5 s slices until the rate stops growing (less than 10 % over the previous
# slice, at least WARMUP seconds, at most WARMUP_MAX seconds).
echo "warming up the balancer (${WARMUP}-${WARMUP_MAX}s, until its rate settles)"
previous=0
for ((elapsed = 5; elapsed <= WARMUP_MAX; elapsed += 5)); do
  rate=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d5s "http://127.0.0.1:$BALANCER_PORT/" | awk '/Requests\/sec/ { printf "%.0f", $2 }')
  echo "  ${elapsed}s: $rate requests/s"
  if ((elapsed >= WARMUP && rate * 10 < previous * 11)); then break; fi
  previous=$rate
done
wrk -t"$THREADS" -c"$CONNECTIONS" -d3s "http://127.0.0.1:$HAPROXY_PORT/" >/dev/null
wrk -t"$THREADS" -c"$CONNECTIONS" -d2s "http://127.0.0.1:$BACKEND_PORT/" >/dev/null

# The targets take turns (ROUNDS rounds of DURATION/ROUNDS seconds each) so that a change in the
# machine's background load during the run weighs on all three alike.
slice=$(( (DURATION + ROUNDS - 1) / ROUNDS ))
echo "measuring ${DURATION}s each in $ROUNDS rounds: wrk -t$THREADS -c$CONNECTIONS on $(nproc) cores, load average $(cut -d' ' -f1 /proc/loadavg)"
: >"$work/rounds.txt"
for round in $(seq 1 "$ROUNDS"); do
  for target in direct:$BACKEND_PORT haproxy:$HAPROXY_PORT tuesday:$BALANCER_PORT; do
    name=${target%%:*}
    echo "$round $name $(run "$name" "${target##*:}" "$slice")" | tee -a "$work/rounds.txt"
  done
done

# Per target: mean requests/s over the rounds, median round p50 and p99, total non-2xx.
summary() { # name
  local rps p50 p99 err
  rps=$(awk -v n="$1" '$2 == n { s += $3; k++ } END { printf "%.0f", s / k }' "$work/rounds.txt")
  p50=$(awk -v n="$1" '$2 == n { print $4 }' "$work/rounds.txt" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
  p99=$(awk -v n="$1" '$2 == n { print $5 }' "$work/rounds.txt" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
  err=$(awk -v n="$1" '$2 == n { s += $6 } END { print s + 0 }' "$work/rounds.txt")
  echo "$rps $p50 $p99 $err"
}
read -r direct_rps direct_p50 direct_p99 direct_err < <(summary direct)
read -r haproxy_rps haproxy_p50 haproxy_p99 haproxy_err < <(summary haproxy)
read -r tuesday_rps tuesday_p50 tuesday_p99 tuesday_err < <(summary tuesday)

printf '\n%-18s %12s %10s %10s %8s\n' target requests/s p50_ms p99_ms non-2xx
printf '%-18s %12s %10s %10s %8s\n' "no proxy" "$direct_rps" "$direct_p50" "$direct_p99" "$direct_err"
printf '%-18s %12s %10s %10s %8s\n' "haproxy $(haproxy -v | awk 'NR==1{print $3}' | cut -d- -f1)" "$haproxy_rps" "$haproxy_p50" "$haproxy_p99" "$haproxy_err"
printf '%-18s %12s %10s %10s %8s\n' "tuesday balancer" "$tuesday_rps" "$tuesday_p50" "$tuesday_p99" "$tuesday_err"
echo
awk -v t="$tuesday_rps" -v h="$haproxy_rps" -v d="$direct_rps" -v tp="$tuesday_p99" -v hp="$haproxy_p99" 'BEGIN {
  printf "tuesday / haproxy requests/s: %.2f (aim: >= 0.60)\n", t / h
  printf "tuesday / no proxy requests/s: %.2f\n", t / d
  printf "haproxy / no proxy requests/s: %.2f\n", h / d
  printf "tuesday / haproxy p99: %.2f\n", tp / hp
}'

echo
echo "balancer counters after the run (admin API /metrics):"
curl -s "http://127.0.0.1:$ADMIN_PORT/metrics" | grep -E '^tuesday_balancer_(client_|retries|backend_(requests|responses_5xx|connection_failures|timeouts)_total|backend_state.*} 1)' | sed 's/^/  /'
