import Talent
import TestThreads
import Testing

@Suite("Talent pool: DOMAIN.md §7 blockers, in order", .ownThread)
struct PoolTests {
    /// Box 9 in the base profile: SANGAT_BAIK twice and JPM 90 (potensi 85.38).
    func box9(_ employee: Employee = Sample.employee(), penalties: [PenaltyRecord] = []) -> EmployeeInput {
        Sample.input(employee, performance: [Sample.skp(2025, .sangatBaik), Sample.skp(2024, .sangatBaik)],
                     assessments: [Sample.jpm("90")], penalties: penalties)
    }

    func penalty(_ level: PenaltyLevel, _ decided: String, _ ends: String? = nil) -> PenaltyRecord {
        PenaltyRecord(level: level, decidedOn: Sample.date(decided), endsOn: ends.map(Sample.date))
    }

    @Test("a box-9 PNS AKTIF member is in the pool and the national pool")
    func member() throws {
        let placement = try Sample.assess(box9())
        #expect(placement.box?.number == 9)
        #expect(placement.isPoolMember)
        #expect(placement.krsNasional)
        #expect(placement.poolBlockers.isEmpty)
    }

    @Test("box 7 and 8 members are not national; box 5 fails BOX")
    func boxes() throws {
        let box8 = try Sample.assess(Sample.input(assessments: [Sample.jpm("90")]))
        #expect(box8.box?.number == 8 && box8.isPoolMember && !box8.krsNasional)
        let box5 = try Sample.assess(Sample.input(assessments: [Sample.jpm("75")]))
        #expect(box5.box?.number == 5)
        #expect(box5.poolBlockers == [.box])
        #expect(!box5.isPoolMember && !box5.krsNasional)
    }

    @Test("STATUS: CPNS, PPPK and PPPK_PARUH_WAKTU are not eligible")
    func status() throws {
        let cpns = try Sample.assess(box9(Sample.employee(status: .cpns)))
        #expect(cpns.poolBlockers == [.status])
        let pppk = try Sample.assess(box9(Sample.employee(status: .pppk, golongan: "X", cpns: nil)))
        #expect(pppk.poolBlockers == [.status])
        #expect(!pppk.krsNasional)
    }

    @Test("STATE: suspended and CLTN employees are assessed but not eligible; PENSIUN is not assessed")
    func state() throws {
        let suspended = try Sample.assess(box9(Sample.employee(state: .diberhentikanSementara)))
        #expect(suspended.poolBlockers == [.state])
        let cltn = try Sample.assess(box9(Sample.employee(state: .cltn)))
        #expect(cltn.poolBlockers == [.state])
        let retired = try TalentEngine.assess(box9(Sample.employee(state: .pensiun)), position: Sample.staff,
                                              context: Sample.context, rules: .default)
        #expect(retired == nil)
        let left = try TalentEngine.assess(box9(Sample.employee(state: .berhenti)), position: Sample.staff,
                                           context: Sample.context, rules: .default)
        #expect(left == nil)
    }

    @Test("DISIPLIN: SEDANG/BERAT decided or ended in (D − 2 years, D], or any penalty running at D",
          arguments: [
              ("SEDANG decided in the window", PenaltyLevel.sedang, "2024-06-01", "2024-12-01", true),
              ("SEDANG decided before, ended in the window", .sedang, "2023-06-01", "2024-06-01", true),
              ("SEDANG ended on the window's open edge", .sedang, "2023-06-01", "2024-03-31", false),
              ("SEDANG long over", .sedang, "2022-01-10", "2022-10-10", false),
              ("BERAT without end, running", .berat, "2025-06-01", nil, true),
              ("RINGAN running to after D", .ringan, "2026-01-10", "2026-06-30", true),
              ("RINGAN decided on D", .ringan, "2026-03-31", nil, true),
              ("RINGAN the day before D", .ringan, "2026-03-30", nil, false),
              ("RINGAN in the window, over", .ringan, "2025-01-01", "2025-02-01", false),
              ("BERAT decided after D is left out", .berat, "2026-04-15", nil, false),
          ] as [(String, PenaltyLevel, String, String?, Bool)])
    func disiplin(label: String, level: PenaltyLevel, decided: String, ends: String?, blocks: Bool) throws {
        let placement = try Sample.assess(box9(penalties: [penalty(level, decided, ends)]))
        #expect(placement.poolBlockers.contains(.disiplin) == blocks, "\(label)")
        #expect(placement.isPoolMember == !blocks, "\(label)")
    }

    @Test("BUP: full_years(D, birth + BUP of T) must reach the level's minimum", arguments: [
        ("1970-03-30", StructuralLevel.pengawas, true),
        ("1970-03-31", .pengawas, false),
        ("1969-03-31", .administrator, true),
        ("1971-03-31", .administrator, false),
    ])
    func bup(birth: String, target: StructuralLevel, blocks: Bool) throws {
        let position: Position
        switch target {
        case .pengawas: position = Sample.staff
        case .administrator:
            position = Position(code: "X", unitCode: "U", title: "", kind: .pengawas, jenjang: nil, critical: false)
        case .jptPratama:
            position = Position(code: "X", unitCode: "U", title: "", kind: .administrator, jenjang: nil, critical: false)
        }
        let nip = birth.split(separator: "-").joined() + "1995031001"
        let placement = try Sample.assess(box9(Sample.employee(nip: nip, birth: birth)), position: position)
        #expect(placement.targetLevel == target)
        #expect(placement.poolBlockers.contains(.bup) == blocks)
    }

    @Test("every failing code is listed, in DOMAIN.md order")
    func order() throws {
        let employee = Sample.employee(nip: "196801012010031001", birth: "1968-01-01", status: .cpns, state: .cltn)
        let input = Sample.input(employee, assessments: [Sample.jpm("50")],
                                 penalties: [penalty(.sedang, "2025-01-01", "2025-06-01")])
        let placement = try Sample.assess(input)
        #expect(placement.poolBlockers == [.box, .status, .state, .disiplin, .bup])
        #expect(placement.explanation.pool.blockers.count == 5)
    }
}
