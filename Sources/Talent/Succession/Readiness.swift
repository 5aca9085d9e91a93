/// A gap with its size: steps of golongan, years at level, rungs of leadership training, education ranks, or years
/// of age over the maximum.
public struct GapDetail: Hashable, Codable, Sendable {
    public var gap: Gap
    /// How far short (always ≥ 1).
    public var shortfall: Int

    public init(gap: Gap, shortfall: Int) {
        self.gap = gap
        self.shortfall = shortfall
    }
}

extension Readiness {
    /// A candidate's gaps against the requirements of `level` (DOMAIN.md §8), in order: EDUCATION (highest education
    /// below the minimum; none counts as below), GOLONGAN (ordinal below the minimum), MASA_JABATAN (full years at the
    /// current level below the requirement), PELATIHAN (best leadership rung below the required one; none is rung 0),
    /// USIA (age at D above the maximum, when the level has one).
    public static func gaps(_ facts: CandidateFacts, level: StructuralLevel, context: ReviewContext,
                            rules: RuleSet) -> [GapDetail] {
        let requirement = rules.requirement(level)
        let day = context.referenceDate
        var gaps: [GapDetail] = []
        let education = facts.highestEducation?.rank ?? 0
        if education < requirement.minimumEducation.rank {
            gaps.append(GapDetail(gap: .education, shortfall: requirement.minimumEducation.rank - education))
        }
        if facts.golongan.ordinal < requirement.minimumGolongan.ordinal {
            gaps.append(GapDetail(gap: .golongan, shortfall: requirement.minimumGolongan.ordinal - facts.golongan.ordinal))
        }
        let years = CivilDate.fullYears(from: facts.positionSince, to: day)
        if years < requirement.yearsAtLevel {
            gaps.append(GapDetail(gap: .masaJabatan, shortfall: requirement.yearsAtLevel - years))
        }
        let rung = facts.bestLeadership?.rung ?? 0
        if rung < requirement.leadershipTraining.rung {
            gaps.append(GapDetail(gap: .pelatihan, shortfall: requirement.leadershipTraining.rung - rung))
        }
        if let maximum = requirement.maximumAge {
            let age = CivilDate.fullYears(from: facts.birthDate, to: day)
            if age > maximum { gaps.append(GapDetail(gap: .usia, shortfall: age - maximum)) }
        }
        return gaps
    }

    /// Readiness from the gaps that count (all but `gapsIgnoredForReadiness`, by default PELATIHAN, which is taken after
    /// appointment): none, SIAP_SEKARANG; each one closable within 2 years (GOLONGAN at most `closableGolonganSteps`
    /// short, MASA_JABATAN at most `closableYearsAtLevel` short), SIAP_1_2_TAHUN; otherwise (EDUCATION, USIA, any other
    /// counted gap, or a larger shortfall) SIAP_3_TAHUN_LEBIH.
    public static func readiness(_ gaps: [GapDetail], rules: SuccessionRules) -> Readiness {
        let counted = gaps.filter { !rules.gapsIgnoredForReadiness.contains($0.gap) }
        if counted.isEmpty { return .siapSekarang }
        let closable = counted.allSatisfy { detail in
            switch detail.gap {
            case .golongan: return detail.shortfall <= rules.closableGolonganSteps
            case .masaJabatan: return detail.shortfall <= rules.closableYearsAtLevel
            case .education, .pelatihan, .usia: return false
            }
        }
        return closable ? .siap1_2Tahun : .siap3TahunLebih
    }
}
