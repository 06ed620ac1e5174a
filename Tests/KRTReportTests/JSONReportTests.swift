import Foundation
import Testing
@testable import KRTReport
import KRTPlanner

@Suite struct JSONReportTests {
    static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return decoder
    }

    /// Compares two JSON trees: same shape and strings, numbers equal up to the canonical rounding rule
    /// (6 significant digits, or 10⁻⁹ absolute).
    static func nearlyEqual(_ a: JSONValue, _ b: JSONValue, path: String = "$") -> [String] {
        switch (a, b) {
        case (.number(let x), .number(let y)):
            let ok = x == y || abs(x - y) <= max(5e-6 * max(abs(x), abs(y)), 5e-10) || (x.isNaN && y.isNaN)
            return ok ? [] : ["\(path): \(x) vs \(y)"]
        case (.array(let xs), .array(let ys)):
            guard xs.count == ys.count else { return ["\(path): \(xs.count) vs \(ys.count) elements"] }
            return zip(xs, ys).enumerated().flatMap { nearlyEqual($1.0, $1.1, path: "\(path)[\($0)]") }
        case (.object(let xs), .object(let ys)):
            guard Set(xs.keys) == Set(ys.keys) else { return ["\(path): keys differ"] }
            return xs.keys.sorted().flatMap { key in nearlyEqual(xs[key] ?? .null, ys[key] ?? .null, path: "\(path).\(key)") }
        default:
            return a == b ? [] : ["\(path): \(a) vs \(b)"]
        }
    }

    @Test func byteIdenticalAcrossRendersWithTrailingNewline() throws {
        let first = try PlanReport.json(Fixtures.plan())
        let second = try PlanReport.json(Fixtures.plan())
        #expect(Array(first.utf8) == Array(second.utf8))
        #expect(first.hasSuffix("}\n"))
        #expect(!first.hasSuffix("\n\n"))
    }

    @Test(arguments: [Fixtures.plan(), Fixtures.infeasible(), Fixtures.simulation()])
    func roundTripsThroughJSONDecoder(result: PlanResult) throws {
        let json = try PlanReport.json(result)
        let decoded = try Self.decoder().decode(PlanResult.self, from: Data(json.utf8))
        // Equal up to the rounding rule …
        let differences = Self.nearlyEqual(try JSONTreeEncoder.tree(of: result), try JSONTreeEncoder.tree(of: decoded))
        #expect(differences.isEmpty, "\(differences.prefix(5))")
        // … and the rounded value is a fixed point: rendering it again gives the same bytes.
        #expect(try PlanReport.json(decoded) == json)
        #expect(decoded.caseName == result.caseName)
        #expect(decoded.orders.map(\.drug) == result.orders.map(\.drug))
        #expect(decoded.status == result.status)
    }

    @Test func keysSortedAndNilWrittenAsNull() throws {
        let json = try PlanReport.json(Fixtures.simulation())
        #expect(json.contains("\"solver\": null"))
        let topKeys = json.split(separator: "\n").filter { $0.hasPrefix("  \"") }
            .compactMap { $0.dropFirst(3).split(separator: "\"").first.map(String.init) }
        #expect(topKeys == topKeys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        #expect(topKeys.first == "alerts" && topKeys.last == "warnings")
        #expect(json.contains("\"alerts\": []"))
        #expect(json.contains("\"times_h\": [0, 1, 2, 3,"))
    }

    @Test func numbersFollowTheCanonicalRule() throws {
        var result = Fixtures.plan()
        result.verification.maxPredictionDifference = 0.1 + 0.2
        result.verification.solverResidual = 1e-17
        result.audit.massBalanceResidual = -0.0
        result.solver?.objective = .nan
        result.solver?.bound = -.infinity
        let json = try PlanReport.json(result)
        #expect(json.contains("\"maxPredictionDifference_mmol_per_L\": 0.3,"))
        #expect(json.contains("\"solverResidual_lp_units\": 0"))
        #expect(json.contains("\"massBalanceResidual_mmol\": 0,"))
        #expect(json.contains("\"objective_points\": \"NaN\","))
        #expect(json.contains("\"bound_points\": \"-Infinity\","))
        #expect(!json.contains(/[0-9]e[-+]?[0-9]/))  // no exponent form anywhere
        let decoded = try Self.decoder().decode(PlanResult.self, from: Data(json.utf8))
        #expect(decoded.solver?.objective.isNaN == true)
        #expect(decoded.solver?.bound == -.infinity)
    }

    @Test func stringsEscapedAndNormalised() throws {
        let composed = try PlanReport.json(Fixtures.plan(caseName: "caf\u{E9} \"bed 4\"\n\t\u{1}\\ </script>"))
        let decomposed = try PlanReport.json(Fixtures.plan(caseName: "cafe\u{301} \"bed 4\"\n\t\u{1}\\ </script>"))
        #expect(Array(composed.utf8) == Array(decomposed.utf8))
        #expect(composed.contains(#""caseName": "café \"bed 4\"\n\t\u0001\\ </script>","#))
        let decoded = try Self.decoder().decode(PlanResult.self, from: Data(composed.utf8))
        #expect(decoded.caseName == "café \"bed 4\"\n\t\u{1}\\ </script>")
    }

    @Test func comparisonRoundTrips() throws {
        let comparison = Fixtures.comparison()
        let json = try ComparisonReport.json(comparison)
        #expect(json == (try ComparisonReport.json(comparison)))
        #expect(json.contains("\"status\": null"))
        #expect(json.contains("\"objective_points\": null"))
        let decoded = try Self.decoder().decode(WhatIfComparison.self, from: Data(json.utf8))
        #expect(decoded.variants.map(\.name) == ["base", "effluent 35", "SLED 8 h"])
        #expect(decoded.variants[2].status == nil)
        #expect(decoded.variants[2].error == comparison.variants[2].error)
        #expect(Self.nearlyEqual(try JSONTreeEncoder.tree(of: comparison), try JSONTreeEncoder.tree(of: decoded)).isEmpty)
    }

    @Test func encodingErrorsBecomeReportErrors() {
        struct Refuses: Encodable {
            func encode(to encoder: any Encoder) throws {
                throw EncodingError.invalidValue(0, .init(codingPath: [], debugDescription: "no"))
            }
        }
        #expect(throws: ReportError.self) { try CanonicalJSON.string(Refuses()) }
    }
}
