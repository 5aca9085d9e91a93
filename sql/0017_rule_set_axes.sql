-- 0017_rule_set_axes.sql: rule sets as weighted indicator axes (issue 15, phase 1).
--
-- The Talent module's RuleSet became one shape for every method: each axis (kinerja, potensi) a weighted sum of named
-- indicators, each with a measure (its ladder and window), what counts when it finds nothing, and its best score; a
-- weighting policy; cut-offs, caps and overrides. This migration
--   1. adds talent.rule_set_axes(jsonb), which converts a rule set of the shape before this migration into the new one
--      with the same name, version and numbers (weights become percentages), and uses it to convert, in place, every
--      stored rule set of the old shape (the built-in default registered on first use and any version stored by
--      `talenta rules set`);
--   2. replaces talent.check_rule_set for the new shape (an old-shape document is refused, naming the converter);
--   3. documents the new JSON of rule sets, explanations (version 3) and stored inputs (version 3).
-- Results stored before keep their explanation (versions 1 and 2 still decode, without indicators) and their inputs
-- (version 2 still decodes); the default's fingerprints are unchanged, so they replay as before.

-- ---------------------------------------------------------------- the converter
CREATE FUNCTION talent.rule_set_axes(parameters jsonb) RETURNS jsonb
LANGUAGE plpgsql IMMUTABLE
AS $$
DECLARE
    k jsonb := parameters -> 'kinerja';
    p jsonb := parameters -> 'potensi';
    rj jsonb := parameters -> 'potensi' -> 'rekamJejak';
    full_case jsonb := parameters -> 'potensi' -> 'withAssessmentAndOther';
    parts jsonb;
    part jsonb;
    rj_best numeric := 0;
