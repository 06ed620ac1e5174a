import KRTCatalog
import KRTUnits

/// The catalog tables of docs/formulations.md, generated so the document never drifts from the data.
enum CatalogMarkdown {
    static let begin = "<!-- BEGIN GENERATED CATALOG TABLES (krtplan formulations table --format markdown); do not edit by hand -->"
    static let end = "<!-- END GENERATED CATALOG TABLES -->"

    /// Confidence markers appended to non-confirmed values.
    static func marker(_ confidence: Confidence) -> String {
        switch confidence {
        case .confirmed: ""
        case .derived: " (D)"
        case .secondary: " (S)"
        case .unconfirmed: " (U)"
        }
    }

    static func cell(_ text: String) -> String { text.replacingOccurrences(of: "|", with: "\\|") }

    static func render(_ catalog: Catalog) -> String {
        var lines = [begin, "", "### Fluids", "",
                     "Concentrations in mmol/L after mixing (phosphate as P; glucose as glucose); osmolarity in mOsm/L as stated. "
                        + "Markers: (D) derived, (S) secondary, (U) unconfirmed; unmarked values are confirmed. "
                        + "`krtplan formulations show ID` gives each value as labelled, with its source.", ""]
        let solutes = Formulation.labelOrder
        lines.append("| Product | id | Market | Roles | " + solutes.map(\.symbol).joined(separator: " | ") + " | Osm | Bag | Planning |")
        lines.append("|" + String(repeating: "---|", count: solutes.count + 7))
        for fluid in catalog.fluids {
            let values = solutes.map { solute in
                fluid.values[solute].map { Number.compact($0.value) + marker($0.confidence) } ?? "-"
            }
            let osmolarity = fluid.osmolarity.map { Number.compact($0.value, digits: 0) + marker($0.confidence) } ?? "-"
            let bag = fluid.bag.map { bag in
                Quantity.format(bag.volume.value * 1000) + " mL" + marker(bag.volume.confidence)
                    + (bag.isMultiChamber ? ", " + bag.compartments.map { Quantity.format($0.volume * 1000) }.joined(separator: " + ") : "")
            } ?? "-"
            let planning = fluid.isPlanningEligible
                ? fluid.eligibilityNote ?? "eligible"
                : "**excluded** (" + fluid.unconfirmedPlanningValues.map(\.symbol).joined(separator: ", ") + " unconfirmed)"
            let row = [fluid.name, "`\(fluid.id)`", fluid.market.rawValue, fluid.roles.sorted().map(\.rawValue).joined(separator: ", ")
                       + marker(fluid.rolesProvenance.confidence)] + values + [osmolarity, bag, planning]
            lines.append("| " + row.map(cell).joined(separator: " | ") + " |")
        }
        lines += ["", "### Supplements", "",
                  "Content per orderable unit in mmol; limits in the primary solute (mmol, mmol/h, mmol/L), each with its basis. "
                    + "Limits are enforced whatever their confidence; a site's limits file replaces any of them.", "",
                  "| Product | id | Route | Orderable unit | Content per unit (mmol) | Vial (mmol/mL) | Infusion per unit | Limits | Gate | Absorbed |",
                  "|---|---|---|---|---|---|---|---|---|---|"]
        for supplement in catalog.supplements {
            lines.append("| " + supplementRow(supplement).map(cell).joined(separator: " | ") + " |")
        }
        lines += ["", "Catalog sha256 (bundled files): `\(catalog.sha256)`", "", end]
        return lines.joined(separator: "\n")
    }

    static func supplementRow(_ supplement: Supplement) -> [String] {
        let content = Formulation.labelOrder.compactMap { solute in
            supplement.content[solute].map { "\(solute.symbol) \(Number.compact($0.value))" + marker($0.confidence) }
        }.joined(separator: ", ")
        let vial = supplement.concentrate.map { concentrate in
            Formulation.labelOrder.compactMap { solute in
                concentrate.strength[solute].map { "\(solute.symbol) \(Number.compact($0.value / 1000))" + marker($0.confidence) }
            }.joined(separator: ", ")
        } ?? "-"
        let infusion = supplement.infusion.map {
            "\(Quantity.format($0.volume.value * 1000)) mL over \(Number.compact($0.duration.value)) h"
        } ?? "-"
        var limits: [String] = []
        for (name, perLine) in [("max concentration", supplement.limits.maxConcentration), ("max rate", supplement.limits.maxRate)] {
            let unit = name == "max rate" ? "mmol/h" : "mmol/L"
            if let peripheral = perLine[.peripheral], let central = perLine[.central], peripheral.sameFigure(as: central) {
                limits.append("\(name), both lines: " + figure(peripheral, unit))
            } else {
                for line in AccessLine.allCases {
                    if let limit = perLine[line] { limits.append("\(name), \(line.rawValue): " + figure(limit, unit)) }
                }
            }
        }
        for (name, limit) in [("max single dose", supplement.maxSingleDose), ("max per 24 h", supplement.maxPer24h),
                              ("max per 48 h", supplement.maxPer48h)] {
            if let limit { limits.append("\(name): " + figure(limit, "mmol")) }
        }
        let gate = supplement.gate.map { "serum \($0.serum.symbol) < " + figure($0.limit, "mmol/L") } ?? "-"
        let absorbed = supplement.bioavailability.map { Number.compact($0.value * 100, digits: 0) + " %" + marker($0.confidence) } ?? "-"
        return [supplement.name, "`\(supplement.id)`", supplement.route.rawValue, supplement.unitLabel, content, vial, infusion,
                limits.isEmpty ? "none (additive only)" : limits.joined(separator: "<br>"), gate, absorbed]
    }

    /// "36.52 mmol/h [label]" or "6.8 mmol/h [label, unconfirmed]".
    static func figure(_ limit: Limit, _ unit: String) -> String {
        "\(Number.compact(limit.value)) \(unit) [\(limit.basis.rawValue)"
            + (limit.confidence == .confirmed ? "" : ", \(limit.confidence.rawValue)") + "]"
    }

    /// `document` with the generated block replaced by `table`; `nil` when the markers are missing.
    static func replacingGenerated(in document: String, with table: String) -> String? {
        guard let start = document.range(of: begin), let stop = document.range(of: end, range: start.upperBound..<document.endIndex) else {
            return nil
        }
        return String(document[..<start.lowerBound]) + table + String(document[stop.upperBound...])
    }
}

extension Limit {
    /// Same value, basis and confidence (for merging peripheral and central columns).
    func sameFigure(as other: Limit) -> Bool {
        value == other.value && basis == other.basis && confidence == other.confidence
    }
}
