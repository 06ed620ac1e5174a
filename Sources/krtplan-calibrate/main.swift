// krtplan-calibrate: the calibration harness (docs/validation.md, "Published figures").
//
//   krtplan-calibrate [--figures FILE] [--no-fit] [--write] [--show-case ID]
//
// Reads the figure file, turns each scenario into a krtplan case through the normal case reader, predicts
// every figure with the model and the single-pool formula, fits the population parameters on the
// calibration half (unless --no-fit), and prints the generated section. --write replaces the generated
// section of docs/validation.md and writes docs/validation/calibrated-parameters.yaml.
// Exit codes: 0 done; 64 usage; 65 bad figure file; 66 missing input; 73 cannot write.
import Foundation
import KRTCalibration
import KRTCatalog
import KRTEstimation
import KRTInput

func fail(_ code: Int32, _ message: String) -> Never {
    FileHandle.standardError.write(Data(("krtplan-calibrate: " + message + "\n").utf8))
    exit(code)
}

var figuresPath = FigureFile.defaultPath
var runFit = true, write = false
var showCase: String? = nil
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    switch argument {
    case "--figures":
        guard let value = arguments.popFirst() else { fail(64, "--figures needs a file") }
        figuresPath = value
    case "--no-fit": runFit = false
    case "--write": write = true
    case "--show-case":
        guard let value = arguments.popFirst() else { fail(64, "--show-case needs a figure id") }
        showCase = value
    case "-h", "--help":
        print("usage: krtplan-calibrate [--figures FILE] [--no-fit] [--write] [--show-case ID]")
        exit(0)
    default: fail(64, "unknown argument '\(argument)'")
    }
}

let file: FigureFile
do { file = try FigureFile.load(path: figuresPath) } catch { fail(error.kind.rawValue, "\(error)") }
guard let bundled = CatalogLocation.bundledDirectory() else { fail(66, "the bundled catalog (formulations/) was not found; set \(CatalogLocation.environmentVariable)=DIR") }
let catalog: Catalog
do { catalog = try Catalog.load(directories: [bundled]) } catch { fail(65, "\(error)") }

let harness = Harness(file: file, catalog: catalog)
if let id = showCase {
    guard let p = harness.prepared.first(where: { $0.figure.id == id }) else {
        fail(65, "figure \(id) was not turned into a case: \(harness.unprepared[id].map { "\($0)" } ?? "no such figure")")
    }
    print(p.caseText, terminator: "")
    for note in p.notes { print("# note: \(note)") }
    exit(0)
}
let current = harness.outcomes()
var calibrated: [FigureOutcome]? = nil
var fitResult: EstimationResult? = nil
if runFit {
    let (result, overrides) = CalibrationFit.run(harness)
    fitResult = result
    calibrated = harness.outcomes(parameters: overrides)
}
let report = CalibrationReport(figuresSHA256: file.sha256, current: current, calibrated: calibrated, fit: fitResult)
print(report.markdown)
if write {
    let docPath = "docs/validation.md", yamlPath = "docs/validation/calibrated-parameters.yaml"
    do {
        let document = try String(contentsOfFile: docPath, encoding: .utf8)
        try report.updating(document: document).write(toFile: docPath, atomically: true, encoding: .utf8)
        if runFit { try report.parametersYAML.write(toFile: yamlPath, atomically: true, encoding: .utf8) }
    } catch {
        fail(73, "cannot write \(docPath) or \(yamlPath): \(error)")
    }
}
