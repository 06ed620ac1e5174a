import LinearProgramming
import Testing

/// Models the LP fuzzer found that passed validation yet made GLPK assert (recovered by the guard,
/// reported as a solver failure): validation now refuses them with a message, before GLPK is called.
struct LPValidationRegressionTests {
    /// Fuzz input Tests/FuzzCorpus/lp/crash-presolve-overflow-npp5: a subnormal coefficient against a
    /// bound near 1e299; GLPK's presolver divides one by the other, gets -inf for an implied column
    /// bound and fails `col->lb < col->ub` (npp/npp5.c).
    @Test func extremeMagnitudesAreRefusedBeforeGLPK() throws {
        var program = LinearProgram(name: "fuzz")
        let x = program.addVariable(name: "x0", kind: .integer, bounds: .between(-1e15, 0))
        let y = program.addVariable(name: "x1", bounds: .atMost(2.7393168721538682e-294))
        _ = program.addConstraint(LinearExpression([(y, -127.0)], constant: -21.333333333333332), .free, name: "c0")
        _ = program.addConstraint(LinearExpression([(x, 8.065897030944992e-308)]), .atMost(-7.848990383857511e+298), name: "c1")
        program.maximize(LinearExpression())
        let issues = program.validate()
        #expect(issues.count == 3)
        #expect(issues.map(\.description).contains { $0.contains("bound is 2.7393168721538682e-294") })
        #expect(issues.map(\.description).contains { $0.contains("coefficient of 'x0' is 8.065897030944992e-308") })
        #expect(issues.map(\.description).contains { $0.contains("bound is -7.848990383857511e+298") && $0.contains("rescale") })
        #expect(throws: LinearProgrammingError.self) { try program.solve(SolveOptions(presolve: true)) }
    }

    @Test func theSameModelRescaledSolves() throws {
        var program = LinearProgram(name: "rescaled")
        let x = program.addVariable(name: "x", kind: .integer, bounds: .between(-1e15, 0))
        _ = program.addConstraint(LinearExpression([(x, 1e-3)]), .atMost(-1e3), name: "c")
        program.maximize(LinearExpression(x))
        let outcome = try program.solve(SolveOptions(presolve: true))
        #expect(outcome.isOptimal)
        #expect(outcome.solution?.value(of: x) == -1e6)
    }

    @Test func theLimitsAreWideEnoughForThePlanner() {
        // The planner keeps coefficients O(0.01–100) (DESIGN §2); the limits leave decades of room.
        #expect(LinearProgram.safeMagnitudes.coefficients.contains(1e-60))
        #expect(LinearProgram.safeMagnitudes.coefficients.contains(1e20))
        #expect(LinearProgram.safeMagnitudes.values.contains(1e25))
    }

    /// Fuzz input Tests/FuzzCorpus/lp/crash-warm-start-empty-basic-column: a warm-start basis that makes
    /// basic a column appearing in no constraint. GLPK's factorizer asserted `k1 < k2` (bflib/sgf.c)
    /// instead of rejecting the singular basis; the solve now rejects it itself and starts afresh.
    @Test func aWarmStartWithAnEmptyBasicColumnIsRejectedNotFatal() throws {
        var program = LinearProgram(name: "fuzz")
        let x = program.addVariable(name: "x0", bounds: .atMost(0.5))
        _ = program.addVariable(name: "x1", bounds: .atMost(0.5))
        _ = program.addVariable(name: "x2", bounds: .atMost(-1e9))
        _ = program.addConstraint(LinearExpression([(x, 100)], constant: -25.6), .between(0, 0), name: "c0")
        program.minimize(LinearExpression())
        let basis = Basis(constraints: [.atLower], variables: [.atLower, .atLower, .basic])
        let outcome = try program.solve(SolveOptions(presolve: false, warmStart: basis, relaxIntegrality: true))
        #expect(outcome.statistics.warmStart == .rejected)
        #expect(outcome.isOptimal)
        #expect(abs((outcome.solution?.value(of: x) ?? .nan) - 0.256) < 1e-9)
    }

    /// Fuzz input Tests/FuzzCorpus/lp/crash-intopt-integrality-assert-glpios03: an integer variable
    /// unbounded below in a row with a 1e15 coefficient; the relaxation puts it near -7e15, beyond
    /// 2^52, where `x - floor(x)` is 0 for a value GLPK calls fractional, and branch-and-cut asserts
    /// `temp1 > 0.0 && temp2 > 0.0` (glpios03.c). Integer variables now need finite bounds within ±1e15.
    @Test func integerVariablesWithoutFiniteBoundsAreRefused() throws {
        var program = LinearProgram(name: "fuzz")
        let x = program.addVariable(name: "x2", kind: .integer, bounds: .atMost(100))
        let y = program.addVariable(name: "x4", bounds: .atMost(100))
        let z = program.addVariable(name: "x7", bounds: .atMost(100))
        _ = program.addConstraint(LinearExpression([(x, 14.875), (y, 1e15), (z, -77.25)]), .atMost(41), name: "r3")
        _ = program.addConstraint(LinearExpression([(z, -51.5)]), .exactly(-51.5), name: "r5")
        program.minimize(LinearExpression([(z, -51.5)]))
        #expect(program.validate().map(\.description).contains { $0.contains("are not finite within ±1e15") })
        #expect(throws: LinearProgrammingError.self) { try program.solve() }
    }

    /// Fuzz finding (working corpus, 2026-11-25): a constraint bound of -8.2e-304 made GLPK's free MPS
    /// writer assert `strlen(csa->field) <= 12` (api/mps.c) and leak the file it had opened — one file
    /// descriptor per export, until the fuzzer ran out of them. Nonzero bounds and constants below
    /// 1e-100 are now refused like coefficients.
    @Test func subnormalBoundsAreRefusedBeforeTheMPSWriter() throws {
        var program = LinearProgram(name: "fuzz")
        let x = program.addVariable(name: "x0", bounds: .between(0, 100))
        _ = program.addConstraint(LinearExpression([(x, -51.5)]), .atMost(-51.5), name: "r0")
        _ = program.addConstraint(LinearExpression(), .atLeast(-8.206719079542735e-304), name: "r1")
        program.minimize(LinearExpression(x))
        #expect(program.validate().map(\.description).contains { $0.contains("bound is -8.206719079542735e-304") })
        #expect(throws: LinearProgrammingError.self) { try program.exportText(.freeMPS) }
        var cleaned = program
        cleaned.setBounds(.atLeast(0), of: cleaned.constraints[1].id)
        #expect(try cleaned.exportText(.freeMPS).contains("NAME"))
    }
}
