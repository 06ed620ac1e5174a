import KRTCatalog
import KRTInput
import KRTKinetics
import KRTUnits

/// Turns a ``CaseFile`` into a ``PlanProblem`` with the catalog: products by name and role, products
/// grouped by their K/phosphate/Mg composition, drugs with every limit combined.
struct CaseResolver {
    let file: CaseFile
    let catalog: Catalog
    let mode: PlanningCase.Mode
    var issues: [InputIssue] = []
    var capsResolved: [RollingCap] = []

    init(file: CaseFile, catalog: Catalog, mode: PlanningCase.Mode) {
        self.file = file
        self.catalog = catalog
        self.mode = mode
    }

    mutating func resolve() -> PlanProblem? {
        let citrate = resolveCitrate()
        let streams = resolveStreams()
        let drugs = resolveDrugs()
        let orders = resolveOrders(drugs: drugs)
        var capped = drugs.supplements
        for order in file.orders {
            if let found = try? catalog.resolveSupplement(order.drug.name), !capped.contains(where: { $0.id == found.id }) { capped.append(found) }
        }
        resolvedCaps(capped, plannable: drugs.supplements.count)
        let periodStarts = file.fluids.changeEvery.map { Array(stride(from: 0, to: file.horizon, by: $0)) } ?? [0]
        guard !issues.contains(where: { $0.severity == .error }) else { return nil }
        return PlanProblem(
            model: KineticModel(patient: file.patient, therapy: file.therapy), initialSerum: file.initialLabs,
            horizon: file.horizon, step: file.step, streams: streams, citrate: citrate, periodStarts: periodStarts,
            drugs: mode == .plan ? drugs.allowed : [], doseTimes: mode == .plan ? file.supplements.doseTimes : [],
            fixedOrders: orders, caps: capsResolved, limits: file.limits, weights: file.weights)
    }

    // MARK: Issues

    mutating func addError(_ path: FieldPath, _ value: String?, _ message: String) {
        issues.append(InputIssue(.error, path: path, value: value, message: message))
    }

    mutating func addWarning(_ path: FieldPath, _ value: String?, _ message: String) {
        issues.append(InputIssue(.warning, path: path, value: value, message: message))
    }

    // MARK: Fluids

    static func role(of stream: FluidStream) -> FluidRole {
        switch stream {
        case .dialysate: .dialysate
        case .preReplacement, .postReplacement: .replacement
        case .citrate: .citrate
        }
    }

    static func caseKey(_ stream: FluidStream) -> String {
        CaseReader.streamKeys.first { $0.stream == stream }?.key ?? stream.rawValue
    }

    /// A fluid by name, checked for role and planning eligibility.
    mutating func product(_ reference: NameReference, for stream: FluidStream) -> Formulation? {
        let found: Formulation
        do { found = try catalog.resolveFluid(reference.name) } catch {
            addError(reference.path, reference.name, error.description)
            return nil
        }
        let role = Self.role(of: stream)
        if !found.roles.contains(role) {
            let roles = found.roles.sorted().map(\.rawValue).joined(separator: ", ")
            let message = "\(found.name) is labelled for \(roles), not as \(role.rawValue)"
            if file.fluids.allowOffLabel {
                addWarning(reference.path, reference.name, message + "; used off-label because fluids.allow_off_label is true")
            } else {
                addError(reference.path, reference.name, message + "; choose a \(role.rawValue) product (or set fluids.allow_off_label: true)")
                return nil
            }
        }
        if !found.isPlanningEligible {
            let note = found.eligibilityNote ?? "it has unconfirmed values"
            if file.fluids.allowUnconfirmed {
                addWarning(reference.path, reference.name, "\(found.name): \(note); used because fluids.allow_unconfirmed is true")
            } else {
                addError(reference.path, reference.name, "\(found.name) is excluded from planning: \(note); set fluids.allow_unconfirmed: true to use it")
                return nil
            }
        }
        if stream == .preReplacement, file.therapy.usesCitrate, found.calcium > 0 {
            addWarning(reference.path, reference.name, "\(found.name) contains calcium (\(Quantity.format(found.calcium)) mmol/L) and runs before the filter with citrate anticoagulation: it reverses the citrate's effect in the circuit")
        }
        return found
    }

