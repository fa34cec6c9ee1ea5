#!/usr/bin/env bash
# Load test of our KIE Server REST contract, measured exactly like the KIE Server 7.74 anchor benchmark
# (../shared/bench/kie-server-7): same kjar, same five request bodies, same wrk script, connections and durations.
#
#   1. copy the anchor folder and build its kjar into ~/.m2 (its README, step 2):
#        cp -r ../shared/bench/kie-server-7 /tmp/kie7 && (cd /tmp/kie7/kjar && mvn -q install)
#   2. package the server:  mvn -pl decision-service -am package -DskipTests
#   3. BENCH=/tmp/kie7 benchmarks/kie-server/run.sh               # our server
#      BENCH=/tmp/kie7 TARGET=kie benchmarks/kie-server/run.sh    # KIE Server 7.74 (build it first: its README, step 3)
#
# Besides wrk's figures, each RESULT line gives server_cpu_ms_per_req: the CPU time the server process used during
# the measurement divided by the requests answered. On a machine shared with other work, that figure compares the
# two servers better than requests per second, which depend on how much CPU the server was given.
#
# Our server is started with java -jar on 127.0.0.1:$PORT with the demo profile and a user bench/bench in role APP
# (the credentials the wrk script sends); container "offers" is created with PUT from the local Maven repository.
# KIE Server is started as the anchor's run.sh starts it. Knobs (environment): BENCH (required), TARGET (solomo or
# kie), PORT (18091), WARMUP (30), DURATION (60), CONCURRENCY ("8 32"),
# JAVA_OPTS ("-Xms1g -Xmx1g"), REQUESTS (requests), OUT_DIR (target/kie-bench-<UTC time>).
# Prints one RESULT line per concurrency, in the anchor's format.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
BENCH="${BENCH:?set BENCH to a copy of shared/bench/kie-server-7}"
PORT="${PORT:-18091}"
WARMUP="${WARMUP:-30}"
DURATION="${DURATION:-60}"
CONCURRENCY="${CONCURRENCY:-8 32}"
JAVA_OPTS="${JAVA_OPTS:--Xms1g -Xmx1g}"
REQUESTS="${REQUESTS:-requests}"
OUT_DIR="${OUT_DIR:-$ROOT/benchmarks/target/kie-bench-$(date -u +%Y%m%dT%H%M%SZ)}"
TARGET="${TARGET:-solomo}"
JAR="$ROOT/decision-service/target/solomo-decision-service-exec.jar"
BASE="http://127.0.0.1:${PORT}/services/rest/server"
ENGINE=solomo-kie-contract
if [[ "$TARGET" == kie ]]; then
  JAR="$BENCH/server/target/offers-kie-server.jar"
  BASE="http://127.0.0.1:${PORT}/rest/server"
  ENGINE=kie-server-7.74.1.Final
fi
URL="${BASE}/containers/instances/offers"

log() { echo "[kie-bench $(date -u +%H:%M:%S)] $*" >&2; }
[[ -f "$JAR" ]] || { echo "missing $JAR; see the build steps above" >&2; exit 2; }
command -v wrk >/dev/null || { echo "missing wrk (apt-get install -y wrk)" >&2; exit 2; }
mkdir -p "$OUT_DIR"

SERVER_PID=""
stop_server() {
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true
  fi
}
trap stop_server EXIT

log "starting $JAR on 127.0.0.1:$PORT ($JAVA_OPTS); output in $OUT_DIR"
t0=$(date +%s)
if [[ "$TARGET" == kie ]]; then
  # shellcheck disable=SC2086
  java $JAVA_OPTS -Xlog:gc:file="$OUT_DIR/gc.log" -Dorg.kie.server.repo="$OUT_DIR" -jar "$JAR" --server.port="$PORT" \
    >"$OUT_DIR/server.log" 2>&1 &
  SERVER_PID=$!
  until curl -s -u bench:bench -H 'Accept: application/json' "$BASE/containers/offers" 2>/dev/null \
        | grep -q '"status" : "STARTED"'; do
    kill -0 "$SERVER_PID" 2>/dev/null || { echo "server exited; see $OUT_DIR/server.log" >&2; exit 4; }
    sleep 1
  done
