import KRTPlanner
import KRTUnits

extension PlanReport {
    /// A clinician-readable summary for a terminal, at most 100 columns wide, ending with a newline.
    ///
    /// Sections: header (case, status in words, horizon, therapy), alerts (dangers first), fluids, orders, predicted course per
    /// solute, predicted levels at the lab draws, warnings, verification, the explanation (with
    /// `options.explain`, and always when no plan meets the hard bounds), audit, intended-use note.
    public static func text(_ result: PlanResult, options: ReportOptions = ReportOptions()) -> String {
        var lines: [String] = []
        lines += TextSections.header(result)
        lines += TextSections.startLine(result.start)
        lines += TextSections.alerts(result.alerts)
        lines += TextSections.start(result.start)
        if let robust = result.robust { lines += RobustReport.text(robust) }
        lines += TextSections.fluids(result)
        lines += TextSections.orders(result)
        lines += TextSections.course(result)
        lines += TextSections.labDraws(result, options: options)
        if let bands = result.uncertainty { lines += UncertaintyReport.text(bands) }
        lines += TextSections.warnings(result)
        lines += TextSections.verification(result)
        if result.showsExplanation(options) { lines += TextSections.explanation(result, options: options) }
        lines += TextSections.audit(result.audit)
        lines += ["", String(repeating: "-", count: TextLayout.pageWidth)]
        lines += TextLayout.paragraph(intendedUse)
        return lines.joined(separator: "\n") + "\n"
    }
}

/// The sections of the text report, one function each.
enum TextSections {
    static func header(_ result: PlanResult) -> [String] {
        let kind = result.kind == .plan ? "plan" : "simulation"
        let therapy = result.therapySummary
        var lines = TextLayout.paragraph("krtplan \(kind) for case \"\(result.caseName)\"")
        lines += TextLayout.paragraph(result.statusHeadline, lead: "Status:   ")
        lines += TextLayout.paragraph(
            "\(NumberFormat.hours(result.horizon)), report step \(NumberFormat.hours(result.step))", lead: "Horizon:  ")
        let sessions = therapy.sessions.isEmpty ? "" : " (\(therapy.sessions))"
        lines += TextLayout.paragraph("\(therapy.modality)\(sessions); \(therapy.flows)", lead: "Therapy:  ")
        lines += TextLayout.paragraph(
            "effluent dose \(therapy.effluentDoseText); anticoagulation: \(therapy.anticoagulation.isEmpty ? "none" : therapy.anticoagulation)",
            lead: "          ")
        return lines
    }

    /// The alerts, most serious first, each as `DANGER  <message>`; nothing when there are none.
    static func alerts(_ alerts: [Alert]) -> [String] {
        guard !alerts.isEmpty else { return [] }
        let unsafe = alerts.filter(\.unsafe).count
        let note = unsafe > 0 ? "\(NumberFormat.count(unsafe, "danger")) caused by the orders or fluids" : "none caused by the orders or fluids"
        return TextLayout.heading("Alerts", note) + alerts.flatMap { alert in
            TextLayout.paragraph(alert.message, lead: "  " + alert.label.padding(toLength: 9, withPad: " ", startingAt: 0))
        }
    }

    static func fluids(_ result: PlanResult) -> [String] {
        let lines = TextLayout.heading("Fluids", "K, P, Mg, Ca in mmol/L; P = phosphate as phosphorus")
        guard !result.fluids.isEmpty else { return lines + ["  No KRT fluids in this result."] }
        var table = TextTable([
            .init(header: "stream", flexible: true, minimumWidth: 10), .init(header: "period"),
            .init(header: "product", flexible: true),
            .init(header: "K", rightAligned: true), .init(header: "P", rightAligned: true),
            .init(header: "Mg", rightAligned: true), .init(header: "Ca", rightAligned: true),
            .init(header: "flow", rightAligned: true), .init(header: "equivalents", flexible: true),
        ])
        for fluid in result.fluidsInStreamOrder {
            table.add([
                fluid.streamName, NumberFormat.period(fluid.from, fluid.to), fluid.product,
                NumberFormat.trimmed(fluid.potassium, maxDecimals: 2), NumberFormat.trimmed(fluid.phosphate, maxDecimals: 2),
                NumberFormat.trimmed(fluid.magnesium, maxDecimals: 2), NumberFormat.trimmed(fluid.calcium, maxDecimals: 2),
                "\(NumberFormat.trimmed(fluid.flow, maxDecimals: 3)) L/h",
                fluid.equivalents.isEmpty ? "—" : fluid.equivalents.joined(separator: ", "),
            ])
        }
        return lines + table.render()
    }

