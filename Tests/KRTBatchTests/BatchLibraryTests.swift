import Foundation
import KRTBatch
import KRTInput
import Testing

@Suite struct ShardTests {
    @Test func parsesValidShards() throws {
        let shard = try BatchShard(parsing: "2/7")
        #expect(shard.index == 2 && shard.count == 7)
        #expect(shard.contains(lineIndex: 1) && shard.contains(lineIndex: 8) && !shard.contains(lineIndex: 0))
        #expect(try BatchShard(parsing: "1/1") == .whole)
    }

    @Test(arguments: ["3/2", "0/0", "1/0", "0/3", "a/b", "1/", "/2", "1.5/2", "2", "-1/2", "1/2/3"])
    func refusesBadShards(_ text: String) {
        #expect(throws: BatchError.self) { try BatchShard(parsing: text) }
        do throws(BatchError) { _ = try BatchShard(parsing: text) } catch {
            #expect(error.kind == .usage)
            #expect(error.message.contains(text))
        }
    }

    @Test func everyLineIsInExactlyOneShard() throws {
        for count in [1, 2, 7] {
            let shards = try (1...count).map { try BatchShard(parsing: "\($0)/\(count)") }
            for line in 0..<50 { #expect(shards.filter { $0.contains(lineIndex: line) }.count == 1) }
        }
    }
}

@Suite struct PopulationTests {
    /// Fixed values: the generator must give the same numbers on every platform and in every version.
    @Test func splitMixIsStable() {
        var random = SplitMix64(seed: 0)
        let first = random.next()
        var again = SplitMix64(seed: 0)
        #expect(again.next() == first)
        var other = SplitMix64(seed: 0, stream: 1)
        #expect(other.next() != first)
        var unit = SplitMix64(seed: 42)
        for _ in 0..<1000 {
            let value = unit.uniform()
            #expect(value > 0 && value <= 1)
        }
    }

    @Test func patientDependsOnlyOnSeedAndIndex() {
        let a = Population.line(index: 5, seed: 7, base: "case.yaml")
        #expect(a == Population.line(index: 5, seed: 7, base: "case.yaml"))
        #expect(a != Population.line(index: 5, seed: 8, base: "case.yaml"))
        #expect(a != Population.line(index: 6, seed: 7, base: "case.yaml"))
        #expect(a.hasPrefix("{\"base\":\"case.yaml\",\"id\":\"p00000006\",\"set\":{"))
        #expect(Population.patientID(9_999_999) == "p10000000")
    }

    @Test func drawsStayInsideTheirRanges() throws {
        for index in 0..<300 {
            let line = Population.line(index: index, seed: 3, base: "c.yaml")
            let object = try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let set = try #require(object["set"] as? [String: Any])
            let weight = try #require((set["patient.weight"] as? String)?.split(separator: " ").first.flatMap { Double($0) })
            #expect(weight >= 40 && weight <= 180)
            let labs = try #require(set["labs"] as? [[String: String]])
            let potassium = try #require(labs.first?["potassium"]?.split(separator: " ").first.flatMap { Double($0) })
            #expect(potassium >= 3.0 && potassium <= 6.0)
        }
    }

    @Test func logNormalMedianIsNearTheDefault() {
        // 2,000 draws: the sample median of weight is within 3 % of the prior median 78 kg.
        var weights: [Double] = []
        for index in 0..<2000 {
            let line = Population.line(index: index, seed: 11, base: "c.yaml")
            guard let range = line.range(of: "\"patient.weight\":\"") else { continue }
            let rest = line[range.upperBound...]
            weights.append(Double(rest.prefix { $0 != " " }) ?? 0)
        }
        weights.sort()
        #expect(abs(weights[1000] - 78) < 78 * 0.03)
    }
}

@Suite struct StatisticsTests {
    @Test func wilsonMatchesPublishedValues() {
        // Wilson 95 % intervals: 0/10 → 0–27.75 %; 5/10 → 23.66–76.34 %; 81/263 → 25.53–36.62 % (the Wilson formula by hand; 81/263 is an example in Newcombe, Stat Med 1998).
        let none = Proportion(count: 0, of: 10)
        #expect(none.ci95LowPercent == 0 && abs(none.ci95HighPercent - 27.75) < 0.01)
        let half = Proportion(count: 5, of: 10)
        #expect(abs(half.ci95LowPercent - 23.66) < 0.01 && abs(half.ci95HighPercent - 76.34) < 0.01)
        let newcombe = Proportion(count: 81, of: 263)
        #expect(abs(newcombe.ci95LowPercent - 25.53) < 0.01 && abs(newcombe.ci95HighPercent - 36.62) < 0.01)
    }

