import KRTCatalog
import KRTUnits

/// One line per supplement for `formulations list --supplements --format json`.
struct SupplementSummaryView: Encodable {
    let id: String
    let name: String
    let aliases: [String]
    let route: String
    let primarySolute: String
    let unit: String
    /// mmol per orderable unit, per solute.
    let contentMmolPerUnit: [String: Double]
    let additive: Bool
    let group: String?

    init(_ supplement: Supplement) {
        id = supplement.id
        name = supplement.name
        aliases = supplement.aliases
        route = supplement.route.rawValue
        primarySolute = supplement.primarySolute.rawValue
        unit = supplement.unitLabel
        contentMmolPerUnit = Dictionary(uniqueKeysWithValues: supplement.contentPerUnit.map { ($0.key.rawValue, Number.rounded($0.value)) })
        additive = supplement.isAdditive
        group = supplement.group
    }
}

/// Everything about one supplement for `formulations show --format json`.
struct SupplementDetailView: Encodable {
    struct Concentrate: Encodable {
        let strength: [String: ValueView]
        let osmolarity: ValueView
    }

    struct Infusion: Encodable {
        let volume: ValueView
        let duration: ValueView
        let osmolarity: ValueView?
    }

    struct Gate: Encodable {
        let serum: String
        let below: LimitView
    }

    struct Compound: Encodable {
        let name: String
        let molarMassGramsPerMole: Double
        let provides: [String: Double]
    }

    let kind = "supplement"
    let id: String
    let name: String
    let aliases: [String]
    let route: String
    let primarySolute: String
    let group: String?
    let manufacturer: String?
    let market: String?
    let unit: String
    let content: [String: ValueView]
    let compound: Compound?
    let concentrate: Concentrate?
    let infusion: Infusion?
    /// Keyed as in the data files (`max_rate.central`, `max_per_24h`, …), in the primary solute.
    let limits: [String: LimitView]
    let gate: Gate?
    let bioavailability: ValueView?
    let notes: [String]
    let sources: [SourceView]

    init(_ supplement: Supplement) {
        id = supplement.id
        name = supplement.name
        aliases = supplement.aliases
        route = supplement.route.rawValue
        primarySolute = supplement.primarySolute.rawValue
        group = supplement.group
        manufacturer = supplement.manufacturer
        market = supplement.market?.rawValue
        unit = supplement.unitLabel
        content = Dictionary(uniqueKeysWithValues: supplement.content.map { ($0.key.rawValue, ValueView($0.value, unit: "mmol")) })
        compound = supplement.compound.map {
            Compound(name: $0.name, molarMassGramsPerMole: $0.molarMass,
                     provides: Dictionary(uniqueKeysWithValues: $0.provides.map { ($0.key.rawValue, $0.value) }))
        }
        concentrate = supplement.concentrate.map {
            Concentrate(strength: Dictionary(uniqueKeysWithValues: $0.strength.map { ($0.key.rawValue, ValueView($0.value, unit: "mmol/L")) }),
                        osmolarity: ValueView($0.osmolarity, unit: "mOsm/L"))
        }
        infusion = supplement.infusion.map {
            Infusion(volume: ValueView($0.volume, unit: "L"), duration: ValueView($0.duration, unit: "h"),
                     osmolarity: $0.osmolarity.map { ValueView($0, unit: "mOsm/L") })
        }
        let primary = supplement.primarySolute
        limits = Dictionary(uniqueKeysWithValues: supplement.limits.all.map {
            ($0.name, LimitView($0.limit, unit: Limit.unit(forField: $0.name), solute: primary))
        })
        gate = supplement.gate.map { Gate(serum: $0.serum.rawValue, below: LimitView($0.limit, unit: "mmol/L", solute: $0.serum)) }
        bioavailability = supplement.bioavailability.map { ValueView($0, unit: "fraction") }
        notes = supplement.notes
        sources = supplement.sources.map(SourceView.init)
    }
}

/// Text renderings of supplements.
enum SupplementText {
    static func content(_ supplement: Supplement) -> String {
        Formulation.labelOrder.compactMap { solute in
            supplement.contentPerUnit[solute].map { "\(solute.symbol) \(Number.compact($0))" }
        }.joined(separator: ", ")
    }

