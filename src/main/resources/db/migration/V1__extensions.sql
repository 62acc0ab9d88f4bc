-- Marquee schema, managed by Flyway: one versioned script per change, never edited after it has shipped.
-- Trigram similarity for typo-tolerant catalog search.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
