import JobQueue
import Talent
import TalentStore

/// Turns the failures that no retry can fix into `PermanentJobError` (the job is discarded at once with the reason
/// on its row): data the request names that does not exist, stored values the rules cannot read, a rule set that
/// does not fit the positions. Database errors pass through and are retried.
enum Permanent {
    static func guarding<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as StoreError {
            throw PermanentJobError(error.message)
        } catch let error as EngineError {
            throw PermanentJobError(error.description)
        }
    }
}
