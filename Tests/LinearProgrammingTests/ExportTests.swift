import Foundation
import LinearProgramming
import Testing

/// `glpsol` from glpk-utils, if installed (the round-trip tests are skipped otherwise).
let glpsolPath: String? = {
    let directories = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
    return (directories + ["/usr/bin", "/usr/local/bin"])
        .map { $0 + "/glpsol" }
        .first { FileManager.default.isExecutableFile(atPath: $0) }
}()

/// Runs glpsol on exported text and returns the objective it reports.
func glpsolObjective(_ text: String, format: ExportFormat, maximize: Bool) throws -> Double {
    let directory = FileManager.default.temporaryDirectory
    let base = "krtplan-roundtrip-\(UUID().uuidString)"
    let model = directory.appendingPathComponent(base + "." + format.fileExtension)
    let report = directory.appendingPathComponent(base + ".out")
    defer {
        try? FileManager.default.removeItem(at: model)
        try? FileManager.default.removeItem(at: report)
    }
    try text.write(to: model, atomically: true, encoding: .utf8)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: try #require(glpsolPath))
    process.arguments = [format == .cplexLP ? "--lp" : "--freemps", model.path, "-o", report.path]
        + (maximize && format == .freeMPS ? ["--max"] : [])
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    // "Objective:  profit = 36 (MAXimum)"
    let line = try #require(try String(contentsOf: report, encoding: .utf8)
        .split(separator: "\n").first { $0.hasPrefix("Objective:") })
    let value = try #require(line.split(separator: "=").last?.split(separator: "(").first)
    return try #require(Double(value.trimmingCharacters(in: .whitespaces)))
}

@Suite("Export")
struct ExportTests {
    static func models() -> [LinearProgram] {
        var wyndor = Textbook.wyndor().model
        wyndor.objective.expression.constant = 7 // exercise the constant
        var ranged = LinearProgram(name: "ranged")
        let a = ranged.addVariable(name: "a", bounds: .free)
        let b = ranged.addVariable(name: "b", kind: .integer, bounds: .between(-3, 8))
        let c = ranged.addVariable(name: "c", bounds: .exactly(1.5))
        ranged.addConstraint(a + 2 * b - c, .between(-4, 6.25), name: "band")
        ranged.addConstraint(a - b + 1, .atLeast(-2), name: "floor.1")
        ranged.minimize(a + 0.5 * b + c - 10)
        return [wyndor, Textbook.transportation().model, Textbook.knapsack().model, ranged]
    }

    @Test("Exported LP and MPS re-solve with glpsol to the same objective",
          .enabled(if: glpsolPath != nil, "glpsol (glpk-utils) is not installed"),
          arguments: [ExportFormat.cplexLP, .freeMPS])
    func roundTrip(format: ExportFormat) throws {
        for model in Self.models() {
            let ours = try #require(try model.solve().solution).objectiveValue
            let text = try model.exportText(format)
            let maximize = model.objective.sense == .maximize
            let theirs = try glpsolObjective(text, format: format, maximize: maximize)
            // GLPK's LP writer keeps the objective constant only as a comment.
            let expected = format == .cplexLP ? ours - model.objective.expression.constant : ours
            #expect(approx(theirs, expected, 1e-8), "\(model.name) \(format): glpsol \(theirs), expected \(expected)")
        }
    }

    @Test("Exported files name the problem, the objective and the sense")
    func selfDescribing() throws {
        let model = Self.models()[0]
        let lp = try model.exportText(.cplexLP)
        #expect(lp.contains("\\* Problem: wyndor *\\"))
        #expect(lp.contains("Maximize\n profit:"))
        #expect(lp.contains("plant3:"))
        #expect(lp.contains("constant term = 7"))
        let mps = try model.exportText(.freeMPS)
        #expect(mps.contains("NAME wyndor"))
        #expect(mps.contains("* Objective:  profit (maximize), written as row R0000000"))
        #expect(mps.contains("glpsol --max"))
        #expect(mps.contains(" L plant3"))
        let lines = mps.split(separator: "\n")
        #expect(lines.firstIndex { $0.hasPrefix("* Objective:") } ?? 99 < lines.firstIndex { $0.hasPrefix("NAME") } ?? 0)
    }

    @Test("Integer and binary variables are marked in the export")
    func integers() throws {
        let text = try Textbook.knapsack().model.exportText(.cplexLP)
        #expect(text.contains("Binary") || text.contains("Generals"))
        let mps = try Textbook.knapsack().model.exportText(.freeMPS)
        #expect(mps.contains("'MARKER'") && mps.contains("'INTORG'"))
    }

    @Test("No temporary files are left behind")
    func cleansUp() throws {
        let directory = FileManager.default.temporaryDirectory.path
        func exports() throws -> Set<String> {
            Set(try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasPrefix("krtplan-export-") })
        }
        let before = try exports()
        for format in [ExportFormat.cplexLP, .freeMPS] { _ = try Textbook.wyndor().model.exportText(format) }
        // Other tests may be exporting concurrently (their files are transient): wait until
        // every file that appeared has gone again; a leaked file never would.
        var leftovers = try exports().subtracting(before)
        for _ in 0..<50 where !leftovers.isEmpty {
            Thread.sleep(forTimeInterval: 0.1)
            leftovers = try exports().subtracting(before)
        }
        #expect(leftovers.isEmpty, "\(leftovers)")
    }
}
