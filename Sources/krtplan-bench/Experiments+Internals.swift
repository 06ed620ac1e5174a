#if KRTPLAN_BENCH_TESTABLE && KRTPLAN_BENCH_EXPERIMENTS
// Measured "what if the planner did X" experiments on the flagship case, for the suggestions in
// docs/performance.md. Like PlanMeasure+Internals.swift, it reaches into KRTPlanner's internals and
// changes nothing in the planner: it re-runs the planner's own steps with different settings.
import KRTKinetics
import LinearProgramming
@testable import KRTPlanner

enum Experiments {
    static let available = true

    static func run(_ inputs: BenchInputs, _ settings: Settings) throws -> [String: Any] {
        let planningCase = try inputs.planningCase(inputs.document())
        let base = BenchInputs.options(for: planningCase, timeLimit: settings.planTimeLimit, threads: settings.threads)
        let model = PlanModel(problem: planningCase.problem)
        let settingsRows = searchSettings(model, base: base)
        let (reference, _) = try Clock.measure { () throws(PlanSearchError) in try PlanSearch.run(model, options: base) }
        return [
            "searchSettings": settingsRows,
            "evaluator": evaluator(model, search: reference),
            "milpOptions": milpOptions(model, search: reference, options: base),
            "neighbourScreening": neighbourScreening(model, search: reference),
            "sizeDrivers": try sizeDrivers(inputs),
        ]
    }

    /// The planner's public work limits, one at a time.
    static func searchSettings(_ model: PlanModel, base: PlanningOptions) -> [[String: Any]] {
        let variants: [(String, (inout PlanningOptions) -> Void)] = [
            ("as shipped", { _ in }),
            ("threads = 1", { $0.threads = 1 }),
            ("boundNodes = 0 (no whole-model branch-and-cut)", { $0.boundNodes = 0 }),
            ("fluidRounds = 1", { $0.fluidRounds = 1 }),
            ("fluidRounds = 0 (LP's fluids only)", { $0.fluidRounds = 0 }),
        ]
        var rows: [[String: Any]] = []
        for (label, change) in variants {
            var options = base
            change(&options)
            let (outcome, time) = Clock.measure { () -> Result<SearchResult, PlanSearchError> in
                Result { () throws(PlanSearchError) in try PlanSearch.run(model, options: options) }
            }
            guard case let .success(search) = outcome else {
                rows.append(["label": label, "wall": time.wall, "cpu": time.cpu, "error": "\(outcome)"])
                Progress.say("experiment \(label): \(Progress.ms(time.wall)), \(outcome)")
                continue
            }
            rows.append(["label": label, "wall": time.wall, "cpu": time.cpu, "objective": search.objective,
                         "bound": search.lowerBound, "gap": search.relativeGap, "assignments": search.assignmentsEvaluated,
                         "phases": search.phaseSeconds.map { ["name": $0.phase, "seconds": $0.seconds] as [String: Any] }])
            Progress.say("experiment \(label): \(Progress.ms(time.wall)), objective \(search.objective), bound \(search.lowerBound)")
        }
        return rows
    }

