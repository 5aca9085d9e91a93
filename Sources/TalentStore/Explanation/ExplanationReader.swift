import Foundation
public import Postgres

/// Reads "why this box?" of one employee from the views `talent.explanation` and `talent.explanation_indicator`
/// (sql/0021), which a `talenta_reader` login may read; the name only on request, from `hr.employee`.
public enum ExplanationReader {
    /// The explanation of the employee with `nip` in year Y's review.
    /// - Parameters:
    ///   - year: Y; its period is the one `talent.review_periods` shows for the year.
    ///   - nip: the 18-digit NIP.
    ///   - withName: also read the employee's name from `hr.employee` (personal data: the worker's or the owner's
    ///     login; a `talenta_reader` login gets the server's 42501).
    /// - Returns: the explanation; its `indicators` are empty for a result stored before migration 0017.
    /// - Throws: `StoreError` `.notFound` when Y has no review period or the NIP has no result in it;
    ///   `.invalidStoredValue` for a number the views give that is not a decimal; `PostgresError` (42501 for a name
    ///   asked for by a login that may not read hr).
    public static func read(year: Int, nip: String, withName: Bool, on connection: Connection) throws
        -> EmployeeExplanation
    {
        guard let period = try connection.execute(
            "SELECT period_id FROM talent.review_periods WHERE year = $1::integer", [year],
            name: "talent.explain_period").rows.first
        else { throw StoreError(.notFound, "there is no review period for \(year)") }
        let periodID = try period.decode("period_id", as: Int64.self)
        guard let row = try connection.execute("""
            SELECT year, period_id, reference_date::text AS reference_date, nip, employee_id, position_code,
                   position_title, position_kind, position_jenjang, opd_code, opd_name, target_level, status,
                   CASE WHEN reason IS NOT NULL THEN talent.explanation_flag(reason) END AS reason, box, best_box,
                   recommendations, kinerja_score, kinerja_level, kinerja_level_from_score, kinerja_high_minimum,
                   kinerja_middle_minimum, kinerja_weight_case, kinerja_adjustments, potensi_score, potensi_level,
                   potensi_level_from_score, potensi_high_minimum, potensi_middle_minimum, potensi_weight_case,
                   potensi_adjustments, flags, flag_words, left_out, pool_member, krs_nasional, pool_blockers,
                   rule_set, rule_set_provenance, inputs_fingerprint, explanation_version
              FROM talent.explanation
             WHERE period_id = $1 AND nip = $2
            """, [periodID, nip], name: "talent.explain_result").rows.first
        else {
            throw StoreError(.notFound, "NIP \(nip) has no result in the \(year) review (no such employee, not "
                + "assessed (e.g. PENSIUN, BERHENTI), or added after the review and not yet recalculated)")
        }
        let employeeID = try row.decode("employee_id", as: Int64.self)
        let flags = try row.decode("flags", as: [String].self)
        let flagWords = try row.decode("flag_words", as: [String].self)
        var explanation = EmployeeExplanation(
            year: try row.decode("year"), periodId: periodID, referenceDate: try row.decode("reference_date"),
            nip: try row.decode("nip"), employeeId: employeeID, name: nil,
            positionCode: try row.decode("position_code"), positionTitle: try row.decode("position_title"),
            positionKind: try row.decode("position_kind"), positionJenjang: try row.decode("position_jenjang"),
            opdCode: try row.decode("opd_code"), opdName: try row.decode("opd_name"),
            targetLevel: try row.decode("target_level"), status: try row.decode("status"),
            reason: try row.decode("reason"), box: try row.decode("box"), bestBox: try row.decode("best_box"),
            recommendations: try row.decode("recommendations"),
            kinerja: try axis("KINERJA", prefix: "kinerja", of: row),
            potensi: try axis("POTENSI", prefix: "potensi", of: row),
            indicators: [],
            flags: zip(flags, flagWords).map { code, words in
                EmployeeExplanation.Flag(code: code, words: words.hasPrefix(code + ": ")
                    ? String(words.dropFirst(code.count + 2)) : words)
            },
            leftOut: try row.decode("left_out"),
            pool: .init(member: try row.decode("pool_member"), krsNasional: try row.decode("krs_nasional"),
                        blockers: try row.decode("pool_blockers")),
            ruleSet: try row.decode("rule_set"), ruleSetProvenance: try row.decode("rule_set_provenance"),
            fingerprint: try row.decode("inputs_fingerprint"), explanationVersion: try row.decode("explanation_version"))
        explanation.indicators = try connection.execute("""
            SELECT axis, indicator, label, score, weight, weighted, state, best, points_at_stake, flag, window_text,
                   evidence, parts, incomplete_parts
              FROM talent.explanation_indicator
             WHERE period_id = $1 AND employee_id = $2
             ORDER BY ordinal
            """, [periodID, employeeID], name: "talent.explain_indicators").rows.map { row in
            EmployeeExplanation.Indicator(
                axis: try row.decode("axis"), indicator: try row.decode("indicator"), label: try row.decode("label"),
                score: try decimal("score", of: row), weight: try decimal("weight", of: row) ?? 0,
                weighted: try decimal("weighted", of: row), state: try row.decode("state"),
                best: try decimal("best", of: row) ?? 0, pointsAtStake: try decimal("points_at_stake", of: row),
                flag: try row.decode("flag"),
                window: try row.decode("window_text"), evidence: try row.decode("evidence"),
                parts: try row.decode("parts"), incompleteParts: try row.decode("incomplete_parts"))
        }
        if withName {
            explanation.name = try connection.execute(
                "SELECT name FROM hr.employee WHERE id = $1", [employeeID], name: "talent.explain_name")
                .rows.first?.decode("name", as: String.self)
        }
        return explanation
    }

    private static func axis(_ name: String, prefix: String, of row: Row) throws -> EmployeeExplanation.Axis {
        EmployeeExplanation.Axis(
            axis: name, score: try decimal(prefix + "_score", of: row), level: try row.decode(prefix + "_level"),
            levelFromScore: try row.decode(prefix + "_level_from_score"),
            highMinimum: try decimal(prefix + "_high_minimum", of: row),
            middleMinimum: try decimal(prefix + "_middle_minimum", of: row),
            weightCase: try row.decode(prefix + "_weight_case"), adjustments: try row.decode(prefix + "_adjustments"))
    }

    /// A numeric column as an exact decimal; nil for NULL.
    static func decimal(_ column: String, of row: Row) throws -> Decimal? {
        guard let text = try row.decode(column, as: String?.self) else { return nil }
        guard let value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) else {
            throw StoreError(.invalidStoredValue, "\(column) \(text) is not a decimal")
        }
        return value
    }
}
