import Foundation

/// Reads a text file (or standard input, `-`) one line at a time, without holding it whole in memory.
public final class LineReader {
    private let file: UnsafeMutablePointer<FILE>
    private let closes: Bool
    private var buffer: UnsafeMutablePointer<CChar>? = nil
    private var capacity = 0

    /// - Throws: ``BatchError`` (no input) when the file cannot be opened.
    public init(path: String) throws(BatchError) {
        if path == "-" {
            guard let input = fdopen(STDIN_FILENO, "r") else { throw BatchError(kind: .noInput, message: "standard input cannot be read") }
            file = input
            closes = false
        } else {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw BatchError(kind: .noInput, message: "\(path): no such file")
            }
            guard !isDirectory.boolValue, let opened = fopen(path, "r") else {
                throw BatchError(kind: .noInput, message: "\(path): cannot be read as a file")
            }
            file = opened
            closes = true
        }
    }

    deinit {
        free(buffer)
        if closes { fclose(file) }
    }

    /// The next line without its line break (and without a trailing carriage return), or nil at the end.
    public func next() -> String? {
        let count = getline(&buffer, &capacity, file)
        guard count >= 0, let buffer else { return nil }
        var length = count
        if length > 0, buffer[length - 1] == 0x0A { length -= 1 }
        if length > 0, buffer[length - 1] == 0x0D { length -= 1 }
        return String(decoding: UnsafeRawBufferPointer(start: buffer, count: length), as: UTF8.self)
    }
}
