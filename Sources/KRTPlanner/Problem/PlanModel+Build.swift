import KRTKinetics
import KRTUnits
import LinearProgramming

extension PlanModel {
    /// Builds the program. `elastic` adds penalised violation columns to the hard bounds, so the
    /// program is feasible whatever the case, and its optimum is the least-violating plan.
    ///
    /// The build steps' order is enforced by their types: each step returns what the next ones need
    /// (fluid columns → dose columns → state columns → coupling columns → balance rows → limit rows), and
    /// no step reads another's work except through those values.
    init(problem: PlanProblem, elastic: Bool = false) {
        var builder = Builder(problem: problem, elastic: elastic)
        let fluids = builder.addFluidDecisions()
        let doses = builder.addDoseDecisions()
        let states = builder.addStates()
        let coupling = builder.addCoupling(states: states)
        let intervals = builder.addStateEquations(fluids: fluids, doses: doses, states: states, coupling: coupling)
        let limits = builder.addDoseLimits(doses: doses, states: states)
        let terms = builder.finishObjective()
        self.init(program: builder.program, problem: problem, timeline: builder.timeline, slots: fluids.slots,
                  doses: doses, coupling: coupling.instants, serum: states.serum,
                  objectiveTerms: terms, violations: states.violations, intervals: intervals,
                  stateColumns: states.columns, serumParts: states.serumParts,
                  changeColumns: fluids.changeColumns, capRows: limits.capRows,
                  capWindows: limits.capWindows, gates: limits.gates, couplingLaw: coupling.law,
                  integerCount: builder.integerCount, binaryCount: builder.binaryCount)
    }

    /// What ``Builder/addFluidDecisions()`` built.
    struct FluidColumns {
        let slots: [Slot]
        let changeColumns: [(slot: Int, previous: Int, column: Variable.ID)]
    }

    /// What ``Builder/addStates()`` built: state expressions per grid point (all core states; inactive
    /// ones are constant 0), serum expressions and decompositions, state columns, elastic columns.
    struct StateColumns {
        let states: [[LinearExpression]]
        let serum: [[Solute: LinearExpression]]
        let serumParts: [[SerumParts]]
        let columns: [[Variable.ID?]]
        let violations: [(solute: Solute, point: Int, above: Variable.ID, below: Variable.ID)]
    }

    /// What ``Builder/addCoupling(states:)`` built.
    struct CouplingColumns {
        let instants: [Coupling]
        let law: CouplingLaw?
    }

    /// What ``Builder/addDoseLimits(doses:states:)`` built.
    struct LimitRows {
        let capRows: [Constraint.ID]
        let capWindows: [(cap: Int, start: Double)]
        let gates: [Gate]
    }

    /// Penalty (points per mmol/L·h beyond a hard bound) in elastic mode.
    static let violationWeight = 1e5
    /// Highest serum Mg (mmol/L) the coupling's big-M values allow for.
    static let magnesiumCeiling = 5.0
    /// Gate margin (mmol/L): "below 4" is modelled as ≤ 4 − margin.
    static let gateMargin = 1e-3

    /// The program under construction and the objective's parts (sums, whose order does not matter).
    /// Everything else a step builds is returned, not stored.
    struct Builder {
        let problem: PlanProblem
        let elastic: Bool
        let timeline: Timeline
        var program: LinearProgram
        var integerCount = 0
        var binaryCount = 0
        var excursion: [Solute: LinearExpression] = [:]
        var pull = LinearExpression()
        var burden = LinearExpression()
        var changes = LinearExpression()
        var wastingCost = LinearExpression()
        var violationCost = LinearExpression()

        init(problem: PlanProblem, elastic: Bool) {
            self.problem = problem
            self.elastic = elastic
            timeline = PlanModel.timeline(for: problem)
            program = LinearProgram(name: elastic ? "krtplan_least_violation" : "krtplan_plan")
        }

        /// The named objective terms; sets the program's objective (the last step).
        mutating func finishObjective() -> [(name: String, expression: LinearExpression)] {
            let named: [(String, LinearExpression)] =
                Solute.planned.map { ("\($0.symbol) excursion", excursion[$0] ?? LinearExpression()) }
                + [("middle pull", pull), ("supplement burden", burden), ("fluid changes", changes),
                   ("Mg-driven K loss", wastingCost)]
                + (elastic ? [("hard-bound violation", violationCost)] : [])
            let terms = named.map { (name: $0.0, expression: $0.1) }
            var objective = LinearExpression.sum(terms.map(\.expression))
            // Exported LP/MPS files keep no objective constant, so it is carried by a column fixed at 1.
            if objective.constant != 0 {
                let one = program.addVariable(name: "constant_one", bounds: .exactly(1))
                objective.add(objective.constant, one)
                objective.constant = 0
            }
            program.minimize(objective)
            program.objective.name = "penalty_points"
            return terms
        }

