package io.marquee.library.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Records what a profile watches: its position in a title or episode (continue watching) and each play started
 * (trending, popularity). Joins the caller's Hibernate Reactive transaction when there is one.
 */
@ApplicationScoped
public class WatchHistory {

    private static final String UPSERT_PROGRESS = """
            INSERT INTO watch_progress (id, profile_id, title_id, episode_id, position_seconds, duration_seconds, updated_at)
            VALUES (:id, :profile, :title, %s, :position, :duration, :now)
            ON CONFLICT (profile_id, title_id, coalesce(episode_id, '00000000-0000-0000-0000-000000000000'))
            DO UPDATE SET position_seconds = excluded.position_seconds, duration_seconds = excluded.duration_seconds,
                          updated_at = excluded.updated_at""";

    /** Where the profile is in a title (episodeId null) or in one of its episodes. */
    @WithTransaction
    public Uni<Void> recordProgress(UUID profileId, UUID titleId, UUID episodeId, int positionSeconds,
                                    int durationSeconds) {
        if (durationSeconds <= 0 || positionSeconds < 0) {
            throw new IllegalArgumentException("Position must be >= 0 and duration > 0");
        }
        int position = Math.min(positionSeconds, durationSeconds);
        String sql = UPSERT_PROGRESS.formatted(episodeId == null ? "NULL" : ":episode");
        return Panache.getSession().chain(session -> {
                    var query = session.createNativeQuery(sql)
                            .setParameter("id", UUID.randomUUID())
                            .setParameter("profile", profileId)
                            .setParameter("title", titleId)
                            .setParameter("position", position)
                            .setParameter("duration", durationSeconds)
                            .setParameter("now", now());
                    if (episodeId != null) {
                        query.setParameter("episode", episodeId);
                    }
                    return query.executeUpdate();
                })
                .replaceWithVoid();
    }

    /** A play of the title started now. */
    @WithTransaction
    public Uni<Void> recordPlay(UUID profileId, UUID titleId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                                "INSERT INTO play_event (profile_id, title_id, started_at) VALUES (?1, ?2, ?3)")
                        .setParameter(1, profileId).setParameter(2, titleId).setParameter(3, now())
                        .executeUpdate()
                        .chain(() -> session.createNativeQuery(
                                        "UPDATE title SET play_count = play_count + 1 WHERE id = ?1")
                                .setParameter(1, titleId).executeUpdate()))
                .replaceWithVoid();
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.ofInstant(Instant.now(), ZoneOffset.UTC);
    }
}
