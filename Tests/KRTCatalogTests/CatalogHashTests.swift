import Foundation
import Testing
@testable import KRTCatalog

/// The catalog hash changes when, and only when, the content changes.
struct CatalogHashTests {
    /// A copy of the bundled catalog in a temporary folder.
    func copyOfBundled() throws -> String {
        let folder = try TestSupport.temporaryFolder()
        try FileManager.default.removeItem(atPath: folder)
        try FileManager.default.copyItem(atPath: TestSupport.bundled, toPath: folder)
        return folder
    }

    func edit(_ folder: String, _ relative: String, _ change: (String) -> String) throws {
        let path = folder + "/" + relative
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let changed = change(text)
        #expect(changed != text, "the edit changed the file")
        try Data(changed.utf8).write(to: URL(fileURLWithPath: path))
    }

    @Test func stableAcrossLoads() throws {
        let first = try TestSupport.load().sha256
        let second = try TestSupport.load().sha256
        #expect(first == second)
        #expect(first.count == 64)
    }

    @Test func changesWhenOneValueChanges() throws {
        let folder = try copyOfBundled()
        defer { TestSupport.remove(folder) }
        let original = try Catalog.load(directories: [folder]).sha256
        #expect(original == (try TestSupport.load().sha256), "the copy hashes like the original: paths do not count")
        try edit(folder, "fluids/phoxilium.yaml") { $0.replacingOccurrences(of: "value: 293 mOsm/L", with: "value: 294 mOsm/L") }
        #expect(try Catalog.load(directories: [folder]).sha256 != original)
    }

    @Test func formattingCommentsAndKeyOrderDoNotCount() throws {
        let folder = try copyOfBundled()
        defer { TestSupport.remove(folder) }
        let original = try Catalog.load(directories: [folder]).sha256
        try edit(folder, "fluids/biphozyl.yaml") { text in
            "# a new comment\n" + text
                .replacingOccurrences(of: "market: EU\n", with: "")
                .replacingOccurrences(of: "name: \"Biphozyl\"\n", with: "name: 'Biphozyl'   # quoted differently\nmarket: EU\n")
        }
        #expect(try Catalog.load(directories: [folder]).sha256 == original)
    }

    @Test func aLimitsFileChangesTheHash() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { TestSupport.remove(folder) }
        try TestSupport.write(Fixtures.siteLimits, to: "limits.yaml", in: folder)
        #expect(try TestSupport.load(limits: folder + "/limits.yaml").sha256 != (try TestSupport.load().sha256))
    }
}
