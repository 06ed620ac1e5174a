import KRTUnits

/// The model's state vector. Core states come first (what the planner sees); internal mass-balance
/// accumulators follow (what the simulator uses to close the books exactly).
///
/// | index | state | unit |
/// |---|---|---|
/// | 0 | K ECF = serum K | mmol/L |
/// | 1 | K exchangeable (ICF) pool, ECF-equivalent concentration (= serum K at equilibrium) | mmol/L |
/// | 2 | P central = serum P | mmol/L |
/// | 3 | P mobilisable pool, central-equivalent concentration | mmol/L |
/// | 4 | Mg ECF = serum Mg | mmol/L |
/// | 5 | Mg exchangeable pool, ECF-equivalent concentration | mmol/L |
/// | 6, 7, 8 | K, P, Mg in the gut (given orally, not yet absorbed) | mmol |
/// | 9, 10, 11 | K, P, Mg slow store behind the pool, ECF-equivalent concentration (= serum at equilibrium) | mmol/L |
///
/// Pool and store contents in mmol are the pool state × the pool's apparent volume (``KineticModel/capacity(of:)``).
public enum StateIndex: Int, Sendable, Hashable, CaseIterable {
    case potassiumECF = 0
    case potassiumPool
    case phosphateCentral
    case phosphatePool
    case magnesiumECF
    case magnesiumPool
    case potassiumGut
    case phosphateGut
    case magnesiumGut
    case potassiumStore
    case phosphateStore
    case magnesiumStore

    /// Number of core states (n of Φ).
    public static let coreCount = 12

    public static func serum(_ solute: Solute) -> StateIndex {
        switch solute {
        case .phosphate: .phosphateCentral
        case .magnesium: .magnesiumECF
        default: .potassiumECF
        }
    }

    public static func pool(_ solute: Solute) -> StateIndex {
        switch solute {
        case .phosphate: .phosphatePool
        case .magnesium: .magnesiumPool
        default: .potassiumPool
        }
    }

    public static func store(_ solute: Solute) -> StateIndex {
        switch solute {
        case .phosphate: .phosphateStore
        case .magnesium: .magnesiumStore
        default: .potassiumStore
        }
    }

    /// The concentration states of a solute that hold body content: serum, pool, store.
    public static func body(_ solute: Solute) -> [StateIndex] { [serum(solute), pool(solute), store(solute)] }

    public static func gut(_ solute: Solute) -> StateIndex {
        switch solute {
        case .phosphate: .phosphateGut
        case .magnesium: .magnesiumGut
        default: .potassiumGut
        }
    }
}

/// Cumulative-mass accumulators (mmol) appended after the core states, 4 per planned solute.
enum Accumulator: Int, CaseIterable {
    /// Mass leaving in the effluent.
    case effluent = 0
    /// Residual renal excretion.
    case renal
    /// Absorbed from the gut into the ECF/central pool.
    case absorbed
    /// Net shift from ECF/central into the exchangeable pool (and on into the slow store behind it).
    case shift

    static let perSolute = allCases.count
    static let totalStates = StateIndex.coreCount + perSolute * Solute.planned.count

    static func index(_ kind: Accumulator, _ solute: Solute) -> Int {
        StateIndex.coreCount + (Solute.planned.firstIndex(of: solute) ?? 0) * perSolute + kind.rawValue
    }
}
