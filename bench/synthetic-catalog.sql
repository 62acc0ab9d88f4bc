-- Synthetic catalog for the benchmark: 10,000 titles (9,000 movies, 1,000 series with 2 seasons of 8 episodes),
-- 1 to 3 genres each, every maturity rating, cast lists and synopses with searchable words, and a spread of play
-- counts and recent plays so "popular", "trending" and search have realistic work to do.
--
-- Run against any migrated Marquee database (it only inserts; its rows are recognisable by the "Synthetic" prefix
-- and are removed first, so it can be run again):
--   psql "postgresql://USER:PASSWORD@HOST:5432/DB" -v ON_ERROR_STOP=1 -f bench/synthetic-catalog.sql
-- Another size: add  -v titles=50000  (default 10000).
-- Against dev mode's embedded database, the port is printed at start ("PostgreSQL on port N"); user and password
-- are postgres / postgres, database postgres.

\if :{?titles}
\else
\set titles 10000
\endif

BEGIN;

DELETE FROM title WHERE name LIKE 'Synthetic %';

CREATE TEMP TABLE synthetic_words (i int PRIMARY KEY, word text) ON COMMIT DROP;
INSERT INTO synthetic_words
SELECT row_number() OVER () - 1, w
FROM unnest(string_to_array(
    'amber,anchor,arrow,ashes,autumn,beacon,bitter,blade,bridge,broken,candle,canyon,cinder,circle,cobalt,comet,'
    || 'copper,coral,crimson,crown,crystal,dagger,dawn,desert,drift,dusk,echo,ember,empire,falcon,feather,fever,'
    || 'forest,fortune,frost,garden,ghost,glacier,golden,granite,harbor,harvest,haven,hollow,horizon,hunter,'
    || 'iron,island,ivory,jade,jungle,kingdom,lantern,legend,lighthouse,lotus,lunar,marble,meadow,midnight,mirror,'
    || 'monsoon,mountain,nebula,night,oasis,ocean,onyx,orbit,orchid,paper,phantom,pilgrim,prairie,prism,quartz,'
    || 'raven,river,rogue,ruby,saffron,sapphire,scarlet,shadow,signal,silver,summit,sunrise,tempest,thunder,tide,'
    || 'timber,twilight,valley,velvet,voyage,willow,winter,zenith', ',')) AS w;

SELECT count(*) AS nwords FROM synthetic_words \gset

CREATE TEMP TABLE synthetic_genres (i int PRIMARY KEY, slug text) ON COMMIT DROP;
INSERT INTO synthetic_genres SELECT row_number() OVER (ORDER BY slug) - 1, slug FROM genre;

CREATE TEMP TABLE synthetic_titles ON COMMIT DROP AS
SELECT gen_random_uuid() AS id,
       n,
       CASE WHEN n % 10 = 0 THEN 'series' ELSE 'movie' END AS type,
       'Synthetic ' || initcap(w1.word) || ' ' || initcap(w2.word) || ' ' || n AS name,
       'The ' || w3.word || ' of the ' || w1.word || ' ' || w2.word || ': a story of ' || w4.word || ' and '
           || w5.word || '.' AS synopsis,
       1950 + (n * 7) % 75 AS year,
       (ARRAY[0, 7, 13, 16, 18])[1 + (n * 31) % 5] AS maturity_rating,
       CASE WHEN n % 10 = 0 THEN NULL ELSE 4800 + (n * 13) % 3600 END AS runtime_seconds,
       ARRAY[initcap(w4.word) || ' ' || initcap(w1.word), initcap(w5.word) || ' ' || initcap(w3.word)] AS cast_members,
       -- Zipf-like popularity: a few titles are played a lot.
       (100000 / (1 + (n * 7919) % :titles))::bigint AS play_count,
       now() - make_interval(secs => n) AS created_at
FROM generate_series(1, :titles) AS n
JOIN synthetic_words w1 ON w1.i = (n * 17) % :nwords
JOIN synthetic_words w2 ON w2.i = (n * 31 + 7) % :nwords
JOIN synthetic_words w3 ON w3.i = (n * 43 + 3) % :nwords
JOIN synthetic_words w4 ON w4.i = (n * 59 + 11) % :nwords
JOIN synthetic_words w5 ON w5.i = (n * 71 + 23) % :nwords;

INSERT INTO title (id, type, name, synopsis, year, maturity_rating, runtime_seconds, cast_members, play_count,
                   created_at, updated_at)
SELECT id, type, name, synopsis, year, maturity_rating, runtime_seconds, cast_members, play_count, created_at, created_at
FROM synthetic_titles;

INSERT INTO title_genre (title_id, genre_slug)
SELECT DISTINCT t.id, g.slug
FROM synthetic_titles t
CROSS JOIN generate_series(0, 2) AS k
JOIN synthetic_genres g ON g.i = (t.n * (k + 3) + k * 5) % (SELECT count(*) FROM synthetic_genres)
WHERE k < 1 + t.n % 3;

INSERT INTO season (id, title_id, number, name)
SELECT gen_random_uuid(), t.id, s, 'Season ' || s
FROM synthetic_titles t CROSS JOIN generate_series(1, 2) AS s
WHERE t.type = 'series';

INSERT INTO episode (id, title_id, season_number, number, name, synopsis, duration_seconds)
SELECT gen_random_uuid(), t.id, s, e, 'Episode ' || e, 'Season ' || s || ', episode ' || e || '.', 1800 + e * 60
FROM synthetic_titles t CROSS JOIN generate_series(1, 2) AS s CROSS JOIN generate_series(1, 8) AS e
WHERE t.type = 'series';

COMMIT;

ANALYZE title;
ANALYZE title_genre;
ANALYZE episode;

SELECT count(*) AS synthetic_titles,
       count(*) FILTER (WHERE type = 'series') AS series,
       count(DISTINCT maturity_rating) AS maturity_ratings
FROM title WHERE name LIKE 'Synthetic %';
