import KRTCatalog
import KRTInput
import KRTKinetics
import KRTUnits

extension CaseResolver {
    /// Most units the planner puts in one order when no limit says less (ASSUMPTION; docs/planner.md).
    static let defaultMaxUnitsPerOrder = 4
    /// Relative difference below which a written dose counts as a whole number of orderable units.
    static let wholeUnitTolerance = 0.005

    struct ResolvedDrugs {
        /// Drugs the planner may order (`supplements.allowed`), in case order.
        var allowed: [DrugPlan] = []
        /// Their catalog products, in the same order.
        var supplements: [Supplement] = []
    }

    mutating func resolveDrugs() -> ResolvedDrugs {
        var resolved = ResolvedDrugs()
        let line = AccessLine(rawValue: file.supplements.access) ?? .peripheral
        var supplements: [Supplement] = []
        for reference in file.supplements.allowed {
            let found: Supplement
            do { found = try catalog.resolveSupplement(reference.name) } catch {
                addError(reference.path, reference.name, error.description)
                continue
            }
            if supplements.contains(where: { $0.id == found.id }) {
                addWarning(reference.path, reference.name, "\(found.name) is listed twice; once is enough")
                continue
            }
            if let drug = drugPlan(found, line: line, path: reference.path) {
                supplements.append(found)
                resolved.allowed.append(drug)
            }
        }
        resolved.supplements = supplements
        return resolved
    }

    /// The planner's view of one supplement on `line`, or nil (with an issue) when it cannot be ordered.
    mutating func drugPlan(_ supplement: Supplement, line: AccessLine, path: FieldPath) -> DrugPlan? {
        let primary = supplement.primaryPerUnit
        guard primary > 0 else {
            addError(path, supplement.name, "\(supplement.name) has no amount per orderable unit in the catalog")
            return nil
        }
        var notes: [DrugPlan.LimitNote] = []
        var orderLimits = DrugPlan.OrderLimits()
        func note(_ text: String, _ limit: Limit) { notes.append(.init(text: text, origin: limit.origin.description)) }
        func numeric(_ limit: Limit) -> DrugPlan.NumericLimit {
            DrugPlan.NumericLimit(value: limit.value, stated: "\(limit.stated) of \(limit.subject)", source: limit.sourceWord)
        }
        var duration = 0.0
        var maxUnits = Self.defaultMaxUnitsPerOrder
        var bioavailability = 1.0
        switch supplement.route {
        case .intravenous:
            guard let volume = supplement.volumePerUnit, let standard = supplement.defaultDuration, volume > 0, standard > 0 else {
                addError(path, supplement.name, "\(supplement.name) is a concentrate for adding to bags, not a ready infusion; choose a premixed product")
                return nil
            }
            duration = standard
            if let limit = supplement.maxConcentration(line) {
                let concentration = primary / volume
                orderLimits.concentration = numeric(limit)
                orderLimits.infusionConcentration = concentration
                note("concentration \(Quantity.format(rounded(concentration))) mmol/L within \(Quantity.format(rounded(limit.value))) mmol/L (\(limit.stated); \(line.rawValue))", limit)
                if concentration > limit.value * (1 + 1e-9) {
                    addError(path, supplement.name, "\(supplement.name) is \(Quantity.format(rounded(concentration))) mmol/L, above the \(line.rawValue) maximum \(limit.stated); choose a more dilute product or a central line")
                    return nil
                }
            }
            if let limit = supplement.maxRate(line) {
                if primary / duration > limit.value * (1 + 1e-9) {
                    duration = primary / limit.value
                    addWarning(path, supplement.name, "one unit of \(supplement.name) would run faster than \(limit.stated) (\(line.rawValue)); each unit is given over \(Quantity.format(rounded(duration))) h")
                }
                orderLimits.rate = numeric(limit)
                note("rate \(Quantity.format(rounded(primary / duration))) mmol/h within \(Quantity.format(rounded(limit.value))) mmol/h (\(limit.stated); \(line.rawValue))", limit)
            }
            // An order's infusions finish before the drug's next dose time, so rates never add up.
            if let interval = smallestDoseInterval() { maxUnits = min(maxUnits, max(1, Int((interval / duration + 1e-9).rounded(.down)))) }
        case .oral:
            bioavailability = supplement.bioavailability?.value ?? 1
        }
        if let limit = supplement.maxSingleDose {
            maxUnits = min(maxUnits, Int((limit.value / primary + 1e-9).rounded(.down)))
            orderLimits.singleDose = numeric(limit)
            orderLimits.unitsSource = limit.sourceWord
            note("single dose within \(Quantity.format(rounded(limit.value))) mmol (\(limit.stated))", limit)
        }
        for caseLimit in file.supplements.limits where (try? catalog.resolveSupplement(caseLimit.drug.name))?.id == supplement.id {
            if let single = caseLimit.maxSingleDose, let amount = try? supplement.primaryAmount(of: single) {
                if let catalogSingle = supplement.maxSingleDose, amount > catalogSingle.value * (1 + 1e-9) {
                    addError(caseLimit.drug.path.appending("max_single_dose"), single.description,
                             "a case may only tighten limits; \(single) is above the catalog's \(catalogSingle.stated)")
                }
                maxUnits = min(maxUnits, Int((amount / primary + 1e-9).rounded(.down)))
                notes.append(.init(text: "single dose within \(single)", origin: "case limit"))
                if amount < (orderLimits.singleDose?.value ?? .infinity) {
                    orderLimits.singleDose = DrugPlan.NumericLimit(value: amount, stated: single.description, source: "case")
                    orderLimits.unitsSource = "case"
                }
            }
        }
        if maxUnits < 1 {
            addError(path, supplement.name, "no whole unit of \(supplement.name) (\(supplement.unitLabel)) fits its single-dose limit")
            return nil
        }
        let planned = Dictionary(uniqueKeysWithValues: Solute.planned.compactMap { solute in
            supplement.contentPerUnit[solute].map { (solute, $0) }
        })
        let gate = supplement.gate.map { gate in
            DrugPlan.Gate(solute: gate.serum, below: gate.below,
                          description: "only when serum \(gate.serum.symbol) < \(Quantity.format(gate.below)) mmol/L" + (gate.limit.quote.map { " (label: \"\($0)\")" } ?? "") + (gate.limit.note.map { " [catalog note: \($0)]" } ?? ""),
                          source: gate.limit.sourceWord)
        }
        if let gate { notes.append(.init(text: gate.description, origin: supplement.gate?.limit.origin.description ?? "catalog")) }
        return DrugPlan(
            id: supplement.id, name: supplement.name, route: supplement.route == .intravenous ? .intravenous : .oral,
            unitLabel: supplement.unitLabel, deliveredPerUnit: planned.mapValues { $0 * bioavailability },
            contentPerUnit: supplement.contentPerUnit, mainSolute: supplement.primarySolute, duration: duration,
            maxUnitsPerOrder: maxUnits, gate: gate, line: supplement.route == .intravenous ? line.rawValue : "",
            modelName: ModelNameText.identifier(supplement.id), limits: notes, orderLimits: orderLimits)
    }

