import Foundation
import Testing
import LinearProgramming
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
    print("search \(t2.timeIntervalSince(t1) * 1000) ms objective \(result.objective) bound \(result.lowerBound) gap \(result.relativeGap) lps \(result.lpsSolved) milps \(result.milpsSolved) assignments \(result.assignmentsEvaluated) assignment \(result.assignment) stopped \(result.stoppedEarly) residual \(result.residual)")
    for (phase, seconds) in result.phaseSeconds { print("  \(phase): \(Int(seconds * 1000)) ms") }
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
    if let keep = env["DRUGS"] { problem.drugs = problem.drugs.filter { keep.split(separator: ",").map(String.init).contains($0.name) } }
    if env["NO_GATE"] == "1" { problem.drugs = problem.drugs.map { var d = $0; d.gate = nil; return d } }
    let model = PlanModel(problem: problem)
    var program = model.program
    PlanSearch.fix(&program, slots: model.slots, partial: [3, 3, 3, 3, 3, 3])
    try program.exportText(.cplexLP).write(toFile: "/tmp/proto/leaf_\(env["TAG"] ?? "x").lp", atomically: true, encoding: .utf8)
}

@Test(.enabled(if: ProcessInfo.processInfo.environment["KRT_EXPERIMENT"] == "4"))
func leafDebugExperiment() throws {
    let env = ProcessInfo.processInfo.environment
    var problem = SyntheticProblems.flagship()
    problem.weights.order = Double(env["W_ORDER"] ?? "10") ?? 10
    problem.weights.middlePull = Double(env["W_PULL"] ?? "0.5") ?? 0.5
    problem.weights.amount = Double(env["W_AMOUNT"] ?? "0.1") ?? 0.1
    let model = PlanModel(problem: problem)
    var program = model.program
    let assignment = [3, 3, 3, 3, 3, 3]
    PlanSearch.fix(&program, slots: model.slots, partial: assignment)
    var t = Date()
    let outcome = try program.solve(SolveOptions(relaxIntegrality: true))
    print("LP relaxation \(outcome.termination) \(outcome.solution?.objectiveValue ?? .nan) in \(Date().timeIntervalSince(t) * 1000) ms, iterations \(outcome.statistics.simplexIterations)")
    let evaluator = DoseEvaluator(model: model, assignment: assignment)
    t = Date()
    let zero = evaluator.evaluate(units: model.doses.map { _ in 0 })
    print("zero doses: objective \(zero.objective) violation \(zero.violation) in \(Date().timeIntervalSince(t) * 1e6) µs")
    let values = outcome.solution?.variableValues ?? []
    let start = model.doses.map { values[$0.units.index] }
    t = Date()
    let found = DoseSearch.improve(evaluator, start: start)
    print("local search: objective \(found.evaluation.objective) violation \(found.evaluation.violation) in \(Date().timeIntervalSince(t) * 1000) ms units \(found.units)")
    let residual = program.residuals(at: evaluator.fullVector(units: found.units), checkIntegrality: true)
    print("residual \(residual.largestViolation) objective(LP) \(residual.objectiveValue)")
    try program.exportText(.cplexLP).write(toFile: "/tmp/proto/leafdbg.lp", atomically: true, encoding: .utf8)
}

@Test(.enabled(if: ProcessInfo.processInfo.environment["KRT_EXPERIMENT"] == "5"))
func compareUnitsExperiment() throws {
    let env = ProcessInfo.processInfo.environment
    var problem = SyntheticProblems.flagship()
    problem.weights.order = Double(env["W_ORDER"] ?? "10") ?? 10
    problem.weights.middlePull = Double(env["W_PULL"] ?? "0.5") ?? 0.5
    problem.weights.amount = Double(env["W_AMOUNT"] ?? "0.1") ?? 0.1
    let model = PlanModel(problem: problem)
    let evaluator = DoseEvaluator(model: model, assignment: [3, 3, 3, 3, 3, 3])
    let units = (env["UNITS"] ?? "").split(separator: ",").compactMap { Int($0) }
    let evaluation = evaluator.evaluate(units: units)
    var program = model.program
    PlanSearch.fix(&program, slots: model.slots, partial: [3, 3, 3, 3, 3, 3])
    print("evaluated \(evaluation.objective) violation \(evaluation.violation) residual \(program.residuals(at: evaluator.fullVector(units: units)).largestViolation)")
    for (name, expression) in model.objectiveTerms {
        var total = expression.constant
        let vector = evaluator.fullVector(units: units)
        for term in expression.terms { total += term.coefficient * vector[term.variable.index] }
        print("  \(name): \(total)")
    }
}

