#!/usr/bin/env bash
# Benchmark: the Tuesday balancer vs HAProxy vs no proxy, same Jetty backend, same load generator
# (wrk), one run. The balancer is warmed up first (until its CPU per request settles, 20-45 s), then
# the three targets take turns in ROUNDS rounds, DURATION seconds each in total. Prints requests/s,
# p50 and p99 of each, the CPU the serving process used per request, and the ratios.
#
#   bench/balancer/run.sh            # 12 s per target in 3 rounds, 2 wrk threads, 64 connections
#   DURATION=6 ROUNDS=2 CONNECTIONS=32 bench/balancer/run.sh
#
# Needs: a JDK 21+ (JAVA_HOME or /usr/lib/jvm), haproxy and wrk (installed with apt-get if missing).
# Everything listens on 127.0.0.1 (ports 18100-18103) and is stopped on exit.
set -euo pipefail

DURATION=${DURATION:-12}
ROUNDS=${ROUNDS:-3}
WARMUP=${WARMUP:-20}
WARMUP_MAX=${WARMUP_MAX:-45}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-64}
BACKEND_PORT=${BACKEND_PORT:-18100}
BALANCER_PORT=${BALANCER_PORT:-18101}
HAPROXY_PORT=${HAPROXY_PORT:-18102}
ADMIN_PORT=${ADMIN_PORT:-18103}

here=$(cd "$(dirname "$0")" && pwd)
. "$here/../build.sh"
. "$here/../wrk.sh"
work=$(mktemp -d "${TMPDIR:-/tmp}/tuesday-bench-balancer.XXXXXX")
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

