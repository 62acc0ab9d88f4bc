#!/usr/bin/env bash
# Marquee against its baselines, side by side, in one run on this machine (issue 8). One command:
#
#   bench/run.sh            # all scenarios, 15 s per load run
#   DURATION=30 bench/run.sh
#   SCENARIOS="api connections" bench/run.sh   # only these groups (streaming, packaging, api, connections)
#   SCENARIOS="streaming memory" bench/run.sh  # the byte path: streaming, and of the connection group only memory per stream
#
# Marquee runs with the JVM options of its container image (marquee_jvm_options in bench/common.sh: the -XX: flags of
# src/main/docker/Dockerfile.jvm, sized for a 1 GiB container); MARQUEE_JVM_OPTS replaces them for an experiment.
#
# First runs bench/cold-start.sh --build (builds target/quarkus-app with Java 25 and its AOT cache, then measures cold
# start; COLD_START=skip reuses bench/out/cold-start/summary.md, COLD_RUNS sets its runs), then starts embedded PostgreSQL and
# S3Proxy (io.marquee.bench.BenchServices, plus an S3Proxy without auth over the same data for direct GETs), Marquee
# in production mode (Java 25, env vars only), nginx from Debian (sendfile from disk; proxy_pass to S3Proxy with
# proxy_buffering off), uploads a 256 MiB video through the admin API and the same bytes straight to S3, loads
# bench/synthetic-catalog.sql, then runs the scenarios with wrk, pgbench and bench/slow_readers.py; the JSON API
# scenarios (catalog, playback, login, with their raw baselines) are in bench/scenarios/api.sh.
# Raw output: bench/out/run/ (gitignored). Results: bench/out/run/results.jsonl, rendered into docs/BENCHMARKS.md by
# bench/report.py. Needs: nginx wrk (apt-get install -y nginx wrk), pgbench + psql (postgresql-client), python3, curl.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/common.sh

DURATION=${DURATION:-15}
SCENARIOS=${SCENARIOS:-all}
scenario() { [ "$SCENARIOS" = all ] || [[ " ${SCENARIOS//,/ } " == *" $1 "* ]]; }
# The connection scenarios hold 10,000 sockets in Marquee, nginx and the client: every process started here inherits this.
ulimit -n "$(ulimit -Hn)"
SIZE=$((256 * 1024 * 1024))
OUT=bench/out/run
CLK=$(getconf CLK_TCK)
for tool in nginx wrk pgbench psql curl python3; do
  command -v $tool >/dev/null || { echo "missing $tool (apt-get install -y nginx wrk postgresql-client)" >&2; exit 1; }
done
if [ "${COLD_START:-run}" != skip ]; then
  bench/cold-start.sh --build --runs "${COLD_RUNS:-5}" >&2
fi
if [ ! -f $APP_DIR/quarkus-run.jar ]; then
  ./mvnw -B package -DskipTests
fi

rm -rf "$OUT"; mkdir -p "$OUT"
RESULTS=$OUT/results.jsonl; : >"$RESULTS"
NGINX_PID=; HEARTBEAT_PID=; TLS_FRONT_PID=; MARQUEE_TLS_PID=
cleanup() {
  [ -n "$HEARTBEAT_PID" ] && kill "$HEARTBEAT_PID" 2>/dev/null || true
  [ -n "$NGINX_PID" ] && kill -QUIT "$NGINX_PID" 2>/dev/null || true
  [ -n "$TLS_FRONT_PID" ] && kill -QUIT "$TLS_FRONT_PID" 2>/dev/null || true
  [ -n "$MARQUEE_TLS_PID" ] && kill -TERM "$MARQUEE_TLS_PID" 2>/dev/null || true
  stop_marquee; stop_services
}
trap cleanup EXIT
trap 'exit 143' TERM
trap 'exit 130' INT
log() { echo "[$(date -u +%H:%M:%S)] $*" >&2; }
result() { echo "$1" >>"$RESULTS"; echo "$1" >&2; }

