-- 0005_schedules_rules.sql: periodic schedules (queue.schedule), rule-set versions and the history of results.
--
-- Schedules: every worker evaluates them (JobQueue's ScheduleEvaluator parses the cron expression and computes fire
-- times in the schedule's zone); the database makes each fire time enqueue exactly one job, whoever evaluates:
--   1. queue.fire_schedule moves next_fire_at with a compare-and-set (UPDATE ... WHERE next_fire_at = expected), so
--      of several evaluators that saw the same due time exactly one wins;
--   2. queue.schedule_fire has one row per (schedule, fire time) forever (primary key), so a fire time never fires
--      twice, even after its job finished or next_fire_at was set back by hand;
--   3. the job carries the key schedule:<name>:<fire time in UTC>.
-- Rule sets: a new version from JSON (talent.add_rule_set_version), activation for a period with a recalculation
-- (talent.activate_rule_set). Results: every replaced or deleted talent.assessment_result row is kept in
-- talent.assessment_result_history with the rule version that produced it; talent.result_versions shows both.

-- ---------------------------------------------------------------- schedules
CREATE FUNCTION queue.is_time_zone(zone text) RETURNS boolean
LANGUAGE sql STABLE
AS $$ SELECT EXISTS (SELECT 1 FROM pg_timezone_names WHERE name = zone) $$;
COMMENT ON FUNCTION queue.is_time_zone(text) IS
    'True when zone is an IANA time zone name the server knows (e.g. Asia/Makassar, America/New_York).';

CREATE FUNCTION queue.cron_is_well_formed(expression text) RETURNS boolean
LANGUAGE sql IMMUTABLE
AS $$
    SELECT expression ~* '^\s*(@(yearly|annually|monthly|weekly|daily|midnight|hourly)|[0-9a-z*,/-]+(\s+[0-9a-z*,/-]+){4})\s*$'
$$;
COMMENT ON FUNCTION queue.cron_is_well_formed(text) IS
    'Structural check of a cron expression: five fields of digits, names, * , / - (or a macro such as @daily). '
    'The full check (ranges, names, impossible days) is CronExpression''s in Swift: `talenta schedule add` refuses a '
    'bad expression, and a worker records an expression it cannot parse in queue.schedule.last_error.';

CREATE TABLE queue.schedule (
    name             text        PRIMARY KEY,
    cron             text        NOT NULL,
    time_zone        text        NOT NULL,
    kind             text        NOT NULL,
    payload_template jsonb       NOT NULL DEFAULT '{}'::jsonb,
    queue            text        NOT NULL DEFAULT 'default',
    priority         integer     NOT NULL DEFAULT 0,
    max_attempts     integer     NOT NULL DEFAULT 20,
    enabled          boolean     NOT NULL DEFAULT true,
    description      text,
    last_fired_at    timestamptz,
    last_job_id      bigint,
    next_fire_at     timestamptz,
    last_error       text,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),

    CONSTRAINT schedule_name_format CHECK (
        length(name) BETWEEN 1 AND 128 AND name ~ '^[A-Za-z0-9][A-Za-z0-9_.:/-]*$'),
    CONSTRAINT schedule_cron_format CHECK (queue.cron_is_well_formed(cron)),
    CONSTRAINT schedule_time_zone_known CHECK (queue.is_time_zone(time_zone)),
    CONSTRAINT schedule_kind_format CHECK (
        length(kind) BETWEEN 1 AND 128 AND kind ~ '^[A-Za-z0-9][A-Za-z0-9_.:/-]*$'),
    CONSTRAINT schedule_queue_format CHECK (
        length(queue) BETWEEN 1 AND 64 AND queue ~ '^[A-Za-z0-9][A-Za-z0-9_.:/-]*$'),
    CONSTRAINT schedule_priority_range CHECK (priority BETWEEN 0 AND 100),
    CONSTRAINT schedule_max_attempts_positive CHECK (max_attempts >= 1),
    CONSTRAINT schedule_payload_size CHECK (octet_length(payload_template::text) <= 65536)
);
COMMENT ON TABLE queue.schedule IS
    'Periodic jobs: at each fire time of cron in time_zone, one job of kind with the rendered payload_template is '
    'enqueued, exactly once however many workers evaluate the schedules. Manage with queue.add_schedule, '
    'queue.remove_schedule, queue.set_schedule_enabled or `talenta schedule add|list|remove|enable|disable`.';
