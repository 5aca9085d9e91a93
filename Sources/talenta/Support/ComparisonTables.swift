import Interchange
import Talent
import TalentStore

/// A scenario comparison as tables, for `talenta scenario compare --out FILE.csv|FILE.xlsx`. The CSV file is
/// ``transitions(_:)`` alone; the workbook holds every table, one worksheet each. NIPs, codes and numbers only: no
/// names.
enum ComparisonTables {
    /// The worksheets, in tab order: transitions, summary, opd_transitions, pool, successors, indicators, sides.
    static func tables(_ comparison: ScenarioComparison) -> [ResultTable] {
        [transitions(comparison), summary(comparison), opdTransitions(comparison), pool(comparison),
         successors(comparison), indicators(comparison), sides(comparison)]
    }

    /// The two sides compared: `from` (the base) and `to` (the scenario), each with its review, rule set, the rule
    /// set's provenance (the BKN 411/2025 preset: reconstructed, not checked against the Lampiran) and D.
    static func sides(_ comparison: ScenarioComparison) -> ResultTable {
        ResultTable(name: "sides", columns: [
            .init("side", .text), .init("review", .text), .init("rule_set", .text), .init("provenance", .text),
            .init("reference_date", .text),
        ], rows: [("from", comparison.base), ("to", comparison.scenario)].map { side, period in
            [side, period.label, period.ruleSetID, period.provenance ?? "", period.referenceDate.description]
        })
    }

    /// One row per (from_box, to_box) pair of the headline scope (the city, or the one OPD asked for), all 100 of
    /// them: boxes 1 … 9, empty for not placed (BELUM_TERPETAKAN), from the base, to the scenario.
    static func transitions(_ comparison: ScenarioComparison) -> ResultTable {
        let matrix = comparison.matrix
        var rows = [[String]]()
        for (from, fromBox) in ScenarioComparison.boxes.enumerated() {
            for (to, toBox) in ScenarioComparison.boxes.enumerated() {
                rows.append([box(fromBox), box(toBox), String(matrix[from][to])])
            }
        }
        return ResultTable(name: "transitions", columns: [
            .init("from_box", .integer), .init("to_box", .integer), .init("employees", .integer),
        ], rows: rows)
    }

    /// The headline counts: the city (or the one OPD) first, then each OPD.
    static func summary(_ comparison: ScenarioComparison) -> ResultTable {
        ResultTable(name: "summary", columns: [
            .init("opd_code", .code), .init("opd_name", .text), .init("employees", .integer),
            .init("box_changed", .integer), .init("pool_gained", .integer), .init("pool_lost", .integer),
            .init("successors_changed", .integer),
        ], rows: comparison.totals.map { t in
            [t.opdCode ?? "", t.opdName ?? "", String(t.employees), String(t.boxChanged), String(t.poolGained),
             String(t.poolLost), String(t.successorsChanged)]
        })
    }

    /// The transitions of each OPD, the pairs with anyone in them.
    static func opdTransitions(_ comparison: ScenarioComparison) -> ResultTable {
        ResultTable(name: "opd_transitions", columns: [
            .init("opd_code", .code), .init("from_box", .integer), .init("to_box", .integer),
            .init("employees", .integer),
        ], rows: comparison.transitions.compactMap { t in
            t.opdCode.map { [$0, box(t.fromBox), box(t.toBox), String(t.employees)] }
        })
    }

    /// Talent pool members gained and lost.
    static func pool(_ comparison: ScenarioComparison) -> ResultTable {
        ResultTable(name: "pool", columns: [
            .init("nip", .code), .init("opd_code", .code), .init("target_level", .text), .init("change", .text),
            .init("from_box", .integer), .init("to_box", .integer), .init("from_blockers", .text),
            .init("to_blockers", .text),
        ], rows: comparison.poolChanges.map { c in
            [c.nip, c.opdCode, c.targetLevel, c.gained ? "GAINED" : "LOST", box(c.fromBox), box(c.toBox),
             c.fromBlockers.joined(separator: ";"), c.toBlockers.joined(separator: ";")]
        })
    }

    /// Target positions whose designated successor changes.
    static func successors(_ comparison: ScenarioComparison) -> ResultTable {
        ResultTable(name: "successors", columns: [
            .init("position_code", .code), .init("opd_code", .code), .init("change", .text), .init("from_nip", .code),
            .init("from_readiness", .text), .init("to_nip", .code), .init("to_readiness", .text),
        ], rows: comparison.successorChanges.map { c in
            [c.positionCode, c.opdCode, c.change, c.fromNIP ?? "", c.fromReadiness ?? "", c.toNIP ?? "",
             c.toReadiness ?? ""]
        })
    }

    /// Each indicator's mean on both sides, city-wide (empty opd_code) then per OPD; a side whose rule set lacks the
    /// indicator is empty.
    static func indicators(_ comparison: ScenarioComparison) -> ResultTable {
        ResultTable(name: "indicators", columns: [
            .init("opd_code", .code), .init("axis", .text), .init("indicator", .text), .init("from_scored", .integer),
            .init("from_mean_score", .decimal(places: 2)), .init("from_mean_weighted", .decimal(places: 4)),
            .init("to_scored", .integer), .init("to_mean_score", .decimal(places: 2)),
            .init("to_mean_weighted", .decimal(places: 4)), .init("mean_score_change", .decimal(places: 2)),
            .init("mean_weighted_change", .decimal(places: 4)),
        ], rows: comparison.indicatorChanges.map { i in
            [i.opdCode ?? "", i.axis, i.indicator, i.fromScored.map(String.init) ?? "", i.fromMeanScore ?? "",
             i.fromMeanWeighted ?? "", i.toScored.map(String.init) ?? "", i.toMeanScore ?? "", i.toMeanWeighted ?? "",
             i.meanScoreChange ?? "", i.meanWeightedChange ?? ""]
        })
    }

    private static func box(_ box: Int?) -> String { box.map(String.init) ?? "" }
}
