-- 0022_scenarios.sql: what-if scenarios (issue 17), and their comparison with the official result.
--
-- A scenario is a review period with a name: talent.review_period.scenario (NULL for the official review of a year).
-- A year has one official period and any number of named scenarios, each with its own reference date and rule set.
-- `annual_review` and `recalculation` with {"scenario": "NAME"} fan out, assess and plan succession exactly as the
-- official review does, writing to the same tables under the scenario's period_id, so exactly-once writes and crash
-- resume come from the queue as for any review, and nothing official is touched:
--   * the views other systems read (current_placement, pool, succession, box_distribution, review_periods,
--     result_versions, open_period and the override views) show official periods only;
--   * event-driven recalculation targets talent.open_period, the latest *official* period: never a scenario;
--   * talent.activate_rule_set changes the official period of a year, never its scenarios;
--   * committee overrides belong to official periods only (refused on a scenario by trigger);
--   * the result history (talent.assessment_result_history) keeps replaced official results only: a scenario is a
--     throwaway what-if, re-run or dropped at will, and dropping it must leave no row behind.
-- talent.drop_scenario removes every row of a scenario, refusing while any of its jobs is pending or running.
--
-- Comparison, for integrators (no names; readable by talenta_reader), of a scenario with the official period of the
-- same year (base_scenario NULL) or with another scenario of that year (base_scenario its name): the box transition
-- per employee and per OPD and city-wide, pool members gained and lost, succession plans whose rank-1 candidate
-- changes, and a summary per OPD. The per-indicator mean change reads talent.indicator_result (issue 15 phase 2).

-- ---------------------------------------------------------------- the scenario column
ALTER TABLE talent.review_period ADD COLUMN scenario text;
ALTER TABLE talent.review_period ADD CONSTRAINT review_period_scenario_name
    CHECK (scenario ~ '^[a-z0-9][a-z0-9._-]{0,62}$');
-- One official period per year (scenario NULL counts as one value) and one period per scenario name and year: one
-- constraint, so `INSERT … ON CONFLICT (year, scenario)` opens either kind.
ALTER TABLE talent.review_period DROP CONSTRAINT review_period_year_key;
ALTER TABLE talent.review_period ADD CONSTRAINT review_period_year_scenario_key UNIQUE NULLS NOT DISTINCT (year, scenario);
-- A handful of rows that autovacuum's default threshold (50 changed rows) would never analyze again: without
-- statistics the planner takes it for hundreds of periods and costs every comparison view as a large query.
ALTER TABLE talent.review_period SET (autovacuum_analyze_threshold = 0, autovacuum_analyze_scale_factor = 0);
COMMENT ON TABLE talent.review_period IS
    'One official talent review per year Y (scenario NULL) and any number of named what-if scenarios of that year, '
    'each with its reference date D (tanggal acuan) and the rule set it applies.';
COMMENT ON COLUMN talent.review_period.scenario IS
    'NULL for the official review of the year; else the name of a what-if scenario (1-63 characters: lower-case '
    'letters, digits and . _ -, starting with a letter or digit). Scenario results never show in the official views, '
    'are never recalculated by HR changes, have no overrides and no result history; talent.drop_scenario removes them.';

-- ---------------------------------------------------------------- official views: official periods only
CREATE OR REPLACE VIEW talent.open_period AS
SELECT id, year, reference_date, rule_set_name, rule_set_version
  FROM talent.review_period WHERE scenario IS NULL ORDER BY year DESC LIMIT 1;
COMMENT ON VIEW talent.open_period IS
    'The open review period: the official one (not a scenario) with the highest year (the latest annual review). HR '
    'changes enqueue recalculations of its results; earlier periods and every scenario keep theirs. No row before the '
    'first annual review.';

CREATE OR REPLACE VIEW talent.current_placement AS
SELECT DISTINCT ON (r.employee_id)
       r.employee_id, r.nip, p.year, p.reference_date, o.opd_code, e.position_code,
       r.status, r.reason, r.target_level, r.kinerja_score, r.kinerja_level, r.potensi_score, r.potensi_level,
       r.box, r.recommendations, pe.is_member AS pool_member, pe.krs_nasional, pe.blockers AS pool_blockers,
       r.flags, r.rule_version, r.inputs_fingerprint, r.computed_at
  FROM talent.assessment_result r
  JOIN talent.review_period p ON p.id = r.period_id
  JOIN hr.employee e ON e.id = r.employee_id
  JOIN hr.position pos ON pos.position_code = e.position_code
  JOIN talent.opd o ON o.unit_code = pos.unit_code
  LEFT JOIN talent.pool_evaluation pe ON pe.period_id = r.period_id AND pe.employee_id = r.employee_id
 WHERE p.scenario IS NULL
 ORDER BY r.employee_id, p.year DESC;
COMMENT ON VIEW talent.current_placement IS
    'The latest official review''s placement of every assessed employee: levels, scores, box, recommendations, pool '
    'status. Scenarios never show here. No personal names.';

CREATE OR REPLACE VIEW talent.pool AS
SELECT p.year, r.nip, r.employee_id, pe.target_level, pe.krs_nasional, r.box, r.kinerja_score, r.potensi_score,
       round(0.5 * r.kinerja_score + 0.5 * r.potensi_score, 2) AS nilai_talenta
  FROM talent.pool_evaluation pe
  JOIN talent.assessment_result r USING (period_id, employee_id)
  JOIN talent.review_period p ON p.id = pe.period_id
 WHERE pe.is_member AND p.scenario IS NULL;
