import KRTCatalog
import KRTUnits

/// One line per fluid for `formulations list --format json`.
struct FluidSummaryView: Encodable {
    let id: String
    let name: String
    let aliases: [String]
    let manufacturer: String
    let market: String
    let roles: [String]
    let planningEligible: Bool
    let eligibilityNote: String?
    /// mmol/L per solute.
    let compositionMmolPerLitre: [String: Double]
    let weakestConfidence: String

    init(_ fluid: Formulation) {
        id = fluid.id
        name = fluid.name
        aliases = fluid.aliases
        manufacturer = fluid.manufacturer
        market = fluid.market.rawValue
        roles = fluid.roles.sorted().map(\.rawValue)
        planningEligible = fluid.isPlanningEligible
        eligibilityNote = fluid.eligibilityNote
        compositionMmolPerLitre = Dictionary(uniqueKeysWithValues: fluid.composition.map { ($0.key.rawValue, Number.rounded($0.value)) })
        weakestConfidence = fluid.weakestConfidence.rawValue
    }
}

/// Everything about one fluid for `formulations show --format json`.
struct FluidDetailView: Encodable {
    struct Roles: Encodable {
        let value: [String]
        let confidence: String
        let sources: [String]
        let note: String?
    }

    struct Balance: Encodable {
        let cationsMeqPerLitre: Double
        let anionsMeqPerLitre: Double
        let gapMeqPerLitre: Double
        let toleranceMeqPerLitre: Double
        let phosphateChargeUsed: Double
    }

    struct Compartment: Encodable {
        let name: String
        let volumeMillilitres: Double
        let contains: [String]
        let confidence: String
        let sources: [String]
        let note: String?
    }

    struct BagView: Encodable {
        let volume: ValueView
        let compartments: [Compartment]
        let mustBeMixedBeforeAdditives: Bool
        let note: String?
    }

    let kind = "fluid"
    let id: String
    let name: String
    let aliases: [String]
    let manufacturer: String
    let market: String
    let roles: Roles
    let composition: [String: ValueView]
    let freeAcid: ValueView?
    let osmolarity: ValueView?
    let chargeBalance: Balance
    let bag: BagView?
    let planningEligible: Bool
    let eligibilityNote: String?
    let warnings: [String]
    let notes: [String]
    let sources: [SourceView]

    init(_ fluid: Formulation) {
        id = fluid.id
        name = fluid.name
        aliases = fluid.aliases
        manufacturer = fluid.manufacturer
        market = fluid.market.rawValue
        roles = Roles(value: fluid.roles.sorted().map(\.rawValue), confidence: fluid.rolesProvenance.confidence.rawValue,
                      sources: fluid.rolesProvenance.sources.map(\.key), note: fluid.rolesProvenance.note)
        composition = Dictionary(uniqueKeysWithValues: fluid.values.map { ($0.key.rawValue, ValueView($0.value, unit: "mmol/L")) })
        freeAcid = fluid.freeAcid.map { ValueView($0, unit: "mmol/L") }
        osmolarity = fluid.osmolarity.map { ValueView($0, unit: "mOsm/L") }
        let balance = fluid.chargeBalance
        chargeBalance = Balance(cationsMeqPerLitre: Number.rounded(balance.cations), anionsMeqPerLitre: Number.rounded(balance.anions),
                                gapMeqPerLitre: Number.rounded(balance.gap), toleranceMeqPerLitre: ChargeBalance.tolerance,
                                phosphateChargeUsed: ChargeBalance.phosphateCharge)
        bag = fluid.bag.map { bag in
            BagView(volume: ValueView(bag.volume, unit: "L"),
                    compartments: bag.compartments.map {
                        Compartment(name: $0.name, volumeMillilitres: Number.rounded($0.volume * 1000),
                                    contains: $0.contains.sorted().map(\.rawValue), confidence: $0.provenance.confidence.rawValue,
                                    sources: $0.provenance.sources.map(\.key), note: $0.provenance.note)
                    },
                    mustBeMixedBeforeAdditives: bag.isMultiChamber, note: bag.note)
        }
        planningEligible = fluid.isPlanningEligible
        eligibilityNote = fluid.eligibilityNote
        warnings = fluid.warnings
        notes = fluid.notes
        sources = fluid.sources.map(SourceView.init)
    }
}

