import Foundation
import Testing
import KRTUnits
import LinearProgramming
@testable import KRTPlanner

/// The fast evaluator and the plan program are one model: for 1,000+ random schedules across every
/// bundled case that plans (and random variants of each: other starting levels, other fluids), the
/// program solved by GLPK with every decision fixed at the schedule (fluids, order units, infusions,
/// the Mg-coupling binaries) is feasible exactly when the evaluator says the schedule is, and then has
/// the evaluator's objective and state values to 1e-9 (relative).
struct EvaluatorLPEquivalenceTests {
    static let schedulesPerVariant = 45
    static let variantsPerCase = 3

    /// A small linear congruential generator: deterministic schedules.
    struct Random {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(max(1, bound)))
        }
        mutating func unit() -> Double { Double(next(1 << 20)) / Double(1 << 20) }
    }

    /// Every bundled case that resolves for planning and has decisions.
    static func problems() throws -> [(name: String, problem: PlanProblem)] {
        let names = try FileManager.default.contentsOfDirectory(atPath: PlannerFixtures.packageRoot.appendingPathComponent("cases").path)
            .filter { $0.hasSuffix(".yaml") && !$0.contains(".order.") }.sorted()
        return names.compactMap { name in
            guard let file = try? PlannerFixtures.bundledCase(name), let resolved = try? PlannerFixtures.planningCase(file) else { return nil }
            // Long horizons are shortened to 48 h to keep the test quick; the structure is the same.
            var problem = resolved.problem
            problem.horizon = min(problem.horizon, 48)
            problem.doseTimes = problem.doseTimes.filter { $0 < problem.horizon }
            problem.periodStarts = problem.periodStarts.filter { $0 < problem.horizon }
            problem.fixedOrders = problem.fixedOrders.filter { $0.at < problem.horizon }
            return (name, problem)
        }
    }

    @Test func theEvaluatorIsTheProgramAtEveryFixedSchedule() throws {
        var random = Random(state: 0x5EED_2026)
        var compared = 0, feasible = 0, infeasible = 0
        let problems = try Self.problems()
        #expect(problems.count >= 5, "bundled cases that plan: \(problems.map(\.name))")
        for (name, original) in problems {
            for variant in 0..<Self.variantsPerCase {
                var problem = original
                if variant > 0 {
                    // Other starting levels: ±15 % on each solute.
                    for solute in Solute.planned {
                        if let level = problem.initialSerum[solute] { problem.initialSerum[solute] = level * (0.85 + 0.3 * random.unit()) }
                    }
                }
                let model = PlanModel(problem: problem)
                let assignment = model.slots.map { random.next($0.options.count) }
                let evaluator = DoseEvaluator(model: model, assignment: assignment)
                var fixedFluids = model.program
                PlanSearch.fix(&fixedFluids, slots: model.slots, partial: assignment)
                for _ in 0..<Self.schedulesPerVariant {
                    // Mostly small orders (the realistic region, often feasible), sometimes anything.
                    let wide = random.next(4) == 0
                    let units = evaluator.bounds.map { bound in
                        random.next(3) == 0 || wide ? random.next(bound + 1) : 0
                    }
                    let evaluation = evaluator.evaluate(units: units)
                    let vector = evaluator.fullVector(units: units)
                    var program = fixedFluids
                    for dose in model.doses {
                        for column in [dose.units, dose.given] + dose.bags { program.setBounds(.exactly(vector[column.index]), of: column) }
                    }
                    for instant in model.coupling { if let low = instant.low { program.setBounds(.exactly(vector[low.index]), of: low) } }
                    let outcome = try program.solve(SolveOptions(timeLimit: nil, relaxIntegrality: true))
                    compared += 1
                    let context = "\(name) variant \(variant) units \(units)"
                    #expect(evaluation.isFeasible == (outcome.termination == .optimal),
                            "\(context): evaluator feasible \(evaluation.isFeasible) (violation \(evaluation.violation), closed gates \(evaluation.closedGates)), GLPK \(outcome.termination)")
                    guard evaluation.isFeasible, let solution = outcome.solution, outcome.termination == .optimal else {
                        infeasible += 1
                        continue
                    }
                    feasible += 1
                    #expect(abs(solution.objectiveValue - evaluation.objective) <= 1e-9 * max(1, abs(evaluation.objective)),
                            "\(context): GLPK \(solution.objectiveValue), evaluator \(evaluation.objective)")
                    let states = model.stateColumns.flatMap { $0.compactMap { $0 } }
                    let worst = states.map { abs(solution.variableValues[$0.index] - vector[$0.index]) / max(1, abs(vector[$0.index])) }.max() ?? 0
                    #expect(worst <= 1e-9, "\(context): state columns differ by \(worst) (relative)")
                }
            }
        }
        #expect(compared >= 1000)
        // Both sides of the feasibility boundary are exercised.
        #expect(feasible >= 100 && infeasible >= 100, "feasible \(feasible), infeasible \(infeasible)")
    }
}
