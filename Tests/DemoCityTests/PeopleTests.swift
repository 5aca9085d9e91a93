import DemoCity
import Foundation
import Talent
import TestThreads
import Testing

/// NIPs, dates, structural posts and the status mix of the generated people.
@Suite("Demo city: people", .ownThread)
struct PeopleTests {
    @Test("every NIP has 18 digits, is unique, and starts with the birth date; PNS/CPNS digits 9–14 are the CPNS month")
    func nips() throws {
        let city = try GeneratedCity.demo.get()
        let employees = try city.rows(.employees)
        var seen = Set<String>()
        for employee in employees {
            let nip = employee["nip"] ?? ""
            #expect(nip.count == 18 && nip.allSatisfy(\.isASCII) && nip.allSatisfy(\.isNumber), "NIP \(nip)")
            #expect(seen.insert(nip).inserted, "NIP \(nip) repeats")
            let birth = (employee["birth_date"] ?? "").replacingOccurrences(of: "-", with: "")
            #expect(nip.prefix(8) == birth, "NIP \(nip) does not start with birth date \(birth)")
            let sexDigit = employee["sex"] == "P" ? "2" : "1"
            #expect(String(nip.dropFirst(14).prefix(1)) == sexDigit, "NIP \(nip) sex digit")
            if employee["status"] == "PNS" || employee["status"] == "CPNS" {
                let cpns = (employee["cpns_date"] ?? "").replacingOccurrences(of: "-", with: "").prefix(6)
                #expect(nip.dropFirst(8).prefix(6) == cpns, "NIP \(nip) does not carry CPNS month \(cpns)")
            }
        }
    }

    @Test("no date lies after the reference date (a penalty's ends_on may)")
    func noDateAfterReference() throws {
        let city = try GeneratedCity.demo.get()
        let d = "2026-03-31"
        let dateColumns: [(InputFile, [String])] = [
            (.employees, ["birth_date", "golongan_since", "cpns_date", "position_since"]),
            (.education, ["graduated_on"]), (.training, ["ended_on"]), (.assessments, ["assessed_on"]),
            (.awards, ["awarded_on"]), (.penalties, ["decided_on"]),
        ]
        for (file, columns) in dateColumns {
            for row in try city.rows(file) {
                for column in columns {
                    let value = row[column] ?? ""
                    // ISO dates compare correctly as text.
                    #expect(value.isEmpty || (value.count == 10 && value <= d), "\(file.rawValue) \(column) \(value) for \(row["nip"] ?? "")")
                }
            }
        }
    }

    @Test("career dates are in order: born, CPNS at 18 or later, golongan and position since CPNS")
    func careerOrder() throws {
        let city = try GeneratedCity.demo.get()
        for employee in try city.rows(.employees) {
            let nip = employee["nip"] ?? ""
            let birth = try #require(CivilDate(iso: employee["birth_date"] ?? ""), "\(nip) birth_date")
            let entryText = employee["cpns_date"].flatMap { $0.isEmpty ? nil : $0 } ?? employee["golongan_since"] ?? ""
            let entry = try #require(CivilDate(iso: entryText), "\(nip) entry date")
            #expect(entry.year - birth.year >= 18, "\(nip) entered at \(entry.year - birth.year)")
            #expect((employee["golongan_since"] ?? "") >= entryText, "\(nip) golongan before entry")
            #expect((employee["position_since"] ?? "") >= entryText, "\(nip) position before entry")
        }
    }

    @Test("education: SMA first, each higher level graduated later, the highest matching the usual level of the post")
    func educationOrder() throws {
        let city = try GeneratedCity.demo.get()
        let order = ["SD", "SMP", "SMA", "D1", "D2", "D3", "D4", "S1", "S2", "S3"]
        var byNIP: [String: [(level: Int, date: String)]] = [:]
        for row in try city.rows(.education) {
            let level = try #require(order.firstIndex(of: row["level"] ?? ""), "education level \(row["level"] ?? "")")
            byNIP[row["nip"] ?? "", default: []].append((level, row["graduated_on"] ?? ""))
        }
        #expect(byNIP.count == city.options.employees, "every employee has an education row")
        for (nip, rows) in byNIP {
            let sorted = rows.sorted { $0.level < $1.level }
            #expect(sorted.first?.level == order.firstIndex(of: "SMA"), "\(nip) has no SMA row")
            for (lower, higher) in zip(sorted, sorted.dropFirst()) {
                #expect(lower.level < higher.level && lower.date < higher.date, "\(nip): \(order[higher.level]) not after \(order[lower.level])")
            }
        }
    }

