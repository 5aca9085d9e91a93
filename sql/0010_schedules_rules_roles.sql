-- 0010_schedules_rules_roles.sql: the roles of sql/0009 on the objects of 0005 (schedules, rule-set versions, result
-- history), 0006 (event-driven recalculation) and 0007 (committee overrides); Tests/TalentJobsTests/Roles/RoleMatrix.swift
-- lists the same decisions.
--
--   talenta_worker     evaluates schedules: reads queue.schedule, plans and fires through queue.plan_schedule /
--                      queue.fire_schedule / queue.record_schedule_error; writes results (and so their history).
--   talenta_enqueuer   operators and other systems manage schedules (queue.add_schedule, remove_schedule,
--                      set_schedule_enabled) and read them and their fire log.
--   talenta_reader     the new talent views (result versions, open period, overrides in force, *_effective) and the
--                      schedules.
--   talenta_hr_writer  the HR triggers enqueue for it (SECURITY DEFINER trigger functions); after a bulk load with
--                      talenta.defer_recalculation it calls hr.request_full_recalculation() (also
--                      hr.request_recalculation, hr.request_succession_planning).
-- Rule-set versions (talent.add_rule_set_version, activate_rule_set) and committee overrides (talent.override_* and
-- revoke_override) stay with the migration owner, like `talenta prune`: `talenta rules` and `talenta override` run
-- with the owner's credentials until the city names a role for the Komite Talenta's tool.

-- Every new function: a pinned search_path (their bodies qualify every name); SECURITY DEFINER where a role calls it
-- or a role's writes fire it.
ALTER FUNCTION queue.is_time_zone(text) SET search_path = pg_catalog, pg_temp;
ALTER FUNCTION queue.cron_is_well_formed(text) SET search_path = pg_catalog, pg_temp;
ALTER FUNCTION queue.schedule_replan() SET search_path = pg_catalog, pg_temp;
ALTER FUNCTION queue.schedule_job_key(text, timestamptz) SET search_path = pg_catalog, pg_temp;
ALTER FUNCTION queue.render_schedule_payload(jsonb, timestamptz, text, text) SET search_path = pg_catalog, pg_temp;
ALTER FUNCTION queue.add_schedule(text, text, text, text, jsonb, text, integer, integer, boolean, text)
    SECURITY DEFINER SET search_path = pg_catalog, pg_temp;
ALTER FUNCTION queue.remove_schedule(text) SECURITY DEFINER SET search_path = pg_catalog, pg_temp;
ALTER FUNCTION queue.set_schedule_enabled(text, boolean) SECURITY DEFINER SET search_path = pg_catalog, pg_temp;
ALTER FUNCTION queue.plan_schedule(text, timestamptz) SECURITY DEFINER SET search_path = pg_catalog, pg_temp;
ALTER FUNCTION queue.record_schedule_error(text, text) SECURITY DEFINER SET search_path = pg_catalog, pg_temp;
ALTER FUNCTION queue.fire_schedule(text, timestamptz, timestamptz, timestamptz, text)
    SECURITY DEFINER SET search_path = pg_catalog, pg_temp;
ALTER FUNCTION talent.enqueue_coalesced(text, jsonb, text) SET search_path = pg_catalog, pg_temp;
ALTER FUNCTION talent.check_rule_set(jsonb) SET search_path = pg_catalog, pg_temp;
ALTER FUNCTION talent.add_rule_set_version(jsonb) SET search_path = pg_catalog, pg_temp;
ALTER FUNCTION talent.activate_rule_set(integer, text) SET search_path = pg_catalog, pg_temp;
ALTER FUNCTION talent.keep_replaced_results() SECURITY DEFINER SET search_path = pg_catalog, pg_temp;
ALTER FUNCTION hr.recalculation_deferred() SET search_path = pg_catalog, pg_temp;
ALTER FUNCTION hr.request_recalculation(bigint[]) SECURITY DEFINER SET search_path = pg_catalog, pg_temp;
ALTER FUNCTION hr.request_succession_planning() SECURITY DEFINER SET search_path = pg_catalog, pg_temp;
ALTER FUNCTION hr.request_full_recalculation() SECURITY DEFINER SET search_path = pg_catalog, pg_temp;
ALTER FUNCTION hr.recalculate_on_history_change() SECURITY DEFINER SET search_path = pg_catalog, pg_temp;
ALTER FUNCTION hr.recalculate_on_employee_change() SECURITY DEFINER SET search_path = pg_catalog, pg_temp;
ALTER FUNCTION hr.replan_on_position_change() SECURITY DEFINER SET search_path = pg_catalog, pg_temp;
ALTER FUNCTION talent.audit_override() SECURITY DEFINER SET search_path = pg_catalog, pg_temp;
ALTER FUNCTION talent.refuse_audit_change() SET search_path = pg_catalog, pg_temp;
ALTER FUNCTION talent.add_override(text, integer, text, text, integer, boolean, integer, text, text)
    SET search_path = pg_catalog, pg_temp;
ALTER FUNCTION talent.override_box(integer, text, integer, text, text) SET search_path = pg_catalog, pg_temp;
ALTER FUNCTION talent.override_pool(integer, text, boolean, text, text) SET search_path = pg_catalog, pg_temp;
ALTER FUNCTION talent.override_candidate_rank(integer, text, text, integer, text, text)
    SET search_path = pg_catalog, pg_temp;
ALTER FUNCTION talent.revoke_override(bigint, text, text) SET search_path = pg_catalog, pg_temp;

-- talenta_worker
GRANT SELECT ON queue.schedule TO talenta_worker;
GRANT EXECUTE ON FUNCTION queue.plan_schedule(text, timestamptz), queue.record_schedule_error(text, text),
                          queue.fire_schedule(text, timestamptz, timestamptz, timestamptz, text) TO talenta_worker;
-- 0009 granted the worker every talent table and view; views are read-only and overrides are the committee's.
REVOKE INSERT, UPDATE, DELETE ON talent.result_versions, talent.open_period, talent.active_override,
                                 talent.current_placement_effective, talent.pool_effective, talent.succession_effective
    FROM talenta_worker;
REVOKE ALL ON talent.override, talent.override_audit FROM talenta_worker;

-- talenta_enqueuer
GRANT SELECT ON queue.schedule, queue.schedule_fire TO talenta_enqueuer;
GRANT EXECUTE ON FUNCTION queue.add_schedule(text, text, text, text, jsonb, text, integer, integer, boolean, text),
                          queue.remove_schedule(text), queue.set_schedule_enabled(text, boolean) TO talenta_enqueuer;

-- talenta_reader
GRANT SELECT ON talent.result_versions, talent.open_period, talent.active_override, talent.current_placement_effective,
                talent.pool_effective, talent.succession_effective, queue.schedule, queue.schedule_fire
    TO talenta_reader;

-- talenta_hr_writer
GRANT EXECUTE ON FUNCTION hr.request_recalculation(bigint[]), hr.request_succession_planning(),
                          hr.request_full_recalculation() TO talenta_hr_writer;
