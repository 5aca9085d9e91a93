/// The decision, for every schema, relation and function of hr, talent and queue, on what each group role of
/// sql/0009_roles.sql may do. `RoleMatrixTests` compares it with the database's catalog both ways: an object a later
/// migration adds fails the test until it is listed here (and granted in a migration).
///
/// Privileges are written with PostgreSQL's ACL letters: r SELECT, a INSERT, w UPDATE, d DELETE, D TRUNCATE,
/// x REFERENCES, t TRIGGER, X EXECUTE, U USAGE, C CREATE; "" is none. Column grants count as the table privilege.
enum RoleMatrix {
    /// What the four group roles hold on one object, in the order worker, enqueuer, reader, hr_writer.
    struct Access: Equatable, CustomStringConvertible {
        let worker: String
        let enqueuer: String
        let reader: String
        let hrWriter: String

        init(_ worker: String, _ enqueuer: String, _ reader: String, _ hrWriter: String) {
            (self.worker, self.enqueuer, self.reader, self.hrWriter) = (worker, enqueuer, reader, hrWriter)
        }

        /// The privileges of `role` (one of `RoleMatrix.roles`).
        func privileges(of role: String) -> String {
            switch role {
            case "talenta_worker": worker
            case "talenta_enqueuer": enqueuer
            case "talenta_reader": reader
            default: hrWriter
            }
        }

        var description: String {
            "worker \"\(worker)\", enqueuer \"\(enqueuer)\", reader \"\(reader)\", hr_writer \"\(hrWriter)\""
        }
    }

    static let roles = ["talenta_worker", "talenta_enqueuer", "talenta_reader", "talenta_hr_writer"]

    static let none = Access("", "", "", "")

    /// Every schema other than public and the system ones.
    static let schemas: [String: Access] = [
        //        worker  enqueuer  reader  hr_writer
        "hr":     Access("U", "", "", "U"),
        "talent": Access("U", "", "U", ""),
        "queue":  Access("U", "U", "U", ""),
    ]