COMMENT ON VIEW talent.pool IS 'Talent pool members (KRS instansi) per official review year and target level.';

CREATE OR REPLACE VIEW talent.succession AS
SELECT p.year, sp.position_code, pos.title, pos.kind, sp.target_reasons, sp.flags,
       c.rank, c.nip, c.employee_id, c.nilai_talenta, c.readiness, c.gaps
  FROM talent.succession_plan sp
  JOIN talent.review_period p ON p.id = sp.period_id
  JOIN hr.position pos ON pos.position_code = sp.position_code
  LEFT JOIN talent.succession_candidate c ON c.period_id = sp.period_id AND c.position_code = sp.position_code
 WHERE p.scenario IS NULL;
COMMENT ON VIEW talent.succession IS 'Succession plan per target position and official review year, one row per kept candidate (rank 1 = designated successor); a plan without candidates has one row with NULL rank.';

CREATE OR REPLACE VIEW talent.box_distribution AS
SELECT p.year, o.opd_code, r.box, count(*) AS employees, u.name AS opd_name
  FROM talent.assessment_result r
  JOIN talent.review_period p ON p.id = r.period_id
  JOIN hr.employee e ON e.id = r.employee_id
  JOIN hr.position pos ON pos.position_code = e.position_code
  JOIN talent.opd o ON o.unit_code = pos.unit_code
  JOIN hr.unit u ON u.unit_code = o.opd_code
 WHERE p.scenario IS NULL
 GROUP BY p.year, o.opd_code, u.name, r.box;
COMMENT ON VIEW talent.box_distribution IS
    'Number of employees per box (NULL box = not placed) per OPD and official review year, with the OPD''s name.';

CREATE OR REPLACE VIEW talent.review_periods AS
SELECT p.id AS period_id, p.year, p.reference_date, p.rule_set_name || '@' || p.rule_set_version AS rule_set,
       p.created_at, r.parameters ->> 'provenance' AS provenance
  FROM talent.review_period p
  JOIN talent.rule_set r ON r.name = p.rule_set_name AND r.version = p.rule_set_version
 WHERE p.scenario IS NULL;
COMMENT ON VIEW talent.review_periods IS
    'Every official review period: one row per year Y with its reference date D (tanggal acuan) and the rule set it '
    'applies (name@version). The latest one is talent.open_period; scenarios are in talent.scenarios.';
COMMENT ON COLUMN talent.review_periods.provenance IS
    'Where the rule set comes from, when it says (the BKN 411/2025 preset: reconstructed from public implementations, '
    'not checked against the Lampiran); show it beside the rule set. NULL otherwise.';

CREATE OR REPLACE VIEW talent.result_versions AS
SELECT p.year, r.period_id, r.employee_id, r.nip, r.rule_version, r.computed_at, true AS is_current,
       NULL::timestamptz AS replaced_at, r.status, r.reason, r.target_level, r.kinerja_score, r.kinerja_level,
       r.potensi_score, r.potensi_level, r.box, r.recommendations, r.flags, r.inputs_fingerprint, r.job_id,
       r.best_box
  FROM talent.assessment_result r
  JOIN talent.review_period p ON p.id = r.period_id
 WHERE p.scenario IS NULL
UNION ALL
SELECT p.year, h.period_id, h.employee_id, h.nip, h.rule_version, h.computed_at, false, h.replaced_at, h.status,
       h.reason, h.target_level, h.kinerja_score, h.kinerja_level, h.potensi_score, h.potensi_level, h.box,
       h.recommendations, h.flags, h.inputs_fingerprint, h.job_id, h.best_box
  FROM talent.assessment_result_history h
  JOIN talent.review_period p ON p.id = h.period_id
 WHERE p.scenario IS NULL;
COMMENT ON VIEW talent.result_versions IS
    'Every official result an employee has had in a review year: the current one (is_current) and each replaced one, '
    'with the rule set (rule_version) and time (computed_at) that produced it. Scenarios are compared in '
    'talent.scenario_placement_change instead.';

CREATE OR REPLACE VIEW talent.indicators AS
SELECT p.year, r.nip, i.employee_id, o.opd_code, i.axis, i.indicator, i.score, i.weight, i.weighted, i.state,
       i.ordinal, i.period_id, e.position_code, i.best, i.points_at_stake
  FROM talent.indicator_result i
  JOIN talent.assessment_result r ON r.period_id = i.period_id AND r.employee_id = i.employee_id
  JOIN talent.review_period p ON p.id = i.period_id
  JOIN hr.employee e ON e.id = i.employee_id
  JOIN hr.position pos ON pos.position_code = e.position_code
  JOIN talent.opd o ON o.unit_code = pos.unit_code
 WHERE p.scenario IS NULL;
COMMENT ON VIEW talent.indicators IS
    'How each axis score was built, one row per indicator of every result of every official review year: '
    'indicators.csv (DOMAIN.md §11) with the OPD and the indicator''s state (a scenario''s are compared in '
    'talent.scenario_indicator_change). ORDER BY year, nip, ordinal gives indicators.csv''s order. Names an employee '
    'by NIP and internal id only.';

