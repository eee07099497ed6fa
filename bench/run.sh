#!/usr/bin/env bash
# Agent Warden benchmarks: what each security layer costs, measured (issue 5).
#
#   bash bench/run.sh                       # full run: WARMUP=30 s, DURATION=20 s per scenario
#   WARMUP=5 DURATION=5 bash bench/run.sh   # quick run
#
# Builds the WAR (mvn -B -q package -DskipTests), starts it on Payara Micro on 127.0.0.1:$PORT, warms the JIT up,
# runs every scenario with wrk, prints a table and writes bench/RESULTS.md. See bench/README.md for the scenarios,
# the settings below and how to read the figures. Plain bash + awk + curl + wrk; nothing leaves the loopback.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)

WARMUP=${WARMUP:-30}                  # seconds of warm-up load (all scenarios at once) before measuring
SCENARIO_WARMUP=${SCENARIO_WARMUP:-5} # seconds of each scenario's own load just before it is measured (0: none)
DURATION=${DURATION:-20}              # seconds per scenario
PROBE=${PROBE:-5}                     # seconds of GET /health around every scenario, for its ratio (0: none)
PORT=${PORT:-18080}                   # first port tried; the next free one is used when it is taken
THREADS=${THREADS:-2}                 # wrk -t
CONNECTIONS=${CONNECTIONS:-16}        # wrk -c
HEAP=${HEAP:-512m}                    # -Xms and -Xmx
KEYS_SMALL=${KEYS_SMALL:-10}          # API keys in the store for the first invoke_apikey run
KEYS_LARGE=${KEYS_LARGE:-100000}      # ... and for the second (0 skips it)
AUDIT_EVENTS=${AUDIT_EVENTS:-1000000} # audit events to fill before timing the export (0 skips it)
BUILD=${BUILD:-1}                     # 0: do not run Maven, use the existing target/agent-warden.war
BUILD_FROM=${BUILD_FROM:-worktree}    # worktree: mvn package in the project (target/); head: the last commit, built
                                      # in a temporary copy (git archive HEAD), untouched by uncommitted work
BUILD_ATTEMPTS=${BUILD_ATTEMPTS:-3}   # Maven attempts, a minute apart (others' work in progress may not compile)
PROFILE=${PROFILE:-auto}              # auto: JFR profile of the slowest scenario under target; 1: always; 0: never
PROFILE_SCENARIO=${PROFILE_SCENARIO:-}  # profile these scenarios (names, space-separated) instead of the slowest one
STARTUP_TIMEOUT=${STARTUP_TIMEOUT:-300} # seconds to wait for the first 200 on /ready
BULK_TIMEOUT=${BULK_TIMEOUT:-1800}    # seconds allowed to create the keys / fill the audit log
RESULTS=${RESULTS:-$BENCH_DIR/RESULTS.md}
OUT=${OUT:-$BENCH_DIR/out}            # raw wrk outputs, server log, JFR recording (git-ignored)

TARGET_RATIO=0.8   # every secured scenario at least 0.8 x the health baseline ...
TARGET_P99_MS=10   # ... with p99 at most 10 ms
ANCHOR_SWML=23000  # the issue's anchor: the SignalWire SDK's Java server, SWML + Basic, req/s on these machines
ANCHOR_SWAIG=14000 # ... and SWAIG
ANCHOR_JAXRS=9000  # ... and Payara Micro's defaults on a bare JAX-RS endpoint

BASIC_USER=bench
BASIC_PASSWORD=bench-basic-password-0123456789
TOKEN_SECRET=bench-function-token-secret-0123456789abcdefghijklmnopqrstuvwxyz
ADMIN_USER=admin
ADMIN_PASSWORD=bench-admin-password-0123456789
JWT_SECRET=bench-jwt-secret-0123456789abcdefghijklmnopqrstuvwxyz-0123456789
AGENT=secure-agent

