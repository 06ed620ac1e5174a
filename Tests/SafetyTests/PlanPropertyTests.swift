import Foundation
import KRTCatalog
import KRTInput
import KRTPlanner
import KRTUnits
import Testing

/// Properties of plans for random valid cases (RandomCases.swift), on short horizons to keep CI fast;
/// `KRTPLAN_LONG_PROPERTIES=1` runs ten times as many (docs/safety.md).
///
/// For every plan: the planner's own limit checks all pass, and so does an independent audit of every
/// order against the catalog (OrderLimitAudit); and the plan written back as a case file (fixed
/// fluid schedules and orders) and simulated reproduces the predicted levels to 1e-6 mmol/L, so a plan
/// reported in range is in range when simulated. (The planner's own `maxPredictionDifference` is not
/// re-asserted: the planner refuses plans above it, which PlanTerminationTests shows can happen.)
struct PlanPropertyTests {
    static let planCount = SafetyFixtures.count(40)

    @Test func plansRespectEveryLimitAndMatchTheirSimulation() throws {
        let catalog = try #require(SafetyFixtures.catalog)
        var planned = 0, unmet = 0, orders = 0
        for seed in SafetyFixtures.seeds(Self.planCount, stream: 1) {
            let random = RandomCase(seed: seed, fluids: .choose, horizon: seed % 3 == 0 ? 24 : 12)
            guard let planningCase = try? random.planningCase(catalog, mode: .plan) else { continue }
            var options = PlanningOptions(relativeGap: 0.01, timeLimit: 3600, threads: 1)
            options.fluidRounds = 6
            let result: PlanResult
            do { result = try Planner(catalog: catalog, options: options).plan(planningCase) } catch {
                Issue.record("\(random)\nplanning failed: \(error)")
                continue
            }
            planned += 1
            orders += result.orders.count
            if result.status == .hardBoundsUnmet { unmet += 1 }
            let failed = result.verification.limitChecks.filter { !$0.passed }.map(\.description)
            #expect(failed.isEmpty, "\(random)\nplanner's own limit checks failed: \(failed)")
            let audit = OrderLimitAudit.violations(of: result, catalog: catalog)
            #expect(audit.isEmpty, "\(random)\nindependent audit: \(audit)")
            do {
                try Self.expectRoundTrip(result, of: random, catalog: catalog, correctionWindow: planningCase.problem.correctionWindow)
            } catch {
                Issue.record("\(random)\nthe plan written back as a case failed: \(error)")
            }
        }
        print("PlanPropertyTests (base seed \(SafetyFixtures.baseSeed)): \(planned) plans (\(unmet) least-violating, \(orders) orders audited) of \(Self.planCount) random cases")
        #expect(planned * 4 >= Self.planCount * 3, "only \(planned) of \(Self.planCount) random cases were planned")
    }

    /// The plan's fluids and orders written into the case (as `simulate` reads them) give the same
    /// levels; where the plan says a solute stays in its target range (or inside the hard bounds), the
    /// simulation agrees.
    ///
    /// A starting level outside its hard bounds relaxes that bound to "no worse than the start" for the
    /// first `correctionWindow` hours (PlanProblem.correctionWindow), so the plan can bring it back.
    static func expectRoundTrip(_ plan: PlanResult, of random: RandomCase, catalog: Catalog, correctionWindow: Double) throws {
        let text = Self.caseText(writing: plan, into: random.text)
        let file = try CaseReader.read(YAMLDocument.parse(text, source: "round-trip.yaml"))
        let simulation = try Planner(catalog: catalog).simulate(PlanningCase.resolve(file, catalog: catalog, mode: .simulate))
        #expect(simulation.trajectory.times == plan.trajectory.times)
        for summary in plan.solutes {
            let predicted = plan.trajectory.values(for: summary.solute) ?? []
            let simulated = simulation.trajectory.values(for: summary.solute) ?? []
            let difference = zip(predicted, simulated).map { abs($0 - $1) }.max() ?? .infinity
            #expect(predicted.count == simulated.count && difference <= 1e-6,
                    "\(random)\n\(summary.solute.rawValue): plan and its simulation differ by \(difference)\n\(text)")
            // The starting level is given, not planned: the claims are about every later report time.
            let later = simulated.dropFirst()
            let tolerance = 1e-6
            if summary.excursionBelow + summary.excursionAbove == 0 {
                #expect(later.allSatisfy { $0 >= summary.targetLow - tolerance && $0 <= summary.targetHigh + tolerance },
                        "\(random)\n\(summary.solute.rawValue) reported in range, simulated \(simulated)")
            }
            if plan.status != .hardBoundsUnmet {
                for (time, level) in zip(simulation.trajectory.times, simulated).dropFirst() {
                    let relaxed = time <= correctionWindow + 1e-9
                    let low = relaxed ? min(summary.hardLow, summary.initial) : summary.hardLow
                    let high = relaxed ? max(summary.hardHigh, summary.initial) : summary.hardHigh
                    #expect(level >= low - tolerance && level <= high + tolerance,
                            "\(random)\n\(summary.solute.rawValue) \(level) at \(time) h outside \(low)–\(high) in a plan that meets the hard bounds")
                }
            }
        }
    }

    /// Largest |plan's predicted level − simulation of the plan written back as a case| over every report
    /// time and solute (mmol/L): an independent check of "LP prediction = simulation" (the simulate path
    /// reads the orders as written and never sees the LP).
    static func simulationDifference(of plan: PlanResult, caseText: String, catalog: Catalog) throws -> Double {
        let file = try CaseReader.read(YAMLDocument.parse(Self.caseText(writing: plan, into: caseText), source: "round-trip.yaml"))
        let simulation = try Planner(catalog: catalog).simulate(try PlanningCase.resolve(file, catalog: catalog, mode: .simulate))
        guard simulation.trajectory.times == plan.trajectory.times else { return .infinity }
        return plan.solutes.map { summary in
            let predicted = plan.trajectory.values(for: summary.solute) ?? []
            let simulated = simulation.trajectory.values(for: summary.solute) ?? []
            guard predicted.count == simulated.count else { return .infinity }
            return zip(predicted, simulated).map { abs($0 - $1) }.max() ?? .infinity
        }.max() ?? .infinity
    }

    /// The case text with its `fluids:` block replaced by the plan's schedules and the plan's orders added.
    static func caseText(writing plan: PlanResult, into text: String) -> String {
        var lines: [String] = []
        var skipping = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line == "fluids:" { skipping = true; continue }
            if skipping, line.hasPrefix("  ") { continue }
            skipping = false
            lines.append(line)
        }
        lines.append("fluids:")
        for stream in ["dialysate", "pre_replacement", "post_replacement"] {
            let parts = plan.fluids.filter { $0.stream == stream }.sorted { $0.from < $1.from }
            guard !parts.isEmpty else { continue }
            let schedule = parts.map { "{from: \($0.from) h, product: \"\($0.product)\"}" }.joined(separator: ", ")
            lines.append("  \(stream): {schedule: [\(schedule)]}")
        }
        if !plan.orders.isEmpty {
            lines.append("orders:")
            for order in plan.orders {
                let over = order.duration > 0 ? ", over: \(order.duration) h" : ""
                lines.append("  - {at: \(order.at) h, drug: \"\(order.drug)\", units: \(order.units)\(over)}")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
