@testable import LinearProgramming
import Foundation
import Testing

/// Records every shim entry point reached while `body` runs on this task.
func shimCalls(during body: () throws -> Void) rethrows -> [String] {
    let calls = CallLog()
    try GLPKCalls.$probe.withValue({ name in calls.append(name) }, operation: body)
    return calls.names
}

final class CallLog: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [String] = []
    func append(_ name: String) { lock.withLock { storage.append(name) } }
    var names: [String] { lock.withLock { storage } }
}

@Suite("Validation")
struct ValidationTests {
    /// A program with one of every problem validation knows about.
    static func broken() -> (model: LinearProgram, foreign: Variable.ID) {
        var other = LinearProgram(name: "other")
        let foreign = other.addVariable(name: "foreign")

        var model = LinearProgram(name: "broken model")                       // space in name
        let x = model.addVariable(name: "x", bounds: .between(5, 1))           // inverted
        let y = model.addVariable(name: "y", bounds: .atLeast(.nan))           // non-finite bound
        model.addVariable(name: "x")                                           // duplicate
        model.addVariable(name: "n", kind: .integer, bounds: .between(0.5, 3)) // fractional integer bound
        model.addVariable(name: "b", kind: .binary, bounds: .between(0, 2))    // binary outside [0, 1]
        model.addVariable(name: "")                                            // empty name
        model.addVariable(name: "9lives")                                      // leading digit
        model.addVariable(name: "tab\tname")                                   // control character
        model.addVariable(name: String(repeating: "é", count: 130))            // 260 bytes of UTF-8
        model.addVariable(name: "st")                                          // LP keyword
        model.addConstraint(.infinity * x + y, .atMost(1), name: "row1")       // non-finite coefficient
        model.addConstraint(x + foreign, .atLeast(-.infinity), name: "row2")   // foreign id, -inf bound
        model.addConstraint(x + LinearExpression(constant: .nan), .exactly(1), name: "row1") // NaN constant, dup
        model.setBounds(.free, of: foreign)                                    // edit with a foreign id
        model.maximize(x + y)
        model.objective.name = "obj[1]"                                         // bracket
        return (model, foreign)
    }

    @Test("Every problem is listed, and GLPK is never called")
    func listsEverything() throws {
        let (model, foreign) = Self.broken()
        let expected: [ModelIssue.Kind] = [
            .invertedBounds(lower: 5, upper: 1),
            .duplicateName("x"),
            .nonIntegerBound(0.5),
            .binaryBoundsOutsideUnitInterval(lower: 0, upper: 2),
            .emptyName,
            .invalidName("9lives", .badFirstCharacter),
            .invalidName("tab\tname", .controlCharacter),
            .invalidName("broken model", .disallowedCharacter(" ")),
            .invalidName("st", .reservedWord),
            .invalidName("obj[1]", .disallowedCharacter("[")),
            .nonFiniteCoefficient(variable: "x", value: .infinity),
            .unknownVariable(foreign),
            .nonFiniteBound(-.infinity),
            .duplicateName("row1"),
        ]
        var thrown: LinearProgrammingError?
        let calls = shimCalls {
            do { _ = try model.solve() } catch { thrown = error as? LinearProgrammingError }
        }
        #expect(calls.isEmpty, "GLPK must not be called for an invalid model")
        guard case .invalidModel(let issues) = thrown else {
            Issue.record("expected invalidModel, got \(String(describing: thrown))")
            return
        }
        for kind in expected {
            #expect(issues.contains { $0.kind == kind }, "missing \(kind)")
        }
        // Kinds whose value is NaN cannot be compared with ==; match them by shape.
        #expect(issues.contains { if case .nonFiniteBound(let v) = $0.kind { v.isNaN } else { false } })
        #expect(issues.contains { if case .nonFiniteConstant(let v) = $0.kind { v.isNaN } else { false } })
        #expect(issues.contains { if case .nameTooLong(_, 260) = $0.kind { true } else { false } })
        #expect(issues.filter { $0.kind == .unknownVariable(foreign) }.count == 2) // the term and the edit
        // + NaN bound, NaN constant, too long, the second foreign id, and 'é' being non-ASCII.
        #expect(issues.count == expected.count + 5, "\(issues.map(\.description))")
        // Messages name the subject and the value.
        let inverted = try #require(issues.first { $0.kind == .invertedBounds(lower: 5, upper: 1) })
        #expect(inverted.description.contains("variable 'x'") && inverted.description.contains("5.0"))
    }

    @Test("Export and elastic solve validate first too")
    func otherEntryPointsValidate() {
        let (model, _) = Self.broken()
        let calls = shimCalls {
            #expect(throws: LinearProgrammingError.self) { try model.exportText(.cplexLP) }
            #expect(throws: LinearProgrammingError.self) {
                try model.solveElastic(ElasticRelaxation(constraints: [model.constraints[0].id]))
            }
        }
        #expect(calls.isEmpty)
    }

    @Test("Invalid options are issues too")
    func invalidOptions() {
        let (model, _, _) = Textbook.wyndor()
        let options = SolveOptions(timeLimit: .zero, iterationLimit: -1, relativeGap: .nan, bindingTolerance: -1)
        #expect {
            try model.solve(options)
        } throws: { error in
            guard case LinearProgrammingError.invalidModel(let issues) = error else { return false }
            return issues.count == 4 && issues.allSatisfy { $0.subject == .options }
        }
    }

    @Test("A valid program has no issues; sanitized names are valid")
    func validNames() {
        let (model, _, _) = Textbook.wyndor()
        #expect(model.validate().isEmpty)
        for raw in ["K serum t=24h", "9am", ".x", "", "end", "Mg²⁺ [mmol/L]", String(repeating: "a", count: 300)] {
            let name = ModelName.sanitized(raw)
            var probe = LinearProgram(name: "p")
            probe.addVariable(name: name)
            #expect(probe.validate().isEmpty, "\(raw) → \(name)")
        }
    }
}

@Suite("Expressions")
struct ExpressionTests {
    @Test("Duplicate terms are merged, zeros dropped, order canonical")
    func merging() {
        var model = LinearProgram(name: "e")
        let x = model.addVariable(name: "x"), y = model.addVariable(name: "y")
        let e = 2 * y + x + 3 * y - x + 0.5 * x - 4
        #expect(e.terms == [.init(0.5, x), .init(5, y)])
        #expect(e.constant == -4)
        #expect(e == LinearExpression([(y, 5), (x, 0.5)], constant: -4))
        #expect(LinearExpression.sum([x, y, x]).terms == [.init(2, x), .init(1, y)])
        #expect((-(x - y)).terms == [.init(-1, x), .init(1, y)])
        let id = model.addConstraint(e, .atMost(1), name: "c")
        #expect(model[id]?.expression.terms.count == 2)
    }

    @Test("Lookups by id and name; ids of another program are rejected")
    func lookups() {
        var model = LinearProgram(name: "a")
        let x = model.addVariable(name: "x")
        let c = model.addConstraint(LinearExpression(x), .atLeast(1), name: "c")
        #expect(model.variable(named: "x") == x && model.constraint(named: "c") == c)
        #expect(model[x]?.name == "x" && model[c]?.name == "c")
        var other = LinearProgram(name: "b")
        let z = other.addVariable(name: "x")
        #expect(model[z] == nil)
        #expect(z != x)
    }
}
