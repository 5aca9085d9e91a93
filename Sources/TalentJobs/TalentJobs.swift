public import JobQueue

/// The talent job kinds the worker runs, each with a stable name and a JSON payload (see docs/sql-api.md, Job kinds):
///
/// | kind | payload |
/// |---|---|
/// | `annual_review` | `{"year": 2026, "reference_date": "2026-03-31", "rule_set": "permenpanrb-3-2020/default@1", "scenario": "preset"}` (rule_set and scenario optional) |
/// | `assessment` | `{"period_id": 1, "employee_ids": [1, 2], "run_id": 1, "batch": 1}` (run_id and batch optional) |
/// | `recalculation` | `{"year": 2026, "scope": {"nip": "…"}}`, `{"year": 2026, "scope": {"opd": "DISKOMINFO"}}` or `{"year": 2026, "scope": "everyone"}`, each with an optional `"scenario": "NAME"` |
/// | `succession_planning` | `{"period_id": 1}` |
public enum TalentJobs {
    /// Registers the handlers of `annual_review`, `assessment`, `recalculation` and `succession_planning`.
    public static func register(into registry: inout JobRegistry) {
        registry.register(AnnualReviewJob.kind, handler: AnnualReviewJob.run)
        registry.register(AssessmentJob.kind, handler: AssessmentJob.run)
        registry.register(RecalculationJob.kind, handler: RecalculationJob.run)
        registry.register(SuccessionPlanningJob.kind, handler: SuccessionPlanningJob.run)
    }
}
