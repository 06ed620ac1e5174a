import KRTKinetics
import KRTUnits
import LinearProgramming

/// Evaluates orders exactly for one full fluid assignment, without an LP: a forward pass through the
/// model's interval maps gives every state; each serum level's cheapest decomposition gives the soft
/// terms; the Mg → K loss is the sampled `gain·max(0, threshold − Mg)` itself. Every coefficient comes
/// from the plan program, so ``fullVector(units:)`` is a primal point of that program with the same
/// objective (the tests check it against the program's residuals).
///
/// A few microseconds per evaluation, which makes local search over orders cheap.
struct DoseEvaluator: Sendable {
    let model: PlanModel
    let assignment: [Int]
    /// Per interval: everything fixed (intake, fluids of this assignment, citrate, fixed orders).
    let base: [[Double]]
    /// Per interval, laid out flat for the hot loop: the non-zero entries of Φ (the compartment blocks
    /// of K, P and Mg do not mix); the dose effects — once per unit (oral, threshold 0) or once when the
    /// order has at least `threshold` units (IV infusion number `threshold`); the effect of 1 mmol/h of
    /// each coupling loss; and the serum decomposition pieces of every grid point after 0
    /// (see ``FlatIntervals``).
    let flat: FlatIntervals
    /// Objective constant: changes of this assignment, fluid costs, expression constant.
    let fixedCost: Double
    /// Per dose: cost when given (order) and per unit.
    let orderCost: [Double]
    let unitCost: [Double]
    /// Per coupling instant: grid index, loss column cost per mmol/h, fixed loss at t = 0.
    let couplingPoints: [(point: Int, cost: Double, fixed: Double?)]
    let gain: Double
    let threshold: Double
    /// Rolling caps: (dose, mmol per unit) terms and the most mmol allowed.
    let caps: [(terms: [(dose: Int, coefficient: Double)], limit: Double)]
    /// Gated doses: (dose index, grid index, serum state index, open below), by grid index.
    let gatesByPoint: [(dose: Int, point: Int, state: Int, below: Double)]
    /// Grid index at which each dose starts acting (its time).
    let doseStartPoint: [Int]
    let initialState: [Double]
    let bounds: [Int]

    struct Piece: Sendable {
        let state: Int
        let mid: Double
        let upperHalf: (cap: Double, cost: Double)
        let above: (cap: Double, cost: Double)
        let lowerHalf: (cap: Double, cost: Double)
        let below: (cap: Double, cost: Double)
        /// Elastic violation costs (nil when hard bounds are hard).
        let overCost: Double?
        let underCost: Double?
    }

    struct Evaluation: Sendable {
        let objective: Double
        /// Sum of hard-bound excesses, cap violations and closed gates (0 when feasible).
        let violation: Double
        /// Doses ordered while their gate is closed.
        let closedGates: [Int]
        var isFeasible: Bool { violation <= 1e-7 && closedGates.isEmpty }
    }

