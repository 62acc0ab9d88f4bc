# Connection-level scenarios and fault drills (issue 8), sourced by bench/run.sh after its setup. It must be the last
# group: its final drill (SIGTERM under load) stops Marquee. Uses run.sh's MARQUEE, MARQUEE_PID, STREAM, EMAIL, PROFILE,
# MEDIA, SIZE, NGINX_PROXY, nginx_pids, OUT, RESULTS and helpers (log, result, rss_kib, json, free_port, start_marquee).
# Clients: bench/slow_readers.py, bench/connections.py and bench/drills.py (python asyncio). Each scenario writes one JSON line.
#
#   memory-per-stream       SLOW_READERS (1000) slow whole-object readers on Marquee, then on nginx proxy_pass
#   idle-connections-*      IDLE_CONNECTIONS (10000) keep-alive connections held IDLE_HOLD (30) s, Marquee then nginx
#   abort-drill             ABORTERS (1000) clients read 64 KiB of a stream and go away; leftovers after SETTLE_DEADLINE
#                           (slow readers and aborting clients start STREAM_STARTS (100) streams a second)
#   paused-players-*        PAUSED_PLAYERS (20) players stop reading for PAUSE (20) s mid-stream, then read on (the
#                           bench S3, S3Proxy, drops a connection it cannot write to for 30 s: keep PAUSE under that)
#   stream-cap              a second Marquee with MARQUEE_STREAMING_MAX_CONCURRENT_STREAMS=STREAM_CAP (20): CAP
#                           streams held, then CAP_BURST (1000) more stream requests must all get a fast 503 + Retry-After
#   sigterm-drill           SIGTERM to Marquee under wrk range load with DRAIN_READERS (20) slow readers of 16 MiB
#                           ranges at 1 MiB/s and 8 keep-alive loopers of 1 MiB ranges
IDLE_CONNECTIONS=${IDLE_CONNECTIONS:-10000}
IDLE_HOLD=${IDLE_HOLD:-30}
SLOW_READERS=${SLOW_READERS:-1000}
SLOW_HOLD=${SLOW_HOLD:-20}
# New streams per second (slow readers, aborting clients): 1,000 viewers arriving within one second is a burst that
# S3Proxy here cannot start within Marquee's 5 s first-byte timeout; 100/s is still a hard ramp.
STREAM_STARTS=${STREAM_STARTS:-100}
ABORTERS=${ABORTERS:-1000}
SETTLE_DEADLINE=${SETTLE_DEADLINE:-30}
STREAM_CAP=${STREAM_CAP:-20}
CAP_BURST=${CAP_BURST:-1000}
CAP_HOLD=${CAP_HOLD:-30}
DRAIN_READERS=${DRAIN_READERS:-20}
PAUSED_PLAYERS=${PAUSED_PLAYERS:-20}
PAUSE=${PAUSE:-20}
CAP_PID=; IDLE_NGINX_PID=
connections_cleanup() {
  if [ -n "$IDLE_NGINX_PID" ]; then kill -QUIT "$IDLE_NGINX_PID" 2>/dev/null || true; fi
  if [ -n "$CAP_PID" ]; then kill -TERM "$CAP_PID" 2>/dev/null || true; fi
  cleanup
}
trap connections_cleanup EXIT

