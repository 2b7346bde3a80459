#!/usr/bin/env bash
# Load scenario: authenticated message appends through the whole Rampart pipeline, next to a bare
# Vert.x route on the same machine in the same run; then cold start to ready.
#   perf/load/run.sh [duration-seconds] [connections] [persistence: embedded|memory] [scenario: append|chat]
# append: authenticated message appends; chat: OpenAI-style chat completions through the whole
# gateway (auth, limits, guards, router, offline provider, accounting, usage ledger).
# Needs wrk (apt-get install wrk). Bounded: each wrk run lasts DURATION seconds, loopback only.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
DURATION="${1:-15}"; CONNECTIONS="${2:-32}"; PERSISTENCE="${3:-embedded}"; SCENARIO="${4:-append}"
RAMPART_PORT=18080; BARE_PORT=18081; KEY=rk_dev_acme_0123456789abcdef
WORK="$(mktemp -d)"; PIDS=()
cleanup() { for p in "${PIDS[@]:-}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT

command -v wrk >/dev/null || { echo "wrk not found: apt-get install wrk" >&2; exit 1; }
[ -f "$ROOT/platform/target/rampart.jar" ] || (cd "$ROOT" && mvn -q -B -DskipTests package)
[ -f "$ROOT/perf/load/target/bare-vertx.jar" ] || (cd "$ROOT/perf/load" && mvn -q -B package)

wait_ready() { # url -> milliseconds until it answers 200
  local start; start=$(date +%s%N)
  for _ in $(seq 1 600); do
    if curl -sf -o /dev/null "$1"; then echo $(( ($(date +%s%N) - start) / 1000000 )); return 0; fi
    sleep 0.05
  done
  echo "timeout waiting for $1" >&2; return 1
}

start_rampart() { # data-dir -> pid
  sed "s/^  use: embedded /  use: $PERSISTENCE /" "$ROOT/config/rampart.yaml" > "$WORK/rampart.yaml"
  # the example tenant, with its limits lifted so the load measures the pipeline, not the limiter
  mkdir -p "$WORK/tenants"
  sed -e 's/^  requests-per-second: 50$/  requests-per-second: 10000000\n  in-flight: 1000000\n  tokens-per-minute: 0\n  daily-budget-usd: 0\n  monthly-budget-usd: 0/' \
      -e 's/^  burst: 100$/  burst: 10000000/' "$ROOT/config/tenants/acme.yaml" > "$WORK/tenants/acme.yaml"
  (cd "$ROOT" && RAMPART_HTTP_PORT=$RAMPART_PORT RAMPART_DATA_DIR="$1" RAMPART_TENANTS_DIR="$WORK/tenants" \
    exec java -jar platform/target/rampart.jar "$WORK/rampart.yaml" > "$WORK/rampart.log" 2>&1) &
  echo $!
}

if [ "$SCENARIO" = chat ]; then
  echo "== chat completions: ${DURATION}s, ${CONNECTIONS} connections, 2 wrk threads, persistence=$PERSISTENCE"
  pid=$(start_rampart "$WORK/data"); PIDS+=("$pid"); wait_ready "http://127.0.0.1:$RAMPART_PORT/health/ready" > /dev/null
  # the gateway's own time per request, from Server-Timing, over 200 sequential requests after warm-up
  KEY=$KEY MODEL=fast wrk -t2 -c"$CONNECTIONS" -d5s -s "$ROOT/perf/load/chat.lua" "http://127.0.0.1:$RAMPART_PORT" > /dev/null
  for _ in $(seq 1 200); do
    curl -s -o /dev/null -D - "http://127.0.0.1:$RAMPART_PORT/v1/chat/completions" -H "Authorization: Bearer $KEY" \
      -H 'Content-Type: application/json' -d '{"model":"fast","messages":[{"role":"user","content":"What is the capital of France, in one word?"}]}' \
      | tr -d '\r' | sed -n 's/^[Ss]erver-[Tt]iming: gateway;dur=\([0-9.]*\).*/\1/p'
  done > "$WORK/gateway-ms"
  r=$(KEY=$KEY MODEL=fast wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" -s "$ROOT/perf/load/chat.lua" "http://127.0.0.1:$RAMPART_PORT" | tail -n 1)
  kill "$pid"
  (cd "$ROOT/perf/load" && exec java -jar target/bare-vertx.jar $BARE_PORT > /dev/null 2>&1) & bpid=$!; PIDS+=("$bpid")
  wait_ready "http://127.0.0.1:$BARE_PORT/health/ready" > /dev/null
  MODEL=fast wrk -t2 -c"$CONNECTIONS" -d5s -s "$ROOT/perf/load/chat.lua" "http://127.0.0.1:$BARE_PORT" > /dev/null
  b=$(MODEL=fast wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" -s "$ROOT/perf/load/chat.lua" "http://127.0.0.1:$BARE_PORT" | tail -n 1)
  kill "$bpid"
  echo "rampart:    $r"
  echo "bare vert.x: $b"
  python3 - "$r" "$b" "$WORK/gateway-ms" <<'PY'
import json, statistics, sys
r, b = json.loads(sys.argv[1]), json.loads(sys.argv[2])
g = sorted(float(x) for x in open(sys.argv[3]).read().split())
print(f"throughput ratio rampart/bare = {r['rps'] / b['rps']:.3f}")
print(f"p50 rampart {r['p50_ms']:.2f} ms vs bare {b['p50_ms']:.2f} ms; p99 rampart {r['p99_ms']:.2f} ms vs bare {b['p99_ms']:.2f} ms")
if g:
    print(f"gateway's own time (Server-Timing, {len(g)} sequential requests): p50 {statistics.median(g):.2f} ms, p99 {g[int(len(g) * 0.99) - 1]:.2f} ms")
if r["non2xx"] or r["errors"]:
    print(f"WARNING: rampart answered {r['non2xx']} non-2xx and had {r['errors']} socket errors")
PY
  exit 0
fi

echo "== cold start to ready (all bundled plugins), 3 runs"
for i in 1 2 3; do
  pid=$(start_rampart "$WORK/cold-$i"); ms=$(wait_ready "http://127.0.0.1:$RAMPART_PORT/health/ready")
  kill "$pid"; wait "$pid" 2>/dev/null || true
  (cd "$ROOT/perf/load" && exec java -jar target/bare-vertx.jar $BARE_PORT > /dev/null 2>&1) & bpid=$!
  bms=$(wait_ready "http://127.0.0.1:$BARE_PORT/health/ready"); kill "$bpid"; wait "$bpid" 2>/dev/null || true
  echo "run $i: rampart ${ms} ms, bare vert.x ${bms} ms"
done

echo "== append load: ${DURATION}s, ${CONNECTIONS} connections, 2 wrk threads, persistence=$PERSISTENCE"
pid=$(start_rampart "$WORK/data"); PIDS+=("$pid"); wait_ready "http://127.0.0.1:$RAMPART_PORT/health/ready" > /dev/null
ids=()
for _ in $(seq 1 "$CONNECTIONS"); do
  ids+=("$(curl -sf -X POST "http://127.0.0.1:$RAMPART_PORT/v1/conversations" -H "Authorization: Bearer $KEY" \
    -H 'Content-Type: application/json' -d '{"title":"load"}' | sed -E 's/.*"id":"([^"]+)".*/\1/')")
done
CONVERSATIONS=$(IFS=,; echo "${ids[*]}")
# short warm-up for the JIT, then the measured run
CONVERSATIONS=$CONVERSATIONS KEY=$KEY wrk -t2 -c"$CONNECTIONS" -d5s -s "$ROOT/perf/load/append.lua" "http://127.0.0.1:$RAMPART_PORT" > /dev/null
r=$(CONVERSATIONS=$CONVERSATIONS KEY=$KEY wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" -s "$ROOT/perf/load/append.lua" "http://127.0.0.1:$RAMPART_PORT" | tail -n 1)
kill "$pid"

(cd "$ROOT/perf/load" && exec java -jar target/bare-vertx.jar $BARE_PORT > /dev/null 2>&1) & bpid=$!; PIDS+=("$bpid")
wait_ready "http://127.0.0.1:$BARE_PORT/health/ready" > /dev/null
CONVERSATIONS=c_1,c_2 wrk -t2 -c"$CONNECTIONS" -d5s -s "$ROOT/perf/load/append.lua" "http://127.0.0.1:$BARE_PORT" > /dev/null
b=$(CONVERSATIONS=c_1,c_2 wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" -s "$ROOT/perf/load/append.lua" "http://127.0.0.1:$BARE_PORT" | tail -n 1)
kill "$bpid"

echo "rampart:    $r"
echo "bare vert.x: $b"
python3 - "$r" "$b" <<'PY'
import json, sys
r, b = json.loads(sys.argv[1]), json.loads(sys.argv[2])
print(f"throughput ratio rampart/bare = {r['rps'] / b['rps']:.3f}")
print(f"p50 rampart {r['p50_ms']:.2f} ms vs bare {b['p50_ms']:.2f} ms; p99 rampart {r['p99_ms']:.2f} ms vs bare {b['p99_ms']:.2f} ms")
if r["non2xx"] or r["errors"]:
    print(f"WARNING: rampart answered {r['non2xx']} non-2xx and had {r['errors']} socket errors")
PY
