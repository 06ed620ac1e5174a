import Foundation

/// Nesting of JSON text, measured on the bytes before any decoder sees them (a decoder recursing into
/// 100,000 nested arrays would exhaust the stack).
enum JSONDepth {
    /// The first depth above `limit` and its byte offset, or `nil` when the text stays within it.
    /// Brackets inside strings do not count.
    static func exceeds(_ data: Data, limit: Int) -> (depth: Int, offset: Int)? {
        data.withUnsafeBytes { exceeds($0, limit: limit) }  // over the raw bytes: Data's iterator is slow per byte
    }

    static func exceeds(_ bytes: UnsafeRawBufferPointer, limit: Int) -> (depth: Int, offset: Int)? {
        var depth = 0, inString = false, escaped = false
        for (offset, byte) in bytes.enumerated() {
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
                if depth > limit { return (depth, offset) }
            case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1
            default: break
            }
        }
        return nil
    }
}
