import KRTInput
import KRTUnits

/// One lab draw as written in a case (or imported): its time, any of the three solutes, and flags that
/// say whether a value may be trusted. Times in h from now (≤ 0); values in mmol/L.
public struct LabResult: Sendable, Hashable {
    /// What is known about how the sample was taken or reported.
    public struct Flags: OptionSet, Sendable, Hashable {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }

        /// Haemolysed sample: its potassium is falsely high and is not used (the other solutes are).
        public static let haemolysed = Flags(rawValue: 1 << 0)
        /// Drawn from the extracorporeal circuit: not the patient's level; the whole draw is not used.
        public static let drawnFromCircuit = Flags(rawValue: 1 << 1)
        /// Drawn after the filter (post-filter, e.g. for citrate monitoring): the whole draw is not used.
        public static let postFilter = Flags(rawValue: 1 << 2)
        /// Potassium measured in whole blood (blood-gas analyser), not serum or plasma: used, with a note.
        public static let wholeBlood = Flags(rawValue: 1 << 3)
        /// A preliminary result, not yet final: used, with a note.
        public static let preliminary = Flags(rawValue: 1 << 4)

        /// The case-file key of each flag, in documentation order.
        public static let keys: [(key: String, flag: Flags)] = [
            ("haemolysed", .haemolysed), ("drawn_from_circuit", .drawnFromCircuit), ("post_filter", .postFilter),
            ("whole_blood", .wholeBlood), ("preliminary", .preliminary),
        ]
    }

    /// Time (h; 0 is now, history is negative).
    public var at: Double
    /// Measured levels (mmol/L) as written, flagged ones included.
    public var values: [Solute: Double]
    public var flags: Flags
    /// Where it was written, for messages.
    public var path: FieldPath
    public var line: Int?

    public init(at: Double, values: [Solute: Double], flags: Flags = [], path: FieldPath = FieldPath(parsing: "labs"), line: Int? = nil) {
        self.at = at
        self.values = values
        self.flags = flags
        self.path = path
        self.line = line
    }

    /// Whether this draw's `solute` value may be used for the starting state or a fit.
    public func isUsable(_ solute: Solute) -> Bool {
        guard values[solute] != nil, flags.isDisjoint(with: [.drawnFromCircuit, .postFilter]) else { return false }
        return !(solute == .potassium && flags.contains(.haemolysed))
    }
}

extension CaseReader {
    /// Every lab draw, with the latest usable value of each planned solute at or before 0 h as the start.
    ///
    /// Two usable values of one solute at the same time that differ are refused (the clinician must say
    /// which is right, e.g. by flagging a haemolysed sample); identical duplicates get one warning.
    static func readLabs(_ field: Field) -> (values: [Solute: Double], times: [Solute: Double], all: [LabResult])? {
        guard let entries = field.list(expected: "a list of labs such as {at: 0 h, potassium: 3.1 mmol/L, …}") else { return nil }
        var results: [LabResult] = []
        // Solutes written somewhere, even with a bad value or time: those already have their own
        // message, so "no value" is reported only for solutes the labs never mention.
        var mentioned: Set<Solute> = []
        let allowed = ["at"] + Solute.planned.map(\.rawValue) + LabResult.Flags.keys.map(\.key)
        for entry in entries {
            guard entry.expectMapping(allowedKeys: allowed) else { continue }
            mentioned.formUnion(Solute.planned.filter { entry[$0.rawValue].isPresent })
            guard let at = entry["at"].canonical(.time) else { continue }
            if at > 0 { entry["at"].error("lab at \(entry["at"].text) is in the future; expected a time at or before 0 h"); continue }
            var flags: LabResult.Flags = []
            for (key, flag) in LabResult.Flags.keys where entry[key].bool(required: false) == true { flags.insert(flag) }
            var values: [Solute: Double] = [:]
            for solute in Solute.planned where entry[solute.rawValue].isPresent {
                if let value = readLabValue(entry[solute.rawValue], solute: solute) { values[solute] = value }
            }
            results.append(LabResult(at: at, values: values, flags: flags, path: entry.path, line: entry.line))
            noteFlags(flags, of: entry, values: values)
        }
        let usable = usableLabs(results, field: field)
        var values: [Solute: Double] = [:], times: [Solute: Double] = [:]
        for (solute, lab) in usable {
            values[solute] = lab.values[solute]
            times[solute] = lab.at
        }
        for solute in Solute.planned where values[solute] == nil && !mentioned.contains(solute) {
            field.error(value: "", "no \(solute.rawValue) value at or before 0 h; expected each of potassium, phosphate and magnesium")
        }
        for solute in Solute.planned where values[solute] == nil && mentioned.contains(solute)
            && results.contains(where: { $0.values[solute] != nil }) {
            field.error(value: "", "every \(solute.rawValue) value is flagged as unusable; expected at least one usable \(solute.rawValue) at or before 0 h")
        }
        for solute in Solute.planned {
            guard let time = times[solute], time < -24 else { continue }
            field.warning(value: "\(Quantity.format(time)) h", "the latest \(solute.rawValue) is from \(Quantity.format(-time)) h ago; predictions start from it")
        }
        return values.count == Solute.planned.count ? (values, times, results) : nil
    }

