import Foundation
import Testing
import KRTUnits
import LinearProgramming
@testable import KRTPlanner

/// The big-M values of the gate and Mg → K coupling rows come from the range the serum columns allow
/// (docs/planner.md §2): tighter than the old physical-range values, and still no schedule the evaluator
/// accepts is cut off.
struct BoundFormulationTests {
    /// Every schedule the evaluator calls feasible is a point of the program (fluids fixed), to round-off:
    /// a big-M smaller than the level can reach would make some of them violate a gate or coupling row.
    @Test func noFeasibleScheduleIsCutOffByTheTightBigMs() throws {
        var random = EvaluatorLPEquivalenceTests.Random(state: 0xB0_0D_2026)
        var feasible = 0, withGateOrCoupling = 0
        for (name, original) in try EvaluatorLPEquivalenceTests.problems() {
            for variant in 0..<3 {
                var problem = original
                if variant > 0 {
                    for solute in Solute.planned {
                        if let level = problem.initialSerum[solute] { problem.initialSerum[solute] = level * (0.85 + 0.3 * random.unit()) }
                    }
                }
                let model = PlanModel(problem: problem)
                if !model.gates.isEmpty || !model.coupling.isEmpty { withGateOrCoupling += 1 }
                let assignment = model.slots.map { random.next($0.options.count) }
                let evaluator = DoseEvaluator(model: model, assignment: assignment)
                var program = model.program
                PlanSearch.fix(&program, slots: model.slots, partial: assignment)
                for _ in 0..<60 {
                    let wide = random.next(3) == 0
                    let units = evaluator.bounds.map { bound in random.next(3) == 0 || wide ? random.next(bound + 1) : 0 }
                    guard evaluator.evaluate(units: units).isFeasible else { continue }
                    feasible += 1
                    let violation = program.residuals(at: evaluator.fullVector(units: units), checkIntegrality: true).largestViolation
                    #expect(violation <= 1e-7, "\(name) variant \(variant) units \(units): residual \(violation)")
                }
            }
        }
        #expect(feasible >= 200, "feasible schedules checked: \(feasible)")
        #expect(withGateOrCoupling >= 3, "variants with a gate or the coupling: \(withGateOrCoupling)")
    }

    /// The flagship's gate rows (potassium phosphates only below K 4 mmol/L) carry the room the hard
    /// K bound leaves above the gate, 6 − (4 − 0.001) = 2.001, not the old 3 (6 + 1 − 4); the coupling
    /// rows the room of the hard Mg range (0.5–1.5 mmol/L) around the threshold, not of 0–5 mmol/L.
    @Test func theBigMsAreTheRoomTheHardBoundsLeave() throws {
        let file = try PlannerFixtures.bundledCase("flagship-citrate-cvvhdf.yaml")
        let problem = try PlannerFixtures.planningCase(file).problem
        let model = PlanModel(problem: problem)
        let hardK = problem.limits.hard(.potassium).upperBound
        #expect(!model.gates.isEmpty)
        for gate in model.gates where model.timeline.points[gate.point] > problem.correctionWindow + 1e-9 {
            let row = model.program.constraints[gate.row.index]
            let given = model.doses[gate.dose].given
            let bigM = row.expression.terms.first { $0.variable == given }?.coefficient ?? 0
            #expect(abs(bigM - (hardK - gate.openBelow)) < 1e-9, "\(row.name): big-M \(bigM)")
        }
        let law = try #require(model.couplingLaw)
        let hardMg = problem.limits.hard(.magnesium)
        var checked = 0
        for instant in model.coupling where instant.time > problem.correctionWindow + 1e-9 {
            guard let low = instant.low else { continue }
            let onlyIfLow = try #require(model.program.constraints.first { $0.name == "K_loss_low_Mg_\(PlanModel.timeLabel(instant.time))_only_if_low" })
            let coefficient = onlyIfLow.expression.terms.first { $0.variable == low }?.coefficient ?? 0
            #expect(abs(-coefficient - law.gain * max(0, law.threshold - hardMg.lowerBound)) < 1e-9, "\(onlyIfLow.name): \(coefficient)")
            checked += 1
        }
        #expect(checked > 10)
    }
}