# metric BASE NAME [LABEL_FILTER]: the sum of a Prometheus metric's samples (whose labels contain LABEL_FILTER).
metric() {
  { curl -s -m 10 "$1/q/metrics" || true; } | awk -v n="$2" -v l="${3:-}" '
    (index($0, n " ") == 1 || index($0, n "{") == 1) && index($0, l) { s += $NF; f = 1 }
    END { if (f) printf "%d", s; else print "null" }'
}
# counters BASE: stream responses by endpoint/status and S3 errors by reason, as a JSON object.
counters() {
  { curl -s -m 10 "$1/q/metrics" || true; } | python3 -c '
import json, re, sys
out = {}
for line in sys.stdin:
    m = re.match(r"marquee_(stream_responses|s3_errors)_total\{([^}]*)\} ([0-9.eE+]+)", line)
    if m:
        labels = dict(re.findall(r"(\w+)=\"([^\"]*)\"", m.group(2)))
        key = m.group(1) + ":" + ":".join(v for k, v in sorted(labels.items()))
        out[key] = out.get(key, 0) + int(float(m.group(3)))
print(json.dumps(out, sort_keys=True))'
}
# counter_delta BEFORE_JSON AFTER_JSON: what changed.
counter_delta() {
  python3 -c 'import json, sys
a, b = json.loads(sys.argv[1] or "{}"), json.loads(sys.argv[2] or "{}")
print(json.dumps({k: v - a.get(k, 0) for k, v in sorted(b.items()) if v != a.get(k, 0)}))' "$1" "$2"
}
# java_kib PID BASE: heap used right after a full GC plus direct buffers, in KiB (what the JVM keeps, not what it
# reserved). The GC also shrinks the heap, so Marquee's "before" RSS is taken after it: RSS growth is then measured
# from a compacted heap, which counts what the load touched rather than what earlier scenarios left committed.
java_kib() {
  "$JAVA25_HOME/bin/jcmd" "$1" GC.run >/dev/null 2>&1 || true
  local heap direct
  heap=$(metric "$2" jvm_memory_used_bytes 'area="heap"'); direct=$(metric "$2" jvm_buffer_memory_used_bytes 'id="direct"')
  echo $(( (${heap/null/0} + ${direct/null/0}) / 1024 ))
}
rss_sum() { local t=0 p; for p in "$@"; do t=$((t + $(rss_kib "$p"))); done; echo $t; }
established_to() { ss -tnH state established "( dport = :$1 )" 2>/dev/null | wc -l; }
established_on() { ss -tnH state established "( sport = :$1 )" 2>/dev/null | wc -l; }
nofile() { awk '/Max open files/ {print $4}' "/proc/$1/limits"; }
wait_ready() { # wait_ready BASE PID LOG
  for _ in $(seq 1 900); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$1/q/health/ready")" = 200 ] && return 0
    kill -0 "$2" 2>/dev/null || { tail -30 "$3" >&2; return 1; }
    sleep 0.2
  done
  return 1
}
# fresh_requests N: N authenticated catalog calls and N 1 MiB stream ranges, each on a new connection, as JSON.
fresh_requests() {
  for _ in $(seq 1 "$1"); do
    curl -s -o /dev/null -m 30 -w 'catalog %{http_code} %{time_total}\n' -H "Authorization: Bearer $CONN_VIEWER" \
      "$MARQUEE/api/v1/titles?sort=popular&limit=20" || echo "catalog 000 30"
    curl -s -o /dev/null -m 30 -w 'stream %{http_code} %{time_total}\n' -H 'Range: bytes=1048576-2097151' "$STREAM" \
      || echo "stream 000 30"
  done | python3 -c '
import json, sys
out = {}
for line in sys.stdin:
    kind, code, secs = line.split()
    o = out.setdefault(kind, {"statuses": {}, "ms": []})
    o["statuses"][code] = o["statuses"].get(code, 0) + 1
    o["ms"].append(round(float(secs) * 1000, 1))
for o in out.values():
    ms = sorted(o["ms"]); o["p50_ms"] = ms[len(ms) // 2]; o["max_ms"] = ms[-1]
print(json.dumps(out, sort_keys=True))'
}

# streaming_again BASE_STREAM_URL: waits (up to 30 s) for two 206s in a row, so that a circuit breaker opened by the
# previous scenario (S3 first-byte timeouts open it for 5 s) does not turn this one's first requests into 503s.
streaming_again() {
  local ok=0 code
  for _ in $(seq 1 60); do
    code=$(curl -s -o /dev/null -m 10 -w '%{http_code}' -H 'Range: bytes=0-1023' "$1" || true)
    if [ "$code" = 206 ]; then ok=$((ok + 1)); [ $ok -ge 2 ] && return 0; else ok=0; sleep 0.5; fi
  done
  log "streaming did not recover within 30 s (last answer $code)"
}

# A viewer token of our own: run.sh's is 15 minutes old or more by now.
CONN_ACCOUNT=$(curl -sf -H 'Content-Type: application/json' -d "{\"email\":\"$EMAIL\",\"password\":\"correct horse battery\"}" "$MARQUEE/api/v1/auth/login" | json 'd["accessToken"]')
CONN_VIEWER=$(curl -sf -X POST -H "Authorization: Bearer $CONN_ACCOUNT" -H 'Content-Type: application/json' -d '{}' "$MARQUEE/api/v1/profiles/$PROFILE/select" | json 'd["accessToken"]')
MARQUEE_PORT=${MARQUEE##*:}

# ---- memory per stream: slow readers on Marquee, then on nginx proxy_pass ----
# slow_streams SCENARIO URL BASE PIDS...: RSS (and for Marquee its gauges) once every reader has its first bytes.
slow_streams() {
  local name=$1 url=$2 base=$3; shift 3
  local idle loaded java_idle=null java_loaded=null before=null after=null active=null bodies=null s3=null clients
  sleep 5
  [ -n "$base" ] && streaming_again "$url"
  [ -n "$base" ] && { java_idle=$(java_kib "$1" "$base"); before=$(counters "$base"); sleep 2; }
  idle=$(rss_sum "$@")
  rm -f "$OUT/$name-ready.txt"
  python3 bench/slow_readers.py "$url" "$SLOW_READERS" 16384 "$SLOW_HOLD" "$OUT/$name-ready.txt" "$STREAM_STARTS" \
    >"$OUT/$name.txt" 2>&1 &
  local readers=$! ready_at active_late=null
  for _ in $(seq 1 900); do [ -s "$OUT/$name-ready.txt" ] && break; sleep 0.2; done
  ready_at=$(ms_now)
  sleep 5
  loaded=$(rss_sum "$@")
  local port=${url#http://*:}
  clients=$(established_on "${port%%/*}")
  if [ -n "$base" ]; then
    active=$(metric "$base" marquee_stream_active); bodies=$(metric "$base" marquee_s3_bodies_open)
    s3=$(established_to "$BENCH_S3_PORT"); java_loaded=$(java_kib "$1" "$base")
    # Still streaming near the end of the hold? (a stream cut mid-body leaves the gauge)
    while [ $(( $(ms_now) - ready_at )) -lt $(( (SLOW_HOLD - 3) * 1000 )) ]; do sleep 0.5; done
    active_late=$(metric "$base" marquee_stream_active)
  fi
  wait "$readers" || true
  [ -n "$base" ] && after=$(counter_delta "$before" "$(counters "$base")")
  result "{\"scenario\":\"$name\",\"load\":\"$(loadavg)\",\"readers\":$SLOW_READERS,\"idle_rss_kib\":$idle,\"loaded_rss_kib\":$loaded,\"java_idle_kib\":$java_idle,\"java_loaded_kib\":$java_loaded,\"stream_active\":$active,\"stream_active_late\":$active_late,\"hold_s\":$SLOW_HOLD,\"s3_bodies_open\":$bodies,\"marquee_to_s3_connections\":$s3,\"client_connections\":$clients,\"responses\":$after,\"readers_state\":\"$(head -1 "$OUT/$name-ready.txt" 2>/dev/null)\",\"readers_after\":\"$(sed -n 's/^after: //p' "$OUT/$name.txt")\"}"
}
log "memory per stream: $SLOW_READERS slow readers on Marquee, then on nginx proxy_pass"
slow_streams memory-per-stream "$STREAM" "$MARQUEE" "$MARQUEE_PID"
slow_streams memory-per-stream-nginx "$NGINX_PROXY" "" $(nginx_pids)
# Group "memory" (SCENARIOS=memory) stops here.
scenario connections || return 0

# ---- 10,000 idle keep-alive connections: Marquee, then an nginx of its own with room for them ----
log "idle connections: $IDLE_CONNECTIONS held ${IDLE_HOLD}s on Marquee, then on nginx (ulimit -n $(ulimit -n))"
IDLE_NGX=$PWD/$OUT/nginx-idle; mkdir -p "$IDLE_NGX/logs" "$IDLE_NGX/tmp"
IDLE_NGINX_PORT=$(free_port)
cat >"$IDLE_NGX/nginx.conf" <<NGINX
daemon off;
user root;
worker_processes 2;
worker_rlimit_nofile 20000;
pid $IDLE_NGX/nginx.pid;
error_log $IDLE_NGX/logs/error.log warn;
events { worker_connections 12000; }
http {
  access_log off;
  client_body_temp_path $IDLE_NGX/tmp/body; proxy_temp_path $IDLE_NGX/tmp/proxy; fastcgi_temp_path $IDLE_NGX/tmp/fastcgi;
  uwsgi_temp_path $IDLE_NGX/tmp/uwsgi; scgi_temp_path $IDLE_NGX/tmp/scgi;
  keepalive_timeout 75s;
  keepalive_requests 1000000;
  server {
    listen 127.0.0.1:$IDLE_NGINX_PORT backlog=4096;
    location / { default_type application/json; return 200 '{"status":"UP","checks":[]}'; }
  }
}
NGINX
# idle_connections SCENARIO BASE PORT PIDS...: RSS before and while held; for Marquee fresh requests before and during.
idle_connections() {
  local name=$1 base=$2 port=$3; shift 3
  local before held java_before=null java_held=null fresh_before=null fresh_during=null conns client
  if [ "$name" = idle-connections-marquee ]; then streaming_again "$STREAM"; fresh_before=$(fresh_requests 5); fi
  sleep 3
  [ "$name" = idle-connections-marquee ] && { java_before=$(java_kib "$1" "$base"); sleep 2; }
  before=$(rss_sum "$@")
  rm -f "$OUT/$name-ready.txt"
  IDLE_TIMEOUT=$(sed -n 's/^quarkus\.http\.idle-timeout=\([0-9]*\)s$/\1/p' src/main/resources/application.properties) \
    python3 bench/connections.py idle "$base/q/health/live" "$IDLE_CONNECTIONS" "$IDLE_HOLD" "$OUT/$name-ready.txt" \
    >"$OUT/$name.json" 2>"$OUT/$name.err" &
  client=$!
  for _ in $(seq 1 1500); do [ -s "$OUT/$name-ready.txt" ] && break; sleep 0.2; done
  sleep 3
  held=$(rss_sum "$@"); conns=$(established_on "$port")
  if [ "$name" = idle-connections-marquee ]; then
    fresh_during=$(fresh_requests 5)
    java_held=$(java_kib "$1" "$base")
  fi
  wait "$client" || true
  result "{\"scenario\":\"$name\",\"connections\":$IDLE_CONNECTIONS,\"rss_before_kib\":$before,\"rss_held_kib\":$held,\"java_before_kib\":$java_before,\"java_held_kib\":$java_held,\"server_established\":$conns,\"nofile_server\":$(nofile "$1"),\"nofile_client\":$(ulimit -n),\"fresh_before\":$fresh_before,\"fresh_during\":$fresh_during,\"client\":$(cat "$OUT/$name.json" 2>/dev/null || echo null)}"
}
if [ "$(ulimit -n)" -lt $((IDLE_CONNECTIONS + 100)) ] || [ "$(nofile "$MARQUEE_PID")" -lt $((IDLE_CONNECTIONS + 1000)) ]; then
  log "ulimit -n too low for $IDLE_CONNECTIONS connections: client $(ulimit -n), Marquee $(nofile "$MARQUEE_PID")"
fi
idle_connections idle-connections-marquee "$MARQUEE" "$MARQUEE_PORT" "$MARQUEE_PID"
nginx -p "$IDLE_NGX" -c "$IDLE_NGX/nginx.conf" &
IDLE_NGINX_PID=$!
sleep 1
idle_connections idle-connections-nginx "http://127.0.0.1:$IDLE_NGINX_PORT" "$IDLE_NGINX_PORT" \
  "$IDLE_NGINX_PID" $(pgrep -P "$IDLE_NGINX_PID" | tr '\n' ' ')
kill -QUIT "$IDLE_NGINX_PID" 2>/dev/null || true; wait "$IDLE_NGINX_PID" 2>/dev/null || true; IDLE_NGINX_PID=

# ---- 1,000 clients abort mid-stream: does everything they held come back? ----
log "abort drill: $ABORTERS clients read 64 KiB of a stream and go away"
sleep 2
streaming_again "$STREAM"
gauges() { echo "{\"stream_active\":$(metric "$MARQUEE" marquee_stream_active),\"s3_bodies_open\":$(metric "$MARQUEE" marquee_s3_bodies_open),\"s3_connections\":$(established_to "$BENCH_S3_PORT"),\"client_connections\":$(established_on "$MARQUEE_PORT")}"; }
ABORT_BASE=$(gauges); ABORT_BEFORE=$(counters "$MARQUEE")
python3 bench/connections.py abort "$STREAM" "$ABORTERS" 65536 $((64 * 1048576)) "$SIZE" "$STREAM_STARTS" \
  >"$OUT/abort.json" 2>"$OUT/abort.err" || true
ABORT_END=$(ms_now)
ABORT_PEAK=$(gauges)
ABORT_SETTLED=null
while [ $(( $(ms_now) - ABORT_END )) -lt $((SETTLE_DEADLINE * 1000)) ]; do
  ABORT_NOW=$(gauges)
  if python3 -c 'import json, sys
b, n = json.loads(sys.argv[1]), json.loads(sys.argv[2])
sys.exit(0 if all(n[k] is not None and n[k] <= (b[k] or 0) for k in b) else 1)' "$ABORT_BASE" "$ABORT_NOW"; then
    ABORT_SETTLED=$(awk -v t=$(( $(ms_now) - ABORT_END )) 'BEGIN { printf "%.1f", t / 1000 }'); break
  fi
  sleep 0.5
done
ABORT_NOW=$(gauges)
ABORT_AFTER_CODE=$(curl -s -o /dev/null -m 30 -w '%{http_code}' -H 'Range: bytes=0-1023' "$STREAM")
result "{\"scenario\":\"abort-drill\",\"clients\":$ABORTERS,\"deadline_s\":$SETTLE_DEADLINE,\"settled_s\":$ABORT_SETTLED,\"baseline\":$ABORT_BASE,\"at_end_of_clients\":$ABORT_PEAK,\"final\":$ABORT_NOW,\"responses\":$(counter_delta "$ABORT_BEFORE" "$(counters "$MARQUEE")"),\"stream_after\":\"$ABORT_AFTER_CODE\",\"client\":$(cat "$OUT/abort.json" 2>/dev/null || echo null)}"

# ---- paused players: a full player buffer stops reading for a while, then reads on ----
log "paused players: $PAUSED_PLAYERS read 1 MiB of a 32 MiB range, pause ${PAUSE}s, read the rest (Marquee, nginx)"
paused_players() { # SCENARIO URL [BASE]
  local before=null after=null
  [ -n "${3:-}" ] && { streaming_again "$2"; before=$(counters "$3"); }
  python3 bench/drills.py paused "$2" "$MEDIA" "$PAUSED_PLAYERS" $((32 * 1048576)) 1048576 "$PAUSE" \
    >"$OUT/$1.json" 2>"$OUT/$1.err" || true
  [ -n "${3:-}" ] && after=$(counter_delta "$before" "$(counters "$3")")
  result "{\"scenario\":\"$1\",\"players\":$PAUSED_PLAYERS,\"pause_s\":$PAUSE,\"responses\":$after,\"client\":$(grep . "$OUT/$1.json" 2>/dev/null || echo null)}"
}
paused_players paused-players-marquee "$STREAM" "$MARQUEE"
paused_players paused-players-nginx "$NGINX_PROXY"

# ---- over the cap: a second Marquee with a small stream cap ----
log "stream cap: a second Marquee with MARQUEE_STREAMING_MAX_CONCURRENT_STREAMS=$STREAM_CAP"
CAP_PORT=$(free_port); CAP_BASE=http://127.0.0.1:$CAP_PORT
CAP_STREAM=$CAP_BASE${STREAM#"$MARQUEE"}
MAIN_PID=$MARQUEE_PID
export MARQUEE_STREAMING_MAX_CONCURRENT_STREAMS=$STREAM_CAP
# shellcheck disable=SC2086
QUARKUS_HTTP_PORT=$CAP_PORT start_marquee "$OUT/marquee-capped.log" $MARQUEE_JVM
unset MARQUEE_STREAMING_MAX_CONCURRENT_STREAMS
CAP_PID=$MARQUEE_PID; MARQUEE_PID=$MAIN_PID
if wait_ready "$CAP_BASE" "$CAP_PID" "$OUT/marquee-capped.log"; then
  CAP_BEFORE=$(counters "$CAP_BASE")
  # The held streams read 512 KiB/s: a stream whose client drains too slowly is cut by Marquee about 10 s into the
  # stall (see the paused-players scenario), which would let burst requests in; at 512 KiB/s the socket buffers never
  # keep the pump waiting that long.
  python3 bench/slow_readers.py "$CAP_STREAM" "$STREAM_CAP" 524288 "$CAP_HOLD" "$OUT/cap-ready.txt" "$STREAM_STARTS" \
    >"$OUT/cap-readers.txt" 2>&1 &
  CAP_READERS=$!
  for _ in $(seq 1 900); do [ -s "$OUT/cap-ready.txt" ] && break; sleep 0.2; done
  CAP_ACTIVE_BEFORE=$(metric "$CAP_BASE" marquee_stream_active)
  python3 bench/connections.py burst "$CAP_BASE/q/health/live" "$CAP_BURST" 50 >"$OUT/cap-burst-health.json" 2>&1 || true
  python3 bench/connections.py burst "$CAP_STREAM" "$CAP_BURST" 50 'bytes=0-1048575' >"$OUT/cap-burst-stream.json" 2>&1 || true
  CAP_ACTIVE_AFTER=$(metric "$CAP_BASE" marquee_stream_active)
  wait "$CAP_READERS" || true
  sleep 2
  result "{\"scenario\":\"stream-cap\",\"cap\":$STREAM_CAP,\"burst\":$CAP_BURST,\"active_before_burst\":$CAP_ACTIVE_BEFORE,\"active_after_burst\":$CAP_ACTIVE_AFTER,\"active_at_end\":$(metric "$CAP_BASE" marquee_stream_active),\"readers_state\":\"$(head -1 "$OUT/cap-ready.txt")\",\"readers_after\":\"$(sed -n 's/^after: //p' "$OUT/cap-readers.txt")\",\"responses\":$(counter_delta "$CAP_BEFORE" "$(counters "$CAP_BASE")"),\"stream_burst\":$(cat "$OUT/cap-burst-stream.json"),\"health_burst\":$(cat "$OUT/cap-burst-health.json")}"
else
  result "{\"scenario\":\"stream-cap\",\"cap\":$STREAM_CAP,\"error\":\"the capped Marquee did not start (bench/out/run/marquee-capped.log)\"}"
fi
kill -TERM "$CAP_PID" 2>/dev/null || true; wait "$CAP_PID" 2>/dev/null || true; CAP_PID=

# ---- SIGTERM under load: the last drill, it stops Marquee ----
setting() { sed -n "s/^quarkus\.shutdown\.$1=\([0-9]*\)s$/\1/p" src/main/resources/application.properties; }
log "SIGTERM drill: wrk range load + $DRAIN_READERS slow range readers, then SIGTERM"
streaming_again "$STREAM"
OBJECT_SIZE=$SIZE RANGE_BYTES=1048576 RANGE_FIXED=0 wrk -t2 -c16 -d180s --timeout 10s -s bench/wrk/ranges.lua "$STREAM" \
  >"$OUT/wrk-sigterm.txt" 2>&1 &
SIGTERM_WRK=$!
sleep 3
# 16 MiB at 1 MiB/s: more than the socket buffers hold, so Marquee is still writing them after the drain delay.
python3 bench/drills.py drain "$STREAM" "$MARQUEE/q/health/ready" "$MEDIA" "$DRAIN_READERS" $((16 * 1048576)) 1048576 \
  "$MARQUEE_PID" 8 >"$OUT/drain.json" 2>"$OUT/drain.err" &
DRAIN=$!
SIGTERM_WAIT_START=$(ms_now)
while kill -0 "$MARQUEE_PID" 2>/dev/null && [ $(( $(ms_now) - SIGTERM_WAIT_START )) -lt 240000 ]; do sleep 0.1; done
if kill -0 "$MARQUEE_PID" 2>/dev/null; then
  log "Marquee still running 240 s into the drill: killing it"; kill -KILL "$MARQUEE_PID" || true
fi
SIGTERM_RC=0; wait "$MARQUEE_PID" || SIGTERM_RC=$?
MARQUEE_PID=
kill -INT "$SIGTERM_WRK" 2>/dev/null || true; wait "$SIGTERM_WRK" 2>/dev/null || true
wait "$DRAIN" || true
SIGTERM_LOG=$(sed -n '/Shutting down/,$p' "$OUT/marquee.log" | grep -c -E ' (WARN|ERROR) ' || true)
SIGTERM_LOG_FIRST=$(sed -n '/Shutting down/,$p' "$OUT/marquee.log" | grep -m1 -E ' (WARN|ERROR) ' | cut -c1-300 \
  | python3 -c 'import json, sys; print(json.dumps(sys.stdin.read().strip()))' || echo '""')
result "{\"scenario\":\"sigterm-drill\",\"exit_code\":$SIGTERM_RC,\"delay_s\":$(setting delay),\"timeout_s\":$(setting timeout),\"log_warnings_after_sigterm\":$SIGTERM_LOG,\"log_first_warning\":$SIGTERM_LOG_FIRST,\"wrk\":$(sed -n 's/^JSON //p' "$OUT/wrk-sigterm.txt" | grep . || echo null),\"drain\":$(grep . "$OUT/drain.json" 2>/dev/null || echo null)}"
