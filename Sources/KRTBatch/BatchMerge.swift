/// `krtplan batch merge`: shard outputs back into the bytes one whole run would have written.
///
/// Each shard output ends with its trailer (``BatchTrailer``). Merging checks that every file is a complete
/// shard output (trailer present and last), that all come from the same batch (command, input line count,
/// protocols, format, shard count n), that each shard 1…n is present exactly once, and that every result line
/// belongs to the shard whose file it is in; it then interleaves the result lines by input line number
/// (stable, so protocols stay in their order) and writes one trailer with shard `1/1` and the summed counts.
public enum BatchMerge {
    public struct Shard {
        public var name: String
        public var lines: [Substring]

        public init(name: String, text: String) {
            self.name = name
            lines = text.split(separator: "\n", omittingEmptySubsequences: true)
        }
    }

    private struct LineNumber: Decodable { var line: Int }

    public static func merge(_ files: [Shard]) throws(BatchError) -> [String] {
        guard !files.isEmpty else { throw BatchError.usage("batch merge: give the shard output files to merge") }
        var parsed: [(name: String, shard: BatchShard, content: BatchTrailer.Content, records: ArraySlice<Substring>)] = []
        for file in files {
            guard let last = file.lines.last, let trailer = BatchJSON.decode(BatchTrailer.self, from: last) else {
                throw BatchError.data("\(file.name): has no batch trailer as its last line; it is not a complete `krtplan batch` output (cut short?)")
            }
            let shard: BatchShard
            do { shard = try BatchShard(parsing: trailer.batchEnd.shard) } catch {
                throw BatchError.data("\(file.name): the trailer's shard '\(trailer.batchEnd.shard)' is not i/n")
            }
            parsed.append((file.name, shard, trailer.batchEnd, file.lines.dropLast()))
        }
        let first = parsed[0]
        for file in parsed.dropFirst() {
            func differs(_ what: String, _ a: String, _ b: String) -> BatchError {
                BatchError.data("\(file.name) and \(first.name) are not shards of the same batch: \(what) \(b) vs \(a)")
            }
            if file.content.command != first.content.command { throw differs("command", first.content.command, file.content.command) }
            if file.content.inputLines != first.content.inputLines {
                throw differs("input lines", "\(first.content.inputLines)", "\(file.content.inputLines)")
            }
            if file.content.protocols != first.content.protocols {
                throw differs("protocols", first.content.protocols.joined(separator: ","), file.content.protocols.joined(separator: ","))
            }
            if file.content.format != first.content.format { throw differs("format", "\(first.content.format)", "\(file.content.format)") }
            if file.shard.count != first.shard.count {
                throw differs("shard count", "\(first.shard.count) (shard \(first.shard))", "\(file.shard.count) (shard \(file.shard))")
            }
        }
        let count = first.shard.count
        var seen: [Int: String] = [:]
        for file in parsed {
            if let other = seen[file.shard.index] {
                throw BatchError.data("shard \(file.shard) is given twice: \(other) and \(file.name)")
            }
            seen[file.shard.index] = file.name
        }
        let missing = (1...count).filter { seen[$0] == nil }
        if !missing.isEmpty {
            let list = missing.prefix(10).map { "\($0)/\(count)" }.joined(separator: ", ") + (missing.count > 10 ? ", …" : "")
            throw BatchError.data("missing \(missing.count) of \(count) shards: \(list)")
        }
        var merged: [(line: Int, text: Substring)] = []
        var records = 0, failed = 0
        for file in parsed {
            for text in file.records {
                guard let number = BatchJSON.decode(LineNumber.self, from: text)?.line else {
                    throw BatchError.data("\(file.name): a result line without a line number: \(text.prefix(80))")
                }
                guard number >= 1, number <= first.content.inputLines, file.shard.contains(lineIndex: number - 1) else {
                    throw BatchError.data("\(file.name): line \(number) does not belong to shard \(file.shard) (overlapping or edited shards)")
                }
                merged.append((number, text))
            }
            records += file.content.records
            failed += file.content.failed
            if file.records.count != file.content.records {
                throw BatchError.data("\(file.name): \(file.records.count) result lines but its trailer says \(file.content.records)")
            }
        }
        // Stable sort: the lines of one input line come from one shard, already in protocol order.
        let ordered = merged.enumerated().sorted { ($0.element.line, $0.offset) < ($1.element.line, $1.offset) }.map { String($0.element.text) }
        var content = first.content
        content.shard = BatchShard.whole.description
        content.records = records
        content.failed = failed
        return ordered + [BatchJSON.line(BatchTrailer(content))]
    }
}
