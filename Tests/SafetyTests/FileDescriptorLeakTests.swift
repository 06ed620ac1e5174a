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
        let before = openFiles()
        for _ in 0..<3 { for bytes in inputs { _ = runLPFuzzInput(bytes) } }
        #expect(openFiles() <= before, "open files grew from \(before) to \(openFiles())")
    }
}