CREATE OR REPLACE VIEW talent.current_placement_effective AS
SELECT cp.*,
       cp.box AS computed_box, bo.box AS override_box, coalesce(bo.box, cp.box) AS effective_box,
       cp.pool_member AS computed_pool_member, po.pool_member AS override_pool_member,
       coalesce(po.pool_member, cp.pool_member) AS effective_pool_member,
       bo.id AS box_override_id, bo.reason AS box_override_reason, bo.decided_by AS box_override_decided_by,
       bo.decided_at AS box_override_decided_at,
       po.id AS pool_override_id, po.reason AS pool_override_reason, po.decided_by AS pool_override_decided_by,
       po.decided_at AS pool_override_decided_at
  FROM talent.current_placement cp
  JOIN talent.review_period p ON p.year = cp.year AND p.scenario IS NULL
  LEFT JOIN talent.override bo
         ON bo.period_id = p.id AND bo.employee_id = cp.employee_id AND bo.kind = 'box' AND bo.revoked_at IS NULL
  LEFT JOIN talent.override po
         ON po.period_id = p.id AND po.employee_id = cp.employee_id AND po.kind = 'pool' AND po.revoked_at IS NULL;

CREATE OR REPLACE VIEW talent.pool_effective AS
SELECT p.year, r.nip, r.employee_id, pe.target_level, r.box AS computed_box, coalesce(bo.box, r.box) AS effective_box,
       r.kinerja_score, r.potensi_score, round(0.5 * r.kinerja_score + 0.5 * r.potensi_score, 2) AS nilai_talenta,
       pe.is_member AS computed_member, po.pool_member AS override_member,
       coalesce(po.pool_member, pe.is_member) AS effective_member, pe.krs_nasional, pe.blockers,
       po.id AS override_id, po.reason AS override_reason, po.decided_by AS override_decided_by,
       po.decided_at AS override_decided_at
  FROM talent.pool_evaluation pe
  JOIN talent.assessment_result r USING (period_id, employee_id)
  JOIN talent.review_period p ON p.id = pe.period_id
  LEFT JOIN talent.override po
         ON po.period_id = pe.period_id AND po.employee_id = pe.employee_id AND po.kind = 'pool' AND po.revoked_at IS NULL
  LEFT JOIN talent.override bo
         ON bo.period_id = pe.period_id AND bo.employee_id = pe.employee_id AND bo.kind = 'box' AND bo.revoked_at IS NULL
 WHERE (pe.is_member OR po.pool_member) AND p.scenario IS NULL;

CREATE OR REPLACE VIEW talent.succession_effective AS
WITH candidate AS (
    SELECT c.period_id, c.position_code, c.employee_id, c.nip, c.rank AS computed_rank, c.nilai_talenta, c.readiness,
           c.gaps
      FROM talent.succession_candidate c
    UNION ALL
    -- Employees the committee ranked who are not computed candidates (their computed values are NULL).
    SELECT o.period_id, o.position_code, o.employee_id, e.nip, NULL, NULL, NULL, NULL
      FROM talent.override o
      JOIN hr.employee e ON e.id = o.employee_id
     WHERE o.kind = 'candidate_rank' AND o.revoked_at IS NULL
       AND NOT EXISTS (SELECT 1 FROM talent.succession_candidate c
                        WHERE c.period_id = o.period_id AND c.position_code = o.position_code
                          AND c.employee_id = o.employee_id)
), ranked AS (
    SELECT cd.*, o.rank AS override_rank, o.id AS override_id, o.reason AS override_reason,
           o.decided_by AS override_decided_by, o.decided_at AS override_decided_at,
           -- Decided ranks first at their place, then the computed order; a decided rank wins a tie.
           row_number() OVER (PARTITION BY cd.period_id, cd.position_code
                              ORDER BY coalesce(o.rank, cd.computed_rank), o.rank IS NULL, cd.computed_rank, cd.nip)
               AS effective_rank
      FROM candidate cd
      LEFT JOIN talent.override o
             ON o.kind = 'candidate_rank' AND o.revoked_at IS NULL AND o.period_id = cd.period_id
            AND o.position_code = cd.position_code AND o.employee_id = cd.employee_id
)
SELECT p.year, sp.position_code, pos.title, pos.kind, sp.target_reasons, sp.flags,
       rk.effective_rank, rk.computed_rank, rk.override_rank, rk.nip, rk.employee_id, rk.nilai_talenta, rk.readiness,
       rk.gaps, rk.override_id, rk.override_reason, rk.override_decided_by, rk.override_decided_at
  FROM talent.succession_plan sp
  JOIN talent.review_period p ON p.id = sp.period_id
  JOIN hr.position pos ON pos.position_code = sp.position_code
  LEFT JOIN ranked rk ON rk.period_id = sp.period_id AND rk.position_code = sp.position_code
 WHERE p.scenario IS NULL;

-- ---------------------------------------------------------------- what scenarios must not reach
CREATE OR REPLACE FUNCTION talent.activate_rule_set(year integer, rule_set text) RETURNS bigint
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    at_sign integer := length(rule_set) - strpos(reverse(rule_set), '@') + 1;
    rule_name text;
    rule_version integer;
    stored jsonb;
