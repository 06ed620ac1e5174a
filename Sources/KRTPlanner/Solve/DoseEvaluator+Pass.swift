import KRTKinetics

extension DoseEvaluator {
    /// Everything a forward pass knew at each grid point, so a pass for a schedule that differs only
    /// from some dose time on can resume there instead of starting at 0.
    struct Trace: Sendable {
        /// State at each grid point.
        var states: [[Double]]
        /// Serum and coupling costs, and bound excesses, accumulated before processing interval i.
        var objective: [Double]
        var violation: [Double]
        /// Closed gates found at points ≤ i.
        var closed: [[Int]]
        /// Loss of every coupling instant.
        var losses: [Double]
    }

    /// Objective and feasibility of `units` (one entry per ``PlanModel/doses``).
    func evaluate(units: [Int]) -> Evaluation { pass(units, sink: nil, resume: nil, record: nil) }

    /// The same, reusing `trace` (of a schedule equal to `units` before grid point `point`).
    func evaluate(units: [Int], resuming trace: Trace, at point: Int) -> Evaluation {
        pass(units, sink: nil, resume: (trace, point), record: nil)
    }

    /// A full pass that also returns its trace.
    func traced(units: [Int]) -> (Evaluation, Trace) {
        var trace = Trace(states: [], objective: [], violation: [], closed: [], losses: [])
        let evaluation = pass(units, sink: nil, resume: nil, record: &trace)
        return (evaluation, trace)
    }

    /// The complete primal vector of the plan program for `units` (fluids of this assignment).
    func fullVector(units: [Int]) -> [Double] {
        var vector = [Double](repeating: 0, count: model.program.variables.count)
        for (index, value) in Self.fixedValues(model: model, assignment: assignment) { vector[index] = value }
        _ = pass(units, sink: { index, value in vector[index] = value }, resume: nil, record: nil)
        return vector
    }

