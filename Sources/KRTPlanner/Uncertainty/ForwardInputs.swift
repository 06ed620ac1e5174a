import KRTKinetics
import KRTUnits

/// What a `plan` or `simulate` result was simulated with, kept so the same course can be re-run with
/// drawn parameters (the bands): patient and therapy as resolved, starting levels, the fluids per
/// stream over time and the orders as doses. Not part of the JSON (the result's tables describe it).
public struct ForwardInputs: Sendable, Hashable {
    public var patient: Patient
    public var therapy: Therapy
    /// Starting serum levels at 0 h (mmol/L), pools at equilibrium.
    public var initialSerum: [Solute: Double]
    public var fluids: FluidSchedule
    public var doses: [Dose]
    /// h
    public var horizon: Double
    /// Report step (h).
    public var step: Double
    /// A start outside a hard bound only has to get no worse for this long (h), as in the planner.
    public var correctionWindow: Double
    /// The full core state at 0 h when a fit estimated it (``PlanProblem/startState``); nil: serum =
    /// ``initialSerum``, pools at equilibrium.
    public var startState: [Double]? = nil

    public init(patient: Patient, therapy: Therapy, initialSerum: [Solute: Double], fluids: FluidSchedule, doses: [Dose],
                horizon: Double, step: Double, correctionWindow: Double) {
        self.correctionWindow = correctionWindow
        self.patient = patient
        self.therapy = therapy
        self.initialSerum = initialSerum
        self.fluids = fluids
        self.doses = doses
        self.horizon = horizon
        self.step = step
    }

    /// The course as one timeline piece from 0 h to the horizon (the fast per-solute propagation of
    /// ``TimelineSimulator``, checked against ``Simulator`` in the tests).
    public var timeline: TherapyTimeline {
        TherapyTimeline(start: 0, end: horizon, pieces: [.init(start: 0, end: horizon, therapy: therapy, intake: patient.intake)],
                        fluids: fluids, doses: doses)
    }

    /// Report times: every `step` from 0 h and the horizon (as in ``Simulator``).
    public var reportTimes: [Double] {
        var times: [Double] = []
        var k = 0
        while step > 0, Double(k) * step < horizon - 1e-12 { times.append(Double(k) * step); k += 1 }
        times.append(horizon)
        return times
    }
}
