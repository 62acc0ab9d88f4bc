package io.marquee.bench;

import io.marquee.catalog.repository.TitleQueries;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

/**
 * The baseline of the catalog budget (DESIGN.md: "requests/s at least 0.5 of a raw Vert.x PG client handler running
 * the same query"): plain Vert.x core and the reactive PG client, no Quarkus, answering browse, detail and search with
 * the statements Marquee runs for them, through one pool of Marquee's size, one event loop per core, with JSON of the
 * same shape and a strong ETag. It also answers playback start and end ({@link RawPlayback}).
 * <p>
 * Like Marquee it reads the viewer from the bearer token and the profile's maturity level from the database on every
 * request, but it does not verify the token's signature, check revocations, or run any filter chain: that is the
 * framework and security work the budget's ratio is about. A request with the header {@code X-Raw-Verify} has its
 * token verified as Marquee does it (SmallRye JWT's parser, ES256 with Marquee's key and claim rules), which shows
 * how much of the difference is the signature check alone.
 * <p>
 * Usage: {@code java -cp ... io.marquee.bench.RawCatalogServer PORT}, configured by Marquee's own environment
 * variables ({@code QUARKUS_DATASOURCE_REACTIVE_URL}, {@code _USERNAME}, {@code _PASSWORD}, {@code MARQUEE_GRANT_SECRET},
 * {@code MARQUEE_JWT_SIGNING_KEY}, optionally {@code QUARKUS_DATASOURCE_REACTIVE_MAX_SIZE}); {@code RAW_EVENT_LOOPS}
 * overrides the number of cores.
 * Prints {@code READY <port>} once listening.
 */
public final class RawCatalogServer extends AbstractVerticle {

    /** What Hibernate Reactive sends for {@code Profile.findById} (ViewerResolver). */
    static final String PROFILE = "select p1_0.id,p1_0.account_id,p1_0.created_at,p1_0.maturity_level,p1_0.name,"
            + "p1_0.pin_hash from profile p1_0 where p1_0.id=$1";
    /** What {@code TitleQueries.browse} builds for {@code sort=popular}, no filter, first page. */
    static final String BROWSE_POPULAR = "SELECT " + TitleQueries.SUMMARY_COLUMNS
            + ", t.play_count, t.sort_name FROM title t WHERE t.maturity_rating <= $1"
            + " ORDER BY t.play_count DESC, t.id DESC LIMIT $2";
    private static final int ALL_RATINGS = 18;

    private final int port;
    private final Pool pool;
    private final RawViewers viewers;
    private final RawPlayback playback;

