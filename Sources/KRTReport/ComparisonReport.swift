import KRTPlanner
import KRTUnits

/// Renders a ``KRTPlanner/WhatIfComparison`` (`krtplan compare`): variants side by side.
public enum ComparisonReport {
    /// Alerts of every variant first (`variant: DANGER …`), then the variants as columns (as many per block
    /// as fit in 100 columns): changes, status (`DANGER (simulated)` when unsafe), alerts, fluids, effluent
    /// dose, objective, time in range and min/max per solute, supplement totals, and errors.
    public static func text(_ comparison: WhatIfComparison) -> String {
        let mode = comparison.mode == .plan ? "each variant planned" : "each variant simulated as written"
        var lines = TextLayout.paragraph("krtplan comparison for case \"\(comparison.caseName)\" (\(mode))")
        lines += TextSections.startLine(comparison.variants.first?.start)
        lines += alerts(comparison)
        let rows = ComparisonRows(comparison)
        let labelWidth = min(max(rows.labels.map(\.count).max() ?? 0, 8), 24)
        let perBlock = max((TextLayout.pageWidth - 2 - labelWidth) / (minimumColumnWidth + 2), 1)
        let variants = comparison.variants
        if variants.isEmpty { lines += ["", "  No variants."] }
        for start in stride(from: 0, to: variants.count, by: perBlock) {
            let block = Array(start..<min(start + perBlock, variants.count))
            var table = TextTable([.init(header: "", flexible: true, minimumWidth: labelWidth)] + block.map {
                .init(header: variants[$0].name, flexible: true, minimumWidth: minimumColumnWidth)
            })
            for (label, cells) in zip(rows.labels, rows.cells) { table.add([label] + block.map { cells[$0] }) }
            lines += [""] + table.render()
        }
        lines += [""] + TextLayout.paragraph(
            "Levels in mmol/L; time in range is the share of the horizon inside the target range; the effluent dose "
                + "is the prescribed dose averaged over the horizon (for SLED/PIRRT, the dose while running times the "
                + "share of time in sessions).", indent: 2)
        lines += ["", String(repeating: "-", count: TextLayout.pageWidth)] + TextLayout.paragraph(PlanReport.intendedUse)
        return lines.joined(separator: "\n") + "\n"
    }

    /// Dangers first: every variant's alerts, `variant: DANGER message`, before the table; nothing when
    /// no variant has an alert.
    static func alerts(_ comparison: WhatIfComparison) -> [String] {
        let flagged = comparison.variants.filter { !$0.alerts.isEmpty }
        guard !flagged.isEmpty else { return [] }
        let unsafe = comparison.variants.filter(\.isUnsafe).map(\.name)
        let note = unsafe.isEmpty ? "no variant crosses a hard bound or breaks a limit"
            : "DANGER in \(unsafe.joined(separator: ", ")): crosses a hard bound or breaks a limit"
        var lines = TextLayout.heading("Alerts", note)
        for variant in flagged {
            for alert in variant.alerts {
                lines += TextLayout.paragraph(alert.message, lead: "  \(variant.name): \(alert.label) ")
            }
        }
        return lines
    }

    /// The comparison as canonical JSON (the `Codable` shape of ``KRTPlanner/WhatIfComparison``).
    public static func json(_ comparison: WhatIfComparison) throws(ReportError) -> String {
        try CanonicalJSON.string(comparison)
    }

    /// One CSV row per variant (RFC 4180, same rules as ``PlanReport/csv(_:table:)``): name, status,
    /// danger (`yes` when an alert is unsafe), alerts (`severity: message; …`), error, changes, fluids, effluent dose, objective, then per solute time in range (fraction), min and
    /// max with their times and the excursion areas, then supplement totals as text.
    public static func csv(_ comparison: WhatIfComparison) -> String {
        let solutes = solutesOf(comparison)
        var header = ["variant", "status", "danger", "alerts", "error", "changes", "fluids", "effluent_dose_mL_per_kg_per_h", "objective_points"]
        for solute in solutes {
            header += ["\(solute.symbol)_time_in_range", CSV.column(solute, "min"), "\(solute.symbol)_min_at_h",
                       CSV.column(solute, "max"), "\(solute.symbol)_max_at_h",
                       "\(solute.symbol)_below_target_mmol_h_per_L", "\(solute.symbol)_above_target_mmol_h_per_L"]
        }
        let banded = comparison.variants.contains { $0.uncertainty != nil }
        if banded {
            for solute in solutes {
                header += ["\(solute.symbol)_within_hard_bounds_probability", "\(solute.symbol)_in_target_lowest_draw_probability"]
            }
        }
        header.append("supplements")
        let starts = comparison.variants.contains { $0.start != nil }
        if starts { header.append("start") }
        let rows = comparison.variants.map { variant -> [CSVCell] in
            var row: [CSVCell] = [.text(variant.name), .text(variant.status?.rawValue ?? "failed"),
                                  .text(variant.isUnsafe ? "yes" : "no"),
                                  .text(variant.alerts.map { "\($0.severity.rawValue): \($0.message)" }.joined(separator: "; ")),
                                  .text(variant.error ?? ""),
                                  .text(variant.changes.joined(separator: "; ")), .text(variant.fluids),
                                  .number(variant.status == nil ? nil : variant.effluentDose), .number(variant.objective)]
            for solute in solutes {
                let summary = variant.solutes.first { $0.solute == solute }
                row += [.number(summary?.timeInRange), .number(summary?.minimum), .number(summary?.minimumAt),
                        .number(summary?.maximum), .number(summary?.maximumAt), .number(summary?.excursionBelow),
                        .number(summary?.excursionAbove)]
            }
            if banded {
                for solute in solutes {
                    row += [.number(variant.probabilities(solute)?.withinHardBounds), .number(variant.probabilities(solute)?.lowestInTarget)]
                }
            }
            row.append(.text(variant.supplementTotals.map { "\($0.drug): \($0.total) (\(NumberFormat.count($0.orders, "order")))" }
                .joined(separator: "; ")))
            if starts { row.append(.text(variant.start?.source.rawValue ?? "")) }
            return row
        }
        return CSV.document(header: header, rows: rows)
    }

