import KRTUnits

/// The result of a forward simulation.
public struct Simulation: Sendable {
    /// Output times (h).
    public let times: [Double]
    /// Core state at each output time (see ``StateIndex``).
    public let states: [[Double]]
    /// Per-solute mass balance over the whole horizon.
    public let massBalance: [Solute: MassBalance]
    /// The Mg → K coupling at each coupling instant (empty when the coupling is inactive).
    public let coupling: [CouplingSample]

    /// Serum concentration (mmol/L) of `solute` at each output time.
    public func serum(_ solute: Solute) -> [Double] {
        let i = StateIndex.serum(solute).rawValue
        return states.map { $0[i] }
    }

    /// Coupling instants where a linearised term would differ from the exact one (Mg ≥ threshold).
    public var linearisationDifferences: [CouplingSample] { coupling.filter { $0.linearisationError != 0 } }
}

/// Forward simulation of the kinetic model: exact between events (output times, fluid changes, dose
/// edges, circuit on/off, coupling instants), with the non-linear Mg → K term evaluated exactly
/// at the coupling instants (sampled data, held over each coupling interval).
public struct Simulator: Sendable {
    public let model: KineticModel

    public init(model: KineticModel) { self.model = model }

    public init(patient: Patient, therapy: Therapy) { self.init(model: KineticModel(patient: patient, therapy: therapy)) }

    /// Simulates from t = 0 to `horizon` (h), reporting every `outputStep` (h) and at the horizon, from the
    /// given serum levels (mmol/L) with the slow pools at equilibrium and the gut empty.
    public func run(initialSerum: [Solute: Double], fluids: FluidSchedule, doses: [Dose] = [],
                    horizon: Double, outputStep: Double) -> Simulation {
        run(initialState: model.initialState(serum: initialSerum), fluids: fluids, doses: doses, horizon: horizon, outputStep: outputStep)
    }

