import Foundation
import KRTKinetics
import KRTUnits
import LinearProgramming

/// Options of the planning search.
public struct PlanningOptions: Sendable {
    /// Requested relative optimality gap over all fluid combinations and orders.
    public var relativeGap: Double
    /// Wall-clock limit (s) for the whole search.
    public var timeLimit: Double
    /// Worker threads; results do not depend on it.
    public var threads: Int
    /// Nodes expanded per wave of the fluid search (fixed so results do not depend on `threads`).
    public var waveSize: Int = 8

    public init(relativeGap: Double = 0.01, timeLimit: Double = 30, threads: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.relativeGap = relativeGap
        self.timeLimit = timeLimit
        self.threads = max(1, threads)
    }
}

/// The solved plan model: the chosen fluid options and the leaf MILP's values.
struct SearchResult: Sendable {
    var assignment: [Int]
    var values: [Double]
    var objective: Double
    var lowerBound: Double
    var relativeGap: Double
    var termination: String
    var stoppedEarly: Bool
    var evaluated: [(assignment: [Int], objective: Double)]
    var relaxationsSolved: Int
    var leavesSolved: Int
    var nodesExplored: Int
    var residual: Double
}

enum PlanSearchError: Error, Sendable {
    /// No fluid combination satisfies the hard bounds.
    case infeasible
    /// The solver failed (numerical trouble, abort caught, invalid model).
    case solverFailure(String)
}

/// The default strategy: branch-and-bound over the fluid choices with LP relaxation bounds, and a
/// small MILP (orders) at every promising full fluid assignment. One function, so the strategy can
/// change without touching the model or the result.
enum PlanSearch {
    static func run(_ model: PlanModel, options: PlanningOptions) throws(PlanSearchError) -> SearchResult {
        let start = Date()
        let deadline = start.timeIntervalSinceReferenceDate + options.timeLimit
        let program = model.program
        let slots = model.slots
        let leafGap = options.relativeGap / 2
        let failure = FailureLog()

        let relax: @Sendable ([Int?]) -> AssignmentSearch<[Double]>.Relaxation = { partial in
            var copy = program
            fix(&copy, slots: slots, partial: partial)
            let remaining = max(0.05, deadline - Date().timeIntervalSinceReferenceDate)
            let options = SolveOptions(timeLimit: .milliseconds(Int(remaining * 1000)), relaxIntegrality: true)
            guard let outcome = try? copy.solve(options) else { failure.note("relaxation could not be solved"); return .infeasible }
            guard let solution = outcome.solution, outcome.termination == .optimal else {
                if outcome.termination != .infeasible { failure.note("relaxation ended \(outcome.termination)") }
                return .infeasible
            }
            let weights = slots.map { slot in slot.options.map { solution.variableValues[$0.index] } }
            return .bound(solution.objectiveValue, weights: weights)
        }
        let leaf: @Sendable ([Int]) -> AssignmentSearch<[Double]>.Leaf = { assignment in
            var copy = program
            fix(&copy, slots: slots, partial: assignment)
            let remaining = max(0.05, deadline - Date().timeIntervalSinceReferenceDate)
            let options = SolveOptions(timeLimit: .milliseconds(Int(remaining * 1000)), presolve: true, relativeGap: leafGap,
                                       cuts: .all, heuristics: [.feasibilityPump, .simpleRounding])
            guard let outcome = try? copy.solve(options) else { failure.note("order MILP could not be solved"); return .infeasible }
            guard let solution = outcome.solution else { return .infeasible }
            let bound = solution.bestBound ?? solution.objectiveValue
            return .solved(objective: solution.objectiveValue, bound: min(bound, solution.objectiveValue), payload: solution.variableValues)
        }
        let search = AssignmentSearch<[Double]>(
            choiceCounts: slots.map(\.options.count), relativeGap: options.relativeGap, absoluteTolerance: 1e-6,
            threads: options.threads, waveSize: options.waveSize, maxRelaxations: 200_000,
            deadline: deadline, clock: { Date().timeIntervalSinceReferenceDate })
        let outcome = search.run(relax: relax, solveLeaf: leaf)
        guard let best = outcome.best else {
            if let message = failure.first { throw .solverFailure(message) }
            throw .infeasible
        }
        let gap = best.objective == 0 ? 0 : max(0, (best.objective - outcome.lowerBound) / abs(best.objective))
        var finalProgram = program
        fix(&finalProgram, slots: slots, partial: best.assignment)
        let residual = finalProgram.residuals(at: best.payload, checkIntegrality: true).largestViolation
        return SearchResult(
            assignment: best.assignment, values: best.payload, objective: best.objective, lowerBound: outcome.lowerBound,
            relativeGap: gap, termination: outcome.stoppedEarly ? "time limit" : "optimal within gap",
            stoppedEarly: outcome.stoppedEarly, evaluated: outcome.evaluated, relaxationsSolved: outcome.relaxationsSolved,
            leavesSolved: outcome.leavesSolved, nodesExplored: outcome.nodesExplored, residual: residual)
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

/// Collects the first unexpected solver failure from worker threads.
final class FailureLog: @unchecked Sendable {
    private let lock = NSLock()
    private var messages: [String] = []

    func note(_ message: String) {
        lock.lock()
        messages.append(message)
        lock.unlock()
    }

    var first: String? {
        lock.lock()
        defer { lock.unlock() }
        return messages.first
    }
}
