/// The wake-up channel: the statement-level trigger `job_notify_inserted` sends `NOTIFY talenta_jobs, '<queue name>'`
/// once per INSERT statement and queue when it adds jobs that are due now (and `queue.retry`, `queue.resume`,
/// `queue.rescue_expired_leases` and a shutdown's lease release notify the queues they make claimable); workers
/// LISTEN on it and claim at once instead of waiting for the next poll.
public enum JobNotifications {
    /// The channel name.
    public static let channel = "talenta_jobs"
}
