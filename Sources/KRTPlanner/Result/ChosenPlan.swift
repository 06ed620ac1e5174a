import KRTKinetics
import KRTUnits
import LinearProgramming

/// One order placed by the planner or written in the case.
struct OrderPlacement: Sendable {
    var drug: DrugPlan
    /// Start (h).
    var at: Double
    /// Orderable units (whole for planned orders; as written for case orders).
    var units: Double
    /// Infusion duration (h); 0 for oral.
    var duration: Double
    /// Written in the case (not chosen by the planner).
    var fixed: Bool

    var dose: Dose {
        Dose(time: at, route: drug.route, amounts: drug.deliveredPerUnit.mapValues { $0 * units }, duration: duration)
    }
}

/// What the search chose, read out of the plan program's solution.
struct ChosenPlan {
    /// Per stream with flow: its products over time.
    let fluids: [(stream: StreamPlan, schedule: [(start: Double, option: FluidOption)])]
    let orders: [OrderPlacement]
    /// Predicted serum levels (mmol/L) at the report times, per planned solute.
    let predicted: [Solute: [Double]]
    let objectiveTerms: [ObjectiveTerm]

    init(model: PlanModel, search: SearchResult) {
        let problem = model.problem
        var fluids: [(stream: StreamPlan, schedule: [(start: Double, option: FluidOption)])] = []
        for (index, stream) in problem.streams.enumerated() {
            switch stream.kind {
            case let .fixed(schedule):
                fluids.append((stream, schedule))
            case let .choice(options):
                var schedule: [(start: Double, option: FluidOption)] = []
                for (slotIndex, slot) in model.slots.enumerated() where slot.stream == index {
                    let option = options[search.assignment[slotIndex]]
                    if schedule.last?.option != option { schedule.append((problem.periodStarts[slot.period], option)) }
                }
                fluids.append((stream, schedule))
            }
        }
        self.fluids = fluids
        var orders: [OrderPlacement] = []
        for (dose, units) in zip(model.doses, search.units) where units > 0 {
            let drug = problem.drugs[dose.drug]
            orders.append(OrderPlacement(drug: drug, at: dose.time, units: Double(units),
                                         duration: drug.isIntravenous ? Double(units) * drug.duration : 0, fixed: false))
        }
        orders += problem.fixedOrders.map { OrderPlacement(drug: $0.drug, at: $0.at, units: $0.units, duration: $0.duration, fixed: true) }
        self.orders = orders.sorted { $0.at != $1.at ? $0.at < $1.at : $0.drug.name < $1.drug.name }
        var predicted: [Solute: [Double]] = [:]
        for solute in Solute.planned {
            predicted[solute] = model.timeline.reportIndices.map { index in
                Self.value(of: model.serum[index][solute] ?? LinearExpression(), at: search.values)
            }
        }
        self.predicted = predicted
        objectiveTerms = model.objectiveTerms.map { ObjectiveTerm(name: $0.name, value: Self.value(of: $0.expression, at: search.values)) }
    }

    static func value(of expression: LinearExpression, at values: [Double]) -> Double {
        expression.terms.reduce(expression.constant) { $0 + $1.coefficient * values[$1.variable.index] }
    }
}

