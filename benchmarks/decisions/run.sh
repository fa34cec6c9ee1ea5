#!/usr/bin/env bash
# Full decision benchmark: POST /api/v1/decisions against the packaged server, on PostgreSQL or on the embedded H2
# database. The server has 1,000 active offers: a 1,000-row offers decision table put live through the rule-set API,
# and 1,000 offers in the catalogue. It also has 100,000 customer profiles, the production contact policy and the
# stored decision log.
#
#   apt-get install -y postgresql wrk          # once; PostgreSQL 15 from Debian, default settings
#   mvn -pl decision-service,benchmarks -am package -DskipTests
#   benchmarks/decisions/run.sh                # or DB=h2 benchmarks/decisions/run.sh
#
# On PostgreSQL the script (re)creates database solomo_decisions on the local cluster and seeds it with seed.sql. On
# H2 it starts from a new database file in $OUT_DIR/h2, which H2's mixed mode (AUTO_SERVER) opens to the seeding
# shell, and seeds it with seed-h2.sql. The server runs on 127.0.0.1:$PORT with the demo profile (its API users) but
# the contact policy of application.properties. The script uploads and activates the generated rule set, warms up,
# then measures with wrk at each connection count. Each RESULT line ends with the decisions stored in
# decision_record, which must equal the decisions returned to wrk (decisions_answered).
# Knobs (environment): DB (postgresql or h2), PORT (18092), WARMUP (30), DURATION (60), CONNECTIONS ("8 32"),
# JAVA_OPTS ("-Xms1g -Xmx1g"), POOL (Hikari maximum pool size, 16), OUT_DIR
# (benchmarks/target/decision-bench-<UTC time>), PROFILE (1 records a JFR profile of each measurement to
# $OUT_DIR/profile-c<connections>.jfr).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
HERE="$ROOT/benchmarks/decisions"
PORT="${PORT:-18092}"
WARMUP="${WARMUP:-30}"
DURATION="${DURATION:-60}"
CONNECTIONS="${CONNECTIONS:-8 32}"
JAVA_OPTS="${JAVA_OPTS:--Xms1g -Xmx1g}"
POOL="${POOL:-16}"
OUT_DIR="${OUT_DIR:-$ROOT/benchmarks/target/decision-bench-$(date -u +%Y%m%dT%H%M%SZ)}"
JAR="$ROOT/decision-service/target/solomo-decision-service-exec.jar"
BENCH_JAR="$ROOT/benchmarks/target/benchmarks.jar"
BASE="http://127.0.0.1:${PORT}"
DB="${DB:-postgresql}"
PG_DB=solomo_decisions

log() { echo "[decision-bench $(date -u +%H:%M:%S)] $*" >&2; }
for file in "$JAR" "$BENCH_JAR"; do
  [[ -f "$file" ]] || { echo "missing $file; run: mvn -pl decision-service,benchmarks -am package -DskipTests" >&2; exit 2; }
done
command -v wrk >/dev/null || { echo "missing wrk (apt-get install -y wrk)" >&2; exit 2; }
mkdir -p "$OUT_DIR"

case "$DB" in
  postgresql)
    command -v pg_ctlcluster >/dev/null || { echo "missing PostgreSQL (apt-get install -y postgresql)" >&2; exit 2; }
    sql() { su postgres -c "psql -q -v ON_ERROR_STOP=1 -d $PG_DB $*"; }
    pg_ctlcluster 15 main start 2>/dev/null || true
    su postgres -c "psql -q -c \"alter user postgres password 'postgres'\""
    su postgres -c "psql -q -c 'drop database if exists $PG_DB'"
    su postgres -c "psql -q -c 'create database $PG_DB'"
    DATASOURCE=("--spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/$PG_DB?reWriteBatchedInserts=true"
      --spring.datasource.username=postgres --spring.datasource.password=postgres)
    SEED="$HERE/seed.sql"
    seed() { sql "-f '$SEED'"; }
    stored() { sql "-tA -c 'select count(*) from decision_record'" 2>/dev/null | tr -d ' '; }
    ;;
  h2)
    # The shell uses the H2 driver inside the server's jar, so that both read and write the same file format.
    unzip -qo -j "$JAR" 'BOOT-INF/lib/h2-*.jar' -d "$OUT_DIR"
    H2_JAR=$(ls "$OUT_DIR"/h2-*.jar)
    H2_URL="jdbc:h2:file:$OUT_DIR/h2/solomo;AUTO_SERVER=TRUE"
    rm -rf "$OUT_DIR/h2"
    DATASOURCE=("--spring.datasource.url=$H2_URL;WRITE_DELAY=0" --spring.datasource.username=sa
      --spring.datasource.password=)
    SEED="$HERE/seed-h2.sql"
    seed() { java -cp "$H2_JAR" org.h2.tools.RunScript -url "$H2_URL" -user sa -script "$SEED"; }
    stored() {
      java -cp "$H2_JAR" org.h2.tools.Shell -url "$H2_URL" -user sa \
        -sql 'select count(*) as stored from decision_record' 2>/dev/null | sed -n 2p | tr -d ' '
    }
    ;;
  *) echo "DB must be postgresql or h2, got '$DB'" >&2; exit 2 ;;
