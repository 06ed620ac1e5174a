/// A JSON document tree, built from any `Encodable` by ``JSONTreeEncoder`` and written by
/// ``CanonicalJSON``. Integers keep their exact text; doubles are formatted only when written.
enum JSONValue: Equatable {
    case null
    case bool(Bool)
    case integer(String)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])
}

/// An `Encoder` that turns a value's `Encodable` conformance into a ``JSONValue``.
///
/// Differences from Foundation's `JSONEncoder`, both deliberate: `nil` optionals are written as `null`
/// (every key is always present, so the schema does not depend on the data), and nothing about key
/// order or number text is decided here (``CanonicalJSON`` does that).
struct JSONTreeEncoder: Encoder {
    let node: Node
    var codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    /// A mutable slot in the tree being built.
    final class Node {
        var scalar: JSONValue?
        var object: [String: Node]?
        var array: [Node]?

        var value: JSONValue {
            if let object { return .object(object.mapValues(\.value)) }
            if let array { return .array(array.map(\.value)) }
            return scalar ?? .null
        }
    }

    /// The tree of `value`.
    static func tree(of value: some Encodable) throws -> JSONValue {
        let encoder = JSONTreeEncoder(node: Node(), codingPath: [])
        try value.encode(to: encoder)
        return encoder.node.value
    }

    /// Encodes `value` into `node` (used by the containers for nested values).
    static func encode(_ value: some Encodable, into node: Node, codingPath: [any CodingKey]) throws {
        switch value {
        case let number as Double: node.scalar = .number(number)
        case let number as Float: node.scalar = .number(Double(number))
        default: try value.encode(to: JSONTreeEncoder(node: node, codingPath: codingPath))
        }
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if node.object == nil { node.object = [:] }
        return KeyedEncodingContainer(KeyedContainer<Key>(node: node, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if node.array == nil { node.array = [] }
        return UnkeyedContainer(node: node, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleValueContainer(node: node, codingPath: codingPath)
    }

    /// Keys for array positions in coding paths.
    struct IndexKey: CodingKey {
        var intValue: Int?
        var stringValue: String { intValue.map(String.init) ?? "" }
        init(intValue: Int) { self.intValue = intValue }
        init?(stringValue: String) { nil }
    }
}

extension JSONTreeEncoder {
    struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let node: Node
        var codingPath: [any CodingKey]

        private func child(_ key: Key) -> Node {
            let child = Node()
            node.object?[key.stringValue] = child
            return child
        }

        mutating func encodeNil(forKey key: Key) throws { child(key).scalar = .null }
        mutating func encode(_ value: Bool, forKey key: Key) throws { child(key).scalar = .bool(value) }
        mutating func encode(_ value: String, forKey key: Key) throws { child(key).scalar = .string(value) }
        mutating func encode(_ value: Double, forKey key: Key) throws { child(key).scalar = .number(value) }
        mutating func encode(_ value: Float, forKey key: Key) throws { child(key).scalar = .number(Double(value)) }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            try JSONTreeEncoder.encode(value, into: child(key), codingPath: codingPath + [key])
        }

        // `nil` is written as `null` (Foundation would omit the key).
        mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws { try encodeOptional(value, key) }
        mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws { try encodeOptional(value, key) }
        mutating func encodeIfPresent(_ value: Double?, forKey key: Key) throws { try encodeOptional(value, key) }
        mutating func encodeIfPresent(_ value: Float?, forKey key: Key) throws { try encodeOptional(value, key) }
        mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws { try encodeOptional(value, key) }
        mutating func encodeIfPresent(_ value: Int8?, forKey key: Key) throws { try encodeOptional(value, key) }
        mutating func encodeIfPresent(_ value: Int16?, forKey key: Key) throws { try encodeOptional(value, key) }
        mutating func encodeIfPresent(_ value: Int32?, forKey key: Key) throws { try encodeOptional(value, key) }
        mutating func encodeIfPresent(_ value: Int64?, forKey key: Key) throws { try encodeOptional(value, key) }
        mutating func encodeIfPresent(_ value: UInt?, forKey key: Key) throws { try encodeOptional(value, key) }
        mutating func encodeIfPresent(_ value: UInt8?, forKey key: Key) throws { try encodeOptional(value, key) }
        mutating func encodeIfPresent(_ value: UInt16?, forKey key: Key) throws { try encodeOptional(value, key) }
        mutating func encodeIfPresent(_ value: UInt32?, forKey key: Key) throws { try encodeOptional(value, key) }
        mutating func encodeIfPresent(_ value: UInt64?, forKey key: Key) throws { try encodeOptional(value, key) }
        mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws { try encodeOptional(value, key) }

        private mutating func encodeOptional<T: Encodable>(_ value: T?, _ key: Key) throws {
            if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
        }

        mutating func nestedContainer<NestedKey: CodingKey>(
            keyedBy keyType: NestedKey.Type, forKey key: Key
        ) -> KeyedEncodingContainer<NestedKey> {
            JSONTreeEncoder(node: child(key), codingPath: codingPath + [key]).container(keyedBy: keyType)
        }

        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            JSONTreeEncoder(node: child(key), codingPath: codingPath + [key]).unkeyedContainer()
        }

        mutating func superEncoder() -> any Encoder {
            JSONTreeEncoder(node: childNamed("super"), codingPath: codingPath)
        }

        mutating func superEncoder(forKey key: Key) -> any Encoder {
            JSONTreeEncoder(node: child(key), codingPath: codingPath + [key])
        }

        private func childNamed(_ name: String) -> Node {
            let child = Node()
            node.object?[name] = child
            return child
        }
    }

