-- 0006_recalculation_triggers.sql: event-driven recalculation.
--
-- When an HR input of an employee changes, a `recalculation` of that employee for the open period is enqueued in the
-- same transaction as the change (so it exists exactly when the change commits), one job per employee and period
-- however many rows and statements changed (job key recalculation:<year>:nip:<nip>). A change to a position that
-- decides targets (kind, jenjang, critical, unit) enqueues `succession_planning` for the open period (job key
-- succession_planning:period:<id>). The triggers are per statement: a bulk change makes one job per employee.
--
-- The open period is the review period with the highest year (talent.open_period): the latest annual review. Changes
-- re-assess its results; earlier periods are closed and keep their results. With no period at all nothing is
-- enqueued (the first annual review assesses everyone anyway).
--
-- Bulk loads turn this off for their transaction or session with
--     SET LOCAL talenta.defer_recalculation = on;     -- or SET ... for the session, set_config(..., true)
-- and afterwards enqueue one recalculation of everyone with
--     SELECT hr.request_full_recalculation();
-- `talenta import` does exactly that, in the import's own transaction. The request functions live in the hr schema,
-- beside the data whose change they answer, so the HR systems' role (talenta_hr_writer) may call them.

CREATE VIEW talent.open_period AS
SELECT id, year, reference_date, rule_set_name, rule_set_version
  FROM talent.review_period ORDER BY year DESC LIMIT 1;
COMMENT ON VIEW talent.open_period IS
    'The open review period: the one with the highest year (the latest annual review). HR changes enqueue '
    'recalculations of its results; earlier periods keep theirs. No row before the first annual review.';

CREATE FUNCTION hr.recalculation_deferred() RETURNS boolean
LANGUAGE sql STABLE
AS $$ SELECT lower(coalesce(current_setting('talenta.defer_recalculation', true), '')) IN ('on', 'true', 'yes', '1') $$;
COMMENT ON FUNCTION hr.recalculation_deferred() IS
    'True when the setting talenta.defer_recalculation is on (SET LOCAL talenta.defer_recalculation = on): the HR '
    'triggers then enqueue nothing. Call hr.request_full_recalculation() after the bulk change.';

CREATE FUNCTION hr.request_recalculation(employee_ids bigint[]) RETURNS integer
LANGUAGE plpgsql
AS $$
DECLARE
    open_year integer;
    employee_nip text;
    requested integer := 0;
BEGIN
    IF hr.recalculation_deferred() THEN
        RETURN 0;
    END IF;
    SELECT p.year INTO open_year FROM talent.open_period p;
    IF NOT FOUND THEN
        RETURN 0;
    END IF;
    -- NIP order: concurrent transactions take the job keys in one order, so they cannot deadlock on them.
    FOR employee_nip IN SELECT e.nip FROM hr.employee e WHERE e.id = ANY (employee_ids) ORDER BY e.nip LOOP
        PERFORM talent.enqueue_coalesced(
            'recalculation', jsonb_build_object('year', open_year, 'scope', jsonb_build_object('nip', employee_nip)),
            'recalculation:' || open_year || ':nip:' || employee_nip);
        requested := requested + 1;
    END LOOP;
    RETURN requested;
END;
$$;
COMMENT ON FUNCTION hr.request_recalculation(bigint[]) IS
    'Enqueues a recalculation of each existing employee of employee_ids (hr.employee.id) for the open period: '
    '{"year": Y, "scope": {"nip": NIP}}, job key recalculation:<Y>:nip:<NIP> (a pending one absorbs it). Returns the '
    'number of employees requested; 0 when deferred (talenta.defer_recalculation) or when there is no period.';

CREATE FUNCTION hr.request_succession_planning() RETURNS bigint
LANGUAGE plpgsql
AS $$
DECLARE
    open_id bigint;
