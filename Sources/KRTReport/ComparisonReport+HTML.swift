import KRTPlanner

/// The alerts banner of the HTML pages (plan, simulation, comparison).
enum HTMLAlerts {
    /// `div.alerts` (`alerts-danger` when an alert is unsafe) with one item per alert, its severity in words
    /// and as a class; nothing when there are no alerts.
    static func banner(_ alerts: [Alert], title: String, into html: inout MarkupWriter) {
        guard !alerts.isEmpty else { return }
        let danger = alerts.contains(where: \.unsafe)
        html.open("div", ["class": danger ? "alerts alerts-danger" : "alerts", "role": "alert"])
        html.element("h2", text: danger ? "\(title) — danger" : title)
        html.open("ul")
        for alert in alerts {
            html.element("li", ["class": "alert-\(alert.severity.rawValue)"],
                         markup: "<strong>\(MarkupWriter.escape(alert.label))</strong> " + MarkupWriter.escape(alert.message))
        }
        html.close("ul")
        html.close("div")
    }
}

extension ComparisonReport {
    /// One self-contained HTML page (`krtplan compare … --report FILE.html`), under the same rules as
    /// ``PlanReport/html(_:options:)`` (no scripts, no network, everything escaped): a banner per variant
    /// with alerts, then the comparison table (the rows of ``text(_:)``), then the intended-use note.
    public static func html(_ comparison: WhatIfComparison) -> String {
        var document = HTMLDocument()
        document.openDocument(title: "krtplan comparison: \(comparison.caseName)")
        var html = document.html
        let mode = comparison.mode == .plan ? "each variant planned" : "each variant simulated as written"
        html.open("header")
        html.element("h1", text: "krtplan comparison: \(comparison.caseName)")
        let unsafe = comparison.variants.filter(\.isUnsafe).map(\.name)
        html.element("p", ["class": unsafe.isEmpty ? "status" : "status status-fail"],
                     markup: "<strong>Status:</strong> " + MarkupWriter.escape(unsafe.isEmpty
                        ? "\(mode); no variant crosses a hard bound or breaks a limit"
                        : "DANGER in \(unsafe.joined(separator: ", ")): crosses a hard bound or breaks a limit; \(mode)"))
        for variant in comparison.variants {
            HTMLAlerts.banner(variant.alerts, title: "Alerts: \(variant.name)", into: &html)
        }
        html.element("p", ["class": "note"], markup: "<strong>Intended use.</strong> " + MarkupWriter.escape(PlanReport.intendedUse))
        html.close("header")
        let rows = ComparisonRows(comparison)
        html.open("table")
        html.element("thead", markup: "<tr><th scope=\"col\"></th>"
            + comparison.variants.map { "<th scope=\"col\">\(MarkupWriter.escape($0.name))</th>" }.joined() + "</tr>")
        html.open("tbody")
        for (label, cells) in zip(rows.labels, rows.cells) {
            html.element("tr", markup: "<th scope=\"row\">\(MarkupWriter.escape(label))</th>"
                + cells.map { "<td>\(MarkupWriter.escape($0))</td>" }.joined())
        }
        html.close("tbody")
        html.close("table")
        html.element("p", ["class": "small"], text: "Levels in mmol/L; time in range is the share of the horizon inside the target "
            + "range; the effluent dose is the prescribed dose averaged over the horizon.")
        html.element("footer", ["class": "note"], text: PlanReport.intendedUse)
        html.close("body")
        html.close("html")
        return html.text
    }
}
