-- The catalog: titles (movies and series), genres, seasons and episodes, searchable by full text and trigrams.

CREATE TABLE genre (
    slug text PRIMARY KEY CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    name text NOT NULL
);

INSERT INTO genre (slug, name) VALUES
    ('action', 'Action'),
    ('adventure', 'Adventure'),
    ('animation', 'Animation'),
    ('comedy', 'Comedy'),
    ('crime', 'Crime'),
    ('documentary', 'Documentary'),
    ('drama', 'Drama'),
    ('family', 'Family'),
    ('fantasy', 'Fantasy'),
    ('horror', 'Horror'),
    ('mystery', 'Mystery'),
    ('romance', 'Romance'),
    ('sci-fi', 'Science Fiction'),
    ('thriller', 'Thriller');

-- array_to_string is only STABLE; with a fixed separator over text[] it is immutable, which a generated column needs.
CREATE FUNCTION marquee_join_names(names text[]) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN array_to_string(names, ' ');

CREATE TABLE title (
    id              uuid        PRIMARY KEY,
    type            text        NOT NULL CHECK (type IN ('movie', 'series')),
    name            text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    synopsis        text        NOT NULL DEFAULT '',
    year            integer     NOT NULL CHECK (year BETWEEN 1870 AND 2200),
    maturity_rating integer     NOT NULL CHECK (maturity_rating IN (0, 7, 13, 16, 18)),
    runtime_seconds integer     CHECK (runtime_seconds > 0),
    cast_members    text[]      NOT NULL DEFAULT '{}',
    -- Plays ever started: the key of the "popular" sort.
    play_count      bigint      NOT NULL DEFAULT 0,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    sort_name       text        GENERATED ALWAYS AS (lower(name)) STORED,
    search_vector   tsvector    GENERATED ALWAYS AS (
        setweight(to_tsvector('english', name), 'A')
        || setweight(to_tsvector('simple', marquee_join_names(cast_members)), 'B')
        || setweight(to_tsvector('english', synopsis), 'C')) STORED
);
-- Keyset paging: one index per sort, the maturity rating alongside so a profile's filter is checked in the index.
CREATE INDEX title_popular_idx ON title (play_count DESC, id DESC) INCLUDE (maturity_rating, type, year);
CREATE INDEX title_newest_idx ON title (year DESC, id DESC) INCLUDE (maturity_rating, type);
CREATE INDEX title_name_idx ON title (sort_name, id) INCLUDE (maturity_rating, type, year);
CREATE INDEX title_search_idx ON title USING gin (search_vector);
CREATE INDEX title_name_trgm_idx ON title USING gin (name gin_trgm_ops);

CREATE TABLE title_genre (
    title_id   uuid NOT NULL REFERENCES title (id) ON DELETE CASCADE,
    genre_slug text NOT NULL REFERENCES genre (slug),
    PRIMARY KEY (title_id, genre_slug)
);
CREATE INDEX title_genre_genre_idx ON title_genre (genre_slug, title_id);

CREATE TABLE season (
    id         uuid    PRIMARY KEY,
    title_id   uuid    NOT NULL REFERENCES title (id) ON DELETE CASCADE,
    number     integer NOT NULL CHECK (number > 0),
    name       text,
    UNIQUE (title_id, number)
);

CREATE TABLE episode (
    id               uuid    PRIMARY KEY,
    title_id         uuid    NOT NULL,
    season_number    integer NOT NULL,
    number           integer NOT NULL CHECK (number > 0),
    name             text    NOT NULL,
    synopsis         text    NOT NULL DEFAULT '',
    duration_seconds integer NOT NULL CHECK (duration_seconds > 0),
    created_at       timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (title_id, season_number) REFERENCES season (title_id, number) ON DELETE CASCADE,
    UNIQUE (title_id, season_number, number)
);
