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

    /// A failed limit check as an alert. The limit engine's sentence is the one description of the breach
    /// ("Potassium chloride … at 2 h: rate 80 mmol K/h exceeds the 10 mmol K/h peripheral-line limit (label)");
    /// the structured figures (value and limit in one unit, excess, source) travel with it.
    func limitAlert(_ check: LimitCheck) -> Alert {
        Alert(severity: .danger, kind: .limitBroken, subject: check.drug ?? "order", message: check.description,
              atHours: check.at, value: check.value.map(rounded), limit: check.limit.map(rounded),
              excess: check.excess.map { rounded(max(0, $0)) }, unit: check.unit, limitSource: check.source, unsafe: true)
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
