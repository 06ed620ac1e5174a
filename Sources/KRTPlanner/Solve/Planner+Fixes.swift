import KRTCatalog
import KRTInput
import KRTKinetics
import KRTUnits

extension Planner {
    /// Changes that might fix a case whose hard bounds cannot be met, each tested by finding the
    /// least-violating plan with the change: more fluids on a stream, more drugs for the violated
    /// solutes, a central line. A change whose search ends without a plan is not listed; it is named
    /// in `untested` with the reason (failed solves included), never dropped silently.
    func suggestedFixes(_ planningCase: PlanningCase, violated: Set<Solute>) -> (fixes: [SuggestedFix], untested: [String]) {
        var candidates: [(change: String, file: CaseFile)] = []
        let file = planningCase.file
        for (key, stream) in CaseReader.streamKeys where planningCase.problem.streams.contains(where: { $0.stream == stream }) {
            if case .chooseAll = file.fluids.streams[stream] { continue }
            var changed = file
            changed.fluids.streams[stream] = .chooseAll(path: FieldPath("fluids").appending(key))
            candidates.append(("allow every eligible \(CaseResolver.role(of: stream).rawValue) product on the \(key.replacingUnderscores) (fluids.\(key): {choose_from: all})", changed))
        }
        let allowed = Set(planningCase.problem.drugs.map(\.id))
        let extra = catalog.supplements.filter { violated.contains($0.primarySolute) && !allowed.contains($0.id) && $0.infusion != nil || (violated.contains($0.primarySolute) && !allowed.contains($0.id) && $0.route == .oral) }
        for supplement in extra {
            var changed = file
            changed.supplements.allowed.append(NameReference(supplement.name, path: "supplements.allowed"))
            if changed.supplements.doseTimes.isEmpty { changed.supplements.doseTimes = Array(stride(from: 0, to: file.horizon, by: 6)) }
            candidates.append(("allow \(supplement.name) (supplements.allowed)", changed))
        }
        if file.supplements.access == "peripheral", !file.supplements.allowed.isEmpty {
            var changed = file
            changed.supplements.access = "central"
            candidates.append(("give IV supplements through a central line (supplements.access: central)", changed))
        }
        var quick = options
        quick.fluidRounds = 3
        quick.boundNodes = 0
        quick.kickRounds = 0
        var fixes: [SuggestedFix] = []
        var untested: [String] = []
        for (change, changed) in candidates {
            // A change the catalog cannot resolve (e.g. no eligible product) is not a candidate.
            guard let resolved = try? PlanningCase.resolve(changed, catalog: catalog, mode: .plan) else { continue }
            let model = PlanModel(problem: resolved.problem, elastic: true)
            let search: SearchResult
            do { search = try PlanSearch.run(model, options: quick) } catch {
                untested.append("The change \"\(change)\" could not be tested: \(Self.error(for: error.termination, timeLimit: quick.timeLimit)).")
                continue
            }
            let chosen = ChosenPlan(model: model, search: search)
            let area = PlanAssembly(planningCase: resolved, fluids: chosen.fluids, orders: chosen.orders, predicted: nil).violationArea
            fixes.append(SuggestedFix(change: change, remainingViolation: (area * 1000).rounded() / 1000))
        }
        let sorted = fixes.sorted { $0.remainingViolation != $1.remainingViolation ? $0.remainingViolation < $1.remainingViolation : $0.change < $1.change }
        return (sorted, untested)
    }
}
