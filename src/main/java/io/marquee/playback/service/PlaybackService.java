package io.marquee.playback.service;

import io.marquee.account.Viewer;
import io.marquee.account.ViewerResolver;
import io.marquee.account.model.Account;
import io.marquee.account.model.Profile;
import io.marquee.account.revocation.Revocation;
import io.marquee.account.revocation.RevocationFeed;
import io.marquee.catalog.model.Episode;
import io.marquee.catalog.model.Title;
import io.marquee.common.problem.ApiException;
import io.marquee.common.problem.Problem;
import io.marquee.common.problem.ProblemType;
import io.marquee.library.service.WatchHistory;
import io.marquee.media.model.MediaAsset;
import io.marquee.packaging.manifest.PackagedPaths;
import io.marquee.playback.PlaybackConfig;
import io.marquee.playback.grant.Grants;
import io.marquee.playback.model.StreamLease;
import io.marquee.playback.rest.PlaybackDtos.ActiveStream;
import io.marquee.playback.rest.PlaybackDtos.Playback;
import io.marquee.playback.rest.PlaybackDtos.Stream;
import io.marquee.playback.rest.PlaybackDtos.StreamLimitProblem;
import io.marquee.playback.rest.PlaybackDtos.Subtitle;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Starting, keeping and ending playbacks. Starting checks maturity and what is playable, then takes a stream lease
 * under the account row lock, so the plan's stream limit holds however many instances race.
 */
@ApplicationScoped
public class PlaybackService {

    private final ViewerResolver viewers;
    private final WatchHistory history;
    private final Grants grants;
    private final PlaybackConfig config;
    private final String baseUrl;
    private final Counter started;
    private final Counter refused;

    public PlaybackService(ViewerResolver viewers, WatchHistory history, Grants grants, PlaybackConfig config,
                           @ConfigProperty(name = "marquee.public-base-url") Optional<String> publicBaseUrl,
                           MeterRegistry registry) {
        this.viewers = viewers;
        this.history = history;
        this.grants = grants;
        this.config = config;
        this.baseUrl = publicBaseUrl.map(url -> url.replaceAll("/+$", "")).orElse("");
        this.started = Counter.builder("marquee.leases.started").description("Stream leases taken").register(registry);
        this.refused = Counter.builder("marquee.leases.refused").description("Playbacks refused at the stream limit")
                .register(registry);
    }

    private record Playable(Title title, Episode episode, List<MediaAsset> videos, List<MediaAsset> subtitles) {
    }

    @WithTransaction
    public Uni<Playback> start(UUID titleId, UUID episodeId, String deviceName) {
        // The play is recorded last: it locks the title's row until commit, and every other start of that title, on
        // any instance, waits for that lock.
        return viewers.profileViewer().chain(viewer -> playable(viewer, titleId, episodeId)
                .chain(playable -> takeLease(viewer, playable, deviceName)
                        .chain(lease -> resumePosition(viewer, playable)
                                .call(() -> history.recordPlay(viewer.profileId(), titleId))
                                .map(resume -> playback(lease, playable, resume)))));
    }

    /**
     * Keeps a lease alive and records progress. A heartbeat for a lease that has lapsed ends it (revoking its grant
     * on every instance) and that end is committed before the 410 is answered: failing inside the transaction would
     * roll the end back, leaving a lapsed lease open until the next expiry sweep.
     */
    public Uni<Void> heartbeat(UUID accountId, UUID leaseId, int positionSeconds) {
        return Panache.withTransaction(() -> recordHeartbeat(accountId, leaseId, positionSeconds))
                .invoke(alive -> {
                    if (!alive) {
                        throw new ApiException(ProblemType.GONE, "This stream has ended. Start playback again.");
                    }
                })
                .replaceWithVoid();
    }

    /** True when the lease was active and now lasts another lifetime; false when it had lapsed and is now ended. */
    private Uni<Boolean> recordHeartbeat(UUID accountId, UUID leaseId, int positionSeconds) {
        Instant now = Instant.now();
        return ownedLease(accountId, leaseId).chain(lease -> {
            if (!lease.activeAt(now)) {
                return endLease(lease, lease.endedAt == null ? lease.expiresAt : lease.endedAt).replaceWith(false);
            }
            lease.heartbeatAt = now;
            lease.expiresAt = now.plus(config.leaseLifetime());
            lease.positionSeconds = positionSeconds;
            return recordProgress(lease, positionSeconds).replaceWith(true);
        });
    }

