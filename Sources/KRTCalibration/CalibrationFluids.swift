import KRTCatalog
import KRTUnits

/// Fluids a scenario gives by composition (HD dialysates, 4 % trisodium citrate), added to the bundled
/// catalog as research-only products so the normal case reader and resolver can use them — the same
/// mechanism as a site catalog (`--catalog`). Their K, phosphate and Mg are the scenario's; the other ions
/// only make a plausible fluid (ASSUMPTION, not used by the model): Na 140, Ca 1.25, HCO3 32 mmol/L,
/// chloride balancing the charge.
public struct CalibrationFluids: Sendable {
    public private(set) var products: [Formulation] = []

    public init() {}

    static let source = Source(key: "figures", document: "docs/validation/figures.yaml (a scenario's fluid composition)", url: nil)

    /// The product name for a fluid composition (K, P, Mg and a citrate buffer in mmol/L), registering it on
    /// first use. Citrate (a citrate-buffered dialysate) is named only when given; it takes its charge (3−) off
    /// the chloride.
    public mutating func dialysate(potassium k: Double, phosphate p: Double, magnesium mg: Double, citrate: Double = 0) -> String {
        let suffix = citrate > 0 ? " citrate \(Self.format(citrate))" : ""
        let name = "calibration fluid K \(Self.format(k)) P \(Self.format(p)) Mg \(Self.format(mg))" + suffix
        guard !products.contains(where: { $0.name == name }) else { return name }
        let chloride = 140 + k + 2 * 1.25 + 2 * mg - 32 - p - 3 * citrate
        var values: [Solute: Double] = [.potassium: k, .phosphate: p, .magnesium: mg, .sodium: 140, .calcium: 1.25, .bicarbonate: 32, .chloride: chloride]
        if citrate > 0 { values[.citrate] = citrate }
        add(id: "calibration-k\(Self.format(k))-p\(Self.format(p))-mg\(Self.format(mg))" + suffix.replacingOccurrences(of: " ", with: "-"),
            name: name, roles: [.dialysate, .replacement], values: values)
        return name
    }

    /// A trisodium citrate solution for regional anticoagulation (citrate and sodium in mmol/L).
    public mutating func citrate(named name: String, citrate: Double) -> String {
        guard !products.contains(where: { $0.name == name }) else { return name }
        add(id: "calibration-citrate-\(Self.format(citrate))", name: name, roles: [.citrate],
            values: [.sodium: 3 * citrate, .citrate: citrate, .potassium: 0, .phosphate: 0, .magnesium: 0, .calcium: 0])
        return name
    }

    mutating func add(id: String, name: String, roles: Set<FluidRole>, values: [Solute: Double]) {
        let sourced = values.mapValues { SourcedQuantity(stated: Quantity($0, .millimolePerLitre), value: $0, confidence: .derived,
                                                         sources: [Self.source], note: "calibration scenario") }
        products.append(Formulation(
            id: id, name: name, aliases: [], manufacturer: "none (calibration scenario)", market: .EU, roles: roles,
            rolesProvenance: Provenance(confidence: .derived, sources: [Self.source], note: "calibration scenario"),
            values: sourced, freeAcid: nil, osmolarity: nil, bag: nil,
            warnings: ["not a product: a fluid composition from a published study, for the calibration harness only"],
            notes: [], sources: [Self.source], file: "docs/validation/figures.yaml"))
    }

    /// `catalog` with these products added.
    public func extending(_ catalog: Catalog) -> Catalog {
        Catalog(fluids: catalog.fluids + products, supplements: catalog.supplements, compounding: catalog.compounding,
                sha256: catalog.sha256, directories: catalog.directories, limitsFile: catalog.limitsFile,
                labelExceedances: catalog.labelExceedances)
    }

    /// A concentration as written in a product name (`2`, `0.5`).
    static func format(_ x: Double) -> String { ScenarioTranslator.number(x) }
}
