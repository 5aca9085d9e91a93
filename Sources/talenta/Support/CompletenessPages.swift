import Foundation
import Reports
import TalentStore

/// Kelengkapan data (data completeness) as the pages of `CompletenessHTML`: the city, then each OPD.
enum CompletenessPages {
    static func pages(year: Int, _ scopes: [CompletenessReader.Scope]) -> [CompletenessPage] {
        let opds = scopes.filter { $0.opdCode != nil }.count
        return scopes.map { scope in
            let rows = scope.indicators
            return CompletenessPage(
                year: year, opdCode: scope.opdCode,
                title: scope.opdCode == nil ? "The whole city, \(opds) OPD\(opds == 1 ? "" : "s")" : (scope.opdName ?? ""),
                ruleSet: scope.ruleSet, ruleSetNote: scope.ruleSetProvenance ?? "", employees: scope.employees,
                fullyComplete: scope.fullyComplete,
                indicators: rows.map { row in
                    CompletenessPage.Indicator(
                        axis: row.axis, indicator: row.indicator, label: row.label ?? "", present: row.present,
                        missing: row.missing, noRecord: row.noRecord, pointsAtStake: double(row.pointsAtStake ?? 0))
                },
                collectFirst: rows.filter { $0.collectOrder != nil }.sorted { $0.collectOrder! < $1.collectOrder! }
                    .map { row in
                        priority(row, employees: row.missing, points: row.missingPoints,
                                 action: "Collect: " + (row.label ?? row.indicator) + "; the chase list names who.")
                    },
                askNext: rows.filter { $0.confirmOrder != nil }.sorted { $0.confirmOrder! < $1.confirmOrder! }
                    .map { row in
                        priority(row, employees: row.noRecord, points: row.noRecordPoints,
                                 action: "Ask about records of " + (row.label ?? row.indicator) + " not yet in the HR data.")
                    },
                withMissing: scope.withMissing, boxCanChange: scope.boxCanChange)
        }
    }

    /// An entry of a ranked list: `employees` without data, `points` at stake summed over them.
    static func priority(_ row: CompletenessReader.IndicatorSummary, employees: Int, points: Decimal, action: String)
        -> CompletenessPage.Priority
    {
        CompletenessPage.Priority(
            axis: row.axis, indicator: row.indicator, employees: employees,
            pointsAtStake: employees == 0 ? 0 : double(points) / Double(employees), priority: double(points),
            action: action)
    }

    static func double(_ value: Decimal) -> Double { NSDecimalNumber(decimal: value).doubleValue }
}
