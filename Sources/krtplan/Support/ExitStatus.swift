import ArgumentParser
import KRTCatalog
import KRTInput
import KRTPlanner

/// The project-wide exit codes (docs/cli.md).
enum ExitStatus: Int32, Sendable {
    /// Completed; nothing to report.
    case ok = 0
    /// Completed with warnings that need a decision.
    case warnings = 2
    /// Completed and found something unsafe (a limit exceeded, an incompatibility).
    case unsafe = 3
    /// No plan keeps the predictions inside the hard bounds; the least-violating plan was printed.
    case hardBoundsUnmet = 4
    /// The time limit ended the search before any plan met the hard bounds; nothing was written.
    case timeLimit = 5
    /// `fit`: the estimation did not converge (the reason is printed; docs/fitting.md).
    case fitNotConverged = 6
    /// Wrong options or arguments (sysexits EX_USAGE).
    case usage = 64
    /// A data file is wrong (EX_DATAERR).
    case data = 65
    /// A file or folder is missing (EX_NOINPUT).
    case noInput = 66
    /// A bug: an error no rule expected (EX_SOFTWARE).
    case internalError = 70
    /// An output file cannot be written (EX_CANTCREAT).
    case cannotWrite = 73
    /// Standard output could not be written: full, closed, or a closed pipe (EX_IOERR); the output is incomplete.
    case outputFailed = 74

    init(_ kind: InputError.Kind) {
        switch kind {
        case .usage: self = .usage
        case .data: self = .data
        case .noInput: self = .noInput
        case .cannotCreateOutput: self = .cannotWrite
        }
    }

    /// 0, 2 or 3 for the most serious finding of a completed check.
    init(worst severity: FindingSeverity?) {
        switch severity {
        case .unsafe?: self = .unsafe
        case .warning?: self = .warnings
        case .note?, nil: self = .ok
        }
    }
}

/// A failure a command reports as one line on stderr, with its exit status.
struct CommandFailure: Error {
    let status: ExitStatus
    let message: String

    init(_ status: ExitStatus, _ message: String) {
        self.status = status
        self.message = message
    }

    /// A problem with one option's value, e.g. `--add 'x': …`.
    static func usage(_ option: String, _ message: String) -> CommandFailure {
        CommandFailure(.usage, "\(option): \(message)")
    }
}

/// Runs a command body and turns every failure into clear lines on stderr and a documented exit code;
/// never a stack trace.
enum CommandRunner {
    static func run(_ body: () throws -> ExitStatus) throws {
        let status: ExitStatus
        do {
            status = try body()
        } catch let failure as CommandFailure {
            Console.error(failure.message)
            status = failure.status
        } catch let error as InputError {
            Console.errorLines(error.description)
            status = ExitStatus(error.kind)
        } catch let error as PlanningError {
            Console.error(error.description)
            if case .timeLimit = error { status = .timeLimit } else { status = .internalError }
        } catch let error as CatalogError {
            Console.errorLines(error.description)
            status = ExitStatus(rawValue: error.exitCode) ?? .data
        } catch let error as ExitCode {
            throw error
        } catch {
            Console.error("internal error: \(error)")
            status = .internalError
        }
        if status != .ok { throw ExitCode(status.rawValue) }
    }
}
