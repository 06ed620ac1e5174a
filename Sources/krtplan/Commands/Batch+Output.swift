import Foundation
import KRTBatch

/// Batch output: streamed to standard output in blocks, or kept whole for one atomic `--output` write.
struct BatchSink {
    let streaming: Bool
    private(set) var text = ""

    init(streaming: Bool) { self.streaming = streaming }

    mutating func append(_ line: String) {
        text += line
        text += "\n"
        if streaming, text.utf8.count >= 1 << 16 { flush() }
    }

    mutating func flush() {
        guard streaming, !text.isEmpty else { return }
        Console.output(text)  // ends with "\n": written as is, through the one write path
        text = ""
    }
}

/// The batch's own exit status from its records: 3 if any line's result is unsafe (3) or misses the hard
/// bounds (4), else 2 if any line failed, else 0.
struct BatchTally {
    private var unsafe = false
    private var failed = false

    mutating func add(_ record: BatchRecord) {
        if record.exitCode == 3 || record.exitCode == 4 { unsafe = true }
        if record.status == "failed" { failed = true }
    }

    var status: ExitStatus { unsafe ? .unsafe : failed ? .warnings : .ok }
}

/// Progress on standard error (lines done, rate, ETA), only when standard error is a terminal.
final class BatchProgress {
    private let total: Int?
    private let start = Date()

    private init(total: Int?) { self.total = total }

    /// nil unless stderr is a terminal; the total is this shard's non-blank lines (unknown for standard input).
    static func onTerminal(input: String, shard: BatchShard) -> BatchProgress? {
        guard isatty(STDERR_FILENO) != 0 else { return nil }
        guard input != "-", let reader = try? LineReader(path: input) else { return BatchProgress(total: nil) }
        var index = 0, count = 0
        while let line = reader.next() {
            if shard.contains(lineIndex: index), !line.allSatisfy(\.isWhitespace) { count += 1 }
            index += 1
        }
        return BatchProgress(total: count)
    }

    func update(_ done: Int) {
        let seconds = max(Date().timeIntervalSince(start), 1e-3)
        let rate = Double(done) / seconds
        var message = "batch: \(done)" + (total.map { " of \($0)" } ?? "") + " lines, \(String(format: "%.1f", rate)) lines/s"
        if let total, rate > 0 { message += ", ETA \(Int((Double(total - done) / rate).rounded())) s" }
        Console.progress(message)
    }

    func finish() { Console.progress(nil) }
}
