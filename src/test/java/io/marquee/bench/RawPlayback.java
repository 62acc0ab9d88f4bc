package io.marquee.bench;

import io.marquee.account.revocation.Revocation;
import io.marquee.bench.RawReply.Problem;
import io.marquee.bench.RawViewers.Viewer;
import io.marquee.playback.grant.GrantCodec;
import io.marquee.playback.grant.PlaybackGrant;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The baseline of playback start and end for {@link RawCatalogServer}: {@code POST /api/v1/playback} (movies only)
 * and {@code DELETE /api/v1/playback/{leaseId}}, each one transaction running, in order, the statements Marquee's
 * PlaybackService sends through Hibernate Reactive (their text as Hibernate logs it with
 * {@code QUARKUS_HIBERNATE_ORM_LOG_SQL=true}): the profile, the title, its media, the account row lock, the active
 * leases, the new lease, the resume position, the play event and play count; then the lease, its update and the
 * revocation NOTIFY. If PlaybackService changes, compare the log again.
 */
final class RawPlayback {

    static final String TITLE = "select t1_0.id,t1_0.cast_members,t1_0.created_at,t1_0.maturity_rating,t1_0.name,"
            + "t1_0.play_count,t1_0.runtime_seconds,t1_0.synopsis,t1_0.type,t1_0.updated_at,t1_0.year "
            + "from title t1_0 where t1_0.id=$1";
    static final String MEDIA = "select ma1_0.id,ma1_0.bitrate,ma1_0.content_type,ma1_0.created_at,"
            + "ma1_0.duration_seconds,ma1_0.episode_id,ma1_0.etag,ma1_0.height,ma1_0.kind,ma1_0.label,ma1_0.language,"
            + "ma1_0.last_modified,ma1_0.s3_key,ma1_0.size_bytes,ma1_0.title_id,ma1_0.width from media_asset ma1_0 "
            + "where ma1_0.title_id=$1 and ma1_0.episode_id is null and ma1_0.kind in ('video','subtitle') "
            + "order by ma1_0.kind,ma1_0.label";
    static final String LOCK_ACCOUNT = "select a1_0.id,a1_0.admin,a1_0.created_at,a1_0.disabled,a1_0.disabled_at,"
            + "a1_0.email,a1_0.name,a1_0.password_hash,a1_0.plan,a1_0.tokens_valid_after from account a1_0 "
            + "where a1_0.id=$1 for no key update of a1_0";
    private static final String LEASE_COLUMNS = "sl1_0.id,sl1_0.account_id,sl1_0.device_name,sl1_0.ended_at,"
            + "sl1_0.episode_id,sl1_0.expires_at,sl1_0.heartbeat_at,sl1_0.position_seconds,sl1_0.profile_id,"
            + "sl1_0.started_at,sl1_0.title_id";
    static final String ACTIVE_LEASES = "select " + LEASE_COLUMNS + " from stream_lease sl1_0 where sl1_0.account_id=$1 "
            + "and sl1_0.ended_at is null and sl1_0.expires_at>$2 order by sl1_0.started_at";
    static final String PLAY_EVENT = "INSERT INTO play_event (profile_id, title_id, started_at) VALUES ($1, $2, $3)";
    static final String PLAY_COUNT = "UPDATE title SET play_count = play_count + 1 WHERE id = $1";
    static final String INSERT_LEASE = "insert into stream_lease (account_id,device_name,ended_at,episode_id,expires_at,"
            + "heartbeat_at,position_seconds,profile_id,started_at,title_id,id) values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)";
    static final String RESUME = "SELECT position_seconds, duration_seconds FROM watch_progress WHERE profile_id = $1 "
            + "AND title_id = $2 AND episode_id IS NOT DISTINCT FROM CAST($3 AS uuid)";
    static final String LEASE = "select " + LEASE_COLUMNS + " from stream_lease sl1_0 where sl1_0.id=$1";
    static final String UPDATE_LEASE = "update stream_lease set account_id=$1,device_name=$2,ended_at=$3,episode_id=$4,"
            + "expires_at=$5,heartbeat_at=$6,position_seconds=$7,profile_id=$8,started_at=$9,title_id=$10 where id=$11";
    static final String NOTIFY = "SELECT 1 FROM pg_notify($1, $2)";

