import Foundation
import KRTInput
@testable import KRTPlanner
import KRTUnits
import Testing

/// Robust planning by scenario-generated back-off (docs/uncertainty.md "Robust planning"): N = 1 is the
/// nominal plan, determinism, the planning claim checked by simulation, margins that tighten the model,
/// the out-of-sample stream apart from the planning one, and the case's `solver.robust` block.
struct RobustPlanningTests {
    /// Work-limited search (no wall-clock limit decides anything in these tests).
    static func planner() -> Planner {
        var options = PlanningOptions(relativeGap: 0.01, timeLimit: 3600, threads: 1)
        options.fluidRounds = 6
        return Planner(catalog: PlannerFixtures.catalog, options: options)
    }

    static func robust(_ name: String, scenarios: Int, confidence: Double = 0.9, draws: Int = 200, threads: Int = 1) throws -> (PlanResult, PlanResult) {
        let planningCase = try PlannerFixtures.planningCase(PlannerFixtures.bundledCase(name))
        let settings = RobustSettings(scenarios: scenarios, confidence: confidence, seed: 5, outOfSampleDraws: draws, threads: threads)
        let robust = try RobustPlanner(planner: planner(), settings: settings).plan(planningCase)
        let nominal = try planner().plan(planningCase)
        return (robust, nominal)
    }

    @Test func oneScenarioReproducesTheNominalPlanExactly() throws {
        let (robust, nominal) = try Self.robust("hyperkalaemia-low-k-first.yaml", scenarios: 1)
        let summary = try #require(robust.robust)
        #expect(summary.scenarios == 1 && summary.requiredScenarios == 1 && summary.scenariosHolding == 1 && summary.rounds == 1)
        var stripped = robust
        stripped.robust = nil
        #expect(stripped == nominal, "N = 1 (the nominal patient only) must give the nominal plan itself")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        #expect(try encoder.encode(stripped) == encoder.encode(nominal))
        #expect(summary.price.extraOrders == 0 && summary.price.extraObjective == 0 && !summary.price.fluidsDiffer)
    }

    @Test func sameSeedSameRobustPlanWhateverTheThreads() throws {
        let (one, _) = try Self.robust("hyperkalaemia-low-k-first.yaml", scenarios: 12, confidence: 0.95, draws: 100, threads: 1)
        let (two, _) = try Self.robust("hyperkalaemia-low-k-first.yaml", scenarios: 12, confidence: 0.95, draws: 100, threads: 2)
        #expect(one == two)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        #expect(try encoder.encode(one) == encoder.encode(two))
    }

    /// The planning claim is what simulation of every planning scenario says, and every order stays
    /// within its limits (the planner's own checks on the robust plan).
    @Test func theClaimIsCheckedBySimulationAndLimitsHold() throws {
        let (robust, _) = try Self.robust("hyperkalaemia-low-k-first.yaml", scenarios: 10, confidence: 0.9, draws: 100)
        let summary = try #require(robust.robust)
        let inputs = try #require(robust.forwardInputs)
        let planningCase = try PlannerFixtures.planningCase(PlannerFixtures.bundledCase("hyperkalaemia-low-k-first.yaml"))
        let source = RobustPlanner.source(planningCase, inputs: inputs, cvOverrides: [:]).0
        let thetas = [source.distribution.centre] + (1..<10).map { source.distribution.theta(draw: $0, seed: 5) }
        let check = ScenarioCheck(result: robust, inputs: inputs, source: source)
        let holding = check.levels(thetas, threads: 1).map(check.excess).filter(\.holds).count
        #expect(holding == summary.scenariosHolding)
        #expect(summary.promiseKept == (holding >= summary.requiredScenarios))
        #expect(summary.failingScenarioCount == 10 - holding)
        #expect(robust.verification.limitChecks.allSatisfy { $0.passed })
        #expect(robust.verification.maxPredictionDifference <= Planner.verificationTolerance)
    }

