-- The contents of every hr table that an import writes, as one md5 and a row count per table: the columns that
-- existed before sql/0019 (hr.import_reject.detail and hr.invalid_row.import_id are left out; so are the BKN
-- 411/2025 preset's inputs of sql/0020: hr.education.field_fit, the counts of its five files, and their tables),
-- without the values that differ on every run (hr.employee.updated_at, hr.import_run.imported_at and source),
-- ordered by key. Used to
-- check that the rebuilt import stores what the import before it stored (Tests/Fixtures/import-hr/*.txt were made
-- with the binary of main at b8c7628 from the same folders) and that a BOM changes nothing.
SELECT 'unit' AS t, count(*) AS n, md5(coalesce(string_agg(x::text, E'\n' ORDER BY unit_code), '')) AS md5 FROM hr.unit x
UNION ALL SELECT 'position', count(*), md5(coalesce(string_agg(x::text, E'\n' ORDER BY position_code), '')) FROM hr.position x
UNION ALL SELECT 'employee', count(*), md5(coalesce(string_agg(row(id, nip, name, sex, birth_date, status, state, golongan,
        golongan_since, cpns_date, position_code, position_since)::text, E'\n' ORDER BY id), '')) FROM hr.employee
UNION ALL SELECT 'education', count(*), md5(coalesce(string_agg(row(id, employee_id, level, institution, major,
        graduated_on)::text, E'\n' ORDER BY id), '')) FROM hr.education
UNION ALL SELECT 'training', count(*), md5(coalesce(string_agg(x::text, E'\n' ORDER BY id), '')) FROM hr.training x
UNION ALL SELECT 'performance', count(*), md5(coalesce(string_agg(x::text, E'\n' ORDER BY id), '')) FROM hr.performance x
UNION ALL SELECT 'assessment', count(*), md5(coalesce(string_agg(x::text, E'\n' ORDER BY id), '')) FROM hr.assessment x
UNION ALL SELECT 'award', count(*), md5(coalesce(string_agg(x::text, E'\n' ORDER BY id), '')) FROM hr.award x
UNION ALL SELECT 'penalty', count(*), md5(coalesce(string_agg(x::text, E'\n' ORDER BY id), '')) FROM hr.penalty x
UNION ALL SELECT 'other_score', count(*), md5(coalesce(string_agg(x::text, E'\n' ORDER BY id), '')) FROM hr.other_score x
UNION ALL SELECT 'invalid_row', count(*), md5(coalesce(string_agg(row(id, employee_id, kind, file, line, reason)::text,
        E'\n' ORDER BY id), '')) FROM hr.invalid_row
UNION ALL SELECT 'import_run', count(*), md5(coalesce(string_agg(row(id, reference_date, counts
            - ARRAY['potential_assessments.csv', 'team_assignments.csv', 'feedback_360.csv', 'acting_assignments.csv',
                    'position_history.csv'], unknown_files)::text,
        E'\n' ORDER BY id), '')) FROM hr.import_run
UNION ALL SELECT 'import_reject', count(*), md5(coalesce(string_agg(row(import_id, file, line, nip, reason)::text,
        E'\n' ORDER BY import_id, file, line), '')) FROM hr.import_reject
