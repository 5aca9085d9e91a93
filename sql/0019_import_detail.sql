-- 0019_import_detail.sql: what `talenta import` keeps of each row it did not store as it was (issue 14).
--
-- A rejected row now keeps the field and the value that broke the rule (never a personal name), beside its §10
-- reason; an invalid-row marker names the import that wrote it, so an import's report can be read back whole from
-- the database after it commits, and an operator can tell which import flagged a row.

ALTER TABLE hr.import_reject ADD COLUMN detail text;
COMMENT ON COLUMN hr.import_reject.detail IS
    'The field and the value that broke the rule, in plain words (e.g. "position_code NO-SUCH-POST is not an accepted '
    'position"); a missing field is named without a value; never a personal name. NULL for rows rejected before 0019.';

ALTER TABLE hr.invalid_row ADD COLUMN import_id bigint REFERENCES hr.import_run (id) ON DELETE SET NULL;
CREATE INDEX invalid_row_import_idx ON hr.invalid_row (import_id);
COMMENT ON COLUMN hr.invalid_row.import_id IS
    'The `talenta import` (hr.import_run) that wrote the marker; NULL when another system wrote it or it predates 0019.';
