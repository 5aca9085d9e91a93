import Foundation
import TalentStore

/// `talenta explain` as text for an HR officer at BKPSDM: the box and both axes, every indicator with its score,
/// weight, data state, window and the rows it came from, what is missing, the flags and the rows left out in words,
/// the pool screens, and the rule set and fingerprint that identify the result. Indonesian domain words carry their
/// English beside them the first time.
enum ExplanationText {
    static func render(_ e: EmployeeExplanation) -> String {
        var lines = header(e)
        lines.append("")
        lines += placement(e)
        if e.predatesIndicators {
            lines.append("")
            lines += predatesIndicators(e)
        }
        for axis in [e.kinerja, e.potensi] {
            lines.append("")
            lines += self.axis(axis, indicators: e.indicators.filter { $0.axis == axis.axis })
        }
        if !e.predatesIndicators {
            lines.append("")
            lines += missing(e)
        }
        lines.append("")
        lines += listed("Flags (tanda)", e.flags.map { "\($0.code): \($0.words)" })
        lines += listed("Rows left out of the computation", e.leftOut)
        lines.append("")
        lines += pool(e)
        lines.append("")
        lines += footer(e)
        return lines.joined(separator: "\n") + "\n"
    }

    static func header(_ e: EmployeeExplanation) -> [String] {
        var lines = ["Why this box? Talent review (manajemen talenta) \(e.year), NIP \(e.nip) (employee id \(e.employeeId))"]
        if let name = e.name { lines.append("Name: \(name)") }
        var position = "Position (jabatan) " + (e.positionCode ?? "unknown")
        if let title = e.positionTitle, !title.isEmpty { position += " \(title)" }
        if let kind = e.positionKind { position += " (\(kind)\(e.positionJenjang.map { " \($0)" } ?? ""))" }
        if let opd = e.opdCode { position += ", OPD \(opd)" + (e.opdName.map { $0.isEmpty ? "" : " \($0)" } ?? "") }
        lines.append(position)
        lines.append("Assessed against the target level \(e.targetLevel) (the next step up)")
        return lines
    }

    static func placement(_ e: EmployeeExplanation) -> [String] {
        var lines = [String]()
        if let box = e.box {
            lines.append("Box (kotak) \(box): kinerja (performance) \(e.kinerja.level ?? "–"), potensi (potential) "
                + (e.potensi.level ?? "–"))
            if !e.recommendations.isEmpty {
                lines.append("Recommended follow-up (rekomendasi): " + e.recommendations.joined(separator: ", "))
            }
        } else {
            lines.append("No box: " + (e.reason ?? "not placed (belum terpetakan)"))
        }
        if let best = e.bestBox {
            if e.box == nil {
                lines.append("With the missing data at their best (an SKP year included), the box would be kotak \(best).")
            } else if best == e.box {
                lines.append("The missing data cannot change the box: at their best it stays kotak \(best).")
            } else {
                lines.append("Best box reachable if the missing data scored their best: kotak \(best).")
            }
        }
        return lines
    }

    static func predatesIndicators(_ e: EmployeeExplanation) -> [String] {
        [
            "This result was stored before per-indicator explanations (explanation version \(e.explanationVersion), "
                + "before migration 0017):",
            "its box, axis scores, levels, flags and pool screens are shown below; its indicators are not stored.",
            "A recalculation writes them (it re-assesses from today's HR data): SELECT queue.enqueue('recalculation', "
                + "'{\"year\": \(e.year), \"scope\": {\"nip\": \"\(e.nip)\"}}');",
        ]
    }

    /// The three levels of an axis, high first.
    static func levels(of axis: String) -> [String] {
        axis == "KINERJA" ? ["ATAS", "SESUAI", "BAWAH"] : ["TINGGI", "MENENGAH", "RENDAH"]
    }

    static func title(of axis: String) -> String {
        axis == "KINERJA" ? "KINERJA (performance)" : "POTENSI (potential)"
    }