BEGIN
    IF rule_set IS NULL OR strpos(rule_set, '@') = 0 OR substr(rule_set, at_sign + 1) !~ '^[0-9]{1,9}$' THEN
        RAISE EXCEPTION 'talent.activate_rule_set: rule_set must be written name@version, got %', quote_literal(rule_set)
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    rule_name := substr(rule_set, 1, at_sign - 1);
    rule_version := substr(rule_set, at_sign + 1)::integer;
    SELECT r.parameters INTO stored FROM talent.rule_set r WHERE r.name = rule_name AND r.version = rule_version;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'talent.activate_rule_set: rule set % is not stored in talent.rule_set', rule_set
            USING ERRCODE = 'foreign_key_violation';
    END IF;
    -- The stored document is checked again (a version stored before a check was added, sql/0023).
    PERFORM talent.check_rule_set(stored);
    UPDATE talent.review_period p SET rule_set_name = rule_name, rule_set_version = rule_version
     WHERE p.year = activate_rule_set.year AND p.scenario IS NULL;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'talent.activate_rule_set: there is no review period for %', activate_rule_set.year
            USING ERRCODE = 'no_data_found', HINT = 'Run the annual review of that year first (annual_review).';
    END IF;
    RETURN talent.enqueue_coalesced('recalculation',
        jsonb_build_object('year', activate_rule_set.year, 'scope', 'everyone'),
        'recalculation:' || activate_rule_set.year || ':everyone');
END;
$$;
COMMENT ON FUNCTION talent.activate_rule_set(integer, text) IS
    'Makes rule_set (name@version, stored in talent.rule_set) the rule set of the official review period of year '
    '(its scenarios keep theirs), and enqueues a recalculation of everyone for that year (job key '
    'recalculation:<year>:everyone) in the same transaction; returns the job id. The stored document is checked '
    'again first (talent.check_rule_set). The results it replaces stay in talent.assessment_result_history with their '
    'rule version. Raises 22023 (malformed name, or a stored document that fails the checks), 23503 (unknown rule '
    'set) or P0002 (no official period for the year).';

CREATE OR REPLACE FUNCTION talent.keep_replaced_results() RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    INSERT INTO talent.assessment_result_history (
        period_id, employee_id, nip, status, reason, target_level, kinerja_score, kinerja_level, potensi_score,
        potensi_level, box, recommendations, flags, explanation, inputs_fingerprint, rule_version, job_id, computed_at,
        inputs, best_box)
    SELECT o.period_id, o.employee_id, o.nip, o.status, o.reason, o.target_level, o.kinerja_score, o.kinerja_level,
           o.potensi_score, o.potensi_level, o.box, o.recommendations, o.flags, o.explanation, o.inputs_fingerprint,
           o.rule_version, o.job_id, o.computed_at, o.inputs, o.best_box
      FROM old_rows o
     WHERE EXISTS (SELECT 1 FROM talent.review_period p WHERE p.id = o.period_id AND p.scenario IS NULL);
    RETURN NULL;
END;
$$;
COMMENT ON FUNCTION talent.keep_replaced_results() IS
    'Trigger (per statement): copies the deleted or updated rows of talent.assessment_result of official periods into '
    'its history. Scenario rows are not kept: a scenario is a what-if, re-run or dropped at will.';

CREATE OR REPLACE FUNCTION talent.add_override(
    kind text, year integer, nip text, position_code text, box integer, pool_member boolean, rank integer,
    reason text, decided_by text
) RETURNS bigint
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_variable
DECLARE
    period bigint;
    employee bigint;
    new_id bigint;
BEGIN
    IF reason IS NULL OR btrim(reason) = '' THEN
        RAISE EXCEPTION 'an override needs a reason' USING ERRCODE = 'null_value_not_allowed';
    END IF;
    IF decided_by IS NULL OR btrim(decided_by) = '' THEN
        RAISE EXCEPTION 'an override needs the id of the person who decided it (decided_by)'
            USING ERRCODE = 'null_value_not_allowed';
    END IF;
    SELECT p.id INTO period FROM talent.review_period p WHERE p.year = add_override.year AND p.scenario IS NULL;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'there is no review period for %', coalesce(year::text, 'NULL') USING ERRCODE = 'no_data_found';
    END IF;
    SELECT e.id INTO employee FROM hr.employee e WHERE e.nip = add_override.nip;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no employee has NIP %', coalesce(nip, 'NULL') USING ERRCODE = 'no_data_found';
    END IF;
    IF kind = 'candidate_rank' THEN
        IF NOT EXISTS (SELECT 1 FROM talent.succession_plan sp
                        WHERE sp.period_id = period AND sp.position_code = add_override.position_code) THEN
            RAISE EXCEPTION 'position % has no succession plan in %', coalesce(position_code, 'NULL'), year
                USING ERRCODE = 'no_data_found', HINT = 'Only target positions (jabatan target) have candidates.';
        END IF;
    ELSIF NOT EXISTS (SELECT 1 FROM talent.assessment_result r WHERE r.period_id = period AND r.employee_id = employee) THEN
        RAISE EXCEPTION 'employee % has no result in % to override', nip, year USING ERRCODE = 'no_data_found';
    END IF;
    -- A new decision supersedes the active one of the same subject (both stay, audited).
    UPDATE talent.override o
       SET revoked_at = now(), revoked_by = decided_by, revoke_reason = 'superseded by a new decision'
     WHERE o.period_id = period AND o.kind = add_override.kind AND o.employee_id = employee
       AND o.position_code IS NOT DISTINCT FROM add_override.position_code AND o.revoked_at IS NULL;
    INSERT INTO talent.override (period_id, kind, employee_id, position_code, box, pool_member, rank, reason, decided_by)
    VALUES (period, kind, employee, position_code, box, pool_member, rank, btrim(reason), btrim(decided_by))
    RETURNING id INTO new_id;
    RETURN new_id;
