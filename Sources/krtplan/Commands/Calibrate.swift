import ArgumentParser
import Foundation
import KRTCalibration
import KRTEstimation

/// `krtplan calibrate`: the calibration harness (docs/validation.md, "Published figures").
struct Calibrate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the model against the published figures (model vs published vs single-pool) and fit the population parameters.",
        discussion: """
            Reads the figure file, turns each scenario into a krtplan case through the normal case reader, \
            predicts every figure with the model and the single-pool formula, fits the population parameters \
            on the calibration half (unless --no-fit), and prints the generated section of docs/validation.md. \
            --write replaces that section in place and writes docs/validation/calibrated-parameters.yaml \
            (never the model's defaults). `make calibrate` runs it from the package root.

            Exit codes: 0 done; 64 usage; 65 bad figure file or catalog; 66 missing input; 73 cannot write output.
            """)

    @Option(help: ArgumentHelp("The figure file.", valueName: "file"))
    var figures = FigureFile.defaultPath

    @Flag(help: "Skip the population fit (the comparison with the current defaults only).")
    var noFit = false

    @Flag(help: "Replace the generated section of --document and write --parameters.")
    var write = false

    @Option(help: ArgumentHelp("The document whose generated section --write replaces.", valueName: "file"))
    var document = "docs/validation.md"

    @Option(help: ArgumentHelp("Where --write puts the calibrated parameters.", valueName: "file"))
    var parameters = "docs/validation/calibrated-parameters.yaml"

    @Option(help: ArgumentHelp("Print the case a figure becomes (and the translation's notes) instead.", valueName: "id"))
    var showCase: String?

    @OptionGroup var catalogOptions: CatalogOptions

    func run() throws {
        try CommandRunner.run {
            let file = try FigureFile.load(path: figures)
            let harness = Harness(file: file, catalog: try catalogOptions.load())
            if let id = showCase {
                guard let p = harness.prepared.first(where: { $0.figure.id == id }) else {
                    throw CommandFailure(.data, "figure \(id) was not turned into a case: \(harness.unprepared[id].map { "\($0)" } ?? "no such figure")")
                }
                Console.output(p.caseText + p.notes.map { "# note: \($0)\n" }.joined())
                return .ok
            }
            var calibrated: [FigureOutcome]? = nil
            var fit: EstimationResult? = nil
            if !noFit {
                let (result, overrides) = CalibrationFit.run(harness)
                fit = result
                calibrated = harness.outcomes(parameters: overrides)
            }
            let report = CalibrationReport(figuresSHA256: file.sha256, current: harness.outcomes(), calibrated: calibrated, fit: fit)
            Console.output(report.markdown)
            if write {
                let text: String
                do { text = try String(contentsOfFile: document, encoding: .utf8) } catch {
                    throw CommandFailure(.noInput, "\(document): cannot read: \(error.localizedDescription)")
                }
                try OutputFiles.write(report.updating(document: text), to: document, replacing: true, allowingInput: true)
                if fit != nil { try OutputFiles.write(report.parametersYAML, to: parameters, replacing: true) }
            }
            return .ok
        }
    }
}
