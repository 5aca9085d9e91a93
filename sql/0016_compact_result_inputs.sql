-- 0016_compact_result_inputs.sql: the stored inputs of assessment results in the compact form version 2.
--
-- Every result row carries its inputs as JSON so it can be recomputed (TalentStore's StoredInputs). Postgres parses,
-- compresses and TOASTs that JSON for every row written, and the worker writes it: in an annual review that was most
-- of the server's work (an assessment_result COPY without the inputs column took 40% less time). From this migration
-- the worker writes version 2: rows as arrays of fields instead of objects with a key per field, without the text the
-- rules never read (names, titles, institutions, majors). Rows written before keep version 1; both decode. Only the
-- column comments change here.
COMMENT ON COLUMN talent.assessment_result.inputs IS
    'The inputs the result was computed from, as JSON, so the stored rule set (rule_version) recomputes the same result '
    'and fingerprint. Version 2 (since migration 0016): {"version": 2, "reference_date": D, "position": [code, '
    'unit_code, kind, jenjang, critical], "employee": [nip, sex, birth_date, status, state, golongan, golongan_since, '
    'cpns_date, position_code, position_since], and per history table with rows: "education": [[level, graduated_on]], '
    '"training": [[kind, ended_on, hours]], "performance": [[year, predicate, score]], "assessments": [[assessed_on, '
    'method, jpm_percent, levels]], "awards": [[level, awarded_on]], "penalties": [[level, decided_on, ends_on]], '
    '"other_scores": [[year, score]], "invalid_rows": [[kind, line, problem]]}; names, titles, institutions and majors '
    '(never read by the rules) are left out. Version 1 (no "version" key, rows written before migration 0016): '
    '{"context": {"referenceDate"}, "position": {...}, "input": {employee and every history row}}. NULL for rows '
    'written before migration 0005.';
COMMENT ON COLUMN talent.assessment_result_history.inputs IS
    'The inputs of the replaced result, as talent.assessment_result.inputs had them (version 1 or 2, see there).';
