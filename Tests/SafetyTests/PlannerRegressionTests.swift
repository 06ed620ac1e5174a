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
        let path = Self.folder + "/least-violating-infeasible.yaml"
        let file = try CaseReader.read(path: path)
        let planningCase = try PlanningCase.resolve(file, catalog: catalog, mode: .plan)
        let result = try Planner(catalog: catalog, options: PlanningOptions(timeLimit: 3600, threads: 1)).plan(planningCase)
        #expect(result.status == .hardBoundsUnmet)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let difference = try PlanPropertyTests.simulationDifference(of: result, caseText: text, catalog: catalog)
        #expect(difference <= 1e-6, "the plan written back as a case simulates \(difference) mmol/L away from its prediction")
        #expect(!result.explanation.violations.isEmpty)
    }

    /// A flagship variant whose LP relaxation GLPK's simplex ended with a numerical failure (exit 70,
    /// found by the what-if sweep benchmark); the LP layer's retry on the scaled problem plans it.
    @Test func aNumericalFailureOfTheRelaxationIsRetried() throws {
        let catalog = try #require(SafetyFixtures.catalog)
        let path = Self.folder + "/lp-relaxation-numerical-failure.yaml"
        let file = try CaseReader.read(path: path)
        let planningCase = try PlanningCase.resolve(file, catalog: catalog, mode: .plan)
        let result = try Planner(catalog: catalog, options: PlanningOptions(timeLimit: 3600, threads: 1)).plan(planningCase)
        #expect(result.status == .bestFound || result.status == .optimal)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let difference = try PlanPropertyTests.simulationDifference(of: result, caseText: text, catalog: catalog)
        #expect(difference <= 1e-6, "the plan written back as a case simulates \(difference) mmol/L away from its prediction")
    }
}