{ echo "uptime_start: $(uptime)"; machine_info; } >"$OUT/machine.txt"

log "services (PostgreSQL, S3Proxy) and a ${SIZE}-byte MP4"
start_services "$OUT" "$SIZE"
MEDIA=$PWD/$OUT/media.mp4
S3_OPEN=http://127.0.0.1:$BENCH_S3_OPEN_PORT
curl -sf -T "$MEDIA" -H 'Content-Type: video/mp4' "$S3_OPEN/$BENCH_BUCKET/bench/media.mp4" >/dev/null

log "Marquee (prod mode, Java 25)"
export QUARKUS_HTTP_PORT; QUARKUS_HTTP_PORT=$(free_port)
export MARQUEE_JAVA=$JAVA25_HOME/bin/java
MARQUEE=http://127.0.0.1:$QUARKUS_HTTP_PORT
MARQUEE_JVM=$(marquee_jvm_options)
echo "marquee_jvm: $MARQUEE_JVM" >>"$OUT/machine.txt"
# shellcheck disable=SC2086
start_marquee "$OUT/marquee.log" $MARQUEE_JVM
# wait_ready BASE_URL PID LOG: waits until the instance at BASE_URL is ready; stops the run if its process ended.
wait_ready() {
  for _ in $(seq 1 600); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$1/q/health/ready")" = 200 ] && return
    kill -0 "$2" || { tail -30 "$3" >&2; exit 1; }
    sleep 0.2
  done
}
wait_ready "$MARQUEE" "$MARQUEE_PID" "$OUT/marquee.log"

json() { python3 -c "import json,sys; d=json.load(sys.stdin); print(eval(sys.argv[1]))" "$1"; }
ADMIN=$(login_token)
TITLE=$(curl -sf -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' -d '{"type":"movie","name":"Bench 256 MiB","synopsis":"The benchmark object.","year":2024,"maturityRating":0,"genres":[],"cast":["Ada Lovelace"],"runtimeSeconds":5400}' "$MARQUEE/api/v1/admin/titles" | json 'd["id"]')
log "upload through Marquee"
curl -sf -T "$MEDIA" -H "Authorization: Bearer $ADMIN" -H 'Content-Type: video/mp4' "$MARQUEE/api/v1/admin/titles/$TITLE/media?label=1080p" >"$OUT/upload.json"
EMAIL="viewer-$RANDOM$RANDOM@example.com"
curl -sf -H 'Content-Type: application/json' -d "{\"email\":\"$EMAIL\",\"password\":\"correct horse battery\",\"name\":\"Viewer\"}" "$MARQUEE/api/v1/auth/signup" >/dev/null
ACCOUNT=$(curl -sf -H 'Content-Type: application/json' -d "{\"email\":\"$EMAIL\",\"password\":\"correct horse battery\"}" "$MARQUEE/api/v1/auth/login" | json 'd["accessToken"]')
PROFILE=$(curl -sf -H "Authorization: Bearer $ACCOUNT" "$MARQUEE/api/v1/profiles" | json 'd["items"][0]["id"]')
# viewer_token: a fresh profile token for the bench viewer (access tokens last 15 minutes; the run lasts longer).
viewer_token() {
  local account
  account=$(curl -sf -H 'Content-Type: application/json' -d "{\"email\":\"$EMAIL\",\"password\":\"correct horse battery\"}" "$MARQUEE/api/v1/auth/login" | json 'd["accessToken"]') || return 0
  curl -sf -X POST -H "Authorization: Bearer $account" -H 'Content-Type: application/json' -d '{}' "$MARQUEE/api/v1/profiles/$PROFILE/select" | json 'd["accessToken"]' || true
}
VIEWER=$(viewer_token)
curl -sf -H "Authorization: Bearer $VIEWER" -H 'Content-Type: application/json' -d "{\"titleId\":\"$TITLE\",\"deviceName\":\"bench\"}" "$MARQUEE/api/v1/playback" >"$OUT/playback.json"
STREAM=$MARQUEE$(json 'd["streams"][0]["url"]' <"$OUT/playback.json")
LEASE=$(json 'd["leaseId"]' <"$OUT/playback.json")
# The lease must outlive the whole run (every later scenario streams $STREAM): heartbeat it, logging in again when the
# viewer's token has expired. A lapsed lease revokes the grant, and every stream after it would be a 403.
(
  token=$VIEWER
  beat() { curl -s -o /dev/null -w '%{http_code}' -X PUT -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d '{"positionSeconds":0}' "$MARQUEE/api/v1/playback/$LEASE/heartbeat"; }
  while sleep 20; do
    code=$(beat)
    if [ "$code" = 401 ]; then token=$(viewer_token); code=$(beat); fi
    case $code in 2*) ;; *) log "heartbeat of the bench lease answered $code" ;; esac
  done
) &
HEARTBEAT_PID=$!