    func smallestDoseInterval() -> Double? {
        let times = file.supplements.doseTimes
        guard times.count > 1 else { return nil }
        return zip(times, times.dropFirst()).map { $1 - $0 }.min()
    }

    func rounded(_ value: Double) -> Double { (value * 100).rounded() / 100 }

    /// Label caps per 24 h / 48 h (shared by a catalog group) and case caps, as rolling caps, for every
    /// product the planner may order and every product of a written order (in `simulate` too): the
    /// limit engine checks them on written and planned orders alike. `supplements` lists the allowed
    /// products first (their indices are the planner's drug indices), then the written-only ones.
    mutating func resolvedCaps(_ supplements: [Supplement], plannable: Int) {
        var caps: [RollingCap] = []
        var seenGroups: Set<String> = []
        for (index, supplement) in supplements.enumerated() {
            let group = supplement.group ?? supplement.id
            guard seenGroups.insert(group).inserted else { continue }
            let members = supplements.indices.filter { (supplements[$0].group ?? supplements[$0].id) == group }
            let planned = mode == .plan ? members.filter { $0 < plannable } : []
            let groupIDs = catalog.supplements(inGroup: group).map(\.id)
            let name = supplements[members[0]].name + (groupIDs.count > 1 ? " and its group" : "")
            for (hours, limit) in [(24.0, supplement.maxPer24h), (48.0, supplement.maxPer48h)] {
                guard let limit else { continue }
                caps.append(RollingCap(
                    hours: hours, limit: limit.value, solute: supplement.primarySolute,
                    members: planned.map { .init(drug: $0, perUnit: supplements[$0].primaryPerUnit) },
                    memberIDs: Array(Set(members.map { supplements[$0].id } + groupIDs)).sorted(),
                    description: "\(name): at most \(limit.stated) per \(Int(hours)) h (\(limit.origin))",
                    name: name, source: limit.sourceWord, stated: "\(limit.stated) of \(limit.subject)"))
            }
            _ = index
        }
        for caseLimit in file.supplements.limits {
            guard let supplement = try? catalog.resolveSupplement(caseLimit.drug.name) else {
                addError(caseLimit.drug.path, caseLimit.drug.name, "unknown drug in supplements.limits")
                continue
            }
            guard let index = supplements.firstIndex(where: { $0.id == supplement.id }) else {
                addWarning(caseLimit.drug.path, caseLimit.drug.name, "\(supplement.name) is not in supplements.allowed; its limit has no effect")
                continue
            }
            if let per24 = caseLimit.maxPer24h {
                do {
                    let amount = try supplement.primaryAmount(of: per24)
                    if let catalogLimit = supplement.maxPer24h, amount > catalogLimit.value {
                        addError(caseLimit.drug.path.appending("max_per_24h"), per24.description,
                                 "a case may only tighten limits; \(per24) is above the catalog's \(catalogLimit.stated) (use a site limits file to change catalog limits)")
                    }
                    caps.append(RollingCap(hours: 24, limit: amount, solute: supplement.primarySolute,
                                           members: mode == .plan && index < plannable ? [.init(drug: index, perUnit: supplement.primaryPerUnit)] : [],
                                           memberIDs: [supplement.id],
                                           description: "\(supplement.name): at most \(per24) per 24 h (case limit)",
                                           name: supplement.name, source: "case", stated: per24.description))
                } catch {
                    addError(caseLimit.drug.path.appending("max_per_24h"), per24.description, error.description)
                }
            }
            if caseLimit.maxRate != nil {
                addWarning(caseLimit.drug.path.appending("max_rate"), nil, "a case-level max_rate is not applied; use a site limits file")
            }
        }
        capsResolved = caps
    }
}

