import KRTCatalog
import KRTUnits

extension CompoundingResult {
    /// The compounding limits of `krtplan check` as structured limit checks (kind `concentration`,
    /// source `compounding` or `site`): one per solute an additive raises and a limit covers, final
    /// concentration against the limit, both in mmol/L. The verdict is the compounding check's own
    /// (`Limit.exceeds`, the same test as every order check), so the finding and the check agree.
    public func limitChecks(limits: CompoundingLimits) -> [LimitCheck] {
        Solute.allCases.compactMap { solute -> LimitCheck? in
            let added = lines.compactMap { $0.delivered[solute] }.reduce(0, +)
            guard added > 0, let limit = limits.maxFinalConcentration[solute], let value = finalConcentrations[solute] else { return nil }
            let source: String = if case .siteLimits = limit.origin { "site" } else { "compounding" }
            return LimitEngine.compare(kind: "concentration", label: "\(order.base.name) bag", drug: order.base.name, at: nil,
                                       what: "final \(solute.rawValue)", value: value, limit: limit.value, unit: "mmol/L",
                                       limitName: "compounding limit", source: source, stated: nil)
        }
    }
}