missing=()
command -v haproxy >/dev/null || missing+=(haproxy)
command -v wrk >/dev/null || missing+=(wrk)
if ((${#missing[@]})); then
  echo "installing ${missing[*]} (apt-get)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

echo "building the balancer module"
cp="$root/balancer/target/classes:$(bench_classpath balancer runtime)"
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
backend_pid=$!
pids+=($!)
wait_port "$BACKEND_PORT"

cat >"$work/balancer.yaml" <<YAML
listen: 127.0.0.1:$BALANCER_PORT
admin: { listen: "127.0.0.1:$ADMIN_PORT", token: bench-token }
health: { path: /readyz, interval: 1s, timeout: 1s, rise: 1, fall: 3 }
backends:
  - { id: bench, url: "http://127.0.0.1:$BACKEND_PORT", version: bench, weight: 1 }
YAML
# As ./tuesday runs it: without Netty's leak detector.
"$java" "${jvm_opts[@]}" -Dio.netty.leakDetection.level=disabled -cp "$cp" BenchBalancer "$work/balancer.yaml" >"$work/balancer.log" 2>&1 &
balancer_pid=$!
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
haproxy_pid=$!
pids+=($!)
wait_port "$HAPROXY_PORT"
sleep 1.5 # first health checks

# CPU time (user + system, in clock ticks) a process has used so far.
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
ticks_per_second=$(getconf CLK_TCK)

# Prints "requests/s p50_ms p99_ms non-2xx cpu_ms_per_1000_requests" for one wrk run, the CPU being
# the one of the process that serves the port (the proxy, or the backend when there is none). CPU per
# request does not depend much on how busy the machine is, unlike requests/s.
run() { # name port seconds pid
  local before after rps p50 p99 err requests
  before=$(cpu_ticks "$4")
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${3}s" --latency "http://127.0.0.1:$2/" >"$work/$1.wrk"
  after=$(cpu_ticks "$4")
  read -r rps p50 p99 err requests < <(wrk_figures <"$work/$1.wrk")
  awk -v r="$rps" -v a="$p50" -v b="$p99" -v e="$err" -v n="$requests" -v t=$((after - before)) -v hz="$ticks_per_second" \
    'BEGIN { printf "%s %s %s %s %.1f\n", r, a, b, e, (n > 0 ? t * 1000 / hz / n * 1000 : 0) }'
}

# The JVM must finish its JIT compilation before it is measured. Warm up in 5 s slices, watching the
# balancer's CPU per request (which, unlike requests/s, hardly depends on what else the machine
# runs): stop once two slices in a row improve on the best so far by less than 10 %, after at least
# WARMUP and at most WARMUP_MAX seconds. Netty's data plane settles in 20-25 s on a quiet machine
# (the loop then stops at 30-35 s); 45 s leaves room for a busy one.
echo "warming up the balancer (${WARMUP}-${WARMUP_MAX}s, until its CPU per request settles)"
best=0
flat=0
for ((elapsed = 5; elapsed <= WARMUP_MAX; elapsed += 5)); do
  before=$(cpu_ticks "$balancer_pid")
  out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d5s "http://127.0.0.1:$BALANCER_PORT/")
  after=$(cpu_ticks "$balancer_pid")
  requests=$(awk '/ requests in / { print $1 }' <<<"$out")
  cost=$(( (after - before) * 1000000 / ticks_per_second / (requests > 0 ? requests : 1) )) # CPU us per request
  echo "  ${elapsed}s: $(awk '/Requests\/sec/ { printf "%.0f", $2 }' <<<"$out") requests/s, ${cost} us CPU per request"
  if ((best == 0 || cost * 10 < best * 9)); then flat=0; else flat=$((flat + 1)); fi
  if ((best == 0 || cost < best)); then best=$cost; fi
  if ((elapsed >= WARMUP && flat >= 2)); then break; fi
done
wrk -t"$THREADS" -c"$CONNECTIONS" -d3s "http://127.0.0.1:$HAPROXY_PORT/" >/dev/null
wrk -t"$THREADS" -c"$CONNECTIONS" -d2s "http://127.0.0.1:$BACKEND_PORT/" >/dev/null

# The targets take turns (ROUNDS rounds of DURATION/ROUNDS seconds each) so that a change in the
# machine's background load during the run weighs on all three alike.
slice=$(( (DURATION + ROUNDS - 1) / ROUNDS ))
echo "measuring ${DURATION}s each in $ROUNDS rounds: wrk -t$THREADS -c$CONNECTIONS on $(nproc) cores, load average $(cut -d' ' -f1 /proc/loadavg)"
echo "round target requests/s p50_ms p99_ms non-2xx cpu_ms_per_1000_requests"
: >"$work/rounds.txt"
for round in $(seq 1 "$ROUNDS"); do
  for target in direct:$BACKEND_PORT:$backend_pid haproxy:$HAPROXY_PORT:$haproxy_pid tuesday:$BALANCER_PORT:$balancer_pid; do
    IFS=: read -r name port pid <<<"$target"
    echo "$round $name $(run "$name" "$port" "$slice" "$pid")" | tee -a "$work/rounds.txt"
  done
done

# Per target: mean requests/s over the rounds, median round p50 and p99, total non-2xx, median CPU.
read -r direct_rps direct_p50 direct_p99 direct_err direct_cpu < <(rounds_summary "$work/rounds.txt" direct 7)
read -r haproxy_rps haproxy_p50 haproxy_p99 haproxy_err haproxy_cpu < <(rounds_summary "$work/rounds.txt" haproxy 7)
read -r tuesday_rps tuesday_p50 tuesday_p99 tuesday_err tuesday_cpu < <(rounds_summary "$work/rounds.txt" tuesday 7)

printf '\n%-18s %12s %10s %10s %8s %22s\n' target requests/s p50_ms p99_ms non-2xx "server CPU ms/1000 req"
printf '%-18s %12s %10s %10s %8s %22s\n' "no proxy" "$direct_rps" "$direct_p50" "$direct_p99" "$direct_err" "$direct_cpu (backend)"
printf '%-18s %12s %10s %10s %8s %22s\n' "haproxy $(haproxy -v | awk 'NR==1{print $3}' | cut -d- -f1)" "$haproxy_rps" "$haproxy_p50" "$haproxy_p99" "$haproxy_err" "$haproxy_cpu (proxy)"
printf '%-18s %12s %10s %10s %8s %22s\n' "tuesday balancer" "$tuesday_rps" "$tuesday_p50" "$tuesday_p99" "$tuesday_err" "$tuesday_cpu (proxy)"
echo
awk -v t="$tuesday_rps" -v h="$haproxy_rps" -v d="$direct_rps" -v tp="$tuesday_p99" -v hp="$haproxy_p99" \
    -v tc="$tuesday_cpu" -v hc="$haproxy_cpu" 'BEGIN {
  printf "tuesday / haproxy requests/s: %.2f (aim: >= 0.85)\n", t / h
  printf "tuesday / no proxy requests/s: %.2f\n", t / d
  printf "haproxy / no proxy requests/s: %.2f\n", h / d
  printf "tuesday / haproxy p99: %.2f\n", tp / hp
  printf "tuesday / haproxy CPU per request: %.2f (aim: <= 1.50)\n", tc / hc
}'

echo
echo "balancer counters after the run (admin API /metrics):"
curl -s "http://127.0.0.1:$ADMIN_PORT/metrics" | grep -E '^tuesday_balancer_(client_|retries|backend_(requests|responses_5xx|connection_failures|timeouts)_total|backend_state.*} 1)' | sed 's/^/  /'
