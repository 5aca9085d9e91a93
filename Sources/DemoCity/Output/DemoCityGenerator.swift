public import Foundation
import Interchange
public import Talent

/// What `DemoCityGenerator.write` is asked to make.
public struct DemoCityOptions: Sendable {
    /// Number of good employee rows, 50 … 6,000,000 (the demo uses 5,000; `make bench-national` 5,600,000, the
    /// national civil service).
    public var employees: Int
    /// The seed: the same seed, count, reference date and error switch give byte-identical files.
    public var seed: UInt64
    /// The review's reference date D: no generated date lies after it, except a penalty's `ends_on`.
    public var referenceDate: CivilDate
    /// Adds a handful of deliberately bad rows (see `BadRows`) for import tests, on top of the good ones.
    public var withErrors: Bool

    /// The allowed employee counts.
    public static let employeeRange = 50...6_000_000

    public init(employees: Int, seed: UInt64, referenceDate: CivilDate = CivilDate(year: 2026, month: 3, day: 31)!,
                withErrors: Bool = false) {
        self.employees = employees
        self.seed = seed
        self.referenceDate = referenceDate
        self.withErrors = withErrors
    }
}

/// The rows written per file, in DOMAIN.md §11 order (headers not counted).
public struct DemoCityReport: Sendable {
    public let rows: [(file: InputFile, count: Int)]

    public func count(of file: InputFile) -> Int {
        rows.first { $0.file == file }?.count ?? 0
    }
}

/// Why the demo city cannot be written.
public enum DemoCityError: Error, CustomStringConvertible {
    /// The employee count is outside `DemoCityOptions.employeeRange`.
    case employeesOutOfRange(Int)
    /// A file could not be created or written.
    case cannotWrite(path: String, reason: String)

    public var description: String {
        switch self {
        case .employeesOutOfRange(let count):
            "employees must be in \(DemoCityOptions.employeeRange.lowerBound)…\(DemoCityOptions.employeeRange.upperBound), got \(count)"
        case .cannotWrite(let path, let reason): "cannot write \(path): \(reason)"
        }
    }
}

/// Writes a deterministic synthetic city modelled on Kota Bontang as the DOMAIN.md §11 input files, the optional files
/// of the BKN 411/2025 preset and education.csv's `field_fit` included (`PresetHistoryMaker`), so one city can be
/// reviewed under both rule sets.
///
/// Rows stream to the files in chunks of `chunkSize` employees, so memory stays flat whatever the count (only a
/// set of issued NIPs grows, 8 bytes per employee). No clock and no system randomness are read.
public enum DemoCityGenerator {
    /// The files written, §11 order: every input file.
    public static let files = InputFile.allCases

    /// Employees per rendered chunk.
    static let chunkSize = 2_048

    /// Writes `units.csv` … `position_history.csv` into `directory` (created if missing; existing files are replaced).
    /// - Returns: the number of rows written per file.
    /// - Throws: `DemoCityError.employeesOutOfRange` for a bad count, `DemoCityError.cannotWrite` when the folder or
    ///   a file cannot be written.
    public static func write(_ options: DemoCityOptions, to directory: URL) throws -> DemoCityReport {
        guard DemoCityOptions.employeeRange.contains(options.employees) else {
            throw DemoCityError.employeesOutOfRange(options.employees)
        }
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw DemoCityError.cannotWrite(path: directory.path, reason: "\(error)")
        }
        let sinks = try DemoCityGenerator.files.map { try FileSink(file: $0, url: directory.appendingPathComponent($0.rawValue)) }
        defer { for sink in sinks { try? sink.close() } }  // after an error only; close() is idempotent

        let city = CityStructure()
        let maker = EmployeeMaker(city: city, referenceDate: options.referenceDate, seed: options.seed,
                                  employees: options.employees)
        let badRows = options.withErrors
            ? BadRows(seed: options.seed, employees: options.employees, city: city, referenceDate: options.referenceDate) : nil
        var nips = NIPRegistry(expected: options.employees)
        if let badRows { for nip in badRows.reservedNIPs { nips.reserve(nip) } }

        var batch = RowBatch()
        for row in city.units { batch.add(.units, row) }
        for row in city.positionRows { batch.add(.positions, row) }
        var start = 0
        while start < options.employees {
            let end = min(start + chunkSize, options.employees)
            for index in start..<end {
                maker.make(index: index, nips: &nips, into: &batch)
                badRows?.addRows(after: index, to: &batch)
            }
            try flush(&batch, to: sinks)
            start = end
        }
        try flush(&batch, to: sinks)
        for sink in sinks { try sink.close() }
        return DemoCityReport(rows: sinks.map { ($0.file, $0.rows) })
    }

    private static func flush(_ batch: inout RowBatch, to sinks: [FileSink]) throws {
        for sink in sinks {
            try sink.append(batch.rows(of: sink.file))
        }
        batch.removeAll()
    }
}

/// One output file being streamed: the header once, then rendered chunks.
private final class FileSink {
    let file: InputFile
    let url: URL
    private let handle: FileHandle
    private(set) var rows = 0

    init(file: InputFile, url: URL) throws {
        self.file = file
        self.url = url
        guard FileManager.default.createFile(atPath: url.path, contents: Data(CSVWriter.render(header: file.header, rows: []).utf8)),
              let handle = FileHandle(forWritingAtPath: url.path)
        else { throw DemoCityError.cannotWrite(path: url.path, reason: "cannot create the file") }
        handle.seekToEndOfFile()
        self.handle = handle
    }

    func append(_ chunk: [[String]]) throws {
        guard !chunk.isEmpty else { return }
        do {
            try handle.write(contentsOf: Data(CSVWriter.renderRows(chunk, columns: file.header.count).utf8))
        } catch {
            throw DemoCityError.cannotWrite(path: url.path, reason: "\(error)")
        }
        rows += chunk.count
    }

    private var closed = false

    /// Closes the file; a second call does nothing.
    func close() throws {
        guard !closed else { return }
        closed = true
        do {
            try handle.close()
        } catch {
            throw DemoCityError.cannotWrite(path: url.path, reason: "\(error)")
        }
    }
}