/// Text renderings of fluids.
enum FluidText {
    static func list(_ fluids: [Formulation]) -> String {
        var table = TextTable(header: ["ID", "NAME", "MARKET", "ROLES", "K", "PO4", "Mg", "Ca", "PLANNING"], numeric: [4, 5, 6, 7])
        for fluid in fluids {
            table.rows.append([fluid.id, fluid.name, fluid.market.rawValue, fluid.roles.sorted().map(\.rawValue).joined(separator: ",")]
                + [Solute.potassium, .phosphate, .magnesium, .calcium].map { formatFixed(fluid.concentration(of: $0), digits: 2) }
                + [fluid.isPlanningEligible ? "eligible" : "excluded (unconfirmed values)"])
        }
        return table.render()
    }

    static func provenance(_ confidence: Confidence, _ sources: [Source], _ note: String?) -> String {
        "(\(confidence.rawValue); \(sources.map(\.key).joined(separator: ", ")))" + (note.map { " \($0)" } ?? "")
    }

    static func show(_ fluid: Formulation) -> String {
        var lines = [fluid.name, ""]
        let field = { (name: String, value: String) in lines.append("  " + name.padding(toLength: 14, withPad: " ", startingAt: 0) + value) }
        field("id", fluid.id)
        field("aliases", fluid.aliases.isEmpty ? "-" : fluid.aliases.joined(separator: "; "))
        field("manufacturer", fluid.manufacturer)
        field("market", fluid.market.rawValue)
        field("roles", fluid.roles.sorted().map(\.rawValue).joined(separator: ", ") + " "
            + provenance(fluid.rolesProvenance.confidence, fluid.rolesProvenance.sources, fluid.rolesProvenance.note))
        field("planning", (fluid.isPlanningEligible ? "eligible" : "EXCLUDED") + (fluid.eligibilityNote.map { ": \($0)" } ?? ""))
        lines += ["", "Composition after mixing"]
        var table = TextTable(header: ["solute", "as stated", "mmol/L", "confidence", "source", "note"], numeric: [2])
        for solute in Formulation.labelOrder {
            guard let value = fluid.values[solute] else { continue }
            table.rows.append([solute.rawValue, value.stated.description, formatFixed(value.value, digits: 2),
                               value.confidence.rawValue, value.sourceKeys, value.note ?? ""])
        }
        lines += table.render().split(separator: "\n").map { "  " + $0 }
        if let acid = fluid.freeAcid {
            lines.append("  free acid (H+) \(acid.stated) " + provenance(acid.confidence, acid.sources, acid.note))
        }
        let balance = fluid.chargeBalance
        lines += ["", "Charge balance: cations \(formatFixed(balance.cations, digits: 2)), anions \(formatFixed(balance.anions, digits: 2)) mEq/L, "
            + "gap \(formatFixed(balance.gap, digits: 2)) (tolerance ±\(formatFixed(ChargeBalance.tolerance, digits: 2)); phosphate counted at "
            + "\(formatFixed(ChargeBalance.phosphateCharge, digits: 1)) mEq/mmol)"]
        lines.append("Osmolarity: " + (fluid.osmolarity.map { "\($0.stated) " + provenance($0.confidence, $0.sources, $0.note) }
            ?? "not stated (computed ideal \(formatFixed(fluid.idealOsmolarity, digits: 0)) mOsm/L)"))
        if let bag = fluid.bag {
            lines.append("Bag: \(bag.volume.stated) " + provenance(bag.volume.confidence, bag.volume.sources, bag.volume.note)
                + (bag.isMultiChamber ? "; mix the chambers before use and before any additive" : ""))
            for compartment in bag.compartments {
                lines.append("  \(compartment.name): \(Quantity.format(compartment.volume * 1000)) mL, "
                    + Formulation.labelOrder.filter(compartment.contains.contains).map(\.rawValue).joined(separator: ", ") + " "
                    + provenance(compartment.provenance.confidence, compartment.provenance.sources, compartment.provenance.note))
            }
            if let note = bag.note { lines.append("  \(note)") }
        } else {
            lines.append("Bag: not described in the sources (give --volume to 'krtplan check')")
        }
        appendList("Warnings", fluid.warnings, to: &lines)
        appendList("Notes", fluid.notes, to: &lines)
        appendSources(fluid.sources, file: fluid.file, to: &lines)
        return lines.joined(separator: "\n")
    }

    static func appendList(_ title: String, _ items: [String], to lines: inout [String]) {
        guard !items.isEmpty else { return }
        lines += ["", title] + items.map { "  - \($0)" }
    }

    static func appendSources(_ sources: [Source], file: String, to lines: inout [String]) {
        lines += ["", "Sources"] + sources.map { "  \($0.key): \($0.document)" + ($0.url.map { " <\($0)>" } ?? "") }
        lines += ["", "File: \(file)"]
    }
}
