import KRTUnits

/// The kinetic model for one patient and therapy: a small linear system per regime (circuit on/off),
/// exact step maps for the planner, and the propagation the simulator uses.
///
/// Equations, parameters and calibration: docs/model.md. State layout: ``StateIndex``.
public struct KineticModel: Sendable {
    public let patient: Patient
    public let therapy: Therapy
    /// Apparent volume (L) of each concentration state, 1 for amount states and accumulators.
    let capacity: [Double]
    let systems: [RegimeSystem]
    let cache: ExponentialCache
    /// The scheduled K shift of the patient's shift drivers (a known input, folded into the constant term).
    let shifts: ShiftSchedule

    public init(patient: Patient, therapy: Therapy) {
        self.patient = patient
        self.therapy = therapy
        let p = patient.parameters
        let w = patient.weight
        var capacity = Array(repeating: 1.0, count: Accumulator.totalStates)
        capacity[StateIndex.potassiumECF.rawValue] = p[.potassiumECFVolume] * w
        capacity[StateIndex.potassiumPool.rawValue] = p[.potassiumPoolVolume] * w
        capacity[StateIndex.phosphateCentral.rawValue] = p[.phosphateCentralVolume] * w
        capacity[StateIndex.phosphatePool.rawValue] = p[.phosphatePoolVolume] * w
        capacity[StateIndex.magnesiumECF.rawValue] = p[.magnesiumECFVolume] * w
        capacity[StateIndex.magnesiumPool.rawValue] = p[.magnesiumPoolVolume] * w
        for solute in Solute.planned {
            // A store of volume 0 is absent: capacity 1 keeps the row finite; its exchange is 0 (RegimeSystem).
            let volume = p.storeVolume(solute) * w
            capacity[StateIndex.store(solute).rawValue] = volume > 0 ? volume : 1
        }
        self.capacity = capacity
        systems = Regime.allCases.map { RegimeSystem(regime: $0, patient: patient, therapy: therapy, capacity: capacity) }
        cache = ExponentialCache(systems: systems.map(\.a))
        shifts = ShiftSchedule(drivers: patient.shiftDrivers, parameters: p, weight: w)
    }

    /// Number of core states (the dimension of Φ in a ``StepMap``).
    public var stateCount: Int { StateIndex.coreCount }

    /// Index of the state that is the serum concentration of `solute` (mmol/L).
    public func serumStateIndex(for solute: Solute) -> Int { StateIndex.serum(solute).rawValue }

    /// Apparent volume in L of a concentration state (1 for gut amounts): content (mmol) = state × capacity.
    public func capacity(of state: StateIndex) -> Double { content(of: state) }

    /// Core state with the given serum concentrations (mmol/L), pools and stores at equilibrium (state =
    /// serum), gut empty. Missing solutes start at 0.
    public func initialState(serum: [Solute: Double]) -> [Double] { Self.equilibriumState(serum: serum) }

    /// The equilibrium core state for serum levels (mmol/L): every pool and store at serum, gut empty.
    public static func equilibriumState(serum: [Solute: Double]) -> [Double] {
        var x = Array(repeating: 0.0, count: StateIndex.coreCount)
        for solute in Solute.planned {
            for state in StateIndex.body(solute) { x[state.rawValue] = serum[solute] ?? 0 }
        }
        return x
    }

    /// Body content of `solute` in mmol in a (core or augmented) state: ECF/central + pool + store, gut
    /// excluded (an absent store, volume 0, holds nothing).
    public func bodyContent(_ solute: Solute, in state: [Double]) -> Double {
        StateIndex.body(solute).reduce(0) { $0 + state[$1.rawValue] * content(of: $1) }
    }

    /// Litres per unit state of a body state (0 for an absent store).
    func content(of state: StateIndex) -> Double {
        if let solute = Solute.planned.first(where: { StateIndex.store($0) == state }), patient.parameters.storeVolume(solute) <= 0 { return 0 }
        return capacity[state.rawValue]
    }

    /// The constant input of regime `system` at time `t`: intake plus the scheduled K shift in force.
    func constantInput(_ system: RegimeSystem, at t: Double) -> [Double] {
        let rate = shifts.rate(at: t)
        guard rate != 0 else { return system.constant }
        return add(system.constant, system.column(.potassiumShift).map { $0 * rate })
    }

    /// Every time the constant input changes inside (a, b): shift-driver piece edges.
    func constantBoundaries(in a: Double, _ b: Double) -> [Double] { shifts.boundaries(in: a, b) }

    /// Regime at time t (h).
    public func regime(at t: Double) -> Regime { therapy.isRunning(at: t) ? .on : .off }

    /// Extracorporeal coefficients of `solute` (while the circuit runs).
    public func extracorporeal(_ solute: Solute) -> ExtracorporealCoefficients {
        ExtracorporealCoefficients(solute: solute, therapy: therapy, patient: patient)
    }

    /// Number of cached (regime, duration) propagators, for diagnostics.
    public var cachedPropagatorCount: Int { cache.count }
}
