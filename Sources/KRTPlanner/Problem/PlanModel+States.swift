import KRTKinetics
import KRTUnits
import LinearProgramming

extension PlanModel.Builder {
    static func stateLabel(_ state: StateIndex) -> String {
        switch state {
        case .potassiumECF: "K_ECF"
        case .potassiumPool: "K_pool"
        case .phosphateCentral: "P_central"
        case .phosphatePool: "P_pool"
        case .magnesiumECF: "Mg_ECF"
        case .magnesiumPool: "Mg_pool"
        case .potassiumGut: "K_gut"
        case .phosphateGut: "P_gut"
        case .magnesiumGut: "Mg_gut"
        case .potassiumStore: "K_store"
        case .phosphateStore: "P_store"
        case .magnesiumStore: "Mg_store"
        }
    }

    /// Columns for every active state at every grid point after 0; serum levels as decompositions.
    mutating func addStates() -> PlanModel.StateColumns {
        let initial = problem.initialState
        var states = [initial.map { LinearExpression(constant: $0) }]
        var serumParts: [[PlanModel.SerumParts]] = Array(repeating: [], count: timeline.points.count - 1)
        var serum = [Dictionary(uniqueKeysWithValues: Solute.planned.map { ($0, LinearExpression(constant: problem.initialSerum[$0] ?? 0)) })]
        var stateColumns: [[Variable.ID?]] = Array(repeating: Array(repeating: nil, count: StateIndex.coreCount), count: timeline.points.count - 1)
        var violations: [(solute: Solute, point: Int, above: Variable.ID, below: Variable.ID)] = []
        for i in 1..<timeline.points.count {
            let t = timeline.points[i], label = PlanModel.timeLabel(t)
            var row: [LinearExpression] = []
            var levels: [Solute: LinearExpression] = [:]
            for state in StateIndex.allCases {
                guard PlanModel.isActive(state, problem: problem) else { row.append(LinearExpression()); continue }
                if let solute = Solute.planned.first(where: { StateIndex.serum($0) == state }) {
                    let (level, parts) = serumLevel(solute, point: i, label: label)
                    serumParts[i - 1].append(parts)
                    if let over = parts.over, let under = parts.under { violations.append((solute, i, over, under)) }
                    levels[solute] = level
                    row.append(level)
                } else {
                    let column = program.addVariable(name: "\(Self.stateLabel(state))_\(label)", bounds: .free)
                    stateColumns[i - 1][state.rawValue] = column
                    row.append(LinearExpression(column))
                }
            }
            states.append(row)
            serum.append(levels)
        }
        return PlanModel.StateColumns(states: states, serum: serum, serumParts: serumParts, columns: stateColumns, violations: violations)
    }