    /// One forward pass; `sink` (when given) receives every column value.
    private func pass(_ units: [Int], sink: ((Int, Double) -> Void)?, resume: (trace: Trace, point: Int)?,
                      record: UnsafeMutablePointer<Trace>?) -> Evaluation {
        let n = StateIndex.coreCount
        let start = resume.map { $0.trace.states[$0.point] } ?? initialState
        // The state and the next state live in one scratch buffer of 2n values (no per-step arrays).
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: 2 * n) { scratch in
            let x = scratch.baseAddress!, next = x + n
            for k in 0..<n { x[k] = start[k] }
            return units.withUnsafeBufferPointer { units in
                forward(units, state: x, next: next, sink: sink, resume: resume, record: record)
            }
        }
    }

    private func forward(_ units: UnsafeBufferPointer<Int>, state: UnsafeMutablePointer<Double>, next: UnsafeMutablePointer<Double>,
                         sink: ((Int, Double) -> Void)?, resume: (trace: Trace, point: Int)?,
                         record: UnsafeMutablePointer<Trace>?) -> Evaluation {
        let magnesium = StateIndex.magnesiumECF.rawValue
        let n = StateIndex.coreCount
        var x = state, next = next
        let startPoint = resume?.point ?? 0
        var objective = resume?.trace.objective[startPoint] ?? 0
        var violation = resume?.trace.violation[startPoint] ?? 0
        var closed = resume?.trace.closed[startPoint] ?? []
        var losses = resume?.trace.losses ?? [Double](repeating: 0, count: couplingPoints.count)
        var nextCoupling = couplingPoints.firstIndex { $0.point >= startPoint } ?? couplingPoints.count
        var nextGate = gatesByPoint.firstIndex { $0.point >= startPoint } ?? gatesByPoint.count
        func stateArray() -> [Double] { Array(UnsafeBufferPointer(start: x, count: n)) }
        if let record {
            record.pointee = Trace(states: [stateArray()], objective: [objective], violation: [violation], closed: [closed], losses: losses)
        }
        let f = flat
        for i in startPoint..<base.count {
            // Gates of the doses that start at point i, judged on the state at point i (so a trace
            // resumed at i never carries the verdict on an order that changed).
            while nextGate < gatesByPoint.count, gatesByPoint[nextGate].point <= i {
                let gate = gatesByPoint[nextGate]
                if gate.point == i, units[gate.dose] > 0, x[gate.state] > gate.below + 1e-12 {
                    closed.append(gate.dose)
                    violation += 1 + (x[gate.state] - gate.below)
                }
                nextGate += 1
            }
            while nextCoupling < couplingPoints.count, couplingPoints[nextCoupling].point == i {
                let point = couplingPoints[nextCoupling]
                let loss = point.fixed ?? gain * max(0, threshold - x[magnesium])
                losses[nextCoupling] = loss
                if point.fixed == nil { objective += point.cost * loss }  // a fixed loss is in fixedCost
                if let sink {
                    let instant = model.coupling[nextCoupling]
                    sink(instant.loss.index, loss)
                    if let low = instant.low { sink(low.index, x[magnesium] < threshold ? 1 : 0) }
                }
                nextCoupling += 1
            }
            for k in 0..<n { next[k] = f.base[i * n + k] }
            for t in f.transitionStart[i]..<f.transitionStart[i + 1] {
                next[f.transitionRow[t]] += f.transitionValue[t] * x[f.transitionColumn[t]]
            }
            for term in f.termStart[i]..<f.termStart[i + 1] {
                let kind = f.termKind[term], source = f.termSource[term]
                let value: Double = kind < 0 ? losses[source]
                    : kind == 0 ? Double(units[source]) : (units[source] >= kind ? 1 : 0)
                guard value != 0 else { continue }
                for e in f.entryStart[term]..<f.entryStart[term + 1] { next[f.entryIndex[e]] += f.entryValue[e] * value }
            }
            swap(&x, &next)
            if let sink {
                for (state, column) in model.stateColumns[i].enumerated() { if let column { sink(column.index, x[state]) } }
            }
            for p in f.pieceStart[i]..<f.pieceStart[i + 1] {
                let piece = f.pieces[p]
                let cost = decompose(x[piece.state], piece, parts: sink == nil ? nil : model.serumParts[i][p - f.pieceStart[i]], sink: sink)
                objective += cost.objective
                violation += cost.excess
            }
            if let record {
                record.pointee.states.append(stateArray())
                record.pointee.objective.append(objective)
                record.pointee.violation.append(violation)
                record.pointee.closed.append(closed)
            }
        }
        record?.pointee.losses = losses
        objective += fixedCost
        for (dose, count) in units.enumerated() where count != 0 {
            objective += orderCost[dose] + unitCost[dose] * Double(count)
        }
        if let sink {
            for (dose, count) in zip(model.doses, units) {
                sink(dose.units.index, Double(count))
                sink(dose.given.index, count > 0 ? 1 : 0)
                for (k, bag) in dose.bags.enumerated() { sink(bag.index, count > k ? 1 : 0) }
            }
        }
        for cap in caps {
            let total = cap.terms.reduce(0.0) { $0 + $1.coefficient * Double(units[$1.dose]) }
            violation += max(0, total - cap.limit)
        }
        return Evaluation(objective: objective, violation: violation, closedGates: closed.sorted())
    }

    /// Cost of the cheapest decomposition of `level`, and how far it exceeds the hard bounds.
    @inline(__always)
    private func decompose(_ level: Double, _ piece: Piece, parts: PlanModel.SerumParts?,
                           sink: ((Int, Double) -> Void)?) -> (objective: Double, excess: Double) {
        let delta = level - piece.mid
        var half = 0.0, outside = 0.0, beyond = 0.0, objective = 0.0
        if delta >= 0 {
            half = min(delta, piece.upperHalf.cap)
            outside = min(delta - half, piece.above.cap)
            beyond = delta - half - outside
            objective = half * piece.upperHalf.cost + outside * piece.above.cost + beyond * (piece.overCost ?? 0)
        } else {
            half = min(-delta, piece.lowerHalf.cap)
            outside = min(-delta - half, piece.below.cap)
            beyond = -delta - half - outside
            objective = half * piece.lowerHalf.cost + outside * piece.below.cost + beyond * (piece.underCost ?? 0)
        }
        if let sink, let parts {
            sink(delta >= 0 ? parts.upperHalf.index : parts.lowerHalf.index, half)
            sink(delta >= 0 ? parts.above.index : parts.below.index, outside)
            if let over = parts.over, delta >= 0 { sink(over.index, beyond) }
            if let under = parts.under, delta < 0 { sink(under.index, beyond) }
        }
        let elastic = delta >= 0 ? piece.overCost != nil : piece.underCost != nil
        return (objective, elastic ? 0 : max(0, beyond))
    }
}
