import KRTInput
import KRTKinetics
import KRTUnits

/// Reads a case file into a ``CaseFile``, collecting every problem (with its field path) before
/// failing. Ranges and defaults are documented in docs/case-format.md.
public enum CaseReader {
    static let topLevelKeys = ["name", "description", "start", "patient", "labs", "therapy", "fluids", "supplements", "orders",
                               "targets", "hard_bounds", "weights", "horizon", "step", "lab_every", "solver", "history",
                               "shift_drivers"]

    /// Longest horizon accepted (h): 14 days.
    public static let maxHorizon = 14.0 * 24
    /// Shortest step accepted (h): 5 minutes.
    public static let minStep = 5.0 / 60
    /// Largest number of report steps accepted (keeps the model size bounded).
    public static let maxSteps = 4032
    /// Most characters in the case name (it heads every report).
    public static let maxNameLength = 200

    public static func read(path: String) throws(InputError) -> CaseFile {
        try read(YAMLDocument.load(path: path))
    }

    public static func read(_ document: YAMLDocument) throws(InputError) -> CaseFile {
        let log = IssueLog()
        let root = document.field(log: log)
        guard root.expectMapping(allowedKeys: topLevelKeys, expected: "a case: a mapping with name, patient, labs, therapy, fluids, …") else {
            throw InputError(.data, source: document.source, issues: log.issues)
        }
        let name = root["name"].string(expected: "a one-line case name", maxLength: maxNameLength)
        let description = root["description"].string(required: false)
        let horizon = readHorizon(root["horizon"])
        let step = readStep(root["step"], horizon: horizon)
        var patient = readPatient(root["patient"])
        patient?.shiftDrivers = readShiftDrivers(root["shift_drivers"], horizon: horizon)
        let labs = readLabs(root["labs"])
        let therapy = readTherapy(root["therapy"], patient: patient, horizon: horizon)
        let fluids = readFluids(root["fluids"], horizon: horizon)
        let supplements = readSupplements(root["supplements"], horizon: horizon)
        let orders = readOrders(root["orders"], horizon: horizon)
        let limits = readLevelLimits(targets: root["targets"], hardBounds: root["hard_bounds"])
        let weights = readWeights(root["weights"])
        let labEvery = root["lab_every"].isPresent ? readTime(root["lab_every"], in: 1...168, expected: "1 h to 7 days") : 12
        let solver = readSolver(root["solver"])
        let history = readHistory(root["history"], patient: patient, labs: labs?.all, labsField: root["labs"])
        let start = readStart(root["start"])

        if log.hasErrors { throw InputError(.data, source: document.source, issues: log.issues) }
        guard let name, let horizon, let step, let patient, let labs, let therapy, let fluids, let supplements,
              let labEvery else {
            throw InputError(.data, source: document.source, issues: log.issues)
        }
        var file = CaseFile(
            name: name, description: description, patient: patient, initialLabs: labs.values, labTimes: labs.times, labs: labs.all,
            therapy: therapy.therapy, citrateSolution: therapy.citrateSolution,
            calciumInfusion: therapy.calciumInfusion, fluids: fluids, supplements: supplements,
            orders: orders, limits: limits, weights: weights, horizon: horizon, step: step, labEvery: labEvery,
            solver: solver, sha256: document.sha256, warnings: log.issues.warnings, source: document.source
        )
        file.history = history
        file.start = start
        return file
    }

    // MARK: - Time

    static func readHorizon(_ field: Field) -> Double? {
        readTime(field, in: 1...maxHorizon, expected: "a horizon from 1 h to 14 days")
    }

    static func readStep(_ field: Field, horizon: Double?) -> Double? {
        guard let step = field.canonical(.time) else { return nil }
        if let horizon, step > horizon {
            field.error("step \(field.text) is longer than the horizon (\(Quantity.format(horizon)) h); expected a step that divides the horizon")
            return nil
        }
        guard field.requireRange(step, minStep...24, expected: "a step from 5 min to 24 h") else { return nil }
        guard let horizon else { return step }
        let count = horizon / step
        if abs(count - count.rounded()) > 1e-6 {
            field.error("step \(field.text) does not divide the horizon (\(Quantity.format(horizon)) h) into whole steps")
            return nil
        }
        if count.rounded() > Double(maxSteps) {
            field.error("\(Int(count.rounded())) steps of \(field.text) exceed the limit of \(maxSteps) steps; use a longer step or a shorter horizon")
            return nil
        }
        return step
    }

    /// A time in hours, range-checked.
    static func readTime(_ field: Field, in range: ClosedRange<Double>, expected: String, required: Bool = true) -> Double? {
        guard let value = field.canonical(.time, required: required) else { return nil }
        return field.requireRange(value, range, expected: expected) ? value : nil
    }

    /// A time point within the horizon (0 ≤ t < horizon).
    static func readTimePoint(_ field: Field, horizon: Double?) -> Double? {
        guard let value = field.canonical(.time) else { return nil }
        let upper = horizon ?? maxHorizon
        guard value >= 0, value < upper else {
            field.error("\(field.text) is outside the plan; expected a time from 0 h to before the horizon (\(Quantity.format(upper)) h)")
            return nil
        }
        return value
    }

    // MARK: - Targets, weights, solver

