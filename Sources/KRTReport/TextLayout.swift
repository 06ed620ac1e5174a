/// Fixed-width text layout for terminal reports: word wrapping and simple tables.
///
/// Widths count `Character`s (grapheme clusters), which matches terminal columns for the Latin, Greek
/// and symbol text the reports contain; East Asian wide characters would take two columns.
enum TextLayout {
    /// Page width of the text report.
    static let pageWidth = 100

    /// Splits `text` into lines of at most `width` characters, breaking at spaces and hard-breaking
    /// words longer than a line. Always returns at least one (possibly empty) line.
    static func wrap(_ text: String, width: Int) -> [String] {
        let width = max(width, 1)
        var lines: [String] = []
        var current = ""
        for word in TextClean.printable(text).split(separator: " ", omittingEmptySubsequences: true) {
            var word = String(word)
            while word.count > width {
                if !current.isEmpty { lines.append(current); current = "" }
                lines.append(String(word.prefix(width)))
                word = String(word.dropFirst(width))
            }
            if current.isEmpty {
                current = word
            } else if current.count + 1 + word.count <= width {
                current += " " + word
            } else {
                lines.append(current)
                current = word
            }
        }
        if !current.isEmpty || lines.isEmpty { lines.append(current) }
        return lines
    }

    /// A wrapped paragraph: the first line starts with `lead`, later lines are indented to match it.
    static func paragraph(_ text: String, lead: String = "", indent: Int = 0, width: Int = pageWidth) -> [String] {
        let pad = String(repeating: " ", count: indent)
        let hanging = String(repeating: " ", count: lead.count)
        let lines = wrap(text, width: width - indent - lead.count)
        return lines.enumerated().map { index, line in pad + (index == 0 ? lead : hanging) + line }
    }

    /// A bulleted list item (`- text`, wrapped with a hanging indent).
    static func bullet(_ text: String, indent: Int = 2) -> [String] {
        paragraph(text, lead: "- ", indent: indent)
    }

    /// A section heading: the title in capitals, then an optional detail as written (units keep their case).
    static func heading(_ title: String, _ detail: String = "") -> [String] {
        ["", title.uppercased() + (detail.isEmpty ? "" : " (\(detail))")]
    }
}

/// A left-aligned or right-aligned text table whose flexible columns wrap to fit the page.
struct TextTable {
    struct Column {
        var header: String
        var rightAligned = false
        /// Flexible columns are shrunk (their cells wrapped) when the table is wider than the page.
        var flexible = false
        var minimumWidth = 6
    }

    var columns: [Column]
    var rows: [[String]] = []
    /// A line of text under a row, from the second column to the right margin (`nil`: none).
    var notes: [String?] = []
    var indent = 2
    var separator = "  "

    init(_ columns: [Column]) { self.columns = columns }

    mutating func add(_ row: [String], note: String? = nil) {
        rows.append(row)
        notes.append(note)
    }

    /// The table as lines no wider than `width` (provided the fixed columns fit).
    func render(width: Int = TextLayout.pageWidth) -> [String] {
        let cleanRows = rows.map { $0.map(TextClean.printable) }
        let header = columns.map { TextClean.printable($0.header) }
        var widths = columns.indices.map { index in
            max(header[index].count, cleanRows.map { index < $0.count ? $0[index].count : 0 }.max() ?? 0)
        }
        let available = width - indent - separator.count * max(columns.count - 1, 0)
        // Shrink the widest flexible column one character at a time until the table fits.
        while widths.reduce(0, +) > available {
            let candidates = columns.indices.filter { columns[$0].flexible && widths[$0] > columns[$0].minimumWidth }
            guard let widest = candidates.max(by: { widths[$0] < widths[$1] || (widths[$0] == widths[$1] && $0 > $1) }) else {
                break
            }
            widths[widest] -= 1
        }
        let pad = String(repeating: " ", count: indent)
        var lines = wrappedRow(header, widths: widths).map { pad + $0 }
        lines.append(pad + widths.map { String(repeating: "-", count: $0) }.joined(separator: separator))
        let noteIndent = indent + (widths.first.map { $0 + separator.count } ?? 0)
        for (index, row) in cleanRows.enumerated() {
            lines += wrappedRow(row, widths: widths).map { pad + $0 }
            if index < notes.count, let note = notes[index] {
                lines += TextLayout.paragraph(note, indent: noteIndent, width: width)
            }
        }
        return lines.map { trimTrailingSpaces($0) }
    }

    /// One row, its cells wrapped to the column widths, as one or more lines.
    private func wrappedRow(_ row: [String], widths: [Int]) -> [String] {
        let wrapped = columns.indices.map { index in
            let cell = index < row.count ? row[index] : ""
            return cell.count <= widths[index] ? [cell] : TextLayout.wrap(cell, width: widths[index])
        }
        let height = wrapped.map(\.count).max() ?? 1
        return (0..<height).map { lineIndex in line(wrapped.map { lineIndex < $0.count ? $0[lineIndex] : "" }, widths: widths) }
    }

    private func line(_ cells: [String], widths: [Int]) -> String {
        columns.indices.map { index in
            let cell = index < cells.count ? cells[index] : ""
            let fill = String(repeating: " ", count: max(widths[index] - cell.count, 0))
            return columns[index].rightAligned ? fill + cell : cell + fill
        }.joined(separator: separator)
    }

    private func trimTrailingSpaces(_ text: String) -> String {
        var text = text
        while text.last == " " { text.removeLast() }
        return text
    }
}
