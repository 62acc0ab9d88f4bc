# Adaptive streaming against its baselines (issue 12, "Performance"), sourced by bench/run.sh after its setup
# (SCENARIOS=packaging runs only this group). A 3-minute film in three aligned renditions (the tests' TestFilm, made by
# ffmpeg once under target/test-films/) and a 1-minute 8 Mb/s title are uploaded through the admin API, a viewer of
# the group's own starts a playback of each, and:
#
#   pkg-segments-*      random segments (every video segment of every rendition, each audio segment once per
#                       rendition) at 64 connections, per CPU-second of the serving process, against Marquee's own
#                       progressive path for each segment's source byte range (/stream, Range) and against the same
#                       film pre-packaged by ffmpeg (HLS fMP4, 6 s, per rendition; audio its own rendition) in the
#                       same S3 bucket behind nginx proxy_pass
#   pkg-ttfb-*          time to the first byte of a whole segment (curl, one keep-alive connection per client) at 1
#                       and 8 connections, against a direct ranged S3 GET of the segment's source bytes (and, as
#                       context, /stream for the same range)
#   pkg-manifest-*      master.m3u8 and a media playlist at 64 connections against io.marquee.bench.RawManifestServer
#                       (plain Vert.x answering the same bytes and header fields)
#   pkg-memory-*        SEGMENT_READERS (1000) slow readers of segments (SEGMENT_READ_RATE (8192) bytes/s, 4 KiB
#                       receive buffer, STREAM_STARTS (100) new a second, held SEGMENT_HOLD (20) s) of a second title,
#                       a 720p rendition at 8 Mb/s whose 6 MB segments outlast the socket buffers, on Marquee; the
#                       same readers of that title's /stream (the byte path) and on nginx over ffmpeg's packaging
#
# Every response is checked (status and body length: bench/wrk/segments.lua, bench/packaging.py). Uses from run.sh:
# OUT DURATION MARQUEE MARQUEE_PID S3_OPEN NGINX_PROXY_PORT nginx_pids cpu_ticks secs rss_kib result log json cleanup;
# from bench/common.sh: JAVA25_HOME bench_classpath free_port login_token ms_now. Raw output: bench/out/run/packaging/.
# Unmeasured load before each kind of run (PKG_WARMUP seconds of it; half that before the first-byte runs). 60 s, not
# the 20 s of the other groups: after 20 s the JIT had not finished with the packaged path on these 2 cores (shared with
# wrk and S3Proxy), and the packaged runs measured 1,255-1,472 segments per CPU-second in a packaging-only run and 2,149
# after the other groups had run, against 3,043-3,236 after 60 s (/stream and nginx: 2,771-3,483 in all those runs).
PKG_WARMUP=${PKG_WARMUP:-60}
SEGMENT_READERS=${SEGMENT_READERS:-${SLOW_READERS:-1000}}
SEGMENT_READ_RATE=${SEGMENT_READ_RATE:-8192}
SEGMENT_HOLD=${SEGMENT_HOLD:-${SLOW_HOLD:-20}}
PKG_STARTS=${STREAM_STARTS:-100}
PKG=$OUT/packaging
PKG_PASSWORD="correct horse battery"
PKG_RAW_PID=; PKG_BEAT_PID=
rm -rf "$PKG"; mkdir -p "$PKG"
pkg_stop_raw() {
  if [ -n "$PKG_RAW_PID" ]; then kill "$PKG_RAW_PID" 2>/dev/null; wait "$PKG_RAW_PID" 2>/dev/null || true; fi
  PKG_RAW_PID=
}
packaging_cleanup() {
  pkg_stop_raw
  if [ -n "$PKG_BEAT_PID" ]; then kill "$PKG_BEAT_PID" 2>/dev/null || true; fi
  PKG_BEAT_PID=
}
trap 'packaging_cleanup; cleanup' EXIT
pkg_fail() { echo "packaging: $*" >&2; exit 1; }

