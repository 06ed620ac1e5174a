// swift-tools-version: 6.1
//
// krtplan — electrolyte planning for prolonged kidney replacement therapy.
// Data flows one way: case → model → LP → plan → report (see docs/architecture.md).

import PackageDescription

let package = Package(
    name: "krtplan",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "krtplan", targets: ["krtplan"]),
        .library(name: "LinearProgramming", targets: ["LinearProgramming"]),
        .library(name: "KRTPlanner", targets: ["KRTPlanner"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/swiftcsv/SwiftCSV", from: "0.10.0"),
    ],
    targets: [
        // MARK: - The C boundary (internal; nothing outside LinearProgramming imports these)

        /// Debian's libglpk-dev ships no pkg-config file: link by name, apt provider only.
        .systemLibrary(
            name: "CGLPK",
            providers: [.apt(["libglpk-dev"])]
        ),
        /// setjmp-guarded GLPK entry points: GLPK calls abort() on bad data; Swift cannot setjmp.
        .target(
            name: "CGLPKShim",
            dependencies: ["CGLPK"],
            linkerSettings: [.linkedLibrary("glpk")]
        ),

        // MARK: - Libraries

        /// Value-typed LP/MILP modelling layer and its GLPK backend.
        .target(
            name: "LinearProgramming",
            dependencies: ["CGLPKShim", "CGLPK"]
        ),
        /// Quantities with explicit units, solutes, molar masses and conversions.
        .target(name: "KRTUnits"),
        /// Reading YAML data files with field paths, size limits and clear issues.
        .target(
            name: "KRTInput",
            dependencies: ["KRTUnits", .product(name: "Yams", package: "Yams")]
        ),
        /// Patient, therapy, clearance, compartment models, exact step maps, simulator.
        .target(
            name: "KRTKinetics",
            dependencies: ["KRTUnits", "KRTInput"]
        ),
        /// Maximum a posteriori / weighted least-squares estimation (priors, Levenberg–Marquardt with
        /// restarts, Laplace covariance): the per-patient fit and the population calibration (docs/fitting.md).
        .target(name: "KRTEstimation"),
        /// KRT fluid and supplement catalogs, limits, and the compounding check.
        .target(
            name: "KRTCatalog",
            dependencies: ["KRTUnits", "KRTInput"]
        ),
        /// Labs from hospital systems (FHIR R4 Observations, CLIF and long-table CSV) as case `labs:` entries.
        .target(
            name: "KRTImport",
            dependencies: ["KRTUnits", "KRTInput", .product(name: "SwiftCSV", package: "SwiftCSV")]
        ),
        /// Case files, the plan problem (kinetics → LP), planner, verification, explanation, comparison.
        .target(
            name: "KRTPlanner",
            dependencies: ["LinearProgramming", "KRTUnits", "KRTInput", "KRTKinetics", "KRTCatalog", "KRTEstimation"]
        ),
        /// Rendering plans and simulations as text, JSON, CSV and self-contained HTML.
        .target(
            name: "KRTReport",
            dependencies: ["KRTPlanner"]
        ),

        /// Batches over JSON Lines, shards and merges, virtual populations and protocol studies.
        .target(
            name: "KRTBatch",
            dependencies: ["KRTPlanner", "KRTInput", "KRTKinetics", "KRTCatalog", "KRTUnits"]
        ),

        /// The calibration harness: published figures → krtplan cases → model vs published vs single-pool,
        /// and the population fit on the calibration half (docs/validation.md; `make calibrate`).
        .target(
            name: "KRTCalibration",
            dependencies: ["KRTPlanner", "KRTKinetics", "KRTCatalog", "KRTInput", "KRTUnits", "KRTEstimation"]
        ),

        // MARK: - The command-line tool

        .executableTarget(
            name: "krtplan",
            dependencies: [
                "KRTPlanner", "KRTReport", "KRTCatalog", "KRTKinetics", "KRTUnits", "KRTInput", "KRTImport",
                "LinearProgramming", "KRTBatch", "KRTCalibration", "KRTEstimation",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // MARK: - Benchmarks (docs/performance.md; `make bench`)

        /// The measurement harness. Public API only in ordinary builds; its `*+Internals.swift` files
        /// (timing the model build and search phases, experiments) compile only in `make bench`'s own
        /// build (`-enable-testing -DKRTPLAN_BENCH_TESTABLE …`), so planner changes never break `swift build`.
        .executableTarget(
            name: "krtplan-bench",
            dependencies: ["KRTPlanner", "KRTKinetics", "KRTCatalog", "KRTInput", "KRTUnits", "LinearProgramming"]
        ),

        // MARK: - Tests

        .testTarget(name: "LinearProgrammingTests", dependencies: ["LinearProgramming"]),
        .testTarget(name: "KRTUnitsTests", dependencies: ["KRTUnits"]),
        .testTarget(name: "KRTInputTests", dependencies: ["KRTInput"]),
        .testTarget(
            name: "KRTKineticsTests",
            dependencies: ["KRTKinetics", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(name: "KRTCatalogTests", dependencies: ["KRTCatalog"]),
        .testTarget(name: "KRTEstimationTests", dependencies: ["KRTEstimation"]),
        .testTarget(name: "KRTCalibrationTests", dependencies: ["KRTCalibration", "KRTCatalog", "KRTInput", "KRTKinetics", "KRTPlanner", "KRTUnits"]),
        .testTarget(
            name: "KRTPlannerTests",
            dependencies: ["KRTPlanner", "LinearProgramming", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(name: "KRTReportTests", dependencies: ["KRTReport"]),
        .testTarget(name: "KRTImportTests", dependencies: ["KRTImport", "KRTPlanner"], exclude: ["Fixtures"]),
        .testTarget(name: "KRTBatchTests", dependencies: ["KRTBatch", "KRTInput", "KRTPlanner"]),
        /// Runs the built `krtplan` binary.
        .testTarget(name: "CLITests", dependencies: ["KRTInput"], exclude: ["BadInputs"]),
        /// Safety invariants: property tests over random cases, fuzz corpus replay (docs/safety.md).
        .testTarget(
            name: "SafetyTests",
            dependencies: [
                "KRTPlanner", "KRTCatalog", "KRTKinetics", "KRTInput", "KRTUnits", "LinearProgramming", "KRTImport",
            ],
            exclude: ["Regressions"]
        ),
    ]
)
