/// A page being written (the plan page, the fit page).
protocol HTMLBlockWriter {
    var html: MarkupWriter { get set }
}

extension HTMLPage: HTMLBlockWriter {}

/// A page with no state of its own (the comparison page).
struct HTMLDocument: HTMLBlockWriter {
    var html = MarkupWriter()
}

/// Tables, lists and definition lists of the HTML pages; every cell escaped by ``MarkupWriter``.
extension HTMLBlockWriter {
    /// The doctype, `<html>` and the whole `<head>` (a Content-Security-Policy that forbids every resource
    /// load, the inline style sheet, the title), then `<body>` opened: what every krtplan page starts with.
    mutating func openDocument(title: String) {
        html.raw("<!DOCTYPE html>\n")
        html.open("html", ["lang": "en"])
        html.open("head")
        html.element("meta", ["charset": "utf-8"])
        html.element("meta", ["http-equiv": "Content-Security-Policy",
                              "content": "default-src 'none'; style-src 'unsafe-inline'; img-src data:"])
        html.element("meta", ["name": "viewport", "content": "width=device-width, initial-scale=1"])
        html.element("title", text: title)
        html.raw("<style>\n\(HTMLStyle.css)</style>\n")
        html.close("head")
        html.open("body")
    }

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
