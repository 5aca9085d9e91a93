-- 0021_explanation_completeness.sql: "why this box?" for everyone allowed to read results (issue 16).
--
-- Every placement stores its explanation as JSON (talent.assessment_result.explanation, version 3: positional
-- arrays, owner-only). These views show it in words, one row per placement and one per indicator, for
-- talenta_reader (dashboards, integrators) and for `talenta explain`, which reads nothing else:
--
--   talent.explanation            one row per employee and review period: box and best box, both axes (score, level, cut-offs,
--                                 weighting case, caps and overrides), the flags in words, the rows left out, the
--                                 pool screens, the rule set with its provenance, the inputs fingerprint.
--   talent.explanation_indicator  one row per indicator (indicators.csv's rows): score, weight, weighted, data state,
--                                 best score, points at stake, the window and the rows it was computed from as text,
--                                 a composite's parts as text.
--
-- Both name an employee by NIP and internal id only, never by name; the position is the one the rules used (the
-- explanation's), with its title and OPD. They join talent.review_periods, so they show the periods that view shows
-- (the official reviews). A result stored before migration 0017 (explanation version 1 or 2) has its row in
-- talent.explanation (explanation_version says which) and no indicator rows.
--
-- The words come from small functions (talent.explanation_*), STABLE (dates print as YYYY-MM-DD whatever the
-- session's DateStyle), callable by the roles that read the views (a view's reader needs EXECUTE on them).

-- ---------------------------------------------------------------------------------------------------------------
-- Words
-- ---------------------------------------------------------------------------------------------------------------

CREATE FUNCTION talent.explanation_score(value jsonb) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
RETURN CASE WHEN jsonb_typeof(value) = 'number' THEN to_char(value::text::numeric, 'FM999990.00') END;
COMMENT ON FUNCTION talent.explanation_score(jsonb) IS
    'A score of an explanation as results print it: 2 decimals (80 -> 80.00); NULL for JSON null or no value.';

CREATE FUNCTION talent.explanation_day(value jsonb, shift integer DEFAULT 0) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
RETURN CASE WHEN jsonb_typeof(value) = 'string'
            THEN to_char((make_date(substr(value #>> '{}', 1, 4)::integer, substr(value #>> '{}', 6, 2)::integer,
                                    substr(value #>> '{}', 9, 2)::integer) + shift)::timestamp, 'YYYY-MM-DD') END;
COMMENT ON FUNCTION talent.explanation_day(jsonb, integer) IS
    'A YYYY-MM-DD date of an explanation, moved by shift days, as YYYY-MM-DD; NULL for JSON null.';

CREATE FUNCTION talent.explanation_window(window_ jsonb) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
RETURN CASE window_ ->> 0
    WHEN 'YEARS' THEN CASE WHEN window_ ->> 1 = window_ ->> 2 THEN 'year ' || (window_ ->> 1)
                           ELSE 'years ' || (window_ ->> 1) || ' … ' || (window_ ->> 2) END
    WHEN 'DATES' THEN CASE WHEN jsonb_typeof(window_ -> 1) = 'string'
                           THEN talent.explanation_day(window_ -> 1, 1) || ' … ' || talent.explanation_day(window_ -> 2)
                           ELSE 'up to ' || talent.explanation_day(window_ -> 2) END
    WHEN 'AS_OF' THEN 'as at ' || talent.explanation_day(window_ -> 1)
END;
COMMENT ON FUNCTION talent.explanation_window(jsonb) IS
    'An indicator''s window in words: "years 2022 … 2025", "2023-04-01 … 2026-03-31" (dates after the first '
    'bound through the second, both printed inclusive), "up to 2026-03-31", "as at 2026-03-31"; NULL for none.';

CREATE FUNCTION talent.explanation_levels(levels jsonb) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
RETURN (SELECT string_agg(level, ' ' ORDER BY n) FROM jsonb_array_elements_text(levels) WITH ORDINALITY AS l(level, n));
COMMENT ON FUNCTION talent.explanation_levels(jsonb) IS 'A list of levels (1-5) as "3 4 3 ...", in the file''s column order.';

CREATE FUNCTION talent.explanation_evidence(evidence jsonb) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
RETURN CASE evidence ->> 0
    WHEN 'SKP' THEN 'SKP ' || (evidence ->> 1) || ': ' || (evidence ->> 2)
        || CASE WHEN jsonb_typeof(evidence -> 3) = 'number'
                THEN ' (legacy score ' || talent.explanation_score(evidence -> 3) || ')' ELSE '' END
        || CASE WHEN (evidence ->> 4)::integer > 1
                THEN ', the lowest of ' || (evidence ->> 4) || ' rows for the year' ELSE '' END
    WHEN 'ASSESSMENT' THEN 'competency assessment (asesmen kompetensi) of ' || talent.explanation_day(evidence -> 1)
        || coalesce(' by ' || (evidence ->> 2), '')
        || CASE WHEN jsonb_typeof(evidence -> 4) = 'array'
                THEN ': levels ' || talent.explanation_levels(evidence -> 4) || ' against the standard R = '
                     || (evidence ->> 5)
                ELSE ': JPM ' || talent.explanation_score(evidence -> 3) || '%' END
        || CASE WHEN (evidence ->> 6)::integer > 1
                THEN ', the highest of ' || (evidence ->> 6) || ' on that day' ELSE '' END
    WHEN 'POTENTIAL_ASSESSMENT' THEN 'potential assessment (asesmen potensi) of ' || talent.explanation_day(evidence -> 1)
        || CASE WHEN coalesce(evidence ->> 2, '') <> '' THEN ' (' || (evidence ->> 2) || ')' ELSE '' END
        || ': aspect levels ' || talent.explanation_levels(evidence -> 3)
        || CASE WHEN (evidence ->> 4)::integer > 1
                THEN ', the highest of ' || (evidence ->> 4) || ' on that day' ELSE '' END
    WHEN 'OTHER_SCORE' THEN 'committee score (pertimbangan lainnya) for ' || (evidence ->> 1) || ': '
        || talent.explanation_score(evidence -> 2)
        || CASE WHEN (evidence ->> 3)::integer > 1
                THEN ', the lowest of ' || (evidence ->> 3) || ' rows for the year' ELSE '' END
    WHEN 'AWARD' THEN 'award (penghargaan) ' || (evidence ->> 2) || ' of ' || talent.explanation_day(evidence -> 1)
    WHEN 'TEAM_DECREE' THEN 'team decree (SK tim) of ' || talent.explanation_day(evidence -> 1) || ': '
        || (evidence ->> 2) || ', ' || (evidence ->> 3)
    WHEN 'FEEDBACK_360' THEN '360° feedback (umpan balik 360) for ' || (evidence ->> 1) || ': '
        || coalesce(evidence ->> 2, 'score ' || talent.explanation_score(evidence -> 3))
        || CASE WHEN (evidence ->> 4)::integer > 1
                THEN ', the lowest of ' || (evidence ->> 4) || ' rows for the year' ELSE '' END
    WHEN 'TRAINING' THEN 'training (pelatihan) ' || (evidence ->> 2) || ' ended ' || talent.explanation_day(evidence -> 1)
    WHEN 'JP' THEN 'training hours in ' || (evidence ->> 1) || ': ' || (evidence ->> 2) || ' JP ('
        || CASE WHEN (evidence ->> 3)::boolean THEN 'meets' ELSE 'below' END || ' the yearly minimum)'
    WHEN 'TENURE' THEN 'at the current level since ' || talent.explanation_day(evidence -> 1) || ': '
        || (evidence ->> 2) || ' full years'
    WHEN 'POST' THEN 'earlier post from ' || talent.explanation_day(evidence -> 1) || ' in unit ' || (evidence ->> 2)
        || CASE WHEN coalesce(evidence ->> 3, '') <> '' THEN ' at ' || (evidence ->> 3) ELSE '' END
    WHEN 'UNITS' THEN CASE WHEN (evidence ->> 1)::integer = 1 THEN 'one unit, the current one'
                           ELSE (evidence ->> 1) || ' distinct units with the current one' END
        || CASE WHEN (evidence ->> 2)::boolean THEN '; a post at another agency' ELSE '' END
    WHEN 'ACTING' THEN 'acting post ' || (evidence ->> 3) || coalesce(' ' || (evidence ->> 4), '') || ' from '
        || talent.explanation_day(evidence -> 1)
        || coalesce(' to ' || talent.explanation_day(evidence -> 2), ', still running')
    WHEN 'EDUCATION' THEN 'education (pendidikan) ' || (evidence ->> 1)
        || coalesce(', graduated ' || talent.explanation_day(evidence -> 2), '')
        || CASE evidence ->> 3 WHEN 'true' THEN ', field of study fits the target position'
                               WHEN 'false' THEN ', field of study does not fit the target position' ELSE '' END
    WHEN 'GOLONGAN' THEN 'golongan (rank) ' || (evidence ->> 1) || ', the target level asks ' || (evidence ->> 2)
        || CASE WHEN (evidence ->> 3)::integer > 0 THEN ' (' || (evidence ->> 3) || ' steps short)' ELSE '' END
    WHEN 'LEADERSHIP' THEN 'leadership training (pelatihan kepemimpinan) ' || (evidence ->> 1)
        || ', the target level asks ' || (evidence ->> 2)
        || CASE WHEN (evidence ->> 3)::integer > 0 THEN ' (' || (evidence ->> 3) || ' rungs short)' ELSE '' END
    WHEN 'PENALTY' THEN 'disciplinary penalty (hukuman disiplin) ' || (evidence ->> 1) || ' decided '
        || talent.explanation_day(evidence -> 2) || ', last day ' || talent.explanation_day(evidence -> 3)
        || CASE WHEN (evidence ->> 4)::boolean THEN ', running at the reference date' ELSE '' END
    ELSE evidence::text
END;
COMMENT ON FUNCTION talent.explanation_evidence(jsonb) IS
    'One row an indicator counted (an evidence array of explanation version 3) in words, e.g. "SKP 2025: BAIK", '
    '"award (penghargaan) NASIONAL of 2024-08-17"; an unknown form prints as its JSON.';

CREATE FUNCTION talent.explanation_label(indicator text) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
RETURN CASE indicator
    WHEN 'SKP' THEN 'the latest SKP year (Sasaran Kinerja Pegawai, the annual performance rating)'
    WHEN 'SKP_LATEST' THEN 'the latest SKP year (Sasaran Kinerja Pegawai, the annual performance rating)'
    WHEN 'SKP_PREVIOUS' THEN 'the SKP year before it'
    WHEN 'PENGHARGAAN' THEN 'awards (penghargaan)'
    WHEN 'PENUGASAN_TIM' THEN 'team assignments by decree (penugasan tim)'
    WHEN 'UMPAN_BALIK_360' THEN '360° feedback (umpan balik 360)'
    WHEN 'ASESMEN' THEN 'the competency assessment (asesmen kompetensi)'
    WHEN 'ASESMEN_KOMPETENSI' THEN 'the competency assessment (asesmen kompetensi)'
    WHEN 'ASESMEN_POTENSI' THEN 'the potential assessment (asesmen potensi): eight aspects'
    WHEN 'REKAM_JEJAK' THEN 'the track record (rekam jejak)'
    WHEN 'PERTIMBANGAN_LAINNYA' THEN 'the committee score (pertimbangan lainnya)'
    WHEN 'PENGEMBANGAN_KOMPETENSI' THEN 'competency development (pengembangan kompetensi): courses and programmes'
    WHEN 'KURSUS' THEN 'courses (kursus)'
    WHEN 'PROGRAM' THEN 'programmes: leadership training, certification, functional training'
    WHEN 'PENGALAMAN_JABATAN' THEN 'experience (pengalaman jabatan): tenure, variety of posts, acting posts'
    WHEN 'MASA_JABATAN' THEN 'full years at the current level (masa jabatan)'
    WHEN 'VARIASI_JABATAN' THEN 'variety of posts (variasi jabatan)'
    WHEN 'PJ_PLT_PLH' THEN 'acting posts (PJ, PLT, PLH)'
    WHEN 'PENDIDIKAN' THEN 'formal education (pendidikan)'
    WHEN 'KESESUAIAN_BIDANG' THEN 'field of study against the target position (kesesuaian bidang)'
    WHEN 'DISIPLIN' THEN 'disciplinary record (disiplin)'
    WHEN 'GOLONGAN' THEN 'golongan (rank) against the target level'
    WHEN 'PELATIHAN_KEPEMIMPINAN' THEN 'leadership training (pelatihan kepemimpinan)'
    WHEN 'JP_PELATIHAN' THEN 'training hours (jam pelajaran, JP) per year'
END;
COMMENT ON FUNCTION talent.explanation_label(text) IS
    'What an indicator of the built-in rule sets measures, in words; NULL for a name they do not use.';

CREATE FUNCTION talent.explanation_flag(flag text) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
RETURN flag || ': ' || CASE flag
    WHEN 'BIDANG_ILMU_BELUM_DINILAI' THEN 'field of study not judged (bidang ilmu belum dinilai): the highest '
        || 'education row has no field_fit verdict, or there is none'
    WHEN 'DUPLICATE_FEEDBACK_YEAR' THEN 'two 360° feedback rows for one year: the lower counted'
    WHEN 'DUPLICATE_OTHER_SCORE' THEN 'two committee scores for the review year: the lower counted'
    WHEN 'DUPLICATE_YEAR' THEN 'two SKP rows for one year: the lower predicate counted'
    WHEN 'INVALID_ACTING_ASSIGNMENT' THEN 'an acting-post row was invalid and left out'
    WHEN 'INVALID_ASSESSMENT' THEN 'a competency assessment row was invalid and left out'
    WHEN 'INVALID_AWARD' THEN 'an award row was invalid and left out'
    WHEN 'INVALID_EDUCATION' THEN 'an education row was invalid and left out'
    WHEN 'INVALID_FEEDBACK' THEN 'a 360° feedback row was invalid and left out'
    WHEN 'INVALID_OTHER_SCORE' THEN 'a committee score row was invalid and left out'
    WHEN 'INVALID_PENALTY' THEN 'a disciplinary penalty row was invalid and left out'
    WHEN 'INVALID_PERFORMANCE' THEN 'an SKP row was invalid and left out'
    WHEN 'INVALID_POSITION_HISTORY' THEN 'an earlier-post row was invalid and left out'
    WHEN 'INVALID_POTENTIAL_ASSESSMENT' THEN 'a potential assessment row was invalid and left out'
    WHEN 'INVALID_TEAM_ASSIGNMENT' THEN 'a team decree row was invalid and left out'
    WHEN 'INVALID_TRAINING' THEN 'a training row was invalid and left out'
    WHEN 'KINERJA_PARTIAL' THEN 'only one SKP year in the window: kinerja is that year''s points'
    WHEN 'NIP_MISMATCH' THEN 'the NIP''s dates disagree with the stored birth or CPNS date; the stored dates counted'
    WHEN 'TANPA_ASESMEN' THEN 'no valid competency assessment (tanpa asesmen kompetensi) in its window'
    WHEN 'TANPA_ASESMEN_POTENSI' THEN 'no valid potential assessment (tanpa asesmen potensi) in its window'
    WHEN 'TANPA_PENDIDIKAN' THEN 'no valid education row (tanpa pendidikan)'
    WHEN 'TANPA_UMPAN_BALIK_360' THEN 'no valid 360° feedback (tanpa umpan balik 360) in its window'
    WHEN 'NO_KINERJA' THEN 'not placed (belum terpetakan): no valid SKP year in the window; missing data never puts '
        || 'anyone in box 1'
    ELSE 'see DOMAIN.md'
END;
COMMENT ON FUNCTION talent.explanation_flag(text) IS
    'A flag (or the reason NO_KINERJA) with its meaning: "TANPA_ASESMEN: no valid competency assessment ...".';

CREATE FUNCTION talent.explanation_adjustment(adjustment jsonb) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
RETURN CASE adjustment ->> 0
    WHEN 'CAP' THEN 'at most ' || (adjustment ->> 2) || ' without ' || (adjustment ->> 1) || ' (cap)'
    WHEN 'OVERRIDE' THEN (adjustment ->> 1) || ' sets ' || (adjustment ->> 2) || ' (override)'
    ELSE adjustment::text
END;
COMMENT ON FUNCTION talent.explanation_adjustment(jsonb) IS
    'A cap or override that set an axis''s level, in words: "at most MENENGAH without ASESMEN (cap)".';

CREATE FUNCTION talent.explanation_adjustments(axis jsonb) RETURNS text[]
LANGUAGE sql STABLE PARALLEL SAFE
RETURN CASE WHEN axis ? 'adjustments'
            THEN ARRAY(SELECT talent.explanation_adjustment(a) FROM jsonb_array_elements(axis -> 'adjustments')
                         WITH ORDINALITY AS x(a, n) ORDER BY n)
            WHEN (axis ->> 'latestOverride')::boolean THEN ARRAY['SKP_LATEST sets BAWAH (override)']
            WHEN (axis ->> 'cappedWithoutAssessment')::boolean
            THEN ARRAY['at most ' || (axis ->> 'level') || ' without ASESMEN (cap)']
            ELSE '{}' END;
COMMENT ON FUNCTION talent.explanation_adjustments(jsonb) IS
    'The caps and overrides of an axis of an explanation (any version), in words, in the rule set''s order.';

CREATE FUNCTION talent.explanation_part(part jsonb) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
RETURN (part ->> 0) || ': ' || coalesce(talent.explanation_score(part -> 1), 'no value') || ' × ' || (part ->> 2)
    || '% (' || (part ->> 3) || ')'
    || coalesce('; ' || talent.explanation_window(part -> 6), '')
    || ': ' || coalesce((SELECT string_agg(talent.explanation_evidence(e), '; ' ORDER BY n)
                           FROM jsonb_array_elements(part -> 7) WITH ORDINALITY AS x(e, n)), 'no row');
COMMENT ON FUNCTION talent.explanation_part(jsonb) IS
    'A composite''s part in words: "PENDIDIKAN: 90.00 × 20% (PRESENT); up to 2026-03-31: education (pendidikan) S2, '
    'graduated 2008-03-15" (its weight is a share of the composite; "no row" when none counted).';

ALTER FUNCTION talent.explanation_score(jsonb) SET search_path = pg_catalog, pg_temp;
ALTER FUNCTION talent.explanation_day(jsonb, integer) SET search_path = pg_catalog, pg_temp;
ALTER FUNCTION talent.explanation_window(jsonb) SET search_path = pg_catalog, pg_temp;
ALTER FUNCTION talent.explanation_levels(jsonb) SET search_path = pg_catalog, pg_temp;
ALTER FUNCTION talent.explanation_evidence(jsonb) SET search_path = pg_catalog, pg_temp;
ALTER FUNCTION talent.explanation_label(text) SET search_path = pg_catalog, pg_temp;
ALTER FUNCTION talent.explanation_flag(text) SET search_path = pg_catalog, pg_temp;
ALTER FUNCTION talent.explanation_adjustment(jsonb) SET search_path = pg_catalog, pg_temp;
ALTER FUNCTION talent.explanation_adjustments(jsonb) SET search_path = pg_catalog, pg_temp;
ALTER FUNCTION talent.explanation_part(jsonb) SET search_path = pg_catalog, pg_temp;

-- ---------------------------------------------------------------------------------------------------------------
-- The views
-- ---------------------------------------------------------------------------------------------------------------

CREATE VIEW talent.explanation AS
SELECT rp.period_id, rp.year, rp.reference_date, r.employee_id, r.nip,
       o.opd_code, u.name AS opd_name,
       r.explanation -> 'position' ->> 'code' AS position_code, pos.title AS position_title,
       r.explanation -> 'position' ->> 'kind' AS position_kind,
       r.explanation -> 'position' ->> 'jenjang' AS position_jenjang,
       r.target_level, r.status, r.reason, r.box, r.best_box, r.recommendations,
       r.kinerja_score, r.kinerja_level,
       coalesce(r.explanation -> 'kinerja' ->> 'levelFromScore',
                CASE WHEN r.kinerja_score >= (r.explanation -> 'kinerja' ->> 'atasMinimum')::numeric THEN 'ATAS'
                     WHEN r.kinerja_score >= (r.explanation -> 'kinerja' ->> 'sesuaiMinimum')::numeric THEN 'SESUAI'
                     WHEN r.kinerja_score IS NOT NULL THEN 'BAWAH' END) AS kinerja_level_from_score,
       coalesce(r.explanation -> 'kinerja' ->> 'highMinimum',
                r.explanation -> 'kinerja' ->> 'atasMinimum')::numeric(5, 2) AS kinerja_high_minimum,
       coalesce(r.explanation -> 'kinerja' ->> 'middleMinimum',
                r.explanation -> 'kinerja' ->> 'sesuaiMinimum')::numeric(5, 2) AS kinerja_middle_minimum,
       CASE WHEN (r.explanation -> 'kinerja' ->> 'partial')::boolean THEN 'ONE_YEAR'
            ELSE r.explanation -> 'kinerja' ->> 'weightCase' END AS kinerja_weight_case,
       talent.explanation_adjustments(r.explanation -> 'kinerja') AS kinerja_adjustments,
       r.potensi_score, r.potensi_level, r.explanation -> 'potensi' ->> 'levelFromScore' AS potensi_level_from_score,
       coalesce(r.explanation -> 'potensi' ->> 'highMinimum',
                r.explanation -> 'potensi' ->> 'tinggiMinimum')::numeric(5, 2) AS potensi_high_minimum,
       coalesce(r.explanation -> 'potensi' ->> 'middleMinimum',
                r.explanation -> 'potensi' ->> 'menengahMinimum')::numeric(5, 2) AS potensi_middle_minimum,
       nullif(r.explanation -> 'potensi' ->> 'weightCase', 'A_RJ_L') AS potensi_weight_case,
       talent.explanation_adjustments(r.explanation -> 'potensi') AS potensi_adjustments,
       r.flags,
       ARRAY(SELECT talent.explanation_flag(f) FROM unnest(r.flags) WITH ORDINALITY AS x(f, n) ORDER BY n)
           AS flag_words,
       ARRAY(SELECT (l ->> 'kind') || coalesce(' line ' || (l ->> 'line'), '') || ': ' || (l ->> 'detail')
               FROM jsonb_array_elements(r.explanation -> 'leftOut') WITH ORDINALITY AS x(l, n) ORDER BY n)
           AS left_out,
       coalesce(pe.is_member, false) AS pool_member, coalesce(pe.krs_nasional, false) AS krs_nasional,
       ARRAY(SELECT CASE jsonb_typeof(b) WHEN 'array' THEN (b ->> 0) || ': ' || (b ->> 1)
                                         ELSE (b ->> 'blocker') || ': ' || (b ->> 'detail') END
               FROM jsonb_array_elements(r.explanation -> 'pool' -> 'blockers') WITH ORDINALITY AS x(b, n)
              ORDER BY n) AS pool_blockers,
       r.rule_version AS rule_set, rs.parameters ->> 'provenance' AS rule_set_provenance,
       r.inputs_fingerprint, coalesce((r.explanation ->> 'version')::integer, 1) AS explanation_version,
       r.computed_at
  FROM talent.assessment_result r
  JOIN talent.review_periods rp ON rp.period_id = r.period_id
  LEFT JOIN talent.pool_evaluation pe ON pe.period_id = r.period_id AND pe.employee_id = r.employee_id
  LEFT JOIN hr.position pos ON pos.position_code = r.explanation -> 'position' ->> 'code'
  LEFT JOIN talent.opd o ON o.unit_code = pos.unit_code
  LEFT JOIN hr.unit u ON u.unit_code = o.opd_code
  LEFT JOIN talent.rule_set rs ON rs.name || '@' || rs.version = r.rule_version;
COMMENT ON VIEW talent.explanation IS
    '"Why this box?": one row per assessed employee and review period, from the stored explanation: the box, both '
    'axes, the flags in words, the rows left out, the pool screens, the rule set and the inputs fingerprint. The '
    'indicators are in talent.explanation_indicator. NIP and internal id only, never a name. `talenta explain` '
    'prints the same content.';
COMMENT ON COLUMN talent.explanation.position_code IS 'The position the rules used (as at D), from the explanation.';
COMMENT ON COLUMN talent.explanation.position_title IS 'hr.position.title of position_code; NULL when the position is gone.';
COMMENT ON COLUMN talent.explanation.opd_code IS 'The OPD of position_code (its unit''s top ancestor); NULL when the position is gone.';
COMMENT ON COLUMN talent.explanation.best_box IS
    'The best box reachable if every MISSING and NO_RECORD indicator scored its best (sql/0020); NULL for a result '
    'written before migration 0020.';
COMMENT ON COLUMN talent.explanation.kinerja_level_from_score IS 'The level the score alone gives, before caps and overrides.';
COMMENT ON COLUMN talent.explanation.kinerja_high_minimum IS 'The lowest score of ATAS (lower bounds are inclusive).';
COMMENT ON COLUMN talent.explanation.kinerja_middle_minimum IS 'The lowest score of SESUAI.';
COMMENT ON COLUMN talent.explanation.kinerja_weight_case IS 'The re-weighting case applied (ONE_YEAR: one SKP year); NULL when every indicator carries its own weight.';
COMMENT ON COLUMN talent.explanation.kinerja_adjustments IS 'Caps and overrides that set the level, in words, e.g. "SKP_LATEST sets BAWAH (override)".';
COMMENT ON COLUMN talent.explanation.potensi_high_minimum IS 'The lowest score of TINGGI (lower bounds are inclusive).';
COMMENT ON COLUMN talent.explanation.potensi_middle_minimum IS 'The lowest score of MENENGAH.';
COMMENT ON COLUMN talent.explanation.potensi_weight_case IS 'The re-weighting case applied (the default: A_RJ, RJ_L, RJ); NULL when every indicator carries its own weight.';
COMMENT ON COLUMN talent.explanation.potensi_adjustments IS 'Caps that set the level, in words, e.g. "at most MENENGAH without ASESMEN (cap)".';
COMMENT ON COLUMN talent.explanation.flag_words IS 'The flags (as in flags, alphabetical), each with its meaning: "TANPA_ASESMEN: no valid competency assessment ...".';
COMMENT ON COLUMN talent.explanation.left_out IS 'Every input row left out of the computation: "TRAINING line 7: ..." (the line of its file when known).';
COMMENT ON COLUMN talent.explanation.pool_blockers IS 'Every failing pool screen with its reason: "BUP: 1 full years to the BUP birthday ...".';
COMMENT ON COLUMN talent.explanation.rule_set IS 'The rule set that produced the result, name@version.';
COMMENT ON COLUMN talent.explanation.rule_set_provenance IS
    'Where the rule set comes from, when it says: the BKN 411/2025 preset is "reconstructed from public implementations '
    'of Kepka BKN 411/2025; not checked against its Lampiran". Show it wherever the preset''s results are shown.';
COMMENT ON COLUMN talent.explanation.explanation_version IS
    'The stored explanation''s version: 3 has indicators (talent.explanation_indicator); 1 and 2 were stored before '
    'migration 0017 and have none (recalculate to get them).';

CREATE VIEW talent.explanation_indicator AS
SELECT rp.period_id, rp.year, r.employee_id, r.nip, i.ordinal::smallint AS ordinal, i.axis,
       i.item ->> 0 AS indicator, talent.explanation_label(i.item ->> 0) AS label,
       (i.item ->> 1)::numeric(5, 2) AS score, (i.item ->> 2)::numeric AS weight,
       round((i.item ->> 1)::numeric * (i.item ->> 2)::numeric / 100, 4)::numeric(7, 4) AS weighted,
       i.item ->> 3 AS state, (i.item ->> 4)::numeric(5, 2) AS best, i.item ->> 5 AS flag,
       talent.explanation_window(i.item -> 6) AS window_text,
       ARRAY(SELECT talent.explanation_evidence(e) FROM jsonb_array_elements(i.item -> 7) WITH ORDINALITY AS x(e, n)
              ORDER BY n) AS evidence,
       ARRAY(SELECT talent.explanation_part(p) FROM jsonb_array_elements(i.item -> 8) WITH ORDINALITY AS x(p, n)
              ORDER BY n) AS parts,
       ARRAY(SELECT p ->> 0 FROM jsonb_array_elements(i.item -> 8) WITH ORDINALITY AS x(p, n)
              WHERE p ->> 3 <> 'PRESENT' ORDER BY n) AS incomplete_parts,
       ir.points_at_stake
  FROM talent.assessment_result r
  JOIN talent.review_periods rp ON rp.period_id = r.period_id
 CROSS JOIN LATERAL (
       SELECT 'KINERJA' AS axis, k.item, k.n AS ordinal
         FROM jsonb_array_elements(r.explanation -> 'kinerja' -> 'indicators') WITH ORDINALITY AS k(item, n)
        UNION ALL
       SELECT 'POTENSI', p.item, p.n + jsonb_array_length(r.explanation -> 'kinerja' -> 'indicators')
         FROM jsonb_array_elements(r.explanation -> 'potensi' -> 'indicators') WITH ORDINALITY AS p(item, n)
       ) i
  LEFT JOIN talent.indicator_result ir
    ON ir.period_id = r.period_id AND ir.employee_id = r.employee_id AND ir.ordinal = i.ordinal
 WHERE coalesce((r.explanation ->> 'version')::integer, 1) >= 3;
COMMENT ON VIEW talent.explanation_indicator IS
    'The indicators of each placement in talent.explanation, one row each (indicators.csv''s rows: KINERJA first, '
    'then POTENSI, each in the rule set''s order): score, weight, weighted, the data state, the window and the rows '
    'it was computed from, in words. NIP and internal id only, never a name.';
COMMENT ON COLUMN talent.explanation_indicator.ordinal IS '1, 2, ... in indicators.csv order.';
COMMENT ON COLUMN talent.explanation_indicator.label IS 'What the indicator measures, in words (built-in rule sets; NULL for other names).';
COMMENT ON COLUMN talent.explanation_indicator.score IS 'The score, rounded half-up to 2 places; NULL when the employee has no value for it.';
COMMENT ON COLUMN talent.explanation_indicator.weight IS 'The share of the axis this score carries for this employee, in percent.';
COMMENT ON COLUMN talent.explanation_indicator.weighted IS 'score x weight / 100, exact (4 decimals); NULL without a score.';
COMMENT ON COLUMN talent.explanation_indicator.state IS
    'PRESENT (a row counted), MISSING (no valid row where one is expected: TANPA_ASESMEN, NO_KINERJA, ...) or '
    'NO_RECORD (no row, and none may be true: awards, team decrees, acting posts).';
COMMENT ON COLUMN talent.explanation_indicator.best IS 'The best score the rule set declares for the indicator.';
COMMENT ON COLUMN talent.explanation_indicator.flag IS 'The missing-data flag the indicator raised, if any.';
COMMENT ON COLUMN talent.explanation_indicator.window_text IS 'The dates or years whose rows counted, in words; NULL for a composite (see parts).';
COMMENT ON COLUMN talent.explanation_indicator.evidence IS 'The rows the score was computed from, one line each, in words.';
COMMENT ON COLUMN talent.explanation_indicator.parts IS 'A composite''s parts, one line each: name, score, weight in percent of the composite, state, window, rows.';
COMMENT ON COLUMN talent.explanation_indicator.points_at_stake IS
    'What its missing data put at stake (talent.indicator_result.points_at_stake): 0 when PRESENT, else the weighted '
    'points its axis would gain at its best; NULL for a result written before migration 0020.';
COMMENT ON COLUMN talent.explanation_indicator.incomplete_parts IS 'The names of a composite''s parts whose state is not PRESENT (what makes it MISSING or NO_RECORD).';

GRANT SELECT ON talent.explanation, talent.explanation_indicator TO talenta_worker, talenta_reader;
-- The default privileges of schema talent give the worker writes on every new relation; a view takes none.
REVOKE INSERT, UPDATE, DELETE ON talent.explanation, talent.explanation_indicator FROM talenta_worker;
GRANT EXECUTE ON FUNCTION talent.explanation_score(jsonb), talent.explanation_day(jsonb, integer),
                          talent.explanation_window(jsonb), talent.explanation_levels(jsonb),
                          talent.explanation_evidence(jsonb), talent.explanation_label(text),
                          talent.explanation_flag(text), talent.explanation_adjustment(jsonb),
                          talent.explanation_adjustments(jsonb), talent.explanation_part(jsonb)
    TO talenta_worker, talenta_reader;

-- ---------------------------------------------------------------------------------------------------------------
-- Kelengkapan data (data completeness), from talent.indicator_result and talent.assessment_result.best_box (sql/0020)
-- ---------------------------------------------------------------------------------------------------------------
--
--   talent.indicators              gains period_id, position_code, best and points_at_stake (last columns): one row
--                                  per employee and indicator, what `talenta completeness --out FILE.csv` writes.
--   talent.completeness_employee   one row per employee and review period: the indicators in each state, the
--                                  points at stake per axis, the box and the best box the data could still give.
--   talent.completeness_indicator  per indicator, per OPD and city-wide: employees in each state, the complete
--                                  share, the points at stake, and the order to collect in (points at stake x
--                                  employees missing).
--   talent.completeness_opd        per OPD and city-wide: employees, fully complete, with data missing, not placed,
--                                  whose box the data could still change; the rule set and its provenance.
--
-- An employee belongs to the OPD of their current position, as in talent.box_distribution. Only results with
-- indicator rows count (written by the worker from migration 0020 on); the views show the periods that
-- talent.review_periods shows. NIP, OPD and position only, never a name: the chase list with names is
-- `talenta completeness --chase` for the logins that may read hr.

CREATE OR REPLACE VIEW talent.indicators AS
SELECT p.year, r.nip, i.employee_id, o.opd_code, i.axis, i.indicator, i.score, i.weight, i.weighted, i.state,
       i.ordinal, i.period_id, e.position_code, i.best, i.points_at_stake
  FROM talent.indicator_result i
  JOIN talent.assessment_result r ON r.period_id = i.period_id AND r.employee_id = i.employee_id
  JOIN talent.review_period p ON p.id = i.period_id
  JOIN hr.employee e ON e.id = i.employee_id
  JOIN hr.position pos ON pos.position_code = e.position_code
  JOIN talent.opd o ON o.unit_code = pos.unit_code;
COMMENT ON COLUMN talent.indicators.period_id IS 'The review period (talent.review_period.id).';
COMMENT ON COLUMN talent.indicators.position_code IS 'The employee''s current position (hr.employee.position_code).';
COMMENT ON COLUMN talent.indicators.best IS 'The best score the rule set declares for the indicator.';
COMMENT ON COLUMN talent.indicators.points_at_stake IS
    'What the indicator''s missing data put at stake: 0 when PRESENT; for MISSING and NO_RECORD the weighted points it '
    'would add to its axis at its best (talent.indicator_result.points_at_stake).';

CREATE VIEW talent.completeness_employee AS
SELECT rp.period_id, rp.year, r.employee_id, r.nip, o.opd_code, e.position_code, pos.title AS position_title,
       r.status, r.reason, r.box, r.best_box, r.best_box IS DISTINCT FROM r.box AS box_can_change,
       count(*)::integer AS indicators,
       count(*) FILTER (WHERE i.state = 'PRESENT')::integer AS present,
       count(*) FILTER (WHERE i.state = 'MISSING')::integer AS missing,
       count(*) FILTER (WHERE i.state = 'NO_RECORD')::integer AS no_record,
       bool_and(i.state = 'PRESENT') AS fully_complete,
       coalesce(array_agg(i.indicator ORDER BY i.ordinal) FILTER (WHERE i.state = 'MISSING'), '{}')
           AS missing_indicators,
       coalesce(array_agg(i.indicator ORDER BY i.ordinal) FILTER (WHERE i.state = 'NO_RECORD'), '{}')
           AS no_record_indicators,
       coalesce(sum(i.points_at_stake) FILTER (WHERE i.axis = 'KINERJA'), 0)::numeric(8, 4) AS kinerja_points_at_stake,
       coalesce(sum(i.points_at_stake) FILTER (WHERE i.axis = 'POTENSI'), 0)::numeric(8, 4) AS potensi_points_at_stake
  FROM talent.assessment_result r
  JOIN talent.review_periods rp ON rp.period_id = r.period_id
  JOIN talent.indicator_result i ON i.period_id = r.period_id AND i.employee_id = r.employee_id
  JOIN hr.employee e ON e.id = r.employee_id
  JOIN hr.position pos ON pos.position_code = e.position_code
  JOIN talent.opd o ON o.unit_code = pos.unit_code
 GROUP BY rp.period_id, rp.year, r.employee_id, r.nip, o.opd_code, e.position_code, pos.title, r.status, r.reason,
          r.box, r.best_box;
COMMENT ON VIEW talent.completeness_employee IS
    'Kelengkapan data (data completeness) per assessed employee and review period, under the rule set of the result: '
    'how many indicators are PRESENT, MISSING or NO_RECORD, which, the points at stake per axis, and the best box the '
    'employee could reach if every MISSING and NO_RECORD indicator scored its best. Not placed employees included. '
    'NIP, OPD and position only, never a name.';
COMMENT ON COLUMN talent.completeness_employee.opd_code IS 'The OPD of the employee''s current position.';
COMMENT ON COLUMN talent.completeness_employee.best_box IS
    'The best box reachable with every MISSING and NO_RECORD indicator at its best (for an unplaced employee: with SKP '
    'at its best); NULL for results written before migration 0020.';
COMMENT ON COLUMN talent.completeness_employee.box_can_change IS
    'Whether best_box differs from box (an unplaced employee whose best box exists counts): whose box the data can still change.';
COMMENT ON COLUMN talent.completeness_employee.fully_complete IS 'Every indicator is PRESENT.';
COMMENT ON COLUMN talent.completeness_employee.missing_indicators IS 'The MISSING indicators, in indicators.csv order (SKP when not placed for NO_KINERJA).';
COMMENT ON COLUMN talent.completeness_employee.no_record_indicators IS 'The NO_RECORD indicators (none may be true: awards, team decrees, acting posts).';
COMMENT ON COLUMN talent.completeness_employee.kinerja_points_at_stake IS 'The sum of the KINERJA indicators'' points at stake.';
COMMENT ON COLUMN talent.completeness_employee.potensi_points_at_stake IS 'The sum of the POTENSI indicators'' points at stake.';

CREATE VIEW talent.completeness_indicator AS
WITH counted AS (
    SELECT rp.period_id, rp.year, o.opd_code, GROUPING(o.opd_code) = 1 AS city_wide, i.ordinal, i.axis, i.indicator,
           count(*)::integer AS employees,
           count(*) FILTER (WHERE i.state = 'PRESENT')::integer AS present,
           count(*) FILTER (WHERE i.state = 'MISSING')::integer AS missing,
           count(*) FILTER (WHERE i.state = 'NO_RECORD')::integer AS no_record,
           coalesce(sum(i.points_at_stake) FILTER (WHERE i.state = 'MISSING'), 0)::numeric(14, 4) AS missing_points,
           coalesce(sum(i.points_at_stake) FILTER (WHERE i.state = 'NO_RECORD'), 0)::numeric(14, 4) AS no_record_points,
           round(avg(i.points_at_stake) FILTER (WHERE i.state <> 'PRESENT'), 4) AS points_at_stake
      FROM talent.indicator_result i
      JOIN talent.review_periods rp ON rp.period_id = i.period_id
      JOIN hr.employee e ON e.id = i.employee_id
      JOIN hr.position pos ON pos.position_code = e.position_code
      JOIN talent.opd o ON o.unit_code = pos.unit_code
     GROUP BY GROUPING SETS ((rp.period_id, rp.year, o.opd_code, i.ordinal, i.axis, i.indicator),
                             (rp.period_id, rp.year, i.ordinal, i.axis, i.indicator))
)
SELECT period_id, year, opd_code, city_wide, ordinal, axis, indicator, talent.explanation_label(indicator) AS label,
       employees, present, missing, no_record, round(100.0 * present / employees, 1) AS complete_percent,
       points_at_stake, missing_points, no_record_points,
       CASE WHEN missing > 0 THEN row_number() OVER (PARTITION BY period_id, city_wide, opd_code, missing > 0
                                                     ORDER BY missing_points DESC, ordinal)::integer END AS collect_order,
       CASE WHEN no_record > 0 THEN row_number() OVER (PARTITION BY period_id, city_wide, opd_code, no_record > 0
                                                       ORDER BY no_record_points DESC, ordinal)::integer END AS confirm_order
  FROM counted;
COMMENT ON VIEW talent.completeness_indicator IS
    'Kelengkapan data per indicator, per OPD (city_wide false) and for the whole city (city_wide true, opd_code NULL): '
    'employees in each state, the complete share, the points at stake and what to collect first. collect_order ranks '
    'the indicators with MISSING data by missing_points (the points at stake summed over the employees missing them, '
    'that is points at stake x employees missing); confirm_order ranks the NO_RECORD ones (none may be true: ask, do '
    'not chase) the same way.';
COMMENT ON COLUMN talent.completeness_indicator.city_wide IS 'true for the city-wide row of the indicator (opd_code NULL).';
COMMENT ON COLUMN talent.completeness_indicator.label IS 'What the indicator measures, in words (talent.explanation_label).';
COMMENT ON COLUMN talent.completeness_indicator.complete_percent IS 'present / employees, in percent, 1 decimal.';
COMMENT ON COLUMN talent.completeness_indicator.points_at_stake IS
    'The mean points at stake of the employees without data for it (MISSING or NO_RECORD): what one such employee''s '
    'axis score would gain at the indicator''s best; NULL when everyone has data.';
COMMENT ON COLUMN talent.completeness_indicator.missing_points IS 'The points at stake summed over the MISSING employees.';
COMMENT ON COLUMN talent.completeness_indicator.no_record_points IS 'The points at stake summed over the NO_RECORD employees.';
COMMENT ON COLUMN talent.completeness_indicator.collect_order IS '1 = collect first; NULL when nobody misses it.';
COMMENT ON COLUMN talent.completeness_indicator.confirm_order IS '1 = ask first whether the records exist; NULL when nobody has NO_RECORD.';

CREATE VIEW talent.completeness_opd AS
SELECT c.period_id, c.year, c.opd_code, GROUPING(c.opd_code) = 1 AS city_wide, u.name AS opd_name,
       rp.rule_set, rs.parameters ->> 'provenance' AS rule_set_provenance,
       count(*)::integer AS employees,
       count(*) FILTER (WHERE c.fully_complete)::integer AS fully_complete,
       count(*) FILTER (WHERE c.missing > 0)::integer AS with_missing,
       count(*) FILTER (WHERE c.box IS NULL)::integer AS not_placed,
       count(*) FILTER (WHERE c.box_can_change)::integer AS box_can_change
  FROM talent.completeness_employee c
  JOIN talent.review_periods rp ON rp.period_id = c.period_id
  LEFT JOIN hr.unit u ON u.unit_code = c.opd_code
  LEFT JOIN talent.rule_set rs ON rs.name || '@' || rs.version = rp.rule_set
 GROUP BY GROUPING SETS ((c.period_id, c.year, rp.rule_set, rs.parameters, c.opd_code, u.name),
                         (c.period_id, c.year, rp.rule_set, rs.parameters));
COMMENT ON VIEW talent.completeness_opd IS
    'Kelengkapan data per OPD (city_wide false) and for the whole city (city_wide true, opd_code NULL): employees '
    'assessed, fully complete (every indicator PRESENT), with data missing, not placed, and whose box the data could '
    'still change; the period''s rule set and its provenance.';
COMMENT ON COLUMN talent.completeness_opd.opd_name IS 'The OPD''s name (hr.unit.name); NULL for the city.';
COMMENT ON COLUMN talent.completeness_opd.rule_set IS 'The period''s rule set, name@version.';
COMMENT ON COLUMN talent.completeness_opd.rule_set_provenance IS
    'Where the rule set comes from, when it says (the BKN 411/2025 preset: reconstructed, not checked against its Lampiran).';
COMMENT ON COLUMN talent.completeness_opd.with_missing IS 'Employees with at least one MISSING indicator: the chase list.';
COMMENT ON COLUMN talent.completeness_opd.box_can_change IS 'Employees whose best box differs from their box.';

GRANT SELECT ON talent.completeness_employee, talent.completeness_indicator, talent.completeness_opd
    TO talenta_worker, talenta_reader;
REVOKE INSERT, UPDATE, DELETE ON talent.completeness_employee, talent.completeness_indicator, talent.completeness_opd
    FROM talenta_worker;
