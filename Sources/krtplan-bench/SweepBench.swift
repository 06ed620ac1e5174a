import Foundation
import KRTInput
import KRTPlanner

/// What-if sweeps of the flagship case through `WhatIf.run` (what `krtplan compare` calls): the same
/// variants on one thread and on all cores.
enum SweepBench {
    /// Variant `i` of the 1,000: dialysate flow 1,000–2,500 mL/h (31 values), starting K 3.0–3.9 mmol/L
    /// (10), starting Mg 1.2–1.8 mg/dL (4), combined in that order.
    static func variant(_ i: Int) throws -> WhatIf.Variant {
        let flow = 1000 + 50 * (i % 31)
        let potassium = 3.0 + 0.1 * Double((i / 31) % 10)
        let magnesium = 1.2 + 0.2 * Double((i / 310) % 4)
        let texts = ["therapy.dialysate_flow=\(flow) mL/h",
                     "labs[0].potassium=\(String(format: "%.1f", potassium)) mmol/L",
                     "labs[0].magnesium=\(String(format: "%.1f", magnesium)) mg/dL"]
        return WhatIf.Variant(name: "v\(i)", overrides: try texts.map { text throws(InputError) in try InputOverride(parsing: text) })
    }

    /// `count` of the 1,000 variants, spread evenly over the list.
    static func sample(_ count: Int, of total: Int) throws -> [WhatIf.Variant] {
        try (0..<count).map { k in try variant(k * total / count) }
    }

    /// For `--simulate`: both choosable streams fixed to Biphozyl, and a few orders written.
    static let simulateBase = [
        "fluids.dialysate=Biphozyl", "fluids.post_replacement=Biphozyl",
        "orders=[{at: 0 h, drug: magnesium sulfate, units: 4}, {at: 0 h, drug: KCl 20 mmol/100 mL, units: 3}, "
            + "{at: 6 h, drug: sodium phosphates, units: 1}, {at: 12 h, drug: magnesium sulfate, units: 2}, "
            + "{at: 24 h, drug: KCl 20 mmol/100 mL, units: 2}]",
    ]

    static func run(_ inputs: BenchInputs, _ settings: Settings) throws -> [String: Any] {
        let total = settings.sweepMaxVariants
        // Calibrate: one variant on one thread, to choose how many fit the budget.
        let document = try inputs.document()
        let options = PlanningOptions(relativeGap: 0.01, timeLimit: settings.planTimeLimit, threads: 1)
        let probe = try sample(1, of: total)
        let (_, probeTime) = Clock.measure {
            WhatIf.run(document, variants: probe, catalog: inputs.catalog, simulate: false, options: options, threads: 1)
        }
        let fit = Int(settings.sweepBudget / max(probeTime.wall, 1e-3))
        let count = max(2, min(total, fit - fit % 2))
        Progress.say("sweep: one variant took \(Progress.ms(probeTime.wall)); planning \(count) of \(total) variants")
        let variants = try sample(count, of: total)
        let plan = measure(document, variants: variants, inputs: inputs, simulate: false, options: options, settings: settings)

        let simulateDocument = try inputs.document(overrides: simulateBase)
        let simulateCount = min(settings.simulateVariants, total)
        let simulateVariants = try sample(simulateCount, of: total)
        let simulate = measure(simulateDocument, variants: simulateVariants, inputs: inputs, simulate: true, options: options,
                               settings: settings)
        return ["total": total, "plan": plan, "simulate": simulate, "baseOverridesForSimulate": simulateBase]
    }

    static func measure(_ document: YAMLDocument, variants: [WhatIf.Variant], inputs: BenchInputs, simulate: Bool,
                        options: PlanningOptions, settings: Settings) -> [String: Any] {
        var entry: [String: Any] = ["variants": variants.count,
                                    "calibrationBefore": Calibration.parallelCapacity(threads: settings.threads)]
        for threads in Array(Set([1, settings.threads])).sorted() {
            let (comparison, time) = Clock.measure {
                WhatIf.run(document, variants: variants, catalog: inputs.catalog, simulate: simulate, options: options, threads: threads)
            }
            var statuses: [String: Int] = [:]
            for outcome in comparison.variants { statuses[outcome.status?.rawValue ?? "failed", default: 0] += 1 }
            let firstError = comparison.variants.compactMap(\.error).first ?? ""
            entry["threads\(threads)"] = ["threads": threads, "wall": time.wall, "cpu": time.cpu,
                                          "perSecond": Double(variants.count) / time.wall, "statuses": statuses,
                                          "firstError": firstError] as [String: Any]
            Progress.say("sweep \(simulate ? "simulate" : "plan") \(variants.count) variants, \(threads) thread(s): "
                + "\(Progress.ms(time.wall)) wall; \(statuses)")
        }
        entry["calibrationAfter"] = Calibration.parallelCapacity(threads: settings.threads)
        return entry
    }
}
