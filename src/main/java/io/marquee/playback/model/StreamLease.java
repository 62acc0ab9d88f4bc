package io.marquee.playback.model;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One screen playing: it counts against the account's stream limit until it ends or lapses without heartbeat. */
@Entity
@Table(name = "stream_lease")
public class StreamLease extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "account_id")
    public UUID accountId;
    @Column(name = "profile_id")
    public UUID profileId;
    @Column(name = "title_id")
    public UUID titleId;
    @Column(name = "episode_id")
    public UUID episodeId;
    @Column(name = "device_name")
    public String deviceName;
    @Column(name = "started_at")
    public Instant startedAt;
    @Column(name = "heartbeat_at")
    public Instant heartbeatAt;
    @Column(name = "expires_at")
    public Instant expiresAt;
    @Column(name = "ended_at")
    public Instant endedAt;
    @Column(name = "position_seconds")
    public int positionSeconds;

    public boolean activeAt(Instant now) {
        return endedAt == null && now.isBefore(expiresAt);
    }
}