        // MARK: Fluids

        mutating func addFluidDecisions() -> FluidColumns {
            var slots: [Slot] = []
            var changeColumns: [(slot: Int, previous: Int, column: Variable.ID)] = []
            for (streamIndex, stream) in problem.streams.enumerated() {
                guard case let .choice(options) = stream.kind else { continue }
                let label = PlanModel.streamLabel(stream.stream)
                var previous: [Variable.ID]? = nil
                for (period, start) in problem.periodStarts.enumerated() {
                    let variables = options.indices.map { option in
                        program.addVariable(name: "\(label)_option\(option)_\(PlanModel.timeLabel(start))", kind: .binary)
                    }
                    binaryCount += variables.count
                    program.addConstraint(.sum(variables), .exactly(1), name: "\(label)_one_fluid_\(PlanModel.timeLabel(start))")
                    if let previous {
                        let change = program.addVariable(name: "\(label)_change_\(PlanModel.timeLabel(start))", bounds: .between(0, 1))
                        for option in options.indices {
                            program.addConstraint(LinearExpression(change) - variables[option] + previous[option], .atLeast(0),
                                                  name: "\(label)_change_\(PlanModel.timeLabel(start))_o\(option)")
                        }
                        changes.add(problem.weights.fluidChange, change)
                        changeColumns.append((slot: slots.count, previous: slots.count - 1, column: change))
                    }
                    slots.append(Slot(stream: streamIndex, period: period, options: variables))
                    previous = variables
                }
            }
            return FluidColumns(slots: slots, changeColumns: changeColumns)
        }

        /// The concentration (mmol/L) of `solute` in stream `index` during `period`, as an expression.
        func fluidConcentration(stream index: Int, solute: Solute, period: Int, at t: Double, slots: [Slot]) -> LinearExpression {
            switch problem.streams[index].kind {
            case let .choice(options):
                guard let slot = slots.first(where: { $0.stream == index && $0.period == period }) else { return LinearExpression() }
                var expression = LinearExpression()
                for (option, variable) in zip(options, slot.options) {
                    let c = option.concentrations[solute] ?? 0
                    if c != 0 { expression.add(c, variable) }
                }
                return expression
            case let .fixed(schedule):
                let option = schedule.last { $0.start <= t + 1e-9 }?.option ?? schedule.first?.option
                return LinearExpression(constant: option?.concentrations[solute] ?? 0)
            }
        }

        // MARK: Doses

        mutating func addDoseDecisions() -> [DoseDecision] {
            var doses: [DoseDecision] = []
            for (drugIndex, drug) in problem.drugs.enumerated() where drug.maxUnitsPerOrder > 0 {
                for time in problem.doseTimes where time < problem.horizon - 1e-9 {
                    var maxUnits = drug.maxUnitsPerOrder
                    if let gate = drug.gate, time <= 1e-9, (problem.initialSerum[gate.solute] ?? 0) >= gate.below { maxUnits = 0 }
                    if drug.isIntravenous {
                        // Only whole infusions that end within the horizon.
                        maxUnits = min(maxUnits, Int(((problem.horizon - time) / drug.duration + 1e-9).rounded(.down)))
                    }
                    guard maxUnits > 0 else { continue }
                    let label = "\(drug.modelName)_\(PlanModel.timeLabel(time))"
                    let perUnit = drug.contentPerUnit[drug.mainSolute] ?? 0
                    if drug.isIntravenous {
                        let bags = (1...maxUnits).map { program.addVariable(name: "\(label)_infusion\($0)", kind: .binary) }
                        binaryCount += bags.count
                        for (earlier, later) in zip(bags, bags.dropFirst()) {
                            program.addConstraint(LinearExpression(earlier) - later, .atLeast(0), name: "\(program.variables[later.index].name)_after_previous")
                        }
                        let units = program.addVariable(name: "\(label)_units", bounds: .between(0, Double(maxUnits)))
                        program.addConstraint(LinearExpression(units) - .sum(bags), .exactly(0), name: "\(label)_units_are_infusions")
                        burden.add(problem.weights.order, bags[0])
                        burden.add(problem.weights.amount * perUnit, units)
                        doses.append(DoseDecision(drug: drugIndex, time: time, units: units, given: bags[0], bags: bags))
                    } else {
                        let units = program.addVariable(name: "\(label)_units", kind: .integer, bounds: .between(0, Double(maxUnits)))
                        let given = program.addVariable(name: "\(label)_given", kind: .binary)
                        integerCount += 1
                        binaryCount += 1
                        program.addConstraint(LinearExpression(units) - Double(maxUnits) * given, .atMost(0), name: "\(label)_only_if_given")
                        burden.add(problem.weights.order, given)
                        burden.add(problem.weights.amount * perUnit, units)
                        doses.append(DoseDecision(drug: drugIndex, time: time, units: units, given: given, bags: []))
                    }
                }
            }
            return doses
        }

