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
        .package(url: "https://github.com/swiftcsv/SwiftCSV", from: "0.10.0"),
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
        // The DOMAIN.md §11 interchange files (CSV) to and from Talent records.
        .target(name: "Interchange", dependencies: [
            "Talent",
            .product(name: "SwiftCSV", package: "SwiftCSV"),
        ]),
        // The hr/talent schemas seen from Swift: set-wise reads of review inputs, result writes, import, export.
        .target(name: "TalentStore", dependencies: ["Postgres", "Talent"]),
        // A deterministic synthetic city (Kota Bontang-like) written as the §11 input files, for demos and load tests.
        .target(name: "DemoCity", dependencies: ["Interchange", "Talent"]),
        // Job handlers that join the queue, the database and the talent rules.
        .target(name: "TalentJobs", dependencies: [
            "JobQueue", "Postgres", "Talent", "TalentStore",
            .product(name: "Logging", package: "swift-log"),
        ]),
        .executableTarget(name: "talenta", dependencies: [
            "Postgres", "JobQueue", "Talent", "Interchange", "TalentStore", "TalentJobs", "DemoCity",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // Test-only: a fresh, migrated database per suite on the server DATABASE_URL names.
        .target(name: "PostgresTestSupport", dependencies: ["Postgres"], path: "Tests/PostgresTestSupport"),
        .testTarget(name: "PostgresTests", dependencies: ["Postgres", "PostgresTestSupport"]),
        .testTarget(name: "JobQueueTests", dependencies: [
            "JobQueue", "Postgres", "PostgresTestSupport", .product(name: "Logging", package: "swift-log"),
        ]),
        .testTarget(name: "TalentTests", dependencies: ["Talent", "Interchange"]),
        .testTarget(name: "DemoCityTests", dependencies: [
            "DemoCity", "Interchange", "Talent", .product(name: "SwiftCSV", package: "SwiftCSV"),
        ]),
        .testTarget(name: "TalentJobsTests", dependencies: [
            "TalentJobs", "TalentStore", "JobQueue", "Postgres", "PostgresTestSupport", "Talent", "Interchange",
            .product(name: "Logging", package: "swift-log"), .product(name: "SwiftCSV", package: "SwiftCSV"),
        ]),
    ],
    swiftLanguageModes: [.v6]
)

for target in package.targets where target.type != .system {
    target.swiftSettings = (target.swiftSettings ?? []) + upcoming
}
