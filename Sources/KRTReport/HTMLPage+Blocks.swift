/// A page being written (the plan page, the fit page).
protocol HTMLBlockWriter {
    var html: MarkupWriter { get set }
}

extension HTMLPage: HTMLBlockWriter {}

/// Tables, lists and definition lists of the HTML pages; every cell escaped by ``MarkupWriter``.
extension HTMLBlockWriter {
    /// A table; `numeric` columns are right-aligned, `compact` ones never wrap (short values like doses).
    mutating func table(_ header: [String], _ rows: [[String]], numeric: Set<Int>, compact: Set<Int> = [],
                        empty: String) {
        guard !rows.isEmpty else { html.element("p", ["class": "empty"], text: empty); return }
        html.open("table")
        html.element("thead", markup: "<tr>" + header.map { "<th scope=\"col\">\(MarkupWriter.escape($0))</th>" }.joined() + "</tr>")
        html.open("tbody")
        for row in rows {
            html.element("tr", markup: row.enumerated().map { index, cell in
                let open = numeric.contains(index) ? "<td class=\"num\">" : compact.contains(index) ? "<td class=\"compact\">" : "<td>"
                return open + MarkupWriter.escape(cell) + "</td>"
            }.joined())
        }
        html.close("tbody")
        html.close("table")
    }

    mutating func list(_ items: [String], empty: String? = nil, className: String? = nil) {
        guard !items.isEmpty else {
            if let empty { html.element("p", ["class": "empty"], text: empty) }
            return
        }
        html.open("ul", className.map { ["class": $0] } ?? [:])
        for item in items { html.element("li", text: item) }
        html.close("ul")
    }

    mutating func definitions(_ items: [(String, String)], className: String? = nil) {
        html.open("dl", className.map { ["class": $0] } ?? [:])
        for (term, value) in items {
            html.element("dt", text: term)
            html.element("dd", text: value)
        }
        html.close("dl")
    }
}
