import ArgumentParser
import Foundation
import KRTInput
import KRTPlanner

/// `--robust`, `--scenarios`, `--confidence`, `--robust-objective`: robust planning (docs/uncertainty.md
/// "Robust planning"). A case with `solver.robust` is planned robustly without `--robust`.
struct RobustOptions: ParsableArguments {
    @Flag(help: "Plan so that the hard bounds hold in the requested fraction of N parameter scenarios (scenario-generated back-off; docs/uncertainty.md). Reports the out-of-sample probability on 2,000 fresh draws beside the nominal plan's.")
    var robust = false

    @Option(help: ArgumentHelp("Planning scenarios for --robust (default: the case's solver.robust.scenarios, else 30; 1 to 1000).", valueName: "n"))
    var scenarios: Int?

    @Option(help: ArgumentHelp("Fraction of the planning scenarios that must hold for --robust, strictly between 0 and 1 (default 0.9).", valueName: "p"))
    var confidence: Double?

    @Option(name: .customLong("robust-objective"),
            help: ArgumentHelp("Objective of the robust plan: nominal (the only mode back-off supports; expected and worst are refused).",
                               valueName: "nominal"))
    var objective: String?

    func validate() throws {
        if let scenarios, !RobustSettings.scenarioRange.contains(scenarios) {
            throw ValidationError("--scenarios: \(scenarios) is outside 1 to 1000; expected a whole number of scenarios from 1 to 1000")
        }
        if let confidence, !RobustCaseSettings.isConfidence(confidence) {
            throw ValidationError("--confidence: \(Number.compact(confidence, digits: 6)) is outside (0, 1); expected a fraction strictly between 0 and 1, e.g. 0.9")
        }
        if let objective {
            guard let mode = RobustSettings.Objective(rawValue: objective) else {
                throw ValidationError("--robust-objective: '\(objective)' is not one of nominal, expected, worst; expected nominal")
            }
            if !RobustSettings.Objective.supported.contains(mode) {
                throw ValidationError("--robust-objective: " + RobustCaseSettings.unsupportedObjective(mode))
            }
        }
        if !robust, scenarios != nil || confidence != nil || objective != nil {
            let name = scenarios != nil ? "scenarios" : confidence != nil ? "confidence" : "robust-objective"
            throw ValidationError("--\(name): applies only with --robust")
        }
    }

    /// The settings for this case, or nil for an ordinary plan.
    func settings(for file: CaseFile, threads: Int?) -> RobustSettings? {
        RobustSettings.resolve(file, requested: robust, scenarios: scenarios, confidence: confidence,
                               objective: objective.flatMap(RobustSettings.Objective.init(rawValue:)),
                               threads: threads ?? file.solver.threads ?? ProcessInfo.processInfo.activeProcessorCount)
    }
}

extension RobustOptions {
    /// The `compare --robust` column: the base case with `solver.robust` set from these options.
    func variant(start: FittedStart.Source) throws -> WhatIf.Variant {
        var parts = ["solver.robust.scenarios=\(scenarios ?? RobustSettings.defaultScenarios)"]
        if let confidence { parts.append("solver.robust.confidence=\(confidence)") }
        if let objective { parts.append("solver.robust.objective=\(objective)") }
        do {
            return WhatIf.Variant(name: "robust", overrides: try InputOverride.list(parsing: parts), start: start)
        } catch {
            throw CommandFailure.usage("--robust", error.issues.first?.message ?? "cannot build the robust column")
        }
    }
}
