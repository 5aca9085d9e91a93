import Foundation
import Reports
import TalentStore

/// The one-page profile an ASN can be given ("your box, what counted, what is missing"), filled from "why this box?".
enum ExplanationProfile {
    static func profile(_ e: EmployeeExplanation) -> EmployeeProfile {
        var position = e.positionCode ?? ""
        if let title = e.positionTitle, !title.isEmpty { position += " " + title }
        var opd = e.opdCode ?? ""
        if let name = e.opdName, !name.isEmpty { opd += " " + name }
        let axes = [e.kinerja, e.potensi].map { axis in
            EmployeeProfile.Axis(
                name: axis.axis, label: axis.axis == "KINERJA" ? "kinerja (performance)" : "potensi (potential)",
                score: axis.score.map { DecimalText.score($0) } ?? "", level: axis.level ?? "",
                indicators: e.indicators.filter { $0.axis == axis.axis }.map(indicator))
        }
        var flags = e.flags.map { EmployeeProfile.Flag(code: $0.code, words: $0.words) }
        if e.predatesIndicators {
            flags.append(EmployeeProfile.Flag(
                code: "EXPLANATION_V\(e.explanationVersion)",
                words: "stored before per-indicator explanations (migration 0017): the indicators are not shown; "
                    + "a recalculation writes them"))
        }
        return EmployeeProfile(
            year: e.year, referenceDate: e.referenceDate, nip: e.nip, name: e.name, position: position, opd: opd,
            box: e.box, bestBox: e.bestBox, notPlacedReason: e.box == nil ? (e.reason ?? "") : "", axes: axes,
            recommendations: e.recommendations, flags: flags, ruleSet: e.ruleSet,
            ruleSetNote: e.ruleSetProvenance ?? "", fingerprint: e.fingerprint)
    }

    /// What an indicator with no row shows on the page (the state badge beside it says the rest).
    static func shortNoRow(_ state: String) -> String {
        switch state {
        case "MISSING": return "no valid row"
        case "NO_RECORD": return "no row (none may be true)"
        default: return "no row: the normal case, nothing counts against it"
        }
    }

    static func indicator(_ i: EmployeeExplanation.Indicator) -> EmployeeProfile.Indicator {
        EmployeeProfile.Indicator(
            name: i.indicator, label: i.label ?? "", score: i.score.map { DecimalText.score($0) } ?? "",
            weight: NSDecimalNumber(decimal: i.weight).doubleValue,
            weighted: i.weighted.map { DecimalText.points($0) } ?? "", state: i.state, window: i.window ?? "",
            evidence: i.parts.isEmpty ? (i.evidence.isEmpty ? [shortNoRow(i.state)] : i.evidence) : i.parts,
            pointsAtStake: i.state == "PRESENT" ? nil : i.pointsAtStake.map { NSDecimalNumber(decimal: $0).doubleValue })
    }
}
