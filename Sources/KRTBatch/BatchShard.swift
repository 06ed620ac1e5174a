import Foundation

/// `--shard i/n`: the deterministic slice of a batch one worker processes.
///
/// Shard `i` of `n` takes the input lines whose 0-based line index `k` has `k mod n == i − 1`
/// (round-robin, so every shard gets a similar mix of short and long lines whatever the file's order).
/// `1/1` is the whole batch. docs/population.md explains how shards are merged.
public struct BatchShard: Sendable, Hashable, CustomStringConvertible {
    /// 1-based shard number.
    public let index: Int
    public let count: Int

    public static let whole = BatchShard(uncheckedIndex: 1, count: 1)

    private init(uncheckedIndex index: Int, count: Int) {
        self.index = index
        self.count = count
    }

    /// Parses `i/n` with 1 ≤ i ≤ n ≤ 1,000,000.
    public init(parsing text: String) throws(BatchError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]) else {
            throw BatchError.usage("--shard '\(text)' is not i/n with whole numbers (e.g. --shard 2/7 for the second of seven shards)")
        }
        guard count >= 1, count <= 1_000_000 else {
            throw BatchError.usage("--shard '\(text)': the number of shards n must be from 1 to 1000000, got \(count)")
        }
        guard index >= 1, index <= count else {
            throw BatchError.usage("--shard '\(text)': the shard number i must be from 1 to n = \(count), got \(index)")
        }
        self.init(uncheckedIndex: index, count: count)
    }

    /// Whether the line with 0-based index `lineIndex` belongs to this shard.
    public func contains(lineIndex: Int) -> Bool { lineIndex % count == index - 1 }

    public var description: String { "\(index)/\(count)" }
}

/// A batch problem that stops the whole command (usage or unreadable input), as opposed to a failed line.
public struct BatchError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable { case usage, data, noInput }
    public let kind: Kind
    public let message: String

    public static func usage(_ message: String) -> BatchError { BatchError(kind: .usage, message: message) }
    public static func data(_ message: String) -> BatchError { BatchError(kind: .data, message: message) }

    public var description: String { message }
}