END;
$$;
COMMENT ON FUNCTION talent.add_override(text, integer, text, text, integer, boolean, integer, text, text) IS
    'The common body of talent.override_box, override_pool and override_candidate_rank: decisions on the official '
    'review of a year (never on a scenario).';

CREATE FUNCTION talent.refuse_scenario_override() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    name text;
BEGIN
    SELECT p.scenario INTO name FROM talent.review_period p WHERE p.id = NEW.period_id;
    IF name IS NOT NULL THEN
        RAISE EXCEPTION 'committee overrides belong to official reviews: review period % is the scenario %',
            NEW.period_id, name USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END;
$$;
COMMENT ON FUNCTION talent.refuse_scenario_override() IS
    'Trigger: refuses an override (insert, or a change of period) on a scenario''s review period.';
CREATE TRIGGER override_official_only BEFORE INSERT OR UPDATE OF period_id ON talent.override
    FOR EACH ROW EXECUTE FUNCTION talent.refuse_scenario_override();

-- ---------------------------------------------------------------- listing and dropping scenarios
CREATE VIEW talent.scenarios AS
SELECT p.id AS period_id, p.year, p.scenario, p.reference_date,
       p.rule_set_name || '@' || p.rule_set_version AS rule_set, rs.parameters ->> 'provenance' AS provenance,
       p.created_at,
       (SELECT count(*) FROM talent.assessment_result r WHERE r.period_id = p.id) AS assessed,
       (SELECT count(*) FROM talent.assessment_result r WHERE r.period_id = p.id AND r.box IS NOT NULL) AS placed,
       (SELECT count(*) FROM talent.succession_plan sp WHERE sp.period_id = p.id) AS target_positions,
       run.batches_done AS last_run_batches_done, run.batches_total AS last_run_batches_total,
       run.finished_at AS last_run_finished_at,
       (SELECT count(*) FROM queue.job j
         WHERE j.state IN ('available', 'running', 'retryable')
           AND ((j.kind IN ('annual_review', 'recalculation') AND j.payload ->> 'scenario' = p.scenario
                 AND j.payload ->> 'year' = p.year::text)
                OR (j.kind IN ('assessment', 'succession_planning') AND j.payload ->> 'period_id' = p.id::text)))
           AS pending_jobs
  FROM talent.review_period p
  JOIN talent.rule_set rs ON rs.name = p.rule_set_name AND rs.version = p.rule_set_version
  LEFT JOIN LATERAL (SELECT r.batches_done, r.batches_total, r.finished_at FROM talent.review_run r
                      WHERE r.period_id = p.id ORDER BY r.id DESC LIMIT 1) run ON true
 WHERE p.scenario IS NOT NULL;
COMMENT ON VIEW talent.scenarios IS
    'Every what-if scenario: its year, name, reference date and rule set (with its provenance), how many employees it assessed and placed, '
    'its target positions, the progress of its latest run (batches done of total, finished_at NULL while running) '
    'and its jobs still pending or running.';
COMMENT ON COLUMN talent.scenarios.pending_jobs IS
    'Jobs of the scenario (annual_review or recalculation naming it, assessment or succession_planning of its '
    'period) that are available, running or retryable. talent.drop_scenario refuses while this is not 0.';

CREATE FUNCTION talent.drop_scenario(year integer, scenario text) RETURNS bigint
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_variable
DECLARE
    period bigint;
    busy text;
    removed bigint;
BEGIN
    IF scenario IS NULL THEN
        RAISE EXCEPTION 'talent.drop_scenario: name a scenario (the official review of a year is never dropped)'
            USING ERRCODE = 'null_value_not_allowed';
    END IF;
    -- The row lock waits for every transaction writing results of the period (their foreign keys hold a key-share
    -- lock on it) and keeps new ones out until this one ends.
    SELECT p.id INTO period FROM talent.review_period p
     WHERE p.year = drop_scenario.year AND p.scenario = drop_scenario.scenario FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'there is no scenario % in %', quote_literal(scenario), coalesce(year::text, 'NULL')
            USING ERRCODE = 'no_data_found';
    END IF;
    SELECT string_agg(j.kind || ' ' || j.id || ' (' || j.state || ')', ', ' ORDER BY j.id) INTO busy
      FROM queue.job j
     WHERE j.state IN ('available', 'running', 'retryable')
       AND ((j.kind IN ('annual_review', 'recalculation') AND j.payload ->> 'scenario' = drop_scenario.scenario
             AND j.payload ->> 'year' = drop_scenario.year::text)
            OR (j.kind IN ('assessment', 'succession_planning') AND j.payload ->> 'period_id' = period::text));
    IF busy IS NOT NULL THEN
        RAISE EXCEPTION 'scenario % of % still has jobs pending or running: %', quote_literal(scenario), year, busy
            USING ERRCODE = 'object_in_use',
                  HINT = 'Let them finish (talenta status), or cancel them (talenta cancel ID), then drop it again.';
    END IF;
    DELETE FROM talent.succession_plan sp WHERE sp.period_id = period;          -- and its candidates
    DELETE FROM talent.assessment_result r WHERE r.period_id = period;         -- and its pool and indicator rows
    GET DIAGNOSTICS removed = ROW_COUNT;
    DELETE FROM talent.review_run r WHERE r.period_id = period;                -- and its batches
    DELETE FROM talent.review_period p WHERE p.id = period;
    RETURN removed;
