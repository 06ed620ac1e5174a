import Foundation

/// Command-line settings of the harness (`krtplan-bench --help`). Every time budget is in seconds of
/// wall time; a budget ends a series early only after its minimum number of runs.
struct Settings {
    var root = FileManager.default.currentDirectoryPath
    var out = ".build/bench"
    var sections = ["plan", "scaling", "sweep", "simulator", "bands", "experiments"]
    var quick = false
    var threads = ProcessInfo.processInfo.activeProcessorCount
    /// Single plan: runs (min/max) and wall budget; the planner's own time limit.
    var planMinRuns = 5
    var planMaxRuns = 31
    var planBudget = 30.0
    var planTimeLimit = 60.0
    /// Scaling: the planner's time limit per case, and a budget for repeating the fast cases.
    var scalingTimeLimit = 30.0
    var scalingBudget = 10.0
    /// Scaling cases whose predicted solve time exceeds this are sized and exported but not planned.
    var scalingSkipAbove = Double.infinity
    /// Scaling: the rolling-horizon threshold (h) for every case (`off`: every horizon in one piece); nil: the planner's default.
    var rollingThreshold: Double?
    /// Scaling: the rolling-horizon window and kept part (h); nil: the planner's defaults.
    var rollingWindow: Double?
    var rollingCommit: Double?
    /// Sweep: wall budget for the single-thread planning sweep (sets N), and the simulate sweep size.
    var sweepBudget = 30.0
    var sweepMaxVariants = 1000
    var simulateVariants = 1000
    /// Simulator: runs.
    var simulatorRuns = 11
    /// A reference solution of the flagship model ({column: value} JSON) to diagnose plan quality against.
    var referenceSolution: String?

    static let usage = """
        usage: krtplan-bench [--root DIR] [--out DIR] [--sections plan,scaling,sweep,simulator,bands,experiments] [--quick]
                             [--threads N] [--plan-budget S] [--plan-time-limit S] [--scaling-time-limit S] [--scaling-skip-above S]
                             [--rolling-threshold H|off] [--rolling-window H] [--rolling-commit H]
                             [--sweep-budget S] [--simulate-variants N]
        Writes DIR/krtplan-bench.json and the exported models (DIR/models/*.lp); progress on stderr.
        """

    static func parse(_ arguments: [String]) throws -> Settings {
        var settings = Settings()
        var rest = arguments[...]
        func value(_ name: String) throws -> String {
            guard let next = rest.popFirst() else { throw BenchFailure("\(name) needs a value\n\(usage)") }
            return next
        }
        func number(_ name: String) throws -> Double {
            let text = try value(name)
            guard let number = Double(text), number > 0 else { throw BenchFailure("\(name) \(text): expected a positive number") }
            return number
        }
        while let argument = rest.popFirst() {
            switch argument {
            case "--root": settings.root = try value(argument)
            case "--out": settings.out = try value(argument)
            case "--sections": settings.sections = try value(argument).split(separator: ",").map(String.init)
            case "--quick": settings.quick = true
            case "--threads": settings.threads = Int(try number(argument))
            case "--plan-budget": settings.planBudget = try number(argument)
            case "--plan-time-limit": settings.planTimeLimit = try number(argument)
            case "--scaling-time-limit": settings.scalingTimeLimit = try number(argument)
            case "--sweep-budget": settings.sweepBudget = try number(argument)
            case "--scaling-skip-above": settings.scalingSkipAbove = try number(argument)
            case "--rolling-threshold":
                let text = try value(argument)
                guard let hours = text == "off" ? .infinity : Double(text), hours > 0 else {
                    throw BenchFailure("\(argument) \(text): expected hours or off")
                }
                settings.rollingThreshold = hours
            case "--rolling-window": settings.rollingWindow = try number(argument)
            case "--rolling-commit": settings.rollingCommit = try number(argument)
            case "--simulate-variants": settings.simulateVariants = Int(try number(argument))
            case "--reference-solution": settings.referenceSolution = try value(argument)
            case "--help", "-h": throw BenchFailure(usage)
            default: throw BenchFailure("unknown argument \(argument)\n\(usage)")
            }
        }
        if settings.quick {
            settings.planMinRuns = 3
            settings.planBudget = min(settings.planBudget, 15)
            settings.scalingTimeLimit = min(settings.scalingTimeLimit, 10)
            settings.scalingSkipAbove = min(settings.scalingSkipAbove, 60)
            settings.scalingBudget = min(settings.scalingBudget, 3)
            settings.sweepBudget = min(settings.sweepBudget, 15)
            settings.simulateVariants = min(settings.simulateVariants, 200)
            settings.simulatorRuns = 5
            settings.sections.removeAll { $0 == "experiments" }
        }
        return settings
    }

    var json: [String: Any] {
        ["quick": quick, "threads": threads, "planMinRuns": planMinRuns, "planMaxRuns": planMaxRuns,
         "planBudget": planBudget, "planTimeLimit": planTimeLimit, "scalingTimeLimit": scalingTimeLimit,
         "scalingSkipAbove": scalingSkipAbove.isFinite ? scalingSkipAbove : -1,
         "rollingThreshold": rollingThreshold.map { $0.isFinite ? $0 : -1 } ?? 0,
         "rollingWindow": rollingWindow ?? 0, "rollingCommit": rollingCommit ?? 0,
         "sweepBudget": sweepBudget, "simulateVariants": simulateVariants, "simulatorRuns": simulatorRuns]
    }
}