# pkg_viewer: a profile-scoped token of the group's own viewer (tokens live 15 minutes: asked again when refused).
pkg_viewer() {
  local account profile
  account=$(curl -sf -H 'Content-Type: application/json' -d "{\"email\":\"$PKG_EMAIL\",\"password\":\"$PKG_PASSWORD\"}" \
    "$MARQUEE/api/v1/auth/login" | json 'd["accessToken"]')
  profile=$(curl -sf -H "Authorization: Bearer $account" "$MARQUEE/api/v1/profiles" | json 'd["items"][0]["id"]')
  curl -sf -X POST -H "Authorization: Bearer $account" -H 'Content-Type: application/json' -d '{}' \
    "$MARQUEE/api/v1/profiles/$profile/select" | json 'd["accessToken"]'
}
# pkg_metric NAME [LABEL_FILTER]: the sum of a Prometheus metric's samples on Marquee (whose labels contain the filter).
pkg_metric() {
  { curl -s -m 10 "$MARQUEE/q/metrics" || true; } | awk -v n="$1" -v l="${2:-}" '
    (index($0, n " ") == 1 || index($0, n "{") == 1) && index($0, l) { s += $NF; f = 1 }
    END { if (f) printf "%d", s; else print "null" }'
}
# pkg_java_kib: Marquee's heap used right after a full GC plus its direct buffers, in KiB (what it keeps).
pkg_java_kib() {
  "$JAVA25_HOME/bin/jcmd" "$MARQUEE_PID" GC.run >/dev/null 2>&1 || true
  local heap direct
  heap=$(pkg_metric jvm_memory_used_bytes 'area="heap"'); direct=$(pkg_metric jvm_buffer_memory_used_bytes 'id="direct"')
  echo $(( (${heap/null/0} + ${direct/null/0}) / 1024 ))
}
pkg_rss() { local t=0 p; for p in "$@"; do t=$((t + $(rss_kib "$p"))); done; echo $t; }

# pkg_title NAME SECONDS: a new movie's id.
pkg_title() {
  curl -sf -H "Authorization: Bearer $PKG_ADMIN" -H 'Content-Type: application/json' -d "{\"type\":\"movie\",\"name\":\"$1\",\"synopsis\":\"A packaging benchmark film.\",\"year\":2024,\"maturityRating\":0,\"genres\":[],\"cast\":[\"Ada Lovelace\"],\"runtimeSeconds\":$2}" \
    "$MARQUEE/api/v1/admin/titles" | json 'd["id"]'
}
# pkg_upload TITLE LABEL FILE: uploads a rendition through the admin API, appends "LABEL<TAB>ASSET<TAB>FILE" to stdout.
pkg_upload() {
  curl -sS --fail-with-body -o "$PKG/upload-$2.json" -T "$3" -H "Authorization: Bearer $PKG_ADMIN" \
    -H 'Content-Type: video/mp4' "$MARQUEE/api/v1/admin/titles/$1/media?label=$2" \
    || pkg_fail "upload of $2: $(cat "$PKG/upload-$2.json")"
  printf '%s\t%s\t%s\n' "$2" "$(json 'd["assetId"]' <"$PKG/upload-$2.json")" "$3"
}
# pkg_play TITLE FILE: starts a playback of the group's viewer, its answer in FILE; prints the lease.
pkg_play() {
  curl -sf -H "Authorization: Bearer $PKG_VIEWER" -H 'Content-Type: application/json' \
    -d "{\"titleId\":\"$1\",\"deviceName\":\"bench-packaging\"}" "$MARQUEE/api/v1/playback" >"$2" \
    || pkg_fail "playback start"
  json 'd["leaseId"]' <"$2"
}

