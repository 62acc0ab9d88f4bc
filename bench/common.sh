# Shared by bench/run.sh and bench/cold-start.sh: the bench service launcher and helpers. Source it from the repo root.
JAVA25_HOME=${JAVA25_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
APP_DIR=${APP_DIR:-target/quarkus-app}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

ms_now() { date +%s%3N; }

# The test class path (LocalServices, S3Proxy, embedded PostgreSQL are test/provided dependencies), compiled again
# when a source file is newer than the last compilation.
bench_classpath() {
  if [ ! -s target/bench-classpath.txt ] || [ ! -f target/test-classes/io/marquee/bench/BenchServices.class ] \
    || [ -n "$(find src/main/java src/test/java -newer target/bench-classpath.txt -name '*.java' | head -1)" ]; then
    ./mvnw -B -q test-compile dependency:build-classpath -Dmdep.includeScope=test \
      -Dmdep.outputFile=target/bench-classpath.txt >&2
    touch target/bench-classpath.txt
  fi
  echo "target/classes:target/test-classes:$(cat target/bench-classpath.txt)"
}

# start_services OUT_DIR [MEDIA_BYTES]: starts BenchServices, waits for READY, sources OUT_DIR/services.env.
start_services() {
  local out=$1 media=${2:-0}
  mkdir -p "$out"
  local cp; cp=$(bench_classpath)
  java -Xmx1g -cp "$cp" io.marquee.bench.BenchServices "$out/services-data" "$out" "$media" >"$out/services.log" 2>&1 &
  SERVICES_PID=$!
  for _ in $(seq 1 1200); do
    grep -q '^READY' "$out/services.log" 2>/dev/null && break
    kill -0 "$SERVICES_PID" 2>/dev/null || { cat "$out/services.log" >&2; echo "services failed" >&2; return 1; }
    sleep 0.1
  done
  grep -q '^READY' "$out/services.log" || { echo "services not ready" >&2; return 1; }
  # shellcheck disable=SC1091
  . "$out/services.env"
}

stop_services() {
  if [ -n "${SERVICES_PID:-}" ] && kill -0 "$SERVICES_PID" 2>/dev/null; then
    kill -TERM "$SERVICES_PID"; wait "$SERVICES_PID" 2>/dev/null || true
  fi
}

# marquee_jvm_options: the JVM options Marquee runs with in its container image, so that what is measured here is what
# runs in production: the -XX: flags of JAVA_OPTS in src/main/docker/Dockerfile.jvm (heap sized from the memory limit,
# the garbage collector), plus -XX:MaxRAM=MARQUEE_MEMORY (default 1g, the memory limit of k8s/deployment.yaml) so
# that the JVM sizes itself as it would in that container. MARQUEE_JVM_OPTS replaces them all (experiments).
marquee_jvm_options() {
  if [ -n "${MARQUEE_JVM_OPTS:-}" ]; then echo "$MARQUEE_JVM_OPTS"; return; fi
  local opts
  opts=$(sed -n 's/^ *JAVA_OPTS="\([^"]*\)".*/\1/p' src/main/docker/Dockerfile.jvm | tr ' ' '\n' | grep '^-XX:' | tr '\n' ' ')
  [ -n "$opts" ] || { echo "no -XX: options in JAVA_OPTS of src/main/docker/Dockerfile.jvm" >&2; return 1; }
  echo "${opts}-XX:MaxRAM=${MARQUEE_MEMORY:-1g}"
}

# start_marquee LOG [JVM options...]: the packaged app in prod mode from its directory, on $QUARKUS_HTTP_PORT.
start_marquee() {
  local log=$1; shift
  ( cd "$APP_DIR" && exec "${MARQUEE_JAVA:-java}" "$@" -jar quarkus-run.jar ) >"$log" 2>&1 &
  MARQUEE_PID=$!
}

stop_marquee() {
  if [ -n "${MARQUEE_PID:-}" ] && kill -0 "$MARQUEE_PID" 2>/dev/null; then
    kill -TERM "$MARQUEE_PID"; wait "$MARQUEE_PID" 2>/dev/null || true
  fi
  MARQUEE_PID=
}

# login_token: prints an access token for the admin, or nothing.
login_token() {
  curl -s -m 10 -H 'Content-Type: application/json' \
    -d "{\"email\":\"$MARQUEE_ADMIN_EMAIL\",\"password\":\"$MARQUEE_ADMIN_PASSWORD\"}" \
    "http://127.0.0.1:$QUARKUS_HTTP_PORT/api/v1/auth/login" 2>/dev/null \
    | python3 -c 'import json,sys
try: print(json.load(sys.stdin)["accessToken"])
except Exception: pass' || true
}

median() { sort -n | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }

machine_info() {
  echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "- machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), $(free -g | awk '/Mem:/ {print $2}') GiB RAM, $(uname -sr)"
  echo "- load (uptime): $(uptime | sed 's/.*load average/load average/')"
  echo "- JDKs: default \`$(java -version 2>&1 | head -1)\`; Java 25 \`$("$JAVA25_HOME/bin/java" -version 2>&1 | head -1)\`"
}
