import KRTInput
import KRTUnits

/// Reads one `supplements/<id>.yaml` file into a ``Supplement`` (format: docs/formulations.md).
enum SupplementReader {
    static let keys = ProductHeader.keys + ["manufacturer", "market", "route", "primary", "group", "sources", "unit",
                                            "compound", "concentrate", "infusion", "limits", "gate", "bioavailability"]
        + SitePolicy.declarationKeys

    static func read(_ document: YAMLDocument, fileStem: String, log: IssueLog) -> Supplement? {
        let root = document.field(log: log)
        guard root.expectMapping(allowedKeys: keys) else { return nil }
        let header = ProductHeader.read(root, fileStem: fileStem)
        let sources = SourceTable.read(root["sources"])
        let manufacturer = root["manufacturer"].string(required: false)
        let market = root["market"].isPresent ? root["market"].choice(Market.self) : nil
        let route = root["route"].choice(Route.self)
        let primary = root["primary"].choice(Solute.self)
        let group = root["group"].string(required: false, expected: "a group name shared by interchangeable products")
        let compound = root["compound"].isPresent ? readCompound(root["compound"], sources: sources) : nil
        let unit = readUnit(root["unit"], sources: sources, compound: compound)
        guard let header, let route, let primary, let unit, !log.hasErrors else { return nil }
        guard let primaryContent = unit.content[primary], primaryContent.value > 0 else {
            root["unit"]["content"].error("must give the primary solute '\(primary.rawValue)' (more than 0 per unit)")
            return nil
        }
        if let compound, compound.provides[primary] == nil {
            root["compound"]["provides"].error("must give the primary solute '\(primary.rawValue)'")
        }
        let concentrate = root["concentrate"].isPresent
            ? readConcentrate(root["concentrate"], primary: primary, sources: sources, compound: compound) : nil
        let infusion = root["infusion"].isPresent ? readInfusion(root["infusion"], sources: sources) : nil
        let limitReader = LimitReader(
            sources: sources, origin: .catalog(file: document.source), defaultBasis: nil,
            conversion: LimitConversion(primary: primary, content: unit.content.mapValues(\.value), compound: compound))
        let limits = root["limits"].isPresent ? readLimits(root["limits"], reader: limitReader) : SupplementLimits()
        let gate = root["gate"].isPresent ? readGate(root["gate"], sources: sources, origin: .catalog(file: document.source)) : nil
        let bioavailability = root["bioavailability"].isPresent
            ? sources.quantity(root["bioavailability"], .fraction, positive: true) { quantity throws(UnitError) in
                try quantity.canonicalValue()
            }
            : nil
        checkRoute(route, root: root, bioavailability: bioavailability)
        guard let limits, !log.hasErrors else { return nil }
        return Supplement(
            id: header.id, name: header.name, aliases: header.aliases, route: route, primarySolute: primary, group: group,
            manufacturer: manufacturer, market: market, unitLabel: unit.label, content: unit.content, compound: compound,
            concentrate: concentrate, infusion: infusion, limits: limits, bioavailability: bioavailability, gate: gate,
            notes: header.notes, sources: sources.ordered, file: document.source)
    }

    /// Oral products have no line limits, concentrate or infusion, and need a bioavailability.
    static func checkRoute(_ route: Route, root: Field, bioavailability: SourcedQuantity?) {
        switch route {
        case .oral:
            for key in ["concentrate", "infusion"] where root[key].isPresent {
                root[key].error("an oral product has no '\(key)'; remove it or set route: intravenous")
            }
            for key in ["max_rate", "max_concentration"] where root["limits"][key].isPresent {
                root["limits"][key].error("an oral product has no '\(key)'; use max_single_dose / max_per_24h")
            }
            if !root["bioavailability"].isPresent {
                root["bioavailability"].error("missing; an oral product needs the absorbed fraction, e.g. '67 %'")
            }
            if let bioavailability, bioavailability.value > 1 {
                root["bioavailability"]["value"].error(value: bioavailability.stated.description,
                                                       "\(bioavailability.stated) is more than 100 %")
            }
        case .intravenous:
            if root["bioavailability"].isPresent {
                root["bioavailability"].error("an intravenous product has no bioavailability; remove it")
            }
        }
    }

