-- 0007_overrides.sql: decisions of the Komite Talenta (talent committee) beside the computed results.
--
-- The committee may override an employee's box, pool membership, or rank as a candidate for a target position, with
-- a reason and the deciding person's id (DOMAIN.md §8: overrides are stored beside the computed rows, never by
-- editing them). Recalculations replace the computed rows and leave the overrides alone; the *_effective views show
-- the computed value, the override and the effective value side by side. Every insert, update and delete of an
-- override is written to talent.override_audit by trigger, which nobody may change.

CREATE TABLE talent.override (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    period_id     bigint NOT NULL REFERENCES talent.review_period (id),
    kind          text NOT NULL CHECK (kind IN ('box', 'pool', 'candidate_rank')),
    employee_id   bigint NOT NULL REFERENCES hr.employee (id) ON DELETE CASCADE,
    position_code text REFERENCES hr.position (position_code) ON DELETE CASCADE,
    box           smallint CHECK (box BETWEEN 1 AND 9),
    pool_member   boolean,
    rank          smallint CHECK (rank BETWEEN 1 AND 100),
    reason        text NOT NULL CHECK (btrim(reason) <> ''),
    decided_by    text NOT NULL CHECK (btrim(decided_by) <> ''),
    decided_at    timestamptz NOT NULL DEFAULT now(),
    revoked_at    timestamptz,
    revoked_by    text,
    revoke_reason text,
    CHECK ((kind = 'box') = (box IS NOT NULL)),
    CHECK ((kind = 'pool') = (pool_member IS NOT NULL)),
    CHECK ((kind = 'candidate_rank') = (rank IS NOT NULL)),
    CHECK ((kind = 'candidate_rank') = (position_code IS NOT NULL)),
    CHECK ((revoked_at IS NULL) = (revoked_by IS NULL))
);
CREATE UNIQUE INDEX override_active_idx ON talent.override (period_id, kind, employee_id, coalesce(position_code, ''))
    WHERE revoked_at IS NULL;
COMMENT ON TABLE talent.override IS
    'Komite Talenta decisions that override a computed box, pool membership or candidate rank of a review period, '
    'with reason and decider. At most one active (not revoked) override per period, kind, employee (and position). '
    'Add with talent.override_box / override_pool / override_candidate_rank, revoke with talent.revoke_override.';
COMMENT ON COLUMN talent.override.kind IS 'box, pool or candidate_rank.';
COMMENT ON COLUMN talent.override.box IS 'For kind box: the box (1-9) the committee decided.';
COMMENT ON COLUMN talent.override.pool_member IS 'For kind pool: true puts the employee in the pool, false takes them out.';
COMMENT ON COLUMN talent.override.rank IS 'For kind candidate_rank: the rank (1 = designated successor) for position_code.';
COMMENT ON COLUMN talent.override.position_code IS 'For kind candidate_rank: the target position.';
COMMENT ON COLUMN talent.override.reason IS 'Why the committee decided so (required).';
COMMENT ON COLUMN talent.override.decided_by IS 'Id of the deciding person (e.g. the chair''s NIP), required.';
COMMENT ON COLUMN talent.override.revoked_at IS 'When the override was revoked or superseded; NULL while active.';

CREATE TABLE talent.override_audit (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    override_id      bigint NOT NULL,
    operation        text NOT NULL CHECK (operation IN ('INSERT', 'UPDATE', 'DELETE')),
    old_row          jsonb,
    new_row          jsonb,
    changed_at       timestamptz NOT NULL DEFAULT clock_timestamp(),
    database_user    text NOT NULL DEFAULT current_user,
    application_name text DEFAULT current_setting('application_name', true),
    transaction_id   bigint NOT NULL DEFAULT txid_current()
);
CREATE INDEX override_audit_override_idx ON talent.override_audit (override_id);
COMMENT ON TABLE talent.override_audit IS
    'Every insert, update and delete of talent.override, with the row before and after, who (database user, '
    'application) and when. Written by trigger; append-only (updates and deletes are refused).';

CREATE FUNCTION talent.audit_override() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
    INSERT INTO talent.override_audit (override_id, operation, old_row, new_row)
    VALUES (CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END, TG_OP,
            CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) END, CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) END);
    RETURN NULL;
END;
$$;
COMMENT ON FUNCTION talent.audit_override() IS 'Trigger: writes each change of talent.override to talent.override_audit.';
CREATE TRIGGER override_audit AFTER INSERT OR UPDATE OR DELETE ON talent.override
    FOR EACH ROW EXECUTE FUNCTION talent.audit_override();

CREATE FUNCTION talent.refuse_audit_change() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
    RAISE EXCEPTION 'talent.override_audit is append-only: % is refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER override_audit_append_only BEFORE UPDATE OR DELETE ON talent.override_audit
    FOR EACH ROW EXECUTE FUNCTION talent.refuse_audit_change();
CREATE TRIGGER override_audit_no_truncate BEFORE TRUNCATE ON talent.override_audit
    FOR EACH STATEMENT EXECUTE FUNCTION talent.refuse_audit_change();

-- ---------------------------------------------------------------- adding and revoking
CREATE FUNCTION talent.add_override(
    kind text, year integer, nip text, position_code text, box integer, pool_member boolean, rank integer,
    reason text, decided_by text
) RETURNS bigint
LANGUAGE plpgsql
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
    SELECT p.id INTO period FROM talent.review_period p WHERE p.year = add_override.year;
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
    'The common body of talent.override_box, override_pool and override_candidate_rank.';