# nginx_conf_head DIR: the start of an nginx.conf that runs in the foreground with its pid, logs and temp files in DIR,
# up to the common settings inside "http {" (the caller writes the rest and the closing brace).
nginx_conf_head() {
  cat <<NGINX
daemon off;
user root;
worker_processes 2;
pid $1/nginx.pid;
error_log $1/logs/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $1/tmp/body; proxy_temp_path $1/tmp/proxy; fastcgi_temp_path $1/tmp/fastcgi;
  uwsgi_temp_path $1/tmp/uwsgi; scgi_temp_path $1/tmp/scgi;
  keepalive_requests 1000000;
NGINX
}

# S3 as production reaches it, over HTTPS: a TLS front before S3Proxy (a second nginx, whose CPU is billed to neither
# side), with a certificate for 127.0.0.1 made here. Marquee's second instance (streaming scenario, below) and the
# measured nginx's proxy_pass https:// both verify it.
log "TLS front for S3 (nginx with a self-signed certificate)"
TLS=$PWD/$OUT/tls; mkdir -p "$TLS/logs" "$TLS/tmp"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj /CN=127.0.0.1 \
  -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" -days 2 -keyout "$TLS/key.pem" -out "$TLS/cert.pem" 2>/dev/null
"$JAVA25_HOME/bin/keytool" -importcert -noprompt -alias s3 -file "$TLS/cert.pem" -storetype PKCS12 \
  -keystore "$TLS/trust.p12" -storepass bench-trust >/dev/null
TLS_S3_PORT=$(free_port); TLS_S3_OPEN_PORT=$(free_port)
{ nginx_conf_head "$TLS"; cat <<NGINX
  ssl_certificate $TLS/cert.pem; ssl_certificate_key $TLS/key.pem;
  proxy_http_version 1.1; proxy_buffering off; proxy_request_buffering off;
  upstream s3 { server 127.0.0.1:$BENCH_S3_PORT; keepalive 128; }
  upstream s3open { server 127.0.0.1:$BENCH_S3_OPEN_PORT; keepalive 128; }
  # The signed port: presigned URLs are signed for this Host, which S3Proxy checks, so it passes through unchanged.
  server {
    listen 127.0.0.1:$TLS_S3_PORT ssl;
    location / { proxy_pass http://s3; proxy_set_header Connection ""; proxy_set_header Host \$http_host; }
  }
  server {
    listen 127.0.0.1:$TLS_S3_OPEN_PORT ssl;
    location / {
      proxy_pass http://s3open; proxy_set_header Connection ""; proxy_set_header Host 127.0.0.1:$BENCH_S3_OPEN_PORT;
    }
  }
}
NGINX
} >"$TLS/nginx.conf"
nginx -p "$TLS" -c "$TLS/nginx.conf" &
TLS_FRONT_PID=$!