    static func axis(_ axis: EmployeeExplanation.Axis, indicators: [EmployeeExplanation.Indicator]) -> [String] {
        let names = levels(of: axis.axis)
        var line = title(of: axis.axis) + ": "
        if let score = axis.score {
            line += "score \(DecimalText.score(score)), level \(axis.level ?? "–")"
        } else {
            line += "no score (not placed)"
        }
        if let high = axis.highMinimum, let middle = axis.middleMinimum {
            line += " (\(names[0]) from \(DecimalText.score(high)), \(names[1]) from \(DecimalText.score(middle)), "
                + "\(names[2]) below)"
        }
        var lines = [line]
        if let fromScore = axis.levelFromScore, fromScore != axis.level {
            lines.append("  The score alone gives \(fromScore); " + axis.adjustments.joined(separator: "; ") + ".")
        } else if !axis.adjustments.isEmpty {
            lines.append("  Applied: " + axis.adjustments.joined(separator: "; ") + ".")
        }
        if let weightCase = axis.weightCase {
            lines.append("  Weights of the case \(weightCase): an indicator without a value carries none.")
        }
        for indicator in indicators { lines += self.indicator(indicator) }
        return lines
    }

    static func indicator(_ i: EmployeeExplanation.Indicator) -> [String] {
        var lines = ["  \(i.indicator)" + (i.label.map { ": \($0)" } ?? "")]
        var figures = "    "
        if let score = i.score {
            figures += "\(DecimalText.score(score)) × \(DecimalText.weight(i.weight))% = \(DecimalText.points(i.weighted))"
        } else {
            figures += "no value, weight \(DecimalText.weight(i.weight))%"
        }
        figures += " · data \(i.state)" + (i.flag.map { " (\($0))" } ?? "")
        if let window = i.window { figures += " · \(window)" }
        lines.append(figures)
        if !i.parts.isEmpty {
            lines.append("    made of:")
            lines += i.parts.map { "      - \($0)" }
        } else if i.evidence.isEmpty {
            lines.append("    from: " + noRow(i.state))
        } else {
            lines += i.evidence.enumerated().map { ($0.offset == 0 ? "    from: " : "          ") + $0.element }
        }
        return lines
    }

    /// What an indicator with no row shows, by its state.
    static func noRow(_ state: String) -> String {
        switch state {
        case "MISSING": return "no valid row in the window (data missing)"
        case "NO_RECORD": return "no row in the window (none may be true)"
        default: return "no row in the window: the normal case, nothing counts against it"
        }
    }

    /// The indicators without data, the most points at stake first (ties in the rule set's order).
    static func missing(_ e: EmployeeExplanation) -> [String] {
        let gaps = e.indicators.enumerated().filter { $0.element.state != "PRESENT" }.sorted {
            let (left, right) = ($0.element.pointsAtStake ?? 0, $1.element.pointsAtStake ?? 0)
            return left != right ? left > right : $0.offset < $1.offset
        }.map(\.element)
        guard !gaps.isEmpty else { return ["What is missing: nothing, every indicator has data."] }
        var lines = ["What is missing (kelengkapan data, data completeness), the most points at stake first:"]
        for gap in gaps {
            var line = "  \(gap.indicator) (\(gap.axis)): " + (gap.state == "MISSING" ? "missing" : "no record")
            if !gap.incompleteParts.isEmpty { line += " in " + gap.incompleteParts.joined(separator: ", ") }
            if gap.state == "NO_RECORD" { line += " (none may be true)" }
            if let points = gap.pointsAtStake { line += ", \(DecimalText.score(points)) points at stake" }
            if let label = gap.label { line += "; \(label)" }
            if let window = gap.window { line += ", \(window)" }
            lines.append(line)
        }
        return lines
    }

    static func listed(_ title: String, _ items: [String]) -> [String] {
        items.isEmpty ? ["\(title): none."] : ["\(title):"] + items.map { "  \($0)" }
    }

    static func pool(_ e: EmployeeExplanation) -> [String] {
        let title = "Talent pool (kelompok rencana suksesi, KRS instansi)"
        if e.pool.member {
            return ["\(title): member" + (e.pool.krsNasional ? ", and a candidate for the national pool (KRS nasional)." : ".")]
        }
        return ["\(title): not a member:"] + e.pool.blockers.map { "  \($0)" }
    }

    static func footer(_ e: EmployeeExplanation) -> [String] {
        var lines = ["Rule set \(e.ruleSet)" + (e.ruleSetProvenance.map { " (\($0))" } ?? "")]
        lines.append("Reference date (tanggal acuan, D) \(e.referenceDate); inputs fingerprint \(e.fingerprint)")
        return lines
    }
}