esac

SERVER_PID=""
stop_server() {
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true
  fi
}
trap stop_server EXIT

log "starting the server on $BASE ($JAVA_OPTS, pool $POOL); output in $OUT_DIR"
# shellcheck disable=SC2086
(cd "$OUT_DIR" && exec java $JAVA_OPTS -jar "$JAR" --spring.profiles.active=demo \
  --server.address=127.0.0.1 --server.port="$PORT" \
  "${DATASOURCE[@]}" \
  --spring.datasource.hikari.maximum-pool-size="$POOL" \
  --solomo.policy.max-per-channel-per-day=3 --solomo.policy.max-per-channel-per-week=10 \
  --solomo.policy.fatigue-budget-per-day=5 --solomo.policy.default-cooldown=PT24H \
  --logging.level.io.solomo=WARN > server.log 2>&1) &
SERVER_PID=$!
for _ in $(seq 1 180); do
  curl -sf "$BASE/actuator/health" >/dev/null 2>&1 && break
  kill -0 "$SERVER_PID" 2>/dev/null || { echo "the server stopped; see $OUT_DIR/server.log" >&2; exit 1; }
  sleep 1
done
curl -sf "$BASE/actuator/health" >/dev/null || { echo "the server did not start; see $OUT_DIR/server.log" >&2; exit 1; }

log "seeding 1,000 offers, 100 stores and 100,000 customers"
seed

log "uploading and activating the 1,000-row offers rule set"
java -cp "$BENCH_JAR" io.solomo.benchmarks.OffersTableGenerator "$OUT_DIR/rules" >/dev/null
parts=()
while IFS= read -r file; do
  parts+=(-F "file=@$OUT_DIR/rules/$file;filename=$file")
done < <(cd "$OUT_DIR/rules" && find . -type f | sed 's|^\./||' | sort)
curl -sf -u analyst:demo "${parts[@]}" "$BASE/api/v1/rulesets/offers/versions" > "$OUT_DIR/upload.json"
version=$(sed -E 's/.*"version":([0-9]+).*/\1/' "$OUT_DIR/upload.json")
grep -q '"status":"VALID"' "$OUT_DIR/upload.json" || { echo "the rule set is not valid: $(cat "$OUT_DIR/upload.json")" >&2; exit 1; }
curl -sf -u analyst:demo -X POST "$BASE/api/v1/rulesets/offers/versions/$version/activate" > "$OUT_DIR/activate.json"
log "active: $(cat "$OUT_DIR/activate.json")"

curl -sf -u app:demo -H 'Content-Type: application/json' -d '{"customerId":"bench-1","storeId":"bench-store-1",
  "channel":"PUSH","at":"2026-12-05T09:00:00Z","maxOffers":3}' "$BASE/api/v1/decisions" > "$OUT_DIR/sample.json"
log "sample decision: $(cat "$OUT_DIR/sample.json")"

cpu_ticks() { awk '{print $14 + $15}' "/proc/$SERVER_PID/stat"; }

answered=1
log "warm-up: ${WARMUP}s at 32 connections"
wrk -t2 -c32 -d"${WARMUP}s" --timeout 10s -s "$HERE/decisions.lua" "$BASE" > "$OUT_DIR/warmup.txt"
answered=$((answered + $(sed -nE 's/.*WRKRESULT requests=([0-9]+).*/\1/p' "$OUT_DIR/warmup.txt")))

hz=$(getconf CLK_TCK)
for connections in $CONNECTIONS; do
  log "measuring ${DURATION}s at $connections connections"
  if [[ "${PROFILE:-0}" == 1 ]]; then
    jcmd "$SERVER_PID" JFR.start name=bench settings=profile duration="${DURATION}s" \
      filename="$OUT_DIR/profile-c$connections.jfr" >/dev/null
  fi
  before=$(cpu_ticks)
  wrk -t2 -c"$connections" -d"${DURATION}s" --timeout 10s --latency -s "$HERE/decisions.lua" "$BASE" \
    > "$OUT_DIR/wrk-c$connections.txt"
  after=$(cpu_ticks)
  [[ "${PROFILE:-0}" == 1 ]] && sleep 2
  line=$(grep WRKRESULT "$OUT_DIR/wrk-c$connections.txt")
  requests=$(sed -nE 's/.*requests=([0-9]+).*/\1/p' <<< "$line")
  answered=$((answered + requests))
  cpu_ms=$(awk -v t=$((after - before)) -v hz="$hz" -v n="$requests" 'BEGIN { printf "%.3f", t * 1000 / hz / n }')
  echo "RESULT engine=solomo-decisions db=$DB offers=1000 customers=100000 c=$connections ${line#WRKRESULT } server_cpu_ms_per_req=$cpu_ms decisions_answered=$answered decisions_stored=$(stored) load_avg_1m=$(cut -d' ' -f1 /proc/loadavg)"
done
