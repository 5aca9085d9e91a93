/// Education level (jenjang pendidikan), DOMAIN.md: SD < SMP < SMA < D1 < D2 < D3 < D4 = S1 < S2 < S3.
/// D4 and S1 are equal everywhere: compare with `rank`, never with the case.
public enum EducationLevel: String, CaseIterable, Codable, Sendable, CodingKeyRepresentable {
    case sd = "SD"
    case smp = "SMP"
    case sma = "SMA"
    case d1 = "D1"
    case d2 = "D2"
    case d3 = "D3"
    case d4 = "D4"
    case s1 = "S1"
    case s2 = "S2"
    case s3 = "S3"

    /// Position in the education order, 1 (SD) … 9 (S3); D4 and S1 share 7.
    public var rank: Int {
        switch self {
        case .sd: return 1
        case .smp: return 2
        case .sma: return 3
        case .d1: return 4
        case .d2: return 5
        case .d3: return 6
        case .d4, .s1: return 7
        case .s2: return 8
        case .s3: return 9
        }
    }
}
