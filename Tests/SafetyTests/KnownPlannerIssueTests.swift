import Foundation
import KRTInput
import KRTPlanner
import Testing

/// Planner problems found by the property tests and reported to the planner's owner (docs/safety.md,
/// "Known issues"). Each runs the failing case inside `withKnownIssue`: the test passes while the
/// problem is there, and fails once it is fixed, so that the note and this test are removed then.
struct KnownPlannerIssueTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("KnownIssues").path

    @Test func theLeastViolatingPlanOfAGatedDrugCaseIsNotInfeasible() throws {
        let catalog = try #require(SafetyFixtures.catalog)
        let file = try CaseReader.read(path: Self.folder + "/least-violating-infeasible.yaml")
        let planningCase = try PlanningCase.resolve(file, catalog: catalog, mode: .plan)
        withKnownIssue("PlanModel+Build gate big-M caps K in the elastic model: least-violating plan 'infeasible'") {
            let result = try Planner(catalog: catalog, options: PlanningOptions(threads: 1)).plan(planningCase)
            #expect(result.status == .hardBoundsUnmet)
        }
    }
}
