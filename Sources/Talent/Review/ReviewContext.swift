/// The review's time frame: year Y and reference date D (tanggal acuan). Y is always D's year (DOMAIN.md, Words).
/// The rules never read a clock; this is their only "today".
public struct ReviewContext: Hashable, Codable, Sendable {
    /// D.
    public let referenceDate: CivilDate

    /// Y = D's year.
    public var year: Int { referenceDate.year }

    public init(referenceDate: CivilDate) {
        self.referenceDate = referenceDate
    }
}
