import Foundation
import KRTCatalog
import KRTPlanner
import Testing

/// Every robust plan still respects every catalog limit (issue 17): random valid cases (RandomCases.swift)
/// planned robustly at a high confidence, so that margins are raised and the plan re-made, with the
/// planner's own limit checks and the independent audit (OrderLimitAudit) on the chosen plan. Wider
/// volume CVs than the priors (solver.robust.cv) make more scenarios fail, so margins are raised often.
/// `KRTPLAN_LONG_PROPERTIES=1` runs ten times as many.
struct RobustPlanPropertyTests {
    static let planCount = SafetyFixtures.count(6)

    @Test func robustPlansRespectEveryLimit() throws {
        let catalog = try #require(SafetyFixtures.catalog)
        var planned = 0, rounds = 0
        for (index, seed) in SafetyFixtures.seeds(Self.planCount, stream: 17).enumerated() {
            let random = RandomCase(seed: seed, fluids: .choose, horizon: 12)
            guard let planningCase = try? random.planningCase(catalog, mode: .plan) else { continue }
            var options = PlanningOptions(relativeGap: 0.01, timeLimit: 3600, threads: 1)
            options.fluidRounds = 4
            let settings = RobustSettings(scenarios: 10, confidence: 0.95, seed: UInt64(index + 1), outOfSampleDraws: 50, threads: 1,
                                          cvOverrides: ["potassium_ecf_volume": 0.5, "phosphate_central_volume": 0.5, "magnesium_pool_volume": 0.6])
            let result: PlanResult
            do { result = try RobustPlanner(planner: Planner(catalog: catalog, options: options), settings: settings).plan(planningCase) } catch {
                Issue.record("\(random)\nrobust planning failed: \(error)")
                continue
            }
            planned += 1
            rounds += result.robust?.rounds ?? 0
            let failed = result.verification.limitChecks.filter { !$0.passed }.map(\.description)
            #expect(failed.isEmpty, "\(random)\nplanner's own limit checks failed: \(failed)")
            let audit = OrderLimitAudit.violations(of: result, catalog: catalog)
            #expect(audit.isEmpty, "\(random)\nindependent audit: \(audit)")
            #expect(result.robust != nil)
        }
        print("RobustPlanPropertyTests (base seed \(SafetyFixtures.baseSeed)): \(planned) robust plans, \(rounds) plans made in all")
        #expect(planned * 2 >= Self.planCount, "only \(planned) of \(Self.planCount) random cases were planned")
    }
}