    @Test func meanIntervalIsNormalApproximation() {
        let estimate = MeanEstimate([1, 2, 3, 4, 5], unit: "mmol")
        #expect(estimate.mean == 3)
        #expect(abs(estimate.sd - 1.581) < 0.001)
        #expect(abs(estimate.ci95Low - (3 - 1.96 * 1.5811 / 5.0.squareRoot())) < 0.002)
    }
}

@Suite struct MergeTests {
    private func shard(_ name: String, _ shard: String, lines: [Int], total: Int, command: String = "simulate") -> BatchMerge.Shard {
        var text = lines.map { "{\"exit_code\":0,\"id\":\"x\(String($0))\",\"line\":\($0),\"status\":\"simulated\"}" }.joined(separator: "\n")
        if !text.isEmpty { text += "\n" }
        text += BatchJSON.line(BatchTrailer(BatchTrailer.Content(command: command, shard: shard, inputLines: total, protocols: [],
                                                 records: lines.count, failed: 0, format: 1))) + "\n"
        return BatchMerge.Shard(name: name, text: text)
    }

    @Test func mergesInLineOrder() throws {
        let merged = try BatchMerge.merge([shard("b", "2/2", lines: [2, 4], total: 4), shard("a", "1/2", lines: [1, 3], total: 4)])
        #expect(merged.count == 5)
        #expect(merged[0].contains("\"line\":1") && merged[3].contains("\"line\":4"))
        #expect(merged[4].contains("\"shard\":\"1/1\"") && merged[4].contains("\"records\":4"))
    }

    @Test func refusesMissingDuplicateAndForeignShards() {
        func message(_ shards: [BatchMerge.Shard]) -> String {
            do throws(BatchError) { _ = try BatchMerge.merge(shards); return "" } catch { return error.message }
        }
        #expect(message([shard("a", "1/3", lines: [1], total: 3), shard("c", "3/3", lines: [3], total: 3)]).contains("missing 1 of 3 shards: 2/3"))
        #expect(message([shard("a", "1/2", lines: [1], total: 2), shard("b", "1/2", lines: [1], total: 2)]).contains("shard 1/2 is given twice"))
        #expect(message([shard("a", "1/2", lines: [1], total: 2), shard("b", "2/3", lines: [2], total: 3)]).contains("not shards of the same batch"))
        #expect(message([shard("a", "1/2", lines: [1, 2], total: 2), shard("b", "2/2", lines: [], total: 2)]).contains("does not belong to shard 1/2"))
        #expect(message([BatchMerge.Shard(name: "cut", text: "{\"line\":1}\n")]).contains("no batch trailer"))
        #expect(message([shard("a", "1/2", lines: [1], total: 2, command: "plan"), shard("b", "2/2", lines: [2], total: 2)]).contains("command"))
    }
}

@Suite struct JobReaderTests {
    @Test func readsInlineCasesAndReportsBadLines() {
        let reader = BatchJobReader()
        if case let .success(job) = reader.job(line: 3, text: #"{"id": "a", "case": {"name": "x", "horizon": "24 h"}}"#) {
            #expect(job.id == "a" && job.line == 3)
        } else { Issue.record("an inline case should read") }
        for (text, expected) in [("{not json", "line 4: not a valid JSON object"), (#"{"case": {}}"#, "'id' is missing"),
                                 (#"{"id": "a"}"#, "needs 'case'"), (#"{"id": "a", "base": "/nonexistent.yaml"}"#, "base /nonexistent.yaml"),
                                 (#"{"id": "a", "case": {}, "extra": 1}"#, "unknown field 'extra'"), ("[1, 2]", "expected a JSON object")] {
            guard case let .failure(failure) = reader.job(line: 4, text: text) else { Issue.record("\(text) should fail"); continue }
            #expect(failure.message.contains(expected), "\(failure.message)")
            #expect(failure.message.hasPrefix("line 4"))
        }
    }

    @Test func setValuesGoThroughTheOverrideMechanism() throws {
        let node = try YAMLDocument.parse(#"{"a": "35 mL/kg/h", "b": ["x", "y"], "c": {"k": "v \"q\""}}"#, source: "t").root
        #expect(node.jsonText == #"{"a":"35 mL/kg/h","b":["x","y"],"c":{"k":"v \"q\""}}"#)
    }
}
