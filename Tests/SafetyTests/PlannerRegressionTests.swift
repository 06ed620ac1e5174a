import Foundation
import KRTInput
import KRTPlanner
import Testing

/// Planner problems found by the property tests, fixed, and kept as regression tests (docs/safety.md).
struct PlannerRegressionTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Regressions").path

    /// Potassium phosphates (allowed only while K < 4 mmol/L) with K starting high and rising: the
    /// least-violating search used to end on orders that closed the gate and reported "infeasible"
    /// (exit 70). Leaving the gated orders out is always open to it, so it must find a plan.
    @Test func theLeastViolatingPlanOfAGatedDrugCaseIsFound() throws {
        let catalog = try #require(SafetyFixtures.catalog)
        let file = try CaseReader.read(path: Self.folder + "/least-violating-infeasible.yaml")
        let planningCase = try PlanningCase.resolve(file, catalog: catalog, mode: .plan)
        let result = try Planner(catalog: catalog, options: PlanningOptions(threads: 1)).plan(planningCase)
        #expect(result.status == .hardBoundsUnmet)
        #expect(result.verification.maxPredictionDifference <= Planner.verificationTolerance)
        #expect(!result.explanation.violations.isEmpty)
    }

    /// A flagship variant whose LP relaxation GLPK's simplex ended with a numerical failure (exit 70,
    /// found by the what-if sweep benchmark); the LP layer's retry on the scaled problem plans it.
    @Test func aNumericalFailureOfTheRelaxationIsRetried() throws {
        let catalog = try #require(SafetyFixtures.catalog)
        let file = try CaseReader.read(path: Self.folder + "/lp-relaxation-numerical-failure.yaml")
        let planningCase = try PlanningCase.resolve(file, catalog: catalog, mode: .plan)
        let result = try Planner(catalog: catalog, options: PlanningOptions(threads: 1)).plan(planningCase)
        #expect(result.status == .bestFound || result.status == .optimal)
        #expect(result.verification.maxPredictionDifference <= Planner.verificationTolerance)
    }
}
