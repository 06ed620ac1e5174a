import KRTCatalog
import KRTUnits

/// `krtplan check --format json`.
struct CheckView: Encodable {
    struct Base: Encodable {
        let id: String
        let name: String
        let market: String
        let volumeMillilitres: Double
        /// `order` or `bag` (the catalog's bag volume).
        let volumeFrom: String
        let multiChamberBag: Bool?
        let bagMixed: Bool?
        let kFree: Bool
    }

    struct Additive: Encodable {
        let id: String
        let name: String
        let requested: String
        let primarySolute: String
        let amountMmol: Double
        let volumeMillilitres: Double
        let deliveredMmol: [String: Double]
        let strength: [String: ValueView]
    }

    struct Concentration: Encodable {
        let base: Double
        let final: Double
    }

    struct Osmolarity: Encodable {
        let base: Double
        let baseBasis: String
        let final: Double
    }

    struct FindingView: Encodable {
        let severity: String
        let code: String
        let message: String
    }

    let base: Base
    let additives: [Additive]
    let finalVolumeMillilitres: Double
    let concentrationsMmolPerLitre: [String: Concentration]
    let osmolarityMosmPerLitre: Osmolarity
    let potassiumFromPhosphateMmol: Double
    let findings: [FindingView]
    let outcome: String
    let exitCode: Int32
    let catalogSha256: String

    init(_ result: CompoundingResult, catalog: Catalog, status: ExitStatus) {
        let order = result.order
        base = Base(id: order.base.id, name: order.base.name, market: order.base.market.rawValue,
                    volumeMillilitres: Number.rounded(result.baseVolume * 1000),
                    volumeFrom: result.baseVolumeFromBag ? "bag" : "order",
                    multiChamberBag: order.base.bag?.isMultiChamber, bagMixed: order.bagMixed, kFree: order.potassiumFree)
        additives = result.lines.map { line in
            let supplement = line.additive.supplement
            return Additive(
                id: supplement.id, name: supplement.name, requested: line.additive.requested.description,
                primarySolute: supplement.primarySolute.rawValue, amountMmol: Number.rounded(line.additive.amount),
                volumeMillilitres: Number.rounded(line.volume * 1000),
                deliveredMmol: Dictionary(uniqueKeysWithValues: line.delivered.map { ($0.key.rawValue, Number.rounded($0.value)) }),
                strength: Dictionary(uniqueKeysWithValues: (supplement.concentrate?.strength ?? [:]).map {
                    ($0.key.rawValue, ValueView($0.value, unit: "mmol/L"))
                }))
        }
        finalVolumeMillilitres = Number.rounded(result.finalVolume * 1000)
        concentrationsMmolPerLitre = Dictionary(uniqueKeysWithValues: Solute.allCases.map {
            ($0.rawValue, Concentration(base: Number.rounded(result.baseConcentrations[$0] ?? 0),
                                        final: Number.rounded(result.finalConcentrations[$0] ?? 0)))
        })
        osmolarityMosmPerLitre = Osmolarity(base: Number.rounded(result.baseOsmolarity),
                                            baseBasis: result.baseOsmolarityBasis.rawValue,
                                            final: Number.rounded(result.finalOsmolarity))
        potassiumFromPhosphateMmol = Number.rounded(result.potassiumFromPhosphate)
        findings = result.findings.map { FindingView(severity: $0.severity.rawValue, code: $0.code, message: $0.message) }
        outcome = CheckText.outcome(status)
        exitCode = status.rawValue
        catalogSha256 = catalog.sha256
    }
}

/// `krtplan check` as text.
enum CheckText {
    static func outcome(_ status: ExitStatus) -> String {
        switch status {
        case .unsafe: "unsafe"
        case .warnings: "warnings"
        default: "ok"
        }
    }

    static func millilitres(_ litres: Double) -> String { formatFixed(litres * 1000, digits: 2) + " mL" }