    /** PlaybackConfig defaults: a 30 s heartbeat, three missed ones end a lease. */
    private static final Duration HEARTBEAT = Duration.ofSeconds(30);
    private static final Duration LEASE_LIFETIME = HEARTBEAT.multipliedBy(3);
    /** GrantConfig default. */
    private static final Duration GRANT_LIFETIME = Duration.ofHours(6);
    private static final Map<String, Integer> MAX_STREAMS = Map.of("BASIC", 1, "STANDARD", 2, "PREMIUM", 4);

    private final Pool pool;
    private final GrantCodec grants;

    RawPlayback(Pool pool, String grantSecret) {
        this.pool = pool;
        this.grants = GrantCodec.fromBase64(grantSecret);
    }

    Future<RawReply> handle(HttpServerRequest request, Viewer viewer) {
        String path = request.path();
        if (request.method() == HttpMethod.POST && "/api/v1/playback".equals(path)) {
            return request.body().compose(body -> {
                JsonObject start = body.toJsonObject();
                if (start.getString("episodeId") != null) {
                    throw new Problem(400, "The raw baseline plays movies only.");
                }
                return start(viewer, UUID.fromString(start.getString("titleId")), start.getString("deviceName"));
            });
        }
        if (request.method() == HttpMethod.DELETE && path.startsWith("/api/v1/playback/")) {
            UUID leaseId = UUID.fromString(path.substring("/api/v1/playback/".length()));
            return request.body().compose(ignored -> end(viewer, leaseId));
        }
        return Future.succeededFuture(RawReply.problem(404, "No such route in the raw baseline."));
    }

    private Future<RawReply> start(Viewer viewer, UUID titleId, String deviceName) {
        if (viewer.profileId() == null) {
            return Future.failedFuture(new Problem(403, "Select a profile first."));
        }
        return pool.withTransaction(conn -> conn.preparedQuery(RawCatalogServer.PROFILE).execute(Tuple.of(viewer.profileId()))
                .compose(profiles -> {
                    Row profile = profiles.size() == 0 ? null : profiles.iterator().next();
                    if (profile == null || !viewer.accountId().equals(profile.getUUID("account_id"))) {
                        throw new Problem(403, "Select a profile first.");
                    }
                    int level = profile.getInteger("maturity_level");
                    return conn.preparedQuery(TITLE).execute(Tuple.of(titleId)).compose(titles -> {
                        if (titles.size() == 0) {
                            throw new Problem(404, "No such title.");
                        }
                        Row title = titles.iterator().next();
                        if (title.getInteger("maturity_rating") > level) {
                            throw new Problem(403, "This title is rated above this profile's maturity level.");
                        }
                        if (!"movie".equals(title.getString("type"))) {
                            throw new Problem(400, "The raw baseline plays movies only.");
                        }
                        return conn.preparedQuery(MEDIA).execute(Tuple.of(titleId));
                    });
                })
                .compose(media -> {
                    List<Row> videos = new ArrayList<>();
                    List<Row> subtitles = new ArrayList<>();
                    media.forEach(row -> ("video".equals(row.getString("kind")) ? videos : subtitles).add(row));
                    if (videos.isEmpty()) {
                        throw new Problem(422, "Nothing is playable for this title yet.");
                    }
                    videos.sort(Comparator.comparing((Row r) -> r.getInteger("height") == null ? 0 : r.getInteger("height")).reversed());
                    return takeLease(conn, viewer, titleId, deviceName)
                            .compose(lease -> conn.preparedQuery(RESUME)
                                    .execute(Tuple.of(viewer.profileId(), titleId, null))
                                    .compose(resume -> recordPlay(conn, viewer, titleId).map(v -> playback(viewer,
                                            lease, videos, subtitles, resume.size() == 0 ? 0
                                                    : resumeFrom(resume.iterator().next())))));
                }));
    }

