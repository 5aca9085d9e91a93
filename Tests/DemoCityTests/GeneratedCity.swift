import DemoCity
import Foundation
import SwiftCSV
import Talent

/// A demo city written to a fresh temporary folder and read back with SwiftCSV, one row a `[column: value]`.
struct GeneratedCity {
    let directory: URL
    let report: DemoCityReport
    let options: DemoCityOptions

    init(_ options: DemoCityOptions) throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("democity-\(options.seed)-\(options.employees)-\(UUID().uuidString)", isDirectory: true)
        self.options = options
        report = try DemoCityGenerator.write(options, to: directory)
    }

    func url(_ file: InputFile) -> URL {
        directory.appendingPathComponent(file.rawValue)
    }

    func bytes(_ file: InputFile) throws -> Data {
        try Data(contentsOf: url(file))
    }

    func rows(_ file: InputFile) throws -> [[String: String]] {
        try CSV<Named>(url: url(file), delimiter: .comma, loadColumns: false).rows
    }

    func headerLine(_ file: InputFile) throws -> String {
        let text = try String(contentsOf: url(file), encoding: .utf8)
        return String(text.prefix { $0 != "\n" })
    }

    func remove() {
        try? FileManager.default.removeItem(at: directory)
    }

    /// The 5,000-employee demo city of seed 2026, made once for the suites that only read it.
    static let demo: Result<GeneratedCity, any Error> = Result {
        try GeneratedCity(DemoCityOptions(employees: 5_000, seed: 2026))
    }
}