    static func orders(_ result: PlanResult) -> [String] {
        var lines = TextLayout.heading("Orders (\(result.orders.count))")
        guard !result.orders.isEmpty else { return lines + ["  No supplement orders."] }
        var table = TextTable([
            .init(header: "time", rightAligned: true), .init(header: "drug", flexible: true, minimumWidth: 12),
            .init(header: "dose", flexible: true, minimumWidth: 8), .init(header: "route/line", flexible: true, minimumWidth: 8),
            .init(header: "rate / duration", flexible: true, minimumWidth: 10),
        ])
        // The reason goes on its own line under each order, so the order's columns stay wide enough to read.
        for order in result.ordersByTime {
            table.add([NumberFormat.hours(order.at), order.drug, order.dose, order.routeText, order.rateText],
                      note: order.reason.isEmpty ? nil : "why: \(order.reason)")
        }
        lines += table.render()
        let delivered = result.supplementDelivery.map {
            "\($0.solute.elementSymbol) \(NumberFormat.trimmed($0.amount, maxDecimals: 1)) mmol"
        }
        if !delivered.isEmpty {
            lines += [""] + TextLayout.paragraph(
                "\(delivered.joined(separator: ", ")) over \(NumberFormat.hours(result.horizon)).",
                lead: "Supplements deliver: ", indent: 2)
        }
        return lines
    }

    static func course(_ result: PlanResult) -> [String] {
        let lines = TextLayout.heading("Predicted course", "mmol/L")
        guard !result.solutes.isEmpty else { return lines + ["  No predicted course in this result."] }
        var table = TextTable([
            .init(header: "solute"), .init(header: "start", rightAligned: true),
            .init(header: "min (at)", rightAligned: true), .init(header: "max (at)", rightAligned: true),
            .init(header: "target"), .init(header: "hard bounds"), .init(header: "time in range", rightAligned: true),
            .init(header: "below / above target (mmol/L·h)", flexible: true),
        ])
        for solute in result.reportedSolutes {
            guard let summary = result.summary(for: solute) else { continue }
            table.add([
                solute.symbol, NumberFormat.level(summary.initial),
                "\(NumberFormat.level(summary.minimum)) (\(NumberFormat.hours(summary.minimumAt)))",
                "\(NumberFormat.level(summary.maximum)) (\(NumberFormat.hours(summary.maximumAt)))",
                "\(NumberFormat.level(summary.targetLow))–\(NumberFormat.level(summary.targetHigh))",
                "\(NumberFormat.level(summary.hardLow))–\(NumberFormat.level(summary.hardHigh))",
                NumberFormat.percent(summary.timeInRange),
                "\(NumberFormat.trimmed(summary.excursionBelow, maxDecimals: 2)) / "
                    + NumberFormat.trimmed(summary.excursionAbove, maxDecimals: 2),
            ])
        }
        return lines + table.render()
    }

