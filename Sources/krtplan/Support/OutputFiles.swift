import Foundation

/// Output files: written atomically, never over an input, never over an existing file without --force.
enum OutputFiles {
    /// Refuses before any work is done, so a failing run leaves nothing behind.
    static func check(_ path: String, inputs: [String], force: Bool, option: String) throws {
        let target = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
        for input in inputs where URL(fileURLWithPath: input).standardizedFileURL.resolvingSymlinksInPath().path == target {
            throw CommandFailure(.cannotWrite, "\(option) \(path): refusing to overwrite the input file \(input)")
        }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            if isDirectory.boolValue { throw CommandFailure(.cannotWrite, "\(option) \(path): is a directory") }
            if !force { throw CommandFailure(.cannotWrite, "\(option) \(path): file exists; use --force to replace it") }
        }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        if !FileManager.default.isWritableFile(atPath: folder.isEmpty ? "." : folder) {
            throw CommandFailure(.cannotWrite, "\(option) \(path): the folder \(folder) is not writable")
        }
    }

    static func write(_ text: String, to path: String) throws { try Console.write(text, to: path) }
}