BEGIN
    IF parameters IS NULL OR jsonb_typeof(k) IS DISTINCT FROM 'object' OR NOT (k ? 'latestWeight') THEN
        RAISE EXCEPTION 'talent.rule_set_axes: not a rule set of the shape before migration 0017 (kinerja.latestWeight)'
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    -- The parts of REKAM_JEJAK, in the order of DOMAIN.md section 5, each weighing its old weight as a percentage.
    parts := jsonb_build_array(
        jsonb_build_object(
            'indicator', 'PENDIDIKAN', 'weight', talent.percent(rj -> 'educationWeight'),
            'measure', jsonb_build_object('EDUCATION_LEVEL', jsonb_build_object(
                'points', rj -> 'educationPoints', 'otherPoints', rj -> 'educationOtherPoints')),
            'whenNone', jsonb_build_object('score', rj -> 'educationOtherPoints', 'state', 'NO_RECORD'),
            'best', talent.highest(rj -> 'educationPoints', rj -> 'educationOtherPoints')),
        jsonb_build_object(
            'indicator', 'GOLONGAN', 'weight', talent.percent(rj -> 'golonganWeight'),
            'measure', jsonb_build_object('GOLONGAN_VS_TARGET', jsonb_build_object(
                'pointsByStepsShort', rj -> 'golonganPointsByStepsShort', 'otherPoints', rj -> 'golonganOtherPoints')),
            'best', talent.highest(rj -> 'golonganPointsByStepsShort', rj -> 'golonganOtherPoints')),
        jsonb_build_object(
            'indicator', 'MASA_JABATAN', 'weight', talent.percent(rj -> 'yearsAtLevelWeight'),
            'measure', jsonb_build_object('TENURE', jsonb_build_object(
                'bands', rj -> 'yearsAtLevelBands', 'otherPoints', rj -> 'yearsAtLevelOtherPoints')),
            'best', talent.highest(
                coalesce((SELECT jsonb_agg(band -> 'points') FROM jsonb_array_elements(rj -> 'yearsAtLevelBands') band),
                         '[]'::jsonb),
                rj -> 'yearsAtLevelOtherPoints')),
        jsonb_build_object(
            'indicator', 'PELATIHAN_KEPEMIMPINAN', 'weight', talent.percent(rj -> 'leadershipWeight'),
            'measure', jsonb_build_object('LEADERSHIP_VS_TARGET', jsonb_build_object(
                'pointsByRungsShort', rj -> 'leadershipPointsByRungsShort', 'otherPoints', rj -> 'leadershipOtherPoints')),
            'whenNone', jsonb_build_object('score', rj -> 'leadershipOtherPoints', 'state', 'NO_RECORD'),
            'best', talent.highest(rj -> 'leadershipPointsByRungsShort', rj -> 'leadershipOtherPoints')),
        jsonb_build_object(
            'indicator', 'JP_PELATIHAN', 'weight', talent.percent(rj -> 'trainingWeight'),
            'measure', jsonb_build_object('YEARLY_TRAINING', jsonb_build_object(
                'minimumHours', rj -> 'trainingMinimumHours', 'yearsChecked', rj -> 'trainingYearsChecked',
                'pointsByYearsMet', rj -> 'trainingPointsByYearsMet')),
            'best', talent.highest(rj -> 'trainingPointsByYearsMet', NULL)),
        jsonb_build_object(
            'indicator', 'PENGHARGAAN', 'weight', talent.percent(rj -> 'awardWeight'),
            -- INTERNASIONAL, invalid before, counts as NASIONAL (DOMAIN.md section 5: "INTERNASIONAL or NASIONAL").
            'measure', jsonb_build_object('AWARD', jsonb_build_object(
                'windowYears', rj -> 'awardWindowYears',
                'points', (rj -> 'awardPoints') || jsonb_build_object('INTERNASIONAL', rj -> 'awardPoints' -> 'NASIONAL'))),
            'whenNone', jsonb_build_object('score', rj -> 'awardNonePoints', 'state', 'NO_RECORD'),
            'best', talent.highest(rj -> 'awardPoints', rj -> 'awardNonePoints')),
        jsonb_build_object(
            'indicator', 'DISIPLIN', 'weight', talent.percent(rj -> 'penaltyWeight'),
            'measure', jsonb_build_object('DISCIPLINE', jsonb_build_object(
                'windowYears', rj -> 'penaltyWindowYears', 'windowBasis', 'DECIDED_ON', 'points', rj -> 'penaltyPoints',
                'running', jsonb_build_object('levels', '["BERAT"]'::jsonb, 'points', rj -> 'beratRunningPoints'))),
            'whenNone', jsonb_build_object('score', rj -> 'penaltyNonePoints', 'state', 'PRESENT'),
            'best', talent.highest(rj -> 'penaltyPoints',
                                   jsonb_build_array(rj -> 'penaltyNonePoints', rj -> 'beratRunningPoints'))));
    FOR part IN SELECT value FROM jsonb_array_elements(parts) LOOP
        rj_best := rj_best + (part ->> 'weight')::numeric * (part ->> 'best')::numeric;
    END LOOP;
    RETURN (parameters - 'kinerja' - 'potensi') || jsonb_build_object(
        'kinerja', jsonb_build_object(
            'indicators', jsonb_build_array(
                jsonb_build_object(
                    'indicator', 'SKP_LATEST', 'weight', talent.percent(k -> 'latestWeight'),
                    'measure', jsonb_build_object('SKP_YEAR', jsonb_build_object(
                        'rank', 1, 'windowYears', k -> 'lookBackYears', 'points', k -> 'predicatePoints',
                        'legacyBands', k -> 'legacyBands')),
                    'whenNone', '{"state": "MISSING"}'::jsonb,
                    'best', talent.highest(k -> 'predicatePoints', NULL)),
                jsonb_build_object(
                    'indicator', 'SKP_PREVIOUS', 'weight', talent.percent(k -> 'previousWeight'),
                    'measure', jsonb_build_object('SKP_YEAR', jsonb_build_object(
                        'rank', 2, 'windowYears', k -> 'lookBackYears', 'points', k -> 'predicatePoints',
                        'legacyBands', k -> 'legacyBands')),
                    'whenNone', '{"state": "MISSING"}'::jsonb,
                    'best', talent.highest(k -> 'predicatePoints', NULL))),
            -- One year: that year's points alone (DOMAIN.md section 4.3), flag KINERJA_PARTIAL.
            'weighting', '{"policy": "REWEIGHTED", "cases": [{"name": "ONE_YEAR", "weights": {"SKP_LATEST": 100},
                           "flag": "KINERJA_PARTIAL"}]}'::jsonb,
            'cutOffs', jsonb_build_object('ATAS', k -> 'atasMinimum', 'SESUAI', k -> 'sesuaiMinimum'),
            'caps', '[]'::jsonb,
            'overrides', CASE WHEN jsonb_array_length(k -> 'bawahWhenLatestIs') = 0 THEN '[]'::jsonb
                              ELSE jsonb_build_array(jsonb_build_object(
                                  'indicator', 'SKP_LATEST', 'predicates', k -> 'bawahWhenLatestIs', 'level', 'BAWAH'))
                         END,
            'notPlacedWithout', 'SKP_LATEST'),
        'potensi', jsonb_build_object(
            'indicators', jsonb_build_array(
                jsonb_build_object(
                    'indicator', 'ASESMEN', 'weight', talent.percent(full_case -> 'assessment'),
                    'measure', jsonb_build_object('COMPETENCY_ASSESSMENT', jsonb_build_object(
                        'windowYears', p -> 'assessmentWindowYears')),
                    'whenNone', '{"state": "MISSING", "flag": "TANPA_ASESMEN"}'::jsonb,
                    'best', 100),
                jsonb_build_object(
                    'indicator', 'REKAM_JEJAK', 'weight', talent.percent(full_case -> 'rekamJejak'),
                    'measure', jsonb_build_object('COMPOSITE', jsonb_build_object('parts', parts)),
                    'best', trim_scale(round(rj_best / 100, 2))),
                jsonb_build_object(
                    'indicator', 'PERTIMBANGAN_LAINNYA', 'weight', talent.percent(full_case -> 'other'),
                    'measure', '{"COMMITTEE_SCORE": {}}'::jsonb,
                    'whenNone', '{"state": "NO_RECORD"}'::jsonb,
                    'best', 100)),
            'weighting', jsonb_build_object('policy', 'REWEIGHTED', 'cases', jsonb_build_array(
                jsonb_build_object('name', 'A_RJ', 'weights', jsonb_build_object(
                    'ASESMEN', talent.percent(p -> 'withAssessmentOnly' -> 'assessment'),
                    'REKAM_JEJAK', talent.percent(p -> 'withAssessmentOnly' -> 'rekamJejak'))),
                jsonb_build_object('name', 'RJ_L', 'weights', jsonb_build_object(
                    'REKAM_JEJAK', talent.percent(p -> 'withOtherOnly' -> 'rekamJejak'),
                    'PERTIMBANGAN_LAINNYA', talent.percent(p -> 'withOtherOnly' -> 'other'))),
                jsonb_build_object('name', 'RJ', 'weights', jsonb_build_object(
                    'REKAM_JEJAK', talent.percent(p -> 'withNeither' -> 'rekamJejak'))))),
            'cutOffs', jsonb_build_object('TINGGI', p -> 'tinggiMinimum', 'MENENGAH', p -> 'menengahMinimum'),
            'caps', jsonb_build_array(jsonb_build_object('without', 'ASESMEN', 'atMost', p -> 'levelCapWithoutAssessment')),
            'overrides', '[]'::jsonb),
        'succession', (parameters -> 'succession') || jsonb_build_object(
            'nilaiKinerjaWeight', talent.percent(parameters -> 'succession' -> 'nilaiKinerjaWeight'),
            'nilaiPotensiWeight', talent.percent(parameters -> 'succession' -> 'nilaiPotensiWeight')));
