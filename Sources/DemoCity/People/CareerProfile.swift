import Talent

/// What is typical for the holders of one position level: age, golongan band, minimum service before reaching the
/// level, and education. Values are plausible for an Indonesian city, not regulation.
struct CareerProfile {
    /// Age in full years at the reference date, for PNS holders.
    let ages: ClosedRange<Int>
    /// Golongan ordinals (1 … 17) a PNS at this level usually holds.
    let golongan: ClosedRange<Int>
    /// Years of service before reaching this level.
    let minService: Int
    /// Highest education, with weights.
    let education: [(EducationLevel, Int)]

    static func of(_ position: Position) -> CareerProfile {
        switch (position.kind, position.jenjang) {
        case (.jptPratama, _): CareerProfile(ages: 46...58, golongan: 14...16, minService: 16, education: [(.s1, 28), (.s2, 65), (.s3, 7)])
        case (.administrator, _): CareerProfile(ages: 38...56, golongan: 12...14, minService: 10, education: [(.s1, 50), (.s2, 50)])
        case (.pengawas, _): CareerProfile(ages: 31...56, golongan: 10...13, minService: 5, education: [(.d3, 13), (.s1, 70), (.s2, 17)])
        case (.pelaksana, _):
            CareerProfile(ages: 22...56, golongan: 5...12, minService: 1, education: pelaksanaEducation(position.family?.pelaksanaEducation ?? .sma))
        case (_, .pemula?): CareerProfile(ages: 21...40, golongan: 5...6, minService: 1, education: [(.sma, 80), (.d3, 20)])
        case (_, .terampil?): CareerProfile(ages: 23...52, golongan: 6...8, minService: 1, education: [(.d3, 75), (.s1, 20), (.sma, 5)])
        case (_, .mahir?): CareerProfile(ages: 29...55, golongan: 9...10, minService: 5, education: [(.d3, 70), (.s1, 30)])
        case (_, .penyelia?): CareerProfile(ages: 36...56, golongan: 11...12, minService: 12, education: [(.d3, 60), (.s1, 40)])
        case (_, .ahliPertama?): CareerProfile(ages: 24...48, golongan: 9...10, minService: 1, education: [(.s1, 92), (.s2, 8)])
        case (_, .ahliMuda?): CareerProfile(ages: 31...56, golongan: 11...12, minService: 7, education: [(.s1, 74), (.s2, 26)])
        case (_, .ahliMadya?): CareerProfile(ages: 41...58, golongan: 13...15, minService: 14, education: [(.s1, 50), (.s2, 45), (.s3, 5)])
        case (_, .ahliUtama?): CareerProfile(ages: 52...63, golongan: 16...17, minService: 22, education: [(.s2, 70), (.s3, 30)])
        case (.fungsional, nil): CareerProfile(ages: 24...55, golongan: 9...12, minService: 1, education: [(.s1, 100)])
        }
    }

    private static func pelaksanaEducation(_ usual: EducationLevel) -> [(EducationLevel, Int)] {
        switch usual {
        case .sma: [(.sma, 65), (.d3, 15), (.s1, 20)]
        case .d3: [(.sma, 15), (.d3, 60), (.s1, 25)]
        default: [(.d3, 10), (.s1, 85), (.s2, 5)]
        }
    }
}
