import Foundation
import Testing

/// Inputs the corpus cannot hold as files: a 100 MB case (made here, sparse), a directory, a missing
/// file, a named pipe, and outputs that must be refused before any work (docs/safety.md).
struct HostileFileTests {
    let base = Krtplan.packageRoot + "/Tests/FuzzCorpus/case/seed-simulate-cvvh.yaml"

    private func expectOneError(_ run: Krtplan.Run, status: Int32, _ fragments: String...) {
        #expect(run.status == status, "\(run.stderr)")
        #expect(run.hasNoStackTrace)
        #expect(run.stdout.isEmpty)
        #expect(run.stderrLines.count == 1, "\(run.stderr)")
        for fragment in fragments { #expect(run.stderr.contains(fragment), "missing '\(fragment)' in \(run.stderr)") }
    }

    @Test func a100MegabyteCaseIsRefusedBySizeBeforeReading() throws {
        let folder = try Krtplan.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/huge.yaml"
        #expect(FileManager.default.createFile(atPath: path, contents: Data("name: huge\n".utf8)))
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.truncate(atOffset: 100 * 1024 * 1024)   // sparse: 100 MB on paper, nothing on disk
        try handle.close()
        let output = folder + "/plan.json"
        let run = try Krtplan.run("plan", path, "--output", output)
        expectOneError(run, status: 65, "huge.yaml: (top level): file is 104857600 bytes; the limit is 1048576 bytes")
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    @Test func aDirectoryAMissingFileAndAPipeAreNotCases() throws {
        let folder = try Krtplan.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        expectOneError(try Krtplan.run("validate", folder), status: 66, "is a directory; expected a file")
        expectOneError(try Krtplan.run("plan", folder + "/missing.yaml"), status: 66, "missing.yaml: (top level): file not found")
        expectOneError(try Krtplan.run("check", "--order", folder + "/missing.yaml"), status: 66, "file not found")
        let pipe = folder + "/pipe.yaml"
        #expect(mkfifo(pipe, 0o600) == 0)
        expectOneError(try Krtplan.run("validate", pipe), status: 66, "is not a regular file")
    }

    @Test func outputsAreRefusedBeforeAnyWork() throws {
        let folder = try Krtplan.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let copy = folder + "/case.yaml"
        try FileManager.default.copyItem(atPath: base, toPath: copy)
        let before = try Data(contentsOf: URL(fileURLWithPath: copy))
        expectOneError(try Krtplan.run("simulate", copy, "--output", copy, "--force"), status: 73,
                       "refusing to overwrite the input file")
        #expect(try Data(contentsOf: URL(fileURLWithPath: copy)) == before)
        expectOneError(try Krtplan.run("simulate", copy, "--output", folder + "/no/such/folder/out.txt"), status: 73,
                       "/no/such/folder does not exist")
        expectOneError(try Krtplan.run("simulate", copy, "--output", folder), status: 73, "is a directory")
        try Krtplan.write("keep me", to: folder + "/existing.txt")
        expectOneError(try Krtplan.run("simulate", copy, "--output", folder + "/existing.txt"), status: 73, "use --force")
        #expect(try String(contentsOfFile: folder + "/existing.txt", encoding: .utf8) == "keep me")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["case.yaml", "existing.txt"])
    }

    @Test func badOverridesAreDataOrUsageErrorsNamingTheField() throws {
        let weight = try Krtplan.run("validate", "--mode", "simulate", base, "--set", "patient.weight=0 kg")
        expectOneError(weight, status: 65, "patient.weight", "weight 0", "must be positive")
        let unknown = try Krtplan.run("validate", "--mode", "simulate", base, "--set", "patient.wieght=70 kg")
        #expect([64, 65].contains(unknown.status))
        #expect(unknown.hasNoStackTrace && unknown.stderr.contains("wieght"))
        let malformed = try Krtplan.run("validate", base, "--set", "no equals sign")
        #expect(malformed.status == 64 && malformed.hasNoStackTrace, "\(malformed.stderr)")
    }
}
