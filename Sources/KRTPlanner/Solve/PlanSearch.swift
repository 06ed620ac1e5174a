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
    /// 12 since kinetics-3 (was 8): the screen uses the incumbent's orders, and a fluid with less Mg
    /// scores far worse with them than after re-optimisation (the flagship's optimal dialysate change
    /// screens at 320.5 and re-optimises to 222.53), so it needs the wider cut; 8 ended at 229.36.
    public var neighboursPerRound: Int = 12
    /// Rounds of drop-one-order kicks on the chosen fluids' orders (each keeps the best kick).
    public var kickRounds: Int = 8
    /// Times the fluid neighbourhood and the kicks alternate (again only while the kicks improve).
    public var alternations: Int = 3
    /// Branch-and-cut nodes on the whole model (fluids and orders), for the proven lower bound; 0 leaves
    /// the LP relaxation's bound. The plan does not depend on it, only the bound (and the stated gap).
    /// At most ``boundNodesCeiling``. Default 30 (20 before issue 16; on the flagship 30 nodes prove 159.7,
    /// 20 nodes proved 158.7 before and 156.3 with the tighter rows; 15–17 % more CPU of the whole run,
    /// docs/performance.md).
    public var boundNodes: Int = 30
    /// The largest ``boundNodes`` the CLI accepts.
    public static let boundNodesCeiling = 100_000
    /// Long horizons are planned in overlapping windows (``RollingHorizon``); shorter ones in one piece.
    public var rollingHorizon = RollingHorizonSettings()
    /// Every LP/MILP solve goes through it (GLPK; tests inject failures).
    var solver: StepSolver = .glpk

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
    /// How the search ended (``PlanTermination/decide(_:)``), with every failed solve.
    var termination: PlanTermination
    /// Every fluid assignment whose orders were optimised, best first.
    var evaluated: [(assignment: [Int], objective: Double)]
    var lpsSolved: Int
    var milpsSolved: Int
    var assignmentsEvaluated: Int
    var residual: Double
    /// Wall-clock seconds per phase (for benchmarks; never in rendered results).
    var phaseSeconds: [(phase: String, seconds: Double)] = []
    /// Failed solves of an earlier search this one answers (the ordinary search before the least-violating one).
    var earlierFailures: [FailedSolve] = []
    /// Windows of a rolling-horizon plan (0: the whole horizon in one piece).
    var windows = 0

    /// The wall-clock safety net stopped a step.
    var stoppedEarly: Bool { termination.reason == .timeLimit }
}

enum PlanSearchError: Error, Sendable, CustomStringConvertible {
    /// No plan: the termination says why (infeasible, time limit, numerical failure) and lists every
    /// failed solve with GLPK's raw status.
    case noPlan(PlanTermination)

    var termination: PlanTermination {
        switch self { case let .noPlan(termination): termination }
    }

    /// "no plan: timeLimit; LP relaxation of the whole model: timeLimit (return code GLP_ETMLIM, …); …"
    var description: String {
        (["no plan: \(termination.reason.rawValue)"] + termination.failures.map(\.description)).joined(separator: "; ")
    }
}