    static func render(_ result: CompoundingResult, catalog: Catalog, status: ExitStatus) -> String {
        let order = result.order
        let fluid = order.base
        var lines = ["Compounding check: \(fluid.name) (\(fluid.id), \(fluid.market.rawValue))", ""]
        let volumeBasis = result.baseVolumeFromBag
            ? "bag volume, " + (fluid.bag.map { $0.volume.confidence.rawValue } ?? "") : "as ordered"
        lines.append("  volume before additives  \(millilitres(result.baseVolume)) (\(volumeBasis))")
        let mixing = order.bagMixed.map { $0 ? "stated mixed" : "stated NOT mixed" } ?? "mixing not stated"
        let layout = fluid.bag.map { $0.isMultiChamber ? "multi-chamber bag" : "single-chamber bag" } ?? "bag layout not in the catalog"
        lines.append("  bag                      \(layout); \(mixing)")
        lines.append("  potassium-free order     \(order.potassiumFree ? "yes" : "no")")
        lines += ["", "Additives"]
        if result.lines.isEmpty {
            lines.append("  none")
        } else {
            var additiveTable = TextTable(header: ["product", "ordered", "adds (mmol)", "vial strength", "volume"], numeric: [4])
            for line in result.lines {
                let supplement = line.additive.supplement
                let adds = Formulation.labelOrder.compactMap { solute in
                    line.delivered[solute].map { "\(solute.symbol) \(formatFixed($0, digits: 2))" }
                }
                let strength = Formulation.labelOrder.compactMap { solute in
                    supplement.concentrate?.strength[solute].map { "\(solute.symbol) \($0.stated) (\($0.confidence.rawValue))" }
                }
                additiveTable.rows.append([supplement.name, line.additive.requested.description, adds.joined(separator: ", "),
                                           strength.joined(separator: ", "), millilitres(line.volume)])
            }
            lines += additiveTable.render().split(separator: "\n").map { "  " + $0 }
        }
        lines += ["  final volume \(millilitres(result.finalVolume))", "", "Concentrations (mmol/L)"]
        var table = TextTable(header: ["solute", "base", "final", "change"], numeric: [1, 2, 3])
        for solute in Formulation.labelOrder {
            let before = result.baseConcentrations[solute] ?? 0
            let after = result.finalConcentrations[solute] ?? 0
            table.rows.append([solute.rawValue, formatFixed(before, digits: 2), formatFixed(after, digits: 2), signed(after - before)])
        }
        lines += table.render().split(separator: "\n").map { "  " + $0 }
        lines.append("  osmolarity \(formatFixed(result.baseOsmolarity, digits: 2)) mOsm/L (\(result.baseOsmolarityBasis.rawValue)) -> "
            + "\(formatFixed(result.finalOsmolarity, digits: 2)) mOsm/L (\(signed(result.finalOsmolarity - result.baseOsmolarity)))")
        if result.potassiumFromPhosphate > 0 {
            lines += ["", "Potassium delivered by potassium phosphates: \(formatFixed(result.potassiumFromPhosphate, digits: 2)) mmol"]
        }
        lines += ["", "Findings"]
        for finding in result.findings {
            let label = finding.severity == .note ? "note" : finding.severity.rawValue.uppercased()
            lines.append("  " + label.padding(toLength: 8, withPad: " ", startingAt: 0) + "\(finding.code): \(finding.message)")
        }
        lines += ["", "Result: \(outcome(status).uppercased()) (exit \(status.rawValue)). This check supports, and does not "
                    + "replace, pharmacist verification.", "Catalog sha256 \(catalog.sha256)"]
        return lines.joined(separator: "\n")
    }

    /// A change with its sign (`+3.46`, `-0.19`, `0.00`).
    static func signed(_ value: Double) -> String {
        let text = formatFixed(value, digits: 2)
        return value > 0 && text != "0.00" ? "+" + text : text
    }
}
