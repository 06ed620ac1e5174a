import KRTUnits

extension PlanAssembly {
    /// The result's alerts, built once: hard-bound crossings of the simulated course (after the start, by
    /// the rule of ``PlanResult/startingValueRule``), broken limits (failed ``LimitCheck``s), then starting
    /// levels outside a hard bound. Dangers first; within a severity, by time.
    func alerts(violations: [BoundViolation], checks: [LimitCheck]) -> [Alert] {
        let dangers = violations.map(crossingAlert) + checks.filter { !$0.passed }.map(limitAlert)
        let ordered = dangers.enumerated().sorted {
            ($0.element.atHours ?? 0, $0.offset) < ($1.element.atHours ?? 0, $1.offset)
        }.map(\.element)
        return sitePolicyAlerts() + ordered + startingAlerts()
    }

    /// Standing alerts for every site value the catalog lets exceed the label (docs/formulations.md, site
    /// files): shown on every report, whatever the plan orders; a declared policy, so a warning, not unsafe.
    func sitePolicyAlerts() -> [Alert] {
        planningCase.labelExceedances.map { notice in
            Alert(severity: .warning, kind: .sitePolicyExceedsLabel, subject: "site policy", message: notice,
                  limitSource: "site", unsafe: false)
        }
    }

    /// "K falls below the hard bound 3 mmol/L at 9 h; lowest 1.62 mmol/L at 48 h (1.38 mmol/L below)".
    func crossingAlert(_ violation: BoundViolation) -> Alert {
        let below = violation.side == "below"
        let worst = value(violation.solute, at: violation.worstAt)
        let excess = rounded(below ? violation.bound - worst : worst - violation.bound)
        let symbol = violation.solute.symbol
        let message = "\(symbol) \(below ? "falls below" : "rises above") the hard bound \(Quantity.format(violation.bound)) mmol/L "
            + "at \(Quantity.format(rounded(violation.firstAt))) h; \(below ? "lowest" : "highest") \(Quantity.format(rounded(worst))) mmol/L "
            + "at \(Quantity.format(rounded(violation.worstAt))) h (\(Quantity.format(max(0, excess))) mmol/L \(below ? "below" : "above") the bound)"
        return Alert(severity: .danger, kind: .hardBoundCrossed, subject: symbol, message: message,
                     atHours: violation.firstAt, worstAtHours: violation.worstAt, value: rounded(worst),
                     limit: violation.bound, excess: max(0, excess), unit: "mmol/L", limitSource: "hard_bound", unsafe: true)
    }

    /// A failed limit check as a violation: "Potassium chloride at 0 h: rate 80 mmol/h exceeds the 10 mmol/h
    /// peripheral-line rate limit (label)". Without the structured figures, the check's own sentence.
    func limitAlert(_ check: LimitCheck) -> Alert {
        let subject = check.drug ?? "order"
        guard let value = check.value, let limit = check.limit, let unit = check.unit else {
            return Alert(severity: .danger, kind: .limitBroken, subject: subject, message: check.description,
                         atHours: check.at, limitSource: check.source, unsafe: true)
        }
        let line = check.drug.flatMap { drug in
            orders.first { order in order.drug.name == drug && (check.at.map { abs(order.at - $0) < 1e-9 } ?? true) }
        }.map(\.drug.line) ?? ""
        let who = check.drug.map { "\($0)\(check.at.map { " at \(Quantity.format($0)) h" } ?? ""): " } ?? ""
        let v = "\(Quantity.format(rounded(value))) \(unit)", l = "\(Quantity.format(rounded(limit))) \(unit)"
        let lineWords = line.isEmpty ? "" : "\(line)-line "
        let from = check.source.map { " (\($0))" } ?? ""
        let sentence: String = switch check.kind {
        case "rate": "rate \(v) exceeds the \(l) \(lineWords)rate limit\(from)"
        case "single_dose": "dose \(v) exceeds the \(l) single-dose limit\(from)"
        case "units_per_order": "\(Quantity.format(rounded(value))) units in one order exceed the limit of \(Quantity.format(rounded(limit)))\(from)"
        case "concentration": "concentration \(v) exceeds the \(l) \(lineWords)concentration limit\(from)"
        case "gate": "serum level \(v) is not below the \(l) gate\(from)"
        case "rolling_cap": "\(v) in one window exceeds the \(l) cap\(from)"
        default: "\(v) exceeds the \(l) limit\(from)"
        }
        return Alert(severity: .danger, kind: .limitBroken, subject: subject, message: who + sentence, atHours: check.at,
                     value: rounded(value), limit: rounded(limit), excess: check.excess.map { rounded(max(0, $0)) }, unit: unit,
                     limitSource: check.source, unsafe: true)
    }

    /// A starting level (labs at 0 h) outside a hard bound: shown, never unsafe by itself.
    func startingAlerts() -> [Alert] {
        Solute.planned.compactMap { solute -> Alert? in
            guard let start = problem.initialSerum[solute] else { return nil }
            let hard = problem.limits.hard(solute)
            guard !hard.contains(start) else { return nil }
            let above = start > hard.upperBound
            let bound = above ? hard.upperBound : hard.lowerBound
            let excess = rounded(abs(start - bound))
            let message = "\(solute.symbol) starts \(above ? "above" : "below") the hard bound \(Quantity.format(bound)) mmol/L: "
                + "\(Quantity.format(start)) mmol/L at 0 h (\(Quantity.format(excess)) mmol/L \(above ? "above" : "below")); for the first "
                + "\(Quantity.format(problem.correctionWindow)) h the orders and fluids only have to keep it from getting worse"
            return Alert(severity: .warning, kind: .startsOutsideHardBound, subject: solute.symbol, message: message, atHours: 0,
                         value: start, limit: bound, excess: excess, unit: "mmol/L", limitSource: "hard_bound", unsafe: false)
        }
    }
}
