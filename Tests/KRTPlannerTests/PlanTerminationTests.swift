import Testing
import LinearProgramming
@testable import KRTPlanner

/// Status like MathOptInterface: the termination reason apart from the result status, decided in one
/// place, and every failed LP/MILP solve reported — checked by injecting failures into one step.
@Suite(.serialized)
struct PlanTerminationTests {
    static let text = PlannerBehaviourTests.caseText(
        labs: "potassium: 3.4 mmol/L, phosphate: 0.7 mmol/L, magnesium: 0.7 mmol/L",
        dialysate: "{choose_from: [Hemosol B0, Biphozyl]}",
        supplements: "{allowed: [magnesium sulfate, KCl 20 mmol/100 mL], access: central}", horizon: "24 h")

    /// A solver that fails `failing` (as GLPK throwing an abort would) and solves every other step with GLPK.
    static func planner(failing: Set<StepSolver.Step>) -> Planner {
        var options = PlannerBehaviourTests.options
        options.solver = StepSolver { program, solveOptions, step in
            if failing.contains(step) { throw LinearProgrammingError.solverAborted(message: "injected failure", log: "") }
            return try program.solve(solveOptions)
        }
        return Planner(catalog: PlannerFixtures.catalog, options: options)
    }

    static func plan(failing: Set<StepSolver.Step>) throws -> PlanResult {
        try planner(failing: failing).plan(PlannerFixtures.planningCase(PlannerFixtures.caseFile(text)))
    }

    @Test func withoutFailuresNothingIsReported() throws {
        let result = try Self.plan(failing: [])
        let solver = try #require(result.solver)
        #expect(solver.failedSolves.isEmpty)
        #expect(solver.resultStatus == "feasiblePlan")
        #expect(["gapReached", "workLimit"].contains(solver.terminationReason))
        #expect(result.status == (solver.terminationReason == "gapReached" ? .optimal : .bestFound))
    }

    @Test(arguments: [StepSolver.Step.fixedFluidRelaxation, .boundBranchAndCut, .bindingLimits])
    func aRecoverableFailureIsReportedAndTheSearchGoesOn(step: StepSolver.Step) throws {
        let reference = try Self.plan(failing: [])
        let result = try Self.plan(failing: [step])
        let solver = try #require(result.solver)
        #expect(solver.failedSolves.map(\.step) == [step.rawValue])
        #expect(solver.failedSolves.first?.rawStatus.contains("injected failure") == true)
        // Failures of the search are counted in its termination; the shadow-price LP runs after it.
        #expect(solver.termination.contains("1 failed solve") == (step != .bindingLimits))
        #expect(result.explanation.notes.contains { $0.contains(step.rawValue) && $0.contains("injected failure") })
        #expect(result.verification.allLimitsRespected)
        switch step {
        case .boundBranchAndCut:
            // Same plan; the bound falls back to the LP relaxation's, never above the objective.
            #expect(solver.objective == reference.solver?.objective)
            #expect(solver.bound <= (reference.solver?.bound ?? 0) + 1e-9)
            #expect(solver.bound <= solver.objective)
        case .bindingLimits:
            #expect(result.explanation.binding.isEmpty)
            #expect(solver.objective == reference.solver?.objective)
        default:
            #expect(solver.bound <= solver.objective)
        }
    }

    @Test func aFailedRootRelaxationIsANumericalFailureWithTheRawStatus() throws {
        let planner = Self.planner(failing: [.rootRelaxation])
        let planningCase = try PlannerFixtures.planningCase(PlannerFixtures.caseFile(Self.text))
        do {
            _ = try planner.plan(planningCase)
            Issue.record("a plan without its LP relaxation")
        } catch {
            guard case let .solver(message) = error else { Issue.record("\(error)"); return }
            #expect(message.contains("numericalFailure"))
            #expect(message.contains(StepSolver.Step.rootRelaxation.rawValue))
            #expect(message.contains("injected failure"))
        }
    }

    /// The verification gate can fail: a plan whose LP prediction is moved 1e-5 mmol/L away from the
    /// simulation at one report time is refused (the untouched plan is accepted).
    @Test func aPredictionThatDisagreesWithTheSimulationIsRefused() throws {
        let planner = Self.planner(failing: [])
        let planningCase = try PlannerFixtures.planningCase(PlannerFixtures.caseFile(Self.text))
        let model = PlanModel(problem: planningCase.problem)
        var search = try PlanSearch.run(model, options: planner.options)
        let accepted = try planner.assemble(planningCase, model: model, search: search)
        #expect(accepted.verification.maxPredictionDifference <= Planner.verificationTolerance)
        let point = try #require(model.timeline.reportIndices.last)
        let parts = try #require(model.serumParts[point - 1].first)
        search.values[parts.upperHalf.index] += 1e-5
        do {
            _ = try planner.assemble(planningCase, model: model, search: search)
            Issue.record("a plan 1e-5 mmol/L off the simulation was accepted")
        } catch {
            guard case let .verificationFailed(difference, tolerance) = error else { Issue.record("\(error)"); return }
            #expect(difference > 1e-5 - 1e-9 && difference > tolerance)
        }
    }

    // MARK: The decision itself

    static func facts(gap: Double? = 0.005, feasible: Bool = true, clock: Bool = false, elastic: Bool = false)
        -> PlanTermination.Facts {
        var facts = PlanTermination.Facts(requestedGap: 0.01, elastic: elastic)
        facts.gap = gap
        facts.incumbentFeasible = feasible
        facts.stoppedByClock = clock
        return facts
    }

    @Test func theDecisionTable() {
        let failed = FailedSolve(step: "s", termination: "numericalError", rawStatus: "GLP_EFAIL", consequence: "c")
        let cases: [(PlanTermination.Facts, PlanTerminationReason, PlanResultStatus, PlanStatus?)] = [
            (Self.facts(), .gapReached, .feasiblePlan, .optimal),
            (Self.facts(gap: 0.2), .workLimit, .feasiblePlan, .bestFound),
            (Self.facts(gap: 0.2, clock: true), .timeLimit, .feasiblePlan, .timeLimit),
            (Self.facts(gap: nil, feasible: false, clock: true), .timeLimit, .none, nil),
            (Self.facts(gap: nil, feasible: false), .infeasible, .none, nil),
            (Self.facts(gap: 0.2, elastic: true), .workLimit, .leastViolatingPlan, .hardBoundsUnmet),
            ({ var f = Self.facts(); f.rootFailure = (failed, .infeasible); return f }(), .infeasible, .none, nil),
            ({ var f = Self.facts(); f.rootFailure = (failed, .numericalError); return f }(), .numericalFailure, .none, nil),
            ({ var f = Self.facts(); f.rootFailure = (failed, nil); return f }(), .numericalFailure, .none, nil),
            ({ var f = Self.facts(); f.rootFailure = (failed, .timeLimit); return f }(), .timeLimit, .none, nil),
        ]
        for (facts, reason, result, status) in cases {
            let decided = PlanTermination.decide(facts)
            #expect(decided.reason == reason)
            #expect(decided.result == result)
            #expect(decided.planStatus == status)
            #expect(decided.failures.count == (facts.rootFailure == nil ? 0 : 1))
        }
    }
}
