import Foundation
import KRTCatalog
import KRTInput
import KRTPlanner

// The case fuzz target's body, shared by the libFuzzer binary (Fuzz/Targets/case) and the corpus
// replay test (CaseFuzzCorpusTests): bytes → UTF-8 text → YAMLDocument → CaseReader → PlanningCase
// resolution against the bundled catalog (plan and simulate modes) → for small accepted cases, a
// simulation.
//
// Any input may be refused with an InputError; the contract checked: every refusal carries issues
// with messages and a documented exit kind (64, 65, 66); an accepted case has a sane time grid; a
// simulation of an accepted case gives finite levels.

/// Steps of the largest case that is also simulated (keeps each input fast).
let maxSimulatedCaseSteps = 96.0

/// The bundled catalog: `$KRTPLAN_FORMULATIONS`, else `formulations/` of the package holding this file.
func loadBundledCatalogForFuzzing() -> Catalog? {
    let root = ProcessInfo.processInfo.environment["KRTPLAN_FORMULATIONS"]
        ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("formulations").path
    return try? Catalog.load(directories: [root])
}

/// Reads, resolves and (when small) simulates the case the bytes hold; returns every broken contract.
func runCaseFuzzInput(_ bytes: [UInt8], catalog: Catalog) -> [String] {
    var violations: [String] = []
    func contract(_ error: InputError) {
        if error.issues.isEmpty { violations.append("an InputError without issues") }
        if ![64, 65, 66].contains(error.exitCode) { violations.append("unexpected exit kind \(error.exitCode)") }
        for issue in error.issues where issue.message.isEmpty { violations.append("an issue without a message at \(issue.path)") }
    }
    do {
        let text = try InputFile.decodeUTF8(bytes, source: "fuzz.yaml")
        let document = try YAMLDocument.parse(text, source: "fuzz.yaml")
        let file = try CaseReader.read(document)
        if !(file.horizon > 0 && file.step > 0 && file.step <= file.horizon) {
            violations.append("accepted an impossible time grid: horizon \(file.horizon) h, step \(file.step) h")
        }
        var simulatable: PlanningCase?
        for mode in [PlanningCase.Mode.plan, .simulate] {
            do {
                let planningCase = try PlanningCase.resolve(file, catalog: catalog, mode: mode)
                if mode == .simulate { simulatable = planningCase }
            } catch {
                contract(error)
            }
        }
        if let simulatable, file.horizon / file.step <= maxSimulatedCaseSteps {
            do {
                let result = try Planner(catalog: catalog).simulate(simulatable)
                for summary in result.solutes where !(summary.minimum.isFinite && summary.maximum.isFinite) {
                    violations.append("the simulation gave a non-finite \(summary.solute.rawValue) level")
                }
            } catch {
                violations.append("an accepted case did not simulate: \(error)")
            }
        }
    } catch {
        contract(error)
    }
    return violations
}
