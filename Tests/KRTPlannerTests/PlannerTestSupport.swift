import Foundation
import KRTCatalog
import KRTInput
@testable import KRTPlanner

/// The bundled catalog and case files, for planner tests.
enum PlannerFixtures {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static let catalog: Catalog = {
        do { return try Catalog.load(directories: [packageRoot.appendingPathComponent("formulations").path]) } catch {
            preconditionFailure("the bundled catalog must load: \(error)")
        }
    }()

    static func caseFile(_ text: String) throws -> CaseFile {
        try CaseReader.read(YAMLDocument.parse(text, source: "test-case.yaml"))
    }

    static func bundledCase(_ name: String) throws -> CaseFile {
        try CaseReader.read(path: packageRoot.appendingPathComponent("cases/\(name)").path)
    }

    static func planningCase(_ file: CaseFile, mode: PlanningCase.Mode = .plan) throws -> PlanningCase {
        try PlanningCase.resolve(file, catalog: catalog, mode: mode)
    }
}
