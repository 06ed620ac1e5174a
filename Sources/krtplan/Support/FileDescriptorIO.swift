#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one place krtplan's bytes leave the process: standard output, standard error and output files
/// are all written by ``writeAll(_:to:)`` (POSIX `write(2)` in a loop), so a full disk, a closed pipe or a
/// closed descriptor is an error value, never a crash (docs/safety.md#trust-boundaries).
enum FileDescriptorIO {
    /// Writes every byte of `bytes` to `descriptor`; returns `nil` on success or the `errno` of the failure.
    ///
    /// Retries after `EINTR` and partial writes; waits with `poll(2)` when a non-blocking descriptor is full
    /// (`EAGAIN`). `EPIPE`, `ENOSPC`, `EBADF`, `EIO`, … end the loop and are returned.
    static func writeAll(_ bytes: [UInt8], to descriptor: Int32) -> Int32? {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                return write(descriptor, base + offset, bytes.count - offset)
            }
            if written > 0 {
                offset += written
                continue
            }
            let code = written < 0 ? errno : EIO
            if code == EINTR { continue }
            if code == EAGAIN || code == EWOULDBLOCK {
                var request = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
                if poll(&request, 1, -1) >= 0 || errno == EINTR { continue }
                return errno
            }
            return code
        }
        return nil
    }

    /// Makes the standard descriptors safe before anything else runs.
    ///
    /// - `SIGPIPE` is ignored, so writing to a closed pipe (`krtplan … | head -1`) is an `EPIPE` error that
    ///   ends with exit 74, not a kill by signal.
    /// - A descriptor 0, 1 or 2 that the caller closed (`>&-`) is filled with `/dev/null` opened read-only:
    ///   writes to it fail with `EBADF` as they would have, and no file the tool opens later (an input, or a
    ///   temporary output file) can take its number and receive the output meant for the terminal.
    static func prepareStandardDescriptors() {
        signal(SIGPIPE, SIG_IGN)
        for descriptor: Int32 in [STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO] where fcntl(descriptor, F_GETFD) == -1 && errno == EBADF {
            let placeholder = open("/dev/null", O_RDONLY)
            if placeholder >= 0, placeholder != descriptor {
                _ = dup2(placeholder, descriptor)
                _ = close(placeholder)
            }
        }
    }

    /// Ends the process with `status` (C `exit`: buffered C streams are flushed, nothing else runs).
    static func terminate(_ status: Int32) -> Never {
        exit(status)
    }

    /// The system's words for an `errno` value, e.g. "No space left on device".
    static func describe(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        return String(cString: text)
    }
}
