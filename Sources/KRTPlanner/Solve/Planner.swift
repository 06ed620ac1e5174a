import KRTCatalog
import KRTInput
import KRTKinetics
import KRTUnits
import LinearProgramming

/// Why a case could not be planned (bad input is an ``InputError`` before this point).
public enum PlanningError: Error, Sendable, CustomStringConvertible {
    /// The solver failed (numerical trouble, GLPK error caught by the guard).
    case solver(String)
    /// The time limit (s) ended the search before any plan met the hard bounds; nothing is known about
    /// whether one exists.
    case timeLimit(seconds: Double)
    /// The LP's prediction and the non-linear simulation disagree: the plan is refused.
    case verificationFailed(difference: Double, tolerance: Double)
    /// The model produced a NaN or an infinity (the first one found): no result is given.
    case nonFinite(String)

    public var description: String {
        switch self {
        case let .solver(message): "the optimiser failed: \(message)"
        case let .timeLimit(seconds):
            "no plan within the time limit of \(Quantity.short(seconds)) s: the search stopped before it found orders "
                + "that keep the predictions inside the hard bounds; raise --time-limit (or solver.time_limit in the case), "
                + "shorten the horizon or use a longer step"
        case let .verificationFailed(difference, tolerance):
            "the plan's predicted levels differ from the simulation by \(difference) mmol/L (tolerance \(tolerance)); the plan is refused"
        case let .nonFinite(what):
            "the model produced a non-finite value (\(what)); no result is given: check the case's patient.parameters and therapy"
        }
    }
}

/// Plans and simulates cases. Holds the catalog so that infeasible cases can be re-planned with
/// changes (more fluids, more drugs) to say what would fix them.
public struct Planner: Sendable {
    public let catalog: Catalog
    public var options: PlanningOptions
    /// Largest accepted |LP prediction − simulation| (mmol/L).
    public static let verificationTolerance = 1e-6
    public static let toolVersion = "0.1.0"
    public static let modelVersion = "krtplan-kinetics-3 (docs/model.md)"

    public init(catalog: Catalog, options: PlanningOptions = PlanningOptions()) {
        self.catalog = catalog
        self.options = options
    }

    /// The best plan for the case (or the least-violating one when no plan meets the hard bounds).
    /// What happens is read off the search's ``PlanTermination`` (decided in one place).
    public func plan(_ planningCase: PlanningCase) throws(PlanningError) -> PlanResult {
        let problem = planningCase.problem
        try Self.requireFinite(problem)
        let model = PlanModel(problem: problem)
        do {
            let search = try RollingHorizon.run(model, options: options)
            return try assemble(planningCase, model: model, search: search)
        } catch let error as PlanSearchError {
            switch error { case let .noPlan(termination):
            if termination.reason == .infeasible { return try leastViolating(planningCase, after: termination) }
            throw Self.error(for: termination, timeLimit: options.timeLimit)
            }
        } catch let error as PlanningError {
            throw error
        } catch {
            throw .solver("\(error)")
        }
    }

    /// The error for a search that ended without a plan (not for `infeasible`, which is answered by the
    /// least-violating plan): the time limit, or the failed solves with GLPK's raw status.
    static func error(for termination: PlanTermination, timeLimit: Double) -> PlanningError {
        switch termination.reason {
        case .timeLimit: .timeLimit(seconds: timeLimit)
        default: .solver("\(termination.reason.rawValue): " + (termination.failures.map(\.description).joined(separator: "; ")))
        }
    }

    /// The fluids and orders written in the case, run forward (no optimisation).
    public func simulate(_ planningCase: PlanningCase) throws(PlanningError) -> PlanResult {
        let problem = planningCase.problem
        let fluids = problem.streams.map { stream -> (stream: StreamPlan, schedule: [(start: Double, option: FluidOption)]) in
            switch stream.kind {
            case let .fixed(schedule): (stream, schedule)
            case let .choice(options): (stream, [(0, options[0])])
            }
        }
        let orders = problem.fixedOrders.map { OrderPlacement(drug: $0.drug, at: $0.at, units: $0.units, duration: $0.duration, fixed: true) }
        let assembly = PlanAssembly(planningCase: planningCase, fluids: fluids, orders: orders, predicted: nil)
        try Self.requireFinite(assembly.fine)
        return assembly.result(kind: .simulation, status: .simulated, solver: nil, explanation: Explanation(violations: assembly.violations()),
                               verification: assembly.verification(prediction: nil, couplingIterations: 0, residual: 0))
    }

