import KRTUnits

/// The loaded catalog: commercial KRT fluids, supplements, compounding limits, and its hash.
///
/// Build it with ``load(directories:limitsFile:limits:)``. Every quantity is in internal units
/// (mmol/L, mmol, mmol/h, L, h); every value keeps its label text, source and confidence.
public struct Catalog: Sendable {
    /// Every fluid, sorted by id (planning-eligible or not; see ``Formulation/isPlanningEligible``).
    public let fluids: [Formulation]
    /// Every supplement, sorted by id, with the site's limits applied.
    public let supplements: [Supplement]
    /// Limits for additives compounded into KRT bags, with the site's limits applied.
    public let compounding: CompoundingLimits
    /// SHA-256 over the canonical text of every loaded file (fluids, supplements, compounding
    /// defaults, site limits), sorted: it changes when, and only when, the content changes.
    public let sha256: String
    /// The catalog folders read, in order (the bundled one first when used).
    public let directories: [String]
    /// The site limits file applied, if any.
    public let limitsFile: String?
    /// Standing notices, one line each ("site policy exceeds the label: …"), for every value a catalog
    /// or site file declares beyond the label or a plausibility ceiling with `loosens_label: true` and
    /// a reason (``SitePolicy``). Every report shows them; empty for the bundled catalog.
    public let labelExceedances: [String]

    private let fluidIndex: NameIndex<Formulation>
    private let supplementIndex: NameIndex<Supplement>

    public init(fluids: [Formulation], supplements: [Supplement], compounding: CompoundingLimits, sha256: String,
                directories: [String], limitsFile: String?, labelExceedances: [String] = []) {
        self.fluids = fluids.sorted { $0.id < $1.id }
        self.supplements = supplements.sorted { $0.id < $1.id }
        self.compounding = compounding
        self.sha256 = sha256
        self.directories = directories
        self.limitsFile = limitsFile
        self.labelExceedances = labelExceedances
        self.fluidIndex = NameIndex(self.fluids)
        self.supplementIndex = NameIndex(self.supplements)
    }

    /// The fluid whose id, name or alias matches (ignoring case, spaces, `-` and `_`).
    public func fluid(named name: String) -> Formulation? { fluidIndex.lookup(name) }

    /// The supplement whose id, name or alias matches (ignoring case, spaces, `-` and `_`).
    public func supplement(named name: String) -> Supplement? { supplementIndex.lookup(name) }

    /// Like ``fluid(named:)``, but a miss throws with up to three close names.
    public func resolveFluid(_ name: String) throws(LookupError) -> Formulation {
        if let fluid = fluid(named: name) { return fluid }
        throw LookupError(kind: "fluid", query: name, suggestions: fluidIndex.suggestions(for: name),
                          hint: supplement(named: name).map { "'\($0.name)' is a supplement, not a fluid" })
    }

    /// Like ``supplement(named:)``, but a miss throws with up to three close names.
    public func resolveSupplement(_ name: String) throws(LookupError) -> Supplement {
        if let supplement = supplement(named: name) { return supplement }
        throw LookupError(kind: "supplement", query: name, suggestions: supplementIndex.suggestions(for: name),
                          hint: fluid(named: name).map { "'\($0.name)' is a fluid, not a supplement" })
    }

    /// Fluids usable in `role`; ineligible ones (unconfirmed K, phosphate, Mg or Ca) only on request.
    public func fluids(for role: FluidRole, includingIneligible: Bool = false) -> [Formulation] {
        fluids.filter { $0.roles.contains(role) && (includingIneligible || $0.isPlanningEligible) }
    }

    /// The products sharing `group` (their per-24 h and per-48 h limits apply to the group total).
    public func supplements(inGroup group: String) -> [Supplement] {
        supplements.filter { $0.group == group }
    }
}