    RawCatalogServer(int port, Pool pool, RawViewers viewers, RawPlayback playback) {
        this.port = port;
        this.pool = pool;
        this.viewers = viewers;
        this.playback = playback;
    }

    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        int loops = Integer.parseInt(env("RAW_EVENT_LOOPS",
                Integer.toString(Runtime.getRuntime().availableProcessors())));
        int poolSize = Integer.parseInt(env("QUARKUS_DATASOURCE_REACTIVE_MAX_SIZE",
                marqueeProperty("quarkus.datasource.reactive.max-size")));
        PgConnectOptions connect = PgConnectOptions.fromUri(env("QUARKUS_DATASOURCE_REACTIVE_URL", null)
                        .replaceFirst("^vertx-reactive:", ""))
                .setUser(env("QUARKUS_DATASOURCE_USERNAME", null))
                .setPassword(env("QUARKUS_DATASOURCE_PASSWORD", null))
                // Quarkus' default for PostgreSQL (quarkus.datasource.reactive.cache-prepared-statements).
                .setCachePreparedStatements(true);
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(loops));
        Pool pool = PgBuilder.pool()
                .with(new PoolOptions().setMaxSize(poolSize).setEventLoopSize(loops))
                .connectingTo(connect)
                .using(vertx)
                .build();
        RawViewers viewers = new RawViewers(env("MARQUEE_JWT_SIGNING_KEY", null));
        RawPlayback playback = new RawPlayback(pool, env("MARQUEE_GRANT_SECRET", null));
        vertx.deployVerticle(() -> new RawCatalogServer(port, pool, viewers, playback),
                        new DeploymentOptions().setInstances(loops))
                .onSuccess(id -> System.out.println("READY " + port + " event-loops=" + loops + " pool=" + poolSize))
                .onFailure(e -> {
                    e.printStackTrace();
                    System.exit(1);
                });
    }

    @Override
    public void start(Promise<Void> started) {
        vertx.createHttpServer().requestHandler(this::route).listen(port, "127.0.0.1")
                .<Void>mapEmpty().onComplete(started);
    }

    private void route(HttpServerRequest request) {
        String path = request.path();
        Future<RawReply> reply;
        try {
            if ("/api/v1/titles".equals(path)) {
                reply = browse(request);
            } else if (path.startsWith("/api/v1/titles/")) {
                reply = detail(request, UUID.fromString(path.substring("/api/v1/titles/".length())));
            } else if ("/api/v1/search".equals(path)) {
                reply = search(request);
            } else if (path.startsWith("/api/v1/playback")) {
                reply = playback.handle(request, viewers.of(request));
            } else {
                reply = Future.succeededFuture(RawReply.problem(404, "No such route in the raw baseline."));
            }
        } catch (RawReply.Problem e) {
            reply = Future.succeededFuture(e.reply());
        } catch (IllegalArgumentException e) {
            reply = Future.succeededFuture(RawReply.problem(400, e.getMessage()));
        }
        reply.recover(e -> Future.succeededFuture(e instanceof RawReply.Problem p ? p.reply()
                        : RawReply.problem(500, String.valueOf(e.getMessage()))))
                .onSuccess(r -> r.send(request));
    }

    private Future<RawReply> browse(HttpServerRequest request) {
        String sort = request.getParam("sort");
        if (sort != null && !"popular".equals(sort) || request.getParam("cursor") != null || request.getParam("type") != null
                || request.getParam("genre") != null || request.getParam("year") != null) {
            return Future.succeededFuture(RawReply.problem(400, "The raw baseline answers only the first popular page."));
        }
        int limit = limit(request.getParam("limit"), 100);
        return maturity(viewers.of(request))
                .compose(level -> pool.preparedQuery(BROWSE_POPULAR).execute(Tuple.of(level, limit + 1)))
                .map(rows -> {
                    JsonArray items = new JsonArray();
                    Row last = null;
                    for (Row row : rows) {
                        if (items.size() == limit) {
                            break;
                        }
                        items.add(summary(row));
                        last = row;
                    }
                    String next = rows.size() > limit && last != null
                            ? cursor("popular", Long.toString(last.getLong("play_count")), last.getUUID("id").toString())
                            : null;
                    return RawReply.json(200, new JsonObject().put("items", items).put("nextCursor", next));
                });
    }

    private Future<RawReply> detail(HttpServerRequest request, UUID titleId) {
        return maturity(viewers.of(request))
                .compose(level -> pool.preparedQuery(TitleQueries.DETAIL).execute(Tuple.of(titleId, level)))
                .compose(rows -> {
                    if (rows.size() == 0) {
                        return Future.succeededFuture(RawReply.problem(404, "No such title."));
                    }
                    Row row = rows.iterator().next();
                    return pool.preparedQuery(TitleQueries.EPISODES).execute(Tuple.of(titleId))
                            .map(episodes -> RawReply.json(200, detail(row, seasons(episodes))));
                });
    }

    private Future<RawReply> search(HttpServerRequest request) {
        String q = request.getParam("q");
        if (q == null || q.isBlank() || q.length() > 200) {
            return Future.succeededFuture(RawReply.problem(400, "q must be 1 to 200 characters"));
        }
        int limit = limit(request.getParam("limit"), 50);
        return maturity(viewers.of(request))
                .compose(level -> pool.preparedQuery(TitleQueries.SEARCH).execute(Tuple.of(q.trim(), level, limit)))
                .map(rows -> {
                    JsonArray items = new JsonArray();
                    rows.forEach(row -> items.add(summary(row)));
                    return RawReply.json(200, new JsonObject().put("items", items));
                });
    }

    /** The profile's maturity level, read on every request as ViewerResolver does; 18 without a profile. */
    private Future<Integer> maturity(RawViewers.Viewer viewer) {
        if (viewer.profileId() == null) {
            return Future.succeededFuture(ALL_RATINGS);
        }
        return pool.preparedQuery(PROFILE).execute(Tuple.of(viewer.profileId())).map(rows -> {
            if (rows.size() == 0 || !viewer.accountId().equals(rows.iterator().next().getUUID("account_id"))) {
                throw new RawReply.Problem(403, "Select a profile first.");
            }
            return rows.iterator().next().getInteger("maturity_level");
        });
    }

    static JsonObject summary(Row row) {
        UUID id = row.getUUID("id");
        return new JsonObject()
                .put("id", id.toString())
                .put("type", row.getString("type"))
                .put("name", row.getString("name"))
                .put("year", row.getInteger("year"))
                .put("maturityRating", row.getInteger("maturity_rating"))
                .put("genres", new JsonArray(Arrays.asList((Object[]) row.getArrayOfStrings("genres"))))
                .put("posterUrl", row.getBoolean("has_poster") ? TitleQueries.artworkUrl(id, "poster") : null);
    }

    private static JsonObject detail(Row row, JsonArray seasons) {
        UUID id = row.getUUID("id");
        String[] cast = row.getArrayOfStrings("cast_members");
        return summary(row)
                .put("synopsis", row.getString("synopsis"))
                .put("runtimeSeconds", row.getInteger("runtime_seconds"))
                .put("backdropUrl", row.getBoolean("has_backdrop") ? TitleQueries.artworkUrl(id, "backdrop") : null)
                .put("cast", cast == null ? new JsonArray() : new JsonArray(Arrays.asList((Object[]) cast)))
                .put("seasons", seasons)
                .put("playable", row.getBoolean("playable"));
    }

    private static JsonArray seasons(RowSet<Row> rows) {
        Map<Integer, JsonArray> seasons = new LinkedHashMap<>();
        for (Row row : rows) {
            JsonArray episodes = seasons.computeIfAbsent(row.getInteger("season_number"), n -> new JsonArray());
            if (row.getUUID("id") != null) {
                episodes.add(new JsonObject().put("id", row.getUUID("id").toString())
                        .put("number", row.getInteger("number")).put("name", row.getString("name"))
                        .put("synopsis", row.getString("synopsis")).put("durationSeconds", row.getInteger("duration_seconds")));
            }
        }
        JsonArray result = new JsonArray();
        seasons.forEach((number, episodes) -> result.add(new JsonObject().put("number", number).put("episodes", episodes)));
        return result;
    }

    private static String cursor(String... values) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(String.join("\u001f", values).getBytes(StandardCharsets.UTF_8));
    }

    private static int limit(String value, int max) {
        int limit = value == null ? 20 : Integer.parseInt(value);
        if (limit < 1 || limit > max) {
            throw new IllegalArgumentException("limit must be between 1 and " + max);
        }
        return limit;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        if (value == null && fallback == null) {
            throw new IllegalStateException("Set " + name);
        }
        return value == null ? fallback : value;
    }

    /** A key of Marquee's application.properties (target/classes is on the bench class path). */
    private static String marqueeProperty(String key) {
        try (InputStream in = RawCatalogServer.class.getResourceAsStream("/application.properties")) {
            Properties properties = new Properties();
            properties.load(in);
            String value = properties.getProperty(key);
            if (value == null) {
                throw new IllegalStateException(key + " is not in application.properties");
            }
            return value.trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