    private Future<Lease> takeLease(SqlConnection conn, Viewer viewer, UUID titleId, String deviceName) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return conn.preparedQuery(LOCK_ACCOUNT).execute(Tuple.of(viewer.accountId()))
                .compose(accounts -> conn.preparedQuery(ACTIVE_LEASES).execute(Tuple.of(viewer.accountId(), now))
                        .map(active -> {
                            String plan = accounts.iterator().next().getString("plan");
                            if (active.size() >= MAX_STREAMS.get(plan)) {
                                throw new Problem(409, "Your " + plan + " plan's stream limit is reached.");
                            }
                            return new Lease(UUID.randomUUID(), now.plus(LEASE_LIFETIME));
                        }))
                .compose(lease -> conn.preparedQuery(INSERT_LEASE).execute(Tuple.tuple()
                                .addValue(viewer.accountId()).addValue(deviceName).addValue(null).addValue(null)
                                .addValue(lease.expiresAt()).addValue(now).addValue(0).addValue(viewer.profileId())
                                .addValue(now).addValue(titleId).addValue(lease.id()))
                        .map(v -> lease));
    }

    private Future<Void> recordPlay(SqlConnection conn, Viewer viewer, UUID titleId) {
        return conn.preparedQuery(PLAY_EVENT).execute(Tuple.of(viewer.profileId(), titleId, OffsetDateTime.now(ZoneOffset.UTC)))
                .compose(v -> conn.preparedQuery(PLAY_COUNT).execute(Tuple.of(titleId)))
                .mapEmpty();
    }

    private static int resumeFrom(Row row) {
        int position = row.getInteger("position_seconds");
        return position >= row.getInteger("duration_seconds") * 0.9 ? 0 : position;
    }

    private RawReply playback(Viewer viewer, Lease lease, List<Row> videos, List<Row> subtitles, int resumeFrom) {
        List<UUID> assets = new ArrayList<>();
        videos.forEach(v -> assets.add(v.getUUID("id")));
        subtitles.forEach(s -> assets.add(s.getUUID("id")));
        String grant = grants.sign(new PlaybackGrant(lease.id(), viewer.profileId(), assets,
                Instant.now().plus(GRANT_LIFETIME)));
        JsonArray streams = new JsonArray();
        for (Row v : videos) {
            streams.add(new JsonObject().put("assetId", v.getUUID("id").toString())
                    .put("url", "/stream/" + v.getUUID("id") + "?token=" + grant)
                    .put("contentType", v.getString("content_type")).put("width", v.getInteger("width"))
                    .put("height", v.getInteger("height")).put("bitrate", v.getLong("bitrate"))
                    .put("sizeBytes", v.getLong("size_bytes")).put("label", v.getString("label")));
        }
        JsonArray subs = new JsonArray();
        for (Row s : subtitles) {
            subs.add(new JsonObject().put("assetId", s.getUUID("id").toString())
                    .put("url", "/stream/" + s.getUUID("id") + "?token=" + grant)
                    .put("language", s.getString("language")).put("label", s.getString("label")));
        }
        JsonObject body = new JsonObject().put("leaseId", lease.id().toString())
                .put("expiresAt", lease.expiresAt().toInstant().toString())
                .put("heartbeatSeconds", HEARTBEAT.toSeconds()).put("resumeFromSeconds", resumeFrom)
                .put("streams", streams).put("subtitles", subs);
        return RawReply.json(201, body).withHeader("Location", "/api/v1/playback/" + lease.id());
    }

    private Future<RawReply> end(Viewer viewer, UUID leaseId) {
        return pool.withTransaction(conn -> conn.preparedQuery(LEASE).execute(Tuple.of(leaseId)).compose(leases -> {
            Row lease = leases.size() == 0 ? null : leases.iterator().next();
            if (lease == null || !viewer.accountId().equals(lease.getUUID("account_id"))) {
                throw new Problem(404, "No such stream.");
            }
            if (lease.getOffsetDateTime("ended_at") != null) {
                return Future.succeededFuture(RawReply.empty(204));
            }
            Tuple update = Tuple.tuple();
            for (String column : List.of("account_id", "device_name", "ended_at", "episode_id", "expires_at",
                    "heartbeat_at", "position_seconds", "profile_id", "started_at", "title_id", "id")) {
                update.addValue("ended_at".equals(column) ? OffsetDateTime.now(ZoneOffset.UTC) : lease.getValue(column));
            }
            return conn.preparedQuery(UPDATE_LEASE).execute(update)
                    .compose(v -> conn.preparedQuery(NOTIFY).execute(Tuple.of(Revocation.CHANNEL,
                            Revocation.lease(leaseId).payload())))
                    .map(v -> RawReply.empty(204));
        }));
    }

    private record Lease(UUID id, OffsetDateTime expiresAt) {
    }
}
