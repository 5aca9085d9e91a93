// swift-tools-version:6.1
import PackageDescription

// One loop sets the compiler standard for every target (see STYLE.md): Swift 6 language mode
// plus the upcoming features that keep imports and existentials explicit.
let upcoming: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "Talenta",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "talenta", targets: ["talenta"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        // Tests only: an independent reader to check what Talenta writes.
        .package(url: "https://github.com/swiftcsv/SwiftCSV", from: "0.10.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/CoreOffice/XMLCoder", from: "0.18.2"),
    ],
    targets: [
        // libpq, as Debian's libpq-dev ships it.
        .systemLibrary(
            name: "CLibPQ",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]
        ),
        // A thin, owned wrapper over libpq. Knows nothing of jobs or talent.
        .target(name: "Postgres", dependencies: ["CLibPQ"]),
        // The job queue engine: enqueue, claim, complete/fail/retry, worker pool.
        .target(name: "JobQueue", dependencies: [
            "Postgres",
            .product(name: "Logging", package: "swift-log"),
        ]),
        // The pure talent rules (PermenPANRB 3/2020): records in, decisions out. No SQL, no I/O, no clock.
        .target(name: "Talent"),
        // A table of typed cells written as an Office Open XML workbook (.xlsx): ZIPFoundation packs, XMLCoder writes.
        .target(name: "Spreadsheet", dependencies: [
            .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            .product(name: "XMLCoder", package: "XMLCoder"),
        ]),
        // The DOMAIN.md §11 interchange files: a strict streaming CSV reader in (see StrictCSVReader for why no
        // package), result tables out as CSV or xlsx.
        .target(name: "Interchange", dependencies: ["Talent", "Spreadsheet"]),
        // The hr/talent schemas seen from Swift: set-wise reads of review inputs, result writes, import, export.
        .target(name: "TalentStore", dependencies: ["Postgres", "Talent"]),
        // A deterministic synthetic city (Kota Bontang-like) written as the §11 input files, for demos and load tests.
        .target(name: "DemoCity", dependencies: ["Interchange", "Talent"]),
        // Job handlers that join the queue, the database and the talent rules.
        .target(name: "TalentJobs", dependencies: [
            "JobQueue", "Postgres", "Talent", "TalentStore",
            .product(name: "Logging", package: "swift-log"),
        ]),
        // The nine-box report drawn as SVG or HTML from plain counts. Foundation only: no database, no I/O.
        .target(name: "Reports"),
        // Log output formats for the executable's bootstrap: JSON lines for log shippers.
        .target(name: "LogFormats", dependencies: [.product(name: "Logging", package: "swift-log")]),
        // The worker's metrics (swift-metrics) and the Prometheus text endpoint that serves them.
        .target(name: "WorkerMetrics", dependencies: [
            "JobQueue",
            .product(name: "CoreMetrics", package: "swift-metrics"),
            .product(name: "Prometheus", package: "swift-prometheus"),
            .product(name: "FlyingFox", package: "FlyingFox"),
            .product(name: "FlyingSocks", package: "FlyingFox"),
        ]),
        .executableTarget(name: "talenta", dependencies: [
            "Postgres", "JobQueue", "Talent", "Interchange", "TalentStore", "TalentJobs", "DemoCity",
            "Reports", "LogFormats", "WorkerMetrics",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "CoreMetrics", package: "swift-metrics"),
            .product(name: "Prometheus", package: "swift-prometheus"),
        ]),
        // Test-only: every suite runs its tests on threads of their own, off Swift concurrency's cooperative pool.
        .target(name: "TestThreads", path: "Tests/TestThreads"),
        // Test-only: a fresh, migrated database per suite on the server DATABASE_URL names.
        .target(name: "PostgresTestSupport", dependencies: ["Postgres"], path: "Tests/PostgresTestSupport"),
        .testTarget(name: "PostgresTests", dependencies: ["Postgres", "PostgresTestSupport", "TestThreads"]),
        .testTarget(name: "JobQueueTests", dependencies: [
            "JobQueue", "Postgres", "PostgresTestSupport", "TestThreads", .product(name: "Logging", package: "swift-log"),
        ]),
        .testTarget(name: "TalentTests", dependencies: ["Talent", "Interchange", "TestThreads"]),
        .testTarget(name: "DemoCityTests", dependencies: [
            "DemoCity", "Interchange", "Talent", "TestThreads", .product(name: "SwiftCSV", package: "SwiftCSV"),
        ]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "Talent", "TestThreads"]),
        .testTarget(name: "SpreadsheetTests", dependencies: [
            "Spreadsheet", "Interchange", "Talent", "TestThreads",
            .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            .product(name: "SwiftCSV", package: "SwiftCSV"),
        ]),
        .testTarget(name: "ObservabilityTests", dependencies: [
            "LogFormats", "WorkerMetrics", "JobQueue", "Postgres", "PostgresTestSupport", "TestThreads",
            .product(name: "Logging", package: "swift-log"),
            .product(name: "CoreMetrics", package: "swift-metrics"),
            .product(name: "Prometheus", package: "swift-prometheus"),
        ]),
        .testTarget(name: "TalentJobsTests", dependencies: [
            "TalentJobs", "TalentStore", "LogFormats", "JobQueue", "Postgres", "PostgresTestSupport", "TestThreads", "Talent",
            "Interchange",
            .product(name: "Logging", package: "swift-log"), .product(name: "SwiftCSV", package: "SwiftCSV"),
            .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ]),
    ],
    swiftLanguageModes: [.v6]
)

for target in package.targets where target.type != .system {
    target.swiftSettings = (target.swiftSettings ?? []) + upcoming
}
