import KRTKinetics

/// A cheap first look at a local-search move, by superposition. Between the non-linear points (the
/// Mg → K `max()`, gates) every state is affine in the doses and the coupling losses, so the states of
/// a candidate are the record's states plus, for each changed input, its change times the input's
/// impulse response (the block's interval maps run from zero with only that input). Only the states the
/// score reads are kept: serum levels with cost pieces, gate states, the coupling's Mg state.
///
/// The screen is **not** the evaluation: its sums run in another order, so it differs from the exact
/// pass in the last bits. The local search uses it only to reject moves that are clearly no better
/// (by a relative margin far above rounding, ``DoseSearch/screenMargin(_:)``); every move it does not
/// reject, and every move that opens or closes a gate, is evaluated exactly (``IncrementalEvaluation``).
/// So the search takes the same steps as without the screen, and its plans are bit-identical.
///
/// Immutable after `init` (built once per descent; an evaluator's responses are assignment-independent
/// but cheap: about a hundred moves' worth of work).
final class ResponseScreen: Sendable {
    let evaluator: DoseEvaluator
    /// Per block: the states the score reads, and each state's slot in that list (−1: not read).
    let observed: [[Int]]
    let slot: [[Int]]
    /// Impulse responses, flat: response r belongs to block `block[r]`, first enters interval `start[r]`
    /// and holds the observed states of grid points start + 1 … N at
    /// `values[offset[r] + (point − start − 1) * observed[block].count + slot]`.
    let block: [Int], start: [Int], offset: [Int]
    let values: [Double]
    /// Per dose: responses to one unit (kind 0 terms) and to its k-th infusion (kind k, index k − 1).
    let unit: [[Int]]
    let bags: [[[Int]]]
    /// Most responses two changed doses can bring.
    let capacity: Int

    init(_ evaluator: DoseEvaluator) {
        self.evaluator = evaluator
        let n = StateIndex.coreCount, e = evaluator
        var observed: [Set<Int>] = e.blocks.map { _ in [] }
        for (b, block) in e.blocks.enumerated() {
            let f = block.flat
            for q in 0..<f.pieceStart[e.base.count] { observed[b].insert(f.pieces[q].state) }
        }
        for (g, gate) in e.gates.enumerated() { observed[e.gateBlock[g]].insert(gate.state) }
        if let law = e.couplingLaw, let source = e.couplingSource { observed[source].insert(law.state) }
        self.observed = observed.map { $0.sorted() }
        slot = self.observed.map { states in
            var slot = [Int](repeating: -1, count: n)
            for (k, state) in states.enumerated() { slot[state] = k }
            return slot
        }
        // Which intervals each input (kind, source) enters, per block. Loss inputs are not kept: a move
        // that changes a coupling loss is evaluated exactly.
        struct Key: Hashable { let kind: Int, source: Int }
        var unit = [[Int]](repeating: [], count: e.model.doses.count)
        var bags = [[[Int]]](repeating: [], count: e.model.doses.count)
        var blockOf: [Int] = [], startOf: [Int] = [], offset: [Int] = [], values: [Double] = []
        for (b, block) in e.blocks.enumerated() {
            let f = block.flat
            var intervals: [Key: [Int]] = [:]
            var order: [Key] = []
            for i in 0..<e.base.count {
                for term in f.termStart[i]..<f.termStart[i + 1] where f.termKind[term] >= 0 {
                    let key = Key(kind: f.termKind[term], source: f.termSource[term])
                    if intervals[key] == nil { order.append(key) }
                    if intervals[key]?.last != i { intervals[key, default: []].append(i) }
                }
            }
            for key in order {
                let id = blockOf.count
                let entering = intervals[key] ?? []
                blockOf.append(b)
                startOf.append(entering.first ?? 0)
                offset.append(values.count)
                values += Self.response(of: key.kind, key.source, in: b, intervals: entering, evaluator: e, observed: self.observed[b])
                if key.kind == 0 {
                    unit[key.source].append(id)
                } else {
                    while bags[key.source].count < key.kind { bags[key.source].append([]) }
                    bags[key.source][key.kind - 1].append(id)
                }
            }
        }
        block = blockOf
        start = startOf
        self.offset = offset
        self.values = values
        self.unit = unit
        self.bags = bags
        capacity = 2 * (zip(unit, bags).map { $0.count + $1.reduce(0) { $0 + $1.count } }.max() ?? 0)
    }

    /// Runs block `b` from zero with only the input (kind, source) at value 1 in its intervals.
    static func response(of kind: Int, _ source: Int, in b: Int, intervals: [Int], evaluator e: DoseEvaluator,
                         observed: [Int]) -> [Double] {
        let n = StateIndex.coreCount, f = e.blocks[b].flat, states = e.blocks[b].states
        let start = intervals.first ?? 0, end = e.base.count, m = observed.count
        var values = [Double](repeating: 0, count: max(0, end - start) * m)
        var x = [Double](repeating: 0, count: n), next = x
        var entering = intervals.makeIterator(), upcoming = entering.next()
        for i in start..<end {
            for k in states { next[k] = 0 }
            for t in f.transitionStart[i]..<f.transitionStart[i + 1] {
                next[f.transitionRow[t]] += f.transitionValue[t] * x[f.transitionColumn[t]]
            }
            if upcoming == i {
                for term in f.termStart[i]..<f.termStart[i + 1] where f.termKind[term] == kind && f.termSource[term] == source {
                    for entry in f.entryStart[term]..<f.entryStart[term + 1] { next[f.entryIndex[entry]] += f.entryValue[entry] }
                }
                upcoming = entering.next()
            }
            swap(&x, &next)
            for (k, state) in observed.enumerated() { values[(i - start) * m + k] = x[state] }
        }
        return values
    }
}

