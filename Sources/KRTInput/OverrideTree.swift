/// Overrides gathered by path, so they are applied to a document in one pass: each mapping on the way is
/// indexed once, whatever the number of overrides below it (10,000 `--set` options were quadratic when
/// applied one at a time).
struct OverrideTree {
    /// The value replacing this node, for a leaf.
    private var value: InputNode?
    /// Children by key, in the order first given.
    private var keys: [String: OverrideTree] = [:]
    private var keyOrder: [String] = []
    /// Children by list index, in the order first given.
    private var indices: [Int: OverrideTree] = [:]
    private var indexOrder: [Int] = []

    /// Adds `value` at `path`; a later value for the same path replaces an earlier one.
    mutating func insert(_ value: InputNode, at path: FieldPath) {
        insert(value, at: path.components[...])
    }

    private mutating func insert(_ value: InputNode, at components: ArraySlice<FieldPath.Component>) {
        guard let first = components.first else {
            self.value = value
            return
        }
        switch first {
        case let .key(key):
            if keys[key] == nil { keyOrder.append(key) }
            keys[key, default: OverrideTree()].insert(value, at: components.dropFirst())
        case let .index(index):
            if indices[index] == nil { indexOrder.append(index) }
            indices[index, default: OverrideTree()].insert(value, at: components.dropFirst())
        }
    }

    /// `node` with every override below this tree applied.
    func apply(to node: InputNode?) throws(InputError) -> InputNode {
        try apply(to: node, walked: FieldPath())
    }

    private func apply(to node: InputNode?, walked: FieldPath) throws(InputError) -> InputNode {
        if let value { return value }
        if !keyOrder.isEmpty { return try applyKeys(to: node, walked: walked) }
        return try applyIndices(to: node, walked: walked)
    }

    private func applyKeys(to node: InputNode?, walked: FieldPath) throws(InputError) -> InputNode {
        var entries: [InputNode.Entry] = []
        var line: Int? = nil
        if case let .mapping(existing, mappingLine)? = node {
            entries = existing
            line = mappingLine
        } else if let node {
            let first = walked.appending(keyOrder[0])
            throw InputError(.usage, source: nil, path: walked,
                             message: "\(walked) is \(node.kindName), not a mapping of fields, so \(first) cannot be set")
        }
        if !indexOrder.isEmpty {
            throw InputError(.usage, source: nil, path: walked,
                             message: "\(walked) is set both as a mapping (\(walked.appending(keyOrder[0]))) and as a list "
                                 + "(\(walked.appending(index: indexOrder[0]))); it can only be one")
        }
        var position: [String: Int] = [:]
        for (index, entry) in entries.enumerated() where position[entry.key] == nil { position[entry.key] = index }
        for key in keyOrder {
            guard let child = keys[key] else { continue }
            if let index = position[key] {
                let replaced = try child.apply(to: entries[index].value, walked: walked.appending(key))
                entries[index] = InputNode.Entry(key: key, keyLine: entries[index].keyLine, value: replaced)
            } else {
                entries.append(InputNode.Entry(key: key, keyLine: nil, value: try child.apply(to: nil, walked: walked.appending(key))))
            }
        }
        return .mapping(entries, line: line)
    }

    private func applyIndices(to node: InputNode?, walked: FieldPath) throws(InputError) -> InputNode {
        guard case let .sequence(items, line)? = node else {
            let target = walked.appending(index: indexOrder[0])
            let what = node.map { "\(walked) is \($0.kindName), not a list" } ?? "\(walked) is not in the case"
            throw InputError(.usage, source: nil, path: target,
                             message: "\(target) does not exist (\(what)); only existing list entries can be set")
        }
        var copy = items
        for index in indexOrder {
            guard let child = indices[index] else { continue }
            guard copy.indices.contains(index) else {
                let target = walked.appending(index: index)
                let range = items.isEmpty ? "\(walked) is empty"
                    : items.count == 1 ? "\(walked) has one entry, \(walked)[0]"
                    : "\(walked) has \(items.count) entries, \(walked)[0] to \(walked)[\(items.count - 1)]"
                throw InputError(.usage, source: nil, path: target,
                                 message: "\(target) does not exist: \(range); only existing list entries can be set")
            }
            copy[index] = try child.apply(to: copy[index], walked: walked.appending(index: index))
        }
        return .sequence(copy, line: line)
    }
}