log() { printf '[bench %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
have() { command -v "$1" >/dev/null 2>&1; }
b64() { printf '%s' "$1" | base64 | tr -d '\n'; }

# ---------------------------------------------------------------------------------------------------------------
# 1. Tools, build, server
# ---------------------------------------------------------------------------------------------------------------

install_tools() {
  local missing=()
  have wrk || missing+=(wrk)
  have curl || missing+=(curl)
  if ((${#missing[@]})); then
    if [[ $(id -u) == 0 ]] && have apt-get; then
      log "installing ${missing[*]}"
      timeout 600 apt-get update -qq && timeout 600 apt-get install -y -qq "${missing[@]}" >/dev/null
    else
      die "missing ${missing[*]}: install them (Debian/Ubuntu: apt-get install ${missing[*]})"
    fi
  fi
  have java || die "java (17+) is not on the PATH"
  [[ $BUILD == 0 ]] || have mvn || die "mvn is not on the PATH (or run with BUILD=0 and an existing WAR)"
}

WAR_NOTE=""
build() {
  local project=$ROOT attempt
  if [[ $BUILD != 0 && $BUILD_FROM == head ]]; then
    project=$WORK/src
    mkdir -p "$project"
    git -C "$ROOT" archive --format=tar HEAD | tar -x -C "$project"
  elif [[ $BUILD_FROM != worktree ]]; then
    die "BUILD_FROM must be worktree or head, not $BUILD_FROM"
  fi
  local war=$project/target/agent-warden.war micro=$project/target/payara-micro/payara-micro.jar
  if [[ $BUILD != 0 ]]; then
    for ((attempt = 1; attempt <= BUILD_ATTEMPTS; attempt++)); do
      log "building the WAR (mvn -B -q package -DskipTests in $project), attempt $attempt"
      if (cd "$project" && timeout 1200 mvn -B -q package -DskipTests) >"$OUT/build.log" 2>&1; then
        if [[ $BUILD_FROM == head ]]; then
          WAR_NOTE="built by this run from the commit alone (BUILD_FROM=head)"
        else
          WAR_NOTE="built by this run from the working tree"
        fi
        break
      fi
      tail -n 15 "$OUT/build.log" >&2
      if ((attempt < BUILD_ATTEMPTS)); then
        log "build failed (someone's work in progress?); retrying in 60 s"
        sleep 60
      fi
    done
    if [[ -z $WAR_NOTE ]]; then
      [[ -f $war && -n $(find "$war" -mmin -240) ]] || die "the build failed and there is no WAR of the last 4 hours"
      WAR_NOTE="NOT rebuilt: the build failed, so the existing WAR of $(date -u -r "$war" +%FT%TZ) was used"
      log "$WAR_NOTE"
    fi
  else
    WAR_NOTE="not rebuilt (BUILD=0): existing WAR of $(date -u -r "$war" +%FT%TZ)"
  fi
  [[ -f $war ]] || die "no $war"
  [[ -f $micro ]] || die "no $micro (mvn package fetches it)"
  # Private copies: others rebuilding target/ while we measure must not change what runs.
  cp "$war" "$WORK/agent-warden.war"
  cp "$micro" "$WORK/payara-micro.jar"
}

port_taken() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

pick_port() {
  local p
  for ((p = PORT; p < PORT + 100; p++)); do
    if ! port_taken "$p"; then
      PORT=$p
      return
    fi
  done
  die "no free port in $PORT..$((PORT + 99))"
}

SERVER_PID=""
STARTUP_MS=""
start_server() {
  pick_port
  BASE=http://127.0.0.1:$PORT
  # The run command's pre-boot commands and tuning (tuning.sh), plus the listener bound to the loopback only.
  # shellcheck source=../server-config/payara-micro/tuning.sh
  . "$ROOT/server-config/payara-micro/tuning.sh"
  cp "$ROOT/server-config/payara-micro/pre-boot-commands.txt" "$WORK/pre-boot-commands.txt"
  warden_preboot_tuning >>"$WORK/pre-boot-commands.txt"
  echo 'set configs.config.server-config.network-config.network-listeners.network-listener.http-listener.address=127.0.0.1' \
    >>"$WORK/pre-boot-commands.txt"
  SERVER_JAVA_OPTS="$(warden_gc_opts) ${JAVA_OPTS:-}"
  rm -f "$OUT/gc.log"
  mkdir -p "$WORK/data"
  log "starting Payara Micro on $BASE (log: $OUT/server.log)"
  local start_ns now_ns code
  start_ns=$(date +%s%N)
  # shellcheck disable=SC2086
  env SWML_BASIC_AUTH_USER=$BASIC_USER SWML_BASIC_AUTH_PASSWORD=$BASIC_PASSWORD \
    SWML_FUNCTION_TOKEN_SECRET=$TOKEN_SECRET SWML_RATE_LIMIT=0 \
    WARDEN_ADMIN_USER=$ADMIN_USER WARDEN_ADMIN_PASSWORD=$ADMIN_PASSWORD WARDEN_JWT_SECRET=$JWT_SECRET \
    WARDEN_DATA_DIR="$WORK/data" \
    java -Xms"$HEAP" -Xmx"$HEAP" $SERVER_JAVA_OPTS -Xlog:gc:file="$OUT/gc.log" -jar "$WORK/payara-micro.jar" \
    --deploy "$WORK/agent-warden.war" --contextroot / --nocluster --nohazelcast --port "$PORT" \
    --prebootcommandfile "$WORK/pre-boot-commands.txt" >"$OUT/server.log" 2>&1 </dev/null &
  SERVER_PID=$!
  while :; do
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$BASE/ready" || true)
    [[ $code == 200 ]] && break
    if grep -q 'Exception while loading the app' "$OUT/server.log"; then
      grep -m 3 -E 'Caused by|SEVERE' "$OUT/server.log" | cut -c1-300 >&2
      grep 'Caused by' "$OUT/server.log" | tail -n 1 | cut -c1-300 >&2
      die "the WAR failed to deploy (see $OUT/server.log)"
    fi
    kill -0 "$SERVER_PID" 2>/dev/null || { tail -n 40 "$OUT/server.log" >&2; die "the server exited during start-up"; }
    now_ns=$(date +%s%N)
    if (((now_ns - start_ns) / 1000000000 > STARTUP_TIMEOUT)); then
      tail -n 40 "$OUT/server.log" >&2
      die "no 200 on /ready within $STARTUP_TIMEOUT s"
    fi
    sleep 0.1
  done
  now_ns=$(date +%s%N)
  STARTUP_MS=$(((now_ns - start_ns) / 1000000))
  log "ready after $STARTUP_MS ms (pid $SERVER_PID)"
}

stop_server() {
  [[ -n $SERVER_PID ]] || return 0
  if kill -0 "$SERVER_PID" 2>/dev/null; then
    log "stopping the server (pid $SERVER_PID)"
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    local i
    for ((i = 0; i < 300; i++)); do
      kill -0 "$SERVER_PID" 2>/dev/null || break
      sleep 0.1
    done
    kill -0 "$SERVER_PID" 2>/dev/null && kill -KILL "$SERVER_PID" 2>/dev/null || true
  fi
  SERVER_PID=""
}

cleanup() {
  local rc=$?
  [[ -n ${WRK_PID:-} ]] && kill -INT "$WRK_PID" 2>/dev/null
  [[ -n ${JSTAT_PID:-} ]] && kill "$JSTAT_PID" 2>/dev/null
  stop_server
  trim_log
  [[ -n ${WORK:-} && -d $WORK ]] && rm -rf "$WORK"
  exit "$rc"
}

# The security log makes the server log big (a line per refused request): keep its start and its end.
trim_log() {
  local log=${OUT:-}/server.log lines
  [[ -f $log && $(stat -c %s "$log") -gt 50000000 ]] || return 0
  lines=$(wc -l <"$log")
  { head -n 2000 "$log"; echo "... $((lines - 4000)) lines cut by bench/run.sh ..."; tail -n 2000 "$log"; } >"$log.trimmed"
  mv "$log.trimmed" "$log"
}

# /proc/<pid>/status field (VmRSS, VmHWM) in MiB
proc_mib() { awk -v k="$1:" '$1 == k { printf "%.0f", $2 / 1024 }' "/proc/$SERVER_PID/status" 2>/dev/null || echo "?"; }

# ---------------------------------------------------------------------------------------------------------------
# 2. wrk runs and their parsing
# ---------------------------------------------------------------------------------------------------------------

# Prints "rps p50_ms p99_ms requests non2xx socket_errors" from a wrk --latency output.
parse_wrk() {
  awk '
    function ms(v,   n, u) {
      n = v; sub(/[a-z]+$/, "", n); u = substr(v, length(n) + 1)
      if (u == "us") return n / 1000
      if (u == "ms") return n + 0
      if (u == "s") return n * 1000
      if (u == "m") return n * 60000
      if (u == "h") return n * 3600000
      return n + 0
    }
    /Latency Distribution/ { dist = 1 }
    dist && $1 == "50%" { p50 = ms($2) }
    dist && $1 == "99%" { p99 = ms($2) }
    / requests in / { total = $1 }
    /Non-2xx or 3xx responses:/ { non2xx = $NF }
    /Socket errors:/ { for (i = 1; i <= NF; i++) if ($i ~ /^[0-9]+,?$/) { v = $i; sub(/,/, "", v); errs += v } }
    /^Requests\/sec:/ { rps = $2 }
    END {
      if (rps == "") { print "? ? ? ? ? ?"; exit }
      printf "%.1f %.3f %.3f %d %d %d\n", rps, p50, p99, total, non2xx, errs
    }' "$1"
}

NAMES=()
declare -A RPS P50 P99 NON2XX ERRS NOTE BASELINE URL LUA AUTH BODY GCMAX GCFULL

# The server's collector log (-Xlog:gc): the pauses of one scenario explain its p99 more often than its code does.
gc_lines() { if [[ -f $OUT/gc.log ]]; then wc -l <"$OUT/gc.log"; else echo 0; fi; }
gc_pauses() { # FROM_LINE: "longest_pause_ms full_collections" among the pauses logged after line FROM_LINE
  tail -n +"$(($1 + 1))" "$OUT/gc.log" 2>/dev/null | awk '/Pause/ {
    ms = $NF; sub(/ms$/, "", ms); if (ms + 0 > max) max = ms + 0; if (/Pause Full/) full++ }
    END { printf "%.1f %d\n", max, full }'
}
RUN_SEQ=0
PROBES=()       # req/s of every baseline probe, in order
PROBE_FRESH=""  # req/s of the last probe while nothing else ran since; empty otherwise

# A short GET /health run: the baseline next to a scenario, on a machine whose load may drift.
probe() {
  ((PROBE > 0)) || return 0
  timeout $((PROBE + 60)) wrk -t"$THREADS" -c"$CONNECTIONS" -d"${PROBE}s" --timeout 10s "$BASE/health" \
    >"$WORK/probe.txt" 2>&1 || true
  PROBE_FRESH=$(parse_wrk "$WORK/probe.txt" | awk '{ print $1 }')
  PROBES+=("$PROBE_FRESH")
}

server_alive() {
  kill -0 "$SERVER_PID" 2>/dev/null || die "the server (pid $SERVER_PID) is gone; end of its log: $(tail -n 3 "$OUT/server.log" | cut -c1-200)"
}

# measure NAME URL LUA [NOTE]: one wrk run of DURATION seconds; BENCH_* variables must be exported by the caller.
measure() {
  local name=$1 url=$2 lua=$3 note=${4:-} out=$OUT/wrk-$1.txt before
  server_alive
  # The mixed warm-up leaves code compiled for the mix; a few seconds of this scenario alone settle its figures.
  ((SCENARIO_WARMUP > 0)) && load "$SCENARIO_WARMUP" "$url" "$lua"
  if ((PROBE > 0)); then
    [[ -n $PROBE_FRESH ]] || probe
    before=$PROBE_FRESH
  fi
  RUN_SEQ=$((RUN_SEQ + 1))
  local gc_from
  gc_from=$(gc_lines)
  log "measuring $name (${DURATION}s): $url"
  BENCH_RUN=$RUN_SEQ timeout $((DURATION + 60)) wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --timeout 10s \
    --latency -s "$BENCH_DIR/lua/$lua" "$url" >"$out" 2>&1 || log "wrk ended with status $? (see $out)"
  server_alive
  read -r RPS[$name] P50[$name] P99[$name] _ NON2XX[$name] ERRS[$name] <<<"$(parse_wrk "$out")"
  read -r GCMAX[$name] GCFULL[$name] <<<"$(gc_pauses "$gc_from")"
  NOTE[$name]=$note
  NAMES+=("$name")
  URL[$name]=$url LUA[$name]=$lua AUTH[$name]=${BENCH_AUTH:-} BODY[$name]=${BENCH_BODY:-} # for the profile
  PROBE_FRESH=""
  if ((PROBE > 0)); then
    probe
    BASELINE[$name]=$(awk -v a="$before" -v b="$PROBE_FRESH" 'BEGIN { printf "%.1f", (a + b) / 2 }')
  fi
  log "  $name: ${RPS[$name]} req/s, p50 ${P50[$name]} ms, p99 ${P99[$name]} ms, non-2xx ${NON2XX[$name]}, ratio $(ratio "$name"), longest GC pause ${GCMAX[$name]} ms (${GCFULL[$name]} full)"
}

# Short load of one scenario, results thrown away (for the JIT and the profile).
load() {
  local seconds=$1 url=$2 lua=$3 threads=${4:-$THREADS} connections=${5:-$CONNECTIONS}
  PROBE_FRESH=""
  RUN_SEQ=$((RUN_SEQ + 1))
  BENCH_RUN=$RUN_SEQ timeout $((seconds + 60)) wrk -t"$threads" -c"$connections" -d"${seconds}s" --timeout 10s \
    -s "$BENCH_DIR/lua/$lua" "$url" >/dev/null 2>&1 || true
}

# post_many COUNT URL AUTH BODY NAME: COUNT POSTs as fast as the server takes them (bulk keys, audit events),
# within BULK_TIMEOUT seconds. Sets POSTED="requests non2xx seconds complete" (complete: 1, or 0 after the timeout).
# Not to be called in a $(...) subshell: cleanup must know WRK_PID.
post_many() {
  local count=$1 url=$2 auth=$3 body=$4 name=$5 done_dir=$WORK/done-$5 out=$OUT/bulk-$5.txt
  local threads=2 connections=8 start end complete=0
  ((count >= threads)) || threads=1
  ((connections >= threads)) || connections=$threads
  mkdir -p "$done_dir"
  start=$(date +%s%N)
  PROBE_FRESH=""
  BENCH_AUTH=$auth BENCH_BODY=$body BENCH_TOTAL=$count BENCH_THREADS=$threads BENCH_DONE_DIR=$done_dir \
    BENCH_DEADLINE=$(($(date +%s) + BULK_TIMEOUT)) \
    wrk -t$threads -c$connections -d"$((BULK_TIMEOUT + 30))s" --timeout 30s -s "$BENCH_DIR/lua/post_counted.lua" "$url" \
    >"$out" 2>&1 &
  WRK_PID=$!
  while kill -0 "$WRK_PID" 2>/dev/null; do
    if (($(find "$done_dir" -type f -name '[0-9]*' | wc -l) >= threads)); then
      complete=1
      kill -INT "$WRK_PID" 2>/dev/null || true
      break
    fi
    sleep 0.2
  done
  wait "$WRK_PID" || true
  WRK_PID=""
  end=$(date +%s%N)
  [[ ! -f $done_dir/timeout ]] || complete=0
  POSTED=$(parse_wrk "$out" | awk -v s="$(((end - start) / 1000000))" -v c=$complete '{ printf "%s %s %.1f %d\n", $4, $5, s / 1000, c }')
  quiesce
}

# Waits (60 s at most) until the server uses less than a third of a CPU: the requests that wrk left in flight are
# done, and the JIT compilers are idle, so they do not weigh on the next measurement.
quiesce() {
  local i before after hz
  hz=$(getconf CLK_TCK)
  for ((i = 0; i < 60; i++)); do
    before=$(awk '{ print $14 + $15 }' "/proc/$SERVER_PID/stat" 2>/dev/null) || return 0
    sleep 1
    after=$(awk '{ print $14 + $15 }' "/proc/$SERVER_PID/stat" 2>/dev/null) || return 0
    if (((after - before) * 3 < hz)); then
      ((i == 0)) || log "  server idle after $((i + 1)) s"
      return 0
    fi
  done
  log "  the server is still busy after 60 s; going on"
}

http_code() { curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$@" || true; }
json_string() { grep -o "\"$1\" *: *\"[^\"]*\"" | head -n 1 | sed 's/.*: *"\(.*\)"/\1/'; }

# ---------------------------------------------------------------------------------------------------------------
# 3. Scenarios
# ---------------------------------------------------------------------------------------------------------------

SKIPPED=()
EXTRA=()   # lines for RESULTS.md (key creation, audit export)

BASIC_OK="Basic $(b64 "$BASIC_USER:$BASIC_PASSWORD")"
BASIC_BAD="Basic $(b64 "$BASIC_USER:not-the-password")"
PLAIN_BODY='{"function":"get_balance","argument":{"parsed":[{}]},"call_id":"bench-1","caller_id_num":"+15550001111"}'
SECURE_BODY='{"function":"transfer_funds","argument":{"parsed":[{"amount":100,"to_account":"1234567890"}]},"call_id":"bench-call"}'
INVOKE_BODY='{"message":"What is my balance?"}'

check() { # check WHAT EXPECTED ACTUAL
  [[ $3 == "$2" ]] || die "$1: expected $2, got: $3"
  log "ok: $1"
}

function_token() { # the URL-encoded __token of transfer_funds in the SWML document for call_id bench-call
  local doc t decoded
  doc=$(curl -s --max-time 10 -u "$BASIC_USER:$BASIC_PASSWORD" -H 'Content-Type: application/json' \
    -d '{"call_id":"bench-call"}' "$BASE/")
  # The token names its function (base64 of call_id.function.expiry.nonce.signature), whatever the key order.
  for t in $(grep -o '__token=[^"&]*' <<<"$doc" | cut -d= -f2-); do
    decoded=$(printf '%b' "${t//%/\\x}" | base64 -d 2>/dev/null || true)
    if [[ $decoded == bench-call.transfer_funds.* ]]; then
      printf '%s' "$t"
      return
    fi
  done
  die "no transfer_funds token in the SWML document"
}

verify_agent_routes() {
  check "GET /health" '{"status":"healthy"}' "$(curl -s --max-time 10 "$BASE/health")"
  check "GET / with Basic (SWML)" 200 "$(http_code -u "$BASIC_USER:$BASIC_PASSWORD" "$BASE/")"
  check "POST /swaig/ get_balance" '{"response":"Balance is $150.00"}' \
    "$(curl -s --max-time 10 -u "$BASIC_USER:$BASIC_PASSWORD" -H 'Content-Type: application/json' \
      -d "$PLAIN_BODY" "$BASE/swaig/")"
  TOKEN=$(function_token)
  local body
  body=$(curl -s --max-time 10 -w ' %{http_code}' -u "$BASIC_USER:$BASIC_PASSWORD" \
    -H 'Content-Type: application/json' -d "$SECURE_BODY" "$BASE/swaig/?__token=$TOKEN")
  check "POST /swaig/?__token= transfer_funds" '{"response":"Transferred $100 to account 1234567890"} 200' "$body"
  check "GET / with a wrong password" 401 "$(http_code -u "$BASIC_USER:not-the-password" "$BASE/")"
}

warm_up() {
  ((WARMUP > 0)) || return 0
  log "warming up for ${WARMUP}s (all agent-route scenarios at once)"
  local pids=()
  BENCH_AUTH="" load "$WARMUP" "$BASE/health" get_auth.lua 1 3 &
  pids+=($!)
  BENCH_AUTH=$BASIC_OK load "$WARMUP" "$BASE/" get_auth.lua 1 3 &
  pids+=($!)
  BENCH_AUTH=$BASIC_OK load "$WARMUP" "$BASE/swaig/" swaig_plain.lua 1 3 &
  pids+=($!)
  BENCH_AUTH=$BASIC_OK BENCH_BODY=$SECURE_BODY load "$WARMUP" "$BASE/swaig/?__token=$TOKEN" post_json.lua 1 3 &
  pids+=($!)
  BENCH_AUTH=$BASIC_BAD load "$WARMUP" "$BASE/" get_auth.lua 1 2 &
  pids+=($!)
  BENCH_AUTH=$BASIC_OK load "$WARMUP" "$BASE/bench-no-such-route" get_auth.lua 1 2 &
  pids+=($!)
  wait "${pids[@]}" # not a bare wait: the server is a child of this shell too
  RUN_SEQ=$((RUN_SEQ + 10)) # the background loads counted in their subshells
  server_alive
  # The baseline alone: the first scenarios and probes measured a slower server than the later ones (the first probes
  # of a run came out at a fifth of the rest), as the collector's generation sizes and the JIT still adapted.
  BENCH_AUTH="" load $((WARMUP / 2 + 1)) "$BASE/health" get_auth.lua
  quiesce # the JIT still compiles what the warm-up made hot: let it finish before measuring
}

agent_route_scenarios() {
  BENCH_AUTH="" measure health "$BASE/health" get_auth.lua "baseline: no auth, static body"
  BENCH_AUTH=$BASIC_OK measure swml_basic "$BASE/" get_auth.lua "Basic + SWML document render"
  BENCH_AUTH=$BASIC_OK measure swaig_plain "$BASE/swaig/" swaig_plain.lua \
    "Basic + JSON body + schema + get_balance (new caller each request)"
  BENCH_AUTH=$BASIC_OK BENCH_BODY=$SECURE_BODY measure swaig_secure "$BASE/swaig/?__token=$TOKEN" post_json.lua \
    "Basic + function token (HMAC) + transfer_funds"
  BENCH_AUTH=$BASIC_BAD measure basic_failed "$BASE/" get_auth.lua "wrong password: 401 + security log line"
  BENCH_AUTH=$BASIC_OK measure basic_404 "$BASE/bench-no-such-route" get_auth.lua \
    "Basic alone: valid credentials, unknown route (404)"
}

# The agent's own controls (issue 10), each measured as a scenario with the control on, compared with the same
# scenario without it in this run: "name_with name_without" pairs, for RESULTS.md's "Controls" table.
CONTROLS=()
CONTROL_TARGET=0.95
ADMIN_BASIC="Basic $(b64 "$ADMIN_USER:$ADMIN_PASSWORD")"

agent_config() { # agent_config JSON: PUT the agent's config document as the admin (If-Match: *), or die
  local code
  code=$(http_code -X PUT -H "Authorization: $ADMIN_BASIC" -H 'If-Match: *' -H 'Content-Type: application/json' \
    --data-binary "$1" "$BASE/api/agents/$AGENT")
  [[ $code == 200 ]] || die "PUT /api/agents/$AGENT: expected 200, got $code"
}

has_agent_config() {
  [[ $(http_code -H "Authorization: $ADMIN_BASIC" "$BASE/api/agents/$AGENT") == 200 ]]
}

# swaig_secure again with an IP whitelist of 1 000 CIDR blocks switched on (the client's address among them).
whitelist_scenario() {
  if ! has_agent_config; then
    SKIPPED+=("swaig_secure_whitelist1000: GET /api/agents/$AGENT is not available in this build")
    return 0
  fi
  local addresses
  addresses=$(awk 'BEGIN { for (i = 0; i < 999; i++) printf "\"10.%d.%d.0/24\",", int(i / 256), i % 256
    printf "\"127.0.0.1\"" }')
  agent_config "{\"security\":{\"ipWhitelist\":{\"enabled\":true,\"addresses\":[$addresses]}}}"
  BENCH_AUTH=$BASIC_OK BENCH_BODY=$SECURE_BODY measure swaig_secure_whitelist1000 "$BASE/swaig/?__token=$TOKEN" \
    post_json.lua "swaig_secure with an IP whitelist of 1 000 CIDR blocks on"
  agent_config '{}'
  CONTROLS+=("swaig_secure_whitelist1000 swaig_secure")
}

# invoke with the API key again, with the agent's per-principal rate limit on (high enough never to refuse).
ratelimit_scenario() { # ratelimit_scenario KEY WITHOUT
  if ! has_agent_config; then
    SKIPPED+=("invoke_apikey_ratelimit: GET /api/agents/$AGENT is not available in this build")
    return 0
  fi
  agent_config '{"security":{"rateLimit":{"enabled":true,"requests":2000000000,"window":"1m"}}}'
  BENCH_AUTH="Bearer $1" BENCH_BODY=$INVOKE_BODY measure invoke_apikey_ratelimit "$BASE/api/agents/$AGENT/invoke" \
    post_json.lua "API key (Bearer) with the agent's rate limit on (RateLimit-* headers, never 429)"
  agent_config '{}'
  CONTROLS+=("invoke_apikey_ratelimit $2")
}

INVOKE_AVAILABLE=0
api_probe() {
  local code
  code=$(http_code -X POST -H 'Content-Type: application/json' -d "$INVOKE_BODY" "$BASE/api/agents/$AGENT/invoke")
  if [[ $code == 404 || $code == 000 ]]; then
    echo "invoke_*: skipped (endpoint not available in this build)"
    SKIPPED+=("invoke_apikey, invoke_jwt, key-store scale (${KEYS_SMALL} / ${KEYS_LARGE} keys): POST /api/agents/$AGENT/invoke answers 404 in this build")
    return
  fi
  INVOKE_AVAILABLE=1
}

ADMIN_AUTH="Basic $(b64 "$ADMIN_USER:$ADMIN_PASSWORD")"
create_key() { # create_key NAME: prints the secret of a new key of the agent
  local resp code
  resp=$(curl -s --max-time 30 -w '\n%{http_code}' -H "Authorization: $ADMIN_AUTH" \
    -H 'Content-Type: application/json' -d "{\"name\":\"$1\"}" "$BASE/api/agents/$AGENT/keys")
  code=${resp##*$'\n'}
  [[ $code == 201 ]] || die "POST /api/agents/$AGENT/keys: expected 201, got $code: ${resp%$'\n'*}"
  json_string key <<<"${resp%$'\n'*}"
}

KEYS_IN_STORE=0
KEYS_LABEL=0  # the count asked for when it was reached (a few more may be made: see post_many), else the count made
add_keys() { # add_keys TOTAL: creates keys until the store holds TOTAL (as far as this run created them)
  local want=$(($1 - KEYS_IN_STORE)) requests non2xx seconds complete i start
  ((want > 0)) || return 0
  log "creating $want API keys (store: $KEYS_IN_STORE -> $1) as the admin ($ADMIN_AUTH_KIND)"
  if ((want <= 50)); then # a few: one by one, exactly
    start=$(date +%s%N)
    for ((i = 1; i <= want; i++)); do
      create_key "bench-$KEYS_IN_STORE" >/dev/null
      KEYS_IN_STORE=$((KEYS_IN_STORE + 1))
    done
    KEYS_LABEL=$KEYS_IN_STORE
    log "  $want keys in $((($(date +%s%N) - start) / 1000000)) ms"
    return 0
  fi
  post_many "$want" "$BASE/api/agents/$AGENT/keys" "$ADMIN_AUTH" '{"name":"bench-%d"}' "keys-$1"
  read -r requests non2xx seconds complete <<<"$POSTED"
  KEYS_IN_STORE=$((KEYS_IN_STORE + requests - non2xx))
  KEYS_LABEL=$KEYS_IN_STORE
  ((!complete || non2xx > 0)) || KEYS_LABEL=$1
  local rate
  rate=$(awk -v n="$requests" -v s="$seconds" 'BEGIN { printf "%.1f", (s > 0 ? n / s : 0) }')
  EXTRA+=("| create $want API keys (POST .../keys as the admin, $ADMIN_AUTH_KIND; wrk 2 threads x 4 connections) | ${seconds} s | $requests answered, $non2xx refused, $rate keys/s$( ((complete)) || echo ", **stopped after BULK_TIMEOUT=${BULK_TIMEOUT}s**"); store: ~$KEYS_IN_STORE keys |")
  log "  $requests answered ($non2xx refused) in ${seconds}s: $rate keys/s; store ~$KEYS_IN_STORE keys"
  if ((!complete)); then
    log "  stopped after BULK_TIMEOUT=${BULK_TIMEOUT}s: measuring with ~$KEYS_IN_STORE keys instead of $1"
    SKIPPED+=("invoke_apikey with $1 keys: only ~$KEYS_IN_STORE keys were created within BULK_TIMEOUT=${BULK_TIMEOUT}s ($rate keys/s as the admin, $ADMIN_AUTH_KIND); measured with those")
  fi
}

ADMIN_AUTH_KIND="Basic, one Argon2 check per request"
invoke_scenarios() {
  ((INVOKE_AVAILABLE)) || return 0
  local key jwt="" reply code
  code=$(http_code -d grant_type=password "$BASE/api/auth/token")
  if [[ $code == 404 || $code == 415 || $code == 000 ]]; then
    SKIPPED+=("invoke_jwt: POST /api/auth/token answers $code in this build")
  else
    jwt=$(curl -s --max-time 10 --data-urlencode grant_type=password --data-urlencode "username=$ADMIN_USER" \
      --data-urlencode "password=$ADMIN_PASSWORD" "$BASE/api/auth/token" | json_string access_token)
    [[ -n $jwt ]] || die "no access_token from POST /api/auth/token"
    # The admin's JWT spares the bulk key creation an Argon2 check per request, when it may manage keys.
    if [[ $(http_code -H "Authorization: Bearer $jwt" "$BASE/api/agents/$AGENT/keys") == 200 ]]; then
      ADMIN_AUTH="Bearer $jwt"
      ADMIN_AUTH_KIND="Bearer JWT"
    fi
  fi
  key=$(create_key bench)
  [[ -n $key ]] || die "no key in the answer of POST /api/agents/$AGENT/keys"
  KEYS_IN_STORE=1 KEYS_LABEL=1
  reply=$(curl -s --max-time 10 -w ' %{http_code}' -H "Authorization: Bearer $key" \
    -H 'Content-Type: application/json' -d "$INVOKE_BODY" "$BASE/api/agents/$AGENT/invoke")
  [[ $reply == *' 200' ]] || die "invoke with the API key: expected 200, got: $reply"
  log "ok: invoke with an API key: ${reply% 200}"
  BENCH_AUTH="Bearer $key" BENCH_BODY=$INVOKE_BODY load "$WARMUP" "$BASE/api/agents/$AGENT/invoke" post_json.lua

  add_keys "$KEYS_SMALL"
  BENCH_AUTH="Bearer $key" BENCH_BODY=$INVOKE_BODY measure "invoke_apikey_${KEYS_LABEL}keys" \
    "$BASE/api/agents/$AGENT/invoke" post_json.lua "API key (Bearer), $KEYS_IN_STORE keys in the store"
  ratelimit_scenario "$key" "invoke_apikey_${KEYS_LABEL}keys"

  if [[ -n $jwt ]]; then
    code=$(http_code -H "Authorization: Bearer $jwt" -H 'Content-Type: application/json' -d "$INVOKE_BODY" \
      "$BASE/api/agents/$AGENT/invoke")
    if [[ $code == 200 ]]; then
      log "ok: invoke with the admin's JWT"
      BENCH_AUTH="Bearer $jwt" BENCH_BODY=$INVOKE_BODY load $((WARMUP / 3 + 1)) "$BASE/api/agents/$AGENT/invoke" \
        post_json.lua
      BENCH_AUTH="Bearer $jwt" BENCH_BODY=$INVOKE_BODY measure invoke_jwt "$BASE/api/agents/$AGENT/invoke" \
        post_json.lua "JWT (issued by /api/auth/token to the admin)"
    else
      SKIPPED+=("invoke_jwt: the admin's JWT gets $code on POST /api/agents/$AGENT/invoke")
    fi
  fi

  if ((KEYS_LARGE > KEYS_IN_STORE)); then
    add_keys "$KEYS_LARGE"
    BENCH_AUTH="Bearer $key" BENCH_BODY=$INVOKE_BODY measure "invoke_apikey_${KEYS_LABEL}keys" \
      "$BASE/api/agents/$AGENT/invoke" post_json.lua "API key (Bearer), $KEYS_IN_STORE keys in the store"
  fi
}

heap_used_mib() { # one jstat sample: used heap in MiB
  jstat -gc "$SERVER_PID" 2>/dev/null | awk '
    NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
    { printf "%.0f\n", ($col["S0U"] + $col["S1U"] + $col["EU"] + $col["OU"]) / 1024 }'
}

audit_export() {
  local url="$BASE/api/agents/$AGENT/audit/export?period=30d&format=ndjson" code
  if ((AUDIT_EVENTS <= 0)); then
    SKIPPED+=("audit export: AUDIT_EVENTS=0")
    return
  fi
  # the probe asks for the last second only: the whole log is exported once, below
  code=$(http_code -u "$ADMIN_USER:$ADMIN_PASSWORD" "${url/period=30d/period=1s}")
  if [[ $code == 404 || $code == 000 ]] || ((!INVOKE_AVAILABLE)); then
    log "audit_export: skipped (endpoint not available in this build)"
    SKIPPED+=("audit export of $AUDIT_EVENTS events: GET /api/agents/$AGENT/audit/export answers $code in this build")
    return
  fi
  have jstat || log "jstat missing: no peak-heap figure"
  # Each refused invoke (unknown API key) is an auth.failed event of the agent.
  log "filling the audit log with $AUDIT_EVENTS events (refused invokes)"
  local requests non2xx seconds complete
  post_many "$AUDIT_EVENTS" "$BASE/api/agents/$AGENT/invoke" "Bearer sk_test_bench_no_such_key_0000000000000000" \
    "$INVOKE_BODY" audit-fill
  read -r requests non2xx seconds complete <<<"$POSTED"
  EXTRA+=("| fill the audit log: $requests refused invokes$( ((complete)) || echo " (**stopped after BULK_TIMEOUT=${BULK_TIMEOUT}s**)") | ${seconds} s | $(awk -v n="$requests" -v s="$seconds" 'BEGIN { printf "%.0f", (s > 0 ? n / s : 0) }') events/s |")
  local heap_before peak start end stats
  heap_before=$(heap_used_mib || echo "?")
  if have jstat; then
    jstat -gc "$SERVER_PID" 100 >"$WORK/jstat.txt" 2>/dev/null &
    JSTAT_PID=$!
  fi
  log "exporting the audit log (ndjson)"
  start=$(date +%s%N)
  stats=$(curl -s --max-time "$BULK_TIMEOUT" -u "$ADMIN_USER:$ADMIN_PASSWORD" "$url" |
    awk '{ n++; b += length($0) + 1 } END { printf "%d %d", n, b }')
  end=$(date +%s%N)
  if [[ -n ${JSTAT_PID:-} ]]; then
    kill "$JSTAT_PID" 2>/dev/null || true
    wait "$JSTAT_PID" 2>/dev/null || true
    JSTAT_PID=""
    # used heap (young + old; G1 lets the young generation fill up before it collects) and the old generation
    # alone, which grows only with what survives: what the export holds on to
    peak=$(awk 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
      $1 ~ /^[0-9.]+$/ { u = ($col["S0U"] + $col["S1U"] + $col["EU"] + $col["OU"]) / 1024; o = $col["OU"] / 1024
                         if (u > m) m = u; if (o > mo) mo = o }
      END { printf "%.0f MiB (old generation: %.0f MiB)", m, mo }' "$WORK/jstat.txt")
  fi
  local lines=${stats% *} bytes=${stats#* }
  EXTRA+=("| audit export, ndjson, $lines events ($((bytes / 1048576)) MiB) | $(awk -v d="$((end - start))" 'BEGIN { printf "%.1f", d / 1e9 }') s | peak heap used ${peak:-?} (before: $heap_before MiB, -Xmx$HEAP), RSS peak $(proc_mib VmHWM) MiB |")
  log "  export: $lines lines, $bytes bytes in $(((end - start) / 1000000)) ms, peak heap ${peak:-?}"
}

# ---------------------------------------------------------------------------------------------------------------
# 4. Profile, table, RESULTS.md
# ---------------------------------------------------------------------------------------------------------------

# req/s of the scenario / its baseline: the mean of the probes just before and after it (or the health run)
ratio() {
  awk -v a="${RPS[$1]}" -v b="${BASELINE[$1]:-${RPS[health]:-0}}" \
    'BEGIN { if (b > 0 && a != "?") printf "%.2f", a / b; else print "?" }'
}

meets() { # "yes"/"NO" against the targets; the baselines have none
  case $1 in health) echo "- (ratio: the noise)"; return ;; esac
  awk -v r="$(ratio "$1")" -v p="${P99[$1]}" -v tr="$TARGET_RATIO" -v tp="$TARGET_P99_MS" 'BEGIN {
    ok_r = (r != "?" && r + 0 >= tr); ok_p = (p != "?" && p + 0 <= tp)
    if (ok_r && ok_p) print "yes"; else if (!ok_r && !ok_p) print "NO (ratio, p99)"; else if (!ok_r) print "NO (ratio)"; else print "NO (p99)"
  }'
}

print_table() {
  printf '\n%-26s %9s %9s %9s %9s %6s %8s  %s\n' scenario req/s p50_ms p99_ms baseline ratio non-2xx \
    "target (>=${TARGET_RATIO}x, p99<=${TARGET_P99_MS}ms)"
  local n
  for n in "${NAMES[@]}"; do
    printf '%-26s %9s %9s %9s %9s %6s %8s  %s\n' "$n" "${RPS[$n]}" "${P50[$n]}" "${P99[$n]}" \
      "${BASELINE[$n]:-${RPS[health]}}" "$(ratio "$n")" "${NON2XX[$n]}" "$(meets "$n")"
  done
  ((${#PROBES[@]} == 0)) || echo "baseline probes (GET /health req/s, in order): ${PROBES[*]}"
  echo
}

PROFILES=""  # markdown: one section per profiled scenario
profile() {
  [[ $PROFILE == 0 ]] && return 0
  local targets=$PROFILE_SCENARIO n worst="" target
  if [[ -z $targets ]]; then
    for n in "${NAMES[@]}"; do
      case $n in health | basic_failed | basic_404) continue ;; esac
      if [[ -z $worst ]] || awk -v a="$(ratio "$n")" -v b="$(ratio "$worst")" 'BEGIN { exit !(a < b) }'; then
        worst=$n
      fi
    done
    if [[ $PROFILE == auto ]] && ! awk -v r="$(ratio "$worst")" -v t="$TARGET_RATIO" 'BEGIN { exit !(r < t) }'; then
      log "no secured scenario under ${TARGET_RATIO}x: no profile"
      return 0
    fi
    targets=$worst
  fi
  have jcmd && have jfr || { log "jcmd/jfr missing: no profile"; return 0; }
  for target in $targets; do
    if [[ -z ${URL[$target]:-} ]]; then
      log "no scenario $target measured: no profile"
      continue
    fi
    profile_one "$target"
  done
}

# JFR recording of DURATION seconds of one scenario's load, summed up per frame into $OUT/profile-NAME.txt and PROFILES.
profile_one() {
  local target=$1 jfr_file=$OUT/profile-$1.jfr text
  rm -f "$jfr_file"
  log "profiling $target with JFR for ${DURATION}s (ratio $(ratio "$target"))"
  jcmd "$SERVER_PID" JFR.start name=bench settings=profile filename="$jfr_file" >/dev/null
  BENCH_AUTH=${AUTH[$target]} BENCH_BODY=${BODY[$target]} load "$DURATION" "${URL[$target]}" "${LUA[$target]}"
  jcmd "$SERVER_PID" JFR.stop name=bench >/dev/null
  jfr print --events jdk.ExecutionSample --stack-depth 64 "$jfr_file" >"$WORK/samples.txt"
  # Per sample: the leaf frame and its package, the innermost dev.agentwarden frame (where our code spends or calls
  # out), and every dev.agentwarden method on the stack once (Weld's client proxies left out: they double up).
  text=$(awk '
    function method(line) { sub(/^[ \t]+/, "", line); sub(/[ \t]+line:.*$/, "", line); return line }
    function package(m,   parts, n, i, p) {
      n = split(m, parts, "."); p = parts[1]
      for (i = 2; i <= 3 && i < n - 1; i++) p = p "." parts[i]
      return p
    }
    function top(title, counts, n,   m, cmd) {
      print "\n" title; fflush()
      cmd = "sort -rn | head -n " n
      for (m in counts) printf "%6d  %5.1f%%  %s\n", counts[m], 100 * counts[m] / samples, m | cmd
      close(cmd)
    }
    /stackTrace = \[/ { in_st = 1; depth = 0; ours = ""; samples++; next }
    in_st && /^[ \t]*\]/ { in_st = 0; if (ours != "") own[ours]++; next }
    in_st && /\(/ {
      m = method($0); depth++
      if (depth == 1) { leaf[m]++; pkg[package(m)]++ }
      if (m !~ /^dev\.agentwarden\./ || m ~ /WeldClientProxy/) next
      if (ours == "") ours = m
      if (seen[m] != samples) { seen[m] = samples; incl[m]++ }
    }
    END {
      printf "samples: %d\n", samples
      top("leaf frames by package:", pkg, 12)
      top("top leaf frames:", leaf, 15)
      top("innermost dev.agentwarden frame of each sample (its own time plus the library code it calls; a filter\n" \
          "that wraps the chain also collects the container code below it):", own, 15)
      top("dev.agentwarden methods anywhere on the stack (inclusive):", incl, 15)
    }' "$WORK/samples.txt")
  printf '%s\n' "$text" >"$OUT/profile-$target.txt"
  PROFILES+=$'\n'"### \`$target\` (ratio $(ratio "$target"))"$'\n\n'"JFR, ${DURATION}s of the scenario's load, settings=profile; recording: \`bench/out/profile-$target.jfr\` (not committed)."$'\n\n```\n'"$text"$'\n```\n'
  log "profile written to $OUT/profile-$target.txt"
}

write_results() {
  local cpu mem java_version payara_version payara_ready commit n
  cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null)
  [[ -n $cpu ]] || cpu=$(lscpu 2>/dev/null | awk -F': +' '/Model name/ { print $2; exit }')
  mem=$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
  java_version=$(java -version 2>&1 | awk 'NR == 2' )
  payara_version=$(grep -o 'Payara Micro [0-9][0-9.]* (build [0-9]*)' "$OUT/server.log" | head -n 1 || true)
  payara_ready=$(grep -o 'ready in [0-9,]* (ms)' "$OUT/server.log" | head -n 1 | tr -d ',' | grep -o '[0-9]*' || true)
  commit=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo "?")
  if [[ $BUILD_FROM == worktree && -n $(git -C "$ROOT" status --porcelain -- src pom.xml 2>/dev/null) ]]; then
    commit="$commit (+ uncommitted changes in src/ or pom.xml)"
  fi
  {
    echo "# Agent Warden benchmark results"
    echo
    echo "Written by \`bash bench/run.sh\` (see [README.md](README.md)); every run replaces this file."
    echo
    echo "| | |"
    echo "|---|---|"
    echo "| date | $(date -u +'%Y-%m-%d %H:%M UTC') |"
    echo "| git commit | $commit; WAR $WAR_NOTE |"
    echo "| machine | $(nproc) CPUs, ${cpu:-unknown CPU}, $mem RAM |"
    echo "| Java | $java_version |"
    echo "| server | ${payara_version:-Payara Micro ?}, -Xms$HEAP -Xmx$HEAP ${SERVER_JAVA_OPTS:-}, $(grep -o 'max-thread-pool-size=[0-9]*' "$WORK/pre-boot-commands.txt" | cut -d= -f2) HTTP worker threads (server-config/payara-micro/tuning.sh), listener on 127.0.0.1:$PORT |"
    echo "| machine load (1-min load average) | $LOAD_START at the start of the measurements, $(cut -d' ' -f1 /proc/loadavg) at the end |"
    echo "| load | wrk $(wrk --version 2>&1 | awk 'NR == 1 { print $2 }'), -t$THREADS -c$CONNECTIONS, ${DURATION}s per scenario after ${WARMUP}s of warm-up; wrk runs on the same machine |"
    echo
    echo "> Figures come from a shared ${NPROC}-core machine where wrk competes with the server for the CPUs (and"
    echo "> other builds or test suites may run at the same time): absolute numbers are noisy and low; the ratios to"
    echo "> the \`health\` baseline are what matter. Because the load of such a machine drifts, each scenario's ratio is"
    echo "> taken against its own baseline: the mean req/s of ${PROBE}-second \`GET /health\` probes run just before and"
    echo "> just after it (\`PROBE=0\`: against the \`health\` row)."
    echo
    echo "## Throughput and latency"
    echo
    echo "Targets: every secured scenario at least **${TARGET_RATIO} x** the \`health\` req/s, **p99 <= ${TARGET_P99_MS} ms**."
    echo
    echo "| scenario | req/s | p50 ms | p99 ms | baseline req/s | ratio | non-2xx | longest GC pause ms (full GCs) | meets target | what it measures |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|---|---|"
    for n in "${NAMES[@]}"; do
      echo "| \`$n\` | ${RPS[$n]} | ${P50[$n]} | ${P99[$n]} | ${BASELINE[$n]:-${RPS[health]}} | $(ratio "$n") | ${NON2XX[$n]} | ${GCMAX[$n]:-?} (${GCFULL[$n]:-?}) | $(meets "$n") | ${NOTE[$n]} |"
    done
    echo
    if ((${#PROBES[@]})); then
      echo "Baseline probes (\`GET /health\` req/s, in order; their spread is the machine's drift): ${PROBES[*]}."
      echo
    fi
    echo "\`non-2xx\` are expected for \`basic_failed\` (401) and \`basic_404\` (404); wrk counts them as requests."
    echo
    echo "## Against the SignalWire SDK's Java server"
    echo
    echo "The anchor of the benchmark issue, quoted, not measured by this script: the SDK's Java server (a bare JDK HTTP"
    echo "server that checks no function token and validates nothing) serves SWML + Basic at ~${ANCHOR_SWML} req/s and SWAIG at"
    echo "~${ANCHOR_SWAIG} req/s on these 2-core machines; Payara Micro's defaults give ~${ANCHOR_JAXRS} req/s on a bare JAX-RS endpoint."
    echo
    echo "| scenario | req/s here | anchor req/s | share of the anchor |"
    echo "|---|---:|---:|---:|"
    local n anchor
    for n in health swml_basic swaig_plain swaig_secure; do
      [[ -n ${RPS[$n]:-} ]] || continue
      case $n in
        health) anchor=$ANCHOR_JAXRS ;;
        swml_basic) anchor=$ANCHOR_SWML ;;
        *) anchor=$ANCHOR_SWAIG ;;
      esac
      echo "| \`$n\` | ${RPS[$n]} | $anchor | $(awk -v r="${RPS[$n]}" -v a="$anchor" 'BEGIN { printf "%.2f", r / a }') |"
    done
    if ((${#CONTROLS[@]})); then
      echo
      echo "## Controls"
      echo
      echo "Each agent control switched on, against the same scenario without it in this run: the ratio of their ratios"
      echo "(each to its own \`/health\` baseline). Target: at least **${CONTROL_TARGET}** (within 5 %)."
      echo
      echo "| with the control | without | ratio with | ratio without | with / without | within 5 % |"
      echo "|---|---|---:|---:|---:|---|"
      local pair with without rw ro
      for pair in "${CONTROLS[@]}"; do
        read -r with without <<<"$pair"
        rw=$(ratio "$with") ro=$(ratio "$without")
        awk -v w="$with" -v o="$without" -v rw="$rw" -v ro="$ro" -v t="$CONTROL_TARGET" 'BEGIN {
          if (rw == "?" || ro == "?" || ro + 0 == 0) { printf "| `%s` | `%s` | %s | %s | ? | ? |\n", w, o, rw, ro; exit }
          q = rw / ro; printf "| `%s` | `%s` | %s | %s | %.2f | %s |\n", w, o, rw, ro, q, (q >= t ? "yes" : "NO") }'
      done
    fi
    if ((${#EXTRA[@]})); then
      echo
      echo "## Scale"
      echo
      echo "| operation | time | figures |"
      echo "|---|---:|---|"
      printf '%s\n' "${EXTRA[@]}"
    fi
    echo
    echo "## Start-up and memory"
    echo
    echo "| | |"
    echo "|---|---|"
    echo "| start-up, launch of \`java\` to the first 200 on \`/ready\` | $STARTUP_MS ms |"
    echo "| Payara Micro's own \"ready in\" | ${payara_ready:-?} ms |"
    echo "| RSS after start | $RSS_START MiB |"
    echo "| RSS after the load | $RSS_END MiB (peak $RSS_PEAK MiB) |"
    echo "| server log written (console; the security log's WARNING line per refused request included) | $(($(stat -c %s "$OUT/server.log") / 1048576)) MiB |"
    echo
    echo "## Skipped"
    echo
    if ((${#SKIPPED[@]})); then
      printf -- '- %s\n' "${SKIPPED[@]}"
    else
      echo "Nothing."
    fi
    if [[ -n $PROFILES ]]; then
      echo
      echo "## Profiles"
      echo
      echo "JFR samples only threads that run Java code, and drops the samples whose stack it cannot walk: on a loaded"
      echo "machine it takes few samples, and their shares are indications, to be checked against the throughput"
      echo "differences between the scenarios above before acting on them."
      printf '%s' "$PROFILES"
    fi
  } >"$RESULTS"
  log "wrote $RESULTS"
}

# ---------------------------------------------------------------------------------------------------------------

main() {
  NPROC=$(nproc)
  mkdir -p "$OUT"
  rm -f "$OUT"/wrk-*.txt "$OUT"/bulk-*.txt "$OUT"/profile-*
  WORK=$(mktemp -d "${TMPDIR:-/tmp}/agent-warden-bench.XXXXXX")
  trap cleanup EXIT
  trap 'exit 130' INT TERM
  install_tools
  build
  start_server
  RSS_START=$(proc_mib VmRSS)
  log "RSS after start: $RSS_START MiB"
  verify_agent_routes
  LOAD_START=$(cut -d' ' -f1 /proc/loadavg)
  warm_up
  agent_route_scenarios
  whitelist_scenario
  api_probe
  invoke_scenarios
  audit_export
  RSS_END=$(proc_mib VmRSS)
  RSS_PEAK=$(proc_mib VmHWM)
  profile
  print_table
  echo "start-up: $STARTUP_MS ms to the first 200 on /ready; RSS: $RSS_START MiB after start, $RSS_END MiB after the load (peak $RSS_PEAK MiB)"
  ((${#SKIPPED[@]} == 0)) || printf 'skipped: %s\n' "${SKIPPED[@]}"
  write_results
}

main "$@"
