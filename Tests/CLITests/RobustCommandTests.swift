import Foundation
import Testing

/// `plan --robust`, the case's `solver.robust` and `compare --robust` (docs/uncertainty.md "Robust
/// planning", docs/cli.md): outputs with units, determinism, exit codes and bad input.
struct RobustCommandTests {
    static let small = Krtplan.packageRoot + "/cases/hyperkalaemia-low-k-first.yaml"
    /// A case whose 6 planning scenarios all hold (model krtplan-kinetics-3). The hyperkalaemia case's scenario 2
    /// ends 0.03 mmol/L above K's hard bound 15 min after the correction window with K-free fluids already
    /// chosen, so its promise at 0.9 is not kept (exit 4) — the right answer, but not this test's subject.
    static let kept = Krtplan.packageRoot + "/cases/non-oliguric-mg-driven-k-wasting.yaml"
    static let infeasible = Krtplan.packageRoot + "/cases/infeasible-potassium-free.yaml"

    @Test func robustJSONCarriesThePromiseUnitsAndIsByteIdentical() throws {
        let arguments = ["plan", Self.kept, "--robust", "--scenarios", "6", "--threads", "1", "--format", "json"]
        let a = try Krtplan.run(arguments), b = try Krtplan.run(arguments)
        #expect(a.status == 0, "\(a.stderr)")
        #expect(a.stdout == b.stdout, "same case and seed: byte-identical JSON")
        let robust = try #require(try a.json()["robust"] as? [String: Any])
        #expect(robust["scenarios"] as? Int == 6)
        #expect(robust["requiredScenarios"] as? Int == 6)
        #expect(robust["confidence_fraction"] as? Double == 0.9)
        #expect(robust["objective"] as? String == "nominal")
        #expect(robust["promiseKept"] as? Bool == true)
        let outOfSample = try #require(robust["outOfSample"] as? [String: Any])
        #expect(outOfSample["draws"] as? Int == 2000)
        #expect((outOfSample["robust_probability"] as? Double).map { $0 >= 0 && $0 <= 1 } == true)
        #expect(outOfSample["nominal_probability"] is Double)
        let price = try #require(robust["price"] as? [String: Any])
        #expect(price["extraOrders"] is Int && price["objectiveRobust_points"] is Double)
        let text = try Krtplan.run(["plan", Self.kept, "--robust", "--scenarios", "6", "--threads", "1"])
        #expect(text.stdout.contains("ROBUST PLAN"))
        #expect(text.stdout.contains("out of sample (2000 fresh draws"))
        let plain = try Krtplan.run(["plan", Self.kept, "--threads", "1", "--format", "json"])
        #expect(try plain.json()["robust"] is NSNull, "an ordinary plan has robust: null")
        let csv = try Krtplan.run(["plan", Self.kept, "--robust", "--scenarios", "6", "--threads", "1", "--format", "csv", "--table", "robust"])
        #expect(csv.stdout.hasPrefix("item,robust,nominal,unit\r\n"))
    }

    @Test func theCaseBlockTurnsRobustPlanningOn() throws {
        let run = try Krtplan.run(["plan", Self.kept, "--threads", "1", "--format", "json", "--set", "solver.robust.scenarios=4"])
        #expect(run.status == 0, "\(run.stderr)")
        let robust = try #require(try run.json()["robust"] as? [String: Any])
        #expect(robust["scenarios"] as? Int == 4)
    }

    @Test func noPlanMeetsTheBoundsExitsFourWithTheFailingScenarios() throws {
        let run = try Krtplan.run(["plan", Self.infeasible, "--robust", "--scenarios", "5", "--threads", "1", "--format", "json"])
        #expect(run.status == 4, "\(run.stderr)")
        let robust = try #require(try run.json()["robust"] as? [String: Any])
        #expect(robust["promiseKept"] as? Bool == false)
        let failing = try #require(robust["failingScenarios"] as? [[String: Any]])
        #expect(!failing.isEmpty && failing.allSatisfy { ($0["excess_mmol_per_L"] as? Double ?? 0) > 0 && $0["at_h"] is Double })
        let alerts = try #require(try run.json()["alerts"] as? [[String: Any]])
        #expect(alerts.contains { $0["kind"] as? String == "robust_promise_unmet" })
    }

    @Test(arguments: [
        (["--robust", "--confidence", "1.5"], "--confidence: 1.5 is outside (0, 1)"),
        (["--robust", "--confidence", "0"], "--confidence: 0 is outside (0, 1)"),
        (["--robust", "--scenarios", "0"], "--scenarios: 0 is outside 1 to 1000"),
        (["--robust", "--scenarios", "1001"], "--scenarios: 1001 is outside 1 to 1000"),
        (["--robust", "--robust-objective", "worst"], "objective 'worst' is not supported"),
        (["--robust", "--robust-objective", "median"], "--robust-objective: 'median' is not one of"),
        (["--scenarios", "5"], "--scenarios: applies only with --robust"),
    ])
    func badOptionsAreUsageErrors(_ extra: [String], _ message: String) throws {
        let run = try Krtplan.run(["plan", Self.small] + extra)
        #expect(run.status == 64, "\(extra): \(run.stderr)")
        #expect(run.stderr.contains(message), "\(extra): \(run.stderr)")
    }

    @Test(arguments: [
        ("solver.robust.confidence=1.2", "solver.robust.confidence", "outside (0, 1)"),
        ("solver.robust.scenarios=0", "solver.robust.scenarios", "outside 1 to 1000"),
        ("solver.robust.scenarios=2000", "solver.robust.scenarios", "outside 1 to 1000"),
        ("solver.robust.cv.potassium_ecf_volume=-0.2", "solver.robust.cv.potassium_ecf_volume", "outside 0 to 300 %"),
        ("solver.robust.cv.potassium_ecf_volume=4", "solver.robust.cv.potassium_ecf_volume", "outside 0 to 300 %"),
        ("solver.robust.objective=expected", "solver.robust.objective", "not supported by the back-off method"),
    ])
    func badCaseValuesNameTheirField(_ setting: String, _ path: String, _ message: String) throws {
        let run = try Krtplan.run(["plan", Self.small, "--set", setting])
        #expect(run.status == 65, "\(setting): \(run.stderr)")
        #expect(run.stderr.contains(path) && run.stderr.contains(message), "\(setting): \(run.stderr)")
    }

    @Test func compareShowsNominalAndRobustSideBySide() throws {
        let run = try Krtplan.run(["compare", Self.small, "--robust", "--scenarios", "4", "--threads", "1", "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let variants = try #require(try run.json()["variants"] as? [[String: Any]])
        #expect(variants.map { $0["name"] as? String } == ["base", "robust"])
        #expect(variants[0]["robust"] is NSNull)
        let robust = try #require(variants[1]["robust"] as? [String: Any])
        #expect(robust["scenarios"] as? Int == 4)
        let text = try Krtplan.run(["compare", Self.small, "--robust", "--scenarios", "4", "--threads", "1"])
        #expect(text.stdout.contains("robust: scenarios holding"))
    }
}
