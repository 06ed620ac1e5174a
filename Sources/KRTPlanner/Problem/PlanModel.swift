import KRTKinetics
import KRTUnits
import LinearProgramming

/// The plan as one mixed-integer linear program over the shared ``Timeline``.
///
/// - **States.** For every grid point after 0 and every active kinetic state one column, tied to the
///   previous point by the kinetic model's exact step map (one sparse block per interval). Serum
///   K, phosphate and Mg are not columns of their own: each is written as
///   `mid + above_half + above_target − below_half − below_target` (all ≥ 0), which carries the soft
///   target ranges, the pull to the middle and the hard bounds (column bounds) without extra rows.
/// - **Fluids.** One binary per (stream, decision period, option), one-hot per slot; the fluid
///   concentration entering the step maps is their weighted sum. The search strategy fixes or relaxes
///   them by bounds, so the same program serves as relaxation, leaf and monolithic model.
/// - **Orders.** One integer (units) and one binary (order given) per drug and dose time, with the
///   per-order, rolling-cap and gate constraints of ``DrugPlan``.
/// - **Mg → K coupling.** One loss column and one binary per coupling instant so that
///   `loss = gain·max(0, threshold − Mg)` holds exactly (big-M on the physical Mg range): the optimiser
///   cannot inflate the loss to lower K (docs/planner.md).
///
/// Names are readable (`K_above_target_t012h00`, `MgSO4_IV_units_t006h00`) for export and audit.
struct PlanModel: Sendable {
    struct Slot: Sendable {
        let stream: Int
        let period: Int
        /// One binary per option of the stream.
        let options: [Variable.ID]
    }

    /// One drug at one dose time. IV: `bags[k]` is 1 when the order has more than `k` units (the
    /// (k+1)-th standard infusion runs); `given` is `bags[0]` and `units` their sum. Oral: `units` is
    /// an integer and `bags` is empty.
    struct DoseDecision: Sendable {
        let drug: Int
        let time: Double
        let units: Variable.ID
        let given: Variable.ID
        let bags: [Variable.ID]
    }

    /// `serum(state) ≤ openBelow` at grid point `point` whenever dose `dose` is given (big-M row `row`).
    struct Gate: Sendable {
        let dose: Int
        let point: Int
        /// Kinetic state index of the gating serum level.
        let state: Int
        /// The gate's level minus ``PlanModel/gateMargin`` (mmol/L).
        let openBelow: Double
        let row: Constraint.ID
    }

    /// `loss = gain·max(0, threshold − x[state])` (mmol/h; threshold in mmol/L), as the coupling rows state it.
    struct CouplingLaw: Sendable {
        let gain: Double
        let threshold: Double
        let state: Int
    }

    struct Coupling: Sendable {
        let time: Double
        let loss: Variable.ID
        let row: Constraint.ID?
        /// 1 when serum Mg is below the threshold (nil at t = 0, where Mg is known).
        let low: Variable.ID?
    }

    var program: LinearProgram
    let problem: PlanProblem
    let timeline: Timeline
    let slots: [Slot]
    let doses: [DoseDecision]
    let coupling: [Coupling]
    /// Serum expression (mmol/L) per grid point and planned solute.
    let serum: [[Solute: LinearExpression]]
    /// Named parts of the objective, for the breakdown in the result.
    let objectiveTerms: [(name: String, expression: LinearExpression)]
    /// Elastic columns (hard-bound violations), when built in elastic mode.
    let violations: [(solute: Solute, point: Int, above: Variable.ID, below: Variable.ID)]
    /// The numeric step map of every interval, for fast forward evaluation of fixed decisions.
    let intervals: [IntervalMap]
    /// Columns of the non-serum states at grid points 1…N (nil: serum or inactive state).
    let stateColumns: [[Variable.ID?]]
    /// Serum decompositions at grid points 1…N, in `Solute.planned` order.
    let serumParts: [[SerumParts]]
    /// Fluid-change columns: 1 when slot `slot` differs from slot `previous` (same stream).
    let changeColumns: [(slot: Int, previous: Int, column: Variable.ID)]
    /// Rolling-cap rows (sums of dose units), with the cap (index into ``PlanProblem/caps``) and the
    /// window start (h) of each.
    let capRows: [Constraint.ID]
    let capWindows: [(cap: Int, start: Double)]
    /// Gates: one row per gated planned dose after 0 h (the one description the evaluator reads too).
    let gates: [Gate]
    /// The sampled Mg → K law of the coupling rows (nil without coupling).
    let couplingLaw: CouplingLaw?
    /// Counts for statistics.
    let integerCount: Int
    let binaryCount: Int

    /// Built with penalised violation columns on the hard bounds (the least-violation program).
    var elastic: Bool { !violations.isEmpty }
}

