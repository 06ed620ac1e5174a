import Foundation
@testable import KRTPlanner
import KRTUnits
import Testing

/// Issue 17 "what it must show": on the flagship case and two other bundled cases, the robust plan's
/// out-of-sample probability of staying within every hard bound, measured on 2,000 fresh seeded draws,
/// is at least the requested confidence (0.9), with the nominal plan's figure beside it (printed; the
/// measured table is in docs/validation.md). Work-limited search (fluid rounds, no wall clock).
/// Slow in a debug build (three plans and 12,000 simulations): runs when `KRTPLAN_SLOW_ROBUST=1`
/// (as `KRTPLAN_LP_BENCH` gates the LP benchmarks); docs/validation.md says how it was run.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["KRTPLAN_SLOW_ROBUST"] == "1", "set KRTPLAN_SLOW_ROBUST=1 (slow in debug)"))
struct RobustOutOfSampleTests {
    @Test(arguments: ["flagship-citrate-cvvhdf.yaml", "hyperkalaemia-low-k-first.yaml", "non-oliguric-mg-driven-k-wasting.yaml"])
    func outOfSampleProbabilityReachesTheConfidence(_ name: String) throws {
        var options = PlanningOptions(relativeGap: 0.01, timeLimit: 3600, threads: 2)
        options.fluidRounds = 6
        let planningCase = try PlannerFixtures.planningCase(PlannerFixtures.bundledCase(name))
        let settings = RobustSettings(scenarios: 30, confidence: 0.9, seed: 1, outOfSampleDraws: 2000, threads: 2)
        let result = try RobustPlanner(planner: Planner(catalog: PlannerFixtures.catalog, options: options), settings: settings).plan(planningCase)
        let robust = try #require(result.robust)
        print("\(name): planning \(robust.scenariosHolding)/\(robust.scenarios), out of sample robust \(robust.outOfSample.robust), "
            + "nominal \(robust.outOfSample.nominal), \(robust.rounds) plan(s)")
        #expect(robust.outOfSample.draws >= 2000)
        #expect(robust.outOfSample.seed != robust.seed)
        #expect(robust.promiseKept)
        #expect(robust.outOfSample.robust >= 0.9, "\(name): out of sample \(robust.outOfSample.robust) < 0.9")
    }
}
