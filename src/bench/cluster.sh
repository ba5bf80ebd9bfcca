#!/usr/bin/env bash
# Cross-instance delivery latency of a Waypoint cluster against same-instance delivery, in one run.
#
# Starts two Payara Micro instances as a cluster on loopback (the README's cluster commands: TCP-IP join on
# 127.0.0.1, phone home off, rooms in the grid), then runs the load generator's fanout (and saturate) scenario twice:
#   same-instance   every client of every room on instance A;
#   cross-instance  each room's writer on A, its other clients on B (--reader-url): every delivery but the writer's
#                   own crosses the grid once (or, where B claimed the room first, the writer's requests do).
# Then, for reference, a single instance started with --nocluster (the README's run command, its embedded database in
# a fresh directory) under the same load.
#
# Usage: src/bench/cluster.sh
# Environment: SCENARIOS (default fanout,saturate), BENCH_ARGS, PORT_BASE (default 19300), OUT, WAYPOINT_BUILD
# (1 = build the WAR first, default), BENCH_JAVA_OPTS, WAIT_READY, JFR=1 (each server records a JDK Flight Recording
# to OUT/NAME.jfr), CROSS_ONLY=1 (only the cross-instance run). Every server is started here and stopped by PID.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
SCENARIOS="${SCENARIOS:-fanout,saturate}"
PORT_BASE="${PORT_BASE:-19300}"
OUT="${OUT:-$HERE/target/cluster-$(date -u +%Y%m%dT%H%M%SZ)}"
BENCH_JAVA_OPTS="${BENCH_JAVA_OPTS:--Xms1g -Xmx2g}"
mkdir -p "$OUT"
ulimit -n 65536 2>/dev/null || true

JAR="$HERE/target/waypoint-bench.jar"
if [ ! -f "$JAR" ] || [ -n "$(find "$HERE/src" "$HERE/pom.xml" -newer "$JAR" -print -quit)" ]; then
  mvn -q -f "$HERE/pom.xml" package
fi
# clean: the WAR plugin keeps classes deleted from the sources in target/waypoint and packs them again
if [ "${WAYPOINT_BUILD:-1}" = 1 ]; then (cd "$REPO" && mvn -q -DskipTests clean package); fi

# The limits this load must raise (as compare.sh); everything else at Waypoint's defaults.
LIMITS="-Dwaypoint.client.messages-per-second=1000000 -Dwaypoint.client.message-burst=1000000 -Dwaypoint.max-connections-per-address=20000 -Dwaypoint.max-active-rooms=100000"
GRID_A=$((PORT_BASE + 61)) GRID_B=$((PORT_BASE + 62))
CLUSTER="tcpip:127.0.0.1:$GRID_A,127.0.0.1:$GRID_B"
PIDS=()
LAST_PID=""
# Starts an instance in the background and records its PID (in this shell: not in a $(...) subshell, whose PIDS
# would be lost and whose servers stop_all would never stop).
start() { # name http-port micro-switches...   (JVM options of the instance: EXTRA_JVM)
  local name=$1 port=$2; shift 2
  # shellcheck disable=SC2086
  local jfr=""
  [ "${JFR:-0}" = 1 ] && jfr="-XX:StartFlightRecording=dumponexit=true,filename=$OUT/$name.jfr,settings=profile"
  (cd "$REPO" && exec java -Dhazelcast.phone.home.enabled=false $LIMITS ${EXTRA_JVM:-} $jfr -jar target/payara-micro.jar --disablephonehome \
      --postbootcommandfile payara-config/post-boot-commands.asadmin --deploy target/waypoint.war --contextroot / \
      --port "$port" "$@") >"$OUT/$name.log" 2>&1 &
  LAST_PID=$!
  PIDS+=("$LAST_PID")
}
stop_all() {
  for p in "${PIDS[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do
    for _ in $(seq 1 100); do kill -0 "$p" 2>/dev/null || break; sleep 0.2; done
    kill -0 "$p" 2>/dev/null && kill -KILL "$p" 2>/dev/null || true
  done
  PIDS=()
}
trap stop_all EXIT

bench() { # label url [reader-url] [server-pid]
  local label=$1 url=$2 readers=${3:-} pid=${4:-}
  echo "[cluster] $label" >&2
  # shellcheck disable=SC2086
  java $BENCH_JAVA_OPTS -jar "$JAR" --url "$url" ${readers:+--reader-url "$readers"} --label "$label" \
      ${pid:+--server-pid "$pid"} --wait-ready "${WAIT_READY:-180}" --scenarios "$SCENARIOS" ${BENCH_ARGS:-} \
      >>"$OUT/results.jsonl" 2>>"$OUT/bench.log"
}

A=$((PORT_BASE + 1)) B=$((PORT_BASE + 2)) SINGLE=$((PORT_BASE + 3))
for port in "$A" "$B" "$SINGLE" "$GRID_A" "$GRID_B"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "port $port is in use: another server would be measured instead of this run's (PORT_BASE=...)" >&2; exit 1
  fi
done
# A cluster name of this run only: an instance left over from another run can never join it.
NAME="waypoint-bench-$$"
start instance-a "$A" --clustermode "$CLUSTER" --interfaces 127.0.0.1 --startport "$GRID_A" --clustername "$NAME"; PID_A=$LAST_PID
start instance-b "$B" --clustermode "$CLUSTER" --interfaces 127.0.0.1 --startport "$GRID_B" --clustername "$NAME"; PID_B=$LAST_PID
java -jar "$JAR" --url "ws://127.0.0.1:$B/api/map" --wait-ready "${WAIT_READY:-180}" --scenarios , >/dev/null 2>&1 || true
[ "${CROSS_ONLY:-0}" = 1 ] || bench same-instance "ws://127.0.0.1:$A/api/map" "" "$PID_A"
bench cross-instance "ws://127.0.0.1:$A/api/map" "ws://127.0.0.1:$B/api/map" "$PID_A"
grep -h 'Clustered on\|Rooms are kept' "$OUT/instance-a.log" | sed 's/.*\] //' | head -2 >&2 || true
stop_all

if [ "${CROSS_ONLY:-0}" != 1 ]; then
  EXTRA_JVM="-Dwaypoint.data.dir=$OUT/single-data" start single "$SINGLE" --nocluster; PID_S=$LAST_PID
  bench single-instance "ws://127.0.0.1:$SINGLE/api/map" "" "$PID_S"
  stop_all
fi

echo "results: $OUT/results.jsonl" >&2
cat "$OUT/results.jsonl"
