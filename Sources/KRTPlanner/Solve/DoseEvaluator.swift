import KRTKinetics
import KRTUnits
import LinearProgramming

/// Evaluates orders exactly for one full fluid assignment, without an LP: a forward pass through the
/// model's interval maps gives every state; each serum level's cheapest decomposition gives the soft
/// terms; the Mg → K loss is the sampled `gain·max(0, threshold − Mg)` itself. Everything is read from
/// the plan model's own description — the step maps of its balance rows, the bounds and costs of its
/// serum columns, its cap rows, its gate records (``PlanModel/gates``) and its coupling law
/// (``PlanModel/couplingLaw``) — so ``fullVector(units:)`` is a primal point of that program with the
/// same objective (EvaluatorLPEquivalenceTests solves the program at fixed schedules with GLPK).
///
/// **Blocks.** The states split into blocks that no step map mixes (found from the sparsity of Φ, not
/// assumed: K, phosphate and Mg today). A pass runs block by block; the only
/// link between blocks is the coupling loss, computed in its source block (Mg) and read by the blocks
/// its effect enters (K). A move then re-runs only the blocks its doses touch, from the first changed
/// dose time (``IncrementalEvaluation``); the evaluation is assembled from per-block sums in one fixed
/// order, so an incremental evaluation is bit-identical to a full pass.
struct DoseEvaluator: Sendable {
    let model: PlanModel
    let assignment: [Int]
    /// Per interval: everything fixed (intake, fluids of this assignment, citrate, fixed orders).
    let base: [[Double]]
    /// Per block: its states and its interval data (Φ entries, dose and loss effects, serum pieces),
    /// laid out flat for the hot loop (see ``FlatIntervals``).
    let blocks: [Block]
    /// Serum pieces of grid points 1…N (as ``PlanModel/serumParts``), for ``fullVector(units:)``.
    let pieces: [[Piece]]
    /// Objective constant: changes of this assignment, fluid costs, expression constant.
    let fixedCost: Double
    /// Per dose: cost when given (order) and per unit.
    let orderCost: [Double]
    let unitCost: [Double]
    /// Per coupling instant: grid index, loss column cost per mmol/h, fixed loss at t = 0.
    let couplingPoints: [(point: Int, cost: Double, fixed: Double?)]
    let couplingLaw: PlanModel.CouplingLaw?
    /// Block holding the coupling's Mg state (nil without coupling).
    let couplingSource: Int?
    /// Rolling caps: (dose, mmol per unit) terms and the most mmol allowed.
    let caps: [(terms: [(dose: Int, coefficient: Double)], limit: Double)]
    /// Gates (from the model's gate rows), sorted by grid index.
    let gates: [PlanModel.Gate]
    /// Block of each gate's state.
    let gateBlock: [Int]
    /// Grid index at which each dose starts acting (its time).
    let doseStartPoint: [Int]
    /// Blocks each dose's effects enter, plus the block of its gate.
    let doseBlocks: [[Int]]
    let initialState: [Double]
    let bounds: [Int]

    struct Block: Sendable {
        let states: [Int]
        let flat: FlatIntervals
        /// Some interval of this block reads the coupling losses.
        let readsLosses: Bool
    }

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

