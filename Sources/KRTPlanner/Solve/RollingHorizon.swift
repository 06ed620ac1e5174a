import Foundation
import KRTKinetics
import KRTUnits
import LinearProgramming

/// Long horizons in overlapping windows (docs/planner.md §4, *Long horizons*): window k plans
/// `[starts[k], ends[k])` with ``PlanSearch/run`` from the exact state the kept plan reaches at its
/// start, keeps its decisions before the next window's start, and the next window goes on from there.
/// The joined plan is then evaluated once in the whole model (the same exact evaluator, caps, gates and
/// bounds as every plan; the assembly re-simulates it as always), and the bound is the whole model's
/// LP relaxation, one simplex solve: a bound on every plan, never above the optimum.
///
/// Work per window does not depend on the horizon, so the search grows linearly with it; only the
/// final evaluation and the one LP relaxation see the whole horizon. The LP relaxation runs on its own
/// thread beside the windows (with more than one thread); neither reads the other, so the result does
/// not depend on the threads.
///
/// Failures are never hidden: a window that finds no plan, or a joined plan the whole model rejects, is
/// listed in `solver.failedSolves` and the whole horizon is then searched in one piece.
enum RollingHorizon {
    /// The plan of `model`: in windows when ``RollingWindows`` allows it, else ``PlanSearch/run``.
    static func run(_ model: PlanModel, options: PlanningOptions) throws(PlanSearchError) -> SearchResult {
        guard let windows = RollingWindows(model.problem, settings: options.rollingHorizon, elastic: model.elastic) else {
            return try PlanSearch.run(model, options: options)
        }
        return try run(model, windows: windows, options: options)
    }

    static func run(_ model: PlanModel, windows: RollingWindows, options: PlanningOptions) throws(PlanSearchError) -> SearchResult {
        let deadline = Date().timeIntervalSinceReferenceDate + options.timeLimit
        let work = ParallelWork.map([Job.bound, .windows], threads: min(2, options.threads)) { job -> Done in
            switch job {
            case .bound:
                let clock = Date()
                let solved = options.solver.run(.rootRelaxation, model.program, SolveOptions(
                    timeLimit: .milliseconds(Int(options.timeLimit * 1000)), relaxIntegrality: true),
                    need: .optimal, consequence: "the stated bound is 0 (every objective term is at least 0)")
                return .bound(solved, Date().timeIntervalSince(clock))
            case .windows:
                return .windows(Result { () throws(PlanSearchError) -> WindowOutcome in
                    try plan(model, windows: windows, options: options, deadline: deadline)
                })
            }
        }
        guard case let .bound(bound, boundSeconds) = work[0], case let .windows(outcome) = work[1] else {
            preconditionFailure("ParallelWork returns its results in job order")
        }
        switch try outcome.get() {
        case let .replaced(result): return result
        case let .joined(joined):
            return try finish(model, joined: joined, bound: bound, boundSeconds: boundSeconds, options: options, deadline: deadline)
        }
    }

    enum Job: Sendable { case bound, windows }

    enum Done: Sendable {
        case bound(Result<Solved, StepFailure>, Double)
        case windows(Result<WindowOutcome, PlanSearchError>)
    }

    /// What the windows produced: the joined plan, or the one-piece search that replaced them after a failure.
    enum WindowOutcome: Sendable {
        case joined(Joined)
        case replaced(SearchResult)
    }

    /// The windows' kept decisions over the whole model, with what the search established.
    struct Joined: Sendable {
        var assignment: [Int]
        var units: [Int]
        var facts: PlanTermination.Facts
        var lps = 0, milps = 0, scored = 0, windows = 0
        var phases: [(phase: String, seconds: Double)] = []
    }