    static func list(_ supplements: [Supplement]) -> String {
        var table = TextTable(header: ["ID", "NAME", "ROUTE", "UNIT", "CONTENT (mmol/unit)", "ADDITIVE"])
        for supplement in supplements {
            table.rows.append([supplement.id, supplement.name, supplement.route.rawValue, supplement.unitLabel,
                               content(supplement), supplement.isAdditive ? "yes" : "no"])
        }
        return table.render()
    }

    /// "36.516 mmol/h magnesium [label, confirmed; label] (stated 150 mg/min of magnesium sulfate heptahydrate)".
    static func limit(_ limit: Limit, unit: String, solute: Solute) -> String {
        let canonical = "\(Number.compact(limit.value, digits: 3)) \(unit)"
        let stated = "\(limit.stated)" == canonical && limit.subject == .solute(solute)
            ? "" : " (stated \(limit.stated) of \(limit.subject))"
        return "\(canonical) \(solute.rawValue) [\(limit.basis.rawValue), \(limit.confidence.rawValue); "
            + "\(limit.sources.map(\.key).joined(separator: ", "))]\(stated)"
    }

    static func show(_ supplement: Supplement) -> String {
        var lines = [supplement.name, ""]
        let field = { (name: String, value: String) in lines.append("  " + name.padding(toLength: 16, withPad: " ", startingAt: 0) + value) }
        field("id", supplement.id)
        field("aliases", supplement.aliases.isEmpty ? "-" : supplement.aliases.joined(separator: "; "))
        field("route", supplement.route.rawValue)
        field("orderable unit", supplement.unitLabel + " = " + content(supplement) + " mmol")
        field("primary solute", supplement.primarySolute.rawValue + " (every limit below is in it)")
        if let group = supplement.group { field("group", group + " (24 h / 48 h limits cap the group's total)") }
        for solute in Formulation.labelOrder {
            guard let value = supplement.content[solute] else { continue }
            field("  \(solute.rawValue)", "\(value.stated) per unit " + FluidText.provenance(value.confidence, value.sources, value.note))
        }
        if let compound = supplement.compound {
            field("compound", "\(compound.name), \(Quantity.format(compound.molarMass)) g/mol")
        }
        if let concentrate = supplement.concentrate {
            for solute in Formulation.labelOrder {
                guard let value = concentrate.strength[solute] else { continue }
                field("vial \(solute.symbol)", "\(value.stated) " + FluidText.provenance(value.confidence, value.sources, value.note))
            }
            field("vial osmolarity", "\(concentrate.osmolarity.stated) "
                + FluidText.provenance(concentrate.osmolarity.confidence, concentrate.osmolarity.sources, concentrate.osmolarity.note))
        }
        if let infusion = supplement.infusion {
            field("infusion volume", "\(infusion.volume.stated) per unit "
                + FluidText.provenance(infusion.volume.confidence, infusion.volume.sources, infusion.volume.note))
            field("duration", "\(infusion.duration.stated) per unit "
                + FluidText.provenance(infusion.duration.confidence, infusion.duration.sources, infusion.duration.note))
            if let osmolarity = infusion.osmolarity { field("osmolarity", osmolarity.stated.description) }
        }
        if let bioavailability = supplement.bioavailability {
            field("absorbed", "\(bioavailability.stated) "
                + FluidText.provenance(bioavailability.confidence, bioavailability.sources, bioavailability.note))
        }
        lines += ["", "Limits (enforced whatever their confidence)"]
        if supplement.limits.all.isEmpty { lines.append("  none in the catalog") }
        for (name, limit) in supplement.limits.all {
            lines.append("  \(name): " + self.limit(limit, unit: Limit.unit(forField: name), solute: supplement.primarySolute))
            if let quote = limit.quote { lines.append("      \"\(quote)\"") }
            if let note = limit.note { lines.append("      \(note)") }
            if case .siteLimits = limit.origin { lines.append("      set by the \(limit.origin)") }
        }
        if let gate = supplement.gate {
            lines.append("  gate: serum \(gate.serum.rawValue) below " + limit(gate.limit, unit: "mmol/L", solute: gate.serum))
            if let quote = gate.limit.quote { lines.append("      \"\(quote)\"") }
            if let note = gate.limit.note { lines.append("      \(note)") }
        }
        FluidText.appendList("Notes", supplement.notes, to: &lines)
        FluidText.appendSources(supplement.sources, file: supplement.file, to: &lines)
        return lines.joined(separator: "\n")
    }
}
