import ArgumentParser
import Foundation
import KRTInput
import KRTPlanner
import KRTReport

/// `krtplan compare CASE --variant NAME:PATH=VALUE,...`: what-if variants side by side.
struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Plan (or simulate) variants of a case side by side: time in range, extremes, supplement totals.",
        discussion: """
            The base case (with any --set overrides) is always the first column, named base. Each --variant \
            is NAME:PATH=VALUE[,PATH=VALUE...]; commas inside [...] or {...} belong to the value, e.g. \
            --variant 'sled:therapy.modality=SLED,therapy.sessions={every: 24 h, duration: 8 h}' \
            --variant 'dose35:therapy.effluent_dose=35 mL/kg/h'. Variants run in parallel, one thread each; \
            with more than four, a progress line is shown on a terminal.

            A case with a history: block is fitted first; every column starts from the estimated state at 0 h \
            with the patient's own parameters (--population: from the latest labs with population values). \
            --population-vs-individual adds a column named population: the base case started from population \
            values, beside base (fitted). --robust adds a column named robust: the base case planned robustly \
            (--scenarios, --confidence; docs/uncertainty.md), with its planning scenarios holding and the \
            out-of-sample probability beside the nominal plan's.

            Exit codes: 0 compared (a failing variant is shown in its column with its error); 3 a variant \
            crosses a hard bound or breaks a limit (its alerts are shown first and in its column); 6 the fit \
            of the base case's history did not converge (nothing compared); 64 usage; \
            65 the base case is not valid; 66 missing input; 70 internal error; 73 cannot write output.
            """)

    @OptionGroup var caseOptions: CaseOptions
    @OptionGroup var catalogOptions: CatalogOptions
    @OptionGroup var solverOptions: SolverOptions
    @OptionGroup var variantLimit: VariantLimit
    @OptionGroup var startOptions: StartOptions

    @Flag(name: .customLong("population-vs-individual"),
          help: "For a case with history: add a column 'population' (the base case from its latest labs with population values) beside 'base' (fitted).")
    var populationVsIndividual = false
    @OptionGroup var bandOptions: BandOptions
    @OptionGroup var robustOptions: RobustOptions

    @Option(name: .customLong("variant"), help: ArgumentHelp("NAME:PATH=VALUE[,PATH=VALUE...]. Repeatable.", valueName: "variant"))
    var variants: [String] = []

    @Flag(help: "Simulate the written fluids and orders instead of planning.")
    var simulate = false

    @Option(help: ArgumentHelp("Output format.", valueName: "text|json|csv"))
    var format: ReportFormat = .text

    @Option(help: ArgumentHelp("Write the comparison to this file (atomically).", valueName: "file"))
    var output: String?

    @Option(help: ArgumentHelp("Also write the comparison as one self-contained HTML page (atomically).", valueName: "file.html"))
    var report: String?

    @Flag(help: "Replace an existing output file.")
    var force = false

    func run() throws {
        try CommandRunner.run { try execute() }
    }

    private func execute() throws -> ExitStatus {
        try variantLimit.check(variants.count)
        if let output, output == report { throw CommandFailure(.usage, "--report \(output): the same file is given twice") }
        let inputs = caseOptions.inputPaths + catalogOptions.inputPaths
        if let output { try OutputFiles.check(output, inputs: inputs, force: force, option: "--output") }
        if let report { try OutputFiles.check(report, inputs: inputs, force: force, option: "--report") }
        let catalog = try catalogOptions.load()
        let document = try caseOptions.document()
        let base = try CaseReader.read(document)
        if populationVsIndividual {
            if startOptions.population { throw CommandFailure.usage("--population-vs-individual", "cannot be combined with --population; give one of them") }
            if base.history == nil { throw CommandFailure.usage("--population-vs-individual", "the case has no history: block, so there is no fit to compare with the population values") }
        }
        // The base case must be usable as it stands (65 otherwise; 6 when its fit does not converge);
        // variants that fail show in their column.
        let baseStart = try FittedStart.prepare(base, catalog: catalog, source: startOptions.source, options: startOptions.fitWork.estimator)
        guard baseStart.isUsable else { throw StartOptions.notConverged(baseStart) }
        _ = try baseStart.planningCase(catalog: catalog, mode: simulate ? .simulate : .plan)
        var parsed = [WhatIf.Variant(name: "base", overrides: [], start: startOptions.source)]
        if populationVsIndividual { parsed.append(WhatIf.Variant(name: "population", overrides: [], start: .population)) }
        for variant in variants {
            var next = try Self.parse(variant)
            next.start = startOptions.source
            if parsed.contains(where: { $0.name == next.name }) {
                let taken = populationVsIndividual ? "'base' and 'population' are taken" : "'base' is the case itself"
                throw CommandFailure.usage("--variant", "the name '\(next.name)' is used twice (\(taken)); give each variant its own name")
            }
            parsed.append(next)
        }
        if robustOptions.robust {
            if simulate { throw CommandFailure.usage("--robust", "cannot be combined with --simulate; robust planning plans the orders") }
            if parsed.contains(where: { $0.name == "robust" }) {
                throw CommandFailure.usage("--variant", "the name 'robust' is taken by --robust; give the variant another name")
            }
            parsed.append(try robustOptions.variant(start: startOptions.source))
        }
        let threads = solverOptions.threads ?? ProcessInfo.processInfo.activeProcessorCount
        let showProgress = parsed.count > 4 && isatty(STDERR_FILENO) != 0
        var progress: (@Sendable (Int, Int) -> Void)? = nil
        if showProgress {
            progress = { (done: Int, total: Int) in
                let message: String? = "compared \(done) of \(total) variants"
                Console.progress(message)
            }
        }
        let comparison = WhatIf.run(document, variants: parsed, catalog: catalog, simulate: simulate,
                                    options: solverOptions.planning(for: base), fit: startOptions.fitWork.estimator, threads: threads,
                                    bands: bandOptions.settings(for: base, threads: 1), progress: progress)
        if showProgress { Console.progress(nil) }
        let text: String
        switch format {
        case .text: text = ComparisonReport.text(comparison)
        case .json: text = try ResultWriter.render { () throws(ReportError) in try ComparisonReport.json(comparison) }
        case .csv: text = ComparisonReport.csv(comparison)
        }
        if let report { try OutputFiles.write(ComparisonReport.html(comparison), to: report, replacing: force) }
        if let output { try OutputFiles.write(text, to: output, replacing: force) } else { Console.output(text) }
        // Dangers in the exit code too: any variant that crosses a hard bound or breaks a limit.
        return comparison.hasUnsafeVariant ? .unsafe : .ok
    }

    /// `NAME:PATH=VALUE,PATH=VALUE` with commas inside brackets kept in the value.
    static func parse(_ text: String) throws -> WhatIf.Variant {
        guard let colon = text.firstIndex(of: ":"), !String(text[..<colon]).trimmingWhitespace.isEmpty,
              !text[..<colon].contains("=") else {
            throw CommandFailure.usage("--variant", "'\(text)' is not NAME:PATH=VALUE[,PATH=VALUE...]; start with a name, "
                + "e.g. 'dose35:therapy.effluent_dose=35 mL/kg/h'")
        }
        let name = String(text[..<colon]).trimmingWhitespace
        var parts: [String] = [], current = "", depth = 0
        for character in text[text.index(after: colon)...] {
            if character == "[" || character == "{" { depth += 1 }
            if character == "]" || character == "}" { depth = max(0, depth - 1) }
            if character == ",", depth == 0 { parts.append(current); current = "" } else { current.append(character) }
        }
        parts.append(current)
        do {
            let overrides = try InputOverride.list(parsing: parts)
            return WhatIf.Variant(name: name, overrides: overrides)
        } catch {
            throw CommandFailure.usage("--variant", "\(name): \(error.issues.first?.message ?? "")")
        }
    }
}
