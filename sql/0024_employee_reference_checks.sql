-- 0024_employee_reference_checks.sql: the hr history tables' reference to hr.employee, checked once per statement
-- instead of once per row (issue 14).
--
-- A foreign key checks each inserted row with a query of its own: in a national import (55 million history rows)
-- that check was most of the time spent writing them (1.6 million training rows: 10.8 s with the constraint, 3.9 s
-- without). The thirteen hr tables that hold an employee's rows keep the same guarantees, now set-wise:
--   - an INSERT, UPDATE, COPY or MERGE that leaves a row whose employee_id names no employee fails with SQLSTATE
--     23503 (foreign_key_violation) and the key in its detail, as the constraint did; the statement's employees are
--     locked FOR KEY SHARE first, as the constraint locks them, so an employee deleted by a concurrent transaction
--     either waits for this one or is found missing;
--   - deleting an employee deletes its rows in these tables in the same statement (ON DELETE CASCADE, as before);
--   - TRUNCATE hr.employee is refused while these tables hold rows (as the foreign key refused it);
--   - hr.employee.id never changes (an identity column can only be set to DEFAULT, which would orphan the rows).
-- Two differences remain, both refusals, never a lost or orphaned row: employees are deleted under READ COMMITTED
-- only (a foreign key's cascade sees rows committed after a REPEATABLE READ snapshot; a trigger cannot), and one
-- statement that both writes an employee's rows and deletes the employee (a writable CTE) fails with 23503. A
-- data-only dump of hr no longer lists hr.employee first (pg_dump orders by foreign keys): docs/operations.md.
-- The talent tables keep their foreign keys. Every writer of hr gets the same checks: the import, the city's HR
-- systems and psql alike. Tests/TalentJobsTests/EmployeeReferenceTests.swift covers each rule, the locking and that
-- every hr table with an employee_id column is covered.

CREATE FUNCTION hr.employee_row_tables() RETURNS text[]
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, pg_temp
RETURN ARRAY['education', 'training', 'performance', 'assessment', 'award', 'penalty', 'other_score', 'invalid_row',
             'potential_assessment', 'team_assignment', 'feedback_360', 'acting_assignment', 'position_history'];
COMMENT ON FUNCTION hr.employee_row_tables() IS
    'The hr tables that hold an employee''s rows by employee_id, checked and deleted with it by sql/0024''s triggers.';

CREATE FUNCTION hr.check_employee_reference() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    missing bigint;
    unlocked boolean;
BEGIN
    -- Each query is planned for this statement's rows (EXECUTE; PL/pgSQL would keep the first plan of the session,
    -- and a plan made for a bulk load hashes the whole employee table for every later one-row write). Joins, not IN
    -- or LIMIT, so that the planner sees the transition table's size. First: the smallest employee_id with no
    -- employee, and whether any employee named was written by another transaction.
    EXECUTE 'SELECT min(n.employee_id) FILTER (WHERE e.id IS NULL),
                    coalesce(bool_or(e.xmin <> pg_current_xact_id()::xid), false)
               FROM new_rows n LEFT JOIN hr.employee e ON e.id = n.employee_id'
       INTO missing, unlocked;
    IF missing IS NULL AND unlocked THEN
        -- As a foreign key does, lock those employees FOR KEY SHARE, so that a concurrent delete waits for this
        -- transaction; then look again, since an employee deleted and committed before the lock is not locked.
        -- A row version this transaction wrote itself (an import upserts every employee before their rows) needs
        -- no lock: no other transaction can delete it before this one ends.
        EXECUTE 'SELECT FROM new_rows n JOIN hr.employee e ON e.id = n.employee_id
                  WHERE e.xmin <> pg_current_xact_id()::xid
                    FOR KEY SHARE OF e';
        EXECUTE 'SELECT min(n.employee_id)
                   FROM new_rows n WHERE NOT EXISTS (SELECT FROM hr.employee e WHERE e.id = n.employee_id)'
           INTO missing;
    END IF;
    IF missing IS NOT NULL THEN
        RAISE EXCEPTION 'insert or update on table "%" violates the reference of "employee_id" to "employee"',
                        TG_TABLE_NAME
            USING ERRCODE = 'foreign_key_violation',
                  DETAIL = format('Key (employee_id)=(%s) is not present in table "employee".', missing),
                  SCHEMA = TG_TABLE_SCHEMA, TABLE = TG_TABLE_NAME, COLUMN = 'employee_id';
    END IF;
    RETURN NULL;
END;
$$;
COMMENT ON FUNCTION hr.check_employee_reference() IS
    'Trigger (per statement, after INSERT or UPDATE) on the hr tables that hold an employee''s rows: locks the '
    'employees named FOR KEY SHARE and raises 23503 when a row''s employee_id names no hr.employee (sql/0024).';