log "nginx"
NGX=$PWD/$OUT/nginx; mkdir -p "$NGX/logs" "$NGX/tmp"
NGINX_FILE_PORT=$(free_port); NGINX_PROXY_PORT=$(free_port); NGINX_TLS_PROXY_PORT=$(free_port)
{ nginx_conf_head "$NGX"; cat <<NGINX
  server {
    listen 127.0.0.1:$NGINX_FILE_PORT;
    sendfile on; tcp_nopush on;
    location = /media.mp4 { root $PWD/$OUT; }
  }
  upstream s3 { server 127.0.0.1:$BENCH_S3_OPEN_PORT; keepalive 128; }
  server {
    listen 127.0.0.1:$NGINX_PROXY_PORT;
    location / {
      proxy_pass http://s3;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host 127.0.0.1:$BENCH_S3_OPEN_PORT;
      proxy_buffering off;
    }
  }
  upstream s3tls { server 127.0.0.1:$TLS_S3_OPEN_PORT; keepalive 128; }
  server {
    listen 127.0.0.1:$NGINX_TLS_PROXY_PORT;
    location / {
      proxy_pass https://s3tls;
      proxy_ssl_trusted_certificate $TLS/cert.pem;
      proxy_ssl_verify on;
      proxy_ssl_name localhost;
      proxy_ssl_session_reuse on;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host 127.0.0.1:$TLS_S3_OPEN_PORT;
      proxy_buffering off;
    }
  }
}
NGINX
} >"$NGX/nginx.conf"
nginx -p "$NGX" -c "$NGX/nginx.conf" &
NGINX_PID=$!
sleep 1
nginx_pids() { echo "$NGINX_PID $(pgrep -P "$NGINX_PID" | tr '\n' ' ')"; }

NGINX_FILE=http://127.0.0.1:$NGINX_FILE_PORT/media.mp4
NGINX_PROXY=http://127.0.0.1:$NGINX_PROXY_PORT/$BENCH_BUCKET/bench/media.mp4
NGINX_TLS_PROXY=http://127.0.0.1:$NGINX_TLS_PROXY_PORT/$BENCH_BUCKET/bench/media.mp4
DIRECT_S3=$S3_OPEN/$BENCH_BUCKET/bench/media.mp4
for u in "$STREAM" "$NGINX_FILE" "$NGINX_PROXY" "$NGINX_TLS_PROXY" "$DIRECT_S3"; do
  code=$(curl -s -o /dev/null -w '%{http_code}' -H 'Range: bytes=0-1023' "$u")
  [ "$code" = 206 ] || { echo "expected 206 from $u, got $code" >&2; exit 1; }
done
cmp <(curl -s -H 'Range: bytes=1000000-1999999' "$STREAM") <(curl -s -H 'Range: bytes=1000000-1999999' "$NGINX_FILE") \
  || { echo "Marquee and nginx disagree on the bytes" >&2; exit 1; }

cpu_ticks() { local t=0 p; for p in "$@"; do t=$((t + $(sed 's/.*) //' /proc/$p/stat | awk '{print $12 + $13}'))); done; echo $t; }
# sys_ticks PIDS...: the kernel part of cpu_ticks (system calls: socket reads and writes).
sys_ticks() { local t=0 p; for p in "$@"; do t=$((t + $(sed 's/.*) //' /proc/$p/stat | awk '{print $13}'))); done; echo $t; }
secs() { awk -v t="$1" -v c="$CLK" 'BEGIN { printf "%.2f", t / c }'; }
rss_kib() { awk '/VmRSS/ {print $2}' /proc/$1/status; }
# The machine's load averages (1, 5, 15 min): other work on it skews every figure, so each one is recorded with them.
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }

