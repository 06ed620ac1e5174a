import Foundation
import Testing

/// Outputs never overwrite inputs, and inputs may be symbolic links (docs/safety.md#trust-boundaries):
/// every command that writes a file × every kind of input (case, catalog folder file, limits file), reached
/// directly, through a symbolic link and through a `..` path, with `--force`; symlinked inputs are read.
@Suite struct InputProtectionTests {
    static let simulateCase = Krtplan.packageRoot + "/cases/cvvh-phosphate-free-simulate.yaml"

    /// A scratch copy of the bundled catalog split in two — `base/` (fluids, compounding.yaml; the bundled folder
    /// through KRTPLAN_FORMULATIONS) and `site/` (supplements; given with --catalog) — where one fluid file and one
    /// supplement file are symbolic links to files elsewhere; a case; a limits file reached through a link.
    /// Nothing here touches the repository's own catalog.
    struct Scratch {
        let folder: String
        var casePath: String { folder + "/case.yaml" }
        var base: String { folder + "/base" }
        var site: String { folder + "/site" }
        var limits: String { folder + "/real-limits.yaml" }
        var limitsLink: String { folder + "/limits-link.yaml" }
        /// The files a symlinked fluid and supplement really are.
        var realFluid: String { folder + "/real-fluid.yaml" }
        var realSupplement: String { folder + "/real-supplement.yaml" }
        var environment: [String: String] { ["KRTPLAN_FORMULATIONS": base] }
        var catalogOptions: [String] { ["--catalog", site, "--limits", limitsLink] }
        var bundledFluid = "", siteSupplement = "", compounding = ""

        init() throws {
            folder = try Krtplan.temporaryFolder()
            let manager = FileManager.default
            try manager.copyItem(atPath: InputProtectionTests.simulateCase, toPath: folder + "/case.yaml")
            let bundled = Krtplan.packageRoot + "/formulations"
            try manager.createDirectory(atPath: folder + "/base", withIntermediateDirectories: true)
            try manager.createDirectory(atPath: folder + "/site", withIntermediateDirectories: true)
            try manager.copyItem(atPath: bundled + "/fluids", toPath: folder + "/base/fluids")
            try manager.copyItem(atPath: bundled + "/compounding.yaml", toPath: folder + "/base/compounding.yaml")
            try manager.copyItem(atPath: bundled + "/supplements", toPath: folder + "/site/supplements")
            let fluids = try manager.contentsOfDirectory(atPath: folder + "/base/fluids").filter { $0.hasSuffix(".yaml") }.sorted()
            let supplements = try manager.contentsOfDirectory(atPath: folder + "/site/supplements").filter { $0.hasSuffix(".yaml") }.sorted()
            bundledFluid = folder + "/base/fluids/" + fluids[1]
            siteSupplement = folder + "/site/supplements/" + supplements[1]
            compounding = folder + "/base/compounding.yaml"
            for (file, real) in [(folder + "/base/fluids/" + fluids[0], folder + "/real-fluid.yaml"),
                                 (folder + "/site/supplements/" + supplements[0], folder + "/real-supplement.yaml")] {
                try manager.moveItem(atPath: file, toPath: real)
                try manager.createSymbolicLink(atPath: file, withDestinationPath: real)
            }
            try Krtplan.write("""
                site: Example ICU pharmacy
                sources: {policy: {document: "Example ICU policy"}}
                compounding:
                  phosphate_with_calcium: warning

                """, to: folder + "/real-limits.yaml")
            try manager.createSymbolicLink(atPath: folder + "/limits-link.yaml", withDestinationPath: folder + "/real-limits.yaml")
        }

        /// Contents of every input, to show none changed.
        func snapshot(_ paths: [String]) -> [String: Data] {
            Dictionary(uniqueKeysWithValues: paths.map { ($0, FileManager.default.contents(atPath: $0) ?? Data()) })
        }
    }

