import KRTUnits

/// The pharmacist's compounding check: what a KRT bag contains after additives, and whether anything
/// about it is unsafe.
///
/// Each additive's volume comes from its vial strength (e.g. KCl 2 mEq/mL, potassium phosphates
/// 3 mmol P/mL), so final concentrations include the dilution it causes:
/// `c_final = (c_base × V_base + Σ amount) / (V_base + Σ V_additive)`.
/// Osmolarity mixes the same way from the base's stated (or computed) osmolarity and each vial's.
public enum CompoundingCheck {
    public static func run(_ order: CompoundingOrder, limits: CompoundingLimits) throws(CompoundingError) -> CompoundingResult {
        let base = order.base
        guard let baseVolume = order.volume ?? base.bag?.volume.value else {
            throw CompoundingError(field: "volume", message:
                "\(base.name) has no bag volume in the catalog; give the volume in the bag, e.g. '5000 mL'")
        }
        guard baseVolume > 0 else {
            throw CompoundingError(field: "volume", message: "the volume must be more than 0 mL")
        }
        var lines: [CompoundingResult.Line] = []
        for (index, additive) in order.additives.enumerated() {
            let supplement = additive.supplement
            guard let concentrate = supplement.concentrate,
                  let volume = concentrate.volume(carrying: additive.amount, of: supplement.primarySolute) else {
                throw CompoundingError(field: "additives[\(index)]", message:
                    "\(supplement.name) is not an additive concentrate (no vial strength in the catalog); "
                        + "additives are products with a 'concentrate' section")
            }
            lines.append(.init(additive: additive, volume: volume, delivered: concentrate.strength.mapValues { $0.value * volume }))
        }
        let finalVolume = baseVolume + lines.map(\.volume).reduce(0, +)
        var final: [Solute: Double] = [:]
        for solute in Solute.allCases {
            let added = lines.compactMap { $0.delivered[solute] }.reduce(0, +)
            final[solute] = (base.concentration(of: solute) * baseVolume + added) / finalVolume
        }
        let (baseOsmolarity, basis) = base.osmolarity.map { ($0.value, CompoundingResult.OsmolarityBasis.stated) }
            ?? (base.idealOsmolarity, .computed)
        let addedOsmoles = lines.map { ($0.additive.supplement.concentrate?.osmolarity.value ?? 0) * $0.volume }.reduce(0, +)
        let potassiumFromPhosphate = lines
            .filter { ($0.delivered[.phosphate] ?? 0) > 0 }
            .compactMap { $0.delivered[.potassium] }
            .reduce(0, +)
        var rules = CompoundingRules(order: order, limits: limits, lines: lines, baseVolume: baseVolume,
                                     final: final, potassiumFromPhosphate: potassiumFromPhosphate)
        rules.evaluate()
        let findings = FindingSeverity.allCases.reversed().flatMap { severity in rules.findings.filter { $0.severity == severity } }
        return CompoundingResult(
            order: order, baseVolume: baseVolume, baseVolumeFromBag: order.volume == nil, lines: lines,
            finalVolume: finalVolume, baseConcentrations: base.composition, finalConcentrations: final,
            baseOsmolarity: baseOsmolarity, baseOsmolarityBasis: basis,
            finalOsmolarity: (baseOsmolarity * baseVolume + addedOsmoles) / finalVolume,
            potassiumFromPhosphate: potassiumFromPhosphate, findings: findings)
    }
}
