package io.marquee.media.service;

import io.marquee.common.problem.ApiException;
import io.marquee.media.model.MediaAsset;
import io.marquee.media.view.MediaViews.Artwork;
import io.marquee.media.view.MediaViews.EpisodeMedia;
import io.marquee.media.view.MediaViews.Rendition;
import io.marquee.media.view.MediaViews.Subtitle;
import io.marquee.media.view.MediaViews.TitleMedia;
import io.marquee.packaging.mp4.MediaIndexCodec;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** A title's media as administrators review it: each video rendition with its index (or why it has none). */
@ApplicationScoped
public class MediaLadder {

    private static final String ASSETS = "SELECT a.id, a.episode_id, a.kind, a.label, a.language, a.content_type,"
            + " a.size_bytes, a.width, a.height, i.video_codec, i.audio_codec, i.width AS index_width,"
            + " i.height AS index_height, i.frame_rate, i.average_bitrate, i.peak_bitrate, i.duration_ms,"
            + " i.segment_count, coalesce(i.source_etag = a.etag AND i.format = $2, false) AS indexed,"
            + " coalesce(e.source_etag = a.etag, false) AS failed, e.detail"
            + " FROM media_asset a LEFT JOIN media_index i ON i.asset_id = a.id"
            + " LEFT JOIN media_index_error e ON e.asset_id = a.id WHERE a.title_id = $1";
    private static final Comparator<Rendition> HIGHEST_FIRST = Comparator
            .comparing((Rendition r) -> r.height() == null ? -1 : r.height(), Comparator.reverseOrder())
            .thenComparing(Rendition::label);

    private final Pool pool;

    public MediaLadder(Pool pool) {
        this.pool = pool;
    }

    /** The title's media, its episodes' grouped by episode; 404 when there is no such title. */
    public Uni<TitleMedia> forTitle(UUID titleId) {
        return pool.preparedQuery("SELECT type FROM title WHERE id = $1").execute(Tuple.of(titleId))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw ApiException.notFound("No such title.");
                    }
                    return rows.iterator().next().getString("type");
                })
                .chain(type -> episodes(titleId).chain(episodes -> assets(titleId).map(assets -> new TitleMedia(
                        titleId, type, renditions(assets, null), subtitles(assets, null), artwork(assets),
                        episodes.stream().map(e -> new EpisodeMedia(e.episodeId(), e.seasonNumber(), e.number(),
                                e.name(), renditions(assets, e.episodeId()), subtitles(assets, e.episodeId())))
                                .toList()))));
    }

    /** One episode's renditions and subtitles; 404 when there is no such episode. */
    public Uni<EpisodeMedia> forEpisode(UUID episodeId) {
        return pool.preparedQuery("SELECT title_id FROM episode WHERE id = $1").execute(Tuple.of(episodeId))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw ApiException.notFound("No such episode.");
                    }
                    return rows.iterator().next().getUUID("title_id");
                })
                .chain(this::forTitle)
                .map(title -> title.episodes().stream().filter(e -> e.episodeId().equals(episodeId)).findFirst()
                        .orElseThrow(() -> ApiException.notFound("No such episode.")));
    }

    private Uni<List<EpisodeMedia>> episodes(UUID titleId) {
        return pool.preparedQuery("SELECT id, season_number, number, name FROM episode WHERE title_id = $1"
                        + " ORDER BY season_number, number").execute(Tuple.of(titleId))
                .map(rows -> {
                    List<EpisodeMedia> episodes = new ArrayList<>();
                    for (Row row : rows) {
                        episodes.add(new EpisodeMedia(row.getUUID("id"), row.getInteger("season_number"),
                                row.getInteger("number"), row.getString("name"), List.of(), List.of()));
                    }
                    return episodes;
                });
    }

    private Uni<List<Row>> assets(UUID titleId) {
        return pool.preparedQuery(ASSETS).execute(Tuple.of(titleId, MediaIndexCodec.FORMAT)).map(MediaLadder::list);
    }

    private static List<Rendition> renditions(List<Row> assets, UUID episodeId) {
        return assets.stream().filter(a -> MediaAsset.VIDEO.equals(a.getString("kind"))
                        && Objects.equals(a.getUUID("episode_id"), episodeId))
                .map(MediaLadder::rendition).sorted(HIGHEST_FIRST).toList();
    }

    private static Rendition rendition(Row a) {
        boolean indexed = a.getBoolean("indexed");
        boolean failed = !indexed && a.getBoolean("failed");
        return new Rendition(a.getUUID("id"), a.getString("label"), a.getLong("size_bytes"),
                indexed ? a.getInteger("index_width") : a.getInteger("width"),
                indexed ? a.getInteger("index_height") : a.getInteger("height"),
                indexed ? a.getString("video_codec") : null, indexed ? a.getString("audio_codec") : null,
                indexed ? a.getLong("average_bitrate") : null, indexed ? a.getLong("peak_bitrate") : null,
                indexed ? a.getDouble("frame_rate") : null,
                indexed ? a.getLong("duration_ms") / 1000.0 : null, indexed ? a.getInteger("segment_count") : null,
                indexed ? "indexed" : failed ? "failed" : "pending", failed ? a.getString("detail") : null);
    }

    private static List<Subtitle> subtitles(List<Row> assets, UUID episodeId) {
        return assets.stream().filter(a -> MediaAsset.SUBTITLE.equals(a.getString("kind"))
                        && Objects.equals(a.getUUID("episode_id"), episodeId))
                .map(a -> new Subtitle(a.getUUID("id"), a.getString("language"), a.getLong("size_bytes")))
                .sorted(Comparator.comparing(Subtitle::language)).toList();
    }

    private static List<Artwork> artwork(List<Row> assets) {
        return assets.stream().filter(a -> MediaAsset.POSTER.equals(a.getString("kind"))
                        || MediaAsset.BACKDROP.equals(a.getString("kind")))
                .map(a -> new Artwork(a.getUUID("id"), a.getString("kind"), a.getString("content_type"),
                        a.getInteger("width"), a.getInteger("height"), a.getLong("size_bytes")))
                .sorted(Comparator.comparing(Artwork::kind)).toList();
    }

    private static List<Row> list(RowSet<Row> rows) {
        List<Row> list = new ArrayList<>();
        rows.forEach(list::add);
        return list;
    }
}
