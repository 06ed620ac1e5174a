import Foundation
import Testing
@testable import KRTReport

/// Renders the HTML report in headless Chromium (when installed) and checks the screenshot and PDF.
///
/// Skipped, with a message, when neither `chromium` nor `chromium-browser` is on PATH: CI need not have a
/// browser. Set `KRTREPORT_SCREENSHOT_DIR` to keep the HTML, PNG and PDF for a look (docs/report.md).
@Suite struct HeadlessChromiumTests {
    static let chromium: URL? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        for name in ["chromium", "chromium-browser"] {
            for directory in path.split(separator: ":") {
                let candidate = URL(fileURLWithPath: String(directory)).appendingPathComponent(name)
                if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            }
        }
        return nil
    }()

    static func outputDirectory() throws -> URL {
        if let kept = ProcessInfo.processInfo.environment["KRTREPORT_SCREENSHOT_DIR"], !kept.isEmpty {
            let url = URL(fileURLWithPath: kept, isDirectory: true)
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            return url
        }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("krtreport-chromium-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Runs Chromium headless with `arguments`, killing it after `timeout` seconds.
    static func runChromium(_ chromium: URL, _ arguments: [String], profile: URL, timeout: TimeInterval = 120) throws -> Int32 {
        let process = Process()
        process.executableURL = chromium
        process.arguments = ["--headless", "--disable-gpu", "--no-sandbox", "--hide-scrollbars", "--no-first-run",
                             "--disable-dev-shm-usage", "--user-data-dir=\(profile.path)"] + arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
        if process.isRunning { process.terminate(); process.waitUntilExit(); return -1 }
        return process.terminationStatus
    }

    @Test(.enabled(if: chromium != nil, "chromium / chromium-browser not on PATH: headless rendering check skipped"))
    func rendersScreenshotAndPDF() throws {
        let chromium = try #require(Self.chromium)
        let directory = try Self.outputDirectory()
        let page = directory.appendingPathComponent("report.html")
        try PlanReport.html(Fixtures.infeasible(), options: ReportOptions(showMassUnits: true))
            .write(to: page, atomically: true, encoding: .utf8)
        let profile = directory.appendingPathComponent("profile")

        let png = directory.appendingPathComponent("report.png")
        let shot = try Self.runChromium(chromium, ["--screenshot=\(png.path)", "--window-size=1200,2400", page.absoluteString],
                                        profile: profile)
        #expect(shot == 0)
        let image = try Data(contentsOf: png)
        #expect(image.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]), "not a PNG")
        // IHDR: width and height (big-endian) at bytes 16–23.
        let size = image.count >= 24 ? (image[16..<20].reduce(0) { $0 << 8 | Int($1) }, image[20..<24].reduce(0) { $0 << 8 | Int($1) }) : (0, 0)
        #expect(size == (1200, 2400))
        #expect(image.count > 60_000, "screenshot is only \(image.count) bytes: a blank page?")

        let pdf = directory.appendingPathComponent("report.pdf")
        let printed = try Self.runChromium(chromium, ["--print-to-pdf=\(pdf.path)", "--no-pdf-header-footer", page.absoluteString],
                                           profile: profile)
        #expect(printed == 0)
        let document = try Data(contentsOf: pdf)
        #expect(document.starts(with: Array("%PDF".utf8)))
        #expect(document.count > 20_000, "PDF is only \(document.count) bytes")

        if ProcessInfo.processInfo.environment["KRTREPORT_SCREENSHOT_DIR"] == nil {
            try? FileManager.default.removeItem(at: directory)
        }
    }
}
