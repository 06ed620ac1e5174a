import Foundation
import Testing

/// Calcium-free fluids (issue 12 item 3): only under citrate or with a declared
/// `therapy.calcium_infusion`; every path through the built binary.
@Suite struct CalciumGuardTests {
    /// Catalog fluids with no calcium (checked against the catalog below).
    static let calciumFree = ["Biphozyl", "Ci-Ca Dialysate K2", "PRISMASOL BGK2/0", "PRISMASOL B22GK4/0", "PRISMASOL BGK4/0/1.2",
                              "PRISMASOL BK0/0/1.2", "PHOXILLUM B22K4/0", "Prismocitrate 10/2", "Prismocitrate 18/0", "Regiocit",
                              "PrismaSATE BGK2/0", "PrismaSATE B22K4/0"]

    static let infusion = "therapy.calcium_infusion={solution: calcium chloride 10 %, flow: 20 mL/h}"
    static let citrate = "therapy.anticoagulation={kind: citrate, solution: Prismocitrate 18/0, flow: 1500 mL/h}"

    /// A heparin CVVHDF case (24 h, small) whose streams are set with --set.
    static func caseFile() throws -> (folder: String, path: String) {
        let folder = try Krtplan.temporaryFolder()
        try Krtplan.write("""
            name: calcium guard
            patient: {weight: 80 kg, sex: male, hematocrit: 0.30}
            labs: [{at: 0 h, potassium: 3.6 mmol/L, phosphate: 1.0 mmol/L, magnesium: 0.55 mmol/L}]
            therapy:
              modality: CVVHDF
              blood_flow: 200 mL/min
              dialysate_flow: 1500 mL/h
              replacement: [{position: post, flow: 500 mL/h}]
              anticoagulation: heparin
            fluids:
              dialysate: {choose_from: all}
              post_replacement: {choose_from: all}
              change_every: 12 h
            horizon: 24 h
            step: 2 h

            """, to: folder + "/case.yaml")
        return (folder, folder + "/case.yaml")
    }

    static func products(_ run: Krtplan.Run) throws -> [String] {
        try #require(try run.json()["fluids"] as? [[String: Any]]).compactMap { $0["product"] as? String }
    }

    @Test func theListOfCalciumFreeFluidsMatchesTheCatalog() throws {
        let run = try Krtplan.run("formulations", "list", "--format", "json")
        let fluids = try #require(try run.json()["fluids"] as? [[String: Any]])
        let free = fluids.filter { (($0["composition_mmol_per_litre"] as? [String: Double])?["calcium"] ?? -1) == 0 }
        #expect(Set(free.compactMap { $0["name"] as? String }) == Set(Self.calciumFree))
    }

    /// Reproduces the issue: heparin + choose_from all chose Biphozyl for a day. Now no calcium-free product
    /// is chosen; with a declared calcium infusion the same case may choose them again (the guard is the difference).
    @Test func chooseFromAllLeavesCalciumFreeFluidsOutUnderHeparin() throws {
        let (folder, path) = try Self.caseFile()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let guarded = try Krtplan.run("plan", path, "--threads", "1", "--format", "json")
        #expect(guarded.status == 0, "\(guarded.stderr)")
        let chosen = try Self.products(guarded)
        #expect(!chosen.isEmpty && chosen.allSatisfy { !Self.calciumFree.contains($0) }, "chose \(chosen)")
        // The plan: with calcium-free fluids allowed (here by a declared infusion) Biphozyl is chosen for the day.
        let unguarded = try Krtplan.run("plan", path, "--threads", "1", "--format", "json", "--set", Self.infusion)
        #expect(unguarded.status == 0, "\(unguarded.stderr)")
        let unguardedProducts = try Self.products(unguarded)
        #expect(unguardedProducts.contains("Biphozyl"), "\(unguardedProducts)")
        let validated = try Krtplan.run("validate", path, "--mode", "plan")
        #expect(validated.status == 0 && validated.stderr.isEmpty, "choose_from all leaves them out silently: \(validated.stderr)")
        // Only the calcium-free products: nothing left, and the error names each one and the fix.
        let only = try Krtplan.run("validate", path, "--set", "fluids.dialysate={choose_from: [Biphozyl, Ci-Ca Dialysate K2]}")
        #expect(only.status == 65)
        // The error names the field and the --set that wrote it (docs/cli.md).
        #expect(only.stderr.contains("fluids.dialysate.choose_from (--set fluids.dialysate={choose_from: [Biphozyl, Ci-Ca Dialysate K2]}): nothing left to choose: Biphozyl, Ci-Ca Dialysate K2 contain no calcium"), "\(only.stderr)")
        #expect(only.stderr.contains("heparin anticoagulation") && only.stderr.contains("therapy.calcium_infusion"))
    }

