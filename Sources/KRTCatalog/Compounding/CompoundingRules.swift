import KRTUnits

/// The safety rules of the compounding check, each adding findings.
struct CompoundingRules {
    let order: CompoundingOrder
    let limits: CompoundingLimits
    let lines: [CompoundingResult.Line]
    let baseVolume: Double
    let final: [Solute: Double]
    let potassiumFromPhosphate: Double
    private(set) var findings: [Finding] = []

    init(order: CompoundingOrder, limits: CompoundingLimits, lines: [CompoundingResult.Line], baseVolume: Double,
         final: [Solute: Double], potassiumFromPhosphate: Double) {
        self.order = order
        self.limits = limits
        self.lines = lines
        self.baseVolume = baseVolume
        self.final = final
        self.potassiumFromPhosphate = potassiumFromPhosphate
    }

    private var base: Formulation { order.base }

    private func added(_ solute: Solute) -> Double { lines.compactMap { $0.delivered[solute] }.reduce(0, +) }

    private func concentration(_ value: Double) -> String { formatFixed(value, digits: 2) + " mmol/L" }

    mutating func evaluate() {
        checkBase()
        guard !lines.isEmpty else {
            findings.append(Finding(.note, "no-additives", "no additives: the composition is the product's own"))
            return
        }
        checkCompoundingLimits()
        checkPhosphateWithCalcium()
        checkPotassiumFree()
        checkMixing()
        checkVolume()
        addNotes()
    }

    /// The base product's own caveats: unconfirmed planning values.
    mutating func checkBase() {
        let unconfirmed = base.unconfirmedPlanningValues
        if !unconfirmed.isEmpty {
            findings.append(Finding(.warning, "base-values-unconfirmed",
                "\(base.name): " + unconfirmed.map(\.symbol).joined(separator: ", ")
                    + " UNCONFIRMED in the sources; the final concentrations inherit that"))
        }
        if order.potassiumFree, base.concentration(of: .potassium) > 0 {
            findings.append(Finding(.unsafe, "base-not-potassium-free",
                "the order asks for a potassium-free bag, but \(base.name) contains potassium "
                    + concentration(base.concentration(of: .potassium))))
        }
    }

    /// Every solute an additive raises must stay within its compounding limit.
    mutating func checkCompoundingLimits() {
        for solute in Solute.allCases where added(solute) > 0 {
            guard let limit = limits.maxFinalConcentration[solute], let value = final[solute] else { continue }
            if Limit.exceeds(value, limit.value) {
                findings.append(Finding(.unsafe, "above-compounding-limit",
                    "final \(solute.rawValue) \(concentration(value)) is above the compounding limit of "
                        + "\(concentration(limit.value)) (\(limit.basis.rawValue), \(limit.origin))"))
            }
        }
    }

    /// Phosphate must not be added to a calcium-containing fluid (precipitation risk).
    mutating func checkPhosphateWithCalcium() {
        let phosphate = added(.phosphate)
        guard phosphate > 0, base.calcium > 0 else { return }
        var layout = "Commercial phosphate fluids keep calcium in one chamber and phosphate and bicarbonate in the other until mixing"
        if let calciumChamber = base.compartment(holding: .calcium) {
            let chamberText = { (c: Bag.Compartment) in "compartment \(c.name) (\(Quantity.format(c.volume * 1000)) mL)" }
            layout += "; in \(base.name) calcium sits in \(chamberText(calciumChamber))"
            if let bicarbonateChamber = base.compartment(holding: .bicarbonate), bicarbonateChamber != calciumChamber {
                layout += " and bicarbonate in \(chamberText(bicarbonateChamber))"
            }
        }
        let origin = limits.phosphateWithCalciumOrigin.map { " (policy: \($0))" } ?? ""
        findings.append(Finding(limits.phosphateWithCalcium, "phosphate-with-calcium",
            "phosphate (\(formatFixed(phosphate, digits: 2)) mmol) added to \(base.name), which contains calcium "
                + "\(concentration(base.calcium)): calcium phosphate may precipitate. \(layout). The reference has no "
                + "Ca x P solubility data for KRT bags: use a calcium-free fluid, or a phosphate-containing product "
                + "(e.g. Phoxilium, Biphozyl)\(origin)"))
    }

