import KRTUnits

/// Where a commercial KRT fluid may be used in the circuit.
public enum FluidRole: String, Sendable, Hashable, CaseIterable, Codable, Comparable {
    /// Dialysate (diffusive stream).
    case dialysate
    /// Replacement (substitution) fluid, pre- or post-filter.
    case replacement
    /// Citrate pre-dilution replacement fluid for regional citrate anticoagulation.
    case citrate

    public static func < (lhs: FluidRole, rhs: FluidRole) -> Bool {
        (allCases.firstIndex(of: lhs) ?? 0) < (allCases.firstIndex(of: rhs) ?? 0)
    }
}

/// The market whose label a product's figures come from. `EU` stands for the European labels
/// (EU/EEA SmPCs, and the UK and Swiss texts the reference read).
public enum Market: String, Sendable, Hashable, CaseIterable, Codable {
    case US
    case EU
}

/// A commercial KRT fluid (dialysate, replacement or citrate solution) as ready to use after mixing.
public struct Formulation: Sendable, Hashable, Identifiable {
    /// Stable identifier, equal to the data file's name without `.yaml` (e.g. `prismasol-bgk4-2.5`).
    public let id: String
    /// The product name as labelled (e.g. `PRISMASOL BGK4/2.5`).
    public let name: String
    /// Other names it is ordered by; lookups ignore case, spaces, `-` and `_`.
    public let aliases: [String]
    public let manufacturer: String
    public let market: Market
    public let roles: Set<FluidRole>
    /// Where the roles come from.
    public let rolesProvenance: Provenance
    /// Every solute of ``Solute`` after mixing, in mmol/L (phosphate as P; glucose as glucose).
    public let composition: [Solute: Double]
    /// The same values as the label states them, with source and confidence.
    public let values: [Solute: SourcedQuantity]
    /// Uncharged free acid counted as H⁺ for the charge balance (mmol/L), e.g. citric acid in
    /// Prismocitrate 10/2; `nil` when there is none.
    public let freeAcid: SourcedQuantity?
    /// Osmolarity stated by the source (mOsm/L), when stated.
    public let osmolarity: SourcedQuantity?
    /// The bag as supplied, when the sources describe it.
    public let bag: Bag?
    /// Label warnings worth showing with the product.
    public let warnings: [String]
    /// Free-text notes (derivations, caveats).
    public let notes: [String]
    /// Every source the file defines, in file order.
    public let sources: [Source]
    /// The file it was read from.
    public let file: String

    /// The order labels list solutes in (cations, anions, then neutral), for tables.
    public static let labelOrder: [Solute] = [.sodium, .potassium, .calcium, .magnesium, .chloride, .bicarbonate,
                                              .lactate, .phosphate, .glucose, .citrate]

    /// The solutes whose confidence decides planning eligibility.
    public static let planningRelevant: [Solute] = [.potassium, .phosphate, .magnesium, .calcium]

    public init(id: String, name: String, aliases: [String], manufacturer: String, market: Market,
                roles: Set<FluidRole>, rolesProvenance: Provenance, values: [Solute: SourcedQuantity],
                freeAcid: SourcedQuantity?, osmolarity: SourcedQuantity?, bag: Bag?, warnings: [String],
                notes: [String], sources: [Source], file: String) {
        self.id = id
        self.name = name
        self.aliases = aliases
        self.manufacturer = manufacturer
        self.market = market
        self.roles = roles
        self.rolesProvenance = rolesProvenance
        self.values = values
        self.composition = values.mapValues(\.value)
        self.freeAcid = freeAcid
        self.osmolarity = osmolarity
        self.bag = bag
        self.warnings = warnings
        self.notes = notes
        self.sources = sources
        self.file = file
    }

    /// A solute's concentration in mmol/L (0 when the product does not list it).
    public func concentration(of solute: Solute) -> Double { composition[solute] ?? 0 }

