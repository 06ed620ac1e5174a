import LinearProgramming

// The LP fuzz target's body, shared by the libFuzzer binary (Fuzz/Targets/lp) and the corpus replay
// test (LPFuzzCorpusTests): bytes → a random LP/MILP (degenerate, huge-coefficient and NaN-laden ones
// included) → validate → solve with small limits (now and then export instead).
//
// The contract checked: a model or options that validation refuses are never handed to GLPK
// (solve throws invalidModel); a model validation accepts never makes the guarded GLPK call abort
// (no solverAborted / malformedSolverInput); a reported optimal solution satisfies its bounds.

/// Reads numbers and choices from the fuzzer's bytes; zeros when they run out.
struct ByteReader {
    var bytes: ArraySlice<UInt8>

    mutating func byte() -> UInt8 { bytes.popFirst() ?? 0 }
    mutating func int(_ upper: Int) -> Int { upper <= 0 ? 0 : Int(byte()) % upper }
    mutating func bool() -> Bool { byte() & 1 == 1 }

    /// A number from a palette of awkward values, or a small integer, or raw bits.
    mutating func number() -> Double {
        let palette: [Double] = [0, -0.0, 1, -1, 0.5, 2, 10, -10, 100, 1e-9, 1e-300, .leastNonzeroMagnitude, 1e9, -1e9, 1e300, -1e300,
                                 .greatestFiniteMagnitude, .nan, .infinity, -.infinity, 1e15, 1e-15, 3, 7]
        switch byte() % 4 {
        case 0: return palette[int(palette.count)]
        case 1, 2: return Double(Int(byte()) - 128) / Double(1 + int(8))
        default:
            var bits: UInt64 = 0
            for _ in 0..<8 { bits = bits << 8 | UInt64(byte()) }
            return Double(bitPattern: bits)
        }
    }

    mutating func bounds() -> Bounds? {
        switch int(7) {
        case 0: return nil
        case 1: return .free
        case 2: return .atLeast(number())
        case 3: return .atMost(number())
        case 4: return .exactly(number())
        default: return .between(number(), number())
        }
    }
}

func names(_ reader: inout ByteReader, prefix: String, index: Int) -> String {
    switch reader.int(16) {
    case 0: return ""
    case 1: return "\(prefix)"                      // duplicates across the model
    case 2: return String(repeating: "n", count: 300)
    case 3: return "bad name\u{0}\n"
    default: return "\(prefix)\(index)"
    }
}

