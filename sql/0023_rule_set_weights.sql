-- 0023: a rule set whose weights do not sum to 100 or whose cut-offs are out of order is refused by SQL too.
--
-- Before: talent.check_rule_set checked a rule set's structure only; `talenta rules set` validated the rest. A copy
-- of the preset with one weight changed (kinerja summing to 97) could be stored with talent.add_rule_set_version and
-- made official with talent.activate_rule_set; every recalculation of the year was then discarded by the engine
-- ("weights sum to 97, not 100"), so HR changes silently stopped reaching the official results.
-- Now: check_rule_set also checks, per axis (kinerja, potensi), that the indicators' weights sum to 100 (when the
-- axis has indicators), that every re-weighting case's weights sum to 100, and that the cut-offs are numbers in
-- 0-100 with the upper level above the middle one (ATAS > SESUAI, TINGGI > MENENGAH), as the Talent module's
-- RuleSet validation does; and talent.activate_rule_set (sql/0022) checks the stored document with it again before it
-- activates it (a version stored before this migration). Everything else (measures, ladders, known indicators) stays with
-- `talenta rules set`, which validates the whole document before it calls add_rule_set_version.

CREATE OR REPLACE FUNCTION talent.check_rule_set_axes(parameters jsonb) RETURNS void
LANGUAGE plpgsql IMMUTABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    axis text;
    upper_level text;
    middle_level text;
    total numeric;
    weighting_case record;
BEGIN
    FOREACH axis IN ARRAY ARRAY['kinerja', 'potensi'] LOOP
        IF EXISTS (SELECT 1 FROM jsonb_array_elements(parameters -> axis -> 'indicators') AS i(item)
                    WHERE jsonb_typeof(i.item -> 'weight') IS DISTINCT FROM 'number') THEN
            RAISE EXCEPTION 'talent.check_rule_set: every indicator of "%" needs a number "weight" (percent)', axis
                USING ERRCODE = 'invalid_parameter_value';
        END IF;
        SELECT sum((i.item ->> 'weight')::numeric) INTO total
          FROM jsonb_array_elements(parameters -> axis -> 'indicators') AS i(item);
        IF total IS NOT NULL AND total <> 100 THEN
            RAISE EXCEPTION 'talent.check_rule_set: the weights of "%.indicators" sum to %, not 100', axis, total
                USING ERRCODE = 'invalid_parameter_value';
        END IF;
        FOR weighting_case IN
            SELECT c.item ->> 'name' AS name, c.item -> 'weights' AS weights
              FROM jsonb_array_elements(CASE jsonb_typeof(parameters -> axis -> 'weighting' -> 'cases')
                                        WHEN 'array' THEN parameters -> axis -> 'weighting' -> 'cases'
                                        ELSE '[]' END) AS c(item)
        LOOP
            IF jsonb_typeof(weighting_case.weights) IS DISTINCT FROM 'object'
               OR EXISTS (SELECT 1 FROM jsonb_each(weighting_case.weights) AS w(k, v) WHERE jsonb_typeof(w.v) <> 'number')
            THEN
                RAISE EXCEPTION 'talent.check_rule_set: the re-weighting case % of "%" needs "weights" of numbers',
                    quote_literal(weighting_case.name), axis USING ERRCODE = 'invalid_parameter_value';
            END IF;
            SELECT sum(w.v::text::numeric) INTO total FROM jsonb_each(weighting_case.weights) AS w(k, v);
            IF coalesce(total, 0) <> 100 THEN
                RAISE EXCEPTION 'talent.check_rule_set: the weights of the re-weighting case % of "%" sum to %, not 100',
                    quote_literal(weighting_case.name), axis, coalesce(total, 0) USING ERRCODE = 'invalid_parameter_value';
            END IF;
        END LOOP;
        IF axis = 'kinerja' THEN
            upper_level := 'ATAS'; middle_level := 'SESUAI';
        ELSE
            upper_level := 'TINGGI'; middle_level := 'MENENGAH';
        END IF;
        IF EXISTS (SELECT 1 FROM jsonb_each(parameters -> axis -> 'cutOffs') AS c(k, v)
                    WHERE jsonb_typeof(c.v) <> 'number' OR c.v::text::numeric NOT BETWEEN 0 AND 100) THEN
            RAISE EXCEPTION 'talent.check_rule_set: the cut-offs of "%" must be numbers in 0-100', axis
                USING ERRCODE = 'invalid_parameter_value';
        END IF;
        IF (parameters -> axis -> 'cutOffs' ->> upper_level)::numeric
           <= (parameters -> axis -> 'cutOffs' ->> middle_level)::numeric THEN
            RAISE EXCEPTION 'talent.check_rule_set: the cut-off of % (%) must be above that of % (%) in "%"',
                upper_level, parameters -> axis -> 'cutOffs' ->> upper_level,
                middle_level, parameters -> axis -> 'cutOffs' ->> middle_level, axis
                USING ERRCODE = 'invalid_parameter_value';
        END IF;
    END LOOP;
END;
$$;
COMMENT ON FUNCTION talent.check_rule_set_axes(jsonb) IS
    'The arithmetic of a rule set''s axes, called by talent.check_rule_set after its structural checks: per axis '
    '(kinerja, potensi) the indicators'' weights (percent) sum to 100 when there are any, each re-weighting case''s '
    'weights sum to 100, the cut-offs are numbers in 0-100 with ATAS above SESUAI and TINGGI above MENENGAH. Raises '
    '22023 naming the axis and the sum.';

-- The structural checks of 0017, unchanged, then the arithmetic above.
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
    PERFORM talent.check_rule_set_axes(parameters);
END;
$$;
-- CREATE OR REPLACE drops the function's settings: pin its search_path again (sql/0010).
ALTER FUNCTION talent.check_rule_set(jsonb) SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION talent.check_rule_set(jsonb) IS
    'Structural checks of a rule set''s JSON (the Talent module''s RuleSet, the indicator axes of migration 0017): an '
    'object with exactly the fields name, version, assessedStates, targetLevels, levels, kinerja, potensi, penalties, '
    'pool and succession (and optionally provenance), of the right JSON types, each axis with indicators, weighting and '
    'cutOffs; then the axes'' arithmetic (talent.check_rule_set_axes: weights summing to 100, cut-offs in order, '
    'migration 0023). A document of the shape before migration 0017 is refused with a hint to talent.rule_set_axes. '
    'Raises 22023 naming the first problem. `talenta rules set` checks everything else (it decodes and validates the '
    'JSON as a RuleSet, naming the JSON path of each problem) before calling talent.add_rule_set_version.';
