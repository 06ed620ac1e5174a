import Foundation
import Testing

/// `krtplan compare`: variants side by side, planned or simulated, in text, JSON and CSV.
@Suite struct CompareCommandTests {
    static let heparin = Krtplan.packageRoot + "/cases/heparin-vs-citrate-magnesium.yaml"
    static let citrate = "citrate:therapy.anticoagulation={kind: citrate, solution: Prismocitrate 18/0, flow: 1500 mL/h}"
    static let dose35 = "dose35:therapy.effluent_dose=35 mL/kg/h"

    @Test func twoPlannedVariantsInJSON() throws {
        let run = try Krtplan.run("compare", Self.heparin, "--variant", Self.citrate, "--variant", Self.dose35, "--format", "json")
        #expect(run.status == 0, "\(run.stderr)")
        let comparison = try run.json()
        #expect(comparison["mode"] as? String == "plan")
        let variants = try #require(comparison["variants"] as? [[String: Any]])
        #expect(variants.compactMap { $0["name"] as? String } == ["base", "citrate", "dose35"])
        for variant in variants {
            #expect(variant["error"] is NSNull, "\(variant["name"] ?? ""): \(variant["error"] ?? "")")
            let solutes = try #require(variant["solutes"] as? [[String: Any]])
            #expect(solutes.compactMap { $0["solute"] as? String } == ["potassium", "phosphate", "magnesium"])
            for summary in solutes {
                #expect((0...1).contains(summary["timeInRange_fraction"] as? Double ?? -1))
                #expect((summary["minimum_mmol_per_L"] as? Double ?? .nan) <= (summary["maximum_mmol_per_L"] as? Double ?? .nan))
            }
            #expect(variant["supplementTotals"] is [Any])
        }
        #expect(variants[2]["effluentDose_mL_per_kg_per_h"] as? Double == 35)
        #expect((variants[1]["changes"] as? [String])?.first?.hasPrefix("therapy.anticoagulation=") == true)
        // Citrate takes magnesium: the citrate variant's lowest Mg is below heparin's, or it needs more MgSO4.
        func magnesium(_ variant: [String: Any]) -> (minimum: Double, supplement: Double) {
            let summary = (variant["solutes"] as? [[String: Any]])?.first { $0["solute"] as? String == "magnesium" }
            let totals = (variant["supplementTotals"] as? [[String: Any]]) ?? []
            let given = totals.flatMap { ($0["delivers"] as? [[String: Any]]) ?? [] }
                .filter { $0["solute"] as? String == "magnesium" }.compactMap { $0["amount_mmol"] as? Double }.reduce(0, +)
            return (summary?["minimum_mmol_per_L"] as? Double ?? 0, given)
        }
        let heparin = magnesium(variants[0]), citrate = magnesium(variants[1])
        #expect(citrate.minimum < heparin.minimum || citrate.supplement > heparin.supplement)
    }

    @Test func simulatedVariantsSideBySideInTextAndCSV() throws {
        // The citrate variant simulated as written crosses the K and Mg hard bounds: exit 3 (see dangerousVariant…).
        let text = try Krtplan.run("compare", Self.heparin, "--simulate", "--variant", Self.citrate, "--variant", Self.dose35)
        #expect(text.status == 3)
        #expect(text.stdout.hasPrefix("krtplan comparison for case"))
        #expect(text.stdout.contains("each variant simulated as written"))
        let header = text.stdout.split(separator: "\n").first { $0.contains("base") && $0.contains("citrate") }
        #expect(header?.contains("dose35") == true, "the three variants side by side")
        for row in ["changes", "status", "K time in range", "Mg min (at)", "Magnesium sulfate"] { #expect(text.stdout.contains(row)) }
        #expect(text.stdout.split(separator: "\n").allSatisfy { $0.count <= 100 })

        let csv = try Krtplan.run("compare", Self.heparin, "--simulate", "--variant", Self.citrate, "--format", "csv")
        #expect(csv.status == 3)
        let rows = csv.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(rows.count == 3)
        #expect(rows[0].hasPrefix("variant,status,danger,alerts,error,changes,"))
        #expect(rows[1].hasPrefix("base,simulated,no,,"))
        #expect(rows[2].hasPrefix("citrate,simulated,yes,"))
    }

    @Test func aFailingVariantShowsItsErrorAndTheOthersStillRun() throws {
        let run = try Krtplan.run("compare", Self.heparin, "--simulate", "--variant", "bad:fluids.dialysate=No Such Fluid",
                                  "--variant", Self.dose35, "--format", "json")
        #expect(run.status == 0)
        let variants = try #require(try run.json()["variants"] as? [[String: Any]])
        #expect(variants.count == 3)
        #expect(variants[1]["status"] is NSNull)
        #expect((variants[1]["error"] as? String)?.contains("fluids.dialysate") == true)
        #expect(variants[2]["status"] as? String == "simulated")
    }

    @Test func badVariantsAndBaseCases() throws {
        let noName = try Krtplan.run("compare", Self.heparin, "--variant", "therapy.blood_flow=200 mL/min")
        #expect(noName.status == 64)
        #expect(noName.stderr.contains("--variant"))
        let twice = try Krtplan.run("compare", Self.heparin, "--variant", "a:therapy.blood_flow=200 mL/min",
                                    "--variant", "a:therapy.blood_flow=250 mL/min")
        #expect(twice.status == 64)
        #expect(twice.stderr.contains("used twice"))
        let planOnly = Krtplan.packageRoot + "/cases/parenteral-nutrition-high-intake.yaml"
        let base = try Krtplan.run("compare", planOnly, "--simulate", "--variant", "a:therapy.blood_flow=200 mL/min")
        #expect(base.status == 65)
        #expect(base.stdout.isEmpty)
        #expect(base.stderr.contains("simulate needs one product per stream"))
    }

    @Test func writesTheComparisonToAFileAtomically() throws {
        let folder = try Krtplan.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let output = folder + "/compare.csv"
        let first = try Krtplan.run("compare", Self.heparin, "--simulate", "--variant", Self.dose35, "--format", "csv", "--output", output)
        #expect(first.status == 0 && first.stdout.isEmpty)
        #expect(try String(contentsOfFile: output, encoding: .utf8).hasPrefix("variant,status"))
        let again = try Krtplan.run("compare", Self.heparin, "--simulate", "--variant", Self.dose35, "--output", output)
        #expect(again.status == 73)
        let forced = try Krtplan.run("compare", Self.heparin, "--simulate", "--variant", Self.dose35, "--output", output, "--force")
        #expect(forced.status == 0)
        #expect(try String(contentsOfFile: output, encoding: .utf8).hasPrefix("krtplan comparison"))
    }
}
