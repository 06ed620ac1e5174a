import Foundation
import KRTBatch
import KRTInput
import KRTPlanner
import Testing

/// The runner with a stand-in command (no catalog): order, shards, threads, failures.
@Suite struct BatchRunnerTests {
    /// "Runs" a case by echoing its name, failing when the name is `bad`.
    static let echo = BatchCommand(name: "echo") { document in
        guard case let .mapping(entries, _) = document.root,
              case let .scalar(name, _)? = entries.first(where: { $0.key == "name" })?.value else {
            return .failed("no name", exitCode: 65)
        }
        return name == "bad" ? .failed("bad case", exitCode: 65) : BatchCommand.LineOutcome(status: name, exitCode: 0)
    }

    static let input: [String] = (0..<40).map { index in
        index == 7 ? "{broken" : index == 11 ? "" : #"{"id": "p\#(index)", "case": {"name": "\#(index == 13 ? "bad" : "n\(index)")"}}"#
    }

    private func run(shard: String, threads: Int, chunk: Int, variants: [WhatIf.Variant] = []) throws -> [String] {
        var lines: [String] = []
        var index = 0
        let runner = BatchRunner(command: Self.echo, variants: variants, shard: try BatchShard(parsing: shard), threads: threads, chunkSize: chunk)
        runner.run(next: {
            guard index < Self.input.count else { return nil }
            defer { index += 1 }
            return Self.input[index]
        }, emit: { lines.append($0) })
        return lines
    }

    @Test func sameBytesForAnyThreadCountAndChunk() throws {
        let reference = try run(shard: "1/1", threads: 1, chunk: 512)
        #expect(reference.count == 39 + 1, "blank line 12 gives no result; trailer last")
        for (threads, chunk) in [(2, 1), (2, 3), (4, 512), (8, 5)] {
            #expect(try run(shard: "1/1", threads: threads, chunk: chunk) == reference)
        }
        #expect(reference[7].contains("\"line\":8") && reference[7].contains("not a valid JSON object"))
        #expect(reference[12].contains("\"id\":\"p13\"") && reference[12].contains("\"status\":\"failed\""))
        #expect(reference.last?.contains("\"failed\":2") == true && reference.last?.contains("\"input_lines\":40") == true)
    }

    @Test func shardsMergeToTheWholeRun() throws {
        let whole = try run(shard: "1/1", threads: 2, chunk: 4)
        for count in [2, 7] {
            var shards: [BatchMerge.Shard] = []
            for index in (1...count).reversed() {
                let lines = try run(shard: "\(index)/\(count)", threads: 2, chunk: 3)
                shards.append(BatchMerge.Shard(name: "s\(index)", text: lines.joined(separator: "\n") + "\n"))
            }
            #expect(try BatchMerge.merge(shards) == whole)
        }
    }

    @Test func everyProtocolOfEveryLine() throws {
        let variants = [WhatIf.Variant(name: "base", overrides: []),
                        WhatIf.Variant(name: "renamed", overrides: [try InputOverride(parsing: "name=changed")])]
        let lines = try run(shard: "1/1", threads: 2, chunk: 4, variants: variants)
        #expect(lines.count == 39 * 2 + 1)
        #expect(lines[0].contains("\"protocol\":\"base\"") && lines[0].contains("\"status\":\"n0\""))
        #expect(lines[1].contains("\"protocol\":\"renamed\"") && lines[1].contains("\"status\":\"changed\""))
        #expect(lines[14].contains("\"line\":8") && lines[15].contains("\"line\":8"), "a broken line fails under each protocol")
    }
}
