package io.marquee.catalog.model;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** An episode of a series, numbered within its season. */
@Entity
@Table(name = "episode")
public class Episode extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "title_id")
    public UUID titleId;
    @Column(name = "season_number")
    public int seasonNumber;
    public int number;
    public String name;
    public String synopsis;
    @Column(name = "duration_seconds")
    public int durationSeconds;
    @Column(name = "created_at")
    public Instant createdAt;
}
