import JobQueue
import TalentJobs

/// The handlers of the `talenta worker` process: the built-in `noop` and `prune` kinds plus every talent kind.
enum JobHandlers {
    static func registry() -> JobRegistry {
        var registry = JobRegistry()
        NoopJob.register(into: &registry)
        PruneJob.register(into: &registry)
        TalentJobs.register(into: &registry)
        return registry
    }
}