@Test(.enabled(if: ProcessInfo.processInfo.environment["KRT_EXPERIMENT"] == "6"))
func assignmentExperiment() throws {
    let env = ProcessInfo.processInfo.environment
    let problem = SyntheticProblems.flagship()
    let model = PlanModel(problem: problem)
    let assignment = (env["ASSIGN"] ?? "3,3,3,3,3,3").split(separator: ",").compactMap { Int($0) }
    let evaluator = DoseEvaluator(model: model, assignment: assignment)
    if let given = env["UNITS"] {
        let units = given.split(separator: ",").compactMap { Int($0) }
        let e = evaluator.evaluate(units: units)
        print("given units: \(e.objective) feasible \(e.isFeasible) closed \(e.closedGates)")
    }
    var program = model.program
    PlanSearch.fix(&program, slots: model.slots, partial: assignment)
    let lp = try program.solve(SolveOptions(relaxIntegrality: true))
    let start = model.doses.map { lp.solution?.variableValues[$0.units.index] ?? 0 }
    let fromLP = DoseSearch.improve(evaluator, start: start)
    print("LP \(lp.solution?.objectiveValue ?? .nan) from LP rounding: \(fromLP.evaluation.objective)")
}

@Test(.enabled(if: ProcessInfo.processInfo.environment["KRT_EXPERIMENT"] == "7"))
func flagshipEndToEndExperiment() throws {
    let file = try PlannerFixtures.bundledCase(ProcessInfo.processInfo.environment["CASE"] ?? "flagship-citrate-cvvhdf.yaml")
    let planningCase = try PlannerFixtures.planningCase(file)
    let t0 = Date()
    let result = try Planner(catalog: PlannerFixtures.catalog, options: PlanningOptions(threads: 2)).plan(planningCase)
    print("planned in \(Date().timeIntervalSince(t0) * 1000) ms status \(result.status) objective \(result.solver?.objective ?? .nan) gap \(result.solver?.relativeGap ?? .nan) diff \(result.verification.maxPredictionDifference)")
    for fluid in result.fluids { print("  fluid \(fluid.stream) \(fluid.from)-\(fluid.to) \(fluid.product)") }
    for order in result.orders { print("  order \(order.at) h \(order.drug) \(order.dose) \(order.rate)") }
    for s in result.solutes { print("  \(s.solute) min \(s.minimum)@\(s.minimumAt) max \(s.maximum)@\(s.maximumAt) TIR \(s.timeInRange)") }
    for check in result.verification.limitChecks where !check.passed { print("  FAILED \(check.description)") }
}

@Test(.enabled(if: ProcessInfo.processInfo.environment["KRT_EXPERIMENT"] == "8"))
func flagshipDebugExperiment() throws {
    let file = try PlannerFixtures.bundledCase("flagship-citrate-cvvhdf.yaml")
    let planningCase = try PlannerFixtures.planningCase(file)
    let problem = planningCase.problem
    print("streams", problem.streams.map { "\($0.stream) \($0.flow)" }, "drugs", problem.drugs.map { "\($0.name) max \($0.maxUnitsPerOrder) dur \($0.duration)" })
    print("caps", problem.caps.map(\.description))
    let model = PlanModel(problem: problem)
    let issues = model.program.validate()
    print("issues", issues.prefix(5))
    let root = try model.program.solve(SolveOptions(relaxIntegrality: true))
    print("root", root.termination, root.solution?.objectiveValue as Any)
    let evaluator = DoseEvaluator(model: model, assignment: model.slots.map { _ in 0 })
    let zero = evaluator.evaluate(units: model.doses.map { _ in 0 })
    print("zero doses", zero.objective, zero.violation, zero.closedGates)
}

