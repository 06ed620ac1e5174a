import ArgumentParser
import KRTCatalog
import KRTPlanner
import KRTReport

/// `krtplan fit CASE`: learn the patient's parameters from the labs in the case's history.
struct Fit: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Fit the patient's parameters to the labs drawn so far (needs a history: block).",
        discussion: """
            Maximum a posteriori estimate with population priors (docs/fitting.md): fitted parameters with \
            95 % intervals and shrinkage, every lab with its population and individual prediction and \
            standardised residual, a leave-last-draw-out check, and the estimated state at 0 h.

            Exit codes: 0 fitted; 2 fitted, with a possible outlier (|standardised residual| > 3) to check; \
            6 the fit did not converge (reason printed; the output is still written, marked so); \
            64 usage; 65 bad data (e.g. no history); 66 missing input; 70 internal error; 73 cannot write output; \
            74 cannot write to standard output.
            """)

    @OptionGroup var caseOptions: CaseOptions
    @OptionGroup var catalogOptions: CatalogOptions
    @OptionGroup var fitWork: FitWorkOptions

    @Option(help: ArgumentHelp("Output format.", valueName: "text|json|csv"))
    var format: ReportFormat = .text

    @Option(help: ArgumentHelp("Write the result to this file (atomically) instead of standard output.", valueName: "file"))
    var output: String?

    @Option(help: ArgumentHelp("Also write one self-contained HTML page: a chart per solute with the labs, the population and individual courses and the prediction band.", valueName: "file.html"))
    var report: String?

    @Flag(help: "Replace an existing output file (never an input).")
    var force = false

    @OptionGroup var bandOptions: BandOptions

    func run() throws {
        try CommandRunner.run {
            if let output { try OutputFiles.check(output, inputs: caseOptions.inputPaths + catalogOptions.inputPaths, force: force, option: "--output") }
            if let report {
                if report == output { throw CommandFailure(.usage, "--report \(report): the same file is given twice") }
                try OutputFiles.check(report, inputs: caseOptions.inputPaths + catalogOptions.inputPaths, force: force, option: "--report")
            }
            let catalog = try catalogOptions.load()
            let file = try CaseReader.read(caseOptions.document())
            let result = try PatientFitter.fit(file, catalog: catalog, options: fitWork.estimator)
            var forecast: FitForecast? = nil
            if let settings = bandOptions.settings(for: file, threads: nil, force: report != nil) {
                forecast = try FitForecast.make(fit: result, file: file, catalog: catalog, settings: settings)
            }
            let shown = bandOptions.bands ? forecast : nil
            let text: String
            switch format {
            case .text: text = FitRendering.text(result) + (shown.map { "\n\n" + FitRendering.text($0) } ?? "")
            case .json: text = try ResultWriter.render { () throws(ReportError) in try FitRendering.json(result, forecast: shown) }
            case .csv: text = FitRendering.csv(result) + (shown.map { FitRendering.csvRows($0).map { $0 + "\r\n" }.joined() } ?? "")
            }
            if let report, let forecast { try OutputFiles.write(FitReport.html(result, forecast: forecast), to: report, replacing: force) }
            if let output { try OutputFiles.write(text, to: output, replacing: force) } else { Console.output(text) }
            if !result.converged {
                Console.error("the fit did not converge: \(result.estimation.reason)")
                return .fitNotConverged
            }
            return result.labs.contains(where: \.possibleOutlier) ? .warnings : .ok
        }
    }
}
