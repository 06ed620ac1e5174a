import Foundation
import Testing

/// The one limit engine and site-file tightening seen from the built binary (issue 13).
@Suite(.serialized)
struct LimitCommandTests {
    static func caseText(orders: [String], supplements: String = "{access: central}", labs: String = "potassium: 3.4 mmol/L, phosphate: 1.0 mmol/L, magnesium: 0.8 mmol/L",
                         dialysate: String = "Prismasol 4 mmol/l potassium", parameters: String = "") -> String {
        """
        name: limit command test
        patient: {weight: 80 kg, sex: male, hematocrit: 0.30, residual_renal_function: none\(parameters)}
        labs: [{at: 0 h, \(labs)}]
        therapy:
          modality: CVVHDF
          blood_flow: 150 mL/min
          dialysate_flow: 1500 mL/h
          replacement: [{position: post, flow: 500 mL/h}]
          net_ultrafiltration: 100 mL/h
          anticoagulation: heparin
          delivered_fraction: 90 %
        fluids:
          dialysate: \(dialysate)
          post_replacement: Prismasol BGK4/2.5
        supplements: \(supplements)
        \(orders.isEmpty ? "" : "orders:\n" + orders.map { "  - " + $0 }.joined(separator: "\n"))
        horizon: 48 h
        step: 1 h

        """
    }

    /// The output with every run of whitespace as one space (the text report wraps long lines).
    static func flat(_ text: String) -> String { text.split(whereSeparator: \.isWhitespace).joined(separator: " ") }

    static func write(_ text: String, name: String = "case.yaml") throws -> (folder: String, path: String) {
        let folder = try Krtplan.temporaryFolder()
        try Krtplan.write(text, to: folder + "/" + name)
        return (folder, folder + "/" + name)
    }

    @Test func simulateRefusesTwelvePotassiumBagsInOneDay() throws {
        let orders = (0..<12).map { "{at: \($0 * 2) h, drug: KCl 20 mmol/100 mL, units: 1}" }
        let (folder, path) = try Self.write(Self.caseText(orders: orders))
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let run = try Krtplan.run("simulate", path)
        #expect(run.status == 3, "\(run.stdout)\n\(run.stderr)")
        #expect(Self.flat(run.stdout).contains("240 mmol K in the 24 h from 0 h exceeds the 200 mmol K per-24-h limit (label"), "\(run.stdout)")
        #expect(!run.stdout.contains("all passed"))
    }

    @Test func simulateRefusesMagnesiumAboveTheTwoDayLabelLimit() throws {
        let orders = (0..<6).map { "{at: \($0 * 8) h, drug: magnesium sulfate, dose: 4 g, over: 4 h}" }
        let (folder, path) = try Self.write(Self.caseText(orders: orders))
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let run = try Krtplan.run("simulate", path)
        #expect(run.status == 3, "\(run.stdout)\n\(run.stderr)")
        #expect(Self.flat(run.stdout).contains("exceeds the 81.15 mmol Mg per-48-h limit (label; stated as 20 g of magnesium sulfate heptahydrate)"), "\(run.stdout)")
    }

    /// Written KCl 40 mmol at 15, 18 and 21 h (120 mmol) and planned KCl from 24 h: the window from
    /// 15 h leaves 80 mmol for the planner, who used to see only windows from its own dose times.
    @Test func planCountsWrittenPotassiumInEveryWindow() throws {
        let orders = [15, 18, 21].map { "{at: \($0) h, drug: KCl 40 mmol/100 mL, units: 1}" }
        let text = Self.caseText(orders: orders, supplements: "{allowed: [KCl 40 mmol/100 mL], access: central, first_dose_at: 24 h, dose_every: 3 h}",
                                 labs: "potassium: 3.0 mmol/L, phosphate: 1.0 mmol/L, magnesium: 0.8 mmol/L", dialysate: "Hemosol B0")
        let (folder, path) = try Self.write(text)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let run = try Krtplan.run("plan", path, "--format", "json")
        #expect(run.status != 3 && run.status != 70, "\(run.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let orderList = try #require(json["orders"] as? [[String: Any]])
        let total = orderList.compactMap { order -> Double? in
            guard let at = order["at"] as? Double ?? order["at_h"] as? Double, at >= 15 - 1e-9, at < 39 - 1e-9 else { return nil }
            return (order["delivers"] as? [[String: Any]])?.compactMap { $0["solute"] as? String == "potassium" ? ($0["amount"] as? Double ?? $0["amount_mmol"] as? Double) : nil }.reduce(0, +)
        }.reduce(0, +)
        #expect(total >= 120 - 1e-6, "the written 120 mmol must be counted (JSON read: \(total) mmol)")
        #expect(total <= 200 + 1e-6, "\(total) mmol K in the 24 h from 15 h")
        #expect(!run.stdout.contains("exceeds"), "\(run.stdout)")
    }

    // MARK: Site files

