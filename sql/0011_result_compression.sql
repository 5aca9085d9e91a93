-- 0011_result_compression.sql: compress the JSON of assessment results with lz4 instead of pglz.
--
-- Each result row carries about 3 KB of JSON (explanation and stored inputs), so Postgres compresses both columns
-- of every row it writes; with pglz that was a fifth of the server's CPU during an annual review (perf, 50,000
-- employees). lz4 compresses several times faster. It changes how the values are stored, never what they read
-- back. A server built without lz4 (ERRCODE 0A000) keeps pglz: the migration then changes nothing.
DO $$
BEGIN
    ALTER TABLE talent.assessment_result
        ALTER COLUMN explanation SET COMPRESSION lz4,
        ALTER COLUMN inputs SET COMPRESSION lz4;
    ALTER TABLE talent.assessment_result_history
        ALTER COLUMN explanation SET COMPRESSION lz4,
        ALTER COLUMN inputs SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported THEN
    RAISE NOTICE 'lz4 is not available on this server; assessment results keep pglz compression';
END
$$;
