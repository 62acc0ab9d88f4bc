package io.marquee.account.model;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One viewer of an account, with the highest age rating it may see and an optional PIN. */
@Entity
@Table(name = "profile")
public class Profile extends PanacheEntityBase {

    public static final int MAX_PER_ACCOUNT = 5;

    @Id
    public UUID id;
    @Column(name = "account_id")
    public UUID accountId;
    public String name;
    @Column(name = "maturity_level")
    public int maturityLevel;
    @Column(name = "pin_hash")
    public String pinHash;
    @Column(name = "created_at")
    public Instant createdAt;

    public boolean locked() {
        return pinHash != null;
    }
}
