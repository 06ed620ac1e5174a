import Foundation
import Testing

/// Small faults of issue 12: `validate` goes on past an unknown modality; `dose_times` closer than 1 h are
/// refused; US CVVHD plans with a US dialysate without `allow_off_label`.
@Suite struct CaseGuardTests {
    @Test func validateReportsAnUnknownModalityAndEveryOtherProblemOfTheTherapy() throws {
        let flagship = BundledCases.folder + "/flagship-citrate-cvvhdf.yaml"
        let run = try Krtplan.run("validate", flagship, "--set", "therapy.modality=CVVHX", "--set", "therapy.blood_flow=150 mL/h",
                                  "--set", "therapy.net_ultrafiltration=5 L/h", "--set", "therapy.delivered_fraction=10 %")
        #expect(run.status == 65)
        for phrase in ["therapy.modality", "'CVVHX' is not a modality krtplan models",
                       "therapy.blood_flow", "did you mean 150 mL/min?", "therapy.net_ultrafiltration", "therapy.delivered_fraction"] {
            #expect(run.stderr.contains(phrase), "missing \(phrase): \(run.stderr)")
        }
        let missing = try Krtplan.run("validate", flagship, "--set", "therapy.modality=null", "--set", "therapy.blood_flow=150 mL/h")
        #expect(missing.status == 65 && missing.stderr.contains("therapy.modality") && missing.stderr.contains("therapy.blood_flow"), "\(missing.stderr)")
    }

    @Test func doseTimesCloserThanOneHourAreRefusedWithTheirPath() throws {
        let folder = try Krtplan.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let text = try String(contentsOfFile: BundledCases.folder + "/flagship-citrate-cvvhdf.yaml", encoding: .utf8)
            .replacingOccurrences(of: "  dose_every: 6 h\n", with: "  dose_times: [0 h, 5 min, 10 min, 6 h]\n")
        try Krtplan.write(text, to: folder + "/case.yaml")
        let run = try Krtplan.run("validate", folder + "/case.yaml")
        #expect(run.status == 65)
        #expect(run.stderr.contains("supplements.dose_times"), "\(run.stderr)")
        #expect(run.stderr.contains("administration times 0 h and 0.08 h are 5 min apart; expected times at least 1 h apart"))
        // One hour apart is accepted.
        try Krtplan.write(text.replacingOccurrences(of: "[0 h, 5 min, 10 min, 6 h]", with: "[0 h, 1 h, 6 h]"), to: folder + "/ok.yaml")
        #expect(try Krtplan.run("validate", folder + "/ok.yaml").status == 0)
    }

    @Test func usDialysatesAreListedAndAUSCVVHDCasePlansWithoutOffLabelUse() throws {
        let listed = try Krtplan.run("formulations", "list", "--role", "dialysate", "--market", "US", "--format", "json")
        let ids = try #require(try listed.json()["fluids"] as? [[String: Any]]).compactMap { $0["id"] as? String }
        #expect(ids.count >= 6 && ids.allSatisfy { $0.hasPrefix("prismasate-") }, "\(ids)")
        let folder = try Krtplan.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let base = """
            name: US CVVHD
            patient: {weight: 80 kg, sex: male, hematocrit: 0.30}
            labs: [{at: 0 h, potassium: 5.2 mmol/L, phosphate: 1.4 mmol/L, magnesium: 0.8 mmol/L}]
            therapy: {modality: CVVHD, blood_flow: 200 mL/min, dialysate_flow: 2000 mL/h, anticoagulation: heparin}
            fluids:
              dialysate: {choose_from: [PrismaSATE BGK4/2.5, PrismaSATE BGK2/3.5, PrismaSATE BGK0/2.5]}
              change_every: 12 h
            supplements: {allowed: [magnesium sulfate, sodium phosphates], access: central, dose_every: 12 h}
            horizon: 24 h
            step: 2 h

            """
        try Krtplan.write(base, to: folder + "/us.yaml")
        // The compositions are UNCONFIRMED: the planner says so (not "off-label") until the case opts in.
        let refused = try Krtplan.run("validate", folder + "/us.yaml")
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("UNCONFIRMED") && refused.stderr.contains("allow_unconfirmed") && !refused.stderr.contains("allow_off_label"))
        try Krtplan.write(base.replacingOccurrences(of: "  change_every: 12 h\n", with: "  change_every: 12 h\n  allow_unconfirmed: true\n"),
                          to: folder + "/us-opt-in.yaml")
        let run = try Krtplan.run("plan", folder + "/us-opt-in.yaml", "--threads", "1", "--format", "json")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(!run.stderr.contains("off-label"))
        let products = try #require(try run.json()["fluids"] as? [[String: Any]]).compactMap { $0["product"] as? String }
        #expect(!products.isEmpty && products.allSatisfy { $0.hasPrefix("PrismaSATE") }, "\(products)")
    }
}
