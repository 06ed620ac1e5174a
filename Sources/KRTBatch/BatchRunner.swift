import KRTInput
import KRTPlanner

/// Runs a batch: reads lines, keeps this shard's, runs the command on each (under each protocol), and
/// emits result lines in input order, then the trailer.
///
/// Lines are processed in chunks on up to `threads` threads; each line runs on one thread from start to
/// end and results are emitted in line order, so the output is the same bytes whatever the thread count.
/// Blank lines are counted (line numbers stay those of the file) but give no result.
public struct BatchRunner: Sendable {
    public var command: BatchCommand
    /// Protocols, each applied on top of every line's case (`base` first, as in `compare`); empty: the
    /// line's case only, and records carry no `protocol`.
    public var variants: [WhatIf.Variant]
    public var shard: BatchShard
    public var threads: Int
    /// Lines per chunk handed to the threads; bounds memory, not results.
    public var chunkSize: Int

    public init(command: BatchCommand, variants: [WhatIf.Variant], shard: BatchShard, threads: Int, chunkSize: Int = 512) {
        self.command = command
        self.variants = variants
        self.shard = shard
        self.threads = max(1, threads)
        self.chunkSize = max(1, chunkSize)
    }

    /// - Parameters:
    ///   - next: the next input line, nil at the end.
    ///   - emit: receives each output line (without a line break), in order, the trailer last.
    ///   - progress: called on the calling thread after each chunk with the number of this shard's lines done.
    ///   - observe: receives each record (in order) before it is emitted.
    @discardableResult
    public func run(next: () -> String?, emit: (String) -> Void, progress: ((Int) -> Void)? = nil,
                    observe: ((BatchRecord) -> Void)? = nil) -> BatchTrailer {
        let reader = BatchJobReader()
        var pending: [(line: Int, text: String)] = []
        var lineCount = 0, records = 0, failed = 0, done = 0
        func flush() {
            let results = ParallelWork.map(pending, threads: threads) { item in process(item.line, item.text, reader: reader) }
            for lineRecords in results {
                for record in lineRecords {
                    records += 1
                    if record.status == "failed" { failed += 1 }
                    observe?(record)
                    emit(BatchJSON.line(record))
                }
            }
            done += pending.count
            pending.removeAll(keepingCapacity: true)
            progress?(done)
        }
        while let text = next() {
            defer { lineCount += 1 }
            guard shard.contains(lineIndex: lineCount), !text.allSatisfy(\.isWhitespace) else { continue }
            pending.append((lineCount + 1, text))
            if pending.count >= chunkSize { flush() }
        }
        if !pending.isEmpty { flush() }
        let trailer = BatchTrailer(.init(command: command.name, shard: shard.description, inputLines: lineCount,
                                         protocols: variants.map(\.name), records: records, failed: failed,
                                         format: BatchJSON.formatVersion))
        emit(BatchJSON.line(trailer))
        return trailer
    }

    /// The records of one input line: one per protocol (one when there are no protocols).
    func process(_ line: Int, _ text: String, reader: BatchJobReader) -> [BatchRecord] {
        let names: [String?] = variants.isEmpty ? [nil] : variants.map(\.name)
        let job: BatchJob
        switch reader.job(line: line, text: text) {
        case let .failure(failure):
            return names.map { BatchRecord(line: line, id: failure.id, protocol: $0, status: "failed", exitCode: failure.exitCode,
                                           error: failure.message, summary: nil) }
        case let .success(read): job = read
        }
        let protocols: [WhatIf.Variant?] = variants.isEmpty ? [nil] : variants.map { $0 }
        return protocols.map { variant in
            var outcome: BatchCommand.LineOutcome
            do throws(InputError) {
                let document = try job.document.applying(variant?.overrides ?? [])
                outcome = command.run(document)
            } catch {
                outcome = .failed(error.issues.errors.map(\.description).joined(separator: "; "), exitCode: error.exitCode)
            }
            if let message = outcome.error, !message.hasPrefix("line ") { outcome.error = "line \(line): \(message)" }
            return BatchRecord(line: line, id: job.id, protocol: variant?.name, status: outcome.status, exitCode: outcome.exitCode,
                               error: outcome.error, summary: outcome.summary)
        }
    }
}
