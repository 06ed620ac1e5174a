import Foundation
import Testing

/// Runs the built `krtplan` binary, as a user would.
///
/// The binary is looked for, in order: `$KRTPLAN_BINARY`; next to the test bundle (the build
/// products folder `swift test` uses, whatever `--build-path` says); `.build/debug/krtplan` of this
/// package. `swift test` builds it before running the tests.
enum Krtplan {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    static let binary: String? = {
        let environment = ProcessInfo.processInfo.environment
        var candidates: [String] = []
        if let explicit = environment["KRTPLAN_BINARY"] { candidates.append(explicit) }
        var folders = [Bundle.main.bundleURL, Bundle.main.executableURL?.deletingLastPathComponent()].compactMap { $0 }
        folders += Bundle.allBundles.filter { $0.bundlePath.hasSuffix(".xctest") }.map { $0.bundleURL.deletingLastPathComponent() }
        candidates += folders.map { $0.appendingPathComponent("krtplan").path }
        candidates.append(packageRoot + "/.build/debug/krtplan")
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    struct Run {
        let status: Int32
        let stdout: String
        let stderr: String

        var stderrLines: [String] { stderr.split(separator: "\n").map(String.init) }

        /// The words of the first stdout line whose first word is `label` (a table row).
        func row(_ label: String) -> [String] {
            for line in stdout.split(separator: "\n") {
                let words = line.split(whereSeparator: { $0 == " " }).map(String.init)
                if words.first == label { return words }
            }
            return []
        }

        /// stdout with line breaks turned into spaces (help text wraps at the terminal width).
        var unwrappedStdout: String {
            stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        }

        /// The JSON object printed on stdout.
        func json() throws -> [String: Any] {
            try #require(JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [String: Any])
        }
    }

    /// Runs `krtplan arguments…` with the package's bundled catalog; waits for it to finish.
    static func run(_ arguments: String...) throws -> Run {
        try run(arguments)
    }

    /// - Parameters:
    ///   - environment: variables set for this run only (e.g. another `KRTPLAN_FORMULATIONS`).
    ///   - hangGuard: seconds after which the process is killed and the run reported as hung (status -1);
    ///     a guard against hangs, far above any expected run time, not a performance check.
    static func run(_ arguments: [String], environment extra: [String: String] = [:], hangGuard: Double? = nil) throws -> Run {
        let binary = try #require(binary, "build krtplan first ('swift build'); looked next to the tests and in .build/debug")
        let folder = NSTemporaryDirectory() + "krtplan-cli-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // Output goes to files, not pipes, so a large output can never block the child.
        let outPath = folder + "/stdout", errPath = folder + "/stderr"
        _ = FileManager.default.createFile(atPath: outPath, contents: nil)
        _ = FileManager.default.createFile(atPath: errPath, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = withSafetyNetTimeLimit(arguments)
        var environment = ProcessInfo.processInfo.environment
        environment["KRTPLAN_FORMULATIONS"] = packageRoot + "/formulations"
        environment.merge(extra) { _, new in new }
        process.environment = environment
        let out = try #require(FileHandle(forWritingAtPath: outPath))
        let err = try #require(FileHandle(forWritingAtPath: errPath))
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle(forReadingAtPath: outPath)
        try process.run()
        if let hangGuard {
            let give = Date().addingTimeInterval(hangGuard)
            while process.isRunning, Date() < give { Thread.sleep(forTimeInterval: 0.1) }
            if process.isRunning {
                process.terminate()
                process.waitUntilExit()
                return Run(status: -1, stdout: "", stderr: "hung: killed after \(hangGuard) s")
            }
        }
        process.waitUntilExit()
        try out.close()
        try err.close()
        return Run(status: process.terminationStatus,
                   stdout: try String(contentsOfFile: outPath, encoding: .utf8),
                   stderr: try String(contentsOfFile: errPath, encoding: .utf8))
    }

    /// `plan` and `compare` stop at a wall-clock time limit (30 s by default) that a debug build on a
    /// loaded machine can reach, and then print a different plan. Tests must not depend on machine load,
    /// so unless a test sets `--time-limit` itself (to test the limit), the search runs to its own work
    /// limits under a 1-hour safety net: the same plan on any machine.
    static func withSafetyNetTimeLimit(_ arguments: [String]) -> [String] {
        guard let command = arguments.first, ["plan", "compare"].contains(command),
              !arguments.contains(where: { $0 == "--time-limit" || $0.hasPrefix("--time-limit=") }),
              !arguments.contains(where: { $0 == "--help" || $0 == "-h" }) else { return arguments }
        return arguments + ["--time-limit", "3600"]
    }

    /// A temporary folder for files a test hands to the binary.
    static func temporaryFolder() throws -> String {
        let folder = NSTemporaryDirectory() + "krtplan-cli-files-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }

    static func write(_ text: String, to path: String) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }
}

extension Krtplan.Run {
    /// No crash output: no Swift runtime trap, no stack dump.
    var hasNoStackTrace: Bool {
        !(stderr.contains("Fatal error") || stderr.contains("Stack dump") || stderr.contains("Current stack trace")
            || stderr.contains("#0 ") || stderr.contains("Illegal instruction"))
    }
}