END;
$$;
COMMENT ON FUNCTION talent.drop_scenario(integer, text) IS
    'Removes the scenario of year with every row it wrote (results, pool, indicators, succession plans and '
    'candidates, review runs and batches, the period) and returns the number of results removed. Refuses with 55006 '
    '(object_in_use, listing the jobs) while any of its jobs is available, running or retryable: nothing is '
    'cancelled behind the operator''s back. Raises P0002 when there is no such scenario, 22004 for a NULL name.';

-- ---------------------------------------------------------------- comparison views (no names)
CREATE VIEW talent.scenario_placement_change AS
SELECT b.year, b.scenario AS base_scenario, s.scenario, rs.employee_id, rs.nip, o.opd_code, e.position_code,
       rb.box AS from_box, rs.box AS to_box,
       rb.kinerja_level AS from_kinerja_level, rs.kinerja_level AS to_kinerja_level,
       rb.potensi_level AS from_potensi_level, rs.potensi_level AS to_potensi_level,
       rb.kinerja_score AS from_kinerja_score, rs.kinerja_score AS to_kinerja_score,
       rb.potensi_score AS from_potensi_score, rs.potensi_score AS to_potensi_score,
       coalesce(pb.is_member, false) AS from_pool_member, coalesce(ps.is_member, false) AS to_pool_member,
       coalesce(pb.blockers, '{}') AS from_pool_blockers, coalesce(ps.blockers, '{}') AS to_pool_blockers,
       rs.target_level, rb.rule_version AS from_rule_version, rs.rule_version AS to_rule_version
  FROM talent.review_period s
  JOIN talent.review_period b ON b.year = s.year AND b.id <> s.id
  JOIN talent.assessment_result rs ON rs.period_id = s.id
  JOIN talent.assessment_result rb ON rb.period_id = b.id AND rb.employee_id = rs.employee_id
  LEFT JOIN talent.pool_evaluation pb ON pb.period_id = rb.period_id AND pb.employee_id = rb.employee_id
  LEFT JOIN talent.pool_evaluation ps ON ps.period_id = rs.period_id AND ps.employee_id = rs.employee_id
  JOIN hr.employee e ON e.id = rs.employee_id
  JOIN hr.position pos ON pos.position_code = e.position_code
  JOIN talent.opd o ON o.unit_code = pos.unit_code
 WHERE s.scenario IS NOT NULL;
COMMENT ON VIEW talent.scenario_placement_change IS
    'Each employee assessed in both a scenario (scenario) and a base review of the same year (base_scenario NULL: '
    'the official review; else another scenario), with the base''s values (from_*) and the scenario''s (to_*): box '
    '(NULL = not placed), levels, scores, pool membership and blockers. Filter year, base_scenario and scenario. An '
    'employee assessed on one side only is not listed (talent.scenario_comparison counts them). NIP and internal id '
    'only, no names.';
COMMENT ON COLUMN talent.scenario_placement_change.base_scenario IS 'NULL: the official review of the year; else the scenario compared against.';
COMMENT ON COLUMN talent.scenario_placement_change.from_box IS 'Box (kotak) 1-9 in the base review; NULL = not placed (BELUM_TERPETAKAN).';
COMMENT ON COLUMN talent.scenario_placement_change.to_box IS 'Box (kotak) 1-9 in the scenario; NULL = not placed (BELUM_TERPETAKAN).';
COMMENT ON COLUMN talent.scenario_placement_change.opd_code IS 'The OPD of the employee''s current position.';

CREATE VIEW talent.scenario_box_transition AS
SELECT year, base_scenario, scenario, opd_code, from_box, to_box, count(*) AS employees
  FROM talent.scenario_placement_change
 GROUP BY GROUPING SETS ((year, base_scenario, scenario, opd_code, from_box, to_box),
                         (year, base_scenario, scenario, from_box, to_box));
COMMENT ON VIEW talent.scenario_box_transition IS
    'The box transition matrix of a scenario against its base (the official review when base_scenario is NULL): '
    'employees per (from_box, to_box), boxes 1-9 and NULL for not placed, per OPD and city-wide (opd_code NULL). '
    'Pairs with nobody have no row.';
COMMENT ON COLUMN talent.scenario_box_transition.opd_code IS 'The OPD; NULL for the whole city.';

CREATE VIEW talent.scenario_pool_change AS
SELECT year, base_scenario, scenario, employee_id, nip, opd_code, target_level,
       CASE WHEN to_pool_member THEN 'GAINED' ELSE 'LOST' END AS change, from_box, to_box,
       from_pool_blockers, to_pool_blockers
  FROM talent.scenario_placement_change
 WHERE from_pool_member <> to_pool_member;
COMMENT ON VIEW talent.scenario_pool_change IS
    'Talent pool (KRS instansi) members a scenario gains (GAINED: in its pool, not in the base''s) or loses (LOST), '
    'with both boxes and both lists of blockers (BOX, STATUS, STATE, DISIPLIN, BUP).';

