import ArgumentParser
import Foundation
import KRTBatch
import KRTPlanner

/// `krtplan batch simulate|plan|merge`: many cases from JSON Lines, in shards for job arrays.
struct Batch: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run simulate or plan on every line of a JSON Lines file; merge shard outputs.",
        discussion: """
            Each input line is {"id": "...", "case": {...}} or {"id": "...", "base": "case.yaml", "set": {"PATH": "VALUE", ...}}. \
            Each output line has the input line number, id, status, exit_code and summary figures (or the error); \
            the last line is a trailer used by 'batch merge'. See docs/population.md.

            Exit codes: 0 every line ran with exit 0; 2 some lines failed (each failed line is a result with its \
            error); 3 some line's result is unsafe (its own exit code 3 or 4); 64 usage; 65 bad data; 66 missing \
            input; 73 cannot write output.
            """,
        subcommands: [BatchSimulate.self, BatchPlan.self, BatchMerge.self])
}

/// Options shared by `batch simulate` and `batch plan`.
struct BatchRunOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("JSON Lines input ('-' for standard input).", valueName: "file.jsonl"))
    var input: String

    @Option(help: ArgumentHelp("Process only shard i of n: the lines whose 0-based index k has k mod n = i-1.", valueName: "i/n"))
    var shard: String = "1/1"

    @Option(help: ArgumentHelp("Worker threads (default: all cores). The output does not depend on it.", valueName: "n"))
    var threads: Int?

    @Option(name: .customLong("variant"),
            help: ArgumentHelp("A protocol NAME:PATH=VALUE[,PATH=VALUE...] applied to every line (as in compare; the line as "
                               + "it is runs as 'base'). Repeatable.", valueName: "variant"))
    var variants: [String] = []

    @Option(help: ArgumentHelp("Write the results to this file (atomically) instead of standard output.", valueName: "file"))
    var output: String?

    @Flag(help: "Replace an existing output file (never an input).")
    var force = false

    @OptionGroup var catalogOptions: CatalogOptions

    func validate() throws {
        if let threads, !(1...64).contains(threads) { throw ValidationError("--threads must be from 1 to 64") }
    }

    /// `base` then each `--variant`; empty when there are none.
    static func protocols(_ variants: [String]) throws -> [WhatIf.Variant] {
        guard !variants.isEmpty else { return [] }
        var parsed = [WhatIf.Variant(name: "base", overrides: [])]
        for text in variants {
            let next = try Compare.parse(text)
            if parsed.contains(where: { $0.name == next.name }) {
                throw CommandFailure.usage("--variant", "the name '\(next.name)' is used twice ('base' is the line's case itself)")
            }
            parsed.append(next)
        }
        return parsed
    }

    func run(simulate: Bool, timeLimit: Double?) throws -> ExitStatus {
        let shard: BatchShard
        do throws(BatchError) { shard = try BatchShard(parsing: self.shard) } catch { throw CommandFailure(error) }
        if let output { try OutputFiles.check(output, inputs: input == "-" ? [] : [input], force: force, option: "--output") }
        let protocols = try Self.protocols(variants)
        let catalog = try catalogOptions.load()
        let command = BatchCommand.planner(simulate: simulate, catalog: catalog, options: PlanningOptions(timeLimit: timeLimit ?? 30)) {
            ResultWriter.status(of: $0).rawValue
        }
        let runner = BatchRunner(command: command, variants: protocols, shard: shard,
                                 threads: threads ?? ProcessInfo.processInfo.activeProcessorCount)
        let reader: LineReader
        do throws(BatchError) { reader = try LineReader(path: input) } catch { throw CommandFailure(error) }
        let meter = BatchProgress.onTerminal(input: input, shard: shard)
        var sink = BatchSink(streaming: output == nil)
        var tally = BatchTally()
        runner.run(next: reader.next, emit: { sink.append($0) }, progress: meter.map { meter in { meter.update($0) } },
                   observe: { tally.add($0) })
        meter?.finish()
        sink.flush()
        if let output { try OutputFiles.write(sink.text, to: output, replacing: force) }
        return tally.status
    }
}

struct BatchSimulate: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "simulate",
                                                    abstract: "Simulate every line's case (fluids and orders as written).")
    @OptionGroup var options: BatchRunOptions

    func run() throws { try CommandRunner.run { try options.run(simulate: true, timeLimit: nil) } }
}

struct BatchPlan: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "plan",
        abstract: "Plan every line's case (one thread per line).",
        discussion: "A line's plan is the same whatever the thread count unless its time limit stops the search; "
            + "give a generous --time-limit for reproducible studies.")
    @OptionGroup var options: BatchRunOptions

    @Option(name: .customLong("time-limit"), help: ArgumentHelp("Time limit per line in seconds (default 30).", valueName: "seconds"))
    var timeLimit: Double?

    func validate() throws {
        if let timeLimit, !(timeLimit > 0 && timeLimit <= 3600) { throw ValidationError("--time-limit must be more than 0 and at most 3600 seconds") }
    }

    func run() throws { try CommandRunner.run { try options.run(simulate: false, timeLimit: timeLimit) } }
}

struct BatchMerge: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "merge",
        abstract: "Combine shard outputs into the bytes one whole run would have written.",
        discussion: "Refuses shards of different batches, a missing, doubled or cut-short shard (exit 65).")

    @Argument(help: ArgumentHelp("The shard outputs, in any order.", valueName: "file"))
    var files: [String] = []

    @Option(help: ArgumentHelp("Write the merged output to this file (atomically).", valueName: "file"))
    var output: String?

    @Flag(help: "Replace an existing output file (never an input).")
    var force = false

    func run() throws {
        try CommandRunner.run {
            if let output { try OutputFiles.check(output, inputs: files, force: force, option: "--output") }
            var shards: [KRTBatch.BatchMerge.Shard] = []
            for file in files {
                guard let data = FileManager.default.contents(atPath: file) else {
                    throw CommandFailure(.noInput, "\(file): no such file or not readable")
                }
                shards.append(.init(name: file, text: String(decoding: data, as: UTF8.self)))
            }
            let lines: [String]
            do throws(BatchError) { lines = try KRTBatch.BatchMerge.merge(shards) } catch { throw CommandFailure(error) }
            let text = lines.joined(separator: "\n") + "\n"
            if let output { try OutputFiles.write(text, to: output, replacing: force) } else { Console.output(text) }
            return .ok
        }
    }
}

extension CommandFailure {
    init(_ error: BatchError) {
        switch error.kind {
        case .usage: self.init(.usage, error.message)
        case .data: self.init(.data, error.message)
        case .noInput: self.init(.noInput, error.message)
        }
    }
}
