import Foundation
import Testing

/// Byte-identical output for the same input, whatever the thread count; audit hashes that change
/// when the case or the catalog changes, and only then (docs/safety.md).
struct DeterminismTests {
    static let flagship = Krtplan.packageRoot + "/cases/flagship-citrate-cvvhdf.yaml"
    static let simulation = Krtplan.packageRoot + "/Tests/FuzzCorpus/case/seed-simulate-cvvh.yaml"
    let shortPlan = ["plan", flagship, "--set", "horizon=24 h", "--format", "json"]

    @Test func planJSONIsByteIdenticalAcrossRunsAndThreadCounts() throws {
        let first = try Krtplan.run(shortPlan + ["--threads", "1"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(!first.stdout.isEmpty)
        for threads in ["1", "2", "4"] {
            let again = try Krtplan.run(shortPlan + ["--threads", threads])
            #expect(again.stdout == first.stdout, "--threads \(threads) changed the JSON")
        }
    }

    @Test func writtenFilesAndTheHTMLReportAreByteIdentical() throws {
        let folder = try Krtplan.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for index in 0..<2 {
            let run = try Krtplan.run(["simulate", Self.simulation, "--format", "csv", "--output", "\(folder)/\(index).csv",
                                       "--report", "\(folder)/\(index).html"])
            #expect(run.status == 0, "\(run.stderr)")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: folder + "/0.csv")) == Data(contentsOf: URL(fileURLWithPath: folder + "/1.csv")))
        #expect(try Data(contentsOf: URL(fileURLWithPath: folder + "/0.html")) == Data(contentsOf: URL(fileURLWithPath: folder + "/1.html")))
    }

    @Test func compareJSONIsTheSameSerialAndParallel() throws {
        let arguments = ["compare", Self.flagship, "--set", "horizon=12 h", "--format", "json",
                         "--variant", "phox:fluids.dialysate=Phoxilium", "--variant", "dose35:therapy.effluent_dose=35 mL/kg/h",
                         "--variant", "heavy:patient.weight=100 kg"]
        let serial = try Krtplan.run(arguments + ["--threads", "1"])
        let parallel = try Krtplan.run(arguments + ["--threads", "2"])
        #expect(serial.status == 0, "\(serial.stderr)")
        #expect(!serial.stdout.isEmpty && serial.stdout == parallel.stdout)
    }

    /// `(input, catalog)` hashes of the audit block of a simulation.
    func hashes(_ arguments: [String], environment: [String: String] = [:]) throws -> (input: String, catalog: String) {
        let run = try Krtplan.run(["simulate"] + arguments + ["--format", "json"], environment: environment)
        #expect(run.status == 0, "\(run.stderr)")
        let audit = try #require(try run.json()["audit"] as? [String: Any])
        let input = try #require(audit["inputSHA256"] as? String ?? audit["input_sha256"] as? String)
        let catalog = try #require(audit["catalogSHA256"] as? String ?? audit["catalog_sha256"] as? String)
        return (input, catalog)
    }

    @Test func inputHashFollowsTheCaseAndOnlyTheCase() throws {
        let folder = try Krtplan.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let text = try String(contentsOfFile: Self.simulation, encoding: .utf8)
        try Krtplan.write(text, to: folder + "/elsewhere/renamed.yaml")
        try Krtplan.write(text + "# a comment added\n", to: folder + "/commented.yaml")
        let base = try hashes([Self.simulation])
        let moved = try hashes([folder + "/elsewhere/renamed.yaml"])
        #expect(moved.input == base.input && moved.catalog == base.catalog, "the file's name or folder changed a hash")
        let commented = try hashes([folder + "/commented.yaml"])
        #expect(commented.input != base.input && commented.catalog == base.catalog)
        let overridden = try hashes([Self.simulation, "--set", "patient.weight=71 kg"])
        #expect(overridden.input != base.input && overridden.catalog == base.catalog)
        #expect(try hashes([Self.simulation]) == base)
    }

    @Test func catalogHashFollowsTheCatalogAndOnlyTheCatalog() throws {
        let folder = try Krtplan.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let copy = folder + "/formulations"
        try FileManager.default.copyItem(atPath: Krtplan.packageRoot + "/formulations", toPath: copy)
        let base = try hashes([Self.simulation])
        let copied = try hashes([Self.simulation], environment: ["KRTPLAN_FORMULATIONS": copy])
        #expect(copied == base, "a copy of the catalog in another folder changed a hash")

        let biphozyl = copy + "/fluids/biphozyl.yaml"
        let original = try String(contentsOfFile: biphozyl, encoding: .utf8)
        try Krtplan.write(original.replacingOccurrences(of: "magnesium:   {value: 0.75 mmol/L", with: "magnesium:   {value: 0.8 mmol/L"), to: biphozyl)
        let changed = try hashes([Self.simulation], environment: ["KRTPLAN_FORMULATIONS": copy])
        #expect(changed.catalog != base.catalog && changed.input == base.input)

        try Krtplan.write(original, to: biphozyl)
        #expect(try hashes([Self.simulation], environment: ["KRTPLAN_FORMULATIONS": copy]) == base, "restoring the value must restore the hash")

        // The hash is of the catalog's content, not its layout: a comment or blank line changes nothing.
        try Krtplan.write("# a site's comment\n\n" + original, to: biphozyl)
        #expect(try hashes([Self.simulation], environment: ["KRTPLAN_FORMULATIONS": copy]) == base, "a comment changed the catalog hash")
        try Krtplan.write(original, to: biphozyl)

        let site = folder + "/site"
        let fluid = original.replacingOccurrences(of: "id: biphozyl", with: "id: site-biphozyl")
            .replacingOccurrences(of: "name: \"Biphozyl\"", with: "name: \"Site Biphozyl\"")
        try Krtplan.write(fluid, to: site + "/fluids/site-biphozyl.yaml")
        let withSite = try hashes([Self.simulation, "--catalog", site])
        #expect(withSite.catalog != base.catalog && withSite.input == base.input)
    }
}