CREATE VIEW talent.scenario_successor_change AS
SELECT b.year, b.scenario AS base_scenario, s.scenario, x.position_code, o.opd_code,
       x.from_target, x.to_target, x.from_employee_id, x.from_nip, x.to_employee_id, x.to_nip,
       x.from_readiness, x.to_readiness,
       CASE WHEN x.from_employee_id IS NULL THEN 'GAINED' WHEN x.to_employee_id IS NULL THEN 'LOST'
            ELSE 'CHANGED' END AS change
  FROM talent.review_period s
  JOIN talent.review_period b ON b.year = s.year AND b.id <> s.id
  CROSS JOIN LATERAL (
      SELECT coalesce(pb.position_code, ps.position_code) AS position_code,
             pb.position_code IS NOT NULL AS from_target, ps.position_code IS NOT NULL AS to_target,
             pb.employee_id AS from_employee_id, pb.nip AS from_nip, pb.readiness AS from_readiness,
             ps.employee_id AS to_employee_id, ps.nip AS to_nip, ps.readiness AS to_readiness
        FROM (SELECT sp.position_code, c.employee_id, c.nip, c.readiness
                FROM talent.succession_plan sp
                LEFT JOIN talent.succession_candidate c
                       ON c.period_id = sp.period_id AND c.position_code = sp.position_code AND c.rank = 1
               WHERE sp.period_id = b.id) pb
        FULL JOIN (SELECT sp.position_code, c.employee_id, c.nip, c.readiness
                     FROM talent.succession_plan sp
                     LEFT JOIN talent.succession_candidate c
                            ON c.period_id = sp.period_id AND c.position_code = sp.position_code AND c.rank = 1
                    WHERE sp.period_id = s.id) ps ON ps.position_code = pb.position_code
  ) x
  JOIN hr.position pos ON pos.position_code = x.position_code
  JOIN talent.opd o ON o.unit_code = pos.unit_code
 WHERE s.scenario IS NOT NULL AND x.from_employee_id IS DISTINCT FROM x.to_employee_id;
COMMENT ON VIEW talent.scenario_successor_change IS
    'Target positions (jabatan target) whose designated successor (rank 1) differs between a scenario and its base: '
    'CHANGED (another employee), LOST (the base had one, the scenario none: NO_SUCCESSOR, or no longer a target) or '
    'GAINED (the reverse). from_target / to_target: whether the position has a plan on each side.';

CREATE VIEW talent.scenario_comparison AS
WITH placements AS (
    SELECT year, base_scenario, scenario, opd_code, count(*) AS employees,
           count(*) FILTER (WHERE from_box IS DISTINCT FROM to_box) AS box_changed,
           count(*) FILTER (WHERE to_pool_member AND NOT from_pool_member) AS pool_gained,
           count(*) FILTER (WHERE from_pool_member AND NOT to_pool_member) AS pool_lost
      FROM talent.scenario_placement_change
     GROUP BY GROUPING SETS ((year, base_scenario, scenario, opd_code), (year, base_scenario, scenario))
), successors AS (
    SELECT year, base_scenario, scenario, opd_code, count(*) AS successors_changed
      FROM talent.scenario_successor_change
     GROUP BY GROUPING SETS ((year, base_scenario, scenario, opd_code), (year, base_scenario, scenario))
), one_side AS (
    SELECT s.id AS scenario_period, b.id AS base_period,
           (SELECT count(*) FROM talent.assessment_result rb WHERE rb.period_id = b.id
               AND NOT EXISTS (SELECT 1 FROM talent.assessment_result rs
                                WHERE rs.period_id = s.id AND rs.employee_id = rb.employee_id)) AS base_only,
           (SELECT count(*) FROM talent.assessment_result rs WHERE rs.period_id = s.id
               AND NOT EXISTS (SELECT 1 FROM talent.assessment_result rb
                                WHERE rb.period_id = b.id AND rb.employee_id = rs.employee_id)) AS scenario_only,
           s.year, b.scenario AS base_scenario, s.scenario
      FROM talent.review_period s
      JOIN talent.review_period b ON b.year = s.year AND b.id <> s.id
     WHERE s.scenario IS NOT NULL
)
SELECT k.year, k.base_scenario, k.scenario, k.opd_code, coalesce(pl.employees, 0) AS employees,
       coalesce(pl.box_changed, 0) AS box_changed, coalesce(pl.pool_gained, 0) AS pool_gained,
       coalesce(pl.pool_lost, 0) AS pool_lost, coalesce(su.successors_changed, 0) AS successors_changed,
       CASE WHEN k.opd_code IS NULL THEN os.base_only END AS base_only,
       CASE WHEN k.opd_code IS NULL THEN os.scenario_only END AS scenario_only, u.name AS opd_name
  FROM (SELECT year, base_scenario, scenario, opd_code FROM placements
        UNION SELECT year, base_scenario, scenario, opd_code FROM successors
        UNION SELECT year, base_scenario, scenario, NULL FROM one_side) k
  JOIN one_side os ON os.year = k.year AND os.scenario = k.scenario
                  AND os.base_scenario IS NOT DISTINCT FROM k.base_scenario
  LEFT JOIN placements pl ON pl.year = k.year AND pl.scenario = k.scenario
                         AND pl.base_scenario IS NOT DISTINCT FROM k.base_scenario
                         AND pl.opd_code IS NOT DISTINCT FROM k.opd_code
  LEFT JOIN successors su ON su.year = k.year AND su.scenario = k.scenario
                         AND su.base_scenario IS NOT DISTINCT FROM k.base_scenario
                         AND su.opd_code IS NOT DISTINCT FROM k.opd_code
  LEFT JOIN hr.unit u ON u.unit_code = k.opd_code;
COMMENT ON VIEW talent.scenario_comparison IS
    'A scenario against its base (the official review when base_scenario is NULL), per OPD and city-wide (opd_code '
    'NULL): employees assessed on both sides, how many change box, pool members gained and lost, target positions '
    'whose designated successor changes; city-wide also the employees assessed in the base only (base_only) or in '
    'the scenario only (scenario_only), who are in no other comparison view. opd_name: the OPD''s hr.unit.name.';

