import Foundation
import Testing

/// `krtplan batch`, `population` and `study` through the built binary (docs/population.md).
@Suite struct BatchCommandTests {
    static let studyCase = Krtplan.packageRoot + "/cases/studies/phoxilium-vs-iv-phosphate.yaml"
    static var variant: String {
        (try? String(contentsOfFile: Krtplan.packageRoot + "/cases/studies/phoxilium-vs-iv-phosphate.variant", encoding: .utf8)) ?? ""
    }

    private func read(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

    private func population(_ folder: String, patients: Int = 14, seed: Int = 5) throws -> String {
        let path = folder + "/population.jsonl"
        let run = try Krtplan.run("population", Self.studyCase, "--patients", "\(patients)", "--seed", "\(seed)", "--output", path)
        #expect(run.status == 0, "\(run.stderr)")
        return path
    }

    @Test func malformedLineIsAResultAndTheRestRuns() throws {
        let folder = try Krtplan.temporaryFolder()
        let good = #"{"id": "good", "base": "\#(Self.studyCase)", "set": {"patient.weight": "60 kg"}}"#
        let input = folder + "/in.jsonl"
        try Krtplan.write([good, "{\"id\": \"broken\", \"case\": ", "", #"{"id": "nocase"}"#,
                           #"{"id": "badcase", "case": {"name": "x"}}"#, good.replacingOccurrences(of: "good", with: "again")]
                            .joined(separator: "\n") + "\n", to: input)
        let run = try Krtplan.run("batch", "simulate", input, "--threads", "2")
        #expect(run.status == 2, "some lines failed: exit 2; \(run.stderr)")
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 6, "5 results (the blank line gives none) and the trailer")
        let objects = try lines.map { try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
        #expect(objects.map { $0["line"] as? Int } == [1, 2, 4, 5, 6, nil])
        #expect(objects[0]["status"] as? String == "simulated" && objects[0]["exit_code"] as? Int == 0)
        #expect(objects[1]["status"] as? String == "failed" && objects[1]["exit_code"] as? Int == 65)
        #expect((objects[1]["error"] as? String)?.hasPrefix("line 2: not a valid JSON object") == true)
        #expect((objects[2]["error"] as? String)?.contains("line 4: needs 'case'") == true)
        #expect(objects[3]["id"] as? String == "badcase" && objects[3]["status"] as? String == "failed")
        #expect(objects[4]["id"] as? String == "again" && objects[4]["status"] as? String == "simulated")
        let summary = try #require(objects[0]["summary"] as? [String: Any])
        let solutes = try #require(summary["solutes"] as? [[String: Any]])
        #expect(solutes.map { $0["solute"] as? String } == ["K", "PO4", "Mg"])
        #expect(solutes.allSatisfy { $0["unit"] as? String == "mmol/L" && $0["time_in_range_percent"] is Double })
        #expect((summary["supplements_mmol"] as? [String: Double])?.keys.sorted() == ["K", "Mg", "PO4"])
        let trailer = try #require(objects[5]["batch_end"] as? [String: Any])
        #expect(trailer["input_lines"] as? Int == 6 && trailer["records"] as? Int == 5 && trailer["failed"] as? Int == 3)
    }

    @Test(arguments: ["3/2", "0/0", "1/0", "x/2", "2"])
    func badShardIsAUsageError(_ shard: String) throws {
        let folder = try Krtplan.temporaryFolder()
        try Krtplan.write("", to: folder + "/in.jsonl")
        let run = try Krtplan.run("batch", "simulate", folder + "/in.jsonl", "--shard", shard)
        #expect(run.status == 64)
        #expect(run.stderr.contains("--shard '\(shard)'"), "\(run.stderr)")
    }

    @Test func populationLimitsAndSeed() throws {
        let tooMany = try Krtplan.run("population", Self.studyCase, "--patients", "10000001", "--seed", "1")
        #expect(tooMany.status == 64 && tooMany.stderr.contains("10000000"), "\(tooMany.stderr)")
        let noSeed = try Krtplan.run("population", Self.studyCase, "--patients", "10")
        #expect(noSeed.status == 64 && noSeed.stderr.contains("--seed"), "\(noSeed.stderr)")
        let studyNoSeed = try Krtplan.run("study", Self.studyCase, "--patients", "10")
        #expect(studyNoSeed.status == 64 && studyNoSeed.stderr.contains("--seed"), "\(studyNoSeed.stderr)")
        let studyTooMany = try Krtplan.run("study", Self.studyCase, "--patients", "20000000", "--seed", "1")
        #expect(studyTooMany.status == 64 && studyTooMany.stderr.contains("10000000"))
        let once = try Krtplan.run("population", Self.studyCase, "--patients", "3", "--seed", "9")
        let twice = try Krtplan.run("population", Self.studyCase, "--patients", "5", "--seed", "9")
        #expect(once.status == 0 && once.stdout.split(separator: "\n").count == 3)
        #expect(twice.stdout.hasPrefix(once.stdout), "patient k does not depend on N")
    }

    @Test func outputsNeverOverwriteInputs() throws {
        let folder = try Krtplan.temporaryFolder()
        let input = try population(folder, patients: 2)
        let before = try read(input)
        let onto = try Krtplan.run("batch", "simulate", input, "--output", input, "--force")
        #expect(onto.status == 73 && onto.stderr.contains("refusing to overwrite the input"))
        #expect(try read(input) == before)
        let first = try Krtplan.run("batch", "simulate", input, "--output", folder + "/out.jsonl")
        #expect(first.status == 0 || first.status == 3, "\(first.stderr)")
        let again = try Krtplan.run("batch", "simulate", input, "--output", folder + "/out.jsonl")
        #expect(again.status == 73 && again.stderr.contains("--force"))
        let merge = try Krtplan.run("batch", "merge", folder + "/out.jsonl", "--output", folder + "/out.jsonl", "--force")
        #expect(merge.status == 73)
        let population = try Krtplan.run("population", Self.studyCase, "--patients", "2", "--seed", "1", "--output", Self.studyCase, "--force")
        #expect(population.status == 73)
        let study = try Krtplan.run("study", "--results", folder + "/out.jsonl", "--output", folder + "/out.jsonl", "--force")
        #expect(study.status == 73)
    }

    @Test func mergeRefusesMissingAndDuplicateShards() throws {
        let folder = try Krtplan.temporaryFolder()
        let input = try population(folder, patients: 3)
        for index in 1...3 {
            let run = try Krtplan.run("batch", "simulate", input, "--shard", "\(index)/3", "--output", folder + "/s\(index).jsonl")
            #expect(run.status <= 3, "\(run.stderr)")
        }
        let missing = try Krtplan.run("batch", "merge", folder + "/s1.jsonl", folder + "/s3.jsonl")
        #expect(missing.status == 65 && missing.stderr.contains("missing 1 of 3 shards: 2/3"), "\(missing.stderr)")
        let duplicate = try Krtplan.run("batch", "merge", folder + "/s1.jsonl", folder + "/s2.jsonl", folder + "/s3.jsonl", folder + "/s2.jsonl")
        #expect(duplicate.status == 65 && duplicate.stderr.contains("shard 2/3 is given twice"), "\(duplicate.stderr)")
        let lone = try Krtplan.run("study", "--results", folder + "/s2.jsonl")
        #expect(lone.status == 65 && lone.stderr.contains("merge the shards first"))
    }

    /// The same study and seed give byte-identical merged output as 1, 2 or 7 shards on 1 or 2 threads
    /// (1 shard on 1 and 2 threads, 2 shards on 1, 7 shards on 2; the library test covers every mix),
    /// and the study report from the merged shards equals the one run in one process.
    @Test func shardsAndThreadsGiveTheSameBytes() throws {
        let folder = try Krtplan.temporaryFolder()
        let input = try population(folder, patients: 7)
        func batch(_ shards: Int, threads: Int) throws -> String {
            var files: [String] = []
            for index in 1...shards {
                let file = folder + "/run-\(shards)-\(threads)-\(index).jsonl"
                let run = try Krtplan.run("batch", "simulate", input, "--variant", Self.variant, "--shard", "\(index)/\(shards)",
                                          "--threads", "\(threads)", "--output", file)
                #expect(run.status <= 3, "\(run.stderr)")
                files.append(file)
            }
            if shards == 1 { return try read(files[0]) }
            let merged = try Krtplan.run(["batch", "merge"] + files.reversed())
            #expect(merged.status == 0, "\(merged.stderr)")
            return merged.stdout
        }
        let single = try batch(1, threads: 1)
        #expect(single.split(separator: "\n").count == 7 * 2 + 1)
        for (shards, threads) in [(1, 2), (2, 1), (7, 2)] {
            #expect(try batch(shards, threads: threads) == single, "\(shards) shards, \(threads) threads")
        }
        try Krtplan.write(single, to: folder + "/merged.jsonl")
        let fromResults = try Krtplan.run("study", "--results", folder + "/merged.jsonl", "--format", "json")
        let direct1 = try Krtplan.run("study", Self.studyCase, "--patients", "7", "--seed", "5", "--variant", Self.variant,
                                      "--threads", "1", "--format", "json")
        let direct2 = try Krtplan.run("study", Self.studyCase, "--patients", "7", "--seed", "5", "--variant", Self.variant,
                                      "--threads", "2", "--format", "json")
        #expect(fromResults.status == direct1.status && (direct1.status == 0 || direct1.status == 3), "\(direct1.stderr)")
        #expect(fromResults.stdout == direct1.stdout)
        #expect(direct2.stdout == direct1.stdout)
        let study = try fromResults.json()
        let protocols = try #require(study["protocols"] as? [[String: Any]])
        #expect(protocols.map { $0["name"] as? String } == ["base", "phosphate_free_iv_rule"])
    }

    @Test func studyFormats() throws {
        let folder = try Krtplan.temporaryFolder()
        for format in ["text", "csv", "html"] {
            let file = folder + "/study.\(format)"
            let run = try Krtplan.run("study", Self.studyCase, "--patients", "4", "--seed", "2", "--variant", Self.variant,
                                      "--format", format, "--output", file)
            #expect(run.status == 0 || run.status == 3, "\(run.stderr)")
            let text = try read(file)
            switch format {
            case "text": #expect(text.contains("phosphate_free_iv_rule: 4 patients") && text.contains("PO4 below target"))
            case "csv": #expect(text.hasPrefix("protocol,measure,solute,value,ci95_low,ci95_high,unit,count,patients\n"))
            default: #expect(text.contains("<svg") && text.contains("PO4: per-patient minimum"))
            }
        }
    }

    static let hasParallel = FileManager.default.isExecutableFile(atPath: "/usr/bin/parallel")

    /// The GNU parallel path of docs/population.md: population, shards with `parallel`, merge, report.
    @Test(.enabled(if: BatchCommandTests.hasParallel, "GNU parallel is not installed (Debian: apt-get install parallel; `make deps` does it)"))
    func gnuParallelStudyMatchesOneRun() throws {
        let folder = try Krtplan.temporaryFolder()
        let binary = try #require(Krtplan.binary)
        try Krtplan.write(Self.variant + "\n", to: folder + "/variant.txt")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Krtplan.packageRoot + "/deploy/parallel/study.sh")
        process.arguments = [Self.studyCase, "6", "5", "3", folder + "/out", folder + "/variant.txt"]
        var environment = ProcessInfo.processInfo.environment
        environment["KRTPLAN"] = binary
        environment["JOBS"] = "2"
        environment["KRTPLAN_FORMULATIONS"] = Krtplan.packageRoot + "/formulations"
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let population = try Krtplan.run("population", Self.studyCase, "--patients", "6", "--seed", "5")
        try Krtplan.write(population.stdout, to: folder + "/population.jsonl")
        let single = try Krtplan.run("batch", "simulate", folder + "/population.jsonl", "--variant", Self.variant)
        #expect(try read(folder + "/out/merged.jsonl") == single.stdout)
        #expect(try read(folder + "/out/study.txt").contains("Protocol study (simulate): 6 virtual patients"))
    }
}
