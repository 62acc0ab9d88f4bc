package io.marquee.catalog.model;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/** A movie or a series; a series has seasons of episodes. */
@Entity
@Table(name = "title")
public class Title extends PanacheEntityBase {

    public static final String MOVIE = "movie";
    public static final String SERIES = "series";

    @Id
    public UUID id;
    public String type;
    public String name;
    public String synopsis;
    public int year;
    @Column(name = "maturity_rating")
    public int maturityRating;
    @Column(name = "runtime_seconds")
    public Integer runtimeSeconds;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "cast_members", columnDefinition = "text[]")
    public String[] cast;
    @Column(name = "play_count")
    public long playCount;
    @ElementCollection
    @CollectionTable(name = "title_genre", joinColumns = @JoinColumn(name = "title_id"))
    @Column(name = "genre_slug")
    public Set<String> genres = new HashSet<>();
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
