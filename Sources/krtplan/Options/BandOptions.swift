import ArgumentParser
import Foundation
import KRTPlanner

/// `--bands`, `--draws`, `--seed`: prediction bands and probabilities (docs/uncertainty.md). Off by
/// default: the default outputs stay as they were and cost nothing extra.
struct BandOptions: ParsableArguments {
    @Flag(help: "Add prediction bands (percentiles 2.5–97.5) and the probabilities of staying within the hard bounds and of being in target at each draw (docs/uncertainty.md).")
    var bands = false

    @Option(help: ArgumentHelp("Number of parameter draws for --bands (default 1000; 1 to 100000).", valueName: "n"))
    var draws: Int?

    @Option(help: ArgumentHelp("Seed of the draws for --bands (default: the case's solver.seed, else 1; 0 to 2^53 − 1).", valueName: "n"))
    var seed: UInt64?

    func validate() throws {
        if let draws, !UncertaintySettings.drawRange.contains(draws) {
            throw ValidationError("--draws: \(draws) is outside 1 to 100000; expected a whole number of draws from 1 to 100000")
        }
        if let seed, seed > UncertaintySettings.maximumSeed {
            throw ValidationError("--seed: \(seed) is above 9007199254740991 (2^53 − 1); expected a whole number from 0 to 2^53 − 1")
        }
        if !bands, draws != nil || seed != nil {
            throw ValidationError("--\(draws != nil ? "draws" : "seed"): applies only with --bands")
        }
    }

    /// The settings for this case, or nil without `--bands`. `--seed` wins over the case's `solver.seed`.
    func settings(for file: CaseFile, threads: Int?, force: Bool = false) -> UncertaintySettings? {
        guard bands || force else { return nil }
        return UncertaintySettings(draws: draws ?? UncertaintySettings.defaultDraws,
                                   seed: seed ?? file.solver.seed ?? UncertaintySettings.defaultSeed,
                                   threads: threads ?? file.solver.threads ?? ProcessInfo.processInfo.activeProcessorCount)
    }
}
