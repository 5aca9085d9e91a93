import Foundation
#if canImport(CoreFoundation)
// Since ZIPFoundation and XMLCoder joined the build, a release build of this module finds `timespec` in
// CoreFoundation's clang module, and MemberImportVisibility wants that module imported here.
import CoreFoundation
#endif

/// Wall-clock and CPU seconds of a command's phases, printed as a small table with each phase's throughput and the
/// process's peak resident set size. For operators' dry runs and benchmarks: figures, never assertions.
struct PhaseTimings {
    private struct Phase {
        let name: String
        let wallSeconds: Double
        let cpuSeconds: Double
        var throughput: (count: Int, unit: String)?
    }

    private var phases: [Phase] = []
    private let clock = ContinuousClock()

    /// Runs `body` as the phase `name`, recording its wall-clock seconds and the calling thread's CPU seconds (which a
    /// busy machine inflates less than wall time).
    /// - Returns: `body`'s result.
    /// - Throws: whatever `body` throws (the phase is then not recorded).
    mutating func measure<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
        let cpuStart = Self.threadCPUSeconds()
        let start = clock.now
        let result = try body()
        let elapsed = start.duration(to: clock.now)
        let wall = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        phases.append(Phase(name: name, wallSeconds: wall, cpuSeconds: Self.threadCPUSeconds() - cpuStart))
        return result
    }

    /// Sets the throughput of the phase measured last: `count` `unit` per wall-clock second.
    mutating func setThroughput(_ count: Int, _ unit: String) {
        guard !phases.isEmpty else { return }
        phases[phases.count - 1].throughput = (count, unit)
    }

    /// One line per phase (`phase  wall s  cpu s  throughput`), a total, and the peak RSS in MB.
    var table: String {
        var lines = [Self.row("phase", "wall s", "cpu s", "throughput")]
        for phase in phases {
            let rate = phase.throughput.map {
                "\(Self.grouped(Int((Double($0.count) / max(phase.wallSeconds, 1e-9)).rounded()))) \($0.unit)/s"
            }
            lines.append(Self.row(phase.name, Self.seconds(phase.wallSeconds), Self.seconds(phase.cpuSeconds), rate ?? ""))
        }
        lines.append(Self.row("total", Self.seconds(phases.reduce(0) { $0 + $1.wallSeconds }),
                              Self.seconds(phases.reduce(0) { $0 + $1.cpuSeconds }), ""))
        lines.append("peak RSS \(Self.peakResidentMegabytes()) MB")
        return lines.joined(separator: "\n")
    }

    private static func row(_ name: String, _ wall: String, _ cpu: String, _ rate: String) -> String {
        let line = name.padding(toLength: 16, withPad: " ", startingAt: 0) + pad(wall, 9) + pad(cpu, 9)
        return rate.isEmpty ? line : line + "  " + rate
    }

    /// `1234567` → `1,234,567`.
    private static func grouped(_ value: Int) -> String {
        var digits = String(value)
        var index = digits.endIndex
        while digits.distance(from: digits.startIndex, to: index) > 3 {
            index = digits.index(index, offsetBy: -3)
            digits.insert(",", at: index)
        }
        return digits
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - text.count)) + text
    }

    private static func seconds(_ value: Double) -> String { String(format: "%.3f", value) }

    /// CPU seconds consumed by the calling thread.
    private static func threadCPUSeconds() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }

    /// The process's peak resident set size so far, in MB (Linux reports `ru_maxrss` in kilobytes).
    private static func peakResidentMegabytes() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return usage.ru_maxrss / 1024
    }
}
