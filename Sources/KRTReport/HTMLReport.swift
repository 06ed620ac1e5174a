import KRTPlanner
import KRTUnits

extension PlanReport {
    /// One self-contained HTML page (`krtplan … --report FILE.html`): no scripts and no network — a
    /// Content-Security-Policy forbids every resource load, styles are inline, charts are inline SVG.
    ///
    /// Contents: header with status and the intended-use note, therapy, predicted course, one chart per
    /// solute (K, PO4, Mg), orders, lab draws with predicted levels, fluids, warnings, explanation,
    /// verification and solver statistics, mass balance, assumptions and sources, audit block, footer.
    /// All text is escaped (case names come from user files). Print CSS keeps charts and table rows whole.
    public static func html(_ result: PlanResult, options: ReportOptions = ReportOptions()) -> String {
        var page = HTMLPage(result: result, options: options)
        return page.render()
    }
}

struct HTMLPage {
    let result: PlanResult
    let options: ReportOptions
    var html = MarkupWriter()

    init(result: PlanResult, options: ReportOptions) {
        self.result = result
        self.options = options
    }

    mutating func render() -> String {
        let kind = result.kind == .plan ? "plan" : "simulation"
        openDocument(title: "krtplan \(kind): \(result.caseName)")
        header(kind: kind)
        navigation()
        startSection()
        if let robust = result.robust { section("robust", "Robust plan") { page in RobustReport.html(robust, into: &page) } }
        therapy()
        course()
        charts()
        if let bands = result.uncertainty {
            section("uncertainty", "Uncertainty: bands and probabilities") { page in UncertaintyReport.html(bands, into: &page) }
        }
        orders()
        labDraws()
        fluids()
        warnings()
        explanation()
        verification()
        massBalance()
        assumptions()
        audit()
        html.element("footer", ["class": "note"], text: PlanReport.intendedUse)
        html.close("body")
        html.close("html")
        return html.text
    }

    // MARK: - Sections

    private mutating func header(kind: String) {
        html.open("header")
        html.element("h1", text: "krtplan \(kind): \(result.caseName)")
        let failing = result.status == .hardBoundsUnmet || result.hasUnsafeAlert
        html.element("p", ["class": failing ? "status status-fail" : "status"],
                     markup: "<strong>Status:</strong> " + MarkupWriter.escape(result.statusHeadline))
        startLine()
        HTMLAlerts.banner(result.alerts, title: "Alerts", into: &html)
        html.element("p", ["class": "meta"],
                     text: "Horizon \(NumberFormat.hours(result.horizon)), report step \(NumberFormat.hours(result.step)); "
                        + "times are hours from the starting labs (0 h). Concentrations in mmol/L; phosphate as phosphorus (P).")
        html.element("p", ["class": "note"], markup: "<strong>Intended use.</strong> " + MarkupWriter.escape(PlanReport.intendedUse))
        html.close("header")
    }

    private mutating func navigation() {
        let links = [("therapy", "Therapy"), ("course", "Predicted course"), ("charts", "Charts"), ("orders", "Orders"),
                     ("lab-draws", "Lab draws"), ("fluids", "Fluids"), ("warnings", "Warnings"),
                     ("explanation", "Explanation"), ("verification", "Verification"), ("mass-balance", "Mass balance"),
                     ("assumptions", "Assumptions and sources"), ("audit", "Audit")]
        html.element("nav", markup: links.map { "<a href=\"#\($0.0)\">\(MarkupWriter.escape($0.1))</a>" }.joined(separator: " · "))
    }

    mutating func section(_ id: String, _ title: String, _ body: (inout HTMLPage) -> Void) {
        html.open("section", ["id": id])
        html.element("h2", text: title)
        body(&self)
        html.close("section")
    }

    private mutating func therapy() {
        let therapy = result.therapySummary
        section("therapy", "Therapy") { page in
            page.definitions([
                ("Modality", therapy.modality + (therapy.sessions.isEmpty ? "" : " (\(therapy.sessions))")),
                ("Flows", therapy.flows),
                ("Effluent dose", therapy.effluentDoseText),
                ("Anticoagulation", therapy.anticoagulation.isEmpty ? "none" : therapy.anticoagulation),
            ])
        }
    }

