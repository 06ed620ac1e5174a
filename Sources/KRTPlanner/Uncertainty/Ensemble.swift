import KRTKinetics
import KRTUnits

/// How many draws, with which seed, on how many threads (the result never depends on `threads`).
public struct UncertaintySettings: Sendable, Hashable {
    /// Default number of draws (docs/uncertainty.md).
    public static let defaultDraws = 1000
    /// Default seed when neither the case's `solver.seed` nor `--seed` gives one.
    public static let defaultSeed: UInt64 = 1
    /// Largest accepted seed: 2⁵³ − 1, so that JSON readers keep it exact.
    public static let maximumSeed: UInt64 = (1 << 53) - 1
    public static let drawRange = 1...100_000

    public var draws: Int
    public var seed: UInt64
    public var threads: Int

    public init(draws: Int = defaultDraws, seed: UInt64 = defaultSeed, threads: Int = 1) {
        self.draws = draws
        self.seed = seed
        self.threads = threads
    }
}

/// The parameter distribution plus, for a posterior, the history each draw is run through to obtain its
/// own state at 0 h (so the uncertainty of the current state is carried by the same draws).
public struct UncertaintySource: Sendable {
    public var distribution: ParameterDistribution
    /// The fit problem whose history is re-simulated per draw (posterior); nil: start from the case's labs.
    public var history: PatientFitProblem?

    /// The population prior of the case's patient and therapy (no history needed).
    public static func prior(_ inputs: ForwardInputs, cvScale: Double = 1) -> UncertaintySource {
        UncertaintySource(distribution: .prior(patient: inputs.patient, therapy: inputs.therapy, cvScale: cvScale), history: nil)
    }

    /// The posterior of a per-patient fit, with the history re-run per draw: the constructor the
    /// `plan`/`simulate`-from-the-fitted-state path uses (issue 15 item 4).
    public static func posterior(fit: PatientFitResult, problem: PatientFitProblem) -> UncertaintySource {
        UncertaintySource(distribution: .posterior(fit, referenceDeliveredFraction: problem.referenceDeliveredFraction), history: problem)
    }
}

/// Serum levels of every draw at a set of output times: the raw material of the bands.
public struct Ensemble: Sendable {
    /// h (history times are negative).
    public let times: [Double]
    /// `values[s][d][t]`: solute `Solute.planned[s]`, draw d, time t (mmol/L).
    public let values: [[[Double]]]
    /// Levels of the centre parameters (prior medians or MAP estimate), `[s][t]`.
    public let centre: [[Double]]

    public var drawCount: Int { values.first?.count ?? 0 }

    /// Draws with a non-finite level at some time (counted as outside every range; left out of percentiles).
    public var nonFiniteDraws: Int {
        (0..<drawCount).filter { d in values.contains { $0[d].contains { !$0.isFinite } } }.count
    }

    /// Runs `settings.draws` draws of `source`: through the history (posterior) to the outputs in
    /// `historyOutputs` (h ≤ 0), then forward over `forward` to `forwardOutputs` (h ≥ 0). Draws are
    /// split into chunks over `settings.threads` threads and reassembled in draw order.
    public static func run(_ source: UncertaintySource, forward: ForwardInputs?, historyOutputs: [Double] = [],
                           forwardOutputs: [Double], settings: UncertaintySettings) -> Ensemble {
        let runner = DrawRunner(source: source, forward: forward, historyOutputs: historyOutputs, forwardOutputs: forwardOutputs)
        let chunk = 64
        let chunks = stride(from: 0, to: settings.draws, by: chunk).map { $0..<Swift.min($0 + chunk, settings.draws) }
        let seed = settings.seed
        let results = ParallelWork.map(chunks, threads: settings.threads) { range in
            range.map { runner.levels(source.distribution.theta(draw: $0, seed: seed)) }
        }.flatMap { $0 }
        let count = Solute.planned.count
        let values = (0..<count).map { s in results.map { $0[s] } }
        let centre = runner.levels(source.distribution.centre)
        return Ensemble(times: runner.times, values: values, centre: centre)
    }

