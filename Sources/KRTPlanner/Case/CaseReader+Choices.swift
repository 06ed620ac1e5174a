import KRTInput
import KRTKinetics
import KRTUnits

extension CaseReader {
    /// Case-file names of the choosable streams.
    static let streamKeys: [(key: String, stream: FluidStream)] = [
        ("dialysate", .dialysate), ("pre_replacement", .preReplacement), ("post_replacement", .postReplacement),
    ]

    static func readFluids(_ field: Field, horizon: Double?) -> FluidsSpec? {
        guard field.expectMapping(allowedKeys: streamKeys.map(\.key) + ["change_every", "allow_unconfirmed", "allow_off_label"],
                                  expected: "the fluids per stream (dialysate, pre_replacement, post_replacement)") else { return nil }
        var streams: [FluidStream: FluidsSpec.Stream] = [:]
        for (key, stream) in streamKeys where field[key].isPresent {
            if let spec = readStream(field[key], horizon: horizon) { streams[stream] = spec }
        }
        var changeEvery: Double? = nil
        if field["change_every"].isPresent {
            changeEvery = readTime(field["change_every"], in: 1...336, expected: "1 h to 14 days")
        }
        let allowUnconfirmed = field["allow_unconfirmed"].bool(required: false) ?? false
        let allowOffLabel = field["allow_off_label"].bool(required: false) ?? false
        return FluidsSpec(streams: streams, changeEvery: changeEvery, allowUnconfirmed: allowUnconfirmed, allowOffLabel: allowOffLabel)
    }

    /// A product name (fixed), `{choose_from: [..] | all}`, or `{schedule: [{from, product}]}`.
    static func readStream(_ field: Field, horizon: Double?) -> FluidsSpec.Stream? {
        if case .scalar = field.node {
            guard let name = field.string(expected: "a product name") else { return nil }
            return .fixed([FixedFluid(from: 0, product: NameReference(name, path: field.path))])
        }
        guard field.expectMapping(allowedKeys: ["choose_from", "schedule"],
                                  expected: "a product name, {choose_from: [...]} or {schedule: [...]}") else { return nil }
        let choose = field["choose_from"], schedule = field["schedule"]
        if choose.isPresent == schedule.isPresent {
            field.error("give exactly one of choose_from (planner picks) or schedule (fixed products)")
            return nil
        }
        if choose.isPresent {
            if case let .scalar(text, _) = choose.node, text.trimmingWhitespace == "all" { return .chooseAll(path: choose.path) }
            guard let items = choose.list(expected: "a list of product names, or all") else { return nil }
            let names = items.compactMap { item in item.string(expected: "a product name").map { NameReference($0, path: item.path) } }
            guard names.count == items.count else { return nil }
            if names.isEmpty { choose.error("is empty; expected at least one product name, or all") ; return nil }
            return .chooseFrom(names)
        }
        guard let items = schedule.list(expected: "a list such as [{from: 0 h, product: Phoxilium}]") else { return nil }
        var entries: [FixedFluid] = []
        for item in items {
            guard item.expectMapping(allowedKeys: ["from", "product"]) else { continue }
            let from = item["from"].canonical(.time)
            let product = item["product"].string(expected: "a product name")
            guard let from, let product else { continue }
            if let horizon, from < 0 || from >= horizon {
                item["from"].error("\(item["from"].text) is outside the plan (0 h to before \(Quantity.format(horizon)) h)")
                continue
            }
            entries.append(FixedFluid(from: from, product: NameReference(product, path: item["product"].path)))
        }
        entries.sort { $0.from < $1.from }
        guard entries.count == items.count else { return nil }
        if entries.first?.from != 0 { schedule.error("the first product must start at 0 h") ; return nil }
        for (a, b) in zip(entries, entries.dropFirst()) where a.from == b.from {
            schedule.error("two products start at \(Quantity.format(a.from)) h")
            return nil
        }
        return .fixed(entries)
    }

    static let supplementKeys = ["allowed", "access", "dose_every", "dose_times", "first_dose_at", "limits"]

    static func readSupplements(_ field: Field, horizon: Double?) -> SupplementsSpec? {
        guard field.isPresent else { return SupplementsSpec(allowed: [], access: "peripheral", doseTimes: [], limits: []) }
        guard field.expectMapping(allowedKeys: supplementKeys) else { return nil }
        enum Access: String, CaseIterable { case peripheral, central }
        var allowed: [NameReference] = []
        if let items = field["allowed"].list(required: false, expected: "a list of drug names") {
            allowed = items.compactMap { item in item.string(expected: "a drug name").map { NameReference($0, path: item.path) } }
        }
        let access = field["access"].choice(Access.self, required: false)
        if access == nil, !field["access"].isPresent, !allowed.isEmpty {
            field["access"].warning(value: "", "access not given; peripheral limits are applied (the safer default)")
        }
        let doseTimes = readDoseTimes(field, horizon: horizon)
        let limits = readCaseLimits(field["limits"])
        guard let doseTimes else { return nil }
        return SupplementsSpec(allowed: allowed, access: (access ?? .peripheral).rawValue, doseTimes: doseTimes, limits: limits)
    }