@Test(.enabled(if: ProcessInfo.processInfo.environment["KRT_EXPERIMENT"] == "9"))
func flagshipDebugSearch() throws {
    let file = try PlannerFixtures.bundledCase("flagship-citrate-cvvhdf.yaml")
    let problem = try PlannerFixtures.planningCase(file).problem
    for elastic in [false, true] {
        let model = PlanModel(problem: problem, elastic: elastic)
        var program = model.program
        let root = try program.solve(SolveOptions(relaxIntegrality: true))
        let weights = model.slots.map { slot in slot.options.map { root.solution?.variableValues[$0.index] ?? 0 } }
        let first = weights.map { w in w.indices.max { w[$0] < w[$1] } ?? 0 }
        PlanSearch.fix(&program, slots: model.slots, partial: first)
        let fixed = try program.solve(SolveOptions(relaxIntegrality: true))
        let evaluator = DoseEvaluator(model: model, assignment: first)
        let start = model.doses.map { fixed.solution?.variableValues[$0.units.index] ?? 0 }
        let found = DoseSearch.improve(evaluator, start: start)
        print("elastic \(elastic) root \(root.termination) fixed \(fixed.termination) \(fixed.solution?.objectiveValue ?? .nan) found \(found.evaluation.objective) violation \(found.evaluation.violation) closed \(found.evaluation.closedGates)")
        let lpUnits = start.map { Int($0.rounded()) }
        let e = evaluator.evaluate(units: lpUnits)
        print("  LP rounded: \(e.objective) violation \(e.violation); LP units \(start.map { (($0 * 100).rounded() / 100) })")
    }
}

@Test(.enabled(if: ProcessInfo.processInfo.environment["KRT_EXPERIMENT"] == "10"))
func flagshipPhasesExperiment() throws {
    let file = try PlannerFixtures.bundledCase(ProcessInfo.processInfo.environment["CASE"] ?? "flagship-citrate-cvvhdf.yaml")
    let problem = try PlannerFixtures.planningCase(file).problem
    var t = Date()
    let model = PlanModel(problem: problem)
    print("build \(Date().timeIntervalSince(t) * 1000) ms vars \(model.program.variables.count) rows \(model.program.constraints.count) slots \(model.slots.map { $0.options.count }) doses \(model.doses.count)")
    t = Date()
    let result = try PlanSearch.run(model, options: PlanningOptions(threads: 2))
    print("search \(Date().timeIntervalSince(t) * 1000) ms objective \(result.objective) bound \(result.lowerBound) gap \(result.relativeGap) assignments \(result.assignmentsEvaluated) \(result.assignment)")
    for (phase, seconds) in result.phaseSeconds { print("  \(phase): \(Int(seconds * 1000)) ms") }
}

@Test(.enabled(if: ProcessInfo.processInfo.environment["KRT_EXPERIMENT"] == "11"))
func termsExperiment() throws {
    let file = try PlannerFixtures.bundledCase(ProcessInfo.processInfo.environment["CASE"] ?? "flagship-citrate-cvvhdf.yaml")
    let problem = try PlannerFixtures.planningCase(file).problem
    let model = PlanModel(problem: problem)
    let root = try model.program.solve(SolveOptions(relaxIntegrality: true))
    let values = root.solution?.variableValues ?? []
    print("root LP \(root.solution?.objectiveValue ?? .nan)")
    for (name, expression) in model.objectiveTerms { print("  LP \(name): \(ChosenPlan.value(of: expression, at: values))") }
    let result = try PlanSearch.run(model, options: PlanningOptions(threads: 2))
    for (name, expression) in model.objectiveTerms { print("  plan \(name): \(ChosenPlan.value(of: expression, at: result.values))") }
}

@Test(.enabled(if: ProcessInfo.processInfo.environment["KRT_EXPERIMENT"] == "12"))
func evaluatorSpeedExperiment() throws {
    let file = try PlannerFixtures.bundledCase("flagship-citrate-cvvhdf.yaml")
    let problem = try PlannerFixtures.planningCase(file).problem
    let model = PlanModel(problem: problem)
    let evaluator = DoseEvaluator(model: model, assignment: model.slots.map { _ in 1 })
    let units = model.doses.map { _ in 1 }
    var total = 0.0
    var t = Date()
    for _ in 0..<10_000 { total += evaluator.evaluate(units: units).objective }
    print("evaluate: \(Date().timeIntervalSince(t) * 100) µs each (\(total))")
    let (_, trace) = evaluator.traced(units: units)
    t = Date()
    for k in 0..<10_000 { total += evaluator.evaluate(units: units, resuming: trace, at: 6 * (k % 12)).objective }
    print("resumed: \(Date().timeIntervalSince(t) * 100) µs each")
    t = Date()
    let found = DoseSearch.improve(evaluator, from: units)
    print("improve from ones: \(Date().timeIntervalSince(t) * 1000) ms objective \(found.evaluation.objective)")
}
