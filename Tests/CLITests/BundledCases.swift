import Foundation
import Testing

/// The files in `cases/` and how each is meant to be run.
///
/// Every file says so itself, in comment lines of the form
///
///     # Run:  krtplan plan cases/flagship-citrate-cvvhdf.yaml   → exit 0
///
/// (one per command; `plan`, `simulate` or `check --order`). The tests run exactly these commands and
/// expect exactly these exit codes, so the comments cannot drift from what the files do.
enum BundledCases {
    static let folder = Krtplan.packageRoot + "/cases"

    /// One documented command of one file.
    struct RunLine: Sendable, CustomTestStringConvertible {
        /// File name inside `cases/`.
        let file: String
        /// The arguments after `krtplan`, e.g. `["plan", "cases/x.yaml"]` (paths relative to the package root).
        let arguments: [String]
        let expectedExit: Int32

        var command: String { arguments.first ?? "" }
        var isCheck: Bool { command == "check" }
        var testDescription: String { "\(file): krtplan \(arguments.joined(separator: " ")) → \(expectedExit)" }

        /// The arguments with paths made absolute (the tests do not run in the package root).
        var absoluteArguments: [String] {
            arguments.map { $0.hasPrefix("cases/") ? Krtplan.packageRoot + "/" + $0 : $0 }
        }
    }

    /// Every `.yaml` file in `cases/`, sorted.
    static var files: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted()
    }

    /// Case files (not compounding order files, which end in `.order.yaml`).
    static var caseFiles: [String] { files.filter { !$0.hasSuffix(".order.yaml") } }

    /// Every `# Run:` line of every file.
    static var runLines: [RunLine] { files.flatMap { runLines(in: $0) } }

    /// The `# Run:` lines of one file; malformed lines are returned with exit code -1 so a test fails on them.
    static func runLines(in file: String) -> [RunLine] {
        guard let text = try? String(contentsOfFile: folder + "/" + file, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { line -> RunLine? in
            guard line.hasPrefix("# Run:") else { return nil }
            let body = line.dropFirst("# Run:".count)
            let parts = body.components(separatedBy: "→")
            let words = parts[0].split(whereSeparator: \.isWhitespace).map(String.init)
            let exitWords = parts.count == 2 ? parts[1].split(whereSeparator: \.isWhitespace) : []
            guard words.first == "krtplan", exitWords.count == 2, exitWords[0] == "exit", let code = Int32(exitWords[1]) else {
                return RunLine(file: file, arguments: Array(words.dropFirst()), expectedExit: -1)
            }
            return RunLine(file: file, arguments: Array(words.dropFirst()), expectedExit: code)
        }
    }

    /// The `#   krtplan compare …` example lines of one file (the indented command under a comment).
    static func compareLines(in file: String) -> [String] {
        guard let text = try? String(contentsOfFile: folder + "/" + file, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { line in
            let trimmed = line.drop { $0 == "#" || $0 == " " }
            return trimmed.hasPrefix("krtplan compare ") ? String(trimmed) : nil
        }
    }
}
