package io.marquee.account.model;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A subscriber's (or administrator's) account: the unit of billing, plans and stream limits. */
@Entity
@Table(name = "account")
public class Account extends PanacheEntityBase {

    public static final String ROLE_SUBSCRIBER = "subscriber";
    public static final String ROLE_ADMIN = "admin";

    @Id
    public UUID id;
    public String email;
    public String name;
    @Column(name = "password_hash")
    public String passwordHash;
    @Enumerated(EnumType.STRING)
    public Plan plan;
    public boolean admin;
    public boolean disabled;
    @Column(name = "disabled_at")
    public Instant disabledAt;
    @Column(name = "tokens_valid_after")
    public Instant tokensValidAfter;
    @Column(name = "created_at")
    public Instant createdAt;

    public List<String> roles() {
        return admin ? List.of(ROLE_ADMIN) : List.of(ROLE_SUBSCRIBER);
    }
}