    static func labDraws(_ result: PlanResult, options: ReportOptions) -> [String] {
        let solutes = result.reportedSolutes.filter { result.trajectory.values(for: $0) != nil }
        let lines = TextLayout.heading("Lab draws and predicted levels", "mmol/L; L/H below/above target, LL/HH beyond a hard bound")
        guard !solutes.isEmpty else { return lines + ["  No predicted levels in this result."] }
        var columns: [TextTable.Column] = [.init(header: "time", rightAligned: true)]
        var cells: [(Double) -> String] = []
        for solute in solutes {
            columns.append(.init(header: solute.symbol, rightAligned: true))
            let summary = result.summary(for: solute)
            cells.append { at in
                guard let value = result.trajectory.value(of: solute, at: at) else { return "—" }
                let flag = summary.map { $0.flag(value) } ?? ""
                return NumberFormat.level(value) + " " + flag + String(repeating: " ", count: max(2 - flag.count, 0))
            }
            if options.showMassUnits, solute.hasMassUnitDisplay {
                columns.append(.init(header: "\(solute.elementSymbol) mg/dL", rightAligned: true))
                cells.append { at in
                    result.trajectory.value(of: solute, at: at).flatMap(solute.milligramsPerDecilitre)
                        .map { NumberFormat.fixed($0, decimals: 1) } ?? "—"
                }
            }
        }
        columns.append(.init(header: "why draw", flexible: true, minimumWidth: 16))
        var table = TextTable(columns)
        for draw in result.tabulationTimes {
            table.add([NumberFormat.hours(draw.at)] + cells.map { $0(draw.at) } + [draw.reasons.joined(separator: "; ")])
        }
        return lines + table.render()
    }

    static func warnings(_ result: PlanResult) -> [String] {
        guard !result.warnings.isEmpty else { return [] }
        return TextLayout.heading("Warnings") + result.warnings.flatMap { TextLayout.bullet($0) }
    }

    static func verification(_ result: PlanResult) -> [String] {
        let check = result.verification
        var lines = TextLayout.heading("Verification")
        var parts: [String] = []
        if result.kind == .plan {
            let exceeded = check.maxPredictionDifference > check.tolerance ? " — EXCEEDS TOLERANCE" : ""
            parts.append("max |LP − simulation| \(NumberFormat.significant(check.maxPredictionDifference, digits: 2)) mmol/L"
                + " (tolerance \(NumberFormat.significant(check.tolerance, digits: 2)))\(exceeded)")
        }
        let broken = check.limitChecks.filter { !$0.passed }.count
        parts.append("\(NumberFormat.count(check.limitChecks.count, "limit check")) re-run, "
            + (broken == 0 ? "none broken" : "\(broken) BROKEN (under Alerts)"))
        if result.kind == .plan {
            parts.append(NumberFormat.count(check.couplingIterations, "Mg→K coupling iteration"))
            parts.append("solver residual \(NumberFormat.significant(check.solverResidual, digits: 2))")
        }
        lines += TextLayout.paragraph(parts.joined(separator: "; ") + ".", indent: 2)
        if let solver = result.solver {
            lines += TextLayout.paragraph(
                "\(solver.strategy); objective \(NumberFormat.significant(solver.objective, digits: 4)) points, bound "
                    + "\(NumberFormat.significant(solver.bound, digits: 4)), gap \(NumberFormat.percent(solver.relativeGap, decimals: 2)); "
                    + "\(NumberFormat.count(solver.nodesExplored, "fluid combination")), \(NumberFormat.count(solver.milpsSolved, "MILP")), "
                    + "\(NumberFormat.count(solver.lpsSolved, "LP")); "
                    + "\(NumberFormat.count(solver.variables, "variable")) (\(solver.integerVariables) integer, \(solver.binaryVariables) binary), "
                    + "\(NumberFormat.count(solver.constraints, "constraint")); \(solver.termination).",
                lead: "Solver: ", indent: 2)
        }
        return lines
    }

