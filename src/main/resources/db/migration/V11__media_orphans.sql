-- Objects whose catalog rows are gone but whose deletion from the bucket is not yet confirmed. A row is written in
-- the same transaction that removes the catalog rows, and deleted once S3 confirms; a scheduled sweep retries.
CREATE TABLE media_orphan (
    s3_key      text        PRIMARY KEY,
    recorded_at timestamptz NOT NULL DEFAULT now(),
    attempts    integer     NOT NULL DEFAULT 0,
    last_error  text        NULL
);
CREATE INDEX media_orphan_recorded_idx ON media_orphan (recorded_at);
