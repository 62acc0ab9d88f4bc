package io.marquee.catalog.repository;

import io.marquee.catalog.view.CatalogViews.EpisodeView;
import io.marquee.catalog.view.CatalogViews.GenreView;
import io.marquee.catalog.view.CatalogViews.SeasonView;
import io.marquee.catalog.view.CatalogViews.TitleDetail;
import io.marquee.catalog.view.CatalogViews.TitleSummary;
import io.marquee.common.paging.Cursor;
import io.marquee.common.paging.Page;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Read-side SQL of the catalog, on the reactive PostgreSQL client: browse with keyset paging, detail, search. Every
 * query takes the viewer's maturity level, so nothing rated above it is ever read.
 */
@ApplicationScoped
public class TitleQueries {

    /** The columns of a {@link TitleSummary}, for a title aliased {@code t}. */
    public static final String SUMMARY_COLUMNS = """
            t.id, t.type, t.name, t.year, t.maturity_rating,
            array(SELECT g.genre_slug FROM title_genre g WHERE g.title_id = t.id ORDER BY g.genre_slug) AS genres,
            EXISTS (SELECT 1 FROM media_asset a WHERE a.title_id = t.id AND a.episode_id IS NULL AND a.kind = 'poster')
                AS has_poster""";

    /** One title ($1) as {@link #detail} reads it, if rated at most $2. */
    public static final String DETAIL = "SELECT " + SUMMARY_COLUMNS + """
            , t.synopsis, t.runtime_seconds, t.cast_members,
            EXISTS (SELECT 1 FROM media_asset a WHERE a.title_id = t.id AND a.episode_id IS NULL
                    AND a.kind = 'backdrop') AS has_backdrop,
            EXISTS (SELECT 1 FROM media_asset a WHERE a.title_id = t.id AND a.kind = 'video') AS playable
            FROM title t WHERE t.id = $1 AND t.maturity_rating <= $2""";

    /** The seasons and episodes of a title ($1). */
    public static final String EPISODES = """
            SELECT s.number AS season_number, e.id, e.number, e.name, e.synopsis, e.duration_seconds
            FROM season s LEFT JOIN episode e ON e.title_id = s.title_id AND e.season_number = s.number
            WHERE s.title_id = $1 ORDER BY s.number, e.number""";

    /** Search for $1 among titles rated at most $2, best $3 first. */
    public static final String SEARCH = "SELECT " + SUMMARY_COLUMNS + """
             FROM title t,
                 (SELECT websearch_to_tsquery('english', $1) || websearch_to_tsquery('simple', $1) AS q) query
            WHERE t.maturity_rating <= $2
              AND (t.search_vector @@ q OR t.name % $1 OR $1 <% t.name)
            ORDER BY ts_rank(t.search_vector, q) + similarity(t.name, $1) + word_similarity($1, t.name) DESC,
                     t.play_count DESC, t.id
            LIMIT $3""";

    private final Pool pool;

    public TitleQueries(Pool pool) {
        this.pool = pool;
    }

    /** The filters of a browse request; null means "any". */
    public record Filter(String type, String genre, Integer year) {
    }

    public Uni<Page<TitleSummary>> browse(int maturityLevel, Filter filter, TitleSort sort, String cursor, int limit) {
        List<Object> params = new ArrayList<>(List.of(maturityLevel));
        StringBuilder sql = new StringBuilder("SELECT ").append(SUMMARY_COLUMNS)
                .append(", t.play_count, t.sort_name FROM title t WHERE t.maturity_rating <= $1");
        if (filter.type() != null) {
            params.add(filter.type());
            sql.append(" AND t.type = $").append(params.size());
        }
        if (filter.year() != null) {
            params.add(filter.year());
            sql.append(" AND t.year = $").append(params.size());
        }
        if (filter.genre() != null) {
            params.add(filter.genre());
            sql.append(" AND EXISTS (SELECT 1 FROM title_genre tg WHERE tg.title_id = t.id AND tg.genre_slug = $")
                    .append(params.size()).append(')');
        }
        if (cursor != null) {
            List<String> key = Cursor.decode(cursor, 3);
            if (!sort.param().equals(key.get(0))) {
                throw Cursor.invalid();
            }
            try {
                params.add(switch (sort) {
                    case POPULAR -> Long.parseLong(key.get(1));
                    case NEWEST -> Integer.parseInt(key.get(1));
                    case TITLE -> key.get(1);
                });
                params.add(UUID.fromString(key.get(2)));
            } catch (IllegalArgumentException e) {
                throw Cursor.invalid();
            }
            int a = params.size() - 1;
            int b = params.size();
            sql.append(switch (sort) {
                case POPULAR -> " AND (t.play_count, t.id) < ($" + a + ", $" + b + ")";
                case NEWEST -> " AND (t.year, t.id) < ($" + a + ", $" + b + ")";
                case TITLE -> " AND (t.sort_name, t.id) > ($" + a + ", $" + b + ")";
            });
        }
        sql.append(switch (sort) {
            case POPULAR -> " ORDER BY t.play_count DESC, t.id DESC";
            case NEWEST -> " ORDER BY t.year DESC, t.id DESC";
            case TITLE -> " ORDER BY t.sort_name, t.id";
        });
        params.add(limit + 1);
        sql.append(" LIMIT $").append(params.size());
        return pool.preparedQuery(sql.toString()).execute(Tuple.from(params)).map(rows -> {
            List<Row> all = new ArrayList<>();
            rows.forEach(all::add);
            List<Row> page = all.size() > limit ? all.subList(0, limit) : all;
            String next = null;
            if (all.size() > limit) {
                Row last = page.get(page.size() - 1);
                String key = switch (sort) {
                    case POPULAR -> Long.toString(last.getLong("play_count"));
                    case NEWEST -> Integer.toString(last.getInteger("year"));
                    case TITLE -> last.getString("sort_name");
                };
                next = Cursor.encode(List.of(sort.param(), key, last.getUUID("id").toString()));
            }
            return new Page<>(page.stream().map(TitleQueries::summary).toList(), next);
        });
    }

