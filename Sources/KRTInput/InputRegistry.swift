#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Every input file this process has read, by device and inode, so an output can be refused when it
/// would replace one (docs/safety.md#trust-boundaries). ``InputFile`` records each file it reads; output
/// writers ask ``input(sameAs:)`` just before a file is put in place.
public enum InputRegistry {
    /// A file's identity: symbolic links, `..` and hard links all lead to the same one.
    public struct Identity: Hashable, Sendable {
        public let device: UInt64
        public let inode: UInt64
    }

    private static let files = Mutex<[Identity: String]>([:])

    /// The identity of the file at `path`, following symbolic links; `nil` when there is none.
    public static func identity(of path: String) -> Identity? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Identity(info)
    }

    static func record(_ identity: Identity, path: String) {
        files.withLock { if $0[identity] == nil { $0[identity] = path } }
    }

    /// The path under which a file with the identity of `path` was read, if any.
    public static func input(sameAs path: String) -> String? {
        guard let identity = identity(of: path) else { return nil }
        return files.withLock { $0[identity] }
    }
}

extension InputRegistry.Identity {
    init(_ info: stat) {
        device = UInt64(truncatingIfNeeded: info.st_dev)
        inode = UInt64(truncatingIfNeeded: info.st_ino)
    }
}
