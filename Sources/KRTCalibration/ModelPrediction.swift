import KRTKinetics
import KRTPlanner
import KRTUnits

/// The krtplan model's prediction of a resolved scenario: the same fluids, orders and therapy as
/// `krtplan simulate` runs (``PlanProblem``), with model parameters optionally replaced (the fit).
/// Each time asked for is simulated from 0 h once and remembered (exact step maps make this independent
/// of how the interval is cut).
public final class ModelPrediction: Prediction {
    let model: KineticModel
    let initialSerum: [Solute: Double]
    let fluids: FluidSchedule
    public let doses: [Dose]
    private var cache: [Double: (state: [Double], balance: [Solute: MassBalance])] = [:]

    public init(problem: PlanProblem, parameters: [ParameterName: Double] = [:]) {
        var patient = problem.model.patient
        for (name, value) in parameters.sorted(by: { $0.key < $1.key }) { patient.parameters = patient.parameters.with(name, value) }
        model = KineticModel(patient: patient, therapy: problem.model.therapy)
        initialSerum = problem.initialSerum
        var segments: [FluidStream: [FluidSchedule.Segment]] = [:]
        for stream in problem.streams {
            let schedule: [(start: Double, option: FluidOption)] = switch stream.kind {
            case let .fixed(schedule): schedule
            case let .choice(options): [(0, options[0])]
            }
            segments[stream.stream] = schedule.map { FluidSchedule.Segment(start: $0.start, concentrations: $0.option.concentrations) }
        }
        if let citrate = problem.citrate { segments[.citrate] = [FluidSchedule.Segment(start: 0, concentrations: citrate.concentrations)] }
        fluids = FluidSchedule(segments: segments)
        doses = problem.fixedOrders.map(\.dose)
    }

    init(model: KineticModel, initialSerum: [Solute: Double], fluids: FluidSchedule, doses: [Dose]) {
        self.model = model
        self.initialSerum = initialSerum
        self.fluids = fluids
        self.doses = doses
    }

    func run(to t: Double) -> (state: [Double], balance: [Solute: MassBalance]) {
        let key = (t * 3600).rounded() / 3600
        if let hit = cache[key] { return hit }
        let out: (state: [Double], balance: [Solute: MassBalance])
        if key <= 0 {
            out = (model.initialState(serum: initialSerum), Dictionary(uniqueKeysWithValues: Solute.planned.map { ($0, MassBalance(solute: $0)) }))
        } else {
            let simulation = Simulator(model: model).run(initialSerum: initialSerum, fluids: fluids, doses: doses, horizon: key, outputStep: key)
            out = (simulation.states.last ?? [], simulation.massBalance)
        }
        cache[key] = out
        return out
    }

    public func level(_ solute: Solute, at t: Double) -> Double {
        let state = run(to: t).state
        let i = StateIndex.serum(solute).rawValue
        return i < state.count ? state[i] : .nan
    }

    public func levels(_ solute: Solute, from a: Double, to b: Double, every dt: Double) -> [Double] {
        guard b > 0 else { return [level(solute, at: 0)] }
        let simulation = Simulator(model: model).run(initialSerum: initialSerum, fluids: fluids, doses: doses, horizon: b, outputStep: dt)
        let i = StateIndex.serum(solute).rawValue
        return zip(simulation.times, simulation.states).filter { $0.0 >= a - 1e-9 }.map { $0.1[i] }
    }

    public func removed(_ solute: Solute, upTo t: Double) -> Double {
        run(to: t).balance[solute]?.netExtracorporealRemoval ?? .nan
    }

    public func renal(_ solute: Solute, upTo t: Double) -> Double {
        run(to: t).balance[solute]?.renal ?? .nan
    }

    public var weight: Double { model.patient.weight }

    public func starting(_ solute: Solute, at level: Double) -> Prediction {
        var serum = initialSerum
        serum[solute] = level
        return ModelPrediction(model: model, initialSerum: serum, fluids: fluids, doses: doses)
    }

    public var sessions: [(start: Double, end: Double)] { Self.sessions(of: model.therapy) }

    /// Session intervals (the continuous therapy is one interval from 0 h).
    static func sessions(of therapy: Therapy) -> [(start: Double, end: Double)] {
        if let sessions = therapy.sessions { return sessions.map { ($0.start, $0.end) } }
        return [(0, .infinity)]
    }
}
