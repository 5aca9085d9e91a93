import Talent

extension Golongan {
    /// The ordinal a new PNS/CPNS starts at, or the PPPK grade, for an education level (PP 11/2017; PermenPANRB
    /// 72/2020). The city writes only SMA, D3, S1, S2 and S3; S3 starts as S2 does.
    static func entryOrdinal(for education: EducationLevel) -> Int {
        switch education {
        case .sd: 1
        case .smp: 3
        case .sma, .d1, .d2: 5
        case .d3: 7
        case .d4, .s1: 9
        case .s2, .s3: 10
        }
    }
}
