import Foundation
import KRTKinetics
import KRTUnits
import LinearProgramming

/// Options of the planning search. Every limit except `timeLimit` counts work, not seconds, so the same
/// case gives the same plan on any machine and with any number of threads.
public struct PlanningOptions: Sendable {
    /// Relative gap at which branch-and-cut may stop early.
    public var relativeGap: Double
    /// Wall-clock safety limit (s); when it stops the search the result says so.
    public var timeLimit: Double
    /// Worker threads; results do not depend on it.
    public var threads: Int
    /// Rounds of the fluid neighbourhood search.
    public var fluidRounds: Int = 20
    /// Neighbours per round whose orders are re-optimised (all are screened with the incumbent's orders).
    public var neighboursPerRound: Int = 8
    /// Rounds of drop-one-order kicks on the chosen fluids' orders (each keeps the best kick).
    public var kickRounds: Int = 8
    /// Branch-and-cut nodes on the whole model (fluids and orders), for the proven lower bound.
    public var boundNodes: Int = 20

    public init(relativeGap: Double = 0.01, timeLimit: Double = 60, threads: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.relativeGap = relativeGap
        self.timeLimit = timeLimit
        self.threads = max(1, threads)
    }
}

/// The solved plan model: the chosen fluid options and a complete primal point of the program.
struct SearchResult: Sendable {
    var assignment: [Int]
    var units: [Int]
    var values: [Double]
    var objective: Double
    var lowerBound: Double
    var relativeGap: Double
    var stoppedEarly: Bool
    /// Every fluid assignment whose orders were optimised, best first.
    var evaluated: [(assignment: [Int], objective: Double)]
    var lpsSolved: Int
    var milpsSolved: Int
    var assignmentsEvaluated: Int
    var residual: Double
    /// Wall-clock seconds per phase (for benchmarks; never in rendered results).
    var phaseSeconds: [(phase: String, seconds: Double)] = []
}

enum PlanSearchError: Error, Sendable {
    /// No fluid combination and no orders satisfy the hard bounds.
    case infeasible
    /// The time limit ended the search before it found orders that meet the hard bounds.
    case timeLimit
    /// The solver failed (numerical trouble, abort caught, invalid model).
    case solverFailure(String)
}

