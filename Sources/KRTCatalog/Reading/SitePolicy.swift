import KRTInput
import KRTUnits

/// Site files tighten by default (docs/formulations.md, "Site files tighten"). A site limit looser
/// than the catalog's, a compounding limit above its plausibility ceiling, a fluid outside the fluid
/// ceilings, or an IV potassium infusion without rate and concentration limits is refused with the
/// file, the field, the value and what was expected — unless the entry itself says
/// `loosens_label: true` with a `reason:`; then the catalog carries a standing notice
/// ("site policy exceeds the label: …") that every report shows.
public enum SitePolicy {
    /// The keys an entry uses to declare that it exceeds the label.
    static let declarationKeys = ["loosens_label", "reason"]

    /// Highest concentration (mmol/L) a KRT fluid or a compounded KRT bag may carry without an explicit
    /// declaration. ASSUMPTION (docs/formulations.md): commercial KRT fluids carry at most K 4, phosphate
    /// 1.2 and Mg 1.5 mmol/L, and published additions reach phosphate 3 mmol/L; the ceilings leave room
    /// for local recipes while refusing unit mistakes (K 400 mmol/L, 1e6 mmol/L).
    public static let fluidCeiling: [Solute: Double] = [.potassium: 10, .phosphate: 5, .magnesium: 3]

    /// The declared reason when `entry` says `loosens_label: true` with a non-empty `reason`; `nil`
    /// (nothing logged) when it declares nothing. A half declaration is an error.
    static func declaredReason(_ entry: Field) -> String? {
        guard !entry.keys.isEmpty else { return nil }
        let flag = entry["loosens_label"], reason = entry["reason"]
        guard flag.isPresent || reason.isPresent else { return nil }
        let loosens = flag.bool(required: false)
        let text = reason.string(required: false)
        if loosens != true {
            if loosens == false || !flag.isPresent {
                entry.error("a 'reason' without 'loosens_label: true' declares nothing; write both, or neither")
            }
            return nil
        }
        guard let text else {
            if !reason.isPresent { reason.error("missing: 'loosens_label: true' needs a reason (the site document that allows it)") }
            return nil
        }
        return text
    }

    /// Refuses (or records as a notice) every site limit of `product` looser than the catalog's.
    /// - Returns: the notices of declared exceedances.
    static func checkSupplement(_ field: Field, product: Supplement, new: SupplementLimits, newGate: Gate?, file: String) -> [String] {
        var notices: [String] = []
        var reported: Set<String> = []
        let old = Dictionary(product.limits.all.map { ($0.name, $0.limit) }, uniquingKeysWith: { first, _ in first })
        for (name, limit) in new.all {
            guard let base = old[name], limit.origin != base.origin, Limit.exceeds(limit.value, base.value) else { continue }
            let entry = entryField(field, name: name)
            guard reported.insert(entry.path.description).inserted else { continue }
            notices += judge(entry, what: "\(product.id) \(name) \(limit.stated)",
                             against: "the catalog's \(base.basis.rawValue) limit \(base.stated)", file: file)
        }
        if let gate = newGate, let base = product.gate, gate.limit.origin != base.limit.origin, Limit.exceeds(gate.below, base.below) {
            notices += judge(field["gate"], what: "\(product.id) gate serum \(gate.serum.symbol) below \(gate.limit.stated)",
                             against: "the catalog's \(base.limit.basis.rawValue) gate below \(base.limit.stated)", file: file)
        }
        return notices
    }

    /// Refuses (or records as a notice) every compounding limit above the fluid ceilings.
    static func checkCompounding(_ field: Field, limits: CompoundingLimits, file: String) -> [String] {
        var notices: [String] = []
        for (solute, limit) in limits.maxFinalConcentration.sorted(by: { $0.key < $1.key }) {
            guard let ceiling = fluidCeiling[solute], Limit.exceeds(limit.value, ceiling) else { continue }
            let entry = field["max_final_concentration"][solute.rawValue]
            guard entry.isPresent else { continue }
            notices += judge(entry, what: "compounding max_final_concentration.\(solute.rawValue) \(limit.stated)",
                             against: "the plausibility ceiling of \(Quantity.format(ceiling)) mmol/L for a KRT bag", file: file)
        }
        return notices
    }

    /// Refuses a fluid above the fluid ceilings, unless the product file declares it.
    static func checkFluid(_ root: Field, fluid: Formulation) -> [String] {
        var notices: [String] = []
        for (solute, ceiling) in fluidCeiling.sorted(by: { $0.key < $1.key }) where Limit.exceeds(fluid.concentration(of: solute), ceiling) {
            let value = Quantity.format(rounded(fluid.concentration(of: solute)))
            notices += judge(root, path: root["composition"][solute.rawValue],
                             what: "fluid \(fluid.id) \(solute.rawValue) \(value) mmol/L",
                             against: "the plausibility ceiling of \(Quantity.format(ceiling)) mmol/L for a KRT fluid", file: fluid.file)
        }
        return notices
    }

    /// Refuses an IV potassium infusion (a ready-to-hang product whose unit is counted in K) without a
    /// rate and a concentration limit for both lines, unless the product file declares it.
    static func checkPotassiumInfusion(_ root: Field, supplement: Supplement) -> [String] {
        guard supplement.route == .intravenous, supplement.primarySolute == .potassium, supplement.infusion != nil else { return [] }
        let missing = AccessLine.allCases.flatMap { line in
            (supplement.maxRate(line) == nil ? ["limits.max_rate.\(line.rawValue)"] : [])
                + (supplement.maxConcentration(line) == nil ? ["limits.max_concentration.\(line.rawValue)"] : [])
        }
        guard !missing.isEmpty else { return [] }
        let list = missing.joined(separator: ", ")
        return refuse(root, path: root["limits"],
                      problem: "IV potassium infusion \(supplement.id) has no \(list); every IV potassium infusion needs a rate "
                          + "and a concentration limit for peripheral and central lines, or it would run at any rate",
                      notice: "IV potassium infusion \(supplement.id) without \(list)", file: supplement.file)
    }

    /// An error on `entry` (or on `path` when given), or the notice when `entry` declares the exceedance.
    /// A half declaration (already an error of its own) adds nothing.
    private static func judge(_ entry: Field, path: Field? = nil, what: String, against expected: String, file: String) -> [String] {
        refuse(entry, path: path, problem: "\(what) is looser than \(expected)", notice: "\(what), beyond \(expected)", file: file)
    }

    private static func refuse(_ entry: Field, path: Field? = nil, problem: String, notice: String, file: String) -> [String] {
        if let reason = declaredReason(entry) {
            return ["site policy exceeds the label: \(notice); reason: \(reason) (\(LimitOrigin.shortPath(file)))"]
        }
        if entry["loosens_label"].isPresent || entry["reason"].isPresent { return [] }
        var target = path.flatMap { $0.isPresent ? $0 : nil } ?? entry
        if target["value"].isPresent { target = target["value"] }
        target.error(value: nil, "\(problem); a site file may only tighten. If the site's policy really goes beyond it, "
                     + "say so in this entry with 'loosens_label: true' and 'reason: <the site document>'")
        return []
    }

    /// The field of a limit named as in ``SupplementLimits/all`` (`max_rate.peripheral`): the per-line
    /// entry, or the one entry given for every line.
    static func entryField(_ field: Field, name: String) -> Field {
        let parts = name.split(separator: ".").map(String.init)
        let entry = field[parts[0]]
        if parts.count > 1, !entry["value"].isPresent { return entry[parts[1]] }
        return entry
    }

    static func rounded(_ value: Double) -> Double { (value * 100).rounded() / 100 }
}