COMMENT ON COLUMN queue.schedule.name IS 'Stable name (1-128 characters: letters, digits and _ . : / -); part of each job''s key.';
COMMENT ON COLUMN queue.schedule.cron IS
    'Five-field cron expression (minute hour day-of-month month day-of-week, names JAN-DEC and SUN-SAT, lists, '
    'ranges, steps) or a macro (@yearly, @monthly, @weekly, @daily, @hourly), read in time_zone. DST: see README.';
COMMENT ON COLUMN queue.schedule.time_zone IS 'IANA time zone the expression is read in, e.g. Asia/Makassar (WITA, UTC+8).';
COMMENT ON COLUMN queue.schedule.kind IS 'Job kind enqueued at each fire time.';
COMMENT ON COLUMN queue.schedule.payload_template IS
    'The job''s payload with placeholders in its strings, filled from the fire time (see queue.render_schedule_payload): '
    '{{fire_year}}, {{fire_month}}, {{fire_day}}, {{fire_date}} (local, in time_zone), {{fire_time}} (UTC, ISO 8601), '
    '{{schedule}}. A string that is exactly {{fire_year}}, {{fire_month}} or {{fire_day}} becomes a JSON number.';
COMMENT ON COLUMN queue.schedule.queue IS 'Queue the jobs go to. Default ''default''.';
COMMENT ON COLUMN queue.schedule.priority IS 'Priority of the jobs: 0 (first) to 100. Default 0.';
COMMENT ON COLUMN queue.schedule.max_attempts IS 'Attempts allowed per job (>= 1). Default 20.';
COMMENT ON COLUMN queue.schedule.enabled IS
    'Only enabled schedules fire. Enabling plans the next fire time from then on: times passed while disabled do not fire.';
COMMENT ON COLUMN queue.schedule.last_fired_at IS 'The fire time (as scheduled, not as run) of the latest job enqueued.';
COMMENT ON COLUMN queue.schedule.last_job_id IS 'Id of the latest job enqueued.';
COMMENT ON COLUMN queue.schedule.next_fire_at IS
    'The next fire time; NULL until a worker plans it (after an insert, or a change of cron, time_zone or enabled). '
    'When several fire times have passed while no worker ran, the schedule fires once, for the latest of them.';
COMMENT ON COLUMN queue.schedule.last_error IS 'Why a worker could not evaluate the schedule (e.g. an expression it cannot parse); NULL when fine.';

CREATE INDEX schedule_due_idx ON queue.schedule (next_fire_at) WHERE enabled;
COMMENT ON INDEX queue.schedule_due_idx IS 'Serves the evaluators'' search for due (or unplanned) enabled schedules.';

CREATE FUNCTION queue.schedule_replan() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
    NEW.updated_at := now();
    IF NEW.cron IS DISTINCT FROM OLD.cron OR NEW.time_zone IS DISTINCT FROM OLD.time_zone
       OR (NEW.enabled AND NOT OLD.enabled) THEN
        NEW.next_fire_at := NULL;
        NEW.last_error := NULL;
    END IF;
    RETURN NEW;
END;
$$;
COMMENT ON FUNCTION queue.schedule_replan() IS
    'Trigger: a changed expression or zone, or enabling, clears next_fire_at so that a worker plans it again from now.';
CREATE TRIGGER schedule_replan BEFORE UPDATE ON queue.schedule
    FOR EACH ROW EXECUTE FUNCTION queue.schedule_replan();

