import ArgumentParser
import KRTEstimation
import KRTPlanner

/// How `plan`, `simulate` and `compare` start a case with `history:` (docs/fitting.md §8).
struct StartOptions: ParsableArguments {
    @Flag(help: ArgumentHelp(
        "For a case with history: start from the case's latest labs with population parameters instead of fitting the patient first.",
        discussion: "Without it, a case with a history: block is fitted first (as krtplan fit) and planned from the estimated state at 0 h with the individual parameters."))
    var population = false

    @OptionGroup var fitWork: FitWorkOptions

    var source: FittedStart.Source { population ? .population : .individual }

    /// The message and exit code (6) when the fit a start needs did not converge: nothing is planned.
    static func notConverged(_ start: FittedStart) -> CommandFailure {
        CommandFailure(.fitNotConverged, "the fit of the history did not converge (\(start.fit?.estimation.reason ?? "no reason given")); "
            + "nothing was planned from it. See 'krtplan fit CASE', or start from the case's latest labs with population values: --population")
    }
}

/// The fit's work limit (iterations, not time; docs/fitting.md §4), shared by `fit` and the commands that fit first.
struct FitWorkOptions: ParsableArguments {
    @Option(name: .customLong("fit-iterations"),
            help: ArgumentHelp("Most optimiser iterations per start of the fit, 1–10000 (default 200; a work limit, not a time limit).", valueName: "n"))
    var iterations: Int?

    func validate() throws {
        if let iterations, !(1...10_000).contains(iterations) {
            throw ValidationError("--fit-iterations: \(iterations) is outside 1 to 10000; expected \(ArgumentErrors.expectation(for: "--fit-iterations"))")
        }
    }

    var estimator: Estimator.Options {
        var options = Estimator.Options()
        if let iterations { options.maxIterations = iterations }
        return options
    }
}
