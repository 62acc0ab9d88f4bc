package io.marquee.packaging.rest;

import io.marquee.common.problem.Problem;
import io.marquee.common.problem.ProblemType;
import io.marquee.media.model.MediaAsset;
import io.marquee.packaging.PackagingConfig;
import io.marquee.packaging.index.MediaIndexes;
import io.marquee.packaging.manifest.DashManifest;
import io.marquee.packaging.manifest.HlsPlaylists;
import io.marquee.packaging.manifest.PackagedPaths;
import io.marquee.packaging.manifest.PackagedPaths.SegmentFile;
import io.marquee.packaging.manifest.Presentation;
import io.marquee.packaging.mp4.Fmp4Writer;
import io.marquee.packaging.mp4.MediaIndex;
import io.marquee.packaging.mp4.MediaIndexCodec;
import io.marquee.packaging.mp4.SegmentLayout;
import io.marquee.packaging.mp4.TrackIndex;
import io.marquee.packaging.service.PackagedTitle;
import io.marquee.packaging.service.PackagedTitles;
import io.marquee.playback.grant.PlaybackGrant;
import io.marquee.streaming.ByteResponder;
import io.marquee.streaming.ByteResponder.Lookup;
import io.marquee.streaming.ByteResponder.Resource;
import io.marquee.streaming.GrantCheck;
import io.marquee.streaming.GrantCheck.Allowed;
import io.marquee.streaming.GrantCheck.Refused;
import io.marquee.streaming.ObjectDirectory;
import io.marquee.streaming.StoredObject;
import io.marquee.streaming.body.BodyPart;
import io.marquee.streaming.body.ByteBody;
import io.marquee.streaming.http.ByteRange;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Adaptive streaming, packaged on the fly from the MP4s in S3: {@code /packaged/{grant}/master.m3u8} (HLS),
 * {@code /packaged/{grant}/manifest.mpd} (DASH), and below them each asset's playlists, init segments and fMP4
 * segments ({@link PackagedPaths}). The grant travels in the path, so every relative URI of a manifest carries it to
 * players that cannot set headers; it is checked on every request exactly as on {@code /stream}. A segment is its
 * moof, built from the stored index, followed by its samples from one ranged GET of the source.
 */
@ApplicationScoped
public class PackagedRoutes {

    static final String HLS_TYPE = "application/vnd.apple.mpegurl";
    static final String DASH_TYPE = "application/dash+xml";

    private final GrantCheck grants;
    private final PackagedTitles titles;
    private final ObjectDirectory directory;
    private final MediaIndexes indexes;
    private final ByteResponder responder;
    private final PackagingConfig config;

    public PackagedRoutes(GrantCheck grants, PackagedTitles titles, ObjectDirectory directory, MediaIndexes indexes,
                          ByteResponder responder, PackagingConfig config) {
        this.grants = grants;
        this.titles = titles;
        this.directory = directory;
        this.indexes = indexes;
        this.responder = responder;
        this.config = config;
    }

    void routes(@Observes Router router) {
        router.route("/packaged/:grant/:file").method(HttpMethod.GET).method(HttpMethod.HEAD).handler(this::manifest);
        router.route("/packaged/:grant/:assetId/:file").method(HttpMethod.GET).method(HttpMethod.HEAD)
                .handler(this::assetFile);
        router.route("/packaged/:grant/:assetId/:track/:file").method(HttpMethod.GET).method(HttpMethod.HEAD)
                .handler(this::segment);
        router.routeWithRegex("/packaged/.*").method(HttpMethod.OPTIONS).handler(responder::preflight);
        router.routeWithRegex("/packaged/.*").handler(ctx -> {
            if (ctx.request().method() == HttpMethod.GET || ctx.request().method() == HttpMethod.HEAD) {
                notFound(ctx, "manifest");
            } else {
                responder.methodNotAllowed(ctx);
            }
        });
    }