    /// Shortest spacing (h) between two administration times, for `dose_times` as for `dose_every`
    /// (ASSUMPTION: one standard 1-h infusion per time; docs/case-format.md).
    static let minDoseSpacing = 1.0

    /// Administration times: `dose_times: [..]`, or `dose_every` (default 6 h) from `first_dose_at` (default 0 h).
    static func readDoseTimes(_ field: Field, horizon: Double?) -> [Double]? {
        let horizon = horizon ?? maxHorizon
        if field["dose_times"].isPresent {
            if field["dose_every"].isPresent { field["dose_every"].error("give either dose_times or dose_every, not both") }
            guard let items = field["dose_times"].list(expected: "a list of times such as [0 h, 6 h]") else { return nil }
            let times = items.compactMap { readTimePoint($0, horizon: horizon) }
            guard times.count == items.count else { return nil }
            let sorted = Array(Set(times)).sorted()
            for (a, b) in zip(sorted, sorted.dropFirst()) where b - a < minDoseSpacing - 1e-9 {
                field["dose_times"].error(
                    "administration times \(Quantity.format((a * 100).rounded() / 100)) h and \(Quantity.format((b * 100).rounded() / 100)) h are \(Quantity.format(((b - a) * 60).rounded())) min apart; expected times at least \(Quantity.format(minDoseSpacing)) h apart (the same minimum as dose_every)")
                return nil
            }
            return sorted
        }
        let every = field["dose_every"].isPresent ? readTime(field["dose_every"], in: minDoseSpacing...72, expected: "1 h to 72 h") : 6
        let first = field["first_dose_at"].isPresent ? readTimePoint(field["first_dose_at"], horizon: horizon) : 0
        guard let every, let first else { return nil }
        return Array(stride(from: first, to: horizon, by: every))
    }

    static func readCaseLimits(_ field: Field) -> [CaseSupplementLimit] {
        guard field.isPresent else { return [] }
        guard case let .mapping(entries, _) = field.node else {
            field.error("expected a mapping from drug name to limits, e.g. {potassium chloride IV: {max_per_24h: 80 mmol}}")
            return []
        }
        var limits: [CaseSupplementLimit] = []
        for entry in entries {
            let drug = field[entry.key]
            guard drug.expectMapping(allowedKeys: ["max_single_dose", "max_per_24h", "max_rate"]) else { continue }
            limits.append(CaseSupplementLimit(
                drug: NameReference(entry.key, path: drug.path),
                maxSingleDose: drug["max_single_dose"].quantity(.amount, required: false),
                maxPer24h: drug["max_per_24h"].quantity(.amount, required: false),
                maxRate: drug["max_rate"].quantity(.amountRate, required: false)))
        }
        return limits
    }

    static func readOrders(_ field: Field, horizon: Double?) -> [OrderSpec] {
        guard field.isPresent, let items = field.list(expected: "a list of orders such as {at: 2 h, drug: magnesium sulfate IV, dose: 2 g, over: 2 h}") else { return [] }
        let orders = items.compactMap { readOrder($0, at: readTimePoint($0["at"], horizon: horizon)) }
        return orders.sorted { $0.at < $1.at }
    }

    /// One order `{at, drug, dose | units, over}`; `at` is read by the caller (the plan's and the
    /// history's times differ in range).
    static func readOrder(_ item: Field, at: @autoclosure () -> Double?) -> OrderSpec? {
        guard item.expectMapping(allowedKeys: ["at", "drug", "dose", "units", "over"]) else { return nil }
        let at = at()
        let drug = item["drug"].string(expected: "a drug name from the supplement catalog")
        var dose: Quantity? = nil, units: Int? = nil
        if item["dose"].isPresent == item["units"].isPresent {
            item.error("give exactly one of dose (e.g. 2 g, 20 mmol) or units (a count of orderable units)")
        } else if item["dose"].isPresent {
            dose = item["dose"].quantity(.amount)
            if let value = dose?.value, !(value > 0) { item["dose"].error("dose \(item["dose"].text) must be positive"); dose = nil }
        } else if let count = item["units"].number(expected: "a whole number of orderable units") {
            if count >= 1, count <= 100, count == count.rounded() { units = Int(count) } else {
                item["units"].error("units \(item["units"].text) must be a whole number from 1 to 100")
            }
        }
        let over = item["over"].isPresent ? readTime(item["over"], in: 0...48, expected: "0 to 48 h") : nil
        guard let at, let drug, dose != nil || units != nil else { return nil }
        return OrderSpec(at: at, drug: NameReference(drug, path: item["drug"].path), dose: dose, units: units,
                         over: over, path: item.path)
    }
}