    struct UnkeyedContainer: UnkeyedEncodingContainer {
        let node: Node
        var codingPath: [any CodingKey]
        var count: Int { node.array?.count ?? 0 }

        private func append() -> Node {
            let child = Node()
            node.array?.append(child)
            return child
        }

        private var nextPath: [any CodingKey] { codingPath + [IndexKey(intValue: count)] }

        mutating func encodeNil() throws { append().scalar = .null }
        mutating func encode(_ value: Bool) throws { append().scalar = .bool(value) }
        mutating func encode(_ value: String) throws { append().scalar = .string(value) }
        mutating func encode(_ value: Double) throws { append().scalar = .number(value) }
        mutating func encode(_ value: Float) throws { append().scalar = .number(Double(value)) }
        mutating func encode<T: Encodable>(_ value: T) throws {
            let path = nextPath
            try JSONTreeEncoder.encode(value, into: append(), codingPath: path)
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            let path = nextPath
            return JSONTreeEncoder(node: append(), codingPath: path).container(keyedBy: keyType)
        }

        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
            let path = nextPath
            return JSONTreeEncoder(node: append(), codingPath: path).unkeyedContainer()
        }

        mutating func superEncoder() -> any Encoder {
            let path = nextPath
            return JSONTreeEncoder(node: append(), codingPath: path)
        }
    }

    struct SingleValueContainer: SingleValueEncodingContainer {
        let node: Node
        var codingPath: [any CodingKey]

        mutating func encodeNil() throws { node.scalar = .null }
        mutating func encode(_ value: Bool) throws { node.scalar = .bool(value) }
        mutating func encode(_ value: String) throws { node.scalar = .string(value) }
        mutating func encode(_ value: Double) throws { node.scalar = .number(value) }
        mutating func encode(_ value: Float) throws { node.scalar = .number(Double(value)) }
        mutating func encode(_ value: Int) throws { node.scalar = .integer(String(value)) }
        mutating func encode(_ value: Int8) throws { node.scalar = .integer(String(value)) }
        mutating func encode(_ value: Int16) throws { node.scalar = .integer(String(value)) }
        mutating func encode(_ value: Int32) throws { node.scalar = .integer(String(value)) }
        mutating func encode(_ value: Int64) throws { node.scalar = .integer(String(value)) }
        mutating func encode(_ value: UInt) throws { node.scalar = .integer(String(value)) }
        mutating func encode(_ value: UInt8) throws { node.scalar = .integer(String(value)) }
        mutating func encode(_ value: UInt16) throws { node.scalar = .integer(String(value)) }
        mutating func encode(_ value: UInt32) throws { node.scalar = .integer(String(value)) }
        mutating func encode(_ value: UInt64) throws { node.scalar = .integer(String(value)) }
        mutating func encode<T: Encodable>(_ value: T) throws {
            try JSONTreeEncoder.encode(value, into: node, codingPath: codingPath)
        }
    }
}