END;
$$;

-- A weight of the old shape (a fraction, 0.6) as a percentage (60), exactly.
CREATE FUNCTION talent.percent(weight jsonb) RETURNS jsonb
LANGUAGE sql IMMUTABLE
RETURN to_jsonb(trim_scale((weight #>> '{}')::numeric * 100));

-- The highest number among the values of a JSON object or array and an extra number or array (the best score a
-- ladder can give).
CREATE FUNCTION talent.highest(ladder jsonb, extra jsonb) RETURNS jsonb
LANGUAGE sql IMMUTABLE
RETURN to_jsonb((SELECT max(value::numeric) FROM (
    SELECT value FROM jsonb_each_text(CASE WHEN jsonb_typeof(ladder) = 'object' THEN ladder ELSE '{}' END)
    UNION ALL SELECT value FROM jsonb_array_elements_text(CASE WHEN jsonb_typeof(ladder) = 'array' THEN ladder ELSE '[]' END)
    UNION ALL SELECT value FROM jsonb_array_elements_text(CASE WHEN jsonb_typeof(extra) = 'array' THEN extra ELSE '[]' END)
    UNION ALL SELECT extra #>> '{}' WHERE jsonb_typeof(extra) = 'number') AS v));

COMMENT ON FUNCTION talent.rule_set_axes(jsonb) IS
    'Converts a rule set of the shape before migration 0017 (kinerja with latestWeight/previousWeight, potensi with four '
    'weight cases and rekamJejak) into the indicator axes of the Talent module''s RuleSet, with the same name, version '
    'and numbers: weights become percentages, INTERNASIONAL awards count as NASIONAL, each indicator''s best score is '
    'its ladder''s highest. Used by migration 0017 on talent.rule_set; call it on an old `talenta rules show` file '
    'before storing it again. Raises 22023 for a document that is not of the old shape.';
COMMENT ON FUNCTION talent.percent(jsonb) IS 'A weight of the rule-set shape before migration 0017 (a fraction) as a percentage.';
COMMENT ON FUNCTION talent.highest(jsonb, jsonb) IS
    'The highest number among the values of a JSON object or array and an extra number or array.';

ALTER FUNCTION talent.rule_set_axes(jsonb) SET search_path = pg_catalog, pg_temp;
ALTER FUNCTION talent.percent(jsonb) SET search_path = pg_catalog, pg_temp;
ALTER FUNCTION talent.highest(jsonb, jsonb) SET search_path = pg_catalog, pg_temp;

-- ---------------------------------------------------------------- the stored rule sets, converted in place
UPDATE talent.rule_set
   SET parameters = talent.rule_set_axes(parameters)
 WHERE jsonb_typeof(parameters -> 'kinerja') = 'object' AND parameters -> 'kinerja' ? 'latestWeight';

-- ---------------------------------------------------------------- the structural check, for the new shape
CREATE OR REPLACE FUNCTION talent.check_rule_set(parameters jsonb) RETURNS void
LANGUAGE plpgsql IMMUTABLE
AS $$
DECLARE
    expected constant jsonb := '{"name": "string", "version": "number", "assessedStates": "array",
        "targetLevels": "array", "levels": "object", "kinerja": "object", "potensi": "object",
        "penalties": "object", "pool": "object", "succession": "object"}';
    axis_fields constant jsonb := '{"indicators": "array", "weighting": "object", "cutOffs": "object"}';
    field record;
    axis text;
BEGIN
    IF parameters IS NULL OR jsonb_typeof(parameters) <> 'object' THEN
        RAISE EXCEPTION 'talent.check_rule_set: a rule set is a JSON object' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF jsonb_typeof(parameters -> 'kinerja') = 'object' AND parameters -> 'kinerja' ? 'latestWeight' THEN
        RAISE EXCEPTION 'talent.check_rule_set: the rule set has the shape before migration 0017 (kinerja.latestWeight)'
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'Convert it with talent.rule_set_axes(parameters) and check the result.';
    END IF;
    FOR field IN SELECT key, value #>> '{}' AS type FROM jsonb_each(expected) LOOP
        IF NOT parameters ? field.key THEN
            RAISE EXCEPTION 'talent.check_rule_set: the rule set has no "%" (%)', field.key, field.type
                USING ERRCODE = 'invalid_parameter_value';
        END IF;
        IF jsonb_typeof(parameters -> field.key) <> field.type THEN
            RAISE EXCEPTION 'talent.check_rule_set: "%" must be a JSON %, got %', field.key, field.type,
                jsonb_typeof(parameters -> field.key) USING ERRCODE = 'invalid_parameter_value';
        END IF;
    END LOOP;
    FOR field IN SELECT key FROM jsonb_object_keys(parameters) AS k(key)
                  WHERE NOT expected ? key AND key <> 'provenance' LOOP
        RAISE EXCEPTION 'talent.check_rule_set: unknown field "%"', field.key USING ERRCODE = 'invalid_parameter_value';
    END LOOP;
    IF parameters ? 'provenance' AND jsonb_typeof(parameters -> 'provenance') <> 'string' THEN
        RAISE EXCEPTION 'talent.check_rule_set: "provenance" must be a JSON string, got %',
            jsonb_typeof(parameters -> 'provenance') USING ERRCODE = 'invalid_parameter_value';
    END IF;
    FOREACH axis IN ARRAY ARRAY['kinerja', 'potensi'] LOOP
        FOR field IN SELECT key, value #>> '{}' AS type FROM jsonb_each(axis_fields) LOOP
            IF jsonb_typeof(parameters -> axis -> field.key) IS DISTINCT FROM field.type THEN
                RAISE EXCEPTION 'talent.check_rule_set: "%.%" must be a JSON %', axis, field.key, field.type
                    USING ERRCODE = 'invalid_parameter_value';
            END IF;
        END LOOP;
    END LOOP;
    IF parameters ->> 'name' !~ '^[A-Za-z0-9][A-Za-z0-9_./-]{0,99}$' THEN
        RAISE EXCEPTION 'talent.check_rule_set: name must be 1-100 letters, digits and _ . / - (no @), got %',
            quote_literal(parameters ->> 'name') USING ERRCODE = 'invalid_parameter_value';
    END IF;
END;
$$;
-- CREATE OR REPLACE drops the function's settings: pin its search_path again (sql/0010).
ALTER FUNCTION talent.check_rule_set(jsonb) SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION talent.check_rule_set(jsonb) IS
    'Structural checks of a rule set''s JSON (the Talent module''s RuleSet, the indicator axes of migration 0017): an '
    'object with exactly the fields name, version, assessedStates, targetLevels, levels, kinerja, potensi, penalties, '
    'pool and succession (and optionally provenance), of the right JSON types, each axis with indicators, weighting and '
    'cutOffs. A document of the shape before migration 0017 is refused with a hint to talent.rule_set_axes. Raises '
    '22023 naming the first problem. `talenta rules set` checks everything else (it decodes and validates the JSON as a '
    'RuleSet, naming the JSON path of each problem) before calling talent.add_rule_set_version.';

-- ---------------------------------------------------------------- what the JSON columns now hold
COMMENT ON COLUMN talent.rule_set.parameters IS
    'The Talent module''s RuleSet as JSON (migration 0017): name, version, provenance (where the numbers come from, '
    'e.g. the BKN 411/2025 preset''s "reconstructed from public implementations of Kepka BKN 411/2025; not checked '
    'against its Lampiran"), assessedStates, targetLevels, levels, penalties, pool, succession, and the axes kinerja '
    'and potensi: {"indicators": [{"indicator", "weight" (percent), "measure": {KIND: {parameters}}, "whenNone": '
    '{"score", "state", "flag"}, "best"}], "weighting": {"policy": "FIXED"|"REWEIGHTED", "cases": [{"name", "weights", '
    '"flag"}]}, "cutOffs": {LEVEL: minimum}, "caps", "overrides", "notPlacedWithout"}.';
COMMENT ON COLUMN talent.assessment_result.explanation IS
    'The inputs that counted and each step of the computation, so the placement can be explained from stored data '
    'alone. Version 3 (since migration 0017, "version": 3): per axis (kinerja, potensi) {score, level, levelFromScore, '
    'highMinimum, middleMinimum, weightCase, adjustments [[CAP|OVERRIDE, indicator, level]], indicators}, each indicator '
    '[indicator, score, weight (percent), state (PRESENT|MISSING|NO_RECORD), best, flag, window, evidence [[tag, '
    'fields...]], parts [...]]; candidate {highestEducation, bestLeadership}; box, pool, leftOut and flags as before. '
    'Versions 2 (migration 0016) and 1 still decode, without indicators.';
COMMENT ON COLUMN talent.assessment_result_history.explanation IS
    'The explanation of the replaced result, as talent.assessment_result.explanation had it (version 1, 2 or 3, see '
    'there).';
COMMENT ON COLUMN talent.assessment_result.inputs IS
    'The inputs the result was computed from, as JSON, so the stored rule set (rule_version) recomputes the same result '
    'and fingerprint. Version 3 (since migration 0017) is version 2 with education rows [level, graduated_on, '
    'field_fit?] and the rows of the BKN 411/2025 input files: "potential_assessments": [[assessed_on, method, levels]], '
    '"team_assignments": [[role, scope, decided_on]], "feedback": [[year, predicate, score]], "acting_assignments": '
    '[[kind, level, started_on, ended_on]], "position_history": [[started_on, unit_code, agency]]. Version 2 (migration '
    '0016): {"version": 2, "reference_date": D, "position": [code, unit_code, kind, jenjang, critical], "employee": '
    '[nip, sex, birth_date, status, state, golongan, golongan_since, cpns_date, position_code, position_since], and per '
    'history table with rows: "education": [[level, graduated_on]], "training": [[kind, ended_on, hours]], '
    '"performance": [[year, predicate, score]], "assessments": [[assessed_on, method, jpm_percent, levels]], "awards": '
    '[[level, awarded_on]], "penalties": [[level, decided_on, ends_on]], "other_scores": [[year, score]], '
    '"invalid_rows": [[kind, line, problem]]}; names, titles, institutions and majors (never read by the rules) are '
    'left out. Version 1 (no "version" key, rows written before migration 0016): {"context": {"referenceDate"}, '
    '"position": {...}, "input": {employee and every history row}}. NULL for rows written before migration 0005.';
COMMENT ON COLUMN talent.assessment_result_history.inputs IS
    'The inputs of the replaced result, as talent.assessment_result.inputs had them (version 1, 2 or 3, see there).';
