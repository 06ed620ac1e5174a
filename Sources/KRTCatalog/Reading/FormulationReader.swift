import KRTInput
import KRTUnits

/// Reads one `fluids/<id>.yaml` file into a ``Formulation`` (format: docs/formulations.md).
enum FormulationReader {
    static let keys = ProductHeader.keys
        + ["manufacturer", "market", "roles", "sources", "composition", "free_acid", "osmolarity", "bag", "warnings"]
        + SitePolicy.declarationKeys

    static func read(_ document: YAMLDocument, fileStem: String, log: IssueLog) -> Formulation? {
        let root = document.field(log: log)
        guard root.expectMapping(allowedKeys: keys) else { return nil }
        let header = ProductHeader.read(root, fileStem: fileStem)
        let sources = SourceTable.read(root["sources"])
        let manufacturer = root["manufacturer"].string(expected: "the manufacturer or marketing-authorisation holder")
        let market = root["market"].choice(Market.self)
        let roles = readRoles(root["roles"], sources: sources)
        let values = readComposition(root["composition"], sources: sources)
        let freeAcid = root["free_acid"].isPresent
            ? sources.quantity(root["free_acid"], .concentration) { quantity throws(UnitError) in
                try quantity.canonicalValue(molarMass: 1.008, valence: 1)
            }
            : nil
        let osmolarity = root["osmolarity"].isPresent
            ? sources.quantity(root["osmolarity"], .osmolarity, positive: true) { quantity throws(UnitError) in
                try quantity.canonicalValue()
            }
            : nil
        let bag = root["bag"].isPresent ? BagReader.read(root["bag"], sources: sources) : nil
        let warnings = root["warnings"].stringList(required: false, expected: "a list of label warnings") ?? []
        guard let header, let manufacturer, let market, let roles, let values, !log.hasErrors else { return nil }
        let formulation = Formulation(
            id: header.id, name: header.name, aliases: header.aliases, manufacturer: manufacturer, market: market,
            roles: roles.roles, rolesProvenance: roles.provenance, values: values, freeAcid: freeAcid,
            osmolarity: osmolarity, bag: bag, warnings: warnings, notes: header.notes, sources: sources.ordered,
            file: document.source)
        checkChargeBalance(formulation, field: root["composition"])
        return log.hasErrors ? nil : formulation
    }

    /// `roles: {value: [dialysate, replacement], source, confidence, note}`.
    static func readRoles(_ field: Field, sources: SourceTable) -> (roles: Set<FluidRole>, provenance: Provenance)? {
        guard field.expectMapping(allowedKeys: ["value", "source", "confidence", "note"],
                                  expected: "a mapping {value: [dialysate, replacement, citrate], source, confidence}"),
              let items = field["value"].list(expected: "a list of roles: dialysate, replacement, citrate") else {
            return nil
        }
        let roles = items.compactMap { $0.choice(FluidRole.self) }
        let provenance = sources.provenance(field)
        guard roles.count == items.count, let provenance else { return nil }
        if roles.isEmpty {
            field["value"].error("no role given; expected at least one of dialysate, replacement, citrate")
            return nil
        }
        return (Set(roles), provenance)
    }

    /// `composition:` must list every solute of ``Solute`` (0 where the product has none), each with
    /// the unit the label states.
    static func readComposition(_ field: Field, sources: SourceTable) -> [Solute: SourcedQuantity]? {
        guard field.expectMapping(allowedKeys: field.keys,
                                  expected: "a mapping of solutes (sodium, potassium, …) to {value, source, confidence}") else {
            return nil
        }
        for key in field.keys where Solute(rawValue: key) == nil {
            let hint = Solute.suggestion(for: key).map { " (did you mean '\($0)'?)" } ?? ""
            field[key].error(value: key, "unknown solute '\(key)'\(hint); allowed here: "
                + Solute.allCases.map(\.rawValue).joined(separator: ", "))
        }
        var values: [Solute: SourcedQuantity] = [:]
        for solute in Solute.allCases {
            let entry = field[solute.rawValue]
            guard entry.isPresent else {
                entry.error("missing; list every solute, with '0 mmol/L' where the product has none")
                continue
            }
            values[solute] = sources.quantity(entry, .concentration) { quantity throws(UnitError) in
                try quantity.canonicalValue(for: solute)
            }
        }
        return values.count == Solute.allCases.count ? values : nil
    }

