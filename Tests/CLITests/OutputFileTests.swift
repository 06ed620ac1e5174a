import Foundation
import Testing

/// `--output`, `--report` and `--export-lp`: written whole or not at all, never over an input, never over an
/// existing file without `--force`.
@Suite struct OutputFileTests {
    static let fast = Krtplan.packageRoot + "/cases/cvvh-phosphate-free-simulate.yaml"
    static let slow = Krtplan.packageRoot + "/cases/flagship-citrate-cvvhdf.yaml"

    /// Files in `folder`, hidden temporary files included.
    func contents(_ folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
    }

    @Test func refusesToOverwriteAnExistingFileUnlessForced() throws {
        let folder = try Krtplan.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let output = folder + "/result.json", report = folder + "/report.html"
        try Krtplan.write("keep me\n", to: output)
        try Krtplan.write("keep me too\n", to: report)
        let refused = try Krtplan.run("simulate", Self.fast, "--format", "json", "--output", output, "--report", report)
        #expect(refused.status == 73)
        #expect(refused.stdout.isEmpty)
        #expect(refused.stderr.contains("file exists; use --force to replace it"))
        #expect(try String(contentsOfFile: output, encoding: .utf8) == "keep me\n")
        #expect(try String(contentsOfFile: report, encoding: .utf8) == "keep me too\n")

        let forced = try Krtplan.run("simulate", Self.fast, "--format", "json", "--output", output, "--report", report, "--force")
        #expect(forced.status == 0)
        #expect(forced.stdout.isEmpty, "the result goes to the file, not to standard output")
        let json = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: output))) as? [String: Any])
        #expect(json["kind"] as? String == "simulation")
        #expect(try String(contentsOfFile: report, encoding: .utf8).hasPrefix("<!DOCTYPE html>"))
        #expect(contents(folder) == ["report.html", "result.json"], "no temporary files are left")
    }

    @Test func neverWritesOverTheCaseFileEvenWithForce() throws {
        let folder = try Krtplan.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let copy = folder + "/case.yaml"
        try FileManager.default.copyItem(atPath: Self.fast, toPath: copy)
        let before = try String(contentsOfFile: copy, encoding: .utf8)
        for option in ["--output", "--report"] {
            let run = try Krtplan.run("simulate", copy, option, copy, "--force")
            #expect(run.status == 73)
            #expect(run.stderr.contains("refusing to overwrite the input file"))
        }
        let viaLink = folder + "/link.txt"
        try FileManager.default.createSymbolicLink(atPath: viaLink, withDestinationPath: copy)
        let linked = try Krtplan.run("simulate", copy, "--output", viaLink, "--force")
        #expect(linked.status == 73)
        #expect(try String(contentsOfFile: copy, encoding: .utf8) == before)
        let same = try Krtplan.run("simulate", copy, "--output", folder + "/x.txt", "--report", folder + "/x.txt")
        #expect(same.status == 64)
        #expect(same.stderr.contains("the same file is given twice"))
    }

    @Test func aFailingRunLeavesNoFile() throws {
        let folder = try Krtplan.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Krtplan.write("name: broken\nhorizon: 72\n", to: folder + "/bad.yaml")
        let bad = try Krtplan.run("plan", folder + "/bad.yaml", "--output", folder + "/out.txt", "--report", folder + "/out.html")
        #expect(bad.status == 65)
        let missingFolder = try Krtplan.run("simulate", Self.fast, "--output", folder + "/no/such/folder/out.txt")
        #expect(missingFolder.status == 73)
        #expect(missingFolder.stderr.contains("does not exist"))
        #expect(contents(folder) == ["bad.yaml"])
    }

    /// SIGKILL stands for every interruption (Ctrl-C, a killed job, a power cut): nothing can run after it, and
    /// the files appear only by a rename once complete. (Test processes may inherit a blocked SIGINT/SIGTERM
    /// mask from the test runner, so those signals would not test anything here.)
    @Test func anInterruptedRunLeavesNoFile() throws {
        let folder = try Krtplan.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let binary = try #require(Krtplan.binary)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["plan", Self.slow, "--threads", "1", "--output", folder + "/plan.txt", "--report", folder + "/plan.html"]
        var environment = ProcessInfo.processInfo.environment
        environment["KRTPLAN_FORMULATIONS"] = Krtplan.packageRoot + "/formulations"
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        Thread.sleep(forTimeInterval: 1.0)  // inside the search: the flagship takes seconds even in release
        #expect(contents(folder).isEmpty, "nothing is written before the plan is complete")
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        #expect(contents(folder).isEmpty, "\(contents(folder))")
    }

    /// A named pipe (like /dev/null or /dev/stdout) is written into, not replaced by a regular file, and needs
    /// no --force. The test holds both ends (O_RDWR) so the run never blocks; the output fits the pipe buffer.
    @Test func writesIntoANamedPipeWithoutReplacingIt() throws {
        let folder = try Krtplan.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let pipe = folder + "/out.fifo"
        #expect(mkfifo(pipe, 0o600) == 0)
        let descriptor = open(pipe, O_RDWR | O_NONBLOCK)
        try #require(descriptor >= 0)
        defer { close(descriptor) }

        let run = try Krtplan.run("simulate", Self.fast, "--output", pipe)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.isEmpty)
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = read(descriptor, &buffer, buffer.count)
            if count <= 0 { break }
            bytes += buffer[0..<count]
        }
        #expect(String(decoding: bytes, as: UTF8.self).contains("mmol/L"), "the text result came through the pipe")
        var info = stat()
        #expect(stat(pipe, &info) == 0 && info.st_mode & S_IFMT == S_IFIFO, "the pipe is still a pipe")
        #expect(contents(folder) == ["out.fifo"], "no temporary file next to it")
    }
}
