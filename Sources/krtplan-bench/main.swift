import Foundation

/// krtplan-bench: the measurement harness behind `make bench` and docs/performance.md. It asserts
/// nothing; it measures and writes JSON that Benchmarks/run.py turns into tables.
func runBench() -> Int32 {
    let settings: Settings
    do { settings = try Settings.parse(Array(CommandLine.arguments.dropFirst())) } catch {
        FileHandle.standardError.write(Data("\(error)\n".utf8))
        return 64
    }
    do {
        let models = settings.out + "/models"
        try FileManager.default.createDirectory(atPath: models, withIntermediateDirectories: true)
        let inputs = try BenchInputs(root: settings.root)
        var report: [String: Any] = ["settings": settings.json, "mode": PlanMeasure.mode,
                                     "internals": PlanMeasure.internalsAvailable, "experiments": Experiments.available]
        let started = Clock.wall()
        if settings.sections.contains("simulator") { report["simulator"] = SimulatorBench.run(runs: settings.simulatorRuns) }
        if settings.sections.contains("bands") { report["bands"] = BandsBench.run(runs: settings.simulatorRuns) }
        if settings.sections.contains("plan") { report["plan"] = try SinglePlanBench.run(inputs, settings, models: models) }
        if settings.sections.contains("scaling") { report["scaling"] = try ScalingBench.run(inputs, settings, models: models) }
        if settings.sections.contains("sweep") { report["sweep"] = try SweepBench.run(inputs, settings) }
        if settings.sections.contains("experiments"), Experiments.available {
            report["experimentResults"] = try Experiments.run(inputs, settings)
        }
        if let path = settings.referenceSolution {
            report["diagnosis"] = try Experiments.diagnose(inputs, settings, solutionPath: path)
        }
        report["benchSeconds"] = Clock.wall() - started
        let data = try JSONSerialization.data(withJSONObject: report, options: [.prettyPrinted, .sortedKeys])
        let path = settings.out + "/krtplan-bench.json"
        try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        print(path)
        return 0
    } catch {
        FileHandle.standardError.write(Data("krtplan-bench: \(error)\n".utf8))
        return 70
    }
}

exit(runBench())
