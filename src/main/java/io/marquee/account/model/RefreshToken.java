package io.marquee.account.model;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A refresh token, stored only as its SHA-256; {@code rotatedAt} is set the one time it is exchanged. */
@Entity
@Table(name = "refresh_token")
public class RefreshToken extends PanacheEntityBase {

    @Id
    @Column(name = "token_hash")
    public byte[] tokenHash;
    @Column(name = "session_id")
    public UUID sessionId;
    @Column(name = "profile_id")
    public UUID profileId;
    @Column(name = "issued_at")
    public Instant issuedAt;
    @Column(name = "rotated_at")
    public Instant rotatedAt;
}