    @Test func anExplicitListLosesItsCalciumFreeProductsWithAWarning() throws {
        let (folder, path) = try Self.caseFile()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let list = "fluids.dialysate={choose_from: [Biphozyl, Prismasol 4 mmol/l potassium]}"
        let run = try Krtplan.run("plan", path, "--threads", "1", "--format", "json", "--set", list)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try Self.products(run).allSatisfy { $0 != "Biphozyl" })
        let validated = try Krtplan.run("validate", path, "--mode", "plan", "--set", list)
        #expect(validated.status == 0)
        #expect(validated.stderr.contains("warning: fluids.dialysate.choose_from: Biphozyl left out: no calcium"), "\(validated.stderr)")
    }

    @Test func aFixedCalciumFreeFluidIsAnErrorWithItsPathAndTheFix() throws {
        let (folder, path) = try Self.caseFile()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for command in ["validate", "plan", "simulate"] {
            let run = try Krtplan.run(command, path, "--set", "fluids.dialysate=Biphozyl", "--set", "fluids.post_replacement=PRISMASOL BGK2/0")
            #expect(run.status == 65, "\(command): \(run.stderr)")
            #expect(run.stderr.contains("fluids.dialysate (--set fluids.dialysate=Biphozyl): Biphozyl contains no calcium: with heparin anticoagulation"), "\(run.stderr)")
            #expect(run.stderr.contains("fluids.post_replacement (--set fluids.post_replacement=PRISMASOL BGK2/0): PRISMASOL BGK2/0 contains no calcium"), "\(run.stderr)")
            #expect(run.stderr.contains("declare the separate calcium infusion as therapy.calcium_infusion: {solution:"))
            #expect(run.hasNoStackTrace)
        }
        let none = try Krtplan.run("validate", path, "--set", "therapy.anticoagulation=none", "--set", "fluids.dialysate=Biphozyl")
        #expect(none.status == 65 && none.stderr.contains("with no anticoagulation and no separate calcium infusion"))
    }

    @Test func citrateAllowsCalciumFreeFluids() throws {
        let (folder, path) = try Self.caseFile()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let run = try Krtplan.run("simulate", path, "--set", Self.citrate, "--set", "fluids.dialysate=Biphozyl",
                                  "--set", "fluids.post_replacement=Biphozyl")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(!run.stderr.contains("calcium"), "no calcium warning under citrate: \(run.stderr)")
    }

    @Test func aDeclaredCalciumInfusionAllowsThemWithAWarning() throws {
        let (folder, path) = try Self.caseFile()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let run = try Krtplan.run("simulate", path, "--set", Self.infusion, "--set", "fluids.dialysate=Biphozyl",
                                  "--set", "fluids.post_replacement=Phoxilium", "--format", "json")
        #expect(run.status == 0, "\(run.stderr)")
        let warnings = try #require(try run.json()["warnings"] as? [String])
        #expect(warnings.contains { $0.contains("Biphozyl contains no calcium; it relies on the separate calcium infusion (calcium chloride 10 % at 20 mL/h)") },
                "\(warnings)")
        #expect(try Self.products(run).contains("Biphozyl"))
        let list = try Krtplan.run("validate", path, "--mode", "plan", "--set", Self.infusion,
                                   "--set", "fluids.dialysate={choose_from: [Biphozyl, Ci-Ca Dialysate K2]}")
        #expect(list.status == 0, "\(list.stderr)")
    }

    @Test func theCalciumInfusionFieldIsCheckedLikeEveryOther() throws {
        let (folder, path) = try Self.caseFile()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let cases: [(String, String)] = [
            ("therapy.calcium_infusion={solution: calcium chloride 10 %, flow: 20}", "therapy.calcium_infusion.flow"),
            ("therapy.calcium_infusion={solution: calcium chloride 10 %, flow: 2000 mL/h}", "a calcium infusion flow from 1 to 500 mL/h"),
            ("therapy.calcium_infusion={flow: 20 mL/h}", "therapy.calcium_infusion.solution"),
            ("therapy.calcium_infusion=yes", "therapy.calcium_infusion"),
            ("therapy.calcium_infusion={solution: x, flow: 20 mL/h, rate: 1}", "unknown field 'rate'"),
        ]
        for (set, phrase) in cases {
            let run = try Krtplan.run("validate", path, "--set", set)
            #expect(run.status == 65, "\(set)")
            #expect(run.stderr.contains(phrase), "\(set): \(run.stderr)")
        }
    }
}