    /** {@code master.m3u8} or {@code manifest.mpd}: every rendition and track of the grant. */
    private void manifest(RoutingContext ctx) {
        String file = ctx.pathParam("file");
        Function<Presentation, String> render = switch (file) {
            case PackagedPaths.MULTIVARIANT -> HlsPlaylists::multivariant;
            case PackagedPaths.MPD -> DashManifest::of;
            default -> null;
        };
        if (render == null) {
            notFound(ctx, "manifest");
            return;
        }
        GrantCheck.Outcome outcome = grants.check(ctx.pathParam("grant"));
        if (!(outcome instanceof Allowed allowed)) {
            refused(ctx, "manifest", outcome);
            return;
        }
        String type = file.equals(PackagedPaths.MPD) ? DASH_TYPE : HLS_TYPE;
        responder.serve(ctx, "manifest", packaged(allowed.grant(),
                title -> Optional.of(manifest(title.manifest(file, type, render)))));
    }

    /** An asset's media playlist, I-frame playlist, subtitle playlist, or its WebVTT bytes. */
    private void assetFile(RoutingContext ctx) {
        GrantCheck.Outcome outcome = grants.check(ctx.pathParam("grant"), ctx.pathParam("assetId"));
        if (!(outcome instanceof Allowed allowed)) {
            refused(ctx, "manifest", outcome);
            return;
        }
        UUID assetId = GrantCheck.uuid(ctx.pathParam("assetId")).orElseThrow();
        String file = ctx.pathParam("file");
        String endpoint = file.equals(PackagedPaths.SUBTITLE_FILE) ? "subtitles" : "manifest";
        responder.serve(ctx, endpoint, packaged(allowed.grant(), title -> assetFile(title, assetId, file)));
    }

    private Optional<Resource> assetFile(PackagedTitle title, UUID assetId, String file) {
        Presentation p = title.presentation();
        Optional<Presentation.Video> video = p.videos().stream().filter(v -> v.assetId().equals(assetId)).findFirst();
        Optional<Presentation.Audio> audio = p.audio().filter(a -> a.assetId().equals(assetId));
        boolean subtitles = p.subtitles().stream().anyMatch(s -> s.assetId().equals(assetId));
        String key = assetId + "/" + file;
        return switch (file) {
            case PackagedPaths.VIDEO_PLAYLIST -> video.map(v -> manifest(title.manifest(key, HLS_TYPE,
                    x -> HlsPlaylists.video(v))));
            case PackagedPaths.KEY_FRAME_PLAYLIST -> video.map(v -> manifest(title.manifest(key, HLS_TYPE,
                    x -> HlsPlaylists.keyFrames(v))));
            case PackagedPaths.AUDIO_PLAYLIST -> audio.map(a -> manifest(title.manifest(key, HLS_TYPE,
                    x -> HlsPlaylists.audio(a))));
            case PackagedPaths.SUBTITLE_PLAYLIST -> subtitles ? Optional.of(manifest(title.manifest(key, HLS_TYPE,
                    x -> HlsPlaylists.subtitles(x.durationSeconds())))) : Optional.empty();
            case PackagedPaths.SUBTITLE_FILE -> subtitles ? title.object(assetId).map(object -> new Resource(
                    object.etag(), object.lastModified(), object.contentType(), config.segmentCacheControl(),
                    ByteBody.of(object))) : Optional.empty();
            default -> Optional.empty();
        };
    }

