import Foundation
import Testing
import LinearProgramming
@testable import KRTPlanner

/// The exported monolithic model, re-solved by other solvers, has its optimum within the plan's stated
/// gap: lower bound ≤ independent optimum ≤ plan objective.
struct ExportCrossCheckTests {
    static let text = """
        name: export cross-check
        patient: {weight: 70 kg, sex: male, hematocrit: 0.3}
        labs: [{at: 0 h, potassium: 3.3 mmol/L, phosphate: 0.8 mmol/L, magnesium: 0.75 mmol/L}]
        therapy: {modality: CVVHD, blood_flow: 150 mL/min, dialysate_flow: 2000 mL/h, anticoagulation: heparin}
        fluids: {dialysate: {choose_from: [Prismasol 4 mmol/l potassium, Phoxilium, Hemosol B0]}}
        supplements: {allowed: [KCl 20 mmol/100 mL], access: central, dose_every: 8 h}
        horizon: 24 h
        step: 2 h
        """

    static func planAndExport() throws -> (result: PlanResult, path: String) {
        let planningCase = try PlannerFixtures.planningCase(PlannerFixtures.caseFile(text))
        let planner = Planner(catalog: PlannerFixtures.catalog, options: PlanningOptions(timeLimit: 3600, threads: 1))
        let result = try planner.plan(planningCase)
        let path = NSTemporaryDirectory() + "krtplan-export-\(UUID().uuidString).lp"
        try planner.exportModel(planningCase, format: .cplexLP).write(toFile: path, atomically: true, encoding: .utf8)
        return (result, path)
    }

    static func run(_ executable: String, _ arguments: [String]) -> (status: Int32, output: String)? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        guard (try? process.run()) != nil else { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    static func glpsol() -> String? {
        ["/usr/bin/glpsol", "/usr/local/bin/glpsol"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    @Test func glpsolFindsAnOptimumWithinTheStatedGap() throws {
        guard let glpsol = Self.glpsol() else {
            print("glpsol not installed (apt-get install glpk-utils); skipping the cross-check")
            return
        }
        let (result, path) = try Self.planAndExport()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let solution = path + ".sol"
        defer { try? FileManager.default.removeItem(atPath: solution) }
        let outcome = try #require(Self.run(glpsol, ["--lp", path, "--tmlim", "120", "-o", solution]))
        #expect(outcome.status == 0, "\(outcome.output.suffix(400))")
        let report = try String(contentsOfFile: solution, encoding: .utf8)
        let line = try #require(report.split(separator: "\n").first { $0.contains("Objective:") })
        let value = try #require(line.split(separator: "=").last.flatMap { Double($0.split(separator: " ").first ?? "") })
        #expect(report.contains("INTEGER OPTIMAL"), "glpsol did not prove optimality")
        let solver = try #require(result.solver)
        #expect(value >= solver.bound - 1e-6 * max(1, abs(value)), "glpsol \(value) below the stated bound \(solver.bound)")
        #expect(value <= solver.objective + 1e-6 * max(1, abs(value)), "glpsol \(value) better than the plan \(solver.objective)")
    }

    @Test func highsFindsAnOptimumWithinTheStatedGapWhenAvailable() throws {
        let python = ProcessInfo.processInfo.environment["KRTPLAN_HIGHS_PYTHON"] ?? "/usr/bin/python3"
        guard let probe = Self.run(python, ["-c", "import highspy"]), probe.status == 0 else {
            print("highspy not importable with \(python); set KRTPLAN_HIGHS_PYTHON to a venv python with highspy; skipping")
            return
        }
        let (result, path) = try Self.planAndExport()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let script = "import highspy,sys;h=highspy.Highs();h.setOptionValue('output_flag',False);h.readModel(sys.argv[1]);h.setOptionValue('mip_rel_gap',1e-9);h.run();print(h.getInfo().objective_function_value)"
        let outcome = try #require(Self.run(python, ["-c", script, path]))
        let value = try #require(Double(outcome.output.split(separator: "\n").last.map(String.init) ?? ""))
        let solver = try #require(result.solver)
        #expect(value >= solver.bound - 1e-6 * max(1, abs(value)))
        #expect(value <= solver.objective + 1e-6 * max(1, abs(value)))
    }
}
