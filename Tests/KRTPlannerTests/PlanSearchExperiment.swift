import Foundation
import Testing
import KRTKinetics
import KRTUnits
@testable import KRTPlanner

/// Opt-in timing experiment (KRT_EXPERIMENT=1); asserts nothing about time.
@Test(.enabled(if: ProcessInfo.processInfo.environment["KRT_EXPERIMENT"] == "1"))
func planSearchExperiment() throws {
    let problem = SyntheticProblems.flagship()
    let t0 = Date()
    let model = PlanModel(problem: problem)
    let t1 = Date()
    print("build \(t1.timeIntervalSince(t0) * 1000) ms, vars \(model.program.variables.count), rows \(model.program.constraints.count), slots \(model.slots.count)")
    let result = try PlanSearch.run(model, options: PlanningOptions(relativeGap: 0.01, timeLimit: 60, threads: 2))
    let t2 = Date()
    print("search \(t2.timeIntervalSince(t1) * 1000) ms objective \(result.objective) bound \(result.lowerBound) gap \(result.relativeGap) relax \(result.relaxationsSolved) leaves \(result.leavesSolved) nodes \(result.nodesExplored) assignment \(result.assignment) \(result.termination)")
}

@Test(.enabled(if: ProcessInfo.processInfo.environment["KRT_EXPERIMENT"] == "2"))
func exportLeafExperiment() throws {
    let problem = SyntheticProblems.flagship()
    let model = PlanModel(problem: problem)
    var program = model.program
    PlanSearch.fix(&program, slots: model.slots, partial: [3, 3, 3, 3, 3, 3])
    try program.exportText(.cplexLP).write(toFile: "/tmp/proto/leaf.lp", atomically: true, encoding: .utf8)
    try model.program.exportText(.cplexLP).write(toFile: "/tmp/proto/full.lp", atomically: true, encoding: .utf8)
}

@Test(.enabled(if: ProcessInfo.processInfo.environment["KRT_EXPERIMENT"] == "3"))
func exportLeafVariants() throws {
    let env = ProcessInfo.processInfo.environment
    var problem = SyntheticProblems.flagship()
    problem.weights.order = Double(env["W_ORDER"] ?? "10") ?? 10
    problem.weights.middlePull = Double(env["W_PULL"] ?? "0.5") ?? 0.5
    problem.weights.amount = Double(env["W_AMOUNT"] ?? "0.1") ?? 0.1
    if let unit = env["PHOS_UNIT"].flatMap(Double.init) {
        problem.drugs = problem.drugs.map { drug in
            guard drug.mainSolute == .phosphate else { return drug }
            var d = drug
            let scale = unit / 15
            d.deliveredPerUnit = d.deliveredPerUnit.mapValues { $0 * scale }
            d.contentPerUnit = d.deliveredPerUnit
            d.maxUnitsPerOrder = Int((Double(d.maxUnitsPerOrder) / scale).rounded())
            d.caps = d.caps.map { var c = $0; c.units = Int((Double(c.units) / scale).rounded()); return c }
            return d
        }
    }
    if let keep = env["DRUGS"] { problem.drugs = problem.drugs.filter { keep.split(separator: ",").map(String.init).contains($0.name) } }
    if env["NO_GATE"] == "1" { problem.drugs = problem.drugs.map { var d = $0; d.gate = nil; return d } }
    let model = PlanModel(problem: problem)
    var program = model.program
    PlanSearch.fix(&program, slots: model.slots, partial: [3, 3, 3, 3, 3, 3])
    try program.exportText(.cplexLP).write(toFile: "/tmp/proto/leaf_\(env["TAG"] ?? "x").lp", atomically: true, encoding: .utf8)
}