log "packaging: the film (3 renditions; made by ffmpeg when missing), uploaded through the admin API"
java -cp "$(bench_classpath)" io.marquee.bench.BenchFilm >"$PKG/film.tsv" || pkg_fail "no film"
# The memory scenario's film: one 720p rendition at 8 Mb/s (noise keeps x264 at its rate), 6 MB segments. The test
# film's segments (600 KB at most) fit whole in the kernel's socket send buffer (tcp_wmem allows 4 MiB): Marquee
# writes them out at once and holds nothing for a slow reader, so they cannot show what a held segment stream costs.
PKG_HD_FILE=target/bench-films/hd-720p-8mbps-60s.mp4
if [ ! -f "$PKG_HD_FILE" ]; then
  mkdir -p "$(dirname "$PKG_HD_FILE")"
  ffmpeg -hide_banner -loglevel error -nostdin -y -f lavfi -i testsrc2=size=1280x720:rate=25:duration=60 -f lavfi \
    -i sine=frequency=440:sample_rate=48000:duration=60 -vf noise=alls=30:allf=t -c:v libx264 -preset ultrafast \
    -b:v 8M -minrate 8M -maxrate 8M -bufsize 8M -x264-params nal-hrd=cbr -g 50 -keyint_min 50 -sc_threshold 0 \
    -c:a aac -b:a 96k -ac 2 -movflags +faststart "$PKG_HD_FILE.tmp.mp4" && mv "$PKG_HD_FILE.tmp.mp4" "$PKG_HD_FILE" \
    || pkg_fail "could not make $PKG_HD_FILE"
fi
PKG_ADMIN=$(login_token)
PKG_TITLE=$(pkg_title "Bench film in three renditions" 180)
while IFS=$'\t' read -r label _ _ file; do pkg_upload "$PKG_TITLE" "$label" "$file"; done <"$PKG/film.tsv" >"$PKG/assets.tsv"
PKG_HD_TITLE=$(pkg_title "Bench film at 8 Mb/s" 60)
pkg_upload "$PKG_HD_TITLE" 720p "$PKG_HD_FILE" >"$PKG/assets-hd.tsv"

PKG_EMAIL="bench-pkg-$(date +%s)$RANDOM@example.com"
curl -sf -H 'Content-Type: application/json' -d "{\"email\":\"$PKG_EMAIL\",\"password\":\"$PKG_PASSWORD\",\"name\":\"Bench\"}" \
  "$MARQUEE/api/v1/auth/signup" >/dev/null || pkg_fail "signup"
