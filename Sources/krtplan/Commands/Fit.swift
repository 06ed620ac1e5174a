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

    @Flag(help: "Replace an existing output file (never an input).")
    var force = false

    func run() throws {
        try CommandRunner.run {
            if let output { try OutputFiles.check(output, inputs: caseOptions.inputPaths + catalogOptions.inputPaths, force: force, option: "--output") }
            let catalog = try catalogOptions.load()
            let file = try CaseReader.read(caseOptions.document())
            let result = try PatientFitter.fit(file, catalog: catalog, options: fitWork.estimator)
            let text: String
            switch format {
            case .text: text = FitRendering.text(result)
            case .json: text = try ResultWriter.render { () throws(ReportError) in try FitRendering.json(result) }
            case .csv: text = FitRendering.csv(result)
            }
            if let output { try OutputFiles.write(text, to: output, replacing: force) } else { Console.output(text) }
            if !result.converged {
                Console.error("the fit did not converge: \(result.estimation.reason)")
                return .fitNotConverged
            }
            return result.labs.contains(where: \.possibleOutlier) ? .warnings : .ok
        }
    }
}
