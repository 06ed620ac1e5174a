import Foundation

/// Standard output and error, and atomic file output.
enum Console {
    /// Writes `text` to standard output, adding a final newline when missing.
    static func output(_ text: String) {
        // Unicode scalars, not Characters: a CSV's final CRLF is one Character that is not "\n".
        let line = text.unicodeScalars.last == "\n" ? text : text + "\n"
        FileHandle.standardOutput.write(Data(line.utf8))
    }

    /// Writes one `krtplan: <message>` line to standard error.
    static func error(_ message: String) {
        FileHandle.standardError.write(Data("krtplan: \(message)\n".utf8))
    }

    /// A progress line on standard error that rewrites itself (`nil` clears it).
    static func progress(_ message: String?) {
        let text = message.map { "\r\u{1B}[2K\($0)" } ?? "\r\u{1B}[2K"
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// One `krtplan: …` line on standard error per line of `text` (one per issue).
    static func errorLines(_ text: String) {
        text.split(separator: "\n").forEach { error(String($0)) }
    }

    /// Writes `text` to `path` atomically (a temporary file renamed into place), so a failure never
    /// leaves a half-written file.
    static func write(_ text: String, to path: String) throws {
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw CommandFailure(.cannotWrite, "cannot write \(path): \(error.localizedDescription)")
        }
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