    private mutating func course() {
        section("course", "Predicted course") { page in
            let rows = page.result.reportedSolutes.compactMap { page.result.summary(for: $0) }.map { summary in
                [summary.solute.symbol, NumberFormat.level(summary.initial),
                 "\(NumberFormat.level(summary.minimum)) at \(NumberFormat.hours(summary.minimumAt))",
                 "\(NumberFormat.level(summary.maximum)) at \(NumberFormat.hours(summary.maximumAt))",
                 "\(NumberFormat.level(summary.targetLow))–\(NumberFormat.level(summary.targetHigh))",
                 "\(NumberFormat.level(summary.hardLow))–\(NumberFormat.level(summary.hardHigh))",
                 NumberFormat.percent(summary.timeInRange),
                 "\(NumberFormat.trimmed(summary.excursionBelow, maxDecimals: 2)) / \(NumberFormat.trimmed(summary.excursionAbove, maxDecimals: 2))"]
            }
            page.table(["Solute", "Start (mmol/L)", "Minimum", "Maximum", "Target (mmol/L)", "Hard bounds (mmol/L)",
                        "Time in range", "Below / above target (mmol/L·h)"], rows, numeric: [1, 6], compact: [2, 3, 4, 5],
                       empty: "No predicted course.")
        }
    }

    private mutating func charts() {
        section("charts", "Predicted levels over time") { page in
            page.html.element("p", text: "Shaded green: target range; red lines: hard safety bounds (red shading beyond them); "
                + "dashed brown lines: supplement orders (bar: infusion time); dotted grey lines: fluid changes; "
                + "circles: recommended lab draws; red cross: worst point beyond a hard bound.")
            for solute in Solute.planned {
                page.html.open("figure")
                page.html.raw(page.chart(for: solute).render())
                page.html.element("figcaption", text: "\(solute.reportName): predicted serum level, mmol/L"
                    + (page.options.showMassUnits && solute.hasMassUnitDisplay ? " (right axis mg/dL)" : "") + ".")
                page.html.close("figure")
            }
        }
    }

    func chart(for solute: Solute) -> SVGChart {
        let supplements = result.ordersByTime.filter { $0.delivers.isEmpty || $0.delivers(solute) > 0 }
            .map { SVGChart.Marker(kind: .supplement, at: $0.at, duration: $0.duration, label: $0.label) }
        let changes = result.fluidChanges.map { change in
            SVGChart.Marker(kind: .fluidChange, at: change.at, duration: 0, label: change.assignments
                .map { "\($0.streamName) → \($0.product)" }.joined(separator: "; "))
        }
        return SVGChart(solute: solute, points: result.trajectory.points(of: solute), summary: result.summary(for: solute),
                        endTime: max(result.horizon, result.trajectory.times.last ?? 0), markers: supplements + changes,
                        labDraws: result.labDraws.map { ($0.at, result.trajectory.value(of: solute, at: $0.at)) },
                        violations: result.explanation.violations.filter { $0.solute == solute },
                        massAxis: options.showMassUnits, band: result.uncertainty.flatMap { ChartBand($0, solute) })
    }

    private mutating func orders() {
        section("orders", "Orders (\(result.orders.count))") { page in
            let rows = page.result.ordersByTime.map { order in
                [NumberFormat.hours(order.at), order.drug, order.dose, order.routeText, order.rateText,
                 order.delivers.map { "\($0.solute.elementSymbol) \(NumberFormat.trimmed($0.amount, maxDecimals: 2)) mmol" }
                    .joined(separator: ", "), order.reason]
            }
            page.table(["Time", "Drug", "Dose", "Route / line", "Rate / duration", "Delivers", "Reason"], rows,
                       numeric: [0], compact: [3], empty: "No supplement orders.")
        }
    }