    @Test("a structural post has at most one AKTIF, CLTN or suspended holder; some are vacant or retiring")
    func structuralPosts() throws {
        let city = try GeneratedCity.demo.get()
        let positions = try city.rows(.positions)
        let structural = Set(positions.filter { ["JPT_PRATAMA", "ADMINISTRATOR", "PENGAWAS"].contains($0["kind"] ?? "") }
            .compactMap { $0["position_code"] })
        let bup = Dictionary(uniqueKeysWithValues: positions.map { ($0["position_code"] ?? "", $0["kind"] == "JPT_PRATAMA" ? 60 : 58) })
        var holders: [String: Int] = [:]
        var retiring = 0
        for employee in try city.rows(.employees) where ["AKTIF", "CLTN", "DIBERHENTIKAN_SEMENTARA"].contains(employee["state"] ?? "") {
            let code = employee["position_code"] ?? ""
            guard structural.contains(code) else { continue }
            holders[code, default: 0] += 1
            // BUP birthday (birth date + BUP) on or before D + 2 years (DOMAIN.md §8); ISO text compares as dates.
            let birth = employee["birth_date"] ?? ""
            let bupBirthday = String((Int(birth.prefix(4)) ?? 0) + (bup[code] ?? 58)) + birth.dropFirst(4)
            if bupBirthday <= "2028-03-31" { retiring += 1 }
        }
        #expect(holders.values.allSatisfy { $0 == 1 }, "posts with several holders: \(holders.filter { $0.value > 1 }.keys.sorted())")
        let vacant = structural.count - holders.count
        #expect(vacant > 0 && vacant < structural.count / 4, "some vacant posts, got \(vacant) of \(structural.count)")
        #expect(retiring > 0, "some holders near their BUP")
    }

    @Test("status shares: about 75% PNS, the rest CPNS, PPPK and PPPK paruh waktu; states mostly AKTIF")
    func shares() throws {
        let city = try GeneratedCity.demo.get()
        let employees = try city.rows(.employees)
        func share(_ column: String, _ value: String) -> Double {
            Double(employees.filter { $0[column] == value }.count) / Double(employees.count)
        }
        #expect((0.72...0.78).contains(share("status", "PNS")), "PNS \(share("status", "PNS"))")
        #expect((0.015...0.06).contains(share("status", "CPNS")), "CPNS \(share("status", "CPNS"))")
        #expect((0.12...0.22).contains(share("status", "PPPK")), "PPPK \(share("status", "PPPK"))")
        #expect((0.02...0.09).contains(share("status", "PPPK_PARUH_WAKTU")), "PPPK paruh waktu \(share("status", "PPPK_PARUH_WAKTU"))")
        #expect(share("state", "AKTIF") > 0.93)
        for state in ["CLTN", "DIBERHENTIKAN_SEMENTARA", "PENSIUN", "BERHENTI"] {
            #expect((0.0005...0.03).contains(share("state", state)), "\(state) \(share("state", state))")
        }
        #expect((0.35...0.65).contains(share("sex", "P")))
    }

    @Test("SKP predicates: BAIK most common, SANGAT_BAIK scarce, KURANG and SANGAT_KURANG rare, some legacy scores")
    func predicates() throws {
        let city = try GeneratedCity.demo.get()
        let rows = try city.rows(.performance)
        func share(_ predicate: String) -> Double {
            Double(rows.filter { $0["predicate"] == predicate }.count) / Double(rows.count)
        }
        #expect(share("BAIK") > 0.6)
        #expect((0.05...0.15).contains(share("SANGAT_BAIK")), "SANGAT_BAIK \(share("SANGAT_BAIK"))")
        #expect((0.05...0.25).contains(share("BUTUH_PERBAIKAN")))
        #expect(share("KURANG") + share("SANGAT_KURANG") < 0.05)
        #expect(rows.contains { $0["predicate"] == "" && $0["year"] == "2022" }, "a few legacy numeric scores in 2022")
        let employeesWithRows = Set(rows.compactMap { $0["nip"] }).count
        #expect(employeesWithRows < city.options.employees, "some employees miss every SKP year")
    }
}
