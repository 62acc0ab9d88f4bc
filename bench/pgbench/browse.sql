-- The SQL of GET /api/v1/titles?sort=popular&limit=20 for an adult profile (TitleQueries.browse: first page, limit+1 rows).
\set maturity 18
\set lim 21
SELECT t.id, t.type, t.name, t.year, t.maturity_rating,
       array(SELECT g.genre_slug FROM title_genre g WHERE g.title_id = t.id ORDER BY g.genre_slug) AS genres,
       EXISTS (SELECT 1 FROM media_asset a WHERE a.title_id = t.id AND a.episode_id IS NULL AND a.kind = 'poster')
           AS has_poster, t.play_count, t.sort_name
FROM title t WHERE t.maturity_rating <= :maturity ORDER BY t.play_count DESC, t.id DESC LIMIT :lim;
