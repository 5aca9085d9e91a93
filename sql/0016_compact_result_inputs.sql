-- 0016_compact_result_inputs.sql: the explanation and the stored inputs of assessment results in compact forms,
-- version 2 of each.
--
-- Every result row carries its explanation and its inputs as JSON. Postgres parses, compresses and TOASTs that JSON for
-- every row written, and the worker writes it: in an annual review that was most of the server's work (the same
-- COPY of 48,841 results took 4.3 s with both columns, 2.5 s without the inputs, 0.4 s without either), and the keys
-- were most of the bytes. From this migration the worker writes version 2 of both: rows of lists as arrays of fields
-- instead of objects with a key per field, and in the inputs none of the text the rules never read (names, titles,
-- institutions, majors). Rows written before keep version 1; both versions decode. Only the column comments change.
COMMENT ON COLUMN talent.assessment_result.explanation IS
    'The inputs that counted and each step of the computation, so the placement can be explained from stored data '
    'alone. Version 2 (since migration 0016, "version": 2): the rows of four lists are arrays of their fields: '
    'kinerja.yearsUsed [year, predicate, points, weight, rowsForYear], potensi.rekamJejak.trainingHours [year, hours, '
    'meetsMinimum], potensi.rekamJejak.indicators [indicator, input, points, weight], pool.blockers [blocker, detail]; '
    'every other key as in version 1. Version 1 (no "version" key, rows written before migration 0016): each row an '
    'object with those keys.';
COMMENT ON COLUMN talent.assessment_result_history.explanation IS
    'The explanation of the replaced result, as talent.assessment_result.explanation had it (version 1 or 2, see '
    'there).';
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