    /// `unit: {label: "MgSO4 1 g", content: {magnesium: {value: 8.12 mEq, …}, …}}`.
    static func readUnit(_ field: Field, sources: SourceTable, compound: Compound?)
        -> (label: String, content: [Solute: SourcedQuantity])? {
        guard field.expectMapping(allowedKeys: ["label", "content"]) else { return nil }
        let label = field["label"].string(expected: "the orderable unit as written on an order, e.g. 'KCl 10 mmol'")
        let content = perSolute(field["content"], .amount, sources: sources, compound: compound)
        guard let label, let content else { return nil }
        return (label, content)
    }

    /// A mapping of solutes to amounts or concentrations, each `{value, of?, source, confidence, note}`.
    /// `of: compound` means the stated mass is of the compound, not of the element.
    static func perSolute(_ field: Field, _ dimension: Dimension, sources: SourceTable,
                          compound: Compound?) -> [Solute: SourcedQuantity]? {
        guard field.expectMapping(allowedKeys: Solute.allCases.map(\.rawValue),
                                  expected: "a mapping of solutes to {value, source, confidence}") else { return nil }
        var result: [Solute: SourcedQuantity] = [:]
        for key in field.keys {
            guard let solute = Solute(rawValue: key) else { continue }
            let entry = field[key]
            let ofCompound = entry["of"].isPresent
            if ofCompound, entry["of"].string() != "compound" || compound == nil {
                entry["of"].error("only 'of: compound' is allowed here, and only when the file declares 'compound'")
                continue
            }
            let perMole = compound?.provides[solute]
            result[solute] = sources.quantity(entry, dimension, extraKeys: ["of"], positive: true) { quantity throws(UnitError) in
                guard ofCompound, let compound else { return try quantity.canonicalValue(for: solute) }
                return try quantity.canonicalValue(molarMass: compound.molarMass) * (perMole ?? 0)
            }
        }
        return result.count == field.keys.count ? result : nil
    }

    /// `compound: {name, molar_mass: 246.47 g/mol, provides: {magnesium: 1}, source, confidence}`.
    static func readCompound(_ field: Field, sources: SourceTable) -> Compound? {
        guard field.expectMapping(allowedKeys: ["name", "molar_mass", "provides", "source", "confidence", "note"]) else {
            return nil
        }
        let name = field["name"].string(expected: "the compound's name, e.g. 'magnesium sulfate heptahydrate'")
        let molarMass = readMolarMass(field["molar_mass"])
        let provenance = sources.provenance(field)
        var provides: [Solute: Double] = [:]
        let providesField = field["provides"]
        if providesField.expectMapping(allowedKeys: Solute.allCases.map(\.rawValue),
                                       expected: "a mapping of solutes to mol per mol of compound, e.g. {magnesium: 1}") {
            for key in providesField.keys {
                guard let solute = Solute(rawValue: key), let count = providesField[key].number(expected: "mol per mol") else { continue }
                if count > 0 { provides[solute] = count } else { providesField[key].error("must be more than 0") }
            }
        }
        guard let name, let molarMass, let provenance, !provides.isEmpty else { return nil }
        return Compound(name: name, molarMass: molarMass, provides: provides, provenance: provenance)
    }

    /// `246.47 g/mol` (the only molar-mass unit; KRTUnits has no molar-mass dimension).
    static func readMolarMass(_ field: Field) -> Double? {
        guard let text = field.string(expected: "a molar mass such as '246.47 g/mol'") else { return nil }
        let parts = text.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 2, parts[1] == "g/mol", let value = Double(parts[0]), value.isFinite, value > 0 else {
            field.error(value: text, "'\(text)' is not a molar mass; expected a positive number with 'g/mol', e.g. '246.47 g/mol'")
            return nil
        }
        return value
    }

