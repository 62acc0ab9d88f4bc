#!/usr/bin/env bash
# Cold start of the packaged app (issue 7, item 5): milliseconds from process start to the first authenticated catalog
# 200 (admin login, then GET /api/v1/titles with its token), on Java 25, plain JVM vs the JDK AOT cache (app.aot),
# median of N runs each, interleaved, against one embedded PostgreSQL + S3Proxy started here.
#
#   bench/cold-start.sh [--build] [--runs N]
#
# --build  first builds target/quarkus-app with Java 25 and trains the AOT cache in the integration-test run
#          (Quarkus AOT guide: quarkus.package.jar.aot.enabled=true, type AOT, training phase = integration tests).
#          Every launch of the app by a @QuarkusIntegrationTest records (-XX:AOTMode=record) and, when the launch
#          closes, Quarkus's test launcher creates app.aot from that recording, so the last launch wins: the build
#          runs only ColdStartPathIT, which drives the path measured here (login, catalog) plus a range request.
#          Without --build nothing is built and target/quarkus-app/app.aot must exist.
# Each run is split at the moment the HTTP port accepts connections: boot (process start to listening) and first
# requests (admin login, then the catalog page). At the first catalog 200 the CPU time each of the JVM's threads has used
# so far is read from /proc: the main thread (which runs the boot), the C1 and C2 JIT compiler threads, all threads.
# MARQUEE_JVM_OPTS replaces the image's JVM options in both kinds of run (bench/common.sh), for experiments.
# Output: bench/out/cold-start/ (raw times, logs) and a Markdown summary on stdout.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/common.sh

RUNS=5
BUILD=0
while [ $# -gt 0 ]; do
  case $1 in
    --build) BUILD=1 ;;
    --runs) RUNS=$2; shift ;;
    *) echo "usage: $0 [--build] [--runs N]" >&2; exit 2 ;;
  esac
  shift
done

# The training launch runs with the JVM options the cache is then used with (those of the container image, below):
# trained with the integration tests' own -Xmx64m and default collector instead, the cache gave 2,300 ms to the first
# catalog page against 2,061 ms (medians of 5, one build each, 7 Dec; issue 13).
BUILD_CMD=(./mvnw -B verify -Dquarkus.package.jar.aot.enabled=true -Dquarkus.package.jar.aot.type=AOT
  -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=ColdStartPathIT
  "-Dquarkus.test.arg-line=$(marquee_jvm_options)")
if [ $BUILD = 1 ]; then
  JAVA_HOME=$JAVA25_HOME "${BUILD_CMD[@]}"
fi
[ -f $APP_DIR/quarkus-run.jar ] || { echo "no $APP_DIR/quarkus-run.jar: run with --build" >&2; exit 1; }
[ -f $APP_DIR/app.aot ] || { echo "no $APP_DIR/app.aot: run with --build" >&2; exit 1; }

OUT=bench/out/cold-start
rm -rf "$OUT"; mkdir -p "$OUT"
trap 'stop_marquee; stop_services' EXIT
start_services "$OUT"
export QUARKUS_HTTP_PORT; QUARKUS_HTTP_PORT=$(free_port)
export MARQUEE_JAVA=$JAVA25_HOME/bin/java
# The JVM options of the container image, as bench/run.sh uses them (marquee_jvm_options in bench/common.sh).
read -ra JVM_OPTS <<<"$(marquee_jvm_options)"

# thread_cpu PID: CPU milliseconds used so far by the JVM's main thread, its C1 and C2 compiler threads, and all its
# threads (user + system, from /proc/PID/task/*/stat; the launcher's primordial thread, also named "java", only waits).
thread_cpu() {
  python3 - "$1" <<'PY'
import os, sys
pid, tick = sys.argv[1], os.sysconf("SC_CLK_TCK")
cpu = {"main": 0, "c1": 0, "c2": 0, "all": 0}
for tid in os.listdir(f"/proc/{pid}/task"):
    try:
        stat = open(f"/proc/{pid}/task/{tid}/stat").read()
    except OSError:
        continue
    name, fields = stat[stat.index("(") + 1:stat.rindex(")")], stat[stat.rindex(")") + 2:].split()
    ms = (int(fields[11]) + int(fields[12])) * 1000 // tick
    cpu["all"] += ms
    key = {"java": "main", "C1 CompilerThre": "c1", "C2 CompilerThre": "c2"}.get(name)
    if key:
        cpu[key] += ms
print(cpu["main"], cpu["c1"], cpu["c2"], cpu["all"])
PY
}