    /// Margins tighten the model's hard bounds where they are set, and nowhere past the target range.
    @Test func marginsTightenTheModelsHardBounds() throws {
        var planningCase = try PlannerFixtures.planningCase(PlannerFixtures.bundledCase("hyperkalaemia-low-k-first.yaml"))
        var backOff = HardBackOff(times: RobustPlanner.marginGrid(horizon: planningCase.problem.horizon), reach: 1)
        #expect(backOff.isZero)
        let k = Solute.planned.firstIndex(of: .potassium)!
        for t in backOff.times.indices { backOff.low[k][t] = 0.4 }
        let margins = backOff.margins(.potassium, at: 10)
        #expect(margins.low == 0.4 && margins.high == 0)
        planningCase.problem.hardBackOff = backOff
        let tightened = try Self.planner().plan(planningCase)
        let correction = planningCase.problem.correctionWindow
        let k3 = try #require(tightened.trajectory.values(for: .potassium))
        for (t, level) in zip(tightened.trajectory.times, k3) where t > correction {
            #expect(level >= 3.4 - 1e-6, "K \(level) at \(t) h is below the backed-off bound 3.4")
        }
    }

    @Test func settingsCountAndSeedStreams() {
        #expect(RobustSettings(scenarios: 30, confidence: 0.9).requiredScenarios == 27)
        #expect(RobustSettings(scenarios: 1, confidence: 0.5).requiredScenarios == 1)
        #expect(RobustSettings(scenarios: 10, confidence: 0.95).requiredScenarios == 10)
        let settings = RobustSettings(seed: 5)
        #expect(settings.outOfSampleSeed != 5 && settings.outOfSampleSeed <= UncertaintySettings.maximumSeed)
        #expect(settings.outOfSampleSeed == RobustSettings(seed: 5).outOfSampleSeed)
        #expect(settings.outOfSampleSeed != RobustSettings(seed: 6).outOfSampleSeed)
    }

    static func caseText(robust: String) throws -> String {
        let base = try String(contentsOfFile: PlannerFixtures.packageRoot.appendingPathComponent("cases/hyperkalaemia-low-k-first.yaml").path, encoding: .utf8)
        return base + "\n# robust\n" + robust
    }

    @Test func caseBlockIsReadAndBadValuesNameTheirField() throws {
        let text = try Self.caseText(robust: "")
        func issues(_ block: String) -> [String] {
            do {
                _ = try PlannerFixtures.caseFile(Self.withSolver(text, block))
                return []
            } catch let error as InputError {
                return error.issues.errors.map(\.description)
            } catch {
                return ["\(error)"]
            }
        }
        let good = try PlannerFixtures.caseFile(Self.withSolver(text, "{robust: {scenarios: 40, confidence: 95 %, objective: nominal, cv: {potassium_ecf_volume: 30 %}}}"))
        #expect(good.solver.robust?.scenarios == 40)
        #expect(abs((good.solver.robust?.confidence ?? 0) - 0.95) < 1e-12)
        #expect(good.solver.robust?.cv["potassium_ecf_volume"] == 0.3)
        let cases: [(String, String)] = [
            ("{robust: {confidence: 1.2}}", "solver.robust.confidence"),
            ("{robust: {confidence: 0}}", "solver.robust.confidence"),
            ("{robust: {scenarios: 0}}", "solver.robust.scenarios"),
            ("{robust: {scenarios: 1001}}", "solver.robust.scenarios"),
            ("{robust: {objective: worst}}", "solver.robust.objective"),
            ("{robust: {cv: {potassium_ecf_volume: -0.1}}}", "solver.robust.cv.potassium_ecf_volume"),
            ("{robust: {cv: {potassium_ecf_volume: 3.5}}}", "solver.robust.cv.potassium_ecf_volume"),
        ]
        for (block, path) in cases {
            let found = issues(block)
            #expect(found.contains { $0.contains(path) }, "\(block): \(found)")
        }
    }

    /// The case with `solver:` replaced (or added).
    static func withSolver(_ text: String, _ block: String) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if let index = lines.firstIndex(where: { $0.hasPrefix("solver:") }) {
            var end = index + 1
            while end < lines.count, lines[end].hasPrefix(" ") { end += 1 }
            lines.removeSubrange(index..<end)
        }
        return lines.joined(separator: "\n") + "\nsolver: \(block)\n"
    }
}
