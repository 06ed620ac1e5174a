import LinearProgramming

extension Planner {
    /// The full monolithic model of the case — every allowed fluid combination as binaries, every order
    /// as integers — as CPLEX LP or free MPS text, for audit and independent re-solving. Its optimum
    /// equals the plan's objective within the plan's stated gap.
    public func exportModel(_ planningCase: PlanningCase, format: ExportFormat) throws -> String {
        try PlanModel(problem: planningCase.problem).program.exportText(format)
    }
}
