import Foundation
@testable import LinearProgramming
import Testing

/// The shim's setjmp guard, exercised below Swift validation (through the internal
/// lowered problem), where GLPK would otherwise call abort().
@Suite("Abort guard")
struct AbortGuardTests {
    /// Solves a lowered problem directly, skipping validation.
    static func solveRaw(_ model: LinearProgram, options: SolveOptions = SolveOptions(), corrupt: (LoweredProblem) -> Void) throws(LinearProgrammingError) -> RawSolveResult {
        let lowered = LoweredProblem(model)
        corrupt(lowered)
        return try GLPKCalls.solve(lowered, SolverParameters(options, for: model))
    }

    /// GLPK's message if `body` throws `solverAborted`, "unexpected: …" for another error, nil if none.
    static func abortMessage(_ body: () throws -> Void) -> String? {
        do {
            try body()
            return nil
        } catch LinearProgrammingError.solverAborted(let message, _) {
            return message
        } catch {
            return "unexpected: \(error)"
        }
    }

    @Test("Out-of-range column index: error returned, process continues, next solve correct")
    func outOfRangeColumn() throws {
        let (model, _, _) = Textbook.wyndor()
        let message = Self.abortMessage { _ = try Self.solveRaw(model) { $0.columnIndex[3] = 99 } }
        #expect(message?.contains("column index out of range") == true, "\(message ?? "no error")")
        // Same thread, fresh environment: a new model solves correctly.
        let (transport, _) = Textbook.transportation()
        #expect(approx(try transport.solve().solution?.objectiveValue, 153.675))
        #expect(approx(try model.solve().solution?.objectiveValue, 36))
    }

    @Test("Other fatal errors: invalid bound type, invalid solver parameter")
    func otherFatalErrors() throws {
        let (model, _, _) = Textbook.wyndor()
        let badType = Self.abortMessage { _ = try Self.solveRaw(model) { $0.rowType[1] = 99 } }
        #expect(badType?.contains("invalid row type") == true, "\(badType ?? "no error")")

        let lowered = LoweredProblem(model)
        var parameters = SolverParameters(SolveOptions(), for: model)
        parameters.messageLevel = 9
        let badParameter = Self.abortMessage { _ = try GLPKCalls.solve(lowered, parameters) }
        #expect(badParameter?.contains("invalid parameter") == true, "\(badParameter ?? "no error")")
        #expect(approx(try model.solve().solution?.objectiveValue, 36))
    }

    @Test("A GLPK assertion (MPS writer, unconstrained program) is caught too")
    func assertionInWriter() throws {
        var model = LinearProgram(name: "no_rows")
        model.addVariable(name: "idle")
        // exportText refuses this case up front; the raw writer reaches GLPK's assertion.
        #expect(throws: LinearProgrammingError.self) { try model.exportText(.freeMPS) }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("krtplan-assert-\(UUID()).mps").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let message = Self.abortMessage { _ = try GLPKCalls.write(LoweredProblem(model), format: .freeMPS, path: path) }
        #expect(message?.contains("Assertion failed") == true, "\(message ?? "no error")")
        #expect((try? model.exportText(.cplexLP)) != nil)
    }

    @Test("Many recoveries in a row leave GLPK usable")
    func repeatedRecovery() throws {
        let (model, _, _) = Textbook.wyndor()
        for round in 0..<200 {
            let message = Self.abortMessage { _ = try Self.solveRaw(model) { $0.columnIndex[0] = Int32(-5 - round) } }
            #expect(message != nil)
        }
        #expect(approx(try model.solve().solution?.objectiveValue, 36))
    }

    @Test("Inconsistent CSR arrays are rejected by the shim itself")
    func malformedArrays() {
        let (model, _, _) = Textbook.wyndor()
        #expect {
            _ = try Self.solveRaw(model) { $0.rowStart[1] = 4; $0.rowStart[2] = 1 }
        } throws: { error in
            if case LinearProgrammingError.malformedSolverInput = error { true } else { false }
        }
    }
}