    /// The latest usable draw per solute; conflicting same-time values are errors.
    private static func usableLabs(_ results: [LabResult], field: Field) -> [Solute: LabResult] {
        var latest: [Solute: LabResult] = [:]
        for solute in Solute.planned {
            var byTime: [Double: LabResult] = [:]
            for lab in results where lab.isUsable(solute) {
                guard let value = lab.values[solute] else { continue }
                if let earlier = byTime[lab.at], let earlierValue = earlier.values[solute] {
                    let entry = field.descendant(at: lab.path)
                    if abs(earlierValue - value) > 1e-9 {
                        entry.error(value: "\(Quantity.format(value)) mmol/L",
                                    "\(solute.rawValue) at \(Quantity.format(lab.at)) h is given twice with different values: " +
                                    "\(Quantity.format(earlierValue)) mmol/L\(lineText(earlier.line)) and \(Quantity.format(value)) mmol/L\(lineText(lab.line)); " +
                                    "expected one value (flag the wrong one, e.g. haemolysed: true, or remove it)")
                    } else {
                        entry.warning(value: "\(Quantity.format(value)) mmol/L",
                                      "\(solute.rawValue) at \(Quantity.format(lab.at)) h is given twice with the same value\(lineText(earlier.line)); used once")
                    }
                    continue
                }
                byTime[lab.at] = lab
                if latest[solute].map({ lab.at > $0.at }) ?? true { latest[solute] = lab }
            }
        }
        return latest
    }

    private static func noteFlags(_ flags: LabResult.Flags, of entry: Field, values: [Solute: Double]) {
        if flags.contains(.haemolysed), values[.potassium] != nil {
            entry["haemolysed"].warning("haemolysed sample: its potassium is not used (falsely high); its other values are")
        }
        if flags.contains(.drawnFromCircuit) {
            entry["drawn_from_circuit"].warning("drawn from the circuit: not the patient's level; this draw is not used")
        }
        if flags.contains(.postFilter) {
            entry["post_filter"].warning("drawn after the filter: not the patient's level; this draw is not used")
        }
        if flags.contains(.wholeBlood), values[.potassium] != nil {
            entry["whole_blood"].warning("potassium measured in whole blood (blood-gas analyser): used as if serum; the two can differ by a few tenths of a mmol/L")
        }
        if flags.contains(.preliminary) {
            entry["preliminary"].warning("preliminary result: used; check the final result")
        }
    }

    private static func lineText(_ line: Int?) -> String { line.map { " (line \($0))" } ?? "" }

    /// A serum level with plausibility checks that catch unit mistakes.
    static func readLabValue(_ field: Field, solute: Solute) -> Double? {
        guard let quantity = field.quantity(.concentration) else { return nil }
        if solute == .potassium, quantity.unit.basis == .mass {
            field.error("potassium is reported in mmol/L or mEq/L, not '\(quantity.unit.symbol)'; expected e.g. '4.1 mmol/L'")
            return nil
        }
        guard let value = field.canonical(.concentration, solute: solute) else { return nil }
        let plausible = Plausibility.serum(solute)
        guard plausible.contains(value) else {
            var hint = ""
            if let reading = Plausibility.alternativeReading(quantity, solute: solute) { hint = "; \(reading)" }
            field.error("\(solute.rawValue) \(field.text) is not a plausible serum level (expected \(format(plausible)) mmol/L)\(hint)")
            return nil
        }
        if let reading = Plausibility.suspiciousReading(quantity, value: value, solute: solute) {
            field.warning(reading)
        }
        return value
    }
}