    /// Tables, views, materialized views and foreign tables (sequences: see `sequences`).
    static let relations: [String: Access] = [
        // hr: inputs written by the city's HR systems, read by the worker.
        //                          worker  enqueuer  reader  hr_writer
        "hr.unit":                  Access("r", "", "", "rawd"),
        "hr.position":              Access("r", "", "", "rawd"),
        "hr.employee":              Access("r", "", "", "rawd"),
        "hr.education":             Access("r", "", "", "rawd"),
        "hr.training":              Access("r", "", "", "rawd"),
        "hr.performance":           Access("r", "", "", "rawd"),
        "hr.assessment":            Access("r", "", "", "rawd"),
        "hr.award":                 Access("r", "", "", "rawd"),
        "hr.penalty":               Access("r", "", "", "rawd"),
        "hr.other_score":           Access("r", "", "", "rawd"),
        // the BKN 411/2025 preset's inputs (sql/0020)
        "hr.potential_assessment":  Access("r", "", "", "rawd"),
        "hr.team_assignment":       Access("r", "", "", "rawd"),
        "hr.feedback_360":          Access("r", "", "", "rawd"),
        "hr.acting_assignment":     Access("r", "", "", "rawd"),
        "hr.position_history":      Access("r", "", "", "rawd"),
        "hr.invalid_row":           Access("r", "", "", "rawd"),
        "hr.import_run":            Access("r", "", "", "rawd"),
        "hr.import_reject":         Access("r", "", "", "rawd"),
        // talent tables: written by the worker's jobs only; others read the views.
        "talent.rule_set":          Access("rawd", "", "", ""),
        "talent.review_period":     Access("rawd", "", "", ""),
        "talent.review_run":        Access("rawd", "", "", ""),
        "talent.review_batch":      Access("rawd", "", "", ""),
        "talent.assessment_result": Access("rawd", "", "", ""),
        "talent.pool_evaluation":   Access("rawd", "", "", ""),
        "talent.succession_plan":   Access("rawd", "", "", ""),
        "talent.succession_candidate": Access("rawd", "", "", ""),
        "talent.assessment_result_history": Access("rawd", "", "", ""),
        "talent.indicator_result":  Access("rawd", "", "", ""),
        // committee overrides: the migration owner's (talenta override); the audit is written by trigger.
        "talent.override":          none,
        "talent.override_audit":    none,
        // talent views: the results other systems read.
        "talent.opd":               Access("r", "", "r", ""),
        "talent.current_placement": Access("r", "", "r", ""),
        "talent.pool":              Access("r", "", "r", ""),
        "talent.succession":        Access("r", "", "r", ""),
        "talent.box_distribution":  Access("r", "", "r", ""),
        "talent.result_versions":   Access("r", "", "r", ""),
        "talent.open_period":       Access("r", "", "r", ""),
        "talent.review_periods":    Access("r", "", "r", ""),
        "talent.active_override":   Access("r", "", "r", ""),
        "talent.current_placement_effective": Access("r", "", "r", ""),
        "talent.pool_effective":    Access("r", "", "r", ""),
        "talent.succession_effective": Access("r", "", "r", ""),
        "talent.indicators":        Access("r", "", "r", ""),
        // "why this box?" and kelengkapan data (sql/0021): talenta explain, completeness and dashboards read them.
        "talent.explanation":       Access("r", "", "r", ""),
        "talent.explanation_indicator": Access("r", "", "r", ""),
        "talent.completeness_employee": Access("r", "", "r", ""),
        "talent.completeness_indicator": Access("r", "", "r", ""),
        "talent.completeness_opd":  Access("r", "", "r", ""),
        // what-if scenarios and their comparison (sql/0022): read like the other result views.
        "talent.scenarios":         Access("r", "", "r", ""),
        "talent.scenario_placement_change": Access("r", "", "r", ""),
        "talent.scenario_box_transition": Access("r", "", "r", ""),
        "talent.scenario_pool_change": Access("r", "", "r", ""),
        "talent.scenario_successor_change": Access("r", "", "r", ""),
        "talent.scenario_indicator_change": Access("r", "", "r", ""),
        "talent.scenario_comparison": Access("r", "", "r", ""),
        // queue: the worker claims, heartbeats and completes (UPDATE); jobs are only added through queue.enqueue.
        "queue.job":                Access("rw", "", "", ""),
        "queue.queue":              Access("r", "", "", ""),
        "queue.worker":             Access("raw", "", "", ""),
        // the kinds that may be enqueued (sql/0018): registered by migrations and, through a function, workers.
        "queue.kind":               Access("r", "r", "r", ""),
        // schedules: the worker reads and fires them through functions; operators manage them through functions.
        "queue.schedule":           Access("r", "r", "r", ""),
        "queue.schedule_fire":      Access("", "r", "r", ""),
        // queue monitoring views.
        "queue.job_counts":         Access("", "r", "r", ""),
        "queue.queue_status":       Access("", "r", "r", ""),
        "queue.throughput":         Access("", "r", "r", ""),
        "queue.recent_failures":    Access("", "r", "r", ""),
        "queue.worker_status":      Access("", "r", "r", ""),
        "queue.job_status":         Access("", "r", "r", ""),
    ]

    /// Sequences with a grant. Every other sequence (identity columns need none) must have no grant.
    static let sequences: [String: Access] = [:]

