import Foundation
import Interchange
import TalentStore

/// Kelengkapan data (data completeness) as tables, for `talenta completeness --out FILE.csv|FILE.xlsx`.
enum CompletenessTables {
    /// One row per employee and indicator: what the CSV holds (the first worksheet of the workbook).
    static func states(_ rows: [CompletenessReader.IndicatorState]) -> ResultTable {
        ResultTable(name: "completeness", columns: [
            .init("nip", .code), .init("opd_code", .code), .init("position_code", .code), .init("axis", .text),
            .init("indicator", .text), .init("state", .text), .init("score", .decimal(places: 2)),
            .init("weight", .integer), .init("best", .decimal(places: 2)),
            .init("points_at_stake", .decimal(places: 4)),
        ], rows: rows.lazy.map { row in
            [row.nip, row.opdCode, row.positionCode, row.axis, row.indicator, row.state,
             row.score.map { DecimalText.fixed($0, places: 2) } ?? "", DecimalText.weight(row.weight),
             DecimalText.fixed(row.best, places: 2), DecimalText.fixed(row.pointsAtStake, places: 4)]
        })
    }

    /// Per indicator, the city then each OPD: counts per state, complete share, points at stake, the order to collect.
    static func indicators(_ scopes: [CompletenessReader.Scope]) -> ResultTable {
        ResultTable(name: "indicators", columns: [
            .init("opd_code", .code), .init("axis", .text), .init("indicator", .text), .init("employees", .integer),
            .init("present", .integer), .init("missing", .integer), .init("no_record", .integer),
            .init("complete_percent", .decimal(places: 1)), .init("points_at_stake", .decimal(places: 4)),
            .init("missing_points", .decimal(places: 4)), .init("collect_order", .integer),
            .init("no_record_points", .decimal(places: 4)), .init("confirm_order", .integer),
        ], rows: scopes.flatMap { scope in
            scope.indicators.map { row in
                [scope.opdCode ?? "", row.axis, row.indicator, String(row.employees), String(row.present),
                 String(row.missing), String(row.noRecord),
                 row.employees == 0 ? "" : String(format: "%.1f", Double(row.present) * 100 / Double(row.employees)),
                 row.pointsAtStake.map { DecimalText.fixed($0, places: 4) } ?? "",
                 DecimalText.fixed(row.missingPoints, places: 4), row.collectOrder.map(String.init) ?? "",
                 DecimalText.fixed(row.noRecordPoints, places: 4), row.confirmOrder.map(String.init) ?? ""]
            }
        })
    }

    /// One row per scope: the city (empty opd_code), then each OPD.
    static func opds(_ scopes: [CompletenessReader.Scope]) -> ResultTable {
        ResultTable(name: "opds", columns: [
            .init("opd_code", .code), .init("opd_name", .text), .init("employees", .integer),
            .init("fully_complete", .integer), .init("with_missing", .integer), .init("not_placed", .integer),
            .init("box_can_change", .integer), .init("rule_set", .text),
        ], rows: scopes.map { scope in
            [scope.opdCode ?? "", scope.opdName ?? "", String(scope.employees), String(scope.fullyComplete),
             String(scope.withMissing), String(scope.notPlaced), String(scope.boxCanChange), scope.ruleSet]
        })
    }

    /// The chase list: one row per employee with data missing, with name and position. Personal data.
    static func chase(_ entries: [CompletenessReader.ChaseEntry]) -> ResultTable {
        ResultTable(name: "chase", columns: [
            .init("opd_code", .code), .init("nip", .code), .init("name", .text), .init("position_code", .code),
            .init("position_title", .text), .init("status", .text), .init("box", .integer), .init("best_box", .integer),
            .init("missing", .text), .init("no_record", .text), .init("kinerja_points_at_stake", .decimal(places: 4)),
            .init("potensi_points_at_stake", .decimal(places: 4)),
        ], rows: entries.map { entry in
            [entry.opdCode, entry.nip, entry.name, entry.positionCode, entry.positionTitle, entry.status,
             entry.box.map(String.init) ?? "", entry.bestBox.map(String.init) ?? "",
             entry.missing.joined(separator: ";"), entry.noRecord.joined(separator: ";"),
             DecimalText.fixed(entry.kinerjaPointsAtStake, places: 4),
             DecimalText.fixed(entry.potensiPointsAtStake, places: 4)]
        })
    }
}