    /** Ends a lease of the account (from any of its profiles); its grant stops working on every instance. */
    @WithTransaction
    public Uni<Void> end(UUID accountId, UUID leaseId, Integer positionSeconds) {
        return ownedLease(accountId, leaseId).chain(lease -> {
            if (lease.endedAt != null) {
                return Uni.createFrom().voidItem();
            }
            if (positionSeconds != null) {
                lease.positionSeconds = positionSeconds;
            }
            Uni<Void> progress = positionSeconds == null ? Uni.createFrom().voidItem() : recordProgress(lease, positionSeconds);
            return progress.chain(() -> endLease(lease, Instant.now()));
        });
    }

    private Uni<Playable> playable(Viewer viewer, UUID titleId, UUID episodeId) {
        return Title.<Title>findById(titleId)
                .onItem().ifNull().failWith(() -> ApiException.notFound("No such title."))
                .chain(title -> {
                    if (!viewer.maySee(title.maturityRating)) {
                        return Uni.createFrom().failure(ApiException.forbidden(ProblemType.MATURITY_RESTRICTED,
                                "This title is rated above this profile's maturity level."));
                    }
                    return episodeOf(title, episodeId).chain(episode -> MediaAsset.<MediaAsset>list(
                                    "titleId = ?1 and " + (episode == null ? "episodeId is null" : "episodeId = ?2")
                                            + " and kind in ('video', 'subtitle') order by kind, label",
                                    episode == null ? new Object[]{title.id} : new Object[]{title.id, episode.id})
                            .map(assets -> new Playable(title, episode,
                                    assets.stream().filter(a -> MediaAsset.VIDEO.equals(a.kind))
                                            .sorted(Comparator.comparing((MediaAsset a) -> a.height == null ? 0 : a.height).reversed())
                                            .toList(),
                                    assets.stream().filter(a -> MediaAsset.SUBTITLE.equals(a.kind)).toList())));
                })
                .invoke(playable -> {
                    if (playable.videos().isEmpty()) {
                        throw new ApiException(ProblemType.UNPROCESSABLE, "Nothing is playable for this title yet.");
                    }
                });
    }

    private Uni<Episode> episodeOf(Title title, UUID episodeId) {
        if (Title.MOVIE.equals(title.type)) {
            return episodeId == null ? Uni.createFrom().nullItem()
                    : Uni.createFrom().failure(ApiException.notFound("No such episode."));
        }
        if (episodeId != null) {
            return Episode.<Episode>findById(episodeId)
                    .map(e -> e != null && e.titleId.equals(title.id) ? e : null)
                    .onItem().ifNull().failWith(() -> ApiException.notFound("No such episode."));
        }
        return Episode.<Episode>find("titleId = ?1 order by seasonNumber, number", title.id).firstResult()
                .onItem().ifNull().failWith(() -> new ApiException(ProblemType.UNPROCESSABLE,
                        "This series has no episodes yet."));
    }

    private Uni<StreamLease> takeLease(Viewer viewer, Playable playable, String deviceName) {
        Instant now = Instant.now();
        return Account.<Account>findById(viewer.accountId(), LockModeType.PESSIMISTIC_WRITE)
                .chain(account -> StreamLease.<StreamLease>list(
                                "accountId = ?1 and endedAt is null and expiresAt > ?2 order by startedAt",
                                account.id, now)
                        .chain(active -> {
                            if (active.size() >= account.plan.maxStreams()) {
                                refused.increment();
                                return streamLimit(account, active).chain(problem -> Uni.createFrom().failure(problem));
                            }
                            StreamLease lease = new StreamLease();
                            lease.id = UUID.randomUUID();
                            lease.accountId = account.id;
                            lease.profileId = viewer.profileId();
                            lease.titleId = playable.title().id;
                            lease.episodeId = playable.episode() == null ? null : playable.episode().id;
                            lease.deviceName = deviceName;
                            lease.startedAt = now;
                            lease.heartbeatAt = now;
                            lease.expiresAt = now.plus(config.leaseLifetime());
                            return lease.<StreamLease>persist().invoke(saved -> started.increment());
                        }));
    }

