import Foundation

/// Output files: written atomically, never over an input, never over an existing file without --force.
///
/// A file is written whole to a hidden temporary file in the target's folder and then moved into place in
/// one step (`rename`, or `link` when replacing is not allowed, so a file that appeared meanwhile is not
/// overwritten either). A run that fails or is stopped before that step leaves no output file, and never
/// half of one.
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
        var folderIsDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.isEmpty ? "." : folder, isDirectory: &folderIsDirectory),
              folderIsDirectory.boolValue else {
            throw CommandFailure(.cannotWrite, "\(option) \(path): the folder \(folder) does not exist")
        }
        if !FileManager.default.isWritableFile(atPath: folder.isEmpty ? "." : folder) {
            throw CommandFailure(.cannotWrite, "\(option) \(path): the folder \(folder) is not writable")
        }
    }

    /// Writes `text` to `path` atomically; without `replacing`, an existing file is left alone (exit 73).
    static func write(_ text: String, to path: String, replacing: Bool) throws {
        let target = URL(fileURLWithPath: path)
        let temporary = target.deletingLastPathComponent()
            .appendingPathComponent(".\(target.lastPathComponent).krtplan-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString).tmp")
        do {
            try Data(text.utf8).write(to: temporary, options: [.withoutOverwriting])
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw CommandFailure(.cannotWrite, "cannot write \(path): \(error.localizedDescription)")
        }
        defer { unlink(temporary.path) }
        if replacing {
            guard rename(temporary.path, target.path) == 0 else { throw failure(path, errno) }
        } else {
            guard link(temporary.path, target.path) == 0 else {
                let code = errno
                if code == EEXIST { throw CommandFailure(.cannotWrite, "cannot write \(path): file exists; use --force to replace it") }
                throw failure(path, code)
            }
        }
    }

    private static func failure(_ path: String, _ code: Int32) -> CommandFailure {
        CommandFailure(.cannotWrite, "cannot write \(path): \(String(cString: strerror(code)))")
    }
}
