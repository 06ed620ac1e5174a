/// Adding entries to a list of a document in memory (`krtplan plan --labs FILE` adds imported labs to a case).
extension YAMLDocument {
    /// This document with one mapping of plain values per entry appended to the top-level list `key`
    /// (created when missing). The new entries have no source line. The hash covers `note` (what was added),
    /// so a result's audit block tells the two documents apart.
    public func appending(entries: [[(key: String, value: String)]], toList key: String, note: String) throws(InputError) -> YAMLDocument {
        let added = entries.map { fields in
            InputNode.mapping(fields.map { InputNode.Entry(key: $0.key, keyLine: nil, value: .scalar($0.value, line: nil)) }, line: nil)
        }
        var existing: [InputNode] = []
        var line: Int?
        if case let .mapping(rootEntries, _) = root, let entry = rootEntries.first(where: { $0.key == key }) {
            guard case let .sequence(items, listLine) = entry.value else {
                throw InputError(.data, source: source, path: FieldPath().appending(key), value: entry.value.shortText,
                                 message: "is \(entry.value.kindName); expected a list to add entries to")
            }
            existing = items
            line = listLine
        }
        let root = try root.setting(.sequence(existing + added, line: line), at: FieldPath().appending(key))
        return YAMLDocument(source: source, root: root, sha256: SHA256.hex(sha256 + "\n" + note))
    }
}
