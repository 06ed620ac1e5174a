import Foundation
import KRTInput

/// Output files: written atomically, never over an input, never over an existing file without --force.
///
/// **Never over an input** (even with `--force`): an output is refused when it is the same file — same
/// device and inode, so symbolic links, `..`, hard links and bind paths all count — as any input: the case,
/// every file in a catalog folder (the bundled one and each `--catalog`), the limits file, an order or labs
/// file, and every other file the run has read (``InputRegistry``). The check runs before any work
/// (``check(_:inputs:force:option:)``) and again just before the file is put in place (``write(_:to:replacing:)``).
///
/// A file is written whole to a hidden temporary file in the target's folder (through
/// ``FileDescriptorIO/writeAll(_:to:)``, like standard output) and then moved into place in one step
/// (`rename`, or `link` when replacing is not allowed, so a file that appeared meanwhile is not overwritten
/// either). A run that fails or is stopped before that step leaves no output file, and never half of one.
///
/// **Devices and pipes** (`/dev/null`, `/dev/stdout`, a terminal, a named pipe): written in place, with no
/// `--force`, never replaced. Renaming a temporary file over them would put a regular file where the device
/// was (as root, `--output /dev/null` would have replaced the machine's /dev/null).
enum OutputFiles {
    /// Most files looked at inside one input folder (a catalog folder has a few dozen).
    static let maxFolderEntries = 20_000

    /// Refuses before any work is done, so a failing run leaves nothing behind.
    /// - Parameter inputs: input files and folders (a folder stands for every file below it).
    static func check(_ path: String, inputs: [String], force: Bool, option: String) throws {
        try refuseInput(path, inputs: inputs, option: option)
        if isSpecialFile(path) {
            guard access(path, W_OK) == 0 else { throw CommandFailure(.cannotWrite, "\(option) \(path): \(FileDescriptorIO.describe(errno))") }
            return
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

    /// Checks several outputs of one command: each as ``check(_:inputs:force:option:)``, and no file twice.
    static func check(_ targets: [(option: String, path: String)], inputs: [String], force: Bool) throws {
        var seen: [InputRegistry.Identity: String] = [:]
        var paths: Set<String> = []
        for (option, path) in targets {
            let resolved = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
            let identity = InputRegistry.identity(of: path)
            if !paths.insert(resolved).inserted || identity.map({ seen[$0] != nil }) == true {
                throw CommandFailure(.usage, "\(option) \(path): the same file is given twice")
            }
            if let identity { seen[identity] = path }
            try check(path, inputs: inputs, force: force, option: option)
        }
    }

    /// An output that is one of the inputs is refused with exit 73, whatever `--force` says.
    private static func refuseInput(_ path: String, inputs: [String], option: String) throws {
        let refusal = { (input: String) in
            CommandFailure(.cannotWrite, "\(option) \(path): refusing to overwrite the input file \(input) (not even with --force)")
        }
        if let input = InputRegistry.input(sameAs: path) { throw refusal(input) }
        guard let target = InputRegistry.identity(of: path) else {
            // Nothing there yet, so it is no input; a name equal to an input's after resolving is still refused
            // (a dangling link that an input will be read through).
            let resolved = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
            if let input = inputs.first(where: { URL(fileURLWithPath: $0).standardizedFileURL.resolvingSymlinksInPath().path == resolved }) {
                throw refusal(input)
            }
            return
        }
        for input in inputs {
            if let match = file(in: input, matching: target) { throw refusal(match) }
        }
    }

    /// `input` itself, or the file below the folder `input`, with the identity `target`.
    private static func file(in input: String, matching target: InputRegistry.Identity) -> String? {
        if InputRegistry.identity(of: input) == target { return input }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: input, isDirectory: &isDirectory), isDirectory.boolValue,
              let walker = FileManager.default.enumerator(atPath: input) else { return nil }
        var seen = 0
        while let relative = walker.nextObject() as? String, seen < maxFolderEntries {
            seen += 1
            let candidate = input + "/" + relative
            if InputRegistry.identity(of: candidate) == target { return candidate }
        }
        return nil
    }

    /// Writes `text` to `path` atomically; without `replacing`, an existing file is left alone (exit 73).
    /// - Parameter allowingInput: only for a file the command edits in place by design
    ///   (`formulations table --update FILE`), after ``check(_:inputs:force:)`` against the other inputs.
    static func write(_ text: String, to path: String, replacing: Bool, allowingInput: Bool = false) throws {
        if isSpecialFile(path) { return try writeInPlace(text, to: path) }
        let target = URL(fileURLWithPath: path)
        let temporary = target.deletingLastPathComponent()
            .appendingPathComponent(".\(target.lastPathComponent).krtplan-\(getpid())-\(UUID().uuidString).tmp").path
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { throw failure(path, errno) }
        defer { unlink(temporary) }
        if let code = FileDescriptorIO.writeAll(Array(text.utf8), to: descriptor) {
            close(descriptor)
            throw failure(path, code)
        }
        let synced = fsync(descriptor) == 0 ? nil : errno
        guard close(descriptor) == 0, synced == nil || synced == EINVAL else { throw failure(path, synced ?? errno) }
        if !allowingInput, let input = InputRegistry.input(sameAs: path) {
            throw CommandFailure(.cannotWrite, "cannot write \(path): refusing to overwrite the input file \(input) (not even with --force)")
        }
        if replacing {
            guard rename(temporary, target.path) == 0 else { throw failure(path, errno) }
        } else {
            guard link(temporary, target.path) == 0 else {
                let code = errno
                if code == EEXIST { throw CommandFailure(.cannotWrite, "cannot write \(path): file exists; use --force to replace it") }
                throw failure(path, code)
            }
        }
    }

    /// True when `path` exists and is neither a regular file nor a folder: a character or block device, a
    /// named pipe or a socket (symbolic links followed).
    static func isSpecialFile(_ path: String) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0 else { return false }
        let kind = info.st_mode & S_IFMT
        return kind != S_IFREG && kind != S_IFDIR
    }

    /// Writes `text` straight into a device or pipe (no temporary file, no truncation, no replacing).
    private static func writeInPlace(_ text: String, to path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CLOEXEC | O_NOCTTY)
        guard descriptor >= 0 else { throw failure(path, errno) }
        if let code = FileDescriptorIO.writeAll(Array(text.utf8), to: descriptor) {
            close(descriptor)
            throw failure(path, code)
        }
        guard close(descriptor) == 0 else { throw failure(path, errno) }
    }

    private static func failure(_ path: String, _ code: Int32) -> CommandFailure {
        CommandFailure(.cannotWrite, "cannot write \(path): \(FileDescriptorIO.describe(code))")
    }
}