    /// Cost of one exact evaluation of a whole order schedule, and of setting an evaluator up (CPU
    /// time: single-threaded loops, steadier than wall time on a shared machine).
    static func evaluator(_ model: PlanModel, search: SearchResult) -> [String: Any] {
        let setups = 50, passes = 2000
        let (evaluator, setup) = Clock.measure { () -> DoseEvaluator in
            var last = DoseEvaluator(model: model, assignment: search.assignment)
            for _ in 1..<setups { last = DoseEvaluator(model: model, assignment: search.assignment) }
            return last
        }
        var checksum = 0.0
        let (_, pass) = Clock.measure {
            for _ in 0..<passes { checksum += evaluator.evaluate(units: search.units).objective }
        }
        // "traced": a full pass that keeps its record (what a descent starts with); "resumed": one
        // incremental evaluation of a one-unit change at the middle dose (what a move costs).
        let (incremental, tracedTime) = Clock.measure { () -> IncrementalEvaluation in
            var incremental = IncrementalEvaluation(evaluator, units: search.units)
            for _ in 1..<200 { incremental = IncrementalEvaluation(evaluator, units: search.units) }
            return incremental
        }
        var search2 = incremental
        var changed = search.units
        if !changed.isEmpty { let middle = changed.count / 2; changed[middle] = changed[middle] > 0 ? changed[middle] - 1 : 1 }
        let (_, resumed) = Clock.measure {
            for _ in 0..<passes { checksum += search2.evaluate(changed).objective }
        }
        let floor = flatFloor(model, evaluator: evaluator, passes: passes)
        let flops = Double(model.intervals.count * StateIndex.coreCount * StateIndex.coreCount * 2)
        return ["intervals": model.intervals.count, "states": StateIndex.coreCount, "doses": model.doses.count,
                "setupSeconds": setup.cpu / Double(setups), "passSeconds": pass.cpu / Double(passes),
                "tracedSeconds": tracedTime.cpu / 200, "resumedHalfSeconds": resumed.cpu / Double(passes),
                "matvecFlopsPerPass": flops, "flatFloorSeconds": floor, "checksum": checksum.isFinite]
    }

    /// The arithmetic core of a pass — x ← Φᵢ·x + baseᵢ over every interval — from flat arrays with no
    /// per-interval allocation or reference counting: a floor for what a pass could cost (CPU s).
    static func flatFloor(_ model: PlanModel, evaluator: DoseEvaluator, passes: Int) -> Double {
        let n = StateIndex.coreCount, count = model.intervals.count
        let phiFlat = model.intervals.flatMap(\.phi)
        let baseFlat = evaluator.base.flatMap { $0 }
        let start = evaluator.initialState
        var checksum = 0.0
        let (_, time) = Clock.measure {
            phiFlat.withUnsafeBufferPointer { phi in
                baseFlat.withUnsafeBufferPointer { base in
                    withUnsafeTemporaryAllocation(of: Double.self, capacity: 2 * n) { buffer in
                        for _ in 0..<passes {
                            for r in 0..<n { buffer[r] = start[r] }
                            for i in 0..<count {
                                for r in 0..<n {
                                    var sum = base[i * n + r]
                                    for c in 0..<n { sum += phi[(i * n + r) * n + c] * buffer[c] }
                                    buffer[n + r] = sum
                                }
                                for r in 0..<n { buffer[r] = buffer[n + r] }
                            }
                            checksum += buffer[0]
                        }
                    }
                }
            }
        }
        return checksum.isFinite ? time.cpu / Double(passes) : .nan
    }

    /// Around the final plan: every fluid neighbour scored cheaply (one exact pass of the plan's orders)
    /// and fully (order local search from the plan's orders, what the search does for a new neighbour).
    static func neighbourScreening(_ model: PlanModel, search: SearchResult) -> [String: Any] {
        let neighbours = PlanSearch.neighbours(of: search.assignment, model: model)
        let (cheap, cheapTime) = Clock.measure {
            neighbours.map { DoseSearch.score(DoseEvaluator(model: model, assignment: $0).evaluate(units: search.units)) }
        }
        let (full, fullTime) = Clock.measure {
            neighbours.map { DoseSearch.score(DoseSearch.improve(DoseEvaluator(model: model, assignment: $0), from: search.units).evaluation) }
        }
        let bestFull = full.indices.min { full[$0] < full[$1] }
        let byCheap = cheap.indices.sorted { cheap[$0] < cheap[$1] }
        let rankOfBest = bestFull.flatMap { best in byCheap.firstIndex(of: best) }
        return ["neighbours": neighbours.count, "planObjective": search.objective,
                "cheapSeconds": cheapTime.cpu, "fullSeconds": fullTime.cpu,
                "bestAfterDescent": bestFull.map { full[$0] } ?? -1,
                "improvingAfterDescent": full.filter { $0 < search.objective - 1e-9 }.count,
                "rankOfBestByCheapScore": rankOfBest.map { $0 + 1 } ?? -1]
    }

