extension LinearProgram {
    /// Solves the program with GLPK: simplex for an LP, branch-and-cut for a MIP.
    ///
    /// Synchronous and self-contained: the GLPK problem is built, solved, read back and
    /// deleted inside one guarded C call on the calling thread, so solves may run
    /// concurrently on different threads. Any GLPK fatal error is recovered and thrown.
    ///
    /// - Throws: ``LinearProgrammingError/invalidModel(_:)`` listing every problem of the
    ///   program and options (GLPK is then not called);
    ///   ``LinearProgrammingError/solverAborted(message:log:)`` and the other cases only
    ///   for failures this layer should have prevented. Infeasibility, limits and
    ///   numerical trouble are reported in the outcome, not thrown.
    public func solve(_ options: SolveOptions = SolveOptions()) throws(LinearProgrammingError) -> SolveOutcome {
        let issues = validate() + options.issues()
        guard issues.isEmpty else { throw .invalidModel(issues) }

        let parameters = SolverParameters(options, for: self)
        let lowered = LoweredProblem(self, relaxIntegrality: options.relaxIntegrality)
        let clock = ContinuousClock()
        let started = clock.now
        let raw = try GLPKCalls.solve(lowered, parameters)
        let wallTime = clock.now - started

        let mapping = try ResultMapping(raw, isMIP: parameters.isMIP)
        let statistics = SolveStatistics(
            wallTime: wallTime,
            simplexIterations: raw.iterations,
            branchAndBoundNodes: raw.nodes,
            warmStart: ResultMapping.warmStartUse(planned: parameters.warmStartPlan, reported: raw.warmStart),
            presolved: parameters.presolve,
            solvedAsMIP: parameters.isMIP
        )
        return SolveOutcome(
            termination: mapping.termination,
            primalStatus: mapping.primal,
            dualStatus: mapping.dual,
            solution: solution(from: raw, mapping: mapping, isMIP: parameters.isMIP, options: options),
            basis: basis(from: raw),
            returnCode: GLPKReturnCode(rawValue: raw.returnCode),
            solverStatus: mapping.status,
            statistics: statistics,
            solverLog: raw.log
        )
    }

    private func solution(from raw: RawSolveResult, mapping: ResultMapping, isMIP: Bool, options: SolveOptions) -> Solution? {
        guard mapping.primal == .feasible, let values = raw.columnValues, let rows = raw.rowValues else { return nil }
        let activities = constraints.map { rows[$0.id.index] + $0.expression.constant }
        let withDuals = !isMIP && mapping.termination == .optimal
        var bestBound: Double?
        if isMIP {
            bestBound = mapping.termination == .optimal ? raw.objective : raw.mipBound
        }
        return Solution(
            program: self,
            objectiveValue: raw.objective,
            variableValues: values,
            constraintActivities: activities,
            shadowPrices: withDuals ? raw.rowDuals : nil,
            reducedCosts: withDuals ? raw.columnDuals : nil,
            bestBound: bestBound,
            tolerance: options.bindingTolerance,
            checkIntegrality: !options.relaxIntegrality
        )
    }

    private func basis(from raw: RawSolveResult) -> Basis? {
        guard let rows = raw.rowStatuses, let columns = raw.columnStatuses else { return nil }
        return Basis(
            constraints: rows.map(SolverParameters.basisStatus),
            variables: columns.map(SolverParameters.basisStatus))
    }
}

/// The version of the linked GLPK library as GLPK's `glp_version` reports it (e.g. `"5.0"`), for audit blocks.
public let glpkVersion: String = GLPKCalls.libraryVersion

/// The version of `glpk.h` the shim was compiled against; should equal ``glpkVersion``.
public let glpkHeaderVersion: String = GLPKCalls.headerVersion