    /// Plans the windows one after another (see the type's description).
    static func plan(_ model: PlanModel, windows: RollingWindows, options: PlanningOptions,
                     deadline: Double) throws(PlanSearchError) -> WindowOutcome {
        var facts = PlanTermination.Facts(requestedGap: options.relativeGap, elastic: false)
        let problem = model.problem
        var assignment = [Int?](repeating: nil, count: model.slots.count)
        var units = [Int](repeating: 0, count: model.doses.count)
        var kept: [FixedOrder] = [], keptFluids: [Int: FluidOption] = [:]
        var state = problem.initialState
        var lps = 0, milps = 0, scored = 0
        var phases: [String: Double] = [:], phaseOrder: [String] = []
        let doseIndex = Dictionary(model.doses.enumerated().map { (key(drug: $1.drug, time: $1.time), $0) }) { first, _ in first }

        for k in windows.starts.indices {
            let start = windows.starts[k], end = windows.ends[k]
            let keepUntil = k + 1 < windows.starts.count ? windows.starts[k + 1] : .infinity
            let name = "window \(Quantity.format(start))–\(Quantity.format(end)) h"
            let remaining = deadline - Date().timeIntervalSinceReferenceDate
            guard remaining > 0 else { facts.stoppedByClock = true; throw .noPlan(PlanTermination.decide(facts)) }
            let windowModel = PlanModel(problem: RollingWindows.problem(problem, from: start, to: end, state: state,
                                                                          kept: kept, keptFluids: keptFluids))
            var windowOptions = options
            windowOptions.timeLimit = remaining
            windowOptions.boundNodes = 0  // a window's bound says nothing about the whole horizon
            let result: SearchResult
            do { result = try PlanSearch.run(windowModel, options: windowOptions) } catch {
                let termination = error.termination
                facts.failures += termination.failures.map { prefixed($0, name) }
                if termination.reason == .timeLimit { facts.stoppedByClock = true; throw .noPlan(PlanTermination.decide(facts)) }
                facts.failures.append(FailedSolve(step: "rolling horizon, \(name)", termination: termination.reason.rawValue,
                                                  rawStatus: "no plan for the window from the state the earlier windows reach",
                                                  consequence: "the whole horizon is searched in one piece"))
                return .replaced(try inOnePiece(model, options: options, deadline: deadline, earlier: facts.failures))
            }
            facts.failures += result.termination.failures.map { prefixed($0, name) }
            if result.termination.reason == .timeLimit { facts.stoppedByClock = true }
            lps += result.lpsSolved; milps += result.milpsSolved; scored += result.assignmentsEvaluated
            for (phase, seconds) in result.phaseSeconds {
                if phases[phase] == nil { phaseOrder.append(phase) }
                phases[phase, default: 0] += seconds
            }
            // Keep the window's decisions before the next window's start.
            for (slot, choice) in zip(windowModel.slots, result.assignment) {
                let periodStart = windowModel.problem.periodStarts[slot.period] + start
                guard periodStart < keepUntil - RollingWindows.tolerance,
                      let period = problem.periodStarts.firstIndex(where: { abs($0 - periodStart) <= RollingWindows.tolerance }),
                      let whole = model.slots.firstIndex(where: { $0.stream == slot.stream && $0.period == period }) else { continue }
                assignment[whole] = choice
                if case let .choice(options) = problem.streams[slot.stream].kind { keptFluids[slot.stream] = options[choice] }
            }
            for (dose, count) in zip(windowModel.doses, result.units) where dose.time + start < keepUntil - RollingWindows.tolerance {
                guard count > 0, let whole = doseIndex[key(drug: dose.drug, time: dose.time + start)] else { continue }
                units[whole] = count
                let drug = problem.drugs[dose.drug]
                kept.append(FixedOrder(drug: drug, at: dose.time + start, units: Double(count),
                                       duration: drug.isIntravenous ? Double(count) * drug.duration : 0))
            }
            if k + 1 < windows.starts.count, let point = windowModel.timeline.index(of: windows.starts[k + 1] - start) {
                state = RollingWindows.state(of: windowModel, values: result.values, at: point)
            }
            // With one fluid period the kept product holds in every later window; with several, each window
            // starts at a period start and chooses its own.
            if problem.periodStarts.count > 1 { keptFluids = [:] }
        }
        return .joined(Joined(assignment: assignment.map { $0 ?? 0 }, units: units, facts: facts, lps: lps, milps: milps,
                              scored: scored, windows: windows.starts.count,
                              phases: phaseOrder.map { (phase: "windows: " + $0, seconds: phases[$0] ?? 0) }))
    }