    /// `concentrate: {strength: {phosphate: {value: 3 mmol/mL, …}, …}, osmolarity: {…}}`.
    static func readConcentrate(_ field: Field, primary: Solute, sources: SourceTable, compound: Compound?) -> Concentrate? {
        guard field.expectMapping(allowedKeys: ["strength", "osmolarity"]) else { return nil }
        let strength = perSolute(field["strength"], .concentration, sources: sources, compound: compound)
        let osmolarity = sources.quantity(field["osmolarity"], .osmolarity, positive: true) { quantity throws(UnitError) in
            try quantity.canonicalValue()
        }
        guard let strength, let osmolarity else { return nil }
        guard strength[primary] != nil else {
            field["strength"].error("must give the primary solute '\(primary.rawValue)'")
            return nil
        }
        return Concentrate(strength: strength, osmolarity: osmolarity)
    }

    /// `infusion: {volume: {…}, duration: {…}, osmolarity: {…}}`, per orderable unit.
    static func readInfusion(_ field: Field, sources: SourceTable) -> Infusion? {
        guard field.expectMapping(allowedKeys: ["volume", "duration", "osmolarity"]) else { return nil }
        let canonical = { (quantity: Quantity) throws(UnitError) -> Double in try quantity.canonicalValue() }
        let volume = sources.quantity(field["volume"], .volume, positive: true, convert: canonical)
        let duration = sources.quantity(field["duration"], .time, positive: true, convert: canonical)
        let osmolarity = field["osmolarity"].isPresent
            ? sources.quantity(field["osmolarity"], .osmolarity, positive: true, convert: canonical) : nil
        guard let volume, let duration else { return nil }
        return Infusion(volume: volume, duration: duration, osmolarity: osmolarity)
    }

    /// The `limits:` mapping (shared with site limits files).
    static func readLimits(_ field: Field, reader: LimitReader, base: SupplementLimits = SupplementLimits(),
                           extraKeys: [String] = []) -> SupplementLimits? {
        let keys = ["max_concentration", "max_rate", "max_single_dose", "max_per_24h", "max_per_48h"]
        guard field.expectMapping(allowedKeys: keys + extraKeys) else {
            return nil
        }
        var limits = base
        var failed = false
        func single(_ key: String, _ dimension: Dimension) -> Limit?? {
            guard field[key].isPresent else { return .none }
            let limit = reader.limit(field[key], dimension)
            if limit == nil { failed = true }
            return .some(limit)
        }
        if field["max_concentration"].isPresent {
            if let perLine = reader.perLine(field["max_concentration"], .concentration) {
                limits.maxConcentration.merge(perLine) { _, new in new }
            } else { failed = true }
        }
        if field["max_rate"].isPresent {
            if let perLine = reader.perLine(field["max_rate"], .amountRate) {
                limits.maxRate.merge(perLine) { _, new in new }
            } else { failed = true }
        }
        if let limit = single("max_single_dose", .amount) { limits.maxSingleDose = limit }
        if let limit = single("max_per_24h", .amount) { limits.maxPer24h = limit }
        if let limit = single("max_per_48h", .amount) { limits.maxPer48h = limit }
        return failed ? nil : limits
    }

    /// `gate: {serum: potassium, value: 4 mEq/L, basis, source, confidence, quote, note}`: give only
    /// while the serum level is below `value`.
    static func readGate(_ field: Field, sources: SourceTable, origin: LimitOrigin, defaultBasis: LimitBasis? = nil) -> Gate? {
        guard let serum = field["serum"].choice(Solute.self) else { return nil }
        let reader = LimitReader(sources: sources, origin: origin, defaultBasis: defaultBasis,
                                 conversion: LimitConversion(solute: serum))
        guard let limit = reader.limit(field, .concentration, extraKeys: ["serum"]) else { return nil }
        return Gate(serum: serum, limit: limit)
    }
}
