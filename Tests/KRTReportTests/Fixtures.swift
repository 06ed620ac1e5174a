import Foundation
import KRTPlanner
import KRTUnits

/// Realistic results built in code: 72 h of citrate CVVHDF, hourly report step, five supplement orders,
/// a dialysate change at 24 h; an infeasible variant with violations and fixes; a simulation; a
/// comparison with a failed variant.
enum Fixtures {
    static let times = (0...72).map(Double.init)

    /// Smooth, deterministic courses with the shapes the planner produces: Mg corrected first, K rising
    /// after KCl, phosphate falling on phosphate-free fluid until potassium phosphate and Phoxilium.
    static func potassium(_ t: Double) -> Double {
        3.1 - 0.12 * sin(Double.pi * t / 6) * exp(-t / 6) + 0.95 * (1 - exp(-t / 12))
    }

    static func phosphate(_ t: Double) -> Double {
        let fall = 0.7 - 0.2 * (1 - exp(-t / 6))
        let supplement = t > 6 ? 0.3 * (1 - exp(-(t - 6) / 3)) * exp(-(t - 6) / 30) : 0
        let fluid = t > 24 ? 0.35 * (1 - exp(-(t - 24) / 10)) : 0
        return fall + supplement + fluid
    }

    static func magnesium(_ t: Double) -> Double {
        0.6 + 0.32 * (1 - exp(-t / 3)) - 0.0015 * t + (t > 24 ? 0.08 * (1 - exp(-(t - 24) / 3)) : 0)
    }

    static func series(_ solute: Solute, _ f: (Double) -> Double) -> SoluteSeries {
        SoluteSeries(solute: solute, values: times.map(f))
    }

    /// A summary computed from the series the way the planner defines it (samples in range, trapezoids).
    static func summary(_ series: SoluteSeries, target: ClosedRange<Double>, hard: ClosedRange<Double>) -> SoluteSummary {
        let values = series.values
        let minIndex = values.indices.min { values[$0] < values[$1] } ?? 0
        let maxIndex = values.indices.max { values[$0] < values[$1] } ?? 0
        let inRange = values.filter { target.contains($0) }.count
        var below = 0.0, above = 0.0
        for i in 1..<values.count {
            let dt = times[i] - times[i - 1]
            below += dt * (max(target.lowerBound - values[i - 1], 0) + max(target.lowerBound - values[i], 0)) / 2
            above += dt * (max(values[i - 1] - target.upperBound, 0) + max(values[i] - target.upperBound, 0)) / 2
        }
        return SoluteSummary(
            solute: series.solute, targetLow: target.lowerBound, targetHigh: target.upperBound,
            hardLow: hard.lowerBound, hardHigh: hard.upperBound, initial: values[0],
            minimum: values[minIndex], minimumAt: times[minIndex], maximum: values[maxIndex], maximumAt: times[maxIndex],
            timeInRange: Double(inRange) / Double(values.count), excursionBelow: below, excursionAbove: above)
    }

    static let orders: [PlannedOrder] = [
        PlannedOrder(at: 0, drug: "magnesium sulfate", units: 2, dose: "2 g", route: "intravenous", line: "peripheral",
                     duration: 2, rate: "1 g/h", delivers: [SoluteAmount(solute: .magnesium, amount: 8.11)],
                     reason: "Mg 0.60 mmol/L below target; magnesium first: low Mg drives renal K loss"),
        PlannedOrder(at: 1, drug: "potassium chloride", units: 2, dose: "20 mmol", route: "intravenous", line: "central",
                     duration: 2, rate: "10 mmol/h", delivers: [SoluteAmount(solute: .potassium, amount: 20)],
                     reason: "K 3.10 mmol/L below target 3.5–4.5"),
        PlannedOrder(at: 6, drug: "potassium phosphate", units: 1, dose: "15 mmol", route: "intravenous", line: "central",
                     duration: 4, rate: "3.75 mmol/h",
                     delivers: [SoluteAmount(solute: .potassium, amount: 22), SoluteAmount(solute: .phosphate, amount: 15)],
                     reason: "predicted PO4 nadir 0.55 mmol/L at 8 h on phosphate-free dialysate; K gate (≤ 4.0) met"),
        PlannedOrder(at: 24, drug: "magnesium sulfate", units: 1, dose: "1 g", route: "intravenous", line: "peripheral",
                     duration: 1, rate: "1 g/h", delivers: [SoluteAmount(solute: .magnesium, amount: 4.06)],
                     reason: "citrate Mg loss"),
        PlannedOrder(at: 36, drug: "potassium chloride", units: 1, dose: "20 mmol", route: "oral", line: "",
                     duration: 0, rate: "", delivers: [SoluteAmount(solute: .potassium, amount: 20)],
                     reason: "maintenance, enteral route available"),
    ]

