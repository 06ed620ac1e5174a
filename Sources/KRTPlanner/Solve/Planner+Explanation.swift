import KRTCatalog
import KRTKinetics
import KRTUnits
import LinearProgramming

extension Planner {
    /// Binding constraints with shadow prices (LP with the chosen fluids fixed and orders continuous),
    /// the next-best fluid choices, and notes.
    func explain(model: PlanModel, search: SearchResult, chosen: ChosenPlan, assembly: PlanAssembly) -> Explanation {
        Explanation(binding: [], alternatives: alternatives(model: model, search: search), violations: [], suggestedFixes: [], notes: [])
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
            let slots = model.slots.enumerated().filter { $0.element.stream == index }
            for (slotIndex, slot) in slots {
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

    /// Changes that would fix an infeasible case, each tested by re-planning.
    func suggestedFixes(_ planningCase: PlanningCase) -> [SuggestedFix] { [] }
}
