import Foundation
import Testing

/// `krtplan plan` and `simulate`: options, exit codes and error lines (fast cases only).
@Suite struct PlanCommandTests {
    static let heparin = Krtplan.packageRoot + "/cases/heparin-vs-citrate-magnesium.yaml"
    static let infeasible = Krtplan.packageRoot + "/cases/infeasible-potassium-free.yaml"

    @Test func versionNamesToolModelAndGLPK() throws {
        let run = try Krtplan.run("--version")
        #expect(run.status == 0)
        #expect(run.stdout.hasPrefix("krtplan "))
        #expect(run.stdout.contains("; model "))
        #expect(run.stdout.contains("; GLPK "))
    }

    @Test func infeasibleCaseExits4WithTheLeastViolatingPlanAndItsExplanation() throws {
        let run = try Krtplan.run("plan", Self.infeasible, "--format", "json")
        #expect(run.status == 4)
        let result = try run.json()
        #expect(result["status"] as? String == "hardBoundsUnmet")
        let explanation = try #require(result["explanation"] as? [String: Any])
        let violations = try #require(explanation["violations"] as? [[String: Any]])
        let potassium = try #require(violations.first { $0["solute"] as? String == "potassium" })
        #expect(potassium["side"] as? String == "below")
        #expect(potassium["bound_mmol_per_L"] as? Double == 3)
        #expect((potassium["worstBy_mmol_per_L"] as? Double ?? 0) > 0)
        #expect((potassium["firstAt_h"] as? Double ?? 0) > 0)
        #expect(((result["orders"] as? [Any]) ?? []).isEmpty == false, "the least-violating plan is still a plan")
    }

    @Test func explainAddsTheExplanationMassBalanceAndAssumptions() throws {
        let plain = try Krtplan.run("plan", Self.heparin)
        #expect(plain.status == 0)
        #expect(!plain.stdout.contains("\nEXPLANATION"))
        let explained = try Krtplan.run("plan", Self.heparin, "--explain", "--mass-units")
        #expect(explained.status == 0)
        #expect(explained.stdout.contains("\nEXPLANATION"))
        #expect(explained.stdout.contains("Mass balance over the horizon"))
        #expect(explained.stdout.contains("Model assumptions"))
        #expect(explained.stdout.contains("P mg/dL") && explained.stdout.contains("Mg mg/dL"))
    }

    @Test func csvTablesAndExportedModel() throws {
        let folder = try Krtplan.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let trajectory = try Krtplan.run("simulate", Self.heparin, "--format", "csv")
        #expect(trajectory.status == 0)
        #expect(trajectory.stdout.hasPrefix("time_h,K_mmol_per_L,PO4_mmol_per_L,Mg_mmol_per_L,"))
        #expect(trajectory.stdout.contains("\r\n"))
        let orders = try Krtplan.run("simulate", Self.heparin, "--format", "csv", "--table", "orders")
        #expect(orders.stdout.hasPrefix("at_h,drug,units,dose,"))
        #expect(orders.stdout.contains("Magnesium sulfate"))
        let wrong = try Krtplan.run("simulate", Self.heparin, "--table", "orders")
        #expect(wrong.status == 64)
        #expect(wrong.stderr.contains("--table: applies only to --format csv"))

        let lp = folder + "/model.lp"
        let export = try Krtplan.run("plan", Self.heparin, "--export-lp", lp, "--output", folder + "/plan.txt")
        #expect(export.status == 0)
        let model = try String(contentsOfFile: lp, encoding: .utf8)
        #expect(model.contains("Minimize") || model.contains("minimize"))
        #expect(try String(contentsOfFile: folder + "/plan.txt", encoding: .utf8).hasPrefix("krtplan plan for case"))
        let badSuffix = try Krtplan.run("plan", Self.heparin, "--export-lp", folder + "/model.txt")
        #expect(badSuffix.status == 64)
    }

    @Test func simulateNeedsFixedProducts() throws {
        let run = try Krtplan.run("simulate", Krtplan.packageRoot + "/cases/flagship-citrate-cvvhdf.yaml")
        #expect(run.status == 65)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("fluids.dialysate.choose_from: simulate needs one product per stream"))
        #expect(run.hasNoStackTrace)
    }

    @Test func setOverridesChangeTheCaseAndBadOnesAreUsageErrors() throws {
        let changed = try Krtplan.run("simulate", Self.heparin, "--format", "json", "--set", "therapy.effluent_dose=35 mL/kg/h")
        #expect(changed.status == 0)
        let summary = try #require(try changed.json()["therapySummary"] as? [String: Any])
        #expect(summary["effluentDosePrescribed_mL_per_kg_per_h"] as? Double == 35)

        let notYAML = try Krtplan.run("simulate", Self.heparin, "--set", "fluids.dialysate={choose_from:[Phoxilium]}")
        #expect(notYAML.status == 64)
        #expect(notYAML.stderr.hasPrefix("krtplan: --set: the value of fluids.dialysate is not valid YAML"))
        #expect(notYAML.stderr.contains("space after ':'"))
        let noEquals = try Krtplan.run("simulate", Self.heparin, "--set", "therapy.blood_flow")
        #expect(noEquals.status == 64)
        let badValue = try Krtplan.run("simulate", Self.heparin, "--set", "therapy.blood_flow=150")
        #expect(badValue.status == 65)
        #expect(badValue.stderr.contains("therapy.blood_flow"))
        #expect(badValue.stderr.contains("150 has no unit"))
    }

    @Test func missingAndBadCaseFiles() throws {
        let missing = try Krtplan.run("plan", "/nonexistent/case.yaml")
        #expect(missing.status == 66)
        #expect(missing.stderr.contains("/nonexistent/case.yaml"))
        let folder = try Krtplan.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Krtplan.write("name: x\npatient: {weight: 82, sex: male}\n", to: folder + "/bad.yaml")
        let bad = try Krtplan.run("plan", folder + "/bad.yaml")
        #expect(bad.status == 65)
        #expect(bad.stdout.isEmpty)
        #expect(bad.stderr.contains("bad.yaml: patient.weight (line 2): 82 has no unit"))
        #expect(bad.stderrLines.allSatisfy { $0.hasPrefix("krtplan: ") })
        #expect(bad.hasNoStackTrace)
        let noCase = try Krtplan.run("plan")
        #expect(noCase.status == 64)
    }
}