    /// The least-violating plan, with the violations and the changes that would fix them.
    /// `termination` is the ordinary search's (its failed solves stay in the result).
    func leastViolating(_ planningCase: PlanningCase, after termination: PlanTermination) throws(PlanningError) -> PlanResult {
        let model = PlanModel(problem: planningCase.problem, elastic: true)
        var search: SearchResult
        do { search = try PlanSearch.run(model, options: options) } catch {
            let elasticTermination = error.termination
            if elasticTermination.reason == .timeLimit { throw .timeLimit(seconds: options.timeLimit) }
            throw .solver("the least-violating plan could not be found: " + Self.error(for: elasticTermination, timeLimit: options.timeLimit).description)
        }
        search.earlierFailures = termination.failures
        var result = try assemble(planningCase, model: model, search: search)
        let violated = Set(result.explanation.violations.map(\.solute))
        let fixes = suggestedFixes(planningCase, violated: violated)
        result.explanation.suggestedFixes = fixes.fixes
        result.explanation.notes += fixes.untested
        return result
    }

    /// Turns a search result into a verified, explained plan; the status is the search's termination's.
    func assemble(_ planningCase: PlanningCase, model: PlanModel, search: SearchResult) throws(PlanningError) -> PlanResult {
        let termination = search.termination
        guard let status = termination.planStatus else { throw Self.error(for: termination, timeLimit: options.timeLimit) }
        let chosen = ChosenPlan(model: model, search: search)
        let assembly = PlanAssembly(planningCase: planningCase, fluids: chosen.fluids, orders: chosen.orders,
                                    predicted: chosen.predicted)
        try Self.requireFinite(assembly.fine)
        let verification = assembly.verification(prediction: chosen.predicted, couplingIterations: 1, residual: search.residual)
        try Self.requireVerified(verification)
        let explanation = explain(model: model, search: search, chosen: chosen, assembly: assembly)
        let statistics = SolverStatistics(
            strategy: search.windows > 0
                ? "rolling horizon in \(search.windows) overlapping windows (each: LP relaxation, fluid neighbourhood search with exact "
                    + "order local search), the joined plan checked in the whole model, LP relaxation of the whole model for the bound"
                : "LP relaxation, fluid neighbourhood search with exact order local search, GLPK branch-and-cut on the whole model for the bound",
            variables: model.program.variables.count, constraints: model.program.constraints.count,
            integerVariables: model.integerCount, binaryVariables: model.binaryCount,
            nodesExplored: search.assignmentsEvaluated, milpsSolved: search.milpsSolved, lpsSolved: search.lpsSolved,
            termination: termination.description, objective: search.objective, bound: search.lowerBound,
            relativeGap: search.relativeGap, requestedGap: options.relativeGap, objectiveTerms: chosen.objectiveTerms,
            terminationReason: termination.reason.rawValue, resultStatus: termination.result.rawValue,
            failedSolves: search.earlierFailures + termination.failures + explanation.failedSolves)
        return assembly.result(kind: .plan, status: status, solver: statistics, explanation: explanation.explanation,
                               verification: verification)
    }

    /// Refuses a plan whose LP prediction differs from the non-linear simulation by more than
    /// ``verificationTolerance``.
    static func requireVerified(_ verification: Verification) throws(PlanningError) {
        guard verification.maxPredictionDifference <= verificationTolerance else {
            throw .verificationFailed(difference: verification.maxPredictionDifference, tolerance: verificationTolerance)
        }
    }
}

extension Planner {
    /// Refuses a simulation with any NaN or infinity, naming the first state and time.
    static func requireFinite(_ simulation: Simulation) throws(PlanningError) {
        for (time, state) in zip(simulation.times, simulation.states) {
            if let index = state.firstIndex(where: { !$0.isFinite }) {
                throw .nonFinite("\(StateIndex(rawValue: index).map { "\($0)" } ?? "state \(index)") = \(state[index]) at \(Quantity.format(time)) h")
            }
        }
    }

    /// Runs the problem's first step (fluids as first listed, no orders) and refuses a non-finite state
    /// before any program is built: NaN coefficients never reach the solver.
    static func requireFinite(_ problem: PlanProblem) throws(PlanningError) {
        let start = problem.initialState
        if let index = start.firstIndex(where: { !$0.isFinite }) {
            throw .nonFinite("starting \(StateIndex(rawValue: index).map { "\($0)" } ?? "state \(index)") = \(start[index])")
        }
        var segments: [FluidStream: [FluidSchedule.Segment]] = [:]
        for stream in problem.streams {
            let option: FluidOption? = switch stream.kind {
            case let .choice(options): options.first
            case let .fixed(schedule): schedule.first?.option
            }
            if let option { segments[stream.stream] = [FluidSchedule.Segment(start: 0, concentrations: option.concentrations)] }
        }
        if let citrate = problem.citrate { segments[.citrate] = [FluidSchedule.Segment(start: 0, concentrations: citrate.concentrations)] }
        let horizon = min(problem.horizon, max(problem.step, 1))
        let simulation = Simulator(model: problem.model).run(initialState: problem.initialState, fluids: FluidSchedule(segments: segments),
                                                             horizon: horizon, outputStep: horizon)
        try requireFinite(simulation)
    }
}
