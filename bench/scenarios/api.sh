# The JSON API against its baselines (issue 8): catalog browse, detail and search against a raw Vert.x PG client
# server running the same SQL (io.marquee.bench.RawCatalogServer; pgbench with that SQL as context), playback
# start + end against the same statements through the raw server (pgbench's core transaction as context), and login
# against the raw Argon2id hash rate (io.marquee.bench.PasswordHashRate).
#
# Sourced by bench/run.sh once the synthetic catalog is loaded (SCENARIOS=api bench/run.sh runs only this group).
# Uses from run.sh: OUT DURATION MARQUEE MARQUEE_PID PGURL TITLE EMAIL result log json cpu_ticks secs cleanup;
# from bench/common.sh: JAVA25_HOME bench_classpath free_port. WARMUP (seconds, default 10) is spent on each server
# and kind before it is measured; those runs are discarded.

WARMUP=${WARMUP:-10}
API_PASSWORD="correct horse battery"
API_RUN=$(date +%s)$RANDOM
RAW_PID=
stop_raw() {
  if [ -n "$RAW_PID" ]; then kill "$RAW_PID" 2>/dev/null; wait "$RAW_PID" 2>/dev/null || true; fi
  RAW_PID=
}
trap 'stop_raw; cleanup' EXIT

# viewer_token EMAIL: a profile-scoped access token of the account's first profile (fresh: tokens live 15 minutes).
viewer_token() {
  local account profile
  account=$(curl -sf -H 'Content-Type: application/json' -d "{\"email\":\"$1\",\"password\":\"$API_PASSWORD\"}" \
    "$MARQUEE/api/v1/auth/login" | json 'd["accessToken"]')
  profile=$(curl -sf -H "Authorization: Bearer $account" "$MARQUEE/api/v1/profiles" | json 'd["items"][0]["id"]')
  curl -sf -X POST -H "Authorization: Bearer $account" -H 'Content-Type: application/json' -d '{}' \
    "$MARQUEE/api/v1/profiles/$profile/select" | json 'd["accessToken"]'
}

# new_viewer EMAIL: signs up an account (plan STANDARD, one adult profile) and prints its viewer token.
new_viewer() {
  curl -sf -H 'Content-Type: application/json' -d "{\"email\":\"$1\",\"password\":\"$API_PASSWORD\",\"name\":\"Bench\"}" \
    "$MARQUEE/api/v1/auth/signup" >/dev/null
  viewer_token "$1"
}

log "api: raw baseline server (plain Vert.x + reactive PG client, same SQL)"
RAW_PORT=$(free_port)
# shellcheck disable=SC2086
"$JAVA25_HOME/bin/java" $MARQUEE_JVM -cp "$(bench_classpath)" io.marquee.bench.RawCatalogServer "$RAW_PORT" \
  >"$OUT/raw-server.log" 2>&1 &
RAW_PID=$!
for _ in $(seq 1 300); do
  grep -q '^READY' "$OUT/raw-server.log" 2>/dev/null && break
  kill -0 "$RAW_PID" 2>/dev/null || { cat "$OUT/raw-server.log" >&2; exit 1; }
  sleep 0.1
done
RAW=http://127.0.0.1:$RAW_PORT
TOKEN=$(viewer_token "$EMAIL")
psql "$PGURL" -Atc "SELECT id FROM title WHERE name LIKE 'Synthetic %'" >"$OUT/title-ids.txt"
WORDS=$(cat bench/pgbench/search-words.txt)
ONE=$(head -1 "$OUT/title-ids.txt")
for path in "/api/v1/titles?sort=popular&limit=20" "/api/v1/titles/$ONE" "/api/v1/search?q=${WORDS%%,*}&limit=20"; do
  cmp -s <(curl -sf -H "Authorization: Bearer $TOKEN" "$MARQUEE$path") <(curl -sf -H "Authorization: Bearer $TOKEN" "$RAW$path") \
    || { echo "Marquee and the raw server answer $path differently" >&2; exit 1; }
done

