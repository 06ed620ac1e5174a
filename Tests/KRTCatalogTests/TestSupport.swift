import Foundation
import KRTInput
@testable import KRTCatalog

/// Paths and helpers shared by the catalog tests.
enum TestSupport {
    /// The package root, from this file's location (Tests/KRTCatalogTests/TestSupport.swift).
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    /// The bundled catalog folder.
    static let bundled = packageRoot + "/formulations"

    /// Loads the bundled catalog (plus `extra` folders and a limits file).
    static func load(extra: [String] = [], limits: String? = nil) throws -> Catalog {
        try Catalog.load(directories: [bundled] + extra, limitsFile: limits)
    }

    /// A fresh temporary folder, removed by the caller with `remove`.
    static func temporaryFolder() throws -> String {
        let path = NSTemporaryDirectory() + "krtplan-catalog-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Writes `text` to `folder/relative`, creating subfolders.
    static func write(_ text: String, to relative: String, in folder: String) throws {
        let path = folder + "/" + relative
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    static func remove(_ path: String) { try? FileManager.default.removeItem(atPath: path) }

    /// The text of a bundled data file.
    static func bundledText(_ relative: String) throws -> String {
        try String(contentsOfFile: bundled + "/" + relative, encoding: .utf8)
    }

    /// The error lines of a failed load, or "(loaded)".
    static func loadErrors(extra: [String] = [], limits: String? = nil) -> String {
        do {
            _ = try load(extra: extra, limits: limits)
            return "(loaded)"
        } catch {
            return "\(error)"
        }
    }
}