    /** {@code {asset}/video|audio/init.mp4}, {@code n.m4s} (1-based) or {@code n.key.m4s} (video). */
    private void segment(RoutingContext ctx) {
        GrantCheck.Outcome outcome = grants.check(ctx.pathParam("grant"), ctx.pathParam("assetId"));
        if (!(outcome instanceof Allowed)) {
            refused(ctx, "segment", outcome);
            return;
        }
        UUID assetId = GrantCheck.uuid(ctx.pathParam("assetId")).orElseThrow();
        String track = ctx.pathParam("track");
        String file = ctx.pathParam("file");
        boolean init = file.equals(PackagedPaths.INIT);
        SegmentFile segment = init ? null : SegmentFile.parse(file);
        boolean video = track.equals(PackagedPaths.VIDEO);
        if (!(video || track.equals(PackagedPaths.AUDIO)) || (!init && segment == null)
                || (segment != null && segment.keyFrame() && !video)) {
            notFound(ctx, "segment");
            return;
        }
        responder.serve(ctx, "segment", new Lookup() {
            @Override
            public Uni<Optional<Resource>> find() {
                return directory.asset(assetId).chain(object -> object.isEmpty()
                        || !MediaAsset.VIDEO.equals(object.get().kind()) ? Uni.createFrom().item(Optional.empty())
                        : indexes.forAsset(assetId).map(index -> index.flatMap(i -> segmentOf(object.get(), i,
                                video, init, segment))));
            }

            @Override
            public void forget(Resource resource) {
                directory.forget(assetId);
                indexes.forget(assetId);
            }
        });
    }

    private Optional<Resource> segmentOf(StoredObject object, MediaIndex index, boolean video, boolean init,
                                         SegmentFile file) {
        Optional<TrackIndex> found = video ? index.video() : index.audio();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        TrackIndex track = found.get();
        String type = video ? "video/mp4" : "audio/mp4";
        String source = object.etag().replace("\"", "");
        if (init) {
            return Optional.of(new Resource("\"" + source + ".p" + MediaIndexCodec.FORMAT + "." + track.trackId()
                    + ".init\"", object.lastModified(), type, config.segmentCacheControl(),
                    ByteBody.of(new BodyPart.Bytes(Fmp4Writer.initSegment(track)))));
        }
        int n = file.number() - 1;
        if (n >= track.segments().size()) {
            return Optional.empty();
        }
        SegmentLayout layout = file.keyFrame() ? Fmp4Writer.keyFrameSegment(track, n) : Fmp4Writer.mediaSegment(track, n);
        String etag = "\"" + source + ".p" + MediaIndexCodec.FORMAT + "." + track.trackId() + "."
                + (file.keyFrame() ? "k" : "s") + file.number() + "." + track.segments().get(n).startTicks() + "\"";
        return Optional.of(new Resource(etag, object.lastModified(), type, config.segmentCacheControl(),
                body(object, layout)));
    }

    /** The segment's header, then its samples: one ranged read, keeping only this track's spans of it. */
    static ByteBody body(StoredObject object, SegmentLayout layout) {
        long payload = layout.contentLength() - layout.header().length;
        if (payload == 0) {
            return ByteBody.of(new BodyPart.Bytes(layout.header()));
        }
        ByteRange read = new ByteRange(layout.sourceStart(), layout.sourceEnd() - 1);
        List<io.marquee.packaging.mp4.SourceSpan> kept = layout.spans().size() == 1 ? List.of() : layout.spans();
        return ByteBody.of(new BodyPart.Bytes(layout.header()), new BodyPart.ObjectBytes(object, read, kept));
    }

    private Lookup packaged(PlaybackGrant grant, Function<PackagedTitle, Optional<Resource>> pick) {
        return new Lookup() {
            @Override
            public Uni<Optional<Resource>> find() {
                return titles.forGrant(grant).map(title -> title.flatMap(pick));
            }

            @Override
            public void forget(Resource resource) {
                titles.forget(grant);
            }
        };
    }

    private Resource manifest(PackagedTitle.Manifest manifest) {
        return new Resource(manifest.etag(), manifest.lastModified(), manifest.contentType(),
                config.manifestCacheControl(), ByteBody.of(new BodyPart.Bytes(manifest.bytes())));
    }

    private void refused(RoutingContext ctx, String endpoint, GrantCheck.Outcome outcome) {
        responder.problem(ctx, endpoint, ((Refused) outcome).problem());
    }

    private void notFound(RoutingContext ctx, String endpoint) {
        responder.problem(ctx, endpoint, Problem.of(ProblemType.NOT_FOUND, "No such playlist or segment."));
    }
}
