import Testing
@testable import KRTPlanner

/// The search on synthetic problems where brute force gives the true optimum.
struct AssignmentSearchTests {
    /// Objective = Σ cost[slot][choice] + Σ_{adjacent slots} switch penalty if choices differ.
    struct Toy: Sendable {
        let costs: [[Double]]
        let switchPenalty: Double

        func objective(_ a: [Int]) -> Double {
            var total = 0.0
            for (slot, choice) in a.enumerated() { total += costs[slot][choice] }
            for slot in 1..<a.count where a[slot] != a[slot - 1] { total += switchPenalty }
            return total
        }

        /// Valid lower bound: assigned costs + min cost of each free slot (switches ignored).
        func relax(_ partial: [Int?]) -> AssignmentSearch<Int>.Relaxation {
            var bound = 0.0
            var weights: [[Double]] = []
            for (slot, choice) in partial.enumerated() {
                if let choice {
                    bound += costs[slot][choice]
                    weights.append(costs[slot].indices.map { $0 == choice ? 1 : 0 })
                } else {
                    let best = costs[slot].min() ?? 0
                    bound += best
                    let ties = costs[slot].filter { $0 == best }.count
                    weights.append(costs[slot].map { $0 == best ? 1 / Double(ties) : 0 })
                }
            }
            return .bound(bound, weights: weights)
        }

        func bruteForce() -> Double {
            var best = Double.infinity
            func recurse(_ prefix: [Int]) {
                if prefix.count == costs.count { best = min(best, objective(prefix)); return }
                for choice in costs[prefix.count].indices { recurse(prefix + [choice]) }
            }
            recurse([])
            return best
        }
    }

    func search(threads: Int, gap: Double = 0) -> AssignmentSearch<Int> {
        AssignmentSearch(choiceCounts: [4, 3, 4, 3, 4], relativeGap: gap, absoluteTolerance: 1e-9, threads: threads,
                         waveSize: 4, maxRelaxations: 100_000, deadline: nil, clock: { 0 })
    }

    static func toy(seed: UInt64) -> Toy {
        var state = seed
        func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 33) / Double(1 << 31)
        }
        let counts = [4, 3, 4, 3, 4]
        return Toy(costs: counts.map { n in (0..<n).map { _ in 10 * next() } }, switchPenalty: 3 * next())
    }

    @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8] as [UInt64])
    func findsTheBruteForceOptimum(seed: UInt64) {
        let toy = Self.toy(seed: seed)
        let outcome = search(threads: 2).run(relax: toy.relax, solveLeaf: { a in
            .solved(objective: toy.objective(a), bound: toy.objective(a), payload: 0)
        })
        #expect(abs((outcome.best?.objective ?? .infinity) - toy.bruteForce()) < 1e-9)
        #expect(outcome.lowerBound <= toy.bruteForce() + 1e-9)
        #expect(!outcome.stoppedEarly)
    }

    @Test func respectsTheGap() {
        let toy = Self.toy(seed: 42)
        let outcome = search(threads: 1, gap: 0.05).run(relax: toy.relax, solveLeaf: { a in
            .solved(objective: toy.objective(a), bound: toy.objective(a), payload: 0)
        })
        let best = try? #require(outcome.best?.objective)
        #expect((best ?? .infinity) <= toy.bruteForce() * 1.05 + 1e-9)
        #expect(outcome.lowerBound <= toy.bruteForce() + 1e-9)
    }

    @Test func resultDoesNotDependOnThreadCount() {
        let toy = Self.toy(seed: 7)
        let leaf: @Sendable ([Int]) -> AssignmentSearch<Int>.Leaf = { a in
            .solved(objective: toy.objective(a), bound: toy.objective(a), payload: a.reduce(0, +))
        }
        let serial = search(threads: 1, gap: 0.02).run(relax: toy.relax, solveLeaf: leaf)
        let parallel = search(threads: 4, gap: 0.02).run(relax: toy.relax, solveLeaf: leaf)
        #expect(serial.best?.assignment == parallel.best?.assignment)
        #expect(serial.relaxationsSolved == parallel.relaxationsSolved)
        #expect(serial.evaluated.map(\.assignment) == parallel.evaluated.map(\.assignment))
    }

    @Test func infeasibleLeavesAreSkipped() {
        let toy = Self.toy(seed: 3)
        let outcome = search(threads: 2).run(relax: toy.relax, solveLeaf: { a in
            a[0] == 0 ? .infeasible : .solved(objective: toy.objective(a), bound: toy.objective(a), payload: 0)
        })
        #expect(outcome.best?.assignment.first != 0)
    }
}