    /// Potassium-containing additives contradict a potassium-free order.
    mutating func checkPotassiumFree() {
        guard order.potassiumFree else { return }
        for line in lines {
            guard let potassium = line.delivered[.potassium], potassium > 0 else { continue }
            let supplement = line.additive.supplement
            let alternative = supplement.primarySolute == .phosphate
                ? "; use sodium phosphates or sodium glycerophosphate for phosphate without potassium" : ""
            findings.append(Finding(.unsafe, "potassium-in-potassium-free-order",
                "\(supplement.name) adds \(formatFixed(potassium, digits: 2)) mmol potassium, but the order asks for "
                    + "a potassium-free bag\(alternative)"))
        }
    }

    /// Additives go into a mixed bag only.
    mutating func checkMixing() {
        guard let bag = base.bag else {
            if order.bagMixed == nil {
                findings.append(Finding(.warning, "bag-layout-unknown",
                    "\(base.name) has no bag layout in the catalog: confirm it is a single-chamber bag, or that its "
                        + "chambers are mixed, before adding anything (state it with --mixed or 'bag_mixed: true')"))
            }
            return
        }
        guard bag.isMultiChamber else { return }
        let chambers = bag.compartments.map { "\($0.name) \(Quantity.format($0.volume * 1000)) mL" }.joined(separator: ", ")
        switch order.bagMixed {
        case false?:
            findings.append(Finding(.unsafe, "additive-into-unmixed-bag",
                "\(base.name) is a multi-chamber bag (\(chambers)) and the order states it is not mixed: an additive "
                    + "would reach one chamber only. Mix the chambers first, then add through the medication port"))
        case nil:
            findings.append(Finding(.warning, "bag-mixing-unstated",
                "\(base.name) is a multi-chamber bag (\(chambers)): add only after the chambers are mixed. "
                    + "Confirm it with --mixed (or 'bag_mixed: true' in the order)"))
        case true?:
            break
        }
    }

    mutating func checkVolume() {
        guard let bag = base.bag, order.volume != nil, baseVolume > bag.volume.value * (1 + 1e-9) else { return }
        findings.append(Finding(.warning, "volume-above-bag",
            "the volume \(Quantity.format(baseVolume * 1000)) mL is more than the bag's \(bag.volume.stated)"))
    }

    /// Information the pharmacist should read with the result.
    mutating func addNotes() {
        if order.volume == nil, let bag = base.bag, bag.volume.confidence == .unconfirmed {
            findings.append(Finding(.note, "bag-volume-unconfirmed",
                "the bag volume \(bag.volume.stated) is UNCONFIRMED for \(base.name); give --volume if it differs"))
        }
        for line in lines {
            let supplement = line.additive.supplement
            let weak = supplement.concentrate?.strength.filter { $0.value.confidence == .unconfirmed }.keys.sorted() ?? []
            if !weak.isEmpty {
                findings.append(Finding(.note, "additive-strength-unconfirmed",
                    "\(supplement.name): vial strength of " + weak.map(\.rawValue).joined(separator: ", ")
                        + " is UNCONFIRMED; it sets only the added volume (\(formatFixed(line.volume * 1000, digits: 2)) mL)"))
            }
            if let gate = supplement.gate {
                findings.append(Finding(.note, "gate",
                    "\(supplement.name) is for serum \(gate.serum.rawValue) below \(gate.limit.stated)"
                        + (gate.limit.quote.map { " (label: \"\($0)\")" } ?? "")
                        + (gate.limit.note.map { " [catalog note: \($0)]" } ?? "") + ": check the patient's level"))
            }
        }
        if potassiumFromPhosphate > 0 {
            findings.append(Finding(.note, "potassium-from-phosphate",
                "potassium phosphates add \(formatFixed(potassiumFromPhosphate, digits: 2)) mmol potassium; "
                    + "it is counted in the final potassium"))
        }
        if added(.potassium) > 0 {
            findings.append(Finding(.note, "never-into-running-bag",
                "never add potassium to a hanging, running bag: it pools and is given as a bolus (ASHP)"))
        }
        findings.append(Finding(.note, "stability-unconfirmed",
            "stability and compatibility of additives in commercial KRT bags are UNCONFIRMED in the reference: "
                + "follow the local pharmacy protocol"))
    }
}
