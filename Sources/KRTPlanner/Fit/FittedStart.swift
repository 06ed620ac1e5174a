import KRTCatalog
import KRTEstimation
import KRTInput
import KRTKinetics
import KRTUnits

/// Turns a case with `history:` and its per-patient fit into what `plan`, `simulate` and `compare` run on:
/// the individual parameters, the delivered fraction and the estimated state at 0 h (docs/fitting.md §8).
/// The one place where that happens; a case without history passes through unchanged.
///
/// - individual (default): the case's `patient.parameters` replaced by the fitted values, the therapy's
///   delivered fraction by the fitted effective one, and the start by the fit's state at 0 h (serum and
///   slow pools, plus oral doses of the history still in the gut). A solute with fewer than 2 usable labs
///   keeps its population parameters and starts from its latest lab with the pools at equilibrium.
/// - population (`--population`): today's behaviour: population parameters, the case's latest labs, pools
///   at equilibrium. The history is read and checked, not fitted.
public struct FittedStart: Sendable {
    public enum Source: Sendable, Hashable {
        case individual
        case population
    }

    /// The case as the planner should read it (parameters, delivered fraction and starting labs replaced).
    public var file: CaseFile
    /// The full core state at 0 h (``StateIndex`` layout), when it is the fit's estimate.
    public var startState: [Double]?
    /// What every output shows at the top; nil for a case without history.
    public var summary: PlanStart?
    /// The fit, when one was run.
    public var fit: PatientFitResult?

    /// A fitted parameter counts as moved when the labs inform it and it is at least this far (relative)
    /// from its population value.
    public static let movedThreshold = 0.10

    /// True unless a fit was run and did not converge (then nothing should be planned from it: exit 6).
    public var isUsable: Bool { fit?.converged ?? true }

    /// Fits `file` (when it has a history and `source` is individual) and prepares the start. Throws (exit
    /// 65) when the history cannot be used.
    public static func prepare(_ file: CaseFile, catalog: Catalog, source: Source,
                               options: Estimator.Options = Estimator.Options()) throws(InputError) -> FittedStart {
        guard let history = file.history else { return FittedStart(file: file, startState: nil, summary: nil, fit: nil) }
        guard source == .individual else {
            let levels = Solute.planned.map { s in
                StartLevel(solute: s, serum: file.initialLabs[s] ?? 0, pool: file.initialLabs[s] ?? 0, estimated: false,
                           latestLab: file.initialLabs[s] ?? 0, latestLabAt: file.labTimes[s] ?? 0, population: nil)
            }
            let summary = PlanStart(
                source: .population,
                summary: "population parameters from the case's latest labs (--population): the history from \(Quantity.format(history.from)) h is not fitted",
                converged: nil, fitReason: nil, labsUsed: nil, historyFrom: history.from, parametersMoved: [], solutesAtPrior: [], levels: levels)
            return FittedStart(file: file, startState: nil, summary: summary, fit: nil)
        }
        let fit = try PatientFitter.fit(file, catalog: catalog, options: options, leaveLastOut: false)
        return individual(file, fit: fit)
    }

    /// The individual start from a fit already run on `file`.
    public static func individual(_ file: CaseFile, fit: PatientFitResult) -> FittedStart {
        var planned = file
        var state = fit.currentState
        for (target, estimate) in zip(fit.targets, fit.estimation.parameters) {
            switch target {
            case let .model(name): planned.patient.parameters = planned.patient.parameters.with(name, estimate.estimate)
            case .deliveredFraction: planned.therapy.deliveredFraction = Swift.min(1, estimate.estimate)
            case .initialSerum: break
            }
        }
        var levels: [StartLevel] = []
        for s in Solute.planned {
            let serum = StateIndex.serum(s).rawValue, pool = StateIndex.pool(s).rawValue
            let estimated = !fit.solutesAtPrior.contains(s)
            if estimated {
                planned.initialLabs[s] = state[serum]
                planned.labTimes[s] = 0
            } else {
                state[serum] = file.initialLabs[s] ?? 0
                state[pool] = file.initialLabs[s] ?? 0
            }
            levels.append(StartLevel(solute: s, serum: state[serum], pool: state[pool], estimated: estimated,
                                     latestLab: file.initialLabs[s] ?? 0, latestLabAt: file.labTimes[s] ?? 0,
                                     population: fit.populationCurrentState[serum]))
        }
        let moved = zip(fit.targets, fit.estimation.parameters).compactMap { target, p -> MovedParameter? in
            if case .initialSerum = target { return nil }
            guard !p.notInformed, p.population != 0, abs(p.estimate / p.population - 1) >= movedThreshold else { return nil }
            return MovedParameter(name: p.name, unit: p.unit, population: p.population, individual: p.estimate, lower95: p.lower95, upper95: p.upper95)
        }.sorted { Swift.max($0.ratio, 1 / $0.ratio) > Swift.max($1.ratio, 1 / $1.ratio) }
        let summary = PlanStart(
            source: .individual, summary: summaryText(fit, moved: moved), converged: fit.converged, fitReason: fit.estimation.reason,
            labsUsed: fit.labs.count, historyFrom: fit.historyFrom, parametersMoved: moved, solutesAtPrior: fit.solutesAtPrior,
            levels: levels)
        return FittedStart(file: planned, startState: state, summary: summary, fit: fit)
    }

    static func summaryText(_ fit: PatientFitResult, moved: [MovedParameter]) -> String {
        var text = "individual parameters and the state at 0 h fitted to \(fit.labs.count) lab values from \(Quantity.format(fit.historyFrom)) h"
        text += fit.converged ? " (fit converged)" : " (THE FIT DID NOT CONVERGE: \(fit.estimation.reason))"
        text += moved.isEmpty ? "; no parameter moved ≥ 10 % from its population value"
            : "; moved: " + moved.map { m in
                "\(m.name) \(Quantity.format((m.population * 1000).rounded() / 1000)) → \(Quantity.format((m.individual * 1000).rounded() / 1000))\(m.unitSuffix)"
            }.joined(separator: ", ")
        if !fit.solutesAtPrior.isEmpty {
            text += "; " + fit.solutesAtPrior.map(\.rawValue).joined(separator: ", ")
                + " at population values (fewer than 2 usable labs), starting from the latest lab"
        }
        return text
    }

    /// The case resolved against the catalog with this start: the planner and the simulator run on it.
    public func planningCase(catalog: Catalog, mode: PlanningCase.Mode) throws(InputError) -> PlanningCase {
        var planningCase = try PlanningCase.resolve(file, catalog: catalog, mode: mode)
        planningCase.problem.startState = startState
        planningCase.start = summary
        planningCase.uncertaintySource = fit.map { UncertaintySource.posterior(fit: $0, problem: $0.problem) }
        return planningCase
    }
}
