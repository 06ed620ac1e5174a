/// Why a solve or export produced no ``SolveOutcome`` / text at all.
///
/// Solver conclusions (infeasible, time limit, …) are *not* errors: they are
/// ``SolveOutcome/termination`` values. These errors mean the model never reached
/// GLPK, or GLPK failed in a way this layer should have prevented.
public enum LinearProgrammingError: Error, Sendable, CustomStringConvertible {
    /// Validation found problems; GLPK was not called. Lists every issue found.
    case invalidModel([ModelIssue])
    /// GLPK raised a fatal error (it would have called `abort()`); the guard recovered,
    /// freed the thread's GLPK environment, and the process continues.
    /// `message` is GLPK's diagnostic. Corresponds to the shim's `CGLPK_FATAL`.
    case solverAborted(message: String, log: String)
    /// GLPK returned a code this layer never expects for a validated model
    /// (e.g. `GLP_EBOUND`, `GLP_EROOT`).
    case unexpectedReturnCode(GLPKReturnCode, log: String)
    /// The shim could not allocate memory (`CGLPK_NO_MEMORY`).
    case outOfMemory
    /// The shim rejected the arrays handed to it (`CGLPK_BAD_INPUT`): a bug in this layer.
    case malformedSolverInput
    /// Writing or reading an export file failed.
    case exportFailed(reason: String, log: String)

    public var description: String {
        switch self {
        case .invalidModel(let issues):
            "invalid model (\(issues.count) issue\(issues.count == 1 ? "" : "s")):\n"
                + issues.map { "  - \($0)" }.joined(separator: "\n")
        case .solverAborted(let message, _):
            "GLPK fatal error (recovered): \(message.trimmingTrailingNewlines)"
        case .unexpectedReturnCode(let code, _):
            "GLPK returned the unexpected code \(code)"
        case .outOfMemory:
            "out of memory while preparing the GLPK problem"
        case .malformedSolverInput:
            "internal error: inconsistent arrays passed to the GLPK shim"
        case .exportFailed(let reason, _):
            "export failed: \(reason)"
        }
    }
}

extension String {
    var trimmingTrailingNewlines: Substring {
        var text = Substring(self)
        while text.last?.isNewline == true { text.removeLast() }
        return text
    }
}