PKG_VIEWER=$(pkg_viewer)
PKG_LEASES=$(pkg_play "$PKG_TITLE" "$PKG/playback.json")
PKG_LEASES="$PKG_LEASES $(pkg_play "$PKG_HD_TITLE" "$PKG/playback-hd.json")"
(
  token=$PKG_VIEWER
  beat() { curl -s -o /dev/null -w '%{http_code}' -X PUT -H "Authorization: Bearer $token" \
    -H 'Content-Type: application/json' -d '{"positionSeconds":0}' "$MARQUEE/api/v1/playback/$1/heartbeat"; }
  while sleep 20; do
    for lease in $PKG_LEASES; do
      if [ "$(beat "$lease")" = 401 ]; then token=$(pkg_viewer); beat "$lease" >/dev/null; fi
    done
  done
) &
PKG_BEAT_PID=$!
HLS=$(json 'd["hlsUrl"]' <"$PKG/playback.json")
case $HLS in http*) HLS=/${HLS#http*://*/} ;; esac
GRANT_PATH=${HLS%master.m3u8}
curl -sf -o "$PKG/master.m3u8" "$MARQUEE$HLS" || pkg_fail "master.m3u8"
java -cp "$(bench_classpath)" io.marquee.bench.SegmentTable $(cut -f2 "$PKG/assets.tsv") >"$PKG/segments.tsv" \
  || pkg_fail "no segment table"
while IFS=$'\t' read -r label asset _; do
  listed=$(curl -sf "$MARQUEE$GRANT_PATH$asset/video.m3u8" | grep -c '^[^#].*\.m4s$' || true)
  indexed=$(awk -F'\t' -v a="$asset" '$1 == a && $2 == "video"' "$PKG/segments.tsv" | wc -l)
  [ "$listed" = "$indexed" ] && [ "$indexed" -gt 0 ] || pkg_fail "$label: video.m3u8 lists $listed segments, the index $indexed"
done <"$PKG/assets.tsv"

log "packaging: the same film pre-packaged by ffmpeg (HLS fMP4, 6 s) into the same bucket"
AUDIO_ASSET=$(grep -o 'URI="[0-9a-f-]*/audio\.m3u8"' "$PKG/master.m3u8" | head -1 | cut -d'"' -f2 | cut -d/ -f1)
AUDIO_FILE=$(awk -F'\t' -v a="$AUDIO_ASSET" '$2 == a {print $3}' "$PKG/assets.tsv")
[ -n "$AUDIO_FILE" ] || pkg_fail "master.m3u8 lists no audio of the uploaded renditions"
pkg_hls() { # pkg_hls SOURCE STREAM DIR: one rendition as ffmpeg packages it, without transcoding
  mkdir -p "$3"
  ffmpeg -hide_banner -loglevel error -nostdin -y -i "$1" -map "$2" -c copy -f hls -hls_segment_type fmp4 -hls_time 6 \
    -hls_playlist_type vod -hls_fmp4_init_filename init.mp4 -hls_segment_filename "$3/%d.m4s" "$3/index.m3u8"
}
while IFS=$'\t' read -r label _ file; do pkg_hls "$file" 0:v:0 "$PKG/prepackaged/$label"; done <"$PKG/assets.tsv"
pkg_hls "$AUDIO_FILE" 0:a:0 "$PKG/prepackaged/audio"
pkg_hls "$PKG_HD_FILE" 0:v:0 "$PKG/prepackaged/hd-720p"
(cd "$PKG/prepackaged" && find . -type f | sed 's|^\./||') | while read -r f; do
  case $f in *.m3u8) type=application/vnd.apple.mpegurl ;; *) type=video/mp4 ;; esac
  curl -sf -o /dev/null -T "$PKG/prepackaged/$f" -H "Content-Type: $type" "$S3_OPEN/$BENCH_BUCKET/prepackaged/$f" \
    || pkg_fail "S3 PUT prepackaged/$f"
done
python3 bench/packaging.py lists "$PKG" "$BENCH_BUCKET" >"$PKG/lists.json" || pkg_fail "lists"
result "{\"scenario\":\"pkg-lists\",\"lists\":$(cat "$PKG/lists.json")}"
NGINX_PKG=http://127.0.0.1:$NGINX_PROXY_PORT
log "packaging: every item answered once and checked ($(cat "$PKG/lists.json"))"
python3 bench/packaging.py check "$PKG/packaged.list" "$MARQUEE" "$PKG/packaged.expected" >&2 || pkg_fail "packaged segments"
python3 bench/packaging.py check "$PKG/stream.list" "$MARQUEE" /dev/null >&2 || pkg_fail "/stream ranges"
python3 bench/packaging.py check "$PKG/prepackaged.list" "$NGINX_PKG" "$PKG/prepackaged.expected" >&2 \
  || pkg_fail "pre-packaged segments through nginx"
python3 bench/packaging.py check "$PKG/direct-s3.list" "$S3_OPEN" /dev/null >&2 || pkg_fail "direct S3 ranges"

# pkg_wrk NAME BASE LIST EXPECTED SECONDS PIDS...: one wrk run at 64 connections over LIST, with the CPU time of PIDS
# and of the S3 JVM; a NAME ending in -warmup records nothing.
pkg_wrk() {
  local name=$1 base=$2 list=$3 expected=$4 seconds=$5 c0 s0 c1 s1; shift 5
  c0=$(cpu_ticks "$@"); s0=$(cpu_ticks "$BENCH_SERVICES_PID")
  SEGMENT_LIST=$list EXPECTED=$expected wrk -t2 -c64 -d"${seconds}s" --timeout 10s -s bench/wrk/segments.lua "$base" \
    >"$PKG/wrk-$name.txt" 2>&1
  c1=$(cpu_ticks "$@"); s1=$(cpu_ticks "$BENCH_SERVICES_PID")
  case $name in *-warmup) return 0 ;; esac
  result "{\"scenario\":\"$name\",\"connections\":64,\"items\":$(grep -c . "$list"),\"cpu_s\":$(secs $((c1 - c0))),\"s3_jvm_cpu_s\":$(secs $((s1 - s0))),\"wrk\":$(sed -n 's/^JSON //p' "$PKG/wrk-$name.txt")}"
}

