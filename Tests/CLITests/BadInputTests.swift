import Foundation
import Testing

/// The bad-input corpus (Tests/CLITests/BadInputs, listed in manifest.json): every file gives its
/// documented exit code and exactly one error line naming the field path, the value and what was
/// expected; no stack trace; nothing on stdout; no output file left behind (docs/safety.md).
struct BadInputTests {
    struct Entry: Decodable, Sendable, CustomTestStringConvertible {
        /// Path under BadInputs/.
        let file: String
        /// What is wrong, in words.
        let what: String
        /// `plan`, `simulate`, `validate`, `check`, `catalog-fluid`, `catalog-supplement` or `catalog-limits`
        /// (a site limits file given to `formulations list --limits`).
        let command: String
        let exit: Int32
        /// The expected stderr line after `krtplan: FILE: ` (warnings keep their `warning: ` prefix).
        let message: String
        /// Options added after the file (e.g. `--set` overrides).
        var options: [String]? = nil
        /// The expected stderr line after `krtplan: ` when it names an option rather than the file
        /// (`--set: field path …`); replaces `FILE: message`.
        var line: String? = nil

        var testDescription: String { ([file] + (options ?? [])).joined(separator: " ") }
    }

    static let folder = Krtplan.packageRoot + "/Tests/CLITests/BadInputs"

    /// Every `manifest*.json` in the folder (each branch of work may keep its own list).
    static let manifest: [Entry] = {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
            .filter { $0.hasPrefix("manifest") && $0.hasSuffix(".json") }.sorted()
        return names.flatMap { name -> [Entry] in
            guard let data = FileManager.default.contents(atPath: folder + "/" + name),
                  let entries = try? JSONDecoder().decode([Entry].self, from: data) else { return [] }
            return entries
        }
    }()

    @Test func theCorpusIsLargeEnoughAndEveryFileIsListed() throws {
        #expect(Self.manifest.count >= 50)
        var onDisk: Set<String> = []
        for kind in ["cases", "orders", "fluids", "supplements", "limits"] {
            let names = try FileManager.default.contentsOfDirectory(atPath: Self.folder + "/" + kind)
            onDisk.formUnion(names.map { kind + "/" + $0 })
        }
        #expect(onDisk == Set(Self.manifest.map(\.file)), "manifest*.json and the files in BadInputs/ differ")
    }

    @Test(arguments: manifest)
    func eachBadInputGivesOneClearMessage(_ entry: Entry) throws {
        let scratch = try Krtplan.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        var path = Self.folder + "/" + entry.file
        let outputs = scratch + "/out"
        try FileManager.default.createDirectory(atPath: outputs, withIntermediateDirectories: true)
        let arguments: [String]
        switch entry.command {
        case "plan":
            arguments = ["plan", path, "--format", "json", "--output", outputs + "/plan.json", "--report", outputs + "/plan.html"]
        case "simulate":
            arguments = ["simulate", path, "--output", outputs + "/simulation.txt", "--report", outputs + "/simulation.html"]
        case "validate":
            arguments = ["validate", path]
        case "check":
            arguments = ["check", "--order", path]
        case "catalog-fluid", "catalog-supplement":
            let kind = entry.command == "catalog-fluid" ? "fluids" : "supplements"
            let copy = scratch + "/site/" + entry.file
            try FileManager.default.createDirectory(atPath: scratch + "/site/" + kind, withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: path, toPath: copy)
            path = copy
            arguments = ["formulations", "list", "--catalog", scratch + "/site"]
        case "catalog-limits":
            arguments = ["formulations", "list", "--limits", path]
        default:
            Issue.record("unknown command '\(entry.command)' in manifest.json")
            return
        }
        let run = try Krtplan.run(arguments + (entry.options ?? []))
        #expect(run.status == entry.exit, "\(entry.what): exit \(run.status)\n\(run.stderr)")
        #expect(run.hasNoStackTrace)
        #expect(run.stderrLines.allSatisfy { $0.hasPrefix("krtplan: ") }, "\(run.stderr)")
        let errors = run.stderrLines.filter { !$0.contains(": warning: ") }
        let expected = entry.line.map { "krtplan: \($0)" } ?? "krtplan: \(path): \(entry.message)"
        if entry.exit == 0 {
            #expect(errors.isEmpty, "\(run.stderr)")
            #expect(run.stderrLines.contains { $0.hasPrefix(expected) }, "expected \(expected)\ngot \(run.stderr)")
        } else {
            #expect(errors.count == 1, "\(entry.what): expected one error line, got\n\(run.stderr)")
            #expect(errors.first?.hasPrefix(expected) == true, "expected \(expected)\ngot \(run.stderr)")
            #expect(run.stdout.isEmpty, "\(run.stdout)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: outputs).isEmpty, "an output file was left behind")
    }
}
