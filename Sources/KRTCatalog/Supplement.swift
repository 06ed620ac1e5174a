import KRTUnits

/// How a supplement is given.
public enum Route: String, Sendable, Hashable, CaseIterable, Codable {
    case intravenous
    case oral
}

/// A supplement the planner may order and the pharmacist may add: IV or oral K, phosphate, Mg.
///
/// Amounts are mmol, volumes L, times h, concentrations mmol/L. The *primary solute* is what the
/// orderable unit is counted in (K for KCl, phosphate as P for phosphates, Mg for MgSO₄); every
/// limit is expressed in it.
public struct Supplement: Sendable, Hashable, Identifiable {
    /// Stable identifier, equal to the data file's name without `.yaml`.
    public let id: String
    public let name: String
    /// Other names; lookups ignore case, spaces, `-` and `_`.
    public let aliases: [String]
    public let route: Route
    public let primarySolute: Solute
    /// Products of one group share their per-24 h and per-48 h limits: the limit applies to the
    /// group's total, and every member states the same value (checked at load).
    public let group: String?
    public let manufacturer: String?
    public let market: Market?
    /// The orderable unit as a clinician writes it: `KCl 10 mmol`, `MgSO4 1 g`, `1 tablet`.
    public let unitLabel: String
    /// Content of one orderable unit per solute, as the source states it.
    public let content: [Solute: SourcedQuantity]
    /// The compound, for orders and limits given as a mass of the salt.
    public let compound: Compound?
    /// The vial concentrate used to compound additives into a bag (IV only).
    public let concentrate: Concentrate?
    /// The ready-to-hang infusion of one orderable unit (IV only).
    public let infusion: Infusion?
    public let limits: SupplementLimits
    /// Fraction of an oral dose absorbed (0–1), for oral products.
    public let bioavailability: SourcedQuantity?
    /// A serum level that must be low enough before the product is given.
    public let gate: Gate?
    public let notes: [String]
    public let sources: [Source]
    public let file: String

    public init(id: String, name: String, aliases: [String], route: Route, primarySolute: Solute, group: String?,
                manufacturer: String?, market: Market?, unitLabel: String, content: [Solute: SourcedQuantity],
                compound: Compound?, concentrate: Concentrate?, infusion: Infusion?, limits: SupplementLimits,
                bioavailability: SourcedQuantity?, gate: Gate?, notes: [String], sources: [Source], file: String) {
        self.id = id
        self.name = name
        self.aliases = aliases
        self.route = route
        self.primarySolute = primarySolute
        self.group = group
        self.manufacturer = manufacturer
        self.market = market
        self.unitLabel = unitLabel
        self.content = content
        self.compound = compound
        self.concentrate = concentrate
        self.infusion = infusion
        self.limits = limits
        self.bioavailability = bioavailability
        self.gate = gate
        self.notes = notes
        self.sources = sources
        self.file = file
    }

    /// mmol per orderable unit, per solute.
    public var contentPerUnit: [Solute: Double] { content.mapValues(\.value) }

    /// mmol of the primary solute in one orderable unit.
    public var primaryPerUnit: Double { content[primarySolute]?.value ?? 0 }

    /// Infusion volume of one orderable unit in L (IV), `nil` for oral products.
    public var volumePerUnit: Double? { infusion?.volume.value }

    /// Default infusion duration of one orderable unit in h (IV), `nil` for oral products.
    public var defaultDuration: Double? { infusion?.duration.value }

    /// Maximum rate on `line`, in mmol/h of the primary solute.
    public func maxRate(_ line: AccessLine) -> Limit? { limits.maxRate[line] }

    /// Maximum rate on `line` in orderable units per hour.
    public func maxUnitsPerHour(_ line: AccessLine) -> Double? {
        guard let limit = maxRate(line), primaryPerUnit > 0 else { return nil }
        return limit.value / primaryPerUnit
    }

    /// Maximum infusion concentration on `line`, in mmol/L of the primary solute.
    public func maxConcentration(_ line: AccessLine) -> Limit? { limits.maxConcentration[line] }

    /// Largest single dose, mmol of the primary solute.
    public var maxSingleDose: Limit? { limits.maxSingleDose }
    /// Largest total in any 24 h, mmol of the primary solute (for the whole ``group`` if any).
    public var maxPer24h: Limit? { limits.maxPer24h }
    /// Largest total in any 48 h, mmol of the primary solute (for the whole ``group`` if any).
    public var maxPer48h: Limit? { limits.maxPer48h }