    /// Levels `[solute][time]` of one parameter vector θ through the same runs as ``run(_:forward:historyOutputs:forwardOutputs:settings:)``
    /// (e.g. the population medians beside the posterior band).
    public static func course(_ theta: [Double], source: UncertaintySource, forward: ForwardInputs?, historyOutputs: [Double] = [],
                              forwardOutputs: [Double]) -> [[Double]] {
        DrawRunner(source: source, forward: forward, historyOutputs: historyOutputs, forwardOutputs: forwardOutputs).levels(theta)
    }

    /// The p-th percentile (0–100) of solute index `s` at time index `t` over the finite draws: linear
    /// interpolation between order statistics (Hyndman & Fan type 7, R's default). NaN without finite draws.
    public func percentile(_ p: Double, solute s: Int, time t: Int) -> Double {
        Self.percentile(p, of: values[s].map { $0[t] }.filter(\.isFinite).sorted())
    }

    /// Percentile of an ascending, finite sample (type 7). Equal order statistics give that value exactly.
    public static func percentile(_ p: Double, of sorted: [Double]) -> Double {
        guard let first = sorted.first else { return .nan }
        guard sorted.count > 1 else { return first }
        let h = Double(sorted.count - 1) * Swift.min(Swift.max(p, 0), 100) / 100
        let lower = Int(h.rounded(.down)), upper = Swift.min(lower + 1, sorted.count - 1)
        let a = sorted[lower], b = sorted[upper]
        return a == b ? a : a + (h - Double(lower)) * (b - a)
    }

    /// Fraction of draws whose level of solute `s` stays within `low(t)`…`high(t)` at every time index
    /// in `times` (a non-finite level is outside). In [0, 1]; never larger for a narrower range.
    public func probabilityWithin(solute s: Int, times: [Int], low: (Int) -> Double, high: (Int) -> Double) -> Double {
        guard drawCount > 0 else { return .nan }
        let inside = values[s].filter { draw in
            times.allSatisfy { t in draw[t].isFinite && draw[t] >= low(t) && draw[t] <= high(t) }
        }.count
        return Double(inside) / Double(drawCount)
    }
}

/// Runs one parameter draw: prepared schedules, shared by every draw (they do not depend on parameters).
struct DrawRunner: Sendable {
    let source: UncertaintySource
    let forward: ForwardInputs?
    let historySchedule: TimelineSchedule?
    let forwardSchedule: TimelineSchedule?
    let initialForward: [Double]
    let times: [Double]

    init(source: UncertaintySource, forward: ForwardInputs?, historyOutputs: [Double], forwardOutputs: [Double]) {
        self.source = source
        self.forward = forward
        historySchedule = source.history.map { $0.schedule(at: historyOutputs) }
        initialForward = forward.map { $0.startState ?? KineticModel(patient: $0.patient, therapy: $0.therapy).initialState(serum: $0.initialSerum) } ?? []
        forwardSchedule = forward.map { f in
            TimelineSchedule(timeline: f.timeline, outputs: forwardOutputs,
                             couplingInterval: f.patient.couplingActive ? f.patient.parameters[.couplingInterval] : nil)
        }
        times = (source.history == nil ? [] : historyOutputs) + (forward == nil ? [] : forwardOutputs)
    }

    /// Serum levels `[solute][time]` for parameter values θ.
    func levels(_ theta: [Double]) -> [[Double]] {
        var states: [[Double]] = []
        var start: [Double]? = nil
        if let problem = source.history, let schedule = historySchedule {
            let run = problem.simulate(theta, schedule: schedule)
            states = run.states
            start = run.final
        }
        if let forward, let schedule = forwardSchedule {
            // A posterior's forward therapy is the fitted start's (its delivered fraction is already the
            // fitted one, FittedStart) or the case's own (fit forecast): draws scale relative to it.
            let reference = source.history == nil ? nil : forward.therapy.deliveredFraction
            let (patient, scale) = source.distribution.apply(theta, to: forward.patient, deliveredReference: reference)
            let initial = start ?? initialForward
            states += TimelineSimulator(patient: patient, timeline: schedule.timeline, deliveredScale: scale)
                .run(initial: initial, schedule: schedule).states
        }
        return Solute.planned.map { s in states.map { $0[StateIndex.serum(s).rawValue] } }
    }
}
