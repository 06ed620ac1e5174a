internal import CGLPK
internal import CGLPKShim

/// A validated ``LinearProgram`` flattened into the arrays of the shim's `cglpk_problem`:
/// GLPK bound types, 0-based compressed sparse rows, expression constants folded into
/// row bounds, NUL-terminated names. Built once per solve or export; O(size).
///
/// Deliberately mutable (internal): the abort-guard test corrupts it below validation.
final class LoweredProblem {
    let names: CStringTable // [problem, objective]
    let maximize: Bool
    let objectiveConstant: Double

    let columnCount: Int
    let objective: CBuffer<Double>
    let columnKind: CBuffer<Int32>
    let columnType: CBuffer<Int32>
    let columnLower: CBuffer<Double>
    let columnUpper: CBuffer<Double>
    let columnNames: CStringTable

    let rowCount: Int
    let rowType: CBuffer<Int32>
    let rowLower: CBuffer<Double>
    let rowUpper: CBuffer<Double>
    let rowNames: CStringTable
    let rowStart: CBuffer<Int32>
    let columnIndex: CBuffer<Int32>
    let values: CBuffer<Double>

    /// - Parameter relaxIntegrality: lower integer and binary variables as continuous.
    init(_ program: LinearProgram, relaxIntegrality: Bool = false) {
        names = CStringTable([program.name, program.objective.name])
        maximize = program.objective.sense == .maximize
        objectiveConstant = program.objective.expression.constant

        let variables = program.variables
        columnCount = variables.count
        objective = CBuffer(repeating: 0, count: columnCount)
        for term in program.objective.expression.terms { objective[term.variable.index] += term.coefficient }
        columnKind = CBuffer(variables.map { $0.kind == .continuous || relaxIntegrality ? GLP_CV : GLP_IV })
        columnType = CBuffer(repeating: GLP_FR, count: columnCount)
        columnLower = CBuffer(repeating: 0, count: columnCount)
        columnUpper = CBuffer(repeating: 0, count: columnCount)
        for (j, variable) in variables.enumerated() {
            (columnType[j], columnLower[j], columnUpper[j]) = Self.glpkBounds(variable.bounds)
        }
        columnNames = CStringTable(variables.lazy.map(\.name))

        let constraints = program.constraints
        rowCount = constraints.count
        rowType = CBuffer(repeating: GLP_FR, count: rowCount)
        rowLower = CBuffer(repeating: 0, count: rowCount)
        rowUpper = CBuffer(repeating: 0, count: rowCount)
        rowStart = CBuffer(repeating: 0, count: rowCount + 1)
        let rowTerms = constraints.map(\.expression.terms)
        let nonZeros = rowTerms.reduce(0) { $0 + $1.count }
        columnIndex = CBuffer(repeating: 0, count: nonZeros)
        values = CBuffer(repeating: 0, count: nonZeros)
        var k = 0
        for (i, constraint) in constraints.enumerated() {
            let shifted = constraint.bounds.shifted(by: constraint.expression.constant)
            (rowType[i], rowLower[i], rowUpper[i]) = Self.glpkBounds(shifted)
            for term in rowTerms[i] {
                columnIndex[k] = Int32(term.variable.index)
                values[k] = term.coefficient
                k += 1
            }
            rowStart[i + 1] = Int32(k)
        }
        rowNames = CStringTable(constraints.lazy.map(\.name))
    }

    /// GLPK's bound type and the lower/upper values for it (`GLP_FX` when both ends are equal).
    static func glpkBounds(_ bounds: Bounds) -> (Int32, Double, Double) {
        switch bounds {
        case .free: (GLP_FR, 0, 0)
        case .atLeast(let lower): (GLP_LO, lower, 0)
        case .atMost(let upper): (GLP_UP, 0, upper)
        case .between(let lower, let upper) where lower == upper: (GLP_FX, lower, lower)
        case .between(let lower, let upper): (GLP_DB, lower, upper)
        case .exactly(let target): (GLP_FX, target, target)
        }
    }

    /// The shim's view of these arrays, valid inside `body` only.
    func withCProblem<Result>(_ body: (UnsafePointer<cglpk_problem>) throws(LinearProgrammingError) -> Result)
        throws(LinearProgrammingError) -> Result
    {
        var problem = cglpk_problem()
        problem.name = names.pointers[0]
        problem.objective_name = names.pointers[1]
        problem.maximize = maximize ? 1 : 0
        problem.objective_constant = objectiveConstant
        problem.num_cols = Int32(columnCount)
        problem.objective = UnsafePointer(objective.pointer)
        problem.col_kind = UnsafePointer(columnKind.pointer)
        problem.col_type = UnsafePointer(columnType.pointer)
        problem.col_lb = UnsafePointer(columnLower.pointer)
        problem.col_ub = UnsafePointer(columnUpper.pointer)
        problem.col_names = UnsafePointer(columnNames.pointers.pointer)
        problem.num_rows = Int32(rowCount)
        problem.row_type = UnsafePointer(rowType.pointer)
        problem.row_lb = UnsafePointer(rowLower.pointer)
        problem.row_ub = UnsafePointer(rowUpper.pointer)
        problem.row_names = UnsafePointer(rowNames.pointers.pointer)
        problem.row_start = UnsafePointer(rowStart.pointer)
        problem.col_index = UnsafePointer(columnIndex.pointer)
        problem.values = UnsafePointer(values.pointer)
        return try withExtendedLifetime(self) { () throws(LinearProgrammingError) -> Result in
            try body(&problem)
        }
    }
}
