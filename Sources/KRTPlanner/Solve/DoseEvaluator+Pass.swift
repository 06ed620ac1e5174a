import KRTKinetics

/// Everything a pass knew at each grid point, block by block: states, the running serum cost and
/// hard-bound excess of each block, the coupling losses and the gate verdicts. An incremental
/// evaluation resumes a block from any grid point of a record. Owns its buffers (freed in `deinit`).
final class PassRecord {
    /// Grid points (intervals + 1), states, blocks, coupling instants, gates.
    let points: Int, n: Int, blockCount: Int, couplingCount: Int, gateCount: Int
    /// states[i * n + k]: state k at grid point i.
    let states: UnsafeMutablePointer<Double>
    /// Serum cost and hard-bound excess of block b at grid points 1…i: [b * points + i].
    let objective: UnsafeMutablePointer<Double>
    let excess: UnsafeMutablePointer<Double>
    /// Per coupling instant: loss (mmol/h) and its cost (points; 0 for a fixed loss, which is in the
    /// evaluator's fixed cost).
    let losses: UnsafeMutablePointer<Double>
    let couplingCost: UnsafeMutablePointer<Double>
    /// Per gate: violation (0 when open or not ordered) and whether it is closed on an order.
    let gateViolation: UnsafeMutablePointer<Double>
    let gateClosed: UnsafeMutablePointer<Bool>

    init(_ evaluator: DoseEvaluator) {
        points = evaluator.base.count + 1
        n = StateIndex.coreCount
        blockCount = evaluator.blocks.count
        couplingCount = evaluator.couplingPoints.count
        gateCount = evaluator.gates.count
        states = .allocate(capacity: points * n)
        objective = .allocate(capacity: max(1, blockCount * points))
        excess = .allocate(capacity: max(1, blockCount * points))
        losses = .allocate(capacity: max(1, couplingCount))
        couplingCost = .allocate(capacity: max(1, couplingCount))
        gateViolation = .allocate(capacity: max(1, gateCount))
        gateClosed = .allocate(capacity: max(1, gateCount))
        for k in 0..<n { states[k] = evaluator.initialState[k] }
        for b in 0..<blockCount { objective[b * points] = 0; excess[b * points] = 0 }
        for c in 0..<couplingCount { losses[c] = 0; couplingCost[c] = 0 }
        for g in 0..<gateCount { gateViolation[g] = 0; gateClosed[g] = false }
    }

    deinit {
        for buffer in [states, objective, excess, losses, couplingCost, gateViolation] { buffer.deallocate() }
        gateClosed.deallocate()
    }

    /// Copies block `b` from grid point `p` on (states, running sums, gates at or after `p`).
    func copy(block b: Int, from p: Int, of other: PassRecord, evaluator: DoseEvaluator) {
        for i in p..<points {
            for k in evaluator.blocks[b].states { states[i * n + k] = other.states[i * n + k] }
            objective[b * points + i] = other.objective[b * points + i]
            excess[b * points + i] = other.excess[b * points + i]
        }
        for g in 0..<gateCount where evaluator.gateBlock[g] == b && evaluator.gates[g].point >= p {
            gateViolation[g] = other.gateViolation[g]
            gateClosed[g] = other.gateClosed[g]
        }
    }

    func copyCoupling(of other: PassRecord) {
        for c in 0..<couplingCount { losses[c] = other.losses[c]; couplingCost[c] = other.couplingCost[c] }
    }
}

extension DoseEvaluator {
    /// Objective and feasibility of `units` (one entry per ``PlanModel/doses``): a full pass.
    func evaluate(units: [Int]) -> Evaluation {
        let record = PassRecord(self)
        run(units, into: record)
        return assemble(units, block: { _ in record }, gate: { _ in record }, coupling: record)
    }

    /// A full pass into `record` (row 0 holds the initial state): the coupling's source block first,
    /// then the others in order.
    func run(_ units: [Int], into record: PassRecord) {
        for b in blockOrder { runBlock(b, from: 0, units: units, source: record, target: record, losses: record.losses) }
    }

    /// The coupling's source block first (its losses feed the others), then the rest in order.
    var blockOrder: [Int] {
        guard let source = couplingSource else { return Array(blocks.indices) }
        return [source] + blocks.indices.filter { $0 != source }
    }

    /// The evaluation from per-block records, summed in one fixed order (so incremental and full
    /// evaluations agree to the bit): serum costs by block, coupling costs, fixed cost, orders; then
    /// excesses by block, gates, caps.
    func assemble(_ units: [Int], block: (Int) -> PassRecord, gate: (Int) -> PassRecord, coupling: PassRecord) -> Evaluation {
        let last = base.count
        var objective = 0.0
        for b in blocks.indices { let r = block(b); objective += r.objective[b * r.points + last] }
        for c in couplingPoints.indices { objective += coupling.couplingCost[c] }
        objective += fixedCost
        for (dose, count) in units.enumerated() where count != 0 {
            objective += orderCost[dose] + unitCost[dose] * Double(count)
        }
        var violation = 0.0
        for b in blocks.indices { let r = block(b); violation += r.excess[b * r.points + last] }
        var closed: [Int] = []
        for g in gates.indices {
            let r = gate(g)
            violation += r.gateViolation[g]
            if r.gateClosed[g] { closed.append(gates[g].dose) }
        }
        for cap in caps {
            var total = 0.0
            for term in cap.terms { total += term.coefficient * Double(units[term.dose]) }
            violation += max(0, total - cap.limit)
        }
        return Evaluation(objective: objective, violation: violation, closedGates: closed.sorted())
    }

