import Talent

/// The rows of every input file produced by one chunk of employees, before they are rendered and appended.
struct RowBatch {
    private(set) var rows: [[[String]]] = Array(repeating: [], count: InputFile.allCases.count)

    mutating func add(_ file: InputFile, _ row: [String]) {
        rows[file.slot].append(row)
    }

    func rows(of file: InputFile) -> [[String]] {
        rows[file.slot]
    }

    mutating func removeAll() {
        for index in rows.indices { rows[index].removeAll(keepingCapacity: true) }
    }
}

extension InputFile {
    /// Position in `allCases` (DOMAIN.md §11 order).
    var slot: Int {
        switch self {
        case .units: 0
        case .positions: 1
        case .employees: 2
        case .education: 3
        case .training: 4
        case .performance: 5
        case .assessments: 6
        case .awards: 7
        case .penalties: 8
        case .otherScores: 9
        case .potentialAssessments: 10
        case .teamAssignments: 11
        case .feedback360: 12
        case .actingAssignments: 13
        case .positionHistory: 14
        }
    }
}
