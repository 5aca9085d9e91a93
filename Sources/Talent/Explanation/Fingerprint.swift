/// A stable fingerprint of the inputs that counted for one placement: lowercase hex SHA-256 of a canonical text.
///
/// The canonical text (version tag `talent-inputs/1`) holds, one `|`-separated line each: the rule set `name@version`,
/// Y and D; the employee fields the rules read (NIP, birth date, status, state, golongan, golongan and CPNS dates,
/// position code, kind and jenjang, position_since); and every row the rules read, sorted so input order does not
/// matter: performance rows from Y − lookBackYears on, assessments after D − assessmentWindowYears, all education,
/// leadership training of any year and other training from the first checked year on, awards after D − awardWindowYears,
/// penalties decided after D − (the longer of the RJ and discipline windows) or still running at its start, L rows
/// from Y on, and the kinds of statically invalid rows. Rows outside every window, names, titles, institutions and
/// majors do not count, so changing them keeps the fingerprint.
public enum Fingerprint {
    /// The fingerprint of one employee's inputs (64 hex digits).
    public static func of(_ input: EmployeeInput, position: Position, context: ReviewContext, rules: RuleSet) -> String {
        SHA256.hex(canonicalText(input, position: position, context: context, rules: rules))
    }

    /// The canonical text that `of` hashes.
    public static func canonicalText(_ input: EmployeeInput, position: Position, context: ReviewContext,
                                     rules: RuleSet) -> String {
        let day = context.referenceDate
        let e = input.employee
        var text = "talent-inputs/1\nrules|\(rules.id)\nreview|\(context.year)|\(day)\n"
        text += line("employee", e.nip, e.birthDate.description, e.status.rawValue, e.state.rawValue, e.golongan.notation,
                     optional(e.golonganSince), optional(e.cpnsDate), e.positionCode, position.kind.rawValue,
                     position.jenjang?.rawValue ?? "", e.positionSince.description)

        var rows: [String] = []
        let firstYear = context.year - rules.kinerja.lookBackYears
        for row in input.performance where row.year >= firstYear {
            rows.append(line("performance", String(row.year), row.predicate?.rawValue ?? "", optional(row.score)))
        }
        let assessmentAfter = day.adding(years: -rules.potensi.assessmentWindowYears)
        for row in input.assessments where row.assessedOn > assessmentAfter {
            rows.append(line("assessment", row.assessedOn.description, optional(row.jpmPercent),
                             row.levels?.map(String.init).joined(separator: ",") ?? ""))
        }
        for row in input.education {
            rows.append(line("education", row.level.rawValue, optional(row.graduatedOn)))
        }
        let rj = rules.potensi.rekamJejak
        let firstTrainingYear = context.year - rj.trainingYearsChecked
        for row in input.training where row.leadership != nil || row.endedOn.year >= firstTrainingYear {
            rows.append(line("training", row.kind, row.endedOn.description, row.hours.description))
        }
        let awardAfter = day.adding(years: -rj.awardWindowYears)
        for row in input.awards where row.awardedOn > awardAfter {
            rows.append(line("award", row.level.rawValue, row.awardedOn.description))
        }
        let penaltyAfter = day.adding(years: -max(rj.penaltyWindowYears, rules.pool.disciplineWindowYears))
        for row in input.penalties where row.decidedOn > penaltyAfter || row.lastDay(rules.penalties) > penaltyAfter {
            rows.append(line("penalty", row.level.rawValue, row.decidedOn.description, optional(row.endsOn)))
        }
        for row in input.otherScores where row.year >= context.year {
            rows.append(line("other_score", String(row.year), row.score.description))
        }
        for kind in Set(input.invalidRows.map(\.kind)) {
            rows.append(line("invalid", kind.rawValue))
        }
        rows.sort()
        for row in rows { text += row }
        return text
    }

    private static func line(_ fields: String...) -> String { fields.joined(separator: "|") + "\n" }

    private static func optional(_ value: (some CustomStringConvertible)?) -> String { value?.description ?? "" }
}
