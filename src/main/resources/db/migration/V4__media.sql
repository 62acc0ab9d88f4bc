-- Media objects in S3: video renditions, subtitle tracks and artwork of a title or an episode.
CREATE TABLE media_asset (
    id               uuid        PRIMARY KEY,
    title_id         uuid        NOT NULL REFERENCES title (id) ON DELETE CASCADE,
    episode_id       uuid        NULL REFERENCES episode (id) ON DELETE CASCADE,
    kind             text        NOT NULL CHECK (kind IN ('video', 'subtitle', 'poster', 'backdrop')),
    label            text        NOT NULL,
    language         text        NULL,
    s3_key           text        NOT NULL UNIQUE,
    content_type     text        NOT NULL,
    size_bytes       bigint      NOT NULL,
    etag             text        NOT NULL,
    last_modified    timestamptz NOT NULL,
    width            integer     NULL,
    height           integer     NULL,
    bitrate          bigint      NULL,
    duration_seconds integer     NULL,
    created_at       timestamptz NOT NULL
);
CREATE UNIQUE INDEX media_asset_slot_key ON media_asset
    (title_id, coalesce(episode_id, '00000000-0000-0000-0000-000000000000'), kind, label);
CREATE INDEX media_asset_episode_idx ON media_asset (episode_id) WHERE episode_id IS NOT NULL;