    static func explanation(_ result: PlanResult, options: ReportOptions) -> [String] {
        let explanation = result.explanation
        var lines = TextLayout.heading("Explanation")
        func block(_ title: String, _ items: [String]) {
            guard !items.isEmpty else { return }
            lines += ["", "  \(title)"] + items.flatMap { TextLayout.bullet($0, indent: 4) }
        }
        block("Hard-bound violations", explanation.violations.map(ExplanationWords.violation))
        block("Suggested fixes (each tested by re-solving)", explanation.suggestedFixes.map(ExplanationWords.fix))
        block("Binding constraints (what limits the plan)", ExplanationWords.bindingLines(explanation.binding))
        block("Alternatives", explanation.alternatives.map(ExplanationWords.alternative))
        block("Notes", explanation.notes)
        if options.explain, let solver = result.solver {
            block("Objective terms (points; lower is better)",
                  solver.objectiveTerms.map { "\($0.name): \(NumberFormat.significant($0.value, digits: 4))" })
        }
        if options.explain, !result.massBalance.isEmpty {
            lines += ["", "  Mass balance over the horizon (mmol; + into the patient)"]
            var table = TextTable(["solute", "fluids", "effluent", "supplements", "intake", "renal", "K wasting",
                                   "change", "residual"].enumerated().map { .init(header: $1, rightAligned: $0 > 0) })
            table.indent = 4
            for item in result.massBalance {
                table.add([item.solute.symbol] + [item.deliveredByFluids, item.removedInEffluent, item.supplements,
                                                  item.intake, item.renalExcretion, item.potassiumWasting,
                                                  item.changeInBody].map { NumberFormat.trimmed($0, maxDecimals: 1) }
                    + [NumberFormat.significant(item.residual, digits: 2)])
            }
            lines += table.render()
        }
        if options.explain { block("Model assumptions", result.assumptions) }
        if lines.count == 2 { lines += ["  Nothing to explain: no binding constraints, alternatives or violations."] }
        return lines
    }

    static func audit(_ audit: Audit) -> [String] {
        TextLayout.heading("Audit")
            + TextLayout.paragraph(audit.inputSHA256, lead: "input SHA-256:   ", indent: 2)
            + TextLayout.paragraph(audit.catalogSHA256, lead: "catalog SHA-256: ", indent: 2)
            + TextLayout.paragraph(
                "krtplan \(audit.toolVersion), model \(audit.modelVersion), GLPK \(audit.glpkVersion); solver status "
                    + "\(audit.solverStatus); residuals: solver \(NumberFormat.significant(audit.solverResidual, digits: 2)), "
                    + "mass balance \(NumberFormat.significant(audit.massBalanceResidual, digits: 2)) mmol"
                    + (audit.seed.map { "; uncertainty seed \($0)" } ?? ""),
                indent: 2)
    }
}

/// Sentences for the explanation items, shared by the text and HTML reports.
enum ExplanationWords {
    static func violation(_ item: BoundViolation) -> String {
        let side = item.side == "above" ? "above the upper" : "below the lower"
        return "\(item.solute.symbol) \(side) hard bound \(NumberFormat.level(item.bound)) mmol/L from "
            + "\(NumberFormat.hours(item.firstAt)); worst at \(NumberFormat.hours(item.worstAt)), "
            + "\(NumberFormat.fixed(item.worstBy, decimals: 2)) mmol/L beyond; area "
            + "\(NumberFormat.trimmed(item.area, maxDecimals: 2)) mmol/L·h"
    }

    static func fix(_ item: SuggestedFix) -> String {
        item.remainingViolation <= 0
            ? "\(item.change): meets the hard bounds"
            : "\(item.change): leaves \(NumberFormat.trimmed(item.remainingViolation, maxDecimals: 2)) mmol/L·h beyond the hard bounds"
    }

    /// Binding limits in clinical words, the same limit at several times as one line, by time:
    /// `K hard lower bound 3 mmol/L at 9, 14 and 23 h: … at each of these times [shadow price …]`. The
    /// model's internal row names stay in the JSON (`name`).
    static func bindingLines(_ items: [BindingLimit]) -> [String] {
        BindingGroup.groups(items).map { group in
            let each = group.times.count > 1 ? " at each of these times" : ""
            return "\(group.description): \(group.effect)\(each) [shadow price "
                + "\(NumberFormat.significant(group.shadowPrice, digits: 3)) points per unit]"
        }
    }

    static func alternative(_ item: AlternativeChoice) -> String {
        "\(item.fluids): +\(NumberFormat.significant(item.objectiveDifference, digits: 3)) points"
    }
}