# ranges NAME URL CONNECTIONS THREADS RANGE_BYTES FIXED PIDS...: one wrk run; CPU of PIDS and of the S3 JVM.
ranges() {
  local name=$1 url=$2 conns=$3 threads=$4 bytes=$5 fixed=$6; shift 6
  local b0 s0 b1 s1 k0 k1 line load0
  load0=$(loadavg)
  b0=$(cpu_ticks "$@"); s0=$(cpu_ticks "$BENCH_SERVICES_PID"); k0=$(sys_ticks "$@")
  OBJECT_SIZE=$SIZE RANGE_BYTES=$bytes RANGE_FIXED=$fixed wrk -t"$threads" -c"$conns" -d"${DURATION}s" --timeout 10s \
    -s bench/wrk/ranges.lua "$url" >"$OUT/wrk-$name.txt" 2>&1
  b1=$(cpu_ticks "$@"); s1=$(cpu_ticks "$BENCH_SERVICES_PID"); k1=$(sys_ticks "$@")
  line=$(sed -n 's/^JSON //p' "$OUT/wrk-$name.txt")
  result "{\"scenario\":\"$name\",\"connections\":$conns,\"range_bytes\":$bytes,\"cpu_s\":$(secs $((b1 - b0))),\"sys_cpu_s\":$(secs $((k1 - k0))),\"s3_jvm_cpu_s\":$(secs $((s1 - s0))),\"load\":\"$load0 -> $(loadavg)\",\"wrk\":$line}"
}

# The JVMs (Marquee, and S3Proxy behind every baseline) are measured warm, as they run in production: one unmeasured
# pass of each kind of load first, so JIT compilation and class loading are not billed as serving cost.
if scenario streaming || scenario connections || scenario memory; then
log "warm-up (not measured): ${WARMUP:-20}s of ranges and first bytes"
for u in "$STREAM" "$DIRECT_S3"; do
  OBJECT_SIZE=$SIZE RANGE_BYTES=1048576 RANGE_FIXED=0 wrk -t2 -c64 -d"${WARMUP:-20}s" --timeout 10s \
    -s bench/wrk/ranges.lua "$u" >"$OUT/warmup-$(basename "${u%%\?*}").txt" 2>&1
  OBJECT_SIZE=$SIZE RANGE_BYTES=1024 RANGE_FIXED=1 wrk -t2 -c8 -d"$(( ${WARMUP:-20} / 2 ))s" --timeout 10s \
    -s bench/wrk/ranges.lua "$u" >>"$OUT/warmup-$(basename "${u%%\?*}").txt" 2>&1
done
fi

if scenario streaming; then
# Marquee against nginx proxy_pass, the ratio that has a budget: STREAM_PAIRS (3) pairs of runs back to back at 64 and
# at 32 connections, so that a change in the machine's load hits both sides of a pair alike; the report gives each
# pair's ratio and the ratio of the sums.
for c in 64 32; do
  log "range streaming: random 1 MiB ranges, $c connections, ${DURATION}s each, Marquee and nginx proxy_pass x ${STREAM_PAIRS:-3}"
  for i in $(seq 1 "${STREAM_PAIRS:-3}"); do
    ranges "stream-marquee-c$c-$i" "$STREAM" $c 2 1048576 0 "$MARQUEE_PID"
    ranges "stream-nginx-proxy-c$c-$i" "$NGINX_PROXY" $c 2 1048576 0 $(nginx_pids)
  done
done
log "range streaming: the references (nginx sendfile from disk, direct S3 GET), 64 connections"
ranges stream-nginx-sendfile "$NGINX_FILE" 64 2 1048576 0 $(nginx_pids)
ranges stream-direct-s3 "$DIRECT_S3" 64 2 1048576 0 "$BENCH_SERVICES_PID"

log "time to first byte: bytes=0-1023 at 1 and 8 connections"
for c in 1 8; do
  t=$([ $c = 1 ] && echo 1 || echo 2)
  ranges ttfb-marquee-c$c "$STREAM" $c $t 1024 1 "$MARQUEE_PID"
  ranges ttfb-direct-s3-c$c "$DIRECT_S3" $c $t 1024 1 "$BENCH_SERVICES_PID"
done

