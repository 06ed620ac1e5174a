import Foundation

/// One result line of a batch: the input line's number and id, the protocol (variant) when there are
/// several, the outcome and its summary figures. Keys are snake_case and sorted; absent values are left out.
public struct BatchRecord: Codable, Sendable, Hashable {
    /// 1-based line number of the input line.
    public var line: Int
    /// The input line's id (absent when the line could not be read far enough to know it).
    public var id: String?
    /// Variant name (`base` for the case itself) when the batch runs `--variant`s.
    public var `protocol`: String?
    /// `optimal`, `best_found`, `time_limit`, `hard_bounds_unmet` or `simulated`; `failed` when the line
    /// gave no result.
    public var status: String
    /// The exit code the single-case command would have given for this line (docs/cli.md).
    public var exitCode: Int32
    /// Why the line failed (with its line number).
    public var error: String?
    public var summary: BatchSummary?

    public init(line: Int, id: String?, protocol: String?, status: String, exitCode: Int32, error: String?, summary: BatchSummary?) {
        self.line = line
        self.id = id
        self.protocol = `protocol`
        self.status = status
        self.exitCode = exitCode
        self.error = error
        self.summary = summary
    }
}

/// The last line of every batch output: what was run and how much, so that `batch merge` can check that
/// shards belong together and that none is missing, doubled or cut short.
public struct BatchTrailer: Codable, Sendable, Hashable {
    public struct Content: Codable, Sendable, Hashable {
        /// `simulate` or `plan`.
        public var command: String
        /// `i/n`; `1/1` for a whole (or merged) batch.
        public var shard: String
        /// Physical lines read from the input (every shard reads them all).
        public var inputLines: Int
        /// Protocol names in order (empty without `--variant`).
        public var protocols: [String]
        /// Result lines written and how many of them failed.
        public var records: Int
        public var failed: Int
        /// Format version of these lines.
        public var format: Int

        public init(command: String, shard: String, inputLines: Int, protocols: [String], records: Int, failed: Int, format: Int) {
            self.command = command
            self.shard = shard
            self.inputLines = inputLines
            self.protocols = protocols
            self.records = records
            self.failed = failed
            self.format = format
        }
    }

    public var batchEnd: Content

    public init(_ content: Content) { batchEnd = content }
}

/// JSON Lines encoding shared by every batch output: compact, sorted keys, snake_case, no escaped slashes.
public enum BatchJSON {
    public static let formatVersion = 1

    public static func line(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        // Every value encoded here is finite (summaries round finite numbers); a failure is a bug.
        guard let data = try? encoder.encode(value) else { return "{\"error\":\"internal: could not encode a batch line\"}" }
        return String(decoding: data, as: UTF8.self)
    }

    public static func decode<Value: Decodable>(_ type: Value.Type, from text: some StringProtocol) -> Value? {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try? decoder.decode(type, from: Data(text.utf8))
    }
}
