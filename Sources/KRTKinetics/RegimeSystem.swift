import KRTUnits

/// Whether the extracorporeal circuit runs. The model is linear time-invariant within a regime.
public enum Regime: Int, Sendable, Hashable, CaseIterable {
    case off = 0
    case on = 1
}

/// The linear system of one regime over the augmented state (core states + accumulators):
///
///     dx/dt = A·x + Σ_channels column(channel)·u(channel) + constant
///
/// Built from fluxes: a flux `coefficient · x_j` (mmol/h) leaves node i and enters node k; a node's
/// row is divided by its capacity (apparent volume in L for concentration states, 1 for amounts).
struct RegimeSystem: Sendable {
    var a: Matrix
    /// Input columns indexed by ``InputChannel/ordinal``.
    var columns: [[Double]]
    var constant: [Double]
    let capacity: [Double]

    init(capacity: [Double]) {
        let n = Accumulator.totalStates
        self.capacity = capacity
        a = Matrix(rows: n, columns: n)
        columns = Array(repeating: Array(repeating: 0, count: n), count: InputChannel.all.count)
        constant = Array(repeating: 0, count: n)
    }

    /// Adds the flux `coefficient · x_j` (mmol/h) out of `source` into `target`, tallied in `tally`.
    mutating func flux(_ coefficient: Double, of j: Int, from source: Int?, to target: Int?, tally: Int? = nil, sign: Double = 1) {
        guard coefficient != 0 else { return }
        if let source { a[source, j] -= coefficient / capacity[source] }
        if let target { a[target, j] += coefficient / capacity[target] }
        if let tally { a[tally, j] += sign * coefficient }
    }

    /// Adds `amount` mmol/h per unit channel value into node `target` (and optionally a tally).
    mutating func input(_ channel: InputChannel, _ amount: Double, into target: Int?, tally: Int? = nil, tallyAmount: Double = 0) {
        guard let k = channel.ordinal else { return }
        if let target { columns[k][target] += amount / capacity[target] }
        if let tally { columns[k][tally] += tallyAmount }
    }

    /// The input column of a channel (zero column for an untracked solute).
    func column(_ channel: InputChannel) -> [Double] {
        guard let k = channel.ordinal else { return Array(repeating: 0, count: constant.count) }
        return columns[k]
    }
}

extension RegimeSystem {
    /// Builds the regime's system for a patient and therapy (docs/model.md §2–§5).
    init(regime: Regime, patient: Patient, therapy: Therapy, capacity: [Double]) {
        self.init(capacity: capacity)
        let p = patient.parameters
        for solute in Solute.planned {
            let serum = StateIndex.serum(solute).rawValue
            let pool = StateIndex.pool(solute).rawValue
            let gut = StateIndex.gut(solute).rawValue
            let exchange: Double = switch solute {
            case .potassium: p[.potassiumExchangeClearance]
            case .phosphate: p[.phosphateMobilisationClearance]
            default: p[.magnesiumExchangeClearance]
            }
            let shift = Accumulator.index(.shift, solute)
            flux(exchange, of: serum, from: serum, to: pool, tally: shift)
            flux(exchange, of: pool, from: pool, to: serum, tally: shift, sign: -1)
            if p.storeVolume(solute) > 0 {
                let store = StateIndex.store(solute).rawValue, k = p.storeClearance(solute)
                flux(k, of: pool, from: pool, to: store)
                flux(k, of: store, from: store, to: pool)
            }
            flux(patient.residualClearance(solute), of: serum, from: serum, to: nil, tally: Accumulator.index(.renal, solute))
            flux(p.absorptionRate(solute), of: gut, from: gut, to: serum, tally: Accumulator.index(.absorbed, solute))
            input(.intravenous(solute), 1, into: serum)
            input(.oral(solute), 1, into: gut)
            constant[serum] += patient.absorbedIntake(solute) / capacity[serum]
            guard regime == .on else { continue }
            let ec = ExtracorporealCoefficients(solute: solute, therapy: therapy, patient: patient)
            let f = ec.deliveredFraction
            let effluent = Accumulator.index(.effluent, solute)
            flux(f * ec.serum, of: serum, from: serum, to: nil, tally: effluent)
            for stream in FluidStream.allCases {
                let b = f * (ec.stream[stream] ?? 0)
                let delivered = f * (ec.flow[stream] ?? 0)
                input(.fluid(stream, solute), b, into: serum, tally: effluent, tallyAmount: delivered - b)
            }
        }
        if regime == .on {
            // Intradialytic K shift into cells (docs/model.md §5b): a constant drive while a session runs,
            // tallied as shift (ECF → pool), so every step map carries it in its constant term.
            let r = p.sessionPotassiumShift(therapy: therapy, weight: patient.weight)
            let ecf = StateIndex.potassiumECF.rawValue, pool = StateIndex.potassiumPool.rawValue
            if r != 0 {
                constant[ecf] -= r / capacity[ecf]
                constant[pool] += r / capacity[pool]
                constant[Accumulator.index(.shift, .potassium)] += r
            }
        }
        input(.potassiumWasting, -1, into: StateIndex.potassiumECF.rawValue)
        input(.potassiumShift, -1, into: StateIndex.potassiumECF.rawValue, tally: Accumulator.index(.shift, .potassium), tallyAmount: 1)
        input(.potassiumShift, 1, into: StateIndex.potassiumPool.rawValue)
    }
}
