import KRTPlanner
import KRTUnits

/// The tables a plan result can be written as CSV (one table per file; see docs/report.md).
public enum CSVTable: String, Sendable, Hashable, CaseIterable {
    /// One row per report time: predicted levels, then the target and hard bounds per solute.
    case trajectory
    /// One row per supplement order.
    case orders
    /// One row per fluid assignment (stream and period).
    case fluids
    /// One row per recommended lab draw, with the predicted levels at that time.
    case labDraws = "lab-draws"
    /// With `--bands`: one row per report time, every percentile of every solute (empty without bands).
    case bands
    /// With `--robust`: the promise, the out-of-sample probabilities and the price (empty without it).
    case robust
}

extension PlanReport {
    /// One table of the result as RFC 4180 CSV: a header row, CRLF line ends, fields quoted when they hold
    /// a comma, quote, CR or LF (quotes doubled). Numbers follow the canonical rule of the JSON report;
    /// empty cells mean "not in this result". Text cells that a spreadsheet would run as a formula
    /// (starting with `=`, `+`, `-`, `@`, tab or CR) are prefixed with `'`.
    /// For a case with history, the predicted-level tables (trajectory, lab-draws) end with a `start` column:
    /// `individual` (fitted) or `population`.
    public static func csv(_ result: PlanResult, table: CSVTable = .trajectory) -> String {
        switch table {
        case .trajectory: CSVTables.trajectory(result)
        case .orders: CSVTables.orders(result)
        case .fluids: CSVTables.fluids(result)
        case .labDraws: CSVTables.labDraws(result)
        case .bands: result.uncertainty.map(UncertaintyReport.csv) ?? CSV.document(header: ["time_h"], rows: [])
        case .robust: result.robust.map(RobustReport.csv) ?? CSV.document(header: ["item", "robust", "nominal", "unit"], rows: [])
        }
    }
}

/// A CSV cell: a number (canonical text, never guarded) or text (quoted and guarded as needed).
enum CSVCell {
    case number(Double?)
    case integer(Int)
    case text(String)

    var field: String {
        switch self {
        case .number(let value):
            guard let value else { return "" }
            return NumberFormat.canonical(value) ?? NumberFormat.nonFinite(value)
        case .integer(let value): return String(value)
        case .text(let text): return CSV.quoted(CSV.guarded(TextClean.nfc(text)))
        }
    }
}

/// RFC 4180 writing shared by the plan and comparison CSVs.
enum CSV {
    static let lineEnd = "\r\n"

    static func document(header: [String], rows: [[CSVCell]]) -> String {
        let head = header.map { quoted($0) }.joined(separator: ",")
        return ([head] + rows.map { $0.map(\.field).joined(separator: ",") }).map { $0 + lineEnd }.joined()
    }

    /// Quotes a field that holds a comma, quote, CR or LF, doubling its quotes.
    static func quoted(_ field: String) -> String {
        guard field.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" }) else {
            return field
        }
        return "\"" + field.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }

    /// Prefixes text that spreadsheets would evaluate as a formula (CSV injection) with `'`.
    static func guarded(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) else { return text }
        return "'" + text
    }

    /// Column name for a concentration, e.g. `K_mmol_per_L`, `PO4_target_low_mmol_per_L`.
    static func column(_ solute: Solute, _ what: String = "", unit: String = "mmol_per_L") -> String {
        [solute.symbol, what, unit].filter { !$0.isEmpty }.joined(separator: "_")
    }
}

/// The plan CSV tables, one function each.
enum CSVTables {
    static func trajectory(_ result: PlanResult) -> String {
        let solutes = result.reportedSolutes
        let bounds: [(String, (SoluteSummary) -> Double)] = [
            ("target_low", \.targetLow), ("target_high", \.targetHigh), ("hard_low", \.hardLow), ("hard_high", \.hardHigh),
        ]
        let header = ["time_h"] + solutes.map { CSV.column($0) }
            + solutes.flatMap { solute in bounds.map { CSV.column(solute, $0.0) } }
        let series = solutes.map { result.trajectory.values(for: $0) ?? [] }
        let boundCells = solutes.flatMap { solute in
            bounds.map { bound in CSVCell.number(result.summary(for: solute).map(bound.1)) }
        }
        let rows = result.trajectory.times.enumerated().map { index, time in
            [CSVCell.number(time)] + series.map { .number(index < $0.count ? $0[index] : nil) } + boundCells + startCell(result)
        }
        return CSV.document(header: header + startHeader(result), rows: rows)
    }

    static func orders(_ result: PlanResult) -> String {
        let present = Set(result.orders.flatMap { $0.delivers.map(\.solute) })
        let solutes = [Solute.potassium, .phosphate, .magnesium, .sodium]
            + present.subtracting([.potassium, .phosphate, .magnesium, .sodium]).sorted()
        let header = ["at_h", "drug", "units", "dose", "route", "line", "duration_h", "rate"]
            + solutes.map { CSV.column($0, unit: "mmol") } + ["reason"]
        let rows = result.ordersByTime.map { order -> [CSVCell] in
            [.number(order.at), .text(order.drug), .integer(order.units), .text(order.dose), .text(order.route),
             .text(order.line), .number(order.duration), .text(order.rate)]
                + solutes.map { .number(order.delivers($0)) } + [.text(order.reason)]
        }
        return CSV.document(header: header, rows: rows)
    }

    static func fluids(_ result: PlanResult) -> String {
        let header = ["stream", "from_h", "to_h", "product", "equivalents", "K_mmol_per_L", "PO4_mmol_per_L",
                      "Mg_mmol_per_L", "Ca_mmol_per_L", "flow_L_per_h"]
        let rows = result.fluidsInStreamOrder.map { fluid -> [CSVCell] in
            [.text(fluid.stream), .number(fluid.from), .number(fluid.to), .text(fluid.product),
             .text(fluid.equivalents.joined(separator: "; ")), .number(fluid.potassium), .number(fluid.phosphate),
             .number(fluid.magnesium), .number(fluid.calcium), .number(fluid.flow)]
        }
        return CSV.document(header: header, rows: rows)
    }

    static func labDraws(_ result: PlanResult) -> String {
        let solutes = result.reportedSolutes
        let header = ["at_h", "reasons"] + solutes.map { CSV.column($0, "predicted") }
        let rows = result.labDraws.sorted { $0.at < $1.at }.map { draw -> [CSVCell] in
            [.number(draw.at), .text(draw.reasons.joined(separator: "; "))]
                + solutes.map { .number(result.trajectory.value(of: $0, at: draw.at)) } + startCell(result)
        }
        return CSV.document(header: header + startHeader(result), rows: rows)
    }

    /// `start` (individual / population) for a case with history; nothing otherwise.
    static func startHeader(_ result: PlanResult) -> [String] { result.start == nil ? [] : ["start"] }

    static func startCell(_ result: PlanResult) -> [CSVCell] { result.start.map { [.text($0.source.rawValue)] } ?? [] }
}