/// The default strategy (docs/planner.md): LP relaxation → neighbourhood search over the fluid
/// choices, each scored by a local search over whole orderable units with the exact evaluator →
/// drop-one-order kicks on the chosen fluids' orders → branch-and-cut on the whole model, started
/// from the incumbent, for a proven bound.
/// One function, so the strategy can change without touching the model or the result.
enum PlanSearch {
    static func run(_ model: PlanModel, options: PlanningOptions) throws(PlanSearchError) -> SearchResult {
        let deadline = Date().timeIntervalSinceReferenceDate + options.timeLimit
        func remaining() -> Duration { .milliseconds(Int(max(0.05, deadline - Date().timeIntervalSinceReferenceDate) * 1000)) }
        var lps = 0, milps = 0
        var phases: [(phase: String, seconds: Double)] = []
        var phaseStart = Date()
        func endPhase(_ name: String) {
            phases.append((name, Date().timeIntervalSince(phaseStart)))
            phaseStart = Date()
        }

        // 1. LP relaxation of everything: a proven bound and the fluids it leans to.
        let root: SolveOutcome
        do { root = try model.program.solve(SolveOptions(timeLimit: remaining(), relaxIntegrality: true)) } catch {
            throw .solverFailure("the plan's LP relaxation could not be solved: \(error)")
        }
        lps += 1
        guard let rootSolution = root.solution, root.termination == .optimal else {
            if root.termination == .infeasible { throw .infeasible }
            if root.termination == .timeLimit { throw .timeLimit }
            throw .solverFailure("the plan's LP relaxation ended \(root.termination)")
        }
        var lowerBound = rootSolution.objectiveValue
        let first = model.slots.map { slot in
            slot.options.indices.max { rootSolution.variableValues[slot.options[$0].index] < rootSolution.variableValues[slot.options[$1].index] } ?? 0
        }

        // 2. Orders for the LP's fluids, from the LP relaxation with those fluids fixed.
        var fixedProgram = model.program
        fix(&fixedProgram, slots: model.slots, partial: first)
        let fixedRelaxation = try? fixedProgram.solve(SolveOptions(timeLimit: remaining(), relaxIntegrality: true))
        lps += 1
        let start = model.doses.map { fixedRelaxation?.solution?.variableValues[$0.units.index] ?? 0 }
        let firstOrders = DoseSearch.improve(DoseEvaluator(model: model, assignment: first), start: start, deadline: deadline)
        var best = (assignment: first, units: firstOrders.units, evaluation: firstOrders.evaluation)
        var evaluated: [[Int]: Double] = [first: firstOrders.evaluation.objective]
        var stoppedEarly = false
        endPhase("relaxation and first orders")

        // 3. Fluid neighbourhood: change one slot, or one stream in every period; re-optimise orders.
        for _ in 0..<options.fluidRounds {
            if Date().timeIntervalSinceReferenceDate >= deadline { stoppedEarly = true; break }
            let candidates = neighbours(of: best.assignment, model: model).filter { evaluated[$0] == nil }
            if candidates.isEmpty { break }
            let incumbent = best.units
            // Screen every neighbour with the incumbent's orders (one evaluation each); re-optimise the
            // orders only for the most promising ones.
            let screened = ParallelWork.map(candidates, threads: options.threads) { assignment in
                DoseSearch.score(DoseEvaluator(model: model, assignment: assignment).evaluate(units: incumbent))
            }
            let promising = zip(candidates, screened).sorted {
                $0.1 != $1.1 ? $0.1 < $1.1 : $0.0.lexicographicallyPrecedes($1.0)
            }.prefix(options.neighboursPerRound).map(\.0)
            let results = ParallelWork.map(Array(promising), threads: options.threads) { assignment in
                DoseSearch.improve(DoseEvaluator(model: model, assignment: assignment), from: incumbent, deadline: deadline)
            }
            var improved = false
            for (assignment, result) in zip(promising, results) {
                evaluated[assignment] = result.evaluation.isFeasible ? result.evaluation.objective : .infinity
                if DoseSearch.score(result.evaluation) < DoseSearch.score(best.evaluation) - 1e-9 {
                    best = (assignment, result.units, result.evaluation)
                    improved = true
                }
            }
            if !improved { break }
        }

        endPhase("fluid neighbourhood")
        let evaluator = DoseEvaluator(model: model, assignment: best.assignment)
        // 4. Kicks on the chosen fluids' orders: drop one order, descend again.
        if options.kickRounds > 0 {
            let kicked = DoseSearch.kick(evaluator, from: best.units, rounds: options.kickRounds, threads: options.threads,
                                         deadline: deadline)
            if DoseSearch.score(kicked.evaluation) < DoseSearch.score(best.evaluation) - 1e-9 {
                best = (best.assignment, kicked.units, kicked.evaluation)
            }
        }
        endPhase("order kicks")
        if Date().timeIntervalSinceReferenceDate >= deadline { stoppedEarly = true }
        // An infeasible incumbent after a time-limit stop proves nothing about the case.
        guard best.evaluation.isFeasible else { throw stoppedEarly ? .timeLimit : .infeasible }

        // 5. Branch-and-cut on the whole model for a proven lower bound over every fluid choice.
        let incumbentVector = evaluator.fullVector(units: best.units)
        if options.boundNodes > 0, let whole = try? model.program.solve(SolveOptions(
            timeLimit: remaining(), presolve: false, relativeGap: options.relativeGap, cuts: .all,
            heuristics: [.simpleRounding], nodeLimit: options.boundNodes, mipStart: incumbentVector)) {
            milps += 1
            if whole.termination == .timeLimit { stoppedEarly = true }
            if let bound = whole.solution?.bestBound { lowerBound = max(lowerBound, bound) }
            if whole.termination == .optimal || whole.termination == .gapLimit, let value = whole.solution?.objectiveValue {
                lowerBound = max(lowerBound, value * (1 - options.relativeGap))
            }
        }
        lowerBound = min(lowerBound, best.evaluation.objective)
        endPhase("bound branch-and-cut")

        let values = DoseEvaluator(model: model, assignment: best.assignment).fullVector(units: best.units)
        var finalProgram = model.program
        fix(&finalProgram, slots: model.slots, partial: best.assignment)
        let residual = finalProgram.residuals(at: values, checkIntegrality: true).largestViolation
        let objective = best.evaluation.objective
        let gap = objective == 0 ? 0 : max(0, (objective - lowerBound) / abs(objective))
        let ranked = evaluated.filter { $0.value.isFinite }.map { (assignment: $0.key, objective: $0.value) }
            .sorted { $0.objective != $1.objective ? $0.objective < $1.objective : $0.assignment.lexicographicallyPrecedes($1.assignment) }
        return SearchResult(
            assignment: best.assignment, units: best.units, values: values, objective: objective, lowerBound: lowerBound,
            relativeGap: gap, stoppedEarly: stoppedEarly, evaluated: ranked, lpsSolved: lps, milpsSolved: milps,
            assignmentsEvaluated: evaluated.count, residual: residual, phaseSeconds: phases)
    }

    /// Assignments one move away: one slot to another option, or one stream's every period to one option.
    static func neighbours(of assignment: [Int], model: PlanModel) -> [[Int]] {
        var result: [[Int]] = []
        var seen: Set<[Int]> = [assignment]
        func add(_ candidate: [Int]) { if seen.insert(candidate).inserted { result.append(candidate) } }
        for (index, slot) in model.slots.enumerated() {
            for option in slot.options.indices where option != assignment[index] {
                var candidate = assignment
                candidate[index] = option
                add(candidate)
            }
        }
        let streams = Set(model.slots.map(\.stream)).sorted()
        for stream in streams {
            let indices = model.slots.indices.filter { model.slots[$0].stream == stream }
            guard indices.count > 1, let count = indices.first.map({ model.slots[$0].options.count }) else { continue }
            for option in 0..<count {
                var candidate = assignment
                for index in indices { candidate[index] = option }
                add(candidate)
            }
        }
        return result
    }

    /// Fixes the fluid binaries of assigned slots (1 for the choice, 0 for the others); unassigned
    /// slots keep [0, 1].
    static func fix(_ program: inout LinearProgram, slots: [PlanModel.Slot], partial: [Int?]) {
        for (slot, choice) in zip(slots, partial) {
            for (option, variable) in slot.options.enumerated() {
                program.setBounds(choice.map { $0 == option ? .exactly(1) : .exactly(0) } ?? .between(0, 1), of: variable)
            }
        }
    }

    static func fix(_ program: inout LinearProgram, slots: [PlanModel.Slot], partial: [Int]) {
        fix(&program, slots: slots, partial: partial.map { Optional($0) })
    }
}
