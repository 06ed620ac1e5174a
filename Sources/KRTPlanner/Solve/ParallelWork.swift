import Dispatch
import Synchronization

/// Runs independent jobs on up to `threads` threads and returns their results in job order, so that
/// the caller's further processing — and hence every output — does not depend on thread timing.
///
/// Each job runs synchronously on one thread from start to end (the GLPK rule: a problem object never
/// crosses threads). Shared with KRTBatch (package access): one implementation of the parallel map.
package enum ParallelWork {
    package static func map<Input: Sendable, Output: Sendable>(
        _ inputs: [Input], threads: Int, _ body: @Sendable (Input) -> Output
    ) -> [Output] {
        guard inputs.count > 1, threads > 1 else { return inputs.map(body) }
        let next = Mutex(0)
        let results = Mutex([Output?](repeating: nil, count: inputs.count))
        DispatchQueue.concurrentPerform(iterations: min(threads, inputs.count)) { _ in
            while true {
                let index = next.withLock { value -> Int in
                    defer { value += 1 }
                    return value
                }
                guard index < inputs.count else { return }
                let output = body(inputs[index])
                results.withLock { $0[index] = output }
            }
        }
        return results.withLock { $0.compactMap { $0 } }
    }
}