        /// IV rate (mmol/h) or oral impulse (mmol) of `solute` from every dose acting on interval `i`.
        func doseInput(_ solute: Solute, route: Dose.Route, interval i: Int, doses: [DoseDecision]) -> LinearExpression {
            let t0 = timeline.points[i], t1 = timeline.points[i + 1]
            let tolerance = Timeline.resolution
            var expression = LinearExpression()
            for dose in doses {
                let drug = problem.drugs[dose.drug]
                guard drug.route == route, let amount = drug.deliveredPerUnit[solute], amount > 0 else { continue }
                if route == .oral {
                    if abs(dose.time - t0) <= tolerance { expression.add(amount, dose.units) }
                    continue
                }
                for (k, bag) in dose.bags.enumerated() {
                    let start = dose.time + Double(k) * drug.duration, end = start + drug.duration
                    if start <= t0 + tolerance, end >= t1 - tolerance { expression.add(amount / drug.duration, bag) }
                }
            }
            for order in problem.fixedOrders where order.drug.route == route {
                let amount = (order.drug.deliveredPerUnit[solute] ?? 0) * order.units
                guard amount > 0 else { continue }
                if route == .oral {
                    if abs(order.at - t0) <= tolerance { expression.constant += amount }
                } else if order.at <= t0 + tolerance, order.at + order.duration >= t1 - tolerance {
                    expression.constant += amount / max(order.duration, 1e-9)
                }
            }
            return expression
        }

        mutating func addDoseLimits(doses: [DoseDecision], states: StateColumns) -> LimitRows {
            var capRows: [Constraint.ID] = [], capWindows: [(cap: Int, start: Double)] = [], gates: [Gate] = []
            let serum = states.serum
            // Windows start at every dose time of a member drug AND at every written order of one, and
            // each counts the written orders inside it (LimitEngine checks the same windows afterwards).
            for (capIndex, cap) in problem.caps.enumerated() {
                let memberDrugs = Set(cap.members.map(\.drug))
                let perUnit = Dictionary(uniqueKeysWithValues: cap.members.map { ($0.drug, $0.perUnit) })
                let planned = doses.filter { memberDrugs.contains($0.drug) }
                guard !planned.isEmpty else { continue }
                let written = problem.fixedOrders.filter { cap.memberIDs.contains($0.drug.id) }
                for start in LimitEngine.windowStarts(orderTimes: planned.map(\.time) + written.map(\.at)) {
                    let window = planned.filter { LimitEngine.inWindow($0.time, from: start, hours: cap.hours) }
                    guard !window.isEmpty else { continue }
                    let fixed = LimitEngine.fixedAmount(of: cap, in: written, from: start)
                    var total = LinearExpression()
                    for dose in window { total.add(perUnit[dose.drug] ?? 0, dose.units) }
                    capWindows.append((capIndex, start))
                    capRows.append(program.addConstraint(total, .atMost(max(0, cap.limit - fixed)),
                                                         name: "cap\(capIndex)_\(cap.solute.symbol)_\(Int(cap.hours))h_from_\(PlanModel.timeLabel(start))"))
                }
            }
            for (doseIndex, dose) in doses.enumerated() {
                let drug = problem.drugs[dose.drug]
                guard let gate = drug.gate, dose.time > 1e-9, let index = timeline.index(of: dose.time),
                      let level = serum[index][gate.solute] else { continue }
                // Big-M: the highest level the serum columns allow at that point (the hard bound, or the
                // start in the correction window) above the gate; without such a bound (the elastic
                // program) the old allowance of 1 mmol/L above it. Never below 0: a gate that can never
                // be closed needs no room.
                let hard = problem.limits.hard(gate.solute).upperBound
                let openBelow = gate.below - PlanModel.gateMargin
                let loose = max(hard, problem.initialSerum[gate.solute] ?? hard) + 1
                let bigM = max(0, PlanModel.range(of: level, in: program, within: -loose...loose).upperBound - openBelow)
                let row = program.addConstraint(level + bigM * dose.given, .atMost(openBelow + bigM),
                                                name: "\(drug.modelName)_\(PlanModel.timeLabel(dose.time))_gate_\(gate.solute.symbol)")
                gates.append(Gate(dose: doseIndex, point: index, state: StateIndex.serum(gate.solute).rawValue, openBelow: openBelow, row: row))
            }
            return LimitRows(capRows: capRows, capWindows: capWindows, gates: gates)
        }
    }

    static func streamLabel(_ stream: FluidStream) -> String {
        switch stream {
        case .dialysate: "dialysate"
        case .preReplacement: "pre_replacement"
        case .postReplacement: "post_replacement"
        case .citrate: "citrate"
        }
    }
}