    /// - Parameter ignoringOrderCounts: scores without the per-order cost (a smoother landscape for
    ///   the first phase of ``DoseSearch``).
    init(model: PlanModel, assignment: [Int], ignoringOrderCounts: Bool = false) {
        self.model = model
        self.assignment = assignment
        let program = model.program
        var cost = [Double](repeating: 0, count: program.variables.count)
        for term in program.objective.expression.terms { cost[term.variable.index] += term.coefficient }
        let fixedValues = Self.fixedValues(model: model, assignment: assignment)
        var doseOf: [Int: (dose: Int, threshold: Int)] = [:]
        for (index, dose) in model.doses.enumerated() {
            if dose.bags.isEmpty { doseOf[dose.units.index] = (index, 0) }
            for (k, bag) in dose.bags.enumerated() { doseOf[bag.index] = (index, k + 1) }
        }
        let unitsOf = Dictionary(uniqueKeysWithValues: model.doses.enumerated().map { ($1.units.index, $0) })
        let couplingOf = Dictionary(uniqueKeysWithValues: model.coupling.enumerated().map { ($1.loss.index, $0) })
        var base: [[Double]] = [], doseEffects: [[(dose: Int, threshold: Int, effect: SparseVector)]] = []
        var lossEffects: [[(coupling: Int, effect: SparseVector)]] = []
        for interval in model.intervals {
            var constant = interval.constant, doses: [(dose: Int, threshold: Int, effect: SparseVector)] = []
            var losses: [(coupling: Int, effect: SparseVector)] = []
            for (variable, effect) in interval.effects {
                if let dose = doseOf[variable] { doses.append((dose.dose, dose.threshold, SparseVector(effect))) }
                else if let coupling = couplingOf[variable] { losses.append((coupling, SparseVector(effect))) }
                else if let value = fixedValues[variable] { for i in constant.indices { constant[i] += effect[i] * value } }
            }
            base.append(constant); doseEffects.append(doses); lossEffects.append(losses)
        }
        self.base = base
        let n = StateIndex.coreCount
        let transitions = model.intervals.map { interval in
            (0..<n).flatMap { row in (0..<n).compactMap { column in
                let value = interval.phi[row * n + column]
                return value == 0 ? nil : (row, column, value)
            } }
        }
        let upper = program.variables.map(\.bounds.upper)
        let pieces = model.serumParts.map { row in
            row.map { parts in
                Piece(state: StateIndex.serum(parts.solute).rawValue, mid: parts.mid,
                      upperHalf: (upper[parts.upperHalf.index], cost[parts.upperHalf.index]),
                      above: (upper[parts.above.index], cost[parts.above.index]),
                      lowerHalf: (upper[parts.lowerHalf.index], cost[parts.lowerHalf.index]),
                      below: (upper[parts.below.index], cost[parts.below.index]),
                      overCost: parts.over.map { cost[$0.index] }, underCost: parts.under.map { cost[$0.index] })
            }
        }
        flat = FlatIntervals(base: base, transitions: transitions, doseEffects: doseEffects, lossEffects: lossEffects,
                             pieces: pieces)
        fixedCost = program.objective.expression.constant + fixedValues.reduce(0) { $0 + cost[$1.key] * $1.value }
        orderCost = model.doses.map { ignoringOrderCounts ? 0 : cost[$0.given.index] }
        unitCost = model.doses.map { cost[$0.units.index] }
        couplingPoints = model.coupling.map { instant in
            (model.timeline.index(of: instant.time) ?? 0, cost[instant.loss.index],
             instant.low == nil ? program.variables[instant.loss.index].bounds.lower : nil)
        }
        gain = model.problem.model.patient.couplingGain
        threshold = model.problem.model.patient.parameters[.couplingMagnesiumThreshold]
        caps = model.capRows.compactMap { row in
            guard let constraint = program[row] else { return nil }
            let terms = constraint.expression.terms.compactMap { term in unitsOf[term.variable.index].map { (dose: $0, coefficient: term.coefficient) } }
            return (terms, constraint.bounds.upper - constraint.expression.constant)
        }
        gatesByPoint = model.doses.enumerated().compactMap { index, dose in
            guard let gate = model.problem.drugs[dose.drug].gate, let point = model.timeline.index(of: dose.time) else { return nil }
            return (index, point, StateIndex.serum(gate.solute).rawValue, gate.below - PlanModel.gateMargin)
        }.sorted { $0.point != $1.point ? $0.point < $1.point : $0.dose < $1.dose }
        doseStartPoint = model.doses.map { model.timeline.index(of: $0.time) ?? 0 }
        initialState = model.problem.initialState
        bounds = model.doses.map { Int(upper[$0.units.index].rounded(.down)) }
    }

    /// Values of the fluid binaries and change columns for `assignment`.
    static func fixedValues(model: PlanModel, assignment: [Int]) -> [Int: Double] {
        var values: [Int: Double] = [:]
        for (index, variable) in model.program.variables.enumerated() where variable.bounds.isFixed && variable.bounds.lower != 0 {
            values[index] = variable.bounds.lower
        }
        for (slot, choice) in zip(model.slots, assignment) {
            for (option, variable) in slot.options.enumerated() { values[variable.index] = option == choice ? 1 : 0 }
        }
        for change in model.changeColumns {
            values[change.column.index] = assignment[change.slot] == assignment[change.previous] ? 0 : 1
        }
        return values
    }
}

/// The non-zero entries of a short vector.
struct SparseVector: Sendable {
    let entries: [(index: Int, value: Double)]

    init(_ dense: [Double]) {
        entries = dense.enumerated().compactMap { $0.element == 0 ? nil : ($0.offset, $0.element) }
    }

    @inline(__always)
    func add(scaledBy scale: Double, to vector: inout [Double]) {
        for entry in entries { vector[entry.index] += entry.value * scale }
    }
}