/// Builds, validates and solves the model the bytes describe; returns every broken contract.
func runLPFuzzInput(_ bytes: [UInt8]) -> [String] {
    var violations: [String] = []
    var reader = ByteReader(bytes: ArraySlice(bytes))
    var program = LinearProgram(name: reader.int(20) == 0 ? "" : "fuzz")
    var other = LinearProgram(name: "other")
    let foreign = other.addVariable(name: "z")
    var variables: [Variable.ID] = []
    for index in 0..<(1 + reader.int(12)) {
        let kinds: [Variable.Kind] = [.continuous, .continuous, .integer, .binary]
        let kind = kinds[reader.int(kinds.count)]
        variables.append(program.addVariable(name: names(&reader, prefix: "x", index: index), kind: kind, bounds: reader.bounds()))
    }
    func expression(_ reader: inout ByteReader) -> LinearExpression {
        var pairs: [(Variable.ID, Double)] = []
        for _ in 0..<reader.int(8) {
            let variable = reader.int(40) == 0 ? foreign : variables[reader.int(variables.count)]
            pairs.append((variable, reader.number()))
        }
        return LinearExpression(pairs, constant: reader.int(6) == 0 ? reader.number() : 0)
    }
    var constraints: [Constraint.ID] = []
    for index in 0..<reader.int(12) {
        let bounds = reader.bounds() ?? .free
        constraints.append(program.addConstraint(expression(&reader), bounds, name: names(&reader, prefix: "c", index: index)))
    }
    if reader.bool() { program.minimize(expression(&reader)) } else { program.maximize(expression(&reader)) }
    // Edits after the fact, now and then with another program's ids.
    if reader.int(4) == 0, let bounds = reader.bounds() {
        program.setBounds(bounds, of: reader.int(10) == 0 ? foreign : variables[reader.int(variables.count)])
    }
    if reader.int(4) == 0, !constraints.isEmpty, let bounds = reader.bounds() {
        program.setBounds(bounds, of: constraints[reader.int(constraints.count)])
    }

    var options = SolveOptions(timeLimit: .milliseconds(200 + reader.int(300)), nodeLimit: 1 + reader.int(50))
    if reader.int(8) == 0 { options.timeLimit = .zero }
    if reader.int(4) == 0 { options.iterationLimit = reader.int(8) == 0 ? 0 : 1 + reader.int(500) }
    if reader.int(3) == 0 { options.presolve = reader.bool() }
    if reader.int(3) == 0 { options.relativeGap = reader.number() }
    if reader.int(8) == 0 { options.bindingTolerance = reader.number() }
    options.relaxIntegrality = reader.int(4) == 0
    options.simplexMethod = [.primal, .dual, .dualThenPrimal][reader.int(3)]
    if reader.int(6) == 0 {
        options.presolve = false
        options.mipStart = (0..<(variables.count + reader.int(3) - 1)).map { _ in reader.number() }
    }
    if reader.int(6) == 0 {
        let statuses: [Basis.Status] = [.basic, .atLower, .atUpper, .free, .fixed]
        options.warmStart = Basis(
            constraints: (0..<max(0, constraints.count + reader.int(3) - 1)).map { _ in statuses[reader.int(statuses.count)] },
            variables: (0..<max(0, variables.count + reader.int(3) - 1)).map { _ in statuses[reader.int(statuses.count)] })
    }

    let issues = program.validate()
    switch reader.int(10) {
    case 0:
        _ = try? program.exportText(reader.bool() ? .cplexLP : .freeMPS)
    default:
        do {
            let outcome = try program.solve(options)
            if !issues.isEmpty { violations.append("solve accepted a model that validate() refuses: \(issues)") }
            violations += checkSolution(outcome, program: program).map { "\($0)\n\(describe(program, options))" }
        } catch {
            switch error {
            case .invalidModel: break
            case .solverAborted, .malformedSolverInput:
                if issues.isEmpty { violations.append("GLPK aborted on a validated model: \(error)\n\(describe(program, options))") }
            default: break
            }
        }
    }
    return violations
}

/// An optimal answer's `residuals` (the layer's independent Swift re-check, docs/lp-layer.md) must be
/// honest: GLPK may return an "optimal" point that breaks a bound on a badly scaled MIP (the fuzzer found
/// one off by 0.19 with 1e9 coefficients, Tests/FuzzCorpus/lp/finding-optimal-point-outside-bound), and
/// callers rely on the residuals to see it. NaN is never acceptable.
func checkSolution(_ outcome: SolveOutcome, program: LinearProgram) -> [String] {
    guard outcome.termination == .optimal, let solution = outcome.solution else { return [] }
    var worst = 0.0
    for variable in program.variables {
        guard let value = solution.value(of: variable.id) else { continue }
        if value.isNaN { return ["NaN in an optimal solution"] }
        worst = max(worst, variable.bounds.lower - value, value - variable.bounds.upper)
    }
    let reported = solution.residuals.maxBoundViolation
    if !(reported >= worst - 1e-9 * max(1, worst)) {
        return ["residuals report a bound violation of \(reported), but a value is \(worst) outside its bounds"]
    }
    return []
}

/// The model in words, for a crash report.
func describe(_ program: LinearProgram, _ options: SolveOptions) -> String {
    var lines = ["options: presolve \(String(describing: options.presolve)) relax \(options.relaxIntegrality) "
                 + "gap \(String(describing: options.relativeGap)) mipStart \(String(describing: options.mipStart)) "
                 + "warm \(options.warmStart != nil) method \(options.simplexMethod)"]
    if let basis = options.warmStart { lines.append("warm start: rows \(basis.constraints), columns \(basis.variables)") }
    lines.append("objective \(program.objective.sense): \(program.objective.expression.terms.map { "\($0.coefficient)·\($0.variable)" })")
    for variable in program.variables { lines.append("var \(variable.id) \(variable.kind) \(variable.bounds)") }
    for constraint in program.constraints {
        let terms = constraint.expression.terms.map { "\($0.coefficient)·\($0.variable)" }
        lines.append("row \(constraint.id) \(terms) + \(constraint.expression.constant) in \(constraint.bounds)")
    }
    return lines.joined(separator: "\n")
}