    struct Evaluation: Sendable, Equatable {
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
        let n = StateIndex.coreCount
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
        let transitions: [[(row: Int, column: Int, value: Double)]] = model.intervals.map { interval in
            (0..<n).flatMap { row in (0..<n).compactMap { column -> (row: Int, column: Int, value: Double)? in
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
        self.pieces = pieces
        // Blocks: connected components of the states Φ links (an input feeding several blocks is split
        // into its parts per block; it does not tie them).
        var links: [(Int, Int)] = []
        for interval in transitions { for entry in interval { links.append((entry.row, entry.column)) } }
        let blockOf = Self.components(n: n, links: links)
        blocks = (0..<((blockOf.max() ?? -1) + 1)).map { b in
            Self.block(b, blockOf: blockOf, base: base, transitions: transitions, doseEffects: doseEffects,
                       lossEffects: lossEffects, pieces: pieces)
        }
        // In index order: a Dictionary's order differs between instances, and so would the sum's last bit.
        fixedCost = program.objective.expression.constant + fixedValues.sorted { $0.key < $1.key }.reduce(0) { $0 + cost[$1.key] * $1.value }
        orderCost = model.doses.map { ignoringOrderCounts ? 0 : cost[$0.given.index] }
        unitCost = model.doses.map { cost[$0.units.index] }
        couplingPoints = model.coupling.map { instant in
            (model.timeline.index(of: instant.time) ?? 0, cost[instant.loss.index],
             instant.low == nil ? program.variables[instant.loss.index].bounds.lower : nil)
        }
        couplingLaw = model.couplingLaw
        couplingSource = model.couplingLaw.map { blockOf[$0.state] }
        caps = model.capRows.compactMap { row in
            guard let constraint = program[row] else { return nil }
            let terms = constraint.expression.terms.compactMap { term in unitsOf[term.variable.index].map { (dose: $0, coefficient: term.coefficient) } }
            return (terms, constraint.bounds.upper - constraint.expression.constant)
        }
        gates = model.gates.sorted { $0.point != $1.point ? $0.point < $1.point : $0.dose < $1.dose }
        gateBlock = gates.map { blockOf[$0.state] }
        doseStartPoint = model.doses.map { model.timeline.index(of: $0.time) ?? 0 }
        var touched = [Set<Int>](repeating: [], count: model.doses.count)
        for interval in doseEffects { for effect in interval { for entry in effect.effect.entries { touched[effect.dose].insert(blockOf[entry.index]) } } }
        for (gate, block) in zip(gates, gateBlock) { touched[gate.dose].insert(block) }
        doseBlocks = touched.map { $0.sorted() }
        initialState = model.problem.initialState
        bounds = model.doses.map { Int(upper[$0.units.index].rounded(.down)) }
    }

    /// Block `b`'s share of the interval data: its Φ rows, the effect entries on its states, its pieces.
    static func block(_ b: Int, blockOf: [Int], base: [[Double]], transitions: [[(row: Int, column: Int, value: Double)]],
                      doseEffects: [[(dose: Int, threshold: Int, effect: SparseVector)]],
                      lossEffects: [[(coupling: Int, effect: SparseVector)]], pieces: [[Piece]]) -> Block {
        func inBlock(_ effect: SparseVector) -> SparseVector {
            SparseVector(entries: effect.entries.filter { blockOf[$0.index] == b })
        }
        var blockDoses: [[(dose: Int, threshold: Int, effect: SparseVector)]] = []
        for interval in doseEffects {
            var kept: [(dose: Int, threshold: Int, effect: SparseVector)] = []
            for term in interval {
                let effect = inBlock(term.effect)
                if !effect.entries.isEmpty { kept.append((term.dose, term.threshold, effect)) }
            }
            blockDoses.append(kept)
        }
        var blockLosses: [[(coupling: Int, effect: SparseVector)]] = []
        for interval in lossEffects {
            var kept: [(coupling: Int, effect: SparseVector)] = []
            for term in interval {
                let effect = inBlock(term.effect)
                if !effect.entries.isEmpty { kept.append((term.coupling, effect)) }
            }
            blockLosses.append(kept)
        }
        let blockTransitions = transitions.map { interval in interval.filter { blockOf[$0.row] == b } }
        let blockPieces = pieces.map { row in row.filter { blockOf[$0.state] == b } }
        let flat = FlatIntervals(base: base, transitions: blockTransitions, doseEffects: blockDoses, lossEffects: blockLosses,
                                 pieces: blockPieces)
        return Block(states: blockOf.indices.filter { blockOf[$0] == b }, flat: flat,
                     readsLosses: blockLosses.contains { !$0.isEmpty })
    }

    /// Component number of every state (numbered in order of their smallest state).
    static func components(n: Int, links: [(Int, Int)]) -> [Int] {
        var parent = Array(0..<n)
        func root(_ i: Int) -> Int { var i = i; while parent[i] != i { i = parent[i] }; return i }
        for (a, b) in links { let (ra, rb) = (root(a), root(b)); if ra != rb { parent[max(ra, rb)] = min(ra, rb) } }
        var number: [Int: Int] = [:]
        return (0..<n).map { state in
            let r = root(state)
            if let k = number[r] { return k }
            let k = number.count
            number[r] = k
            return k
        }
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
