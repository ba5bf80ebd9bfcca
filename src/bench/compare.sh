#!/usr/bin/env bash
# Runs the same benchmark scenarios against each peer in turn and prints Waypoint/peer ratios.
#
# Usage: src/bench/compare.sh [PEER...]     PEER: node-ws seed-do seed-do-miniflare waypoint waypoint-memory
#                                          (default: the first four)
#   waypoint         rooms stored in the embedded database (the default), in a fresh data dir under OUT
#   waypoint-memory  the same WAR with -Dwaypoint.storage=memory: the cost of storage is the ratio of the two
# Environment:
#   SCENARIOS      comma list for the load generator (default idle,warmup,join,ping,fanout,saturate,slow,idle10k:
#                  idle on the fresh process, then three minutes of unmeasured load so that every peer is measured
#                  warm (a fresh JVM spends much of its first minutes compiling), the most disruptive last; a peer
#                  that falls over at 10,000 then spoils nothing else). idle10k runs on
#                  the peer started afresh for it, so that its RSS per connection is not read off a heap or a
#                  process that the load scenarios before it have grown (FRESH_IDLE10K=0: on the same process)
#   BENCH_ARGS     extra load generator options, e.g. "--duration 5 --slow-duration 10"
#   WAYPOINT_REPO  the Waypoint checkout to build and start (default: this script's repository)
#   ANCHORS        the peers' folder (default: REPO/../shared/anchors)
#   OUT            results folder (default: src/bench/target/compare-DATE)
#   PORT_BASE      first port (default 19100; peers use PORT_BASE+1..+4, seed-do's inspector +51)
#   WAYPOINT_BUILD 1 = build the WAR before starting Waypoint (default); 0 = use target/ as it is
#   WAYPOINT_JAVA_OPTS  extra JVM options for Payara Micro (default none)
#   WAYPOINT_LIMIT_OPTS the abuse limits for the load (default: raised, see below; "" = Waypoint's production defaults)
#   WAYPOINT_MICRO_OPTS extra Payara Micro switches, for experiments (default none)
#   BENCH_JAVA_OPTS     JVM options for the load generator (default -Xms1g -Xmx2g)
#   WAIT_READY     seconds to wait for a peer's first WebSocket handshake (default 180)
# Every server is started by this script, bound to 127.0.0.1 (Payara: the default listener; traffic only
# goes to 127.0.0.1), and stopped by its PID. Nothing else is killed.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="${WAYPOINT_REPO:-$(cd "$HERE/../.." && pwd)}"
ANCHORS="${ANCHORS:-$REPO/../shared/anchors}"
SCENARIOS="${SCENARIOS:-idle,warmup,join,ping,fanout,saturate,slow,idle10k}"
PORT_BASE="${PORT_BASE:-19100}"
OUT="${OUT:-$HERE/target/compare-$(date -u +%Y%m%dT%H%M%SZ)}"
BENCH_JAVA_OPTS="${BENCH_JAVA_OPTS:--Xms1g -Xmx2g}"
PEERS=("$@")
[ ${#PEERS[@]} -eq 0 ] && PEERS=(node-ws seed-do seed-do-miniflare waypoint)
mkdir -p "$OUT"

# 10,000 connections need more than 10,000 descriptors in the server's and the client's shell.
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -le 10100 ]; then
  echo "warning: ulimit -n is $(ulimit -n); idle10k needs more than 10,000" >&2
fi

JAR="$HERE/target/waypoint-bench.jar"
if [ ! -f "$JAR" ] || [ -n "$(find "$HERE/src" "$HERE/pom.xml" -newer "$JAR" -print -quit)" ]; then
  mvn -q -f "$HERE/pom.xml" package
fi

# Waypoint's abuse limits (README "Who may connect") would refuse this load, which is legitimate here: up to 10,000
# connections from the one address 127.0.0.1, writers sending as fast as the server takes (production defaults: 20
# messages/s per connection, 200 connections per address). The limits the load itself must raise are raised, not
# switched off, so their bookkeeping is still measured; every other setting is Waypoint's default.
WAYPOINT_LIMIT_OPTS="${WAYPOINT_LIMIT_OPTS-"-Dwaypoint.client.messages-per-second=1000000 -Dwaypoint.client.message-burst=1000000 -Dwaypoint.max-connections-per-address=20000 -Dwaypoint.max-active-rooms=100000"}"

SERVER_PID=""
stop_server() {
  [ -z "$SERVER_PID" ] && return 0
  # The PIDs of the server's process tree, taken before asking it to stop (e.g. wrangler's workerd children).
  local tree; tree="$(tree_pids "$SERVER_PID")"
  kill -TERM "$SERVER_PID" 2>/dev/null || true
  for _ in $(seq 1 100); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.2; done
  for p in $tree; do
    if kill -0 "$p" 2>/dev/null; then kill -TERM "$p" 2>/dev/null || true; fi
  done
  for _ in $(seq 1 25); do
    local alive=0
    for p in $tree; do kill -0 "$p" 2>/dev/null && alive=1; done
    [ $alive = 0 ] && break
    sleep 0.2
  done
  for p in $tree; do
    if kill -0 "$p" 2>/dev/null; then echo "[compare] $p still alive, KILL" >&2; kill -KILL "$p" 2>/dev/null || true; fi
  done
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
}
tree_pids() { # PID and all its descendants
  local out="$1" kids
  kids="$(ps -o pid= --ppid "$1" 2>/dev/null || true)"
  for k in $kids; do out="$out $(tree_pids "$k")"; done
  echo "$out"
}
trap stop_server EXIT INT TERM

start_server() { # NAME PORT -> sets SERVER_PID
  local name="$1" port="$2" log="$OUT/$1.server.log"
  case "$name" in
    node-ws)
      "$ANCHORS/node-ws/start.sh" "$port" >"$log" 2>&1 & SERVER_PID=$! ;;
    seed-do)
      SEED_MODE=wrangler INSPECTOR_PORT=$((port + 51)) "$ANCHORS/seed-do/start.sh" "$port" >"$log" 2>&1 & SERVER_PID=$! ;;
    seed-do-miniflare)
      SEED_MODE=miniflare "$ANCHORS/seed-do/start.sh" "$port" >"$log" 2>&1 & SERVER_PID=$! ;;
    waypoint|waypoint-memory)
      local storage="-Dwaypoint.data.dir=$OUT/$name-data"
      [ "$name" = waypoint-memory ] && storage="-Dwaypoint.storage=memory"
      # Built once per run of this script (a stale WAR would measure old code) unless WAYPOINT_BUILD=0.
      if [ "${WAYPOINT_BUILD:-1}" = 1 ] && [ -z "${WAYPOINT_BUILT:-}" ]; then
        # clean: the WAR plugin keeps classes deleted from the sources in target/waypoint and packs them again
        (cd "$REPO" && mvn -q -DskipTests clean package) || return 1
        WAYPOINT_BUILT=1
      elif [ ! -f "$REPO/target/waypoint.war" ] || [ ! -f "$REPO/target/payara-micro.jar" ]; then
        echo "[compare] $REPO/target/waypoint.war missing; skipping waypoint" >&2; return 1
      fi
      # Exactly the README's start command (phone home and clustering off), on our port. WAYPOINT_JAVA_OPTS and
      # WAYPOINT_MICRO_OPTS add JVM options and Payara Micro switches, for experiments (say which in RESULTS.md).
      # WAYPOINT_LIMIT_OPTS raises the abuse limits this load would otherwise meet (see above).
      # shellcheck disable=SC2086
      (cd "$REPO" && exec java -Dhazelcast.phone.home.enabled=false $storage ${WAYPOINT_LIMIT_OPTS} ${WAYPOINT_JAVA_OPTS:-} -jar target/payara-micro.jar \
          --nocluster --disablephonehome --postbootcommandfile payara-config/post-boot-commands.asadmin \
          --deploy target/waypoint.war --contextroot / --port "$port" ${WAYPOINT_MICRO_OPTS:-}) >"$log" 2>&1 & SERVER_PID=$! ;;
    *) echo "unknown peer $name" >&2; return 1 ;;
  esac
}