extension PlanModel {
    /// `x(t_{i+1}) = Φ·x(t_i) + Σ_v effect_v·value(v) + constant` over one interval, with the inputs'
    /// decision variables resolved (fluid binaries, dose units, K-loss columns).
    struct IntervalMap: Sendable {
        /// Φ, row-major, n × n (n = ``StateIndex/coreCount``).
        let phi: [Double]
        /// Per decision variable (by index in the program), its effect on the next state.
        let effects: [(variable: Int, effect: [Double])]
        /// Effect of everything fixed (intake, fixed fluids, citrate, fixed orders).
        let constant: [Double]

        init(map: StepMap, values: [LinearExpression]) {
            let n = StateIndex.coreCount
            var phi = [Double](repeating: 0, count: n * n)
            for i in 0..<n { for j in 0..<n { phi[i * n + j] = map.transition[i, j] } }
            var constant = map.constant
            var effects: [Int: [Double]] = [:]
            for (k, value) in values.enumerated() {
                let g = map.inputEffects[k]
                for i in 0..<n { constant[i] += g[i] * value.constant }
                for term in value.terms {
                    var effect = effects[term.variable.index] ?? [Double](repeating: 0, count: n)
                    for i in 0..<n { effect[i] += g[i] * term.coefficient }
                    effects[term.variable.index] = effect
                }
            }
            self.phi = phi
            self.effects = effects.sorted { $0.key < $1.key }.map { (variable: $0.key, effect: $0.value) }
            self.constant = constant
        }
    }

    /// The columns that make up one serum level at one grid point.
    struct SerumParts: Sendable {
        let solute: Solute
        let mid: Double
        let upperHalf: Variable.ID
        let above: Variable.ID
        let lowerHalf: Variable.ID
        let below: Variable.ID
        var over: Variable.ID?
        var under: Variable.ID?
    }

    /// The range of `expression` over the bounds of its columns in `program` (interval arithmetic), each
    /// end clamped to `fallback` and replaced by it where a column has no bound on the needed side. Used
    /// for big-M values: every point the program admits lies inside the result, so a big-M taken from it
    /// removes no integer point.
    static func range(of expression: LinearExpression, in program: LinearProgram,
                      within fallback: ClosedRange<Double>) -> ClosedRange<Double> {
        var low = expression.constant, high = expression.constant
        for term in expression.terms {
            let bounds = program.variables[term.variable.index].bounds
            let (small, large) = term.coefficient >= 0 ? (bounds.lower, bounds.upper) : (bounds.upper, bounds.lower)
            low += term.coefficient * small
            high += term.coefficient * large
        }
        let lower = low.isFinite ? min(max(low, fallback.lowerBound), fallback.upperBound) : fallback.lowerBound
        let upper = high.isFinite ? max(min(high, fallback.upperBound), lower) : fallback.upperBound
        return lower...upper
    }

    /// `t012h15` for 12.25 h; `tm006h00` for −6 h (an earlier order a rolling-horizon window's caps see).
    static func timeLabel(_ t: Double) -> String {
        let minutes = Int((t * 60).rounded())
        let hours = abs(minutes) / 60, rest = abs(minutes) % 60
        return "t" + (minutes < 0 ? "m" : "") + pad(hours, 3) + "h" + pad(rest, 2)
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }

    /// Whether kinetic state `index` needs columns and balance rows in this problem: gut states need an
    /// oral drug, or gut content at the start (an oral dose of the history not yet absorbed); a slow store
    /// needs a volume (an absent store, e.g. phosphate in krtplan-kinetics-2, exchanges nothing: its state
    /// stays constant and no other state reads it, so its rows were constant).
    static func isActive(_ state: StateIndex, problem: PlanProblem) -> Bool {
        switch state {
        case .potassiumStore, .phosphateStore, .magnesiumStore:
            guard let solute = Solute.planned.first(where: { StateIndex.store($0) == state }) else { return true }
            return problem.model.patient.parameters.storeVolume(solute) > 0
        case .potassiumGut, .phosphateGut, .magnesiumGut:
            if let start = problem.startState, start[state.rawValue] != 0 { return true }
            let solute: Solute = state == .potassiumGut ? .potassium : state == .phosphateGut ? .phosphate : .magnesium
            let drugs = problem.drugs + problem.fixedOrders.map(\.drug)
            return drugs.contains { $0.route == .oral && ($0.deliveredPerUnit[solute] ?? 0) > 0 }
        default:
            return true
        }
    }

    /// Grid events: decision periods, dose windows, fixed orders, sessions, coupling instants.
    static func timeline(for problem: PlanProblem) -> Timeline {
        var events = problem.periodStarts
        for time in problem.doseTimes {
            events.append(time)
            for drug in problem.drugs where drug.duration > 0 {
                for bag in 1...max(1, drug.maxUnitsPerOrder) { events.append(time + Double(bag) * drug.duration) }
            }
        }
        for order in problem.fixedOrders { events += [order.at, order.at + order.duration] }
        events += problem.model.therapy.boundaries(in: 0, problem.horizon)
        if problem.model.patient.couplingActive {
            let interval = problem.model.patient.parameters[.couplingInterval]
            if interval > 0 { events += stride(from: 0, to: problem.horizon, by: interval).map { $0 } }
        }
        return Timeline(horizon: problem.horizon, step: problem.step, events: events)
    }
}