    /// `mid + upper_half + above_target − lower_half − below_target` (+ elastic violations).
    mutating func serumLevel(_ solute: Solute, point i: Int, label: String) -> (level: LinearExpression, parts: PlanModel.SerumParts) {
        let target = problem.limits.target(solute), hard = problem.limits.hard(solute)
        let initial = problem.initialSerum[solute] ?? target.lowerBound
        let mid = (target.lowerBound + target.upperBound) / 2
        let inCorrection = timeline.points[i] <= problem.correctionWindow + 1e-9
        let margin = problem.hardBackOff?.margins(solute, at: timeline.points[i]) ?? (low: 0, high: 0)
        let top = (inCorrection ? max(hard.upperBound, initial) : hard.upperBound) - margin.high
        let bottom = (inCorrection ? min(hard.lowerBound, initial) : hard.lowerBound) + margin.low
        let name = solute.symbol
        let upperHalf = program.addVariable(name: "\(name)_upper_half_\(label)", bounds: .between(0, min(target.upperBound - mid, max(0, top - mid))))
        let above = program.addVariable(name: "\(name)_above_target_\(label)", bounds: .between(0, max(0, top - target.upperBound)))
        let lowerHalf = program.addVariable(name: "\(name)_lower_half_\(label)", bounds: .between(0, min(mid - target.lowerBound, max(0, mid - bottom))))
        let below = program.addVariable(name: "\(name)_below_target_\(label)", bounds: .between(0, max(0, target.lowerBound - bottom)))
        var level = LinearExpression(constant: mid) + upperHalf + LinearExpression(above) - lowerHalf - below
        var parts = PlanModel.SerumParts(solute: solute, mid: mid, upperHalf: upperHalf, above: above, lowerHalf: lowerHalf,
                                         below: below, over: nil, under: nil)
        let width = target.upperBound - target.lowerBound
        let dt = timeline.points[i] - timeline.points[i - 1]
        excursion[solute, default: LinearExpression()].add(problem.weights.excursionWeight(targetWidth: width) * dt, above)
        excursion[solute, default: LinearExpression()].add(problem.weights.excursionWeight(targetWidth: width) * dt, below)
        pull.add(problem.weights.pullWeight(targetWidth: width) * dt, upperHalf)
        pull.add(problem.weights.pullWeight(targetWidth: width) * dt, lowerHalf)
        if elastic {
            let over = program.addVariable(name: "\(name)_over_hard_\(label)", bounds: .atLeast(0))
            let under = program.addVariable(name: "\(name)_under_hard_\(label)", bounds: .atLeast(0))
            level = level + over - under
            violationCost.add(PlanModel.violationWeight * dt, over)
            violationCost.add(PlanModel.violationWeight * dt, under)
            parts.over = over
            parts.under = under
        }
        return (level, parts)
    }

    /// Loss columns of the sampled Mg → K coupling and their epigraph rows.
    mutating func addCoupling(states: PlanModel.StateColumns) -> PlanModel.CouplingColumns {
        let patient = problem.model.patient
        let interval = patient.parameters[.couplingInterval]
        guard patient.couplingActive, interval > 0 else { return PlanModel.CouplingColumns(instants: [], law: nil) }
        let gain = patient.couplingGain, threshold = patient.parameters[.couplingMagnesiumThreshold]
        let serum = states.serum
        var couplings: [PlanModel.Coupling] = []
        for t in stride(from: 0.0, to: problem.horizon - 1e-9, by: interval) {
            let label = PlanModel.timeLabel(t)
            guard let index = timeline.index(of: t), let magnesium = serum[index][.magnesium] else { continue }
            let duration = min(interval, problem.horizon - t)
            if index == 0 {
                let loss = gain * max(0, threshold - (problem.initialSerum[.magnesium] ?? threshold))
                let variable = program.addVariable(name: "K_loss_low_Mg_\(label)", bounds: .exactly(loss))
                couplings.append(PlanModel.Coupling(time: t, loss: variable, row: nil, low: nil))
                wastingCost.add(problem.weights.potassiumWasting * duration, variable)
                continue
            }
            // loss = gain·max(0, threshold − Mg) exactly: `low` is 1 when Mg is below the threshold.
            // Big-M values from the range serum Mg can take at this point: its columns' bounds (the hard
            // bounds, widened to the start in the correction window), else the physical range (0 to
            // `magnesiumCeiling` mmol/L; the elastic program). Tighter values cut off no integer point and
            // leave the relaxation less room (docs/planner.md §2).
            let variable = program.addVariable(name: "K_loss_low_Mg_\(label)", bounds: .atLeast(0))
            let low = program.addVariable(name: "Mg_below_threshold_\(label)", kind: .binary)
            binaryCount += 1
            let range = PlanModel.range(of: magnesium, in: program, within: 0...PlanModel.magnesiumCeiling)
            let deficit = LinearExpression(variable) + gain * magnesium  // loss − gain·(threshold − Mg) + gain·threshold
            let row = program.addConstraint(deficit, .atLeast(gain * threshold), name: "K_loss_low_Mg_\(label)_at_least")
            let above = gain * max(0, range.upperBound - threshold)
            program.addConstraint(deficit - above * LinearExpression(constant: 1) + above * low, .atMost(gain * threshold),
                                  name: "K_loss_low_Mg_\(label)_at_most")
            program.addConstraint(LinearExpression(variable) - (gain * max(0, threshold - range.lowerBound)) * low, .atMost(0),
                                  name: "K_loss_low_Mg_\(label)_only_if_low")
            couplings.append(PlanModel.Coupling(time: t, loss: variable, row: row, low: low))
            wastingCost.add(problem.weights.potassiumWasting * duration, variable)
        }
        let law = PlanModel.CouplingLaw(gain: gain, threshold: threshold, state: StateIndex.magnesiumECF.rawValue)
        return PlanModel.CouplingColumns(instants: couplings, law: law)
    }

