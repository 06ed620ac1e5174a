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

    @Option(help: ArgumentHelp("Write the tables to this file instead of standard output.", valueName: "file"))
    var output: String?

    @Option(help: ArgumentHelp("Replace the generated section (between its markers) of this Markdown file.", valueName: "file"))
    var update: String?

    func validate() throws {
        if output != nil, update != nil { throw ValidationError("use either --output or --update, not both") }
    }

    func run() throws {
        try CommandRunner.run {
            let table = CatalogMarkdown.render(try catalogOptions.load())
            if let update {
                let document = try InputFile.readText(at: update, limits: InputLimits(maxBytes: 4 << 20))
                guard let updated = CatalogMarkdown.replacingGenerated(in: document, with: table) else {
                    throw CommandFailure(.data, "\(update): no generated section; add the lines "
                        + "'\(CatalogMarkdown.begin)' and '\(CatalogMarkdown.end)' where the tables belong")
                }
                try Console.write(updated, to: update)
            } else if let output {
                try Console.write(table + "\n", to: output)
            } else {
                Console.output(table)
            }
            return .ok
        }
    }
}
