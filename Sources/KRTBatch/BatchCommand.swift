import KRTCatalog
import KRTInput
import KRTPlanner

/// What a batch runs on each line's case: a name (`simulate`, `plan`; `fit` plugs in the same way) and a
/// function from the case document to an outcome. Runs on worker threads; must not depend on thread timing.
public struct BatchCommand: Sendable {
    public let name: String
    public let run: @Sendable (YAMLDocument) -> LineOutcome

    public init(name: String, run: @escaping @Sendable (YAMLDocument) -> LineOutcome) {
        self.name = name
        self.run = run
    }

    /// The outcome of one line under one protocol.
    public struct LineOutcome: Sendable {
        public var status: String
        public var exitCode: Int32
        public var error: String?
        public var summary: BatchSummary?

        public init(status: String, exitCode: Int32, error: String? = nil, summary: BatchSummary? = nil) {
            self.status = status
            self.exitCode = exitCode
            self.error = error
            self.summary = summary
        }

        public static func failed(_ message: String, exitCode: Int32) -> LineOutcome {
            LineOutcome(status: "failed", exitCode: exitCode, error: message)
        }
    }

    /// `simulate` or `plan` on each line, one thread per line (`options.threads` is set to 1).
    /// - Parameter exitCode: the single-case command's exit code for a result (0, 3 or 4).
    public static func planner(simulate: Bool, catalog: Catalog, options: PlanningOptions,
                               exitCode: @escaping @Sendable (PlanResult) -> Int32) -> BatchCommand {
        var single = options
        single.threads = 1
        let singleThreaded = single
        return BatchCommand(name: simulate ? "simulate" : "plan") { document in
            let planningCase: PlanningCase
            do throws(InputError) {
                let file = try CaseReader.read(document)
                planningCase = try PlanningCase.resolve(file, catalog: catalog, mode: simulate ? .simulate : .plan)
            } catch {
                return .failed("\(document.source): " + error.issues.errors.map(\.description).joined(separator: "; "), exitCode: error.exitCode)
            }
            var lineOptions = singleThreaded
            lineOptions.relativeGap = planningCase.file.solver.relativeGap
            let planner = Planner(catalog: catalog, options: lineOptions)
            let result: PlanResult
            do throws(PlanningError) {
                result = simulate ? try planner.simulate(planningCase) : try planner.plan(planningCase)
            } catch {
                if case .timeLimit = error { return .failed("\(document.source): \(error.description)", exitCode: 5) }
                return .failed("\(document.source): \(error.description)", exitCode: 70)
            }
            return LineOutcome(status: Self.snakeCase(result.status.rawValue), exitCode: exitCode(result), summary: BatchSummary(result))
        }
    }

    static func snakeCase(_ text: String) -> String {
        text.unicodeScalars.reduce(into: "") { out, scalar in
            if ("A"..."Z").contains(scalar) { out += "_" + String(scalar).lowercased() } else { out.unicodeScalars.append(scalar) }
        }
    }
}
