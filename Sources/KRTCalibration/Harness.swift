import KRTCatalog
import KRTInput
import KRTKinetics
import KRTPlanner
import KRTUnits

/// A figure turned into a resolved krtplan case, ready to simulate with any model parameters.
public struct PreparedFigure: Sendable {
    public var figure: Figure
    public var problem: PlanProblem
    public var readout: Readout
    public var acceptance: Acceptance?
    /// What the translation stated that the scenario did not (documented defaults).
    public var notes: [String]
    /// The case text read (for `--show-case` and tests).
    public var caseText: String
    /// Whether the case carries `shift_drivers` (then the model run must include them: HarnessTests checks).
    public var usesShiftDrivers: Bool
    /// For a two-arm readout: the comparison and the two arms' resolved cases (the readout is read on each).
    public var arms: (comparison: ArmComparison, first: PlanProblem, second: PlanProblem)? = nil

    /// The figure's value from a predictor (model or single-pool) built for each case it needs.
    public func value(_ predictor: (PlanProblem) -> Prediction) -> Double {
        guard let arms else { return predictor(problem).value(of: readout) }
        return arms.comparison.combine(predictor(arms.first).value(of: readout), predictor(arms.second).value(of: readout))
    }
}

/// What happened to one figure.
public enum FigureStatus: Sendable, Hashable {
    /// Simulated and compared: model and single-pool values, and whether each is within the acceptance interval.
    case compared(model: Double, singlePool: Double, modelWithin: Bool, singlePoolWithin: Bool)
    /// Simulated, but the figure file gives no usable spread or tolerance.
    case noTolerance(model: Double, singlePool: Double)
    /// The scenario or readout cannot be stated today ("not expressible yet: …").
    case notExpressible(String)
    /// The case reader or resolver refused the translated case (its message).
    case refused(String)
}

public struct FigureOutcome: Sendable, Hashable {
    public var figure: Figure
    public var acceptance: Acceptance?
    public var status: FigureStatus
}

/// The calibration harness: reads the figure file, turns every scenario into a krtplan case through the
/// normal case reader, and predicts every figure with the model and the single-pool formula.
public struct Harness: Sendable {
    public var file: FigureFile
    public var catalog: Catalog
    public private(set) var prepared: [PreparedFigure] = []
    /// The catalog the cases were resolved with: the bundled one plus the scenarios' fluids (``CalibrationFluids``).
    public private(set) var resolvingCatalog: Catalog
    /// Figures not prepared and why (status `.notExpressible` or `.refused`).
    public private(set) var unprepared: [String: FigureStatus] = [:]

    public init(file: FigureFile, catalog: Catalog) {
        self.file = file
        self.catalog = catalog
        var translator = ScenarioTranslator(referencePatient: file.referencePatient)
        for figure in file.figures {
            switch Self.prepare(figure, translator: &translator, catalog: catalog) {
            case let .success(p): prepared.append(p)
            case let .failure(status): unprepared[figure.id] = status.status
            }
        }
        resolvingCatalog = translator.fluids.extending(catalog)
    }

    struct Failure: Error { var status: FigureStatus }

    /// One figure → a resolved case, or why not.
    static func prepare(_ figure: Figure, translator: inout ScenarioTranslator, catalog: Catalog) -> Result<PreparedFigure, Failure> {
        let prepared: PreparedFigure
        switch resolve(figure, translator: &translator, catalog: catalog) {
        case let .success(p): prepared = p
        case let .failure(f):
            // A two-arm readout: each arm is the scenario with its dialysate concentration, resolved as a case.
            guard let first = figure.scenario?["readout"]?.items.first, let comparison = ArmComparison.parse(first),
                  let scenario = figure.scenario else { return .failure(f) }
            var arms: [PreparedFigure] = []
            for value in [comparison.first, comparison.second] {
                guard let variant = comparison.variant(of: scenario, value) else {
                    return .failure(Failure(status: .notExpressible("a two-arm readout on a scenario whose dialysate is not given by composition")))
                }
                var armFigure = figure
                let readout = YAMLValue.map([("quantity", .scalar("serum potassium")), ("at", .scalar("0 h"))])
                armFigure.scenario = variant.setting("readout", .list([readout]))
                switch resolve(armFigure, translator: &translator, catalog: catalog) {
                case let .success(p): arms.append(p)
                case let .failure(failure): return .failure(failure)
                }
            }
            var p = arms[0]
            p.figure = figure
            p.readout = comparison.base
            p.acceptance = Acceptance.of(figure, readout: first)
            p.arms = (comparison, arms[0].problem, arms[1].problem)
            p.caseText = arms.map(\.caseText).joined(separator: "# second arm:\n")
            return .success(p)
        }
        return .success(prepared)
    }

    /// One figure with a one-run readout → a resolved case, or why not.
    static func resolve(_ figure: Figure, translator: inout ScenarioTranslator, catalog: Catalog) -> Result<PreparedFigure, Failure> {
        let translation: ScenarioTranslator.Translation
        do { translation = try translator.translate(figure) } catch { return .failure(Failure(status: .notExpressible(error.description))) }
        guard let first = translation.readouts.first else { return .failure(Failure(status: .notExpressible("no readout"))) }
        let readout: Readout
        do { readout = try Readout.parse(first) } catch { return .failure(Failure(status: .notExpressible(error.reason))) }
        guard readout.latestTime <= translation.latestReadoutTime + 1e-9 || !translation.dormantSession else {
            return .failure(Failure(status: .notExpressible("readout after the scenario's horizon")))
        }
        let problem: PlanProblem
        do {
            let document = try YAMLDocument.parse(translation.caseText, source: "figure \(figure.id)")
            let file = try CaseReader.read(document)
            problem = try PlanningCase.resolve(file, catalog: translator.fluids.extending(catalog), mode: .simulate).problem
        } catch {
            let errors = error.issues.filter { $0.severity == .error }
            if translation.usesShiftDrivers, errors.contains(where: { "\($0)".contains("shift_drivers") }) {
                return .failure(Failure(status: .notExpressible("shift drivers (insulin, β2-agonist, bicarbonate): the case reader has no shift_drivers yet")))
            }
            let text = errors.isEmpty ? "\(error)" : errors.map { "\($0.path): \($0.message)" }.joined(separator: "; ")
            return .failure(Failure(status: .refused(text)))
        }
        return .success(PreparedFigure(figure: figure, problem: problem, readout: readout,
                                       acceptance: Acceptance.of(figure, readout: first), notes: translation.notes,
                                       caseText: translation.caseText, usesShiftDrivers: translation.usesShiftDrivers))
    }

    /// Every figure's outcome with model parameters `parameters` (empty: the model's defaults), in file order.
    public func outcomes(parameters: [ParameterName: Double] = [:]) -> [FigureOutcome] {
        let byID = Dictionary(uniqueKeysWithValues: prepared.map { ($0.figure.id, $0) })
        return file.figures.map { figure in
            guard let p = byID[figure.id] else {
                return FigureOutcome(figure: figure, acceptance: nil, status: unprepared[figure.id] ?? .notExpressible("not prepared"))
            }
            let model = p.value { ModelPrediction(problem: $0, parameters: parameters) }
            let single = p.value { SinglePoolPrediction(problem: $0) }
            guard let a = p.acceptance else {
                return FigureOutcome(figure: figure, acceptance: nil, status: .noTolerance(model: model, singlePool: single))
            }
            return FigureOutcome(figure: figure, acceptance: a, status: .compared(
                model: model, singlePool: single, modelWithin: model.isFinite && a.contains(model),
                singlePoolWithin: single.isFinite && a.contains(single)))
        }
    }
}