# catalog_run NAME URL KIND PID SECONDS [VERIFY]: one wrk run at 64 connections, with the CPU time of the serving
# process; VERIFY=1 asks the raw server to verify the token's signature as Marquee does.
catalog_run() {
  local name=$1 url=$2 kind=$3 pid=$4 seconds=$5 verify=${6:-0} c0 c1 line
  TOKEN=$(viewer_token "$EMAIL")
  c0=$(cpu_ticks "$pid")
  TOKEN=$TOKEN CATALOG_KIND=$kind SEARCH_WORDS=$WORDS TITLE_IDS=$OUT/title-ids.txt RAW_VERIFY=$verify \
    wrk -t2 -c64 -d"${seconds}s" --timeout 10s -s bench/wrk/catalog.lua "$url" >"$OUT/wrk-$name.txt" 2>&1
  c1=$(cpu_ticks "$pid")
  line=$(sed -n 's/^JSON //p' "$OUT/wrk-$name.txt")
  case $name in *-warmup) return 0 ;; esac
  result "{\"scenario\":\"$name\",\"connections\":64,\"cpu_s\":$(secs $((c1 - c0))),\"wrk\":$line}"
}
pgb() {
  local kind=$1; shift
  pgbench -n -M prepared -c 64 -j 2 -T "$DURATION" "$@" "$PGURL" >"$OUT/pgbench-$kind.txt" 2>&1
  local tps; tps=$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' "$OUT/pgbench-$kind.txt" | tail -1)
  local failed; failed=$(sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p' "$OUT/pgbench-$kind.txt")
  result "{\"scenario\":\"$kind-pgbench\",\"connections\":64,\"tps\":${tps:-0},\"failed\":${failed:-0}}"
}
SEARCH_SCRIPTS=()
for w in ${WORDS//,/ }; do
  sed "s/WORD/$w/g" bench/pgbench/search.sql.in >"$OUT/search-$w.sql"; SEARCH_SCRIPTS+=(-f "$OUT/search-$w.sql")
done

log "api: catalog browse, detail, search; Marquee and the raw server, 64 connections, ${DURATION}s each"
for kind in browse detail search; do
  catalog_run "catalog-$kind-marquee-warmup" "$MARQUEE" "$kind" "$MARQUEE_PID" "$WARMUP"
  catalog_run "catalog-$kind-marquee" "$MARQUEE" "$kind" "$MARQUEE_PID" "$DURATION"
  catalog_run "catalog-$kind-raw-warmup" "$RAW" "$kind" "$RAW_PID" "$WARMUP"
  catalog_run "catalog-$kind-raw" "$RAW" "$kind" "$RAW_PID" "$DURATION"
done
catalog_run catalog-browse-raw-verified-warmup "$RAW" browse "$RAW_PID" "$WARMUP" 1
catalog_run catalog-browse-raw-verified "$RAW" browse "$RAW_PID" "$DURATION" 1
pgb catalog-browse -f bench/pgbench/browse.sql
pgb catalog-search "${SEARCH_SCRIPTS[@]}"

log "api: playback start + end, 64 viewers (one account, one connection and one title each; then all on one title)"
PLAYERS=64
: >"$OUT/playback-tokens.txt"
BATCH=()
for i in $(seq 1 $PLAYERS); do
  new_viewer "bench-play-$API_RUN-$i@example.com" >>"$OUT/playback-tokens.txt" &
  BATCH+=($!)
  if [ ${#BATCH[@]} = 4 ] || [ "$i" = $PLAYERS ]; then wait "${BATCH[@]}" || true; BATCH=(); fi
done
[ "$(grep -c . "$OUT/playback-tokens.txt")" = $PLAYERS ] || { echo "could not make $PLAYERS viewers" >&2; exit 1; }
# Synthetic movies made playable with a copy of the uploaded title's video row (under another key: nothing streams).
psql "$PGURL" -q -v ON_ERROR_STOP=1 -c "INSERT INTO media_asset (id, title_id, kind, label, s3_key, content_type,
    size_bytes, etag, last_modified, width, height, bitrate, duration_seconds, created_at)
  SELECT gen_random_uuid(), t.id, a.kind, a.label, a.s3_key || '#bench-' || t.id, a.content_type, a.size_bytes,
    a.etag, a.last_modified, a.width, a.height, a.bitrate, a.duration_seconds, now()
  FROM (SELECT id FROM title WHERE name LIKE 'Synthetic %' AND type = 'movie' ORDER BY id LIMIT $PLAYERS) t, media_asset a
  WHERE a.title_id = '$TITLE' AND a.kind = 'video' ON CONFLICT DO NOTHING"
psql "$PGURL" -Atc "SELECT title_id FROM media_asset WHERE s3_key LIKE '%#bench-%' ORDER BY title_id LIMIT $PLAYERS" \
  >"$OUT/playback-titles.txt"
# end_leases: ends what a run left open (wrk stops between a start and its end), so the next run starts from none.
end_leases() { psql "$PGURL" -q -c "UPDATE stream_lease SET ended_at = now() WHERE ended_at IS NULL AND device_name = 'wrk'"; }
# playback_run NAME URL PID SECONDS [TITLE]: every viewer on its own title, or all on TITLE.
playback_run() {
  local name=$1 url=$2 pid=$3 seconds=$4 title=${5:-} c0 c1 line
  end_leases
  c0=$(cpu_ticks "$pid")
  if [ -n "$title" ]; then
    TOKENS=$OUT/playback-tokens.txt TITLE_ID=$title wrk -t$PLAYERS -c$PLAYERS -d"${seconds}s" --timeout 10s \
      -s bench/wrk/playback.lua "$url" >"$OUT/wrk-$name.txt" 2>&1
  else
    TOKENS=$OUT/playback-tokens.txt TITLE_IDS=$OUT/playback-titles.txt wrk -t$PLAYERS -c$PLAYERS -d"${seconds}s" \
      --timeout 10s -s bench/wrk/playback.lua "$url" >"$OUT/wrk-$name.txt" 2>&1
  fi
  c1=$(cpu_ticks "$pid")
  line=$(sed -n 's/^JSON //p' "$OUT/wrk-$name.txt")
  case $name in *-warmup) return 0 ;; esac
  result "{\"scenario\":\"$name\",\"connections\":$PLAYERS,\"cpu_s\":$(secs $((c1 - c0))),\"wrk\":$line}"
}
playback_run playback-marquee-warmup "$MARQUEE" "$MARQUEE_PID" "$WARMUP"
playback_run playback-marquee "$MARQUEE" "$MARQUEE_PID" "$DURATION"
playback_run playback-raw-warmup "$RAW" "$RAW_PID" "$WARMUP"
playback_run playback-raw "$RAW" "$RAW_PID" "$DURATION"
playback_run playback-hot-marquee "$MARQUEE" "$MARQUEE_PID" "$DURATION" "$TITLE"
playback_run playback-hot-raw "$RAW" "$RAW_PID" "$DURATION" "$TITLE"
end_leases
PGOPTIONS='-c client_min_messages=warning' psql "$PGURL" -q -v ON_ERROR_STOP=1 -c "DROP TABLE IF EXISTS bench_player" \
  -c "CREATE TABLE bench_player AS
  SELECT (row_number() OVER (ORDER BY a.email) - 1)::int AS n, a.id AS account_id, p.id AS profile_id
  FROM account a JOIN profile p ON p.account_id = a.id WHERE a.email LIKE 'bench-play-$API_RUN-%'"
sed "s/TITLE/$TITLE/g" bench/pgbench/playback.sql.in >"$OUT/playback.sql"
pgbench -n -M prepared -c $PLAYERS -j 2 -T "$DURATION" -D known=0 -f "$OUT/playback.sql" "$PGURL" \
  >"$OUT/pgbench-playback.txt" 2>&1
TPS=$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' "$OUT/pgbench-playback.txt" | tail -1)
FAILED=$(sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p' "$OUT/pgbench-playback.txt")
result "{\"scenario\":\"playback-pgbench\",\"connections\":$PLAYERS,\"tps\":${TPS:-0},\"failed\":${FAILED:-0}}"
psql "$PGURL" -q -c "DROP TABLE bench_player"
stop_raw

log "api: login at 8 connections, and the raw Argon2id rate on $(nproc) threads"
LOGIN_EMAIL=$EMAIL LOGIN_PASSWORD=$API_PASSWORD wrk -t2 -c8 -d"${WARMUP}s" --timeout 30s -s bench/wrk/login.lua "$MARQUEE" \
  >"$OUT/wrk-login-warmup.txt" 2>&1
c0=$(cpu_ticks "$MARQUEE_PID")
LOGIN_EMAIL=$EMAIL LOGIN_PASSWORD=$API_PASSWORD wrk -t2 -c8 -d"${DURATION}s" --timeout 30s -s bench/wrk/login.lua "$MARQUEE" \
  >"$OUT/wrk-login.txt" 2>&1
c1=$(cpu_ticks "$MARQUEE_PID")
result "{\"scenario\":\"login-marquee\",\"connections\":8,\"cpu_s\":$(secs $((c1 - c0))),\"wrk\":$(sed -n 's/^JSON //p' "$OUT/wrk-login.txt")}"
# shellcheck disable=SC2086
"$JAVA25_HOME/bin/java" $MARQUEE_JVM -cp "$(bench_classpath)" io.marquee.bench.PasswordHashRate "$(nproc)" "$DURATION" "$WARMUP" \
  >"$OUT/password-hash-rate.txt" 2>&1
result "{\"scenario\":\"login-hash-rate\",\"hash\":$(sed -n 's/^JSON //p' "$OUT/password-hash-rate.txt")}"
trap cleanup EXIT
