import KRTCatalog
import KRTInput
import KRTKinetics
import KRTUnits

/// The fit's prediction band (issue 15 item 5): posterior draws run through the history (each with its
/// own state at 0 h) and on over the case's horizon with the fluids and orders written in the case, beside
/// the population course (prior medians) and the individual course (MAP estimate).
public struct FitForecast: Sendable {
    /// Band times (h): every hour of the history, each lab time, then the report times after 0 h.
    public var times: [Double] { bands.times }
    public var bands: UncertaintyBands
    /// `[solute][time]` (mmol/L) with the priors' medians and with the individual estimate.
    public var population: [[Double]]
    public var individual: [[Double]]
    /// End of the forecast (h): the case's horizon, or 0 when there is no forecast after 0 h.
    public var forecastEnd: Double
    /// Why the forecast stops at 0 h, when it does.
    public var note: String?

    /// Builds the band of a fit. The forecast after 0 h needs the case to simulate as written (fixed
    /// fluids); without that the band covers the history only (and says why).
    public static func make(fit: PatientFitResult, file: CaseFile, catalog: Catalog, settings: UncertaintySettings) throws(InputError) -> FitForecast {
        let problem = fit.problem
        let source = UncertaintySource.posterior(fit: fit, problem: problem)
        var forward: ForwardInputs? = nil
        var summaries: [SoluteSummary] = []
        var drawTimes: [Double] = []
        var note: String? = nil
        do {
            let planningCase = try PlanningCase.resolve(file, catalog: catalog, mode: .simulate)
            let result = try Planner(catalog: catalog).simulate(planningCase)
            forward = result.forwardInputs
            summaries = result.solutes
            drawTimes = result.labDraws.map(\.at)
        } catch let error as InputError {
            note = "no forecast after 0 h: the case cannot be simulated as written (\(error.issues.errors.first?.message ?? "fluids or orders not fixed"))"
        } catch {
            note = "no forecast after 0 h: \(error)"
        }
        let from = problem.timeline.start
        var history = Set(problem.observations.map(\.at).filter { $0 < 0 || forward == nil })
        var hour = from.rounded(.up)
        while hour < 0 { history.insert(hour); hour += 1 }
        history.insert(from)
        if forward == nil { history.insert(0) }
        let historyOutputs = history.sorted()
        var forwardOutputs: [Double] = []
        if let forward {
            var grid = Set(forward.reportTimes + drawTimes.filter { $0 >= 0 && $0 <= forward.horizon })
            var k = 1.0
            while k * PlanResult.bandCheckStep < forward.horizon { grid.insert(k * PlanResult.bandCheckStep); k += 1 }
            forwardOutputs = grid.sorted()
        }
        let ensemble = Ensemble.run(source, forward: forward, historyOutputs: historyOutputs, forwardOutputs: forwardOutputs, settings: settings)
        let limits = summaries.map { BandLimits($0, correctionWindow: forward?.correctionWindow ?? 0) }
        let reportTimes = historyOutputs + (forward?.reportTimes ?? [])
        let bands = UncertaintyBands(ensemble: ensemble, distribution: source.distribution, settings: settings, reportTimes: reportTimes,
                                     drawTimes: drawTimes, limits: limits)
        let populationTheta = source.distribution.parameters.map(\.median)
        let population = Ensemble.course(populationTheta, source: source, forward: forward, historyOutputs: historyOutputs,
                                         forwardOutputs: forwardOutputs)
        let index = Dictionary(ensemble.times.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { a, _ in a })
        let picked = reportTimes.compactMap { index[$0] }
        return FitForecast(bands: bands, population: population.map { row in picked.map { row[$0] } },
                           individual: ensemble.centre.map { row in picked.map { row[$0] } }, forecastEnd: forward?.horizon ?? 0, note: note)
    }
}
