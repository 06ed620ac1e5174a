import KRTUnits

/// Where one solute went over a simulation, every term in mmol (positive as named).
///
/// Body = ECF/central + exchangeable pool + slow store (gut excluded). The books close as
///
///     bodyChange = delivered − effluent + intravenous + absorbedFromGut + intake − renal − potassiumWasting
///     poolChange + storeChange = shiftToPool,   gutChange = oralGiven − absorbedFromGut
///
/// (the store exchanges only with the pool, so what the ECF shifts goes to the pool or on to the store).
public struct MassBalance: Sendable, Hashable {
    public let solute: Solute
    /// Mass brought into the circuit by each stream (f·Q_s·C_s integrated while the circuit runs).
    public var deliveredByStream: [FluidStream: Double] = [:]
    /// Mass leaving in the effluent.
    public var effluent = 0.0
    public var intravenous = 0.0
    /// Absorbable amount given orally (into the gut).
    public var oralGiven = 0.0
    public var absorbedFromGut = 0.0
    /// Absorbed continuous intake.
    public var intake = 0.0
    /// Residual renal excretion (baseline, without the Mg-driven term).
    public var renal = 0.0
    /// Mg-driven renal K wasting (K only).
    public var potassiumWasting = 0.0
    /// Net shift from the ECF/central pool into the exchangeable pool (and on into the store). Includes
    /// the scheduled K shift of insulin, β2-agonists and bicarbonate (``shiftDriven``).
    public var shiftToPool = 0.0
    /// The part of the K shift into cells driven by scheduled shift drivers (K only; mmol).
    public var shiftDriven = 0.0
    public var ecfChange = 0.0
    public var poolChange = 0.0
    /// Change of the slow store's content (0 without a store).
    public var storeChange = 0.0
    public var gutChange = 0.0

    public init(solute: Solute) { self.solute = solute }

    /// Total mass delivered by all fluid streams.
    /// Summed in stream order, not the dictionary's (hash-seeded per process), so it is the same to the last bit every run.
    public var delivered: Double { FluidStream.allCases.reduce(0) { $0 + (deliveredByStream[$1] ?? 0) } }
    /// Net extracorporeal removal: effluent − delivered (positive = the circuit removed mass).
    public var netExtracorporealRemoval: Double { effluent - delivered }
    /// Given as supplements (IV + oral given).
    public var supplements: Double { intravenous + oralGiven }
    /// Change in body content (ECF/central + pool + store).
    public var bodyChange: Double { ecfChange + poolChange + storeChange }

    /// bodyChange minus the sum of the fluxes (≈ 0 up to round-off).
    public var closureError: Double {
        bodyChange - (delivered - effluent + intravenous + absorbedFromGut + intake - renal - potassiumWasting)
    }

    /// Largest of the body, pool and gut closure errors (mmol).
    public var maximumClosureError: Double {
        Swift.max(abs(closureError), abs(poolChange + storeChange - shiftToPool), abs(gutChange - (oralGiven - absorbedFromGut)))
    }
}

/// One coupling instant of the Mg → K term.
public struct CouplingSample: Sendable, Hashable {
    /// Coupling instant (h), a multiple of the coupling interval.
    public let time: Double
    /// Serum Mg at that instant (mmol/L).
    public let magnesium: Double
    /// K wasting rate held until the next instant: gain·max(0, Mg_thr − Mg) (mmol/h).
    public let rate: Double
    /// What a linearised term gain·(Mg_thr − Mg) would give (mmol/h; negative when Mg > Mg_thr).
    public let linearisedRate: Double

    /// linearised − exact (mmol/h): non-zero only where Mg ≥ Mg_thr would make the linear term a K gain.
    public var linearisationError: Double { linearisedRate - rate }
}
