import Foundation
import Testing
@testable import KRTPlanner

/// The flagship plan against the optimum of the same model found independently by HiGHS 1.16.0.
/// Re-measured for model krtplan-kinetics-3 (branch `fidelity`): `krtplan plan
/// cases/flagship-citrate-cvvhdf.yaml --export-lp model.lp`, then `Benchmarks/highs_solve.py model.lp
/// --gap 1e-4 --threads 1 --time-limit 900`: "Optimal" in 320.9 s wall (39.7 s CPU) on the shared 2-core
/// machine at load average ≈ 18, 2026-12-02 15:17 UTC, objective 222.5270, best bound 222.5270, 9,371 nodes
/// (kinetics-2: 184.8103 / 184.7927; kinetics-1: 179.6702 / 179.6525). docs/planner.md
/// and docs/performance.md report the comparison. When the model or its weights change, the figures
/// must be measured again (docs/performance.md, *Side by side with HiGHS*).
struct PlanQualityTests {
    static let highsObjective = 222.5270
    static let highsBound = 222.5270

    @Test func theFlagshipPlanIsWithinOnePercentOfHiGHSsOptimum() throws {
        let file = try PlannerFixtures.bundledCase("flagship-citrate-cvvhdf.yaml")
        let model = PlanModel(problem: try PlannerFixtures.planningCase(file).problem)
        let result = try PlanSearch.run(model, options: PlanningOptions(relativeGap: 0.01, timeLimit: 3600, threads: 2))
        #expect(!result.stoppedEarly)
        // No plan can beat a proven bound; the planner's own bound must not exceed a known solution.
        #expect(result.objective >= Self.highsBound - 1e-6, "objective \(result.objective)")
        #expect(result.lowerBound <= Self.highsObjective + 1e-6, "bound \(result.lowerBound)")
        // Issue 16: within 1 % of HiGHS's optimum (whole-order relocation and the fluid neighbourhood
        // re-screened after improving kicks; with kinetics-2 185.225 vs 184.8103, 0.22 %, was 190.27).
        // Kinetics-3: 232.209 (4.35 %) until the neighbourhood changed a stream over runs of periods and
        // re-optimised 12 neighbours per round; now HiGHS's optimum itself (222.52701).
        #expect(result.objective <= Self.highsObjective * 1.01, "objective \(result.objective) is more than 1 % above HiGHS's \(Self.highsObjective)")
    }

    /// Node budget at which the flagship's stated gap is at most 5 % (measured: 3,200 nodes, hybrid
    /// pseudocost, bound 181.29, gap 4.7 %; 2,400 nodes gave 180.67, 5.04 %). docs/planner.md §5.
    static let thoroughBoundNodes = 3200

    /// With the larger bound budget (`--bound-nodes 3200`) the flagship's stated gap is at most 5 %, and
    /// the bound is still proven: below HiGHS's optimum, with the plan above HiGHS's bound. The plan is the
    /// default budget's (the bound phase only bounds). Node limits count work, so this does not depend
    /// on the machine.
    @Test func aLargerBoundBudgetStatesAtMostFivePercentOnTheFlagship() throws {
        let file = try PlannerFixtures.bundledCase("flagship-citrate-cvvhdf.yaml")
        let model = PlanModel(problem: try PlannerFixtures.planningCase(file).problem)
        var options = PlanningOptions(relativeGap: 0.01, timeLimit: 3600, threads: 2)
        options.boundNodes = Self.thoroughBoundNodes
        let result = try PlanSearch.run(model, options: options)
        #expect(!result.stoppedEarly)
        #expect(result.lowerBound <= Self.highsObjective + 1e-6, "bound \(result.lowerBound) above HiGHS's optimum")
        #expect(result.objective >= Self.highsBound - 1e-6, "objective \(result.objective) below HiGHS's bound")
        #expect(result.relativeGap <= 0.05, "stated gap \(result.relativeGap), bound \(result.lowerBound), objective \(result.objective)")
        // The default budget's bound is weaker: the budget, not something else, made the difference.
        options.boundNodes = PlanningOptions().boundNodes
        let quick = try PlanSearch.run(model, options: options)
        #expect(quick.objective == result.objective)
        #expect(quick.lowerBound < result.lowerBound - 10, "default bound \(quick.lowerBound), larger budget \(result.lowerBound)")
    }

    /// The fluid neighbourhood changes one stream over any run of consecutive periods: the flagship's
    /// optimum (dialysate Biphozyl, then Phoxilium from 24 h to the end) is one move from the all-Biphozyl
    /// assignment, where single-period moves need two steps through a worse assignment.
    @Test func theFluidNeighbourhoodChangesAStreamOverARunOfPeriods() throws {
        let file = try PlannerFixtures.bundledCase("flagship-citrate-cvvhdf.yaml")
        let model = PlanModel(problem: try PlannerFixtures.planningCase(file).problem)
        let neighbours = PlanSearch.neighbours(of: [1, 1, 1, 2, 2, 2], model: model)
        #expect(neighbours.contains([1, 0, 0, 2, 2, 2]))   // a suffix
        #expect(neighbours.contains([0, 0, 1, 2, 2, 2]))   // a prefix
        #expect(neighbours.contains([1, 0, 1, 2, 2, 2]))   // one period
        #expect(neighbours.contains([1, 1, 1, 5, 5, 5]))   // every period
        #expect(!neighbours.contains([0, 1, 0, 2, 2, 2]))  // not a run
        #expect(!neighbours.contains([1, 0, 0, 5, 2, 2]))  // one stream per move
        #expect(Set(neighbours).count == neighbours.count && !neighbours.contains([1, 1, 1, 2, 2, 2]))
        // Per stream: 6 runs (3 single periods, 2 pairs, all three) × every other option; each stream is
        // uniform here, so no two coincide. Dialysate 5 options, post-filter replacement 10.
        #expect(neighbours.count == 6 * 4 + 6 * 9)
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