CREATE VIEW talent.scenario_indicator_change AS
WITH pair AS (
    SELECT s.year, b.scenario AS base_scenario, s.scenario, b.id AS base_period, s.id AS scenario_period
      FROM talent.review_period s
      JOIN talent.review_period b ON b.year = s.year AND b.id <> s.id
     WHERE s.scenario IS NOT NULL
), side AS (
    -- Each side's indicator rows of the employees assessed on both sides (as in the other comparison views).
    SELECT pr.year, pr.base_scenario, pr.scenario, false AS is_scenario, i.employee_id, i.axis, i.indicator,
           i.ordinal, i.score, i.weighted
      FROM pair pr
      JOIN talent.indicator_result i ON i.period_id = pr.base_period
     WHERE EXISTS (SELECT 1 FROM talent.assessment_result r
                    WHERE r.period_id = pr.scenario_period AND r.employee_id = i.employee_id)
    UNION ALL
    SELECT pr.year, pr.base_scenario, pr.scenario, true, i.employee_id, i.axis, i.indicator, i.ordinal, i.score,
           i.weighted
      FROM pair pr
      JOIN talent.indicator_result i ON i.period_id = pr.scenario_period
     WHERE EXISTS (SELECT 1 FROM talent.assessment_result r
                    WHERE r.period_id = pr.base_period AND r.employee_id = i.employee_id)
), mean AS (
    SELECT sd.year, sd.base_scenario, sd.scenario, sd.is_scenario, o.opd_code, GROUPING(o.opd_code) = 1 AS city,
           sd.axis, sd.indicator, min(sd.ordinal) AS ordinal, count(*) AS employees, count(sd.score) AS scored,
           round(avg(sd.score), 2) AS mean_score, round(avg(sd.weighted), 4) AS mean_weighted
      FROM side sd
      JOIN hr.employee e ON e.id = sd.employee_id
      JOIN hr.position pos ON pos.position_code = e.position_code
      JOIN talent.opd o ON o.unit_code = pos.unit_code
     GROUP BY GROUPING SETS ((sd.year, sd.base_scenario, sd.scenario, sd.is_scenario, o.opd_code, sd.axis, sd.indicator),
                             (sd.year, sd.base_scenario, sd.scenario, sd.is_scenario, sd.axis, sd.indicator))
), base AS (
    SELECT * FROM mean WHERE NOT is_scenario
), other AS (
    SELECT * FROM mean WHERE is_scenario
)
SELECT coalesce(b.year, s.year) AS year, coalesce(b.base_scenario, s.base_scenario) AS base_scenario,
       coalesce(b.scenario, s.scenario) AS scenario, coalesce(b.opd_code, s.opd_code) AS opd_code,
       coalesce(b.axis, s.axis) AS axis, coalesce(b.indicator, s.indicator) AS indicator,
       b.ordinal AS from_ordinal, s.ordinal AS to_ordinal,
       b.scored AS from_scored, b.mean_score AS from_mean_score, b.mean_weighted AS from_mean_weighted,
       s.scored AS to_scored, s.mean_score AS to_mean_score, s.mean_weighted AS to_mean_weighted,
       s.mean_score - b.mean_score AS mean_score_change, s.mean_weighted - b.mean_weighted AS mean_weighted_change
  FROM base b
  FULL JOIN other s
    ON s.year = b.year AND s.scenario = b.scenario AND coalesce(s.base_scenario, '') = coalesce(b.base_scenario, '')
   AND s.city = b.city AND coalesce(s.opd_code, '') = coalesce(b.opd_code, '') AND s.axis = b.axis
   AND s.indicator = b.indicator;
COMMENT ON VIEW talent.scenario_indicator_change IS
    'Each indicator''s mean on both sides of a comparison (from: the base, the official review when base_scenario is '
    'NULL; to: the scenario), over the employees assessed on both sides, per OPD and city-wide (opd_code NULL). The '
    'mean score is over the employees with a score (scored; the default leaves a missing indicator empty, the BKN '
    '411/2025 preset scores it 0), the mean weighted over the same rows. An indicator of one rule set only (the '
    'default and the preset name different indicators) has the other side empty, and no change.';
COMMENT ON COLUMN talent.scenario_indicator_change.from_ordinal IS
    'The indicator''s place in the base rule set''s indicators.csv order (KINERJA first); NULL when the base lacks it.';
COMMENT ON COLUMN talent.scenario_indicator_change.mean_score_change IS
    'to_mean_score - from_mean_score; NULL when a side lacks the indicator or has no score for it.';

-- ---------------------------------------------------------------- roles
-- Scenarios are run through the queue like any review (talenta_enqueuer: annual_review with "scenario"); dropping
-- one stays with the migration owner, like activating a rule set (`talenta scenario drop`). The new views are read
-- by the reader role; the worker, which the schema's default privileges gave every right on them, only reads.
REVOKE INSERT, UPDATE, DELETE ON talent.scenarios, talent.scenario_placement_change, talent.scenario_box_transition,
                                 talent.scenario_pool_change, talent.scenario_successor_change,
                                 talent.scenario_indicator_change, talent.scenario_comparison FROM talenta_worker;
GRANT SELECT ON talent.scenarios, talent.scenario_placement_change, talent.scenario_box_transition,
                talent.scenario_pool_change, talent.scenario_successor_change, talent.scenario_indicator_change,
                talent.scenario_comparison
    TO talenta_reader;