BEGIN
    IF hr.recalculation_deferred() THEN
        RETURN NULL;
    END IF;
    SELECT p.id INTO open_id FROM talent.open_period p;
    IF NOT FOUND THEN
        RETURN NULL;
    END IF;
    RETURN talent.enqueue_coalesced('succession_planning', jsonb_build_object('period_id', open_id),
                                    'succession_planning:period:' || open_id);
END;
$$;
COMMENT ON FUNCTION hr.request_succession_planning() IS
    'Enqueues succession planning of the open period ({"period_id": id}, job key succession_planning:period:<id>) and '
    'returns the job id; NULL when deferred or when there is no period.';

CREATE FUNCTION hr.request_full_recalculation() RETURNS bigint
LANGUAGE plpgsql
AS $$
DECLARE
    open_year integer;
BEGIN
    SELECT p.year INTO open_year FROM talent.open_period p;
    IF NOT FOUND THEN
        RETURN NULL;
    END IF;
    RETURN talent.enqueue_coalesced('recalculation', jsonb_build_object('year', open_year, 'scope', 'everyone'),
                                    'recalculation:' || open_year || ':everyone');
END;
$$;
COMMENT ON FUNCTION hr.request_full_recalculation() IS
    'Enqueues one recalculation of everyone for the open period ({"year": Y, "scope": "everyone"}, job key '
    'recalculation:<Y>:everyone), whatever talenta.defer_recalculation says: call it after a bulk load. Returns the job '
    'id, NULL when there is no period (the next annual review assesses everyone).';

-- ---------------------------------------------------------------- history rows of an employee
CREATE FUNCTION hr.recalculate_on_history_change() RETURNS trigger
LANGUAGE plpgsql
AS $$
DECLARE
    ids bigint[];
BEGIN
    IF hr.recalculation_deferred() THEN
        RETURN NULL;
    END IF;
    IF TG_OP = 'INSERT' THEN
        ids := ARRAY(SELECT DISTINCT n.employee_id FROM new_rows n);
    ELSIF TG_OP = 'DELETE' THEN
        ids := ARRAY(SELECT DISTINCT o.employee_id FROM old_rows o);
    ELSE
        -- Only rows whose values changed; a row moved to another employee concerns both.
        ids := ARRAY(SELECT DISTINCT unnest(ARRAY[n.employee_id, o.employee_id])
                       FROM new_rows n JOIN old_rows o USING (id)
                      WHERE to_jsonb(n) IS DISTINCT FROM to_jsonb(o));
    END IF;
    PERFORM hr.request_recalculation(ids);
    RETURN NULL;
END;
$$;
COMMENT ON FUNCTION hr.recalculate_on_history_change() IS
    'Trigger (per statement) on the hr history tables: a recalculation per employee whose rows were inserted, changed '
    'or deleted (employees deleted with their rows are left out: their results go with them).';

DO $$
DECLARE
    history text;
BEGIN
    FOREACH history IN ARRAY ARRAY['education', 'training', 'performance', 'assessment', 'award', 'penalty',
                                   'other_score', 'invalid_row'] LOOP
        EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON hr.%I REFERENCING NEW TABLE AS new_rows '
                       'FOR EACH STATEMENT EXECUTE FUNCTION hr.recalculate_on_history_change()', history || '_recalculate_insert', history);
        EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON hr.%I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows '
                       'FOR EACH STATEMENT EXECUTE FUNCTION hr.recalculate_on_history_change()', history || '_recalculate_update', history);
        EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON hr.%I REFERENCING OLD TABLE AS old_rows '
                       'FOR EACH STATEMENT EXECUTE FUNCTION hr.recalculate_on_history_change()', history || '_recalculate_delete', history);
    END LOOP;
END;
$$;

-- ---------------------------------------------------------------- employees
CREATE FUNCTION hr.recalculate_on_employee_change() RETURNS trigger
LANGUAGE plpgsql
AS $$
DECLARE
    ids bigint[];
