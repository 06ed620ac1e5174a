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
        self.capacity = capacity
        systems = Regime.allCases.map { RegimeSystem(regime: $0, patient: patient, therapy: therapy, capacity: capacity) }
        cache = ExponentialCache(systems: systems.map(\.a))
    }

    /// Number of core states (the dimension of Φ in a ``StepMap``).
    public var stateCount: Int { StateIndex.coreCount }

    /// Index of the state that is the serum concentration of `solute` (mmol/L).
    public func serumStateIndex(for solute: Solute) -> Int { StateIndex.serum(solute).rawValue }

    /// Apparent volume in L of a concentration state (1 for gut amounts): content (mmol) = state × capacity.
    public func capacity(of state: StateIndex) -> Double { capacity[state.rawValue] }

    /// Core state with the given serum concentrations (mmol/L), slow pools at equilibrium (pool state =
    /// serum), gut empty. Missing solutes start at 0.
    public func initialState(serum: [Solute: Double]) -> [Double] {
        var x = Array(repeating: 0.0, count: StateIndex.coreCount)
        for solute in Solute.planned {
            let c = serum[solute] ?? 0
            x[StateIndex.serum(solute).rawValue] = c
            x[StateIndex.pool(solute).rawValue] = c
        }
        return x
    }

    /// Body content of `solute` in mmol in a (core or augmented) state: ECF/central + pool, gut excluded.
    public func bodyContent(_ solute: Solute, in state: [Double]) -> Double {
        let s = StateIndex.serum(solute).rawValue, q = StateIndex.pool(solute).rawValue
        return state[s] * capacity[s] + state[q] * capacity[q]
    }

    /// Regime at time t (h).
    public func regime(at t: Double) -> Regime { therapy.isRunning(at: t) ? .on : .off }

    /// Extracorporeal coefficients of `solute` (while the circuit runs).
    public func extracorporeal(_ solute: Solute) -> ExtracorporealCoefficients {
        ExtracorporealCoefficients(solute: solute, therapy: therapy, patient: patient)
    }

    /// Number of cached (regime, duration) propagators, for diagnostics.
    public var cachedPropagatorCount: Int { cache.count }
}
