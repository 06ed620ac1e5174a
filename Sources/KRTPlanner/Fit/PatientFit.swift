import KRTEstimation
import KRTInput
import KRTKinetics
import KRTUnits

/// One lab value used by the fit.
public struct FitObservation: Sendable, Hashable {
    public var at: Double
    public var solute: Solute
    /// mmol/L.
    public var observed: Double
    /// Residual SD (mmol/L) from ``FitResidualError``.
    public var standardDeviation: Double
    public var line: Int?
}

/// The per-patient fit problem of a case with history: which parameters, their priors, the labs and the
/// model that predicts them (docs/fitting.md).
public struct PatientFitProblem: Sendable {
    public var patient: Patient
    public var timeline: TherapyTimeline
    public var targets: [FitTarget]
    public var parameters: [EstimatedParameter]
    public var observations: [FitObservation]
    /// Solutes with fewer than 2 usable labs: their parameters stay at the prior.
    public var solutesAtPrior: [Solute]
    /// The delivered fraction the case's therapy states (the scale reference for the history segments).
    public var referenceDeliveredFraction: Double
    /// Fixed serum levels at the history's start for solutes not fitted (earliest usable lab).
    public var fixedInitialSerum: [Solute: Double]

    /// Builds the problem from a case's labs and resolved history.
    public init(file: CaseFile, history: ResolvedHistory) {
        patient = file.patient
        timeline = history.timeline
        let from = history.history.from
        var observations: [FitObservation] = []
        for lab in file.labs.sorted(by: { $0.at < $1.at }) where lab.at >= from {
            for solute in Solute.planned where lab.isUsable(solute) {
                guard let value = lab.values[solute],
                      !observations.contains(where: { $0.at == lab.at && $0.solute == solute }) else { continue }
                observations.append(FitObservation(at: lab.at, solute: solute, observed: value,
                                                   standardDeviation: FitResidualError.defaults(solute).standardDeviation(observed: value),
                                                   line: lab.line))
            }
        }
        self.observations = observations
        let fitted = Solute.planned.filter { s in observations.filter { $0.solute == s }.count >= 2 }
        solutesAtPrior = Solute.planned.filter { !fitted.contains($0) }
        var fixed: [Solute: Double] = [:]
        for s in Solute.planned {
            fixed[s] = observations.first { $0.solute == s }?.observed ?? file.initialLabs[s] ?? 0
        }
        fixedInitialSerum = fixed
        referenceDeliveredFraction = file.therapy.deliveredFraction

        var targets: [FitTarget] = []
        for s in fitted {
            targets.append(.initialSerum(s))
            targets += FitTarget.parameterTargets(of: s, patient: file.patient)
        }
        if !fitted.isEmpty, history.timeline.pieces.contains(where: { $0.therapy != nil }) { targets.append(.deliveredFraction) }
        self.targets = targets
        let p = file.patient.parameters
        let reference = file.therapy.deliveredFraction
        parameters = targets.map { target in
            let prior = FitPrior.of(target)
            let median: Double = switch target {
            case let .model(name): p[name]
            case .deliveredFraction: Swift.min(0.98, reference)
            case let .initialSerum(s): fixed[s] ?? 1
            }
            return EstimatedParameter(name: target.name, unit: Self.unit(target), median: median, cv: prior.cv, transform: prior.transform)
        }
    }

    static func intakeParameter(_ s: Solute) -> ParameterName {
        s == .potassium ? .intakeAbsorbedPotassium : s == .phosphate ? .intakeAbsorbedPhosphate : .intakeAbsorbedMagnesium
    }

    static func urineParameter(_ s: Solute) -> ParameterName {
        s == .potassium ? .urineToPlasmaPotassium : s == .phosphate ? .urineToPlasmaPhosphate : .urineToPlasmaMagnesium
    }

    static func unit(_ target: FitTarget) -> String {
        switch target {
        case let .model(name): name.info.unit
        case .deliveredFraction: "1"
        case .initialSerum: "mmol/L"
        }
    }

    /// The patient, delivered scale and start state for parameter values θ (in ``parameters`` order).
    public func configuration(_ theta: [Double]) -> (patient: Patient, deliveredScale: Double, initial: [Double]) {
        var patient = self.patient
        var scale = 1.0
        var serum = fixedInitialSerum
        for (target, value) in zip(targets, theta) {
            switch target {
            case let .model(name): patient.parameters = patient.parameters.with(name, value)
            case .deliveredFraction: scale = value / Swift.max(1e-9, referenceDeliveredFraction)
            case let .initialSerum(s): serum[s] = value
            }
        }
        return (patient, scale, KineticModel.equilibriumState(serum: serum))
    }

    /// The parameter-independent schedule of a run reporting at `times` (the coupling flag and interval are
    /// not fitted).
    public func schedule(at times: [Double]) -> TimelineSchedule {
        TimelineSchedule(timeline: timeline, outputs: times,
                         couplingInterval: patient.couplingActive ? patient.parameters[.couplingInterval] : nil)
    }

    /// Core states at `times` and at the timeline's end (0 h) for parameter values θ.
    public func simulate(_ theta: [Double], at times: [Double]) -> (states: [[Double]], final: [Double]) {
        simulate(theta, schedule: schedule(at: times))
    }

    public func simulate(_ theta: [Double], schedule: TimelineSchedule) -> (states: [[Double]], final: [Double]) {
        let c = configuration(theta)
        return TimelineSimulator(patient: c.patient, timeline: timeline, deliveredScale: c.deliveredScale)
            .run(initial: c.initial, schedule: schedule)
    }

    /// Predicted serum level of each observation in `subset` for θ.
    public func predict(_ theta: [Double], _ subset: [FitObservation], schedule: TimelineSchedule? = nil) -> [Double] {
        let states = simulate(theta, schedule: schedule ?? self.schedule(at: subset.map(\.at))).states
        return zip(subset, states).map { $1[StateIndex.serum($0.solute).rawValue] }
    }

    /// The estimation problem over `subset` of the observations (all by default).
    public func estimationProblem(_ subset: [FitObservation]? = nil) -> EstimationProblem {
        let used = subset ?? observations
        let fitted = used.filter { !solutesAtPrior.contains($0.solute) }
        let me = self
        let prepared = schedule(at: fitted.map(\.at))
        let block = ResidualBlock(name: "labs", observed: fitted.map(\.observed), standardDeviations: fitted.map(\.standardDeviation)) { theta in
            let f = me.predict(theta, fitted, schedule: prepared)
            return f.allSatisfy(\.isFinite) ? f : nil
        }
        return EstimationProblem(parameters: parameters, blocks: [block])
    }
}
