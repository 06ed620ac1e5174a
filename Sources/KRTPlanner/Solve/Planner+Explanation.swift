import KRTCatalog
import KRTKinetics
import KRTUnits
import LinearProgramming

extension Planner {
    /// Binding limits with shadow prices, the next-best fluid choices, and notes (one per failed solve,
    /// of the search or of the shadow-price LP); the failed solves also go to `solver.failedSolves`.
    func explain(model: PlanModel, search: SearchResult, chosen: ChosenPlan, assembly: PlanAssembly)
        -> (explanation: Explanation, failedSolves: [FailedSolve]) {
        var notes: [String] = []
        let problem = model.problem
        if problem.model.patient.couplingActive,
           chosen.orders.contains(where: { !$0.fixed && $0.drug.mainSolute == .magnesium && $0.at <= 6 }) {
            notes.append("Magnesium is replaced early: in this patient low Mg drives renal K loss (assumed coupling, docs/model.md), so K responds to potassium only once Mg is back above \(Quantity.format(problem.model.patient.parameters[.couplingMagnesiumThreshold])) mmol/L.")
        }
        if search.relativeGap > options.relativeGap + 1e-12 {
            notes.append("Proven gap \(percent(search.relativeGap)): the lower bound comes from the LP relaxation strengthened by a bounded branch-and-cut, and per-order counting (a fixed cost per order) keeps it loose; the plan itself may be closer to the optimum than the gap says (docs/planner.md).")
        }
        let binding = bindingLimits(model: model, search: search)
        let failed = search.earlierFailures + search.termination.failures + (binding.failure.map { [$0] } ?? [])
        notes += failed.map { "A solve failed and was worked around — \($0.description)." }
        let explanation = Explanation(binding: binding.limits, alternatives: alternatives(model: model, search: search),
                                      violations: assembly.violations(), suggestedFixes: [], notes: notes)
        return (explanation, binding.failure.map { [$0] } ?? [])
    }

    /// Work limit of the shadow-price LP: simplex iterations per row and column (ASSUMPTION: GLPK's
    /// primal simplex needs about one to three iterations per row on these models; 20 leaves wide room).
    static let bindingIterationsPerRowAndColumn = 20

    func percent(_ fraction: Double) -> String { Quantity.format((fraction * 1000).rounded() / 10) + " %" }

