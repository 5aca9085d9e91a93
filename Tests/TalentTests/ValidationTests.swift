import Interchange
import Talent
import TestThreads
import Testing

@Suite("Validation: DOMAIN.md §10 and Fine print", .ownThread)
struct ValidationTests {
    static let d = Sample.d

    static func row(_ file: InputFile, _ line: Int, _ values: [String]) -> RawRecord {
        RawRecord(file: file, line: line, fields: Dictionary(uniqueKeysWithValues: zip(file.header, values)))
    }

    static let organisation = [
        row(.units, 2, ["OPD", "Dinas", ""]), row(.units, 3, ["OPD-1", "Bidang", "OPD"]),
        row(.positions, 2, ["P-STAF", "OPD-1", "Staf", "PELAKSANA", "", "false"]),
    ]

    static let goodEmployee = ["198501012010031001", "Contoh", "L", "1985-01-01", "PNS", "AKTIF", "III/b",
                               "2022-04-01", "2010-03-01", "P-STAF", "2020-01-02"]

    static func employee(_ changes: [String: String], line: Int = 2) -> RawRecord {
        var record = row(.employees, line, goodEmployee)
        for (key, value) in changes { record.fields[key] = value }
        return record
    }

    func reason(_ changes: [String: String]) -> RejectReason? {
        let result = Validator.validate(Self.organisation + [Self.employee(changes)], referenceDate: Self.d)
        return result.rejections.first?.reason
    }

    @Test("a good employee row is accepted with its typed values")
    func accepted() throws {
        let result = Validator.validate(Self.organisation + [Self.employee([:])], referenceDate: Self.d)
        #expect(result.rejections.isEmpty)
        let employee = try #require(result.employees.first?.employee)
        #expect(employee.golongan.ordinal == 10)
        #expect(employee.positionSince == Sample.date("2020-01-02"))
        #expect(result.organisation.opdCode(ofPosition: "P-STAF") == "OPD")
    }

    @Test("each employee reason", arguments: [
        (["nip": "19850101201003100"], RejectReason.invalidNIP),
        (["nip": "1985010120100310011"], .invalidNIP),
        (["nip": "19850101201003100X"], .invalidNIP),
        (["nip": "198502302010031001"], .invalidNIP),
        (["nip": "198501011899031001"], .invalidNIP),
        (["nip": "198501012010131001"], .invalidNIP),
        (["nip": ""], .missingField),
        (["name": ""], .missingField),
        (["position_since": ""], .missingField),
        (["cpns_date": ""], .missingField),
        (["birth_date": "1985-02-30"], .invalidDate),
        (["golongan_since": "2022/04/01"], .invalidDate),
        (["position_since": "2026-04-01"], .dateAfterD),
        (["status": "ASN"], .invalidStatus),
        (["state": "aktif"], .invalidState),
        (["sex": "1"], .invalidSex),
        (["golongan": "III/B"], .invalidGolongan),
        (["golongan": "IX"], .invalidGolongan),
        (["position_code": "P-NONE"], .unknownPosition),
    ] as [([String: String], RejectReason)])
    func employeeReasons(changes: [String: String], expected: RejectReason) {
        #expect(reason(changes) == expected, "\(changes)")
    }

    @Test("PPPK: grade notation, no CPNS date needed, NIP digits 9–14 not read as a date")
    func pppk() {
        let pppk = ["nip": "199002012022211001", "birth_date": "1990-02-01", "status": "PPPK", "golongan": "IX",
                    "cpns_date": ""]
        #expect(reason(pppk) == nil)
        var oddDigits = pppk
        oddDigits["nip"] = "199002019999991001"
        #expect(reason(oddDigits) == nil)
        var pnsGolongan = pppk
        pnsGolongan["golongan"] = "III/b"
        #expect(reason(pnsGolongan) == .invalidGolongan)
    }

    @Test("a golongan from its ordinal reads back as the notation of the status; 0 and 18 are none")
    func golonganFromOrdinal() {
        for ordinal in 1...17 {
            let pns = Golongan(ordinal: ordinal, status: .cpns)
            #expect(pns.map { Golongan(pns: $0.notation) } == pns)
            let grade = Golongan(ordinal: ordinal, status: .pppkParuhWaktu)
            #expect(grade.map { Golongan(pppk: $0.notation) } == grade)
        }
        #expect(Golongan(ordinal: 10, status: .pns)?.notation == "III/b")
        #expect(Golongan(ordinal: 10, status: .pppk)?.notation == "X")
        #expect(Golongan(ordinal: 0, status: .pns) == nil)
        #expect(Golongan(ordinal: 18, status: .pppk) == nil)
    }

