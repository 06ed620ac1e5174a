import Foundation
import Testing

/// Resource limits: the time grid is bounded (14 days, 5-minute steps, 4032 steps) so no case builds
/// an unbounded model, and a time limit ends a plan with a clear result instead of a hang
/// (docs/safety.md#resource-limits).
struct ResourceLimitTests {
    static let base = Krtplan.packageRoot + "/Tests/CLITests/BadInputs/cases/weight-zero.yaml"

    /// The corpus base case (weight fixed back to 82 kg) on the given time grid.
    func caseFile(horizon: String, step: String, in folder: String) throws -> String {
        let text = try String(contentsOfFile: Self.base, encoding: .utf8)
            .replacingOccurrences(of: "weight: 0 kg", with: "weight: 82 kg")
            .replacingOccurrences(of: "horizon: 24 h", with: "horizon: \(horizon)")
            .replacingOccurrences(of: "step: 1 h", with: "step: \(step)")
        let path = folder + "/grid-\(horizon)-\(step).yaml".replacingOccurrences(of: " ", with: "")
        try Krtplan.write(text, to: path)
        return path
    }

    @Test func theTimeGridIsBoundedWithClearMessages() throws {
        let folder = try Krtplan.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let largest = try Krtplan.run("validate", try caseFile(horizon: "14 days", step: "5 min", in: folder))
        #expect(largest.status == 0, "the largest documented grid (4032 steps) must be accepted: \(largest.stderr)")
        let oneMinute = try Krtplan.run("validate", try caseFile(horizon: "30 days", step: "1 min", in: folder))
        #expect(oneMinute.status == 65)
        #expect(oneMinute.stderr.contains("horizon (line 31): 30 days is outside the accepted range; expected a horizon from 1 h to 14 days"))
        #expect(oneMinute.stderr.contains("step (line 32): 1 min is outside the accepted range; expected a step from 5 min to 24 h"))
        let longer = try Krtplan.run("validate", try caseFile(horizon: "15 days", step: "1 h", in: folder))
        #expect(longer.status == 65 && longer.stderrLines.count == 1 && longer.stderr.contains("15 days is outside the accepted range"))
    }

    /// The largest model the grid allows, with a time limit far too short for it: a clear line and
    /// exit 5 (no plan exists yet), not a hang, no output file, no stack trace.
    @Test func aTimeLimitOnTheLargestModelEndsWithAClearMessage() throws {
        let folder = try Krtplan.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = try caseFile(horizon: "14 days", step: "5 min", in: folder)
        let output = folder + "/plan.json"
        let run = try Krtplan.run(["plan", path, "--time-limit", "0.5", "--output", output], hangGuard: 600)
        #expect(run.status != -1, "the plan hung")
        #expect(run.hasNoStackTrace)
        if run.status == 0 {
            // A fast machine may finish the relaxation: then the plan must say the time limit stopped it.
            let text = try String(contentsOfFile: output, encoding: .utf8)
            #expect(text.contains("time limit"), "a plan stopped by its time limit must say so")
        } else {
            #expect(run.status == 5, "\(run.stderr)")
            #expect(run.stderrLines == ["krtplan: no plan within the time limit of 0.5 s: the search stopped before it found orders that keep the predictions inside the hard bounds; raise --time-limit (or solver.time_limit in the case), shorten the horizon or use a longer step"])
            #expect(!FileManager.default.fileExists(atPath: output))
        }
    }

    /// A time limit that stops the search after a first plan exists: the plan is printed and its
    /// status says the time limit ended the search.
    @Test func aTimeLimitDuringTheSearchIsReportedInThePlan() throws {
        let run = try Krtplan.run(["plan", Krtplan.packageRoot + "/cases/flagship-citrate-cvvhdf.yaml", "--time-limit", "0.2",
                                   "--format", "json", "--threads", "1"], hangGuard: 600)
        #expect(run.status != -1 && run.hasNoStackTrace)
        if run.status == 0 {
            let status = try run.json()["status"] as? String
            #expect(status == "timeLimit" || status == "optimal" || status == "bestFound", "status \(status ?? "none")")
        } else {
            #expect(run.status == 5 && run.stderr.contains("no plan within the time limit"), "\(run.stderr)")
        }
    }
}