    static let fluids: [FluidAssignment] = [
        FluidAssignment(stream: "citrate", from: 0, to: 72, product: "Prismocitrate 18/0", equivalents: [],
                        potassium: 0, phosphate: 0, magnesium: 0, calcium: 0, flow: 1.5),
        FluidAssignment(stream: "dialysate", from: 0, to: 24, product: "Prismasol BGK2/0", equivalents: ["Multibic 2K Ca0"],
                        potassium: 2, phosphate: 0, magnesium: 0.5, calcium: 0, flow: 1.5),
        FluidAssignment(stream: "dialysate", from: 24, to: 72, product: "Phoxilium 1.2 mmol/L phosphate", equivalents: [],
                        potassium: 4, phosphate: 1.2, magnesium: 0.6, calcium: 1.25, flow: 1.5),
        FluidAssignment(stream: "post_replacement", from: 0, to: 72, product: "Prismasol BGK4/2.5",
                        equivalents: ["Multibic 4K", "Biphozyl"], potassium: 4, phosphate: 0, magnesium: 0.75,
                        calcium: 1.25, flow: 0.5),
    ]

    static let labDraws: [LabDraw] = [
        LabDraw(at: 0, reasons: ["baseline"]),
        LabDraw(at: 6, reasons: ["before potassium phosphate IV (K gate)"]),
        LabDraw(at: 8.5, reasons: ["response to potassium phosphate IV"]),
        LabDraw(at: 12, reasons: ["every 12 h"]),
        LabDraw(at: 24, reasons: ["every 12 h", "before the dialysate change"]),
        LabDraw(at: 36, reasons: ["every 12 h"]),
        LabDraw(at: 48, reasons: ["every 12 h"]),
        LabDraw(at: 60, reasons: ["every 12 h"]),
        LabDraw(at: 72, reasons: ["end of plan"]),
    ]

    static func plan(caseName: String = "flagship citrate CVVHDF, 80 kg") -> PlanResult {
        let k = series(.potassium, potassium), p = series(.phosphate, phosphate), mg = series(.magnesium, magnesium)
        return PlanResult(
            kind: .plan, caseName: caseName, status: .optimal, horizon: 72, step: 1,
            fluids: fluids, orders: orders, trajectory: Trajectory(times: times, series: [k, p, mg]),
            solutes: [summary(k, target: 3.5...4.5, hard: 3.0...6.0), summary(p, target: 0.8...1.5, hard: 0.32...2.5),
                      summary(mg, target: 0.7...1.1, hard: 0.5...2.0)],
            labDraws: labDraws,
            warnings: ["Phosphate-free dialysate for the first 24 h: hypophosphataemia is expected without supplements.",
                       "Citrate anticoagulation: Mg loss as Mg-citrate is modelled with an ultrafilterable fraction of 0.8."],
            explanation: Explanation(
                binding: [BindingLimit(
                    name: "KCl_IV_rate_t001", description: "potassium chloride IV rate cap (10 mmol/h, central line)",
                    shadowPrice: 0.084, effect: "raising the cap by 5 mmol/h would cut the K excursion by 0.4 mmol/L·h")],
                alternatives: [AlternativeChoice(fluids: "dialysate Prismasol BGK4/2.5 0–72 h; post Prismasol BGK4/2.5",
                                                 objectiveDifference: 3.75)],
                notes: ["magnesium first: low Mg drives renal K loss"]),
            verification: Verification(
                maxPredictionDifference: 0.00031, tolerance: 0.01, couplingIterations: 2,
                limitChecks: [LimitCheck(description: "magnesium sulfate IV at 0 h: rate 1 g/h ≤ 9 g/h (label)", passed: true),
                              LimitCheck(description: "potassium chloride IV at 1 h: 10 mmol/h ≤ 10 mmol/h (central)", passed: true),
                              LimitCheck(description: "potassium chloride: 60 mmol per 24 h ≤ 200 mmol", passed: true)],
                solverResidual: 2.3e-10),
            solver: SolverStatistics(
                strategy: "branch-and-bound over fluid combinations, MILP per leaf", variables: 1314, constraints: 987,
                integerVariables: 48, binaryVariables: 12, nodesExplored: 9, milpsSolved: 6, lpsSolved: 15,
                termination: "gap reached", objective: 12.5, bound: 12.44, relativeGap: 0.0048, requestedGap: 0.01,
                objectiveTerms: [ObjectiveTerm(name: "K excursion", value: 8.25), ObjectiveTerm(name: "PO4 excursion", value: 3.1),
                                 ObjectiveTerm(name: "doses", value: 1.15)]),
            massBalance: [MassBalanceSummary(solute: .potassium, deliveredByFluids: 310.2, removedInEffluent: 402.7,
                                             supplements: 62, intake: 48, renalExcretion: 6.1, potassiumWasting: 3.2,
                                             changeInBody: 8.2, residual: 3.1e-9)],
            therapySummary: TherapySummary(
                modality: "CVVHDF", flows: "blood 150 mL/min, dialysate 1500 mL/h, post 500 mL/h, net UF 100 mL/h, citrate 1500 mL/h",
                effluentDosePrescribed: 25, effluentDoseDelivered: 22.5, anticoagulation: "regional citrate",
                sessions: "continuous"),
            assumptions: ["Mg → K coupling: extra renal K loss 0.5 mmol/h per 0.1 mmol/L Mg below 0.7 (adjustable; no published coefficient)",
                          "Phosphate: pseudo-one-compartment, central volume 13.6 % of weight (reference/kinetics.md §3)"],
            audit: Audit(inputSHA256: String(repeating: "ab", count: 32), catalogSHA256: String(repeating: "0f", count: 32),
                         toolVersion: "0.1.0", modelVersion: "kinetics-1", glpkVersion: "5.0", solverStatus: "optimal",
                         solverResidual: 2.3e-10, massBalanceResidual: 3.1e-9))
    }