    /// Shadow prices of the LP with the chosen fluids fixed and the orders treated as continuous: the
    /// limits whose relaxation would lower the penalty most, in clinical words.
    func bindingLimits(model: PlanModel, search: SearchResult) -> (limits: [BindingLimit], failure: FailedSolve?) {
        var program = model.program
        PlanSearch.fix(&program, slots: model.slots, partial: search.assignment)
        let work = Self.bindingIterationsPerRowAndColumn * (program.constraints.count + program.variables.count)
        let solution: Solution
        switch options.solver.run(.bindingLimits, program, SolveOptions(
            timeLimit: nil, iterationLimit: min(work, Int(Int32.max) - 1), relaxIntegrality: true),
            need: .optimal, consequence: "no binding limits are listed") {
        case let .success(solved): solution = solved.solution
        case let .failure(failed): return ([], failed.failure)
        }
        let problem = model.problem
        func perSoluteHour(_ solute: Solute) -> Double {
            problem.weights.excursionWeight(targetWidth: problem.limits.target(solute).upperBound - problem.limits.target(solute).lowerBound)
        }
        func effect(points: Double, solute: Solute, change: String) -> String {
            let area = abs(points) / max(perSoluteHour(solute), 1e-9)
            return "\(change) would lower the penalty by \(format(abs(points))) points (≈ \(format(area)) mmol/L·h of \(solute.symbol) outside its target)"
        }
        var found: [(weight: Double, limit: BindingLimit)] = []
        for (row, window) in zip(model.capRows, model.capWindows) {
            guard let price = solution.shadowPrice(of: row), price < -1e-6 else { continue }
            let cap = problem.caps[window.cap]
            let step = 10.0
            found.append((abs(price) * step, BindingLimit(
                name: program[row]?.name ?? "", description: "\(cap.description), window from \(Quantity.format(window.start)) h",
                shadowPrice: price, effect: effect(points: price * step, solute: cap.solute, change: "raising this cap by \(Quantity.format(step)) mmol"))))
        }
        for (dose, row) in model.gates.map({ ($0.dose, $0.row) }) {
            guard let price = solution.shadowPrice(of: row), price < -1e-6 else { continue }
            let decision = model.doses[dose], drug = problem.drugs[decision.drug]
            guard let gate = drug.gate else { continue }
            found.append((abs(price) * 0.1, BindingLimit(
                name: program[row]?.name ?? "", description: "\(drug.name) at \(Quantity.format(decision.time)) h: \(gate.description)",
                shadowPrice: price, effect: effect(points: price * 0.1, solute: drug.mainSolute, change: "a gate 0.1 mmol/L higher"))))
        }
        for decision in model.doses {
            guard let last = decision.bags.last ?? Optional(decision.units), let reduced = solution.reducedCost(of: last), reduced < -1e-6,
                  (solution.value(of: last) ?? 0) >= (program[last]?.bounds.upper ?? 1) - 1e-7 else { continue }
            let drug = problem.drugs[decision.drug]
            found.append((abs(reduced), BindingLimit(
                name: program[last]?.name ?? "", description: "\(drug.name) at \(Quantity.format(decision.time)) h is at its largest order (\(drug.maxUnitsPerOrder) × \(drug.unitLabel))",
                shadowPrice: reduced, effect: effect(points: reduced, solute: drug.mainSolute, change: "one more unit in this order"))))
        }
        for (index, row) in model.serumParts.enumerated() {
            for parts in row {
                for (column, side) in [(parts.below, "lower"), (parts.above, "upper")] {
                    guard let reduced = solution.reducedCost(of: column), reduced < -1e-6,
                          let value = solution.value(of: column), let bound = program[column]?.bounds.upper, bound > 0,
                          value >= bound - 1e-7 else { continue }
                    let time = model.timeline.points[index + 1]
                    let hard = problem.limits.hard(parts.solute)
                    found.append((abs(reduced) * 0.1, BindingLimit(
                        name: program[column]?.name ?? "",
                        description: "\(parts.solute.symbol) hard \(side) bound \(Quantity.format(side == "lower" ? hard.lowerBound : hard.upperBound)) mmol/L at \(Quantity.format(time)) h",
                        shadowPrice: reduced, effect: effect(points: reduced * 0.1, solute: parts.solute, change: "a bound 0.1 mmol/L wider there"))))
                }
            }
        }
        return (found.sorted { $0.weight != $1.weight ? $0.weight > $1.weight : $0.limit.name < $1.limit.name }.prefix(8).map(\.limit), nil)
    }

    func format(_ value: Double) -> String {
        let digits = value >= 10 ? 1.0 : value >= 1 ? 10.0 : 100.0
        return Quantity.format((value * digits).rounded() / digits)
    }

    func alternatives(model: PlanModel, search: SearchResult) -> [AlternativeChoice] {
        search.evaluated.filter { $0.assignment != search.assignment }.prefix(3).map { entry in
            AlternativeChoice(fluids: describe(entry.assignment, model: model), objectiveDifference: entry.objective - search.objective)
        }
    }

    /// "dialysate Phoxilium 0–72 h; post replacement PRISMASOL BGK4/2.5 0–24 h, … 24–72 h"
    func describe(_ assignment: [Int], model: PlanModel) -> String {
        var parts: [String] = []
        for (index, stream) in model.problem.streams.enumerated() {
            guard case let .choice(options) = stream.kind else { continue }
            var text: [String] = []
            var current: (option: Int, start: Double)? = nil
            for (slotIndex, slot) in model.slots.enumerated() where slot.stream == index {
                let start = model.problem.periodStarts[slot.period]
                if current?.option != assignment[slotIndex] {
                    if let current { text.append("\(options[current.option].product) \(Quantity.format(current.start))–\(Quantity.format(start)) h") }
                    current = (assignment[slotIndex], start)
                }
            }
            if let current { text.append("\(options[current.option].product) \(Quantity.format(current.start))–\(Quantity.format(model.problem.horizon)) h") }
            parts.append("\(PlanModel.streamLabel(stream.stream).replacingUnderscores) " + text.joined(separator: ", "))
        }
        return parts.joined(separator: "; ")
    }
}