extension ResponseScreen {
    /// The screened score (``DoseSearch/score(_:)``) of `units` with dose `i` set to `vi` and, when
    /// `j` ≥ 0, dose `j` to `vj`, read against `record` (the pass of `units`). Nil when the screen
    /// cannot stand in for the exact evaluation: a coupling loss changes, or a gate closes (or sits
    /// within rounding of its level) on an ordered dose, where the search's own rule (drop the gated
    /// dose) needs the exact verdicts.
    func score(_ record: PassRecord, units: [Int], _ i: Int, _ vi: Int, _ j: Int, _ vj: Int) -> Double? {
        let e = evaluator, n = StateIndex.coreCount, last = e.base.count, points = record.points
        return withUnsafeTemporaryAllocation(of: (id: Int, coefficient: Double).self, capacity: max(1, capacity)) { active in
            withUnsafeTemporaryAllocation(of: (coefficient: Double, start: Int, offset: Int).self, capacity: max(1, capacity)) { gathered in
            withUnsafeTemporaryAllocation(of: Int.self, capacity: max(1, e.blocks.count)) { from in
                var count = 0
                func add(_ dose: Int, _ old: Int, _ new: Int) {
                    if new != old { for id in unit[dose] { active[count] = (id, Double(new - old)); count += 1 } }
                    for (k, ids) in bags[dose].enumerated() {
                        let change = (new > k ? 1 : 0) - (old > k ? 1 : 0)
                        if change != 0 { for id in ids { active[count] = (id, Double(change)); count += 1 } }
                    }
                }
                add(i, units[i], vi)
                if j >= 0 { add(j, units[j], vj) }
                for b in 0..<e.blocks.count { from[b] = .max }
                for a in 0..<count { let id = active[a].id; from[block[id]] = min(from[block[id]], start[id]) }
                /// Observed state `state` of block `b` at grid point `point` (record plus active responses).
                func level(_ b: Int, _ state: Int, at point: Int) -> Double {
                    var x = record.states[point * n + state]
                    guard point > from[b] else { return x }
                    let m = observed[b].count, s = slot[b][state]
                    for a in 0..<count where block[active[a].id] == b {
                        let id = active[a].id
                        if point > start[id] { x += active[a].coefficient * values[offset[id] + (point - start[id] - 1) * m + s] }
                    }
                    return x
                }
                // A changed coupling loss is left to the exact evaluation.
                if let source = e.couplingSource, let law = e.couplingLaw, from[source] < .max {
                    for c in e.couplingPoints.indices where e.couplingPoints[c].fixed == nil && e.couplingPoints[c].point > from[source] {
                        let loss = law.gain * max(0, law.threshold - level(source, law.state, at: e.couplingPoints[c].point))
                        if loss != record.losses[c] { return nil }
                    }
                }
                var objective = 0.0, violation = 0.0
                for b in e.blocks.indices {
                    guard from[b] < .max else {
                        objective += record.objective[b * points + last]
                        violation += record.excess[b * points + last]
                        continue
                    }
                    let f = e.blocks[b].flat, m = observed[b].count, slots = slot[b]
                    var blockObjective = record.objective[b * points + from[b]], blockExcess = record.excess[b * points + from[b]]
                    // This block's active responses, as (coefficient, start, base offset) for the hot loop.
                    var mine = 0
                    for a in 0..<count where block[active[a].id] == b {
                        let id = active[a].id
                        gathered[mine] = (active[a].coefficient, start[id], offset[id])
                        mine += 1
                    }
                    values.withUnsafeBufferPointer { values in
                        for p in from[b]..<last {
                            for q in f.pieceStart[p]..<f.pieceStart[p + 1] {
                                let piece = f.pieces[q], s = slots[piece.state]
                                var x = record.states[(p + 1) * n + piece.state]
                                for a in 0..<mine where p >= gathered[a].start {
                                    x += gathered[a].coefficient * values[gathered[a].offset + (p - gathered[a].start) * m + s]
                                }
                                let cost = DoseEvaluator.decompose(x, piece)
                                blockObjective += cost.objective
                                blockExcess += cost.excess
                            }
                        }
                    }
                    objective += blockObjective
                    violation += blockExcess
                }
                for c in e.couplingPoints.indices { objective += record.couplingCost[c] }
                objective += e.fixedCost
                func value(_ dose: Int) -> Int { dose == i ? vi : dose == j ? vj : units[dose] }
                for dose in units.indices {
                    let units = value(dose)
                    if units != 0 { objective += e.orderCost[dose] + e.unitCost[dose] * Double(units) }
                }
                for (g, gate) in e.gates.enumerated() {
                    let b = e.gateBlock[g]
                    guard gate.dose == i || gate.dose == j || (from[b] < gate.point) else {
                        if record.gateClosed[g] { return nil }
                        violation += record.gateViolation[g]
                        continue
                    }
                    guard value(gate.dose) > 0 else { continue }
                    let x = level(b, gate.state, at: gate.point), open = gate.openBelow + 1e-12
                    if x > open - 1e-9 * max(1, abs(open)) { return nil }
                }
                for cap in e.caps {
                    var total = 0.0
                    for term in cap.terms { total += term.coefficient * Double(value(term.dose)) }
                    violation += max(0, total - cap.limit)
                }
                return objective + DoseSearch.infeasibilityPenalty * violation
            }
            }
        }
    }
}
