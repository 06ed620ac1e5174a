internal import CGLPKShim

/// What the shim reported for one solve, copied into Swift values.
struct RawSolveResult {
    var returnCode: Int32
    var ranSimplex: Bool
    var ranIntopt: Bool
    var lpStatus: Int32
    var lpPrimalStatus: Int32
    var lpDualStatus: Int32
    var mipStatus: Int32
    var objective: Double
    var columnValues: [Double]?
    var rowValues: [Double]?
    var rowDuals: [Double]?
    var columnDuals: [Double]?
    var rowStatuses: [Int32]?
    var columnStatuses: [Int32]?
    var mipBound: Double?
    var iterations: Int
    var nodes: Int
    var warmStart: Int32
    var log: String
}

/// The C boundary: the only Swift file that calls into the shim (and so, indirectly,
/// GLPK). Every call here is synchronous and completes build → solve → extract →
/// delete → `glp_free_env` on the calling thread, inside the shim's guard.
enum GLPKCalls {
    /// Test probe: called with the entry point's name before every shim call that
    /// reaches GLPK (lets tests prove that invalid models never get there).
    @TaskLocal static var probe: (@Sendable (String) -> Void)?

    /// Version of the linked library (GLPK's `glp_version`).
    static let libraryVersion = String(cString: cglpk_version())
    /// Version of the `glpk.h` the shim was compiled against.
    static let headerVersion = String(cString: cglpk_header_version())

    /// Solves a lowered problem. Throws only for shim-level failures (GLPK fatal error,
    /// memory, malformed arrays); solver conclusions are in the result.
    static func solve(_ problem: LoweredProblem, _ parameters: SolverParameters) throws(LinearProgrammingError) -> RawSolveResult {
        probe?("cglpk_solve")
        let m = problem.rowCount, n = problem.columnCount
        let columnValues = CBuffer<Double>(repeating: .nan, count: n)
        let rowValues = CBuffer<Double>(repeating: .nan, count: m)
        let rowDuals = CBuffer<Double>(repeating: .nan, count: m)
        let columnDuals = CBuffer<Double>(repeating: .nan, count: n)
        let rowStatuses = CBuffer<Int32>(repeating: 0, count: m)
        let columnStatuses = CBuffer<Int32>(repeating: 0, count: n)
        let warmRows = parameters.warmRows.map { CBuffer($0) }
        let warmColumns = parameters.warmColumns.map { CBuffer($0) }
        let mipStart = parameters.mipStart.map { CBuffer($0) }

        var params = cglpk_params()
        params.mip = parameters.isMIP ? 1 : 0
        params.msg_lev = parameters.messageLevel
        params.meth = parameters.method
        params.presolve = parameters.presolve ? 1 : 0
        params.tm_lim = parameters.timeLimitMilliseconds
        params.it_lim = parameters.iterationLimit
        params.mip_gap = parameters.relativeGap
        params.br_tech = parameters.branching
        params.bt_tech = parameters.backtracking
        params.gmi_cuts = SolverParameters.flag(parameters.cuts.contains(.gomory))
        params.mir_cuts = SolverParameters.flag(parameters.cuts.contains(.mixedIntegerRounding))
        params.cov_cuts = SolverParameters.flag(parameters.cuts.contains(.cover))
        params.clq_cuts = SolverParameters.flag(parameters.cuts.contains(.clique))
        params.fp_heur = SolverParameters.flag(parameters.heuristics.contains(.feasibilityPump))
        params.ps_heur = SolverParameters.flag(parameters.heuristics.contains(.proximitySearch))
        params.sr_heur = SolverParameters.flag(parameters.heuristics.contains(.simpleRounding))
        params.warm_row_stat = warmRows.map { UnsafePointer($0.pointer) }
        params.warm_col_stat = warmColumns.map { UnsafePointer($0.pointer) }
        params.node_limit = parameters.nodeLimit
        params.mip_start = mipStart.map { UnsafePointer($0.pointer) }

        var result = cglpk_result()
        result.col_value = columnValues.pointer
        result.row_value = rowValues.pointer
        result.row_dual = rowDuals.pointer
        result.col_dual = columnDuals.pointer
        result.row_stat = rowStatuses.pointer
        result.col_stat = columnStatuses.pointer

        let buffers = (columnValues, rowValues, rowDuals, columnDuals, rowStatuses, columnStatuses, warmRows, warmColumns, mipStart)
        let status = try problem.withCProblem { cProblem throws(LinearProgrammingError) in
            withExtendedLifetime(buffers) { cglpk_solve(cProblem, &params, &result) }
        }
        defer { cglpk_result_release(&result) }
        let log = takeLog(result)
        try check(status, result: result, log: log)

        return RawSolveResult(
            returnCode: result.rc,
            ranSimplex: result.ran_simplex != 0,
            ranIntopt: result.ran_intopt != 0,
            lpStatus: result.lp_status,
            lpPrimalStatus: result.lp_primal_status,
            lpDualStatus: result.lp_dual_status,
            mipStatus: result.mip_status,
            objective: result.objective,
            columnValues: result.has_values != 0 ? columnValues.array : nil,
            rowValues: result.has_values != 0 ? rowValues.array : nil,
            rowDuals: result.has_duals != 0 ? rowDuals.array : nil,
            columnDuals: result.has_duals != 0 ? columnDuals.array : nil,
            rowStatuses: result.has_basis != 0 ? rowStatuses.array : nil,
            columnStatuses: result.has_basis != 0 ? columnStatuses.array : nil,
            mipBound: result.has_mip_bound != 0 ? result.mip_bound : nil,
            iterations: Int(result.iterations),
            nodes: Int(result.nodes),
            warmStart: result.warm_start,
            log: log
        )
    }

    /// Export formats of the shim.
    enum FileFormat {
        case cplexLP, freeMPS
    }

    /// Writes a lowered problem to `path` with GLPK's writer; returns GLPK's log.
    static func write(_ problem: LoweredProblem, format: FileFormat, path: String) throws(LinearProgrammingError) -> String {
        probe?("cglpk_write")
        let cFormat = switch format {
        case .cplexLP: Int32(CGLPK_FORMAT_CPLEX_LP)
        case .freeMPS: Int32(CGLPK_FORMAT_FREE_MPS)
        }
        var result = cglpk_result()
        let status = try problem.withCProblem { cProblem throws(LinearProgrammingError) in
            path.withCString { cPath in cglpk_write(cProblem, cFormat, cPath, &result) }
        }
        defer { cglpk_result_release(&result) }
        let log = takeLog(result)
        try check(status, result: result, log: log)
        if status != 0 {
            throw .exportFailed(reason: "GLPK's writer returned \(status) for '\(path)'", log: log)
        }
        return log
    }

    private static func takeLog(_ result: cglpk_result) -> String {
        guard let log = result.log else { return "" }
        let text = String(cString: log)
        return result.log_truncated != 0 ? text + "\n[log truncated at 1 MiB]\n" : text
    }

    private static func check(_ status: Int32, result: cglpk_result, log: String) throws(LinearProgrammingError) {
        switch status {
        case Int32(CGLPK_FATAL):
            let message = result.error_message.map { String(cString: $0) } ?? "GLPK fatal error"
            throw .solverAborted(message: message, log: log)
        case Int32(CGLPK_NO_MEMORY):
            throw .outOfMemory
        case Int32(CGLPK_BAD_INPUT):
            throw .malformedSolverInput
        default:
            return
        }
    }
}
