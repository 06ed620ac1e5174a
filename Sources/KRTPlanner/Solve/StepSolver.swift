import LinearProgramming

/// Every LP and MILP solve of the planner goes through one ``StepSolver``: it either gives the
/// outcome a step can use or a ``FailedSolve`` naming the step, GLPK's termination and raw status.
/// There is no other path to GLPK in `Solve/`, so no failure can be dropped on the way.
///
/// Tests replace ``solve`` to inject failures (e.g. a numerical failure of one step).
struct StepSolver: Sendable {
    /// The steps of the search that solve a program.
    enum Step: String, Sendable, Hashable, CaseIterable {
        case rootRelaxation = "LP relaxation of the whole model"
        case fixedFluidRelaxation = "LP relaxation with the fluids fixed"
        case boundBranchAndCut = "branch-and-cut on the whole model (bound)"
        case bindingLimits = "LP with the chosen fluids fixed (shadow prices)"
    }

    /// What a step requires of the outcome to use it.
    enum Need: Sendable {
        /// An optimal solution (LP relaxations, duals).
        case optimal
        /// Any solution with a proven bound (bounded branch-and-cut: node or gap limits are normal ends).
        case bound
    }

    /// The raw call: GLPK by default.
    var solve: @Sendable (LinearProgram, SolveOptions, Step) throws -> SolveOutcome

    static let glpk = StepSolver { program, options, _ in try program.solve(options) }

    /// The outcome when it meets `need`, else the failure (with `consequence`, what the caller does
    /// instead) and GLPK's termination when there was one.
    func run(_ step: Step, _ program: LinearProgram, _ options: SolveOptions, need: Need, consequence: String)
        -> Result<Solved, StepFailure> {
        let outcome: SolveOutcome
        do { outcome = try solve(program, options, step) } catch {
            return .failure(StepFailure(failure: FailedSolve(step: step.rawValue, termination: "error", rawStatus: "\(error)",
                                                             consequence: consequence), termination: nil))
        }
        let usable = switch need {
        case .optimal: outcome.isOptimal
        case .bound: outcome.solution?.bestBound?.isFinite == true
            && [.optimal, .gapLimit, .nodeLimit, .timeLimit, .iterationLimit].contains(outcome.termination)
        }
        if usable, let solution = outcome.solution { return .success(Solved(outcome: outcome, solution: solution)) }
        return .failure(StepFailure(failure: FailedSolve(
            step: step.rawValue, termination: "\(outcome.termination)",
            rawStatus: "return code \(outcome.returnCode), status \(outcome.solverStatus)", consequence: consequence),
            termination: outcome.termination))
    }
}

/// A usable outcome and its solution.
struct Solved: Sendable {
    let outcome: SolveOutcome
    let solution: Solution
}

/// A failed step: the record for the result, and GLPK's mapped termination (nil when the call threw).
struct StepFailure: Error, Sendable {
    let failure: FailedSolve
    let termination: TerminationReason?
}