    /// One block of equality rows per interval: x(t+1) = Φ·x(t) + Σ g·u + c.
    mutating func addStateEquations(fluids: PlanModel.FluidColumns, doses: [PlanModel.DoseDecision], states columns: PlanModel.StateColumns,
                                    coupling: PlanModel.CouplingColumns) -> [PlanModel.IntervalMap] {
        let model = problem.model
        let states = columns.states
        var intervals: [PlanModel.IntervalMap] = []
        for i in 0..<timeline.intervalCount {
            let t0 = timeline.points[i], t1 = timeline.points[i + 1]
            let inputs = intervalInputs(i, fluids: fluids, doses: doses, coupling: coupling)
            let map = model.stepMap(from: t0, to: t1, inputs: inputs.map(\.window))
            intervals.append(PlanModel.IntervalMap(map: map, values: inputs.map(\.value)))
            let label = PlanModel.timeLabel(t1)
            for state in StateIndex.allCases where PlanModel.isActive(state, problem: problem) {
                let j = state.rawValue
                var row = states[i + 1][j]
                for (k, previous) in states[i].enumerated() {
                    let phi = map.transition[j, k]
                    if phi != 0 { row.add(previous, scaledBy: -phi) }
                }
                for (k, input) in inputs.enumerated() {
                    let g = map.inputEffects[k][j]
                    if g != 0 { row.add(input.value, scaledBy: -g) }
                }
                row.constant -= map.constant[j]
                program.addConstraint(row, .exactly(0), name: "\(Self.stateLabel(state))_balance_\(label)")
            }
        }
        return intervals
    }

    /// The input windows acting on interval `i` with their values as expressions.
    func intervalInputs(_ i: Int, fluids: PlanModel.FluidColumns, doses: [PlanModel.DoseDecision],
                        coupling: PlanModel.CouplingColumns) -> [(window: InputWindow, value: LinearExpression)] {
        let t0 = timeline.points[i], t1 = timeline.points[i + 1]
        var inputs: [(window: InputWindow, value: LinearExpression)] = []
        func add(_ channel: InputChannel, _ value: LinearExpression, impulse: Bool = false) {
            guard value.constant != 0 || !value.terms.isEmpty else { return }
            inputs.append((InputWindow(channel, from: t0, to: impulse ? t0 : t1), value))
        }
        let period = problem.period(at: t0)
        for (index, stream) in problem.streams.enumerated() where stream.flow > 0 {
            for solute in Solute.planned {
                add(.fluid(stream.stream, solute), fluidConcentration(stream: index, solute: solute, period: period, at: t0, slots: fluids.slots))
            }
        }
        if let citrate = problem.citrate {
            for solute in Solute.planned { add(.fluid(.citrate, solute), LinearExpression(constant: citrate.concentrations[solute] ?? 0)) }
        }
        for solute in Solute.planned {
            add(.intravenous(solute), doseInput(solute, route: .intravenous, interval: i, doses: doses))
            add(.oral(solute), doseInput(solute, route: .oral, interval: i, doses: doses), impulse: true)
        }
        if let coupling = coupling.instants.last(where: { $0.time <= t0 + Timeline.resolution }) {
            add(.potassiumWasting, LinearExpression(coupling.loss))
        }
        return inputs
    }
}
