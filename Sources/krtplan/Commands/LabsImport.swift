import ArgumentParser
import Foundation
import KRTImport
import KRTInput
import KRTPlanner

/// `krtplan labs import FILE…`: the case's `labs:` entries from FHIR R4 or CSV exports, printed or merged into a new case file.
struct LabsImport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Read lab results (FHIR R4 Bundle/Observation JSON, CLIF or long-table CSV) as the case's labs: entries.",
        discussion: """
            Times become hours from the anchor (--anchor, or the start: of the case given with --into). Prints the \
            labs: block (YAML, or JSON with --format json); with --into CASE --output NEW writes a new case with the \
            labs added (never the case itself; an existing NEW only with --force). Potassium, phosphate and magnesium \
            go into the case; ionised calcium is shown only. Notes and warnings go to standard error.

            Exit codes: 0 imported; 64 usage; 65 bad data (nothing written); 66 missing input; 73 cannot write output.
            """)

    @Argument(help: ArgumentHelp("Lab exports: FHIR R4 JSON (Bundle or Observation) or CSV.", valueName: "file"))
    var files: [String]

    @OptionGroup var reading: LabReadingOptions

    @Option(help: ArgumentHelp("Add the labs to this case (its start: is the anchor) and write the result to --output.", valueName: "case"))
    var into: String?

    @Option(help: ArgumentHelp("The new case file (with --into).", valueName: "file"))
    var output: String?

    @Flag(help: "Replace an existing --output file (never an input).")
    var force = false

    @Option(help: ArgumentHelp("Output format of the labs: block.", valueName: "yaml|json"))
    var format: LabsFormat = .yaml

    enum LabsFormat: String, ExpressibleByArgument, CaseIterable { case yaml, json }

    func validate() throws {
        if into != nil, output == nil { throw ValidationError("--into needs --output NEW (the case itself is never changed)") }
        if output != nil, into == nil { throw ValidationError("--output needs --into CASE") }
        if into != nil, format == .json { throw ValidationError("--format json prints the labs; --into writes a case (YAML)") }
    }

    func run() throws {
        try CommandRunner.run {
            let options = try reading.importOptions()
            guard let into, let output else {
                let entries = try LabsMerge.entries(files, options: options, anchor: try reading.anchor(caseStart: nil, casePath: nil))
                Console.output(format == .json ? try entries.json() : entries.yaml(header: "krtplan labs import \(files.joined(separator: " "))"))
                return .ok
            }
            try OutputFiles.check(output, inputs: [into] + files, force: force, option: "--output")
            let caseText = try InputFile.readText(at: into)
            let document = try YAMLDocument.parse(caseText, source: into)
            let caseStart = try CaseReader.read(document).start
            let anchor = try reading.anchor(caseStart: caseStart, casePath: into)
            let imported = try LabsMerge.entries(files, options: options, anchor: anchor)
            let existing = try CaseReader.read(document).labs
            let (kept, dropped) = LabsMerge.withoutExisting(imported.entries, existing: existing)
            if dropped > 0 { Console.error("\(dropped) imported draw(s) are already in \(into); not added again") }
            let comment = "imported from " + files.map { ($0 as NSString).lastPathComponent }.joined(separator: ", ")
            let merged = LabsMerge.mergedText(caseText, document: document, entries: kept, comment: comment,
                                              start: caseStart == nil ? anchor.description : nil)
            // The new case must read as a case before it is written.
            do throws(InputError) { _ = try CaseReader.read(YAMLDocument.parse(merged, source: output)) } catch {
                Console.errorLines(error.description)
                throw CommandFailure(.data, "the case with the imported labs does not read (above); nothing written")
            }
            try OutputFiles.write(merged, to: output, replacing: force)
            Console.error("\(output): \(kept.count) lab draw(s) added to a copy of \(into)")
            for item in imported.displayOnly {
                Console.error("ionised calcium (display only) at \(item.observation.time): \(item.observation.quantity)")
            }
            return .ok
        }
    }
}
