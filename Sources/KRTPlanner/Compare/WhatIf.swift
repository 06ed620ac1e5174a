import KRTCatalog
import KRTEstimation
import KRTInput
import KRTUnits
import Synchronization

/// What-if comparison: the same case under several sets of overrides, planned (or simulated) side by
/// side. Variants run in parallel, one thread each; results come back in the order given.
public enum WhatIf {
    public struct Variant: Sendable {
        public var name: String
        public var overrides: [InputOverride]
        /// For a case with `history:`: fitted (individual) or population start (``FittedStart``).
        public var start: FittedStart.Source

        public init(name: String, overrides: [InputOverride], start: FittedStart.Source = .individual) {
            self.name = name
            self.overrides = overrides
            self.start = start
        }
    }

    /// - Parameter progress: called after each finished variant (from worker threads) with (done, total).
    public static func run(_ document: YAMLDocument, variants: [Variant], catalog: Catalog, simulate: Bool,
                           options: PlanningOptions, fit: Estimator.Options = Estimator.Options(), threads: Int,
                           bands: UncertaintySettings? = nil,
                           progress: (@Sendable (Int, Int) -> Void)? = nil) -> WhatIfComparison {
        let done = Mutex(0)
        let single = { () -> PlanningOptions in
            var copy = options
            copy.threads = 1
            return copy
        }()
        let outcomes = ParallelWork.map(variants, threads: threads) { variant -> VariantOutcome in
            let outcome = evaluate(variant, document: document, catalog: catalog, simulate: simulate, options: single, fit: fit, bands: bands)
            let count = done.withLock { value -> Int in
                value += 1
                return value
            }
            progress?(count, variants.count)
            return outcome
        }
        let name = (try? CaseReader.read(document).name) ?? document.source
        return WhatIfComparison(caseName: name, mode: simulate ? .simulation : .plan, variants: outcomes)
    }

    static func evaluate(_ variant: Variant, document: YAMLDocument, catalog: Catalog, simulate: Bool,
                         options: PlanningOptions, fit: Estimator.Options = Estimator.Options(),
                         bands: UncertaintySettings? = nil) -> VariantOutcome {
        let changes = variant.overrides.map(\.description)
        func failed(_ message: String) -> VariantOutcome {
            VariantOutcome(name: variant.name, changes: changes, status: nil, error: message, solutes: [], supplementTotals: [],
                           fluids: "", effluentDose: 0, objective: nil)
        }
        let planningCase: PlanningCase
        do {
            let file = try CaseReader.read(document.applying(variant.overrides))
            let start = try FittedStart.prepare(file, catalog: catalog, source: variant.start, options: fit)
            guard start.isUsable else {
                return failed("the fit of the history did not converge (\(start.fit?.estimation.reason ?? "")); nothing planned from it")
            }
            planningCase = try start.planningCase(catalog: catalog, mode: simulate ? .simulate : .plan)
        } catch {
            return failed(error.issues.errors.map(\.description).joined(separator: "; "))
        }
        var planningOptions = options
        planningOptions.relativeGap = planningCase.file.solver.relativeGap
        let planner = Planner(catalog: catalog, options: planningOptions)
        let result: PlanResult
        if simulate {
            do { result = try planner.simulate(planningCase) } catch { return failed(error.description) }
        } else {
            do {
                if let robust = RobustSettings.resolve(planningCase.file, requested: false, threads: 1) {
                    result = try RobustPlanner(planner: planner, settings: robust).plan(planningCase)
                } else {
                    result = try planner.plan(planningCase)
                }
            } catch { return failed(error.description) }
        }
        var outcome = outcome(variant.name, changes: changes, result: result)
        outcome.robust = result.robust
        if var settings = bands {
            settings.threads = 1
            outcome.uncertainty = result.withUncertainty(settings, source: planningCase.uncertaintySource).uncertainty.map(VariantUncertainty.init)
        }
        return outcome
    }

    static func outcome(_ name: String, changes: [String], result: PlanResult) -> VariantOutcome {
        var totals: [String: (orders: Int, units: Int, delivers: [Solute: Double])] = [:]
        for order in result.orders {
            var entry = totals[order.drug] ?? (0, 0, [:])
            entry.orders += 1
            entry.units += order.units
            for amount in order.delivers { entry.delivers[amount.solute, default: 0] += amount.amount }
            totals[order.drug] = entry
        }
        let supplementTotals = totals.keys.sorted().compactMap { drug -> SupplementTotal? in
            guard let entry = totals[drug] else { return nil }
            // Every planned solute the drug delivers (potassium phosphate gives K and phosphate), in solute order.
            let planned = Solute.planned.compactMap { solute in entry.delivers[solute].map { (solute, $0) } }.filter { $0.1 > 0 }
            let total = planned.isEmpty ? "\(entry.units) unit\(entry.units == 1 ? "" : "s")"
                : planned.map { "\(Quantity.format(($0.1 * 10).rounded() / 10)) mmol \($0.0.symbol)" }.joined(separator: " + ")
            return SupplementTotal(drug: drug, orders: entry.orders, total: total,
                                   delivers: entry.delivers.keys.sorted().map { SoluteAmount(solute: $0, amount: entry.delivers[$0] ?? 0) })
        }
        let fluids = result.fluids.filter { $0.stream != "citrate" }
        var streams: [String] = []
        var products: [String: [String]] = [:]
        for fluid in fluids {
            if !streams.contains(fluid.stream) { streams.append(fluid.stream) }
            if !(products[fluid.stream]?.contains(fluid.product) ?? false) { products[fluid.stream, default: []].append(fluid.product) }
        }
        let fluidText = streams.map { "\($0.replacingUnderscores) \((products[$0] ?? []).joined(separator: " → "))" }.joined(separator: "; ")
        return VariantOutcome(name: name, changes: changes, status: result.status, error: nil, solutes: result.solutes,
                              supplementTotals: supplementTotals, fluids: fluidText,
                              effluentDose: result.therapySummary.effluentDosePrescribed * result.therapySummary.runningFraction,
                              objective: result.solver?.objective, alerts: result.alerts, start: result.start)
    }
}