/// Interval data in contiguous buffers with offsets, so the forward pass touches no nested arrays,
/// no reference counts and (in release builds) no bounds checks. Immutable after `init`; owns its
/// buffers (freed in `deinit`), which is why it is a class.
final class FlatIntervals: @unchecked Sendable {
    /// base[i * n + k]
    let base: UnsafeMutableBufferPointer<Double>
    /// Φ entries of interval i are rows/columns/values[transitionStart[i] ..< transitionStart[i + 1]].
    let transitionStart: UnsafeMutableBufferPointer<Int>
    let transitionRow: UnsafeMutableBufferPointer<Int>
    let transitionColumn: UnsafeMutableBufferPointer<Int>
    let transitionValue: UnsafeMutableBufferPointer<Double>
    /// Effect terms of interval i are terms[termStart[i] ..< termStart[i + 1]]; each term's entries are
    /// entryIndex/entryValue[entryStart[t] ..< entryStart[t + 1]]. `kind`: 0 = dose per unit, k > 0 =
    /// dose's k-th infusion, −1 = coupling loss. `source` is the dose or coupling index.
    let termStart: UnsafeMutableBufferPointer<Int>
    let termKind: UnsafeMutableBufferPointer<Int>
    let termSource: UnsafeMutableBufferPointer<Int>
    let entryStart: UnsafeMutableBufferPointer<Int>
    let entryIndex: UnsafeMutableBufferPointer<Int>
    let entryValue: UnsafeMutableBufferPointer<Double>
    /// Serum decomposition pieces of grid point i + 1 are pieces[pieceStart[i] ..< pieceStart[i + 1]].
    let pieceStart: UnsafeMutableBufferPointer<Int>
    let pieces: UnsafeMutableBufferPointer<DoseEvaluator.Piece>

    init(base: [[Double]], transitions: [[(row: Int, column: Int, value: Double)]],
         doseEffects: [[(dose: Int, threshold: Int, effect: SparseVector)]],
         lossEffects: [[(coupling: Int, effect: SparseVector)]], pieces: [[DoseEvaluator.Piece]]) {
        self.base = Self.buffer(base.flatMap { $0 })
        var start = [0], rows: [Int] = [], columns: [Int] = [], values: [Double] = []
        for entries in transitions {
            for entry in entries { rows.append(entry.row); columns.append(entry.column); values.append(entry.value) }
            start.append(rows.count)
        }
        transitionStart = Self.buffer(start)
        transitionRow = Self.buffer(rows)
        transitionColumn = Self.buffer(columns)
        transitionValue = Self.buffer(values)
        var termStart = [0], kinds: [Int] = [], sources: [Int] = [], entryStart = [0], indices: [Int] = [], entryValues: [Double] = []
        for (doses, losses) in zip(doseEffects, lossEffects) {
            for (dose, threshold, effect) in doses {
                kinds.append(threshold)
                sources.append(dose)
                for entry in effect.entries { indices.append(entry.index); entryValues.append(entry.value) }
                entryStart.append(indices.count)
            }
            for (coupling, effect) in losses {
                kinds.append(-1)
                sources.append(coupling)
                for entry in effect.entries { indices.append(entry.index); entryValues.append(entry.value) }
                entryStart.append(indices.count)
            }
            termStart.append(kinds.count)
        }
        self.termStart = Self.buffer(termStart)
        termKind = Self.buffer(kinds)
        termSource = Self.buffer(sources)
        self.entryStart = Self.buffer(entryStart)
        entryIndex = Self.buffer(indices)
        entryValue = Self.buffer(entryValues)
        var pieceStart = [0]
        for row in pieces { pieceStart.append(pieceStart[pieceStart.count - 1] + row.count) }
        self.pieceStart = Self.buffer(pieceStart)
        self.pieces = Self.buffer(pieces.flatMap { $0 })
    }

    deinit {
        base.deallocate()
        for buffer in [transitionStart, transitionRow, transitionColumn, termStart, termKind, termSource, entryStart, entryIndex, pieceStart] {
            buffer.deallocate()
        }
        transitionValue.deallocate()
        entryValue.deallocate()
        pieces.deallocate()
    }

    private static func buffer<Element>(_ array: [Element]) -> UnsafeMutableBufferPointer<Element> {
        let buffer = UnsafeMutableBufferPointer<Element>.allocate(capacity: max(1, array.count))
        _ = buffer.initialize(from: array)
        return buffer
    }
}