    private Uni<ApiException> streamLimit(Account account, List<StreamLease> active) {
        List<UUID> profileIds = active.stream().map(l -> l.profileId).distinct().toList();
        List<UUID> titleIds = active.stream().map(l -> l.titleId).distinct().toList();
        return Profile.<Profile>list("id in ?1", profileIds).chain(profiles -> Title.<Title>list("id in ?1", titleIds)
                .map(titles -> {
                    List<ActiveStream> streams = new ArrayList<>();
                    for (StreamLease lease : active) {
                        streams.add(new ActiveStream(lease.id, lease.deviceName,
                                profiles.stream().filter(p -> p.id.equals(lease.profileId)).map(p -> p.name).findFirst().orElse(null),
                                titles.stream().filter(t -> t.id.equals(lease.titleId)).map(t -> t.name).findFirst().orElse(null),
                                lease.startedAt));
                    }
                    String detail = "Your " + account.plan + " plan allows " + account.plan.maxStreams()
                            + (account.plan.maxStreams() == 1 ? " stream" : " streams")
                            + " at a time. End one of the active streams or upgrade your plan.";
                    Problem problem = Problem.of(ProblemType.STREAM_LIMIT, detail);
                    return new ApiException(problem, new StreamLimitProblem(problem.type(), problem.title(),
                            problem.status(), detail, streams), Map.of());
                }));
    }

    private Uni<Integer> resumePosition(Viewer viewer, Playable playable) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        SELECT position_seconds, duration_seconds FROM watch_progress
                        WHERE profile_id = :profile AND title_id = :title
                          AND episode_id IS NOT DISTINCT FROM CAST(:episode AS uuid)""", Object[].class)
                .setParameter("profile", viewer.profileId())
                .setParameter("title", playable.title().id)
                .setParameter("episode", playable.episode() == null ? null : playable.episode().id.toString())
                .getResultList())
                .map(rows -> {
                    if (rows.isEmpty()) {
                        return 0;
                    }
                    int position = ((Number) rows.get(0)[0]).intValue();
                    int duration = ((Number) rows.get(0)[1]).intValue();
                    return position >= duration * 0.9 ? 0 : position;
                });
    }

    private Playback playback(StreamLease lease, Playable playable, int resumeFrom) {
        List<UUID> assetIds = new ArrayList<>();
        playable.videos().forEach(a -> assetIds.add(a.id));
        playable.subtitles().forEach(a -> assetIds.add(a.id));
        String grant = grants.issue(lease.id, lease.profileId, assetIds);
        List<Stream> streams = playable.videos().stream().map(a -> new Stream(a.id, url(a, grant), a.contentType,
                a.width, a.height, a.bitrate, a.sizeBytes, a.label)).toList();
        List<Subtitle> subtitles = playable.subtitles().stream()
                .map(a -> new Subtitle(a.id, url(a, grant), a.language, a.label)).toList();
        boolean packageable = playable.videos().stream().anyMatch(a -> "video/mp4".equals(a.contentType));
        return new Playback(lease.id, lease.expiresAt, config.heartbeatInterval().toSeconds(), resumeFrom, streams,
                subtitles, packageable ? packagedUrl(grant, PackagedPaths.MULTIVARIANT) : null,
                packageable ? packagedUrl(grant, PackagedPaths.MPD) : null);
    }

    private String url(MediaAsset asset, String grant) {
        return baseUrl + "/stream/" + asset.id + "?token=" + grant;
    }

    /** Adaptive manifests carry the grant in their path, so the relative URIs inside them carry it too. */
    private String packagedUrl(String grant, String manifest) {
        return baseUrl + "/packaged/" + grant + "/" + manifest;
    }

    private Uni<Void> recordProgress(StreamLease lease, int positionSeconds) {
        Uni<Integer> duration = lease.episodeId != null
                ? Episode.<Episode>findById(lease.episodeId).map(e -> e == null ? 0 : e.durationSeconds)
                : Title.<Title>findById(lease.titleId).chain(title -> title != null && title.runtimeSeconds != null
                        ? Uni.createFrom().item(title.runtimeSeconds)
                        : MediaAsset.<MediaAsset>find("titleId = ?1 and kind = 'video' and durationSeconds is not null",
                                lease.titleId).firstResult().map(a -> a == null ? 0 : a.durationSeconds));
        return duration.chain(seconds -> seconds == null || seconds <= 0 ? Uni.createFrom().voidItem()
                : history.recordProgress(lease.profileId, lease.titleId, lease.episodeId, positionSeconds, seconds));
    }

    private static Uni<StreamLease> ownedLease(UUID accountId, UUID leaseId) {
        return StreamLease.<StreamLease>findById(leaseId)
                .map(lease -> lease != null && lease.accountId.equals(accountId) ? lease : null)
                .onItem().ifNull().failWith(() -> ApiException.notFound("No such stream."));
    }

    private static Uni<Void> endLease(StreamLease lease, Instant at) {
        if (lease.endedAt != null) {
            return Uni.createFrom().voidItem();
        }
        lease.endedAt = at;
        return RevocationFeed.publish(Revocation.lease(lease.id));
    }
}