BEGIN
    IF hr.recalculation_deferred() THEN
        RETURN NULL;
    END IF;
    IF TG_OP = 'INSERT' THEN
        ids := ARRAY(SELECT n.id FROM new_rows n);
    ELSIF TG_OP = 'DELETE' THEN
        -- The employee's results go with the row; the plans may have named them.
        PERFORM hr.request_succession_planning();
        RETURN NULL;
    ELSE
        -- The columns the rules read (name and sex do not count).
        ids := ARRAY(SELECT n.id FROM new_rows n JOIN old_rows o USING (id)
                      WHERE (n.nip, n.birth_date, n.status, n.state, n.golongan, n.golongan_since, n.cpns_date,
                             n.position_code, n.position_since)
                            IS DISTINCT FROM
                            (o.nip, o.birth_date, o.status, o.state, o.golongan, o.golongan_since, o.cpns_date,
                             o.position_code, o.position_since));
    END IF;
    PERFORM hr.request_recalculation(ids);
    RETURN NULL;
END;
$$;
COMMENT ON FUNCTION hr.recalculate_on_employee_change() IS
    'Trigger (per statement) on hr.employee: a recalculation per employee inserted or changed in a column the rules '
    'read (NIP, birth date, status, state, golongan and its date, CPNS date, position and its date); succession '
    'planning after a delete.';
CREATE TRIGGER employee_recalculate_insert AFTER INSERT ON hr.employee REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION hr.recalculate_on_employee_change();
CREATE TRIGGER employee_recalculate_update AFTER UPDATE ON hr.employee
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION hr.recalculate_on_employee_change();
CREATE TRIGGER employee_recalculate_delete AFTER DELETE ON hr.employee REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION hr.recalculate_on_employee_change();

-- ---------------------------------------------------------------- positions
CREATE FUNCTION hr.replan_on_position_change() RETURNS trigger
LANGUAGE plpgsql
AS $$
DECLARE
    retargeted text[];
    plan boolean;
BEGIN
    IF hr.recalculation_deferred() THEN
        RETURN NULL;
    END IF;
    IF TG_OP = 'UPDATE' THEN
        -- A new kind or jenjang changes the holders' target level: re-assess them.
        retargeted := ARRAY(SELECT n.position_code FROM new_rows n JOIN old_rows o USING (position_code)
                             WHERE (n.kind, n.jenjang) IS DISTINCT FROM (o.kind, o.jenjang));
        IF cardinality(retargeted) > 0 THEN
            PERFORM hr.request_recalculation(
                ARRAY(SELECT e.id FROM hr.employee e WHERE e.position_code = ANY (retargeted)));
        END IF;
        -- Targets depend on kind, critical and (own-OPD order) unit; a renamed code is a new position.
        plan := EXISTS (SELECT 1 FROM new_rows n LEFT JOIN old_rows o USING (position_code)
                         WHERE o.position_code IS NULL
                            OR (n.kind, n.jenjang, n.critical, n.unit_code)
                               IS DISTINCT FROM (o.kind, o.jenjang, o.critical, o.unit_code));
    ELSE
        plan := true;
    END IF;
    IF plan THEN
        PERFORM hr.request_succession_planning();
    END IF;
    RETURN NULL;
END;
$$;
COMMENT ON FUNCTION hr.replan_on_position_change() IS
    'Trigger (per statement) on hr.position: succession planning of the open period when a position is added, '
    'removed, or changes kind, jenjang, critical or unit; a recalculation of its holders when kind or jenjang change. '
    'A new title changes nothing.';
CREATE TRIGGER position_replan_insert AFTER INSERT ON hr.position REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION hr.replan_on_position_change();
CREATE TRIGGER position_replan_update AFTER UPDATE ON hr.position
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION hr.replan_on_position_change();
CREATE TRIGGER position_replan_delete AFTER DELETE ON hr.position REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION hr.replan_on_position_change();
