import Foundation
import Testing

/// GLPK leaks the file it opened when its writer asserts (the guard recovers, the descriptor stays
/// open). The LP fuzzer ran out of file descriptors that way (docs/safety.md, Fixed issues). Replaying
/// the kept LP corpus — which holds those inputs — must leave the number of open files unchanged.
struct FileDescriptorLeakTests {
    @Test func replayingTheLPCorpusLeaksNoFileDescriptors() throws {
        func openFiles() -> Int { (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").count) ?? 0 }
        let inputs = try FuzzCorpusReplayTests.inputs("lp").map { [UInt8](try Data(contentsOf: URL(fileURLWithPath: $0))) }
        #expect(inputs.count > 200)
        _ = inputs.map(runLPFuzzInput)   // warm-up: GLPK and Foundation open what they keep open
        // Other tests run in parallel in this process and open files of their own, so the count is noisy
        // by a descriptor or two. A leaking input leaks on every replay: 3 replays grow the count by ≥ 3.
        let rounds = 3
        let before = openFiles()
        for _ in 0..<rounds { for bytes in inputs { _ = runLPFuzzInput(bytes) } }
        #expect(openFiles() - before < rounds, "open files grew from \(before) to \(openFiles())")
    }
}
