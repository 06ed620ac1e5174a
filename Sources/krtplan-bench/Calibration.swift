import Dispatch
import Synchronization

/// How much parallel speed-up the machine offers right now: the same pure CPU loop once on one thread
/// and on `threads` threads at the same time. On a shared machine this is well below `threads`, and a
/// program's measured speed-up cannot exceed it.
enum Calibration {
    @inline(never)
    static func spin(_ iterations: Int) -> Double {
        var x = 1.0
        for i in 0..<iterations { x = x * 1.000000001 + Double(i & 7) * 1e-12 }
        return x
    }

    static func parallelCapacity(threads: Int, iterations: Int = 60_000_000) -> [String: Any] {
        let sink = Mutex(0.0)
        let (_, one) = Clock.measure { sink.withLock { $0 += spin(iterations) } }
        let (_, many) = Clock.measure {
            DispatchQueue.concurrentPerform(iterations: threads) { _ in
                let value = spin(iterations)
                sink.withLock { $0 += value }
            }
        }
        let finite = sink.withLock { $0.isFinite }
        return ["threads": threads, "oneWall": one.wall, "manyWall": many.wall,
                "speedup": finite ? Double(threads) * one.wall / many.wall : -1]
    }
}
