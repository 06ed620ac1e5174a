import Foundation
import Testing

/// `krtplan check` on the built binary: results, exit codes 0/2/3/64/65/66, one-line errors.
struct CheckCommandTests {
    let base = ["check", "--base", "Prismasol BGK2/0", "--volume", "5000 mL"]

    @Test func exit0WhenNothingNeedsAction() throws {
        let run = try Krtplan.run(base + ["--add", "potassium phosphate 5 mmol", "--mixed"])
        #expect(run.status == 0)
        #expect(run.row("potassium") == ["potassium", "2.00", "3.47", "+1.47"])
        #expect(run.row("phosphate") == ["phosphate", "0.00", "1.00", "+1.00"])
        #expect(run.stdout.contains("Potassium delivered by potassium phosphates: 7.33 mmol"))
        #expect(run.stdout.contains("Result: OK (exit 0)"))
        #expect(run.stderr.isEmpty)
    }

    @Test func exit2WhenTheBagMixingIsNotStated() throws {
        let run = try Krtplan.run(base + ["--add", "potassium phosphate 5 mmol"])
        #expect(run.status == 2)
        #expect(run.stdout.contains("WARNING bag-mixing-unstated"))
    }

    @Test func exit3AboveACompoundingLimitWithTheWorkedNumbers() throws {
        let run = try Krtplan.run(base + ["--add", "potassium chloride 10 mmol", "--add", "potassium phosphate 5 mmol",
                                          "--mixed", "--format", "json"])
        #expect(run.status == 3)
        let json = try run.json()
        #expect(json["outcome"] as? String == "unsafe" && json["exit_code"] as? Int == 3)
        #expect(json["final_volume_millilitres"] as? Double == 5006.67)  // canonical JSON: 6 significant digits
        let concentrations = try #require(json["concentrations_mmol_per_litre"] as? [String: [String: Double]])
        #expect(abs((concentrations["potassium"]?["final"] ?? 0) - 5.4594) < 0.01)
        #expect(abs((concentrations["chloride"]?["final"] ?? 0) - 109.8535) < 0.01)
        #expect(json["potassium_from_phosphate_mmol"] as? Double == 7.3333)
        let findings = try #require(json["findings"] as? [[String: String]])
        #expect(findings.first?["code"] == "above-compounding-limit")
    }

    @Test func exit3ForPhosphateIntoACalciumFluidAndForKPhosInAKFreeBag() throws {
        let calcium = try Krtplan.run("check", "--base", "Prismasol BGK4/2.5", "--add", "sodium phosphate 5 mmol", "--mixed")
        #expect(calcium.status == 3)
        #expect(calcium.stdout.contains("UNSAFE  phosphate-with-calcium"))
        #expect(calcium.stdout.contains("calcium sits in compartment A (250 mL)"))
        let calciumFree = try Krtplan.run("check", "--base", "Prismasol BGK2/0", "--add", "sodium phosphate 5 mmol", "--mixed")
        #expect(calciumFree.status == 0)
        let kFree = try Krtplan.run("check", "--base", "Prismasol BK0/0/1.2", "--add", "potassium phosphate 5 mmol", "--mixed", "--k-free")
        #expect(kFree.status == 3)
        #expect(kFree.stdout.contains("potassium-in-potassium-free-order"))
    }

    @Test func exit65ForABadOrderFileNamingEveryField() throws {
        let folder = try Krtplan.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Krtplan.write("base: Prismasol BGK2/0\nvolume: 5000\nadditives:\n  - potassium phosphate 5 mEq\n", to: folder + "/order.yaml")
        let run = try Krtplan.run("check", "--order", folder + "/order.yaml")
        #expect(run.status == 65)
        #expect(run.stdout.isEmpty)
        #expect(run.stderrLines.count == 2)
        #expect(run.stderr.contains("order.yaml: volume (line 2): 5000 has no unit"))
        #expect(run.stderr.contains("order.yaml: additives[0] (line 4): '5 mEq' is ambiguous"))
        #expect(run.hasNoStackTrace)
        try Krtplan.write("base: Prismasol BGK2/0\nbag_mixed: true\nadditives:\n  - {product: potassium phosphate, amount: 5 mmol}\n",
                          to: folder + "/good.yaml")
        #expect(try Krtplan.run("check", "--order", folder + "/good.yaml").status == 0)
    }