    /// Runs block `b` from grid point `p` to the end: reads the state and running sums at `p` from
    /// `source`, writes every later point to `target` (which may be `source`). The coupling's source
    /// block writes the losses; other blocks read them from `losses`.
    func runBlock(_ b: Int, from p: Int, units: [Int], source: PassRecord, target: PassRecord,
                  losses: UnsafeMutablePointer<Double>) {
        let n = StateIndex.coreCount, points = source.points
        let block = blocks[b], f = block.flat, states = block.states
        let isSource = couplingSource == b
        withUnsafeTemporaryAllocation(of: Double.self, capacity: 2 * n) { scratch in
            units.withUnsafeBufferPointer { units in
                var x = scratch.baseAddress!, next = x + n
                for k in states { x[k] = source.states[p * n + k]; target.states[p * n + k] = x[k] }
                var objective = source.objective[b * points + p], excess = source.excess[b * points + p]
                target.objective[b * points + p] = objective
                target.excess[b * points + p] = excess
                var g = gates.firstIndex { $0.point >= p } ?? gates.count
                var c = isSource ? (couplingPoints.firstIndex { $0.point >= p } ?? couplingPoints.count) : couplingPoints.count
                for i in p..<base.count {
                    // Gates of the doses at point i, judged on the state at point i.
                    while g < gates.count, gates[g].point == i {
                        if gateBlock[g] == b {
                            let gate = gates[g]
                            let closed = units[gate.dose] > 0 && x[gate.state] > gate.openBelow + 1e-12
                            target.gateClosed[g] = closed
                            target.gateViolation[g] = closed ? 1 + (x[gate.state] - gate.openBelow) : 0
                        }
                        g += 1
                    }
                    while c < couplingPoints.count, couplingPoints[c].point == i {
                        let point = couplingPoints[c]
                        let loss = point.fixed ?? couplingLaw.map { $0.gain * max(0, $0.threshold - x[$0.state]) } ?? 0
                        losses[c] = loss
                        target.couplingCost[c] = point.fixed == nil ? point.cost * loss : 0
                        c += 1
                    }
                    for k in states { next[k] = f.base[i * n + k] }
                    for t in f.transitionStart[i]..<f.transitionStart[i + 1] {
                        next[f.transitionRow[t]] += f.transitionValue[t] * x[f.transitionColumn[t]]
                    }
                    for term in f.termStart[i]..<f.termStart[i + 1] {
                        let kind = f.termKind[term], origin = f.termSource[term]
                        let value: Double = kind < 0 ? losses[origin]
                            : kind == 0 ? Double(units[origin]) : (units[origin] >= kind ? 1 : 0)
                        guard value != 0 else { continue }
                        for e in f.entryStart[term]..<f.entryStart[term + 1] { next[f.entryIndex[e]] += f.entryValue[e] * value }
                    }
                    swap(&x, &next)
                    for k in states { target.states[(i + 1) * n + k] = x[k] }
                    for q in f.pieceStart[i]..<f.pieceStart[i + 1] {
                        let cost = Self.decompose(x[f.pieces[q].state], f.pieces[q])
                        objective += cost.objective
                        excess += cost.excess
                    }
                    target.objective[b * points + i + 1] = objective
                    target.excess[b * points + i + 1] = excess
                }
            }
        }
    }

    /// The cheapest decomposition of `level` (target halves first, then outside the target, then
    /// beyond the hard bound): its cost, its parts, and how far it exceeds a hard bound.
    @inline(__always)
    static func decompose(_ level: Double, _ piece: Piece) -> (objective: Double, excess: Double, half: Double, outside: Double, beyond: Double) {
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
        let elastic = delta >= 0 ? piece.overCost != nil : piece.underCost != nil
        return (objective, elastic ? 0 : max(0, beyond), half, outside, beyond)
    }

    /// The complete primal vector of the plan program for `units` (fluids of this assignment), read
    /// off a full pass.
    func fullVector(units: [Int]) -> [Double] {
        let record = PassRecord(self)
        run(units, into: record)
        let n = StateIndex.coreCount
        var vector = [Double](repeating: 0, count: model.program.variables.count)
        for (index, value) in Self.fixedValues(model: model, assignment: assignment) { vector[index] = value }
        for (i, columns) in model.stateColumns.enumerated() {
            for (state, column) in columns.enumerated() { if let column { vector[column.index] = record.states[(i + 1) * n + state] } }
        }
        for (i, row) in model.serumParts.enumerated() {
            for (parts, piece) in zip(row, pieces[i]) {
                let level = record.states[(i + 1) * n + piece.state]
                let cost = Self.decompose(level, piece)
                let up = level - piece.mid >= 0
                vector[(up ? parts.upperHalf : parts.lowerHalf).index] = cost.half
                vector[(up ? parts.above : parts.below).index] = cost.outside
                if let over = parts.over, up { vector[over.index] = cost.beyond }
                if let under = parts.under, !up { vector[under.index] = cost.beyond }
            }
        }
        for (c, instant) in model.coupling.enumerated() {
            vector[instant.loss.index] = record.losses[c]
            if let low = instant.low, let law = couplingLaw {
                vector[low.index] = record.states[couplingPoints[c].point * n + law.state] < law.threshold ? 1 : 0
            }
        }
        for (dose, count) in zip(model.doses, units) {
            vector[dose.units.index] = Double(count)
            vector[dose.given.index] = count > 0 ? 1 : 0
            for (k, bag) in dose.bags.enumerated() { vector[bag.index] = count > k ? 1 : 0 }
        }
        return vector
    }
}