# S3 over HTTPS: a second Marquee instance (same database, grant secret and bucket, so the same stream URL plays on it)
# that reaches S3 through the TLS front and trusts its certificate through the JVM's trust store, as an instance trusts
# AWS S3's. It runs only for these pairs; the first instance idles meanwhile.
log "range streaming over TLS to S3: a second Marquee instance through the TLS front"
MARQUEE_TLS_PORT=$(free_port)
# shellcheck disable=SC2086
( cd "$APP_DIR" && QUARKUS_HTTP_PORT=$MARQUEE_TLS_PORT QUARKUS_S3_ENDPOINT_OVERRIDE=https://127.0.0.1:$TLS_S3_PORT \
  MARQUEE_PACKAGING_BACKFILL_AT_START=false exec "$MARQUEE_JAVA" $MARQUEE_JVM -Djavax.net.ssl.trustStore="$TLS/trust.p12" \
  -Djavax.net.ssl.trustStorePassword=bench-trust -Djavax.net.ssl.trustStoreType=PKCS12 -jar quarkus-run.jar ) \
  >"$OUT/marquee-tls.log" 2>&1 &
MARQUEE_TLS_PID=$!
wait_ready "http://127.0.0.1:$MARQUEE_TLS_PORT" "$MARQUEE_TLS_PID" "$OUT/marquee-tls.log"
STREAM_TLS=http://127.0.0.1:$MARQUEE_TLS_PORT${STREAM#"$MARQUEE"}
cmp <(curl -s -H 'Range: bytes=1000000-1999999' "$STREAM_TLS") <(curl -s -H 'Range: bytes=1000000-1999999' "$NGINX_FILE") \
  || { echo "Marquee over TLS and nginx disagree on the bytes" >&2; exit 1; }
cmp <(curl -s -H 'Range: bytes=1000000-1999999' "$NGINX_TLS_PROXY") <(curl -s -H 'Range: bytes=1000000-1999999' "$NGINX_FILE") \
  || { echo "nginx over TLS and nginx disagree on the bytes" >&2; exit 1; }
OBJECT_SIZE=$SIZE RANGE_BYTES=1048576 RANGE_FIXED=0 wrk -t2 -c64 -d"${WARMUP:-20}s" --timeout 10s \
  -s bench/wrk/ranges.lua "$STREAM_TLS" >"$OUT/warmup-tls.txt" 2>&1
for i in $(seq 1 "${STREAM_PAIRS:-3}"); do
  ranges "stream-tls-marquee-c64-$i" "$STREAM_TLS" 64 2 1048576 0 "$MARQUEE_TLS_PID"
  ranges "stream-tls-nginx-proxy-c64-$i" "$NGINX_TLS_PROXY" 64 2 1048576 0 $(nginx_pids)
done
kill -TERM "$MARQUEE_TLS_PID"; wait "$MARQUEE_TLS_PID" 2>/dev/null || true; MARQUEE_TLS_PID=
fi

# Adaptive streaming (issue 12): packaged segments and manifests against their baselines.
if scenario packaging; then
  . bench/scenarios/packaging.sh
fi

if scenario api || scenario catalog; then
log "synthetic catalog: 10,000 titles"
PGURL="postgresql://postgres:postgres@127.0.0.1:$BENCH_PG_PORT/postgres"
psql "$PGURL" -q -v ON_ERROR_STOP=1 -f bench/synthetic-catalog.sql >"$OUT/synthetic-catalog.txt"
psql "$PGURL" -q -c 'VACUUM ANALYZE' >/dev/null
. bench/scenarios/api.sh
fi

# Last: its final drill (SIGTERM under load) stops Marquee. Group "memory" runs only its first scenario.
if scenario connections || scenario memory; then
  . bench/scenarios/connections.sh
fi

echo "uptime_end: $(uptime)" >>"$OUT/machine.txt"
# Only a run of every scenario replaces docs/BENCHMARKS.md.
REPORT=$([ "$SCENARIOS" = all ] && echo docs/BENCHMARKS.md || echo "$OUT/BENCHMARKS.md")
log "report"
python3 bench/report.py "$OUT" bench/out/cold-start/summary.md >"$REPORT"
log "done: $REPORT"