    @Test func exit65ForABadSiteCatalog() throws {
        let folder = try Krtplan.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let fluid = try String(contentsOfFile: Krtplan.packageRoot + "/formulations/fluids/biphozyl.yaml", encoding: .utf8)
            .replacingOccurrences(of: "id: biphozyl", with: "id: site-biphozyl")
            .replacingOccurrences(of: "name: \"Biphozyl\"", with: "name: \"Site Biphozyl\"")
            .replacingOccurrences(of: "magnesium:   {value: 0.75 mmol/L", with: "magnesium:   {value: 0.75")
        try Krtplan.write(fluid, to: folder + "/fluids/site-biphozyl.yaml")
        let run = try Krtplan.run("check", "--catalog", folder, "--base", "Biphozyl")
        #expect(run.status == 65)
        #expect(run.stderrLines.count == 1)
        #expect(run.stderr.contains("site-biphozyl.yaml: composition.magnesium.value (line "))
        #expect(run.stderr.contains("): 0.75 has no unit; expected a concentration"))
    }

    @Test func exit66ForMissingFiles() throws {
        let order = try Krtplan.run("check", "--order", "/nonexistent/krtplan/order.yaml")
        #expect(order.status == 66)
        #expect(order.stderrLines.count == 1 && order.stderr.contains("file not found"))
        let catalog = try Krtplan.run("check", "--catalog", "/nonexistent/krtplan/site", "--base", "Phoxilium")
        #expect(catalog.status == 66)
        #expect(catalog.stderr.contains("catalog folder not found"))
    }

    @Test(arguments: [
        (["--base", "Prismasol BGK2/9"], "no fluid named 'Prismasol BGK2/9' in the catalog (did you mean 'PRISMASOL BGK2/0'"),
        (["--base", "Prismasol BGK2/0", "--add", "potassium chloride 10"], "10 has no unit; expected an amount"),
        (["--base", "Prismasol BGK2/0", "--add", "potassium chloride -10 mmol"], "'-10 mmol' is not a positive amount"),
        (["--base", "Prismasol BGK2/0", "--add", "potasium chlorid 10 mmol"], "no supplement named 'potasium chlorid'"),
        (["--base", "Prismasol BGK2/0", "--add", "potassium phosphate 5 mEq"], "phosphate is never ordered in mEq"),
        (["--base", "Prismasol BGK2/0", "--volume", "5000"], "5000 has no unit; expected a volume"),
        (["--base", "Phoxilium", "--order", "x.yaml"], "either in --order FILE or with --base"),
    ])
    func badArgumentsGiveOneClearLine(arguments: [String], message: String) throws {
        let run = try Krtplan.run(["check"] + arguments)
        #expect(run.status == 64)
        #expect(run.stdout.isEmpty)
        #expect(run.stderrLines.count == 1, "one line: \(run.stderr)")
        #expect(run.stderr.contains(message))
        #expect(run.hasNoStackTrace)
    }

    @Test func aSiteLimitsFileChangesTheOutcome() throws {
        let folder = try Krtplan.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Krtplan.write("""
            site: Example ICU pharmacy
            sources: {policy: {document: "Example ICU policy"}}
            compounding:
              phosphate_with_calcium: warning

            """, to: folder + "/limits.yaml")
        let run = try Krtplan.run("check", "--limits", folder + "/limits.yaml", "--base", "Prismasol BGK4/2.5",
                                  "--add", "sodium phosphate 5 mmol", "--mixed")
        #expect(run.status == 2)
        #expect(run.stdout.contains("WARNING phosphate-with-calcium"))
        #expect(run.stdout.contains("site limits file"))
    }
}
