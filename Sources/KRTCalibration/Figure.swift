import KRTInput

/// One published figure of `docs/validation/figures.yaml` (schema: docs/validation/README.md), as the
/// harness uses it: identity, the published value and spread, the tolerance text, and the scenario with
/// `same_as` already resolved.
public struct Figure: Sendable, Hashable {
    public enum Half: String, Sendable, Hashable, CaseIterable { case calibration, validation }

    public var id: String
    /// `potassium`, `phosphate`, `magnesium` (or `urea (…)` for a transport reference).
    public var solute: String
    public var topic: String
    public var half: Half
    public var confidence: String
    /// What was measured, as the file says.
    public var quantity: String
    /// The published value (nil when the file gives none as a number).
    public var value: Double?
    public var unit: String
    /// The published spread: its kind as written, and low/high when given (same unit as `value`).
    public var spreadKind: String
    public var spreadLow: Double?
    public var spreadHigh: Double?
    /// The file's `assumed_tolerance` text (an ASSUMPTION where the paper gives no usable spread).
    public var assumedTolerance: String?
    /// The scenario after `same_as` (nil for a figure without one).
    public var scenario: YAMLValue?

    public init(id: String, solute: String, topic: String, half: Half, confidence: String, quantity: String, value: Double?,
                unit: String, spreadKind: String, spreadLow: Double?, spreadHigh: Double?, assumedTolerance: String?,
                scenario: YAMLValue?) {
        self.id = id
        self.solute = solute
        self.topic = topic
        self.half = half
        self.confidence = confidence
        self.quantity = quantity
        self.value = value
        self.unit = unit
        self.spreadKind = spreadKind
        self.spreadLow = spreadLow
        self.spreadHigh = spreadHigh
        self.assumedTolerance = assumedTolerance
        self.scenario = scenario
    }
}

/// The whole figure file.
public struct FigureFile: Sendable {
    public var figures: [Figure]
    /// `reference_patient` (used for the fields a case requires that a scenario does not give, e.g. `sex`).
    public var referencePatient: YAMLValue
    /// SHA-256 of the file read.
    public var sha256: String

    /// The default location, relative to the package root.
    public static let defaultPath = "docs/validation/figures.yaml"

    public static func load(path: String) throws(InputError) -> FigureFile {
        let document = try YAMLDocument.load(path: path, limits: InputLimits(maxBytes: 4 << 20, maxNodes: 400_000, maxDepth: 32))
        return try parse(document)
    }

    public static func parse(_ document: YAMLDocument) throws(InputError) -> FigureFile {
        let root = YAMLValue(document.root)
        guard case let .list(records)? = root["figures"] else {
            throw InputError(.data, source: document.source, message: "figures: expected a list of figure records")
        }
        var scenarios: [String: YAMLValue] = [:]
        var figures: [Figure] = []
        for record in records {
            guard let id = record["id"]?.text else {
                throw InputError(.data, source: document.source, message: "figures: a record has no id")
            }
            guard let half = record["half"]?.text.flatMap(Figure.Half.init(rawValue:)) else {
                throw InputError(.data, source: document.source, message: "figures.\(id).half: expected calibration or validation")
            }
            var scenario = record["scenario"]
            if let base = scenario?["same_as"]?.text {
                guard let resolved = scenarios[base] else {
                    throw InputError(.data, source: document.source, message: "figures.\(id).scenario.same_as: '\(base)' is not an earlier figure")
                }
                scenario = resolved.replacing(with: scenario!.removing(["same_as"]))
            }
            if let scenario {
                try checkArms(scenario, field: "figures.\(id).scenario", source: document.source)
                scenarios[id] = scenario
            }
            let published = record["published"]
            let spread = published?["spread"]
            figures.append(Figure(
                id: id, solute: record["solute"]?.text ?? "", topic: record["topic"]?.text ?? "", half: half,
                confidence: record["confidence"]?.text ?? "", quantity: published?["quantity"]?.text ?? "",
                value: published?["value"]?.number, unit: published?["unit"]?.text ?? "",
                spreadKind: spread?["kind"]?.text ?? "not given", spreadLow: spread?["low"]?.number,
                spreadHigh: spread?["high"]?.number, assumedTolerance: record["assumed_tolerance"]?.text,
                scenario: scenario))
        }
        return FigureFile(figures: figures, referencePatient: root["reference_patient"] ?? .map([]), sha256: document.sha256)
    }

    /// A two-arm readout's fields (``ArmComparison``) hang together: `second_arm` a mapping, and the first
    /// readout's `combine` (ratio or difference) and `each_arm` given exactly when it is. The error names
    /// the field, what it holds and what was expected.
    static func checkArms(_ scenario: YAMLValue, field: String, source: String) throws(InputError) {
        func fail(_ path: String, _ message: String) -> InputError { InputError(.data, source: source, message: "\(field).\(path): \(message)") }
        let readout = scenario["readout"]?.items.first
        let second = scenario["second_arm"], combine = readout?["combine"], each = readout?["each_arm"]
        if let second {
            guard case .map = second else { throw fail("second_arm", "expected a mapping of scenario keys that replace the first arm's, got '\(second.flowText)'") }
        }
        guard second != nil || combine != nil || each != nil else { return }
        guard let combine else { throw fail("readout[0].combine", "missing; a two-arm readout needs combine: ratio or difference") }
        guard let text = combine.text, ArmComparison.Combination(rawValue: text) != nil else {
            throw fail("readout[0].combine", "'\(combine.text ?? combine.flowText)' is not ratio or difference")
        }
        guard let each else { throw fail("readout[0].each_arm", "missing; the one-run readout read on each arm, e.g. 'K(2 h) − K(0)'") }
        guard each.text != nil || each["quantity"]?.text != nil else {
            throw fail("readout[0].each_arm", "expected a readout's words or a mapping with quantity, got '\(each.flowText)'")
        }
        guard second != nil else { throw fail("second_arm", "missing; combine needs a second arm (scenario keys that replace the first arm's)") }
    }
}