    /** The title with its seasons and episodes, or null when there is none the viewer may see. */
    public Uni<TitleDetail> detail(UUID titleId, int maturityLevel) {
        return pool.preparedQuery(DETAIL).execute(Tuple.of(titleId, maturityLevel)).chain(rows -> {
            if (rows.size() == 0) {
                return Uni.createFrom().nullItem();
            }
            Row row = rows.iterator().next();
            return episodes(titleId).map(seasons -> detail(row, seasons));
        });
    }

    /** Ranked search over names, cast and synopses, tolerant of typos through trigram similarity. */
    public Uni<List<TitleSummary>> search(String query, int maturityLevel, int limit) {
        return pool.preparedQuery(SEARCH).execute(Tuple.of(query, maturityLevel, limit)).map(TitleQueries::summaries);
    }

    public Uni<List<GenreView>> genres() {
        return pool.query("SELECT slug, name FROM genre ORDER BY name").execute()
                .map(rows -> {
                    List<GenreView> genres = new ArrayList<>();
                    rows.forEach(row -> genres.add(new GenreView(row.getString("slug"), row.getString("name"))));
                    return genres;
                });
    }

    private Uni<List<SeasonView>> episodes(UUID titleId) {
        return pool.preparedQuery(EPISODES).execute(Tuple.of(titleId)).map(rows -> {
            Map<Integer, List<EpisodeView>> seasons = new LinkedHashMap<>();
            for (Row row : rows) {
                List<EpisodeView> episodes = seasons.computeIfAbsent(row.getInteger("season_number"),
                        n -> new ArrayList<>());
                if (row.getUUID("id") != null) {
                    episodes.add(new EpisodeView(row.getUUID("id"), row.getInteger("number"), row.getString("name"),
                            row.getString("synopsis"), row.getInteger("duration_seconds")));
                }
            }
            List<SeasonView> result = new ArrayList<>();
            seasons.forEach((number, episodes) -> result.add(new SeasonView(number, List.copyOf(episodes))));
            return result;
        });
    }

    public static List<TitleSummary> summaries(RowSet<Row> rows) {
        List<TitleSummary> titles = new ArrayList<>();
        rows.forEach(row -> titles.add(summary(row)));
        return titles;
    }

    public static TitleSummary summary(Row row) {
        UUID id = row.getUUID("id");
        return new TitleSummary(id, row.getString("type"), row.getString("name"), row.getInteger("year"),
                row.getInteger("maturity_rating"), Arrays.asList(row.getArrayOfStrings("genres")),
                row.getBoolean("has_poster") ? artworkUrl(id, "poster") : null);
    }

    private static TitleDetail detail(Row row, List<SeasonView> seasons) {
        TitleSummary s = summary(row);
        String[] cast = row.getArrayOfStrings("cast_members");
        return new TitleDetail(s.id(), s.type(), s.name(), s.year(), s.maturityRating(), s.genres(), s.posterUrl(),
                row.getString("synopsis"), row.getInteger("runtime_seconds"),
                row.getBoolean("has_backdrop") ? artworkUrl(s.id(), "backdrop") : null,
                cast == null ? List.of() : Arrays.asList(cast), seasons, row.getBoolean("playable"));
    }

    /** Root-relative URL of a title's artwork, served by the public artwork endpoint. */
    public static String artworkUrl(UUID titleId, String kind) {
        return "/artwork/" + titleId + "/" + kind;
    }
}
