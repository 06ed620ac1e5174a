import Foundation
import Testing
@testable import KRTPlanner

/// The flagship plan against the optimum of the same model found independently by HiGHS 1.16.0
/// (the model `make bench` exports, solved to optimality: "Optimal in 20.11 s", 2026-11-25 14:50 UTC):
/// objective 179.6702, best bound 179.6525, with the same fluids as krtplan's plan. docs/planner.md
/// and docs/performance.md report the comparison. When the model or its weights change, the figures
/// must be measured again (docs/performance.md, *Side by side with HiGHS*).
struct PlanQualityTests {
    static let highsObjective = 179.6702
    static let highsBound = 179.6525

    @Test func theFlagshipPlanIsWithinTwoPercentOfHiGHSsOptimum() throws {
        let file = try PlannerFixtures.bundledCase("flagship-citrate-cvvhdf.yaml")
        let model = PlanModel(problem: try PlannerFixtures.planningCase(file).problem)
        let result = try PlanSearch.run(model, options: PlanningOptions(relativeGap: 0.01, timeLimit: 3600, threads: 2))
        #expect(!result.stoppedEarly)
        // No plan can beat a proven bound; the planner's own bound must not exceed a known solution.
        #expect(result.objective >= Self.highsBound - 1e-6, "objective \(result.objective)")
        #expect(result.lowerBound <= Self.highsObjective + 1e-6, "bound \(result.lowerBound)")
        #expect(result.objective <= Self.highsObjective * 1.02, "objective \(result.objective) is more than 2 % above HiGHS's \(Self.highsObjective)")
    }

    /// Kicks (drop one order, descend again) never return a worse schedule than they start from.
    @Test func kicksNeverWorsenTheSchedule() throws {
        let file = try PlannerFixtures.bundledCase("flagship-citrate-cvvhdf.yaml")
        let model = PlanModel(problem: try PlannerFixtures.planningCase(file).problem)
        let evaluator = DoseEvaluator(model: model, assignment: [1, 1, 1, 2, 2, 2])
        let start = DoseSearch.improve(evaluator, start: model.doses.map { _ in 1 })
        let kicked = DoseSearch.kick(evaluator, from: start.units, rounds: 1)
        #expect(DoseSearch.score(kicked.evaluation) <= DoseSearch.score(start.evaluation) + 1e-9)
        #expect(kicked.evaluation.objective == evaluator.evaluate(units: kicked.units).objective)
    }
}