/// Turns catalog ids into model-name-safe identifiers (`magnesium-sulfate-iv` → `magnesium_sulfate_iv`).
enum ModelNameText {
    static func identifier(_ text: String) -> String {
        let mapped = String(text.map { $0.isLetter || $0.isNumber ? $0 : "_" })
        return mapped.first?.isNumber == true ? "d_" + mapped : mapped
    }
}

extension CaseResolver {
    /// The orders written in the case, as fixed inputs.
    mutating func resolveOrders(drugs: ResolvedDrugs) -> [FixedOrder] {
        let line = AccessLine(rawValue: file.supplements.access) ?? .peripheral
        var orders: [FixedOrder] = []
        for order in file.orders {
            let supplement: Supplement
            do { supplement = try catalog.resolveSupplement(order.drug.name) } catch {
                addError(order.drug.path, order.drug.name, error.description)
                continue
            }
            guard let drug = drugs.allowed.first(where: { $0.id == supplement.id }) ?? drugPlan(supplement, line: line, path: order.drug.path) else {
                continue
            }
            var units = Double(order.units ?? 0)
            if let dose = order.dose {
                do {
                    units = try supplement.primaryAmount(of: dose) / supplement.primaryPerUnit
                } catch {
                    addError(order.path.appending("dose"), dose.description, error.description)
                    continue
                }
                // The catalog states content per unit to 3 significant figures (MgSO4 1 g = 4.06 mmol), while a
                // dose in grams converts with the exact molar mass (2 g = 8.115 mmol): within 0.5 % of a whole
                // number of units the order is that many units.
                if units.rounded() >= 1, abs(units - units.rounded()) <= Self.wholeUnitTolerance * units.rounded() {
                    units = units.rounded()
                } else if abs(units - units.rounded()) > 1e-6 {
                    addWarning(order.path.appending("dose"), dose.description,
                               "\(dose) is \(Quantity.format(rounded(units))) orderable units of \(supplement.unitLabel); applied as written")
                }
            }
            let duration = drug.isIntravenous ? (order.over ?? units * drug.duration) : 0
            if drug.isIntravenous, duration <= 0 {
                addError(order.path.appending("over"), order.over.map { Quantity.format($0) + " h" }, "an IV order needs a positive duration")
                continue
            }
            if !drug.isIntravenous, let over = order.over, over > 0 {
                addWarning(order.path.appending("over"), Quantity.format(over) + " h", "oral doses are taken at once; 'over' is ignored")
            }
            if order.at + duration > file.horizon + 1e-9 {
                addWarning(order.path, nil, "the order runs past the horizon; only its part within the plan is modelled")
            }
            orders.append(FixedOrder(drug: drug, at: order.at, units: units, duration: min(duration, file.horizon - order.at)))
        }
        return orders
    }
}