    @Test("the first reason that applies wins, in §10's order")
    func firstReason() {
        #expect(reason(["nip": "123", "name": "", "birth_date": "x"]) == .invalidNIP)
        #expect(reason(["name": "", "birth_date": "x"]) == .missingField)
        #expect(reason(["birth_date": "x", "position_since": "2027-01-01"]) == .invalidDate)
        #expect(reason(["position_since": "2027-01-01", "status": "X"]) == .dateAfterD)
        #expect(reason(["status": "X", "state": "Y"]) == .invalidStatus)
        #expect(reason(["state": "Y", "sex": "Z"]) == .invalidState)
        #expect(reason(["sex": "Z", "golongan": "Q"]) == .invalidSex)
        #expect(reason(["golongan": "Q", "position_code": "NONE"]) == .invalidGolongan)
    }

    @Test("DUPLICATE_NIP: the first row stays, its other rows attach to it")
    func duplicateNIP() {
        let records = Self.organisation + [
            Self.employee([:], line: 2), Self.employee(["name": "Kedua"], line: 3),
            Self.row(.performance, 2, ["198501012010031001", "2025", "BAIK", ""]),
        ]
        let result = Validator.validate(records, referenceDate: Self.d)
        #expect(result.rejections == [Rejection(file: .employees, line: 3, nip: "198501012010031001", reason: .duplicateNIP,
                                                detail: "nip 198501012010031001 is on an earlier row")])
        #expect(result.employees.count == 1)
        #expect(result.employees.first?.employee.name == "Contoh")
        #expect(result.employees.first?.performance.count == 1)
    }

    @Test("each rejection keeps the field and the value that broke the rule, never the name", arguments: [
        (["nip": "19850101201003100"], "nip 19850101201003100 is not 18 digits"),
        (["nip": "198502302010031001"], "nip 198502302010031001 does not start with a real birth date"),
        (["nip": "198501012010131001"], "nip 198501012010131001 has no real CPNS year and month in digits 9–14"),
        (["name": ""], "name is empty"),
        (["birth_date": "1985-02-30"], "birth_date 1985-02-30 is not a date (YYYY-MM-DD)"),
        (["position_since": "2026-04-01"], "position_since 2026-04-01 is after D 2026-03-31"),
        (["status": "ASN"], "status ASN is not one of PNS, CPNS, PPPK, PPPK_PARUH_WAKTU"),
        (["sex": "1"], "sex 1 is not L or P"),
        (["golongan": "III/B"], "golongan III/B is not a PNS golongan (I/a … IV/e) for PNS"),
        (["position_code": "P-NONE"], "position_code P-NONE is not an accepted position"),
    ])
    func rejectionDetail(changes: [String: String], detail: String) throws {
        let result = Validator.validate(Self.organisation + [Self.employee(changes)], referenceDate: Self.d)
        let rejection = try #require(result.rejections.first)
        #expect(rejection.detail == detail)
        #expect(!rejection.detail.contains("Contoh"))
        let unknown = Validator.validate(Self.organisation + [Self.row(.awards, 2, ["1", "KOTA", "x", "2024-01-01"])],
                                         referenceDate: Self.d)
        #expect(unknown.rejections.map(\.detail) == ["nip 1 names no accepted employee"])
    }

    @Test("NIP_MISMATCH: the stored dates win and the placement is flagged")
    func nipMismatch() throws {
        let birth = Sample.employee(nip: "197601012000031001", birth: "1975-06-15", cpns: "2000-03-01")
        #expect(birth.nipDisagreesWithRecord)
        let cpns = Sample.employee(cpns: "2010-04-01")
        #expect(cpns.nipDisagreesWithRecord)
        #expect(!Sample.employee().nipDisagreesWithRecord)
        let pppk = Sample.employee(nip: "199002019999991001", birth: "1990-02-01", status: .pppk, golongan: "IX", cpns: nil)
        #expect(!pppk.nipDisagreesWithRecord)
        let placement = try Sample.assess(Sample.input(birth))
        #expect(placement.flags.contains(.nipMismatch))
        #expect(placement.explanation.pool.retirementDate == Sample.date("2033-06-15"))
    }

    @Test("units and positions: INVALID_PARENT, INVALID_UNIT, INVALID_POSITION, DUPLICATE_CODE, MISSING_FIELD")
    func organisationRows() {
        let records = [
            Self.row(.units, 2, ["A", "A", ""]), Self.row(.units, 3, ["B", "B", "NONE"]),
            Self.row(.units, 4, ["C", "C", "B"]), Self.row(.units, 5, ["L1", "L1", "L2"]),
            Self.row(.units, 6, ["L2", "L2", "L1"]), Self.row(.units, 7, ["A", "again", ""]),
            Self.row(.units, 8, ["", "no code", ""]), Self.row(.units, 9, ["Z", "child first", "Y"]),
            Self.row(.units, 10, ["Y", "parent later", "A"]),
            Self.row(.positions, 2, ["P1", "A", "t", "FUNGSIONAL", "AHLI_MUDA", "true"]),
            Self.row(.positions, 3, ["P2", "C", "t", "PELAKSANA", "", ""]),
            Self.row(.positions, 4, ["P3", "A", "t", "FUNGSIONAL", "", ""]),
            Self.row(.positions, 5, ["P4", "A", "t", "STAF", "", ""]),
            Self.row(.positions, 6, ["P5", "A", "t", "PENGAWAS", "AHLI_MUDA", ""]),
            Self.row(.positions, 7, ["P6", "A", "t", "PENGAWAS", "", "yes"]),
            Self.row(.positions, 8, ["P1", "A", "t", "PENGAWAS", "", ""]),
            Self.row(.positions, 9, ["", "A", "t", "PENGAWAS", "", ""]),
            Self.row(.positions, 10, ["P7", "Z", "t", "ADMINISTRATOR", "", ""]),
            Self.employee(["position_code": "P2"]),
        ]
        let result = Validator.validate(records, referenceDate: Self.d)
        let got = result.rejections.map { "\($0.file.rawValue):\($0.line):\($0.reason.rawValue)" }
        #expect(got == [
            "units.csv:3:INVALID_PARENT", "units.csv:4:INVALID_PARENT", "units.csv:5:INVALID_PARENT",
            "units.csv:6:INVALID_PARENT", "units.csv:7:DUPLICATE_CODE", "units.csv:8:MISSING_FIELD",
            "positions.csv:3:INVALID_UNIT", "positions.csv:4:INVALID_POSITION", "positions.csv:5:INVALID_POSITION",
            "positions.csv:6:INVALID_POSITION", "positions.csv:7:INVALID_POSITION", "positions.csv:8:DUPLICATE_CODE",
            "positions.csv:9:MISSING_FIELD", "employees.csv:2:UNKNOWN_POSITION",
        ])
        #expect(result.positions.map(\.code) == ["P1", "P7"])
        #expect(result.positions.first?.critical == true)
        #expect(result.organisation.opdCode(ofPosition: "P7") == "A")
    }

    @Test("static problems of history rows become invalid-row markers of their kind", arguments: [
        (InputFile.education, ["NIP", "MAGISTER", "", "", ""]),
        (.education, ["NIP", "S1", "", "", "2007-02-30"]),
        (.training, ["NIP", "", "t", "2025-01-01", "20"]),
        (.training, ["NIP", "TEKNIS", "t", "", "20"]),
        (.training, ["NIP", "TEKNIS", "t", "2025-01-01", "-1"]),
        (.training, ["NIP", "TEKNIS", "t", "2025-01-01", "dua"]),
        (.performance, ["NIP", "2025", "", ""]),
        (.performance, ["NIP", "2025", "BAGUS", ""]),
        (.performance, ["NIP", "2025", "BAIK", "100.01"]),
        (.performance, ["NIP", "25", "BAIK", ""]),
        (.performance, ["NIP", "2019", "", "abc"]),
        (.assessments, ["NIP", "2025-06-15", "ASSESSMENT_CENTER", "", "3", "3", "7", "3", "3", "3", "3", "3", "3"]),
        (.assessments, ["NIP", "2025-06-15", "ASSESSMENT_CENTER", "130", "", "", "", "", "", "", "", "", ""]),
        (.assessments, ["NIP", "2025-06-15", "CACT", "130.00", "3", "3", "3", "3", "3", "3", "3", "3", "3"]),
        (.assessments, ["NIP", "2025-06-15", "CACT", "80", "3", "3", "3", "", "", "", "", "", ""]),
        (.assessments, ["NIP", "2025-06-15", "CACT", "", "", "", "", "", "", "", "", "", ""]),
        (.assessments, ["NIP", "2025-06-15", "CACT", "", "3", "3", "3", "3", "3", "3", "3", "3", "2.5"]),
        (.assessments, ["NIP", "2025-06-15", "WAWANCARA", "80", "", "", "", "", "", "", "", "", ""]),
        (.awards, ["NIP", "KABUPATEN", "n", "2025-01-01"]),
        (.awards, ["NIP", "KOTA", "n", ""]),
        (.penalties, ["NIP", "RINGAN", "2025-01-01", "2024-12-31"]),
        (.penalties, ["NIP", "BERAT", "", ""]),
        (.otherScores, ["NIP", "2026", "101"]),
        (.otherScores, ["NIP", "2026", "-0.01"]),
        (.otherScores, ["NIP", "", "80"]),
        // DOMAIN.md §12.7 and its Fine print.
        (.education, ["NIP", "S1", "", "", "2007-08-30", "ya"]),
        (.education, ["NIP", "S1", "", "", "2007-08-30", "TRUE"]),
        (.potentialAssessments, ["NIP", "", "CACT", "4", "4", "4", "4", "4", "4", "4", "4"]),
        (.potentialAssessments, ["NIP", "2025-02-30", "CACT", "4", "4", "4", "4", "4", "4", "4", "4"]),
        (.potentialAssessments, ["NIP", "2025-01-15", "CACT", "4", "4", "4", "4", "4", "4", "6", "4"]),
        (.potentialAssessments, ["NIP", "2025-01-15", "CACT", "4", "4", "", "4", "4", "4", "4", "4"]),
        (.potentialAssessments, ["NIP", "2025-01-15", "CACT", "4", "4", "4", "4.5", "4", "4", "4", "4"]),
        (.potentialAssessments, ["NIP", "2025-01-15", "CACT", "4", "04", "4", "4", "4", "4", "4", "4"]),
        (.potentialAssessments, ["NIP", "2025-01-15", "CACT", "4.0", "4", "4", "4", "4", "4", "4", "4"]),
        (.teamAssignments, ["NIP", "WAKIL_KETUA", "INSTANSI", "t", "2025-01-01"]),
        (.teamAssignments, ["NIP", "KETUA", "NASIONAL", "t", "2025-01-01"]),
        (.teamAssignments, ["NIP", "KETUA", "INSTANSI", "t", ""]),
        (.teamAssignments, ["NIP", "ketua", "INSTANSI", "t", "2025-01-01"]),
        (.feedback360, ["NIP", "2025", "CUKUP", ""]),
        (.feedback360, ["NIP", "2025", "SANGAT_BAIK", "120"]),
        (.feedback360, ["NIP", "2025", "", ""]),
        (.feedback360, ["NIP", "2025/2026", "BAIK", ""]),
        (.feedback360, ["NIP", "2025.0", "BAIK", ""]),
        (.feedback360, ["NIP", "2025", "", "tujuh puluh"]),
        (.feedback360, ["NIP", "2025", "", "100.004"]),
        (.actingAssignments, ["NIP", "PLTH", "ATAS", "2025-01-01", ""]),
        (.actingAssignments, ["NIP", "PLT", "", "2025-01-01", ""]),
        (.actingAssignments, ["NIP", "PLH", "BAWAH", "2025-01-01", ""]),
        (.actingAssignments, ["NIP", "PLT", "ATAS", "2025-01-01", "2024-12-31"]),
        (.actingAssignments, ["NIP", "PLT", "ATAS", "2025-04-01", "2025-04-31"]),
        (.actingAssignments, ["NIP", "PJ", "", "", ""]),
        (.positionHistory, ["NIP", "2016-01-04", "", ""]),
        (.positionHistory, ["NIP", "", "SETDA-BORG", ""]),
        (.positionHistory, ["NIP", "2016-13-04", "SETDA-BORG", "Pemprov"]),
    ] as [(InputFile, [String])])
    func staticProblems(file: InputFile, values: [String]) throws {
        let nip = Self.goodEmployee[0]
        let record = Self.row(file, 5, values.map { $0 == "NIP" ? nip : $0 })
        let result = Validator.validate(Self.organisation + [Self.employee([:]), record], referenceDate: Self.d)
        #expect(result.rejections.isEmpty)
        let input = try #require(result.employees.first)
        #expect(input.invalidRows.map(\.kind) == [file.recordKind!], "\(values)")
        #expect(input.invalidRows.first?.kind.invalidFlag.rawValue.hasPrefix("INVALID_") == true)
        #expect(input.invalidRows.first?.line == 5)
        let typed = input.education.count + input.training.count + input.performance.count + input.assessments.count
            + input.awards.count + input.penalties.count + input.otherScores.count + input.potentialAssessments.count
            + input.teamAssignments.count + input.feedback.count + input.actingAssignments.count
            + input.positionHistory.count
        #expect(typed == 0)
    }

    @Test("rows whose problem depends on D stay typed; the engine leaves them out and flags them")
    func dDependentRows() throws {
        let nip = Self.goodEmployee[0]
        let records = Self.organisation + [
            Self.employee([:]),
            Self.row(.education, 2, [nip, "S2", "", "", "2026-06-01"]),
            Self.row(.training, 2, [nip, "PKP", "t", "2026-05-01", "358"]),
            Self.row(.performance, 2, [nip, "2026", "SANGAT_BAIK", ""]),
            Self.row(.performance, 3, [nip, "2025", "BAIK", ""]),
            Self.row(.assessments, 2, [nip, "2026-04-01", "CACT", "90", "", "", "", "", "", "", "", "", ""]),
            Self.row(.awards, 2, [nip, "NASIONAL", "n", "2026-04-02"]),
            Self.row(.penalties, 2, [nip, "BERAT", "2026-04-15", ""]),
            Self.row(.otherScores, 2, [nip, "2027", "80"]),
        ]
        let result = Validator.validate(records, referenceDate: Self.d)
        let input = try #require(result.employees.first)
        #expect(input.invalidRows.isEmpty)
        #expect(input.performance.count == 2 && input.training.count == 1 && input.penalties.count == 1)
        let atD = try Sample.assess(input)
        #expect(atD.flags == [.invalidAssessment, .invalidAward, .invalidEducation, .invalidOtherScore,
                              .invalidPenalty, .invalidPerformance, .invalidTraining, .kinerjaPartial, .tanpaAsesmen])
        // The same stored rows reviewed a year later: every one of them counts.
        let later = ReviewContext(referenceDate: Sample.date("2027-12-31"))
        let placement = try Sample.assess(input, context: later)
        #expect(placement.flags.isEmpty)
        #expect(placement.indicator("ASESMEN")?.score == Score(90))
        #expect(placement.poolBlockers.contains(.disiplin))
    }

    @Test("rows naming a rejected or unknown employee are UNKNOWN_NIP; rejections in file then line order")
    func unknownNIP() {
        let records = Self.organisation + [
            Self.row(.otherScores, 4, ["19880606201003100", "2026", "80"]),
            Self.row(.performance, 3, ["19880606201003100", "2025", "BAIK", ""]),
            Self.employee(["nip": "19880606201003100"], line: 2),
            Self.row(.performance, 2, ["199901012020011999", "2025", "BAIK", ""]),
        ]
        let result = Validator.validate(records, referenceDate: Self.d)
        #expect(result.rejections.map(\.reason) == [.invalidNIP, .unknownNIP, .unknownNIP, .unknownNIP])
        #expect(result.rejections.map(\.file) == [.employees, .performance, .performance, .otherScores])
        #expect(result.rejections.map(\.line) == [2, 2, 3, 4])
        #expect(result.employees.isEmpty)
    }

    @Test("JPM and L with more decimals round half-up; legacy scores truncate (exact against the bands)")
    func decimals() throws {
        let nip = Self.goodEmployee[0]
        let records = Self.organisation + [
            Self.employee([:]),
            Self.row(.assessments, 2, [nip, "2025-06-15", "", "81.995", "", "", "", "", "", "", "", "", ""]),
            Self.row(.otherScores, 2, [nip, "2026", "59.994"]),
            Self.row(.performance, 2, [nip, "2025", "", "90.999"]),
            Self.row(.performance, 3, [nip, "2024", "", "100.000"]),
        ]
        let input = try #require(Validator.validate(records, referenceDate: Self.d).employees.first)
        #expect(input.assessments.first?.jpmPercent?.description == "82.00")
        #expect(input.otherScores.first?.score.description == "59.99")
        #expect(input.performance.map { $0.score?.description } == ["90.99", "100.00"])
        #expect(PropertyTests.legacyPredicate(input.performance[0].score) == .baik)
    }

    @Test("the rows of the optional files and field_fit become typed records; 99.996 rounds to 100.00")
    func presetRows() throws {
        let nip = Self.goodEmployee[0]
        let records = Self.organisation + [
            Self.employee([:]),
            Self.row(.education, 2, [nip, "S1", "U", "M", "2007-08-30", "true"]),
            Self.row(.education, 3, [nip, "S2", "U", "M", "2012-08-30", "false"]),
            Self.row(.education, 4, [nip, "D3", "U", "M", "2004-08-30", ""]),
            Self.row(.awards, 2, [nip, "INTERNASIONAL", "ASEAN Award", "2024-11-10"]),
            Self.row(.training, 2, [nip, "TEKNIS", "t", "2025-01-01", ""]),
            Self.row(.potentialAssessments, 2, [nip, "2025-06-15", "", "1", "2", "3", "4", "5", "4", "3", "2"]),
            Self.row(.teamAssignments, 2, [nip, "ANGGOTA", "LINTAS_INSTANSI", "Tim", "2025-02-10"]),
            Self.row(.feedback360, 2, [nip, "2025", "", "99.996"]),
            Self.row(.feedback360, 3, [nip, "2024", "BAIK", "64.445"]),
            Self.row(.actingAssignments, 2, [nip, "PJ", "", "2025-08-01", ""]),
            Self.row(.actingAssignments, 3, [nip, "PLH", "SETARA", "2024-07-01", "2024-07-01"]),
            Self.row(.positionHistory, 2, [nip, "2014-02-03", "PROV-BKD", "Pemerintah Provinsi"]),
        ]
        let result = Validator.validate(records, referenceDate: Self.d)
        let input = try #require(result.employees.first)
        #expect(result.rejections.isEmpty)
        #expect(input.invalidRows.isEmpty, "\(input.invalidRows)")
        #expect(input.education.map(\.fieldFit) == [true, false, nil])
        #expect(input.awards.map(\.level) == [.internasional])
        #expect(input.training.first?.hours == .zero, "empty hours count as 0 JP")
        #expect(input.potentialAssessments == [PotentialAssessmentRecord(assessedOn: Sample.date("2025-06-15"),
                                                                         levels: [1, 2, 3, 4, 5, 4, 3, 2])])
        #expect(input.teamAssignments.map(\.role) == [.anggota] && input.teamAssignments.map(\.title) == ["Tim"])
        #expect(input.feedback.map { $0.score?.description } == ["100.00", "64.45"])
        #expect(input.actingAssignments.map(\.level) == [nil, .setara])
        #expect(input.positionHistory.map(\.isOtherAgency) == [true])
    }

    @Test("rows of the optional files naming no accepted employee are UNKNOWN_NIP, after other_scores.csv in §11 order")
    func presetUnknownNIP() {
        let orphan = "199901012020011999"
        let records = Self.organisation + [
            Self.employee([:]),
            Self.row(.positionHistory, 2, [orphan, "2014-02-03", "X", ""]),
            Self.row(.feedback360, 2, [orphan, "2025", "BAIK", ""]),
            Self.row(.otherScores, 2, [orphan, "2026", "80"]),
            Self.row(.potentialAssessments, 3, [orphan, "2025-06-15", "", "4", "4", "4", "4", "4", "4", "4", "4"]),
            Self.row(.teamAssignments, 2, [orphan, "KETUA", "INSTANSI", "t", "2025-01-01"]),
            Self.row(.actingAssignments, 2, [orphan, "PJ", "", "2025-01-01", ""]),
        ]
        let result = Validator.validate(records, referenceDate: Self.d)
        #expect(result.rejections.map(\.file) == [.otherScores, .potentialAssessments, .teamAssignments, .feedback360,
                                                 .actingAssignments, .positionHistory])
        #expect(result.rejections.allSatisfy { $0.reason == .unknownNIP && $0.nip == orphan })
    }

    @Test("rows of the optional files dated after D (or a 360 year ≥ Y) stay typed; the engine flags them under every rule set")
    func presetRowsAfterD() throws {
        let nip = Self.goodEmployee[0]
        let records = Self.organisation + [
            Self.employee([:]),
            Self.row(.performance, 2, [nip, "2025", "BAIK", ""]),
            Self.row(.potentialAssessments, 2, [nip, "2026-04-01", "", "4", "4", "4", "4", "4", "4", "4", "4"]),
            Self.row(.teamAssignments, 2, [nip, "KETUA", "INSTANSI", "t", "2026-04-15"]),
            Self.row(.feedback360, 2, [nip, "2026", "BAIK", ""]),
            Self.row(.actingAssignments, 2, [nip, "PJ", "", "2026-04-01", ""]),
            Self.row(.positionHistory, 2, [nip, "2026-04-01", "X", "Kementerian"]),
        ]
        let input = try #require(Validator.validate(records, referenceDate: Self.d).employees.first)
        #expect(input.invalidRows.isEmpty)
        let invalid: Set<PlacementFlag> = [.invalidPotentialAssessment, .invalidTeamAssignment, .invalidFeedback,
                                           .invalidActingAssignment, .invalidPositionHistory]
        for rules in RuleSet.builtIn {
            let placement = try Sample.assess(input, rules: rules)
            #expect(Set(placement.flags).intersection(invalid) == invalid, "\(rules.id)")
            #expect(placement.explanation.leftOut.count == 5, "\(rules.id)")
        }
        let preset = try Sample.assess(input, rules: .bkn411Preset)
        #expect(preset.indicator("ASESMEN_POTENSI")?.score == .zero)
        #expect(preset.indicator("PENUGASAN_TIM")?.score == .zero)
        #expect(preset.part("PJ_PLT_PLH", of: "PENGALAMAN_JABATAN")?.score == .zero)
        #expect(preset.part("VARIASI_JABATAN", of: "PENGALAMAN_JABATAN")?.score == Score(60))
    }

    @Test("education.csv may leave out field_fit (empty on every row); another header is refused; the optional files")
    func optionalColumns() throws {
        let nip = Self.goodEmployee[0]
        let without = try InputFolderReader.records(of: .education, text: """
            nip,level,institution,major,graduated_on
            \(nip),S1,U,M,2007-08-30

            """)
        let with = try InputFolderReader.records(of: .education, text: """
            nip,level,institution,major,graduated_on,field_fit
            \(nip),S1,U,M,2007-08-30,true

            """)
        func fieldFit(_ records: [RawRecord]) throws -> Bool? {
            let result = Validator.validate(Self.organisation + [Self.employee([:])] + records, referenceDate: Self.d)
            return try #require(result.employees.first?.education.first).fieldFit
        }
        #expect(try fieldFit(without) == nil)
        #expect(try fieldFit(with) == true)
        for header in ["nip,level,institution,major", "nip,level,institution,major,graduated_on,fit",
                       "nip,level,institution,major,field_fit,graduated_on"] {
            #expect(throws: InterchangeError.self, "\(header)") {
                try InputFolderReader.records(of: .education, text: header + "\n")
            }
        }
        #expect(InputFile.education.optionalColumns == ["field_fit"])
        #expect(InputFile.allCases.filter { !$0.optionalColumns.isEmpty } == [.education])
        #expect(InputFile.allCases.filter(\.isPresetInput).map(\.rawValue) == [
            "potential_assessments.csv", "team_assignments.csv", "feedback_360.csv", "acting_assignments.csv",
            "position_history.csv",
        ])
        #expect(InputFile.allCases.filter(\.isPresetInput).allSatisfy { !$0.isRequired })
        // The level columns are the vocabulary's cases, in order.
        #expect(Array(InputFile.assessments.header.suffix(9)) == Competency.allCases.map(\.rawValue))
        #expect(Array(InputFile.potentialAssessments.header.suffix(8)) == PotentialAspect.allCases.map(\.rawValue))
    }
}
