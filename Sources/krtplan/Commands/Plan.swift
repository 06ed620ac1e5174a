import ArgumentParser
import Foundation
import KRTPlanner
import KRTReport
import LinearProgramming

/// `krtplan plan CASE`: choose fluids and orders that keep predicted K, phosphate and Mg in range.
struct Plan: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Plan fluids and supplement orders that keep predicted K, phosphate and Mg in range.",
        discussion: """
            Prints the chosen fluids per stream and period, the orders, predicted levels at the lab-draw \
            times, time in range, lab-draw times, warnings and (with --explain, or when no plan meets \
            the hard bounds) the explanation. Every plan is re-simulated and every order re-checked. A case \
            with a history: block is fitted first and planned from the estimated state at 0 h with the \
            patient's own parameters (--population: from the latest labs with population values).

            Exit codes: 0 planned; 3 an order written in the case breaks a limit; 4 no plan meets the \
            hard bounds (the least-violating plan is printed), or a robust plan \
            (--robust, solver.robust) keeps them in fewer planning scenarios than the confidence needs; 5 no plan within the time limit; 6 the fit of \
            the history did not converge (nothing planned; see krtplan fit, or use --population); 64 usage; \
            65 bad data; 66 missing input; \
            70 internal error; 73 cannot write output.
            """)

    @OptionGroup var caseOptions: CaseOptions
    @OptionGroup var outputOptions: ResultOutputOptions
    @OptionGroup var solverOptions: SolverOptions
    @OptionGroup var catalogOptions: CatalogOptions
    @OptionGroup var startOptions: StartOptions
    @OptionGroup var bandOptions: BandOptions
    @OptionGroup var robustOptions: RobustOptions

    @Option(name: .customLong("export-lp"),
            help: ArgumentHelp("Also write the full model as CPLEX LP (.lp) or free MPS (.mps).", valueName: "file"))
    var exportLP: String?

    func validate() throws {
        if let exportLP, !(exportLP.hasSuffix(".lp") || exportLP.hasSuffix(".mps")) {
            throw ValidationError("--export-lp needs a file name ending in .lp or .mps")
        }
    }

    func run() throws {
        try CommandRunner.run {
            try ResultWriter.checkOutputs(outputOptions, extra: exportLP.map { [("--export-lp", $0)] } ?? [],
                                          inputs: caseOptions.inputPaths + catalogOptions.inputPaths)
            let catalog = try catalogOptions.load()
            let planningCase = try caseOptions.planningCase(catalog, mode: .plan, start: startOptions)
            let planner = Planner(catalog: catalog, options: solverOptions.planning(for: planningCase.file))
            var result = if let robust = robustOptions.settings(for: planningCase.file, threads: solverOptions.threads) {
                try RobustPlanner(planner: planner, settings: robust).plan(planningCase)
            } else {
                try planner.plan(planningCase)
            }
            if let settings = bandOptions.settings(for: planningCase.file, threads: solverOptions.threads) { result = result.withUncertainty(settings, source: planningCase.uncertaintySource) }
            if let exportLP {
                let text = try planner.exportModel(planningCase, format: exportLP.hasSuffix(".mps") ? .freeMPS : .cplexLP)
                try OutputFiles.write(text, to: exportLP, replacing: outputOptions.force)
            }
            try ResultWriter.write(result, options: outputOptions)
            return ResultWriter.status(of: result)
        }
    }
}
