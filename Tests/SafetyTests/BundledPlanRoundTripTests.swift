import Foundation
import KRTInput
import KRTPlanner
import Testing

/// Every bundled case the README plans, planned in process and written back as a case with the plan's
/// fluids and orders as written: `simulate` of that case reproduces the plan's predicted levels. This is
/// the independent form of "LP prediction = simulation" (the planner's own verification cannot fail a
/// plan it returned: it throws instead).
struct BundledPlanRoundTripTests {
    static let cases = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("cases").path

    /// Bundled plan cases without written orders (written orders would need merging with planned ones), one
    /// per kind of plan: citrate CVVHDF with Mg → K coupling, PIRRT sessions, a fluid change after
    /// hyperkalaemia, and a least-violating plan.
    static let planned = [
        "flagship-citrate-cvvhdf.yaml", "sled-daily-8h-rebound.yaml", "hyperkalaemia-low-k-first.yaml",
        "infeasible-potassium-free.yaml",
    ]

    @Test(arguments: planned)
    func thePlanWrittenBackAsACaseSimulatesToItsPrediction(_ name: String) throws {
        let catalog = try #require(SafetyFixtures.catalog)
        let path = Self.cases + "/" + name
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(!text.contains("\norders:"), "\(name) has written orders; this test appends the plan's")
        let file = try CaseReader.read(path: path)
        let planningCase = try PlanningCase.resolve(file, catalog: catalog, mode: .plan)
        let plan = try Planner(catalog: catalog, options: PlanningOptions(timeLimit: 3600, threads: 1)).plan(planningCase)
        let difference = try PlanPropertyTests.simulationDifference(of: plan, caseText: text, catalog: catalog)
        #expect(difference <= 1e-6, "\(name): the plan written back simulates \(difference) mmol/L away from its prediction")
    }
}
