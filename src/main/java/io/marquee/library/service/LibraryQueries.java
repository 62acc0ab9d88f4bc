package io.marquee.library.service;

import io.marquee.catalog.repository.TitleQueries;
import io.marquee.catalog.view.CatalogViews.TitleSummary;
import io.marquee.common.paging.Cursor;
import io.marquee.common.paging.Page;
import io.marquee.library.view.LibraryViews.ContinueWatchingItem;
import io.marquee.library.view.LibraryViews.HomeRow;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Read-side SQL of a profile's library and home page; every query is bounded by the profile's maturity level. */
@ApplicationScoped
public class LibraryQueries {

    /** Below this share of the duration a title was only sampled; above the upper one it counts as watched. */
    static final double STARTED = 0.05;
    static final double WATCHED = 0.90;
    private static final int ROW_SIZE = 20;

    private static final String CONTINUE_WATCHING = """
            WITH latest AS (
                SELECT DISTINCT ON (w.title_id) w.title_id, w.episode_id, w.position_seconds, w.duration_seconds,
                       w.updated_at
                FROM watch_progress w WHERE w.profile_id = $1
                ORDER BY w.title_id, w.updated_at DESC)
            SELECT %s, l.episode_id, l.position_seconds, l.duration_seconds, nx.id AS next_episode_id,
                   nx.duration_seconds AS next_duration_seconds,
                   l.position_seconds >= %s * l.duration_seconds AND l.position_seconds <= %s * l.duration_seconds
                       AS in_progress
            FROM latest l
            JOIN title t ON t.id = l.title_id AND t.maturity_rating <= $2
            LEFT JOIN episode e ON e.id = l.episode_id
            LEFT JOIN LATERAL (
                SELECT n.id, n.duration_seconds FROM episode n
                WHERE n.title_id = l.title_id AND (n.season_number, n.number) > (e.season_number, e.number)
                ORDER BY n.season_number, n.number LIMIT 1) nx
                ON l.episode_id IS NOT NULL AND l.position_seconds > %s * l.duration_seconds
            WHERE (l.position_seconds >= %s * l.duration_seconds AND l.position_seconds <= %s * l.duration_seconds)
               OR nx.id IS NOT NULL
            ORDER BY l.updated_at DESC, t.id
            LIMIT $3""".formatted(TitleQueries.SUMMARY_COLUMNS, STARTED, WATCHED, WATCHED, STARTED, WATCHED);

    private final Pool pool;

    public LibraryQueries(Pool pool) {
        this.pool = pool;
    }

    public Uni<Boolean> visible(UUID titleId, int maturityLevel) {
        return pool.preparedQuery("SELECT 1 FROM title WHERE id = $1 AND maturity_rating <= $2")
                .execute(Tuple.of(titleId, maturityLevel)).map(rows -> rows.size() > 0);
    }

    public Uni<Page<TitleSummary>> myList(UUID profileId, int maturityLevel, String cursor, int limit) {
        List<Object> params = new ArrayList<>(List.of(profileId, maturityLevel, limit + 1));
        String keyset = "";
        if (cursor != null) {
            List<String> key = Cursor.decode(cursor, 3);
            try {
                if (!"list".equals(key.get(0))) {
                    throw Cursor.invalid();
                }
                params.add(OffsetDateTime.parse(key.get(1)));
                params.add(UUID.fromString(key.get(2)));
            } catch (DateTimeParseException | IllegalArgumentException e) {
                throw Cursor.invalid();
            }
            keyset = " AND (m.added_at, m.title_id) < ($4, $5)";
        }
        String sql = "SELECT " + TitleQueries.SUMMARY_COLUMNS + ", m.added_at FROM my_list m"
                + " JOIN title t ON t.id = m.title_id AND t.maturity_rating <= $2 WHERE m.profile_id = $1" + keyset
                + " ORDER BY m.added_at DESC, m.title_id DESC LIMIT $3";
        return pool.preparedQuery(sql).execute(Tuple.from(params)).map(rows -> {
            List<Row> all = new ArrayList<>();
            rows.forEach(all::add);
            List<Row> page = all.size() > limit ? all.subList(0, limit) : all;
            String next = null;
            if (all.size() > limit) {
                Row last = page.get(page.size() - 1);
                next = Cursor.encode(List.of("list", last.getOffsetDateTime("added_at").toString(),
                        last.getUUID("id").toString()));
            }
            return new Page<>(page.stream().map(TitleQueries::summary).toList(), next);
        });
    }

