-- A profile's personal library: My List, thumbs, watch progress, and plays (for trending).
CREATE TABLE my_list (
    profile_id uuid        NOT NULL REFERENCES profile (id) ON DELETE CASCADE,
    title_id   uuid        NOT NULL REFERENCES title (id) ON DELETE CASCADE,
    added_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (profile_id, title_id)
);
CREATE INDEX my_list_recent_idx ON my_list (profile_id, added_at DESC, title_id DESC);

CREATE TABLE title_rating (
    profile_id uuid        NOT NULL REFERENCES profile (id) ON DELETE CASCADE,
    title_id   uuid        NOT NULL REFERENCES title (id) ON DELETE CASCADE,
    rating     text        NOT NULL CHECK (rating IN ('up', 'down')),
    rated_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (profile_id, title_id)
);
CREATE INDEX title_rating_recent_idx ON title_rating (profile_id, rated_at DESC) WHERE rating = 'up';

CREATE TABLE watch_progress (
    id               uuid        PRIMARY KEY,
    profile_id       uuid        NOT NULL REFERENCES profile (id) ON DELETE CASCADE,
    title_id         uuid        NOT NULL REFERENCES title (id) ON DELETE CASCADE,
    episode_id       uuid        NULL REFERENCES episode (id) ON DELETE CASCADE,
    position_seconds integer     NOT NULL CHECK (position_seconds >= 0),
    duration_seconds integer     NOT NULL CHECK (duration_seconds > 0),
    updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX watch_progress_slot_key ON watch_progress
    (profile_id, title_id, coalesce(episode_id, '00000000-0000-0000-0000-000000000000'));
CREATE INDEX watch_progress_recent_idx ON watch_progress (profile_id, title_id, updated_at DESC);

CREATE TABLE play_event (
    id         bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    profile_id uuid        NOT NULL REFERENCES profile (id) ON DELETE CASCADE,
    title_id   uuid        NOT NULL REFERENCES title (id) ON DELETE CASCADE,
    started_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX play_event_recent_idx ON play_event (started_at, title_id);