    /// The joined plan checked in the whole model, with the whole model's LP relaxation (`bound`) as its bound.
    static func finish(_ model: PlanModel, joined: Joined, bound: Result<Solved, StepFailure>, boundSeconds: Double,
                       options: PlanningOptions, deadline: Double) throws(PlanSearchError) -> SearchResult {
        var facts = joined.facts
        var phases = joined.phases
        let assignment = joined.assignment, units = joined.units
        let clock = Date()
        let evaluator = DoseEvaluator(model: model, assignment: assignment)
        let evaluation = evaluator.evaluate(units: units)
        guard evaluation.isFeasible else {
            facts.failures.append(FailedSolve(
                step: "rolling horizon, joined plan in the whole model", termination: "infeasible",
                rawStatus: "hard-bound excess \(evaluation.violation) mmol/L·h, \(evaluation.closedGates.count) order(s) on a closed gate",
                consequence: "the whole horizon is searched in one piece"))
            return try inOnePiece(model, options: options, deadline: deadline, earlier: facts.failures)
        }
        let values = evaluator.fullVector(units: units)
        phases.append(("joined plan in the whole model", Date().timeIntervalSince(clock)))
        // Every objective term is ≥ 0 (weights ≥ 0, CaseReader), so 0 bounds every plan when the LP fails.
        var lowerBound = 0.0
        switch bound {
        case let .success(solved): lowerBound = solved.solution.objectiveValue
        case let .failure(failed):
            if failed.termination == .timeLimit { facts.stoppedByClock = true }
            facts.failures.append(failed.failure)
        }
        phases.append(("LP relaxation of the whole model (bound; beside the windows)", boundSeconds))
        lowerBound = min(lowerBound, evaluation.objective)
        var program = model.program
        PlanSearch.fix(&program, slots: model.slots, partial: assignment)
        let residual = program.residuals(at: values, checkIntegrality: true).largestViolation
        let objective = evaluation.objective
        facts.incumbentFeasible = true
        facts.gap = objective == 0 ? 0 : max(0, (objective - lowerBound) / abs(objective))
        var result = SearchResult(
            assignment: assignment, units: units, values: values, objective: objective, lowerBound: lowerBound,
            relativeGap: facts.gap ?? 0, termination: PlanTermination.decide(facts), evaluated: [(assignment, objective)],
            lpsSolved: joined.lps + 1, milpsSolved: joined.milps, assignmentsEvaluated: joined.scored, residual: residual,
            phaseSeconds: phases)
        result.windows = joined.windows
        return result
    }

    /// The ordinary search on the whole model after the windows failed; their failures stay in the result.
    static func inOnePiece(_ model: PlanModel, options: PlanningOptions, deadline: Double,
                           earlier: [FailedSolve]) throws(PlanSearchError) -> SearchResult {
        var whole = options
        whole.timeLimit = max(0.05, deadline - Date().timeIntervalSinceReferenceDate)
        do {
            var result = try PlanSearch.run(model, options: whole)
            result.earlierFailures = earlier + result.earlierFailures
            return result
        } catch {
            let termination = error.termination
            throw .noPlan(PlanTermination(reason: termination.reason, result: termination.result, failures: earlier + termination.failures))
        }
    }

    /// A window's failed solve, named by its window.
    static func prefixed(_ failure: FailedSolve, _ window: String) -> FailedSolve {
        var named = failure
        named.step = "\(window): \(failure.step)"
        return named
    }

    /// Dose lookup key: drug and time to the millisecond-hour.
    static func key(drug: Int, time: Double) -> String { "\(drug)@\(Int((time * 1000).rounded()))" }
}