FILES=()
i=0
for peer in "${PEERS[@]}"; do
  i=$((i + 1))
  port=$((PORT_BASE + i))
  echo "[compare] === $peer on 127.0.0.1:$port ===" >&2
  # idle10k on a fresh process of the peer (see SCENARIOS above), the rest on the first one.
  runs=("$SCENARIOS")
  if [ "${FRESH_IDLE10K:-1}" = 1 ] && [[ ",$SCENARIOS," == *,idle10k,* ]] && [ "$SCENARIOS" != idle10k ]; then
    runs=("$(echo ",$SCENARIOS," | sed 's/,idle10k,/,/g; s/^,//; s/,$//')" idle10k)
  fi
  : >"$OUT/$peer.jsonl"
  for run in "${runs[@]}"; do
    start_server "$peer" "$port" || continue 2
    t0=$(date +%s)
    # --wait-ready: the load generator first waits for a WebSocket handshake to succeed (npm install on a
    # first start and Payara's boot take a while), then runs the scenarios.
    # shellcheck disable=SC2086
    java $BENCH_JAVA_OPTS -jar "$JAR" --url "ws://127.0.0.1:$port/api/map" --label "$peer" --server-pid "$SERVER_PID" \
        --wait-ready "${WAIT_READY:-180}" --scenarios "$run" ${BENCH_ARGS:-} >>"$OUT/$peer.jsonl" 2>>"$OUT/$peer.bench.log" \
        || echo "[compare] load generator for $peer ($run) exited with $?" >&2
    echo "[compare] $peer ($run): $(wc -l <"$OUT/$peer.jsonl") result lines so far, $(( $(date +%s) - t0 )) s" >&2
    stop_server
  done
  FILES+=("$OUT/$peer.jsonl")
done

{
  echo "# Comparison $(date -u +%Y-%m-%dT%H:%M:%SZ) on $(hostname) ($(nproc) cores), scenarios: $SCENARIOS ${BENCH_ARGS:-}"
  echo
  if [ -n "$WAYPOINT_LIMIT_OPTS" ]; then
    echo "Waypoint's abuse limits raised for this load (limits that the load itself must raise): $WAYPOINT_LIMIT_OPTS"
  else
    echo "Waypoint ran with its production abuse limits (WAYPOINT_LIMIT_OPTS empty)"
  fi
  echo
  java -cp "$JAR" dev.waypoint.bench.Compare --base waypoint "${FILES[@]}"
} | tee "$OUT/table.md"
echo "[compare] raw JSON lines and logs: $OUT" >&2
