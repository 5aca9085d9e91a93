public import JobQueue

/// The talent job kinds (assessment batches, talent pool, succession planning) that the worker runs.
///
/// Placeholder of the foundation issue: the entry point exists so the `talenta worker` command already builds its
/// registry through it; the talent issue fills in the kinds.
public enum TalentJobs {
    /// Registers every talent job kind's handler into `registry`. Registers none yet.
    public static func register(into registry: inout JobRegistry) {}
}