    /// Without a potassium-containing fluid K sags below the 3.0 mmol/L hard bound around 20 h.
    static func sagging(_ t: Double) -> Double { 3.1 - 0.28 * exp(-((t - 20) / 9) * ((t - 20) / 9)) }

    /// No plan meets the hard bounds: K falls below 3.0 mmol/L from 11 h, worst (2.82) at 20 h.
    static func infeasible() -> PlanResult {
        var result = plan(caseName: "no K fluid allowed")
        result.status = .hardBoundsUnmet
        let k = series(.potassium, sagging)
        result.trajectory.series[0] = k
        result.solutes[0] = summary(k, target: 3.5...4.5, hard: 3.0...6.0)
        let area = zip(times, times.dropFirst()).reduce(0.0) { total, step in
            total + (step.1 - step.0) * (max(3.0 - sagging(step.0), 0) + max(3.0 - sagging(step.1), 0)) / 2
        }
        result.explanation.violations = [BoundViolation(solute: .potassium, side: "below", bound: 3.0, firstAt: 11,
                                                        worstAt: 20, worstBy: 3.0 - sagging(20), area: area)]
        result.explanation.suggestedFixes = [
            SuggestedFix(change: "allow a potassium-containing dialysate (Prismasol BGK4/2.5)", remainingViolation: 0),
            SuggestedFix(change: "raise the KCl IV daily cap from 120 to 200 mmol", remainingViolation: 0.35),
        ]
        result.audit.solverStatus = "hard bounds unmet"
        return result
    }

    static func simulation() -> PlanResult {
        var result = plan(caseName: "orders as written")
        result.kind = .simulation
        result.status = .simulated
        result.solver = nil
        result.explanation = Explanation()
        return result
    }

    static func comparison() -> WhatIfComparison {
        let base = plan()
        func totals() -> [SupplementTotal] {
            [SupplementTotal(drug: "magnesium sulfate", orders: 2, total: "3 g", delivers: [SoluteAmount(solute: .magnesium, amount: 12.17)]),
             SupplementTotal(drug: "potassium chloride", orders: 2, total: "40 mmol", delivers: [SoluteAmount(solute: .potassium, amount: 40)])]
        }
        var high = base.solutes
        high[0].timeInRange = 0.74
        high[0].minimum = 2.98
        return WhatIfComparison(caseName: base.caseName, mode: .plan, variants: [
            VariantOutcome(name: "base", changes: [], status: .optimal, error: nil, solutes: base.solutes,
                           supplementTotals: totals(), fluids: "dialysate Prismasol BGK2/0 → Phoxilium; post Prismasol BGK4/2.5",
                           effluentDose: 25, objective: 12.5),
            VariantOutcome(name: "effluent 35", changes: ["therapy.effluent_dose=35 mL/kg/h"], status: .hardBoundsUnmet,
                           error: nil, solutes: high, supplementTotals: totals(), fluids: "dialysate Phoxilium; post Prismasol BGK4/2.5",
                           effluentDose: 35, objective: 40.25),
            VariantOutcome(name: "SLED 8 h", changes: ["therapy.modality=SLED", "therapy.session=8 h"], status: nil,
                           error: "therapy.session: SLED needs a dialyzer KoA (therapy.dialyzer.koa)", solutes: [],
                           supplementTotals: [], fluids: "", effluentDose: 0, objective: nil),
        ])
    }
}
