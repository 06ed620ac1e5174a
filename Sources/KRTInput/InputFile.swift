import Foundation

/// Limits that keep a hostile or mistaken file from exhausting memory or time.
public struct InputLimits: Sendable, Hashable {
    /// Largest file accepted, in bytes.
    public var maxBytes: Int
    /// Largest number of YAML nodes visited (aliases count every time they are expanded).
    public var maxNodes: Int
    /// Deepest nesting accepted.
    public var maxDepth: Int

    public init(maxBytes: Int = 1 << 20, maxNodes: Int = 100_000, maxDepth: Int = 32) {
        self.maxBytes = maxBytes
        self.maxNodes = maxNodes
        self.maxDepth = maxDepth
    }

    /// Case, order and catalog files are small: 1 MiB, 100,000 nodes, depth 32.
    public static let standard = InputLimits()
}

/// Reads an input file's text safely: it must exist, be a regular file, fit the size limit and be
/// UTF-8. Every failure is an ``InputError`` naming the file (66 when it cannot be opened, 65 when
/// its content is unacceptable).
public enum InputFile {
    public static func readText(at path: String, limits: InputLimits = .standard) throws(InputError) -> String {
        let bytes = try readBytes(at: path, limits: limits)
        return try decodeUTF8(bytes, source: path)
    }

    public static func readBytes(at path: String, limits: InputLimits = .standard) throws(InputError) -> [UInt8] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw InputError(.noInput, source: path, message: "file not found")
        }
        guard !isDirectory.boolValue else {
            throw InputError(.noInput, source: path, message: "is a directory; expected a file")
        }
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        if let type = attributes?[.type] as? FileAttributeType, type != .typeRegular {
            throw InputError(.noInput, source: path, message: "is not a regular file (\(type.rawValue)); expected a file")
        }
        if let size = (attributes?[.size] as? NSNumber)?.intValue, size > limits.maxBytes {
            throw InputError(.data, source: path, value: "\(size) bytes",
                             message: "file is \(size) bytes; the limit is \(limits.maxBytes) bytes")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw InputError(.noInput, source: path, message: "cannot be opened for reading")
        }
        defer { try? handle.close() }
        // Read at most one byte past the limit, so a file that grew after the size check is caught too.
        let data = (try? handle.read(upToCount: limits.maxBytes + 1)) ?? Data()
        guard data.count <= limits.maxBytes else {
            throw InputError(.data, source: path, message: "file is larger than the limit of \(limits.maxBytes) bytes")
        }
        return [UInt8](data)
    }

    /// Decodes UTF-8, reporting the offset of the first invalid byte.
    public static func decodeUTF8(_ bytes: [UInt8], source: String?) throws(InputError) -> String {
        var offset = 0
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var scalars = String.UnicodeScalarView()
        decoding: while true {
            switch decoder.decode(&iterator) {
            case let .scalarValue(scalar):
                scalars.append(scalar)
                offset += UTF8.width(scalar)
            case .emptyInput:
                break decoding
            case .error:
                let shown = offset < bytes.count ? String(bytes[offset], radix: 16, uppercase: true) : "?"
                throw InputError(.data, source: source, value: "0x\(shown)",
                                 message: "byte \(offset) (0x\(shown)) is not valid UTF-8; save the file as UTF-8 text")
            }
        }
        let text = String(scalars)
        if text.unicodeScalars.contains(where: { $0.value == 0 }) {
            throw InputError(.data, source: source, message: "file contains NUL bytes; expected UTF-8 text")
        }
        return text
    }
}