# one_run NAME [JVM options]: prints the milliseconds to the first authenticated catalog 200, then those to the
# listening port (a bare TCP connect, no HTTP request, so the first request is still the login), then the CPU
# milliseconds of the main thread, C1, C2 and all threads at that catalog 200 (thread_cpu).
one_run() {
  local name=$1; shift
  local start; start=$(ms_now)
  start_marquee "$OUT/$name.log" "${JVM_OPTS[@]}" "$@"
  until (exec 3<>"/dev/tcp/127.0.0.1/$QUARKUS_HTTP_PORT") 2>/dev/null; do
    kill -0 "$MARQUEE_PID" 2>/dev/null || { tail -20 "$OUT/$name.log" >&2; return 1; }
    sleep 0.02
  done
  local listening; listening=$(ms_now)
  local token=""
  while [ -z "$token" ]; do
    kill -0 "$MARQUEE_PID" 2>/dev/null || { tail -20 "$OUT/$name.log" >&2; return 1; }
    token=$(login_token)
    [ -n "$token" ] || sleep 0.02
  done
  until [ "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" \
        "http://127.0.0.1:$QUARKUS_HTTP_PORT/api/v1/titles")" = 200 ]; do sleep 0.02; done
  local end; end=$(ms_now)
  local cpu; cpu=$(thread_cpu "$MARQUEE_PID")
  stop_marquee
  echo "$((end - start)) $((listening - start)) $cpu"
}

# Not counted: migrates the empty database and creates the admin.
one_run warmup >/dev/null
: >"$OUT/plain.runs"; : >"$OUT/aot.runs"
for i in $(seq 1 "$RUNS"); do
  one_run "plain-$i" >>"$OUT/plain.runs"
  one_run "aot-$i" -XX:AOTMode=on -XX:AOTCache=app.aot >>"$OUT/aot.runs"
done
for jvm in plain aot; do
  cut -d' ' -f1 "$OUT/$jvm.runs" >"$OUT/$jvm.txt"
  cut -d' ' -f2 "$OUT/$jvm.runs" >"$OUT/$jvm-boot.txt"
  awk '{print $1 - $2}' "$OUT/$jvm.runs" >"$OUT/$jvm-requests.txt"
  for column in 3:main 4:c1 5:c2 6:all; do
    cut -d' ' -f"${column%%:*}" "$OUT/$jvm.runs" >"$OUT/$jvm-cpu-${column#*:}.txt"
  done
done
cpu_row() { # cpu_row JVM LABEL: the medians of the per-thread CPU columns
  echo "| $2 | $(for t in main c1 c2 all; do median <"$OUT/$1-cpu-$t.txt"; done | paste -sd'|' | sed 's/|/ | /g') |"
}
PLAIN=$(median <"$OUT/plain.txt"); AOT=$(median <"$OUT/aot.txt")
PLAIN_BOOT=$(median <"$OUT/plain-boot.txt"); AOT_BOOT=$(median <"$OUT/aot-boot.txt")
PLAIN_REQ=$(median <"$OUT/plain-requests.txt"); AOT_REQ=$(median <"$OUT/aot-requests.txt")
ratio() { python3 -c "print(f'{$1/$2:.2f}')"; }
{
  echo "### Cold start: process start to first authenticated catalog 200"
  echo
  echo "| JVM | runs (ms) | median (ms) | boot: to listening, median (ms) | login + catalog, median (ms) |"
  echo "|---|---|---|---|---|"
  echo "| Java 25, plain | $(paste -sd' ' "$OUT/plain.txt") | $PLAIN | $PLAIN_BOOT | $PLAIN_REQ |"
  echo "| Java 25, AOT cache (\`-XX:AOTCache=app.aot\`) | $(paste -sd' ' "$OUT/aot.txt") | $AOT | $AOT_BOOT | $AOT_REQ |"
  echo
  echo "AOT / plain: $(ratio "$AOT" "$PLAIN") (boot $(ratio "$AOT_BOOT" "$PLAIN_BOOT"), login + catalog $(ratio "$AOT_REQ" "$PLAIN_REQ"))"
  echo
  echo "CPU used by the JVM's threads up to the first catalog 200, medians (ms):"
  echo
  echo "| JVM | main thread | C1 compiler | C2 compiler | all threads |"
  echo "|---|---|---|---|---|"
  cpu_row plain "Java 25, plain"
  cpu_row aot "Java 25, AOT cache"
  echo
  machine_info
  echo "- app.aot: $(du -h $APP_DIR/app.aot | cut -f1), trained by: \`JAVA_HOME=$JAVA25_HOME ${BUILD_CMD[*]}\`"
  echo "- command: \`bench/cold-start.sh --runs $RUNS\`"
} | tee "$OUT/summary.md"