    static func readLevelLimits(targets: Field, hardBounds: Field) -> LevelLimits {
        var limits = LevelLimits.defaults
        let keys = Solute.planned.map(\.rawValue)
        if targets.expectMapping(allowedKeys: keys, required: false) {
            for solute in Solute.planned {
                if let range = readRange(targets[solute.rawValue], solute: solute) { limits.targets[solute] = range }
            }
        }
        if hardBounds.expectMapping(allowedKeys: keys, required: false) {
            for solute in Solute.planned {
                guard let range = readRange(hardBounds[solute.rawValue], solute: solute) else { continue }
                let envelope = Plausibility.hardBoundEnvelope(solute)
                if range.lowerBound < envelope.lowerBound - 1e-9 || range.upperBound > envelope.upperBound + 1e-9 {
                    hardBounds[solute.rawValue].error(
                        "hard bounds \(format(range)) mmol/L reach outside the clinical envelope for \(solute.rawValue), "
                            + "\(format(envelope)) mmol/L: such a bound protects nobody; expected hard bounds within \(format(envelope)) mmol/L")
                } else {
                    limits.hardBounds[solute] = range
                }
            }
        }
        for solute in Solute.planned {
            let target = limits.target(solute), hard = limits.hard(solute)
            if target.lowerBound < hard.lowerBound || target.upperBound > hard.upperBound {
                targets[solute.rawValue].error(
                    "target \(format(target)) mmol/L is not inside the hard bounds \(format(hard)) mmol/L; expected a target range within the hard bounds")
            }
        }
        return limits
    }

    /// `"4.0 to 5.0 mmol/L"` (also mg/dL for phosphate and Mg) → mmol/L range.
    static func readRange(_ field: Field, solute: Solute) -> ClosedRange<Double>? {
        guard let text = field.string(required: false, expected: "a range such as '4.0 to 5.0 mmol/L'") else { return nil }
        let parts = text.components(separatedByWord: "to")
        guard parts.count == 2, let low = Double(parts[0].trimmingWhitespace) else {
            field.error(value: text, "'\(text)' is not a range; expected e.g. '4.0 to 5.0 mmol/L'")
            return nil
        }
        do {
            let high = try Quantity(parsing: parts[1], expecting: .concentration)
            let lowValue = try Quantity(low, high.unit).canonicalValue(for: solute)
            let highValue = try high.canonicalValue(for: solute)
            guard lowValue.isFinite, highValue.isFinite, lowValue > 0, lowValue < highValue else {
                field.error(value: text, "'\(text)' must have a positive lower end below the upper end")
                return nil
            }
            return lowValue...highValue
        } catch {
            field.error(value: text, error.description)
            return nil
        }
    }

    static func readWeights(_ field: Field) -> ObjectiveWeights {
        var weights = ObjectiveWeights()
        let keys: [(String, WritableKeyPath<ObjectiveWeights, Double>)] = [
            ("excursion", \.excursion), ("middle_pull", \.middlePull), ("order", \.order), ("amount", \.amount),
            ("fluid_change", \.fluidChange), ("potassium_wasting", \.potassiumWasting),
        ]
        guard field.expectMapping(allowedKeys: keys.map(\.0), required: false) else { return weights }
        for (key, path) in keys where field[key].isPresent {
            if let value = field[key].number(expected: "a weight in points (a plain number ≥ 0)") {
                if value >= 0, value <= 1e6 { weights[keyPath: path] = value } else {
                    field[key].error("weight \(field[key].text) is outside 0–1000000 points")
                }
            }
        }
        return weights
    }

    static func readSolver(_ field: Field) -> SolverSettings {
        var settings = SolverSettings()
        guard field.expectMapping(allowedKeys: ["relative_gap", "time_limit", "threads", "seed", "robust"], required: false) else { return settings }
        if field["relative_gap"].isPresent, let gap = field["relative_gap"].canonical(.fraction),
           field["relative_gap"].requireRange(gap, 0...0.2, expected: "a relative gap from 0 % to 20 %") {
            settings.relativeGap = gap
        }
        if field["time_limit"].isPresent, let limit = readTime(field["time_limit"], in: (1.0 / 3600)...1, expected: "1 s to 1 h") {
            settings.timeLimit = limit * 3600
        }
        if field["threads"].isPresent, let threads = field["threads"].number(expected: "a thread count from 1 to 64") {
            if threads >= 1, threads <= 64, threads == threads.rounded() { settings.threads = Int(threads) } else {
                field["threads"].error("threads \(field["threads"].text) must be a whole number from 1 to 64")
            }
        }
        if field["seed"].isPresent, let seed = field["seed"].number(expected: "a whole number from 0 to 2^53 − 1") {
            if seed >= 0, seed <= Double(UncertaintySettings.maximumSeed), seed == seed.rounded() { settings.seed = UInt64(seed) } else {
                field["seed"].error("seed \(field["seed"].text) must be a whole number from 0 to 9007199254740991 (2^53 − 1)")
            }
        }
        settings.robust = readRobust(field["robust"])
        return settings
    }

    static func format(_ range: ClosedRange<Double>) -> String {
        "\(Quantity.format(range.lowerBound))–\(Quantity.format(range.upperBound))"
    }
}

extension String {
    /// Splits on a whole word (surrounded by spaces), e.g. `"4 to 5 mmol/L"` by `"to"`.
    func components(separatedByWord word: String) -> [String] {
        let tokens = split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        guard let index = tokens.firstIndex(of: word) else { return [self] }
        return [tokens[..<index].joined(separator: " "), tokens[(index + 1)...].joined(separator: " ")]
    }
}
