import Foundation
import KRTCatalog
import Testing

/// Replays the kept fuzz corpus (Tests/FuzzCorpus, seeds plus minimised inputs and every crash found,
/// fixed) through the same bodies the libFuzzer targets run, so `swift test` guards every input the
/// fuzzers ever flagged. Fuzzing itself is `make fuzz` (docs/safety.md#fuzzing).
struct FuzzCorpusReplayTests {
    static let corpusRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("FuzzCorpus").path

    static func inputs(_ target: String) -> [String] {
        let folder = corpusRoot + "/" + target
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted().map { folder + "/" + $0 }
    }

    @Test func theCorpusIsKeptAndSmall() throws {
        for target in ["case", "lp", "fhir"] {
            let files = Self.inputs(target)
            #expect(files.count >= 2, "Tests/FuzzCorpus/\(target) lost its seeds")
            let bytes = try files.reduce(0) { total, path in
                total + ((try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0)
            }
            #expect(bytes < 2_000_000, "Tests/FuzzCorpus/\(target) holds \(bytes) bytes; keep it minimised (Fuzz/merge.sh)")
        }
    }

    @Test func everyCaseInputKeepsTheContract() throws {
        let catalog = try #require(loadBundledCatalogForFuzzing())
        for path in Self.inputs("case") {
            let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
            let violations = runCaseFuzzInput(bytes, catalog: catalog)
            #expect(violations.isEmpty, "\(path): \(violations.joined(separator: "; "))")
        }
    }

    @Test func everyLPInputKeepsTheContract() throws {
        for path in Self.inputs("lp") {
            let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
            let violations = runLPFuzzInput(bytes)
            #expect(violations.isEmpty, "\(path): \(violations.joined(separator: "; "))")
        }
    }

    @Test func everyFHIRInputKeepsTheContract() throws {
        for path in Self.inputs("fhir") {
            let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
            let violations = runFHIRFuzzInput(bytes)
            #expect(violations.isEmpty, "\(path): \(violations.joined(separator: "; "))")
        }
    }
}