CREATE FUNCTION talent.override_box(year integer, nip text, box integer, reason text, decided_by text) RETURNS bigint
LANGUAGE sql
AS $$ SELECT talent.add_override('box', year, nip, NULL, box, NULL, NULL, reason, decided_by) $$;
COMMENT ON FUNCTION talent.override_box(integer, text, integer, text, text) IS
    'The committee sets the box (1-9) of employee nip in the review of year, with reason and decided_by; supersedes '
    'an active box override. Returns the override id. Raises 22004 (no reason or decider), P0002 (no period, employee '
    'or result), 23514 (box outside 1-9).';

CREATE FUNCTION talent.override_pool(year integer, nip text, member boolean, reason text, decided_by text) RETURNS bigint
LANGUAGE sql
AS $$ SELECT talent.add_override('pool', year, nip, NULL, NULL, member, NULL, reason, decided_by) $$;
COMMENT ON FUNCTION talent.override_pool(integer, text, boolean, text, text) IS
    'The committee puts employee nip in (member true) or out of (false) the talent pool of year, with reason and '
    'decided_by; supersedes an active pool override. Returns the override id. Errors as talent.override_box.';

CREATE FUNCTION talent.override_candidate_rank(year integer, position_code text, nip text, rank integer, reason text,
                                               decided_by text) RETURNS bigint
LANGUAGE sql
AS $$ SELECT talent.add_override('candidate_rank', year, nip, position_code, NULL, NULL, rank, reason, decided_by) $$;
COMMENT ON FUNCTION talent.override_candidate_rank(integer, text, text, integer, text, text) IS
    'The committee ranks employee nip at rank (1 = designated successor) for target position position_code in year '
    '(the employee need not be a computed candidate), with reason and decided_by. Returns the override id. Raises '
    'P0002 when the position has no succession plan that year; otherwise as talent.override_box.';

CREATE FUNCTION talent.revoke_override(override_id bigint, revoked_by text, reason text) RETURNS boolean
LANGUAGE plpgsql
AS $$
#variable_conflict use_variable
BEGIN
    IF revoked_by IS NULL OR btrim(revoked_by) = '' THEN
        RAISE EXCEPTION 'revoking an override needs the id of the person who decided it' USING ERRCODE = 'null_value_not_allowed';
    END IF;
    UPDATE talent.override o SET revoked_at = now(), revoked_by = btrim(revoke_override.revoked_by),
                                 revoke_reason = reason
     WHERE o.id = override_id AND o.revoked_at IS NULL;
    RETURN FOUND;
END;
$$;
COMMENT ON FUNCTION talent.revoke_override(bigint, text, text) IS
    'Revokes an active override (the computed value applies again); the row stays, audited. Returns false when there '
    'is no active override with that id.';

-- ---------------------------------------------------------------- the effective views
CREATE VIEW talent.active_override AS
SELECT o.*, p.year, e.nip FROM talent.override o
  JOIN talent.review_period p ON p.id = o.period_id
  JOIN hr.employee e ON e.id = o.employee_id
 WHERE o.revoked_at IS NULL;
COMMENT ON VIEW talent.active_override IS 'The overrides in force (not revoked), with the review year and NIP.';

CREATE VIEW talent.current_placement_effective AS
SELECT cp.*,
       cp.box AS computed_box, bo.box AS override_box, coalesce(bo.box, cp.box) AS effective_box,
       cp.pool_member AS computed_pool_member, po.pool_member AS override_pool_member,
       coalesce(po.pool_member, cp.pool_member) AS effective_pool_member,
       bo.id AS box_override_id, bo.reason AS box_override_reason, bo.decided_by AS box_override_decided_by,
       bo.decided_at AS box_override_decided_at,
       po.id AS pool_override_id, po.reason AS pool_override_reason, po.decided_by AS pool_override_decided_by,
       po.decided_at AS pool_override_decided_at
  FROM talent.current_placement cp
  JOIN talent.review_period p ON p.year = cp.year
  LEFT JOIN talent.override bo
         ON bo.period_id = p.id AND bo.employee_id = cp.employee_id AND bo.kind = 'box' AND bo.revoked_at IS NULL
  LEFT JOIN talent.override po
         ON po.period_id = p.id AND po.employee_id = cp.employee_id AND po.kind = 'pool' AND po.revoked_at IS NULL;
COMMENT ON VIEW talent.current_placement_effective IS
    'talent.current_placement (its columns unchanged: computed values) plus, for the committee''s decisions, '
    'computed_box / override_box / effective_box and computed_pool_member / override_pool_member / '
    'effective_pool_member with each override''s id, reason, decider and time. Recommendations stay those of the '
    'computed box.';

CREATE VIEW talent.pool_effective AS
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
 WHERE pe.is_member OR po.pool_member;
COMMENT ON VIEW talent.pool_effective IS
    'Talent pool per review year with the committee''s decisions: every employee who is a member by computation or '
    'by override, with computed_member, override_member and effective_member (filter effective_member for the pool '
    'in force), and the override''s reason, decider and time.';

CREATE VIEW talent.succession_effective AS
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
  LEFT JOIN ranked rk ON rk.period_id = sp.period_id AND rk.position_code = sp.position_code;
COMMENT ON VIEW talent.succession_effective IS
    'talent.succession with the committee''s rank decisions: per target position and year, the computed candidates and '
    'the employees the committee ranked, with computed_rank, override_rank and effective_rank (1 = designated '
    'successor in force) and the override''s reason, decider and time. A plan without candidates has one row with '
    'NULL ranks; flags are the computed plan''s.';