    /// Calcium in mmol/L (what matters for citrate and for phosphate compatibility).
    public var calcium: Double { concentration(of: .calcium) }

    /// The confidence of each listed value.
    public var confidence: [Solute: Confidence] { values.mapValues(\.confidence) }

    /// The planning-relevant solutes (K, phosphate, Mg, Ca) whose value is unconfirmed.
    public var unconfirmedPlanningValues: [Solute] {
        Self.planningRelevant.filter { values[$0]?.confidence ?? .unconfirmed == .unconfirmed }
    }

    /// `false` when any of K, phosphate, Mg or Ca is unconfirmed: such a product is shown, but the
    /// planner leaves it out unless a case opts in.
    public var isPlanningEligible: Bool { unconfirmedPlanningValues.isEmpty }

    /// Why the product is (or is only cautiously) eligible; `nil` when every planning-relevant value
    /// is confirmed or derived.
    public var eligibilityNote: String? {
        let unconfirmed = unconfirmedPlanningValues
        if !unconfirmed.isEmpty {
            return "excluded from planning unless a case opts in: "
                + unconfirmed.map(\.symbol).joined(separator: ", ")
                + (unconfirmed.count == 1 ? " is" : " are") + " UNCONFIRMED"
        }
        let secondary = Self.planningRelevant.filter { values[$0]?.confidence == .secondary }
        if !secondary.isEmpty {
            return "eligible; " + secondary.map(\.symbol).joined(separator: ", ")
                + " from a secondary source only (primary text not seen)"
        }
        return nil
    }

    /// The weakest confidence among the values (a one-word summary for tables).
    public var weakestConfidence: Confidence { values.values.map(\.confidence).max() ?? .unconfirmed }

    /// Ideal osmolarity (mOsm/L): the composition's sum, in solute order (the same to the last bit every run).
    /// Used where the source states none.
    public var idealOsmolarity: Double { composition.sorted { $0.key < $1.key }.reduce(0) { $0 + $1.value } }

    /// Σ cations against Σ anions of the composition (see ``ChargeBalance``).
    public var chargeBalance: ChargeBalance { ChargeBalance(composition: composition, freeAcid: freeAcid?.value ?? 0) }

    /// The compartment that holds `solute` before mixing, when the bag data say.
    public func compartment(holding solute: Solute) -> Bag.Compartment? {
        bag?.compartments.first { $0.contains.contains(solute) }
    }
}

/// Source, confidence and note of a value that is not a quantity (roles, bag layout).
public struct Provenance: Sendable, Hashable {
    public let confidence: Confidence
    public let sources: [Source]
    public let note: String?

    public init(confidence: Confidence, sources: [Source], note: String?) {
        self.confidence = confidence
        self.sources = sources
        self.note = note
    }
}

/// A KRT fluid bag and its compartments before mixing.
public struct Bag: Sendable, Hashable {
    /// One chamber of a multi-chamber bag.
    public struct Compartment: Sendable, Hashable {
        /// The label's name for it (`A`, `B`, `small`, `large`, …).
        public let name: String
        /// Volume in L.
        public let volume: Double
        /// The solutes this chamber holds before mixing (those the sources name).
        public let contains: Set<Solute>
        public let provenance: Provenance

        public init(name: String, volume: Double, contains: Set<Solute>, provenance: Provenance) {
            self.name = name
            self.volume = volume
            self.contains = contains
            self.provenance = provenance
        }
    }

    /// Total volume in L after mixing.
    public let volume: SourcedQuantity
    /// The chambers, in label order; empty or one element for a single-chamber bag.
    public let compartments: [Compartment]
    public let note: String?

    public init(volume: SourcedQuantity, compartments: [Compartment], note: String?) {
        self.volume = volume
        self.compartments = compartments
        self.note = note
    }

    /// `true` when the chambers must be mixed before use (and before anything is added).
    public var isMultiChamber: Bool { compartments.count > 1 }
}
