import Foundation
import KRTCalibration
import KRTCatalog
import KRTInput

/// Shared fixtures: the repository's figure file and bundled catalog, loaded once.
enum CalibrationFixtures {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let catalog: Catalog = {
        do { return try Catalog.load(directories: [packageRoot.appendingPathComponent("formulations").path]) } catch {
            fatalError("bundled catalog: \(error)")
        }
    }()

    static let file: FigureFile = {
        do { return try FigureFile.load(path: packageRoot.appendingPathComponent(FigureFile.defaultPath).path) } catch {
            fatalError("figure file: \(error)")
        }
    }()

    /// The harness over every figure, built once (reading and resolving all 69 scenarios).
    static let harness = Harness(file: file, catalog: catalog)

    /// Outcomes with the model's current defaults, computed once.
    static let outcomes = harness.outcomes()

    /// A one-figure file from YAML text (a `figures:` list), for translation tests.
    static func figures(_ yaml: String) throws -> FigureFile {
        try FigureFile.parse(YAMLDocument.parse(yaml, source: "test"))
    }
}