    static let siteHeader = "site: Example ICU\nsources: {policy: {document: \"Example ICU potassium protocol\"}}\n"

    @Test func aSiteDailyPotassiumLimitAboveTheLabelIsRefused() throws {
        let limits = Self.siteHeader + """
            supplements:
              potassium-chloride-10-in-100: {max_per_24h: {value: 2000 mmol, source: policy}}
              potassium-chloride-20-in-100: {max_per_24h: {value: 2000 mmol, source: policy}}
              potassium-chloride-40-in-100: {max_per_24h: {value: 2000 mmol, source: policy}}

            """
        let (folder, path) = try Self.write(limits, name: "limits.yaml")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let run = try Krtplan.run("formulations", "list", "--limits", path)
        #expect(run.status == 65, "\(run.stderr)")
        #expect(run.stderr.contains("supplements.potassium-chloride-20-in-100.max_per_24h.value"), "\(run.stderr)")
        #expect(run.stderr.contains("2000 mmol"), "\(run.stderr)")
        #expect(run.stderr.contains("is looser than the catalog's label limit 200 mEq"), "\(run.stderr)")
        #expect(run.stderr.contains("loosens_label: true"), "\(run.stderr)")
    }

    @Test func aDeclaredLooserSiteLimitIsAcceptedAndShownInEveryReport() throws {
        let entry = "{value: 300 mmol, source: policy, loosens_label: true, reason: \"ICU protocol 7: continuous ECG, K < 2.5\"}"
        let limits = Self.siteHeader + """
            supplements:
              potassium-chloride-10-in-100: {max_per_24h: \(entry)}
              potassium-chloride-20-in-100: {max_per_24h: \(entry)}
              potassium-chloride-40-in-100: {max_per_24h: \(entry)}

            """
        let (folder, limitsPath) = try Self.write(limits, name: "limits.yaml")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let casePath = folder + "/case.yaml"
        try Krtplan.write(Self.caseText(orders: ["{at: 0 h, drug: KCl 20 mmol/100 mL, units: 1}"],
                                        labs: "potassium: 4.0 mmol/L, phosphate: 1.4 mmol/L, magnesium: 1.0 mmol/L"), to: casePath)
        let run = try Krtplan.run("simulate", casePath, "--limits", limitsPath)
        #expect(run.status == 0, "\(run.stdout)\n\(run.stderr)")
        #expect(Self.flat(run.stdout).contains("site policy exceeds the label: potassium-chloride-20-in-100 max_per_24h 300 mmol"), "\(run.stdout)")
        #expect(Self.flat(run.stdout).contains("reason: ICU protocol 7: continuous ECG, K < 2.5"), "\(run.stdout)")
        // A standing alert, at the top of the text (before the fluids) and in JSON's alerts.
        let text = run.stdout
        let alert = try #require(text.range(of: "site policy exceeds the label"))
        let fluids = try #require(text.range(of: "\nFLUIDS"))
        #expect(alert.lowerBound < fluids.lowerBound, "\(text)")
        let json = try Krtplan.run("simulate", casePath, "--limits", limitsPath, "--format", "json").json()
        let alerts = try #require(json["alerts"] as? [[String: Any]])
        #expect(alerts.contains { ($0["kind"] as? String) == "site_policy_exceeds_label" && ($0["severity"] as? String) == "warning" }, "\(alerts)")
    }

    @Test func aCompoundingLimitOfAMillionIsRefused() throws {
        let limits = Self.siteHeader + "compounding:\n  max_final_concentration:\n    potassium: {value: 1000000 mmol/L, source: policy}\n"
        let (folder, path) = try Self.write(limits, name: "limits.yaml")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let run = try Krtplan.run("check", "--limits", path, "--base", "Prismasol BGK2/0", "--add", "potassium chloride concentrate 900 mmol", "--mixed")
        #expect(run.status == 65, "\(run.stdout)\n\(run.stderr)")
        #expect(run.stderr.contains("compounding.max_final_concentration.potassium.value"), "\(run.stderr)")
        #expect(run.stderr.contains("plausibility ceiling of 10 mmol/L"), "\(run.stderr)")
    }

    @Test func modelParametersOutsideTheirPhysicalRangeAreRefused() throws {
        let (folder, path) = try Self.write(Self.caseText(orders: [], parameters: ", parameters: {potassium_ecf_volume: 0 L/kg}"))
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for command in ["simulate", "plan"] {
            let run = try Krtplan.run(command, path)
            #expect(run.status == 65, "\(command): \(run.stderr)")
            #expect(run.stderrLines.count == 1, "\(command): \(run.stderr)")
            #expect(run.stderr.contains("patient.parameters.potassium_ecf_volume"), "\(run.stderr)")
            #expect(run.stderr.contains("expected 0.01 to 10 L/kg"), "\(run.stderr)")
            #expect(!run.stdout.contains("nan"))
        }
    }
}