    static func checkChargeBalance(_ formulation: Formulation, field: Field) {
        let balance = formulation.chargeBalance
        guard !balance.isBalanced else { return }
        let sign = balance.gap > 0 ? "+" : ""
        field.error(
            value: "gap \(sign)\(formatFixed(balance.gap, digits: 2)) mEq/L",
            "charge balance is off by \(sign)\(formatFixed(balance.gap, digits: 2)) mEq/L (cations "
                + "\(formatFixed(balance.cations, digits: 2)), anions \(formatFixed(balance.anions, digits: 2)) mEq/L; "
                + "tolerance ±\(formatFixed(ChargeBalance.tolerance, digits: 2)), phosphate counted at "
                + "\(formatFixed(ChargeBalance.phosphateCharge, digits: 1)) mEq/mmol). Most often Ca or Mg was entered "
                + "in mmol/L where the label states mEq/L, or the reverse: check every unit against the label")
    }
}

/// Reads `bag: {volume, compartments: [{name, volume, contains, source, confidence}], note}`.
enum BagReader {
    /// Largest accepted difference between the bag volume and the sum of its compartments (L).
    static let volumeTolerance = 0.0005

    static func read(_ field: Field, sources: SourceTable) -> Bag? {
        guard field.expectMapping(allowedKeys: ["volume", "compartments", "note"]) else { return nil }
        let volume = sources.quantity(field["volume"], .volume, positive: true) { quantity throws(UnitError) in
            try quantity.canonicalValue()
        }
        let note = field["note"].string(required: false)
        var compartments: [Bag.Compartment] = []
        let items = field["compartments"].list(required: false, expected: "a list of compartments") ?? []
        for item in items {
            if let compartment = readCompartment(item, sources: sources) { compartments.append(compartment) }
        }
        guard let volume, compartments.count == items.count else { return nil }
        if !compartments.isEmpty {
            let total = compartments.map(\.volume).reduce(0, +)
            if abs(total - volume.value) > volumeTolerance {
                field["compartments"].error(
                    value: "\(Quantity.format(total * 1000)) mL",
                    "compartments add up to \(Quantity.format(total * 1000)) mL but the bag volume is \(volume.stated)")
                return nil
            }
        }
        return Bag(volume: volume, compartments: compartments, note: note)
    }

    static func readCompartment(_ field: Field, sources: SourceTable) -> Bag.Compartment? {
        guard field.expectMapping(allowedKeys: ["name", "volume", "contains", "source", "confidence", "note"]) else {
            return nil
        }
        let name = field["name"].string(expected: "the compartment's name on the label")
        let volume = field["volume"].quantity(.volume)
        let provenance = sources.provenance(field)
        let items = field["contains"].list(expected: "a list of solutes held in this compartment") ?? []
        var contains: Set<Solute> = []
        var unknown = 0
        for item in items {
            guard let text = item.string(expected: "a solute name") else { continue }
            if let solute = Solute(rawValue: text) {
                contains.insert(solute)
            } else {
                let hint = Solute.suggestion(for: text).map { " (did you mean '\($0)'?)" } ?? ""
                item.error(value: text, "unknown solute '\(text)'\(hint)")
                unknown += 1
            }
        }
        guard let name, let volume, let provenance, unknown == 0 else { return nil }
        let litres = (try? volume.canonicalValue()) ?? 0
        guard SourceTable.checkSign(litres, stated: volume, positive: true, field: field["volume"]) else { return nil }
        return Bag.Compartment(name: name, volume: litres, contains: contains, provenance: provenance)
    }
}
