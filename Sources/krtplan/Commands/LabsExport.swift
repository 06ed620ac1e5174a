import ArgumentParser
import Foundation
import KRTImport
import KRTPlanner

/// `krtplan labs export CASE`: the case's labs as FHIR R4 or CSV, with clock times from its start:.
struct LabsExport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a case's labs as a FHIR R4 Bundle or a long CSV table (what labs import reads back).",
        discussion: """
            Clock times are the case's start: (or --anchor) plus each lab's time. Values are written in mmol/L. \
            FHIR has no standard code for drawn_from_circuit or post_filter: such draws are left out of FHIR, \
            with a warning (the CSV keeps them).

            Exit codes: 0 exported; 2 exported with draws left out; 64 usage; 65 bad data; 66 missing input; 73 cannot write output.
            """)

    @Argument(help: ArgumentHelp("The case file.", valueName: "case"))
    var casePath: String

    @Option(help: ArgumentHelp("fhir or csv.", valueName: "fhir|csv"))
    var format: ExportFormat = .fhir

    enum ExportFormat: String, ExpressibleByArgument, CaseIterable { case fhir, csv }

    @Option(help: ArgumentHelp("The clock time of 0 h when the case has no start:.", valueName: "time"))
    var anchor: String?

    @Option(help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
    var output: String?

    @Flag(help: "Replace an existing --output file (never the case).")
    var force = false

    func run() throws {
        try CommandRunner.run {
            if let output { try OutputFiles.check(output, inputs: [casePath], force: force, option: "--output") }
            let file = try CaseReader.read(path: casePath)
            let start = try LabReadingOptions.anchor(anchor, timezone: nil, caseStart: file.start, casePath: casePath)
            let labs = file.labs.map { lab in
                ExportLab(hours: lab.at,
                          values: Dictionary(uniqueKeysWithValues: lab.values.compactMap { solute, value in
                              LabAnalyte.allCases.first { $0.solute == solute && $0.isPlanned }.map { ($0, value) } }),
                          flags: Set(LabResult.Flags.keys.filter { lab.flags.contains($0.flag) }.compactMap { LabFlag(rawValue: $0.key) }))
            }
            var status = ExitStatus.ok
            let text: String
            switch format {
            case .fhir:
                let left = LabExport.notExportableToFHIR(labs)
                for lab in left {
                    Console.error("warning: the draw at \(lab.hours) h is drawn_from_circuit or post_filter: FHIR has no standard code for it; left out")
                    status = .warnings
                }
                text = try LabExport.fhir(labs, anchor: start)
            case .csv:
                text = LabExport.csv(labs, anchor: start)
            }
            if let output { try OutputFiles.write(text, to: output, replacing: force) } else { Console.output(text) }
            return status
        }
    }
}