/// The default strategy (docs/planner.md): LP relaxation → neighbourhood search over the fluid
/// choices, each scored by a local search over whole orderable units with the exact evaluator →
/// drop-one-order kicks on the chosen fluids' orders → branch-and-cut on the whole model, started
/// from the incumbent, for a proven bound.
/// One function, so the strategy can change without touching the model or the result. It records
/// facts (failed solves, clock stops, gap); ``PlanTermination/decide(_:)`` alone turns them into a status.
enum PlanSearch {
    static func run(_ model: PlanModel, options: PlanningOptions) throws(PlanSearchError) -> SearchResult {
        let deadline = Date().timeIntervalSinceReferenceDate + options.timeLimit
        func remaining() -> Duration { .milliseconds(Int(max(0.05, deadline - Date().timeIntervalSinceReferenceDate) * 1000)) }
        var facts = PlanTermination.Facts(requestedGap: options.relativeGap, elastic: model.elastic)
        var lps = 0, milps = 0
        var phases: [(phase: String, seconds: Double)] = []
        var phaseStart = Date()
        func endPhase(_ name: String) {
            phases.append((name, Date().timeIntervalSince(phaseStart)))
            phaseStart = Date()
        }
        func noPlan() -> PlanSearchError { .noPlan(PlanTermination.decide(facts)) }

        // 1. LP relaxation of everything: a proven bound and the fluids it leans to.
        lps += 1
        let rootSolution: Solution
        switch options.solver.run(.rootRelaxation, model.program, SolveOptions(timeLimit: remaining(), relaxIntegrality: true),
                                  need: .optimal, consequence: "no plan can be searched for without it") {
        case let .success(solved): rootSolution = solved.solution
        case let .failure(failed):
            facts.rootFailure = (failed.failure, failed.termination)
            throw noPlan()
        }
        var lowerBound = rootSolution.objectiveValue
        let first = model.slots.map { slot in
            slot.options.indices.max { rootSolution.variableValues[slot.options[$0].index] < rootSolution.variableValues[slot.options[$1].index] } ?? 0
        }

        // 2. Orders for the LP's fluids, from the LP relaxation with those fluids fixed. Without it
        //    (a failed solve, reported) the orders start from zero units.
        var fixedProgram = model.program
        fix(&fixedProgram, slots: model.slots, partial: first)
        lps += 1
        var start = model.doses.map { _ in 0.0 }
        switch options.solver.run(.fixedFluidRelaxation, fixedProgram, SolveOptions(timeLimit: remaining(), relaxIntegrality: true),
                                  need: .optimal, consequence: "the first orders start from zero units") {
        case let .success(solved): start = model.doses.map { solved.solution.variableValues[$0.units.index] }
        case let .failure(failed): facts.failures.append(failed.failure)
        }
        let firstOrders = DoseSearch.improve(DoseEvaluator(model: model, assignment: first), start: start, deadline: deadline)
        var best = (assignment: first, units: firstOrders.units, evaluation: firstOrders.evaluation)
        var evaluated: [[Int]: Double] = [first: firstOrders.evaluation.objective]
        endPhase("relaxation and first orders")

        // 3.–4. Fluid neighbourhood, then kicks on the chosen fluids' orders; when the kicks improve the
        //    orders, the fluids one move away are screened again with them (up to `alternations` times).
        var kickedSeconds = 0.0, neighbourhoodSeconds = 0.0
        for alternation in 0..<max(1, options.alternations) {
            let roundStart = Date()
            // Assignments re-optimised in this alternation (earlier ones were scored with other orders).
            var tried: Set<[Int]> = alternation == 0 ? Set(evaluated.keys) : [best.assignment]
            for _ in 0..<options.fluidRounds {
                if Date().timeIntervalSinceReferenceDate >= deadline { facts.stoppedByClock = true; break }
                let candidates = neighbours(of: best.assignment, model: model).filter { !tried.contains($0) }
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
                    tried.insert(assignment)
                    let objective = result.evaluation.isFeasible ? result.evaluation.objective : .infinity
                    evaluated[assignment] = min(evaluated[assignment] ?? .infinity, objective)
                    if DoseSearch.score(result.evaluation) < DoseSearch.score(best.evaluation) - 1e-9 {
                        best = (assignment, result.units, result.evaluation)
                        improved = true
                    }
                }
                if !improved { break }
            }
            let kicksStart = Date()
            neighbourhoodSeconds += kicksStart.timeIntervalSince(roundStart)
            // Kicks on the chosen fluids' orders: drop one order, descend again.
            var kickImproved = false
            if options.kickRounds > 0 {
                let kicked = DoseSearch.kick(DoseEvaluator(model: model, assignment: best.assignment), from: best.units,
                                             rounds: options.kickRounds, threads: options.threads, deadline: deadline)
                if DoseSearch.score(kicked.evaluation) < DoseSearch.score(best.evaluation) - 1e-9 {
                    best = (best.assignment, kicked.units, kicked.evaluation)
                    evaluated[best.assignment] = min(evaluated[best.assignment] ?? .infinity,
                                                     kicked.evaluation.isFeasible ? kicked.evaluation.objective : .infinity)
                    kickImproved = true
                }
            }
            kickedSeconds += Date().timeIntervalSince(kicksStart)
            if !kickImproved || Date().timeIntervalSinceReferenceDate >= deadline { break }
        }
        phases.append(("fluid neighbourhood", neighbourhoodSeconds))
        phases.append(("order kicks", kickedSeconds))
        phaseStart = Date()
        let evaluator = DoseEvaluator(model: model, assignment: best.assignment)
        if Date().timeIntervalSinceReferenceDate >= deadline { facts.stoppedByClock = true }
        facts.incumbentFeasible = best.evaluation.isFeasible
        // An infeasible incumbent after a clock stop proves nothing about the case (decide says so).
        guard facts.incumbentFeasible else { throw noPlan() }