    /// GLPK settings for the two MILPs the search solves, everything else as the planner sets it.
    static func milpOptions(_ model: PlanModel, search: SearchResult, options: PlanningOptions) -> [[String: Any]] {
        var fixed = model.program
        PlanSearch.fix(&fixed, slots: model.slots, partial: search.assignment)
        let variants: [(String, SolveOptions.Cuts, SolveOptions.Branching, Int)] = [
            ("as shipped: all cuts, Driebeek–Tomlin", .all, .driebeckTomlin, 1),
            ("all cuts, hybrid pseudocost", .all, .hybridPseudocost, 1),
            ("no Gomory cuts, Driebeek–Tomlin", [.mixedIntegerRounding, .cover, .clique], .driebeckTomlin, 1),
            ("no Gomory cuts, hybrid pseudocost", [.mixedIntegerRounding, .cover, .clique], .hybridPseudocost, 1),
            ("no cuts, hybrid pseudocost", [], .hybridPseudocost, 1),
            ("all cuts, Driebeek–Tomlin, 4× nodes", .all, .driebeckTomlin, 4),
            ("all cuts, hybrid pseudocost, 4× nodes", .all, .hybridPseudocost, 4),
        ]
        var rows: [[String: Any]] = []
        for (name, program, nodes) in [("fixed fluids (the plan's)", fixed, 200),
                                       ("bound (whole model)", model.program, options.boundNodes)] {
            for (label, cuts, branching, factor) in variants {
                let solveOptions = SolveOptions(timeLimit: .seconds(60), presolve: false, relativeGap: options.relativeGap,
                                                cuts: cuts, heuristics: [.simpleRounding], branching: branching,
                                                nodeLimit: nodes * factor, mipStart: search.values)
                let (outcome, time) = Clock.measure { try? program.solve(solveOptions) }
                let termination: String = outcome.map { "\($0.termination)" } ?? "error"
                rows.append(["milp": name, "label": label, "nodeLimit": nodes * factor, "wall": time.wall,
                             "termination": termination,
                             "objective": outcome?.solution?.objectiveValue ?? -1, "bound": outcome?.solution?.bestBound ?? -1,
                             "nodes": outcome?.statistics.branchAndBoundNodes ?? -1])
                Progress.say("experiment \(name), \(label): \(Progress.ms(time.wall)), bound \(outcome?.solution?.bestBound ?? .nan)")
            }
        }
        return rows
    }

    /// What grows with the horizon: decisions, neighbours per round, intervals per evaluation.
    static func sizeDrivers(_ inputs: BenchInputs) throws -> [[String: Any]] {
        var rows: [[String: Any]] = []
        for hours in [24, 72, 168] {
            for minutes in [60, 15] {
                let planningCase = try inputs.planningCase(inputs.document(overrides: ["horizon=\(hours) h", "step=\(minutes) min"]))
                let model = PlanModel(problem: planningCase.problem)
                let first = model.slots.map { _ in 0 }
                let evaluator = DoseEvaluator(model: model, assignment: first)
                let units = model.doses.map { _ in 1 }
                let (_, pass) = Clock.measure { for _ in 0..<1000 { _ = evaluator.evaluate(units: units) } }
                rows.append(["horizonHours": hours, "stepMinutes": minutes, "slots": model.slots.count,
                             "doses": model.doses.count, "neighbours": PlanSearch.neighbours(of: first, model: model).count,
                             "intervals": model.intervals.count, "passSeconds": pass.cpu / 1000])
            }
        }
        return rows
    }
}
#endif