    static let minimumColumnWidth = 18

    /// The planned solutes, then any other solute a variant reports.
    static func solutesOf(_ comparison: WhatIfComparison) -> [Solute] {
        let present = Set(comparison.variants.flatMap { $0.solutes.map(\.solute) })
        return Solute.planned + present.subtracting(Solute.planned).sorted()
    }
}

/// The rows of the comparison table: a label and one cell per variant.
struct ComparisonRows {
    var labels: [String] = []
    var cells: [[String]] = []

    init(_ comparison: WhatIfComparison) {
        let variants = comparison.variants
        // `PATH = VALUE` with spaces, so a narrow column wraps between path and value rather than inside them.
        add("changes") { variant in
            variant.changes.isEmpty ? "(base case)" : variant.changes.map { change in
                change.firstIndex(of: "=").map { "\(change[..<$0]) = \(change[change.index(after: $0)...])" } ?? change
            }.joined(separator: "; ")
        }
        if variants.contains(where: { $0.start != nil }) {
            add("start") { variant in
                guard let start = variant.start else { return "—" }
                let levels = start.levels.map { "\($0.solute.symbol) \(NumberFormat.level($0.serum))" }.joined(separator: ", ")
                return (start.source == .individual ? "fitted: " : "population, latest labs: ") + levels
            }
        }
        add("status") { variant in
            guard let status = variant.status else { return "FAILED" }
            return variant.isUnsafe ? "DANGER (\(status.shortWords))" : status.shortWords
        }
        if variants.contains(where: { !$0.alerts.isEmpty }) {
            add("alerts") { variant in
                variant.alerts.isEmpty ? (variant.status == nil ? "—" : "none")
                    : variant.alerts.map { "\($0.label): \($0.short)" }.joined(separator: "; ")
            }
        }
        add("fluids") { $0.status == nil || $0.fluids.isEmpty ? "—" : $0.fluids }
        add("effluent dose") {
            $0.status == nil ? "—" : "\(NumberFormat.trimmed($0.effluentDose, maxDecimals: 1)) mL/kg/h"
        }
        add("objective (points)") { $0.objective.map { NumberFormat.significant($0, digits: 4) } ?? "—" }
        if variants.contains(where: { $0.robust != nil }) {
            add("robust: scenarios holding") { variant in
                variant.robust.map { "\($0.scenariosHolding) of \($0.scenarios) (required \($0.requiredScenarios))" + ($0.promiseKept ? "" : ", NOT KEPT") } ?? "— (nominal plan)"
            }
            add("P(all hard bounds), out of sample") { variant in
                variant.robust.map {
                    "\(NumberFormat.percent($0.outOfSample.robust, decimals: 1)) (nominal plan \(NumberFormat.percent($0.outOfSample.nominal, decimals: 1)); "
                        + "\($0.outOfSample.draws) draws)"
                } ?? "—"
            }
        }
        for solute in ComparisonReport.solutesOf(comparison) {
            guard variants.contains(where: { $0.solutes.contains { $0.solute == solute } }) else { continue }
            func summary(_ variant: VariantOutcome) -> SoluteSummary? { variant.solutes.first { $0.solute == solute } }
            add("\(solute.symbol) time in range") { summary($0).map { NumberFormat.percent($0.timeInRange) } ?? "—" }
            add("\(solute.symbol) min (at)") {
                summary($0).map { "\(NumberFormat.level($0.minimum)) (\(NumberFormat.hours($0.minimumAt)))" } ?? "—"
            }
            add("\(solute.symbol) max (at)") {
                summary($0).map { "\(NumberFormat.level($0.maximum)) (\(NumberFormat.hours($0.maximumAt)))" } ?? "—"
            }
            if variants.contains(where: { $0.uncertainty != nil }) {
                add("\(solute.symbol) P(within hard bounds)") { $0.probabilities(solute).map { NumberFormat.percent($0.withinHardBounds) } ?? "—" }
                add("\(solute.symbol) P(in target), lowest draw") { $0.probabilities(solute)?.lowestInTarget.map { NumberFormat.percent($0) } ?? "—" }
            }
        }
        var drugs: [String] = []
        for total in variants.flatMap(\.supplementTotals) where !drugs.contains(total.drug) { drugs.append(total.drug) }
        for drug in drugs {
            add(drug) { variant in
                guard variant.status != nil else { return "—" }
                guard let total = variant.supplementTotals.first(where: { $0.drug == drug }) else { return "none" }
                return "\(total.total) (\(NumberFormat.count(total.orders, "order")))"
            }
        }
        if drugs.isEmpty { add("supplements") { $0.status == nil ? "—" : "none" } }
        if variants.contains(where: { $0.error != nil }) { add("error") { $0.error ?? "—" } }

        func add(_ label: String, _ cell: (VariantOutcome) -> String) {
            labels.append(label)
            cells.append(variants.map(cell))
        }
    }
}
