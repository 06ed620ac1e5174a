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
    /// The case text read (for `--show-case` and tests); a two-arm figure's two cases are joined by
    /// ``secondArmSeparator``.
    public var caseText: String
    public static let secondArmSeparator = "# second arm:\n"
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

    /// One figure → a resolved case (two for a two-arm readout), or why not.
    static func prepare(_ figure: Figure, translator: inout ScenarioTranslator, catalog: Catalog) -> Result<PreparedFigure, Failure> {
        do {
            guard let scenario = figure.scenario else { throw Failure(status: .notExpressible("no scenario")) }
            let first = scenario["readout"]?.items.first
            var comparison: ArmComparison? = nil
            if let first {
                do { comparison = try ArmComparison.parse(first, scenario: scenario) } catch {
                    throw Failure(status: .notExpressible("two-arm readout: each arm's \(error.reason)"))
                }
            }
            guard let comparison else {
                // One run: the scenario's gaps first, then its readout, then the case reader.
                let translation = try translate(figure, scenario: scenario, translator: &translator)
                guard let first else { throw Failure(status: .notExpressible("no readout")) }
                let readout: Readout
                do { readout = try Readout.parse(first) } catch { throw Failure(status: .notExpressible(error.reason)) }
                try translation.check(readout)
                let problem = try read(translation, figure: figure, translator: translator, catalog: catalog)
                return .success(PreparedFigure(figure: figure, problem: problem, readout: readout,
                                               acceptance: Acceptance.of(figure, readout: first), notes: translation.notes,
                                               caseText: translation.caseText, usesShiftDrivers: translation.usesShiftDrivers))
            }
            var translations: [ScenarioTranslator.Translation] = [], problems: [PlanProblem] = []
            for arm in [comparison.first, comparison.second] {
                guard let variant = comparison.scenario(arm, of: scenario) else {
                    throw Failure(status: .notExpressible("a two-arm readout on a scenario whose dialysate is not given by composition"))
                }
                let translation = try translate(figure, scenario: variant, translator: &translator)
                try translation.check(comparison.base)
                problems.append(try read(translation, figure: figure, translator: translator, catalog: catalog))
                translations.append(translation)
            }
            let notes = translations[0].notes + translations[1].notes.filter { !translations[0].notes.contains($0) }.map { "second arm: " + $0 }
            var p = PreparedFigure(figure: figure, problem: problems[0], readout: comparison.base,
                                   acceptance: first.flatMap { Acceptance.of(figure, readout: $0) }, notes: notes,
                                   caseText: translations.map(\.caseText).joined(separator: PreparedFigure.secondArmSeparator),
                                   usesShiftDrivers: translations.contains { $0.usesShiftDrivers })
            p.arms = (comparison, problems[0], problems[1])
            return .success(p)
        } catch let failure as Failure {
            return .failure(failure)
        } catch {
            return .failure(Failure(status: .notExpressible("\(error)")))
        }
    }

    /// A scenario (a figure's, or one arm of it) as case text, or its gaps.
    static func translate(_ figure: Figure, scenario: YAMLValue, translator: inout ScenarioTranslator) throws(Failure) -> ScenarioTranslator.Translation {
        var armFigure = figure
        armFigure.scenario = scenario
        do { return try translator.translate(armFigure) } catch { throw Failure(status: .notExpressible(error.description)) }
    }

    /// Case text → a resolved case through the normal case reader and resolver, or the reader's refusal.
    static func read(_ translation: ScenarioTranslator.Translation, figure: Figure, translator: ScenarioTranslator,
                     catalog: Catalog) throws(Failure) -> PlanProblem {
        do {
            let document = try YAMLDocument.parse(translation.caseText, source: "figure \(figure.id)")
            let file = try CaseReader.read(document)
            return try PlanningCase.resolve(file, catalog: translator.fluids.extending(catalog), mode: .simulate).problem
        } catch {
            let errors = error.issues.filter { $0.severity == .error }
            let text = errors.isEmpty ? "\(error)" : errors.map { "\($0.path): \($0.message)" }.joined(separator: "; ")
            throw Failure(status: .refused(text))
        }
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
