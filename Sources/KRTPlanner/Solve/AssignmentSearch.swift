/// Branch-and-bound over discrete choices ("slots": one fluid per stream and period), with a
/// relaxation bound at every partial assignment and an exact (within a gap) solve at full assignments.
///
/// Deterministic for any thread count: nodes are processed in waves of fixed size; each wave's
/// relaxations run in parallel, and results are merged in node order before the next wave is chosen.
struct AssignmentSearch<Payload: Sendable>: Sendable {
    /// Number of choices per slot.
    let choiceCounts: [Int]
    /// Relative gap: a node is pruned when its bound ≥ incumbent − gap·|incumbent| − absoluteTolerance.
    let relativeGap: Double
    let absoluteTolerance: Double
    let threads: Int
    /// Nodes expanded per wave (fixed, so results do not depend on `threads`).
    let waveSize: Int
    /// Stop expanding after this many node relaxations (safety net; reported).
    let maxRelaxations: Int
    /// Monotonic clock reading (s) after which no new wave starts.
    let deadline: Double?
    let clock: @Sendable () -> Double

    /// A relaxation at a (partial) assignment: a lower bound, plus per unassigned slot the weight of
    /// each choice in the relaxed solution (used to branch and to dive).
    enum Relaxation: Sendable {
        case infeasible
        case bound(Double, weights: [[Double]])
    }

    /// The exact solve at a full assignment.
    enum Leaf: Sendable {
        case infeasible
        /// Objective of the best solution found, a proven lower bound for this assignment, the solution.
        case solved(objective: Double, bound: Double, payload: Payload)
    }

    struct Outcome: Sendable {
        var best: (assignment: [Int], objective: Double, payload: Payload)?
        /// Proven lower bound on every assignment's optimum.
        var lowerBound: Double
        /// Every full assignment solved exactly, best first (for "next-best" explanations).
        var evaluated: [(assignment: [Int], objective: Double)]
        var relaxationsSolved: Int
        var leavesSolved: Int
        var nodesExplored: Int
        var stoppedEarly: Bool
    }

    func run(relax: @Sendable ([Int?]) -> Relaxation, solveLeaf: @Sendable ([Int]) -> Leaf) -> Outcome {
        var outcome = Outcome(best: nil, lowerBound: .infinity, evaluated: [], relaxationsSolved: 0,
                              leavesSolved: 0, nodesExplored: 0, stoppedEarly: false)
        let slotCount = choiceCounts.count
        let root: [Int?] = Array(repeating: nil, count: slotCount)
        let rootRelaxation = relax(root)
        outcome.relaxationsSolved += 1
        guard case let .bound(rootBound, rootWeights) = rootRelaxation else {
            outcome.lowerBound = .infinity
            return outcome
        }
        var prunedBound = Double.infinity
        var solvedLeaves = Set<[Int]>()
        func shouldPrune(_ bound: Double) -> Bool { shouldPruneAgainst(bound, incumbent: outcome.best?.objective) }

        func consider(leaf assignment: [Int], result: Leaf) {
            outcome.leavesSolved += 1
            solvedLeaves.insert(assignment)
            guard case let .solved(objective, bound, payload) = result else { return }
            prunedBound = min(prunedBound, bound)
            outcome.evaluated.append((assignment, objective))
            if let best = outcome.best, !isBetter(objective, assignment, than: best.objective, best.assignment) { return }
            outcome.best = (assignment, objective, payload)
        }

        // Dive: the relaxation's favourite choice in every slot gives a first incumbent.
        let dive = (0..<slotCount).map { argmax(rootWeights[$0]) }
        consider(leaf: dive, result: solveLeaf(dive))

        var open: [Node] = [Node(assignment: root, bound: rootBound, weights: rootWeights)]

        while !open.isEmpty {
            if let deadline, clock() >= deadline { outcome.stoppedEarly = true; break }
            if outcome.relaxationsSolved >= maxRelaxations { outcome.stoppedEarly = true; break }
            // Best-first, ties broken by assignment (deterministic).
            open.sort { $0.bound != $1.bound ? $0.bound < $1.bound : lexicographicallyPrecedes($0.assignment, $1.assignment) }
            let wave = Array(open.prefix(waveSize))
            open.removeFirst(wave.count)
            var children: [[Int?]] = []
            for node in wave {
                if shouldPrune(node.bound) { prunedBound = min(prunedBound, node.bound); continue }
                outcome.nodesExplored += 1
                let slot = branchingSlot(node.assignment, weights: node.weights)
                let order = (0..<choiceCounts[slot]).sorted {
                    let a = node.weights[slot][$0], b = node.weights[slot][$1]
                    return a != b ? a > b : $0 < $1
                }
                for choice in order {
                    var child = node.assignment
                    child[slot] = choice
                    children.append(child)
                }
            }
            let relaxations = ParallelWork.map(children, threads: threads, relax)
            outcome.relaxationsSolved += children.count
            var leaves: [[Int]] = []
            for (child, relaxation) in zip(children, relaxations) {
                guard case let .bound(bound, weights) = relaxation else { continue }
                if shouldPrune(bound) { prunedBound = min(prunedBound, bound); continue }
                if child.allSatisfy({ $0 != nil }) {
                    let full = child.map { $0 ?? 0 }
                    if !solvedLeaves.contains(full) { leaves.append(full) } else { prunedBound = min(prunedBound, bound) }
                } else {
                    open.append(Node(assignment: child, bound: bound, weights: weights))
                }
            }
            let leafResults = ParallelWork.map(leaves, threads: threads, solveLeaf)
            for (leaf, result) in zip(leaves, leafResults) { consider(leaf: leaf, result: result) }
        }
        let openBound = open.map(\.bound).min() ?? .infinity
        outcome.lowerBound = min(prunedBound, openBound, outcome.best?.objective ?? .infinity)
        outcome.evaluated.sort { isBetter($0.objective, $0.assignment, than: $1.objective, $1.assignment) }
        return outcome
    }

    /// An open node of the search tree.
    private struct Node: Sendable {
        let assignment: [Int?]
        let bound: Double
        let weights: [[Double]]
    }

    // MARK: - Rules

    private func isBetter(_ a: Double, _ assignmentA: [Int], than b: Double, _ assignmentB: [Int]) -> Bool {
        a != b ? a < b : assignmentA.lexicographicallyPrecedes(assignmentB)
    }

    /// A bound prunes a node when it cannot beat the incumbent by more than the gap.
    private func shouldPruneAgainst(_ bound: Double, incumbent: Double?) -> Bool {
        guard let incumbent else { return false }
        return bound >= incumbent - relativeGap * abs(incumbent) - absoluteTolerance
    }

    private func argmax(_ weights: [Double]) -> Int {
        var best = 0
        for index in weights.indices where weights[index] > weights[best] { best = index }
        return best
    }

    /// The unassigned slot whose relaxed choice is most fractional (ties: lowest slot index).
    private func branchingSlot(_ assignment: [Int?], weights: [[Double]]) -> Int {
        var bestSlot = -1
        var bestScore = -1.0
        for slot in assignment.indices where assignment[slot] == nil {
            let score = 1 - (weights[slot].max() ?? 1)
            if score > bestScore + 1e-12 { bestScore = score; bestSlot = slot }
        }
        return bestSlot
    }

    private func lexicographicallyPrecedes(_ a: [Int?], _ b: [Int?]) -> Bool {
        a.map { $0 ?? -1 }.lexicographicallyPrecedes(b.map { $0 ?? -1 })
    }
}