log "packaging: random segments at 64 connections: Marquee packaged, Marquee /stream ranges, nginx pre-packaged"
PKG_RUNS=("pkg-segments-marquee $MARQUEE $PKG/packaged.list $PKG/packaged.expected $MARQUEE_PID"
  "pkg-segments-stream $MARQUEE $PKG/stream.list - $MARQUEE_PID"
  "pkg-segments-nginx $NGINX_PKG $PKG/prepackaged.list $PKG/prepackaged.expected $(nginx_pids)")
for run in "${PKG_RUNS[@]}"; do
  read -r name base list expected pids <<<"$run"
  pkg_wrk "$name-warmup" "$base" "$list" "${expected/#-/}" "$PKG_WARMUP" $pids
  pkg_wrk "$name" "$base" "$list" "${expected/#-/}" "$DURATION" $pids
done

# pkg_ttfb NAME BASE LIST CONNECTIONS SECONDS: CONNECTIONS curl clients (one keep-alive connection each) asking for
# random items of LIST (client i seeded by i) for SECONDS; time_starttransfer of each, checked by status and size.
pkg_ttfb() {
  local name=$1 base=$2 list=$3 conns=$4 seconds=$5 c pids=()
  for c in $(seq 1 "$conns"); do
    python3 bench/packaging.py curl-config "$list" "$base" "$c" $((seconds * 1000)) >"$PKG/$name-$c.cfg"
  done
  for c in $(seq 1 "$conns"); do
    timeout "$seconds" curl -s -K "$PKG/$name-$c.cfg" 2>"$PKG/$name-$c.out" & pids+=($!)
  done
  wait "${pids[@]}" 2>/dev/null || true
  case $name in *-warmup) return 0 ;; esac
  result "{\"scenario\":\"$name\",\"connections\":$conns,\"ttfb\":$(python3 bench/packaging.py ttfb "$PKG/$name"-*.out)}"
}
log "packaging: time to first byte of a segment at 1 and 8 connections, against a direct ranged S3 GET"
pkg_ttfb pkg-ttfb-marquee-warmup "$MARQUEE" "$PKG/packaged.list" 8 $((PKG_WARMUP / 2))
pkg_ttfb pkg-ttfb-direct-s3-warmup "$S3_OPEN" "$PKG/direct-s3.list" 8 $((PKG_WARMUP / 2))
pkg_ttfb pkg-ttfb-stream-warmup "$MARQUEE" "$PKG/stream.list" 8 $((PKG_WARMUP / 2))
for c in 1 8; do
  pkg_ttfb "pkg-ttfb-marquee-c$c" "$MARQUEE" "$PKG/packaged.list" $c "$DURATION"
  pkg_ttfb "pkg-ttfb-direct-s3-c$c" "$S3_OPEN" "$PKG/direct-s3.list" $c "$DURATION"
  pkg_ttfb "pkg-ttfb-stream-c$c" "$MARQUEE" "$PKG/stream.list" $c "$DURATION"
done

