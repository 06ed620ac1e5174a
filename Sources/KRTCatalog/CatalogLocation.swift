import Foundation

/// Finds the bundled `formulations/` folder.
///
/// Search order, first hit wins:
/// 1. the environment variable `KRTPLAN_FORMULATIONS` (used as given, even if missing, so a typo is reported);
/// 2. `<executable dir>/../share/krtplan/formulations` (an installed layout);
/// 3. a `formulations/` folder with a `fluids/` subfolder in the executable's folder or any parent
///    (the package checkout: `.build/<triple>/debug/krtplan` → the package root);
/// 4. the package this source file was compiled from.
public enum CatalogLocation {
    public static let environmentVariable = "KRTPLAN_FORMULATIONS"

    /// The bundled catalog folder, or `nil` when none is found.
    /// - Parameter executablePath: the running program (default: this process's executable).
    public static func bundledDirectory(executablePath: String? = Bundle.main.executablePath,
                                        environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let override = environment[environmentVariable], !override.isEmpty { return override }
        var candidates: [URL] = []
        if let executablePath {
            let directory = URL(fileURLWithPath: executablePath).resolvingSymlinksInPath().deletingLastPathComponent()
            candidates.append(directory.appendingPathComponent("../share/krtplan/formulations").standardizedFileURL)
            var folder = directory
            for _ in 0..<8 {
                candidates.append(folder.appendingPathComponent("formulations"))
                let parent = folder.deletingLastPathComponent()
                if parent.path == folder.path { break }
                folder = parent
            }
        }
        let sourcePackage = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(sourcePackage.appendingPathComponent("formulations"))
        return candidates.first { isCatalog($0.path) }?.path
    }

    /// `true` when `path` is a folder with a `fluids/` subfolder.
    static func isCatalog(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path + "/fluids", isDirectory: &isDirectory) && isDirectory.boolValue
    }
}