    private mutating func labDraws() {
        section("lab-draws", "Lab draws and predicted levels") { page in
            let solutes = page.result.reportedSolutes.filter { page.result.trajectory.values(for: $0) != nil }
            var header = ["Time"]
            for solute in solutes {
                header.append("\(solute.symbol) (mmol/L)")
                if page.options.showMassUnits, solute.hasMassUnitDisplay { header.append("\(solute.elementSymbol) (mg/dL)") }
            }
            header.append("Why draw")
            let rows = page.result.tabulationTimes.map { draw -> [String] in
                var row = [NumberFormat.hours(draw.at)]
                for solute in solutes {
                    let value = page.result.trajectory.value(of: solute, at: draw.at)
                    let flag = value.flatMap { value in page.result.summary(for: solute).map { $0.flag(value) } } ?? ""
                    row.append((value.map(NumberFormat.level) ?? "—") + (flag.isEmpty ? "" : " \(flag)"))
                    if page.options.showMassUnits, solute.hasMassUnitDisplay {
                        row.append(value.flatMap(solute.milligramsPerDecilitre).map { NumberFormat.fixed($0, decimals: 1) } ?? "—")
                    }
                }
                return row + [draw.reasons.joined(separator: "; ")]
            }
            page.table(header, rows, numeric: Set(0..<(header.count - 1)), empty: "No predicted levels.")
            page.html.element("p", ["class": "small"], text: "L / H: below / above the target range; LL / HH: beyond a hard bound.")
        }
    }

    private mutating func fluids() {
        section("fluids", "Fluids") { page in
            let rows = page.result.fluidsInStreamOrder.map { fluid in
                [fluid.streamName, NumberFormat.period(fluid.from, fluid.to), fluid.product]
                    + [fluid.potassium, fluid.phosphate, fluid.magnesium, fluid.calcium].map { NumberFormat.trimmed($0, maxDecimals: 2) }
                    + ["\(NumberFormat.trimmed(fluid.flow, maxDecimals: 3)) L/h",
                       fluid.equivalents.isEmpty ? "—" : fluid.equivalents.joined(separator: ", ")]
            }
            page.table(["Stream", "Period", "Product", "K", "P", "Mg", "Ca", "Flow", "Equivalent products"], rows,
                       numeric: [3, 4, 5, 6, 7], empty: "No KRT fluids in this result.")
            page.html.element("p", ["class": "small"], text: "K, P, Mg and Ca in mmol/L. Equivalent products have the same K, P and Mg.")
        }
    }

    private mutating func warnings() {
        section("warnings", "Warnings") { page in page.list(page.result.warnings, empty: "No warnings.", className: "warnings") }
    }

    private mutating func explanation() {
        let explanation = result.explanation
        section("explanation", "Explanation") { page in
            if !explanation.violations.isEmpty {
                page.html.element("h3", text: "Hard-bound violations")
                page.list(explanation.violations.map(ExplanationWords.violation), className: "violations")
            }
            if !explanation.suggestedFixes.isEmpty {
                page.html.element("h3", text: "Suggested fixes (each tested by re-solving)")
                page.list(explanation.suggestedFixes.map(ExplanationWords.fix))
            }
            page.html.element("h3", text: "Binding constraints")
            // The same limit at several times is one row; the model's row names stay in the JSON.
            page.table(["Constraint", "Clinical effect", "Shadow price (points per unit)"],
                       BindingGroup.groups(explanation.binding).map {
                           [$0.description, $0.effect + ($0.times.count > 1 ? " at each of these times" : ""),
                            NumberFormat.significant($0.shadowPrice, digits: 3)]
                       },
                       numeric: [2], empty: "No binding constraints reported.")
            if !explanation.alternatives.isEmpty {
                page.html.element("h3", text: "Alternatives")
                page.list(explanation.alternatives.map(ExplanationWords.alternative))
            }
            if !explanation.notes.isEmpty {
                page.html.element("h3", text: "Notes")
                page.list(explanation.notes)
            }
        }
    }

