import KRTKinetics
import KRTUnits

/// One plan's fluids and orders simulated exactly for a list of parameter vectors, with every level
/// judged against the hard bounds on the band grid (every 15 min, every report and lab-draw time; times
/// after 0 h; a start outside a bound only has to get no worse within the correction window, as in the
/// planner). Used for the planning scenarios and the out-of-sample draws alike.
struct ScenarioCheck: Sendable {
    /// A level within this distance (mmol/L) of a hard bound holds (the LP–simulation tolerance).
    static let tolerance = 1e-6

    let runner: DrawRunner
    /// Check grid (h), ascending, all > 0; and their indices in the runner's output times.
    let times: [Double]
    let indices: [Int]
    /// Per `Solute.planned` index.
    let limits: [BandLimits]

    init(result: PlanResult, inputs: ForwardInputs, source: UncertaintySource) {
        let outputs = PlanResult.bandCheckGrid(reportTimes: result.trajectory.times, drawTimes: result.labDraws.map(\.at),
                                               horizon: inputs.horizon)
        runner = DrawRunner(source: source, forward: inputs, historyOutputs: [], forwardOutputs: outputs)
        indices = outputs.indices.filter { outputs[$0] > 0 }
        times = indices.map { outputs[$0] }
        limits = Solute.planned.map { solute in
            if let summary = result.solutes.first(where: { $0.solute == solute }) {
                return BandLimits(summary, correctionWindow: inputs.correctionWindow)
            }
            let hard = LevelLimits.defaults.hard(solute), target = LevelLimits.defaults.target(solute)
            return BandLimits(solute: solute, targetLow: target.lowerBound, targetHigh: target.upperBound, hardLow: hard.lowerBound,
                              hardHigh: hard.upperBound, initial: hard.lowerBound, correctionWindow: inputs.correctionWindow)
        }
    }

    /// Levels `[solute][check time]` (mmol/L) of each θ, in order, on up to `threads` threads.
    func levels(_ thetas: [[Double]], threads: Int) -> [[[Double]]] {
        let chunk = 64
        let chunks = stride(from: 0, to: thetas.count, by: chunk).map { $0..<min($0 + chunk, thetas.count) }
        let runner = runner, indices = indices
        return ParallelWork.map(chunks, threads: threads) { range in
            range.map { d in runner.levels(thetas[d]).map { row in indices.map { row[$0] } } }
        }.flatMap { $0 }
    }

    /// How far each level lies beyond the hard range (mmol/L; ≤ 0 inside; +∞ for a non-finite level).
    func excess(_ levels: [[Double]]) -> ScenarioExcess {
        var high = levels.map { $0.map { _ in 0.0 } }, low = high
        for s in levels.indices {
            for (t, time) in times.enumerated() {
                let range = limits[s].hardRange(at: time), x = levels[s][t]
                high[s][t] = x.isFinite ? x - range.high : .infinity
                low[s][t] = x.isFinite ? range.low - x : .infinity
            }
        }
        return ScenarioExcess(high: high, low: low)
    }

    /// Fraction of the level sets that hold everywhere (all solutes jointly), and per solute.
    func fractions(_ runs: [[[Double]]]) -> (joint: Double, perSolute: [Double]) {
        guard !runs.isEmpty else { return (.nan, []) }
        let excesses = runs.map(excess)
        let n = Double(runs.count)
        let joint = Double(excesses.filter(\.holds).count) / n
        let perSolute = Solute.planned.indices.map { s in Double(excesses.filter { $0.worst(solute: s) <= Self.tolerance }.count) / n }
        return (joint, perSolute)
    }
}

/// Per solute and check time, how far a level is above the upper (`high`) and below the lower (`low`)
/// hard bound (mmol/L; ≤ 0 means inside).
struct ScenarioExcess: Sendable {
    let high: [[Double]]
    let low: [[Double]]

    func worst(solute s: Int) -> Double { max(high[s].max() ?? 0, low[s].max() ?? 0) }

    /// The largest excess over every solute and time (mmol/L).
    var worst: Double { Solute.planned.indices.map(worst(solute:)).max() ?? 0 }

    var holds: Bool { worst <= ScenarioCheck.tolerance }
}