    static func option(_ formulation: Formulation, equivalents: [Formulation] = []) -> FluidOption {
        FluidOption(product: formulation.name, equivalents: equivalents.map(\.name),
                    concentrations: Dictionary(uniqueKeysWithValues: Solute.planned.map { ($0, formulation.concentration(of: $0)) }),
                    calcium: formulation.calcium)
    }

    /// Products with the same K, phosphate and Mg are one choice: the first one listed represents them.
    static func grouped(_ products: [Formulation]) -> [FluidOption] {
        var groups: [(key: [Double], members: [Formulation])] = []
        for product in products {
            let key = Solute.planned.map { (product.concentration(of: $0) * 1e6).rounded() / 1e6 }
            if let index = groups.firstIndex(where: { $0.key == key }) {
                if !groups[index].members.contains(where: { $0.id == product.id }) { groups[index].members.append(product) }
            } else {
                groups.append((key, [product]))
            }
        }
        return groups.map { option($0.members[0], equivalents: Array($0.members.dropFirst())) }
    }

    mutating func resolveCitrate() -> FluidOption? {
        guard file.therapy.usesCitrate else { return nil }
        guard let reference = file.citrateSolution else {
            addError("therapy.anticoagulation.solution", nil, "citrate anticoagulation needs its solution's name")
            return nil
        }
        return product(reference, for: .citrate).map { Self.option($0) }
    }

    mutating func resolveStreams() -> [StreamPlan] {
        var plans: [StreamPlan] = []
        for (key, stream) in CaseReader.streamKeys {
            let flow = file.therapy.flow(of: stream)
            let spec = file.fluids.streams[stream]
            let path = FieldPath("fluids").appending(key)
            guard flow > 0 else {
                if spec != nil { addWarning(path, nil, "the therapy has no \(key.replacingUnderscores) flow; this entry is ignored") }
                continue
            }
            guard let spec else {
                addError(path, nil, "missing: the therapy runs \(key.replacingUnderscores) at \(Quantity.format(flow * 1000)) mL/h; expected a product, {choose_from: [...]} or {schedule: [...]}")
                continue
            }
            switch spec {
            case let .fixed(entries):
                var schedule: [(start: Double, option: FluidOption)] = []
                for entry in entries {
                    if let found = product(entry.product, for: stream), checkFixedCalcium(found, at: entry.product) {
                        schedule.append((entry.from, Self.option(found)))
                    }
                }
                if schedule.count == entries.count { plans.append(StreamPlan(stream: stream, flow: flow, kind: .fixed(schedule))) }
            case let .chooseFrom(references):
                guard mode == .plan else {
                    addError(path.appending("choose_from"), nil, "simulate needs one product per stream; replace choose_from with a product name or a schedule")
                    continue
                }
                let products = references.compactMap { product($0, for: stream) }
                guard products.count == references.count,
                      let allowed = calciumFiltered(products, at: path.appending("choose_from"), named: true) else { continue }
                plans.append(StreamPlan(stream: stream, flow: flow, kind: .choice(Self.grouped(allowed))))
            case let .chooseAll(choosePath):
                guard mode == .plan else {
                    addError(choosePath, "all", "simulate needs one product per stream; replace choose_from with a product name")
                    continue
                }
                let role = Self.role(of: stream)
                let products = catalog.fluids(for: role, includingIneligible: file.fluids.allowUnconfirmed)
                    .filter { !(stream == .preReplacement && file.therapy.usesCitrate && $0.calcium > 0) }
                if products.isEmpty { addError(choosePath, "all", "no eligible \(role.rawValue) product in the catalog") ; continue }
                guard let allowed = calciumFiltered(products, at: choosePath, named: false) else { continue }
                plans.append(StreamPlan(stream: stream, flow: flow, kind: .choice(Self.grouped(allowed))))
            }
        }
        return plans
    }
}

extension String {
    var replacingUnderscores: String { String(map { $0 == "_" ? " " : $0 }) }
}
