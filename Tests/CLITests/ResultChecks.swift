import Foundation
import Testing

/// Structural checks of a plan or simulation in JSON (the `PlanResult` shape). They assert what every
/// result must have, never numbers that may change when the planner improves.
enum PlanJSON {
    static func check(_ result: [String: Any], line: BundledCases.RunLine, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let isPlan = line.command == "plan"
        #expect(result["kind"] as? String == (isPlan ? "plan" : "simulation"), sourceLocation: sourceLocation)
        let status = try #require(result["status"] as? String)
        #expect(result["alerts"] is [Any], "every result has its alerts array", sourceLocation: sourceLocation)
        #expect((status == "hardBoundsUnmet") == (line.expectedExit == 4), "status \(status)", sourceLocation: sourceLocation)
        if !isPlan { #expect(status == "simulated", sourceLocation: sourceLocation) }
        let horizon = try #require(result["horizon_h"] as? Double), step = try #require(result["step_h"] as? Double)

        // Predicted levels: one value per report time for K, phosphate and Mg, all plausible serum levels.
        let trajectory = try #require(result["trajectory"] as? [String: Any])
        let times = try #require(trajectory["times_h"] as? [Double])
        #expect(times.count == Int((horizon / step).rounded()) + 1, sourceLocation: sourceLocation)
        let series = try #require(trajectory["series"] as? [[String: Any]])
        #expect(series.compactMap { $0["solute"] as? String } == ["potassium", "phosphate", "magnesium"], sourceLocation: sourceLocation)
        for entry in series {
            let values = try #require(entry["values_mmol_per_L"] as? [Double])
            #expect(values.count == times.count, sourceLocation: sourceLocation)
            #expect(values.allSatisfy { $0.isFinite && $0 > 0 && $0 < 12 }, "\(entry["solute"] ?? "")", sourceLocation: sourceLocation)
        }
        let solutes = try #require(result["solutes"] as? [[String: Any]])
        #expect(solutes.count == 3, sourceLocation: sourceLocation)
        for summary in solutes {
            let low = summary["minimum_mmol_per_L"] as? Double ?? .nan, high = summary["maximum_mmol_per_L"] as? Double ?? .nan
            let inRange = summary["timeInRange_fraction"] as? Double ?? .nan
            #expect(low <= high && (0...1).contains(inRange), "\(summary)", sourceLocation: sourceLocation)
        }

        // Lab draws inside the plan; orders as a clinician writes them; fluids per stream.
        let draws = try #require(result["labDraws"] as? [[String: Any]])
        #expect(!draws.isEmpty, sourceLocation: sourceLocation)
        #expect(draws.allSatisfy { ($0["at_h"] as? Double).map { $0 > 0 && $0 <= horizon } ?? false }, sourceLocation: sourceLocation)
        let orders = try #require(result["orders"] as? [[String: Any]])
        for order in orders {
            for key in ["drug", "dose", "route"] { #expect(!((order[key] as? String) ?? "").isEmpty, "order \(key)", sourceLocation: sourceLocation) }
            #expect(((order["at_h"] as? Double) ?? -1) >= 0, sourceLocation: sourceLocation)
            #expect(!((order["delivers"] as? [Any]) ?? []).isEmpty, sourceLocation: sourceLocation)
        }
        let fluids = try #require(result["fluids"] as? [[String: Any]])
        #expect(!fluids.isEmpty && fluids.allSatisfy { !(($0["product"] as? String) ?? "").isEmpty }, sourceLocation: sourceLocation)

        // Verification, explanation and audit.
        let verification = try #require(result["verification"] as? [String: Any])
        if isPlan {
            // The value is reported (the planner refuses plans above the tolerance itself: PlanTerminationTests).
            #expect(verification["maxPredictionDifference_mmol_per_L"] is Double, sourceLocation: sourceLocation)
            #expect(result["solver"] is [String: Any], sourceLocation: sourceLocation)
        }
        let explanation = try #require(result["explanation"] as? [String: Any])
        let violations = try #require(explanation["violations"] as? [[String: Any]])
        #expect(violations.isEmpty == (line.expectedExit != 4), "violations \(violations)", sourceLocation: sourceLocation)
        let audit = try #require(result["audit"] as? [String: Any])
        #expect((audit["inputSHA256"] as? String)?.count == 64, sourceLocation: sourceLocation)
        #expect(!((audit["glpkVersion"] as? String) ?? "").isEmpty, sourceLocation: sourceLocation)
    }
}

/// The HTML report of a real result: one page, three charts, no network.
enum ReportHTML {
    static func check(_ html: String, caseName: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(html.hasPrefix("<!DOCTYPE html>"), sourceLocation: sourceLocation)
        #expect(html.components(separatedBy: "<svg").count - 1 == 3, sourceLocation: sourceLocation)
        #expect(!html.contains("<script") && !html.contains("src="), sourceLocation: sourceLocation)
        #expect(html.contains("Content-Security-Policy"), sourceLocation: sourceLocation)
        let escaped = caseName.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "'", with: "&#39;")
        #expect(html.contains(escaped), sourceLocation: sourceLocation)
        #expect(html.hasSuffix("</html>\n") || html.hasSuffix("</html>"), sourceLocation: sourceLocation)
    }
}

/// Splitting a command line from a comment the way a POSIX shell would (single and double quotes).
enum ShellWords {
    static func split(_ line: String) -> [String] {
        var words: [String] = [], current = "", quote: Character? = nil, inWord = false
        for character in line {
            if let open = quote {
                if character == open { quote = nil } else { current.append(character) }
            } else if character == "'" || character == "\"" {
                quote = character
                inWord = true
            } else if character.isWhitespace {
                if inWord { words.append(current); current = ""; inWord = false }
            } else {
                current.append(character)
                inWord = true
            }
        }
        if inWord { words.append(current) }
        return words
    }

    /// `PATH=VALUE,PATH=VALUE` with commas inside `[...]` or `{...}` kept in the value (as `--variant` reads it).
    static func splitVariantChanges(_ text: String) -> [String] {
        var parts: [String] = [], current = "", depth = 0
        for character in text {
            if character == "[" || character == "{" { depth += 1 }
            if character == "]" || character == "}" { depth = max(0, depth - 1) }
            if character == ",", depth == 0 { parts.append(current); current = "" } else { current.append(character) }
        }
        parts.append(current)
        return parts
    }
}
