import Foundation
import Testing

/// Writes never crash (docs/safety.md#trust-boundaries): every command × {standard output full, standard output
/// closed, standard error closed, standard error full}. A broken standard output ends with exit 74 and one line on
/// standard error; a broken standard error keeps the command's own exit code. Never a signal. This matrix stands
/// in for an output-failure fuzz target in `make fuzz` (docs/safety.md#fuzzing).
@Suite struct OutputFailureTests {
    static let simulateCase = Krtplan.packageRoot + "/cases/cvvh-phosphate-free-simulate.yaml"

    /// One command line, and whether it writes to standard output when it succeeds.
    struct Command: Sendable, CustomTestStringConvertible {
        let arguments: [String]
        var testDescription: String { arguments.joined(separator: " ") }
    }

    enum Breakage: String, CaseIterable, Sendable {
        case stdoutFull = ">/dev/full"
        case stdoutClosed = ">&-"
        case stderrClosed = "2>&-"
        case stderrFull = "2>/dev/full"

        var breaksStandardOutput: Bool { self == .stdoutFull || self == .stdoutClosed }
    }

    static let commands: [Command] = [
        Command(arguments: ["plan", simulateCase, "--threads", "1", "--set", "horizon=12 h"]),
        Command(arguments: ["simulate", simulateCase]),
        Command(arguments: ["simulate", simulateCase, "--format", "json"]),
        Command(arguments: ["compare", simulateCase, "--simulate", "--variant", "dose:therapy.effluent_dose=30 mL/kg/h"]),
        Command(arguments: ["validate", simulateCase]),
        Command(arguments: ["validate", "/nonexistent.yaml"]),
        Command(arguments: ["validate", simulateCase, "--set", "patient..weight=80 kg"]),
        Command(arguments: ["check", "--base", "Prismasol BGK2/0", "--add", "potassium chloride 10 mmol"]),
        Command(arguments: ["check", "--base", "Prismasol BGK2/0", "--volume", "-5000 mL"]),
        Command(arguments: ["formulations", "list"]),
        Command(arguments: ["formulations", "show", "Phoxilium"]),
        Command(arguments: ["formulations", "table", "--format", "markdown"]),
        Command(arguments: ["fit", Krtplan.packageRoot + "/cases/sled-rebound-history.yaml"]),
        Command(arguments: ["template", "--modality", "CVVH", "--anticoagulation", "heparin"]),
        Command(arguments: ["labs", "export", Krtplan.packageRoot + "/cases/day3-replan.yaml", "--format", "csv"]),
        Command(arguments: ["population", simulateCase, "--patients", "2", "--seed", "1"]),
        Command(arguments: ["--help"]),
        Command(arguments: ["--version"]),
        Command(arguments: ["plan", "--frmat", "json"]),
    ]

    static let cases: [(Command, Breakage)] = commands.flatMap { command in Breakage.allCases.map { (command, $0) } }

    /// Runs `krtplan` through `/bin/sh -c 'exec krtplan … REDIRECTION'`, so the descriptor is really closed or
    /// full; the shell's `exec` makes the status the binary's own (a signal shows as `.uncaughtSignal`).
    static func run(_ command: Command, _ redirection: String) throws -> (status: Int32, signalled: Bool, stdout: String, stderr: String) {
        let binary = try #require(Krtplan.binary)
        let folder = try Krtplan.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let quoted = ([binary] + command.arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        var script = "exec " + quoted.joined(separator: " ")
        let outPath = folder + "/out", errPath = folder + "/err"
        script += redirection.hasPrefix("2") ? " >'\(outPath)' \(redirection)" : " \(redirection) 2>'\(errPath)'"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script]
        var environment = ProcessInfo.processInfo.environment
        environment["KRTPLAN_FORMULATIONS"] = Krtplan.packageRoot + "/formulations"
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let read = { (path: String) in (try? String(contentsOfFile: path, encoding: .utf8)) ?? "" }
        return (process.terminationStatus, process.terminationReason == .uncaughtSignal, read(outPath), read(errPath))
    }

    @Test(arguments: cases)
    func aBrokenStreamNeverKillsTheProcess(_ command: Command, _ breakage: Breakage) throws {
        let normal = try Krtplan.run(command.arguments)
        #expect(normal.hasNoStackTrace)
        let broken = try Self.run(command, breakage.rawValue)
        #expect(!broken.signalled, "killed by signal \(broken.status)")
        #expect(!broken.stderr.contains("Fatal error") && !broken.stderr.contains("try!"), "\(broken.stderr)")
        if breakage.breaksStandardOutput, !normal.stdout.isEmpty {
            #expect(broken.status == 74, "\(broken.stderr)")
            let lines = broken.stderr.split(separator: "\n").filter { $0.contains("cannot write to standard output") }
            #expect(lines.count == 1, "\(broken.stderr)")
            let would = normal.status == 0 ? "" : " (its exit code would have been \(normal.status))"
            let reason = breakage == .stdoutFull ? "No space left on device" : "Bad file descriptor"
            #expect(lines.first.map(String.init) == "krtplan: cannot write to standard output: \(reason); the output is incomplete\(would)")
        } else {
            #expect(broken.status == normal.status, "\(breakage.rawValue): \(broken.status) vs \(normal.status)\n\(broken.stderr)")
            if !breakage.breaksStandardOutput { #expect(broken.stdout == normal.stdout) }
        }
    }

    /// A pipe whose reader has gone: SIGPIPE is ignored, so the write fails with EPIPE and the run ends with 74,
    /// not killed by the signal.
    @Test func aClosedPipeIsAnErrorNotASignal() throws {
        let binary = try #require(Krtplan.binary)
        let pipe = Pipe()
        try pipe.fileHandleForReading.close()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["formulations", "list"]
        var environment = ProcessInfo.processInfo.environment
        environment["KRTPLAN_FORMULATIONS"] = Krtplan.packageRoot + "/formulations"
        process.environment = environment
        process.standardOutput = pipe.fileHandleForWriting
        process.standardError = FileHandle.nullDevice
        try process.run()
        try pipe.fileHandleForWriting.close()
        process.waitUntilExit()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 74)
    }

    /// No `try!`, and no write to the standard streams but through Console (grep-clean, as the issue asks).
    @Test func theSourcesHaveOneWritePath() throws {
        let sources = Krtplan.packageRoot + "/Sources"
        let walker = try #require(FileManager.default.enumerator(atPath: sources))
        var offenders: [String] = []
        while let relative = walker.nextObject() as? String {
            guard relative.hasSuffix(".swift"), !relative.hasPrefix("krtplan-bench/") else { continue }
            let text = try String(contentsOfFile: sources + "/" + relative, encoding: .utf8)
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let code = line.split(separator: "//", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
                let bad = code.contains("try!") || code.contains("FileHandle.standard") || code.contains("print(")
                    || code.contains("fatalError(")
                if bad { offenders.append("\(relative):\(number + 1): \(line)") }
            }
        }
        #expect(offenders.isEmpty, "\(offenders.joined(separator: "\n"))")
    }
}
