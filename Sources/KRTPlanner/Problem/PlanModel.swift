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
/// - **Mg → K coupling.** One loss column per coupling instant with `loss ≥ gain·(threshold − Mg)`,
///   `loss ≥ 0` (the epigraph of the sampled-data term; see docs/planner.md for why it stays tight).
///
/// Names are readable (`K_above_target_t012h00`, `MgSO4_IV_units_t006h00`) for export and audit.
struct PlanModel: Sendable {
    struct Slot: Sendable {
        let stream: Int
        let period: Int
        /// One binary per option of the stream.
        let options: [Variable.ID]
    }

    struct DoseDecision: Sendable {
        let drug: Int
        let time: Double
        let units: Variable.ID
        let given: Variable.ID
    }

    struct Coupling: Sendable {
        let time: Double
        let loss: Variable.ID
        let row: Constraint.ID?
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
    /// Counts for statistics.
    let integerCount: Int
    let binaryCount: Int
}

extension PlanModel {
    /// `t012h15` for 12.25 h.
    static func timeLabel(_ t: Double) -> String {
        let minutes = Int((t * 60).rounded())
        let hours = minutes / 60, rest = minutes % 60
        return "t" + pad(hours, 3) + "h" + pad(rest, 2)
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }

    /// Whether kinetic state `index` can ever be non-zero in this problem (gut states need an oral drug).
    static func isActive(_ state: StateIndex, problem: PlanProblem) -> Bool {
        switch state {
        case .potassiumGut, .phosphateGut, .magnesiumGut:
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
            for drug in problem.drugs where drug.duration > 0 { events.append(time + drug.duration) }
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