CREATE FUNCTION hr.delete_employee_rows() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    history text;
    holder text;
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        -- A foreign key refuses to truncate hr.employee while its rows are referenced: so does this, rather than
        -- empty the history tables unasked.
        FOREACH history IN ARRAY hr.employee_row_tables() LOOP
            EXECUTE format('SELECT %L FROM hr.%I LIMIT 1', history, history) INTO holder;
            IF holder IS NOT NULL THEN
                RAISE EXCEPTION 'cannot truncate hr.employee while hr.% holds rows that name an employee', holder
                    USING ERRCODE = 'foreign_key_violation',
                          HINT = 'Truncate the hr tables that name employees first (hr.employee_row_tables()).';
            END IF;
        END LOOP;
        RETURN NULL;
    END IF;
    IF NOT EXISTS (SELECT FROM old_rows) THEN
        RETURN NULL;
    END IF;
    -- Under REPEATABLE READ or SERIALIZABLE the deletes below would not see a row committed for one of these
    -- employees after this transaction began (a foreign key's cascade sees it and fails with 40001): refuse.
    IF current_setting('transaction_isolation') <> 'read committed' THEN
        RAISE EXCEPTION 'employees are deleted under READ COMMITTED only (this transaction is %)',
                        upper(current_setting('transaction_isolation'))
            USING ERRCODE = 'feature_not_supported',
                  HINT = 'Their rows in the hr tables are deleted with them, and a row committed for them after a '
                         'REPEATABLE READ or SERIALIZABLE transaction began would be left behind.';
    END IF;
    FOREACH history IN ARRAY hr.employee_row_tables() LOOP
        EXECUTE format('DELETE FROM hr.%I WHERE employee_id IN (SELECT o.id FROM old_rows o)', history);
    END LOOP;
    RETURN NULL;
END;
$$;
COMMENT ON FUNCTION hr.delete_employee_rows() IS
    'Trigger (per statement) on hr.employee: deleting employees (READ COMMITTED only) deletes their rows in the hr '
    'history tables (ON DELETE CASCADE, set-wise); TRUNCATE is refused while those tables hold rows (sql/0024).';

CREATE FUNCTION hr.refuse_employee_id_change() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    RAISE EXCEPTION 'hr.employee.id never changes: the hr and talent tables refer to it (NIP %)', OLD.nip
        USING ERRCODE = 'foreign_key_violation';
END;
$$;
COMMENT ON FUNCTION hr.refuse_employee_id_change() IS
    'Trigger (per row, only when the id changes) on hr.employee: refuses a new id with 23503 (sql/0024).';

CREATE TRIGGER employee_delete_rows AFTER DELETE ON hr.employee REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION hr.delete_employee_rows();
CREATE TRIGGER employee_truncate_rows BEFORE TRUNCATE ON hr.employee
    FOR EACH STATEMENT EXECUTE FUNCTION hr.delete_employee_rows();
CREATE TRIGGER employee_keep_id BEFORE UPDATE OF id ON hr.employee
    FOR EACH ROW WHEN (OLD.id IS DISTINCT FROM NEW.id) EXECUTE FUNCTION hr.refuse_employee_id_change();

DO $$
DECLARE
    history text;
BEGIN
    FOREACH history IN ARRAY hr.employee_row_tables() LOOP
        EXECUTE format('ALTER TABLE hr.%I DROP CONSTRAINT %I', history, history || '_employee_id_fkey');
        -- Named so that they fire before the table's recalculation triggers (same timing, name order).
        EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON hr.%I REFERENCING NEW TABLE AS new_rows '
                       'FOR EACH STATEMENT EXECUTE FUNCTION hr.check_employee_reference()',
                       history || '_employee_exists_insert', history);
        EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON hr.%I REFERENCING NEW TABLE AS new_rows '
                       'FOR EACH STATEMENT EXECUTE FUNCTION hr.check_employee_reference()',
                       history || '_employee_exists_update', history);
        EXECUTE format('COMMENT ON COLUMN hr.%I.employee_id IS %L', history,
                       'hr.employee (id). Checked per statement, not by a foreign key: every row must name an '
                       'employee (23503 otherwise), and deleting the employee deletes the row (sql/0024).');
    END LOOP;
END;
$$;

-- Trigger functions: nobody calls them (a trigger fires whatever EXECUTE says).
REVOKE EXECUTE ON FUNCTION hr.employee_row_tables(), hr.check_employee_reference(), hr.delete_employee_rows(),
    hr.refuse_employee_id_change() FROM PUBLIC;
