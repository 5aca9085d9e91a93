public import Talent

/// What `talent.assessment_result.inputs` stores: everything the talent engine read to compute one result, so the
/// result can be recomputed from the database alone with its rule set (`rule_version`), whatever changed in `hr.*`
/// since. JSON (sorted keys): `{"context": {"referenceDate": "YYYY-MM-DD"}, "position": {...}, "input": {...}}`.
///
/// The employee's name is left out (stored as ""): the rules never read it, so the result and its fingerprint are
/// the same without it, and the history of results does not copy personal names.
public struct StoredInputs: Hashable, Codable, Sendable {
    /// Y and D of the review.
    public var context: ReviewContext
    /// The employee's position as it was.
    public var position: Position
    /// The employee and every history row, as the engine received them (minus the name).
    public var input: EmployeeInput

    /// Captures the inputs of one assessment.
    public init(input: EmployeeInput, position: Position, context: ReviewContext) {
        var input = input
        input.employee.name = ""
        self.context = context
        self.position = position
        self.input = input
    }
}