    private mutating func verification() {
        let check = result.verification
        section("verification", "Verification") { page in
            var facts: [(String, String)] = []
            if page.result.kind == .plan {
                facts.append(("LP vs simulation", "max |difference| \(NumberFormat.significant(check.maxPredictionDifference, digits: 2)) mmol/L, "
                    + "tolerance \(NumberFormat.significant(check.tolerance, digits: 2)) mmol/L"
                    + (check.maxPredictionDifference > check.tolerance ? " — EXCEEDS TOLERANCE" : "")))
                facts.append(("Mg → K coupling", NumberFormat.count(check.couplingIterations, "iteration")))
                facts.append(("Solver residual", NumberFormat.significant(check.solverResidual, digits: 2)))
            }
            let broken = check.limitChecks.filter { !$0.passed }.count
            facts.append(("Limit checks", "\(check.limitChecks.count) re-run, " + (broken == 0 ? "none broken" : "\(broken) BROKEN (see Alerts)")))
            if let solver = page.result.solver {
                facts.append(("Solver", "\(solver.strategy); \(solver.termination)"))
                facts.append(("Objective", "\(NumberFormat.significant(solver.objective, digits: 4)) points; bound "
                    + "\(NumberFormat.significant(solver.bound, digits: 4)); gap \(NumberFormat.percent(solver.relativeGap, decimals: 2)) "
                    + "(requested \(NumberFormat.percent(solver.requestedGap, decimals: 1)))"))
                facts.append(("Search", "\(NumberFormat.count(solver.nodesExplored, "fluid combination")), "
                    + "\(NumberFormat.count(solver.milpsSolved, "MILP")), \(NumberFormat.count(solver.lpsSolved, "LP")); "
                    + "\(NumberFormat.count(solver.variables, "variable")) (\(solver.integerVariables) integer, \(solver.binaryVariables) binary), "
                    + NumberFormat.count(solver.constraints, "constraint")))
                facts.append(("Objective terms", solver.objectiveTerms.map { "\($0.name) \(NumberFormat.significant($0.value, digits: 4))" }
                    .joined(separator: "; ")))
            }
            page.definitions(facts)
            // A broken limit is in the alerts banner, as a violation; here the checks that passed.
            page.list(check.limitChecks.filter(\.passed).map { "passed: " + $0.description }, className: "checks")
        }
    }

    private mutating func massBalance() {
        section("mass-balance", "Mass balance over the horizon") { page in
            let rows = page.result.massBalance.map { item in
                [item.solute.symbol] + [item.deliveredByFluids, item.removedInEffluent, item.supplements, item.intake,
                                        item.renalExcretion, item.potassiumWasting, item.changeInBody]
                    .map { NumberFormat.trimmed($0, maxDecimals: 2) } + [NumberFormat.significant(item.residual, digits: 2)]
            }
            page.table(["Solute", "Delivered by fluids", "Removed in effluent", "Supplements", "Intake", "Renal excretion",
                        "K wasting", "Change in body", "Residual"], rows, numeric: Set(1...8), empty: "No mass balance in this result.")
            page.html.element("p", ["class": "small"], text: "mmol over the horizon; the residual is |inputs − outputs − change|.")
        }
    }

    private mutating func assumptions() {
        section("assumptions", "Assumptions and sources") { page in
            page.list(page.result.assumptions, empty: "No assumptions listed.")
            page.html.element("p", ["class": "small"], text: "Fluid compositions, supplement limits and their sources are in the "
                + "catalog identified by its SHA-256 in the audit block; the model is documented in docs/model.md.")
        }
    }

    private mutating func audit() {
        let audit = result.audit
        section("audit", "Audit") { page in
            page.definitions([
                ("Input SHA-256", audit.inputSHA256), ("Catalog SHA-256", audit.catalogSHA256),
                ("krtplan", audit.toolVersion), ("Model", audit.modelVersion), ("GLPK", audit.glpkVersion),
                ("Solver status", audit.solverStatus),
                ("Residuals", "solver \(NumberFormat.significant(audit.solverResidual, digits: 2)); "
                    + "mass balance \(NumberFormat.significant(audit.massBalanceResidual, digits: 2)) mmol"),
            ] + (audit.seed.map { [("Uncertainty seed", "\($0)")] } ?? []), className: "audit")
        }
    }
}
