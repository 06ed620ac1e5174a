import KRTCatalog
import KRTEstimation
import KRTInput
import KRTKinetics
import KRTUnits

/// One lab value beside its predictions.
public struct FittedLab: Sendable, Hashable {
    public var at: Double
    public var solute: Solute
    public var observed: Double
    /// Prediction with population parameters (the priors' medians), mmol/L.
    public var population: Double
    /// Prediction with the individual (fitted) parameters, mmol/L.
    public var individual: Double
    /// (observed − individual) / residual SD.
    public var standardisedResidual: Double
    /// |standardised residual| > 3: shown as a possible outlier (never dropped).
    public var possibleOutlier: Bool { abs(standardisedResidual) > 3 }
    public var line: Int?
}

/// Predicting the latest draw from the earlier ones (the fit refitted without it).
public struct LeaveLastOutCheck: Sendable, Hashable {
    public var at: Double
    public var solute: Solute
    public var observed: Double
    public var predicted: Double
    /// Population prediction of the same draw.
    public var population: Double
    public var error: Double { predicted - observed }
}

/// The outcome of a per-patient fit.
public struct PatientFitResult: Sendable {
    public var estimation: EstimationResult
    public var targets: [FitTarget]
    public var priors: [FitPrior]
    public var labs: [FittedLab]
    public var leaveLastOut: [LeaveLastOutCheck]
    /// Why the leave-last-out check is missing, when it is.
    public var leaveLastOutNote: String?
    /// Estimated state at 0 h with individual parameters (core state, see `StateIndex`).
    public var currentState: [Double]
    /// Serum at 0 h with population parameters.
    public var populationCurrentState: [Double]
    public var solutesAtPrior: [Solute]
    public var historyFrom: Double
    public var warnings: [InputIssue]
    public var caseName: String
    public var caseSHA256: String
    public var catalogSHA256: String
    /// The fit problem (history schedule, observations, targets): what the posterior's draws are re-run through.
    public var problem: PatientFitProblem

    public var converged: Bool { estimation.converged }
}

/// Fits a case with history (docs/fitting.md).
public enum PatientFitter {
    /// Reads nothing, writes nothing: the case file and catalog in, the fit out. Throws (exit 65) when the
    /// case has no history or a history name cannot be used. `leaveLastOut: false` skips the
    /// leave-last-draw-out refit (a second fit; the re-plan does not report it).
    public static func fit(_ file: CaseFile, catalog: Catalog, options: Estimator.Options = Estimator.Options(),
                           leaveLastOut: Bool = true) throws(InputError) -> PatientFitResult {
        let history = try ResolvedHistory.resolve(file, catalog: catalog)
        let problem = PatientFitProblem(file: file, history: history)
        let estimator = Estimator(options: options)
        let estimation = estimator.estimate(problem.estimationProblem())
        let population = problem.parameters.map(\.median)
        let individualPredictions = problem.predict(estimation.values, problem.observations)
        let populationPredictions = problem.predict(population, problem.observations)
        let labs = problem.observations.indices.map { i in
            let o = problem.observations[i]
            return FittedLab(at: o.at, solute: o.solute, observed: o.observed, population: populationPredictions[i],
                             individual: individualPredictions[i],
                             standardisedResidual: (o.observed - individualPredictions[i]) / o.standardDeviation, line: o.line)
        }
        var checks: [LeaveLastOutCheck] = []
        var note: String? = nil
        let times = Array(Set(problem.observations.map(\.at))).sorted()
        if !leaveLastOut {
            note = "not run (re-plan from the fit)"
        } else if let last = times.last, times.count >= 3 {
            let earlier = problem.observations.filter { $0.at < last }
            let heldOut = problem.observations.filter { $0.at == last }
            let refit = estimator.estimate(problem.estimationProblem(earlier))
            let predicted = problem.predict(refit.values, heldOut)
            let pop = problem.predict(population, heldOut)
            checks = heldOut.indices.map {
                LeaveLastOutCheck(at: last, solute: heldOut[$0].solute, observed: heldOut[$0].observed, predicted: predicted[$0], population: pop[$0])
            }
            if !refit.converged { note = "the fit without the latest draw did not converge (\(refit.reason)); its prediction is shown anyway" }
        } else {
            note = "fewer than 3 draw times: no leave-last-out check"
        }
        return PatientFitResult(
            estimation: estimation, targets: problem.targets, priors: problem.targets.map(FitPrior.of), labs: labs,
            leaveLastOut: checks, leaveLastOutNote: note,
            currentState: problem.simulate(estimation.values, at: []).final,
            populationCurrentState: problem.simulate(population, at: []).final,
            solutesAtPrior: problem.solutesAtPrior, historyFrom: history.history.from, warnings: history.warnings,
            caseName: file.name, caseSHA256: file.sha256, catalogSHA256: catalog.sha256, problem: problem)
    }
}
