import Foundation

/// A text format for exporting a program.
public enum ExportFormat: Sendable, Hashable {
    /// CPLEX LP format (`glp_write_lp`). GLPK records the objective constant only as a
    /// comment (`\* constant term = c *\`), so readers — `glpsol --lp` included — drop it.
    case cplexLP
    /// Free MPS (`glp_write_mps` with `GLP_MPS_FILE`). GLPK names the objective row
    /// `R0000000`, writes the objective constant as its RHS, writes numbers with 12
    /// significant digits, and free MPS has no objective sense (`glpsol --freemps` needs
    /// `--max` for a maximisation). A comment block added before `NAME` records the
    /// objective's name, sense and constant so the file stays self-describing.
    case freeMPS

    /// The usual file extension, without the dot.
    public var fileExtension: String {
        switch self {
        case .cplexLP: "lp"
        case .freeMPS: "mps"
        }
    }
}

extension LinearProgram {
    /// The program as CPLEX LP or free MPS text, written by GLPK's own writers.
    ///
    /// The problem and objective names are set, so files are self-describing. GLPK writes
    /// to a uniquely named temporary file that is read back and removed; callers that
    /// need a file write the returned text themselves (atomically, if they wish).
    ///
    /// Known GLPK limitation: free MPS cannot be written for a program with no
    /// constraints that has a variable with objective coefficient 0 (GLPK's writer
    /// asserts, and leaks the file it opened); that case is refused before GLPK is called.
    /// - Throws: ``LinearProgrammingError/invalidModel(_:)`` before any GLPK call if the
    ///   program does not validate; ``LinearProgrammingError/exportFailed(reason:log:)``
    ///   for file errors and the MPS limitation above.
    public func exportText(_ format: ExportFormat) throws(LinearProgrammingError) -> String {
        let issues = validate()
        guard issues.isEmpty else { throw .invalidModel(issues) }
        if format == .freeMPS, constraints.isEmpty, !variables.isEmpty,
            Set(objective.expression.terms.lazy.filter { $0.coefficient != 0 }.map(\.variable)).count < variables.count
        {
            throw .exportFailed(
                reason: "GLPK cannot write free MPS for a program without constraints that has a variable "
                    + "with objective coefficient 0", log: "")
        }

        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("krtplan-export-\(UUID().uuidString).\(format.fileExtension)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let log = try GLPKCalls.write(LoweredProblem(self), format: format == .cplexLP ? .cplexLP : .freeMPS, path: path)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .exportFailed(reason: "could not read back '\(path)'", log: log)
        }
        let text = String(decoding: data, as: UTF8.self)
        return format == .freeMPS ? annotatingMPS(text) : text
    }

    /// Inserts a comment block naming the objective, its sense and constant before `NAME`.
    private func annotatingMPS(_ text: String) -> String {
        let sense = objective.sense == .maximize ? "maximize" : "minimize"
        var note = "* Objective:  \(objective.name) (\(sense)), written as row R0000000\n"
        if objective.sense == .maximize {
            note += "* Sense:      free MPS has no objective sense; solve with glpsol --max\n"
        }
        if objective.expression.constant != 0 {
            note += "* Constant:   \(objective.expression.constant) (GLPK writes it as the RHS of R0000000)\n"
        }
        guard let range = text.range(of: "\nNAME") else { return note + text }
        var annotated = text
        annotated.insert(contentsOf: note, at: text.index(after: range.lowerBound))
        return annotated
    }
}
