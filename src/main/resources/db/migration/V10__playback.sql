-- Stream leases: one per playing screen. The account's plan limits how many are active at once.
CREATE TABLE stream_lease (
    id               uuid        PRIMARY KEY,
    account_id       uuid        NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    profile_id       uuid        NOT NULL REFERENCES profile (id) ON DELETE CASCADE,
    title_id         uuid        NOT NULL REFERENCES title (id) ON DELETE CASCADE,
    episode_id       uuid        NULL REFERENCES episode (id) ON DELETE CASCADE,
    device_name      text        NULL,
    started_at       timestamptz NOT NULL,
    heartbeat_at     timestamptz NOT NULL,
    -- Without a heartbeat the lease lapses at this instant (three heartbeat intervals after the last one).
    expires_at       timestamptz NOT NULL,
    ended_at         timestamptz NULL,
    position_seconds integer     NOT NULL DEFAULT 0
);
CREATE INDEX stream_lease_active_idx ON stream_lease (account_id) WHERE ended_at IS NULL;
CREATE INDEX stream_lease_expiry_idx ON stream_lease (expires_at) WHERE ended_at IS NULL;
CREATE INDEX stream_lease_ended_idx ON stream_lease (ended_at) WHERE ended_at IS NOT NULL;
