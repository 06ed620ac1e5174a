import Testing
import KRTInput
import KRTKinetics
import LinearProgramming
@testable import KRTPlanner

/// Long horizons in overlapping windows (docs/planner.md §4, *Long horizons*): the joined plan passes the
/// whole model's checks and the independent simulation, its bound is at most its objective, the threshold
/// holds, the result is deterministic, and a window failure is reported.
@Suite(.serialized)
struct RollingHorizonTests {
    /// The flagship case with `--set` overrides.
    static func flagship(_ overrides: [String]) throws -> PlanningCase {
        let parsed = try overrides.map { text throws(InputError) in try InputOverride(parsing: text) }
        let document = try YAMLDocument.load(path: PlannerFixtures.packageRoot.appendingPathComponent("cases/flagship-citrate-cvvhdf.yaml").path)
            .applying(parsed)
        return try PlannerFixtures.planningCase(CaseReader.read(document))
    }

    static let week = Result(catching: { try flagship(["horizon=168 h", "step=60 min"]) })

    /// Work-limited (one fluid round, no kicks) so a debug build stays quick; no clock.
    static func options(threads: Int = 2) -> PlanningOptions {
        var options = PlanningOptions(relativeGap: 0.01, timeLimit: 3600, threads: threads)
        options.fluidRounds = 1
        options.kickRounds = 0
        return options
    }

    /// The week planned once (two threads), shared by the tests that read it.
    static let weekPlan = Result(catching: { () throws -> (model: PlanModel, search: SearchResult) in
        let model = PlanModel(problem: try week.get().problem)
        return (model, try RollingHorizon.run(model, options: options()))
    })

    @Test func theThresholdDecides() throws {
        let settings = RollingHorizonSettings()
        let flagship = try Self.flagship([]).problem
        #expect(RollingWindows(flagship, settings: settings, elastic: false) == nil, "72 h stays in one piece")
        let week = try Self.week.get().problem
        let windows = try #require(RollingWindows(week, settings: settings, elastic: false))
        #expect(windows.starts == [0, 24, 48, 72, 96, 120])
        #expect(windows.ends == [48, 72, 96, 120, 144, 168])
        #expect(RollingWindows(week, settings: settings, elastic: true) == nil, "the least-violation program is one piece")
        var never = settings
        never.threshold = .infinity
        #expect(RollingWindows(week, settings: never, elastic: false) == nil)
    }

    @Test func aWindowNeverStartsInsideARunningOrder() throws {
        var problem = try Self.week.get().problem
        let drug = try #require(problem.drugs.first { $0.isIntravenous })
        problem.fixedOrders.append(FixedOrder(drug: drug, at: 23, units: 1, duration: 2))  // runs 23–25 h
        let windows = try #require(RollingWindows(problem, settings: RollingHorizonSettings(), elastic: false))
        #expect(windows.starts.prefix(2) == [0, 48], "24 h is inside the written infusion; the next fluid period start is 48 h")
    }

    @Test func aWeekIsPlannedInWindowsAndTheJoinedPlanPassesEveryCheck() throws {
        let planningCase = try Self.week.get()
        let (model, search) = try Self.weekPlan.get()
        #expect(search.windows == 6)
        #expect(search.termination.failures.isEmpty, "\(search.termination.failures)")
        #expect(search.termination.result == .feasiblePlan)
        // The stated bound is the whole model's LP relaxation: at most the objective.
        #expect(search.lowerBound <= search.objective + 1e-9)
        #expect(search.lowerBound > 0)
        // The whole model at the joined point: every row holds and the objective is the evaluator's.
        #expect(search.residual <= 1e-6)
        var program = model.program
        PlanSearch.fix(&program, slots: model.slots, partial: search.assignment)
        #expect(program.residuals(at: search.values, checkIntegrality: true).largestViolation <= 1e-6)
        #expect(abs(ChosenPlan.value(of: model.program.objective.expression, at: search.values) - search.objective) <= 1e-6)
        // The window plan against the non-linear simulation of the whole horizon (not through the planner's own refusal).
        let chosen = ChosenPlan(model: model, search: search)
        let assembly = PlanAssembly(planningCase: planningCase, fluids: chosen.fluids, orders: chosen.orders, predicted: chosen.predicted)
        let verification = assembly.verification(prediction: chosen.predicted, couplingIterations: 1, residual: search.residual)
        #expect(verification.maxPredictionDifference <= 1e-6)
        #expect(verification.allLimitsRespected, "\(verification.limitChecks.filter { !$0.passed })")
        #expect(chosen.orders.contains { $0.at >= 120 }, "the last window plans orders too")
    }

    @Test func windowsAreDeterministicWhateverTheThreads() throws {
        let (model, two) = try Self.weekPlan.get()
        let one = try RollingHorizon.run(model, options: Self.options(threads: 1))
        #expect(one.assignment == two.assignment)
        #expect(one.units == two.units)
        #expect(one.objective == two.objective)
        #expect(one.lowerBound == two.lowerBound)
    }

    @Test func aFailedWindowIsReportedNotSwallowed() throws {
        var options = Self.options()
        options.solver = StepSolver { program, solveOptions, step in
            if step == .rootRelaxation { throw LinearProgrammingError.solverAborted(message: "injected failure", log: "") }
            return try program.solve(solveOptions)
        }
        let model = PlanModel(problem: try Self.week.get().problem)
        do {
            _ = try RollingHorizon.run(model, options: options)
            Issue.record("a plan without any LP relaxation")
        } catch {
            let termination = error.termination
            #expect(termination.reason == .numericalFailure)
            #expect(termination.failures.contains { $0.step.hasPrefix("window 0–48 h: LP relaxation of the whole model") })
            #expect(termination.failures.contains { $0.step == "rolling horizon, window 0–48 h" && $0.consequence.contains("one piece") })
            #expect(termination.failures.last?.step == "LP relaxation of the whole model", "then the one-piece search, which fails too")
        }
    }

    @Test func anAbsentStoreHasNoColumns() throws {
        let problem = try Self.flagship([]).problem
        let model = PlanModel(problem: problem)
        let names = model.program.variables.map(\.name)
        #expect(problem.model.patient.parameters.storeVolume(.phosphate) == 0, "krtplan-kinetics-2: no phosphate store")
        #expect(!names.contains { $0.hasPrefix("P_store") })
        #expect(names.contains { $0.hasPrefix("K_store") } == (problem.model.patient.parameters.storeVolume(.potassium) > 0))
    }
}