    /// The spellings of one file that must all be refused: itself, a symbolic link to it, a `..` path to it.
    func spellings(of path: String, in folder: String) throws -> [String] {
        let link = folder + "/link-\(UUID().uuidString).out"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: path)
        let name = (path as NSString).lastPathComponent
        let parent = (path as NSString).deletingLastPathComponent
        return [path, link, parent + "/../" + (parent as NSString).lastPathComponent + "/" + name]
    }

    func expectRefused(_ run: Krtplan.Run, _ context: String) {
        #expect(run.status == 73, "\(context): \(run.status) \(run.stderr)")
        #expect(run.stderr.contains("refusing to overwrite the input file"), "\(context): \(run.stderr)")
        #expect(run.stdout.isEmpty)
        #expect(run.hasNoStackTrace)
    }

    @Test func noOutputOptionOfAnyCommandReplacesTheCaseEvenWithForce() throws {
        let scratch = try Scratch()
        defer { try? FileManager.default.removeItem(atPath: scratch.folder) }
        let before = scratch.snapshot([scratch.casePath])
        for target in try spellings(of: scratch.casePath, in: scratch.folder) {
            for option in ["--output", "--report"] {
                expectRefused(try Krtplan.run("simulate", scratch.casePath, option, target, "--force"), "simulate \(option) \(target)")
                expectRefused(try Krtplan.run("plan", scratch.casePath, option, target, "--force"), "plan \(option) \(target)")
            }
            expectRefused(try Krtplan.run("compare", scratch.casePath, "--simulate", "--output", target, "--force"), "compare \(target)")
        }
        // --export-lp needs a .lp name: a link with that name pointing at the case.
        let lpLink = scratch.folder + "/model.lp"
        try FileManager.default.createSymbolicLink(atPath: lpLink, withDestinationPath: scratch.casePath)
        expectRefused(try Krtplan.run("plan", scratch.casePath, "--export-lp", lpLink, "--force"), "plan --export-lp")
        #expect(scratch.snapshot([scratch.casePath]) == before)
    }

    @Test func catalogAndLimitsFilesAreInputsToo() throws {
        let scratch = try Scratch()
        defer { try? FileManager.default.removeItem(atPath: scratch.folder) }
        let listed = try Krtplan.run(["formulations", "list", "--supplements"] + scratch.catalogOptions, environment: scratch.environment)
        #expect(listed.status == 0, "symlinked catalog and limits files are read: \(listed.stderr)")
        let inputs = [scratch.bundledFluid, scratch.compounding, scratch.siteSupplement, scratch.realFluid, scratch.realSupplement,
                      scratch.limits]
        let before = scratch.snapshot(inputs)
        for input in inputs {
            for target in try spellings(of: input, in: scratch.folder) {
                let simulate = ["simulate", scratch.casePath, "--report", target, "--force"] + scratch.catalogOptions
                expectRefused(try Krtplan.run(simulate, environment: scratch.environment), "simulate → \(target)")
                let table = ["formulations", "table", "--output", target, "--force"] + scratch.catalogOptions
                expectRefused(try Krtplan.run(table, environment: scratch.environment), "table → \(target)")
                let update = ["formulations", "table", "--update", target] + scratch.catalogOptions
                expectRefused(try Krtplan.run(update, environment: scratch.environment), "table --update → \(target)")
            }
        }
        let compare = ["compare", scratch.casePath, "--simulate", "--output", scratch.limitsLink, "--force"] + scratch.catalogOptions
        expectRefused(try Krtplan.run(compare, environment: scratch.environment), "compare → limits")
        let plan = ["plan", scratch.casePath, "--output", scratch.realSupplement, "--force"] + scratch.catalogOptions
        expectRefused(try Krtplan.run(plan, environment: scratch.environment), "plan → catalog")
        #expect(scratch.snapshot(inputs) == before)
    }

    @Test func formulationsTableNeverReplacesAFileWithoutForce() throws {
        let folder = try Krtplan.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let existing = folder + "/tables.md"
        try Krtplan.write("keep me\n", to: existing)
        let refused = try Krtplan.run("formulations", "table", "--output", existing)
        #expect(refused.status == 73)
        #expect(refused.stderr == "krtplan: --output \(existing): file exists; use --force to replace it\n")
        #expect(try String(contentsOfFile: existing, encoding: .utf8) == "keep me\n")
        let forced = try Krtplan.run("formulations", "table", "--output", existing, "--force")
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(try String(contentsOfFile: existing, encoding: .utf8).contains("|"))
        let misuse = try Krtplan.run("formulations", "table", "--force")
        #expect(misuse.status == 64)
        #expect(misuse.stderr.hasPrefix("krtplan: --force: applies only to --output"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["tables.md"], "no temporary file left")
    }

    @Test func symbolicLinksToInputsAreReadAndLoopsAreNamed() throws {
        let folder = try Krtplan.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let copy = folder + "/case.yaml"
        try FileManager.default.copyItem(atPath: Self.simulateCase, toPath: copy)
        let link = folder + "/link.yaml", chain = folder + "/chain.yaml"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "case.yaml")
        try FileManager.default.createSymbolicLink(atPath: chain, withDestinationPath: link)
        for path in [link, chain] {
            let valid = try Krtplan.run("validate", path)
            #expect(valid.status == 0, "\(valid.stderr)")
            #expect(valid.stdout == "\(path): valid for plan and simulate\n")
        }
        let simulated = try Krtplan.run("simulate", link, "--format", "json")
        #expect(simulated.status == 0)
        try FileManager.default.createSymbolicLink(atPath: folder + "/a.yaml", withDestinationPath: folder + "/b.yaml")
        try FileManager.default.createSymbolicLink(atPath: folder + "/b.yaml", withDestinationPath: folder + "/a.yaml")
        let loop = try Krtplan.run("validate", folder + "/a.yaml")
        #expect(loop.status == 66)
        #expect(loop.stderr == "krtplan: \(folder)/a.yaml: (top level): symbolic link loop; expected a file or a link to one\n")
        try FileManager.default.createSymbolicLink(atPath: folder + "/gone.yaml", withDestinationPath: folder + "/nothing.yaml")
        let dangling = try Krtplan.run("plan", folder + "/gone.yaml")
        #expect(dangling.status == 66)
        #expect(dangling.stderr.contains("is a symbolic link to a file that does not exist"))
        try FileManager.default.createSymbolicLink(atPath: folder + "/dir.yaml", withDestinationPath: folder)
        let directory = try Krtplan.run("validate", folder + "/dir.yaml")
        #expect(directory.status == 66)
        #expect(directory.stderr.contains("is a directory; expected a file"), "the target must be a regular file")
        let order = folder + "/order-link.yaml"
        try FileManager.default.createSymbolicLink(atPath: order, withDestinationPath: Krtplan.packageRoot + "/cases/check-kphos-in-prismasol.order.yaml")
        let checked = try Krtplan.run("check", "--order", order)
        #expect([0, 2, 3].contains(checked.status), "an order file through a link is read: \(checked.stderr)")
    }

}