log "packaging: manifests at 64 connections, Marquee and a raw Vert.x handler answering the same bytes"
mkdir -p "$PKG/manifests"
TOP_ASSET=$(head -1 "$PKG/assets.tsv" | cut -f2)
for item in "master $HLS" "media $GRANT_PATH$TOP_ASSET/video.m3u8"; do
  read -r kind path <<<"$item"
  curl -sf -D "$PKG/manifests/${path##*/}.head" -o "$PKG/manifests/${path##*/}" "$MARQUEE$path" || pkg_fail "$path"
  printf '%s\t-\t%s\n' "$path" "$(stat -c %s "$PKG/manifests/${path##*/}")" >"$PKG/manifest-$kind.list"
done
RAWM_PORT=$(free_port)
"$JAVA25_HOME/bin/java" -Xmx512m -cp "$(bench_classpath)" io.marquee.bench.RawManifestServer "$RAWM_PORT" \
  "$PKG/manifests" >"$PKG/raw-manifest-server.log" 2>&1 &
PKG_RAW_PID=$!
for _ in $(seq 1 300); do
  grep -q '^READY' "$PKG/raw-manifest-server.log" 2>/dev/null && break
  kill -0 "$PKG_RAW_PID" 2>/dev/null || { cat "$PKG/raw-manifest-server.log" >&2; pkg_fail "raw manifest server"; }
  sleep 0.1
done
RAWM=http://127.0.0.1:$RAWM_PORT
for kind in master media; do
  python3 bench/packaging.py check "$PKG/manifest-$kind.list" "$MARQUEE" "$PKG/manifest-$kind.expected" >&2 \
    || pkg_fail "Marquee's $kind playlist"
  python3 bench/packaging.py check "$PKG/manifest-$kind.list" "$RAWM" "$PKG/manifest-$kind.raw.expected" >&2 \
    || pkg_fail "the raw server's $kind playlist"
  cmp -s "$PKG/manifest-$kind.expected" "$PKG/manifest-$kind.raw.expected" || pkg_fail "$kind: the raw server's ETag differs"
  for server in "marquee $MARQUEE $MARQUEE_PID" "raw $RAWM $PKG_RAW_PID"; do
    read -r who base pid <<<"$server"
    pkg_wrk "pkg-manifest-$kind-$who-warmup" "$base" "$PKG/manifest-$kind.list" "$PKG/manifest-$kind.expected" \
      "$PKG_WARMUP" "$pid"
    pkg_wrk "pkg-manifest-$kind-$who" "$base" "$PKG/manifest-$kind.list" "$PKG/manifest-$kind.expected" "$DURATION" "$pid"
  done
done
pkg_stop_raw

# pkg_memory NAME URLS JAVA PIDS...: RSS growth of PIDS with SEGMENT_READERS slow readers of the URLs, sampled 5 s
# after every reader has its first bytes; when JAVA is 1 (Marquee), its heap is compacted by a full GC first, and its
# heap after a full GC plus direct buffers is recorded before and at the sample (taken after the RSS).
pkg_memory() {
  local name=$1 urls=$2 java=$3 idle loaded active=null late=null java_idle=null java_loaded=null ready_at readers
  shift 3
  sleep 5
  if [ "$java" = 1 ]; then java_idle=$(pkg_java_kib); sleep 2; fi
  idle=$(pkg_rss "$@")
  python3 bench/slow_readers.py "@$urls" "$SEGMENT_READERS" "$SEGMENT_READ_RATE" "$SEGMENT_HOLD" \
    "$PKG/$name-ready.txt" "$PKG_STARTS" >"$PKG/$name.txt" 2>&1 &
  readers=$!
  for _ in $(seq 1 900); do [ -s "$PKG/$name-ready.txt" ] && break; sleep 0.2; done
  ready_at=$(ms_now)
  sleep 5
  loaded=$(pkg_rss "$@")
  if [ "$java" = 1 ]; then
    active=$(pkg_metric marquee_stream_active)
    java_loaded=$(pkg_java_kib)
    while [ $(( $(ms_now) - ready_at )) -lt $(( (SEGMENT_HOLD - 3) * 1000 )) ]; do sleep 0.5; done
    late=$(pkg_metric marquee_stream_active)
  fi
  wait "$readers" || true
  result "{\"scenario\":\"$name\",\"readers\":$SEGMENT_READERS,\"urls\":$(grep -c . "$urls"),\"rate\":$SEGMENT_READ_RATE,\"hold_s\":$SEGMENT_HOLD,\"idle_rss_kib\":$idle,\"loaded_rss_kib\":$loaded,\"java_idle_kib\":$java_idle,\"java_loaded_kib\":$java_loaded,\"stream_active\":$active,\"stream_active_late\":$late,\"readers_state\":\"$(head -1 "$PKG/$name-ready.txt" 2>/dev/null)\",\"readers_after\":\"$(sed -n 's/^after: //p' "$PKG/$name.txt")\"}"
}
# The 8 Mb/s film's video segments, packaged by Marquee and by ffmpeg, each checked once.
HD_HLS=$(json 'd["hlsUrl"]' <"$PKG/playback-hd.json")
case $HD_HLS in http*) HD_HLS=/${HD_HLS#http*://*/} ;; esac
java -cp "$(bench_classpath)" io.marquee.bench.SegmentTable "$(cut -f2 "$PKG/assets-hd.tsv")" >"$PKG/segments-hd.tsv" \
  || pkg_fail "no segment table of the 8 Mb/s film"
awk -F'\t' -v p="${HD_HLS%master.m3u8}" '$2 == "video" {printf "%s%s/video/%s.m4s\t-\t%s\n", p, $1, $3, $4}' \
  "$PKG/segments-hd.tsv" >"$PKG/hd-packaged.list"
grep -v '^#' "$PKG/prepackaged/hd-720p/index.m3u8" | while read -r f; do
  printf '/%s/prepackaged/hd-720p/%s\t-\t%s\n' "$BENCH_BUCKET" "$f" "$(stat -c %s "$PKG/prepackaged/hd-720p/$f")"
done >"$PKG/hd-prepackaged.list"
python3 bench/packaging.py check "$PKG/hd-packaged.list" "$MARQUEE" /dev/null >&2 || pkg_fail "8 Mb/s segments"
python3 bench/packaging.py check "$PKG/hd-prepackaged.list" "$NGINX_PKG" /dev/null >&2 \
  || pkg_fail "8 Mb/s pre-packaged segments through nginx"
# Segments long enough to keep a reader busy through the ramp, the sample and the hold, with 10 s to spare.
PKG_MIN_BYTES=$(( SEGMENT_READ_RATE * (SEGMENT_READERS / PKG_STARTS + 5 + SEGMENT_HOLD + 10) ))
python3 bench/packaging.py slow-urls "$PKG/hd-packaged.list" "$MARQUEE" "$PKG_MIN_BYTES" /video/ >"$PKG/slow-packaged.urls"
python3 bench/packaging.py slow-urls "$PKG/hd-prepackaged.list" "$NGINX_PKG" "$PKG_MIN_BYTES" /hd-720p/ \
  >"$PKG/slow-prepackaged.urls"
# The byte path's own slow readers, for the same title: its whole object on /stream, as memory-per-stream reads.
HD_STREAM=$(json 'd["streams"][0]["url"]' <"$PKG/playback-hd.json")
case $HD_STREAM in http*) HD_STREAM=/${HD_STREAM#http*://*/} ;; esac
echo "$MARQUEE$HD_STREAM" >"$PKG/slow-stream.urls"
[ -s "$PKG/slow-packaged.urls" ] && [ -s "$PKG/slow-prepackaged.urls" ] \
  || pkg_fail "no segment of $PKG_MIN_BYTES bytes or more for the slow readers (lower SEGMENT_READ_RATE)"
log "packaging: memory per segment stream, $SEGMENT_READERS slow readers ($SEGMENT_READ_RATE B/s) of 8 Mb/s segments on Marquee, /stream, nginx"
pkg_memory pkg-memory-marquee "$PKG/slow-packaged.urls" 1 "$MARQUEE_PID"
pkg_memory pkg-memory-stream "$PKG/slow-stream.urls" 1 "$MARQUEE_PID"
pkg_memory pkg-memory-nginx "$PKG/slow-prepackaged.urls" 0 $(nginx_pids)

packaging_cleanup
PKG_VIEWER=$(pkg_viewer)
for lease in $PKG_LEASES; do
  curl -s -o /dev/null -X DELETE -H "Authorization: Bearer $PKG_VIEWER" "$MARQUEE/api/v1/playback/$lease" || true
done
trap cleanup EXIT
