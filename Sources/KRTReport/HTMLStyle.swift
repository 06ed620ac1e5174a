/// The HTML report's style sheet, inline in the page.
enum HTMLStyle {
    /// Inline styles (a fixed constant: no user text). Light backgrounds only; meaning never depends on
    /// colour alone; print keeps charts and rows whole and prints the chart fills.
    static let css = """
        :root { color-scheme: light; }
        * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        body { font: 14px/1.45 Helvetica, Arial, sans-serif; color: #111; background: #fff;
               max-width: 1000px; margin: 0 auto; padding: 16px 20px 40px; overflow-wrap: break-word; }
        h1 { font-size: 22px; margin: 8px 0; overflow-wrap: anywhere; }
        h2 { font-size: 17px; margin: 26px 0 8px; border-bottom: 1px solid #999; break-after: avoid; }
        h3 { font-size: 14px; margin: 14px 0 6px; break-after: avoid; }
        .status { font-size: 16px; padding: 6px 10px; border-left: 6px solid #2e6b30; background: #f4f9f4; }
        .status-fail { border: 3px solid #b00020; border-left-width: 10px; background: #fff4f4; font-weight: bold; }
        .alerts { border: 3px solid #8a6d00; border-left-width: 10px; background: #fffbe6; padding: 4px 12px; margin: 10px 0; }
        .alerts-danger { border-color: #b00020; background: #fff4f4; }
        .alerts h2 { border: none; margin: 6px 0; }
        li.alert-danger { font-weight: bold; }
        .note { border: 1px solid #777; padding: 6px 10px; background: #fafafa; }
        footer.note { margin-top: 28px; }
        .meta, .small { color: #333; font-size: 12px; }
        nav { font-size: 12px; margin: 8px 0; }
        nav a { color: #1f4e8c; }
        table { border-collapse: collapse; width: 100%; margin: 6px 0; font-size: 13px; }
        th, td { border: 1px solid #bbb; padding: 3px 6px; text-align: left; vertical-align: top; }
        td { overflow-wrap: anywhere; }
        th { background: #f0f0f0; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        td.compact { white-space: nowrap; }
        tr, figure, dl, li { break-inside: avoid; }
        dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; margin: 6px 0; }
        dt { font-weight: bold; }
        dd { margin: 0; overflow-wrap: anywhere; }
        dl.audit dd { font-family: "Courier New", monospace; font-size: 12px; }
        ul.warnings li, ul.violations li { font-weight: bold; }
        figure { margin: 10px 0 18px; }
        figcaption { font-size: 12px; color: #333; }
        svg.chart { max-width: 100%; height: auto; display: block; }
        @page { margin: 14mm; }
        @media print {
          body { max-width: none; padding: 0 3px; font-size: 11pt; }
          nav { display: none; }
          h2 { margin-top: 18px; }
        }

        """
}
