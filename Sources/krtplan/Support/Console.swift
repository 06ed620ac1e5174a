import Foundation
import KRTInput
import Synchronization

/// Standard output and standard error. Every byte goes through ``FileDescriptorIO/writeAll(_:to:)``.
///
/// A failed write to standard output is remembered (like C's `ferror`): nothing more is written there, and
/// the run ends with exit 74 (``ExitStatus/outputFailed``) and one line on standard error saying what the
/// exit code would have been (``finalStatus(_:)``). A failed write to standard error is ignored: the
/// messages are lost but the exit code still tells (docs/cli.md#exit-codes).
enum Console {
    /// The `errno` of the first failed write to standard output, if any.
    private static let outputFailure = Mutex<Int32?>(nil)
    /// Whether a write to standard error failed (then nothing more is tried there).
    private static let errorStreamFailed = Mutex(false)

    /// Writes `text` to standard output, adding a final newline when missing.
    static func output(_ text: String) {
        // Unicode scalars, not Characters: a CSV's final CRLF is one Character that is not "\n".
        let line = text.unicodeScalars.last == "\n" ? text : text + "\n"
        outputFailure.withLock { failure in
            guard failure == nil else { return }
            failure = FileDescriptorIO.writeAll(Array(line.utf8), to: STDOUT_FILENO)
        }
    }

    /// Writes one `krtplan: <message>` line to standard error (a very long line is shortened in the middle).
    static func error(_ message: String) {
        writeError("krtplan: \(TextElision.line(message))\n")
    }

    /// A progress line on standard error that rewrites itself (`nil` clears it).
    static func progress(_ message: String?) {
        writeError(message.map { "\r\u{1B}[2K\($0)" } ?? "\r\u{1B}[2K")
    }

    /// One `krtplan: …` line on standard error per line of `text` (one per issue).
    static func errorLines(_ text: String) {
        text.split(separator: "\n").forEach { error(String($0)) }
    }

    private static func writeError(_ text: String) {
        errorStreamFailed.withLock { failed in
            guard !failed else { return }
            failed = FileDescriptorIO.writeAll(Array(text.utf8), to: STDERR_FILENO) != nil
        }
    }

    /// The exit status of the run: `status`, unless standard output could not be written, which is 74 with one
    /// line on standard error (when that works) naming the failure and the status the result would have had.
    static func finalStatus(_ status: Int32) -> Int32 {
        guard let code = outputFailure.withLock({ $0 }) else { return status }
        let would = status == 0 ? "" : " (its exit code would have been \(status))"
        error("cannot write to standard output: \(FileDescriptorIO.describe(code)); the output is incomplete\(would)")
        return ExitStatus.outputFailed.rawValue
    }

    /// Pretty JSON with sorted snake_case keys: the same input gives byte-identical output.
    static func json<Value: Encodable>(_ value: Value) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        let data = try encoder.encode(value)
        return String(decoding: data, as: UTF8.self)
    }
}
