import ArgumentParser
import Foundation
import KRTCatalog
import KRTInput

/// `krtplan formulations table --format markdown`: the catalog tables of docs/formulations.md.
struct FormulationsTable: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "table",
        abstract: "Print the catalog tables (the generated section of docs/formulations.md).",
        discussion: "Regenerate the document's section with: krtplan formulations table --format markdown --update docs/formulations.md"
    )

    enum TableFormat: String, ExpressibleByArgument, CaseIterable {
        case markdown
    }

    @OptionGroup var catalogOptions: CatalogOptions

    @Option(help: ArgumentHelp("Output format.", valueName: "markdown"))
    var format: TableFormat = .markdown

    @Option(help: ArgumentHelp("Write the tables to this file (atomically) instead of standard output.", valueName: "file"))
    var output: String?

    @Flag(help: "Replace an existing --output file (never a catalog or limits file).")
    var force = false

    @Option(help: ArgumentHelp("Replace the generated section (between its markers) of this Markdown file.", valueName: "file"))
    var update: String?

    func validate() throws {
        if output != nil, update != nil { throw ValidationError("--update: use either --output or --update, not both") }
        if force, output == nil { throw ValidationError("--force: applies only to --output") }
    }

    func run() throws {
        try CommandRunner.run {
            // --update rewrites its own file by design; neither it nor --output may be a catalog input.
            if let update { try OutputFiles.check([("--update", update)], inputs: catalogOptions.inputPaths, force: true) }
            if let output { try OutputFiles.check([("--output", output)], inputs: catalogOptions.inputPaths, force: force) }
            let table = CatalogMarkdown.render(try catalogOptions.load())
            if let update {
                let document = try InputFile.readText(at: update, limits: InputLimits(maxBytes: 4 << 20))
                guard let updated = CatalogMarkdown.replacingGenerated(in: document, with: table) else {
                    throw CommandFailure(.data, "\(update): no generated section; add the lines "
                        + "'\(CatalogMarkdown.begin)' and '\(CatalogMarkdown.end)' where the tables belong")
                }
                try OutputFiles.write(updated, to: update, replacing: true, allowingInput: true)
            } else if let output {
                try OutputFiles.write(table + "\n", to: output, replacing: force)
            } else {
                Console.output(table)
            }
            return .ok
        }
    }
}