    public Uni<List<ContinueWatchingItem>> continueWatching(UUID profileId, int maturityLevel, int limit) {
        return pool.preparedQuery(CONTINUE_WATCHING).execute(Tuple.of(profileId, maturityLevel, limit)).map(rows -> {
            List<ContinueWatchingItem> items = new ArrayList<>();
            for (Row row : rows) {
                TitleSummary title = TitleQueries.summary(row);
                if (row.getBoolean("in_progress")) {
                    items.add(new ContinueWatchingItem(title, row.getUUID("episode_id"),
                            row.getInteger("position_seconds"), row.getInteger("duration_seconds")));
                } else {
                    items.add(new ContinueWatchingItem(title, row.getUUID("next_episode_id"), 0,
                            row.getInteger("next_duration_seconds")));
                }
            }
            return items;
        });
    }

    /** The most played titles of the last seven days. */
    public Uni<List<TitleSummary>> trending(int maturityLevel) {
        String sql = "SELECT " + TitleQueries.SUMMARY_COLUMNS + """
                 FROM (SELECT title_id, count(*) AS plays FROM play_event
                       WHERE started_at > now() - interval '7 days' GROUP BY title_id) p
                JOIN title t ON t.id = p.title_id
                WHERE t.maturity_rating <= $1
                ORDER BY p.plays DESC, t.id LIMIT $2""";
        return pool.preparedQuery(sql).execute(Tuple.of(maturityLevel, ROW_SIZE)).map(TitleQueries::summaries);
    }

    /** A row per genre, its most popular titles first; genres with nothing the profile may see are left out. */
    public Uni<List<HomeRow>> genreRows(int maturityLevel) {
        String sql = "SELECT g.slug AS genre_slug, g.name AS genre_name, " + TitleQueries.SUMMARY_COLUMNS + """
                 FROM genre g CROSS JOIN LATERAL (
                    SELECT t.* FROM title_genre tg JOIN title t ON t.id = tg.title_id
                    WHERE tg.genre_slug = g.slug AND t.maturity_rating <= $1
                    ORDER BY t.play_count DESC, t.id DESC LIMIT $2) t
                ORDER BY g.name, t.play_count DESC, t.id DESC""";
        return pool.preparedQuery(sql).execute(Tuple.of(maturityLevel, ROW_SIZE)).map(rows -> {
            Map<String, HomeRow> byGenre = new LinkedHashMap<>();
            for (Row row : rows) {
                String slug = row.getString("genre_slug");
                byGenre.computeIfAbsent(slug, s -> new HomeRow("genre:" + s, row.getString("genre_name"),
                        new ArrayList<>())).items().add(TitleQueries.summary(row));
            }
            return List.copyOf(byGenre.values());
        });
    }

    /**
     * Titles sharing genres with the title the profile most recently rated up, leaving out what it has watched or
     * rated down; null when it has rated nothing up.
     */
    public Uni<HomeRow> becauseYouLiked(UUID profileId, int maturityLevel) {
        String sql = """
                WITH liked AS (
                    SELECT r.title_id, lt.name FROM title_rating r JOIN title lt ON lt.id = r.title_id
                    WHERE r.profile_id = $1 AND r.rating = 'up' AND lt.maturity_rating <= $2
                    ORDER BY r.rated_at DESC LIMIT 1)
                SELECT liked.title_id AS liked_id, liked.name AS liked_name, %s, count(*) AS shared
                FROM liked
                JOIN title_genre lg ON lg.title_id = liked.title_id
                JOIN title_genre tg ON tg.genre_slug = lg.genre_slug AND tg.title_id <> liked.title_id
                JOIN title t ON t.id = tg.title_id
                WHERE t.maturity_rating <= $2
                  AND NOT EXISTS (SELECT 1 FROM watch_progress w WHERE w.profile_id = $1 AND w.title_id = t.id)
                  AND NOT EXISTS (SELECT 1 FROM title_rating d
                                  WHERE d.profile_id = $1 AND d.title_id = t.id AND d.rating = 'down')
                GROUP BY liked.title_id, liked.name, t.id
                ORDER BY shared DESC, t.play_count DESC, t.id
                LIMIT $3""".formatted(TitleQueries.SUMMARY_COLUMNS);
        return pool.preparedQuery(sql).execute(Tuple.of(profileId, maturityLevel, ROW_SIZE)).map(rows -> {
            if (rows.size() == 0) {
                return null;
            }
            Row first = rows.iterator().next();
            return new HomeRow("because-you-liked:" + first.getUUID("liked_id"),
                    "Because you liked " + first.getString("liked_name"), TitleQueries.summaries(rows));
        });
    }
}