    /// The same product with other limits and gate (a site's limits file).
    func replacing(limits: SupplementLimits, gate: Gate?) -> Supplement {
        Supplement(id: id, name: name, aliases: aliases, route: route, primarySolute: primarySolute, group: group,
                   manufacturer: manufacturer, market: market, unitLabel: unitLabel, content: content,
                   compound: compound, concentrate: concentrate, infusion: infusion, limits: limits,
                   bioavailability: bioavailability, gate: gate, notes: notes, sources: sources, file: file)
    }

    /// `true` when the product can be compounded into a KRT bag (it has a vial concentrate).
    public var isAdditive: Bool { concentrate != nil }
}

/// A salt with its molar mass, for amounts given as a mass of the compound.
public struct Compound: Sendable, Hashable {
    /// E.g. `magnesium sulfate heptahydrate`.
    public let name: String
    /// g/mol.
    public let molarMass: Double
    /// mol of each solute per mol of compound.
    public let provides: [Solute: Double]
    public let provenance: Provenance

    public init(name: String, molarMass: Double, provides: [Solute: Double], provenance: Provenance) {
        self.name = name
        self.molarMass = molarMass
        self.provides = provides
        self.provenance = provenance
    }
}

/// A vial concentrate: what one mL holds, and its osmolarity.
public struct Concentrate: Sendable, Hashable {
    /// Concentration per solute in mmol/L (e.g. 3 mmol/mL phosphate = 3000 mmol/L).
    public let strength: [Solute: SourcedQuantity]
    /// mOsm/L of the concentrate.
    public let osmolarity: SourcedQuantity

    public init(strength: [Solute: SourcedQuantity], osmolarity: SourcedQuantity) {
        self.strength = strength
        self.osmolarity = osmolarity
    }

    /// Volume in L that carries `amount` mmol of `solute`.
    public func volume(carrying amount: Double, of solute: Solute) -> Double? {
        guard let perLitre = strength[solute]?.value, perLitre > 0 else { return nil }
        return amount / perLitre
    }
}

/// The ready-to-hang infusion of one orderable unit.
public struct Infusion: Sendable, Hashable {
    /// Volume per orderable unit in L.
    public let volume: SourcedQuantity
    /// Default duration per orderable unit in h.
    public let duration: SourcedQuantity
    /// Osmolarity of the ready infusion (mOsm/L), when stated (premixed bags).
    public let osmolarity: SourcedQuantity?

    public init(volume: SourcedQuantity, duration: SourcedQuantity, osmolarity: SourcedQuantity?) {
        self.volume = volume
        self.duration = duration
        self.osmolarity = osmolarity
    }
}

/// A supplement's limits; every value is in the primary solute (see ``Limit``).
public struct SupplementLimits: Sendable, Hashable {
    public var maxConcentration: [AccessLine: Limit]
    public var maxRate: [AccessLine: Limit]
    public var maxSingleDose: Limit?
    public var maxPer24h: Limit?
    public var maxPer48h: Limit?

    public init(maxConcentration: [AccessLine: Limit] = [:], maxRate: [AccessLine: Limit] = [:],
                maxSingleDose: Limit? = nil, maxPer24h: Limit? = nil, maxPer48h: Limit? = nil) {
        self.maxConcentration = maxConcentration
        self.maxRate = maxRate
        self.maxSingleDose = maxSingleDose
        self.maxPer24h = maxPer24h
        self.maxPer48h = maxPer48h
    }

    /// Every limit with its field name as in the data files (`max_rate.central`, …), in a fixed order.
    public var all: [(name: String, limit: Limit)] {
        var result: [(String, Limit)] = []
        for line in AccessLine.allCases {
            if let limit = maxConcentration[line] { result.append(("max_concentration.\(line.rawValue)", limit)) }
        }
        for line in AccessLine.allCases {
            if let limit = maxRate[line] { result.append(("max_rate.\(line.rawValue)", limit)) }
        }
        if let maxSingleDose { result.append(("max_single_dose", maxSingleDose)) }
        if let maxPer24h { result.append(("max_per_24h", maxPer24h)) }
        if let maxPer48h { result.append(("max_per_48h", maxPer48h)) }
        return result
    }
}