else
  # shellcheck disable=SC2086
  java $JAVA_OPTS -Xlog:gc:file="$OUT_DIR/gc.log" -jar "$JAR" --spring.profiles.active=demo \
    --server.address=127.0.0.1 --server.port="$PORT" --spring.datasource.url='jdbc:h2:mem:kie-bench;DB_CLOSE_DELAY=-1' \
    --solomo.kie.kjar-folder="$OUT_DIR/kjars" \
    '--solomo.security.users[0].name=bench' '--solomo.security.users[0].password=bench' \
    '--solomo.security.users[0].roles=APP' >"$OUT_DIR/server.log" 2>&1 &
  SERVER_PID=$!
  until curl -s -o /dev/null "http://127.0.0.1:${PORT}/actuator/health"; do
    kill -0 "$SERVER_PID" 2>/dev/null || { echo "server exited; see $OUT_DIR/server.log" >&2; exit 4; }
    sleep 1
  done
  curl -sf -u analyst:demo -X PUT -H 'Content-Type: application/json' "$BASE/containers/offers" -d \
    '{"release-id": {"group-id": "bench.solomo", "artifact-id": "offers-kjar", "version": "1.0.0"}}' \
    >"$OUT_DIR/create-container.json"
fi
log "container offers STARTED $(( $(date +%s) - t0 )) s after the start"

while IFS=$'\t' read -r file customer expected; do
  [[ "$file" == \#* || -z "$file" ]] && continue
  body=$(curl -s -u bench:bench -H 'Content-Type: application/json' -H 'Accept: application/json' \
         -X POST --data-binary @"$BENCH/$REQUESTS/$file" "$URL")
  got=$( { grep -o '"bench.solomo.OfferCandidate"' <<<"$body" || true; } | wc -l)
  if ! grep -q '"type" : "SUCCESS"' <<<"$body" || [[ "$got" != "$expected" ]]; then
    echo "CHECK FAILED $file ($customer): expected $expected OfferCandidate, got $got" >&2; exit 5
  fi
  log "check $file ($customer): $got OfferCandidate as expected"
done <"$BENCH/$REQUESTS/expected-matches.tsv"

{ echo "date_utc: $(date -u +%Y-%m-%dT%H:%M:%SZ)"; echo "nproc: $(nproc)"; uname -srm; java -version 2>&1
  echo "--- load before measuring"; uptime; } >"$OUT_DIR/env.txt" 2>&1

# CPU seconds (user + system) the server process has used so far.
server_cpu() { awk -v hz="$(getconf CLK_TCK)" '{ print ($14 + $15) / hz }' "/proc/$SERVER_PID/stat"; }

cd "$BENCH"
log "warm-up ${WARMUP}s at c=32"
wrk -t2 -c32 -d"${WARMUP}s" -s load/offers.lua "$URL" -- "$REQUESTS" >"$OUT_DIR/wrk-warmup.txt" 2>&1
for c in $CONCURRENCY; do
  log "measuring ${DURATION}s at c=${c}"
  threads=2; (( c < 2 )) && threads=1
  cpu_before=$(server_cpu)
  wrk -t"$threads" -c"$c" -d"${DURATION}s" --timeout 10s --latency -s load/offers.lua "$URL" -- "$REQUESTS" \
    >"$OUT_DIR/wrk-c${c}.txt" 2>&1
  cpu_after=$(server_cpu)
  result=$(grep WRKRESULT "$OUT_DIR/wrk-c${c}.txt" | sed 's/^WRKRESULT //')
  requests=$(sed 's/.*requests=\([0-9]*\).*/\1/' <<<"$result")
  cpu_ms=$(awk -v a="$cpu_before" -v b="$cpu_after" -v n="$requests" 'BEGIN { printf "%.3f", (b - a) * 1000 / n }')
  echo "RESULT engine=$ENGINE rules=1000 bodies=$(basename "$REQUESTS") c=${c} duration_s=${DURATION} $result" \
    "server_cpu_ms_per_req=$cpu_ms load_avg_1m=$(cut -d' ' -f1 /proc/loadavg)" | tee -a "$OUT_DIR/results.txt"
done
{ echo "--- load after measuring"; uptime; } >>"$OUT_DIR/env.txt" 2>&1
