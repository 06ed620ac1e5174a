import Foundation

/// Progress lines on standard error (standard output stays free for the JSON path).
enum Progress {
    static func say(_ text: String) {
        FileHandle.standardError.write(Data(("[krtplan-bench] " + text + "\n").utf8))
    }

    static func ms(_ seconds: Double) -> String {
        seconds >= 10 ? String(format: "%.1f s", seconds) : String(format: "%.1f ms", seconds * 1000)
    }
}
