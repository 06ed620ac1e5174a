import ArgumentParser
import KRTPlanner

/// `krtplan simulate CASE`: the fluids and orders written in the case, run forward.
struct Simulate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Predict K, phosphate and Mg for the fluids and orders written in the case (no optimisation).",
        discussion: """
            Every stream needs a fixed product (or a schedule); orders come from the case's `orders`. A case \
            with a history: block is fitted first and simulated from the estimated state at 0 h with the \
            patient's own parameters (--population: from the latest labs with population values).

            Exit codes: 0 simulated; 3 an order breaks a limit or the orders and fluids take a level across \
            a hard bound (a starting level outside a bound is an alert, and only has to get no worse during \
            the correction window, as in plan); 6 the fit of the history did not converge (nothing \
            simulated; see krtplan fit, or use --population); 64 usage; 65 bad data; 66 missing input; 70 internal error; \
            73 cannot write output.
            """)

    @OptionGroup var caseOptions: CaseOptions
    @OptionGroup var outputOptions: ResultOutputOptions
    @OptionGroup var catalogOptions: CatalogOptions
    @OptionGroup var startOptions: StartOptions
    @OptionGroup var bandOptions: BandOptions

    func run() throws {
        try CommandRunner.run {
            try ResultWriter.checkOutputs(outputOptions, inputs: caseOptions.inputPaths + catalogOptions.inputPaths)
            let catalog = try catalogOptions.load()
            let planningCase = try caseOptions.planningCase(catalog, mode: .simulate, start: startOptions)
            var result = try Planner(catalog: catalog).simulate(planningCase)
            if let settings = bandOptions.settings(for: planningCase.file, threads: nil) { result = result.withUncertainty(settings, source: planningCase.uncertaintySource) }
            try ResultWriter.write(result, options: outputOptions)
            return ResultWriter.status(of: result)
        }
    }
}
