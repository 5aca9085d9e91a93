/// The wake-up channel: `queue.enqueue` sends `NOTIFY talenta_jobs, '<queue name>'` when it adds a job that is due
/// now (identical notifications within one transaction arrive once); workers LISTEN on it and claim at once instead
/// of waiting for the next poll.
public enum JobNotifications {
    /// The channel name used by `queue.enqueue`.
    public static let channel = "talenta_jobs"
}
