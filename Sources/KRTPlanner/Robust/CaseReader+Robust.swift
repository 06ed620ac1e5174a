import KRTInput
import KRTKinetics
import KRTUnits

extension CaseReader {
    /// `solver.robust`: `{scenarios: 30, confidence: 90 %, objective: nominal, cv: {potassium_ecf_volume: 25 %}}`
    /// (docs/case-format.md, docs/uncertainty.md "Robust planning"). Its presence makes `plan` robust.
    static func readRobust(_ field: Field) -> RobustCaseSettings? {
        guard field.isPresent else { return nil }
        var settings = RobustCaseSettings()
        guard field.expectMapping(allowedKeys: ["scenarios", "confidence", "objective", "cv"], required: false) else { return settings }
        let scenarios = field["scenarios"]
        if scenarios.isPresent, let n = scenarios.number(expected: "a whole number of scenarios from 1 to 1000") {
            if let count = RobustCaseSettings.scenarioCount(n) { settings.scenarios = count } else {
                scenarios.error("scenarios \(scenarios.text) is outside 1 to 1000; expected a whole number of scenarios from 1 to 1000")
            }
        }
        let confidence = field["confidence"]
        if confidence.isPresent, let p = confidence.canonical(.fraction) {
            if RobustCaseSettings.isConfidence(p) { settings.confidence = p } else {
                confidence.error("confidence \(confidence.text) is outside (0, 1); expected a fraction strictly between 0 and 1 such as 0.9 or 90 %")
            }
        }
        let objective = field["objective"]
        if objective.isPresent, let mode = objective.choice(RobustSettings.Objective.self) {
            if RobustSettings.Objective.supported.contains(mode) { settings.objective = mode } else {
                objective.error(RobustCaseSettings.unsupportedObjective(mode))
            }
        }
        let cv = field["cv"]
        if cv.isPresent, cv.expectMapping(allowedKeys: RobustCaseSettings.cvNames, required: false) {
            for name in cv.keys {
                guard let value = cv[name].canonical(.fraction) else { continue }
                if value >= 0, value <= RobustSettings.maximumCV { settings.cv[name] = value } else {
                    cv[name].error("CV \(cv[name].text) is outside 0 to 300 %; expected a coefficient of variation from 0 to 3 (0 % to 300 %)")
                }
            }
        }
        return settings
    }
}

extension RobustCaseSettings {
    /// N when `value` is a whole number in 1…1000.
    public static func scenarioCount(_ value: Double) -> Int? {
        guard value == value.rounded(), value >= Double(RobustSettings.scenarioRange.lowerBound),
              value <= Double(RobustSettings.scenarioRange.upperBound) else { return nil }
        return Int(value)
    }

    /// A confidence strictly between 0 and 1.
    public static func isConfidence(_ value: Double) -> Bool { value.isFinite && value > 0 && value < 1 }

    public static func unsupportedObjective(_ mode: RobustSettings.Objective) -> String {
        "objective '\(mode.rawValue)' is not supported by the back-off method (docs/uncertainty.md, Robust planning); expected nominal"
    }

    /// Parameter names whose population-prior CV `solver.robust.cv` may set: every parameter the prior
    /// can draw (docs/model.md priors).
    public static let cvNames: [String] = {
        var names: [ParameterName] = [.potassiumECFVolume, .potassiumPoolVolume, .potassiumExchangeClearance, .phosphateCentralVolume,
                                      .phosphatePoolVolume, .phosphateMobilisationClearance, .magnesiumPoolVolume, .couplingAlpha]
        for solute in Solute.planned {
            names.append(PatientFitProblem.intakeParameter(solute))
            names.append(PatientFitProblem.urineParameter(solute))
        }
        return names.map(\.snakeCaseName) + ["delivered_fraction"]
    }()
}