        // 5. Branch-and-cut on the whole model for a proven lower bound over every fluid choice. Without
        //    it (a failed solve, reported) the bound is the LP relaxation's.
        let incumbentVector = evaluator.fullVector(units: best.units)
        if options.boundNodes > 0 {
            milps += 1
            switch options.solver.run(.boundBranchAndCut, model.program, SolveOptions(
                timeLimit: remaining(), presolve: false, relativeGap: options.relativeGap, cuts: .all,
                heuristics: [.simpleRounding], branching: boundBranching(nodes: options.boundNodes),
                nodeLimit: options.boundNodes, mipStart: incumbentVector),
                need: .bound, consequence: "the bound is the LP relaxation's") {
            case let .success(whole):
                if whole.outcome.termination == .timeLimit { facts.stoppedByClock = true }
                if let bound = whole.solution.bestBound { lowerBound = max(lowerBound, bound) }
                if whole.outcome.termination == .optimal || whole.outcome.termination == .gapLimit {
                    lowerBound = max(lowerBound, whole.solution.objectiveValue * (1 - options.relativeGap))
                }
            case let .failure(failed):
                if failed.termination == .timeLimit { facts.stoppedByClock = true }
                facts.failures.append(failed.failure)
            }
        }
        lowerBound = min(lowerBound, best.evaluation.objective)
        endPhase("bound branch-and-cut")

        var finalProgram = model.program
        fix(&finalProgram, slots: model.slots, partial: best.assignment)
        let residual = finalProgram.residuals(at: incumbentVector, checkIntegrality: true).largestViolation
        let objective = best.evaluation.objective
        let gap = objective == 0 ? 0 : max(0, (objective - lowerBound) / abs(objective))
        facts.gap = gap
        let ranked = evaluated.filter { $0.value.isFinite }.map { (assignment: $0.key, objective: $0.value) }
            .sorted { $0.objective != $1.objective ? $0.objective < $1.objective : $0.assignment.lexicographicallyPrecedes($1.assignment) }
        return SearchResult(
            assignment: best.assignment, units: best.units, values: incumbentVector, objective: objective, lowerBound: lowerBound,
            relativeGap: gap, termination: PlanTermination.decide(facts), evaluated: ranked, lpsSolved: lps, milpsSolved: milps,
            assignmentsEvaluated: evaluated.count, residual: residual, phaseSeconds: phases)
    }

    /// GLPK's branching rule for the bound's branch-and-cut. Measured on the flagship (docs/performance.md,
    /// *A tighter proven bound*): Driebeek–Tomlin gives the better bound for a few nodes (156.3 vs 153.7 at
    /// 20), hybrid pseudocost from a few hundred on (179.1 in 5.2 s CPU vs 177.6 in 13.7 s at 1,600), once
    /// its pseudocosts are learnt.
    static func boundBranching(nodes: Int) -> SolveOptions.Branching {
        nodes > boundBranchingSwitch ? .hybridPseudocost : .driebeckTomlin
    }

    /// Node budget above which the bound switches to hybrid pseudocost branching.
    static let boundBranchingSwitch = 200

    /// Assignments one move away: one stream, over a run of consecutive periods (one period, a prefix, a
    /// suffix, all of them, or any run between), to one other option. Runs longer than one period reach
    /// assignments with one fluid change where single-period moves need two steps through a worse one
    /// (the flagship's optimum on kinetics-3 changes the dialysate from 24 h to the end).
    static func neighbours(of assignment: [Int], model: PlanModel) -> [[Int]] {
        var result: [[Int]] = []
        var seen: Set<[Int]> = [assignment]
        func add(_ candidate: [Int]) { if seen.insert(candidate).inserted { result.append(candidate) } }
        let streams = Set(model.slots.map(\.stream)).sorted()
        for stream in streams {
            // The stream's slots in period order.
            let indices = model.slots.indices.filter { model.slots[$0].stream == stream }
                .sorted { model.slots[$0].period < model.slots[$1].period }
            guard let count = indices.first.map({ model.slots[$0].options.count }) else { continue }
            for length in 1...indices.count {
                for first in 0...(indices.count - length) {
                    for option in 0..<count {
                        var candidate = assignment
                        for index in indices[first..<(first + length)] { candidate[index] = option }
                        add(candidate)
                    }
                }
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
