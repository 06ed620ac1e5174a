import Foundation
@testable import LinearProgramming
import Testing

/// Failures collected from worker threads.
final class FailureLog: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [String] = []
    private var solves = 0
    func record(_ failure: String) { lock.withLock { entries.append(failure) } }
    func countSolve() { lock.withLock { solves += 1 } }
    var failures: [String] { lock.withLock { entries } }
    var solveCount: Int { lock.withLock { solves } }
}

/// Runs `work(thread)` on `count` dedicated OS threads and waits for all of them.
func onThreads(_ count: Int, _ work: @escaping @Sendable (Int) -> Void) {
    let done = DispatchSemaphore(value: 0)
    for index in 0..<count {
        let thread = Thread {
            work(index)
            done.signal()
        }
        thread.stackSize = 8 << 20
        thread.start()
    }
    for _ in 0..<count { done.wait() }
}

@Suite("Concurrency")
struct ConcurrencyTests {
    /// max (1 + t)·x + y s.t. x + y ≤ 10 + t, x ≤ 4 → x = 4, y = 6 + t, objective 10 + 5t.
    static func parametric(_ t: Double) -> LinearProgram {
        var model = LinearProgram(name: "parametric")
        let x = model.addVariable(name: "x"), y = model.addVariable(name: "y")
        model.addConstraint(x + y, .atMost(10 + t), name: "total")
        model.addConstraint(LinearExpression(x), .atMost(4), name: "cap")
        model.maximize((1 + t) * x + y)
        return model
    }

    @Test("8 threads × 200 solves (LPs, MIPs, recovered aborts) all give correct results")
    func manyThreads() {
        let log = FailureLog()
        let knapsack = Textbook.knapsack().model
        let knapsackOptimum = Textbook.knapsackOptimum()
        onThreads(8) { thread in
            for i in 0..<200 {
                do {
                    if i % 50 == 49 {
                        // A fatal GLPK error on this thread must not disturb the others.
                        let lowered = LoweredProblem(knapsack)
                        lowered.columnIndex[0] = 1000
                        do {
                            _ = try GLPKCalls.solve(lowered, SolverParameters(SolveOptions(), for: knapsack))
                            log.record("thread \(thread) #\(i): corrupted solve did not fail")
                        } catch LinearProgrammingError.solverAborted {
                            // expected
                        } catch {
                            log.record("thread \(thread) #\(i): \(error)")
                        }
                    } else if i % 10 == 0 {
                        let value = try knapsack.solve().solution?.objectiveValue
                        if !approx(value, knapsackOptimum) { log.record("thread \(thread) #\(i): knapsack \(value ?? .nan)") }
                    } else {
                        let t = Double((thread * 1000 + i) % 97) / 10
                        let value = try Self.parametric(t).solve().solution?.objectiveValue
                        if !approx(value, 10 + 5 * t) { log.record("thread \(thread) #\(i): t=\(t) gave \(value ?? .nan)") }
                    }
                    log.countSolve()
                } catch {
                    log.record("thread \(thread) #\(i): \(error)")
                }
            }
        }
        #expect(log.failures.isEmpty, "\(log.failures.prefix(5))")
        #expect(log.solveCount == 8 * 200)
    }

    @Test("Concurrent solves from Swift tasks (which may hop threads between solves)")
    func tasks() async throws {
        let results = try await withThrowingTaskGroup(of: (Double, Double?).self) { group in
            for k in 0..<64 {
                group.addTask {
                    let t = Double(k) / 8
                    return (10 + 5 * t, try Self.parametric(t).solve().solution?.objectiveValue)
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.count == 64)
        #expect(results.allSatisfy { approx($0.1, $0.0) })
    }
}
