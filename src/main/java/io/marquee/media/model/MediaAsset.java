package io.marquee.media.model;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * One object in the media bucket: a video rendition, a subtitle track or a piece of artwork of a title or episode.
 * {@code etag} is the strong ETag exactly as S3 returned it, double quotes included.
 */
@Entity
@Table(name = "media_asset")
public class MediaAsset extends PanacheEntityBase {

    public static final String VIDEO = "video";
    public static final String SUBTITLE = "subtitle";
    public static final String POSTER = "poster";
    public static final String BACKDROP = "backdrop";

    @Id
    public UUID id;
    @Column(name = "title_id")
    public UUID titleId;
    @Column(name = "episode_id")
    public UUID episodeId;
    public String kind;
    public String label;
    public String language;
    @Column(name = "s3_key")
    public String s3Key;
    @Column(name = "content_type")
    public String contentType;
    @Column(name = "size_bytes")
    public long sizeBytes;
    public String etag;
    @Column(name = "last_modified")
    public Instant lastModified;
    public Integer width;
    public Integer height;
    public Long bitrate;
    @Column(name = "duration_seconds")
    public Integer durationSeconds;
    @Column(name = "created_at")
    public Instant createdAt;
}