CREATE TABLE queue.schedule_fire (
    schedule_name text        NOT NULL REFERENCES queue.schedule (name) ON UPDATE CASCADE ON DELETE CASCADE,
    fire_at       timestamptz NOT NULL,
    job_id        bigint      NOT NULL,
    fired_by      text,
    fired_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (schedule_name, fire_at)
);
COMMENT ON TABLE queue.schedule_fire IS
    'One row per fire time that enqueued a job: the primary key makes each fire time fire at most once, forever.';
COMMENT ON COLUMN queue.schedule_fire.fire_at IS 'The fire time as scheduled (a whole minute).';
COMMENT ON COLUMN queue.schedule_fire.job_id IS 'The job enqueued for it (queue.job.id).';
COMMENT ON COLUMN queue.schedule_fire.fired_by IS 'The worker id that fired it.';
COMMENT ON COLUMN queue.schedule_fire.fired_at IS 'When it was fired (the database''s clock).';

CREATE FUNCTION queue.schedule_job_key(schedule_name text, fire_at timestamptz) RETURNS text
LANGUAGE sql IMMUTABLE
AS $$ SELECT 'schedule:' || schedule_name || ':' || to_char(fire_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') $$;
COMMENT ON FUNCTION queue.schedule_job_key(text, timestamptz) IS
    'The job key of a fire time: schedule:<name>:<fire time in UTC>, e.g. schedule:annual-talent-review:2027-03-31T17:00:00Z.';

CREATE FUNCTION queue.render_schedule_payload(template jsonb, fire_at timestamptz, time_zone text, schedule_name text)
RETURNS jsonb
LANGUAGE plpgsql STABLE
AS $$
DECLARE
    local_time timestamp := fire_at AT TIME ZONE time_zone;
    text_value text;
    result jsonb;
BEGIN
    CASE jsonb_typeof(template)
    WHEN 'object' THEN
        SELECT coalesce(jsonb_object_agg(e.key, queue.render_schedule_payload(e.value, fire_at, time_zone, schedule_name)),
                        '{}'::jsonb)
          INTO result FROM jsonb_each(template) AS e;
        RETURN result;
    WHEN 'array' THEN
        SELECT coalesce(jsonb_agg(queue.render_schedule_payload(e.value, fire_at, time_zone, schedule_name) ORDER BY e.ord),
                        '[]'::jsonb)
          INTO result FROM jsonb_array_elements(template) WITH ORDINALITY AS e(value, ord);
        RETURN result;
    WHEN 'string' THEN
        text_value := template #>> '{}';
        CASE text_value
        WHEN '{{fire_year}}' THEN RETURN to_jsonb(extract(year FROM local_time)::integer);
        WHEN '{{fire_month}}' THEN RETURN to_jsonb(extract(month FROM local_time)::integer);
        WHEN '{{fire_day}}' THEN RETURN to_jsonb(extract(day FROM local_time)::integer);
        ELSE
            text_value := replace(text_value, '{{fire_year}}', to_char(local_time, 'YYYY'));
            text_value := replace(text_value, '{{fire_month}}', to_char(local_time, 'MM'));
            text_value := replace(text_value, '{{fire_day}}', to_char(local_time, 'DD'));
            text_value := replace(text_value, '{{fire_date}}', to_char(local_time, 'YYYY-MM-DD'));
            text_value := replace(text_value, '{{fire_time}}',
                                  to_char(fire_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'));
            text_value := replace(text_value, '{{schedule}}', schedule_name);
            IF text_value ~ '\{\{[a-z_]*\}\}' THEN
                RAISE EXCEPTION 'queue.render_schedule_payload: unknown placeholder % in the payload template of schedule %',
                    substring(text_value FROM '\{\{[a-z_]*\}\}'), schedule_name
                    USING ERRCODE = 'invalid_parameter_value',
                          HINT = 'Known: {{fire_year}}, {{fire_month}}, {{fire_day}}, {{fire_date}}, {{fire_time}}, {{schedule}}.';
            END IF;
            RETURN to_jsonb(text_value);
        END CASE;
    ELSE
        RETURN template;
    END CASE;
END;
$$;
COMMENT ON FUNCTION queue.render_schedule_payload(jsonb, timestamptz, text, text) IS
    'Fills a payload template for one fire time: in every JSON string, {{fire_year}}, {{fire_month}} (01-12), '
    '{{fire_day}} (01-31) and {{fire_date}} (YYYY-MM-DD) of the fire time''s local date in time_zone, {{fire_time}} '
    '(UTC, YYYY-MM-DDTHH:MM:SSZ) and {{schedule}} (the name). A string that is exactly {{fire_year}}, {{fire_month}} '
    'or {{fire_day}} becomes a JSON number. An unknown {{placeholder}} raises 22023.';

CREATE FUNCTION queue.add_schedule(
    name             text,
    cron             text,
    time_zone        text,
    kind             text,
    payload_template jsonb   DEFAULT '{}'::jsonb,
    queue            text    DEFAULT 'default',
    priority         integer DEFAULT 0,
    max_attempts     integer DEFAULT 20,
    enabled          boolean DEFAULT true,
    description      text    DEFAULT NULL
) RETURNS void
LANGUAGE plpgsql
AS $$
#variable_conflict use_variable
BEGIN
    IF name IS NULL OR cron IS NULL OR time_zone IS NULL OR kind IS NULL OR payload_template IS NULL
       OR queue IS NULL OR priority IS NULL OR max_attempts IS NULL OR enabled IS NULL THEN
        RAISE EXCEPTION 'queue.add_schedule: only description may be NULL' USING ERRCODE = 'null_value_not_allowed';
    END IF;
    IF NOT queue.cron_is_well_formed(cron) THEN
        RAISE EXCEPTION 'queue.add_schedule: % is not a cron expression of five fields (minute hour day-of-month month day-of-week) or a macro such as @daily', quote_literal(cron)
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF NOT queue.is_time_zone(time_zone) THEN
        RAISE EXCEPTION 'queue.add_schedule: % is not an IANA time zone name (e.g. Asia/Makassar)', quote_literal(time_zone)
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    -- A template that cannot render is refused now, not at its first fire time.
    PERFORM queue.render_schedule_payload(payload_template, now(), time_zone, name);
    INSERT INTO queue.schedule AS s (name, cron, time_zone, kind, payload_template, queue, priority, max_attempts,
                                     enabled, description)
    VALUES (name, cron, time_zone, kind, payload_template, queue, priority, max_attempts, enabled, description)
    ON CONFLICT ON CONSTRAINT schedule_pkey DO UPDATE
       SET cron = EXCLUDED.cron, time_zone = EXCLUDED.time_zone, kind = EXCLUDED.kind,
           payload_template = EXCLUDED.payload_template, queue = EXCLUDED.queue, priority = EXCLUDED.priority,
           max_attempts = EXCLUDED.max_attempts, enabled = EXCLUDED.enabled, description = EXCLUDED.description;
END;
$$;
COMMENT ON FUNCTION queue.add_schedule(text, text, text, text, jsonb, text, integer, integer, boolean, text) IS
    'Adds a schedule, or replaces the one of that name (its fire history stays; a changed cron or time_zone is '
    'planned again from now). Invalid arguments raise 22004 (NULL), 22023 (bad expression, zone or placeholder) or '
    '23514 (a check of queue.schedule: name, kind, queue, priority, max_attempts).';

CREATE FUNCTION queue.remove_schedule(schedule_name text) RETURNS boolean
LANGUAGE sql
AS $$
    WITH removed AS (DELETE FROM queue.schedule WHERE name = schedule_name RETURNING 1)
    SELECT EXISTS (SELECT 1 FROM removed)
$$;
COMMENT ON FUNCTION queue.remove_schedule(text) IS
    'Removes a schedule and its fire history; jobs it enqueued stay. Returns false when there was none.';

CREATE FUNCTION queue.set_schedule_enabled(schedule_name text, enabled boolean) RETURNS boolean
LANGUAGE sql
AS $$
    WITH changed AS (UPDATE queue.schedule s SET enabled = set_schedule_enabled.enabled
                      WHERE s.name = schedule_name RETURNING 1)
    SELECT EXISTS (SELECT 1 FROM changed)
$$;
COMMENT ON FUNCTION queue.set_schedule_enabled(text, boolean) IS
    'Enables or disables a schedule; returns false when there is none. Enabling plans from now on.';

CREATE FUNCTION queue.plan_schedule(schedule_name text, next_fire_at timestamptz) RETURNS boolean
LANGUAGE sql
AS $$
    WITH planned AS (
        UPDATE queue.schedule s SET next_fire_at = plan_schedule.next_fire_at, last_error = NULL
         WHERE s.name = schedule_name AND s.enabled AND s.next_fire_at IS NULL
        RETURNING 1)
    SELECT EXISTS (SELECT 1 FROM planned)
$$;
COMMENT ON FUNCTION queue.plan_schedule(text, timestamptz) IS
    'Sets the first fire time of an unplanned schedule (next_fire_at IS NULL); false when another evaluator did it first.';

CREATE FUNCTION queue.record_schedule_error(schedule_name text, error text) RETURNS void
LANGUAGE sql
AS $$
    UPDATE queue.schedule s SET last_error = record_schedule_error.error
     WHERE s.name = schedule_name AND s.last_error IS DISTINCT FROM record_schedule_error.error
$$;
COMMENT ON FUNCTION queue.record_schedule_error(text, text) IS
    'Records why a worker cannot evaluate a schedule (queue.schedule.last_error); a change of cron, time_zone or '
    'enabled clears it.';

CREATE FUNCTION queue.fire_schedule(
    schedule_name text, expected_next timestamptz, fire_at timestamptz, following timestamptz, fired_by text
) RETURNS bigint
LANGUAGE plpgsql
AS $$
DECLARE
    s queue.schedule;
    new_job bigint;
BEGIN
    IF fire_at IS NULL OR expected_next IS NULL OR fire_at < expected_next THEN
        RAISE EXCEPTION 'queue.fire_schedule: fire_at must be given and not before expected_next'
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF following IS NOT NULL AND following <= fire_at THEN
        RAISE EXCEPTION 'queue.fire_schedule: the following fire time must lie after fire_at'
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    -- Compare-and-set: of the evaluators that saw expected_next, the first to update wins; the others wait for its
    -- commit on the row lock, re-read the row (READ COMMITTED) and find next_fire_at moved: they fire nothing.
    UPDATE queue.schedule AS q
       SET last_fired_at = fire_schedule.fire_at, next_fire_at = following, last_error = NULL
     WHERE q.name = schedule_name AND q.enabled AND q.next_fire_at = expected_next
    RETURNING q.* INTO s;
    IF NOT FOUND THEN
        RETURN NULL;
    END IF;
    -- The fire time's permanent record: a fire time that fired once (even if next_fire_at was set back by hand since)
    -- never fires again.
    INSERT INTO queue.schedule_fire (schedule_name, fire_at, job_id, fired_by)
    VALUES (s.name, fire_schedule.fire_at, 0, fired_by)
    ON CONFLICT DO NOTHING;
    IF NOT FOUND THEN
        RETURN NULL;
    END IF;
    new_job := queue.enqueue(
        s.kind, queue.render_schedule_payload(s.payload_template, fire_schedule.fire_at, s.time_zone, s.name),
        s.queue, now(), s.priority, s.max_attempts, queue.schedule_job_key(s.name, fire_schedule.fire_at));
    UPDATE queue.schedule_fire f SET job_id = new_job
     WHERE f.schedule_name = s.name AND f.fire_at = fire_schedule.fire_at;
    UPDATE queue.schedule q SET last_job_id = new_job WHERE q.name = s.name;
    RETURN new_job;
END;
$$;
COMMENT ON FUNCTION queue.fire_schedule(text, timestamptz, timestamptz, timestamptz, text) IS
    'Fires one due schedule, atomically: when its next_fire_at still equals expected_next, sets last_fired_at = '
    'fire_at and next_fire_at = following (NULL: plan again), records the fire time in queue.schedule_fire and enqueues '
    'the job (payload rendered for fire_at, job key queue.schedule_job_key). Returns the job id, or NULL when another '
    'evaluator fired it first or the fire time already fired. fire_at may lie after expected_next: after an outage the '
    'evaluator fires once, for the latest fire time passed.';

-- The annual talent review, disabled until the city chooses its date: see the README (Schedules).
SELECT queue.add_schedule(
    name => 'annual-talent-review',
    cron => '0 1 1 4 *',
    time_zone => 'Asia/Makassar',
    kind => 'annual_review',
    payload_template => '{"year": "{{fire_year}}", "reference_date": "{{fire_year}}-03-31"}'::jsonb,
    enabled => false,
    description => 'The annual talent review (PermenPANRB 3/2020): on 1 April 01:00 WITA, year Y = the fire year and '
        || 'reference date D = 31 March of Y. Disabled by default: enable it once HR data as of D are imported on time '
        || 'each year, and set the date with queue.add_schedule or talenta schedule add --replace.');

-- ---------------------------------------------------------------- enqueueing talent work without losing a change
CREATE FUNCTION talent.enqueue_coalesced(kind text, payload jsonb, job_key text) RETURNS bigint
LANGUAGE plpgsql
AS $$
DECLARE
    key text := job_key;
    job bigint;
    job_state text;
BEGIN
    -- A pending job with the key absorbs this request. A *running* one may already have read the data this request is
    -- about, so a follow-up with the key <key>:after:<running id> is enqueued (and absorbs further requests in turn).
    LOOP
        job := queue.enqueue(kind, payload, job_key => key);
        SELECT j.state INTO job_state FROM queue.job j WHERE j.id = job;
        IF job_state IS DISTINCT FROM 'running' THEN
            RETURN job;
        END IF;
        key := enqueue_coalesced.job_key || ':after:' || job;
    END LOOP;
END;
$$;
COMMENT ON FUNCTION talent.enqueue_coalesced(text, jsonb, text) IS
    'Enqueues kind/payload under job_key unless a job with that key is available or retryable (returns its id). When '
    'the job with that key is running, enqueues a follow-up keyed <job_key>:after:<running id>, so a change committed '
    'while a job runs is never lost and a burst of changes still makes one job.';

-- ---------------------------------------------------------------- rule-set versions
CREATE FUNCTION talent.check_rule_set(parameters jsonb) RETURNS void
LANGUAGE plpgsql IMMUTABLE
AS $$
DECLARE
    expected constant jsonb := '{"name": "string", "version": "number", "assessedStates": "array",
        "targetLevels": "array", "levels": "object", "kinerja": "object", "potensi": "object",
        "penalties": "object", "pool": "object", "succession": "object"}';
    field record;
BEGIN
    IF parameters IS NULL OR jsonb_typeof(parameters) <> 'object' THEN
        RAISE EXCEPTION 'talent.check_rule_set: a rule set is a JSON object' USING ERRCODE = 'invalid_parameter_value';
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
    FOR field IN SELECT key FROM jsonb_object_keys(parameters) AS k(key) WHERE NOT expected ? key LOOP
        RAISE EXCEPTION 'talent.check_rule_set: unknown field "%"', field.key USING ERRCODE = 'invalid_parameter_value';
    END LOOP;
    IF parameters ->> 'name' !~ '^[A-Za-z0-9][A-Za-z0-9_./-]{0,99}$' THEN
        RAISE EXCEPTION 'talent.check_rule_set: name must be 1-100 letters, digits and _ . / - (no @), got %',
            quote_literal(parameters ->> 'name') USING ERRCODE = 'invalid_parameter_value';
    END IF;
END;
$$;
COMMENT ON FUNCTION talent.check_rule_set(jsonb) IS
    'Structural checks of a rule set''s JSON (the Talent module''s RuleSet): an object with exactly the fields name, '
    'version, assessedStates, targetLevels, levels, kinerja, potensi, penalties, pool and succession, of the right JSON '
    'types. Raises 22023 naming the first problem. `talenta rules set` checks everything else (it decodes and validates '
    'the JSON as a RuleSet) before calling talent.add_rule_set_version.';

CREATE FUNCTION talent.add_rule_set_version(parameters jsonb) RETURNS text
LANGUAGE plpgsql
AS $$
DECLARE
    rule_name text;
    existing integer;
    next_version integer;
BEGIN
    PERFORM talent.check_rule_set(add_rule_set_version.parameters);
    rule_name := add_rule_set_version.parameters ->> 'name';
    -- One version number per name at a time, whoever adds concurrently.
    PERFORM pg_advisory_xact_lock(hashtext('talent.rule_set:' || rule_name));
    SELECT r.version INTO existing FROM talent.rule_set r
     WHERE r.name = rule_name AND r.parameters - 'version' = add_rule_set_version.parameters - 'version'
     ORDER BY r.version DESC LIMIT 1;
    IF FOUND THEN
        RETURN rule_name || '@' || existing;
    END IF;
    -- Version 1 of the built-in name belongs to the built-in rule set (registered by the worker on first use).
    SELECT greatest(coalesce(max(r.version), 0), CASE WHEN rule_name = 'permenpanrb-3-2020/default' THEN 1 ELSE 0 END) + 1
      INTO next_version FROM talent.rule_set r WHERE r.name = rule_name;
    INSERT INTO talent.rule_set (name, version, parameters)
    VALUES (rule_name, next_version, add_rule_set_version.parameters || jsonb_build_object('version', next_version));
    RETURN rule_name || '@' || next_version;
END;
$$;
COMMENT ON FUNCTION talent.add_rule_set_version(jsonb) IS
    'Stores a rule set (the JSON of Talent''s RuleSet, as `talenta rules show` prints it) as the next version of its '
    'name and returns name@version; the JSON''s own version is replaced by the one assigned. The same parameters as '
    'a stored version of that name return that version instead. Version 1 of permenpanrb-3-2020/default is the built-in '
    'rule set. Raises 22023 (talent.check_rule_set) for a malformed rule set. Activate it with talent.activate_rule_set.';

CREATE FUNCTION talent.activate_rule_set(year integer, rule_set text) RETURNS bigint
LANGUAGE plpgsql
AS $$
DECLARE
    at_sign integer := length(rule_set) - strpos(reverse(rule_set), '@') + 1;
    rule_name text;
    rule_version integer;
BEGIN
    IF rule_set IS NULL OR strpos(rule_set, '@') = 0 OR substr(rule_set, at_sign + 1) !~ '^[0-9]{1,9}$' THEN
        RAISE EXCEPTION 'talent.activate_rule_set: rule_set must be written name@version, got %', quote_literal(rule_set)
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    rule_name := substr(rule_set, 1, at_sign - 1);
    rule_version := substr(rule_set, at_sign + 1)::integer;
    IF NOT EXISTS (SELECT 1 FROM talent.rule_set r WHERE r.name = rule_name AND r.version = rule_version) THEN
        RAISE EXCEPTION 'talent.activate_rule_set: rule set % is not stored in talent.rule_set', rule_set
            USING ERRCODE = 'foreign_key_violation';
    END IF;
    UPDATE talent.review_period p SET rule_set_name = rule_name, rule_set_version = rule_version
     WHERE p.year = activate_rule_set.year;
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
    'Makes rule_set (name@version, stored in talent.rule_set) the rule set of the review period of year, and enqueues '
    'a recalculation of everyone for that year (job key recalculation:<year>:everyone) in the same transaction; returns '
    'the job id. The results it replaces stay in talent.assessment_result_history with their rule version. Raises '
    '22023 (malformed name), 23503 (unknown rule set) or P0002 (no period for the year).';

-- ---------------------------------------------------------------- the history of results
ALTER TABLE talent.assessment_result ADD COLUMN inputs jsonb;
COMMENT ON COLUMN talent.assessment_result.inputs IS
    'The inputs the result was computed from, as JSON: {"context": {"referenceDate"}, "position": {...}, "input": '
    '{employee and every history row}} (Talent''s ReviewContext, Position and EmployeeInput; the employee''s name is '
    'left out). With the stored rule set (rule_version) it recomputes the same result and fingerprint. NULL for rows '
    'written before migration 0005.';

CREATE TABLE talent.assessment_result_history (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    period_id          bigint NOT NULL,
    employee_id        bigint NOT NULL,
    nip                text NOT NULL,
    status             text NOT NULL,
    reason             text,
    target_level       text NOT NULL,
    kinerja_score      numeric(5, 2),
    kinerja_level      text,
    potensi_score      numeric(5, 2) NOT NULL,
    potensi_level      text NOT NULL,
    box                smallint,
    recommendations    text[] NOT NULL,
    flags              text[] NOT NULL,
    explanation        jsonb NOT NULL,
    inputs_fingerprint text NOT NULL,
    rule_version       text NOT NULL,
    job_id             bigint,
    computed_at        timestamptz NOT NULL,
    inputs             jsonb,
    replaced_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX assessment_result_history_key_idx
    ON talent.assessment_result_history (period_id, employee_id, rule_version, computed_at);
COMMENT ON TABLE talent.assessment_result_history IS
    'Every talent.assessment_result row that was replaced (a recalculation, a new rule-set version) or deleted, as it '
    'was: results of earlier rule-set versions stay readable with their version. Written by trigger; never edited.';
COMMENT ON COLUMN talent.assessment_result_history.replaced_at IS 'When the row left talent.assessment_result.';
COMMENT ON COLUMN talent.assessment_result_history.rule_version IS 'The rule set (name@version) that produced the row.';

CREATE FUNCTION talent.keep_replaced_results() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
    INSERT INTO talent.assessment_result_history (
        period_id, employee_id, nip, status, reason, target_level, kinerja_score, kinerja_level, potensi_score,
        potensi_level, box, recommendations, flags, explanation, inputs_fingerprint, rule_version, job_id, computed_at,
        inputs)
    SELECT period_id, employee_id, nip, status, reason, target_level, kinerja_score, kinerja_level, potensi_score,
           potensi_level, box, recommendations, flags, explanation, inputs_fingerprint, rule_version, job_id,
           computed_at, inputs
      FROM old_rows;
    RETURN NULL;
END;
$$;
COMMENT ON FUNCTION talent.keep_replaced_results() IS
    'Trigger (per statement): copies the deleted or updated rows of talent.assessment_result into its history.';
CREATE TRIGGER assessment_result_keep_deleted AFTER DELETE ON talent.assessment_result
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION talent.keep_replaced_results();
CREATE TRIGGER assessment_result_keep_updated AFTER UPDATE ON talent.assessment_result
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION talent.keep_replaced_results();

CREATE VIEW talent.result_versions AS
SELECT p.year, r.period_id, r.employee_id, r.nip, r.rule_version, r.computed_at, true AS is_current,
       NULL::timestamptz AS replaced_at, r.status, r.reason, r.target_level, r.kinerja_score, r.kinerja_level,
       r.potensi_score, r.potensi_level, r.box, r.recommendations, r.flags, r.inputs_fingerprint, r.job_id
  FROM talent.assessment_result r
  JOIN talent.review_period p ON p.id = r.period_id
UNION ALL
SELECT p.year, h.period_id, h.employee_id, h.nip, h.rule_version, h.computed_at, false, h.replaced_at, h.status,
       h.reason, h.target_level, h.kinerja_score, h.kinerja_level, h.potensi_score, h.potensi_level, h.box,
       h.recommendations, h.flags, h.inputs_fingerprint, h.job_id
  FROM talent.assessment_result_history h
  JOIN talent.review_period p ON p.id = h.period_id;
COMMENT ON VIEW talent.result_versions IS
    'Every result an employee has had in a review year: the current one (is_current) and each replaced one, with the '
    'rule set (rule_version) and time (computed_at) that produced it.';