    /// The same from a full core state at 0 h (``StateIndex`` layout: serum and pool levels in mmol/L, gut
    /// contents in mmol), e.g. the state a per-patient fit estimates.
    public func run(initialState: [Double], fluids: FluidSchedule, doses: [Dose] = [],
                    horizon: Double, outputStep: Double) -> Simulation {
        let patient = model.patient, therapy = model.therapy
        let snap = ModelTime.snap
        let end = snap(horizon)
        var outputs: [Double] = []
        if outputStep > 0 {
            var k = 0
            while Double(k) * outputStep < horizon - 1e-12 { outputs.append(snap(Double(k) * outputStep)); k += 1 }
        }
        outputs.append(end)
        let outputSet = Set(outputs)
        let couplingInterval = patient.parameters[.couplingInterval]
        var couplingTimes: Set<Double> = []
        if patient.couplingActive, couplingInterval > 0 {
            var k = 0
            while Double(k) * couplingInterval < horizon { couplingTimes.insert(snap(Double(k) * couplingInterval)); k += 1 }
        }
        var events = Set(outputs).union(couplingTimes)
        for t in fluids.changeTimes + doses.flatMap({ [$0.time, $0.end] }) + therapy.boundaries(in: 0, horizon)
            + model.constantBoundaries(in: 0, horizon) {
            let s = snap(t)
            if s > 0, s < end { events.insert(s) }
        }
        let times = events.filter { $0 >= 0 && $0 <= end }.sorted()

        var x = Array(initialState.prefix(StateIndex.coreCount)) + Array(repeating: 0, count: Accumulator.totalStates - StateIndex.coreCount)
        let initial = x
        var balance = Dictionary(uniqueKeysWithValues: Solute.planned.map { ($0, MassBalance(solute: $0)) })
        var coupling: [CouplingSample] = []
        var states: [[Double]] = []
        var wastingRate = 0.0
        let gain = patient.couplingGain, threshold = patient.parameters[.couplingMagnesiumThreshold]
        let ec = Dictionary(uniqueKeysWithValues: Solute.planned.map { ($0, model.extracorporeal($0)) })
        // Per-step books kept in flat arrays (indexed like `Solute.planned` and `FluidStream.allCases`) and
        // written into `balance` once at the end: the same additions in the same order as dictionary updates.
        let planned = Solute.planned, streams = FluidStream.allCases
        let deliveredFraction = planned.map { ec[$0]?.deliveredFraction ?? 0 }
        let streamFlow = streams.map { therapy.flow(of: $0) }
        let absorbedIntake = planned.map { patient.absorbedIntake($0) }
        var deliveredByStream = [[Double]](repeating: [Double](repeating: 0, count: streams.count), count: planned.count)
        var deliveredSeen = [[Bool]](repeating: [Bool](repeating: false, count: streams.count), count: planned.count)
        var intake = [Double](repeating: 0, count: planned.count)
        var shiftDriven = 0.0

        for (index, s) in times.enumerated() {
            let regime = model.regime(at: s)
            let system = model.systems[regime.rawValue]
            for dose in doses where dose.duration <= 0 && snap(dose.time) == s {
                for (solute, amount) in dose.amounts where Solute.planned.contains(solute) {
                    x = add(x, system.column(dose.channel(solute)).map { $0 * amount })
                    if dose.route == .intravenous { balance[solute]?.intravenous += amount } else { balance[solute]?.oralGiven += amount }
                }
            }
            if couplingTimes.contains(s) {
                let mg = x[StateIndex.magnesiumECF.rawValue]
                wastingRate = gain * Swift.max(0, threshold - mg)
                coupling.append(CouplingSample(time: s, magnesium: mg, rate: wastingRate, linearisedRate: gain * (threshold - mg)))
            }
            if outputSet.contains(s) { states.append(Array(x.prefix(StateIndex.coreCount))) }
            guard index + 1 < times.count else { break }
            let e = times[index + 1], dt = e - s
            var v = model.constantInput(system, at: s)
            shiftDriven += model.shifts.rate(at: s) * dt
            for (i, solute) in planned.enumerated() {
                for (j, stream) in streams.enumerated() {
                    let c = fluids.concentration(stream, solute, at: s)
                    guard c != 0 else { continue }
                    addScaled(&v, system.column(.fluid(stream, solute)), c)
                    if regime == .on {
                        deliveredByStream[i][j] += deliveredFraction[i] * streamFlow[j] * c * dt
                        deliveredSeen[i][j] = true
                    }
                }
                intake[i] += absorbedIntake[i] * dt
            }
            for dose in doses where dose.duration > 0 && snap(dose.time) <= s && snap(dose.end) >= e {
                for (solute, amount) in dose.amounts where Solute.planned.contains(solute) {
                    let rate = amount / dose.duration
                    addScaled(&v, system.column(dose.channel(solute)), rate)
                    if dose.route == .intravenous { balance[solute]?.intravenous += rate * dt } else { balance[solute]?.oralGiven += rate * dt }
                }
            }
            if wastingRate != 0 {
                addScaled(&v, system.column(.potassiumWasting), wastingRate)
                balance[.potassium]?.potassiumWasting += wastingRate * dt
            }
            let step = model.cache.entry(regime, duration: dt)
            x = add(step.phi * x, step.gamma * v)
        }
        balance[.potassium]?.shiftDriven = shiftDriven
        for (i, solute) in planned.enumerated() {
            balance[solute]?.intake = intake[i]
            for (j, stream) in streams.enumerated() where deliveredSeen[i][j] {
                balance[solute]?.deliveredByStream[stream] = deliveredByStream[i][j]
            }
            let s = StateIndex.serum(solute).rawValue, q = StateIndex.pool(solute).rawValue, g = StateIndex.gut(solute).rawValue
            balance[solute]?.ecfChange = (x[s] - initial[s]) * model.capacity[s]
            balance[solute]?.poolChange = (x[q] - initial[q]) * model.capacity[q]
            let r = StateIndex.store(solute)
            balance[solute]?.storeChange = (x[r.rawValue] - initial[r.rawValue]) * model.content(of: r)
            balance[solute]?.gutChange = x[g] - initial[g]
            balance[solute]?.effluent = x[Accumulator.index(.effluent, solute)]
            balance[solute]?.renal = x[Accumulator.index(.renal, solute)]
            balance[solute]?.absorbedFromGut = x[Accumulator.index(.absorbed, solute)]
            balance[solute]?.shiftToPool = x[Accumulator.index(.shift, solute)]
        }
        return Simulation(times: outputs, states: states, massBalance: balance, coupling: coupling)
    }
}

/// `v += column · scale`, element by element (the same arithmetic as `add(v, column.map { $0 * scale })`).
@inline(__always)
func addScaled(_ v: inout [Double], _ column: [Double], _ scale: Double) {
    for i in v.indices { v[i] += column[i] * scale }
}
