import KRTUnits

/// The outcome of the compounding check: final composition, osmolarity and findings.
/// Volumes in L, amounts in mmol, concentrations in mmol/L, osmolarity in mOsm/L.
public struct CompoundingResult: Sendable {
    /// One additive with the concentrate volume it brings.
    public struct Line: Sendable, Hashable {
        public let additive: AdditiveOrder
        /// Volume of vial concentrate added, L.
        public let volume: Double
        /// mmol added per solute.
        public let delivered: [Solute: Double]
    }

    /// Where the base osmolarity came from.
    public enum OsmolarityBasis: String, Sendable, Hashable {
        /// Stated by the product's source.
        case stated
        /// Ideal osmolarity: the sum of the composition in mmol/L (every ion one particle).
        case computed
    }

    public let order: CompoundingOrder
    /// Volume before additives, L.
    public let baseVolume: Double
    /// `true` when the volume is the catalog's bag volume rather than the order's.
    public let baseVolumeFromBag: Bool
    public let lines: [Line]
    /// Volume after additives, L.
    public let finalVolume: Double
    /// Base composition, mmol/L.
    public let baseConcentrations: [Solute: Double]
    /// Composition after additives, mmol/L.
    public let finalConcentrations: [Solute: Double]
    public let baseOsmolarity: Double
    public let baseOsmolarityBasis: OsmolarityBasis
    public let finalOsmolarity: Double
    /// Potassium brought by phosphate additives (potassium phosphates), mmol.
    public let potassiumFromPhosphate: Double
    /// Findings, most serious first, then in the order the rules run.
    public let findings: [Finding]

    /// The most serious finding, `nil` when there are none.
    public var worstSeverity: FindingSeverity? { findings.map(\.severity).max() }
}