    /// Every function, by its `regprocedure` text.
    static let functions: [String: Access] = [
        //                                               worker  enqueuer  reader  hr_writer
        "queue.enqueue(text,jsonb,text,timestamp with time zone,integer,integer,text)": Access("X", "X", "", ""),
        "queue.enqueue_many(text,jsonb[],text,timestamp with time zone,integer,integer,text[])":
            Access("X", "X", "", ""),
        "queue.insert_jobs(text,text,jsonb[],text,timestamp with time zone,integer,integer,text[])": none,
        "queue.cancel(bigint)":                          Access("", "X", "", ""),
        "queue.retry(bigint)":                           Access("", "X", "", ""),
        "queue.pause(text)":                             Access("", "X", "", ""),
        "queue.resume(text)":                            Access("", "X", "", ""),
        "queue.rescue_expired_leases(integer)":          Access("X", "", "", ""),
        "queue.prune(interval,interval,integer)":        Access("X", "", "", ""),
        "queue.notify_inserted()":                       none,
        // job kinds and cleanup health (sql/0018)
        "queue.register_kinds(text[],text)":             Access("X", "", "", ""),
        "queue.known_kind(text,text)":                   none,
        "queue.schedule_kind_known()":                   none,
        "queue.cleanup_health()":                        Access("X", "X", "X", ""),
        // schedules (sql/0005)
        "queue.is_time_zone(text)":                      none,
        "queue.cron_is_well_formed(text)":               none,
        "queue.schedule_replan()":                       none,
        "queue.schedule_job_key(text,timestamp with time zone)": none,
        "queue.render_schedule_payload(jsonb,timestamp with time zone,text,text)": none,
        "queue.add_schedule(text,text,text,text,jsonb,text,integer,integer,boolean,text)": Access("", "X", "", ""),
        "queue.remove_schedule(text)":                   Access("", "X", "", ""),
        "queue.set_schedule_enabled(text,boolean)":      Access("", "X", "", ""),
        "queue.plan_schedule(text,timestamp with time zone)": Access("X", "", "", ""),
        "queue.record_schedule_error(text,text)":        Access("X", "", "", ""),
        "queue.fire_schedule(text,timestamp with time zone,timestamp with time zone,timestamp with time zone,text)":
            Access("X", "", "", ""),
        // rule-set versions and result history (sql/0005): the migration owner's (talenta rules)
        "talent.enqueue_coalesced(text,jsonb,text)":     none,
        "talent.check_rule_set(jsonb)":                  none,
        "talent.check_rule_set_axes(jsonb)":             none,
        "talent.add_rule_set_version(jsonb)":            none,
        "talent.activate_rule_set(integer,text)":        none,
        "talent.keep_replaced_results()":                none,
        // rule sets as indicator axes (sql/0017): the converter of old-shape documents and its helpers
        "talent.rule_set_axes(jsonb)":                   none,
        "talent.percent(jsonb)":                         none,
        "talent.highest(jsonb,jsonb)":                   none,
        // event-driven recalculation (sql/0006): HR systems ask after a bulk load
        "hr.recalculation_deferred()":                   none,
        "hr.request_recalculation(bigint[])":            Access("", "", "", "X"),
        "hr.request_succession_planning()":              Access("", "", "", "X"),
        "hr.request_full_recalculation()":               Access("", "", "", "X"),
        "hr.recalculate_on_history_change()":            none,
        "hr.recalculate_on_employee_change()":           none,
        "hr.replan_on_position_change()":                none,
        // the hr tables' reference to hr.employee, checked per statement (sql/0024): trigger functions
        "hr.employee_row_tables()":                      none,
        "hr.check_employee_reference()":                 none,
        "hr.delete_employee_rows()":                     none,
        "hr.refuse_employee_id_change()":                none,
        // committee overrides (sql/0007): the migration owner's (talenta override)
        "talent.audit_override()":                       none,
        "talent.refuse_audit_change()":                  none,
        "talent.add_override(text,integer,text,text,integer,boolean,integer,text,text)": none,
        "talent.override_box(integer,text,integer,text,text)": none,
        "talent.override_pool(integer,text,boolean,text,text)": none,
        "talent.override_candidate_rank(integer,text,text,integer,text,text)": none,
        "talent.revoke_override(bigint,text,text)":      none,
        // the words of the explanation views (sql/0021): a view's reader needs EXECUTE on the functions it calls
        "talent.explanation_score(jsonb)":               Access("X", "", "X", ""),
        "talent.explanation_day(jsonb,integer)":         Access("X", "", "X", ""),
        "talent.explanation_window(jsonb)":              Access("X", "", "X", ""),
        "talent.explanation_levels(jsonb)":              Access("X", "", "X", ""),
        "talent.explanation_evidence(jsonb)":            Access("X", "", "X", ""),
        "talent.explanation_label(text)":                Access("X", "", "X", ""),
        "talent.explanation_flag(text)":                 Access("X", "", "X", ""),
        "talent.explanation_adjustment(jsonb)":          Access("X", "", "X", ""),
        "talent.explanation_adjustments(jsonb)":         Access("X", "", "X", ""),
        "talent.explanation_part(jsonb)":                Access("X", "", "X", ""),
        // what-if scenarios (sql/0022): dropping one is the migration owner's (talenta scenario drop)
        "talent.drop_scenario(integer,text)":            none,
        "talent.refuse_scenario_override()":             none,
    ]

    /// Functions a group role may execute that deliberately run with the caller's rights (the caller already holds
    /// every privilege their bodies use). Every other function granted to a group role must be SECURITY DEFINER.
    static let invokerRights: Set<String> = [
        "queue.rescue_expired_leases(integer)",
        // pure functions of their arguments (the words of sql/0021's views): they read no table.
        "talent.explanation_score(jsonb)", "talent.explanation_day(jsonb,integer)", "talent.explanation_window(jsonb)",
        "talent.explanation_levels(jsonb)", "talent.explanation_evidence(jsonb)", "talent.explanation_label(text)",
        "talent.explanation_flag(text)", "talent.explanation_adjustment(jsonb)",
        "talent.explanation_adjustments(jsonb)", "talent.explanation_part(jsonb)",
    ]
}
