-- The packaging index of each video asset (io.marquee.packaging.index): written in the transaction that installs the
-- media_asset row at upload, or by the backfill for older assets. index_bytes is MediaIndexCodec's form (format);
-- the other columns are the facts playlists and the admin ladder show without decoding it. source_etag is the ETag
-- of the object the index was read from: an index whose object changed since is not used.
CREATE TABLE media_index (
    asset_id          uuid             PRIMARY KEY REFERENCES media_asset (id) ON DELETE CASCADE,
    format            smallint         NOT NULL,
    segment_target_ms integer          NOT NULL CHECK (segment_target_ms > 0),
    source_etag       text             NOT NULL,
    index_bytes       bytea            NOT NULL,
    video_codec       text             NOT NULL,
    audio_codec       text             NULL,
    width             integer          NOT NULL,
    height            integer          NOT NULL,
    frame_rate        double precision NOT NULL,
    average_bitrate   bigint           NOT NULL,
    peak_bitrate      bigint           NOT NULL,
    duration_ms       bigint           NOT NULL,
    segment_count     integer          NOT NULL,
    created_at        timestamptz      NOT NULL DEFAULT now()
);
-- Already deflated: PostgreSQL would spend CPU trying to compress it again (TOAST still stores it out of line).
ALTER TABLE media_index ALTER COLUMN index_bytes SET STORAGE EXTERNAL;

-- Why a video asset could not be indexed (not packageable, or its object is missing), so neither the backfill at
-- every start nor every playback tries again; the admin ladder shows it. A new object (another ETag) is tried anew.
CREATE TABLE media_index_error (
    asset_id    uuid        PRIMARY KEY REFERENCES media_asset (id) ON DELETE CASCADE,
    source_etag text        NOT NULL,
    reason      text        NOT NULL,
    detail      text        NOT NULL,
    failed_at   timestamptz NOT NULL DEFAULT now()
);
