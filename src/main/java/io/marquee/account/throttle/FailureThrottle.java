package io.marquee.account.throttle;

import io.marquee.account.AuthConfig;
import io.marquee.common.problem.ApiException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Counts failures (wrong passwords, wrong PINs) per key in PostgreSQL, so every instance sees the same counts, and
 * refuses with 429 + Retry-After once a key reaches its limit within the window.
 */
@ApplicationScoped
public class FailureThrottle {

    private static final String READ = "SELECT key, failures, window_started FROM failure_throttle WHERE key = ANY($1)";
    private static final String RECORD = """
            INSERT INTO failure_throttle (key, failures, window_started) VALUES ($1, 1, now())
            ON CONFLICT (key) DO UPDATE SET
              failures = CASE WHEN failure_throttle.window_started < now() - make_interval(secs => $2)
                              THEN 1 ELSE failure_throttle.failures + 1 END,
              window_started = CASE WHEN failure_throttle.window_started < now() - make_interval(secs => $2)
                              THEN now() ELSE failure_throttle.window_started END""";

    private final Pool pool;
    private final Duration window;

    public FailureThrottle(Pool pool, AuthConfig config) {
        this.pool = pool;
        this.window = config.failureWindow();
    }

    /** A key and the failures it may have within the window. */
    public record Limit(String key, int maxFailures) {
    }

    /** Fails with 429 when any of the limits is reached. */
    public Uni<Void> check(List<Limit> limits, String detail) {
        String[] keys = limits.stream().map(Limit::key).toArray(String[]::new);
        return pool.preparedQuery(READ).execute(Tuple.of(keys)).invoke(rows -> {
            Instant now = Instant.now();
            Duration wait = Duration.ZERO;
            for (Row row : rows) {
                Instant ends = row.getOffsetDateTime("window_started").toInstant().plus(window);
                int max = limits.stream().filter(l -> l.key().equals(row.getString("key")))
                        .mapToInt(Limit::maxFailures).min().orElse(Integer.MAX_VALUE);
                if (row.getInteger("failures") >= max && ends.isAfter(now)) {
                    Duration remaining = Duration.between(now, ends);
                    wait = remaining.compareTo(wait) > 0 ? remaining : wait;
                }
            }
            if (!wait.isZero()) {
                throw ApiException.tooManyRequests(detail, wait.plusSeconds(1));
            }
        }).replaceWithVoid();
    }

    public Uni<Void> recordFailure(List<Limit> limits) {
        List<Tuple> batch = limits.stream().map(l -> Tuple.of(l.key(), window.toSeconds())).toList();
        return pool.preparedQuery(RECORD).executeBatch(batch).replaceWithVoid();
    }

    public Uni<Void> reset(String key) {
        return pool.preparedQuery("DELETE FROM failure_throttle WHERE key = $1").execute(Tuple.of(key)).replaceWithVoid();
    }
}
